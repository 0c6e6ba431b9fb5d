/*
 * The rules of docs/computation.md for one period (month, quarter, year):
 * pure functions from the validated workspace and the sales aggregate to
 * the results below, with the trail of numbers that explains each result.
 * No I/O here; the reports and scores.csv only read these structures.
 */
#ifndef SC_COMPUTE_H
#define SC_COMPUTE_H

#include "compute/sales.h"
#include "model/model.h"

/* A value that may be absent (empty in scores.csv, "—" in reports). */
struct maybe {
	bool	 has;
	double	 v;
};

struct target_value {
	bool	 has;
	bool	 money;
	int64_t	 cents;		/* money */
	double	 value;		/* money in yuan, or the plain value */
	enum { TARGET_EXPLICIT, TARGET_DECOMPOSED, TARGET_SUMMED } how;
	struct period from;	/* the row it came from (explicit/decomposed) */
	bool	 too_large;	/* a money sum beyond the limit (cents 0) */
};

struct kpi_line {
	size_t		 kpi;
	double		 weight;
	struct maybe	 actual;
	int64_t		 actual_cents;	/* money KPIs, exact (a mean half-up) */
	struct target_value target;
	struct maybe	 attainment;
	double		 counted;	/* min(attainment, cap) */
	bool		 capped;
	double		 points;	/* weight share x counted x 100 */
};

struct review_group {
	enum relation	 relation;
	int		 raters;	/* distinct reviewers */
	int		 scores;	/* rows kept: the mean is theirs */
	int		 withheld_scores;	/* rows on a dimension too few
					 * of the group rated */
	bool		 withheld;	/* no row kept: left out entirely */
	double		 mean;
	double		 weight;
};

struct review_result {
	bool		 has_period;
	struct period	 period;	/* the review period used */
	struct review_group groups[REL_COUNT];
	int		 withheld_reviews;	/* reviewers with a row left out */
	/* The rows that may be shown (ws->reviews indexes, file order):
	 * the score, the profile and the comments come from these only. */
	size_t		*rows;
	size_t		 nrows;
	struct maybe	 raw;
	struct maybe	 score;		/* 0-100 */
	/* Ability profile: per dimension, 0-100 score */
	size_t		 ndims;
	char		**dims;		/* borrowed from the reviews */
	struct maybe	*dim_score;
};

struct commission_slice {
	int64_t		 from_micro, to_micro;
	bool		 has_to;
	int64_t		 rate_micro;
	int64_t		 base_cents;	/* revenue in the slice (rounded) */
	int64_t		 amount_cents;	/* rate x base (rounded, shown) */
};

struct commission_result {
	bool		 has;		/* false: no target, no commission */
	const char	*reason;	/* why none or 0: a code, no_target,
					   target_zero, no_revenue or
					   below_gate; the view shows the
					   locale's reason_<code> */
	int64_t		 revenue_cents;
	int64_t		 target_cents;
	struct maybe	 attainment;
	bool		 below_gate;
	struct commission_slice slices[8];
	size_t		 nslices;
	int64_t		 before_multiplier_cents;	/* rounded, shown */
	int64_t		 multiplier_micro;
	int64_t		 after_multiplier_cents;	/* rounded, shown */
	bool		 capped;
	int64_t		 amount_cents;	/* final, half-up */
	/* next bracket hint */
	bool		 has_next;
	int64_t		 next_from_micro;
	int64_t		 next_revenue_cents;	/* revenue needed in total */
	int64_t		 next_more_cents;	/* more than now */
	int64_t		 next_amount_cents;	/* what it would pay */
};

/* Revenue of the 12 months up to the period's last month, for the charts. */
#define TREND_MONTHS 12
struct trend {
	int64_t		 revenue_cents[TREND_MONTHS];
	struct maybe	 target[TREND_MONTHS];	/* yuan */
};

/*
 * A total of money beyond the limit of model/money.h, found while
 * computing: the period cannot be reported and the jobs refuse it as bad
 * data (jobs/numbers.h).  Whose total, of which KPI, for which period.
 */
enum money_total { TOTAL_ACTUAL, TOTAL_YEAR_TO_DATE, TOTAL_TARGET };

struct money_problem {
	enum money_total total;
	size_t		 kpi;		/* index into policy.kpis */
	enum target_scope scope;	/* a person, a team, the company */
	size_t		 owner;		/* NONE for the company */
	struct period	 period;
};

struct person_result {
	size_t		 person;
	bool		 active;	/* employed during the period */
	/*
	 * Measured on the team (team_scope_roles): revenue, orders,
	 * customers, every KPI actual and target are the team's; own_* keep
	 * the person's own figures, which the team's totals sum.
	 */
	bool		 team_measured;
	int64_t		 own_revenue_cents;
	long		 own_orders;
	long		 own_active_customers;
	long		 own_new_customers;
	int64_t		 revenue_cents;
	long		 orders;
	long		 active_customers;
	long		 new_customers;
	struct maybe	 avg_order_value;	/* yuan */
	int64_t		 avg_order_value_cents;	/* half-up */
	struct target_value revenue_target;
	struct maybe	 revenue_attainment;
	struct kpi_line	*kpis;		/* the role's KPIs */
	size_t		 nkpis;
	struct maybe	 kpi_score;
	struct review_result review;
	struct maybe	 composite;
	size_t		 tier;		/* NONE without composite */
	size_t		 natural_tier;	/* before forced distribution */
	int		 rank_company;	/* 1-based; 0 without composite */
	int		 rank_team;
	struct commission_result commission;
	/*
	 * Settlement (docs/computation.md): for a quarter, paid = the sum of
	 * its months' commissions and due = commission - paid (settle:
	 * quarterly; floored at 0 without clawback); for a month, paid =
	 * commission and due = 0.  ytd = the months' commissions from
	 * January plus the dues of the quarters ended by then.  0 without.
	 */
	int64_t		 commission_paid_cents;
	int64_t		 commission_due_cents;
	int64_t		 commission_ytd_cents;
	/* growth and pace */
	struct maybe	 growth_prev;	/* vs the previous period */
	struct maybe	 growth_year;	/* vs the same period a year before */
	int64_t		 prev_revenue_cents;
	int64_t		 year_ago_revenue_cents;
	int64_t		 ytd_cents;
	int		 elapsed_months;
	int64_t		 run_rate_cents;
	struct target_value year_target;
	struct maybe	 run_rate_attainment;
	struct trend	 trend;
	/* feedback loop */
	bool		 needs_action;	/* revenue attainment < alert_below */
	int		 open_actions;
	int		 overdue_actions;
	int		 closed_actions;	/* in the period */
	bool		 missing_plan;	/* needs one and has no open action */
};

struct group_result {		/* a team or the company */
	size_t		 team;		/* NONE for the company */
	size_t		 members;
	int64_t		 revenue_cents;
	long		 orders;
	long		 active_customers;
	long		 new_customers;
	struct target_value revenue_target;
	struct maybe	 revenue_attainment;
	/* explicit target vs the sum of the members' targets */
	bool		 has_member_sum;
	int64_t		 member_sum_cents;
	bool		 target_gap;	/* they differ by more than 0.5 % */
	size_t		*tier_counts;	/* per tier */
	size_t		*tier_rooms;	/* per tier; SIZE_MAX = unlimited */
	struct trend	 trend;
};

struct period_result {
	struct period	 period;
	struct person_result *people;	/* one per person in the workspace */
	size_t		 npeople;
	struct group_result *teams;	/* one per team */
	size_t		 nteams;
	struct group_result company;
	struct money_problem *problems;	/* none: the period can be reported */
	size_t		 nproblems;
};

void	 compute_period(const struct workspace *, const struct sales_agg *,
	    const struct period *, struct period_result *);
/*
 * The same without the settlement: paid, due and the year to date stay 0
 * (settling recomputes every month from January); every other figure,
 * and the money problems, as compute_period() gives them.  For callers
 * that show no pay: the casebook's KPI snapshots.
 */
void	 compute_period_unsettled(const struct workspace *,
	    const struct sales_agg *, const struct period *,
	    struct period_result *);
void	 period_result_free(struct period_result *);

/* Exposed for the unit tests. */
struct target_value target_for(const struct workspace *, enum target_scope,
	    size_t owner, size_t kpi, const struct period *);
struct maybe attainment(const struct kpi_def *, double actual, double target,
	    bool has_target);
void	 commission_compute(const struct policy *, int64_t revenue_cents,
	    const struct target_value *target, int64_t multiplier_micro,
	    struct commission_result *);
void	 review_compute(const struct workspace *, size_t person,
	    const struct period *, struct review_result *);
bool	 review_period(const struct workspace *, const struct period *,
	    struct period *review);
/* review: the review period (from review_period), or NULL for none. */
void	 review_compute_rows(const struct workspace *, const size_t *rows,
	    size_t nrows, const struct period *review, struct review_result *);
void	 review_result_free(struct review_result *);
/* Tiers over people[order[0..n-1]] (docs/computation.md, "Tiers"). */
void	 assign_tiers(const struct workspace *, struct person_result **,
	    size_t n, size_t *rooms, size_t *counts);
void	 rank_order(const struct workspace *, struct person_result **, size_t);
bool	 employed_in(const struct person *, const struct period *);
bool	 target_gap(const struct workspace *, enum target_scope, size_t owner,
	    size_t kpi, const struct period *, struct target_value *explicit_v,
	    struct target_value *sum);
int64_t	 round_half_up_div(__int128 num, __int128 den);

#endif
