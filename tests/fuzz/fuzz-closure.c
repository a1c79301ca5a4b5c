/* libFuzzer harness for the hand-written parsers of closure
 * (doc/closure.md): euro amounts (mk_cents_parse), the activity and cost
 * vocabularies, time entry dates, and the iCalendar invitation built from
 * hostile text (libical must keep one property per line). The first byte
 * picks the parser. A crash, leak or sanitizer report is a bug; a
 * refusal is fine. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "core/cost.h"
#include "export/ical.h"

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
	struct mk_error err;
	switch (data[0] % 4) {
	case 0: {
		int64_t cents = -1;
		if (mk_cents_parse(text, "amount", MK_COST_CENTS_MAX, &cents, &err) == MK_OK) {
			/* A parsed amount prints back to digits and a point. */
			char buf[MK_CENTS_TEXT], *again = buf;
			int64_t round = -1;
			mk_cents_format(cents, buf);
			if (cents < 0 || cents > MK_COST_CENTS_MAX ||
			    mk_cents_parse(again, "amount", MK_COST_CENTS_MAX, &round, &err) || round != cents)
				abort();
		}
		break;
	}
	case 1: {
		enum mk_activity a;
		enum mk_cost_kind k;
		mk_activity_parse(text, "activity", &a, &err);
		mk_cost_kind_parse(text, "kind", &k, &err);
		break;
	}
	case 2: {
		struct mk_time_entry e = {.person = text, .minutes = 30, .started_at = MK_TIME_UNKNOWN};
		snprintf(e.worked_on, sizeof(e.worked_on), "%.10s", text);
		mk_time_entry_check(&e, 1792836000, &err);
		break;
	}
	case 3: {
		struct mk_ical_person who = {text, "mailto:x@example.org"};
		struct mk_ical_meeting m = {.key = "MK-2026-0001", .uuid = "u", .title = text,
					    .start = 1795165200, .minutes = 90, .stamp = 1792836000,
					    .organizer = who, .attendees = &who, .nattendees = 1};
		char *out = NULL;
		if (mk_ical_invitation(&m, &out, &err) == MK_OK) {
			/* Every line is a property, a continuation or the end. */
			for (const char *p = out; *p;) {
				const char *nl = strstr(p, "\r\n");
				if (!nl)
					abort();
				p = nl + 2;
			}
		}
		mk_free(out);
		break;
	}
	}
	free(text);
	return 0;
}
