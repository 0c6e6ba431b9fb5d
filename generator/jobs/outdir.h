/*
 * Atomic output folders (SPEC §6): a job writes into a temporary folder
 * beside the target, and only a complete folder is moved into place.  A
 * run that fails or is killed leaves the previous output as it was.
 */
#ifndef SC_JOBS_OUTDIR_H
#define SC_JOBS_OUTDIR_H

#include <stdbool.h>

#include "util/buf.h"

struct outdir {
	char	*target;	/* output/2026-10 */
	char	*temp;		/* output/.2026-10.tmp-XXXXXX */
};

/*
 * 0 when parent/name is absent, a folder, or a symbolic link (replaced,
 * never followed); else, for a file the user left where the folder goes,
 * EX_CANTCREAT after saying so: it is not deleted.
 */
int	 outdir_check_target(const char *parent, const char *name);
/* Checks the target, creates the temporary folder; 0 or EX_CANTCREAT. */
int	 outdir_begin(struct outdir *, const char *parent, const char *name);
/*
 * Fills the temporary folder with the files of the current target (hard
 * links, or copies where links fail), for a run that renders a subset.
 */
int	 outdir_keep_existing(struct outdir *);
/* Writes one file (relative path) into the temporary folder. */
int	 outdir_write(struct outdir *, const char *rel, const struct buf *);
/*
 * Replaces one file outside any output folder (output/index.html) through
 * a hidden .NAME.tmp beside it and a rename; 0, or EX_IOERR (disk full) or EX_CANTCREAT.
 */
int	 outdir_replace_file(const char *path, const struct buf *);
/* Moves the folder into place, replacing the old one; 0 or EX_CANTCREAT. */
int	 outdir_commit(struct outdir *);
/* Removes the temporary folder (after a failure). */
void	 outdir_abort(struct outdir *);
bool	 path_exists(const char *);

#endif
