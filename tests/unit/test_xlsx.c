/*
 * Unit tests for the pieces of the workbook reader, generator/input/xlsx.c
 * (docs/input.md §1, "Excel workbooks"): column letters and their index
 * both ways, cell references, which number formats show a date, a date
 * and time or a time (built-in ids and format codes, with quotes,
 * brackets and escapes), and the text a numeric cell becomes: a serial
 * as a date in both date systems, a number's stored text exactly, an
 * exponent written out.  Also the cell reference diag() prints for a
 * sheet.  The expected values were worked out by hand from ECMA-376 Part
 * 1, §18.8.30 (built-in formats) and §18.8.31 (format codes).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "input/xlsx.h"

#include "scratch.h"

static void
column_letters(void **state)
{
	static const struct { unsigned i; const char *s; } t[] = {
		{ 0, "A" }, { 3, "D" }, { 25, "Z" }, { 26, "AA" },
		{ 27, "AB" }, { 51, "AZ" }, { 52, "BA" }, { 701, "ZZ" },
		{ 702, "AAA" }, { 16383, "XFD" },
	};
	char out[4];
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		xlsx_column_letters(t[k].i, out);
		assert_string_equal(out, t[k].s);
		assert_int_equal(xlsx_column_index(t[k].s, strlen(t[k].s)),
		    t[k].i);
	}
	/* every index there and back */
	for (k = 0; k < XLSX_COLUMNS_MAX; k++) {
		xlsx_column_letters((unsigned)k, out);
		assert_int_equal(xlsx_column_index(out, strlen(out)), k);
	}
	assert_int_equal(xlsx_column_index("d", 1), 3);
	assert_int_equal(xlsx_column_index("XFE", 3), -1);	/* beyond */
	assert_int_equal(xlsx_column_index("AAAA", 4), -1);
	assert_int_equal(xlsx_column_index("", 0), -1);
	assert_int_equal(xlsx_column_index("A1", 2), -1);
}

static void
cell_refs(void **state)
{
	unsigned c;
	unsigned long r;

	(void)state;
	assert_true(xlsx_cell_ref("D12", &c, &r));
	assert_int_equal(c, 3);
	assert_int_equal(r, 12);
	assert_true(xlsx_cell_ref("A1", &c, &r));
	assert_int_equal(c, 0);
	assert_int_equal(r, 1);
	assert_true(xlsx_cell_ref("XFD1048576", &c, &r));
	assert_int_equal(c, 16383);
	assert_int_equal(r, 1048576);
	assert_false(xlsx_cell_ref("XFD1048577", &c, &r));	/* beyond */
	assert_false(xlsx_cell_ref("XFE1", &c, &r));
	assert_false(xlsx_cell_ref("A0", &c, &r));
	assert_false(xlsx_cell_ref("A01", &c, &r));
	assert_false(xlsx_cell_ref("$A$1", &c, &r));
	assert_false(xlsx_cell_ref("A1:B2", &c, &r));
	assert_false(xlsx_cell_ref("12", &c, &r));
	assert_false(xlsx_cell_ref("D", &c, &r));
	assert_false(xlsx_cell_ref("", &c, &r));
}

static void
builtin_formats(void **state)
{
	unsigned id;

	(void)state;
	for (id = 0; id < 14; id++)
		assert_int_equal(xlsx_builtin_kind(id), XLSX_NUMBER);
	for (id = 14; id <= 17; id++)
		assert_int_equal(xlsx_builtin_kind(id), XLSX_DATE);
	for (id = 18; id <= 21; id++)
		assert_int_equal(xlsx_builtin_kind(id), XLSX_TIME);
	assert_int_equal(xlsx_builtin_kind(22), XLSX_DATETIME);
	for (id = 37; id <= 44; id++)
		assert_int_equal(xlsx_builtin_kind(id), XLSX_NUMBER);
	for (id = 45; id <= 47; id++)
		assert_int_equal(xlsx_builtin_kind(id), XLSX_TIME);
	assert_int_equal(xlsx_builtin_kind(48), XLSX_NUMBER);
	assert_int_equal(xlsx_builtin_kind(49), XLSX_NUMBER);	/* @ */
	/* the Chinese built-ins: yyyy"年"m"月"d"日", h"时"mm"分" */
	assert_int_equal(xlsx_builtin_kind(31), XLSX_DATE);
	assert_int_equal(xlsx_builtin_kind(57), XLSX_DATE);
	assert_int_equal(xlsx_builtin_kind(32), XLSX_TIME);
	assert_int_equal(xlsx_builtin_kind(164), XLSX_NUMBER);
}

static void
format_codes(void **state)
{
	static const struct { const char *code; enum xlsx_kind k; } t[] = {
		{ "General", XLSX_NUMBER },
		{ "0", XLSX_NUMBER },
		{ "0.00", XLSX_NUMBER },
		{ "#,##0.00", XLSX_NUMBER },
		{ "#,##0.00_);[Red](#,##0.00)", XLSX_NUMBER },
		{ "0.00E+00", XLSX_NUMBER },
		{ "##0.0E-0", XLSX_NUMBER },
		{ "0.0%", XLSX_NUMBER },
		{ "@", XLSX_NUMBER },
		{ "\"¥\"#,##0.00", XLSX_NUMBER },
		{ "[$¥-804]#,##0.00", XLSX_NUMBER },
		{ "#,##0 \"days\"", XLSX_NUMBER },	/* quoted d, a, y, s */
		{ "0\\d", XLSX_NUMBER },		/* an escaped d */
		{ "[Red]0.00;[Blue]-0.00", XLSX_NUMBER },
		{ "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)", XLSX_NUMBER },
		{ "yyyy-mm-dd", XLSX_DATE },
		{ "YYYY/MM/DD", XLSX_DATE },
		{ "m/d/yyyy", XLSX_DATE },
		{ "d-mmm-yy", XLSX_DATE },
		{ "mmm-yy", XLSX_DATE },
		{ "mmmm", XLSX_DATE },
		{ "yyyy\"年\"m\"月\"d\"日\"", XLSX_DATE },
		{ "[$-804]yyyy\"年\"m\"月\"d\"日\"", XLSX_DATE },
		{ "[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"", XLSX_DATE },
		{ "yyyy-mm-dd hh:mm:ss", XLSX_DATETIME },
		{ "m/d/yy h:mm", XLSX_DATETIME },
		{ "yyyy/m/d h:mm AM/PM", XLSX_DATETIME },
		{ "h:mm", XLSX_TIME },
		{ "hh:mm:ss", XLSX_TIME },
		{ "h:mm AM/PM", XLSX_TIME },
		{ "mm:ss", XLSX_TIME },
		{ "[h]:mm:ss", XLSX_TIME },
		{ "[mm]:ss", XLSX_TIME },
		{ "mm:ss.0", XLSX_TIME },
		{ "h\"时\"mm\"分\"", XLSX_TIME },
	};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++)
		if (xlsx_format_kind(t[k].code) != t[k].k)
			fail_msg("%s: kind %d, expected %d", t[k].code,
			    xlsx_format_kind(t[k].code), t[k].k);
}

static void
number_text(void **state)
{
	static const struct {
		const char *v;
		enum xlsx_kind k;
		bool d1904;
		const char *out;
		bool ok;
	} t[] = {
		/* a number's stored text exactly, an exponent written out */
		{ "1234.5", XLSX_NUMBER, false, "1234.5", true },
		{ "1234.5600000000001", XLSX_NUMBER, false,
		    "1234.5600000000001", true },
		{ "0.30000000000000004", XLSX_NUMBER, false,
		    "0.30000000000000004", true },
		{ "-200", XLSX_NUMBER, false, "-200", true },
		{ "1.5E-3", XLSX_NUMBER, false, "0.0015", true },
		{ "1.5e-3", XLSX_NUMBER, false, "0.0015", true },
		{ "1.2345678901234568E+16", XLSX_NUMBER, false,
		    "12345678901234568", true },
		{ "1E+20", XLSX_NUMBER, false, "100000000000000000000", true },
		{ "-2.5E+2", XLSX_NUMBER, false, "-250", true },
		{ "1E-300", XLSX_NUMBER, false, "1E-300", true },   /* as is */
		{ "abc", XLSX_NUMBER, false, "abc", true },
		/* serials */
		{ "46300", XLSX_DATE, false, "2026-10-05", true },
		{ "46300.75", XLSX_DATE, false, "2026-10-05", true },
		{ "46300.75", XLSX_DATETIME, false, "2026-10-05 18:00:00",
		    true },
		{ "46300.604166666664", XLSX_DATETIME, false,
		    "2026-10-05 14:30:00", true },
		{ "46300.99999999", XLSX_DATETIME, false,
		    "2026-10-06 00:00:00", true },
		{ "44838", XLSX_DATE, true, "2026-10-05", true },  /* 1904 */
		{ "1", XLSX_DATE, false, "1900-01-01", true },
		{ "61", XLSX_DATE, false, "1900-03-01", true },
		{ "0.5", XLSX_TIME, false, "12:00:00", true },
		{ "46300.5", XLSX_TIME, false, "2026-10-05 12:00:00", true },
		/* outside the serials: the number, and false */
		{ "60", XLSX_DATE, false, "60", false },
		{ "0", XLSX_DATE, false, "0", false },
		{ "-5", XLSX_DATE, false, "-5", false },
		{ "73051", XLSX_DATE, false, "73051", false },
		{ "1E+300", XLSX_DATE, false, "1E+300", false },
	};
	char out[128];
	size_t k;
	bool ok;

	(void)state;
	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		ok = xlsx_number_text(t[k].v, t[k].k, t[k].d1904, out,
		    sizeof(out));
		if (strcmp(out, t[k].out) != 0 || ok != t[k].ok)
			fail_msg("%s (kind %d): \"%s\" %d, expected \"%s\" %d",
			    t[k].v, t[k].k, out, ok, t[k].out, t[k].ok);
	}
}

static void
diag_cells(void **state)
{
	char *err;
	int saved;

	(void)state;
	diag_reset();
	diag_sheet("sales.xlsx", "Sheet1");
	diag_sheet_column("sales.xlsx", "amount", "D");
	diag_sheet("b.xlsx", "My Sales");
	diag_sheet("c.xlsx", "销售明细");
	diag_sheet("d.xlsx", "it's");
	saved = capture_begin();
	diag(DIAG_ERROR, "sales.xlsx", 12, "amount", "x", "bad");
	diag(DIAG_ERROR, "sales.xlsx", 12, "rep_id", NULL, "whole row");
	diag(DIAG_ERROR, "sales.xlsx", 0, NULL, NULL, "the file");
	diag(DIAG_ERROR, "b.xlsx", 3, NULL, NULL, "quoted");
	diag(DIAG_ERROR, "c.xlsx", 3, NULL, NULL, "chinese");
	diag(DIAG_ERROR, "d.xlsx", 3, NULL, NULL, "quote doubled");
	diag(DIAG_ERROR, "sales.csv", 12, "amount", NULL, "a CSV file");
	err = capture_end(saved);
	assert_string_equal(err,
	    "sales.xlsx:Sheet1!D12: amount: bad (x)\n"
	    "sales.xlsx:Sheet1!12:12: rep_id: whole row\n"
	    "sales.xlsx: the file\n"
	    "b.xlsx:'My Sales'!3:3: quoted\n"
	    "c.xlsx:销售明细!3:3: chinese\n"
	    "d.xlsx:'it''s'!3:3: quote doubled\n"
	    "sales.csv:12: amount: a CSV file\n");
	free(err);
	diag_reset();
}

#define T(f)	cmocka_unit_test_setup_teardown(f, scratch_setup, \
	    scratch_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(column_letters),
		cmocka_unit_test(cell_refs),
		cmocka_unit_test(builtin_formats),
		cmocka_unit_test(format_codes),
		cmocka_unit_test(number_text),
		T(diag_cells),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
