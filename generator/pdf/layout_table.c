/*
 * GFM tables in the PDF layout (layout_int.h): column widths from their
 * content, the header row repeated on every page, rows kept whole (a row
 * taller than a page goes on in parts, each under the header), a table
 * of up to KEEP_ROWS rows on one page.  In a box ([[box]]) a table is a
 * row of figures: labels above large numbers, no rules.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "markdown/mdtree.h"
#include "pdf/canvas.h"
#include "pdf/linebreak.h"
#include "pdf/layout_int.h"

/* ------------------------------------------------------------ tables */

struct cell {
	struct para	 p;
	struct lb_line	*lines;
	size_t		 nlines;
	enum align	 align;
	bool		 header;
};

struct table {
	size_t		 ncols, nrows;	/* rows including the header */
	struct cell	*cells;		/* nrows * ncols */
	bool		 has_header;
	double		*w;		/* column widths */
};

static void
cell_widths(const struct cell *c, double *min, double *max)
{
	const struct para *p = &c->p;
	double seg = 0, line = 0;
	size_t k;

	*min = *max = 0;
	for (k = 0; k < p->n; k++) {
		uint32_t cp = p->it[k].cp;

		if (cp == '\n') {
			if (line > *max)
				*max = line;
			if (seg > *min)
				*min = seg;
			line = seg = 0;
			continue;
		}
		if (k > 0 && lb_can_break(p->it, p->n, k)) {
			if (seg > *min)
				*min = seg;
			seg = 0;
		}
		if (cp != ' ')
			seg += p->it[k].width;
		line += p->it[k].width;
	}
	if (line > *max)
		*max = line;
	if (seg > *min)
		*min = seg;
}

/*
 * Column widths from content, as a browser lays out an auto table that is
 * 100 % wide: every column gets at least its narrowest (the widest thing
 * that cannot break), then what is left goes by how much more each would
 * like.  Short cells (names, numbers, headers up to SHORT_CELL em) are not
 * broken when the table can afford it; no column asks for more than 60 %
 * of the width by its content alone.
 */
#define SHORT_CELL	6.5

static void
column_widths(struct table *t, double avail)
{
	double *mn = xcalloc(t->ncols, sizeof(double));
	double *soft = xcalloc(t->ncols, sizeof(double));
	double *mx = xcalloc(t->ncols, sizeof(double));
	double smin = 0, ssoft = 0, smax = 0, a, b, extra;
	size_t r, c;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			struct cell *ce = &t->cells[r * t->ncols + c];

			cell_widths(ce, &a, &b);
			a += 2 * CELL_PAD_X;
			b += 2 * CELL_PAD_X;
			if (a > mn[c])
				mn[c] = a;
			if (b > mx[c])
				mx[c] = b;
			if (b - 2 * CELL_PAD_X <= SHORT_CELL * ce->p.size) {
				if (b > soft[c])
					soft[c] = b;
			} else if (a > soft[c])
				soft[c] = a;
		}
	for (c = 0; c < t->ncols; c++) {
		if (mx[c] > 0.6 * avail)
			mx[c] = 0.6 * avail;
		if (mx[c] < soft[c])
			mx[c] = soft[c];
		smin += mn[c];
		ssoft += soft[c];
		smax += mx[c];
	}
	if (ssoft <= avail) {
		/* short cells stay whole */
		for (c = 0; c < t->ncols; c++)
			mn[c] = soft[c];
		smin = ssoft;
	}
	for (c = 0; c < t->ncols; c++) {
		if (smax <= avail)
			/* all fits: share what is left by content */
			t->w[c] = mx[c] + (avail - smax) * (smax > 0 ? mx[c] /
			    smax : 1.0 / (double)t->ncols);
		else if (smin <= avail) {
			extra = smax - smin;
			t->w[c] = mn[c] + (avail - smin) * (extra > 0 ?
			    (mx[c] - mn[c]) / extra : 0);
		} else
			t->w[c] = mn[c] * avail / smin;
	}
	free(mn);
	free(soft);
	free(mx);
}

static double
row_height(const struct table *t, size_t r, size_t from, size_t to)
{
	size_t c, most = 0, n;
	double lh;

	for (c = 0; c < t->ncols; c++) {
		const struct cell *ce = &t->cells[r * t->ncols + c];

		n = ce->nlines < to ? ce->nlines : to;
		n = n > from ? n - from : 0;
		if (n > most)
			most = n;
	}
	if (most == 0)
		most = 1;
	lh = t->cells[r * t->ncols].p.size * TABLE_LEADING;
	return (double)most * lh + 2 * CELL_PAD_Y;
}

/* Draws lines [from, to) of row r at the cursor; zebra: stripe it. */
static void
draw_row(struct layout *L, const struct table *t, size_t r, size_t from,
    size_t to, bool zebra)
{
	double h = row_height(t, r, from, to), x = L->x, top = L->y, lh,
	    baseline, size;
	size_t c, i;
	bool header = t->cells[r * t->ncols].header;

	if (L->in_box)
		;	/* figures on the box's ground, no rules */
	else if (header)
		canvas_rect(L->cv, L->page, SIZE_MAX, L->x, top - h, L->width,
		    h, 0, C_GROUND, CANVAS_NONE, 0);
	else if (zebra)
		canvas_rect(L->cv, L->page, SIZE_MAX, L->x, top - h, L->width,
		    h, 0, C_ZEBRA, CANVAS_NONE, 0);
	for (c = 0; c < t->ncols; c++) {
		const struct cell *ce = &t->cells[r * t->ncols + c];

		size = ce->p.size;
		lh = size * TABLE_LEADING;
		for (i = from; i < to && i < ce->nlines; i++) {
			baseline = top - CELL_PAD_Y - (double)(i - from) * lh -
			    (lh - size) / 2 - ASCENT * size;
			layout_draw_line(L, &ce->p, &ce->lines[i],
			    x + CELL_PAD_X, baseline, t->w[c] - 2 * CELL_PAD_X,
			    ce->align, false);
		}
		x += t->w[c];
	}
	if (L->in_box)
		;
	else if (header)
		canvas_line(L->cv, L->page, L->x, top - h, L->x + L->width,
		    top - h, C_LINE_STRONG, 1.4, 0, 0);
	else
		canvas_line(L->cv, L->page, L->x, top - h, L->x + L->width,
		    top - h, C_LINE, 0.6, 0, 0);
	L->y = top - h;
	L->fresh = false;
}

static enum align
column_align(const uint8_t *align, size_t ncols, size_t c)
{
	if (align == NULL || c >= ncols)
		return ALIGN_LEFT;
	switch (align[c]) {
	case 'c':
		return ALIGN_CENTER;
	case 'r':
		return ALIGN_RIGHT;
	default:
		return ALIGN_LEFT;
	}
}

void
layout_table_block(struct layout *L, cmark_node *n)
{
	struct table t;
	cmark_node *row, *cell;
	uint8_t *align = cmark_gfm_extensions_get_table_alignments(n);
	size_t r, c, maxl, per_page, from, body = 0;
	double head_h = 0, h;

	memset(&t, 0, sizeof(t));
	t.ncols = cmark_gfm_extensions_get_table_columns(n);
	for (row = cmark_node_first_child(n); row != NULL;
	    row = cmark_node_next(row))
		t.nrows++;
	if (t.ncols == 0 || t.nrows == 0)
		return;
	t.cells = xcalloc(t.nrows * t.ncols, sizeof(*t.cells));
	t.w = xcalloc(t.ncols, sizeof(*t.w));
	for (r = 0, row = cmark_node_first_child(n); row != NULL;
	    row = cmark_node_next(row), r++) {
		bool header = mdtree_is(row, "table_header");

		if (r == 0)
			t.has_header = header;
		for (c = 0, cell = cmark_node_first_child(row); c < t.ncols;
		    c++) {
			struct cell *ce = &t.cells[r * t.ncols + c];

			ce->header = header;
			ce->align = L->in_box ? ALIGN_LEFT :
			    column_align(align, t.ncols, c);
			layout_para_init(&ce->p, header ? TABLE_HEAD_SIZE :
			    L->in_box ? FIGURE_SIZE : TABLE_SIZE, header ?
			    C_MUTED : L->text_color, header || L->in_box ?
			    ST_BOLD : 0);
			if (cell == NULL)
				continue;
			layout_para_inlines(L, &ce->p, cell);
			if (!header) {
				struct buf text = BUF_INIT, plain = BUF_INIT;

				mdtree_plain_text(cell, &text);
				mdtree_strip_marks(&plain, buf_str(&text),
				    text.len);
				if (!L->in_box && mdtree_is_number(
				    buf_str(&plain), plain.len))
					ce->align = ALIGN_RIGHT;
				buf_free(&text);
				buf_free(&plain);
			}
			cell = cmark_node_next(cell);
		}
	}
	column_widths(&t, L->width);
	for (r = 0; r < t.nrows; r++)
		for (c = 0; c < t.ncols; c++) {
			struct cell *ce = &t.cells[r * t.ncols + c];

			ce->nlines = lb_break(ce->p.it, ce->p.n,
			    t.w[c] - 2 * CELL_PAD_X, &ce->lines);
		}

	layout_add_gap(L, PARA_GAP + 2);
	if (t.has_header)
		head_h = row_height(&t, 0, 0, SIZE_MAX);
	/* a table of up to KEEP_ROWS rows is not split when a page holds it */
	if (t.nrows - (t.has_header ? 1 : 0) <= KEEP_ROWS && !L->fresh) {
		double all = head_h;

		for (r = t.has_header ? 1 : 0; r < t.nrows; r++)
			all += row_height(&t, r, 0, SIZE_MAX);
		if (layout_room(L) < all && all <= PAGE_H - 2 * MARGIN)
			layout_new_page(L);
	}
	for (r = t.has_header ? 1 : 0; r < t.nrows; r++, body++) {
		h = row_height(&t, r, 0, SIZE_MAX);
		if (r == (t.has_header ? 1u : 0u) || layout_room(L) < h) {
			/* a table starts, or goes on, with its header */
			if (layout_room(L) < head_h + h && !L->fresh)
				layout_new_page(L);
			layout_place(L, head_h + h);
			layout_draw_marker(L, L->y - CELL_PAD_Y - ASCENT *
			    TABLE_HEAD_SIZE, L->text_size);
			if (t.has_header)
				draw_row(L, &t, 0, 0, SIZE_MAX, false);
		}
		if (layout_room(L) >= h) {
			draw_row(L, &t, r, 0, SIZE_MAX, body % 2 == 1);
			continue;
		}
		/* a row taller than a page: in parts, each under a header */
		maxl = 0;
		for (c = 0; c < t.ncols; c++)
			if (t.cells[r * t.ncols + c].nlines > maxl)
				maxl = t.cells[r * t.ncols + c].nlines;
		for (from = 0; from < maxl; from += per_page) {
			double lh = TABLE_SIZE * TABLE_LEADING;

			per_page = (size_t)((layout_room(L) - 2 * CELL_PAD_Y) /
			    lh);
			if (per_page == 0) {
				layout_new_page(L);
				if (t.has_header)
					draw_row(L, &t, 0, 0, SIZE_MAX,
					    false);
				per_page = (size_t)((layout_room(L) - 2 *
				    CELL_PAD_Y) / lh);
				if (per_page == 0)
					per_page = 1;
			}
			draw_row(L, &t, r, from, from + per_page,
			    body % 2 == 1);
		}
	}
	if (t.has_header && t.nrows == 1) {
		/* a header and no rows: the header alone */
		layout_place(L, head_h);
		layout_draw_marker(L, L->y - CELL_PAD_Y - ASCENT *
		    TABLE_HEAD_SIZE, L->text_size);
		draw_row(L, &t, 0, 0, SIZE_MAX, false);
	}
	for (r = 0; r < t.nrows * t.ncols; r++) {
		layout_para_free(&t.cells[r].p);
		free(t.cells[r].lines);
	}
	free(t.cells);
	free(t.w);
	layout_add_gap(L, PARA_GAP + 2);
}
