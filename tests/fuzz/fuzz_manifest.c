/* Fuzz target: the manifest reader of `scorecard verify` (manifest_parse in jobs/archive.c). */
/*
 * The input is a MANIFEST.sha256.  Whatever it holds, every entry read is
 * 64 hex digits and a plain path inside the archive (not absolute, no
 * empty, "." or ".." part, no NUL byte), the entries are sorted, and a
 * manifest without problems lists no path twice and reads back the same
 * when written out again from its entries.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "jobs/archive.h"
#include "fuzz.h"

#define REQUIRE(cond) do { if (!(cond)) { fprintf(stdout, \
    "fuzz_manifest: %s failed\n", #cond); fflush(stdout); abort(); } } \
    while (0)

static void
check_entry(const struct manifest_entry *e)
{
	const char *s, *end;
	size_t i, n;

	REQUIRE(strlen(e->hex) == 64);
	for (i = 0; i < 64; i++)
		REQUIRE(strchr("0123456789abcdefABCDEF", e->hex[i]) != NULL);
	REQUIRE(e->name[0] != '\0' && e->name[0] != '/');
	REQUIRE(e->line >= 1);
	for (s = e->name;; s = end + 1) {
		end = strchr(s, '/');
		n = end != NULL ? (size_t)(end - s) : strlen(s);
		REQUIRE(n > 0);
		REQUIRE(!(n == 1 && s[0] == '.'));
		REQUIRE(!(n == 2 && s[0] == '.' && s[1] == '.'));
		if (end == NULL)
			break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct manifest m, again;
	struct buf out = BUF_INIT;
	char *text;
	size_t i;

	fuzz_quiet();
	text = fuzz_strndup(data, size);
	memset(&m, 0, sizeof(m));
	m.path = "MANIFEST.sha256";
	manifest_parse(&m, text, size);
	for (i = 0; i < m.n; i++) {
		check_entry(&m.v[i]);
		if (i > 0)
			REQUIRE(strcmp(m.v[i - 1].name, m.v[i].name) <= 0);
	}
	if (m.problems == 0) {
		for (i = 1; i < m.n; i++)
			REQUIRE(strcmp(m.v[i - 1].name, m.v[i].name) != 0);
		/* written out as the manifest writer does, read back (but
		 * a name ending in CR, from "...\r\r\n": a CR before the
		 * LF is the line end's) */
		for (i = 0; i < m.n; i++) {
			size_t n = strlen(m.v[i].name);

			if (m.v[i].name[n - 1] == '\r')
				goto done;
			buf_printf(&out, "%s  %s\n", m.v[i].hex, m.v[i].name);
		}
		memset(&again, 0, sizeof(again));
		again.path = "MANIFEST.sha256";
		manifest_parse(&again, out.data != NULL ? out.data : text,
		    out.len);
		REQUIRE(again.problems == 0 && again.n == m.n);
		for (i = 0; i < m.n; i++)
			REQUIRE(strcmp(again.v[i].name, m.v[i].name) == 0 &&
			    strcmp(again.v[i].hex, m.v[i].hex) == 0 &&
			    again.v[i].line == (long)i + 1);
		free(again.v);
	} else
		REQUIRE(diag_count(DIAG_ERROR) > 0);
done:
	buf_free(&out);
	free(m.v);
	free(text);
	diag_reset();
	return 0;
}
