/*
 * The Mustache compiler of mustache.h: template text to the compiled
 * template of mustache_int.h.
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
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/diag.h"
#include "util/utf8.h"
#include "tmpl/mustache.h"
#include "tmpl/mustache_int.h"

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

const char *
tm_shown(struct buf *b, const char *s, size_t len)
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
		    tm_shown(&tmp, s + cs, ce - cs), TM_MAX_DELIM);
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
			    "'%s' after it", tm_shown(&tmp, open, olen),
			    tm_shown(&tmp2, want, want_len));
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
				    tm_shown(&tmp, open, olen),
				    tm_shown(&tmp2, close, clen));
			else {
				for (i = 0; i < tk->name_len; i++)
					if (is_blank(n[i]))
						break;
				if (i < tk->name_len)
					cerror(c, tk->line, tk->col, "bad "
					    "tag name '%s': names have no "
					    "blanks", tm_shown(&tmp, n,
					    tk->name_len));
				else if (memchr(n, '\0', tk->name_len) != NULL)
					/* units and blocks are found by
					 * their names as C strings */
					cerror(c, tk->line, tk->col, "bad "
					    "tag name '%s': names have no "
					    "NUL bytes", tm_shown(&tmp, n,
					    tk->name_len));
				else if (tag != TAG_PARTIAL &&
				    tag != TAG_PARENT && tag != TAG_BLOCK &&
				    !name_valid(n, tk->name_len))
					cerror(c, tk->line, tk->col, "bad "
					    "name '%s': parts separated by "
					    "single dots, or '.' alone",
					    tm_shown(&tmp, n, tk->name_len));
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
				    tm_shown(&tmp, c->src + tk->name,
				    tk->name_len));
			else {
				op = &c->toks[stack[n - 1]];
				cerror(c, tk->line, tk->col, "{{/%s}} does not "
				    "close the %s {{%c%s}} opened at line %ld "
				    "column %d", tm_shown(&tmp, c->src + tk->name,
				    tk->name_len), tag_what(op->tag),
				    tag_sigil(op->tag), tm_shown(&tmp2,
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
			    tm_shown(&tmp, c->src + op->name, op->name_len),
			    tm_shown(&tmp2, c->src + tk->name, tk->name_len),
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
		    tm_shown(&tmp, c->src + op->name, op->name_len));
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
		k->hash = tm_hash(s + i, part - i);
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
			    what, tm_shown(&tmp, u->name, strlen(u->name)));
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
			    tm_shown(&tmp, t->units[n->target]->name,
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

