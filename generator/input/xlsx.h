/*
 * Reading one sheet of an Excel workbook (.xlsx) as the rows of a CSV
 * file: libzip opens the container, expat streams its XML parts, and the
 * cells become text fields handed to the header matching and row checks
 * of csvread.h, so that the row handlers cannot tell a sheet from a CSV
 * file.  Only xlsx.c includes zip.h and expat.h.  docs/input.md §1 says
 * what a cell becomes; docs/bad-input.md lists the bounds.
 */
#ifndef SC_INPUT_XLSX_H
#define SC_INPUT_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/csvread.h"

/* Bounds that keep a hostile workbook in bounded time and memory. */
#define XLSX_TOTAL_MAX		(4ULL << 30)	/* all entries, inflated */
#define XLSX_SHEET_MAX		(2ULL << 30)	/* the sheet's XML */
#define XLSX_STRINGS_MAX	(256ULL << 20)	/* sharedStrings.xml */
#define XLSX_PART_MAX		(16ULL << 20)	/* workbook, rels, styles */
#define XLSX_RATIO_MAX		100	/* inflated / compressed ... */
#define XLSX_RATIO_FROM		(1ULL << 20)	/* ... past this size */
#define XLSX_ENTRIES_MAX	65536	/* entries of the archive */
#define XLSX_SHEETS_MAX		4096
#define XLSX_STRING_COUNT_MAX	(8U << 20)	/* shared strings */
#define XLSX_STRING_BYTES_MAX	(128U << 20)	/* their text */
#define XLSX_STYLES_MAX		65536	/* cell formats */
#define XLSX_NUMFMTS_MAX	1024	/* number formats (Excel: ~250) */
#define XLSX_RELS_MAX		8192	/* relationships of a part */
#define XLSX_TARGET_MAX		1024	/* a relationship's target */
#define XLSX_DEPTH_MAX		64	/* XML element nesting */
#define XLSX_TOKEN_MAX		(1U << 20)	/* an XML tag held by expat */
#define XLSX_CELLS_MAX		(64U << 20)	/* cells of the sheet */
#define XLSX_HEADER_MAX		(4U << 20)	/* the header row's text */
#define XLSX_TEXT_MAX		(1ULL << 30)	/* all the fields' text */
#define XLSX_ROWS_MAX		1048576		/* Excel's own limits */
#define XLSX_COLUMNS_MAX	16384

/*
 * As csv_read_file, for the workbook at path: the sheet named sheet, or
 * the first one when sheet is NULL.  *format is set to "xlsx, sheet
 * NAME" (allocated) when the sheet was found.
 */
int	 xlsx_read_file(const char *path, const char *sheet,
	    const struct csv_column *, size_t, const struct column_rename *,
	    size_t, bool lenient, csv_row_fn, void *, struct csv_info *,
	    char **format);

/* ---- the pieces, for the unit tests ---- */

/* "A" = 0, "Z" = 25, "AA" = 26, "XFD" = 16383; -1 if not letters or
 * beyond XFD. */
long	 xlsx_column_index(const char *letters, size_t n);
/* The letters of a column index below XLSX_COLUMNS_MAX. */
void	 xlsx_column_letters(unsigned index, char out[4]);
/* "D12": column 3, row 12; false for anything else (no "$", no range). */
bool	 xlsx_cell_ref(const char *s, unsigned *column, unsigned long *row);

enum xlsx_kind { XLSX_NUMBER, XLSX_DATE, XLSX_DATETIME, XLSX_TIME };
/* What a number format code shows a number as. */
enum xlsx_kind xlsx_format_kind(const char *code);
/* The same for a built-in format id (14-22, 45-47, and the Chinese
 * built-in date formats 27-36, 50-58). */
enum xlsx_kind xlsx_builtin_kind(unsigned id);
/*
 * A numeric cell's text as a field: a date or time as "2026-10-05" or
 * "2026-10-05 14:30:00" ("14:30:00" for a time alone); a number as its
 * decimal text exactly, an exponent written out ("1.5E-3" = "0.0015").
 * False when a date is out of range: then out holds the number.
 */
bool	 xlsx_number_text(const char *v, enum xlsx_kind, bool date1904,
	    char *out, size_t outsize);

#endif
