/*
 * The exact key set of keyset.h.
 *
 * A record is the uint16 value, the key's length (one byte below 255;
 * else 255 and four bytes), the key bytes, and a byte of padding when
 * needed to keep the next record's value aligned.  A slot holds the top 24
 * bits of the key's hash beside the record's offset + 1 (40 bits), so that
 * a miss costs one memory access and a hit two; the low bits of the hash
 * pick the slot.  Growing walks the arena in order and hashes the keys
 * again, so the table keeps no hashes of its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/alloc.h"
#include "util/keyset.h"
#include "util/strmap.h"

#define OFFSET_BITS	40
#define SLOT_OFFSET(x)	(((x) & ((1ULL << OFFSET_BITS) - 1)) - 1)
#define SLOT_TAG(x)	((x) & ~((1ULL << OFFSET_BITS) - 1))
#define LONG_KEY	255

/* The key of the record at off: its bytes and length; returns the
 * record's size. */
static size_t
record(const char *arena, size_t off, const char **key, size_t *len)
{
	const unsigned char *p = (const unsigned char *)arena + off + 2;
	size_t head = 3;
	uint32_t n = p[0];

	if (n == LONG_KEY) {
		memcpy(&n, p + 1, sizeof(n));
		head += sizeof(n);
	}
	*key = arena + off + head;
	*len = n;
	return (head + n + 1) & ~(size_t)1;
}

static uint16_t *
value_at(const struct keyset *s, size_t off)
{
	return (uint16_t *)(void *)(s->arena + off);
}

static void
grow(struct keyset *s)
{
	size_t off = 0, ncap = s->cap ? s->cap * 2 : 1024, j, len;
	uint64_t *slots = xcalloc(ncap, sizeof(uint64_t)), h;
	const char *key;

	while (off < s->arena_len) {
		size_t size = record(s->arena, off, &key, &len);

		h = strmap_hash(key, len);
		j = (size_t)h & (ncap - 1);
		while (slots[j] != 0)
			j = (j + 1) & (ncap - 1);
		slots[j] = SLOT_TAG(h) | ((uint64_t)off + 1);
		off += size;
	}
	free(s->slots);
	s->slots = slots;
	s->cap = ncap;
}

void
keyset_prefetch(const struct keyset *s, const void *key, size_t len,
    int stage)
{
	uint64_t h, x;
	size_t i;

	if (s->cap == 0)
		return;
	h = strmap_hash(key, len);
	i = (size_t)h & (s->cap - 1);
	if (stage == 0)
		__builtin_prefetch(&s->slots[i]);
	else if ((x = s->slots[i]) != 0 && SLOT_TAG(x) == SLOT_TAG(h))
		__builtin_prefetch(s->arena + SLOT_OFFSET(x));
}

uint16_t *
keyset_at(struct keyset *s, const void *key, size_t len)
{
	uint64_t h = strmap_hash(key, len), x;
	size_t i, head = len < LONG_KEY ? 3 : 3 + sizeof(uint32_t), size, n;
	const char *k;
	uint32_t n32 = (uint32_t)len;
	unsigned char *p;

	if ((s->count + 1) * 4 > s->cap * 3)
		grow(s);
	i = (size_t)h & (s->cap - 1);
	while ((x = s->slots[i]) != 0) {
		if (SLOT_TAG(x) == SLOT_TAG(h)) {
			record(s->arena, SLOT_OFFSET(x), &k, &n);
			if (n == len && memcmp(k, key, len) == 0)
				return value_at(s, SLOT_OFFSET(x));
		}
		i = (i + 1) & (s->cap - 1);
	}
	size = (head + len + 1) & ~(size_t)1;
	if (len > UINT32_MAX || s->arena_len + size >= 1ULL << OFFSET_BITS)
	{
		/* The offsets are 40 bits: a terabyte of keys. */
		fprintf(stderr, "scorecard: out of memory (%zu keys)\n",
		    s->count);
		exit(EX_SOFTWARE);
	}
	if (s->arena_len + size > s->arena_cap) {
		while (s->arena_len + size > s->arena_cap)
			s->arena_cap = s->arena_cap ? s->arena_cap * 2 : 65536;
		s->arena = xrealloc(s->arena, s->arena_cap);
	}
	p = (unsigned char *)s->arena + s->arena_len;
	memset(p, 0, size);
	if (len < LONG_KEY)
		p[2] = (unsigned char)len;
	else {
		p[2] = LONG_KEY;
		memcpy(p + 3, &n32, sizeof(n32));
	}
	memcpy(p + head, key, len);
	s->slots[i] = SLOT_TAG(h) | ((uint64_t)s->arena_len + 1);
	s->arena_len += size;
	s->count++;
	return value_at(s, s->arena_len - size);
}

void
keyset_each(const struct keyset *s, void (*fn)(const char *, size_t,
    uint16_t, void *), void *arg)
{
	size_t off = 0, len, size;
	const char *key;

	while (off < s->arena_len) {
		size = record(s->arena, off, &key, &len);
		fn(key, len, *value_at(s, off), arg);
		off += size;
	}
}

void
keyset_free(struct keyset *s)
{
	free(s->slots);
	free(s->arena);
	memset(s, 0, sizeof(*s));
}
