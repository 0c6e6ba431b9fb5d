/*
 * What every fuzz target shares: quiet diagnostics, a per-process scratch
 * folder for the readers that take a path, and splitting an input into
 * parts.  Header-only (static inline), included by each fuzz_<name>.c.
 *
 * Diagnostics are the program's normal output for bad input, so they are
 * not printed while fuzzing: diag() writes to the stdio stream stderr,
 * which is pointed at /dev/null (FUZZ_VERBOSE=1 keeps it).  Sanitizer
 * and libFuzzer reports do not go through that stream: they still show.
 */
#ifndef SC_FUZZ_H
#define SC_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/diag.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Once per process: silences diag() unless FUZZ_VERBOSE is set. */
static inline void
fuzz_quiet(void)
{
	static bool done;
	FILE *null;

	if (done)
		return;
	done = true;
	if (getenv("FUZZ_VERBOSE") != NULL)
		return;
	if ((null = fopen("/dev/null", "w")) != NULL)
		stderr = null;
}

/* ---- a scratch folder, made once, removed at exit ---- */

static char fuzz_dir_path[64];
static const char *const fuzz_dir_files[] = { "team.csv", "sales.csv",
    "targets.csv", "metrics.csv", "reviews.csv", "actions.csv",
    "policy.yaml", "input.csv", "sales.xlsx", "logo.png", NULL };

static inline void
fuzz_dir_remove(void)
{
	char path[128];
	size_t i;

	for (i = 0; fuzz_dir_files[i] != NULL; i++) {
		snprintf(path, sizeof(path), "%s/%s", fuzz_dir_path,
		    fuzz_dir_files[i]);
		unlink(path);
	}
	rmdir(fuzz_dir_path);
}

/* The folder's path; aborts when it cannot be made. */
static inline const char *
fuzz_dir(void)
{
	if (fuzz_dir_path[0] == '\0') {
		/* In memory when it can be: a file made and removed per
		 * input costs more on a disk file system than most
		 * parsers take on the input. */
		strcpy(fuzz_dir_path, "/dev/shm/scorecard-fuzz-XXXXXX");
		if (mkdtemp(fuzz_dir_path) == NULL)
			strcpy(fuzz_dir_path, "/tmp/scorecard-fuzz-XXXXXX");
		if (fuzz_dir_path[1] == 't' && mkdtemp(fuzz_dir_path) == NULL) {
			perror("mkdtemp");
			abort();
		}
		atexit(fuzz_dir_remove);
	}
	return fuzz_dir_path;
}

/* The path of name in the folder (a static buffer per call site's use). */
static inline void
fuzz_path(char out[128], const char *name)
{
	snprintf(out, 128, "%s/%s", fuzz_dir(), name);
}

/* Writes the bytes to the file name of the folder; aborts on failure. */
static inline void
fuzz_write(const char *name, const void *data, size_t len)
{
	char path[128];
	FILE *f;

	fuzz_path(path, name);
	if ((f = fopen(path, "wb")) == NULL ||
	    (len > 0 && fwrite(data, 1, len, f) != len) || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

static inline void
fuzz_unlink(const char *name)
{
	char path[128];

	fuzz_path(path, name);
	unlink(path);
}

/* ---- bounds of the fuzzing build ---- */

/*
 * The libFuzzer build (make fuzz) defines FUZZ_BOUNDED: the targets then
 * skip inputs whose cost grows far past what finding a bug needs (see
 * docs/fuzzing.md, "Rates").  The replays of make test are built without
 * it and run every seed and regression input whole, so the program's own
 * limits are still reached there.
 */
#ifdef FUZZ_BOUNDED
#define FUZZ_BOUNDS	1
#else
#define FUZZ_BOUNDS	0
#endif

/* ---- parts ---- */

/*
 * Splits data at each occurrence of sep: the next part from *pos, its
 * length in *len; false when there are no more parts.
 */
static inline bool
fuzz_next_part(const uint8_t *data, size_t size, size_t *pos,
    const char *sep, const uint8_t **part, size_t *len)
{
	size_t k = strlen(sep), i;

	if (*pos > size)
		return false;
	*part = data + *pos;
	for (i = *pos; i + k <= size; i++)
		if (memcmp(data + i, sep, k) == 0) {
			*len = i - *pos;
			*pos = i + k;
			return true;
		}
	*len = size - *pos;
	*pos = size + 1;
	return true;
}

/* A NUL-terminated copy (the parsers get the length too). */
static inline char *
fuzz_strndup(const uint8_t *data, size_t len)
{
	char *s = malloc(len + 1);

	if (s == NULL)
		abort();
	if (len > 0)
		memcpy(s, data, len);
	s[len] = '\0';
	return s;
}

#endif
