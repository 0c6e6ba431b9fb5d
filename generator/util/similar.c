/*
 * Name distances of similar.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/similar.h"
#include "util/utf8.h"

#define MAX_CP	64

/* The code points of s, at most MAX_CP; -1 when there are more. */
static int
code_points(const char *s, size_t len, uint32_t *cp)
{
	size_t i = 0;
	int n = 0;

	while (i < len) {
		if (n == MAX_CP)
			return -1;
		i += utf8_next(s + i, len - i, &cp[n++]);
	}
	return n;
}

size_t
text_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	uint32_t x[MAX_CP], y[MAX_CP];
	size_t d[MAX_CP + 1][MAX_CP + 1], v;
	int n, m, i, j;

	if ((n = code_points(a, alen, x)) < 0 ||
	    (m = code_points(b, blen, y)) < 0)
		return SIZE_MAX;
	for (i = 0; i <= n; i++)
		d[i][0] = (size_t)i;
	for (j = 0; j <= m; j++)
		d[0][j] = (size_t)j;
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			v = d[i - 1][j - 1] + (x[i - 1] != y[j - 1]);
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			/* two neighbours swapped: one edit */
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] &&
			    x[i - 2] == y[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[n][m];
}

static bool
is_sep(char c)
{
	return c == '_' || c == '-' || c == '.' || c == ' ';
}

/* Whether every word of a is a word of b as often. */
static bool
words_in(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, wa, na, nb, k;

	while (i < alen) {
		while (i < alen && is_sep(a[i]))
			i++;
		for (wa = i; i < alen && !is_sep(a[i]); i++)
			;
		if (i == wa)
			break;
		/* how often the word is in a, and in b */
		na = nb = 0;
		for (k = 0; k < 2; k++) {
			const char *s = k == 0 ? a : b;
			size_t len = k == 0 ? alen : blen, p = 0, q;

			while (p < len) {
				while (p < len && is_sep(s[p]))
					p++;
				for (q = p; p < len && !is_sep(s[p]); p++)
					;
				if (p - q == i - wa &&
				    memcmp(s + q, a + wa, i - wa) == 0)
					*(k == 0 ? &na : &nb) += 1;
			}
		}
		if (na != nb)
			return false;
	}
	return true;
}

bool
same_words(const char *a, size_t alen, const char *b, size_t blen)
{
	return words_in(a, alen, b, blen) && words_in(b, blen, a, alen);
}
