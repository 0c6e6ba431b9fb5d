/*
 * A hash map from strings to indexes (open addressing, FNV-1a).  Keys are
 * copied.  Used for ids: people, teams, customers, orders.
 */
#ifndef SC_STRMAP_H
#define SC_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	char	*key;
	size_t	 len;
	uint64_t hash;
	size_t	 value;
};

struct strmap {
	struct strmap_slot *slots;
	size_t	 cap;		/* a power of two */
	size_t	 count;
};

uint64_t strmap_hash(const char *, size_t);
/* Returns true and sets *value when the key is present. */
bool	 strmap_get(const struct strmap *, const char *, size_t, size_t *);
/* Inserts if absent; returns true if it was inserted, and the value. */
bool	 strmap_put(struct strmap *, const char *, size_t, size_t value,
	    size_t *existing);
void	 strmap_free(struct strmap *);

#endif
