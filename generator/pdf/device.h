/*
 * The PDF device: the only code that includes hpdf.h (docs/architecture.md).
 * It opens one libharu document per PDF (docs/libraries.md: a handle
 * reused across documents returns the first document's font subset),
 * loads the document's font subset, answers width questions for the
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

/*
 * A new document whose text is drawn with the TrueType font at
 * font_path (already subset: see fonts.h).  NULL after a diag() naming
 * source.
 */
struct device	*device_open(const char *source, const struct device_info *,
		    const char *font_path);

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

#endif
