/*
 * The sales aggregate of sales.h.  Rows arrive in file order; the first
 * positive row of each customer is the one with the earliest date, and of
 * equal dates the earlier line (lines only grow, so a later row replaces
 * only with a strictly earlier date).
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "compute/compute.h"

/*
 * The window runs from the January of the run's period's year to its last
 * month (at most 12 months), so that every month and every quarter of the
 * year to date can be computed as its own period (docs/computation.md,
 * "Settlement").  Slots: one per month of the window, then one per
 * complete quarter of it.
 */
#define NMONTHS(a) ((a)->w1 - (a)->w0 + 1)
#define NQUARTERS(a) (NMONTHS(a) / 3)
#define SLOTS(a) (NMONTHS(a) + NQUARTERS(a))
/*
 * In a mask of months, bits 0..11 are the window's months and bit 12 + q
 * is for quarter q as a whole only: a customer of a team member's row
 * dated in a month of the quarter they were not employed in (they are a
 * member for the quarter, not that month).
 */
#define QUARTER_ONLY(q) ((uint16_t)(1u << (12 + (q))))
#define QUARTER_MONTHS(q) ((uint16_t)(7u << (3 * (q))))

void
sales_agg_init(struct sales_agg *a, const struct person *people,
    size_t npeople, size_t nteams, const struct period *window)
{
	size_t slots, p;
	int m;

	memset(a, 0, sizeof(*a));
	a->people = people;
	a->npeople = npeople;
	a->nteams = nteams;
	a->last_customer_len = (size_t)-1;
	a->customers.payload = sizeof(struct customer_first);
	a->w1 = period_last_month(window);
	a->w0 = a->w1 - a->w1 % 12;	/* the year to date */
	a->member = xcalloc(npeople ? npeople : 1, sizeof(uint16_t));
	for (p = 0; p < npeople; p++)
		for (m = a->w0; m <= a->w1; m++) {
			struct period month = period_of_month(m);

			if (employed_in(&people[p], &month))
				a->member[p] |= (uint16_t)(1u << (m - a->w0));
		}
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
	__int128 *rev;

	if (a->nmonths == 0) {
		a->base_month = m;
		a->nmonths = 1;
		a->revenue = xcalloc(p ? p : 1, sizeof(*a->revenue));
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
	rev = xcalloc((size_t)n * (p ? p : 1), sizeof(*rev));
	memcpy(rev + (size_t)front * p, a->revenue,
	    (size_t)a->nmonths * p * sizeof(*rev));
	free(a->revenue);
	a->revenue = rev;
	a->base_month -= front;
	a->nmonths = n;
}

/*
 * The key of the row's order in orders_seen, into key (order_len + 5
 * bytes): the person in 7-bit groups (1 to 5 bytes: no key is the prefix
 * of another's), then the order id.  Returns its length.
 */
static size_t
order_key(uint32_t person, const struct sale *s, char *key)
{
	size_t n = 0;

	while (person >= 0x80) {
		key[n++] = (char)(0x80 | (person & 0x7f));
		person >>= 7;
	}
	key[n++] = (char)person;
	memcpy(key + n, s->order_id, s->order_len);
	return n + s->order_len;
}

/* Marks the row's month for its order and its customer. */
static void
mark_distinct(struct sales_agg *a, const struct sale *s, int month,
    uint32_t customer, struct customer_first *f)
{
	size_t p = s->person, t = a->people[p].team_index;
	uint16_t bit = (uint16_t)(1u << month), member;
	char stack[256], *key;
	uint32_t p32 = (uint32_t)p;
	size_t n;

	if (s->order_len == 0) {
		/* Each row without an order id is an order of its own. */
		a->orders[(size_t)month * a->npeople + p]++;
		if (month / 3 < NQUARTERS(a))
			a->orders[(size_t)(NMONTHS(a) + month / 3) *
			    a->npeople + p]++;
	} else {
		key = s->order_len + 5 <= sizeof(stack) ? stack :
		    xmalloc(s->order_len + 5);
		n = order_key(p32, s, key);
		*keyset_at(&a->orders_seen, key, n) |= bit;
		if (key != stack)
			free(key);
	}
	/* kind 2 bits | who 30 bits | customer 32 bits, unless the first
	 * person or team seen with the customer (kept beside it) */
	if (f->person_months == 0 || f->seen_person == p32) {
		f->seen_person = p32;
		f->person_months |= bit;
	} else
		*intmap_at(&a->active_seen, ((uint64_t)0 << 62) |
		    ((uint64_t)p << 32) | customer) |= bit;
	/* The team's and the company's: only where the seller is a member. */
	member = (a->member[p] & bit) != 0 ? bit :
	    (a->member[p] & QUARTER_MONTHS(month / 3)) != 0 ?
	    QUARTER_ONLY(month / 3) : 0;
	if (member == 0)
		return;
	if (f->team_months == 0 || f->seen_team == (uint32_t)t) {
		f->seen_team = (uint32_t)t;
		f->team_months |= member;
	} else
		*intmap_at(&a->active_seen, ((uint64_t)1 << 62) |
		    ((uint64_t)t << 32) | customer) |= member;
	f->company_months |= member;
}

/* Adds one to counts[slot][who] for each month in mask, and for each
 * complete quarter it touches (QUARTER_ONLY is no month). */
static void
count_mask(const struct sales_agg *a, long *counts, size_t width, size_t who,
    uint16_t mask)
{
	int m, q;

	for (m = 0; m < NMONTHS(a); m++)
		if (mask & (1u << m))
			counts[(size_t)m * width + who]++;
	for (q = 0; q < NQUARTERS(a); q++)
		if (mask & (QUARTER_MONTHS(q) | QUARTER_ONLY(q)))
			counts[(size_t)(NMONTHS(a) + q) * width + who]++;
}

static void
count_order(const char *key, size_t len, uint16_t mask, void *arg)
{
	struct sales_agg *a = arg;
	const unsigned char *k = (const unsigned char *)key;
	uint32_t p = 0;
	int shift = 0;

	(void)len;
	while (*k & 0x80) {
		p |= (uint32_t)(*k++ & 0x7f) << shift;
		shift += 7;
	}
	p |= (uint32_t)*k << shift;
	count_mask(a, a->orders, a->npeople, p, mask);
}

static void
count_active(uint64_t key, uint16_t mask, void *arg)
{
	struct sales_agg *a = arg;
	size_t who = (size_t)((key >> 32) & 0x3fffffff);

	/* The company's are all beside the customers (count_new). */
	if (key >> 62 == 0)
		count_mask(a, a->active, a->npeople, who, mask);
	else
		count_mask(a, a->team_active, a->nteams, who, mask);
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
	/*
	 * Customers matter only for the window: a row after it can change
	 * neither who is new in it nor who is active in it.
	 */
	if (s->cents <= 0 || m > a->w1)
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
		first->person = (uint32_t)s->person;
	}
	if (m >= a->w0 && m <= a->w1)
		mark_distinct(a, s, m - a->w0, c, first);
}

void
sales_agg_ahead(void *arg, const struct sale *s, int stage)
{
	struct sales_agg *a = arg;
	int m = date_month(s->date);
	char key[64];

	if (s->cents <= 0 || m > a->w1)
		return;
	intern_prefetch(&a->customers, s->customer, s->customer_len, stage);
	if (m >= a->w0 && s->order_len > 0 && s->order_len + 5 <= sizeof(key))
		keyset_prefetch(&a->orders_seen, key,
		    order_key((uint32_t)s->person, s, key), stage);
}

static void
count_new(void *payload, void *arg)
{
	const struct customer_first *f = payload;
	struct sales_agg *a = arg;
	int m = date_month(f->date) - a->base_month;

	a->new_customers[(size_t)m * a->npeople + f->person]++;
	if (f->person_months != 0)
		count_mask(a, a->active, a->npeople, f->seen_person,
		    f->person_months);
	if (f->team_months != 0)
		count_mask(a, a->team_active, a->nteams, f->seen_team,
		    f->team_months);
	if (f->company_months != 0)
		count_mask(a, a->company_active, 1, 0, f->company_months);
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
	keyset_each(&a->orders_seen, count_order, a);
	intmap_each(&a->active_seen, count_active, a);
	a->finished = true;
}

void
sales_agg_free(struct sales_agg *a)
{
	free(a->member);
	free(a->revenue);
	free(a->new_customers);
	intern_free(&a->customers);
	keyset_free(&a->orders_seen);
	intmap_free(&a->active_seen);
	free(a->orders);
	free(a->active);
	free(a->team_active);
	free(a->company_active);
	memset(a, 0, sizeof(*a));
}

bool
sales_revenue(const struct sales_agg *a, size_t person, int m0, int m1,
    int64_t *cents)
{
	__int128 sum = 0;
	int m;

	for (m = m0; m <= m1; m++)
		if (m >= a->base_month && m < a->base_month + a->nmonths)
			sum += a->revenue[(size_t)(m - a->base_month) *
			    a->npeople + person];
	*cents = money_fits(sum) ? (int64_t)sum : 0;
	return money_fits(sum);
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

	if (m0 < a->w0 || m1 > a->w1)
		return -1;
	if (m0 == m1)
		return m0 - a->w0;
	if (p->kind == PERIOD_QUARTER)
		return NMONTHS(a) + (m0 - a->w0) / 3;
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

static void
run_begin(void *arg, const struct workspace *ws)
{
	struct sales_run *run = arg;

	sales_agg_init(&run->agg, ws->people, ws->npeople, ws->nteams,
	    &run->window);
	run->started = true;
}

static void
run_row(void *arg, const struct sale *s)
{
	struct sales_run *run = arg;

	sales_agg_row(&run->agg, s);
}

static void
run_ahead(void *arg, const struct sale *s, int stage)
{
	struct sales_run *run = arg;

	if (run->started)
		sales_agg_ahead(&run->agg, s, stage);
}

void
sales_run_sink(struct sales_run *run, const struct period *window,
    int jobs, struct sales_sink *sink)
{
	memset(run, 0, sizeof(*run));
	run->window = *window;
	sink->begin = run_begin;
	sink->row = run_row;
	sink->ahead = run_ahead;
	sink->arg = run;
	sink->jobs = jobs;
	sink->chunk_bytes = 0;
}

void
sales_run_finish(struct sales_run *run)
{
	if (run->started)
		sales_agg_finish(&run->agg);
}

void
sales_run_free(struct sales_run *run)
{
	if (run->started)
		sales_agg_free(&run->agg);
}
