/*
 * The report Markdown tree and the conventions shared by the renderers
 * (see mdtree.h).  Walks use cmark's iterator, never recursion.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/strmap.h"
#include "util/utf8.h"
#include "input/values.h"
#include "markdown/cjk.h"
#include "markdown/mdtree.h"

static const char *const extensions[] = {
	"table", "tasklist", "strikethrough", "autolink"
};

/*
 * A GFM table delimiter row: up to 3 spaces, then only "|", "-", ":" and
 * blanks, with at least one "-" and one "|", ":", "\v" or "\f" (cmark-gfm
 * takes "-:" and "-\v" for the delimiter row of a one-column table; "-"
 * alone is a heading underline).  Returns its column count (runs of "-"),
 * or 0.
 */
static size_t
delimiter_columns(const char *s, size_t n)
{
	size_t i = 0, cols = 0;
	bool pipe = false, in_dashes = false;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	for (; i < n; i++) {
		switch (s[i]) {
		case '|':
			pipe = true;
			in_dashes = false;
			break;
		case ':':
		case '\v':
		case '\f':
			pipe = true;
			break;
		case '-':
			if (!in_dashes)
				cols++;
			in_dashes = true;
			break;
		case ' ':
		case '\t':
		case '\r':
			break;
		default:
			return 0;
		}
	}
	return pipe ? cols : 0;
}

static bool
blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* The bounds of mdtree.h; false after a diag(). */
static bool
within_bounds(const char *source_name, const char *md, size_t len,
    long first_line)
{
	const char *p = md, *end = md + len, *eol;
	size_t brackets = 0, cols, cells = 0, i;
	long line = first_line - 1, table_line = 0;
	size_t table_cols = 0;

	if (len > MDTREE_MAX_BYTES) {
		diag(DIAG_ERROR, source_name, 0, NULL, NULL,
		    "document too large to render: %zu bytes, at most %u",
		    len, MDTREE_MAX_BYTES);
		return false;
	}
	for (i = 0; i < len; i++)
		if (md[i] == '[' && (i == 0 || md[i - 1] != '\\'))
			brackets++;
	if (brackets > MDTREE_MAX_BRACKETS) {
		diag(DIAG_ERROR, source_name, 0, NULL, NULL, "too many \"[\" "
		    "to render: %zu, at most %d", brackets,
		    MDTREE_MAX_BRACKETS);
		return false;
	}
	for (; p < end; p = eol + 1) {
		line++;
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (table_cols > 0) {
			if (blank_line(p, (size_t)(eol - p)))
				table_cols = 0;
			else
				cells += table_cols;
		} else if ((cols = delimiter_columns(p, (size_t)(eol - p)))
		    > 0) {
			if (cols > MDTREE_MAX_COLUMNS) {
				diag(DIAG_ERROR, source_name, line, NULL, NULL,
				    "table with %zu columns, at most %d", cols,
				    MDTREE_MAX_COLUMNS);
				return false;
			}
			table_cols = cols;
			table_line = line;
			cells += 2 * cols;	/* header and delimiter */
		}
		if (cells > MDTREE_MAX_CELLS) {
			diag(DIAG_ERROR, source_name, table_line, NULL, NULL,
			    "tables too large to render: more than %d cells",
			    MDTREE_MAX_CELLS);
			return false;
		}
		if (eol == end)
			break;
	}
	return true;
}

cmark_node *
mdtree_parse(const char *source_name, const char *md, size_t len)
{
	return mdtree_parse_at(source_name, md, len, 1);
}

cmark_node *
mdtree_parse_at(const char *source_name, const char *md, size_t len,
    long first_line)
{
	cmark_parser *parser;
	cmark_syntax_extension *ext;
	cmark_node *doc;
	size_t i;

	if (!within_bounds(source_name, md, len, first_line))
		return NULL;
	cmark_gfm_core_extensions_ensure_registered();
	/* Not CMARK_OPT_UNSAFE: the HTML renderer drops raw HTML anyway. */
	parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	for (i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
		if ((ext = cmark_find_syntax_extension(extensions[i])) == NULL) {
			/* a broken cmark-gfm installation */
			diag(DIAG_ERROR, NULL, 0, NULL, extensions[i],
			    "cmark-gfm lacks an extension");
			cmark_parser_free(parser);
			return NULL;
		}
		cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, md, len);
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	cjk_join_softbreaks(doc);
	cmark_consolidate_text_nodes(doc);
	return doc;
}

bool
mdtree_is(cmark_node *n, const char *name)
{
	return strcmp(cmark_node_get_type_string(n), name) == 0;
}

bool
mdtree_is_chart(cmark_node *n)
{
	const char *info;
	size_t k;
	int length, offset;
	char fence;

	/* cmark_node_get_fenced writes through its pointers unchecked */
	if (cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK ||
	    !cmark_node_get_fenced(n, &length, &offset, &fence))
		return false;
	info = cmark_node_get_fence_info(n);
	if (info == NULL)
		return false;
	while (*info == ' ' || *info == '\t')
		info++;
	if (strncmp(info, "chart", 5) != 0)
		return false;
	k = 5;
	return info[k] == '\0' || info[k] == ' ' || info[k] == '\t';
}

void
mdtree_plain_text(cmark_node *root, struct buf *out)
{
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *n;
	const char *lit;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(iter);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				buf_puts(out, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(iter);
}

/* ------------------------------------------------------------- links */

bool
mdtree_url_allowed(const char *url, bool image)
{
	struct buf clean = BUF_INIT;
	const unsigned char *u = (const unsigned char *)url;
	const char *s;
	size_t i, n;
	bool ok = true;

	if (url == NULL)
		return false;
	/* Browsers skip leading C0 controls and spaces, and tabs and line
	 * breaks anywhere: so do we before looking for a scheme. */
	while (*u != '\0' && *u <= 0x20)
		u++;
	for (; *u != '\0'; u++) {
		if (*u == '\t' || *u == '\n' || *u == '\r')
			continue;
		if (*u < 0x20 || *u == 0x7f) {
			ok = false;
			break;
		}
		buf_putc(&clean, *u);
	}
	s = buf_str(&clean);
	n = clean.len;
	if (ok) {
		/* A scheme is letters, digits, "+", "-", "." before a ":"
		 * that comes before any "/", "?" or "#". */
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];

			if (c == ':' || c == '/' || c == '?' || c == '#')
				break;
			if (!(isalnum(c) || c == '+' || c == '-' || c == '.'))
				break;
		}
		if (i < n && s[i] == ':') {
			if (i == 0)
				ok = false;
			else if (i == 4 && strncasecmp(s, "http", 4) == 0)
				ok = true;
			else if (i == 5 && strncasecmp(s, "https", 5) == 0)
				ok = true;
			else if (i == 6 && strncasecmp(s, "mailto", 6) == 0)
				ok = !image;
			else
				ok = false;
		}
		/* Otherwise relative: a browser reads "java script:x" as a
		 * path too, since a space cannot be part of a scheme. */
	}
	buf_free(&clean);
	return ok;
}

/* ----------------------------------------------------------- numbers */

/* Skips one of the prefixes in list at s; returns its length or 0. */
static size_t
match_any(const char *s, size_t n, const char *const *list)
{
	size_t k, best = 0;

	for (; *list != NULL; list++) {
		k = strlen(*list);
		if (k <= n && k > best && memcmp(s, *list, k) == 0)
			best = k;
	}
	return best;
}

static void
trim_spaces(const char **s, size_t *n)
{
	/* ASCII blanks and U+00A0, U+3000 */
	for (;;) {
		if (*n > 0 && (**s == ' ' || **s == '\t')) {
			(*s)++; (*n)--;
		} else if (*n >= 2 && memcmp(*s, "\xc2\xa0", 2) == 0) {
			*s += 2; *n -= 2;
		} else if (*n >= 3 && memcmp(*s, "\xe3\x80\x80", 3) == 0) {
			*s += 3; *n -= 3;
		} else
			break;
	}
	for (;;) {
		if (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
			(*n)--;
		else if (*n >= 2 && memcmp(*s + *n - 2, "\xc2\xa0", 2) == 0)
			*n -= 2;
		else if (*n >= 3 && memcmp(*s + *n - 3, "\xe3\x80\x80", 3)
		    == 0)
			*n -= 3;
		else
			break;
	}
}

bool
mdtree_is_number(const char *s, size_t n)
{
	static const char *const signs[] = { "+", "-", "\xe2\x88\x92",
	    NULL };	/* U+2212 minus */
	static const char *const currencies[] = { "\xc2\xa5", "\xef\xbf\xa5",
	    "$", "\xe2\x82\xac", "\xc2\xa3", "CNY", "RMB", "USD", NULL };
	static const char *const suffixes[] = { "%", "\xe2\x80\xb0", "pp",
	    "\xe5\x85\x83", "\xe4\xb8\x87", "\xe4\xb8\x87\xe5\x85\x83",
	    "\xe4\xba\xbf", "\xe4\xba\xbf\xe5\x85\x83", "k", "K", "M", "x",
	    "\xc3\x97", NULL };	/* % ‰ pp 元 万 万元 亿 亿元 k K M x × */
	size_t k, digits = 0, group = 0;
	bool grouped = false, point = false;

	trim_spaces(&s, &n);
	if ((k = match_any(s, n, signs)) > 0) {
		s += k; n -= k;
	}
	if ((k = match_any(s, n, currencies)) > 0) {
		s += k; n -= k;
		trim_spaces(&s, &n);
		if ((k = match_any(s, n, signs)) > 0) {
			s += k; n -= k;
		}
	}
	/* the digits: 1234, 1,234, 1234.5, .5 is not a number here */
	while (n > 0) {
		if (*s >= '0' && *s <= '9') {
			digits++;
			if (!point)
				group++;
		} else if (*s == ',' && !point) {
			if (digits == 0 || (grouped && group != 3) ||
			    (!grouped && group > 3))
				return false;
			grouped = true;
			group = 0;
		} else if (*s == '.' && !point) {
			if (digits == 0 || (grouped && group != 3))
				return false;
			point = true;
		} else
			break;
		s++;
		n--;
	}
	if (digits == 0 || (grouped && !point && group != 3) || s[-1] == '.')
		return false;
	trim_spaces(&s, &n);
	if (n == 0)
		return true;
	k = match_any(s, n, suffixes);
	return k == n;
}

/* ------------------------------------------------------------- marks */

/* Reads "[[tier:NAME]]" or "[[bar:NUMBER]]" at s; 0 if it is neither. */
static size_t
read_mark(const char *s, size_t n, struct mdtree_mark *m)
{
	size_t i, k;

	if (n >= 9 && memcmp(s, "[[tier:", 7) == 0) {
		for (i = 7; i < n && i - 7 <= 32; i++) {
			unsigned char c = (unsigned char)s[i];

			if (c == ']' || c == '[' || c < 0x20 || c == 0x7f)
				break;
		}
		if (i == 7 || i - 7 > 32 || i + 1 >= n ||
		    s[i] != ']' || s[i + 1] != ']')
			return 0;
		m->kind = MDTREE_MARK_TIER;
		m->name = s + 7;
		m->name_len = i - 7;
		return i + 2;
	}
	if (n >= 8 && memcmp(s, "[[bar:", 6) == 0) {
		for (i = 6; i < n && i - 6 <= 24 && s[i] != ']'; i++)
			;
		if (i == 6 || i - 6 > 24 || i + 1 >= n || s[i + 1] != ']')
			return 0;
		/* a plain decimal: -?digits(.digits)? */
		k = 6;
		if (s[k] == '-')
			k++;
		if (k == i || !isdigit((unsigned char)s[k]))
			return 0;
		while (k < i && isdigit((unsigned char)s[k]))
			k++;
		if (k < i && s[k] == '.') {
			k++;
			if (k == i)
				return 0;
			while (k < i && isdigit((unsigned char)s[k]))
				k++;
		}
		if (k != i || parse_decimal(s + 6, i - 6, &m->ratio) != NULL)
			return 0;
		m->kind = MDTREE_MARK_BAR;
		m->name = NULL;
		m->name_len = 0;
		return i + 2;
	}
	return 0;
}

bool
mdtree_next_mark(const char *s, size_t n, struct mdtree_mark *m)
{
	const char *p = s, *end = s + n;
	size_t k;

	while ((p = memchr(p, '[', (size_t)(end - p))) != NULL) {
		if ((k = read_mark(p, (size_t)(end - p), m)) > 0) {
			m->start = (size_t)(p - s);
			m->end = m->start + k;
			return true;
		}
		p++;
	}
	return false;
}

void
mdtree_strip_marks(struct buf *out, const char *s, size_t n)
{
	struct mdtree_mark m;
	size_t at = 0;

	while (mdtree_next_mark(s + at, n - at, &m)) {
		buf_put(out, s + at, m.start);
		at += m.end;
	}
	buf_put(out, s + at, n - at);
}

const char *
mdtree_lone_text(cmark_node *p, size_t *len)
{
	cmark_node *child = cmark_node_first_child(p);
	const char *s;
	size_t n;

	if (child == NULL || cmark_node_next(child) != NULL ||
	    cmark_node_get_type(child) != CMARK_NODE_TEXT)
		return NULL;
	s = cmark_node_get_literal(child);
	n = strlen(s);
	while (n > 0 && *s == ' ') {
		s++;
		n--;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	*len = n;
	return s;
}

static bool
lone_text_is(cmark_node *p, const char *want)
{
	const char *s;
	size_t len;

	return cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH &&
	    (s = mdtree_lone_text(p, &len)) != NULL && len == strlen(want) &&
	    memcmp(s, want, len) == 0;
}

static bool
group_opening(cmark_node *p)
{
	return lone_text_is(p, "[[keep]]") || lone_text_is(p, "[[box]]") ||
	    lone_text_is(p, "[[row]]");
}

enum mdtree_group
mdtree_group_open(cmark_node *p, cmark_node **close)
{
	static const char *const mark[][2] = {
		{ "[[keep]]", "[[/keep]]" }, { "[[box]]", "[[/box]]" },
		{ "[[row]]", "[[/row]]" } };
	static const enum mdtree_group kind[] = { MDTREE_GROUP_KEEP,
		MDTREE_GROUP_BOX, MDTREE_GROUP_ROW };
	cmark_node *parent = cmark_node_parent(p), *n;
	size_t k;

	*close = NULL;
	if (parent == NULL ||
	    cmark_node_get_type(parent) != CMARK_NODE_DOCUMENT)
		return MDTREE_GROUP_NONE;
	for (k = 0; k < 3; k++) {
		if (!lone_text_is(p, mark[k][0]))
			continue;
		/* up to the next opening mark: the scans stay linear */
		for (n = cmark_node_next(p); n != NULL && !group_opening(n);
		    n = cmark_node_next(n))
			if (lone_text_is(n, mark[k][1])) {
				*close = n;
				return kind[k];
			}
	}
	return MDTREE_GROUP_NONE;
}

bool
mdtree_tier_paragraph(cmark_node *p, struct mdtree_mark *m)
{
	const char *s;
	size_t len;

	return (s = mdtree_lone_text(p, &len)) != NULL &&
	    mdtree_next_mark(s, len, m) && m->start == 0 && m->end == len &&
	    m->kind == MDTREE_MARK_TIER;
}

void
mdtree_tier_class(struct buf *out, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '-' &&
		    name[i] != '_')
			break;
	if (len == 0 || i < len)
		buf_puts(out, "other");
	else
		buf_put(out, name, len);
}

/* --------------------------------------------------------------- ids */

static void
slug(struct buf *out, const char *s, size_t n)
{
	size_t i;
	bool dash = false;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80) {
			if (dash && out->len > 0)
				buf_putc(out, '-');
			dash = false;
			buf_putc(out, c);
		} else if (isalnum(c) || c == '_' || c == '-') {
			if (dash && out->len > 0)
				buf_putc(out, '-');
			dash = false;
			buf_putc(out, tolower(c));
		} else if (c == ' ' || c == '\t')
			dash = true;
	}
}

void
mdtree_heading_id(struct mdtree_ids *ids, cmark_node *heading,
    struct buf *out)
{
	struct buf text = BUF_INIT, plain = BUF_INIT, base = BUF_INIT,
	    cand = BUF_INIT;
	size_t idx, k;

	mdtree_plain_text(heading, &text);
	mdtree_strip_marks(&plain, text.data != NULL ? text.data : "",
	    text.len);
	slug(&base, buf_str(&plain), plain.len);
	if (base.len == 0)
		buf_puts(&base, "section");
	if (strmap_put(&ids->map, base.data, base.len, ids->n, &idx)) {
		ids->next = xreallocarray(ids->next, ids->n + 1,
		    sizeof(*ids->next));
		ids->next[ids->n++] = 1;
		buf_put(out, base.data, base.len);
	} else {
		/* base-1, base-2, ... skipping ids already used */
		for (k = ids->next[idx];; k++) {
			buf_reset(&cand);
			buf_printf(&cand, "%s-%zu", base.data, k);
			if (!strmap_get(&ids->map, cand.data, cand.len, &idx))
				break;
		}
		strmap_get(&ids->map, base.data, base.len, &idx);
		ids->next[idx] = k + 1;
		strmap_put(&ids->map, cand.data, cand.len, ids->n, NULL);
		ids->next = xreallocarray(ids->next, ids->n + 1,
		    sizeof(*ids->next));
		ids->next[ids->n++] = 1;
		buf_put(out, cand.data, cand.len);
	}
	buf_free(&text);
	buf_free(&plain);
	buf_free(&base);
	buf_free(&cand);
}

void
mdtree_ids_free(struct mdtree_ids *ids)
{
	strmap_free(&ids->map);
	free(ids->next);
	ids->next = NULL;
	ids->n = 0;
}

bool
mdtree_in_tight_list(cmark_node *paragraph)
{
	cmark_node *item = cmark_node_parent(paragraph), *list;

	if (item == NULL || cmark_node_get_type(item) != CMARK_NODE_ITEM)
		return false;
	list = cmark_node_parent(item);
	return list != NULL && cmark_node_get_list_tight(list);
}
