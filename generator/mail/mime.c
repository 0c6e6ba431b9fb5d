/*
 * The mail message builder of mime.h: headers folded and encoded, the
 * MIME structure, base64 bodies.  Every value from data passes through
 * clean() first, so no byte of it can end a header line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/mime.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/utf8.h"

#define LINE_MAX_CHARS	78	/* RFC 5322 2.1.1: SHOULD */
#define WORD_BYTES	42	/* UTF-8 bytes per encoded-word: 56 base64
				   characters, 68 with "=?UTF-8?B?" "?=" */

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void
base64(struct buf *b, const unsigned char *p, size_t n)
{
	uint32_t v;

	for (; n >= 3; p += 3, n -= 3) {
		v = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
		buf_putc(b, b64[v >> 18 & 63]);
		buf_putc(b, b64[v >> 12 & 63]);
		buf_putc(b, b64[v >> 6 & 63]);
		buf_putc(b, b64[v & 63]);
	}
	if (n > 0) {
		v = (uint32_t)p[0] << 16 | (n == 2 ? (uint32_t)p[1] << 8 : 0);
		buf_putc(b, b64[v >> 18 & 63]);
		buf_putc(b, b64[v >> 12 & 63]);
		buf_putc(b, n == 2 ? b64[v >> 6 & 63] : '=');
		buf_putc(b, '=');
	}
}

void
mail_base64_lines(struct buf *b, const char *data, size_t len)
{
	size_t off, n;

	for (off = 0; off < len; off += n) {
		n = len - off < 57 ? len - off : 57;	/* 76 characters */
		base64(b, (const unsigned char *)data + off, n);
		buf_puts(b, "\r\n");
	}
}

/*
 * s[0..len) as one line of valid UTF-8: control characters (CR and LF
 * included) become spaces, bytes that are not UTF-8 U+FFFD.
 */
static void
clean(struct buf *out, const char *s, size_t len)
{
	uint32_t cp;
	size_t n;

	while (len > 0) {
		n = utf8_decode(s, len, &cp);
		if (n == 0) {		/* not UTF-8: one byte replaced */
			utf8_put(out, 0xfffd);
			n = 1;
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 &&
		    cp < 0xa0) || cp == 0x2028 || cp == 0x2029)
			buf_putc(out, ' ');
		else
			buf_put(out, s, n);
		s += n;
		len -= n;
	}
}

/* ---- header lines, folded ---- */

struct header {
	struct buf	*b;
	size_t		 col;	/* characters on the current line */
};

static void
header_start(struct header *h, struct buf *b, const char *name)
{
	h->b = b;
	buf_puts(b, name);
	buf_putc(b, ':');
	h->col = strlen(name) + 1;
}

/* A space and the token, or a fold and the token when it does not fit. */
static void
header_token(struct header *h, const char *tok, size_t len)
{
	if (h->col + 1 + len > LINE_MAX_CHARS && h->col > 1) {
		buf_puts(h->b, "\r\n ");
		h->col = 1;
	} else {
		buf_putc(h->b, ' ');
		h->col++;
	}
	buf_put(h->b, tok, len);
	h->col += len;
}

static void
header_end(struct header *h)
{
	buf_puts(h->b, "\r\n");
}

/* One encoded-word for s[0..len), appended to w. */
static void
encoded_word(struct buf *w, const char *s, size_t len)
{
	buf_puts(w, "=?UTF-8?B?");
	base64(w, (const unsigned char *)s, len);
	buf_puts(w, "?=");
}

/*
 * The text (cleaned) as encoded-words of at most WORD_BYTES bytes each,
 * never cutting a character, each as a token of h.
 */
static void
header_words(struct header *h, const char *s, size_t len)
{
	struct buf w = BUF_INIT;
	uint32_t cp;
	size_t start = 0, i = 0, n;

	while (i < len || start < i) {
		n = i < len ? utf8_decode(s + i, len - i, &cp) : 0;
		if (i < len && n == 0)
			n = 1;	/* cleaned text is UTF-8: not reached */
		if (i == len || (i - start) + n > WORD_BYTES) {
			buf_reset(&w);
			encoded_word(&w, s + start, i - start);
			header_token(h, w.data, w.len);
			start = i;
			continue;
		}
		i += n;
	}
	buf_free(&w);
}

static bool
is_atext(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' &&
	    strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/*
 * Whether a cleaned text can go as it is: printable ASCII words of atext
 * (phrase) or of any printable character (unstructured), single spaces,
 * no "=?", no word too long for a line.
 */
static bool
plain_ok(const char *s, size_t len, bool phrase)
{
	size_t i, word = 0;

	if (len == 0 || s[0] == ' ' || s[len - 1] == ' ')
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ') {
			if (s[i - 1] == ' ')
				return false;
			word = 0;
			continue;
		}
		if (c < 0x21 || c > 0x7e || (phrase && !is_atext(c)))
			return false;
		if (c == '=' && i + 1 < len && s[i + 1] == '?')
			return false;
		if (++word > LINE_MAX_CHARS - 10)
			return false;
	}
	return true;
}

/* A text as plain tokens, or as encoded-words. */
static void
header_text(struct header *h, const char *raw, bool phrase)
{
	struct buf c = BUF_INIT;
	const char *p, *sp;

	clean(&c, raw, strlen(raw));
	if (plain_ok(buf_str(&c), c.len, phrase)) {
		for (p = c.data; ; p = sp + 1) {
			sp = strchr(p, ' ');
			header_token(h, p, sp != NULL ? (size_t)(sp - p) :
			    strlen(p));
			if (sp == NULL)
				break;
		}
	} else if (c.len > 0)
		header_words(h, c.data, c.len);
	buf_free(&c);
}

/* "Name <addr>" or "<addr>" (the address checked by the caller). */
static void
header_mailbox(struct buf *b, const char *field, const char *name,
    const char *addr)
{
	struct header h;
	struct buf a = BUF_INIT;

	header_start(&h, b, field);
	if (name != NULL && *name != '\0')
		header_text(&h, name, true);
	buf_printf(&a, "<%s>", addr);
	header_token(&h, a.data, a.len);
	header_end(&h);
	buf_free(&a);
}

/* ---- addresses ---- */

static bool
dot_atom(const char *s, size_t len, bool domain)
{
	size_t i;

	if (len == 0 || s[0] == '.' || s[len - 1] == '.')
		return false;
	for (i = 0; i < len; i++) {
		int c = (unsigned char)s[i];

		if (c == '.') {
			if (s[i - 1] == '.')
				return false;
			continue;
		}
		if (domain ? !((c >= 'a' && c <= 'z') || (c >= 'A' &&
		    c <= 'Z') || (c >= '0' && c <= '9') || c == '-') :
		    !is_atext(c))
			return false;
		/* a domain label neither begins nor ends with a hyphen */
		if (domain && c == '-' && (i == 0 || s[i - 1] == '.' ||
		    i + 1 == len || s[i + 1] == '.'))
			return false;
	}
	return true;
}

bool
mail_addr_valid(const char *s, size_t len)
{
	const char *at;

	if (len == 0 || len > 254 || memchr(s, '\0', len) != NULL)
		return false;
	if ((at = memchr(s, '@', len)) == NULL)
		return false;
	return (size_t)(at - s) <= 64 && dot_atom(s, (size_t)(at - s),
	    false) && dot_atom(at + 1, len - (size_t)(at - s) - 1, true);
}

const char *
mail_addr_domain(const char *addr)
{
	const char *at = strchr(addr, '@');

	return at != NULL ? at + 1 : addr + strlen(addr);
}

bool
mail_parse_sender(const char *s, char **name, char **addr)
{
	const char *lt = strchr(s, '<'), *gt, *a, *e;
	size_t n;

	*name = *addr = NULL;
	if (lt == NULL) {
		for (a = s; *a == ' '; a++)
			continue;
		for (e = a + strlen(a); e > a && e[-1] == ' '; e--)
			continue;
	} else {
		if ((gt = strchr(lt, '>')) == NULL || gt[1 + strspn(gt + 1,
		    " ")] != '\0')
			return false;
		a = lt + 1;
		e = gt;
	}
	if (!mail_addr_valid(a, (size_t)(e - a)))
		return false;
	*addr = xstrndup(a, (size_t)(e - a));
	if (lt != NULL) {
		for (a = s; *a == ' ' || *a == '"'; a++)
			continue;
		for (e = lt; e > a && (e[-1] == ' ' || e[-1] == '"'); e--)
			continue;
		n = (size_t)(e - a);
		if (n > 0)
			*name = xstrndup(a, n);
	}
	return true;
}

/* ---- the attachment's name ---- */

static bool
attr_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' &&
	    strchr("!#$&+-.^_`|~", c) != NULL);
}

/*
 * filename* (RFC 2231): one parameter when it fits the line, else the
 * continuations filename*0*, filename*1*, ..., each cut between
 * characters.  The first line of the parameter follows "Content-
 * Disposition: attachment;".
 */
static void
param_2231(struct buf *b, const char *s, size_t len)
{
	struct buf enc = BUF_INIT, one = BUF_INIT, seg = BUF_INIT;
	uint32_t cp;
	size_t i, n, k, part = 0, room;

	for (i = 0; i < len; i++)
		if (attr_char((unsigned char)s[i]))
			buf_putc(&enc, s[i]);
		else
			buf_printf(&enc, "%%%02X", (unsigned char)s[i]);
	if (1 + strlen("filename*=UTF-8''") + enc.len <= LINE_MAX_CHARS) {
		buf_printf(b, " filename*=UTF-8''%s\r\n", buf_str(&enc));
		goto out;
	}
	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			n = 1;
		buf_reset(&one);
		for (k = 0; k < n; k++)
			if (attr_char((unsigned char)s[i + k]))
				buf_putc(&one, s[i + k]);
			else
				buf_printf(&one, "%%%02X",
				    (unsigned char)s[i + k]);
		/* " filename*NN*=" + "UTF-8''" on the first + ";" */
		room = LINE_MAX_CHARS - 1 - 14 - (part == 0 ? 7 : 0) - 1;
		if (seg.len + one.len > room) {
			buf_printf(b, " filename*%zu*=%s%s;\r\n", part,
			    part == 0 ? "UTF-8''" : "", buf_str(&seg));
			part++;
			buf_reset(&seg);
		}
		buf_put(&seg, one.data, one.len);
	}
	buf_printf(b, " filename*%zu*=%s%s\r\n", part, part == 0 ?
	    "UTF-8''" : "", buf_str(&seg));
out:
	buf_free(&enc);
	buf_free(&one);
	buf_free(&seg);
}

/* name= for readers without RFC 2231: plain, or encoded-words quoted. */
static void
param_name(struct buf *b, const char *s, size_t len)
{
	struct buf w = BUF_INIT;
	uint32_t cp;
	size_t i, start = 0, n, col;
	bool plain = len > 0 && len <= 60;

	for (i = 0; i < len && plain; i++)
		plain = attr_char((unsigned char)s[i]) || s[i] == ' ';
	if (plain) {
		buf_puts(b, " name=\"");
		buf_put(b, s, len);
		buf_puts(b, "\"\r\n");
		return;
	}
	buf_puts(b, " name=\"");
	col = 7;
	for (i = 0; i <= len; i += n) {
		n = i < len ? utf8_decode(s + i, len - i, &cp) : 1;
		if (i < len && n == 0)
			n = 1;
		if (i == len || (i - start) + n > WORD_BYTES) {
			if (i > start) {
				buf_reset(&w);
				encoded_word(&w, s + start, i - start);
				if (col > 7) {
					buf_puts(b, "\r\n ");
					col = 1;
				}
				buf_put(b, w.data, w.len);
				col += w.len;
			}
			start = i;
		}
	}
	buf_puts(b, "\"\r\n");
	buf_free(&w);
}

/* ---- the message ---- */

/* Text with every line end made CRLF, as base64 lines. */
static void
text_part(struct buf *b, const char *type, const char *s, size_t len)
{
	struct buf crlf = BUF_INIT;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\r') {
			buf_puts(&crlf, "\r\n");
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else if (s[i] == '\n')
			buf_puts(&crlf, "\r\n");
		else
			buf_putc(&crlf, s[i]);
	}
	buf_printf(b, "Content-Type: %s; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", type);
	mail_base64_lines(b, crlf.data != NULL ? crlf.data : "", crlf.len);
	buf_free(&crlf);
}

static bool
printable_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s < 0x20 || *s > 0x7e)
			return false;
	return true;
}

/* A MIME type: type "/" subtype, each of letters, digits, ".+-". */
static bool
mime_type_ok(const char *s)
{
	const char *slash = strchr(s, '/');
	size_t i;

	if (slash == NULL || slash == s || slash[1] == '\0' ||
	    strlen(s) > 60)
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if (s + i != slash && !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9') || strchr(".+-", s[i]) != NULL))
			return false;
	return true;
}

/* FNV-1a: the boundaries' suffix, the same for the same message. */
static unsigned long long
fnv1a(const char *s)
{
	unsigned long long h = 14695981039346656037ull;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

int
mail_build(const struct mail_message *m, struct buf *out)
{
	struct header h;
	struct buf fname = BUF_INIT;
	const char *at;
	char mixed[40], alt[40];
	unsigned long long id;

	if (m->from_addr == NULL || m->to_addr == NULL ||
	    !mail_addr_valid(m->from_addr, strlen(m->from_addr)) ||
	    !mail_addr_valid(m->to_addr, strlen(m->to_addr)) ||
	    m->message_id == NULL || (at = strchr(m->message_id, '@')) ==
	    NULL || !dot_atom(m->message_id, (size_t)(at - m->message_id),
	    false) || !dot_atom(at + 1, strlen(at + 1), true) ||
	    strlen(m->message_id) > 900 || m->date == NULL ||
	    !printable_ascii(m->date) || strlen(m->date) > 60 ||
	    (m->attachment != NULL && (m->attachment_type == NULL ||
	    !mime_type_ok(m->attachment_type))))
		return -1;
	id = fnv1a(m->message_id);
	snprintf(mixed, sizeof(mixed), "sc-mixed-%016llx", id);
	snprintf(alt, sizeof(alt), "sc-alt-%016llx", id);

	header_mailbox(out, "From", m->from_name, m->from_addr);
	header_mailbox(out, "To", m->to_name, m->to_addr);
	header_start(&h, out, "Subject");
	if (m->subject != NULL)
		header_text(&h, m->subject, false);
	header_end(&h);
	buf_printf(out, "Date: %s\r\n", m->date);
	buf_printf(out, "Message-ID: <%s>\r\n", m->message_id);
	buf_puts(out, "MIME-Version: 1.0\r\n");
	buf_printf(out, "Content-Type: multipart/mixed;\r\n"
	    " boundary=\"%s\"\r\n\r\n", mixed);

	buf_printf(out, "--%s\r\nContent-Type: multipart/alternative;\r\n"
	    " boundary=\"%s\"\r\n\r\n", mixed, alt);
	buf_printf(out, "--%s\r\n", alt);
	text_part(out, "text/plain", m->text != NULL ? m->text : "",
	    m->text != NULL ? m->text_len : 0);
	buf_printf(out, "--%s\r\n", alt);
	text_part(out, "text/html", m->html != NULL ? m->html : "",
	    m->html != NULL ? m->html_len : 0);
	buf_printf(out, "--%s--\r\n\r\n", alt);

	if (m->attachment != NULL) {
		clean(&fname, m->filename != NULL ? m->filename : "",
		    m->filename != NULL ? strlen(m->filename) : 0);
		if (fname.len == 0)
			buf_puts(&fname, "attachment");
		buf_printf(out, "--%s\r\nContent-Type: %s;\r\n", mixed,
		    m->attachment_type);
		param_name(out, fname.data, fname.len);
		buf_puts(out, "Content-Disposition: attachment;\r\n");
		param_2231(out, fname.data, fname.len);
		buf_puts(out, "Content-Transfer-Encoding: base64\r\n\r\n");
		mail_base64_lines(out, m->attachment, m->attachment_len);
	}
	buf_printf(out, "--%s--\r\n", mixed);
	buf_free(&fname);
	return 0;
}

void
mail_encode_words(struct buf *b, const char *s, size_t len, size_t column)
{
	struct header h;
	struct buf c = BUF_INIT;

	h.b = b;
	h.col = column;
	clean(&c, s, len);
	if (c.len > 0)
		header_words(&h, c.data, c.len);
	buf_free(&c);
}
