/*
 * Parsers for the value forms of docs/input.md §2: money, decimal
 * numbers, dates, periods and ids.  Each parser takes the raw bytes of one
 * field and returns NULL on success or a short English message saying what
 * is wrong, which the caller reports with the file, line, column and value.
 * Leading and trailing spaces are ignored.  No parser allocates.
 */
#ifndef SC_VALUES_H
#define SC_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Money: "1234.5", "1,234.50", "¥1,234.50", "￥1234", "-200", "CNY 99.90". */
#define MONEY_MAX_CENTS 100000000000000000LL	/* 10^15 yuan */
const char	*parse_money(const char *s, size_t n, int64_t *cents);

/* A plain decimal such as "4.5", "-3", "1,200" or "85%" (= 0.85). */
const char	*parse_decimal(const char *s, size_t n, double *value);

/* An exact decimal with at most 6 places, in millionths: "1.2" = 1200000. */
const char	*parse_micro(const char *s, size_t n, int64_t *micro);

/* Dates are held as yyyymmdd integers, which compare in date order. */
typedef int32_t sc_date;
#define DATE_Y(d)	((int)((d) / 10000))
#define DATE_M(d)	((int)((d) / 100 % 100))
#define DATE_D(d)	((int)((d) % 100))
#define DATE_MAKE(y, m, d) ((sc_date)((y) * 10000 + (m) * 100 + (d)))

/* "2026-10-03", "2026/10/3", "2026年10月3日", "2026-10-03 14:05:00". */
const char	*parse_date(const char *s, size_t n, sc_date *date);
int		 days_in_month(int year, int month);
/* Month number counted from year 0: year * 12 + month - 1. */
int		 date_month(sc_date);
void		 date_format(sc_date, char out[11]);

enum period_kind { PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR };

struct period {
	enum period_kind kind;
	int		 year;
	int		 number;	/* month 1-12, quarter 1-4, 0 for a year */
};

/* "2026" (year), "2026-Q3" or "2026Q3" (quarter), "2026-10" (month). */
const char	*parse_period(const char *s, size_t n, struct period *);
int		 period_first_month(const struct period *);
int		 period_last_month(const struct period *);
sc_date		 period_start(const struct period *);
sc_date		 period_end(const struct period *);
bool		 period_equal(const struct period *, const struct period *);
/* Writes "2026", "2026-Q3" or "2026-10"; out must hold 16 bytes. */
void		 period_format(const struct period *, char out[16]);
struct period	 period_of_month(int month);

/* rep_id and team: 1-64 characters of [A-Za-z0-9_.-], not only dots. */
#define ID_MAX 64
const char	*check_id(const char *s, size_t n);

/* The bytes of s without leading and trailing ASCII white space. */
static inline void
trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t' || **s == '\r' ||
	    **s == '\n')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
	    (*s)[*n - 1] == '\r' || (*s)[*n - 1] == '\n'))
		(*n)--;
}

#endif
