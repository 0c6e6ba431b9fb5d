/* Fuzz target: Mustache templates (tmpl/mustache_*.c): compile with partials from memory, render with YAML data (tmpl/yamldata.c). */
/*
 * The input is parts separated by a line "%%": the template, then the
 * data as YAML, then partials, each a first line with its name and the
 * text after it.  size % 3 chooses the escaping (HTML, Markdown, none);
 * size / 3 % 2 whether a missing partial is an error or renders as
 * nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/yamltree.h"
#include "tmpl/mustache.h"
#include "tmpl/yamldata.h"
#include "fuzz.h"

#define SEP		"\n%%\n"
#define MAX_PARTIALS	16

struct partial {
	char		*name;
	char		*text;		/* exactly len bytes, no NUL */
	size_t		 len;
};

struct partials {
	struct partial	 p[MAX_PARTIALS];
	size_t		 n;
};

static enum tmpl_load
load(void *arg, const char *name, struct tmpl_source *src)
{
	struct partials *ps = arg;
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->p[i].name, name) == 0) {
			src->text = ps->p[i].text;
			src->len = ps->p[i].len;
			src->path = NULL;
			return TMPL_LOAD_OK;
		}
	return TMPL_LOAD_MISSING;
}

/*
 * The bound of the fuzzing build (FUZZ_BOUNDED, see fuzz.h): sections
 * nested over lists multiply, and the renderer only stops them at
 * TMPL_MAX_STEPS steps or TMPL_MAX_OUTPUT bytes, which take seconds each
 * under the sanitizers.  Every input is compiled; it is rendered only
 * when a plain upper bound of its expansion, the input's length times
 * the longest list of the data raised to the number of section sigils
 * ('#', '^', whatever the delimiters) in the template and partials,
 * stays under MAX_EXPANSION.  A partial whose text includes partials
 * ('>', '<') may recurse TMPL_MAX_DEPTH deep, so with one, only data
 * whose lists have at most one item is rendered.  The regression inputs
 * nested-sections-over-list-* reach the real limits in the replays of
 * make test, which render everything.
 */
#define MAX_EXPANSION	100000

static size_t
longest_list(const struct ynode *n)
{
	size_t m = 0, k, i;

	if (n->type == Y_SEQUENCE)
		m = n->n;
	if (n->type != Y_SCALAR)
		for (i = 0; i < n->n; i++)
			if ((k = longest_list(n->items[i])) > m)
				m = k;
	return m;
}

static size_t
count_sigils(const char *s, size_t len, const char *sigils)
{
	size_t n = 0, i;

	for (i = 0; i < len; i++)
		if (s[i] != '\0' && strchr(sigils, s[i]) != NULL)
			n++;
	return n;
}

static bool
too_costly(const char *tmpl, size_t tmpl_len, const struct partials *ps,
    size_t longest, size_t size)
{
	size_t sections, recursive = 0, cost = size + 1, i;

	sections = count_sigils(tmpl, tmpl_len, "#^");
	for (i = 0; i < ps->n; i++) {
		sections += count_sigils(ps->p[i].text, ps->p[i].len, "#^");
		recursive += count_sigils(ps->p[i].text, ps->p[i].len, "><");
	}
	if (longest < 2 || sections == 0)
		return false;
	if (recursive > 0)
		return true;
	for (i = 0; i < sections; i++)
		if ((cost *= longest) > MAX_EXPANSION)
			return true;
	return false;
}

static char *
exact(const uint8_t *s, size_t len)
{
	char *p = malloc(len ? len : 1);

	if (p == NULL)
		abort();
	if (len > 0)
		memcpy(p, s, len);
	return p;
}

/*
 * Renders the data, and a copy of it (tmpl_value_copy, as the view code
 * copies data between pages): the same status and the same output.
 */
static void
render_twice(const struct tmpl *t, const struct tmpl_value *values,
    struct buf *out)
{
	struct tmpl_value *again = values != NULL ? tmpl_value_copy(values) :
	    NULL;
	struct buf out2 = BUF_INIT;
	int a, b;

	a = tmpl_render(t, values, out);
	b = tmpl_render(t, again, &out2);
	if (a != b || out->len != out2.len || (out->len > 0 &&
	    memcmp(out->data, out2.data, out->len) != 0)) {
		fprintf(stdout, "fuzz_mustache: the copy of the data renders "
		    "otherwise\n");
		fflush(stdout);
		abort();
	}
	buf_free(&out2);
	tmpl_value_free(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum tmpl_escape escapes[] = { TMPL_ESCAPE_HTML,
	    TMPL_ESCAPE_MARKDOWN, TMPL_ESCAPE_NONE };
	struct partials ps;
	struct tmpl_loader loader = { load, &ps, (size / 3) % 2 == 1 };
	struct tmpl_value *values = NULL;
	struct buf out = BUF_INIT;
	struct ynode *tree;
	struct tmpl *t;
	const uint8_t *part, *nl;
	char *copy = NULL, *body;
	size_t pos = 0, len, tmpl_len = 0, longest = 0, i;
	int k = 0;

	fuzz_quiet();
	memset(&ps, 0, sizeof(ps));
	while (fuzz_next_part(data, size, &pos, SEP, &part, &len)) {
		if (k == 0) {
			/* Exactly its bytes: reading past them is caught. */
			copy = exact(part, len);
			tmpl_len = len;
		} else if (k == 1) {
			body = fuzz_strndup(part, len);
			if ((tree = ytree_parse("data.yaml", body, len, 0)) !=
			    NULL) {
				longest = longest_list(tree);
				values = yaml_to_data(tree);
				ytree_free(tree);
			}
			free(body);
		} else if (ps.n < MAX_PARTIALS) {
			nl = memchr(part, '\n', len);
			i = nl != NULL ? (size_t)(nl - part) : len;
			ps.p[ps.n].name = fuzz_strndup(part, i);
			ps.p[ps.n].len = i < len ? len - i - 1 : 0;
			ps.p[ps.n].text = exact(part + len - ps.p[ps.n].len,
			    ps.p[ps.n].len);
			ps.n++;
		}
		k++;
	}
	t = tmpl_compile("template.md", copy, tmpl_len,
	    &loader, escapes[size % 3]);
	if (t != NULL) {
		if (!FUZZ_BOUNDS ||
		    !too_costly(copy, tmpl_len, &ps, longest, size))
			render_twice(t, values, &out);
		tmpl_free(t);
	}
	buf_free(&out);
	tmpl_value_free(values);
	for (i = 0; i < ps.n; i++) {
		free(ps.p[i].name);
		free(ps.p[i].text);
	}
	free(copy);
	diag_reset();
	return 0;
}
