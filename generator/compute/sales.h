/*
 * The sales aggregate: what one pass over sales.csv leaves behind, so that
 * any period's sales KPIs can be computed without reading the file again.
 * Revenue is kept per person and month for the whole history, new
 * customers for every month up to the end of a "detail window" (the run's
 * year to date: January to the period's last month; later rows cannot
 * change them), and the distinct counts (orders, active customers) for the
 * months and complete quarters of the window only, since they cannot be
 * summed across months.  A team's and the company's active customers
 * are their members' (docs/computation.md, "Periods and members"), so a
 * row counts there only for the periods its seller is employed in.
 * Memory grows with people x months and the window's distinct orders and
 * customers, never with rows.
 */
#ifndef SC_COMPUTE_SALES_H
#define SC_COMPUTE_SALES_H

#include "model/model.h"
#include "util/intern.h"
#include "util/keyset.h"

struct customer_first {
	sc_date		 date;		/* 0 until a positive row is seen */
	uint32_t	 person;	/* of the earliest row; of equal dates the
					 * first in the file, as rows come in order */
	/*
	 * The window's months (bits, as in active_seen) the customer was
	 * active in for the company, and for the first person and team seen
	 * with it (0: none yet); other people and teams are in active_seen.
	 * Most customers buy from one person, so the map stays small.
	 */
	uint16_t	 company_months;
	uint16_t	 person_months;
	uint16_t	 team_months;
	uint32_t	 seen_person;
	uint32_t	 seen_team;
};

struct sales_agg {
	const struct person *people;	/* team, hire and leave dates */
	size_t		 npeople;
	size_t		 nteams;

	int		 base_month;	/* month of column 0 */
	int		 nmonths;
	__int128	*revenue;	/* [month][person], cents: exact for any
					 * number of rows; sales_revenue checks */
	long		*new_customers;	/* [month][person], after finish */

	/* customer_id -> index, with its struct customer_first */
	struct intern	 customers;
	char		 last_customer[64];	/* the previous row's */
	size_t		 last_customer_len;	/* SIZE_MAX: none */
	uint32_t	 last_customer_index;
	struct customer_first *last_first;

	/* The detail window: months w0..w1 (January to the period's last
	 * month), slots 0..n-1 its months, then its complete quarters. */
	int		 w0, w1;
	uint16_t	*member;	/* [person]: the window's months
					 * they are employed in (bits) */
	/* Months of the window (bits) each order and customer was seen in;
	 * counted into the slots by sales_agg_finish. */
	struct keyset	 orders_seen;	/* person, order_id */
	struct intmap	 active_seen;	/* kind, person or team, customer;
					 * beside struct customer_first's */
	long		*orders;	/* [slot][person] */
	long		*active;	/* [slot][person] */
	long		*team_active;	/* [slot][team] */
	long		*company_active;/* [slot] */
	bool		 finished;
};

/* The window is the year to date of period; people has npeople entries. */
void	 sales_agg_init(struct sales_agg *, const struct person *people,
	    size_t npeople, size_t nteams, const struct period *window);
void	 sales_agg_row(void *agg, const struct sale *);
/* A row sales_agg_row will soon be given: fetches what it will look up
 * (stage 0 the table slots, stage 1 later the records); changes nothing. */
void	 sales_agg_ahead(void *agg, const struct sale *, int stage);
void	 sales_agg_finish(struct sales_agg *);
void	 sales_agg_free(struct sales_agg *);

/*
 * A run's sales sink (struct sales_sink): the aggregate over window starts
 * when the workspace reaches sales.csv and takes its rows.  Report runs
 * and the casebook read sales.csv through it.
 */
struct sales_run {
	struct period	 window;
	struct sales_agg agg;
	bool		 started;	/* the workspace reached sales.csv */
};

/* Points sink at run, for workspace_read(); run starts empty. */
void	 sales_run_sink(struct sales_run *run, const struct period *window,
	    int jobs, struct sales_sink *sink);
/* After workspace_read(): the sums complete, if sales.csv was reached. */
void	 sales_run_finish(struct sales_run *);
void	 sales_run_free(struct sales_run *);

/* Revenue over months m0..m1; false when it is beyond the money limit. */
bool	 sales_revenue(const struct sales_agg *, size_t person, int m0, int m1,
	    int64_t *cents);
long	 sales_new_customers(const struct sales_agg *, size_t person, int m0,
	    int m1);
/* Slot of a month or quarter inside the window, or -1 when it is not
 * covered. */
int	 sales_slot(const struct sales_agg *, const struct period *);
long	 sales_orders(const struct sales_agg *, size_t person, int slot);
long	 sales_active(const struct sales_agg *, size_t person, int slot);
long	 sales_team_active(const struct sales_agg *, size_t team, int slot);
long	 sales_company_active(const struct sales_agg *, int slot);

#endif
