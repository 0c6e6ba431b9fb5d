/*
 * The PDF layout (see layout.h): the functions of layout.h, paging, the
 * block contexts and the walk.  One walk over the tree with cmark's
 * iterator (no recursion: a hostile document may nest deeply), a stack of
 * block contexts (quotes, lists, items) for indentation, and a cursor
 * going down the current page.  Backgrounds that must lie under text
 * (quotes, code blocks) are inserted under it when their extent on a page
 * is known.  The blocks the walk meets are set by layout_blocks.c
 * (paragraphs, headings, rules, code blocks, charts), layout_table.c and
 * layout_book.c (cover, contents, page furniture); layout_inline.c
 * measures and draws their text.  layout_int.h holds what they share.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "markdown/mdtree.h"
#include "pdf/canvas.h"
#include "pdf/layout.h"
#include "pdf/layout_int.h"

/* --------------------------------------------------------- characters */

void
layout_fixed_text(struct buf *b, const char *lang)
{
	int c;

	for (c = 0x20; c < 0x7f; c++)	/* numbers, markers, chart values */
		buf_putc(b, c);
	buf_puts(b, "\xe2\x80\xa6\xe2\x80\x93");	/* … – */
	if (lang == NULL || strncmp(lang, "en", 2) != 0)
		buf_puts(b, "第页共");	/* the footer */
}

bool
layout_is_pagebreak(cmark_node *p)
{
	const char *s;
	size_t len;

	return (s = mdtree_lone_text(p, &len)) != NULL && len == 13 &&
	    memcmp(s, "[[pagebreak]]", 13) == 0;
}

/* --------------------------------------------------------- paging */

static void
backdrop_segment(struct layout *L, struct backdrop *b, double bottom)
{
	double top = b->top;

	if (top - bottom <= 0.5)
		return;
	canvas_rect(L->cv, b->page, b->mark, b->x, bottom, b->w, top - bottom,
	    b->radius, b->fill, b->border, b->border != CANVAS_NONE ? 0.9 : 0);
	if (b->rule != CANVAS_NONE)
		canvas_rect(L->cv, b->page, b->mark + 1, b->x, bottom,
		    QUOTE_RULE, top - bottom, 0, b->rule, CANVAS_NONE, 0);
}

void
layout_new_page(struct layout *L)
{
	size_t i;

	/* close the backdrops on this page, innermost first */
	for (i = L->nbd; i-- > 0;)
		backdrop_segment(L, &L->bd[i], L->y - L->bd[i].pad * 0.6);
	L->page = canvas_add_page(L->cv);
	L->page_chapter = xreallocarray(L->page_chapter, L->page + 1,
	    sizeof(size_t));
	L->page_chapter[L->page] = L->current;
	L->y = PAGE_H - MARGIN;
	L->fresh = true;
	L->gap = 0;
	for (i = 0; i < L->nbd; i++) {
		L->bd[i].page = L->page;
		L->bd[i].mark = 0;
		L->bd[i].top = L->y + L->bd[i].pad * 0.6;
	}
}

/*
 * Makes room for h points at the cursor, after the pending gap: on a new
 * page when they do not fit here (unless the page is still empty, where
 * nothing better can happen).  The caller then draws from L->y down.
 */
void
layout_place(struct layout *L, double h)
{
	double g;

	if (L->break_pending) {
		L->break_pending = false;
		if (!L->fresh)
			layout_new_page(L);
	}
	g = L->fresh ? 0 : L->gap;

	if (!L->fresh && L->y - g - h < MARGIN - 0.01) {
		layout_new_page(L);
		g = 0;
	}
	L->y -= g;
	L->gap = 0;
}

void
layout_add_gap(struct layout *L, double g)
{
	if (g > L->gap)
		L->gap = g;
}

double
layout_room(const struct layout *L)
{
	return L->y - (L->fresh ? 0 : L->gap) - MARGIN;
}

void
layout_backdrop_begin(struct layout *L, double x, double w, uint32_t fill,
    uint32_t rule, double radius, double pad, double first_h)
{
	struct backdrop *b;

	if (L->nbd == MAX_BACKDROPS) {
		L->nbd_skipped++;
		return;
	}
	layout_place(L, pad + first_h);
	b = &L->bd[L->nbd++];
	b->page = L->page;
	b->mark = canvas_mark(L->cv, L->page);
	b->top = L->y;
	b->x = x;
	b->w = w;
	b->fill = fill;
	b->rule = rule;
	b->border = CANVAS_NONE;
	b->radius = radius;
	b->pad = pad;
	L->y -= pad;
	L->fresh = false;
}

void
layout_backdrop_end(struct layout *L)
{
	struct backdrop *b;

	if (L->nbd_skipped > 0) {
		L->nbd_skipped--;
		return;
	}
	if (L->nbd == 0)
		return;
	b = &L->bd[--L->nbd];
	L->gap = 0;
	L->y -= b->pad;
	backdrop_segment(L, b, L->y);
}

/* ------------------------------------------------------------ contexts */

enum ctx_kind { CTX_QUOTE, CTX_LIST, CTX_ITEM };

struct ctx {
	enum ctx_kind	 kind;
	double		 x, width;	/* the content box before this */
	/* lists */
	bool		 ordered;
	bool		 tight;
	int		 number;	/* the next item's */
	int		 level;		/* 1 for an outer list */
};

/* The text size and colour inside the current contexts. */
static void
text_style(struct layout *L)
{
	size_t i;

	L->text_size = BODY_SIZE;
	L->text_color = C_TEXT;
	for (i = 0; i < L->nctx; i++)
		if (L->ctx[i].kind == CTX_QUOTE)
			L->text_color = C_QUOTE;
}

static struct ctx *
push(struct layout *L, enum ctx_kind kind)
{
	struct ctx *c;

	if (L->nctx == L->ctxcap) {
		L->ctxcap = L->ctxcap ? 2 * L->ctxcap : 16;
		L->ctx = xreallocarray(L->ctx, L->ctxcap, sizeof(*L->ctx));
	}
	c = &L->ctx[L->nctx++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->x = L->x;
	c->width = L->width;
	return c;
}

static void
pop(struct layout *L)
{
	struct ctx *c = &L->ctx[--L->nctx];

	L->x = c->x;
	L->width = c->width;
	text_style(L);
}

/* Indenting stops when the text would get too narrow to read. */
static void
indent(struct layout *L, double left, double right)
{
	if (L->width - left - right < 120)
		return;
	L->x += left;
	L->width -= left + right;
}

static int
list_level(const struct layout *L)
{
	size_t i;
	int level = 0;

	for (i = 0; i < L->nctx; i++)
		if (L->ctx[i].kind == CTX_LIST)
			level++;
	return level;
}

static struct ctx *
innermost(struct layout *L, enum ctx_kind kind)
{
	size_t i;

	for (i = L->nctx; i-- > 0;)
		if (L->ctx[i].kind == kind)
			return &L->ctx[i];
	return NULL;
}

static void
block_quote(struct layout *L, bool enter)
{
	if (enter) {
		layout_add_gap(L, PARA_GAP);
		push(L, CTX_QUOTE);
		layout_backdrop_begin(L, L->x, L->width, C_ZEBRA,
		    C_LINE_STRONG, 0, QUOTE_PAD, BODY_SIZE * BODY_LEADING);
		indent(L, QUOTE_RULE + QUOTE_INDENT, QUOTE_INDENT);
		text_style(L);
		L->gap = 0;
	} else {
		layout_backdrop_end(L);
		pop(L);
		layout_add_gap(L, PARA_GAP);
	}
}

static void
list(struct layout *L, cmark_node *n, bool enter)
{
	struct ctx *c;

	if (enter) {
		/* a list right inside an item follows its text closely */
		layout_add_gap(L, cmark_node_get_list_tight(n) && innermost(L,
		    CTX_ITEM) != NULL ? 2 : PARA_GAP);
		c = push(L, CTX_LIST);
		c->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		c->number = cmark_node_get_list_start(n);
		c->tight = cmark_node_get_list_tight(n);
		c->level = list_level(L);
	} else {
		pop(L);
		layout_add_gap(L, PARA_GAP);
	}
}

static void
item(struct layout *L, cmark_node *n, bool enter)
{
	struct ctx *lc;

	if (enter) {
		/* the list's context found after the push, which may move the
		 * contexts (a pointer taken before would dangle) */
		push(L, CTX_ITEM);
		lc = innermost(L, CTX_LIST);
		if (lc != NULL && lc->tight)
			layout_add_gap(L, ITEM_GAP);
		indent(L, LIST_INDENT, 0);
		L->marker.right = L->x;
		L->marker.level = lc != NULL ? lc->level : 1;
		if (mdtree_is(n, "tasklist")) {
			L->marker.kind = MARK_TASK;
			L->marker.checked =
			    cmark_gfm_extensions_get_tasklist_item_checked(n);
		} else if (lc != NULL && lc->ordered) {
			L->marker.kind = MARK_NUMBER;
			L->marker.number = lc->number++;
		} else
			L->marker.kind = MARK_BULLET;
	} else {
		if (L->marker.kind != MARK_NONE) {
			/* an empty item: the marker alone */
			double lh = BODY_SIZE * BODY_LEADING;

			layout_place(L, lh);
			layout_draw_marker(L, L->y - (lh - BODY_SIZE) / 2 -
			    ASCENT * BODY_SIZE, L->text_size);
			L->y -= lh;
			L->fresh = false;
		}
		pop(L);
	}
}

/* --------------------------------------------------------------- walk */

#define LAYOUT_MAX_PAGES	10000

static void	walk(struct layout *, cmark_node *);

/*
 * The height the blocks first..stop (stop excluded) take from the cursor
 * down, gaps included, laid out on a scratch canvas with a page as tall
 * as they need.
 */
static double
measure(const struct layout *L, cmark_node *first, cmark_node *stop)
{
	struct mdtree_ids none = MDTREE_IDS_INIT;
	struct layout M = *L;
	struct canvas cv;
	cmark_node *n;
	double top;

	M.cv = &cv;
	M.ph = 1e7;
	canvas_init(&cv, M.pw, M.ph);
	M.page = canvas_add_page(&cv);
	M.page_chapter = NULL;
	M.ctx = NULL;
	M.nctx = M.ctxcap = 0;
	M.nbd = M.nbd_skipped = 0;
	M.ids = none;
	M.chapters = NULL;
	M.nchapters = M.nplaced = 0;
	M.toc = NULL;
	M.break_pending = false;
	M.group_end = NULL;
	M.measuring = true;
	M.y = top = M.ph - M.margin;
	for (n = first; n != NULL && n != stop; n = cmark_node_next(n))
		walk(&M, n);
	canvas_free(&cv);
	free(M.page_chapter);
	free(M.ctx);
	mdtree_ids_free(&M.ids);
	return top - M.y;
}

/*
 * The height of a row of the blocks first..close side by side, their
 * column's width in *colw; -1 when they go one after the other (fewer
 * than 2, too narrow, or a column taller than a page).
 */
static double
row_height(const struct layout *L, cmark_node *first, cmark_node *close,
    double *colw)
{
	struct layout M = *L;
	cmark_node *n;
	size_t k = 0;
	double need = 0, h;

	for (n = first; n != close; n = cmark_node_next(n))
		k++;
	if (k < 2)
		return -1;
	*colw = (L->width - (double)(k - 1) * ROW_GUTTER) / (double)k;
	if (*colw < 120)
		return -1;
	M.width = *colw;
	for (n = first; n != close; n = cmark_node_next(n))
		if ((h = measure(&M, n, cmark_node_next(n))) > need)
			need = h;
	return need > PAGE_H - 2 * MARGIN ? -1 : need;
}

/*
 * The blocks of a row side by side, in columns of equal width (see
 * row_height()).  Returns false when they go one after the other (the
 * walk lays them out then).
 */
static bool
row(struct layout *L, cmark_node *first, cmark_node *close)
{
	cmark_node *n;
	size_t i;
	double x0 = L->x, w0 = L->width, colw, need, top, low;

	layout_add_gap(L, PARA_GAP);
	if ((need = row_height(L, first, close, &colw)) < 0)
		return false;
	layout_place(L, need);
	top = low = L->y;
	for (i = 0, n = first; n != close; n = cmark_node_next(n), i++) {
		L->x = x0 + (double)i * (colw + ROW_GUTTER);
		L->width = colw;
		L->y = top;
		L->gap = 0;
		L->fresh = true;	/* no gap above a column */
		walk(L, n);
		if (L->y < low)
			low = L->y;
	}
	L->x = x0;
	L->width = w0;
	L->y = low;
	L->fresh = false;
	L->gap = 0;
	layout_add_gap(L, PARA_GAP);
	return true;
}

/* The height of a keep group or a box (its frame and gap included). */
static double
kept_height(const struct layout *L, enum mdtree_group g, cmark_node *n,
    cmark_node *close)
{
	struct layout M = *L;
	double pad = g == MDTREE_GROUP_BOX ? BOX_PAD : 0;

	M.x += pad;
	M.width -= 2 * pad;
	M.in_box = g == MDTREE_GROUP_BOX;
	return measure(&M, cmark_node_next(n), close) + 2 * pad +
	    (pad > 0 ? PARA_GAP : 0);
}

double
layout_group_height(const struct layout *L, cmark_node *n)
{
	enum mdtree_group g;
	cmark_node *close;
	double colw, h;

	if (L->group_end != NULL || L->measuring ||
	    (g = mdtree_group_open(n, &close)) == MDTREE_GROUP_NONE)
		return 0;
	if (g == MDTREE_GROUP_ROW &&
	    (h = row_height(L, cmark_node_next(n), close, &colw)) >= 0)
		return h + PARA_GAP;
	h = kept_height(L, g, n, close);
	return h <= PAGE_H - 2 * MARGIN ? h : 0;
}

/*
 * A top-level paragraph that opens or closes a group (mdtree.h): a group
 * starts on a new page when it does not fit here but fits a page; a box
 * is framed and shaded, its content inset; a row's blocks are laid out
 * here, and *skip is then the block the walk goes on after.  Returns
 * true for a mark.
 */
static bool
group_mark(struct layout *L, cmark_node *n, cmark_node **skip)
{
	enum mdtree_group g;
	cmark_node *close;
	double need, pad;

	*skip = NULL;
	if (L->group_end != NULL) {
		if (n != L->group_end)
			return false;
		L->group_end = NULL;
		if (L->in_box) {
			L->in_box = false;
			L->x -= BOX_PAD;
			L->width += 2 * BOX_PAD;
			layout_backdrop_end(L);
			layout_add_gap(L, PARA_GAP);
		}
		return true;
	}
	if ((g = mdtree_group_open(n, &close)) == MDTREE_GROUP_NONE)
		return false;
	L->group_end = close;
	if (g == MDTREE_GROUP_ROW && row(L, cmark_node_next(n), close)) {
		*skip = cmark_node_previous(close);
		return true;
	}
	pad = g == MDTREE_GROUP_BOX ? BOX_PAD : 0;
	if (g == MDTREE_GROUP_BOX)
		layout_add_gap(L, PARA_GAP);
	need = kept_height(L, g, n, close);
	if (g == MDTREE_GROUP_BOX) {
		L->x += pad;
		L->width -= 2 * pad;
		L->in_box = true;
	}
	if (!L->fresh && need > L->y - MARGIN &&
	    need <= PAGE_H - 2 * MARGIN)
		layout_new_page(L);
	if (g == MDTREE_GROUP_BOX) {
		layout_backdrop_begin(L, L->x - pad, L->width + 2 * pad,
		    C_ZEBRA, CANVAS_NONE, 4, pad, 0);
		if (L->nbd > 0)
			L->bd[L->nbd - 1].border = C_LINE_STRONG;
		L->gap = 0;
	}
	return true;
}

/* Lays out the subtree of top. */
static void
walk(struct layout *L, cmark_node *top)
{
	cmark_iter *iter;
	cmark_event_type ev;
	cmark_node *n, *skip;
	bool enter;

	iter = cmark_iter_new(top);
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(iter);
		enter = ev == CMARK_EVENT_ENTER;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_DOCUMENT:
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			block_quote(L, enter);
			break;
		case CMARK_NODE_LIST:
			list(L, n, enter);
			break;
		case CMARK_NODE_ITEM:
			item(L, n, enter);
			break;
		case CMARK_NODE_PARAGRAPH:
			if (enter) {
				if (!group_mark(L, n, &skip))
					layout_paragraph(L, n);
				cmark_iter_reset(iter, skip != NULL ? skip : n,
				    CMARK_EVENT_EXIT);
			}
			break;
		case CMARK_NODE_HEADING:
			if (enter) {
				layout_heading(L, n);
				cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);
			}
			break;
		case CMARK_NODE_CODE_BLOCK:
			if (mdtree_is_chart(n))
				layout_chart_block(L, n);
			else
				layout_code_block(L, n);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			layout_thematic_break(L);
			break;
		case CMARK_NODE_HTML_BLOCK:
			break;	/* raw HTML is dropped */
		default:
			if (enter && mdtree_is(n, "table")) {
				layout_table_block(L, n);
				cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);
			}
			break;
		}
		if (L->page >= LAYOUT_MAX_PAGES) {
			/* a page per heading of a hostile file: memory */
			diag(DIAG_ERROR, L->opt->file, 0, NULL, NULL, "too long "
			    "for a PDF: more than %d pages", LAYOUT_MAX_PAGES);
			L->status = -1;
			break;
		}
	}
	cmark_iter_free(iter);
}

int
layout_document(const struct layout_options *opt, cmark_node *root,
    struct canvas *cv)
{
	struct layout L;
	size_t i;

	memset(&L, 0, sizeof(L));
	{
		struct mdtree_ids none = MDTREE_IDS_INIT;

		L.ids = none;
	}
	L.opt = opt;
	L.m = opt->measure;
	L.cv = cv;
	L.pw = opt->page_w > 0 ? opt->page_w : 210 * MM;
	L.ph = opt->page_h > 0 ? opt->page_h : 297 * MM;
	L.margin = opt->margin > 0 ? opt->margin : 18 * MM;
	L.current = SIZE_MAX;
	canvas_init(cv, L.pw, L.ph);
	L.x = L.margin;
	L.width = L.pw - 2 * L.margin;
	text_style(&L);
	layout_find_chapters(&L, root);
	layout_new_page(&L);
	if (opt->cover_title != NULL) {
		layout_cover(&L);
		layout_new_page(&L);
		L.cover_pages = 1;
	}
	if (opt->toc_title != NULL) {
		layout_contents(&L);
		layout_new_page(&L);
	}

	walk(&L, root);
	while (L.nbd > 0)
		layout_backdrop_end(&L);
	if (L.toc != NULL)
		layout_contents_fill(&L);
	layout_furniture(&L);
	for (i = 0; i < L.nchapters; i++) {
		free(L.chapters[i].title);
		free(L.chapters[i].id);
	}
	free(L.chapters);
	free(L.toc);
	free(L.page_chapter);
	free(L.ctx);
	mdtree_ids_free(&L.ids);
	return L.status;
}
