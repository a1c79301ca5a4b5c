/* Moving an incident through the phases of H2 / Bijlage 1. */
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "service/internal.h"

struct phase_move {
	const struct mk_actor *actor;
	mk_time now;
	enum mk_phase to;
	const char *reason;
};

struct closing_scan {
	const struct mk_checklist *checklist;
	bool *settled; /* per checklist task: done or n.v.t. */
	size_t open;
	struct mk_buf codes;
	bool na_6_1, na_6_4c; /* tasks 6.1 and 6.4c marked n.v.t. */
	size_t open_children;
	struct mk_buf children;
};

static enum mk_rc scan_closing(void *ctx, const struct mk_task_row *row)
{
	struct closing_scan *cs = ctx;
	for (size_t i = 0; i < cs->checklist->count; i++)
		if (strcmp(cs->checklist->tasks[i].code, row->code) == 0 && row->state != MK_TASK_OPEN)
			cs->settled[i] = true;
	if (row->state == MK_TASK_NVT && strcmp(row->code, "6.1") == 0)
		cs->na_6_1 = true;
	if (row->state == MK_TASK_NVT && strcmp(row->code, "6.4c") == 0)
		cs->na_6_4c = true;
	return MK_OK;
}

static enum mk_rc scan_child(void *ctx, const char *key)
{
	struct closing_scan *cs = ctx;
	mk_buf_addf(&cs->children, "%s%s", cs->open_children++ ? ", " : "", key);
	return MK_OK;
}

/* Names the closing tasks without a done or n.v.t. row. */
static void count_open_closing(struct closing_scan *cs)
{
	for (size_t i = 0; i < cs->checklist->count; i++) {
		if (cs->checklist->tasks[i].closing && !cs->settled[i]) {
			mk_buf_addf(&cs->codes, "%s%s", cs->open ? ", " : "", cs->checklist->tasks[i].code);
			cs->open++;
		}
	}
}

static enum mk_rc phase_change(struct mk_service *svc, struct mk_incident *inc,
			       int checklist_version, void *ctx, bool *ret_unchanged,
			       struct mk_error *err)
{
	(void)ret_unchanged;
	const struct phase_move *m = ctx;
	struct mk_checklist owned = {0};
	const struct mk_checklist *checklist;
	struct closing_scan cs = {0};
	struct mk_buf log;
	mk_buf_init(&cs.codes, MK_SHORT_TEXT_MAX);
	mk_buf_init(&cs.children, MK_SHORT_TEXT_MAX);
	mk_buf_init(&log, MK_TEXT_MAX);

	enum mk_rc rc = mk_svc_checklist(svc, checklist_version, &checklist, &owned, err);
	if (rc)
		goto out;
	cs.checklist = checklist;
	if (!(cs.settled = mk_calloc(checklist->count, sizeof(bool)))) {
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory");
		goto out;
	}
	if ((rc = mk_store_tasks_list(svc->store, inc->id, scan_closing, &cs, err)))
		goto out;
	count_open_closing(&cs);
	int64_t evidence = 0;
	bool closing = m->to >= MK_PHASE_AFSLUITEN && inc->phase < MK_PHASE_AFSLUITEN;
	if (closing && ((rc = mk_store_evidence_count(svc->store, inc->id, &evidence, err)) ||
			(rc = mk_store_open_children(svc->store, inc->id, scan_child, &cs, err))))
		goto out;
	/* With a breach record its AP notifications decide (final or
	 * withdrawn, mk_svc_breach_close_check below); the 6.4c rule is for
	 * an incident whose pre-notification is only the task 3.6b. */
	bool has_breach = false;
	if (closing) {
		struct mk_breach br;
		mk_breach_init(&br);
		enum mk_rc brc = mk_store_breach_get(svc->store, inc->id, &br, NULL);
		mk_breach_release(&br);
		has_breach = brc == MK_OK;
	}
	struct mk_phase_facts facts = {
		.from = inc->phase,
		.contained = inc->contained_at != MK_TIME_UNKNOWN,
		.open_closing_tasks = cs.open,
		.open_closing_codes = cs.codes.data,
		/* 3.6b (pre-notification) sets ap_notified_at: a first notice
		 * made, so the final one (6.4c) is due. */
		.ap_prenotified = inc->personal_data && inc->ap_notified_at != MK_TIME_UNKNOWN &&
				  !has_breach,
		.ap_final_na = cs.na_6_4c,
		.evidence_items = evidence,
		.evidence_archive_na = cs.na_6_1,
		.open_children = cs.open_children,
		.open_children_keys = cs.children.data,
	};
	if ((rc = mk_phase_check(&facts, m->to, m->reason, err)))
		goto out;
	/* DESIGN.md "Process": a reportable breach closes only once the AP
	 * has its final or withdrawn notification (service/breach.c). */
	if (m->to >= MK_PHASE_AFSLUITEN && inc->phase < MK_PHASE_AFSLUITEN &&
	    (rc = mk_svc_breach_close_check(svc, inc, err)))
		goto out;

	mk_buf_addf(&log, "Fase: %s -> %s", mk_phase_name(inc->phase), mk_phase_name(m->to));
	if (m->reason && m->reason[0])
		mk_buf_addf(&log, "\nReden: %s", m->reason);
	if (m->to >= MK_PHASE_AFSLUITEN && inc->closed_at == MK_TIME_UNKNOWN) {
		inc->closed_at = m->now;
		if (inc->resolved_at == MK_TIME_UNKNOWN)
			inc->resolved_at = m->now;
		mk_buf_adds(&log, "\nIncident afgesloten");
	} else if (m->to < MK_PHASE_AFSLUITEN && inc->closed_at != MK_TIME_UNKNOWN) {
		/* A reopened incident will be closed again, and evaluated again
		 * after that closure. */
		inc->closed_at = MK_TIME_UNKNOWN;
		inc->evaluated_at = MK_TIME_UNKNOWN;
		mk_buf_adds(&log, "\nIncident heropend");
	}
	inc->phase = m->to;
	if ((rc = mk_buf_rc(&log))) {
		mk_error_set(err, rc, "reason", "reason too long");
		goto out;
	}
	rc = mk_svc_log_append(svc, inc, m->actor, m->now, MK_LOG_STATUS, log.data, err);
out:
	mk_checklist_release(&owned);
	mk_free(cs.settled);
	mk_buf_release(&cs.codes);
	mk_buf_release(&cs.children);
	mk_buf_release(&log);
	return rc;
}

enum mk_rc mk_svc_incident_phase(struct mk_service *svc, const struct mk_actor *actor,
				 mk_time now, const char *key, int64_t expected_version,
				 enum mk_phase to, const char *reason, struct mk_error *err)
{
	struct phase_move m = {actor, now, to, reason};
	return mk_svc_change(svc, key, expected_version, now, phase_change, &m, err);
}
