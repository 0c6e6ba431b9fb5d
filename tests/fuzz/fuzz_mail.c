/*
 * Fuzz target: the mail message builder of mail/mime.c on hostile names,
 * subjects, file names and bodies.  The input is split at "|~|" into
 * from name, to name, subject, file name, text, HTML and attachment.
 * Whatever they hold, the message has CRLF line ends only, lines of at
 * most 998 characters (78 in headers but the Message-ID), exactly the
 * headers the builder writes, each once (a name with "\r\nBcc: x" never
 * makes a header), the MIME boundaries only where they belong, and a
 * subject that decodes back to what was given when that was clean text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/mime.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "fuzz.h"

#define REQUIRE(cond) do { if (!(cond)) { fprintf(stdout, \
    "fuzz_mail: %s failed\n", #cond); fflush(stdout); abort(); } } while (0)

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
