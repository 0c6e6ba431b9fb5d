/*
 * Unit tests for generator/input/grai.c: which heading texts name a GRAI
 * section (Chinese, English, mixed, bracketed, numbered, and near misses),
 * the messages for missing sections, and the golden files of
 * tests/golden/grai/: NAME.md through grai_find() must give NAME.out,
 * a dump of the sections (line, level, where each ends) and the lessons.
 *
 * Run from the repository root.  GRAI_GOLDEN_UPDATE=1 rewrites the .out
 * files from the current output (review the diff before committing).
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

#include <cmark-gfm.h>

#include "util/buf.h"
#include "util/diag.h"
#include "input/grai.h"
#include "markdown/mdtree.h"

#define GOLDEN_DIR	"tests/golden/grai"

static const char *const part_key[GRAI_COUNT] = {
	"goal", "result", "analysis", "insight"
};

/* ----------------------------------------------------------- classify */

struct heading_case {
	const char	*text;
	int		 want;
};

static const struct heading_case headings[] = {
	/* Chinese names, the four and the second Insight name */
	{ "回顾目标", GRAI_GOAL },
	{ "评估结果", GRAI_RESULT },
	{ "分析原因", GRAI_ANALYSIS },
	{ "总结经验", GRAI_INSIGHT },
	{ "总结规律", GRAI_INSIGHT },
	/* English, any case, singular or plural */
	{ "Goal", GRAI_GOAL },
	{ "GOALS", GRAI_GOAL },
	{ "result", GRAI_RESULT },
	{ "Results", GRAI_RESULT },
	{ "Analysis", GRAI_ANALYSIS },
	{ "insights", GRAI_INSIGHT },
	/* both, either order, with or without brackets */
	{ "回顾目标 (Goal)", GRAI_GOAL },
	{ "回顾目标（Goal）", GRAI_GOAL },
	{ "回顾目标(goal)", GRAI_GOAL },
	{ "Goal 回顾目标", GRAI_GOAL },
	{ "Result / 评估结果", GRAI_RESULT },
	{ "Analysis - 分析原因", GRAI_ANALYSIS },
	{ "Insight · 总结经验", GRAI_INSIGHT },
	{ "【总结规律】", GRAI_INSIGHT },
	{ "[Insight]", GRAI_INSIGHT },
	/* numbering prefixes */
	{ "一、回顾目标 (Goal)", GRAI_GOAL },
	{ "二、评估结果（Result）", GRAI_RESULT },
	{ "1. Goal", GRAI_GOAL },
	{ "2) Result", GRAI_RESULT },
	{ "3、分析原因", GRAI_ANALYSIS },
	{ "(4) Insight", GRAI_INSIGHT },
	{ "（三）分析原因", GRAI_ANALYSIS },
	{ "【一】回顾目标", GRAI_GOAL },
	{ "第一步：回顾目标", GRAI_GOAL },
	{ "第四部分 总结经验", GRAI_INSIGHT },
	{ "IV. Insight", GRAI_INSIGHT },
	{ "① 回顾目标", GRAI_GOAL },
	{ "  ３．评估结果", GRAI_RESULT },	/* fullwidth digits */
	/* a subtitle after a colon, a full stop at the end */
	{ "分析原因：为什么丢单", GRAI_ANALYSIS },
	{ "Result: 3 of 8 deals", GRAI_RESULT },
	{ "总结经验。", GRAI_INSIGHT },
	/* near misses */
	{ "", GRAI_NONE },
	{ "目标", GRAI_NONE },
	{ "目标回顾", GRAI_NONE },
	{ "回顾目标和计划", GRAI_NONE },
	{ "Goals and results", GRAI_NONE },
	{ "Goalkeeping", GRAI_NONE },
	{ "Result of the pilot", GRAI_NONE },
	{ "2026 Result", GRAI_NONE },
	{ "I Goal", GRAI_NONE },
	{ "Goal 评估结果", GRAI_NONE },
	{ "Goal Goals", GRAI_NONE },
	{ "Insightful", GRAI_NONE },
	{ "背景", GRAI_NONE },
};

static void
test_classify(void **state)
{
	size_t i;
	int got;

	(void)state;
	for (i = 0; i < sizeof(headings) / sizeof(headings[0]); i++) {
		got = grai_classify(headings[i].text, strlen(headings[i].text));
		if (got != headings[i].want)
			fail_msg("\"%s\": got %d, want %d", headings[i].text,
			    got, headings[i].want);
	}
}

/* ------------------------------------------------------------ finding */

static cmark_node *
parse(const char *md)
{
	cmark_node *doc = mdtree_parse("test.md", md, strlen(md));

	assert_non_null(doc);
	return doc;
}

static void
test_sections_in_quotes_do_not_count(void **state)
{
	cmark_node *doc = parse("> ## Goal\n\n- ## Result\n\n## Analysis\n");
	struct grai g;

	(void)state;
	grai_find(doc, &g);
	assert_null(g.sections[GRAI_GOAL].heading);
	assert_null(g.sections[GRAI_RESULT].heading);
	assert_non_null(g.sections[GRAI_ANALYSIS].heading);
	assert_int_equal(g.sections[GRAI_ANALYSIS].line, 5);
	assert_int_equal(grai_missing(&g), 3);
	grai_free(&g);
	cmark_node_free(doc);
}

static void
test_first_of_twice(void **state)
{
	cmark_node *doc = parse("## Goal\n\na\n\n## 回顾目标\n\nb\n");
	struct grai g;

	(void)state;
	grai_find(doc, &g);
	assert_int_equal(g.sections[GRAI_GOAL].line, 1);
	/* the second one ends the first section */
	assert_int_equal(g.sections[GRAI_GOAL].end_line, 5);
	grai_free(&g);
	cmark_node_free(doc);
}

static void
test_setext_headings(void **state)
{
	cmark_node *doc = parse("Goal\n====\n\nResult\n------\n\n- x\n");
	struct grai g;

	(void)state;
	grai_find(doc, &g);
	assert_int_equal(g.sections[GRAI_GOAL].level, 1);
	assert_int_equal(g.sections[GRAI_RESULT].line, 4);
	/* Result (level 2) does end Goal: it is a GRAI heading */
	assert_int_equal(g.sections[GRAI_GOAL].end_line, 4);
	grai_free(&g);
	cmark_node_free(doc);
}

static void
test_report(void **state)
{
	cmark_node *doc = parse("## Goal\n\n## Result\n\n## 总结经验\n");
	const struct diag_record *r;
	struct grai g;
	size_t n;

	(void)state;
	diag_reset();
	grai_find(doc, &g);
	assert_int_equal(grai_report(&g, "cases/x.md", 7, false), 1);
	r = diag_records(&n);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].level, DIAG_WARNING);
	assert_string_equal(r[0].file, "cases/x.md");
	assert_int_equal(r[0].line, 7);
	assert_string_equal(r[0].message,
	    "GRAI: missing section Analysis (分析原因)");
	assert_int_equal(grai_report(&g, "cases/x.md", 7, true), 1);
	r = diag_records(&n);
	assert_int_equal(r[1].level, DIAG_ERROR);
	assert_int_equal(diag_exit_status(), 65);
	diag_reset();
	grai_free(&g);
	cmark_node_free(doc);
}

/* A heading that names no section but nearly one: "did you mean". */
static const struct heading_case near_misses[] = {
	/* part of a Chinese name, its characters in another order, one
	 * character off; after a number, before a subtitle */
	{ "目标", GRAI_GOAL },
	{ "一、目标", GRAI_GOAL },
	{ "目标回顾", GRAI_GOAL },
	{ "回顾目的", GRAI_GOAL },
	{ "结果", GRAI_RESULT },
	{ "2) 结果：超额完成", GRAI_RESULT },
	{ "分析", GRAI_ANALYSIS },
	{ "原因", GRAI_ANALYSIS },
	{ "总结", GRAI_INSIGHT },
	{ "经验", GRAI_INSIGHT },
	{ "规律总结", GRAI_INSIGHT },
	/* English: two letters off, or the one name among other words */
	{ "Resluts", GRAI_RESULT },
	{ "Gaol", GRAI_GOAL },
	{ "Analysys", GRAI_ANALYSIS },
	{ "Key results", GRAI_RESULT },
	{ "2026 Result", GRAI_RESULT },
	{ "Lessons and insights", GRAI_INSIGHT },
	/* nothing near, or two names: no guess */
	{ "背景", GRAI_NONE },
	{ "目", GRAI_NONE },
	{ "Background", GRAI_NONE },
	{ "Goals and results", GRAI_NONE },
	{ "Next steps", GRAI_NONE },
	{ "", GRAI_NONE },
};

static void
test_near_miss(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(near_misses) / sizeof(near_misses[0]); i++) {
		const struct heading_case *h = &near_misses[i];
		int got = grai_near_miss(h->text, strlen(h->text));

		if (got != h->want)
			fail_msg("\"%s\": near %d, wanted %d", h->text, got,
			    h->want);
	}
}

/* The missing section's warning names the heading that nearly names it,
 * with its line in the file, in the heading's language. */
static void
test_report_near(void **state)
{
	cmark_node *doc = parse("## 目标\n\n## Result\n\n## Analysys\n\n"
	    "## 总结经验\n");
	const struct diag_record *r;
	struct grai g;
	size_t n;

	(void)state;
	diag_reset();
	grai_find(doc, &g);
	assert_int_equal(grai_report(&g, "cases/x.md", 7, false), 2);
	r = diag_records(&n);
	assert_int_equal(n, 2);
	assert_string_equal(r[0].message, "GRAI: missing section Goal "
	    "(回顾目标); the heading \"目标\" at line 8 is not a section "
	    "name (did you mean 回顾目标?)");
	assert_string_equal(r[1].message, "GRAI: missing section Analysis "
	    "(分析原因); the heading \"Analysys\" at line 12 is not a "
	    "section name (did you mean Analysis?)");
	diag_reset();
	grai_free(&g);
	cmark_node_free(doc);
}

/* ------------------------------------------------------------- golden */

static void
dump(const struct grai *g, struct buf *out)
{
	size_t i;
	int s;

	for (s = 0; s < GRAI_COUNT; s++) {
		const struct grai_section *sec = &g->sections[s];

		if (sec->heading == NULL) {
			buf_printf(out, "%s missing\n", part_key[s]);
			continue;
		}
		buf_printf(out, "%s line %ld h%d ", part_key[s], sec->line,
		    sec->level);
		if (sec->end != NULL)
			buf_printf(out, "ends %ld\n", sec->end_line);
		else
			buf_puts(out, "runs to the end\n");
	}
	for (i = 0; i < g->nlessons; i++)
		buf_printf(out, "lesson %ld: %s\n  text: %s\n",
		    g->lessons[i].line, g->lessons[i].markdown,
		    g->lessons[i].text);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (fp == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(&b, chunk, n);
	fclose(fp);
	*len = b.len;
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_golden(void **state)
{
	const bool update = getenv("GRAI_GOLDEN_UPDATE") != NULL;
	char *names[64];
	size_t nnames = 0, i, len, want_len;
	struct dirent *de;
	DIR *d;

	(void)state;
	d = opendir(GOLDEN_DIR);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL && nnames < 64) {
		size_t n = strlen(de->d_name);

		if (n > 3 && strcmp(de->d_name + n - 3, ".md") == 0)
			names[nnames++] = strndup(de->d_name, n - 3);
	}
	closedir(d);
	assert_true(nnames >= 8);
	qsort(names, nnames, sizeof(char *), compare_names);
	for (i = 0; i < nnames; i++) {
		struct buf path = BUF_INIT, got = BUF_INIT;
		char *md, *want;
		cmark_node *doc;
		struct grai g;

		buf_printf(&path, "%s/%s.md", GOLDEN_DIR, names[i]);
		md = slurp(path.data, &len);
		assert_non_null(md);
		doc = mdtree_parse(path.data, md, len);
		assert_non_null(doc);
		grai_find(doc, &g);
		dump(&g, &got);
		grai_free(&g);
		cmark_node_free(doc);
		buf_reset(&path);
		buf_printf(&path, "%s/%s.out", GOLDEN_DIR, names[i]);
		if (update) {
			FILE *fp = fopen(path.data, "wb");

			assert_non_null(fp);
			fwrite(got.data, 1, got.len, fp);
			fclose(fp);
		} else {
			want = slurp(path.data, &want_len);
			if (want == NULL)
				fail_msg("%s: missing (GRAI_GOLDEN_UPDATE=1 "
				    "writes it)", path.data);
			if (want_len != got.len ||
			    memcmp(want, got.data, got.len) != 0)
				fail_msg("%s differs; got:\n%s", path.data,
				    buf_str(&got));
			free(want);
		}
		free(md);
		free(names[i]);
		buf_free(&path);
		buf_free(&got);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_sections_in_quotes_do_not_count),
		cmocka_unit_test(test_first_of_twice),
		cmocka_unit_test(test_setext_headings),
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_near_miss),
		cmocka_unit_test(test_report_near),
		cmocka_unit_test(test_golden),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
