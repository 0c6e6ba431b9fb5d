/*
 * The HTML pages of a month or quarter: the company page (index.html), a
 * page per team and per person, written into an output folder; and the
 * top-level output/index.html that lists every period.
 */
#ifndef SC_JOBS_PAGES_H
#define SC_JOBS_PAGES_H

#include "compute/compute.h"
#include "jobs/jobs.h"
#include "jobs/outdir.h"

int	 pages_write(const struct options *, const struct workspace *,
	    const struct period_result *, const struct sales_agg *,
	    struct outdir *);
/* Rewrites output/index.html from the folders present; 0 or a code. */
int	 pages_write_index(const char *output_dir, const char *lang);

#endif
