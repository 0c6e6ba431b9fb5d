/*
 * The training casebook (`scorecard casebook`): the selected case
 * retrospectives as one book, written as an HTML site and as a PDF book.
 * What jobs/casebook.c calls: it reads the workspace with the sink of
 * casebook_sales_sink (the KPI snapshots come from sales.csv), makes the book,
 * has the site and the book written into the output folder, and commits
 * it.  The parts of the book and what they share are in casebook_int.h.
 */
#ifndef SC_CASEBOOK_CASEBOOK_H
#define SC_CASEBOOK_CASEBOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "compute/sales.h"
#include "jobs/jobs.h"
#include "model/model.h"

struct casebook;
struct outdir;

/*
 * Points sink at s, for workspace_read(), with the casebook's window (the
 * rows of sales.csv summed for the KPI snapshots, snapshot.c); s starts
 * empty.  Then sales_run_finish() and sales_run_free().
 */
void	 casebook_sales_sink(struct sales_run *s, int jobs,
	    struct sales_sink *sink);

/*
 * The checks the book makes of every case of the workspace, for `scorecard
 * check`: each case's Markdown parsed, its chart blocks read, its GRAI
 * sections found, a missing one a warning (with "did you mean" for a
 * heading that nearly names it).  Returns the number of errors.
 */
size_t	 casebook_check_cases(const struct workspace *);

/*
 * Makes the book of the cases o selects, in the locale lang: selects,
 * sorts and checks the cases (every problem is reported before anything
 * is written), loads the locale and the templates, computes the KPI
 * snapshots from sales, collects the tags.  Sets *book even when it fails
 * (for casebook_free()).  Returns 0 or the exit status.
 */
int	 casebook_make(struct casebook **book, const struct workspace *,
	    const struct options *o, const char *lang,
	    struct sales_run *sales);
void	 casebook_free(struct casebook *);

/* What the book holds, for the job's messages. */
struct casebook_summary {
	const char	*lang;		/* the locale's code */
	size_t		 ncases, nlessons;
	size_t		 nincomplete;	/* cases missing a GRAI section */
};
void	 casebook_summary(const struct casebook *, struct casebook_summary *);

/*
 * The HTML site (site.c) and the PDF book (book.c), written into the
 * output folder.  Both only read the book, so that the two may be written
 * at the same time by two processes.  Return 0 or the exit status.
 */
int	 casebook_write_site(const struct casebook *, struct outdir *);
int	 casebook_write_book(const struct casebook *, struct outdir *);

/*
 * Expands every template of the book once (each case's head, the
 * lessons, each tag page, the index), the output thrown away: with a
 * template recorder set (tmpl/mustache.h), what data each template is
 * given.  Returns 0 or -1 (a template failed, reported).
 */
int	 casebook_expand_all(const struct casebook *);

#endif
