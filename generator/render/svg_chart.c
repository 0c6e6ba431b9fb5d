/*
 * SVG drawings of charts (see svg_chart.h).  One function per layout:
 * the cartesian charts (bar, grouped_bar, stacked_bar, line) share axes,
 * grid and category labels; radar and distribution have their own.
 * Geometry is computed in doubles and written with one decimal.
 */
#include <math.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/numfmt.h"
#include "util/utf8.h"
#include "markdown/cjk.h"
#include "render/chart.h"
#include "render/html_escape.h"
#include "render/svg_chart.h"

#define W		((double)SVG_CHART_WIDTH)
#define PAD		8.0	/* around the drawing */
#define TITLE_SIZE	15.0
#define LEGEND_SIZE	11.0
#define TICK_SIZE	10.5
#define LABEL_SIZE	11.0
#define VALUE_SIZE	10.5
#define LABEL_TURN	35.0	/* degrees, for labels too long to wrap */
#define LABEL_TURNED_MAX 110.0	/* longest turned label, viewBox units */

#define C_TEXT		"#1f2933"
#define C_MUTED		"#5f6b7a"
#define C_GRID		"#e4e8ed"
#define C_AXIS		"#9aa5b1"
#define C_TARGET	"#1f2933"

#define PI		3.14159265358979323846

/* ------------------------------------------------------------ writing */

static void
num(struct buf *b, double v)
{
	fmt_fixed(b, v, 1);
}

static void
attr(struct buf *b, const char *name, double v)
{
	buf_printf(b, " %s=\"", name);
	num(b, v);
	buf_putc(b, '"');
}

/* Opens a <text> element; the caller may add attributes, then text_end. */
static void
text_begin(struct buf *b, double x, double y, double size,
    const char *anchor, const char *fill, bool bold)
{
	buf_puts(b, "<text");
	attr(b, "x", x);
	attr(b, "y", y);
	buf_puts(b, " font-size=\"");
	num(b, size);
	buf_putc(b, '"');
	if (anchor != NULL)
		buf_printf(b, " text-anchor=\"%s\"", anchor);
	buf_printf(b, " fill=\"%s\"", fill);
	if (bold)
		buf_puts(b, " font-weight=\"600\"");
}

static void
text_end(struct buf *b, const char *s, const char *tooltip)
{
	buf_putc(b, '>');
	if (tooltip != NULL) {
		buf_puts(b, "<title>");
		html_escape_str(b, tooltip);
		buf_puts(b, "</title>");
	}
	html_escape_str(b, s);
	buf_puts(b, "</text>\n");
}

static void
text(struct buf *b, double x, double y, double size, const char *anchor,
    const char *fill, bool bold, const char *s)
{
	text_begin(b, x, y, size, anchor, fill, bold);
	text_end(b, s, NULL);
}

/* Text with a white outline, readable over grid and target lines. */
static void
text_halo(struct buf *b, double x, double y, double size, const char *anchor,
    bool bold, const char *s)
{
	text_begin(b, x, y, size, anchor, C_TEXT, bold);
	buf_puts(b, " stroke=\"#ffffff\" stroke-width=\"3\" "
	    "stroke-linejoin=\"round\" paint-order=\"stroke\"");
	text_end(b, s, NULL);
}

/* Text turned by deg degrees (negative: counter-clockwise) about (x, y). */
static void
text_turned(struct buf *b, double x, double y, double size,
    const char *anchor, const char *fill, double deg, const char *s,
    const char *tooltip)
{
	text_begin(b, x, y, size, anchor, fill, false);
	buf_puts(b, " transform=\"rotate(");
	num(b, deg);
	buf_putc(b, ' ');
	num(b, x);
	buf_putc(b, ' ');
	num(b, y);
	buf_puts(b, ")\"");
	text_end(b, s, tooltip);
}

static void
line(struct buf *b, double x1, double y1, double x2, double y2,
    const char *stroke, double width, const char *dash)
{
	buf_puts(b, "<line");
	attr(b, "x1", x1);
	attr(b, "y1", y1);
	attr(b, "x2", x2);
	attr(b, "y2", y2);
	buf_printf(b, " stroke=\"%s\"", stroke);
	attr(b, "stroke-width", width);
	if (dash != NULL)
		buf_printf(b, " stroke-dasharray=\"%s\"", dash);
	buf_puts(b, "/>\n");
}

static void
rect(struct buf *b, double x, double y, double w, double h,
    const char *fill, double radius)
{
	buf_puts(b, "<rect");
	attr(b, "x", x);
	attr(b, "y", y);
	attr(b, "width", w);
	attr(b, "height", h);
	if (radius > 0)
		attr(b, "rx", radius);
	buf_printf(b, " fill=\"%s\"/>\n", fill);
}

static void
point(struct buf *b, double x, double y)
{
	num(b, x);
	buf_putc(b, ',');
	num(b, y);
}

/* -------------------------------------------------------- measuring */

double
svg_text_width(const char *s, double size)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;
	double em = 0;

	while (i < n) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			cp = 0xfffd;
			k = 1;
		}
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

static double
width_n(const char *s, size_t n, double size)
{
	char *t = xstrndup(s, n);
	double w = svg_text_width(t, size);

	free(t);
	return w;
}

/*
 * Splits s into two lines no wider than maxw: at a space, or between two
 * characters one of which is CJK.  Sets *cut (end of line one) and *next
 * (start of line two); false when no split fits.
 */
static bool
split_two(const char *s, double size, double maxw, size_t *cut,
    size_t *next)
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

			w1 = width_n(s, c, size);
			w2 = svg_text_width(s + nx, size);
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
shorten(const char *s, double size, double maxw)
{
	size_t n = strlen(s), k;
	struct buf b = BUF_INIT;

	if (svg_text_width(s, size) <= maxw)
		return xstrdup(s);
	while (n > 0) {
		/* drop the last code point */
		k = n - 1;
		while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
			k--;
		n = k;
		if (width_n(s, n, size) + svg_text_width("\xe2\x80\xa6",
		    size) <= maxw)
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
legend_item_width(const char *name)
{
	return 14 + svg_text_width(name, LEGEND_SIZE);
}

/* Draws the legend items from x on rows from y; returns the last row's y. */
static double
draw_legend(struct buf *b, const struct legend *lg, double x, double y,
    double right)
{
	double x_start = x, w;
	size_t i;

	for (i = 0; i < lg->n; i++) {
		w = legend_item_width(lg->names[i]);
		if (x > x_start && x + w > right) {
			x = x_start;
			y += 18;
		}
		if (lg->colors[i] != NULL)
			rect(b, x, y - 9, 10, 10, lg->colors[i], 2);
		else
			line(b, x - 2, y - 4, x + 11, y - 4, C_TARGET, 1.5,
			    "4 2");
		text(b, x + 14, y, LEGEND_SIZE, NULL, C_TEXT, false,
		    lg->names[i]);
		x += w + 16;
	}
	return y;
}

/*
 * The title on the left of the first row; the legend on its right when
 * both fit, else on rows below.  Returns the y where drawing may start.
 */
static double
draw_header(struct buf *b, const struct chart *c, const struct legend *lg)
{
	double y = 20, title_w = 0, legend_w = 0;
	size_t i;
	bool has_title = c->title[0] != '\0';

	if (has_title) {
		char *t = shorten(c->title, TITLE_SIZE, W - 2 * PAD);

		text(b, PAD, y, TITLE_SIZE, NULL, C_TEXT, true, t);
		title_w = svg_text_width(t, TITLE_SIZE);
		free(t);
	}
	if (lg == NULL || lg->n == 0)
		return has_title ? y + 18 : 16;
	for (i = 0; i < lg->n; i++)
		legend_w += legend_item_width(lg->names[i]) + (i ? 16 : 0);
	if (has_title && title_w + 24 + legend_w <= W - 2 * PAD)
		y = draw_legend(b, lg, W - PAD - legend_w, y, W - PAD);
	else
		y = draw_legend(b, lg, PAD, has_title ? y + 22 : y, W - PAD);
	return y + 18;
}

/* The series when there are two or more, then the target if named. */
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
	double			 h;			/* viewBox height */
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
layout_plot(struct plot *p, const struct chart *c, double top)
{
	struct buf t = BUF_INIT;
	double w, widest = 0, label_widest = 0, room;
	size_t i, cut, next;

	p->c = c;
	p->h = SVG_CHART_HEIGHT;
	chart_axis(c, &p->axis);
	for (i = 0; i < p->axis.nticks; i++) {
		buf_reset(&t);
		chart_format_tick(&t, c, &p->axis,
		    chart_axis_tick(&p->axis, i));
		if ((w = svg_text_width(buf_str(&t), TICK_SIZE)) > widest)
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
		w = svg_text_width(c->labels[i], LABEL_SIZE);
		if (w > label_widest)
			label_widest = w;
		if (w <= room)
			continue;
		if (split_two(c->labels[i], LABEL_SIZE, room, &cut, &next)) {
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
draw_grid(struct buf *b, const struct plot *p)
{
	struct buf t = BUF_INIT;
	double v, y;
	size_t i;

	buf_puts(b, "<g class=\"grid\">\n");
	for (i = 0; i < p->axis.nticks; i++) {
		v = chart_axis_tick(&p->axis, i);
		y = plot_y(p, v);
		line(b, p->x0, y, p->x1, y, C_GRID, 1, NULL);
		buf_reset(&t);
		chart_format_tick(&t, p->c, &p->axis, v);
		text(b, p->x0 - 6, y + 3.5, TICK_SIZE, "end", C_MUTED, false,
		    buf_str(&t));
	}
	buf_puts(b, "</g>\n");
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
draw_baseline(struct buf *b, const struct plot *p)
{
	double y = plot_base(p);

	line(b, p->x0, y, p->x1, y, C_AXIS, 1, NULL);
}

static void
draw_category_labels(struct buf *b, const struct plot *p)
{
	const struct chart *c = p->c;
	double x, y = p->y1 + 16;
	size_t j, cut, next;
	char *first, *s;

	buf_puts(b, "<g class=\"labels\">\n");
	for (j = 0; j < c->nlabels; j++) {
		x = band_center(p, j);
		if (p->labels == LABELS_TURNED) {
			s = shorten(c->labels[j], LABEL_SIZE,
			    LABEL_TURNED_MAX);
			text_turned(b, x + 3, p->y1 + 12, LABEL_SIZE, "end",
			    C_TEXT, -LABEL_TURN, s, strcmp(s, c->labels[j])
			    != 0 ? c->labels[j] : NULL);
			free(s);
		} else if (svg_text_width(c->labels[j], LABEL_SIZE) <=
		    p->band - 6 || !split_two(c->labels[j], LABEL_SIZE,
		    p->band - 6, &cut, &next))
			text(b, x, y, LABEL_SIZE, "middle", C_TEXT, false,
			    c->labels[j]);
		else {
			first = xstrndup(c->labels[j], cut);
			text(b, x, y, LABEL_SIZE, "middle", C_TEXT, false,
			    first);
			text(b, x, y + 13.5, LABEL_SIZE, "middle", C_TEXT,
			    false, c->labels[j] + next);
			free(first);
		}
	}
	buf_puts(b, "</g>\n");
}

/*
 * A value label for a column centred on x, slot units wide, whose end is
 * at y_end (the top of a positive column, the bottom of a negative one),
 * height units tall.  Horizontal beyond the end when it fits the slot;
 * otherwise turned upright, inside the column when it is tall enough.
 */
static void
column_label(struct buf *b, double x, double y_end, double height,
    double slot, bool negative, double size, const char *s)
{
	double w = svg_text_width(s, size);

	if (w <= slot) {
		text_halo(b, x, negative ? y_end + size + 2 : y_end - 4, size,
		    "middle", false, s);
		return;
	}
	x += size * 0.36;	/* upright text sits left of its baseline */
	if (height >= w + 8) {
		if (negative)
			text_turned(b, x, y_end - 4, size, "start", "#ffffff",
			    -90, s, NULL);
		else
			text_turned(b, x, y_end + 4, size, "end", "#ffffff",
			    -90, s, NULL);
	} else if (negative)
		text_turned(b, x, y_end + 4, size, "end", C_TEXT, -90, s,
		    NULL);
	else
		text_turned(b, x, y_end - 4, size, "start", C_TEXT, -90, s,
		    NULL);
}

/* The target: a dashed line across, or a dashed mark over each label. */
static void
draw_target(struct buf *b, const struct plot *p, double mark_width)
{
	const struct chart *c = p->c;
	struct buf t = BUF_INIT;
	double y, x;
	size_t j;
	bool open = false;

	if (c->target_kind == CHART_TARGET_NONE)
		return;
	buf_puts(b, "<g class=\"target\">\n");
	if (c->target_kind == CHART_TARGET_ONE) {
		y = plot_y(p, c->target[0].value);
		line(b, p->x0, y, p->x1, y, C_TARGET, 1.5, "6 4");
		chart_format_value(&t, c, c->target[0].value);
		text_halo(b, p->x1 - 2, y - 5, 10, "end", true, buf_str(&t));
	} else if (c->kind == CHART_LINE) {
		for (j = 0; j < c->nlabels; j++) {
			if (!c->target[j].present) {
				if (open)
					buf_puts(b, "\"/>\n");
				open = false;
				continue;
			}
			if (!open)
				buf_printf(b, "<polyline fill=\"none\" "
				    "stroke=\"%s\" stroke-width=\"1.5\" "
				    "stroke-dasharray=\"6 4\" points=\"",
				    C_TARGET);
			else
				buf_putc(b, ' ');
			point(b, band_center(p, j),
			    plot_y(p, c->target[j].value));
			open = true;
		}
		if (open)
			buf_puts(b, "\"/>\n");
	} else
		for (j = 0; j < c->nlabels; j++) {
			if (!c->target[j].present)
				continue;
			x = band_center(p, j);
			y = plot_y(p, c->target[j].value);
			line(b, x - mark_width / 2 - 4, y,
			    x + mark_width / 2 + 4, y, C_TARGET, 2, "4 3");
		}
	buf_puts(b, "</g>\n");
	buf_free(&t);
}

static void
draw_missing(struct buf *b, const struct plot *p, double x)
{
	text(b, x, plot_base(p) - 4, VALUE_SIZE, "middle", C_MUTED, false,
	    "\xe2\x80\x93");	/* – */
}

static void
draw_bars(struct buf *b, const struct plot *p)
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
	buf_puts(b, "<g class=\"bars\">\n");
	for (j = 0; j < c->nlabels; j++)
		for (i = 0; i < c->nseries; i++) {
			if (!c->series[i].values[j].present)
				continue;
			v = c->series[i].values[j].value;
			x = band_center(p, j) - group / 2 +
			    (double)i * (bar + gap);
			y = plot_y(p, v);
			rect(b, x, v >= 0 ? y : y0, bar, fabs(y - y0),
			    chart_series_color(i), bar > 6 ? 1.5 : 0);
		}
	buf_puts(b, "</g>\n");
	draw_baseline(b, p);
	draw_target(b, p, group);
	buf_puts(b, "<g class=\"values\">\n");
	for (j = 0; j < c->nlabels; j++)
		for (i = 0; i < c->nseries; i++) {
			x = band_center(p, j) - group / 2 +
			    (double)i * (bar + gap) + bar / 2;
			if (!c->series[i].values[j].present) {
				draw_missing(b, p, x);
				continue;
			}
			v = c->series[i].values[j].value;
			y = plot_y(p, v);
			buf_reset(&t);
			chart_format_value(&t, c, v);
			column_label(b, x, y, fabs(y - y0),
			    c->kind == CHART_BAR ? p->band - 4 : bar + gap + 1,
			    v < 0, size, buf_str(&t));
		}
	buf_puts(b, "</g>\n");
	buf_free(&t);
}

static void
draw_stacked(struct buf *b, const struct plot *p)
{
	const struct chart *c = p->c;
	struct buf t = BUF_INIT;
	double bar, x, base, top, v, total;
	size_t i, j;

	bar = p->band * 0.58;
	if (bar > 64)
		bar = 64;
	buf_puts(b, "<g class=\"bars\">\n");
	for (j = 0; j < c->nlabels; j++) {
		x = band_center(p, j) - bar / 2;
		base = 0;
		for (i = 0; i < c->nseries; i++) {
			if (!c->series[i].values[j].present ||
			    c->series[i].values[j].value == 0)
				continue;
			v = c->series[i].values[j].value;
			top = plot_y(p, base + v);
			rect(b, x, top, bar, plot_y(p, base) - top,
			    chart_series_color(i), 0);
			base += v;
		}
	}
	buf_puts(b, "</g>\n");
	draw_baseline(b, p);
	draw_target(b, p, bar);
	buf_puts(b, "<g class=\"values\">\n");
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
			    svg_text_width(buf_str(&t), 9.5) <= bar - 4)
				text(b, band_center(p, j),
				    (top + plot_y(p, base)) / 2 + 3.5, 9.5,
				    "middle", "#ffffff", false, buf_str(&t));
			base += v;
		}
		total = chart_stack_total(c, j);
		buf_reset(&t);
		chart_format_value(&t, c, total);
		top = plot_y(p, total);
		text_halo(b, band_center(p, j), top - 4, VALUE_SIZE,
		    "middle", true, buf_str(&t));
	}
	buf_puts(b, "</g>\n");
	buf_free(&t);
}

static void
draw_lines(struct buf *b, const struct plot *p)
{
	const struct chart *c = p->c;
	struct buf t = BUF_INIT;
	double x, y;
	size_t i, j;
	bool open;

	draw_baseline(b, p);
	draw_target(b, p, p->band * 0.6);
	for (i = 0; i < c->nseries; i++) {
		buf_printf(b, "<g class=\"series\" fill=\"none\" "
		    "stroke=\"%s\">\n", chart_series_color(i));
		open = false;
		for (j = 0; j < c->nlabels; j++) {
			if (!c->series[i].values[j].present) {
				if (open)
					buf_puts(b, "\"/>\n");
				open = false;
				continue;
			}
			if (!open)
				buf_puts(b, "<polyline stroke-width=\"2.5\" "
				    "stroke-linejoin=\"round\" points=\"");
			else
				buf_putc(b, ' ');
			point(b, band_center(p, j),
			    plot_y(p, c->series[i].values[j].value));
			open = true;
		}
		if (open)
			buf_puts(b, "\"/>\n");
		for (j = 0; j < c->nlabels; j++) {
			if (!c->series[i].values[j].present)
				continue;
			buf_puts(b, "<circle");
			attr(b, "cx", band_center(p, j));
			attr(b, "cy", plot_y(p,
			    c->series[i].values[j].value));
			buf_puts(b, " r=\"3.5\" fill=\"#ffffff\" "
			    "stroke-width=\"2\"/>\n");
		}
		buf_puts(b, "</g>\n");
	}
	/* values beside the points of a single line, when they fit */
	if (c->nseries == 1) {
		double widest = 0, w;

		for (j = 0; j < c->nlabels; j++) {
			if (!c->series[0].values[j].present)
				continue;
			buf_reset(&t);
			chart_format_value(&t, c, c->series[0].values[j].value);
			if ((w = svg_text_width(buf_str(&t), VALUE_SIZE)) >
			    widest)
				widest = w;
		}
		if (widest <= p->band - 2) {
			buf_puts(b, "<g class=\"values\">\n");
			for (j = 0; j < c->nlabels; j++) {
				if (!c->series[0].values[j].present)
					continue;
				x = band_center(p, j);
				y = plot_y(p, c->series[0].values[j].value);
				buf_reset(&t);
				chart_format_value(&t, c,
				    c->series[0].values[j].value);
				text_halo(b, x, y - 9, VALUE_SIZE, "middle",
				    false, buf_str(&t));
			}
			buf_puts(b, "</g>\n");
		}
	}
	buf_free(&t);
}

static void
draw_cartesian(struct buf *b, const struct chart *c)
{
	struct legend lg = series_legend(c);
	struct plot p;
	double top;

	top = draw_header(b, c, &lg);
	legend_free(&lg);
	layout_plot(&p, c, top);
	draw_grid(b, &p);
	switch (c->kind) {
	case CHART_BAR:
	case CHART_GROUPED_BAR:
		draw_bars(b, &p);
		break;
	case CHART_STACKED_BAR:
		draw_stacked(b, &p);
		break;
	default:
		draw_lines(b, &p);
		break;
	}
	draw_category_labels(b, &p);
}

/* ------------------------------------------------------------ radar */

static void
radar_point(double cx, double cy, double r, size_t j, size_t n,
    double *x, double *y)
{
	double a = -PI / 2 + 2 * PI * (double)j / (double)n;

	*x = cx + r * cos(a);
	*y = cy + r * sin(a);
}

static void
draw_radar(struct buf *b, const struct chart *c)
{
	struct legend lg = series_legend(c);
	struct chart_axis axis;
	struct buf t = BUF_INIT;
	double top, cx, cy, r, x, y, ring, a, ca, sa, v;
	size_t i, j, n = c->nlabels;
	const char *anchor;

	top = draw_header(b, c, &lg);
	legend_free(&lg);
	chart_axis(c, &axis);
	cy = top + (SVG_CHART_HEIGHT - 8 - top) / 2 + 2;
	r = (SVG_CHART_HEIGHT - 8 - top) / 2 - 20;
	cx = W / 2;

	buf_puts(b, "<g class=\"grid\" fill=\"none\">\n");
	for (i = 1; i < axis.nticks; i++) {
		ring = r * chart_axis_tick(&axis, i) / axis.max;
		buf_printf(b, "<polygon stroke=\"%s\" stroke-width=\"1\" "
		    "points=\"", i + 1 == axis.nticks ? C_AXIS : C_GRID);
		for (j = 0; j < n; j++) {
			radar_point(cx, cy, ring, j, n, &x, &y);
			if (j > 0)
				buf_putc(b, ' ');
			point(b, x, y);
		}
		buf_puts(b, "\"/>\n");
	}
	for (j = 0; j < n; j++) {
		radar_point(cx, cy, r, j, n, &x, &y);
		line(b, cx, cy, x, y, C_GRID, 1, NULL);
	}
	buf_puts(b, "</g>\n");
	/* ring values up the first axis */
	for (i = 1; i < axis.nticks; i++) {
		v = chart_axis_tick(&axis, i);
		buf_reset(&t);
		chart_format_tick(&t, c, &axis, v);
		text_begin(b, cx + 4, cy - r * v / axis.max + 11, 9.5, NULL,
		    C_MUTED, false);
		buf_puts(b, " stroke=\"#ffffff\" stroke-width=\"2.5\" "
		    "stroke-linejoin=\"round\" paint-order=\"stroke\"");
		text_end(b, buf_str(&t), NULL);
	}

	for (i = 0; i < c->nseries; i++) {
		const char *color = chart_series_color(i);

		buf_printf(b, "<g class=\"series\" stroke=\"%s\">\n", color);
		buf_printf(b, "<polygon fill=\"%s\" fill-opacity=\"0.16\" "
		    "stroke-width=\"2\" stroke-linejoin=\"round\" points=\"",
		    color);
		for (j = 0; j < n; j++) {
			v = c->series[i].values[j].present ?
			    c->series[i].values[j].value : 0;
			radar_point(cx, cy, r * v / axis.max, j, n, &x, &y);
			if (j > 0)
				buf_putc(b, ' ');
			point(b, x, y);
		}
		buf_puts(b, "\"/>\n");
		for (j = 0; j < n; j++) {
			if (!c->series[i].values[j].present)
				continue;
			radar_point(cx, cy,
			    r * c->series[i].values[j].value / axis.max, j,
			    n, &x, &y);
			buf_puts(b, "<circle");
			attr(b, "cx", x);
			attr(b, "cy", y);
			buf_printf(b, " r=\"3\" fill=\"%s\"/>\n", color);
		}
		buf_puts(b, "</g>\n");
	}
	if (c->target_kind != CHART_TARGET_NONE) {
		buf_printf(b, "<polygon class=\"target\" fill=\"none\" "
		    "stroke=\"%s\" stroke-width=\"1.5\" "
		    "stroke-dasharray=\"6 4\" points=\"", C_TARGET);
		for (j = 0; j < n; j++) {
			v = c->target[j].present ? c->target[j].value : 0;
			radar_point(cx, cy, r * v / axis.max, j, n, &x, &y);
			if (j > 0)
				buf_putc(b, ' ');
			point(b, x, y);
		}
		buf_puts(b, "\"/>\n");
	}

	/* axis labels, with the value below when there is one series */
	buf_puts(b, "<g class=\"labels\">\n");
	for (j = 0; j < n; j++) {
		char *s;

		a = -PI / 2 + 2 * PI * (double)j / (double)n;
		ca = cos(a);
		sa = sin(a);
		radar_point(cx, cy, r + 10, j, n, &x, &y);
		anchor = fabs(ca) < 0.2 ? "middle" : ca > 0 ? "start" : "end";
		if (sa > 0.2)
			y += LABEL_SIZE;
		else if (sa >= -0.2)
			y += 4;
		else if (c->nseries == 1)
			y -= 12;
		s = shorten(c->labels[j], LABEL_SIZE, 150);
		text_begin(b, x, y, LABEL_SIZE, anchor, C_TEXT, false);
		text_end(b, s, strcmp(s, c->labels[j]) != 0 ? c->labels[j] :
		    NULL);
		free(s);
		if (c->nseries == 1 && c->series[0].values[j].present) {
			buf_reset(&t);
			chart_format_value(&t, c, c->series[0].values[j].value);
			text(b, x, y + 12.5, 10, anchor, C_MUTED, true,
			    buf_str(&t));
		}
	}
	buf_puts(b, "</g>\n");
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
		return "#ffffff";
	luma = 0.299 * r + 0.587 * g + 0.114 * b;
	return luma > 150 ? "#2b2100" : "#ffffff";
}

static void
draw_distribution(struct buf *b, const struct chart *c)
{
	struct buf t = BUF_INIT, name = BUF_INIT;
	struct legend none = { 0, NULL, NULL };
	double top, total = 0, x, w, v, y, bar_h = 40, lx, item_w;
	const double x0 = PAD, span = W - 2 * PAD;
	size_t j;

	for (j = 0; j < c->nlabels; j++)
		if (c->series[0].values[j].present)
			total += c->series[0].values[j].value;
	top = draw_header(b, c, &none);
	buf_puts(&t, "n = ");
	chart_format_value(&t, c, total);
	text(b, W - PAD, 20, LEGEND_SIZE, "end", C_MUTED, false,
	    buf_str(&t));
	if (top < 30)
		top = 30;

	buf_puts(b, "<g class=\"bars\">\n");
	if (total <= 0)
		rect(b, x0, top, span, bar_h, C_GRID, 3);
	x = x0;
	for (j = 0; j < c->nlabels; j++) {
		v = c->series[0].values[j].present ?
		    c->series[0].values[j].value : 0;
		if (v <= 0 || total <= 0)
			continue;
		w = span * v / total;
		rect(b, x, top, w, bar_h, chart_label_color(c, j), 0);
		if (x > x0)
			line(b, x, top, x, top + bar_h, "#ffffff", 1.5, NULL);
		x += w;
	}
	buf_puts(b, "</g>\n<g class=\"values\">\n");
	x = x0;
	for (j = 0; j < c->nlabels; j++) {
		v = c->series[0].values[j].present ?
		    c->series[0].values[j].value : 0;
		if (v <= 0 || total <= 0)
			continue;
		w = span * v / total;
		buf_reset(&t);
		chart_format_value(&t, c, v);
		if (svg_text_width(c->labels[j], 12) + 8 <= w &&
		    svg_text_width(buf_str(&t), 11) + 8 <= w) {
			text(b, x + w / 2, top + 17, 12, "middle",
			    text_on(chart_label_color(c, j)), true,
			    c->labels[j]);
			text(b, x + w / 2, top + 32, 11, "middle",
			    text_on(chart_label_color(c, j)), false,
			    buf_str(&t));
		} else if (svg_text_width(buf_str(&t), 11) + 4 <= w)
			text(b, x + w / 2, top + 25, 11, "middle",
			    text_on(chart_label_color(c, j)), true,
			    buf_str(&t));
		x += w;
	}
	buf_puts(b, "</g>\n");

	/* every label with its count and share, also the empty ones */
	buf_puts(b, "<g class=\"legend\">\n");
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
		item_w = legend_item_width(buf_str(&name));
		if (lx > x0 && lx + item_w > W - PAD) {
			lx = x0;
			y += 18;
		}
		rect(b, lx, y - 9, 10, 10, chart_label_color(c, j), 2);
		text(b, lx + 14, y, LEGEND_SIZE, NULL, C_TEXT, false,
		    buf_str(&name));
		lx += item_w + 18;
	}
	buf_puts(b, "</g>\n");
	buf_free(&t);
	buf_free(&name);
}

/* ------------------------------------------------------------ entry */

void
svg_chart(struct buf *b, const struct chart *c)
{
	int h = c->kind == CHART_DISTRIBUTION ? SVG_DISTRIBUTION_HEIGHT :
	    SVG_CHART_HEIGHT;

	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "class=\"chart-svg\" role=\"img\" font-size=\"11\">\n",
	    SVG_CHART_WIDTH, h, SVG_CHART_WIDTH, h);
	buf_puts(b, "<title>");
	html_escape_str(b, c->title[0] != '\0' ? c->title :
	    chart_kind_name(c->kind));
	buf_puts(b, "</title>\n");
	switch (c->kind) {
	case CHART_RADAR:
		draw_radar(b, c);
		break;
	case CHART_DISTRIBUTION:
		draw_distribution(b, c);
		break;
	default:
		draw_cartesian(b, c);
		break;
	}
	buf_puts(b, "</svg>\n");
}
