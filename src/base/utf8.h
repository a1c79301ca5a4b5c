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

/* If s[0..len) starts with a C1 control character (U+0080..U+009F) or a
 * bidirectional embedding, override or isolate (U+202A..U+202E,
 * U+2066..U+2069), its length in bytes (2 or 3); otherwise 0. Such
 * characters reorder or hide what a reader sees ("Trojan Source"). */
size_t mk_utf8_hidden_control(const char *s, size_t len);

/* Number of code points in a valid UTF-8 string s[0..len). */
size_t mk_utf8_length(const char *s, size_t len);

#endif
