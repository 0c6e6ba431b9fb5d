/*
 * UTF-8 validation and decoding (see utf8.h).  The validator follows RFC
 * 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

/* One byte through the validator's state; false when invalid. */
static bool
check_byte(struct utf8_check *st, unsigned c)
{
	if (st->need == 0) {
		if (c < 0x80)
			return true;
		if (c >= 0xc2 && c <= 0xdf) {
			st->need = 1; st->cp = c & 0x1f; st->min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			st->need = 2; st->cp = c & 0x0f; st->min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			st->need = 3; st->cp = c & 0x07; st->min = 0x10000;
		} else
			return false;
		return true;
	}
	if ((c & 0xc0) != 0x80)
		return false;
	st->cp = (st->cp << 6) | (c & 0x3f);
	if (--st->need == 0 && (st->cp < st->min || st->cp > 0x10ffff ||
	    (st->cp >= 0xd800 && st->cp <= 0xdfff)))
		return false;
	return true;
}

bool
utf8_check_feed(struct utf8_check *st, const unsigned char *p, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;
	uint64_t w, high;

	/* Finish a sequence split by the previous block. */
	while (i < n && st->need > 0)
		if (!check_byte(st, p[i++]))
			return false;
	while (i < n) {
		/* A sequence begun near the end of the block (by check_byte
		 * below) goes on here, byte by byte: none may be ASCII. */
		if (st->need > 0) {
			if (!check_byte(st, p[i++]))
				return false;
			continue;
		}
		/* Eight ASCII bytes at a time, then straight to the first
		 * byte that is not: the first byte's high bit is the lowest
		 * set one (little-endian) or the highest (big-endian). */
		while (i + 8 <= n) {
			memcpy(&w, p + i, 8);
			if ((high = w & 0x8080808080808080ULL) != 0) {
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
				i += (size_t)(__builtin_clzll(high) >> 3);
#else
				i += (size_t)(__builtin_ctzll(high) >> 3);
#endif
				break;
			}
			i += 8;
		}
		if (i >= n)
			break;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		/* Whole sequences in this block, checked here; a run of
		 * three-byte ones (most CJK text) without going round. */
		while (n - i >= 4 && p[i] >= 0x80) {
			unsigned c = p[i], c1 = p[i + 1], c2 = p[i + 2];

			if (c >= 0xe0 && c <= 0xef) {
				if ((c1 & 0xc0) != 0x80 || (c2 & 0xc0) != 0x80 ||
				    (c == 0xe0 && c1 < 0xa0) ||
				    (c == 0xed && c1 > 0x9f))
					return false;
				i += 3;
			} else if (c >= 0xc2 && c <= 0xdf) {
				if ((c1 & 0xc0) != 0x80)
					return false;
				i += 2;
			} else {
				if ((k = utf8_decode((const char *)p + i, n - i,
				    &cp)) == 0)
					return false;
				i += k;
			}
		}
		/* Near the end of the block: a byte at a time. */
		if (i < n && n - i < 4 && p[i] >= 0x80 &&
		    !check_byte(st, p[i++]))
			return false;
	}
	return true;
}

bool
utf8_check_end(const struct utf8_check *st)
{
	return st->need == 0;
}

bool
utf8_valid(const char *s, size_t n)
{
	struct utf8_check st = { 0, 0, 0 };

	return utf8_check_feed(&st, (const unsigned char *)s, n) &&
	    utf8_check_end(&st);
}

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i;
	uint32_t c, min;

	if (len == 0)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2; c = p[0] & 0x1f; min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3; c = p[0] & 0x0f; min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4; c = p[0] & 0x07; min = 0x10000;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

size_t
utf8_next(const char *s, size_t len, uint32_t *cp)
{
	size_t k;

	if ((k = utf8_decode(s, len, cp)) == 0) {
		*cp = 0xfffd;
		k = 1;
	}
	return k;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

void
utf8_put(struct buf *b, uint32_t cp)
{
	char u[4];

	buf_put(b, u, utf8_encode(cp, u));
}

size_t
utf8_columns(const char *s, size_t n)
{
	size_t i = 0, cols = 0;
	uint32_t cp;

	while (i < n) {
		i += utf8_next(s + i, n - i, &cp);
		cols++;
	}
	return cols;
}

void
utf8_printable(struct buf *b, const char *s, size_t n, size_t max)
{
	size_t i = 0, k, shown = 0;
	uint32_t cp;

	while (i < n) {
		if (shown == max) {
			buf_puts(b, "...");
			return;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			buf_printf(b, "\\x%02X", (unsigned char)s[i]);
			i++;
		} else if (cp == '\n') {
			buf_puts(b, "\\n");
			i++;
		} else if (cp == '\r') {
			buf_puts(b, "\\r");
			i++;
		} else if (cp == '\t') {
			buf_puts(b, "\\t");
			i++;
		} else if (cp < 0x20 || cp == 0x7f) {
			buf_printf(b, "\\x%02X", (unsigned)cp);
			i++;
		} else if (cp >= 0x80 && cp < 0xa0) {
			/* C1: U+009B is a terminal's CSI like ESC [ */
			buf_printf(b, "\\u%04X", (unsigned)cp);
			i += k;
		} else {
			buf_put(b, s + i, k);
			i += k;
		}
		shown++;
	}
}

char *
utf8_shown(const char *s)
{
	struct buf b = BUF_INIT;

	utf8_printable(&b, s, strlen(s), SIZE_MAX);
	return buf_detach(&b);
}

bool
utf8_is_cjk(uint32_t cp)
{
	return (cp >= 0x2e80 && cp <= 0x9fff) ||
	    (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) ||
	    (cp >= 0xff00 && cp <= 0xffef) ||
	    (cp >= 0x20000 && cp <= 0x3ffff);
}
