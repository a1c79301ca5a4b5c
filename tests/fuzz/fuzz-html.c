/* libFuzzer harness for mk_html_escape, the one HTML escaping function
 * of the web UI (src/http/html.c): whatever the bytes, the output holds
 * no < > " ' and every & starts one of the five references, and reading
 * the references back gives the input exactly. The URL encoder
 * (mk_html_url_param) is held to its own rule: only unreserved
 * characters and %XX. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/html.h"

static const struct {
	const char *ref;
	char c;
} refs[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1);
	if (!in)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	size_t len = strlen(in); /* the escaper sees a C string */

	struct mk_buf b;
	mk_buf_init(&b, 6 * len + 16);
	mk_html_escape(&b, in);
	if (mk_buf_rc(&b) != MK_OK)
		abort();
	struct mk_buf back;
	mk_buf_init(&back, len + 16);
	for (size_t i = 0; i < b.len;) {
		char c = b.data[i];
		if (c == '<' || c == '>' || c == '"' || c == '\'')
			abort();
		if (c != '&') {
			mk_buf_addc(&back, c);
			i++;
			continue;
		}
		size_t k = 0;
		while (k < sizeof(refs) / sizeof(refs[0]) &&
		       strncmp(b.data + i, refs[k].ref, strlen(refs[k].ref)) != 0)
			k++;
		if (k == sizeof(refs) / sizeof(refs[0]))
			abort();
		mk_buf_addc(&back, refs[k].c);
		i += strlen(refs[k].ref);
	}
	if (mk_buf_rc(&back) != MK_OK || back.len != len || memcmp(back.data, in, len) != 0)
		abort();

	mk_buf_reset(&b);
	mk_html_url_param(&b, in);
	for (size_t i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.data[i];
		if (c == '%') {
			if (i + 2 >= b.len)
				abort();
			i += 2;
			continue;
		}
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.' || c == '~'))
			abort();
	}
	mk_buf_release(&back);
	mk_buf_release(&b);
	free(in);
	return 0;
}
