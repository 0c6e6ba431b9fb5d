/*
 * The plain number formatting of numfmt.h.  Any value prints: a ratio of
 * two amounts, or a score from a huge attainment, may not fit 64 bits.
 */
#include <inttypes.h>
#include <math.h>
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
	unsigned __int128 p = (unsigned __int128)pow10[decimals], w = a / p;
	char digits[48];
	size_t n = sizeof(digits) - 1;

	digits[n] = '\0';
	do {
		digits[--n] = (char)('0' + (int)(w % 10));
		w /= 10;
	} while (w > 0);
	if (v < 0)
		buf_putc(b, '-');
	buf_puts(b, digits + n);
	if (decimals > 0)
		buf_printf(b, ".%0*" PRIu64, decimals, (uint64_t)(a % p));
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
