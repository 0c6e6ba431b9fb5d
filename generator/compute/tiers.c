/*
 * Performance tiers with forced distribution (docs/computation.md):
 * people ordered by composite desc, revenue attainment desc (none last),
 * rep_id asc; each takes the first tier whose min_score it reaches, moving
 * down while that tier's room, floor(max_share x N + 0.5), is full.  The
 * composite is the exact one, not the two decimals a report shows; values
 * closer than EPSILON count as equal, so that floating-point noise in a
 * sum such as 0.7 x 80 + 0.3 x 80 cannot move anyone across a line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compute/compute.h"

#define EPSILON 1e-9

static const struct workspace *order_ws;

static int
compare_rank(const void *a, const void *b)
{
	const struct person_result *x = *(struct person_result *const *)a;
	const struct person_result *y = *(struct person_result *const *)b;

	if (x->composite.v > y->composite.v + EPSILON ||
	    x->composite.v < y->composite.v - EPSILON)
		return x->composite.v > y->composite.v ? -1 : 1;
	if (x->revenue_attainment.has != y->revenue_attainment.has)
		return x->revenue_attainment.has ? -1 : 1;
	if (x->revenue_attainment.has &&
	    x->revenue_attainment.v != y->revenue_attainment.v)
		return x->revenue_attainment.v > y->revenue_attainment.v ? -1 : 1;
	return strcmp(order_ws->people[x->person].rep_id,
	    order_ws->people[y->person].rep_id);
}

/* Sorts the people into rank order (the same order ranks use). */
void
rank_order(const struct workspace *ws, struct person_result **people,
    size_t n)
{
	order_ws = ws;
	qsort(people, n, sizeof(*people), compare_rank);
}

void
assign_tiers(const struct workspace *ws, struct person_result **people,
    size_t n, size_t *rooms, size_t *counts)
{
	const struct policy *p = &ws->policy;
	size_t i, t, last = p->ntiers - 1;

	rank_order(ws, people, n);
	for (t = 0; t < p->ntiers; t++) {
		counts[t] = 0;
		if (t == last || !p->tiers[t].has_max_share)
			rooms[t] = SIZE_MAX;
		else
			rooms[t] = (size_t)(((__int128)p->tiers[t].
			    max_share_micro * (__int128)n + 500000) / 1000000);
	}
	for (i = 0; i < n; i++) {
		struct person_result *r = people[i];

		for (t = 0; t < last; t++)
			if (p->tiers[t].min_score <= r->composite.v + EPSILON)
				break;
		r->natural_tier = t;
		while (t < last && counts[t] >= rooms[t])
			t++;
		r->tier = t;
		counts[t]++;
	}
}
