/* A growable byte string with a ceiling (after git's strbuf and curl's
 * dynbuf). Invariants: data is always NUL-terminated (data[len] == 0),
 * len never exceeds max, and after the first failure every append does
 * nothing, so callers append freely and check once with mk_buf_rc(). */
#ifndef MK_BASE_BUF_H
#define MK_BASE_BUF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/rc.h"

struct mk_buf {
	char *data;      /* owned; never NULL after mk_buf_init */
	size_t len;      /* bytes used, excluding the terminating NUL */
	size_t cap;      /* bytes allocated (0 while data points at a static "") */
	size_t max;      /* the ceiling for len */
	enum mk_rc rc;   /* MK_OK, or the first failure: MK_ENOMEM or MK_ETOOBIG */
};

/* Starts an empty buffer that may grow to max bytes. Allocates nothing. */
void mk_buf_init(struct mk_buf *b, size_t max);
/* Frees the memory; the buffer is as after mk_buf_init. Accepts NULL. */
void mk_buf_release(struct mk_buf *b);
/* Empties the buffer and forgets a failure, keeping its memory. */
void mk_buf_reset(struct mk_buf *b);

void mk_buf_add(struct mk_buf *b, const void *p, size_t n);
void mk_buf_adds(struct mk_buf *b, const char *s);
void mk_buf_addc(struct mk_buf *b, char c);
void mk_buf_addf(struct mk_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* MK_OK, or the first failure since init or reset. */
static inline enum mk_rc mk_buf_rc(const struct mk_buf *b) { return b->rc; }

/* Hands the memory to the caller (free with mk_free) and re-initialises
 * the buffer. Returns NULL if the buffer failed; then nothing is handed
 * over. ret_len (optional) gets the length. */
char *mk_buf_detach(struct mk_buf *b, size_t *ret_len);

#endif
