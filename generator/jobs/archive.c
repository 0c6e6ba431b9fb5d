/*
 * The manifest and its verification (see archive.h).  The manifest reads
 * like sha256sum's output ("hash  path", paths relative to the archive,
 * sorted in byte order), so `sha256sum -c` can check it too; the inputs
 * are listed on comment lines "# input hash  name".
 */
#include <dirent.h>
#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "input/cases.h"
#include "jobs/archive.h"
#include "jobs/jobs.h"
#include "jobs/outdir.h"
#include "jobs/outlock.h"

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

/* Every regular file under root/rel, as paths relative to root. */
static void
list_files(const char *root, const char *rel, struct names *out)
{
	struct buf path = BUF_INIT, sub = BUF_INIT;
	struct dirent *de;
	struct stat st;
	DIR *d;

	buf_printf(&path, "%s%s%s", root, *rel ? "/" : "", rel);
	if ((d = opendir(path.data)) == NULL) {
		buf_free(&path);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		buf_reset(&sub);
		buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		buf_reset(&path);
		buf_printf(&path, "%s/%s", root, sub.data);
		if (lstat(path.data, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			list_files(root, sub.data, out);
		else if (strcmp(sub.data, MANIFEST_NAME) != 0)
			add_name(out, sub.data);
	}
	closedir(d);
	buf_free(&path);
	buf_free(&sub);
}

/* The hex SHA-256 of a file; false when it cannot be read. */
static bool
hash_file(const char *path, char hex[65])
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE], block[65536];
	FILE *fp = fopen(path, "rb");
	size_t n, i;

	if (fp == NULL)
		return false;
	sha256_init(&ctx);
	while ((n = fread(block, 1, sizeof(block), fp)) > 0)
		sha256_update(&ctx, n, block);
	if (ferror(fp)) {
		fclose(fp);
		return false;
	}
	fclose(fp);
	sha256_digest(&ctx, sizeof(digest), digest);
	for (i = 0; i < sizeof(digest); i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return true;
}

int
manifest_write(const char *dir, const struct workspace *ws)
{
	struct names files = { NULL, 0 };
	struct buf out = BUF_INIT, path = BUF_INIT;
	char hex[65], period[16];
	size_t i;
	FILE *fp;
	int status = 0;
	static const char *const inputs[] = { "policy.yaml", "team.csv",
	    "sales.csv", "targets.csv", "metrics.csv", "reviews.csv",
	    "actions.csv", NULL };

	(void)period;
	buf_puts(&out, "# scorecard archive: the SHA-256 of every file, "
	    "then of the inputs\n");
	for (i = 0; inputs[i] != NULL; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", ws->dir, inputs[i]);
		if (hash_file(path.data, hex))
			buf_printf(&out, "# input %s  %s\n", hex, inputs[i]);
	}
	for (i = 0; i < ws->ncases; i++)
		if (hash_file(ws->cases[i].path, hex))
			buf_printf(&out, "# input %s  cases/%s.md\n", hex,
			    ws->cases[i].slug);
	list_files(dir, "", &files);
	if (files.n > 0)
		qsort(files.v, files.n, sizeof(char *), compare_names);
	for (i = 0; i < files.n; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, files.v[i]);
		if (!hash_file(path.data, hex)) {
			diag(DIAG_ERROR, path.data, 0, NULL, NULL,
			    "cannot read back: %s", strerror(errno));
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

static int
verify_archive(const struct options *o)
{
	struct names files = { NULL, 0 }, listed = { NULL, 0 };
	struct buf path = BUF_INIT, text = BUF_INIT;
	char hex[65], line[8192];
	size_t i, j, problems = 0;
	FILE *fp;

	buf_printf(&path, "%s/%s", o->verify_dir, MANIFEST_NAME);
	if ((fp = fopen(path.data, "r")) == NULL) {
		fprintf(stderr, "%s: cannot open: %s\n", path.data,
		    strerror(errno));
		buf_free(&path);
		return EX_NOINPUT;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *nl = strchr(line, '\n'), *name;

		if (nl != NULL)
			*nl = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (strlen(line) < 67 || line[64] != ' ' || line[65] != ' ') {
			fprintf(stderr, "%s: not a manifest line: %s\n",
			    path.data, line);
			problems++;
			continue;
		}
		name = line + 66;
		add_name(&listed, name);
		buf_reset(&text);
		buf_printf(&text, "%s/%s", o->verify_dir, name);
		if (!hash_file(text.data, hex)) {
			printf("removed: %s\n", name);
			problems++;
		} else if (strncmp(hex, line, 64) != 0) {
			printf("changed: %s\n", name);
			problems++;
		}
	}
	fclose(fp);
	list_files(o->verify_dir, "", &files);
	if (files.n > 0)
		qsort(files.v, files.n, sizeof(char *), compare_names);
	for (i = 0; i < files.n; i++) {
		for (j = 0; j < listed.n; j++)
			if (strcmp(files.v[i], listed.v[j]) == 0)
				break;
		if (j == listed.n) {
			printf("added: %s\n", files.v[i]);
			problems++;
		}
	}
	if (problems == 0)
		printf("OK: %zu files match %s\n", listed.n, path.data);
	else
		fprintf(stderr, "%s: %zu difference%s from the manifest\n",
		    o->verify_dir, problems, problems == 1 ? "" : "s");
	free_names(&files);
	free_names(&listed);
	buf_free(&path);
	buf_free(&text);
	return problems == 0 ? 0 : EX_DATAERR;
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
