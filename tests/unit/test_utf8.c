/*
 * The UTF-8 validator that decides between UTF-8 and GB18030: RFC 3629
 * rules, in one piece and split at every byte across two blocks; the
 * forgiving decoder and the encoder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "util/utf8.h"

static bool
valid_split(const char *s, size_t n, size_t at)
{
	struct utf8_check st = { 0, 0, 0 };

	return utf8_check_feed(&st, (const unsigned char *)s, at) &&
	    utf8_check_feed(&st, (const unsigned char *)s + at, n - at) &&
	    utf8_check_end(&st);
}

static void
check(const char *s, size_t n, bool want)
{
	size_t at;

	assert_int_equal(utf8_valid(s, n), want);
	for (at = 0; at <= n; at++)
		assert_int_equal(valid_split(s, n, at), want);
}

static void
test_valid(void **state)
{
	(void)state;
	check("plain ASCII, long enough for the 8-byte path", 45, true);
	check("\xe9\x94\x80\xe5\x94\xae", 6, true);		/* 销售 */
	check("\xc2\xa5" "100", 5, true);			/* ¥100 */
	check("\xef\xbf\xa5", 3, true);				/* ￥ */
	check("\xf0\x9f\x98\x80 ok", 7, true);			/* U+1F600 */
	check("\xf4\x8f\xbf\xbf", 4, true);			/* U+10FFFF */
	check("\xed\x9f\xbf", 3, true);				/* U+D7FF */
	check("\xe0\xa0\x80", 3, true);				/* U+0800 */
	check("", 0, true);
}

static void
test_invalid(void **state)
{
	(void)state;
	check("\xc0\xaf", 2, false);		/* overlong '/' */
	check("\xc1\xbf", 2, false);		/* overlong */
	check("\xe0\x80\xaf", 3, false);	/* overlong, 3 bytes */
	check("\xe0\x9f\xbf", 3, false);	/* overlong U+07FF */
	check("\xed\xa0\x80", 3, false);	/* surrogate U+D800 */
	check("\xf4\x90\x80\x80", 4, false);	/* above U+10FFFF */
	check("\xf5\x80\x80\x80", 4, false);
	check("\xe9\x94", 2, false);		/* cut short at the end */
	check("\xe9\x94" "abcdef", 8, false);	/* cut short in the middle */
	check("\x80", 1, false);		/* a lone continuation */
	check("\xff\xfe", 2, false);
	/* GB18030 for 销售 (what Excel on Chinese Windows writes) */
	check("\xcf\xfa\xca\xdb", 4, false);
	/* a lead byte in the last three bytes, then ASCII, then a
	 * continuation byte: was taken as one character (found by
	 * fuzz_mail) */
	check("|~\xc7|\xab", 5, false);
	check("ab\xe5" "a\x80\x80", 6, false);
	check("\xcf\xfa", 2, false);		/* GB18030 销, at the end */
}

static void
test_columns(void **state)
{
	(void)state;
	assert_int_equal(utf8_columns("ab", 2), 2);
	assert_int_equal(utf8_columns("\xe9\x94\x80x", 4), 2);
	assert_int_equal(utf8_columns("\xff" "a", 2), 2);
}

static void
test_next(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_next("\xe9\x94\x80", 3, &cp), 3);
	assert_int_equal(cp, 0x9500);
	/* a bad byte, a cut sequence, an overlong form: U+FFFD, one byte */
	assert_int_equal(utf8_next("\xff" "a", 2, &cp), 1);
	assert_int_equal(cp, 0xfffd);
	assert_int_equal(utf8_next("\xe9\x94", 2, &cp), 1);
	assert_int_equal(cp, 0xfffd);
	assert_int_equal(utf8_next("\xc0\xaf", 2, &cp), 1);
	assert_int_equal(cp, 0xfffd);
}

static void
test_encode(void **state)
{
	static const uint32_t cps[] = { 0x41, 0xa5, 0x9500, 0xfffd,
	    0x20000, 0x10ffff };
	char u[4];
	uint32_t cp;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		n = utf8_encode(cps[i], u);
		assert_int_equal(utf8_decode(u, n, &cp), n);
		assert_int_equal(cp, cps[i]);
	}
	assert_int_equal(utf8_encode(0x9500, u), 3);
	assert_memory_equal(u, "\xe9\x94\x80", 3);
}

/*
 * RFC 3629 read one code point at a time from the definition (the
 * table of well-formed byte sequences), nothing skipped: what the
 * validator's fast paths must agree with.
 */
static bool
valid_by_definition(const unsigned char *s, size_t n)
{
	size_t i = 0, k, len;
	unsigned lo, hi;

	while (i < n) {
		unsigned c = s[i];

		lo = 0x80, hi = 0xbf;
		if (c < 0x80)
			len = 1;
		else if (c >= 0xc2 && c <= 0xdf)
			len = 2;
		else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			if (c == 0xe0)
				lo = 0xa0;
			if (c == 0xed)
				hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			if (c == 0xf0)
				lo = 0x90;
			if (c == 0xf4)
				hi = 0x8f;
		} else
			return false;
		if (n - i < len)
			return false;
		for (k = 1; k < len; k++) {
			unsigned b = s[i + k];

			if (k == 1 ? b < lo || b > hi : (b & 0xc0) != 0x80)
				return false;
		}
		i += len;
	}
	return true;
}

/*
 * Texts made of ASCII runs, CJK, two- and four-byte characters and now
 * and then a bad byte, cut short or changed, at every length up to 40:
 * the validator, whole and split at every byte, agrees with the
 * definition (a stray byte after a run of CJK is the case the run's fast
 * path must not skip).
 */
static void
test_random_texts(void **state)
{
	static const char *const pieces[] = { "a", "date,", "2026-10-03,",
	    "\xe9\x94\x80", "\xe5\x94\xae", "\xc2\xa5", "\xf0\x9f\x98\x80",
	    "\xef\xbc\x88", "\xed\x9f\xbf", "\xe0\xa0\x80", "\x80", "\xcf\xfa",
	    "\xe9\x94", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff", "\xc1\xbf",
	    ",\"\n" };
	unsigned char text[64];
	uint32_t seed = 12345;
	size_t n, at, t, bad = 0, len;
	bool want;

	(void)state;
	for (t = 0; t < 200000; t++) {
		n = 0;
		for (;;) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			/* mostly good pieces, a bad one about one time in 8 */
			p = pieces[(seed >> 16) % ((seed >> 8) % 8 == 0 ?
			    sizeof(pieces) / sizeof(pieces[0]) : 10)];
			len = strlen(p);
			if (n + len > 40)
				break;
			memcpy(text + n, p, len);
			n += len;
		}
		seed = seed * 1103515245u + 12345u;
		if ((seed >> 16) % 4 == 0 && n > 0)	/* change a byte */
			text[(seed >> 4) % n] ^= (unsigned char)(1u <<
			    ((seed >> 24) % 8));
		want = valid_by_definition(text, n);
		bad += !want;
		assert_int_equal(utf8_valid((const char *)text, n), want);
		for (at = 0; at <= n; at++)
			assert_int_equal(valid_split((const char *)text, n, at),
			    want);
	}
	/* both kinds were tried, many times */
	assert_true(bad > 20000 && bad < 180000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_random_texts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
