/* Fuzz target: the parallel reading of sales.csv (input/csvpar.c) against the one-pass reading of the same bytes. */
/*
 * The first byte chooses the chunk size (1 + b % 64 bytes, larger for
 * an input of more than 64 chunks: every chunk edge lands somewhere
 * awkward), the workers (2 or 4: b & 64) and
 * --lenient (b & 128); the rest is sales.csv, read by the sales part of
 * the input stage (workspace_read_sales) into a workspace holding a fixed
 * team.csv.  That workspace is the same for every input: it is read once
 * per process for each --lenient (workspace_read without sales) and each
 * reading takes a copy of it, so an input pays for its two readings of
 * sales.csv only.  The two readings must give the same exit status, the
 * same rows to the sink in the same order (line, date, person, customer,
 * amount, order id), the same file summary and the same messages, byte
 * for byte; anything else aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/buf.h"
#include "util/diag.h"
#include "input/workspace.h"
#include "model/model.h"
#include "fuzz.h"

static const char team_csv[] =
    "rep_id,name,team,role,manager_id,hire_date,leave_date,email\n"
    "M01,王芳,east,manager,,2020-01-06,,\n"
    "S01,李雷,east,sales,M01,2026-03-15,,\n"
    "S02,韩梅梅,west,sales,M01,,2026-09-30,\n";

static void
sink_row(void *arg, const struct sale *s)
{
	buf_printf(arg, "%ld %d p%zu %.*s %lld [%.*s]\n", s->line,
	    (int)s->date, s->person, (int)s->customer_len, s->customer,
	    (long long)s->cents, (int)s->order_len, s->order_id);
}

/*
 * The workspace without its sales, read once per process for each
 * --lenient: team.csv (written first) and no other file.
 */
static const struct workspace *
base(bool lenient)
{
	static struct workspace ws[2];
	static bool done[2];

	if (!done[lenient]) {
		done[lenient] = true;
		if (workspace_read(&ws[lenient], fuzz_dir(), lenient, false,
		    false, NULL) != 0 || diag_count(DIAG_WARNING) > 0)
			abort();	/* the fixed team.csv reads cleanly */
		diag_reset();
	}
	return &ws[lenient];
}

/* Everything one reading gives, as one text (to free). */
static char *
read_all(bool lenient, int jobs, size_t chunk_bytes)
{
	struct workspace ws = *base(lenient);
	struct sales_sink sink;
	struct buf out = BUF_INIT;
	FILE *quiet = stderr, *mem;
	char *said = NULL;
	size_t said_len = 0;
	int status;

	memset(&sink, 0, sizeof(sink));
	sink.row = sink_row;
	sink.arg = &out;
	sink.jobs = jobs;
	sink.chunk_bytes = chunk_bytes;
	if ((mem = open_memstream(&said, &said_len)) == NULL)
		abort();
	/* the sales part of workspace_read, on a copy of the rest */
	memset(&ws.sales, 0, sizeof(ws.sales));
	memset(&ws.files[FILE_SALES], 0, sizeof(ws.files[FILE_SALES]));
	memset(&ws.form_notes, 0, sizeof(ws.form_notes));
	stderr = mem;
	status = workspace_read_sales(&ws, true, &sink);
	if (status == 0 && diag_count(DIAG_ERROR) > 0)
		status = EX_DATAERR;	/* as workspace_read ends */
	fflush(mem);
	stderr = quiet;
	fclose(mem);
	buf_printf(&out, "status %d\nrows %ld refunds %ld first %d last %d "
	    "outside %ld\nfile rows %ld skipped %ld encoding %d\n"
	    "errors %zu warnings %zu\n--- messages\n%s", status,
	    ws.sales.rows, ws.sales.refunds, (int)ws.sales.first,
	    (int)ws.sales.last, ws.sales.outside_employment,
	    ws.files[FILE_SALES].rows, ws.files[FILE_SALES].skipped,
	    (int)ws.files[FILE_SALES].encoding, diag_count(DIAG_ERROR),
	    diag_count(DIAG_WARNING), said != NULL ? said : "");
	free(said);
	free(ws.files[FILE_SALES].path);
	free(ws.files[FILE_SALES].format);
	free(ws.form_notes.v);
	diag_reset();
	return buf_detach(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool team_written;
	char *one, *par;
	bool lenient;
	size_t chunk;
	int jobs;

	fuzz_quiet();
	if (size < 1)
		return 0;
	chunk = 1 + data[0] % 64;
	/* at most about 64 chunks: past that a chunk's fixed cost is all a
	 * larger input adds, not new edges */
	if (chunk < size / 64)
		chunk = size / 64 + data[0] % 7;
	jobs = data[0] & 64 ? 4 : 2;
	lenient = (data[0] & 128) != 0;
	if (!team_written) {	/* the same for every input */
		fuzz_write("team.csv", team_csv, sizeof(team_csv) - 1);
		team_written = true;
	}
	fuzz_write("sales.csv", data + 1, size - 1);
	one = read_all(lenient, 1, 0);
	par = read_all(lenient, jobs, chunk);
	if (strcmp(one, par) != 0) {
		fprintf(stdout,
		    "chunks of %zu bytes on %d workers differ from one pass:\n"
		    "--- one pass\n%s\n--- parallel\n%s\n", chunk, jobs, one,
		    par);
		fflush(stdout);
		abort();
	}
	free(one);
	free(par);
	return 0;
}
