/*
 * The value parsers of values.h.  They accept exactly the forms of
 * docs/input.md §2: the usual ones, and a few that spreadsheets write for
 * the same thing (noted at each parser); everything else is refused with
 * a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"

static bool
starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && memcmp(s, prefix, k) == 0;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Digits with optional thousands separators (groups of three after a first
 * group of one to three), then an optional fraction.  Sets the integer part
 * (capped to avoid overflow: *too_big is set instead), the fraction digits
 * and their count.  Returns NULL or a message.
 */
static const char *
parse_digits(const char *s, size_t n, int64_t *whole, int64_t *frac,
    int *fdigits, int max_fdigits, bool *too_big)
{
	size_t i = 0, group = 0;
	bool commas = false;
	int64_t w = 0, f = 0;
	int fd = 0;

	*too_big = false;
	if (n == 0)
		return "no digits";
	if (!is_digit(s[0]))
		return "not a number";
	while (i < n && (is_digit(s[i]) || s[i] == ',')) {
		if (s[i] == ',') {
			if ((!commas && (group == 0 || group > 3)) ||
			    (commas && group != 3))
				return "misplaced thousands separator";
			commas = true;
			group = 0;
		} else {
			if (w > 100000000000000000LL)
				*too_big = true;
			else
				w = w * 10 + (s[i] - '0');
			group++;
		}
		i++;
	}
	if (commas && group != 3)
		return "misplaced thousands separator";
	if (i < n && s[i] == '.') {
		i++;
		if (i == n)
			return "no digits after the decimal point";
		while (i < n && is_digit(s[i])) {
			if (fd == max_fdigits)
				return max_fdigits == 2 ?
				    "more than 2 decimals" : "too many decimals";
			f = f * 10 + (s[i] - '0');
			fd++;
			i++;
		}
	}
	if (i != n)
		return "not a number";
	*whole = w;
	*frac = f;
	*fdigits = fd;
	return NULL;
}

/*
 * A sign ('-' sets *neg) and then digits as parse_digits() reads them;
 * *s and *n are left past the sign.
 */
static const char *
signed_digits(const char **s, size_t *n, bool *neg, int64_t *whole,
    int64_t *frac, int *fdigits, int max_fdigits, bool *too_big)
{
	if (*n > 0 && ((*s)[0] == '-' || (*s)[0] == '+')) {
		*neg = (*s)[0] == '-';
		(*s)++;
		(*n)--;
	}
	if (*n > 0 && (*s)[0] == '.')
		return "no digits before the decimal point";
	return parse_digits(*s, *n, whole, frac, fdigits, max_fdigits,
	    too_big);
}

/*
 * Also accepted: "RMB" as a prefix, "元" as a suffix, "+" as a sign, a sign
 * after the currency symbol ("¥-200") and the accounting form "(200.00)"
 * for a negative amount, all of which Chinese spreadsheets export; and the
 * unit 万 (10,000 yuan) before the 元 or alone, "¥1.2万", "3.5万元", with
 * at most 6 decimals so that the amount is whole cents.
 */
const char *
parse_money_form(const char *s, size_t n, int64_t *cents,
    enum value_form *form)
{
	bool neg = false, sign = false, paren = false, wan = false, too_big;
	int64_t whole, frac;
	int fdigits;
	const char *err;

	if (form != NULL)
		*form = FORM_PLAIN;
	trim(&s, &n);
	if (n == 0)
		return "empty amount";
	if (s[0] == '(' && s[n - 1] == ')') {
		paren = true;
		s++;
		n -= 2;
		trim(&s, &n);
	}
	if (n > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		sign = true;
		s++;
		n--;
	}
	if (starts_with(s, n, "\xc2\xa5")) {		/* ¥ */
		s += 2; n -= 2;
	} else if (starts_with(s, n, "\xef\xbf\xa5")) {	/* ￥ */
		s += 3; n -= 3;
	} else if (starts_with(s, n, "CNY") || starts_with(s, n, "RMB")) {
		s += 3; n -= 3;
	}
	trim(&s, &n);
	if (n > 0 && (s[0] == '-' || s[0] == '+')) {
		if (sign)
			return "two signs";
		neg = s[0] == '-';
		sign = true;
		s++;
		n--;
	}
	if (n >= 3 && memcmp(s + n - 3, "\xe5\x85\x83", 3) == 0) {	/* 元 */
		n -= 3;
		trim(&s, &n);
	}
	if (n >= 3 && memcmp(s + n - 3, "\xe4\xb8\x87", 3) == 0) {	/* 万 */
		wan = true;
		n -= 3;
		trim(&s, &n);
	}
	if (paren && sign)
		return "two signs";
	if (n > 0 && s[0] == '.')
		return "no digits before the decimal point";
	if ((err = parse_digits(s, n, &whole, &frac, &fdigits, wan ? 6 : 2,
	    &too_big)) != NULL) {
		if (strcmp(err, "not a number") == 0)
			return "not an amount";
		if (strcmp(err, "too many decimals") == 0)
			return "more than 6 decimals before 万";
		return err;
	}
	if (wan) {
		/* 1 万 = 10,000 yuan = 10^6 cents: the decimals are cents */
		if (too_big || whole >= MONEY_MAX_CENTS / 1000000)
			return "amount too large";
		while (fdigits++ < 6)
			frac *= 10;
		*cents = whole * 1000000 + frac;
		if (*cents >= MONEY_MAX_CENTS)
			return "amount too large";
		if (form != NULL)
			*form = FORM_WAN;
	} else {
		if (too_big || whole >= MONEY_MAX_CENTS / 100)
			return "amount too large";
		if (fdigits == 1)
			frac *= 10;
		*cents = whole * 100 + frac;
	}
	if (neg || paren)
		*cents = -*cents;
	return NULL;
}

const char *
parse_money(const char *s, size_t n, int64_t *cents)
{
	return parse_money_form(s, n, cents, NULL);
}

/* Integers below 2^53 are exact doubles; so are these powers of ten. */
#define EXACT_LIMIT	(1LL << 53)
static const int64_t pow10_exact[10] = { 1, 10, 100, 1000, 10000, 100000,
    1000000, 10000000, 100000000, 1000000000 };

const char *
parse_decimal_form(const char *s, size_t n, double *value,
    enum value_form *form)
{
	char tmp[64];
	size_t i, k = 0;
	bool percent = false, neg = false, too_big;
	int64_t whole, frac;
	int fdigits;
	const char *err;

	trim(&s, &n);
	if (n == 0)
		return "empty number";
	if (n > 0 && s[n - 1] == '%') {
		percent = true;
		n--;
		trim(&s, &n);
	}
	if ((err = signed_digits(&s, &n, &neg, &whole, &frac, &fdigits, 9,
	    &too_big)) != NULL)
		return err;
	if (too_big || n >= sizeof(tmp) - 2)
		return "number too large";
	if (whole < EXACT_LIMIT / pow10_exact[fdigits] &&
	    whole * pow10_exact[fdigits] + frac < EXACT_LIMIT) {
		/* Both exact doubles: their quotient is rounded once, to
		 * what strtod gives for the same text. */
		*value = (double)(whole * pow10_exact[fdigits] + frac) /
		    (double)pow10_exact[fdigits];
		if (neg)
			*value = -*value;
	} else {
		if (neg)
			tmp[k++] = '-';
		for (i = 0; i < n; i++)
			if (s[i] != ',')
				tmp[k++] = s[i];
		tmp[k] = '\0';
		/* The C locale is never changed: strtod reads '.' as the
		 * point. */
		*value = strtod(tmp, NULL);
	}
	if (percent)
		*value /= 100.0;
	if (form != NULL)
		*form = percent ? FORM_PERCENT : FORM_PLAIN;
	return NULL;
}

const char *
parse_decimal(const char *s, size_t n, double *value)
{
	return parse_decimal_form(s, n, value, NULL);
}

/* Reads 1 to max digits; returns how many were read. */
static size_t
read_number(const char *s, size_t n, size_t max, int *out)
{
	size_t i = 0;

	*out = 0;
	while (i < n && i < max && is_digit(s[i])) {
		*out = *out * 10 + (s[i] - '0');
		i++;
	}
	return i;
}

/*
 * A zone offset after a time of day: "Z", "+08:00", "+0800", "+08",
 * "-05:00" (hours to 23, as RFC 3339 allows).
 */
static bool
valid_zone(const char *s, size_t n)
{
	int h, m;

	if (n == 1 && (s[0] == 'Z' || s[0] == 'z'))
		return true;
	if (n == 0 || (s[0] != '+' && s[0] != '-'))
		return false;
	s++; n--;
	if (read_number(s, n, 2, &h) != 2 || h > 23)
		return false;
	s += 2; n -= 2;
	if (n == 0)
		return true;
	if (s[0] == ':') {
		s++; n--;
	}
	return read_number(s, n, 2, &m) == 2 && n == 2 && m <= 59;
}

/*
 * A time of day "14:05", "14:05:00" or "14:05:00.123" after a date, with
 * or without a zone offset (valid_zone; a space before it allowed).
 * Returns 0 when it is not a time, 1 for a time, 2 for a time with a zone.
 */
static int
valid_time(const char *s, size_t n)
{
	int h, m, sec;
	size_t k;

	if ((k = read_number(s, n, 2, &h)) == 0 || h > 23)
		return 0;
	s += k; n -= k;
	if (n == 0 || s[0] != ':')
		return 0;
	s++; n--;
	if (read_number(s, n, 2, &m) != 2 || m > 59)
		return 0;
	s += 2; n -= 2;
	if (n > 0 && s[0] == ':') {
		s++; n--;
		if (read_number(s, n, 2, &sec) != 2 || sec > 60)
			return 0;
		s += 2; n -= 2;
		if (n > 0 && s[0] == '.') {
			s++; n--;
			while (n > 0 && is_digit(s[0])) {
				s++; n--;
			}
		}
	}
	if (n == 0)
		return 1;
	if (s[0] == ' ') {
		s++; n--;
	}
	return valid_zone(s, n) ? 2 : 0;
}

/*
 * The four-digit year a date or a period starts with, after trimming: *s
 * and *n move past it.  NULL, or the message EMPTY or BAD.
 */
static const char *
leading_year(const char **s, size_t *n, int *y, const char *empty,
    const char *bad)
{
	size_t k;

	trim(s, n);
	if (*n == 0)
		return empty;
	if ((k = read_number(*s, *n, 4, y)) != 4)
		return bad;
	*s += k;
	*n -= k;
	return NULL;
}

/*
 * A spreadsheet serial day number, SERIAL_DATE_MIN to 73050, with an
 * optional fraction (the time of day, ignored).  NULL when s is not a
 * number at all (*serial unset), else the outcome.
 */
static const char *
serial_date(const char *s, size_t n, sc_date *date, bool *serial)
{
	size_t i = 0, digits;
	long v = 0;

	*serial = false;
	while (i < n && is_digit(s[i])) {
		if (i < 9)
			v = v * 10 + (s[i] - '0');
		i++;
	}
	if ((digits = i) == 0)
		return NULL;
	if (i < n && s[i] == '.') {
		if (++i == n)
			return NULL;
		while (i < n && is_digit(s[i]))
			i++;
	}
	if (i != n)
		return NULL;
	*serial = true;
	if (v >= 1900 && v <= 2999 && digits == n)
		return "not a date (a year alone?)";
	if (digits <= 9 && v == 60)
		return "not a date (serial 60 is 29 February 1900, a day "
		    "that never was)";
	if (digits > 9 || v < SERIAL_DATE_MIN || !date_from_serial(v, false, date))
		return "not a date (a number is read as a spreadsheet serial "
		    "date only from 1 to 73050)";
	return NULL;
}

/*
 * Also accepted: "2026.10.3" and an ISO time "2026-10-03T14:05:00", both of
 * which exports write.  serials: a plain number is a serial date.
 */
static const char *
date_form(const char *s, size_t n, bool serials, sc_date *date,
    enum value_form *form)
{
	const char *err;
	int y, m, d, t;
	size_t k;
	bool chinese = false, serial;
	char sep;

	if (form != NULL)
		*form = FORM_PLAIN;
	if (serials) {
		const char *ts = s;
		size_t tn = n;

		trim(&ts, &tn);
		err = serial_date(ts, tn, date, &serial);
		if (serial) {
			if (err == NULL && form != NULL)
				*form = FORM_SERIAL;
			return err;
		}
	}
	if ((err = leading_year(&s, &n, &y, "empty date", "not a date")) !=
	    NULL)
		return err;
	if (starts_with(s, n, "\xe5\xb9\xb4")) {		/* 年 */
		chinese = true;
		s += 3; n -= 3;
		sep = 0;
	} else if (n > 0 && (s[0] == '-' || s[0] == '/' || s[0] == '.')) {
		sep = s[0];
		s++; n--;
	} else
		return "not a date";
	if ((k = read_number(s, n, 2, &m)) == 0)
		return "not a date";
	s += k; n -= k;
	if (chinese) {
		if (!starts_with(s, n, "\xe6\x9c\x88"))		/* 月 */
			return "not a date";
		s += 3; n -= 3;
	} else {
		if (n == 0 || s[0] != sep)
			return "not a date";
		s++; n--;
	}
	if ((k = read_number(s, n, 2, &d)) == 0)
		return "not a date";
	s += k; n -= k;
	if (chinese) {
		if (starts_with(s, n, "\xe6\x97\xa5")) {	/* 日 */
			s += 3; n -= 3;
		} else if (starts_with(s, n, "\xe5\x8f\xb7")) {	/* 号 */
			s += 3; n -= 3;
		} else
			return "not a date";
	}
	if (n > 0) {
		if (s[0] != ' ' && s[0] != 'T')
			return "not a date";
		s++; n--;
		trim(&s, &n);
		if ((t = valid_time(s, n)) == 0)
			return "not a date (bad time of day)";
		if (t == 2 && form != NULL)
			*form = FORM_ZONE;
	}
	if (y < 1900 || y > 2999)
		return "year out of range";
	if (m < 1 || m > 12)
		return "no such month";
	if (d < 1 || d > days_in_month(y, m))
		return "no such day";
	*date = DATE_MAKE(y, m, d);
	return NULL;
}

const char *
parse_date(const char *s, size_t n, sc_date *date)
{
	return date_form(s, n, false, date, NULL);
}

const char *
parse_date_form(const char *s, size_t n, sc_date *date,
    enum value_form *form)
{
	return date_form(s, n, true, date, form);
}

/* Also accepted: "2026/10", "2026年10月", "2026年", "2026年Q3", "2026-q3". */
const char *
parse_period(const char *s, size_t n, struct period *p)
{
	const char *err;
	int y, x;
	size_t k;

	if ((err = leading_year(&s, &n, &y, "empty period",
	    "not a period")) != NULL)
		return err;
	if (y < 1900 || y > 2999)
		return "year out of range";
	if (n == 0 || (n == 3 && starts_with(s, n, "\xe5\xb9\xb4"))) {
		p->kind = PERIOD_YEAR;
		p->year = y;
		p->number = 0;
		return NULL;
	}
	if (starts_with(s, n, "\xe5\xb9\xb4")) {
		s += 3; n -= 3;
	} else if (s[0] == '-' || s[0] == '/') {
		s++; n--;
	} else if (s[0] != 'Q' && s[0] != 'q')
		return "not a period";
	if (n > 0 && (s[0] == 'Q' || s[0] == 'q')) {
		s++; n--;
		if (n != 1 || (k = read_number(s, n, 1, &x)) != 1 ||
		    x < 1 || x > 4)
			return "no such quarter";
		p->kind = PERIOD_QUARTER;
		p->year = y;
		p->number = x;
		return NULL;
	}
	if ((k = read_number(s, n, 2, &x)) == 0)
		return "not a period";
	s += k; n -= k;
	if (starts_with(s, n, "\xe6\x9c\x88")) {
		s += 3; n -= 3;
	}
	if (n != 0)
		return "not a period";
	if (x < 1 || x > 12)
		return "no such month";
	p->kind = PERIOD_MONTH;
	p->year = y;
	p->number = x;
	return NULL;
}

const char *
check_id(const char *s, size_t n)
{
	size_t i;
	bool only_dots = true;

	if (n == 0)
		return "empty id";
	if (n > ID_MAX)
		return "id longer than 64 characters";
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    is_digit(c) || c == '_' || c == '.' || c == '-'))
			return "id may only hold letters, digits, '_', '.' "
			    "and '-'";
		if (c != '.')
			only_dots = false;
	}
	if (only_dots)
		return "id may not be only dots";
	return NULL;
}

const char *
parse_micro(const char *s, size_t n, int64_t *micro)
{
	bool neg = false, too_big;
	int64_t whole, frac;
	int fdigits;
	const char *err;

	trim(&s, &n);
	if (n == 0)
		return "empty number";
	if ((err = signed_digits(&s, &n, &neg, &whole, &frac, &fdigits, 6,
	    &too_big)) != NULL)
		return strcmp(err, "too many decimals") == 0 ?
		    "more than 6 decimals" : err;
	if (too_big || whole > 1000000000000LL)
		return "number too large";
	while (fdigits++ < 6)
		frac *= 10;
	*micro = whole * 1000000 + frac;
	if (neg)
		*micro = -*micro;
	return NULL;
}

const char *
parse_ratio(const char *s, size_t n, int64_t *micro)
{
	bool neg = false, too_big;
	int64_t whole, frac;
	int fdigits;
	const char *err;

	trim(&s, &n);
	if (n == 0 || s[n - 1] != '%')
		return parse_micro(s, n, micro);
	n--;
	trim(&s, &n);
	if (n == 0)
		return "not a number";
	if ((err = signed_digits(&s, &n, &neg, &whole, &frac, &fdigits, 4,
	    &too_big)) != NULL)
		return strcmp(err, "too many decimals") == 0 ?
		    "more than 4 decimals in a percentage" : err;
	if (too_big || whole > 100000000000000LL)
		return "number too large";
	while (fdigits++ < 4)
		frac *= 10;
	*micro = whole * 10000 + frac;
	if (neg)
		*micro = -*micro;
	return NULL;
}
