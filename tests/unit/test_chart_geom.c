/*
 * Unit tests for generator/chart/chart_geom.c, the one layout of a chart
 * that the SVG and PDF writers put out: every kind gives balanced groups
 * and finite primitives inside the frame, the measure callback decides
 * how labels are placed, and the parts a writer relies on (columns,
 * dashed targets, the distribution's frame) are there.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "util/buf.h"
#include "chart/chart.h"
#include "chart/chart_geom.h"

/* Every byte half an em wide, or `arg` ems when arg is set. */
static double
fixed_width(void *arg, const char *s, size_t len, double size)
{
	double em = arg != NULL ? *(const double *)arg : 0.5;

	(void)s;
	return (double)len * em * size;
}

static const char *const sources[] = {
	"kind: bar\ntitle: Revenue\nunit: money\nlabels: [East, South, North]\n"
	"values: [386000, ~, -12000]\ntarget: 300000\ntarget_name: Target\n",
	"kind: grouped_bar\nunit: percent\nlabels: [Q1, Q2, Q3]\nseries:\n"
	"  - name: a\n    values: [0.9, 1.05, 0.98]\n"
	"  - name: b\n    values: [1.1, 1.2, null]\ntarget: [1, 1, 1.1]\n",
	"kind: stacked_bar\nlabels: [A, B]\nseries:\n"
	"  - name: old\n    values: [10, 20]\n"
	"  - name: new\n    values: [5, 0]\n",
	"kind: line\nunit: score\nlabels: [Jan, Feb, Mar, Apr]\nseries:\n"
	"  - name: s\n    values: [81.5, 84, null, 88.25]\n"
	"target: [80, 82, 84, null]\n",
	"kind: radar\nmax: 5\nlabels: [a, b, c, d, e]\nseries:\n"
	"  - name: me\n    values: [4.5, 3, 4, 2.5, 5]\ntarget: [4, 4, 4, 4, 4]\n",
	"kind: distribution\ntitle: Tiers\nlabels: [S, A, B, C, D]\n"
	"values: [2, 5, 12, 4, 0]\n",
	/* the statement's profile: one series, so a value under each
	 * label, in a small frame (the bottom value must stay inside) */
	"kind: radar\nunit: score\nmax: 100\ntitle: Profile\n"
	"labels: [Skill, Talk, Team, Ideas]\nseries:\n"
	"  - name: me\n    values: [75.8, 59.3, 72.3, 78]\n"
	"width: 320\nheight: 180\n",
};

static struct chart *
parse(size_t k)
{
	struct chart *c = chart_parse("g.md", 1, sources[k],
	    strlen(sources[k]));

	if (c == NULL)
		fail_msg("chart %zu refused", k);
	return c;
}

static size_t
count(const struct chart_geom *g, enum geom_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < g->n; i++)
		n += g->prims[i].kind == kind;
	return n;
}

static void
inside(const struct chart_geom *g, double x, double y)
{
	assert_true(isfinite(x) && isfinite(y));
	assert_true(x >= 0 && x <= g->width);
	assert_true(y >= 0 && y <= g->height);
}

/* The ring values of a radar: its texts with a halo. */
static size_t
ring_values(const struct chart_geom *g, double *y, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < g->n; i++)
		if (g->prims[i].kind == GEOM_TEXT &&
		    g->prims[i].u.text.halo > 0 && n < max)
			y[n++] = g->prims[i].u.text.y;
	return n;
}

/*
 * Ring values are never closer than a line of their text: in the small
 * frame every other ring is labelled, counting from the outermost (100,
 * 60, 20); in a tall one every ring.
 */
static void
test_ring_values(void **state)
{
	struct geom_measure m = { fixed_width, NULL };
	struct chart_geom g;
	struct chart *c;
	double y[16];
	size_t n, i;
	static const char tall[] = "kind: radar\nunit: score\nmax: 100\n"
	    "labels: [Skill, Talk, Team, Ideas]\nseries:\n"
	    "  - name: me\n    values: [75.8, 59.3, 72.3, 78]\n"
	    "height: 480\n";

	(void)state;
	c = parse(sizeof(sources) / sizeof(sources[0]) - 1);
	chart_geom(&g, c, &m);
	n = ring_values(&g, y, 16);
	assert_int_equal(n, 3);
	for (i = 0; i < g.n; i++)
		if (g.prims[i].kind == GEOM_TEXT && g.prims[i].u.text.halo > 0)
			break;
	assert_string_equal(g.prims[i].u.text.s, "20");
	assert_string_equal(g.prims[i + 1].u.text.s, "60");
	assert_string_equal(g.prims[i + 2].u.text.s, "100");
	for (i = 1; i < n; i++)
		assert_true(y[i - 1] - y[i] >= 12.0);
	chart_geom_free(&g);
	chart_free(c);

	c = chart_parse("g.md", 1, tall, strlen(tall));
	assert_non_null(c);
	chart_geom(&g, c, &m);
	n = ring_values(&g, y, 16);
	assert_int_equal(n, 5);
	for (i = 1; i < n; i++)
		assert_true(y[i - 1] - y[i] >= 12.0);
	chart_geom_free(&g);
	chart_free(c);
}

static void
test_every_kind(void **state)
{
	struct geom_measure m = { fixed_width, NULL };
	struct chart_geom g;
	const struct geom_prim *p;
	struct chart *c;
	size_t k, i, j;
	bool open;

	(void)state;
	for (k = 0; k < sizeof(sources) / sizeof(sources[0]); k++) {
		c = parse(k);
		chart_geom(&g, c, &m);
		assert_true(g.width == chart_geom_width(c));
		assert_true(g.height == chart_geom_height(c));
		assert_true(g.n > 0);
		open = false;
		for (i = 0; i < g.n; i++) {
			p = &g.prims[i];
			switch (p->kind) {
			case GEOM_GROUP:
				assert_false(open);	/* groups do not nest */
				assert_non_null(p->u.group.class);
				open = true;
				break;
			case GEOM_END:
				assert_true(open);
				open = false;
				break;
			case GEOM_TEXT:
				assert_non_null(p->u.text.s);
				assert_non_null(p->u.text.color);
				assert_true(p->u.text.size > 0);
				inside(&g, p->u.text.x, p->u.text.y);
				break;
			case GEOM_LINE:
				assert_non_null(p->u.line.stroke);
				inside(&g, p->u.line.x1, p->u.line.y1);
				inside(&g, p->u.line.x2, p->u.line.y2);
				break;
			case GEOM_RECT:
				assert_non_null(p->u.rect.fill);
				assert_true(p->u.rect.w >= 0 &&
				    p->u.rect.h >= 0);
				inside(&g, p->u.rect.x, p->u.rect.y);
				break;
			case GEOM_CIRCLE:
				inside(&g, p->u.circle.x, p->u.circle.y);
				break;
			case GEOM_POLYGON:
			case GEOM_POLYLINE:
				assert_true(p->u.poly.n > 0);
				for (j = 0; j < p->u.poly.n; j++)
					inside(&g, p->u.poly.xy[2 * j],
					    p->u.poly.xy[2 * j + 1]);
				break;
			}
		}
		assert_false(open);
		chart_geom_free(&g);
		assert_int_equal(g.n, 0);
		chart_free(c);
	}
}

static void
test_parts(void **state)
{
	struct geom_measure m = { fixed_width, NULL };
	struct chart_geom g;
	struct chart *c;
	size_t i, dashed = 0;

	(void)state;
	/* bar: a column per present value, a dashed target across */
	c = parse(0);
	chart_geom(&g, c, &m);
	assert_int_equal(count(&g, GEOM_RECT), 2);
	for (i = 0; i < g.n; i++)
		if (g.prims[i].kind == GEOM_LINE &&
		    g.prims[i].u.line.dash[0] > 0)
			dashed++;
	assert_int_equal(dashed, 2);	/* the target and its legend */
	chart_geom_free(&g);
	chart_free(c);

	/* line: the runs of present values, a point on each */
	c = parse(3);
	chart_geom(&g, c, &m);
	assert_int_equal(count(&g, GEOM_POLYLINE), 3);	/* 2 lines, 1 target */
	assert_int_equal(count(&g, GEOM_CIRCLE), 3);
	chart_geom_free(&g);
	chart_free(c);

	/* radar: rings, the area, the target */
	c = parse(4);
	chart_geom(&g, c, &m);
	assert_true(count(&g, GEOM_POLYGON) >= 3);
	assert_int_equal(count(&g, GEOM_CIRCLE), 5);
	chart_geom_free(&g);
	chart_free(c);

	/* distribution: the short frame */
	c = parse(5);
	chart_geom(&g, c, &m);
	assert_true(g.height == CHART_FRAME_DISTRIBUTION_HEIGHT);
	chart_geom_free(&g);
	chart_free(c);
}

/* A text primitive that says s exactly. */
static bool
has_text(const struct chart_geom *g, const char *s)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (g->prims[i].kind == GEOM_TEXT &&
		    strcmp(g->prims[i].u.text.s, s) == 0)
			return true;
	return false;
}

/*
 * The legend names every series, not only the target, once there is a
 * legend; a month with no value (null) gets no value label, only the
 * muted dash.
 */
static void
test_legend(void **state)
{
	static const char src[] = "kind: bar\nunit: money\n"
	    "labels: [Jan, Feb, Mar]\nseries:\n"
	    "  - name: Revenue\n    values: [null, 5, 7]\n"
	    "target: [4, 4, 4]\ntarget_name: Target\n";
	struct geom_measure m = { fixed_width, NULL };
	struct chart_geom g;
	struct chart *c;

	(void)state;
	c = chart_parse("g.md", 1, src, strlen(src));
	assert_non_null(c);
	chart_geom(&g, c, &m);
	assert_true(has_text(&g, "Target"));
	assert_true(has_text(&g, "Revenue"));
	assert_false(has_text(&g, "0.00"));
	chart_geom_free(&g);
	chart_free(c);
}

/* The measure decides: labels that do not fit a band are turned. */
static void
test_measure(void **state)
{
	double wide = 3;
	struct geom_measure narrow_m = { fixed_width, NULL };
	struct geom_measure wide_m = { fixed_width, &wide };
	struct chart_geom g;
	struct chart *c = parse(0);
	size_t i, turned;

	(void)state;
	chart_geom(&g, c, &narrow_m);
	for (i = 0, turned = 0; i < g.n; i++)
		turned += g.prims[i].kind == GEOM_TEXT &&
		    g.prims[i].u.text.rotate != 0;
	assert_int_equal(turned, 0);
	chart_geom_free(&g);

	chart_geom(&g, c, &wide_m);
	for (i = 0, turned = 0; i < g.n; i++)
		turned += g.prims[i].kind == GEOM_TEXT &&
		    g.prims[i].u.text.rotate != 0;
	assert_true(turned >= 3);	/* the category labels at least */
	chart_geom_free(&g);
	chart_free(c);
}

/*
 * compact: a value label too wide for its column is shortened, not
 * turned: 3,795,050 reads 380万 (three significant digits, 亿 above 10^8)
 * or 3.8M (trailing zeros dropped); ticks of 10,000 and more too; below
 * 10,000 and for percentages the plain form stays.
 */
static void
test_compact(void **state)
{
	static const char zh[] = "kind: bar\nunit: money\ncompact: wan\n"
	    "labels: [a, b, c, d, e, f, g, h, i, j, k, l]\n"
	    "values: [3795050, 4985220, 2679366, 2188528, 3821554, 3553749,"
	    " 3438044, 3750000, 2818670, 2629690, 3290762, 3642630]\n";
	static const char en[] = "kind: bar\nunit: money\n"
	    "compact: thousands\nlabels: [a]\nvalues: [3800000]\n";
	struct geom_measure m = { fixed_width, NULL };
	struct chart_geom g;
	struct chart *c;
	struct buf b = BUF_INIT;
	size_t i, turned = 0;

	(void)state;
	c = chart_parse("g.md", 1, zh, strlen(zh));
	assert_non_null(c);
	assert_int_equal(c->compact, CHART_COMPACT_WAN);
	chart_format_compact(&b, c, 3795050);
	assert_string_equal(buf_str(&b), "380\xe4\xb8\x87");	/* 380万 */
	buf_reset(&b);
	chart_format_compact(&b, c, 52000);
	assert_string_equal(buf_str(&b), "5.2\xe4\xb8\x87");	/* 5.2万 */
	buf_reset(&b);
	chart_format_compact(&b, c, 123456789);
	assert_string_equal(buf_str(&b), "1.23\xe4\xba\xbf");	/* 1.23亿 */
	buf_reset(&b);
	chart_format_compact(&b, c, -250000);
	assert_string_equal(buf_str(&b), "-25\xe4\xb8\x87");
	buf_reset(&b);
	chart_format_compact(&b, c, 9999);
	assert_string_equal(buf_str(&b), "9,999");
	buf_reset(&b);
	chart_geom(&g, c, &m);
	for (i = 0; i < g.n; i++)
		turned += g.prims[i].kind == GEOM_TEXT &&
		    g.prims[i].u.text.rotate != 0;
	assert_int_equal(turned, 0);
	assert_true(has_text(&g, "499\xe4\xb8\x87"));	/* 4,985,220 */
	assert_false(has_text(&g, "4,985,220"));
	/* one form in one chart: the narrower ones are compact too */
	assert_true(has_text(&g, "219\xe4\xb8\x87"));	/* 2,188,528 */
	assert_false(has_text(&g, "2,188,528"));
	chart_geom_free(&g);
	chart_free(c);

	c = chart_parse("g.md", 1, en, strlen(en));
	assert_non_null(c);
	chart_format_compact(&b, c, 3800000);
	assert_string_equal(buf_str(&b), "3.8M");
	buf_reset(&b);
	chart_format_compact(&b, c, 5000000);
	assert_string_equal(buf_str(&b), "5M");
	buf_reset(&b);
	chart_format_compact(&b, c, 1250);
	assert_string_equal(buf_str(&b), "1.25K");
	buf_reset(&b);
	chart_format_compact(&b, c, 2.5e9);
	assert_string_equal(buf_str(&b), "2.5B");
	buf_free(&b);
	chart_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind),
		cmocka_unit_test(test_ring_values),
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_legend),
		cmocka_unit_test(test_measure),
		cmocka_unit_test(test_compact),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
