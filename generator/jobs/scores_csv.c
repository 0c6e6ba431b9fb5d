/*
 * The numbers of a period as tables of typed cells (numbers.h), the one
 * source of the columns and values of scores.csv and teams.csv and of
 * their workbooks (scores_xlsx.c); and the CSV files themselves
 * (docs/output.md §2): exact headers, UTF-8 with BOM, CRLF line ends
 * (RFC 4180), rows in byte order of rep_id / team, "none" as an empty
 * field, and text that Excel would read as a formula prefixed with a
 * quote.
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/numfmt.h"
#include "compute/compute.h"
#include "jobs/numbers.h"

static const char *const scores_columns[] = { "period", "rep_id", "name",
    "team", "role", "revenue", "revenue_target", "revenue_attainment",
    "orders", "active_customers", "new_customers", "kpi_score",
    "review_score", "composite", "tier", "commission", "measured_on",
    "commission_paid", "commission_due", "commission_ytd" };
static const char *const teams_columns[] = { "period", "team", "members",
    "revenue", "revenue_target", "revenue_attainment", "orders",
    "active_customers", "new_customers" };

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Starts a cell of the current row; its text follows in t->texts. */
static struct cell *
cell_begin(struct num_table *t, enum cell_kind kind)
{
	struct cell *c;

	t->cells = xgrowarray(t->cells, t->ncells, sizeof(*t->cells));
	c = &t->cells[t->ncells++];
	c->kind = kind;
	c->text = t->texts.len;
	c->cents = 0;
	return c;
}

static void
cell_end(struct num_table *t)
{
	buf_putc(&t->texts, '\0');
}

static void
text(struct num_table *t, const char *s)
{
	cell_begin(t, CELL_TEXT);
	buf_puts(&t->texts, s);
	cell_end(t);
}

static void
empty(struct num_table *t)
{
	cell_begin(t, CELL_EMPTY);
	cell_end(t);
}

static void
money(struct num_table *t, bool has, int64_t cents)
{
	if (!has) {
		empty(t);
		return;
	}
	cell_begin(t, CELL_MONEY)->cents = cents;
	fmt_cents(&t->texts, cents);
	cell_end(t);
}

static void
number(struct num_table *t, enum cell_kind kind, struct maybe m,
    int decimals)
{
	if (!m.has) {
		empty(t);
		return;
	}
	cell_begin(t, kind);
	fmt_fixed(&t->texts, m.v, decimals);
	cell_end(t);
}

static void
count(struct num_table *t, long n)
{
	cell_begin(t, CELL_COUNT);
	buf_printf(&t->texts, "%ld", n);
	cell_end(t);
}

/* Revenue attainment, exact from cents where revenue is higher-better. */
static void
revenue_attainment(struct num_table *t, const struct workspace *ws,
    int64_t revenue, const struct target_value *tv, struct maybe a)
{
	size_t k = policy_kpi(&ws->policy, "revenue");

	if (a.has && k != NONE && ws->policy.kpis[k].higher_is_better &&
	    tv->has && tv->cents > 0) {
		cell_begin(t, CELL_RATIO);
		fmt_ratio(&t->texts, revenue, tv->cents, 4);
		cell_end(t);
	} else
		number(t, CELL_RATIO, a, 4);
}

static void
table_begin(struct num_table *t, const char *const *columns, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->columns = columns;
	t->ncols = ncols;
}

static const struct workspace *sort_ws;

static int
by_rep_id(const void *a, const void *b)
{
	return strcmp(sort_ws->people[*(const size_t *)a].rep_id,
	    sort_ws->people[*(const size_t *)b].rep_id);
}

void
scores_table(const struct workspace *ws, const struct period_result *res,
    struct num_table *t)
{
	char period[16];
	size_t *order = xcalloc(ws->npeople ? ws->npeople : 1, sizeof(size_t));
	size_t i, n = 0;

	table_begin(t, scores_columns, NELEM(scores_columns));
	period_format(&res->period, period);
	for (i = 0; i < ws->npeople; i++)
		if (res->people[i].active)
			order[n++] = i;
	sort_ws = ws;
	qsort(order, n, sizeof(size_t), by_rep_id);
	for (i = 0; i < n; i++) {
		const struct person_result *r = &res->people[order[i]];
		const struct person *p = &ws->people[order[i]];

		text(t, period);
		text(t, p->rep_id);
		text(t, p->name);
		text(t, p->team);
		text(t, p->role);
		money(t, true, r->revenue_cents);
		money(t, r->revenue_target.has, r->revenue_target.cents);
		revenue_attainment(t, ws, r->revenue_cents, &r->revenue_target,
		    r->revenue_attainment);
		count(t, r->orders);
		count(t, r->active_customers);
		count(t, r->new_customers);
		number(t, CELL_SCORE, r->kpi_score, 2);
		number(t, CELL_SCORE, r->review.score, 2);
		number(t, CELL_SCORE, r->composite, 2);
		if (r->tier != NONE)
			text(t, ws->policy.tiers[r->tier].name);
		else
			empty(t);
		money(t, r->commission.has, r->commission.amount_cents);
		text(t, r->team_measured ? "team" : "self");
		money(t, true, r->commission_paid_cents);
		money(t, true, r->commission_due_cents);
		money(t, true, r->commission_ytd_cents);
		t->nrows++;
	}
	free(order);
}

void
teams_table(const struct workspace *ws, const struct period_result *res,
    struct num_table *t)
{
	char period[16];
	size_t i;

	table_begin(t, teams_columns, NELEM(teams_columns));
	period_format(&res->period, period);
	/* ws->teams is sorted by id in byte order. */
	for (i = 0; i < res->nteams; i++) {
		const struct group_result *g = &res->teams[i];

		if (g->members == 0)
			continue;
		text(t, period);
		text(t, ws->teams[i].id);
		count(t, (long)g->members);
		money(t, true, g->revenue_cents);
		money(t, g->revenue_target.has, g->revenue_target.cents);
		revenue_attainment(t, ws, g->revenue_cents, &g->revenue_target,
		    g->revenue_attainment);
		count(t, g->orders);
		count(t, g->active_customers);
		count(t, g->new_customers);
		t->nrows++;
	}
}

void
num_table_free(struct num_table *t)
{
	free(t->cells);
	buf_free(&t->texts);
	memset(t, 0, sizeof(*t));
}

/* A field of the CSV: quoted where RFC 4180 asks, a formula defused. */
static void
csv_text(struct buf *b, const char *s)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	const char *p;

	if (quote)
		buf_putc(b, '"');
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@')
		buf_putc(b, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote)
		buf_putc(b, '"');
}

void
table_csv(const struct num_table *t, struct buf *b)
{
	size_t r, c;

	buf_puts(b, "\xef\xbb\xbf");
	for (c = 0; c < t->ncols; c++) {
		if (c > 0)
			buf_putc(b, ',');
		buf_puts(b, t->columns[c]);
	}
	buf_puts(b, "\r\n");
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const struct cell *cl = &t->cells[r * t->ncols + c];

			if (c > 0)
				buf_putc(b, ',');
			if (cl->kind == CELL_TEXT)
				csv_text(b, cell_text(t, cl));
			else
				buf_puts(b, cell_text(t, cl));
		}
		buf_puts(b, "\r\n");
	}
}

const char *
cell_text(const struct num_table *t, const struct cell *c)
{
	return t->texts.data + c->text;
}

void
scores_csv(const struct workspace *ws, const struct period_result *res,
    struct buf *b)
{
	struct num_table t;

	scores_table(ws, res, &t);
	table_csv(&t, b);
	num_table_free(&t);
}

void
teams_csv(const struct workspace *ws, const struct period_result *res,
    struct buf *b)
{
	struct num_table t;

	teams_table(ws, res, &t);
	table_csv(&t, b);
	num_table_free(&t);
}
