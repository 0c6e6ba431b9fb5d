/*
 * Unit tests for generator/input/salespipe.c: every row reaches the sink
 * once, in order, with its strings intact, across many batches, with
 * strings too big for a batch in between, and with no row at all.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/salespipe.h"

struct seen {
	long	 rows;
	long	 next_line;	/* the line the next row must have */
	int64_t	 cents;
	size_t	 bytes;
	int	 wrong;
};

static void
record(void *arg, const struct sale *s)
{
	struct seen *v = arg;
	char want[32];

	snprintf(want, sizeof(want), "C%ld", s->line);
	if (s->line != v->next_line)
		v->wrong++;
	/* customer "C<line>" padded with 'x' to customer_len */
	if (s->customer_len < strlen(want) ||
	    memcmp(s->customer, want, strlen(want)) != 0 ||
	    s->customer[s->customer_len - 1] != (s->customer_len >
	    strlen(want) ? 'x' : want[strlen(want) - 1]))
		v->wrong++;
	if (s->order_len != 2 || memcmp(s->order_id, "O7", 2) != 0)
		v->wrong++;
	v->rows++;
	v->next_line++;
	v->cents += s->cents;
	v->bytes += s->customer_len;
}

/* Rows 1..n; every `huge`-th row has a customer id of `big` bytes. */
static void
run(long n, long huge, size_t big, struct seen *v)
{
	struct sales_sink sink = { NULL, record, v, 2, 0, NULL };
	struct sales_pipe *p = sales_pipe_start(&sink);
	char *id = malloc(big + 32);
	long i;

	assert_non_null(p);
	memset(v, 0, sizeof(*v));
	v->next_line = 1;
	for (i = 1; i <= n; i++) {
		struct sale s;
		size_t len = (size_t)snprintf(id, 32, "C%ld", i);

		if (huge > 0 && i % huge == 0) {
			memset(id + len, 'x', big - len);
			len = big;
		}
		memset(&s, 0, sizeof(s));
		s.line = i;
		s.person = (size_t)(i % 7);
		s.customer = id;
		s.customer_len = len;
		s.order_id = "O7";
		s.order_len = 2;
		s.cents = i;
		sales_pipe_row(p, &s);
		memset(id, '?', len);	/* the pipe must have copied it */
	}
	sales_pipe_finish(p);
	free(id);
}

static void
many_batches_in_order(void **state)
{
	struct seen v;

	(void)state;
	run(100000, 0, 0, &v);	/* 4,096 rows a batch: 25 batches */
	assert_int_equal(v.rows, 100000);
	assert_int_equal(v.wrong, 0);
	/* 1 + 2 + ... + 100000 = 100000 * 100001 / 2 */
	assert_int_equal(v.cents, 5000050000LL);
}

static void
huge_strings_between(void **state)
{
	struct seen v;

	(void)state;
	/* every 1,000th row has a 300,000-byte id: bigger than a batch */
	run(10000, 1000, 300000, &v);
	assert_int_equal(v.rows, 10000);
	assert_int_equal(v.wrong, 0);
	assert_int_equal(v.cents, 50005000LL);
}

static void
bytes_fill_a_batch_first(void **state)
{
	struct seen v;

	(void)state;
	/* every row 1,000 bytes: a batch is full of bytes after 262 rows */
	run(5000, 1, 1000, &v);
	assert_int_equal(v.rows, 5000);
	assert_int_equal(v.wrong, 0);
	assert_int_equal(v.bytes, 5000 * 1000);
}

static void
no_rows(void **state)
{
	struct seen v;

	(void)state;
	run(0, 0, 0, &v);
	assert_int_equal(v.rows, 0);
	assert_int_equal(v.wrong, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(many_batches_in_order),
		cmocka_unit_test(huge_strings_between),
		cmocka_unit_test(bytes_fill_a_batch_first),
		cmocka_unit_test(no_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
