/*
 * A book and the page furniture in the PDF layout (layout_int.h): the
 * cover, the table of contents of the level-1 headings (their page
 * numbers, leaders and links filled in once the whole document is laid
 * out), and on every page the running header and the page number.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "markdown/mdtree.h"
#include "pdf/canvas.h"
#include "pdf/linebreak.h"
#include "pdf/layout_int.h"

/* ------------------------------------------------------------- a book */

#define TOC_SIZE	11.0
#define TOC_LEADING	1.5
#define TOC_NUMBER_GAP	14.0

/* Lines of text set from y down, each aligned in the text width; gives
 * the y under the last one. */
static double
text_lines(struct layout *L, const char *s, double y, double size,
    uint32_t color, unsigned style, enum align align, double leading)
{
	struct para p;
	struct lb_line *lines;
	size_t nl, i;
	double lh = size * leading;

	layout_para_init(&p, size, color, style);
	layout_para_utf8(L, &p, s, strlen(s));
	nl = lb_break(p.it, p.n, PAGE_W - 2 * MARGIN, &lines);
	for (i = 0; i < nl; i++, y -= lh)
		layout_draw_line(L, &p, &lines[i], MARGIN, y - (lh - size) / 2 -
		    ASCENT * size, PAGE_W - 2 * MARGIN, align, false);
	free(lines);
	layout_para_free(&p);
	return y;
}

/* The cover: the title in the upper half, the lines under it. */
void
layout_cover(struct layout *L)
{
	const struct layout_options *o = L->opt;
	double y = PAGE_H * 0.66, w = PAGE_W - 2 * MARGIN, lw, lh;
	size_t i;
	int logo;

	canvas_rect(L->cv, L->page, SIZE_MAX, MARGIN, PAGE_H - MARGIN - 5, w,
	    5, 0, C_ACCENT, CANVAS_NONE, 0);
	/* the logo above the title, 48 pt high */
	if (o->logo_path != NULL && o->images != NULL &&
	    o->images->load(o->images->arg, o->logo_path, &logo, &lw, &lh)) {
		double h = 48, wd = h * lw / lh;

		if (wd > 200) {
			wd = 200;
			h = wd * lh / lw;
		}
		canvas_image(L->cv, L->page, logo, (PAGE_W - wd) / 2, y + 24,
		    wd, h);
	}
	y = text_lines(L, o->cover_title, y, 34, C_TEXT, ST_BOLD,
	    ALIGN_CENTER, 1.3);
	y -= 14;
	canvas_line(L->cv, L->page, PAGE_W / 2 - 40, y, PAGE_W / 2 + 40, y,
	    C_ACCENT, 1.6, 0, 0);
	y -= 22;
	for (i = 0; i < o->ncover_lines; i++)
		if (o->cover_lines[i] != NULL && *o->cover_lines[i] != '\0')
			y = text_lines(L, o->cover_lines[i], y, i == 0 ? 14 :
			    11.5, i == 0 ? C_TEXT : C_MUTED, 0, ALIGN_CENTER,
			    1.9);
	canvas_rect(L->cv, L->page, SIZE_MAX, MARGIN, MARGIN, w, 2, 0,
	    C_LINE_STRONG, CANVAS_NONE, 0);
	L->fresh = false;
}

/* The level-1 headings, in the order the walk meets them. */
void
layout_find_chapters(struct layout *L, cmark_node *root)
{
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *n;
	struct buf text = BUF_INIT, plain = BUF_INIT;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(iter);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_HEADING ||
		    cmark_node_get_heading_level(n) != 1)
			continue;
		buf_reset(&text);
		buf_reset(&plain);
		mdtree_plain_text(n, &text);
		mdtree_strip_marks(&plain, buf_str(&text), text.len);
		L->chapters = xreallocarray(L->chapters, L->nchapters + 1,
		    sizeof(*L->chapters));
		memset(&L->chapters[L->nchapters], 0, sizeof(*L->chapters));
		L->chapters[L->nchapters++].title = xstrdup(buf_str(&plain));
	}
	cmark_iter_free(iter);
	buf_free(&text);
	buf_free(&plain);
}

/* The contents: an entry per chapter, its page number left for later. */
void
layout_contents(struct layout *L)
{
	double lh = TOC_SIZE * TOC_LEADING, numw, avail, top;
	size_t k, i, nl;

	L->current = SIZE_MAX - 1;
	L->page_chapter[L->page] = L->current;
	layout_place(L, heading_size[0] * HEAD_LEADING);
	L->y = text_lines(L, L->opt->toc_title, L->y, heading_size[0], C_TEXT,
	    ST_BOLD, ALIGN_LEFT, HEAD_LEADING);
	L->y -= 3;
	canvas_line(L->cv, L->page, L->x, L->y, L->x + L->width, L->y, C_TEXT,
	    1.4, 0, 0);
	L->y -= 1;
	L->fresh = false;
	layout_add_gap(L, 14);
	numw = str_width(L, "0000", TOC_SIZE);
	avail = L->width - numw - TOC_NUMBER_GAP;
	L->toc = xcalloc(L->nchapters ? L->nchapters : 1, sizeof(*L->toc));
	for (k = 0; k < L->nchapters; k++) {
		struct para p;
		struct lb_line *lines;
		struct toc_entry *e = &L->toc[k];

		layout_para_init(&p, TOC_SIZE, C_TEXT, 0);
		layout_para_utf8(L, &p, L->chapters[k].title,
		    strlen(L->chapters[k].title));
		nl = lb_break(p.it, p.n, avail, &lines);
		layout_add_gap(L, 3);
		layout_place(L, (double)(nl ? nl : 1) * lh);
		top = L->y;
		e->baseline = L->y - (lh - TOC_SIZE) / 2 - ASCENT * TOC_SIZE;
		e->text_end = L->x;
		for (i = 0; i < nl; i++) {
			e->baseline = L->y - (lh - TOC_SIZE) / 2 - ASCENT *
			    TOC_SIZE;
			layout_draw_line(L, &p, &lines[i], L->x, e->baseline,
			    avail, ALIGN_LEFT, false);
			e->text_end = L->x + lines[i].width;
			L->y -= lh;
		}
		if (nl == 0)
			L->y -= lh;
		e->page = L->page;
		e->top = top;
		e->bottom = L->y;
		L->fresh = false;
		free(lines);
		layout_para_free(&p);
	}
	L->current = SIZE_MAX;
}

/* The page numbers, leaders and links of the contents. */
void
layout_contents_fill(struct layout *L)
{
	struct buf uri = BUF_INIT;
	char num[32];
	double x, w;
	size_t k;

	for (k = 0; k < L->nchapters; k++) {
		const struct toc_entry *e = &L->toc[k];
		const struct chapter *ch = &L->chapters[k];

		if (!ch->placed)
			continue;
		snprintf(num, sizeof(num), "%zu", ch->page + 1);
		w = str_width(L, num, TOC_SIZE);
		x = PAGE_W - MARGIN - w;
		canvas_text(L->cv, e->page, num, strlen(num), x, e->baseline,
		    TOC_SIZE, C_TEXT, 0, 0, 0);
		if (x - 5 > e->text_end + 5)
			canvas_line(L->cv, e->page, e->text_end + 5,
			    e->baseline + 1, x - 5, e->baseline + 1, C_MUTED,
			    0.8, 1, 3);
		if (ch->id != NULL) {
			buf_reset(&uri);
			buf_putc(&uri, '#');
			buf_puts(&uri, ch->id);
			canvas_link(L->cv, e->page, MARGIN, e->bottom,
			    PAGE_W - MARGIN, e->top, buf_str(&uri));
		}
	}
	buf_free(&uri);
}

/* ----------------------------------------------------- page furniture */

void
layout_furniture(struct layout *L)
{
	char text[128];
	size_t i, n = L->cv->npages;
	bool en = L->opt->lang != NULL && strncmp(L->opt->lang, "en", 2) == 0;
	const char *head = L->opt->header_text;
	double logo_w = 0, logo_h = 0, lw, lh;
	int logo = -1;

	/* the logo at the right of the running header, 16 pt high */
	if (L->opt->logo_path != NULL && L->opt->images != NULL &&
	    L->opt->images->load(L->opt->images->arg, L->opt->logo_path,
	    &logo, &lw, &lh)) {
		logo_h = 16;
		logo_w = logo_h * lw / lh;
		if (logo_w > 120) {
			logo_w = 120;
			logo_h = logo_w * lh / lw;
		}
	}
	for (i = L->cover_pages; i < n; i++) {
		if (L->opt->chapter_headers) {
			size_t pc = L->page_chapter[i];

			head = pc == SIZE_MAX - 1 ? L->opt->toc_title :
			    pc < L->nchapters ? L->chapters[pc].title : NULL;
		}
		if (en)
			snprintf(text, sizeof(text), "Page %zu of %zu", i + 1,
			    n);
		else
			snprintf(text, sizeof(text),
			    "\xe7\xac\xac %zu \xe9\xa1\xb5 / "
			    "\xe5\x85\xb1 %zu \xe9\xa1\xb5", i + 1, n);
		canvas_text(L->cv, i, text, strlen(text),
		    (PAGE_W - str_width(L, text, SMALL_SIZE)) / 2, FOOTER_Y,
		    SMALL_SIZE, C_MUTED, 0, 0, 0);
		if (head != NULL && *head != '\0') {
			struct para p;
			struct lb_line *lines;
			size_t nl;

			/* one line: cut where it no longer fits */
			L->page = i;
			layout_para_init(&p, SMALL_SIZE, C_MUTED, 0);
			layout_para_utf8(L, &p, head, strlen(head));
			nl = lb_break(p.it, p.n, PAGE_W - 2 * MARGIN -
			    (logo >= 0 ? logo_w + 8 : 0), &lines);
			if (nl > 0)
				layout_draw_line(L, &p, &lines[0], MARGIN,
				    HEADER_Y, PAGE_W - 2 * MARGIN, ALIGN_LEFT,
				    false);
			free(lines);
			layout_para_free(&p);
			canvas_line(L->cv, i, MARGIN, HEADER_Y - 4.5,
			    PAGE_W - MARGIN, HEADER_Y - 4.5, C_LINE, 0.6, 0,
			    0);
		}
		if (logo >= 0)
			canvas_image(L->cv, i, logo, PAGE_W - MARGIN - logo_w,
			    HEADER_Y - 2, logo_w, logo_h);
	}
}
