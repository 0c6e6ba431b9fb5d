/*
 * The calendar of the model: dates as yyyymmdd integers and the periods
 * (month, quarter, year) reports are made for, with their arithmetic.
 * Every stage may include it; the parsers that read them from text are in
 * input/values.h.
 */
#ifndef SC_MODEL_CALENDAR_H
#define SC_MODEL_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

/* Dates are held as yyyymmdd integers, which compare in date order. */
typedef int32_t sc_date;
#define DATE_Y(d)	((int)((d) / 10000))
#define DATE_M(d)	((int)((d) / 100 % 100))
#define DATE_D(d)	((int)((d) % 100))
#define DATE_MAKE(y, m, d) ((sc_date)((y) * 10000 + (m) * 100 + (d)))

int		 days_in_month(int year, int month);
/* Month number counted from year 0: year * 12 + month - 1. */
int		 date_month(sc_date);
void		 date_format(sc_date, char out[11]);
/*
 * A spreadsheet's serial day number as a date: 1900 date system (serial 1
 * is 1900-01-01, with Excel's nonexistent 1900-02-29 at 60) or, with
 * date1904, serial 0 is 1904-01-01.  Accepts 1..73050 (0..71588 with
 * date1904; up to 2099-12-31); false outside, and for 60 in the 1900
 * system (a date that never was).
 */
bool		 date_from_serial(long serial, bool date1904, sc_date *out);

enum period_kind { PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR };

struct period {
	enum period_kind kind;
	int		 year;
	int		 number;	/* month 1-12, quarter 1-4, 0 for a year */
};

int		 period_first_month(const struct period *);
int		 period_last_month(const struct period *);
sc_date		 period_start(const struct period *);
sc_date		 period_end(const struct period *);
bool		 period_equal(const struct period *, const struct period *);
/* Writes "2026", "2026-Q3" or "2026-10"; out must hold 16 bytes. */
void		 period_format(const struct period *, char out[16]);
struct period	 period_of_month(int month);

#endif
