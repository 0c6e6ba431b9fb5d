/*
 * Encrypting an attachment for `scorecard send --encrypt` (docs/output.md
 * §8): a PDF rewritten by libqpdf with AES-256 (PDF 2.0, R6) under the
 * recipient's statement password and a random owner password of its own.
 * The input bytes are not changed.
 */
#ifndef SC_MAIL_ENCRYPT_H
#define SC_MAIL_ENCRYPT_H

#include <stddef.h>

struct buf;

/*
 * Appends the encrypted PDF to out; 0, or -1 with why (libqpdf's
 * message, or that no random bytes could be had) in err.
 */
int	 pdf_encrypt_aes256(const char *pdf, size_t len, const char *password,
	    struct buf *out, struct buf *err);

#endif
