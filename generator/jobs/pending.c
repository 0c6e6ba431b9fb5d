/*
 * Subcommands whose jobs are not built yet: they say so and exit 70.
 */
#include <stdio.h>
#include <sysexits.h>

#include "jobs/jobs.h"

static int
not_yet(const char *what)
{
	fprintf(stderr, "scorecard: %s is not yet available in this "
	    "version\n", what);
	return EX_SOFTWARE;
}

int
job_casebook(const struct options *o)
{
	(void)o;
	return not_yet("casebook");
}
