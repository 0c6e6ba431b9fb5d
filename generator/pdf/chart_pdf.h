/*
 * Charts (chart/chart.h) drawn as PDF vectors into the display list, for
 * the PDF layout.  The drawing is the layout of chart/chart_geom.h, which
 * the SVG of render/svg_chart.c writes too, its frame scaled to the width
 * given: the same axis, numbers, colours, legend, target lines and label
 * placement, with text measured in the embedded font instead of
 * estimated.
 */
#ifndef SC_PDF_CHART_PDF_H
#define SC_PDF_CHART_PDF_H

#include <stddef.h>

struct canvas;
struct canvas_measure;
struct chart;

/* The height a chart takes when drawn width points wide. */
double	 chart_pdf_height(const struct chart *, double width);

/* Draws the chart with its top left corner at (x, top) on the page. */
void	 chart_pdf_draw(struct canvas *, size_t page,
	    const struct canvas_measure *, const struct chart *, double x,
	    double top, double width);

#endif
