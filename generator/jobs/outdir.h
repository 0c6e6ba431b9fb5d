/*
 * Atomic output folders (docs/output.md §5): a job writes into a
 * temporary folder beside the target, and only a complete folder is moved
 * into place.  A run that fails or is killed leaves the previous output as
 * it was.
 */
#ifndef SC_JOBS_OUTDIR_H
#define SC_JOBS_OUTDIR_H

#include <stdbool.h>
#include <stdio.h>

#include "util/buf.h"

struct outdir {
	char	*target;	/* output/2026-10 */
	char	*temp;		/* output/.2026-10.tmp-XXXXXX */
	int	 fd;		/* temp, open from outdir_begin() to the end:
				   its syncfs() at the commit also reports
				   write-back errors since then; -1: none */
};

/*
 * Creates the temporary folder beside PARENT/NAME, after removing what
 * killed runs left there (the caller holds the lock of outlock.h); 0, or
 * EX_CANTCREAT (reported), also when PARENT/NAME is not a folder.
 */
int	 outdir_begin(struct outdir *, const char *parent, const char *name);
/*
 * Fills the temporary folder with the files of the current target (hard
 * links, or copies where links fail), for a run that renders a subset.
 */
int	 outdir_keep_existing(struct outdir *);
/*
 * Writes one file (relative path) into the temporary folder; not synced
 * here: outdir_commit() syncs the folder's files once, all together.
 */
int	 outdir_write(struct outdir *, const char *rel, const struct buf *);
/*
 * Replaces one file outside any output folder (output/index.html) through
 * a hidden .NAME.tmp beside it and a rename; 0, or EX_IOERR (disk full) or EX_CANTCREAT.
 */
int	 outdir_replace_file(const char *path, const struct buf *);
/*
 * Syncs every file written into the temporary folder to the disk (one
 * syncfs; a write-back error gives 74 and nothing moves), moves the folder
 * into place, and syncs its parent folder so that the move is on the disk
 * too.  An existing folder is replaced only when REPLACE (else, or when
 * something else than a folder is there: 73).
 */
int	 outdir_commit(struct outdir *, bool replace);
/* Removes the temporary folder (after a failure). */
void	 outdir_abort(struct outdir *);
bool	 path_exists(const char *);
/* Creates the folder PATH and its parents; 0, or -1 with errno set. */
int	 outdir_make_dirs(const char *path);
/*
 * Creates the new file PATH for writing, never through an existing file
 * or link (O_EXCL|O_NOFOLLOW); NULL with errno set when it cannot.
 */
FILE	*outdir_create_file(const char *path);

#endif
