/*
 * The inside of the PDF layout, shared by its files and by nothing else:
 * the page's sizes and colours, the layout's state (struct layout: the
 * cursor, the backdrops, the chapters) and measured inline content
 * (struct para), and the functions one file calls in another.  The files:
 * layout.c (paging, block contexts, the walk), layout_inline.c (inline
 * content and drawing text), layout_blocks.c (markers, paragraphs,
 * headings, code blocks, charts), layout_table.c (tables) and
 * layout_book.c (cover, contents, running header and page numbers).
 */
#ifndef SC_PDF_LAYOUT_INT_H
#define SC_PDF_LAYOUT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmark-gfm.h>

#include "markdown/mdtree.h"
#include "pdf/canvas.h"
#include "pdf/layout.h"
#include "pdf/linebreak.h"

struct ctx;

/* ------------------------------------------------------------ the page */

#define MM		(72.0 / 25.4)
#define PAGE_W		(L->pw)
#define PAGE_H		(L->ph)
#define MARGIN		(L->margin)
#define HEADER_Y	(PAGE_H - 11 * MM)	/* running header baseline */
#define FOOTER_Y	(10 * MM)		/* page number baseline */

/* Sizes in points, leading as a factor of the size */
#define BODY_SIZE	10.5
#define BODY_LEADING	1.62
#define HEAD_LEADING	1.35
#define TABLE_SIZE	9.5
#define TABLE_HEAD_SIZE	9.0
#define TABLE_LEADING	1.45
#define CODE_SIZE	9.0
#define CODE_LEADING	1.45
#define CODE_CELL	0.55	/* em: one column of a code block */
#define SMALL_SIZE	8.0
#define INLINE_CODE	0.88	/* em: code spans in text */
#define ASCENT		0.86	/* em above the baseline, centred in a line */

#define PARA_GAP	7.5
#define LIST_INDENT	(1.6 * BODY_SIZE)
#define ITEM_GAP	2.5
#define QUOTE_PAD	6.0
#define QUOTE_INDENT	12.0
#define QUOTE_RULE	3.0
#define CODE_PAD	7.0
#define CELL_PAD_X	6.0
#define CELL_PAD_Y	3.5
#define CHART_GAP	10.0
#define MAX_BACKDROPS	32
#define BOX_PAD		10.0	/* inside a [[box]] */
#define ROW_GUTTER	18.0	/* between the columns of a [[row]] */
#define FIGURE_SIZE	15.0	/* a table's numbers in a box */
#define KEEP_ROWS	12	/* a table up to this long is never split */
#define JUSTIFY_MAX	0.25	/* em of extra space per character at most */

/* Colours of templates/style.css */
#define C_TEXT		0x1f2933u
#define C_MUTED		0x5f6b7au
#define C_LINE		0xe4e8edu
#define C_LINE_STRONG	0xc5ccd5u
#define C_GROUND	0xf3f5f8u
#define C_ZEBRA		0xf8f9fbu
#define C_ACCENT	0x3b6fb6u
#define C_QUOTE		0x3e4c59u
#define C_CODE_BG	0xedf0f4u
#define C_BAR_TRACK	0xe3e7edu
#define C_BAR_FILL	0x3b6fb6u
#define C_BAR_OVER	0x2e8b57u
#define C_ERROR		0xc8413bu
#define C_WHITE		0xffffffu

#define BAR_MAX		1.5	/* the KPI bar's fill: 0-150 % of its track */

/* Text item styles */
#define ST_BOLD		0x01u
#define ST_ITALIC	0x02u
#define ST_CODE		0x04u
#define ST_STRIKE	0x08u
#define ST_MUTED	0x10u

/* A gap in a code span (padding): no glyph, never a code point. */
#define SPACER		0x110000u

static const double heading_size[6] = { 18, 14, 12, 10.5, 10.5, 10.5 };

/* ------------------------------------------------------------ state */

struct item_info {
	unsigned	 style;
	size_t		 link;		/* 0, or index + 1 into links */
	size_t		 mark;		/* 0, or index + 1 into marks */
	double		 size;
	uint32_t	 color;
};

/* An inline object: a tier badge, a KPI bar or a picture. */
struct mark {
	enum mdtree_mark_kind	 kind;
	char			*name;
	size_t			 len;
	double			 ratio;
	int			 image;		/* -1, or the picture's id */
	double			 w, h;		/* the picture's size */
};

/* Inline content measured, ready to break into lines. */
struct para {
	struct lb_item		*it;
	struct item_info	*info;
	size_t			 n, cap;
	char			**links;
	size_t			 nlinks;
	struct mark		*marks;
	size_t			 nmarks;
	/* the style of items being added */
	double			 size;		/* the base size */
	uint32_t		 color;
	unsigned		 style;
	size_t			 link;
	bool			 code_block;	/* monospace cells */
};

enum marker_kind { MARK_NONE, MARK_BULLET, MARK_NUMBER, MARK_TASK };

struct marker {
	enum marker_kind kind;
	int		 level;		/* bullets */
	int		 number;
	bool		 checked;
	double		 right;		/* where the marker ends */
};

/* A background (and left rule) under a quote or a code block. */
struct backdrop {
	size_t		 page;
	size_t		 mark;		/* op index to insert under */
	double		 top;
	double		 x, w;
	uint32_t	 fill;
	uint32_t	 rule;		/* CANVAS_NONE: none */
	uint32_t	 border;	/* CANVAS_NONE: none */
	double		 radius;
	double		 pad;
};

struct layout {
	const struct layout_options	*opt;
	const struct canvas_measure	*m;
	struct canvas			*cv;
	int				 status;
	size_t				 page;
	double				 y;	/* the cursor */
	double				 gap;	/* pending space above the next block */
	bool				 fresh;	/* nothing on this page yet */
	bool				 break_pending;	/* [[pagebreak]] seen */
	cmark_node			*group_end;	/* the open group's
							   closing mark */
	bool				 in_box;	/* in a [[box]] */
	bool				 measuring;	/* a scratch layout:
							   no messages */
	double				 x, width;	/* the content box */
	struct ctx			*ctx;	/* the contexts (layout.c) */
	size_t				 nctx, ctxcap;
	struct marker			 marker;	/* to draw with the next line */
	struct backdrop			 bd[MAX_BACKDROPS];
	size_t				 nbd;
	size_t				 nbd_skipped;	/* beyond MAX_BACKDROPS */
	size_t				 next_chart;
	double				 text_size;	/* current body size */
	uint32_t			 text_color;
	struct mdtree_ids		 ids;		/* heading ids */
	double				 pw, ph, margin;	/* the page */
	/* chapters (level-1 headings) in order: where they are */
	struct chapter {
		char	*title;
		char	*id;
		size_t	 page;
		bool	 placed;
	}				*chapters;
	size_t				 nchapters;
	size_t				 nplaced;
	/* the chapter of each page (SIZE_MAX: none, SIZE_MAX - 1: the
	 * contents) and whether furniture is drawn on it */
	size_t				*page_chapter;
	size_t				 current;
	/* the contents' entries, to number once the pages are known */
	struct toc_entry {
		size_t	 page;
		double	 baseline, text_end, top, bottom;
	}				*toc;
	size_t				 cover_pages;
};

enum align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

static inline double
cp_width(const struct layout *L, uint32_t cp, double size)
{
	return L->m->width(L->m->arg, cp) * size / 1000;
}

static inline double
str_width(const struct layout *L, const char *s, double size)
{
	return canvas_text_width(L->m, s, strlen(s), size);
}

/* --------------------------------------------------- layout.c: paging */

/* Closes the backdrops on this page and goes on on a new one. */
void	 layout_new_page(struct layout *);
/* Room for h points at the cursor, after the pending gap (see layout.c). */
void	 layout_place(struct layout *, double h);
/* Space above the next block: the largest asked for since the last. */
void	 layout_add_gap(struct layout *, double g);
/* The height left on this page below the pending gap. */
double	 layout_room(const struct layout *);
/* A background (and a left rule unless CANVAS_NONE) from the cursor down
 * to its end, pad points inside it, kept with first_h points of what is
 * in it; the background is drawn under what comes between. */
void	 layout_backdrop_begin(struct layout *, double x, double w,
	    uint32_t fill, uint32_t rule, double radius, double pad,
	    double first_h);
void	 layout_backdrop_end(struct layout *);
/* The height a paragraph that opens a group (mdtree.h) asks to be kept
 * with what comes before it: the group's, or 0 (not a group, or taller
 * than a page). */
double	 layout_group_height(const struct layout *, cmark_node *);

/* ------------------- layout_inline.c: inline content and drawing text */

void	 layout_para_init(struct para *, double size, uint32_t color,
	    unsigned style);
void	 layout_para_free(struct para *);
/* One item in the current style: a code point, or LB_OBJECT with mark
 * the index + 1 of its entry in marks. */
void	 layout_para_item(struct para *, uint32_t cp, double width,
	    double size, unsigned flags, size_t mark);
/* UTF-8 text as it is (no marks). */
void	 layout_para_utf8(struct layout *, struct para *, const char *s,
	    size_t len);
/* The inline content of a paragraph, heading or table cell. */
void	 layout_para_inlines(struct layout *, struct para *,
	    cmark_node *container);
/* Loads the picture of an image node; false (and a warning) if it fails. */
bool	 layout_load_image(struct layout *, cmark_node *, int *id,
	    double *w, double *h, bool warn);
/* A tier badge of height h around the name at size fs, its box from x. */
void	 layout_draw_badge(struct layout *, const struct mark *, double x,
	    double w, double bottom, double h, double fs, double radius);
/* Line l of p, its baseline at baseline, in a box from x, avail wide;
 * justify: a line that is mostly Chinese and not the last is spread. */
void	 layout_draw_line(struct layout *, const struct para *,
	    const struct lb_line *l, double x, double baseline, double avail,
	    enum align, bool justify);

/* ------------- layout_blocks.c: markers, flowing, code blocks, charts */

/* The pending list marker (L->marker), by a line at baseline. */
void	 layout_draw_marker(struct layout *, double baseline, double size);
/* A paragraph, a tier badge or picture alone, or a [[pagebreak]]. */
void	 layout_paragraph(struct layout *, cmark_node *);
void	 layout_heading(struct layout *, cmark_node *);
void	 layout_thematic_break(struct layout *);
void	 layout_code_block(struct layout *, cmark_node *);
/* A chart, or where it could not be read "[chart: FILE:LINE]" and
 * L->status -1. */
void	 layout_chart_block(struct layout *, cmark_node *);

/* ----------------------------------------------------- layout_table.c */

void	 layout_table_block(struct layout *, cmark_node *);

/* ----------------------- layout_book.c: a book and the page furniture */

/* The level-1 headings into L->chapters, in the order the walk meets
 * them. */
void	 layout_find_chapters(struct layout *, cmark_node *root);
void	 layout_cover(struct layout *);
/* The contents, their page numbers left to layout_contents_fill() once
 * the whole document is laid out. */
void	 layout_contents(struct layout *);
void	 layout_contents_fill(struct layout *);
/* The running header and the page number of every page but the cover. */
void	 layout_furniture(struct layout *);

#endif
