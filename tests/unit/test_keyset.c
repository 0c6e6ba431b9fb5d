/*
 * Unit tests for the exact hash tables of generator/util: keyset.h (byte
 * strings to a 16-bit value) and intern.h (strings to dense indexes with a
 * payload; 64-bit keys to 16-bit values).  Every key is looked up again
 * after the tables have grown many times, and keys that differ only in
 * length, in their last byte or around the long-key length are told
 * apart.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/intern.h"
#include "util/keyset.h"

#define NKEYS 200000

/* Key i: a person-like prefix, an order-like number, and for some keys a
 * tail that makes them long (up to 300 bytes, past the 255 of a short
 * record). */
static size_t
make_key(char *buf, size_t i)
{
	size_t n = (size_t)snprintf(buf, 64, "%c%zu-SO%08zu", (char)(i % 7),
	    i % 500, i);

	if (i % 1000 == 0) {
		memset(buf + n, 'x', 240 + i / 1000 % 61);
		n += 240 + i / 1000 % 61;
	}
	return n;
}

struct walk {
	size_t	 next;
	size_t	 wrong;
};

static void
check_each(const char *key, size_t len, uint16_t value, void *arg)
{
	struct walk *w = arg;
	char buf[512];
	size_t n = make_key(buf, w->next);

	if (len != n || memcmp(key, buf, n) != 0 ||
	    value != (uint16_t)(w->next * 31 + 1))
		w->wrong++;
	w->next++;
}

static void
keyset_many_keys(void **state)
{
	struct keyset s = { 0 };
	char buf[512];
	size_t i, n;
	struct walk w = { 0, 0 };
	uint16_t *v;

	(void)state;
	for (i = 0; i < NKEYS; i++) {
		n = make_key(buf, i);
		v = keyset_at(&s, buf, n);

		assert_int_equal(*v, 0);
		assert_true(((uintptr_t)v & 1) == 0);
		*v = (uint16_t)(i * 31 + 1);
		assert_int_equal(s.count, i + 1);
	}
	for (i = 0; i < NKEYS; i++) {
		n = make_key(buf, i);
		assert_int_equal(*keyset_at(&s, buf, n),
		    (uint16_t)(i * 31 + 1));
	}
	assert_int_equal(s.count, NKEYS);
	assert_true(s.count * 4 <= s.cap * 3);
	keyset_each(&s, check_each, &w);
	assert_int_equal(w.next, NKEYS);
	assert_int_equal(w.wrong, 0);
	keyset_free(&s);
	assert_null(s.slots);
	assert_null(s.arena);
}

static void
keyset_near_keys(void **state)
{
	struct keyset s = { 0 };
	static char big[70000];
	size_t n;

	(void)state;
	memset(big, 'k', sizeof(big));
	/* the empty key; "k" repeated 1 to 300 times; one very long key */
	*keyset_at(&s, "", 0) = 1;
	for (n = 1; n <= 300; n++)
		*keyset_at(&s, big, n) |= (uint16_t)(n + 1);
	*keyset_at(&s, big, sizeof(big)) |= 0x8000;
	/* the same bytes but the last, and embedded NULs */
	big[254] = 'j';
	*keyset_at(&s, big, 255) |= 0x4000;
	*keyset_at(&s, "\0\0", 2) |= 7;
	*keyset_at(&s, "\0", 1) |= 9;
	big[254] = 'k';
	assert_int_equal(s.count, 1 + 300 + 1 + 1 + 2);
	assert_int_equal(*keyset_at(&s, "", 0), 1);
	for (n = 1; n <= 300; n++)
		assert_int_equal(*keyset_at(&s, big, n), (uint16_t)(n + 1));
	assert_int_equal(*keyset_at(&s, big, sizeof(big)), 0x8000);
	big[254] = 'j';
	assert_int_equal(*keyset_at(&s, big, 255), 0x4000);
	assert_int_equal(*keyset_at(&s, "\0\0", 2), 7);
	assert_int_equal(*keyset_at(&s, "\0", 1), 9);
	assert_int_equal(s.count, 1 + 300 + 1 + 1 + 2);
	keyset_free(&s);
}

struct payload {
	uint32_t index;
	uint32_t twice;
};

static void
check_payload(void *payload, void *arg)
{
	struct payload *p = payload;
	size_t *next = arg;

	if (p->index == *next && p->twice == 2 * *next)
		++*next;
}

static void
intern_dense_indexes(void **state)
{
	struct intern t = { 0 };
	char buf[512];
	size_t i, n, next = 0;
	bool added;
	void *payload;
	struct payload *p;

	(void)state;
	t.payload = sizeof(struct payload);
	for (i = 0; i < NKEYS; i++) {
		n = make_key(buf, i);
		assert_int_equal(intern(&t, buf, n, &added, &payload), i);
		assert_true(added);
		p = payload;
		assert_int_equal(p->index, 0);
		assert_int_equal(p->twice, 0);
		p->index = (uint32_t)i;
		p->twice = (uint32_t)(2 * i);
	}
	assert_true(t.count * 4 <= t.cap * 3);
	for (i = NKEYS; i-- > 0;) {
		n = make_key(buf, i);
		assert_int_equal(intern(&t, buf, n, &added, &payload), i);
		assert_false(added);
		assert_int_equal(((struct payload *)payload)->index, i);
	}
	intern_each(&t, check_payload, &next);
	assert_int_equal(next, NKEYS);
	intern_free(&t);
}

static void
sum_values(uint64_t key, uint16_t value, void *arg)
{
	uint64_t *sum = arg;

	sum[0] += key;
	sum[1] += value;
	sum[2]++;
}

static void
intmap_keys(void **state)
{
	struct intmap m = { 0 };
	uint64_t i, sum[3] = { 0, 0, 0 }, keys = 0, values = 0;

	(void)state;
	*intmap_at(&m, 0) |= 1;
	*intmap_at(&m, UINT64_MAX) |= 2;
	*intmap_at(&m, UINT64_MAX - 1) |= 4;
	for (i = 1; i <= NKEYS; i++)
		*intmap_at(&m, i << 32 | (i & 0xff)) |= (uint16_t)(i & 0x7ff);
	assert_int_equal(*intmap_at(&m, 0), 1);
	assert_int_equal(*intmap_at(&m, UINT64_MAX), 2);
	assert_int_equal(*intmap_at(&m, UINT64_MAX - 1), 4);
	for (i = 1; i <= NKEYS; i++) {
		assert_int_equal(*intmap_at(&m, i << 32 | (i & 0xff)),
		    i & 0x7ff);
		keys += i << 32 | (i & 0xff);
		values += i & 0x7ff;
	}
	intmap_each(&m, sum_values, sum);
	assert_int_equal(sum[2], NKEYS + 3);
	assert_true(sum[0] == keys + UINT64_MAX + UINT64_MAX - 1);
	assert_true(sum[1] == values + 1 + 2 + 4);
	intmap_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keyset_many_keys),
		cmocka_unit_test(keyset_near_keys),
		cmocka_unit_test(intern_dense_indexes),
		cmocka_unit_test(intmap_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
