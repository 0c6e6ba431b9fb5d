/*
 * The string hash map of strmap.h.
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/strmap.h"

uint64_t
strmap_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static struct strmap_slot *
find(const struct strmap *m, const char *s, size_t n, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	for (;;) {
		struct strmap_slot *sl = &m->slots[i];

		if (sl->key == NULL || (sl->hash == h && sl->len == n &&
		    memcmp(sl->key, s, n) == 0))
			return sl;
		i = (i + 1) & (m->cap - 1);
	}
}

bool
strmap_get(const struct strmap *m, const char *s, size_t n, size_t *value)
{
	struct strmap_slot *sl;

	if (m->cap == 0)
		return false;
	sl = find(m, s, n, strmap_hash(s, n));
	if (sl->key == NULL)
		return false;
	*value = sl->value;
	return true;
}

static void
grow(struct strmap *m)
{
	struct strmap old = *m;
	size_t i;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < old.cap; i++)
		if (old.slots[i].key != NULL)
			*find(m, old.slots[i].key, old.slots[i].len,
			    old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

bool
strmap_put(struct strmap *m, const char *s, size_t n, size_t value,
    size_t *existing)
{
	struct strmap_slot *sl;
	uint64_t h = strmap_hash(s, n);

	if ((m->count + 1) * 4 > m->cap * 3)
		grow(m);
	sl = find(m, s, n, h);
	if (sl->key != NULL) {
		if (existing != NULL)
			*existing = sl->value;
		return false;
	}
	sl->key = xstrndup(s, n);
	sl->len = n;
	sl->hash = h;
	sl->value = value;
	m->count++;
	if (existing != NULL)
		*existing = value;
	return true;
}

void
strmap_free(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	memset(m, 0, sizeof(*m));
}
