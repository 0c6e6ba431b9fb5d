/*
 * The PDF font: finding a Chinese TrueType font (fontconfig), telling
 * which characters it can draw, and cutting per document the small
 * subset that the PDF embeds (HarfBuzz hb-subset), with a copy whose
 * cmap libharu looks characters up in quickly.  For use by the PDF
 * renderer (generator/pdf/) and its tests; no libharu here.
 *
 * Why a subset of our own (docs/libraries.md): libharu embeds whole
 * tables (~500 KB with WenQuanYi Zen Hei), spends most of a document's
 * time on a big font, and reads composite glyph indexes as signed 16-bit
 * numbers (glyphs above 32767 drawn wrongly).  A subset renumbers the
 * glyphs small.  Two libharu bugs remain and are repaired in the bytes
 * handed over: a nested composite glyph (a component that is itself
 * composite) loses its inner components, so such glyphs are flattened to
 * one level of components; and a font without a `prep` table sometimes
 * fails to save, so a no-op `prep` is added.
 *
 * A font file is read once per process and stays loaded (pdf_fonts_free()
 * releases everything, for leak checkers).
 */
#ifndef SC_PDF_FONTS_H
#define SC_PDF_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

struct pdf_font;

/*
 * The font at path (a .ttf, or the first face of a .ttc), or with path
 * NULL the first TrueType Chinese sans-serif font fontconfig knows:
 * WenQuanYi Zen Hei, WenQuanYi Micro Hei, Droid Sans Fallback, then any
 * TrueType font for zh-cn.  Fonts with CFF outlines are refused (libharu
 * cannot load them).  Returns NULL after a diag() naming the font, with
 * exit status 73 (no PDF can be made).
 */
struct pdf_font	*pdf_font_open(const char *path);

/* The family name ("WenQuanYi Zen Hei") and the file, for messages. */
const char	*pdf_font_family(const struct pdf_font *);
const char	*pdf_font_file(const struct pdf_font *);
unsigned	 pdf_font_index(const struct pdf_font *);

enum pdf_font_coverage {
	PDF_FONT_HAS,		/* drawn correctly */
	PDF_FONT_MISSING,	/* not in the font */
	PDF_FONT_BEYOND_BMP,	/* above U+FFFF: libharu maps 16-bit codes */
	PDF_FONT_BROKEN		/* a composite glyph we cannot flatten */
};

/* Whether the font can draw cp in a PDF. */
enum pdf_font_coverage pdf_font_covers(struct pdf_font *, uint32_t cp);

/* A document's font subset. */
struct pdf_subset {
	struct buf	 font;		/* the TrueType font the PDF embeds */
	struct buf	 lookup;	/* the same glyphs with a cmap of few
					   segments, for libharu to look
					   characters up in (fonts.c) */
	unsigned	*gids;		/* the glyph of each character asked */
};

/*
 * Makes in *out (zeroed by the caller) a TrueType font holding exactly
 * the characters cps[0..n) (sorted, each once) and .notdef, ready for
 * HPDF_LoadTTFontFromFile: hinting and layout tables dropped, glyphs
 * renumbered, nested composites flattened, a prep table present; and
 * the glyph of each character.  The same characters give the same
 * bytes.  Returns 0, or -1 after a diag() naming source_name;
 * pdf_subset_free() either way.
 */
int		 pdf_font_subset(struct pdf_font *, const char *source_name,
		    const uint32_t *cps, size_t n, struct pdf_subset *out);
void		 pdf_subset_free(struct pdf_subset *);
/*
 * Empties in out->font the glyphs of the characters not drawn: drawn[i]
 * tells whether the i-th character given to pdf_font_subset() was (the
 * glyph ids, and out->lookup, stay as they are).
 */
void		 pdf_subset_trim(struct pdf_subset *out, const bool *drawn,
		    size_t n);

/*
 * libharu loads fonts from a path only.  pdf_font_tempfile() puts bytes
 * in an anonymous file (memfd_create, opened as /proc/self/fd/N; else a
 * mkstemp file in $TMPDIR) and writes a path that opens it into path.
 * Returns a descriptor, or -1 after a diag().  Once the font has been
 * opened (libharu keeps its own handle), pdf_font_tempfile_done() closes
 * the descriptor and removes a mkstemp file: nothing is left behind.
 */
#define PDF_FONT_PATH_MAX	4096
int		 pdf_font_tempfile(const char *source_name,
		    const struct buf *bytes, char path[PDF_FONT_PATH_MAX]);
void		 pdf_font_tempfile_done(int fd, const char *path);

/* Releases every font loaded by this process. */
void		 pdf_fonts_free(void);

#endif
