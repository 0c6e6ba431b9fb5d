/*
 * The PDF book (see casebook.h), casebook/casebook.pdf in the output: a
 * cover, the contents, the lessons digest, a chapter per case (each on a
 * new page, its title as the running header and as a bookmark), then the
 * index of tags, laid out by pdf/ (docs/templates.md, "The PDF style").
 * The chapters are data.c's, expanded with a root no real link has; the
 * links to case and tag pages are then pointed at the headings of the
 * book (the ids the PDF renderer gives them, found by walking the book's
 * tree).  Each case's text is the tree select.c parsed, lent to the book.
 */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/alloc.h"
#include "util/diag.h"
#include "casebook/casebook_int.h"
#include "jobs/outdir.h"
#include "pdf/pdf.h"
#include "markdown/mdtree.h"
#include "tmpl/md_escape.h"

#define PDF_ROOT	"scorecardpdfbook/"	/* nothing Markdown escapes: the
						   templates write {{root}} */

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

/*
 * The book is one tree made of parts: the lessons digest, for each case
 * the head of its chapter and then the case's own tree (lent, see
 * casebook_lend(), with its KPI snapshot), and the index of tags.  The
 * parts the casebook writes here are Markdown, each parsed alone; the
 * case's text is not parsed again.  While the book is made and drawn it
 * holds the cases' nodes; book_free() gives them back.
 */
struct book {
	const struct casebook	*cb;
	cmark_node		*doc;
	struct casebook_loan	*loans;		/* one a case */
	size_t			 nlent;
	struct swapped {
		cmark_node	*node;
		char		*literal;	/* as the case has it */
	}			*swapped;
	size_t			 nswapped;
};

/* The templates' warning sign is not in the CJK fonts: U+203B ※. */
static bool
swap_warning_signs(char *s, size_t len)
{
	bool any = false;
	size_t i;

	for (i = 0; i + 3 <= len; i++)
		if (memcmp(s + i, "\xe2\x9a\xa0", 3) == 0) {
			memcpy(s + i, "\xe2\x80\xbb", 3);
			any = true;
		}
	return any;
}

/* Parses md, a part of the book, and puts its nodes at the end. */
static int
add_part(struct book *bk, struct buf *md)
{
	cmark_node *part, *n, *next;

	swap_warning_signs(md->data, md->len);
	if ((part = mdtree_parse("casebook.pdf", buf_str(md), md->len)) ==
	    NULL)
		return -1;
	buf_reset(md);
	if (bk->doc == NULL) {
		bk->doc = part;
		return 0;
	}
	for (n = cmark_node_first_child(part); n != NULL; n = next) {
		next = cmark_node_next(n);
		cmark_node_append_child(bk->doc, n);
	}
	cmark_node_free(part);
	return 0;
}

/*
 * The warning sign in a case's text too, in the lent nodes' text: the
 * text is kept to be put back.
 */
static void
swap_in_loan(struct book *bk, const struct casebook_loan *loan)
{
	cmark_node *top, *n;
	cmark_iter *it;
	const char *lit;
	char *copy;

	for (top = loan->first; top != NULL; top = top == loan->last ? NULL :
	    cmark_node_next(top)) {
		it = cmark_iter_new(top);
		while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
			n = cmark_iter_get_node(it);
			if ((lit = cmark_node_get_literal(n)) == NULL ||
			    strstr(lit, "\xe2\x9a\xa0") == NULL)
				continue;
			bk->swapped = xreallocarray(bk->swapped,
			    bk->nswapped + 1, sizeof(*bk->swapped));
			bk->swapped[bk->nswapped].node = n;
			bk->swapped[bk->nswapped++].literal = xstrdup(lit);
			copy = xstrdup(lit);
			swap_warning_signs(copy, strlen(copy));
			cmark_node_set_literal(n, copy);
			free(copy);
		}
		cmark_iter_free(it);
	}
}

/*
 * The book's tree before its links are pointed at headings: the digest,
 * the chapters, then the index of tags, whose names and titles go through
 * md_escape() (a line break in a title becomes a space, so that it cannot
 * end the list item or its link).
 */
static int
book_parts(struct book *bk)
{
	const struct casebook *book = bk->cb;
	struct buf md = BUF_INIT;
	size_t i, t, k;
	int status = -1;

	bk->loans = xcalloc(book->ncases ? book->ncases : 1,
	    sizeof(*bk->loans));
	if (casebook_lessons(book, PDF_ROOT, &md) != 0 ||
	    add_part(bk, &md) != 0)
		goto out;
	for (i = 0; i < book->ncases; i++) {
		if (casebook_chapter_head(book, i, PDF_ROOT, &md) != 0 ||
		    add_part(bk, &md) != 0)
			goto out;
		casebook_lend(book, i, bk->doc, &bk->loans[i]);
		bk->nlent++;
		swap_in_loan(bk, &bk->loans[i]);
	}
	if (book->ntags > 0) {
		buf_printf(&md, "# %s\n\n", locale_label(&book->loc,
		    "casebook_by_tag"));
		for (t = 0; t < book->ntags; t++) {
			const struct casebook_tag *tg = &book->tags[t];

			buf_puts(&md, "## ");
			md_escape(&md, tg->name, strlen(tg->name));
			buf_puts(&md, "\n\n");
			for (k = 0; k < tg->ncases; k++) {
				const struct case_file *cf =
				    book->cases[tg->cases[k]].cf;

				buf_puts(&md, "- [");
				md_escape(&md, cf->title, strlen(cf->title));
				buf_printf(&md, "](" PDF_ROOT "cases/%s.html)\n",
				    cf->slug);
			}
			buf_puts(&md, "\n");
		}
		if (add_part(bk, &md) != 0)
			goto out;
	}
	status = 0;
out:
	buf_free(&md);
	return status;
}

static void
book_free(struct book *bk)
{
	size_t i;

	for (i = 0; i < bk->nswapped; i++) {
		cmark_node_set_literal(bk->swapped[i].node,
		    bk->swapped[i].literal);
		free(bk->swapped[i].literal);
	}
	free(bk->swapped);
	for (i = 0; i < bk->nlent; i++)
		casebook_give_back(bk->cb, i, &bk->loans[i]);
	free(bk->loans);
	if (bk->doc != NULL)
		cmark_node_free(bk->doc);
}

/*
 * The ids of the headings the book's links go to: chap, its level-1
 * headings in order (the digest, a chapter per case: case i's is
 * chap[i + 1], the index of tags); tag[t], tag t's heading in the index
 * of tags.
 */
struct targets {
	const struct casebook	*book;
	char			**chap;		/* ncases + 2 */
	size_t			 h1;		/* level-1 headings so far */
	char			**tag;		/* ntags + 1 */
};

static void
heading_target(void *arg, int level, const char *id, const char *text)
{
	struct targets *x = arg;
	size_t t;

	if (level == 1) {
		if (x->h1 < x->book->ncases + 2)
			x->chap[x->h1] = xstrdup(id);
		x->h1++;
	} else if (level == 2 && x->h1 == x->book->ncases + 2) {
		if ((t = casebook_tag_index(x->book, text)) != NONE &&
		    x->tag[t] == NULL)
			x->tag[t] = xstrdup(id);
	}
}

/* The heading a link of the casebook's to u (after PDF_ROOT) goes to. */
static const char *
link_target(const struct casebook *book, const struct targets *x,
    const char *u)
{
	size_t un = strlen(u), i, t;
	const char *target = NULL;

	if (un > 5 && memcmp(u + un - 5, ".html", 5) == 0) {
		if (strncmp(u, "cases/", 6) == 0) {
			for (i = 0; i < book->ncases; i++) {
				const char *slug = book->cases[i].cf->slug;

				if (un - 5 - 6 == strlen(slug) &&
				    memcmp(u + 6, slug, strlen(slug)) == 0)
					target = x->chap[i + 1];
			}
		} else if (strncmp(u, "tags/", 5) == 0) {
			for (t = 0; t < book->ntags; t++)
				if (un - 5 - 5 == strlen(book->tags[t].file) &&
				    memcmp(u + 5, book->tags[t].file,
				    strlen(book->tags[t].file)) == 0)
					target = x->tag[t];
		}
	}
	if (target == NULL)	/* no such heading: the contents */
		target = x->chap[0] != NULL ? x->chap[0] : "";
	return target;
}

/* The links to pages in the subtree of top become links to headings. */
static void
point_links(const struct casebook *book, const struct targets *x,
    cmark_node *top, struct buf *url)
{
	cmark_iter *it = cmark_iter_new(top);
	cmark_event_type ev;
	const char *u;
	cmark_node *n;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_LINK ||
		    (u = cmark_node_get_url(n)) == NULL ||
		    strncmp(u, PDF_ROOT, strlen(PDF_ROOT)) != 0)
			continue;
		buf_reset(url);
		put_target(url, link_target(book, x, u + strlen(PDF_ROOT)));
		cmark_node_set_url(n, buf_str(url));
	}
	cmark_iter_free(it);
}

/*
 * The book's tree with its links pointed at the book's headings.  Only
 * the parts written here have such links: the cases' nodes are skipped.
 */
static int
book_tree(struct book *bk)
{
	const struct casebook *book = bk->cb;
	struct buf url = BUF_INIT;
	size_t nchap = book->ncases + 2, t, i, lent = 0;
	struct targets x;
	cmark_node *n;
	bool in_case = false;
	int status = -1;

	x.book = book;
	x.chap = xcalloc(nchap, sizeof(char *));
	x.h1 = 0;
	x.tag = xcalloc(book->ntags + 1, sizeof(char *));
	if (book_parts(bk) != 0)
		goto out;
	casebook_headings(bk->doc, heading_target, &x);
	for (n = cmark_node_first_child(bk->doc); n != NULL;
	    n = cmark_node_next(n)) {
		while (!in_case && lent < bk->nlent &&
		    bk->loans[lent].first == NULL)
			lent++;		/* an empty case */
		if (!in_case && lent < bk->nlent && n == bk->loans[lent].first)
			in_case = true;
		if (!in_case)
			point_links(book, &x, n, &url);
		if (in_case && n == bk->loans[lent].last) {
			in_case = false;
			lent++;
		}
	}
	status = 0;
out:
	for (i = 0; i < nchap; i++)
		free(x.chap[i]);
	for (t = 0; t <= book->ntags; t++)
		free(x.tag[t]);
	free(x.chap);
	free(x.tag);
	buf_free(&url);
	return status;
}

int
casebook_write_book(const struct casebook *book, struct outdir *out)
{
	struct pdf_options po;
	struct book bk;
	const struct organisation *org = &book->ws->policy.org;
	struct buf pdf = BUF_INIT, period = BUF_INIT,
	    count = BUF_INIT, lessons = BUF_INIT, title = BUF_INIT;
	char date[11];
	int status = EX_DATAERR;

	memset(&bk, 0, sizeof(bk));
	bk.cb = book;
	if (book_tree(&bk) != 0)
		goto out;
	memset(&po, 0, sizeof(po));
	if (org->company != NULL)
		buf_printf(&title, "%s · ", org->company);
	buf_puts(&title, locale_label(&book->loc, "casebook"));
	po.title = title.data;
	po.author = org->company;
	po.logo_path = book->ws->logo_path;
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
	casebook_label_n(&count, &book->loc, "casebook_count", book->ncases);
	casebook_label_n(&lessons, &book->loc, "casebook_lessons_count",
	    book->nlessons);
	po.cover_title = locale_label(&book->loc, "casebook");
	po.cover_lines[0] = org->company;
	po.cover_lines[1] = buf_str(&period);
	po.cover_lines[2] = buf_str(&count);
	po.cover_lines[3] = buf_str(&lessons);
	po.cover_lines[4] = book->selection;
	po.cover_lines[5] = locale_label(&book->loc, "casebook_intro");
	po.toc_title = locale_label(&book->loc, "casebook_contents");
	po.chapter_pages = 1;
	po.chapter_headers = 1;
	po.outline_depth = 1;
	po.style_name = "pdf-style.yaml";
	/* no one text to point messages into: the parts are parsed apart */
	if (pdf_render(&po, "casebook.pdf", "", 0, bk.doc, &pdf) != 0) {
		status = diag_exit_status() != 0 ? diag_exit_status() :
		    EX_DATAERR;	/* 73: no font */
		goto out;
	}
	status = outdir_write(out, "casebook.pdf", &pdf);
out:
	book_free(&bk);
	buf_free(&pdf);
	buf_free(&period);
	buf_free(&count);
	buf_free(&lessons);
	buf_free(&title);
	return status;
}

