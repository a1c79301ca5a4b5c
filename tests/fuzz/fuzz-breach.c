/* libFuzzer harness for the breach's hand-written parsers: the
 * comma-separated vocabulary sets (core/breach.h mk_breach_set_parse) and
 * the AP reference and notification checks, and the register's CSV
 * quoting and cell neutraliser on whatever text. The first byte picks the
 * vocabulary. Properties: a parsed set formats back to text that parses
 * to the same set; a neutralised cell never begins with a formula
 * character; a CSV record with a quote or comma is quoted. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/breach.h"
#include "export/breach.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096)
		return 0;
	char *text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	enum mk_breach_vocab v = (enum mk_breach_vocab)(data[0] % MK_BV_COUNT);
	struct mk_error err;
	uint32_t set = 0, again = 0;
	if (mk_breach_set_parse(v, text, "fuzz", &set, &err) == MK_OK) {
		struct mk_buf b;
		mk_buf_init(&b, 4096);
		mk_breach_set_format(v, set, &b);
		if (mk_breach_set_parse(v, b.data ? b.data : "", "fuzz", &again, &err) != MK_OK ||
		    again != set)
			abort();
		mk_buf_release(&b);
	}
	struct mk_ap_notification n = {0, (enum mk_ap_kind)(data[0] % MK_AP_KIND_COUNT), 1000, text,
				       "fuzz", text};
	struct mk_ap_notification prev = {0, MK_AP_VOORLOPIG, 900, "M-1", "fuzz", NULL};
	(void)mk_ap_notification_check(&prev, data[0] & 1, &n, 500, 2000, &err);

	struct mk_buf cell, line;
	mk_buf_init(&cell, 8192);
	mk_buf_init(&line, 32768);
	mk_cell_neutralise(text, &cell);
	if (cell.len && strchr("=+-@\t\r", cell.data[0]))
		abort();
	const char *cells[2] = {text, cell.data ? cell.data : ""};
	mk_csv_record(cells, 2, &line);
	if (strpbrk(text, ",\"\r\n") && line.data[0] != '"')
		abort();
	mk_buf_release(&cell);
	mk_buf_release(&line);
	free(text);
	return 0;
}
