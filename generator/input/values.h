/*
 * Parsers for the value forms of docs/input.md §2: money, decimal numbers,
 * dates, periods and ids. Each parser takes the raw bytes of one field and
 * returns NULL on success or a short English message saying what is wrong,
 * which the caller reports with the file, line, column and value. Leading
 * and trailing spaces are ignored. No parser allocates. The types they
 * produce (sc_date, struct period) and their arithmetic belong to the model:
 * model/calendar.h.
 */
#ifndef SC_VALUES_H
#define SC_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/calendar.h"
#include "model/money.h"

/*
 * How a value was written, where that takes some reading: the CSV reader
 * says so in a note, once per file and column (docs/input.md §2).
 */
enum value_form {
	FORM_PLAIN,
	FORM_WAN,	/* money in 万 (10,000 yuan): "1.2万", "3.5万元" */
	FORM_PERCENT,	/* a percentage: "85%" */
	FORM_SERIAL,	/* a spreadsheet serial date: "46300" */
	FORM_ZONE	/* a time with a zone offset, ignored: "…+08:00" */
};

/*
 * Money: "1234.5", "1,234.50", "¥1,234.50", "￥1234", "-200", "CNY 99.90",
 * and in 万 "1.2万" (at most 6 decimals: whole cents); an amount of
 * MONEY_MAX_CENTS (model/money.h) or more is refused.  *form (which may be
 * NULL) is FORM_WAN or FORM_PLAIN.
 */
const char	*parse_money(const char *s, size_t n, int64_t *cents);
const char	*parse_money_form(const char *s, size_t n, int64_t *cents,
		    enum value_form *form);

/*
 * A plain decimal such as "4.5", "-3", "1,200" or "85%" (= 0.85); *form
 * (which may be NULL) is FORM_PERCENT or FORM_PLAIN.
 */
const char	*parse_decimal(const char *s, size_t n, double *value);
const char	*parse_decimal_form(const char *s, size_t n, double *value,
		    enum value_form *form);

/* An exact decimal with at most 6 places, in millionths: "1.2" = 1200000. */
const char	*parse_micro(const char *s, size_t n, int64_t *micro);

/*
 * A ratio in millionths: parse_micro's form, or a percentage with at most
 * 4 decimals, "1.5%" = 15000 (exact either way).
 */
const char	*parse_ratio(const char *s, size_t n, int64_t *micro);

/*
 * "2026-10-03", "2026/10/3", "2026年10月3日", "2026-10-03 14:05:00"; a
 * time of day may carry a zone offset ("Z", "+08:00", "+0800"), ignored
 * like the time: the date is the one written.
 */
const char	*parse_date(const char *s, size_t n, sc_date *date);

/*
 * A date column of a table: parse_date's forms, and a spreadsheet serial
 * day number (1900 system) from SERIAL_DATE_MIN to 73050 (2099-12-31),
 * with or without a fraction (the time of day); a whole number from 1900
 * to 2999 is refused as a year alone, and 60 (29 February 1900, which
 * Excel counts and the calendar never had) as no day.  *form (which may be NULL)
 * is FORM_SERIAL, FORM_ZONE or FORM_PLAIN.
 */
#define SERIAL_DATE_MIN	1		/* 1900-01-01 */
const char	*parse_date_form(const char *s, size_t n, sc_date *date,
		    enum value_form *form);

/* "2026" (year), "2026-Q3" or "2026Q3" (quarter), "2026-10" (month). */
const char	*parse_period(const char *s, size_t n, struct period *);

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
