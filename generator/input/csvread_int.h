/*
 * The CSV reader's state, shared by the one-pass reader (csvread.c) and
 * the parallel one (csvpar.c), and nothing else's business.
 */
#ifndef SC_INPUT_CSVREAD_INT_H
#define SC_INPUT_CSVREAD_INT_H

#include <csv.h>
#include <stdio.h>

#include "util/buf.h"
#include "util/diag.h"
#include "input/csvread.h"

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
	bool			 nul_seen;	/* a NUL byte in the lines of the
						 * record being read */
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

/*
 * A reader for path, before its header; lenient readers report row
 * problems as warnings.  reader_free frees what reader_setup made.
 */
void	 reader_setup(struct reader *, const char *path,
	    const struct csv_column *, size_t, const struct column_rename *,
	    size_t, bool lenient, csv_row_fn, void *, struct csv_info *);
void	 reader_free(struct reader *);
/* Feeds a block of the file (lines are counted). */
void	 reader_feed(struct reader *, const char *, size_t);
/* The end of the file: the last record, and a file without a header. */
void	 reader_end(struct reader *);
/* Opens path for reading (csv_read_file's refusals and messages). */
int	 csv_open(const char *path, FILE **);
/* The first pass over the file: its encoding (csv_read_file). */
int	 reader_detect(FILE *, const char *path, char *block, size_t size,
	    enum csv_encoding *);
/* Its checks of the first block (n bytes), the rest of the file aside. */
int	 reader_detect_head(const char *block, size_t n, const char *path,
	    enum csv_encoding *);

#endif
