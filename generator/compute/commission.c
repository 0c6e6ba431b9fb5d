/*
 * Commission (docs/computation.md), exact: revenue and target in cents,
 * attainment edges, rates and multipliers in millionths, products in 128-bit
 * integers, one half-up rounding to cents at the end. The slices shown in a
 * report are rounded separately; the total is not their sum of roundings.
 * Bounds (model/money.h, input/policy.c): |revenue| and target below 10^17
 * cents, rates at most 10^6, multipliers at most 10^7, attainment edges at
 * most 10^8 millionths; so the largest product, revenue x 10^6 x rate x
 * multiplier, stays below 10^36 (128 bits hold 1.7 x 10^38), and the
 * amounts, at most 10 x revenue, fit 64 bits.
 */
#include <string.h>

#include "compute/compute.h"

#define MICRO 1000000

/* Commission in cents x 10^12 before multiplier and cap. */
static __int128
raw_commission(const struct policy *p, int64_t r, int64_t t,
    struct commission_result *res)
{
	__int128 total = 0, rr = (__int128)r * MICRO, lo, hi, slice;
	size_t i, best = (size_t)-1;

	if (p->commission_flat) {
		for (i = 0; i < p->nbrackets; i++)
			if ((__int128)p->brackets[i].from_micro * t <= rr)
				best = i;
		if (best == (size_t)-1)
			return 0;
		if (res != NULL) {
			struct commission_slice *s = &res->slices[0];

			s->from_micro = p->brackets[best].from_micro;
			s->to_micro = p->brackets[best].to_micro;
			s->has_to = p->brackets[best].has_to;
			s->rate_micro = p->brackets[best].rate_micro;
			s->base_cents = r;
			s->amount_cents = round_half_up_div(
			    (__int128)r * s->rate_micro, MICRO);
			res->nslices = 1;
		}
		return rr * p->brackets[best].rate_micro;
	}
	for (i = 0; i < p->nbrackets; i++) {
		const struct bracket *b = &p->brackets[i];

		lo = (__int128)b->from_micro * t;
		hi = b->has_to ? (__int128)b->to_micro * t : rr;
		if (hi > rr)
			hi = rr;
		slice = hi > lo ? hi - lo : 0;
		total += slice * b->rate_micro;
		if (res != NULL && slice > 0 && res->nslices < 8) {
			struct commission_slice *s =
			    &res->slices[res->nslices++];

			s->from_micro = b->from_micro;
			s->to_micro = b->to_micro;
			s->has_to = b->has_to;
			s->rate_micro = b->rate_micro;
			s->base_cents = round_half_up_div(slice, MICRO);
			s->amount_cents = round_half_up_div(
			    slice * b->rate_micro, (__int128)MICRO * MICRO);
		}
	}
	return total;
}

/* Final amount in cents for revenue r (after gate, multiplier, cap). */
static int64_t
final_amount(const struct policy *p, int64_t r, int64_t t, int64_t mult,
    struct commission_result *res)
{
	__int128 raw, scaled, cap;
	const __int128 m12 = (__int128)MICRO * MICRO;

	if (r <= 0 || (__int128)r * MICRO < (__int128)p->gate_micro * t) {
		if (res != NULL)
			res->below_gate = r > 0;
		return 0;
	}
	raw = raw_commission(p, r, t, res);
	scaled = raw * mult;			/* cents x 10^18 */
	if (res != NULL) {
		res->before_multiplier_cents = round_half_up_div(raw, m12);
		res->after_multiplier_cents = round_half_up_div(scaled,
		    m12 * MICRO);
	}
	if (p->has_commission_cap) {
		cap = (__int128)p->commission_cap_cents * m12 * MICRO;
		if (scaled > cap) {
			scaled = cap;
			if (res != NULL)
				res->capped = true;
		}
	}
	return round_half_up_div(scaled, m12 * MICRO);
}

void
commission_compute(const struct policy *p, int64_t r,
    const struct target_value *target, int64_t mult,
    struct commission_result *res)
{
	int64_t t = target->cents, need;
	size_t i;

	memset(res, 0, sizeof(*res));
	res->revenue_cents = r;
	res->multiplier_micro = mult;
	if (!target->has || t <= 0) {
		res->reason = !target->has ? "no_target" : "target_zero";
		return;
	}
	res->has = true;
	res->target_cents = t;
	res->attainment.has = true;
	res->attainment.v = (double)r / (double)t;
	res->amount_cents = final_amount(p, r, t, mult, res);
	if (r <= 0)
		res->reason = "no_revenue";
	else if (res->below_gate)
		res->reason = "below_gate";

	/*
	 * The hint: the lowest edge above the attainment reached (the gate
	 * or a bracket start) where the commission would be higher than now.
	 */
	{
		__int128 rr = (__int128)r * MICRO, least;
		int64_t edge, best;

		for (;;) {
			best = -1;
			if ((__int128)p->gate_micro * t > rr)
				best = p->gate_micro;
			for (i = 0; i < p->nbrackets; i++) {
				edge = p->brackets[i].from_micro;
				if ((__int128)edge * t > rr &&
				    edge >= p->gate_micro &&
				    (best < 0 || edge < best))
					best = edge;
			}
			if (best < 0)
				return;
			/* The least revenue in cents reaching the edge; no
			 * hint at a revenue beyond the money limit. */
			least = ((__int128)best * t + MICRO - 1) / MICRO;
			if (!money_fits(least))
				return;
			need = (int64_t)least;
			rr = (__int128)need * MICRO;
			if (final_amount(p, need, t, mult, NULL) >
			    res->amount_cents)
				break;
		}
		res->has_next = true;
		res->next_from_micro = best;
		res->next_revenue_cents = need;
		res->next_more_cents = need - r;
		res->next_amount_cents = final_amount(p, need, t, mult, NULL);
	}
}
