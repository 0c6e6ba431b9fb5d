/*
 * The template data tree of mustache.h: values, lists and maps with
 * hashed keys, copies, and how a number is written.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/strmap.h"
#include "tmpl/mustache.h"
#include "tmpl/mustache_int.h"

uint32_t
tm_hash(const char *s, size_t len)
{
	return (uint32_t)strmap_hash(s, len);
}

static struct tmpl_value *
value_new(enum tmpl_type type)
{
	struct tmpl_value *v = xcalloc(1, sizeof(*v));

	v->type = type;
	return v;
}

struct tmpl_value *
tmpl_null_new(void)
{
	return value_new(TMPL_NULL);
}

struct tmpl_value *
tmpl_bool_new(bool b)
{
	struct tmpl_value *v = value_new(TMPL_BOOL);

	v->u.boolean = b;
	return v;
}

struct tmpl_value *
tmpl_number_new(double d)
{
	struct tmpl_value *v = value_new(TMPL_NUMBER);

	v->u.number = d;
	return v;
}

struct tmpl_value *
tmpl_string_newn(const char *s, size_t len)
{
	struct tmpl_value *v = value_new(TMPL_STRING);

	v->u.str.s = xstrndup(s, len);
	v->u.str.len = len;
	return v;
}

struct tmpl_value *
tmpl_string_new(const char *s)
{
	return tmpl_string_newn(s, strlen(s));
}

struct tmpl_value *
tmpl_list_new(void)
{
	return value_new(TMPL_LIST);
}

struct tmpl_value *
tmpl_map_new(void)
{
	return value_new(TMPL_MAP);
}

struct tmpl_value *
tmpl_list_append(struct tmpl_value *list, struct tmpl_value *item)
{
	if (item == NULL)
		item = tmpl_null_new();
	if (list->type != TMPL_LIST) {
		tmpl_value_free(item);
		return NULL;
	}
	if (list->u.list.n == list->u.list.cap) {
		list->u.list.cap = list->u.list.cap ? list->u.list.cap * 2 : 8;
		list->u.list.items = xreallocarray(list->u.list.items,
		    list->u.list.cap, sizeof(*list->u.list.items));
	}
	list->u.list.items[list->u.list.n++] = item;
	return item;
}

void
tmpl_list_append_str(struct tmpl_value *list, const char *s)
{
	tmpl_list_append(list, tmpl_string_new(s));
}

struct tmpl_entry *
tm_map_find(const struct tmpl_value *map, const char *key, size_t len,
    uint32_t hash)
{
	struct tmpl_entry *e = map->u.map.entries;
	size_t i, n = map->u.map.n;

	for (i = 0; i < n; i++)
		if (e[i].hash == hash && e[i].len == len &&
		    memcmp(e[i].key, key, len) == 0)
			return &e[i];
	return NULL;
}

struct tmpl_value *
tmpl_map_set(struct tmpl_value *map, const char *key, struct tmpl_value *value)
{
	size_t len = strlen(key);
	uint32_t hash = tm_hash(key, len);
	struct tmpl_entry *e;

	if (value == NULL)
		value = tmpl_null_new();
	if (map->type != TMPL_MAP) {
		tmpl_value_free(value);
		return NULL;
	}
	if ((e = tm_map_find(map, key, len, hash)) != NULL) {
		if (!e->shared)
			tmpl_value_free(e->value);
		e->value = value;
		e->shared = false;
		return value;
	}
	if (map->u.map.n == map->u.map.cap) {
		map->u.map.cap = map->u.map.cap ? map->u.map.cap * 2 : 8;
		map->u.map.entries = xreallocarray(map->u.map.entries,
		    map->u.map.cap, sizeof(*map->u.map.entries));
	}
	e = &map->u.map.entries[map->u.map.n++];
	e->key = xstrndup(key, len);
	e->len = len;
	e->hash = hash;
	e->value = value;
	e->shared = false;
	return value;
}

void
tmpl_map_set_shared(struct tmpl_value *map, const char *key,
    const struct tmpl_value *value)
{
	struct tmpl_entry *e;
	size_t len;

	if (map == NULL || map->type != TMPL_MAP || value == NULL)
		return;
	/* a placeholder the map owns, then the shared value in its place */
	tmpl_map_set(map, key, tmpl_null_new());
	len = strlen(key);
	e = tm_map_find(map, key, len, tm_hash(key, len));
	tmpl_value_free(e->value);
	e->value = (struct tmpl_value *)value;
	e->shared = true;
}

void
tmpl_map_set_str(struct tmpl_value *map, const char *key, const char *s)
{
	tmpl_map_set(map, key, tmpl_string_new(s));
}

void
tmpl_map_set_strn(struct tmpl_value *map, const char *key, const char *s,
    size_t len)
{
	tmpl_map_set(map, key, tmpl_string_newn(s, len));
}

void
tmpl_map_set_num(struct tmpl_value *map, const char *key, double d)
{
	tmpl_map_set(map, key, tmpl_number_new(d));
}

void
tmpl_map_set_bool(struct tmpl_value *map, const char *key, bool b)
{
	tmpl_map_set(map, key, tmpl_bool_new(b));
}

struct tmpl_value *
tmpl_map_set_list(struct tmpl_value *map, const char *key)
{
	return tmpl_map_set(map, key, tmpl_list_new());
}

struct tmpl_value *
tmpl_map_set_map(struct tmpl_value *map, const char *key)
{
	return tmpl_map_set(map, key, tmpl_map_new());
}

enum tmpl_type
tmpl_value_type(const struct tmpl_value *v)
{
	return v == NULL ? TMPL_NULL : v->type;
}

struct tmpl_value *
tmpl_map_get(const struct tmpl_value *map, const char *key)
{
	struct tmpl_entry *e;
	size_t len;

	if (map == NULL || map->type != TMPL_MAP)
		return NULL;
	len = strlen(key);
	e = tm_map_find(map, key, len, tm_hash(key, len));
	return e != NULL ? e->value : NULL;
}

size_t
tmpl_list_len(const struct tmpl_value *v)
{
	return v != NULL && v->type == TMPL_LIST ? v->u.list.n : 0;
}

const char *
tmpl_string(const struct tmpl_value *v)
{
	return v != NULL && v->type == TMPL_STRING ? v->u.str.s : "";
}

struct tmpl_value *
tmpl_value_copy(const struct tmpl_value *v)
{
	struct tmpl_value *c;
	size_t i;

	if (v == NULL)
		return tmpl_null_new();
	switch (v->type) {
	case TMPL_BOOL:
		return tmpl_bool_new(v->u.boolean);
	case TMPL_NUMBER:
		return tmpl_number_new(v->u.number);
	case TMPL_STRING:
		return tmpl_string_newn(v->u.str.s, v->u.str.len);
	case TMPL_LIST:
		c = tmpl_list_new();
		for (i = 0; i < v->u.list.n; i++)
			tmpl_list_append(c, tmpl_value_copy(v->u.list.items[i]));
		return c;
	case TMPL_MAP:
		c = tmpl_map_new();
		for (i = 0; i < v->u.map.n; i++)
			if (v->u.map.entries[i].shared)
				tmpl_map_set_shared(c, v->u.map.entries[i].key,
				    v->u.map.entries[i].value);
			else
				tmpl_map_set(c, v->u.map.entries[i].key,
				    tmpl_value_copy(v->u.map.entries[i].value));
		return c;
	default:
		return tmpl_null_new();
	}
}

void
tmpl_value_free(struct tmpl_value *v)
{
	size_t i;

	if (v == NULL)
		return;
	switch (v->type) {
	case TMPL_STRING:
		free(v->u.str.s);
		break;
	case TMPL_LIST:
		for (i = 0; i < v->u.list.n; i++)
			tmpl_value_free(v->u.list.items[i]);
		free(v->u.list.items);
		break;
	case TMPL_MAP:
		for (i = 0; i < v->u.map.n; i++) {
			free(v->u.map.entries[i].key);
			if (!v->u.map.entries[i].shared)
				tmpl_value_free(v->u.map.entries[i].value);
		}
		free(v->u.map.entries);
		break;
	default:
		break;
	}
	free(v);
}

/*
 * Integers up to 1e21 in full, like JavaScript; other numbers with the
 * fewest significant digits that read back as the same double.  %.15g is
 * that whenever it reads back (a decimal of 15 digits or fewer survives
 * the trip through a double), so at most three tries.  printf and strtod
 * run in the C locale (the program never calls setlocale).
 */
void
tmpl_format_number(struct buf *b, double d)
{
	char s[40], *p;
	unsigned long long u;
	int prec;

	if (isnan(d)) {
		buf_puts(b, "NaN");
		return;
	}
	if (isinf(d)) {
		buf_puts(b, d < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (d == trunc(d) && fabs(d) < 1e15) {
		/* The common case, without printf. */
		p = s + sizeof(s);
		u = (unsigned long long)fabs(d);
		do {
			*--p = (char)('0' + u % 10);
			u /= 10;
		} while (u > 0);
		if (d < 0)
			*--p = '-';
		buf_put(b, p, (size_t)(s + sizeof(s) - p));
		return;
	}
	if (d == trunc(d) && fabs(d) < 1e21) {
		snprintf(s, sizeof(s), "%.0f", d);
		buf_puts(b, s);
		return;
	}
	for (prec = 15; prec < 17; prec++) {
		snprintf(s, sizeof(s), "%.*g", prec, d);
		if (strtod(s, NULL) == d)
			break;
	}
	if (prec == 17)
		snprintf(s, sizeof(s), "%.17g", d);
	buf_puts(b, s);
}

bool
tm_truthy(const struct tmpl_value *v)
{
	if (v == NULL)
		return false;
	switch (v->type) {
	case TMPL_NULL:
		return false;
	case TMPL_BOOL:
		return v->u.boolean;
	case TMPL_NUMBER:
		return v->u.number != 0 && !isnan(v->u.number);
	case TMPL_STRING:
		return v->u.str.len > 0;
	case TMPL_LIST:
		return v->u.list.n > 0;
	case TMPL_MAP:
	default:
		return true;
	}
}

