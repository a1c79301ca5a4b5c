/* The streaming JSON writer (json-writer.h). */
#include "export/json-writer.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"

void mk_jw_init(struct mk_jw *w, struct mk_buf *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->first[0] = true;
	w->rc = mk_buf_rc(out);
}

enum mk_rc mk_jw_rc(const struct mk_jw *w)
{
	return w->rc != MK_OK ? w->rc : mk_buf_rc(w->out);
}

static bool fail(struct mk_jw *w, enum mk_rc rc)
{
	if (w->rc == MK_OK)
		w->rc = rc;
	return false;
}

/* Before any value: the comma that separates it from the one before,
 * unless it is a member's value (the key wrote the comma). Inside an
 * object only a member's value may come. */
static bool value_start(struct mk_jw *w)
{
	if (mk_jw_rc(w) != MK_OK)
		return false;
	if (w->after_key) {
		w->after_key = false;
		return true;
	}
	if (w->object[w->depth])
		return fail(w, MK_EINVAL);
	if (!w->first[w->depth])
		mk_buf_addc(w->out, ',');
	w->first[w->depth] = false;
	return true;
}

static void open_container(struct mk_jw *w, char c)
{
	if (!value_start(w))
		return;
	if (w->depth == MK_JW_DEPTH) {
		fail(w, MK_EINVAL);
		return;
	}
	mk_buf_addc(w->out, c);
	w->first[++w->depth] = true;
	w->object[w->depth] = c == '{';
}

static void close_container(struct mk_jw *w, char c)
{
	if (mk_jw_rc(w) != MK_OK)
		return;
	if (w->depth == 0 || w->after_key || w->object[w->depth] != (c == '}')) {
		fail(w, MK_EINVAL);
		return;
	}
	w->depth--;
	mk_buf_addc(w->out, c);
}

void mk_jw_object(struct mk_jw *w)
{
	open_container(w, '{');
}

void mk_jw_object_end(struct mk_jw *w)
{
	close_container(w, '}');
}

void mk_jw_array(struct mk_jw *w)
{
	open_container(w, '[');
}

void mk_jw_array_end(struct mk_jw *w)
{
	close_container(w, ']');
}

/* s[0..len) as a JSON string: jansson's escapes (the two-letter ones
 * where JSON has them, \u00XX for the other controls), everything else
 * as it is, runs copied whole. */
static void write_string(struct mk_jw *w, const char *s, size_t len)
{
	if (!mk_utf8_valid(s, len)) {
		fail(w, MK_EINVAL);
		return;
	}
	struct mk_buf *b = w->out;
	mk_buf_addc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		mk_buf_add(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': mk_buf_add(b, "\\\"", 2); break;
		case '\\': mk_buf_add(b, "\\\\", 2); break;
		case '\b': mk_buf_add(b, "\\b", 2); break;
		case '\f': mk_buf_add(b, "\\f", 2); break;
		case '\n': mk_buf_add(b, "\\n", 2); break;
		case '\r': mk_buf_add(b, "\\r", 2); break;
		case '\t': mk_buf_add(b, "\\t", 2); break;
		default: {
			char esc[8];
			snprintf(esc, sizeof(esc), "\\u%04X", c);
			mk_buf_add(b, esc, 6);
		}
		}
	}
	mk_buf_add(b, s + run, len - run);
	mk_buf_addc(b, '"');
}

void mk_jw_key(struct mk_jw *w, const char *name)
{
	if (mk_jw_rc(w) != MK_OK)
		return;
	if (!w->object[w->depth] || w->after_key) {
		fail(w, MK_EINVAL);
		return;
	}
	if (!w->first[w->depth])
		mk_buf_addc(w->out, ',');
	w->first[w->depth] = false;
	write_string(w, name, strlen(name));
	mk_buf_addc(w->out, ':');
	w->after_key = true;
}

void mk_jw_string(struct mk_jw *w, const char *s)
{
	if (!s) {
		mk_jw_null(w);
		return;
	}
	if (value_start(w))
		write_string(w, s, strlen(s));
}

void mk_jw_int(struct mk_jw *w, int64_t v)
{
	if (!value_start(w))
		return;
	char num[24];
	int n = snprintf(num, sizeof(num), "%" PRId64, v);
	mk_buf_add(w->out, num, (size_t)n);
}

void mk_jw_bool(struct mk_jw *w, bool v)
{
	if (value_start(w))
		mk_buf_adds(w->out, v ? "true" : "false");
}

void mk_jw_null(struct mk_jw *w)
{
	if (value_start(w))
		mk_buf_add(w->out, "null", 4);
}

void mk_jw_time(struct mk_jw *w, mk_time t)
{
	if (t == MK_TIME_UNKNOWN) {
		mk_jw_null(w);
		return;
	}
	char text[MK_TIME_TEXT];
	mk_jw_string(w, mk_time_format_utc(t, text));
}
