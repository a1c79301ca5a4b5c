/* Phase transition rules. */
#include "core/phase.h"

#include "base/limits.h"
#include "core/text.h"

bool mk_phase_is_next(enum mk_phase from, enum mk_phase to)
{
	return (int)to == (int)from + 1;
}

enum mk_rc mk_phase_check(const struct mk_phase_facts *facts, enum mk_phase to,
			  const char *reason, struct mk_error *err)
{
	enum mk_phase from = facts->from;
	enum mk_rc rc;
	if ((unsigned)to >= MK_PHASE_COUNT)
		return mk_error_set(err, MK_EINVAL, "phase", "phase is out of range");
	if (to == from)
		return mk_error_set(err, MK_ECONFLICT, "phase", "the incident is already in phase '%s'",
				    mk_phase_name(to));
	if ((rc = mk_text_check("reason", reason, MK_SHORT_TEXT_MAX, MK_TEXT_MULTILINE, false, err)))
		return rc;
	bool backwards = to < from;
	if (!mk_phase_is_next(from, to) && mk_text_blank(reason))
		return mk_error_set(err, MK_ECONFLICT, "reason",
				    "%s from '%s' to '%s' needs a reason",
				    backwards ? "moving back" : "skipping phases", mk_phase_name(from),
				    mk_phase_name(to));
	if (backwards)
		return MK_OK;
	if (to >= MK_PHASE_OPLOSSEN && !facts->contained)
		return mk_error_set(err, MK_ECONFLICT, "contained_at",
				    "phase '%s' needs containment first: record when the incident "
				    "was contained (contained_at)",
				    mk_phase_name(to));
	if (to >= MK_PHASE_AFSLUITEN && facts->open_closing_tasks > 0)
		return mk_error_set(err, MK_ECONFLICT, "tasks",
				    "closing needs the step 6 tasks done or marked n.v.t.; "
				    "still open: %s",
				    facts->open_closing_codes ? facts->open_closing_codes : "?");
	if (to < MK_PHASE_AFSLUITEN || from >= MK_PHASE_AFSLUITEN)
		return MK_OK;
	/* Step 6.4: "Doe de definitieve melding aan de AP als er bij Stap 2.1
	 * een voormelding gedaan is": after a pre-notification the final one
	 * is never "not applicable". */
	if (facts->ap_prenotified && facts->ap_final_na)
		return mk_error_set(err, MK_ECONFLICT, "6.4c",
				    "closing needs the final notification to the AP (task 6.4c) done: "
				    "the AP was pre-notified, so 6.4c cannot be n.v.t.");
	/* Step 6.1: "archiveer al het verzamelde forensisch bewijsmateriaal". */
	if (facts->evidence_items > 0 && facts->evidence_archive_na)
		return mk_error_set(err, MK_ECONFLICT, "6.1",
				    "closing needs the evidence archived (task 6.1) done: %lld "
				    "evidence item%s collected, so 6.1 cannot be n.v.t.",
				    (long long)facts->evidence_items,
				    facts->evidence_items == 1 ? " was" : "s were");
	/* Step 6: "de oorzaken zijn weggenomen, de systemen zijn hersteld":
	 * not while a part of the incident (Bijlage 2 sub-incident) is open. */
	if (facts->open_children > 0)
		return mk_error_set(err, MK_ECONFLICT, "children",
				    "closing needs the sub-incidents closed first; still open: %s",
				    facts->open_children_keys ? facts->open_children_keys : "?");
	return MK_OK;
}

enum mk_rc mk_phase_still_holds(enum mk_phase phase, bool contained, struct mk_error *err)
{
	if (phase >= MK_PHASE_OPLOSSEN && !contained)
		return mk_error_set(err, MK_ECONFLICT, "contained_at",
				    "contained_at cannot be cleared: the incident is in phase '%s', "
				    "which needs containment",
				    mk_phase_name(phase));
	return MK_OK;
}
