/*
 * The casebook's search index (see casebook_int.h): search-index.js, which
 * templates/casebook/search.js reads in the browser.  The two cut text
 * into terms the same way: a change to one is a change to the other
 * (docs/templates.md, "Search").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/strmap.h"
#include "util/utf8.h"
#include "casebook/casebook_int.h"
#include "markdown/mdtree.h"

/*
 * The index: every term of a case (its title, tags, team, author and
 * text) to the cases that hold it.  Terms are each CJK character, each
 * pair of neighbouring CJK characters, and each Latin word (letters and
 * digits, lower case; fullwidth forms as ASCII).  search.js cuts a query
 * the same way and keeps the cases that hold every term (a prefix, for
 * the words).  A pair found in two places can match a phrase that is not
 * there: rare enough for a book of cases.
 */
struct search_index {
	struct strmap	 terms;		/* term -> index into postings */
	char		**names;
	struct posting {
		size_t	*cases;
		size_t	 n;
	}		*postings;
	size_t		 nterms;
	size_t		 current;	/* the case being added */
};

static bool
search_cjk(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff) ||
	    (c >= 0x3040 && c <= 0x30ff) || (c >= 0xac00 && c <= 0xd7af);
}

static uint32_t
search_fold(uint32_t c)
{
	if (c >= 0xff01 && c <= 0xff5e)		/* fullwidth ASCII */
		c -= 0xfee0;
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return c;
}

#define SEARCH_MAX_WORD 40	/* longer "words" (hashes, URLs) are left out */

static void
search_term(struct search_index *x, const char *term, size_t len)
{
	size_t k, existing;
	struct posting *p;

	if (strmap_put(&x->terms, term, len, x->nterms, &existing)) {
		x->postings = xreallocarray(x->postings, x->nterms + 1,
		    sizeof(*x->postings));
		x->names = xreallocarray(x->names, x->nterms + 1,
		    sizeof(char *));
		x->postings[x->nterms].cases = NULL;
		x->postings[x->nterms].n = 0;
		x->names[x->nterms] = xstrndup(term, len);
		k = x->nterms++;
	} else
		k = existing;
	p = &x->postings[k];
	if (p->n > 0 && p->cases[p->n - 1] == x->current)
		return;
	p->cases = xreallocarray(p->cases, p->n + 1, sizeof(size_t));
	p->cases[p->n++] = x->current;
}

static void
search_text(struct search_index *x, const char *s, size_t len)
{
	const char *end = s + len;
	char word[SEARCH_MAX_WORD + 1], pair[8];
	size_t wn = 0, pn;
	uint32_t c, prev = 0;
	bool too_long = false;

	for (;;) {
		if (s < end) {
			s += utf8_next(s, (size_t)(end - s), &c);
			c = search_fold(c);
		} else
			c = 0;
		if (c < 0x80 && ((c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9'))) {
			prev = 0;
			if (wn < SEARCH_MAX_WORD)
				word[wn++] = (char)c;
			else
				too_long = true;
			continue;
		}
		if (wn > 0 && !too_long)
			search_term(x, word, wn);
		wn = 0;
		too_long = false;
		if (c == 0)
			break;
		if (!search_cjk(c)) {
			prev = 0;
			continue;
		}
		pn = utf8_encode(c, pair);
		search_term(x, pair, pn);
		if (prev != 0) {
			pn = utf8_encode(prev, pair);
			pn += utf8_encode(c, pair + pn);
			search_term(x, pair, pn);
		}
		prev = c;
	}
}

/* A JSON string that is also inert inside an HTML script element. */
static void
json_string(struct buf *b, const char *s)
{
	const char *end = s + strlen(s);
	uint32_t c;
	size_t n;

	buf_putc(b, '"');
	while (s < end) {
		unsigned char u = (unsigned char)*s;

		if (u >= 0x80) {
			if ((n = utf8_decode(s, (size_t)(end - s), &c)) == 0) {
				buf_puts(b, "\\ufffd");
				s++;
			} else if (c == 0x2028 || c == 0x2029) {
				buf_printf(b, "\\u%04x", (unsigned)c);
				s += n;
			} else {
				buf_put(b, s, n);
				s += n;
			}
			continue;
		}
		if (u < 0x20 || u == 0x7f || u == '"' || u == '\\' ||
		    u == '<' || u == '>' || u == '&' || u == '\'')
			buf_printf(b, "\\u%04x", u);
		else
			buf_putc(b, (char)u);
		s++;
	}
	buf_putc(b, '"');
}

static int
compare_term_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The text of a case for the index, a line per paragraph, heading or table
 * cell, so that the last word of one and the first of the next stay two
 * words ("Goal" and "Revenue", not "goalrevenue").
 */
static void
search_plain_text(cmark_node *doc, struct buf *out)
{
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node *n;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(iter);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH ||
		    cmark_node_get_type(n) == CMARK_NODE_HEADING ||
		    mdtree_is(n, "table_cell")) {
			mdtree_plain_text(n, out);
			buf_putc(out, '\n');
			cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);
		}
	}
	cmark_iter_free(iter);
}

void
casebook_search_index(const struct casebook *book, struct buf *out)
{
	const struct workspace *ws = book->ws;
	struct search_index x;
	struct buf text = BUF_INIT;
	char **sorted;
	size_t i, k, t;

	memset(&x, 0, sizeof(x));
	for (i = 0; i < book->ncases; i++) {
		const struct case_file *cf = book->cases[i].cf;

		x.current = i;
		buf_reset(&text);
		buf_puts(&text, cf->title);
		for (k = 0; k < cf->ntags; k++)
			buf_printf(&text, "\n%s", cf->tags[k]);
		if (cf->team != NONE)
			buf_printf(&text, "\n%s\n%s", ws->teams[cf->team].id,
			    team_display(&ws->policy, ws->teams[cf->team].id));
		if (cf->author != NONE)
			buf_printf(&text, "\n%s\n%s", ws->people[cf->author].name,
			    ws->people[cf->author].rep_id);
		buf_putc(&text, '\n');
		if (book->cases[i].doc != NULL)
			search_plain_text(book->cases[i].doc, &text);
		search_text(&x, text.data, text.len);
	}
	buf_puts(out, "/* The casebook's search index, for search.js "
	    "(generated by scorecard). */\nwindow.CASEBOOK_SEARCH = {\"cases\":"
	    " [\n");
	for (i = 0; i < book->ncases; i++) {
		const struct case_file *cf = book->cases[i].cf;

		buf_reset(&text);
		fmt_date(&text, &book->loc, cf->date);
		buf_puts(out, "[");
		json_string(out, cf->title);
		buf_puts(out, ",");
		buf_printf(out, "\"cases/%s.html\",", cf->slug);	/* an id */
		json_string(out, buf_str(&text));
		buf_puts(out, ",");
		json_string(out, cf->team != NONE ? team_display(&ws->policy,
		    ws->teams[cf->team].id) : "");
		buf_puts(out, i + 1 < book->ncases ? "],\n" : "]\n");
	}
	buf_puts(out, "],\n\"terms\": {\n");
	sorted = xcalloc(x.nterms ? x.nterms : 1, sizeof(char *));
	for (t = 0; t < x.nterms; t++)
		sorted[t] = x.names[t];
	if (x.nterms > 0)
		qsort(sorted, x.nterms, sizeof(char *), compare_term_names);
	for (t = 0; t < x.nterms; t++) {
		const struct posting *p;

		strmap_get(&x.terms, sorted[t], strlen(sorted[t]), &k);
		p = &x.postings[k];
		json_string(out, sorted[t]);
		buf_puts(out, ":[");
		for (i = 0; i < p->n; i++)
			buf_printf(out, i ? ",%zu" : "%zu", p->cases[i]);
		buf_puts(out, t + 1 < x.nterms ? "],\n" : "]\n");
	}
	buf_puts(out, "}};\n");
	for (t = 0; t < x.nterms; t++) {
		free(x.names[t]);
		free(x.postings[t].cases);
	}
	free(sorted);
	free(x.names);
	free(x.postings);
	strmap_free(&x.terms);
	buf_free(&text);
}
