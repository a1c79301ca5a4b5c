/* The process phases of H2 / Bijlage 1 and the rules for moving between
 * them (DESIGN.md "Process"). Work may run in parallel; the phase is where
 * the incident stands. */
#ifndef MK_CORE_PHASE_H
#define MK_CORE_PHASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/rc.h"
#include "core/vocab.h"

/* What the rules need to know about the incident. */
struct mk_phase_facts {
	enum mk_phase from;
	bool contained;                 /* contained_at is known */
	size_t open_closing_tasks;      /* step 6 tasks neither done nor n.v.t. */
	const char *open_closing_codes; /* their codes for the message, e.g. "6.1, 6.4c" */
	/* The rest of Bijlage 1 step 6 (doc/closure.md), checked when closing: */
	bool ap_prenotified;            /* personal data and the AP notified earlier (3.6b) */
	bool ap_final_na;               /* task 6.4c marked n.v.t. */
	int64_t evidence_items;         /* evidence collected for the incident */
	bool evidence_archive_na;       /* task 6.1 marked n.v.t. */
	size_t open_children;           /* sub-incidents not closed */
	const char *open_children_keys; /* their keys, e.g. "MK-2026-0008" */
};

/* True if moving from -> to is one step forward; anything else (back, or
 * skipping a phase) needs a reason that goes into the logbook. */
bool mk_phase_is_next(enum mk_phase from, enum mk_phase to);

/* Checks the move to `to`:
 *  - to == from: MK_ECONFLICT (it is there already);
 *  - back or skipping without a non-blank reason: MK_ECONFLICT;
 *  - `oplossen` or later without containment: MK_ECONFLICT ("contain
 *    first": H2 "pas als de gevolgen zijn ingedamd, dan kun je werken aan
 *    oplossen");
 *  - `afsluiten` or later with open step 6 tasks: MK_ECONFLICT naming them;
 *  - closing when the AP was pre-notified but 6.4c (the final
 *    notification) is n.v.t.; when evidence was collected but 6.1
 *    (archiving it) is n.v.t.; or with sub-incidents still open:
 *    MK_ECONFLICT, each with its own message naming what is missing
 *    (field: tasks, 6.4c, 6.1, children). A breach record's own rule is
 *    service/breach.c's. Reopening (moving back) checks none of these.
 * A move back (e.g. reopening) needs only its reason. */
enum mk_rc mk_phase_check(const struct mk_phase_facts *facts, enum mk_phase to,
			  const char *reason, struct mk_error *err);

/* Does the incident still meet what its phase needed? An edit may not
 * take away containment (contained_at) from an incident in `oplossen` or
 * later: MK_ECONFLICT. */
enum mk_rc mk_phase_still_holds(enum mk_phase phase, bool contained, struct mk_error *err);

#endif
