/*
 * The names check of names.h: the data's shape (struct tmpl_shape, the
 * union of sample data trees) and a walk over a compiled template
 * (mustache_int.h) with a context stack of shapes instead of values.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/similar.h"
#include "tmpl/mustache_int.h"
#include "tmpl/names.h"

struct tmpl_shape {
	bool		 scalar, map, list;
	bool		 closed;
	char		**keys;		/* in the order first seen */
	struct tmpl_shape **vals;
	size_t		 nkeys;
	struct tmpl_shape *item;	/* a list's items, merged */
};

struct tmpl_shape *
tmpl_shape_new(void)
{
	return xcalloc(1, sizeof(struct tmpl_shape));
}

static struct tmpl_shape *
child(const struct tmpl_shape *s, const char *key, size_t len)
{
	size_t i;

	if (s == NULL)
		return NULL;
	for (i = 0; i < s->nkeys; i++)
		if (strlen(s->keys[i]) == len &&
		    memcmp(s->keys[i], key, len) == 0)
			return s->vals[i];
	return NULL;
}

struct tmpl_shape *
tmpl_shape_get(struct tmpl_shape *s, const char *key)
{
	return child(s, key, strlen(key));
}

void
tmpl_shape_add(struct tmpl_shape *s, const struct tmpl_value *v)
{
	struct tmpl_shape *c;
	size_t i;

	if (v == NULL)
		return;
	switch (v->type) {
	case TMPL_LIST:
		s->list = true;
		if (s->item == NULL)
			s->item = tmpl_shape_new();
		for (i = 0; i < v->u.list.n; i++)
			tmpl_shape_add(s->item, v->u.list.items[i]);
		break;
	case TMPL_MAP:
		s->map = true;
		for (i = 0; i < v->u.map.n; i++) {
			const struct tmpl_entry *e = &v->u.map.entries[i];

			if ((c = child(s, e->key, e->len)) == NULL) {
				s->keys = xreallocarray(s->keys, s->nkeys + 1,
				    sizeof(*s->keys));
				s->vals = xreallocarray(s->vals, s->nkeys + 1,
				    sizeof(*s->vals));
				s->keys[s->nkeys] = xstrndup(e->key, e->len);
				c = s->vals[s->nkeys++] = tmpl_shape_new();
			}
			tmpl_shape_add(c, e->value);
		}
		break;
	default:
		s->scalar = true;
		break;
	}
}

void
tmpl_shape_remove(struct tmpl_shape *s, const char *key)
{
	size_t i;

	for (i = 0; i < s->nkeys; i++)
		if (strcmp(s->keys[i], key) == 0) {
			free(s->keys[i]);
			tmpl_shape_free(s->vals[i]);
			memmove(s->keys + i, s->keys + i + 1,
			    (s->nkeys - i - 1) * sizeof(*s->keys));
			memmove(s->vals + i, s->vals + i + 1,
			    (s->nkeys - i - 1) * sizeof(*s->vals));
			s->nkeys--;
			return;
		}
}

void
tmpl_shape_close(struct tmpl_shape *s)
{
	size_t i;

	s->closed = true;
	for (i = 0; i < s->nkeys; i++)
		tmpl_shape_close(s->vals[i]);
	if (s->item != NULL)
		tmpl_shape_close(s->item);
}

static void
names(const struct tmpl_shape *s, struct buf *prefix, struct buf *out)
{
	size_t i, len = prefix->len;

	for (i = 0; i < s->nkeys; i++) {
		buf_puts(prefix, s->keys[i]);
		if (s->vals[i]->list)
			buf_puts(prefix, "[]");
		buf_printf(out, "%s\n", buf_str(prefix));
		buf_putc(prefix, '.');
		names(s->vals[i], prefix, out);
		if (s->vals[i]->item != NULL)
			names(s->vals[i]->item, prefix, out);
		prefix->len = len;
	}
}

void
tmpl_shape_names(const struct tmpl_shape *s, struct buf *out)
{
	struct buf prefix = BUF_INIT;

	names(s, &prefix, out);
	buf_free(&prefix);
}

void
tmpl_shape_free(struct tmpl_shape *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nkeys; i++) {
		free(s->keys[i]);
		tmpl_shape_free(s->vals[i]);
	}
	free(s->keys);
	free(s->vals);
	tmpl_shape_free(s->item);
	free(s);
}

/* ---------------------------------------------------------------- walk */

/* A context whose keys are not known: every name inside it passes. */
static const struct tmpl_shape any;

struct walk {
	const struct tmpl	*t;
	const struct tmpl_shape	**stack;
	size_t			 n, cap;
	const struct tm_unit	**chain;	/* units being walked */
	size_t			 nchain;
	bool			**reported;	/* [unit][node] */
	const char *const	*maybe;
	const char		*what;
	enum diag_level		 level;
	size_t			 count;
};

static void
push(struct walk *w, const struct tmpl_shape *s)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->stack = xreallocarray(w->stack, w->cap, sizeof(*w->stack));
	}
	w->stack[w->n++] = s;
}

/* A key of a context: its own, or its items' when it is a list. */
static const struct tmpl_shape *
ctx_child(const struct tmpl_shape *s, const char *key, size_t len)
{
	const struct tmpl_shape *c = child(s, key, len);

	if (c == NULL && s->item != NULL)
		c = child(s->item, key, len);
	return c;
}

static bool
in_maybe(const struct walk *w, const char *key, size_t len)
{
	const char *const *m;

	for (m = w->maybe; m != NULL && *m != NULL; m++)
		if (strlen(*m) == len && memcmp(*m, key, len) == 0)
			return true;
	return false;
}

/* The nearest name to the tag's among those of one context. */
struct near {
	const char	*name;		/* the tag's, dotted */
	size_t		 len;
	const char	*last;		/* its last part */
	size_t		 last_len;
	struct buf	 best;
	size_t		 score;
};

static size_t
last_part(const char *s, size_t len)
{
	size_t i = len;

	while (i > 0 && s[i - 1] != '.')
		i--;
	return i;
}

static void
near_consider(struct near *nr, const char *cand, size_t len)
{
	size_t at = last_part(cand, len), d, d2;

	if (len == nr->len && memcmp(cand, nr->name, len) == 0)
		return;
	if (same_words(nr->last, nr->last_len, cand + at, len - at))
		d = 1;
	else {
		d = text_distance(nr->name, nr->len, cand, len);
		d2 = text_distance(nr->last, nr->last_len, cand + at,
		    len - at);
		if (d2 != SIZE_MAX && d2 + 1 < d)
			d = d2 + 1;
	}
	if (d < nr->score || (d == nr->score && len < nr->best.len)) {
		nr->score = d;
		buf_reset(&nr->best);
		buf_put(&nr->best, cand, len);
	}
}

static void
near_walk(struct near *nr, const struct tmpl_shape *s, struct buf *path,
    int depth)
{
	size_t i, len = path->len;

	if (depth > 3)
		return;
	for (i = 0; i < s->nkeys; i++) {
		/* the labels only for a name among them: {{t.x}} */
		if (depth == 0 && s->vals[i]->closed && s->vals[i]->map &&
		    !(nr->len > strlen(s->keys[i]) &&
		    strncmp(nr->name, s->keys[i], strlen(s->keys[i])) == 0 &&
		    nr->name[strlen(s->keys[i])] == '.'))
			continue;
		buf_puts(path, s->keys[i]);
		near_consider(nr, path->data, path->len);
		if (s->vals[i]->map) {
			buf_putc(path, '.');
			near_walk(nr, s->vals[i], path, depth + 1);
		}
		path->len = len;
	}
	if (depth == 0 && s->item != NULL)
		near_walk(nr, s->item, path, depth);
}

/* Reports the tag n of u, once. */
static void
report(struct walk *w, const struct tm_unit *u, const struct tm_node *n,
    const struct buf *name)
{
	static const char *const open[] = { "", "{{", "{{{", "{{#", "{{^" };
	static const char *const close[] = { "", "}}", "}}}", "}}", "}}" };
	struct buf shown = BUF_INIT, path = BUF_INIT;
	struct near nr;
	size_t ui, i, threshold;

	for (ui = 0; w->t->units[ui] != u; ui++)
		;
	if (w->reported[ui][n - u->nodes])
		return;
	w->reported[ui][n - u->nodes] = true;
	memset(&nr, 0, sizeof(nr));
	nr.name = name->data;
	nr.len = name->len;
	i = last_part(name->data, name->len);
	nr.last = name->data + i;
	nr.last_len = name->len - i;
	nr.score = SIZE_MAX;
	for (i = w->n; i-- > 0;)
		if (w->stack[i] != &any)
			near_walk(&nr, w->stack[i], &path, 0);
	threshold = nr.last_len >= 8 ? 3 : nr.last_len >= 4 ? 2 :
	    nr.last_len >= 2 ? 1 : 0;
	tm_shown(&shown, name->data, name->len);
	if (nr.score <= threshold)
		diag(w->level, u->path, n->line, NULL, NULL, "column %d: "
		    "%s%s%s: no such name in the data of %s (did you mean %s?)",
		    n->col, open[n->kind], buf_str(&shown), close[n->kind],
		    w->what, buf_str(&nr.best));
	else
		diag(w->level, u->path, n->line, NULL, NULL, "column %d: "
		    "%s%s%s: no such name in the data of %s", n->col,
		    open[n->kind], buf_str(&shown), close[n->kind], w->what);
	w->count++;
	buf_free(&shown);
	buf_free(&path);
	buf_free(&nr.best);
}

/*
 * The shape the name of n gives, the way Mustache looks it up: the first
 * part in the innermost context that has it, the others inside that.
 * An unknown name is reported (unless maybe says it may be there) and
 * gives the shape that lets everything through.
 */
static const struct tmpl_shape *
resolve(struct walk *w, const struct tm_unit *u, const struct tm_node *n)
{
	const struct tm_key *k;
	const struct tmpl_shape *s = NULL, *at = NULL;
	struct buf name = BUF_INIT;
	size_t i, j = 0;
	bool all_maybe = true;

	if (n->nkeys == 0)
		return w->n > 0 ? w->stack[w->n - 1] : &any;
	k = &u->keys[n->key];
	for (i = w->n; i-- > 0;) {
		if (w->stack[i] == &any)
			return &any;
		if ((s = ctx_child(w->stack[i], u->pool + k->off,
		    k->len)) != NULL)
			break;
	}
	if (s != NULL)
		for (j = 1; j < n->nkeys; j++) {
			at = s;
			if ((s = ctx_child(s, u->pool + k[j].off,
			    k[j].len)) == NULL)
				break;
		}
	if (s != NULL)
		return s;
	for (i = 0; i < n->nkeys; i++) {
		if (!in_maybe(w, u->pool + k[i].off, k[i].len))
			all_maybe = false;
		buf_printf(&name, "%s%.*s", i > 0 ? "." : "", (int)k[i].len,
		    u->pool + k[i].off);
	}
	if (!all_maybe || (at != NULL && at->closed))
		report(w, u, n, &name);
	buf_free(&name);
	return &any;
}

static void walk_nodes(struct walk *, const struct tm_unit *, size_t, size_t);

static void
walk_unit(struct walk *w, const struct tm_unit *u)
{
	size_t i;

	for (i = 0; i < w->nchain; i++)
		if (w->chain[i] == u)
			return;	/* recursion: on this path already */
	if (w->nchain >= TMPL_MAX_DEPTH)
		return;
	w->chain[w->nchain++] = u;
	walk_nodes(w, u, 0, u->nnodes);
	w->nchain--;
}

static void
walk_nodes(struct walk *w, const struct tm_unit *u, size_t begin, size_t end)
{
	const struct tm_node *n;
	const struct tmpl_shape *s;
	size_t i = begin;

	while (i < end) {
		n = &u->nodes[i];
		switch (n->kind) {
		case TM_TEXT:
			i++;
			break;
		case TM_VAR:
		case TM_RAW:
			(void)resolve(w, u, n);
			i++;
			break;
		case TM_SECTION:
			s = resolve(w, u, n);
			push(w, s);
			walk_nodes(w, u, i + 1, n->end);
			w->n--;
			i = n->end;
			break;
		case TM_INVERTED:
			(void)resolve(w, u, n);
			walk_nodes(w, u, i + 1, n->end);
			i = n->end;
			break;
		case TM_PARTIAL:
			if (n->target != NONE)
				walk_unit(w, w->t->units[n->target]);
			i++;
			break;
		case TM_PARENT:
			/* the parent with any of its blocks, and the blocks
			 * given here: all of it may be expanded */
			if (n->target != NONE)
				walk_unit(w, w->t->units[n->target]);
			walk_nodes(w, u, i + 1, n->end);
			i = n->end;
			break;
		case TM_BLOCK:
			walk_nodes(w, u, i + 1, n->end);
			i = n->end;
			break;
		}
	}
}

size_t
tmpl_check_names(const struct tmpl *t, const struct tmpl_shape *shape,
    const char *const *maybe, const char *what, enum diag_level level)
{
	struct walk w;
	size_t i;

	memset(&w, 0, sizeof(w));
	w.t = t;
	w.maybe = maybe;
	w.what = what;
	w.level = level;
	w.chain = xcalloc(TMPL_MAX_DEPTH, sizeof(*w.chain));
	w.reported = xcalloc(t->nunits, sizeof(*w.reported));
	for (i = 0; i < t->nunits; i++)
		w.reported[i] = xcalloc(t->units[i]->nnodes ?
		    t->units[i]->nnodes : 1, sizeof(bool));
	push(&w, shape);
	walk_unit(&w, t->units[0]);
	for (i = 0; i < t->nunits; i++)
		free(w.reported[i]);
	free(w.reported);
	free(w.chain);
	free(w.stack);
	return w.count;
}
