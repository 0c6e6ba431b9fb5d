/*
 * PDF drawings of charts (see chart_pdf.h): the primitives of
 * chart/chart_geom.c written onto the canvas, with text measured in the
 * embedded font.  The frame (640 units wide, y down) is mapped to the
 * page by one scale and offset; text anchors are resolved here by
 * measuring, as PDF text always starts at its point.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "chart/chart.h"
#include "chart/chart_geom.h"
#include "pdf/canvas.h"
#include "pdf/chart_pdf.h"

#define PI		3.14159265358979323846

struct cd {
	struct canvas			*cv;
	size_t				 page;
	const struct canvas_measure	*m;
	double				 ox, oy, s;	/* frame to page */
};

static double
px(const struct cd *d, double x)
{
	return d->ox + x * d->s;
}

static double
py(const struct cd *d, double y)
{
	return d->oy - y * d->s;
}

static uint32_t
color(const char *c)
{
	return c == NULL ? CANVAS_NONE : canvas_color(c);
}

static double
tw(const struct cd *d, const char *s, double size)
{
	return canvas_text_width(d->m, s, strlen(s), size);
}

/* ------------------------------------------------------------ writing */

static void
text(const struct cd *d, const struct geom_text *t)
{
	double x = t->x, y = t->y, w = tw(d, t->s, t->size), shift = 0, rad;
	unsigned style = (t->bold ? CANVAS_BOLD : 0) |
	    (t->halo > 0 ? CANVAS_HALO : 0);

	if (t->anchor == GEOM_ANCHOR_MIDDLE)
		shift = w / 2;
	else if (t->anchor == GEOM_ANCHOR_END)
		shift = w;
	if (t->rotate == 0)
		x -= shift;
	else {
		/* along the turned baseline */
		rad = t->rotate * PI / 180;
		x -= shift * cos(rad);
		y -= shift * sin(rad);
	}
	canvas_text(d->cv, d->page, t->s, strlen(t->s), px(d, x), py(d, y),
	    t->size * d->s, color(t->color), style,
	    t->rotate == 0 ? 0 : -t->rotate, 0);
}

static void
line(const struct cd *d, const struct geom_line *l)
{
	canvas_line(d->cv, d->page, px(d, l->x1), py(d, l->y1), px(d, l->x2),
	    py(d, l->y2), color(l->stroke), l->width * d->s,
	    l->dash[0] * d->s, l->dash[1] * d->s);
}

/* An empty rectangle is not drawn. */
static void
rect(const struct cd *d, const struct geom_rect *r)
{
	if (r->w <= 0 || r->h <= 0)
		return;
	canvas_rect(d->cv, d->page, SIZE_MAX, px(d, r->x), py(d, r->y + r->h),
	    r->w * d->s, r->h * d->s, r->radius * d->s, color(r->fill),
	    CANVAS_NONE, 0);
}

static void
circle(const struct cd *d, const struct geom_circle *c)
{
	canvas_circle(d->cv, d->page, px(d, c->x), py(d, c->y), c->r * d->s,
	    color(c->fill), color(c->stroke), c->width * d->s);
}

/* One path through the points, every join round. */
static struct canvas_path *
path(const struct cd *d, const struct geom_poly *p, bool closed,
    uint32_t fill, uint32_t stroke, double width)
{
	struct canvas_path *pa = canvas_path(d->cv, d->page, SIZE_MAX, fill,
	    stroke, width * d->s);
	size_t i;

	pa->round_join = true;
	for (i = 0; i < p->n; i++)
		if (i == 0)
			canvas_move(pa, px(d, p->xy[0]), py(d, p->xy[1]));
		else
			canvas_line_to(pa, px(d, p->xy[2 * i]),
			    py(d, p->xy[2 * i + 1]));
	if (closed)
		canvas_close(pa);
	return pa;
}

/*
 * A polygon or polyline; a polyline of one point is not drawn.  A filled
 * and stroked polygon is two paths, the fill (with its opacity) under the
 * stroke.
 */
static void
poly(const struct cd *d, const struct geom_poly *p, bool closed)
{
	struct canvas_path *pa;

	if (!closed && p->n < 2)
		return;
	if (p->fill != NULL) {
		pa = path(d, p, closed, color(p->fill), CANVAS_NONE, 0);
		if (p->fill_opacity != 1)
			pa->fill_alpha = p->fill_opacity;
	}
	if (p->stroke != NULL) {
		pa = path(d, p, closed, CANVAS_NONE, color(p->stroke),
		    p->width);
		if (p->dash[0] > 0) {
			pa->dash[0] = p->dash[0] * d->s;
			pa->dash[1] = p->dash[1] * d->s;
		}
	}
}

/* ------------------------------------------------------------ entry */

static double
measure(void *arg, const char *s, size_t len, double size)
{
	return canvas_text_width(arg, s, len, size);
}

double
chart_pdf_height(const struct chart *c, double width)
{
	return chart_geom_height(c) * width / chart_geom_width(c);
}

void
chart_pdf_draw(struct canvas *cv, size_t page, const struct canvas_measure *m,
    const struct chart *c, double x, double top, double width)
{
	struct geom_measure gm = { measure, (void *)m };
	struct chart_geom g;
	const struct geom_prim *p;
	struct cd d;
	size_t i;

	d.cv = cv;
	d.page = page;
	d.m = m;
	d.ox = x;
	d.oy = top;
	d.s = width / chart_geom_width(c);
	chart_geom(&g, c, &gm);
	for (i = 0; i < g.n; i++) {
		p = &g.prims[i];
		switch (p->kind) {
		case GEOM_GROUP:
		case GEOM_END:
			break;
		case GEOM_TEXT:
			text(&d, &p->u.text);
			break;
		case GEOM_LINE:
			line(&d, &p->u.line);
			break;
		case GEOM_RECT:
			rect(&d, &p->u.rect);
			break;
		case GEOM_CIRCLE:
			circle(&d, &p->u.circle);
			break;
		case GEOM_POLYGON:
			poly(&d, &p->u.poly, true);
			break;
		case GEOM_POLYLINE:
			poly(&d, &p->u.poly, false);
			break;
		}
	}
	chart_geom_free(&g);
}
