/*
 * The PDF layout (see layout.h).  One walk over the tree with cmark's
 * iterator (no recursion: a hostile document may nest deeply), a stack of
 * block contexts (quotes, lists, items) for indentation, and a cursor
 * going down the current page.  Inline content becomes a row of measured
 * items that linebreak.c breaks into lines; each line is drawn as runs of
 * text of one style.  Backgrounds that must lie under text (quotes, code
 * blocks) are inserted under it when their extent on a page is known.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/utf8.h"
#include "markdown/cjk.h"
#include "markdown/mdtree.h"
#include "render/chart.h"
#include "pdf/canvas.h"
#include "pdf/chart_pdf.h"
#include "pdf/layout.h"
#include "pdf/linebreak.h"

/* ------------------------------------------------------------ the page */

#define MM		(72.0 / 25.4)
#define PAGE_W		(L->pw)
#define PAGE_H		(L->ph)
#define MARGIN		(L->margin)
#define HEADER_Y	(PAGE_H - 11 * MM)	/* running header baseline */
#define FOOTER_Y	(10 * MM)		/* page number baseline */

/* Sizes in points, leading as a factor of the size */
#define BODY_SIZE	10.5
#define BODY_LEADING	1.62
#define HEAD_LEADING	1.35
#define TABLE_SIZE	9.5
#define TABLE_HEAD_SIZE	9.0
#define TABLE_LEADING	1.45
#define CODE_SIZE	9.0
#define CODE_LEADING	1.45
#define CODE_CELL	0.55	/* em: one column of a code block */
#define SMALL_SIZE	8.0
#define INLINE_CODE	0.88	/* em: code spans in text */
#define ASCENT		0.86	/* em above the baseline, centred in a line */

#define PARA_GAP	7.5
#define LIST_INDENT	(1.6 * BODY_SIZE)
#define ITEM_GAP	2.5
#define QUOTE_PAD	6.0
#define QUOTE_INDENT	12.0
#define QUOTE_RULE	3.0
#define CODE_PAD	7.0
#define CELL_PAD_X	6.0
#define CELL_PAD_Y	3.5
#define CHART_GAP	10.0
#define MAX_BACKDROPS	32
#define JUSTIFY_MAX	0.25	/* em of extra space per character at most */

/* Colours of templates/style.css */
#define C_TEXT		0x1f2933u
#define C_MUTED		0x5f6b7au
#define C_LINE		0xe4e8edu
#define C_LINE_STRONG	0xc5ccd5u
#define C_GROUND	0xf3f5f8u
#define C_ZEBRA		0xf8f9fbu
#define C_ACCENT	0x3b6fb6u
#define C_QUOTE		0x3e4c59u
#define C_CODE_BG	0xedf0f4u
#define C_BAR_TRACK	0xe3e7edu
#define C_BAR_FILL	0x3b6fb6u
#define C_BAR_OVER	0x2e8b57u
#define C_ERROR		0xc8413bu
#define C_WHITE		0xffffffu

#define BAR_MAX		1.5	/* the KPI bar's fill: 0-150 % of its track */

/* Text item styles */
#define ST_BOLD		0x01u
#define ST_ITALIC	0x02u
#define ST_CODE		0x04u
#define ST_STRIKE	0x08u
#define ST_MUTED	0x10u

/* A gap in a code span (padding): no glyph, never a code point. */
#define SPACER		0x110000u

static const double heading_size[6] = { 18, 14, 12, 10.5, 10.5, 10.5 };

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
	cmark_node *t = cmark_node_first_child(p);
	const char *s;
	size_t a = 0, len;

	if (t == NULL || cmark_node_next(t) != NULL ||
	    cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return false;
	s = cmark_node_get_literal(t);
	len = strlen(s);
	while (a < len && s[a] == ' ')
		a++;
	while (len > a && s[len - 1] == ' ')
		len--;
	return len - a == 13 && memcmp(s + a, "[[pagebreak]]", 13) == 0;
}

/* ------------------------------------------------------------ state */

struct item_info {
	unsigned	 style;
	size_t		 link;		/* 0, or index + 1 into links */
	size_t		 mark;		/* 0, or index + 1 into marks */
	double		 size;
	uint32_t	 color;
};

/* An inline object: a tier badge, a KPI bar or a picture. */
struct mark {
	enum mdtree_mark_kind	 kind;
	char			*name;
	size_t			 len;
	double			 ratio;
	int			 image;		/* -1, or the picture's id */
	double			 w, h;		/* the picture's size */
};

/* Inline content measured, ready to break into lines. */
struct para {
	struct lb_item		*it;
	struct item_info	*info;
	size_t			 n, cap;
	char			**links;
	size_t			 nlinks;
	struct mark		*marks;
	size_t			 nmarks;
	/* the style of items being added */
	double			 size;		/* the base size */
	uint32_t		 color;
	unsigned		 style;
	size_t			 link;
	bool			 code_block;	/* monospace cells */
};

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

enum marker_kind { MARK_NONE, MARK_BULLET, MARK_NUMBER, MARK_TASK };

struct marker {
	enum marker_kind kind;
	int		 level;		/* bullets */
	int		 number;
	bool		 checked;
	double		 right;		/* where the marker ends */
};

/* A background (and left rule) under a quote or a code block. */
struct backdrop {
	size_t		 page;
	size_t		 mark;		/* op index to insert under */
	double		 top;
	double		 x, w;
	uint32_t	 fill;
	uint32_t	 rule;		/* CANVAS_NONE: none */
	double		 radius;
	double		 pad;
};

struct layout {
	const struct layout_options	*opt;
	const struct canvas_measure	*m;
	struct canvas			*cv;
	int				 status;
	size_t				 page;
	double				 y;	/* the cursor */
	double				 gap;	/* pending space above the next block */
	bool				 fresh;	/* nothing on this page yet */
	bool				 break_pending;	/* [[pagebreak]] seen */
	double				 x, width;	/* the content box */
	struct ctx			*ctx;
	size_t				 nctx, ctxcap;
	struct marker			 marker;	/* to draw with the next line */
	struct backdrop			 bd[MAX_BACKDROPS];
	size_t				 nbd;
	size_t				 nbd_skipped;	/* beyond MAX_BACKDROPS */
	size_t				 next_chart;
	double				 text_size;	/* current body size */
	uint32_t			 text_color;
	struct mdtree_ids		 ids;		/* heading ids */
	double				 pw, ph, margin;	/* the page */
	/* chapters (level-1 headings) in order: where they are */
	struct chapter {
		char	*title;
		char	*id;
		size_t	 page;
		bool	 placed;
	}				*chapters;
	size_t				 nchapters;
	size_t				 nplaced;
	/* the chapter of each page (SIZE_MAX: none, SIZE_MAX - 1: the
	 * contents) and whether furniture is drawn on it */
	size_t				*page_chapter;
	size_t				 current;
	/* the contents' entries, to number once the pages are known */
	struct toc_entry {
		size_t	 page;
		double	 baseline, text_end, top, bottom;
	}				*toc;
	size_t				 cover_pages;
};

static double
cp_width(const struct layout *L, uint32_t cp, double size)
{
	return L->m->width(L->m->arg, cp) * size / 1000;
}

static double
str_width(const struct layout *L, const char *s, double size)
{
	return canvas_text_width(L->m, s, strlen(s), size);
}

/* --------------------------------------------------------- paging */

static void
backdrop_segment(struct layout *L, struct backdrop *b, double bottom)
{
	double top = b->top;

	if (top - bottom <= 0.5)
		return;
	canvas_rect(L->cv, b->page, b->mark, b->x, bottom, b->w, top - bottom,
	    b->radius, b->fill, CANVAS_NONE, 0);
	if (b->rule != CANVAS_NONE)
		canvas_rect(L->cv, b->page, b->mark + 1, b->x, bottom,
		    QUOTE_RULE, top - bottom, 0, b->rule, CANVAS_NONE, 0);
}

static void
new_page(struct layout *L)
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
static void
place(struct layout *L, double h)
{
	double g;

	if (L->break_pending) {
		L->break_pending = false;
		if (!L->fresh)
			new_page(L);
	}
	g = L->fresh ? 0 : L->gap;

	if (!L->fresh && L->y - g - h < MARGIN - 0.01) {
		new_page(L);
		g = 0;
	}
	L->y -= g;
	L->gap = 0;
}

static void
add_gap(struct layout *L, double g)
{
	if (g > L->gap)
		L->gap = g;
}

static double
room(const struct layout *L)
{
	return L->y - (L->fresh ? 0 : L->gap) - MARGIN;
}

static void
backdrop_begin(struct layout *L, double x, double w, uint32_t fill,
    uint32_t rule, double radius, double pad, double first_h)
{
	struct backdrop *b;

	if (L->nbd == MAX_BACKDROPS) {
		L->nbd_skipped++;
		return;
	}
	place(L, pad + first_h);
	b = &L->bd[L->nbd++];
	b->page = L->page;
	b->mark = canvas_mark(L->cv, L->page);
	b->top = L->y;
	b->x = x;
	b->w = w;
	b->fill = fill;
	b->rule = rule;
	b->radius = radius;
	b->pad = pad;
	L->y -= pad;
	L->fresh = false;
}

static void
backdrop_end(struct layout *L)
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

/* ---------------------------------------------------- inline content */

static void
para_init(struct para *p, double size, uint32_t color, unsigned style)
{
	memset(p, 0, sizeof(*p));
	p->size = size;
	p->color = color;
	p->style = style;
}

static void
para_free(struct para *p)
{
	size_t i;

	free(p->it);
	free(p->info);
	for (i = 0; i < p->nlinks; i++)
		free(p->links[i]);
	free(p->links);
	for (i = 0; i < p->nmarks; i++)
		free(p->marks[i].name);
	free(p->marks);
}

static void
para_item(struct para *p, uint32_t cp, double width, double size,
    unsigned flags, size_t mark)
{
	if (p->n == p->cap) {
		/* small at first: a table has a paragraph per cell */
		p->cap = p->cap ? 2 * p->cap : 8;
		p->it = xreallocarray(p->it, p->cap, sizeof(*p->it));
		p->info = xreallocarray(p->info, p->cap, sizeof(*p->info));
	}
	p->it[p->n].cp = cp;
	p->it[p->n].width = width;
	p->it[p->n].flags = flags;
	p->info[p->n].style = p->style;
	p->info[p->n].link = p->link;
	p->info[p->n].mark = mark;
	p->info[p->n].size = size;
	p->info[p->n].color = p->color;
	p->n++;
}

static double
item_size(const struct para *p)
{
	return (p->style & ST_CODE) ? p->size * INLINE_CODE : p->size;
}

static void
para_char(struct layout *L, struct para *p, uint32_t cp)
{
	double size = item_size(p);

	if (cp == '\n') {
		para_item(p, '\n', 0, size, 0, 0);
		return;
	}
	if (cp == '\t')
		cp = ' ';
	if (cp != 0xa0 && (cp = canvas_drawn_char(cp)) == 0)
		return;
	para_item(p, cp, cp_width(L, cp == 0xa0 ? ' ' : cp, size), size, 0,
	    0);
}

static double
tier_width(const struct layout *L, const struct mark *mk, double size)
{
	double fs = size * 0.9, w;
	char *name = xstrndup(mk->name, mk->len);

	w = str_width(L, name, fs) + 0.9 * fs;
	free(name);
	if (w < 1.7 * fs)
		w = 1.7 * fs;
	return w + 0.24 * size;	/* a little air either side */
}

static double
bar_width(double size)
{
	return (0.5 + 4.5 + 2.35) * size;
}

static void
para_mark(struct layout *L, struct para *p, const struct mdtree_mark *m)
{
	struct mark *mk;
	double w;

	p->marks = xreallocarray(p->marks, p->nmarks + 1, sizeof(*p->marks));
	mk = &p->marks[p->nmarks++];
	mk->kind = m->kind;
	mk->name = m->kind == MDTREE_MARK_TIER ?
	    xstrndup(m->name, m->name_len) : NULL;
	mk->len = m->kind == MDTREE_MARK_TIER ? m->name_len : 0;
	mk->ratio = m->ratio;
	mk->image = -1;
	w = m->kind == MDTREE_MARK_TIER ? tier_width(L, mk, p->size) :
	    bar_width(p->size);
	para_item(p, LB_OBJECT, w, p->size, 0, p->nmarks);
}

static void
para_utf8(struct layout *L, struct para *p, const char *s, size_t len)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0) {
			cp = 0xfffd;
			k = 1;
		}
		para_char(L, p, cp);
		i += k;
	}
}

static void
para_text(struct layout *L, struct para *p, const char *s, size_t len)
{
	struct mdtree_mark m;
	size_t at = 0;

	while (mdtree_next_mark(s + at, len - at, &m)) {
		para_utf8(L, p, s + at, m.start);
		para_mark(L, p, &m);
		at += m.end;
	}
	para_utf8(L, p, s + at, len - at);
}

/* A code span: its text between two pads that stick to it. */
static void
para_code_span(struct layout *L, struct para *p, const char *s)
{
	unsigned saved = p->style;
	size_t start = p->n;
	double pad;

	p->style |= ST_CODE;
	pad = 0.3 * item_size(p);
	para_item(p, SPACER, pad, item_size(p), 0, 0);
	para_utf8(L, p, s, strlen(s));
	if (p->n > start + 1)
		p->it[start + 1].flags |= LB_GLUE;
	para_item(p, SPACER, pad, item_size(p), LB_GLUE, 0);
	p->style = saved;
}

/*
 * A longer URL is drawn as text without a link: a PDF string holds at
 * most 65,535 bytes, and each line of a link keeps a copy of its URL.
 */
#define LINK_MAX_URL	4096

static bool
link_allowed(cmark_node *n)
{
	const char *url = cmark_node_get_url(n);

	return url != NULL && strlen(url) <= LINK_MAX_URL &&
	    mdtree_url_allowed(url, cmark_node_get_type(n) ==
	    CMARK_NODE_IMAGE);
}

/*
 * The file of an image URL under the image folder: relative or absolute
 * paths only (no scheme), %-escapes decoded, query and fragment left out.
 */
static bool
image_file(const struct layout *L, const char *url, struct buf *path)
{
	const char *p;
	size_t n, i;

	if (L->opt->image_dir == NULL || L->opt->images == NULL ||
	    url == NULL || *url == '\0' || !mdtree_url_allowed(url, true))
		return false;
	for (p = url; *p != '\0' && *p != '/'; p++)
		if (*p == ':')
			return false;	/* http:, https: */
	n = strcspn(url, "?#");
	if (url[0] != '/') {
		buf_puts(path, L->opt->image_dir);
		buf_putc(path, '/');
	}
	for (i = 0; i < n; i++) {
		unsigned v;

		if (url[i] == '%' && i + 2 < n + 1 &&
		    sscanf(url + i + 1, "%2x", &v) == 1 && v != 0) {
			buf_putc(path, (int)v);
			i += 2;
		} else
			buf_putc(path, url[i]);
	}
	return true;
}

/* Loads the picture of an image node; false (and a warning) if it fails. */
static bool
load_image(struct layout *L, cmark_node *n, int *id, double *w, double *h,
    bool warn)
{
	struct buf path = BUF_INIT;
	bool ok = false;

	if (image_file(L, cmark_node_get_url(n), &path)) {
		ok = L->opt->images->load(L->opt->images->arg, buf_str(&path),
		    id, w, h);
		if (!ok && warn) {
			cmark_node *b = n;

			while (b != NULL && cmark_node_get_start_line(b) <= 0)
				b = cmark_node_parent(b);
			diag(DIAG_WARNING, L->opt->file, b != NULL ?
			    cmark_node_get_start_line(b) : 0, NULL,
			    buf_str(&path), "image cannot be read as PNG; "
			    "the PDF shows its description");
		}
	}
	buf_free(&path);
	return ok;
}

/* The inline content of a paragraph, heading or table cell. */
static void
para_inlines(struct layout *L, struct para *p, cmark_node *container)
{
	cmark_iter *iter = cmark_iter_new(container);
	cmark_event_type ev;
	cmark_node *n;
	const char *lit;
	bool enter;
	int bold = 0, italic = 0, strike = 0;
	unsigned base = p->style;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(iter);
		if (n == container)
			continue;
		enter = ev == CMARK_EVENT_ENTER;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				para_text(L, p, lit, strlen(lit));
			break;
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				para_code_span(L, p, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
			para_char(L, p, ' ');
			break;
		case CMARK_NODE_LINEBREAK:
			para_char(L, p, '\n');
			break;
		case CMARK_NODE_EMPH:
			italic += enter ? 1 : -1;
			break;
		case CMARK_NODE_STRONG:
			bold += enter ? 1 : -1;
			break;
		case CMARK_NODE_LINK:
			if (!link_allowed(n))
				break;
			if (enter) {
				p->links = xreallocarray(p->links,
				    p->nlinks + 1, sizeof(*p->links));
				p->links[p->nlinks++] =
				    xstrdup(cmark_node_get_url(n));
				p->link = p->nlinks;
			} else
				p->link = 0;
			break;
		case CMARK_NODE_IMAGE: {
			struct buf alt = BUF_INIT;
			unsigned saved = p->style;
			int id;
			double w, h;

			if (load_image(L, n, &id, &w, &h, true)) {
				/* one line high, in the line */
				struct mark *mk;

				p->marks = xreallocarray(p->marks,
				    p->nmarks + 1, sizeof(*p->marks));
				mk = &p->marks[p->nmarks++];
				memset(mk, 0, sizeof(*mk));
				mk->image = id;
				mk->h = 1.2 * p->size;
				mk->w = mk->h * w / h;
				if (mk->w > L->width)
					mk->w = L->width;
				para_item(p, LB_OBJECT, mk->w, p->size, 0,
				    p->nmarks);
				cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);
				break;
			}
			mdtree_plain_text(n, &alt);
			p->style |= ST_ITALIC | ST_MUTED;
			para_utf8(L, p, buf_str(&alt), alt.len);
			p->style = saved;
			buf_free(&alt);
			cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);
			break;
		}
		case CMARK_NODE_HTML_INLINE:
			break;	/* raw HTML is dropped */
		default:
			if (mdtree_is(n, "strikethrough"))
				strike += enter ? 1 : -1;
			break;
		}
		p->style = base | (bold > 0 ? ST_BOLD : 0) |
		    (italic > 0 ? ST_ITALIC : 0) |
		    (strike > 0 ? ST_STRIKE | ST_MUTED : 0);
	}
	cmark_iter_free(iter);
	p->style = base;
}

/* ------------------------------------------------------- drawing text */

static uint32_t
tier_color(const struct mark *mk, uint32_t *fg)
{
	static const struct {
		const char	*name;
		uint32_t	 bg, fg;
	} tiers[] = {
		{ "S", 0xc49a1au, 0x2b2100u }, { "A", 0x2e8b57u, C_WHITE },
		{ "B", 0x3b6fb6u, C_WHITE }, { "C", 0xe07b24u, C_WHITE },
		{ "D", 0xc8413bu, C_WHITE }
	};
	struct buf cls = BUF_INIT;
	size_t i;
	uint32_t bg = 0x6b7785u;

	*fg = C_WHITE;
	mdtree_tier_class(&cls, mk->name, mk->len);
	for (i = 0; i < sizeof(tiers) / sizeof(tiers[0]); i++)
		if (strcmp(buf_str(&cls), tiers[i].name) == 0) {
			bg = tiers[i].bg;
			*fg = tiers[i].fg;
		}
	buf_free(&cls);
	return bg;
}

/* A badge of height h around the name at size fs, its box from x. */
static void
draw_badge(struct layout *L, const struct mark *mk, double x, double w,
    double bottom, double h, double fs, double radius)
{
	uint32_t fg, bg = tier_color(mk, &fg);
	char *name = xstrndup(mk->name, mk->len);
	double tw = str_width(L, name, fs);

	canvas_rect(L->cv, L->page, SIZE_MAX, x, bottom, w, h, radius, bg,
	    CANVAS_NONE, 0);
	canvas_text(L->cv, L->page, name, mk->len, x + (w - tw) / 2,
	    bottom + (h - fs) / 2 + 0.14 * fs, fs, fg, CANVAS_BOLD, 0, 0);
	free(name);
}

static void
draw_object(struct layout *L, const struct mark *mk, double x, double w,
    double baseline, double size)
{
	if (mk->image >= 0)
		canvas_image(L->cv, L->page, mk->image, x, baseline - 0.25 *
		    size, mk->w, mk->h);
	else if (mk->kind == MDTREE_MARK_TIER) {
		double air = 0.12 * size, fs = 0.9 * size;

		draw_badge(L, mk, x + air, w - 2 * air, baseline - 0.3 * size,
		    1.32 * size, fs, 0.28 * size);
	} else {
		double ratio = mk->ratio, track = 4.5 * size;
		double x0 = x + 0.5 * size, h = 0.6 * size, fill;
		double y0 = baseline - 0.02 * size;
		uint32_t color = ratio >= 1 ? C_BAR_OVER : C_BAR_FILL;

		if (ratio < 0)
			ratio = 0;
		if (ratio > BAR_MAX)
			ratio = BAR_MAX;
		fill = track * ratio;
		canvas_rect(L->cv, L->page, SIZE_MAX, x0, y0, track, h,
		    0.2 * size, C_BAR_TRACK, CANVAS_NONE, 0);
		if (fill > 0.5)
			canvas_rect(L->cv, L->page, SIZE_MAX, x0, y0, fill, h,
			    0.2 * size, color, CANVAS_NONE, 0);
		canvas_line(L->cv, L->page, x0 + track, y0 - 0.22 * size,
		    x0 + track, y0 + h + 0.22 * size, C_MUTED, 1.1, 0, 0);
	}
}

static bool
line_has_cjk(const struct para *p, const struct lb_line *l)
{
	size_t k, cjk = 0;

	for (k = l->start; k < l->end; k++)
		if (cjk_char(p->it[k].cp))
			cjk++;
	return cjk * 3 >= (l->end - l->start);
}

enum align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

static unsigned
canvas_style(unsigned st)
{
	return ((st & ST_BOLD) ? CANVAS_BOLD : 0) |
	    ((st & ST_ITALIC) ? CANVAS_ITALIC : 0);
}

static uint32_t
item_color(const struct item_info *in)
{
	if (in->link != 0)
		return C_ACCENT;
	if (in->style & ST_MUTED)
		return C_MUTED;
	return in->color;
}

static void
put_utf8(struct buf *b, uint32_t cp)
{
	char u[4];

	if (cp < 0x80) {
		u[0] = (char)cp;
		buf_put(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_put(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_put(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_put(b, u, 4);
	}
}

/* Draws one line of monospace cells (code blocks). */
static void
draw_code_line(struct layout *L, const struct para *p,
    const struct lb_line *l, double x, double baseline)
{
	size_t k;
	struct buf b = BUF_INIT;
	double cell, gw;

	for (k = l->start; k < l->end; k++) {
		uint32_t cp = p->it[k].cp;

		cell = p->it[k].width;
		if (cp != ' ' && cp != 0xa0) {
			buf_reset(&b);
			put_utf8(&b, cp);
			gw = cp_width(L, cp, p->info[k].size);
			canvas_text(L->cv, L->page, b.data, b.len,
			    x + (cell - gw) / 2, baseline, p->info[k].size,
			    p->info[k].color, 0, 0, 0);
		}
		x += cell;
	}
	buf_free(&b);
}

/*
 * Draws line l of p with its baseline at y, in a box from x, avail wide.
 * A justified line (not the last of its paragraph, mostly Chinese) spreads
 * what is left over between its characters.
 */
static void
draw_line(struct layout *L, const struct para *p, const struct lb_line *l,
    double x, double baseline, double avail, enum align align, bool justify)
{
	struct buf run = BUF_INIT;
	double cs = 0, xs, xk, *pos;
	size_t k, j, n = l->end - l->start;

	if (n == 0)
		return;
	if (p->code_block) {
		draw_code_line(L, p, l, x, baseline);
		return;
	}
	if (align == ALIGN_CENTER)
		x += (avail - l->width) / 2;
	else if (align == ALIGN_RIGHT)
		x += avail - l->width;
	else if (justify && !l->last && n > 1 && line_has_cjk(p, l)) {
		cs = (avail - l->width) / (double)(n - 1);
		if (cs < 0 || cs > JUSTIFY_MAX * p->size)
			cs = 0;
	}
	/* where each item starts, and one past the last */
	pos = xcalloc(n + 1, sizeof(*pos));
	xk = x;
	for (k = 0; k < n; k++) {
		pos[k] = xk;
		xk += p->it[l->start + k].width + cs;
	}
	pos[n] = xk - cs;

	/* code span backgrounds first, under the text */
	for (k = 0; k < n; k = j) {
		const struct item_info *in = &p->info[l->start + k];

		j = k + 1;
		if (!(in->style & ST_CODE))
			continue;
		while (j < n && (p->info[l->start + j].style & ST_CODE))
			j++;
		canvas_rect(L->cv, L->page, SIZE_MAX, pos[k],
		    baseline - 0.24 * p->size, pos[j] - pos[k] - (j < n ? cs :
		    0), 1.12 * p->size, 0.15 * p->size, C_CODE_BG, CANVAS_NONE,
		    0);
	}
	/* text runs of one style; objects one by one */
	for (k = 0; k < n; k = j) {
		const struct item_info *in = &p->info[l->start + k];
		const struct lb_item *it = &p->it[l->start + k];

		j = k + 1;
		if (it->cp == LB_OBJECT) {
			draw_object(L, &p->marks[in->mark - 1], pos[k],
			    it->width, baseline, p->size);
			continue;
		}
		if (it->cp == SPACER)
			continue;
		buf_reset(&run);
		put_utf8(&run, it->cp == 0xa0 ? ' ' : it->cp);
		while (j < n) {
			const struct item_info *o = &p->info[l->start + j];
			uint32_t cp = p->it[l->start + j].cp;

			if (cp == LB_OBJECT || cp == SPACER ||
			    o->style != in->style || o->link != in->link ||
			    o->size != in->size || o->color != in->color)
				break;
			put_utf8(&run, cp == 0xa0 ? ' ' : cp);
			j++;
		}
		xs = pos[k];
		/* a run of spaces alone needs no text */
		if (strspn(buf_str(&run), " ") != run.len)
			canvas_text(L->cv, L->page, run.data, run.len, xs,
			    baseline, in->size, item_color(in),
			    canvas_style(in->style), 0, cs);
		if (in->style & ST_STRIKE)
			canvas_line(L->cv, L->page, xs, baseline + 0.3 * in->size,
			    pos[j] - (j < n ? cs : 0), baseline + 0.3 * in->size,
			    C_MUTED, 0.06 * in->size, 0, 0);
	}
	/* clickable links: one rectangle per link per line */
	for (k = 0; k < n; k = j) {
		const struct item_info *in = &p->info[l->start + k];

		j = k + 1;
		if (in->link == 0)
			continue;
		while (j < n && p->info[l->start + j].link == in->link)
			j++;
		canvas_link(L->cv, L->page, pos[k], baseline - 0.25 * p->size,
		    pos[j], baseline + 0.95 * p->size, p->links[in->link - 1]);
	}
	free(pos);
	buf_free(&run);
}

/* ------------------------------------------------------------ markers */

static void
draw_marker(struct layout *L, double baseline, double size)
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
		if (nl >= 2 && !L->fresh && ((i == 0 && room(L) < 2 * lh) ||
		    (i == nl - 2 && nl >= 3 && room(L) < 2 * lh &&
		    room(L) >= lh)))
			new_page(L);
		place(L, lh);
		baseline = L->y - (lh - p->size) / 2 - ASCENT * p->size;
		draw_marker(L, baseline, L->text_size);
		draw_line(L, p, &lines[i], L->x, baseline, L->width, align,
		    justify);
		L->y -= lh;
		L->fresh = false;
	}
	free(lines);
}

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

/* A paragraph that is one tier mark: a large badge on its own line. */
static bool
tier_paragraph(struct layout *L, cmark_node *p)
{
	cmark_node *child = cmark_node_first_child(p);
	struct mdtree_mark m;
	struct mark mk;
	const char *s;
	size_t a = 0, len;
	double fs = 20, h = 1.55 * fs, w;

	if (child == NULL || cmark_node_next(child) != NULL ||
	    cmark_node_get_type(child) != CMARK_NODE_TEXT)
		return false;
	s = cmark_node_get_literal(child);
	len = strlen(s);
	while (a < len && s[a] == ' ')
		a++;
	while (len > a && s[len - 1] == ' ')
		len--;
	if (!mdtree_next_mark(s + a, len - a, &m) || m.start != 0 ||
	    m.end != len - a || m.kind != MDTREE_MARK_TIER)
		return false;
	mk.kind = m.kind;
	mk.name = xstrndup(m.name, m.name_len);
	mk.len = m.name_len;
	w = str_width(L, mk.name, fs) + fs;
	if (w < 1.8 * fs)
		w = 1.8 * fs;
	place(L, h + 4);
	draw_marker(L, L->y - h + 0.3 * fs, L->text_size);
	/* a soft shadow, as in the HTML */
	canvas_rect(L->cv, L->page, SIZE_MAX, L->x + 0.6, L->y - 2 - h - 0.8,
	    w, h, 6, 0xdfe3e8u, CANVAS_NONE, 0);
	draw_badge(L, &mk, L->x, w, L->y - 2 - h, h, fs, 6);
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
	    !load_image(L, img, &id, &w, &h, false))
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
	place(L, ph);
	draw_marker(L, L->y - ASCENT * L->text_size, L->text_size);
	canvas_image(L->cv, L->page, id, L->x, L->y - ph, pw, ph);
	L->y -= ph;
	L->fresh = false;
	return true;
}

static void
paragraph(struct layout *L, cmark_node *n)
{
	struct para p;
	bool tight = mdtree_in_tight_list(n);

	if (layout_is_pagebreak(n)) {
		/* on the next thing drawn: none after the last one */
		L->break_pending = true;
		return;
	}
	if (!tier_paragraph(L, n) && !image_paragraph(L, n)) {
		para_init(&p, L->text_size, L->text_color, 0);
		para_inlines(L, &p, n);
		flow(L, &p, BODY_LEADING, ALIGN_LEFT, true);
		para_free(&p);
	}
	add_gap(L, tight ? 0 : PARA_GAP);
}

static struct chart *chart_peek(const struct layout *, cmark_node *);

/* The height of the first piece of the block after a heading. */
static double
keep_need(const struct layout *L, cmark_node *heading)
{
	cmark_node *next = cmark_node_next(heading);
	struct chart *c;

	if (next == NULL)
		return 0;
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

static void
heading(struct layout *L, cmark_node *n)
{
	int level = cmark_node_get_heading_level(n);
	double size = heading_size[level - 1], lh = size * HEAD_LEADING;
	double before = level <= 2 ? 16 : 11, after = level == 1 ? 10 : 6;
	double top, x0 = L->x, w0 = L->width, bar = 0;
	struct para p;
	struct lb_line *lines;
	size_t nl;

	para_init(&p, size, level >= 4 ? C_MUTED : C_TEXT, ST_BOLD);
	if (level == 2)
		bar = 9;
	L->x += bar;
	L->width -= bar;
	para_inlines(L, &p, n);
	nl = lb_break(p.it, p.n, L->width, &lines);
	free(lines);
	/* keep the heading with the start of what follows */
	add_gap(L, before);
	if (level == 1 && L->opt->chapter_pages && !L->fresh)
		new_page(L);
	if (room(L) < (double)nl * lh + after + keep_need(L, n) && !L->fresh)
		new_page(L);
	place(L, (double)nl * lh);
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
	para_free(&p);
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
	add_gap(L, after);
}

static void
thematic_break(struct layout *L)
{
	add_gap(L, 14);
	place(L, 1);
	canvas_line(L->cv, L->page, L->x, L->y, L->x + L->width, L->y,
	    C_LINE, 0.8, 0, 0);
	L->y -= 1;
	L->fresh = false;
	add_gap(L, 14);
}

/* -------------------------------------------------------- code blocks */

static void
code_block(struct layout *L, cmark_node *n)
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
	para_init(&p, CODE_SIZE, L->text_color, 0);
	p.code_block = true;
	while (i < len) {
		if ((k = utf8_decode(lit + i, len - i, &cp)) == 0) {
			cp = 0xfffd;
			k = 1;
		}
		i += k;
		if (cp == '\n') {
			para_item(&p, '\n', 0, CODE_SIZE, 0, 0);
			col = 0;
		} else if (cp == '\t') {
			do {
				para_item(&p, ' ', cell, CODE_SIZE, 0, 0);
				col++;
			} while (col % 4 != 0);
		} else if ((cp = canvas_drawn_char(cp)) != 0) {
			bool wide = cjk_char(cp) || cp_width(L, cp, 1) > 0.8;

			para_item(&p, cp, wide ? 2 * cell : cell, CODE_SIZE, 0,
			    0);
			col += wide ? 2 : 1;
		}
	}
	add_gap(L, PARA_GAP);
	backdrop_begin(L, x0, w0, C_GROUND, CANVAS_NONE, 3, CODE_PAD, lh);
	L->x = x0 + CODE_PAD + 3;
	L->width = w0 - 2 * (CODE_PAD + 3);
	nl = lb_break(p.it, p.n, L->width, &lines);
	for (j = 0; j < nl; j++) {
		place(L, lh);
		baseline = L->y - (lh - CODE_SIZE) / 2 - ASCENT * CODE_SIZE;
		draw_marker(L, baseline, L->text_size);
		draw_line(L, &p, &lines[j], L->x, baseline, L->width,
		    ALIGN_LEFT, false);
		L->y -= lh;
		L->fresh = false;
	}
	free(lines);
	para_free(&p);
	L->x = x0;
	L->width = w0;
	backdrop_end(L);
	add_gap(L, PARA_GAP);
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

static void
chart_block(struct layout *L, cmark_node *n)
{
	bool found;
	struct chart *c = chart_of(L, n, &found);
	double h;

	if (c == NULL) {
		struct para p;
		char line[32];

		L->status = -1;
		para_init(&p, BODY_SIZE * 0.9, C_ERROR, 0);
		para_utf8(L, &p, "[chart: ", 8);
		para_utf8(L, &p, L->opt->source, strlen(L->opt->source));
		snprintf(line, sizeof(line), ":%d]",
		    cmark_node_get_start_line(n));
		para_utf8(L, &p, line, strlen(line));
		add_gap(L, PARA_GAP);
		flow(L, &p, BODY_LEADING, ALIGN_LEFT, false);
		para_free(&p);
		add_gap(L, PARA_GAP);
		return;
	}
	h = chart_pdf_height(c, L->width);
	add_gap(L, CHART_GAP);
	place(L, h);
	draw_marker(L, L->y - ASCENT * L->text_size, L->text_size);
	chart_pdf_draw(L->cv, L->page, L->m, c, L->x, L->y, L->width);
	L->y -= h;
	L->fresh = false;
	add_gap(L, CHART_GAP);
}

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
	lh = (t->cells[r * t->ncols].header ? TABLE_HEAD_SIZE : TABLE_SIZE) *
	    TABLE_LEADING;
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

	if (header)
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
			draw_line(L, &ce->p, &ce->lines[i], x + CELL_PAD_X,
			    baseline, t->w[c] - 2 * CELL_PAD_X, ce->align,
			    false);
		}
		x += t->w[c];
	}
	if (header)
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

static void
table_block(struct layout *L, cmark_node *n)
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
			ce->align = column_align(align, t.ncols, c);
			para_init(&ce->p, header ? TABLE_HEAD_SIZE : TABLE_SIZE,
			    header ? C_MUTED : L->text_color,
			    header ? ST_BOLD : 0);
			if (cell == NULL)
				continue;
			para_inlines(L, &ce->p, cell);
			if (!header) {
				struct buf text = BUF_INIT, plain = BUF_INIT;

				mdtree_plain_text(cell, &text);
				mdtree_strip_marks(&plain, buf_str(&text),
				    text.len);
				if (mdtree_is_number(buf_str(&plain),
				    plain.len))
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

	add_gap(L, PARA_GAP + 2);
	if (t.has_header)
		head_h = row_height(&t, 0, 0, SIZE_MAX);
	for (r = t.has_header ? 1 : 0; r < t.nrows; r++, body++) {
		h = row_height(&t, r, 0, SIZE_MAX);
		if (r == (t.has_header ? 1u : 0u) || room(L) < h) {
			/* a table starts, or goes on, with its header */
			if (room(L) < head_h + h && !L->fresh)
				new_page(L);
			place(L, head_h + h);
			draw_marker(L, L->y - CELL_PAD_Y - ASCENT *
			    TABLE_HEAD_SIZE, L->text_size);
			if (t.has_header)
				draw_row(L, &t, 0, 0, SIZE_MAX, false);
		}
		if (room(L) >= h) {
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

			per_page = (size_t)((room(L) - 2 * CELL_PAD_Y) / lh);
			if (per_page == 0) {
				new_page(L);
				if (t.has_header)
					draw_row(L, &t, 0, 0, SIZE_MAX,
					    false);
				per_page = (size_t)((room(L) - 2 *
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
		place(L, head_h);
		draw_marker(L, L->y - CELL_PAD_Y - ASCENT * TABLE_HEAD_SIZE,
		    L->text_size);
		draw_row(L, &t, 0, 0, SIZE_MAX, false);
	}
	for (r = 0; r < t.nrows * t.ncols; r++) {
		para_free(&t.cells[r].p);
		free(t.cells[r].lines);
	}
	free(t.cells);
	free(t.w);
	add_gap(L, PARA_GAP + 2);
}

/* ------------------------------------------------------------ contexts */

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
		add_gap(L, PARA_GAP);
		push(L, CTX_QUOTE);
		backdrop_begin(L, L->x, L->width, C_ZEBRA, C_LINE_STRONG, 0,
		    QUOTE_PAD, BODY_SIZE * BODY_LEADING);
		indent(L, QUOTE_RULE + QUOTE_INDENT, QUOTE_INDENT);
		text_style(L);
		L->gap = 0;
	} else {
		backdrop_end(L);
		pop(L);
		add_gap(L, PARA_GAP);
	}
}

static void
list(struct layout *L, cmark_node *n, bool enter)
{
	struct ctx *c;

	if (enter) {
		/* a list right inside an item follows its text closely */
		add_gap(L, cmark_node_get_list_tight(n) && innermost(L,
		    CTX_ITEM) != NULL ? 2 : PARA_GAP);
		c = push(L, CTX_LIST);
		c->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		c->number = cmark_node_get_list_start(n);
		c->tight = cmark_node_get_list_tight(n);
		c->level = list_level(L);
	} else {
		pop(L);
		add_gap(L, PARA_GAP);
	}
}

static void
item(struct layout *L, cmark_node *n, bool enter)
{
	struct ctx *lc = innermost(L, CTX_LIST);

	if (enter) {
		push(L, CTX_ITEM);
		if (lc != NULL && lc->tight)
			add_gap(L, ITEM_GAP);
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

			place(L, lh);
			draw_marker(L, L->y - (lh - BODY_SIZE) / 2 - ASCENT *
			    BODY_SIZE, L->text_size);
			L->y -= lh;
			L->fresh = false;
		}
		pop(L);
	}
}

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

	para_init(&p, size, color, style);
	para_utf8(L, &p, s, strlen(s));
	nl = lb_break(p.it, p.n, PAGE_W - 2 * MARGIN, &lines);
	for (i = 0; i < nl; i++, y -= lh)
		draw_line(L, &p, &lines[i], MARGIN, y - (lh - size) / 2 -
		    ASCENT * size, PAGE_W - 2 * MARGIN, align, false);
	free(lines);
	para_free(&p);
	return y;
}

/* The cover: the title in the upper half, the lines under it. */
static void
cover(struct layout *L)
{
	const struct layout_options *o = L->opt;
	double y = PAGE_H * 0.66, w = PAGE_W - 2 * MARGIN;
	size_t i;

	canvas_rect(L->cv, L->page, SIZE_MAX, MARGIN, PAGE_H - MARGIN - 5, w,
	    5, 0, C_ACCENT, CANVAS_NONE, 0);
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
static void
find_chapters(struct layout *L, cmark_node *root)
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
static void
contents(struct layout *L)
{
	double lh = TOC_SIZE * TOC_LEADING, numw, avail, top;
	size_t k, i, nl;

	L->current = SIZE_MAX - 1;
	L->page_chapter[L->page] = L->current;
	place(L, heading_size[0] * HEAD_LEADING);
	L->y = text_lines(L, L->opt->toc_title, L->y, heading_size[0], C_TEXT,
	    ST_BOLD, ALIGN_LEFT, HEAD_LEADING);
	L->y -= 3;
	canvas_line(L->cv, L->page, L->x, L->y, L->x + L->width, L->y, C_TEXT,
	    1.4, 0, 0);
	L->y -= 1;
	L->fresh = false;
	add_gap(L, 14);
	numw = str_width(L, "0000", TOC_SIZE);
	avail = L->width - numw - TOC_NUMBER_GAP;
	L->toc = xcalloc(L->nchapters ? L->nchapters : 1, sizeof(*L->toc));
	for (k = 0; k < L->nchapters; k++) {
		struct para p;
		struct lb_line *lines;
		struct toc_entry *e = &L->toc[k];

		para_init(&p, TOC_SIZE, C_TEXT, 0);
		para_utf8(L, &p, L->chapters[k].title,
		    strlen(L->chapters[k].title));
		nl = lb_break(p.it, p.n, avail, &lines);
		add_gap(L, 3);
		place(L, (double)(nl ? nl : 1) * lh);
		top = L->y;
		e->baseline = L->y - (lh - TOC_SIZE) / 2 - ASCENT * TOC_SIZE;
		e->text_end = L->x;
		for (i = 0; i < nl; i++) {
			e->baseline = L->y - (lh - TOC_SIZE) / 2 - ASCENT *
			    TOC_SIZE;
			draw_line(L, &p, &lines[i], L->x, e->baseline, avail,
			    ALIGN_LEFT, false);
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
		para_free(&p);
	}
	L->current = SIZE_MAX;
}

/* The page numbers, leaders and links of the contents. */
static void
contents_fill(struct layout *L)
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

static void
furniture(struct layout *L)
{
	char text[128];
	size_t i, n = L->cv->npages;
	bool en = L->opt->lang != NULL && strncmp(L->opt->lang, "en", 2) == 0;
	const char *head = L->opt->header_text;

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
			para_init(&p, SMALL_SIZE, C_MUTED, 0);
			para_utf8(L, &p, head, strlen(head));
			nl = lb_break(p.it, p.n, PAGE_W - 2 * MARGIN, &lines);
			if (nl > 0)
				draw_line(L, &p, &lines[0], MARGIN, HEADER_Y,
				    PAGE_W - 2 * MARGIN, ALIGN_LEFT, false);
			free(lines);
			para_free(&p);
			canvas_line(L->cv, i, MARGIN, HEADER_Y - 4.5,
			    PAGE_W - MARGIN, HEADER_Y - 4.5, C_LINE, 0.6, 0,
			    0);
		}
	}
}

/* --------------------------------------------------------------- walk */

#define LAYOUT_MAX_PAGES	10000

int
layout_document(const struct layout_options *opt, cmark_node *root,
    struct canvas *cv)
{
	struct layout L;
	cmark_iter *iter;
	cmark_event_type ev;
	cmark_node *n;
	bool enter;
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
	find_chapters(&L, root);
	new_page(&L);
	if (opt->cover_title != NULL) {
		cover(&L);
		new_page(&L);
		L.cover_pages = 1;
	}
	if (opt->toc_title != NULL) {
		contents(&L);
		new_page(&L);
	}

	iter = cmark_iter_new(root);
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(iter);
		enter = ev == CMARK_EVENT_ENTER;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_DOCUMENT:
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			block_quote(&L, enter);
			break;
		case CMARK_NODE_LIST:
			list(&L, n, enter);
			break;
		case CMARK_NODE_ITEM:
			item(&L, n, enter);
			break;
		case CMARK_NODE_PARAGRAPH:
			if (enter) {
				paragraph(&L, n);
				cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);
			}
			break;
		case CMARK_NODE_HEADING:
			if (enter) {
				heading(&L, n);
				cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);
			}
			break;
		case CMARK_NODE_CODE_BLOCK:
			if (mdtree_is_chart(n))
				chart_block(&L, n);
			else
				code_block(&L, n);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			thematic_break(&L);
			break;
		case CMARK_NODE_HTML_BLOCK:
			break;	/* raw HTML is dropped */
		default:
			if (enter && mdtree_is(n, "table")) {
				table_block(&L, n);
				cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);
			}
			break;
		}
		if (L.page >= LAYOUT_MAX_PAGES) {
			/* a page per heading of a hostile file: memory */
			diag(DIAG_ERROR, opt->file, 0, NULL, NULL, "too long "
			    "for a PDF: more than %d pages", LAYOUT_MAX_PAGES);
			L.status = -1;
			break;
		}
	}
	cmark_iter_free(iter);
	while (L.nbd > 0)
		backdrop_end(&L);
	if (L.toc != NULL)
		contents_fill(&L);
	furniture(&L);
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
