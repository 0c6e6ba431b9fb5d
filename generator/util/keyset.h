/*
 * An exact set of byte strings: open addressing on a 64-bit hash, with the
 * keys kept in an arena so that equal hashes are told apart.  Used for the
 * distinct counts (orders, active customers) while sales.csv streams past.
 */
#ifndef SC_KEYSET_H
#define SC_KEYSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct keyset {
	uint64_t	*hashes;	/* 0 = empty slot */
	uint64_t	*offsets;	/* into arena: length-prefixed key */
	size_t		 cap;
	size_t		 count;
	char		*arena;
	size_t		 arena_len;
	size_t		 arena_cap;
};

/* Adds the key; returns true when it was not there before. */
bool	 keyset_add(struct keyset *, const void *key, size_t len);
void	 keyset_free(struct keyset *);

#endif
