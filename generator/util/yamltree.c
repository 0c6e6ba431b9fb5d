/*
 * Loading YAML into the ynode tree of yamltree.h with libyaml's event
 * parser.  Anchors and aliases are refused (a policy has no use for them,
 * and they are how "billion laughs" documents grow), and so are documents
 * deeper than YAML_MAX_DEPTH or larger than YAML_MAX_NODES nodes.
 */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/strmap.h"
#include "util/yamltree.h"

struct loader {
	yaml_parser_t	 parser;
	const char	*file;
	long		 offset;
	size_t		 nodes;
	bool		 failed;
};

static struct ynode *
node_new(struct loader *ld, enum ynode_type type, const yaml_mark_t *mark)
{
	struct ynode *n = xcalloc(1, sizeof(*n));

	n->type = type;
	n->file = ld->file;
	n->line = (long)mark->line + 1 + ld->offset;
	ld->nodes++;
	return n;
}

static void
map_append(struct ynode *map, struct ynode *key, struct ynode *value)
{
	map->keys = xgrowarray(map->keys, map->n, sizeof(*map->keys));
	map->items = xgrowarray(map->items, map->n,
	    sizeof(*map->items));
	map->keys[map->n] = key;
	map->items[map->n] = value;
	map->n++;
}

void
ytree_map_set(struct ynode *map, struct ynode *key, struct ynode *value)
{
	size_t i;

	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->scalar, key->scalar) == 0) {
			ytree_free(map->keys[i]);
			ytree_free(map->items[i]);
			map->keys[i] = key;
			map->items[i] = value;
			return;
		}
	map_append(map, key, value);
}

static void
fail(struct loader *ld, long line, const char *what, const char *value)
{
	if (!ld->failed)
		diag(DIAG_ERROR, ld->file, line, NULL, value, "%s", what);
	ld->failed = true;
}

static struct ynode *load_node(struct loader *, yaml_event_t *, int);

static bool
next_event(struct loader *ld, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&ld->parser, ev)) {
		const char *problem = ld->parser.problem != NULL ?
		    ld->parser.problem : "YAML syntax error";

		fail(ld, (long)ld->parser.problem_mark.line + 1 + ld->offset,
		    "YAML syntax error", problem);
		return false;
	}
	return true;
}

/* Loads the node that starts with ev (which it deletes). */
static struct ynode *
load_node(struct loader *ld, yaml_event_t *ev, int depth)
{
	struct ynode *n = NULL, *key, *value;
	struct strmap seen = { NULL, 0, 0 };	/* a mapping's keys */
	yaml_event_t sub;
	size_t existing;
	long line = (long)ev->start_mark.line + 1 + ld->offset;

	if (depth > YAML_MAX_DEPTH || ld->nodes > YAML_MAX_NODES) {
		fail(ld, line, depth > YAML_MAX_DEPTH ?
		    "YAML nested too deeply" : "YAML document too large", NULL);
		yaml_event_delete(ev);
		return NULL;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		fail(ld, line, "YAML aliases are not supported", NULL);
		break;
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor != NULL) {
			fail(ld, line, "YAML anchors are not supported", NULL);
			break;
		}
		n = node_new(ld, Y_SCALAR, &ev->start_mark);
		n->scalar = xstrndup((char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		break;
	case YAML_SEQUENCE_START_EVENT:
		n = node_new(ld, Y_SEQUENCE, &ev->start_mark);
		for (;;) {
			if (!next_event(ld, &sub))
				goto bad;
			if (sub.type == YAML_SEQUENCE_END_EVENT) {
				yaml_event_delete(&sub);
				break;
			}
			if ((value = load_node(ld, &sub, depth + 1)) == NULL)
				goto bad;
			n->items = xgrowarray(n->items, n->n,
			    sizeof(*n->items));
			n->items[n->n++] = value;
		}
		break;
	case YAML_MAPPING_START_EVENT:
		n = node_new(ld, Y_MAPPING, &ev->start_mark);
		for (;;) {
			if (!next_event(ld, &sub))
				goto bad;
			if (sub.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&sub);
				break;
			}
			if ((key = load_node(ld, &sub, depth + 1)) == NULL)
				goto bad;
			if (key->type != Y_SCALAR) {
				fail(ld, key->line, "a key must be plain text",
				    NULL);
				ytree_free(key);
				goto bad;
			}
			/* a hash of the keys: a long mapping stays linear */
			if (!strmap_put(&seen, key->scalar, strlen(key->scalar),
			    n->n, &existing)) {
				fail(ld, key->line, "key given twice",
				    key->scalar);
				ytree_free(key);
				goto bad;
			}
			if (!next_event(ld, &sub)) {
				ytree_free(key);
				goto bad;
			}
			if ((value = load_node(ld, &sub, depth + 1)) == NULL) {
				ytree_free(key);
				goto bad;
			}
			map_append(n, key, value);
		}
		break;
	default:
		fail(ld, line, "unexpected YAML structure", NULL);
		break;
	}
	yaml_event_delete(ev);
	strmap_free(&seen);
	return n;
bad:
	yaml_event_delete(ev);
	strmap_free(&seen);
	ytree_free(n);
	return NULL;
}

struct ynode *
ytree_parse(const char *file, const char *text, size_t len, long offset)
{
	struct loader ld;
	yaml_event_t ev;
	struct ynode *root = NULL;
	yaml_mark_t start = { 0, 0, 0 };

	memset(&ld, 0, sizeof(ld));
	ld.file = file;
	ld.offset = offset;
	yaml_parser_initialize(&ld.parser);
	yaml_parser_set_input_string(&ld.parser, (const unsigned char *)text,
	    len);
	for (;;) {
		if (!next_event(&ld, &ev))
			break;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_STREAM_START_EVENT ||
		    ev.type == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&ev);
			if (root != NULL) {
				fail(&ld, (long)ld.parser.mark.line + 1 + offset,
				    "more than one YAML document", NULL);
				break;
			}
			if (!next_event(&ld, &ev))
				break;
			if ((root = load_node(&ld, &ev, 0)) == NULL)
				break;
			continue;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&ld.parser);
	if (ld.failed) {
		ytree_free(root);
		return NULL;
	}
	if (root == NULL || (root->type == Y_SCALAR && root->scalar[0] == '\0'
	    && root->plain)) {
		ytree_free(root);
		root = node_new(&ld, Y_MAPPING, &start);
	}
	return root;
}

void
ytree_free(struct ynode *n)
{
	size_t i;

	if (n == NULL || n->shared)
		return;
	for (i = 0; i < n->n; i++) {
		ytree_free(n->items[i]);
		if (n->keys != NULL)
			ytree_free(n->keys[i]);
	}
	free(n->items);
	free(n->keys);
	free(n->scalar);
	free(n);
}

struct ynode *
ytree_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (map == NULL || map->type != Y_MAPPING)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->scalar, key) == 0)
			return map->items[i];
	return NULL;
}

bool
ytree_is_null(const struct ynode *n)
{
	return n == NULL || (n->type == Y_SCALAR && n->plain &&
	    (n->scalar[0] == '\0' || strcmp(n->scalar, "~") == 0 ||
	    strcmp(n->scalar, "null") == 0 || strcmp(n->scalar, "Null") == 0 ||
	    strcmp(n->scalar, "NULL") == 0));
}

/* The capacity xgrowarray() has given an array after n appends. */
static size_t
grown_capacity(size_t n)
{
	size_t cap = 16;

	while (cap < n)
		cap *= 2;
	return n == 0 ? 0 : cap;
}

void
ytree_share(struct ynode *n)
{
	size_t i;

	if (n == NULL)
		return;
	n->shared = true;
	for (i = 0; i < n->n; i++) {
		ytree_share(n->items[i]);
		if (n->keys != NULL)
			ytree_share(n->keys[i]);
	}
}

struct ynode *
ytree_copy_top(const struct ynode *n)
{
	struct ynode *c = xcalloc(1, sizeof(*c));
	size_t cap;

	*c = *n;
	c->shared = false;
	c->scalar = n->scalar != NULL ? xstrdup(n->scalar) : NULL;
	c->items = c->keys = NULL;
	/* room as appends would have left it, so that ytree_map_set()
	 * can go on appending */
	if ((cap = grown_capacity(n->n)) > 0) {
		c->items = xreallocarray(NULL, cap, sizeof(*c->items));
		memcpy(c->items, n->items, n->n * sizeof(*c->items));
		if (n->keys != NULL) {
			c->keys = xreallocarray(NULL, cap, sizeof(*c->keys));
			memcpy(c->keys, n->keys, n->n * sizeof(*c->keys));
		}
	}
	return c;
}

struct ynode *
ytree_new_mapping(const char *file, long line)
{
	struct ynode *n = xcalloc(1, sizeof(*n));

	n->type = Y_MAPPING;
	n->file = file;
	n->line = line;
	return n;
}

const char *
ytree_text(const struct ynode *n)
{
	return n != NULL && n->type == Y_SCALAR ? n->scalar : NULL;
}

int
ytree_index(const char *s, const char *const *list)
{
	int i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(s, list[i]) == 0)
			return i;
	return -1;
}

/* ---- schema checks: each reports at the node and returns false ---- */

bool
ytree_error(const struct ynode *n, const char *path, const char *fmt,
    const char *what)
{
	diag(DIAG_ERROR, n->file, n->line, path,
	    n->type == Y_SCALAR ? n->scalar : NULL, fmt, what);
	return false;
}

bool
ytree_check_keys(const struct ynode *map, const char *path,
    const char *const *allowed)
{
	struct buf b = BUF_INIT;
	bool ok = true;
	size_t i;

	for (i = 0; i < map->n; i++)
		if (ytree_index(map->keys[i]->scalar, allowed) < 0) {
			buf_reset(&b);
			buf_printf(&b, "%s%s%s", path, *path ? "." : "",
			    map->keys[i]->scalar);
			diag(DIAG_ERROR, map->keys[i]->file,
			    map->keys[i]->line, b.data, NULL,
			    "unknown key (a typo?)");
			ok = false;
		}
	buf_free(&b);
	return ok;
}

bool
ytree_want_type(const struct ynode *n, const char *path, enum ynode_type t)
{
	static const char *const names[] = { "a single value", "a list",
	    "a mapping (key: value)" };

	if (n->type == t)
		return true;
	return ytree_error(n, path, "expected %s", names[t]);
}

bool
ytree_get_choice(const struct ynode *n, const char *path,
    const char *const *list, int *v)
{
	struct buf b = BUF_INIT;
	int i;

	if (!ytree_want_type(n, path, Y_SCALAR))
		return false;
	if ((i = ytree_index(n->scalar, list)) >= 0) {
		*v = i;
		return true;
	}
	for (i = 0; list[i] != NULL; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", list[i]);
	ytree_error(n, path, "expected one of: %s", b.data);
	buf_free(&b);
	return false;
}

const char *
ytree_scalar(const struct ynode *map, const char *key, bool *ok)
{
	const struct ynode *v = ytree_get(map, key);

	if (v == NULL || ytree_is_null(v))
		return NULL;
	if (!ytree_want_type(v, key, Y_SCALAR)) {
		*ok = false;
		return NULL;
	}
	return v->scalar;
}
