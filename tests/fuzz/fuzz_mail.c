/*
 * Fuzz target: the mail message builder of mail/mime.c on hostile names,
 * subjects, file names and bodies.  The input is split at "|~|" into
 * from name, to name, subject, file name, text, HTML and attachment.
 * Whatever they hold, the message has CRLF line ends only, lines of at
 * most 998 characters (78 in headers but the Message-ID), exactly the
 * headers the builder writes, each once (a name with "\r\nBcc: x" never
 * makes a header), the MIME boundaries only where they belong, and a
 * subject that decodes back to what was given when that was clean text.
 *
 * Then the message is parsed back with GMime, another program's reading
 * of RFC 5322, 2045-2049, 2047 and 2231, and must give: one From and one
 * To mailbox with the addresses given and the display names as given
 * (cleaned: what the builder promises, computed here independently:
 * control characters, CR and LF spaces, a byte that is not UTF-8 U+FFFD);
 * the subject likewise; two parts, the second an attachment named as
 * given (or "attachment") whose decoded bytes are exactly the bytes given.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "mail/mime.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "fuzz.h"

#define REQUIRE(cond) do { if (!(cond)) { fprintf(stdout, \
    "fuzz_mail: %s failed\n", #cond); fflush(stdout); abort(); } } while (0)
/* Two strings the same; when not, both are shown. */
#define REQUIRE_SAME(got, want) do { if (strcmp(got, want) != 0) { \
    fprintf(stdout, "fuzz_mail: %s: got \"%s\", expected \"%s\"\n", \
    #got, got, want); } REQUIRE(strcmp(got, want) == 0); } while (0)

static int
b64val(int c)
{
	const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789+/";
	const char *p = c != 0 ? strchr(t, c) : NULL;

	return p != NULL ? (int)(p - t) : -1;
}

/* Decodes the base64 s[0..n) onto out; false when it is not base64. */
static bool
unbase64(struct buf *out, const char *s, size_t n)
{
	uint32_t v = 0;
	size_t i, bits = 0;
	int x;

	for (i = 0; i < n; i++) {
		if (s[i] == '=')
			break;
		if ((x = b64val((unsigned char)s[i])) < 0)
			return false;
		v = v << 6 | (uint32_t)x;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_putc(out, (int)(v >> bits & 0xff));
		}
	}
	return true;
}

/* The Subject's value unfolded and decoded (encoded-words or plain). */
static void
decode_subject(const char *v, size_t n, struct buf *out)
{
	struct buf unf = BUF_INIT;
	const char *p, *e, *tok;
	size_t i;
	bool prev_word = false, first = true;

	for (i = 0; i < n; i++)
		if (v[i] == '\r' && i + 2 < n && v[i + 1] == '\n')
			i++;	/* CRLF then the space: unfolded */
		else
			buf_putc(&unf, v[i]);
	for (p = buf_str(&unf); *p == ' '; p++)
		continue;
	while (*p != '\0') {
		e = strchr(p, ' ');
		if (e == NULL)
			e = p + strlen(p);
		tok = p;
		if (e - tok > 12 && strncmp(tok, "=?UTF-8?B?", 10) == 0 &&
		    strncmp(e - 2, "?=", 2) == 0) {
			REQUIRE(e - tok <= 75);
			REQUIRE(unbase64(out, tok + 10, (size_t)(e - tok) - 12));
			prev_word = true;
		} else {
			REQUIRE(!prev_word);
			if (!first)
				buf_putc(out, ' ');
			buf_put(out, tok, (size_t)(e - tok));
		}
		first = false;
		for (p = e; *p == ' '; p++)
			continue;
	}
	buf_free(&unf);
}

static bool
clean_text(const char *s, size_t n)
{
	size_t i;

	if (!utf8_valid(s, n))
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f ||
		    ((unsigned char)s[i] == 0xc2 && i + 1 < n &&
		    (unsigned char)s[i + 1] < 0xa0) ||
		    ((unsigned char)s[i] == 0xe2 && i + 2 < n &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xa8 ||
		    (unsigned char)s[i + 2] == 0xa9)))
			return false;
	return true;
}

static void
check(const struct buf *b, const char *subject, size_t subject_len)
{
	static const char *const fields[] = { "From:", "To:", "Subject:",
	    "Date:", "Message-ID:", "MIME-Version:", "Content-Type:", NULL };
	int seen[7] = { 0 };
	size_t i, start, len, k, boundaries = 0;
	bool in_header = true, in_part_header = false;
	const char *subj = NULL;
	size_t subj_len = 0;
	struct buf dec = BUF_INIT;

	for (i = 0; i < b->len; i++) {
		if (b->data[i] == '\r')
			REQUIRE(i + 1 < b->len && b->data[i + 1] == '\n');
		if (b->data[i] == '\n')
			REQUIRE(i > 0 && b->data[i - 1] == '\r');
	}
	REQUIRE(b->len >= 2 && b->data[b->len - 1] == '\n');
	for (start = 0; start < b->len; start = i + 2) {
		for (i = start; b->data[i] != '\r'; i++)
			continue;
		len = i - start;
		REQUIRE(len <= 998);
		if (len == 0) {
			in_header = in_part_header = false;
			continue;
		}
		if (in_header) {
			if (strncmp(b->data + start, "Message-ID:", 11) != 0)
				REQUIRE(len <= 78);
			if (b->data[start] == ' ') {
				if (subj != NULL && subj + subj_len == b->data +
				    start - 2)
					subj_len += len + 2;
				continue;
			}
			for (k = 0; fields[k] != NULL; k++)
				if (strncmp(b->data + start, fields[k],
				    strlen(fields[k])) == 0)
					break;
			REQUIRE(fields[k] != NULL);
			REQUIRE(seen[k]++ == 0);
			if (k == 2) {
				subj = b->data + start + 8;
				subj_len = len - 8;
			}
			continue;
		}
		if (in_part_header)
			REQUIRE(len <= 78);
		if (strncmp(b->data + start, "--sc-", 5) == 0) {
			boundaries++;
			in_part_header = b->data[i - 1] != '-';
		}
	}
	for (k = 0; fields[k] != NULL; k++)
		REQUIRE(seen[k] == 1);
	REQUIRE(boundaries == 6);
	REQUIRE(subj != NULL);
	decode_subject(subj, subj_len, &dec);
	REQUIRE(memchr(dec.data != NULL ? dec.data : "", '\r', dec.len) ==
	    NULL && memchr(dec.data != NULL ? dec.data : "", '\n', dec.len) ==
	    NULL);
	if (clean_text(subject, subject_len) && subject_len > 0 &&
	    subject[0] != ' ' && subject[subject_len - 1] != ' ' &&
	    strstr(subject, "  ") == NULL)
		REQUIRE(dec.len == subject_len && memcmp(dec.data, subject,
		    subject_len) == 0);
	buf_free(&dec);
}

/*
 * The length of the UTF-8 character at s (at most n bytes) and its code
 * point in *cp, or 0 when s does not start with one (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF).  Written here
 * again, not taken from util/utf8.c, so as not to trust the builder's
 * own reading.
 */
static size_t
utf8_char(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t v, min;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0)
		len = 2, v = s[0] & 0x1f, min = 0x80;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3, v = s[0] & 0x0f, min = 0x800;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4, v = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

/*
 * What a header value given as s becomes, as mime.h promises it; trim:
 * without the spaces at either end (GMime drops them from display names,
 * not from subjects or file names).
 */
static char *
cleaned(const char *s, bool trim)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k;
	struct buf out = BUF_INIT;
	uint32_t cp;

	while (n > 0) {
		if ((k = utf8_char(p, n, &cp)) == 0) {
			buf_puts(&out, "\xef\xbf\xbd");
			k = 1;
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <
		    0xa0) || cp == 0x2028 || cp == 0x2029)
			buf_putc(&out, ' ');
		else
			buf_put(&out, p, k);
		p += k;
		n -= k;
	}
	while (trim && out.len > 0 && out.data[out.len - 1] == ' ')
		out.len--;
	buf_putc(&out, '\0');
	for (k = 0; trim && out.data[k] == ' '; k++)
		continue;
	memmove(out.data, out.data + k, out.len - k);
	return out.data;
}

/*
 * Whether the raw header value has a base64 encoded-word that ends in
 * padding before another one.  GMime 3.2.13 (Debian 12's) decodes the
 * adjacent B words of one charset as one base64 text, so its value ends
 * at such a word; RFC 2047 has each word decoded on its own.
 */
static bool
padded_word_inside(const char *raw)
{
	const char *p = raw, *q;

	while ((p = strstr(p, "=?UTF-8?B?")) != NULL) {
		if ((q = strstr(p + 10, "?=")) == NULL)
			return false;
		if (q[-1] == '=' && strstr(q + 2, "=?UTF-8?B?") != NULL)
			return true;
		p = q + 2;
	}
	return false;
}

/*
 * The header's raw value decoded by GMime one encoded-word at a time (the
 * blanks between two encoded-words dropped, others kept as one space),
 * up to a token that starts with stop (the address after a name), trim:
 * without the spaces at either end, as a string to free.  Used where padded_word_inside() says GMime's own
 * reading of the whole value is wrong.
 */
static char *
decode_word_by_word(GMimeObject *obj, const char *field, const char *stop,
    bool trim)
{
	GMimeHeader *h = g_mime_header_list_get_header(
	    g_mime_object_get_header_list(obj), field);
	const char *raw = h != NULL ? g_mime_header_get_raw_value(h) : NULL;
	struct buf out = BUF_INIT;
	char *tok, *dec;
	const char *p, *e;
	bool prev_word = false, first = true, word;

	for (p = raw != NULL ? raw : ""; *p != '\0'; p = e) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p == '\0' || (stop != NULL && *p == *stop))
			break;
		for (e = p; *e != '\0' && *e != ' ' && *e != '\t' &&
		    *e != '\r' && *e != '\n'; e++)
			continue;
		tok = fuzz_strndup((const uint8_t *)p, (size_t)(e - p));
		word = e - p > 4 && strncmp(p, "=?", 2) == 0 &&
		    strncmp(e - 2, "?=", 2) == 0;
		if (!first && !(word && prev_word))
			buf_putc(&out, ' ');
		if (word) {
			dec = g_mime_utils_header_decode_text(NULL, tok);
			buf_puts(&out, dec);
			g_free(dec);
		} else
			buf_puts(&out, tok);
		free(tok);
		prev_word = word;
		first = false;
	}
	while (trim && out.len > 0 && out.data[out.len - 1] == ' ')
		out.len--;
	buf_putc(&out, '\0');
	for (p = out.data; trim && *p == ' '; p++)
		continue;
	memmove(out.data, p, strlen(p) + 1);
	return out.data;
}

/* Whether GMime's reading of the field can be trusted (see above). */
static bool
gmime_reads(GMimeObject *obj, const char *field)
{
	GMimeHeader *h = g_mime_header_list_get_header(
	    g_mime_object_get_header_list(obj), field);

	return h == NULL || !padded_word_inside(g_mime_header_get_raw_value(h));
}

/*
 * s unfolded (RFC 5322 2.2.3: a CRLF before a blank removed), in place:
 * GMime gives a plain display name that was folded with its line breaks.
 */
static char *
unfold(char *s)
{
	char *r = s, *w = s;

	while (*r != '\0') {
		if (r[0] == '\r' && r[1] == '\n' && (r[2] == ' ' ||
		    r[2] == '\t'))
			r += 2;
		else if (r[0] == '\n' && (r[1] == ' ' || r[1] == '\t'))
			r++;
		else
			*w++ = *r++;
	}
	*w = '\0';
	return s;
}

/* The one mailbox of field: its address is addr, its name expected. */
static void
check_mailbox(GMimeMessage *msg, const char *field,
    InternetAddressList *list, const char *name, const char *addr)
{
	InternetAddress *ia;
	const char *got;
	char *want = cleaned(name, true), *mine = NULL;

	REQUIRE(list != NULL && internet_address_list_length(list) == 1);
	ia = internet_address_list_get_address(list, 0);
	REQUIRE(INTERNET_ADDRESS_IS_MAILBOX(ia));
	REQUIRE(strcmp(internet_address_mailbox_get_addr(
	    INTERNET_ADDRESS_MAILBOX(ia)), addr) == 0);
	if (!gmime_reads(GMIME_OBJECT(msg), field))
		mine = decode_word_by_word(GMIME_OBJECT(msg), field, "<",
		    true);
	else {
		got = internet_address_get_name(ia);
		mine = unfold(strdup(got != NULL ? got : ""));
	}
	got = mine;
	REQUIRE_SAME(got != NULL ? got : "", want);
	free(want);
	free(mine);
}

/* The message read back by GMime says what was given. */
static void
check_gmime(const struct buf *b, const struct mail_message *m)
{
	static bool init;
	GMimeStream *stream, *mem;
	GMimeParser *parser;
	GMimeMessage *msg;
	GMimeObject *top, *att;
	GMimeDataWrapper *content;
	GByteArray *bytes;
	const char *got;
	char *want, *mine = NULL;

	if (!init) {
		g_mime_init();
		init = true;
	}
	stream = g_mime_stream_mem_new_with_buffer(b->data, b->len);
	parser = g_mime_parser_new_with_stream(stream);
	msg = g_mime_parser_construct_message(parser, NULL);
	REQUIRE(msg != NULL);
	check_mailbox(msg, "From", g_mime_message_get_from(msg), m->from_name,
	    m->from_addr);
	check_mailbox(msg, "To", g_mime_message_get_to(msg), m->to_name,
	    m->to_addr);
	REQUIRE(internet_address_list_length(g_mime_message_get_cc(msg)) == 0);
	REQUIRE(internet_address_list_length(g_mime_message_get_bcc(msg)) ==
	    0);
	want = cleaned(m->subject, false);
	if (!gmime_reads(GMIME_OBJECT(msg), "Subject"))
		mine = decode_word_by_word(GMIME_OBJECT(msg), "Subject", NULL,
		    false);
	else {
		got = g_mime_message_get_subject(msg);
		mine = unfold(strdup(got != NULL ? got : ""));
	}
	got = mine;
	REQUIRE_SAME(got != NULL ? got : "", want);
	free(want);
	free(mine);

	top = g_mime_message_get_mime_part(msg);
	REQUIRE(top != NULL && GMIME_IS_MULTIPART(top));
	REQUIRE(g_mime_multipart_get_count(GMIME_MULTIPART(top)) == 2);
	REQUIRE(GMIME_IS_MULTIPART(g_mime_multipart_get_part(
	    GMIME_MULTIPART(top), 0)));
	att = g_mime_multipart_get_part(GMIME_MULTIPART(top), 1);
	REQUIRE(GMIME_IS_PART(att) && g_mime_part_is_attachment(
	    GMIME_PART(att)));
	want = cleaned(m->filename, false);
	if (want[0] == '\0') {
		free(want);
		want = strdup("attachment");
	}
	got = g_mime_part_get_filename(GMIME_PART(att));
	REQUIRE(got != NULL);
	REQUIRE_SAME(got, want);
	free(want);
	content = g_mime_part_get_content(GMIME_PART(att));
	REQUIRE(content != NULL);
	mem = g_mime_stream_mem_new();
	REQUIRE(g_mime_data_wrapper_write_to_stream(content, mem) >= 0);
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	REQUIRE(bytes->len == m->attachment_len && (m->attachment_len == 0 ||
	    memcmp(bytes->data, m->attachment, m->attachment_len) == 0));
	g_object_unref(mem);
	g_object_unref(msg);
	g_object_unref(parser);
	g_object_unref(stream);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *part[7];
	size_t len[7], pos = 0, n;
	char *s[7];
	struct mail_message m;
	struct buf out = BUF_INIT;

	fuzz_quiet();
	for (n = 0; n < 7; n++) {
		if (!fuzz_next_part(data, size, &pos, "|~|", &part[n],
		    &len[n])) {
			part[n] = (const uint8_t *)"";
			len[n] = 0;
		}
		s[n] = fuzz_strndup(part[n], len[n]);
	}
	memset(&m, 0, sizeof(m));
	m.from_name = s[0];
	m.from_addr = "hr@example.cn";
	m.to_name = s[1];
	m.to_addr = "zhang.wei@example.cn";
	m.subject = s[2];
	m.filename = s[3];
	m.text = s[4];
	m.text_len = len[4];
	m.html = s[5];
	m.html_len = len[5];
	m.attachment = s[6];
	m.attachment_len = len[6];
	m.attachment_type = "application/pdf";
	m.date = "Sat, 31 Oct 2026 00:00:00 +0000";
	m.message_id = "0123abcd.2026-10.HD02@example.cn";
	REQUIRE(mail_build(&m, &out) == 0);
	check(&out, s[2], len[2]);
	check_gmime(&out, &m);
	/* the same input, the same bytes */
	{
		struct buf again = BUF_INIT;

		REQUIRE(mail_build(&m, &again) == 0);
		REQUIRE(again.len == out.len && memcmp(again.data, out.data,
		    out.len) == 0);
		buf_free(&again);
	}
	buf_free(&out);
	for (n = 0; n < 7; n++)
		free(s[n]);
	return 0;
}
