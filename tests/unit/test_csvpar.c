/*
 * Unit tests for the parallel reading of sales.csv, generator/input/
 * csvpar.c (docs/architecture.md, "Reading sales.csv on every core"):
 * each test writes a workspace whose sales.csv has something awkward at
 * many places — quoted line breaks, a BOM, CRLF, GB18030, bad rows, value
 * forms, sales outside employment, a row that stops the file — and reads
 * it once in one pass (one job) and then on two and four workers with
 * chunks of many small sizes, so that chunk edges fall at every byte of
 * the awkward places.  Every parallel read must give exactly what the one
 * pass gave: the exit status, every row the sink saw (line, date, person,
 * customer, cents, order) in the same order, the file's summary, and
 * standard error byte for byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/buf.h"
#include "util/diag.h"
#include "input/workspace.h"

#include "scratch.h"

static void
sink_row(void *arg, const struct sale *s)
{
	buf_printf(arg, "%ld %d p%zu %.*s %lld [%.*s]\n", s->line,
	    (int)s->date, s->person, (int)s->customer_len, s->customer,
	    (long long)s->cents, (int)s->order_len, s->order_id);
}

/* Everything a read gives, as one text. */
static char *
read_all(bool lenient, int jobs, size_t chunk_bytes)
{
	struct workspace ws;
	struct sales_sink sink;
	struct buf out = BUF_INIT;
	char *err;
	int saved, status;

	memset(&sink, 0, sizeof(sink));
	sink.row = sink_row;
	sink.arg = &out;
	sink.jobs = jobs;
	sink.chunk_bytes = chunk_bytes;
	diag_reset();
	saved = capture_begin();
	status = workspace_read(&ws, "ws", lenient, true, true, &sink);
	err = capture_end(saved);
	buf_printf(&out, "status %d\nrows %ld refunds %ld first %d last %d "
	    "outside %ld\nfile rows %ld skipped %ld encoding %d\n"
	    "errors %zu warnings %zu\n--- stderr\n%s", status,
	    ws.sales.rows, ws.sales.refunds, (int)ws.sales.first,
	    (int)ws.sales.last, ws.sales.outside_employment,
	    ws.files[FILE_SALES].rows, ws.files[FILE_SALES].skipped,
	    (int)ws.files[FILE_SALES].encoding, diag_count(DIAG_ERROR),
	    diag_count(DIAG_WARNING), err);
	free(err);
	workspace_free(&ws);
	return buf_detach(&out);
}

/* The first line where a and b differ, and the line before it. */
static void
show_difference(const char *a, const char *b)
{
	const char *line = a, *prev = a;
	size_t i;

	for (i = 0; a[i] != '\0' && a[i] == b[i]; i++)
		if (a[i] == '\n') {
			prev = line;
			line = a + i + 1;
		}
	print_error("one pass:\n%.*s%.*s\nparallel:\n%.*s%.*s\n",
	    (int)(line - prev), prev, (int)strcspn(line, "\n"), line,
	    (int)(line - prev), b + (prev - a),
	    (int)strcspn(b + (line - a), "\n"), b + (line - a));
}

/*
 * Reads ws/ in one pass, then in parallel with chunks of every size in
 * sizes, and requires the same.  Returns the one pass's text (to free).
 */
static char *
same_every_way(bool lenient)
{
	static const size_t sizes[] = { 1, 2, 3, 5, 7, 11, 16, 23, 31, 47, 64,
	    97, 128, 200, 257, 512, 1000, 4096 };
	char *one = read_all(lenient, 1, 0), *par;
	size_t i;
	int jobs;

	for (jobs = 2; jobs <= 4; jobs += 2)
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			par = read_all(lenient, jobs, sizes[i]);
			if (strcmp(one, par) != 0) {
				show_difference(one, par);
				print_error("jobs %d, chunks of %zu bytes\n",
				    jobs, sizes[i]);
				fail();
			}
			free(par);
		}
	return one;
}

static void
write_team(void)
{
	scratch_text("ws/team.csv",
	    "rep_id,name,team,role,manager_id,hire_date,leave_date,email\n"
	    "M1,Ma,east,manager,,2020-01-01,,\n"
	    "S1,Shi,east,sales,M1,2026-03-15,,\n"
	    "S2,Su,west,sales,M1,,2026-09-30,\n");
}

/* The one pass's text holds what must be there: a check of the check. */
static void
holds(const char *text, const char *part)
{
	if (strstr(text, part) == NULL) {
		print_error("missing \"%s\" in\n%s\n", part, text);
		fail();
	}
}

static void
quoted_line_breaks(void **state)
{
	struct buf b = BUF_INIT;
	char *one;
	int i;

	(void)state;
	write_team();
	buf_puts(&b, "date,rep_id,customer_id,amount,order_id,product\n");
	for (i = 0; i < 40; i++)
		buf_printf(&b, "2026-10-%02d,S1,\"C%d\",%d.50,O%d,\"two\nlines"
		    "%s\"\n", 1 + i % 28, i, 100 + i, i, i % 3 == 0 ?
		    "\n\nand \"\"more\"\"\n" : "");
	scratch_text("ws/sales.csv", b.data);
	one = same_every_way(false);
	holds(one, "rows 40 refunds 0");
	holds(one, "O39]");
	free(one);
	buf_free(&b);
}

static void
bom_crlf_and_blank_lines(void **state)
{
	struct buf b = BUF_INIT;
	char *one;
	int i;

	(void)state;
	write_team();
	buf_puts(&b, "\xef\xbb\xbf" "date,rep_id,customer_id,amount\r\n");
	for (i = 0; i < 60; i++)
		buf_printf(&b, "2026-10-%02d,%s,C%d,%s%d\r\n%s", 1 + i % 28,
		    i % 2 ? "S1" : "M1", i % 7, i % 5 == 0 ? "-" : "", 10 + i,
		    i % 9 == 0 ? "\r\n\n" : "");
	buf_puts(&b, "2026-10-30,S1,C1,1");	/* no line end */
	scratch_text("ws/sales.csv", b.data);
	one = same_every_way(false);
	holds(one, "rows 61 refunds 12");
	free(one);
	buf_free(&b);
}

static void
bad_rows_reported_in_order(void **state)
{
	struct buf b = BUF_INIT;
	char *one;
	int i;

	(void)state;
	write_team();
	buf_puts(&b, "date,rep_id,customer_id,amount,order_id\n");
	for (i = 0; i < 30; i++) {
		buf_printf(&b, "2026-10-%02d,S1,C%d,%d,O%d\n", 1 + i % 28, i,
		    i, i);
		switch (i % 6) {
		case 0: buf_puts(&b, "2026-10-01,X9,C1,5,\n"); break;
		case 1: buf_puts(&b, "2026-10-01,S1,C1,5.555,\n"); break;
		case 2: buf_puts(&b, "2026-10-01,S1,C1,5,O1,extra\n"); break;
		case 3: buf_puts(&b, "2026-10-01,S1,C\"1,5,O1\n"); break;
		case 4: buf_puts(&b, "2026-13-01,S1,,5,O1\n"); break;
		default: buf_puts(&b, "2026-10-01,S1,C1,\"5\n"); break;
		}
	}
	scratch_text("ws/sales.csv", b.data);
	one = same_every_way(false);
	holds(one, "status 65");
	holds(one, "sales.csv:3: rep_id: unknown rep_id");
	free(one);
	one = same_every_way(true);
	holds(one, "row skipped");
	free(one);
	buf_free(&b);
}

static void
value_forms_and_employment(void **state)
{
	struct buf b = BUF_INIT;
	char *one;
	int i;

	(void)state;
	write_team();
	buf_puts(&b, "date,rep_id,customer_id,amount\n");
	for (i = 0; i < 50; i++)
		buf_printf(&b, "%s,%s,C%d,%s\n", i % 4 == 0 ? "46300" :
		    i % 4 == 1 ? "2026-10-05T09:00:00+08:00" : "2026-10-06",
		    i % 3 == 0 ? "S2" : "S1", i, i % 5 == 0 ? "1.5万" : "12");
	for (i = 0; i < 30; i++)	/* before S1 was hired */
		buf_printf(&b, "2026-01-%02d,S1,D%d,3\n", 1 + i, i);
	scratch_text("ws/sales.csv", b.data);
	one = same_every_way(false);
	holds(one, "more like it");
	holds(one, "more sales dated before their seller's hire date");
	free(one);
	buf_free(&b);
}

static void
a_row_that_stops_the_file(void **state)
{
	struct buf b = BUF_INIT;
	char *one;
	int i;

	(void)state;
	write_team();
	buf_puts(&b, "date,rep_id,customer_id,amount\n");
	for (i = 0; i < 20; i++)
		buf_printf(&b, "2026-10-%02d,S1,C%d,%d\n", 1 + i, i, i);
	/* a record of more than 4096 fields, over many lines */
	for (i = 0; i < 4100; i++)
		buf_puts(&b, "\"\n\",");
	buf_putc(&b, '\n');
	for (i = 0; i < 20; i++)
		buf_printf(&b, "2026-10-%02d,X1,C%d,%d\n", 1 + i, i, i);
	scratch_text("ws/sales.csv", b.data);
	one = same_every_way(false);
	holds(one, "more than 4096 fields");
	free(one);
	buf_reset(&b);
	buf_puts(&b, "date,rep_id,customer_id,amount\n");
	for (i = 0; i < 20; i++)
		buf_printf(&b, "2026-10-%02d,S1,C%d,%d\n", 1 + i, i, i);
	buf_puts(&b, "2026-10-01,S1,\"C1,5\n2026-10-02,S1,C2,6\n");
	scratch_text("ws/sales.csv", b.data);
	one = same_every_way(false);
	holds(one, "quoted field not closed");
	free(one);
	buf_free(&b);
}

/* A NUL byte on a later line of a quoted field, and on a line of its own
 * record after a record that ended mid-line (CR only). */
static void
nul_bytes(void **state)
{
	static const char csv[] = "date,rep_id,customer_id,amount\n"
	    "2026-10-01,S1,C1,5\n2026-10-02,S1,\"C\n2\0x\",6\n"
	    "2026-10-03,S1,C3,7\r2026-10-04,S1,C\0" "4,8\n"
	    "2026-10-05,S1,C5,9\n2026-10-06,S1,C6,10\n";
	char *one;

	(void)state;
	write_team();
	scratch_write("ws/sales.csv", csv, sizeof(csv) - 1);
	one = same_every_way(false);
	holds(one, "sales.csv:3: customer_id: NUL byte in the field");
	holds(one, "sales.csv:5: customer_id: NUL byte in the field");
	holds(one, "rows 4 ");
	free(one);
}

/* Found by the csvpar fuzz target: the header's last field is read only
 * at the end of the file, after the header's first fields. */
static void
header_without_line_end(void **state)
{
	char *one;

	(void)state;
	write_team();
	scratch_text("ws/sales.csv", "date,\x03" "date,rep_id,"
	    "customer_irep_id,customerd_id,amount,or,amodunter_,");
	one = same_every_way(false);
	holds(one, "customer_id: required column missing");
	free(one);
	scratch_text("ws/sales.csv", "date,rep_id,customer_id,amount");
	one = same_every_way(false);
	holds(one, "rows 0");
	holds(one, "status 0");
	free(one);
}

static void
gb18030_and_cr_only(void **state)
{
	struct buf b = BUF_INIT;
	char *one;
	int i;

	(void)state;
	write_team();
	/* 工号 in GB18030 for rep_id, 日期 for date */
	buf_puts(&b, "\xc8\xd5\xc6\xda,\xb9\xa4\xba\xc5,customer_id,amount\n");
	for (i = 0; i < 40; i++)
		buf_printf(&b, "2026-10-%02d,S1,\xbf\xcd\xbb\xa7%d,%d\n",
		    1 + i % 28, i, i);
	scratch_text("ws/sales.csv", b.data);
	one = same_every_way(false);
	holds(one, "read as GB18030");
	holds(one, "rows 40");
	free(one);
	buf_reset(&b);
	buf_puts(&b, "date,rep_id,customer_id,amount\r");
	for (i = 0; i < 40; i++)
		buf_printf(&b, "2026-10-%02d,S1,C%d,%d\r", 1 + i % 28, i, i);
	scratch_text("ws/sales.csv", b.data);
	one = same_every_way(false);
	holds(one, "rows 40");
	free(one);
	buf_free(&b);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, scratch_setup, \
		    scratch_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(quoted_line_breaks),
		T(bom_crlf_and_blank_lines),
		T(bad_rows_reported_in_order),
		T(value_forms_and_employment),
		T(a_row_that_stops_the_file),
		T(nul_bytes),
		T(header_without_line_end),
		T(gb18030_and_cr_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
