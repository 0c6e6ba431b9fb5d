/*
 * Line breaking (see linebreak.h): greedy first fit, one pass, with the
 * break opportunities and punctuation rules of docs/templates.md.
 */
#include <stdlib.h>

#include "util/alloc.h"
#include "markdown/cjk.h"
#include "pdf/linebreak.h"

/* Widths are sums of doubles: a line that fits exactly must not break. */
#define FIT_SLACK	1e-6

bool
lb_no_line_start(uint32_t cp)
{
	switch (cp) {
	case ',': case '.': case ';': case ':': case '!': case '?':
	case ')': case ']': case '}':
	case 0x2019:	/* ’ */
	case 0x201d:	/* ” */
	case 0x2026:	/* … */
	case 0x3001:	/* 、 */
	case 0x3002:	/* 。 */
	case 0x3009:	/* 〉 */
	case 0x300b:	/* 》 */
	case 0x300d:	/* 」 */
	case 0x300f:	/* 』 */
	case 0x3011:	/* 】 */
	case 0x3015:	/* 〕 */
	case 0x3017:	/* 〗 */
	case 0x3019:	/* 〙 */
	case 0x301b:	/* 〛 */
	case 0x30fb:	/* ・ */
	case 0xff01:	/* ！ */
	case 0xff09:	/* ） */
	case 0xff0c:	/* ， */
	case 0xff0e:	/* ． */
	case 0xff1a:	/* ： */
	case 0xff1b:	/* ； */
	case 0xff1f:	/* ？ */
	case 0xff3d:	/* ］ */
	case 0xff5d:	/* ｝ */
	case 0xff61:	/* ｡ */
	case 0xff64:	/* ､ */
		return true;
	default:
		return false;
	}
}

bool
lb_no_line_end(uint32_t cp)
{
	switch (cp) {
	case '(': case '[': case '{':
	case 0x2018:	/* ‘ */
	case 0x201c:	/* “ */
	case 0x3008:	/* 〈 */
	case 0x300a:	/* 《 */
	case 0x300c:	/* 「 */
	case 0x300e:	/* 『 */
	case 0x3010:	/* 【 */
	case 0x3014:	/* 〔 */
	case 0x3016:	/* 〖 */
	case 0x3018:	/* 〘 */
	case 0x301a:	/* 〚 */
	case 0xff08:	/* （ */
	case 0xff3b:	/* ［ */
	case 0xff5b:	/* ｛ */
		return true;
	default:
		return false;
	}
}

static bool
wide(uint32_t cp)
{
	return cp == LB_OBJECT || cjk_char(cp);
}

static bool
alnum(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 'A' && cp <= 'Z');
}

bool
lb_can_break(const struct lb_item *it, size_t n, size_t i)
{
	uint32_t a, b;

	if (i == 0 || i >= n || (it[i].flags & LB_GLUE))
		return false;
	a = it[i - 1].cp;
	b = it[i].cp;
	if (b == ' ' || b == '\n' || a == '\n')
		return false;
	if (lb_no_line_start(b) || lb_no_line_end(a))
		return false;
	if (a == ' ')
		return true;
	if (a == b && (a == 0x2014 || a == 0x2026))	/* —— …… */
		return false;
	if (wide(a) || wide(b))
		return true;
	/* after a hyphen between letters or digits ("sales-ops"), and
	 * after a slash in a path or URL ("example.com/rules") */
	return (a == '-' && i >= 2 && alnum(it[i - 2].cp) && alnum(b)) ||
	    (a == '/' && i >= 2 && alnum(it[i - 2].cp) && alnum(b) &&
	    !(b >= '0' && b <= '9'));
}

/*
 * Where to cut a run with no break opportunity that does not fit: before
 * item i (the first that does not fit), or one or two items earlier when
 * that keeps closing punctuation off the line start and opening
 * punctuation off the line end ("push").  When no such cut is in reach
 * (a chain like “文。」 that is wider than the line), the closing
 * punctuation at i stays on this line and hangs past its end ("pull").
 */
static size_t
emergency(const struct lb_item *it, size_t n, size_t start, size_t i)
{
	size_t at, k;

	for (k = 0; k <= 2 && i - k > start; k++) {
		at = i - k;
		if (!lb_no_line_start(it[at].cp) &&
		    !lb_no_line_end(it[at - 1].cp) &&
		    !(it[at].flags & LB_GLUE))
			return at;
	}
	for (at = i; at < n && lb_no_line_start(it[at].cp); at++)
		;
	return at;
}

struct lines {
	struct lb_line	*v;
	size_t		 n, cap;
};

static void
emit(struct lines *l, const struct lb_item *it, size_t start, size_t cut,
    size_t next, bool last)
{
	struct lb_line *line;
	size_t k;

	while (cut > start && it[cut - 1].cp == ' ')
		cut--;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	line = &l->v[l->n++];
	line->start = start;
	line->end = cut;
	line->next = next;
	line->last = last;
	line->width = 0;
	for (k = start; k < cut; k++)
		line->width += it[k].width;
}

/*
 * A paragraph should not end with one Chinese character alone on its last
 * line (with at most its closing punctuation): when the line before may
 * break one character earlier, that character comes down too.
 */
static void
no_lone_last(struct lines *l, const struct lb_item *it, size_t n)
{
	struct lb_line *prev, *last;
	size_t k, chars = 0, at;

	if (l->n < 2)
		return;
	prev = &l->v[l->n - 2];
	last = &l->v[l->n - 1];
	if (prev->last || prev->next != last->start || last->end == last->start)
		return;
	for (k = last->start; k < last->end; k++)
		if (!lb_no_line_start(it[k].cp))
			chars++;
	if (chars != 1 || !wide(it[last->start].cp))
		return;
	at = prev->end - 1;	/* prev ended at a break: no spaces here */
	if (at <= prev->start + 1 || !lb_can_break(it, n, at))
		return;
	prev->end = prev->next = last->start = at;
	prev->width -= it[at].width;
	last->width += it[at].width;
}

size_t
lb_break(const struct lb_item *it, size_t n, double width,
    struct lb_line **out)
{
	struct lines l = { NULL, 0, 0 };
	size_t start = 0, i, cand, at;
	double w;
	bool broke;

	if (n == 0)
		emit(&l, it, 0, 0, 0, true);
	while (start < n) {
		w = 0;
		cand = 0;
		broke = false;
		for (i = start; i < n; i++) {
			if (it[i].cp == '\n') {
				emit(&l, it, start, i, i + 1, true);
				start = i + 1;
				broke = true;
				break;
			}
			if (i > start && lb_can_break(it, n, i))
				cand = i;
			if (i > start && it[i].cp != ' ' &&
			    w + it[i].width > width + FIT_SLACK) {
				at = cand > start ? cand :
				    emergency(it, n, start, i);
				emit(&l, it, start, at, at, false);
				while (at < n && it[at].cp == ' ')
					at++;
				if (at == n)	/* only spaces followed */
					l.v[l.n - 1].last = true;
				start = at;
				broke = true;
				break;
			}
			w += it[i].width;
		}
		if (!broke) {
			emit(&l, it, start, n, n, true);
			break;
		}
	}
	no_lone_last(&l, it, n);
	*out = l.v;
	return l.n;
}
