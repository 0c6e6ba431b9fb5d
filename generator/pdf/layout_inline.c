/*
 * Inline content for the PDF layout (layout_int.h): the inlines of a
 * paragraph, heading or table cell become a row of measured items (text,
 * code spans, links, tier badges, KPI bars, pictures) that linebreak.c
 * breaks into lines; each line is drawn as runs of text of one style,
 * with its objects, code backgrounds and link rectangles.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/utf8.h"
#include "markdown/cjk.h"
#include "markdown/mdtree.h"
#include "pdf/canvas.h"
#include "pdf/linebreak.h"
#include "pdf/layout_int.h"

/* ---------------------------------------------------- inline content */

void
layout_para_init(struct para *p, double size, uint32_t color, unsigned style)
{
	memset(p, 0, sizeof(*p));
	p->size = size;
	p->color = color;
	p->style = style;
}

void
layout_para_free(struct para *p)
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

void
layout_para_item(struct para *p, uint32_t cp, double width, double size,
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
		layout_para_item(p, '\n', 0, size, 0, 0);
		return;
	}
	if (cp == '\t')
		cp = ' ';
	if (cp != 0xa0 && (cp = canvas_drawn_char(cp)) == 0)
		return;
	layout_para_item(p, cp, cp_width(L, cp == 0xa0 ? ' ' : cp, size),
	    size, 0, 0);
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
	layout_para_item(p, LB_OBJECT, w, p->size, 0, p->nmarks);
}

void
layout_para_utf8(struct layout *L, struct para *p, const char *s, size_t len)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < len) {
		k = utf8_next(s + i, len - i, &cp);
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
		layout_para_utf8(L, p, s + at, m.start);
		para_mark(L, p, &m);
		at += m.end;
	}
	layout_para_utf8(L, p, s + at, len - at);
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
	layout_para_item(p, SPACER, pad, item_size(p), 0, 0);
	layout_para_utf8(L, p, s, strlen(s));
	if (p->n > start + 1)
		p->it[start + 1].flags |= LB_GLUE;
	layout_para_item(p, SPACER, pad, item_size(p), LB_GLUE, 0);
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
bool
layout_load_image(struct layout *L, cmark_node *n, int *id, double *w,
    double *h, bool warn)
{
	struct buf path = BUF_INIT;
	bool ok = false;

	if (image_file(L, cmark_node_get_url(n), &path)) {
		ok = L->opt->images->load(L->opt->images->arg, buf_str(&path),
		    id, w, h);
		if (!ok && warn && !L->measuring) {
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
void
layout_para_inlines(struct layout *L, struct para *p, cmark_node *container)
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

			if (layout_load_image(L, n, &id, &w, &h, true)) {
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
				layout_para_item(p, LB_OBJECT, mk->w, p->size,
				    0, p->nmarks);
				cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);
				break;
			}
			mdtree_plain_text(n, &alt);
			p->style |= ST_ITALIC | ST_MUTED;
			layout_para_utf8(L, p, buf_str(&alt), alt.len);
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
void
layout_draw_badge(struct layout *L, const struct mark *mk, double x, double w,
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

		layout_draw_badge(L, mk, x + air, w - 2 * air, baseline -
		    0.3 * size, 1.32 * size, fs, 0.28 * size);
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
			utf8_put(&b, cp);
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
void
layout_draw_line(struct layout *L, const struct para *p,
    const struct lb_line *l, double x, double baseline, double avail,
    enum align align, bool justify)
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
		utf8_put(&run, it->cp == 0xa0 ? ' ' : it->cp);
		while (j < n) {
			const struct item_info *o = &p->info[l->start + j];
			uint32_t cp = p->it[l->start + j].cp;

			if (cp == LB_OBJECT || cp == SPACER ||
			    o->style != in->style || o->link != in->link ||
			    o->size != in->size || o->color != in->color)
				break;
			utf8_put(&run, cp == 0xa0 ? ' ' : cp);
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
