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

/* One slot per month of the window, and one for all of it if longer. */
#define SLOTS(a) ((a)->w1 == (a)->w0 ? 1 : (a)->w1 - (a)->w0 + 2)
#define WHOLE(a) ((a)->w1 == (a)->w0 ? 0 : (a)->w1 - (a)->w0 + 1)

void
sales_agg_init(struct sales_agg *a, size_t npeople, const size_t *team_of,
    size_t nteams, const struct period *window)
{
	size_t slots;

	memset(a, 0, sizeof(*a));
	a->npeople = npeople;
	a->team_of = team_of;
	a->nteams = nteams;
	a->last_customer_len = (size_t)-1;
	a->customers.payload = sizeof(struct customer_first);
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

static bool
add_order(struct sales_agg *a, int slot, size_t person, const char *s,
    size_t n)
{
	char stack[256], *buf = n + 8 <= sizeof(stack) ? stack : xmalloc(n + 8);
	uint32_t id32 = (uint32_t)person;
	bool added;

	buf[0] = (char)slot;
	memcpy(buf + 1, &id32, 4);
	memcpy(buf + 5, s, n);
	added = keyset_add(&a->orders_seen, buf, n + 5);
	if (buf != stack)
		free(buf);
	return added;
}

/* kind 2 bits | slot 6 bits | who 24 bits | customer 32 bits */
static bool
add_active(struct sales_agg *a, unsigned kind, int slot, size_t who,
    uint32_t customer)
{
	uint64_t key = ((uint64_t)kind << 62) | ((uint64_t)slot << 56) |
	    ((uint64_t)(who & 0xffffff) << 32) | customer;

	return intset_add(&a->active_seen, key);
}

/* Counts the row in a window slot: orders and active customers. */
static void
count_distinct(struct sales_agg *a, const struct sale *s, int slot,
    uint32_t customer)
{
	size_t p = s->person, t = a->team_of[p];
	size_t np = a->npeople, nt = a->nteams;

	if (s->order_len == 0 || add_order(a, slot, p, s->order_id,
	    s->order_len))
		a->orders[(size_t)slot * np + p]++;
	if (add_active(a, 0, slot, p, customer))
		a->active[(size_t)slot * np + p]++;
	if (add_active(a, 1, slot, t, customer))
		a->team_active[(size_t)slot * nt + t]++;
	if (add_active(a, 2, slot, 0, customer))
		a->company_active[slot]++;
}

void
sales_agg_row(void *arg, const struct sale *s)
{
	struct sales_agg *a = arg;
	int m = date_month(s->date);
	struct customer_first *first;
	uint32_t c;
	bool added;
	void *payload;

	cover_month(a, m);
	a->revenue[(size_t)(m - a->base_month) * a->npeople + s->person] +=
	    s->cents;
	if (s->cents <= 0)
		return;
	/* Lines of one order come together: skip the lookup for a repeat. */
	if (a->last_customer_len == s->customer_len && s->customer_len <=
	    sizeof(a->last_customer) && memcmp(a->last_customer, s->customer,
	    s->customer_len) == 0) {
		c = a->last_customer_index;
		first = a->last_first;
	} else {
		c = intern(&a->customers, s->customer, s->customer_len, &added,
		    &payload);
		first = payload;
		a->last_customer_len = (size_t)-1;
		if (s->customer_len <= sizeof(a->last_customer)) {
			memcpy(a->last_customer, s->customer, s->customer_len);
			a->last_customer_len = s->customer_len;
			a->last_customer_index = c;
			a->last_first = first;
		}
	}
	if (first->date == 0 || s->date < first->date) {
		first->date = s->date;
		first->line = s->line;
		first->person = (uint32_t)s->person;
	}
	if (m >= a->w0 && m <= a->w1) {
		count_distinct(a, s, m - a->w0, c);
		if (WHOLE(a) != 0)
			count_distinct(a, s, WHOLE(a), c);
	}
}

static void
count_new(void *payload, void *arg)
{
	const struct customer_first *f = payload;
	struct sales_agg *a = arg;
	int m = date_month(f->date) - a->base_month;

	a->new_customers[(size_t)m * a->npeople + f->person]++;
}

void
sales_agg_finish(struct sales_agg *a)
{
	size_t p = a->npeople;

	if (a->nmonths == 0)
		cover_month(a, a->w0);
	a->new_customers = xcalloc((size_t)a->nmonths * (p ? p : 1),
	    sizeof(long));
	intern_each(&a->customers, count_new, a);
	a->finished = true;
}

void
sales_agg_free(struct sales_agg *a)
{
	free(a->revenue);
	free(a->new_customers);
	intern_free(&a->customers);
	keyset_free(&a->orders_seen);
	intset_free(&a->active_seen);
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
		return WHOLE(a);
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
