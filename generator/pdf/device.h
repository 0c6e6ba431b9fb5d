/*
 * The PDF device: the only code that includes hpdf.h (docs/architecture.md).
 * It opens one libharu document per PDF (docs/libraries.md: a handle
 * reused across documents returns the first document's font subset),
 * loads the document's font subset (libharu reads its metrics; the
 * device embeds the file and writes the CIDToGIDMap itself), answers
 * width questions for the
 * layout, and turns a finished display list (canvas.h) into PDF bytes:
 * pages, text, paths, link annotations, bookmarks and document info.
 *
 * Every libharu error goes to one handler that records the first one
 * (errors are sticky: after one, every call fails) and the operation it
 * happened in; device_render() reports it through diag().
 */
#ifndef SC_PDF_DEVICE_H
#define SC_PDF_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;
struct canvas;
struct device;

struct device_info {
	const char	*title;		/* document info; may be NULL */
	const char	*author;	/* may be NULL */
	const char	*lang;		/* "zh-CN", "en"; may be NULL */
	const char	*date;		/* "YYYY-MM-DD" or NULL: no dates */
};

/* The document's font subset (fonts.h). */
struct device_font {
	const char	*path;		/* what libharu loads: its character
					   lookups and widths */
	const struct buf *file;		/* the font file the PDF embeds: the
					   same glyphs */
	const uint32_t	*cps;		/* the characters drawn */
	const unsigned	*gids;		/* and their glyphs */
	size_t		 n;
};

/*
 * A new document whose text is drawn with the font subset *font.  NULL
 * after a diag() naming source.
 */
struct device	*device_open(const char *source, const struct device_info *,
		    const struct device_font *font);

/*
 * The advance of cp in thousandths of an em, from the embedded font
 * (HPDF_Font_GetUnicodeWidth, per code point).  For the layout's
 * measuring callback: the argument is the struct device.
 */
double		 device_char_width(void *device, uint32_t cp);

/*
 * For the layout's picture callback (struct canvas_images; the argument
 * is the struct device): loads the PNG file at path into the document,
 * once per path, and gives an id for canvas_image() and the size in
 * pixels.  False, with no error left behind, when the file is missing or
 * not a PNG libharu reads (its errors are caught and cleared).
 */
bool		 device_image(void *device, const char *path, int *id,
		    double *width, double *height);

/* Draws every page of the canvas and appends the PDF to out; 0 or -1. */
int		 device_render(struct device *, const struct canvas *,
		    struct buf *out);

void		 device_close(struct device *);

/* Releases what the device keeps between documents (for leak checkers). */
void		 device_release(void);

#endif
