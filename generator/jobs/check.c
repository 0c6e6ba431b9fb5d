/*
 * `scorecard check`: read and validate the whole workspace, print every
 * problem, change nothing.  When all is well, a one-line summary per file
 * and "OK" go to standard output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/alloc.h"
#include "util/diag.h"
#include "util/utf8.h"
#include "input/csvread.h"
#include "input/workspace.h"
#include "jobs/jobs.h"

/* 1234567 -> "1,234,567" */
static const char *
thousands(long n, char out[32])
{
	char tmp[32];
	size_t len, i, k = 0;

	snprintf(tmp, sizeof(tmp), "%ld", n < 0 ? -n : n);
	len = strlen(tmp);
	if (n < 0)
		out[k++] = '-';
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = tmp[i];
	}
	out[k] = '\0';
	return out;
}

/* "s" for a count other than one. */
static const char *
s_unless_one(long n)
{
	return n == 1 ? "" : "s";
}

static void
file_line(const struct file_info *fi, const char *what)
{
	char *shown;

	if (!fi->present)
		return;
	shown = utf8_shown(fi->path);
	printf("%s: %s, %s", shown, what, csv_file_format(fi));
	free(shown);
	if (fi->skipped > 0)
		printf(", %ld row%s skipped", fi->skipped,
		    s_unless_one(fi->skipped));
	putchar('\n');
}

static void
print_summary(const struct workspace *ws)
{
	char a[32], b[32], what[256], d1[11], d2[11], *shown;
	size_t i, open = 0, nperiods = 0, j;

	if (ws->policy.path != NULL) {
		shown = utf8_shown(ws->policy.path);
		printf("%s: %zu KPI%s, %zu role%s, %zu tier%s\n", shown,
		    ws->policy.nkpis, s_unless_one((long)ws->policy.nkpis),
		    ws->policy.nroles, s_unless_one((long)ws->policy.nroles),
		    ws->policy.ntiers, s_unless_one((long)ws->policy.ntiers));
		free(shown);
	} else
		printf("policy.yaml: absent, built-in defaults used\n");
	snprintf(what, sizeof(what), "%zu %s in %zu team%s", ws->npeople,
	    ws->npeople == 1 ? "person" : "people", ws->nteams,
	    s_unless_one((long)ws->nteams));
	file_line(&ws->files[FILE_TEAM], what);
	snprintf(what, sizeof(what), "%s row%s, %s to %s, %ld refund%s",
	    thousands(ws->sales.rows, a), s_unless_one(ws->sales.rows),
	    ws->sales.rows ? (date_format(ws->sales.first, d1), d1) : "-",
	    ws->sales.rows ? (date_format(ws->sales.last, d2), d2) : "-",
	    ws->sales.refunds, s_unless_one(ws->sales.refunds));
	file_line(&ws->files[FILE_SALES], what);
	snprintf(what, sizeof(what), "%s target%s",
	    thousands((long)ws->ntargets, a), s_unless_one((long)ws->ntargets));
	file_line(&ws->files[FILE_TARGETS], what);
	snprintf(what, sizeof(what), "%s value%s",
	    thousands((long)ws->nmetrics, a), s_unless_one((long)ws->nmetrics));
	file_line(&ws->files[FILE_METRICS], what);
	/* Distinct review periods: few, so a short list of those seen. */
	{
		struct period *seen = NULL;

		for (i = 0; i < ws->nreviews; i++) {
			for (j = 0; j < nperiods; j++)
				if (period_equal(&seen[j],
				    &ws->reviews[i].period))
					break;
			if (j < nperiods)
				continue;
			seen = xreallocarray(seen, nperiods + 1,
			    sizeof(*seen));
			seen[nperiods++] = ws->reviews[i].period;
		}
		free(seen);
	}
	snprintf(what, sizeof(what), "%s score%s in %zu review period%s",
	    thousands((long)ws->nreviews, a), s_unless_one((long)ws->nreviews),
	    nperiods, s_unless_one((long)nperiods));
	file_line(&ws->files[FILE_REVIEWS], what);
	for (i = 0; i < ws->nactions; i++)
		if (ws->actions[i].status == ACTION_OPEN)
			open++;
	snprintf(what, sizeof(what), "%s action%s, %s open",
	    thousands((long)ws->nactions, a), s_unless_one((long)ws->nactions),
	    thousands((long)open, b));
	file_line(&ws->files[FILE_ACTIONS], what);
	if (ws->ncases > 0) {
		shown = utf8_shown(ws->dir);
		printf("%s/cases: %zu case%s\n", shown, ws->ncases,
		    s_unless_one((long)ws->ncases));
		free(shown);
	}
}

int
job_check(const struct options *o)
{
	struct workspace ws;
	int status;

	status = workspace_read(&ws, o->input, o->lenient, true, false, NULL);
	if (status == 0) {
		print_summary(&ws);
		printf("OK\n");
	} else {
		diag_summary("nothing changed");
		if (diag_exit_status() != 0)
			status = diag_exit_status();
	}
	workspace_free(&ws);
	return status;
}
