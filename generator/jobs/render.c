/*
 * `scorecard render TEMPLATE --data FILE.yaml`: a developer's command that
 * expands one Markdown template with a YAML data file and writes the HTML
 * page to standard output, so that templates and the renderer can be tried
 * and tested without a workspace.  Partials come from the template's own
 * folder first, then the built-in templates.
 *
 * --strict refuses a template with a tag whose name the data never has
 * (65, nothing written), --names lists the names instead of rendering:
 * for a report or casebook template (by its name: rep.md, casebook/kpi.md)
 * the names of the data it is given in a run (jobs/sample.h), for any
 * other the names of the --data file (docs/templates.md, "Checking
 * templates").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/alloc.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/yamltree.h"
#include "jobs/jobs.h"
#include "jobs/sample.h"
#include "view/locale.h"
#include "render/page.h"
#include "tmpl/names.h"
#include "tmpl/templates.h"
#include "tmpl/yamldata.h"

/* A file of at most 4 MiB, or NULL after saying why. */
static char *
slurp(const char *path, size_t *len)
{
	int err;
	char *text = file_read(path, 4 * 1024 * 1024, len, &err);

	if (text == NULL) {
		diag(DIAG_ERROR, path, 0, NULL, NULL, "cannot read: %s",
		    err == EFBIG ? "larger than 4 MiB" : file_strerror(err));
		diag_set_exit(EX_NOINPUT);
	}
	return text;
}

/* The name a templates folder knows path by: "rep.md", "casebook/kpi.md". */
static const char *
folder_name(const char *path)
{
	const char *base = strrchr(path, '/'), *up;

	if (base == NULL)
		return path;
	for (up = base; up > path && up[-1] != '/'; up--)
		;
	if (base - up == 8 && strncmp(up, "casebook", 8) == 0)
		return up;
	return base + 1;
}

int
job_render(const struct options *o)
{
	struct tmpl_value *data = NULL, *t;
	struct tmpl *tmpl = NULL;
	struct sample *sample = NULL;
	struct tmpl_shape *own = NULL;
	const struct tmpl_shape *shape = NULL;
	const char *const *maybe = NULL;
	const char *name = folder_name(o->render_template), *what = name;
	struct buf md = BUF_INIT, html = BUF_INIT;
	struct locale loc;
	struct ynode *tree;
	char *text = NULL, *dir, *slash;
	size_t len;
	int status = EX_DATAERR;

	memset(&loc, 0, sizeof(loc));
	dir = xstrdup(o->render_template);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else
		strcpy(dir, ".");
	templates_set_user_dir(o->templates != NULL ? o->templates : dir);
	if (locale_load(&loc, o->lang != NULL && strcmp(o->lang, "en") == 0 ?
	    "en" : "zh-CN") != 0)
		goto out;
	if (o->data != NULL) {
		if ((text = slurp(o->data, &len)) == NULL) {
			status = EX_NOINPUT;
			goto out;
		}
		if ((tree = ytree_parse(o->data, text, len, 0)) == NULL)
			goto out;
		data = yaml_to_data(tree);
		ytree_free(tree);
		free(text);
		text = NULL;
	} else
		data = tmpl_map_new();
	if (tmpl_value_type(data) != TMPL_MAP) {
		diag(DIAG_ERROR, o->data, 1, NULL, NULL, "the data must be a "
		    "mapping (key: value)");
		goto out;
	}
	if ((t = tmpl_map_get(data, "t")) == NULL)
		tmpl_map_set(data, "t", tmpl_value_copy(loc.labels));
	if (o->strict || o->names) {
		if (sample_is_template(name)) {
			if ((sample = sample_make(o->quiet)) == NULL)
				goto out;
			shape = sample_shape(sample, name);
			maybe = sample_maybe(name);
		} else {
			shape = own = tmpl_shape_new();
			tmpl_shape_add(own, data);
			tmpl_shape_close(tmpl_shape_get(own, "t"));
			what = o->data != NULL ? o->data : "no --data";
		}
	}
	if (o->names) {
		tmpl_shape_names(shape, &md);
		fwrite(md.data, 1, md.len, stdout);
		status = 0;
		goto out;
	}
	if ((text = slurp(o->render_template, &len)) == NULL) {
		status = EX_NOINPUT;
		goto out;
	}
	if ((tmpl = template_compile_text(o->render_template, text, len,
	    TMPL_ESCAPE_MARKDOWN)) == NULL)
		goto out;
	if (o->strict && tmpl_check_names(tmpl, shape, maybe, what,
	    DIAG_ERROR) > 0)
		goto out;
	if (tmpl_render(tmpl, data, &md) != 0)
		goto out;
	if (o->dump != NULL && strcmp(o->dump, "markdown") == 0) {
		fwrite(md.data, 1, md.len, stdout);
		status = 0;
		goto out;
	}
	{
		struct page p = { .lang = loc.code,
		    .source = o->render_template };
		const struct tmpl_value *title = tmpl_map_get(data, "title");

		p.title = title != NULL ? tmpl_string(title) : "";
		if (page_html_from_markdown(&p, md.data, md.len, &html) != 0)
			goto out;
	}
	fwrite(html.data, 1, html.len, stdout);
	status = 0;
out:
	if (status != 0 && diag_exit_status() > status)
		status = diag_exit_status();
	tmpl_free(tmpl);
	tmpl_value_free(data);
	tmpl_shape_free(own);
	sample_free(sample);
	locale_free(&loc);
	page_cache_free();
	buf_free(&md);
	buf_free(&html);
	free(text);
	free(dir);
	return status;
}
