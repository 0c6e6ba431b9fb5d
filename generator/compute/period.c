/*
 * One period's results (docs/computation.md): every person's KPIs, scores,
 * tier and commission, then the team and company rollups. compute_period is
 * the only entry point the jobs use. Money totals are checked against the
 * limit of model/money.h; one beyond it is listed in out->problems (and
 * counts as 0 in what is built on it, so that one total is reported once).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "compute/compute.h"

static struct period
shift_period(const struct period *p, int months)
{
	struct period q = *p;
	int m = period_first_month(p) + months;

	q.year = m / 12;
	if (p->kind == PERIOD_MONTH)
		q.number = m % 12 + 1;
	else if (p->kind == PERIOD_QUARTER)
		q.number = (m % 12) / 3 + 1;
	return q;
}

/* At most this many problems are kept: the period is refused anyway. */
#define PROBLEMS_MAX 200

/* Records a total of money beyond the limit, once. */
static void
too_large(struct period_result *out, enum money_total total, size_t kpi,
    enum target_scope scope, size_t owner, const struct period *p)
{
	struct money_problem *m;
	size_t i;

	for (i = 0; i < out->nproblems; i++) {
		m = &out->problems[i];
		if (m->total == total && m->kpi == kpi && m->scope == scope &&
		    m->owner == owner && period_equal(&m->period, p))
			return;
	}
	if (out->nproblems == PROBLEMS_MAX)
		return;
	out->problems = xreallocarray(out->problems, out->nproblems + 1,
	    sizeof(*out->problems));
	m = &out->problems[out->nproblems++];
	m->total = total;
	m->kpi = kpi;
	m->scope = scope;
	m->owner = owner;
	m->period = *p;
}

/* A target, with its sum recorded when it is beyond the money limit. */
static struct target_value
checked_target(struct period_result *out, const struct workspace *ws,
    enum target_scope scope, size_t owner, size_t kpi,
    const struct period *p)
{
	struct target_value v = target_for(ws, scope, owner, kpi, p);

	if (v.too_large)
		too_large(out, TOTAL_TARGET, kpi, scope, owner, p);
	return v;
}

/* A person's target: their team's when measured on the team. */
static struct target_value
person_target(struct period_result *out, const struct workspace *ws,
    const struct person_result *r, size_t kpi, const struct period *p)
{
	if (r->team_measured)
		return checked_target(out, ws, TARGET_TEAM,
		    ws->people[r->person].team_index, kpi, p);
	return checked_target(out, ws, TARGET_REP, r->person, kpi, p);
}

/* Revenue of a person over months m0..m1; 0 when beyond the limit. */
static int64_t
checked_revenue(struct period_result *out, const struct sales_agg *agg,
    size_t person, size_t revenue_kpi, enum money_total total, int m0,
    int m1, const struct period *p)
{
	int64_t cents;

	if (!sales_revenue(agg, person, m0, m1, &cents))
		too_large(out, total, revenue_kpi, TARGET_REP, person, p);
	return cents;
}

/*
 * The mean or sum (per the KPI's agg) of the n metric values gathered in v
 * (and, exactly, in sum as cents): for a money KPI the cents, checked
 * against the money limit for the owner (too large: listed, 0).
 */
static struct maybe
metric_total(const struct workspace *ws, struct period_result *out,
    size_t kpi, struct maybe v, __int128 sum, int n, enum target_scope scope,
    size_t owner, const struct period *p, int64_t *cents)
{
	if (n > 0 && ws->policy.kpis[kpi].agg == AGG_MEAN) {
		v.v /= n;
		sum = round_half_up_div(sum, n);
	}
	*cents = 0;
	if (ws->policy.kpis[kpi].unit != UNIT_MONEY)
		return v;
	if (!money_fits(sum)) {
		too_large(out, TOTAL_ACTUAL, kpi, scope, owner, p);
		sum = 0;
	}
	*cents = (int64_t)sum;
	v.v = (double)*cents / 100.0;
	return v;
}

/*
 * A metric KPI over a period: sum or mean of the months present.  Money
 * is summed exactly in cents (*cents, a mean rounded half-up).
 */
static struct maybe
metric_actual(const struct workspace *ws, struct period_result *out,
    size_t person, size_t kpi, const struct period *p, int64_t *cents)
{
	struct maybe v = { false, 0 };
	__int128 sum = 0;
	int m, n = 0;
	size_t i;

	for (m = period_first_month(p); m <= period_last_month(p); m++) {
		struct period month = period_of_month(m);
		struct lookup_key key = target_key(TARGET_REP, person, kpi,
		    &month);

		if (!strmap_get(&ws->metric_index, (const char *)&key,
		    sizeof(key), &i))
			continue;
		v.has = true;
		v.v += ws->metrics[i].value;
		sum += ws->metrics[i].cents;
		n++;
	}
	return metric_total(ws, out, kpi, v, sum, n, TARGET_REP, person, p,
	    cents);
}

/*
 * A metric KPI of a team-measured person: the mean or sum (per agg) of the
 * values of the team's members employed in the period that have one.
 */
static struct maybe
team_metric_actual(const struct workspace *ws, struct period_result *out,
    size_t person, size_t kpi, const struct period *p, int64_t *cents)
{
	size_t t = ws->people[person].team_index, i;
	struct maybe v = { false, 0 }, m;
	__int128 sum = 0;
	int64_t c;
	int n = 0;

	for (i = 0; i < ws->npeople; i++) {
		if (ws->people[i].team_index != t ||
		    !employed_in(&ws->people[i], p))
			continue;
		m = metric_actual(ws, out, i, kpi, p, &c);
		if (!m.has)
			continue;
		v.has = true;
		v.v += m.v;
		sum += c;
		n++;
	}
	return metric_total(ws, out, kpi, v, sum, n, TARGET_TEAM, t, p, cents);
}

/* A KPI's actual; for money KPIs also in cents. */
static struct maybe
kpi_actual(const struct workspace *ws, struct period_result *out,
    const struct person_result *r, size_t kpi, const struct period *p,
    int64_t *cents)
{
	const struct kpi_def *k = &ws->policy.kpis[kpi];
	struct maybe v = { true, 0 };

	*cents = 0;
	if (k->source == SOURCE_METRICS)
		return r->team_measured ?
		    team_metric_actual(ws, out, r->person, kpi, p, cents) :
		    metric_actual(ws, out, r->person, kpi, p, cents);
	if (strcmp(k->name, "revenue") == 0) {
		*cents = r->revenue_cents;
		v.v = (double)r->revenue_cents / 100.0;
	} else if (strcmp(k->name, "avg_order_value") == 0) {
		*cents = r->avg_order_value_cents;
		v = r->avg_order_value;
	} else if (strcmp(k->name, "orders") == 0)
		v.v = (double)r->orders;
	else if (strcmp(k->name, "active_customers") == 0)
		v.v = (double)r->active_customers;
	else if (strcmp(k->name, "new_customers") == 0)
		v.v = (double)r->new_customers;
	return v;
}

static void
person_kpis(const struct workspace *ws, struct period_result *out,
    struct person_result *r, const struct period *p)
{
	const struct role_def *role =
	    &ws->policy.roles[ws->people[r->person].role_index];
	double wsum = 0, psum = 0;
	size_t i;

	r->kpis = xcalloc(role->nweights ? role->nweights : 1,
	    sizeof(*r->kpis));
	r->nkpis = role->nweights;
	for (i = 0; i < role->nweights; i++) {
		struct kpi_line *l = &r->kpis[i];
		const struct kpi_def *k = &ws->policy.kpis[role->weights[i].kpi];

		l->kpi = role->weights[i].kpi;
		l->weight = role->weights[i].weight;
		l->actual = kpi_actual(ws, out, r, l->kpi, p, &l->actual_cents);
		l->target = person_target(out, ws, r, l->kpi, p);
		if (l->actual.has)
			l->attainment = attainment(k, l->actual.v,
			    l->target.value, l->target.has);
		if (!l->attainment.has)
			continue;
		l->counted = l->attainment.v;
		if (k->has_cap && l->counted > k->cap) {
			l->counted = k->cap;
			l->capped = true;
		}
		wsum += l->weight;
		psum += l->weight * l->counted;
	}
	if (wsum > 0) {
		r->kpi_score.has = true;
		r->kpi_score.v = 100.0 * psum / wsum;
		for (i = 0; i < r->nkpis; i++)
			if (r->kpis[i].attainment.has)
				r->kpis[i].points = 100.0 * r->kpis[i].weight *
				    r->kpis[i].counted / wsum;
	}
}

static void
person_composite(const struct policy *pol, struct person_result *r)
{
	double num = 0, den = 0;

	if (r->kpi_score.has) {
		num += pol->composite_kpi * r->kpi_score.v;
		den += pol->composite_kpi;
	}
	if (r->review.score.has) {
		num += pol->composite_review * r->review.score.v;
		den += pol->composite_review;
	}
	r->tier = r->natural_tier = NONE;
	if (den > 0) {
		r->composite.has = true;
		r->composite.v = num / den;
	}
}

static struct maybe
growth(int64_t now, int64_t before)
{
	struct maybe g = { false, 0 };

	if (before > 0) {
		g.has = true;
		g.v = (double)(now - before) / (double)before;
	}
	return g;
}

/*
 * Revenue over months m0..m1 of the person, or of their team (its members
 * employed in period q) when measured on the team.
 */
static int64_t
measured_revenue(const struct workspace *ws, struct period_result *out,
    const struct sales_agg *agg, const struct person_result *r,
    size_t revenue_kpi, enum money_total total, int m0, int m1,
    const struct period *q)
{
	size_t t = ws->people[r->person].team_index, i;
	__int128 sum = 0;

	if (!r->team_measured)
		return checked_revenue(out, agg, r->person, revenue_kpi, total,
		    m0, m1, q);
	for (i = 0; i < ws->npeople; i++)
		if (ws->people[i].team_index == t &&
		    employed_in(&ws->people[i], q))
			sum += checked_revenue(out, agg, i, revenue_kpi, total,
			    m0, m1, q);
	if (!money_fits(sum)) {
		too_large(out, total, revenue_kpi, TARGET_TEAM, t, q);
		sum = 0;
	}
	return (int64_t)sum;
}

static void
person_pace(const struct workspace *ws, const struct sales_agg *agg,
    struct period_result *out, struct person_result *r,
    const struct period *p, size_t revenue_kpi)
{
	int step = p->kind == PERIOD_MONTH ? 1 : p->kind == PERIOD_QUARTER ?
	    3 : 12;
	struct period prev = shift_period(p, -step), ago = shift_period(p, -12);
	struct period year = { PERIOD_YEAR, p->year, 0 };
	int jan = p->year * 12;

	r->prev_revenue_cents = measured_revenue(ws, out, agg, r,
	    revenue_kpi, TOTAL_ACTUAL, period_first_month(&prev),
	    period_last_month(&prev), &prev);
	r->year_ago_revenue_cents = measured_revenue(ws, out, agg, r,
	    revenue_kpi, TOTAL_ACTUAL, period_first_month(&ago),
	    period_last_month(&ago), &ago);
	r->growth_prev = growth(r->revenue_cents, r->prev_revenue_cents);
	r->growth_year = growth(r->revenue_cents, r->year_ago_revenue_cents);
	r->ytd_cents = measured_revenue(ws, out, agg, r, revenue_kpi,
	    TOTAL_YEAR_TO_DATE, jan, period_last_month(p),
	    r->team_measured ? &year : p);
	r->elapsed_months = period_last_month(p) - jan + 1;
	/* at most 12 x the limit: well within 64 bits */
	r->run_rate_cents = round_half_up_div((__int128)r->ytd_cents * 12,
	    r->elapsed_months);
	if (revenue_kpi != NONE) {
		r->year_target = person_target(out, ws, r, revenue_kpi,
		    &year);
		if (r->year_target.has && r->year_target.cents > 0) {
			r->run_rate_attainment.has = true;
			r->run_rate_attainment.v = (double)r->run_rate_cents /
			    (double)r->year_target.cents;
		}
	}
}

static void
person_actions(const struct workspace *ws, struct person_result *r,
    const struct period *p)
{
	sc_date start = period_start(p), end = period_end(p);
	size_t i;

	for (i = 0; i < ws->nactions; i++) {
		const struct action *a = &ws->actions[i];

		if (a->person != r->person ||
		    period_start(&a->opened) > end)
			continue;
		if (a->status == ACTION_OPEN) {
			r->open_actions++;
			if (a->due < end)
				r->overdue_actions++;
		} else if (a->closed >= start && a->closed <= end)
			r->closed_actions++;
	}
	r->needs_action = r->revenue_attainment.has &&
	    r->revenue_attainment.v < ws->policy.alert_below;
	r->missing_plan = r->needs_action && r->open_actions == 0;
}

/* Tiers and ranks over one population (the company or one team). */
static void
tier_population(const struct workspace *ws, struct period_result *out,
    size_t team, bool assign, struct group_result *g)
{
	struct person_result **pop = xcalloc(out->npeople ? out->npeople : 1,
	    sizeof(*pop));
	size_t n = 0, i;

	for (i = 0; i < out->npeople; i++) {
		struct person_result *r = &out->people[i];

		if (!r->active || !r->composite.has)
			continue;
		if (team != NONE && ws->people[i].team_index != team)
			continue;
		pop[n++] = r;
	}
	if (assign)
		assign_tiers(ws, pop, n, g->tier_rooms, g->tier_counts);
	else
		rank_order(ws, pop, n);
	for (i = 0; i < n; i++) {
		if (team == NONE)
			pop[i]->rank_company = (int)i + 1;
		else
			pop[i]->rank_team = (int)i + 1;
	}
	free(pop);
}

static void
group_rollup(const struct workspace *ws, const struct sales_agg *agg,
    const struct period *p, int slot, struct period_result *out,
    struct group_result *g, size_t team, size_t revenue_kpi)
{
	enum target_scope scope = team == NONE ? TARGET_COMPANY : TARGET_TEAM;
	struct target_value explicit_v, sum;
	__int128 revenue = 0;
	size_t i;

	for (i = 0; i < out->npeople; i++) {
		const struct person_result *r = &out->people[i];

		if (!r->active || (team != NONE &&
		    ws->people[i].team_index != team))
			continue;
		g->members++;
		revenue += r->own_revenue_cents;
		g->orders += r->own_orders;
		g->new_customers += r->own_new_customers;
		/* A team's tier counts when tiers were given company-wide. */
		if (r->tier != NONE && team != NONE &&
		    !ws->policy.tiers_by_team)
			g->tier_counts[r->tier]++;
	}
	if (!money_fits(revenue)) {
		too_large(out, TOTAL_ACTUAL, revenue_kpi, scope, team, p);
		revenue = 0;
	}
	g->revenue_cents = (int64_t)revenue;
	g->active_customers = team == NONE ? sales_company_active(agg, slot) :
	    sales_team_active(agg, team, slot);
	if (revenue_kpi != NONE) {
		g->revenue_target = checked_target(out, ws, scope, team,
		    revenue_kpi, p);
		g->revenue_attainment = attainment(
		    &ws->policy.kpis[revenue_kpi],
		    (double)g->revenue_cents / 100.0, g->revenue_target.value,
		    g->revenue_target.has);
		g->target_gap = target_gap(ws, scope, team, revenue_kpi, p,
		    &explicit_v, &sum);
		if (explicit_v.too_large || sum.too_large)
			too_large(out, TOTAL_TARGET, revenue_kpi, scope, team,
			    p);
		g->has_member_sum = explicit_v.has && sum.has;
		g->member_sum_cents = sum.cents;
	}
}

static struct maybe
trend_target(struct period_result *out, const struct workspace *ws,
    enum target_scope scope, size_t owner, size_t revenue_kpi,
    const struct period *month)
{
	struct maybe v = { false, 0 };
	struct target_value tv;

	if (revenue_kpi == NONE)
		return v;
	tv = checked_target(out, ws, scope, owner, revenue_kpi, month);
	v.has = tv.has;
	v.v = tv.value;
	return v;
}

/*
 * The trend charts' numbers: revenue of the 12 months up to the period's
 * last month, with their targets, for each person employed in the period,
 * each team and the company (a month's figure is over the people employed
 * in that month, as every team and company figure).
 */
static void
trends(const struct workspace *ws, const struct sales_agg *agg,
    const struct period *p, struct period_result *out, size_t revenue_kpi)
{
	int first = period_last_month(p) - TREND_MONTHS + 1, k;
	/* [team][month], the company as team nteams */
	__int128 *sum = xcalloc((ws->nteams + 1) * TREND_MONTHS, sizeof(*sum));
	size_t i, t;

	for (i = 0; i < ws->npeople; i++) {
		struct person_result *r = &out->people[i];

		t = ws->people[i].team_index;
		for (k = 0; k < TREND_MONTHS; k++) {
			struct period m = period_of_month(first + k);
			bool member = employed_in(&ws->people[i], &m);
			int64_t cents;

			if (!member && !r->active)
				continue;
			cents = checked_revenue(out, agg, i, revenue_kpi,
			    TOTAL_ACTUAL, first + k, first + k, &m);
			if (member) {
				sum[t * TREND_MONTHS + k] += cents;
				sum[ws->nteams * TREND_MONTHS + k] += cents;
			}
			if (!r->active)
				continue;
			r->trend.revenue_cents[k] = cents;
			r->trend.target[k] = trend_target(out, ws, TARGET_REP,
			    i, revenue_kpi, &m);
		}
	}
	for (t = 0; t <= ws->nteams; t++) {
		struct group_result *g = t < ws->nteams ? &out->teams[t] :
		    &out->company;
		enum target_scope scope = t < ws->nteams ? TARGET_TEAM :
		    TARGET_COMPANY;
		size_t owner = t < ws->nteams ? t : NONE;

		for (k = 0; k < TREND_MONTHS; k++) {
			struct period m = period_of_month(first + k);
			__int128 cents = sum[t * TREND_MONTHS + k];

			if (!money_fits(cents)) {
				too_large(out, TOTAL_ACTUAL, revenue_kpi, scope,
				    owner, &m);
				cents = 0;
			}
			g->trend.revenue_cents[k] = (int64_t)cents;
			g->trend.target[k] = trend_target(out, ws, scope, owner,
			    revenue_kpi, &m);
		}
	}
	free(sum);
}

/* One period on its own: everything but the settlement. */
static void
compute_base(const struct workspace *ws, const struct sales_agg *agg,
    const struct period *p, struct period_result *out)
{
	const struct policy *pol = &ws->policy;
	size_t revenue_kpi = policy_kpi(pol, "revenue");
	size_t i, t, *offset, *rows, *fill;
	int m0 = period_first_month(p), m1 = period_last_month(p);
	int slot = sales_slot(agg, p);
	struct period review;
	bool has_review = review_period(ws, p, &review);

	memset(out, 0, sizeof(*out));
	out->period = *p;
	out->npeople = ws->npeople;
	out->people = xcalloc(ws->npeople ? ws->npeople : 1,
	    sizeof(*out->people));
	out->nteams = ws->nteams;
	out->teams = xcalloc(ws->nteams ? ws->nteams : 1, sizeof(*out->teams));

	/* Each person's review rows, found once. */
	offset = xcalloc(ws->npeople + 1, sizeof(size_t));
	fill = xcalloc(ws->npeople + 1, sizeof(size_t));
	rows = xcalloc(ws->nreviews ? ws->nreviews : 1, sizeof(size_t));
	for (i = 0; i < ws->nreviews; i++)
		offset[ws->reviews[i].reviewee + 1]++;
	for (i = 0; i < ws->npeople; i++)
		offset[i + 1] += offset[i];
	for (i = 0; i < ws->nreviews; i++) {
		size_t who = ws->reviews[i].reviewee;

		rows[offset[who] + fill[who]++] = i;
	}

	for (i = 0; i < ws->npeople; i++) {
		struct person_result *r = &out->people[i];

		r->person = i;
		r->tier = r->natural_tier = NONE;
		r->active = employed_in(&ws->people[i], p);
		if (!r->active)
			continue;
		r->own_revenue_cents = r->revenue_cents = checked_revenue(out,
		    agg, i, revenue_kpi, TOTAL_ACTUAL, m0, m1, p);
		r->own_orders = r->orders = sales_orders(agg, i, slot);
		r->own_active_customers = r->active_customers =
		    sales_active(agg, i, slot);
		r->own_new_customers = r->new_customers =
		    sales_new_customers(agg, i, m0, m1);
		r->team_measured =
		    pol->roles[ws->people[i].role_index].team_scope;
	}
	/* Measured on the team: the team's totals, from the own figures. */
	for (i = 0; i < ws->npeople; i++) {
		struct person_result *r = &out->people[i];
		size_t j;
		__int128 revenue = 0;

		if (!r->active || !r->team_measured)
			continue;
		t = ws->people[i].team_index;
		r->orders = r->new_customers = 0;
		for (j = 0; j < ws->npeople; j++) {
			const struct person_result *o = &out->people[j];

			if (!o->active || ws->people[j].team_index != t)
				continue;
			revenue += o->own_revenue_cents;
			r->orders += o->own_orders;
			r->new_customers += o->own_new_customers;
		}
		if (!money_fits(revenue)) {
			too_large(out, TOTAL_ACTUAL, revenue_kpi, TARGET_TEAM,
			    t, p);
			revenue = 0;
		}
		r->revenue_cents = (int64_t)revenue;
		r->active_customers = sales_team_active(agg, t, slot);
	}
	for (i = 0; i < ws->npeople; i++) {
		struct person_result *r = &out->people[i];

		if (!r->active)
			continue;
		if (slot >= 0 && r->orders > 0) {
			r->avg_order_value.has = true;
			r->avg_order_value.v = (double)r->revenue_cents /
			    100.0 / (double)r->orders;
			r->avg_order_value_cents = round_half_up_div(
			    r->revenue_cents, r->orders);
		}
		if (revenue_kpi != NONE) {
			r->revenue_target = person_target(out, ws, r,
			    revenue_kpi, p);
			r->revenue_attainment = attainment(
			    &pol->kpis[revenue_kpi],
			    (double)r->revenue_cents / 100.0,
			    r->revenue_target.value, r->revenue_target.has);
		}
		person_kpis(ws, out, r, p);
		review_compute_rows(ws, rows + offset[i], offset[i + 1] -
		    offset[i], has_review ? &review : NULL, &r->review);
		person_composite(pol, r);
		person_pace(ws, agg, out, r, p, revenue_kpi);
		person_actions(ws, r, p);
	}
	free(offset);
	free(fill);
	free(rows);

	/* Tiers in their scope, ranks in the company and in each team. */
	out->company.team = NONE;
	out->company.tier_counts = xcalloc(pol->ntiers, sizeof(size_t));
	out->company.tier_rooms = xcalloc(pol->ntiers, sizeof(size_t));
	for (t = 0; t < ws->nteams; t++) {
		out->teams[t].team = t;
		out->teams[t].tier_counts = xcalloc(pol->ntiers,
		    sizeof(size_t));
		out->teams[t].tier_rooms = xcalloc(pol->ntiers, sizeof(size_t));
	}
	tier_population(ws, out, NONE, !pol->tiers_by_team, &out->company);
	for (t = 0; t < ws->nteams; t++)
		tier_population(ws, out, t, pol->tiers_by_team, &out->teams[t]);
	if (pol->tiers_by_team)
		for (t = 0; t < ws->nteams; t++)
			for (i = 0; i < pol->ntiers; i++)
				out->company.tier_counts[i] +=
				    out->teams[t].tier_counts[i];

	/* Commission, with the period's tier multiplier; the cap is per
	 * month, so a quarter's is 3 x cap. */
	for (i = 0; i < ws->npeople; i++) {
		struct person_result *r = &out->people[i];
		struct target_value tv;
		int64_t mult = r->tier != NONE ?
		    pol->tiers[r->tier].multiplier_micro : 1000000;
		int64_t base = r->revenue_cents;
		struct policy plan;

		if (!r->active)
			continue;
		/* The role's plan (commission_by_role) over the company's. */
		policy_plan(pol, ws->people[i].role_index, &plan);
		if (p->kind == PERIOD_QUARTER)
			plan.commission_cap_cents *= 3;
		memset(&tv, 0, sizeof(tv));
		if (plan.commission_base != NONE)
			tv = person_target(out, ws, r, plan.commission_base, p);
		if (plan.commission_base != NONE &&
		    strcmp(pol->kpis[plan.commission_base].name,
		    "revenue") != 0)
			(void)kpi_actual(ws, out, r, plan.commission_base, p,
			    &base);
		commission_compute(&plan, base, &tv, mult, &r->commission);
	}

	for (t = 0; t < ws->nteams; t++)
		group_rollup(ws, agg, p, slot, out, &out->teams[t], t,
		    revenue_kpi);
	group_rollup(ws, agg, p, slot, out, &out->company, NONE, revenue_kpi);
	trends(ws, agg, p, out, revenue_kpi);
	for (i = 0; i < ws->npeople; i++)
		if (out->people[i].active && out->people[i].team_measured)
			out->people[i].trend =
			    out->teams[ws->people[i].team_index].trend;
}

/* Each person's commission in period p (0 without), p computed alone. */
static int64_t *
commissions_of(const struct workspace *ws, const struct sales_agg *agg,
    const struct period *p)
{
	struct period_result r;
	int64_t *c = xcalloc(ws->npeople ? ws->npeople : 1, sizeof(*c));
	size_t i;

	compute_base(ws, agg, p, &r);
	for (i = 0; i < ws->npeople; i++)
		if (r.people[i].active && r.people[i].commission.has)
			c[i] = r.people[i].commission.amount_cents;
	period_result_free(&r);
	return c;
}

/* The true-up of a quarter whose commission is c (none: 0). */
static int64_t
quarter_due(const struct policy *pol, const struct commission_result *c,
    int64_t paid)
{
	int64_t due;

	if (!c->has || pol->settle_monthly)
		return 0;
	due = c->amount_cents - paid;
	return due < 0 && !pol->clawback ? 0 : due;
}

/*
 * Paid, due and year to date (docs/computation.md, "Settlement"): every
 * month from January to the period's last month computed as its own
 * period, and every quarter of the year ended by then.
 */
static void
settle(const struct workspace *ws, const struct sales_agg *agg,
    struct period_result *out)
{
	const struct policy *pol = &ws->policy;
	const struct period *p = &out->period;
	int last = period_last_month(p), first = period_first_month(p);
	int jan = last - last % 12, m;
	size_t n = ws->npeople, i;
	int64_t *qsum = xcalloc(n ? n : 1, sizeof(*qsum)), *mc;

	for (m = jan; m <= last; m++) {
		struct period mp = period_of_month(m);
		bool own = p->kind == PERIOD_MONTH && m == last;

		if (own) {
			mc = xcalloc(n ? n : 1, sizeof(*mc));
			for (i = 0; i < n; i++)
				if (out->people[i].active &&
				    out->people[i].commission.has)
					mc[i] = out->people[i].commission.
					    amount_cents;
		} else
			mc = commissions_of(ws, agg, &mp);
		for (i = 0; i < n; i++) {
			out->people[i].commission_ytd_cents += mc[i];
			qsum[i] += mc[i];
			if (own)
				out->people[i].commission_paid_cents = mc[i];
			else if (p->kind == PERIOD_QUARTER && m >= first)
				out->people[i].commission_paid_cents += mc[i];
		}
		free(mc);
		if ((m - jan) % 3 != 2)
			continue;
		/* A quarter ends: its true-up counts in the year to date. */
		if (p->kind == PERIOD_QUARTER && m == last) {
			for (i = 0; i < n; i++) {
				struct person_result *r = &out->people[i];
				struct policy plan;

				policy_plan(pol, ws->people[i].role_index,
				    &plan);
				r->commission_due_cents = quarter_due(&plan,
				    &r->commission, qsum[i]);
				if (plan.settle_monthly && r->commission.has)
					r->commission.amount_cents = qsum[i];
				r->commission_ytd_cents +=
				    r->commission_due_cents;
			}
		} else {
			struct period_result q;
			struct period qp = mp;

			qp.kind = PERIOD_QUARTER;
			qp.number = (m - jan) / 3 + 1;
			compute_base(ws, agg, &qp, &q);
			for (i = 0; i < n; i++) {
				struct policy plan;

				if (!q.people[i].active)
					continue;
				policy_plan(pol, ws->people[i].role_index,
				    &plan);
				out->people[i].commission_ytd_cents +=
				    quarter_due(&plan, &q.people[i].commission,
				    qsum[i]);
			}
			period_result_free(&q);
		}
		memset(qsum, 0, (n ? n : 1) * sizeof(*qsum));
	}
	free(qsum);
}

void
compute_period(const struct workspace *ws, const struct sales_agg *agg,
    const struct period *p, struct period_result *out)
{
	compute_base(ws, agg, p, out);
	if (p->kind == PERIOD_MONTH || p->kind == PERIOD_QUARTER)
		settle(ws, agg, out);
}

void
compute_period_unsettled(const struct workspace *ws,
    const struct sales_agg *agg, const struct period *p,
    struct period_result *out)
{
	compute_base(ws, agg, p, out);
}

void
period_result_free(struct period_result *r)
{
	size_t i;

	for (i = 0; i < r->npeople; i++) {
		free(r->people[i].kpis);
		review_result_free(&r->people[i].review);
	}
	free(r->people);
	for (i = 0; i < r->nteams; i++) {
		free(r->teams[i].tier_counts);
		free(r->teams[i].tier_rooms);
	}
	free(r->teams);
	free(r->company.tier_counts);
	free(r->company.tier_rooms);
	free(r->problems);
	memset(r, 0, sizeof(*r));
}
