/*
 * The Markdown escaper of md_escape.h.  One table says what each byte
 * needs; runs of bytes that need nothing are copied in one piece.
 */
#include <stdbool.h>

#include "util/buf.h"
#include "tmpl/md_escape.h"

enum md_class {
	MD_COPY = 0,	/* written as is */
	MD_PUNCT,	/* written after a backslash */
	MD_SPACE,	/* a space; "&#32;" at either end of the value */
	MD_BREAK,	/* tab, line break, VT, FF: a space like MD_SPACE */
	MD_NUL		/* U+FFFD */
};

/*
 * The ASCII punctuation that means something somewhere in CommonMark, GFM
 * or a common extension gets a backslash.  Left out: , / % ? which start
 * and end nothing.
 */
static const unsigned char md_table[256] = {
	['\\'] = MD_PUNCT, ['`'] = MD_PUNCT, ['*'] = MD_PUNCT,
	['_'] = MD_PUNCT, ['{'] = MD_PUNCT, ['}'] = MD_PUNCT,
	['['] = MD_PUNCT, [']'] = MD_PUNCT, ['('] = MD_PUNCT,
	[')'] = MD_PUNCT, ['#'] = MD_PUNCT, ['+'] = MD_PUNCT,
	['-'] = MD_PUNCT, ['.'] = MD_PUNCT, ['!'] = MD_PUNCT,
	['|'] = MD_PUNCT, ['<'] = MD_PUNCT, ['>'] = MD_PUNCT,
	['~'] = MD_PUNCT, ['&'] = MD_PUNCT, ['$'] = MD_PUNCT,
	['"'] = MD_PUNCT, ['\''] = MD_PUNCT, ['='] = MD_PUNCT,
	[':'] = MD_PUNCT, [';'] = MD_PUNCT, ['@'] = MD_PUNCT,
	['^'] = MD_PUNCT,
	[' '] = MD_SPACE,
	['\t'] = MD_BREAK, ['\n'] = MD_BREAK, ['\r'] = MD_BREAK,
	['\v'] = MD_BREAK, ['\f'] = MD_BREAK,
	[0] = MD_NUL
};

static bool
md_is_blank(unsigned char c)
{
	return md_table[c] == MD_SPACE || md_table[c] == MD_BREAK;
}

void
md_escape(struct buf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run, lead = 0, trail = len;

	/* Blanks at either end are written as entities; [lead, trail) is
	 * the part between them. */
	while (lead < len && md_is_blank(u[lead]))
		lead++;
	while (trail > lead && md_is_blank(u[trail - 1]))
		trail--;
	buf_grow(b, len + len / 8 + 8);
	b->data[b->len] = '\0';	/* a string even when len is 0 */
	while (i < len) {
		run = i;
		while (run < len && md_table[u[run]] == MD_COPY)
			run++;
		if (run > i) {
			buf_put(b, s + i, run - i);
			i = run;
			continue;
		}
		switch (md_table[u[i]]) {
		case MD_PUNCT:
			buf_putc(b, '\\');
			buf_putc(b, u[i]);
			break;
		case MD_SPACE:
		case MD_BREAK:
			/* CRLF is one line break, hence one space. */
			if (u[i] == '\r' && i + 1 < len && u[i + 1] == '\n')
				i++;
			if (i < lead || i >= trail)
				buf_puts(b, "&#32;");
			else
				buf_putc(b, ' ');
			break;
		case MD_NUL:
			buf_puts(b, "\xef\xbf\xbd");
			break;
		default:
			break;
		}
		i++;
	}
}
