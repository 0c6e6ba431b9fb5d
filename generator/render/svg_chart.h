/*
 * Drawing a struct chart (chart.h) as inline SVG for the HTML reports.
 * For use by the HTML renderer.
 *
 * The drawing has a fixed viewBox (SVG_CHART_WIDTH x SVG_CHART_HEIGHT, a
 * distribution SVG_CHART_WIDTH x SVG_DISTRIBUTION_HEIGHT), takes its font
 * family from the page's CSS (font sizes are in viewBox units), its
 * colours from chart_series_color() / chart_label_color(), and is the
 * same bytes for the same chart: coordinates have one decimal, numbers
 * are formatted by chart_format_value(), nothing depends on time,
 * locale or chance.  Every text is escaped.
 */
#ifndef SC_RENDER_SVG_CHART_H
#define SC_RENDER_SVG_CHART_H

struct buf;
struct chart;

#define SVG_CHART_WIDTH		640
#define SVG_CHART_HEIGHT	320
#define SVG_DISTRIBUTION_HEIGHT	128

/* Appends one <svg> element (no XML declaration) drawing the chart. */
void	 svg_chart(struct buf *, const struct chart *);

/*
 * The estimated width of s in viewBox units at font size size: 1 em for
 * CJK and other wide characters, about half for Latin letters and
 * digits.  Used for layout only (labels that would not fit are wrapped,
 * turned or shortened).
 */
double	 svg_text_width(const char *s, double size);

#endif
