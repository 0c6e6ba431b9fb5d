/*
 * The limit of an amount of money in the model, in cents.  The parser of
 * amounts (input/values.c) refuses what lies beyond it, and the
 * computation refuses a total beyond it.  Every stage may include it.
 */
#ifndef SC_MODEL_MONEY_H
#define SC_MODEL_MONEY_H

#include <stdbool.h>

#define MONEY_MAX_CENTS 100000000000000000LL	/* 10^15 yuan */

/*
 * Every amount read and every total computed from them (a revenue, a target
 * summed over people or months, a metric's total) lies strictly between
 * -MONEY_MAX_CENTS and MONEY_MAX_CENTS; a total outside is refused.  What
 * is derived from totals (commission: rates at most 1, multipliers at most
 * 10; run-rate: 12 x year to date) then fits 64 bits with room to spare.
 */
static inline bool
money_fits(__int128 cents)
{
	return cents > -MONEY_MAX_CENTS && cents < MONEY_MAX_CENTS;
}

#endif
