/*
 * Reading case files (see cases.h).  The front matter is the block between
 * a first line "---" and the next line "---" (or "..."), parsed with
 * libyaml through yamltree.c; lines in messages are lines of the .md file.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/utf8.h"
#include "input/cases.h"
#include "input/values.h"
#include "input/workspace.h"
#include "util/yamltree.h"

static const char *const case_keys[] = { "title", "date", "team", "author",
    "tags", "period", NULL };

static bool
line_is(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);

	while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' ||
	    s[n - 1] == '\t'))
		n--;
	return n == k && memcmp(s, word, k) == 0;
}

bool
case_parse(struct workspace *ws, const char *path, const char *text,
    size_t len, struct case_file *cf)
{
	const char *p = text, *end = text + len, *nl, *fm_start, *fm_end;
	struct ynode *fm;
	const struct ynode *v;
	const char *s, *err;
	long line = 1;
	bool ok = true;
	size_t i, k;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (nl == NULL || !line_is(p, (size_t)(nl - p), "---")) {
		diag(DIAG_ERROR, path, 1, NULL, NULL, "no front matter: a case "
		    "starts with a line \"---\", then title, date and the "
		    "other keys, then \"---\"");
		return false;
	}
	fm_start = nl + 1;
	p = fm_start;
	line = 2;
	for (;;) {
		if (p >= end) {
			diag(DIAG_ERROR, path, 1, NULL, NULL, "front matter "
			    "not closed by a line \"---\"");
			return false;
		}
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (line_is(p, (size_t)(nl - p), "---") ||
		    line_is(p, (size_t)(nl - p), "...")) {
			fm_end = p;
			break;
		}
		p = nl < end ? nl + 1 : end;
		line++;
	}
	cf->body_line = line + 1;
	p = nl < end ? nl + 1 : end;
	cf->body = xstrndup(p, (size_t)(end - p));

	if ((fm = ytree_parse(path, fm_start, (size_t)(fm_end - fm_start),
	    1)) == NULL)
		return false;
	if (fm->type != Y_MAPPING) {
		diag(DIAG_ERROR, path, 2, NULL, NULL, "front matter must be "
		    "keys and values (title: ..., date: ...)");
		ytree_free(fm);
		return false;
	}
	for (i = 0; i < fm->n; i++)
		if (ytree_index(fm->keys[i]->scalar, case_keys) < 0)
			diag(DIAG_WARNING, path, fm->keys[i]->line,
			    fm->keys[i]->scalar, NULL, "unknown key ignored "
			    "(known: title, date, team, author, tags, period)");

	if ((s = ytree_scalar(fm, "title", &ok)) == NULL || *s == '\0') {
		diag(DIAG_ERROR, path, 2, "title", NULL, "missing title");
		ok = false;
	} else
		cf->title = xstrdup(s);
	v = ytree_get(fm, "date");
	if ((s = ytree_scalar(fm, "date", &ok)) == NULL) {
		diag(DIAG_ERROR, path, 2, "date", NULL, "missing date");
		ok = false;
	} else if ((err = parse_date(s, strlen(s), &cf->date)) != NULL) {
		diag(DIAG_ERROR, path, v->line, "date", s, "%s", err);
		ok = false;
	}
	cf->team = cf->author = NONE;
	if ((s = ytree_scalar(fm, "team", &ok)) != NULL &&
	    !strmap_get(&ws->team_index, s, strlen(s), &cf->team)) {
		diag(DIAG_ERROR, path, ytree_get(fm, "team")->line, "team", s,
		    "unknown team (no one in %s is in it)",
		    workspace_team_file(ws));
		ok = false;
	}
	if ((s = ytree_scalar(fm, "author", &ok)) != NULL &&
	    (!strmap_get(&ws->person_index, s, strlen(s), &cf->author) ||
	    cf->author == NONE)) {
		diag(DIAG_ERROR, path, ytree_get(fm, "author")->line, "author",
		    s, "unknown author (not a rep_id in %s)",
		    workspace_team_file(ws));
		cf->author = NONE;
		ok = false;
	}
	if ((s = ytree_scalar(fm, "period", &ok)) != NULL) {
		if ((err = parse_period(s, strlen(s), &cf->period)) != NULL) {
			diag(DIAG_ERROR, path, ytree_get(fm, "period")->line,
			    "period", s, "%s", err);
			ok = false;
		} else
			cf->has_period = true;
	}
	if ((v = ytree_get(fm, "tags")) != NULL && !ytree_is_null(v)) {
		if (v->type == Y_SCALAR) {
			cf->tags = xcalloc(1, sizeof(char *));
			cf->tags[cf->ntags++] = xstrdup(v->scalar);
		} else if (v->type == Y_SEQUENCE) {
			cf->tags = xcalloc(v->n ? v->n : 1, sizeof(char *));
			for (k = 0; k < v->n; k++) {
				if (v->items[k]->type != Y_SCALAR ||
				    v->items[k]->scalar[0] == '\0') {
					diag(DIAG_ERROR, path, v->items[k]->line,
					    "tags", NULL, "a tag is a short "
					    "text");
					ok = false;
					continue;
				}
				cf->tags[cf->ntags++] =
				    xstrdup(v->items[k]->scalar);
			}
		} else {
			diag(DIAG_ERROR, path, v->line, "tags", NULL,
			    "expected a list of tags");
			ok = false;
		}
	}
	ytree_free(fm);
	return ok;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A case file's bytes, or NULL after saying why. */
static char *
read_case(const char *path, size_t *len, int *status)
{
	int err;
	char *text = file_read(path, CASE_MAX_BYTES, len, &err);

	*status = 0;
	if (err == EFBIG) {
		diag(DIAG_ERROR, path, 0, NULL, NULL, "larger than %d bytes: "
		    "split the case or shorten it", CASE_MAX_BYTES);
		*status = EX_DATAERR;
	} else if (err != 0) {
		diag(DIAG_ERROR, path, 0, NULL, NULL, "cannot read: %s",
		    file_strerror(err));
		*status = err == ENOENT || err == FILE_NOT_REGULAR ?
		    EX_NOINPUT : EX_IOERR;
		diag_set_exit(*status);
	}
	return text;
}

int
cases_read(struct workspace *ws)
{
	char *dir = workspace_path(ws, "cases"), **names = NULL, *text;
	struct dirent *de;
	size_t nnames = 0, i, len, k;
	int status = 0, s;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		free(dir);
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);

		if (n > 3 && strcmp(de->d_name + n - 3, ".md") == 0 &&
		    de->d_name[0] != '.') {
			names = xreallocarray(names, nnames + 1, sizeof(char *));
			names[nnames++] = xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (nnames > 0)
		qsort(names, nnames, sizeof(char *), compare_names);
	ws->cases = xcalloc(nnames ? nnames : 1, sizeof(*ws->cases));
	for (i = 0; i < nnames; i++) {
		struct case_file cf;
		struct buf path = BUF_INIT;
		const char *err, *nul;

		memset(&cf, 0, sizeof(cf));
		buf_printf(&path, "%s/%s", dir, names[i]);
		cf.path = buf_detach(&path);
		cf.slug = xstrndup(names[i], strlen(names[i]) - 3);
		text = read_case(cf.path, &len, &s);
		if (text == NULL) {
			status = status ? status : s;
			goto skip;
		}
		if (!utf8_valid(text, len)) {
			diag(DIAG_ERROR, cf.path, 0, NULL, NULL,
			    "not UTF-8: save the case as UTF-8");
			status = status ? status : EX_DATAERR;
			free(text);
			goto skip;
		}
		if ((nul = memchr(text, '\0', len)) != NULL) {
			long line = 1;
			const char *q;

			for (q = text; q < nul; q++)
				line += *q == '\n';
			diag(DIAG_ERROR, cf.path, line, NULL, NULL,
			    "NUL byte in the file");
			status = status ? status : EX_DATAERR;
			free(text);
			goto skip;
		}
		if ((err = check_id(cf.slug, strlen(cf.slug))) != NULL) {
			diag(DIAG_ERROR, cf.path, 0, NULL, cf.slug, "the file "
			    "name becomes a page name: %s", err);
			status = status ? status : EX_DATAERR;
		}
		if (!case_parse(ws, cf.path, text, len, &cf))
			status = status ? status : EX_DATAERR;
		free(text);
		if (status == 0 || ws->lenient) {
			ws->cases[ws->ncases++] = cf;
			continue;
		}
skip:
		free(cf.path); free(cf.slug); free(cf.title); free(cf.body);
		for (k = 0; k < cf.ntags; k++)
			free(cf.tags[k]);
		free(cf.tags);
	}
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(dir);
	return status;
}
