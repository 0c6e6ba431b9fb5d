/*
 * UTF-8 helpers: validation (also across buffer boundaries), decoding, and
 * making arbitrary bytes printable in a message.
 */
#ifndef SC_UTF8_H
#define SC_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

/* Incremental validator: feed chunks; returns false at the first invalid byte. */
struct utf8_check {
	unsigned	need;	/* continuation bytes still expected */
	uint32_t	cp;	/* code point so far */
	uint32_t	min;	/* smallest code point allowed for the length */
};

bool	 utf8_check_feed(struct utf8_check *, const unsigned char *, size_t);
bool	 utf8_check_end(const struct utf8_check *);
bool	 utf8_valid(const char *, size_t);
/* Decode one code point at s (len bytes left); returns its length, 0 if invalid. */
size_t	 utf8_decode(const char *s, size_t len, uint32_t *cp);
/*
 * The forgiving form, for walking text that is drawn or measured: a byte
 * that starts no valid sequence is U+FFFD and one byte long.  len must be
 * above 0; returns the bytes taken (1 to 4).
 */
size_t	 utf8_next(const char *s, size_t len, uint32_t *cp);
/* Writes cp (at most U+10FFFF) to out[0..4); returns its length. */
size_t	 utf8_encode(uint32_t cp, char *out);
/* Appends cp to b as UTF-8. */
void	 utf8_put(struct buf *b, uint32_t cp);
/* Number of code points in the first n bytes (invalid bytes count one each). */
size_t	 utf8_columns(const char *s, size_t n);
/*
 * Append s with control characters escaped, cut to at most max code points:
 * \n, \r, \t, \xNN for another C0 control, DEL or a byte that is not
 * UTF-8, \u0080 to \u009F for a C1 control.
 */
void	 utf8_printable(struct buf *, const char *s, size_t n, size_t max);
/* The whole of s so escaped, in a string of its own to free(). */
char	*utf8_shown(const char *s);
bool	 utf8_is_cjk(uint32_t cp);

#endif
