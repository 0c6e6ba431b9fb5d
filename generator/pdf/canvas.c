/*
 * The PDF display list (see canvas.h): growable arrays of drawing ops.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "pdf/canvas.h"

/* Bezier handle length for a quarter circle. */
#define KAPPA	0.5522847498

void
canvas_init(struct canvas *c, double width, double height)
{
	memset(c, 0, sizeof(*c));
	c->width = width;
	c->height = height;
}

static void
op_free(struct canvas_op *op)
{
	switch (op->kind) {
	case CANVAS_TEXT:
		free(op->u.text.s);
		break;
	case CANVAS_PATH:
		free(op->u.path.verbs);
		free(op->u.path.pts);
		break;
	case CANVAS_LINK:
		free(op->u.link.uri);
		break;
	case CANVAS_IMAGE:
		break;
	}
}

void
canvas_free(struct canvas *c)
{
	size_t i, k;

	for (i = 0; i < c->npages; i++) {
		for (k = 0; k < c->pages[i].n; k++)
			op_free(&c->pages[i].ops[k]);
		free(c->pages[i].ops);
	}
	free(c->pages);
	for (i = 0; i < c->noutlines; i++)
		free(c->outlines[i].title);
	free(c->outlines);
	for (i = 0; i < c->nanchors; i++)
		free(c->anchors[i].id);
	free(c->anchors);
	memset(c, 0, sizeof(*c));
}

size_t
canvas_add_page(struct canvas *c)
{
	c->pages = xreallocarray(c->pages, c->npages + 1, sizeof(*c->pages));
	memset(&c->pages[c->npages], 0, sizeof(c->pages[0]));
	return c->npages++;
}

size_t
canvas_mark(const struct canvas *c, size_t page)
{
	return c->pages[page].n;
}

/* A new zeroed op at the end of the page, or before op at. */
static struct canvas_op *
new_op(struct canvas *c, size_t page, size_t at, enum canvas_op_kind kind)
{
	struct canvas_page *p = &c->pages[page];
	struct canvas_op *op;

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->ops = xreallocarray(p->ops, p->cap, sizeof(*p->ops));
	}
	if (at >= p->n)
		at = p->n;
	else
		memmove(&p->ops[at + 1], &p->ops[at],
		    (p->n - at) * sizeof(*p->ops));
	p->n++;
	op = &p->ops[at];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	return op;
}

uint32_t
canvas_drawn_char(uint32_t cp)
{
	if (cp == '\t' || cp == 0xa0)
		return ' ';
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0xad ||
	    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
	    (cp >= 0x2060 && cp <= 0x2064) || cp == 0xfeff)
		return 0;
	return cp;
}

/* s with canvas_drawn_char() applied; invalid bytes become U+FFFD. */
static char *
drawn_text(const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	size_t i = 0, k;
	uint32_t cp;

	while (i < len) {
		k = utf8_next(s + i, len - i, &cp);
		i += k;
		if ((cp = canvas_drawn_char(cp)) == 0)
			continue;
		if (cp == 0xfffd || cp == ' ')
			buf_puts(&b, cp == ' ' ? " " : "\xef\xbf\xbd");
		else
			buf_put(&b, s + i - k, k);
	}
	return buf_detach(&b);
}

void
canvas_text(struct canvas *c, size_t page, const char *s, size_t len,
    double x, double y, double size, uint32_t color, unsigned style,
    double angle, double char_space)
{
	struct canvas_op *op;
	char *t;

	if (len == 0)
		return;
	t = drawn_text(s, len);
	if (*t == '\0') {
		free(t);
		return;
	}
	op = new_op(c, page, SIZE_MAX, CANVAS_TEXT);
	op->u.text.s = t;
	op->u.text.x = x;
	op->u.text.y = y;
	op->u.text.size = size;
	op->u.text.color = color;
	op->u.text.style = style;
	op->u.text.angle = angle;
	op->u.text.char_space = char_space;
}

struct canvas_path *
canvas_path(struct canvas *c, size_t page, size_t at, uint32_t fill,
    uint32_t stroke, double line_width)
{
	struct canvas_op *op = new_op(c, page, at, CANVAS_PATH);

	op->u.path.fill = fill;
	op->u.path.stroke = stroke;
	op->u.path.line_width = line_width;
	op->u.path.fill_alpha = 1;
	return &op->u.path;
}

static void
add_verb(struct canvas_path *p, char verb, const double *xy, size_t n)
{
	p->verbs = xrealloc(p->verbs, p->nverbs + 1);
	p->verbs[p->nverbs++] = verb;
	if (n == 0)
		return;
	p->pts = xreallocarray(p->pts, 2 * (p->npts + n), sizeof(double));
	memcpy(p->pts + 2 * p->npts, xy, 2 * n * sizeof(double));
	p->npts += n;
}

void
canvas_move(struct canvas_path *p, double x, double y)
{
	double xy[2] = { x, y };

	add_verb(p, 'M', xy, 1);
}

void
canvas_line_to(struct canvas_path *p, double x, double y)
{
	double xy[2] = { x, y };

	add_verb(p, 'L', xy, 1);
}

void
canvas_curve_to(struct canvas_path *p, double x1, double y1, double x2,
    double y2, double x3, double y3)
{
	double xy[6] = { x1, y1, x2, y2, x3, y3 };

	add_verb(p, 'C', xy, 3);
}

void
canvas_close(struct canvas_path *p)
{
	add_verb(p, 'Z', NULL, 0);
}

void
canvas_rect(struct canvas *c, size_t page, size_t at, double x, double y,
    double w, double h, double r, uint32_t fill, uint32_t stroke,
    double line_width)
{
	struct canvas_path *p = canvas_path(c, page, at, fill, stroke,
	    line_width);
	double k;

	if (r > w / 2)
		r = w / 2;
	if (r > h / 2)
		r = h / 2;
	if (r <= 0) {
		canvas_move(p, x, y);
		canvas_line_to(p, x + w, y);
		canvas_line_to(p, x + w, y + h);
		canvas_line_to(p, x, y + h);
		canvas_close(p);
		return;
	}
	k = r * KAPPA;
	canvas_move(p, x + r, y);
	canvas_line_to(p, x + w - r, y);
	canvas_curve_to(p, x + w - r + k, y, x + w, y + r - k, x + w, y + r);
	canvas_line_to(p, x + w, y + h - r);
	canvas_curve_to(p, x + w, y + h - r + k, x + w - r + k, y + h,
	    x + w - r, y + h);
	canvas_line_to(p, x + r, y + h);
	canvas_curve_to(p, x + r - k, y + h, x, y + h - r + k, x, y + h - r);
	canvas_line_to(p, x, y + r);
	canvas_curve_to(p, x, y + r - k, x + r - k, y, x + r, y);
	canvas_close(p);
}

void
canvas_line(struct canvas *c, size_t page, double x1, double y1, double x2,
    double y2, uint32_t color, double width, double dash_on,
    double dash_off)
{
	struct canvas_path *p = canvas_path(c, page, SIZE_MAX, CANVAS_NONE,
	    color, width);

	p->dash[0] = dash_on;
	p->dash[1] = dash_off;
	canvas_move(p, x1, y1);
	canvas_line_to(p, x2, y2);
}

void
canvas_circle(struct canvas *c, size_t page, double x, double y, double r,
    uint32_t fill, uint32_t stroke, double line_width)
{
	struct canvas_path *p = canvas_path(c, page, SIZE_MAX, fill, stroke,
	    line_width);
	double k = r * KAPPA;

	canvas_move(p, x + r, y);
	canvas_curve_to(p, x + r, y + k, x + k, y + r, x, y + r);
	canvas_curve_to(p, x - k, y + r, x - r, y + k, x - r, y);
	canvas_curve_to(p, x - r, y - k, x - k, y - r, x, y - r);
	canvas_curve_to(p, x + k, y - r, x + r, y - k, x + r, y);
	canvas_close(p);
}

void
canvas_link(struct canvas *c, size_t page, double x0, double y0, double x1,
    double y1, const char *uri)
{
	struct canvas_op *op = new_op(c, page, SIZE_MAX, CANVAS_LINK);

	op->u.link.x0 = x0;
	op->u.link.y0 = y0;
	op->u.link.x1 = x1;
	op->u.link.y1 = y1;
	op->u.link.uri = xstrdup(uri);
}

void
canvas_image(struct canvas *c, size_t page, int id, double x, double y,
    double w, double h)
{
	struct canvas_op *op = new_op(c, page, SIZE_MAX, CANVAS_IMAGE);

	op->u.image.id = id;
	op->u.image.x = x;
	op->u.image.y = y;
	op->u.image.w = w;
	op->u.image.h = h;
}

void
canvas_outline(struct canvas *c, int level, const char *title, size_t page,
    double y)
{
	struct canvas_outline *o;

	c->outlines = xreallocarray(c->outlines, c->noutlines + 1,
	    sizeof(*c->outlines));
	o = &c->outlines[c->noutlines++];
	o->level = level;
	o->title = xstrdup(title);
	o->page = page;
	o->y = y;
}

void
canvas_anchor(struct canvas *c, const char *id, size_t page, double y)
{
	struct canvas_anchor *a;

	c->anchors = xreallocarray(c->anchors, c->nanchors + 1,
	    sizeof(*c->anchors));
	a = &c->anchors[c->nanchors++];
	a->id = xstrdup(id);
	a->page = page;
	a->y = y;
}

const struct canvas_anchor *
canvas_find_anchor(const struct canvas *c, const char *uri)
{
	struct buf id = BUF_INIT;
	const struct canvas_anchor *found = NULL;
	size_t i, n;
	unsigned v;

	if (uri == NULL || uri[0] != '#')
		return NULL;
	n = strlen(uri);
	for (i = 1; i < n; i++)
		if (uri[i] == '%' && i + 2 < n && sscanf(uri + i + 1, "%2x",
		    &v) == 1) {
			buf_putc(&id, (int)v);
			i += 2;
		} else
			buf_putc(&id, uri[i]);
	for (i = 0; i < c->nanchors && found == NULL; i++)
		if (strcmp(c->anchors[i].id, buf_str(&id)) == 0)
			found = &c->anchors[i];
	buf_free(&id);
	return found;
}

uint32_t
canvas_color(const char *s)
{
	unsigned r, g, b;

	if (s == NULL || sscanf(s, "#%2x%2x%2x", &r, &g, &b) != 3)
		return 0;
	return (uint32_t)(r << 16 | g << 8 | b);
}

double
canvas_text_width(const struct canvas_measure *m, const char *s, size_t len,
    double size)
{
	double w = 0;
	size_t i = 0, k;
	uint32_t cp;

	while (i < len) {
		k = utf8_next(s + i, len - i, &cp);
		i += k;
		if ((cp = canvas_drawn_char(cp)) != 0)
			w += m->width(m->arg, cp);
	}
	return w * size / 1000;
}
