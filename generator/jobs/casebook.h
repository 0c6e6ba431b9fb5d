/*
 * The training casebook (scorecard casebook, docs/templates.md): the selected
 * case retrospectives as one book.  casebook_build() makes the book from
 * the workspace: the cases in reading order (date, then file name), each
 * with its GRAI sections, its lessons and its team's KPI snapshot; the
 * tags; and the Markdown of every chapter, expanded from the templates in
 * templates/casebook/.  The HTML site (casebook.c) and the PDF book (to
 * come: cover, table of contents, a chapter per case, the lessons digest,
 * an index of tags) are two writers of the same book: they take the same
 * chapters' Markdown and differ only in how they link and lay them out.
 */
#ifndef SC_JOBS_CASEBOOK_H
#define SC_JOBS_CASEBOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "compute/compute.h"
#include "input/grai.h"
#include "jobs/jobs.h"
#include "tmpl/mustache.h"
#include "util/buf.h"
#include "view/locale.h"

struct casebook_case {
	const struct case_file	*cf;
	struct grai		 grai;		/* lines: lines of cf->body */
	size_t			*tags;		/* into casebook.tags */
	size_t			 ntags;
	size_t			 prev, next;	/* reading order; NONE */
	/* The team's numbers for the case's period (a team and a period
	 * named, sales.csv present), as the snapshot Markdown of
	 * casebook/kpi.md, placed at byte kpi_at of the body (the end of
	 * the Result section), or in the header when kpi_at is SIZE_MAX. */
	char			*kpi_md;
	size_t			 kpi_at;
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
};

/*
 * One chapter: casebook/case.md expanded for case i, then the case's own
 * text with its KPI snapshot.  root leads from the chapter to the book's
 * folder ("../" for an HTML case page); links to tags and cases are
 * root + "tags/tag-N.html", root + "cases/<slug>.html".  The case text
 * comes last, so nothing it leaves open can swallow the template's text.
 * Returns 0 or -1 (a template failed, reported).
 */
int	 casebook_chapter(const struct casebook *, size_t i, const char *root,
	    struct buf *out);
/* The lessons digest and the index of tags, with the same root rule. */
int	 casebook_lessons(const struct casebook *, const char *root,
	    struct buf *out);

#endif
