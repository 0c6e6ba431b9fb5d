/* Fuzz target: the workbook reader (input/xlsx.c) and, through it, the header and row checks of input/csvread.c and input/workspace.c. */
/*
 * The first byte chooses what the rest is read as.  b % 4 == 0: the rest
 * is the .xlsx file itself (the archive as libzip sees it, and our
 * checks of its directory).  Otherwise the rest is parts separated by a
 * line "%%": the sheet's XML, then sharedStrings.xml, styles.xml and
 * workbook.xml (a missing one is left out, an empty workbook.xml is
 * replaced by one naming the sheet), put by libzip into a workbook
 * beside fixed rels, so that the XML is what varies.  b / 4 holds flags:
 * 1, the whole input stage (workspace_read on a folder holding a fixed
 * team.csv and the workbook as sales.xlsx); 2, --lenient; 4, the sheet
 * named by policy.yaml sheets: (file mode: the sheet "Data").  Otherwise
 * the reader alone, with the columns of sales.csv and each row counted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/diag.h"
#include "input/csvread.h"
#include "input/policy.h"
#include "input/workspace.h"
#include "input/xlsx.h"
#include "model/model.h"
#include "fuzz.h"

#define SEP	"\n%%\n"

static const char team_csv[] =
    "rep_id,name,team,role,manager_id,hire_date,leave_date,email\n"
    "M01,王芳,east,manager,,2020-01-06,,wang.fang@example.com\n"
    "S01,李雷,east,sales,M01,2021-03-15,,li.lei@example.com\n";

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\"></Types>";
static const char root_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>";
static const char workbook_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/styles\" Target=\"/xl/styles.xml\"/>"
    "</Relationships>";
static const char workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
    "main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships\"><sheets><sheet name=\"Data\" sheetId=\"1\" "
    "r:id=\"rId1\"/></sheets></workbook>";

static size_t rows;

static void
on_row(const struct csv_row *row, void *arg)
{
	size_t k;

	(void)arg;
	rows++;
	for (k = 0; k < 32 && row->columns[k].name != NULL; k++)
		if (row->field[k] != NULL)
			rows += strlen(row->field[k]) == row->len[k];
}

static void
add(zip_t *za, const char *name, const void *data, size_t len)
{
	zip_source_t *src;
	zip_int64_t i;

	if ((src = zip_source_buffer(za, data, len, 0)) == NULL)
		abort();
	if ((i = zip_file_add(za, name, src, ZIP_FL_OVERWRITE)) < 0) {
		zip_source_free(src);
		abort();
	}
	/* Stored, not deflated: a deflate stream per member cost more
	 * than reading the workbook (raw inputs, b % 4 == 0, still
	 * bring deflated members). */
	if (zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE,
	    0) != 0)
		abort();
}

/* The parts as a workbook at path. */
static void
build(const char *path, const uint8_t *data, size_t size)
{
	static const char *const names[] = { "xl/worksheets/sheet1.xml",
	    "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml" };
	const uint8_t *part;
	size_t pos = 0, len, k = 0;
	bool have_workbook = false;
	zip_t *za;
	int err;

	if ((za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err)) == NULL)
		abort();
	add(za, "[Content_Types].xml", content_types,
	    sizeof(content_types) - 1);
	add(za, "_rels/.rels", root_rels, sizeof(root_rels) - 1);
	add(za, "xl/_rels/workbook.xml.rels", workbook_rels,
	    sizeof(workbook_rels) - 1);
	while (k < 4 && fuzz_next_part(data, size, &pos, SEP, &part, &len)) {
		if (k == 3 && len == 0)
			break;
		add(za, names[k], part, len);
		have_workbook = k == 3;
		k++;
	}
	if (!have_workbook)
		add(za, "xl/workbook.xml", workbook, sizeof(workbook) - 1);
	if (zip_close(za) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags;
	bool raw;
	char path[128];

	fuzz_quiet();
	if (size < 1)
		return 0;
	raw = data[0] % 4 == 0;
	flags = (unsigned)(data[0] / 4);
	data++;
	size--;
	fuzz_path(path, "sales.xlsx");
	if (raw)
		fuzz_write("sales.xlsx", data, size);
	else
		build(path, data, size);

	if (flags & 1) {
		struct workspace ws;
		static const char policy[] = "sheets: {sales: Data}\n";

		fuzz_write("team.csv", team_csv, sizeof(team_csv) - 1);
		if (flags & 4)
			fuzz_write("policy.yaml", policy, sizeof(policy) - 1);
		(void)workspace_read(&ws, fuzz_dir(), (flags & 2) != 0, true,
		    false, NULL);
		workspace_free(&ws);
		fuzz_unlink("team.csv");
		fuzz_unlink("policy.yaml");
	} else {
		const struct csv_column *cols;
		struct csv_column padded[33];
		struct csv_info info;
		size_t ncols;
		char *format = NULL;

		cols = input_columns(FILE_SALES, &ncols);
		memset(padded, 0, sizeof(padded));
		memcpy(padded, cols, ncols * sizeof(*cols));
		(void)xlsx_read_file(path, (flags & 4) ? "Data" : NULL, padded,
		    ncols, NULL, 0, (flags & 2) != 0, on_row, NULL, &info,
		    &format);
		free(format);
	}
	fuzz_unlink("sales.xlsx");
	diag_reset();
	return 0;
}
