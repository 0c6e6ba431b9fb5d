/*
 * Opening and reading input files: policy.yaml, templates, case files, data
 * files of `scorecard render`, the CSV files (which stream from the
 * descriptor), the files of an archive.  Only regular files are read: a
 * FIFO, a device or a folder is refused without reading from it or waiting
 * on it.
 */
#ifndef SC_FILEIO_H
#define SC_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

/* The error of a path that is not a regular file (errno values are > 0). */
#define FILE_NOT_REGULAR (-1)

/*
 * A read-only descriptor on path, which must be a regular file; or -1
 * with *err set to the errno of the failure or FILE_NOT_REGULAR.  With
 * nofollow, a symbolic link is not followed and so is not regular.  The
 * file is opened without blocking (a FIFO with no writer) and checked
 * with fstat before any byte is read.
 */
int	 file_open(const char *path, bool nofollow, int *err);
/* The same, for name relative to the folder descriptor dirfd. */
int	 file_openat(int dirfd, const char *name, bool nofollow, int *err);
/* What an error of file_open or file_read says: strerror or our own. */
const char *file_strerror(int err);

/*
 * The bytes of path, NUL-terminated, and their number in *len; or NULL
 * with *err set as by file_open, or EFBIG when the file is larger than
 * max bytes.  Nothing is reported: the caller says what the file was for.
 */
char	*file_read(const char *path, size_t max, size_t *len, int *err);
/* The same from an open descriptor, which it closes. */
char	*file_read_fd(int fd, size_t max, size_t *len, int *err);

#endif
