/*
 * The PDF font (see fonts.h): fontconfig to find it, HarfBuzz to read
 * and subset it, and a small sfnt writer that repairs what libharu gets
 * wrong.  TrueType tables are read with bounds checks everywhere: a font
 * file is input too.
 */
#define _GNU_SOURCE	/* memfd_create */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sysexits.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "pdf/fonts.h"

/* Chinese sans-serif TrueType fonts, best first. */
static const char *const preferred[] = {
	"WenQuanYi Zen Hei",
	"WenQuanYi Micro Hei",
	"Droid Sans Fallback"
};

/* Tables libharu does not read: dropping them makes subsetting faster. */
static const char *const dropped[] = {
	"GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG", "BDF ",
	"FFTM", "gasp", "EBDT", "EBLC", "EBSC", "kern", "hdmx", "VDMX",
	"LTSH", "DSIG", "PCLT"
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* How deep composite glyphs may nest, and how many parts one may have. */
#define MAX_DEPTH	8
#define MAX_LEAVES	64

/* ----------------------------------------------------- big-endian bytes */

static unsigned
get16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void
buf_put16(struct buf *b, unsigned v)
{
	uint8_t t[2];

	put16(t, v);
	buf_put(b, t, 2);
}

static void
buf_put32(struct buf *b, uint32_t v)
{
	uint8_t t[4];

	put32(t, v);
	buf_put(b, t, 4);
}

/* ------------------------------------------------------- glyf and loca */

struct glyphs {
	const uint8_t	*glyf;
	size_t		 glyf_len;
	const uint8_t	*loca;
	size_t		 loca_len;
	int		 long_loca;
	unsigned	 count;
};

/* The bytes of glyph gid; false when out of range (an empty glyph is fine). */
static bool
glyph_bytes(const struct glyphs *g, unsigned gid, const uint8_t **p,
    size_t *len)
{
	size_t a, b;

	if (gid >= g->count)
		return false;
	if (g->long_loca) {
		if ((size_t)(gid + 2) * 4 > g->loca_len)
			return false;
		a = get32(g->loca + 4 * gid);
		b = get32(g->loca + 4 * (gid + 1));
	} else {
		if ((size_t)(gid + 2) * 2 > g->loca_len)
			return false;
		a = 2 * (size_t)get16(g->loca + 2 * gid);
		b = 2 * (size_t)get16(g->loca + 2 * (gid + 1));
	}
	if (b < a || b > g->glyf_len)
		return false;
	*p = g->glyf + a;
	*len = b - a;
	return true;
}

static bool
is_composite(const uint8_t *p, size_t len)
{
	return len >= 10 && (int16_t)get16(p) < 0;
}

/* Component flags (OpenType glyf table) */
#define ARG_1_AND_2_ARE_WORDS		0x0001
#define ARGS_ARE_XY_VALUES		0x0002
#define WE_HAVE_A_SCALE			0x0008
#define MORE_COMPONENTS			0x0020
#define WE_HAVE_AN_X_AND_Y_SCALE	0x0040
#define WE_HAVE_A_TWO_BY_TWO		0x0080
#define WE_HAVE_INSTRUCTIONS		0x0100
#define SCALED_COMPONENT_OFFSET		0x0800
#define UNSCALED_COMPONENT_OFFSET	0x1000

/* x' = xx x + xy y + dx,  y' = yx x + yy y + dy */
struct xform {
	double	 xx, xy, yx, yy, dx, dy;
};

struct component {
	unsigned	 flags;
	unsigned	 gid;
	struct xform	 t;		/* when ARGS_ARE_XY_VALUES */
	const uint8_t	*raw;		/* the record as read */
	size_t		 raw_len;
};

/*
 * Reads the component record at p (end: the glyph's end).  Returns its
 * length, 0 when it runs past the end.
 */
static size_t
read_component(const uint8_t *p, const uint8_t *end, struct component *c)
{
	const uint8_t *q = p;
	double a1, a2, x, y, v[4];
	int nv, i;

	if (end - q < 4)
		return 0;
	c->flags = get16(q);
	c->gid = get16(q + 2);
	q += 4;
	if (c->flags & ARG_1_AND_2_ARE_WORDS) {
		if (end - q < 4)
			return 0;
		a1 = (int16_t)get16(q);
		a2 = (int16_t)get16(q + 2);
		q += 4;
	} else {
		if (end - q < 2)
			return 0;
		a1 = (int8_t)q[0];
		a2 = (int8_t)q[1];
		q += 2;
	}
	c->t.xx = c->t.yy = 1;
	c->t.xy = c->t.yx = 0;
	/* no scale, one, x and y, or a 2x2 matrix: F2Dot14 numbers */
	nv = (c->flags & WE_HAVE_A_SCALE) ? 1 :
	    (c->flags & WE_HAVE_AN_X_AND_Y_SCALE) ? 2 :
	    (c->flags & WE_HAVE_A_TWO_BY_TWO) ? 4 : 0;
	if (end - q < 2 * nv)
		return 0;
	for (i = 0; i < nv; i++, q += 2)
		v[i] = (int16_t)get16(q) / 16384.0;
	if (nv == 1)
		c->t.xx = c->t.yy = v[0];
	else if (nv == 2) {
		c->t.xx = v[0];
		c->t.yy = v[1];
	} else if (nv == 4) {
		c->t.xx = v[0];
		c->t.yx = v[1];
		c->t.xy = v[2];
		c->t.yy = v[3];
	}
	c->t.dx = a1;
	c->t.dy = a2;
	if ((c->flags & SCALED_COMPONENT_OFFSET) &&
	    !(c->flags & UNSCALED_COMPONENT_OFFSET)) {
		x = c->t.xx * a1 + c->t.xy * a2;
		y = c->t.yx * a1 + c->t.yy * a2;
		c->t.dx = x;
		c->t.dy = y;
	}
	c->raw = p;
	c->raw_len = (size_t)(q - p);
	return c->raw_len;
}

/* outer applied after inner */
static struct xform
compose(const struct xform *outer, const struct xform *inner)
{
	struct xform r;

	r.xx = outer->xx * inner->xx + outer->xy * inner->yx;
	r.xy = outer->xx * inner->xy + outer->xy * inner->yy;
	r.yx = outer->yx * inner->xx + outer->yy * inner->yx;
	r.yy = outer->yx * inner->xy + outer->yy * inner->yy;
	r.dx = outer->xx * inner->dx + outer->xy * inner->dy + outer->dx;
	r.dy = outer->yx * inner->dx + outer->yy * inner->dy + outer->dy;
	return r;
}

struct leaf {
	unsigned	 gid;
	struct xform	 t;
	const uint8_t	*raw;	/* non-NULL: copy this record as it is */
	size_t		 raw_len;
};

struct leaves {
	struct leaf	 v[MAX_LEAVES];
	size_t		 n;
};

/* The components of a composite glyph, one by one. */
struct components {
	const uint8_t	*p, *end;
	bool		 more;
};

static void
components_begin(struct components *it, const uint8_t *glyph, size_t len)
{
	it->p = glyph + 10;	/* past the glyph header */
	it->end = glyph + len;
	it->more = true;
}

/* 1 and the next component in *c, 0 after the last one, -1 when broken. */
static int
components_next(struct components *it, struct component *c)
{
	size_t k;

	if (!it->more)
		return 0;
	if ((k = read_component(it->p, it->end, c)) == 0)
		return -1;
	it->p += k;
	it->more = (c->flags & MORE_COMPONENTS) != 0;
	return 1;
}

static bool
add_leaf(struct leaves *l, unsigned gid, const struct xform *t,
    const uint8_t *raw, size_t raw_len)
{
	if (l->n == MAX_LEAVES)
		return false;
	l->v[l->n].gid = gid;
	l->v[l->n].t = *t;
	l->v[l->n].raw = raw;
	l->v[l->n].raw_len = raw_len;
	l->n++;
	return true;
}

/* The simple glyphs that make up gid placed by t, appended to l. */
static bool
expand(const struct glyphs *g, unsigned gid, const struct xform *t,
    int depth, struct leaves *l)
{
	const uint8_t *p;
	struct components it;
	struct component c;
	struct xform ct;
	size_t len;
	int r;

	if (depth > MAX_DEPTH || !glyph_bytes(g, gid, &p, &len))
		return false;
	if (!is_composite(p, len))
		return add_leaf(l, gid, t, NULL, 0);
	components_begin(&it, p, len);
	while ((r = components_next(&it, &c)) > 0) {
		/* a point-matched part cannot move to another parent */
		if (!(c.flags & ARGS_ARE_XY_VALUES))
			return false;
		ct = compose(t, &c.t);
		if (!expand(g, c.gid, &ct, depth + 1, l))
			return false;
	}
	return r == 0;
}

/*
 * The components of glyph gid with nested composites replaced by the
 * simple glyphs they are made of.  *nested tells whether anything was
 * nested (when not, the glyph needs no change).  False when the glyph
 * cannot be flattened.
 */
static bool
flatten_leaves(const struct glyphs *g, unsigned gid, struct leaves *l,
    bool *nested)
{
	const uint8_t *p, *q;
	struct components it;
	struct component c;
	size_t len, clen;
	int r;

	*nested = false;
	l->n = 0;
	if (!glyph_bytes(g, gid, &p, &len))
		return false;
	if (!is_composite(p, len))
		return true;
	components_begin(&it, p, len);
	while ((r = components_next(&it, &c)) > 0) {
		if (!glyph_bytes(g, c.gid, &q, &clen))
			return false;
		if (!is_composite(q, clen)) {
			if (!add_leaf(l, c.gid, &c.t, c.raw, c.raw_len))
				return false;
			continue;
		}
		*nested = true;
		if (!(c.flags & ARGS_ARE_XY_VALUES) ||
		    !expand(g, c.gid, &c.t, 1, l))
			return false;
	}
	return r == 0;
}

static bool
f2dot14(double v, int *out)
{
	double r = floor(v * 16384 + 0.5);

	if (r < -32768 || r > 32767)
		return false;
	*out = (int)r;
	return true;
}

static bool
int16_offset(double v, int *out)
{
	double r = floor(v + 0.5);

	if (r < -32768 || r > 32767)
		return false;
	*out = (int)r;
	return true;
}

/* Writes the leaves as one level of components; false on overflow. */
static bool
write_leaves(struct buf *out, const uint8_t *header, const struct leaves *l)
{
	size_t i;
	unsigned flags, more;
	int dx, dy, a, b, c, d;
	const struct leaf *lf;

	buf_put(out, header, 10);
	for (i = 0; i < l->n; i++) {
		lf = &l->v[i];
		more = i + 1 < l->n ? MORE_COMPONENTS : 0;
		if (lf->raw != NULL) {
			uint8_t rec[16];

			memcpy(rec, lf->raw, lf->raw_len);
			flags = (get16(rec) & ~(unsigned)(MORE_COMPONENTS |
			    WE_HAVE_INSTRUCTIONS)) | more;
			put16(rec, flags);
			buf_put(out, rec, lf->raw_len);
			continue;
		}
		if (!int16_offset(lf->t.dx, &dx) ||
		    !int16_offset(lf->t.dy, &dy) || !f2dot14(lf->t.xx, &a) ||
		    !f2dot14(lf->t.yx, &b) || !f2dot14(lf->t.xy, &c) ||
		    !f2dot14(lf->t.yy, &d))
			return false;
		flags = ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES | more;
		if (b != 0 || c != 0)
			flags |= WE_HAVE_A_TWO_BY_TWO;
		else if (a != d)
			flags |= WE_HAVE_AN_X_AND_Y_SCALE;
		else if (a != 16384)
			flags |= WE_HAVE_A_SCALE;
		buf_put16(out, flags);
		buf_put16(out, lf->gid);
		buf_put16(out, (unsigned)(dx & 0xffff));
		buf_put16(out, (unsigned)(dy & 0xffff));
		if (flags & WE_HAVE_A_TWO_BY_TWO) {
			buf_put16(out, (unsigned)(a & 0xffff));
			buf_put16(out, (unsigned)(b & 0xffff));
			buf_put16(out, (unsigned)(c & 0xffff));
			buf_put16(out, (unsigned)(d & 0xffff));
		} else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) {
			buf_put16(out, (unsigned)(a & 0xffff));
			buf_put16(out, (unsigned)(d & 0xffff));
		} else if (flags & WE_HAVE_A_SCALE)
			buf_put16(out, (unsigned)(a & 0xffff));
	}
	return true;
}

/* True when glyph gid draws correctly once embedded by libharu. */
static bool
glyph_embeddable(const struct glyphs *g, unsigned gid)
{
	struct leaves l;
	struct buf scratch = BUF_INIT;
	const uint8_t *p;
	size_t len;
	bool nested, ok;

	if (!flatten_leaves(g, gid, &l, &nested))
		return false;
	if (!nested)
		return true;
	if (!glyph_bytes(g, gid, &p, &len))
		return false;
	ok = write_leaves(&scratch, p, &l);
	buf_free(&scratch);
	return ok;
}

/* ---------------------------------------------------------- the fonts */

struct pdf_font {
	char		*file;
	unsigned	 index;
	char		*family;
	hb_blob_t	*blob;
	hb_face_t	*face;
	hb_font_t	*font;
	hb_blob_t	*glyf_blob, *loca_blob;
	struct glyphs	 glyphs;
	struct pdf_font	*next;
};

static struct pdf_font	*loaded;
static char		*found_file;	/* fontconfig's answer, once */
static unsigned		 found_index;

/* lets the last subset go (pdf_font_subset) */
static void	 last_free(void);

const char *
pdf_font_family(const struct pdf_font *f)
{
	return f->family;
}

const char *
pdf_font_file(const struct pdf_font *f)
{
	return f->file;
}

unsigned
pdf_font_index(const struct pdf_font *f)
{
	return f->index;
}

static bool
has_table(hb_face_t *face, hb_tag_t tag)
{
	hb_blob_t *b = hb_face_reference_table(face, tag);
	bool has = hb_blob_get_length(b) > 0;

	hb_blob_destroy(b);
	return has;
}

/* A TrueType face with glyf outlines; family set when it is usable. */
static bool
usable_face(const char *file, unsigned index)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
	hb_face_t *face;
	bool ok;

	if (blob == NULL)
		return false;
	face = hb_face_create(blob, index);
	ok = hb_face_get_glyph_count(face) > 0 &&
	    has_table(face, HB_TAG('g', 'l', 'y', 'f')) &&
	    has_table(face, HB_TAG('l', 'o', 'c', 'a')) &&
	    !has_table(face, HB_TAG('C', 'F', 'F', ' '));
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return ok;
}

/* The first usable font of a fontconfig pattern, in file order. */
static bool
fc_first(FcPattern *pat)
{
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, NULL);
	FcFontSet *fs = FcFontList(NULL, pat, os);
	FcChar8 *file, *best = NULL;
	int index, best_index = 0, i;

	FcObjectSetDestroy(os);
	if (fs == NULL)
		return false;
	for (i = 0; i < fs->nfont; i++) {
		if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) !=
		    FcResultMatch)
			continue;
		if (FcPatternGetInteger(fs->fonts[i], FC_INDEX, 0, &index) !=
		    FcResultMatch)
			index = 0;
		/* fontconfig's order is not stable: take the least */
		if (best != NULL && (strcmp((char *)file, (char *)best) > 0 ||
		    (strcmp((char *)file, (char *)best) == 0 &&
		    index >= best_index)))
			continue;
		if (!usable_face((char *)file, (unsigned)index))
			continue;
		best = file;
		best_index = index;
	}
	if (best != NULL) {
		found_file = xstrdup((char *)best);
		found_index = (unsigned)best_index;
	}
	FcFontSetDestroy(fs);
	return best != NULL;
}

/*
 * The system's preferred Chinese sans-serif, in fontconfig's order of
 * preference, if it is a TrueType font with glyf outlines that has 中.
 */
static bool
fc_sans(void)
{
	FcPattern *pat = FcNameParse((const FcChar8 *)"sans-serif:lang=zh-cn");
	FcFontSet *fs;
	FcResult res;
	FcChar8 *file, *format;
	FcCharSet *cs;
	int index, i;
	bool ok = false;

	if (pat == NULL)
		return false;
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	fs = FcFontSort(NULL, pat, FcFalse, NULL, &res);
	for (i = 0; fs != NULL && i < fs->nfont && !ok; i++) {
		if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) !=
		    FcResultMatch || FcPatternGetString(fs->fonts[i],
		    FC_FONTFORMAT, 0, &format) != FcResultMatch ||
		    strcmp((char *)format, "TrueType") != 0 ||
		    FcPatternGetCharSet(fs->fonts[i], FC_CHARSET, 0, &cs) !=
		    FcResultMatch || !FcCharSetHasChar(cs, 0x4e2d))
			continue;
		if (FcPatternGetInteger(fs->fonts[i], FC_INDEX, 0, &index) !=
		    FcResultMatch)
			index = 0;
		if (!usable_face((char *)file, (unsigned)index))
			continue;
		found_file = xstrdup((char *)file);
		found_index = (unsigned)index;
		ok = true;
	}
	if (fs != NULL)
		FcFontSetDestroy(fs);
	FcPatternDestroy(pat);
	return ok;
}

static bool
fc_find(void)
{
	FcPattern *pat;
	size_t i;
	bool ok = false;

	if (found_file != NULL)
		return true;
	for (i = 0; i < NELEM(preferred) && !ok; i++) {
		pat = FcPatternCreate();
		FcPatternAddString(pat, FC_FAMILY,
		    (const FcChar8 *)preferred[i]);
		FcPatternAddString(pat, FC_FONTFORMAT,
		    (const FcChar8 *)"TrueType");
		ok = fc_first(pat);
		FcPatternDestroy(pat);
	}
	if (!ok)
		ok = fc_sans();
	if (!ok) {
		pat = FcPatternCreate();
		FcPatternAddString(pat, FC_LANG, (const FcChar8 *)"zh-cn");
		FcPatternAddString(pat, FC_FONTFORMAT,
		    (const FcChar8 *)"TrueType");
		ok = fc_first(pat);
		FcPatternDestroy(pat);
	}
	return ok;
}

static char *
face_family(hb_face_t *face)
{
	char name[256];
	unsigned len = sizeof(name);

	if (hb_ot_name_get_utf8(face, HB_OT_NAME_ID_FONT_FAMILY,
	    hb_language_from_string("en", -1), &len, name) == 0) {
		len = sizeof(name);
		if (hb_ot_name_get_utf8(face, HB_OT_NAME_ID_FONT_FAMILY,
		    HB_LANGUAGE_INVALID, &len, name) == 0)
			return xstrdup("(unnamed font)");
	}
	return xstrdup(name);
}

static void
font_free(struct pdf_font *f)
{
	hb_blob_destroy(f->glyf_blob);
	hb_blob_destroy(f->loca_blob);
	hb_font_destroy(f->font);
	hb_face_destroy(f->face);
	hb_blob_destroy(f->blob);
	free(f->file);
	free(f->family);
	free(f);
}

/* OS/2 fsType: restricted, no subsetting or bitmap only (libharu refuses). */
static bool
embedding_forbidden(hb_face_t *face)
{
	hb_blob_t *os2 = hb_face_reference_table(face,
	    HB_TAG('O', 'S', '/', '2'));
	unsigned len;
	const uint8_t *p = (const uint8_t *)hb_blob_get_data(os2, &len);
	bool no = len >= 10 && (get16(p + 8) & 0x0302) != 0;

	hb_blob_destroy(os2);
	return no;
}

static struct pdf_font *
load(const char *file, unsigned index)
{
	struct pdf_font *f;
	hb_blob_t *blob, *head;
	unsigned head_len;
	const uint8_t *h;

	if ((blob = hb_blob_create_from_file_or_fail(file)) == NULL) {
		diag(DIAG_ERROR, file, 0, NULL, NULL,
		    "cannot read the PDF font");
		diag_set_exit(EX_CANTCREAT);
		return NULL;
	}
	f = xcalloc(1, sizeof(*f));
	f->file = xstrdup(file);
	f->index = index;
	f->blob = blob;
	f->face = hb_face_create(blob, index);
	hb_face_make_immutable(f->face);
	f->font = hb_font_create(f->face);
	f->family = face_family(f->face);
	f->glyf_blob = hb_face_reference_table(f->face,
	    HB_TAG('g', 'l', 'y', 'f'));
	f->loca_blob = hb_face_reference_table(f->face,
	    HB_TAG('l', 'o', 'c', 'a'));
	f->glyphs.glyf = (const uint8_t *)hb_blob_get_data(f->glyf_blob,
	    NULL);
	f->glyphs.glyf_len = hb_blob_get_length(f->glyf_blob);
	f->glyphs.loca = (const uint8_t *)hb_blob_get_data(f->loca_blob,
	    NULL);
	f->glyphs.loca_len = hb_blob_get_length(f->loca_blob);
	f->glyphs.count = hb_face_get_glyph_count(f->face);
	head = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
	h = (const uint8_t *)hb_blob_get_data(head, &head_len);
	f->glyphs.long_loca = head_len >= 54 && get16(h + 50) != 0;
	hb_blob_destroy(head);
	if (embedding_forbidden(f->face)) {
		diag(DIAG_ERROR, file, 0, NULL, NULL, "the PDF font's "
		    "licence does not allow embedding it (OS/2 fsType)");
		diag_set_exit(EX_CANTCREAT);
		font_free(f);
		return NULL;
	}
	if (f->glyphs.count == 0 || f->glyphs.glyf_len == 0 ||
	    f->glyphs.loca_len == 0 || head_len < 54 ||
	    has_table(f->face, HB_TAG('C', 'F', 'F', ' '))) {
		diag(DIAG_ERROR, file, 0, NULL, NULL, "the PDF font must "
		    "be a TrueType font with glyf outlines (libharu cannot "
		    "embed CFF fonts such as Noto Sans CJK)");
		diag_set_exit(EX_CANTCREAT);
		font_free(f);
		return NULL;
	}
	f->next = loaded;
	loaded = f;
	return f;
}

struct pdf_font *
pdf_font_open(const char *path)
{
	struct pdf_font *f;
	const char *file = path;
	unsigned index = 0;

	if (file == NULL) {
		if (!fc_find()) {
			diag(DIAG_ERROR, NULL, 0, NULL, NULL, "no Chinese "
			    "TrueType font found for the PDF (install "
			    "fonts-wqy-zenhei), so no PDF can be made");
			diag_set_exit(EX_CANTCREAT);
			return NULL;
		}
		file = found_file;
		index = found_index;
	}
	for (f = loaded; f != NULL; f = f->next)
		if (f->index == index && strcmp(f->file, file) == 0)
			break;
	if (f != NULL)
		return f;
	return load(file, index);
}

void
pdf_fonts_free(void)
{
	struct pdf_font *f, *next;

	last_free();
	for (f = loaded; f != NULL; f = next) {
		next = f->next;
		font_free(f);
	}
	loaded = NULL;
	if (found_file != NULL) {
		/* fontconfig was asked: let it go too */
		free(found_file);
		found_file = NULL;
		FcFini();
	}
}

enum pdf_font_coverage
pdf_font_covers(struct pdf_font *f, uint32_t cp)
{
	hb_codepoint_t gid;

	if (!hb_font_get_nominal_glyph(f->font, cp, &gid))
		return PDF_FONT_MISSING;
	if (cp > 0xffff)
		return PDF_FONT_BEYOND_BMP;
	if (!glyph_embeddable(&f->glyphs, gid))
		return PDF_FONT_BROKEN;
	return PDF_FONT_HAS;
}

/* ------------------------------------------------------ the sfnt writer */

struct table {
	uint32_t	 tag;
	const uint8_t	*data;
	size_t		 len;
};

struct sfnt {
	struct table	 t[64];
	size_t		 n;
};

static struct table *
find_table(struct sfnt *s, uint32_t tag)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->t[i].tag == tag)
			return &s->t[i];
	return NULL;
}

static bool
read_sfnt(const uint8_t *p, size_t len, struct sfnt *s)
{
	size_t i, n, off, tlen;

	if (len < 12)
		return false;
	n = get16(p + 4);
	if (n > NELEM(s->t) || 12 + 16 * n > len)
		return false;
	for (i = 0; i < n; i++) {
		const uint8_t *r = p + 12 + 16 * i;

		off = get32(r + 8);
		tlen = get32(r + 12);
		if (off > len || tlen > len - off)
			return false;
		s->t[i].tag = get32(r);
		s->t[i].data = p + off;
		s->t[i].len = tlen;
	}
	s->n = n;
	return true;
}

static uint32_t
checksum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;
	uint8_t last[4] = { 0, 0, 0, 0 };
	size_t i;

	for (i = 0; i + 4 <= len; i += 4)
		sum += get32(p + i);
	if (i < len) {
		memcpy(last, p + i, len - i);
		sum += get32(last);
	}
	return sum;
}

static int
table_order(const void *a, const void *b)
{
	uint32_t x = ((const struct table *)a)->tag;
	uint32_t y = ((const struct table *)b)->tag;

	return x < y ? -1 : x > y;
}

static void
write_sfnt(struct sfnt *s, struct buf *out)
{
	size_t i, base = out->len, off, head_at = 0;
	unsigned sr = 1, es = 0;
	uint32_t sum;
	bool has_head = false;

	qsort(s->t, s->n, sizeof(s->t[0]), table_order);
	while (2 * sr <= s->n) {
		sr *= 2;
		es++;
	}
	buf_put32(out, 0x00010000);
	buf_put16(out, (unsigned)s->n);
	buf_put16(out, 16 * sr);
	buf_put16(out, es);
	buf_put16(out, (unsigned)(16 * s->n - 16 * sr));
	off = 12 + 16 * s->n;
	for (i = 0; i < s->n; i++) {
		buf_put32(out, s->t[i].tag);
		if (s->t[i].tag == HB_TAG('h', 'e', 'a', 'd')) {
			/* checkSumAdjustment counts as 0 */
			uint8_t tmp[64];
			size_t l = s->t[i].len < sizeof(tmp) ? s->t[i].len :
			    sizeof(tmp);

			memcpy(tmp, s->t[i].data, l);
			if (l >= 12)
				put32(tmp + 8, 0);
			buf_put32(out, checksum(tmp, l));
		} else
			buf_put32(out, checksum(s->t[i].data, s->t[i].len));
		buf_put32(out, (uint32_t)off);
		buf_put32(out, (uint32_t)s->t[i].len);
		off += (s->t[i].len + 3) & ~(size_t)3;
	}
	for (i = 0; i < s->n; i++) {
		if (s->t[i].tag == HB_TAG('h', 'e', 'a', 'd') &&
		    s->t[i].len >= 12) {
			head_at = out->len;
			has_head = true;
		}
		buf_put(out, s->t[i].data, s->t[i].len);
		while ((out->len - base) % 4 != 0)
			buf_putc(out, 0);
	}
	if (has_head) {
		put32((uint8_t *)out->data + head_at + 8, 0);
		sum = checksum((const uint8_t *)out->data + base,
		    out->len - base);
		put32((uint8_t *)out->data + head_at + 8, 0xb1b0afbau - sum);
	}
}

/*
 * The glyf, loca, head and maxp tables of s and the glyphs they hold;
 * false when one is missing or too short.
 */
static bool
glyphs_open(struct sfnt *s, struct glyphs *g, struct table **glyf,
    struct table **loca, struct table **head, struct table **maxp)
{
	*glyf = find_table(s, HB_TAG('g', 'l', 'y', 'f'));
	*loca = find_table(s, HB_TAG('l', 'o', 'c', 'a'));
	*head = find_table(s, HB_TAG('h', 'e', 'a', 'd'));
	*maxp = find_table(s, HB_TAG('m', 'a', 'x', 'p'));
	if (*glyf == NULL || *loca == NULL || *head == NULL || *maxp == NULL ||
	    (*head)->len < 54 || (*maxp)->len < 6)
		return false;
	g->glyf = (*glyf)->data;
	g->glyf_len = (*glyf)->len;
	g->loca = (*loca)->data;
	g->loca_len = (*loca)->len;
	g->long_loca = get16((*head)->data + 50) != 0;
	g->count = get16((*maxp)->data + 4);
	return true;
}

/*
 * Rewrites glyf and loca with every nested composite flattened (long
 * loca offsets), and head and maxp to match.  new_* receive the new
 * tables.  Returns 1 when something was rewritten, 0 when nothing needed
 * it, -1 when a glyph cannot be flattened (*bad_gid is set).
 */
static int
flatten_tables(struct sfnt *s, struct buf *new_glyf, struct buf *new_loca,
    struct buf *new_head, struct buf *new_maxp, unsigned *bad_gid)
{
	struct table *glyf, *loca, *head, *maxp;
	struct glyphs g;
	struct leaves l;
	const uint8_t *p;
	size_t len, most = 0;
	unsigned gid;
	bool nested, any = false;

	if (!glyphs_open(s, &g, &glyf, &loca, &head, &maxp))
		return 0;
	for (gid = 0; gid < g.count && !any; gid++) {
		if (!flatten_leaves(&g, gid, &l, &nested)) {
			*bad_gid = gid;
			return -1;
		}
		any = nested;
	}
	if (!any)
		return 0;
	for (gid = 0; gid < g.count; gid++) {
		buf_put32(new_loca, (uint32_t)new_glyf->len);
		if (!glyph_bytes(&g, gid, &p, &len)) {
			*bad_gid = gid;
			return -1;
		}
		if (!flatten_leaves(&g, gid, &l, &nested)) {
			*bad_gid = gid;
			return -1;
		}
		if (nested) {
			if (!write_leaves(new_glyf, p, &l)) {
				*bad_gid = gid;
				return -1;
			}
			if (l.n > most)
				most = l.n;
		} else
			buf_put(new_glyf, p, len);
		while (new_glyf->len % 4 != 0)
			buf_putc(new_glyf, 0);
	}
	buf_put32(new_loca, (uint32_t)new_glyf->len);
	buf_put(new_head, head->data, head->len);
	put16((uint8_t *)new_head->data + 50, 1);	/* long offsets */
	buf_put(new_maxp, maxp->data, maxp->len);
	if (maxp->len >= 32 && get16(maxp->data + 28) < most)
		put16((uint8_t *)new_maxp->data + 28, (unsigned)most);
	glyf->data = (const uint8_t *)new_glyf->data;
	glyf->len = new_glyf->len;
	loca->data = (const uint8_t *)new_loca->data;
	loca->len = new_loca->len;
	head->data = (const uint8_t *)new_head->data;
	maxp->data = (const uint8_t *)new_maxp->data;
	return 1;
}

/*
 * libharu looks a code point up in the font's format 4 cmap by walking
 * its segments from the first, and it looks up every one of the 65,536
 * code points once per document (to build the CIDToGIDMap and the
 * widths): a subset's cmap, a segment for each run of the document's
 * characters (a few hundred for a Chinese statement), made that walk
 * about a quarter of a document's time.  So the subset gets a cmap of
 * few segments: runs whose gap is small are joined into one segment
 * through the glyph id array, the code points of the gap mapping to
 * glyph 0 as before.  Every code point maps to the same glyph as in
 * HarfBuzz's cmap, so the CIDToGIDMap and the widths are unchanged.
 */
/* Runs are joined when the gap costs less than the walk it saves: an
 * entry of the array costs libharu about as much to read as 64 steps of
 * the walk, which every code point above the segment takes. */
#define CMAP_STEPS_PER_ID	64
#define CMAP_MAX_IDS	30000	/* glyph ids in the array (the subtable's
				   length is a 16-bit number) */

struct cmap_seg {
	unsigned	 start, end;	/* code points */
	size_t		 first;		/* its first entry in the pairs */
	size_t		 n;		/* pairs in it */
	bool		 delta;		/* consecutive glyphs: no array */
};

/*
 * A cmap table (one format 4 subtable, Windows Unicode BMP) mapping the
 * sorted code points cps[0..n) to gids[0..n), into out.  False when it
 * does not fit a format 4 subtable (out is then unchanged).
 */
static bool
build_cmap(const uint32_t *cps, const unsigned *gids, size_t n,
    struct buf *out)
{
	struct cmap_seg *seg = xcalloc(n + 1, sizeof(*seg));
	size_t nseg = 0, i, k, ids = 0, len, at;
	unsigned sr = 1, es = 0;

	for (i = 0; i < n; i++) {
		struct cmap_seg *last = nseg > 0 ? &seg[nseg - 1] : NULL;

		if (last != NULL && (cps[i] - last->end) * CMAP_STEPS_PER_ID <
		    0x10000 - last->end) {
			last->delta = last->delta &&
			    cps[i] == last->end + 1 &&
			    gids[i] == gids[i - 1] + 1;
			last->end = cps[i];
			last->n++;
			continue;
		}
		seg[nseg].start = seg[nseg].end = cps[i];
		seg[nseg].first = i;
		seg[nseg].n = 1;
		seg[nseg].delta = true;
		nseg++;
	}
	for (k = 0; k < nseg; k++)
		if (!seg[k].delta)
			ids += seg[k].end - seg[k].start + 1;
	if (nseg == 0 || (nseg > 0 && seg[nseg - 1].end >= 0xffff) ||
	    ids > CMAP_MAX_IDS) {
		free(seg);
		return false;
	}
	nseg++;		/* the final 0xFFFF segment */
	len = 16 + 8 * nseg + 2 * ids;
	while (2 * sr <= nseg) {
		sr *= 2;
		es++;
	}
	buf_put16(out, 0);		/* cmap version */
	buf_put16(out, 1);		/* one subtable */
	buf_put16(out, 3);		/* Windows */
	buf_put16(out, 1);		/* Unicode BMP */
	buf_put32(out, 12);
	buf_put16(out, 4);		/* format */
	buf_put16(out, (unsigned)len);
	buf_put16(out, 0);		/* language */
	buf_put16(out, (unsigned)(2 * nseg));
	buf_put16(out, 2 * sr);
	buf_put16(out, es);
	buf_put16(out, (unsigned)(2 * nseg - 2 * sr));
	for (k = 0; k + 1 < nseg; k++)
		buf_put16(out, seg[k].end);
	buf_put16(out, 0xffff);
	buf_put16(out, 0);		/* reservedPad */
	for (k = 0; k + 1 < nseg; k++)
		buf_put16(out, seg[k].start);
	buf_put16(out, 0xffff);
	for (k = 0; k + 1 < nseg; k++)
		buf_put16(out, seg[k].delta ?
		    (gids[seg[k].first] - seg[k].start) & 0xffff : 0);
	buf_put16(out, 1);
	for (k = 0, at = 0; k + 1 < nseg; k++)
		if (seg[k].delta)
			buf_put16(out, 0);
		else {
			buf_put16(out, (unsigned)(2 * (nseg - k + at)));
			at += seg[k].end - seg[k].start + 1;
		}
	buf_put16(out, 0);
	for (k = 0; k + 1 < nseg; k++) {
		unsigned cp;

		if (seg[k].delta)
			continue;
		for (cp = seg[k].start, i = seg[k].first; cp <= seg[k].end;
		    cp++)
			if (i < seg[k].first + seg[k].n && cps[i] == cp)
				buf_put16(out, gids[i++]);
			else
				buf_put16(out, 0);
	}
	free(seg);
	return true;
}

/*
 * The subset's glyph of each of cps[0..n) into gids, and a cmap table of
 * them in out (false when none could be made).
 */
static bool
subset_cmap(hb_face_t *sub, const uint32_t *cps, size_t n, unsigned *gids,
    struct buf *out)
{
	hb_font_t *font = hb_font_create(sub);
	hb_codepoint_t g;
	size_t i;
	bool ok = n > 0;

	for (i = 0; i < n; i++) {
		if (!hb_font_get_nominal_glyph(font, cps[i], &g))
			g = 0;
		gids[i] = g;
		ok = ok && g != 0 && cps[i] < 0xffff &&
		    (i == 0 || cps[i] > cps[i - 1]);
	}
	ok = ok && build_cmap(cps, gids, n, out);
	hb_font_destroy(font);
	return ok;
}

void
pdf_subset_free(struct pdf_subset *s)
{
	buf_free(&s->font);
	buf_free(&s->lookup);
	free(s->gids);
	s->gids = NULL;
}

/*
 * The last subset made, for the next document that asks for the same
 * characters of the same font: the same characters give the same bytes,
 * so a copy of it is what subsetting again would make.  pdf_fonts_free()
 * lets it go.
 */
static struct {
	struct pdf_font	*font;
	uint32_t	*cps;
	size_t		 n;
	struct pdf_subset sub;
} last;

static void
subset_copy(struct pdf_subset *to, const struct pdf_subset *from, size_t n)
{
	buf_put(&to->font, from->font.data, from->font.len);
	buf_put(&to->lookup, from->lookup.data, from->lookup.len);
	to->gids = xcalloc(n ? n : 1, sizeof(*to->gids));
	if (n > 0)
		memcpy(to->gids, from->gids, n * sizeof(*to->gids));
}

static void
last_free(void)
{
	free(last.cps);
	pdf_subset_free(&last.sub);
	memset(&last, 0, sizeof(last));
}

static void
last_keep(struct pdf_font *f, const uint32_t *cps, size_t n,
    const struct pdf_subset *sub)
{
	last_free();
	last.font = f;
	last.cps = xcalloc(n ? n : 1, sizeof(*cps));
	if (n > 0)
		memcpy(last.cps, cps, n * sizeof(*cps));
	last.n = n;
	subset_copy(&last.sub, sub, n);
}

int
pdf_font_subset(struct pdf_font *f, const char *source, const uint32_t *cps,
    size_t n, struct pdf_subset *out)
{
	static const uint8_t prep[3] = { 0xb0, 0x00, 0x21 };	/* PUSHB 0, POP */
	hb_subset_input_t *in;
	hb_face_t *sub;
	hb_blob_t *blob;
	hb_set_t *set;
	struct sfnt s;
	struct buf glyf = BUF_INIT, loca = BUF_INIT, head = BUF_INIT,
	    maxp = BUF_INIT, cmap = BUF_INIT;
	struct table *t;
	const uint8_t *data;
	unsigned len, bad = 0;
	size_t i;
	int status = 0;

	if (last.font == f && last.n == n && (n == 0 ||
	    memcmp(last.cps, cps, n * sizeof(*cps)) == 0)) {
		subset_copy(out, &last.sub, n);
		return 0;
	}
	if ((in = hb_subset_input_create_or_fail()) == NULL) {
		diag(DIAG_ERROR, source, 0, NULL, NULL, "out of memory "
		    "subsetting the PDF font");
		return -1;
	}
	set = hb_subset_input_unicode_set(in);
	for (i = 0; i < n; i++)
		hb_set_add(set, cps[i]);
	set = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (i = 0; i < NELEM(dropped); i++)
		hb_set_add(set, hb_tag_from_string(dropped[i], 4));
	/* never RETAIN_GIDS: small glyph ids avoid libharu's int16 bug */
	/* NAME_LEGACY keeps Mac-platform English names: libharu takes the
	 * PostScript name from (3,1,0x409) or (1,0) records only */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
	    HB_SUBSET_FLAGS_NAME_LEGACY);
	sub = hb_subset_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (sub == NULL) {
		diag(DIAG_ERROR, source, 0, NULL, f->file,
		    "cannot subset the PDF font");
		return -1;
	}
	blob = hb_face_reference_blob(sub);
	data = (const uint8_t *)hb_blob_get_data(blob, &len);
	if (!read_sfnt(data, len, &s) || find_table(&s,
	    HB_TAG('g', 'l', 'y', 'f')) == NULL) {
		diag(DIAG_ERROR, source, 0, NULL, f->file,
		    "the PDF font subset is not a TrueType font");
		status = -1;
		goto out;
	}
	if (hb_face_get_glyph_count(sub) > 32767) {
		/* libharu reads component glyph ids as signed 16-bit */
		diag(DIAG_ERROR, source, 0, NULL, NULL, "the document uses "
		    "more than 32767 glyphs, more than the PDF library can "
		    "embed correctly");
		status = -1;
		goto out;
	}
	if (flatten_tables(&s, &glyf, &loca, &head, &maxp, &bad) < 0) {
		diag(DIAG_ERROR, source, 0, NULL, f->file, "cannot flatten "
		    "composite glyph %u of the PDF font subset", bad);
		status = -1;
		goto out;
	}
	if (find_table(&s, HB_TAG('p', 'r', 'e', 'p')) == NULL &&
	    s.n < NELEM(s.t)) {
		/* libharu's save sometimes fails without one */
		s.t[s.n].tag = HB_TAG('p', 'r', 'e', 'p');
		s.t[s.n].data = prep;
		s.t[s.n].len = sizeof(prep);
		s.n++;
	}
	write_sfnt(&s, &out->font);
	out->gids = xcalloc(n ? n : 1, sizeof(*out->gids));
	if (subset_cmap(sub, cps, n, out->gids, &cmap) &&
	    (t = find_table(&s, HB_TAG('c', 'm', 'a', 'p'))) != NULL) {
		t->data = (const uint8_t *)cmap.data;
		t->len = cmap.len;
		write_sfnt(&s, &out->lookup);
	} else
		buf_put(&out->lookup, out->font.data, out->font.len);
	last_keep(f, cps, n, out);
out:
	buf_free(&glyf);
	buf_free(&loca);
	buf_free(&head);
	buf_free(&maxp);
	buf_free(&cmap);
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return status;
}

/*
 * Keeps in out->font only the glyphs of the characters drawn (and
 * .notdef, and the components of those that are composite): the others
 * become empty glyphs, as libharu's own embedding left them.
 */
void
pdf_subset_trim(struct pdf_subset *out, const bool *drawn, size_t n)
{
	struct sfnt s;
	struct table *glyf, *loca, *head, *maxp;
	struct glyphs g;
	struct components it;
	struct component c;
	struct buf nglyf = BUF_INIT, nloca = BUF_INIT, nhead = BUF_INIT,
	    font = BUF_INIT;
	const uint8_t *p;
	size_t i, len;
	unsigned gid;
	bool *keep, more = true;
	int depth;

	if (out->gids == NULL || !read_sfnt((const uint8_t *)out->font.data,
	    out->font.len, &s))
		return;
	if (!glyphs_open(&s, &g, &glyf, &loca, &head, &maxp))
		return;
	keep = xcalloc(g.count + 1, sizeof(*keep));
	keep[0] = true;
	for (i = 0; i < n; i++)
		if (drawn[i] && out->gids[i] < g.count)
			keep[out->gids[i]] = true;
	for (depth = 0; depth < MAX_DEPTH && more; depth++) {
		more = false;
		for (gid = 0; gid < g.count; gid++) {
			if (!keep[gid] || !glyph_bytes(&g, gid, &p, &len) ||
			    !is_composite(p, len))
				continue;
			components_begin(&it, p, len);
			while (components_next(&it, &c) > 0)
				if (c.gid < g.count && !keep[c.gid])
					keep[c.gid] = more = true;
		}
	}
	for (gid = 0; gid < g.count; gid++) {
		buf_put32(&nloca, (uint32_t)nglyf.len);
		if (keep[gid] && glyph_bytes(&g, gid, &p, &len)) {
			buf_put(&nglyf, p, len);
			while (nglyf.len % 4 != 0)
				buf_putc(&nglyf, 0);
		}
	}
	buf_put32(&nloca, (uint32_t)nglyf.len);
	buf_put(&nhead, head->data, head->len);
	put16((uint8_t *)nhead.data + 50, 1);	/* long offsets */
	glyf->data = (const uint8_t *)nglyf.data;
	glyf->len = nglyf.len;
	loca->data = (const uint8_t *)nloca.data;
	loca->len = nloca.len;
	head->data = (const uint8_t *)nhead.data;
	write_sfnt(&s, &font);
	buf_free(&out->font);
	out->font = font;
	buf_free(&nglyf);
	buf_free(&nloca);
	buf_free(&nhead);
	free(keep);
}

/* -------------------------------------------------------- temp files */

#define PROC_FD_PREFIX	"/proc/self/fd/"

static bool
write_all(int fd, const char *p, size_t len)
{
	ssize_t k;

	while (len > 0) {
		if ((k = write(fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += k;
		len -= (size_t)k;
	}
	return true;
}

int
pdf_font_tempfile(const char *source, const struct buf *bytes,
    char path[PDF_FONT_PATH_MAX])
{
	const char *dir;
	int fd;

#ifdef MFD_CLOEXEC
	if ((fd = memfd_create("scorecard-font", MFD_CLOEXEC)) >= 0) {
		snprintf(path, PDF_FONT_PATH_MAX, PROC_FD_PREFIX "%d", fd);
		if (write_all(fd, bytes->data, bytes->len) &&
		    access(path, R_OK) == 0)
			return fd;
		close(fd);
	}
#endif
	if ((dir = getenv("TMPDIR")) == NULL || *dir == '\0')
		dir = "/tmp";
	if ((size_t)snprintf(path, PDF_FONT_PATH_MAX,
	    "%s/scorecard-font-XXXXXX", dir) >= PDF_FONT_PATH_MAX ||
	    (fd = mkstemp(path)) < 0) {
		diag(DIAG_ERROR, source, 0, NULL, dir, "cannot create a "
		    "temporary file for the PDF font: %s", strerror(errno));
		return -1;
	}
	if (!write_all(fd, bytes->data, bytes->len)) {
		diag(DIAG_ERROR, source, 0, NULL, path, "cannot write the "
		    "PDF font: %s", strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	return fd;
}

void
pdf_font_tempfile_done(int fd, const char *path)
{
	if (fd < 0)
		return;
	if (strncmp(path, PROC_FD_PREFIX, strlen(PROC_FD_PREFIX)) != 0)
		unlink(path);
	close(fd);
}
