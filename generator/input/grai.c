/*
 * Finding the GRAI sections of a case (see grai.h).  Heading text is
 * matched as UTF-8: a numbering prefix is skipped, then one name, then
 * optionally the same section's name in the other language, with
 * brackets, spaces and dashes between them ignored.
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/similar.h"
#include "util/utf8.h"
#include "input/grai.h"
#include "markdown/mdtree.h"

static const char *const names_zh[GRAI_COUNT][2] = {
	{ "回顾目标", NULL },
	{ "评估结果", NULL },
	{ "分析原因", NULL },
	{ "总结经验", "总结规律" },
};

/* Lower case; the plural first so that it wins over its prefix. */
static const char *const names_en[GRAI_COUNT][2] = {
	{ "goals", "goal" },
	{ "results", "result" },
	{ "analyses", "analysis" },
	{ "insights", "insight" },
};

static const char *const display_en[GRAI_COUNT] = {
	"Goal", "Result", "Analysis", "Insight"
};

const char *
grai_name_en(enum grai_part p)
{
	return p >= 0 && p < GRAI_COUNT ? display_en[p] : "";
}

const char *
grai_name_zh(enum grai_part p)
{
	return p >= 0 && p < GRAI_COUNT ? names_zh[p][0] : "";
}

/* ------------------------------------------------------- heading text */

/* The code point at *p (U+FFFD for a bad byte); advances *p. */
static uint32_t
next_cp(const char **p, const char *end)
{
	uint32_t cp;

	*p += utf8_next(*p, (size_t)(end - *p), &cp);
	return cp;
}

static uint32_t
peek_cp(const char *p, const char *end)
{
	return p < end ? next_cp(&p, end) : 0;
}

static bool
is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == 0xa0;
}

/* Brackets, spaces and dashes that may sit around or between names. */
static bool
is_filler(uint32_t c)
{
	switch (c) {
	case '(': case ')': case '[': case ']': case '<': case '>':
	case '/': case '|': case '-': case ',': case '*':
	case 0xff08: case 0xff09:	/* （ ） */
	case 0x3010: case 0x3011:	/* 【 】 */
	case 0x3014: case 0x3015:	/* 〔 〕 */
	case 0x300c: case 0x300d:	/* 「 」 */
	case 0x300a: case 0x300b:	/* 《 》 */
	case 0x2013: case 0x2014:	/* – — */
	case 0x00b7: case 0x30fb:	/* · ・ */
	case 0x3001: case 0xff0c:	/* 、 ， */
	case 0xff0f:			/* ／ */
		return true;
	default:
		return is_space(c);
	}
}

static const char *
skip_filler(const char *p, const char *end)
{
	const char *q;

	while (p < end) {
		q = p;
		if (!is_filler(next_cp(&q, end)))
			break;
		p = q;
	}
	return p;
}

static bool
is_cn_numeral(uint32_t c)
{
	return c == 0x4e00 || c == 0x4e8c || c == 0x4e09 || c == 0x56db ||
	    c == 0x4e94 || c == 0x516d || c == 0x4e03 || c == 0x516b ||
	    c == 0x4e5d || c == 0x5341 || c == 0x3007 || c == 0x96f6 ||
	    c == 0x4e24;	/* 一二三四五六七八九十〇零两 */
}

static bool
is_roman(uint32_t c)
{
	return c == 'I' || c == 'V' || c == 'X' || c == 'i' || c == 'v' ||
	    c == 'x';
}

/* What may follow a number: 、 . ． ) ） ] 】 : ： */
static bool
is_number_end(uint32_t c)
{
	return c == 0x3001 || c == '.' || c == 0xff0e || c == ')' ||
	    c == 0xff09 || c == ']' || c == 0x3011 || c == ':' ||
	    c == 0xff1a;
}

/*
 * Skips a numbering prefix: "一、", "1.", "１．", "1)", "(2)", "（三）",
 * "①", "IV.", "第三步", "第2部分：".  Returns p itself when there is none.
 */
static const char *
skip_number(const char *p, const char *end)
{
	const char *q = p, *r;
	uint32_t c;
	int n = 0, kind = 0;	/* 1 digits, 2 Chinese, 3 roman, 4 circled */
	bool open = false, ordinal = false;

	c = peek_cp(q, end);
	if (c == 0x7b2c) {			/* 第 */
		next_cp(&q, end);
		ordinal = true;
	} else if (c == '(' || c == 0xff08) {
		next_cp(&q, end);
		open = true;
	}
	for (;;) {
		r = q;
		c = q < end ? next_cp(&r, end) : 0;
		if (((c >= '0' && c <= '9') || (c >= 0xff10 && c <= 0xff19))
		    && (kind == 0 || kind == 1))
			kind = 1;
		else if (is_cn_numeral(c) && (kind == 0 || kind == 2))
			kind = 2;
		else if (is_roman(c) && (kind == 0 || kind == 3) && !ordinal)
			kind = 3;
		else if (c >= 0x2460 && c <= 0x2473 && kind == 0)
			kind = 4;
		else
			break;
		q = r;
		n++;
	}
	if (n == 0 || (kind == 1 && n > 2) || (kind == 2 && n > 3) ||
	    (kind == 3 && n > 4))
		return p;
	c = peek_cp(q, end);
	if (ordinal) {
		/* 第三步 第二部分 第一章 第一节 第一点 */
		static const char *const units[] = { "步", "部分", "章", "节",
		    "点", "条" };
		size_t i, k;

		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
			k = strlen(units[i]);
			if ((size_t)(end - q) >= k && memcmp(q, units[i], k) == 0) {
				q += k;
				break;
			}
		}
		c = peek_cp(q, end);
		if (is_number_end(c))
			next_cp(&q, end);
		return q;
	}
	if (open) {
		if (c != ')' && c != 0xff09)
			return p;
		next_cp(&q, end);
		return q;
	}
	if (is_number_end(c)) {
		next_cp(&q, end);
		return q;
	}
	/* "1 Goal", "一 回顾目标", "① Goal": a space will do, not for roman
	 * numerals ("I Goal" is too likely a sentence). */
	if (kind == 4 || (kind != 3 && is_space(c)))
		return q;
	return p;
}

/* A name of any section at p; sets *part and *zh, returns its end. */
static const char *
match_name(const char *p, const char *end, int only, enum grai_part *part,
    bool *zh)
{
	size_t n = (size_t)(end - p), k;
	int s, i;

	for (s = 0; s < GRAI_COUNT; s++) {
		if (only != GRAI_NONE && s != only)
			continue;
		for (i = 0; i < 2; i++) {
			const char *z = names_zh[s][i], *e = names_en[s][i];

			if (z != NULL && (k = strlen(z)) <= n &&
			    memcmp(p, z, k) == 0) {
				*part = (enum grai_part)s;
				*zh = true;
				return p + k;
			}
			if (e != NULL && (k = strlen(e)) <= n) {
				size_t j;

				for (j = 0; j < k; j++) {
					char c = p[j];

					if (c >= 'A' && c <= 'Z')
						c = (char)(c - 'A' + 'a');
					if (c != e[j])
						break;
				}
				if (j == k && (k == n || !(((p[k] | 0x20) >= 'a'
				    && (p[k] | 0x20) <= 'z') || (p[k] >= '0' &&
				    p[k] <= '9')))) {
					*part = (enum grai_part)s;
					*zh = false;
					return p + k;
				}
			}
		}
	}
	return NULL;
}

enum grai_part
grai_classify(const char *text, size_t len)
{
	const char *p = text, *end = text + len, *q;
	enum grai_part part, other;
	bool zh, zh2;
	uint32_t c;

	p = skip_filler(p, end);
	p = skip_number(p, end);
	p = skip_filler(p, end);
	if ((q = match_name(p, end, GRAI_NONE, &part, &zh)) == NULL)
		return GRAI_NONE;
	p = skip_filler(q, end);
	if ((q = match_name(p, end, part, &other, &zh2)) != NULL &&
	    zh2 != zh)
		p = skip_filler(q, end);
	if (p == end)
		return part;
	c = next_cp(&p, end);
	if (c == ':' || c == 0xff1a)		/* a subtitle follows */
		return part;
	if ((c == '.' || c == 0x3002) && skip_filler(p, end) == end)
		return part;
	return GRAI_NONE;
}

/* ------------------------------------------------------- near misses */

/* Whether every code point of a is in b as often (a and b of one length). */
static bool
same_letters(const char *a, size_t alen, const char *b, size_t blen)
{
	uint32_t x[16], y[16];
	size_t n = 0, m = 0, i, j;
	const char *p, *end;

	for (p = a, end = a + alen; p < end && n < 16;)
		x[n++] = next_cp(&p, end);
	for (p = b, end = b + blen; p < end && m < 16;)
		y[m++] = next_cp(&p, end);
	if (n != m || n == 16)
		return false;
	for (i = 0; i < n; i++) {
		for (j = 0; j < m && y[j] != x[i]; j++)
			;
		if (j == m)
			return false;
		y[j] = 0;
	}
	return true;
}

/* Whether z holds the n bytes of p. */
static bool
contains(const char *z, const char *p, size_t n)
{
	size_t i, k = strlen(z);

	for (i = 0; i + n <= k; i++)
		if (memcmp(z + i, p, n) == 0)
			return true;
	return false;
}

/* Whether s has a Chinese character. */
static bool
has_cjk(const char *s)
{
	const char *end = s + strlen(s);

	while (s < end)
		if (utf8_is_cjk(next_cp(&s, end)))
			return true;
	return false;
}

/* Whether word (lower case) is a word of s, any case. */
static bool
has_word(const char *s, size_t len, const char *word)
{
	size_t k = strlen(word), i, j;

	for (i = 0; i + k <= len; i++) {
		if (i > 0 && ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <=
		    'z'))
			continue;
		for (j = 0; j < k && (s[i + j] | 0x20) == word[j]; j++)
			;
		if (j == k && (i + k == len || !((s[i + k] | 0x20) >= 'a' &&
		    (s[i + k] | 0x20) <= 'z')))
			return true;
	}
	return false;
}

enum grai_part
grai_near_miss(const char *text, size_t len)
{
	const char *p = text, *end = text + len, *q, *r;
	struct buf low = BUF_INIT;
	enum grai_part found = GRAI_NONE;
	size_t n, i, k, words = 0;
	uint32_t c;
	int s, j;

	p = skip_filler(p, end);
	p = skip_number(p, end);
	p = skip_filler(p, end);
	/* the name ends at a colon or a full stop; fillers trimmed */
	for (q = p; q < end; q = r) {
		r = q;
		c = next_cp(&r, end);
		if (c == ':' || c == 0xff1a || c == 0x3002)
			break;
	}
	end = q;
	while (end > p) {
		for (q = end - 1; q > p && ((unsigned char)*q & 0xc0) == 0x80;
		    q--)
			;
		r = q;
		if (!is_filler(next_cp(&r, end)))
			break;
		end = q;
	}
	n = (size_t)(end - p);
	if (n == 0)
		return GRAI_NONE;
	for (i = 0; i < n; i++)
		buf_putc(&low, p[i] >= 'A' && p[i] <= 'Z' ?
		    (char)(p[i] - 'A' + 'a') : p[i]);
	for (s = 0; s < GRAI_COUNT && found == GRAI_NONE; s++)
		for (j = 0; j < 2 && found == GRAI_NONE; j++) {
			const char *z = names_zh[s][j], *e = names_en[s][j];

			if (z != NULL && utf8_columns(p, n) >= 2 &&
			    ((strlen(z) > n && contains(z, p, n)) || same_letters(p, n, z, strlen(z)) ||
			    text_distance(p, n, z, strlen(z)) <= 1))
				found = (enum grai_part)s;
			k = strlen(e);
			if (found == GRAI_NONE &&
			    text_distance(low.data, n, e, k) <= (k >= 5 ? 2 : 1))
				found = (enum grai_part)s;
		}
	/* an English name as one word among others, and only one name */
	for (s = 0; s < GRAI_COUNT && found == GRAI_NONE; s++)
		for (j = 0; j < 2; j++)
			if (has_word(p, n, names_en[s][j])) {
				words++;
				k = (size_t)s;
				break;
			}
	if (found == GRAI_NONE && words == 1)
		found = (enum grai_part)k;
	buf_free(&low);
	return found;
}

/* ------------------------------------------------------------ the tree */

/* Appends s with each line break (and the spaces around it) as a space. */
static void
one_line(struct buf *out, const char *s)
{
	bool space = false;

	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r') {
			while (out->len > 0 && out->data[out->len - 1] == ' ')
				out->len--;
			space = out->len > 0;
			while (s[1] == ' ' || s[1] == '\t')
				s++;
			continue;
		}
		if (space) {
			buf_putc(out, ' ');
			space = false;
		}
		buf_putc(out, *s);
	}
	while (out->len > 0 && out->data[out->len - 1] == ' ')
		out->len--;
	if (out->data != NULL)
		out->data[out->len] = '\0';
}

static void
add_lesson(struct grai *g, cmark_node *item)
{
	struct buf md = BUF_INIT, text = BUF_INIT, t = BUF_INIT;
	struct grai_lesson *l;
	cmark_node *c;
	char *s;

	for (c = cmark_node_first_child(item); c != NULL;
	    c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH)
			continue;
		if (md.len > 0)
			buf_putc(&md, ' ');
		s = cmark_render_commonmark(c, CMARK_OPT_DEFAULT, 0);
		one_line(&md, s);
		free(s);
		buf_reset(&t);
		mdtree_plain_text(c, &t);
		if (text.len > 0)
			buf_putc(&text, ' ');
		one_line(&text, buf_str(&t));
	}
	buf_free(&t);
	if (md.len == 0 || text.len == 0) {
		buf_free(&md);
		buf_free(&text);
		return;
	}
	g->lessons = xreallocarray(g->lessons, g->nlessons + 1,
	    sizeof(*g->lessons));
	l = &g->lessons[g->nlessons++];
	l->line = cmark_node_get_start_line(item);
	l->markdown = buf_detach(&md);
	l->text = buf_detach(&text);
}

static void
add_lessons(struct grai *g, cmark_node *list)
{
	cmark_node *item;

	for (item = cmark_node_first_child(list); item != NULL;
	    item = cmark_node_next(item))
		if (!mdtree_is(item, "tasklist"))
			add_lesson(g, item);
}

void
grai_find(cmark_node *doc, struct grai *g)
{
	struct buf text = BUF_INIT;
	cmark_node *n;
	enum grai_part cur = GRAI_NONE, part;
	int level;

	memset(g, 0, sizeof(*g));
	for (n = cmark_node_first_child(doc); n != NULL;
	    n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			level = cmark_node_get_heading_level(n);
			buf_reset(&text);
			mdtree_plain_text(n, &text);
			part = grai_classify(buf_str(&text), text.len);
			if (part == GRAI_NONE) {
				enum grai_part near = grai_near_miss(
				    buf_str(&text), text.len);

				if (near != GRAI_NONE &&
				    g->near[near].line == 0) {
					g->near[near].line =
					    cmark_node_get_start_line(n);
					g->near[near].text =
					    xstrdup(buf_str(&text));
				}
			}
			if (cur != GRAI_NONE && (part != GRAI_NONE ||
			    level <= g->sections[cur].level)) {
				g->sections[cur].end = n;
				g->sections[cur].end_line =
				    cmark_node_get_start_line(n);
				cur = GRAI_NONE;
			}
			if (part != GRAI_NONE &&
			    g->sections[part].heading == NULL) {
				g->sections[part].heading = n;
				g->sections[part].line =
				    cmark_node_get_start_line(n);
				g->sections[part].level = level;
				cur = part;
			}
			break;
		case CMARK_NODE_LIST:
			if (cur == GRAI_INSIGHT)
				add_lessons(g, n);
			break;
		default:
			break;
		}
	}
	buf_free(&text);
}

void
grai_free(struct grai *g)
{
	size_t i;

	for (i = 0; i < g->nlessons; i++) {
		free(g->lessons[i].markdown);
		free(g->lessons[i].text);
	}
	free(g->lessons);
	for (i = 0; i < GRAI_COUNT; i++)
		free(g->near[i].text);
	memset(g, 0, sizeof(*g));
}

size_t
grai_missing(const struct grai *g)
{
	size_t n = 0;
	int s;

	for (s = 0; s < GRAI_COUNT; s++)
		if (g->sections[s].heading == NULL)
			n++;
	return n;
}

size_t
grai_report(const struct grai *g, const char *path, long line, bool strict)
{
	size_t n = 0;
	int s;

	for (s = 0; s < GRAI_COUNT; s++) {
		if (g->sections[s].heading != NULL)
			continue;
		if (g->near[s].text != NULL) {
			struct buf shown = BUF_INIT;

			utf8_printable(&shown, g->near[s].text,
			    strlen(g->near[s].text), 40);
			diag(strict ? DIAG_ERROR : DIAG_WARNING, path, line,
			    NULL, NULL, "GRAI: missing section %s (%s); the "
			    "heading \"%s\" at line %ld is not a section name "
			    "(did you mean %s?)", display_en[s],
			    names_zh[s][0], buf_str(&shown),
			    line + g->near[s].line,
			    has_cjk(g->near[s].text) ? names_zh[s][0] :
			    display_en[s]);
			buf_free(&shown);
		} else
			diag(strict ? DIAG_ERROR : DIAG_WARNING, path, line,
			    NULL, NULL, "GRAI: missing section %s (%s)",
			    display_en[s], names_zh[s][0]);
		n++;
	}
	return n;
}
