/*
 * `scorecard check`: read and validate the whole workspace, print every
 * problem, change nothing.  When all is well, a one-line summary per file
 * and "OK" go to standard output, the policy's line followed by the
 * effective KPIs, roles, tiers and commission plans (the user's file laid
 * over the built-in policy), one a line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/numfmt.h"
#include "util/utf8.h"
#include "input/csvread.h"
#include "input/workspace.h"
#include "jobs/jobs.h"

/* 1234567 -> "1,234,567" */
static const char *
thousands(long n, char out[32])
{
	char tmp[32];
	size_t len, i, k = 0;

	snprintf(tmp, sizeof(tmp), "%ld", n < 0 ? -n : n);
	len = strlen(tmp);
	if (n < 0)
		out[k++] = '-';
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = tmp[i];
	}
	out[k] = '\0';
	return out;
}

/* "s" for a count other than one. */
static const char *
s_unless_one(long n)
{
	return n == 1 ? "" : "s";
}

static void
file_line(const struct file_info *fi, const char *what)
{
	char *shown;

	if (!fi->present)
		return;
	shown = utf8_shown(fi->path);
	printf("%s: %s, %s", shown, what, csv_encoding_name(fi->encoding));
	free(shown);
	if (fi->skipped > 0)
		printf(", %ld row%s skipped", fi->skipped,
		    s_unless_one(fi->skipped));
	putchar('\n');
}

/* A commission plan on one line: its keys as policy.yaml names them. */
static void
plan_line(const struct policy *p, const char *what, size_t base, bool flat,
    int64_t gate, bool has_cap, int64_t cap, bool monthly, bool clawback,
    const struct bracket *b, size_t nb)
{
	struct buf l = BUF_INIT;
	size_t i;

	buf_printf(&l, "  %s: base %s, mode %s, gate ", what,
	    p->kpis[base].name, flat ? "flat" : "marginal");
	fmt_micro(&l, gate);
	buf_puts(&l, ", cap ");
	if (has_cap) {
		fmt_cents(&l, cap);
		buf_puts(&l, " a month");
	} else
		buf_puts(&l, "none");
	buf_printf(&l, ", settle %s, clawback %s; brackets",
	    monthly ? "monthly" : "quarterly", clawback ? "true" : "false");
	for (i = 0; i < nb; i++) {
		buf_puts(&l, i == 0 ? " " : ", ");
		buf_puts(&l, b[i].has_to ? "" : "from ");
		fmt_micro(&l, b[i].from_micro);
		if (b[i].has_to) {
			buf_puts(&l, " to ");
			fmt_micro(&l, b[i].to_micro);
		}
		buf_puts(&l, " at ");
		fmt_micro(&l, b[i].rate_micro);
	}
	if (nb == 0)
		buf_puts(&l, " none");
	printf("%s\n", buf_str(&l));
	buf_free(&l);
}

/*
 * The effective policy (docs/input.md §9): a line per KPI, role and tier,
 * then the commission plan and each role's own.
 */
static void
print_policy(const struct policy *p)
{
	static const char *const sources[] = { "sales", "metrics" };
	static const char *const aggs[] = { "sum", "mean" };
	static const char *const units[] = { "money", "count", "score",
	    "ratio" };
	struct buf l = BUF_INIT;
	size_t i, j;

	for (i = 0; i < p->nkpis; i++) {
		const struct kpi_def *k = &p->kpis[i];

		buf_reset(&l);
		buf_printf(&l, "  kpi %s: source %s, agg %s, unit %s, cap ",
		    k->name, sources[k->source], aggs[k->agg],
		    units[k->unit]);
		if (k->has_cap)
			buf_printf(&l, "%g", k->cap);
		else
			buf_puts(&l, "none");
		if (!k->higher_is_better)
			buf_puts(&l, ", higher_is_better false");
		printf("%s\n", buf_str(&l));
	}
	for (i = 0; i < p->nroles; i++) {
		const struct role_def *r = &p->roles[i];

		buf_reset(&l);
		buf_printf(&l, "  role %s:", r->name);
		for (j = 0; j < r->nweights; j++)
			buf_printf(&l, "%s %s %g", j > 0 ? "," : "",
			    p->kpis[r->weights[j].kpi].name,
			    r->weights[j].weight);
		if (r->nweights == 0)
			buf_puts(&l, " no KPIs (reviews alone)");
		if (r->team_scope)
			buf_puts(&l, "; measured on the team");
		printf("%s\n", buf_str(&l));
	}
	for (i = 0; i < p->ntiers; i++) {
		const struct tier_def *t = &p->tiers[i];

		buf_reset(&l);
		buf_printf(&l, "  tier %s: min_score ", t->name);
		fmt_micro(&l, t->min_score_micro);
		if (t->has_max_share) {
			buf_puts(&l, ", max_share ");
			fmt_micro(&l, t->max_share_micro);
		}
		buf_puts(&l, ", multiplier ");
		fmt_micro(&l, t->multiplier_micro);
		if (t->honor != NULL) {	/* free text: escaped */
			buf_puts(&l, ", honor ");
			utf8_printable(&l, t->honor, strlen(t->honor),
			    SIZE_MAX);
		}
		printf("%s\n", buf_str(&l));
	}
	buf_free(&l);
	plan_line(p, "commission", p->commission_base, p->commission_flat,
	    p->gate_micro, p->has_commission_cap, p->commission_cap_cents,
	    p->settle_monthly, p->clawback, p->brackets, p->nbrackets);
	for (i = 0; i < p->nroles; i++) {
		const struct role_plan *r = &p->roles[i].plan;
		struct buf what = BUF_INIT;

		if (!p->roles[i].has_plan)
			continue;
		buf_printf(&what, "commission_by_role %s", p->roles[i].name);
		plan_line(p, buf_str(&what), r->base, r->flat, r->gate_micro,
		    r->has_cap, r->cap_cents, r->settle_monthly, r->clawback,
		    r->brackets, r->nbrackets);
		buf_free(&what);
	}
}

static void
print_summary(const struct workspace *ws)
{
	char a[32], b[32], what[256], d1[11], d2[11], *shown;
	size_t i, open = 0, nperiods = 0, j;

	if (ws->policy.path != NULL) {
		shown = utf8_shown(ws->policy.path);
		printf("%s: %zu KPI%s, %zu role%s, %zu tier%s\n", shown,
		    ws->policy.nkpis, s_unless_one((long)ws->policy.nkpis),
		    ws->policy.nroles, s_unless_one((long)ws->policy.nroles),
		    ws->policy.ntiers, s_unless_one((long)ws->policy.ntiers));
		free(shown);
	} else
		printf("policy.yaml: absent, built-in defaults used\n");
	print_policy(&ws->policy);
	snprintf(what, sizeof(what), "%zu %s in %zu team%s", ws->npeople,
	    ws->npeople == 1 ? "person" : "people", ws->nteams,
	    s_unless_one((long)ws->nteams));
	file_line(&ws->files[FILE_TEAM], what);
	snprintf(what, sizeof(what), "%s row%s, %s to %s, %ld refund%s",
	    thousands(ws->sales.rows, a), s_unless_one(ws->sales.rows),
	    ws->sales.rows ? (date_format(ws->sales.first, d1), d1) : "-",
	    ws->sales.rows ? (date_format(ws->sales.last, d2), d2) : "-",
	    ws->sales.refunds, s_unless_one(ws->sales.refunds));
	file_line(&ws->files[FILE_SALES], what);
	snprintf(what, sizeof(what), "%s target%s",
	    thousands((long)ws->ntargets, a), s_unless_one((long)ws->ntargets));
	file_line(&ws->files[FILE_TARGETS], what);
	snprintf(what, sizeof(what), "%s value%s",
	    thousands((long)ws->nmetrics, a), s_unless_one((long)ws->nmetrics));
	file_line(&ws->files[FILE_METRICS], what);
	/* Distinct review periods: few, so a short list of those seen. */
	{
		struct period *seen = NULL;

		for (i = 0; i < ws->nreviews; i++) {
			for (j = 0; j < nperiods; j++)
				if (period_equal(&seen[j],
				    &ws->reviews[i].period))
					break;
			if (j < nperiods)
				continue;
			seen = xreallocarray(seen, nperiods + 1,
			    sizeof(*seen));
			seen[nperiods++] = ws->reviews[i].period;
		}
		free(seen);
	}
	snprintf(what, sizeof(what), "%s score%s in %zu review period%s",
	    thousands((long)ws->nreviews, a), s_unless_one((long)ws->nreviews),
	    nperiods, s_unless_one((long)nperiods));
	file_line(&ws->files[FILE_REVIEWS], what);
	for (i = 0; i < ws->nactions; i++)
		if (ws->actions[i].status == ACTION_OPEN)
			open++;
	snprintf(what, sizeof(what), "%s action%s, %s open",
	    thousands((long)ws->nactions, a), s_unless_one((long)ws->nactions),
	    thousands((long)open, b));
	file_line(&ws->files[FILE_ACTIONS], what);
	if (ws->ncases > 0) {
		shown = utf8_shown(ws->dir);
		printf("%s/cases: %zu case%s\n", shown, ws->ncases,
		    s_unless_one((long)ws->ncases));
		free(shown);
	}
}

int
job_check(const struct options *o)
{
	struct workspace ws;
	int status;

	status = workspace_read(&ws, o->input, o->lenient, true, false, NULL);
	if (status == 0) {
		print_summary(&ws);
		printf("OK\n");
	} else {
		diag_summary("nothing changed");
		if (diag_exit_status() != 0)
			status = diag_exit_status();
	}
	workspace_free(&ws);
	return status;
}
