/*
 * The view of view.h.  Conventions for the names: a value that may be
 * absent is simply left out, so a template tests it with {{#name}}; money
 * is formatted for the locale ("¥1,234.50"); ratios have a "_pct" text
 * ("86.3%") and a "_bar" number for [[bar:...]] where a bar makes sense.
 */
#include <math.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/numfmt.h"
#include "input/csvread.h"
#include "chart/chart.h"
#include "view/view.h"

/* ---- values ---- */

/*
 * The one setter: key gets the text formatted into b, and b is emptied for
 * the next value.  An empty b leaves the key out: the formatters below
 * write nothing for a value that is absent.
 */
static void
set(struct tmpl_value *m, const char *key, struct buf *b)
{
	if (b->len > 0)
		tmpl_map_set_str(m, key, buf_str(b));
	buf_reset(b);
}

/* Values that may be absent: a percentage, a number with decimals. */
static void
pct(struct buf *b, const struct locale *l, struct maybe v)
{
	if (v.has)
		fmt_percent(b, l, v.v, 1);
}

static void
fixed(struct buf *b, struct maybe v, int dec)
{
	if (v.has)
		fmt_grouped(b, v.v, dec);
}

/*
 * A value shown with dec decimals next to thresholds thr[0..n-1] (all in
 * the units shown): when rounding would put a value below a threshold on
 * or above it, the value is shown with 2 more decimals, truncated toward
 * the exact value (79.99 %, never 80.0 %), trailing zeros dropped down to
 * one more decimal.  Returns the decimals to show; *shown is the number.
 */
static int
near_threshold(double v, int dec, const double *thr, size_t n,
    double *shown)
{
	double f = 1, g, t;
	size_t i;
	int k;

	*shown = v;
	for (k = 0; k < dec; k++)
		f *= 10;
	for (i = 0; i < n; i++)
		if (v < thr[i] && floor(v * f + 0.5) / f >= thr[i])
			break;
	if (i == n)
		return dec;
	g = f * 100;
	/* truncated; the small step absorbs the binary noise of v */
	t = floor(v * g + 1e-6) / g;
	while (t >= thr[i])
		t -= 1 / g;
	*shown = t;
	return fabs(t * g / 10 - floor(t * g / 10 + 0.5)) < 1e-6 ?
	    dec + 1 : dec + 2;
}

/* A percentage next to thresholds given as ratios. */
static void
pct_near(struct buf *b, const struct locale *l, struct maybe v,
    const double *thr, size_t n)
{
	double pc[16], shown;
	size_t i;
	int dec;

	if (!v.has)
		return;
	for (i = 0; i < n && i < 16; i++)
		pc[i] = thr[i] * 100;
	dec = near_threshold(v.v * 100, 1, pc, i, &shown);
	fmt_percent(b, l, shown / 100, dec);
}

/* A composite next to the tiers' min_scores. */
static void
composite_text(struct buf *b, const struct policy *p, struct maybe v)
{
	double thr[16], shown;
	size_t i;
	int dec;

	if (!v.has)
		return;
	for (i = 0; i < p->ntiers && i < 16; i++)
		thr[i] = p->tiers[i].min_score;
	dec = near_threshold(v.v, 2, thr, i, &shown);
	fmt_grouped(b, shown, dec);
}

/* A rate in millionths: whole percents, else two decimals. */
static void
micro_pct(struct buf *b, const struct locale *l, int64_t micro)
{
	fmt_percent(b, l, (double)micro / 1e6, micro % 10000 != 0 ? 2 : 0);
}

/* A count in millionths exactly, without trailing zeros: "1.2", "3". */
static void
exact_micro(struct buf *b, long long micro)
{
	char frac[8];
	int len;

	buf_printf(b, "%lld", micro / 1000000);
	if (micro % 1000000 == 0)
		return;
	len = snprintf(frac, sizeof(frac), "%06lld", micro % 1000000);
	while (len > 0 && frac[len - 1] == '0')
		frac[--len] = '\0';
	buf_printf(b, ".%s", frac);
}

/* A ratio for [[bar:...]]: three decimals, never negative. */
static void
bar(struct buf *b, double ratio)
{
	fmt_fixed(b, ratio < 0 ? 0 : ratio, 3);
}

static const char *
label(const struct locale *l, const char *prefix, const char *key)
{
	static char tmp[160];
	const char *v;

	snprintf(tmp, sizeof(tmp), "%s%s", prefix, key);
	v = locale_label(l, tmp);
	return v == tmp ? key : v;
}

/* A role as a person reads it: organisation.roles, the locale, the id. */
static const char *
role_name(const struct view_context *c, const char *id)
{
	const char *n = org_role_name(&c->ws->policy.org, id);

	return n != NULL ? n : label(c->loc, "role_", id);
}

/* How a chart shortens a value label too wide for its column. */
static const char *
compact_form(const struct locale *l)
{
	return strcmp(l->code, "en") == 0 ? "thousands" : "wan";
}

/* The period's names: code, label and its kind. */
static void
period_names(struct tmpl_value *m, const struct locale *l,
    const struct period *p)
{
	struct buf val = BUF_INIT;
	char code[16];

	period_format(p, code);
	tmpl_map_set_str(m, "code", code);
	fmt_period(&val, l, p);
	set(m, "label", &val);
	tmpl_map_set_bool(m, "is_month", p->kind == PERIOD_MONTH);
	tmpl_map_set_bool(m, "is_quarter", p->kind == PERIOD_QUARTER);
	buf_free(&val);
}

/* A KPI's number as its unit shows it: money, a percentage or plain. */
static void
kpi_number(struct buf *b, const struct locale *l, const struct kpi_def *k,
    bool money, int64_t cents, double v)
{
	if (money)
		fmt_money(b, l, cents);
	else if (k->unit == UNIT_RATIO)
		fmt_percent(b, l, v, 1);
	else
		fmt_grouped(b, v, k->unit == UNIT_COUNT &&
		    v == (double)(long)v ? 0 : 2);
}

/*
 * Revenue (under key, and shortened under short_key when given) against
 * its target: target, attainment_pct and attainment_bar.
 */
static void
revenue_numbers(const struct view_context *c, struct tmpl_value *m,
    const char *key, const char *short_key, int64_t cents,
    const struct target_value *target, struct maybe attainment)
{
	struct buf val = BUF_INIT;

	fmt_money(&val, c->loc, cents);
	set(m, key, &val);
	if (short_key != NULL) {
		fmt_money_short(&val, c->loc, cents);
		set(m, short_key, &val);
	}
	if (target->has) {
		fmt_money(&val, c->loc, target->cents);
		set(m, "target", &val);
	}
	pct(&val, c->loc, attainment);
	set(m, "attainment_pct", &val);
	if (attainment.has) {
		bar(&val, attainment.v);
		set(m, "attainment_bar", &val);
	}
	buf_free(&val);
}

static void
customer_counts(struct tmpl_value *m, long orders, long active,
    long new_customers)
{
	struct buf val = BUF_INIT;

	fmt_count(&val, orders);
	set(m, "orders", &val);
	fmt_count(&val, active);
	set(m, "active_customers", &val);
	fmt_count(&val, new_customers);
	set(m, "new_customers", &val);
	buf_free(&val);
}

/* ---- charts as YAML bodies ---- */

static void
yaml_str(struct buf *b, const char *s)
{
	chart_yaml_quote(b, s, strlen(s));
}

static void
yaml_num(struct buf *b, bool has, double v)
{
	if (has)
		fmt_fixed(b, v, 2);
	else
		buf_puts(b, "null");
}

static void
short_month(struct buf *b, const struct locale *l, int month)
{
	static const char *const en[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

	if (strcmp(l->code, "en") == 0)
		buf_printf(b, "%s", en[month % 12]);
	else
		buf_printf(b, "%d月", month % 12 + 1);
}

/*
 * A month of a trend with no data, drawn without a bar or a value label:
 * nothing sold and no target, or, for a person, a month outside their
 * employment.  The result does not say whether a month had sales rows
 * that came to 0, so a month of 0 with no target counts as empty.
 */
static bool
trend_month_empty(const struct view_context *c, enum target_scope scope,
    size_t owner, const struct trend *tr, int month)
{
	int i = month - (period_last_month(&c->res->period) - 11);
	struct period p = period_of_month(month);

	if (scope == TARGET_REP && !employed_in(&c->ws->people[owner], &p))
		return true;
	return tr->revenue_cents[i] == 0 && !tr->target[i].has;
}

/*
 * Revenue of the 12 months up to the period's last month, with targets.
 * The amounts are within the money limit (checked by compute_period), so
 * within what a chart accepts (CHART_MAX_ABS).
 */
static char *
trend_chart(const struct view_context *c, enum target_scope scope,
    size_t owner, const char *title)
{
	const struct trend *tr = scope == TARGET_REP ?
	    &c->res->people[owner].trend : scope == TARGET_TEAM ?
	    &c->res->teams[owner].trend : &c->res->company.trend;
	int last = period_last_month(&c->res->period), m;
	struct buf b = BUF_INIT;
	bool any_target = false;

	buf_printf(&b, "kind: bar\nunit: money\ncompact: %s\ntitle: ",
	    compact_form(c->loc));
	yaml_str(&b, title);
	buf_puts(&b, "\nlabels: [");
	for (m = last - 11; m <= last; m++) {
		struct buf lab = BUF_INIT;

		short_month(&lab, c->loc, m);
		if (m > last - 11)
			buf_puts(&b, ", ");
		yaml_str(&b, lab.data);
		buf_free(&lab);
	}
	buf_puts(&b, "]\nseries:\n  - name: ");
	yaml_str(&b, locale_label(c->loc, "revenue"));
	buf_puts(&b, "\n    values: [");
	for (m = 0; m < TREND_MONTHS; m++) {
		if (m > 0)
			buf_puts(&b, ", ");
		yaml_num(&b, !trend_month_empty(c, scope, owner, tr,
		    last - 11 + m), (double)tr->revenue_cents[m] / 100.0);
	}
	buf_puts(&b, "]\ntarget: [");
	for (m = 0; m < TREND_MONTHS; m++) {
		any_target |= tr->target[m].has;
		if (m > 0)
			buf_puts(&b, ", ");
		yaml_num(&b, tr->target[m].has, tr->target[m].v);
	}
	buf_puts(&b, "]\ntarget_name: ");
	yaml_str(&b, locale_label(c->loc, "target"));
	buf_putc(&b, '\n');
	if (!any_target) {
		/* no target line at all */
		char *p = strstr(b.data, "target: [");

		if (p != NULL) {
			b.len = (size_t)(p - b.data);
			b.data[b.len] = '\0';
		}
	}
	return buf_detach(&b);
}

static char *
distribution_chart(const struct view_context *c, const size_t *counts,
    const char *title)
{
	const struct policy *p = &c->ws->policy;
	struct buf b = BUF_INIT;
	size_t t;

	buf_puts(&b, "kind: distribution\nunit: count\ntitle: ");
	yaml_str(&b, title);
	buf_puts(&b, "\nlabels: [");
	for (t = 0; t < p->ntiers; t++) {
		if (t > 0)
			buf_puts(&b, ", ");
		yaml_str(&b, p->tiers[t].name);
	}
	buf_puts(&b, "]\nvalues: [");
	for (t = 0; t < p->ntiers; t++)
		buf_printf(&b, "%s%zu", t > 0 ? ", " : "", counts[t]);
	buf_puts(&b, "]\n");
	return buf_detach(&b);
}

/* ---- person ---- */

static void
person_identity(const struct view_context *c, struct tmpl_value *m,
    size_t i)
{
	const struct person *p = &c->ws->people[i];
	struct buf val = BUF_INIT;

	tmpl_map_set_str(m, "rep_id", p->rep_id);
	tmpl_map_set_str(m, "name", p->name);
	tmpl_map_set_str(m, "team", p->team);
	tmpl_map_set_str(m, "team_name", team_display(&c->ws->policy,
	    p->team));
	tmpl_map_set_str(m, "role", p->role);
	tmpl_map_set_str(m, "role_label", role_name(c, p->role));
	if (p->manager != NONE)
		tmpl_map_set_str(m, "manager", c->ws->people[p->manager].name);
	if (p->hire != 0) {
		fmt_date(&val, c->loc, p->hire);
		set(m, "hire_date", &val);
	}
	if (p->leave != 0) {
		fmt_date(&val, c->loc, p->leave);
		set(m, "leave_date", &val);
	}
	buf_free(&val);
}

static void
person_tier(const struct view_context *c, struct tmpl_value *root,
    const struct person_result *r)
{
	const struct policy *p = &c->ws->policy;
	const struct group_result *g;
	struct tmpl_value *t;
	struct buf val = BUF_INIT;

	if (r->tier == NONE)
		return;
	t = tmpl_map_set_map(root, "tier");
	tmpl_map_set_str(t, "name", p->tiers[r->tier].name);
	/* The built-in tiers' honours are translated by labels.honor_<name>. */
	if (p->tiers[r->tier].honor != NULL)
		tmpl_map_set_str(t, "honor",
		    label(c->loc, "honor_", p->tiers[r->tier].honor));
	fmt_micro(&val, p->tiers[r->tier].multiplier_micro);
	set(t, "multiplier", &val);
	if (r->natural_tier != r->tier) {
		struct tmpl_value *list, *m;
		size_t n = 0, k;

		g = p->tiers_by_team ?
		    &c->res->teams[c->ws->people[r->person].team_index] :
		    &c->res->company;
		tmpl_map_set_str(t, "reached", p->tiers[r->natural_tier].name);
		fmt_count(&val, (long)g->tier_rooms[r->natural_tier]);
		set(t, "room", &val);
		/*
		 * Every tier passed over was full when this person came to
		 * it; its room was floor(max_share x N + 0.5), N the people
		 * of the scope with a composite, which is the sum of the
		 * scope's tier counts.
		 */
		for (k = 0; k < p->ntiers; k++)
			n += g->tier_counts[k];
		list = tmpl_map_set_list(t, "passed");
		for (k = r->natural_tier; k < r->tier; k++) {
			m = tmpl_list_append(list, tmpl_map_new());
			tmpl_map_set_str(m, "name", p->tiers[k].name);
			micro_pct(&val, c->loc, p->tiers[k].max_share_micro);
			set(m, "share_pct", &val);
			fmt_count(&val, (long)n);
			set(m, "n", &val);
			exact_micro(&val, (long long)p->tiers[k].
			    max_share_micro * (long long)n);
			set(m, "product", &val);
			fmt_count(&val, (long)g->tier_rooms[k]);
			set(m, "room", &val);
		}
	}
	buf_free(&val);
}

static void
person_kpis(const struct view_context *c, struct tmpl_value *root,
    const struct person_result *r)
{
	const struct policy *p = &c->ws->policy;
	struct tmpl_value *list = tmpl_map_set_list(root, "kpis"), *k;
	struct buf val = BUF_INIT;
	size_t i;

	for (i = 0; i < r->nkpis; i++) {
		const struct kpi_line *l = &r->kpis[i];
		const struct kpi_def *d = &p->kpis[l->kpi];

		k = tmpl_list_append(list, tmpl_map_new());
		tmpl_map_set_str(k, "key", d->name);
		tmpl_map_set_str(k, "label", locale_label(c->loc, d->name));
		if (l->actual.has)
			kpi_number(&val, c->loc, d, d->unit == UNIT_MONEY,
			    l->actual_cents, l->actual.v);
		set(k, "actual", &val);
		if (l->target.has)
			kpi_number(&val, c->loc, d, l->target.money,
			    l->target.cents, l->target.value);
		set(k, "target", &val);
		pct(&val, c->loc, l->attainment);
		set(k, "attainment_pct", &val);
		if (l->attainment.has) {
			bar(&val, l->attainment.v);
			set(k, "attainment_bar", &val);
			fmt_grouped(&val, l->points, 2);
			set(k, "points", &val);
		}
		fmt_grouped(&val, l->weight, 2);
		set(k, "weight", &val);
		if (d->has_cap) {
			fmt_percent(&val, c->loc, d->cap, 1);
			set(k, "cap_pct", &val);
		}
		tmpl_map_set_bool(k, "capped", l->capped);
		tmpl_map_set_bool(k, "lower_is_better", !d->higher_is_better);
	}
	buf_free(&val);
}

static int
compare_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A counting sort of the rows of items by their person field. */
static void
index_by_person(size_t npeople, const void *items, size_t n, size_t size,
    size_t person_at, size_t **at, size_t **of)
{
	size_t i, p, *next;

	*at = xcalloc(npeople + 1, sizeof(size_t));
	*of = xcalloc(n ? n : 1, sizeof(size_t));
	for (i = 0; i < n; i++) {
		memcpy(&p, (const char *)items + i * size + person_at,
		    sizeof(p));
		if (p < npeople)
			(*at)[p + 1]++;
	}
	for (p = 0; p < npeople; p++)
		(*at)[p + 1] += (*at)[p];
	next = xcalloc(npeople ? npeople : 1, sizeof(size_t));
	memcpy(next, *at, npeople * sizeof(size_t));
	for (i = 0; i < n; i++) {
		memcpy(&p, (const char *)items + i * size + person_at,
		    sizeof(p));
		if (p < npeople)
			(*of)[next[p]++] = i;
	}
	free(next);
}

void
view_index(struct view_context *c)
{
	const struct workspace *ws = c->ws;

	index_by_person(ws->npeople, ws->actions, ws->nactions,
	    sizeof(*ws->actions), offsetof(struct action, person),
	    &c->actions_at, &c->actions_of);
}

void
view_index_free(struct view_context *c)
{
	free(c->actions_at);
	free(c->actions_of);
	c->actions_at = c->actions_of = NULL;
}

/* The rows [*lo, *hi) to visit for person p: indexed, or all of them. */
static void
rows_of(const size_t *at, size_t p, size_t n, size_t *lo, size_t *hi)
{
	*lo = at != NULL ? at[p] : 0;
	*hi = at != NULL ? at[p + 1] : n;
}

static void
person_review(const struct view_context *c, struct tmpl_value *root,
    const struct person_result *r)
{
	const struct review_result *rv = &r->review;
	const struct workspace *ws = c->ws;
	struct tmpl_value *m, *groups, *g, *comments, *profile;
	struct buf val = BUF_INIT;
	char **texts;
	size_t i, n = 0, d, j;
	int k;

	if (!rv->has_period)
		return;
	m = tmpl_map_set_map(root, "review");
	fmt_period(&val, c->loc, &rv->period);
	set(m, "period", &val);
	fixed(&val, rv->score, 2);
	set(m, "score", &val);
	/* how the weighted mean on the policy's scale became the score */
	if (rv->raw.has && rv->score.has) {
		fixed(&val, rv->raw, 4);	/* enough to give the score */
		set(m, "raw", &val);
		buf_printf(&val, "%g", ws->policy.scale_lo);
		set(m, "scale_lo", &val);
		buf_printf(&val, "%g", ws->policy.scale_hi);
		set(m, "scale_hi", &val);
	}
	if (rv->withheld_reviews > 0) {
		fmt_count(&val, rv->withheld_reviews);
		set(m, "withheld", &val);
	}
	groups = tmpl_map_set_list(m, "groups");
	for (k = 0; k < REL_COUNT; k++) {
		const struct review_group *grp = &rv->groups[k];

		/* a withheld group is not shown on its own: only the count of
		 * withheld reviews above (docs/computation.md) */
		if (grp->raters == 0 || grp->withheld)
			continue;
		g = tmpl_list_append(groups, tmpl_map_new());
		tmpl_map_set_str(g, "label", label(c->loc, "relation_",
		    relation_name(grp->relation)));
		fmt_count(&val, grp->raters);
		set(g, "raters", &val);
		tmpl_map_set_bool(g, "single", grp->relation == REL_SELF ||
		    grp->relation == REL_MANAGER);
		fmt_grouped(&val, grp->mean, 2);
		set(g, "mean", &val);
		fmt_grouped(&val, grp->weight, 2);
		set(g, "weight", &val);
	}
	/* Comments of the rows kept, sorted: never in file order. */
	texts = xcalloc(rv->nrows ? rv->nrows : 1, sizeof(char *));
	for (j = 0; j < rv->nrows; j++)
		if (ws->reviews[rv->rows[j]].comment != NULL)
			texts[n++] = ws->reviews[rv->rows[j]].comment;
	if (n > 0)
		qsort(texts, n, sizeof(char *), compare_text);
	tmpl_map_set_bool(m, "has_comments", n > 0);
	comments = tmpl_map_set_list(m, "comments");
	for (i = 0; i < n; i++)
		if (i == 0 || strcmp(texts[i], texts[i - 1]) != 0)
			tmpl_list_append_str(comments, texts[i]);
	free(texts);
	profile = tmpl_map_set_list(m, "profile");
	for (d = 0; d < rv->ndims; d++) {
		g = tmpl_list_append(profile, tmpl_map_new());
		tmpl_map_set_str(g, "label", label(c->loc, "dim_",
		    rv->dims[d]));
		fixed(&val, rv->dim_score[d], 1);
		set(g, "score", &val);
	}
	if (rv->ndims >= 3) {
		struct buf y = BUF_INIT;

		buf_puts(&y, "kind: radar\nunit: score\nmax: 100\ntitle: ");
		yaml_str(&y, locale_label(c->loc, "ability_profile"));
		buf_puts(&y, "\nlabels: [");
		for (d = 0; d < rv->ndims; d++) {
			if (d > 0)
				buf_puts(&y, ", ");
			yaml_str(&y, label(c->loc, "dim_", rv->dims[d]));
		}
		buf_puts(&y, "]\nseries:\n  - name: ");
		yaml_str(&y, ws->people[r->person].name);
		buf_puts(&y, "\n    values: [");
		for (d = 0; d < rv->ndims; d++) {
			if (d > 0)
				buf_puts(&y, ", ");
			yaml_num(&y, rv->dim_score[d].has, rv->dim_score[d].v);
		}
		buf_puts(&y, "]\n");
		tmpl_map_set_str(m, "profile_chart", y.data);
		buf_free(&y);
	}
	buf_free(&val);
}

/*
 * Why there is no commission, or 0: the computation's code as "reason_code"
 * and the locale's text for it (labels.reason_<code>) as "reason".
 */
static void
set_reason(struct tmpl_value *m, const struct locale *l, const char *code)
{
	struct buf key = BUF_INIT;

	buf_printf(&key, "reason_%s", code);
	tmpl_map_set_str(m, "reason_code", code);
	tmpl_map_set_str(m, "reason", locale_label(l, key.data));
	buf_free(&key);
}

/*
 * Settlement (docs/computation.md, "Settlement"): paid, due and year to
 * date, always there (0.00 when nothing).  A negative due is a deduction
 * ("deduction", with "due_abs"); "reconciles" when the quarter has a
 * commission of its own and commission - paid = due, "floored" when a
 * deduction was floored at 0.00 (clawback: false).
 */
static void
person_settlement(const struct view_context *c, struct tmpl_value *m,
    const struct person_result *r)
{
	const struct commission_result *k = &r->commission;
	int64_t due = r->commission_due_cents;
	struct buf val = BUF_INIT;

	fmt_money(&val, c->loc, r->commission_paid_cents);
	set(m, "paid", &val);
	fmt_money(&val, c->loc, due);
	set(m, "due", &val);
	fmt_money(&val, c->loc, due < 0 ? -due : due);
	set(m, "due_abs", &val);
	fmt_money(&val, c->loc, r->commission_ytd_cents);
	set(m, "ytd", &val);
	tmpl_map_set_bool(m, "deduction", due < 0);
	tmpl_map_set_bool(m, "reconciles", k->has &&
	    k->amount_cents - r->commission_paid_cents == due);
	tmpl_map_set_bool(m, "floored", k->has &&
	    k->amount_cents - r->commission_paid_cents != due);
	buf_free(&val);
}

static void
person_commission(const struct view_context *c, struct tmpl_value *root,
    const struct person_result *r)
{
	const struct commission_result *k = &r->commission;
	struct policy plan;
	const struct policy *p = &plan;
	struct tmpl_value *m = tmpl_map_set_map(root, "commission"), *s, *list;
	size_t i;
	struct buf val = BUF_INIT;

	/* the person's plan: commission_by_role laid over the company's */
	policy_plan(&c->ws->policy, c->ws->people[r->person].role_index,
	    &plan);

	tmpl_map_set_bool(m, "has", k->has);
	tmpl_map_set_bool(m, "flat", p->commission_flat);
	person_settlement(c, m, r);
	if (!k->has) {
		set_reason(m, c->loc, k->reason);
		return;
	}
	fmt_money(&val, c->loc, k->revenue_cents);
	set(m, "revenue", &val);
	fmt_money(&val, c->loc, k->target_cents);
	set(m, "target", &val);
	{
		/* the gate and the brackets' edges are its thresholds */
		double thr[16];
		size_t n = 0, j;

		thr[n++] = (double)p->gate_micro / 1e6;
		for (j = 0; j < p->nbrackets && n < 16; j++)
			thr[n++] = (double)p->brackets[j].from_micro / 1e6;
		pct_near(&val, c->loc, k->attainment, thr, n);
	}
	set(m, "attainment_pct", &val);
	micro_pct(&val, c->loc, p->gate_micro);
	set(m, "gate_pct", &val);
	tmpl_map_set_bool(m, "below_gate", k->below_gate);
	if (k->reason != NULL)
		set_reason(m, c->loc, k->reason);
	tmpl_map_set_bool(m, "has_slices", k->nslices > 0);
	list = tmpl_map_set_list(m, "slices");
	for (i = 0; i < k->nslices; i++) {
		const struct commission_slice *x = &k->slices[i];

		s = tmpl_list_append(list, tmpl_map_new());
		micro_pct(&val, c->loc, x->from_micro);
		set(s, "from_pct", &val);
		if (x->has_to) {
			micro_pct(&val, c->loc, x->to_micro);
			set(s, "to_pct", &val);
		}
		micro_pct(&val, c->loc, x->rate_micro);
		set(s, "rate_pct", &val);
		fmt_money(&val, c->loc, x->base_cents);
		set(s, "base", &val);
		fmt_money(&val, c->loc, x->amount_cents);
		set(s, "amount", &val);
	}
	fmt_money(&val, c->loc, k->before_multiplier_cents);
	set(m, "before_multiplier", &val);
	fmt_micro(&val, k->multiplier_micro);
	set(m, "multiplier", &val);
	fmt_money(&val, c->loc, k->after_multiplier_cents);
	set(m, "after_multiplier", &val);
	tmpl_map_set_bool(m, "capped", k->capped);
	if (p->has_commission_cap) {
		/* per month; a quarter's is 3 x cap, as compute/period.c */
		fmt_money(&val, c->loc, p->commission_cap_cents *
		    (c->res->period.kind == PERIOD_QUARTER ? 3 : 1));
		set(m, "cap", &val);
	}
	fmt_money(&val, c->loc, k->amount_cents);
	set(m, "amount", &val);
	if (k->has_next) {
		struct tmpl_value *n = tmpl_map_set_map(m, "next");

		micro_pct(&val, c->loc, k->next_from_micro);
		set(n, "edge_pct", &val);
		fmt_money(&val, c->loc, k->next_revenue_cents);
		set(n, "revenue", &val);
		fmt_money(&val, c->loc, k->next_more_cents);
		set(n, "more", &val);
		fmt_money(&val, c->loc, k->next_amount_cents);
		set(n, "amount", &val);
	}
	buf_free(&val);
}

static void
person_pace(const struct view_context *c, struct tmpl_value *root,
    const struct person_result *r)
{
	struct tmpl_value *m = tmpl_map_set_map(root, "pace");
	struct buf val = BUF_INIT;

	pct(&val, c->loc, r->growth_prev);
	set(m, "growth_prev_pct", &val);
	pct(&val, c->loc, r->growth_year);
	set(m, "growth_year_pct", &val);
	fmt_money(&val, c->loc, r->prev_revenue_cents);
	set(m, "prev_revenue", &val);
	fmt_money(&val, c->loc, r->year_ago_revenue_cents);
	set(m, "year_ago_revenue", &val);
	fmt_money(&val, c->loc, r->ytd_cents);
	set(m, "ytd", &val);
	fmt_count(&val, r->elapsed_months);
	set(m, "elapsed_months", &val);
	fmt_money(&val, c->loc, r->run_rate_cents);
	set(m, "run_rate", &val);
	if (r->year_target.has) {
		fmt_money(&val, c->loc, r->year_target.cents);
		set(m, "year_target", &val);
	}
	pct(&val, c->loc, r->run_rate_attainment);
	set(m, "run_rate_pct", &val);
	buf_free(&val);
}

static void
person_actions(const struct view_context *c, struct tmpl_value *root,
    const struct person_result *r)
{
	const struct workspace *ws = c->ws;
	sc_date start = period_start(&c->res->period),
	    end = period_end(&c->res->period);
	struct tmpl_value *m = tmpl_map_set_map(root, "actions"), *open,
	    *closed, *a;
	struct buf val = BUF_INIT;
	size_t k, lo, hi;

	tmpl_map_set_bool(m, "needs_action", r->needs_action);
	tmpl_map_set_bool(m, "missing_plan", r->missing_plan);
	fmt_count(&val, r->overdue_actions);
	set(m, "overdue", &val);
	open = tmpl_map_set_list(m, "open");
	closed = tmpl_map_set_list(m, "closed");
	rows_of(c->actions_at, r->person, ws->nactions, &lo, &hi);
	for (k = lo; k < hi; k++) {
		const struct action *x = &ws->actions[c->actions_at != NULL ?
		    c->actions_of[k] : k];

		if (x->person != r->person || period_start(&x->opened) > end)
			continue;
		if (x->status == ACTION_OPEN)
			a = tmpl_list_append(open, tmpl_map_new());
		else if (x->closed >= start && x->closed <= end)
			a = tmpl_list_append(closed, tmpl_map_new());
		else
			continue;
		tmpl_map_set_str(a, "id", x->id);
		tmpl_map_set_str(a, "text", x->text);
		fmt_date(&val, c->loc, x->due);
		set(a, "due", &val);
		tmpl_map_set_bool(a, "overdue", x->status == ACTION_OPEN &&
		    x->due < end);
		tmpl_map_set_str(a, "status", locale_label(c->loc,
		    x->status == ACTION_OPEN ? "open" : x->status ==
		    ACTION_DONE ? "done" : "dropped"));
		if (x->note != NULL)
			tmpl_map_set_str(a, "note", x->note);
	}
	buf_free(&val);
}

static void
common(const struct view_context *c, struct tmpl_value *root)
{
	struct tmpl_value *org;

	/* the labels are the same for every page: shared, not copied */
	tmpl_map_set_shared(root, "t", c->loc->labels);
	tmpl_map_set_str(root, "lang", c->loc->code);
	period_names(tmpl_map_set_map(root, "period"), c->loc, &c->res->period);
	org = tmpl_map_set_map(root, "org");
	if (c->ws->policy.org.company != NULL)
		tmpl_map_set_str(org, "company", c->ws->policy.org.company);
	if (c->generated != NULL)
		tmpl_map_set_str(root, "generated", c->generated);
}

struct tmpl_value *
view_person(const struct view_context *c, size_t i)
{
	const struct person_result *r = &c->res->people[i];
	const struct policy *pol = &c->ws->policy;
	struct tmpl_value *root = tmpl_map_new(), *m, *charts;
	struct buf val = BUF_INIT;

	common(c, root);
	person_identity(c, tmpl_map_set_map(root, "person"), i);
	tmpl_map_set_str(root, "measured_on", r->team_measured ? "team" :
	    "self");
	tmpl_map_set_bool(root, "team_measured", r->team_measured);
	m = tmpl_map_set_map(root, "revenue");
	revenue_numbers(c, m, "actual", NULL, r->revenue_cents,
	    &r->revenue_target, r->revenue_attainment);
	customer_counts(root, r->orders, r->active_customers,
	    r->new_customers);
	if (r->avg_order_value.has) {
		fmt_money(&val, c->loc, r->avg_order_value_cents);
		set(root, "avg_order_value", &val);
	}
	person_kpis(c, root, r);
	fixed(&val, r->kpi_score, 2);
	set(root, "kpi_score", &val);
	person_review(c, root, r);
	if (r->composite.has) {
		m = tmpl_map_set_map(root, "composite");
		composite_text(&val, pol, r->composite);
		set(m, "score", &val);
		fmt_grouped(&val, pol->composite_kpi, 2);
		set(m, "kpi_weight", &val);
		fmt_grouped(&val, pol->composite_review, 2);
		set(m, "review_weight", &val);
		fixed(&val, r->kpi_score, 2);
		set(m, "kpi_score", &val);
		fixed(&val, r->review.score, 2);
		set(m, "review_score", &val);
		tmpl_map_set_bool(m, "both", r->kpi_score.has &&
		    r->review.score.has);
	}
	person_tier(c, root, r);
	if (r->rank_company > 0) {
		fmt_count(&val, r->rank_company);
		set(root, "rank_company", &val);
		fmt_count(&val, r->rank_team);
		set(root, "rank_team", &val);
	}
	person_commission(c, root, r);
	person_pace(c, root, r);
	person_actions(c, root, r);
	charts = tmpl_map_set_map(root, "charts");
	{
		char *y = trend_chart(c, TARGET_REP, i,
		    locale_label(c->loc, "trend"));

		tmpl_map_set_str(charts, "trend", y);
		free(y);
	}
	buf_free(&val);
	return root;
}

/* ---- team and company ---- */

static void
group_numbers(const struct view_context *c, struct tmpl_value *m,
    const struct group_result *g)
{
	struct buf val = BUF_INIT;

	fmt_count(&val, (long)g->members);
	set(m, "members", &val);
	revenue_numbers(c, m, "revenue", "revenue_short", g->revenue_cents,
	    &g->revenue_target, g->revenue_attainment);
	customer_counts(m, g->orders, g->active_customers, g->new_customers);
	if (g->target_gap) {
		struct tmpl_value *gap = tmpl_map_set_map(m, "target_gap");

		fmt_money(&val, c->loc, g->member_sum_cents);
		set(gap, "members_sum", &val);
	}
	buf_free(&val);
}

/*
 * Members in rank order (composite), then those without a composite.  The
 * company's list (team NONE) leaves out the people measured on their
 * team: a lead is not ranked against reps (docs/computation.md, "Measured
 * on the team").
 */
static void
ranked_members(const struct view_context *c, struct tmpl_value *list,
    size_t team, size_t limit)
{
	const struct workspace *ws = c->ws;
	const struct period_result *res = c->res;
	struct person_result **order = xcalloc(res->npeople ? res->npeople : 1,
	    sizeof(*order));
	size_t i, n = 0, k;
	struct buf val = BUF_INIT;

	for (i = 0; i < res->npeople; i++)
		if (res->people[i].active && (team == NONE ?
		    !res->people[i].team_measured :
		    ws->people[i].team_index == team))
			order[n++] = &res->people[i];
	rank_order(ws, order, n);	/* composites first; none last by id */
	for (k = 0; k < n && k < limit; k++) {
		const struct person_result *r = order[k];
		struct tmpl_value *m = tmpl_list_append(list, tmpl_map_new());

		fmt_count(&val, (long)k + 1);
		set(m, "rank", &val);
		tmpl_map_set_str(m, "rep_id", ws->people[r->person].rep_id);
		tmpl_map_set_str(m, "name", ws->people[r->person].name);
		tmpl_map_set_str(m, "team", ws->people[r->person].team);
		tmpl_map_set_str(m, "team_name", team_display(&c->ws->policy,
		    ws->people[r->person].team));
		tmpl_map_set_str(m, "role_label", role_name(c,
		    ws->people[r->person].role));
		fmt_money(&val, c->loc, r->revenue_cents);
		set(m, "revenue", &val);
		pct(&val, c->loc, r->revenue_attainment);
		set(m, "attainment_pct", &val);
		composite_text(&val, &ws->policy, r->composite);
		set(m, "composite", &val);
		if (r->tier != NONE)
			tmpl_map_set_str(m, "tier",
			    ws->policy.tiers[r->tier].name);
		fmt_money(&val, c->loc, r->commission.amount_cents);
		set(m, "commission", &val);
		tmpl_map_set_bool(m, "missing_plan", r->missing_plan);
	}
	free(order);
	buf_free(&val);
}

/*
 * The people who earned an honour (a tier with an honor in the policy),
 * best tier first, in rank order within a tier; team-measured people
 * too, since they are in the tier population.
 */
static void
honors(const struct view_context *c, struct tmpl_value *root)
{
	const struct workspace *ws = c->ws;
	const struct policy *p = &ws->policy;
	const struct period_result *res = c->res;
	struct tmpl_value *list = tmpl_map_set_list(root, "honors"), *m;
	struct person_result **order = xcalloc(res->npeople ? res->npeople : 1,
	    sizeof(*order));
	size_t i, n = 0, t, k;
	bool any = false;
	struct buf val = BUF_INIT;

	for (i = 0; i < res->npeople; i++)
		if (res->people[i].active && res->people[i].tier != NONE &&
		    p->tiers[res->people[i].tier].honor != NULL)
			order[n++] = &res->people[i];
	rank_order(ws, order, n);
	for (t = 0; t < p->ntiers; t++)
		for (k = 0; k < n; k++) {
			const struct person_result *r = order[k];
			const struct person *who = &ws->people[r->person];

			if (r->tier != t)
				continue;
			m = tmpl_list_append(list, tmpl_map_new());
			tmpl_map_set_str(m, "honor", label(c->loc, "honor_",
			    p->tiers[t].honor));
			tmpl_map_set_str(m, "tier", p->tiers[t].name);
			tmpl_map_set_str(m, "rep_id", who->rep_id);
			tmpl_map_set_str(m, "name", who->name);
			tmpl_map_set_str(m, "team", who->team);
			tmpl_map_set_str(m, "team_name", team_display(p,
			    who->team));
			tmpl_map_set_str(m, "role_label", role_name(c,
			    who->role));
			composite_text(&val, p, r->composite);
			set(m, "composite", &val);
			any = true;
		}
	tmpl_map_set_bool(root, "has_honors", any);
	free(order);
	buf_free(&val);
}

static void
tier_counts(const struct view_context *c, struct tmpl_value *root,
    const struct group_result *g, const char *title)
{
	const struct policy *p = &c->ws->policy;
	struct tmpl_value *list = tmpl_map_set_list(root, "tiers"), *m;
	char *y;
	size_t t;
	struct buf val = BUF_INIT;

	for (t = 0; t < p->ntiers; t++) {
		m = tmpl_list_append(list, tmpl_map_new());
		tmpl_map_set_str(m, "name", p->tiers[t].name);
		fmt_count(&val, (long)g->tier_counts[t]);
		set(m, "count", &val);
	}
	y = distribution_chart(c, g->tier_counts, title);
	tmpl_map_set_str(tmpl_map_get(root, "charts"), "tiers", y);
	free(y);
	buf_free(&val);
}

static void
needs_plan(const struct view_context *c, struct tmpl_value *root,
    size_t team)
{
	const struct workspace *ws = c->ws;
	struct tmpl_value *list = tmpl_map_set_list(root, "needs_plan"), *m;
	size_t i;
	struct buf val = BUF_INIT;

	for (i = 0; i < c->res->npeople; i++) {
		const struct person_result *r = &c->res->people[i];

		if (!r->active || !r->missing_plan || (team != NONE &&
		    ws->people[i].team_index != team))
			continue;
		m = tmpl_list_append(list, tmpl_map_new());
		tmpl_map_set_str(m, "rep_id", ws->people[i].rep_id);
		tmpl_map_set_str(m, "name", ws->people[i].name);
		pct_near(&val, c->loc, r->revenue_attainment,
		    &ws->policy.alert_below, 1);
		set(m, "attainment_pct", &val);
	}
	buf_free(&val);
}

static void
team_cases(const struct view_context *c, struct tmpl_value *root,
    size_t team)
{
	const struct workspace *ws = c->ws;
	const struct period *p = &c->res->period;
	struct tmpl_value *list = tmpl_map_set_list(root, "cases"), *m;
	size_t i;

	for (i = 0; i < ws->ncases; i++) {
		const struct case_file *cf = &ws->cases[i];
		bool in = cf->has_period ?
		    period_first_month(&cf->period) <= period_last_month(p) &&
		    period_last_month(&cf->period) >= period_first_month(p) :
		    cf->date >= period_start(p) && cf->date <= period_end(p);

		if (!in || (team != NONE && cf->team != team))
			continue;
		m = tmpl_list_append(list, tmpl_map_new());
		tmpl_map_set_str(m, "title", cf->title);
		tmpl_map_set_str(m, "slug", cf->slug);
	}
}

struct tmpl_value *
view_team(const struct view_context *c, size_t t)
{
	struct tmpl_value *root = tmpl_map_new(), *m;
	char *y;

	common(c, root);
	m = tmpl_map_set_map(root, "team");
	tmpl_map_set_str(m, "id", c->ws->teams[t].id);
	tmpl_map_set_str(m, "name", team_display(&c->ws->policy,
	    c->ws->teams[t].id));
	group_numbers(c, m, &c->res->teams[t]);
	ranked_members(c, tmpl_map_set_list(root, "members"), t, (size_t)-1);
	tmpl_map_set_map(root, "charts");
	tier_counts(c, root, &c->res->teams[t],
	    locale_label(c->loc, "tier_distribution"));
	y = trend_chart(c, TARGET_TEAM, t, locale_label(c->loc, "trend"));
	tmpl_map_set_str(tmpl_map_get(root, "charts"), "trend", y);
	free(y);
	needs_plan(c, root, t);
	team_cases(c, root, t);
	return root;
}

/* The company page's ranking lists this many people. */
#define TOP_N 10

/* The company chart compares at most this many teams (the largest). */
#define CHART_TEAMS 30

static const struct period_result *sort_res;

static int
by_revenue(const void *a, const void *b)
{
	int64_t x = sort_res->teams[*(const size_t *)a].revenue_cents;
	int64_t y = sort_res->teams[*(const size_t *)b].revenue_cents;

	if (x != y)
		return x > y ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static int
by_index(const void *a, const void *b)
{
	return *(const size_t *)a < *(const size_t *)b ? -1 :
	    *(const size_t *)a > *(const size_t *)b;
}

struct tmpl_value *
view_company(const struct view_context *c)
{
	const struct workspace *ws = c->ws;
	struct tmpl_value *root = tmpl_map_new(), *m, *teams, *files;
	struct buf y = BUF_INIT;
	size_t t, f;
	char *trend;
	struct buf val = BUF_INIT;

	common(c, root);
	group_numbers(c, tmpl_map_set_map(root, "company"), &c->res->company);
	teams = tmpl_map_set_list(root, "teams");
	for (t = 0; t < ws->nteams; t++) {
		if (c->res->teams[t].members == 0)
			continue;
		m = tmpl_list_append(teams, tmpl_map_new());
		tmpl_map_set_str(m, "id", ws->teams[t].id);
		tmpl_map_set_str(m, "name", team_display(&ws->policy,
		    ws->teams[t].id));
		group_numbers(c, m, &c->res->teams[t]);
	}
	ranked_members(c, tmpl_map_set_list(root, "top"), NONE, TOP_N);
	fmt_count(&val, TOP_N);
	set(root, "top_n", &val);
	honors(c, root);
	tmpl_map_set_map(root, "charts");
	tier_counts(c, root, &c->res->company,
	    locale_label(c->loc, "tier_distribution"));
	trend = trend_chart(c, TARGET_COMPANY, NONE,
	    locale_label(c->loc, "trend"));
	tmpl_map_set_str(tmpl_map_get(root, "charts"), "trend", trend);
	free(trend);
	/* Teams compared: revenue against target, the largest if many. */
	{
		size_t *order = xcalloc(ws->nteams ? ws->nteams : 1,
		    sizeof(size_t)), n = 0, k;

		for (t = 0; t < ws->nteams; t++)
			if (c->res->teams[t].members > 0)
				order[n++] = t;
		if (n > CHART_TEAMS) {
			sort_res = c->res;
			qsort(order, n, sizeof(size_t), by_revenue);
			n = CHART_TEAMS;
			qsort(order, n, sizeof(size_t), by_index);
		}
		buf_printf(&y, "kind: bar\nunit: money\ncompact: %s\n"
		    "title: ", compact_form(c->loc));
		yaml_str(&y, locale_label(c->loc, "revenue"));
		buf_puts(&y, "\nlabels: [");
		for (k = 0; k < n; k++) {
			if (k > 0)
				buf_puts(&y, ", ");
			yaml_str(&y, team_display(&ws->policy,
			    ws->teams[order[k]].id));
		}
		buf_puts(&y, "]\nseries:\n  - name: ");
		yaml_str(&y, locale_label(c->loc, "revenue"));
		buf_puts(&y, "\n    values: [");
		for (k = 0; k < n; k++) {
			if (k > 0)
				buf_puts(&y, ", ");
			yaml_num(&y, true, (double)c->res->teams[order[k]].
			    revenue_cents / 100.0);
		}
		buf_puts(&y, "]\ntarget: [");
		for (k = 0; k < n; k++) {
			const struct target_value *tv =
			    &c->res->teams[order[k]].revenue_target;

			if (k > 0)
				buf_puts(&y, ", ");
			yaml_num(&y, tv->has, tv->value);
		}
		buf_puts(&y, "]\ntarget_name: ");
		yaml_str(&y, locale_label(c->loc, "target"));
		buf_putc(&y, '\n');
		free(order);
	}
	tmpl_map_set_str(tmpl_map_get(root, "charts"), "teams", y.data);
	buf_free(&y);
	needs_plan(c, root, NONE);
	/* Data quality: the problems --lenient skipped, then the files. */
	{
		struct tmpl_value *list = tmpl_map_set_list(root, "problems");
		size_t k;

		for (k = 0; k < c->nproblems && k < 200; k++) {
			const struct diag_record *d = &c->problems[k];
			const char *base = strrchr(d->file, '/');

			if (d->line <= 0)
				continue;	/* a file's summary line */
			m = tmpl_list_append(list, tmpl_map_new());
			tmpl_map_set_str(m, "file", base != NULL ? base + 1 :
			    d->file);
			fmt_count(&val, d->line);
			set(m, "line", &val);
			tmpl_map_set_str(m, "column", d->column != NULL ?
			    d->column : "");
			tmpl_map_set_str(m, "message", d->message);
			if (d->value != NULL)
				tmpl_map_set_str(m, "value", d->value);
		}
		if (c->nproblems > 200) {
			fmt_count(&val, (long)(c->nproblems - 200));
			set(root, "more_problems", &val);
		}
	}
	/* Data quality: encodings, skipped rows. */
	files = tmpl_map_set_list(root, "files");
	for (f = 0; f < FILE_COUNT; f++) {
		const struct file_info *fi = &ws->files[f];

		if (!fi->present)
			continue;
		m = tmpl_list_append(files, tmpl_map_new());
		tmpl_map_set_str(m, "name", input_file_name((enum input_file)f));
		tmpl_map_set_str(m, "encoding", csv_file_format(fi));
		fmt_count(&val, fi->rows);
		set(m, "rows", &val);
		if (fi->skipped > 0) {
			fmt_count(&val, fi->skipped);
			set(m, "skipped", &val);
		}
	}
	buf_free(&val);
	return root;
}
