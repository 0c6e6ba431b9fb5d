/*
 * The drawing of a chart (chart.h) as a list of primitives: texts, lines,
 * rectangles, circles, polygons and polylines with their colours, sizes
 * and strokes, in one frame chart_geom_width() units wide and
 * chart_geom_height() tall, with y going down.  This header owns that
 * list, the contract between the layout of a chart (chart_geom.c) and
 * the writers that put it into a format: render/svg_chart.c writes it as
 * SVG elements, pdf/chart_pdf.c as PDF vectors on the canvas.  A writer
 * only maps primitives to its format; every decision of where things go
 * is made here, once.
 *
 * Text is measured through a callback, so that each format lays out with
 * its own widths (the SVG an estimate, the PDF the embedded font).
 * Colours are "#rrggbb" strings from chart.h or the constants of
 * chart_geom.c; NULL means no paint.
 *
 * What the two writers still do differently, each on its own side: the
 * SVG rounds coordinates to one decimal, the PDF scales the frame to the
 * page and turns y up; the SVG anchors text with text-anchor, the PDF by
 * measuring; the PDF leaves out empty rectangles and one-point
 * polylines, joins every path round and draws a filled and stroked
 * polygon as two paths; the SVG's halo has the width given here, the
 * PDF's the device's; tooltips, group classes and the radar points'
 * inherited stroke exist only in the SVG.
 */
#ifndef SC_CHART_CHART_GEOM_H
#define SC_CHART_CHART_GEOM_H

#include <stdbool.h>
#include <stddef.h>

struct chart;

#define CHART_FRAME_WIDTH		640
#define CHART_FRAME_HEIGHT		320
#define CHART_FRAME_DISTRIBUTION_HEIGHT	128

/*
 * The width of s[0..len) at font size size, in frame units.  Bytes that
 * are not UTF-8 count as U+FFFD.
 */
struct geom_measure {
	double	(*width)(void *arg, const char *s, size_t len, double size);
	void	 *arg;
};

enum geom_kind {
	GEOM_GROUP,	/* starts a group of the primitives up to GEOM_END */
	GEOM_END,
	GEOM_TEXT,
	GEOM_LINE,
	GEOM_RECT,
	GEOM_CIRCLE,
	GEOM_POLYGON,	/* closed */
	GEOM_POLYLINE	/* open; may have a single point */
};

/*
 * Where x is on a text.  GEOM_ANCHOR_NONE starts there like
 * GEOM_ANCHOR_START; the SVG leaves its attribute out.
 */
enum geom_anchor {
	GEOM_ANCHOR_NONE,
	GEOM_ANCHOR_START,
	GEOM_ANCHOR_MIDDLE,
	GEOM_ANCHOR_END
};

struct geom_text {
	double			 x, y;		/* the anchor on the baseline */
	double			 size;
	enum geom_anchor	 anchor;
	const char		*color;
	bool			 bold;
	double			 halo;		/* a white outline this wide; 0 none */
	double			 rotate;	/* degrees about (x, y); negative:
						   counter-clockwise */
	char			*s;
	char			*tooltip;	/* the whole text when s is shortened */
};

struct geom_line {
	double		 x1, y1, x2, y2;
	const char	*stroke;
	double		 width;
	double		 dash[2];	/* on, off; 0 0: solid */
};

struct geom_rect {
	double		 x, y, w, h;	/* top left; w or h may be 0 */
	const char	*fill;
	double		 radius;
};

struct geom_circle {
	double		 x, y, r;
	const char	*fill;
	const char	*stroke;	/* NULL: none (the SVG inherits its group's) */
	double		 width;
};

/* A polygon or polyline. */
struct geom_poly {
	double		*xy;		/* x, y pairs */
	size_t		 n;
	const char	*fill;
	double		 fill_opacity;	/* 1: opaque */
	const char	*stroke;
	double		 width;
	double		 dash[2];
	bool		 round_join;
	const char	*class;		/* an SVG class name, or NULL */
};

/*
 * A group names a part of the chart for the SVG's stylesheet ("grid",
 * "bars", "values", "series", ...) and may set a paint its primitives
 * share: the SVG writes that paint once on the group and leaves it out of
 * the primitives.  Groups do not nest.
 */
struct geom_group {
	const char	*class;
	bool		 no_fill;	/* fill="none" on the group */
	const char	*stroke;	/* or NULL */
};

struct geom_prim {
	enum geom_kind		 kind;
	union {
		struct geom_group	 group;
		struct geom_text	 text;
		struct geom_line	 line;
		struct geom_rect	 rect;
		struct geom_circle	 circle;
		struct geom_poly	 poly;
	} u;
};

struct chart_geom {
	double			 width, height;	/* the frame */
	struct geom_prim	*prims;		/* in drawing order */
	size_t			 n, cap;
};

/* The frame height of a chart of this kind, in frame units. */
double	 chart_geom_height(const struct chart *);
/* The frame's width: CHART_FRAME_WIDTH unless the chart says width:. */
double	 chart_geom_width(const struct chart *);

/* Lays out the chart into g (which chart_geom_free() releases). */
void	 chart_geom(struct chart_geom *g, const struct chart *,
	    const struct geom_measure *);
void	 chart_geom_free(struct chart_geom *);

#endif
