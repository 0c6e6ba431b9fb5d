/*
 * The computation's test fixture, shared by test_compute.c, test_money.c
 * and test_settle.c: a workspace written to a temporary folder, read the
 * way jobs/report.c reads it (sales.csv through the sales sink), and one
 * computed period; the teardown frees it even when an assertion left the
 * test half-way.  Include after cmocka.h and the generator's headers.
 */
#ifndef SC_TESTS_COMPUTE_FIXTURE_H
#define SC_TESTS_COMPUTE_FIXTURE_H

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline struct period
per(const char *s)
{
	struct period p;
	const char *err = parse_period(s, strlen(s), &p);

	if (err != NULL)
		fail_msg("bad period in the test: %s: %s", s, err);
	return p;
}

static inline void
write_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static inline void
remove_dir(const char *dir)
{
	char path[512];
	struct dirent *de;
	DIR *d = opendir(dir);

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

/* A workspace read the way jobs/report.c reads it, plus one result. */
struct fx {
	char			 dir[64];
	struct workspace	 ws;
	struct period		 window;
	struct sales_agg	 agg;
	bool			 started;
	struct period_result	 res;
	bool			 has_res;
};

/* The workspace of the running test, freed by the teardown even when an
 * assertion fails half-way (cmocka leaves the test by longjmp). */
static struct fx *live;

static inline void
fx_begin(void *arg, const struct workspace *ws)
{
	struct fx *f = arg;

	sales_agg_init(&f->agg, ws->people, ws->npeople, ws->nteams,
	    &f->window);
	f->started = true;
}

static inline void
fx_row(void *arg, const struct sale *s)
{
	struct fx *f = arg;

	sales_agg_row(&f->agg, s);
}

/* Files as (name, text) pairs, then NULL. */
static inline struct fx *
fx_load(const char *window, ...)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct sales_sink sink = { fx_begin, fx_row, NULL, 1, 0, NULL };
	const char *name, *text;
	va_list ap;
	int status;

	assert_non_null(f);
	strcpy(f->dir, "/tmp/sc_test_fixture_XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	va_start(ap, window);
	while ((name = va_arg(ap, const char *)) != NULL) {
		text = va_arg(ap, const char *);
		write_file(f->dir, name, text);
	}
	va_end(ap);
	f->window = per(window);
	sink.arg = f;
	live = f;
	diag_reset();
	diag_set_quiet_notes(true);
	status = workspace_read(&f->ws, f->dir, false, true, true, &sink);
	if (status != 0)
		fail_msg("workspace_read refused the test workspace: %d",
		    status);
	assert_true(f->started);
	sales_agg_finish(&f->agg);
	return f;
}

static inline struct period_result *
fx_compute(struct fx *f, const char *period)
{
	struct period p = per(period);

	if (f->has_res)
		period_result_free(&f->res);
	compute_period(&f->ws, &f->agg, &p, &f->res);
	f->has_res = true;
	return &f->res;
}

static inline void
fx_free(struct fx *f)
{
	if (f->has_res)
		period_result_free(&f->res);
	if (f->started)
		sales_agg_free(&f->agg);
	workspace_free(&f->ws);
	remove_dir(f->dir);
	free(f);
	if (live == f)
		live = NULL;
}

static inline int
teardown(void **state)
{
	(void)state;
	if (live != NULL)
		fx_free(live);
	return 0;
}

static inline size_t
pidx(const struct fx *f, const char *rep)
{
	size_t i;

	if (!strmap_get(&f->ws.person_index, rep, strlen(rep), &i) ||
	    i == NONE)
		fail_msg("no person %s", rep);
	return i;
}

static inline size_t
tidx(const struct fx *f, const char *team)
{
	size_t i;

	if (!strmap_get(&f->ws.team_index, team, strlen(team), &i))
		fail_msg("no team %s", team);
	return i;
}
#endif
