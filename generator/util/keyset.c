/*
 * The exact key set of keyset.h.
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/keyset.h"
#include "util/strmap.h"

static bool
same(const struct keyset *s, size_t slot, const void *key, size_t len)
{
	const char *p = s->arena + s->offsets[slot];
	uint32_t n;

	memcpy(&n, p, sizeof(n));
	return n == len && memcmp(p + sizeof(n), key, len) == 0;
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

bool
keyset_add(struct keyset *s, const void *key, size_t len)
{
	uint64_t h = strmap_hash(key, len) | 1;	/* never 0 */
	uint32_t n = (uint32_t)len;
	size_t i;

	if ((s->count + 1) * 2 > s->cap)
		grow(s);
	i = (size_t)h & (s->cap - 1);
	while (s->hashes[i] != 0) {
		if (s->hashes[i] == h && same(s, i, key, len))
			return false;
		i = (i + 1) & (s->cap - 1);
	}
	if (s->arena_len + sizeof(n) + len > s->arena_cap) {
		while (s->arena_len + sizeof(n) + len > s->arena_cap)
			s->arena_cap = s->arena_cap ? s->arena_cap * 2 : 65536;
		s->arena = xrealloc(s->arena, s->arena_cap);
	}
	s->hashes[i] = h;
	s->offsets[i] = s->arena_len;
	memcpy(s->arena + s->arena_len, &n, sizeof(n));
	memcpy(s->arena + s->arena_len + sizeof(n), key, len);
	s->arena_len += sizeof(n) + len;
	s->count++;
	return true;
}

void
keyset_free(struct keyset *s)
{
	free(s->hashes);
	free(s->offsets);
	free(s->arena);
	memset(s, 0, sizeof(*s));
}
