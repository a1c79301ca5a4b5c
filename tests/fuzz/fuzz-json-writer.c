/* libFuzzer harness for the streaming JSON writer (src/export/
 * json-writer.c), against jansson as the reference: any bytes that are
 * valid UTF-8 without NUL come out exactly as jansson's compact dump of
 * the same string, and reading that back gives the bytes again; anything
 * else is refused with MK_EINVAL and nothing written. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "export/json-writer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1);
	if (!in)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	size_t len = strlen(in);

	struct mk_buf b;
	struct mk_jw w;
	mk_buf_init(&b, 6 * len + 16);
	mk_jw_init(&w, &b);
	mk_jw_string(&w, in);
	if (!mk_utf8_valid(in, len)) {
		if (mk_jw_rc(&w) != MK_EINVAL || b.len != 0)
			abort();
	} else {
		json_t *ref = json_stringn(in, len);
		char *want = json_dumps(ref, JSON_COMPACT | JSON_ENCODE_ANY);
		if (mk_jw_rc(&w) != MK_OK || !want || strcmp(want, b.data) != 0)
			abort();
		json_t *back = json_loads(b.data, JSON_DECODE_ANY, NULL);
		if (!back || strcmp(json_string_value(back), in) != 0)
			abort();
		json_decref(back);
		free(want);
		json_decref(ref);
	}
	mk_buf_release(&b);
	free(in);
	return 0;
}
