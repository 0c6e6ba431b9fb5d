/*
 * scorecard: the command line.  Parses options and the subcommand, then
 * runs one job (jobs/) and exits with its sysexits status.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/utf8.h"
#include "pdf/pdf.h"
#include "jobs/interrupt.h"
#include "jobs/jobs.h"

static void
usage(FILE *fp)
{
	fputs(
"usage: scorecard monthly YYYY-MM   [--team ID] [--rep ID]\n"
"                                   [--format pdf,html,csv,xlsx]\n"
"                                   [--lang zh|en] [--dump model]\n"
"       scorecard quarterly YYYY-Qn [--force] [--format pdf,html,csv,xlsx]\n"
"                                   [--lang zh|en] [--dump model]\n"
"       scorecard casebook          [--tag T] [--team ID] [--since YYYY-MM-DD]\n"
"                                   [--until YYYY-MM-DD] [--strict]\n"
"                                   [--format pdf,html] [--lang zh|en]\n"
"       scorecard check             validate every input file, change nothing\n"
"       scorecard verify DIR        check an archive against its manifest\n"
"       scorecard init DIR          a starter workspace in the new folder DIR\n"
"       scorecard send YYYY-MM|YYYY-Qn [--team ID] [--rep ID] [--dry-run]\n"
"                                   [--encrypt] [--skip-missing] [--resend]\n"
"                                   mail each statement to its person\n"
"       scorecard render TEMPLATE [--data FILE.yaml] [--dump markdown]\n"
"                                 [--lang zh|en] [--strict] [--names]\n"
"                                   a template with a data file, as HTML\n"
"       scorecard --help | --version\n"
"common options: --input DIR (input/)  --output DIR (output/)\n"
"                --templates DIR  --lenient  --jobs N  --quiet\n"
"each option once; one that the subcommand does not use is refused\n"
"see scorecard(1) for the input files, the messages and the exit codes\n",
	    fp);
}

/* A usage error: the message, values in it escaped, then the usage. */
static int
usage_error(const char *fmt, ...)
{
	struct buf msg = BUF_INIT, shown = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	utf8_printable(&shown, msg.data, msg.len, SIZE_MAX);
	fprintf(stderr, "scorecard: %s\n", buf_str(&shown));
	buf_free(&msg);
	buf_free(&shown);
	usage(stderr);
	return EX_USAGE;
}

/* pdf, html, csv and xlsx separated by commas; an empty item is an error. */
static bool
parse_formats(const char *s, int *out)
{
	const char *end;
	size_t n;

	*out = 0;
	for (;; s = end + 1) {
		end = strchr(s, ',');
		n = end != NULL ? (size_t)(end - s) : strlen(s);
		if (n == 3 && strncmp(s, "pdf", 3) == 0)
			*out |= FORMAT_PDF;
		else if (n == 4 && strncmp(s, "html", 4) == 0)
			*out |= FORMAT_HTML;
		else if (n == 3 && strncmp(s, "csv", 3) == 0)
			*out |= FORMAT_CSV;
		else if (n == 4 && strncmp(s, "xlsx", 4) == 0)
			*out |= FORMAT_XLSX;
		else
			return false;
		if (end == NULL)
			return true;
	}
}

/* Standard output flushed, or 74 after saying why (a full disk, closed). */
static int
finish_stdout(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("scorecard: standard output");
		return EX_IOERR;
	}
	return status;
}

enum { OPT_INPUT = 256, OPT_OUTPUT, OPT_TEMPLATES, OPT_FORMAT, OPT_LANG,
    OPT_TEAM, OPT_REP, OPT_FORCE, OPT_TAG, OPT_SINCE, OPT_UNTIL, OPT_LENIENT,
    OPT_JOBS, OPT_STRICT, OPT_DUMP, OPT_DATA, OPT_NAMES, OPT_DRY_RUN,
    OPT_ENCRYPT, OPT_SKIP_MISSING, OPT_RESEND, OPT_END };

enum { CMD_MONTHLY = 1, CMD_QUARTERLY = 2, CMD_CASEBOOK = 4, CMD_CHECK = 8,
    CMD_VERIFY = 16, CMD_RENDER = 32, CMD_INIT = 64, CMD_SEND = 128 };

static const char *const command_names[] = { "monthly", "quarterly",
    "casebook", "check", "verify", "render", "init", "send", NULL };

/*
 * The options of some subcommands only, and which: each is refused with
 * the others rather than ignored.  The common options (--input, --output,
 * --templates, --lenient, --jobs, --quiet) go with every subcommand.
 */
static const struct {
	int		 opt;
	const char	*name;
	unsigned	 commands;
} scoped[] = {
	{ OPT_TEAM,	"--team",	CMD_MONTHLY | CMD_CASEBOOK |
					CMD_SEND },
	{ OPT_REP,	"--rep",	CMD_MONTHLY | CMD_SEND },
	{ OPT_FORMAT,	"--format",	CMD_MONTHLY | CMD_QUARTERLY |
					CMD_CASEBOOK },
	{ OPT_LANG,	"--lang",	CMD_MONTHLY | CMD_QUARTERLY |
					CMD_CASEBOOK | CMD_RENDER },
	{ OPT_DUMP,	"--dump",	CMD_MONTHLY | CMD_QUARTERLY |
					CMD_RENDER },
	{ OPT_FORCE,	"--force",	CMD_QUARTERLY },
	{ OPT_TAG,	"--tag",	CMD_CASEBOOK },
	{ OPT_SINCE,	"--since",	CMD_CASEBOOK },
	{ OPT_UNTIL,	"--until",	CMD_CASEBOOK },
	{ OPT_STRICT,	"--strict",	CMD_CASEBOOK | CMD_RENDER },
	{ OPT_DATA,	"--data",	CMD_RENDER },
	{ OPT_NAMES,	"--names",	CMD_RENDER },
	{ OPT_DRY_RUN,	"--dry-run",	CMD_SEND },
	{ OPT_ENCRYPT,	"--encrypt",	CMD_SEND },
	{ OPT_SKIP_MISSING, "--skip-missing", CMD_SEND },
	{ OPT_RESEND,	"--resend",	CMD_SEND },
};

/* The subcommand's bit, or 0 for an unknown one. */
static unsigned
command_bit(const char *cmd)
{
	unsigned i;

	for (i = 0; command_names[i] != NULL; i++)
		if (strcmp(cmd, command_names[i]) == 0)
			return 1u << i;
	return 0;
}

/*
 * 64 after saying so when an option given does not apply to the
 * subcommand (seen: a bit per option, from OPT_INPUT), or when options
 * that apply contradict each other; else 0.
 */
static int
check_applies(const struct options *o, unsigned long seen, const char *cmd)
{
	unsigned bit = command_bit(cmd), i, j, k;
	struct buf which = BUF_INIT;
	int status;

	for (i = 0; i < sizeof(scoped) / sizeof(scoped[0]); i++) {
		if (!(seen & (1ul << (scoped[i].opt - OPT_INPUT))) ||
		    (scoped[i].commands & bit))
			continue;
		for (j = k = 0; command_names[j] != NULL; j++)
			if (scoped[i].commands & (1u << j))
				buf_printf(&which, "%s%s", k++ == 0 ? "" :
				    (scoped[i].commands >> j) == 1 ? " and " :
				    ", ", command_names[j]);
		status = usage_error("%s does not apply to %s (only to %s)",
		    scoped[i].name, cmd, buf_str(&which));
		buf_free(&which);
		return status;
	}
	if (o->dump != NULL && strcmp(o->dump, bit == CMD_RENDER ?
	    "markdown" : "model") != 0)
		return usage_error("--dump %s does not apply to %s (--dump %s "
		    "does)", o->dump, cmd, bit == CMD_RENDER ? "markdown" :
		    "model");
	/* --team and --rep select documents (docs/output.md §7) */
	if (bit == CMD_MONTHLY && (o->team != NULL || o->rep != NULL) &&
	    !(o->formats & (FORMAT_PDF | FORMAT_HTML)))
		return usage_error("%s writes only documents: not with "
		    "--format %s alone", o->rep != NULL ? "--rep" : "--team",
		    o->formats == FORMAT_CSV ? "csv" : o->formats ==
		    FORMAT_XLSX ? "xlsx" : "csv and xlsx");
	return 0;
}

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
		{ "names", no_argument, NULL, OPT_NAMES },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "encrypt", no_argument, NULL, OPT_ENCRYPT },
		{ "skip-missing", no_argument, NULL, OPT_SKIP_MISSING },
		{ "resend", no_argument, NULL, OPT_RESEND },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct options o;
	const char *cmd, *err;
	unsigned long seen = 0, bit;
	char *end;
	long n;
	int c, fd, li, status;

	/* A closed standard descriptor is taken by /dev/null, read-only, so
	 * that no file opened later becomes standard output: writing to it
	 * fails and is reported (74) instead. */
	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF &&
		    open("/dev/null", O_RDONLY) < 0)
			break;	/* no /dev/null: left as it is */

	memset(&o, 0, sizeof(o));
	o.input = "input";
	o.output = "output";
	o.formats = FORMAT_PDF | FORMAT_HTML | FORMAT_CSV;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	o.jobs = n > 0 ? (int)n : 1;

	opterr = 0;	/* our messages, with the option escaped */
	while ((c = getopt_long(argc, argv, ":hqV", longopts, &li)) != -1) {
		if (c >= OPT_INPUT && c < OPT_END) {
			bit = 1ul << (c - OPT_INPUT);
			/* a second value would silently replace the first */
			if ((seen & bit) && optarg != NULL)
				return usage_error("--%s given twice: give it "
				    "once (%s)", longopts[li].name, optarg);
			seen |= bit;
		}
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
		case OPT_NAMES:		o.names = true; break;
		case OPT_DRY_RUN:	o.dry_run = true; break;
		case OPT_ENCRYPT:	o.encrypt = true; break;
		case OPT_SKIP_MISSING:	o.skip_missing = true; break;
		case OPT_RESEND:	o.resend = true; break;
		case 'q':		o.quiet = true; break;
		case OPT_FORMAT:
			if (!parse_formats(optarg, &o.formats))
				return usage_error("--format takes pdf, html, "
				    "csv and xlsx, separated by commas: %s",
				    optarg);
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
			return finish_stdout(0);
		case 'V':
			printf("scorecard %s\n", SCORECARD_VERSION);
			return finish_stdout(0);
		case ':':
			return usage_error("%s needs a value",
			    argv[optind - 1]);
		default:
			if (optopt != 0)
				return usage_error("unknown option: -%c",
				    optopt);
			return usage_error("unknown option: %s",
			    argv[optind - 1]);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return usage_error("no subcommand given");
	cmd = argv[0];
	if (command_bit(cmd) == 0)
		return usage_error("unknown subcommand: %s", cmd);
	if ((status = check_applies(&o, seen, cmd)) != 0)
		return status;
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
	} else if (strcmp(cmd, "send") == 0) {
		if (argc != 2)
			return usage_error("send needs one period");
		if (parse_period(argv[1], strlen(argv[1]), &o.period) !=
		    NULL || (o.period.kind != PERIOD_MONTH &&
		    o.period.kind != PERIOD_QUARTER))
			return usage_error("not a month or a quarter (YYYY-MM, "
			    "YYYY-Qn): %s", argv[1]);
		status = job_send(&o);
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
	} else if (strcmp(cmd, "init") == 0 && argc == 2) {
		o.init_dir = argv[1];
		status = job_init(&o);
	} else
		return usage_error("wrong number of arguments for %s", cmd);
	pdf_release();	/* the font cached across documents */
	return finish_stdout(status);
}
