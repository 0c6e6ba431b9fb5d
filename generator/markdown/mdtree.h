/*
 * The document tree: what every stage that reads report Markdown reads.
 * generator/markdown/ owns it.  mdtree_parse() turns the Markdown a
 * template expanded to (or a case's body) into a cmark-gfm tree with the
 * same options and the same post-processing for every output format.
 * Parse a document once and hand the tree to each reader: the HTML
 * renderer (html_render()), the PDF renderer (pdf_render()), the GRAI
 * sections of a case (input/grai.h), the casebook.  Readers never change
 * the tree.  The helpers below are the report conventions the
 * renderers share (which links are allowed, which table cells are
 * numbers, the [[tier:…]] and [[bar:…]] marks, heading ids).  Any stage
 * may include this header.
 *
 * Extension nodes have no type constants in cmark-gfm's headers: compare
 * cmark_node_get_type_string() with mdtree_is().
 */
#ifndef SC_MARKDOWN_MDTREE_H
#define SC_MARKDOWN_MDTREE_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

#include "util/strmap.h"

struct buf;

/*
 * Bounds on what is parsed at all.  cmark-gfm 0.29 (Debian 12) lacks the
 * upstream fixes for two pathological inputs: brackets like "![[]()"
 * repeated take time growing faster than their number (0.5 s for 26,000
 * brackets, a minute for 100,000), and the table extension pads every
 * row to the header's width, so 16 KB of Markdown can make six million
 * cells (1.4 GB of memory).  Inputs beyond these bounds are refused with
 * a message instead.  A table is counted from its delimiter row to the
 * next blank line.
 */
#define MDTREE_MAX_BYTES	(4u << 20)
#define MDTREE_MAX_BRACKETS	20000	/* "[" not escaped by a backslash */
#define MDTREE_MAX_COLUMNS	64	/* in one table */
#define MDTREE_MAX_CELLS	200000	/* in all tables together */

/*
 * Parses md with the GFM extensions table, tasklist, strikethrough and
 * autolink, without smart punctuation, with invalid UTF-8 replaced by
 * U+FFFD; then joins CJK soft breaks (cjk.h) and merges adjacent text
 * nodes.  Raw HTML stays in the tree as HTML_BLOCK / HTML_INLINE nodes:
 * renderers must drop it.  Returns NULL after a diag() when the input is
 * beyond the bounds above.  Free with cmark_node_free().
 */
cmark_node	*mdtree_parse(const char *source_name, const char *md,
		    size_t len);
/* The same for text that begins on line first_line of its file (a case's
 * body after its front matter), so that messages give the file's lines. */
cmark_node	*mdtree_parse_at(const char *source_name, const char *md,
		    size_t len, long first_line);

/* True when the node's type string is name ("table", "tasklist", ...). */
bool		 mdtree_is(cmark_node *, const char *name);

/* A fenced code block whose info string's first word is "chart". */
bool		 mdtree_is_chart(cmark_node *);

/*
 * Appends the text a reader sees in the node's subtree: text, code spans,
 * a space for each line break, an image's description.  Marks are left
 * in (strip them with mdtree_strip_marks if needed).
 */
void		 mdtree_plain_text(cmark_node *, struct buf *);

/*
 * Link policy: http:, https:, mailto: and relative URLs (no scheme).
 * Images may not use mailto:.  Anything else (javascript:, data:,
 * vbscript:, file:, ...) is refused; the renderer then shows the link's
 * text without a link, and an image's description as text.  Tabs and
 * line breaks inside the URL are ignored as browsers ignore them; other
 * control characters refuse the URL.
 */
bool		 mdtree_url_allowed(const char *url, bool image);

/*
 * A table cell that reads as a number: "1234", "-3.5", "1,234.50",
 * "¥1,234.50", "86.3%", "+12.5 %", "12.5pp", "3 万元", "—" is not.
 * Leading and trailing spaces are ignored.
 */
bool		 mdtree_is_number(const char *s, size_t len);

/*
 * Report marks inside text:
 *   [[tier:A]]    a tier badge; the name is 1-32 bytes without "[]" and
 *                 without control characters
 *   [[bar:0.863]] a KPI bar for a ratio (1 = 100 %); the number is a
 *                 plain decimal, optionally negative
 * Anything else between [[ and ]] is ordinary text.
 */
enum mdtree_mark_kind { MDTREE_MARK_TIER, MDTREE_MARK_BAR };

struct mdtree_mark {
	enum mdtree_mark_kind	 kind;
	size_t			 start;		/* offset of "[[" */
	size_t			 end;		/* offset after "]]" */
	const char		*name;		/* TIER: the name, in s */
	size_t			 name_len;
	double			 ratio;		/* BAR */
};

/* Finds the first mark in s[0..len); false when there is none. */
bool		 mdtree_next_mark(const char *s, size_t len,
		    struct mdtree_mark *);

/* Appends s without its marks (for number detection and slugs). */
void		 mdtree_strip_marks(struct buf *, const char *s, size_t len);

/*
 * Appends the tier name as a CSS class suffix: the name itself when it is
 * made of ASCII letters, digits, "-" and "_", else "other".
 */
void		 mdtree_tier_class(struct buf *, const char *name, size_t len);

/*
 * The text of a paragraph made of one text node, without its leading and
 * trailing spaces (its length in *len), or NULL: a paragraph that may be
 * a mark standing alone (a large tier badge, a page break).
 */
const char	*mdtree_lone_text(cmark_node *paragraph, size_t *len);
/*
 * Groups of blocks.  A paragraph "[[keep]]", "[[box]]" or "[[row]]" at
 * the top level of the document opens a group when a later top-level
 * paragraph "[[/keep]]", "[[/box]]" or "[[/row]]" closes it; the blocks
 * between are kept on one page (when a page holds them).  A box is drawn
 * framed and shaded, its tables as rows of large figures; the blocks of
 * a row stand side by side in columns of equal width.  Groups do not
 * nest: inside one, or without its closing mark before the next opening
 * one, a mark is ordinary text.  Returns the kind and the closing
 * paragraph in *close, or MDTREE_GROUP_NONE.
 */
enum mdtree_group {
	MDTREE_GROUP_NONE, MDTREE_GROUP_KEEP, MDTREE_GROUP_BOX,
	MDTREE_GROUP_ROW
};

enum mdtree_group mdtree_group_open(cmark_node *paragraph, cmark_node **close);

/*
 * Whether a paragraph is one tier mark and nothing else (spaces aside),
 * shown as a large badge on a line of its own by the HTML and the PDF;
 * sets *m (its name points into the paragraph's text).
 */
bool		 mdtree_tier_paragraph(cmark_node *paragraph,
		    struct mdtree_mark *m);

/*
 * Heading ids: the heading's plain text, ASCII letters lowercased, spaces
 * as "-", ASCII punctuation other than "-" and "_" dropped, other
 * characters (Chinese) kept; "section" when nothing is left.  The second
 * heading with the same id gets "-1" appended, the third "-2", and so on.
 */
struct mdtree_ids {
	struct strmap	 map;	/* id -> index into next */
	size_t		*next;	/* the next suffix to try for that id */
	size_t		 n;
};

#define MDTREE_IDS_INIT { { NULL, 0, 0 }, NULL, 0 }

/* Appends a unique id for the heading to out and remembers it. */
void		 mdtree_heading_id(struct mdtree_ids *, cmark_node *heading,
		    struct buf *out);
void		 mdtree_ids_free(struct mdtree_ids *);

/* A paragraph inside an item of a tight list (drawn without spacing). */
bool	 mdtree_in_tight_list(cmark_node *paragraph);

#endif
