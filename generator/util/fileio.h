/*
 * Reading a whole, bounded file into memory: policy.yaml, templates, case
 * files, data files of `scorecard render`.  (The CSV files stream instead.)
 */
#ifndef SC_FILEIO_H
#define SC_FILEIO_H

#include <stddef.h>

/*
 * The bytes of path, NUL-terminated, and their number in *len; or NULL
 * with *err set to the errno of the failure, or EFBIG when the file is
 * larger than max bytes.  Nothing is reported: the caller says what the
 * file was for.
 */
char	*file_read(const char *path, size_t max, size_t *len, int *err);

#endif
