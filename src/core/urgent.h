/* The most urgent deadlines of many incidents: overdue first, then the
 * soonest due, the key breaking ties so the order is the same every time.
 * A bounded heap keeps only the `cap` most urgent, so memory stays small
 * however many incidents are open; the counts cover all of them. Used by
 * `meldkamer deadlines` and GET /api/v1/deadlines. */
#ifndef MK_CORE_URGENT_H
#define MK_CORE_URGENT_H

#include <stddef.h>

#include "core/deadline.h"
#include "core/incident.h"

struct mk_due {
	char key[MK_KEY_TEXT];
	char title[64];          /* cut at a character boundary */
	struct mk_deadline d;
};

struct mk_dues {
	struct mk_due *items;    /* owned; cap entries */
	size_t n, cap;
	size_t pending, overdue; /* of all deadlines added */
};

/* cap 1..MK_PAGE_MAX; MK_ENOMEM if the room cannot be had. */
enum mk_rc mk_dues_init(struct mk_dues *ds, size_t cap);
void mk_dues_release(struct mk_dues *ds);
/* Counts d and keeps it if it is among the cap most urgent so far. */
void mk_dues_add(struct mk_dues *ds, const struct mk_incident *inc, const struct mk_deadline *d);
/* Sorts what is kept, most urgent first. */
void mk_dues_sort(struct mk_dues *ds);

#endif
