/* A strict UTF-8 decoder used only for validation (RFC 3629, Unicode
 * Table 3-7 of well-formed byte sequences). */
#include "base/utf8.h"

#include <stdint.h>
#include <string.h>

/* Length of the well-formed sequence at s (at most avail bytes), or 0. */
static size_t sequence_length(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t need;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		if (c == 0xE0)
			lo = 0xA0; /* overlong */
		else if (c == 0xED)
			hi = 0x9F; /* UTF-16 surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		if (c == 0xF0)
			lo = 0x90; /* overlong */
		else if (c == 0xF4)
			hi = 0x8F; /* above U+10FFFF */
	} else {
		return 0;
	}
	if (avail < need)
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < need; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return need;
}

/* True if the 8 bytes at p are all ASCII. memcpy, not a cast: p need not
 * be aligned, and the compiler turns it into one load. */
static bool ascii8(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, sizeof(w));
	return (w & UINT64_C(0x8080808080808080)) == 0;
}

size_t mk_utf8_first_invalid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		/* Most text is ASCII: skip it a word at a time (imports check
		 * every field of every record, and this was a tenth of it). */
		while (len - i >= 8 && ascii8(p + i))
			i += 8;
		if (i == len)
			break;
		size_t n = sequence_length(p + i, len - i);
		if (n == 0)
			return i;
		i += n;
	}
	return len;
}

bool mk_utf8_valid(const char *s, size_t len)
{
	return mk_utf8_first_invalid(s, len) == len;
}

void mk_utf8_truncate(char *buf, size_t cap)
{
	if (cap == 0)
		return;
	size_t len = strnlen(buf, cap - 1);
	buf[len] = '\0';
	/* Walk back over continuation bytes to the last lead byte; if that
	 * character needs more bytes than are left, drop it. */
	size_t i = len, continuation = 0;
	while (i > 0 && continuation < 3 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80) {
		i--;
		continuation++;
	}
	if (i == 0)
		return;
	unsigned char lead = (unsigned char)buf[i - 1];
	size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (need > 1 && continuation + 1 < need)
		buf[i - 1] = '\0';
}

size_t mk_utf8_length(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

size_t mk_utf8_hidden_control(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	if (len >= 2 && p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
		return 2;
	if (len >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE)
		return 3;
	if (len >= 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
		return 3;
	return 0;
}
