/*
 * The PDF book (see casebook.h), casebook/casebook.pdf in the output: a
 * cover, the contents, the lessons digest, a chapter per case (each on a
 * new page, its title as the running header and as a bookmark), then the
 * index of tags, laid out by pdf/ (docs/templates.md, "The PDF style").
 * The chapters are data.c's, expanded with a root no real link has; the
 * links to case and tag pages are then pointed at the headings of the
 * book (the ids the PDF renderer gives them, found by parsing the book
 * once).
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
 * The book's Markdown before its links are pointed at headings: the
 * digest, the chapters, then the index of tags, whose names and titles go
 * through md_escape() (a line break in a title becomes a space, so that
 * it cannot end the list item or its link).
 */
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
		md_escape(md, tg->name, strlen(tg->name));
		buf_puts(md, "\n\n");
		for (k = 0; k < tg->ncases; k++) {
			const struct case_file *cf =
			    book->cases[tg->cases[k]].cf;

			buf_puts(md, "- [");
			md_escape(md, cf->title, strlen(cf->title));
			buf_printf(md, "](" PDF_ROOT "cases/%s.html)\n",
			    cf->slug);
		}
		buf_puts(md, "\n");
	}
	return 0;
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

static int
book_markdown(const struct casebook *book, struct buf *out)
{
	struct buf raw = BUF_INIT, text = BUF_INIT;
	size_t nchap = book->ncases + 2, t, i;
	struct targets x;
	const char *p, *at, *end;
	int status = -1;

	x.book = book;
	x.chap = xcalloc(nchap, sizeof(char *));
	x.h1 = 0;
	x.tag = xcalloc(book->ntags + 1, sizeof(char *));
	if (book_raw(book, &raw) != 0)
		goto out;
	/* the templates' warning sign is not in the CJK fonts: U+203B ※ */
	for (i = 0; i + 3 <= raw.len; i++)
		if (memcmp(raw.data + i, "\xe2\x9a\xa0", 3) == 0)
			memcpy(raw.data + i, "\xe2\x80\xbb", 3);
	if (casebook_headings("casebook.pdf", &raw, heading_target, &x) != 0)
		goto out;

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
						target = x.chap[i + 1];
				}
			} else if (strncmp(u, "tags/", 5) == 0) {
				for (t = 0; t < book->ntags; t++)
					if (un - 5 - 5 ==
					    strlen(book->tags[t].file) &&
					    memcmp(u + 5, book->tags[t].file,
					    strlen(book->tags[t].file)) == 0)
						target = x.tag[t];
			}
		}
		if (target == NULL)	/* no such heading: the contents */
			target = x.chap[0] != NULL ? x.chap[0] : "";
		put_target(out, target);
		p = end;
	}
	buf_puts(out, p);
	status = 0;
out:
	for (i = 0; i < nchap; i++)
		free(x.chap[i]);
	for (t = 0; t <= book->ntags; t++)
		free(x.tag[t]);
	free(x.chap);
	free(x.tag);
	buf_free(&raw);
	buf_free(&text);
	return status;
}

int
casebook_write_book(const struct casebook *book, struct outdir *out)
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
	casebook_label_n(&count, &book->loc, "casebook_count", book->ncases);
	casebook_label_n(&lessons, &book->loc, "casebook_lessons_count",
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

