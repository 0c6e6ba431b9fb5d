/*
 * SVG drawings of charts (see svg_chart.h): the primitives of
 * chart/chart_geom.c written as SVG elements, with text measured by an
 * estimate (svg_text_width()).  Coordinates have one decimal; the
 * constant widths, radii and dashes of polygons, polylines and circles
 * are written in their shortest form.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "util/buf.h"
#include "util/numfmt.h"
#include "util/utf8.h"
#include "markdown/cjk.h"
#include "chart/chart.h"
#include "chart/chart_geom.h"
#include "render/html_escape.h"
#include "render/svg_chart.h"

/* ------------------------------------------------------------ writing */

static void
num(struct buf *b, double v)
{
	fmt_fixed(b, v, 1);
}

/* " name=\"" (names and values here need no escaping) */
static void
attr_open(struct buf *b, const char *name)
{
	buf_putc(b, ' ');
	buf_puts(b, name);
	buf_puts(b, "=\"");
}

static void
attr(struct buf *b, const char *name, double v)
{
	attr_open(b, name);
	num(b, v);
	buf_putc(b, '"');
}

/* An attribute of a fixed word or colour, written as it is. */
static void
str_attr(struct buf *b, const char *name, const char *v)
{
	attr_open(b, name);
	buf_puts(b, v);
	buf_putc(b, '"');
}

static const char *const anchors[] = {
	[GEOM_ANCHOR_NONE] = NULL,
	[GEOM_ANCHOR_START] = "start",
	[GEOM_ANCHOR_MIDDLE] = "middle",
	[GEOM_ANCHOR_END] = "end"
};

static void
text(struct buf *b, const struct geom_text *t)
{
	buf_puts(b, "<text");
	attr(b, "x", t->x);
	attr(b, "y", t->y);
	buf_puts(b, " font-size=\"");
	num(b, t->size);
	buf_putc(b, '"');
	if (anchors[t->anchor] != NULL)
		str_attr(b, "text-anchor", anchors[t->anchor]);
	str_attr(b, "fill", t->color);
	if (t->bold)
		buf_puts(b, " font-weight=\"600\"");
	if (t->halo > 0)
		buf_printf(b, " stroke=\"#ffffff\" stroke-width=\"%g\" "
		    "stroke-linejoin=\"round\" paint-order=\"stroke\"",
		    t->halo);
	if (t->rotate != 0) {
		buf_puts(b, " transform=\"rotate(");
		num(b, t->rotate);
		buf_putc(b, ' ');
		num(b, t->x);
		buf_putc(b, ' ');
		num(b, t->y);
		buf_puts(b, ")\"");
	}
	buf_putc(b, '>');
	if (t->tooltip != NULL) {
		buf_puts(b, "<title>");
		html_escape_str(b, t->tooltip);
		buf_puts(b, "</title>");
	}
	html_escape_str(b, t->s);
	buf_puts(b, "</text>\n");
}

static void
line(struct buf *b, const struct geom_line *l)
{
	buf_puts(b, "<line");
	attr(b, "x1", l->x1);
	attr(b, "y1", l->y1);
	attr(b, "x2", l->x2);
	attr(b, "y2", l->y2);
	str_attr(b, "stroke", l->stroke);
	attr(b, "stroke-width", l->width);
	if (l->dash[0] > 0)
		buf_printf(b, " stroke-dasharray=\"%g %g\"", l->dash[0],
		    l->dash[1]);
	buf_puts(b, "/>\n");
}

static void
rect(struct buf *b, const struct geom_rect *r)
{
	buf_puts(b, "<rect");
	attr(b, "x", r->x);
	attr(b, "y", r->y);
	attr(b, "width", r->w);
	attr(b, "height", r->h);
	if (r->radius > 0)
		attr(b, "rx", r->radius);
	str_attr(b, "fill", r->fill);
	buf_puts(b, "/>\n");
}

/* A paint the enclosing group g already sets is left out. */
static bool
same_stroke(const struct geom_group *g, const char *stroke)
{
	return g != NULL && g->stroke != NULL && strcmp(g->stroke, stroke) == 0;
}

static void
circle(struct buf *b, const struct geom_circle *c, const struct geom_group *g)
{
	buf_puts(b, "<circle");
	attr(b, "cx", c->x);
	attr(b, "cy", c->y);
	buf_printf(b, " r=\"%g\" fill=\"%s\"", c->r, c->fill);
	if (c->stroke != NULL) {
		if (!same_stroke(g, c->stroke))
			str_attr(b, "stroke", c->stroke);
		buf_printf(b, " stroke-width=\"%g\"", c->width);
	}
	buf_puts(b, "/>\n");
}

static void
poly(struct buf *b, const char *element, const struct geom_poly *p,
    const struct geom_group *g)
{
	size_t i;

	buf_printf(b, "<%s", element);
	if (p->class != NULL)
		str_attr(b, "class", p->class);
	if (p->fill != NULL)
		str_attr(b, "fill", p->fill);
	else if (g == NULL || !g->no_fill)
		buf_puts(b, " fill=\"none\"");
	if (p->fill_opacity != 1)
		buf_printf(b, " fill-opacity=\"%g\"", p->fill_opacity);
	if (p->stroke != NULL) {
		if (!same_stroke(g, p->stroke))
			str_attr(b, "stroke", p->stroke);
		buf_printf(b, " stroke-width=\"%g\"", p->width);
	}
	if (p->round_join)
		buf_puts(b, " stroke-linejoin=\"round\"");
	if (p->dash[0] > 0)
		buf_printf(b, " stroke-dasharray=\"%g %g\"", p->dash[0],
		    p->dash[1]);
	buf_puts(b, " points=\"");
	for (i = 0; i < p->n; i++) {
		if (i > 0)
			buf_putc(b, ' ');
		num(b, p->xy[2 * i]);
		buf_putc(b, ',');
		num(b, p->xy[2 * i + 1]);
	}
	buf_puts(b, "\"/>\n");
}

static void
group(struct buf *b, const struct geom_group *g)
{
	buf_printf(b, "<g class=\"%s\"", g->class);
	if (g->no_fill)
		buf_puts(b, " fill=\"none\"");
	if (g->stroke != NULL)
		str_attr(b, "stroke", g->stroke);
	buf_puts(b, ">\n");
}

/* -------------------------------------------------------- measuring */

/* The estimate of svg_text_width() for s[0..n). */
static double
estimate(const char *s, size_t n, double size)
{
	size_t i = 0, k;
	uint32_t cp;
	double em = 0;

	while (i < n) {
		k = utf8_next(s + i, n - i, &cp);
		i += k;
		if (cp >= '0' && cp <= '9')
			em += 0.56;
		else if (cp == 'm' || cp == 'w' || cp == 'M' || cp == 'W')
			em += 0.82;
		else if (cp == 'i' || cp == 'l' || cp == 'j' || cp == 'I' ||
		    cp == '.' || cp == ',' || cp == ':' || cp == ';' ||
		    cp == '\'' || cp == '|' || cp == '!')
			em += 0.28;
		else if (cp == 'f' || cp == 't' || cp == 'r' || cp == ' ' ||
		    cp == '-' || cp == '(' || cp == ')')
			em += 0.34;
		else if (cp >= 'A' && cp <= 'Z')
			em += 0.66;
		else if (cp >= 'a' && cp <= 'z')
			em += 0.53;
		else if (cp == '%')
			em += 0.86;
		else if (cp < 0x80)
			em += 0.58;
		else if (cjk_char(cp) || (cp >= 0x1100 && cp <= 0x115f) ||
		    (cp >= 0xac00 && cp <= 0xd7a3))
			em += 1.0;
		else
			em += 0.62;
	}
	return em * size;
}

double
svg_text_width(const char *s, double size)
{
	return estimate(s, strlen(s), size);
}

static double
measure(void *arg, const char *s, size_t len, double size)
{
	(void)arg;
	return estimate(s, len, size);
}

/* ------------------------------------------------------------ entry */

void
svg_chart(struct buf *b, const struct chart *c)
{
	struct geom_measure m = { measure, NULL };
	struct chart_geom g;
	const struct geom_group *in = NULL;	/* the open group */
	const struct geom_prim *p;
	size_t i;

	chart_geom(&g, c, &m);
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "class=\"chart-svg\" role=\"img\" font-size=\"11\">\n",
	    (int)g.width, (int)g.height, (int)g.width, (int)g.height);
	buf_puts(b, "<title>");
	html_escape_str(b, c->title[0] != '\0' ? c->title :
	    chart_kind_name(c->kind));
	buf_puts(b, "</title>\n");
	for (i = 0; i < g.n; i++) {
		p = &g.prims[i];
		switch (p->kind) {
		case GEOM_GROUP:
			group(b, &p->u.group);
			in = &p->u.group;
			break;
		case GEOM_END:
			buf_puts(b, "</g>\n");
			in = NULL;
			break;
		case GEOM_TEXT:
			text(b, &p->u.text);
			break;
		case GEOM_LINE:
			line(b, &p->u.line);
			break;
		case GEOM_RECT:
			rect(b, &p->u.rect);
			break;
		case GEOM_CIRCLE:
			circle(b, &p->u.circle, in);
			break;
		case GEOM_POLYGON:
			poly(b, "polygon", &p->u.poly, in);
			break;
		case GEOM_POLYLINE:
			poly(b, "polyline", &p->u.poly, in);
			break;
		}
	}
	buf_puts(b, "</svg>\n");
	chart_geom_free(&g);
}
