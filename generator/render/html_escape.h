/*
 * Escaping for HTML and for the SVG inside it (which the HTML parser
 * reads by the same rules).  For use by the HTML and SVG renderers only.
 */
#ifndef SC_RENDER_HTML_ESCAPE_H
#define SC_RENDER_HTML_ESCAPE_H

#include <stddef.h>

struct buf;

/*
 * Appends s[0..len) as text or as an attribute value (always quoted with
 * "): & < > " ' become entities; control characters other than tab, line
 * feed and carriage return, and bytes that are not UTF-8, become U+FFFD,
 * so that the result is also well-formed XML.
 */
void	 html_escape(struct buf *, const char *s, size_t len);
void	 html_escape_str(struct buf *, const char *s);

/*
 * Appends a URL for an href or src attribute: bytes outside the URL
 * characters (spaces, quotes, < >, non-ASCII) are percent-encoded,
 * existing %XX escapes kept, & and ' written as entities.  The URL must
 * have passed mdtree_url_allowed() first.
 */
void	 html_escape_url(struct buf *, const char *url);

#endif
