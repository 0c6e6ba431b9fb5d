/*
 * The layout of a chart as primitives (see chart_geom.h).  One function
 * per layout: the cartesian charts (bar, grouped_bar, stacked_bar, line)
 * share axes, grid and category labels; radar and distribution have
 * their own.  Geometry is computed in doubles in the frame; the writers
 * decide how to round it.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/numfmt.h"
#include "util/utf8.h"
#include "chart/chart.h"
#include "chart/chart_geom.h"
#include "markdown/cjk.h"

#define W		(d->g->width)	/* the frame */
#define PAD		8.0	/* around the drawing */
#define TITLE_SIZE	15.0
#define LEGEND_SIZE	11.0
#define TICK_SIZE	10.5
#define LABEL_SIZE	11.0
#define VALUE_SIZE	10.5
#define LABEL_TURN	35.0	/* degrees, for labels too long to wrap */
#define LABEL_TURNED_MAX 110.0	/* longest turned label, frame units */
#define HALO		3.0	/* the outline of values over lines */

#define C_TEXT		"#1f2933"
#define C_MUTED		"#5f6b7a"
#define C_GRID		"#e4e8ed"
#define C_AXIS		"#9aa5b1"
#define C_TARGET	"#1f2933"
#define C_WHITE		"#ffffff"

#define PI		3.14159265358979323846

struct geom {
	struct chart_geom		*g;
	const struct geom_measure	*m;
};

/* ------------------------------------------------------- primitives */

static struct geom_prim *
add(struct geom *d, enum geom_kind kind)
{
	struct chart_geom *g = d->g;
	struct geom_prim *p;

	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->prims = xreallocarray(g->prims, g->cap, sizeof(*g->prims));
	}
	p = &g->prims[g->n++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	return p;
}

static void
group(struct geom *d, const char *class, bool no_fill, const char *stroke)
{
	struct geom_prim *p = add(d, GEOM_GROUP);

	p->u.group.class = class;
	p->u.group.no_fill = no_fill;
	p->u.group.stroke = stroke;
}

static void
group_end(struct geom *d)
{
	add(d, GEOM_END);
}

/* A text; the caller may set its halo, rotation and tooltip. */
static struct geom_text *
text(struct geom *d, double x, double y, double size,
    enum geom_anchor anchor, const char *color, bool bold, const char *s)
{
	struct geom_text *t = &add(d, GEOM_TEXT)->u.text;

	t->x = x;
	t->y = y;
	t->size = size;
	t->anchor = anchor;
	t->color = color;
	t->bold = bold;
	t->s = xstrdup(s);
	return t;
}

/* Text with a white outline, readable over grid and target lines. */
static void
text_halo(struct geom *d, double x, double y, double size,
    enum geom_anchor anchor, bool bold, const char *s)
{
	text(d, x, y, size, anchor, C_TEXT, bold, s)->halo = HALO;
}

/* Text turned by deg degrees (negative: counter-clockwise) about (x, y). */
static void
text_turned(struct geom *d, double x, double y, double size,
    enum geom_anchor anchor, const char *color, double deg, const char *s,
    const char *tooltip)
{
	struct geom_text *t = text(d, x, y, size, anchor, color, false, s);

	t->rotate = deg;
	if (tooltip != NULL)
		t->tooltip = xstrdup(tooltip);
}

static void
line(struct geom *d, double x1, double y1, double x2, double y2,
    const char *stroke, double width, double dash_on, double dash_off)
{
	add(d, GEOM_LINE)->u.line = (struct geom_line){ x1, y1, x2, y2,
	    stroke, width, { dash_on, dash_off } };
}

static void
rect(struct geom *d, double x, double y, double w, double h,
    const char *fill, double radius)
{
	add(d, GEOM_RECT)->u.rect = (struct geom_rect){ x, y, w, h, fill,
	    radius };
}

static void
circle(struct geom *d, double x, double y, double r, const char *fill,
    const char *stroke, double width)
{
	add(d, GEOM_CIRCLE)->u.circle = (struct geom_circle){ x, y, r, fill,
	    stroke, width };
}

/* A polygon or polyline through n points (x, y pairs, copied). */
static struct geom_poly *
poly(struct geom *d, enum geom_kind kind, const double *xy, size_t n,
    const char *fill, const char *stroke, double width)
{
	struct geom_poly *p = &add(d, kind)->u.poly;

	p->xy = xcalloc(2 * n, sizeof(*p->xy));
	memcpy(p->xy, xy, 2 * n * sizeof(*xy));
	p->n = n;
	p->fill = fill;
	p->fill_opacity = 1;
	p->stroke = stroke;
	p->width = width;
	return p;
}

/* -------------------------------------------------------- measuring */

static double
width_n(const struct geom *d, const char *s, size_t n, double size)
{
	return d->m->width(d->m->arg, s, n, size);
}

static double
tw(const struct geom *d, const char *s, double size)
{
	return width_n(d, s, strlen(s), size);
}

/*
 * Splits s into two lines no wider than maxw: at a space, or between two
 * characters one of which is CJK.  Sets *cut (end of line one) and *next
 * (start of line two); false when no split fits.
 */
static bool
split_two(const struct geom *d, const char *s, double size, double maxw,
    size_t *cut, size_t *next)
{
	size_t n = strlen(s), i = 0, k, best_cut = 0, best_next = 0;
	uint32_t cp, prev = 0;
	double best = -1, w1, w2, worst;

	while (i < n) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return false;
		if (i > 0 && (cp == ' ' || prev == ' ' || cjk_char(cp) ||
		    cjk_char(prev))) {
			size_t c = prev == ' ' ? i - 1 : i;
			size_t nx = cp == ' ' ? i + 1 : i;

			w1 = width_n(d, s, c, size);
			w2 = tw(d, s + nx, size);
			worst = w1 > w2 ? w1 : w2;
			if (c > 0 && nx < n && worst <= maxw &&
			    (best < 0 || worst < best)) {
				best = worst;
				best_cut = c;
				best_next = nx;
			}
		}
		prev = cp;
		i += k;
	}
	if (best < 0)
		return false;
	*cut = best_cut;
	*next = best_next;
	return true;
}

/* s cut to fit maxw with an ellipsis; the caller frees the result. */
static char *
shorten(const struct geom *d, const char *s, double size, double maxw)
{
	size_t n = strlen(s), k;
	struct buf b = BUF_INIT;

	if (tw(d, s, size) <= maxw)
		return xstrdup(s);
	while (n > 0) {
		/* drop the last code point */
		k = n - 1;
		while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
			k--;
		n = k;
		if (width_n(d, s, n, size) + tw(d, "\xe2\x80\xa6", size) <=
		    maxw)
			break;
	}
	buf_put(&b, s, n);
	buf_puts(&b, "\xe2\x80\xa6");
	return buf_detach(&b);
}

/* ------------------------------------------------- title and legend */

struct legend {
	size_t		  n;
	const char	**names;
	const char	**colors;
};

static double
legend_item_width(const struct geom *d, const char *name)
{
	return 14 + tw(d, name, LEGEND_SIZE);
}

/* Draws the legend items from x on rows from y; returns the last row's y. */
static double
draw_legend(struct geom *d, const struct legend *lg, double x, double y,
    double right)
{
	double x_start = x, w;
	size_t i;

	for (i = 0; i < lg->n; i++) {
		w = legend_item_width(d, lg->names[i]);
		if (x > x_start && x + w > right) {
			x = x_start;
			y += 18;
		}
		if (lg->colors[i] != NULL)
			rect(d, x, y - 9, 10, 10, lg->colors[i], 2);
		else
			line(d, x - 2, y - 4, x + 11, y - 4, C_TARGET, 1.5, 4,
			    2);
		text(d, x + 14, y, LEGEND_SIZE, GEOM_ANCHOR_NONE, C_TEXT,
		    false, lg->names[i]);
		x += w + 16;
	}
	return y;
}

/*
 * The title on the left of the first row; the legend on its right when
 * both fit, else on rows below.  Returns the y where drawing may start.
 */
static double
draw_header(struct geom *d, const struct chart *c, const struct legend *lg)
{
	double y = 20, title_w = 0, legend_w = 0;
	size_t i;
	bool has_title = c->title[0] != '\0';

	if (has_title) {
		char *t = shorten(d, c->title, TITLE_SIZE, W - 2 * PAD);

		text(d, PAD, y, TITLE_SIZE, GEOM_ANCHOR_NONE, C_TEXT, true, t);
		title_w = tw(d, t, TITLE_SIZE);
		free(t);
	}
	if (lg == NULL || lg->n == 0)
		return has_title ? y + 18 : 16;
	for (i = 0; i < lg->n; i++)
		legend_w += legend_item_width(d, lg->names[i]) + (i ? 16 : 0);
	if (has_title && title_w + 24 + legend_w <= W - 2 * PAD)
		y = draw_legend(d, lg, W - PAD - legend_w, y, W - PAD);
	else
		y = draw_legend(d, lg, PAD, has_title ? y + 22 : y, W - PAD);
	return y + 18;
}

/*
 * Every series when there are two or more, or one with a name beside a
 * named target; then the target.
 */
static struct legend
series_legend(const struct chart *c)
{
	struct legend lg = { 0, NULL, NULL };
	size_t i;
	bool target = c->target_kind != CHART_TARGET_NONE &&
	    c->target_name[0] != '\0';

	if (c->nseries < 2 && !target)
		return lg;
	lg.names = xcalloc(c->nseries + 1, sizeof(*lg.names));
	lg.colors = xcalloc(c->nseries + 1, sizeof(*lg.colors));
	if (c->nseries > 1 || (target && c->series[0].name[0] != '\0'))
		for (i = 0; i < c->nseries; i++) {
			lg.names[lg.n] = c->series[i].name;
			lg.colors[lg.n++] = chart_series_color(i);
		}
	if (target) {
		lg.names[lg.n] = c->target_name;
		lg.colors[lg.n++] = NULL;	/* drawn dashed */
	}
	return lg;
}

static void
legend_free(struct legend *lg)
{
	free(lg->names);
	free(lg->colors);
}

/* -------------------------------------------------------- cartesian */

enum label_mode { LABELS_ONE_LINE, LABELS_TWO_LINES, LABELS_TURNED };

struct plot {
	const struct chart	*c;
	struct chart_axis	 axis;
	double			 x0, x1, y0, y1;	/* the plot area */
	double			 band;			/* width per label */
	enum label_mode		 labels;
	double			 h;			/* frame height */
};

static double
plot_y(const struct plot *p, double v)
{
	return p->y1 - (v - p->axis.min) / (p->axis.max - p->axis.min) *
	    (p->y1 - p->y0);
}

static double
band_center(const struct plot *p, size_t j)
{
	return p->x0 + ((double)j + 0.5) * p->band;
}

static void
layout_plot(const struct geom *d, struct plot *p, const struct chart *c,
    double top)
{
	struct buf t = BUF_INIT;
	double w, widest = 0, label_widest = 0, room;
	size_t i, cut, next;

	p->c = c;
	p->h = d->g->height;
	chart_axis(c, &p->axis);
	for (i = 0; i < p->axis.nticks; i++) {
		buf_reset(&t);
		chart_format_tick(&t, c, &p->axis,
		    chart_axis_tick(&p->axis, i));
		if ((w = tw(d, buf_str(&t), TICK_SIZE)) > widest)
			widest = w;
	}
	buf_free(&t);
	p->x0 = PAD + widest + 8;
	if (p->x0 < 40)
		p->x0 = 40;
	p->x1 = W - 16;
	p->band = (p->x1 - p->x0) / (double)c->nlabels;
	room = p->band - 6;

	p->labels = LABELS_ONE_LINE;
	for (i = 0; i < c->nlabels; i++) {
		w = tw(d, c->labels[i], LABEL_SIZE);
		if (w > label_widest)
			label_widest = w;
		if (w <= room)
			continue;
		if (split_two(d, c->labels[i], LABEL_SIZE, room, &cut,
		    &next)) {
			if (p->labels == LABELS_ONE_LINE)
				p->labels = LABELS_TWO_LINES;
		} else
			p->labels = LABELS_TURNED;
	}
	p->y0 = top;
	switch (p->labels) {
	case LABELS_ONE_LINE:
		p->y1 = p->h - 24;
		break;
	case LABELS_TWO_LINES:
		p->y1 = p->h - 38;
		break;
	case LABELS_TURNED:
		if (label_widest > LABEL_TURNED_MAX)
			label_widest = LABEL_TURNED_MAX;
		p->y1 = p->h - (label_widest * sin(LABEL_TURN * PI / 180) +
		    LABEL_SIZE * cos(LABEL_TURN * PI / 180) + 16);
		break;
	}
}

static void
draw_grid(struct geom *d, const struct plot *p)
{
	struct buf t = BUF_INIT;
	double v, y;
	size_t i;

	group(d, "grid", false, NULL);
	for (i = 0; i < p->axis.nticks; i++) {
		v = chart_axis_tick(&p->axis, i);
		y = plot_y(p, v);
		line(d, p->x0, y, p->x1, y, C_GRID, 1, 0, 0);
		buf_reset(&t);
		chart_format_tick(&t, p->c, &p->axis, v);
		text(d, p->x0 - 6, y + 3.5, TICK_SIZE, GEOM_ANCHOR_END,
		    C_MUTED, false, buf_str(&t));
	}
	group_end(d);
	buf_free(&t);
}

/* Where columns start: 0, or the axis end nearest to it. */
static double
plot_base(const struct plot *p)
{
	if (p->axis.min > 0)
		return plot_y(p, p->axis.min);
	if (p->axis.max < 0)
		return plot_y(p, p->axis.max);
	return plot_y(p, 0);
}

static void
draw_baseline(struct geom *d, const struct plot *p)
{
	double y = plot_base(p);

	line(d, p->x0, y, p->x1, y, C_AXIS, 1, 0, 0);
}

static void
draw_category_labels(struct geom *d, const struct plot *p)
{
	const struct chart *c = p->c;
	double x, y = p->y1 + 16;
	size_t j, cut, next;
	char *first, *s;

	group(d, "labels", false, NULL);
	for (j = 0; j < c->nlabels; j++) {
		x = band_center(p, j);
		if (p->labels == LABELS_TURNED) {
			s = shorten(d, c->labels[j], LABEL_SIZE,
			    LABEL_TURNED_MAX);
			text_turned(d, x + 3, p->y1 + 12, LABEL_SIZE,
			    GEOM_ANCHOR_END, C_TEXT, -LABEL_TURN, s,
			    strcmp(s, c->labels[j]) != 0 ? c->labels[j] :
			    NULL);
			free(s);
		} else if (tw(d, c->labels[j], LABEL_SIZE) <= p->band - 6 ||
		    !split_two(d, c->labels[j], LABEL_SIZE, p->band - 6, &cut,
		    &next))
			text(d, x, y, LABEL_SIZE, GEOM_ANCHOR_MIDDLE, C_TEXT,
			    false, c->labels[j]);
		else {
			first = xstrndup(c->labels[j], cut);
			text(d, x, y, LABEL_SIZE, GEOM_ANCHOR_MIDDLE, C_TEXT,
			    false, first);
			text(d, x, y + 13.5, LABEL_SIZE, GEOM_ANCHOR_MIDDLE,
			    C_TEXT, false, c->labels[j] + next);
			free(first);
		}
	}
	group_end(d);
}

/*
 * A value label for a column centred on x, slot units wide, whose end is
 * at y_end (the top of a positive column, the bottom of a negative one),
 * height units tall.  Horizontal beyond the end when it fits the slot;
 * otherwise turned upright, inside the column when it is tall enough.
 */
static void
column_label(struct geom *d, double x, double y_end, double height,
    double slot, bool negative, double size, const struct chart *c, double v,
    bool compact)
{
	struct buf t = BUF_INIT;
	const char *s;
	double w;

	if (compact)
		chart_format_compact(&t, c, v);
	else
		chart_format_value(&t, c, v);
	s = buf_str(&t);
	w = tw(d, s, size);
	if (w <= slot) {
		text_halo(d, x, negative ? y_end + size + 2 : y_end - 4, size,
		    GEOM_ANCHOR_MIDDLE, false, s);
		buf_free(&t);
		return;
	}
	x += size * 0.36;	/* upright text sits left of its baseline */
	if (height >= w + 8) {
		if (negative)
			text_turned(d, x, y_end - 4, size, GEOM_ANCHOR_START,
			    C_WHITE, -90, s, NULL);
		else
			text_turned(d, x, y_end + 4, size, GEOM_ANCHOR_END,
			    C_WHITE, -90, s, NULL);
	} else if (negative)
		text_turned(d, x, y_end + 4, size, GEOM_ANCHOR_END, C_TEXT,
		    -90, s, NULL);
	else
		text_turned(d, x, y_end - 4, size, GEOM_ANCHOR_START, C_TEXT,
		    -90, s, NULL);
	buf_free(&t);
}

/*
 * A dashed polyline through the runs of present values: points j of
 * xy, present[j] saying which are there.  A run may be a single point.
 */
static void
runs(struct geom *d, const double *xy, const bool *present, size_t n,
    const char *stroke, double width, bool dashed)
{
	size_t j, start = 0;
	struct geom_poly *p;

	for (j = 0; j <= n; j++) {
		if (j < n && present[j])
			continue;
		if (j > start) {
			p = poly(d, GEOM_POLYLINE, xy + 2 * start, j - start,
			    NULL, stroke, width);
			if (dashed) {
				p->dash[0] = 6;
				p->dash[1] = 4;
			} else
				p->round_join = true;
		}
		start = j + 1;
	}
}

/* The target: a dashed line across, or a dashed mark over each label. */
static void
draw_target(struct geom *d, const struct plot *p, double mark_width)
{
	const struct chart *c = p->c;
	struct buf t = BUF_INIT;
	double y, x, *xy;
	bool *present;
	size_t j;

	if (c->target_kind == CHART_TARGET_NONE)
		return;
	group(d, "target", false, NULL);
	if (c->target_kind == CHART_TARGET_ONE) {
		y = plot_y(p, c->target[0].value);
		line(d, p->x0, y, p->x1, y, C_TARGET, 1.5, 6, 4);
		chart_format_value(&t, c, c->target[0].value);
		text_halo(d, p->x1 - 2, y - 5, 10, GEOM_ANCHOR_END, true,
		    buf_str(&t));
	} else if (c->kind == CHART_LINE) {
		xy = xcalloc(2 * c->nlabels, sizeof(*xy));
		present = xcalloc(c->nlabels, sizeof(*present));
		for (j = 0; j < c->nlabels; j++)
			if ((present[j] = c->target[j].present)) {
				xy[2 * j] = band_center(p, j);
				xy[2 * j + 1] = plot_y(p, c->target[j].value);
			}
		runs(d, xy, present, c->nlabels, C_TARGET, 1.5, true);
		free(xy);
		free(present);
	} else
		for (j = 0; j < c->nlabels; j++) {
			if (!c->target[j].present)
				continue;
			x = band_center(p, j);
			y = plot_y(p, c->target[j].value);
			line(d, x - mark_width / 2 - 4, y,
			    x + mark_width / 2 + 4, y, C_TARGET, 2, 4, 3);
		}
	group_end(d);
	buf_free(&t);
}

static void
draw_missing(struct geom *d, const struct plot *p, double x)
{
	text(d, x, plot_base(p) - 4, VALUE_SIZE, GEOM_ANCHOR_MIDDLE, C_MUTED,
	    false, "\xe2\x80\x93");	/* – */
}

static void
draw_bars(struct geom *d, const struct plot *p)
{
	const struct chart *c = p->c;
	struct buf t = BUF_INIT;
	double group_w, bar, gap, x, y, y0 = plot_base(p), v, size, slot;
	size_t i, j;
	bool compact = false;

	if (c->kind == CHART_BAR) {
		group_w = p->band * 0.62;
		if (group_w > 72)
			group_w = 72;
		gap = 0;
	} else {
		group_w = p->band * 0.8;
		if (group_w > 36.0 * (double)c->nseries)
			group_w = 36.0 * (double)c->nseries;
		gap = c->nseries > 1 ? 2 : 0;
	}
	bar = (group_w - gap * (double)(c->nseries - 1)) /
	    (double)c->nseries;
	size = c->kind == CHART_BAR ? VALUE_SIZE : 9.5;
	group(d, "bars", false, NULL);
	for (j = 0; j < c->nlabels; j++)
		for (i = 0; i < c->nseries; i++) {
			if (!c->series[i].values[j].present)
				continue;
			v = c->series[i].values[j].value;
			x = band_center(p, j) - group_w / 2 +
			    (double)i * (bar + gap);
			y = plot_y(p, v);
			rect(d, x, v >= 0 ? y : y0, bar, fabs(y - y0),
			    chart_series_color(i), bar > 6 ? 1.5 : 0);
		}
	group_end(d);
	draw_baseline(d, p);
	draw_target(d, p, group_w);
	/* the chart's compact form (380万) for every label once one plain
	 * number is too wide for its column: one form in one chart */
	slot = c->kind == CHART_BAR ? p->band - 4 : bar + gap + 1;
	for (j = 0; j < c->nlabels && !compact &&
	    c->compact != CHART_COMPACT_NONE; j++)
		for (i = 0; i < c->nseries; i++)
			if (c->series[i].values[j].present) {
				buf_reset(&t);
				chart_format_value(&t, c,
				    c->series[i].values[j].value);
				if (tw(d, buf_str(&t), size) > slot)
					compact = true;
			}
	group(d, "values", false, NULL);
	for (j = 0; j < c->nlabels; j++)
		for (i = 0; i < c->nseries; i++) {
			x = band_center(p, j) - group_w / 2 +
			    (double)i * (bar + gap) + bar / 2;
			if (!c->series[i].values[j].present) {
				draw_missing(d, p, x);
				continue;
			}
			v = c->series[i].values[j].value;
			y = plot_y(p, v);
			column_label(d, x, y, fabs(y - y0), slot, v < 0, size,
			    c, v, compact);
		}
	group_end(d);
	buf_free(&t);
}

static void
draw_stacked(struct geom *d, const struct plot *p)
{
	const struct chart *c = p->c;
	struct buf t = BUF_INIT;
	double bar, x, base, top, v, total;
	size_t i, j;

	bar = p->band * 0.58;
	if (bar > 64)
		bar = 64;
	group(d, "bars", false, NULL);
	for (j = 0; j < c->nlabels; j++) {
		x = band_center(p, j) - bar / 2;
		base = 0;
		for (i = 0; i < c->nseries; i++) {
			if (!c->series[i].values[j].present ||
			    c->series[i].values[j].value == 0)
				continue;
			v = c->series[i].values[j].value;
			top = plot_y(p, base + v);
			rect(d, x, top, bar, plot_y(p, base) - top,
			    chart_series_color(i), 0);
			base += v;
		}
	}
	group_end(d);
	draw_baseline(d, p);
	draw_target(d, p, bar);
	group(d, "values", false, NULL);
	for (j = 0; j < c->nlabels; j++) {
		base = 0;
		for (i = 0; i < c->nseries; i++) {
			if (!c->series[i].values[j].present ||
			    c->series[i].values[j].value == 0)
				continue;
			v = c->series[i].values[j].value;
			top = plot_y(p, base + v);
			buf_reset(&t);
			chart_format_value(&t, c, v);
			if (plot_y(p, base) - top >= 14 &&
			    tw(d, buf_str(&t), 9.5) <= bar - 4)
				text(d, band_center(p, j),
				    (top + plot_y(p, base)) / 2 + 3.5, 9.5,
				    GEOM_ANCHOR_MIDDLE, C_WHITE, false,
				    buf_str(&t));
			base += v;
		}
		total = chart_stack_total(c, j);
		buf_reset(&t);
		chart_format_value(&t, c, total);
		top = plot_y(p, total);
		text_halo(d, band_center(p, j), top - 4, VALUE_SIZE,
		    GEOM_ANCHOR_MIDDLE, true, buf_str(&t));
	}
	group_end(d);
	buf_free(&t);
}

static void
draw_lines(struct geom *d, const struct plot *p)
{
	const struct chart *c = p->c;
	struct buf t = BUF_INIT;
	double x, y, *xy;
	bool *present;
	const char *color;
	size_t i, j;

	draw_baseline(d, p);
	draw_target(d, p, p->band * 0.6);
	xy = xcalloc(2 * c->nlabels, sizeof(*xy));
	present = xcalloc(c->nlabels, sizeof(*present));
	for (i = 0; i < c->nseries; i++) {
		color = chart_series_color(i);
		group(d, "series", true, color);
		for (j = 0; j < c->nlabels; j++)
			if ((present[j] = c->series[i].values[j].present)) {
				xy[2 * j] = band_center(p, j);
				xy[2 * j + 1] = plot_y(p,
				    c->series[i].values[j].value);
			}
		runs(d, xy, present, c->nlabels, color, 2.5, false);
		for (j = 0; j < c->nlabels; j++) {
			if (!c->series[i].values[j].present)
				continue;
			circle(d, band_center(p, j), plot_y(p,
			    c->series[i].values[j].value), 3.5, C_WHITE,
			    color, 2);
		}
		group_end(d);
	}
	free(xy);
	free(present);
	/* values beside the points of a single line, when they fit */
	if (c->nseries == 1) {
		double widest = 0, w;

		for (j = 0; j < c->nlabels; j++) {
			if (!c->series[0].values[j].present)
				continue;
			buf_reset(&t);
			chart_format_value(&t, c, c->series[0].values[j].value);
			if ((w = tw(d, buf_str(&t), VALUE_SIZE)) > widest)
				widest = w;
		}
		if (widest <= p->band - 2) {
			group(d, "values", false, NULL);
			for (j = 0; j < c->nlabels; j++) {
				if (!c->series[0].values[j].present)
					continue;
				x = band_center(p, j);
				y = plot_y(p, c->series[0].values[j].value);
				buf_reset(&t);
				chart_format_value(&t, c,
				    c->series[0].values[j].value);
				text_halo(d, x, y - 9, VALUE_SIZE,
				    GEOM_ANCHOR_MIDDLE, false, buf_str(&t));
			}
			group_end(d);
		}
	}
	buf_free(&t);
}

static void
draw_cartesian(struct geom *d, const struct chart *c)
{
	struct legend lg = series_legend(c);
	struct plot p;
	double top;

	top = draw_header(d, c, &lg);
	legend_free(&lg);
	layout_plot(d, &p, c, top);
	draw_grid(d, &p);
	switch (c->kind) {
	case CHART_BAR:
	case CHART_GROUPED_BAR:
		draw_bars(d, &p);
		break;
	case CHART_STACKED_BAR:
		draw_stacked(d, &p);
		break;
	default:
		draw_lines(d, &p);
		break;
	}
	draw_category_labels(d, &p);
}

/* ------------------------------------------------------------ radar */

/* The least distance between two ring values' baselines (9.5-unit text). */
#define RING_LABEL_GAP	12.0

static void
radar_point(double cx, double cy, double r, size_t j, size_t n,
    double *x, double *y)
{
	double a = -PI / 2 + 2 * PI * (double)j / (double)n;

	*x = cx + r * cos(a);
	*y = cy + r * sin(a);
}

static void
draw_radar(struct geom *d, const struct chart *c)
{
	struct legend lg = series_legend(c);
	struct chart_axis axis;
	struct buf t = BUF_INIT;
	double top, cx, cy, r, x, y, ring, a, ca, sa, v, below, *xy;
	size_t i, j, n = c->nlabels, step;
	enum geom_anchor anchor;
	struct geom_poly *pa;

	top = draw_header(d, c, &lg);
	legend_free(&lg);
	chart_axis(c, &axis);
	/*
	 * The top axis label (with one series its value too) takes the 22
	 * units above the outer ring; the bottom one and its value must
	 * end inside the frame.
	 */
	below = 10 + LABEL_SIZE + (c->nseries == 1 ? 12.5 : 0) + 3;
	r = (d->g->height - top - 24 - below) / 2;
	if (r < 10)
		r = 10;
	cy = top + 22 + r;
	cx = W / 2;
	xy = xcalloc(2 * n, sizeof(*xy));

	group(d, "grid", true, NULL);
	for (i = 1; i < axis.nticks; i++) {
		ring = r * chart_axis_tick(&axis, i) / axis.max;
		for (j = 0; j < n; j++)
			radar_point(cx, cy, ring, j, n, &xy[2 * j],
			    &xy[2 * j + 1]);
		poly(d, GEOM_POLYGON, xy, n, NULL,
		    i + 1 == axis.nticks ? C_AXIS : C_GRID, 1);
	}
	for (j = 0; j < n; j++) {
		radar_point(cx, cy, r, j, n, &x, &y);
		line(d, cx, cy, x, y, C_GRID, 1, 0, 0);
	}
	group_end(d);
	/* ring values up the first axis: every step-th ring from the
	 * outermost, rings closer than a label's height apart sharing */
	step = 1;
	if (axis.nticks > 2)
		while (step < axis.nticks && r * (chart_axis_tick(&axis, 2) -
		    chart_axis_tick(&axis, 1)) / axis.max * (double)step <
		    RING_LABEL_GAP)
			step++;
	for (i = 1; i < axis.nticks; i++) {
		if ((axis.nticks - 1 - i) % step != 0)
			continue;
		v = chart_axis_tick(&axis, i);
		buf_reset(&t);
		chart_format_tick(&t, c, &axis, v);
		text(d, cx + 4, cy - r * v / axis.max + 11, 9.5,
		    GEOM_ANCHOR_NONE, C_MUTED, false, buf_str(&t))->halo = 2.5;
	}

	for (i = 0; i < c->nseries; i++) {
		const char *color = chart_series_color(i);

		group(d, "series", false, color);
		for (j = 0; j < n; j++) {
			v = c->series[i].values[j].present ?
			    c->series[i].values[j].value : 0;
			radar_point(cx, cy, r * v / axis.max, j, n,
			    &xy[2 * j], &xy[2 * j + 1]);
		}
		pa = poly(d, GEOM_POLYGON, xy, n, color, color, 2);
		pa->fill_opacity = 0.16;
		pa->round_join = true;
		for (j = 0; j < n; j++) {
			if (!c->series[i].values[j].present)
				continue;
			radar_point(cx, cy,
			    r * c->series[i].values[j].value / axis.max, j,
			    n, &x, &y);
			circle(d, x, y, 3, color, NULL, 0);
		}
		group_end(d);
	}
	if (c->target_kind != CHART_TARGET_NONE) {
		for (j = 0; j < n; j++) {
			v = c->target[j].present ? c->target[j].value : 0;
			radar_point(cx, cy, r * v / axis.max, j, n,
			    &xy[2 * j], &xy[2 * j + 1]);
		}
		pa = poly(d, GEOM_POLYGON, xy, n, NULL, C_TARGET, 1.5);
		pa->dash[0] = 6;
		pa->dash[1] = 4;
		pa->class = "target";
	}
	free(xy);

	/* axis labels, with the value below when there is one series */
	group(d, "labels", false, NULL);
	for (j = 0; j < n; j++) {
		char *s;

		a = -PI / 2 + 2 * PI * (double)j / (double)n;
		ca = cos(a);
		sa = sin(a);
		radar_point(cx, cy, r + 10, j, n, &x, &y);
		anchor = fabs(ca) < 0.2 ? GEOM_ANCHOR_MIDDLE : ca > 0 ?
		    GEOM_ANCHOR_START : GEOM_ANCHOR_END;
		if (sa > 0.2)
			y += LABEL_SIZE;
		else if (sa >= -0.2)
			y += 4;
		else if (c->nseries == 1)
			y -= 12;
		s = shorten(d, c->labels[j], LABEL_SIZE, 150);
		if (strcmp(s, c->labels[j]) != 0)
			text(d, x, y, LABEL_SIZE, anchor, C_TEXT, false,
			    s)->tooltip = xstrdup(c->labels[j]);
		else
			text(d, x, y, LABEL_SIZE, anchor, C_TEXT, false, s);
		free(s);
		if (c->nseries == 1 && c->series[0].values[j].present) {
			buf_reset(&t);
			chart_format_value(&t, c, c->series[0].values[j].value);
			text(d, x, y + 12.5, 10, anchor, C_MUTED, true,
			    buf_str(&t));
		}
	}
	group_end(d);
	buf_free(&t);
}

/* ----------------------------------------------------- distribution */

/* White on dark colours, near-black on light ones (the gold of S). */
static const char *
text_on(const char *color)
{
	unsigned r, g, b;
	double luma;

	if (sscanf(color, "#%2x%2x%2x", &r, &g, &b) != 3)
		return C_WHITE;
	luma = 0.299 * r + 0.587 * g + 0.114 * b;
	return luma > 150 ? "#2b2100" : C_WHITE;
}

static void
draw_distribution(struct geom *d, const struct chart *c)
{
	struct buf t = BUF_INIT, name = BUF_INIT;
	struct legend none = { 0, NULL, NULL };
	double top, total = 0, x, w, v, y, bar_h = 40, lx, item_w;
	const double x0 = PAD, span = W - 2 * PAD;
	const char *on;
	size_t j;

	for (j = 0; j < c->nlabels; j++)
		if (c->series[0].values[j].present)
			total += c->series[0].values[j].value;
	top = draw_header(d, c, &none);
	buf_puts(&t, "n = ");
	chart_format_value(&t, c, total);
	text(d, W - PAD, 20, LEGEND_SIZE, GEOM_ANCHOR_END, C_MUTED, false,
	    buf_str(&t));
	if (top < 30)
		top = 30;

	group(d, "bars", false, NULL);
	if (total <= 0)
		rect(d, x0, top, span, bar_h, C_GRID, 3);
	x = x0;
	for (j = 0; j < c->nlabels; j++) {
		v = c->series[0].values[j].present ?
		    c->series[0].values[j].value : 0;
		if (v <= 0 || total <= 0)
			continue;
		w = span * v / total;
		rect(d, x, top, w, bar_h, chart_label_color(c, j), 0);
		if (x > x0)
			line(d, x, top, x, top + bar_h, C_WHITE, 1.5, 0, 0);
		x += w;
	}
	group_end(d);
	group(d, "values", false, NULL);
	x = x0;
	for (j = 0; j < c->nlabels; j++) {
		v = c->series[0].values[j].present ?
		    c->series[0].values[j].value : 0;
		if (v <= 0 || total <= 0)
			continue;
		w = span * v / total;
		on = text_on(chart_label_color(c, j));
		buf_reset(&t);
		chart_format_value(&t, c, v);
		if (tw(d, c->labels[j], 12) + 8 <= w &&
		    tw(d, buf_str(&t), 11) + 8 <= w) {
			text(d, x + w / 2, top + 17, 12, GEOM_ANCHOR_MIDDLE, on,
			    true, c->labels[j]);
			text(d, x + w / 2, top + 32, 11, GEOM_ANCHOR_MIDDLE, on,
			    false, buf_str(&t));
		} else if (tw(d, buf_str(&t), 11) + 4 <= w)
			text(d, x + w / 2, top + 25, 11, GEOM_ANCHOR_MIDDLE, on,
			    true, buf_str(&t));
		x += w;
	}
	group_end(d);

	/* every label with its count and share, also the empty ones */
	group(d, "legend", false, NULL);
	y = top + bar_h + 22;
	lx = x0;
	for (j = 0; j < c->nlabels; j++) {
		v = c->series[0].values[j].present ?
		    c->series[0].values[j].value : 0;
		buf_reset(&name);
		buf_puts(&name, c->labels[j]);
		buf_puts(&name, "  ");
		chart_format_value(&name, c, v);
		if (total > 0) {
			buf_puts(&name, " (");
			fmt_fixed(&name, 100 * v / total, 1);
			buf_puts(&name, "%)");
		}
		item_w = legend_item_width(d, buf_str(&name));
		if (lx > x0 && lx + item_w > W - PAD) {
			lx = x0;
			y += 18;
		}
		rect(d, lx, y - 9, 10, 10, chart_label_color(c, j), 2);
		text(d, lx + 14, y, LEGEND_SIZE, GEOM_ANCHOR_NONE, C_TEXT,
		    false, buf_str(&name));
		lx += item_w + 18;
	}
	group_end(d);
	buf_free(&t);
	buf_free(&name);
}

/* ------------------------------------------------------------ entry */

double
chart_geom_width(const struct chart *c)
{
	return c->width > 0 ? c->width : CHART_FRAME_WIDTH;
}

double
chart_geom_height(const struct chart *c)
{
	if (c->height > 0)
		return c->height;
	return c->kind == CHART_DISTRIBUTION ?
	    CHART_FRAME_DISTRIBUTION_HEIGHT : CHART_FRAME_HEIGHT;
}

void
chart_geom(struct chart_geom *g, const struct chart *c,
    const struct geom_measure *m)
{
	struct geom d;

	memset(g, 0, sizeof(*g));
	g->width = chart_geom_width(c);
	g->height = chart_geom_height(c);
	d.g = g;
	d.m = m;
	switch (c->kind) {
	case CHART_RADAR:
		draw_radar(&d, c);
		break;
	case CHART_DISTRIBUTION:
		draw_distribution(&d, c);
		break;
	default:
		draw_cartesian(&d, c);
		break;
	}
}

void
chart_geom_free(struct chart_geom *g)
{
	size_t i;
	struct geom_prim *p;

	for (i = 0; i < g->n; i++) {
		p = &g->prims[i];
		if (p->kind == GEOM_TEXT) {
			free(p->u.text.s);
			free(p->u.text.tooltip);
		} else if (p->kind == GEOM_POLYGON || p->kind == GEOM_POLYLINE)
			free(p->u.poly.xy);
	}
	free(g->prims);
	memset(g, 0, sizeof(*g));
}
