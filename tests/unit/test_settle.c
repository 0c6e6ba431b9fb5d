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

static struct period
per(const char *s)
{
	struct period p;
	const char *err = parse_period(s, strlen(s), &p);

	if (err != NULL)
		fail_msg("bad period in the test: %s: %s", s, err);
	return p;
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static void
remove_dir(const char *dir)
{
	char path[512];
	struct dirent *de;
	DIR *d = opendir(dir);

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

/* A workspace read the way jobs/report.c reads it, plus one result. */
struct fx {
	char			 dir[64];
	struct workspace	 ws;
	struct period		 window;
	struct sales_agg	 agg;
	bool			 started;
	struct period_result	 res;
	bool			 has_res;
};

/* The workspace of the running test, freed by the teardown even when an
 * assertion fails half-way (cmocka leaves the test by longjmp). */
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
	struct fx *f = arg;

	sales_agg_row(&f->agg, s);
}

/* Files as (name, text) pairs, then NULL. */
static struct fx *
fx_load(const char *window, ...)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct sales_sink sink = { fx_begin, fx_row, NULL, false };
	const char *name, *text;
	va_list ap;
	int status;

	assert_non_null(f);
	strcpy(f->dir, "/tmp/sc_test_compute_XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	va_start(ap, window);
	while ((name = va_arg(ap, const char *)) != NULL) {
		text = va_arg(ap, const char *);
		write_file(f->dir, name, text);
	}
	va_end(ap);
	f->window = per(window);
	sink.arg = f;
	live = f;
	diag_reset();
	diag_set_quiet_notes(true);
	status = workspace_read(&f->ws, f->dir, false, true, true, &sink);
	if (status != 0)
		fail_msg("workspace_read refused the test workspace: %d",
		    status);
	assert_true(f->started);
	sales_agg_finish(&f->agg);
	return f;
}

static struct period_result *
fx_compute(struct fx *f, const char *period)
{
	struct period p = per(period);

	if (f->has_res)
		period_result_free(&f->res);
	compute_period(&f->ws, &f->agg, &p, &f->res);
	f->has_res = true;
	return &f->res;
}

static void
fx_free(struct fx *f)
{
	if (f->has_res)
		period_result_free(&f->res);
	if (f->started)
		sales_agg_free(&f->agg);
	workspace_free(&f->ws);
	remove_dir(f->dir);
	free(f);
	if (live == f)
		live = NULL;
}

static int
teardown(void **state)
{
	(void)state;
	if (live != NULL)
		fx_free(live);
	return 0;
}

static size_t
pidx(const struct fx *f, const char *rep)
{
	size_t i;

	if (!strmap_get(&f->ws.person_index, rep, strlen(rep), &i) ||
	    i == NONE)
		fail_msg("no person %s", rep);
	return i;
}


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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
