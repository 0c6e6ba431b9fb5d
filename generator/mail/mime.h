/*
 * The mail message of `scorecard send` (docs/output.md §8), built in one
 * buffer: the same bytes are written as an .eml file, uploaded to the
 * SMTP server and fed to the fuzz target.  Pure: no I/O.
 *
 * What comes out (RFC 5322, RFC 2045-2049, RFC 2047, RFC 2231):
 * - CRLF line ends only; no line longer than 78 characters, except the
 *   Message-ID line, which cannot be folded (at most 998);
 * - From, To (the one recipient, no other recipient header), Subject,
 *   Date, Message-ID, MIME-Version; display names and a subject that are
 *   not plain ASCII are RFC 2047 encoded-words (UTF-8, base64) of at
 *   most 75 characters each, never splitting a character; data never
 *   becomes a header (a CR or LF in a value is written as a space);
 * - multipart/mixed of a multipart/alternative (text/plain and
 *   text/html, UTF-8, base64) and the attachment (base64), named with
 *   RFC 2231 filename* (UTF-8, percent-encoded, continued when long) and
 *   an RFC 2047 name= for older readers;
 * - boundaries derived from the Message-ID, made of characters base64
 *   never writes, so they cannot occur inside a part.
 */
#ifndef SC_MAIL_MIME_H
#define SC_MAIL_MIME_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

struct mail_message {
	const char	*from_name;	/* UTF-8, may be NULL */
	const char	*from_addr;	/* checked by mail_addr_valid */
	const char	*to_name;	/* UTF-8, may be NULL */
	const char	*to_addr;
	const char	*subject;	/* UTF-8 */
	const char	*date;		/* "Sat, 31 Oct 2026 00:00:00 +0000" */
	const char	*message_id;	/* without the angle brackets */
	const char	*text;		/* UTF-8: LF or CRLF line ends */
	size_t		 text_len;
	const char	*html;
	size_t		 html_len;
	const char	*attachment;	/* may be NULL: no attachment */
	size_t		 attachment_len;
	const char	*attachment_type;	/* "application/pdf" */
	const char	*filename;	/* UTF-8 */
};

/*
 * Appends the message to out.  Returns 0, or -1 when an address or the
 * Message-ID is not valid (nothing appended then).
 */
int	 mail_build(const struct mail_message *, struct buf *out);

/*
 * An address we send to: ASCII local@domain, the local part a dot-atom
 * (RFC 5322 atext and single dots), the domain dot-separated labels of
 * letters, digits and hyphens; at most 254 characters.  No display
 * name, no quoting, no address literal.
 */
bool	 mail_addr_valid(const char *, size_t);

/*
 * Splits "Name <local@domain>" or "local@domain" (organisation.sender,
 * SCORECARD_SMTP_FROM) into a display name (NULL when none; surrounding
 * spaces and quotes removed) and an address, both allocated; false when
 * the address is not valid.
 */
bool	 mail_parse_sender(const char *, char **name, char **addr);

/* The domain of a valid address (a pointer into it). */
const char *mail_addr_domain(const char *addr);

/* RFC 2047 encoded-words for a header value: used by mail_build. */
void	 mail_encode_words(struct buf *, const char *s, size_t len,
	    size_t column);
/* Base64 of data in lines of 76 characters, each ended by CRLF. */
void	 mail_base64_lines(struct buf *, const char *data, size_t len);

#endif
