/*
 * The HTML renderer: report Markdown (what a template expanded to) into
 * an HTML fragment for templates/layout.html's {{{body}}}.  Any stage may
 * include this header.
 *
 * What comes out, and why it is safe to open from a mail or a share:
 * - CommonMark + GFM tables, task lists, strikethrough and autolinks,
 *   parsed by mdtree_parse() (the tree the PDF renderer reads too);
 * - every text and attribute escaped; raw HTML is never passed through
 *   (a block or inline HTML becomes the comment "raw HTML omitted");
 * - links only to http:, https:, mailto: and relative URLs; a refused
 *   link shows its text, a refused image its description;
 * - no script, no event attribute, no style attribute other than the
 *   width of a KPI bar, which the renderer writes itself.
 *
 * Report conventions (docs/templates.md): ```chart blocks become inline
 * SVG (svg_chart.h); [[tier:A]] becomes a tier badge and [[bar:0.863]] a
 * KPI bar; table cells that read as numbers get class="num"; headings get
 * ids.
 */
#ifndef SC_RENDER_HTML_H
#define SC_RENDER_HTML_H

#include <stddef.h>

struct buf;

/*
 * Appends the HTML for md[0..len) to out.  source_name names the Markdown
 * in messages (charts are reported as source_name:line: chart: ...).
 * Returns 0, or -1 when a problem was reported through diag(): a chart
 * that cannot be read (its place then shows a short notice and the rest
 * is rendered), or an input over MDTREE_MAX_BYTES (nothing appended).
 */
int	 html_from_markdown(const char *source_name, const char *md,
	    size_t len, struct buf *out);

#endif
