/*
 * The exact key set of keyset.h.
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/keyset.h"
#include "util/strmap.h"

/* Arena record: uint32 length, uint16 value, 2 bytes padding, the key. */
#define HEADER 8

static bool
same(const struct keyset *s, size_t slot, const void *key, size_t len)
{
	const char *p = s->arena + s->offsets[slot];
	uint32_t n;

	memcpy(&n, p, sizeof(n));
	return n == len && memcmp(p + HEADER, key, len) == 0;
}

static uint16_t *
value_at(const struct keyset *s, uint64_t offset)
{
	return (uint16_t *)(void *)(s->arena + offset + sizeof(uint32_t));
}

static void
grow(struct keyset *s)
{
	uint64_t *oh = s->hashes, *oo = s->offsets;
	size_t ocap = s->cap, i, j;

	s->cap = ocap ? ocap * 2 : 1024;
	s->hashes = xcalloc(s->cap, sizeof(uint64_t));
	s->offsets = xcalloc(s->cap, sizeof(uint64_t));
	for (i = 0; i < ocap; i++) {
		if (oh[i] == 0)
			continue;
		j = (size_t)oh[i] & (s->cap - 1);
		while (s->hashes[j] != 0)
			j = (j + 1) & (s->cap - 1);
		s->hashes[j] = oh[i];
		s->offsets[j] = oo[i];
	}
	free(oh);
	free(oo);
}

uint16_t *
keyset_at(struct keyset *s, const void *key, size_t len)
{
	uint64_t h = strmap_hash(key, len) | 1;	/* never 0 */
	uint32_t n = (uint32_t)len;
	size_t i, size = (HEADER + len + 7) & ~(size_t)7;

	if ((s->count + 1) * 2 > s->cap)
		grow(s);
	i = (size_t)h & (s->cap - 1);
	while (s->hashes[i] != 0) {
		if (s->hashes[i] == h && same(s, i, key, len))
			return value_at(s, s->offsets[i]);
		i = (i + 1) & (s->cap - 1);
	}
	if (s->arena_len + size > s->arena_cap) {
		while (s->arena_len + size > s->arena_cap)
			s->arena_cap = s->arena_cap ? s->arena_cap * 2 : 65536;
		s->arena = xrealloc(s->arena, s->arena_cap);
	}
	s->hashes[i] = h;
	s->offsets[i] = s->arena_len;
	memset(s->arena + s->arena_len, 0, size);
	memcpy(s->arena + s->arena_len, &n, sizeof(n));
	memcpy(s->arena + s->arena_len + HEADER, key, len);
	s->arena_len += size;
	s->count++;
	return value_at(s, s->offsets[i]);
}

void
keyset_each(const struct keyset *s, void (*fn)(const char *, size_t,
    uint16_t, void *), void *arg)
{
	size_t off = 0;
	uint32_t n;

	while (off < s->arena_len) {
		memcpy(&n, s->arena + off, sizeof(n));
		fn(s->arena + off + HEADER, n, *value_at(s, off), arg);
		off += (HEADER + n + 7) & ~(size_t)7;
	}
}

void
keyset_free(struct keyset *s)
{
	free(s->hashes);
	free(s->offsets);
	free(s->arena);
	memset(s, 0, sizeof(*s));
}
