/*
 * The plain number formatting of numfmt.h.  Any value prints: a ratio of
 * two amounts, or a score from a huge attainment, may not fit 64 bits.
 */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "util/buf.h"
#include "util/numfmt.h"

static const int64_t pow10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000,
    10000000, 100000000, 1000000000 };

/* An integer count of 10^-decimals units. */
static void
fmt_scaled(struct buf *b, __int128 v, int decimals)
{
	unsigned __int128 a = v < 0 ? -(unsigned __int128)v :
	    (unsigned __int128)v;
	uint64_t p = (uint64_t)pow10[decimals], w64 = 0, frac;
	unsigned __int128 w = 0;
	bool wide = a > UINT64_MAX;
	char digits[72];
	size_t n = sizeof(digits), i;

	/* 64-bit division where the value fits, as it nearly always does */
	if (wide) {
		w = a / p;
		frac = (uint64_t)(a % p);
	} else {
		w64 = (uint64_t)a / p;
		frac = (uint64_t)a % p;
	}

	/* the fraction, zero-padded to its decimals, right to left */
	for (i = 0; i < (size_t)decimals; i++) {
		digits[--n] = (char)('0' + (int)(frac % 10));
		frac /= 10;
	}
	if (decimals > 0)
		digits[--n] = '.';
	/* the whole part */
	if (!wide)
		do {
			digits[--n] = (char)('0' + (int)(w64 % 10));
			w64 /= 10;
		} while (w64 > 0);
	else
		do {
			digits[--n] = (char)('0' + (int)(w % 10));
			w /= 10;
		} while (w > 0);
	if (v < 0)
		digits[--n] = '-';
	buf_put(b, digits + n, sizeof(digits) - n);
}

void
fmt_cents(struct buf *b, int64_t cents)
{
	fmt_scaled(b, cents, 2);
}

void
fmt_fixed(struct buf *b, double x, int decimals)
{
	double scaled = x * (double)pow10[decimals];
	/* A tiny nudge so that 0.125 printed to 2 places is 0.13, as on paper. */
	double r = x < 0 ? -floor(-scaled + 0.5 + 1e-9) :
	    floor(scaled + 0.5 + 1e-9);

	if (r == 0)
		r = 0;	/* no "-0.00" */
	if (fabs(r) < 1e38)
		fmt_scaled(b, (__int128)r, decimals);
	else	/* a whole number of that size, or not finite */
		buf_printf(b, "%.*f", decimals, x);
}

void
fmt_ratio(struct buf *b, int64_t num, int64_t den, int decimals)
{
	__int128 n = (__int128)num * pow10[decimals], q;

	if (den < 0) {
		n = -n;
		den = -den;
	}
	q = n >= 0 ? (2 * n + den) / (2 * (__int128)den) :
	    -((-2 * n + den) / (2 * (__int128)den));
	fmt_scaled(b, q, decimals);
}

void
fmt_micro(struct buf *b, int64_t micro)
{
	int decimals = 6;

	while (decimals > 0 && micro % 10 == 0) {
		micro /= 10;
		decimals--;
	}
	fmt_scaled(b, micro, decimals);
}
