/*
 * The numbers of a computed period as tables of typed cells, written as
 * scores.csv and teams.csv (scores_csv.c) and as scores.xlsx and
 * teams.xlsx (scores_xlsx.c); the model dump of --dump model (dump.c);
 * and the refusal of a period whose money totals are beyond the limit.
 * For the report jobs and their tests.
 */
#ifndef SC_JOBS_NUMBERS_H
#define SC_JOBS_NUMBERS_H

#include "compute/compute.h"
#include "util/buf.h"

struct outdir;

/* What a cell holds; its text is the CSV's field (before quoting). */
enum cell_kind {
	CELL_EMPTY,	/* "none": an empty field */
	CELL_TEXT,	/* an id, a name, a tier, self or team */
	CELL_MONEY,	/* 2 decimals */
	CELL_RATIO,	/* attainment, 4 decimals (1.0000 = 100 %) */
	CELL_SCORE,	/* 2 decimals */
	CELL_COUNT	/* an integer */
};

struct cell {
	enum cell_kind	 kind;
	size_t		 text;		/* offset of its text in texts */
	int64_t		 cents;		/* CELL_MONEY: the amount */
};

/* The rows of one file: ncols cells a row, row after row. */
struct num_table {
	const char *const *columns;	/* the CSV header's names */
	size_t		 ncols, nrows;
	struct cell	*cells;
	size_t		 ncells;
	struct buf	 texts;		/* the cells' texts, NUL-terminated */
};

void	 scores_table(const struct workspace *, const struct period_result *,
	    struct num_table *);
void	 teams_table(const struct workspace *, const struct period_result *,
	    struct num_table *);
void	 num_table_free(struct num_table *);
const char *cell_text(const struct num_table *, const struct cell *);
/* The table as CSV: BOM, header, CRLF rows. */
void	 table_csv(const struct num_table *, struct buf *);
void	 scores_csv(const struct workspace *, const struct period_result *,
	    struct buf *);
void	 teams_csv(const struct workspace *, const struct period_result *,
	    struct buf *);
/*
 * Writes scores.xlsx and teams.xlsx into the output folder's staging
 * folder: headers from templates/locale/LANG.yaml, the workbooks dated
 * CREATED (the period's end); 0 or a sysexits code (reported).
 */
int	 numbers_xlsx(struct outdir *, const char *lang, sc_date created,
	    const struct num_table *scores, const struct num_table *teams);
/* Reports each total compute_period found too large; whether any was. */
bool	 report_money_problems(const struct workspace *,
	    const struct period_result *);
void	 dump_model(const struct workspace *, const struct period_result *,
	    struct buf *);

#endif
