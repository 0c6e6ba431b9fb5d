/*
 * `scorecard check`: read and validate the whole workspace, print every
 * problem, change nothing.  When all is well, a one-line summary per file
 * and "OK" go to standard output, the policy's line followed by the
 * effective KPIs, roles, tiers and commission plans (the user's file laid
 * over the built-in policy), one a line.  A month folder of the output
 * folder whose scores.csv records a commission that the current inputs no
 * longer give is warned about (a late change to paid history; exit 0).
 */
#include <sys/stat.h>

#include <dirent.h>
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
#include "casebook/casebook.h"
#include "compute/compute.h"
#include "input/csvread.h"
#include "input/values.h"
#include "input/workspace.h"
#include "jobs/jobs.h"
#include "jobs/sample.h"
#include "tmpl/names.h"
#include "tmpl/templates.h"

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
	printf("%s: %s, %s", shown, what, csv_file_format(fi));
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

/* organisation, as the documents will show it: one line. */
static void
print_organisation(const struct workspace *ws)
{
	const struct organisation *o = &ws->policy.org;
	struct buf l = BUF_INIT;
	char *shown;
	size_t i;

	if (o->company != NULL)
		buf_printf(&l, "; company %s", o->company);
	for (i = 0; i < o->nteams; i++)
		buf_printf(&l, "; team %s = %s", o->teams[i].id,
		    o->teams[i].name);
	for (i = 0; i < o->nroles; i++)
		buf_printf(&l, "; role %s = %s", o->roles[i].id,
		    o->roles[i].name);
	if (ws->logo != NULL)
		buf_printf(&l, "; logo %s (%s, %zu bytes)", o->logo,
		    strcmp(ws->logo_name, "logo.png") == 0 ? "PNG" : "JPEG",
		    ws->logo_len);
	if (o->sender != NULL)
		buf_printf(&l, "; sender %s", o->sender);
	if (l.len > 0) {
		shown = utf8_shown(l.data + 2);
		printf("  organisation: %s\n", shown);
		free(shown);
	}
	buf_free(&l);
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
	print_organisation(ws);
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

/*
 * Paid history (docs/computation.md, "Settlement"): the month folders of
 * the output folder that hold a scores.csv, each recomputed from the
 * current inputs as its own period.  sales.csv is read once, into one
 * aggregate per year of those months (a month's computation needs its
 * year to date).
 */
struct history {
	char		*output;	/* without a trailing '/' */
	struct period	*months;	/* ascending */
	size_t		 nmonths;
	struct sales_run *runs;		/* per year */
	struct sales_sink *sinks;
	int		*years;
	size_t		 nyears;
};

static int
by_month(const void *a, const void *b)
{
	int x = period_first_month(a), y = period_first_month(b);

	return x < y ? -1 : x > y;
}

/* The month folders with a scores.csv (a plain file) under output. */
static void
history_find(struct history *h, const char *output)
{
	struct buf path = BUF_INIT;
	struct dirent *e;
	struct period per;
	struct stat st;
	char name[16];
	size_t len, i;
	DIR *d;

	memset(h, 0, sizeof(*h));
	len = strlen(output);
	while (len > 1 && output[len - 1] == '/')
		len--;
	h->output = xstrndup(output, len);
	if ((d = opendir(h->output)) == NULL)
		return;		/* no output yet: no history */
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len != 7 || parse_period(e->d_name, len, &per) != NULL ||
		    per.kind != PERIOD_MONTH)
			continue;
		period_format(&per, name);
		if (strcmp(name, e->d_name) != 0)
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s/scores.csv", h->output, name);
		if (lstat(path.data, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		h->months = xreallocarray(h->months, h->nmonths + 1,
		    sizeof(*h->months));
		h->months[h->nmonths++] = per;
	}
	closedir(d);
	buf_free(&path);
	if (h->nmonths == 0)
		return;
	qsort(h->months, h->nmonths, sizeof(*h->months), by_month);
	/* a year's aggregate runs to its last month with a folder */
	h->runs = xcalloc(h->nmonths, sizeof(*h->runs));
	h->sinks = xcalloc(h->nmonths, sizeof(*h->sinks));
	h->years = xcalloc(h->nmonths, sizeof(*h->years));
	for (i = 0; i < h->nmonths; i++) {
		if (i + 1 < h->nmonths &&
		    h->months[i + 1].year == h->months[i].year)
			continue;
		h->years[h->nyears] = h->months[i].year;
		sales_run_sink(&h->runs[h->nyears], &h->months[i], 1,
		    &h->sinks[h->nyears]);
		h->nyears++;
	}
}

static void
history_begin(void *arg, const struct workspace *ws)
{
	struct history *h = arg;
	size_t i;

	for (i = 0; i < h->nyears; i++)
		h->sinks[i].begin(h->sinks[i].arg, ws);
}

static void
history_row(void *arg, const struct sale *s)
{
	struct history *h = arg;
	size_t i;

	for (i = 0; i < h->nyears; i++)
		h->sinks[i].row(h->sinks[i].arg, s);
}

static void
history_free(struct history *h)
{
	size_t i;

	for (i = 0; i < h->nyears; i++)
		sales_run_free(&h->runs[i]);
	free(h->runs);
	free(h->sinks);
	free(h->years);
	free(h->months);
	free(h->output);
	memset(h, 0, sizeof(*h));
}

/* One month's scores.csv against its recomputation. */
struct paid {
	const struct workspace *ws;
	const struct period_result *res;
	const char	*path;
	bool		*seen;		/* per person: a row of the file */
};

/* "734.50", or "none" when there is no commission. */
static const char *
amount(bool has, int64_t cents, struct buf *b)
{
	buf_reset(b);
	if (has)
		fmt_cents(b, cents);
	else
		buf_puts(b, "none");
	return buf_str(b);
}

static void
late_change(const char *path, long line, const char *rep_id, bool was_has,
    int64_t was, bool now_has, int64_t now)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	char *who = utf8_shown(rep_id);

	diag(DIAG_WARNING, path, line, NULL, NULL, "commission of %s was %s, "
	    "the inputs now give %s (a late change to paid history)", who,
	    amount(was_has, was, &a), amount(now_has, now, &b));
	free(who);
	buf_free(&a);
	buf_free(&b);
}

static void
paid_row(const struct csv_row *row, void *arg)
{
	struct paid *c = arg;
	const char *id = row->field[0], *v = row->field[1];
	size_t idn = row->len[0], vn = row->len[1], i = NONE;
	bool was_has = false, now_has = false;
	int64_t was = 0, now = 0;
	char *rep_id;

	if (id == NULL || v == NULL)
		return;
	trim(&id, &idn);
	trim(&v, &vn);
	/* scores.csv quotes text Excel would read as a formula */
	if (idn > 1 && id[0] == '\'' && strchr("=+-@", id[1]) != NULL) {
		id++;
		idn--;
	}
	if (idn == 0)
		return;
	if (vn > 0) {
		if (parse_money(v, vn, &was) != NULL)
			return;		/* not written by scorecard */
		was_has = true;
	}
	if (strmap_get(&c->ws->person_index, id, idn, &i) && i != NONE &&
	    c->res->people[i].active) {
		c->seen[i] = true;
		now_has = c->res->people[i].commission.has;
		now = c->res->people[i].commission.amount_cents;
	}
	if (was_has == now_has && (!was_has || was == now))
		return;
	rep_id = xstrndup(id, idn);
	late_change(c->path, row->line, rep_id, was_has, was, now_has, now);
	free(rep_id);
}

/* Warns where the month folder's scores.csv differs from res. */
static void
paid_compare(const struct history *h, const struct workspace *ws,
    const struct period_result *res, bool quiet)
{
	static const struct csv_column cols[] = {
		{ "rep_id", NULL, false }, { "commission", NULL, false },
	};
	struct csv_info info;
	struct buf path = BUF_INIT;
	struct paid c;
	char name[16];
	size_t i;

	period_format(&res->period, name);
	buf_printf(&path, "%s/%s/scores.csv", h->output, name);
	c.ws = ws;
	c.res = res;
	c.path = path.data;
	c.seen = xcalloc(ws->npeople ? ws->npeople : 1, sizeof(*c.seen));
	memset(&info, 0, sizeof(info));
	/* the file's other columns are not ours to note */
	diag_set_quiet_notes(true);
	if (csv_read_file(path.data, cols, 2, NULL, 0, true, paid_row, &c,
	    &info) == 0 && info.present[0] && info.present[1])
		for (i = 0; i < ws->npeople; i++)
			if (!c.seen[i] && res->people[i].active &&
			    res->people[i].commission.has)
				late_change(path.data, 0, ws->people[i].rep_id,
				    false, 0, true,
				    res->people[i].commission.amount_cents);
	diag_set_quiet_notes(quiet);
	free(c.seen);
	buf_free(&path);
}

/*
 * Each month folder of the periods sales.csv covers, recomputed as its
 * own period and compared.
 */
static void
history_check(struct history *h, const struct workspace *ws, bool quiet)
{
	struct period_result res;
	size_t i, y = 0;

	if (!ws->files[FILE_SALES].present || ws->sales.rows == 0)
		return;
	for (i = 0; i < h->nyears; i++)
		sales_run_finish(&h->runs[i]);
	for (i = 0; i < h->nmonths; i++) {
		const struct period *m = &h->months[i];

		while (h->years[y] != m->year)
			y++;
		if (!h->runs[y].started || period_end(m) < ws->sales.first ||
		    period_start(m) > ws->sales.last)
			continue;
		compute_period(ws, &h->runs[y].agg, m, &res);
		if (res.nproblems == 0)		/* else monthly refuses it */
			paid_compare(h, ws, &res, quiet);
		period_result_free(&res);
	}
}

/*
 * The report and casebook templates a run with --templates would use,
 * compiled, their names checked against their data (warnings).  Sets
 * *unknown to the tags reported; returns the errors (a template that does
 * not compile, a locale file that cannot be read).
 */
static size_t
check_templates(const struct options *o, size_t *unknown)
{
	struct sample *s;
	struct tmpl *t;
	struct stat st;
	size_t i, errors = 0;

	*unknown = 0;
	if (stat(o->templates, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag(DIAG_ERROR, o->templates, 0, "--templates", NULL,
		    "no such folder");
		diag_set_exit(EX_NOINPUT);
		return 1;
	}
	templates_set_user_dir(o->templates);
	if ((s = sample_make(o->quiet)) == NULL)
		return 1;
	for (i = 0; sample_templates[i] != NULL; i++) {
		if ((t = template_compile(sample_templates[i],
		    TMPL_ESCAPE_MARKDOWN)) == NULL) {
			errors++;
			continue;
		}
		*unknown += tmpl_check_names(t, sample_shape(s,
		    sample_templates[i]), sample_maybe(sample_templates[i]),
		    sample_templates[i], DIAG_WARNING);
		tmpl_free(t);
	}
	sample_free(s);
	return errors;
}

int
job_check(const struct options *o)
{
	struct workspace ws;
	struct history h;
	struct sales_sink sink;
	size_t unknown = 0, i;
	int status;

	history_find(&h, o->output);
	memset(&sink, 0, sizeof(sink));
	if (h.nyears > 0) {
		sink.begin = history_begin;
		sink.row = history_row;
		sink.arg = &h;
	}
	sink.jobs = o->jobs;
	status = workspace_read(&ws, o->input, o->lenient, true, false,
	    &sink);
	/* once the input reads: the templates (first: the sample run needs
	 * a clean slate) and the cases, all of them before the verdict */
	if (status == 0 && o->templates != NULL &&
	    check_templates(o, &unknown) > 0)
		status = EX_DATAERR;
	if ((status == 0 || status == EX_DATAERR) &&
	    casebook_check_cases(&ws) > 0)
		status = EX_DATAERR;
	if (status == 0) {
		history_check(&h, &ws, o->quiet);
		print_summary(&ws);
		if (o->templates != NULL) {
			char *shown = utf8_shown(o->templates);

			for (i = 0; sample_templates[i] != NULL; i++)
				;
			printf("%s: %zu templates compiled, %zu unknown "
			    "name%s\n", shown, i, unknown,
			    s_unless_one((long)unknown));
			free(shown);
		}
		printf("OK\n");
	} else {
		diag_summary("nothing changed");
		if (diag_exit_status() != 0)
			status = diag_exit_status();
	}
	history_free(&h);
	workspace_free(&ws);
	return status;
}
