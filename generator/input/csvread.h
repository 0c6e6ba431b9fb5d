/*
 * Reading one CSV file of the workspace, streamed row by row with libcsv:
 * encoding detection (UTF-8 with or without BOM, else GB18030 through
 * iconv), header matching (English names case-insensitively, the Chinese
 * aliases, and policy `columns:` mappings), physical line numbers, and the
 * structural checks (quoting, field counts, NUL bytes, sizes).  Rows are
 * handed to a callback and never kept.  Only csvread.c includes csv.h of
 * libcsv.
 */
#ifndef SC_INPUT_CSVREAD_H
#define SC_INPUT_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"	/* struct column_rename, enum csv_encoding */

struct csv_column {
	const char	*name;		/* our name: "rep_id" */
	const char	*alias;		/* the Chinese header: "工号", or NULL */
	bool		 required;
};

struct csv_row {
	const char	*path;		/* as shown in messages */
	long		 line;		/* physical line where the record starts */
	const char	*const *field;	/* per column; NULL when absent */
	const size_t	*len;
	const struct csv_column *columns;
};

typedef void (*csv_row_fn)(const struct csv_row *, void *);

struct csv_info {
	enum csv_encoding encoding;
	long		 rows;		/* data rows handed to the callback */
	long		 bad_rows;	/* rows refused by the structural checks */
	long		 lines;		/* physical lines */
	bool		 present[32];	/* which columns the header has */
};

/* Limits that keep a hostile file in bounded memory. */
#define CSV_FIELD_MAX	(1024 * 1024)
#define CSV_FIELDS_MAX	4096

/*
 * Returns 0 when the file was read (row problems are reported through
 * diag and counted in info->bad_rows; with lenient as warnings, the rows
 * skipped), EX_NOINPUT when it does not exist (not reported) or cannot be
 * opened (reported; a FIFO or a device is not opened for reading),
 * EX_DATAERR when it cannot be read as a table at all, EX_IOERR on a read
 * error.
 */
int	 csv_read_file(const char *path, const struct csv_column *, size_t,
	    const struct column_rename *, size_t, bool lenient, csv_row_fn,
	    void *, struct csv_info *);
/*
 * A large file read on several cores (csvpar.c): the data rows after the
 * header are cut into chunks at line ends, each parsed and checked by a
 * worker thread into a chunk of its own, then taken in file order by the
 * calling thread.  The results, the messages and their order are those of
 * reading the file in one pass: a worker's messages are held back and
 * given when its chunk is taken, lines moved to where the chunk begins;
 * a chunk that turns out to begin inside a quoted field (the chunk before
 * it ended inside one) is parsed again after that chunk, in order.
 *
 *   chunk_new	on a worker: a chunk's state, for the rows of one chunk
 *   row	on a worker: checks a row into the chunk; true when the row
 *		is kept (a row to take)
 *   take	in file order: the chunk's kept row i, lines moved by
 *		line_offset
 *   chunk_end	after the last take of a chunk, or when a chunk is thrown
 *		away (taken false): merges what it keeps, frees it
 */
struct csv_chunk_fns {
	void	*(*chunk_new)(void *arg);
	bool	 (*row)(const struct csv_row *, void *chunk);
	void	 (*take)(void *arg, void *chunk, size_t i, long line_offset);
	void	 (*chunk_end)(void *arg, void *chunk, long line_offset,
		    bool taken);
	void	*arg;
};

/*
 * csv_read_file with the rows through fns, on up to threads workers of
 * chunk_bytes each (0: the default).  One pass where that is all there
 * is: one thread, a GB18030 file, a file of fewer than two chunks.
 */
int	 csv_read_file_parallel(const char *path, const struct csv_column *,
	    size_t, const struct column_rename *, size_t, bool lenient,
	    const struct csv_chunk_fns *, int threads, size_t chunk_bytes,
	    struct csv_info *);
const char *csv_encoding_name(enum csv_encoding);
/* How a file was read: "UTF-8", "GB18030", "xlsx, sheet 销售明细". */
const char *csv_file_format(const struct file_info *);

/*
 * The header matching and row checks of csv_read_file for a reader of
 * another format (input/xlsx.c), fed one field at a time: csv_table_row
 * gives the line (a sheet's row number) of the row that follows,
 * csv_table_row_end hands it over (a row whose fields are all empty is
 * dropped; the first one that is not is the header).  A sheet row is
 * padded to the header's width by its reader: rows are not counted
 * against the header.  csv_table_end returns 0 or EX_DATAERR (a file
 * refused: csv_table_stop, or no header) and frees the table.
 */
struct csv_table;
struct csv_table *csv_table_begin(const char *path, const struct csv_column *,
	    size_t, const struct column_rename *, size_t, bool lenient,
	    csv_row_fn, void *, struct csv_info *);
void	 csv_table_row(struct csv_table *, long line);
void	 csv_table_field(struct csv_table *, const char *, size_t);
/* The current row has a problem already reported: it is refused. */
void	 csv_table_row_bad(struct csv_table *);
void	 csv_table_row_end(struct csv_table *);
bool	 csv_table_header_done(const struct csv_table *);
/* Fields of the header row; which of our columns field i holds (or -1),
 * and its header text. */
size_t	 csv_table_width(const struct csv_table *);
int	 csv_table_column(const struct csv_table *, size_t i);
const char *csv_table_header(const struct csv_table *, size_t i);
bool	 csv_table_stopped(const struct csv_table *);
void	 csv_table_stop(struct csv_table *);
int	 csv_table_end(struct csv_table *);

#endif
