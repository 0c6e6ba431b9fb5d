/*
 * The bounded whole-file read of fileio.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"
#include "util/fileio.h"

char *
file_read(const char *path, size_t max, size_t *len, int *err)
{
	FILE *fp = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[16384];
	size_t n;

	*err = 0;
	*len = 0;
	if (fp == NULL) {
		*err = errno;
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		buf_put(&b, chunk, n);
		if (b.len > max) {
			*err = EFBIG;
			break;
		}
	}
	if (*err == 0 && ferror(fp))
		*err = errno != 0 ? errno : EIO;
	fclose(fp);
	if (*err != 0) {
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return buf_detach(&b);
}
