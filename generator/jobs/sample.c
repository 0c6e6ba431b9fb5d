/*
 * The sample run of sample.h.  The templates are the built-in ones during
 * the run (what a user's template asks for does not change the data), the
 * locales the user's overlay included (a user's label is a name "t" has).
 */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "casebook/casebook.h"
#include "compute/compute.h"
#include "input/workspace.h"
#include "jobs/sample.h"
#include "tmpl/templates.h"
#include "view/locale.h"
#include "view/view.h"

/* view_keys[] and casebook_keys[]: the string literals of the view code
 * that may be keys (the Makefile lists them from the sources). */
#include "data_keys.h"

const char *const sample_templates[] = { "rep.md", "team.md", "company.md",
    "casebook/case.md", "casebook/kpi.md", "casebook/index.md",
    "casebook/lessons.md", "casebook/tag.md", NULL };

#define NTEMPLATES	(sizeof(sample_templates) / sizeof(char *) - 1)

struct sample {
	struct tmpl_shape *shape[NTEMPLATES];
};

static size_t
template_index(const char *name)
{
	size_t i;

	for (i = 0; sample_templates[i] != NULL; i++)
		if (strcmp(name, sample_templates[i]) == 0)
			return i;
	return NTEMPLATES;
}

bool
sample_is_template(const char *name)
{
	return template_index(name) < NTEMPLATES;
}

const struct tmpl_shape *
sample_shape(const struct sample *s, const char *name)
{
	size_t i = template_index(name);

	return i < NTEMPLATES ? s->shape[i] : NULL;
}

const char *const *
sample_maybe(const char *name)
{
	return strncmp(name, "casebook/", 9) == 0 ? casebook_keys : view_keys;
}

/* The recorder: a template rendered is known by the end of its path. */
static void
record(void *arg, const char *path, const struct tmpl_value *data)
{
	struct sample *s = arg;
	size_t i, n, len = strlen(path);

	for (i = 0; i < NTEMPLATES; i++) {
		n = strlen(sample_templates[i]);
		if (len >= n && strcmp(path + len - n, sample_templates[i]) ==
		    0 && (len == n || path[len - n - 1] == '/'))
			tmpl_shape_add(s->shape[i], data);
	}
}

/* The views of one computed period, in one locale. */
static void
views(struct sample *s, const struct workspace *ws,
    const struct period_result *res, const struct sales_agg *agg,
    const struct locale *loc, const struct diag_record *problems,
    size_t nproblems)
{
	struct view_context c;
	struct tmpl_value *v;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.ws = ws;
	c.res = res;
	c.agg = agg;
	c.loc = loc;
	c.problems = problems;
	c.nproblems = nproblems;
	view_index(&c);
	for (i = 0; i < ws->npeople; i++)
		if (res->people[i].active) {
			tmpl_shape_add(s->shape[0], v = view_person(&c, i));
			tmpl_value_free(v);
		}
	for (i = 0; i < ws->nteams; i++) {
		tmpl_shape_add(s->shape[1], v = view_team(&c, i));
		tmpl_value_free(v);
	}
	tmpl_shape_add(s->shape[2], v = view_company(&c));
	tmpl_value_free(v);
	view_index_free(&c);
}

/* The reports' data: the month and the quarter of the last sale. */
static int
sample_reports(struct sample *s, const char *dir, const struct locale *locs)
{
	struct workspace ws;
	struct sales_run run;
	struct sales_sink sink;
	struct period_result res;
	struct period per[2];
	struct diag_record *problems;
	size_t i, k, n = DIAG_KEEP_LIMIT + 1;
	int status, month;

	/* once for the date of the last sale, once for its year to date */
	if ((status = workspace_read(&ws, dir, false, true, true, NULL)) != 0)
		return status;
	month = date_month(ws.sales.last);
	workspace_free(&ws);
	per[0] = period_of_month(month);
	per[1].kind = PERIOD_QUARTER;
	per[1].year = per[0].year;
	per[1].number = (per[0].number + 2) / 3;
	sales_run_sink(&run, &per[1], 1, &sink);
	if ((status = workspace_read(&ws, dir, false, true, true,
	    &sink)) != 0) {
		sales_run_free(&run);
		return status;
	}
	sales_run_finish(&run);
	/* the data-quality list at its longest: more rows than it shows */
	problems = xcalloc(n, sizeof(*problems));
	for (i = 0; i < n; i++) {
		problems[i].level = DIAG_WARNING;
		problems[i].file = "sales.csv";
		problems[i].line = (long)i + 2;
		problems[i].column = "amount";
		problems[i].message = "not a number";
		problems[i].value = "x";
	}
	for (k = 0; k < 2; k++) {
		compute_period(&ws, &run.agg, &per[k], &res);
		for (i = 0; i < 2; i++)
			views(s, &ws, &res, &run.agg, &locs[i], problems, n);
		period_result_free(&res);
	}
	free(problems);
	sales_run_free(&run);
	workspace_free(&ws);
	return 0;
}

/* The casebook's data: every page of the book of every case. */
static int
sample_casebook(struct sample *s, const char *dir)
{
	static const char *const langs[] = { "zh-CN", "en" };
	struct workspace ws;
	struct sales_run run;
	struct sales_sink sink;
	struct options o;
	struct casebook *book;
	bool added = false;
	size_t i;
	int status;

	casebook_sales_sink(&run, 1, &sink);
	if ((status = workspace_read(&ws, dir, false, true, false,
	    &sink)) != 0) {
		sales_run_free(&run);
		return status;
	}
	sales_run_finish(&run);
	/*
	 * A second case: the first's front matter, the four sections with
	 * Result last and a fenced block at the end.  The book then has a
	 * previous and a next case and a KPI snapshot in a case's header
	 * (where it goes after such a block).  It shares the first's
	 * strings: taken out again before the workspace is freed.
	 */
	if (ws.ncases > 0) {
		static char slug[] = "zz-sample", body[] = "## Goal\n\n"
		    "## Analysis\n\n## Insight\n\n- Lesson.\n\n"
		    "## Result\n\n```\nx\n```\n";

		ws.cases = xreallocarray(ws.cases, ws.ncases + 1,
		    sizeof(*ws.cases));
		ws.cases[ws.ncases] = ws.cases[0];
		ws.cases[ws.ncases].slug = slug;
		ws.cases[ws.ncases].body = body;
		ws.ncases++;
		added = true;
	}
	memset(&o, 0, sizeof(o));
	o.input = dir;
	o.formats = FORMAT_HTML | FORMAT_PDF;
	o.jobs = 1;
	tmpl_set_recorder(record, s);
	for (i = 0; i < 2 && status == 0; i++) {
		book = NULL;
		status = casebook_make(&book, &ws, &o, langs[i], &run);
		if (status == 0 && casebook_expand_all(book) != 0)
			status = EX_SOFTWARE;
		casebook_free(book);
	}
	tmpl_set_recorder(NULL, NULL);
	if (added)
		ws.ncases--;
	sales_run_free(&run);
	workspace_free(&ws);
	return status;
}

/* Every shape's "t": the labels of both locales, the user's overlay
 * included, and no others. */
static int
labels(struct sample *s)
{
	static const char *const langs[] = { "zh-CN", "en" };
	struct tmpl_value *d;
	struct tmpl_shape *t;
	struct locale loc;
	size_t i, k;
	int status = 0;

	for (i = 0; i < NTEMPLATES; i++)
		tmpl_shape_remove(s->shape[i], "t");
	for (k = 0; k < 2 && status == 0; k++) {
		memset(&loc, 0, sizeof(loc));
		if ((status = locale_load(&loc, langs[k])) == 0) {
			d = tmpl_map_new();
			tmpl_map_set(d, "t", tmpl_value_copy(loc.labels));
			for (i = 0; i < NTEMPLATES; i++)
				tmpl_shape_add(s->shape[i], d);
			tmpl_value_free(d);
		}
		locale_free(&loc);
	}
	for (i = 0; i < NTEMPLATES; i++)
		if ((t = tmpl_shape_get(s->shape[i], "t")) != NULL)
			tmpl_shape_close(t);
	return status;
}

struct sample *
sample_make(bool quiet)
{
	static const char *const langs[] = { "zh-CN", "en" };
	struct sample *s = xcalloc(1, sizeof(*s));
	struct locale locs[2];
	struct buf dir = BUF_INIT;
	const char *user = templates_user_dir();
	size_t i;
	int status = 0;

	for (i = 0; i < NTEMPLATES; i++)
		s->shape[i] = tmpl_shape_new();
	memset(locs, 0, sizeof(locs));
	buf_printf(&dir, "%s/starter", templates_builtin_dir());
	templates_set_user_dir(NULL);
	diag_set_quiet_notes(true);
	for (i = 0; i < 2 && status == 0; i++)
		status = locale_load(&locs[i], langs[i]);
	if (status == 0)
		status = sample_reports(s, dir.data, locs);
	if (status == 0)
		status = sample_casebook(s, dir.data);
	diag_set_quiet_notes(quiet);
	templates_set_user_dir(user);
	for (i = 0; i < 2; i++)
		locale_free(&locs[i]);
	if (status != 0)
		diag(DIAG_ERROR, dir.data, 0, NULL, NULL, "the sample "
		    "workspace for the template names cannot be read");
	/* the user's locale files: their problems are reported */
	else
		status = labels(s);
	if (status != 0) {
		sample_free(s);
		s = NULL;
	}
	buf_free(&dir);
	return s;
}

void
sample_free(struct sample *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < NTEMPLATES; i++)
		tmpl_shape_free(s->shape[i]);
	free(s);
}
