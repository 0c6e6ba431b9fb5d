/*
 * The PDF device on libharu (see device.h).  The one file that includes
 * hpdf.h.  libharu's traps (docs/libraries.md) are handled here:
 *   - text is UTF-8 through the "UTF-8" encoder, which HPDF_NewDoc resets
 *     (set per document; one document per handle here anyway);
 *   - widths come from HPDF_Font_GetUnicodeWidth per code point, never
 *     MeasureText, TextRect or SetWordSpace;
 *   - bookmarks and document info are set with the UTF-8 encoder;
 *   - destinations use FitH, not XYZ (its zoom must be 0.08-32);
 *   - every error is caught by one handler, and the first one is kept:
 *     after an error every call fails until HPDF_ResetError;
 *   - streams are compressed here (zlib, FLATE_LEVEL), not by libharu,
 *     whose fixed level 6 was a fifth of a statement's time.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <zlib.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "pdf/canvas.h"
#include "pdf/device.h"

#define BOLD_STROKE	0.035	/* em: the outline that makes text bold */
#define HALO_STROKE	0.28	/* em: the white outline under chart text */
#define ITALIC_SLANT	0.2	/* tan of the slant of simulated italics */
#define MAX_ALPHAS	8
#define MAX_LINKS	20000	/* link annotations in one document */
/* zlib's level for every stream: level 1 makes a statement about 5 %
 * larger than level 6, in a third of the time */
#define FLATE_LEVEL	1

struct device {
	HPDF_Doc	 pdf;
	HPDF_Font	 font;
	const struct buf *font_file;	/* embedded as the FontFile2 */
	const char	*source;
	/* the first libharu error, and the call it came from */
	HPDF_STATUS	 error;
	HPDF_STATUS	 detail;
	const char	*op;
	const char	*failed_op;
	/* widths in 1/1000 em + 1, 0 = not asked yet (BMP only), by
	 * pages of 256 code points, each made when first asked: a table
	 * of the whole plane (256 KiB) per document cost more than a
	 * short document's layout */
	int32_t		*widths[256];
	struct {
		double		 alpha;
		HPDF_ExtGState	 gs;
	}		 alphas[MAX_ALPHAS];
	size_t		 nalphas;
	struct {
		char		*path;
		HPDF_Image	 image;	/* NULL: could not be loaded */
	}		*images;
	size_t		 nimages;
	size_t		 nlinks;	/* link annotations made */
};

/* What has been set on the current page, to skip repeating it. */
struct state {
	bool		 in_text;
	double		 size;
	uint32_t	 fill, stroke;
	double		 line_width;
	double		 char_space;
	int		 mode;		/* text rendering mode */
	double		 dash[2];
	bool		 round_join;
};

static void
on_error(HPDF_STATUS error, HPDF_STATUS detail, void *arg)
{
	struct device *d = arg;

	if (d->error != 0)
		return;
	d->error = error;
	d->detail = detail;
	d->failed_op = d->op;
}

static bool
failed(struct device *d)
{
	return d->error != 0;
}

static int
report(struct device *d)
{
	diag(DIAG_ERROR, d->source, 0, NULL, NULL, "PDF library error "
	    "0x%04X (detail %u) in %s", (unsigned)d->error,
	    (unsigned)d->detail, d->failed_op != NULL ? d->failed_op :
	    "libharu");
	return -1;
}

/* "YYYY-MM-DD" as a date at midnight UTC; false when it is not one. */
static bool
parse_date(const char *s, HPDF_Date *date)
{
	int y, m, dd;
	char tail;

	if (s == NULL || strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3 ||
	    y < 1 || m < 1 || m > 12 || dd < 1 || dd > 31)
		return false;
	memset(date, 0, sizeof(*date));
	date->year = y;
	date->month = m;
	date->day = dd;
	date->ind = 'Z';
	return true;
}

static void
set_info(struct device *d, const struct device_info *info)
{
	HPDF_Date date;

	d->op = "HPDF_SetInfoAttr";
	if (info->title != NULL && *info->title != '\0')
		HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, info->title);
	if (info->author != NULL && *info->author != '\0')
		HPDF_SetInfoAttr(d->pdf, HPDF_INFO_AUTHOR, info->author);
#ifdef SCORECARD_VERSION
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR,
	    "scorecard " SCORECARD_VERSION);
#else
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, "scorecard");
#endif
	d->op = "HPDF_SetInfoDateAttr";
	if (parse_date(info->date, &date)) {
		HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, date);
	}
	if (info->lang != NULL && *info->lang != '\0') {
		/* no API for the catalog's /Lang in libharu 2.3.0 */
		d->op = "HPDF_Dict_Add (Lang)";
		HPDF_Dict_Add(d->pdf->catalog, "Lang",
		    HPDF_String_New(d->pdf->mmgr, info->lang, NULL));
	}
}

/* ------------------------------------------------------ compression */

static z_stream	 zs;		/* one deflate state, reset per stream */
static bool	 zs_ready;
static struct buf to_unicode_z;	/* the ToUnicode CMap, compressed once */
/* The bytes of the page stream being compressed, copied into the
 * stream: one buffer for every stream, kept up to ZOUT_KEEP bytes (a new
 * one for each cost an allocation of the whole bound). */
static struct buf zout;
#define ZOUT_KEEP	(1024 * 1024)
/* The CIDToGIDMap being made: 2 * 0xFFFF bytes, all zero between
 * documents (the entries written are cleared after use). */
static unsigned char *cid_raw;

/*
 * The last bytes deflated for one use, and what they gave: a document
 * drawing the same characters as the one before has the same font file
 * and CIDToGIDMap, and they are not deflated again.
 */
struct deflated {
	struct buf	 raw, z;
};
static struct deflated font_z, map_z;

/* Done with zout: let it go when a large stream made it large. */
static void
zout_done(void)
{
	if (zout.cap > ZOUT_KEEP)
		buf_free(&zout);
}

/* Starts a deflate into out of len bytes of input; false on a zlib error. */
static bool
deflate_begin(size_t len, struct buf *out, uLong *bound)
{
	if (!zs_ready) {
		if (deflateInit(&zs, FLATE_LEVEL) != Z_OK)
			return false;
		zs_ready = true;
	} else if (deflateReset(&zs) != Z_OK)
		return false;
	*bound = deflateBound(&zs, (uLong)len);
	buf_grow(out, *bound);
	zs.next_out = (Bytef *)out->data + out->len;
	zs.avail_out = (uInt)*bound;
	return true;
}

/* Feeds raw[0..len) (all of it when last); false on a zlib error. */
static bool
deflate_feed(const void *raw, size_t len, bool last)
{
	zs.next_in = (Bytef *)(uintptr_t)raw;
	zs.avail_in = (uInt)len;
	if (last)
		return deflate(&zs, Z_FINISH) == Z_STREAM_END;
	return deflate(&zs, Z_NO_FLUSH) == Z_OK && zs.avail_in == 0;
}

/* deflate(raw) into out; false on a zlib error */
static bool
deflate_bytes(const unsigned char *raw, size_t len, struct buf *out)
{
	uLong bound;

	if (!deflate_begin(len, out, &bound) || !deflate_feed(raw, len, true))
		return false;
	out->len += bound - zs.avail_out;
	return true;
}

/* deflate(raw) into k->z, unless k holds these bytes; false on an error */
static bool
deflate_kept(struct deflated *k, const unsigned char *raw, size_t len)
{
	if (k->z.len > 0 && k->raw.len == len && memcmp(k->raw.data, raw,
	    len) == 0)
		return true;
	buf_reset(&k->raw);
	buf_reset(&k->z);
	if (!deflate_bytes(raw, len, &k->z)) {
		buf_reset(&k->z);
		return false;
	}
	buf_put(&k->raw, raw, len);
	return true;
}

static void
deflated_free(struct deflated *k)
{
	buf_free(&k->raw);
	buf_free(&k->z);
}

/*
 * The contents of a libharu memory stream, deflated into out straight
 * from its blocks; false when it is not one, or on a zlib error.
 */
static bool
deflate_stream(HPDF_Stream s, struct buf *out)
{
	HPDF_MemStreamAttr attr;
	uLong bound;
	size_t size, i, n, at;
	const void *block;

	if (s == NULL || s->type != HPDF_STREAM_MEMORY ||
	    (attr = (HPDF_MemStreamAttr)s->attr) == NULL ||
	    attr->buf_siz == 0)
		return false;
	size = s->size;
	n = (size + attr->buf_siz - 1) / attr->buf_siz;
	if (n > attr->buf->count || !deflate_begin(size, out, &bound))
		return false;
	for (i = 0, at = 0; i < n; i++, at += attr->buf_siz) {
		size_t k = size - at < attr->buf_siz ? size - at :
		    attr->buf_siz;

		if ((block = HPDF_List_ItemAt(attr->buf, (HPDF_UINT)i)) ==
		    NULL || !deflate_feed(block, k, i + 1 == n))
			return false;
	}
	if (n == 0 && !deflate_feed("", 0, true))
		return false;
	out->len += bound - zs.avail_out;
	return true;
}

/* The filter of a stream compressed here: written into its dictionary. */
static HPDF_STATUS
flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
	(void)dict;
	return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* Makes z the stream's compressed contents. */
static void
set_compressed(HPDF_Dict dict, const struct buf *z)
{
	HPDF_Stream s = HPDF_MemStream_New(dict->mmgr,
	    z->len > 0 ? (HPDF_UINT)z->len : 1);

	if (s == NULL || HPDF_Stream_Write(s, (const HPDF_BYTE *)z->data,
	    (HPDF_UINT)z->len) != HPDF_OK) {
		if (s != NULL)
			HPDF_Stream_Free(s);
		return;
	}
	HPDF_Stream_Free(dict->stream);
	dict->stream = s;
	dict->filter = HPDF_STREAM_FILTER_NONE;
	dict->write_fn = flate_filter;
}

/*
 * Compresses a stream's contents in place; libharu then writes them as
 * they are.  Left to libharu when zlib fails.
 */
static void
compress_stream(HPDF_Dict dict)
{
	if (dict == NULL || dict->stream == NULL)
		return;
	if (dict->write_fn == flate_filter) {	/* done already */
		dict->filter = HPDF_STREAM_FILTER_NONE;
		return;
	}
	buf_reset(&zout);
	if (dict->write_fn == NULL && deflate_stream(dict->stream, &zout))
		set_compressed(dict, &zout);
	zout_done();
}

/* libharu's own preparation of the Type0 font (its descriptor). */
static HPDF_Dict_BeforeWriteFunc font_prepare;
/* The document being saved (libharu's callbacks take no argument). */
static struct device *saving;

/*
 * The font file, compressed here, as the FontFile2 of the descriptor
 * libharu has just made (libharu loads the font without embedding: its
 * own embedding rewrote the whole font per document, four bytes at a
 * time).
 */
static HPDF_STATUS
embed_font_file(HPDF_FontAttr attr, const struct buf *file)
{
	HPDF_Dict data;
	HPDF_STATUS ret = HPDF_OK;

	if (HPDF_Dict_GetItem(attr->fontdef->descriptor, "FontFile2",
	    HPDF_OCLASS_DICT) != NULL)
		return HPDF_OK;
	if ((data = HPDF_DictStream_New(attr->fontdef->descriptor->mmgr,
	    attr->xref)) == NULL)
		return HPDF_Error_GetCode(attr->fontdef->descriptor->error);
	if (deflate_kept(&font_z, (const unsigned char *)file->data,
	    file->len))
		set_compressed(data, &font_z.z);
	else {
		ret = HPDF_Stream_Write(data->stream,
		    (const HPDF_BYTE *)file->data, (HPDF_UINT)file->len);
		data->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	}
	ret += HPDF_Dict_AddNumber(data, "Length1", (HPDF_INT32)file->len);
	ret += HPDF_Dict_Add(attr->fontdef->descriptor, "FontFile2", data);
	return ret;
}

/*
 * Runs before libharu writes the font: its own preparation, then the
 * font file embedded, and the ToUnicode CMap compressed here.
 */
static HPDF_STATUS
font_before_write(HPDF_Dict font)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	HPDF_STATUS ret;

	if (font_prepare != NULL && (ret = font_prepare(font)) != HPDF_OK)
		return ret;
	if (attr == NULL)
		return HPDF_OK;
	compress_stream(attr->map_stream);
	compress_stream(attr->cmap_stream);
	if (saving != NULL && saving->font == font &&
	    attr->fontdef != NULL && attr->fontdef->descriptor != NULL)
		return embed_font_file(attr, saving->font_file);
	return HPDF_OK;
}

/*
 * The CIDToGIDMap of the font: CID c (= the code point) to its glyph,
 * for c from 0 to 0xFFFE, 0 for the characters not drawn: what libharu
 * makes when it embeds the font, built from the subset's glyphs.
 */
static void
add_cid_to_gid(struct device *d, const struct device_font *f)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)d->font->attr;
	HPDF_Dict map;
	unsigned char *raw;
	size_t i;

	d->op = "CIDToGIDMap";
	if (cid_raw == NULL)
		cid_raw = xcalloc(0xffff, 2);
	raw = cid_raw;
	for (i = 0; i < f->n; i++)
		if (f->cps[i] < 0xffff) {
			raw[2 * f->cps[i]] = (unsigned char)(f->gids[i] >> 8);
			raw[2 * f->cps[i] + 1] = (unsigned char)f->gids[i];
		}
	if ((map = HPDF_DictStream_New(d->font->mmgr, attr->xref)) != NULL) {
		if (deflate_kept(&map_z, raw, 2 * 0xffff))
			set_compressed(map, &map_z.z);
		else {
			HPDF_Stream_Write(map->stream, raw, 2 * 0xffff);
			map->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		}
		HPDF_Dict_Add(attr->descendant_font, "CIDToGIDMap", map);
	}
	for (i = 0; i < f->n; i++)
		if (f->cps[i] < 0xffff)
			raw[2 * f->cps[i]] = raw[2 * f->cps[i] + 1] = 0;
}

void
device_release(void)
{
	if (zs_ready)
		deflateEnd(&zs);
	zs_ready = false;
	buf_free(&to_unicode_z);
	buf_free(&zout);
	deflated_free(&font_z);
	deflated_free(&map_z);
	free(cid_raw);
	cid_raw = NULL;
}

/*
 * libharu 2.3.0 writes the text of UTF-8 fonts as CIDs equal to the
 * Unicode values (Identity-H, with a CIDToGIDMap), but gives the font a
 * ToUnicode CMap made of a "cidrange", which is not allowed there
 * (poppler: "Invalid 'begincidrange' operator in ToUnicode CMap"), so
 * that copying text depends on each viewer's fallback.  The stream is
 * replaced by the identity CMap it meant: CID n is U+n, in bfranges
 * that each stay within one high byte, surrogates left out.
 */
static void
fix_to_unicode(struct device *d)
{
	HPDF_Dict cmap;
	struct buf b = BUF_INIT;
	unsigned hi, blocks[3] = { 100, 100, 48 }, k, i;
	HPDF_STATUS before = d->error;

	d->op = "ToUnicode CMap";
	cmap = HPDF_Dict_GetItem(d->font, "ToUnicode", HPDF_OCLASS_DICT);
	if (cmap == NULL || cmap->stream == NULL) {
		/* another libharu: leave its CMap alone */
		HPDF_ResetError(d->pdf);
		d->error = before;
		return;
	}
	if (to_unicode_z.len == 0) {	/* the same in every document */
		buf_puts(&b, "/CIDInit /ProcSet findresource begin\n"
		    "12 dict begin\nbegincmap\n"
		    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
		    "/Supplement 0 >> def\n"
		    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		    "1 begincodespacerange\n<0000> <FFFF>\n"
		    "endcodespacerange\n");
		hi = 0;
		for (k = 0; k < 3; k++) {
			buf_printf(&b, "%u beginbfrange\n", blocks[k]);
			for (i = 0; i < blocks[k]; i++, hi++) {
				if (hi == 0xd8)
					hi = 0xe0;	/* no surrogates */
				buf_printf(&b, "<%02X00> <%02XFF> <%02X00>\n",
				    hi, hi, hi);
			}
			buf_puts(&b, "endbfrange\n");
		}
		buf_puts(&b, "endcmap\nCMapName currentdict /CMap "
		    "defineresource pop\nend\nend\n");
		if (!deflate_bytes((const unsigned char *)b.data, b.len,
		    &to_unicode_z))
			buf_reset(&to_unicode_z);
		buf_free(&b);
		if (to_unicode_z.len == 0)
			return;
	}
	set_compressed(cmap, &to_unicode_z);
	/* the keys of an encoding CMap do not belong to a ToUnicode one */
	HPDF_Dict_RemoveElement(cmap, "Type");
	HPDF_Dict_RemoveElement(cmap, "CMapName");
	HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(cmap, "WMode");
}

struct device *
device_open(const char *source, const struct device_info *info,
    const struct device_font *font)
{
	struct device *d = xcalloc(1, sizeof(*d));
	const char *name;
	HPDF_FontDef def;

	d->source = source;
	d->font_file = font->file;
	d->op = "HPDF_New";
	if ((d->pdf = HPDF_New(on_error, d)) == NULL) {
		diag(DIAG_ERROR, source, 0, NULL, NULL,
		    "cannot start a PDF document");
		free(d);
		return NULL;
	}
	d->op = "HPDF_SetCompressionMode";
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	d->op = "HPDF_UseUTFEncodings";
	HPDF_UseUTFEncodings(d->pdf);
	d->op = "HPDF_SetCurrentEncoder";
	HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
	d->op = "HPDF_LoadTTFontFromFile";
	/* not embedded by libharu: the device embeds the file itself */
	name = HPDF_LoadTTFontFromFile(d->pdf, font->path, HPDF_FALSE);
	if (name != NULL && (def = HPDF_GetFontDef(d->pdf, name)) != NULL) {
		/* the subset's tag, as libharu gives an embedded font */
		HPDF_TTFontDef_SetTagName(def, (char *)"HPDFAA");
		d->op = "HPDF_GetFont";
		d->font = HPDF_GetFont(d->pdf, name, "UTF-8");
	}
	if (!failed(d) && d->font != NULL) {
		fix_to_unicode(d);
		add_cid_to_gid(d, font);
		/* the same libharu function for every font: kept once */
		if (d->font->before_write_fn != font_before_write) {
			font_prepare = d->font->before_write_fn;
			d->font->before_write_fn = font_before_write;
		}
	}
	if (!failed(d))
		set_info(d, info);
	if (failed(d) || d->font == NULL) {
		if (!failed(d))
			d->error = HPDF_INVALID_FONT_NAME;
		report(d);
		device_close(d);
		return NULL;
	}
	return d;
}

void
device_close(struct device *d)
{
	size_t i;

	if (d == NULL)
		return;
	if (d->pdf != NULL)
		HPDF_Free(d->pdf);
	for (i = 0; i < d->nimages; i++)
		free(d->images[i].path);
	free(d->images);
	for (i = 0; i < sizeof(d->widths) / sizeof(d->widths[0]); i++)
		free(d->widths[i]);
	free(d);
}

double
device_char_width(void *arg, uint32_t cp)
{
	struct device *d = arg;
	int32_t **page;
	HPDF_INT w;

	if (cp > 0xffff)
		return 1000;	/* never drawn: refused by the glyph check */
	page = &d->widths[cp >> 8];
	if (*page == NULL)
		*page = xcalloc(256, sizeof(**page));
	if ((*page)[cp & 0xff] == 0) {
		d->op = "HPDF_Font_GetUnicodeWidth";
		w = HPDF_Font_GetUnicodeWidth(d->font, (HPDF_UNICODE)cp);
		if (w < 0)
			w = 0;
		(*page)[cp & 0xff] = (int32_t)w + 1;
	}
	return (*page)[cp & 0xff] - 1;
}

/* ---------------------------------------------------------- pictures */

/* The first n bytes of the file at path into h; how many were read. */
static size_t
file_head(const char *path, unsigned char *h, size_t n)
{
	FILE *f = fopen(path, "rb");
	size_t k;

	if (f == NULL)
		return 0;
	k = fread(h, 1, n, f);
	fclose(f);
	return k;
}

/* A PNG signature and a sane IHDR: what libharu is then asked to read. */
static bool
looks_like_png(const unsigned char *h, size_t k)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n' };
	unsigned long w, ht;

	if (k < 33 || memcmp(h, sig, 8) != 0 ||
	    memcmp(h + 12, "IHDR", 4) != 0)
		return false;
	w = (unsigned long)h[16] << 24 | (unsigned long)h[17] << 16 |
	    (unsigned long)h[18] << 8 | h[19];
	ht = (unsigned long)h[20] << 24 | (unsigned long)h[21] << 16 |
	    (unsigned long)h[22] << 8 | h[23];
	return w > 0 && ht > 0 && w <= 20000 && ht <= 20000;
}

/* A JPEG's start of image marker: libharu reads baseline JPEG. */
static bool
looks_like_jpeg(const unsigned char *h, size_t k)
{
	return k >= 3 && h[0] == 0xff && h[1] == 0xd8 && h[2] == 0xff;
}

bool
device_image(void *arg, const char *path, int *id, double *width,
    double *height)
{
	struct device *d = arg;
	HPDF_Image img = NULL;
	HPDF_STATUS before = d->error;
	size_t i;

	for (i = 0; i < d->nimages; i++)
		if (strcmp(d->images[i].path, path) == 0)
			break;
	if (i == d->nimages) {
		unsigned char h[33];
		size_t k = file_head(path, h, sizeof(h));

		if (looks_like_png(h, k) || looks_like_jpeg(h, k)) {
			if (looks_like_jpeg(h, k)) {
				d->op = "HPDF_LoadJpegImageFromFile";
				img = HPDF_LoadJpegImageFromFile(d->pdf, path);
			} else {
				d->op = "HPDF_LoadPngImageFromFile";
				img = HPDF_LoadPngImageFromFile(d->pdf, path);
			}
			if (d->error != before) {
				/* a PNG libharu cannot read: forget it */
				HPDF_ResetError(d->pdf);
				d->error = before;
				img = NULL;
			}
		}
		d->images = xreallocarray(d->images, d->nimages + 1,
		    sizeof(*d->images));
		d->images[i].path = xstrdup(path);
		d->images[i].image = img;
		d->nimages++;
	}
	if (d->images[i].image == NULL)
		return false;
	*id = (int)i;
	*width = HPDF_Image_GetWidth(d->images[i].image);
	*height = HPDF_Image_GetHeight(d->images[i].image);
	return *width > 0 && *height > 0;
}

/* ---------------------------------------------------------- painting */

static HPDF_REAL
channel(uint32_t color, int shift)
{
	return (HPDF_REAL)((color >> shift) & 0xff) / 255.0f;
}

static void
set_fill(HPDF_Page page, struct state *st, uint32_t color)
{
	if (st->fill == color)
		return;
	HPDF_Page_SetRGBFill(page, channel(color, 16), channel(color, 8),
	    channel(color, 0));
	st->fill = color;
}

static void
set_stroke(HPDF_Page page, struct state *st, uint32_t color)
{
	if (st->stroke == color)
		return;
	HPDF_Page_SetRGBStroke(page, channel(color, 16), channel(color, 8),
	    channel(color, 0));
	st->stroke = color;
}

static void
set_line_width(HPDF_Page page, struct state *st, double w)
{
	if (st->line_width == w)
		return;
	HPDF_Page_SetLineWidth(page, (HPDF_REAL)w);
	st->line_width = w;
}

static void
set_mode(HPDF_Page page, struct state *st, int mode)
{
	if (st->mode == mode)
		return;
	HPDF_Page_SetTextRenderingMode(page, (HPDF_TextRenderingMode)mode);
	st->mode = mode;
}

static void
end_text(struct device *d, HPDF_Page page, struct state *st)
{
	if (!st->in_text)
		return;
	d->op = "HPDF_Page_EndText";
	HPDF_Page_EndText(page);
	st->in_text = false;
}

static void
show(struct device *d, HPDF_Page page,
    const struct canvas_text *t)
{
	double a = 1, b = 0, c = 0, dd = 1, rad;

	if (t->angle != 0) {
		rad = t->angle * 3.14159265358979323846 / 180;
		a = cos(rad);
		b = sin(rad);
		c = -b;
		dd = a;
	} else if (t->style & CANVAS_ITALIC)
		c = ITALIC_SLANT;
	d->op = "HPDF_Page_SetTextMatrix";
	HPDF_Page_SetTextMatrix(page, (HPDF_REAL)a, (HPDF_REAL)b,
	    (HPDF_REAL)c, (HPDF_REAL)dd, (HPDF_REAL)t->x, (HPDF_REAL)t->y);
	d->op = "HPDF_Page_ShowText";
	HPDF_Page_ShowText(page, t->s);
}

static void
draw_text(struct device *d, HPDF_Page page, struct state *st,
    const struct canvas_text *t)
{
	if (!st->in_text) {
		d->op = "HPDF_Page_BeginText";
		HPDF_Page_BeginText(page);
		st->in_text = true;
		st->size = -1;	/* font and size: set again per text object */
	}
	d->op = "HPDF_Page_SetFontAndSize";
	if (st->size != t->size) {
		HPDF_Page_SetFontAndSize(page, d->font, (HPDF_REAL)t->size);
		st->size = t->size;
	}
	d->op = "HPDF_Page_SetCharSpace";
	if (st->char_space != t->char_space) {
		HPDF_Page_SetCharSpace(page, (HPDF_REAL)t->char_space);
		st->char_space = t->char_space;
	}
	d->op = "text state";
	if (t->style & CANVAS_HALO) {
		set_mode(page, st, HPDF_STROKE);
		set_stroke(page, st, 0xffffff);
		set_line_width(page, st, t->size * HALO_STROKE);
		show(d, page, t);
	}
	d->op = "text state";
	set_fill(page, st, t->color);
	if (t->style & CANVAS_BOLD) {
		set_mode(page, st, HPDF_FILL_THEN_STROKE);
		set_stroke(page, st, t->color);
		set_line_width(page, st, t->size * BOLD_STROKE);
	} else
		set_mode(page, st, HPDF_FILL);
	show(d, page, t);
}

static HPDF_ExtGState
alpha_state(struct device *d, double alpha)
{
	size_t i;

	for (i = 0; i < d->nalphas; i++)
		if (d->alphas[i].alpha == alpha)
			return d->alphas[i].gs;
	if (d->nalphas == MAX_ALPHAS)
		return d->alphas[MAX_ALPHAS - 1].gs;
	d->op = "HPDF_CreateExtGState";
	d->alphas[d->nalphas].alpha = alpha;
	d->alphas[d->nalphas].gs = HPDF_CreateExtGState(d->pdf);
	HPDF_ExtGState_SetAlphaFill(d->alphas[d->nalphas].gs,
	    (HPDF_REAL)alpha);
	return d->alphas[d->nalphas++].gs;
}

static HPDF_UINT16
dash_length(double v)
{
	long r = lround(v);

	return (HPDF_UINT16)(r < 1 ? 1 : r > 1000 ? 1000 : r);
}

static void
draw_path(struct device *d, HPDF_Page page, struct state *st,
    const struct canvas_path *p)
{
	struct state saved;
	const double *pt = p->pts;
	size_t i;
	bool alpha = p->fill != CANVAS_NONE && p->fill_alpha < 1;

	end_text(d, page, st);
	if (alpha) {
		d->op = "HPDF_Page_GSave";
		saved = *st;
		HPDF_Page_GSave(page);
		HPDF_Page_SetExtGState(page, alpha_state(d, p->fill_alpha));
	}
	d->op = "path state";
	if (p->fill != CANVAS_NONE)
		set_fill(page, st, p->fill);
	if (p->stroke != CANVAS_NONE) {
		set_stroke(page, st, p->stroke);
		set_line_width(page, st, p->line_width);
		if (st->dash[0] != p->dash[0] || st->dash[1] != p->dash[1]) {
			HPDF_UINT16 pattern[2];

			d->op = "HPDF_Page_SetDash";
			if (p->dash[0] > 0) {
				pattern[0] = dash_length(p->dash[0]);
				pattern[1] = dash_length(p->dash[1]);
				HPDF_Page_SetDash(page, pattern, 2, 0);
			} else
				HPDF_Page_SetDash(page, NULL, 0, 0);
			st->dash[0] = p->dash[0];
			st->dash[1] = p->dash[1];
		}
		if (st->round_join != p->round_join) {
			d->op = "HPDF_Page_SetLineJoin";
			HPDF_Page_SetLineJoin(page, p->round_join ?
			    HPDF_ROUND_JOIN : HPDF_MITER_JOIN);
			st->round_join = p->round_join;
		}
	}
	d->op = "path construction";
	for (i = 0; i < p->nverbs; i++)
		switch (p->verbs[i]) {
		case 'M':
			HPDF_Page_MoveTo(page, (HPDF_REAL)pt[0],
			    (HPDF_REAL)pt[1]);
			pt += 2;
			break;
		case 'L':
			HPDF_Page_LineTo(page, (HPDF_REAL)pt[0],
			    (HPDF_REAL)pt[1]);
			pt += 2;
			break;
		case 'C':
			HPDF_Page_CurveTo(page, (HPDF_REAL)pt[0],
			    (HPDF_REAL)pt[1], (HPDF_REAL)pt[2],
			    (HPDF_REAL)pt[3], (HPDF_REAL)pt[4],
			    (HPDF_REAL)pt[5]);
			pt += 6;
			break;
		default:
			HPDF_Page_ClosePath(page);
			break;
		}
	d->op = "path painting";
	if (p->fill != CANVAS_NONE && p->stroke != CANVAS_NONE)
		HPDF_Page_FillStroke(page);
	else if (p->fill != CANVAS_NONE)
		HPDF_Page_Fill(page);
	else if (p->stroke != CANVAS_NONE)
		HPDF_Page_Stroke(page);
	else
		HPDF_Page_EndPath(page);
	if (alpha) {
		d->op = "HPDF_Page_GRestore";
		HPDF_Page_GRestore(page);
		*st = saved;
	}
}

/* A URI for a PDF string: bytes outside printable ASCII %-escaped. */
static void
uri_escape(struct buf *b, const char *uri)
{
	const unsigned char *s = (const unsigned char *)uri;

	for (; *s != '\0'; s++)
		if (*s <= 0x20 || *s >= 0x7f || *s == '\\' || *s == '(' ||
		    *s == ')')
			buf_printf(b, "%%%02X", *s);
		else
			buf_putc(b, *s);
}

static void
draw_link(struct device *d, HPDF_Page page, const struct canvas_link *l,
    const struct canvas *c, HPDF_Page *pages)
{
	struct buf uri = BUF_INIT;
	const struct canvas_anchor *to = canvas_find_anchor(c, l->uri);
	HPDF_Rect r;
	HPDF_Annotation a;
	HPDF_Destination dst;

	/* beyond the limit a link is text only (a hostile file's 170,000
	 * autolinks took libharu a gigabyte) */
	if (d->nlinks >= MAX_LINKS)
		return;
	d->nlinks++;
	r.left = (HPDF_REAL)l->x0;
	r.bottom = (HPDF_REAL)l->y0;
	r.right = (HPDF_REAL)l->x1;
	r.top = (HPDF_REAL)l->y1;
	if (to != NULL) {
		/* a heading of this document: go there */
		d->op = "HPDF_Page_CreateDestination";
		dst = HPDF_Page_CreateDestination(pages[to->page]);
		if (dst == NULL)
			return;
		HPDF_Destination_SetFitH(dst, (HPDF_REAL)to->y);
		d->op = "HPDF_Page_CreateLinkAnnot";
		a = HPDF_Page_CreateLinkAnnot(page, r, dst);
		if (a != NULL) {
			d->op = "HPDF_LinkAnnot_SetBorderStyle";
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		}
		return;
	}
	uri_escape(&uri, l->uri);
	d->op = "HPDF_Page_CreateURILinkAnnot";
	a = HPDF_Page_CreateURILinkAnnot(page, r, buf_str(&uri));
	if (a != NULL) {
		d->op = "HPDF_LinkAnnot_SetBorderStyle";
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	}
	buf_free(&uri);
}

static void
draw_page(struct device *d, HPDF_Page page, const struct canvas_page *cp,
    const struct canvas *c, HPDF_Page *pages)
{
	struct state st;
	size_t i;

	memset(&st, 0, sizeof(st));
	/* the PDF defaults: black, 1 pt lines, fill mode, no dash */
	st.fill = st.stroke = 0;
	st.line_width = 1;
	st.mode = HPDF_FILL;
	for (i = 0; i < cp->n && !failed(d); i++)
		switch (cp->ops[i].kind) {
		case CANVAS_TEXT:
			draw_text(d, page, &st, &cp->ops[i].u.text);
			break;
		case CANVAS_PATH:
			draw_path(d, page, &st, &cp->ops[i].u.path);
			break;
		case CANVAS_LINK:
			draw_link(d, page, &cp->ops[i].u.link, c, pages);
			break;
		case CANVAS_IMAGE: {
			const struct canvas_image *im = &cp->ops[i].u.image;

			if (im->id < 0 || (size_t)im->id >= d->nimages ||
			    d->images[im->id].image == NULL)
				break;
			end_text(d, page, &st);
			d->op = "HPDF_Page_DrawImage";
			HPDF_Page_DrawImage(page, d->images[im->id].image,
			    (HPDF_REAL)im->x, (HPDF_REAL)im->y,
			    (HPDF_REAL)im->w, (HPDF_REAL)im->h);
			break;
		}
		}
	end_text(d, page, &st);
}

static void
outlines(struct device *d, const struct canvas *c, HPDF_Page *pages)
{
	HPDF_Encoder enc;
	HPDF_Outline top = NULL, o;
	HPDF_Destination dst;
	size_t i;

	d->op = "HPDF_GetEncoder";
	enc = HPDF_GetEncoder(d->pdf, "UTF-8");
	for (i = 0; i < c->noutlines && !failed(d); i++) {
		const struct canvas_outline *co = &c->outlines[i];

		d->op = "HPDF_CreateOutline";
		o = HPDF_CreateOutline(d->pdf, co->level > 1 ? top : NULL,
		    co->title, enc);
		if (o == NULL)
			break;
		if (co->level <= 1) {
			top = o;
			HPDF_Outline_SetOpened(o, HPDF_TRUE);
		}
		d->op = "HPDF_Page_CreateDestination";
		dst = HPDF_Page_CreateDestination(pages[co->page]);
		if (dst == NULL)
			break;
		d->op = "HPDF_Destination_SetFitH";
		HPDF_Destination_SetFitH(dst, (HPDF_REAL)co->y);
		d->op = "HPDF_Outline_SetDestination";
		HPDF_Outline_SetDestination(o, dst);
	}
	if (c->noutlines > 0 && !failed(d)) {
		d->op = "HPDF_SetPageMode";
		HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	}
}

int
device_render(struct device *d, const struct canvas *c, struct buf *out)
{
	HPDF_Page *pages;
	HPDF_UINT32 size, len;
	size_t i;

	/* every page first: a link may go to a later one */
	pages = xcalloc(c->npages ? c->npages : 1, sizeof(*pages));
	for (i = 0; i < c->npages && !failed(d); i++) {
		d->op = "HPDF_AddPage";
		if ((pages[i] = HPDF_AddPage(d->pdf)) == NULL)
			break;
		d->op = "HPDF_Page_SetWidth";
		HPDF_Page_SetWidth(pages[i], (HPDF_REAL)c->width);
		HPDF_Page_SetHeight(pages[i], (HPDF_REAL)c->height);
	}
	for (i = 0; i < c->npages && !failed(d); i++)
		draw_page(d, pages[i], &c->pages[i], c, pages);
	if (!failed(d))
		outlines(d, c, pages);
	for (i = 0; i < c->npages && !failed(d); i++)
		compress_stream(((HPDF_PageAttr)pages[i]->attr)->contents);
	free(pages);
	if (failed(d))
		return report(d);
	d->op = "HPDF_SaveToStream";
	saving = d;
	HPDF_SaveToStream(d->pdf);
	saving = NULL;
	if (failed(d))
		return report(d);
	size = HPDF_GetStreamSize(d->pdf);
	d->op = "HPDF_ResetStream";
	HPDF_ResetStream(d->pdf);
	buf_grow(out, size);
	d->op = "HPDF_ReadFromStream";
	while (size > 0 && !failed(d)) {
		len = size;
		HPDF_ReadFromStream(d->pdf, (HPDF_BYTE *)out->data + out->len,
		    &len);
		if (len == 0)
			break;
		out->len += len;
		size -= len;
	}
	out->data[out->len] = '\0';
	if (failed(d))
		return report(d);
	return 0;
}
