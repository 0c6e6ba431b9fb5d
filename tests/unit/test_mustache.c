/*
 * Unit tests for the Mustache engine (generator/tmpl/mustache.h) and the
 * Markdown escaper (generator/tmpl/md_escape.h).
 *
 * 1. Every test of the official spec, read at test time from the YAML
 *    files of mustache/spec (a copy is kept in tests/mustache-spec;
 *    MUSTACHE_SPEC_DIR names another folder).  The optional lambdas
 *    module is not implemented and is skipped if present.
 * 2. Compile errors, each with its line and column.
 * 3. Recursion: partials and parents that include themselves.
 * 4. Escaping: HTML, and Markdown checked by parsing the output with
 *    cmark-gfm (the parser the program renders with) and walking the tree.
 * 5. The data tree and number formatting.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "util/yamltree.h"
#include "tmpl/md_escape.h"
#include "tmpl/mustache.h"
#include "util/buf.h"
#include "util/diag.h"

/* ----------------------------------------------------- finding the spec */

static char *spec_dir;		/* NULL: not found */

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * $MUSTACHE_SPEC_DIR, else the copy kept in tests/mustache-spec: from the
 * repository root, where tests/run.sh runs, or from two levels above this
 * program (build/unit/).
 */
static void
find_spec_dir(void)
{
	const char *env = getenv("MUSTACHE_SPEC_DIR");
	char exe[PATH_MAX], try[PATH_MAX + 64], *slash;
	ssize_t n;

	if (env != NULL && *env != '\0') {
		if (is_dir(env))
			spec_dir = strdup(env);
		else
			fprintf(stderr, "note: MUSTACHE_SPEC_DIR=%s is not a "
			    "folder\n", env);
		return;
	}
	if (is_dir("tests/mustache-spec")) {
		spec_dir = strdup("tests/mustache-spec");
		return;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			snprintf(try, sizeof(try), "%s/../../tests/"
			    "mustache-spec", exe);
			if (is_dir(try))
				spec_dir = strdup(try);
		}
	}
}

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	buf_put(&b, "", 0);
	*len = b.len;
	return buf_detach(&b);
}

/* -------------------------------------------------- YAML to template data */

/* YAML 1.2 core schema numbers: 12, -3, 1.210, 1e3, .5, 0x1f, 0o17,
 * .inf, -.Inf, .nan. */
static bool
yaml_number(const char *s, double *d)
{
	const char *p = s, *digits;
	char *end;

	if (strcmp(s, ".nan") == 0 || strcmp(s, ".NaN") == 0 ||
	    strcmp(s, ".NAN") == 0) {
		*d = NAN;
		return true;
	}
	if (*p == '+' || *p == '-')
		p++;
	if (strcmp(p, ".inf") == 0 || strcmp(p, ".Inf") == 0 ||
	    strcmp(p, ".INF") == 0) {
		*d = *s == '-' ? -INFINITY : INFINITY;
		return true;
	}
	if (p == s && s[0] == '0' && (s[1] == 'x' || s[1] == 'o') &&
	    s[2] != '\0') {
		errno = 0;
		*d = (double)strtoull(s + 2, &end, s[1] == 'x' ? 16 : 8);
		return *end == '\0' && errno == 0;
	}
	digits = p;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (p == digits || (p == digits + 1 && *digits == '.'))
		return false;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p != '\0')
		return false;
	*d = strtod(s, NULL);
	return true;
}

/*
 * Quoted scalars stay strings; plain ones are null (~, null, empty),
 * booleans (true, false), numbers, or else strings.
 */
static struct tmpl_value *
from_yaml(const struct ynode *n)
{
	struct tmpl_value *v;
	const char *s;
	double d;
	size_t i;

	if (n == NULL)
		return tmpl_null_new();
	switch (n->type) {
	case Y_SCALAR:
		s = n->scalar;
		if (!n->plain)
			return tmpl_string_new(s);
		if (ytree_is_null(n))
			return tmpl_null_new();
		if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 ||
		    strcmp(s, "TRUE") == 0)
			return tmpl_bool_new(true);
		if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 ||
		    strcmp(s, "FALSE") == 0)
			return tmpl_bool_new(false);
		if (yaml_number(s, &d))
			return tmpl_number_new(d);
		return tmpl_string_new(s);
	case Y_SEQUENCE:
		v = tmpl_list_new();
		for (i = 0; i < n->n; i++)
			tmpl_list_append(v, from_yaml(n->items[i]));
		return v;
	case Y_MAPPING:
	default:
		v = tmpl_map_new();
		for (i = 0; i < n->n; i++)
			tmpl_map_set(v, n->keys[i]->scalar,
			    from_yaml(n->items[i]));
		return v;
	}
}

/* ------------------------------------------------------------ the spec */

/* Partials from a YAML mapping of name to text. */
static enum tmpl_load
yaml_load(void *arg, const char *name, struct tmpl_source *src)
{
	const struct ynode *p = ytree_get(arg, name);

	if (p == NULL || p->type != Y_SCALAR)
		return TMPL_LOAD_MISSING;
	src->text = p->scalar;
	src->len = strlen(p->scalar);
	return TMPL_LOAD_OK;
}

static const char *
scalar(const struct ynode *test, const char *key)
{
	const struct ynode *n = ytree_get(test, key);

	return n != NULL && n->type == Y_SCALAR ? n->scalar : NULL;
}

/* Prints s with its control characters visible. */
static void
print_quoted(const char *label, const char *s, size_t len)
{
	size_t i;

	fprintf(stderr, "      %s: \"", label);
	for (i = 0; i < len; i++) {
		if (s[i] == '\n')
			fputs("\\n", stderr);
		else if (s[i] == '\r')
			fputs("\\r", stderr);
		else if (s[i] == '\t')
			fputs("\\t", stderr);
		else
			fputc(s[i], stderr);
	}
	fputs("\"\n", stderr);
}

/* Runs every test in one spec file; returns the failures. */
static size_t
run_spec_file(const char *file, size_t *total)
{
	char path[PATH_MAX + 256], label[512];
	const struct ynode *tests, *test;
	const char *name, *template, *expected;
	struct ynode *root;
	struct tmpl_loader loader;
	struct tmpl_value *data;
	struct tmpl *t;
	struct buf out = BUF_INIT;
	size_t len = 0, i, failed = 0;
	char *text;

	snprintf(path, sizeof(path), "%s/%s", spec_dir, file);
	if ((text = read_file(path, &len)) == NULL)
		fail_msg("cannot read %s: %s", path, strerror(errno));
	root = ytree_parse(path, text, len, 0);
	free(text);
	if (root == NULL)
		fail_msg("%s: not YAML the project's reader accepts", path);
	tests = ytree_get(root, "tests");
	if (tests == NULL || tests->type != Y_SEQUENCE || tests->n == 0) {
		ytree_free(root);
		fail_msg("%s: no tests", path);
	}
	*total = tests->n;
	for (i = 0; i < tests->n; i++) {
		test = tests->items[i];
		name = scalar(test, "name");
		template = scalar(test, "template");
		expected = scalar(test, "expected");
		if (name == NULL || template == NULL || expected == NULL) {
			fprintf(stderr, "  %s #%zu: malformed test\n", file, i);
			failed++;
			continue;
		}
		snprintf(label, sizeof(label), "%s[%s]", file, name);
		memset(&loader, 0, sizeof(loader));
		loader.load = yaml_load;
		loader.arg = ytree_get(test, "partials");
		loader.missing_is_empty = true;	/* "Failed Lookup" */
		t = tmpl_compile(label, template, strlen(template), &loader,
		    TMPL_ESCAPE_HTML);
		if (t == NULL) {
			fprintf(stderr, "  FAIL %s: does not compile\n", label);
			failed++;
			continue;
		}
		data = ytree_get(test, "data") != NULL ?
		    from_yaml(ytree_get(test, "data")) : NULL;
		buf_reset(&out);
		if (tmpl_render(t, data, &out) != 0 ||
		    out.len != strlen(expected) ||
		    memcmp(out.data, expected, out.len) != 0) {
			fprintf(stderr, "  FAIL %s\n", label);
			print_quoted("template", template, strlen(template));
			print_quoted("expected", expected, strlen(expected));
			print_quoted("got     ", buf_str(&out), out.len);
			failed++;
		}
		tmpl_value_free(data);
		tmpl_free(t);
	}
	buf_free(&out);
	ytree_free(root);
	return failed;
}

static void
test_spec_file(void **state)
{
	const char *file = *state;
	size_t total = 0, failed;

	if (spec_dir == NULL)
		fail_msg("the Mustache spec was not found: looked in "
		    "$MUSTACHE_SPEC_DIR, then tests/mustache-spec from the "
		    "repository root; set MUSTACHE_SPEC_DIR to the folder "
		    "holding comments.yml, sections.yml ...");
	diag_set_quiet_notes(true);
	failed = run_spec_file(file, &total);
	printf("mustache spec %-18s %3zu/%zu passed\n", file, total - failed,
	    total);
	fflush(stdout);
	if (failed > 0)
		fail_msg("%s: %zu of %zu spec tests failed", file, failed,
		    total);
}

static const char *const spec_files[] = {
	"comments.yml", "delimiters.yml", "interpolation.yml",
	"inverted.yml", "partials.yml", "sections.yml", "~inheritance.yml"
};

/* A spec file not in the list above (a newer spec) is run too. */
static void
test_spec_other_files(void **state)
{
	DIR *d;
	struct dirent *e;
	size_t i, len, total, failed = 0, nfailed;
	bool known;

	(void)state;
	if (spec_dir == NULL)
		fail_msg("the Mustache spec was not found (see above)");
	if ((d = opendir(spec_dir)) == NULL)
		fail_msg("%s: %s", spec_dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".yml") != 0)
			continue;
		known = false;
		for (i = 0; i < sizeof(spec_files) / sizeof(*spec_files); i++)
			if (strcmp(e->d_name, spec_files[i]) == 0)
				known = true;
		if (known)
			continue;
		if (strcmp(e->d_name, "~lambdas.yml") == 0) {
			printf("mustache spec %-18s skipped: lambdas are not "
			    "implemented\n", e->d_name);
			continue;
		}
		total = 0;
		nfailed = run_spec_file(e->d_name, &total);
		printf("mustache spec %-18s %3zu/%zu passed\n", e->d_name,
		    total - nfailed, total);
		failed += nfailed;
	}
	closedir(d);
	if (failed > 0)
		fail_msg("%zu tests failed in the other spec files", failed);
}

/* ------------------------------------------------------------- helpers */

/* Partials from a NULL-terminated list of name, text pairs. */
static enum tmpl_load
list_load(void *arg, const char *name, struct tmpl_source *src)
{
	const char *const *p;

	for (p = arg; p[0] != NULL; p += 2)
		if (strcmp(p[0], name) == 0) {
			src->text = p[1];
			src->len = strlen(p[1]);
			src->path = NULL;
			return TMPL_LOAD_OK;
		}
	return TMPL_LOAD_MISSING;
}

static struct tmpl *
compile_with(const char *text, const char *const *partials,
    enum tmpl_escape escape)
{
	struct tmpl_loader loader = { list_load, (void *)partials, false };

	return tmpl_compile("t.md", text, strlen(text),
	    partials != NULL ? &loader : NULL, escape);
}

/* Renders text with data and the partials; the result (to free). */
static char *
render_with(const char *text, const struct tmpl_value *data,
    const char *const *partials, enum tmpl_escape escape)
{
	struct tmpl *t = compile_with(text, partials, escape);
	struct buf out = BUF_INIT;

	if (t == NULL)
		fail_msg("does not compile: %s", text);
	assert_int_equal(tmpl_render(t, data, &out), 0);
	tmpl_free(t);
	buf_put(&out, "", 0);
	return buf_detach(&out);
}

#define assert_render(want, text, data, partials, escape) do {		\
	char *got_ = render_with((text), (data), (partials), (escape));	\
	assert_string_equal(got_, (want));				\
	free(got_);							\
} while (0)

/* True when diag recorded an error at line whose message starts with
 * "column <col>: " and contains part. */
static bool
has_error(long line, int col, const char *part)
{
	const struct diag_record *r;
	char prefix[32];
	size_t n, i;

	r = diag_records(&n);
	snprintf(prefix, sizeof(prefix), "column %d: ", col);
	for (i = 0; i < n; i++)
		if (r[i].level == DIAG_ERROR && r[i].line == line &&
		    strncmp(r[i].message, prefix, strlen(prefix)) == 0 &&
		    strstr(r[i].message, part) != NULL)
			return true;
	return false;
}

static void
print_errors(void)
{
	const struct diag_record *r;
	size_t n, i;

	r = diag_records(&n);
	for (i = 0; i < n; i++)
		fprintf(stderr, "    recorded: %s:%ld: %s\n", r[i].file,
		    r[i].line, r[i].message);
}

static void
compile_error_at(const char *text, const char *const *partials, long line,
    int col, const char *part, const char *file, int src_line)
{
	struct tmpl *t;

	diag_reset();
	t = compile_with(text, partials, TMPL_ESCAPE_MARKDOWN);
	if (t != NULL) {
		tmpl_free(t);
		fail_msg("%s:%d: compiled, want an error: %s", file, src_line,
		    text);
	}
	if (!has_error(line, col, part)) {
		print_errors();
		fail_msg("%s:%d: no error \"%s\" at %ld:%d for: %s", file,
		    src_line, part, line, col, text);
	}
}

#define COMPILE_ERROR(text, partials, line, col, part) \
	compile_error_at((text), (partials), (line), (col), (part), \
	    __FILE__, __LINE__)

/* ------------------------------------------------------- compile errors */

static void
test_compile_errors(void **state)
{
	static const char *const missing_ok[] = { "p", "x", NULL };

	(void)state;
	diag_set_quiet_notes(true);
	/* A section never closed: reported where it opens. */
	COMPILE_ERROR("# Report\n\n{{#reps}}\n- {{name}}\n", NULL, 3, 1,
	    "section {{#reps}} is not closed");
	COMPILE_ERROR("x\n  {{^none}}y", NULL, 2, 3,
	    "inverted section {{^none}} is not closed");
	/* An end tag for another section. */
	COMPILE_ERROR("{{#a}}\n  {{/b}}\n{{/a}}\n", NULL, 2, 3,
	    "{{/b}} does not close the section {{#a}} opened at line 1 "
	    "column 1");
	/* An end tag that closes nothing. */
	COMPILE_ERROR("text\nmore {{/x}} text\n", NULL, 2, 6,
	    "{{/x}} closes nothing");
	COMPILE_ERROR("{{#a}}{{/a}}{{/a}}", NULL, 1, 13,
	    "{{/a}} closes nothing");
	/* An inner section left open when the outer one closes. */
	COMPILE_ERROR("{{#a}}\n{{#b}}\n{{/a}}", NULL, 2, 1,
	    "section {{#b}} is not closed before {{/a}} at line 3 column 1");
	/* "{{" never closed. */
	COMPILE_ERROR("line one\nsay {{name\n", NULL, 2, 5,
	    "'{{' is not closed: no '}}' after it");
	COMPILE_ERROR("{{{raw}}", NULL, 1, 1, "no '}}}' after it");
	COMPILE_ERROR("a {{name and {{other}}", NULL, 1, 3,
	    "another tag starts before '}}'");
	/* Columns count characters, not bytes. */
	COMPILE_ERROR("王五 {{#x}}", NULL, 1, 4, "is not closed");
	/* After a delimiter change the new delimiters are the ones told. */
	COMPILE_ERROR("{{=<% %>=}}\n<%name", NULL, 2, 1,
	    "'<%' is not closed: no '%>' after it");
	/* Bad delimiter changes. */
	COMPILE_ERROR("{{=<%=}}", NULL, 1, 1, "bad delimiter change");
	COMPILE_ERROR("a\n{{=<% %> x=}}", NULL, 2, 1, "bad delimiter change");
	COMPILE_ERROR("{{= a=b c =}}", NULL, 1, 1, "bad delimiter change");
	/* Bad names. */
	COMPILE_ERROR("{{}}", NULL, 1, 1, "without a name");
	COMPILE_ERROR("{{#}}{{/}}", NULL, 1, 1, "without a name");
	COMPILE_ERROR("x {{a..b}}", NULL, 1, 3, "bad name 'a..b'");
	COMPILE_ERROR("{{#a.}}{{/a.}}", NULL, 1, 1, "bad name 'a.'");
	/* Parents and blocks pair like sections. */
	COMPILE_ERROR("{{<p}}{{$b}}x{{/p}}", missing_ok, 1, 7,
	    "block {{$b}} is not closed before {{/p}}");
	COMPILE_ERROR("{{$b}}\nx\n", NULL, 1, 1, "block {{$b}} is not closed");
	/* An unknown partial or parent, when the loader says so. */
	COMPILE_ERROR("a\n  {{>nope}}\n", missing_ok, 2, 3,
	    "unknown partial 'nope'");
	COMPILE_ERROR("{{<nope}}{{/nope}}", missing_ok, 1, 1,
	    "unknown parent 'nope'");
	COMPILE_ERROR("{{>p}}", NULL, 1, 1, "unknown partial 'p'");
	/* Errors in a partial name the partial's own line and column. */
	{
		static const char *const bad_partial[] = {
			"p", "ok\n\n{{#open}}", NULL
		};
		struct tmpl *t;
		const struct diag_record *r;
		size_t n;

		diag_reset();
		t = compile_with("{{>p}}", bad_partial, TMPL_ESCAPE_MARKDOWN);
		assert_null(t);
		r = diag_records(&n);
		assert_int_equal(n, 1);
		assert_string_equal(r[0].file, "p");
		assert_int_equal(r[0].line, 3);
		assert_string_equal(r[0].message,
		    "column 1: section {{#open}} is not closed");
	}
	/* Every problem is reported, not only the first. */
	diag_reset();
	assert_null(compile_with("{{/a}}\n{{b c}}\n{{#d}}", NULL,
	    TMPL_ESCAPE_MARKDOWN));
	assert_int_equal(diag_count(DIAG_ERROR), 3);
	assert_true(has_error(1, 1, "closes nothing"));
	assert_true(has_error(2, 1, "bad tag name 'b c'"));
	assert_true(has_error(3, 1, "is not closed"));
	/* Sections nested deeper than the limit: an error, not a crash. */
	{
		struct buf deep = BUF_INIT;
		int i;

		for (i = 0; i < 100000; i++)
			buf_puts(&deep, "{{#a}}");
		diag_reset();
		assert_null(compile_with(deep.data, NULL,
		    TMPL_ESCAPE_MARKDOWN));
		assert_true(has_error(1, 1 + 6 * TMPL_MAX_NESTING,
		    "nested deeper than 64 levels"));
		buf_free(&deep);
	}
	diag_reset();
}

/* A diagnostic goes through diag() in the documented form. */
static void
test_compile_error_format(void **state)
{
	const struct diag_record *r;
	size_t n;

	(void)state;
	diag_reset();
	assert_null(tmpl_compile("templates/rep.md", "ok\n{{/x}}", 9, NULL,
	    TMPL_ESCAPE_MARKDOWN));
	r = diag_records(&n);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].level, DIAG_ERROR);
	assert_string_equal(r[0].file, "templates/rep.md");
	assert_int_equal(r[0].line, 2);
	assert_null(r[0].column);
	assert_string_equal(r[0].message,
	    "column 1: {{/x}} closes nothing: no section is open");
	assert_int_equal(diag_exit_status(), 65);
	diag_reset();
}

/* ------------------------------------------------------------ recursion */

static void
test_recursion(void **state)
{
	static const char *const self[] = { "self", "x{{>self}}", NULL };
	static const char *const cycle[] = {
		"a", "A{{>b}}", "b", "  {{>c}}\n", "c", "{{>a}}", NULL
	};
	static const char *const parent_self[] = {
		"p", "{{<p}}{{/p}}", NULL
	};
	static const char *const tree[] = {
		"node", "{{name}}{{#kids}}({{>node}}){{/kids}}", NULL
	};
	static const char *const block_loop[] = {
		"p", "{{$a}}d{{/a}}", NULL
	};
	const char *chain[2 * 80 + 1];
	char names[80][16], texts[80][32];
	struct tmpl_value *root, *node;
	struct tmpl *t;
	struct buf out = BUF_INIT;
	clock_t start;
	int i;

	(void)state;
	diag_set_quiet_notes(true);
	/* A partial that always includes itself is refused at compile
	 * time: rendering it could never end. */
	COMPILE_ERROR("{{>self}}", self, 1, 2,
	    "partial 'self' always includes itself again");
	COMPILE_ERROR("{{>a}}", cycle, 1, 1, "always includes itself again");
	COMPILE_ERROR("{{<p}}{{/p}}", parent_self, 1, 1,
	    "parent 'p' always includes itself again");
	/* So is a chain of partials deeper than the limit. */
	for (i = 0; i < 80; i++) {
		snprintf(names[i], sizeof(names[i]), "p%d", i);
		if (i < 79)
			snprintf(texts[i], sizeof(texts[i]), "{{>p%d}}", i + 1);
		else
			snprintf(texts[i], sizeof(texts[i]), "end");
		chain[2 * i] = names[i];
		chain[2 * i + 1] = texts[i];
	}
	chain[2 * 80] = NULL;
	diag_reset();
	assert_null(compile_with("{{>p0}}", chain, TMPL_ESCAPE_NONE));
	assert_true(diag_count(DIAG_ERROR) >= 1);
	/* 64 levels are fine. */
	snprintf(texts[63], sizeof(texts[63]), "end");
	assert_render("end", "{{>p0}}", NULL, chain, TMPL_ESCAPE_NONE);

	/* Recursion through data is the spec's: it ends with the data. */
	root = tmpl_map_new();
	tmpl_map_set_str(root, "name", "r");
	node = root;
	for (i = 0; i < 10; i++) {
		node = tmpl_list_append(tmpl_map_set_list(node, "kids"),
		    tmpl_map_new());
		tmpl_map_set_num(node, "name", i);
	}
	/* Without its own (empty) "kids", the leaf would find its parent's
	 * through the context stack, and recurse for ever. */
	tmpl_map_set_list(node, "kids");
	assert_render("r(0(1(2(3(4(5(6(7(8(9))))))))))", "{{>node}}", root,
	    tree, TMPL_ESCAPE_NONE);
	/* Data deeper than the limit: an error, quickly, no crash. */
	for (; i < 200; i++) {
		node = tmpl_list_append(tmpl_map_set_list(node, "kids"),
		    tmpl_map_new());
		tmpl_map_set_num(node, "name", i);
	}
	t = compile_with("{{>node}}", tree, TMPL_ESCAPE_NONE);
	assert_non_null(t);
	diag_reset();
	start = clock();
	assert_int_equal(tmpl_render(t, root, &out), -1);
	assert_true(clock() - start < CLOCKS_PER_SEC);
	assert_true(has_error(1, 19, "partial 'node' nested deeper than 64 "
	    "levels"));
	tmpl_free(t);
	tmpl_value_free(root);

	/* An argument that contains its own block would expand forever. */
	t = compile_with("{{<p}}{{$a}}[{{$a}}x{{/a}}]{{/a}}{{/p}}", block_loop,
	    TMPL_ESCAPE_NONE);
	assert_non_null(t);
	diag_reset();
	buf_reset(&out);
	assert_int_equal(tmpl_render(t, NULL, &out), -1);
	assert_true(diag_count(DIAG_ERROR) == 1);
	tmpl_free(t);
	buf_free(&out);
	diag_reset();
}

/* ------------------------------------------------------------- escaping */

static void
test_html_escaping(void **state)
{
	struct tmpl_value *d = tmpl_map_new();

	(void)state;
	tmpl_map_set_str(d, "x", "<a href=\"x\" title='y'>Tom & Jerry</a>");
	assert_render("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom "
	    "&amp; Jerry&lt;/a&gt;", "{{x}}", d, NULL, TMPL_ESCAPE_HTML);
	assert_render("<a href=\"x\" title='y'>Tom & Jerry</a>|"
	    "<a href=\"x\" title='y'>Tom & Jerry</a>", "{{{x}}}|{{&x}}", d,
	    NULL, TMPL_ESCAPE_HTML);
	/* Markdown escaping does not apply to HTML templates. */
	tmpl_map_set_str(d, "x", "*a* {{x}}");
	assert_render("*a* {{x}}", "{{x}}", d, NULL, TMPL_ESCAPE_HTML);
	assert_render("*a* {{x}}", "{{x}}", d, NULL, TMPL_ESCAPE_NONE);
	tmpl_value_free(d);
}

static void
md_is(const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	md_escape(&b, in, strlen(in));
	buf_put(&b, "", 0);
	assert_string_equal(b.data, want);
	buf_free(&b);
}

static void
test_md_escape(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	md_is("", "");
	md_is("plain text 王五 42", "plain text 王五 42");
	md_is("*王*_[x](javascript:alert(1))",
	    "\\*王\\*\\_\\[x\\]\\(javascript\\:alert\\(1\\)\\)");
	md_is("<script>", "\\<script\\>");
	md_is("| a | b |", "\\| a \\| b \\|");
	md_is("{{x}}", "\\{\\{x\\}\\}");
	md_is("a\\b", "a\\\\b");
	md_is("1. x", "1\\. x");
	md_is("#1 + 2 = 3", "\\#1 \\+ 2 \\= 3");
	md_is("a\nb\r\nc\rd\te", "a b c d e");
	md_is("  two  ", "&#32;&#32;two&#32;&#32;");
	md_is("\nx", "&#32;x");
	md_is("50%, a/b?", "50%, a/b?");
	/* Only the bytes given; a NUL among them becomes U+FFFD. */
	md_escape(&b, "a\0b*", 3);
	assert_int_equal(b.len, 5);
	assert_memory_equal(b.data, "a\xef\xbf\xbd" "b", 5);
	buf_free(&b);
}

/* The text of the inline children of node, and whether all are text. */
static bool
inline_text(cmark_node *node, struct buf *text)
{
	cmark_node *c;
	bool only_text = true;

	for (c = cmark_node_first_child(node); c != NULL;
	    c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_TEXT)
			buf_puts(text, cmark_node_get_literal(c));
		else {
			fprintf(stderr, "    inline %s in %s\n",
			    cmark_node_get_type_string(c),
			    cmark_node_get_type_string(node));
			only_text = false;
		}
	}
	return only_text;
}

/* Checks that the leaf block node holds exactly want, as text only. */
static void
leaf_is(cmark_node *node, const char *type, const char *want,
    const char *value)
{
	struct buf text = BUF_INIT;

	if (node == NULL || strcmp(cmark_node_get_type_string(node), type))
		fail_msg("value \"%s\": no %s where expected (%s)", value,
		    type, node != NULL ? cmark_node_get_type_string(node) :
		    "nothing");
	if (!inline_text(node, &text))
		fail_msg("value \"%s\" made markup in a %s", value, type);
	buf_put(&text, "", 0);
	if (strcmp(text.data, want) != 0)
		fail_msg("value \"%s\" reads as \"%s\" in a %s, want \"%s\"",
		    value, text.data, type, want);
	buf_free(&text);
}

static cmark_node *
child(cmark_node *n, int i)
{
	n = n != NULL ? cmark_node_first_child(n) : NULL;
	while (n != NULL && i-- > 0)
		n = cmark_node_next(n);
	return n;
}

/*
 * Hostile values in every place a report puts them: alone on a line, in
 * a heading, a list item, a GFM table cell and a block quote.  The output
 * is parsed with cmark-gfm and its extensions; each value must come back
 * as exactly its text (line breaks and tabs as spaces), and the document
 * must have exactly the template's blocks.
 */
static void
test_markdown_hostile_values(void **state)
{
	static const char *const values[] = {
		"*王*_[x](javascript:alert(1))",
		"<script>alert(1)</script>",
		"<b onclick=\"x()\">bold</b>",
		"| a | b |",
		"a | b",
		"{{x}} {{{x}}} {{>p}} {{#x}}y{{/x}}",
		"---", "===", "***", "___", "- item", "+ item", "* item",
		"1. one", "1) one", "# heading", "## h2 ##", "> quote",
		"    indented code", "\tcode", "```", "~~~ fence",
		"`code`", "``a`b``", "![img](x.png)", "[ref]: /url",
		"[a][b]", "[^note]", "<http://example.com>",
		"https://example.com/a_b", "www.example.com",
		"~~strike~~", "**bold** __bold__ *it* _it_",
		"AT&T &amp; &#42; &copy", "back\\slash \\* \\|",
		"trailing spaces  ", "  leading spaces", "line one\nline two",
		"crlf\r\nand cr\rand tab\t.", "\"quoted\" 'single'",
		"$x^2$ ^sup^", "a\\", "\\", "|", "-", "=", "+", ">", "#",
		"[", "]", "<", "[ ] task", "[x] done", "- [ ] task",
		"<!-- comment -->", "<?php x ?>", "&lt;script&gt;",
		"x<y>z", ":---:", "|---|---|",
	};
	static const char *const ext[] = {
		"table", "strikethrough", "autolink", "tagfilter", "tasklist"
	};
	struct tmpl_value *d;
	struct tmpl *t;
	struct buf out = BUF_INIT, want = BUF_INIT;
	cmark_parser *p;
	cmark_node *doc, *table;
	size_t i, j, k;
	const char *v;

	(void)state;
	cmark_gfm_core_extensions_ensure_registered();
	t = compile_with("{{v}}\n\n# {{v}}\n\n- {{v}}\n\n"
	    "| name | n |\n|------|---|\n| {{v}} | 1 |\n\n> {{v}}\n",
	    NULL, TMPL_ESCAPE_MARKDOWN);
	assert_non_null(t);
	for (i = 0; i < sizeof(values) / sizeof(*values); i++) {
		v = values[i];
		d = tmpl_map_new();
		tmpl_map_set_str(d, "v", v);
		tmpl_map_set_str(d, "x", "EXPANDED");
		buf_reset(&out);
		assert_int_equal(tmpl_render(t, d, &out), 0);
		tmpl_value_free(d);
		assert_null(strstr(out.data, "EXPANDED"));

		/* What the value must read as. */
		buf_reset(&want);
		for (j = 0; v[j] != '\0'; j++) {
			if (v[j] == '\r' && v[j + 1] == '\n')
				continue;
			buf_putc(&want, strchr("\r\n\t", v[j]) != NULL ?
			    ' ' : v[j]);
		}
		buf_put(&want, "", 0);

		p = cmark_parser_new(CMARK_OPT_DEFAULT);
		for (k = 0; k < sizeof(ext) / sizeof(*ext); k++)
			cmark_parser_attach_syntax_extension(p,
			    cmark_find_syntax_extension(ext[k]));
		cmark_parser_feed(p, out.data, out.len);
		doc = cmark_parser_finish(p);
		if (child(doc, 5) != NULL || child(doc, 4) == NULL) {
			fprintf(stderr, "%s", out.data);
			fail_msg("value \"%s\" changed the blocks", v);
		}
		leaf_is(child(doc, 0), "paragraph", want.data, v);
		leaf_is(child(doc, 1), "heading", want.data, v);
		leaf_is(child(child(child(doc, 2), 0), 0), "paragraph",
		    want.data, v);
		table = child(doc, 3);
		if (table == NULL ||
		    strcmp(cmark_node_get_type_string(table), "table") != 0)
			fail_msg("value \"%s\" broke the table", v);
		leaf_is(child(child(table, 1), 0), "table_cell", want.data, v);
		leaf_is(child(child(table, 1), 1), "table_cell", "1", v);
		if (child(child(table, 1), 2) != NULL || child(table, 2))
			fail_msg("value \"%s\" added table cells", v);
		leaf_is(child(child(doc, 4), 0), "paragraph", want.data, v);
		cmark_node_free(doc);
		cmark_parser_free(p);
	}
	tmpl_free(t);
	buf_free(&out);
	buf_free(&want);
}

static void
test_markdown_raw_and_literal(void **state)
{
	struct tmpl_value *d = tmpl_map_new();

	(void)state;
	tmpl_map_set_str(d, "name", "*Ann* <b>");
	tmpl_map_set_str(d, "md", "**bold** from a trusted view");
	tmpl_map_set_num(d, "n", -1.5);
	/* {{x}} escapes; {{{x}}} and {{&x}} do not; template text is
	 * Markdown as written. */
	assert_render("**Rep:** \\*Ann\\* \\<b\\> | **bold** from a trusted "
	    "view | **bold** from a trusted view | \\-1\\.5\n",
	    "**Rep:** {{name}} | {{{md}}} | {{&md}} | {{n}}\n", d, NULL,
	    TMPL_ESCAPE_MARKDOWN);
	tmpl_value_free(d);
}

/* ----------------------------------------------------------- data, misc */

static void
number_is(double d, const char *want)
{
	struct buf b = BUF_INIT;

	tmpl_format_number(&b, d);
	buf_put(&b, "", 0);
	assert_string_equal(b.data, want);
	buf_free(&b);
}

static void
test_numbers(void **state)
{
	(void)state;
	number_is(85, "85");
	number_is(-3, "-3");
	number_is(0, "0");
	number_is(-0.0, "0");
	number_is(1.210, "1.21");
	number_is(0.1 + 0.2, "0.30000000000000004");
	number_is(1.0 / 3, "0.3333333333333333");
	number_is(123456789012.5, "123456789012.5");
	number_is(1e20, "100000000000000000000");
	number_is(1e21, "1e+21");
	number_is(2.5e-7, "2.5e-07");
	number_is(NAN, "NaN");
	number_is(-INFINITY, "-Infinity");
}

static void
test_values_and_truth(void **state)
{
	struct tmpl_value *d = tmpl_map_new(), *l;

	(void)state;
	tmpl_map_set_str(d, "b", "first");
	tmpl_map_set_num(d, "a", 1);
	tmpl_map_set_str(d, "b", "second");	/* keeps its place */
	assert_int_equal(tmpl_value_type(tmpl_map_get(d, "b")), TMPL_STRING);
	assert_null(tmpl_map_get(d, "c"));
	assert_render("second 1", "{{b}} {{a}}", d, NULL, TMPL_ESCAPE_NONE);
	l = tmpl_map_set_list(d, "l");
	tmpl_list_append_str(l, "x");
	tmpl_list_append(l, tmpl_number_new(2));
	tmpl_list_append(l, tmpl_bool_new(true));
	tmpl_list_append(l, tmpl_null_new());
	assert_int_equal(tmpl_list_len(l), 4);
	assert_render("[x][2][true][]", "{{#l}}[{{.}}]{{/l}}", d, NULL,
	    TMPL_ESCAPE_NONE);
	/* Falsy: null, false, 0, "", empty list; an empty map is true. */
	tmpl_map_set(d, "null", tmpl_null_new());
	tmpl_map_set_bool(d, "false", false);
	tmpl_map_set_num(d, "zero", 0);
	tmpl_map_set_str(d, "empty", "");
	tmpl_map_set_list(d, "none");
	tmpl_map_set_map(d, "map");
	assert_render("null false zero empty none ", "{{^null}}null {{/null}}"
	    "{{^false}}false {{/false}}{{^zero}}zero {{/zero}}"
	    "{{^empty}}empty {{/empty}}{{^none}}none {{/none}}"
	    "{{^map}}map {{/map}}{{^missing}}{{/missing}}", d, NULL,
	    TMPL_ESCAPE_NONE);
	/* Lists and maps print as nothing. */
	assert_render("<>", "<{{l}}{{map}}>", d, NULL, TMPL_ESCAPE_NONE);
	tmpl_value_free(d);
	tmpl_value_free(NULL);
}

/* Compile once, render many times with different data, and with the
 * indentation of standalone partials. */
static void
test_render_many(void **state)
{
	static const char *const parts[] = {
		"row", "| {{name}} | {{score}} |\n", NULL
	};
	struct tmpl *t;
	struct tmpl_value *d, *rows, *r;
	struct buf out = BUF_INIT, want = BUF_INIT;
	int i, n;

	(void)state;
	t = compile_with("| name | score |\n|---|---|\n{{#rows}}\n"
	    "{{>row}}\n{{/rows}}\n", parts, TMPL_ESCAPE_MARKDOWN);
	assert_non_null(t);
	for (n = 0; n < 50; n++) {
		d = tmpl_map_new();
		rows = tmpl_map_set_list(d, "rows");
		buf_reset(&want);
		buf_puts(&want, "| name | score |\n|---|---|\n");
		for (i = 0; i < n; i++) {
			r = tmpl_list_append(rows, tmpl_map_new());
			tmpl_map_set_str(r, "name", "a|b");
			tmpl_map_set_num(r, "score", i + 0.5);
			buf_printf(&want, "| a\\|b | %d\\.5 |\n", i);
		}
		buf_reset(&out);
		assert_int_equal(tmpl_render(t, d, &out), 0);
		buf_put(&want, "", 0);
		assert_string_equal(buf_str(&out), buf_str(&want));
		tmpl_value_free(d);
	}
	tmpl_free(t);
	buf_free(&out);
	buf_free(&want);
}

static void
test_partial_indentation(void **state)
{
	static const char *const parts[] = {
		"list", "- {{a}}\n{{#more}}\n  {{>item}}\n{{/more}}\n",
		"item", "- sub\n  - subsub\n",
		"empty", "",
		NULL
	};
	struct tmpl_value *d = tmpl_map_new();

	(void)state;
	tmpl_map_set_str(d, "a", "x\ny");
	tmpl_map_set_bool(d, "more", true);
	/* Every template line of a standalone partial is indented, nested
	 * partials add their own indentation, data lines are not. */
	assert_render("1.\n   - x\ny\n     - sub\n       - subsub\nend\n",
	    "1.\n   {{>list}}\n{{>empty}}\nend\n", d, parts,
	    TMPL_ESCAPE_NONE);
	tmpl_value_free(d);
}

/*
 * Hostile templates finish in time (linear work): long lines full of
 * tags, a "{{" never closed, deep nesting (see test_compile_errors).
 * The bound is generous so that the test also passes under valgrind.
 */
static void
test_hostile_templates(void **state)
{
	struct buf text = BUF_INIT, out = BUF_INIT;
	struct tmpl_value *d = tmpl_map_new();
	struct tmpl *t;
	clock_t start = clock();
	size_t i;

	(void)state;
	diag_set_quiet_notes(true);
	tmpl_map_set_str(d, "a", "<*>");
	/* 200,000 tags on one line (columns are not counted again for
	 * each tag), then as many sections. */
	for (i = 0; i < 200000; i++)
		buf_puts(&text, "{{a}} ");
	for (i = 0; i < 100000; i++)
		buf_puts(&text, "{{#a}}x{{/a}}");
	t = tmpl_compile("long.md", text.data, text.len, NULL,
	    TMPL_ESCAPE_MARKDOWN);
	assert_non_null(t);
	assert_int_equal(tmpl_render(t, d, &out), 0);
	assert_int_equal(out.len, 200000 * 7 + 100000);
	tmpl_free(t);
	/* The same line ending with a "{{" never closed. */
	buf_puts(&text, "{{a");
	diag_reset();
	assert_null(tmpl_compile("long.md", text.data, text.len, NULL,
	    TMPL_ESCAPE_MARKDOWN));
	assert_true(has_error(1, (int)(text.len - 3) + 1, "is not closed"));
	/* Megabytes of "{{". */
	buf_reset(&text);
	for (i = 0; i < 1000000; i++)
		buf_puts(&text, "{{");
	diag_reset();
	assert_null(tmpl_compile("braces.md", text.data, text.len, NULL,
	    TMPL_ESCAPE_MARKDOWN));
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	diag_reset();
	assert_true(clock() - start < 20 * CLOCKS_PER_SEC);
	tmpl_value_free(d);
	buf_free(&text);
	buf_free(&out);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test_prestate(test_spec_file,
		    (void *)"comments.yml"),
		cmocka_unit_test_prestate(test_spec_file,
		    (void *)"delimiters.yml"),
		cmocka_unit_test_prestate(test_spec_file,
		    (void *)"interpolation.yml"),
		cmocka_unit_test_prestate(test_spec_file,
		    (void *)"inverted.yml"),
		cmocka_unit_test_prestate(test_spec_file,
		    (void *)"partials.yml"),
		cmocka_unit_test_prestate(test_spec_file,
		    (void *)"sections.yml"),
		cmocka_unit_test_prestate(test_spec_file,
		    (void *)"~inheritance.yml"),
		cmocka_unit_test(test_spec_other_files),
		cmocka_unit_test(test_compile_errors),
		cmocka_unit_test(test_compile_error_format),
		cmocka_unit_test(test_recursion),
		cmocka_unit_test(test_html_escaping),
		cmocka_unit_test(test_md_escape),
		cmocka_unit_test(test_markdown_hostile_values),
		cmocka_unit_test(test_markdown_raw_and_literal),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_values_and_truth),
		cmocka_unit_test(test_render_many),
		cmocka_unit_test(test_partial_indentation),
		cmocka_unit_test(test_hostile_templates),
	};
	int rc;

	find_spec_dir();
	if (spec_dir == NULL)
		fprintf(stderr, "note: the Mustache spec was not found: set "
		    "MUSTACHE_SPEC_DIR to a folder of mustache/spec's "
		    "specs/*.yml; the spec tests fail without it\n");
	else
		printf("mustache spec folder: %s\n", spec_dir);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	free(spec_dir);
	return rc;
}
