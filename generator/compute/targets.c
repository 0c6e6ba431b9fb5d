/*
 * Targets (docs/computation.md): an explicit row for the period, else a
 * quarter or year row decomposed by the seasonality weights, else for a
 * longer period the sum (or mean) of its months; for a team the sum over its
 * members, for the company the sum over its teams. Also attainment and
 * rounding. Money sums are exact (128 bits); one beyond the money limit of
 * model/money.h is marked too_large for compute_period to report.
 */
#include <string.h>

#include "compute/compute.h"

int64_t
round_half_up_div(__int128 num, __int128 den)
{
	__int128 q;

	if (den < 0) {
		num = -num;
		den = -den;
	}
	/* Half away from zero, which is half-up for the positive amounts. */
	if (num >= 0)
		q = (2 * num + den) / (2 * den);
	else
		q = -((-2 * num + den) / (2 * den));
	return (int64_t)q;
}

static const struct target *
find_row(const struct workspace *ws, enum target_scope scope, size_t owner,
    size_t kpi, const struct period *p)
{
	struct lookup_key key = target_key(scope, owner, kpi, p);
	size_t i;

	if (!strmap_get(&ws->target_index, (const char *)&key, sizeof(key), &i))
		return NULL;
	return &ws->targets[i];
}

static struct target_value
from_row(const struct target *t, bool money)
{
	struct target_value v;

	memset(&v, 0, sizeof(v));
	v.has = true;
	v.money = money;
	v.cents = t->cents;
	v.value = t->value;
	v.how = TARGET_EXPLICIT;
	v.from = t->period;
	return v;
}

/* The share of month m in the months m0..m1 by seasonality weights. */
static struct target_value
decompose(const struct workspace *ws, const struct target *t,
    const struct kpi_def *k, int m, int m0, int m1)
{
	const int64_t *w = ws->policy.seasonality_micro;
	struct target_value v = from_row(t, k->unit == UNIT_MONEY);
	__int128 sum = 0;
	int i;

	v.how = TARGET_DECOMPOSED;
	if (k->agg == AGG_MEAN)
		return v;
	for (i = m0; i <= m1; i++)
		sum += w[i % 12];
	if (sum == 0) {
		v.has = false;
		return v;
	}
	if (v.money) {
		v.cents = round_half_up_div((__int128)t->cents * w[m % 12], sum);
		v.value = (double)v.cents / 100.0;
	} else
		v.value = t->value * (double)w[m % 12] / (double)sum;
	return v;
}

/* A month's target from the owner's own rows only. */
static struct target_value
own_month(const struct workspace *ws, enum target_scope scope, size_t owner,
    size_t kpi, int m)
{
	const struct kpi_def *k = &ws->policy.kpis[kpi];
	struct period p = period_of_month(m);
	const struct target *t;
	struct target_value none;

	if ((t = find_row(ws, scope, owner, kpi, &p)) != NULL)
		return from_row(t, k->unit == UNIT_MONEY);
	p.kind = PERIOD_QUARTER;
	p.number = (m % 12) / 3 + 1;
	if ((t = find_row(ws, scope, owner, kpi, &p)) != NULL)
		return decompose(ws, t, k, m, period_first_month(&p),
		    period_last_month(&p));
	p.kind = PERIOD_YEAR;
	p.number = 0;
	if ((t = find_row(ws, scope, owner, kpi, &p)) != NULL)
		return decompose(ws, t, k, m, period_first_month(&p),
		    period_last_month(&p));
	memset(&none, 0, sizeof(none));
	none.money = k->unit == UNIT_MONEY;
	return none;
}

/* A sum (or mean) being built: money exactly in cents, n values added. */
struct target_sum {
	__int128	 cents;
	int		 n;
};

static void
accumulate(struct target_value *sum, struct target_sum *acc,
    const struct target_value *b)
{
	if (!b->has)
		return;
	sum->has = true;
	sum->too_large |= b->too_large;
	acc->cents += b->cents;
	sum->value += b->value;
	acc->n++;
}

static void
finish_mean(struct target_value *v, const struct kpi_def *k,
    const struct target_sum *acc)
{
	__int128 cents = acc->cents;

	if (k->agg == AGG_MEAN && acc->n > 0) {
		cents = round_half_up_div(cents, acc->n);
		v->value /= acc->n;
	}
	if (!money_fits(cents)) {
		v->too_large = true;
		cents = 0;
	}
	v->cents = (int64_t)cents;
	if (v->money)
		v->value = (double)v->cents / 100.0;
}

/* The owner's own target for a period: explicit, or built of months. */
/* An empty sum of k's targets over p, made as how says. */
static void
sum_begin(struct target_value *v, const struct kpi_def *k, int how,
    const struct period *p)
{
	memset(v, 0, sizeof(*v));
	v->money = k->unit == UNIT_MONEY;
	v->how = how;
	v->from = *p;
}

static struct target_value
own_target(const struct workspace *ws, enum target_scope scope, size_t owner,
    size_t kpi, const struct period *p)
{
	const struct kpi_def *k = &ws->policy.kpis[kpi];
	const struct target *t;
	struct target_value v, m;
	struct target_sum acc = { 0, 0 };
	int i;

	if (p->kind == PERIOD_MONTH)
		return own_month(ws, scope, owner, kpi, period_first_month(p));
	if ((t = find_row(ws, scope, owner, kpi, p)) != NULL)
		return from_row(t, k->unit == UNIT_MONEY);
	sum_begin(&v, k, TARGET_DECOMPOSED, p);
	for (i = period_first_month(p); i <= period_last_month(p); i++) {
		m = own_month(ws, scope, owner, kpi, i);
		if (!m.has) {
			v.has = false;
			return v;
		}
		accumulate(&v, &acc, &m);
	}
	finish_mean(&v, k, &acc);
	return v;
}

bool
employed_in(const struct person *p, const struct period *per)
{
	return (p->hire == 0 || p->hire <= period_end(per)) &&
	    (p->leave == 0 || p->leave >= period_start(per));
}

/* Sum (or mean) of the members' own targets, for the gap check too. */
static struct target_value
team_member_sum(const struct workspace *ws, size_t team, size_t kpi,
    const struct period *p)
{
	const struct team *t = &ws->teams[team];
	const struct kpi_def *k = &ws->policy.kpis[kpi];
	struct target_value v, m;
	struct target_sum acc = { 0, 0 };
	size_t i;

	sum_begin(&v, k, TARGET_SUMMED, p);
	for (i = 0; i < t->nmembers; i++) {
		if (!employed_in(&ws->people[t->members[i]], p))
			continue;
		m = own_target(ws, TARGET_REP, t->members[i], kpi, p);
		accumulate(&v, &acc, &m);
	}
	finish_mean(&v, k, &acc);
	return v;
}

static struct target_value
company_team_sum(const struct workspace *ws, size_t kpi,
    const struct period *p)
{
	const struct kpi_def *k = &ws->policy.kpis[kpi];
	struct target_value v, m;
	struct target_sum acc = { 0, 0 };
	size_t t;

	sum_begin(&v, k, TARGET_SUMMED, p);
	for (t = 0; t < ws->nteams; t++) {
		m = target_for(ws, TARGET_TEAM, t, kpi, p);
		accumulate(&v, &acc, &m);
	}
	finish_mean(&v, k, &acc);
	return v;
}

struct target_value
target_for(const struct workspace *ws, enum target_scope scope, size_t owner,
    size_t kpi, const struct period *p)
{
	struct target_value v = own_target(ws, scope, owner, kpi, p);

	if (v.has || scope == TARGET_REP)
		return v;
	if (scope == TARGET_TEAM)
		return team_member_sum(ws, owner, kpi, p);
	return company_team_sum(ws, kpi, p);
}

/*
 * The members' sum beside an explicit group target, for the 0.5 % check
 * (docs/computation.md, "Targets").
 */
bool
target_gap(const struct workspace *ws, enum target_scope scope, size_t owner,
    size_t kpi, const struct period *p, struct target_value *explicit_v,
    struct target_value *sum)
{
	double diff;

	*explicit_v = own_target(ws, scope, owner, kpi, p);
	*sum = scope == TARGET_TEAM ? team_member_sum(ws, owner, kpi, p) :
	    company_team_sum(ws, kpi, p);
	if (!explicit_v->has || !sum->has)
		return false;
	diff = explicit_v->value - sum->value;
	if (diff < 0)
		diff = -diff;
	return diff > 0.005 * (explicit_v->value < 0 ? -explicit_v->value :
	    explicit_v->value);
}

struct maybe
attainment(const struct kpi_def *k, double actual, double target,
    bool has_target)
{
	struct maybe a = { false, 0 };

	if (!has_target || target == 0)
		return a;
	if (k->higher_is_better) {
		a.has = true;
		a.v = actual / target;
	} else if (actual == 0) {
		a.has = k->has_cap;
		a.v = k->cap;
	} else {
		a.has = true;
		a.v = target / actual;
	}
	return a;
}
