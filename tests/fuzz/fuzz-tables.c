/* libFuzzer harness for the hand-written parsers of the core: the data
 * table reader (and the matrix, checklist and impact tables on top of
 * it), ISO 8601 times and incident keys. The first input byte picks the
 * parser; the rest is its input. Any crash, leak or sanitizer report is a
 * bug; a refusal is fine. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "core/checklist.h"
#include "core/impact.h"
#include "core/incident.h"
#include "core/matrix.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	struct mk_error err;
	switch (data[0] % 5) {
	case 0: {
		struct mk_matrix m;
		mk_matrix_init(&m);
		if (mk_matrix_parse(&m, text, len, "fuzz", &err) == MK_OK) {
			for (size_t i = 0; i < m.count; i++)
				if (!mk_matrix_find(&m, m.rows[i].table, m.rows[i].category, m.rows[i].incident))
					abort();
		}
		mk_matrix_release(&m);
		break;
	}
	case 1: {
		struct mk_checklist c;
		if (mk_checklist_parse(&c, text, len, "fuzz", &err) == MK_OK)
			mk_checklist_release(&c);
		break;
	}
	case 2: {
		struct mk_impact_table t;
		if (mk_impact_table_parse(&t, text, len, "fuzz", &err) == MK_OK)
			mk_impact_table_release(&t);
		break;
	}
	case 3:
	case 4: {
		/* Times and keys are C strings: stop at the first NUL. */
		char *s = malloc(len + 1);
		if (!s)
			return 0;
		memcpy(s, text, len);
		s[len] = '\0';
		mk_time t;
		if (data[0] % 5 == 3) {
			if (mk_time_parse(s, "t", &t, &err) == MK_OK) {
				/* A parsed time formats and lies in the accepted range. */
				char buf[MK_TIME_TEXT];
				mk_time_format_utc(t, buf);
				mk_time_format_local(t, buf);
				if (t < MK_TIME_MIN || t >= MK_TIME_MAX)
					abort();
			}
		} else {
			int year;
			int64_t number;
			if (mk_incident_key_parse(s, &year, &number, &err) == MK_OK) {
				char key[MK_KEY_TEXT];
				mk_incident_key_format(year, number, key);
			}
			mk_utf8_first_invalid(s, strlen(s));
		}
		free(s);
		break;
	}
	}
	return 0;
}
