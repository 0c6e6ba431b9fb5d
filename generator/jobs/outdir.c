/*
 * The atomic output folder of outdir.h.  The swap uses renameat2 with
 * RENAME_EXCHANGE, so at every instant the target path names either the
 * complete old folder or the complete new one; the old one is then removed.
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

static int
make_dirs(const char *path)
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

/*
 * Removes what a killed run of the same output left: hidden folders
 * .NAME.tmp-XXXXXX beside the target.  (Two runs writing the same period
 * of the same output folder at once are not supported.)
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
outdir_check_target(const char *parent, const char *name)
{
	struct buf b = BUF_INIT;
	struct stat st;
	int status = 0;

	buf_printf(&b, "%s/%s", parent, name);
	if (lstat(b.data, &st) == 0 && !S_ISDIR(st.st_mode) &&
	    !S_ISLNK(st.st_mode)) {
		diag(DIAG_ERROR, b.data, 0, NULL, NULL, "a file is where the "
		    "output folder goes: move it away or remove it");
		diag_set_exit(EX_CANTCREAT);
		status = EX_CANTCREAT;
	}
	buf_free(&b);
	return status;
}

int
outdir_begin(struct outdir *o, const char *parent, const char *name)
{
	struct buf b = BUF_INIT;

	memset(o, 0, sizeof(*o));
	if (outdir_check_target(parent, name) != 0)
		return EX_CANTCREAT;
	if (make_dirs(parent) != 0) {
		diag(DIAG_ERROR, parent, 0, NULL, NULL,
		    "cannot create the output folder: %s", strerror(errno));
		diag_set_exit(EX_CANTCREAT);
		return EX_CANTCREAT;
	}
	remove_stale(parent, name);
	buf_printf(&b, "%s/%s", parent, name);
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
		return EX_CANTCREAT;
	}
	interrupt_guard_folder(o->temp);
	interrupt_hold(false);
	chmod(o->temp, 0755);
	return 0;
}

/* Writes DATA to the file PATH, synced; 0 or 74 (disk full) or 73. */
static int
write_file(const char *path, const struct buf *data)
{
	FILE *fp;
	int err = 0;

	if ((fp = fopen(path, "wb")) == NULL ||
	    fwrite(data->data, 1, data->len, fp) != data->len ||
	    fflush(fp) != 0 || fsync(fileno(fp)) != 0)
		err = errno;
	if (fp != NULL && fclose(fp) != 0 && err == 0)
		err = errno;
	if (err == 0)
		return 0;
	diag(DIAG_ERROR, path, 0, NULL, NULL, "cannot write: %s",
	    strerror(err));
	diag_set_exit(err == ENOSPC || err == EDQUOT || err == EFBIG ||
	    err == EIO ? EX_IOERR : EX_CANTCREAT);
	return err == ENOSPC || err == EDQUOT || err == EFBIG || err == EIO ?
	    EX_IOERR : EX_CANTCREAT;
}

int
outdir_write(struct outdir *o, const char *rel, const struct buf *data)
{
	struct buf path = BUF_INIT;
	char *slash;
	int status;

	buf_printf(&path, "%s/%s", o->temp, rel);
	if ((slash = strrchr(path.data, '/')) != NULL &&
	    slash > path.data + strlen(o->temp)) {
		*slash = '\0';
		make_dirs(path.data);
		*slash = '/';
	}
	unlink(path.data);	/* may be a link to the previous output */
	status = write_file(path.data, data);
	buf_free(&path);
	return status;
}

int
outdir_replace_file(const char *path, const struct buf *data)
{
	struct buf tmp = BUF_INIT;
	const char *base = strrchr(path, '/');
	int status;

	base = base != NULL ? base + 1 : path;	/* DIR/.NAME.tmp */
	buf_printf(&tmp, "%.*s.%s.tmp", (int)(base - path), path, base);
	interrupt_guard_folder(tmp.data);	/* a file: removed just the same */
	if ((status = write_file(tmp.data, data)) == 0 &&
	    rename(tmp.data, path) != 0) {
		diag(DIAG_ERROR, path, 0, NULL, NULL, "cannot write: %s",
		    strerror(errno));
		diag_set_exit(EX_CANTCREAT);
		status = EX_CANTCREAT;
	}
	if (status != 0)
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
		    (out = fopen(to.data, "wb")) == NULL) {
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

int
outdir_commit(struct outdir *o)
{
	int status = 0;

	if (!path_exists(o->target)) {
		if (rename(o->temp, o->target) != 0)
			status = -1;
		else
			interrupt_guard_folder(NULL);
	} else if (renameat2(AT_FDCWD, o->temp, AT_FDCWD, o->target,
	    RENAME_EXCHANGE) == 0) {
		remove_tree(o->temp);	/* now the old folder */
		interrupt_guard_folder(NULL);
	} else
		status = -1;
	if (status != 0) {
		diag(DIAG_ERROR, o->target, 0, NULL, NULL,
		    "cannot move the new output into place: %s",
		    strerror(errno));
		diag_set_exit(EX_CANTCREAT);
		outdir_abort(o);
		return EX_CANTCREAT;
	}
	free(o->temp);
	free(o->target);
	memset(o, 0, sizeof(*o));
	return 0;
}

void
outdir_abort(struct outdir *o)
{
	if (o->temp != NULL)
		remove_tree(o->temp);
	interrupt_guard_folder(NULL);
	free(o->temp);
	free(o->target);
	memset(o, 0, sizeof(*o));
}
