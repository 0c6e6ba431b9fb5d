/*
 * Unit tests for the mail message builder of generator/mail/mime.h
 * (docs/output.md §8): the header encodings written out by hand (RFC 2047
 * encoded-words, RFC 2231 file names), the address rules, a name that
 * tries to add a header, and the same bytes for the same message.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "mail/mime.h"
#include "util/buf.h"

static void
base_message(struct mail_message *m)
{
	memset(m, 0, sizeof(*m));
	m->from_name = "人力资源部";
	m->from_addr = "hr@example.cn";
	m->to_name = "张伟";
	m->to_addr = "zhang.wei@example.cn";
	m->subject = "绩效报表";
	m->date = "Sat, 31 Oct 2026 00:00:00 +0000";
	m->message_id = "abc.2026-10.HD02@example.cn";
	m->text = "# 绩效报表\n\n正文\n";
	m->text_len = strlen(m->text);
	m->html = "<p>正文</p>\n";
	m->html_len = strlen(m->html);
	m->attachment = "%PDF-1.4\n";
	m->attachment_len = 9;
	m->attachment_type = "application/pdf";
	m->filename = "张伟.pdf";
}

/* The header block: everything before the first empty line. */
static char *
headers(const struct buf *b)
{
	const char *end = strstr(b->data, "\r\n\r\n");

	assert_non_null(end);
	return strndup(b->data, (size_t)(end - b->data) + 2);
}

static void
test_encoded_headers(void **state)
{
	struct mail_message m;
	struct buf b = BUF_INIT;
	char *h;

	(void)state;
	base_message(&m);
	assert_int_equal(mail_build(&m, &b), 0);
	h = headers(&b);
	/* 人力资源部 = e4 ba ba e5 8a 9b e8 b5 84 e6 ba 90 e9 83 a8 */
	assert_non_null(strstr(h, "From: =?UTF-8?B?5Lq65Yqb6LWE5rqQ6YOo?= "
	    "<hr@example.cn>\r\n"));
	assert_non_null(strstr(h, "To: =?UTF-8?B?5byg5Lyf?= "
	    "<zhang.wei@example.cn>\r\n"));
	assert_non_null(strstr(h, "Subject: =?UTF-8?B?57up5pWI5oql6KGo?=\r\n"));
	assert_non_null(strstr(h, "Message-ID: <abc.2026-10.HD02@example.cn>"
	    "\r\n"));
	assert_null(strstr(h, "Bcc"));
	free(h);
	/* 张伟.pdf in RFC 2231 and RFC 2047 */
	assert_non_null(strstr(b.data, " filename*=UTF-8''%E5%BC%A0%E4%BC%9F"
	    ".pdf\r\n"));
	assert_non_null(strstr(b.data, " name=\"=?UTF-8?B?5byg5LyfLnBkZg==?=\""
	    "\r\n"));
	/* the attachment: base64 of "%PDF-1.4\n" */
	assert_non_null(strstr(b.data, "\r\n\r\nJVBERi0xLjQK\r\n"));
	buf_free(&b);
}

static void
test_plain_ascii(void **state)
{
	struct mail_message m;
	struct buf b = BUF_INIT;

	(void)state;
	base_message(&m);
	m.from_name = "Human Resources";
	m.subject = "Your statement for October 2026";
	m.filename = "statement.pdf";
	assert_int_equal(mail_build(&m, &b), 0);
	assert_non_null(strstr(b.data, "From: Human Resources <hr@example.cn>"
	    "\r\n"));
	assert_non_null(strstr(b.data, "Subject: Your statement for October "
	    "2026\r\n"));
	assert_non_null(strstr(b.data, " name=\"statement.pdf\"\r\n"));
	assert_non_null(strstr(b.data, " filename*=UTF-8''statement.pdf\r\n"));
	buf_free(&b);
}

/* No line longer than 78, every encoded-word at most 75, and folding. */
static void
test_long_values_fold(void **state)
{
	struct mail_message m;
	struct buf b = BUF_INIT, subj = BUF_INIT;
	const char *p, *e;
	size_t i;

	(void)state;
	base_message(&m);
	for (i = 0; i < 40; i++)
		buf_puts(&subj, "长");
	m.subject = subj.data;
	m.filename = subj.data;
	assert_int_equal(mail_build(&m, &b), 0);
	for (p = b.data; *p != '\0'; p = e + 2) {
		e = strstr(p, "\r\n");
		assert_non_null(e);
		if (strncmp(p, "Message-ID:", 11) != 0)
			assert_true(e - p <= 78);
	}
	/* 40 three-byte characters: 14 per word (42 bytes), so 3 words */
	p = strstr(b.data, "Subject:");
	assert_non_null(p);
	assert_non_null(strstr(p, "?=\r\n =?UTF-8?B?"));
	/* the file name continued: filename*0*, filename*1*, ... */
	assert_non_null(strstr(b.data, " filename*0*=UTF-8''%E9%95%BF"));
	assert_non_null(strstr(b.data, " filename*1*="));
	buf_free(&b);
	buf_free(&subj);
}

/* A CR or LF in a value never ends a header line. */
static void
test_no_header_injection(void **state)
{
	struct mail_message m;
	struct buf b = BUF_INIT;
	char *h;

	(void)state;
	base_message(&m);
	m.to_name = "Eve\r\nBcc: victim@example.com";
	m.subject = "Hi\r\nBcc: all@example.com";
	m.filename = "x\r\nContent-Type: text/html";
	assert_int_equal(mail_build(&m, &b), 0);
	h = headers(&b);
	assert_null(strstr(h, "\r\nBcc"));
	assert_null(strstr(b.data, "\r\nContent-Type: text/html\r\n"));
	assert_null(strstr(b.data, "\nBcc"));
	free(h);
	buf_free(&b);
	/* an address that is not one: refused, nothing written */
	base_message(&m);
	m.to_addr = "a@example.cn\r\nBcc: b@example.cn";
	assert_int_equal(mail_build(&m, &b), -1);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void
test_addresses(void **state)
{
	static const char *const good[] = { "a@b", "zhang.wei@example.cn",
	    "a+tag@mail.example-one.com", "o'neil@example.ie", NULL };
	static const char *const bad[] = { "", "a", "@b", "a@", "a..b@c",
	    ".a@b", "a.@b", "a@b..c", "a@-b.c", "a@b-.c", "a b@c", "<a@b>",
	    "a@b@c", "张@example.cn", "a@例子.cn", "a@[127.0.0.1]",
	    "\"a\"@b", NULL };
	char *name, *addr;
	size_t i;

	(void)state;
	for (i = 0; good[i] != NULL; i++)
		assert_true(mail_addr_valid(good[i], strlen(good[i])));
	for (i = 0; bad[i] != NULL; i++)
		assert_false(mail_addr_valid(bad[i], strlen(bad[i])));
	assert_true(mail_parse_sender("人力资源部 <hr@example.cn>", &name,
	    &addr));
	assert_string_equal(name, "人力资源部");
	assert_string_equal(addr, "hr@example.cn");
	assert_string_equal(mail_addr_domain(addr), "example.cn");
	free(name);
	free(addr);
	assert_true(mail_parse_sender("hr@example.cn", &name, &addr));
	assert_null(name);
	assert_string_equal(addr, "hr@example.cn");
	free(addr);
	assert_false(mail_parse_sender("HR <hr@example.cn> x", &name, &addr));
	assert_false(mail_parse_sender("HR <hr>", &name, &addr));
}

static void
test_same_bytes(void **state)
{
	struct mail_message m;
	struct buf a = BUF_INIT, b = BUF_INIT;

	(void)state;
	base_message(&m);
	assert_int_equal(mail_build(&m, &a), 0);
	assert_int_equal(mail_build(&m, &b), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	buf_free(&a);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encoded_headers),
		cmocka_unit_test(test_plain_ascii),
		cmocka_unit_test(test_long_values_fold),
		cmocka_unit_test(test_no_header_injection),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_same_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
