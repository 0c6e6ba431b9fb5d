/*
 * Joining CJK lines (see cjk.h).  The tree is walked with cmark's
 * iterator and breaks are removed after the walk, so the iterator never
 * sees a freed node.  No recursion: a hostile document may nest deeply.
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/utf8.h"
#include "markdown/cjk.h"

bool
cjk_char(uint32_t cp)
{
	return utf8_is_cjk(cp) || cp == 0x2014 || cp == 0x2026;
}

/* The text of a node that carries characters a reader sees. */
static const char *
node_text(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		return cmark_node_get_literal(n);
	default:
		return NULL;
	}
}

/* True for the inline containers whose text continues their neighbours'. */
static bool
is_inline_container(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_LINK:
		return true;
	default:
		/* strikethrough is an extension node: known by name only */
		return strcmp(cmark_node_get_type_string(n), "strikethrough")
		    == 0;
	}
}

/* The last code point of s, or 0. */
static uint32_t
last_code_point(const char *s)
{
	size_t n = strlen(s), start;
	uint32_t cp;

	if (n == 0)
		return 0;
	start = n - 1;
	while (start > 0 && n - start < 4 &&
	    ((unsigned char)s[start] & 0xc0) == 0x80)
		start--;
	if (utf8_decode(s + start, n - start, &cp) != n - start)
		return 0;
	return cp;
}

static uint32_t
first_code_point(const char *s)
{
	uint32_t cp;

	if (utf8_decode(s, strlen(s), &cp) == 0)
		return 0;
	return cp;
}

/*
 * The character next to a softbreak: the nearest end of the sibling on
 * that side, descending into emphasis and links.  0 when there is no
 * text there (an image, a hard break, the end of the paragraph).
 */
static uint32_t
neighbour_char(cmark_node *n, bool before)
{
	const char *text;

	while (n != NULL) {
		if ((text = node_text(n)) != NULL) {
			if (*text == '\0') {
				/* an empty text node: look past it */
				n = before ? cmark_node_previous(n) :
				    cmark_node_next(n);
				continue;
			}
			return before ? last_code_point(text) :
			    first_code_point(text);
		}
		if (!is_inline_container(n))
			return 0;
		n = before ? cmark_node_last_child(n) :
		    cmark_node_first_child(n);
	}
	return 0;
}

void
cjk_join_softbreaks(cmark_node *root)
{
	cmark_iter *iter;
	cmark_event_type ev;
	cmark_node *n, **doomed = NULL;
	size_t ndoomed = 0, cap = 0, i;
	uint32_t before, after;

	if (root == NULL)
		return;
	iter = cmark_iter_new(root);
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(iter);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_SOFTBREAK)
			continue;
		before = neighbour_char(cmark_node_previous(n), true);
		after = neighbour_char(cmark_node_next(n), false);
		if (!cjk_char(before) || !cjk_char(after))
			continue;
		if (ndoomed == cap) {
			cap = cap ? cap * 2 : 16;
			doomed = xreallocarray(doomed, cap, sizeof(*doomed));
		}
		doomed[ndoomed++] = n;
	}
	cmark_iter_free(iter);
	for (i = 0; i < ndoomed; i++)
		cmark_node_free(doomed[i]);	/* unlinks it too */
	free(doomed);
}
