/*
 * `scorecard init DIR`: a starter workspace in a new folder.  Every input
 * file with Chinese headers and a few example rows, a policy.yaml that is
 * the built-in defaults with Chinese comments, an example retrospective
 * (all from templates/starter/), and a copy of the templates to edit
 * (templates/ without starter/).  The folder is filled beside its place
 * and moved there whole (jobs/outdir.h): an existing DIR is never touched.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "jobs/jobs.h"
#include "jobs/outdir.h"
#include "tmpl/templates.h"

/* No file of the starter or the templates is near this. */
#define INIT_FILE_MAX (4 * 1024 * 1024)
/* Nor are the folders this deep: a bound against a link loop. */
#define INIT_DEPTH_MAX 8

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Copies the regular files under from (recursively, in name order) into
 * the new folder at rel (prefix, "" or "templates/"), leaving out the
 * entry named skip at the top.  Hidden files are left out.
 */
static int
copy_tree(struct outdir *out, const char *from, const char *rel,
    const char *skip, int depth)
{
	struct buf path = BUF_INIT, to = BUF_INIT, data = BUF_INIT;
	struct dirent *de;
	struct stat st;
	char **names = NULL;
	size_t n = 0, i;
	int status = 0, err;
	DIR *d;

	if (depth > INIT_DEPTH_MAX || (d = opendir(from)) == NULL) {
		diag(DIAG_ERROR, from, 0, NULL, NULL, "cannot read the "
		    "starter files: %s", depth > INIT_DEPTH_MAX ?
		    "folders too deep" : strerror(errno));
		return EX_SOFTWARE;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' ||
		    (skip != NULL && strcmp(de->d_name, skip) == 0))
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		if (names == NULL || (names[n] = strdup(de->d_name)) == NULL) {
			closedir(d);
			diag(DIAG_ERROR, from, 0, NULL, NULL, "out of memory");
			return EX_OSERR;
		}
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n && status == 0; i++) {
		buf_reset(&path);
		buf_reset(&to);
		buf_printf(&path, "%s/%s", from, names[i]);
		buf_printf(&to, "%s%s", rel, names[i]);
		if (stat(path.data, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			buf_putc(&to, '/');
			status = copy_tree(out, path.data, to.data, NULL,
			    depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			size_t len;
			char *text = file_read(path.data, INIT_FILE_MAX, &len,
			    &err);

			if (text == NULL) {
				diag(DIAG_ERROR, path.data, 0, NULL, NULL,
				    "cannot read: %s", file_strerror(err));
				status = EX_SOFTWARE;
				break;
			}
			buf_reset(&data);
			buf_put(&data, text, len);
			free(text);
			status = outdir_write(out, to.data, &data);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	buf_free(&path);
	buf_free(&to);
	buf_free(&data);
	return status;
}

int
job_init(const struct options *o)
{
	struct outdir out;
	struct buf parent = BUF_INIT, starter = BUF_INIT;
	const char *dir = o->init_dir, *slash, *name;
	size_t len = strlen(dir);
	int status;

	/* "ws/" names the folder ws */
	while (len > 1 && dir[len - 1] == '/')
		len--;
	buf_put(&parent, dir, len);
	slash = strrchr(parent.data, '/');
	name = slash != NULL ? slash + 1 : parent.data;
	if (*name == '\0' || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0 || path_exists(parent.data)) {
		diag(DIAG_ERROR, dir, 0, NULL, NULL, "%s: init makes a new "
		    "folder; give the name of one that does not exist",
		    path_exists(parent.data) ? "already exists" :
		    "not a folder name");
		buf_free(&parent);
		return EX_CANTCREAT;
	}
	name = xstrdup(name);
	if (slash != NULL)	/* "/ws": the parent is "/" */
		parent.data[slash == parent.data ? 1 :
		    (size_t)(slash - parent.data)] = '\0';
	status = outdir_begin(&out, slash != NULL ? parent.data : ".", name);
	if (status == 0) {
		buf_printf(&starter, "%s/starter", templates_builtin_dir());
		status = copy_tree(&out, starter.data, "", NULL, 0);
		if (status == 0)
			status = copy_tree(&out, templates_builtin_dir(),
			    "templates/", "starter", 0);
		if (status == 0)
			status = outdir_commit(&out, false);
		else
			outdir_abort(&out);
	}
	if (status == 0 && !o->quiet)
		fprintf(stderr, "scorecard: made %s: try\n"
		    "  scorecard check --input %s\n"
		    "  scorecard monthly 2026-10 --input %s "
		    "--output %s/output\n"
		    "and edit its files, policy.yaml and templates/ "
		    "(--templates %s/templates)\n", dir, dir, dir, dir, dir);
	free((char *)name);
	buf_free(&parent);
	buf_free(&starter);
	return status;
}
