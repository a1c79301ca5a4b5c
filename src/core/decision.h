/* BOBOC decision records (Managementsamenvatting): Beeldvorming (the
 * situation), Opties (the options), Besluit (the decision), Opdracht (the
 * assignment: who, by when) and Controle (the check: when, and later its
 * result). Derived from the BOB method of the Dutch safety regions. */
#ifndef MK_CORE_DECISION_H
#define MK_CORE_DECISION_H

#include <stdint.h>

#include "base/buf.h"
#include "base/rc.h"
#include "base/time.h"

struct mk_decision {
	int64_t id;                 /* 0 until stored */
	const char *beeldvorming;   /* required */
	const char *opties;         /* required */
	const char *besluit;        /* required */
	const char *opdracht_wie;   /* required: who carries it out */
	mk_time opdracht_uiterlijk; /* required: by when */
	mk_time controle_op;        /* when to check; MK_TIME_UNKNOWN = at opdracht_uiterlijk */
	const char *controle_resultaat; /* optional until the check is done */
	const char *decided_by;
	mk_time decided_at;
};

/* Checks a new decision: the four texts present, valid UTF-8 and within
 * MK_TEXT_MAX, who a single line, the deadlines known and not before
 * decided_at. Errors name the BOBOC field. */
enum mk_rc mk_decision_check(const struct mk_decision *d, struct mk_error *err);

/* The logbook text for a decision: one line per BOBOC part. */
void mk_decision_log_text(const struct mk_decision *d, struct mk_buf *out);

#endif
