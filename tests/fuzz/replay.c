/*
 * tests/fuzz/replay: runs a fuzz target's LLVMFuzzerTestOneInput on files
 * without libFuzzer, so that `make test` replays the seeds and the inputs
 * that once crashed with the normal compiler.  Linked with one
 * fuzz_<name>.c.  Arguments are files, or folders whose files are read
 * (not recursively, in name order).  Prints "N inputs" and exits 0;
 * a crash ends the program as it would end the fuzzer.
 *
 *   build/fuzz-replay/csv tests/fuzz/seeds/csv tests/fuzz/regress/csv
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static size_t ninputs;
/* Standard error as it was: the targets point the stream stderr at
 * /dev/null to silence diagnostics. */
static FILE *err;

static void
failed(const char *path)
{
	fprintf(err, "%s: %s\n", path, strerror(errno));
}

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL, *bigger;
	size_t len = 0, cap = 0, k;

	if (f == NULL) {
		failed(path);
		return 66;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			if ((bigger = realloc(data, cap)) == NULL) {
				fprintf(err, "%s: out of memory\n", path);
				exit(70);
			}
			data = bigger;
		}
		if ((k = fread(data + len, 1, cap - len, f)) == 0)
			break;
		len += k;
	}
	if (ferror(f)) {
		failed(path);
		fclose(f);
		free(data);
		return 74;
	}
	fclose(f);
	/* Exactly len bytes, as libFuzzer hands them over. */
	if ((bigger = realloc(data, len ? len : 1)) != NULL)
		data = bigger;
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	ninputs++;
	return 0;
}

static int
compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL, **more, path[4096];
	size_t n = 0, i;
	struct stat st;
	int status = 0, s;

	if (d == NULL) {
		failed(dir);
		return 66;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((more = realloc(names, (n + 1) * sizeof(*names))) == NULL ||
		    (more[n] = strdup(de->d_name)) == NULL) {
			fprintf(err, "%s: out of memory\n", dir);
			exit(70);
		}
		names = more;
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), compare);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    (s = run_file(path)) != 0 && status == 0)
			status = s;
		free(names[i]);
	}
	free(names);
	return status;
}

int
main(int argc, char *argv[])
{
	struct stat st;
	int i, status = 0, s;

	err = stderr;
	if (argc < 2) {
		fprintf(err, "usage: %s FILE|FOLDER...\n", argv[0]);
		return 64;
	}
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			s = run_dir(argv[i]);
		else
			s = run_file(argv[i]);
		if (s != 0 && status == 0)
			status = s;
	}
	printf("%zu inputs\n", ninputs);
	return status;
}
