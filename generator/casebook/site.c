/*
 * The HTML site (see casebook.h), in the output's casebook/ folder:
 *
 *   index.html          every case by date, by team and by tag; a search box
 *   cases/<slug>.html   one page per case, previous/next links
 *   lessons.html        the lessons digest, grouped by tag
 *   tags/tag-N.html     one page per tag (N: the tag's place in byte order)
 *   search-index.js     the search index (CJK bigrams, Latin words: search.c)
 *   search.js           the search script (templates/casebook/search.js)
 *
 * Pages are Markdown through the templates and the safe renderer, like the
 * reports.  The only HTML written here besides page_html()'s is static:
 * the search box and scripts on the index page, the stylesheet of
 * templates/casebook/style.css and the previous/next footer (whose titles
 * are escaped).  Data reaches a script only as JSON strings in
 * search-index.js, with every character that could end a string or a
 * script written as \uXXXX.
 */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "casebook/casebook_int.h"
#include "jobs/outdir.h"
#include "render/html_escape.h"
#include "markdown/mdtree.h"
#include "render/page.h"
#include "tmpl/templates.h"

/* ------------------------------------------------------- static files */

/*
 * The site's static files, read before anything is written.  style.css
 * styles what only casebook pages have; it goes into each page's head
 * (templates/style.css is shared with the reports).  search.js cuts the
 * query as search.c cuts the cases, shows the matching cases in the list
 * under the box (built with DOM methods: data is never parsed as HTML),
 * and reads a query from the address (index.html#q=续约) so that a search
 * can be linked to.  Without JavaScript the box stays hidden.
 */
int
casebook_site_load(struct casebook *book)
{
	struct buf style = BUF_INIT;
	char *text, *path;
	size_t len;

	if (!(book->o->formats & FORMAT_HTML))
		return 0;
	if ((text = template_read("casebook/style.css", &len, &path)) == NULL)
		return EX_DATAERR;
	free(path);
	buf_puts(&style, "<style>\n");
	buf_put(&style, text, len);
	buf_puts(&style, "</style>\n");
	free(text);
	book->style = buf_detach(&style);
	if ((book->search_js = template_read("casebook/search.js",
	    &book->search_js_len, &path)) == NULL)
		return EX_DATAERR;
	free(path);
	return 0;
}

/* ------------------------------------------------------------- pages */

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

/*
 * A page: a tree through page_html(), with the casebook's own static HTML
 * in the layout's slots: the stylesheet at the end of the head, top after
 * the page's first heading, bottom at the end of the body.
 */
static int
write_page(struct site *s, cmark_node *doc, const char *source,
    const char *title, const char *rel, const char *top, const char *bottom)
{
	const struct workspace *ws = s->book->ws;
	struct buf html = BUF_INIT, full = BUF_INIT, logo = BUF_INIT;
	struct page p;
	const char *c;
	int status;

	if (ws->policy.org.company != NULL)
		buf_printf(&full, "%s · ", ws->policy.org.company);
	buf_printf(&full, "%s · %s", title, locale_label(&s->book->loc,
	    "casebook"));
	memset(&p, 0, sizeof(p));
	p.title = full.data;
	p.company = ws->policy.org.company;
	if (ws->logo != NULL) {
		for (c = rel; (c = strchr(c, '/')) != NULL; c++)
			buf_puts(&logo, "../");
		buf_puts(&logo, ws->logo_name);
		p.logo = logo.data;
	}
	p.lang = s->book->loc.code;
	p.breadcrumbs = s->crumbs.data;
	p.nav = s->nav.data;
	p.source = source;
	p.head = s->book->style;
	p.top = top;
	p.foot = bottom;
	p.doc = doc;
	if (page_html(&p, &html) != 0) {
		buf_free(&html);
		buf_free(&full);
		return EX_DATAERR;
	}
	status = outdir_write(s->out, rel, &html);
	buf_free(&html);
	buf_free(&full);
	buf_free(&logo);
	return status;
}

/* The same for a page given as Markdown. */
static int
write_md_page(struct site *s, const struct buf *md, const char *source,
    const char *title, const char *rel, const char *top, const char *bottom)
{
	cmark_node *doc;
	int status;

	if ((doc = mdtree_parse(source, buf_str(md), md->len)) == NULL)
		return EX_DATAERR;
	status = write_page(s, doc, source, title, rel, top, bottom);
	cmark_node_free(doc);
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

/* One link of the pager to case i, or an empty cell (i is NONE). */
static void
pager_link(const struct casebook *book, size_t i, bool next, struct buf *b)
{
	struct buf href = BUF_INIT;

	if (i == NONE) {
		buf_puts(b, "<span></span>\n");
		return;
	}
	buf_printf(&href, "%s.html", book->cases[i].cf->slug);
	buf_puts(b, next ? "<a class=\"next\" rel=\"next\" href=\"" :
	    "<a class=\"prev\" rel=\"prev\" href=\"");
	html_escape_url(b, href.data);
	buf_puts(b, next ? "\"><small>" : "\"><small>← ");
	html_escape_str(b, locale_label(&book->loc, next ? "casebook_next" :
	    "casebook_prev"));
	buf_puts(b, next ? " →</small>" : "</small>");
	html_escape_str(b, book->cases[i].cf->title);
	buf_puts(b, "</a>\n");
	buf_free(&href);
}

/* Previous and next case, at the foot of a case page. */
static void
pager(const struct casebook *book, size_t i, struct buf *b)
{
	buf_puts(b, "<nav class=\"casebook-pager\">\n");
	pager_link(book, book->cases[i].prev, false, b);
	pager_link(book, book->cases[i].next, true, b);
	buf_puts(b, "</nav>\n");
}

/*
 * The page of case i: its head parsed, then the case's own tree, lent for
 * the page (see casebook_lend()).
 */
static int
write_case_page(struct site *s, size_t i)
{
	const struct casebook *book = s->book;
	const struct case_file *cf = book->cases[i].cf;
	struct buf md = BUF_INIT, rel = BUF_INIT, extra = BUF_INIT;
	struct casebook_loan loan;
	cmark_node *doc;
	int status = EX_DATAERR;

	site_header(s, "../", cf->title, NULL);
	if (casebook_chapter_head(book, i, "../", &md) != 0 ||
	    (doc = mdtree_parse(cf->path, buf_str(&md), md.len)) == NULL)
		goto out;
	pager(book, i, &extra);
	buf_printf(&rel, "cases/%s.html", cf->slug);
	casebook_lend(book, i, doc, &loan);
	status = write_page(s, doc, cf->path, cf->title, rel.data, NULL,
	    extra.data);
	casebook_give_back(book, i, &loan);
	cmark_node_free(doc);
out:
	buf_free(&md);
	buf_free(&rel);
	buf_free(&extra);
	return status;
}

int
casebook_write_site(const struct casebook *book, struct outdir *out)
{
	struct site s;
	struct buf md = BUF_INIT, rel = BUF_INIT, extra = BUF_INIT,
	    js = BUF_INIT;
	size_t i, t;
	int status = 0;

	memset(&s, 0, sizeof(s));
	s.book = book;
	s.out = out;
	if (book->ws->logo != NULL) {
		buf_put(&js, book->ws->logo, book->ws->logo_len);
		status = outdir_write(out, book->ws->logo_name, &js);
		buf_reset(&js);
	}
	for (i = 0; i < book->ncases && status == 0; i++)
		status = write_case_page(&s, i);
	for (t = 0; t < book->ntags && status == 0; t++) {
		buf_reset(&md);
		buf_reset(&rel);
		site_header(&s, "../", book->tags[t].name, NULL);
		if (casebook_tag_page(book, t, &md) != 0) {
			status = EX_DATAERR;
			break;
		}
		buf_printf(&rel, "tags/%s.html", book->tags[t].file);
		status = write_md_page(&s, &md, "casebook/tag.md",
		    book->tags[t].name, rel.data, NULL, NULL);
	}
	if (status == 0) {
		buf_reset(&md);
		site_header(&s, "", locale_label(&book->loc,
		    "casebook_lessons"), "lessons");
		if (casebook_lessons(book, "", &md) != 0)
			status = EX_DATAERR;
		else
			status = write_md_page(&s, &md, "casebook/lessons.md",
			    locale_label(&book->loc, "casebook_lessons"),
			    "lessons.html", NULL, NULL);
	}
	if (status == 0) {
		buf_reset(&md);
		buf_reset(&extra);
		site_header(&s, "", NULL, "index");
		if (casebook_index_page(book, &md) != 0)
			status = EX_DATAERR;
		search_box(&book->loc, &extra);
		if (status == 0)
			status = write_md_page(&s, &md, "casebook/index.md",
			    locale_label(&book->loc, "casebook_contents"),
			    "index.html", extra.data,
			    "<script src=\"search-index.js\"></script>\n"
			    "<script src=\"search.js\"></script>\n");
	}
	if (status == 0) {
		casebook_search_index(book, &js);
		status = outdir_write(out, "search-index.js", &js);
	}
	if (status == 0) {
		buf_reset(&js);
		buf_put(&js, book->search_js, book->search_js_len);
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
