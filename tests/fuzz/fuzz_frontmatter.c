/* Fuzz target: case files (input/cases.c case_parse: front matter, dates, periods, tags; one input in eight through cases_read, as a file of the folder) and their GRAI sections (input/grai.c). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmark-gfm.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/strmap.h"
#include "input/cases.h"
#include "input/grai.h"
#include "model/model.h"
#include "markdown/mdtree.h"
#include "fuzz.h"

/* The people and teams that author: and team: may name. */
static void
small_workspace(struct workspace *ws)
{
	static const char *const people[] = { "M01", "S01", "C01", NULL };
	static const char *const teams[] = { "east", "west", NULL };
	size_t i;

	memset(ws, 0, sizeof(*ws));
	for (i = 0; people[i] != NULL; i++)
		strmap_put(&ws->person_index, people[i], strlen(people[i]), i,
		    NULL);
	for (i = 0; teams[i] != NULL; i++)
		strmap_put(&ws->team_index, teams[i], strlen(teams[i]), i,
		    NULL);
}

#define REQUIRE(cond) do { if (!(cond)) { fprintf(stdout, \
    "fuzz_frontmatter: %s failed\n", #cond); fflush(stdout); abort(); } } \
    while (0)

/*
 * What the GRAI reading says agrees with itself: the sections reported
 * missing are those without a heading; a heading kept for "did you mean"
 * names no section and nearly names its own; each section's names, English
 * and Chinese, name it.
 */
static void
check_grai(const struct grai *g, size_t missing)
{
	static bool names_checked;
	size_t n = 0;
	int p;

	for (p = 0; p < GRAI_COUNT; p++) {
		n += g->sections[p].heading == NULL;
		if (g->near[p].text != NULL) {
			const char *t = g->near[p].text;

			REQUIRE(grai_classify(t, strlen(t)) == GRAI_NONE);
			REQUIRE(grai_near_miss(t, strlen(t)) ==
			    (enum grai_part)p);
		}
	}
	REQUIRE(missing == n && grai_missing(g) == n);
	if (!names_checked) {
		names_checked = true;
		for (p = 0; p < GRAI_COUNT; p++) {
			const char *en = grai_name_en((enum grai_part)p);
			const char *zh = grai_name_zh((enum grai_part)p);

			REQUIRE(grai_classify(en, strlen(en)) ==
			    (enum grai_part)p);
			REQUIRE(grai_classify(zh, strlen(zh)) ==
			    (enum grai_part)p);
		}
	}
}

static void
case_free(struct case_file *cf)
{
	size_t i;

	free(cf->path);
	free(cf->slug);
	free(cf->title);
	free(cf->body);
	for (i = 0; i < cf->ntags; i++)
		free(cf->tags[i]);
	free(cf->tags);
}

/*
 * One input in eight (size % 8 == 7) is also read as the workspace reads
 * it: the only file of the folder cases/, under a name chosen by size / 8
 * (a good one, one that cannot be a page name, one that is not a case),
 * --lenient when the first byte is odd: cases_read() and the checks of
 * the file itself (UTF-8, NUL bytes, size) before case_parse().
 */
static void
read_folder(struct workspace *ws, const uint8_t *data, size_t size)
{
	static const char *const names[] = { "2026-q3-east-win.md",
	    "bad name.md", "notes.txt", "2026-q3-west.md" };
	const char *name = names[size / 8 % 4];
	char dir[128], file[256];
	FILE *f;
	size_t i;

	fuzz_path(dir, "cases");
	snprintf(file, sizeof(file), "%s/%s", dir, name);
	if ((mkdir(dir, 0700) != 0 && errno != EEXIST) ||
	    (f = fopen(file, "wb")) == NULL ||
	    (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(file);
		abort();
	}
	ws->dir = (char *)fuzz_dir();
	ws->lenient = size > 0 && (data[0] & 1);
	(void)cases_read(ws);
	for (i = 0; i < ws->ncases; i++)
		case_free(&ws->cases[i]);
	free(ws->cases);
	ws->cases = NULL;
	ws->ncases = 0;
	ws->dir = NULL;
	unlink(file);
	rmdir(dir);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct workspace ws;
	struct case_file cf;
	struct grai g;
	cmark_node *doc;
	char *text;
	size_t i, missing;

	fuzz_quiet();
	small_workspace(&ws);
	memset(&cf, 0, sizeof(cf));
	/* Exactly size bytes: case_parse takes a length, not a string. */
	text = malloc(size ? size : 1);
	if (text == NULL)
		abort();
	if (size > 0)
		memcpy(text, data, size);
	(void)case_parse(&ws, "case.md", text, size, &cf);
	if (cf.body != NULL &&
	    (doc = mdtree_parse("case.md", cf.body, strlen(cf.body))) != NULL) {
		memset(&g, 0, sizeof(g));
		grai_find(doc, &g);
		missing = grai_report(&g, "case.md", cf.body_line - 1,
		    size > 0 && (data[size - 1] & 1));
		check_grai(&g, missing);
		for (i = 0; i < g.nlessons; i++)
			if (g.lessons[i].markdown == NULL ||
			    g.lessons[i].text == NULL)
				abort();
		grai_free(&g);
		cmark_node_free(doc);
	}
	free(cf.title);
	free(cf.body);
	for (i = 0; i < cf.ntags; i++)
		free(cf.tags[i]);
	free(cf.tags);
	free(text);
	if (size % 8 == 7)
		read_folder(&ws, data, size);
	strmap_free(&ws.person_index);
	strmap_free(&ws.team_index);
	diag_reset();
	return 0;
}
