/*
 * Quarterly archives (docs/output.md §6): MANIFEST.sha256 with the SHA-256
 * of every file of the archive and of every input file it came from, and
 * `scorecard verify`, which names every changed, added or removed file.
 */
#ifndef SC_JOBS_ARCHIVE_H
#define SC_JOBS_ARCHIVE_H

#include "model/model.h"

#define MANIFEST_NAME "MANIFEST.sha256"

/* The hex SHA-256 of data[0..len) (also the statements of `send`). */
void	 sha256_hex(const void *data, size_t len, char hex[65]);
/* Writes dir/MANIFEST.sha256 for the files under dir and the inputs. */
int	 manifest_write(const char *dir, const struct workspace *);

/* A path of a manifest, its hex SHA-256 and the line that gave it. */
struct manifest_entry {
	char	*name;		/* inside the text given to manifest_parse */
	char	 hex[65];
	long	 line;
};

struct manifest {
	const char		*path;		/* as shown in messages */
	struct manifest_entry	*v;		/* sorted by name */
	size_t			 n;
	size_t			 problems;	/* reported through diag */
};

/*
 * Parses a manifest's text (modified: lines are cut in place) into m's
 * entries, m zeroed but for path beforehand.  Reports every line that is
 * not a comment, blank, or "64 hex digits, two spaces, a path inside the
 * archive", and every path listed twice; CRLF line ends are read as LF.
 * The caller frees m->v (the names point into text).  scorecard verify
 * reads the archive's files only when m->problems is 0.
 */
void	 manifest_parse(struct manifest *m, char *text, size_t len);

#endif
