/*
 * Drawing a struct chart (chart/chart.h) as inline SVG for the HTML
 * reports: its layout (chart/chart_geom.h) written as SVG elements.  For
 * use by the HTML renderer.
 *
 * The drawing's viewBox is the layout's frame (CHART_FRAME_WIDTH x
 * CHART_FRAME_HEIGHT, a distribution CHART_FRAME_WIDTH x
 * CHART_FRAME_DISTRIBUTION_HEIGHT); it takes its font family from the
 * page's CSS (font sizes are in viewBox units) and is the same bytes for
 * the same chart: coordinates have one decimal, nothing depends on time,
 * locale or chance.  Every text is escaped.
 */
#ifndef SC_RENDER_SVG_CHART_H
#define SC_RENDER_SVG_CHART_H

struct buf;
struct chart;

/* Appends one <svg> element (no XML declaration) drawing the chart. */
void	 svg_chart(struct buf *, const struct chart *);

/*
 * The estimated width of s in viewBox units at font size size: 1 em for
 * CJK and other wide characters, about half for Latin letters and
 * digits.  Used for layout only (labels that would not fit are wrapped,
 * turned or shortened): the SVG's measure for the layout.
 */
double	 svg_text_width(const char *s, double size);

#endif
