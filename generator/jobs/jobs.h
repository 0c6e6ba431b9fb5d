/*
 * The subcommands.  main.c parses the command line into struct options and
 * calls one job; a job returns the process exit status (sysexits).
 */
#ifndef SC_JOBS_H
#define SC_JOBS_H

#include <stdbool.h>

#include "input/values.h"

enum format_bits { FORMAT_PDF = 1, FORMAT_HTML = 2, FORMAT_CSV = 4,
    FORMAT_XLSX = 8 };

struct options {
	const char	*input;
	const char	*output;
	const char	*templates;
	const char	*team;
	const char	*rep;
	const char	*lang;
	const char	*tag;
	const char	*dump;
	bool		 has_since, has_until;
	sc_date		 since, until;
	int		 formats;
	int		 jobs;
	bool		 lenient;
	bool		 quiet;
	bool		 force;
	bool		 strict;
	bool		 dry_run;	/* send */
	bool		 encrypt;	/* send */
	bool		 skip_missing;	/* send */
	bool		 resend;	/* send */
	struct period	 period;	/* monthly, quarterly */
	const char	*verify_dir;
	const char	*render_template;	/* render */
	const char	*data;			/* render --data */
	bool		 names;			/* render --names */
	const char	*init_dir;		/* init */
};

int	 job_check(const struct options *);
int	 job_init(const struct options *);
int	 job_monthly(const struct options *);
int	 job_quarterly(const struct options *);
int	 job_casebook(const struct options *);
int	 job_verify(const struct options *);
int	 job_render(const struct options *);
int	 job_send(const struct options *);

#endif
