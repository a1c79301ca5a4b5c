/* Text checks shared by every input path. Control characters are refused
 * because they hide text on a terminal (escape sequences) and break the
 * one-line fields of exports. */
#include "core/text.h"

#include <string.h>

#include "base/utf8.h"

bool mk_text_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

enum mk_rc mk_text_check(const char *field, const char *s, size_t max,
			 enum mk_text_kind kind, bool required, struct mk_error *err)
{
	if (mk_text_blank(s)) {
		if (required)
			return mk_error_set(err, MK_EINVAL, field, "%s is empty", field);
		if (!s)
			return MK_OK;
	}
	size_t len = strlen(s);
	if (len > max)
		return mk_error_set(err, MK_ETOOBIG, field,
				    "%s is too long: %zu bytes, the limit is %zu", field, len, max);
	size_t bad = mk_utf8_first_invalid(s, len);
	if (bad < len)
		return mk_error_set(err, MK_EINVAL, field,
				    "%s is not valid UTF-8 (at byte %zu)", field, bad);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f)
			continue; /* printable ASCII: the common case */
		bool allowed_ws = kind == MK_TEXT_MULTILINE && (c == '\n' || c == '\t' || c == '\r');
		if ((c < 0x20 && !allowed_ws) || c == 0x7f)
			return mk_error_set(err, MK_EINVAL, field,
					    "%s contains a control character (0x%02x at byte %zu)",
					    field, c, i);
		if (c >= 0x80 && mk_utf8_hidden_control(s + i, len - i))
			return mk_error_set(err, MK_EINVAL, field,
					    "%s contains an invisible control character (at byte %zu) "
					    "that can change how the text reads",
					    field, i);
	}
	return MK_OK;
}

bool mk_media_type_valid(const char *m)
{
	size_t n = m ? strlen(m) : 0, slash = 0;
	if (n == 0 || n > 255)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = m[i];
		if (c == '/') {
			if (slash || i == 0 || i + 1 == n)
				return false;
			slash = i;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      strchr("!#$&-^_.+", c)))
			return false;
	}
	return slash != 0;
}
