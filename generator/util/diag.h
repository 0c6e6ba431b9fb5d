/*
 * Diagnostics: every message about the user's data goes through diag(),
 * which prints "file:line: column: message (value)" to stderr, counts
 * messages by level, keeps the first ones for the data-quality appendix and
 * derives the exit status.  No other code prints problems.
 */
#ifndef SC_DIAG_H
#define SC_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

enum diag_level {
	DIAG_NOTE,	/* information: an encoding detected, a column ignored */
	DIAG_WARNING,	/* suspicious but usable; rows skipped with --lenient */
	DIAG_ERROR	/* the input is refused: exit 65 unless another code is set */
};

struct diag_record {
	enum diag_level	 level;
	char		*file;
	long		 line;
	char		*column;
	char		*message;
	char		*value;
};

/* At most this many messages are printed per file; the rest are counted. */
#define DIAG_PRINT_LIMIT_PER_FILE 200
/* At most this many records are kept for the report appendix. */
#define DIAG_KEEP_LIMIT 1000

void	 diag(enum diag_level, const char *file, long line,
	    const char *column, const char *value, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
/* diag() for a function that takes a format of its own. */
void	 vdiag(enum diag_level, const char *file, long line,
	    const char *column, const char *value, const char *fmt, va_list)
	    __attribute__((format(printf, 6, 0)));
/*
 * Messages about file are about a sheet of a workbook (input/xlsx.c): a
 * line is the sheet's row, shown with the sheet's name as a cell
 * reference, "sales.xlsx:Sheet1!D12" where diag_sheet_column() has said
 * which sheet column ("D") holds the data column of the message, else
 * "sales.xlsx:Sheet1!12:12" (the whole row).
 */
void	 diag_sheet(const char *file, const char *sheet);
void	 diag_sheet_column(const char *file, const char *column,
	    const char *letters);
void	 diag_set_exit(int);
int	 diag_exit_status(void);
size_t	 diag_count(enum diag_level);
void	 diag_set_quiet_notes(bool);
void	 diag_finish(void);
/*
 * diag_finish(), then the last line of a run refused for bad data
 * (docs/input.md §12): "N errors, M warnings: " and outcome ("nothing
 * written").
 */
void	 diag_summary(const char *outcome);
const struct diag_record *diag_records(size_t *);
void	 diag_reset(void);

/*
 * Messages held back: while a thread has a capture set, its diag() calls
 * are kept in it, unprinted and uncounted, each with the capture's mark
 * at the time (the parallel reader of input/csvread.c marks them with the
 * row they came before).  diag_capture_replay() gives them to diag() in
 * the order they came, lines (other than 0) moved by line_offset; file
 * and column are kept as pointers: they must outlive the replay.
 */
struct diag_held {
	enum diag_level	 level;
	const char	*file;
	long		 line;
	const char	*column;
	char		*value;
	char		*message;
	size_t		 mark;
};

struct diag_capture {
	struct diag_held *held;
	size_t		 n;
	size_t		 mark;
};

/* Sets this thread's capture (NULL: print again); returns the last one. */
struct diag_capture *diag_capture_set(struct diag_capture *);
/* Replays the held messages from *next on whose mark is at most mark. */
void	 diag_capture_replay(struct diag_capture *, size_t *next, size_t mark,
	    long line_offset);
void	 diag_capture_free(struct diag_capture *);

#endif
