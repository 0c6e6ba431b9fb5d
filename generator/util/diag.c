/*
 * The one diagnostics function (see diag.h).  The exit status is the most
 * severe sysexits code recorded: internal error (70) before I/O error (74),
 * cannot create (73), missing input (66) and bad data (65).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "utf8.h"

struct file_count {
	char	*file;
	size_t	 printed;
	size_t	 suppressed;
};

/* A file that is a sheet, and where its data columns are. */
struct sheet_loc {
	char	*file;
	char	*sheet;		/* as shown: quoted where Excel quotes */
	char   **columns;	/* our column names */
	char   **letters;	/* their sheet columns */
	size_t	 ncolumns;
};

static size_t			 counts[3];
static int			 exit_status;
static bool			 quiet_notes;
static struct diag_record	*records;
static size_t			 nrecords;
static struct file_count	*files;
static size_t			 nfiles;
static struct sheet_loc		*sheets;
static size_t			 nsheets;
static __thread struct diag_capture *capture;

static int
severity(int code)
{
	switch (code) {
	case EX_SOFTWARE:	return 6;
	case EX_IOERR:		return 5;
	case EX_CANTCREAT:	return 4;
	case EX_NOINPUT:	return 3;
	case EX_DATAERR:	return 2;
	case EX_USAGE:		return 1;
	default:		return 0;
	}
}

void
diag_set_exit(int code)
{
	if (severity(code) > severity(exit_status))
		exit_status = code;
}

int
diag_exit_status(void)
{
	return exit_status;
}

size_t
diag_count(enum diag_level level)
{
	return counts[level];
}

void
diag_set_quiet_notes(bool quiet)
{
	quiet_notes = quiet;
}

static struct file_count *
file_count(const char *file)
{
	size_t i;

	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i].file, file) == 0)
			return &files[i];
	files = xreallocarray(files, nfiles + 1, sizeof(*files));
	files[nfiles].file = xstrdup(file);
	files[nfiles].printed = files[nfiles].suppressed = 0;
	return &files[nfiles++];
}

static struct sheet_loc *
sheet_loc(const char *file)
{
	size_t i;

	for (i = 0; file != NULL && i < nsheets; i++)
		if (strcmp(sheets[i].file, file) == 0)
			return &sheets[i];
	return NULL;
}

/* A name as Excel writes it in a reference: quoted when it holds more
 * than letters, digits, '_' and '.' or starts with a digit. */
void
diag_sheet(const char *file, const char *sheet)
{
	struct sheet_loc *s = sheet_loc(file);
	struct buf b = BUF_INIT;
	const unsigned char *p;
	bool quote = *sheet == '\0' || (*sheet >= '0' && *sheet <= '9');

	for (p = (const unsigned char *)sheet; *p != '\0'; p++)
		if (*p < 0x80 && !(*p == '_' || *p == '.' ||
		    (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z')))
			quote = true;
	if (quote) {
		buf_putc(&b, '\'');
		for (p = (const unsigned char *)sheet; *p != '\0'; p++) {
			if (*p == '\'')
				buf_putc(&b, '\'');
			buf_putc(&b, *p);
		}
		buf_putc(&b, '\'');
	} else
		buf_puts(&b, sheet);
	if (s == NULL) {
		sheets = xreallocarray(sheets, nsheets + 1, sizeof(*sheets));
		s = &sheets[nsheets++];
		memset(s, 0, sizeof(*s));
		s->file = xstrdup(file);
	} else
		free(s->sheet);
	s->sheet = buf_detach(&b);
}

void
diag_sheet_column(const char *file, const char *column, const char *letters)
{
	struct sheet_loc *s = sheet_loc(file);
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ncolumns; i++)
		if (strcmp(s->columns[i], column) == 0) {
			free(s->letters[i]);
			s->letters[i] = xstrdup(letters);
			return;
		}
	s->columns = xreallocarray(s->columns, s->ncolumns + 1,
	    sizeof(char *));
	s->letters = xreallocarray(s->letters, s->ncolumns + 1,
	    sizeof(char *));
	s->columns[s->ncolumns] = xstrdup(column);
	s->letters[s->ncolumns++] = xstrdup(letters);
}

/* ":Sheet1!D12" or ":Sheet1!12:12", or ":12" for a file that is not a
 * sheet. */
static void
location(struct buf *out, const char *file, long line, const char *column)
{
	const struct sheet_loc *s = sheet_loc(file);
	size_t i;

	if (s == NULL) {
		buf_printf(out, ":%ld", line);
		return;
	}
	buf_putc(out, ':');
	utf8_printable(out, s->sheet, strlen(s->sheet), SIZE_MAX);
	buf_putc(out, '!');
	for (i = 0; column != NULL && i < s->ncolumns; i++)
		if (strcmp(s->columns[i], column) == 0) {
			buf_printf(out, "%s%ld", s->letters[i], line);
			return;
		}
	buf_printf(out, "%ld:%ld", line, line);
}

void
diag(enum diag_level level, const char *file, long line, const char *column,
    const char *value, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(level, file, line, column, value, fmt, ap);
	va_end(ap);
}

void
vdiag(enum diag_level level, const char *file, long line, const char *column,
    const char *value, const char *fmt, va_list ap)
{
	struct buf msg = BUF_INIT, shown = BUF_INIT, out = BUF_INIT;
	struct file_count *fc;

	if (capture != NULL) {
		struct diag_held *h;

		capture->held = xgrowarray(capture->held, capture->n,
		    sizeof(*capture->held));
		h = &capture->held[capture->n++];
		h->level = level;
		h->file = file;
		h->line = line;
		h->column = column;
		h->value = value != NULL ? xstrdup(value) : NULL;
		buf_vprintf(&msg, fmt, ap);
		h->message = xstrdup(buf_str(&msg));
		buf_free(&msg);
		h->mark = capture->mark;
		return;
	}
	counts[level]++;
	if (level == DIAG_ERROR)
		diag_set_exit(EX_DATAERR);

	buf_vprintf(&msg, fmt, ap);
	if (value != NULL)
		utf8_printable(&shown, value, strlen(value), 80);

	if (nrecords < DIAG_KEEP_LIMIT && level != DIAG_NOTE) {
		struct diag_record *r;

		records = xreallocarray(records, nrecords + 1,
		    sizeof(*records));
		r = &records[nrecords++];
		r->level = level;
		r->file = xstrdup(file != NULL ? file : "");
		r->line = line;
		r->column = column != NULL ? xstrdup(column) : NULL;
		r->message = xstrdup(buf_str(&msg));
		r->value = value != NULL ? xstrdup(buf_str(&shown)) : NULL;
	}

	if (level == DIAG_NOTE && quiet_notes)
		goto out;
	fc = file_count(file != NULL ? file : "");
	if (fc->printed >= DIAG_PRINT_LIMIT_PER_FILE) {
		fc->suppressed++;
		goto out;
	}
	fc->printed++;

	/* a file name or a key of the data may hold a line break or a
	 * terminal escape: escaped like values, one message a line */
	if (file != NULL) {
		utf8_printable(&out, file, strlen(file), SIZE_MAX);
		if (line > 0)
			location(&out, file, line, column);
		buf_puts(&out, ": ");
	} else
		buf_puts(&out, "scorecard: ");
	if (column != NULL && *column != '\0') {
		utf8_printable(&out, column, strlen(column), SIZE_MAX);
		buf_puts(&out, ": ");
	}
	if (level == DIAG_WARNING)
		buf_puts(&out, "warning: ");
	else if (level == DIAG_NOTE)
		buf_puts(&out, "note: ");
	buf_puts(&out, buf_str(&msg));
	if (value != NULL)
		buf_printf(&out, " (%s)", buf_str(&shown));
	buf_putc(&out, '\n');
	fputs(buf_str(&out), stderr);
out:
	buf_free(&msg);
	buf_free(&shown);
	buf_free(&out);
}

void
diag_finish(void)
{
	size_t i;

	for (i = 0; i < nfiles; i++)
		if (files[i].suppressed > 0) {
			struct buf f = BUF_INIT;

			utf8_printable(&f, files[i].file,
			    strlen(files[i].file), SIZE_MAX);
			fprintf(stderr, "%s: %zu more problems not shown\n",
			    buf_str(&f), files[i].suppressed);
			buf_free(&f);
		}
	fflush(stderr);
}

void
diag_summary(const char *outcome)
{
	diag_finish();
	fprintf(stderr, "%zu error%s, %zu warning%s: %s\n",
	    counts[DIAG_ERROR], counts[DIAG_ERROR] == 1 ? "" : "s",
	    counts[DIAG_WARNING], counts[DIAG_WARNING] == 1 ? "" : "s",
	    outcome);
}

const struct diag_record *
diag_records(size_t *n)
{
	*n = nrecords;
	return records;
}

void
diag_reset(void)
{
	size_t i;

	for (i = 0; i < nrecords; i++) {
		free(records[i].file);
		free(records[i].column);
		free(records[i].message);
		free(records[i].value);
	}
	free(records);
	records = NULL;
	nrecords = 0;
	for (i = 0; i < nfiles; i++)
		free(files[i].file);
	free(files);
	files = NULL;
	nfiles = 0;
	for (i = 0; i < nsheets; i++) {
		size_t j;

		for (j = 0; j < sheets[i].ncolumns; j++) {
			free(sheets[i].columns[j]);
			free(sheets[i].letters[j]);
		}
		free(sheets[i].columns);
		free(sheets[i].letters);
		free(sheets[i].file);
		free(sheets[i].sheet);
	}
	free(sheets);
	sheets = NULL;
	nsheets = 0;
	memset(counts, 0, sizeof(counts));
	exit_status = 0;
}

struct diag_capture *
diag_capture_set(struct diag_capture *c)
{
	struct diag_capture *last = capture;

	capture = c;
	return last;
}

void
diag_capture_replay(struct diag_capture *c, size_t *next, size_t mark,
    long line_offset)
{
	struct diag_held *h;

	for (; *next < c->n && c->held[*next].mark <= mark; (*next)++) {
		h = &c->held[*next];
		diag(h->level, h->file, h->line > 0 ? h->line + line_offset :
		    h->line, h->column, h->value, "%s", h->message);
	}
}

void
diag_capture_free(struct diag_capture *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->held[i].value);
		free(c->held[i].message);
	}
	free(c->held);
	memset(c, 0, sizeof(*c));
}
