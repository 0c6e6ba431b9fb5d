/*
 * Chinese typesetting on the Markdown tree (docs/templates.md, "Chinese
 * text"): a soft line break between two CJK characters joins them without a
 * space. Part of the document tree (markdown/): mdtree_parse() runs it on
 * every tree, so the HTML and the PDF renderer see the same joined text. Any
 * renderer may include this header (cjk_char() decides their line breaks and
 * chart text too).
 */
#ifndef SC_MARKDOWN_CJK_H
#define SC_MARKDOWN_CJK_H

#include <stdbool.h>
#include <stdint.h>

#include <cmark-gfm.h>

/*
 * True for the characters that are set without spaces between them:
 * utf8_is_cjk() (ideographs, kana, CJK punctuation, fullwidth forms) plus
 * the em dash and the ellipsis, which Chinese writes doubled (—— ……).
 */
bool	 cjk_char(uint32_t cp);

/*
 * Removes every SOFTBREAK whose preceding text ends and whose following
 * text begins with a CJK character.  The text around a break may sit
 * inside emphasis, links or code spans; the nearest character on each
 * side decides.  Adjacent text nodes are left unmerged (call
 * cmark_consolidate_text_nodes afterwards if that matters).
 */
void	 cjk_join_softbreaks(cmark_node *root);

#endif
