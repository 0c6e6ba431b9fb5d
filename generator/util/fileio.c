/*
 * Opening only regular files, and the bounded whole-file read of fileio.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fileio.h"

int
file_openat(int dirfd, const char *name, bool nofollow, int *err)
{
	struct stat st;
	int fd, flags;

	*err = 0;
	/* O_NONBLOCK: opening a FIFO does not wait for a writer */
	fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC |
	    (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0) {
		*err = errno == ELOOP && nofollow ? FILE_NOT_REGULAR : errno;
		return -1;
	}
	if (fstat(fd, &st) != 0)
		*err = errno;
	else if (!S_ISREG(st.st_mode))
		*err = FILE_NOT_REGULAR;
	if (*err != 0) {
		close(fd);
		return -1;
	}
	if ((flags = fcntl(fd, F_GETFL)) != -1)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}

int
file_open(const char *path, bool nofollow, int *err)
{
	return file_openat(AT_FDCWD, path, nofollow, err);
}

const char *
file_strerror(int err)
{
	if (err == FILE_NOT_REGULAR)
		return "not a regular file (a FIFO, a device or a folder)";
	return strerror(err);
}

char *
file_read_fd(int fd, size_t max, size_t *len, int *err)
{
	struct buf b = BUF_INIT;
	char chunk[16384];
	ssize_t n;

	*err = 0;
	*len = 0;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*err = errno;
			break;
		}
		buf_put(&b, chunk, (size_t)n);
		if (b.len > max) {
			*err = EFBIG;
			break;
		}
	}
	close(fd);
	if (*err != 0) {
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return buf_detach(&b);
}

char *
file_read(const char *path, size_t max, size_t *len, int *err)
{
	int fd;

	*len = 0;
	if ((fd = file_open(path, false, err)) < 0)
		return NULL;
	return file_read_fd(fd, max, len, err);
}
