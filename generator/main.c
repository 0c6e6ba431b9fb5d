/*
 * scorecard: the command line.  Parses options and the subcommand, then
 * runs one job (jobs/) and exits with its sysexits status.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "util/diag.h"
#include "pdf/pdf.h"
#include "jobs/interrupt.h"
#include "jobs/jobs.h"

static void
usage(FILE *fp)
{
	fputs(
"usage: scorecard monthly YYYY-MM   [--team ID] [--rep ID] [--format pdf,html,csv]\n"
"                                   [--lang zh|en] [--dump model]\n"
"       scorecard quarterly YYYY-Qn [--force] [--dump model]\n"
"       scorecard casebook          [--tag T] [--team ID] [--since YYYY-MM-DD]\n"
"                                   [--until YYYY-MM-DD] [--strict]\n"
"       scorecard check             validate every input file, change nothing\n"
"       scorecard verify DIR        check an archive against its manifest\n"
"       scorecard render TEMPLATE [--data FILE.yaml] [--dump markdown]\n"
"                                   a template with a data file, as HTML\n"
"       scorecard --help | --version\n"
"common options: --input DIR (input/)  --output DIR (output/)\n"
"                --templates DIR  --lenient  --jobs N  --quiet\n"
"see scorecard(1) for the input files, the messages and the exit codes\n",
	    fp);
}

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("scorecard: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	usage(stderr);
	return EX_USAGE;
}

static bool
parse_formats(const char *s, int *out)
{
	char *copy = strdup(s), *tok, *save = NULL;
	bool ok = copy != NULL;

	*out = 0;
	for (tok = strtok_r(copy, ",", &save); ok && tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "pdf") == 0)
			*out |= FORMAT_PDF;
		else if (strcmp(tok, "html") == 0)
			*out |= FORMAT_HTML;
		else if (strcmp(tok, "csv") == 0)
			*out |= FORMAT_CSV;
		else
			ok = false;
	}
	free(copy);
	return ok && *out != 0;
}

enum { OPT_INPUT = 256, OPT_OUTPUT, OPT_TEMPLATES, OPT_FORMAT, OPT_LANG,
    OPT_TEAM, OPT_REP, OPT_FORCE, OPT_TAG, OPT_SINCE, OPT_UNTIL, OPT_LENIENT,
    OPT_JOBS, OPT_STRICT, OPT_DUMP, OPT_DATA };

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "input", required_argument, NULL, OPT_INPUT },
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "templates", required_argument, NULL, OPT_TEMPLATES },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "team", required_argument, NULL, OPT_TEAM },
		{ "rep", required_argument, NULL, OPT_REP },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "tag", required_argument, NULL, OPT_TAG },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "lenient", no_argument, NULL, OPT_LENIENT },
		{ "jobs", required_argument, NULL, OPT_JOBS },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "dump", required_argument, NULL, OPT_DUMP },
		{ "data", required_argument, NULL, OPT_DATA },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct options o;
	const char *cmd, *err;
	char *end;
	long n;
	int c, status;

	memset(&o, 0, sizeof(o));
	o.input = "input";
	o.output = "output";
	o.formats = FORMAT_PDF | FORMAT_HTML | FORMAT_CSV;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	o.jobs = n > 0 ? (int)n : 1;

	while ((c = getopt_long(argc, argv, "hqV", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_INPUT:		o.input = optarg; break;
		case OPT_OUTPUT:	o.output = optarg; break;
		case OPT_TEMPLATES:	o.templates = optarg; break;
		case OPT_TEAM:		o.team = optarg; break;
		case OPT_REP:		o.rep = optarg; break;
		case OPT_TAG:		o.tag = optarg; break;
		case OPT_FORCE:		o.force = true; break;
		case OPT_LENIENT:	o.lenient = true; break;
		case OPT_STRICT:	o.strict = true; break;
		case 'q':		o.quiet = true; break;
		case OPT_FORMAT:
			if (!parse_formats(optarg, &o.formats))
				return usage_error("--format takes pdf, html "
				    "and csv, separated by commas: %s", optarg);
			break;
		case OPT_LANG:
			if (strcmp(optarg, "zh") != 0 &&
			    strcmp(optarg, "en") != 0)
				return usage_error("--lang is zh or en: %s",
				    optarg);
			o.lang = optarg;
			break;
		case OPT_DATA:		o.data = optarg; break;
		case OPT_DUMP:
			if (strcmp(optarg, "model") != 0 &&
			    strcmp(optarg, "markdown") != 0)
				return usage_error("--dump takes model or "
				    "markdown: %s", optarg);
			o.dump = optarg;
			break;
		case OPT_SINCE:
		case OPT_UNTIL:
			if ((err = parse_date(optarg, strlen(optarg),
			    c == OPT_SINCE ? &o.since : &o.until)) != NULL)
				return usage_error("not a date (YYYY-MM-DD): "
				    "%s", optarg);
			if (c == OPT_SINCE)
				o.has_since = true;
			else
				o.has_until = true;
			break;
		case OPT_JOBS:
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 1 || n > 256)
				return usage_error("--jobs takes a number from "
				    "1 to 256: %s", optarg);
			o.jobs = (int)n;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("scorecard %s\n", SCORECARD_VERSION);
			return 0;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return usage_error("no subcommand given%s", "");
	cmd = argv[0];
	diag_set_quiet_notes(o.quiet);
	interrupt_install();

	if (strcmp(cmd, "monthly") == 0 || strcmp(cmd, "quarterly") == 0) {
		bool monthly = cmd[0] == 'm';

		if (argc != 2)
			return usage_error("%s needs one period", cmd);
		if (parse_period(argv[1], strlen(argv[1]), &o.period) !=
		    NULL || o.period.kind != (monthly ? PERIOD_MONTH :
		    PERIOD_QUARTER))
			return usage_error(monthly ? "not a month (YYYY-MM): "
			    "%s" : "not a quarter (YYYY-Qn): %s", argv[1]);
		status = monthly ? job_monthly(&o) : job_quarterly(&o);
	} else if (strcmp(cmd, "casebook") == 0 && argc == 1)
		status = job_casebook(&o);
	else if (strcmp(cmd, "check") == 0 && argc == 1)
		status = job_check(&o);
	else if (strcmp(cmd, "render") == 0 && argc == 2) {
		o.render_template = argv[1];
		status = job_render(&o);
	} else if (strcmp(cmd, "verify") == 0 && argc == 2) {
		o.verify_dir = argv[1];
		status = job_verify(&o);
	} else if (strcmp(cmd, "monthly") == 0 || strcmp(cmd, "casebook") == 0
	    || strcmp(cmd, "check") == 0 || strcmp(cmd, "verify") == 0 ||
	    strcmp(cmd, "render") == 0)
		return usage_error("wrong number of arguments for %s", cmd);
	else
		return usage_error("unknown subcommand: %s", cmd);
	pdf_release();	/* the font cached across documents */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("scorecard: standard output");
		return EX_IOERR;
	}
	return status;
}
