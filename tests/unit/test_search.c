/*
 * Unit tests for the casebook's search index, generator/casebook/search.c
 * (docs/templates.md, "Search"): how a case's title, tags, team, author
 * and text become index terms.  Chinese text gives each character and
 * each pair of neighbouring characters; Latin text gives words of letters
 * and digits in lower case, fullwidth forms read as ASCII; anything else
 * ends a word and a run of characters.  A book of hand-made cases goes
 * through casebook_search_index() and the terms it writes are compared
 * whole with the list worked out by hand below.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "casebook/casebook_int.h"
#include "markdown/mdtree.h"

/* The part of search-index.js after "terms": one line a term. */
static char *
terms_of(const char *js)
{
	const char *at = strstr(js, "\"terms\": {\n");

	assert_non_null(at);
	return strdup(at + strlen("\"terms\": {\n"));
}

struct book {
	struct casebook		 book;
	struct workspace	 ws;
	struct case_file	 cf[2];
	struct casebook_case	 cases[2];
	struct team		 teams[1];
	struct person		 people[1];
	char			*tags[1];
};

/*
 * Case 0: title "Q3 续约复盘", tag "续约", no team or author, text
 * "续约率 ABC-12" and a heading "Ｇｏａｌ" (fullwidth).
 * Case 1: title "Renewal", team east, author Su (S2), text "（续）ab ab".
 */
static void
make_book(struct book *b)
{
	static const char *const text[2] = {
		"续约率 ABC-12\n\n# Ｇｏａｌ\n",
		"（续）ab ab\n",
	};
	size_t i;

	memset(b, 0, sizeof(*b));
	b->teams[0].id = "east";
	b->people[0].name = "Su";
	b->people[0].rep_id = "S2";
	b->ws.teams = b->teams;
	b->ws.nteams = 1;
	b->ws.people = b->people;
	b->ws.npeople = 1;
	b->tags[0] = "续约";
	b->cf[0].title = "Q3 续约复盘";
	b->cf[0].slug = "q3";
	b->cf[0].tags = b->tags;
	b->cf[0].ntags = 1;
	b->cf[0].team = NONE;
	b->cf[0].author = NONE;
	b->cf[1].title = "Renewal";
	b->cf[1].slug = "renewal";
	b->cf[1].team = 0;
	b->cf[1].author = 0;
	for (i = 0; i < 2; i++) {
		b->cases[i].cf = &b->cf[i];
		b->cases[i].doc = mdtree_parse("t.md", text[i],
		    strlen(text[i]));
		assert_non_null(b->cases[i].doc);
	}
	b->book.ws = &b->ws;
	b->book.cases = b->cases;
	b->book.ncases = 2;
	b->book.loc.date = "{year}-{month}-{day}";
}

static void
free_book(struct book *b)
{
	size_t i;

	for (i = 0; i < 2; i++)
		if (b->cases[i].doc != NULL)
			cmark_node_free(b->cases[i].doc);
}

static void
test_terms(void **state)
{
	struct book b;
	struct buf js = BUF_INIT;
	char *terms;

	(void)state;
	make_book(&b);
	casebook_search_index(&b.book, &js);
	terms = terms_of(buf_str(&js));
	/*
	 * In byte order: the words (12, ab from case 1 only, abc, east, goal
	 * folded from fullwidth, q3, renewal, s2, su), then 复 (E5 A4 8D),
	 * 复盘, 率 (E7 8E 87), 盘 (E7 9B 98), 约 (E7 BA A6), 约复, 约率,
	 * 续 (E7 BB AD, in both cases: "（续）" has fullwidth brackets, which
	 * are not CJK), 续约.  "ab ab" is one term with case 1 once; "Q3 续"
	 * gives no pair "3续", and " " between 续约 and 复 in none: the
	 * title and the tag are apart, so no pair 盘续 either.
	 */
	assert_string_equal(terms,
	    "\"12\":[0],\n"
	    "\"ab\":[1],\n"
	    "\"abc\":[0],\n"
	    "\"east\":[1],\n"
	    "\"goal\":[0],\n"
	    "\"q3\":[0],\n"
	    "\"renewal\":[1],\n"
	    "\"s2\":[1],\n"
	    "\"su\":[1],\n"
	    "\"复\":[0],\n"
	    "\"复盘\":[0],\n"
	    "\"率\":[0],\n"
	    "\"盘\":[0],\n"
	    "\"约\":[0],\n"
	    "\"约复\":[0],\n"
	    "\"约率\":[0],\n"
	    "\"续\":[0,1],\n"
	    "\"续约\":[0]\n"
	    "}};\n");
	free(terms);
	buf_free(&js);
	free_book(&b);
}

/* A word longer than 40 letters (a hash, a URL's path) is left out. */
static void
test_long_word(void **state)
{
	struct book b;
	struct buf js = BUF_INIT;
	char *terms;

	(void)state;
	make_book(&b);
	b.book.ncases = 1;
	b.cf[0].title = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "
	    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";	/* 40, 41 */
	b.cf[0].ntags = 0;
	cmark_node_free(b.cases[0].doc);
	b.cases[0].doc = NULL;
	casebook_search_index(&b.book, &js);
	terms = terms_of(buf_str(&js));
	assert_string_equal(terms,
	    "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\":[0]\n}};\n");
	free(terms);
	buf_free(&js);
	b.book.ncases = 2;
	free_book(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_long_word),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
