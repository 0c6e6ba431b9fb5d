/*
 * What the report jobs share: the CSV files and the model dump, both
 * written from a computed period.
 */
#ifndef SC_JOBS_REPORT_H
#define SC_JOBS_REPORT_H

#include "compute/compute.h"
#include "util/buf.h"

void	 scores_csv(const struct workspace *, const struct period_result *,
	    struct buf *);
void	 teams_csv(const struct workspace *, const struct period_result *,
	    struct buf *);
void	 dump_model(const struct workspace *, const struct period_result *,
	    struct buf *);

#endif
