/*
 * Unit tests for the CSV reader, generator/input/csvread.c (docs/input.md
 * §1 and §12): header matching (English names in any case, the Chinese
 * names, `columns:` renames), BOM, CRLF, GB18030 detection, quoted fields
 * over several lines with physical line numbers, rows with too few or too
 * many fields, misplaced quotes, and the messages for each.
 *
 * Each test writes f.csv into a scratch folder and reads it with three
 * columns: rep_id (工号, required), name (姓名, required), email (邮箱,
 * optional).  The rows the callback receives are written out as text,
 * "LINE: [rep_id] [name] [email]" with "-" for a column the file does not
 * have and \n, \r for line breaks inside a field; that text and everything
 * printed on standard error are compared whole with what is written below,
 * worked out by hand from docs/input.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/buf.h"
#include "util/diag.h"
#include "input/csvread.h"

#include "scratch.h"

static const struct csv_column columns[] = {
	{ "rep_id", "工号", true },
	{ "name", "姓名", true },
	{ "email", "邮箱", false },
};
#define NCOLUMNS	(sizeof(columns) / sizeof(columns[0]))

struct result {
	int		 status;
	struct csv_info	 info;
	struct buf	 rows;
	char		*err;		/* standard error */
};

static void
on_row(const struct csv_row *row, void *arg)
{
	struct buf *b = arg;
	size_t k, i;

	buf_printf(b, "%ld:", row->line);
	for (k = 0; k < NCOLUMNS; k++) {
		if (row->field[k] == NULL) {
			buf_puts(b, " -");
			continue;
		}
		buf_puts(b, " [");
		for (i = 0; i < row->len[k]; i++) {
			if (row->field[k][i] == '\n')
				buf_puts(b, "\\n");
			else if (row->field[k][i] == '\r')
				buf_puts(b, "\\r");
			else
				buf_putc(b, row->field[k][i]);
		}
		buf_putc(b, ']');
	}
	buf_putc(b, '\n');
}

/* Reads bytes as f.csv. */
static void
read_bytes(const char *bytes, size_t n, const struct column_rename *renames,
    size_t nrenames, bool lenient, struct result *r)
{
	int saved;

	memset(r, 0, sizeof(*r));
	scratch_write("f.csv", bytes, n);
	diag_reset();
	saved = capture_begin();
	r->status = csv_read_file("f.csv", columns, NCOLUMNS, renames,
	    nrenames, lenient, on_row, &r->rows, &r->info);
	r->err = capture_end(saved);
}

/* STR must be a string literal: its length is sizeof - 1, NULs included. */
#define READ(str, r)	read_bytes(str, sizeof(str) - 1, NULL, 0, false, r)
#define READ_WITH(str, renames, nrenames, lenient, r) \
	read_bytes(str, sizeof(str) - 1, renames, nrenames, lenient, r)

static void
expect(struct result *r, int status, const char *rows, const char *err)
{
	assert_string_equal(buf_str(&r->rows), rows);
	assert_string_equal(r->err, err);
	assert_int_equal(r->status, status);
	buf_free(&r->rows);
	free(r->err);
}

/* ---------------------------------------------------------------- header */

static void
header_any_case_and_chinese(void **state)
{
	struct result r;

	(void)state;
	/* spaces around a name are not part of it */
	READ(" REP_ID ,姓名,Email\n"
	    "S1,张三,zs@example.cn\n"
	    "S2,李四,\n", &r);
	assert_true(r.info.present[0] && r.info.present[1] &&
	    r.info.present[2]);
	assert_int_equal(r.info.rows, 2);
	assert_int_equal(r.info.encoding, ENC_UTF8);
	expect(&r, 0,
	    "2: [S1] [张三] [zs@example.cn]\n"
	    "3: [S2] [李四] []\n", "");
}

static void
header_any_order_unknown_noted(void **state)
{
	struct result r;

	(void)state;
	/* an unknown column is a note; one with an empty header is not */
	READ("name,Team,rep_id,\n"
	    "Zhang,east,S1,x\n", &r);
	assert_false(r.info.present[2]);
	expect(&r, 0, "2: [S1] [Zhang] -\n",
	    "f.csv:1: note: column ignored (Team)\n");
}

static void
header_chinese_is_exact(void **state)
{
	struct result r;

	(void)state;
	/* the Chinese name is matched as written: "姓 名" is not "姓名",
	 * only suggested */
	READ("工号,姓 名\nS1,A\n", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: note: column ignored (姓 名)\n"
	    "f.csv:1: name: required column missing (header \"name\" or "
	    "\"姓名\"); the file has \"姓 名\": map it with columns: "
	    "{f: {name: 姓 名}} in policy.yaml\n");
}

static void
header_column_twice(void **state)
{
	struct result r;

	(void)state;
	READ("rep_id,name,工号\nS1,Zhang,S1\n", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: rep_id: column given twice (工号)\n");
}

static void
header_renamed_by_policy(void **state)
{
	static const struct column_rename rename[] = {
		{ "rep_id", "Employee No", 3 },
	};
	struct result r;

	(void)state;
	/* the mapped header, in any case, replaces both names of rep_id */
	READ_WITH("employee no,name,rep_id\nS1,Zhang,X\n", rename, 1, false,
	    &r);
	expect(&r, 0, "2: [S1] [Zhang] -\n",
	    "f.csv:1: note: column ignored (rep_id)\n");
}

static void
header_renamed_missing(void **state)
{
	static const struct column_rename rename[] = {
		{ "email", "E-Mail", 4 },
	};
	struct result r;

	(void)state;
	/* an error even though email is optional; every header is another
	 * column's */
	READ_WITH("rep_id,name\nS1,Zhang\n", rename, 1, false, &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: email: the header \"E-Mail\" that columns: in "
	    "policy.yaml maps this column to is missing; the file's headers "
	    "are all other columns' (rep_id, name): add the column, or map "
	    "its header with columns: {f: {email: <header>}} in "
	    "policy.yaml\n");
	/* a near miss of the mapped header is suggested */
	READ_WITH("rep_id,name,Email\nS1,Zhang,z@x\n", rename, 1, false, &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: note: column ignored (Email)\n"
	    "f.csv:1: email: the header \"E-Mail\" that columns: in "
	    "policy.yaml maps this column to is missing; the file has "
	    "\"Email\": map it with columns: {f: {email: Email}} in "
	    "policy.yaml\n");
}

/*
 * A header columns: names is taken when only the width of its brackets,
 * spaces or letter case differ (docs/input.md §10), with a note; an exact
 * match needs no note.
 */
static void
header_renamed_brackets(void **state)
{
	static const struct column_rename rename[] = {
		{ "name", "姓名(中文)", 3 },
		{ "email", "E-Mail【工作】", 4 },
	};
	struct result r;

	(void)state;
	READ_WITH("rep_id,姓名（中文）,e-mail [工作]\nS1,张三,z@x\n", rename, 2,
	    false, &r);
	expect(&r, 0, "2: [S1] [张三] [z@x]\n",
	    "f.csv:1: name: note: header \"姓名（中文）\" read as the "
	    "\"姓名(中文)\" that columns: in policy.yaml names (the width of "
	    "brackets, spaces and letter case aside)\n"
	    "f.csv:1: email: note: header \"e-mail [工作]\" read as the "
	    "\"E-Mail【工作】\" that columns: in policy.yaml names (the width "
	    "of brackets, spaces and letter case aside)\n");
	/* the brackets' content still counts */
	READ_WITH("rep_id,姓名（英文）\nS1,A\n", rename, 1, false, &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: note: column ignored (姓名（英文）)\n"
	    "f.csv:1: name: the header \"姓名(中文)\" that columns: in "
	    "policy.yaml maps this column to is missing; the file has "
	    "\"姓名（英文）\": map it with columns: {f: {name: 姓名（英文）}} in "
	    "policy.yaml\n");
}

/*
 * A missing column names the nearest header: the same after folding
 * brackets, spaces and case; the same without a bracketed part; a near
 * miss by edit distance (1 for names of up to 4 characters, 2 up to 8,
 * else 3).  The nearest wins; on a tie, the first in the file.
 */
static void
header_missing_suggestion(void **state)
{
	struct result r;

	(void)state;
	/* full-width brackets and a unit in them */
	READ("rep_id,姓名（全名）\nS1,A\n", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: note: column ignored (姓名（全名）)\n"
	    "f.csv:1: name: required column missing (header \"name\" or "
	    "\"姓名\"); the file has \"姓名（全名）\": map it with columns: "
	    "{f: {name: 姓名（全名）}} in policy.yaml\n");
	/* full-width letters and case */
	READ("ＲＥＰ＿ＩＤ,name\nS1,A\n", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: note: column ignored (ＲＥＰ＿ＩＤ)\n"
	    "f.csv:1: rep_id: required column missing (header \"rep_id\" or "
	    "\"工号\"); the file has \"ＲＥＰ＿ＩＤ\": map it with columns: "
	    "{f: {rep_id: ＲＥＰ＿ＩＤ}} in policy.yaml\n");
	/* the same after folding beats a near miss, wherever it is */
	READ("rep_no,Rep Id,name\nS1,S1,A\n", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: note: column ignored (rep_no)\n"
	    "f.csv:1: note: column ignored (Rep Id)\n"
	    "f.csv:1: rep_id: required column missing (header \"rep_id\" or "
	    "\"工号\"); the file has \"Rep Id\": map it with columns: "
	    "{f: {rep_id: Rep Id}} in policy.yaml\n");
	/* a near miss: one edit in "name" (4 letters) */
	READ("rep_id,nme\nS1,A\n", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: note: column ignored (nme)\n"
	    "f.csv:1: name: required column missing (header \"name\" or "
	    "\"姓名\"); the file has \"nme\": map it with columns: "
	    "{f: {name: nme}} in policy.yaml\n");
	/* two edits are too many for 4 letters: the headers are listed */
	READ("rep_id,nm,Team\nS1,A,x\n", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: note: column ignored (nm)\n"
	    "f.csv:1: note: column ignored (Team)\n"
	    "f.csv:1: name: required column missing (header \"name\" or "
	    "\"姓名\"); the file's other headers are nm, Team: add the "
	    "column, or map its header with columns: {f: {name: <header>}} "
	    "in policy.yaml\n");
	/* a header that needs quoting in YAML is quoted */
	READ("rep_id,\"Name [\"\"a\"\": b]\"\nS1,A\n", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: note: column ignored (Name [\"a\": b])\n"
	    "f.csv:1: name: required column missing (header \"name\" or "
	    "\"姓名\"); the file has \"Name [\"a\": b]\": map it with "
	    "columns: {f: {name: \"Name [\\\"a\\\": b]\"}} in "
	    "policy.yaml\n");
}

/*
 * An ignored header near an optional column the file lacks says how to
 * map it; one near a column the file has, or near nothing, does not.
 */
static void
header_ignored_near_optional(void **state)
{
	struct result r;

	(void)state;
	READ("rep_id,name,E mail,Rep No\nS1,A,a@x,1\n", &r);
	expect(&r, 0, "2: [S1] [A] -\n",
	    "f.csv:1: note: column ignored; if it is email, map it with "
	    "columns: {f: {email: E mail}} in policy.yaml (E mail)\n"
	    "f.csv:1: note: column ignored (Rep No)\n");
	READ("rep_id,name,邮件\nS1,A,a@x\n", &r);
	expect(&r, 0, "2: [S1] [A] -\n",
	    "f.csv:1: note: column ignored; if it is email, map it with "
	    "columns: {f: {email: 邮件}} in policy.yaml (邮件)\n");
}

/* With no header near, at most 12 are listed, escaped, and the rest
 * counted. */
static void
header_missing_listed(void **state)
{
	struct result r;

	(void)state;
	READ("rep_id,a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13,\"a\x1b\"\n"
	    "S1,,,,,,,,,,,,,,\n", &r);
	assert_int_equal(r.status, EX_DATAERR);
	assert_non_null(strstr(r.err, "f.csv:1: name: required column "
	    "missing (header \"name\" or \"姓名\"); the file's other "
	    "headers are a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12 "
	    "and 2 more: add the column, or map its header with columns: "
	    "{f: {name: <header>}} in policy.yaml\n"));
	buf_free(&r.rows);
	free(r.err);
	READ("rep_id,\"x\x1b[2J\"\nS1,\n", &r);
	assert_non_null(strstr(r.err, "the file's other header is "
	    "x\\x1B[2J: add"));
	buf_free(&r.rows);
	free(r.err);
}

static void
header_semicolons(void **state)
{
	struct result r;

	(void)state;
	READ("rep_id;name\nS1;A\n", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: fields are separated by semicolons, not by commas; save "
	    "the file as CSV (comma-separated) (rep_id;name)\n");
}

static void
empty_file(void **state)
{
	struct result r;

	(void)state;
	READ("", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: empty file: a header row is required\n");
	READ("\n\n", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: empty file: a header row is required\n");
}

static void
missing_file(void **state)
{
	struct csv_info info;
	struct buf rows = BUF_INIT;
	char *err;
	int saved, status;

	(void)state;
	diag_reset();
	saved = capture_begin();
	status = csv_read_file("absent.csv", columns, NCOLUMNS, NULL, 0,
	    false, on_row, &rows, &info);
	err = capture_end(saved);
	/* not reported here: the caller knows whether it was required */
	assert_int_equal(status, EX_NOINPUT);
	assert_string_equal(err, "");
	assert_int_equal(rows.len, 0);
	free(err);
}

/* ------------------------------------------------------------- encodings */

static void
bom_stripped(void **state)
{
	struct result r;

	(void)state;
	READ("\xef\xbb\xbfrep_id,name\nS1,Zhang\n", &r);
	assert_int_equal(r.info.encoding, ENC_UTF8_BOM);
	expect(&r, 0, "2: [S1] [Zhang] -\n", "");
}

static void
crlf_line_ends(void **state)
{
	struct result r;

	(void)state;
	/* CRLF ends a row; inside quotes it is part of the field */
	READ("rep_id,name\r\n"
	    "S1,\"a\r\n"
	    "b\"\r\n"
	    "S2,c\r\n", &r);
	expect(&r, 0,
	    "2: [S1] [a\\r\\nb] -\n"
	    "4: [S2] [c] -\n", "");
}

static void
gb18030_detected(void **state)
{
	struct result r;

	(void)state;
	/* 工号,姓名 / S1,张三 in GB18030: 工 B9A4, 号 BAC5, 姓 D0D5, 名 C3FB,
	 * 张 D5C5, 三 C8FD */
	READ("\xb9\xa4\xba\xc5,\xd0\xd5\xc3\xfb\n"
	    "S1,\xd5\xc5\xc8\xfd\n", &r);
	assert_int_equal(r.info.encoding, ENC_GB18030);
	expect(&r, 0, "2: [S1] [张三] -\n",
	    "f.csv: note: not UTF-8: read as GB18030\n");
}

static void
neither_utf8_nor_gb18030(void **state)
{
	struct result r;

	(void)state;
	/* 0x81 0x20 is no GB18030 sequence: the row it is in is lost */
	READ("rep_id,name\nS1,\x81\x20\nS2,B\n", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv: note: not UTF-8: read as GB18030\n"
	    "f.csv:2: the file is neither UTF-8 nor GB18030; save it as CSV "
	    "UTF-8\n");
}

static void
utf16_refused(void **state)
{
	struct result r;

	(void)state;
	READ("\xff\xfer\0e\0p\0", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: the file is UTF-16 (Excel \"Unicode text\"); save it as "
	    "CSV UTF-8\n");
	/* without its BOM: ASCII with every other byte NUL */
	READ("r\0e\0p\0_\0", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: the file is UTF-16 (Excel \"Unicode text\"); save it as "
	    "CSV UTF-8\n");
}

/* ------------------------------------------------------------------ rows */

static void
quoted_fields_over_lines(void **state)
{
	struct result r;

	(void)state;
	/* a row is reported at the physical line where it begins */
	READ("rep_id,name\n"
	    "S1,\"Zhang\n"
	    "San\"\n"
	    "S2,\"He said \"\"yes\"\"\"\n"
	    "S3,\"a,b\"\n", &r);
	assert_int_equal(r.info.rows, 3);
	expect(&r, 0,
	    "2: [S1] [Zhang\\nSan] -\n"
	    "4: [S2] [He said \"yes\"] -\n"
	    "5: [S3] [a,b] -\n", "");
}

static void
blank_rows_skipped(void **state)
{
	struct result r;

	(void)state;
	READ("rep_id,name\n"
	    "\n"
	    "S1,A\n"
	    ",\n"
	    "  ,  \n"
	    "S2,B\n", &r);
	assert_int_equal(r.info.rows, 2);
	assert_int_equal(r.info.bad_rows, 0);
	expect(&r, 0,
	    "3: [S1] [A] -\n"
	    "6: [S2] [B] -\n", "");
}

static void
too_few_and_too_many_fields(void **state)
{
	struct result r;

	(void)state;
	READ("rep_id,name\n"
	    "S1\n"
	    "S2,B,extra\n"
	    "S3,C\n", &r);
	assert_int_equal(r.info.rows, 1);
	assert_int_equal(r.info.bad_rows, 2);
	assert_int_equal(diag_count(DIAG_ERROR), 2);
	/* row problems: the file is still read to its end */
	expect(&r, 0, "4: [S3] [C] -\n",
	    "f.csv:2: row has 1 fields but the header has 2 (1)\n"
	    "f.csv:3: row has 3 fields but the header has 2 (a comma in an "
	    "unquoted value?) (3)\n");
}

static void
lenient_rows_skipped(void **state)
{
	struct result r;

	(void)state;
	READ_WITH("rep_id,name\nS1\nS3,C\n", NULL, 0, true, &r);
	assert_int_equal(r.info.bad_rows, 1);
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	assert_int_equal(diag_count(DIAG_WARNING), 1);
	expect(&r, 0, "3: [S3] [C] -\n",
	    "f.csv:2: warning: row has 1 fields but the header has 2; row "
	    "skipped (1)\n");
}

static void
misplaced_quotes(void **state)
{
	struct result r;

	(void)state;
	/*
	 * The character is counted in characters of the line, not bytes:
	 * S1,Wang"  the quote is the 8th;  S2,"ab"cd  the c after the
	 * closing quote is the 8th;  S3,王"  the quote is the 5th (王 is
	 * three bytes).  The rest of such a line is dropped and reading goes
	 * on at the next line.
	 */
	READ("rep_id,name\n"
	    "S1,Wang\"x\"\n"
	    "S2,\"ab\"cd\n"
	    "S3,王\"五\n"
	    "S4,OK\n", &r);
	assert_int_equal(r.info.bad_rows, 3);
	expect(&r, 0, "5: [S4] [OK] -\n",
	    "f.csv:2: misplaced quote at character 8: a quoted field must "
	    "start and end with '\"' and inner quotes are doubled\n"
	    "f.csv:3: misplaced quote at character 8: a quoted field must "
	    "start and end with '\"' and inner quotes are doubled\n"
	    "f.csv:4: misplaced quote at character 5: a quoted field must "
	    "start and end with '\"' and inner quotes are doubled\n");
}

static void
misplaced_quote_in_header(void **state)
{
	struct result r;

	(void)state;
	/* in the header it refuses the file */
	READ("rep\"id,name\nS1,A\n", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:1: misplaced quote at character 4: a quoted field must "
	    "start and end with '\"' and inner quotes are doubled\n");
}

static void
quote_never_closed(void **state)
{
	struct result r;

	(void)state;
	READ("rep_id,name\nS1,\"open\nS2,B\n", &r);
	expect(&r, EX_DATAERR, "",
	    "f.csv:2: quoted field not closed before the end of the file\n");
}

static void
nul_byte_in_field(void **state)
{
	struct result r;

	(void)state;
	READ("rep_id,name\nS1,A\0B\nS2,C\n", &r);
	assert_int_equal(r.info.bad_rows, 1);
	expect(&r, 0, "3: [S2] [C] -\n",
	    "f.csv:2: name: NUL byte in the field\n");
}

#define T(f)	cmocka_unit_test_setup_teardown(f, scratch_setup, \
		    scratch_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(header_any_case_and_chinese),
		T(header_any_order_unknown_noted),
		T(header_chinese_is_exact),
		T(header_column_twice),
		T(header_renamed_by_policy),
		T(header_renamed_missing),
		T(header_renamed_brackets),
		T(header_missing_suggestion),
		T(header_missing_listed),
		T(header_ignored_near_optional),
		T(header_semicolons),
		T(empty_file),
		T(missing_file),
		T(bom_stripped),
		T(crlf_line_ends),
		T(gb18030_detected),
		T(neither_utf8_nor_gb18030),
		T(utf16_refused),
		T(quoted_fields_over_lines),
		T(blank_rows_skipped),
		T(too_few_and_too_many_fields),
		T(lenient_rows_skipped),
		T(misplaced_quotes),
		T(misplaced_quote_in_header),
		T(quote_never_closed),
		T(nul_byte_in_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
