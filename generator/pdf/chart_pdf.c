/*
 * PDF drawings of charts (see chart_pdf.h), following render/svg_chart.c
 * function by function so that both show the same chart: geometry is
 * computed in the SVG frame (640 units wide, y down) and mapped to the
 * page by one scale and offset.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/numfmt.h"
#include "util/utf8.h"
#include "markdown/cjk.h"
#include "render/chart.h"
#include "pdf/canvas.h"
#include "pdf/chart_pdf.h"

/* The frame of render/svg_chart.h */
#define W		640.0
#define H		320.0
#define H_DISTRIBUTION	128.0

#define PAD		8.0
#define TITLE_SIZE	15.0
#define LEGEND_SIZE	11.0
#define TICK_SIZE	10.5
#define LABEL_SIZE	11.0
#define VALUE_SIZE	10.5
#define LABEL_TURN	35.0
#define LABEL_TURNED_MAX 110.0

#define C_TEXT		0x1f2933u
#define C_MUTED		0x5f6b7au
#define C_GRID		0xe4e8edu
#define C_AXIS		0x9aa5b1u
#define C_TARGET	0x1f2933u
#define C_WHITE		0xffffffu

#define PI		3.14159265358979323846

enum anchor { START, MIDDLE, END };

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

/* ------------------------------------------------------------ drawing */

static double
tw(const struct cd *d, const char *s, double size)
{
	return canvas_text_width(d->m, s, strlen(s), size);
}

static void
text_style(const struct cd *d, double x, double y, double size,
    enum anchor a, uint32_t color, unsigned style, const char *s)
{
	double w = tw(d, s, size);

	if (a == MIDDLE)
		x -= w / 2;
	else if (a == END)
		x -= w;
	canvas_text(d->cv, d->page, s, strlen(s), px(d, x), py(d, y),
	    size * d->s, color, style, 0, 0);
}

static void
text(const struct cd *d, double x, double y, double size, enum anchor a,
    uint32_t color, bool bold, const char *s)
{
	text_style(d, x, y, size, a, color, bold ? CANVAS_BOLD : 0, s);
}

static void
text_halo(const struct cd *d, double x, double y, double size,
    enum anchor a, bool bold, const char *s)
{
	text_style(d, x, y, size, a, C_TEXT,
	    CANVAS_HALO | (bold ? CANVAS_BOLD : 0), s);
}

/* Text turned by deg degrees in the frame (negative: counter-clockwise). */
static void
text_turned(const struct cd *d, double x, double y, double size,
    enum anchor a, uint32_t color, double deg, const char *s)
{
	double w = tw(d, s, size), shift = 0, rad = deg * PI / 180;

	if (a == MIDDLE)
		shift = w / 2;
	else if (a == END)
		shift = w;
	x -= shift * cos(rad);
	y -= shift * sin(rad);
	canvas_text(d->cv, d->page, s, strlen(s), px(d, x), py(d, y),
	    size * d->s, color, 0, -deg, 0);
}

static void
line(const struct cd *d, double x1, double y1, double x2, double y2,
    uint32_t color, double width, double dash_on, double dash_off)
{
	canvas_line(d->cv, d->page, px(d, x1), py(d, y1), px(d, x2),
	    py(d, y2), color, width * d->s, dash_on * d->s, dash_off * d->s);
}

static void
rect(const struct cd *d, double x, double y, double w, double h,
    uint32_t fill, double radius)
{
	if (w <= 0 || h <= 0)
		return;
	canvas_rect(d->cv, d->page, SIZE_MAX, px(d, x), py(d, y + h),
	    w * d->s, h * d->s, radius * d->s, fill, CANVAS_NONE, 0);
}

static void
circle(const struct cd *d, double x, double y, double r, uint32_t fill,
    uint32_t stroke, double width)
{
	canvas_circle(d->cv, d->page, px(d, x), py(d, y), r * d->s, fill,
	    stroke, width * d->s);
}

/* A path through points (x, y pairs in the frame). */
static struct canvas_path *
poly(const struct cd *d, const double *xy, size_t n, bool closed,
    uint32_t fill, uint32_t stroke, double width)
{
	struct canvas_path *p = canvas_path(d->cv, d->page, SIZE_MAX, fill,
	    stroke, width * d->s);
	size_t i;

	p->round_join = true;
	for (i = 0; i < n; i++)
		if (i == 0)
			canvas_move(p, px(d, xy[0]), py(d, xy[1]));
		else
			canvas_line_to(p, px(d, xy[2 * i]),
			    py(d, xy[2 * i + 1]));
	if (closed)
		canvas_close(p);
	return p;
}

/* ------------------------------------------------------- measuring */

static double
width_n(const struct cd *d, const char *s, size_t n, double size)
{
	return canvas_text_width(d->m, s, n, size);
}

/* As split_two() in svg_chart.c. */
static bool
split_two(const struct cd *d, const char *s, double size, double maxw,
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

static char *
shorten(const struct cd *d, const char *s, double size, double maxw)
{
	size_t n = strlen(s), k;
	struct buf b = BUF_INIT;

	if (tw(d, s, size) <= maxw)
		return xstrdup(s);
	while (n > 0) {
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
legend_item_width(const struct cd *d, const char *name)
{
	return 14 + tw(d, name, LEGEND_SIZE);
}

static double
draw_legend(const struct cd *d, const struct legend *lg, double x, double y,
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
			rect(d, x, y - 9, 10, 10, canvas_color(lg->colors[i]),
			    2);
		else
			line(d, x - 2, y - 4, x + 11, y - 4, C_TARGET, 1.5, 4,
			    2);
		text(d, x + 14, y, LEGEND_SIZE, START, C_TEXT, false,
		    lg->names[i]);
		x += w + 16;
	}
	return y;
}

static double
draw_header(const struct cd *d, const struct chart *c,
    const struct legend *lg)
{
	double y = 20, title_w = 0, legend_w = 0;
	size_t i;
	bool has_title = c->title[0] != '\0';

	if (has_title) {
		char *t = shorten(d, c->title, TITLE_SIZE, W - 2 * PAD);

		text(d, PAD, y, TITLE_SIZE, START, C_TEXT, true, t);
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
	if (c->nseries > 1)
		for (i = 0; i < c->nseries; i++) {
			lg.names[lg.n] = c->series[i].name;
			lg.colors[lg.n++] = chart_series_color(i);
		}
	if (target) {
		lg.names[lg.n] = c->target_name;
		lg.colors[lg.n++] = NULL;
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
	double			 x0, x1, y0, y1;
	double			 band;
	enum label_mode		 labels;
	double			 h;
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
layout_plot(const struct cd *d, struct plot *p, const struct chart *c,
    double top)
{
	struct buf t = BUF_INIT;
	double w, widest = 0, label_widest = 0, room;
	size_t i, cut, next;

	p->c = c;
	p->h = H;
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
draw_grid(const struct cd *d, const struct plot *p)
{
	struct buf t = BUF_INIT;
	double v, y;
	size_t i;

	for (i = 0; i < p->axis.nticks; i++) {
		v = chart_axis_tick(&p->axis, i);
		y = plot_y(p, v);
		line(d, p->x0, y, p->x1, y, C_GRID, 1, 0, 0);
		buf_reset(&t);
		chart_format_tick(&t, p->c, &p->axis, v);
		text(d, p->x0 - 6, y + 3.5, TICK_SIZE, END, C_MUTED, false,
		    buf_str(&t));
	}
	buf_free(&t);
}

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
draw_baseline(const struct cd *d, const struct plot *p)
{
	double y = plot_base(p);

	line(d, p->x0, y, p->x1, y, C_AXIS, 1, 0, 0);
}

static void
draw_category_labels(const struct cd *d, const struct plot *p)
{
	const struct chart *c = p->c;
	double x, y = p->y1 + 16;
	size_t j, cut, next;
	char *first, *s;

	for (j = 0; j < c->nlabels; j++) {
		x = band_center(p, j);
		if (p->labels == LABELS_TURNED) {
			s = shorten(d, c->labels[j], LABEL_SIZE,
			    LABEL_TURNED_MAX);
			text_turned(d, x + 3, p->y1 + 12, LABEL_SIZE, END,
			    C_TEXT, -LABEL_TURN, s);
			free(s);
		} else if (tw(d, c->labels[j], LABEL_SIZE) <= p->band - 6 ||
		    !split_two(d, c->labels[j], LABEL_SIZE, p->band - 6, &cut,
		    &next))
			text(d, x, y, LABEL_SIZE, MIDDLE, C_TEXT, false,
			    c->labels[j]);
		else {
			first = xstrndup(c->labels[j], cut);
			text(d, x, y, LABEL_SIZE, MIDDLE, C_TEXT, false,
			    first);
			text(d, x, y + 13.5, LABEL_SIZE, MIDDLE, C_TEXT, false,
			    c->labels[j] + next);
			free(first);
		}
	}
}

static void
column_label(const struct cd *d, double x, double y_end, double height,
    double slot, bool negative, double size, const char *s)
{
	double w = tw(d, s, size);

	if (w <= slot) {
		text_halo(d, x, negative ? y_end + size + 2 : y_end - 4, size,
		    MIDDLE, false, s);
		return;
	}
	x += size * 0.36;
	if (height >= w + 8) {
		if (negative)
			text_turned(d, x, y_end - 4, size, START, C_WHITE, -90,
			    s);
		else
			text_turned(d, x, y_end + 4, size, END, C_WHITE, -90,
			    s);
	} else if (negative)
		text_turned(d, x, y_end + 4, size, END, C_TEXT, -90, s);
	else
		text_turned(d, x, y_end - 4, size, START, C_TEXT, -90, s);
}

static void
draw_target(const struct cd *d, const struct plot *p, double mark_width)
{
	const struct chart *c = p->c;
	struct buf t = BUF_INIT;
	double y, x, *pts;
	size_t j, n = 0;

	if (c->target_kind == CHART_TARGET_NONE)
		return;
	if (c->target_kind == CHART_TARGET_ONE) {
		y = plot_y(p, c->target[0].value);
		line(d, p->x0, y, p->x1, y, C_TARGET, 1.5, 6, 4);
		chart_format_value(&t, c, c->target[0].value);
		text_halo(d, p->x1 - 2, y - 5, 10, END, true, buf_str(&t));
	} else if (c->kind == CHART_LINE) {
		pts = xcalloc(2 * c->nlabels, sizeof(*pts));
		for (j = 0; j <= c->nlabels; j++) {
			if (j == c->nlabels || !c->target[j].present) {
				if (n > 1) {
					struct canvas_path *pa = poly(d, pts, n,
					    false, CANVAS_NONE, C_TARGET, 1.5);

					pa->dash[0] = 6 * d->s;
					pa->dash[1] = 4 * d->s;
				}
				n = 0;
				continue;
			}
			pts[2 * n] = band_center(p, j);
			pts[2 * n + 1] = plot_y(p, c->target[j].value);
			n++;
		}
		free(pts);
	} else
		for (j = 0; j < c->nlabels; j++) {
			if (!c->target[j].present)
				continue;
			x = band_center(p, j);
			y = plot_y(p, c->target[j].value);
			line(d, x - mark_width / 2 - 4, y,
			    x + mark_width / 2 + 4, y, C_TARGET, 2, 4, 3);
		}
	buf_free(&t);
}

static void
draw_missing(const struct cd *d, const struct plot *p, double x)
{
	text(d, x, plot_base(p) - 4, VALUE_SIZE, MIDDLE, C_MUTED, false,
	    "\xe2\x80\x93");	/* – */
}

static void
draw_bars(const struct cd *d, const struct plot *p)
{
	const struct chart *c = p->c;
	struct buf t = BUF_INIT;
	double group, bar, gap, x, y, y0 = plot_base(p), v, size;
	size_t i, j;

	if (c->kind == CHART_BAR) {
		group = p->band * 0.62;
		if (group > 72)
			group = 72;
		gap = 0;
	} else {
		group = p->band * 0.8;
		if (group > 36.0 * (double)c->nseries)
			group = 36.0 * (double)c->nseries;
		gap = c->nseries > 1 ? 2 : 0;
	}
	bar = (group - gap * (double)(c->nseries - 1)) / (double)c->nseries;
	size = c->kind == CHART_BAR ? VALUE_SIZE : 9.5;
	for (j = 0; j < c->nlabels; j++)
		for (i = 0; i < c->nseries; i++) {
			if (!c->series[i].values[j].present)
				continue;
			v = c->series[i].values[j].value;
			x = band_center(p, j) - group / 2 +
			    (double)i * (bar + gap);
			y = plot_y(p, v);
			rect(d, x, v >= 0 ? y : y0, bar, fabs(y - y0),
			    canvas_color(chart_series_color(i)),
			    bar > 6 ? 1.5 : 0);
		}
	draw_baseline(d, p);
	draw_target(d, p, group);
	for (j = 0; j < c->nlabels; j++)
		for (i = 0; i < c->nseries; i++) {
			x = band_center(p, j) - group / 2 +
			    (double)i * (bar + gap) + bar / 2;
			if (!c->series[i].values[j].present) {
				draw_missing(d, p, x);
				continue;
			}
			v = c->series[i].values[j].value;
			y = plot_y(p, v);
			buf_reset(&t);
			chart_format_value(&t, c, v);
			column_label(d, x, y, fabs(y - y0),
			    c->kind == CHART_BAR ? p->band - 4 : bar + gap + 1,
			    v < 0, size, buf_str(&t));
		}
	buf_free(&t);
}

static void
draw_stacked(const struct cd *d, const struct plot *p)
{
	const struct chart *c = p->c;
	struct buf t = BUF_INIT;
	double bar, x, base, top, v, total;
	size_t i, j;

	bar = p->band * 0.58;
	if (bar > 64)
		bar = 64;
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
			    canvas_color(chart_series_color(i)), 0);
			base += v;
		}
	}
	draw_baseline(d, p);
	draw_target(d, p, bar);
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
				    MIDDLE, C_WHITE, false, buf_str(&t));
			base += v;
		}
		total = chart_stack_total(c, j);
		buf_reset(&t);
		chart_format_value(&t, c, total);
		top = plot_y(p, total);
		text_halo(d, band_center(p, j), top - 4, VALUE_SIZE, MIDDLE,
		    true, buf_str(&t));
	}
	buf_free(&t);
}

static void
draw_lines(const struct cd *d, const struct plot *p)
{
	const struct chart *c = p->c;
	struct buf t = BUF_INIT;
	double x, y, *pts;
	size_t i, j, n;
	uint32_t color;

	draw_baseline(d, p);
	draw_target(d, p, p->band * 0.6);
	pts = xcalloc(2 * c->nlabels, sizeof(*pts));
	for (i = 0; i < c->nseries; i++) {
		color = canvas_color(chart_series_color(i));
		n = 0;
		for (j = 0; j <= c->nlabels; j++) {
			if (j == c->nlabels ||
			    !c->series[i].values[j].present) {
				if (n > 1)
					poly(d, pts, n, false, CANVAS_NONE,
					    color, 2.5);
				n = 0;
				continue;
			}
			pts[2 * n] = band_center(p, j);
			pts[2 * n + 1] = plot_y(p,
			    c->series[i].values[j].value);
			n++;
		}
		for (j = 0; j < c->nlabels; j++) {
			if (!c->series[i].values[j].present)
				continue;
			circle(d, band_center(p, j), plot_y(p,
			    c->series[i].values[j].value), 3.5, C_WHITE,
			    color, 2);
		}
	}
	free(pts);
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
		if (widest <= p->band - 2)
			for (j = 0; j < c->nlabels; j++) {
				if (!c->series[0].values[j].present)
					continue;
				x = band_center(p, j);
				y = plot_y(p, c->series[0].values[j].value);
				buf_reset(&t);
				chart_format_value(&t, c,
				    c->series[0].values[j].value);
				text_halo(d, x, y - 9, VALUE_SIZE, MIDDLE,
				    false, buf_str(&t));
			}
	}
	buf_free(&t);
}

static void
draw_cartesian(const struct cd *d, const struct chart *c)
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

static void
radar_point(double cx, double cy, double r, size_t j, size_t n, double *x,
    double *y)
{
	double a = -PI / 2 + 2 * PI * (double)j / (double)n;

	*x = cx + r * cos(a);
	*y = cy + r * sin(a);
}

static void
draw_radar(const struct cd *d, const struct chart *c)
{
	struct legend lg = series_legend(c);
	struct chart_axis axis;
	struct buf t = BUF_INIT;
	double top, cx, cy, r, x, y, ring, a, ca, sa, v, *pts;
	size_t i, j, n = c->nlabels;
	enum anchor anchor;

	top = draw_header(d, c, &lg);
	legend_free(&lg);
	chart_axis(c, &axis);
	cy = top + (H - 8 - top) / 2 + 2;
	r = (H - 8 - top) / 2 - 20;
	cx = W / 2;
	pts = xcalloc(2 * n, sizeof(*pts));

	for (i = 1; i < axis.nticks; i++) {
		ring = r * chart_axis_tick(&axis, i) / axis.max;
		for (j = 0; j < n; j++)
			radar_point(cx, cy, ring, j, n, &pts[2 * j],
			    &pts[2 * j + 1]);
		poly(d, pts, n, true, CANVAS_NONE,
		    i + 1 == axis.nticks ? C_AXIS : C_GRID, 1);
	}
	for (j = 0; j < n; j++) {
		radar_point(cx, cy, r, j, n, &x, &y);
		line(d, cx, cy, x, y, C_GRID, 1, 0, 0);
	}
	for (i = 1; i < axis.nticks; i++) {
		v = chart_axis_tick(&axis, i);
		buf_reset(&t);
		chart_format_tick(&t, c, &axis, v);
		text_style(d, cx + 4, cy - r * v / axis.max + 11, 9.5, START,
		    C_MUTED, CANVAS_HALO, buf_str(&t));
	}

	for (i = 0; i < c->nseries; i++) {
		uint32_t color = canvas_color(chart_series_color(i));
		struct canvas_path *pa;

		for (j = 0; j < n; j++) {
			v = c->series[i].values[j].present ?
			    c->series[i].values[j].value : 0;
			radar_point(cx, cy, r * v / axis.max, j, n,
			    &pts[2 * j], &pts[2 * j + 1]);
		}
		pa = poly(d, pts, n, true, color, CANVAS_NONE, 0);
		pa->fill_alpha = 0.16;
		poly(d, pts, n, true, CANVAS_NONE, color, 2);
		for (j = 0; j < n; j++) {
			if (!c->series[i].values[j].present)
				continue;
			radar_point(cx, cy,
			    r * c->series[i].values[j].value / axis.max, j, n,
			    &x, &y);
			circle(d, x, y, 3, color, CANVAS_NONE, 0);
		}
	}
	if (c->target_kind != CHART_TARGET_NONE) {
		struct canvas_path *pa;

		for (j = 0; j < n; j++) {
			v = c->target[j].present ? c->target[j].value : 0;
			radar_point(cx, cy, r * v / axis.max, j, n,
			    &pts[2 * j], &pts[2 * j + 1]);
		}
		pa = poly(d, pts, n, true, CANVAS_NONE, C_TARGET, 1.5);
		pa->dash[0] = 6 * d->s;
		pa->dash[1] = 4 * d->s;
	}
	free(pts);

	for (j = 0; j < n; j++) {
		char *s;

		a = -PI / 2 + 2 * PI * (double)j / (double)n;
		ca = cos(a);
		sa = sin(a);
		radar_point(cx, cy, r + 10, j, n, &x, &y);
		anchor = fabs(ca) < 0.2 ? MIDDLE : ca > 0 ? START : END;
		if (sa > 0.2)
			y += LABEL_SIZE;
		else if (sa >= -0.2)
			y += 4;
		else if (c->nseries == 1)
			y -= 12;
		s = shorten(d, c->labels[j], LABEL_SIZE, 150);
		text(d, x, y, LABEL_SIZE, anchor, C_TEXT, false, s);
		free(s);
		if (c->nseries == 1 && c->series[0].values[j].present) {
			buf_reset(&t);
			chart_format_value(&t, c, c->series[0].values[j].value);
			text(d, x, y + 12.5, 10, anchor, C_MUTED, true,
			    buf_str(&t));
		}
	}
	buf_free(&t);
}

/* ----------------------------------------------------- distribution */

static uint32_t
text_on(uint32_t color)
{
	double luma = 0.299 * (color >> 16 & 0xff) +
	    0.587 * (color >> 8 & 0xff) + 0.114 * (color & 0xff);

	return luma > 150 ? 0x2b2100u : C_WHITE;
}

static void
draw_distribution(const struct cd *d, const struct chart *c)
{
	struct buf t = BUF_INIT, name = BUF_INIT;
	struct legend none = { 0, NULL, NULL };
	double top, total = 0, x, w, v, y, bar_h = 40, lx, item_w;
	const double x0 = PAD, span = W - 2 * PAD;
	uint32_t color;
	size_t j;

	for (j = 0; j < c->nlabels; j++)
		if (c->series[0].values[j].present)
			total += c->series[0].values[j].value;
	top = draw_header(d, c, &none);
	buf_puts(&t, "n = ");
	chart_format_value(&t, c, total);
	text(d, W - PAD, 20, LEGEND_SIZE, END, C_MUTED, false, buf_str(&t));
	if (top < 30)
		top = 30;

	if (total <= 0)
		rect(d, x0, top, span, bar_h, C_GRID, 3);
	x = x0;
	for (j = 0; j < c->nlabels; j++) {
		v = c->series[0].values[j].present ?
		    c->series[0].values[j].value : 0;
		if (v <= 0 || total <= 0)
			continue;
		w = span * v / total;
		rect(d, x, top, w, bar_h, canvas_color(chart_label_color(c, j)),
		    0);
		if (x > x0)
			line(d, x, top, x, top + bar_h, C_WHITE, 1.5, 0, 0);
		x += w;
	}
	x = x0;
	for (j = 0; j < c->nlabels; j++) {
		v = c->series[0].values[j].present ?
		    c->series[0].values[j].value : 0;
		if (v <= 0 || total <= 0)
			continue;
		w = span * v / total;
		color = text_on(canvas_color(chart_label_color(c, j)));
		buf_reset(&t);
		chart_format_value(&t, c, v);
		if (tw(d, c->labels[j], 12) + 8 <= w &&
		    tw(d, buf_str(&t), 11) + 8 <= w) {
			text(d, x + w / 2, top + 17, 12, MIDDLE, color, true,
			    c->labels[j]);
			text(d, x + w / 2, top + 32, 11, MIDDLE, color, false,
			    buf_str(&t));
		} else if (tw(d, buf_str(&t), 11) + 4 <= w)
			text(d, x + w / 2, top + 25, 11, MIDDLE, color, true,
			    buf_str(&t));
		x += w;
	}

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
		rect(d, lx, y - 9, 10, 10, canvas_color(chart_label_color(c, j)),
		    2);
		text(d, lx + 14, y, LEGEND_SIZE, START, C_TEXT, false,
		    buf_str(&name));
		lx += item_w + 18;
	}
	buf_free(&t);
	buf_free(&name);
}

/* ------------------------------------------------------------ entry */

double
chart_pdf_height(const struct chart *c, double width)
{
	return (c->kind == CHART_DISTRIBUTION ? H_DISTRIBUTION : H) *
	    width / W;
}

void
chart_pdf_draw(struct canvas *cv, size_t page, const struct canvas_measure *m,
    const struct chart *c, double x, double top, double width)
{
	struct cd d;

	d.cv = cv;
	d.page = page;
	d.m = m;
	d.ox = x;
	d.oy = top;
	d.s = width / W;
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
