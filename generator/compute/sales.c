/*
 * The sales aggregate of sales.h.  Rows arrive in file order; the first
 * positive row of each customer is the one with the earliest date, and of
 * equal dates the earlier line (lines only grow, so a later row replaces
 * only with a strictly earlier date).
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "compute/sales.h"

#define SLOTS(a) ((a)->w1 - (a)->w0 + 2)

void
sales_agg_init(struct sales_agg *a, size_t npeople, const size_t *team_of,
    size_t nteams, const struct period *window)
{
	size_t slots;

	memset(a, 0, sizeof(*a));
	a->npeople = npeople;
	a->team_of = team_of;
	a->nteams = nteams;
	a->w0 = period_first_month(window);
	a->w1 = period_last_month(window);
	slots = (size_t)SLOTS(a);
	a->orders = xcalloc(slots * (npeople ? npeople : 1), sizeof(long));
	a->active = xcalloc(slots * (npeople ? npeople : 1), sizeof(long));
	a->team_active = xcalloc(slots * (nteams ? nteams : 1), sizeof(long));
	a->company_active = xcalloc(slots, sizeof(long));
}

/* Makes room for month m in the per-month arrays. */
static void
cover_month(struct sales_agg *a, int m)
{
	int front = 0, back = 0, n;
	size_t p = a->npeople;
	int64_t *rev;

	if (a->nmonths == 0) {
		a->base_month = m;
		a->nmonths = 1;
		a->revenue = xcalloc(p ? p : 1, sizeof(int64_t));
		return;
	}
	if (m < a->base_month)
		front = a->base_month - m;
	else if (m >= a->base_month + a->nmonths)
		back = m - (a->base_month + a->nmonths) + 1;
	else
		return;
	/* Grow by at least a year to keep reallocation rare. */
	if (front > 0 && front < 12)
		front = 12;
	if (back > 0 && back < 12)
		back = 12;
	n = a->nmonths + front + back;
	rev = xcalloc((size_t)n * (p ? p : 1), sizeof(int64_t));
	memcpy(rev + (size_t)front * p, a->revenue,
	    (size_t)a->nmonths * p * sizeof(int64_t));
	free(a->revenue);
	a->revenue = rev;
	a->base_month -= front;
	a->nmonths = n;
}

struct key {
	char	 kind;
	char	 slot;
	uint32_t id;
};

static bool
add_key(struct sales_agg *a, char kind, int slot, size_t id, const char *s,
    size_t n)
{
	char stack[256], *buf = n + 8 <= sizeof(stack) ? stack : xmalloc(n + 8);
	uint32_t id32 = (uint32_t)id;
	bool added;

	buf[0] = kind;
	buf[1] = (char)slot;
	memcpy(buf + 2, &id32, 4);
	memcpy(buf + 6, s, n);
	added = keyset_add(&a->keys, buf, n + 6);
	if (buf != stack)
		free(buf);
	return added;
}

/* Counts the row in a window slot: orders and active customers. */
static void
count_distinct(struct sales_agg *a, const struct sale *s, int slot)
{
	size_t p = s->person, t = a->team_of[p];
	size_t np = a->npeople, nt = a->nteams;

	if (s->order_len == 0)
		a->orders[(size_t)slot * np + p]++;
	else if (add_key(a, 'o', slot, p, s->order_id, s->order_len))
		a->orders[(size_t)slot * np + p]++;
	if (add_key(a, 'a', slot, p, s->customer, s->customer_len))
		a->active[(size_t)slot * np + p]++;
	if (add_key(a, 't', slot, t, s->customer, s->customer_len))
		a->team_active[(size_t)slot * nt + t]++;
	if (add_key(a, 'c', slot, 0, s->customer, s->customer_len))
		a->company_active[slot]++;
}

void
sales_agg_row(void *arg, const struct sale *s)
{
	struct sales_agg *a = arg;
	int m = date_month(s->date);
	size_t c;

	cover_month(a, m);
	a->revenue[(size_t)(m - a->base_month) * a->npeople + s->person] +=
	    s->cents;
	if (s->cents <= 0)
		return;
	if (strmap_put(&a->customers, s->customer, s->customer_len,
	    a->ncustomers, &c)) {
		a->first = xreallocarray(a->first, a->ncustomers + 1,
		    sizeof(*a->first));
		a->first[c].date = s->date;
		a->first[c].line = s->line;
		a->first[c].person = s->person;
		a->ncustomers++;
	} else if (s->date < a->first[c].date) {
		a->first[c].date = s->date;
		a->first[c].line = s->line;
		a->first[c].person = s->person;
	}
	if (m >= a->w0 && m <= a->w1) {
		count_distinct(a, s, m - a->w0);
		count_distinct(a, s, a->w1 - a->w0 + 1);
	}
}

void
sales_agg_finish(struct sales_agg *a)
{
	size_t c, p = a->npeople;
	int m;

	if (a->nmonths == 0)
		cover_month(a, a->w0);
	a->new_customers = xcalloc((size_t)a->nmonths * (p ? p : 1),
	    sizeof(long));
	for (c = 0; c < a->ncustomers; c++) {
		m = date_month(a->first[c].date) - a->base_month;
		a->new_customers[(size_t)m * p + a->first[c].person]++;
	}
	a->finished = true;
}

void
sales_agg_free(struct sales_agg *a)
{
	free(a->revenue);
	free(a->new_customers);
	strmap_free(&a->customers);
	free(a->first);
	keyset_free(&a->keys);
	free(a->orders);
	free(a->active);
	free(a->team_active);
	free(a->company_active);
	memset(a, 0, sizeof(*a));
}

int64_t
sales_revenue(const struct sales_agg *a, size_t person, int m0, int m1)
{
	int64_t sum = 0;
	int m;

	for (m = m0; m <= m1; m++)
		if (m >= a->base_month && m < a->base_month + a->nmonths)
			sum += a->revenue[(size_t)(m - a->base_month) *
			    a->npeople + person];
	return sum;
}

long
sales_new_customers(const struct sales_agg *a, size_t person, int m0, int m1)
{
	long sum = 0;
	int m;

	for (m = m0; m <= m1; m++)
		if (m >= a->base_month && m < a->base_month + a->nmonths)
			sum += a->new_customers[(size_t)(m - a->base_month) *
			    a->npeople + person];
	return sum;
}

int
sales_slot(const struct sales_agg *a, const struct period *p)
{
	int m0 = period_first_month(p), m1 = period_last_month(p);

	if (m0 == a->w0 && m1 == a->w1)
		return a->w1 - a->w0 + 1;
	if (m0 == m1 && m0 >= a->w0 && m0 <= a->w1)
		return m0 - a->w0;
	return -1;
}

long
sales_orders(const struct sales_agg *a, size_t person, int slot)
{
	return slot < 0 ? 0 : a->orders[(size_t)slot * a->npeople + person];
}

long
sales_active(const struct sales_agg *a, size_t person, int slot)
{
	return slot < 0 ? 0 : a->active[(size_t)slot * a->npeople + person];
}

long
sales_team_active(const struct sales_agg *a, size_t team, int slot)
{
	return slot < 0 ? 0 : a->team_active[(size_t)slot * a->nteams + team];
}

long
sales_company_active(const struct sales_agg *a, int slot)
{
	return slot < 0 ? 0 : a->company_active[slot];
}
