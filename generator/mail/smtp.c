/*
 * The SMTP session of smtp.h, on one libcurl easy handle: libcurl keeps
 * the connection open between transfers on the same handle, so a batch
 * is one connection (a new one only after the server closed it).  The
 * server's reply lines come through the header callback; the last one is
 * what the delivery log records.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "mail/smtp.h"
#include "util/alloc.h"
#include "util/buf.h"

struct upload {
	const char	*data;
	size_t		 len, off;
};

struct smtp_session {
	CURL		*curl;
	struct smtp_config cfg;
	struct upload	 up;
	struct buf	 last;	/* the last reply line */
	struct buf	 first_error;	/* the first 4xx or 5xx one */
};

static size_t
read_cb(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb;

	if (n > u->len - u->off)
		n = u->len - u->off;
	memcpy(ptr, u->data + u->off, n);
	u->off += n;
	return n;
}

/* Each reply line: kept, printable ASCII, when it has a code. */
static size_t
header_cb(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct smtp_session *s = arg;
	size_t n = size * nmemb, i;

	if (n >= 3 && ptr[0] >= '2' && ptr[0] <= '5') {
		buf_reset(&s->last);
		for (i = 0; i < n && s->last.len < 200; i++)
			if (ptr[i] >= 0x20 && ptr[i] <= 0x7e)
				buf_putc(&s->last, ptr[i]);
		if (ptr[0] >= '4' && s->first_error.len == 0)
			buf_puts(&s->first_error, buf_str(&s->last));
	}
	return n;
}

struct smtp_session *
smtp_open(const struct smtp_config *cfg)
{
	static bool inited;
	struct smtp_session *s;
	bool secure_url = strncmp(cfg->url, "smtps://", 8) == 0;

	if (!inited) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return NULL;
		inited = true;
	}
	s = xcalloc(1, sizeof(*s));
	s->cfg = *cfg;
	if ((s->curl = curl_easy_init()) == NULL) {
		free(s);
		return NULL;
	}
	curl_easy_setopt(s->curl, CURLOPT_URL, cfg->url);
	curl_easy_setopt(s->curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->curl, CURLOPT_NOPROGRESS, 1L);
	curl_easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(s->curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, 60L);
	/* a transfer that stalls for a minute is a dropped connection */
	curl_easy_setopt(s->curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(s->curl, CURLOPT_LOW_SPEED_TIME, 60L);
	/* certificates are always verified; never AUTH in clear */
	curl_easy_setopt(s->curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(s->curl, CURLOPT_SSL_VERIFYHOST, 2L);
	if (cfg->cafile != NULL)
		curl_easy_setopt(s->curl, CURLOPT_CAINFO, cfg->cafile);
	if (!secure_url)
		curl_easy_setopt(s->curl, CURLOPT_USE_SSL,
		    cfg->password != NULL ? (long)CURLUSESSL_ALL :
		    (long)CURLUSESSL_TRY);
	if (cfg->user != NULL)
		curl_easy_setopt(s->curl, CURLOPT_USERNAME, cfg->user);
	if (cfg->password != NULL)
		curl_easy_setopt(s->curl, CURLOPT_PASSWORD, cfg->password);
	curl_easy_setopt(s->curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(s->curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(s->curl, CURLOPT_READDATA, &s->up);
	curl_easy_setopt(s->curl, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(s->curl, CURLOPT_HEADERDATA, s);
	return s;
}

enum smtp_result
smtp_send(struct smtp_session *s, const char *rcpt, const char *msg,
    size_t len, struct buf *reply)
{
	struct curl_slist *to = NULL;
	struct buf from = BUF_INIT, r = BUF_INIT;
	enum smtp_result result;
	CURLcode rc;
	long code = 0;

	buf_printf(&from, "<%s>", s->cfg.from);
	buf_printf(&r, "<%s>", rcpt);
	to = curl_slist_append(NULL, r.data);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_FROM, from.data);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, to);
	curl_easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	s->up.data = msg;
	s->up.len = len;
	s->up.off = 0;
	buf_reset(&s->last);
	buf_reset(&s->first_error);
	rc = curl_easy_perform(s->curl);
	curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(to);
	buf_free(&from);
	buf_free(&r);

	if (rc == CURLE_OK)
		result = SMTP_SENT;
	else if (rc == CURLE_LOGIN_DENIED || code == 530)
		result = SMTP_AUTH;	/* 530: a login is required */
	else if (rc == CURLE_USE_SSL_FAILED || rc == CURLE_SSL_CONNECT_ERROR ||
	    rc == CURLE_PEER_FAILED_VERIFICATION ||
	    rc == CURLE_SSL_CACERT_BADFILE || rc == CURLE_SSL_CERTPROBLEM)
		result = SMTP_INSECURE;
	else if (code >= 500 && code <= 599)
		result = SMTP_REJECTED;
	else
		result = SMTP_TEMPORARY;	/* 4xx, dropped, refused */
	buf_reset(reply);
	if (rc != CURLE_OK && s->first_error.len > 0)
		buf_put(reply, s->first_error.data, s->first_error.len);
	else if (s->last.len > 0 && (rc == CURLE_OK || code >= 400))
		buf_put(reply, s->last.data, s->last.len);
	else if (rc != CURLE_OK)
		buf_puts(reply, curl_easy_strerror(rc));
	if (reply->len == 0)
		buf_puts(reply, rc == CURLE_OK ? "accepted" : "failed");
	return result;
}

void
smtp_close(struct smtp_session *s)
{
	if (s == NULL)
		return;
	curl_easy_cleanup(s->curl);
	buf_free(&s->last);
	buf_free(&s->first_error);
	free(s);
}
