/*
 * Unit tests for the template data of a computed period,
 * generator/view/view.c (docs/templates.md, "What the report templates
 * see"): a small workspace is written into ws/ of a scratch folder, read
 * with a sales sink the way jobs/report.c reads it, March 2026 is
 * computed, and the data of a person, of the company and the locale's
 * formats are checked in both locales.  The data is read the way a
 * template reads it: through Mustache names, rendered without escaping.
 *
 * The workspace, and the numbers worked out by hand from it:
 *
 *   A1 Alice, hired 2024-02-01; B1 Bo, managed by A1; both sales in T1,
 *   whose only KPI is revenue (weight 1, the default cap 1.5).
 *   March sales: A1 1,200,000.00 (C1) + 34,000.00 (C2) = 1,234,000.00;
 *   B1 999.99 (C3).  Nothing sold before March.
 *   A1's March target 1,000,000.00; B1 has none.
 *
 *   A1: attainment 1,234,000 / 1,000,000 = 1.234 -> "123.4%"; KPI points
 *   100 x 1.234 x 1 = 123.40 = the KPI score = the composite (no
 *   reviews) -> tier S (min 100, x1.5, honor Star); rank 1 of 2.
 *   Average order 1,234,000 / 2 = 617,000.00.
 *   Commission (gate 0.5, brackets 0-1 at 1%, 1- at 3%, no cap):
 *   0.01 x 1,000,000 = 10,000.00; 0.03 x (1,234,000 - 1,000,000) =
 *   0.03 x 234,000 = 7,020.00; together 17,020.00; x1.5 = 25,530.00.
 *   Pace: February sold nothing, so no growth (shown "—"); year to date
 *   1,234,000.00 over 3 months -> run rate 1,234,000 / 3 x 12 =
 *   4,936,000.00.
 *
 *   B1: revenue 999.99, no target: no attainment, no points, no KPI
 *   score, no composite, no tier, no commission ("no revenue target").
 *
 *   Company: 1,234,000.00 + 999.99 = 1,234,999.99; zh-CN shortens it in
 *   万 (10,000 yuan): 123.4999999 -> "¥123.50万"; en does not.  Its
 *   target, with no row of its own, is the sum of its members' targets:
 *   1,000,000.00 (docs/computation.md, "Targets").
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compute/compute.h"
#include "input/values.h"
#include "input/workspace.h"
#include "tmpl/mustache.h"
#include "tmpl/templates.h"
#include "util/buf.h"
#include "util/diag.h"
#include "view/locale.h"
#include "view/view.h"

#include "scratch.h"

/* The built-in templates of the source tree (tests run from its top). */
static char templates_dir[PATH_MAX];

/* ------------------------------------------------------------ helpers */

struct fx {
	struct workspace	 ws;
	struct period		 window;
	struct sales_agg	 agg;
	bool			 started;
	struct period_result	 res;
	bool			 has_res;
	struct locale		 loc;
	bool			 has_loc;
	struct view_context	 ctx;
	struct tmpl_value	*data;
};

/* Freed by the teardown even when an assertion leaves a test early. */
static struct fx *live;

static void
fx_begin(void *arg, const struct workspace *ws)
{
	struct fx *f = arg;

	sales_agg_init(&f->agg, ws->people, ws->npeople, ws->nteams,
	    &f->window);
	f->started = true;
}

static void
fx_row(void *arg, const struct sale *s)
{
	sales_agg_row(&((struct fx *)arg)->agg, s);
}

static void
write_workspace(void)
{
	scratch_text("ws/policy.yaml",
	    "tiers:\n"
	    "  - {name: S, min_score: 100, multiplier: 1.5, honor: Star}\n"
	    "  - {name: D, min_score: 0, multiplier: 0}\n"
	    "roles:\n"
	    "  sales: {revenue: 1.0}\n"
	    "commission:\n"
	    "  gate: 0.5\n"
	    "  cap: null\n"
	    "  brackets:\n"
	    "    - {from: 0, to: 1, rate: 0.01}\n"
	    "    - {from: 1, rate: 0.03}\n");
	scratch_text("ws/team.csv",
	    "rep_id,name,team,role,manager_id,hire_date,leave_date\n"
	    "A1,Alice,T1,sales,,2024-02-01,\n"
	    "B1,Bo,T1,sales,A1,,\n");
	scratch_text("ws/sales.csv",
	    "date,rep_id,customer_id,amount,order_id\n"
	    "2026-03-10,A1,C1,\"1,200,000.00\",O1\n"
	    "2026-03-15,B1,C3,999.99,O3\n"
	    "2026-03-20,A1,C2,34000.00,O2\n");
	scratch_text("ws/targets.csv",
	    "period,scope,id,kpi,target\n"
	    "2026-03,rep,A1,revenue,\"1,000,000.00\"\n");
}

/*
 * The second workspace, for the explanations of a decision near a line:
 * six people in T1, revenue the only KPI (cap 1.5), each with a March
 * target of 100,000.00, no reviews; tiers S (min 100, max_share 0.2),
 * A (min 90, max_share 0.2), B (min 0); gate 0.8, alert_below 0.8.
 *
 *   revenue    P1 130,000  P2 120,000  P3 110,000  P4 89,996
 *              P5 79,990   P6 50,000
 *   composite  = 100 x attainment: 130, 120, 110, 89.996, 79.99, 50.
 *   N = 6; room S = room A = floor(0.2 x 6 + 0.5) = floor(1.7) = 1.
 *   P1 takes S; P2 reaches S, full, takes A; P3 reaches S, full, A full
 *   too: B, passing over S and A, each with 0.2 x 6 = 1.2 -> 1 place.
 *   P4's 89.996 would round to "90.00", A's line: shown "89.996" (two
 *   more decimals, 89.9960 truncated, its trailing zero dropped).
 *   P5's attainment 0.7999 would round to "80.0%", the gate and the
 *   alert line: shown "79.99%" (79.990 truncated, zero dropped).
 */
static void
write_forced(void)
{
	scratch_text("ws/policy.yaml",
	    "tiers:\n"
	    "  - {name: S, min_score: 100, max_share: 0.2, multiplier: 1.2}\n"
	    "  - {name: A, min_score: 90, max_share: 0.2, multiplier: 1.1}\n"
	    "  - {name: B, min_score: 0, multiplier: 1}\n"
	    "roles:\n"
	    "  sales: {revenue: 1.0}\n"
	    "alert_below: 0.8\n"
	    "commission:\n"
	    "  gate: 0.8\n"
	    "  cap: null\n"
	    "  brackets:\n"
	    "    - {from: 0, rate: 0.01}\n");
	scratch_text("ws/team.csv",
	    "rep_id,name,team,role,manager_id,hire_date,leave_date\n"
	    "P1,Pa,T1,sales,,,\n"
	    "P2,Pb,T1,sales,,,\n"
	    "P3,Pc,T1,sales,,,\n"
	    "P4,Pd,T1,sales,,,\n"
	    "P5,Pe,T1,sales,,,\n"
	    "P6,Pf,T1,sales,,,\n");
	scratch_text("ws/sales.csv",
	    "date,rep_id,customer_id,amount,order_id\n"
	    "2026-03-10,P1,C1,130000.00,O1\n"
	    "2026-03-10,P2,C2,120000.00,O2\n"
	    "2026-03-10,P3,C3,110000.00,O3\n"
	    "2026-03-10,P4,C4,89996.00,O4\n"
	    "2026-03-10,P5,C5,79990.00,O5\n"
	    "2026-03-10,P6,C6,50000.00,O6\n");
	scratch_text("ws/targets.csv",
	    "period,scope,id,kpi,target\n"
	    "2026-03,rep,P1,revenue,100000\n"
	    "2026-03,rep,P2,revenue,100000\n"
	    "2026-03,rep,P3,revenue,100000\n"
	    "2026-03,rep,P4,revenue,100000\n"
	    "2026-03,rep,P5,revenue,100000\n"
	    "2026-03,rep,P6,revenue,100000\n");
}

static struct fx *fx_load_with(const char *, void (*)(void));

/* The period fx_load_with computes; a test may set another. */
static const char *fx_period = "2026-03";

/*
 * The third workspace, for a role's own plan: S1 (sales) and M1
 * (manager), one tier B (multiplier 1), revenue the only KPI; the
 * company plan gate 0.5, 1 % from 0, cap 100.00 a month; the manager's
 * plan (commission_by_role) gate 0.8, the rest the company's.
 *   S1 sells 20,000.00 in each of Jan, Feb, Mar against 10,000.00 a
 *   month: a month pays 1 % x 20,000.00 = 200.00, capped at 100.00;
 *   the quarter 1 % x 60,000.00 = 600.00, capped at 3 x 100.00 = 300.00.
 *   M1 sells 7,000.00 in March against 10,000.00: 70 %, above the
 *   company's gate of 50 % but below the manager's 80 %: nothing, and
 *   the statement names the 80 % gate.
 */
static void
write_role_plan(void)
{
	scratch_text("ws/policy.yaml",
	    "tiers:\n"
	    "  - {name: B, min_score: 0, multiplier: 1}\n"
	    "roles:\n"
	    "  sales: {revenue: 1.0}\n"
	    "  manager: {revenue: 1.0}\n"
	    "commission:\n"
	    "  gate: 0.5\n"
	    "  cap: 100.00\n"
	    "  brackets:\n"
	    "    - {from: 0, rate: 0.01}\n"
	    "commission_by_role:\n"
	    "  manager: {gate: 0.8}\n");
	scratch_text("ws/team.csv",
	    "rep_id,name,team,role,manager_id,hire_date,leave_date\n"
	    "M1,Ma,T1,manager,,,\n"
	    "S1,Sa,T1,sales,M1,,\n");
	scratch_text("ws/sales.csv",
	    "date,rep_id,customer_id,amount,order_id\n"
	    "2026-01-10,S1,C1,20000.00,O1\n"
	    "2026-02-10,S1,C1,20000.00,O2\n"
	    "2026-03-10,S1,C1,20000.00,O3\n"
	    "2026-03-12,M1,C2,7000.00,O4\n");
	scratch_text("ws/targets.csv",
	    "period,scope,id,kpi,target\n"
	    "2026-01,rep,S1,revenue,10000\n"
	    "2026-02,rep,S1,revenue,10000\n"
	    "2026-03,rep,S1,revenue,10000\n"
	    "2026-03,rep,M1,revenue,10000\n");
}

/* Reads ws/, computes March 2026 and loads the locale lang. */
static struct fx *
fx_load(const char *lang)
{
	return fx_load_with(lang, write_workspace);
}

static struct fx *
fx_load_with(const char *lang, void (*write)(void))
{
	struct fx *f = calloc(1, sizeof(*f));
	struct sales_sink sink = { fx_begin, fx_row, NULL, 1, 0, NULL };
	struct period march;

	assert_non_null(f);
	live = f;
	write();
	assert_null(parse_period("2026", 4, &f->window));
	assert_null(parse_period(fx_period, strlen(fx_period), &march));
	sink.arg = f;
	diag_reset();
	diag_set_quiet_notes(true);
	if (workspace_read(&f->ws, "ws", false, true, true, &sink) != 0)
		fail_msg("workspace_read refused the test workspace");
	assert_true(f->started);
	sales_agg_finish(&f->agg);
	compute_period(&f->ws, &f->agg, &march, &f->res);
	f->has_res = true;
	templates_set_user_dir(templates_dir);
	assert_int_equal(locale_load(&f->loc, lang), 0);
	f->has_loc = true;
	f->ctx.ws = &f->ws;
	f->ctx.res = &f->res;
	f->ctx.agg = &f->agg;
	f->ctx.loc = &f->loc;
	f->ctx.generated = "2026-04-01";
	view_index(&f->ctx);
	return f;
}

static size_t
person(const struct fx *f, const char *rep_id)
{
	size_t i;

	for (i = 0; i < f->ws.npeople; i++)
		if (strcmp(f->ws.people[i].rep_id, rep_id) == 0)
			return i;
	fail_msg("no person %s", rep_id);
	return 0;
}

static void
fx_free(struct fx *f)
{
	if (f->data != NULL)
		tmpl_value_free(f->data);
	view_index_free(&f->ctx);
	if (f->has_loc)
		locale_free(&f->loc);
	if (f->has_res)
		period_result_free(&f->res);
	if (f->started)
		sales_agg_free(&f->agg);
	workspace_free(&f->ws);
	free(f);
	if (live == f)
		live = NULL;
}

static int
setup(void **state)
{
	live = NULL;
	return scratch_setup(state);
}

static int
teardown(void **state)
{
	if (live != NULL)
		fx_free(live);
	return scratch_teardown(state);
}

/*
 * What a template sees: text rendered with the data as its root, no
 * escaping.  The returned text lives until the next call.
 */
static const char *
see(const struct tmpl_value *data, const char *text)
{
	static struct buf out = BUF_INIT;
	struct tmpl *t;

	t = tmpl_compile("test", text, strlen(text), NULL, TMPL_ESCAPE_NONE);
	assert_non_null(t);
	buf_reset(&out);
	assert_int_equal(tmpl_render(t, data, &out), 0);
	tmpl_free(t);
	return buf_str(&out);
}

/* The text of a string at a dotted path of maps, or NULL when absent. */
static const char *
text_at(const struct tmpl_value *v, const char *path)
{
	char key[64];
	const char *dot;
	size_t n;

	while (v != NULL && *path != '\0') {
		dot = strchr(path, '.');
		n = dot != NULL ? (size_t)(dot - path) : strlen(path);
		assert_true(n < sizeof(key));
		memcpy(key, path, n);
		key[n] = '\0';
		v = tmpl_map_get(v, key);
		path += n + (dot != NULL);
	}
	if (v == NULL)
		return NULL;
	assert_int_equal(tmpl_value_type(v), TMPL_STRING);
	return tmpl_string(v);
}

/* The way the report templates write a value that may be missing. */
#define OR_NONE(k)	"{{" k "}}{{^" k "}}{{t.none}}{{/" k "}}"

/* -------------------------------------------------------------- a person */

static void
person_zh(void **state)
{
	struct fx *f;
	const struct tmpl_value *d;

	(void)state;
	f = fx_load("zh-CN");
	d = f->data = view_person(&f->ctx, person(f, "A1"));

	assert_string_equal(text_at(d, "lang"), "zh-CN");
	assert_string_equal(text_at(d, "period.code"), "2026-03");
	assert_string_equal(text_at(d, "period.label"), "2026年3月");
	assert_string_equal(see(d, "{{#period.is_month}}month{{/period."
	    "is_month}}{{#period.is_quarter}}quarter{{/period.is_quarter}}"),
	    "month");
	assert_string_equal(text_at(d, "generated"), "2026-04-01");

	assert_string_equal(see(d, "{{person.rep_id}} {{person.name}} "
	    "{{person.team}} {{person.role}} {{person.hire_date}}"),
	    "A1 Alice T1 sales 2024年2月1日");
	assert_null(text_at(d, "person.manager"));
	assert_null(text_at(d, "person.leave_date"));

	/* money: the currency, thousands separated, two decimals */
	assert_string_equal(text_at(d, "revenue.actual"), "¥1,234,000.00");
	assert_string_equal(text_at(d, "revenue.target"), "¥1,000,000.00");
	assert_string_equal(text_at(d, "revenue.attainment_pct"), "123.4%");
	assert_string_equal(text_at(d, "revenue.attainment_bar"), "1.234");
	assert_string_equal(text_at(d, "orders"), "2");
	assert_string_equal(text_at(d, "active_customers"), "2");
	assert_string_equal(text_at(d, "avg_order_value"), "¥617,000.00");

	/* the KPI table, one row */
	assert_string_equal(see(d, "{{#kpis}}{{key}}|{{label}}|{{actual}}|"
	    "{{target}}|{{attainment_pct}}|{{points}}|{{weight}}|{{cap_pct}}|"
	    "{{capped}};{{/kpis}}"),
	    "revenue|收入|¥1,234,000.00|¥1,000,000.00|123.4%|123.40|1.00|"
	    "150.0%|false;");
	assert_string_equal(text_at(d, "kpi_score"), "123.40");
	assert_string_equal(text_at(d, "composite.score"), "123.40");

	/* the tier and the ranks */
	assert_string_equal(see(d, "{{tier.name}} {{tier.honor}} "
	    "x{{tier.multiplier}}{{#tier.reached}}!{{/tier.reached}}"),
	    "S Star x1.5");
	assert_string_equal(text_at(d, "rank_company"), "1");
	assert_string_equal(text_at(d, "rank_team"), "1");

	/* commission, step by step */
	assert_string_equal(see(d, "{{#commission}}{{has}} {{revenue}} "
	    "{{target}} {{attainment_pct}} gate {{gate_pct}}{{/commission}}"),
	    "true ¥1,234,000.00 ¥1,000,000.00 123.4% gate 50%");
	assert_string_equal(see(d, "{{#commission.slices}}{{from_pct}}-"
	    "{{to_pct}} at {{rate_pct}} of {{base}} = {{amount}}; "
	    "{{/commission.slices}}"),
	    "0%-100% at 1% of ¥1,000,000.00 = ¥10,000.00; "
	    "100%- at 3% of ¥234,000.00 = ¥7,020.00; ");
	assert_string_equal(text_at(d, "commission.before_multiplier"),
	    "¥17,020.00");
	assert_string_equal(text_at(d, "commission.multiplier"), "1.5");
	assert_string_equal(text_at(d, "commission.after_multiplier"),
	    "¥25,530.00");
	assert_string_equal(text_at(d, "commission.amount"), "¥25,530.00");
	assert_null(text_at(d, "commission.cap"));	/* cap: null */
	/* settlement: a month pays its commission, nothing is due; March
	 * ends Q1, whose commission equals March's (nothing sold before) */
	assert_string_equal(see(d, "{{#commission}}{{paid}} {{due}} {{ytd}} "
	    "{{deduction}} {{reconciles}} {{floored}}{{/commission}}"),
	    "¥25,530.00 ¥0.00 ¥25,530.00 false true false");
	assert_string_equal(see(d, "{{measured_on}} {{team_measured}}"),
	    "self false");

	/* pace: no growth over an empty February is a missing value */
	assert_null(text_at(d, "pace.growth_prev_pct"));
	assert_string_equal(text_at(d, "t.none"), "—");
	assert_string_equal(see(d, OR_NONE("pace.growth_prev_pct")), "—");
	assert_string_equal(text_at(d, "pace.prev_revenue"), "¥0.00");
	assert_string_equal(text_at(d, "pace.ytd"), "¥1,234,000.00");
	assert_string_equal(text_at(d, "pace.elapsed_months"), "3");
	assert_string_equal(text_at(d, "pace.run_rate"), "¥4,936,000.00");
	assert_null(text_at(d, "pace.year_target"));
}

static void
person_missing_zh(void **state)
{
	struct fx *f;
	const struct tmpl_value *d;

	(void)state;
	f = fx_load("zh-CN");
	d = f->data = view_person(&f->ctx, person(f, "B1"));

	assert_string_equal(text_at(d, "person.manager"), "Alice");
	assert_null(text_at(d, "person.hire_date"));
	assert_string_equal(text_at(d, "revenue.actual"), "¥999.99");
	/* no target: target, attainment and its bar are left out, and a
	 * template writes the locale's "—" for them */
	assert_null(text_at(d, "revenue.target"));
	assert_null(text_at(d, "revenue.attainment_pct"));
	assert_null(text_at(d, "revenue.attainment_bar"));
	assert_string_equal(see(d, OR_NONE("revenue.target") " "
	    OR_NONE("revenue.attainment_pct")), "— —");
	assert_string_equal(see(d, "{{#kpis}}" OR_NONE("actual") "|"
	    OR_NONE("target") "|" OR_NONE("attainment_pct") "|"
	    OR_NONE("points") "{{/kpis}}"), "¥999.99|—|—|—");
	assert_null(text_at(d, "kpi_score"));
	assert_null(tmpl_map_get(d, "composite"));
	assert_null(tmpl_map_get(d, "tier"));
	assert_null(text_at(d, "rank_company"));
	assert_string_equal(see(d, "{{#commission}}{{has}} {{reason}}"
	    "{{/commission}}"), "false 没有收入目标");
	/* no commission: paid, due and year to date are 0.00, nothing
	 * reconciles */
	assert_string_equal(see(d, "{{#commission}}{{paid}} {{due}} {{ytd}} "
	    "{{reconciles}}{{/commission}}"), "¥0.00 ¥0.00 ¥0.00 false");
}

static void
person_en(void **state)
{
	struct fx *f;
	const struct tmpl_value *d;

	(void)state;
	f = fx_load("en");
	d = f->data = view_person(&f->ctx, person(f, "A1"));

	assert_string_equal(text_at(d, "lang"), "en");
	assert_string_equal(text_at(d, "period.label"), "Mar 2026");
	assert_string_equal(text_at(d, "person.hire_date"), "1 Feb 2024");
	/* the same money; percentages as "{n} %" */
	assert_string_equal(text_at(d, "revenue.actual"), "¥1,234,000.00");
	assert_string_equal(text_at(d, "revenue.attainment_pct"), "123.4 %");
	assert_string_equal(see(d, "{{#kpis}}{{label}}|{{attainment_pct}}|"
	    "{{cap_pct}}{{/kpis}}"), "Revenue|123.4 %|150.0 %");
	assert_string_equal(text_at(d, "commission.gate_pct"), "50 %");
	assert_string_equal(see(d, "{{#commission.slices}}{{rate_pct}} "
	    "{{/commission.slices}}"), "1 % 3 % ");
	assert_string_equal(text_at(d, "commission.amount"), "¥25,530.00");
	assert_string_equal(text_at(d, "tier.name"), "S");
	assert_string_equal(text_at(d, "t.none"), "—");
	assert_string_equal(see(d, OR_NONE("pace.growth_year_pct")), "—");
}

/* ------------------------------------------------------------ the company */

static void
company_zh(void **state)
{
	struct fx *f;
	const struct tmpl_value *d;

	(void)state;
	f = fx_load("zh-CN");
	d = f->data = view_company(&f->ctx);

	assert_string_equal(text_at(d, "company.members"), "2");
	assert_string_equal(text_at(d, "company.revenue"), "¥1,234,999.99");
	assert_string_equal(text_at(d, "company.revenue_short"), "¥123.50万");
	assert_string_equal(text_at(d, "company.orders"), "3");
	/* no company or team row: the sum of the members' targets (A1's
	 * only); 1,234,999.99 / 1,000,000 = 1.23499999 -> "123.5%" */
	assert_string_equal(text_at(d, "company.target"), "¥1,000,000.00");
	assert_string_equal(text_at(d, "company.attainment_pct"), "123.5%");
	assert_null(tmpl_map_get(tmpl_map_get(d, "company"), "target_gap"));
	assert_string_equal(see(d, "{{#teams}}{{id}} {{members}} {{revenue}}"
	    ";{{/teams}}"), "T1 2 ¥1,234,999.99;");
	/* ranked: A1 with its composite first, B1 without one last */
	assert_string_equal(see(d, "{{#top}}{{rank}} {{rep_id}} "
	    OR_NONE("attainment_pct") " " OR_NONE("composite") " "
	    OR_NONE("tier") " {{commission}};{{/top}}"),
	    "1 A1 123.4% 123.40 S ¥25,530.00;"
	    "2 B1 — — — ¥0.00;");
	assert_string_equal(text_at(d, "top_n"), "10");
	/* the honour list: A1's tier S has the honour Star; B1 no tier */
	assert_string_equal(see(d, "{{has_honors}} {{#honors}}{{honor}} "
	    "{{rep_id}} {{name}} {{tier}} {{composite}};{{/honors}}"),
	    "true Star A1 Alice S 123.40;");
}

static void
company_en(void **state)
{
	struct fx *f;
	const struct tmpl_value *d;

	(void)state;
	f = fx_load("en");
	d = f->data = view_company(&f->ctx);

	/* no 万 in English: the amount in full */
	assert_string_equal(text_at(d, "company.revenue_short"),
	    "¥1,234,999.99");
	assert_string_equal(text_at(d, "period.label"), "Mar 2026");
}

/* ------------------------------------------------ decisions near a line */

static void
tier_passed_over(void **state)
{
	struct fx *f;
	const struct tmpl_value *d;

	(void)state;
	f = fx_load_with("zh-CN", write_forced);
	d = f->data = view_person(&f->ctx, person(f, "P3"));
	assert_string_equal(text_at(d, "tier.name"), "B");
	assert_string_equal(text_at(d, "tier.reached"), "S");
	assert_string_equal(see(d, "{{#tier.passed}}{{name}} {{share_pct}} x "
	    "{{n}} = {{product}} -> {{room}};{{/tier.passed}}"),
	    "S 20% x 6 = 1.2 -> 1;A 20% x 6 = 1.2 -> 1;");
	tmpl_value_free(f->data);
	/* P2 passed over S only */
	d = f->data = view_person(&f->ctx, person(f, "P2"));
	assert_string_equal(text_at(d, "tier.name"), "A");
	assert_string_equal(see(d, "{{#tier.passed}}{{name}};"
	    "{{/tier.passed}}"), "S;");
}

static void
near_lines(void **state)
{
	struct fx *f;
	const struct tmpl_value *d;

	(void)state;
	f = fx_load_with("zh-CN", write_forced);
	d = f->data = view_person(&f->ctx, person(f, "P4"));
	assert_string_equal(text_at(d, "composite.score"), "89.996");
	tmpl_value_free(f->data);
	d = f->data = view_person(&f->ctx, person(f, "P5"));
	assert_string_equal(text_at(d, "composite.score"), "79.99");
	assert_string_equal(text_at(d, "commission.attainment_pct"),
	    "79.99%");
	assert_string_equal(text_at(d, "commission.gate_pct"), "80%");
	tmpl_value_free(f->data);
	/* away from a line: one decimal as always (130.0%) */
	d = f->data = view_person(&f->ctx, person(f, "P1"));
	assert_string_equal(text_at(d, "commission.attainment_pct"),
	    "130.0%");
	assert_string_equal(text_at(d, "composite.score"), "130.00");
	tmpl_value_free(f->data);
	d = f->data = view_company(&f->ctx);
	assert_string_equal(see(d, "{{#needs_plan}}{{rep_id}} "
	    "{{attainment_pct}};{{/needs_plan}}"), "P5 79.99%;P6 50.0%;");
	assert_string_equal(see(d, "{{#top}}{{rep_id}} {{composite}};"
	    "{{/top}}"), "P1 130.00;P2 120.00;P3 110.00;P4 89.996;"
	    "P5 79.99;P6 50.00;");
}

/*
 * The trend chart: A1 sold nothing and had no target from April 2025 to
 * February 2026, so those 11 months have no data (null: no bar, no value
 * label); March is 1,234,000.00.  The revenue series is named, for the
 * legend next to the target.
 */
static void
trend_no_data(void **state)
{
	struct fx *f;
	const struct tmpl_value *d;
	const char *y;

	(void)state;
	f = fx_load("en");
	d = f->data = view_person(&f->ctx, person(f, "A1"));
	y = text_at(d, "charts.trend");
	assert_non_null(strstr(y, "name: \"Revenue\"\n    values: [null, "
	    "null, null, null, null, null, null, null, null, null, null, "
	    "1234000.00]"));
	assert_null(strstr(y, "0.00,"));
}

/* A role's plan and the quarter's cap on the statement (write_role_plan). */
static void
role_plan_and_quarter_cap(void **state)
{
	struct fx *f;
	const struct tmpl_value *d;

	(void)state;
	f = fx_load_with("en", write_role_plan);
	d = f->data = view_person(&f->ctx, person(f, "M1"));
	assert_string_equal(text_at(d, "commission.gate_pct"), "80 %");
	assert_string_equal(text_at(d, "commission.attainment_pct"), "70.0 %");
	assert_string_equal(see(d, "{{#commission.below_gate}}below"
	    "{{/commission.below_gate}}"), "below");
	tmpl_value_free(f->data);
	d = f->data = view_person(&f->ctx, person(f, "S1"));
	assert_string_equal(text_at(d, "commission.gate_pct"), "50 %");
	assert_string_equal(text_at(d, "commission.cap"), "\xc2\xa5" "100.00");
	assert_string_equal(text_at(d, "commission.amount"),
	    "\xc2\xa5" "100.00");
	fx_free(f);

	fx_period = "2026-Q1";
	f = fx_load_with("en", write_role_plan);
	fx_period = "2026-03";
	d = f->data = view_person(&f->ctx, person(f, "S1"));
	assert_string_equal(text_at(d, "commission.cap"), "\xc2\xa5" "300.00");
	assert_string_equal(text_at(d, "commission.amount"),
	    "\xc2\xa5" "300.00");
	assert_string_equal(see(d, "{{#commission.capped}}capped"
	    "{{/commission.capped}}"), "capped");
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(person_zh),
		T(person_missing_zh),
		T(person_en),
		T(company_zh),
		T(company_en),
		T(tier_passed_over),
		T(near_lines),
		T(trend_no_data),
		T(role_plan_and_quarter_cap),
	};

	if (getcwd(templates_dir, sizeof(templates_dir) - 16) == NULL)
		return 1;
	strcat(templates_dir, "/templates");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
