/*
 * The atomic output folder of outdir.h.  The swap uses renameat2 with
 * RENAME_EXCHANGE, so at every instant the target path names either the
 * complete old folder or the complete new one; the old one is then removed.
 * Every file is created afresh (O_CREAT|O_EXCL|O_NOFOLLOW) under a name
 * no one can foresee, so a link planted in the output folder is never
 * followed.  The callers hold the output folder's lock (outlock.h).
 *
 * Durability (docs/output.md §5): the files are not synced one by one (a
 * sync per file was most of the time of a run writing thousands of
 * pages); the commit syncs the whole temporary folder once (syncfs)
 * before the rename, then the parent folder after it.  A crash before the
 * rename is on the disk leaves the old folder and a hidden temporary one,
 * which the next run removes; after it, every file the new folder names
 * was on the disk before the rename.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/diag.h"
#include "jobs/interrupt.h"
#include "jobs/outdir.h"

bool
path_exists(const char *p)
{
	struct stat st;

	return lstat(p, &st) == 0;
}

int
outdir_make_dirs(const char *path)
{
	char *p = xstrdup(path), *s;

	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	if (mkdir(p, 0755) != 0 && errno != EEXIST) {
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

static void remove_tree(const char *);

/* Whether PATH is a folder itself (not a link to one), or nothing. */
static bool
is_folder_or_absent(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno == ENOENT;
	return S_ISDIR(st.st_mode);
}

/*
 * Removes what a killed run of the same output left: hidden folders and
 * files .NAME.tmp-XXXXXX beside the target.  The caller holds the output
 * folder's lock, so no live run owns one of them.
 */
static void
remove_stale(const char *parent, const char *name)
{
	struct buf prefix = BUF_INIT, path = BUF_INIT;
	struct dirent *de;
	DIR *d;

	if ((d = opendir(parent)) == NULL)
		return;
	buf_printf(&prefix, ".%s.tmp-", name);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, prefix.data, prefix.len) == 0 &&
		    strlen(de->d_name) == prefix.len + 6) {
			buf_reset(&path);
			buf_printf(&path, "%s/%s", parent, de->d_name);
			remove_tree(path.data);
		}
	closedir(d);
	buf_free(&prefix);
	buf_free(&path);
}

int
outdir_begin(struct outdir *o, const char *parent, const char *name)
{
	struct buf b = BUF_INIT;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	if (outdir_make_dirs(parent) != 0) {
		diag(DIAG_ERROR, parent, 0, NULL, NULL,
		    "cannot create the output folder: %s", strerror(errno));
		diag_set_exit(EX_CANTCREAT);
		return EX_CANTCREAT;
	}
	remove_stale(parent, name);
	buf_printf(&b, "%s/%s", parent, name);
	if (!is_folder_or_absent(b.data)) {
		diag(DIAG_ERROR, b.data, 0, NULL, NULL, "is in the way: the "
		    "output goes into a folder of that name; move it away");
		diag_set_exit(EX_CANTCREAT);
		buf_free(&b);
		return EX_CANTCREAT;
	}
	o->target = buf_detach(&b);
	buf_printf(&b, "%s/.%s.tmp-XXXXXX", parent, name);
	o->temp = buf_detach(&b);
	interrupt_hold(true);	/* no signal between making and guarding it */
	if (mkdtemp(o->temp) == NULL) {
		interrupt_hold(false);
		diag(DIAG_ERROR, parent, 0, NULL, NULL,
		    "cannot create a folder in the output folder: %s",
		    strerror(errno));
		diag_set_exit(EX_CANTCREAT);
		free(o->temp);
		free(o->target);
		memset(o, 0, sizeof(*o));
		o->fd = -1;
		return EX_CANTCREAT;
	}
	interrupt_guard_folder(o->temp);
	interrupt_hold(false);
	chmod(o->temp, 0755);
	/* opened now: syncfs() reports write-back errors since the open */
	o->fd = open(o->temp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return 0;
}

FILE *
outdir_create_file(const char *path)
{
	FILE *fp;
	int fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0644)) < 0)
		return NULL;
	if ((fp = fdopen(fd, "wb")) == NULL)
		close(fd);
	return fp;
}

/*
 * Writes DATA to the open file FP (closed here), synced when SYNC; 0 or an
 * errno.
 */
static int
write_stream(FILE *fp, const struct buf *data, bool sync)
{
	int err = 0;

	if (fp == NULL ||
	    fwrite(data->data, 1, data->len, fp) != data->len ||
	    fflush(fp) != 0 || (sync && fsync(fileno(fp)) != 0))
		err = errno != 0 ? errno : EIO;
	if (fp != NULL && fclose(fp) != 0 && err == 0)
		err = errno;
	return err;
}

/* Reports a failed write of PATH; returns 74 (disk full) or 73. */
static int
write_failed(const char *path, int err)
{
	diag(DIAG_ERROR, path, 0, NULL, NULL, "cannot write: %s",
	    err == EEXIST ? "a file of that name appeared meanwhile" :
	    err == ELOOP ? "it is a symbolic link" : strerror(err));
	diag_set_exit(err == ENOSPC || err == EDQUOT || err == EFBIG ||
	    err == EIO ? EX_IOERR : EX_CANTCREAT);
	return err == ENOSPC || err == EDQUOT || err == EFBIG || err == EIO ?
	    EX_IOERR : EX_CANTCREAT;
}

/*
 * Creates PATH afresh for writing, as outdir_create_file() does; its
 * folder is made when missing, and a file of its name (a link to the
 * previous output, outdir_keep_existing()) removed.  The usual case, a
 * new file in a folder that is there, is one system call: the others are
 * tried only after the open failed for their reason.  A descriptor, or -1
 * and errno.
 */
static int
create_in_place(char *path, size_t top)
{
	int fd, tries, made;
	char *slash;

	for (tries = 0; tries < 3; tries++) {
		if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0644)) >= 0)
			return fd;
		if (errno == EEXIST) {
			if (unlink(path) != 0 && errno != ENOENT) {
				errno = EEXIST;	/* a folder, say */
				return -1;
			}
		} else if (errno == ENOENT && (slash = strrchr(path, '/')) !=
		    NULL && (size_t)(slash - path) > top) {
			*slash = '\0';
			made = outdir_make_dirs(path);
			*slash = '/';
			if (made != 0)
				return -1;
		} else
			return -1;
	}
	errno = EEXIST;		/* a file of that name appeared meanwhile */
	return -1;
}

/* Writes DATA to FD and closes it; 0 or an errno. */
static int
write_fd(int fd, const struct buf *data)
{
	const char *p = data->data;
	size_t left = data->len;
	ssize_t n;
	int err = 0;

	while (left > 0) {
		if ((n = write(fd, p, left)) < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		if (n == 0) {
			err = EIO;
			break;
		}
		p += n;
		left -= (size_t)n;
	}
	if (close(fd) != 0 && err == 0)
		err = errno;
	return err;
}

int
outdir_write(struct outdir *o, const char *rel, const struct buf *data)
{
	struct buf path = BUF_INIT;
	int status, fd;

	buf_printf(&path, "%s/%s", o->temp, rel);
	errno = 0;
	if ((fd = create_in_place(path.data, strlen(o->temp))) < 0)
		status = errno != 0 ? errno : EIO;
	else
		status = write_fd(fd, data);
	if (status != 0)
		status = write_failed(path.data, status);
	buf_free(&path);
	return status;
}

int
outdir_replace_file(const char *path, const struct buf *data)
{
	struct buf tmp = BUF_INIT;
	const char *base = strrchr(path, '/');
	int status, fd, err;
	FILE *fp = NULL;

	base = base != NULL ? base + 1 : path;	/* DIR/.NAME.tmp-XXXXXX */
	buf_printf(&tmp, "%.*s", (int)(base - path), path);
	remove_stale(tmp.len > 0 ? tmp.data : ".", base);
	buf_printf(&tmp, ".%s.tmp-XXXXXX", base);
	interrupt_hold(true);	/* no signal between making and guarding it */
	if ((fd = mkostemp(tmp.data, O_CLOEXEC)) >= 0) {
		interrupt_guard_folder(tmp.data); /* a file: removed the same */
		if (fchmod(fd, 0644) != 0 || (fp = fdopen(fd, "wb")) == NULL)
			close(fd);
	}
	err = errno;
	interrupt_hold(false);
	if (fd < 0 || fp == NULL)
		status = write_failed(tmp.data, err);
	else if ((err = write_stream(fp, data, true)) != 0)
		status = write_failed(tmp.data, err);
	else if (rename(tmp.data, path) != 0)
		status = write_failed(path, errno);
	else
		status = 0;
	if (status != 0 && fd >= 0)
		remove(tmp.data);
	interrupt_guard_folder(NULL);
	buf_free(&tmp);
	return status;
}

static char *keep_from, *keep_to;
static int keep_status;

static int
keep_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	struct buf to = BUF_INIT;
	FILE *in, *out;
	char block[65536];
	size_t n;

	(void)st;
	(void)ftw;
	buf_printf(&to, "%s%s", keep_to, path + strlen(keep_from));
	if (flag == FTW_D)
		mkdir(to.data, 0755);
	else if (flag == FTW_F && link(path, to.data) != 0) {
		if ((in = fopen(path, "rb")) == NULL ||
		    (out = outdir_create_file(to.data)) == NULL) {
			if (in != NULL)
				fclose(in);
			keep_status = -1;
		} else {
			while ((n = fread(block, 1, sizeof(block), in)) > 0)
				if (fwrite(block, 1, n, out) != n)
					keep_status = -1;
			fclose(in);
			if (fclose(out) != 0)
				keep_status = -1;
		}
	}
	buf_free(&to);
	return 0;
}

int
outdir_keep_existing(struct outdir *o)
{
	if (!path_exists(o->target))
		return 0;
	keep_from = o->target;
	keep_to = o->temp;
	keep_status = 0;
	nftw(o->target, keep_entry, 16, FTW_PHYS);
	if (keep_status != 0) {
		diag(DIAG_ERROR, o->target, 0, NULL, NULL,
		    "cannot keep the previous output: %s", strerror(errno));
		diag_set_exit(EX_CANTCREAT);
		return EX_CANTCREAT;
	}
	return 0;
}

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Syncs the folder holding PATH (a rename in it); best effort. */
static void
sync_parent(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd;

	if (slash == dir)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	if ((fd = open(slash != NULL ? dir : ".", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

int
outdir_commit(struct outdir *o, bool replace)
{
	int status = 0, err = 0;

	/* every file of the folder on the disk before it is moved in */
	errno = 0;
	if (o->fd < 0)
		o->fd = open(o->temp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->fd < 0 || syncfs(o->fd) != 0) {
		status = write_failed(o->temp, errno != 0 ? errno : EIO);
		outdir_abort(o);
		return status;
	}
	if (!is_folder_or_absent(o->target)) {
		err = ENOTDIR;
		status = -1;
	} else if (renameat2(AT_FDCWD, o->temp, AT_FDCWD, o->target,
	    RENAME_NOREPLACE) == 0)
		interrupt_guard_folder(NULL);
	else if (errno != EEXIST || !replace) {
		err = errno;
		status = -1;
	} else if (renameat2(AT_FDCWD, o->temp, AT_FDCWD, o->target,
	    RENAME_EXCHANGE) == 0) {
		remove_tree(o->temp);	/* now the old folder */
		interrupt_guard_folder(NULL);
	} else {
		err = errno;
		status = -1;
	}
	if (status != 0) {
		diag(DIAG_ERROR, o->target, 0, NULL, NULL,
		    "cannot move the new output into place: %s",
		    err == EEXIST ? "another run wrote it meanwhile; use "
		    "--force to replace it" : err == ENOTDIR ? "something "
		    "that is not a folder is in the way; move it away" :
		    strerror(err));
		diag_set_exit(EX_CANTCREAT);
		outdir_abort(o);
		return EX_CANTCREAT;
	}
	sync_parent(o->target);
	close(o->fd);
	free(o->temp);
	free(o->target);
	memset(o, 0, sizeof(*o));
	o->fd = -1;
	return 0;
}

void
outdir_abort(struct outdir *o)
{
	if (o->temp != NULL)
		remove_tree(o->temp);
	interrupt_guard_folder(NULL);
	if (o->fd >= 0)
		close(o->fd);
	free(o->temp);
	free(o->target);
	memset(o, 0, sizeof(*o));
	o->fd = -1;
}
