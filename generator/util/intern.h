/*
 * Interning: byte strings to dense indexes 0, 1, 2, ... in order of first
 * sight, with the strings in one arena.  Compact (20 to 30 bytes a string
 * plus its bytes), for the customers of a large sales.csv.
 */
#ifndef SC_INTERN_H
#define SC_INTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct intern {
	size_t		 payload;	/* bytes kept with each string (set first) */
	uint64_t	*slots;		/* hash bits | arena offset + 1; 0 = empty */
	size_t		 cap;
	size_t		 count;
	char		*arena;		/* uint32 index, uint32 length, bytes */
	size_t		 arena_len;
	size_t		 arena_cap;
};

/*
 * The index of the string, adding it if new (*added tells); *payload is set
 * to the string's payload bytes (zero when new), which stay where they are
 * until the next call.
 */
uint32_t intern(struct intern *, const char *, size_t, bool *added,
	    void **payload);
/*
 * A hint that intern() will soon be called with the string: stage 0 fetches
 * its slot into the cache; stage 1, called later, its record (reading the
 * slot the first stage fetched).  It changes nothing.
 */
void	 intern_prefetch(const struct intern *, const char *, size_t,
	    int stage);
/* Calls fn for every string's payload, in index order. */
void	 intern_each(const struct intern *, void (*fn)(void *payload,
	    void *arg), void *arg);
void	 intern_free(struct intern *);

/* A map from 64-bit keys (any value) to 16-bit values, open addressing. */
struct intmap {
	uint64_t	*keys;		/* key + 1; 0 = empty */
	uint16_t	*values;
	size_t		 cap;
	size_t		 count;
	uint16_t	 max_value;	/* the key UINT64_MAX, kept aside */
	bool		 has_max;
};

/* The value of the key, created as 0 when new. */
uint16_t *intmap_at(struct intmap *, uint64_t);
/* Calls fn for every key and value. */
void	 intmap_each(const struct intmap *, void (*fn)(uint64_t, uint16_t,
	    void *), void *arg);
void	 intmap_free(struct intmap *);

#endif
