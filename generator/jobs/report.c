/*
 * `scorecard monthly` and `scorecard quarterly`: read the workspace with
 * sales.csv streamed once into the aggregate, compute the period, and
 * write its folder atomically.  (Documents come with the renderers; the
 * numbers are written as scores.csv and teams.csv, and with --format xlsx
 * also as scores.xlsx and teams.xlsx.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "util/alloc.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/utf8.h"
#include "util/numfmt.h"
#include "input/workspace.h"
#include "jobs/jobs.h"
#include "jobs/archive.h"
#include "jobs/outdir.h"
#include "jobs/outlock.h"
#include "jobs/pages.h"
#include "jobs/numbers.h"
#include "tmpl/templates.h"

/* --team and --rep name a team and a person of team.csv, and agree. */
static bool
check_selection(const struct options *o, const struct workspace *ws)
{
	size_t i, p;

	if (o->team != NULL && !strmap_get(&ws->team_index, o->team,
	    strlen(o->team), &i)) {
		diag(DIAG_ERROR, NULL, 0, "--team", o->team,
		    "no such team in team.csv");
		return false;
	}
	if (o->rep != NULL && (!strmap_get(&ws->person_index, o->rep,
	    strlen(o->rep), &p) || p == NONE)) {
		diag(DIAG_ERROR, NULL, 0, "--rep", o->rep,
		    "no such rep_id in team.csv");
		return false;
	}
	/* else the run would select no one and write nothing */
	if (o->team != NULL && o->rep != NULL &&
	    strcmp(ws->people[p].team, o->team) != 0) {
		diag(DIAG_ERROR, NULL, 0, "--rep", o->rep,
		    "not in the team of --team: team.csv has them in %s",
		    ws->people[p].team);
		return false;
	}
	return true;
}

/*
 * A quarter archived already is refused without --force (docs/output.md
 * §6); what else may be there, outdir_begin refuses.
 */
static int
refuse_archived(const char *output, const char *name)
{
	struct buf target = BUF_INIT;
	struct stat st;
	int status = 0;

	buf_printf(&target, "%s/%s", output, name);
	if (lstat(target.data, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag(DIAG_ERROR, target.data, 0, NULL, NULL, "the quarter is "
		    "archived already: use --force to replace it");
		diag_set_exit(EX_CANTCREAT);
		status = EX_CANTCREAT;
	}
	buf_free(&target);
	return status;
}

/*
 * The language of a period folder's documents, recorded in the folder
 * (docs/output.md §7): one line, "zh-CN" or "en".
 */
#define LANG_NAME ".lang"

/*
 * A --team or --rep run adds documents to a folder whose others it keeps:
 * in another language than theirs, it is refused (64).  A folder without
 * documents, or without the record, takes any language.
 */
static int
refuse_other_lang(const char *output, const char *name, const char *lang)
{
	struct buf path = BUF_INIT, folder = BUF_INIT;
	char *text;
	size_t len;
	int status = 0, err;

	buf_printf(&folder, "%s/%s", output, name);
	buf_printf(&path, "%s/%s", folder.data, LANG_NAME);
	if ((text = file_read(path.data, 64, &len, &err)) == NULL)
		goto out;	/* no record: nothing to agree with */
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		text[--len] = '\0';
	if (strcmp(text, "en") != 0 && strcmp(text, "zh-CN") != 0) {
		diag(DIAG_ERROR, path.data, 0, NULL, text, "not a language "
		    "of scorecard: run without --team and --rep to rewrite "
		    "the whole folder");
		status = EX_USAGE;
	} else if (strcmp(text, lang) != 0) {
		diag(DIAG_ERROR, folder.data, 0, NULL, NULL, "its documents "
		    "are in %s and this run's would be in %s: give --lang %s, "
		    "or run without --team and --rep to rewrite the whole "
		    "folder in %s", text, lang, strcmp(text, "en") == 0 ?
		    "en" : "zh", lang);
		status = EX_USAGE;
	}
	if (status != 0)
		diag_set_exit(EX_USAGE);
	free(text);
out:
	buf_free(&path);
	buf_free(&folder);
	return status;
}

bool
report_money_problems(const struct workspace *ws,
    const struct period_result *res)
{
	struct buf whose = BUF_INIT, limit = BUF_INIT;
	char per[16];
	size_t i;

	buf_puts(&limit, "limit ±");
	fmt_cents(&limit, MONEY_MAX_CENTS - 1);
	for (i = 0; i < res->nproblems; i++) {
		const struct money_problem *m = &res->problems[i];
		const struct kpi_def *k = m->kpi != NONE ?
		    &ws->policy.kpis[m->kpi] : NULL;
		enum input_file f = m->total == TOTAL_TARGET ? FILE_TARGETS :
		    k != NULL && k->source == SOURCE_METRICS ? FILE_METRICS :
		    FILE_SALES;

		buf_reset(&whose);
		if (m->scope == TARGET_REP)
			buf_puts(&whose, ws->people[m->owner].rep_id);
		else if (m->scope == TARGET_TEAM)
			buf_printf(&whose, "team %s", ws->teams[m->owner].id);
		else
			buf_puts(&whose, "the company");
		period_format(&m->period, per);
		diag(DIAG_ERROR, ws->files[f].path, 0, NULL, limit.data,
		    "%s%s%s of %s in %s is too large to compute exactly",
		    m->total == TOTAL_YEAR_TO_DATE ? "year-to-date " : "",
		    k != NULL ? k->name : "revenue",
		    m->total == TOTAL_TARGET ? " target" : "", whose.data, per);
	}
	buf_free(&whose);
	buf_free(&limit);
	return res->nproblems > 0;
}

/*
 * Counts the rows of the period on their way to the aggregate, for the
 * warning about a period with no sales (the rows themselves are counted
 * by the workspace).
 */
struct sales_watch {
	struct sales_sink inner;
	sc_date		 first, last;	/* the period's days */
	long		 in_period;
};

static void
watch_begin(void *arg, const struct workspace *ws)
{
	struct sales_watch *w = arg;

	if (w->inner.begin != NULL)
		w->inner.begin(w->inner.arg, ws);
}

static void
watch_row(void *arg, const struct sale *s)
{
	struct sales_watch *w = arg;

	if (s->date >= w->first && s->date <= w->last)
		w->in_period++;
	w->inner.row(w->inner.arg, s);
}

static void
watch_ahead(void *arg, const struct sale *s, int stage)
{
	struct sales_watch *w = arg;

	if (w->inner.ahead != NULL)
		w->inner.ahead(w->inner.arg, s, stage);
}

/* A period with no sales rows is computed, with a warning (exit 0). */
static void
warn_no_sales(const struct workspace *ws, const struct sales_watch *w,
    const char *name)
{
	char first[11], last[11];

	if (w->in_period > 0 || !ws->files[FILE_SALES].present)
		return;
	if (ws->sales.rows == 0) {
		diag(DIAG_WARNING, ws->files[FILE_SALES].path, 0, NULL, NULL,
		    "no sales in %s (the file has no sales rows)", name);
		return;
	}
	date_format(ws->sales.first, first);
	date_format(ws->sales.last, last);
	if (ws->sales.last < w->first)
		diag(DIAG_WARNING, ws->files[FILE_SALES].path, 0, NULL, NULL,
		    "no sales in %s (the last sale is dated %s)", name, last);
	else if (ws->sales.first > w->last)
		diag(DIAG_WARNING, ws->files[FILE_SALES].path, 0, NULL, NULL,
		    "no sales in %s (the first sale is dated %s)", name, first);
	else
		diag(DIAG_WARNING, ws->files[FILE_SALES].path, 0, NULL, NULL,
		    "no sales in %s (the sales run from %s to %s)", name,
		    first, last);
}

/* scores.xlsx and teams.xlsx, headed in the run's language. */
static int
write_xlsx(const struct options *o, const char *lang,
    const struct num_table *scores, const struct num_table *teams,
    struct outdir *out)
{
	templates_set_user_dir(o->templates);
	return numbers_xlsx(out, lang, period_end(&o->period), scores, teams);
}

static int
run_period(const struct options *o)
{
	struct workspace ws;
	struct sales_run run;
	struct sales_sink sink;
	struct sales_watch watch;
	struct period_result res;
	struct outdir out;
	struct outlock lock = { -1 };
	struct buf scores = BUF_INIT, teams = BUF_INIT, langfile = BUF_INIT;
	struct num_table scores_t, teams_t;
	const char *lang;
	bool partial = o->team != NULL || o->rep != NULL;
	char name[16];
	int status;

	memset(&scores_t, 0, sizeof(scores_t));
	memset(&teams_t, 0, sizeof(teams_t));
	sales_run_sink(&run, &o->period, o->jobs, &watch.inner);
	watch.first = period_start(&o->period);
	watch.last = period_end(&o->period);
	watch.in_period = 0;
	sink.begin = watch_begin;
	sink.row = watch_row;
	sink.ahead = watch_ahead;
	sink.arg = &watch;
	sink.jobs = watch.inner.jobs;
	sink.chunk_bytes = 0;
	period_format(&o->period, name);
	status = workspace_read(&ws, o->input, o->lenient, true, true, &sink);
	if (status != 0) {
		diag_summary("nothing written");
		goto out;
	}
	if (!check_selection(o, &ws)) {
		status = EX_USAGE;
		goto out;
	}
	sales_run_finish(&run);
	warn_no_sales(&ws, &watch, name);
	compute_period(&ws, &run.agg, &o->period, &res);
	if (report_money_problems(&ws, &res)) {
		period_result_free(&res);
		diag_summary("nothing written");
		status = EX_DATAERR;
		goto out;
	}

	if (o->dump != NULL) {
		struct buf d = BUF_INIT;

		dump_model(&ws, &res, &d);
		fwrite(d.data, 1, d.len, stdout);
		buf_free(&d);
		period_result_free(&res);
		goto out;
	}
	lang = o->lang != NULL ? (strcmp(o->lang, "en") == 0 ? "en" :
	    "zh-CN") : ws.policy.locale;
	buf_printf(&langfile, "%s\n", lang);
	scores_table(&ws, &res, &scores_t);
	teams_table(&ws, &res, &teams_t);
	table_csv(&scores_t, &scores);
	table_csv(&teams_t, &teams);
	/* from here to the index page, this run alone writes the folder */
	if ((status = outlock_take(&lock, o->output, true, o->quiet)) != 0) {
		period_result_free(&res);
		goto out;
	}
	if (o->period.kind == PERIOD_QUARTER && !o->force &&
	    (status = refuse_archived(o->output, name)) != 0) {
		period_result_free(&res);
		goto out;
	}
	if (partial && (o->formats & (FORMAT_HTML | FORMAT_PDF)) &&
	    (status = refuse_other_lang(o->output, name, lang)) != 0) {
		period_result_free(&res);
		goto out;
	}
	if ((status = outdir_begin(&out, o->output, name)) != 0 ||
	    (partial && (status = outdir_keep_existing(&out)) != 0)) {
		if (out.temp != NULL)
			outdir_abort(&out);
		period_result_free(&res);
		goto out;
	}
	/* --team and --rep write their documents and nothing else: the
	 * folder's numbers, summary and index stay as they were */
	if ((!partial &&
	    ((status = outdir_write(&out, "scores.csv", &scores)) != 0 ||
	    (status = outdir_write(&out, "teams.csv", &teams)) != 0 ||
	    ((o->formats & FORMAT_XLSX) &&
	    (status = write_xlsx(o, lang, &scores_t, &teams_t, &out)) != 0))) ||
	    ((o->formats & (FORMAT_HTML | FORMAT_PDF)) &&
	    (status = outdir_write(&out, LANG_NAME, &langfile)) != 0) ||
	    ((o->formats & (FORMAT_HTML | FORMAT_PDF)) &&
	    (status = pages_write(o, &ws, &res, &run.agg, &out)) != 0)) {
		period_result_free(&res);
		outdir_abort(&out);
		/* a template, a character the font lacks (counted here
		 * unless a worker process found it) */
		if (status == EX_DATAERR && diag_count(DIAG_ERROR) > 0)
			diag_summary("nothing written");
		else if (status == EX_DATAERR)
			fprintf(stderr, "scorecard: nothing written\n");
		goto out;
	}
	period_result_free(&res);
	if (o->period.kind == PERIOD_QUARTER &&
	    (status = manifest_write(out.temp, &ws)) != 0) {
		outdir_abort(&out);
		goto out;
	}
	/* a quarter is never replaced without --force, even one archived
	 * by a run of another machine while this one worked */
	status = outdir_commit(&out, o->period.kind != PERIOD_QUARTER ||
	    o->force);
	if (status == 0 && !partial && (o->formats & FORMAT_HTML))
		status = pages_write_index(o->output, lang);
	if (status == 0 && !o->quiet) {
		char *shown = utf8_shown(o->output);

		fprintf(stderr, "scorecard: wrote %s/%s\n", shown, name);
		free(shown);
	}

out:
	outlock_release(&lock);
	buf_free(&scores);
	buf_free(&teams);
	buf_free(&langfile);
	num_table_free(&scores_t);
	num_table_free(&teams_t);
	sales_run_free(&run);
	workspace_free(&ws);
	return status;
}

int
job_monthly(const struct options *o)
{
	return run_period(o);
}

int
job_quarterly(const struct options *o)
{
	return run_period(o);
}
