/*
 * Template lookup (see templates.h).  Partials resolve through the same
 * lookup, so a user may override one partial and keep the rest; names with
 * "/" components other than plain folder names, "..", or absolute paths
 * are refused, and so are files that are symbolic links to a place outside
 * the folder, so that no template can read outside its folder.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "tmpl/templates.h"

#define TEMPLATE_MAX_BYTES (1024 * 1024)

static const char *user_dir;
static char *builtin_dir;

void
templates_set_user_dir(const char *dir)
{
	user_dir = dir;
}

const char *
templates_user_dir(void)
{
	return user_dir;
}

static bool
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *
templates_builtin_dir(void)
{
	static const char *const beside[] = {
		"templates",			/* ./scorecard in a source tree */
		"../templates",			/* build/scorecard-asan */
		"../share/scorecard/templates",	/* PREFIX/bin/scorecard */
		NULL
	};
	char exe[PATH_MAX], *slash;
	ssize_t n;
	struct buf b = BUF_INIT;
	size_t i;

	if (builtin_dir != NULL)
		return builtin_dir;
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			for (i = 0; beside[i] != NULL; i++) {
				buf_reset(&b);
				buf_printf(&b, "%s/%s", exe, beside[i]);
				if (is_dir(b.data)) {
					builtin_dir = buf_detach(&b);
					return builtin_dir;
				}
			}
		}
	}
	buf_free(&b);
	builtin_dir = xstrdup(SCORECARD_DATADIR "/templates");
	return builtin_dir;
}

static bool
safe_name(const char *name)
{
	const char *p = name;

	if (*name == '\0' || *name == '/')
		return false;
	for (;;) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		if (p[n] == '\0')
			return true;
		p += n + 1;
	}
}

/* Whether file, once links are followed, lies inside dir. */
static bool
inside(const char *dir, const char *file)
{
	char *rd = realpath(dir, NULL), *rf = realpath(file, NULL);
	size_t n = rd != NULL ? strlen(rd) : 0;
	bool ok = rd != NULL && rf != NULL && strncmp(rf, rd, n) == 0 &&
	    (rf[n] == '/' || (n == 1 && rd[0] == '/'));

	free(rd);
	free(rf);
	return ok;
}

char *
template_read_in(enum template_dir which, const char *name, size_t *len,
    char **path, bool *missing)
{
	const char *dir = which == TEMPLATE_USER ? user_dir :
	    templates_builtin_dir();
	struct buf p = BUF_INIT;
	char *text;
	int err;

	*missing = false;
	if (!safe_name(name)) {
		diag(DIAG_ERROR, name, 0, NULL, NULL, "a template name may "
		    "not leave the templates folder");
		return NULL;
	}
	if (dir == NULL) {
		*missing = true;
		return NULL;
	}
	buf_printf(&p, "%s/%s", dir, name);
	if ((text = file_read(p.data, TEMPLATE_MAX_BYTES, len, &err)) ==
	    NULL) {
		if (err == ENOENT)
			*missing = true;
		else
			diag(DIAG_ERROR, p.data, 0, NULL, NULL,
			    "cannot read: %s", err == EFBIG ?
			    "larger than 1 MiB" : file_strerror(err));
		buf_free(&p);
		return NULL;
	}
	if (!inside(dir, p.data)) {
		/* a symbolic link out of the folder */
		diag(DIAG_ERROR, p.data, 0, NULL, NULL, "a template may not "
		    "be a link to a file outside the templates folder");
		free(text);
		buf_free(&p);
		return NULL;
	}
	*path = buf_detach(&p);
	return text;
}

char *
template_read(const char *name, size_t *len, char **path)
{
	const char *dirs[2];
	struct buf p = BUF_INIT;
	char *text;
	int i, err = ENOENT;

	if (!safe_name(name)) {
		diag(DIAG_ERROR, name, 0, NULL, NULL, "a template name may "
		    "not leave the templates folder");
		return NULL;
	}
	dirs[0] = user_dir;
	dirs[1] = templates_builtin_dir();
	for (i = 0; i < 2; i++) {
		if (dirs[i] == NULL)
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s/%s", dirs[i], name);
		if ((text = file_read(p.data, TEMPLATE_MAX_BYTES, len,
		    &err)) != NULL) {
			if (!inside(dirs[i], p.data)) {
				/* a symbolic link out of the folder */
				diag(DIAG_ERROR, p.data, 0, NULL, NULL,
				    "a template may not be a link to a file "
				    "outside the templates folder");
				free(text);
				buf_free(&p);
				return NULL;
			}
			*path = buf_detach(&p);
			return text;
		}
		if (err != ENOENT)
			break;
	}
	if (err == ENOENT)
		diag(DIAG_ERROR, name, 0, NULL, NULL, "no such template "
		    "(looked in %s%s%s)", user_dir ? user_dir : "",
		    user_dir ? " and " : "", templates_builtin_dir());
	else
		diag(DIAG_ERROR, p.data, 0, NULL, NULL, "cannot read: %s",
		    err == EFBIG ? "larger than 1 MiB" : file_strerror(err));
	buf_free(&p);
	return NULL;
}

struct loaded {
	char	**texts;
	size_t	  n;
};

static enum tmpl_load
load_partial(void *arg, const char *name, struct tmpl_source *src)
{
	struct loaded *l = arg;
	struct buf file = BUF_INIT;
	char *text, *path;
	size_t len;

	/* {{>kpi_table}} is the file kpi_table.md (or .html beside html). */
	buf_puts(&file, name);
	if (strchr(name, '.') == NULL)
		buf_puts(&file, ".md");
	text = template_read(file.data, &len, &path);
	buf_free(&file);
	if (text == NULL)
		return TMPL_LOAD_ERROR;
	l->texts = xreallocarray(l->texts, l->n + 2, sizeof(char *));
	l->texts[l->n++] = text;
	l->texts[l->n++] = path;
	src->text = text;
	src->len = len;
	src->path = path;
	return TMPL_LOAD_OK;
}

struct tmpl *
template_compile_text(const char *path, const char *text, size_t len,
    enum tmpl_escape escape)
{
	struct loaded l = { NULL, 0 };
	struct tmpl_loader loader = { load_partial, &l, false };
	struct tmpl *t;
	size_t i;

	t = tmpl_compile(path, text, len, &loader, escape);
	for (i = 0; i < l.n; i++)
		free(l.texts[i]);
	free(l.texts);
	return t;
}

struct tmpl *
template_compile(const char *name, enum tmpl_escape escape)
{
	struct tmpl *t;
	char *text, *path;
	size_t len;

	if ((text = template_read(name, &len, &path)) == NULL)
		return NULL;
	t = template_compile_text(path, text, len, escape);
	free(text);
	free(path);
	return t;
}
