/*
 * Unit tests for generator/markdown/ and generator/render/: CJK line
 * joining, the report Markdown conventions (numbers, marks, links, ids),
 * the HTML renderer (tables, task lists, hostile input), charts (reading,
 * errors with line numbers, axes, deterministic SVG), and the golden files of
 * tests/golden/render/ (NAME.md rendered must equal NAME.html; the messages must
 * equal NAME.err, or be none when there is no NAME.err).
 *
 * Run from the repository root.  RENDER_GOLDEN_UPDATE=1 rewrites the
 * golden files from the current output instead of comparing (review the
 * diff before committing it).
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
#include <strings.h>
#include <time.h>

#include <cmark-gfm.h>

#include "util/buf.h"
#include "util/diag.h"
#include "markdown/cjk.h"
#include "markdown/mdtree.h"
#include "chart/chart.h"
#include "render/html.h"
#include "render/html_escape.h"
#include "render/svg_chart.h"

#define GOLDEN_DIR	"tests/golden/render"

/* ------------------------------------------------------------ helpers */

/* The HTML for md; fails the test on an unexpected status. */
static char *
render_at(const char *md, int want_status, const char *file, int line)
{
	struct buf out = BUF_INIT;
	int status = html_from_markdown("test.md", md, strlen(md), &out);

	if (status != want_status)
		fail_msg("%s:%d: html_from_markdown returned %d, want %d",
		    file, line, status, want_status);
	return buf_detach(&out);
}

#define RENDER(md)	render_at(md, 0, __FILE__, __LINE__)

static void
contains_at(const char *html, const char *want, const char *file, int line)
{
	if (strstr(html, want) == NULL)
		fail_msg("%s:%d: output lacks \"%s\":\n%s", file, line, want,
		    html);
}

static void
lacks_at(const char *html, const char *bad, const char *file, int line)
{
	if (strstr(html, bad) != NULL)
		fail_msg("%s:%d: output has \"%s\":\n%s", file, line, bad,
		    html);
}

#define CONTAINS(html, s)	contains_at(html, s, __FILE__, __LINE__)
#define LACKS(html, s)		lacks_at(html, s, __FILE__, __LINE__)

/* Renders md and checks that the output contains want. */
static void
renders_at(const char *md, const char *want, const char *file, int line)
{
	char *html = render_at(md, 0, file, line);

	contains_at(html, want, file, line);
	free(html);
}

#define RENDERS(md, want)	renders_at(md, want, __FILE__, __LINE__)

static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

/* "file:line: column: message (value)" for every kept message. */
static void
messages(struct buf *b)
{
	const struct diag_record *r;
	size_t n, i;

	r = diag_records(&n);
	for (i = 0; i < n; i++) {
		buf_printf(b, "%s:%ld: ", r[i].file, r[i].line);
		if (r[i].column != NULL)
			buf_printf(b, "%s: ", r[i].column);
		buf_puts(b, r[i].message);
		if (r[i].value != NULL)
			buf_printf(b, " (%s)", r[i].value);
		buf_putc(b, '\n');
	}
}

static int
teardown(void **state)
{
	(void)state;
	diag_reset();
	return 0;
}

/* ----------------------------------------------------- inert output */

static const char *const safe_tags[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del",
	"code", "pre", "ul", "ol", "li", "input", "a", "img", "blockquote",
	"hr", "br", "table", "thead", "tbody", "tr", "th", "td", "div",
	"span", "figure", "svg", "g", "rect", "line", "text", "title",
	"polyline", "polygon", "circle", NULL
};

static const char *const safe_attrs[] = {
	"id", "class", "href", "src", "alt", "title", "type", "disabled",
	"checked", "start", "style", "role", "aria-label", "xmlns", "viewBox",
	"width", "height", "font-size", "font-weight", "text-anchor", "x",
	"y", "x1", "y1", "x2", "y2", "rx", "cx", "cy", "r", "fill",
	"fill-opacity", "stroke", "stroke-width", "stroke-dasharray",
	"stroke-linejoin", "paint-order", "transform", "points", NULL
};

static bool
listed(const char *const *list, const char *s, size_t n)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && strncmp(*list, s, n) == 0)
			return true;
	return false;
}

/*
 * Every tag and attribute in html is on the lists above, every comment
 * is the renderer's own, every URL passes the link policy, and the only
 * style is a KPI bar's width.  Anything a browser could run would fail
 * one of these.
 */
static void
inert_at(const char *html, const char *file, int line)
{
	const char *p = html, *name, *value;
	size_t n, vn;
	char url[4096];

	while ((p = strchr(p, '<')) != NULL) {
		if (strncmp(p, "<!--", 4) == 0) {
			if (strncmp(p, "<!-- raw HTML omitted -->", 25) != 0)
				fail_msg("%s:%d: unexpected comment: %.40s",
				    file, line, p);
			p += 25;
			continue;
		}
		p++;
		if (*p == '/')
			p++;
		name = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			p++;
		if (!listed(safe_tags, name, (size_t)(p - name)))
			fail_msg("%s:%d: unexpected tag <%.*s>", file, line,
			    (int)(p - name), name);
		for (;;) {
			while (*p == ' ' || *p == '\n')
				p++;
			if (*p == '>' || strncmp(p, "/>", 2) == 0)
				break;
			name = p;
			while ((*p >= 'a' && *p <= 'z') ||
			    (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '-')
				p++;
			n = (size_t)(p - name);
			if (n == 0 || !listed(safe_attrs, name, n))
				fail_msg("%s:%d: unexpected attribute %.20s",
				    file, line, name);
			if (*p != '=')
				continue;	/* disabled, checked */
			if (p[1] != '"')
				fail_msg("%s:%d: unquoted attribute %.*s",
				    file, line, (int)n, name);
			value = p + 2;
			p = strchr(value, '"');
			assert_non_null(p);
			vn = (size_t)(p - value);
			p++;
			if ((n == 4 && strncmp(name, "href", 4) == 0) ||
			    (n == 3 && strncmp(name, "src", 3) == 0)) {
				assert_true(vn < sizeof(url));
				memcpy(url, value, vn);
				url[vn] = '\0';
				if (!mdtree_url_allowed(url, false) ||
				    strncasecmp(url, "javascript", 10) == 0 ||
				    strncasecmp(url, "data", 4) == 0)
					fail_msg("%s:%d: unsafe URL %s", file,
					    line, url);
			}
			if (n == 5 && strncmp(name, "style", 5) == 0) {
				double w;
				char tail[4];

				if (sscanf(value, "width:%lf%3[%\"]", &w,
				    tail) != 2 || tail[0] != '%' ||
				    tail[1] != '"' || w < 0 || w > 150)
					fail_msg("%s:%d: unexpected style %.*s",
					    file, line, (int)vn, value);
			}
		}
	}
}

#define INERT(html)	inert_at(html, __FILE__, __LINE__)

/* --------------------------------------------------------------- CJK */

static void
test_cjk_char(void **state)
{
	(void)state;
	assert_true(cjk_char(0x4e2d));		/* 中 */
	assert_true(cjk_char(0x3002));		/* 。 */
	assert_true(cjk_char(0xff0c));		/* ， */
	assert_true(cjk_char(0x300c));		/* 「 */
	assert_true(cjk_char(0x3042));		/* あ */
	assert_true(cjk_char(0x20000));		/* 𠀀 */
	assert_true(cjk_char(0x2026));		/* … */
	assert_false(cjk_char('a'));
	assert_false(cjk_char('1'));
	assert_false(cjk_char(0xac00));		/* 가: Korean keeps spaces */
	assert_false(cjk_char(0x00e9));
	assert_false(cjk_char(0));
}

/* Softbreaks left in the tree of md after joining. */
static size_t
softbreaks_after_join(const char *md)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md),
	    CMARK_OPT_DEFAULT);
	cmark_iter *iter;
	cmark_event_type ev;
	size_t n = 0;

	cjk_join_softbreaks(doc);
	iter = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(
		    cmark_iter_get_node(iter)) == CMARK_NODE_SOFTBREAK)
			n++;
	cmark_iter_free(iter);
	cmark_node_free(doc);
	return n;
}

static void
test_cjk_join_tree(void **state)
{
	(void)state;
	assert_int_equal(softbreaks_after_join("中文\n中文"), 0);
	assert_int_equal(softbreaks_after_join("中文，\n中文"), 0);
	assert_int_equal(softbreaks_after_join("中\n文\n字"), 0);
	assert_int_equal(softbreaks_after_join("中文\nEnglish"), 1);
	assert_int_equal(softbreaks_after_join("English\n中文"), 1);
	assert_int_equal(softbreaks_after_join("English\ntext"), 1);
	assert_int_equal(softbreaks_after_join("2026\n年"), 1);
	assert_int_equal(softbreaks_after_join("*强调*\n**中文**"), 0);
	assert_int_equal(softbreaks_after_join("[链接](x)\n中文"), 0);
	assert_int_equal(softbreaks_after_join("`代码`\n中文"), 0);
	assert_int_equal(softbreaks_after_join("中文\n![图](x.png)"), 1);
	assert_int_equal(softbreaks_after_join("한국어\n한국어"), 1);
	assert_int_equal(softbreaks_after_join(""), 0);
	cjk_join_softbreaks(NULL);
}

static void
test_cjk_join_html(void **state)
{
	(void)state;
	RENDERS("中文第一行\n中文第二行\n", "<p>中文第一行中文第二行</p>");
	RENDERS("句子结束。\n下一句\n", "<p>句子结束。下一句</p>");
	RENDERS("中文\nEnglish\n", "<p>中文\nEnglish</p>");
	RENDERS("English\n中文\n", "<p>English\n中文</p>");
	RENDERS("Latin\nlines\n", "<p>Latin\nlines</p>");
	RENDERS("强调 *中文*\n接着\n", "<em>中文</em>接着");
	RENDERS("- 列表项\n  继续\n", "<li>列表项继续</li>");
	RENDERS("> 引用\n> 继续\n", "<p>引用继续</p>");
	/* a hard break stays a break */
	RENDERS("中文  \n中文\n", "中文<br>\n中文");
}

/* ----------------------------------------------------- conventions */

static void
test_is_number(void **state)
{
	static const char *const yes[] = {
		"0", "12", "-3", "+4", "1234.5", "1,234", "1,234,567.89",
		"¥1,234.50", "￥1234", "$12", "CNY 99.90", "-¥5", "¥-5",
		"86.3%", "86.3 %", "+12.5pp", "3 万元", "1.2亿", "2‰", "1.5x",
		"12k", "−7", "  42  ", "\xc2\xa0" "42", NULL
	};
	static const char *const no[] = {
		"", "-", "—", "abc", "1.2.3", "12,34,567", ".5", "5.",
		"1,23", "12 月", "v1.2", "1e3", "− 5", "%", "12%%", "¥",
		"1 2", "--", "N/A", NULL
	};
	size_t i;

	(void)state;
	for (i = 0; yes[i] != NULL; i++)
		if (!mdtree_is_number(yes[i], strlen(yes[i])))
			fail_msg("\"%s\" should read as a number", yes[i]);
	for (i = 0; no[i] != NULL; i++)
		if (mdtree_is_number(no[i], strlen(no[i])))
			fail_msg("\"%s\" should not read as a number", no[i]);
}

static void
test_url_policy(void **state)
{
	static const char *const ok[] = {
		"https://example.com", "http://x", "HTTPS://X", "mailto:a@b",
		"index.html", "../a/b.html#x", "#top", "?q=1", "/abs/path",
		"报告.html", "a%20b", "//host/x", "", NULL
	};
	static const char *const bad[] = {
		"javascript:alert(1)", "JavaScript:x", " javascript:x",
		"java\tscript:x", "java\nscript:x", "\x01javascript:x",
		"vbscript:x", "data:text/html,x", "file:///etc/passwd",
		"ftp://x", ":x", "jav\x01" "ascript:x", NULL
	};
	size_t i;

	(void)state;
	for (i = 0; ok[i] != NULL; i++)
		if (!mdtree_url_allowed(ok[i], false))
			fail_msg("\"%s\" should be allowed", ok[i]);
	for (i = 0; bad[i] != NULL; i++)
		if (mdtree_url_allowed(bad[i], false))
			fail_msg("\"%s\" should be refused", bad[i]);
	assert_false(mdtree_url_allowed("mailto:a@b", true));
	assert_true(mdtree_url_allowed("logo.png", true));
	assert_false(mdtree_url_allowed(NULL, false));
}

static void
test_marks(void **state)
{
	struct mdtree_mark m;
	struct buf b = BUF_INIT;
	const char *s = "x [[tier:A]] y [[bar:0.863]] z";

	(void)state;
	assert_true(mdtree_next_mark(s, strlen(s), &m));
	assert_int_equal(m.kind, MDTREE_MARK_TIER);
	assert_int_equal(m.start, 2);
	assert_int_equal(m.end, 12);
	assert_int_equal(m.name_len, 1);
	assert_memory_equal(m.name, "A", 1);
	assert_true(mdtree_next_mark(s + m.end, strlen(s + m.end), &m));
	assert_int_equal(m.kind, MDTREE_MARK_BAR);
	assert_true(m.ratio > 0.8629 && m.ratio < 0.8631);
	mdtree_strip_marks(&b, s, strlen(s));
	assert_string_equal(buf_str(&b), "x  y  z");
	buf_free(&b);

	assert_false(mdtree_next_mark("[[tier:]]", 9, &m));
	assert_false(mdtree_next_mark("[[bar:]]", 8, &m));
	assert_false(mdtree_next_mark("[[bar:1e3]]", 11, &m));
	assert_false(mdtree_next_mark("[[bar:.5]]", 10, &m));
	assert_false(mdtree_next_mark("[[tier:A]", 9, &m));
	assert_false(mdtree_next_mark("[[other:1]]", 11, &m));
	/* only the bytes given are read */
	assert_false(mdtree_next_mark("[[tier:A]]", 9, &m));
}

static void
test_marks_html(void **state)
{
	char *html;

	(void)state;
	/* a paragraph that is only a badge */
	RENDERS("[[tier:A]]\n", "<p class=\"tier-line\"><span class=\"tier "
	    "tier-A\">A</span></p>");
	/* inline, and in a table cell */
	RENDERS("Tier [[tier:S]] now\n",
	    "<p>Tier <span class=\"tier tier-S\">S</span> now</p>");
	RENDERS("| t |\n|---|\n| [[tier:D]] |\n",
	    "<td><span class=\"tier tier-D\">D</span></td>");
	/* a name that is no CSS class */
	RENDERS("[[tier:甲&lt;b&gt;]]\n", "<span class=\"tier tier-other\">"
	    "甲&lt;b&gt;</span>");
	/* bars: the width is clamped to 0-150 % */
	RENDERS("[[bar:0.863]]\n", "style=\"width:86.3%\"");
	RENDERS("[[bar:1.2]]\n", "class=\"kpi-bar kpi-bar-over\"");
	RENDERS("[[bar:7]]\n", "style=\"width:150.0%\"");
	RENDERS("[[bar:-1]]\n", "style=\"width:0.0%\"");
	/* the Markdown escaping of template data is undone first */
	RENDERS("[[bar:0\\.863]] [[tier:A\\-1]]\n", "style=\"width:86.3%\"");
	RENDERS("[[tier:A\\-1]]\n", "<span class=\"tier tier-A-1\">A-1</span>");
	/* not marks: left as text */
	html = RENDER("[[tier:]] [[bar:x]] `[[tier:A]]`\n");
	LACKS(html, "<span");
	CONTAINS(html, "<code>[[tier:A]]</code>");
	free(html);
}

static void
test_heading_ids(void **state)
{
	char *html;

	(void)state;
	html = RENDER("# Sales Report\n\n# Sales Report\n\n## 销售 概览\n\n"
	    "### Q3: 2026!\n\n# Sales Report-1\n\n# !!!\n\n# Sales Report\n");
	CONTAINS(html, "<h1 id=\"sales-report\">");
	CONTAINS(html, "<h1 id=\"sales-report-1\">");
	CONTAINS(html, "<h2 id=\"销售-概览\">");
	CONTAINS(html, "<h3 id=\"q3-2026\">");
	/* "sales-report-1" is taken: the explicit one gets -1 appended,
	 * the third "Sales Report" skips to -2 */
	CONTAINS(html, "<h1 id=\"sales-report-1-1\">");
	CONTAINS(html, "<h1 id=\"section\">");
	CONTAINS(html, "<h1 id=\"sales-report-2\">");
	free(html);
}

/* ------------------------------------------------------------- HTML */

static void
test_table_classes(void **state)
{
	char *html;

	(void)state;
	html = RENDER("| 姓名 | 收入 | 达成 | 备注 |\n"
	    "|:--|--:|:-:|---|\n"
	    "| 张三 | ¥1,234.50 | 86.3% | 第 1 名 |\n"
	    "| 李四 | 987 | — | 12 |\n");
	CONTAINS(html, "<th class=\"align-left\">姓名</th>");
	CONTAINS(html, "<th class=\"align-right\">收入</th>");
	CONTAINS(html, "<th class=\"align-center\">达成</th>");
	CONTAINS(html, "<th>备注</th>");
	CONTAINS(html, "<td class=\"align-left\">张三</td>");
	CONTAINS(html, "<td class=\"num align-right\">¥1,234.50</td>");
	CONTAINS(html, "<td class=\"num align-center\">86.3%</td>");
	CONTAINS(html, "<td>第 1 名</td>");
	CONTAINS(html, "<td class=\"align-center\">—</td>");
	CONTAINS(html, "<td class=\"num\">12</td>");
	/* header cells are never "num" */
	html = (free(html), RENDER("| 2026 |\n|--|\n| x |\n"));
	CONTAINS(html, "<th>2026</th>");
	CONTAINS(html, "<div class=\"table-wrap\"><table>");
	CONTAINS(html, "</tbody>\n</table></div>");
	free(html);
}

static void
test_task_list(void **state)
{
	char *html;

	(void)state;
	html = RENDER("- [ ] open\n- [x] done\n- plain\n");
	CONTAINS(html, "<ul class=\"task-list\">");
	CONTAINS(html, "<li class=\"task\"><input type=\"checkbox\" "
	    "disabled> open</li>");
	CONTAINS(html, "<li class=\"task\"><input type=\"checkbox\" "
	    "disabled checked> done</li>");
	CONTAINS(html, "<li>plain</li>");
	INERT(html);
	free(html);
	html = RENDER("- one\n- two\n");
	CONTAINS(html, "<ul>\n<li>one</li>");
	LACKS(html, "checkbox");
	free(html);
}

static void
test_hostile(void **state)
{
	static const char *const inputs[] = {
		"<script>alert(1)</script>\n",
		"x <script>alert(1)</script> y\n",
		"<img src=x onerror=alert(1)>\n",
		"text <img src=x onerror=alert(1)> text\n",
		"<div onclick=\"alert(1)\">x</div>\n",
		"<a href=\"javascript:alert(1)\">x</a>\n",
		"[x](javascript:alert(1))\n",
		"[x](JAVASCRIPT:alert(1))\n",
		"[x](&#106;avascript:alert(1))\n",
		"[x](<java\nscript:alert(1)>)\n",
		"[x](vbscript:msgbox(1))\n",
		"[x](data:text/html;base64,PHNjcmlwdD4=)\n",
		"![x](javascript:alert(1))\n",
		"![x](data:image/svg+xml,<svg/onload=alert(1)>)\n",
		"![x](y.png \"t\\\" onerror=\\\"alert(1)\")\n",
		"[x](https://a/\"onmouseover=\"alert(1))\n",
		"[r]\n\n[r]: javascript:alert(1)\n",
		"<javascript:alert(1)>\n",
		"<style>body{display:none}</style>\n",
		"<iframe src=\"https://evil\"></iframe>\n",
		"<!-- x --><?php x ?><![CDATA[x]]>\n",
		"| <script>x</script> |\n|---|\n| <b onclick=x>y</b> |\n",
		"```chart\" onload=\"alert(1)\nx\n```\n",
		"```x\"><script>alert(1)</script>\ny\n```\n",
		"[[tier:\"><script>]]\n",
		"[[tier:a\" onclick=\"x]]\n",
		"```chart\nkind: bar\ntitle: \"</text><script>alert(1)"
		    "</script>\"\nlabels: [\"<b onclick=x>\"]\nvalues: [1]\n"
		    "```\n",
		"\x01\x7f\xff\xfe <\x00script>\n",
		NULL
	};
	size_t i;
	char *html;
	struct buf out = BUF_INIT;

	(void)state;
	for (i = 0; inputs[i] != NULL; i++) {
		html = RENDER(inputs[i]);
		INERT(html);
		LACKS(html, "<script");
		LACKS(html, "<img src=\"x\"");
		LACKS(html, "javascript:alert(1)\"");
		free(html);
	}
	/* a NUL inside the input counts as text, not as its end */
	assert_int_equal(html_from_markdown("t.md", "a\0<script>", 10, &out),
	    0);
	INERT(buf_str(&out));
	buf_free(&out);
	/* refused links keep their text, refused images their description */
	RENDERS("[click](javascript:alert(1))\n", "<p>click</p>");
	RENDERS("![a photo](javascript:x)\n", "<p>a photo</p>");
	RENDERS("<b>bold</b>\n", "<!-- raw HTML omitted -->bold"
	    "<!-- raw HTML omitted -->");
	RENDERS("[ok](https://example.com/?a=1&b=\"2\")\n",
	    "<a href=\"https://example.com/?a=1&amp;b=%222%22\">ok</a>");
	RENDERS("[mail](mailto:a@example.com)\n",
	    "<a href=\"mailto:a@example.com\">mail</a>");
	RENDERS("[rel](../a b/c.html)\n", "[rel](../a b/c.html)");
	RENDERS("[rel](<../a b/c.html>)\n", "<a href=\"../a%20b/c.html\">");
}

static void
test_escape(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	html_escape(&b, "<a href=\"x\">&'", 14);
	assert_string_equal(buf_str(&b),
	    "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
	buf_reset(&b);
	/* controls and broken UTF-8 become U+FFFD; tab and newline stay */
	html_escape(&b, "a\x01\tb\n\xff\xe4\xb8", 8);
	assert_string_equal(buf_str(&b),
	    "a\xef\xbf\xbd\tb\n\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	buf_reset(&b);
	html_escape(&b, "中文", 6);
	assert_string_equal(buf_str(&b), "中文");
	buf_reset(&b);
	html_escape_url(&b, "a b/中?x=1&y='2'#%41%zz\"<>");
	assert_string_equal(buf_str(&b), "a%20b/%E4%B8%AD?x=1&amp;y=&#39;2&#39;"
	    "#%41%25zz%22%3C%3E");
	buf_free(&b);
}

static void
test_blocks(void **state)
{
	char *html;

	(void)state;
	html = RENDER("# T\n\n> q\n\n1. a\n2. b\n\n5) c\n\n---\n\n"
	    "```sh\nls <x>\n```\n\n~~old~~ `c` *e* **s**  \nnext\n\n"
	    "www.example.com\n");
	CONTAINS(html, "<h1 id=\"t\">T</h1>\n");
	CONTAINS(html, "<blockquote>\n<p>q</p>\n</blockquote>\n");
	CONTAINS(html, "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n");
	CONTAINS(html, "<ol start=\"5\">\n<li>c</li>\n</ol>\n");
	CONTAINS(html, "<hr>\n");
	CONTAINS(html, "<pre><code class=\"language-sh\">ls &lt;x&gt;\n"
	    "</code></pre>\n");
	CONTAINS(html, "<del>old</del> <code>c</code> <em>e</em> "
	    "<strong>s</strong><br>\nnext");
	CONTAINS(html, "<a href=\"http://www.example.com\">www.example.com"
	    "</a>");
	INERT(html);
	free(html);
	/* no smart punctuation */
	RENDERS("\"a\" -- b...\n", "&quot;a&quot; -- b...");
}

static void
test_bounds(void **state)
{
	struct buf md = BUF_INIT, out = BUF_INIT;
	size_t i;
	clock_t start = clock();

	(void)state;
	/* a bracket storm that takes cmark-gfm 0.29 a minute */
	for (i = 0; i < 50000; i++)
		buf_puts(&md, "![[]()");
	assert_int_equal(html_from_markdown("storm.md", md.data, md.len,
	    &out), -1);
	assert_int_equal(out.len, 0);
	/* 3000 columns padded over 2000 rows: six million cells */
	buf_reset(&md);
	buf_putc(&md, '|');
	for (i = 0; i < 3000; i++)
		buf_puts(&md, "a|");
	buf_puts(&md, "\n|");
	for (i = 0; i < 3000; i++)
		buf_puts(&md, "-|");
	buf_putc(&md, '\n');
	for (i = 0; i < 2000; i++)
		buf_puts(&md, "x\n");
	assert_int_equal(html_from_markdown("wide.md", md.data, md.len,
	    &out), -1);
	/* 60 columns are fine, but not 5000 rows of them */
	buf_reset(&md);
	buf_puts(&md, "|");
	for (i = 0; i < 60; i++)
		buf_puts(&md, "a|");
	buf_puts(&md, "\n|");
	for (i = 0; i < 60; i++)
		buf_puts(&md, "-|");
	buf_putc(&md, '\n');
	for (i = 0; i < 5000; i++)
		buf_puts(&md, "x\n");
	assert_int_equal(html_from_markdown("long.md", md.data, md.len,
	    &out), -1);
	/* deep nesting is fine: nothing recurses */
	buf_reset(&md);
	for (i = 0; i < 20000; i++)
		buf_putc(&md, '>');
	buf_puts(&md, " deep\n\n");
	for (i = 0; i < 5000; i++)
		buf_puts(&md, "*a ");
	assert_int_equal(html_from_markdown("deep.md", md.data, md.len,
	    &out), 0);
	assert_int_equal(count(buf_str(&out), "<blockquote>"), 20000);
	/* too large */
	buf_reset(&md);
	buf_grow(&md, MDTREE_MAX_BYTES + 1);
	memset(md.data, 'a', MDTREE_MAX_BYTES + 1);
	md.len = MDTREE_MAX_BYTES + 1;
	md.data[md.len] = '\0';
	buf_reset(&out);
	assert_int_equal(html_from_markdown("big.md", md.data, md.len,
	    &out), -1);
	assert_true((double)(clock() - start) / CLOCKS_PER_SEC < 10);
	assert_int_equal(diag_count(DIAG_ERROR), 4);
	buf_free(&md);
	buf_free(&out);
}

/* ------------------------------------------------------------ charts */

static const char *const chart_sources[] = {
	/* bar */
	"kind: bar\ntitle: 收入\nunit: money\nlabels: [华东, 华南, 华北]\n"
	"values: [386000, 254000.5, null]\ntarget: 300000\n"
	"target_name: 目标\n",
	/* grouped_bar */
	"kind: grouped_bar\nunit: percent\nlabels: [Q1, Q2]\nseries:\n"
	"  - name: 2025\n    values: [0.9, 1.05]\n"
	"  - name: 2026\n    values: [\"110%\", 1.2]\ntarget: [1, 1.1]\n",
	/* stacked_bar */
	"kind: stacked_bar\nlabels: [a, b]\nseries:\n"
	"  - name: x\n    values: [1, 2]\n  - name: y\n    values: [3, ~]\n",
	/* line */
	"kind: line\nunit: score\nlabels: [1月, 2月, 3月]\nseries:\n"
	"  - name: 得分\n    values: [81.5, null, 88]\ntarget: 85\n",
	/* radar */
	"kind: radar\nmax: 5\nlabels: [沟通, 谈判, 开发, 回款]\nseries:\n"
	"  - name: 本人\n    values: [4.5, 3, 4, 2.5]\n"
	"  - name: 平均\n    values: [4, 4, 4, 4]\n",
	/* distribution */
	"kind: distribution\ntitle: 等级分布\nlabels: [S, A, B, C, D]\n"
	"values: [2, 5, 12, 4, 0]\n",
};

static void
test_chart_kinds(void **state)
{
	struct chart *c;
	struct buf one = BUF_INIT, two = BUF_INIT;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(chart_sources) / sizeof(chart_sources[0]);
	    k++) {
		c = chart_parse("k.md", 10, chart_sources[k],
		    strlen(chart_sources[k]));
		if (c == NULL)
			fail_msg("chart %zu refused", k);
		assert_int_equal(c->kind, (int)k);
		assert_int_equal(c->line, 10);
		buf_reset(&one);
		buf_reset(&two);
		svg_chart(&one, c);
		svg_chart(&two, c);
		assert_int_equal(one.len, two.len);
		assert_memory_equal(one.data, two.data, one.len);
		CONTAINS(buf_str(&one), "<svg xmlns=\"http://www.w3.org/2000"
		    "/svg\" viewBox=\"0 0 640 ");
		assert_string_equal(buf_str(&one) + one.len - 7, "</svg>\n");
		INERT(buf_str(&one));
		LACKS(buf_str(&one), "nan");
		LACKS(buf_str(&one), "inf");
		chart_free(c);
	}
	assert_int_equal(diag_count(DIAG_ERROR), 0);

	/* what was read */
	c = chart_parse("k.md", 1, chart_sources[0], strlen(chart_sources[0]));
	assert_non_null(c);
	assert_string_equal(c->title, "收入");
	assert_int_equal(c->unit, CHART_MONEY);
	assert_int_equal(c->nlabels, 3);
	assert_string_equal(c->labels[1], "华南");
	assert_int_equal(c->nseries, 1);
	assert_string_equal(c->series[0].name, "");
	assert_true(c->series[0].values[1].present);
	assert_true(c->series[0].values[1].value == 254000.5);
	assert_false(c->series[0].values[2].present);
	assert_int_equal(c->target_kind, CHART_TARGET_ONE);
	assert_true(c->target[2].present && c->target[2].value == 300000);
	assert_string_equal(c->target_name, "目标");
	assert_false(c->has_max);
	buf_reset(&one);
	svg_chart(&one, c);
	CONTAINS(buf_str(&one), ">386,000</text>");
	CONTAINS(buf_str(&one), ">华南</text>");
	CONTAINS(buf_str(&one), "stroke-dasharray=\"6 4\"");
	CONTAINS(buf_str(&one), ">目标</text>");
	/* two columns; the target's legend entry is a dashed line */
	assert_int_equal(count(buf_str(&one), "<rect"), 2);
	chart_free(c);

	c = chart_parse("k.md", 1, chart_sources[1], strlen(chart_sources[1]));
	assert_non_null(c);
	assert_true(c->series[1].values[0].value > 1.0999 &&
	    c->series[1].values[0].value < 1.1001);	/* "110%" */
	assert_int_equal(c->target_kind, CHART_TARGET_EACH);
	buf_reset(&one);
	svg_chart(&one, c);
	CONTAINS(buf_str(&one), ">110.0%</text>");
	CONTAINS(buf_str(&one), ">2025</text>");	/* legend */
	chart_free(c);

	c = chart_parse("k.md", 1, chart_sources[5], strlen(chart_sources[5]));
	assert_non_null(c);
	buf_reset(&one);
	svg_chart(&one, c);
	CONTAINS(buf_str(&one), "viewBox=\"0 0 640 128\"");
	CONTAINS(buf_str(&one), ">n = 23</text>");
	CONTAINS(buf_str(&one), ">B  12 (52.2%)</text>");
	CONTAINS(buf_str(&one), "fill=\"#c49a1a\"");	/* S is gold */
	chart_free(c);
	buf_free(&one);
	buf_free(&two);
}

static void
test_chart_in_html(void **state)
{
	char *html, *again;
	const char *md = "# 图\n\n```chart\nkind: bar\nlabels: [a, b]\n"
	    "values: [1, 2]\n```\n\n```chart   \nkind: line\nlabels: [a]\n"
	    "values: [1]\n```\n\n```charts\nnot: a chart\n```\n";

	(void)state;
	html = RENDER(md);
	again = RENDER(md);
	assert_string_equal(html, again);
	CONTAINS(html, "<figure class=\"chart chart-bar\">\n<svg ");
	CONTAINS(html, "<figure class=\"chart chart-line\">\n<svg ");
	CONTAINS(html, "<pre><code class=\"language-charts\">not: a chart");
	assert_int_equal(count(html, "</figure>"), 2);
	INERT(html);
	free(html);
	free(again);
}

/* Parses a chart expected to fail; checks the first message. */
static void
chart_error_at(const char *body, long want_line, const char *want,
    const char *file, int line)
{
	const struct diag_record *r;
	size_t n;
	struct chart *c;

	diag_reset();
	c = chart_parse("bad.md", 20, body, strlen(body));
	if (c != NULL) {
		chart_free(c);
		fail_msg("%s:%d: chart accepted", file, line);
	}
	r = diag_records(&n);
	if (n == 0)
		fail_msg("%s:%d: no message", file, line);
	if (r[0].line != want_line || strstr(r[0].message, want) == NULL)
		fail_msg("%s:%d: got bad.md:%ld: %s, want line %ld with "
		    "\"%s\"", file, line, r[0].line, r[0].message, want_line,
		    want);
	assert_string_equal(r[0].file, "bad.md");
	diag_reset();
}

#define CHART_ERROR(body, line, want) \
	chart_error_at(body, line, want, __FILE__, __LINE__)

static void
test_chart_errors(void **state)
{
	(void)state;
	/* the fence is line 20: body line k is line 20 + k */
	CHART_ERROR("kind: pie\nlabels: [a]\nvalues: [1]\n", 21,
	    "unknown chart kind");
	CHART_ERROR("labels: [a]\nvalues: [1]\n", 20, "kind: is missing");
	CHART_ERROR("kind: bar\nvalues: [1]\n", 20, "labels: is missing");
	CHART_ERROR("kind: bar\nlabels: [a]\n", 20, "series: (or values:)");
	CHART_ERROR("kind: bar\nlabels: [a, b]\nvalues: [1, 2, 3]\n", 23,
	    "3 values for 2 labels");
	CHART_ERROR("kind: bar\nlabels: [a, b]\n\nvalues:\n  - 1\n  - zwei\n",
	    26, "not a number");
	CHART_ERROR("kind: bar\nlabels: [a]\nvalues: [1]\nunit: yen\n", 24,
	    "unknown unit");
	CHART_ERROR("kind: bar\nlabels: [a]\nvalues: [1]\ncolor: red\n", 24,
	    "unknown chart key");
	CHART_ERROR("kind: bar\nlabels: [a]\nvalues: [[1]]\n", 23,
	    "must be a single value");
	CHART_ERROR("kind: bar\nlabels: [a]\nvalues: [1e999]\n", 23,
	    "value 1 of values");
	CHART_ERROR("kind: grouped_bar\nlabels: [a]\nseries:\n"
	    "  - name: x\n    values: [1]\n  - values: [2]\n", 24,
	    "series 2 has no name");
	CHART_ERROR("kind: grouped_bar\nlabels: [a]\nseries:\n"
	    "  - name: x\n    valeus: [1]\n", 25, "unknown key in series 1");
	CHART_ERROR("kind: bar\nlabels: [a]\nseries:\n  - name: x\n"
	    "    values: [1]\n  - name: y\n    values: [2]\n", 24,
	    "one series");
	CHART_ERROR("kind: radar\nlabels: [a, b]\nvalues: [1, 2]\n", 22,
	    "at least 3 labels");
	CHART_ERROR("kind: radar\nlabels: [a, b, c]\nvalues: [1, -2, 3]\n",
	    23, "cannot show negative values");
	CHART_ERROR("kind: stacked_bar\nlabels: [a]\nseries:\n  - name: x\n"
	    "    values:\n      - -1\n", 26, "cannot show negative values");
	CHART_ERROR("kind: distribution\nlabels: [S]\nvalues: [1]\n"
	    "target: 3\n", 24, "a distribution has no target");
	CHART_ERROR("kind: bar\nlabels: [a]\nvalues: [1]\ntarget: [1, 2]\n",
	    24, "target has 2 values for 1 labels");
	CHART_ERROR("kind: bar\nlabels: [a]\nvalues: [1]\ntarget: x\n", 24,
	    "target: not a number");
	CHART_ERROR("kind: bar\nlabels: [a]\nvalues: [1]\nmax: 0\n", 24,
	    "max must be above 0");
	CHART_ERROR("kind: bar\nlabels: [a]\nvalues: [1]\ntarget_name: t\n",
	    24, "target_name without a target");
	CHART_ERROR("kind: bar\nlabels: [a, ~]\nvalues: [1, 2]\n", 22,
	    "label 2 is empty");
	CHART_ERROR("kind: bar\nlabels: []\nvalues: []\n", 22,
	    "labels must be a list");
	CHART_ERROR("- a\n- b\n", 20, "a chart block holds YAML");
	CHART_ERROR("", 20, "a chart block holds YAML");
	CHART_ERROR("kind: bar\nlabels: [a\n", 23, "YAML syntax error");
	CHART_ERROR("kind: bar\nkind: line\n", 22, "key given twice");
	CHART_ERROR("a: &x 1\n", 21, "anchors are not supported");
}

static void
test_chart_error_in_html(void **state)
{
	struct buf out = BUF_INIT;
	const struct diag_record *r;
	size_t n;
	const char *md = "# T\n\ntext\n\n```chart\nkind: bar\nlabels: [a]\n"
	    "values: [x]\n```\n\nafter\n";

	(void)state;
	diag_reset();
	assert_int_equal(html_from_markdown("r.md", md, strlen(md), &out), -1);
	CONTAINS(buf_str(&out), "<p class=\"chart-error\">[chart: r.md:5]</p>");
	CONTAINS(buf_str(&out), "<p>after</p>");
	r = diag_records(&n);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].file, "r.md");
	assert_int_equal(r[0].line, 8);		/* the values line */
	assert_string_equal(r[0].column, "chart");
	assert_string_equal(r[0].value, "x");
	buf_free(&out);
}

/* Axis for the values of a bar chart (and a unit). */
static void
axis_at(const char *values, enum chart_kind kind, double want_min,
    double want_max, double want_step, const char *file, int line)
{
	struct buf body = BUF_INIT;
	struct chart *c;
	struct chart_axis a;
	size_t n = 1, i;

	for (i = 0; values[i] != '\0'; i++)
		if (values[i] == ',')
			n++;
	buf_printf(&body, "kind: %s\nlabels: [", chart_kind_name(kind));
	for (i = 0; i < n; i++)
		buf_printf(&body, "%sl%zu", i ? ", " : "", i);
	buf_printf(&body, "]\nvalues: [%s]\n", values);
	c = chart_parse("axis.md", 1, body.data, body.len);
	if (c == NULL)
		fail_msg("%s:%d: chart refused", file, line);
	chart_axis(c, &a);
	if (a.min != want_min || a.max != want_max || a.step != want_step)
		fail_msg("%s:%d: [%s]: axis %g..%g step %g, want %g..%g step "
		    "%g", file, line, values, a.min, a.max, a.step, want_min,
		    want_max, want_step);
	assert_true(a.nticks >= 3 && a.nticks <= 12);
	assert_true(chart_axis_tick(&a, a.nticks - 1) == a.max);
	chart_free(c);
	buf_free(&body);
}

#define AXIS(v, k, lo, hi, step) \
	axis_at(v, k, lo, hi, step, __FILE__, __LINE__)

static void
test_chart_axis(void **state)
{
	struct chart c;
	struct chart_axis a = { 0, 1, 0.25, 5, 2 };
	struct buf b = BUF_INIT;

	(void)state;
	AXIS("386000, 254000", CHART_BAR, 0, 400000, 100000);
	AXIS("0.9, 1.12", CHART_BAR, 0, 1.25, 0.25);
	AXIS("3, 7", CHART_BAR, 0, 8, 2);
	AXIS("-12000, 386000", CHART_BAR, -100000, 400000, 100000);
	AXIS("0, 0", CHART_BAR, 0, 1, 0.2);
	AXIS("-5", CHART_BAR, -5, 0, 1);
	AXIS("0.3", CHART_BAR, 0, 0.3, 0.1);
	AXIS("0.24", CHART_BAR, 0, 0.25, 0.05);
	/* a line well above zero starts near its values */
	AXIS("2980000, 3862450", CHART_LINE, 2800000, 4000000, 200000);
	AXIS("10, 100", CHART_LINE, 0, 100, 20);

	memset(&c, 0, sizeof(c));
	c.unit = CHART_PERCENT;
	chart_format_tick(&b, &c, &a, 0.75);
	assert_string_equal(buf_str(&b), "75%");
	buf_reset(&b);
	chart_format_value(&b, &c, 0.8634);
	assert_string_equal(buf_str(&b), "86.3%");
	buf_reset(&b);
	c.unit = CHART_MONEY;
	chart_format_value(&b, &c, 1234567.5);
	assert_string_equal(buf_str(&b), "1,234,568");
	buf_reset(&b);
	chart_format_value(&b, &c, -12.5);
	assert_string_equal(buf_str(&b), "-12.50");
	buf_reset(&b);
	c.unit = CHART_COUNT;
	chart_format_value(&b, &c, 12000);
	assert_string_equal(buf_str(&b), "12,000");
	buf_reset(&b);
	chart_format_value(&b, &c, 2.25);
	assert_string_equal(buf_str(&b), "2.3");
	buf_reset(&b);
	c.unit = CHART_SCORE;
	chart_format_value(&b, &c, 87);
	assert_string_equal(buf_str(&b), "87.0");
	buf_free(&b);
}

/* Hostile label text written by chart_yaml_quote reads back unchanged. */
static void
test_chart_yaml_quote(void **state)
{
	static const char *const names[] = {
		"张三", "O'Brien \"Bob\"", "a, b]", "[x", "# not a comment",
		"key: value", "back\\slash", "two\nlines", "tab\there",
		"```", "\n```\nkind: line", "- item", "&anchor *alias",
		"\x01\x1f\x7f", "\xc2\x85 nel \xe2\x80\xa8 ls \xef\xbb\xbf",
		"  spaces  ", "", "null", "~", "123", NULL
	};
	struct buf body = BUF_INIT;
	struct chart *c;
	size_t i, n;

	(void)state;
	for (n = 0; names[n] != NULL; n++)
		;
	buf_puts(&body, "kind: bar\ntitle: ");
	chart_yaml_quote(&body, names[1], strlen(names[1]));
	buf_puts(&body, "\nlabels: [");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(&body, ", ");
		chart_yaml_quote(&body, names[i], strlen(names[i]));
	}
	buf_puts(&body, "]\nvalues: [");
	for (i = 0; i < n; i++)
		buf_puts(&body, i > 0 ? ", 1" : "1");
	buf_puts(&body, "]\n");
	/* no line of the block may start a fence */
	LACKS(buf_str(&body), "\n```");
	c = chart_parse("q.md", 1, body.data, body.len);
	if (c == NULL)
		fail_msg("refused:\n%s", buf_str(&body));
	assert_int_equal(c->nlabels, n);
	for (i = 0; i < n; i++)
		assert_string_equal(c->labels[i], names[i]);
	assert_string_equal(c->title, names[1]);
	chart_free(c);
	buf_reset(&body);
	chart_yaml_quote(&body, "a\xff" "b", 3);
	assert_string_equal(buf_str(&body), "\"a\\uFFFDb\"");
	buf_free(&body);
}

static void
test_text_width(void **state)
{
	(void)state;
	assert_true(svg_text_width("中文", 10) == 20);
	assert_true(svg_text_width("", 10) == 0);
	assert_true(svg_text_width("1234", 10) < svg_text_width("中文中文",
	    10));
	assert_true(svg_text_width("\xff", 10) > 0);
}

/* ------------------------------------------------------------ golden */

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char tmp[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_put(&b, tmp, n);
	fclose(f);
	if (len != NULL)
		*len = b.len;
	if (b.data == NULL)
		buf_puts(&b, "");
	return buf_detach(&b);
}

static void
write_file(const char *path, const char *s, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* The first line where a and b differ, for the failure message. */
static long
first_difference(const char *a, const char *b)
{
	long line = 1;

	for (; *a != '\0' && *a == *b; a++, b++)
		if (*a == '\n')
			line++;
	return line;
}

static void
golden_one(const char *name, bool update)
{
	struct buf path = BUF_INIT, html = BUF_INIT, msgs = BUF_INIT;
	char *md, *want_html, *want_err;
	size_t len;
	int status;

	diag_reset();
	buf_printf(&path, GOLDEN_DIR "/%s.md", name);
	md = read_file(buf_str(&path), &len);
	assert_non_null(md);
	status = html_from_markdown(buf_str(&path), md, len, &html);
	messages(&msgs);

	buf_reset(&path);
	buf_printf(&path, GOLDEN_DIR "/%s.html", name);
	if (update)
		write_file(buf_str(&path), buf_str(&html), html.len);
	want_html = read_file(buf_str(&path), NULL);
	if (want_html == NULL)
		fail_msg("%s missing (RENDER_GOLDEN_UPDATE=1 writes it)",
		    buf_str(&path));
	if (strcmp(want_html, buf_str(&html)) != 0)
		fail_msg("%s: output differs from line %ld", buf_str(&path),
		    first_difference(want_html, buf_str(&html)));

	buf_reset(&path);
	buf_printf(&path, GOLDEN_DIR "/%s.err", name);
	if (update && msgs.len > 0)
		write_file(buf_str(&path), buf_str(&msgs), msgs.len);
	want_err = read_file(buf_str(&path), NULL);
	if (strcmp(want_err != NULL ? want_err : "", buf_str(&msgs)) != 0)
		fail_msg("%s: messages differ:\n%s", buf_str(&path),
		    buf_str(&msgs));
	assert_int_equal(status, want_err != NULL ? -1 : 0);

	free(md);
	free(want_html);
	free(want_err);
	buf_free(&path);
	buf_free(&html);
	buf_free(&msgs);
	diag_reset();
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_golden(void **state)
{
	DIR *dir = opendir(GOLDEN_DIR);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i, k;
	bool update = getenv("RENDER_GOLDEN_UPDATE") != NULL;

	(void)state;
	if (dir == NULL)
		fail_msg(GOLDEN_DIR ": not found (run from the repository "
		    "root)");
	while ((de = readdir(dir)) != NULL) {
		k = strlen(de->d_name);
		if (k < 4 || strcmp(de->d_name + k - 3, ".md") != 0)
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		assert_non_null(names);
		names[n] = strndup(de->d_name, k - 3);
		assert_non_null(names[n]);
		n++;
	}
	closedir(dir);
	assert_true(n >= 7);	/* basic cjk table hostile charts errors demo */
	qsort(names, n, sizeof(*names), compare_names);
	for (i = 0; i < n; i++) {
		golden_one(names[i], update);
		free(names[i]);
	}
	free(names);
}

int
main(void)
{
#define T(test) cmocka_unit_test_teardown(test, teardown)
	const struct CMUnitTest tests[] = {
		T(test_cjk_char),
		T(test_cjk_join_tree),
		T(test_cjk_join_html),
		T(test_is_number),
		T(test_url_policy),
		T(test_marks),
		T(test_marks_html),
		T(test_heading_ids),
		T(test_table_classes),
		T(test_task_list),
		T(test_hostile),
		T(test_escape),
		T(test_blocks),
		T(test_bounds),
		T(test_chart_kinds),
		T(test_chart_in_html),
		T(test_chart_errors),
		T(test_chart_error_in_html),
		T(test_chart_axis),
		T(test_chart_yaml_quote),
		T(test_text_width),
		T(test_golden),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
