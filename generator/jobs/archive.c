/*
 * The manifest and its verification (see archive.h).  The manifest reads
 * like sha256sum's output ("hash  path", paths relative to the archive,
 * sorted in byte order), so `sha256sum -c` can check it too; the inputs
 * are listed on comment lines "# input hash  name".
 *
 * verify trusts neither the manifest nor the folder: the manifest is read
 * whole up to a size limit and checked line by line before any file is
 * read; a path may not leave the archive; every path is looked up one
 * component at a time without following a symbolic link; only regular
 * files are read; names are printed escaped (utf8_printable).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/utf8.h"
#include "input/cases.h"
#include "jobs/archive.h"
#include "jobs/jobs.h"
#include "jobs/outdir.h"
#include "jobs/outlock.h"

/* A manifest of 16 MiB lists some 180,000 files. */
#define MANIFEST_MAX_BYTES (16 * 1024 * 1024)
/* Folders deeper than this are listed as they are, not entered. */
#define WALK_MAX_DEPTH 16

struct names {
	char	**v;
	size_t	  n;
};

static void
add_name(struct names *l, const char *s)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof(char *));
	l->v[l->n++] = xstrdup(s);
}

static void
free_names(struct names *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Every entry under the folder open on folder (which it closes), as paths relative
 * to the archive: rel is the folder's own.  Symbolic links are listed,
 * never followed.
 */
static void
list_files(int folder, const char *rel, int depth, struct names *out)
{
	struct buf sub = BUF_INIT;
	struct dirent *de;
	struct stat st;
	DIR *d;
	int fd;

	if ((d = fdopendir(folder)) == NULL) {
		close(folder);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		buf_reset(&sub);
		buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		if (fstatat(folder, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth < WALK_MAX_DEPTH &&
		    (fd = openat(folder, de->d_name, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC)) >= 0)
			list_files(fd, sub.data, depth + 1, out);
		else if (strcmp(sub.data, MANIFEST_NAME) != 0)
			add_name(out, sub.data);
	}
	closedir(d);
	buf_free(&sub);
}

/* The sorted list of the files under the folder path (relative to dir). */
static void
list_archive(int dir, const char *path, struct names *out)
{
	int fd = openat(dir, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0)
		list_files(fd, "", 0, out);
	if (out->n > 0)
		qsort(out->v, out->n, sizeof(char *), compare_names);
}

void
sha256_hex(const void *data, size_t len, char hex[65])
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof(digest), digest);
	for (i = 0; i < sizeof(digest); i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

/* The hex SHA-256 of the file open on fd, which it closes; false on error. */
static bool
hash_fd(int fd, char hex[65])
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE], block[65536];
	ssize_t n;
	size_t i;

	sha256_init(&ctx);
	while ((n = read(fd, block, sizeof(block))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			close(fd);
			errno = err;
			return false;
		}
		sha256_update(&ctx, (size_t)n, block);
	}
	close(fd);
	sha256_digest(&ctx, sizeof(digest), digest);
	for (i = 0; i < sizeof(digest); i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return true;
}

/* The hex SHA-256 of a regular file: 0, or the error of file_open, read. */
static int
hash_file(const char *path, bool nofollow, char hex[65])
{
	int err, fd = file_open(path, nofollow, &err);

	if (fd < 0)
		return err;
	return hash_fd(fd, hex) ? 0 : errno;
}

int
manifest_write(const char *dir, const struct workspace *ws)
{
	struct names files = { NULL, 0 };
	struct buf out = BUF_INIT, path = BUF_INIT;
	char hex[65];
	size_t i;
	FILE *fp;
	int err, status = 0;
	static const char *const inputs[] = { "policy.yaml", "team.csv",
	    "sales.csv", "targets.csv", "metrics.csv", "reviews.csv",
	    "actions.csv", "team.xlsx", "sales.xlsx", "targets.xlsx",
	    "metrics.xlsx", "reviews.xlsx", "actions.xlsx", NULL };

	buf_puts(&out, "# scorecard archive: the SHA-256 of every file, "
	    "then of the inputs\n");
	for (i = 0; inputs[i] != NULL; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", ws->dir, inputs[i]);
		if (hash_file(path.data, false, hex) == 0)
			buf_printf(&out, "# input %s  %s\n", hex, inputs[i]);
	}
	for (i = 0; i < ws->ncases; i++)
		if (hash_file(ws->cases[i].path, false, hex) == 0)
			buf_printf(&out, "# input %s  cases/%s.md\n", hex,
			    ws->cases[i].slug);
	list_archive(AT_FDCWD, dir, &files);
	for (i = 0; i < files.n; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, files.v[i]);
		if ((err = hash_file(path.data, true, hex)) != 0) {
			diag(DIAG_ERROR, path.data, 0, NULL, NULL,
			    "cannot read back: %s", file_strerror(err));
			status = EX_IOERR;
			goto out;
		}
		buf_printf(&out, "%s  %s\n", hex, files.v[i]);
	}
	buf_reset(&path);
	buf_printf(&path, "%s/%s", dir, MANIFEST_NAME);
	unlink(path.data);	/* may be a link to the previous archive's */
	if ((fp = outdir_create_file(path.data)) == NULL ||
	    fwrite(out.data, 1, out.len, fp) != out.len || fclose(fp) != 0) {
		diag(DIAG_ERROR, path.data, 0, NULL, NULL, "cannot write: %s",
		    strerror(errno));
		status = EX_IOERR;
	}
out:
	if (status != 0)
		diag_set_exit(status);
	free_names(&files);
	buf_free(&out);
	buf_free(&path);
	return status;
}

/* ---- verify ---- */

static int
compare_entries(const void *a, const void *b)
{
	const struct manifest_entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : (x->line > y->line) - (x->line < y->line);
}

/* NULL when name is a plain path inside the archive, else what is wrong. */
static const char *
bad_name(const char *name)
{
	const char *s = name, *end;
	size_t n;

	if (*name == '/')
		return "an absolute path: the files of an archive are named "
		    "relative to it";
	for (;; s = end + 1) {
		end = strchr(s, '/');
		n = end != NULL ? (size_t)(end - s) : strlen(s);
		if (n == 2 && strncmp(s, "..", 2) == 0)
			return "a path that leaves the archive (..)";
		if (n == 0 || (n == 1 && *s == '.'))
			return "not a plain path (an empty or '.' part)";
		if (end == NULL)
			return NULL;
	}
}

static void
manifest_problem(struct manifest *m, long line, const char *value,
    const char *what)
{
	diag(DIAG_ERROR, m->path, line, NULL, value, "%s", what);
	m->problems++;
}

/* Reports every line that is not a manifest line and every path listed
 * twice (see archive.h). */
void
manifest_parse(struct manifest *m, char *text, size_t len)
{
	char *s = text, *end = text + len, *nl, *name;
	long line = 0;
	size_t i, n;
	const char *why;

	for (; s < end; s = nl + 1) {
		line++;
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		n = (size_t)(nl - s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		s[n] = '\0';
		if (n == 0 || s[0] == '#')
			continue;
		if (strlen(s) != n) {
			manifest_problem(m, line, NULL, "NUL byte in the line");
			continue;
		}
		for (i = 0; i < 64 && i < n && strchr("0123456789abcdef"
		    "ABCDEF", s[i]) != NULL; i++)
			;
		if (i < 64 || n < 67 || s[64] != ' ' || s[65] != ' ') {
			manifest_problem(m, line, s, "not a manifest line: "
			    "expected a SHA-256 in hex, two spaces and a path");
			continue;
		}
		name = s + 66;
		if ((why = bad_name(name)) != NULL) {
			manifest_problem(m, line, name, why);
			continue;
		}
		m->v = xreallocarray(m->v, m->n + 1, sizeof(*m->v));
		m->v[m->n].name = name;
		memcpy(m->v[m->n].hex, s, 64);
		m->v[m->n].hex[64] = '\0';
		m->v[m->n].line = line;
		m->n++;
	}
	if (m->n > 0)
		qsort(m->v, m->n, sizeof(*m->v), compare_entries);
	for (i = 1; i < m->n; i++)
		if (strcmp(m->v[i].name, m->v[i - 1].name) == 0) {
			struct buf b = BUF_INIT;

			buf_printf(&b, "listed twice (first on line %ld)",
			    m->v[i - 1].line);
			manifest_problem(m, m->v[i].line, m->v[i].name, b.data);
			buf_free(&b);
		}
}

static const char *
kind_of(mode_t mode)
{
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISDIR(mode))
		return "a folder";
	if (S_ISSOCK(mode))
		return "a socket";
	return S_ISREG(mode) ? "a regular file" : "a special file";
}

/*
 * A descriptor on the regular file rel (a checked path) under the folder
 * rootfd; or -1 with *err ENOENT when it is not there, FILE_NOT_REGULAR
 * when the first *bad bytes of rel name something else, *kind, or
 * another errno.  No symbolic link is followed, on the way or at the end.
 */
static int
open_in_archive(int rootfd, const char *rel, const char **kind, size_t *bad,
    int *err)
{
	char *copy = xstrdup(rel), *part = copy, *slash;
	int dir = rootfd, fd = -1;
	struct stat st;
	bool last;

	*kind = "a special file";
	for (;; part = slash + 1) {
		if ((slash = strchr(part, '/')) != NULL)
			*slash = '\0';
		last = slash == NULL;
		*bad = (size_t)(part - copy) + strlen(part);
		if (fstatat(dir, part, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			*err = errno;
			break;
		}
		if (last ? !S_ISREG(st.st_mode) : !S_ISDIR(st.st_mode)) {
			*err = FILE_NOT_REGULAR;
			*kind = kind_of(st.st_mode);
			break;
		}
		if (last) {
			/* checked again on the descriptor: no race */
			fd = file_openat(dir, part, true, err);
			break;
		}
		fd = openat(dir, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		*err = errno == ELOOP || errno == ENOTDIR ? FILE_NOT_REGULAR :
		    errno;
		if (dir != rootfd)
			close(dir);
		dir = fd >= 0 ? fd : rootfd;
		fd = -1;
		if (dir == rootfd)
			break;
		*err = 0;
	}
	if (dir != rootfd)
		close(dir);
	free(copy);
	return fd;
}

/* Prints "what: name" on standard output, the name escaped. */
static void
say(const char *what, const char *name)
{
	char *shown = utf8_shown(name);

	printf("%s: %s\n", what, shown);
	free(shown);
}

static int
verify_archive(const struct options *o)
{
	struct manifest m;
	struct names files = { NULL, 0 };
	struct buf path = BUF_INIT, file = BUF_INIT;
	const char *kind = NULL;
	char hex[65], *text = NULL, *shown, *part;
	size_t i, j, len, bad, problems = 0;
	int rootfd, fd, err, status = 0;

	memset(&m, 0, sizeof(m));
	buf_printf(&path, "%s/%s", o->verify_dir, MANIFEST_NAME);
	m.path = path.data;
	if ((rootfd = open(o->verify_dir, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) < 0) {
		diag(DIAG_ERROR, o->verify_dir, 0, NULL, NULL, "cannot open "
		    "the archive folder: %s", strerror(errno));
		status = EX_NOINPUT;
		goto out;
	}
	if ((fd = file_openat(rootfd, MANIFEST_NAME, true, &err)) < 0) {
		diag(DIAG_ERROR, path.data, 0, NULL, NULL, "cannot open: %s",
		    err == FILE_NOT_REGULAR ? "not a regular file (a link, a "
		    "FIFO, a device or a folder)" : strerror(err));
		status = err == FILE_NOT_REGULAR ? EX_DATAERR : EX_NOINPUT;
		goto out;
	}
	if ((text = file_read_fd(fd, MANIFEST_MAX_BYTES, &len, &err)) ==
	    NULL) {
		if (err == EFBIG)
			diag(DIAG_ERROR, path.data, 0, NULL, NULL, "larger "
			    "than %d bytes: not a manifest",
			    MANIFEST_MAX_BYTES);
		else
			diag(DIAG_ERROR, path.data, 0, NULL, NULL, "cannot "
			    "read: %s", strerror(err));
		status = err == EFBIG ? EX_DATAERR : EX_IOERR;
		goto out;
	}
	manifest_parse(&m, text, len);
	if (m.problems > 0) {
		diag_finish();
		shown = utf8_shown(path.data);
		fprintf(stderr, "%s: %zu problem%s: the archive was not "
		    "checked\n", shown, m.problems, m.problems == 1 ? "" :
		    "s");
		free(shown);
		status = EX_DATAERR;
		goto out;
	}

	for (i = 0; i < m.n; i++) {
		const struct manifest_entry *e = &m.v[i];

		buf_reset(&file);
		buf_printf(&file, "%s/%s", o->verify_dir, e->name);
		fd = open_in_archive(rootfd, e->name, &kind, &bad, &err);
		if (fd < 0 && err == ENOENT)
			say("removed", e->name);
		else if (fd < 0 && err == FILE_NOT_REGULAR &&
		    e->name[bad] == '\0')
			diag(DIAG_ERROR, file.data, 0, NULL, NULL, "%s, not a "
			    "regular file: not read", kind);
		else if (fd < 0 && err == FILE_NOT_REGULAR) {
			part = xstrndup(e->name, bad);
			diag(DIAG_ERROR, file.data, 0, NULL, part, "a part of "
			    "the path is %s, not a folder: not followed",
			    kind);
			free(part);
		} else if (fd < 0)
			diag(DIAG_ERROR, file.data, 0, NULL, NULL, "cannot "
			    "open: %s", strerror(err));
		if (fd < 0)
			problems++;
		else if (!hash_fd(fd, hex)) {
			diag(DIAG_ERROR, file.data, 0, NULL, NULL, "cannot "
			    "read: %s", strerror(errno));
			problems++;
		} else if (strcasecmp(hex, e->hex) != 0) {
			say("changed", e->name);
			problems++;
		}
	}
	/* both lists sorted: one pass finds the files not listed */
	list_archive(rootfd, ".", &files);
	for (i = j = 0; i < files.n; i++) {
		while (j < m.n && strcmp(m.v[j].name, files.v[i]) < 0)
			j++;
		if (j == m.n || strcmp(m.v[j].name, files.v[i]) != 0) {
			say("added", files.v[i]);
			problems++;
		}
	}
	diag_finish();
	shown = utf8_shown(o->verify_dir);
	if (problems == 0)
		printf("OK: %zu files match %s/%s\n", m.n, shown,
		    MANIFEST_NAME);
	else {
		fprintf(stderr, "%s: %zu difference%s from the manifest\n",
		    shown, problems, problems == 1 ? "" : "s");
		status = EX_DATAERR;
	}
	free(shown);
out:
	if (rootfd >= 0)
		close(rootfd);
	if (status != 0)
		diag_set_exit(status);
	free_names(&files);
	free(m.v);
	free(text);
	buf_free(&path);
	buf_free(&file);
	return status;
}

/*
 * Verifies under the output folder's lock, shared: no run replaces the
 * archive while it is read.
 */
int
job_verify(const struct options *o)
{
	struct outlock lock;
	struct buf parent = BUF_INIT;
	int status;

	buf_puts(&parent, o->verify_dir);
	while (parent.len > 1 && parent.data[parent.len - 1] == '/')
		parent.data[--parent.len] = '\0';
	while (parent.len > 0 && parent.data[parent.len - 1] != '/')
		parent.data[--parent.len] = '\0';
	if (parent.len == 0)
		buf_puts(&parent, ".");
	if ((status = outlock_take(&lock, parent.data, false, o->quiet)) == 0)
		status = verify_archive(o);
	outlock_release(&lock);
	buf_free(&parent);
	return status;
}
