/*
 * The HTML renderer: the document tree of report Markdown (what a
 * template expanded to, parsed by markdown/mdtree.h) into an HTML
 * fragment for templates/layout.html's {{{body}}}.  Any stage may include
 * this header.
 *
 * What comes out, and why it is safe to open from a mail or a share:
 * - CommonMark + GFM tables, task lists, strikethrough and autolinks,
 *   as mdtree_parse() reads them (the tree the PDF renderer reads too);
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

#include <cmark-gfm.h>

struct buf;

/*
 * Appends the HTML for the tree doc (from mdtree_parse(), not changed) to
 * out.  source_name names the Markdown in messages (charts are reported
 * as source_name:line: chart: ...).  Returns 0, or -1 when a chart could
 * not be read and was reported through diag() (its place then shows a
 * short notice and the rest is rendered).
 */
int	 html_render(const char *source_name, cmark_node *doc,
	    struct buf *out);

/*
 * The same for md[0..len): parses it, renders the tree and frees it.
 * Returns -1 as well when the input is beyond the bounds of mdtree.h
 * (reported; nothing appended).
 */
int	 html_from_markdown(const char *source_name, const char *md,
	    size_t len, struct buf *out);

#endif
