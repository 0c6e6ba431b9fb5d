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
};

/* Data for one person's report (people index i). */
struct tmpl_value *view_person(const struct view_context *, size_t person);
/* Data for one team's report. */
struct tmpl_value *view_team(const struct view_context *, size_t team);
/* Data for the company report. */
struct tmpl_value *view_company(const struct view_context *);

#endif
