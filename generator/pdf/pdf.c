/*
 * The PDF renderer's entry points (see pdf.h).  One pass over the tree
 * collects every character the document will draw, with where it came
 * from; the font is checked against them (errors name the line and
 * column), subset to exactly them, and loaded into a fresh libharu
 * document; then the layout fills a display list and the device writes
 * it out.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/utf8.h"
#include "util/yamltree.h"
#include "markdown/mdtree.h"
#include "chart/chart.h"
#include "tmpl/templates.h"
#include "pdf/canvas.h"
#include "pdf/device.h"
#include "pdf/fonts.h"
#include "pdf/layout.h"
#include "pdf/pdf.h"

/* ------------------------------------------------- a set of code points */

struct cpset {
	uint32_t	*slot;	/* cp + 1; 0 = empty */
	size_t		 cap, n;
};

static bool
cpset_add(struct cpset *s, uint32_t cp)
{
	size_t i, k;

	if (2 * (s->n + 1) > s->cap) {
		struct cpset bigger;

		bigger.cap = s->cap ? 2 * s->cap : 256;
		bigger.n = 0;
		bigger.slot = xcalloc(bigger.cap, sizeof(uint32_t));
		for (k = 0; k < s->cap; k++)
			if (s->slot[k] != 0)
				(void)cpset_add(&bigger, s->slot[k] - 1);
		free(s->slot);
		*s = bigger;
	}
	for (i = (cp * 2654435761u) & (s->cap - 1); s->slot[i] != 0;
	    i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == cp + 1)
			return false;
	s->slot[i] = cp + 1;
	s->n++;
	return true;
}

static bool
cpset_has(const struct cpset *s, uint32_t cp)
{
	size_t i;

	if (s->cap == 0)
		return false;
	for (i = (cp * 2654435761u) & (s->cap - 1); s->slot[i] != 0;
	    i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == cp + 1)
			return true;
	return false;
}

/* The members, in increasing order (for the subsetter: any order works,
 * sorted keeps runs comparable). */
static uint32_t *
cpset_list(const struct cpset *s, size_t *n)
{
	uint32_t *v = xcalloc(s->n ? s->n : 1, sizeof(*v));
	size_t i, k = 0;

	for (i = 0; i < s->cap; i++)
		if (s->slot[i] != 0)
			v[k++] = s->slot[i] - 1;
	for (i = 1; i < k; i++) {	/* insertion sort: small, mostly runs */
		uint32_t x = v[i];
		size_t j = i;

		while (j > 0 && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
	*n = k;
	return v;
}

/* --------------------------------------------------- what is drawn */

struct collect {
	const char		*source;
	const char		*md;
	size_t			 len;
	size_t			*line_start;	/* offset of each line */
	size_t			 nlines;
	struct pdf_font		*font;
	struct cpset		 used;		/* drawn code points */
	struct reported {
		uint32_t	 cp;
		long		 line;
	}			*reported;	/* one message a character
						   and line */
	size_t			 nreported;
	bool			 more;		/* beyond MAX_REPORTED */
	size_t			 missing;	/* characters not drawable */
	struct layout_chart	*charts;	/* parsed once, kept */
	size_t			 ncharts;
};

/* The messages kept apart per character and line (then: counted only). */
#define MAX_REPORTED	1000

static void
index_lines(struct collect *c)
{
	size_t i, n = 1;

	for (i = 0; i < c->len; i++)
		if (c->md[i] == '\n')
			n++;
	c->line_start = xcalloc(n + 1, sizeof(size_t));
	c->line_start[0] = 0;
	for (i = 0, n = 1; i < c->len; i++)
		if (c->md[i] == '\n')
			c->line_start[n++] = i + 1;
	c->nlines = n;
}

/* The 1-based line and code-point column of a byte offset. */
static void
position(const struct collect *c, size_t off, long *line, size_t *col)
{
	size_t lo = 0, hi = c->nlines;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (c->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (long)lo + 1;
	*col = utf8_columns(c->md + c->line_start[lo],
	    off - c->line_start[lo]) + 1;
}

/* Where a text's source is, to find a character in. */
struct span {
	size_t	 from;		/* where the text starts */
	size_t	 to;		/* the end of its block's last line */
};

static bool
is_block(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
	case CMARK_NODE_CODE_BLOCK:
		return true;
	default:
		return mdtree_is(n, "table_row") ||
		    mdtree_is(n, "table_header");
	}
}

/*
 * The span of a node's text (its block's when its own is unknown).  block,
 * when known, is the text block the node is in: deeply nested inlines
 * (65,000 emphases) go straight to it rather than up every parent, which
 * made collecting quadratic.
 */
static struct span
node_span(const struct collect *c, cmark_node *n, cmark_node *block)
{
	struct span sp = { 0, c->len };
	int line, col, steps = 0;
	bool have_from = false;

	for (; n != NULL; n = cmark_node_parent(n)) {
		if (block != NULL && !is_block(n) && (have_from ||
		    ++steps > 16))
			n = block;
		line = cmark_node_get_start_line(n);
		col = cmark_node_get_start_column(n);
		if (!have_from && line > 0 && (size_t)line <= c->nlines) {
			sp.from = c->line_start[line - 1] +
			    (size_t)(col > 0 ? col - 1 : 0);
			if (sp.from > c->len)
				sp.from = c->len;
			have_from = true;
		}
		if (is_block(n)) {
			line = cmark_node_get_end_line(n);
			if (line > 0 && (size_t)line < c->nlines)
				sp.to = c->line_start[line];
			break;
		}
	}
	if (sp.to < sp.from)
		sp.to = c->len;
	return sp;
}

static const char *
coverage_text(enum pdf_font_coverage cov)
{
	switch (cov) {
	case PDF_FONT_BEYOND_BMP:
		return "cannot be drawn: the PDF library draws only "
		    "characters up to U+FFFF; the font";
	case PDF_FONT_BROKEN:
		return "cannot be embedded correctly (its glyph is a "
		    "composite the PDF library mishandles) from the font";
	default:
		return "is not in the font";
	}
}

static const char *
find_bytes(const char *hay, size_t n, const char *needle, size_t k)
{
	const char *p = hay, *end = hay + n;

	while (k > 0 && (size_t)(end - p) >= k &&
	    (p = memchr(p, needle[0], (size_t)(end - p) - k + 1)) != NULL) {
		if (memcmp(p, needle, k) == 0)
			return p;
		p++;
	}
	return NULL;
}

/*
 * Reports cp, found in a text with source span *sp, at the place it
 * occurs in the source (once per character and line); the span moves on
 * past it, for the next one.
 */
static void
report(struct collect *c, uint32_t cp, enum pdf_font_coverage cov,
    struct span *sp)
{
	struct buf ch = BUF_INIT, column = BUF_INIT;
	char u[5];
	size_t ulen, off, col = 0, k;
	const char *hit = NULL;
	long line = 0;

	ulen = utf8_encode(cp, u);
	u[ulen] = '\0';
	c->missing++;
	if (sp->from < sp->to)
		hit = find_bytes(c->md + sp->from, sp->to - sp->from, u, ulen);
	if (hit != NULL) {
		off = (size_t)(hit - c->md);
		position(c, off, &line, &col);
		sp->from = off + ulen;
	} else	/* written otherwise (an entity, bad UTF-8) */
		position(c, sp->from, &line, &col);
	for (k = 0; k < c->nreported; k++)
		if (c->reported[k].cp == cp && c->reported[k].line == line)
			return;		/* this character on this line */
	if (c->nreported == MAX_REPORTED) {
		if (!c->more)
			diag(DIAG_ERROR, c->source, 0, NULL, NULL, "more "
			    "characters the PDF font cannot draw are not "
			    "listed");
		c->more = true;
		return;
	}
	c->reported = xreallocarray(c->reported, c->nreported + 1,
	    sizeof(*c->reported));
	c->reported[c->nreported].cp = cp;
	c->reported[c->nreported++].line = line;
	if (hit != NULL)
		buf_printf(&column, "column %zu", col);
	utf8_printable(&ch, u, ulen, 4);
	diag(DIAG_ERROR, c->source, line, hit != NULL ? buf_str(&column) :
	    NULL, NULL, "character U+%04X (%s) %s %s", (unsigned)cp,
	    buf_str(&ch), coverage_text(cov), pdf_font_family(c->font));
	buf_free(&ch);
	buf_free(&column);
}

/* Adds the characters of s (its source in sp) to the drawn set. */
static void
collect_text(struct collect *c, const char *s, size_t len, struct span *sp)
{
	size_t i = 0, k;
	uint32_t cp;
	enum pdf_font_coverage cov;

	while (i < len) {
		k = utf8_next(s + i, len - i, &cp);
		i += k;
		if ((cp = canvas_drawn_char(cp)) == 0)
			continue;
		if (cpset_has(&c->used, cp))
			continue;
		if ((cov = pdf_font_covers(c->font, cp)) != PDF_FONT_HAS) {
			report(c, cp, cov, sp);
			continue;
		}
		cpset_add(&c->used, cp);
	}
}

/* Text with its marks: tier names are drawn, bar marks are not. */
static void
collect_marked(struct collect *c, const char *s, size_t len, struct span *sp)
{
	struct mdtree_mark m;
	size_t at = 0;

	while (mdtree_next_mark(s + at, len - at, &m)) {
		collect_text(c, s + at, m.start, sp);
		if (m.kind == MDTREE_MARK_TIER)
			collect_text(c, m.name, m.name_len, sp);
		at += m.end;
	}
	collect_text(c, s + at, len - at, sp);
}

/* A chart's texts; the chart is kept for the layout (NULL: unreadable). */
static void
collect_chart(struct collect *c, cmark_node *n)
{
	const char *body = cmark_node_get_literal(n);
	struct chart *ch;
	struct span sp = node_span(c, n, NULL), at;
	size_t i;

	ch = chart_parse(c->source, cmark_node_get_start_line(n),
	    body != NULL ? body : "", body != NULL ? strlen(body) : 0);
	c->charts = xreallocarray(c->charts, c->ncharts + 1,
	    sizeof(*c->charts));
	c->charts[c->ncharts].node = n;
	c->charts[c->ncharts].chart = ch;
	c->ncharts++;
	if (ch == NULL)
		return;
	/* each text may be anywhere in the block */
	at = sp;
	collect_text(c, ch->title, strlen(ch->title), &at);
	for (i = 0; i < ch->nlabels; i++) {
		at = sp;
		collect_text(c, ch->labels[i], strlen(ch->labels[i]), &at);
	}
	for (i = 0; i < ch->nseries; i++) {
		at = sp;
		collect_text(c, ch->series[i].name, strlen(ch->series[i].name),
		    &at);
	}
	at = sp;
	collect_text(c, ch->target_name, strlen(ch->target_name), &at);
	/* the units of compact value labels (chart_format_compact) */
	if (ch->compact != CHART_COMPACT_NONE) {
		const char *units = ch->compact == CHART_COMPACT_WAN ?
		    "\xe4\xb8\x87\xe4\xba\xbf" : "KMB";	/* 万亿 */

		at = sp;
		collect_text(c, units, strlen(units), &at);
	}
}

static void
collect_tree(struct collect *c, cmark_node *root)
{
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *n;
	cmark_node *block = NULL;
	const char *lit;
	struct span sp;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(iter);
		if (is_block(n))
			block = ev == CMARK_EVENT_ENTER ? n : NULL;
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			sp = node_span(c, n, block);
			if ((lit = cmark_node_get_literal(n)) != NULL)
				collect_marked(c, lit, strlen(lit), &sp);
			break;
		case CMARK_NODE_CODE:
			sp = node_span(c, n, block);
			if ((lit = cmark_node_get_literal(n)) != NULL)
				collect_text(c, lit, strlen(lit), &sp);
			break;
		case CMARK_NODE_CODE_BLOCK:
			sp = node_span(c, n, NULL);
			if (mdtree_is_chart(n))
				collect_chart(c, n);
			else if ((lit = cmark_node_get_literal(n)) != NULL)
				collect_text(c, lit, strlen(lit), &sp);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(iter);
}

/* A text the layout draws that is not in the document (a header, the
 * cover, the contents' title). */
static void
collect_string(struct collect *c, const char *text)
{
	size_t len, i = 0, k;
	uint32_t cp;
	enum pdf_font_coverage cov;

	if (text == NULL)
		return;
	len = strlen(text);
	while (i < len) {
		k = utf8_next(text + i, len - i, &cp);
		i += k;
		if ((cp = canvas_drawn_char(cp)) == 0 || cpset_has(&c->used, cp))
			continue;
		if ((cov = pdf_font_covers(c->font, cp)) == PDF_FONT_HAS)
			cpset_add(&c->used, cp);
		else {
			diag(DIAG_ERROR, c->source, 0, NULL, text,
			    "the character U+%04X of a page heading %s %s",
			    (unsigned)cp, coverage_text(cov),
			    pdf_font_family(c->font));
			c->missing++;
		}
	}
}

/* The text the layout adds (numbers, footers, …) must be drawable. */
static void
collect_fixed(struct collect *c, const char *lang, const char *header)
{
	struct buf fixed = BUF_INIT;
	size_t i = 0;
	uint32_t cp;
	enum pdf_font_coverage cov;

	layout_fixed_text(&fixed, lang);
	while (i < fixed.len) {
		i += utf8_next(fixed.data + i, fixed.len - i, &cp);
		if ((cov = pdf_font_covers(c->font, cp)) == PDF_FONT_HAS)
			cpset_add(&c->used, cp);
		else {
			diag(DIAG_ERROR, c->source, 0, NULL, NULL, "character "
			    "U+%04X, which the PDF layout uses, %s %s",
			    (unsigned)cp, coverage_text(cov),
			    pdf_font_family(c->font));
			c->missing++;
		}
	}
	buf_free(&fixed);
	collect_string(c, header);
}

static void
collect_free(struct collect *c)
{
	size_t i;

	free(c->line_start);
	free(c->used.slot);
	free(c->reported);
	for (i = 0; i < c->ncharts; i++)
		chart_free(c->charts[i].chart);
	free(c->charts);
}

static void
collect_init(struct collect *c, struct pdf_font *font, const char *source,
    const char *md, size_t len)
{
	memset(c, 0, sizeof(*c));
	c->font = font;
	c->source = source;
	c->md = md;
	c->len = len;
	index_lines(c);
}

/* ------------------------------------------------------------ the style */

struct pdf_style {
	double	 page_w, page_h, margin;	/* points */
};

#define PT_PER_MM	(72.0 / 25.4)

static void
pdf_style_default(struct pdf_style *st)
{
	st->page_w = 210 * PT_PER_MM;
	st->page_h = 297 * PT_PER_MM;
	st->margin = 18 * PT_PER_MM;
}

/* "A4" or "Letter" (any case); -1 for anything else. */
static int
pdf_style_page(struct pdf_style *st, const char *size)
{
	if (strcasecmp(size, "A4") == 0) {
		st->page_w = 210 * PT_PER_MM;
		st->page_h = 297 * PT_PER_MM;
	} else if (strcasecmp(size, "Letter") == 0) {
		st->page_w = 8.5 * 72;
		st->page_h = 11 * 72;
	} else
		return -1;
	return 0;
}

/* The style file name (templates/pdf-style.yaml, or the user's). */
static int
pdf_style_read(struct pdf_style *st, const char *name)
{
	struct ynode *doc, *v;
	char *text, *path = NULL, *end;
	size_t len;
	double mm;
	int status = 0;

	if ((text = template_read(name, &len, &path)) == NULL)
		return -1;
	if ((doc = ytree_parse(path, text, len, 0)) == NULL) {
		status = -1;
		goto out;
	}
	if ((v = ytree_get(doc, "page_size")) != NULL &&
	    (v->type != Y_SCALAR || pdf_style_page(st, v->scalar) != 0)) {
		diag(DIAG_ERROR, path, v->line, NULL, NULL, "page_size: A4 or "
		    "Letter");
		status = -1;
	}
	if ((v = ytree_get(doc, "margin_mm")) != NULL) {
		mm = v->type == Y_SCALAR ? strtod(v->scalar, &end) : 0;
		if (v->type != Y_SCALAR || *end != '\0' || mm < 10 ||
		    mm > 40) {
			diag(DIAG_ERROR, path, v->line, NULL, NULL,
			    "margin_mm: a number from 10 to 40");
			status = -1;
		} else
			st->margin = mm * PT_PER_MM;
	}
	ytree_free(doc);
out:
	free(text);
	free(path);
	return status;
}

/* ------------------------------------------------------- the entries */

int
pdf_check_glyphs(const char *source, const char *md, size_t len,
    const char *font_path)
{
	struct pdf_font *font;
	struct collect c;
	cmark_node *doc;
	size_t missing;

	if ((font = pdf_font_open(font_path)) == NULL)
		return -1;
	/* parsing reports its own errors (charts are reported when drawn) */
	if ((doc = mdtree_parse(source, md, len)) == NULL)
		return -1;
	collect_init(&c, font, source, md, len);
	collect_tree(&c, doc);
	missing = c.missing;
	collect_free(&c);
	cmark_node_free(doc);
	return missing > 0 ? -1 : 0;
}

/* The index of cp in the sorted cps[0..n); n when it is not there. */
static size_t
cp_index(const uint32_t *cps, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cps[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && cps[lo] == cp ? lo : n;
}

/*
 * Every character the layout drew is in the subset (a safety net); each
 * one drawn is marked in drawn[] (parallel to the sorted cps[0..n)).
 */
static bool
canvas_in_subset(const struct canvas *cv, const uint32_t *cps, size_t ncps,
    bool *drawn, const char *source)
{
	size_t p, k, i, n, at;
	uint32_t cp;

	for (p = 0; p < cv->npages; p++)
		for (k = 0; k < cv->pages[p].n; k++) {
			const struct canvas_op *op = &cv->pages[p].ops[k];
			const char *s;

			if (op->kind != CANVAS_TEXT)
				continue;
			s = op->u.text.s;
			n = strlen(s);
			for (i = 0; i < n;) {
				i += utf8_next(s + i, n - i, &cp);
				if ((at = cp_index(cps, ncps, cp)) == ncps) {
					diag(DIAG_ERROR, source, 0, NULL, NULL,
					    "internal error: the PDF layout "
					    "drew U+%04X, which is not in the "
					    "font subset", (unsigned)cp);
					return false;
				}
				drawn[at] = true;
			}
		}
	return true;
}

/* The source name as the chart notice shows it, drawable. */
static char *
drawable_name(struct collect *c, const char *source)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(source), i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((k = utf8_decode(source + i, n - i, &cp)) == 0) {
			cp = '?';
			k = 1;
		}
		if (cp < 0x20 || (!cpset_has(&c->used, cp) &&
		    pdf_font_covers(c->font, cp) != PDF_FONT_HAS))
			buf_putc(&b, '?');
		else {
			cpset_add(&c->used, cp);
			buf_put(&b, source + i, k);
		}
		i += k;
	}
	return buf_detach(&b);
}

/* The text of the first level-1 heading, for a document without a title. */
static const char *
first_h1(cmark_node *doc, struct buf *title)
{
	cmark_node *n;
	struct buf text = BUF_INIT;

	for (n = cmark_node_first_child(doc); n != NULL; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) == 1) {
			mdtree_plain_text(n, &text);
			mdtree_strip_marks(title, buf_str(&text), text.len);
			buf_free(&text);
			return buf_str(title);
		}
	return NULL;
}

int
pdf_render(const struct pdf_options *opt, const char *source,
    const char *md, size_t len, cmark_node *doc, struct buf *out)
{
	struct pdf_font *font;
	struct collect c;
	struct canvas cv;
	struct canvas_measure measure;
	struct canvas_images images;
	struct layout_options lo;
	struct device_info info;
	struct device *dev = NULL;
	struct buf pdf = BUF_INIT, title = BUF_INIT;
	struct pdf_subset sub;
	struct device_font df;
	char path[PDF_FONT_PATH_MAX], *name = NULL;
	uint32_t *cps = NULL;
	bool *drawn = NULL;
	size_t ncps = 0, k;
	int fd, status = -1, laid;
	struct pdf_style style;

	memset(&sub, 0, sizeof(sub));
	if ((font = pdf_font_open(opt->font_path)) == NULL)
		return -1;
	collect_init(&c, font, source, md, len);
	collect_tree(&c, doc);
	collect_fixed(&c, opt->lang, opt->header_text);
	collect_string(&c, opt->cover_title);
	for (k = 0; k < PDF_COVER_LINES; k++)
		collect_string(&c, opt->cover_lines[k]);
	collect_string(&c, opt->toc_title);
	memset(&cv, 0, sizeof(cv));
	if (c.missing > 0)
		goto out;
	name = drawable_name(&c, source);
	cps = cpset_list(&c.used, &ncps);
	if (pdf_font_subset(font, source, cps, ncps, &sub) != 0)
		goto out;
	if ((fd = pdf_font_tempfile(source, &sub.lookup, path)) < 0)
		goto out;
	info.title = opt->title;
	if (info.title == NULL || *info.title == '\0')
		info.title = first_h1(doc, &title);
	info.author = opt->author;
	info.lang = opt->lang;
	info.date = opt->date;
	df.path = path;
	df.file = &sub.font;
	df.cps = cps;
	df.gids = sub.gids;
	df.n = ncps;
	dev = device_open(source, &info, &df);
	pdf_font_tempfile_done(fd, path);
	if (dev == NULL)
		goto out;

	measure.width = device_char_width;
	measure.arg = dev;
	memset(&lo, 0, sizeof(lo));
	lo.file = source;
	lo.source = name;
	images.load = device_image;
	images.arg = dev;
	lo.images = &images;
	lo.image_dir = opt->image_dir;
	lo.lang = opt->lang;
	lo.header_text = opt->header_text;
	lo.logo_path = opt->logo_path;
	lo.measure = &measure;
	lo.charts = c.charts;
	lo.ncharts = c.ncharts;
	pdf_style_default(&style);
	if (opt->style_name != NULL &&
	    pdf_style_read(&style, opt->style_name) != 0)
		goto out;
	if (opt->page_size != NULL &&
	    pdf_style_page(&style, opt->page_size) != 0) {
		diag(DIAG_ERROR, source, 0, NULL, opt->page_size, "unknown PDF "
		    "page size (A4 or Letter)");
		goto out;
	}
	lo.page_w = style.page_w;
	lo.page_h = style.page_h;
	lo.margin = style.margin;
	lo.cover_title = opt->cover_title;
	lo.cover_lines = opt->cover_lines;
	lo.ncover_lines = PDF_COVER_LINES;
	lo.toc_title = opt->toc_title;
	lo.chapter_pages = opt->chapter_pages != 0;
	lo.chapter_headers = opt->chapter_headers != 0;
	lo.outline_depth = opt->outline_depth;
	laid = layout_document(&lo, doc, &cv);
	drawn = xcalloc(ncps ? ncps : 1, sizeof(*drawn));
	if (!canvas_in_subset(&cv, cps, ncps, drawn, source))
		goto out;
	/* the glyphs of characters collected but never drawn are left
	 * out of the embedded font */
	pdf_subset_trim(&sub, drawn, ncps);
	if (device_render(dev, &cv, &pdf) != 0)
		goto out;
	buf_put(out, pdf.data, pdf.len);
	status = laid;
out:
	canvas_free(&cv);
	device_close(dev);
	pdf_subset_free(&sub);
	buf_free(&pdf);
	buf_free(&title);
	free(cps);
	free(drawn);
	free(name);
	collect_free(&c);
	return status;
}

int
pdf_from_markdown(const struct pdf_options *opt, const char *source,
    const char *md, size_t len, struct buf *out)
{
	cmark_node *doc;
	int status;

	if ((doc = mdtree_parse(source, md, len)) == NULL)
		return -1;
	status = pdf_render(opt, source, md, len, doc, out);
	cmark_node_free(doc);
	return status;
}

void
pdf_release(void)
{
	pdf_fonts_free();
	device_release();
}
