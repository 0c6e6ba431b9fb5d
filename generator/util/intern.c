/*
 * Interning and the 64-bit key set of intern.h.
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/intern.h"
#include "util/strmap.h"

/*
 * A slot holds the top 24 bits of the hash beside the offset of the key's
 * record in the arena (index, length, bytes), so that a miss costs one
 * memory access and a hit two.  The low bits of the hash pick the slot;
 * the table is kept at most three quarters full.
 */
#define OFFSET_BITS	40
#define SLOT_OFFSET(x)	(((x) & ((1ULL << OFFSET_BITS) - 1)) - 1)
#define SLOT_HASH(x)	((x) & ~((1ULL << OFFSET_BITS) - 1))

struct record {
	uint32_t	 index;
	uint32_t	 len;
};

/* Record, payload (rounded to 8 bytes), key bytes, padding to 8. */
static size_t
payload_size(const struct intern *t)
{
	return (t->payload + 7) & ~(size_t)7;
}

static size_t
record_size(const struct intern *t, size_t n)
{
	return sizeof(struct record) + payload_size(t) + ((n + 7) & ~(size_t)7);
}

static void
insert_slot(uint64_t *slots, size_t cap, uint64_t h, uint64_t x)
{
	size_t j = (size_t)h & (cap - 1);

	while (slots[j] != 0)
		j = (j + 1) & (cap - 1);
	slots[j] = x;
}

static void
intern_grow(struct intern *t)
{
	size_t off = 0, ncap = t->cap ? t->cap * 2 : 1024;
	uint64_t *slots = xcalloc(ncap, sizeof(uint64_t)), h;
	struct record rec;

	/* The arena is walked in order: no random access while growing. */
	while (off < t->arena_len) {
		memcpy(&rec, t->arena + off, sizeof(rec));
		h = strmap_hash(t->arena + off + sizeof(rec) + payload_size(t),
		    rec.len);
		insert_slot(slots, ncap, h, SLOT_HASH(h) | (off + 1));
		off += record_size(t, rec.len);
	}
	free(t->slots);
	t->slots = slots;
	t->cap = ncap;
}

uint32_t
intern(struct intern *t, const char *s, size_t n, bool *added,
    void **payload)
{
	uint64_t h = strmap_hash(s, n), x;
	struct record rec;
	size_t j, ps = payload_size(t), size = record_size(t, n);

	if ((t->count + 1) * 4 > t->cap * 3)
		intern_grow(t);
	j = (size_t)h & (t->cap - 1);
	while ((x = t->slots[j]) != 0) {
		if (SLOT_HASH(x) == SLOT_HASH(h)) {
			const char *p = t->arena + SLOT_OFFSET(x);

			memcpy(&rec, p, sizeof(rec));
			if (rec.len == n && memcmp(p + sizeof(rec) + ps, s,
			    n) == 0) {
				*added = false;
				*payload = t->arena + SLOT_OFFSET(x) +
				    sizeof(rec);
				return rec.index;
			}
		}
		j = (j + 1) & (t->cap - 1);
	}
	if (t->arena_len + size > t->arena_cap) {
		while (t->arena_len + size > t->arena_cap)
			t->arena_cap = t->arena_cap ? t->arena_cap * 2 : 65536;
		t->arena = xrealloc(t->arena, t->arena_cap);
	}
	rec.index = (uint32_t)t->count;
	rec.len = (uint32_t)n;
	memset(t->arena + t->arena_len, 0, size);
	memcpy(t->arena + t->arena_len, &rec, sizeof(rec));
	memcpy(t->arena + t->arena_len + sizeof(rec) + ps, s, n);
	t->slots[j] = SLOT_HASH(h) | ((uint64_t)t->arena_len + 1);
	*payload = t->arena + t->arena_len + sizeof(rec);
	t->arena_len += size;
	*added = true;
	return (uint32_t)t->count++;
}

void
intern_prefetch(const struct intern *t, const char *s, size_t n, int stage)
{
	uint64_t h, x;
	size_t j;

	if (t->cap == 0)
		return;
	h = strmap_hash(s, n);
	j = (size_t)h & (t->cap - 1);
	if (stage == 0)
		__builtin_prefetch(&t->slots[j]);
	else if ((x = t->slots[j]) != 0 && SLOT_HASH(x) == SLOT_HASH(h))
		__builtin_prefetch(t->arena + SLOT_OFFSET(x));
}

void
intern_each(const struct intern *t, void (*fn)(void *, void *), void *arg)
{
	size_t off = 0;
	struct record rec;

	while (off < t->arena_len) {
		memcpy(&rec, t->arena + off, sizeof(rec));
		fn(t->arena + off + sizeof(rec), arg);
		off += record_size(t, rec.len);
	}
}

void
intern_free(struct intern *t)
{
	free(t->slots);
	free(t->arena);
	memset(t, 0, sizeof(*t));
}

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static void
intmap_grow(struct intmap *m)
{
	size_t i, j, ncap = m->cap ? m->cap * 2 : 1024;
	uint64_t *keys = xcalloc(ncap, sizeof(uint64_t));
	uint16_t *values = xcalloc(ncap, sizeof(uint16_t));

	for (i = 0; i < m->cap; i++) {
		if (m->keys[i] == 0)
			continue;
		j = (size_t)mix(m->keys[i]) & (ncap - 1);
		while (keys[j] != 0)
			j = (j + 1) & (ncap - 1);
		keys[j] = m->keys[i];
		values[j] = m->values[i];
	}
	free(m->keys);
	free(m->values);
	m->keys = keys;
	m->values = values;
	m->cap = ncap;
}

uint16_t *
intmap_at(struct intmap *m, uint64_t key)
{
	uint64_t stored = key + 1;
	size_t j;

	if (stored == 0) {
		m->has_max = true;
		return &m->max_value;
	}
	if ((m->count + 1) * 2 > m->cap)
		intmap_grow(m);
	j = (size_t)mix(stored) & (m->cap - 1);
	while (m->keys[j] != 0) {
		if (m->keys[j] == stored)
			return &m->values[j];
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = stored;
	m->values[j] = 0;
	m->count++;
	return &m->values[j];
}

void
intmap_each(const struct intmap *m, void (*fn)(uint64_t, uint16_t, void *),
    void *arg)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		if (m->keys[i] != 0)
			fn(m->keys[i] - 1, m->values[i], arg);
	if (m->has_max)
		fn(UINT64_MAX, m->max_value, arg);
}

void
intmap_free(struct intmap *m)
{
	free(m->keys);
	free(m->values);
	memset(m, 0, sizeof(*m));
}
