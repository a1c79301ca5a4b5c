/* Checks for text a person typed or a file supplied, before it is stored. */
#ifndef MK_CORE_TEXT_H
#define MK_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/rc.h"

enum mk_text_kind {
	MK_TEXT_LINE,      /* one line: no control characters at all */
	MK_TEXT_MULTILINE, /* newlines and tabs allowed, other controls not */
};

/* Checks s (NULL counts as empty) for field: required and empty gives
 * MK_EINVAL "title is empty"; longer than max bytes gives MK_ETOOBIG;
 * invalid UTF-8 or a forbidden control character gives MK_EINVAL naming
 * the byte offset. Forbidden: C0 controls other than newline, tab and CR in
 * multi-line text, DEL, C1 controls, and the bidirectional overrides that
 * make text read differently from how it is stored. Leading and trailing whitespace is not an error: it is
 * the caller's choice to trim. */
enum mk_rc mk_text_check(const char *field, const char *s, size_t max,
			 enum mk_text_kind kind, bool required, struct mk_error *err);

/* True if s is NULL or has only spaces, tabs and newlines. */
bool mk_text_blank(const char *s);
/* Whether m is a MIME media type as stored with evidence: type/subtype of
 * RFC 6838's restricted-name characters, at most 255 bytes (no
 * parameters). NULL is not one. */
bool mk_media_type_valid(const char *m);

#endif
