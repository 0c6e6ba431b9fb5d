/*
 * Plain number formatting for files and dumps: '.' as the decimal point,
 * no thousands separators, rounding half away from zero.  (Locale-aware
 * formatting for reports belongs to the view layer.)
 */
#ifndef SC_NUMFMT_H
#define SC_NUMFMT_H

#include <stdint.h>

struct buf;

/* 123450 -> "1234.50", -5 -> "-0.05" */
void	 fmt_cents(struct buf *, int64_t cents);
/* x rounded half away from zero to the given decimals (0-9). */
void	 fmt_fixed(struct buf *, double x, int decimals);
/* An exact ratio num/den, rounded half away from zero. */
void	 fmt_ratio(struct buf *, int64_t num, int64_t den, int decimals);
/* Millionths: 1200000 -> "1.2", 10000 -> "0.01" (shortest exact form). */
void	 fmt_micro(struct buf *, int64_t micro);

#endif
