/*
 * The PDF renderer: report Markdown (the tree of markdown/mdtree.h, the
 * same the HTML renderer walks) to an A4 PDF with the Chinese font
 * embedded as a subset, bookmarks for h1 and h2, document info, and
 * "第 N 页 / 共 M 页" (or "Page N of M") on every page (docs/output.md §3).
 * Any stage may include this header; the rest of generator/pdf/ is its
 * inside (layout.h decides lines and pages, device.h is the only user of
 * libharu, fonts.h finds and subsets the font).
 *
 * The same input gives the same bytes: no clock, no random ids; the
 * dates in the document info come from the options.
 */
#ifndef SC_PDF_PDF_H
#define SC_PDF_PDF_H

#include <stddef.h>

#include <cmark-gfm.h>

struct buf;

#define PDF_COVER_LINES	6

struct pdf_options {
	const char	*title;		/* document info title; NULL: the
					   first level-1 heading */
	const char	*author;	/* may be NULL */
	const char	*lang;		/* "zh-CN" or "en": footer wording, /Lang */
	const char	*font_path;	/* a TrueType .ttf/.ttc; NULL: the one
					   fontconfig finds (WenQuanYi Zen Hei
					   first) */
	const char	*date;		/* "YYYY-MM-DD" from the data (never the
					   wall clock) for the creation and
					   modification dates; NULL: none */
	const char	*header_text;	/* a running header; may be NULL */
	const char	*logo_path;	/* a PNG or JPEG drawn at the right of
					   the running header; NULL: none */
	const char	*image_dir;	/* relative image paths are read here
					   (PNG only); NULL: every image shows
					   its description */
	/* A book (the casebook): all optional, zero gives a report. */
	const char	*cover_title;	/* a cover page with this title;
					   NULL: none */
	const char	*cover_lines[PDF_COVER_LINES];	/* under it; NULL
					   entries are skipped */
	const char	*toc_title;	/* a table of contents of the level-1
					   headings (page numbers, links) after
					   the cover; NULL: none */
	int		 chapter_pages;	/* nonzero: each level-1 heading
					   starts a new page */
	int		 chapter_headers;	/* nonzero: the running header
					   is the current level-1 heading */
	int		 outline_depth;	/* bookmarks for headings down to this
					   level; 0: 2 */
	const char	*page_size;	/* "A4" (NULL) or "Letter"; else the
					   style's */
	const char	*style_name;	/* a style file found as templates
					   are ("pdf-style.yaml"); NULL: the
					   built-in style */
};

/*
 * Renders the tree doc (from mdtree_parse(), not changed) and appends the
 * PDF to out.  md[0..len) is the Markdown doc was parsed from and
 * source_name its name: messages point into it by line and column.
 * Every character is checked against the font first, as
 * pdf_check_glyphs() does: when one is missing nothing is appended and
 * -1 is returned.  A chart that cannot be read is reported, its place
 * shows "[chart: FILE:LINE]", the PDF is still made and -1 returned (as
 * html_render() does).  Other failures (no font, libharu errors) return
 * -1 after a diag().  Returns 0 otherwise.
 */
int	 pdf_render(const struct pdf_options *, const char *source_name,
	    const char *md, size_t len, cmark_node *doc, struct buf *out);

/*
 * The same for md alone: parses it, renders the tree and frees it.
 * Returns -1 as well when md is beyond the bounds of mdtree.h (reported;
 * nothing appended).
 */
int	 pdf_from_markdown(const struct pdf_options *, const char *source_name,
	    const char *md, size_t len, struct buf *out);

/*
 * Reports every character of md that the PDF could not draw with the
 * font at font_path (NULL: the fontconfig one), with its line and
 * column: "FILE:LINE: column N: character U+XXXX (字) is not in the font
 * FAMILY".  Meant to run before any output of a report is written.
 * Returns 0 when every character can be drawn, -1 otherwise.
 */
int	 pdf_check_glyphs(const char *source_name, const char *md, size_t len,
	    const char *font_path);

/* Releases the fonts kept loaded between documents (for leak checkers). */
void	 pdf_release(void);

#endif
