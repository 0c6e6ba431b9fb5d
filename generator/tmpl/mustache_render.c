/*
 * The Mustache renderer of mustache.h: walks the compiled template of
 * mustache_int.h over the data tree, with the context stack, partials,
 * parents and blocks, bounded in depth, steps and output.
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/diag.h"
#include "tmpl/md_escape.h"
#include "tmpl/mustache.h"
#include "tmpl/mustache_int.h"

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
		    (e = tm_map_find(v, u->pool + k->off, k->len, k->hash)) !=
		    NULL)
			break;
	}
	if (e == NULL)
		return NULL;
	v = e->value;
	for (j = 1; j < n->nkeys; j++) {
		if (v == NULL || v->type != TMPL_MAP)
			return NULL;
		e = tm_map_find(v, u->pool + k[j].off, k[j].len, k[j].hash);
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
	    n->kind == TM_BLOCK ? tm_shown(&tmp, r->t->blocks[n->target],
	    strlen(r->t->blocks[n->target])) : tm_shown(&tmp,
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
			} else if (tm_truthy(v)) {
				ctx_push(r, v);
				render_nodes(r, u, i + 1, n->end);
				r->nctx--;
			}
			i = n->end;
			break;
		case TM_INVERTED:
			if (!tm_truthy(lookup(r, u, n)))
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

static tmpl_recorder *recorder;
static void *recorder_arg;

void
tmpl_set_recorder(tmpl_recorder *fn, void *arg)
{
	recorder = fn;
	recorder_arg = arg;
}

int
tmpl_render(const struct tmpl *t, const struct tmpl_value *data,
    struct buf *out)
{
	struct render r;

	if (recorder != NULL)
		recorder(recorder_arg, t->units[0]->path, data);
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
