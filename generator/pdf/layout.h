/*
 * The PDF layout: the report Markdown tree (markdown/mdtree.h) set on A4
 * pages as a display list (canvas.h).  It decides lines and pages;
 * measuring goes through a callback (the device's font), drawing into the
 * canvas, so this file never sees libharu (docs/architecture.md,
 * "Conventions").  For use by pdf.c.
 *
 * What each node becomes follows render/html.c and templates/style.css:
 * headings sized by level (h1 with a rule, h2 with an accent bar, h1 and
 * h2 as bookmarks), paragraphs with bold, italic, code, links and
 * strikethrough, nested lists, task lists with drawn boxes, quotes with a
 * left rule, code blocks on grey, rules, GFM tables (column widths from
 * their content, the header row repeated on every page, rows kept whole),
 * tier badges, KPI bars, charts as vectors, and `[[pagebreak]]`.  Every
 * page gets the running header and "第 N 页 / 共 M 页" ("Page N of M").
 * For a book, a cover page, a table of contents of the level-1
 * headings (their page numbers filled in once the whole document is laid
 * out, each entry a link to its heading), chapters on new pages and the
 * chapter's title as the running header.  Raw HTML is dropped.  A PNG image found under image_dir is drawn (alone
 * in its paragraph: as wide as it is at 96 dpi, at most the text width;
 * in a line of text: one line high); any other image shows its
 * description, with a warning when the file cannot be read.
 */
#ifndef SC_PDF_LAYOUT_H
#define SC_PDF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmark-gfm.h>

struct buf;
struct canvas;
struct canvas_images;
struct canvas_measure;
struct chart;

/* A chart block and what chart_parse() made of it (NULL: unreadable). */
struct layout_chart {
	cmark_node	*node;
	struct chart	*chart;
};

struct layout_options {
	const char			*file;		/* for messages */
	const char			*source;	/* for the chart notice */
	const char			*lang;		/* "en" or Chinese */
	const char			*header_text;	/* may be NULL */
	const char			*logo_path;	/* in the header; NULL:
							   none */
	const struct canvas_measure	*measure;
	const struct layout_chart	*charts;
	size_t				 ncharts;
	const struct canvas_images	*images;	/* may be NULL */
	const char			*image_dir;	/* NULL: no pictures */
	/* the page: 0 gives A4 with 18 mm margins */
	double				 page_w, page_h, margin;
	/* a book (all optional) */
	const char			*cover_title;	/* NULL: no cover */
	const char *const		*cover_lines;
	size_t				 ncover_lines;
	const char			*toc_title;	/* NULL: no contents */
	bool				 chapter_pages;	/* h1 on a new page */
	bool				 chapter_headers; /* header: the h1 */
	int				 outline_depth;	/* 0: 2 */
};

/*
 * Lays the document out into cv (which it initialises; canvas_free it).
 * Returns 0, or -1 when a chart could not be read (its place shows
 * "[chart: FILE:LINE]", as in HTML).
 */
int	 layout_document(const struct layout_options *, cmark_node *root,
	    struct canvas *cv);

/* Appends the text the layout may draw that is not in the document. */
void	 layout_fixed_text(struct buf *, const char *lang);

/* A paragraph that is exactly "[[pagebreak]]" (spaces aside). */
bool	 layout_is_pagebreak(cmark_node *paragraph);

#endif
