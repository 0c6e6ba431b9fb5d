/*
 * `scorecard casebook` (see casebook.h): reads the workspace (sales.csv
 * too, for the KPI snapshots), selects and checks the cases (GRAI, chart
 * blocks), builds the book and writes output/casebook/ atomically:
 *
 *   index.html          every case by date, by team and by tag; a search box
 *   cases/<slug>.html   one page per case, previous/next links
 *   lessons.html        the lessons digest, grouped by tag
 *   tags/tag-N.html     one page per tag (N: the tag's place in byte order)
 *   search-index.js     the search index (CJK bigrams, Latin words)
 *   search.js           the search script
 *
 * Pages are Markdown through the templates and the safe renderer, like the
 * reports.  The only HTML written here besides page_html()'s is static:
 * the search box and scripts on the index page, a small stylesheet and the
 * previous/next footer (whose titles are escaped).  Data reaches a script
 * only as JSON strings in search-index.js, with every character that could
 * end a string or a script written as \uXXXX.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/diag.h"
#include "util/strmap.h"
#include "util/utf8.h"
#include "input/workspace.h"
#include "jobs/casebook.h"
#include "jobs/interrupt.h"
#include "jobs/outdir.h"
#include "jobs/outlock.h"
#include "jobs/pages.h"
#include "jobs/report.h"
#include "pdf/pdf.h"
#include "chart/chart.h"
#include "render/html_escape.h"
#include "render/mdtree.h"
#include "view/page.h"
#include "view/templates.h"

/* ------------------------------------------------------------ reading */

struct run {
	struct sales_agg agg;
	bool		 started;
};

static void
sink_begin(void *arg, const struct workspace *ws)
{
	struct run *run = arg;
	/*
	 * Cases are read after sales.csv, so their periods are unknown
	 * here.  Revenue and new customers are kept for every month
	 * whatever the window; the window only has to end after the last
	 * case period, or rows after it would not count as first purchases.
	 * A month far ahead does that (orders and active customers, which
	 * need the window, are not in the snapshot).
	 */
	struct period window = period_of_month(9999 * 12 + 11);

	sales_agg_init(&run->agg, ws->people, ws->npeople, ws->nteams,
	    &window);
	run->started = true;
}

static void
sink_row(void *arg, const struct sale *s)
{
	struct run *run = arg;

	sales_agg_row(&run->agg, s);
}

/* ---------------------------------------------------------- selecting */

static bool
has_tag(const struct case_file *cf, const char *tag)
{
	size_t i;

	for (i = 0; i < cf->ntags; i++)
		if (strcmp(cf->tags[i], tag) == 0)
			return true;
	return false;
}

static bool
selected(const struct options *o, const struct workspace *ws,
    const struct case_file *cf)
{
	/* With --lenient a case with errors is kept: leave out what a page
	 * cannot be made of (reported already). */
	if (cf->title == NULL || cf->date == 0 || cf->body == NULL ||
	    check_id(cf->slug, strlen(cf->slug)) != NULL)
		return false;
	if (o->tag != NULL && !has_tag(cf, o->tag))
		return false;
	if (o->team != NULL && (cf->team == NONE ||
	    strcmp(ws->teams[cf->team].id, o->team) != 0))
		return false;
	if (o->has_since && cf->date < o->since)
		return false;
	if (o->has_until && cf->date > o->until)
		return false;
	return true;
}

static int
compare_cases(const void *a, const void *b)
{
	const struct casebook_case *x = a, *y = b;

	if (x->cf->date != y->cf->date)
		return x->cf->date < y->cf->date ? -1 : 1;
	return strcmp(x->cf->slug, y->cf->slug);
}

/* ----------------------------------------------------------- checking */

/* Chart blocks are read here, so that a bad one is reported with its
 * line in the case file (the page's Markdown has other lines). */
static bool
check_charts(const struct case_file *cf, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node *n;
	struct chart *c;
	const char *body;
	bool ok = true;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || !mdtree_is_chart(n))
			continue;
		body = cmark_node_get_literal(n);
		if (body == NULL)
			body = "";
		c = chart_parse(cf->path, cf->body_line - 1 +
		    cmark_node_get_start_line(n), body, strlen(body));
		if (c == NULL)
			ok = false;
		chart_free(c);
	}
	cmark_iter_free(it);
	return ok;
}

/* Byte offset of the start of line (1-based) in s, as cmark counts lines. */
static size_t
line_offset(const char *s, long line)
{
	size_t i = 0;
	long l = 1;

	while (l < line && s[i] != '\0') {
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n'))
			l++;
		i++;
	}
	return i;
}

/*
 * Where the KPI snapshot goes: at the end of the Result section, that is
 * where the heading that ends it starts (a heading in the document is
 * always a block boundary); at the end of the body when Result runs to
 * the end, unless the last block is one that could still be open (a
 * fenced code or an HTML block); else (and without Result) in the header.
 */
static size_t
snapshot_place(const struct case_file *cf, cmark_node *doc,
    const struct grai *g)
{
	const struct grai_section *r = &g->sections[GRAI_RESULT];
	cmark_node *last;
	int length, offset;
	char fence;

	if (r->heading == NULL)
		return SIZE_MAX;
	if (r->end != NULL)
		return line_offset(cf->body, r->end_line);
	last = cmark_node_last_child(doc);
	if (last != NULL && (cmark_node_get_type(last) ==
	    CMARK_NODE_HTML_BLOCK || (cmark_node_get_type(last) ==
	    CMARK_NODE_CODE_BLOCK && cmark_node_get_fenced(last, &length,
	    &offset, &fence))))
		return SIZE_MAX;
	return strlen(cf->body);
}

/* ------------------------------------------------------ KPI snapshots */

struct computed {
	struct period		 period;
	struct period_result	 res;
};

struct snapshots {
	const struct workspace	*ws;
	struct sales_agg	*agg;
	struct computed		*done;
	size_t			 ndone;
};

static const struct group_result *
team_numbers(struct snapshots *s, size_t team, const struct period *p)
{
	size_t i;

	for (i = 0; i < s->ndone; i++)
		if (period_equal(&s->done[i].period, p))
			return &s->done[i].res.teams[team];
	s->done = xreallocarray(s->done, s->ndone + 1, sizeof(*s->done));
	s->done[s->ndone].period = *p;
	compute_period(s->ws, s->agg, p, &s->done[s->ndone].res);
	if (report_money_problems(s->ws, &s->done[s->ndone++].res))
		return NULL;	/* a total too large to show */
	return &s->done[s->ndone - 1].res.teams[team];
}

static void
snapshots_free(struct snapshots *s)
{
	size_t i;

	for (i = 0; i < s->ndone; i++)
		period_result_free(&s->done[i].res);
	free(s->done);
}

static void
set_buf(struct tmpl_value *m, const char *key, struct buf *b)
{
	tmpl_map_set_str(m, key, buf_str(b));
	buf_reset(b);
}

/* casebook/kpi.md for the case's team and period. */
static char *
snapshot_markdown(struct casebook *book, const struct case_file *cf,
    const struct group_result *g)
{
	struct tmpl_value *d = tmpl_map_new();
	struct buf b = BUF_INIT, md = BUF_INIT;

	tmpl_map_set(d, "t", tmpl_value_copy(book->loc.labels));
	tmpl_map_set_str(d, "team", book->ws->teams[cf->team].id);
	fmt_period(&b, &book->loc, &cf->period);
	set_buf(d, "period", &b);
	fmt_count(&b, (long)g->members);
	set_buf(d, "members", &b);
	fmt_money(&b, &book->loc, g->revenue_cents);
	set_buf(d, "revenue", &b);
	if (g->revenue_target.has) {
		fmt_money(&b, &book->loc, g->revenue_target.cents);
		set_buf(d, "target", &b);
	}
	if (g->revenue_attainment.has) {
		fmt_percent(&b, &book->loc, g->revenue_attainment.v, 1);
		set_buf(d, "attainment_pct", &b);
		buf_printf(&b, "%.3f", g->revenue_attainment.v < 0 ? 0 :
		    g->revenue_attainment.v);
		set_buf(d, "attainment_bar", &b);
	}
	fmt_count(&b, g->new_customers);
	set_buf(d, "new_customers", &b);
	if (tmpl_render(book->t_kpi, d, &md) != 0) {
		buf_free(&md);
		md.data = NULL;
	}
	tmpl_value_free(d);
	buf_free(&b);
	return md.data != NULL ? buf_detach(&md) : NULL;
}

/* ------------------------------------------------------------ the book */

static size_t
tag_index(const struct casebook *book, const char *name)
{
	size_t lo = 0, hi = book->ntags, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(book->tags[mid].name, name);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NONE;
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
collect_tags(struct casebook *book)
{
	char **names = NULL;
	size_t n = 0, i, k, t;

	for (i = 0; i < book->ncases; i++)
		for (k = 0; k < book->cases[i].cf->ntags; k++) {
			names = xreallocarray(names, n + 1, sizeof(char *));
			names[n++] = book->cases[i].cf->tags[k];
		}
	if (n > 0)
		qsort(names, n, sizeof(char *), compare_strings);
	book->tags = xcalloc(n ? n : 1, sizeof(*book->tags));
	for (i = 0; i < n; i++) {
		struct casebook_tag *tg;

		if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
			continue;
		tg = &book->tags[book->ntags++];
		tg->name = xstrdup(names[i]);
		snprintf(tg->file, sizeof(tg->file), "tag-%zu", book->ntags);
	}
	free(names);
	for (i = 0; i < book->ncases; i++) {
		struct casebook_case *c = &book->cases[i];

		c->tags = xcalloc(c->cf->ntags ? c->cf->ntags : 1,
		    sizeof(size_t));
		for (k = 0; k < c->cf->ntags; k++) {
			struct casebook_tag *tg;

			if ((t = tag_index(book, c->cf->tags[k])) == NONE)
				continue;
			tg = &book->tags[t];
			/* a tag given twice in one case counts once */
			if (tg->ncases > 0 && tg->cases[tg->ncases - 1] == i)
				continue;
			if (c->ntags == 0)
				tg->nfirst_lessons += c->grai.nlessons;
			c->tags[c->ntags++] = t;
			tg->cases = xreallocarray(tg->cases, tg->ncases + 1,
			    sizeof(size_t));
			tg->cases[tg->ncases++] = i;
			tg->nlessons += c->grai.nlessons;
		}
	}
}

/*
 * A count in words: the label key ("共 {n} 个案例") with n; for 1 the
 * label key_one when the locale has it ("1 case"), which need not hold
 * {n}.  A label without {n} gets the number in front.
 */
static void
label_n(struct buf *b, const struct locale *l, const char *key, size_t n)
{
	const char *s = locale_label(l, key), *p;
	char one[80];

	snprintf(one, sizeof(one), "%s_one", key);
	if (n == 1 && (p = locale_label(l, one)) != one &&
	    strcmp(p, one) != 0)
		s = p;
	if ((p = strstr(s, "{n}")) != NULL) {
		buf_put(b, s, (size_t)(p - s));
		fmt_count(b, (long)n);
		buf_puts(b, p + 3);
	} else if (n == 1 && s != locale_label(l, key))
		buf_puts(b, s);
	else {
		fmt_count(b, (long)n);
		buf_printf(b, " %s", s);
	}
}

static void
describe_selection(struct casebook *book)
{
	const struct options *o = book->o;
	struct buf b = BUF_INIT;
	const char *sep = "";

	if (o->tag != NULL) {
		buf_printf(&b, "%s %s", locale_label(&book->loc,
		    "casebook_tags"), o->tag);
		sep = " · ";
	}
	if (o->team != NULL) {
		buf_printf(&b, "%s%s %s", sep, locale_label(&book->loc, "team"),
		    o->team);
		sep = " · ";
	}
	if (o->has_since) {
		buf_printf(&b, "%s%s ", sep, locale_label(&book->loc,
		    "casebook_since"));
		fmt_date(&b, &book->loc, o->since);
		sep = " · ";
	}
	if (o->has_until) {
		buf_printf(&b, "%s%s ", sep, locale_label(&book->loc,
		    "casebook_until"));
		fmt_date(&b, &book->loc, o->until);
	}
	book->selection = b.len > 0 ? buf_detach(&b) : NULL;
	buf_free(&b);
}

static void
casebook_free(struct casebook *book)
{
	size_t i;

	for (i = 0; i < book->ncases; i++) {
		grai_free(&book->cases[i].grai);
		free(book->cases[i].tags);
		free(book->cases[i].kpi_md);
	}
	free(book->cases);
	for (i = 0; i < book->ntags; i++) {
		free(book->tags[i].name);
		free(book->tags[i].cases);
	}
	free(book->tags);
	free(book->selection);
	tmpl_free(book->t_case);
	tmpl_free(book->t_kpi);
	tmpl_free(book->t_index);
	tmpl_free(book->t_lessons);
	tmpl_free(book->t_tag);
	locale_free(&book->loc);
}

/*
 * Selects, sorts and checks the cases: every problem is reported before
 * anything is written.  Returns 0 or the exit status.
 */
static int
select_cases(struct casebook *book, cmark_node ***trees)
{
	const struct workspace *ws = book->ws;
	size_t i, errors = 0;
	cmark_node **doc;

	book->cases = xcalloc(ws->ncases ? ws->ncases : 1,
	    sizeof(*book->cases));
	for (i = 0; i < ws->ncases; i++)
		if (selected(book->o, ws, &ws->cases[i])) {
			book->cases[book->ncases].cf = &ws->cases[i];
			book->cases[book->ncases].prev = NONE;
			book->cases[book->ncases].next = NONE;
			book->ncases++;
		}
	if (book->ncases > 0)
		qsort(book->cases, book->ncases, sizeof(*book->cases),
		    compare_cases);
	*trees = doc = xcalloc(book->ncases ? book->ncases : 1,
	    sizeof(cmark_node *));
	for (i = 0; i < book->ncases; i++) {
		struct casebook_case *c = &book->cases[i];
		const struct case_file *cf = c->cf;

		c->prev = i > 0 ? i - 1 : NONE;
		c->next = i + 1 < book->ncases ? i + 1 : NONE;
		if ((doc[i] = mdtree_parse_at(cf->path, cf->body,
		    strlen(cf->body), cf->body_line)) == NULL) {
			errors++;
			continue;
		}
		if (!check_charts(cf, doc[i]))
			errors++;
		grai_find(doc[i], &c->grai);
		if (grai_report(&c->grai, cf->path, cf->body_line - 1,
		    book->o->strict) > 0) {
			book->nincomplete++;
			if (book->o->strict)
				errors++;
		}
		book->nlessons += c->grai.nlessons;
	}
	return errors > 0 ? EX_DATAERR : 0;
}

static void
free_trees(cmark_node **doc, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (doc[i] != NULL)
			cmark_node_free(doc[i]);
	free(doc);
}

static int
compile_templates(struct casebook *book)
{
	if ((book->t_case = template_compile("casebook/case.md",
	    TMPL_ESCAPE_MARKDOWN)) == NULL ||
	    (book->t_kpi = template_compile("casebook/kpi.md",
	    TMPL_ESCAPE_MARKDOWN)) == NULL ||
	    (book->t_index = template_compile("casebook/index.md",
	    TMPL_ESCAPE_MARKDOWN)) == NULL ||
	    (book->t_lessons = template_compile("casebook/lessons.md",
	    TMPL_ESCAPE_MARKDOWN)) == NULL ||
	    (book->t_tag = template_compile("casebook/tag.md",
	    TMPL_ESCAPE_MARKDOWN)) == NULL)
		return EX_DATAERR;
	return 0;
}

/* The KPI snapshot of every case that names a team and a period. */
static int
add_snapshots(struct casebook *book, struct run *run, cmark_node **doc)
{
	struct snapshots s;
	const struct group_result *g;
	size_t i;
	int status = 0;

	if (!run->started || !book->ws->files[FILE_SALES].present)
		return 0;	/* no sales.csv: no numbers to show */
	memset(&s, 0, sizeof(s));
	s.ws = book->ws;
	s.agg = &run->agg;
	for (i = 0; i < book->ncases && status == 0; i++) {
		struct casebook_case *c = &book->cases[i];
		const struct case_file *cf = c->cf;

		if (cf->team == NONE || !cf->has_period || doc[i] == NULL)
			continue;
		if ((g = team_numbers(&s, cf->team, &cf->period)) == NULL) {
			status = EX_DATAERR;
			break;
		}
		c->kpi_md = snapshot_markdown(book, cf, g);
		if (c->kpi_md == NULL)
			status = EX_DATAERR;
		c->kpi_at = snapshot_place(cf, doc[i], &c->grai);
	}
	snapshots_free(&s);
	return status;
}

/* ------------------------------------------------- the template data */

static struct tmpl_value *
common_data(const struct casebook *book, const char *root)
{
	struct tmpl_value *d = tmpl_map_new();

	tmpl_map_set(d, "t", tmpl_value_copy(book->loc.labels));
	tmpl_map_set_str(d, "lang", book->loc.code);
	tmpl_map_set_str(d, "root", root);
	return d;
}

static struct tmpl_value *
tags_of(const struct casebook *book, const struct casebook_case *c)
{
	struct tmpl_value *list = tmpl_list_new(), *m = NULL;
	size_t k;

	for (k = 0; k < c->ntags; k++) {
		m = tmpl_list_append(list, tmpl_map_new());
		tmpl_map_set_bool(m, "last", false);
		tmpl_map_set_str(m, "name", book->tags[c->tags[k]].name);
		tmpl_map_set_str(m, "file", book->tags[c->tags[k]].file);
	}
	if (m != NULL)
		tmpl_map_set_bool(m, "last", true);
	return list;
}

static void
lessons_of(const struct casebook_case *c, struct tmpl_value *m)
{
	struct tmpl_value *list = tmpl_map_set_list(m, "lessons"), *l;
	size_t k;

	for (k = 0; k < c->grai.nlessons; k++) {
		l = tmpl_list_append(list, tmpl_map_new());
		tmpl_map_set_bool(l, "last", k + 1 == c->grai.nlessons);
		tmpl_map_set_str(l, "markdown", c->grai.lessons[k].markdown);
		tmpl_map_set_str(l, "text", c->grai.lessons[k].text);
	}
	tmpl_map_set_bool(m, "has_lessons", c->grai.nlessons > 0);
}

/* What every list of cases shows about a case. */
static struct tmpl_value *
case_summary(const struct casebook *book, size_t i)
{
	const struct casebook_case *c = &book->cases[i];
	const struct case_file *cf = c->cf;
	const struct workspace *ws = book->ws;
	struct tmpl_value *m = tmpl_map_new(), *missing;
	struct buf b = BUF_INIT;
	int s;

	/* Every item of every list says whether it is the last one: a key
	 * an item lacks would be looked up in the enclosing item. */
	tmpl_map_set_bool(m, "last", false);
	tmpl_map_set_str(m, "title", cf->title);
	tmpl_map_set_str(m, "slug", cf->slug);
	fmt_date(&b, &book->loc, cf->date);
	set_buf(m, "date", &b);
	if (cf->team != NONE)
		tmpl_map_set_str(m, "team", ws->teams[cf->team].id);
	if (cf->author != NONE)
		tmpl_map_set_str(m, "author", ws->people[cf->author].name);
	if (cf->has_period) {
		fmt_period(&b, &book->loc, &cf->period);
		set_buf(m, "period", &b);
	}
	tmpl_map_set(m, "tags", tags_of(book, c));
	tmpl_map_set_bool(m, "has_tags", c->ntags > 0);
	tmpl_map_set_bool(m, "incomplete", grai_missing(&c->grai) > 0);
	missing = tmpl_map_set_list(m, "missing");
	{
		struct tmpl_value *x = NULL;
		static const char *const keys[GRAI_COUNT] = { "grai_goal",
		    "grai_result", "grai_analysis", "grai_insight" };

		for (s = 0; s < GRAI_COUNT; s++) {
			if (c->grai.sections[s].heading != NULL)
				continue;
			x = tmpl_list_append(missing, tmpl_map_new());
			tmpl_map_set_bool(x, "last", false);
			tmpl_map_set_str(x, "label", locale_label(&book->loc,
			    keys[s]));
			tmpl_map_set_str(x, "en", grai_name_en(s));
			tmpl_map_set_str(x, "zh", grai_name_zh(s));
		}
		if (x != NULL)
			tmpl_map_set_bool(x, "last", true);
	}
	lessons_of(c, m);
	buf_free(&b);
	return m;
}

int
casebook_chapter(const struct casebook *book, size_t i, const char *root,
    struct buf *out)
{
	const struct casebook_case *c = &book->cases[i];
	const char *body = c->cf->body;
	struct tmpl_value *d = common_data(book, root), *m;
	size_t at = c->kpi_md != NULL ? c->kpi_at : SIZE_MAX;
	int status;

	m = case_summary(book, i);
	tmpl_map_set(d, "case", m);
	if (c->kpi_md != NULL && at == SIZE_MAX)
		tmpl_map_set_str(d, "kpi_in_header", c->kpi_md);
	if (c->prev != NONE)
		tmpl_map_set(d, "prev", case_summary(book, c->prev));
	if (c->next != NONE)
		tmpl_map_set(d, "next", case_summary(book, c->next));
	status = tmpl_render(book->t_case, d, out);
	tmpl_value_free(d);
	if (status != 0)
		return -1;
	buf_puts(out, "\n\n");
	if (at == SIZE_MAX)
		buf_puts(out, body);
	else {
		buf_put(out, body, at);
		buf_puts(out, "\n\n");
		buf_puts(out, c->kpi_md);
		buf_puts(out, "\n\n");
		buf_puts(out, body + at);
	}
	buf_putc(out, '\n');
	return 0;
}

enum which { ALL_CASES, FIRST_TAG, OTHER_TAG };

/*
 * The cases of tag t (NONE: the cases without tags): all of them, those
 * whose first tag it is, or those that have it after another; with
 * lessons only if asked.
 */
static struct tmpl_value *
tag_cases(const struct casebook *book, size_t t, enum which which,
    bool with_lessons)
{
	struct tmpl_value *list = tmpl_list_new(), *m = NULL;
	const struct casebook_case *c;
	size_t i, k;

	for (i = 0; i < book->ncases; i++) {
		c = &book->cases[i];
		if (with_lessons && c->grai.nlessons == 0)
			continue;
		if (t == NONE) {
			if (c->ntags != 0)
				continue;
		} else {
			for (k = 0; k < c->ntags && c->tags[k] != t; k++)
				;
			if (k == c->ntags || (which == FIRST_TAG && k != 0) ||
			    (which == OTHER_TAG && k == 0))
				continue;
		}
		m = tmpl_list_append(list, case_summary(book, i));
	}
	if (m != NULL)
		tmpl_map_set_bool(m, "last", true);
	return list;
}

/*
 * The groups of cases by tag, in tag order, then the cases without tags
 * (when there are any).  For the lessons digest (lessons set) a case is
 * in the group of its first tag only, so that each lesson is there once,
 * and a group lists as "also" the cases that have its tag after another;
 * groups without lessons are left out.  anchors: the id of each group's
 * heading on the digest page (ntags + 1 entries), or NULL.
 */
static void
tags_data(const struct casebook *book, struct tmpl_value *d, bool lessons,
    char *const *anchors)
{
	struct tmpl_value *list = tmpl_map_set_list(d, "tags"), *m = NULL,
	    *also;
	struct buf b = BUF_INIT;
	size_t t, i;

	for (t = 0; t <= book->ntags; t++) {
		size_t nlessons = 0, ncases = 0, tag = t < book->ntags ? t :
		    NONE;
		const char *name;

		if (tag != NONE) {
			name = book->tags[t].name;
			nlessons = lessons ? book->tags[t].nfirst_lessons :
			    book->tags[t].nlessons;
			ncases = book->tags[t].ncases;
		} else {
			for (i = 0; i < book->ncases; i++)
				if (book->cases[i].ntags == 0) {
					ncases++;
					nlessons += book->cases[i].grai.nlessons;
				}
			name = locale_label(&book->loc, "casebook_untagged");
		}
		if (ncases == 0 || (lessons && nlessons == 0))
			continue;
		m = tmpl_list_append(list, tmpl_map_new());
		tmpl_map_set_bool(m, "last", false);
		tmpl_map_set_str(m, "name", name);
		if (tag != NONE)
			tmpl_map_set_str(m, "file", book->tags[t].file);
		label_n(&b, &book->loc, "casebook_count", ncases);
		set_buf(m, "count_text", &b);
		label_n(&b, &book->loc, "casebook_lessons_count", nlessons);
		set_buf(m, "lessons_text", &b);
		tmpl_map_set_num(m, "count", (double)ncases);
		tmpl_map_set_num(m, "nlessons", (double)nlessons);
		if (anchors != NULL && anchors[t] != NULL)
			tmpl_map_set_str(m, "anchor", anchors[t]);
		tmpl_map_set(m, "cases", tag_cases(book, tag, lessons ?
		    FIRST_TAG : ALL_CASES, lessons));
		if (lessons && tag != NONE) {
			also = tag_cases(book, tag, OTHER_TAG, true);
			tmpl_map_set_bool(m, "has_also", tmpl_list_len(also) > 0);
			tmpl_map_set(m, "also", also);
		}
	}
	if (m != NULL)
		tmpl_map_set_bool(m, "last", true);
	buf_free(&b);
}

static struct tmpl_value *
index_data(const struct casebook *book)
{
	const struct workspace *ws = book->ws;
	struct tmpl_value *d = common_data(book, ""), *list, *teams, *m;
	struct buf b = BUF_INIT;
	size_t i, t;

	label_n(&b, &book->loc, "casebook_count", book->ncases);
	set_buf(d, "count_text", &b);
	label_n(&b, &book->loc, "casebook_lessons_count", book->nlessons);
	set_buf(d, "lessons_text", &b);
	tmpl_map_set_num(d, "count", (double)book->ncases);
	tmpl_map_set_num(d, "nlessons", (double)book->nlessons);
	if (book->nincomplete > 0) {
		label_n(&b, &book->loc, "casebook_incomplete_count",
		    book->nincomplete);
		set_buf(d, "incomplete_text", &b);
	}
	if (book->selection != NULL)
		tmpl_map_set_str(d, "selection", book->selection);
	list = tmpl_map_set_list(d, "cases");
	for (i = 0; i < book->ncases; i++)
		tmpl_list_append(list, case_summary(book, i));
	teams = tmpl_map_set_list(d, "teams");
	for (t = 0; t <= ws->nteams; t++) {
		size_t want = t < ws->nteams ? t : NONE;

		m = NULL;
		for (i = 0; i < book->ncases; i++) {
			if (book->cases[i].cf->team != want)
				continue;
			if (m == NULL) {
				m = tmpl_list_append(teams, tmpl_map_new());
				tmpl_map_set_str(m, "name", t < ws->nteams ?
				    ws->teams[t].id : locale_label(&book->loc,
				    "casebook_no_team"));
				list = tmpl_map_set_list(m, "cases");
			}
			tmpl_list_append(list, case_summary(book, i));
		}
	}
	tags_data(book, d, false, NULL);
	buf_free(&b);
	return d;
}

static int
render_lessons(const struct casebook *book, const char *root,
    char *const *anchors, struct buf *out)
{
	struct tmpl_value *d = common_data(book, root);
	struct buf b = BUF_INIT;
	int status;

	label_n(&b, &book->loc, "casebook_lessons_count", book->nlessons);
	set_buf(d, "lessons_text", &b);
	label_n(&b, &book->loc, "casebook_count", book->ncases);
	set_buf(d, "count_text", &b);
	tmpl_map_set_num(d, "nlessons", (double)book->nlessons);
	tags_data(book, d, true, anchors);
	status = tmpl_render(book->t_lessons, d, out);
	tmpl_value_free(d);
	buf_free(&b);
	return status;
}

/*
 * The digest links each group from its list at the top to its heading:
 * the template is expanded once to find the ids the renderer will give
 * the headings that read as a group's name, then again with them.
 */
int
casebook_lessons(const struct casebook *book, const char *root,
    struct buf *out)
{
	struct mdtree_ids ids = MDTREE_IDS_INIT;
	struct buf first = BUF_INIT, text = BUF_INIT, id = BUF_INIT;
	char **anchors = xcalloc(book->ntags + 1, sizeof(char *));
	const char *untagged = locale_label(&book->loc, "casebook_untagged");
	cmark_node *doc, *n;
	cmark_iter *it;
	cmark_event_type ev;
	size_t t;
	int status;

	if ((status = render_lessons(book, root, NULL, &first)) != 0)
		goto out;
	if ((doc = mdtree_parse("casebook/lessons.md", buf_str(&first),
	    first.len)) == NULL) {
		status = -1;
		goto out;
	}
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		buf_reset(&id);
		mdtree_heading_id(&ids, n, &id);
		buf_reset(&text);
		mdtree_plain_text(n, &text);
		if (strcmp(buf_str(&text), untagged) == 0)
			t = book->ntags;
		else if ((t = tag_index(book, buf_str(&text))) == NONE)
			continue;
		if (anchors[t] == NULL)
			anchors[t] = xstrdup(buf_str(&id));
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	status = render_lessons(book, root, anchors, out);
out:
	for (t = 0; t <= book->ntags; t++)
		free(anchors[t]);
	free(anchors);
	mdtree_ids_free(&ids);
	buf_free(&first);
	buf_free(&text);
	buf_free(&id);
	return status;
}

static int
render_tag(const struct casebook *book, size_t t, struct buf *out)
{
	struct tmpl_value *d = common_data(book, "../");
	const struct casebook_tag *tg = &book->tags[t];
	struct buf b = BUF_INIT;
	int status;

	tmpl_map_set_str(d, "name", tg->name);
	tmpl_map_set_str(d, "file", tg->file);
	label_n(&b, &book->loc, "casebook_count", tg->ncases);
	set_buf(d, "count_text", &b);
	label_n(&b, &book->loc, "casebook_lessons_count", tg->nlessons);
	set_buf(d, "lessons_text", &b);
	tmpl_map_set_num(d, "nlessons", (double)tg->nlessons);
	tmpl_map_set(d, "cases", tag_cases(book, t, ALL_CASES, false));
	status = tmpl_render(book->t_tag, d, out);
	tmpl_value_free(d);
	buf_free(&b);
	return status;
}

/* ------------------------------------------------------------- search */

/*
 * The index: every term of a case (its title, tags, team, author and
 * text) to the cases that hold it.  Terms are each CJK character, each
 * pair of neighbouring CJK characters, and each Latin word (letters and
 * digits, lower case; fullwidth forms as ASCII).  search.js cuts a query
 * the same way and keeps the cases that hold every term (a prefix, for
 * the words).  A pair found in two places can match a phrase that is not
 * there: rare enough for a book of cases.
 */
struct search_index {
	struct strmap	 terms;		/* term -> index into postings */
	char		**names;
	struct posting {
		size_t	*cases;
		size_t	 n;
	}		*postings;
	size_t		 nterms;
	size_t		 current;	/* the case being added */
};

static bool
search_cjk(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff) ||
	    (c >= 0x3040 && c <= 0x30ff) || (c >= 0xac00 && c <= 0xd7af);
}

static uint32_t
search_fold(uint32_t c)
{
	if (c >= 0xff01 && c <= 0xff5e)		/* fullwidth ASCII */
		c -= 0xfee0;
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return c;
}

#define SEARCH_MAX_WORD 40	/* longer "words" (hashes, URLs) are left out */

static void
search_term(struct search_index *x, const char *term, size_t len)
{
	size_t k, existing;
	struct posting *p;

	if (strmap_put(&x->terms, term, len, x->nterms, &existing)) {
		x->postings = xreallocarray(x->postings, x->nterms + 1,
		    sizeof(*x->postings));
		x->names = xreallocarray(x->names, x->nterms + 1,
		    sizeof(char *));
		x->postings[x->nterms].cases = NULL;
		x->postings[x->nterms].n = 0;
		x->names[x->nterms] = xstrndup(term, len);
		k = x->nterms++;
	} else
		k = existing;
	p = &x->postings[k];
	if (p->n > 0 && p->cases[p->n - 1] == x->current)
		return;
	p->cases = xreallocarray(p->cases, p->n + 1, sizeof(size_t));
	p->cases[p->n++] = x->current;
}

static void
put_utf8(char *out, size_t *n, uint32_t c)
{
	if (c < 0x80)
		out[(*n)++] = (char)c;
	else if (c < 0x800) {
		out[(*n)++] = (char)(0xc0 | (c >> 6));
		out[(*n)++] = (char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		out[(*n)++] = (char)(0xe0 | (c >> 12));
		out[(*n)++] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[(*n)++] = (char)(0x80 | (c & 0x3f));
	} else {
		out[(*n)++] = (char)(0xf0 | (c >> 18));
		out[(*n)++] = (char)(0x80 | ((c >> 12) & 0x3f));
		out[(*n)++] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[(*n)++] = (char)(0x80 | (c & 0x3f));
	}
}

static void
search_text(struct search_index *x, const char *s, size_t len)
{
	const char *end = s + len;
	char word[SEARCH_MAX_WORD + 1], pair[8];
	size_t wn = 0, n, pn;
	uint32_t c, prev = 0;
	bool too_long = false;

	for (;;) {
		if (s < end) {
			n = utf8_decode(s, (size_t)(end - s), &c);
			if (n == 0) {
				n = 1;
				c = 0xfffd;
			}
			s += n;
			c = search_fold(c);
		} else
			c = 0;
		if (c < 0x80 && ((c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9'))) {
			prev = 0;
			if (wn < SEARCH_MAX_WORD)
				word[wn++] = (char)c;
			else
				too_long = true;
			continue;
		}
		if (wn > 0 && !too_long)
			search_term(x, word, wn);
		wn = 0;
		too_long = false;
		if (c == 0)
			break;
		if (!search_cjk(c)) {
			prev = 0;
			continue;
		}
		pn = 0;
		put_utf8(pair, &pn, c);
		search_term(x, pair, pn);
		if (prev != 0) {
			pn = 0;
			put_utf8(pair, &pn, prev);
			put_utf8(pair, &pn, c);
			search_term(x, pair, pn);
		}
		prev = c;
	}
}

/* A JSON string that is also inert inside an HTML script element. */
static void
json_string(struct buf *b, const char *s)
{
	const char *end = s + strlen(s);
	uint32_t c;
	size_t n;

	buf_putc(b, '"');
	while (s < end) {
		unsigned char u = (unsigned char)*s;

		if (u >= 0x80) {
			if ((n = utf8_decode(s, (size_t)(end - s), &c)) == 0) {
				buf_puts(b, "\\ufffd");
				s++;
			} else if (c == 0x2028 || c == 0x2029) {
				buf_printf(b, "\\u%04x", (unsigned)c);
				s += n;
			} else {
				buf_put(b, s, n);
				s += n;
			}
			continue;
		}
		if (u < 0x20 || u == 0x7f || u == '"' || u == '\\' ||
		    u == '<' || u == '>' || u == '&' || u == '\'')
			buf_printf(b, "\\u%04x", u);
		else
			buf_putc(b, (char)u);
		s++;
	}
	buf_putc(b, '"');
}

static int
compare_term_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The text of a case for the index, a line per paragraph, heading or table
 * cell, so that the last word of one and the first of the next stay two
 * words ("Goal" and "Revenue", not "goalrevenue").
 */
static void
search_plain_text(cmark_node *doc, struct buf *out)
{
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node *n;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(iter);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH ||
		    cmark_node_get_type(n) == CMARK_NODE_HEADING ||
		    mdtree_is(n, "table_cell")) {
			mdtree_plain_text(n, out);
			buf_putc(out, '\n');
			cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);
		}
	}
	cmark_iter_free(iter);
}

static void
search_index_js(const struct casebook *book, cmark_node **doc,
    struct buf *out)
{
	const struct workspace *ws = book->ws;
	struct search_index x;
	struct buf text = BUF_INIT;
	char **sorted;
	size_t i, k, t;

	memset(&x, 0, sizeof(x));
	for (i = 0; i < book->ncases; i++) {
		const struct case_file *cf = book->cases[i].cf;

		x.current = i;
		buf_reset(&text);
		buf_puts(&text, cf->title);
		for (k = 0; k < cf->ntags; k++)
			buf_printf(&text, "\n%s", cf->tags[k]);
		if (cf->team != NONE)
			buf_printf(&text, "\n%s", ws->teams[cf->team].id);
		if (cf->author != NONE)
			buf_printf(&text, "\n%s\n%s", ws->people[cf->author].name,
			    ws->people[cf->author].rep_id);
		buf_putc(&text, '\n');
		if (doc[i] != NULL)
			search_plain_text(doc[i], &text);
		search_text(&x, text.data, text.len);
	}
	buf_puts(out, "/* The casebook's search index, for search.js "
	    "(generated by scorecard). */\nwindow.CASEBOOK_SEARCH = {\"cases\":"
	    " [\n");
	for (i = 0; i < book->ncases; i++) {
		const struct case_file *cf = book->cases[i].cf;

		buf_reset(&text);
		fmt_date(&text, &book->loc, cf->date);
		buf_puts(out, "[");
		json_string(out, cf->title);
		buf_puts(out, ",");
		buf_printf(out, "\"cases/%s.html\",", cf->slug);	/* an id */
		json_string(out, buf_str(&text));
		buf_puts(out, ",");
		json_string(out, cf->team != NONE ? ws->teams[cf->team].id :
		    "");
		buf_puts(out, i + 1 < book->ncases ? "],\n" : "]\n");
	}
	buf_puts(out, "],\n\"terms\": {\n");
	sorted = xcalloc(x.nterms ? x.nterms : 1, sizeof(char *));
	for (t = 0; t < x.nterms; t++)
		sorted[t] = x.names[t];
	if (x.nterms > 0)
		qsort(sorted, x.nterms, sizeof(char *), compare_term_names);
	for (t = 0; t < x.nterms; t++) {
		const struct posting *p;

		strmap_get(&x.terms, sorted[t], strlen(sorted[t]), &k);
		p = &x.postings[k];
		json_string(out, sorted[t]);
		buf_puts(out, ":[");
		for (i = 0; i < p->n; i++)
			buf_printf(out, i ? ",%zu" : "%zu", p->cases[i]);
		buf_puts(out, t + 1 < x.nterms ? "],\n" : "]\n");
	}
	buf_puts(out, "}};\n");
	for (t = 0; t < x.nterms; t++) {
		free(x.names[t]);
		free(x.postings[t].cases);
	}
	free(sorted);
	free(x.names);
	free(x.postings);
	strmap_free(&x.terms);
	buf_free(&text);
}

/*
 * The search script: static text.  It cuts the query as search_text()
 * cuts the cases, shows the matching cases in the list under the box
 * (built with DOM methods: data is never parsed as HTML), and reads a
 * query from the address (index.html#q=续约) so that a search can be
 * linked to.  Without JavaScript the box stays hidden.
 */
static const char search_js[] =
"/* The casebook's search (generated by scorecard): the index is\n"
" * search-index.js; a query is cut into CJK characters and pairs and\n"
" * Latin words, and a case matches when it holds all of them. */\n"
"(function () {\n"
"\t\"use strict\";\n"
"\tvar data = window.CASEBOOK_SEARCH;\n"
"\tvar form = document.getElementById(\"casebook-search\");\n"
"\tvar input = document.getElementById(\"casebook-q\");\n"
"\tvar list = document.getElementById(\"casebook-results\");\n"
"\tif (!data || !form || !input || !list)\n"
"\t\treturn;\n"
"\tvar terms = data.terms, keys = null;\n"
"\tfunction cjk(c) {\n"
"\t\treturn (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||\n"
"\t\t    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff) ||\n"
"\t\t    (c >= 0x3040 && c <= 0x30ff) || (c >= 0xac00 && c <= 0xd7af);\n"
"\t}\n"
"\tfunction fold(c) {\n"
"\t\tif (c >= 0xff01 && c <= 0xff5e)\n"
"\t\t\tc -= 0xfee0;\n"
"\t\tif (c >= 65 && c <= 90)\n"
"\t\t\tc += 32;\n"
"\t\treturn c;\n"
"\t}\n"
"\tfunction cut(q) {\n"
"\t\tvar out = { exact: [], prefix: [] }, word = \"\", run = [];\n"
"\t\tfunction endRun() {\n"
"\t\t\tif (run.length === 1)\n"
"\t\t\t\tout.exact.push(run[0]);\n"
"\t\t\tfor (var i = 1; i < run.length; i++)\n"
"\t\t\t\tout.exact.push(run[i - 1] + run[i]);\n"
"\t\t\trun = [];\n"
"\t\t}\n"
"\t\tfunction endWord() {\n"
"\t\t\tif (word !== \"\")\n"
"\t\t\t\tout.prefix.push(word);\n"
"\t\t\tword = \"\";\n"
"\t\t}\n"
"\t\tfor (var i = 0; i < q.length; i++) {\n"
"\t\t\tvar c = q.codePointAt(i);\n"
"\t\t\tif (c > 0xffff)\n"
"\t\t\t\ti++;\n"
"\t\t\tc = fold(c);\n"
"\t\t\tif ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {\n"
"\t\t\t\tendRun();\n"
"\t\t\t\tword += String.fromCharCode(c);\n"
"\t\t\t} else if (cjk(c)) {\n"
"\t\t\t\tendWord();\n"
"\t\t\t\trun.push(String.fromCodePoint(c));\n"
"\t\t\t} else {\n"
"\t\t\t\tendWord();\n"
"\t\t\t\tendRun();\n"
"\t\t\t}\n"
"\t\t}\n"
"\t\tendWord();\n"
"\t\tendRun();\n"
"\t\treturn out;\n"
"\t}\n"
"\tfunction has(t) {\n"
"\t\treturn Object.prototype.hasOwnProperty.call(terms, t);\n"
"\t}\n"
"\tfunction withPrefix(w) {\n"
"\t\tvar seen = {}, out = [];\n"
"\t\tif (keys === null)\n"
"\t\t\tkeys = Object.keys(terms);\n"
"\t\tfor (var i = 0; i < keys.length; i++) {\n"
"\t\t\tif (keys[i].lastIndexOf(w, 0) !== 0)\n"
"\t\t\t\tcontinue;\n"
"\t\t\tvar p = terms[keys[i]];\n"
"\t\t\tfor (var j = 0; j < p.length; j++)\n"
"\t\t\t\tif (!seen[p[j]]) {\n"
"\t\t\t\t\tseen[p[j]] = true;\n"
"\t\t\t\t\tout.push(p[j]);\n"
"\t\t\t\t}\n"
"\t\t}\n"
"\t\treturn out;\n"
"\t}\n"
"\tfunction search(q) {\n"
"\t\tvar t = cut(q), sets = [], i;\n"
"\t\tfor (i = 0; i < t.exact.length; i++)\n"
"\t\t\tsets.push(has(t.exact[i]) ? terms[t.exact[i]] : []);\n"
"\t\tfor (i = 0; i < t.prefix.length; i++)\n"
"\t\t\tsets.push(withPrefix(t.prefix[i]));\n"
"\t\tif (sets.length === 0)\n"
"\t\t\treturn null;\n"
"\t\tvar hits = [];\n"
"\t\tfor (var c = 0; c < data.cases.length; c++) {\n"
"\t\t\tvar all = true;\n"
"\t\t\tfor (i = 0; i < sets.length && all; i++)\n"
"\t\t\t\tall = sets[i].indexOf(c) >= 0;\n"
"\t\t\tif (all)\n"
"\t\t\t\thits.push(c);\n"
"\t\t}\n"
"\t\treturn hits;\n"
"\t}\n"
"\tfunction show(q) {\n"
"\t\tvar hits = search(q);\n"
"\t\twhile (list.firstChild)\n"
"\t\t\tlist.removeChild(list.firstChild);\n"
"\t\tif (hits === null) {\n"
"\t\t\tlist.hidden = true;\n"
"\t\t\treturn;\n"
"\t\t}\n"
"\t\tvar head = document.createElement(\"li\");\n"
"\t\thead.className = \"count\";\n"
"\t\thead.textContent = hits.length === 0 ? list.getAttribute(\"data-none\") :\n"
"\t\t    list.getAttribute(hits.length === 1 ? \"data-found-one\" :\n"
"\t\t    \"data-found\").replace(\"{n}\", String(hits.length));\n"
"\t\tlist.appendChild(head);\n"
"\t\tfor (var i = 0; i < hits.length; i++) {\n"
"\t\t\tvar c = data.cases[hits[i]];\n"
"\t\t\tvar li = document.createElement(\"li\");\n"
"\t\t\tvar a = document.createElement(\"a\");\n"
"\t\t\ta.href = c[1];\n"
"\t\t\ta.textContent = c[0];\n"
"\t\t\tli.appendChild(a);\n"
"\t\t\tvar meta = document.createElement(\"span\");\n"
"\t\t\tmeta.className = \"meta\";\n"
"\t\t\tmeta.textContent = c[3] ? c[2] + \" \\u00b7 \" + c[3] : c[2];\n"
"\t\t\tli.appendChild(meta);\n"
"\t\t\tlist.appendChild(li);\n"
"\t\t}\n"
"\t\tlist.hidden = false;\n"
"\t}\n"
"\tfunction fromHash() {\n"
"\t\tvar m = /^#q=(.*)$/.exec(location.hash), q = \"\";\n"
"\t\tif (m) {\n"
"\t\t\ttry {\n"
"\t\t\t\tq = decodeURIComponent(m[1].replace(/\\+/g, \" \"));\n"
"\t\t\t} catch (e) {\n"
"\t\t\t\tq = \"\";\n"
"\t\t\t}\n"
"\t\t}\n"
"\t\tif (m || input.value !== \"\") {\n"
"\t\t\tinput.value = q;\n"
"\t\t\tshow(q);\n"
"\t\t}\n"
"\t}\n"
"\tform.hidden = false;\n"
"\tform.addEventListener(\"submit\", function (e) {\n"
"\t\te.preventDefault();\n"
"\t});\n"
"\tinput.addEventListener(\"input\", function () {\n"
"\t\tshow(input.value);\n"
"\t\tif (window.history && history.replaceState)\n"
"\t\t\thistory.replaceState(null, \"\", input.value === \"\" ?\n"
"\t\t\t    location.pathname : \"#q=\" + encodeURIComponent(input.value));\n"
"\t});\n"
"\twindow.addEventListener(\"hashchange\", fromHash);\n"
"\tfromHash();\n"
"})();\n";

/* ------------------------------------------------------------- pages */

/*
 * Static styles for what only casebook pages have, put into each page's
 * head (style.css is shared with the reports).
 */
static const char casebook_style[] =
"<style>\n"
".casebook-search { margin: 0 0 0.6em; }\n"
".casebook-search input { width: 100%; padding: 9px 14px; font: inherit;\n"
"  border: 1px solid var(--line-strong, #c5ccd5); border-radius: 6px; }\n"
".casebook-search input:focus { outline: 2px solid var(--accent, #3b6fb6);\n"
"  outline-offset: -1px; }\n"
".casebook-results { list-style: none; margin: 0 0 1.6em; padding: 0; }\n"
".casebook-results li { padding: 6px 2px; border-bottom: 1px solid var(--line, #e4e8ed); }\n"
".casebook-results li.count { color: var(--muted, #5f6b7a); font-size: 13px; }\n"
".casebook-results .meta { margin-left: 0.8em; color: var(--muted, #5f6b7a); font-size: 13px; }\n"
".casebook-pager { display: flex; gap: 16px; max-width: 1000px;\n"
"  margin: 0 auto 48px; }\n"
".casebook-pager > * { flex: 1 1 0; }\n"
".casebook-pager a { display: block; padding: 12px 16px; border: 1px solid var(--line, #e4e8ed);\n"
"  border-radius: 6px; background: var(--paper, #fff); text-decoration: none; }\n"
".casebook-pager a:hover { border-color: var(--accent, #3b6fb6); }\n"
".casebook-pager .next { text-align: right; }\n"
".casebook-pager small { display: block; color: var(--muted, #5f6b7a); }\n"
"@media (max-width: 700px) { .casebook-pager { padding: 0 14px; flex-direction: column; } }\n"
"@media print { .casebook-pager, .casebook-search, .casebook-results { display: none; } }\n"
"</style>\n";

struct site {
	const struct casebook	*book;
	struct outdir		*out;
	struct buf		 crumbs, nav;
};

static void
nav_link(struct buf *b, const char *href, const char *text, bool current)
{
	buf_puts(b, current ? "<a aria-current=\"page\" href=\"" :
	    "<a href=\"");
	html_escape_url(b, href);
	buf_puts(b, "\">");
	html_escape_str(b, text);
	buf_puts(b, "</a>");
}

/* Where the page is and where it leads: the same on every page. */
static void
site_header(struct site *s, const char *root, const char *here,
    const char *current)
{
	const struct locale *l = &s->book->loc;
	struct buf href = BUF_INIT;

	buf_reset(&s->crumbs);
	buf_printf(&href, "%s../index.html", root);
	page_crumb(&s->crumbs, href.data, locale_label(l, "all_reports"));
	buf_reset(&href);
	buf_printf(&href, "%sindex.html", root);
	page_crumb(&s->crumbs, here != NULL ? href.data : NULL,
	    locale_label(l, "casebook"));
	if (here != NULL)
		page_crumb(&s->crumbs, NULL, here);
	buf_reset(&s->nav);
	nav_link(&s->nav, href.data, locale_label(l, "casebook_contents"),
	    current != NULL && strcmp(current, "index") == 0);
	buf_reset(&href);
	buf_printf(&href, "%slessons.html", root);
	nav_link(&s->nav, href.data, locale_label(l, "casebook_lessons"),
	    current != NULL && strcmp(current, "lessons") == 0);
	buf_free(&href);
}

/* Inserts text into html at pos. */
static void
insert_at(struct buf *html, size_t pos, const char *text)
{
	struct buf b = BUF_INIT;

	buf_put(&b, html->data, pos);
	buf_puts(&b, text);
	buf_put(&b, html->data + pos, html->len - pos);
	buf_free(html);
	*html = b;
}

/* The last occurrence of needle in b, or NULL. */
static const char *
find_last(const struct buf *b, const char *needle)
{
	const char *p = buf_str(b), *hit = NULL;

	while ((p = strstr(p, needle)) != NULL)
		hit = p++;
	return hit;
}

/*
 * A page: Markdown through page_html(), then the casebook's own static
 * HTML: the stylesheet at the end of the head, top after the page's
 * first heading (or at the start of the body), bottom at the end of the
 * body.  The rendered Markdown cannot contain these tags (raw HTML is
 * dropped, text is escaped): the first </h1> and the last </head> and
 * </body> are the layout's.
 */
static int
write_page(struct site *s, const struct buf *md, const char *source,
    const char *title, const char *rel, const char *top, const char *bottom)
{
	struct buf html = BUF_INIT, full = BUF_INIT;
	struct page p;
	const char *at;
	int status;

	buf_printf(&full, "%s · %s", title, locale_label(&s->book->loc,
	    "casebook"));
	memset(&p, 0, sizeof(p));
	p.title = full.data;
	p.lang = s->book->loc.code;
	p.breadcrumbs = s->crumbs.data;
	p.nav = s->nav.data;
	p.source = source;
	p.markdown = buf_str(md);
	p.markdown_len = md->len;
	if (page_html(&p, &html) != 0) {
		buf_free(&html);
		buf_free(&full);
		return EX_DATAERR;
	}
	if ((at = strstr(buf_str(&html), "</head>")) != NULL)
		insert_at(&html, (size_t)(at - html.data), casebook_style);
	if (top != NULL) {
		if ((at = strstr(buf_str(&html), "</h1>")) != NULL)
			insert_at(&html, (size_t)(at - html.data) + 5, top);
		else if ((at = strstr(buf_str(&html), "<main")) != NULL &&
		    (at = strchr(at, '>')) != NULL)
			insert_at(&html, (size_t)(at - html.data) + 1, top);
	}
	if (bottom != NULL) {
		if ((at = find_last(&html, "</body>")) != NULL)
			insert_at(&html, (size_t)(at - html.data), bottom);
		else
			buf_puts(&html, bottom);
	}
	status = outdir_write(s->out, rel, &html);
	buf_free(&html);
	buf_free(&full);
	return status;
}

/* The search box (hidden until search.js shows it) and its list. */
static void
search_box(const struct locale *l, struct buf *b)
{
	buf_puts(b, "\n<form id=\"casebook-search\" class=\"casebook-search\" "
	    "role=\"search\" hidden>\n<input type=\"search\" id=\"casebook-q\" "
	    "autocomplete=\"off\" placeholder=\"");
	html_escape_str(b, locale_label(l, "casebook_search_placeholder"));
	buf_puts(b, "\" aria-label=\"");
	html_escape_str(b, locale_label(l, "casebook_search"));
	buf_puts(b, "\">\n</form>\n<ul id=\"casebook-results\" "
	    "class=\"casebook-results\" aria-live=\"polite\" hidden data-none=\"");
	html_escape_str(b, locale_label(l, "casebook_search_none"));
	buf_puts(b, "\" data-found=\"");
	html_escape_str(b, locale_label(l, "casebook_search_found"));
	buf_puts(b, "\" data-found-one=\"");
	html_escape_str(b, locale_label(l, "casebook_search_found_one"));
	buf_puts(b, "\"></ul>\n");
}

/* Previous and next case, at the foot of a case page. */
static void
pager(const struct casebook *book, size_t i, struct buf *b)
{
	const struct casebook_case *c = &book->cases[i];
	const struct locale *l = &book->loc;
	struct buf href = BUF_INIT;

	buf_puts(b, "<nav class=\"casebook-pager\">\n");
	if (c->prev != NONE) {
		buf_printf(&href, "%s.html", book->cases[c->prev].cf->slug);
		buf_puts(b, "<a class=\"prev\" rel=\"prev\" href=\"");
		html_escape_url(b, href.data);
		buf_puts(b, "\"><small>← ");
		html_escape_str(b, locale_label(l, "casebook_prev"));
		buf_puts(b, "</small>");
		html_escape_str(b, book->cases[c->prev].cf->title);
		buf_puts(b, "</a>\n");
	} else
		buf_puts(b, "<span></span>\n");
	if (c->next != NONE) {
		buf_reset(&href);
		buf_printf(&href, "%s.html", book->cases[c->next].cf->slug);
		buf_puts(b, "<a class=\"next\" rel=\"next\" href=\"");
		html_escape_url(b, href.data);
		buf_puts(b, "\"><small>");
		html_escape_str(b, locale_label(l, "casebook_next"));
		buf_puts(b, " →</small>");
		html_escape_str(b, book->cases[c->next].cf->title);
		buf_puts(b, "</a>\n");
	} else
		buf_puts(b, "<span></span>\n");
	buf_puts(b, "</nav>\n");
	buf_free(&href);
}

static int
write_site(const struct casebook *book, cmark_node **doc, struct outdir *out)
{
	struct site s;
	struct buf md = BUF_INIT, rel = BUF_INIT, extra = BUF_INIT,
	    js = BUF_INIT;
	size_t i, t;
	int status = 0;

	memset(&s, 0, sizeof(s));
	s.book = book;
	s.out = out;
	for (i = 0; i < book->ncases && status == 0; i++) {
		const struct casebook_case *c = &book->cases[i];

		buf_reset(&md);
		buf_reset(&extra);
		buf_reset(&rel);
		site_header(&s, "../", c->cf->title, NULL);
		if (casebook_chapter(book, i, "../", &md) != 0) {
			status = EX_DATAERR;
			break;
		}
		pager(book, i, &extra);
		buf_printf(&rel, "cases/%s.html", c->cf->slug);
		status = write_page(&s, &md, c->cf->path, c->cf->title,
		    rel.data, NULL, extra.data);
	}
	for (t = 0; t < book->ntags && status == 0; t++) {
		buf_reset(&md);
		buf_reset(&rel);
		site_header(&s, "../", book->tags[t].name, NULL);
		if (render_tag(book, t, &md) != 0) {
			status = EX_DATAERR;
			break;
		}
		buf_printf(&rel, "tags/%s.html", book->tags[t].file);
		status = write_page(&s, &md, "casebook/tag.md",
		    book->tags[t].name, rel.data, NULL, NULL);
	}
	if (status == 0) {
		buf_reset(&md);
		site_header(&s, "", locale_label(&book->loc,
		    "casebook_lessons"), "lessons");
		if (casebook_lessons(book, "", &md) != 0)
			status = EX_DATAERR;
		else
			status = write_page(&s, &md, "casebook/lessons.md",
			    locale_label(&book->loc, "casebook_lessons"),
			    "lessons.html", NULL, NULL);
	}
	if (status == 0) {
		struct tmpl_value *d = index_data(book);

		buf_reset(&md);
		buf_reset(&extra);
		site_header(&s, "", NULL, "index");
		if (tmpl_render(book->t_index, d, &md) != 0)
			status = EX_DATAERR;
		tmpl_value_free(d);
		search_box(&book->loc, &extra);
		if (status == 0)
			status = write_page(&s, &md, "casebook/index.md",
			    locale_label(&book->loc, "casebook_contents"),
			    "index.html", extra.data,
			    "<script src=\"search-index.js\"></script>\n"
			    "<script src=\"search.js\"></script>\n");
	}
	if (status == 0) {
		search_index_js(book, doc, &js);
		status = outdir_write(out, "search-index.js", &js);
	}
	if (status == 0) {
		buf_reset(&js);
		buf_puts(&js, search_js);
		status = outdir_write(out, "search.js", &js);
	}
	buf_free(&md);
	buf_free(&rel);
	buf_free(&extra);
	buf_free(&js);
	buf_free(&s.crumbs);
	buf_free(&s.nav);
	return status;
}

/* ----------------------------------------------------------- PDF book */

/*
 * The PDF book: a cover, the contents, the lessons digest, a chapter per
 * case (each on a new page, its title as the running header and as a
 * bookmark), then the index of tags.  The chapters are expanded with a
 * root no real link has; the links to case and tag pages are then
 * pointed at the headings of the book (the ids the PDF renderer gives
 * them, found by parsing the book once).
 */
#define PDF_ROOT	"scorecardpdfbook/"	/* nothing Markdown escapes: the
						   templates write {{root}} */

/* Markdown's ASCII punctuation escaped (a title in link text). */
static void
md_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (strchr("\\`*_{}[]()<>#+-.!|~&", *s) != NULL)
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
}

/* An id as a link target: bytes that would end or break a URL escaped. */
static void
put_target(struct buf *b, const char *id)
{
	const unsigned char *u = (const unsigned char *)id;

	buf_putc(b, '#');
	for (; *u != '\0'; u++)
		if (*u <= 0x20 || strchr("()<>\\%\"'", *u) != NULL)
			buf_printf(b, "%%%02X", *u);
		else
			buf_putc(b, *u);
}

static int
book_raw(const struct casebook *book, struct buf *md)
{
	size_t i, t, k;

	if (casebook_lessons(book, PDF_ROOT, md) != 0)
		return -1;
	for (i = 0; i < book->ncases; i++) {
		buf_puts(md, "\n\n");
		if (casebook_chapter(book, i, PDF_ROOT, md) != 0)
			return -1;
	}
	if (book->ntags == 0)
		return 0;
	buf_printf(md, "\n\n# %s\n\n", locale_label(&book->loc,
	    "casebook_by_tag"));
	for (t = 0; t < book->ntags; t++) {
		const struct casebook_tag *tg = &book->tags[t];

		buf_puts(md, "## ");
		md_escape(md, tg->name);
		buf_puts(md, "\n\n");
		for (k = 0; k < tg->ncases; k++) {
			const struct case_file *cf =
			    book->cases[tg->cases[k]].cf;

			buf_puts(md, "- [");
			md_escape(md, cf->title);
			buf_printf(md, "](" PDF_ROOT "cases/%s.html)\n",
			    cf->slug);
		}
		buf_puts(md, "\n");
	}
	return 0;
}

static int
book_markdown(const struct casebook *book, struct buf *out)
{
	struct buf raw = BUF_INIT, id = BUF_INIT, text = BUF_INIT;
	struct mdtree_ids ids = MDTREE_IDS_INIT;
	size_t nchap = book->ncases + 2, h1 = 0, t, i;
	char **chap = xcalloc(nchap, sizeof(char *));
	char **tag = xcalloc(book->ntags + 1, sizeof(char *));
	const char *p, *at, *end;
	cmark_node *doc, *n;
	cmark_iter *it;
	cmark_event_type ev;
	int status = -1;

	if (book_raw(book, &raw) != 0)
		goto out;
	/* the templates' warning sign is not in the CJK fonts: U+203B ※ */
	for (i = 0; i + 3 <= raw.len; i++)
		if (memcmp(raw.data + i, "\xe2\x9a\xa0", 3) == 0)
			memcpy(raw.data + i, "\xe2\x80\xbb", 3);
	if ((doc = mdtree_parse("casebook.pdf", buf_str(&raw), raw.len)) ==
	    NULL)
		goto out;
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		buf_reset(&id);
		mdtree_heading_id(&ids, n, &id);
		if (cmark_node_get_heading_level(n) == 1) {
			if (h1 < nchap)
				chap[h1] = xstrdup(buf_str(&id));
			h1++;
		} else if (cmark_node_get_heading_level(n) == 2 &&
		    h1 == book->ncases + 2) {
			buf_reset(&text);
			mdtree_plain_text(n, &text);
			if ((t = tag_index(book, buf_str(&text))) != NONE &&
			    tag[t] == NULL)
				tag[t] = xstrdup(buf_str(&id));
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);

	/* the links to pages become links to headings */
	for (p = buf_str(&raw); (at = strstr(p, PDF_ROOT)) != NULL;) {
		const char *target = NULL;

		const char *u;
		size_t un;

		buf_put(out, p, (size_t)(at - p));
		at += strlen(PDF_ROOT);
		end = at + strcspn(at, ")\" \n");
		/* the templates' {{slug}} is Markdown-escaped ("2026\-q1") */
		buf_reset(&text);
		for (u = at; u < end; u++) {
			if (*u == '\\' && u + 1 < end)
				u++;
			buf_putc(&text, *u);
		}
		u = buf_str(&text);
		un = text.len;
		if (un > 5 && memcmp(u + un - 5, ".html", 5) == 0) {
			if (strncmp(u, "cases/", 6) == 0) {
				for (i = 0; i < book->ncases; i++) {
					const char *slug =
					    book->cases[i].cf->slug;

					if (un - 5 - 6 == strlen(slug) &&
					    memcmp(u + 6, slug,
					    strlen(slug)) == 0)
						target = chap[i + 1];
				}
			} else if (strncmp(u, "tags/", 5) == 0) {
				for (t = 0; t < book->ntags; t++)
					if (un - 5 - 5 ==
					    strlen(book->tags[t].file) &&
					    memcmp(u + 5, book->tags[t].file,
					    strlen(book->tags[t].file)) == 0)
						target = tag[t];
			}
		}
		if (target == NULL)	/* no such heading: the contents */
			target = chap[0] != NULL ? chap[0] : "";
		put_target(out, target);
		p = end;
	}
	buf_puts(out, p);
	status = 0;
out:
	for (i = 0; i < nchap; i++)
		free(chap[i]);
	for (t = 0; t <= book->ntags; t++)
		free(tag[t]);
	free(chap);
	free(tag);
	mdtree_ids_free(&ids);
	buf_free(&raw);
	buf_free(&id);
	buf_free(&text);
	return status;
}

static int
write_book(const struct casebook *book, struct outdir *out)
{
	struct pdf_options po;
	struct buf md = BUF_INIT, pdf = BUF_INIT, period = BUF_INIT,
	    count = BUF_INIT, lessons = BUF_INIT;
	char date[11];
	int status = EX_DATAERR;

	if (book_markdown(book, &md) != 0)
		goto out;
	memset(&po, 0, sizeof(po));
	po.title = locale_label(&book->loc, "casebook");
	po.lang = book->loc.code;
	if (book->ncases > 0) {
		/* the cases are in date order: the book's dates are theirs */
		fmt_date(&period, &book->loc, book->cases[0].cf->date);
		if (book->cases[book->ncases - 1].cf->date !=
		    book->cases[0].cf->date) {
			buf_puts(&period, " \xe2\x80\x93 ");
			fmt_date(&period, &book->loc,
			    book->cases[book->ncases - 1].cf->date);
		}
		date_format(book->cases[book->ncases - 1].cf->date, date);
		po.date = date;
	}
	label_n(&count, &book->loc, "casebook_count", book->ncases);
	label_n(&lessons, &book->loc, "casebook_lessons_count",
	    book->nlessons);
	po.cover_title = po.title;
	po.cover_lines[0] = buf_str(&period);
	po.cover_lines[1] = buf_str(&count);
	po.cover_lines[2] = buf_str(&lessons);
	po.cover_lines[3] = book->selection;
	po.cover_lines[4] = locale_label(&book->loc, "casebook_intro");
	po.toc_title = locale_label(&book->loc, "casebook_contents");
	po.chapter_pages = 1;
	po.chapter_headers = 1;
	po.outline_depth = 1;
	po.style_name = "pdf-style.yaml";
	if (pdf_from_markdown(&po, "casebook.pdf", buf_str(&md), md.len,
	    &pdf) != 0) {
		status = diag_exit_status() != 0 ? diag_exit_status() :
		    EX_DATAERR;	/* 73: no font */
		goto out;
	}
	status = outdir_write(out, "casebook.pdf", &pdf);
out:
	buf_free(&md);
	buf_free(&pdf);
	buf_free(&period);
	buf_free(&count);
	buf_free(&lessons);
	return status;
}

/*
 * The formats asked for.  With both and more than one job, the HTML site
 * is written by a worker process while this one lays out the PDF book:
 * the two share nothing but the (read-only) cases and the folder.
 */
static int
write_formats(const struct casebook *book, cmark_node **doc,
    struct outdir *out)
{
	const struct options *o = book->o;
	pid_t pid = -1;
	int status = 0, site = 0, ws;

	if ((o->formats & FORMAT_HTML) && (o->formats & FORMAT_PDF) &&
	    o->jobs > 1) {
		fflush(NULL);
		if ((pid = interrupt_fork()) == 0)
			_exit(write_site(book, doc, out));
	}
	if (pid < 0 && (o->formats & FORMAT_HTML))
		site = write_site(book, doc, out);
	if (site == 0 && (o->formats & FORMAT_PDF))
		status = write_book(book, out);
	if (pid > 0) {
		while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
			continue;
		interrupt_forget_children();
		site = WIFEXITED(ws) ? WEXITSTATUS(ws) : EX_SOFTWARE;
	}
	return site != 0 ? site : status;
}

/* ---------------------------------------------------------------- job */

static void
nothing_written(void)
{
	diag_finish();
	fprintf(stderr, "%zu error%s, %zu warning%s: nothing written\n",
	    diag_count(DIAG_ERROR), diag_count(DIAG_ERROR) == 1 ? "" : "s",
	    diag_count(DIAG_WARNING), diag_count(DIAG_WARNING) == 1 ? "" :
	    "s");
}

int
job_casebook(const struct options *o)
{
	struct workspace ws;
	struct run run;
	struct sales_sink sink = { sink_begin, sink_row, &run, o->jobs > 1 };
	struct casebook book;
	struct outdir out;
	struct outlock lock = { -1 };
	struct buf sales_path = BUF_INIT;
	cmark_node **doc = NULL;
	const char *code;
	size_t i;
	int status;

	memset(&run, 0, sizeof(run));
	memset(&book, 0, sizeof(book));
	memset(&out, 0, sizeof(out));
	if (!(o->formats & (FORMAT_HTML | FORMAT_PDF))) {
		fprintf(stderr, "scorecard: casebook: the book is made as HTML "
		    "or PDF; use --format html or pdf\n");
		return EX_USAGE;
	}
	/* sales.csv is read when there is one: a book of cases alone needs
	 * none (and gets no warning about it), only the KPI snapshots do. */
	buf_printf(&sales_path, "%s/sales.csv", o->input);
	status = workspace_read(&ws, o->input, o->lenient,
	    access(sales_path.data, F_OK) == 0, false, &sink);
	buf_free(&sales_path);
	if (status != 0) {
		nothing_written();
		goto out;
	}
	if (o->team != NULL && !strmap_get(&ws.team_index, o->team,
	    strlen(o->team), &i)) {
		diag(DIAG_ERROR, NULL, 0, "--team", o->team,
		    "no such team in team.csv");
		status = EX_USAGE;
		goto out;
	}
	if (run.started)
		sales_agg_finish(&run.agg);
	book.ws = &ws;
	book.o = o;
	code = o->lang != NULL ? (strcmp(o->lang, "en") == 0 ? "en" :
	    "zh-CN") : ws.policy.locale;
	templates_set_user_dir(o->templates);
	if ((status = select_cases(&book, &doc)) != 0) {
		nothing_written();
		goto out;
	}
	if ((status = locale_load(&book.loc, code)) != 0 ||
	    (status = compile_templates(&book)) != 0 ||
	    (status = add_snapshots(&book, &run, doc)) != 0) {
		nothing_written();
		goto out;
	}
	collect_tags(&book);
	describe_selection(&book);
	if (book.ncases == 0 && !o->quiet)
		fprintf(stderr, "scorecard: casebook: no case %s\n",
		    ws.ncases == 0 ? "in cases/" : "matches the selection");

	if ((status = outlock_take(&lock, o->output, true, o->quiet)) != 0 ||
	    (status = outdir_begin(&out, o->output, "casebook")) != 0)
		goto out;
	if ((status = write_formats(&book, doc, &out)) != 0) {
		outdir_abort(&out);
		nothing_written();
		goto out;
	}
	if ((status = outdir_commit(&out, true)) != 0)
		goto out;
	status = pages_write_index(o->output, book.loc.code);
	if (status == 0 && !o->quiet) {
		char *shown = utf8_shown(o->output);

		diag_finish();
		fprintf(stderr, "scorecard: wrote %s/casebook (%zu case%s, "
		    "%zu lesson%s", shown, book.ncases, book.ncases == 1 ?
		    "" : "s", book.nlessons, book.nlessons == 1 ? "" : "s");
		free(shown);
		if (book.nincomplete > 0)
			fprintf(stderr, "; %zu with GRAI sections missing",
			    book.nincomplete);
		fputs(")\n", stderr);
	}
out:
	outlock_release(&lock);
	if (doc != NULL)
		free_trees(doc, book.ncases);
	page_cache_free();
	casebook_free(&book);
	if (run.started)
		sales_agg_free(&run.agg);
	workspace_free(&ws);
	return status;
}
