/*
 * scores.xlsx and teams.xlsx (docs/output.md §2), through libxlsxwriter.
 * Owns the workbook form of the tables of numbers.h: one sheet a file,
 * its name and the column headers from the locale's `xlsx` block, typed
 * cells (numbers as numbers with display formats, text as text, "none"
 * as an empty cell), the frozen and filtered header row, the column
 * widths, the workbook's date (the period's end, so that two runs give
 * the same bytes), and the trip of the file through the staging folder
 * into outdir_write.  The values are the CSV's: a number cell holds the
 * number of the CSV's text, and money that a double cannot hold to the
 * cent (beyond 2^53 cents, or where the cents are too fine for its
 * magnitude) is written as that text.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "util/alloc.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/utf8.h"
#include "util/yamltree.h"
#include "tmpl/templates.h"
#include "jobs/numbers.h"
#include "jobs/outdir.h"

/* Excel's rows a sheet, the header's included. */
#define SHEET_ROWS	1048576
/* Column widths, in characters of the default font. */
#define WIDTH_MIN	6
#define WIDTH_MAX	60

/*
 * The locale's `xlsx` block: sheet names and column headers, from the
 * user's locale file (--templates) where it has them, else from the
 * built-in one, leaf by leaf as for the rest of the locale (locale.c).
 */
struct labels {
	struct ynode	*root[2];	/* TEMPLATE_USER, TEMPLATE_BUILTIN */
	char		*path[2];
};

struct formats {
	lxw_format	*header, *money, *ratio, *score, *count;
};

static int
labels_load(struct labels *l, const char *lang)
{
	struct buf name = BUF_INIT;
	char *text;
	size_t len;
	bool missing;
	int i, status = 0;

	memset(l, 0, sizeof(*l));
	buf_printf(&name, "locale/%s.yaml", lang);
	for (i = 0; i < 2 && status == 0; i++) {
		text = template_read_in(i == 0 ? TEMPLATE_USER :
		    TEMPLATE_BUILTIN, name.data, &len, &l->path[i], &missing);
		if (text == NULL) {
			if (!missing)
				status = EX_DATAERR;
			continue;
		}
		if ((l->root[i] = ytree_parse(l->path[i], text, len, 0)) ==
		    NULL)
			status = EX_DATAERR;
		free(text);
	}
	if (status == 0 && l->root[0] == NULL && l->root[1] == NULL) {
		/* in neither folder: reported as a missing template is */
		free(template_read(name.data, &len, &l->path[1]));
		status = EX_DATAERR;
	}
	buf_free(&name);
	return status;
}

static void
labels_free(struct labels *l)
{
	int i;

	for (i = 0; i < 2; i++) {
		ytree_free(l->root[i]);
		free(l->path[i]);
	}
}

/* The node xlsx.KEY, or xlsx.columns.KEY with COLUMNS; or NULL. */
static const struct ynode *
label(const struct labels *l, const char *key, bool columns)
{
	const struct ynode *n;
	int i;

	for (i = 0; i < 2; i++) {
		n = ytree_get(l->root[i], "xlsx");
		if (columns)
			n = ytree_get(n, "columns");
		if ((n = ytree_get(n, key)) != NULL && ytree_text(n) != NULL &&
		    *ytree_text(n) != '\0')
			return n;
	}
	return NULL;
}

/* The header of a column: the locale's, else the CSV's name. */
static const char *
header(const struct labels *l, const char *column)
{
	const struct ynode *n = label(l, column, true);

	return n != NULL ? ytree_text(n) : column;
}

/* Columns on screen: a CJK character takes two. */
static size_t
display_width(const char *s)
{
	size_t n = 0, len = strlen(s), k;
	uint32_t cp;

	while (len > 0) {
		k = utf8_next(s, len, &cp);
		if (k == 0)
			break;
		n += utf8_is_cjk(cp) ? 2 : 1;
		s += k;
		len -= k;
	}
	return n;
}

/* The width of a number's text with thousands separators. */
static size_t
grouped_width(const char *s)
{
	size_t digits = strspn(s + (*s == '-'), "0123456789");

	return strlen(s) + (digits > 0 ? (digits - 1) / 3 : 0);
}

/*
 * Whether money of the CSV's text is written as a number: its cents
 * within 2^53, and the double of the text reads back to the same cents
 * once libxlsxwriter has written it (with 16 significant digits).
 */
static bool
money_as_number(const struct cell *c, const char *s, double *v)
{
	char shown[64], back[64];

	if (c->cents > (INT64_C(1) << 53) || c->cents < -(INT64_C(1) << 53))
		return false;
	*v = strtod(s, NULL);
	snprintf(shown, sizeof(shown), "%.16G", *v);
	snprintf(back, sizeof(back), "%.2f", strtod(shown, NULL));
	return strcmp(back, s) == 0;
}

/* Writes one cell; its width on screen in *width. */
static lxw_error
put_cell(lxw_worksheet *sh, lxw_row_t row, lxw_col_t col,
    const struct num_table *t, const struct cell *c,
    const struct formats *f, size_t *width)
{
	const char *s = cell_text(t, c);
	double v;

	switch (c->kind) {
	case CELL_EMPTY:
		*width = 0;
		return LXW_NO_ERROR;
	case CELL_MONEY:
		if (!money_as_number(c, s, &v))
			break;
		*width = grouped_width(s);
		return worksheet_write_number(sh, row, col, v, f->money);
	case CELL_RATIO:
	case CELL_SCORE:
	case CELL_COUNT:
		v = strtod(s, NULL);
		if (!isfinite(v))
			break;
		if (c->kind == CELL_COUNT) {
			*width = grouped_width(s);
			return worksheet_write_number(sh, row, col, v,
			    f->count);
		}
		if (c->kind == CELL_SCORE) {
			*width = strlen(s);
			return worksheet_write_number(sh, row, col, v,
			    f->score);
		}
		/* 1.2345 shown as 123.5% */
		*width = strspn(s + (*s == '-'), "0123456789") + 5;
		return worksheet_write_number(sh, row, col, v, f->ratio);
	case CELL_TEXT:
		break;
	}
	*width = display_width(s);
	return worksheet_write_string(sh, row, col, s, NULL);
}

static lxw_error
put_sheet(lxw_worksheet *sh, const struct num_table *t,
    const struct labels *l, const struct formats *f)
{
	size_t *widths = xcalloc(t->ncols, sizeof(size_t));
	size_t r, c, w;
	lxw_error err = LXW_NO_ERROR;

	for (c = 0; c < t->ncols && err == LXW_NO_ERROR; c++) {
		const char *h = header(l, t->columns[c]);

		widths[c] = display_width(h) + 1;	/* bold */
		err = worksheet_write_string(sh, 0, (lxw_col_t)c, h,
		    f->header);
	}
	for (r = 0; r < t->nrows && err == LXW_NO_ERROR; r++)
		for (c = 0; c < t->ncols && err == LXW_NO_ERROR; c++) {
			err = put_cell(sh, (lxw_row_t)(r + 1), (lxw_col_t)c,
			    t, &t->cells[r * t->ncols + c], f, &w);
			if (w > widths[c])
				widths[c] = w;
		}
	for (c = 0; c < t->ncols && err == LXW_NO_ERROR; c++) {
		w = widths[c] + 2;
		w = w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX : w;
		err = worksheet_set_column(sh, (lxw_col_t)c, (lxw_col_t)c,
		    (double)w, NULL);
	}
	if (err == LXW_NO_ERROR) {
		worksheet_freeze_panes(sh, 1, 0);
		err = worksheet_autofilter(sh, 0, 0, (lxw_row_t)t->nrows,
		    (lxw_col_t)(t->ncols - 1));
	}
	free(widths);
	return err;
}

/* Reports a failure to make the workbook NAME; returns STATUS. */
static int
failed(const struct outdir *out, const char *name, const char *why,
    int status)
{
	struct buf path = BUF_INIT;

	buf_printf(&path, "%s/%s", out->target, name);
	diag(DIAG_ERROR, path.data, 0, NULL, NULL, "cannot write the "
	    "workbook: %s", why);
	buf_free(&path);
	diag_set_exit(status);
	return status;
}

/*
 * Makes the workbook of T as a file of the staging folder, reads it into
 * a buffer and hands that to outdir_write as NAME.
 */
static int
write_book(struct outdir *out, const char *name, const char *sheet_key,
    const char *sheet_default, const struct num_table *t,
    const struct labels *l, time_t created)
{
	lxw_workbook_options opt = { .constant_memory = 0,
	    .tmpdir = out->temp, .use_zip64 = 0 };
	lxw_doc_properties props;
	lxw_workbook *wb;
	lxw_worksheet *sh;
	struct formats f;
	struct buf path = BUF_INIT, data = BUF_INIT;
	const struct ynode *n = label(l, sheet_key, false);
	const char *sheet = n != NULL ? ytree_text(n) : sheet_default;
	lxw_error err;
	char *bytes;
	size_t len;
	int fd, e, status = 0;

	if (t->nrows >= SHEET_ROWS) {
		char why[96];

		snprintf(why, sizeof(why), "%zu rows do not fit in a sheet "
		    "(at most %d)", t->nrows, SHEET_ROWS - 1);
		return failed(out, name, why, EX_DATAERR);
	}
	buf_printf(&path, "%s/.%s-XXXXXX", out->temp, name);
	if ((fd = mkstemp(path.data)) < 0) {
		status = failed(out, name, strerror(errno),
		    EX_CANTCREAT);
		buf_free(&path);
		return status;
	}
	close(fd);
	if ((wb = workbook_new_opt(path.data, &opt)) == NULL) {
		status = failed(out, name, "libxlsxwriter could not start it",
		    EX_CANTCREAT);
		goto out;
	}
	if (workbook_validate_sheet_name(wb, sheet) != LXW_NO_ERROR) {
		/* the default names are good ones: n is a locale's */
		diag(DIAG_ERROR, n->file, n->line, sheet_key, sheet,
		    "not a sheet name for Excel: at most 31 characters, "
		    "none of [ ] : * ? / \\");
		diag_set_exit(EX_DATAERR);
		status = EX_DATAERR;
		sheet = sheet_default;
	}
	memset(&props, 0, sizeof(props));
	props.created = created;
	workbook_set_properties(wb, &props);
	f.header = workbook_add_format(wb);
	format_set_bold(f.header);
	f.money = workbook_add_format(wb);
	format_set_num_format(f.money, "#,##0.00");
	f.ratio = workbook_add_format(wb);
	format_set_num_format(f.ratio, "0.0%");
	f.score = workbook_add_format(wb);
	format_set_num_format(f.score, "0.00");
	f.count = workbook_add_format(wb);
	format_set_num_format(f.count, "#,##0");
	sh = workbook_add_worksheet(wb, sheet);
	err = sh != NULL ? put_sheet(sh, t, l, &f) :
	    LXW_ERROR_MEMORY_MALLOC_FAILED;
	if (err != LXW_NO_ERROR) {
		workbook_close(wb);
		status = failed(out, name, lxw_strerror(err),
		    EX_CANTCREAT);
		goto out;
	}
	errno = 0;
	if ((err = workbook_close(wb)) != LXW_NO_ERROR) {
		status = failed(out, name, lxw_strerror(err), errno == ENOSPC ||
		    errno == EDQUOT || errno == EIO ? EX_IOERR : EX_CANTCREAT);
		goto out;
	}
	if (status != 0)
		goto out;
	if ((bytes = file_read(path.data, SIZE_MAX - 1, &len, &e)) == NULL) {
		status = failed(out, name, file_strerror(e),
		    EX_CANTCREAT);
		goto out;
	}
	data.data = bytes;
	data.len = len;
	data.cap = len + 1;
	status = outdir_write(out, name, &data);
	buf_free(&data);
out:
	unlink(path.data);
	buf_free(&path);
	return status;
}

int
numbers_xlsx(struct outdir *out, const char *lang, sc_date created,
    const struct num_table *scores, const struct num_table *teams)
{
	struct labels l;
	struct tm tm;
	time_t when;
	int status;

	if ((status = labels_load(&l, lang)) != 0) {
		labels_free(&l);
		return status;
	}
	/* the period's last day, 00:00 UTC */
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = created / 10000 - 1900;
	tm.tm_mon = created / 100 % 100 - 1;
	tm.tm_mday = created % 100;
	when = timegm(&tm);
	if ((status = write_book(out, "scores.xlsx", "scores_sheet", "scores",
	    scores, &l, when)) == 0)
		status = write_book(out, "teams.xlsx", "teams_sheet", "teams",
		    teams, &l, when);
	labels_free(&l);
	return status;
}
