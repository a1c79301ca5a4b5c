/* UTF-8 checks. meldkamer stores text as UTF-8 and rejects anything else
 * rather than mangling it (DESIGN.md "Bad input"). */
#ifndef MK_BASE_UTF8_H
#define MK_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True if s[0..len) is well-formed UTF-8: no overlong forms, no surrogates,
 * nothing above U+10FFFF. NUL bytes are allowed here; see mk_text_check. */
bool mk_utf8_valid(const char *s, size_t len);

/* Byte offset of the first invalid sequence in s[0..len), or len if none. */
size_t mk_utf8_first_invalid(const char *s, size_t len);

/* Cuts the NUL-terminated string in buf (of size cap) back to the last
 * complete character, if its tail is a partial sequence. */
void mk_utf8_truncate(char *buf, size_t cap);

/* Number of code points in a valid UTF-8 string s[0..len). */
size_t mk_utf8_length(const char *s, size_t len);

#endif
