/*
 * The blocks of text of the PDF layout (layout_int.h): list markers, and
 * paragraphs, headings, rules, code blocks and charts flowed down the
 * pages, a line at a time, each line on this page when it fits or else
 * on the next.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "chart/chart.h"
#include "markdown/cjk.h"
#include "markdown/mdtree.h"
#include "pdf/canvas.h"
#include "pdf/chart_pdf.h"
#include "pdf/layout.h"
#include "pdf/linebreak.h"
#include "pdf/layout_int.h"

/* ------------------------------------------------------------ markers */

void
layout_draw_marker(struct layout *L, double baseline, double size)
{
	struct marker *mk = &L->marker;
	double r, cx, cy = baseline + 0.33 * size, s;
	char num[32];

	switch (mk->kind) {
	case MARK_NONE:
		return;
	case MARK_BULLET:
		r = 0.17 * size;
		cx = mk->right - 0.55 * size;
		if (mk->level <= 1)
			canvas_circle(L->cv, L->page, cx, cy, r, L->text_color,
			    CANVAS_NONE, 0);
		else if (mk->level == 2)
			canvas_circle(L->cv, L->page, cx, cy, r * 0.9,
			    CANVAS_NONE, L->text_color, 0.7);
		else
			canvas_rect(L->cv, L->page, SIZE_MAX, cx - r * 0.9,
			    cy - r * 0.9, 1.8 * r, 1.8 * r, 0, L->text_color,
			    CANVAS_NONE, 0);
		break;
	case MARK_NUMBER:
		snprintf(num, sizeof(num), "%d.", mk->number);
		canvas_text(L->cv, L->page, num, strlen(num),
		    mk->right - 0.35 * size - str_width(L, num, size),
		    baseline, size, L->text_color, 0, 0, 0);
		break;
	case MARK_TASK:
		s = 0.82 * size;
		cx = mk->right - 0.4 * size - s;
		cy = baseline - 0.08 * size;
		if (mk->checked) {
			struct canvas_path *pa;

			canvas_rect(L->cv, L->page, SIZE_MAX, cx, cy, s, s,
			    0.15 * size, C_ACCENT, CANVAS_NONE, 0);
			pa = canvas_path(L->cv, L->page, SIZE_MAX, CANVAS_NONE,
			    C_WHITE, 0.13 * size);
			pa->round_join = true;
			canvas_move(pa, cx + 0.2 * s, cy + 0.5 * s);
			canvas_line_to(pa, cx + 0.42 * s, cy + 0.27 * s);
			canvas_line_to(pa, cx + 0.8 * s, cy + 0.74 * s);
		} else
			canvas_rect(L->cv, L->page, SIZE_MAX, cx, cy, s, s,
			    0.15 * size, C_WHITE, 0x8a96a3u, 0.8);
		break;
	}
	mk->kind = MARK_NONE;
}

/* ---------------------------------------------------------- flowing */

/*
 * Flows p into the content box, line by line, each on this page when it
 * fits or else on the next (a heading is kept with what follows it by
 * the caller).
 */
static void
flow(struct layout *L, struct para *p, double leading, enum align align,
    bool justify)
{
	struct lb_line *lines;
	size_t nl, i;
	double lh = p->size * leading, baseline;

	nl = lb_break(p->it, p->n, L->width, &lines);
	for (i = 0; i < nl; i++) {
		/* no first line alone at the foot of a page (orphan), no
		 * last line alone at the head of the next (widow) */
		if (nl >= 2 && !L->fresh && ((i == 0 &&
		    layout_room(L) < 2 * lh) || (i == nl - 2 && nl >= 3 &&
		    layout_room(L) < 2 * lh && layout_room(L) >= lh)))
			layout_new_page(L);
		layout_place(L, lh);
		baseline = L->y - (lh - p->size) / 2 - ASCENT * p->size;
		layout_draw_marker(L, baseline, L->text_size);
		layout_draw_line(L, p, &lines[i], L->x, baseline, L->width,
		    align, justify);
		L->y -= lh;
		L->fresh = false;
	}
	free(lines);
}

/* A paragraph that is one tier mark: a large badge on its own line. */
static bool
tier_paragraph(struct layout *L, cmark_node *p)
{
	struct mdtree_mark m;
	struct mark mk;
	double fs = 20, h = 1.55 * fs, w;

	if (!mdtree_tier_paragraph(p, &m))
		return false;
	mk.kind = m.kind;
	mk.name = xstrndup(m.name, m.name_len);
	mk.len = m.name_len;
	w = str_width(L, mk.name, fs) + fs;
	if (w < 1.8 * fs)
		w = 1.8 * fs;
	layout_place(L, h + 4);
	layout_draw_marker(L, L->y - h + 0.3 * fs, L->text_size);
	/* a soft shadow, as in the HTML */
	canvas_rect(L->cv, L->page, SIZE_MAX, L->x + 0.6, L->y - 2 - h - 0.8,
	    w, h, 6, 0xdfe3e8u, CANVAS_NONE, 0);
	layout_draw_badge(L, &mk, L->x, w, L->y - 2 - h, h, fs, 6);
	L->y -= h + 4;
	L->fresh = false;
	free(mk.name);
	return true;
}

/* A paragraph that is one image: the picture on its own. */
static bool
image_paragraph(struct layout *L, cmark_node *p)
{
	cmark_node *img = cmark_node_first_child(p);
	double w, h, pw, ph, most = 0.45 * (PAGE_H - 2 * MARGIN);
	int id;

	if (img == NULL || cmark_node_next(img) != NULL ||
	    cmark_node_get_type(img) != CMARK_NODE_IMAGE ||
	    !layout_load_image(L, img, &id, &w, &h, false))
		return false;	/* (warned about as text) */
	pw = w * 0.75;		/* 96 dpi */
	ph = h * 0.75;
	if (pw > L->width) {
		ph *= L->width / pw;
		pw = L->width;
	}
	if (ph > most) {
		pw *= most / ph;
		ph = most;
	}
	layout_place(L, ph);
	layout_draw_marker(L, L->y - ASCENT * L->text_size, L->text_size);
	canvas_image(L->cv, L->page, id, L->x, L->y - ph, pw, ph);
	L->y -= ph;
	L->fresh = false;
	return true;
}

void
layout_paragraph(struct layout *L, cmark_node *n)
{
	struct para p;
	bool tight = mdtree_in_tight_list(n);

	if (layout_is_pagebreak(n)) {
		/* on the next thing drawn: none after the last one */
		L->break_pending = true;
		return;
	}
	if (!tier_paragraph(L, n) && !image_paragraph(L, n)) {
		layout_para_init(&p, L->text_size, L->text_color, 0);
		layout_para_inlines(L, &p, n);
		flow(L, &p, BODY_LEADING, ALIGN_LEFT, true);
		layout_para_free(&p);
	}
	layout_add_gap(L, tight ? 0 : PARA_GAP);
}

static struct chart *chart_peek(const struct layout *, cmark_node *);

/* The height of the first piece of the block after a heading. */
static double
keep_need(const struct layout *L, cmark_node *heading)
{
	cmark_node *next = cmark_node_next(heading);
	struct chart *c;

	double h;

	if (next == NULL)
		return 0;
	/* a group: all of it (it is not split) */
	if (cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH &&
	    (h = layout_group_height(L, next)) > 0)
		return h;
	if (mdtree_is_chart(next))
		return (c = chart_peek(L, next)) != NULL ?
		    chart_pdf_height(c, L->width) + CHART_GAP : 0;
	if (mdtree_is(next, "table"))
		return PARA_GAP + 2 * (TABLE_SIZE * TABLE_LEADING +
		    2 * CELL_PAD_Y);
	if (cmark_node_get_type(next) == CMARK_NODE_CODE_BLOCK)
		return PARA_GAP + 2 * CODE_PAD + 2 * CODE_SIZE * CODE_LEADING;
	return 2 * BODY_SIZE * BODY_LEADING;
}

void
layout_heading(struct layout *L, cmark_node *n)
{
	int level = cmark_node_get_heading_level(n);
	double size = heading_size[level - 1], lh = size * HEAD_LEADING;
	double before = level == 1 ? 16 : level == 2 ? 13 : 10, after =
	    level == 1 ? 10 : 6;
	double top, x0 = L->x, w0 = L->width, bar = 0;
	struct para p;
	struct lb_line *lines;
	size_t nl;

	layout_para_init(&p, size, level >= 4 ? C_MUTED : C_TEXT, ST_BOLD);
	if (level == 2)
		bar = 9;
	L->x += bar;
	L->width -= bar;
	layout_para_inlines(L, &p, n);
	nl = lb_break(p.it, p.n, L->width, &lines);
	free(lines);
	/* keep the heading with the start of what follows */
	layout_add_gap(L, before);
	if (level == 1 && L->opt->chapter_pages && !L->fresh)
		layout_new_page(L);
	if (layout_room(L) < (double)nl * lh + after + keep_need(L, n) &&
	    !L->fresh)
		layout_new_page(L);
	layout_place(L, (double)nl * lh);
	top = L->y;
	if (level == 1 && L->nplaced < L->nchapters) {
		struct chapter *ch = &L->chapters[L->nplaced];

		/* its id is set below, with the anchor */
		ch->page = L->page;
		ch->placed = true;
		L->current = L->nplaced++;
		L->page_chapter[L->page] = L->current;
	}
	if (level <= (L->opt->outline_depth > 0 ? L->opt->outline_depth :
	    2)) {
		struct buf title = BUF_INIT, plain = BUF_INIT;

		mdtree_plain_text(n, &title);
		mdtree_strip_marks(&plain, buf_str(&title), title.len);
		canvas_outline(L->cv, level, buf_str(&plain), L->page,
		    top + 6);
		buf_free(&title);
		buf_free(&plain);
	}
	{
		struct buf id = BUF_INIT;

		/* the same ids as the HTML, for links to "#id" */
		mdtree_heading_id(&L->ids, n, &id);
		canvas_anchor(L->cv, buf_str(&id), L->page, top + 6);
		if (level == 1 && L->nplaced > 0 &&
		    L->chapters[L->nplaced - 1].id == NULL &&
		    L->chapters[L->nplaced - 1].placed)
			L->chapters[L->nplaced - 1].id =
			    xstrdup(buf_str(&id));
		buf_free(&id);
	}
	L->fresh = false;
	flow(L, &p, HEAD_LEADING, ALIGN_LEFT, false);
	layout_para_free(&p);
	L->x = x0;
	L->width = w0;
	if (level == 1) {
		L->y -= 3;
		canvas_line(L->cv, L->page, L->x, L->y, L->x + L->width, L->y,
		    C_TEXT, 1.4, 0, 0);
		L->y -= 1;
	} else if (level == 2)
		canvas_rect(L->cv, L->page, SIZE_MAX, L->x, L->y + 1.5, 3,
		    top - L->y - 3, 0, C_ACCENT, CANVAS_NONE, 0);
	layout_add_gap(L, after);
}

void
layout_thematic_break(struct layout *L)
{
	layout_add_gap(L, 14);
	layout_place(L, 1);
	canvas_line(L->cv, L->page, L->x, L->y, L->x + L->width, L->y,
	    C_LINE, 0.8, 0, 0);
	L->y -= 1;
	L->fresh = false;
	layout_add_gap(L, 14);
}

/* -------------------------------------------------------- code blocks */

void
layout_code_block(struct layout *L, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	size_t len = lit != NULL ? strlen(lit) : 0, i = 0, k, col = 0, nl, j;
	struct para p;
	struct lb_line *lines;
	uint32_t cp;
	double cell = CODE_CELL * CODE_SIZE, lh = CODE_SIZE * CODE_LEADING;
	double x0 = L->x, w0 = L->width, baseline;

	if (len > 0 && lit[len - 1] == '\n')
		len--;
	layout_para_init(&p, CODE_SIZE, L->text_color, 0);
	p.code_block = true;
	while (i < len) {
		k = utf8_next(lit + i, len - i, &cp);
		i += k;
		if (cp == '\n') {
			layout_para_item(&p, '\n', 0, CODE_SIZE, 0, 0);
			col = 0;
		} else if (cp == '\t') {
			do {
				layout_para_item(&p, ' ', cell, CODE_SIZE, 0,
				    0);
				col++;
			} while (col % 4 != 0);
		} else if ((cp = canvas_drawn_char(cp)) != 0) {
			bool wide = cjk_char(cp) || cp_width(L, cp, 1) > 0.8;

			layout_para_item(&p, cp, wide ? 2 * cell : cell,
			    CODE_SIZE, 0, 0);
			col += wide ? 2 : 1;
		}
	}
	layout_add_gap(L, PARA_GAP);
	layout_backdrop_begin(L, x0, w0, C_GROUND, CANVAS_NONE, 3, CODE_PAD,
	    lh);
	L->x = x0 + CODE_PAD + 3;
	L->width = w0 - 2 * (CODE_PAD + 3);
	nl = lb_break(p.it, p.n, L->width, &lines);
	for (j = 0; j < nl; j++) {
		layout_place(L, lh);
		baseline = L->y - (lh - CODE_SIZE) / 2 - ASCENT * CODE_SIZE;
		layout_draw_marker(L, baseline, L->text_size);
		layout_draw_line(L, &p, &lines[j], L->x, baseline, L->width,
		    ALIGN_LEFT, false);
		L->y -= lh;
		L->fresh = false;
	}
	free(lines);
	layout_para_free(&p);
	L->x = x0;
	L->width = w0;
	layout_backdrop_end(L);
	layout_add_gap(L, PARA_GAP);
}

/* ------------------------------------------------------------ charts */

static struct chart *
chart_peek(const struct layout *L, cmark_node *n)
{
	size_t i;

	for (i = 0; i < L->opt->ncharts; i++)
		if (L->opt->charts[i].node == n)
			return L->opt->charts[i].chart;
	return NULL;
}

static struct chart *
chart_of(struct layout *L, cmark_node *n, bool *found)
{
	size_t i;

	*found = false;
	/* charts come in document order: look from the last one first */
	for (i = L->next_chart; i < L->opt->ncharts; i++)
		if (L->opt->charts[i].node == n) {
			L->next_chart = i + 1;
			*found = true;
			return L->opt->charts[i].chart;
		}
	for (i = 0; i < L->opt->ncharts; i++)
		if (L->opt->charts[i].node == n) {
			*found = true;
			return L->opt->charts[i].chart;
		}
	return NULL;
}

void
layout_chart_block(struct layout *L, cmark_node *n)
{
	bool found;
	struct chart *c = chart_of(L, n, &found);
	double h;

	if (c == NULL) {
		struct para p;
		char line[32];

		L->status = -1;
		layout_para_init(&p, BODY_SIZE * 0.9, C_ERROR, 0);
		layout_para_utf8(L, &p, "[chart: ", 8);
		layout_para_utf8(L, &p, L->opt->source, strlen(L->opt->source));
		snprintf(line, sizeof(line), ":%d]",
		    cmark_node_get_start_line(n));
		layout_para_utf8(L, &p, line, strlen(line));
		layout_add_gap(L, PARA_GAP);
		flow(L, &p, BODY_LEADING, ALIGN_LEFT, false);
		layout_para_free(&p);
		layout_add_gap(L, PARA_GAP);
		return;
	}
	h = chart_pdf_height(c, L->width);
	layout_add_gap(L, CHART_GAP);
	layout_place(L, h);
	layout_draw_marker(L, L->y - ASCENT * L->text_size, L->text_size);
	chart_pdf_draw(L->cv, L->page, L->m, c, L->x, L->y, L->width);
	L->y -= h;
	L->fresh = false;
	layout_add_gap(L, CHART_GAP);
}
