/*
 * The numbers of a computed period as text: scores.csv and teams.csv
 * (scores_csv.c) and the model dump of --dump model (dump.c); and the
 * refusal of a period whose money totals are beyond the limit. For the
 * report jobs and their tests.
 */
#ifndef SC_JOBS_NUMBERS_H
#define SC_JOBS_NUMBERS_H

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
