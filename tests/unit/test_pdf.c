/*
 * Unit tests for generator/pdf/: the line breaker's rules (a pure
 * function), and whole documents checked with the tools a reader would
 * use: qpdf --check, pdffonts (an embedded subset), pdftotext (the
 * Chinese text and the page footer come back), qpdf's outline (Chinese
 * bookmarks), byte-identical output (from the text, and from one tree
 * rendered to HTML and PDF), a missing character reported with its line,
 * hostile input, and the glyph proof: every GB2312 level-1
 * hanzi and every symbol of GB2312 rows 1-9, the templates and the layout,
 * drawn through the PDF's CIDToGIDMap from the embedded FontFile2, has
 * the outline and advance of the same character in the original font.
 *
 * Run from the repository root.  The document tests need qpdf and
 * poppler-utils (pdffonts, pdftotext, pdfinfo) and a Chinese TrueType
 * font (fonts-wqy-zenhei); without them they are skipped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <hb.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/utf8.h"
#include "markdown/cjk.h"
#include "markdown/mdtree.h"
#include "pdf/fonts.h"
#include "pdf/linebreak.h"
#include "pdf/pdf.h"
#include "render/html.h"

#define REPORT_MD	"tests/golden/pdf/report.md"
#define DEMO_MD		"tests/golden/render/demo.md"

static char tmpdir[256];

/* PDF_TEST_FONT=path runs the tests with that font instead (setup()). */
static struct pdf_options zh = {
	.title = "华南大区 2026 年第三季度销售绩效报告",
	.author = "销售运营部",
	.lang = "zh-CN",
	.date = "2026-09-30",
	.header_text = "华南大区 · 2026 年第三季度"
};

/* ------------------------------------------------------------ helpers */

static void
slurp(const char *path, struct buf *b)
{
	char chunk[65536];
	size_t k;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		fail_msg("cannot open %s", path);
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(b, chunk, k);
	fclose(f);
}

static void
spit(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(b->data, 1, b->len, f) != b->len ||
	    fclose(f) != 0)
		fail_msg("cannot write %s", path);
}

/* Where s occurs in the bytes of b (which may hold NUL bytes), or NULL. */
static const char *
find(const struct buf *b, const char *s)
{
	size_t k = strlen(s), i;

	for (i = 0; i + k <= b->len; i++)
		if (memcmp(b->data + i, s, k) == 0)
			return b->data + i;
	return NULL;
}

/* Runs a shell command; its standard output goes to out.  Returns the exit status. */
static int
run(struct buf *out, const char *fmt, ...)
{
	struct buf cmd = BUF_INIT;
	char chunk[65536];
	size_t k;
	va_list ap;
	FILE *p;
	int status;

	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	if ((p = popen(buf_str(&cmd), "r")) == NULL)
		fail_msg("cannot run %s", buf_str(&cmd));
	while ((k = fread(chunk, 1, sizeof(chunk), p)) > 0)
		if (out != NULL)
			buf_put(out, chunk, k);
	status = pclose(p);
	buf_free(&cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static bool
have_tools(void)
{
	return run(NULL, "command -v qpdf && command -v pdffonts && "
	    "command -v pdftotext && command -v pdfinfo") == 0;
}

static bool
have_font(void)
{
	return pdf_font_open(zh.font_path) != NULL;
}

#define NEED_TOOLS() do {						\
	if (!have_tools() || !have_font()) {				\
		print_message("qpdf, poppler-utils or a Chinese TrueType " \
		    "font missing: skipped\n");				\
		skip();							\
	}								\
} while (0)


/* Renders a file to tmpdir/name; returns the status, the PDF in out. */
static int
render_file(const char *md_path, const struct pdf_options *opt,
    const char *name, struct buf *out)
{
	struct buf md = BUF_INIT, path = BUF_INIT;
	int status;

	slurp(md_path, &md);
	status = pdf_from_markdown(opt, md_path, md.data, md.len, out);
	buf_printf(&path, "%s/%s", tmpdir, name);
	if (out->len > 0)
		spit(buf_str(&path), out);
	buf_free(&md);
	buf_free(&path);
	return status;
}

static void
contains_at(const char *hay, const char *needle, const char *what,
    const char *file, int line)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("%s:%d: %s lacks \"%s\":\n%.3000s", file, line, what,
		    needle, hay);
}

#define CONTAINS(hay, needle, what) \
	contains_at(hay, needle, what, __FILE__, __LINE__)

static int
setup(void **state)
{
	const char *t;

	(void)state;
	if ((t = getenv("PDF_TEST_FONT")) != NULL && *t != '\0')
		zh.font_path = t;
	t = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/test_pdf.XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	struct buf cmd = BUF_INIT;

	(void)state;
	buf_printf(&cmd, "rm -rf '%s'", tmpdir);
	if (system(buf_str(&cmd)) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
	buf_free(&cmd);
	pdf_release();
	diag_reset();
	return 0;
}

static int
reset(void **state)
{
	(void)state;
	diag_reset();
	return 0;
}

/* ----------------------------------------------------- line breaking */

/*
 * Breaks s into lines width wide, CJK characters 1 wide, spaces 0.25,
 * everything else 0.5; returns the lines joined with "|".
 */
static char *
lines_of(const char *s, double width, const unsigned *flags)
{
	struct lb_item it[256];
	struct lb_line *lines;
	struct buf b = BUF_INIT;
	const char *start[257];
	size_t n = 0, i = 0, len = strlen(s), k, nl, j;
	uint32_t cp;

	while (i < len && n < 256) {
		k = utf8_decode(s + i, len - i, &cp);
		assert_true(k > 0);
		start[n] = s + i;
		it[n].cp = cp;
		it[n].width = cjk_char(cp) ? 1 : cp == ' ' ? 0.25 : 0.5;
		it[n].flags = flags != NULL ? flags[n] : 0;
		n++;
		i += k;
	}
	start[n] = s + len;
	nl = lb_break(it, n, width, &lines);
	for (j = 0; j < nl; j++) {
		if (j > 0)
			buf_putc(&b, '|');
		buf_put(&b, start[lines[j].start],
		    (size_t)(start[lines[j].end] - start[lines[j].start]));
	}
	free(lines);
	return buf_detach(&b);
}

#define BREAKS(s, width, want) do {					\
	char *got_ = lines_of(s, width, NULL);				\
	if (strcmp(got_, want) != 0)					\
		fail_msg("\"%s\" at %g: got \"%s\", want \"%s\"", s,	\
		    (double)(width), got_, want);			\
	free(got_);							\
} while (0)

static void
test_break_cjk(void **state)
{
	(void)state;
	/* between any two Chinese characters */
	BREAKS("中文中文中文", 4, "中文中文|中文");
	BREAKS("中文中文", 4, "中文中文");
	/* closing punctuation never starts a line: a character goes down */
	BREAKS("中文中文，中文", 4, "中文中|文，中文");
	BREAKS("中文中文。」中文", 4, "中文中|文。」|中文");
	BREAKS("中文中文）》中文", 4, "中文中|文）》|中文");
	/* opening punctuation never ends a line */
	BREAKS("中文中（文）", 4, "中文中|（文）");
	BREAKS("中文《文》", 3, "中文|《文》");
	BREAKS("中文《中文》", 4, "中文《中|文》");
	BREAKS("中文“中文”好", 3, "中文|“中文”|好");
	/* doubled ellipsis and dash stay together */
	BREAKS("中文……中", 3, "中|文……|中");
	BREAKS("中文——中", 3, "中文|——中");
	/* when pushing cannot help, closing punctuation hangs ("pull") */
	BREAKS("“文。」中", 2, "“文。」|中");
	/* Chinese next to Latin breaks, inside Latin only at spaces */
	BREAKS("收入108.6%，增长", 6, "收入108.6%，|增长");
	/* no lone character on the last line */
	BREAKS("中文中文中文中文。", 8, "中文中文中文|中文。");
	BREAKS("中文中文中文中文中", 8, "中文中文中文中|文中");
	/* a forced break */
	BREAKS("中文\n中文", 10, "中文|中文");
}

static void
test_break_latin(void **state)
{
	(void)state;
	BREAKS("hello world foo", 5.5, "hello world|foo");
	/* spaces at a break are not drawn */
	BREAKS("aa   bb", 1, "aa|bb");
	/* ASCII closing punctuation stays with its word */
	BREAKS("ab cd, ef", 2.5, "ab|cd,|ef");
	BREAKS("ab (cd ef", 2.5, "ab|(cd|ef");
	/* a word longer than the line is cut where it must */
	BREAKS("abcdefghij", 2, "abcd|efgh|ij");
	/* ... keeping ")" off the start of a line when it can */
	BREAKS("abc)def", 1.5, "ab|c)d|ef");
	/* after a hyphen between letters */
	BREAKS("sales-ops team", 3.5, "sales-|ops|team");
	/* after a slash in a path, not inside "//" nor before a digit */
	BREAKS("https://ab.cd/efgh", 4, "https://|ab.cd/|efgh");
	BREAKS("ab 12/34", 2, "ab|12/3|4");
	/* nothing, and only spaces */
	BREAKS("", 3, "");
	BREAKS("   ", 3, "");
}

static void
test_break_glue_and_widths(void **state)
{
	unsigned glue[3] = { 0, 0, LB_GLUE };
	struct lb_item it[3] = { { 0x4e2d, 1, 0 }, { 0x4e2d, 1, 0 },
	    { 0x4e2d, 5, 0 } };
	struct lb_line *lines;
	size_t n;
	char *got;

	(void)state;
	got = lines_of("中中中", 2, glue);
	assert_string_equal(got, "中|中中");
	free(got);
	/* an item wider than the line stands alone */
	n = lb_break(it, 3, 2, &lines);
	assert_int_equal(n, 2);
	assert_int_equal(lines[0].start, 0);
	assert_int_equal(lines[0].end, 2);
	assert_int_equal(lines[1].start, 2);
	assert_true(lines[1].last);
	assert_false(lines[0].last);
	assert_true(lines[1].width == 5);
	free(lines);
	assert_true(lb_no_line_start(0xff0c) && lb_no_line_start(')') &&
	    lb_no_line_start(0x300d) && !lb_no_line_start(0xff08));
	assert_true(lb_no_line_end(0xff08) && lb_no_line_end('(') &&
	    lb_no_line_end(0x201c) && !lb_no_line_end(0x3002));
}

/* Random Chinese text with punctuation: the rules hold at every width. */
static void
test_break_random(void **state)
{
	static const uint32_t hanzi[] = { 0x4e2d, 0x6587, 0x9500, 0x552e };
	static const uint32_t closing[] = { 0xff0c, 0x3002, 0x3001, 0xff1b,
	    0xff09, 0x300b, 0x300d, 0x2026, 0x201d, ',', '.' };
	static const uint32_t opening[] = { 0xff08, 0x300a, 0x300c, 0x201c };
	struct lb_item it[400];
	struct lb_line *lines;
	size_t n, nl, i, j, k, round;
	unsigned seed = 12345;
	double width;

	(void)state;
	for (round = 0; round < 300; round++) {
		n = 0;
		while (n < 300) {
			seed = seed * 1103515245u + 12345u;
			k = (seed >> 16) % 10;
			/* a closing mark only after a character, an opening
			 * one only before one */
			if (k == 0 && n > 0 && it[n - 1].cp != 0xff08) {
				it[n].cp = closing[(seed >> 8) %
				    (sizeof(closing) / sizeof(closing[0]))];
			} else if (k == 1) {
				it[n].cp = opening[(seed >> 8) % 4];
				it[n].width = 1;
				it[n++].flags = 0;
				it[n].cp = hanzi[(seed >> 4) % 4];
			} else if (k == 2) {
				it[n].cp = 'a' + (seed >> 8) % 26;
			} else
				it[n].cp = hanzi[(seed >> 8) % 4];
			it[n].width = it[n].cp < 0x80 ? 0.5 : 1;
			it[n].flags = 0;
			n++;
		}
		width = 3 + (double)(round % 40) * 0.5;
		nl = lb_break(it, n, width, &lines);
		for (i = 0, j = 0; i < nl; i++) {
			/* lines follow each other, nothing lost */
			assert_int_equal(lines[i].start, j);
			j = lines[i].next;
			/* no wider than the line, but for one item alone
			 * or closing punctuation hanging at the end */
			{
				double w = lines[i].width;
				size_t e = lines[i].end;

				while (e > lines[i].start + 1 &&
				    lb_no_line_start(it[e - 1].cp))
					w -= it[--e].width;
				assert_true(w <= width + 1e-9 ||
				    e - lines[i].start == 1);
			}
			if (i > 0)
				assert_false(lb_no_line_start(
				    it[lines[i].start].cp));
			if (i + 1 < nl)
				assert_false(lb_no_line_end(
				    it[lines[i].end - 1].cp));
		}
		assert_int_equal(j, n);
		free(lines);
	}
}

/* --------------------------------------------------------- documents */

static void
test_report(void **state)
{
	struct buf pdf = BUF_INIT, out = BUF_INIT, info = BUF_INIT;
	char want[128];
	int pages = 0;
	const char *p;

	(void)state;
	NEED_TOOLS();
	assert_int_equal(render_file(REPORT_MD, &zh, "report.pdf", &pdf), 0);
	assert_true(pdf.len > 10000);
	assert_memory_equal(pdf.data, "%PDF-", 5);

	assert_int_equal(run(&out, "qpdf --check '%s/report.pdf' 2>&1",
	    tmpdir), 0);
	CONTAINS(buf_str(&out), "No syntax or stream encoding errors",
	    "qpdf --check");

	buf_reset(&out);
	assert_int_equal(run(&out, "pdffonts '%s/report.pdf' 2>&1", tmpdir),
	    0);
	CONTAINS(buf_str(&out), "CID TrueType", "pdffonts");
	CONTAINS(buf_str(&out), "Identity-H       yes yes yes", "pdffonts");
	CONTAINS(buf_str(&out), "HPDFAA+", "pdffonts");	/* a subset */

	assert_int_equal(run(&info, "pdfinfo '%s/report.pdf' 2>&1", tmpdir),
	    0);
	CONTAINS(buf_str(&info), "Title:           华南大区 2026 年第三季度"
	    "销售绩效报告", "pdfinfo");
	CONTAINS(buf_str(&info), "Author:          销售运营部", "pdfinfo");
	CONTAINS(buf_str(&info), "CreationDate:    Wed Sep 30 00:00:00 2026",
	    "pdfinfo");
	CONTAINS(buf_str(&info), "Page size:       595.276 x 841.89 pts (A4)",
	    "pdfinfo");
	p = strstr(buf_str(&info), "Pages:");
	assert_non_null(p);
	pages = atoi(p + 6);
	assert_true(pages >= 3);

	/* the text, without poppler complaining about the CMap (-raw: the
	 * default mode drops the spaces of the footer) */
	buf_reset(&out);
	assert_int_equal(run(&out, "pdftotext -raw '%s/report.pdf' - 2>&1",
	    tmpdir), 0);
	assert_null(strstr(buf_str(&out), "Syntax Warning"));
	CONTAINS(buf_str(&out), "华南大区 2026 年第三季度销售绩效报告",
	    "pdftotext");
	CONTAINS(buf_str(&out), "完成季度目标的 104.2%", "pdftotext");
	CONTAINS(buf_str(&out), "The quarter closed with revenue",
	    "pdftotext");
	CONTAINS(buf_str(&out), "彭博", "pdftotext");	/* the last row */
	snprintf(want, sizeof(want), "第 1 页 / 共 %d 页", pages);
	CONTAINS(buf_str(&out), want, "pdftotext");
	snprintf(want, sizeof(want), "第 %d 页 / 共 %d 页", pages, pages);
	CONTAINS(buf_str(&out), want, "pdftotext");

	/* the table goes over a page: page 2 repeats its header */
	buf_reset(&out);
	assert_int_equal(run(&out, "pdftotext -f 2 -l 2 '%s/report.pdf' - "
	    "2>&1", tmpdir), 0);
	CONTAINS(buf_str(&out), "综合得分", "page 2");
	CONTAINS(buf_str(&out), "排名", "page 2");

	/* Chinese bookmarks for h1 and h2 */
	buf_reset(&out);
	assert_int_equal(run(&out, "qpdf --json --json-key=outlines "
	    "'%s/report.pdf'", tmpdir), 0);
	CONTAINS(buf_str(&out), "\"title\": \"华南大区 2026 年第三季度销售"
	    "绩效报告\"", "outlines");
	CONTAINS(buf_str(&out), "\"title\": \"销售代表明细\"", "outlines");
	CONTAINS(buf_str(&out), "\"title\": \"附录：说明\"", "outlines");
	assert_null(strstr(buf_str(&out), "附：数据口径"));	/* h3 */

	/* a link to a heading of the document goes there */
	buf_reset(&out);
	assert_int_equal(run(&out, "qpdf --qdf --object-streams=disable "
	    "'%s/report.pdf' - | grep -a -B8 '/Subtype /Link' | "
	    "grep -a -c '/Dest '", tmpdir), 0);
	assert_int_equal(atoi(buf_str(&out)), 1);

	/* a clickable link (libharu writes "/" as \057) */
	assert_non_null(find(&pdf, "/URI (https:\\057\\057example.com"
	    "\\057rules)"));
	buf_free(&pdf);
	buf_free(&out);
	buf_free(&info);
}

static void
test_deterministic(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	(void)state;
	NEED_TOOLS();
	assert_int_equal(render_file(REPORT_MD, &zh, "a.pdf", &a), 0);
	assert_int_equal(render_file(REPORT_MD, &zh, "b.pdf", &b), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	/* no clock inside: the dates are the option's */
	assert_non_null(find(&a, "D:20260930"));
	buf_free(&a);
	buf_free(&b);
}

/*
 * One tree for both formats: the renderers leave it as it was, so the
 * HTML and the PDF made from one parse equal those made from the text.
 */
static void
test_one_tree(void **state)
{
	struct buf md = BUF_INIT, html = BUF_INIT, html_again = BUF_INIT,
	    pdf = BUF_INIT, want = BUF_INIT;
	cmark_node *doc;

	(void)state;
	NEED_TOOLS();
	slurp(DEMO_MD, &md);
	assert_non_null(doc = mdtree_parse(DEMO_MD, buf_str(&md), md.len));
	assert_int_equal(html_render(DEMO_MD, doc, &html), 0);
	assert_int_equal(pdf_render(&zh, DEMO_MD, buf_str(&md), md.len, doc,
	    &pdf), 0);
	assert_int_equal(html_render(DEMO_MD, doc, &html_again), 0);
	cmark_node_free(doc);
	assert_int_equal(html_from_markdown(DEMO_MD, buf_str(&md), md.len,
	    &want), 0);
	assert_string_equal(buf_str(&html), buf_str(&want));
	assert_string_equal(buf_str(&html_again), buf_str(&want));
	buf_reset(&want);
	assert_int_equal(pdf_from_markdown(&zh, DEMO_MD, buf_str(&md),
	    md.len, &want), 0);
	assert_int_equal(pdf.len, want.len);
	assert_memory_equal(pdf.data, want.data, pdf.len);
	buf_free(&md);
	buf_free(&html);
	buf_free(&html_again);
	buf_free(&pdf);
	buf_free(&want);
}

static void
test_english(void **state)
{
	struct pdf_options en = { .title = "Monthly report", .lang = "en",
	    .font_path = zh.font_path };
	struct buf pdf = BUF_INIT, out = BUF_INIT;

	(void)state;
	NEED_TOOLS();
	assert_int_equal(render_file(DEMO_MD, &en, "demo-en.pdf", &pdf), 0);
	assert_int_equal(run(&out, "pdftotext '%s/demo-en.pdf' - 2>&1",
	    tmpdir), 0);
	CONTAINS(buf_str(&out), "Page 1 of ", "pdftotext");
	CONTAINS(buf_str(&out), "华东大区 2026 年 10 月销售绩效报告",
	    "pdftotext");
	/* no dates given: none written */
	assert_null(find(&pdf, "/CreationDate"));
	buf_free(&pdf);
	buf_free(&out);
}

static void
test_missing_glyph(void **state)
{
	const char *md = "# 标题\n\n第一行\n第二行有 😀 和 𠀀 号，\n"
	    "还有一个 😀。\n\n| a | b |\n|---|---|\n| 表 | 😀 |\n";
	const struct diag_record *r;
	struct buf out = BUF_INIT;
	size_t n;

	(void)state;
	if (!have_font())
		skip();
	diag_reset();
	assert_int_equal(pdf_check_glyphs("t.md", md, strlen(md), zh.font_path), -1);
	r = diag_records(&n);
	/* each missing character once per line, with its column */
	assert_int_equal(n, 4);
	assert_int_equal(r[0].line, 4);
	assert_string_equal(r[0].column, "column 6");
	assert_non_null(strstr(r[0].message, "U+1F600 (😀) is not in the "
	    "font"));
	assert_int_equal(r[1].line, 4);
	assert_string_equal(r[1].column, "column 10");
	assert_non_null(strstr(r[1].message, "U+20000 (𠀀)"));
	assert_int_equal(r[2].line, 5);
	assert_int_equal(r[3].line, 9);
	assert_int_equal(r[0].level, DIAG_ERROR);

	/* in a chart: where it is in the block */
	diag_reset();
	assert_int_equal(pdf_check_glyphs("c.md", "# 图\n\n```chart\n"
	    "kind: bar\nlabels: [a, 😀]\nvalues: [1, 2]\n```\n",
	    strlen("# 图\n\n```chart\nkind: bar\nlabels: [a, 😀]\n"
	    "values: [1, 2]\n```\n"), zh.font_path), -1);
	r = diag_records(&n);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].line, 5);
	assert_string_equal(r[0].column, "column 13");

	/* rendering refuses before writing anything */
	diag_reset();
	assert_int_equal(pdf_from_markdown(&zh, "t.md", md, strlen(md), &out),
	    -1);
	assert_int_equal(out.len, 0);
	assert_true(diag_count(DIAG_ERROR) >= 4);

	/* a drawable document passes */
	diag_reset();
	assert_int_equal(pdf_check_glyphs("ok.md", "中文 ¥1,234.50（元）",
	    strlen("中文 ¥1,234.50（元）"), zh.font_path), 0);
	assert_int_equal(diag_count(DIAG_ERROR), 0);

	/* a font that is not there */
	diag_reset();
	assert_int_equal(pdf_check_glyphs("ok.md", "x", 1,
	    "/nonexistent/font.ttf"), -1);
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	buf_free(&out);
}

static void
test_chart_error(void **state)
{
	const char *md = "# 图表\n\n```chart\nkind: pie\nlabels: [a]\n"
	    "values: [1]\n```\n\n后文。\n";
	struct buf pdf = BUF_INIT, out = BUF_INIT, path = BUF_INIT;

	(void)state;
	NEED_TOOLS();
	diag_reset();
	/* reported, the rest drawn, -1 as html_from_markdown() does */
	assert_int_equal(pdf_from_markdown(&zh, "c.md", md, strlen(md), &pdf),
	    -1);
	assert_true(pdf.len > 0);
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	buf_printf(&path, "%s/chart.pdf", tmpdir);
	spit(buf_str(&path), &pdf);
	assert_int_equal(run(&out, "pdftotext '%s' - 2>&1", buf_str(&path)),
	    0);
	CONTAINS(buf_str(&out), "[chart: c.md:3]", "pdftotext");
	CONTAINS(buf_str(&out), "后文。", "pdftotext");
	buf_free(&pdf);
	buf_free(&out);
	buf_free(&path);
}

/* Deep nesting, huge cells, long words, many columns: all end, all check. */
static void
test_hostile(void **state)
{
	struct buf md = BUF_INIT, pdf = BUF_INIT, out = BUF_INIT,
	    path = BUF_INIT;
	size_t i;
	clock_t t0 = clock();

	(void)state;
	NEED_TOOLS();
	for (i = 0; i < 3000; i++)
		buf_puts(&md, "> ");
	buf_puts(&md, "深处的引用\n\n");
	for (i = 0; i < 1000; i++) {
		size_t k;

		for (k = 0; k < i; k++)
			buf_puts(&md, "  ");
		buf_puts(&md, "- 层\n");
	}
	buf_puts(&md, "\n| 长 | b |\n|---|---|\n| ");
	for (i = 0; i < 20000; i++)
		buf_puts(&md, "长文本");
	buf_puts(&md, " | x |\n\n");
	for (i = 0; i < 5000; i++)
		buf_puts(&md, "word");
	buf_puts(&md, "\n\n|");
	for (i = 0; i < 64; i++)
		buf_puts(&md, " 列 |");
	buf_puts(&md, "\n|");
	for (i = 0; i < 64; i++)
		buf_puts(&md, "---|");
	buf_puts(&md, "\n|");
	for (i = 0; i < 64; i++)
		buf_puts(&md, " 1,234.5 |");
	buf_puts(&md, "\n\n```\n");
	for (i = 0; i < 3000; i++)
		buf_puts(&md, "x\ty\n");
	buf_puts(&md, "```\n");
	diag_reset();
	assert_int_equal(pdf_from_markdown(&zh, "hostile.md", md.data, md.len,
	    &pdf), 0);
	buf_printf(&path, "%s/hostile.pdf", tmpdir);
	spit(buf_str(&path), &pdf);
	assert_int_equal(run(&out, "qpdf --check '%s' 2>&1", buf_str(&path)),
	    0);
	/* every character of the huge cell is there */
	buf_reset(&out);
	assert_int_equal(run(&out, "pdftotext '%s' - | grep -o 本 | wc -l",
	    buf_str(&path)), 0);
	assert_int_equal(atoi(buf_str(&out)), 20000);
	print_message("hostile document: %zu bytes of Markdown, %zu of PDF, "
	    "%.0f ms\n", md.len, pdf.len,
	    (double)(clock() - t0) * 1000 / CLOCKS_PER_SEC);
	buf_free(&md);
	buf_free(&pdf);
	buf_free(&out);
	buf_free(&path);
}

/* Invisible and control characters are not drawn, nor asked of the font. */
static void
test_invisible(void **state)
{
	const char *md = "零\xe2\x80\x8b宽\xc2\xad软\xef\xbb\xbf字"
	    "\xe2\x80\xae符\xc2\xa0号 `a\tb`\n\n```chart\nkind: bar\n"
	    "labels: [\"团\\u200B队\", \"x\\ty\"]\nvalues: [1, 2]\n```\n";
	struct buf pdf = BUF_INIT, out = BUF_INIT, path = BUF_INIT;

	(void)state;
	NEED_TOOLS();
	diag_reset();
	assert_int_equal(pdf_check_glyphs("i.md", md, strlen(md), zh.font_path), 0);
	assert_int_equal(pdf_from_markdown(&zh, "i.md", md, strlen(md), &pdf),
	    0);
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	buf_printf(&path, "%s/invisible.pdf", tmpdir);
	spit(buf_str(&path), &pdf);
	assert_int_equal(run(&out, "pdftotext -raw '%s' - 2>&1",
	    buf_str(&path)), 0);
	CONTAINS(buf_str(&out), "零宽软字符 号", "pdftotext");
	CONTAINS(buf_str(&out), "团队", "pdftotext");
	buf_free(&pdf);
	buf_free(&out);
	buf_free(&path);
}

/* PNG pictures from the image folder; anything else shows its description. */
static void
test_images(void **state)
{
	static const unsigned char png[] = {
		0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00,
		0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x08,
		0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x3c,
		0xaf, 0xe9, 0xa7, 0x00, 0x00, 0x00, 0x19, 0x49, 0x44, 0x41,
		0x54, 0x78, 0xda, 0x63, 0x78, 0x31, 0xc1, 0xca, 0x3a, 0x7f,
		0x1b, 0x26, 0xc9, 0x80, 0x55, 0x14, 0x48, 0x32, 0x90, 0xac,
		0x03, 0x00, 0x9c, 0x5b, 0x31, 0x21, 0xd8, 0xd3, 0x3d, 0x8c,
		0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42,
		0x60, 0x82
	};
	const char *md = "# 图片\n\n![标志](logo.png)\n\n文字里的 ![图标](logo.png) "
	    "图标。\n\n![坏图](bad.png)\n\n![远程](https://example.com/a.png)\n";
	struct pdf_options opt = zh;
	struct buf b = BUF_INIT, pdf = BUF_INIT, out = BUF_INIT,
	    path = BUF_INIT;
	const struct diag_record *r;
	size_t n;

	(void)state;
	NEED_TOOLS();
	buf_put(&b, png, sizeof(png));
	buf_printf(&path, "%s/logo.png", tmpdir);
	spit(buf_str(&path), &b);
	buf_reset(&b);
	buf_puts(&b, "\x89PNG not really");
	buf_reset(&path);
	buf_printf(&path, "%s/bad.png", tmpdir);
	spit(buf_str(&path), &b);
	opt.image_dir = tmpdir;
	opt.title = NULL;	/* then the first heading */
	diag_reset();
	assert_int_equal(pdf_from_markdown(&opt, "img.md", md, strlen(md),
	    &pdf), 0);
	/* the bad file is reported; the remote one is not read at all */
	r = diag_records(&n);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].level, DIAG_WARNING);
	assert_int_equal(r[0].line, 7);
	buf_reset(&path);
	buf_printf(&path, "%s/img.pdf", tmpdir);
	spit(buf_str(&path), &pdf);
	assert_int_equal(run(&out, "qpdf --check '%s' 2>&1", buf_str(&path)),
	    0);
	/* one picture, drawn twice */
	buf_reset(&out);
	assert_int_equal(run(&out, "pdfimages -list '%s' 2>&1",
	    buf_str(&path)), 0);
	CONTAINS(buf_str(&out), "image       8     4  rgb", "pdfimages");
	buf_reset(&out);
	assert_int_equal(run(&out, "pdftotext '%s' - 2>&1", buf_str(&path)),
	    0);
	CONTAINS(buf_str(&out), "坏图", "pdftotext");
	CONTAINS(buf_str(&out), "远程", "pdftotext");
	assert_null(strstr(buf_str(&out), "标志"));
	buf_reset(&out);
	assert_int_equal(run(&out, "pdfinfo '%s' 2>&1", buf_str(&path)), 0);
	CONTAINS(buf_str(&out), "Title:           图片", "pdfinfo");
	buf_free(&b);
	buf_free(&pdf);
	buf_free(&out);
	buf_free(&path);
}

/* ------------------------------------------------------ glyph proof */

struct outline {
	struct buf	 b;
};

static void
o_move(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float x, float y,
    void *u)
{
	(void)f, (void)st, (void)u;
	buf_printf(&((struct outline *)d)->b, "M%.1f,%.1f", x, y);
}

static void
o_line(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float x, float y,
    void *u)
{
	(void)f, (void)st, (void)u;
	buf_printf(&((struct outline *)d)->b, "L%.1f,%.1f", x, y);
}

static void
o_quad(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float cx, float cy,
    float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	buf_printf(&((struct outline *)d)->b, "Q%.1f,%.1f,%.1f,%.1f", cx, cy,
	    x, y);
}

static void
o_cubic(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float c1x,
    float c1y, float c2x, float c2y, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	buf_printf(&((struct outline *)d)->b, "C%.1f,%.1f,%.1f,%.1f,%.1f,%.1f",
	    c1x, c1y, c2x, c2y, x, y);
}

static void
o_close(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, void *u)
{
	(void)f, (void)st, (void)u;
	buf_putc(&((struct outline *)d)->b, 'Z');
}

static void
shape(hb_font_t *font, hb_draw_funcs_t *df, unsigned gid, struct buf *out)
{
	struct outline o = { BUF_INIT };

	hb_font_get_glyph_shape(font, gid, df, &o);
	buf_reset(out);
	buf_put(out, buf_str(&o.b), o.b.len);
	buf_free(&o.b);
}

/* Adds the characters of a file (non-ASCII ones) to the list. */
static void
file_chars(const char *path, uint32_t *cps, size_t *n, size_t max)
{
	struct buf b = BUF_INIT;
	size_t i = 0, k, j;
	uint32_t cp;

	slurp(path, &b);
	while (i < b.len) {
		if ((k = utf8_decode(b.data + i, b.len - i, &cp)) == 0)
			k = 1, cp = 0;
		i += k;
		if (cp < 0x80)
			continue;
		for (j = 0; j < *n && cps[j] != cp; j++)
			;
		if (j == *n && *n < max)
			cps[(*n)++] = cp;
	}
	buf_free(&b);
}

/*
 * The GB2312 characters of rows [row0, row1] (row 1 = bytes A1xx), up to
 * last_cell in the last row, converted by iconv(1) (in a child process:
 * glibc's iconv(3) loads modules valgrind complains about).
 */
static void
gb2312_rows(unsigned row0, unsigned row1, unsigned last_cell, uint32_t *cps,
    size_t *n)
{
	struct buf bytes = BUF_INIT, utf8 = BUF_INIT, path = BUF_INIT;
	unsigned r, c;
	size_t i = 0, k;
	uint32_t cp;

	for (r = row0; r <= row1; r++)
		for (c = 0xa1; c <= 0xfe; c++) {
			if (r == row1 && c > last_cell)
				break;
			buf_putc(&bytes, (int)(r + 0xa0));
			buf_putc(&bytes, (int)c);
		}
	buf_printf(&path, "%s/gb2312.bin", tmpdir);
	spit(buf_str(&path), &bytes);
	/* -c: the empty cells of the symbol rows are left out */
	assert_int_equal(run(&utf8, "iconv -c -f GB2312 -t UTF-8 '%s'; "
	    "true", buf_str(&path)), 0);
	while (i < utf8.len) {
		if ((k = utf8_decode(utf8.data + i, utf8.len - i, &cp)) == 0)
			fail_msg("iconv wrote bad UTF-8");
		cps[(*n)++] = cp;
		i += k;
	}
	buf_free(&bytes);
	buf_free(&utf8);
	buf_free(&path);
}

/* The object number after "/Key " in the PDF (a reference "N 0 R"). */
static long
ref_of(const struct buf *pdf, const char *key)
{
	const char *p = find(pdf, key);

	return p != NULL ? strtol(p + strlen(key), NULL, 10) : -1;
}

/*
 * Draws the characters cps[0..n) that the font covers in one document
 * (40 to a line, in a code block: no Markdown inside) and compares what
 * a viewer draws for each, CID (= the code point) -> CIDToGIDMap ->
 * glyph of the embedded FontFile2, with the same character's glyph in the
 * original font: outline and advance.  Returns the mismatches; *tested
 * and *skipped count the characters compared and those not in the font
 * (listed in why).
 */
static size_t
prove(const uint32_t *cps, size_t n, const char *name, size_t *tested,
    size_t *skipped, struct buf *why)
{
	struct buf md = BUF_INIT, pdf = BUF_INIT, path = BUF_INIT,
	    fontpath = BUF_INIT, mappath = BUF_INIT, map = BUF_INIT,
	    a = BUF_INIT, b = BUF_INIT;
	struct pdf_font *font = pdf_font_open(zh.font_path);
	hb_blob_t *ob, *eb;
	hb_face_t *of, *ef;
	hb_font_t *ofont, *efont;
	hb_draw_funcs_t *df;
	long font_obj, map_obj;
	size_t i, k, mismatches = 0;
	bool *drawn = calloc(n ? n : 1, sizeof(bool));

	assert_non_null(font);
	assert_non_null(drawn);
	*tested = *skipped = 0;
	buf_puts(&md, "# 字形验证\n\n```````\n");
	for (i = 0, k = 0; i < n; i++) {
		char u[5];
		size_t len = 0;
		uint32_t cp = cps[i];

		if (pdf_font_covers(font, cp) != PDF_FONT_HAS) {
			buf_printf(why, " U+%04X", (unsigned)cp);
			(*skipped)++;
			continue;
		}
		drawn[i] = true;
		if (cp < 0x80)
			u[len++] = (char)cp;
		else if (cp < 0x800) {
			u[len++] = (char)(0xc0 | cp >> 6);
			u[len++] = (char)(0x80 | (cp & 0x3f));
		} else {
			u[len++] = (char)(0xe0 | cp >> 12);
			u[len++] = (char)(0x80 | (cp >> 6 & 0x3f));
			u[len++] = (char)(0x80 | (cp & 0x3f));
		}
		buf_put(&md, u, len);
		if (++k % 40 == 0)
			buf_putc(&md, '\n');
	}
	buf_puts(&md, "\n```````\n");
	diag_reset();
	assert_int_equal(pdf_from_markdown(&zh, "proof.md", md.data, md.len,
	    &pdf), 0);
	buf_printf(&path, "%s/%s.pdf", tmpdir, name);
	spit(buf_str(&path), &pdf);

	font_obj = ref_of(&pdf, "/FontFile2 ");
	map_obj = ref_of(&pdf, "/CIDToGIDMap ");
	assert_true(font_obj > 0 && map_obj > 0);
	buf_printf(&fontpath, "%s/%s.ttf", tmpdir, name);
	buf_printf(&mappath, "%s/%s.map", tmpdir, name);
	assert_int_equal(run(NULL, "qpdf --show-object=%ld "
	    "--filtered-stream-data '%s' > '%s'", font_obj, buf_str(&path),
	    buf_str(&fontpath)), 0);
	assert_int_equal(run(NULL, "qpdf --show-object=%ld "
	    "--filtered-stream-data '%s' > '%s'", map_obj, buf_str(&path),
	    buf_str(&mappath)), 0);
	slurp(buf_str(&mappath), &map);

	ob = hb_blob_create_from_file(pdf_font_file(font));
	of = hb_face_create(ob, pdf_font_index(font));
	ofont = hb_font_create(of);
	eb = hb_blob_create_from_file(buf_str(&fontpath));
	assert_true(hb_blob_get_length(eb) > 0);
	ef = hb_face_create(eb, 0);
	efont = hb_font_create(ef);
	assert_int_equal(hb_face_get_upem(ef), hb_face_get_upem(of));
	df = hb_draw_funcs_create();
	hb_draw_funcs_set_move_to_func(df, o_move, NULL, NULL);
	hb_draw_funcs_set_line_to_func(df, o_line, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(df, o_quad, NULL, NULL);
	hb_draw_funcs_set_cubic_to_func(df, o_cubic, NULL, NULL);
	hb_draw_funcs_set_close_path_func(df, o_close, NULL, NULL);

	for (i = 0; i < n; i++) {
		uint32_t cp = cps[i];
		hb_codepoint_t og;
		unsigned eg;

		if (!drawn[i])
			continue;
		(*tested)++;
		assert_true(hb_font_get_nominal_glyph(ofont, cp, &og));
		if (2 * (size_t)cp + 1 >= map.len) {
			mismatches++;
			print_message("U+%04X: not in the CIDToGIDMap\n",
			    (unsigned)cp);
			continue;
		}
		eg = (unsigned)((unsigned char)map.data[2 * cp] << 8 |
		    (unsigned char)map.data[2 * cp + 1]);
		shape(ofont, df, og, &a);
		shape(efont, df, eg, &b);
		if (eg == 0 || strcmp(buf_str(&a), buf_str(&b)) != 0 ||
		    hb_font_get_glyph_h_advance(ofont, og) !=
		    hb_font_get_glyph_h_advance(efont, eg)) {
			if (mismatches++ < 20)
				print_message("U+%04X: glyph %u of the PDF "
				    "differs from glyph %u of %s\n",
				    (unsigned)cp, eg, (unsigned)og,
				    pdf_font_family(font));
		}
	}
	hb_draw_funcs_destroy(df);
	hb_font_destroy(ofont);
	hb_face_destroy(of);
	hb_blob_destroy(ob);
	hb_font_destroy(efont);
	hb_face_destroy(ef);
	hb_blob_destroy(eb);
	buf_free(&md);
	buf_free(&pdf);
	buf_free(&path);
	buf_free(&fontpath);
	buf_free(&mappath);
	buf_free(&map);
	buf_free(&a);
	buf_free(&b);
	free(drawn);
	return mismatches;
}

static void
test_glyph_proof(void **state)
{
	static uint32_t cps[12000];
	size_t n = 0, hanzi, symbols, k, tested, skipped, mismatches;
	struct buf path = BUF_INIT, why = BUF_INIT;
	DIR *dir;
	struct dirent *de;

	(void)state;
	NEED_TOOLS();
	/* GB2312 level 1: rows 16-55, 3,755 hanzi */
	gb2312_rows(16, 55, 0xf9, cps, &n);
	hanzi = n;
	assert_int_equal(hanzi, 3755);
	/* punctuation and symbols: GB2312 rows 1-9 */
	gb2312_rows(1, 9, 0xfe, cps, &n);
	/* what the templates and the layout write */
	if ((dir = opendir("templates")) != NULL) {
		while ((de = readdir(dir)) != NULL)
			if (strstr(de->d_name, ".md") != NULL) {
				buf_reset(&path);
				buf_printf(&path, "templates/%s", de->d_name);
				file_chars(buf_str(&path), cps, &n, 12000);
			}
		closedir(dir);
	}
	if ((dir = opendir("templates/locale")) != NULL) {
		while ((de = readdir(dir)) != NULL)
			if (de->d_name[0] != '.') {
				buf_reset(&path);
				buf_printf(&path, "templates/locale/%s",
				    de->d_name);
				file_chars(buf_str(&path), cps, &n, 12000);
			}
		closedir(dir);
	}
	file_chars(REPORT_MD, cps, &n, 12000);
	for (k = 0x21; k < 0x7f; k++)
		cps[n++] = (uint32_t)k;
	symbols = n - hanzi;
	mismatches = prove(cps, n, "proof", &tested, &skipped, &why);
	print_message("glyph proof (%s): %zu GB2312 level-1 hanzi and %zu "
	    "symbols, %zu drawn and compared, %zu mismatches; %zu not in the "
	    "font (reported as missing when used):%s\n",
	    pdf_font_family(pdf_font_open(zh.font_path)), hanzi, symbols,
	    tested, mismatches, skipped, buf_str(&why));
	assert_int_equal(mismatches, 0);
	assert_true(tested >= hanzi);
	buf_free(&path);
	buf_free(&why);
}

/*
 * The glyphs libharu breaks even in a subset: a composite whose part is a
 * composite (in WenQuanYi Zen Hei ∷ U+2237, ≯ U+226F and U+F9BF), which
 * draws wrongly unless flattened; each alone in a document, so that no
 * other character brings the inner part along.  And the symbols the
 * whole font loses to libharu's signed glyph ids (∶ ≌ ≮ ㈠ ㈩).
 */
static void
test_nested_composites(void **state)
{
	static const uint32_t nested[] = { 0x2237, 0x226f, 0xf9bf, 0x2236,
	    0x224c, 0x226e, 0x3220, 0x3229 };
	struct buf why = BUF_INIT;
	size_t i, tested, skipped;
	char name[32];

	(void)state;
	NEED_TOOLS();
	for (i = 0; i < sizeof(nested) / sizeof(nested[0]); i++) {
		snprintf(name, sizeof(name), "nested-%04X",
		    (unsigned)nested[i]);
		assert_int_equal(prove(&nested[i], 1, name, &tested, &skipped,
		    &why), 0);
		assert_int_equal(tested, 1);
	}
	buf_free(&why);
}

/*
 * Page text of tmpdir/name: page (1-based), pdftotext's layout mode
 * (columns side by side stay on one line).
 */
static void
page_text(struct buf *out, const char *name, int page)
{
	buf_reset(out);
	assert_int_equal(run(out, "pdftotext -layout -f %d -l %d '%s/%s' - "
	    "2>&1", page, page, tmpdir, name), 0);
}

static int
page_count(const char *name)
{
	struct buf out = BUF_INIT;
	const char *p;
	int n;

	assert_int_equal(run(&out, "pdfinfo '%s/%s' 2>&1", tmpdir, name), 0);
	assert_non_null(p = strstr(buf_str(&out), "Pages:"));
	n = atoi(p + 6);
	buf_free(&out);
	return n;
}

/* Renders md (a string) to tmpdir/name. */
static void
render_string(const char *md, const char *name)
{
	struct buf pdf = BUF_INIT, path = BUF_INIT;

	assert_int_equal(pdf_from_markdown(&zh, "groups.md", md, strlen(md),
	    &pdf), 0);
	buf_printf(&path, "%s/%s", tmpdir, name);
	spit(buf_str(&path), &pdf);
	buf_free(&pdf);
	buf_free(&path);
}

/* n one-line paragraphs "填充 1。" ... "填充 n。" */
static void
filler(struct buf *md, int n)
{
	int i;

	for (i = 1; i <= n; i++)
		buf_printf(md, "填充 %d。\n\n", i);
}

/*
 * Groups (docs/templates.md, "Groups: keep, box, row") and the rule that
 * a table of up to 12 rows is not split: what does not fit the rest of a
 * page starts the next one whole; a row's blocks stand side by side; the
 * marks are not shown, and a mark that is not a group is text.
 */
static void
test_groups(void **state)
{
	struct buf md = BUF_INIT, out = BUF_INIT;
	int i;

	(void)state;
	NEED_TOOLS();

	/* a kept group at the foot of page 1 goes to page 2 whole */
	filler(&md, 26);
	buf_puts(&md, "[[keep]]\n\n## 保持标题\n\n");
	for (i = 1; i <= 6; i++)
		buf_printf(&md, "保持段落 %d。\n\n", i);
	buf_puts(&md, "[[/keep]]\n\n尾段。\n");
	render_string(buf_str(&md), "keep.pdf");
	page_text(&out, "keep.pdf", 1);
	CONTAINS(buf_str(&out), "填充 26。", "keep: page 1");
	assert_null(strstr(buf_str(&out), "保持标题"));
	assert_null(strstr(buf_str(&out), "保持段落"));
	page_text(&out, "keep.pdf", 2);
	CONTAINS(buf_str(&out), "保持标题", "keep: page 2");
	CONTAINS(buf_str(&out), "保持段落 1。", "keep: page 2");
	CONTAINS(buf_str(&out), "保持段落 6。", "keep: page 2");
	assert_null(strstr(buf_str(&out), "[[keep]]"));
	assert_null(strstr(buf_str(&out), "[[/keep]]"));

	/* without the marks the same text is split over the pages */
	buf_reset(&md);
	filler(&md, 26);
	buf_puts(&md, "## 保持标题\n\n");
	for (i = 1; i <= 6; i++)
		buf_printf(&md, "保持段落 %d。\n\n", i);
	render_string(buf_str(&md), "nokeep.pdf");
	page_text(&out, "nokeep.pdf", 1);
	CONTAINS(buf_str(&out), "保持段落 1。", "no keep: page 1");

	/* a table of 12 rows is not split; it keeps one header */
	buf_reset(&md);
	filler(&md, 24);
	buf_puts(&md, "| 姓名 | 收入 |\n|---|--:|\n");
	for (i = 1; i <= 12; i++)
		buf_printf(&md, "| r%02d | %d |\n", i, i * 100);
	render_string(buf_str(&md), "table12.pdf");
	assert_int_equal(page_count("table12.pdf"), 2);
	page_text(&out, "table12.pdf", 1);
	assert_null(strstr(buf_str(&out), "姓名"));
	assert_null(strstr(buf_str(&out), "r01"));
	page_text(&out, "table12.pdf", 2);
	CONTAINS(buf_str(&out), "r01", "table: page 2");
	CONTAINS(buf_str(&out), "r12", "table: page 2");

	/* a row: a table and a paragraph side by side; a box */
	buf_reset(&md);
	buf_puts(&md, "[[box]]\n\n| 综合得分 | 提成 |\n|---|---|\n"
	    "| 96.17 | ¥6,620.68 |\n\n[[/box]]\n\n"
	    "[[row]]\n\n| 左栏表头 | 数 |\n|---|--:|\n| 甲 | 1 |\n\n"
	    "右栏文字。\n\n[[/row]]\n\n"
	    "[[keep]]\n\n没有结束标记的组是普通文字。\n\n[[/box]]\n");
	render_string(buf_str(&md), "row.pdf");
	page_text(&out, "row.pdf", 1);
	CONTAINS(buf_str(&out), "¥6,620.68", "box");
	assert_null(strstr(buf_str(&out), "[[box]]"));
	assert_null(strstr(buf_str(&out), "[[row]]"));
	CONTAINS(buf_str(&out), "[[keep]]", "a mark that is not a group");
	CONTAINS(buf_str(&out), "[[/box]]", "a mark that is not a group");
	{
		const char *l = strstr(buf_str(&out), "左栏表头"), *r;

		assert_non_null(l);
		r = strstr(l, "右栏文字");
		assert_non_null(r);
		assert_null(memchr(l, '\n', (size_t)(r - l)));	/* one line */
	}
	buf_free(&md);
	buf_free(&out);
}

/* Time per document, for the record (no limit: machines differ). */
static void
test_speed(void **state)
{
	struct buf md = BUF_INIT, pdf = BUF_INIT;
	struct timespec t0, t1;
	int i, runs = 10;

	(void)state;
	NEED_TOOLS();
	slurp(DEMO_MD, &md);
	assert_int_equal(pdf_from_markdown(&zh, DEMO_MD, md.data, md.len,
	    &pdf), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < runs; i++) {
		buf_reset(&pdf);
		assert_int_equal(pdf_from_markdown(&zh, DEMO_MD, md.data,
		    md.len, &pdf), 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	print_message("%s: %.1f ms per document, %zu bytes\n", DEMO_MD,
	    ((double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6) / runs, pdf.len);
	buf_free(&md);
	buf_free(&pdf);
}

int
main(void)
{
#define T(test) cmocka_unit_test_setup(test, reset)
	const struct CMUnitTest tests[] = {
		T(test_break_cjk),
		T(test_break_latin),
		T(test_break_glue_and_widths),
		T(test_break_random),
		T(test_report),
		T(test_deterministic),
		T(test_one_tree),
		T(test_english),
		T(test_missing_glyph),
		T(test_chart_error),
		T(test_hostile),
		T(test_images),
		T(test_invisible),
		T(test_nested_composites),
		T(test_groups),
		T(test_glyph_proof),
		T(test_speed),
	};
#undef T

	return cmocka_run_group_tests(tests, setup, teardown);
}
