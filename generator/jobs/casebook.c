/*
 * `scorecard casebook`: reads the workspace (sales.csv too when there is
 * one, for the KPI snapshots), makes the book of the selected cases
 * (casebook/casebook.h), has the HTML site and the PDF book written into
 * output/casebook/ and commits the folder atomically; then output's
 * index.html lists it.  Nothing is written when a case or a template has
 * an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/strmap.h"
#include "util/utf8.h"
#include "casebook/casebook.h"
#include "input/workspace.h"
#include "jobs/interrupt.h"
#include "jobs/jobs.h"
#include "jobs/outdir.h"
#include "jobs/outlock.h"
#include "jobs/pages.h"
#include "render/page.h"
#include "tmpl/templates.h"

/*
 * The formats asked for.  With both and more than one job, the HTML site
 * is written by a worker process while this one lays out the PDF book:
 * the two share nothing but the (read-only) book and the folder.
 */
static int
write_formats(const struct casebook *book, const struct options *o,
    struct outdir *out)
{
	pid_t pid = -1;
	int status = 0, site = 0, ws;

	if ((o->formats & FORMAT_HTML) && (o->formats & FORMAT_PDF) &&
	    o->jobs > 1) {
		fflush(NULL);
		if ((pid = interrupt_fork()) == 0)
			_exit(casebook_write_site(book, out));
	}
	if (pid < 0 && (o->formats & FORMAT_HTML))
		site = casebook_write_site(book, out);
	if (site == 0 && (o->formats & FORMAT_PDF))
		status = casebook_write_book(book, out);
	if (pid > 0) {
		while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
			continue;
		interrupt_forget_children();
		site = WIFEXITED(ws) ? WEXITSTATUS(ws) : EX_SOFTWARE;
	}
	return site != 0 ? site : status;
}

int
job_casebook(const struct options *o)
{
	struct workspace ws;
	struct sales_run sales;
	struct sales_sink sink;
	struct casebook *book = NULL;
	struct casebook_summary sum;
	struct outdir out;
	struct outlock lock = { -1 };
	struct buf sales_path = BUF_INIT;
	const char *code;
	size_t i;
	int status;
	bool want;

	casebook_sales_sink(&sales, o->jobs, &sink);
	memset(&out, 0, sizeof(out));
	if (!(o->formats & (FORMAT_HTML | FORMAT_PDF))) {
		fprintf(stderr, "scorecard: casebook: the book is made as HTML "
		    "or PDF; use --format html or pdf\n");
		return EX_USAGE;
	}
	/* sales.csv (or .xlsx) is read when there is one: a book of cases
	 * alone needs none (and gets no warning about it), only the KPI
	 * snapshots do. */
	buf_printf(&sales_path, "%s/sales.csv", o->input);
	want = access(sales_path.data, F_OK) == 0;
	buf_reset(&sales_path);
	buf_printf(&sales_path, "%s/sales.xlsx", o->input);
	want = want || access(sales_path.data, F_OK) == 0;
	status = workspace_read(&ws, o->input, o->lenient, want, false,
	    &sink);
	buf_free(&sales_path);
	if (status != 0) {
		diag_summary("nothing written");
		goto out;
	}
	if (o->team != NULL && !strmap_get(&ws.team_index, o->team,
	    strlen(o->team), &i)) {
		diag(DIAG_ERROR, NULL, 0, "--team", o->team,
		    "no such team in team.csv");
		status = EX_USAGE;
		goto out;
	}
	sales_run_finish(&sales);
	code = o->lang != NULL ? (strcmp(o->lang, "en") == 0 ? "en" :
	    "zh-CN") : ws.policy.locale;
	templates_set_user_dir(o->templates);
	if ((status = casebook_make(&book, &ws, o, code, &sales)) != 0) {
		diag_summary("nothing written");
		goto out;
	}
	casebook_summary(book, &sum);
	if (sum.ncases == 0 && !o->quiet)
		fprintf(stderr, "scorecard: casebook: no case %s\n",
		    ws.ncases == 0 ? "in cases/" : "matches the selection");

	if ((status = outlock_take(&lock, o->output, true, o->quiet)) != 0 ||
	    (status = outdir_begin(&out, o->output, "casebook")) != 0)
		goto out;
	if ((status = write_formats(book, o, &out)) != 0) {
		outdir_abort(&out);
		diag_summary("nothing written");
		goto out;
	}
	if ((status = outdir_commit(&out, true)) != 0)
		goto out;
	status = pages_write_index(o->output, sum.lang);
	if (status == 0 && !o->quiet) {
		char *shown = utf8_shown(o->output);

		diag_finish();
		fprintf(stderr, "scorecard: wrote %s/casebook (%zu case%s, "
		    "%zu lesson%s", shown, sum.ncases, sum.ncases == 1 ?
		    "" : "s", sum.nlessons, sum.nlessons == 1 ? "" : "s");
		free(shown);
		if (sum.nincomplete > 0)
			fprintf(stderr, "; %zu with GRAI sections missing",
			    sum.nincomplete);
		fputs(")\n", stderr);
	}
out:
	outlock_release(&lock);
	page_cache_free();
	casebook_free(book);
	sales_run_free(&sales);
	workspace_free(&ws);
	return status;
}
