/*
 * Unit tests for generator/tmpl/names.c (the names a template asks for
 * against the shape of its data) and generator/util/similar.c (how near
 * two names are): the shape of sample data and its listing; unknown names
 * at the top, inside sections over lists and maps (with the outer names),
 * in partials and parents; the labels closed, the maybe list; "did you
 * mean"; each tag once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/similar.h"
#include "tmpl/mustache.h"
#include "tmpl/names.h"

/* ----------------------------------------------------------- similar */

static void
test_distance(void **state)
{
	(void)state;
	assert_int_equal(text_distance("label", 5, "label", 5), 0);
	assert_int_equal(text_distance("lable", 5, "label", 5), 1);
	assert_int_equal(text_distance("nmae", 4, "name", 4), 1);
	assert_int_equal(text_distance("actul", 5, "actual", 6), 1);
	assert_int_equal(text_distance("", 0, "abc", 3), 3);
	/* code points, not bytes */
	assert_int_equal(text_distance("目标", strlen("目标"), "回顾目标",
	    strlen("回顾目标")), 2);
	assert_int_equal(text_distance("回顾目的", strlen("回顾目的"),
	    "回顾目标", strlen("回顾目标")), 1);
	assert_true(same_words("ytd_commission", 14, "commission_ytd", 14));
	assert_true(same_words("a.b", 3, "b_a", 3));
	assert_false(same_words("ytd_ytd", 7, "ytd", 3));
	assert_false(same_words("rank_team", 9, "rank_company", 12));
}

/* ------------------------------------------------------------- shape */

/* The data of the tests: a report's in small. */
static struct tmpl_value *
sample(void)
{
	struct tmpl_value *d = tmpl_map_new(), *p, *l, *k, *t;

	p = tmpl_map_set_map(d, "person");
	tmpl_map_set_str(p, "name", "李明");
	tmpl_map_set_str(p, "rep_id", "S01");
	l = tmpl_map_set_list(d, "kpis");
	k = tmpl_list_append(l, tmpl_map_new());
	tmpl_map_set_str(k, "label", "收入");
	k = tmpl_list_append(l, tmpl_map_new());
	tmpl_map_set_str(k, "label", "订单");
	tmpl_map_set_str(k, "target", "12");	/* in one item only */
	tmpl_map_set_str(d, "lang", "zh-CN");
	t = tmpl_map_set_map(d, "t");
	tmpl_map_set_str(t, "revenue", "收入");
	return d;
}

static struct tmpl_shape *
shape_of(struct tmpl_value *d)
{
	struct tmpl_shape *s = tmpl_shape_new();

	tmpl_shape_add(s, d);
	tmpl_shape_close(tmpl_shape_get(s, "t"));
	tmpl_value_free(d);
	return s;
}

static void
test_names_listed(void **state)
{
	struct tmpl_shape *s = shape_of(sample());
	struct buf b = BUF_INIT;

	(void)state;
	tmpl_shape_names(s, &b);
	assert_string_equal(buf_str(&b), "person\nperson.name\n"
	    "person.rep_id\nkpis[]\nkpis[].label\nkpis[].target\nlang\nt\n"
	    "t.revenue\n");
	tmpl_shape_remove(s, "t");
	buf_reset(&b);
	tmpl_shape_names(s, &b);
	assert_string_equal(buf_str(&b) + b.len - 5, "lang\n");
	buf_free(&b);
	tmpl_shape_free(s);
}

/* ------------------------------------------------------------- check */

static const char *const partials[][2] = {
	{ "row", "{{label}} {{lable}}\n" },
	{ "self", "{{#person}}{{>self}}{{/person}}{{nope}}" },
	{ "frame", "{{$body}}{{person.name}}{{/body}} {{frame_typo}}" },
};

static enum tmpl_load
load(void *arg, const char *name, struct tmpl_source *src)
{
	size_t i;

	(void)arg;
	for (i = 0; i < sizeof(partials) / sizeof(partials[0]); i++)
		if (strcmp(name, partials[i][0]) == 0) {
			src->text = partials[i][1];
			src->len = strlen(partials[i][1]);
			src->path = NULL;
			return TMPL_LOAD_OK;
		}
	return TMPL_LOAD_MISSING;
}

/* The messages of checking text against the sample, one a line. */
static size_t
check(const char *text, const char *const *maybe, struct buf *msgs)
{
	struct tmpl_loader loader = { load, NULL, false };
	struct tmpl_shape *s = shape_of(sample());
	const struct diag_record *r;
	struct tmpl *t;
	size_t n, i, count;

	diag_reset();
	t = tmpl_compile("x.md", text, strlen(text), &loader,
	    TMPL_ESCAPE_MARKDOWN);
	assert_non_null(t);
	count = tmpl_check_names(t, s, maybe, "x.md", DIAG_WARNING);
	r = diag_records(&n);
	buf_reset(msgs);
	for (i = 0; i < n; i++) {
		assert_int_equal(r[i].level, DIAG_WARNING);
		buf_printf(msgs, "%s:%ld: %s\n", r[i].file, r[i].line,
		    r[i].message);
	}
	assert_int_equal(n, count);
	diag_reset();
	tmpl_free(t);
	tmpl_shape_free(s);
	return count;
}

static void
test_known_names_pass(void **state)
{
	struct buf m = BUF_INIT;

	(void)state;
	/* dotted, implicit iterator, inside a list (its items' keys, one
	 * item's only too, and the outer names), inverted, raw, comments */
	assert_int_equal(check("{{person.name}} {{{lang}}} {{&t.revenue}}\n"
	    "{{#kpis}}{{label}} {{target}} {{person.rep_id}} {{.}}"
	    "{{/kpis}}\n{{^kpis}}{{lang}}{{/kpis}}{{! {{nothing}} }}\n"
	    "{{#person}}{{name}}{{rep_id}}{{lang}}{{/person}}", NULL, &m), 0);
	assert_string_equal(buf_str(&m), "");
	buf_free(&m);
}

static void
test_unknown_names(void **state)
{
	struct buf m = BUF_INIT;

	(void)state;
	assert_int_equal(check("line 1\n  {{ytd_commission}} {{person.nmae}}\n"
	    "{{#kpis}}{{lable}}{{/kpis}}{{^nosuch}}x{{/nosuch}}\n"
	    "{{#missing}}{{anything}}{{/missing}} {{t.revnue}}\n"
	    "{{{person.emial}}}", NULL, &m), 7);
	assert_string_equal(buf_str(&m),
	    "x.md:2: column 3: {{ytd_commission}}: no such name in the data "
	    "of x.md\n"
	    "x.md:2: column 22: {{person.nmae}}: no such name in the data of "
	    "x.md (did you mean person.name?)\n"
	    "x.md:3: column 10: {{lable}}: no such name in the data of x.md "
	    "(did you mean label?)\n"
	    "x.md:3: column 28: {{^nosuch}}: no such name in the data of x.md"
	    "\n"
	    "x.md:4: column 1: {{#missing}}: no such name in the data of x.md"
	    "\n"
	    "x.md:4: column 38: {{t.revnue}}: no such name in the data of x.md"
	    " (did you mean t.revenue?)\n"
	    "x.md:5: column 1: {{{person.emial}}}: no such name in the data of "
	    "x.md\n");
	buf_free(&m);
}

/* The first context that has a name's first part decides (Mustache):
 * person.rep_id inside kpis is the outer person's. */
static void
test_context_decides(void **state)
{
	struct buf m = BUF_INIT;

	(void)state;
	assert_int_equal(check("{{#person}}{{label}}{{/person}}"
	    "{{#kpis}}{{name}}{{/kpis}}", NULL, &m), 2);
	buf_free(&m);
}

static void
test_partials_and_parents(void **state)
{
	struct buf m = BUF_INIT;

	(void)state;
	/* a partial in a section sees the section's names, outside it not
	 * (label); a tag is reported once however often its partial is
	 * included; a partial that includes itself ends; a parent's own
	 * tags and the blocks given to it are checked */
	assert_int_equal(check("{{#kpis}}{{>row}}{{/kpis}}\n{{>row}}\n"
	    "{{>row}}{{>self}}\n{{<frame}}{{$body}}{{body_typo}}{{/body}}"
	    "{{/frame}}", NULL, &m), 5);
	assert_string_equal(buf_str(&m),
	    "row:1: column 11: {{lable}}: no such name in the data of x.md "
	    "(did you mean label?)\n"
	    "row:1: column 1: {{label}}: no such name in the data of x.md\n"
	    "self:1: column 32: {{nope}}: no such name in the data of x.md\n"
	    "frame:1: column 35: {{frame_typo}}: no such name in the data of "
	    "x.md\n"
	    "x.md:4: column 20: {{body_typo}}: no such name in the data of "
	    "x.md\n");
	buf_free(&m);
}

/* A key the data may have (maybe) passes, unless under the labels. */
static void
test_maybe(void **state)
{
	static const char *const maybe[] = { "review", "withheld", "person",
	    "revnue", NULL };
	struct buf m = BUF_INIT;

	(void)state;
	assert_int_equal(check("{{review.withheld}} {{person.withheld}}\n"
	    "{{#review}}{{whatever}}{{/review}} {{t.revnue}} {{review.x}}",
	    maybe, &m), 2);
	assert_string_equal(buf_str(&m),
	    "x.md:2: column 36: {{t.revnue}}: no such name in the data of x.md"
	    " (did you mean t.revenue?)\n"
	    "x.md:2: column 49: {{review.x}}: no such name in the data of x.md"
	    "\n");
	buf_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_names_listed),
		cmocka_unit_test(test_known_names_pass),
		cmocka_unit_test(test_unknown_names),
		cmocka_unit_test(test_context_decides),
		cmocka_unit_test(test_partials_and_parents),
		cmocka_unit_test(test_maybe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
