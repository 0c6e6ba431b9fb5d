/*
 * How near two names are, for "did you mean" in messages: the edit
 * distance over code points (so that 目标 and 回顾目标 are two apart, not
 * six), and whether two names have the same words in another order
 * (ytd_commission and commission_ytd).
 */
#ifndef SC_SIMILAR_H
#define SC_SIMILAR_H

#include <stdbool.h>
#include <stddef.h>

/* Insertions, deletions, substitutions and swaps of two neighbours, of
 * code points, from a to b; names longer than 64 code points count as
 * far apart (SIZE_MAX). */
size_t	 text_distance(const char *a, size_t alen, const char *b,
	    size_t blen);
/* The same words, separated by '_', '-', '.' or ' ', in any order. */
bool	 same_words(const char *a, size_t alen, const char *b, size_t blen);

#endif
