/*
 * The output folder's lock of outlock.h: flock(2) on the folder itself,
 * so no lock file is ever made and nothing can be planted in its place.
 * The kernel drops the lock when the holder exits, however it exits, so
 * a killed run never leaves the folder locked; a waiting run finds the
 * holder's process in /proc/locks and names it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sysexits.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/utf8.h"
#include "jobs/outdir.h"
#include "jobs/outlock.h"

/* The process that holds a lock on the file ST, from /proc/locks; 0. */
static long
lock_holder(const struct stat *st)
{
	char line[256], want[64];
	long pid = 0, p;
	FILE *fp;

	snprintf(want, sizeof(want), "%02x:%02x:%lu", major(st->st_dev),
	    minor(st->st_dev), (unsigned long)st->st_ino);
	if ((fp = fopen("/proc/locks", "re")) == NULL)
		return 0;
	while (pid == 0 && fgets(line, sizeof(line), fp) != NULL) {
		char kind[16], id[64];

		/* "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF";
		 * waiters have "->" after the number and are skipped */
		if (sscanf(line, "%*d: %15s %*s %*s %ld %63s", kind, &p,
		    id) == 3 && strcmp(kind, "FLOCK") == 0 &&
		    strcmp(id, want) == 0)
			pid = p;
	}
	fclose(fp);
	return pid;
}

/* "process 1234 (scorecard monthly 2026-10)": who holds the lock. */
static void
describe_holder(struct buf *b, long pid)
{
	char path[64], cmd[512];
	ssize_t n = -1, i;
	int fd;

	buf_printf(b, "process %ld", pid);
	snprintf(path, sizeof(path), "/proc/%ld/cmdline", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		n = read(fd, cmd, sizeof(cmd) - 1);
		close(fd);
	}
	if (n <= 0)
		return;
	while (n > 0 && cmd[n - 1] == '\0')
		n--;
	for (i = 0; i < n; i++)
		if (cmd[i] == '\0')
			cmd[i] = ' ';
	buf_puts(b, " (");
	utf8_printable(b, cmd, (size_t)n, 200);
	buf_puts(b, ")");
}

static int
lock_failed(struct outlock *l, const char *dir, const char *what, int err)
{
	diag(DIAG_ERROR, dir, 0, NULL, NULL, "cannot %s the output folder: %s",
	    what, strerror(err));
	diag_set_exit(EX_CANTCREAT);
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
	return EX_CANTCREAT;
}

int
outlock_take(struct outlock *l, const char *dir, bool exclusive, bool quiet)
{
	struct buf who = BUF_INIT;
	struct stat st;
	int op = exclusive ? LOCK_EX : LOCK_SH;
	long pid;

	l->fd = -1;
	if (exclusive && outdir_make_dirs(dir) != 0)
		return lock_failed(l, dir, "create", errno);
	if ((l->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		if (!exclusive)	/* verify reports what it cannot read */
			return 0;
		return lock_failed(l, dir, "open", errno);
	}
	if (flock(l->fd, op | LOCK_NB) == 0)
		return 0;
	if (errno != EWOULDBLOCK)
		return lock_failed(l, dir, "lock", errno);
	if (!quiet) {
		if (fstat(l->fd, &st) == 0 && (pid = lock_holder(&st)) > 0)
			describe_holder(&who, pid);
		else
			buf_puts(&who, "another run");
		fprintf(stderr, "scorecard: %s is in use by %s; waiting for it "
		    "to finish\n", dir, who.data);
		buf_free(&who);
	}
	while (flock(l->fd, op) != 0)
		if (errno != EINTR)
			return lock_failed(l, dir, "lock", errno);
	return 0;
}

void
outlock_release(struct outlock *l)
{
	if (l->fd >= 0)
		close(l->fd);	/* drops the lock */
	l->fd = -1;
}
