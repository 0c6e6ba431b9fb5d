/*
 * The output folder's lock (scorecard(1), TWO RUNS AT ONCE): every run
 * that writes into an output folder holds the folder's lock exclusively
 * from the moment it starts writing until its last file is in place;
 * `verify` holds the lock of the archive's parent folder shared while it
 * reads.  A run that finds the lock taken says who holds it and waits, so
 * runs sharing an output folder follow each other instead of mixing their
 * files.
 */
#ifndef SC_JOBS_OUTLOCK_H
#define SC_JOBS_OUTLOCK_H

#include <stdbool.h>

struct outlock {
	int	 fd;		/* -1: not held */
};

/*
 * Takes the lock of the folder DIR (created first when exclusive),
 * waiting while another run holds it.  Returns 0, or EX_CANTCREAT
 * (reported) when the folder cannot be made, opened or locked.  A shared
 * lock on a folder that cannot be opened is no lock (verify then says
 * what it cannot read).
 */
int	 outlock_take(struct outlock *, const char *dir, bool exclusive,
	    bool quiet);
void	 outlock_release(struct outlock *);

#endif
