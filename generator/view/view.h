/*
 * The view: the computed period turned into the names report templates
 * see (documented in docs/templates.md).  Every number arrives formatted
 * for the locale; charts arrive as ready chart-block bodies (YAML) for
 * {{{charts.name}}} inside a ```chart fence.  Pure: no I/O.
 */
#ifndef SC_VIEW_H
#define SC_VIEW_H

#include "compute/compute.h"
#include "util/diag.h"
#include "tmpl/mustache.h"
#include "view/locale.h"

struct view_context {
	const struct workspace	*ws;
	const struct period_result *res;
	const struct sales_agg	*agg;
	const struct locale	*loc;
	const char		*generated;	/* the report's date, as text */
	const struct diag_record *problems;	/* rows skipped, notes */
	size_t			 nproblems;
	/* Set by view_index (else every view scans every row): the actions
	 * of person p, in file order, are actions_of[k] for k in
	 * [actions_at[p], actions_at[p + 1]).  (A person's reviews come
	 * with the result: review_result.rows.) */
	size_t			*actions_at, *actions_of;
};

/* Indexes the actions by person, for the views of a run. */
void		 view_index(struct view_context *);
void		 view_index_free(struct view_context *);

/* Data for one person's report (people index i). */
struct tmpl_value *view_person(const struct view_context *, size_t person);
/* Data for one team's report. */
struct tmpl_value *view_team(const struct view_context *, size_t team);
/* Data for the company report. */
struct tmpl_value *view_company(const struct view_context *);

#endif
