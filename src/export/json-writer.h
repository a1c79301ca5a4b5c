/* A streaming JSON writer into a bounded buffer. The API's list answers
 * are written at the rate of a busy server (a page of 50 incidents
 * thousands of times a second), where building a jansson tree first cost
 * more than the query: one allocation per value and per key. This writer
 * allocates nothing but the buffer's growth and writes exactly what
 * jansson's compact dump writes, so a shape defined with it can also be
 * read back into a json_t where a caller needs one (export/json.c does).
 *
 * Errors are sticky: after invalid UTF-8, nesting too deep or the buffer's
 * ceiling, every further call does nothing and mk_jw_rc() says why. */
#ifndef MK_EXPORT_JSON_WRITER_H
#define MK_EXPORT_JSON_WRITER_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/rc.h"
#include "base/time.h"

/* Deep enough for every shape meldkamer writes; deeper is MK_EINVAL. */
#define MK_JW_DEPTH 16

struct mk_jw {
	struct mk_buf *out;
	int depth;
	bool first[MK_JW_DEPTH + 1];  /* no member written yet at this depth */
	bool object[MK_JW_DEPTH + 1]; /* the container at this depth is an object */
	bool after_key;              /* a key was written; its value comes next */
	enum mk_rc rc;
};

/* Writes to the end of out (which keeps what it holds). */
void mk_jw_init(struct mk_jw *w, struct mk_buf *out);
/* MK_OK, MK_EINVAL (invalid UTF-8, nesting, a value where a key belongs)
 * or the buffer's own failure (MK_ETOOBIG, MK_ENOMEM). */
enum mk_rc mk_jw_rc(const struct mk_jw *w);

void mk_jw_object(struct mk_jw *w);
void mk_jw_object_end(struct mk_jw *w);
void mk_jw_array(struct mk_jw *w);
void mk_jw_array_end(struct mk_jw *w);
/* A member's name inside an object; the next call writes its value. */
void mk_jw_key(struct mk_jw *w, const char *name);

/* A NUL-terminated UTF-8 string, escaped; NULL writes null. */
void mk_jw_string(struct mk_jw *w, const char *s);
void mk_jw_int(struct mk_jw *w, int64_t v);
void mk_jw_bool(struct mk_jw *w, bool v);
void mk_jw_null(struct mk_jw *w);
/* RFC 3339 UTC ("2026-10-27T10:00:00Z"), or null for MK_TIME_UNKNOWN. */
void mk_jw_time(struct mk_jw *w, mk_time t);

#endif
