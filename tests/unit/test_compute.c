/*
 * Unit tests for the computation of docs/computation.md
 * (generator/compute/) and the scores.csv writer of docs/output.md §2.
 * Every expectation below is worked out by hand from those rules and
 * written as a literal, with the arithmetic in a comment beside it; none
 * is copied from the program's output.
 *
 * Most tests build a small workspace as CSV text in a mkdtemp folder and
 * run it the way jobs/report.c does: workspace_read with a sales sink whose
 * begin() calls sales_agg_init over the run's window, then
 * sales_agg_finish and compute_period.  Pure functions (commission_compute,
 * attainment, round_half_up_div, assign_tiers) are called directly.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compute/compute.h"
#include "input/policy.h"
#include "input/values.h"
#include "input/workspace.h"
#include "jobs/numbers.h"
#include "util/buf.h"
#include "util/diag.h"

/* ------------------------------------------------------------ helpers */

#define TEAM_HDR	"rep_id,name,team,role,manager_id,hire_date,leave_date\n"
#define SALES_HDR	"date,rep_id,customer_id,amount,order_id\n"
#define TARGETS_HDR	"period,scope,id,kpi,target\n"
#define METRICS_HDR	"period,rep_id,kpi,value\n"
#define REVIEWS_HDR	"period,reviewee_id,reviewer_id,relation,dimension,score\n"

#define EPS 1e-9

#define near(got, want) near_at((got), (want), #got, __FILE__, __LINE__)

static void
near_at(double got, double want, const char *what, const char *file, int line)
{
	if (!(fabs(got - want) <= EPS * (1.0 + fabs(want))))
		fail_msg("%s:%d: %s = %.12g, want %.12g", file, line, what, got,
		    want);
}

#include "compute_fixture.h"

static size_t
kidx(const struct fx *f, const char *kpi)
{
	size_t k = policy_kpi(&f->ws.policy, kpi);

	assert_true(k != NONE);
	return k;
}

static const struct person_result *
who(const struct fx *f, const char *rep)
{
	assert_true(f->has_res);
	return &f->res.people[pidx(f, rep)];
}

static const struct group_result *
team_res(const struct fx *f, const char *team)
{
	assert_true(f->has_res);
	return &f->res.teams[tidx(f, team)];
}

static const struct kpi_line *
kpi_of(const struct fx *f, const struct person_result *r, const char *kpi)
{
	size_t i, k = kidx(f, kpi);

	for (i = 0; i < r->nkpis; i++)
		if (r->kpis[i].kpi == k)
			return &r->kpis[i];
	fail_msg("no KPI line %s", kpi);
	return NULL;
}

static size_t
tier_named(const struct policy *p, const char *name)
{
	size_t t;

	for (t = 0; t < p->ntiers; t++)
		if (strcmp(p->tiers[t].name, name) == 0)
			return t;
	fail_msg("no tier %s", name);
	return NONE;
}

static struct target_value
tgt(const struct fx *f, enum target_scope scope, const char *owner,
    const char *kpi, const char *period)
{
	struct period p = per(period);
	size_t o = NONE;

	if (scope == TARGET_REP)
		o = pidx(f, owner);
	else if (scope == TARGET_TEAM)
		o = tidx(f, owner);
	return target_for(&f->ws, scope, o, kidx(f, kpi), &p);
}

static struct target_value
money_target(int64_t cents)
{
	struct target_value t;

	memset(&t, 0, sizeof(t));
	t.has = true;
	t.money = true;
	t.cents = cents;
	t.value = (double)cents / 100.0;
	t.how = TARGET_EXPLICIT;
	return t;
}

static struct policy *
default_policy(void)
{
	static struct policy p;
	static bool loaded;

	if (!loaded) {
		diag_reset();
		assert_int_equal(policy_load(&p, NULL), 0);
		loaded = true;
	}
	return &p;
}

static struct policy
flat_policy(void)
{
	struct policy p = *default_policy();

	p.commission_flat = true;
	return p;
}

/* ------------------------------------------------------- pure helpers */

static void
test_round_half_up_div(void **state)
{
	(void)state;
	/* 5/2 = 2.5 -> 3 (half up, not to even) */
	assert_int_equal(round_half_up_div(5, 2), 3);
	/* 7/2 = 3.5 -> 4 */
	assert_int_equal(round_half_up_div(7, 2), 4);
	/* 1/3 = 0.333 -> 0;  2/3 = 0.667 -> 1 */
	assert_int_equal(round_half_up_div(1, 3), 0);
	assert_int_equal(round_half_up_div(2, 3), 1);
	/* 10002/4 = 2500.5 -> 2501 (half-even would give 2500) */
	assert_int_equal(round_half_up_div(10002, 4), 2501);
	/* 249999/100000 = 2.49999 -> 2 */
	assert_int_equal(round_half_up_div(249999, 100000), 2);
}

/* --------------------------------------------------------- commission */

/* T = 100000.00, R = 110000.00 (a = 1.1), multiplier 1. */
static void
test_commission_marginal_vs_flat(void **state)
{
	struct target_value t = money_target(10000000);
	struct commission_result r;
	struct policy flat = flat_policy();

	(void)state;
	commission_compute(default_policy(), 11000000, &t, 1000000, &r);
	assert_true(r.has);
	/* marginal: (100000-60000)*0.01 = 400.00; (110000-100000)*0.03 = 300.00;
	 * sum 700.00 */
	assert_int_equal(r.amount_cents, 70000);
	assert_int_equal(r.nslices, 2);
	assert_int_equal(r.slices[0].amount_cents, 40000);
	assert_int_equal(r.slices[1].amount_cents, 30000);

	commission_compute(&flat, 11000000, &t, 1000000, &r);
	/* flat: highest bracket with from <= 1.1 is [1.0,1.2) at 3 %:
	 * 110000*0.03 = 3300.00 */
	assert_int_equal(r.amount_cents, 330000);
}

static void
test_commission_at_edge_1_0(void **state)
{
	struct target_value t = money_target(10000000);
	struct commission_result r;
	struct policy flat = flat_policy();

	(void)state;
	/* R = T = 100000.00, a = 1.0 */
	commission_compute(default_policy(), 10000000, &t, 1000000, &r);
	/* marginal: (100000-60000)*0.01 = 400.00; the 1.0 slice is empty */
	assert_int_equal(r.amount_cents, 40000);
	commission_compute(&flat, 10000000, &t, 1000000, &r);
	/* flat: from 1.0 <= a = 1.0, so 3 %: 100000*0.03 = 3000.00 */
	assert_int_equal(r.amount_cents, 300000);
	/* one cent less: a < 1.0, flat at 1 %: 99999.99*0.01 = 999.9999
	 * -> 1000.00 */
	commission_compute(&flat, 9999999, &t, 1000000, &r);
	assert_int_equal(r.amount_cents, 100000);
}

static void
test_commission_at_edge_1_2(void **state)
{
	struct target_value t = money_target(10000000);
	struct commission_result r;
	struct policy flat = flat_policy();

	(void)state;
	/* R = 120000.00, a = 1.2 */
	commission_compute(default_policy(), 12000000, &t, 1000000, &r);
	/* marginal: 40000*0.01 = 400.00 + 20000*0.03 = 600.00 = 1000.00 */
	assert_int_equal(r.amount_cents, 100000);
	commission_compute(&flat, 12000000, &t, 1000000, &r);
	/* flat: from 1.2 <= 1.2, 5 %: 120000*0.05 = 6000.00 */
	assert_int_equal(r.amount_cents, 600000);
}

static void
test_commission_below_gate(void **state)
{
	struct target_value t = money_target(10000000);
	struct commission_result r;
	struct policy flat = flat_policy();

	(void)state;
	/* R = 59999.99, a = 0.5999999 < gate 0.6: 0, but a commission (0) */
	commission_compute(default_policy(), 5999999, &t, 1000000, &r);
	assert_true(r.has);
	assert_true(r.below_gate);
	assert_int_equal(r.amount_cents, 0);
	commission_compute(&flat, 5999999, &t, 1000000, &r);
	assert_true(r.below_gate);
	assert_int_equal(r.amount_cents, 0);
}

static void
test_commission_gate_exactly(void **state)
{
	struct target_value t = money_target(10000000);
	struct commission_result r;
	struct policy flat = flat_policy();

	(void)state;
	/* R = 60000.00, a = 0.6 = gate: not below it */
	commission_compute(default_policy(), 6000000, &t, 1000000, &r);
	assert_true(r.has);
	assert_false(r.below_gate);
	/* marginal: min(60000,100000) - 60000 = 0 -> 0.00 */
	assert_int_equal(r.amount_cents, 0);
	commission_compute(&flat, 6000000, &t, 1000000, &r);
	assert_false(r.below_gate);
	/* flat: from 0.6 <= 0.6, 1 %: 60000*0.01 = 600.00 */
	assert_int_equal(r.amount_cents, 60000);
}

static void
test_commission_cap_after_multiplier(void **state)
{
	struct target_value t = money_target(100000000);	/* 1000000.00 */
	struct commission_result r;

	(void)state;
	/* R = 1800000.00: 400000*0.01 = 4000 + 200000*0.03 = 6000
	 * + 600000*0.05 = 30000 -> 40000.00; x1.5 = 60000.00;
	 * min(60000, 50000) = 50000.00 (cap before x1.5 would give 60000) */
	commission_compute(default_policy(), 180000000, &t, 1500000, &r);
	assert_int_equal(r.before_multiplier_cents, 4000000);
	assert_int_equal(r.after_multiplier_cents, 6000000);
	assert_true(r.capped);
	assert_int_equal(r.amount_cents, 5000000);
	/* R = 1500000.00: 4000 + 6000 + 300000*0.05 = 15000 -> 25000.00;
	 * x1.5 = 37500.00 < cap */
	commission_compute(default_policy(), 150000000, &t, 1500000, &r);
	assert_false(r.capped);
	assert_int_equal(r.amount_cents, 3750000);
}

static void
test_commission_tier_d_zero(void **state)
{
	struct target_value t = money_target(10000000);
	struct commission_result r;

	(void)state;
	/* a = 1.1: 700.00 before the multiplier (see marginal test); x0 = 0 */
	commission_compute(default_policy(), 11000000, &t, 0, &r);
	assert_true(r.has);
	assert_int_equal(r.before_multiplier_cents, 70000);
	assert_int_equal(r.amount_cents, 0);
}

static void
test_commission_negative_revenue(void **state)
{
	struct target_value t = money_target(10000000);
	struct commission_result r;

	(void)state;
	/* R = -500.00 <= 0: commission 0 (there is a target) */
	commission_compute(default_policy(), -50000, &t, 1500000, &r);
	assert_true(r.has);
	assert_int_equal(r.amount_cents, 0);
	/* R = 0: also 0 */
	commission_compute(default_policy(), 0, &t, 1000000, &r);
	assert_true(r.has);
	assert_int_equal(r.amount_cents, 0);
}

static void
test_commission_no_target(void **state)
{
	struct target_value t;
	struct commission_result r;

	(void)state;
	memset(&t, 0, sizeof(t));
	t.money = true;
	/* no T: no commission at all (not 0) */
	commission_compute(default_policy(), 11000000, &t, 1000000, &r);
	assert_false(r.has);
	assert_int_equal(r.amount_cents, 0);
	assert_non_null(r.reason);
}

static void
test_commission_target_zero(void **state)
{
	struct target_value t = money_target(0);
	struct commission_result r;

	(void)state;
	/* T = 0: no attainment, no commission */
	commission_compute(default_policy(), 11000000, &t, 1000000, &r);
	assert_false(r.has);
	assert_false(r.attainment.has);
	assert_int_equal(r.amount_cents, 0);
}

static void
test_commission_half_up_cents(void **state)
{
	struct target_value t = money_target(10000);	/* 100.00 */
	struct target_value big = money_target(1000000);	/* 10000.00 */
	struct commission_result r;
	struct policy flat = flat_policy();

	(void)state;
	/* marginal, R = 60.50: (60.50-60.00)*0.01 = 0.005 = 0.5 cent -> 0.01 */
	commission_compute(default_policy(), 6050, &t, 1000000, &r);
	assert_int_equal(r.amount_cents, 1);
	/* flat, R = 60.50: 60.50*0.01 = 0.605 = 60.5 cents -> 0.61
	 * (half-even would give 0.60) */
	commission_compute(&flat, 6050, &t, 1000000, &r);
	assert_int_equal(r.amount_cents, 61);
	/* 0.4*T slice: (10000-6000)*0.01 = 40.00; x1.2 = 48.00 */
	commission_compute(default_policy(), 1000000, &big, 1200000, &r);
	assert_int_equal(r.amount_cents, 4800);
	/* R = 60.50 marginal x1.5: 0.5 cent * 1.5 = 0.75 cent -> 0.01 */
	commission_compute(default_policy(), 6050, &t, 1500000, &r);
	assert_int_equal(r.amount_cents, 1);
}

static void
test_commission_next_bracket_hint(void **state)
{
	struct target_value t = money_target(10000000);	/* 100000.00 */
	struct target_value odd = money_target(33333);		/* 333.33 */
	struct commission_result r;
	struct policy flat = flat_policy();

	(void)state;
	/* R = 90000.00, a = 0.9: now (90000-60000)*0.01 = 300.00;
	 * next edge 1.0 at 100000.00, 10000.00 more, paying 400.00 */
	commission_compute(default_policy(), 9000000, &t, 1000000, &r);
	assert_int_equal(r.amount_cents, 30000);
	assert_true(r.has_next);
	assert_int_equal(r.next_from_micro, 1000000);
	assert_int_equal(r.next_revenue_cents, 10000000);
	assert_int_equal(r.next_more_cents, 1000000);
	assert_int_equal(r.next_amount_cents, 40000);

	/* R = 110000.00, x1.2: now 700.00*1.2 = 840.00; next edge 1.2 at
	 * 120000.00 (10000.00 more) paying 1000.00*1.2 = 1200.00 */
	commission_compute(default_policy(), 11000000, &t, 1200000, &r);
	assert_int_equal(r.amount_cents, 84000);
	assert_true(r.has_next);
	assert_int_equal(r.next_from_micro, 1200000);
	assert_int_equal(r.next_more_cents, 1000000);
	assert_int_equal(r.next_amount_cents, 120000);

	/* R = 130000.00, a = 1.3: in the top bracket, no next one */
	commission_compute(default_policy(), 13000000, &t, 1000000, &r);
	assert_false(r.has_next);

	/* flat, T = 333.33, R = 100.00 (a = 0.3, below the gate): the gate
	 * 0.6*333.33 = 199.998 is reached at 200.00 (100.00 more), paying
	 * 200.00*0.01 = 2.00 */
	commission_compute(&flat, 10000, &odd, 1000000, &r);
	assert_int_equal(r.amount_cents, 0);
	assert_true(r.has_next);
	assert_int_equal(r.next_from_micro, 600000);
	assert_int_equal(r.next_revenue_cents, 20000);
	assert_int_equal(r.next_more_cents, 10000);
	assert_int_equal(r.next_amount_cents, 200);
}

/* Quarter commission: the quarter's revenue and target with its own tier,
 * not the sum of the months' commissions. */
static void
test_commission_quarter_uses_quarter_totals(void **state)
{
	struct fx *f = fx_load("2026-Q1",
	    "policy.yaml",
	    "tiers:\n"
	    "  - {name: S, min_score: 100, multiplier: 1.5}\n"
	    "  - {name: D, min_score: 0, multiplier: 0}\n"
	    "roles:\n"
	    "  sales: {revenue: 1.0}\n",
	    "team.csv", TEAM_HDR "A1,A,T1,sales,,,\n",
	    "sales.csv", SALES_HDR
	    "2026-01-10,A1,C1,1200.00,O1\n"
	    "2026-02-10,A1,C1,700.00,O2\n"
	    "2026-03-10,A1,C1,1500.00,O3\n",
	    "targets.csv", TARGETS_HDR
	    "2026-01,rep,A1,revenue,1000.00\n"
	    "2026-02,rep,A1,revenue,1000.00\n"
	    "2026-03,rep,A1,revenue,1000.00\n",
	    (char *)NULL);
	const struct person_result *r;

	(void)state;
	fx_compute(f, "2026-01");
	r = who(f, "A1");
	/* Jan: a = 1.2, composite 100*min(1.2,1.5) = 120 -> S (x1.5);
	 * 400*0.01 = 4.00 + 200*0.03 = 6.00 = 10.00; x1.5 = 15.00 */
	assert_int_equal(r->tier, 0);
	assert_int_equal(r->commission.amount_cents, 1500);
	fx_compute(f, "2026-02");
	r = who(f, "A1");
	/* Feb: a = 0.7, composite 70 -> D (x0); (700-600)*0.01 = 1.00; x0 = 0 */
	assert_int_equal(r->tier, 1);
	assert_int_equal(r->commission.before_multiplier_cents, 100);
	assert_int_equal(r->commission.amount_cents, 0);
	fx_compute(f, "2026-Q1");
	r = who(f, "A1");
	/* Q1: T = 1000*3 = 3000.00, R = 1200+700+1500 = 3400.00, a = 1.1333;
	 * composite 113.33 -> S; (3000-1800)*0.01 = 12.00
	 * + (3400-3000)*0.03 = 12.00 = 24.00; x1.5 = 36.00 */
	assert_int_equal(r->revenue_cents, 340000);
	assert_int_equal(r->commission.target_cents, 300000);
	assert_int_equal(r->tier, 0);
	assert_int_equal(r->commission.amount_cents, 3600);
	fx_free(f);
}

/* --------------------------------------------------------- attainment */

static void
test_attainment_rules(void **state)
{
	struct kpi_def up, down;
	struct maybe a;

	(void)state;
	memset(&up, 0, sizeof(up));
	up.higher_is_better = true;
	up.has_cap = true;
	up.cap = 1.5;
	down = up;
	down.higher_is_better = false;

	/* 9 / 10 = 0.9 */
	a = attainment(&up, 9, 10, true);
	assert_true(a.has);
	near(a.v, 0.9);
	/* no target, or a target of 0: none (never 0 or infinity) */
	a = attainment(&up, 9, 10, false);
	assert_false(a.has);
	a = attainment(&up, 9, 0, true);
	assert_false(a.has);
	/* lower is better: target / actual = 10 / 8 = 1.25 */
	a = attainment(&down, 8, 10, true);
	assert_true(a.has);
	near(a.v, 1.25);
	/* 10 / 20 = 0.5 */
	a = attainment(&down, 20, 10, true);
	near(a.v, 0.5);
	/* actual 0: the cap, 1.5 */
	a = attainment(&down, 0, 10, true);
	assert_true(a.has);
	near(a.v, 1.5);
	/* target 0 with lower-is-better: still none */
	a = attainment(&down, 5, 0, true);
	assert_false(a.has);
}

/* A lower-is-better KPI through the KPI score. */
static void
test_kpi_lower_is_better_in_score(void **state)
{
	struct fx *f = fx_load("2026-01",
	    "policy.yaml",
	    "kpis:\n"
	    "  complaints: {source: metrics, agg: sum, unit: count, cap: 1.5, "
	    "higher_is_better: false}\n"
	    "roles:\n"
	    "  support: {complaints: 1.0}\n",
	    "team.csv", TEAM_HDR
	    "S1,S1,T1,support,,,\nS2,S2,T1,support,,,\nS3,S3,T1,support,,,\n",
	    "sales.csv", SALES_HDR,
	    "targets.csv", TARGETS_HDR
	    "2026-01,rep,S1,complaints,4\n"
	    "2026-01,rep,S2,complaints,4\n"
	    "2026-01,rep,S3,complaints,4\n",
	    "metrics.csv", METRICS_HDR
	    "2026-01,S1,complaints,0\n"
	    "2026-01,S2,complaints,5\n"
	    "2026-01,S3,complaints,2\n",
	    (char *)NULL);

	(void)state;
	fx_compute(f, "2026-01");
	/* S1: actual 0 -> the cap 1.5 -> 100*1.5 = 150 */
	assert_true(who(f, "S1")->kpi_score.has);
	near(who(f, "S1")->kpi_score.v, 150.0);
	/* S2: 4 / 5 = 0.8 -> 80 */
	near(who(f, "S2")->kpi_score.v, 80.0);
	/* S3: 4 / 2 = 2.0, capped at 1.5 -> 150 */
	near(kpi_of(f, who(f, "S3"), "complaints")->attainment.v, 2.0);
	near(who(f, "S3")->kpi_score.v, 150.0);
	fx_free(f);
}

/* ------------------------------------------------------------ targets */

#define SEASONAL "seasonality: [2,1,1,1,1,1,1,1,1,1,1,2]\n"

static void
test_target_seasonality_half_up(void **state)
{
	struct fx *f = fx_load("2026-01",
	    "policy.yaml", SEASONAL,
	    "team.csv", TEAM_HDR "A1,A,T1,sales,,,\nB1,B,T1,sales,,,\n",
	    "sales.csv", SALES_HDR,
	    "targets.csv", TARGETS_HDR
	    "2026,rep,A1,revenue,1000.09\n"
	    "2026-Q4,rep,B1,revenue,100.02\n"
	    "2026-Q4,rep,B1,new_customers,5\n",
	    (char *)NULL);
	struct target_value v;

	(void)state;
	/* year weights sum 2+10*1+2 = 14 */
	v = tgt(f, TARGET_REP, "A1", "revenue", "2026-01");
	assert_true(v.has);
	/* Jan: 100009*2/14 = 14287.0 cents */
	assert_int_equal(v.cents, 14287);
	v = tgt(f, TARGET_REP, "A1", "revenue", "2026-02");
	/* Feb: 100009*1/14 = 7143.5 -> 7144 cents (half up) */
	assert_int_equal(v.cents, 7144);
	near(v.value, 71.44);
	v = tgt(f, TARGET_REP, "A1", "revenue", "2026-Q1");
	/* Q1 (no row): 14287 + 7144 + 7144 = 28575 cents */
	assert_true(v.has);
	assert_int_equal(v.cents, 28575);
	/* quarter Q4 weights: 1+1+2 = 4 */
	v = tgt(f, TARGET_REP, "B1", "revenue", "2026-10");
	/* Oct: 10002*1/4 = 2500.5 -> 2501 (half-even would say 2500) */
	assert_int_equal(v.cents, 2501);
	v = tgt(f, TARGET_REP, "B1", "revenue", "2026-12");
	/* Dec: 10002*2/4 = 5001.0 */
	assert_int_equal(v.cents, 5001);
	/* counts are not rounded: Oct 5*1/4 = 1.25, Dec 5*2/4 = 2.5 */
	v = tgt(f, TARGET_REP, "B1", "new_customers", "2026-10");
	near(v.value, 1.25);
	v = tgt(f, TARGET_REP, "B1", "new_customers", "2026-12");
	near(v.value, 2.5);
	fx_free(f);
}

static void
test_target_mean_kpi_as_is(void **state)
{
	struct fx *f = fx_load("2026-01",
	    "policy.yaml", SEASONAL,
	    "team.csv", TEAM_HDR "A1,A,T1,research,,,\nB1,B,T1,research,,,\n",
	    "sales.csv", SALES_HDR,
	    "targets.csv", TARGETS_HDR
	    "2026-Q1,rep,A1,satisfaction,4.5\n"
	    "2026,rep,A1,satisfaction,4.2\n"
	    "2026-01,rep,B1,satisfaction,4.0\n"
	    "2026-02,rep,B1,satisfaction,4.5\n"
	    "2026-03,rep,B1,satisfaction,5.0\n",
	    (char *)NULL);
	struct target_value v;

	(void)state;
	/* agg mean: the quarter row applies to each month as is: 4.5
	 * (not 4.5*2/4 = 2.25 by the Jan weight) */
	v = tgt(f, TARGET_REP, "A1", "satisfaction", "2026-01");
	assert_true(v.has);
	near(v.value, 4.5);
	v = tgt(f, TARGET_REP, "A1", "satisfaction", "2026-02");
	near(v.value, 4.5);
	/* Jul: no Q3 row, the year row as is: 4.2 */
	v = tgt(f, TARGET_REP, "A1", "satisfaction", "2026-07");
	near(v.value, 4.2);
	/* B1 Q1 from months: mean (4.0+4.5+5.0)/3 = 4.5 */
	v = tgt(f, TARGET_REP, "B1", "satisfaction", "2026-Q1");
	assert_true(v.has);
	near(v.value, 4.5);
	fx_free(f);
}

static void
test_target_quarter_month_missing(void **state)
{
	struct fx *f = fx_load("2026-Q1",
	    "team.csv", TEAM_HDR "A1,A,T1,sales,,,\nA2,A2,T1,sales,,,\n",
	    "sales.csv", SALES_HDR "2026-01-10,A1,C1,3000.00,O1\n",
	    "targets.csv", TARGETS_HDR
	    "2026-01,rep,A1,revenue,1000.00\n"
	    "2026-02,rep,A1,revenue,1000.00\n"
	    "2026-01,rep,A2,revenue,1000.00\n"
	    "2026-02,rep,A2,revenue,1000.00\n"
	    "2026-03,rep,A2,revenue,1000.50\n",
	    (char *)NULL);
	struct target_value v;

	(void)state;
	/* A1: March has no target -> the quarter has none */
	v = tgt(f, TARGET_REP, "A1", "revenue", "2026-Q1");
	assert_false(v.has);
	/* A2: 1000.00 + 1000.00 + 1000.50 = 3000.50 */
	v = tgt(f, TARGET_REP, "A2", "revenue", "2026-Q1");
	assert_true(v.has);
	assert_int_equal(v.cents, 300050);
	fx_compute(f, "2026-Q1");
	/* no quarter target: no attainment, no commission */
	assert_false(who(f, "A1")->revenue_target.has);
	assert_false(who(f, "A1")->revenue_attainment.has);
	assert_false(who(f, "A1")->commission.has);
	fx_free(f);
}

static void
test_target_month_row_wins(void **state)
{
	struct fx *f = fx_load("2026-01",
	    "team.csv", TEAM_HDR "A1,A,T1,sales,,,\n",
	    "sales.csv", SALES_HDR,
	    "targets.csv", TARGETS_HDR
	    "2026-Q1,rep,A1,revenue,3000.00\n"
	    "2026-02,rep,A1,revenue,500.00\n",
	    (char *)NULL);
	struct target_value v;

	(void)state;
	/* Feb: the explicit month row, 500.00 */
	v = tgt(f, TARGET_REP, "A1", "revenue", "2026-02");
	assert_int_equal(v.cents, 50000);
	assert_int_equal(v.how, TARGET_EXPLICIT);
	/* Jan: from the quarter, 300000*1/3 = 100000 */
	v = tgt(f, TARGET_REP, "A1", "revenue", "2026-01");
	assert_int_equal(v.cents, 100000);
	assert_int_equal(v.how, TARGET_DECOMPOSED);
	/* Q1 itself: the explicit quarter row, 3000.00 */
	v = tgt(f, TARGET_REP, "A1", "revenue", "2026-Q1");
	assert_int_equal(v.cents, 300000);
	fx_free(f);
}

static void
test_team_target_sum_of_members(void **state)
{
	struct fx *f = fx_load("2026-Q1",
	    "team.csv", TEAM_HDR
	    "C1,C1,T3,sales,,,\nC2,C2,T3,sales,,,\nC3,C3,T3,sales,,,\n"
	    "D1,D1,T4,sales,,,\n",
	    "sales.csv", SALES_HDR,
	    "targets.csv", TARGETS_HDR
	    "2026-Q1,rep,C1,revenue,1800.00\n"
	    "2026-01,rep,C2,revenue,100.00\n"
	    "2026-02,rep,C2,revenue,100.00\n"
	    "2026-03,rep,C2,revenue,100.00\n"
	    "2026-01,rep,C3,revenue,50.00\n",
	    (char *)NULL);
	struct target_value v;

	(void)state;
	/* T3 Jan: C1 1800/3 = 600.00 + C2 100.00 + C3 50.00 = 750.00 */
	v = tgt(f, TARGET_TEAM, "T3", "revenue", "2026-01");
	assert_true(v.has);
	assert_int_equal(v.cents, 75000);
	assert_int_equal(v.how, TARGET_SUMMED);
	/* T3 Q1: C1's own 1800.00 + C2's 300.00; C3 has no quarter target
	 * (Feb, Mar missing) -> 2100.00 */
	v = tgt(f, TARGET_TEAM, "T3", "revenue", "2026-Q1");
	assert_int_equal(v.cents, 210000);
	/* T4: nobody has one -> none */
	v = tgt(f, TARGET_TEAM, "T4", "revenue", "2026-01");
	assert_false(v.has);
	fx_free(f);
}

static void
test_team_target_gap_flag(void **state)
{
	struct fx *f = fx_load("2026-01",
	    "team.csv", TEAM_HDR
	    "A1,A1,T1,sales,,,\nA2,A2,T1,sales,,,\n"
	    "B1,B1,T2,sales,,,\nB2,B2,T2,sales,,,\n"
	    "E1,E1,T5,sales,,,\nE2,E2,T5,sales,,,\n",
	    "sales.csv", SALES_HDR,
	    "targets.csv", TARGETS_HDR
	    "2026-01,team,T1,revenue,1000.00\n"
	    "2026-01,rep,A1,revenue,500.00\n"
	    "2026-01,rep,A2,revenue,495.00\n"
	    "2026-01,team,T2,revenue,1000.00\n"
	    "2026-01,rep,B1,revenue,500.00\n"
	    "2026-01,rep,B2,revenue,494.99\n"
	    "2026-01,team,T5,revenue,1000.00\n"
	    "2026-01,rep,E1,revenue,505.00\n"
	    "2026-01,rep,E2,revenue,500.00\n",
	    (char *)NULL);

	(void)state;
	fx_compute(f, "2026-01");
	/* T1: explicit 1000.00 wins over the members' 995.00 */
	assert_int_equal(team_res(f, "T1")->revenue_target.cents, 100000);
	/* |1000.00 - 995.00| = 5.00 = 0.5 % of 1000.00: not more -> off */
	assert_int_equal(team_res(f, "T1")->member_sum_cents, 99500);
	assert_false(team_res(f, "T1")->target_gap);
	/* |1000.00 - 994.99| = 5.01 > 5.00 -> on */
	assert_int_equal(team_res(f, "T2")->member_sum_cents, 99499);
	assert_true(team_res(f, "T2")->target_gap);
	/* |1000.00 - 1005.00| = 5.00 -> off */
	assert_false(team_res(f, "T5")->target_gap);
	fx_free(f);
}

/* ---------------------------------------------------------- KPI score */

static void
test_kpi_score_renormalised(void **state)
{
	struct fx *f = fx_load("2026-01",
	    "team.csv", TEAM_HDR "A1,A,T1,sales,,,\n",
	    "sales.csv", SALES_HDR
	    "2026-01-10,A1,C1,500.00,O1\n"
	    "2026-01-11,A1,C2,400.00,O2\n",
	    "targets.csv", TARGETS_HDR
	    "2026-01,rep,A1,revenue,1000.00\n"
	    "2026-01,rep,A1,new_customers,4\n",
	    (char *)NULL);
	const struct person_result *r;

	(void)state;
	fx_compute(f, "2026-01");
	r = who(f, "A1");
	/* revenue 900/1000 = 0.9; new customers 2/4 = 0.5; satisfaction has
	 * no metric: left out, weights 0.6+0.2 = 0.8;
	 * 100*(0.6*0.9 + 0.2*0.5)/0.8 = 100*0.64/0.8 = 80 */
	assert_false(kpi_of(f, r, "satisfaction")->attainment.has);
	near(kpi_of(f, r, "new_customers")->attainment.v, 0.5);
	assert_true(r->kpi_score.has);
	near(r->kpi_score.v, 80.0);
	fx_free(f);
}

static void
test_kpi_score_caps(void **state)
{
	struct fx *f = fx_load("2026-01",
	    "team.csv", TEAM_HDR "A1,A,T1,sales,,,\n",
	    "sales.csv", SALES_HDR "2026-01-10,A1,C1,2000.00,O1\n",
	    "targets.csv", TARGETS_HDR
	    "2026-01,rep,A1,revenue,1000.00\n"
	    "2026-01,rep,A1,new_customers,1\n"
	    "2026-01,rep,A1,satisfaction,4\n",
	    "metrics.csv", METRICS_HDR "2026-01,A1,satisfaction,6\n",
	    (char *)NULL);
	const struct person_result *r;

	(void)state;
	fx_compute(f, "2026-01");
	r = who(f, "A1");
	/* revenue 2000/1000 = 2.0 -> cap 1.5; new 1/1 = 1.0;
	 * satisfaction 6/4 = 1.5 -> cap 1.2;
	 * 100*(0.6*1.5 + 0.2*1.0 + 0.2*1.2)/1.0 = 100*1.34 = 134 */
	assert_true(kpi_of(f, r, "revenue")->capped);
	near(kpi_of(f, r, "revenue")->counted, 1.5);
	near(kpi_of(f, r, "satisfaction")->counted, 1.2);
	near(r->kpi_score.v, 134.0);
	fx_free(f);
}

static void
test_no_kpi_review_only_composite(void **state)
{
	struct fx *f = fx_load("2026-03",
	    "team.csv", TEAM_HDR "A1,A,T1,research,M1,,\nM1,M,T1,manager,,,\n",
	    "sales.csv", SALES_HDR,
	    "reviews.csv", REVIEWS_HDR
	    "2026-Q1,A1,M1,manager,professional,4\n",
	    (char *)NULL);
	const struct person_result *r;

	(void)state;
	fx_compute(f, "2026-03");
	r = who(f, "A1");
	/* research: satisfaction only, no metric -> no KPI score */
	assert_false(r->kpi_score.has);
	/* review: manager 4 -> 100*(4-1)/(5-1) = 75; composite = 75 */
	near(r->review.score.v, 75.0);
	assert_true(r->composite.has);
	near(r->composite.v, 75.0);
	fx_free(f);
}

static void
test_composite_formula(void **state)
{
	struct fx *f = fx_load("2026-03",
	    "policy.yaml", "composite: {kpi: 0.6, review: 0.2}\n",
	    "team.csv", TEAM_HDR "A1,A,T1,sales,M1,,\nM1,M,T1,manager,,,\n",
	    "sales.csv", SALES_HDR
	    "2026-03-10,A1,C1,500.00,O1\n"
	    "2026-03-11,A1,C2,400.00,O2\n",
	    "targets.csv", TARGETS_HDR
	    "2026-03,rep,A1,revenue,1000.00\n"
	    "2026-03,rep,A1,new_customers,4\n",
	    "reviews.csv", REVIEWS_HDR
	    "2026-Q1,A1,M1,manager,professional,3\n",
	    (char *)NULL);
	const struct person_result *r;

	(void)state;
	fx_compute(f, "2026-03");
	r = who(f, "A1");
	/* KPI 80 (as in the renormalised test); review 100*(3-1)/4 = 50;
	 * (0.6*80 + 0.2*50)/(0.6+0.2) = (48+10)/0.8 = 72.5 */
	near(r->kpi_score.v, 80.0);
	near(r->review.score.v, 50.0);
	near(r->composite.v, 72.5);
	fx_free(f);
}

/* ------------------------------------------------------------- review */

#define REVIEW_TEAM TEAM_HDR \
	"A1,A1,T1,research,,,\nB1,B1,T1,research,,,\nC1,C1,T1,research,,,\n" \
	"M1,M1,T1,research,,,\nP1,P1,T1,research,,,\nP2,P2,T1,research,,,\n" \
	"P3,P3,T1,research,,,\nR1,R1,T1,research,,,\nR2,R2,T1,research,,,\n"

static void
test_review_relation_weights(void **state)
{
	struct fx *f = fx_load("2026-Q1",
	    "team.csv", REVIEW_TEAM,
	    "sales.csv", SALES_HDR,
	    "reviews.csv", REVIEWS_HDR
	    "2026-Q1,A1,A1,self,professional,5\n"
	    "2026-Q1,A1,M1,manager,professional,4\n"
	    "2026-Q1,A1,M1,manager,communication,5\n"
	    "2026-Q1,A1,P1,peer,teamwork,1\n"
	    "2026-Q1,A1,P2,peer,teamwork,1\n"
	    "2026-Q1,A1,P3,peer,teamwork,1\n"
	    "2026-Q1,C1,M1,manager,professional,4\n"
	    "2026-Q1,C1,M1,manager,communication,5\n"
	    "2026-Q1,C1,P1,peer,teamwork,1\n"
	    "2026-Q1,C1,P2,peer,teamwork,1\n"
	    "2026-Q1,C1,P3,peer,teamwork,1\n"
	    "2026-Q1,C1,CU1,customer,teamwork,5\n"
	    "2026-Q1,C1,CU2,customer,teamwork,5\n"
	    "2026-Q1,C1,CU3,customer,teamwork,5\n",
	    (char *)NULL);
	struct period q1 = per("2026-Q1");
	struct review_result res;
	size_t d;

	(void)state;
	review_compute(&f->ws, pidx(f, "A1"), &q1, &res);
	/* manager mean (4+5)/2 = 4.5; peer mean 1; self weight 0 ignored;
	 * raw = (0.4*4.5 + 0.3*1)/(0.4+0.3) = 2.1/0.7 = 3.0;
	 * score = 100*(3-1)/(5-1) = 50 */
	near(res.groups[REL_MANAGER].mean, 4.5);
	assert_int_equal(res.groups[REL_PEER].raters, 3);
	assert_false(res.groups[REL_PEER].withheld);
	near(res.raw.v, 3.0);
	near(res.score.v, 50.0);
	/* profile: communication = manager 5 -> 100; professional = manager
	 * 4 (self weight 0) -> 75; teamwork = peer 1 -> 0 */
	for (d = 0; d < res.ndims; d++) {
		if (strcmp(res.dims[d], "communication") == 0)
			near(res.dim_score[d].v, 100.0);
		else if (strcmp(res.dims[d], "professional") == 0)
			near(res.dim_score[d].v, 75.0);
		else if (strcmp(res.dims[d], "teamwork") == 0)
			near(res.dim_score[d].v, 0.0);
	}
	assert_int_equal(res.ndims, 3);
	review_result_free(&res);

	review_compute(&f->ws, pidx(f, "C1"), &q1, &res);
	/* plus customers (3 raters) mean 5, weight 0.1:
	 * (1.8 + 0.3 + 0.5)/(0.8) = 2.6/0.8 = 3.25 -> 100*2.25/4 = 56.25 */
	near(res.raw.v, 3.25);
	near(res.score.v, 56.25);
	review_result_free(&res);
	fx_free(f);
}

static void
test_review_withheld_group(void **state)
{
	struct fx *f = fx_load("2026-Q1",
	    "team.csv", REVIEW_TEAM,
	    "sales.csv", SALES_HDR,
	    "reviews.csv", REVIEWS_HDR
	    "2026-Q1,B1,M1,manager,professional,4\n"
	    "2026-Q1,B1,M1,manager,communication,5\n"
	    "2026-Q1,B1,P1,peer,innovation,1\n"
	    "2026-Q1,B1,P2,peer,innovation,1\n"
	    "2026-Q1,B1,CU1,customer,teamwork,1\n"
	    "2026-Q1,B1,CU2,customer,teamwork,1\n"
	    "2026-Q1,B1,CU3,customer,teamwork,1\n",
	    (char *)NULL);
	struct period q1 = per("2026-Q1");
	struct review_result res;
	size_t d;

	(void)state;
	review_compute(&f->ws, pidx(f, "B1"), &q1, &res);
	/* peer: 2 raters < min_raters 3 -> withheld, 2 reviews */
	assert_true(res.groups[REL_PEER].withheld);
	assert_int_equal(res.groups[REL_PEER].raters, 2);
	assert_int_equal(res.withheld_reviews, 2);
	assert_false(res.groups[REL_CUSTOMER].withheld);
	/* score without peers: manager 4.5 (w 0.4), customer 1 (w 0.1):
	 * (1.8 + 0.1)/0.5 = 3.8 -> 100*(3.8-1)/4 = 70
	 * (with peers: (1.8+0.3+0.1)/0.8 = 2.75 -> 43.75) */
	near(res.raw.v, 3.8);
	near(res.score.v, 70.0);
	/* nor in the profile: innovation was rated only by the peers */
	for (d = 0; d < res.ndims; d++)
		assert_string_not_equal(res.dims[d], "innovation");
	/* professional, communication, teamwork */
	assert_int_equal(res.ndims, 3);
	review_result_free(&res);
	fx_free(f);
}

/* The score a dimension has in a profile, or fails the test. */
static double
dim_of(const struct review_result *res, const char *dim)
{
	size_t d;

	for (d = 0; d < res->ndims; d++)
		if (strcmp(res->dims[d], dim) == 0) {
			assert_true(res->dim_score[d].has);
			return res->dim_score[d].v;
		}
	fail_msg("no dimension %s in the profile", dim);
	return 0;
}

static void
test_review_dimension_below_min_raters(void **state)
{
	struct fx *f = fx_load("2026-Q1",
	    "team.csv", REVIEW_TEAM,
	    "sales.csv", SALES_HDR,
	    "reviews.csv", REVIEWS_HDR
	    "2026-Q1,A1,M1,manager,professional,4\n"
	    "2026-Q1,A1,M1,manager,teamwork,2\n"
	    "2026-Q1,A1,P1,peer,professional,3\n"
	    "2026-Q1,A1,P2,peer,professional,3\n"
	    "2026-Q1,A1,P3,peer,professional,3\n"
	    "2026-Q1,A1,P1,peer,teamwork,5\n"
	    "2026-Q1,A1,CU1,customer,innovation,5\n"
	    "2026-Q1,A1,CU2,customer,innovation,5\n"
	    "2026-Q1,A1,CU3,customer,innovation,5\n"
	    "2026-Q1,A1,CU1,customer,professional,1\n"
	    "2026-Q1,B1,M1,manager,professional,4\n"
	    "2026-Q1,B1,P1,peer,professional,2\n"
	    "2026-Q1,B1,P2,peer,communication,2\n"
	    "2026-Q1,B1,P3,peer,teamwork,2\n",
	    (char *)NULL);
	struct period q1 = per("2026-Q1");
	struct review_result res;

	(void)state;
	review_compute(&f->ws, pidx(f, "A1"), &q1, &res);
	/* The peers (3 raters) pass min_raters, but only P1 rated teamwork
	 * and only CU1 of the customers rated professional: those two
	 * scores are left out of everything. */
	assert_int_equal(res.groups[REL_PEER].raters, 3);
	assert_false(res.groups[REL_PEER].withheld);
	assert_int_equal(res.groups[REL_PEER].scores, 3);
	assert_int_equal(res.groups[REL_PEER].withheld_scores, 1);
	/* peer mean 3 (with P1's teamwork: (9 + 5)/4 = 3.5) */
	near(res.groups[REL_PEER].mean, 3.0);
	assert_false(res.groups[REL_CUSTOMER].withheld);
	assert_int_equal(res.groups[REL_CUSTOMER].withheld_scores, 1);
	/* customer mean 5 (with CU1's professional: 16/4 = 4) */
	near(res.groups[REL_CUSTOMER].mean, 5.0);
	/* P1 and CU1 each have a score withheld */
	assert_int_equal(res.withheld_reviews, 2);
	/* manager (4+2)/2 = 3: raw = (0.4*3 + 0.3*3 + 0.1*5)/0.8 =
	 * 2.6/0.8 = 3.25 -> 100*2.25/4 = 56.25 (with the lone scores:
	 * (1.2 + 1.05 + 0.4)/0.8 = 3.3125 -> 57.8125) */
	near(res.raw.v, 3.25);
	near(res.score.v, 56.25);
	/* profile: professional = manager 4, peers 3 (not CU1's 1):
	 * (1.6 + 0.9)/0.7 = 3.571428... -> 100*2.571428.../4 = 64.285714...;
	 * teamwork = manager 2 alone (not P1's 5): 25; innovation =
	 * customers 5: 100 */
	near(dim_of(&res, "professional"), 450.0 / 7.0);
	near(dim_of(&res, "teamwork"), 25.0);
	near(dim_of(&res, "innovation"), 100.0);
	assert_int_equal(res.ndims, 3);
	/* the rows handed to the reports: 2 + 3 + 3, not the lone two */
	assert_int_equal(res.nrows, 8);
	review_result_free(&res);

	/* Three peers, each on a dimension of their own: every peer score
	 * is on a dimension with one rater, so the group is withheld as a
	 * whole; the score is the manager's 4 -> 75, the profile only
	 * professional. */
	review_compute(&f->ws, pidx(f, "B1"), &q1, &res);
	assert_int_equal(res.groups[REL_PEER].raters, 3);
	assert_true(res.groups[REL_PEER].withheld);
	assert_int_equal(res.groups[REL_PEER].scores, 0);
	assert_int_equal(res.withheld_reviews, 3);
	near(res.score.v, 75.0);
	near(dim_of(&res, "professional"), 75.0);
	assert_int_equal(res.ndims, 1);
	assert_int_equal(res.nrows, 1);
	review_result_free(&res);
	fx_free(f);
}

static void
test_review_latest_period(void **state)
{
	struct fx *f = fx_load("2026-Q2",
	    "team.csv", REVIEW_TEAM,
	    "sales.csv", SALES_HDR,
	    "reviews.csv", REVIEWS_HDR
	    "2026-Q1,A1,M1,manager,professional,3\n"
	    "2026-Q2,A1,M1,manager,professional,5\n"
	    "2026-Q1,B1,M1,manager,professional,5\n",
	    (char *)NULL);
	struct period p;
	struct review_result res;

	(void)state;
	/* 2026-03 ends 03-31: Q1 (ends 03-31) is used: 100*(3-1)/4 = 50 */
	p = per("2026-03");
	review_compute(&f->ws, pidx(f, "A1"), &p, &res);
	assert_true(period_equal(&res.period, &(struct period){ PERIOD_QUARTER,
	    2026, 1 }));
	near(res.score.v, 50.0);
	review_result_free(&res);
	/* 2026-05 ends 05-31: Q2 ends 06-30, later -> still Q1: 50 */
	p = per("2026-05");
	review_compute(&f->ws, pidx(f, "A1"), &p, &res);
	near(res.score.v, 50.0);
	review_result_free(&res);
	/* 2026-06: Q2 -> 100*(5-1)/4 = 100 */
	p = per("2026-06");
	review_compute(&f->ws, pidx(f, "A1"), &p, &res);
	near(res.score.v, 100.0);
	review_result_free(&res);
	/* B1 has rows only in Q1; the file's latest period for 2026-06 is Q2:
	 * no review score */
	review_compute(&f->ws, pidx(f, "B1"), &p, &res);
	assert_true(res.has_period);
	assert_false(res.score.has);
	review_result_free(&res);
	fx_free(f);
}

static void
test_review_none_at_all(void **state)
{
	struct fx *f = fx_load("2026-01",
	    "team.csv", TEAM_HDR "A1,A,T1,sales,,,\n",
	    "sales.csv", SALES_HDR "2026-01-10,A1,C1,900.00,O1\n",
	    "targets.csv", TARGETS_HDR "2026-01,rep,A1,revenue,1000.00\n",
	    (char *)NULL);
	const struct person_result *r;

	(void)state;
	fx_compute(f, "2026-01");
	r = who(f, "A1");
	assert_false(r->review.has_period);
	assert_false(r->review.score.has);
	/* composite = KPI score alone = 100*0.9 = 90 */
	near(r->kpi_score.v, 90.0);
	near(r->composite.v, 90.0);
	fx_free(f);
}

/* -------------------------------------------------------------- tiers */

struct tier_case {
	struct workspace	 ws;
	struct person		 people[32];
	struct person_result	 res[32];
	struct person_result	*order[32];
	size_t			 rooms[8], counts[8];
	size_t			 n;
};

static void
tc_init(struct tier_case *tc)
{
	memset(tc, 0, sizeof(*tc));
	tc->ws.policy = *default_policy();
	tc->ws.people = tc->people;
}

static void
tc_add(struct tier_case *tc, const char *rep, double composite, bool has_att,
    double att)
{
	size_t i = tc->n++;

	tc->people[i].rep_id = (char *)rep;
	tc->res[i].person = i;
	tc->res[i].active = true;
	tc->res[i].composite.has = true;
	tc->res[i].composite.v = composite;
	tc->res[i].revenue_attainment.has = has_att;
	tc->res[i].revenue_attainment.v = att;
	tc->res[i].tier = tc->res[i].natural_tier = NONE;
	tc->order[i] = &tc->res[i];
	tc->ws.npeople = tc->n;
}

static void
tc_assign(struct tier_case *tc)
{
	assign_tiers(&tc->ws, tc->order, tc->n, tc->rooms, tc->counts);
}

static const char *
tc_rep(const struct tier_case *tc, size_t k)
{
	return tc->people[tc->order[k]->person].rep_id;
}

static void
test_tiers_order_ties(void **state)
{
	static struct tier_case tc;

	(void)state;
	tc_init(&tc);
	tc_add(&tc, "Z1", 85.00, false, 0);
	tc_add(&tc, "b1", 85.00, true, 1.1);
	tc_add(&tc, "W1", 85.00, true, 1.1);
	tc_add(&tc, "Y1", 85.00, true, 1.2);
	tc_add(&tc, "V1", 86.00, true, 0.5);
	tc_assign(&tc);
	/* composite desc: V1 (86); then the 85s by attainment desc: Y1 (1.2),
	 * then W1/b1 (1.1) by rep_id byte order "W1" < "b1"; Z1 (none) last */
	assert_string_equal(tc_rep(&tc, 0), "V1");
	assert_string_equal(tc_rep(&tc, 1), "Y1");
	assert_string_equal(tc_rep(&tc, 2), "W1");
	assert_string_equal(tc_rep(&tc, 3), "b1");
	assert_string_equal(tc_rep(&tc, 4), "Z1");
	/* N = 5: A room floor(0.2*5+0.5) = 1 -> V1 gets A, Y1 moves to B */
	assert_int_equal(tc.order[0]->tier, 1);
	assert_int_equal(tc.order[1]->natural_tier, 1);
	assert_int_equal(tc.order[1]->tier, 2);
}

static void
test_tiers_rooms(void **state)
{
	static struct tier_case tc;
	size_t i;

	(void)state;
	tc_init(&tc);
	for (i = 0; i < 5; i++)
		tc_add(&tc, "X", 50.0, false, 0);
	tc_assign(&tc);
	/* N=5: S floor(0.10*5+0.5) = floor(1.0) = 1; A floor(1.0+0.5) = 1 */
	assert_int_equal(tc.rooms[0], 1);
	assert_int_equal(tc.rooms[1], 1);
	assert_true(tc.rooms[2] == SIZE_MAX);
	assert_true(tc.rooms[4] == SIZE_MAX);

	tc_init(&tc);
	for (i = 0; i < 15; i++)
		tc_add(&tc, "X", 50.0, false, 0);
	tc_assign(&tc);
	/* N=15: S floor(1.5+0.5) = 2; A floor(3.0+0.5) = 3 */
	assert_int_equal(tc.rooms[0], 2);
	assert_int_equal(tc.rooms[1], 3);

	tc_init(&tc);
	for (i = 0; i < 25; i++)
		tc_add(&tc, "X", 50.0, false, 0);
	tc_assign(&tc);
	/* N=25: S floor(2.5+0.5) = 3; A floor(5.0+0.5) = 5 */
	assert_int_equal(tc.rooms[0], 3);
	assert_int_equal(tc.rooms[1], 5);
	/* everyone at 50: C (min 50) */
	assert_int_equal(tc.counts[3], 25);
}

static void
test_tiers_moved_down(void **state)
{
	static struct tier_case tc;

	(void)state;
	tc_init(&tc);
	tc_add(&tc, "P1", 95.00, false, 0);
	tc_add(&tc, "P2", 92.00, false, 0);
	tc_add(&tc, "P3", 85.00, false, 0);
	tc_add(&tc, "P4", 70.00, false, 0);
	tc_add(&tc, "P5", 40.00, false, 0);
	tc_assign(&tc);
	/* N=5, rooms S 1, A 1. P1 95 -> S; P2 92 natural S, S full -> A;
	 * P3 85 natural A, A full -> B; P4 70 -> B; P5 40 -> D */
	assert_int_equal(tc.res[0].tier, 0);
	assert_int_equal(tc.res[1].natural_tier, 0);
	assert_int_equal(tc.res[1].tier, 1);
	assert_int_equal(tc.res[2].natural_tier, 1);
	assert_int_equal(tc.res[2].tier, 2);
	assert_int_equal(tc.res[3].tier, 2);
	assert_int_equal(tc.res[4].tier, 4);
	assert_int_equal(tc.counts[0], 1);
	assert_int_equal(tc.counts[1], 1);
	assert_int_equal(tc.counts[2], 2);
	assert_int_equal(tc.counts[3], 0);
	assert_int_equal(tc.counts[4], 1);
}

static void
test_tiers_scope_team(void **state)
{
	struct fx *f = fx_load("2026-03",
	    "policy.yaml",
	    "tiers_scope: team\n"
	    "tiers:\n"
	    "  - {name: S, min_score: 90, max_share: 0.5, multiplier: 1.5}\n"
	    "  - {name: B, min_score: 0, multiplier: 1.0}\n",
	    "team.csv", TEAM_HDR
	    "A1,A1,T1,research,,,\nA2,A2,T1,research,,,\n"
	    "B1,B1,T2,research,,,\nB2,B2,T2,research,,,\n"
	    "M1,M1,T0,research,,,\n",
	    "sales.csv", SALES_HDR,
	    "reviews.csv", REVIEWS_HDR
	    "2026-Q1,A1,M1,manager,professional,5\n"
	    "2026-Q1,A2,M1,manager,professional,5\n"
	    "2026-Q1,B1,M1,manager,professional,5\n"
	    "2026-Q1,B2,M1,manager,professional,4.8\n",
	    (char *)NULL);

	(void)state;
	fx_compute(f, "2026-03");
	/* composites: A1 100, A2 100, B1 100, B2 100*(4.8-1)/4 = 95.
	 * per team N = 2: S room floor(0.5*2+0.5) = 1.
	 * T1: A1, A2 tie (no attainment) -> rep_id: A1 S, A2 B.
	 * T2: B1 100 S, B2 95 B.
	 * (company-wide N = 4, room 2: A1, A2 S and B1 B.) */
	assert_int_equal(who(f, "A1")->tier, 0);
	assert_int_equal(who(f, "A2")->tier, 1);
	assert_int_equal(who(f, "B1")->tier, 0);
	assert_int_equal(who(f, "B2")->tier, 1);
	assert_int_equal(team_res(f, "T1")->tier_rooms[0], 1);
	/* company counts: S 2, B 2 */
	assert_int_equal(f->res.company.tier_counts[0], 2);
	assert_int_equal(f->res.company.tier_counts[1], 2);
	fx_free(f);
}

/* docs/computation.md: a person takes the first tier whose min_score <=
 * composite, and the computation is exact: round only where a rule says
 * and when writing.  A composite of 89.9975 is below S's 90. */
static void
test_tier_uses_exact_composite(void **state)
{
	struct fx *f = fx_load("2026-03",
	    "policy.yaml",
	    "tiers:\n"
	    "  - {name: S, min_score: 90, multiplier: 1.5}\n"
	    "  - {name: A, min_score: 80, multiplier: 1.2}\n"
	    "  - {name: D, min_score: 0, multiplier: 0}\n",
	    "team.csv", TEAM_HDR "A1,A1,T1,research,,,\nM1,M1,T1,research,,,\n",
	    "sales.csv", SALES_HDR,
	    "reviews.csv", REVIEWS_HDR "2026-Q1,A1,M1,manager,professional,"
	    "4.5999\n",
	    (char *)NULL);
	const struct person_result *r;

	(void)state;
	fx_compute(f, "2026-03");
	r = who(f, "A1");
	/* review only: 100*(4.5999-1)/4 = 89.9975 = composite */
	near(r->composite.v, 89.9975);
	/* 89.9975 < 90 -> A, not S */
	assert_int_equal(r->tier, tier_named(&f->ws.policy, "A"));
	fx_free(f);
}

/* --------------------------------------------------------- population */

static void
test_population_hires_and_leavers(void **state)
{
	struct fx *f = fx_load("2026-02",
	    "team.csv", TEAM_HDR
	    "G1,G,T1,research,,,\n"
	    "H1,Hired after,T1,research,,2026-03-01,\n"
	    "L1,Left before,T1,research,,2025-01-01,2026-01-31\n"
	    "D1,Leaves during,T1,research,,,2026-02-15\n"
	    "E1,Hired last day,T1,research,,2026-02-28,\n"
	    "F1,Leaves first day,T1,research,,,2026-02-01\n",
	    "sales.csv", SALES_HDR,
	    "reviews.csv", REVIEWS_HDR
	    "2026-01,D1,G1,manager,professional,5\n"
	    "2026-01,H1,G1,manager,professional,5\n"
	    "2026-01,L1,G1,manager,professional,5\n",
	    (char *)NULL);

	(void)state;
	fx_compute(f, "2026-02");
	/* employed during Feb: hire <= 02-28 and leave >= 02-01 */
	assert_false(who(f, "H1")->active);
	assert_false(who(f, "L1")->active);
	assert_true(who(f, "D1")->active);
	assert_true(who(f, "E1")->active);
	assert_true(who(f, "F1")->active);
	/* G1, D1, E1, F1 */
	assert_int_equal(team_res(f, "T1")->members, 4);
	/* tier population: D1 alone (N = 1): S room floor(0.1+0.5) = 0,
	 * A room floor(0.2+0.5) = 0 -> D1 (100) goes to B.  Were H1 and L1
	 * counted (N = 3, A room 1), D1 would be A. */
	assert_int_equal(who(f, "D1")->tier, 2);
	assert_int_equal(who(f, "H1")->tier, NONE);
	assert_int_equal(f->res.company.tier_counts[2], 1);
	fx_free(f);
}

/* ------------------------------------------------------------ metrics */

static void
test_metric_quarter_months_present(void **state)
{
	struct fx *f = fx_load("2026-Q1",
	    "team.csv", TEAM_HDR "A1,A1,T1,research,,,\nB1,B1,T1,campaign,,,\n",
	    "sales.csv", SALES_HDR,
	    "metrics.csv", METRICS_HDR
	    "2026-01,A1,satisfaction,4.0\n"
	    "2026-03,A1,satisfaction,5.0\n"
	    "2026-01,B1,leads,10\n"
	    "2026-02,B1,leads,5\n",
	    "targets.csv", TARGETS_HDR
	    "2026-Q1,rep,A1,satisfaction,4.5\n"
	    "2026-Q1,rep,B1,leads,30\n",
	    (char *)NULL);
	const struct person_result *r;

	(void)state;
	fx_compute(f, "2026-Q1");
	r = who(f, "A1");
	/* mean of the months present: (4.0+5.0)/2 = 4.5 (not /3 = 3.0) */
	near(kpi_of(f, r, "satisfaction")->actual.v, 4.5);
	/* 4.5/4.5 = 1.0 -> 100 */
	near(r->kpi_score.v, 100.0);
	r = who(f, "B1");
	/* sum: 10 + 5 = 15; 15/30 = 0.5; revenue has no target -> 50 */
	near(kpi_of(f, r, "leads")->actual.v, 15.0);
	near(r->kpi_score.v, 50.0);
	fx_compute(f, "2026-02");
	/* A1 in Feb: no value -> no actual, no attainment, no KPI score */
	r = who(f, "A1");
	assert_false(kpi_of(f, r, "satisfaction")->actual.has);
	assert_false(r->kpi_score.has);
	fx_free(f);
}

/* -------------------------------------------------------------- sales */

static void
test_revenue_refunds_zero_rows(void **state)
{
	struct fx *f = fx_load("2026-Q1",
	    "team.csv", TEAM_HDR "A1,A1,T1,sales,,,\nB1,B1,T1,sales,,,\n",
	    "sales.csv", SALES_HDR
	    "2026-01-05,A1,C1,1000.00,O1\n"
	    "2026-01-06,A1,C2,-200.00,O2\n"
	    "2026-01-07,A1,C3,0.00,O3\n"
	    "2026-02-03,B1,C2,300.00,O4\n"
	    "2026-02-04,A1,C3,50.00,O5\n",
	    (char *)NULL);
	const struct person_result *r;

	(void)state;
	fx_compute(f, "2026-01");
	r = who(f, "A1");
	/* 1000.00 - 200.00 + 0.00 = 800.00 */
	assert_int_equal(r->revenue_cents, 80000);
	/* orders: only O1 has amount > 0 */
	assert_int_equal(r->orders, 1);
	/* active: C1 only (C2 refund, C3 zero) */
	assert_int_equal(r->active_customers, 1);
	/* new: C1 only */
	assert_int_equal(r->new_customers, 1);
	assert_int_equal(who(f, "B1")->new_customers, 0);
	fx_compute(f, "2026-02");
	/* C2's first positive row is B1's in Feb; C3's is A1's in Feb */
	assert_int_equal(who(f, "B1")->new_customers, 1);
	assert_int_equal(who(f, "A1")->new_customers, 1);
	assert_int_equal(who(f, "A1")->revenue_cents, 5000);
	fx_free(f);
}

static void
test_orders(void **state)
{
	struct fx *f = fx_load("2026-Q1",
	    "team.csv", TEAM_HDR "A1,A1,T1,sales,,,\n",
	    "sales.csv", SALES_HDR
	    "2026-01-05,A1,C1,100.00,O1\n"
	    "2026-01-06,A1,C1,50.00,O1\n"
	    "2026-01-07,A1,C1,10.00,\n"
	    "2026-01-08,A1,C1,20.00,\n"
	    "2026-01-09,A1,C1,-30.00,O7\n"
	    "2026-01-30,A1,C1,100.00,O9\n"
	    "2026-02-02,A1,C1,100.00,O9\n",
	    (char *)NULL);
	const struct person_result *r;

	(void)state;
	fx_compute(f, "2026-01");
	r = who(f, "A1");
	/* Jan: O1 (two lines) 1 + two empty order_id rows 2 + O9 1 = 4;
	 * O7 is only a refund */
	assert_int_equal(r->orders, 4);
	/* revenue 100+50+10+20-30+100 = 250.00; per order 250/4 = 62.50 */
	assert_int_equal(r->revenue_cents, 25000);
	near(r->avg_order_value.v, 62.5);
	fx_compute(f, "2026-02");
	/* Feb: O9 once */
	assert_int_equal(who(f, "A1")->orders, 1);
	fx_compute(f, "2026-Q1");
	/* Q1: O1, O9, 2 empties = 4 (O9 once in the quarter) */
	assert_int_equal(who(f, "A1")->orders, 4);
	fx_free(f);
}

static void
test_active_customers(void **state)
{
	struct fx *f = fx_load("2026-01",
	    "team.csv", TEAM_HDR
	    "A1,A1,T1,sales,,,\nB1,B1,T1,sales,,,\nD1,D1,T2,sales,,,\n",
	    "sales.csv", SALES_HDR
	    "2026-01-05,A1,C1,100.00,O1\n"
	    "2026-01-06,A1,C1,100.00,O2\n"
	    "2026-01-07,A1,C2,100.00,O3\n"
	    "2026-01-08,B1,C1,100.00,O4\n"
	    "2026-01-09,B1,C3,100.00,O5\n"
	    "2026-01-10,B1,C4,-50.00,O6\n"
	    "2026-01-11,D1,C1,100.00,O7\n",
	    (char *)NULL);

	(void)state;
	fx_compute(f, "2026-01");
	/* A1: C1, C2 = 2; B1: C1, C3 = 2 (C4 refund only); D1: C1 = 1 */
	assert_int_equal(who(f, "A1")->active_customers, 2);
	assert_int_equal(who(f, "B1")->active_customers, 2);
	assert_int_equal(who(f, "D1")->active_customers, 1);
	/* T1 distinct: C1, C2, C3 = 3 (not 2+2 = 4) */
	assert_int_equal(team_res(f, "T1")->active_customers, 3);
	assert_int_equal(team_res(f, "T2")->active_customers, 1);
	/* company: C1, C2, C3 = 3 */
	assert_int_equal(f->res.company.active_customers, 3);
	fx_free(f);
}

static void
test_group_figures_members_only(void **state)
{
	struct fx *f = fx_load("2026-Q4",
	    "team.csv", TEAM_HDR
	    "A1,A1,T1,sales,,,\n"
	    "L1,Leaves mid-quarter,T1,sales,,,2026-11-15\n"
	    "H1,Hired next year,T1,sales,,2027-01-01,\n"
	    "X1,Left before,T1,sales,,,2026-09-30\n"
	    "B1,B1,T2,sales,,,\n",
	    "sales.csv", SALES_HDR
	    "2026-10-01,A1,C1,100.00,O1\n"
	    "2026-10-10,L1,C8,200.00,O2\n"
	    "2026-12-05,L1,C9,400.00,O3\n"
	    "2026-12-20,H1,C7,800.00,O4\n"
	    "2026-10-20,X1,C6,1600.00,O5\n"
	    "2026-11-03,B1,C6,3200.00,O6\n",
	    (char *)NULL);
	const struct group_result *t1;

	(void)state;
	/* L1's December row, H1's row and X1's row are each warned about */
	assert_int_equal(f->ws.sales.outside_employment, 3);
	assert_int_equal(diag_count(DIAG_WARNING), 3);
	fx_compute(f, "2026-Q4");
	/* Q4's members: A1 and L1 (T1), B1 (T2); H1 and X1 are not
	 * employed in Q4, so none of their rows is a team's or the
	 * company's. */
	t1 = team_res(f, "T1");
	assert_int_equal(t1->members, 2);
	/* 100 + 200 + 400 (L1's December row: L1 is a member of Q4) */
	assert_int_equal(t1->revenue_cents, 70000);
	assert_int_equal(t1->orders, 3);
	/* C1, C8, C9 (not H1's C7 nor X1's C6: 5 with them) */
	assert_int_equal(t1->active_customers, 3);
	/* the same three are new; C6 is new with X1 (10-20, before B1) */
	assert_int_equal(t1->new_customers, 3);
	assert_int_equal(team_res(f, "T2")->active_customers, 1);
	assert_int_equal(team_res(f, "T2")->new_customers, 0);
	/* company: C1, C8, C9 and B1's C6 = 4 (not C7: 5 with it) */
	assert_int_equal(f->res.company.members, 3);
	assert_int_equal(f->res.company.revenue_cents, 390000);
	assert_int_equal(f->res.company.active_customers, 4);
	assert_int_equal(f->res.company.new_customers, 3);

	fx_compute(f, "2026-10");
	/* October: A1 and L1; C1 and C8 (not X1's C6: 3 with it) */
	t1 = team_res(f, "T1");
	assert_int_equal(t1->members, 2);
	assert_int_equal(t1->active_customers, 2);
	assert_int_equal(f->res.company.active_customers, 2);

	fx_compute(f, "2026-12");
	/* December: L1 has left, A1 alone sold nothing: no customers (L1's
	 * C9 and H1's C7 would make 2) */
	t1 = team_res(f, "T1");
	assert_int_equal(t1->members, 1);
	assert_int_equal(t1->revenue_cents, 0);
	assert_int_equal(t1->active_customers, 0);
	assert_int_equal(f->res.company.active_customers, 0);
	fx_free(f);
}

static void
test_new_customers(void **state)
{
	struct fx *f = fx_load("2026-Q1",
	    "team.csv", TEAM_HDR "A1,A1,T1,sales,,,\nB1,B1,T1,sales,,,\n",
	    "sales.csv", SALES_HDR			/* line 1 */
	    "2025-12-10,A1,C1,100.00,O1\n"		/* line 2 */
	    "2026-01-05,A1,C2,100.00,O2\n"		/* line 3 */
	    "2026-01-05,B1,C2,100.00,O3\n"		/* line 4 */
	    "2026-01-03,B1,C3,-50.00,O4\n"		/* line 5 */
	    "2026-01-04,B1,C3,0.00,O5\n"		/* line 6 */
	    "2026-01-10,A1,C3,100.00,O6\n"		/* line 7 */
	    "2026-02-01,A1,C4,100.00,O7\n"		/* line 8 */
	    "2026-01-20,B1,C4,100.00,O8\n"		/* line 9 */
	    "2026-01-15,A1,C1,100.00,O9\n",		/* line 10 */
	    (char *)NULL);

	(void)state;
	fx_compute(f, "2026-01");
	/* C1: first 2025-12 -> not new in Jan.  C2: same date, line 3 (A1)
	 * before line 4 -> A1.  C3: the refund and zero rows of B1 do not
	 * count; first positive is A1's line 7 -> A1.  C4: B1's 01-20 is
	 * earlier than A1's 02-01 (though a later line) -> B1 in Jan.
	 * A1 = 2, B1 = 1 */
	assert_int_equal(who(f, "A1")->new_customers, 2);
	assert_int_equal(who(f, "B1")->new_customers, 1);
	fx_compute(f, "2026-02");
	assert_int_equal(who(f, "A1")->new_customers, 0);
	assert_int_equal(who(f, "B1")->new_customers, 0);
	fx_compute(f, "2025-12");
	assert_int_equal(who(f, "A1")->new_customers, 1);
	fx_compute(f, "2026-Q1");
	/* team sum: 2 + 1 = 3 */
	assert_int_equal(team_res(f, "T1")->new_customers, 3);
	fx_free(f);
}

/* ------------------------------------------------------ growth, pace */

#define GROWTH_SALES SALES_HDR \
	"2025-02-10,A1,C1,800.00,O1\n" \
	"2025-11-10,A1,C1,1100.00,O2\n" \
	"2026-01-10,A1,C1,1000.00,O3\n" \
	"2026-02-10,A1,C1,1200.00,O4\n" \
	"2025-02-10,B1,C2,-100.00,O5\n" \
	"2026-02-10,B1,C2,500.00,O6\n" \
	"2026-01-10,C1,C3,-300.00,O7\n" \
	"2026-02-10,C1,C3,600.00,O8\n"

static void
test_growth(void **state)
{
	struct fx *f = fx_load("2026-Q1",
	    "team.csv", TEAM_HDR
	    "A1,A1,T1,sales,,,\nB1,B1,T1,sales,,,\nC1,C1,T1,sales,,,\n",
	    "sales.csv", GROWTH_SALES,
	    (char *)NULL);
	const struct person_result *r;

	(void)state;
	fx_compute(f, "2026-02");
	r = who(f, "A1");
	/* MoM (1200-1000)/1000 = 0.2; YoY (1200-800)/800 = 0.5 */
	assert_true(r->growth_prev.has);
	near(r->growth_prev.v, 0.2);
	near(r->growth_year.v, 0.5);
	/* B1: Jan 0 -> no MoM; Feb 2025 -100 <= 0 -> no YoY */
	assert_false(who(f, "B1")->growth_prev.has);
	assert_false(who(f, "B1")->growth_year.has);
	/* C1: Jan -300 <= 0 -> no MoM */
	assert_false(who(f, "C1")->growth_prev.has);
	fx_compute(f, "2026-Q1");
	r = who(f, "A1");
	/* Q1 2026 = 2200 vs Q4 2025 = 1100: (2200-1100)/1100 = 1.0;
	 * vs Q1 2025 = 800: (2200-800)/800 = 1.75 */
	near(r->growth_prev.v, 1.0);
	near(r->growth_year.v, 1.75);
	fx_free(f);
}

static void
test_run_rate(void **state)
{
	struct fx *f = fx_load("2026-Q1",
	    "team.csv", TEAM_HDR
	    "A1,A1,T1,sales,,,\nB1,B1,T1,sales,,,\nC1,C1,T1,sales,,,\n",
	    "sales.csv", GROWTH_SALES,
	    "targets.csv", TARGETS_HDR "2026,rep,A1,revenue,12000.00\n",
	    (char *)NULL);
	const struct person_result *r;

	(void)state;
	fx_compute(f, "2026-02");
	r = who(f, "A1");
	/* YTD 1000 + 1200 = 2200.00; / 2 months * 12 = 13200.00 */
	assert_int_equal(r->ytd_cents, 220000);
	assert_int_equal(r->elapsed_months, 2);
	assert_int_equal(r->run_rate_cents, 1320000);
	/* against the year's 12000.00: 13200/12000 = 1.1 */
	assert_true(r->run_rate_attainment.has);
	near(r->run_rate_attainment.v, 1.1);
	fx_compute(f, "2026-Q1");
	r = who(f, "A1");
	/* 2200.00 / 3 * 12 = 8800.00 */
	assert_int_equal(r->run_rate_cents, 880000);
	/* B1 has no year target: no run-rate attainment */
	assert_false(who(f, "B1")->run_rate_attainment.has);
	fx_free(f);
}

/* --------------------------------------------------------- scores.csv */

static void
test_scores_csv(void **state)
{
	struct fx *f = fx_load("2026-01",
	    "team.csv", TEAM_HDR
	    "a1,=SUM(A1),T1,sales,,,\n"
	    "B1,\"Li, Lei\",T1,sales,,,\n"
	    "Z9,Gone,T1,sales,,,2025-12-31\n",
	    "sales.csv", SALES_HDR
	    "2026-01-10,B1,X,800.00,O1\n"
	    "2026-01-12,B1,X,400.00,O2\n",
	    "targets.csv", TARGETS_HDR
	    "2026-01,rep,B1,revenue,1000.00\n"
	    "2026-01,rep,B1,new_customers,1\n",
	    (char *)NULL);
	struct buf b = BUF_INIT;
	/*
	 * B1: revenue 1200.00, target 1000.00, a 1.2000; orders 2, active 1,
	 * new 1; KPI 100*(0.6*1.2 + 0.2*1.0)/0.8 = 115.00; no review;
	 * composite 115.00; N = 1 -> S and A rooms 0 -> B (x1.0);
	 * commission 400*0.01 = 4.00 + 200*0.03 = 6.00 = 10.00.
	 * a1: nothing -> empty fields; name starts with '=' -> leading '.
	 * Z9 left before the month: no row.  "B1" < "a1" in byte order.
	 * Settlement columns: a month pays what it computes (paid 10.00,
	 * due 0.00), January is the whole year to date (10.00); a1 has no
	 * commission and 0.00 in all three.
	 */
	const char *want =
	    "\xef\xbb\xbf"
	    "period,rep_id,name,team,role,revenue,revenue_target,"
	    "revenue_attainment,orders,active_customers,new_customers,"
	    "kpi_score,review_score,composite,tier,commission,measured_on,"
	    "commission_paid,commission_due,commission_ytd\r\n"
	    "2026-01,B1,\"Li, Lei\",T1,sales,1200.00,1000.00,1.2000,2,1,1,"
	    "115.00,,115.00,B,10.00,self,10.00,0.00,10.00\r\n"
	    "2026-01,a1,'=SUM(A1),T1,sales,0.00,,,0,0,0,,,,,,self,0.00,0.00,"
	    "0.00\r\n";

	(void)state;
	fx_compute(f, "2026-01");
	scores_csv(&f->ws, &f->res, &b);
	assert_non_null(b.data);
	assert_string_equal(b.data, want);
	buf_free(&b);
	fx_free(f);
}

/*
 * The table behind scores.csv and scores.xlsx: the same fixture as
 * test_scores_csv, each cell's kind (what the workbook types it as) and
 * its text (the CSV's field before quoting: a1's name without the quote).
 */
static void
test_scores_table(void **state)
{
	struct fx *f = fx_load("2026-01",
	    "team.csv", TEAM_HDR
	    "a1,=SUM(A1),T1,sales,,,\n"
	    "B1,\"Li, Lei\",T1,sales,,,\n",
	    "sales.csv", SALES_HDR
	    "2026-01-10,B1,X,800.00,O1\n"
	    "2026-01-12,B1,X,400.00,O2\n",
	    "targets.csv", TARGETS_HDR
	    "2026-01,rep,B1,revenue,1000.00\n"
	    "2026-01,rep,B1,new_customers,1\n",
	    (char *)NULL);
	static const enum cell_kind b1[] = { CELL_TEXT, CELL_TEXT, CELL_TEXT,
	    CELL_TEXT, CELL_TEXT, CELL_MONEY, CELL_MONEY, CELL_RATIO,
	    CELL_COUNT, CELL_COUNT, CELL_COUNT, CELL_SCORE, CELL_EMPTY,
	    CELL_SCORE, CELL_TEXT, CELL_MONEY, CELL_TEXT, CELL_MONEY,
	    CELL_MONEY, CELL_MONEY };
	static const char *const b1_text[] = { "2026-01", "B1", "Li, Lei",
	    "T1", "sales", "1200.00", "1000.00", "1.2000", "2", "1", "1",
	    "115.00", "", "115.00", "B", "10.00", "self", "10.00", "0.00",
	    "10.00" };
	struct num_table t;
	size_t c;

	(void)state;
	fx_compute(f, "2026-01");
	scores_table(&f->ws, &f->res, &t);
	assert_int_equal(t.ncols, 20);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.columns[16], "measured_on");
	for (c = 0; c < t.ncols; c++) {
		assert_int_equal(t.cells[c].kind, b1[c]);
		assert_string_equal(cell_text(&t, &t.cells[c]), b1_text[c]);
	}
	assert_int_equal(t.cells[5].cents, 120000);
	/* a1: typed text as it is; no revenue target: an empty cell */
	assert_string_equal(cell_text(&t, &t.cells[t.ncols + 2]),
	    "=SUM(A1)");
	assert_int_equal(t.cells[t.ncols + 6].kind, CELL_EMPTY);
	assert_int_equal(t.cells[t.ncols + 19].kind, CELL_MONEY);
	num_table_free(&t);
	teams_table(&f->ws, &f->res, &t);
	assert_int_equal(t.ncols, 9);
	assert_int_equal(t.nrows, 1);
	assert_int_equal(t.cells[2].kind, CELL_COUNT);
	assert_string_equal(cell_text(&t, &t.cells[2]), "2");
	num_table_free(&t);
	fx_free(f);
}

#define T(test) cmocka_unit_test_teardown(test, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_round_half_up_div),
		T(test_commission_marginal_vs_flat),
		T(test_commission_at_edge_1_0),
		T(test_commission_at_edge_1_2),
		T(test_commission_below_gate),
		T(test_commission_gate_exactly),
		T(test_commission_cap_after_multiplier),
		T(test_commission_tier_d_zero),
		T(test_commission_negative_revenue),
		T(test_commission_no_target),
		T(test_commission_target_zero),
		T(test_commission_half_up_cents),
		T(test_commission_next_bracket_hint),
		T(test_commission_quarter_uses_quarter_totals),
		T(test_attainment_rules),
		T(test_kpi_lower_is_better_in_score),
		T(test_target_seasonality_half_up),
		T(test_target_mean_kpi_as_is),
		T(test_target_quarter_month_missing),
		T(test_target_month_row_wins),
		T(test_team_target_sum_of_members),
		T(test_team_target_gap_flag),
		T(test_kpi_score_renormalised),
		T(test_kpi_score_caps),
		T(test_no_kpi_review_only_composite),
		T(test_composite_formula),
		T(test_review_relation_weights),
		T(test_review_withheld_group),
		T(test_review_dimension_below_min_raters),
		T(test_review_latest_period),
		T(test_review_none_at_all),
		T(test_tiers_order_ties),
		T(test_tiers_rooms),
		T(test_tiers_moved_down),
		T(test_tiers_scope_team),
		T(test_tier_uses_exact_composite),
		T(test_population_hires_and_leavers),
		T(test_metric_quarter_months_present),
		T(test_revenue_refunds_zero_rows),
		T(test_orders),
		T(test_active_customers),
		T(test_group_figures_members_only),
		T(test_new_customers),
		T(test_growth),
		T(test_run_rate),
		T(test_scores_csv),
		T(test_scores_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
