/* Fuzz target: the workbook reader (input/xlsx.c) and, through it, the header and row checks of input/csvread.c and input/workspace.c. */
/*
 * The first byte chooses what the rest is read as.  b % 4 == 0: the rest
 * is the .xlsx file itself (the archive as libzip sees it, and our
 * checks of its directory).  Otherwise the rest is parts separated by a
 * line "%%": the sheet's XML, then sharedStrings.xml, styles.xml and
 * workbook.xml (a missing one is left out, an empty workbook.xml is
 * replaced by one naming the sheet), stored in a workbook beside fixed
 * rels, so that the XML is what varies.  b / 4 holds flags:
 * 1, the whole input stage (workspace_read on a folder holding a fixed
 * team.csv and the workbook as sales.xlsx); 2, --lenient; 4, the sheet
 * named by policy.yaml sheets: (file mode: the sheet "Data").  Otherwise
 * the reader alone, with the columns of sales.csv and each row counted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
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

/*
 * The workbook the parts make is written here as a zip archive of stored
 * members (PKWARE APPNOTE 4.3: local headers, central directory, end
 * record), in memory, then to the file in one write: building it with
 * libzip (a temporary file renamed over the workbook on every input) and
 * deflating each member cost more than reading the workbook.  Raw
 * inputs (b % 4 == 0) still bring libzip any archive, deflated or not.
 */
struct zipw {
	struct buf	 out, dir;
	unsigned	 n;
};

static uint32_t
crc32_of(const uint8_t *p, size_t n)
{
	static uint32_t table[256];
	uint32_t c = 0xffffffff, k;
	size_t i;
	int b;

	if (table[1] == 0)
		for (k = 0; k < 256; k++) {
			uint32_t v = k;

			for (b = 0; b < 8; b++)
				v = v & 1 ? 0xedb88320 ^ (v >> 1) : v >> 1;
			table[k] = v;
		}
	for (i = 0; i < n; i++)
		c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffff;
}

static void
le(struct buf *b, uint32_t v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		buf_putc(b, (int)(v >> (8 * i) & 0xff));
}

/* The fields a local header and its central directory entry share. */
static void
common(struct buf *b, uint32_t crc, size_t len, size_t name_len)
{
	le(b, 20, 2);			/* version needed: 2.0 */
	le(b, 0, 2);			/* flags */
	le(b, 0, 2);			/* method: stored */
	le(b, 0, 2);			/* time */
	le(b, 0x21, 2);			/* date: 1980-01-01 */
	le(b, crc, 4);
	le(b, (uint32_t)len, 4);	/* compressed size */
	le(b, (uint32_t)len, 4);	/* size */
	le(b, (uint32_t)name_len, 2);
	le(b, 0, 2);			/* extra field length */
}

static void
add(struct zipw *z, const char *name, const void *data, size_t len)
{
	uint32_t crc = crc32_of(data, len), off = (uint32_t)z->out.len;
	size_t k = strlen(name);

	le(&z->out, 0x04034b50, 4);
	common(&z->out, crc, len, k);
	buf_put(&z->out, name, k);
	buf_put(&z->out, data, len);
	le(&z->dir, 0x02014b50, 4);
	le(&z->dir, 20, 2);		/* made by */
	common(&z->dir, crc, len, k);
	le(&z->dir, 0, 2);		/* comment length */
	le(&z->dir, 0, 2);		/* disk */
	le(&z->dir, 0, 2);		/* internal attributes */
	le(&z->dir, 0, 4);		/* external attributes */
	le(&z->dir, off, 4);
	buf_put(&z->dir, name, k);
	z->n++;
}

/* The parts as a workbook at the scratch folder's sales.xlsx. */
static void
build(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "xl/worksheets/sheet1.xml",
	    "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml" };
	const uint8_t *part;
	size_t pos = 0, len, k = 0, dir_off;
	bool have_workbook = false;
	struct zipw z = { BUF_INIT, BUF_INIT, 0 };

	add(&z, "[Content_Types].xml", content_types,
	    sizeof(content_types) - 1);
	add(&z, "_rels/.rels", root_rels, sizeof(root_rels) - 1);
	add(&z, "xl/_rels/workbook.xml.rels", workbook_rels,
	    sizeof(workbook_rels) - 1);
	while (k < 4 && fuzz_next_part(data, size, &pos, SEP, &part, &len)) {
		if (k == 3 && len == 0)
			break;
		add(&z, names[k], part, len);
		have_workbook = k == 3;
		k++;
	}
	if (!have_workbook)
		add(&z, "xl/workbook.xml", workbook, sizeof(workbook) - 1);
	dir_off = z.out.len;
	buf_put(&z.out, z.dir.data, z.dir.len);
	le(&z.out, 0x06054b50, 4);
	le(&z.out, 0, 2);		/* this disk */
	le(&z.out, 0, 2);		/* the directory's disk */
	le(&z.out, z.n, 2);
	le(&z.out, z.n, 2);
	le(&z.out, (uint32_t)z.dir.len, 4);
	le(&z.out, (uint32_t)dir_off, 4);
	le(&z.out, 0, 2);		/* comment length */
	fuzz_write("sales.xlsx", z.out.data, z.out.len);
	buf_free(&z.out);
	buf_free(&z.dir);
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
		build(data, size);

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
