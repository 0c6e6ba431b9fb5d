/*
 * The workspace model: everything read from input/, validated.  The input
 * stage writes it (input/workspace.c), later stages only read it; after
 * validation every index in it is in range and every reference resolves,
 * so the computation needs no checks of its own.  sales.csv is not held
 * here: its rows stream through a struct sales_sink.
 */
#ifndef SC_MODEL_H
#define SC_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/calendar.h"
#include "model/money.h"
#include "util/strmap.h"

#define NONE ((size_t)-1)

/* ---- policy.yaml ---- */

enum kpi_source { SOURCE_SALES, SOURCE_METRICS };
enum kpi_agg { AGG_SUM, AGG_MEAN };
enum kpi_unit { UNIT_MONEY, UNIT_COUNT, UNIT_SCORE, UNIT_RATIO };

struct kpi_def {
	char		*name;
	enum kpi_source	 source;
	enum kpi_agg	 agg;
	enum kpi_unit	 unit;
	bool		 has_cap;
	double		 cap;		/* attainment counted up to this */
	bool		 higher_is_better;
};

/* Commission bracket, in units of 10^-6 (attainment and rate). */
struct bracket {
	int64_t		 from_micro;
	bool		 has_to;
	int64_t		 to_micro;
	int64_t		 rate_micro;
};

struct role_weight {
	size_t		 kpi;		/* index into policy.kpis */
	double		 weight;
};

/*
 * A role's own commission plan (commission_by_role): the effective
 * `commission` with the keys the role names laid over it, brackets
 * replaced whole (its own copy).
 */
struct role_plan {
	size_t		 base;		/* kpi index */
	bool		 flat;
	int64_t		 gate_micro;
	bool		 has_cap;
	int64_t		 cap_cents;
	struct bracket	*brackets;
	size_t		 nbrackets;
	bool		 settle_monthly;
	bool		 clawback;
};

struct role_def {
	char		*name;
	struct role_weight *weights;
	size_t		 nweights;
	bool		 team_scope;	/* in team_scope_roles */
	bool		 has_plan;	/* in commission_by_role */
	struct role_plan plan;
};

struct tier_def {
	char		*name;
	double		 min_score;
	int64_t		 min_score_micro;
	bool		 has_max_share;
	double		 max_share;
	int64_t		 max_share_micro;
	int64_t		 multiplier_micro;	/* exact: 1.2 = 1200000 */
	char		*honor;			/* may be NULL */
};


enum relation {
	REL_SELF, REL_MANAGER, REL_PEER, REL_REPORT, REL_CUSTOMER, REL_COUNT
};

enum input_file {
	FILE_TEAM, FILE_SALES, FILE_TARGETS, FILE_METRICS, FILE_REVIEWS,
	FILE_ACTIONS, FILE_COUNT
};

/* A header name that replaces a column's own, from policy `columns:`. */
struct column_rename {
	const char	*column;	/* our name */
	const char	*header;	/* the export's header */
	long		 line;		/* where policy.yaml says so */
};

/* A display name for an id (organisation.teams, organisation.roles). */
struct display_name {
	char		*id;
	char		*name;
	long		 line;		/* in policy.yaml */
};

/* organisation: how the documents name the company and its parts. */
struct organisation {
	char		*company;	/* NULL: not given */
	struct display_name *teams;
	size_t		 nteams;
	struct display_name *roles;
	size_t		 nroles;
	char		*logo;		/* as written, relative to the input
					   folder; NULL: none */
	long		 logo_line;	/* in policy.yaml, for messages */
	char		*sender;	/* From: of `send`; NULL: not given */
};

struct policy {
	const char	*path;		/* policy.yaml, or NULL for defaults */
	struct organisation org;
	char		*currency;
	char		*locale;	/* "zh-CN" or "en" */
	double		 seasonality[12];
	int64_t		 seasonality_micro[12];	/* exact, for money */
	struct kpi_def	*kpis;
	size_t		 nkpis;
	struct role_def	*roles;
	size_t		 nroles;
	double		 composite_kpi;
	double		 composite_review;
	double		 scale_lo, scale_hi;
	double		 relation_weight[REL_COUNT];
	int		 min_raters;
	struct tier_def	*tiers;
	size_t		 ntiers;
	bool		 tiers_by_team;	/* tiers_scope: team */
	size_t		 commission_base;	/* kpi index */
	bool		 commission_flat;	/* mode: flat */
	int64_t		 gate_micro;
	bool		 has_commission_cap;
	int64_t		 commission_cap_cents;
	struct bracket	*brackets;
	size_t		 nbrackets;
	bool		 settle_monthly;	/* settle: monthly */
	bool		 clawback;	/* a negative true-up is deducted */
	double		 alert_below;
	/* columns: header renames per input file */
	struct column_rename *renames[FILE_COUNT];
	size_t		 nrenames[FILE_COUNT];
	/* sheets: the sheet read from each .xlsx input (NULL: the first) */
	char		*sheets[FILE_COUNT];
	long		 sheet_lines[FILE_COUNT];
};

/* ---- the CSV files ---- */

struct person {
	char		*rep_id;
	char		*name;
	char		*team;
	size_t		 team_index;
	char		*role;
	size_t		 role_index;	/* into policy.roles */
	char		*manager_id;	/* NULL when none */
	size_t		 manager;	/* index, or NONE */
	char		*email;
	char		*statement_password;	/* NULL when none; never
						   shown (docs/input.md §3) */
	sc_date		 hire;		/* 0 when not given */
	sc_date		 leave;		/* 0 when not given */
	long		 line;
};

struct team {
	char		*id;
	size_t		*members;	/* indexes into people, by rep_id */
	size_t		 nmembers;
};

enum target_scope { TARGET_COMPANY, TARGET_TEAM, TARGET_REP };

struct target {
	struct period	 period;
	enum target_scope scope;
	size_t		 owner;		/* team or person index; NONE for company */
	size_t		 kpi;
	int64_t		 cents;		/* money KPIs */
	double		 value;		/* others (and money as yuan) */
	long		 line;
};

struct metric {
	int		 month;		/* year * 12 + month - 1 */
	size_t		 person;
	size_t		 kpi;
	int64_t		 cents;		/* money KPIs */
	double		 value;		/* others (and money as yuan) */
	long		 line;
};

struct review {
	struct period	 period;
	size_t		 reviewee;
	char		*reviewer;
	enum relation	 relation;
	char		*dimension;
	double		 score;
	char		*comment;	/* NULL when empty */
	long		 line;
};

enum action_status { ACTION_OPEN, ACTION_DONE, ACTION_DROPPED };

struct action {
	char		*id;
	size_t		 person;
	struct period	 opened;
	char		*text;
	sc_date		 due;
	enum action_status status;
	sc_date		 closed;	/* 0 when not given */
	char		*note;
	long		 line;
};

/* One sales row as it streams past; the strings live only for the call. */
struct sale {
	sc_date		 date;
	size_t		 person;
	const char	*customer;
	size_t		 customer_len;
	int64_t		 cents;
	const char	*order_id;	/* "" when empty */
	size_t		 order_len;
	long		 line;
};

struct workspace;

struct sales_sink {
	/* Called once team.csv is read, before the first row. */
	void		(*begin)(void *arg, const struct workspace *);
	void		(*row)(void *arg, const struct sale *);
	void		*arg;
	/* Threads to read sales.csv on (input/csvread.h) and, with 2 or
	 * more, rows on a thread of their own (salespipe.h); 0 or 1: the
	 * calling thread only. */
	int		 jobs;
	size_t		 chunk_bytes;	/* of the parallel reading; 0: its own */
	/* May be NULL.  A row row() will be given soon, for the sink to
	 * fetch what it will look up: stage 0 some rows ahead, stage 1 a
	 * few rows ahead (sales_agg_ahead).  It must change nothing. */
	void		(*ahead)(void *arg, const struct sale *, int stage);
};

/* ---- case retrospectives ---- */

struct case_file {
	char		*path;
	char		*slug;		/* file name without .md */
	char		*title;
	sc_date		 date;
	size_t		 team;		/* NONE when not given */
	size_t		 author;	/* NONE when not given */
	char		**tags;
	size_t		 ntags;
	bool		 has_period;
	struct period	 period;
	char		*body;		/* the Markdown after the front matter */
	long		 body_line;	/* line of the body's first line */
};

/* How a CSV file was encoded (input/csvread.c tells). */
enum csv_encoding { ENC_UTF8, ENC_UTF8_BOM, ENC_GB18030 };

struct file_info {
	char		*path;
	bool		 present;
	enum csv_encoding encoding;
	char		*format;	/* "xlsx, sheet NAME"; NULL: CSV */
	long		 rows;
	long		 skipped;	/* rows refused (skipped with --lenient) */
};

struct sales_summary {
	long		 rows;
	sc_date		 first, last;
	long		 refunds;
	long		 outside_employment;	/* rows before hire or after
						 * leave (warned) */
};

struct workspace {
	char		*dir;
	bool		 lenient;
	struct policy	 policy;
	struct person	*people;
	size_t		 npeople;
	struct strmap	 person_index;
	struct team	*teams;
	size_t		 nteams;
	struct strmap	 team_index;
	struct target	*targets;
	size_t		 ntargets;
	struct strmap	 target_index;	/* target_key() -> index */
	struct metric	*metrics;
	size_t		 nmetrics;
	struct strmap	 metric_index;	/* metric_key() -> index */
	struct review	*reviews;
	size_t		 nreviews;
	struct strmap	 review_index;	/* duplicates check */
	struct action	*actions;
	size_t		 nactions;
	struct case_file *cases;
	size_t		 ncases;
	struct file_info files[FILE_COUNT];
	struct sales_summary sales;
	/* value forms of the file being read, noted once per column */
	struct form_notes {
		struct form_note *v;
		size_t		 n;
	}		 form_notes;
	/* organisation.logo, read and checked: its path and bytes */
	char		*logo_path;
	char		*logo;
	size_t		 logo_len;
	const char	*logo_name;	/* its name beside the pages:
					   "logo.png" or "logo.jpg" */
};

/* Binary lookup keys for targets and metrics (all bytes set). */
struct lookup_key {
	uint32_t	 owner;
	uint32_t	 kpi;
	int32_t		 first_month;
	int32_t		 last_month;
	uint32_t	 scope;
};

static inline struct lookup_key
target_key(enum target_scope scope, size_t owner, size_t kpi,
    const struct period *p)
{
	struct lookup_key k;

	k.owner = (uint32_t)owner;
	k.kpi = (uint32_t)kpi;
	k.first_month = period_first_month(p);
	k.last_month = period_last_month(p);
	k.scope = (uint32_t)scope;
	return k;
}

/* Lookups over the model (model.c). */
const char	*relation_name(enum relation);
const char	*input_file_name(enum input_file);
size_t		 policy_kpi(const struct policy *, const char *);
size_t		 policy_role(const struct policy *, const char *);
/* organisation's display name of a team or role id; NULL: none given. */
const char	*org_team_name(const struct organisation *, const char *id);
const char	*org_role_name(const struct organisation *, const char *id);
/* What a person reads for a team id: its display name, else the id. */
const char	*team_display(const struct policy *, const char *id);
/* The policy with role's commission plan (commission_by_role) laid over
 * the company's; out shares p's memory. */
void		 policy_plan(const struct policy *, size_t, struct policy *);

#endif
