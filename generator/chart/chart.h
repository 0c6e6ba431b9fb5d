/*
 * Charts in report Markdown: a fenced code block with the info string
 * "chart" whose body is YAML (the syntax is in docs/templates.md).  This
 * header owns struct chart, the contract between reading a chart and
 * drawing it: chart_geom.c lays it out once as primitives, which
 * render/svg_chart.c writes as SVG for HTML and pdf/chart_pdf.c as PDF
 * vectors.  It holds data only; the helpers below (axis, number format,
 * colours) give the layout its ticks, numbers and colours.  Any stage may
 * include this header.
 */
#ifndef SC_CHART_CHART_H
#define SC_CHART_CHART_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

enum chart_kind {
	CHART_BAR,		/* one series, a column per label */
	CHART_GROUPED_BAR,	/* a group of columns per label, one per series */
	CHART_STACKED_BAR,	/* series stacked in one column per label */
	CHART_LINE,		/* a line per series across the labels */
	CHART_RADAR,		/* an axis per label (at least 3), a polygon per series */
	CHART_DISTRIBUTION	/* one series of counts: one horizontal stacked bar */
};

enum chart_unit {
	CHART_COUNT,		/* plain numbers: 12, 3.5 */
	CHART_MONEY,		/* amounts in the currency: 1,234,567 */
	CHART_PERCENT,		/* ratios, 1 = 100 %: shown as 86.3% */
	CHART_SCORE		/* scores: 87.5 */
};

/* One number; present is false for a missing value (YAML null). */
struct chart_value {
	bool	 present;
	double	 value;
};

struct chart_series {
	char			*name;		/* "" when not given */
	struct chart_value	*values;	/* nlabels of them */
};

enum chart_target {
	CHART_TARGET_NONE,
	CHART_TARGET_ONE,	/* one number: a dashed line across the chart */
	CHART_TARGET_EACH	/* one number a label: a dashed mark per label */
};

struct chart {
	enum chart_kind		 kind;
	enum chart_unit		 unit;
	char			*title;		/* "" when not given */
	long			 line;		/* the fence line in the source */
	size_t			 nlabels;
	char			**labels;
	size_t			 nseries;
	struct chart_series	*series;
	enum chart_target	 target_kind;
	struct chart_value	*target;	/* nlabels values unless NONE;
						   ONE repeats the number */
	char			*target_name;	/* legend text; "" for none */
	bool			 has_max;
	double			 max;		/* the value axis reaches at least this */
	double			 height;	/* frame units; 0: the default */
	double			 width;		/* frame units; 0: the default */
	enum chart_compact {
		CHART_COMPACT_NONE,	/* a label too wide is turned */
		CHART_COMPACT_WAN,	/* 380万, 1.2亿 */
		CHART_COMPACT_THOUSANDS	/* 380K, 3.8M, 1.2B */
	}			 compact;	/* a value label too wide */
};

/* The frame sizes a chart may ask for with height: and width:. */
#define CHART_MIN_HEIGHT	120
#define CHART_MAX_HEIGHT	480
#define CHART_MIN_WIDTH		240
#define CHART_MAX_WIDTH		640

/* Limits that keep a chart readable (and bound hostile input). */
#define CHART_MAX_LABELS	60
#define CHART_MAX_SERIES	12
#define CHART_MAX_TEXT		200	/* bytes in a title, label or name */
#define CHART_MAX_ABS		1e15

/*
 * Reads the body of a chart block.  fence_line is the line of the opening
 * fence in file, so that body line k is reported as fence_line + k.
 * Reports every problem it finds through diag() (file:line: chart: ...)
 * and returns NULL if there was any.
 */
struct chart	*chart_parse(const char *file, long fence_line,
		    const char *body, size_t len);
void		 chart_free(struct chart *);

const char	*chart_kind_name(enum chart_kind);

/*
 * For the stage that writes chart blocks from data: appends s[0..len) as
 * a double-quoted YAML scalar that chart_parse() reads back as exactly
 * s, whatever it holds (quotes, brackets, "#", line breaks, a "```").
 * A chart block is code, so Markdown escaping does not apply inside it:
 * templates insert such ready-made YAML with {{{...}}}.
 */
void		 chart_yaml_quote(struct buf *, const char *s, size_t len);

/*
 * The value axis: ticks at min, min + step, ..., max, with "nice" steps
 * (1, 2, 2.5 or 5 times a power of ten), about five intervals, covering
 * the values, the target and max.  Bars, radar and distribution start at
 * 0; a line chart starts at 0 only when its values come near it (the
 * lowest value is below a third of the highest, or negative), so that a
 * trend between 2.9 and 3.9 million is not drawn flat.
 */
struct chart_axis {
	double	 min;
	double	 max;
	double	 step;
	size_t	 nticks;	/* intervals + 1 */
	int	 decimals;	/* for tick labels, in the unit's display */
};

void		 chart_axis(const struct chart *, struct chart_axis *);
/* Tick i's value (exactly min + i * step, rounded to the step's digits). */
double		 chart_axis_tick(const struct chart_axis *, size_t i);

/*
 * Numbers as the chart shows them: percent as "86.3%", money with
 * thousands separators and no decimals ("1,234,567"; "12.50" below 100),
 * scores with one decimal, counts as integers (one decimal when not
 * whole).  A tick label uses the axis' decimals instead.
 */
/* A value label in the chart's compact form (3,795,050 -> 379.5万 or
 * 3.80M); the plain form when the chart has none or v is small. */
void		 chart_format_compact(struct buf *, const struct chart *,
		    double);
void		 chart_format_value(struct buf *, const struct chart *,
		    double);
void		 chart_format_tick(struct buf *, const struct chart *,
		    const struct chart_axis *, double);

/*
 * Colours as "#rrggbb".  Series i takes palette colour i; in a
 * distribution, label i does, except that the tier names S, A, B, C, D
 * take the tier colours of style.css (gold, green, blue, orange, red).
 */
const char	*chart_series_color(size_t i);
const char	*chart_label_color(const struct chart *, size_t label);

/* The sum of the present values of label i over the series (stacked). */
double		 chart_stack_total(const struct chart *, size_t label);

#endif
