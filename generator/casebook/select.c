/*
 * Making the book (see casebook.h): which cases, in which order, checked
 * (their text parsed, chart blocks read, GRAI sections found); the tags
 * and the cases of each; the line saying what the options chose; and the
 * book's making and freeing, which call the other parts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/alloc.h"
#include "casebook/casebook_int.h"
#include "chart/chart.h"
#include "markdown/mdtree.h"

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

/*
 * The checks of one case: its text parsed into *doc (NULL when it cannot
 * be), its chart blocks read, its GRAI sections found into g and the
 * missing ones reported (errors when strict).  Returns the errors.
 */
static size_t
check_case(const struct case_file *cf, bool strict, cmark_node **doc,
    struct grai *g)
{
	size_t errors = 0;

	memset(g, 0, sizeof(*g));
	if ((*doc = mdtree_parse_at(cf->path, cf->body, strlen(cf->body),
	    cf->body_line)) == NULL)
		return 1;
	if (!check_charts(cf, *doc))
		errors++;
	grai_find(*doc, g);
	if (grai_report(g, cf->path, cf->body_line - 1, strict) > 0 &&
	    strict)
		errors++;
	return errors;
}

size_t
casebook_check_cases(const struct workspace *ws)
{
	cmark_node *doc;
	struct grai g;
	size_t i, errors = 0;

	for (i = 0; i < ws->ncases; i++) {
		errors += check_case(&ws->cases[i], false, &doc, &g);
		if (doc != NULL)
			cmark_node_free(doc);
		grai_free(&g);
	}
	return errors;
}

/*
 * Selects, sorts and checks the cases: every problem is reported before
 * anything is written.  Returns 0 or the exit status.
 */
static int
select_cases(struct casebook *book)
{
	const struct workspace *ws = book->ws;
	size_t i, errors = 0;

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
	for (i = 0; i < book->ncases; i++) {
		struct casebook_case *c = &book->cases[i];
		const struct case_file *cf = c->cf;

		c->prev = i > 0 ? i - 1 : NONE;
		c->next = i + 1 < book->ncases ? i + 1 : NONE;
		errors += check_case(cf, book->o->strict, &c->doc, &c->grai);
		if (c->doc == NULL)
			continue;
		if (grai_missing(&c->grai) > 0)
			book->nincomplete++;
		book->nlessons += c->grai.nlessons;
	}
	return errors > 0 ? EX_DATAERR : 0;
}

/* --------------------------------------------------------------- tags */

size_t
casebook_tag_index(const struct casebook *book, const char *name)
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

			if ((t = casebook_tag_index(book, c->cf->tags[k])) ==
			    NONE)
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

/* The line saying what the options chose, for the index and the cover. */
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

/* ------------------------------------------------------------ the book */

int
casebook_make(struct casebook **out, const struct workspace *ws,
    const struct options *o, const char *lang, struct sales_run *sales)
{
	struct casebook *book = xcalloc(1, sizeof(*book));
	int status;

	*out = book;
	book->ws = ws;
	book->o = o;
	if ((status = select_cases(book)) != 0 ||
	    (status = locale_load(&book->loc, lang)) != 0 ||
	    (status = casebook_compile_templates(book)) != 0 ||
	    (status = casebook_site_load(book)) != 0 ||
	    (status = casebook_add_snapshots(book, sales)) != 0)
		return status;
	collect_tags(book);
	describe_selection(book);
	return 0;
}

void
casebook_free(struct casebook *book)
{
	size_t i;

	if (book == NULL)
		return;
	for (i = 0; i < book->ncases; i++) {
		grai_free(&book->cases[i].grai);
		if (book->cases[i].doc != NULL)
			cmark_node_free(book->cases[i].doc);
		free(book->cases[i].tags);
		free(book->cases[i].kpi_md);
		if (book->cases[i].kpi_doc != NULL)
			cmark_node_free(book->cases[i].kpi_doc);
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
	free(book->style);
	free(book->search_js);
	locale_free(&book->loc);
	free(book);
}

void
casebook_summary(const struct casebook *book, struct casebook_summary *s)
{
	s->lang = book->loc.code;
	s->ncases = book->ncases;
	s->nlessons = book->nlessons;
	s->nincomplete = book->nincomplete;
}
