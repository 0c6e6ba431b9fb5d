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
 * for a negative amount, all of which Chinese spreadsheets export.
 */
const char *
parse_money(const char *s, size_t n, int64_t *cents)
{
	bool neg = false, sign = false, paren = false, too_big;
	int64_t whole, frac;
	int fdigits;
	const char *err;

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
	if (paren && sign)
		return "two signs";
	if (n > 0 && s[0] == '.')
		return "no digits before the decimal point";
	if ((err = parse_digits(s, n, &whole, &frac, &fdigits, 2,
	    &too_big)) != NULL) {
		if (strcmp(err, "not a number") == 0)
			return "not an amount";
		return err;
	}
	if (too_big || whole >= MONEY_MAX_CENTS / 100)
		return "amount too large";
	if (fdigits == 1)
		frac *= 10;
	*cents = whole * 100 + frac;
	if (neg || paren)
		*cents = -*cents;
	return NULL;
}

const char *
parse_decimal(const char *s, size_t n, double *value)
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
	if (neg)
		tmp[k++] = '-';
	for (i = 0; i < n; i++)
		if (s[i] != ',')
			tmp[k++] = s[i];
	tmp[k] = '\0';
	/* The C locale is never changed, so strtod reads '.' as the point. */
	*value = strtod(tmp, NULL);
	if (percent)
		*value /= 100.0;
	return NULL;
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

/* A time of day "14:05", "14:05:00" or "14:05:00.123" after a date. */
static bool
valid_time(const char *s, size_t n)
{
	int h, m, sec;
	size_t k;

	if ((k = read_number(s, n, 2, &h)) == 0 || h > 23)
		return false;
	s += k; n -= k;
	if (n == 0 || s[0] != ':')
		return false;
	s++; n--;
	if (read_number(s, n, 2, &m) != 2 || m > 59)
		return false;
	s += 2; n -= 2;
	if (n == 0)
		return true;
	if (s[0] != ':')
		return false;
	s++; n--;
	if (read_number(s, n, 2, &sec) != 2 || sec > 60)
		return false;
	s += 2; n -= 2;
	if (n > 0 && s[0] == '.') {
		s++; n--;
		while (n > 0 && is_digit(s[0])) {
			s++; n--;
		}
	}
	return n == 0;
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
 * Also accepted: "2026.10.3" and an ISO time "2026-10-03T14:05:00", both of
 * which exports write.
 */
const char *
parse_date(const char *s, size_t n, sc_date *date)
{
	const char *err;
	int y, m, d;
	size_t k;
	bool chinese = false;
	char sep;

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
		if (!valid_time(s, n))
			return "not a date (bad time of day)";
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
