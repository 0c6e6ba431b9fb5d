/*
 * The inside of the casebook, shared by the files of casebook/ and by
 * nothing else: the book (the selected cases in reading order, each with
 * its parsed text, GRAI sections, tags and KPI snapshot; the tags; the
 * compiled templates) and what one part calls in another.
 *
 *   select.c    which cases, in which order, checked; the tags; making and
 *               freeing the book
 *   snapshot.c  the KPI snapshots, from the rows of sales.csv
 *   data.c      the template data and the chapters' Markdown
 *   search.c    the search index (search-index.js)
 *   site.c      the HTML site
 *   book.c      the PDF book
 *
 * The site and the book are two writers of the same book: they take the
 * same chapters' Markdown and differ only in how they link and lay them
 * out.  Once made, the book is only read.
 */
#ifndef SC_CASEBOOK_CASEBOOK_INT_H
#define SC_CASEBOOK_CASEBOOK_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

#include "casebook/casebook.h"
#include "input/grai.h"
#include "jobs/jobs.h"
#include "tmpl/mustache.h"
#include "util/buf.h"
#include "view/locale.h"

struct casebook_case {
	const struct case_file	*cf;
	cmark_node		*doc;		/* cf->body parsed; NULL when
						   it could not be */
	struct grai		 grai;		/* lines: lines of cf->body */
	size_t			*tags;		/* into casebook.tags */
	size_t			 ntags;
	size_t			 prev, next;	/* reading order; NONE */
	/* The team's numbers for the case's period (a team and a period
	 * named, sales.csv present), as the snapshot Markdown of
	 * casebook/kpi.md.  It goes at the end of the Result section: then
	 * kpi_doc is that Markdown parsed, to be put before kpi_before, the
	 * node of doc that ends the section (NULL: after the last node).
	 * Without a place in the text (kpi_doc NULL) it goes in the header,
	 * as Markdown. */
	char			*kpi_md;
	cmark_node		*kpi_doc;
	cmark_node		*kpi_before;
};

/*
 * A case's tree lent to a chapter (see casebook_lend()): the case's top
 * nodes, from first to last, now children of the chapter's document, and
 * among them the snapshot's, from kpi_first to kpi_last (NULL when none).
 */
struct casebook_loan {
	cmark_node		*first, *last;
	cmark_node		*kpi_first, *kpi_last;
};

struct casebook_tag {
	char			*name;
	char			 file[32];	/* "tag-3": never the name itself */
	size_t			*cases;		/* into casebook.cases */
	size_t			 ncases;
	size_t			 nlessons;
	size_t			 nfirst_lessons;	/* of cases it is the
						   first tag of */
};

struct casebook {
	const struct workspace	*ws;
	const struct options	*o;
	struct locale		 loc;
	struct casebook_case	*cases;
	size_t			 ncases;
	struct casebook_tag	*tags;		/* sorted by name (bytes) */
	size_t			 ntags;
	size_t			 nlessons;
	size_t			 nincomplete;	/* cases missing a section */
	char			*selection;	/* what the options chose; NULL */
	struct tmpl		*t_case, *t_kpi, *t_index, *t_lessons, *t_tag;
	/* The site's static files (casebook/style.css inside a <style>
	 * element, casebook/search.js), read only when HTML is asked for. */
	char			*style;
	char			*search_js;
	size_t			 search_js_len;
};

/* select.c: the tag named name (its place in casebook.tags), or NONE. */
size_t	 casebook_tag_index(const struct casebook *, const char *name);

/* snapshot.c: the KPI snapshot of every case that names a team and a
 * period, when sales.csv was read.  Returns 0 or the exit status. */
int	 casebook_add_snapshots(struct casebook *, struct sales_run *);

/* data.c: compiles the five templates of templates/casebook/.  Returns 0
 * or the exit status. */
int	 casebook_compile_templates(struct casebook *);
/*
 * One chapter is the head, casebook/case.md expanded for case i, then the
 * case's own text with its KPI snapshot.  The head is Markdown, parsed by
 * the caller; the case's text is the tree select.c parsed, which the
 * caller borrows with casebook_lend() and gives back with
 * casebook_give_back() before the book is used again.
 *
 * casebook_chapter_head: the head; root leads from the chapter to the
 * book's folder ("../" for an HTML case page); links to tags and cases
 * are root + "tags/tag-N.html", root + "cases/<slug>.html".  Returns 0
 * or -1 (a template failed, reported).
 */
int	 casebook_chapter_head(const struct casebook *, size_t i,
	    const char *root, struct buf *out);
/*
 * Moves the top nodes of case i's tree to the end of doc, with the KPI
 * snapshot's nodes before kpi_before (or after the last), and says in
 * loan which they are.  Renderers only read a tree, so the case's tree is
 * not copied: it is parsed once and lent to the site's page and to the
 * book in turn.
 */
void	 casebook_lend(const struct casebook *, size_t i, cmark_node *doc,
	    struct casebook_loan *loan);
/* Moves the nodes of loan back into the case's tree and the snapshot's. */
void	 casebook_give_back(const struct casebook *, size_t i,
	    const struct casebook_loan *loan);
/* The lessons digest and the index of tags, with the same root rule. */
int	 casebook_lessons(const struct casebook *, const char *root,
	    struct buf *out);
/* The page of tag t (root "../") and the index page (root ""): 0 or -1. */
int	 casebook_tag_page(const struct casebook *, size_t t, struct buf *out);
int	 casebook_index_page(const struct casebook *, struct buf *out);
/*
 * A count in words: the label key ("共 {n} 个案例") with n; for 1 the
 * label key_one when the locale has it ("1 case"), which need not hold
 * {n}.  A label without {n} gets the number in front.
 */
void	 casebook_label_n(struct buf *, const struct locale *, const char *key,
	    size_t n);
/*
 * Calls fn for each heading of doc in order with its level, the id the
 * renderers give it and its plain text.
 */
void	 casebook_headings(cmark_node *doc,
	    void (*fn)(void *arg, int level, const char *id, const char *text),
	    void *arg);
/* Sets key of map m to the text of b, and empties b. */
void	 casebook_set_buf(struct tmpl_value *m, const char *key, struct buf *b);

/* search.c: search-index.js, the index of every selected case. */
void	 casebook_search_index(const struct casebook *, struct buf *out);

/* site.c: reads the site's static files into the book.  Returns 0 or the
 * exit status. */
int	 casebook_site_load(struct casebook *);

#endif
