/*
 * Unit tests for settlement, true-up, year to date and the per-month cap
 * (docs/computation.md, "Settlement"; SPEC §7).  Every expectation is
 * worked out by hand and written as a literal, with the arithmetic beside
 * it.  The workspaces use one tier of multiplier 1, so that each
 * commission is the plan's arithmetic on revenue and target alone.
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
#include <unistd.h>

#include "compute/compute.h"
#include "input/policy.h"
#include "input/values.h"
#include "input/workspace.h"
#include "util/buf.h"
#include "util/diag.h"

/* ------------------------------------------------------------ helpers */

#define TEAM_HDR	"rep_id,name,team,role,manager_id,hire_date,leave_date\n"
#define SALES_HDR	"date,rep_id,customer_id,amount,order_id\n"
#define TARGETS_HDR	"period,scope,id,kpi,target\n"
#define METRICS_HDR	"period,rep_id,kpi,value\n"
#define REVIEWS_HDR	"period,reviewee_id,reviewer_id,relation,dimension,score\n"

#include "compute_fixture.h"


/* The settlement of rep in the last computed period. */
static void
settled(struct fx *f, const char *period, const char *rep,
    int64_t commission, int64_t paid, int64_t due, int64_t ytd)
{
	const struct person_result *r = &fx_compute(f, period)->people[
	    pidx(f, rep)];

	assert_true(r->commission.has);
	assert_int_equal(r->commission.amount_cents, commission);
	assert_int_equal(r->commission_paid_cents, paid);
	assert_int_equal(r->commission_due_cents, due);
	assert_int_equal(r->commission_ytd_cents, ytd);
}

/* One tier (x1), 1 % of all revenue from 0, the default cap 50,000.00. */
#define LINEAR_POLICY \
	"tiers:\n" \
	"  - {name: B, min_score: 0, multiplier: 1.0}\n" \
	"roles:\n" \
	"  sales: {revenue: 1.0}\n" \
	"commission:\n" \
	"  gate: 0\n" \
	"  brackets: [{from: 0, rate: 0.01}]\n"

#define Q1_TARGETS \
	"2026-01,rep,A1,revenue,10000.00\n" \
	"2026-02,rep,A1,revenue,10000.00\n" \
	"2026-03,rep,A1,revenue,10000.00\n"

static void
test_settle_quarter_matches_months(void **state)
{
	/*
	 * Months 9,291.00, 31,647.00 and 22,911.00 at 1 %: 92.91, 316.47,
	 * 229.11; the quarter 63,849.00 at 1 % = 638.49 = 92.91 + 316.47 +
	 * 229.11: paid 638.49, due 0.00; year to date 638.49.
	 */
	struct fx *f = fx_load("2026-Q1",
	    "policy.yaml", LINEAR_POLICY,
	    "team.csv", TEAM_HDR "A1,A,T1,sales,,,\n",
	    "sales.csv", SALES_HDR
	    "2026-01-10,A1,C1,9291.00,O1\n"
	    "2026-02-10,A1,C1,31647.00,O2\n"
	    "2026-03-10,A1,C1,22911.00,O3\n",
	    "targets.csv", TARGETS_HDR Q1_TARGETS,
	    (char *)NULL);

	(void)state;
	settled(f, "2026-Q1", "A1", 63849, 63849, 0, 63849);
	/* a month: paid = commission, due 0; February's year to date is
	 * January's and February's: 92.91 + 316.47 = 409.38 */
	settled(f, "2026-02", "A1", 31647, 31647, 0, 40938);
	fx_free(f);
}

static void
test_settle_quarter_cap(void **state)
{
	/*
	 * Cap 50,000.00 per month.  Months 6,000,000.00 -> 60,000.00 capped
	 * at 50,000.00; 4,953,410.00 -> 49,534.10; 6,000,000.00 -> 50,000.00.
	 * Paid 149,534.10.  The quarter: 16,953,410.00 at 1 % = 169,534.10,
	 * capped at 3 x 50,000.00 = 150,000.00 (not 50,000.00): due 465.90,
	 * year to date 149,534.10 + 465.90 = 150,000.00.
	 */
	struct fx *f = fx_load("2026-Q1",
	    "policy.yaml", LINEAR_POLICY,
	    "team.csv", TEAM_HDR "A1,A,T1,sales,,,\n",
	    "sales.csv", SALES_HDR
	    "2026-01-10,A1,C1,6000000.00,O1\n"
	    "2026-02-10,A1,C1,4953410.00,O2\n"
	    "2026-03-10,A1,C1,6000000.00,O3\n",
	    "targets.csv", TARGETS_HDR Q1_TARGETS,
	    (char *)NULL);
	const struct person_result *r;

	(void)state;
	settled(f, "2026-Q1", "A1", 15000000, 14953410, 46590, 15000000);
	r = &f->res.people[pidx(f, "A1")];
	assert_true(r->commission.capped);
	settled(f, "2026-01", "A1", 5000000, 5000000, 0, 5000000);
	assert_true(f->res.people[pidx(f, "A1")].commission.capped);
	fx_free(f);
}

/*
 * Flat: 1 % below attainment 1.0, 2 % from it.  January 20,000.00 of
 * 10,000.00 (a 2.0): 2 % = 400.00; February and March 0.00.  The quarter:
 * 20,000.00 of 30,000.00 (a 0.6667): 1 % = 200.00, below the 400.00 paid.
 * April 10,000.00 of 10,000.00 (a 1.0): 2 % = 200.00; May and June 0.00;
 * Q2: 10,000.00 of 30,000.00: 1 % = 100.00, paid 200.00.
 */
#define FLAT_POLICY(extra) \
	"tiers:\n" \
	"  - {name: B, min_score: 0, multiplier: 1.0}\n" \
	"roles:\n" \
	"  sales: {revenue: 1.0}\n" \
	"commission:\n" \
	"  mode: flat\n" \
	"  gate: 0\n" \
	extra \
	"  brackets: [{from: 0, to: 1.0, rate: 0.01}, {from: 1.0, rate: 0.02}]\n"
#define FLAT_SALES SALES_HDR \
	"2026-01-10,A1,C1,20000.00,O1\n" \
	"2026-04-10,A1,C1,10000.00,O2\n"
#define H1_TARGETS TARGETS_HDR Q1_TARGETS \
	"2026-04,rep,A1,revenue,10000.00\n" \
	"2026-05,rep,A1,revenue,10000.00\n" \
	"2026-06,rep,A1,revenue,10000.00\n"

static void
test_settle_negative_due_clawback(void **state)
{
	struct fx *f = fx_load("2026-Q2",
	    "policy.yaml", FLAT_POLICY(""),
	    "team.csv", TEAM_HDR "A1,A,T1,sales,,,\n",
	    "sales.csv", FLAT_SALES,
	    "targets.csv", H1_TARGETS,
	    (char *)NULL);

	(void)state;
	/* Q1: paid 400.00, due 200.00 - 400.00 = -200.00 (a deduction);
	 * year to date 400.00 - 200.00 = 200.00 */
	settled(f, "2026-Q1", "A1", 20000, 40000, -20000, 20000);
	/* March, the quarter's last month, includes Q1's due: 200.00 */
	settled(f, "2026-03", "A1", 0, 0, 0, 20000);
	/* a year to date across two quarters: May = 400.00 (Jan) - 200.00
	 * (Q1 due) + 200.00 (Apr) + 0.00 (May) = 400.00 */
	settled(f, "2026-05", "A1", 0, 0, 0, 40000);
	/* Q2: paid 200.00, due 100.00 - 200.00 = -100.00; year to date
	 * 400 + 0 + 0 + 200 + 0 + 0 - 200 - 100 = 300.00 */
	settled(f, "2026-Q2", "A1", 10000, 20000, -10000, 30000);
	fx_free(f);
}

static void
test_settle_negative_due_no_clawback(void **state)
{
	struct fx *f = fx_load("2026-Q2",
	    "policy.yaml", FLAT_POLICY("  clawback: false\n"),
	    "team.csv", TEAM_HDR "A1,A,T1,sales,,,\n",
	    "sales.csv", FLAT_SALES,
	    "targets.csv", H1_TARGETS,
	    (char *)NULL);

	(void)state;
	/* the deductions floored at 0.00: Q1 year to date 400.00, Q2
	 * 400.00 + 200.00 = 600.00 */
	settled(f, "2026-Q1", "A1", 20000, 40000, 0, 40000);
	settled(f, "2026-Q2", "A1", 10000, 20000, 0, 60000);
	fx_free(f);
}

static void
test_settle_monthly(void **state)
{
	struct fx *f = fx_load("2026-Q2",
	    "policy.yaml", FLAT_POLICY("  settle: monthly\n"),
	    "team.csv", TEAM_HDR "A1,A,T1,sales,,,\n",
	    "sales.csv", FLAT_SALES,
	    "targets.csv", H1_TARGETS,
	    (char *)NULL);

	(void)state;
	/* the quarter's commission is what the months paid: Q1 400.00,
	 * due 0.00; Q2 200.00, year to date 400.00 + 200.00 = 600.00 */
	settled(f, "2026-Q1", "A1", 40000, 40000, 0, 40000);
	settled(f, "2026-Q2", "A1", 20000, 20000, 0, 60000);
	fx_free(f);
}

static void
test_settle_leaver_and_no_target(void **state)
{
	/*
	 * L1 leaves on 2026-02-15: January 10,000.00 at 1 % = 100.00,
	 * February 5,000.00 = 50.00, not a member in March (0.00).  The
	 * quarter: 15,000.00 of 30,000.00 = 150.00: paid 150.00, due 0.00.
	 * N1 has no target: no commission anywhere, 0.00 in all three.
	 */
	struct fx *f = fx_load("2026-Q1",
	    "policy.yaml", LINEAR_POLICY,
	    "team.csv", TEAM_HDR "L1,L,T1,sales,,,2026-02-15\n"
	    "N1,N,T1,sales,,,\n",
	    "sales.csv", SALES_HDR
	    "2026-01-10,L1,C1,10000.00,O1\n"
	    "2026-02-10,L1,C1,5000.00,O2\n"
	    "2026-02-10,N1,C2,5000.00,O3\n",
	    "targets.csv", TARGETS_HDR
	    "2026-01,rep,L1,revenue,10000.00\n"
	    "2026-02,rep,L1,revenue,10000.00\n"
	    "2026-03,rep,L1,revenue,10000.00\n",
	    (char *)NULL);
	const struct person_result *n;

	(void)state;
	settled(f, "2026-Q1", "L1", 15000, 15000, 0, 15000);
	n = &f->res.people[pidx(f, "N1")];
	assert_false(n->commission.has);
	assert_int_equal(n->commission_paid_cents, 0);
	assert_int_equal(n->commission_due_cents, 0);
	assert_int_equal(n->commission_ytd_cents, 0);
	fx_free(f);
}

/* ---------------------------------------------- measured on the team */

/*
 * Team T1: manager M1 (own sales 5,000.00, own target 10,000.00), A1
 * (60,000.00 of 50,000.00) and A2 (30,000.00 of 40,000.00); no team row
 * in targets.csv.  The company plan pays 1 % of all revenue from 0; the
 * manager plan has a gate of 0.8 and pays 0.2 % from 0.8 to 1.0 and
 * 0.4 % above.
 */
#define TEAM_POLICY(commission) \
	"tiers:\n" \
	"  - {name: B, min_score: 0, multiplier: 1.0}\n" \
	"roles:\n" \
	"  sales: {revenue: 1.0}\n" \
	"  manager: {revenue: 1.0}\n" \
	"team_scope_roles: [manager]\n" \
	"commission:\n" \
	"  gate: 0\n" \
	commission \
	"  brackets: [{from: 0, rate: 0.01}]\n" \
	"commission_by_role:\n" \
	"  manager: {gate: 0.8, brackets: [{from: 0.8, to: 1.0, " \
	"rate: 0.002}, {from: 1.0, rate: 0.004}]}\n"
#define TEAM_PEOPLE TEAM_HDR \
	"M1,M,T1,manager,,,\n" \
	"A1,A,T1,sales,M1,,\n" \
	"A2,B,T1,sales,M1,,\n"
#define TEAM_SALES SALES_HDR \
	"2026-01-10,A1,C1,60000.00,O1\n" \
	"2026-01-11,A2,C2,30000.00,O2\n" \
	"2026-01-12,M1,C3,5000.00,O3\n"
#define TEAM_TARGETS TARGETS_HDR \
	"2026-01,rep,A1,revenue,50000.00\n" \
	"2026-01,rep,A2,revenue,40000.00\n" \
	"2026-01,rep,M1,revenue,10000.00\n"

static void
test_team_manager_plan(void **state)
{
	struct fx *f = fx_load("2026-01",
	    "policy.yaml", TEAM_POLICY(""),
	    "team.csv", TEAM_PEOPLE,
	    "sales.csv", TEAM_SALES,
	    "targets.csv", TEAM_TARGETS,
	    (char *)NULL);
	const struct person_result *m, *a;
	const struct period_result *res;

	(void)state;
	res = fx_compute(f, "2026-01");
	m = &res->people[pidx(f, "M1")];
	/*
	 * The team's figures: revenue 60,000.00 + 30,000.00 + 5,000.00 =
	 * 95,000.00; target 50,000.00 + 40,000.00 + 10,000.00 (M1's own
	 * target counts in the sum) = 100,000.00; attainment 0.95; three
	 * orders, three customers, all new.
	 */
	assert_true(m->team_measured);
	assert_int_equal(m->revenue_cents, 9500000);
	assert_int_equal(m->own_revenue_cents, 500000);
	assert_true(m->revenue_target.has);
	assert_int_equal(m->revenue_target.cents, 10000000);
	assert_true(m->revenue_attainment.has);
	assert_true(m->revenue_attainment.v > 0.949999 &&
	    m->revenue_attainment.v < 0.950001);
	assert_int_equal(m->orders, 3);
	assert_int_equal(m->active_customers, 3);
	assert_int_equal(m->new_customers, 3);
	/* KPI score 100 x 0.95 = 95; no review: composite 95 */
	assert_true(m->kpi_score.has && m->kpi_score.v > 94.9999 &&
	    m->kpi_score.v < 95.0001);
	assert_true(m->composite.has && m->composite.v > 94.9999 &&
	    m->composite.v < 95.0001);
	/*
	 * Manager plan: 0.95 >= gate 0.8; slice 0.8-1.0: 95,000.00 -
	 * 80,000.00 = 15,000.00 x 0.2 % = 30.00; nothing above 1.0; tier
	 * x 1; the company cap 50,000.00 not reached.  (On the company plan
	 * it would have been 1 % x 95,000.00 = 950.00.)
	 */
	assert_true(m->commission.has);
	assert_int_equal(m->commission.target_cents, 10000000);
	assert_int_equal(m->commission.nslices, 1);
	assert_int_equal(m->commission.slices[0].base_cents, 1500000);
	assert_int_equal(m->commission.amount_cents, 3000);
	/* next bracket at 1.0: 100,000.00, 5,000.00 more, paying 20,000.00
	 * x 0.2 % = 40.00 */
	assert_true(m->commission.has_next);
	assert_int_equal(m->commission.next_revenue_cents, 10000000);
	assert_int_equal(m->commission.next_more_cents, 500000);
	assert_int_equal(m->commission.next_amount_cents, 4000);
	/* a month: paid = commission, due 0, year to date 30.00 */
	assert_int_equal(m->commission_paid_cents, 3000);
	assert_int_equal(m->commission_due_cents, 0);
	assert_int_equal(m->commission_ytd_cents, 3000);
	/* the team's own total counts nobody twice: 95,000.00 */
	assert_int_equal(res->teams[f->ws.people[pidx(f, "M1")].team_index].
	    revenue_cents, 9500000);
	assert_int_equal(res->teams[f->ws.people[pidx(f, "M1")].team_index].
	    orders, 3);
	/* a sales person unchanged: own 60,000.00 of 50,000.00 = 1.2, 1 % =
	 * 600.00 on the company plan */
	a = &res->people[pidx(f, "A1")];
	assert_false(a->team_measured);
	assert_int_equal(a->revenue_cents, 6000000);
	assert_int_equal(a->revenue_target.cents, 5000000);
	assert_true(a->revenue_attainment.v > 1.199999 &&
	    a->revenue_attainment.v < 1.200001);
	assert_int_equal(a->orders, 1);
	assert_int_equal(a->commission.amount_cents, 60000);
	/* A2: 1 % x 30,000.00 = 300.00 (the company gate is 0) */
	assert_int_equal(res->people[pidx(f, "A2")].commission.amount_cents,
	    30000);
	fx_free(f);
}

static void
test_team_plan_overlay(void **state)
{
	/*
	 * The company plan names cap 25.00 and settle: monthly; the manager
	 * plan names neither, so both come from the company plan: M1's
	 * 30.00 (as above) is capped at 25.00.  A1's 600.00 too.
	 */
	struct fx *f = fx_load("2026-01",
	    "policy.yaml", TEAM_POLICY("  cap: 25.00\n  settle: monthly\n"),
	    "team.csv", TEAM_PEOPLE,
	    "sales.csv", TEAM_SALES,
	    "targets.csv", TEAM_TARGETS,
	    (char *)NULL);
	const struct policy *pol = &f->ws.policy;
	const struct role_def *mgr = &pol->roles[policy_role(pol, "manager")];
	const struct role_def *sales = &pol->roles[policy_role(pol, "sales")];
	const struct person_result *m;

	(void)state;
	assert_true(mgr->team_scope && mgr->has_plan);
	assert_false(sales->team_scope || sales->has_plan);
	assert_int_equal(mgr->plan.gate_micro, 800000);
	assert_int_equal(mgr->plan.nbrackets, 2);
	assert_int_equal(mgr->plan.brackets[1].rate_micro, 4000);
	assert_true(mgr->plan.has_cap);
	assert_int_equal(mgr->plan.cap_cents, 2500);
	assert_true(mgr->plan.settle_monthly);
	assert_true(mgr->plan.clawback);
	assert_int_equal(mgr->plan.base, policy_kpi(pol, "revenue"));
	/* the company plan itself untouched */
	assert_int_equal(pol->gate_micro, 0);
	assert_int_equal(pol->nbrackets, 1);
	m = &fx_compute(f, "2026-01")->people[pidx(f, "M1")];
	assert_int_equal(m->commission.amount_cents, 2500);
	assert_true(m->commission.capped);
	assert_int_equal(f->res.people[pidx(f, "A1")].commission.amount_cents,
	    2500);
	fx_free(f);
}

/* policy.yaml at dir, loaded on its own: its exit status. */
static int
load_policy_text(const char *text)
{
	char dir[] = "/tmp/sc_test_policy_XXXXXX", path[64];
	struct policy p;
	int status;

	assert_non_null(mkdtemp(dir));
	write_file(dir, "policy.yaml", text);
	snprintf(path, sizeof(path), "%s/policy.yaml", dir);
	diag_reset();
	diag_set_quiet_notes(true);
	status = policy_load(&p, path);
	policy_free(&p);
	remove_dir(dir);
	return status;
}

static void
test_team_policy_checks(void **state)
{
	(void)state;
	assert_int_equal(load_policy_text("team_scope_roles: [manager]\n"
	    "commission_by_role: {manager: {gate: 0.9}}\n"), 0);
	/* a role not in roles, given twice, an unknown key, a gate beyond
	 * the limit, a bracket out of order */
	assert_int_not_equal(load_policy_text(
	    "team_scope_roles: [boss]\n"), 0);
	assert_int_not_equal(load_policy_text(
	    "team_scope_roles: [manager, manager]\n"), 0);
	assert_int_not_equal(load_policy_text(
	    "commission_by_role: {boss: {gate: 0.9}}\n"), 0);
	assert_int_not_equal(load_policy_text(
	    "commission_by_role: {manager: {rates: 0.9}}\n"), 0);
	assert_int_not_equal(load_policy_text(
	    "commission_by_role: {manager: {gate: 101}}\n"), 0);
	assert_int_not_equal(load_policy_text(
	    "commission_by_role: {manager: {brackets: [{from: 1, rate: 0.1},"
	    " {from: 0.5, rate: 0.1}]}}\n"), 0);
}

#define T(test) cmocka_unit_test_teardown(test, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_settle_quarter_matches_months),
		T(test_settle_quarter_cap),
		T(test_settle_negative_due_clawback),
		T(test_settle_negative_due_no_clawback),
		T(test_settle_monthly),
		T(test_settle_leaver_and_no_target),
		T(test_team_manager_plan),
		T(test_team_plan_overlay),
		T(test_team_policy_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
