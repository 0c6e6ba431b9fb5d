/*
 * The PDF display list: what the layout (layout*.c, chart_pdf.c) decides
 * to draw, page by page, and the device (device.c) turns into PDF
 * operators.  It is the contract between the two, as term.h is between
 * mandoc's formatter and its PostScript/PDF device: the layout never
 * sees libharu, the device never sees the Markdown tree.
 *
 * Coordinates are PDF points (1/72 in) with the origin at the bottom left
 * of the page and y going up.  Colours are 0xRRGGBB; CANVAS_NONE means no
 * paint.  Text is UTF-8 holding only characters the font draws.
 */
#ifndef SC_PDF_CANVAS_H
#define SC_PDF_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CANVAS_NONE	0xffffffffu

/* Text styles */
#define CANVAS_BOLD	0x1u	/* simulated: fill and stroke */
#define CANVAS_ITALIC	0x2u	/* simulated: slanted */
#define CANVAS_HALO	0x4u	/* a white outline under the text */

enum canvas_op_kind {
	CANVAS_TEXT,
	CANVAS_PATH,
	CANVAS_LINK,
	CANVAS_IMAGE
};

struct canvas_text {
	char		*s;
	double		 x, y;		/* the start of the baseline */
	double		 size;
	double		 angle;		/* degrees, counter-clockwise */
	double		 char_space;	/* added after every character */
	uint32_t	 color;
	unsigned	 style;
};

/* Path verbs: 'M' (one point), 'L' (one point), 'C' (three), 'Z'. */
struct canvas_path {
	char		*verbs;
	size_t		 nverbs;
	double		*pts;		/* x, y pairs */
	size_t		 npts;
	uint32_t	 fill;
	uint32_t	 stroke;
	double		 line_width;
	double		 fill_alpha;	/* 1: opaque */
	double		 dash[2];	/* on, off; 0 0: solid */
	bool		 round_join;
};

/* A link: to a URI, or to a heading when uri is "#id" and it exists. */
struct canvas_link {
	double		 x0, y0, x1, y1;
	char		*uri;
};

/* A picture the device has loaded (see struct canvas_images). */
struct canvas_image {
	int		 id;
	double		 x, y, w, h;	/* bottom left, size */
};

struct canvas_op {
	enum canvas_op_kind	 kind;
	union {
		struct canvas_text	 text;
		struct canvas_path	 path;
		struct canvas_link	 link;
		struct canvas_image	 image;
	} u;
};

struct canvas_page {
	struct canvas_op	*ops;
	size_t			 n, cap;
};

/* A bookmark: a heading's title and where it is. */
struct canvas_outline {
	int		 level;		/* 1 or 2 */
	char		*title;
	size_t		 page;
	double		 y;		/* the top of the heading */
};

/* A heading's id (mdtree_heading_id()), for links to "#id". */
struct canvas_anchor {
	char		*id;
	size_t		 page;
	double		 y;
};

struct canvas {
	double			 width, height;	/* of every page */
	struct canvas_page	*pages;
	size_t			 npages;
	struct canvas_outline	*outlines;
	size_t			 noutlines;
	struct canvas_anchor	*anchors;
	size_t			 nanchors;
};

void	 canvas_init(struct canvas *, double width, double height);
void	 canvas_free(struct canvas *);
/* Appends a page; returns its index. */
size_t	 canvas_add_page(struct canvas *);

/* The number of ops on a page so far (a place to insert at later). */
size_t	 canvas_mark(const struct canvas *, size_t page);

/*
 * The character drawn for cp, or 0 for none: tabs and no-break spaces
 * are drawn as spaces, control and invisible formatting characters
 * (zero-width space, BOM, soft hyphen, bidi controls) not at all.
 * canvas_text() and canvas_text_width() apply it to every character, so
 * that what is measured, drawn and put in the font subset agree.
 */
uint32_t canvas_drawn_char(uint32_t cp);

void	 canvas_text(struct canvas *, size_t page, const char *s, size_t len,
	    double x, double y, double size, uint32_t color, unsigned style,
	    double angle, double char_space);

/*
 * Starts a path on the page (at the end, or before op `at` when at is not
 * SIZE_MAX) and returns it; add its segments before adding another op.
 */
struct canvas_path *canvas_path(struct canvas *, size_t page, size_t at,
	    uint32_t fill, uint32_t stroke, double line_width);
void	 canvas_move(struct canvas_path *, double x, double y);
void	 canvas_line_to(struct canvas_path *, double x, double y);
void	 canvas_curve_to(struct canvas_path *, double x1, double y1,
	    double x2, double y2, double x3, double y3);
void	 canvas_close(struct canvas_path *);

/* A rectangle (x, y its bottom left), corners rounded by radius. */
void	 canvas_rect(struct canvas *, size_t page, size_t at, double x,
	    double y, double w, double h, double radius, uint32_t fill,
	    uint32_t stroke, double line_width);
void	 canvas_line(struct canvas *, size_t page, double x1, double y1,
	    double x2, double y2, uint32_t color, double width, double dash_on,
	    double dash_off);
void	 canvas_circle(struct canvas *, size_t page, double x, double y,
	    double r, uint32_t fill, uint32_t stroke, double line_width);

void	 canvas_link(struct canvas *, size_t page, double x0, double y0,
	    double x1, double y1, const char *uri);
void	 canvas_image(struct canvas *, size_t page, int id, double x, double y,
	    double w, double h);
void	 canvas_outline(struct canvas *, int level, const char *title,
	    size_t page, double y);
void	 canvas_anchor(struct canvas *, const char *id, size_t page, double y);
/* The anchor a link "#id" (%-escapes allowed) goes to, or NULL. */
const struct canvas_anchor *canvas_find_anchor(const struct canvas *,
	    const char *uri);

/* "#rrggbb" as 0xRRGGBB (black when it is not that). */
uint32_t canvas_color(const char *);

/*
 * How the layout measures text: the advance of a code point in
 * thousandths of an em, from the font that will draw it (the device).
 */
struct canvas_measure {
	double	(*width)(void *arg, uint32_t cp);
	void	 *arg;
};

/*
 * How the layout gets pictures: load() reads the PNG file at path into the
 * document and gives its id and size in pixels; false when it cannot.
 */
struct canvas_images {
	bool	(*load)(void *arg, const char *path, int *id, double *width,
		    double *height);
	void	 *arg;
};

/* The width of s[0..len) at size, as canvas_text() draws it; invalid
 * bytes count as U+FFFD. */
double	 canvas_text_width(const struct canvas_measure *, const char *s,
	    size_t len, double size);

#endif
