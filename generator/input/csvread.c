/*
 * The streaming CSV reader of csvread.h.
 *
 * The file is read twice in 1 MiB blocks: once to learn whether it is valid
 * UTF-8 (else it is GB18030, converted block by block with iconv), then to
 * parse.  Blocks are fed to libcsv one physical line at a time so that each
 * record knows the line it starts on; libcsv has no line-number API.
 */
#include <sys/stat.h>

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
#include "input/csvread_int.h"
#include "input/values.h"

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

/*
 * Header text folded for comparison (docs/input.md §1): ASCII letters in
 * lower case, full-width forms (U+FF01-FF5E, such as "（") as their ASCII
 * twins, 【】 and 〔〕 as [], spaces (also U+3000 and U+00A0) dropped.
 * Returns the number of code points, or FOLD_MAX + 1 when there are more.
 */
#define FOLD_MAX 256

static size_t
fold(const char *s, size_t n, uint32_t *out)
{
	size_t k = 0, len;
	uint32_t cp;

	while (n > 0) {
		len = utf8_next(s, n, &cp);
		s += len;
		n -= len;
		if (cp >= 0xff01 && cp <= 0xff5e)
			cp -= 0xfee0;
		else if (cp == 0x3010 || cp == 0x3014)
			cp = '[';
		else if (cp == 0x3011 || cp == 0x3015)
			cp = ']';
		if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xa0)
			continue;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if (k == FOLD_MAX)
			return FOLD_MAX + 1;
		out[k++] = cp;
	}
	return k;
}

/* Folded text without its bracketed parts: "金额(元)" as "金额". */
static size_t
unbracket(const uint32_t *in, size_t n, uint32_t *out)
{
	size_t i, k = 0;
	int depth = 0;

	for (i = 0; i < n; i++) {
		if (in[i] == '(' || in[i] == '[')
			depth++;
		else if ((in[i] == ')' || in[i] == ']') && depth > 0)
			depth--;
		else if (depth == 0)
			out[k++] = in[i];
	}
	return k;
}

static bool
folded_equal(const char *a, size_t an, const char *b, size_t bn)
{
	uint32_t fa[FOLD_MAX], fb[FOLD_MAX];
	size_t na = fold(a, an, fa), nb = fold(b, bn, fb);

	return na <= FOLD_MAX && na == nb &&
	    memcmp(fa, fb, na * sizeof(*fa)) == 0;
}

/* Levenshtein distance, for names of at most DIST_MAX code points. */
#define DIST_MAX 64

static size_t
distance(const uint32_t *a, size_t an, const uint32_t *b, size_t bn)
{
	size_t row[DIST_MAX + 1], i, j, diag, up;

	for (j = 0; j <= bn; j++)
		row[j] = j;
	for (i = 1; i <= an; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= bn; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[bn];
}

/*
 * How near header h is to the name want, lower is nearer: 0 the same
 * after folding, 1 the same without bracketed parts ("金额（元）" for
 * "金额"), 2 + the edit distance for a near miss; SIZE_MAX for none.
 */
static size_t
nearness(const char *want, const char *h)
{
	uint32_t fw[FOLD_MAX], fh[FOLD_MAX], uw[FOLD_MAX], uh[FOLD_MAX];
	size_t nw = fold(want, strlen(want), fw), nh = fold(h, strlen(h), fh);
	size_t d, most, lw, lh;

	if (nw > FOLD_MAX || nh > FOLD_MAX || nw == 0 || nh == 0)
		return SIZE_MAX;
	if (nw == nh && memcmp(fw, fh, nw * sizeof(*fw)) == 0)
		return 0;
	lw = unbracket(fw, nw, uw);
	lh = unbracket(fh, nh, uh);
	if (lw > 0 && lw == lh && memcmp(uw, uh, lw * sizeof(*uw)) == 0)
		return 1;
	most = nw <= 4 ? 1 : nw <= 8 ? 2 : 3;
	if (nw > DIST_MAX || nh > DIST_MAX ||
	    (nw > nh ? nw - nh : nh - nw) > most)
		return SIZE_MAX;
	d = distance(fw, nw, fh, nh);
	return d <= most && d < nw ? 2 + d : SIZE_MAX;
}

/*
 * The header of the file nearest to one of column k's names (its own, its
 * Chinese one, the one `columns:` gives), among those no column took; -1
 * when none is near.
 */
static int
suggestion(const struct reader *r, size_t k)
{
	const char *want[3];
	size_t i, j, best = SIZE_MAX, near;
	int found = -1;

	want[0] = r->columns[k].name;
	want[1] = r->columns[k].alias;
	want[2] = renamed(r, k, NULL);
	for (i = 0; i < r->nmap; i++) {
		if (r->map[i] >= 0 || header_name(r, i)[0] == '\0')
			continue;
		for (j = 0; j < 3; j++)
			if (want[j] != NULL &&
			    (near = nearness(want[j], header_name(r, i))) <
			    best) {
				best = near;
				found = (int)i;
			}
	}
	return found;
}

/* s as a YAML scalar in a flow mapping: plain where that reads back. */
static void
yaml_scalar(struct buf *b, const char *s)
{
	static const char *const words[] = { "null", "Null", "NULL", "~",
	    "true", "false", "yes", "no", NULL };
	bool plain = s[0] != '\0' && strchr("-?", s[0]) == NULL &&
	    strpbrk(s, ",:{}[]#&*!|>'\"%@`\\") == NULL;
	size_t i;

	for (i = 0; words[i] != NULL && plain; i++)
		if (strcmp(s, words[i]) == 0)
			plain = false;
	if (plain) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* The file's key in policy `columns:`: its name without the extension. */
static void
file_key(struct buf *b, const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	buf_put(b, base, dot != NULL && dot > base ? (size_t)(dot - base) :
	    strlen(base));
}

/* The headers shown when a column is missing; more are counted. */
#define HEADERS_SHOWN 12

/*
 * What follows a missing-column message: the nearest header and how to
 * map it, or the file's headers; either way how `columns:` takes it.
 */
static void
missing_advice(const struct reader *r, size_t k, struct buf *b)
{
	struct buf shown = BUF_INIT, key = BUF_INIT;
	int near = suggestion(r, k);
	size_t i, listed = 0, named = 0, unused = 0;

	file_key(&key, r->path);
	if (near >= 0) {
		utf8_printable(&shown, header_name(r, (size_t)near),
		    strlen(header_name(r, (size_t)near)), 80);
		buf_printf(b, "; the file has \"%s\": map it with columns: "
		    "{", buf_str(&shown));
		yaml_scalar(b, buf_str(&key));
		buf_printf(b, ": {%s: ", r->columns[k].name);
		yaml_scalar(b, buf_str(&shown));
		buf_puts(b, "}} in policy.yaml");
		goto out;
	}
	for (i = 0; i < r->nmap; i++)
		if (header_name(r, i)[0] != '\0') {
			named++;
			if (r->map[i] < 0)
				unused++;
		}
	if (named == 0) {
		buf_puts(b, "; the file's header row has no names");
		goto out;
	}
	/* the headers no column took, or else all of them */
	if (unused == 1)
		buf_puts(b, "; the file's other header is ");
	else
		buf_puts(b, unused > 1 ? "; the file's other headers are " :
		    "; the file's headers are all other columns' (");
	for (i = 0; i < r->nmap && listed < HEADERS_SHOWN; i++) {
		if (header_name(r, i)[0] == '\0' ||
		    (unused > 0 && r->map[i] >= 0))
			continue;
		if (listed++ > 0)
			buf_puts(b, ", ");
		utf8_printable(b, header_name(r, i), strlen(header_name(r, i)),
		    40);
	}
	if ((unused > 0 ? unused : named) > listed)
		buf_printf(b, " and %zu more", (unused > 0 ? unused : named) -
		    listed);
	buf_printf(b, "%s: add the column, or map its header with columns: {",
	    unused > 0 ? "" : ")");
	yaml_scalar(b, buf_str(&key));
	buf_printf(b, ": {%s: <header>}} in policy.yaml", r->columns[k].name);
out:
	buf_free(&shown);
	buf_free(&key);
}

/*
 * The note for header i, which no column took; when it is near an
 * optional column the file lacks (a required or mapped one has its
 * error), how to map it: an "Order ID" left out would count each row as
 * an order.
 */
static void
ignored(const struct reader *r, size_t i)
{
	const char *h = header_name(r, i), *want[2];
	struct buf msg = BUF_INIT, key = BUF_INIT;
	size_t k, j, best = SIZE_MAX, near;
	int found = -1;

	for (k = 0; k < r->ncolumns; k++) {
		if (r->info->present[k] || r->columns[k].required ||
		    renamed(r, k, NULL) != NULL)
			continue;
		want[0] = r->columns[k].name;
		want[1] = r->columns[k].alias;
		for (j = 0; j < 2; j++)
			if (want[j] != NULL &&
			    (near = nearness(want[j], h)) < best) {
				best = near;
				found = (int)k;
			}
	}
	buf_puts(&msg, "column ignored");
	if (found >= 0) {
		file_key(&key, r->path);
		buf_printf(&msg, "; if it is %s, map it with columns: {",
		    r->columns[found].name);
		yaml_scalar(&msg, buf_str(&key));
		buf_printf(&msg, ": {%s: ", r->columns[found].name);
		buf_reset(&key);
		utf8_printable(&key, h, strlen(h), 80);
		yaml_scalar(&msg, buf_str(&key));
		buf_puts(&msg, "}} in policy.yaml");
	}
	diag(DIAG_NOTE, r->path, r->record_line, NULL, h, "%s",
	    buf_str(&msg));
	buf_free(&msg);
	buf_free(&key);
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
	/* A header that `columns:` names, but for the width of its
	 * brackets, spaces or letter case: taken, and said. */
	for (k = 0; found < 0 && k < r->ncolumns; k++) {
		const char *want = renamed(r, k, NULL);

		if (want != NULL && !r->info->present[k] &&
		    folded_equal(want, strlen(want), s, n)) {
			struct buf m = BUF_INIT;

			found = (int)k;
			buf_puts(&m, "header \"");
			utf8_printable(&m, s, n, 80);
			buf_puts(&m, "\" read as the \"");
			utf8_printable(&m, want, strlen(want), 80);
			buf_puts(&m, "\" that columns: in policy.yaml names "
			    "(the width of brackets, spaces and letter case "
			    "aside)");
			diag(DIAG_NOTE, r->path, r->record_line,
			    r->columns[k].name, NULL, "%s", buf_str(&m));
			buf_free(&m);
		}
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
			ignored(r, k);
	for (k = 0; k < r->ncolumns; k++) {
		struct buf msg = BUF_INIT;

		if (r->info->present[k])
			continue;
		if ((want = renamed(r, k, NULL)) != NULL) {
			buf_puts(&msg, "the header \"");
			utf8_printable(&msg, want, strlen(want), 80);
			buf_puts(&msg, "\" that columns: in policy.yaml maps "
			    "this column to is missing");
		} else if (r->columns[k].required)
			buf_printf(&msg, "required column missing (header "
			    "\"%s\"%s%s%s)", r->columns[k].name,
			    r->columns[k].alias ? " or \"" : "",
			    r->columns[k].alias ? r->columns[k].alias : "",
			    r->columns[k].alias ? "\"" : "");
		else
			continue;
		missing_advice(r, k, &msg);
		diag(DIAG_ERROR, r->path, 1, r->columns[k].name, NULL, "%s",
		    buf_str(&msg));
		buf_free(&msg);
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
	if (r->nul_seen && memchr(s, '\0', n) != NULL) {
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
	size_t done, step;

	if (r->fatal)
		return;
	if (r->skip_line) {
		r->skip_line = !line_end;
		return;
	}
	if (r->parser.pstate == ROW_NOT_BEGUN && r->nfields == 0) {
		r->record_line = r->line;
		r->nul_seen = false;
	}
	/* one look for a NUL byte a line rather than one a field */
	if (!r->nul_seen && memchr(s, '\0', n) != NULL)
		r->nul_seen = true;
	/* libcsv grows a field's buffer by blk_size (128 bytes) at a time:
	 * quadratic where realloc copies (ASan took 90 s to refuse a long
	 * field).  Steps of these bytes' length up to 64 KiB (one step
	 * holds all they can add), never less than the buffer has (doubling
	 * from one feed to the next): a first step of 64 KiB for every file
	 * and chunk cost more than reading a small one. */
	step = n < 256 ? 256 : n < 65536 ? n : 65536;
	if (step < r->parser.entry_size)
		step = r->parser.entry_size;
	if (r->parser.blk_size < step)
		csv_set_blk_size(&r->parser, step);
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
void
reader_feed(struct reader *r, const char *s, size_t n)
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

/*
 * The checks of a file's first block: UTF-16 (refused), a BOM, a NUL byte
 * in the header line.
 */
int
reader_detect_head(const char *block, size_t n, const char *path,
    enum csv_encoding *enc)
{
	const char *nl;

	*enc = ENC_UTF8;
	/* with a BOM, or without: ASCII text with every other byte NUL */
	if ((n >= 2 && ((block[0] == '\xff' && block[1] == '\xfe') ||
	    (block[0] == '\xfe' && block[1] == '\xff'))) || (n >= 4 &&
	    ((block[0] != 0 && block[1] == 0 && block[2] != 0 &&
	    block[3] == 0) || (block[0] == 0 && block[1] != 0 &&
	    block[2] == 0 && block[3] != 0)))) {
		diag(DIAG_ERROR, path, 1, NULL, NULL, "the file is UTF-16 "
		    "(Excel \"Unicode text\"); save it as CSV UTF-8");
		return EX_DATAERR;
	}
	if (n >= 3 && memcmp(block, "\xef\xbb\xbf", 3) == 0)
		*enc = ENC_UTF8_BOM;
	/* said now, not after reading the rest of a file of NUL bytes,
	 * however large */
	nl = memchr(block, '\n', n);
	if (memchr(block, '\0', nl != NULL ? (size_t)(nl - block) : n) !=
	    NULL) {
		diag(DIAG_ERROR, path, 1, NULL, NULL,
		    "NUL byte in the header: not a CSV text file");
		return EX_DATAERR;
	}
	return 0;
}

/* First pass: is the whole file UTF-8?  Also catches UTF-16. */
int
reader_detect(FILE *fp, const char *path, char *block, size_t size,
    enum csv_encoding *enc)
{
	struct utf8_check st = { 0, 0, 0 };
	bool valid = true, first = true;
	size_t n;
	int status;

	*enc = ENC_UTF8;
	while ((n = fread(block, 1, size, fp)) > 0) {
		if (first) {
			first = false;
			if ((status = reader_detect_head(block, n, path,
			    enc)) != 0)
				return status;
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

/*
 * Converts GB18030 to UTF-8 block by block (block holds size bytes, at
 * least 4: a split character is kept for the next block).
 */
static int
feed_gb18030(struct reader *r, FILE *fp, char *block, size_t size)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char *out = xmalloc(size * 2 + 16);
	size_t carry = 0, n;
	int status = 0;

	if (cd == (iconv_t)-1) {
		diag(DIAG_ERROR, r->path, 0, NULL, NULL,
		    "cannot convert from GB18030: %s", strerror(errno));
		free(out);
		return EX_SOFTWARE;
	}
	while ((n = fread(block + carry, 1, size - carry, fp)) > 0 ||
	    carry > 0) {
		char *in = block, *o = out;
		size_t inleft = carry + n, outleft = size * 2 + 16;
		bool eof = n == 0;

		if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 &&
		    (errno == EILSEQ || (errno == EINVAL && eof))) {
			reader_feed(r, out, (size_t)(o - out));
			diag(DIAG_ERROR, r->path, r->line, NULL, NULL,
			    "the file is neither UTF-8 nor GB18030; save it "
			    "as CSV UTF-8");
			status = EX_DATAERR;
			break;
		}
		reader_feed(r, out, (size_t)(o - out));
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
csv_open(const char *path, FILE **fpp)
{
	FILE *fp = NULL;
	int fd, err;

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
	*fpp = fp;
	return 0;
}

void
reader_setup(struct reader *r, const char *path,
    const struct csv_column *columns, size_t ncolumns,
    const struct column_rename *renames, size_t nrenames, bool lenient,
    csv_row_fn fn, void *arg, struct csv_info *info)
{
	memset(r, 0, sizeof(*r));
	r->path = path;
	r->columns = columns;
	r->ncolumns = ncolumns < 32 ? ncolumns : 32;
	r->renames = renames;
	r->nrenames = nrenames;
	r->fn = fn;
	r->arg = arg;
	r->info = info;
	r->line = 1;
	r->row_level = lenient ? DIAG_WARNING : DIAG_ERROR;
	row_reset(r);
	csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI);
}

void
reader_free(struct reader *r)
{
	csv_free(&r->parser);
	buf_free(&r->values);
	buf_free(&r->header_text);
	free(r->header_off);
	free(r->map);
}

void
reader_end(struct reader *r)
{
	if (!r->fatal && csv_fini(&r->parser, on_field, on_row, r) != 0) {
		diag(DIAG_ERROR, r->path, r->record_line, NULL, NULL,
		    "quoted field not closed before the end of the file");
		r->fatal = true;
	}
	if (!r->fatal && !r->header_done && r->nmap == 0) {
		diag(DIAG_ERROR, r->path, 1, NULL, NULL,
		    "empty file: a header row is required");
		r->fatal = true;
	}
}

int
csv_read_file(const char *path, const struct csv_column *columns,
    size_t ncolumns, const struct column_rename *renames, size_t nrenames,
    bool lenient, csv_row_fn fn, void *arg, struct csv_info *info)
{
	struct reader r;
	struct stat st;
	FILE *fp;
	char *block;
	size_t n, size = BLOCK;
	int status;
	bool first = true;

	memset(info, 0, sizeof(*info));
	if ((status = csv_open(path, &fp)) != 0)
		return status;
	reader_setup(&r, path, columns, ncolumns, renames, nrenames, lenient,
	    fn, arg, info);
	/* a small file gets a block its size: a 1 MiB block per file cost
	 * more than reading most of the workspace's small files */
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size < BLOCK)
		size = (size_t)st.st_size + 1;
	block = xmalloc(size);

	if ((status = reader_detect(fp, path, block, size,
	    &info->encoding)) != 0)
		goto out;
	if (info->encoding == ENC_GB18030) {
		diag(DIAG_NOTE, path, 0, NULL, NULL,
		    "not UTF-8: read as GB18030");
		/* a small file's block still takes it whole (and a split
		 * character, should the file grow) */
		if (size < 64)
			block = xrealloc(block, size = 64);
		status = feed_gb18030(&r, fp, block, size);
	} else {
		while (!r.fatal && (n = fread(block, 1, size, fp)) > 0) {
			char *s = block;

			if (first && info->encoding == ENC_UTF8_BOM) {
				s += 3;
				n -= 3;
			}
			first = false;
			reader_feed(&r, s, n);
		}
		if (ferror(fp)) {
			diag(DIAG_ERROR, path, 0, NULL, NULL, "read error: %s",
			    strerror(errno));
			diag_set_exit(EX_IOERR);
			status = EX_IOERR;
			goto out;
		}
	}
	if (status == 0)
		reader_end(&r);
	info->lines = r.line;
	if (r.fatal && status == 0)
		status = EX_DATAERR;
out:
	reader_free(&r);
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
	/* libcsv's parser is set up but never fed: it holds no memory */
	reader_setup(r, path, columns, ncolumns, renames, nrenames, lenient,
	    fn, arg, info);
	r->sheet = true;
	r->nul_seen = true;	/* each field looked at */
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
