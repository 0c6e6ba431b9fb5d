/*
 * The template data of the casebook (see casebook_int.h): what the five
 * templates of templates/casebook/ see (docs/templates.md, "Templates and
 * their data"), and the Markdown they expand to: a chapter per case, the
 * lessons digest, a page per tag, the index; and the ids of the headings
 * in that Markdown, which links point at.  The site and the book both
 * take their Markdown from here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/alloc.h"
#include "casebook/casebook_int.h"
#include "markdown/mdtree.h"
#include "tmpl/templates.h"

/* ---------------------------------------------------------- templates */

int
casebook_compile_templates(struct casebook *book)
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

/* ------------------------------------------------------------ helpers */

void
casebook_set_buf(struct tmpl_value *m, const char *key, struct buf *b)
{
	tmpl_map_set_str(m, key, buf_str(b));
	buf_reset(b);
}

void
casebook_label_n(struct buf *b, const struct locale *l, const char *key,
    size_t n)
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

void
casebook_headings(cmark_node *doc,
    void (*fn)(void *arg, int level, const char *id, const char *text),
    void *arg)
{
	struct mdtree_ids ids = MDTREE_IDS_INIT;
	struct buf id = BUF_INIT, text = BUF_INIT;
	cmark_node *n;
	cmark_iter *it;
	cmark_event_type ev;

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
		fn(arg, cmark_node_get_heading_level(n), buf_str(&id),
		    buf_str(&text));
	}
	cmark_iter_free(it);
	mdtree_ids_free(&ids);
	buf_free(&id);
	buf_free(&text);
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

/* count_text and lessons_text: n cases and n lessons, in words. */
static void
set_counts(const struct casebook *book, struct tmpl_value *m, size_t ncases,
    size_t nlessons)
{
	struct buf b = BUF_INIT;

	casebook_label_n(&b, &book->loc, "casebook_count", ncases);
	casebook_set_buf(m, "count_text", &b);
	casebook_label_n(&b, &book->loc, "casebook_lessons_count", nlessons);
	casebook_set_buf(m, "lessons_text", &b);
	buf_free(&b);
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
	casebook_set_buf(m, "date", &b);
	if (cf->team != NONE)
		tmpl_map_set_str(m, "team", team_display(&ws->policy,
		    ws->teams[cf->team].id));
	if (cf->author != NONE)
		tmpl_map_set_str(m, "author", ws->people[cf->author].name);
	if (cf->has_period) {
		fmt_period(&b, &book->loc, &cf->period);
		casebook_set_buf(m, "period", &b);
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
casebook_chapter_head(const struct casebook *book, size_t i,
    const char *root, struct buf *out)
{
	const struct casebook_case *c = &book->cases[i];
	struct tmpl_value *d = common_data(book, root), *m;
	int status;

	m = case_summary(book, i);
	tmpl_map_set(d, "case", m);
	if (c->kpi_md != NULL && c->kpi_doc == NULL)
		tmpl_map_set_str(d, "kpi_in_header", c->kpi_md);
	if (c->prev != NONE)
		tmpl_map_set(d, "prev", case_summary(book, c->prev));
	if (c->next != NONE)
		tmpl_map_set(d, "next", case_summary(book, c->next));
	status = tmpl_render(book->t_case, d, out);
	tmpl_value_free(d);
	return status != 0 ? -1 : 0;
}

static void
lend_node(cmark_node *doc, cmark_node *n, struct casebook_loan *loan)
{
	cmark_node_append_child(doc, n);
	if (loan->first == NULL)
		loan->first = n;
	loan->last = n;
}

static void
lend_snapshot(const struct casebook_case *c, cmark_node *doc,
    struct casebook_loan *loan)
{
	cmark_node *n, *next;

	for (n = cmark_node_first_child(c->kpi_doc); n != NULL; n = next) {
		next = cmark_node_next(n);
		lend_node(doc, n, loan);
		if (loan->kpi_first == NULL)
			loan->kpi_first = n;
		loan->kpi_last = n;
	}
}

void
casebook_lend(const struct casebook *book, size_t i, cmark_node *doc,
    struct casebook_loan *loan)
{
	const struct casebook_case *c = &book->cases[i];
	cmark_node *n, *next;

	memset(loan, 0, sizeof(*loan));
	if (c->doc == NULL)
		return;
	for (n = cmark_node_first_child(c->doc); n != NULL; n = next) {
		next = cmark_node_next(n);
		if (c->kpi_doc != NULL && n == c->kpi_before)
			lend_snapshot(c, doc, loan);
		lend_node(doc, n, loan);
	}
	if (c->kpi_doc != NULL && c->kpi_before == NULL)
		lend_snapshot(c, doc, loan);
}

void
casebook_give_back(const struct casebook *book, size_t i,
    const struct casebook_loan *loan)
{
	const struct casebook_case *c = &book->cases[i];
	cmark_node *n, *next;
	bool kpi = false;

	for (n = loan->first; n != NULL; n = next) {
		next = n == loan->last ? NULL : cmark_node_next(n);
		if (n == loan->kpi_first)
			kpi = true;
		cmark_node_append_child(kpi ? c->kpi_doc : c->doc, n);
		if (n == loan->kpi_last)
			kpi = false;
	}
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
		set_counts(book, m, ncases, nlessons);
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
}

static struct tmpl_value *
index_data(const struct casebook *book)
{
	const struct workspace *ws = book->ws;
	struct tmpl_value *d = common_data(book, ""), *list, *teams, *m;
	struct buf b = BUF_INIT;
	size_t i, t;

	set_counts(book, d, book->ncases, book->nlessons);
	tmpl_map_set_num(d, "count", (double)book->ncases);
	tmpl_map_set_num(d, "nlessons", (double)book->nlessons);
	if (book->nincomplete > 0) {
		casebook_label_n(&b, &book->loc, "casebook_incomplete_count",
		    book->nincomplete);
		casebook_set_buf(d, "incomplete_text", &b);
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
				    team_display(&ws->policy, ws->teams[t].id) :
				    locale_label(&book->loc,
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
	int status;

	set_counts(book, d, book->ncases, book->nlessons);
	tmpl_map_set_num(d, "nlessons", (double)book->nlessons);
	tags_data(book, d, true, anchors);
	status = tmpl_render(book->t_lessons, d, out);
	tmpl_value_free(d);
	return status;
}

/* The id of each group's heading on the digest page: see below. */
struct anchors {
	const struct casebook	*book;
	const char		*untagged;	/* the last group's name */
	char			**ids;		/* ntags + 1 */
};

static void
group_anchor(void *arg, int level, const char *id, const char *text)
{
	struct anchors *a = arg;
	size_t t;

	(void)level;	/* a group's name at any level */
	if (strcmp(text, a->untagged) == 0)
		t = a->book->ntags;
	else if ((t = casebook_tag_index(a->book, text)) == NONE)
		return;
	if (a->ids[t] == NULL)
		a->ids[t] = xstrdup(id);
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
	struct buf first = BUF_INIT;
	struct anchors a;
	cmark_node *doc;
	size_t t;
	int status;

	a.book = book;
	a.untagged = locale_label(&book->loc, "casebook_untagged");
	a.ids = xcalloc(book->ntags + 1, sizeof(char *));
	if ((status = render_lessons(book, root, NULL, &first)) == 0) {
		if ((doc = mdtree_parse("casebook/lessons.md", buf_str(&first),
		    first.len)) == NULL)
			status = -1;
		else {
			casebook_headings(doc, group_anchor, &a);
			cmark_node_free(doc);
			status = render_lessons(book, root, a.ids, out);
		}
	}
	for (t = 0; t <= book->ntags; t++)
		free(a.ids[t]);
	free(a.ids);
	buf_free(&first);
	return status;
}

int
casebook_tag_page(const struct casebook *book, size_t t, struct buf *out)
{
	struct tmpl_value *d = common_data(book, "../");
	const struct casebook_tag *tg = &book->tags[t];
	int status;

	tmpl_map_set_str(d, "name", tg->name);
	tmpl_map_set_str(d, "file", tg->file);
	set_counts(book, d, tg->ncases, tg->nlessons);
	tmpl_map_set_num(d, "nlessons", (double)tg->nlessons);
	tmpl_map_set(d, "cases", tag_cases(book, t, ALL_CASES, false));
	status = tmpl_render(book->t_tag, d, out);
	tmpl_value_free(d);
	return status;
}


int
casebook_index_page(const struct casebook *book, struct buf *out)
{
	struct tmpl_value *d = index_data(book);
	int status;

	status = tmpl_render(book->t_index, d, out);
	tmpl_value_free(d);
	return status;
}

int
casebook_expand_all(const struct casebook *book)
{
	struct buf out = BUF_INIT;
	size_t i;
	int status;

	status = casebook_index_page(book, &out);
	if (status == 0)
		status = casebook_lessons(book, "", &out);
	for (i = 0; i < book->ncases && status == 0; i++)
		status = casebook_chapter_head(book, i, "../", &out);
	for (i = 0; i < book->ntags && status == 0; i++)
		status = casebook_tag_page(book, i, &out);
	buf_free(&out);
	return status;
}
