/* Fuzz target: the value parsers of input/values.c (money, numbers, dates, periods, ids) on raw bytes. */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/values.h"
#include "fuzz.h"

/* An invariant of a parser's result does not hold: a crash to libFuzzer. */
#define REQUIRE(cond) do { if (!(cond)) { fprintf(stdout, \
    "fuzz_values: %s failed\n", #cond); abort(); } } while (0)

static void
money(const char *s, size_t n)
{
	int64_t cents, again, formed;
	enum value_form form;
	char text[40];

	if (parse_money(s, n, &cents) != NULL)
		return;
	REQUIRE(cents < MONEY_MAX_CENTS && cents > -MONEY_MAX_CENTS);
	REQUIRE(parse_money_form(s, n, &formed, &form) == NULL);
	REQUIRE(formed == cents && (form == FORM_PLAIN || form == FORM_WAN));
	/* What it read reads back the same in the plain form. */
	snprintf(text, sizeof(text), "%s%" PRId64 ".%02" PRId64,
	    cents < 0 ? "-" : "", (cents < 0 ? -cents : cents) / 100,
	    (cents < 0 ? -cents : cents) % 100);
	REQUIRE(parse_money(text, strlen(text), &again) == NULL);
	REQUIRE(again == cents);
}

static void
numbers(const char *s, size_t n)
{
	double d;
	int64_t micro, ratio;

	if (parse_decimal(s, n, &d) == NULL)
		REQUIRE(!isnan(d));
	/* At most 10^12 and 6 decimals. */
	if (parse_micro(s, n, &micro) == NULL) {
		REQUIRE(micro < 1000000000001000000LL &&
		    micro > -1000000000001000000LL);
		/* a ratio without % is the same number */
		REQUIRE(parse_ratio(s, n, &ratio) == NULL && ratio == micro);
	}
	/* A percentage: at most 10^14 %, within 64 bits. */
	if (parse_ratio(s, n, &ratio) == NULL)
		REQUIRE(ratio < 1000000000001000000LL &&
		    ratio > -1000000000001000000LL);
}

static void
date(const char *s, size_t n)
{
	sc_date d, again;
	char text[11];

	if (parse_date(s, n, &d) != NULL)
		return;
	REQUIRE(DATE_Y(d) >= 1900 && DATE_Y(d) <= 2999);
	REQUIRE(DATE_M(d) >= 1 && DATE_M(d) <= 12);
	REQUIRE(DATE_D(d) >= 1 &&
	    DATE_D(d) <= days_in_month(DATE_Y(d), DATE_M(d)));
	date_format(d, text);
	REQUIRE(parse_date(text, strlen(text), &again) == NULL && again == d);
	REQUIRE(date_month(d) >= 1900 * 12);
}

/* A date column: parse_date's dates, and serials 1-73050. */
static void
date_column(const char *s, size_t n)
{
	sc_date d, plain;
	enum value_form form;

	if (parse_date_form(s, n, &d, &form) != NULL)
		return;
	if (form == FORM_SERIAL)
		REQUIRE(d >= 19000101 && d <= 20991231 && d != 19000229);
	else
		REQUIRE(parse_date(s, n, &plain) == NULL && plain == d);
}

static void
period(const char *s, size_t n)
{
	struct period p, again, month;
	char text[16];

	if (parse_period(s, n, &p) != NULL)
		return;
	period_format(&p, text);
	REQUIRE(parse_period(text, strlen(text), &again) == NULL);
	REQUIRE(period_equal(&p, &again));
	REQUIRE(period_first_month(&p) <= period_last_month(&p));
	REQUIRE(period_start(&p) <= period_end(&p));
	month = period_of_month(period_first_month(&p));
	REQUIRE(period_start(&month) == period_start(&p));
	month = period_of_month(period_last_month(&p));
	REQUIRE(period_end(&month) == period_end(&p));
}

static void
id(const char *s, size_t n)
{
	if (check_id(s, n) == NULL)
		REQUIRE(n >= 1 && n <= ID_MAX && memchr(s, ',', n) == NULL);
}

/* Each parser on each line of the input. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *part;
	size_t pos = 0, len;

	fuzz_quiet();
	while (fuzz_next_part(data, size, &pos, "\n", &part, &len)) {
		/* A copy of exactly len bytes, so reads past it are caught. */
		char *s = malloc(len ? len : 1);

		if (s == NULL)
			abort();
		if (len > 0)
			memcpy(s, part, len);
		money(s, len);
		numbers(s, len);
		date(s, len);
		date_column(s, len);
		period(s, len);
		id(s, len);
		free(s);
	}
	return 0;
}
