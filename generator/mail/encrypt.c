/*
 * pdf_encrypt_aes256 of encrypt.h, through libqpdf's C API: read from
 * memory, write to memory with R6 encryption parameters.  The owner
 * password is 32 random bytes from getrandom, in hex, used once and
 * wiped.
 */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <qpdf/qpdf-c.h>

#include "mail/encrypt.h"
#include "util/buf.h"

static int
random_hex(char out[65], struct buf *err)
{
	unsigned char r[32];
	size_t got = 0, i;
	ssize_t n;

	while (got < sizeof(r)) {
		n = getrandom(r + got, sizeof(r) - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			buf_printf(err, "no random bytes: %s", strerror(errno));
			return -1;
		}
		got += (size_t)n;
	}
	for (i = 0; i < sizeof(r); i++) {
		out[2 * i] = "0123456789abcdef"[r[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[r[i] & 15];
	}
	out[64] = '\0';
	explicit_bzero(r, sizeof(r));
	return 0;
}

/* libqpdf's first error, as text; true when there was one. */
static int
qpdf_failed(qpdf_data q, struct buf *err)
{
	qpdf_error e;

	if (!qpdf_has_error(q))
		return 0;
	e = qpdf_get_error(q);
	buf_puts(err, e != NULL ? qpdf_get_error_full_text(q, e) :
	    "libqpdf failed");
	return 1;
}

int
pdf_encrypt_aes256(const char *pdf, size_t len, const char *password,
    struct buf *out, struct buf *err)
{
	qpdf_data q;
	char owner[65];
	int status = -1;

	if (random_hex(owner, err) != 0)
		return -1;
	q = qpdf_init();
	qpdf_silence_errors(q);
	if ((qpdf_read_memory(q, "statement", pdf, len, NULL) &
	    QPDF_ERRORS) || qpdf_failed(q, err))
		goto out;
	if ((qpdf_init_write_memory(q) & QPDF_ERRORS) || qpdf_failed(q, err))
		goto out;
	/* reading and printing allowed, changes not */
	qpdf_set_r6_encryption_parameters2(q, password, owner, QPDF_TRUE,
	    QPDF_TRUE, QPDF_FALSE, QPDF_FALSE, QPDF_FALSE, QPDF_FALSE,
	    qpdf_r3p_full, QPDF_TRUE);
	if ((qpdf_write(q) & QPDF_ERRORS) || qpdf_failed(q, err))
		goto out;
	buf_put(out, qpdf_get_buffer(q), qpdf_get_buffer_length(q));
	status = 0;
out:
	explicit_bzero(owner, sizeof(owner));
	qpdf_cleanup(&q);
	return status;
}
