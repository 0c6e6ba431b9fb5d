/*
 * Unit tests for the limit on money (generator/model/money.h): totals
 * beyond it are listed as problems of the period instead of wrapping, a
 * money KPI from metrics.csv is exact to the cent, the policy limits that
 * keep commission exact, and the formatting of values past 64 bits.  Every
 * expectation is worked out by hand and written as a literal.
 *
 * The limit is 10^15 yuan = 10^17 cents: a total must lie strictly
 * between -10^17 and 10^17 cents (999999999999999.99 is the largest).
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
#include <sysexits.h>
#include <unistd.h>

#include "compute/compute.h"
#include "input/policy.h"
#include "input/values.h"
#include "input/workspace.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/numfmt.h"

#define TEAM_HDR	"rep_id,name,team,role,manager_id,hire_date,leave_date\n"
#define SALES_HDR	"date,rep_id,customer_id,amount,order_id\n"
#define TARGETS_HDR	"period,scope,id,kpi,target\n"
#define METRICS_HDR	"period,rep_id,kpi,value\n"

/* ------------------------------------------------------------ helpers */

#include "compute_fixture.h"

/* Whether the period lists this problem; owner NULL for the company. */
static bool
has_problem(const struct fx *f, enum money_total total, const char *kpi,
    enum target_scope scope, const char *owner, const char *period)
{
	struct period p = per(period);
	size_t i, o = scope == TARGET_REP ? pidx(f, owner) :
	    scope == TARGET_TEAM ? tidx(f, owner) : NONE;

	for (i = 0; i < f->res.nproblems; i++) {
		const struct money_problem *m = &f->res.problems[i];

		if (m->total == total && m->scope == scope && m->owner == o &&
		    m->kpi == policy_kpi(&f->ws.policy, kpi) &&
		    period_equal(&m->period, &p))
			return true;
	}
	return false;
}

/* ------------------------------------------------------- sales totals */

static void
test_revenue_month_at_the_limit(void **state)
{
	struct fx *f = fx_load("2026-10",
	    "team.csv", TEAM_HDR "A1,A1,T1,sales,,,\nB1,B1,T1,sales,,,\n",
	    "sales.csv", SALES_HDR
	    "2026-10-01,A1,C1,500000000000000.00,O1\n"
	    "2026-10-02,A1,C2,500000000000000.00,O2\n"
	    "2026-10-03,B1,C3,999999999999999.99,O3\n",
	    (char *)NULL);

	(void)state;
	fx_compute(f, "2026-10");
	/* A1: 2 x 5 x 10^16 = 10^17 cents, the limit itself: refused, for
	 * the month and for January to October (the same sum) */
	assert_true(has_problem(f, TOTAL_ACTUAL, "revenue", TARGET_REP, "A1",
	    "2026-10"));
	assert_true(has_problem(f, TOTAL_YEAR_TO_DATE, "revenue", TARGET_REP,
	    "A1", "2026-10"));
	/* B1: 10^17 - 1 cents, exact; the team adds A1 as 0 (reported
	 * once), so only A1's two totals are listed */
	assert_int_equal(f->res.people[pidx(f, "B1")].revenue_cents,
	    99999999999999999LL);
	assert_int_equal(f->res.teams[tidx(f, "T1")].revenue_cents,
	    99999999999999999LL);
	assert_int_equal(f->res.nproblems, 2);
	fx_free(f);
}

static void
test_revenue_quarter_and_year_to_date(void **state)
{
	struct fx *f = fx_load("2026-Q3",
	    "team.csv", TEAM_HDR "A1,A1,T1,sales,,,\n",
	    "sales.csv", SALES_HDR
	    "2026-07-01,A1,C1,600000000000000.00,O1\n"
	    "2026-08-01,A1,C2,600000000000000.00,O2\n",
	    (char *)NULL);

	(void)state;
	/* each month 6 x 10^16 cents fits; July: year to date = July */
	fx_compute(f, "2026-07");
	assert_int_equal(f->res.nproblems, 0);
	assert_int_equal(f->res.people[0].revenue_cents, 60000000000000000LL);
	/* the quarter: 1.2 x 10^17 cents, beyond; so is January-September */
	fx_compute(f, "2026-Q3");
	assert_true(has_problem(f, TOTAL_ACTUAL, "revenue", TARGET_REP, "A1",
	    "2026-Q3"));
	assert_true(has_problem(f, TOTAL_YEAR_TO_DATE, "revenue", TARGET_REP,
	    "A1", "2026-Q3"));
	assert_int_equal(f->res.nproblems, 2);
	/* September: the month is 0, the year to date is beyond */
	fx_compute(f, "2026-09");
	assert_true(has_problem(f, TOTAL_YEAR_TO_DATE, "revenue", TARGET_REP,
	    "A1", "2026-09"));
	assert_int_equal(f->res.nproblems, 1);
	fx_free(f);
}

static void
test_company_month_of_the_trend(void **state)
{
	struct fx *f = fx_load("2026-10",
	    "team.csv", TEAM_HDR "A1,A1,T1,sales,,,\nB1,B1,T2,sales,,,\n",
	    "sales.csv", SALES_HDR
	    "2026-05-10,A1,C1,600000000000000.00,O1\n"
	    "2026-05-10,B1,C2,600000000000000.00,O2\n"
	    "2026-10-10,B1,C3,100.00,O3\n",
	    (char *)NULL);

	(void)state;
	/* October's trend shows May: each team 6 x 10^16 cents, the company
	 * 1.2 x 10^17, beyond; nothing else is */
	fx_compute(f, "2026-10");
	assert_true(has_problem(f, TOTAL_ACTUAL, "revenue", TARGET_COMPANY,
	    NULL, "2026-05"));
	assert_int_equal(f->res.nproblems, 1);
	assert_int_equal(f->res.teams[tidx(f, "T1")].trend.revenue_cents[6],
	    60000000000000000LL);	/* May is the 7th of Nov-Oct */
	assert_int_equal(f->res.teams[tidx(f, "T2")].trend.revenue_cents[11],
	    10000);
	assert_int_equal(f->res.company.trend.revenue_cents[11], 10000);
	/* May itself: the company's revenue, once */
	fx_compute(f, "2026-05");
	assert_true(has_problem(f, TOTAL_ACTUAL, "revenue", TARGET_COMPANY,
	    NULL, "2026-05"));
	assert_int_equal(f->res.nproblems, 1);
	fx_free(f);
}

/* ------------------------------------------------------------ targets */

static void
test_team_target_sum(void **state)
{
	struct fx *f = fx_load("2026-10",
	    "team.csv", TEAM_HDR "A1,A1,T1,sales,,,\nB1,B1,T1,sales,,,\n",
	    "sales.csv", SALES_HDR,
	    "targets.csv", TARGETS_HDR
	    "2026-10,rep,A1,revenue,600000000000000\n"
	    "2026-10,rep,B1,revenue,600000000000000\n"
	    "2026-11,rep,A1,revenue,400000000000000\n"
	    "2026-11,rep,B1,revenue,400000000000000\n",
	    (char *)NULL);
	struct period nov = per("2026-11");
	struct target_value v;

	(void)state;
	/* October: 6 x 10^16 + 6 x 10^16 = 1.2 x 10^17 cents for the team,
	 * and for the company (the sum of its teams) */
	fx_compute(f, "2026-10");
	assert_true(has_problem(f, TOTAL_TARGET, "revenue", TARGET_TEAM, "T1",
	    "2026-10"));
	assert_true(has_problem(f, TOTAL_TARGET, "revenue", TARGET_COMPANY,
	    NULL, "2026-10"));
	assert_int_equal(f->res.nproblems, 2);
	/* November: 4 x 10^16 twice = 8 x 10^16 cents, exact */
	v = target_for(&f->ws, TARGET_TEAM, tidx(f, "T1"),
	    policy_kpi(&f->ws.policy, "revenue"), &nov);
	assert_true(v.has);
	assert_false(v.too_large);
	assert_int_equal(v.cents, 80000000000000000LL);
	fx_free(f);
}

/* A team's mean is not limited by the sum it is built from. */
static void
test_team_target_mean(void **state)
{
	struct fx *f = fx_load("2026-10",
	    "team.csv", TEAM_HDR "A1,A1,T1,sales,,,\nB1,B1,T1,sales,,,\n"
	    "C1,C1,T1,sales,,,\n",
	    "sales.csv", SALES_HDR,
	    "policy.yaml", "kpis:\n"
	    "  deal: {source: metrics, agg: mean, unit: money}\n"
	    "roles:\n  sales: {deal: 1}\n",
	    "targets.csv", TARGETS_HDR
	    "2026-10,rep,A1,deal,999999999999999.99\n"
	    "2026-10,rep,B1,deal,999999999999999.99\n"
	    "2026-10,rep,C1,deal,999999999999999.98\n"
	    "2026-11,rep,A1,deal,0.01\n"
	    "2026-11,rep,B1,deal,0.02\n",
	    (char *)NULL);
	struct period oct = per("2026-10"), nov = per("2026-11");
	size_t k = policy_kpi(&f->ws.policy, "deal");
	struct target_value v;

	(void)state;
	/* (3 x 10^17 - 4) / 3 = 10^17 - 4/3 -> 99999999999999998.67 ->
	 * half-up 99999999999999999 cents */
	v = target_for(&f->ws, TARGET_TEAM, tidx(f, "T1"), k, &oct);
	assert_false(v.too_large);
	assert_int_equal(v.cents, 99999999999999999LL);
	/* (1 + 2) / 2 = 1.5 cents -> 2 (C1 has none: not counted) */
	v = target_for(&f->ws, TARGET_TEAM, tidx(f, "T1"), k, &nov);
	assert_int_equal(v.cents, 2);
	fx_free(f);
}

/* ---------------------------------------------- money from metrics.csv */

static void
test_metric_money_exact(void **state)
{
	struct fx *f = fx_load("2026-Q4",
	    "team.csv", TEAM_HDR "A1,A1,T1,sales,,,\nB1,B1,T1,sales,,,\n",
	    "sales.csv", SALES_HDR,
	    "policy.yaml", "kpis:\n"
	    "  gmv: {source: metrics, unit: money}\n"
	    "  deal: {source: metrics, agg: mean, unit: money}\n"
	    "roles:\n"
	    "  sales: {gmv: 1, deal: 1}\n"
	    "tiers:\n"
	    "  - {name: A, min_score: 0, multiplier: 1}\n"
	    "commission: {base: gmv, mode: flat, gate: 0, cap: null, "
	    "brackets: [{from: 0, rate: 1}]}\n",
	    "metrics.csv", METRICS_HDR
	    "2026-10,A1,gmv,99999999999999.99\n"
	    "2026-10,A1,deal,0.01\n"
	    "2026-11,A1,deal,0.02\n"
	    "2026-11,B1,gmv,600000000000000.00\n"
	    "2026-12,B1,gmv,600000000000000.00\n",
	    "targets.csv", TARGETS_HDR
	    "2026-10,rep,A1,gmv,99999999999999.99\n",
	    (char *)NULL);
	const struct person_result *r;
	size_t i;

	(void)state;
	fx_compute(f, "2026-10");
	assert_int_equal(f->res.nproblems, 0);
	r = &f->res.people[pidx(f, "A1")];
	for (i = 0; i < r->nkpis; i++)
		if (r->kpis[i].kpi == policy_kpi(&f->ws.policy, "gmv"))
			assert_int_equal(r->kpis[i].actual_cents,
			    9999999999999999LL);
	/* flat, rate 1, multiplier 1: the base to the cent (a double gives
	 * 99999999999999.984375 -> 9999999999999998) */
	assert_true(r->commission.has);
	assert_int_equal(r->commission.amount_cents, 9999999999999999LL);

	/* the quarter: B1's gmv 6 x 10^16 twice = 1.2 x 10^17 cents, beyond
	 * (metrics.csv); A1's deal, mean of 1 and 2 cents -> 2 */
	fx_compute(f, "2026-Q4");
	assert_true(has_problem(f, TOTAL_ACTUAL, "gmv", TARGET_REP, "B1",
	    "2026-Q4"));
	assert_int_equal(f->res.nproblems, 1);
	r = &f->res.people[pidx(f, "A1")];
	for (i = 0; i < r->nkpis; i++)
		if (r->kpis[i].kpi == policy_kpi(&f->ws.policy, "deal"))
			assert_int_equal(r->kpis[i].actual_cents, 2);
	fx_free(f);
}

/* --------------------------------------------------------- commission */

static void
test_commission_hint_beyond_limit(void **state)
{
	struct policy p;
	struct bracket b[2] = {
		{ 0, true, 3000000, 10000 },	/* 0-3: 1 % */
		{ 3000000, false, 0, 20000 }	/* 3-: 2 % */
	};
	struct target_value t;
	struct commission_result r;

	(void)state;
	diag_reset();
	assert_int_equal(policy_load(&p, NULL), 0);
	p.gate_micro = 0;
	p.has_commission_cap = false;
	free(p.brackets);
	p.brackets = b;
	p.nbrackets = 2;
	memset(&t, 0, sizeof(t));
	t.has = t.money = true;

	/* T = 3 x 10^16 cents, R = T: now T x 1 % = 3 x 10^14; the next
	 * edge 3 T = 9 x 10^16 cents (within), paying 9 x 10^14 */
	t.cents = 30000000000000000LL;
	commission_compute(&p, t.cents, &t, 1000000, &r);
	assert_int_equal(r.amount_cents, 300000000000000LL);
	assert_true(r.has_next);
	assert_int_equal(r.next_revenue_cents, 90000000000000000LL);
	assert_int_equal(r.next_amount_cents, 900000000000000LL);

	/* T = 5 x 10^16 cents: the edge would be 1.5 x 10^17, beyond the
	 * limit: no hint */
	t.cents = 50000000000000000LL;
	commission_compute(&p, t.cents, &t, 1000000, &r);
	assert_int_equal(r.amount_cents, 500000000000000LL);
	assert_false(r.has_next);

	p.brackets = NULL;
	p.nbrackets = 0;
	policy_free(&p);
}

/* ------------------------------------------------------ policy limits */

/* policy_load on text; the last message must contain want (or none). */
static int
load_policy(const char *text, const char *want)
{
	char dir[] = "/tmp/sc_test_money_XXXXXX", path[64];
	const struct diag_record *d;
	struct policy p;
	size_t n;
	int status;

	assert_non_null(mkdtemp(dir));
	write_file(dir, "policy.yaml", text);
	snprintf(path, sizeof(path), "%s/policy.yaml", dir);
	diag_reset();
	status = policy_load(&p, path);
	policy_free(&p);
	d = diag_records(&n);
	if (want != NULL && (n == 0 || strstr(d[n - 1].message, want) == NULL))
		fail_msg("%s: wanted \"%s\", got \"%s\"", text, want,
		    n > 0 ? d[n - 1].message : "nothing");
	remove_dir(dir);
	return status;
}

static void
test_policy_limits(void **state)
{
	(void)state;
	/* a bracket's rate: up to 1 */
	assert_int_equal(load_policy("commission: {brackets: "
	    "[{from: 0, rate: 1}]}\n", NULL), 0);
	assert_int_equal(load_policy("commission: {brackets: "
	    "[{from: 0, rate: 1.000001}]}\n", "at most 1"), EX_DATAERR);
	/* a tier's multiplier: up to 10 */
	assert_int_equal(load_policy("tiers: [{name: A, min_score: 0, "
	    "multiplier: 10}]\n", NULL), 0);
	assert_int_equal(load_policy("tiers: [{name: A, min_score: 0, "
	    "multiplier: 10.000001}]\n", "at most 10"), EX_DATAERR);
	/* gate, from and to: up to 100 */
	assert_int_equal(load_policy("commission: {gate: 100, brackets: "
	    "[{from: 99, to: 100, rate: 0.01}]}\n", NULL), 0);
	assert_int_equal(load_policy("commission: {gate: 100.000001}\n",
	    "at most 100"), EX_DATAERR);
	assert_int_equal(load_policy("commission: {brackets: "
	    "[{from: 0, to: 100.000001, rate: 0.01}]}\n", "at most 100"),
	    EX_DATAERR);
	/* a KPI's cap: up to 100 (kpis: named is replaced whole: roles:
	 * on the KPIs left) */
	assert_int_equal(load_policy("kpis: {revenue: {source: sales, "
	    "unit: money, cap: 100}}\nroles: {sales: {revenue: 1}}\n", NULL),
	    0);
	assert_int_equal(load_policy("kpis: {revenue: {source: sales, "
	    "unit: money, cap: 100.5}}\n", "at most 100"), EX_DATAERR);
}

static void
test_policy_sales_kpis(void **state)
{
	(void)state;
	assert_int_equal(load_policy("kpis: {revenue: {source: metrics, "
	    "unit: money}}\n", "source must be sales"), EX_DATAERR);
	assert_int_equal(load_policy("kpis: {orders: {source: metrics}}\n",
	    "source must be sales"), EX_DATAERR);
	assert_int_equal(load_policy("kpis: {new_customers: "
	    "{source: metrics}}\n", "source must be sales"), EX_DATAERR);
	assert_int_equal(load_policy("kpis: {new_customers: {source: sales, "
	    "unit: score}}\n", "unit must be count"), EX_DATAERR);
	/* a metrics KPI of another name is fine */
	assert_int_equal(load_policy("kpis: {revenue_booked: "
	    "{source: metrics, unit: money}}\n"
	    "roles: {sales: {revenue_booked: 1}}\n", NULL), 0);
}

/* ---------------------------------------------------------- formatting */

static void
assert_fmt(void (*put)(struct buf *), const char *want)
{
	struct buf b = BUF_INIT;

	put(&b);
	assert_string_equal(b.data, want);
	buf_free(&b);
}

static void ratio_max(struct buf *b) { fmt_ratio(b, 99999999999999999LL, 1, 4); }
static void ratio_min(struct buf *b) { fmt_ratio(b, -99999999999999999LL, 1, 4); }
static void fixed_1e19(struct buf *b) { fmt_fixed(b, 1e19, 2); }
static void fixed_2p70(struct buf *b) { fmt_fixed(b, -1180591620717411303424.0, 2); }
static void fixed_1e40(struct buf *b) { fmt_fixed(b, 1e40, 0); }
static void fixed_half(struct buf *b) { fmt_fixed(b, -0.125, 2); }
static void cents_max(struct buf *b) { fmt_cents(b, MONEY_MAX_CENTS - 1); }

static void
test_format_beyond_64_bits(void **state)
{
	(void)state;
	/* an attainment of 999999999999999.99 / 0.01 = 10^17 - 1, x 10^4 */
	assert_fmt(ratio_max, "99999999999999999.0000");
	assert_fmt(ratio_min, "-99999999999999999.0000");
	/* scores from huge attainments: 10^19 x 100 passes 2^63 */
	assert_fmt(fixed_1e19, "10000000000000000000.00");
	assert_fmt(fixed_2p70, "-1180591620717411303424.00");
	/* 1e40 as a double is 10000000000000000303786028427003666890752 */
	assert_fmt(fixed_1e40, "10000000000000000303786028427003666890752");
	/* small values as before: half away from zero */
	assert_fmt(fixed_half, "-0.13");
	assert_fmt(cents_max, "999999999999999.99");
}

#define T(test) cmocka_unit_test_teardown(test, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_revenue_month_at_the_limit),
		T(test_revenue_quarter_and_year_to_date),
		T(test_company_month_of_the_trend),
		T(test_team_target_sum),
		T(test_team_target_mean),
		T(test_metric_money_exact),
		T(test_commission_hint_beyond_limit),
		T(test_policy_limits),
		T(test_policy_sales_kpis),
		T(test_format_beyond_64_bits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
