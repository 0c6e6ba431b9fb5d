/*
 * A scratch folder and a standard-error capture for the unit tests of
 * modules that read files (test_csvread.c, test_policy.c,
 * test_workspace.c).  Include after <cmocka.h>.
 *
 * scratch_setup() makes an empty folder under $TMPDIR (else /tmp) and
 * makes it the working directory, so that the tests write and read
 * relative names ("f.csv", "ws/team.csv") and the messages they expect
 * name files the same way; scratch_teardown() goes back and removes the
 * folder.  Use them as a cmocka setup and teardown.
 *
 * capture_begin() sends standard error to a file of the scratch folder,
 * capture_end() puts it back and returns what was written (free it).
 */
#ifndef SC_TESTS_SCRATCH_H
#define SC_TESTS_SCRATCH_H

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct scratch {
	char	 dir[PATH_MAX];
	int	 back;		/* the working directory before */
};

/* Removes path and, when it is a folder, everything in it. */
static inline void
scratch_remove(const char *path)
{
	char sub[PATH_MAX];
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
	    (d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path,
			    de->d_name) < sizeof(sub))
				scratch_remove(sub);
		}
		closedir(d);
	}
	remove(path);
}

static inline int
scratch_setup(void **state)
{
	struct scratch *s = calloc(1, sizeof(*s));
	const char *tmp = getenv("TMPDIR");

	if (s == NULL)
		return -1;
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(s->dir, sizeof(s->dir), "%s/scorecard-unit.XXXXXX", tmp);
	if (mkdtemp(s->dir) == NULL ||
	    (s->back = open(".", O_RDONLY | O_DIRECTORY)) < 0 ||
	    chdir(s->dir) != 0) {
		free(s);
		return -1;
	}
	*state = s;
	return 0;
}

static inline int
scratch_teardown(void **state)
{
	struct scratch *s = *state;

	if (s == NULL)
		return 0;
	if (fchdir(s->back) != 0)
		return -1;
	close(s->back);
	scratch_remove(s->dir);
	free(s);
	return 0;
}

/* Writes n bytes to name (relative), making its folders first. */
static inline void
scratch_write(const char *name, const char *bytes, size_t n)
{
	char path[PATH_MAX], *slash;
	FILE *fp;

	snprintf(path, sizeof(path), "%s", name);
	for (slash = strchr(path, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0777);
		*slash = '/';
	}
	fp = fopen(name, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

/* A NUL-terminated text written to name. */
static inline void
scratch_text(const char *name, const char *text)
{
	scratch_write(name, text, strlen(text));
}

#define CAPTURE_FILE	".stderr"

static inline int
capture_begin(void)
{
	int saved, fd;

	fflush(stderr);
	saved = dup(2);
	fd = open(CAPTURE_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	assert_true(saved >= 0 && fd >= 0);
	assert_int_equal(dup2(fd, 2), 2);
	close(fd);
	return saved;
}

static inline char *
capture_end(int saved)
{
	FILE *fp;
	char *text;
	long n;

	fflush(stderr);
	assert_int_equal(dup2(saved, 2), 2);
	close(saved);
	fp = fopen(CAPTURE_FILE, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	text = malloc((size_t)n + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)n, fp), (size_t)n);
	text[n] = '\0';
	fclose(fp);
	return text;
}

#endif
