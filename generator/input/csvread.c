/*
 * The streaming CSV reader of csvread.h.
 *
 * The file is read twice in 1 MiB blocks: once to learn whether it is valid
 * UTF-8 (else it is GB18030, converted block by block with iconv), then to
 * parse.  Blocks are fed to libcsv one physical line at a time so that each
 * record knows the line it starts on; libcsv has no line-number API.
 */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/utf8.h"
#include "input/csvread.h"
#include "input/values.h"

#define BLOCK (1024 * 1024)
#define ROW_NOT_BEGUN 0		/* libcsv's pstate between records */

struct reader {
	const char		*path;
	const struct csv_column	*columns;
	size_t			 ncolumns;
	const struct column_rename *renames;
	size_t			 nrenames;
	csv_row_fn		 fn;
	void			*arg;
	struct csv_info		*info;

	struct csv_parser	 parser;
	long			 line;		/* line being fed */
	long			 record_line;	/* line the record began on */
	bool			 header_done;
	bool			 sheet;		/* fed by xlsx.c, not libcsv */
	bool			 fatal;		/* stop reading this file */
	bool			 row_bad;	/* a structural problem seen */
	bool			 skip_line;	/* drop the rest of a bad line */
	enum diag_level		 row_level;	/* error, or warning if lenient */

	/* Header: which of our columns each field of the file holds. */
	int			*map;
	size_t			 nmap;
	struct buf		 header_text;	/* header fields, for messages */
	size_t			*header_off;

	/* The current record. */
	size_t			 nfields;
	bool			 all_empty;
	struct buf		 values;
	size_t			 off[32];
	size_t			 len[32];
	bool			 have[32];
};

const char *
csv_encoding_name(enum csv_encoding e)
{
	switch (e) {
	case ENC_UTF8_BOM:	return "UTF-8 with BOM";
	case ENC_GB18030:	return "GB18030";
	default:		return "UTF-8";
	}
}

const char *
csv_file_format(const struct file_info *fi)
{
	return fi->format != NULL ? fi->format :
	    csv_encoding_name(fi->encoding);
}

static const char *
header_name(const struct reader *r, size_t i)
{
	if (i < r->nmap)
		return r->header_text.data + r->header_off[i];
	return NULL;
}

/* The header a column is expected under, after policy `columns:`. */
static const char *
renamed(const struct reader *r, size_t k, long *line)
{
	size_t i;

	for (i = 0; i < r->nrenames; i++)
		if (strcmp(r->renames[i].column, r->columns[k].name) == 0) {
			if (line != NULL)
				*line = r->renames[i].line;
			return r->renames[i].header;
		}
	return NULL;
}

static bool
header_matches(const struct reader *r, size_t k, const char *h, size_t n)
{
	const char *want = renamed(r, k, NULL);

	if (want != NULL)
		return strlen(want) == n && strncasecmp(want, h, n) == 0;
	if (strlen(r->columns[k].name) == n &&
	    strncasecmp(r->columns[k].name, h, n) == 0)
		return true;
	return r->columns[k].alias != NULL &&
	    strlen(r->columns[k].alias) == n &&
	    memcmp(r->columns[k].alias, h, n) == 0;
}

static void
header_field(struct reader *r, const char *s, size_t n)
{
	size_t k, i = r->nmap;
	int found = -1;

	trim(&s, &n);
	r->header_off = xreallocarray(r->header_off, i + 1, sizeof(size_t));
	r->header_off[i] = r->header_text.len;
	buf_put(&r->header_text, s, n);
	buf_putc(&r->header_text, '\0');
	r->map = xreallocarray(r->map, i + 1, sizeof(int));
	r->nmap++;
	for (k = 0; k < r->ncolumns; k++)
		if (header_matches(r, k, s, n)) {
			found = (int)k;
			break;
		}
	r->map[i] = found;
	if (found < 0)
		return;
	for (i = 0; i + 1 < r->nmap; i++)
		if (r->map[i] == found) {
			diag(DIAG_ERROR, r->path, r->record_line,
			    r->columns[found].name, header_name(r, r->nmap - 1),
			    "column given twice");
			r->fatal = true;
		}
	r->info->present[found] = true;
}

static void
header_end(struct reader *r)
{
	size_t k;
	long line;
	const char *want;

	r->header_done = true;
	if (!r->sheet && r->nmap == 1 && (strchr(header_name(r, 0), ';') != NULL ||
	    strchr(header_name(r, 0), '\t') != NULL)) {
		diag(DIAG_ERROR, r->path, r->record_line, NULL,
		    header_name(r, 0), "fields are separated by %s, not by "
		    "commas; save the file as CSV (comma-separated)",
		    strchr(header_name(r, 0), ';') ? "semicolons" : "tabs");
		r->fatal = true;
		return;
	}
	for (k = 0; k < r->nmap; k++)
		if (r->map[k] < 0 && header_name(r, k)[0] != '\0')
			diag(DIAG_NOTE, r->path, r->record_line, NULL,
			    header_name(r, k), "column ignored");
	for (k = 0; k < r->ncolumns; k++) {
		if (r->info->present[k])
			continue;
		if ((want = renamed(r, k, &line)) != NULL)
			diag(DIAG_ERROR, r->path, 1, r->columns[k].name, want,
			    "the header policy.yaml maps this column to "
			    "is missing");
		else if (r->columns[k].required)
			diag(DIAG_ERROR, r->path, 1, r->columns[k].name, NULL,
			    "required column missing (header \"%s\"%s%s%s)",
			    r->columns[k].name,
			    r->columns[k].alias ? " or \"" : "",
			    r->columns[k].alias ? r->columns[k].alias : "",
			    r->columns[k].alias ? "\"" : "");
		else
			continue;
		r->fatal = true;
	}
}

/* What a row problem's message ends with (docs/input.md §12). */
#define SKIPPED(r)	((r)->row_level == DIAG_WARNING ? "; row skipped" : "")

static void
on_field(void *data, size_t n, void *arg)
{
	struct reader *r = arg;
	const char *s = data != NULL ? data : "";
	size_t i = r->nfields++;
	int k;

	if (r->fatal)
		return;
	if (!r->header_done) {
		if (i >= CSV_FIELDS_MAX) {
			if (i == CSV_FIELDS_MAX) {
				diag(DIAG_ERROR, r->path, r->record_line, NULL,
				    NULL, "more than %d columns", CSV_FIELDS_MAX);
				r->fatal = true;
			}
			return;
		}
		if (memchr(s, '\0', n) != NULL) {
			diag(DIAG_ERROR, r->path, r->record_line, NULL, NULL,
			    "NUL byte in the header: not a CSV text file");
			r->fatal = true;
			return;
		}
		header_field(r, s, n);
		return;
	}
	if (r->all_empty && n > 0) {
		const char *t = s;
		size_t tn = n;

		trim(&t, &tn);
		if (tn > 0)
			r->all_empty = false;
	}
	if (i >= r->nmap || (k = r->map[i]) < 0)
		return;
	if (memchr(s, '\0', n) != NULL) {
		diag(r->row_level, r->path, r->record_line, r->columns[k].name,
		    NULL, "NUL byte in the field%s", SKIPPED(r));
		r->row_bad = true;
		return;
	}
	r->off[k] = r->values.len;
	r->len[k] = n;
	r->have[k] = true;
	buf_grow(&r->values, n + 1);
	memcpy(r->values.data + r->values.len, s, n);
	r->values.len += n + 1;
	r->values.data[r->values.len - 1] = '\0';
}

static void
row_reset(struct reader *r)
{
	r->nfields = 0;
	r->all_empty = true;
	r->row_bad = false;
	buf_reset(&r->values);
	memset(r->have, 0, sizeof(r->have));
}

static void
on_row(int term, void *arg)
{
	struct reader *r = arg;
	const char *field[32];
	size_t k;

	(void)term;
	if (r->fatal)
		goto out;
	if (!r->header_done) {
		header_end(r);
		goto out;
	}
	if (r->all_empty && !r->row_bad)
		goto out;		/* a blank spreadsheet row */
	if (r->nfields != r->nmap) {
		struct buf b = BUF_INIT;

		buf_printf(&b, "%zu", r->nfields);
		diag(r->row_level, r->path, r->record_line, NULL, b.data,
		    "row has %zu fields but the header has %zu%s%s",
		    r->nfields, r->nmap, r->nfields > r->nmap ?
		    " (a comma in an unquoted value?)" : "", SKIPPED(r));
		buf_free(&b);
		r->row_bad = true;
	}
	if (r->row_bad) {
		r->info->bad_rows++;
		goto out;
	}
	for (k = 0; k < r->ncolumns; k++)
		field[k] = r->have[k] ? r->values.data + r->off[k] : NULL;
	r->info->rows++;
	{
		struct csv_row row = { r->path, r->record_line, field, r->len,
		    r->columns };

		r->fn(&row, r->arg);
	}
out:
	row_reset(r);
}

/* Feeds bytes that hold at most one line end, at their very end. */
static void
feed(struct reader *r, const char *s, size_t n, bool line_end)
{
	size_t done;

	if (r->fatal)
		return;
	if (r->skip_line) {
		r->skip_line = !line_end;
		return;
	}
	if (r->parser.pstate == ROW_NOT_BEGUN && r->nfields == 0)
		r->record_line = r->line;
	/* libcsv grows a field's buffer by blk_size (128 bytes) at a time:
	 * quadratic where realloc copies (ASan took 90 s to refuse a long
	 * field).  64 KiB steps, doubling from one feed to the next. */
	if (r->parser.blk_size < 65536 ||
	    r->parser.blk_size < r->parser.entry_size)
		csv_set_blk_size(&r->parser, r->parser.entry_size > 65536 ?
		    r->parser.entry_size : 65536);
	done = csv_parse(&r->parser, s, n, on_field, on_row, r);
	if (done < n) {
		size_t col = utf8_columns(s, done) + 1;
		char where[32];

		snprintf(where, sizeof(where), "%zu", col);
		diag(r->header_done ? r->row_level : DIAG_ERROR, r->path,
		    r->line, NULL, NULL, "misplaced quote at character %s: a "
		    "quoted field must start and end with '\"' and inner "
		    "quotes are doubled%s", where, r->header_done ?
		    SKIPPED(r) : "");
		if (!r->header_done) {
			r->fatal = true;
			return;
		}
		r->info->bad_rows++;
		/* Start afresh on the next line. */
		csv_free(&r->parser);
		csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI);
		row_reset(r);
		r->skip_line = !line_end;
		return;
	}
	if (r->parser.entry_pos > CSV_FIELD_MAX) {
		diag(DIAG_ERROR, r->path, r->record_line, NULL, NULL,
		    "a field longer than %d bytes (an unterminated quote?)",
		    CSV_FIELD_MAX);
		r->fatal = true;
		return;
	}
	if (!r->fatal && r->nfields > CSV_FIELDS_MAX) {
		diag(DIAG_ERROR, r->path, r->record_line, NULL, NULL,
		    "more than %d fields in a row", CSV_FIELDS_MAX);
		r->fatal = true;
	}
}

/* Splits a block into lines and feeds them. */
static void
feed_block(struct reader *r, const char *s, size_t n)
{
	const char *nl;

	while (n > 0 && !r->fatal) {
		nl = memchr(s, '\n', n);
		if (nl == NULL) {
			feed(r, s, n, false);
			return;
		}
		feed(r, s, (size_t)(nl - s) + 1, true);
		r->line++;
		n -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
}

/* First pass: is the whole file UTF-8?  Also catches UTF-16. */
static int
detect_encoding(FILE *fp, const char *path, char *block,
    enum csv_encoding *enc)
{
	struct utf8_check st = { 0, 0, 0 };
	bool valid = true, first = true;
	const char *nl;
	size_t n;

	*enc = ENC_UTF8;
	while ((n = fread(block, 1, BLOCK, fp)) > 0) {
		if (first) {
			first = false;
			/* with a BOM, or without: ASCII text with every
			 * other byte NUL */
			if ((n >= 2 && ((block[0] == '\xff' &&
			    block[1] == '\xfe') || (block[0] == '\xfe' &&
			    block[1] == '\xff'))) || (n >= 4 &&
			    ((block[0] != 0 && block[1] == 0 &&
			    block[2] != 0 && block[3] == 0) ||
			    (block[0] == 0 && block[1] != 0 &&
			    block[2] == 0 && block[3] != 0)))) {
				diag(DIAG_ERROR, path, 1, NULL, NULL,
				    "the file is UTF-16 (Excel \"Unicode "
				    "text\"); save it as CSV UTF-8");
				return EX_DATAERR;
			}
			if (n >= 3 && memcmp(block, "\xef\xbb\xbf", 3) == 0)
				*enc = ENC_UTF8_BOM;
			/* said now, not after reading the rest of a file of
			 * NUL bytes, however large */
			nl = memchr(block, '\n', n);
			if (memchr(block, '\0', nl != NULL ?
			    (size_t)(nl - block) : n) != NULL) {
				diag(DIAG_ERROR, path, 1, NULL, NULL,
				    "NUL byte in the header: not a CSV text "
				    "file");
				return EX_DATAERR;
			}
		}
		if (valid && !utf8_check_feed(&st, (unsigned char *)block, n)) {
			valid = false;
			break;
		}
	}
	if (ferror(fp)) {
		diag(DIAG_ERROR, path, 0, NULL, NULL, "read error: %s",
		    strerror(errno));
		diag_set_exit(EX_IOERR);
		return EX_IOERR;
	}
	if (!valid || !utf8_check_end(&st))
		*enc = ENC_GB18030;
	rewind(fp);
	return 0;
}

/* Converts GB18030 to UTF-8 block by block, keeping a split character. */
static int
feed_gb18030(struct reader *r, FILE *fp, char *block)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char *out = xmalloc(BLOCK * 2 + 16);
	size_t carry = 0, n;
	int status = 0;

	if (cd == (iconv_t)-1) {
		diag(DIAG_ERROR, r->path, 0, NULL, NULL,
		    "cannot convert from GB18030: %s", strerror(errno));
		free(out);
		return EX_SOFTWARE;
	}
	while ((n = fread(block + carry, 1, BLOCK - carry, fp)) > 0 ||
	    carry > 0) {
		char *in = block, *o = out;
		size_t inleft = carry + n, outleft = BLOCK * 2 + 16;
		bool eof = n == 0;

		if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 &&
		    (errno == EILSEQ || (errno == EINVAL && eof))) {
			feed_block(r, out, (size_t)(o - out));
			diag(DIAG_ERROR, r->path, r->line, NULL, NULL,
			    "the file is neither UTF-8 nor GB18030; save it "
			    "as CSV UTF-8");
			status = EX_DATAERR;
			break;
		}
		feed_block(r, out, (size_t)(o - out));
		memmove(block, in, inleft);
		carry = inleft;
		if (eof)
			break;
	}
	iconv_close(cd);
	free(out);
	return status;
}

int
csv_read_file(const char *path, const struct csv_column *columns,
    size_t ncolumns, const struct column_rename *renames, size_t nrenames,
    bool lenient, csv_row_fn fn, void *arg, struct csv_info *info)
{
	struct reader r;
	FILE *fp = NULL;
	char *block;
	size_t n;
	int status, fd, err;
	bool first = true;

	memset(info, 0, sizeof(*info));
	if ((fd = file_open(path, false, &err)) < 0 ||
	    (fp = fdopen(fd, "rb")) == NULL) {
		if (fd >= 0) {
			err = errno;
			close(fd);
		}
		if (err == ENOENT)
			return EX_NOINPUT;
		diag(DIAG_ERROR, path, 0, NULL, NULL, "cannot open: %s",
		    file_strerror(err));
		diag_set_exit(EX_NOINPUT);
		return EX_NOINPUT;
	}
	memset(&r, 0, sizeof(r));
	r.path = path;
	r.columns = columns;
	r.ncolumns = ncolumns < 32 ? ncolumns : 32;
	r.renames = renames;
	r.nrenames = nrenames;
	r.fn = fn;
	r.arg = arg;
	r.info = info;
	r.line = 1;
	r.row_level = lenient ? DIAG_WARNING : DIAG_ERROR;
	row_reset(&r);
	csv_init(&r.parser, CSV_STRICT | CSV_STRICT_FINI);
	block = xmalloc(BLOCK);

	if ((status = detect_encoding(fp, path, block, &info->encoding)) != 0)
		goto out;
	if (info->encoding == ENC_GB18030) {
		diag(DIAG_NOTE, path, 0, NULL, NULL,
		    "not UTF-8: read as GB18030");
		status = feed_gb18030(&r, fp, block);
	} else {
		while (!r.fatal && (n = fread(block, 1, BLOCK, fp)) > 0) {
			char *s = block;

			if (first && info->encoding == ENC_UTF8_BOM) {
				s += 3;
				n -= 3;
			}
			first = false;
			feed_block(&r, s, n);
		}
		if (ferror(fp)) {
			diag(DIAG_ERROR, path, 0, NULL, NULL, "read error: %s",
			    strerror(errno));
			diag_set_exit(EX_IOERR);
			status = EX_IOERR;
			goto out;
		}
	}
	if (!r.fatal && status == 0 &&
	    csv_fini(&r.parser, on_field, on_row, &r) != 0) {
		diag(DIAG_ERROR, path, r.record_line, NULL, NULL,
		    "quoted field not closed before the end of the file");
		r.fatal = true;
	}
	if (!r.fatal && status == 0 && !r.header_done && r.nmap == 0) {
		diag(DIAG_ERROR, path, 1, NULL, NULL,
		    "empty file: a header row is required");
		r.fatal = true;
	}
	info->lines = r.line;
	if (r.fatal && status == 0)
		status = EX_DATAERR;
out:
	csv_free(&r.parser);
	buf_free(&r.values);
	buf_free(&r.header_text);
	free(r.header_off);
	free(r.map);
	free(block);
	fclose(fp);
	return status;
}

/* ---- the same checks for a reader of another format (xlsx.c) ---- */

struct csv_table {
	struct reader	 r;
};

struct csv_table *
csv_table_begin(const char *path, const struct csv_column *columns,
    size_t ncolumns, const struct column_rename *renames, size_t nrenames,
    bool lenient, csv_row_fn fn, void *arg, struct csv_info *info)
{
	struct csv_table *t = xcalloc(1, sizeof(*t));
	struct reader *r = &t->r;

	memset(info, 0, sizeof(*info));
	r->path = path;
	r->columns = columns;
	r->ncolumns = ncolumns < 32 ? ncolumns : 32;
	r->renames = renames;
	r->nrenames = nrenames;
	r->fn = fn;
	r->arg = arg;
	r->info = info;
	r->sheet = true;
	r->row_level = lenient ? DIAG_WARNING : DIAG_ERROR;
	row_reset(r);
	return t;
}

void
csv_table_row(struct csv_table *t, long line)
{
	t->r.record_line = line;
}

void
csv_table_field(struct csv_table *t, const char *s, size_t n)
{
	on_field((void *)s, n, &t->r);
}

void
csv_table_row_bad(struct csv_table *t)
{
	t->r.row_bad = true;
}

void
csv_table_row_end(struct csv_table *t)
{
	on_row(0, &t->r);
}

bool
csv_table_header_done(const struct csv_table *t)
{
	return t->r.header_done;
}

size_t
csv_table_width(const struct csv_table *t)
{
	return t->r.nmap;
}

int
csv_table_column(const struct csv_table *t, size_t i)
{
	return i < t->r.nmap ? t->r.map[i] : -1;
}

const char *
csv_table_header(const struct csv_table *t, size_t i)
{
	return header_name(&t->r, i);
}

bool
csv_table_stopped(const struct csv_table *t)
{
	return t->r.fatal;
}

void
csv_table_stop(struct csv_table *t)
{
	t->r.fatal = true;
}

int
csv_table_end(struct csv_table *t)
{
	struct reader *r = &t->r;
	int status;

	if (!r->fatal && !r->header_done) {
		diag(DIAG_ERROR, r->path, 0, NULL, NULL,
		    "empty sheet: a header row is required");
		r->fatal = true;
	}
	status = r->fatal ? EX_DATAERR : 0;
	buf_free(&r->values);
	buf_free(&r->header_text);
	free(r->header_off);
	free(r->map);
	free(t);
	return status;
}
