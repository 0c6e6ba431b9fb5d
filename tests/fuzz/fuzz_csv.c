/* Fuzz target: the CSV reader (input/csvread.c) with the value parsers, and the row checks of input/workspace.c. */
/*
 * The first byte chooses what the rest is read as: b % 6 is the input
 * file (team, sales, targets, metrics, reviews, actions: enum
 * input_file), and b / 6 holds flags: 1, the whole input stage
 * (workspace_read on a folder holding the file, and a fixed team.csv
 * when the file is not team.csv itself); 2, --lenient; 4, two header
 * renames as policy.yaml `columns:` gives them (file mode only).
 * Otherwise each row's fields go through the parser of their column.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "input/csvread.h"
#include "input/policy.h"
#include "input/values.h"
#include "input/workspace.h"
#include "model/model.h"
#include "fuzz.h"

static const char team_csv[] =
    "rep_id,name,team,role,manager_id,hire_date,leave_date,email\n"
    "M01,王芳,east,manager,,2020-01-06,,wang.fang@example.com\n"
    "S01,李雷,east,sales,M01,2021-03-15,,li.lei@example.com\n"
    "C01,韩梅梅,east,customer_success,M01,2022-05-01,,\n"
    "M02,赵强,west,manager,,2019-07-01,,zhao.qiang@example.com\n"
    "P01,陈静,west,campaign,M02,2023-02-01,,\n";

static const struct column_rename renames[] = {
	{ "amount", "Amount (CNY)", 3 },
	{ "rep_id", "销售", 4 },
};

struct counts {
	size_t	 rows, parsed;
};

static bool
is(const char *name, const char *const *names)
{
	for (; *names != NULL; names++)
		if (strcmp(name, *names) == 0)
			return true;
	return false;
}

/* Every field through the parser its column takes. */
static void
on_row(const struct csv_row *row, void *arg)
{
	static const char *const dates[] = { "date", "hire_date",
	    "leave_date", "due", "closed", NULL };
	static const char *const periods[] = { "period", "opened", NULL };
	static const char *const ids[] = { "rep_id", "team", "manager_id",
	    "id", "reviewee_id", "reviewer_id", NULL };
	static const char *const numbers[] = { "quantity", "value", "score",
	    "target", NULL };
	struct counts *c = arg;
	size_t k, n;

	c->rows++;
	for (k = 0; k < 32 && row->columns[k].name != NULL; k++) {
		const char *s = row->field[k], *name = row->columns[k].name;
		sc_date d;
		struct period p;
		int64_t cents, micro;
		double v;
		char out[16];

		if (s == NULL)
			continue;
		n = row->len[k];
		if (is(name, dates) && parse_date(s, n, &d) == NULL) {
			date_format(d, out);
			c->parsed += (size_t)date_month(d) & 1;
		} else if (is(name, periods) && parse_period(s, n, &p) ==
		    NULL) {
			period_format(&p, out);
			c->parsed += (size_t)(period_end(&p) -
			    period_start(&p)) & 1;
		} else if (is(name, ids) && check_id(s, n) == NULL)
			c->parsed++;
		else if (strcmp(name, "amount") == 0 || strcmp(name,
		    "target") == 0)
			c->parsed += parse_money(s, n, &cents) == NULL;
		if (is(name, numbers)) {
			c->parsed += parse_decimal(s, n, &v) == NULL;
			c->parsed += parse_micro(s, n, &micro) == NULL;
		}
	}
}

static void
sink_begin(void *arg, const struct workspace *ws)
{
	*(size_t *)arg = ws->npeople;
}

static void
sink_row(void *arg, const struct sale *s)
{
	*(size_t *)arg += s->customer_len + s->order_len;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum input_file f;
	unsigned flags;
	char name[32], path[128];

	fuzz_quiet();
	if (size < 1)
		return 0;
	f = (enum input_file)(data[0] % FILE_COUNT);
	flags = (unsigned)(data[0] / FILE_COUNT);
	data++;
	size--;
	snprintf(name, sizeof(name), "%s.csv", input_file_name(f));

	if (flags & 1) {
		struct workspace ws;
		size_t seen = 0;
		struct sales_sink sink;

		memset(&sink, 0, sizeof(sink));
		sink.begin = sink_begin;
		sink.row = sink_row;
		sink.arg = &seen;

		if (f != FILE_TEAM)
			fuzz_write("team.csv", team_csv, sizeof(team_csv) - 1);
		fuzz_write(name, data, size);
		(void)workspace_read(&ws, fuzz_dir(), (flags & 2) != 0, true,
		    false, &sink);
		workspace_free(&ws);
		fuzz_unlink(name);
		fuzz_unlink("team.csv");
	} else {
		const struct csv_column *cols;
		struct csv_column padded[33];
		struct csv_info info;
		struct counts c = { 0, 0 };
		size_t ncols;

		cols = input_columns(f, &ncols);
		memset(padded, 0, sizeof(padded));
		memcpy(padded, cols, ncols * sizeof(*cols));
		fuzz_write("input.csv", data, size);
		fuzz_path(path, "input.csv");
		(void)csv_read_file(path, padded, ncols, (flags & 4) ?
		    renames : NULL, (flags & 4) ? 2 : 0, (flags & 2) != 0,
		    on_row, &c, &info);
		fuzz_unlink("input.csv");
	}
	diag_reset();
	return 0;
}
