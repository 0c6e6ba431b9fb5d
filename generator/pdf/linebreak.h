/*
 * Line breaking for the PDF layout: a pure function from characters and
 * their widths to lines, with the rules of docs/templates.md.  No fonts and
 * no drawing here: the layout measures, this module only decides where
 * lines end, so that the rules are unit-tested alone.  For use by the PDF
 * layout (generator/pdf/) and its tests.
 *
 * Where a line may end (before item i):
 *   - after a space (the spaces at the end of a line are not drawn);
 *   - between two characters when either is CJK (cjk_char()) or an inline
 *     object (a badge, a bar: U+FFFC);
 *   - after a hyphen between two letters or digits ("sales-ops"), and
 *     after a slash between a letter or digit and a letter
 *     ("example.com/rules", not "1/2" nor "https://");
 * but never before closing punctuation (，。、；：？！）》」』】〕…’” and
 * ASCII , . ; : ! ? ) ] }) and never after opening punctuation
 * (（《「『【〔‘“ and ASCII ( [ {), and never inside a doubled —— or …….
 * When such a rule forbids the break where the line is full, the break
 * moves back (the character before it goes down with it: "push").
 * A word wider than the line is cut where it must (emergency break),
 * keeping the punctuation rules by pushing one or two characters down;
 * when even that cannot work (“文。」 wider than the line), the closing
 * punctuation hangs past the end of the line ("pull").  '\n' forces a
 * break.  A paragraph does not end with one Chinese character alone on
 * its last line when the line before can give it a companion.
 */
#ifndef SC_PDF_LINEBREAK_H
#define SC_PDF_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LB_OBJECT	0xfffcu	/* an inline object: breaks like CJK */

/* Item flags */
#define LB_GLUE		0x1u	/* never break before this item */

struct lb_item {
	uint32_t	 cp;	/* the character; '\n' forces a break */
	double		 width;	/* its advance */
	unsigned	 flags;
};

struct lb_line {
	size_t		 start;	/* the first item of the line */
	size_t		 end;	/* after the last item drawn (end-of-line
				   spaces and a '\n' left out) */
	size_t		 next;	/* the first item of the next line */
	double		 width;	/* of items [start, end) */
	bool		 last;	/* ended by '\n' or by the end of the text
				   (a justified paragraph leaves it ragged) */
};

/* Punctuation a line may not begin with / may not end with. */
bool	 lb_no_line_start(uint32_t);
bool	 lb_no_line_end(uint32_t);

/* True when a line may end between items[i - 1] and items[i] (0 < i < n). */
bool	 lb_can_break(const struct lb_item *, size_t n, size_t i);

/*
 * Breaks items[0..n) into lines at most width wide (except a line that
 * holds a single item wider than that, and closing punctuation hanging
 * past the end as said above).  Spaces at the start
 * of a line after a break are skipped.  Returns the number of lines (at
 * least one, an empty one for n == 0) and sets *lines to an array the
 * caller frees.
 */
size_t	 lb_break(const struct lb_item *, size_t n, double width,
	    struct lb_line **lines);

#endif
