/*
 * An exact map from byte strings to a 16-bit value, made for millions of
 * short keys: the keys in an arena, one record each (the value, the
 * length, the bytes, about 3 bytes beside the key), and an open-addressing
 * table of 8-byte slots (a tag of the hash beside the record's offset) kept
 * at most three quarters full, so that equal tags are told apart by the
 * key itself.  Used for the distinct orders while sales.csv streams past
 * (the value is the set of months an order was seen in).
 */
#ifndef SC_KEYSET_H
#define SC_KEYSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct keyset {
	uint64_t	*slots;		/* hash tag | record offset + 1; 0 = empty */
	size_t		 cap;
	size_t		 count;
	char		*arena;		/* records, 2-byte aligned */
	size_t		 arena_len;
	size_t		 arena_cap;
};

/* The value of the key, created as 0 when new; it stays where it is until
 * the next call. */
uint16_t *keyset_at(struct keyset *, const void *key, size_t len);
/* A hint that keyset_at() will soon be called with the key: stage 0 fetches
 * its slot into the cache, stage 1 (later) its record.  Changes nothing. */
void	 keyset_prefetch(const struct keyset *, const void *key, size_t len,
	    int stage);
/* Calls fn for every key and value, in the order they were added. */
void	 keyset_each(const struct keyset *, void (*fn)(const char *key,
	    size_t len, uint16_t value, void *arg), void *arg);
void	 keyset_free(struct keyset *);

#endif
