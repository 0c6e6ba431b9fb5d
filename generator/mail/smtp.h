/*
 * Handing messages to an SMTP server through libcurl (docs/output.md §8):
 * one session, one connection kept across messages (the same easy
 * handle), TLS required whenever a password is set, certificates always
 * verified (a private CA from a file).  Each message goes from our buffer
 * as it is, to one recipient.
 */
#ifndef SC_MAIL_SMTP_H
#define SC_MAIL_SMTP_H

#include <stddef.h>

struct buf;

struct smtp_config {
	const char	*url;		/* smtp://host:port or smtps://... */
	const char	*user;		/* may be NULL */
	const char	*password;	/* may be NULL; never shown */
	const char	*cafile;	/* may be NULL */
	const char	*from;		/* the envelope sender's address */
};

enum smtp_result {
	SMTP_SENT,		/* accepted (2xx after the data) */
	SMTP_REJECTED,		/* a 5xx for this message: the next may go */
	SMTP_TEMPORARY,		/* a 4xx, a dropped or refused connection,
				   a timeout: stop, try later */
	SMTP_AUTH,		/* the server refused the user and password,
				   or wants a login and none was given */
	SMTP_INSECURE		/* no TLS where it is required, or a
				   certificate not trusted */
};

struct smtp_session;

/* A session for the configuration (copied); NULL when libcurl fails. */
struct smtp_session *smtp_open(const struct smtp_config *);
/*
 * Sends msg[0..len) to rcpt.  reply receives the server's last reply
 * line, printable ASCII (or what went wrong, when there was none).
 */
enum smtp_result smtp_send(struct smtp_session *, const char *rcpt,
	    const char *msg, size_t len, struct buf *reply);
void	 smtp_close(struct smtp_session *);

#endif
