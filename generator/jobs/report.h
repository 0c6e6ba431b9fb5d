/*
 * What the report jobs share: the CSV files and the model dump, both
 * written from a computed period, and the refusal of a period whose
 * money totals are beyond the limit.
 */
#ifndef SC_JOBS_REPORT_H
#define SC_JOBS_REPORT_H

#include "compute/compute.h"
#include "util/buf.h"

void	 scores_csv(const struct workspace *, const struct period_result *,
	    struct buf *);
void	 teams_csv(const struct workspace *, const struct period_result *,
	    struct buf *);
/* Reports each total compute_period found too large; whether any was. */
bool	 report_money_problems(const struct workspace *,
	    const struct period_result *);
void	 dump_model(const struct workspace *, const struct period_result *,
	    struct buf *);

#endif
