/*
 * The escapers of html_escape.h.  Runs of bytes that need nothing are
 * copied in one piece.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"
#include "render/html_escape.h"

void
html_escape(struct buf *b, const char *s, size_t len)
{
	size_t i = 0, run, k;
	uint32_t cp;
	unsigned char c;

	while (i < len) {
		run = i;
		while (i < len) {
			c = (unsigned char)s[i];
			if (c >= 0x80 || c == '&' || c == '<' || c == '>' ||
			    c == '"' || c == '\'' || c == 0x7f ||
			    (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
				break;
			i++;
		}
		buf_put(b, s + run, i - run);
		if (i >= len)
			break;
		c = (unsigned char)s[i];
		switch (c) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&#39;");
			break;
		default:
			/*
			 * A control, a byte that is not UTF-8 and U+FFFE or
			 * U+FFFF (not characters in XML) become U+FFFD.
			 */
			k = utf8_next(s + i, len - i, &cp);
			if (cp < 0x80 || cp == 0xfffe || cp == 0xffff)
				cp = 0xfffd;
			utf8_put(b, cp);
			i += k;
			continue;
		}
		i++;
	}
}

void
html_escape_str(struct buf *b, const char *s)
{
	html_escape(b, s, strlen(s));
}

/* The characters a URL may hold as they are (RFC 3986 plus "%"). */
static bool
url_safe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("-_.~:/?#[]@!$()*+,;=%", c)
	    != NULL;
}

static bool
is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

void
html_escape_url(struct buf *b, const char *url)
{
	const unsigned char *u = (const unsigned char *)url;
	size_t i;

	for (i = 0; u[i] != '\0'; i++) {
		if (u[i] == '&')
			buf_puts(b, "&amp;");
		else if (u[i] == '\'')
			buf_puts(b, "&#39;");
		else if (u[i] == '%' && !(is_hex(u[i + 1]) &&
		    is_hex(u[i + 2])))
			buf_puts(b, "%25");
		else if (u[i] != '\0' && url_safe(u[i]))
			buf_putc(b, u[i]);
		else
			buf_printf(b, "%%%02X", u[i]);
	}
}
