/* Fuzz target: report Markdown to HTML (render/html.c over markdown/mdtree.c, charts by render/svg_chart.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "render/html.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	char *md;

	fuzz_quiet();
	/* Exactly size bytes, no NUL after them: the renderer takes a length. */
	if ((md = malloc(size ? size : 1)) == NULL)
		abort();
	if (size > 0)
		memcpy(md, data, size);
	(void)html_from_markdown("report.md", md, size, &out);
	buf_free(&out);
	free(md);
	diag_reset();
	return 0;
}
