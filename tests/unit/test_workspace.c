/*
 * Unit tests for reading a whole workspace, generator/input/workspace.c
 * (docs/input.md §3-§12): each test writes a small workspace into ws/ of
 * a scratch folder, reads it with workspace_read(), and checks the model
 * it made (people, teams, managers, targets, metrics, reviews, actions,
 * cases, the sales rows handed to the sink) and everything printed on
 * standard error, compared whole.  Every value below is worked out by
 * hand from the files written in the same test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/buf.h"
#include "util/diag.h"
#include "input/workspace.h"

#include "scratch.h"

/* The sales rows as the sink saw them, one line each. */
static void
sink_row(void *arg, const struct sale *s)
{
	buf_printf(arg, "%ld %d p%zu %.*s %lld [%.*s]\n", s->line,
	    (int)s->date, s->person, (int)s->customer_len, s->customer,
	    (long long)s->cents, (int)s->order_len, s->order_id);
}

struct result {
	struct workspace ws;
	int		 status;
	struct buf	 sales;		/* what the sink saw */
	char		*err;		/* standard error */
};

static void
read_ws(const char *dir, bool lenient, bool want_sales, bool sales_required,
    struct result *r)
{
	struct sales_sink sink = { NULL, sink_row, NULL, 1, 0, NULL };
	int saved;

	memset(r, 0, sizeof(*r));
	sink.arg = &r->sales;
	diag_reset();
	saved = capture_begin();
	r->status = workspace_read(&r->ws, dir, lenient, want_sales,
	    sales_required, &sink);
	r->err = capture_end(saved);
}

static void
done(struct result *r)
{
	workspace_free(&r->ws);
	buf_free(&r->sales);
	free(r->err);
}

/* ------------------------------------------------------- a good workspace */

static void
write_good_workspace(void)
{
	scratch_text("ws/team.csv",
	    "rep_id,name,team,role,manager_id,hire_date,leave_date,email\n"
	    "M1,Ma,east,manager,,2020-01-01,,\n"
	    "S2,Su,east,sales,M1,2026-03-15,,su@example.cn\n"
	    "S1,Shi,west,sales,M1,,2026-09-30,\n");
	scratch_text("ws/sales.csv",
	    "date,rep_id,customer_id,amount,order_id\n"
	    "2026-10-03,S2,C1,\"¥1,234.50\",O1\n"
	    "2026/10/4,M1,C2,-200,\n"
	    "2026-10-05,S1,C1,100,O2\n");
	scratch_text("ws/targets.csv",
	    "period,scope,id,kpi,target\n"
	    "2026-Q4,team,east,revenue,\"300,000\"\n"
	    "2026,公司,,revenue,1000000\n"
	    "2026-10,rep,S2,orders,12\n");
	scratch_text("ws/metrics.csv",
	    "期间,工号,指标,数值\n"
	    "2026-10,S2,satisfaction,85%\n");
	scratch_text("ws/reviews.csv",
	    "period,reviewee_id,reviewer_id,relation,dimension,score,comment\n"
	    "2026-Q3,S2,M1,上级,professional,4.5,Good\n"
	    "2026Q3,S2,S2,SELF,teamwork,4,\n"
	    "2026-Q3,S2,client-9,customer,communication,5,\n");
	scratch_text("ws/actions.csv",
	    "id,rep_id,opened,action,due,status,closed,note\n"
	    "A1,S2,2026-10,Call back,2026-11-30,进行中,,\n"
	    "A2,M1,2026-Q3,Train,2026-09-30,done,2026-09-15,ok\n");
	scratch_text("ws/cases/c1.md",
	    "---\n"
	    "title: 价格战复盘\n"
	    "date: 2026-04-18\n"
	    "team: east\n"
	    "author: S2\n"
	    "tags: [定价, 竞品]\n"
	    "period: 2026-Q1\n"
	    "---\n"
	    "## 回顾目标\n");
}

static void
good_workspace(void **state)
{
	struct result r;
	const struct workspace *ws = &r.ws;

	(void)state;
	write_good_workspace();
	read_ws("ws", false, true, true, &r);
	/* S1 left on 2026-09-30: the sale is kept, and said; the
	 * percentage is read as a share, and said once */
	assert_string_equal(r.err, "ws/metrics.csv:2: value: note: 85% read "
	    "as 0.85\n"
	    "ws/sales.csv:4: rep_id: warning: sale "
	    "dated 2026-10-05 after S1 left on 2026-09-30 (S1)\n");
	assert_int_equal(r.status, 0);

	/* people in file order; managers resolved */
	assert_int_equal(ws->npeople, 3);
	assert_string_equal(ws->people[0].rep_id, "M1");
	assert_string_equal(ws->people[1].rep_id, "S2");
	assert_string_equal(ws->people[2].rep_id, "S1");
	assert_int_equal(ws->people[0].manager, NONE);
	assert_int_equal(ws->people[1].manager, 0);
	assert_int_equal(ws->people[2].manager, 0);
	assert_int_equal(ws->people[0].hire, 20200101);
	assert_int_equal(ws->people[1].hire, 20260315);
	assert_int_equal(ws->people[2].leave, 20260930);
	assert_int_equal(ws->people[1].role_index, 0);	/* sales */
	assert_int_equal(ws->people[0].role_index, 4);	/* manager */
	assert_string_equal(ws->people[1].email, "su@example.cn");
	assert_null(ws->people[0].email);
	assert_int_equal(ws->people[2].line, 4);

	/* teams in byte order of id, members by rep_id */
	assert_int_equal(ws->nteams, 2);
	assert_string_equal(ws->teams[0].id, "east");
	assert_int_equal(ws->teams[0].nmembers, 2);
	assert_int_equal(ws->teams[0].members[0], 0);	/* M1 */
	assert_int_equal(ws->teams[0].members[1], 1);	/* S2 */
	assert_string_equal(ws->teams[1].id, "west");
	assert_int_equal(ws->teams[1].nmembers, 1);
	assert_int_equal(ws->teams[1].members[0], 2);	/* S1 */
	assert_int_equal(ws->people[2].team_index, 1);

	/* every good sales row reaches the sink, in file order */
	assert_string_equal(buf_str(&r.sales),
	    "2 20261003 p1 C1 123450 [O1]\n"
	    "3 20261004 p0 C2 -20000 []\n"
	    "4 20261005 p2 C1 10000 [O2]\n");
	assert_int_equal(ws->sales.rows, 3);
	assert_int_equal(ws->sales.first, 20261003);
	assert_int_equal(ws->sales.last, 20261005);
	assert_int_equal(ws->sales.refunds, 1);
	assert_int_equal(ws->sales.outside_employment, 1);

	/* targets: team east's quarter, the company's year, S2's month */
	assert_int_equal(ws->ntargets, 3);
	assert_int_equal(ws->targets[0].scope, TARGET_TEAM);
	assert_int_equal(ws->targets[0].owner, 0);
	assert_int_equal(ws->targets[0].period.kind, PERIOD_QUARTER);
	assert_int_equal(ws->targets[0].cents, 30000000);
	assert_int_equal(ws->targets[1].scope, TARGET_COMPANY);
	assert_int_equal(ws->targets[1].owner, NONE);
	assert_int_equal(ws->targets[1].period.kind, PERIOD_YEAR);
	assert_int_equal(ws->targets[1].cents, 100000000);
	assert_int_equal(ws->targets[2].scope, TARGET_REP);
	assert_int_equal(ws->targets[2].owner, 1);
	assert_int_equal(ws->targets[2].kpi, 1);	/* orders */
	assert_true(ws->targets[2].value == 12);

	/* a metric: October 2026 is month 2026 * 12 + 9 */
	assert_int_equal(ws->nmetrics, 1);
	assert_int_equal(ws->metrics[0].month, 24321);
	assert_int_equal(ws->metrics[0].person, 1);
	assert_int_equal(ws->metrics[0].kpi, 3);	/* satisfaction */
	assert_true(ws->metrics[0].value == 0.85);

	/* reviews: 上级 is manager, SELF is self, a customer is any text */
	assert_int_equal(ws->nreviews, 3);
	assert_int_equal(ws->reviews[0].relation, REL_MANAGER);
	assert_string_equal(ws->reviews[0].comment, "Good");
	assert_true(ws->reviews[0].score == 4.5);
	assert_int_equal(ws->reviews[1].relation, REL_SELF);
	assert_null(ws->reviews[1].comment);
	assert_int_equal(ws->reviews[2].relation, REL_CUSTOMER);
	assert_string_equal(ws->reviews[2].reviewer, "client-9");
	assert_string_equal(ws->reviews[2].dimension, "communication");

	/* actions: 进行中 is open */
	assert_int_equal(ws->nactions, 2);
	assert_int_equal(ws->actions[0].status, ACTION_OPEN);
	assert_int_equal(ws->actions[0].due, 20261130);
	assert_int_equal(ws->actions[1].status, ACTION_DONE);
	assert_int_equal(ws->actions[1].closed, 20260915);
	assert_string_equal(ws->actions[1].note, "ok");

	/* the case and its front matter; the body starts on line 9 */
	assert_int_equal(ws->ncases, 1);
	assert_string_equal(ws->cases[0].slug, "c1");
	assert_string_equal(ws->cases[0].title, "价格战复盘");
	assert_int_equal(ws->cases[0].date, 20260418);
	assert_int_equal(ws->cases[0].team, 0);
	assert_int_equal(ws->cases[0].author, 1);
	assert_int_equal(ws->cases[0].ntags, 2);
	assert_string_equal(ws->cases[0].tags[1], "竞品");
	assert_true(ws->cases[0].has_period);
	assert_int_equal(ws->cases[0].body_line, 9);
	assert_string_equal(ws->cases[0].body, "## 回顾目标\n");

	/* what check prints per file */
	assert_int_equal(ws->files[FILE_TEAM].rows, 3);
	assert_int_equal(ws->files[FILE_SALES].rows, 3);
	assert_int_equal(ws->files[FILE_TARGETS].rows, 3);
	assert_int_equal(ws->files[FILE_METRICS].rows, 1);
	assert_int_equal(ws->files[FILE_REVIEWS].rows, 3);
	assert_int_equal(ws->files[FILE_ACTIONS].rows, 2);
	assert_int_equal(ws->files[FILE_TEAM].encoding, ENC_UTF8);
	done(&r);
}

/* ---------------------------------------------------------------- errors */

static void
every_problem_reported(void **state)
{
	struct result r;

	(void)state;
	scratch_text("ws/team.csv",
	    "rep_id,name,team,role\n"
	    "S1,Shi,west,sales\n"
	    "S1,Again,west,sales\n"
	    "S3,Sun,west,pilot\n");
	scratch_text("ws/sales.csv",
	    "date,rep_id,customer_id,amount\n"
	    "2026-02-30,S1,C1,10\n"
	    "2026-10-01,X9,C1,12.345\n");
	read_ws("ws", false, true, true, &r);
	/* in reading order: team.csv, then sales.csv; every problem of a
	 * row, and no good row reached the sink */
	assert_string_equal(r.err,
	    "ws/team.csv:3: rep_id: rep_id given twice (first on line 2) "
	    "(S1)\n"
	    "ws/team.csv:4: role: role not in policy.yaml roles (pilot)\n"
	    "ws/sales.csv:2: date: no such day (2026-02-30)\n"
	    "ws/sales.csv:3: rep_id: unknown rep_id (not in team.csv) (X9)\n"
	    "ws/sales.csv:3: amount: more than 2 decimals (12.345)\n");
	assert_int_equal(r.status, EX_DATAERR);
	assert_string_equal(buf_str(&r.sales), "");
	done(&r);
}

static void
lenient_skips_rows(void **state)
{
	struct result r;

	(void)state;
	scratch_text("ws/team.csv",
	    "rep_id,name,team,role\n"
	    "S1,Shi,west,sales\n"
	    "S2,,west,sales\n");
	scratch_text("ws/sales.csv",
	    "date,rep_id,customer_id,amount\n"
	    "2026-10-01,S2,C1,10\n"
	    "2026-10-02,S1,C1,20\n");
	read_ws("ws", true, true, true, &r);
	/* S2's row is skipped, so is the sale that names S2 */
	assert_string_equal(r.err,
	    "ws/team.csv:3: name: warning: empty value; row skipped\n"
	    "ws/team.csv: warning: 1 row skipped\n"
	    "ws/sales.csv:2: rep_id: warning: this person's row in team.csv "
	    "was skipped; row skipped (S2)\n"
	    "ws/sales.csv: warning: 1 row skipped\n");
	assert_int_equal(r.status, 0);
	assert_int_equal(r.ws.npeople, 1);
	assert_int_equal(r.ws.files[FILE_TEAM].skipped, 1);
	assert_int_equal(r.ws.files[FILE_SALES].skipped, 1);
	assert_string_equal(buf_str(&r.sales), "3 20261002 p0 C1 2000 []\n");
	done(&r);
}

static void
managers_resolved(void **state)
{
	struct result r;

	(void)state;
	scratch_text("ws/team.csv",
	    "rep_id,name,team,role,manager_id\n"
	    "A,Aa,t,sales,B\n"
	    "B,Bb,t,sales,A\n"
	    "C,Cc,t,sales,Z\n"
	    "D,Dd,t,sales,D\n");
	read_ws("ws", false, false, false, &r);
	/* unknown and self first (one pass), then the circle A -> B -> A */
	assert_string_equal(r.err,
	    "ws/team.csv:4: manager_id: unknown manager (not a rep_id in "
	    "team.csv) (Z)\n"
	    "ws/team.csv:5: manager_id: a person cannot be their own manager "
	    "(D)\n"
	    "ws/team.csv:2: manager_id: managers form a circle back to this "
	    "person (B)\n"
	    "ws/team.csv:3: manager_id: managers form a circle back to this "
	    "person (A)\n");
	assert_int_equal(r.status, EX_DATAERR);
	done(&r);
}

static void
targets_checked(void **state)
{
	struct result r;

	(void)state;
	scratch_text("ws/team.csv", "rep_id,name,team,role\nS1,Shi,west,sales\n");
	/* 2026Q3 and 2026-Q3 are one period */
	scratch_text("ws/targets.csv",
	    "period,scope,id,kpi,target\n"
	    "2026-Q3,rep,S1,revenue,100\n"
	    "2026Q3,rep,S1,revenue,200\n"
	    "2026-Q3,company,west,revenue,5\n"
	    "2026-10,team,north,orders,3\n"
	    "2026-10,rep,S1,orders,-1\n"
	    "2026-10,rep,S1,profit,1\n");
	read_ws("ws", false, false, false, &r);
	assert_string_equal(r.err,
	    "ws/targets.csv:3: target: the same target is given twice (first "
	    "on line 2) (200)\n"
	    "ws/targets.csv:4: id: a company target takes no id: leave it empty (west)\n"
	    "ws/targets.csv:5: id: unknown team (no one in team.csv is in it) "
	    "(north)\n"
	    "ws/targets.csv:6: target: a target cannot be negative (-1)\n"
	    "ws/targets.csv:7: kpi: KPI not in policy.yaml kpis (profit)\n");
	assert_int_equal(r.status, EX_DATAERR);
	assert_int_equal(r.ws.ntargets, 1);
	done(&r);
}

static void
renamed_columns(void **state)
{
	struct result r;

	(void)state;
	scratch_text("ws/policy.yaml", "columns:\n  team: {rep_id: Employee No}\n");
	scratch_text("ws/team.csv",
	    "Employee No,name,team,role\nS1,Shi,west,sales\n");
	read_ws("ws", false, false, false, &r);
	assert_string_equal(r.err, "");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.ws.policy.path, "ws/policy.yaml");
	assert_int_equal(r.ws.npeople, 1);
	assert_string_equal(r.ws.people[0].rep_id, "S1");
	done(&r);
}

static void
policy_problem_stops_reading(void **state)
{
	struct result r;

	(void)state;
	/* team.csv is missing, but the policy's problem comes first and the
	 * files after it are not read yet */
	scratch_text("ws/policy.yaml", "review: {min_rater: 5}\n");
	read_ws("ws", false, true, true, &r);
	assert_string_equal(r.err,
	    "ws/policy.yaml:1: review.min_rater: unknown key (a typo?)\n");
	assert_int_equal(r.status, EX_DATAERR);
	assert_int_equal(r.ws.files[FILE_TEAM].present, false);
	done(&r);
}

static void
missing_files(void **state)
{
	struct result r;

	(void)state;
	read_ws("nowhere", false, true, true, &r);
	assert_string_equal(r.err, "nowhere: cannot open the input folder: "
	    "No such file or directory\n");
	assert_int_equal(r.status, EX_NOINPUT);
	done(&r);

	scratch_text("ws/sales.csv", "date,rep_id,customer_id,amount\n");
	read_ws("ws", false, true, true, &r);
	assert_string_equal(r.err,
	    "ws/team.csv: missing: this file is required (or team.xlsx)\n");
	assert_int_equal(r.status, EX_NOINPUT);
	done(&r);

	/* a header and no people */
	scratch_text("ws/team.csv", "rep_id,name,team,role\n");
	read_ws("ws", false, true, true, &r);
	assert_string_equal(r.err, "ws/team.csv: no people: the file has a "
	    "header but no rows\n");
	assert_int_equal(r.status, EX_DATAERR);
	done(&r);
}

static void
sales_when_wanted(void **state)
{
	struct result r;

	(void)state;
	scratch_text("ws/team.csv", "rep_id,name,team,role\nS1,Shi,west,sales\n");
	/* not wanted (check of the cases, say): not read at all */
	scratch_text("ws/sales.csv", "date\nnot a date\n");
	read_ws("ws", false, false, false, &r);
	assert_string_equal(r.err, "");
	assert_int_equal(r.status, 0);
	assert_false(r.ws.files[FILE_SALES].present);
	done(&r);

	/* wanted but optional (check): a warning when it is missing */
	remove("ws/sales.csv");
	read_ws("ws", false, true, false, &r);
	assert_string_equal(r.err, "ws/sales.csv: warning: missing: monthly "
	    "and quarterly reports need it (or sales.xlsx)\n");
	assert_int_equal(r.status, 0);
	done(&r);

	/* required (monthly, quarterly) */
	read_ws("ws", false, true, true, &r);
	assert_string_equal(r.err,
	    "ws/sales.csv: missing: this file is required (or sales.xlsx)\n");
	assert_int_equal(r.status, EX_NOINPUT);
	done(&r);
}

/*
 * Values read in a form that takes some reading are said once per file,
 * column and form, at the first such row, with how many more there are;
 * the rows read as the notes say (46300 = 2026-10-05, 1.2万 = 1,200,000
 * cents, a zone ignored).
 */
static void
value_forms_noted(void **state)
{
	struct result r;

	(void)state;
	scratch_text("ws/team.csv",
	    "rep_id,name,team,role,manager_id,hire_date,leave_date,email\n"
	    "S1,Shi,west,sales,,44270,46387,\n");
	scratch_text("ws/sales.csv",
	    "date,rep_id,customer_id,amount,order_id\n"
	    "2026-10-03,S1,C1,100,O1\n"
	    "46300,S1,C2,1.2万,O2\n"
	    "46301.25,S1,C3,0.000001万,O3\n"
	    "2026-10-05T23:30:00-05:00,S1,C4,-3.5万元,O4\n"
	    "46302,S1,C5,¥1200元,O5\n");
	read_ws("ws", false, true, true, &r);
	assert_string_equal(r.err,
	    "ws/team.csv:2: hire_date: note: 44270 read as a spreadsheet "
	    "serial date: 2021-03-15\n"
	    "ws/team.csv:2: leave_date: note: 46387 read as a spreadsheet "
	    "serial date: 2026-12-31\n"
	    "ws/sales.csv:3: date: note: 46300 read as a spreadsheet serial "
	    "date: 2026-10-05; 2 more like it\n"
	    "ws/sales.csv:3: amount: note: 1.2万 read as 12,000.00 (万 = "
	    "10,000); 2 more like it\n"
	    "ws/sales.csv:5: date: note: 2026-10-05T23:30:00-05:00 read as "
	    "2026-10-05, the date as written: the time zone is ignored\n");
	assert_int_equal(r.status, 0);
	assert_int_equal(r.ws.people[0].hire, 20210315);
	assert_int_equal(r.ws.people[0].leave, 20261231);
	assert_string_equal(buf_str(&r.sales),
	    "2 20261003 p0 C1 10000 [O1]\n"
	    "3 20261005 p0 C2 1200000 [O2]\n"
	    "4 20261006 p0 C3 1 [O3]\n"
	    "5 20261005 p0 C4 -3500000 [O4]\n"
	    "6 20261007 p0 C5 120000 [O5]\n");
	done(&r);
}

/*
 * A review given twice (the same period in two forms, the relation in two
 * languages) is refused at its second line, naming the first; reviewer
 * ids and dimensions that hold the same text split at another place
 * ("a|b" "c" and "a" "b|c") are two reviews.
 */
static void
review_given_twice(void **state)
{
	struct result r;

	(void)state;
	scratch_text("ws/team.csv",
	    "rep_id,name,team,role,manager_id,hire_date,leave_date,email\n"
	    "M1,Ma,east,manager,,2020-01-01,,\n"
	    "S1,Shi,east,sales,M1,2020-01-01,,\n");
	scratch_text("ws/reviews.csv",
	    "period,reviewee_id,reviewer_id,relation,dimension,score\n"
	    "2026-Q3,S1,M1,manager,teamwork,4\n"
	    "2026-Q3,S1,a|b,customer,c,5\n"
	    "2026-Q3,S1,a,customer,b|c,3\n"
	    "2026Q3,S1,M1,上级,teamwork,2\n"
	    "2026-Q3,S1,M1,manager,focus,2\n"
	    "2026-Q4,S1,M1,manager,teamwork,2\n");
	read_ws("ws", false, false, false, &r);
	assert_string_equal(r.err, "ws/reviews.csv:5: score: the same "
	    "reviewer, relation and dimension twice for this person and "
	    "period (first on line 2) (2)\n");
	assert_int_equal(r.status, EX_DATAERR);
	done(&r);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, scratch_setup, \
		    scratch_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(good_workspace),
		T(every_problem_reported),
		T(lenient_skips_rows),
		T(managers_resolved),
		T(targets_checked),
		T(renamed_columns),
		T(policy_problem_stops_reading),
		T(missing_files),
		T(sales_when_wanted),
		T(value_forms_noted),
		T(review_given_twice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
