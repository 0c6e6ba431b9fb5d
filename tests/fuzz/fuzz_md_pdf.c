/* Fuzz target: report Markdown to PDF (pdf/pdf.c: glyph check, font subset, layout, charts, the libharu device). */
/*
 * size % 8 chooses the options: 1, the bytes as they are (else control
 * characters become spaces and bytes that are not UTF-8 become '?', so
 * that more inputs get past the glyph check to the layout); 2, a book
 * (cover, contents, a page per chapter, chapter headers, bookmarks three
 * levels deep); 4, English and Letter paper.  An odd size / 8 adds a
 * logo (a 1 x 1 PNG) to the header and cover; relative image paths are
 * read from the scratch folder, where that PNG is logo.png.  The PDF is
 * made in memory and dropped.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/utf8.h"
#include "pdf/pdf.h"
#include "fuzz.h"

static char *
sanitized(const uint8_t *data, size_t size)
{
	char *md = malloc(size ? size : 1);
	uint32_t cp;
	size_t i = 0, k;

	if (md == NULL)
		abort();
	while (i < size) {
		if (data[i] < 0x80) {
			md[i] = data[i] < 0x20 && data[i] != '\n' &&
			    data[i] != '\t' ? ' ' : (char)data[i];
			i++;
		} else if ((k = utf8_decode((const char *)data + i, size - i,
		    &cp)) > 0) {
			memcpy(md + i, data + i, k);
			i += k;
		} else
			md[i++] = '?';
	}
	return md;
}

/* A 1 x 1 PNG, grey: what ![...](logo.png) reads from the scratch folder. */
static const unsigned char logo_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	0x08, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x7e, 0x9b, 0x55, 0x00, 0x00, 0x00,
	0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x68, 0x00, 0x00, 0x00,
	0x82, 0x00, 0x81, 0x77, 0xcd, 0x72, 0xb6, 0x00, 0x00, 0x00, 0x00, 0x49,
	0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool registered;
	static char logo[128];
	struct pdf_options opt;
	struct buf out = BUF_INIT;
	unsigned mode = (unsigned)(size % 8);
	char *md;

	fuzz_quiet();
	if (!registered) {
		registered = true;
		atexit(pdf_release);
		fuzz_write("logo.png", logo_png, sizeof(logo_png));
	}
	memset(&opt, 0, sizeof(opt));
	opt.author = "销售运营部";
	opt.date = "2026-09-30";
	/* images: logo.png there, anything else missing; the same file as
	 * the logo of the header and cover when size / 8 is odd */
	opt.image_dir = fuzz_dir();
	if (size / 8 % 2 == 1) {
		fuzz_path(logo, "logo.png");
		opt.logo_path = logo;
	}
	opt.lang = (mode & 4) ? "en" : "zh-CN";
	opt.header_text = (mode & 4) ? "East region, Q3 2026" :
	    "华南大区 · 2026 年第三季度";
	if (mode & 2) {
		opt.cover_title = "案例集";
		opt.cover_lines[0] = "2026";
		opt.toc_title = "目录";
		opt.chapter_pages = 1;
		opt.chapter_headers = 1;
		opt.outline_depth = 3;
	}
	if (mode & 4)
		opt.page_size = "Letter";
	if (mode & 1) {
		if ((md = malloc(size ? size : 1)) == NULL)
			abort();
		if (size > 0)
			memcpy(md, data, size);
	} else
		md = sanitized(data, size);
	(void)pdf_from_markdown(&opt, "report.md", md, size, &out);
	buf_free(&out);
	free(md);
	diag_reset();
	return 0;
}
