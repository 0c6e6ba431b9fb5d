/*
 * Unit tests for the value parsers of generator/input/values.h
 * (docs/input.md §2) and the calendar they produce
 * (generator/model/calendar.h). Every expectation is computed by hand and
 * written here.
 *
 * Each input is copied into a heap buffer of exactly its length, with no
 * terminating NUL, because the parsers take the raw bytes of a CSV field;
 * under ASan a read past the field is then caught.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "input/values.h"
#include <stdio.h>

/* A copy of s[0..n) in a buffer of exactly n bytes (1 when n is 0). */
static char *
exact(const char *s, size_t n)
{
	char *b = malloc(n > 0 ? n : 1);

	assert_non_null(b);
	if (n > 0)
		memcpy(b, s, n);
	return b;
}

/* STR must be a string literal: its length is sizeof - 1, NULs included. */
#define LEN(str)	(sizeof(str) - 1)

/* ---------------------------------------------------------------- money */

static void
money_ok_at(const char *s, size_t n, int64_t want, const char *file, int line)
{
	char *b = exact(s, n);
	int64_t got = INT64_MIN;
	const char *err = parse_money(b, n, &got);

	free(b);
	if (err != NULL)
		fail_msg("%s:%d: parse_money(\"%.*s\") refused: %s", file, line,
		    (int)n, s, err);
	if (got != want)
		fail_msg("%s:%d: parse_money(\"%.*s\") = %lld cents, want %lld",
		    file, line, (int)n, s, (long long)got, (long long)want);
}

/* want_msg NULL: any message will do. */
static void
money_err_at(const char *s, size_t n, const char *want_msg, const char *file,
    int line)
{
	char *b = exact(s, n);
	int64_t got = 0;
	const char *err = parse_money(b, n, &got);

	free(b);
	if (err == NULL)
		fail_msg("%s:%d: parse_money(\"%.*s\") accepted as %lld cents",
		    file, line, (int)n, s, (long long)got);
	if (want_msg != NULL && strcmp(err, want_msg) != 0)
		fail_msg("%s:%d: parse_money(\"%.*s\"): \"%s\", want \"%s\"",
		    file, line, (int)n, s, err, want_msg);
}

#define MONEY_OK(str, want) \
	money_ok_at(str, LEN(str), want, __FILE__, __LINE__)
#define MONEY_ERR(str, msg) \
	money_err_at(str, LEN(str), msg, __FILE__, __LINE__)

/* The two yen signs really are the code points the tests claim. */
static void
test_money_source_encoding(void **state)
{
	(void)state;
	assert_int_equal(LEN("¥"), 2);
	assert_memory_equal("¥", "\xc2\xa5", 2);		/* U+00A5 */
	assert_int_equal(LEN("￥"), 3);
	assert_memory_equal("￥", "\xef\xbf\xa5", 3);	/* U+FFE5 */
	assert_int_equal(LEN("元"), 3);
	assert_memory_equal("元", "\xe5\x85\x83", 3);	/* U+5143 */
}

static void
test_money_spec_forms(void **state)
{
	(void)state;
	MONEY_OK("1234.5", 123450);
	MONEY_OK("1,234.50", 123450);
	MONEY_OK("¥1,234.50", 123450);
	MONEY_OK("￥1234", 123400);
	MONEY_OK("-200", -20000);
	MONEY_OK("CNY 99.90", 9990);
}

static void
test_money_extra_forms(void **state)
{
	(void)state;
	/* RMB prefix, with or without a space. */
	MONEY_OK("RMB 1,000", 100000);
	MONEY_OK("RMB99", 9900);
	MONEY_OK("CNY99.90", 9990);
	/* 元 suffix, with or without a space, with or without a symbol. */
	MONEY_OK("100元", 10000);
	MONEY_OK("1,234.50 元", 123450);
	MONEY_OK("¥1,234.50元", 123450);
	/* Accounting negatives. */
	MONEY_OK("(200.00)", -20000);
	MONEY_OK("( 200 )", -20000);
	MONEY_OK("(¥1,234.50)", -123450);
	/* A sign before or after the currency. */
	MONEY_OK("¥-200", -20000);
	MONEY_OK("-¥200", -20000);
	MONEY_OK("CNY -99.90", -9990);
	MONEY_OK("￥+7", 700);
	MONEY_OK("+5", 500);
	/* Surrounding white space. */
	MONEY_OK("  42  ", 4200);
	MONEY_OK("\t7.05\r\n", 705);
	MONEY_OK(" ¥ 1,234.50 ", 123450);
}

static void
test_money_digits(void **state)
{
	(void)state;
	MONEY_OK("0", 0);
	MONEY_OK("0.00", 0);
	MONEY_OK("0.01", 1);
	MONEY_OK("-0.01", -1);
	MONEY_OK("1.5", 150);		/* one decimal is tenths, not cents */
	MONEY_OK("1.05", 105);
	MONEY_OK("1.50", 150);
	MONEY_OK("999", 99900);
	MONEY_OK("1,000", 100000);
	MONEY_OK("12,345,678.9", 1234567890);
	MONEY_OK("123,456", 12345600);
	/* The largest amount: just under 10^15 yuan. */
	MONEY_OK("999999999999999.99", 99999999999999999LL);
	MONEY_OK("999,999,999,999,999.99", 99999999999999999LL);
	MONEY_OK("-999999999999999.99", -99999999999999999LL);
}

static void
test_money_invalid(void **state)
{
	(void)state;
	MONEY_ERR("", "empty amount");
	MONEY_ERR("   ", "empty amount");
	MONEY_ERR("12.345", "more than 2 decimals");
	MONEY_ERR("1,234.567", "more than 2 decimals");
	MONEY_ERR("1,23.00", "misplaced thousands separator");
	MONEY_ERR("12,34", "misplaced thousands separator");
	MONEY_ERR("1234,5", "misplaced thousands separator");
	MONEY_ERR("1,2345", "misplaced thousands separator");
	MONEY_ERR("1234,567", "misplaced thousands separator");
	MONEY_ERR("1,234,", "misplaced thousands separator");
	MONEY_ERR("1,,234", "misplaced thousands separator");
	MONEY_ERR(",123", NULL);
	MONEY_ERR("abc", "not an amount");
	MONEY_ERR("1.", "no digits after the decimal point");
	MONEY_ERR(".5", "no digits before the decimal point");
	MONEY_ERR("-.5", "no digits before the decimal point");
	MONEY_ERR("--5", "two signs");
	MONEY_ERR("-¥-5", "two signs");
	MONEY_ERR("+-5", "two signs");
	MONEY_ERR("++5", "two signs");
	MONEY_ERR("-+5", "two signs");
	MONEY_ERR("+¥+5", "two signs");
	MONEY_ERR("(-200)", "two signs");
	MONEY_ERR("(+200)", "two signs");
	MONEY_ERR("(¥-200)", "two signs");
	MONEY_ERR("¥", NULL);
	MONEY_ERR("￥", NULL);
	MONEY_ERR("CNY", NULL);
	MONEY_ERR("元", NULL);
	MONEY_ERR("-", NULL);
	MONEY_ERR("()", NULL);
	MONEY_ERR("(200", "not an amount");
	MONEY_ERR("200)", "not an amount");
	MONEY_ERR("1000000000000000", "amount too large");	/* 10^15 */
	MONEY_ERR("-1000000000000000", "amount too large");
	MONEY_ERR("1,000,000,000,000,000.00", "amount too large");
	MONEY_ERR("99999999999999999999999999999999", "amount too large");
	MONEY_ERR("1 234", "not an amount");
	MONEY_ERR("1e3", "not an amount");
	MONEY_ERR("5%", "not an amount");
	MONEY_ERR("12.3.4", "not an amount");
	MONEY_ERR("1.2a", "not an amount");
	MONEY_ERR("1.23a", "not an amount");
	MONEY_ERR("USD 5", "not an amount");
	MONEY_ERR("$5", "not an amount");
	MONEY_ERR("5 EUR", "not an amount");
	MONEY_ERR("5元元", "not an amount");
	MONEY_ERR("１２３", "not an amount");	/* full-width digits */
}

/*
 * 万 is 10,000 yuan = 1,000,000 cents, so each of its at most 6 decimals is
 * a whole number of cents: 1.2万 = 12,000.00 = 1,200,000 cents.
 */
static void
test_money_wan(void **state)
{
	enum value_form form = FORM_PLAIN;
	int64_t cents = 0;

	(void)state;
	assert_int_equal(LEN("万"), 3);
	assert_memory_equal("万", "\xe4\xb8\x87", 3);	/* U+4E07 */
	MONEY_OK("1.2万", 1200000);
	MONEY_OK("1万", 1000000);
	MONEY_OK("3.5万元", 3500000);
	MONEY_OK("3.5 万 元", 3500000);
	MONEY_OK("¥1.2万", 1200000);
	MONEY_OK("￥1.2万元", 1200000);
	MONEY_OK("CNY 1.2万", 1200000);
	MONEY_OK("-1.2万", -1200000);
	MONEY_OK("¥-0.5万", -500000);
	MONEY_OK("(1.2万)", -1200000);
	MONEY_OK("1,200万", 1200000000);
	MONEY_OK("0.000001万", 1);		/* 0.01 yuan */
	MONEY_OK("1.234567万", 1234567);	/* 12,345.67 */
	MONEY_OK("0万", 0);
	MONEY_OK("1200元", 120000);
	/* The largest: 99,999,999,999.999999万 = 999,999,999,999,999.99 */
	MONEY_OK("99999999999.999999万", 99999999999999999LL);
	MONEY_ERR("100000000000万", "amount too large");	/* 10^15 yuan */
	MONEY_ERR("1.2345678万", "more than 6 decimals before 万");
	MONEY_ERR("1.0000001万", "more than 6 decimals before 万");
	MONEY_ERR("万", NULL);
	MONEY_ERR("1.2万万", "not an amount");
	MONEY_ERR("1.2元万", "not an amount");
	MONEY_ERR("万1.2", "not an amount");
	MONEY_ERR("1.2千", "not an amount");
	MONEY_ERR("1.2亿", "not an amount");
	MONEY_ERR(".5万", "no digits before the decimal point");
	MONEY_ERR("1.万", "no digits after the decimal point");
	MONEY_ERR("1.2%", "not an amount");
	MONEY_ERR("(-1万)", "two signs");

	assert_null(parse_money_form("1.2万", LEN("1.2万"), &cents, &form));
	assert_int_equal(form, FORM_WAN);
	assert_null(parse_money_form("1200元", LEN("1200元"), &cents, &form));
	assert_int_equal(form, FORM_PLAIN);
	assert_int_equal(cents, 120000);
	/* only the n bytes given: "1.2" of "1.2万" */
	money_ok_at("1.2万", 3, 120, __FILE__, __LINE__);
}

/* Only the n bytes given are read, not up to a NUL. */
static void
test_money_length(void **state)
{
	(void)state;
	money_ok_at("12.50xyz", 5, 1250, __FILE__, __LINE__);
	money_err_at("(200.00)", 7, "not an amount", __FILE__, __LINE__);
}

/* -------------------------------------------------------------- decimal */

static void
decimal_ok_at(const char *s, size_t n, double want, const char *file, int line)
{
	char *b = exact(s, n);
	double got = -999.0, diff;
	const char *err = parse_decimal(b, n, &got);

	free(b);
	if (err != NULL)
		fail_msg("%s:%d: parse_decimal(\"%.*s\") refused: %s", file,
		    line, (int)n, s, err);
	diff = got - want;
	if (diff < 0)
		diff = -diff;
	if (diff > 1e-12 * (want < 0 ? -want : want) + 1e-15)
		fail_msg("%s:%d: parse_decimal(\"%.*s\") = %.17g, want %.17g",
		    file, line, (int)n, s, got, want);
}

static void
decimal_err_at(const char *s, size_t n, const char *want_msg,
    const char *file, int line)
{
	char *b = exact(s, n);
	double got = 0;
	const char *err = parse_decimal(b, n, &got);

	free(b);
	if (err == NULL)
		fail_msg("%s:%d: parse_decimal(\"%.*s\") accepted as %.17g",
		    file, line, (int)n, s, got);
	if (want_msg != NULL && strcmp(err, want_msg) != 0)
		fail_msg("%s:%d: parse_decimal(\"%.*s\"): \"%s\", want \"%s\"",
		    file, line, (int)n, s, err, want_msg);
}

#define DECIMAL_OK(str, want) \
	decimal_ok_at(str, LEN(str), want, __FILE__, __LINE__)
#define DECIMAL_ERR(str, msg) \
	decimal_err_at(str, LEN(str), msg, __FILE__, __LINE__)

/*
 * A decimal is read to the double strtod gives for the same text, bit for
 * bit, whether by the exact integer quotient or by strtod itself: texts
 * of every length of whole and fraction, near 2^53 and past it.
 */
static void
test_decimal_as_strtod(void **state)
{
	static const char *const wholes[] = { "0", "1", "7", "12", "999",
	    "4503599627370495", "9007199254740991", "9007199254740992",
	    "9007199254740993", "123456789012345678", "90071992547409",
	    "900719925474", "8" };
	static const char *const fracs[] = { "", "5", "1", "3", "25", "333",
	    "1234", "99999", "123456", "1000001", "33333333", "999999999",
	    "000000001", "7" };
	char text[64];
	double got, want;
	size_t i, j;
	int neg;
	uint32_t x = 12345;

	(void)state;
	for (neg = 0; neg < 2; neg++)
		for (i = 0; i < sizeof(wholes) / sizeof(wholes[0]); i++)
			for (j = 0; j < sizeof(fracs) / sizeof(fracs[0]); j++) {
				snprintf(text, sizeof(text), "%s%s%s%s",
				    neg ? "-" : "", wholes[i],
				    *fracs[j] ? "." : "", fracs[j]);
				assert_null(parse_decimal(text, strlen(text),
				    &got));
				want = strtod(text, NULL);
				if (memcmp(&got, &want, sizeof(got)) != 0)
					fail_msg("%s: %.17g, strtod %.17g",
					    text, got, want);
			}
	for (i = 0; i < 200000; i++) {	/* and random ones */
		x = x * 1103515245u + 12345u;
		snprintf(text, sizeof(text), "%u.%09u", x >> (x % 24),
		    (x * 2654435761u) % 1000000000u);
		text[strlen(text) - x % 9] = '\0';	/* 1 to 9 decimals */
		assert_null(parse_decimal(text, strlen(text), &got));
		want = strtod(text, NULL);
		if (memcmp(&got, &want, sizeof(got)) != 0)
			fail_msg("%s: %.17g, strtod %.17g", text, got, want);
	}
}

static void
test_decimal_valid(void **state)
{
	(void)state;
	DECIMAL_OK("4.5", 4.5);
	DECIMAL_OK("-3", -3.0);
	DECIMAL_OK("+2", 2.0);
	DECIMAL_OK("0", 0.0);
	DECIMAL_OK("1,200", 1200.0);
	DECIMAL_OK("1,234,567.25", 1234567.25);
	DECIMAL_OK("85%", 0.85);
	DECIMAL_OK("100%", 1.0);
	DECIMAL_OK("-12.5%", -0.125);
	DECIMAL_OK(" 85 % ", 0.85);
	DECIMAL_OK("0.125", 0.125);
	DECIMAL_OK("0.123456789", 0.123456789);	/* 9 decimals: the limit */
	DECIMAL_OK("\t3.75\r\n", 3.75);
	DECIMAL_OK("007", 7.0);
}

static void
test_decimal_invalid(void **state)
{
	(void)state;
	DECIMAL_ERR("", "empty number");
	DECIMAL_ERR("  ", "empty number");
	DECIMAL_ERR("abc", "not a number");
	DECIMAL_ERR("1.", "no digits after the decimal point");
	DECIMAL_ERR(".5", "no digits before the decimal point");
	DECIMAL_ERR("-.5", "no digits before the decimal point");
	DECIMAL_ERR("1,20", "misplaced thousands separator");
	DECIMAL_ERR("1200,5", "misplaced thousands separator");
	DECIMAL_ERR("0.1234567890", "too many decimals");
	DECIMAL_ERR("%", NULL);
	DECIMAL_ERR("-", NULL);
	DECIMAL_ERR("--3", "not a number");
	DECIMAL_ERR("85%%", "not a number");
	DECIMAL_ERR("%85", "not a number");
	DECIMAL_ERR("1e3", "not a number");
	DECIMAL_ERR("1 000", "not a number");
	DECIMAL_ERR("1.2.3", "not a number");
	DECIMAL_ERR("NaN", "not a number");
	DECIMAL_ERR("inf", "not a number");
	DECIMAL_ERR("0x10", "not a number");
	DECIMAL_ERR("¥5", "not a number");
	DECIMAL_ERR("99999999999999999999999", "number too large");
}

static void
test_decimal_length(void **state)
{
	(void)state;
	decimal_ok_at("4.5xyz", 3, 4.5, __FILE__, __LINE__);
	decimal_ok_at("85%", 2, 85.0, __FILE__, __LINE__);
}

/* ------------------------------------------------------- micro and ratio */

static void
micro_at(const char *(*fn)(const char *, size_t, int64_t *), const char *name,
    const char *s, size_t n, int64_t want, const char *want_msg,
    const char *file, int line)
{
	char *b = exact(s, n);
	int64_t got = INT64_MIN;
	const char *err = fn(b, n, &got);

	free(b);
	if (want_msg == NULL && err != NULL)
		fail_msg("%s:%d: %s(\"%.*s\") refused: %s", file, line, name,
		    (int)n, s, err);
	if (want_msg == NULL && got != want)
		fail_msg("%s:%d: %s(\"%.*s\") = %lld, want %lld", file, line,
		    name, (int)n, s, (long long)got, (long long)want);
	if (want_msg != NULL && err == NULL)
		fail_msg("%s:%d: %s(\"%.*s\") accepted as %lld", file, line,
		    name, (int)n, s, (long long)got);
	if (want_msg != NULL && strcmp(err, want_msg) != 0)
		fail_msg("%s:%d: %s(\"%.*s\"): \"%s\", want \"%s\"", file,
		    line, name, (int)n, s, err, want_msg);
}

#define MICRO_OK(str, want) micro_at(parse_micro, "parse_micro", str, \
	LEN(str), want, NULL, __FILE__, __LINE__)
#define MICRO_ERR(str, msg) micro_at(parse_micro, "parse_micro", str, \
	LEN(str), 0, msg, __FILE__, __LINE__)
#define RATIO_OK(str, want) micro_at(parse_ratio, "parse_ratio", str, \
	LEN(str), want, NULL, __FILE__, __LINE__)
#define RATIO_ERR(str, msg) micro_at(parse_ratio, "parse_ratio", str, \
	LEN(str), 0, msg, __FILE__, __LINE__)

static void
test_micro(void **state)
{
	(void)state;
	MICRO_OK("1.2", 1200000);
	MICRO_OK("0.01", 10000);
	MICRO_OK("0.000001", 1);
	MICRO_OK("-0.5", -500000);
	MICRO_OK("100", 100000000);
	MICRO_ERR("0.0000001", "more than 6 decimals");
	MICRO_ERR("1.5%", "not a number");	/* parse_ratio takes it */
	MICRO_ERR("", "empty number");
}

/* A percentage is hundredths: 1.5% = 0.015 = 15000 millionths. */
static void
test_ratio(void **state)
{
	(void)state;
	RATIO_OK("1.5%", 15000);
	RATIO_OK("85%", 850000);
	RATIO_OK("100%", 1000000);
	RATIO_OK("0%", 0);
	RATIO_OK("0.0001%", 1);
	RATIO_OK("12.3456%", 123456);
	RATIO_OK(" 1.5 % ", 15000);
	RATIO_OK("150%", 1500000);
	RATIO_OK("-5%", -50000);
	RATIO_OK("10,000%", 100000000);
	/* without % it is parse_micro */
	RATIO_OK("0.015", 15000);
	RATIO_OK("1.2", 1200000);
	RATIO_OK("0.000001", 1);
	RATIO_ERR("0.00001%", "more than 4 decimals in a percentage");
	RATIO_ERR("1.23456%", "more than 4 decimals in a percentage");
	RATIO_ERR("0.0000001", "more than 6 decimals");
	RATIO_ERR("%", "not a number");
	RATIO_ERR("1.5%%", "not a number");
	RATIO_ERR("%1.5", "not a number");
	RATIO_ERR("1.5 percent", "not a number");
	RATIO_ERR("1.5‰", "not a number");
	RATIO_ERR("1.5％", "not a number");	/* the full-width sign */
	RATIO_ERR(".5%", "no digits before the decimal point");
	RATIO_ERR("1000000000000000%", "number too large");
}

/* ----------------------------------------------------------------- date */

static void
date_ok_at(const char *s, size_t n, sc_date want, const char *file, int line)
{
	char *b = exact(s, n);
	sc_date got = -1;
	const char *err = parse_date(b, n, &got);

	free(b);
	if (err != NULL)
		fail_msg("%s:%d: parse_date(\"%.*s\") refused: %s", file, line,
		    (int)n, s, err);
	if (got != want)
		fail_msg("%s:%d: parse_date(\"%.*s\") = %d, want %d", file,
		    line, (int)n, s, (int)got, (int)want);
}

static void
date_err_at(const char *s, size_t n, const char *want_msg, const char *file,
    int line)
{
	char *b = exact(s, n);
	sc_date got = 0;
	const char *err = parse_date(b, n, &got);

	free(b);
	if (err == NULL)
		fail_msg("%s:%d: parse_date(\"%.*s\") accepted as %d", file,
		    line, (int)n, s, (int)got);
	if (want_msg != NULL && strcmp(err, want_msg) != 0)
		fail_msg("%s:%d: parse_date(\"%.*s\"): \"%s\", want \"%s\"",
		    file, line, (int)n, s, err, want_msg);
}

#define DATE_OK(str, want) \
	date_ok_at(str, LEN(str), want, __FILE__, __LINE__)
#define DATE_ERR(str, msg) \
	date_err_at(str, LEN(str), msg, __FILE__, __LINE__)

static void
test_date_forms(void **state)
{
	(void)state;
	DATE_OK("2026-10-03", 20261003);
	DATE_OK("2026/10/3", 20261003);
	DATE_OK("2026年10月3日", 20261003);
	DATE_OK("2026年10月3号", 20261003);
	DATE_OK("2026.10.3", 20261003);
	DATE_OK("2026-1-1", 20260101);
	DATE_OK("2026/01/01", 20260101);
	DATE_OK("  2026-12-31\r\n", 20261231);
	DATE_OK("1900-01-01", 19000101);
	DATE_OK("2999-12-31", 29991231);
}

static void
test_date_time_of_day(void **state)
{
	(void)state;
	DATE_OK("2026-10-03 14:05:00", 20261003);
	DATE_OK("2026-10-03T14:05", 20261003);
	DATE_OK("2026-10-03T14:05:00", 20261003);
	DATE_OK("2026-10-03 14:05", 20261003);
	DATE_OK("2026-10-03 14:05:00.123", 20261003);
	DATE_OK("2026-10-03  9:05", 20261003);
	DATE_OK("2026-10-03 00:00:00", 20261003);
	DATE_OK("2026-10-03 23:59:59", 20261003);
	DATE_OK("2026-10-03 23:59:60", 20261003);	/* leap second */
	DATE_OK("2026/10/3 14:05", 20261003);
	DATE_OK("2026年10月3日 14:05:00", 20261003);

	DATE_ERR("2026-10-03 25:00", "not a date (bad time of day)");
	DATE_ERR("2026-10-03 24:00", "not a date (bad time of day)");
	DATE_ERR("2026-10-03 14:60", "not a date (bad time of day)");
	DATE_ERR("2026-10-03 14:05:61", "not a date (bad time of day)");
	DATE_ERR("2026-10-03 14:5", "not a date (bad time of day)");
	DATE_ERR("2026-10-03 14", "not a date (bad time of day)");
	DATE_ERR("2026-10-03 14:", "not a date (bad time of day)");
	DATE_ERR("2026-10-03 14:05:", "not a date (bad time of day)");
	DATE_ERR("2026-10-03 14:05:00x", "not a date (bad time of day)");
	DATE_ERR("2026-10-03 abc", "not a date (bad time of day)");
	DATE_ERR("2026-10-03T", "not a date (bad time of day)");
}

/* A time with a zone offset: the date as written, the zone ignored. */
static void
test_date_zone(void **state)
{
	enum value_form form = FORM_PLAIN;
	sc_date d = 0;

	(void)state;
	DATE_OK("2026-10-05T10:00:00+08:00", 20261005);
	DATE_OK("2026-10-05T10:00:00Z", 20261005);
	DATE_OK("2026-10-05T10:00:00z", 20261005);
	DATE_OK("2026-10-05T10:00:00+0800", 20261005);
	DATE_OK("2026-10-05T10:00:00+08", 20261005);
	DATE_OK("2026-10-05T23:30:00-05:00", 20261005);	/* not the 6th */
	DATE_OK("2026-10-05T00:30:00+14:00", 20261005);	/* not the 4th */
	DATE_OK("2026-10-05 10:00:00+08:00", 20261005);
	DATE_OK("2026-10-05 10:00:00 +0800", 20261005);
	DATE_OK("2026-10-05T10:00:00.123Z", 20261005);
	DATE_OK("2026-10-05T10:00Z", 20261005);
	DATE_OK("2026/10/5 10:00+08:00", 20261005);
	DATE_OK("2026-10-05T10:00:00+23:59", 20261005);

	DATE_ERR("2026-10-05T10:00:00+24:00", "not a date (bad time of day)");
	DATE_ERR("2026-10-05T10:00:00+08:60", "not a date (bad time of day)");
	DATE_ERR("2026-10-05T10:00:00+8:00", "not a date (bad time of day)");
	DATE_ERR("2026-10-05T10:00:00+08:0", "not a date (bad time of day)");
	DATE_ERR("2026-10-05T10:00:00+080", "not a date (bad time of day)");
	DATE_ERR("2026-10-05T10:00:00+08:00:00",
	    "not a date (bad time of day)");
	DATE_ERR("2026-10-05T10:00:00 UTC", "not a date (bad time of day)");
	DATE_ERR("2026-10-05T10:00:00ZZ", "not a date (bad time of day)");
	DATE_ERR("2026-10-05T10:00:00+", "not a date (bad time of day)");
	DATE_ERR("2026-10-05T10:00:00  +08:00",
	    "not a date (bad time of day)");
	DATE_ERR("2026-10-05Z", "not a date");
	DATE_ERR("2026-10-05+08:00", "not a date");
	DATE_ERR("2026-10-05TZ", "not a date (bad time of day)");

	assert_null(parse_date_form("2026-10-05T10:00:00+08:00", 25, &d,
	    &form));
	assert_int_equal(d, 20261005);
	assert_int_equal(form, FORM_ZONE);
	assert_null(parse_date_form("2026-10-05T10:00:00", 19, &d, &form));
	assert_int_equal(form, FORM_PLAIN);
}

static void
serial_ok_at(const char *s, size_t n, sc_date want, const char *file,
    int line)
{
	char *b = exact(s, n);
	sc_date got = -1;
	enum value_form form = FORM_PLAIN;
	const char *err = parse_date_form(b, n, &got, &form);

	free(b);
	if (err != NULL)
		fail_msg("%s:%d: parse_date_form(\"%.*s\") refused: %s", file,
		    line, (int)n, s, err);
	if (got != want || form != FORM_SERIAL)
		fail_msg("%s:%d: parse_date_form(\"%.*s\") = %d form %d, "
		    "want %d form %d", file, line, (int)n, s, (int)got,
		    (int)form, (int)want, (int)FORM_SERIAL);
}

static void
serial_err_at(const char *s, size_t n, const char *want_msg,
    const char *file, int line)
{
	char *b = exact(s, n);
	sc_date got = 0;
	const char *err = parse_date_form(b, n, &got, NULL);

	free(b);
	if (err == NULL)
		fail_msg("%s:%d: parse_date_form(\"%.*s\") accepted as %d",
		    file, line, (int)n, s, (int)got);
	if (want_msg != NULL && strcmp(err, want_msg) != 0)
		fail_msg("%s:%d: parse_date_form(\"%.*s\"): \"%s\", want "
		    "\"%s\"", file, line, (int)n, s, err, want_msg);
}

#define SERIAL_OK(str, want) \
	serial_ok_at(str, LEN(str), want, __FILE__, __LINE__)
#define SERIAL_ERR(str, msg) \
	serial_err_at(str, LEN(str), msg, __FILE__, __LINE__)
#define SERIAL_RANGE "not a date (a number is read as a spreadsheet " \
	"serial date only from 1 to 73050)"

/*
 * Serial dates in a date column: from 61 on 1899-12-30 plus the serial,
 * below 60 1899-12-31 plus it (Excel counts a 29 February 1900, serial
 * 60); calendar-checked: 1 is 1900-01-01, 59 1900-02-28, 61 1900-03-01,
 * 9999 1927-05-17, 46300 2026-10-05, 36526 2000-01-01, 73050 2099-12-31.
 * A whole number from 1900 to 2999 is a year alone, not a serial.
 */
static void
test_date_serial(void **state)
{
	sc_date d = 0;

	(void)state;
	SERIAL_OK("46300", 20261005);
	SERIAL_OK(" 46300 ", 20261005);
	SERIAL_OK("46300.5", 20261005);		/* noon: time ignored */
	SERIAL_OK("46300.999988", 20261005);
	SERIAL_OK("36526", 20000101);
	SERIAL_OK("45658", 20250101);
	SERIAL_OK("10000", 19270518);
	SERIAL_OK("9999", 19270517);
	SERIAL_OK("1", 19000101);
	SERIAL_OK("59", 19000228);
	SERIAL_OK("61", 19000301);
	SERIAL_OK("1899", 19050313);
	SERIAL_OK("3000", 19080318);
	SERIAL_OK("73050", 20991231);
	SERIAL_OK("73050.5", 20991231);

	SERIAL_ERR("73051", SERIAL_RANGE);
	SERIAL_ERR("0", SERIAL_RANGE);
	SERIAL_ERR("60", "not a date (serial 60 is 29 February 1900, a day "
	    "that never was)");
	SERIAL_ERR("20261005", SERIAL_RANGE);
	SERIAL_ERR("99999999999999999999", SERIAL_RANGE);
	SERIAL_ERR("2026", "not a date (a year alone?)");
	SERIAL_ERR("1900", "not a date (a year alone?)");
	SERIAL_ERR("2999", "not a date (a year alone?)");
	SERIAL_OK("2026.0", 19050718);	/* a fraction: a serial */
	SERIAL_ERR("46300.", "not a date");
	SERIAL_ERR("-46300", "not a date");
	SERIAL_ERR("46,300", "not a date");
	SERIAL_ERR("46300x", "not a date");
	SERIAL_ERR("4.6e4", "not a date");
	SERIAL_ERR("", "empty date");

	/* the other forms still read, as parse_date reads them */
	SERIAL_ERR("2026-02-30", "no such day");
	assert_null(parse_date_form("2026-10-05", 10, &d, NULL));
	assert_int_equal(d, 20261005);
	/* parse_date takes no serial: it is for dates people type */
	DATE_ERR("46300", "not a date");
	/* only the n bytes given */
	serial_ok_at("463001", 5, 20261005, __FILE__, __LINE__);
}

static void
test_date_leap_years(void **state)
{
	(void)state;
	DATE_OK("2024-02-29", 20240229);
	DATE_OK("2000-02-29", 20000229);
	DATE_OK("2026-02-28", 20260228);
	DATE_ERR("2026-02-29", "no such day");
	DATE_ERR("1900-02-29", "no such day");
	DATE_ERR("2100-02-29", "no such day");
	DATE_ERR("2024-02-30", "no such day");
}

static void
test_date_invalid(void **state)
{
	(void)state;
	DATE_ERR("", "empty date");
	DATE_ERR(" \t ", "empty date");
	DATE_ERR("2026-02-30", "no such day");
	DATE_ERR("2026-04-31", "no such day");
	DATE_ERR("2026-10-00", "no such day");
	DATE_ERR("2026-10-32", "no such day");
	DATE_ERR("2026-13-01", "no such month");
	DATE_ERR("2026-00-10", "no such month");
	DATE_ERR("1899-12-31", "year out of range");
	DATE_ERR("3000-01-01", "year out of range");
	DATE_ERR("26-10-03", "not a date");
	DATE_ERR("20261003", "not a date");
	DATE_ERR("2026-10-03x", "not a date");
	DATE_ERR("2026-10-031", "not a date");
	DATE_ERR("2026-100-03", "not a date");
	DATE_ERR("2026-10/03", "not a date");
	DATE_ERR("2026-10", "not a date");
	DATE_ERR("2026-10-", "not a date");
	DATE_ERR("2026--03", "not a date");
	DATE_ERR("2026年10月3", "not a date");
	DATE_ERR("2026年10-3日", "not a date");
	DATE_ERR("2026年10月3日x", "not a date");
	DATE_ERR("Oct 3, 2026", "not a date");
	DATE_ERR("03/10/2026", "not a date");
}

static void
test_date_length(void **state)
{
	(void)state;
	date_ok_at("2026-10-03junk", 10, 20261003, __FILE__, __LINE__);
	date_err_at("2026-10-03", 9, "no such day", __FILE__, __LINE__);
}

static void
test_days_in_month(void **state)
{
	static const int days2026[12] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int m;

	(void)state;
	for (m = 1; m <= 12; m++)
		assert_int_equal(days_in_month(2026, m), days2026[m - 1]);
	assert_int_equal(days_in_month(2024, 2), 29);
	assert_int_equal(days_in_month(2000, 2), 29);
	assert_int_equal(days_in_month(1900, 2), 28);
	assert_int_equal(days_in_month(2100, 2), 28);
	assert_int_equal(days_in_month(2024, 1), 31);
	assert_int_equal(days_in_month(2024, 3), 31);
}

static void
test_date_month_and_format(void **state)
{
	char buf[11];

	(void)state;
	assert_int_equal(date_month(20261003), 2026 * 12 + 9);	/* 24321 */
	assert_int_equal(date_month(20261003), 24321);
	assert_int_equal(date_month(20260101), 24312);
	assert_int_equal(date_month(20251231), 24311);
	assert_int_equal(date_month(20260131) + 1, date_month(20260201));
	assert_int_equal(DATE_Y(20261003), 2026);
	assert_int_equal(DATE_M(20261003), 10);
	assert_int_equal(DATE_D(20261003), 3);
	assert_int_equal(DATE_MAKE(2026, 10, 3), 20261003);
	assert_true(DATE_MAKE(2025, 12, 31) < DATE_MAKE(2026, 1, 1));

	date_format(20261003, buf);
	assert_string_equal(buf, "2026-10-03");
	date_format(19000101, buf);
	assert_string_equal(buf, "1900-01-01");
	date_format(20240229, buf);
	assert_string_equal(buf, "2024-02-29");
}

/* --------------------------------------------------------------- period */

static void
period_ok_at(const char *s, size_t n, enum period_kind kind, int year,
    int number, const char *file, int line)
{
	char *b = exact(s, n);
	struct period p = { PERIOD_YEAR, -1, -1 };
	const char *err = parse_period(b, n, &p);

	free(b);
	if (err != NULL)
		fail_msg("%s:%d: parse_period(\"%.*s\") refused: %s", file,
		    line, (int)n, s, err);
	if (p.kind != kind || p.year != year || p.number != number)
		fail_msg("%s:%d: parse_period(\"%.*s\") = {%d, %d, %d}, "
		    "want {%d, %d, %d}", file, line, (int)n, s, (int)p.kind,
		    p.year, p.number, (int)kind, year, number);
}

static void
period_err_at(const char *s, size_t n, const char *want_msg,
    const char *file, int line)
{
	char *b = exact(s, n);
	struct period p = { PERIOD_YEAR, 0, 0 };
	const char *err = parse_period(b, n, &p);

	free(b);
	if (err == NULL)
		fail_msg("%s:%d: parse_period(\"%.*s\") accepted as "
		    "{%d, %d, %d}", file, line, (int)n, s, (int)p.kind,
		    p.year, p.number);
	if (want_msg != NULL && strcmp(err, want_msg) != 0)
		fail_msg("%s:%d: parse_period(\"%.*s\"): \"%s\", want \"%s\"",
		    file, line, (int)n, s, err, want_msg);
}

#define PERIOD_OK(str, kind, year, number) \
	period_ok_at(str, LEN(str), kind, year, number, __FILE__, __LINE__)
#define PERIOD_ERR(str, msg) \
	period_err_at(str, LEN(str), msg, __FILE__, __LINE__)

static void
test_period_forms(void **state)
{
	(void)state;
	PERIOD_OK("2026", PERIOD_YEAR, 2026, 0);
	PERIOD_OK("2026年", PERIOD_YEAR, 2026, 0);
	PERIOD_OK(" 2026 ", PERIOD_YEAR, 2026, 0);
	PERIOD_OK("2026-Q3", PERIOD_QUARTER, 2026, 3);
	PERIOD_OK("2026Q3", PERIOD_QUARTER, 2026, 3);
	PERIOD_OK("2026-q3", PERIOD_QUARTER, 2026, 3);
	PERIOD_OK("2026q1", PERIOD_QUARTER, 2026, 1);
	PERIOD_OK("2026/Q4", PERIOD_QUARTER, 2026, 4);
	PERIOD_OK("2026年Q2", PERIOD_QUARTER, 2026, 2);
	PERIOD_OK("2026-10", PERIOD_MONTH, 2026, 10);
	PERIOD_OK("2026/10", PERIOD_MONTH, 2026, 10);
	PERIOD_OK("2026年10月", PERIOD_MONTH, 2026, 10);
	PERIOD_OK("2026-01", PERIOD_MONTH, 2026, 1);
	PERIOD_OK("2026-12", PERIOD_MONTH, 2026, 12);
	/* A one-digit month is read as that month, like "2026/10/3" dates. */
	PERIOD_OK("2026-1", PERIOD_MONTH, 2026, 1);
	PERIOD_OK("2026-9", PERIOD_MONTH, 2026, 9);
}

static void
test_period_invalid(void **state)
{
	(void)state;
	PERIOD_ERR("", "empty period");
	PERIOD_ERR("  ", "empty period");
	PERIOD_ERR("2026-Q5", "no such quarter");
	PERIOD_ERR("2026-Q0", "no such quarter");
	PERIOD_ERR("2026-Q", "no such quarter");
	PERIOD_ERR("2026-Q34", "no such quarter");
	PERIOD_ERR("2026-Q3x", "no such quarter");
	PERIOD_ERR("2026-13", "no such month");
	PERIOD_ERR("2026-00", "no such month");
	PERIOD_ERR("2026-0", "no such month");
	PERIOD_ERR("2026-10-03", "not a period");
	PERIOD_ERR("2026-10x", "not a period");
	PERIOD_ERR("2026-100", "not a period");
	PERIOD_ERR("2026-", "not a period");
	PERIOD_ERR("2026 Q3", "not a period");
	PERIOD_ERR("2026-H1", "not a period");
	PERIOD_ERR("2026--10", "not a period");
	PERIOD_ERR("26", "not a period");
	PERIOD_ERR("26-10", "not a period");
	PERIOD_ERR("Q3-2026", "not a period");
	PERIOD_ERR("1899", "year out of range");
	PERIOD_ERR("3000-01", "year out of range");
}

static void
test_period_length(void **state)
{
	(void)state;
	period_ok_at("2026-Q3xx", 7, PERIOD_QUARTER, 2026, 3, __FILE__,
	    __LINE__);
	period_ok_at("2026-10-03", 7, PERIOD_MONTH, 2026, 10, __FILE__,
	    __LINE__);
	period_ok_at("2026-10", 4, PERIOD_YEAR, 2026, 0, __FILE__, __LINE__);
}

static struct period
period_parsed(const char *s)
{
	struct period p = { PERIOD_YEAR, -1, -1 };
	const char *err = parse_period(s, strlen(s), &p);

	if (err != NULL)
		fail_msg("parse_period(\"%s\") refused: %s", s, err);
	return p;
}

static void
check_period(const char *text, int first, int last, sc_date start,
    sc_date end, const char *formatted)
{
	struct period p = period_parsed(text);
	char buf[16];

	assert_int_equal(period_first_month(&p), first);
	assert_int_equal(period_last_month(&p), last);
	assert_int_equal(period_start(&p), start);
	assert_int_equal(period_end(&p), end);
	period_format(&p, buf);
	assert_string_equal(buf, formatted);
	/* The start and end dates lie in the first and last months. */
	assert_int_equal(date_month(period_start(&p)), first);
	assert_int_equal(date_month(period_end(&p)), last);
}

static void
test_period_year_bounds(void **state)
{
	(void)state;
	/* 2026 * 12 = 24312. */
	check_period("2026", 24312, 24323, 20260101, 20261231, "2026");
	check_period("2026年", 24312, 24323, 20260101, 20261231, "2026");
	check_period("2024", 24288, 24299, 20240101, 20241231, "2024");
	check_period("1900", 22800, 22811, 19000101, 19001231, "1900");
}

static void
test_period_quarter_bounds(void **state)
{
	(void)state;
	/* 2024 * 12 = 24288. */
	check_period("2024-Q1", 24288, 24290, 20240101, 20240331, "2024-Q1");
	check_period("2024Q2", 24291, 24293, 20240401, 20240630, "2024-Q2");
	check_period("2026-q3", 24318, 24320, 20260701, 20260930, "2026-Q3");
	check_period("2026-Q4", 24321, 24323, 20261001, 20261231, "2026-Q4");
	check_period("2026-Q1", 24312, 24314, 20260101, 20260331, "2026-Q1");
}

static void
test_period_month_bounds(void **state)
{
	(void)state;
	check_period("2026-10", 24321, 24321, 20261001, 20261031, "2026-10");
	check_period("2024-02", 24289, 24289, 20240201, 20240229, "2024-02");
	check_period("2026-02", 24313, 24313, 20260201, 20260228, "2026-02");
	check_period("2000-02", 24001, 24001, 20000201, 20000229, "2000-02");
	check_period("1900-02", 22801, 22801, 19000201, 19000228, "1900-02");
	check_period("2026-04", 24315, 24315, 20260401, 20260430, "2026-04");
	check_period("2026-12", 24323, 24323, 20261201, 20261231, "2026-12");
	check_period("2026-1", 24312, 24312, 20260101, 20260131, "2026-01");
	check_period("2026年3月", 24314, 24314, 20260301, 20260331, "2026-03");
}

static void
test_period_equal_and_of_month(void **state)
{
	struct period a, b, m;
	char buf[16];

	(void)state;
	a = period_parsed("2026Q3");
	b = period_parsed("2026-q3");
	assert_true(period_equal(&a, &b));
	b = period_parsed("2026-Q4");
	assert_false(period_equal(&a, &b));
	b = period_parsed("2025-Q3");
	assert_false(period_equal(&a, &b));
	b = period_parsed("2026-03");		/* month 3, not quarter 3 */
	assert_false(period_equal(&a, &b));
	a = period_parsed("2026-1");
	b = period_parsed("2026/01");
	assert_true(period_equal(&a, &b));
	a = period_parsed("2026");
	b = period_parsed("2026年");
	assert_true(period_equal(&a, &b));

	m = period_of_month(24321);
	assert_int_equal(m.kind, PERIOD_MONTH);
	assert_int_equal(m.year, 2026);
	assert_int_equal(m.number, 10);
	a = period_parsed("2026-10");
	assert_true(period_equal(&m, &a));

	m = period_of_month(24312);		/* January */
	assert_int_equal(m.year, 2026);
	assert_int_equal(m.number, 1);
	m = period_of_month(24311);		/* the December before */
	assert_int_equal(m.year, 2025);
	assert_int_equal(m.number, 12);
	period_format(&m, buf);
	assert_string_equal(buf, "2025-12");

	m = period_of_month(date_month(20240229));
	a = period_parsed("2024-02");
	assert_true(period_equal(&m, &a));
	assert_int_equal(period_end(&m), 20240229);
}

/* ------------------------------------------------------------------- id */

static void
id_ok_at(const char *s, size_t n, const char *file, int line)
{
	char *b = exact(s, n);
	const char *err = check_id(b, n);

	free(b);
	if (err != NULL)
		fail_msg("%s:%d: check_id(\"%.*s\") refused: %s", file, line,
		    (int)n, s, err);
}

static void
id_err_at(const char *s, size_t n, const char *want_msg, const char *file,
    int line)
{
	char *b = exact(s, n);
	const char *err = check_id(b, n);

	free(b);
	if (err == NULL)
		fail_msg("%s:%d: check_id(\"%.*s\") (%zu bytes) accepted", file,
		    line, (int)n, s, n);
	if (want_msg != NULL && strcmp(err, want_msg) != 0)
		fail_msg("%s:%d: check_id(\"%.*s\"): \"%s\", want \"%s\"",
		    file, line, (int)n, s, err, want_msg);
}

#define ID_OK(str)	id_ok_at(str, LEN(str), __FILE__, __LINE__)
#define ID_ERR(str, msg) id_err_at(str, LEN(str), msg, __FILE__, __LINE__)

#define BAD_CHARS "id may only hold letters, digits, '_', '.' and '-'"

static void
test_check_id(void **state)
{
	char buf[ID_MAX + 2];

	(void)state;
	ID_OK("HD01");
	ID_OK("a.b_c-d");
	ID_OK("A");
	ID_OK("0");
	ID_OK("_");
	ID_OK("-");
	ID_OK("x.");
	ID_OK(".x");
	ID_OK("a..b");
	ID_OK("ZZ-9_z.0");

	memset(buf, 'a', sizeof(buf));
	id_ok_at(buf, 1, __FILE__, __LINE__);
	id_ok_at(buf, 64, __FILE__, __LINE__);
	id_err_at(buf, 65, "id longer than 64 characters", __FILE__, __LINE__);
	buf[63] = '/';			/* length is checked first */
	id_err_at(buf, 65, "id longer than 64 characters", __FILE__, __LINE__);
	id_err_at(buf, 64, BAD_CHARS, __FILE__, __LINE__);
	id_ok_at(buf, 63, __FILE__, __LINE__);

	ID_ERR("", "empty id");
	ID_ERR(".", "id may not be only dots");
	ID_ERR("..", "id may not be only dots");
	ID_ERR("...", "id may not be only dots");
	ID_ERR("../x", BAD_CHARS);
	ID_ERR("a/b", BAD_CHARS);
	ID_ERR("a\\b", BAD_CHARS);
	ID_ERR("a b", BAD_CHARS);
	ID_ERR(" HD01", BAD_CHARS);	/* check_id does not trim */
	ID_ERR("HD01\n", BAD_CHARS);
	ID_ERR("a\0b", BAD_CHARS);	/* NUL inside, n = 3 */
	ID_ERR("\0", BAD_CHARS);
	ID_ERR("张三", BAD_CHARS);
	ID_ERR("HD01张", BAD_CHARS);
	ID_ERR("é", BAD_CHARS);
	ID_ERR("a:b", BAD_CHARS);
	ID_ERR("a*", BAD_CHARS);
	ID_ERR("a+b", BAD_CHARS);

	/* Only the n bytes given count. */
	id_ok_at("HD01/", 4, __FILE__, __LINE__);
	id_err_at("HD01", 0, "empty id", __FILE__, __LINE__);
}

/* ----------------------------------------------------------------- trim */

static void
trim_at(const char *s, size_t n, size_t want_off, size_t want_n,
    const char *file, int line)
{
	const char *t = s;
	size_t k = n;

	trim(&t, &k);
	if (k != want_n || (want_n > 0 && t != s + want_off))
		fail_msg("%s:%d: trim(\"%.*s\") = offset %td length %zu, want "
		    "offset %zu length %zu", file, line, (int)n, s, t - s, k,
		    want_off, want_n);
}

#define TRIM(str, off, len) trim_at(str, LEN(str), off, len, __FILE__, __LINE__)

static void
test_trim(void **state)
{
	(void)state;
	TRIM("abc", 0, 3);
	TRIM("  abc", 2, 3);
	TRIM("abc  ", 0, 3);
	TRIM("  a b \t\r\n", 2, 3);
	TRIM("\t\r\n x", 4, 1);
	TRIM("", 0, 0);
	TRIM(" ", 0, 0);
	TRIM(" \t\r\n ", 0, 0);
	TRIM("\xc2\xa0x", 0, 3);	/* NO-BREAK SPACE is not ASCII */
	TRIM("　x", 0, 4);		/* nor is the ideographic space */
	/* Only the n bytes given are looked at. */
	trim_at("ab  cd", 4, 0, 2, __FILE__, __LINE__);
	trim_at("  ab", 1, 0, 0, __FILE__, __LINE__);
}

/* Serial day numbers, hand-checked against a calendar: Excel's 1900
 * system counts a 29 February 1900 that never was (60), so 61 is
 * 1 March 1900; 45658 is 2025-01-01 (45,657 days after 1899-12-31 minus
 * the phantom day); the 1904 system starts at 0. */
static void
test_date_from_serial(void **state)
{
	sc_date d;

	(void)state;
	assert_true(date_from_serial(1, false, &d));
	assert_int_equal(d, 19000101);
	assert_true(date_from_serial(59, false, &d));
	assert_int_equal(d, 19000228);
	assert_false(date_from_serial(60, false, &d));
	assert_true(date_from_serial(61, false, &d));
	assert_int_equal(d, 19000301);
	assert_true(date_from_serial(45658, false, &d));
	assert_int_equal(d, 20250101);
	assert_true(date_from_serial(46300, false, &d));
	assert_int_equal(d, 20261005);
	assert_true(date_from_serial(73050, false, &d));
	assert_int_equal(d, 20991231);
	assert_false(date_from_serial(73051, false, &d));
	assert_false(date_from_serial(0, false, &d));
	assert_false(date_from_serial(-5, false, &d));
	assert_true(date_from_serial(0, true, &d));
	assert_int_equal(d, 19040101);
	assert_true(date_from_serial(1, true, &d));
	assert_int_equal(d, 19040102);
	assert_true(date_from_serial(71588, true, &d));
	assert_int_equal(d, 20991231);
	assert_false(date_from_serial(71589, true, &d));
	assert_false(date_from_serial(-1, true, &d));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decimal_as_strtod),
		cmocka_unit_test(test_money_source_encoding),
		cmocka_unit_test(test_money_spec_forms),
		cmocka_unit_test(test_money_extra_forms),
		cmocka_unit_test(test_money_digits),
		cmocka_unit_test(test_money_invalid),
		cmocka_unit_test(test_money_wan),
		cmocka_unit_test(test_money_length),
		cmocka_unit_test(test_decimal_valid),
		cmocka_unit_test(test_decimal_invalid),
		cmocka_unit_test(test_decimal_length),
		cmocka_unit_test(test_micro),
		cmocka_unit_test(test_ratio),
		cmocka_unit_test(test_date_forms),
		cmocka_unit_test(test_date_time_of_day),
		cmocka_unit_test(test_date_zone),
		cmocka_unit_test(test_date_serial),
		cmocka_unit_test(test_date_leap_years),
		cmocka_unit_test(test_date_invalid),
		cmocka_unit_test(test_date_length),
		cmocka_unit_test(test_days_in_month),
		cmocka_unit_test(test_date_month_and_format),
		cmocka_unit_test(test_period_forms),
		cmocka_unit_test(test_period_invalid),
		cmocka_unit_test(test_period_length),
		cmocka_unit_test(test_period_year_bounds),
		cmocka_unit_test(test_period_quarter_bounds),
		cmocka_unit_test(test_period_month_bounds),
		cmocka_unit_test(test_period_equal_and_of_month),
		cmocka_unit_test(test_check_id),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_date_from_serial),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
