/*
 * The calendar arithmetic of calendar.h.  Months are counted from year 0
 * (year * 12 + month - 1), so a month number turns into a year and a month
 * by division.
 */
#include <stdio.h>

#include "model/calendar.h"

int
days_in_month(int y, int m)
{
	static const int days[] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int
date_month(sc_date d)
{
	return DATE_Y(d) * 12 + DATE_M(d) - 1;
}

void
date_format(sc_date d, char out[11])
{
	/* Unsigned and reduced, so the compiler can see it fits in 11 bytes. */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)DATE_Y(d) % 10000u,
	    (unsigned)DATE_M(d) % 100u, (unsigned)DATE_D(d) % 100u);
}

int
period_first_month(const struct period *p)
{
	switch (p->kind) {
	case PERIOD_MONTH:
		return p->year * 12 + p->number - 1;
	case PERIOD_QUARTER:
		return p->year * 12 + (p->number - 1) * 3;
	default:
		return p->year * 12;
	}
}

int
period_last_month(const struct period *p)
{
	switch (p->kind) {
	case PERIOD_MONTH:
		return p->year * 12 + p->number - 1;
	case PERIOD_QUARTER:
		return p->year * 12 + (p->number - 1) * 3 + 2;
	default:
		return p->year * 12 + 11;
	}
}

sc_date
period_start(const struct period *p)
{
	int m = period_first_month(p);

	return DATE_MAKE(m / 12, m % 12 + 1, 1);
}

sc_date
period_end(const struct period *p)
{
	int m = period_last_month(p);

	return DATE_MAKE(m / 12, m % 12 + 1, days_in_month(m / 12, m % 12 + 1));
}

bool
period_equal(const struct period *a, const struct period *b)
{
	return a->kind == b->kind && a->year == b->year &&
	    a->number == b->number;
}

void
period_format(const struct period *p, char out[16])
{
	switch (p->kind) {
	case PERIOD_MONTH:
		snprintf(out, 16, "%04d-%02d", p->year % 10000, p->number % 100);
		break;
	case PERIOD_QUARTER:
		snprintf(out, 16, "%04d-Q%d", p->year % 10000, p->number % 10);
		break;
	default:
		snprintf(out, 16, "%04d", p->year % 10000);
		break;
	}
}

struct period
period_of_month(int month)
{
	struct period p;

	p.kind = PERIOD_MONTH;
	p.year = month / 12;
	p.number = month % 12 + 1;
	return p;
}

/* Days since 0000-03-01 of y-m-d (proleptic Gregorian), for differences. */
static long
day_number(int y, int m, int d)
{
	if (m <= 2) {
		y--;
		m += 12;
	}
	return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 +
	    d - 1;
}

bool
date_from_serial(long serial, bool date1904, sc_date *out)
{
	long n, y, m, d, doy, mp, era, yoe, doe;

	if (date1904) {
		if (serial < 0 || serial > 71588)
			return false;
		n = day_number(1904, 1, 1) + serial;
	} else {
		if (serial < 1 || serial > 73050 || serial == 60)
			return false;
		/* serial 1 is 1900-01-01; from 61 on Excel counts the
		 * 29 February 1900 that never was */
		n = day_number(1899, 12, 31) + serial - (serial > 60);
	}
	/* back from the day number to y-m-d (civil from days) */
	era = n / 146097;
	doe = n - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	*out = DATE_MAKE(y, m, d);
	return true;
}
