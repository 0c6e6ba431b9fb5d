/*
 * scores.csv and teams.csv (docs/output.md §2): exact headers, UTF-8 with BOM,
 * CRLF line ends (RFC 4180), rows in byte order of rep_id / team, "none"
 * as an empty field, and text that Excel would read as a formula prefixed
 * with a quote.
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/numfmt.h"
#include "compute/compute.h"
#include "jobs/numbers.h"

static void
text(struct buf *b, const char *s)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	const char *p;

	buf_putc(b, ',');
	if (quote)
		buf_putc(b, '"');
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@')
		buf_putc(b, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote)
		buf_putc(b, '"');
}

static void
money(struct buf *b, bool has, int64_t cents)
{
	buf_putc(b, ',');
	if (has)
		fmt_cents(b, cents);
}

static void
number(struct buf *b, struct maybe m, int decimals)
{
	buf_putc(b, ',');
	if (m.has)
		fmt_fixed(b, m.v, decimals);
}

/* Revenue attainment, exact from cents where revenue is higher-better. */
static void
revenue_attainment(struct buf *b, const struct workspace *ws,
    int64_t revenue, const struct target_value *t, struct maybe a)
{
	size_t k = policy_kpi(&ws->policy, "revenue");

	if (a.has && k != NONE && ws->policy.kpis[k].higher_is_better &&
	    t->has && t->cents > 0) {
		buf_putc(b, ',');
		fmt_ratio(b, revenue, t->cents, 4);
	} else
		number(b, a, 4);
}

static const struct workspace *sort_ws;

static int
by_rep_id(const void *a, const void *b)
{
	return strcmp(sort_ws->people[*(const size_t *)a].rep_id,
	    sort_ws->people[*(const size_t *)b].rep_id);
}

void
scores_csv(const struct workspace *ws, const struct period_result *res,
    struct buf *b)
{
	char period[16];
	size_t *order = xcalloc(ws->npeople ? ws->npeople : 1, sizeof(size_t));
	size_t i, n = 0;

	period_format(&res->period, period);
	buf_puts(b, "\xef\xbb\xbfperiod,rep_id,name,team,role,revenue,"
	    "revenue_target,revenue_attainment,orders,active_customers,"
	    "new_customers,kpi_score,review_score,composite,tier,"
	    "commission,measured_on,commission_paid,commission_due,"
	    "commission_ytd\r\n");
	for (i = 0; i < ws->npeople; i++)
		if (res->people[i].active)
			order[n++] = i;
	sort_ws = ws;
	qsort(order, n, sizeof(size_t), by_rep_id);
	for (i = 0; i < n; i++) {
		const struct person_result *r = &res->people[order[i]];
		const struct person *p = &ws->people[order[i]];

		buf_puts(b, period);
		text(b, p->rep_id);
		text(b, p->name);
		text(b, p->team);
		text(b, p->role);
		money(b, true, r->revenue_cents);
		money(b, r->revenue_target.has, r->revenue_target.cents);
		revenue_attainment(b, ws, r->revenue_cents, &r->revenue_target,
		    r->revenue_attainment);
		buf_printf(b, ",%ld,%ld,%ld", r->orders, r->active_customers,
		    r->new_customers);
		number(b, r->kpi_score, 2);
		number(b, r->review.score, 2);
		number(b, r->composite, 2);
		if (r->tier != NONE)
			text(b, ws->policy.tiers[r->tier].name);
		else
			buf_putc(b, ',');
		money(b, r->commission.has, r->commission.amount_cents);
		buf_puts(b, r->team_measured ? ",team" : ",self");
		money(b, true, r->commission_paid_cents);
		money(b, true, r->commission_due_cents);
		money(b, true, r->commission_ytd_cents);
		buf_puts(b, "\r\n");
	}
	free(order);
}

void
teams_csv(const struct workspace *ws, const struct period_result *res,
    struct buf *b)
{
	char period[16];
	size_t t;

	period_format(&res->period, period);
	buf_puts(b, "\xef\xbb\xbfperiod,team,members,revenue,revenue_target,"
	    "revenue_attainment,orders,active_customers,new_customers\r\n");
	/* ws->teams is sorted by id in byte order. */
	for (t = 0; t < res->nteams; t++) {
		const struct group_result *g = &res->teams[t];

		if (g->members == 0)
			continue;
		buf_puts(b, period);
		text(b, ws->teams[t].id);
		buf_printf(b, ",%zu", g->members);
		money(b, true, g->revenue_cents);
		money(b, g->revenue_target.has, g->revenue_target.cents);
		revenue_attainment(b, ws, g->revenue_cents, &g->revenue_target,
		    g->revenue_attainment);
		buf_printf(b, ",%ld,%ld,%ld\r\n", g->orders,
		    g->active_customers, g->new_customers);
	}
}
