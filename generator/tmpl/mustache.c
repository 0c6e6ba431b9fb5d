/*
 * The Mustache engine of mustache.h: the template data tree, the compiler
 * and the renderer.
 *
 * Compiling a template (or partial) takes three passes over its text:
 *
 * 1. tokenize: find every tag, following delimiter changes, and check its
 *    name;
 * 2. pair the tags (sections, inverted sections, parents and blocks with
 *    their end tags) and decide which are "standalone", that is which
 *    take their line's indentation and line ending out of the text;
 * 3. build the nodes: one flat array per template in which a section
 *    (parent, block) is followed by its content, and records the index
 *    just past it, so that rendering is a loop over an array that never
 *    looks at the template text again.
 *
 * Partials and parents are compiled once per name, whatever the number of
 * tags that use them, and referred to by index: a partial that includes
 * itself is a loop at render time, bounded by TMPL_MAX_DEPTH.
 *
 * Whitespace follows the spec and its notes on inheritance
 * (mustache/spec specs/whitespace.md): a standalone partial, parent or
 * block indents every line its expansion writes from template text (not
 * the lines inside data values); a block that starts at the end of its
 * line has an "intrinsic indentation", taken from its first content line,
 * which is removed from its content here and given back where the block
 * is expanded.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/strmap.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/utf8.h"
#include "tmpl/md_escape.h"
#include "tmpl/mustache.h"

#define NONE	((size_t)-1)

/* ================================================================ data */

struct tmpl_entry {
	char			*key;
	size_t			 len;
	uint32_t		 hash;
	struct tmpl_value	*value;
};

struct tmpl_value {
	enum tmpl_type	 type;
	union {
		bool	 boolean;
		double	 number;
		struct {
			char	*s;
			size_t	 len;
		} str;
		struct {
			struct tmpl_value **items;
			size_t	 n, cap;
		} list;
		struct {
			struct tmpl_entry *entries;
			size_t	 n, cap;
		} map;
	} u;
};

/* FNV-1a: map keys and the names in templates carry it, so that a lookup
 * compares one word before it compares bytes. */
static uint32_t
hash_bytes(const char *s, size_t len)
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

static struct tmpl_entry *
map_find(const struct tmpl_value *map, const char *key, size_t len,
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
	uint32_t hash = hash_bytes(key, len);
	struct tmpl_entry *e;

	if (value == NULL)
		value = tmpl_null_new();
	if (map->type != TMPL_MAP) {
		tmpl_value_free(value);
		return NULL;
	}
	if ((e = map_find(map, key, len, hash)) != NULL) {
		tmpl_value_free(e->value);
		e->value = value;
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
	return value;
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
	e = map_find(map, key, len, hash_bytes(key, len));
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

static bool
value_truthy(const struct tmpl_value *v)
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

/* ============================================================ compiled */

enum tm_kind {
	TM_TEXT,	/* pool bytes */
	TM_VAR,		/* {{name}}: escaped */
	TM_RAW,		/* {{{name}}}, {{&name}} */
	TM_SECTION,	/* {{#name}} content {{/name}} */
	TM_INVERTED,	/* {{^name}} content {{/name}} */
	TM_PARTIAL,	/* {{>name}} */
	TM_PARENT,	/* {{<name}} argument blocks {{/name}} */
	TM_BLOCK	/* {{$name}} default content {{/name}} */
};

/* One part of a dotted name, in the unit's pool. */
struct tm_key {
	size_t		 off;
	size_t		 len;
	uint32_t	 hash;
};

struct tm_node {
	enum tm_kind	 kind;
	bool		 standalone;	/* PARTIAL, PARENT, BLOCK: indents */
	size_t		 end;		/* SECTION..BLOCK: index past content */
	size_t		 off, len;	/* TEXT: bytes; others: indent */
	size_t		 key, nkeys;	/* VAR..INVERTED: name ("." none) */
	size_t		 target;	/* PARTIAL, PARENT: unit; BLOCK: id */
	long		 line;
	int		 col;
};

struct tm_unit {
	char		*name;		/* as the tags say it */
	char		*path;		/* for messages */
	struct tm_node	*nodes;
	size_t		 nnodes;
	struct tm_key	*keys;
	char		*pool;
	/* The first tag that asked for it, for "unknown partial". */
	const struct tm_unit *ref_unit;
	long		 ref_line;
	int		 ref_col;
	enum tm_kind	 ref_kind;
};

struct tmpl {
	struct tm_unit	**units;	/* [0] is the template itself */
	size_t		  nunits;
	char		**blocks;	/* block names; a node has the index */
	size_t		  nblocks;
	enum tmpl_escape  escape;
};

static void
unit_free(struct tm_unit *u)
{
	if (u == NULL)
		return;
	free(u->name);
	free(u->path);
	free(u->nodes);
	free(u->keys);
	free(u->pool);
	free(u);
}

void
tmpl_free(struct tmpl *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nunits; i++)
		unit_free(t->units[i]);
	for (i = 0; i < t->nblocks; i++)
		free(t->blocks[i]);
	free(t->units);
	free(t->blocks);
	free(t);
}

static struct tm_unit *
unit_add(struct tmpl *t, const char *name, size_t len)
{
	struct tm_unit *u = xcalloc(1, sizeof(*u));

	u->name = xstrndup(name, len);
	t->units = xreallocarray(t->units, t->nunits + 1, sizeof(*t->units));
	t->units[t->nunits++] = u;
	return u;
}

/* ============================================================ compiler */

enum tm_tag {
	TAG_VAR, TAG_RAW, TAG_SECTION, TAG_INVERTED, TAG_END, TAG_PARTIAL,
	TAG_PARENT, TAG_BLOCK, TAG_COMMENT, TAG_DELIM
};

struct tm_token {
	enum tm_tag	 tag;
	size_t		 start, end;	/* the tag, delimiters included */
	size_t		 name, name_len;	/* its content, trimmed */
	long		 line;
	int		 col;
	size_t		 match;		/* an open tag's end tag, and back */
	size_t		 cut_start, cut_end;	/* the text the tag takes */
	bool		 argument;	/* BLOCK directly inside a PARENT */
	bool		 standalone;	/* PARTIAL, PARENT, BLOCK: indents */
	bool		 at_eol;	/* BLOCK: has intrinsic indentation */
};

/* Text ranges: whitespace to strip (intrinsic indentation). */
struct tm_range {
	size_t		 off, len;
};

/* An open section while building nodes. */
struct tm_open {
	size_t		 tok;
	size_t		 node;		/* NONE: inside a parent, ignored */
	bool		 live;		/* its content makes nodes */
	bool		 strips;	/* pushed an intrinsic indentation */
};

#define TM_MAX_DELIM	32

struct compiler {
	struct tmpl	*t;
	struct tm_unit	*unit;
	const char	*src;
	size_t		 len;
	struct tm_token	*toks;
	size_t		 ntoks, captoks;
	struct tm_node	*nodes;
	size_t		 nnodes, capnodes;
	struct tm_key	*keys;
	size_t		 nkeys, capkeys;
	struct buf	 pool;
	struct tm_range	*strips;
	size_t		 nstrips, capstrips;
	size_t		 last_text;	/* a TEXT node more text may join */
	int		 errors;
};

static void
cerror(struct compiler *c, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
cerror(struct compiler *c, long line, int col, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag(DIAG_ERROR, c->unit->path, line, NULL, NULL, "column %d: %s",
	    col, buf_str(&msg));
	buf_free(&msg);
	c->errors++;
}

/* A tag name or delimiter as it may appear in a message. */
static const char *
shown(struct buf *b, const char *s, size_t len)
{
	buf_reset(b);
	utf8_printable(b, s, len, 40);
	return buf_str(b);
}

static const char *
tag_what(enum tm_tag tag)
{
	switch (tag) {
	case TAG_SECTION:	return "section";
	case TAG_INVERTED:	return "inverted section";
	case TAG_PARENT:	return "parent";
	case TAG_BLOCK:		return "block";
	case TAG_PARTIAL:	return "partial";
	default:		return "tag";
	}
}

static char
tag_sigil(enum tm_tag tag)
{
	switch (tag) {
	case TAG_SECTION:	return '#';
	case TAG_INVERTED:	return '^';
	case TAG_PARENT:	return '<';
	case TAG_BLOCK:		return '$';
	case TAG_PARTIAL:	return '>';
	case TAG_END:		return '/';
	default:		return '?';
	}
}

static bool
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	    ch == '\v' || ch == '\f';
}

/* The first occurrence of the n bytes of needle in hay[0..len), or NULL
 * (memmem is a GNU extension). */
static const char *
find_bytes(const char *hay, size_t len, const char *needle, size_t n)
{
	const char *p = hay, *end = hay + len;

	if (n == 0 || len < n)
		return NULL;
	while ((p = memchr(p, needle[0], (size_t)(end - p) - n + 1)) != NULL) {
		if (memcmp(p, needle, n) == 0)
			return p;
		if (++p > end - n)
			break;
	}
	return NULL;
}

/* Counts the lines between from and to; *line_start follows. */
static void
advance_lines(const char *src, size_t from, size_t to, long *line,
    size_t *line_start)
{
	const char *p = src + from, *end = src + to, *nl;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		(*line)++;
		*line_start = (size_t)(nl - src) + 1;
		p = nl + 1;
	}
}

/* "." or parts separated by single dots. */
static bool
name_valid(const char *s, size_t len)
{
	size_t i;

	if (len == 1 && s[0] == '.')
		return true;
	if (len == 0 || s[0] == '.' || s[len - 1] == '.')
		return false;
	for (i = 1; i < len; i++)
		if (s[i] == '.' && s[i - 1] == '.')
			return false;
	return true;
}

static struct tm_token *
token_add(struct compiler *c)
{
	struct tm_token *tk;

	if (c->ntoks == c->captoks) {
		c->captoks = c->captoks ? c->captoks * 2 : 64;
		c->toks = xreallocarray(c->toks, c->captoks, sizeof(*c->toks));
	}
	tk = &c->toks[c->ntoks++];
	memset(tk, 0, sizeof(*tk));
	tk->match = NONE;
	return tk;
}

/*
 * Reads a delimiter change "{{=<% %>=}}": content is what lies between
 * the two '=' signs.  Returns false (reported) when it is not two
 * sequences of non-blank characters without '='.
 */
static bool
set_delimiters(struct compiler *c, const struct tm_token *tk, size_t cs,
    size_t ce, const char **open, size_t *olen, const char **close,
    size_t *clen)
{
	const char *s = c->src;
	size_t a, a_end, b, b_end, i;
	struct buf tmp = BUF_INIT;

	a = cs;
	while (a < ce && is_blank(s[a]))
		a++;
	a_end = a;
	while (a_end < ce && !is_blank(s[a_end]))
		a_end++;
	b = a_end;
	while (b < ce && is_blank(s[b]))
		b++;
	b_end = b;
	while (b_end < ce && !is_blank(s[b_end]))
		b_end++;
	i = b_end;
	while (i < ce && is_blank(s[i]))
		i++;
	if (a == a_end || b == b_end || i != ce ||
	    memchr(s + a, '=', a_end - a) != NULL ||
	    memchr(s + b, '=', b_end - b) != NULL ||
	    a_end - a > TM_MAX_DELIM || b_end - b > TM_MAX_DELIM) {
		cerror(c, tk->line, tk->col, "bad delimiter change '%s': "
		    "want two delimiters of at most %d characters without "
		    "'=' or blanks, as in {{=<%% %%>=}}",
		    shown(&tmp, s + cs, ce - cs), TM_MAX_DELIM);
		buf_free(&tmp);
		return false;
	}
	*open = s + a;
	*olen = a_end - a;
	*close = s + b;
	*clen = b_end - b;
	return true;
}

/*
 * Pass 1.  Returns false at the first tag that is not closed (nothing
 * after it can be read reliably); other problems are reported (counted in
 * c->errors) and reading goes on.
 */
static bool
tokenize(struct compiler *c)
{
	const char *s = c->src, *open = "{{", *close = "}}", *hit;
	size_t len = c->len, olen = 2, clen = 2, pos = 0, line_start = 0;
	size_t col_at = 0, col = 1;	/* the column at col_at, on this line */
	size_t p, q, cs, ce, want_len;
	char want[TM_MAX_DELIM + 1];
	long line = 1;
	struct tm_token *tk;
	struct buf tmp = BUF_INIT, tmp2 = BUF_INIT;
	enum tm_tag tag;

	for (;;) {
		hit = pos < len ? find_bytes(s + pos, len - pos, open, olen) :
		    NULL;
		if (hit == NULL)
			break;
		p = (size_t)(hit - s);
		advance_lines(s, pos, p, &line, &line_start);
		q = p + olen;
		tag = TAG_VAR;
		if (q < len) {
			switch (s[q]) {
			case '{': tag = TAG_RAW; break;
			case '&': tag = TAG_RAW; break;
			case '#': tag = TAG_SECTION; break;
			case '^': tag = TAG_INVERTED; break;
			case '/': tag = TAG_END; break;
			case '>': tag = TAG_PARTIAL; break;
			case '<': tag = TAG_PARENT; break;
			case '$': tag = TAG_BLOCK; break;
			case '!': tag = TAG_COMMENT; break;
			case '=': tag = TAG_DELIM; break;
			default: break;
			}
		}
		cs = tag == TAG_VAR ? q : q + 1;
		/* {{{name}}} ends with "}" and {{=a b=}} with "=" before the
		 * closing delimiter. */
		want_len = 0;
		if (tag == TAG_RAW && s[q] == '{')
			want[want_len++] = '}';
		else if (tag == TAG_DELIM)
			want[want_len++] = '=';
		memcpy(want + want_len, close, clen);
		want_len += clen;
		tk = token_add(c);
		tk->tag = tag;
		tk->start = p;
		tk->line = line;
		/* Counted on from the last tag of the line, so that a long
		 * line with many tags is not counted again for each. */
		if (col_at < line_start) {
			col_at = line_start;
			col = 1;
		}
		col += utf8_columns(s + col_at, p - col_at);
		col_at = p;
		tk->col = col > INT_MAX ? INT_MAX : (int)col;
		hit = cs <= len ? find_bytes(s + cs, len - cs, want, want_len) :
		    NULL;
		if (hit == NULL) {
			cerror(c, tk->line, tk->col, "'%s' is not closed: no "
			    "'%s' after it", shown(&tmp, open, olen),
			    shown(&tmp2, want, want_len));
			buf_free(&tmp);
			buf_free(&tmp2);
			return false;
		}
		ce = (size_t)(hit - s);
		tk->end = ce + want_len;
		tk->cut_start = tk->start;
		tk->cut_end = tk->end;
		tk->name = cs;
		tk->name_len = ce - cs;
		while (tk->name_len > 0 && is_blank(s[tk->name]))
			tk->name++, tk->name_len--;
		while (tk->name_len > 0 &&
		    is_blank(s[tk->name + tk->name_len - 1]))
			tk->name_len--;

		if (tag == TAG_DELIM) {
			if (!set_delimiters(c, tk, cs, ce, &open, &olen,
			    &close, &clen)) {
				buf_free(&tmp);
				buf_free(&tmp2);
				return false;
			}
		} else if (tag != TAG_COMMENT) {
			const char *n = s + tk->name;
			size_t i;

			if (tk->name_len == 0)
				cerror(c, tk->line, tk->col, "%s without a "
				    "name", tag == TAG_VAR || tag == TAG_RAW ||
				    tag == TAG_END ? "tag" : tag_what(tag));
			else if (find_bytes(n, tk->name_len, open, olen))
				cerror(c, tk->line, tk->col, "'%s' is not "
				    "closed: another tag starts before '%s'",
				    shown(&tmp, open, olen),
				    shown(&tmp2, close, clen));
			else {
				for (i = 0; i < tk->name_len; i++)
					if (is_blank(n[i]))
						break;
				if (i < tk->name_len)
					cerror(c, tk->line, tk->col, "bad "
					    "tag name '%s': names have no "
					    "blanks", shown(&tmp, n,
					    tk->name_len));
				else if (memchr(n, '\0', tk->name_len) != NULL)
					/* units and blocks are found by
					 * their names as C strings */
					cerror(c, tk->line, tk->col, "bad "
					    "tag name '%s': names have no "
					    "NUL bytes", shown(&tmp, n,
					    tk->name_len));
				else if (tag != TAG_PARTIAL &&
				    tag != TAG_PARENT && tag != TAG_BLOCK &&
				    !name_valid(n, tk->name_len))
					cerror(c, tk->line, tk->col, "bad "
					    "name '%s': parts separated by "
					    "single dots, or '.' alone",
					    shown(&tmp, n, tk->name_len));
			}
		}
		advance_lines(s, p, tk->end, &line, &line_start);
		pos = tk->end;
	}
	buf_free(&tmp);
	buf_free(&tmp2);
	return true;
}

static bool
same_name(const struct compiler *c, const struct tm_token *a,
    const struct tm_token *b)
{
	return a->name_len == b->name_len &&
	    memcmp(c->src + a->name, c->src + b->name, a->name_len) == 0;
}

static bool
is_open(enum tm_tag tag)
{
	return tag == TAG_SECTION || tag == TAG_INVERTED ||
	    tag == TAG_PARENT || tag == TAG_BLOCK;
}

/*
 * Pass 2a: pairs open and end tags.  An end tag that closes nothing or
 * the wrong section, and a section left open, are errors; after an end
 * tag that closes an outer section, the inner ones are reported unclosed
 * and reading goes on.
 */
static void
pair_tags(struct compiler *c)
{
	size_t *stack = NULL, n = 0, i, k;
	struct buf tmp = BUF_INIT, tmp2 = BUF_INIT;
	struct tm_token *tk, *op;
	bool deep = false;

	stack = xreallocarray(NULL, TMPL_MAX_NESTING + 1, sizeof(*stack));
	for (i = 0; i < c->ntoks && !deep; i++) {
		tk = &c->toks[i];
		if (n > 0 && c->toks[stack[n - 1]].tag == TAG_PARENT)
			tk->argument = tk->tag == TAG_BLOCK;
		if (is_open(tk->tag)) {
			if (n == TMPL_MAX_NESTING) {
				cerror(c, tk->line, tk->col, "sections nested "
				    "deeper than %d levels", TMPL_MAX_NESTING);
				deep = true;
				break;
			}
			stack[n++] = i;
			continue;
		}
		if (tk->tag != TAG_END)
			continue;
		for (k = n; k > 0; k--)
			if (same_name(c, &c->toks[stack[k - 1]], tk))
				break;
		if (k == 0) {
			if (n == 0)
				cerror(c, tk->line, tk->col, "{{/%s}} closes "
				    "nothing: no section is open",
				    shown(&tmp, c->src + tk->name,
				    tk->name_len));
			else {
				op = &c->toks[stack[n - 1]];
				cerror(c, tk->line, tk->col, "{{/%s}} does not "
				    "close the %s {{%c%s}} opened at line %ld "
				    "column %d", shown(&tmp, c->src + tk->name,
				    tk->name_len), tag_what(op->tag),
				    tag_sigil(op->tag), shown(&tmp2,
				    c->src + op->name, op->name_len),
				    op->line, op->col);
			}
			continue;
		}
		while (n > k) {
			op = &c->toks[stack[--n]];
			cerror(c, op->line, op->col, "%s {{%c%s}} is not "
			    "closed before {{/%s}} at line %ld column %d",
			    tag_what(op->tag), tag_sigil(op->tag),
			    shown(&tmp, c->src + op->name, op->name_len),
			    shown(&tmp2, c->src + tk->name, tk->name_len),
			    tk->line, tk->col);
		}
		op = &c->toks[stack[--n]];
		op->match = i;
		tk->match = stack[n];
	}
	while (!deep && n > 0) {
		op = &c->toks[stack[--n]];
		cerror(c, op->line, op->col, "%s {{%c%s}} is not closed",
		    tag_what(op->tag), tag_sigil(op->tag),
		    shown(&tmp, c->src + op->name, op->name_len));
	}
	free(stack);
	buf_free(&tmp);
	buf_free(&tmp2);
}

/* Where the line of the tag at p starts, or NONE when something other
 * than blanks precedes the tag on its line. */
static size_t
clear_left(const struct compiler *c, size_t p)
{
	while (p > 0 && (c->src[p - 1] == ' ' || c->src[p - 1] == '\t'))
		p--;
	return p == 0 || c->src[p - 1] == '\n' ? p : NONE;
}

/* Where the line after the tag ending at p starts (after its LF or CRLF,
 * or the end of the text), or NONE when something follows the tag. */
static size_t
clear_right(const struct compiler *c, size_t p)
{
	const char *s = c->src;

	while (p < c->len && (s[p] == ' ' || s[p] == '\t'))
		p++;
	if (p == c->len)
		return p;
	if (s[p] == '\n')
		return p + 1;
	if (s[p] == '\r' && p + 1 < c->len && s[p + 1] == '\n')
		return p + 2;
	return NONE;
}

/*
 * Pass 2b: standalone tags.  A tag other than an interpolation that is
 * alone on its line (blanks aside) takes the whole line out of the text,
 * line ending included.  Parents and blocks also pair up:
 *
 * - a parent whose open tag starts its line and whose end tag ends its
 *   line is standalone: it takes both, and indents like a partial;
 * - inside a parent only argument blocks count, so an argument block's
 *   open tag takes its line ending when nothing follows it, and its end
 *   tag takes nothing (what precedes it is the argument);
 * - any other block is standalone when its open tag starts its line and
 *   its end tag ends its line; its open tag's indentation is then the
 *   block's, unless the open tag also ends its line: then the block's
 *   indentation is its first content line's ("intrinsic").
 */
static void
find_standalone(struct compiler *c)
{
	struct tm_token *tk, *end;
	size_t i, l, r, el, er;

	for (i = 0; i < c->ntoks; i++) {
		tk = &c->toks[i];
		switch (tk->tag) {
		case TAG_VAR:
		case TAG_RAW:
			break;
		case TAG_END:
			if (tk->match != NONE &&
			    (c->toks[tk->match].tag == TAG_PARENT ||
			    c->toks[tk->match].tag == TAG_BLOCK))
				break;	/* with its open tag */
			/* FALLTHROUGH */
		case TAG_SECTION:
		case TAG_INVERTED:
		case TAG_PARTIAL:
		case TAG_COMMENT:
		case TAG_DELIM:
			l = clear_left(c, tk->start);
			r = clear_right(c, tk->end);
			if (l != NONE && r != NONE) {
				tk->cut_start = l;
				tk->cut_end = r;
				tk->standalone = true;
			}
			break;
		case TAG_PARENT:
			end = &c->toks[tk->match];
			l = clear_left(c, tk->start);
			er = clear_right(c, end->end);
			if (l != NONE && er != NONE) {
				tk->cut_start = l;
				end->cut_end = er;
				tk->standalone = true;
			}
			break;
		case TAG_BLOCK:
			end = &c->toks[tk->match];
			r = clear_right(c, tk->end);
			if (tk->argument) {
				if (r != NONE) {
					tk->cut_end = r;
					tk->at_eol = true;
				}
				break;
			}
			l = clear_left(c, tk->start);
			el = clear_left(c, end->start);
			er = clear_right(c, end->end);
			if (l != NONE && r != NONE) {
				tk->cut_start = l;
				tk->cut_end = r;
			}
			if (el != NONE && er != NONE) {
				end->cut_start = el;
				end->cut_end = er;
			}
			if (l != NONE && er != NONE) {
				tk->standalone = true;
				tk->cut_start = l;
				tk->at_eol = r != NONE;
			}
			break;
		}
	}
}

static struct tm_node *
node_add(struct compiler *c, enum tm_kind kind, const struct tm_token *tk)
{
	struct tm_node *n;

	if (c->nnodes == c->capnodes) {
		c->capnodes = c->capnodes ? c->capnodes * 2 : 32;
		c->nodes = xreallocarray(c->nodes, c->capnodes,
		    sizeof(*c->nodes));
	}
	n = &c->nodes[c->nnodes++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->end = NONE;
	if (tk != NULL) {
		n->line = tk->line;
		n->col = tk->col;
	}
	c->last_text = NONE;
	return n;
}

/* Skips the intrinsic indentations in force at p, the start of a line in
 * [p, end); returns where the line's text starts. */
static size_t
strip_indent(const struct compiler *c, size_t p, size_t end)
{
	size_t i;
	const struct tm_range *r;

	for (i = 0; i < c->nstrips; i++) {
		r = &c->strips[i];
		if (r->len == 0)
			continue;
		if (end - p < r->len ||
		    memcmp(c->src + p, c->src + r->off, r->len) != 0)
			break;
		p += r->len;
	}
	return p;
}

static void
emit_text(struct compiler *c, size_t a, size_t b)
{
	const char *s = c->src;
	size_t start = c->pool.len, p, nl;
	struct tm_node *n;

	p = a;
	while (p < b) {
		if (c->nstrips > 0 && (p == 0 || s[p - 1] == '\n'))
			p = strip_indent(c, p, b);
		nl = p;
		while (nl < b && s[nl] != '\n')
			nl++;
		if (nl < b)
			nl++;
		buf_put(&c->pool, s + p, nl - p);
		p = nl;
	}
	if (c->pool.len == start)
		return;
	if (c->last_text != NONE) {
		n = &c->nodes[c->last_text];
		n->len += c->pool.len - start;
		return;
	}
	n = node_add(c, TM_TEXT, NULL);
	n->off = start;
	n->len = c->pool.len - start;
	c->last_text = (size_t)(n - c->nodes);
}

/* The blanks in [a, b), less the intrinsic indentations in force, into
 * the pool as the node's indentation. */
static void
set_indent(struct compiler *c, struct tm_node *n, size_t a, size_t b)
{
	a = strip_indent(c, a, b);
	n->off = c->pool.len;
	n->len = b - a;
	buf_put(&c->pool, c->src + a, b - a);
}

static void
set_name(struct compiler *c, struct tm_node *n, const struct tm_token *tk)
{
	const char *s = c->src + tk->name;
	size_t len = tk->name_len, i, part;
	struct tm_key *k;

	n->key = c->nkeys;
	n->nkeys = 0;
	if (len == 1 && s[0] == '.')
		return;
	for (i = 0; i <= len; i = part + 1) {
		part = i;
		while (part < len && s[part] != '.')
			part++;
		if (c->nkeys == c->capkeys) {
			c->capkeys = c->capkeys ? c->capkeys * 2 : 16;
			c->keys = xreallocarray(c->keys, c->capkeys,
			    sizeof(*c->keys));
		}
		k = &c->keys[c->nkeys++];
		k->off = c->pool.len;
		k->len = part - i;
		k->hash = hash_bytes(s + i, part - i);
		buf_put(&c->pool, s + i, part - i);
		n->nkeys++;
	}
}

/* The unit for a partial or parent name, added (to be compiled later)
 * when it is new. */
static size_t
unit_for(struct compiler *c, const struct tm_token *tk, enum tm_kind kind)
{
	struct tmpl *t = c->t;
	const char *name = c->src + tk->name;
	struct tm_unit *u;
	size_t i;

	for (i = 1; i < t->nunits; i++)
		if (strlen(t->units[i]->name) == tk->name_len &&
		    memcmp(t->units[i]->name, name, tk->name_len) == 0)
			return i;
	u = unit_add(t, name, tk->name_len);
	u->ref_unit = c->unit;
	u->ref_line = tk->line;
	u->ref_col = tk->col;
	u->ref_kind = kind;
	return t->nunits - 1;
}

static size_t
block_id(struct tmpl *t, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < t->nblocks; i++)
		if (strlen(t->blocks[i]) == len &&
		    memcmp(t->blocks[i], name, len) == 0)
			return i;
	t->blocks = xreallocarray(t->blocks, t->nblocks + 1,
	    sizeof(*t->blocks));
	t->blocks[t->nblocks] = xstrndup(name, len);
	return t->nblocks++;
}

static void
strip_push(struct compiler *c, size_t off, size_t len)
{
	if (c->nstrips == c->capstrips) {
		c->capstrips = c->capstrips ? c->capstrips * 2 : 8;
		c->strips = xreallocarray(c->strips, c->capstrips,
		    sizeof(*c->strips));
	}
	c->strips[c->nstrips].off = off;
	c->strips[c->nstrips].len = len;
	c->nstrips++;
}

/*
 * The intrinsic indentation of a block whose open tag ends its line: the
 * blanks that start the next line, less the outer blocks' own.
 */
static void
intrinsic_indent(const struct compiler *c, size_t line, size_t *off,
    size_t *len)
{
	size_t w = line;

	while (w < c->len && (c->src[w] == ' ' || c->src[w] == '\t'))
		w++;
	*off = strip_indent(c, line, w);
	*len = w - *off;
}

/* Pass 3. */
static void
build_nodes(struct compiler *c)
{
	struct tm_open *stack;
	size_t nstack = 0, i, prev = 0, off, len;
	struct tm_token *tk;
	struct tm_open *top, *o;
	struct tm_node *n;
	bool live;

	stack = xreallocarray(NULL, TMPL_MAX_NESTING + 1, sizeof(*stack));
	c->last_text = NONE;
	for (i = 0; i < c->ntoks; i++) {
		tk = &c->toks[i];
		top = nstack > 0 ? &stack[nstack - 1] : NULL;
		live = top == NULL || top->live;
		if (live && tk->cut_start > prev)
			emit_text(c, prev, tk->cut_start);
		if (tk->cut_end > prev)
			prev = tk->cut_end;

		switch (tk->tag) {
		case TAG_COMMENT:
		case TAG_DELIM:
			break;
		case TAG_VAR:
		case TAG_RAW:
			if (!live)
				break;
			n = node_add(c, tk->tag == TAG_VAR ? TM_VAR : TM_RAW,
			    tk);
			set_name(c, n, tk);
			break;
		case TAG_PARTIAL:
			if (!live)
				break;
			n = node_add(c, TM_PARTIAL, tk);
			n->target = unit_for(c, tk, TM_PARTIAL);
			n->standalone = tk->standalone;
			if (tk->standalone)
				set_indent(c, n, tk->cut_start, tk->start);
			break;
		case TAG_SECTION:
		case TAG_INVERTED:
		case TAG_PARENT:
		case TAG_BLOCK:
			o = &stack[nstack++];
			o->tok = i;
			o->node = NONE;
			o->live = false;
			o->strips = false;
			if (!live && !(tk->argument && top != NULL &&
			    top->node != NONE))
				break;	/* inside a parent: ignored */
			if (tk->tag == TAG_SECTION || tk->tag == TAG_INVERTED) {
				n = node_add(c, tk->tag == TAG_SECTION ?
				    TM_SECTION : TM_INVERTED, tk);
				set_name(c, n, tk);
				o->live = true;
			} else if (tk->tag == TAG_PARENT) {
				n = node_add(c, TM_PARENT, tk);
				n->target = unit_for(c, tk, TM_PARENT);
				n->standalone = tk->standalone;
				if (tk->standalone)
					set_indent(c, n, tk->cut_start,
					    tk->start);
			} else {
				n = node_add(c, TM_BLOCK, tk);
				n->target = block_id(c->t, c->src + tk->name,
				    tk->name_len);
				n->standalone = tk->standalone;
				o->live = true;
				if (tk->at_eol) {
					intrinsic_indent(c, tk->cut_end,
					    &off, &len);
					strip_push(c, off, len);
					o->strips = true;
					if (tk->standalone) {
						n->off = c->pool.len;
						n->len = len;
						buf_put(&c->pool, c->src + off,
						    len);
					}
				} else if (tk->standalone)
					set_indent(c, n, tk->cut_start,
					    tk->start);
			}
			o->node = (size_t)(n - c->nodes);
			break;
		case TAG_END:
			o = &stack[--nstack];
			if (o->node != NONE)
				c->nodes[o->node].end = c->nnodes;
			if (o->strips)
				c->nstrips--;
			c->last_text = NONE;
			break;
		}
	}
	if (prev < c->len)
		emit_text(c, prev, c->len);
	free(stack);
}

/* Compiles one template or partial into u. */
static bool
compile_unit(struct tmpl *t, struct tm_unit *u, const char *text, size_t len)
{
	struct compiler c;
	bool ok;

	memset(&c, 0, sizeof(c));
	c.t = t;
	c.unit = u;
	c.src = text != NULL ? text : "";
	c.len = text != NULL ? len : 0;
	if (tokenize(&c))
		pair_tags(&c);
	ok = c.errors == 0;
	if (ok) {
		find_standalone(&c);
		build_nodes(&c);
		u->nodes = c.nodes;
		u->nnodes = c.nnodes;
		u->keys = c.keys;
		u->pool = buf_detach(&c.pool);
		c.nodes = NULL;
		c.keys = NULL;
	}
	free(c.toks);
	free(c.nodes);
	free(c.keys);
	free(c.strips);
	buf_free(&c.pool);
	return ok;
}

/* Loads and compiles partial unit i; false when that failed (reported). */
static bool
load_unit(struct tmpl *t, size_t i, struct tmpl_loader *loader)
{
	struct tm_unit *u = t->units[i];
	struct tmpl_source src;
	enum tmpl_load r = TMPL_LOAD_MISSING;
	const char *what = u->ref_kind == TM_PARENT ? "parent" : "partial";

	memset(&src, 0, sizeof(src));
	if (loader != NULL && loader->load != NULL)
		r = loader->load(loader->arg, u->name, &src);
	switch (r) {
	case TMPL_LOAD_OK:
		u->path = xstrdup(src.path != NULL ? src.path : u->name);
		return compile_unit(t, u, src.text, src.len);
	case TMPL_LOAD_MISSING:
		u->path = xstrdup(u->name);
		if (loader != NULL && loader->missing_is_empty)
			return true;	/* renders as nothing */
		{
			struct buf tmp = BUF_INIT;

			diag(DIAG_ERROR, u->ref_unit->path, u->ref_line, NULL,
			    NULL, "column %d: unknown %s '%s'", u->ref_col,
			    what, shown(&tmp, u->name, strlen(u->name)));
			buf_free(&tmp);
		}
		return false;
	case TMPL_LOAD_ERROR:
	default:
		u->path = xstrdup(u->name);
		return false;
	}
}

/*
 * Partials and parents that a unit always expands, whatever the data:
 * those outside sections, inverted sections and blocks (a block's
 * default content may be overridden).  Returns the node index of the
 * next one from *i on, or NONE.
 */
static size_t
next_unconditional(const struct tm_unit *u, size_t *i)
{
	const struct tm_node *n;
	size_t at;

	while (*i < u->nnodes) {
		n = &u->nodes[*i];
		at = *i;
		switch (n->kind) {
		case TM_PARTIAL:
			(*i)++;
			return at;
		case TM_PARENT:
			*i = n->end;
			return at;
		case TM_SECTION:
		case TM_INVERTED:
		case TM_BLOCK:
			*i = n->end;
			break;
		default:
			(*i)++;
			break;
		}
	}
	return NONE;
}

enum { WHITE, GREY, BLACK };

/*
 * The depth of partials that unit ui always nests (0: none), or -1 after
 * reporting a unit that always includes itself, or a nesting deeper than
 * TMPL_MAX_DEPTH.
 */
static int
always_depth(const struct tmpl *t, size_t ui, unsigned char *colour,
    int *depth, int level)
{
	const struct tm_unit *u = t->units[ui];
	const struct tm_node *n;
	size_t i = 0, at;
	int d, best = 0;
	struct buf tmp = BUF_INIT;

	if (colour[ui] == BLACK)
		return depth[ui];
	colour[ui] = GREY;
	while ((at = next_unconditional(u, &i)) != NONE) {
		n = &u->nodes[at];
		if (colour[n->target] == GREY) {
			diag(DIAG_ERROR, u->path, n->line, NULL, NULL,
			    "column %d: %s '%s' always includes itself again, "
			    "whatever the data: its expansion would never end",
			    n->col, n->kind == TM_PARENT ? "parent" : "partial",
			    shown(&tmp, t->units[n->target]->name,
			    strlen(t->units[n->target]->name)));
			buf_free(&tmp);
			return -1;
		}
		if (level + 1 > TMPL_MAX_DEPTH) {
			diag(DIAG_ERROR, u->path, n->line, NULL, NULL,
			    "column %d: partials always nest deeper than %d "
			    "levels here", n->col, TMPL_MAX_DEPTH);
			return -1;
		}
		d = always_depth(t, n->target, colour, depth, level + 1);
		if (d < 0)
			return -1;
		if (d + 1 > best)
			best = d + 1;
	}
	colour[ui] = BLACK;
	depth[ui] = best;
	return best;
}

struct tmpl *
tmpl_compile(const char *name, const char *text, size_t len,
    struct tmpl_loader *partials, enum tmpl_escape escape)
{
	struct tmpl *t = xcalloc(1, sizeof(*t));
	struct tm_unit *u;
	unsigned char *colour;
	int *depth;
	bool ok;
	size_t i;

	t->escape = escape;
	u = unit_add(t, name, strlen(name));
	u->path = xstrdup(name);
	ok = compile_unit(t, u, text, len);
	/* Units are added while compiling; this reaches every one. */
	for (i = 1; i < t->nunits; i++)
		if (!load_unit(t, i, partials))
			ok = false;
	if (ok) {
		colour = xcalloc(t->nunits, 1);
		depth = xcalloc(t->nunits, sizeof(*depth));
		for (i = 0; i < t->nunits && ok; i++)
			if (always_depth(t, i, colour, depth, 0) < 0)
				ok = false;
		free(colour);
		free(depth);
	}
	if (!ok) {
		tmpl_free(t);
		return NULL;
	}
	return t;
}

/* ============================================================== render */

/* A parent being expanded: its argument blocks override. */
struct ov_frame {
	const struct tm_unit	*unit;
	size_t			 parent;	/* the PARENT node */
	const struct ov_frame	*outer;
};

struct render {
	const struct tmpl	*t;
	struct buf		*out;
	const struct tmpl_value	**ctx;		/* the context stack */
	size_t			 nctx, capctx;
	struct buf		 indent;	/* of the lines being written */
	bool			 pending;	/* at a line start */
	const struct ov_frame	*ov;
	int			 depth;
	bool			 failed;
	struct buf		 scratch;
	size_t			 start;		/* out->len before rendering */
	size_t			 steps;
	const struct tm_unit	*at_unit;	/* the last tag expanded */
	const struct tm_node	*at;
};

static void
ctx_push(struct render *r, const struct tmpl_value *v)
{
	if (r->nctx == r->capctx) {
		r->capctx = r->capctx ? r->capctx * 2 : 16;
		r->ctx = xreallocarray(r->ctx, r->capctx, sizeof(*r->ctx));
	}
	r->ctx[r->nctx++] = v;
}

static const struct tmpl_value *
lookup(const struct render *r, const struct tm_unit *u,
    const struct tm_node *n)
{
	const struct tm_key *k;
	const struct tmpl_value *v;
	const struct tmpl_entry *e = NULL;
	size_t i, j;

	if (n->nkeys == 0)
		return r->nctx > 0 ? r->ctx[r->nctx - 1] : NULL;
	/* Only now: a unit without names has no keys array at all. */
	k = &u->keys[n->key];
	for (i = r->nctx; i-- > 0;) {
		v = r->ctx[i];
		if (v != NULL && v->type == TMPL_MAP &&
		    (e = map_find(v, u->pool + k->off, k->len, k->hash)) !=
		    NULL)
			break;
	}
	if (e == NULL)
		return NULL;
	v = e->value;
	for (j = 1; j < n->nkeys; j++) {
		if (v == NULL || v->type != TMPL_MAP)
			return NULL;
		e = map_find(v, u->pool + k[j].off, k[j].len, k[j].hash);
		if (e == NULL)
			return NULL;
		v = e->value;
	}
	return v;
}

static void
put_indent(struct render *r)
{
	if (r->pending) {
		if (r->indent.len > 0)
			buf_put(r->out, r->indent.data, r->indent.len);
		r->pending = false;
	}
}

/* Template text: every line it starts gets the indentation. */
static void
put_text(struct render *r, const char *s, size_t n)
{
	const char *nl;
	size_t k;

	if (n == 0)
		return;
	if (r->indent.len == 0) {
		buf_put(r->out, s, n);
		r->pending = s[n - 1] == '\n';
		return;
	}
	while (n > 0) {
		put_indent(r);
		nl = memchr(s, '\n', n);
		k = nl != NULL ? (size_t)(nl - s) + 1 : n;
		buf_put(r->out, s, k);
		if (nl != NULL)
			r->pending = true;
		s += k;
		n -= k;
	}
}

static void
put_html(struct buf *out, const char *s, size_t n)
{
	size_t i, run = 0;
	const char *ent;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':	ent = "&amp;"; break;
		case '<':	ent = "&lt;"; break;
		case '>':	ent = "&gt;"; break;
		case '"':	ent = "&quot;"; break;
		case '\'':	ent = "&#39;"; break;
		default:	continue;
		}
		buf_put(out, s + run, i - run);
		buf_puts(out, ent);
		run = i + 1;
	}
	buf_put(out, s + run, n - run);
}

static void
put_value(struct render *r, const struct tmpl_value *v, bool raw)
{
	const char *s;
	size_t n;

	put_indent(r);
	if (v == NULL)
		return;
	switch (v->type) {
	case TMPL_STRING:
		s = v->u.str.s;
		n = v->u.str.len;
		break;
	case TMPL_BOOL:
		s = v->u.boolean ? "true" : "false";
		n = strlen(s);
		break;
	case TMPL_NUMBER:
		buf_reset(&r->scratch);
		tmpl_format_number(&r->scratch, v->u.number);
		s = r->scratch.data;
		n = r->scratch.len;
		break;
	default:
		return;
	}
	if (raw || r->t->escape == TMPL_ESCAPE_NONE)
		buf_put(r->out, s, n);
	else if (r->t->escape == TMPL_ESCAPE_MARKDOWN)
		md_escape(r->out, s, n);
	else
		put_html(r->out, s, n);
}

static void render_nodes(struct render *, const struct tm_unit *, size_t,
    size_t);

/* Enters a partial, parent or overridden block; false past the limit. */
static bool
enter(struct render *r, const struct tm_unit *u, const struct tm_node *n)
{
	struct buf tmp = BUF_INIT;
	const char *what;

	if (r->depth < TMPL_MAX_DEPTH) {
		r->depth++;
		return true;
	}
	what = n->kind == TM_PARENT ? "parent" : n->kind == TM_PARTIAL ?
	    "partial" : "block";
	diag(DIAG_ERROR, u->path, n->line, NULL, NULL, "column %d: %s '%s' "
	    "nested deeper than %d levels (endless recursion?)", n->col, what,
	    n->kind == TM_BLOCK ? shown(&tmp, r->t->blocks[n->target],
	    strlen(r->t->blocks[n->target])) : shown(&tmp,
	    r->t->units[n->target]->name,
	    strlen(r->t->units[n->target]->name)), TMPL_MAX_DEPTH);
	buf_free(&tmp);
	r->failed = true;
	return false;
}

/* Expands a partial or parent (frame: the parent's arguments). */
static void
expand(struct render *r, const struct tm_unit *u, const struct tm_node *n,
    const struct ov_frame *frame)
{
	const struct tm_unit *target = r->t->units[n->target];
	const struct ov_frame *saved_ov = r->ov;
	size_t saved_indent = r->indent.len;

	if (!enter(r, u, n))
		return;
	if (n->standalone) {
		buf_put(&r->indent, u->pool + n->off, n->len);
		r->pending = true;
	}
	if (frame != NULL)
		r->ov = frame;
	render_nodes(r, target, 0, target->nnodes);
	r->ov = saved_ov;
	r->indent.len = saved_indent;
	r->depth--;
}

/*
 * Expands block node bi of u: the argument of the outermost parent being
 * expanded that has one (so that the template that starts an inheritance
 * chain has the last word), or else the block's own content.
 */
static void
expand_block(struct render *r, const struct tm_unit *u, size_t bi)
{
	const struct tm_node *n = &u->nodes[bi], *pn, *a;
	const struct tm_unit *cu = u;
	const struct ov_frame *f;
	size_t begin = bi + 1, end = n->end, i, saved_indent = r->indent.len;
	bool overridden = false;

	for (f = r->ov; f != NULL; f = f->outer) {
		pn = &f->unit->nodes[f->parent];
		for (i = f->parent + 1; i < pn->end; i = a->end) {
			a = &f->unit->nodes[i];
			if (a->kind == TM_BLOCK && a->target == n->target) {
				cu = f->unit;
				begin = i + 1;
				end = a->end;
				overridden = true;
				break;
			}
		}
	}
	if (overridden && !enter(r, u, n))
		return;
	if (n->standalone) {
		buf_put(&r->indent, u->pool + n->off, n->len);
		r->pending = true;
	}
	render_nodes(r, cu, begin, end);
	r->indent.len = saved_indent;
	if (overridden)
		r->depth--;
}

/* False, after saying so, once the rendering is past its bounds; the
 * message names the last tag expanded (texts have no line). */
static bool
within_bounds(struct render *r, const struct tm_unit *u,
    const struct tm_node *n)
{
	if (n->kind != TM_TEXT || r->at == NULL) {
		r->at_unit = u;
		r->at = n;
	}
	if (++r->steps <= TMPL_MAX_STEPS &&
	    r->out->len - r->start <= TMPL_MAX_OUTPUT)
		return true;
	if (r->steps > TMPL_MAX_STEPS)
		diag(DIAG_ERROR, r->at_unit->path, r->at->line, NULL, NULL,
		    "column %d: the template takes more than %d steps to "
		    "expand (sections nested over long lists?)", r->at->col,
		    TMPL_MAX_STEPS);
	else
		diag(DIAG_ERROR, r->at_unit->path, r->at->line, NULL, NULL,
		    "column %d: the template expands to more than %u MiB "
		    "(sections nested over long lists?)", r->at->col,
		    TMPL_MAX_OUTPUT >> 20);
	r->failed = true;
	return false;
}

static void
render_nodes(struct render *r, const struct tm_unit *u, size_t begin,
    size_t end)
{
	const struct tm_node *n;
	const struct tmpl_value *v;
	struct ov_frame frame;
	size_t i = begin, j;

	while (i < end && !r->failed) {
		n = &u->nodes[i];
		if (!within_bounds(r, u, n))
			break;
		switch (n->kind) {
		case TM_TEXT:
			put_text(r, u->pool + n->off, n->len);
			i++;
			break;
		case TM_VAR:
		case TM_RAW:
			put_value(r, lookup(r, u, n), n->kind == TM_RAW);
			i++;
			break;
		case TM_SECTION:
			v = lookup(r, u, n);
			if (v != NULL && v->type == TMPL_LIST) {
				for (j = 0; j < v->u.list.n && !r->failed;
				    j++) {
					ctx_push(r, v->u.list.items[j]);
					render_nodes(r, u, i + 1, n->end);
					r->nctx--;
				}
			} else if (value_truthy(v)) {
				ctx_push(r, v);
				render_nodes(r, u, i + 1, n->end);
				r->nctx--;
			}
			i = n->end;
			break;
		case TM_INVERTED:
			if (!value_truthy(lookup(r, u, n)))
				render_nodes(r, u, i + 1, n->end);
			i = n->end;
			break;
		case TM_PARTIAL:
			expand(r, u, n, NULL);
			i++;
			break;
		case TM_PARENT:
			frame.unit = u;
			frame.parent = i;
			frame.outer = r->ov;
			expand(r, u, n, &frame);
			i = n->end;
			break;
		case TM_BLOCK:
			expand_block(r, u, i);
			i = n->end;
			break;
		}
	}
}

int
tmpl_render(const struct tmpl *t, const struct tmpl_value *data,
    struct buf *out)
{
	struct render r;

	memset(&r, 0, sizeof(r));
	r.t = t;
	r.out = out;
	r.start = out->len;
	r.pending = true;
	if (data != NULL)
		ctx_push(&r, data);
	buf_put(out, "", 0);	/* a string even when nothing is written */
	render_nodes(&r, t->units[0], 0, t->units[0]->nnodes);
	free(r.ctx);
	buf_free(&r.indent);
	buf_free(&r.scratch);
	return r.failed ? -1 : 0;
}
