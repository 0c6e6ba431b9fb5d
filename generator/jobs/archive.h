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

#endif
