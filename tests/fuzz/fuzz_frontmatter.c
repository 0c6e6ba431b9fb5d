/* Fuzz target: case files (input/cases.c case_parse: front matter, dates, periods, tags; one input in eight through cases_read, as a file of the folder) and their GRAI sections (input/grai.c). */
#include <errno.h>
#include <stdint.h>
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
	size_t i;

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
		(void)grai_report(&g, "case.md", cf.body_line - 1,
		    size > 0 && (data[size - 1] & 1));
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
