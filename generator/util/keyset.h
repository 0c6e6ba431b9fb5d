/*
 * An exact map from byte strings to a 16-bit value: open addressing on a
 * 64-bit hash, the keys in an arena so that equal hashes are told apart.
 * Used for the distinct orders while sales.csv streams past (the value is
 * the set of months an order was seen in).
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

/* The value of the key, created as 0 when new. */
uint16_t *keyset_at(struct keyset *, const void *key, size_t len);
/* Calls fn for every key and value, in the order they were added. */
void	 keyset_each(const struct keyset *, void (*fn)(const char *key,
	    size_t len, uint16_t value, void *arg), void *arg);
void	 keyset_free(struct keyset *);

#endif
