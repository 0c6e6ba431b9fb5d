/*
 * Making data text inert inside Markdown (CommonMark + GFM): what a
 * template's {{name}} goes through when the template is Markdown.  Usable
 * on its own by any stage that writes Markdown from data.
 */
#ifndef SC_TMPL_MD_ESCAPE_H
#define SC_TMPL_MD_ESCAPE_H

#include <stddef.h>

struct buf;

/*
 * Appends s[0..len) to b so that a CommonMark/GFM parser reads it back as
 * exactly that text, wherever it lands in a line of a paragraph, heading,
 * list item or table cell:
 *
 * - every ASCII punctuation character that can start or end Markdown
 *   syntax is preceded by a backslash: \ ` * _ { } [ ] ( ) # + - . ! | < >
 *   ~ & $ " ' = : ; @ ^ (emphasis, code, links, images, HTML, entities,
 *   headings, lists, block quotes, thematic breaks, setext underlines,
 *   table pipes and alignment rows, strikethrough, autolinks, math and
 *   smart quotes in renderers that have them);
 * - a line break (LF, CR, CRLF), tab, vertical tab or form feed becomes
 *   one space, so that a value never starts a new block;
 * - spaces at the start or the end of the value are written as "&#32;",
 *   so that they can neither indent the line into a code block nor end it
 *   with a hard line break;
 * - NUL becomes U+FFFD, as CommonMark would read it anyway.
 *
 * Other bytes (UTF-8 text included) are copied unchanged.  The output is
 * not meant for code spans, fenced code or raw HTML, where CommonMark
 * reads no backslash escapes (a chart's data in a fenced block needs its
 * own format).
 *
 * One thing escaping cannot stop: GFM's autolink extension looks for
 * e-mail addresses (a@b.co, also mailto:/xmpp: forms) in the text after
 * escapes are read, so with that extension such a value still becomes a
 * mailto: link around the same text.  URLs (http://, www.) do not.
 */
void	 md_escape(struct buf *b, const char *s, size_t len);

#endif
