/* Classification: the matrix row, impact, urgency, priority and event
 * type (DESIGN.md "Classification"). */
#include <string.h>

#include "base/limits.h"
#include "service/internal.h"

struct assess {
	const struct mk_actor *actor;
	mk_time now;
	const struct mk_assessment *a;
	const struct mk_matrix_row *row; /* the chosen row, when has_matrix */
};

/* The tasks the matrix steers, as they stand. */
struct steer {
	bool found[2];
	enum mk_task_state state[2];
	char old_note[2][MK_SHORT_TEXT_MAX];
};

static const char *const steered_codes[2] = {MK_TASK_INFORM_CISO, MK_TASK_INFORM_DIRECTIE};

/* Notes meldkamer writes on the steered tasks start with this, so a later
 * classification can tell its own waiver from a person's. */
#define MATRIX_NOTE "meldingsmatrix: "

static enum mk_rc find_steered(void *ctx, const struct mk_task_row *row)
{
	struct steer *st = ctx;
	for (int i = 0; i < 2; i++) {
		if (strcmp(row->code, steered_codes[i]) == 0) {
			st->found[i] = true;
			st->state[i] = row->state;
			snprintf(st->old_note[i], sizeof(st->old_note[i]), "%s", row->note ? row->note : "");
		}
	}
	return MK_OK;
}

/* Bijlage 3: X means must be informed, (X) when relevant, empty not at
 * all. A task that is open, or that meldkamer itself waived for an earlier
 * row, follows the row; one a person finished or waived stays as they left
 * it. Returns through *ret_changed whether a task changed. */
static enum mk_rc steer_tasks(struct mk_service *svc, struct mk_incident *inc,
			      const struct assess *as, struct mk_buf *log, bool *ret_changed,
			      struct mk_error *err)
{
	struct steer st = {0};
	enum mk_rc rc = mk_store_tasks_list(svc->store, inc->id, find_steered, &st, err);
	if (rc)
		return rc;
	const enum mk_notify levels[2] = {as->row->ciso, as->row->directie};
	const char *const who[2] = {"CISO", "directie"};
	for (int i = 0; i < 2; i++) {
		/* No row means the task is still open (store.h). */
		bool open = !st.found[i] || st.state[i] == MK_TASK_OPEN;
		bool waived_by_matrix = st.found[i] && st.state[i] == MK_TASK_NVT &&
					strncmp(st.old_note[i], MATRIX_NOTE, strlen(MATRIX_NOTE)) == 0;
		if (!mk_checklist_find(&svc->checklist, steered_codes[i]) || (!open && !waived_by_matrix))
			continue;
		char note[MK_SHORT_TEXT_MAX];
		struct mk_task_row r = {.code = steered_codes[i], .state = MK_TASK_OPEN,
					.done_at = MK_TIME_UNKNOWN, .note = note};
		if (levels[i] == MK_NOTIFY_NONE) {
			r.state = MK_TASK_NVT;
			r.done_by = as->actor->name;
			r.done_at = as->now;
			snprintf(note, sizeof(note), MATRIX_NOTE "%s hoeft niet geïnformeerd te worden",
				 who[i]);
		} else {
			snprintf(note, sizeof(note), MATRIX_NOTE "%s %s", who[i],
				 levels[i] == MK_NOTIFY_MUST ? "moet geïnformeerd worden (X)"
							     : "informeren indien relevant ((X))");
		}
		bool same_state = st.found[i] ? st.state[i] == r.state : r.state == MK_TASK_OPEN;
		if (same_state && strcmp(st.old_note[i], note) == 0)
			continue;
		if ((rc = mk_store_task_set(svc->store, inc->id, &r, err)))
			return rc;
		*ret_changed = true;
		mk_buf_addf(log, "\nTaak %s: %s%s", r.code, note,
			    r.state == MK_TASK_NVT ? " (n.v.t.)" : open ? "" : " (weer open)");
	}
	return MK_OK;
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void describe_impact(const struct mk_incident *inc, struct mk_buf *log)
{
	mk_buf_addf(log, "\nImpact: %s (", mk_level_name(mk_impact_overall(&inc->impact)));
	bool first = true;
	for (int c = 0; c < MK_CRITERION_COUNT; c++) {
		if (inc->impact.level[c] == MK_LEVEL_NONE)
			continue;
		mk_buf_addf(log, "%s%s %s", first ? "" : ", ", mk_criterion_name((enum mk_criterion)c),
			    mk_level_name(inc->impact.level[c]));
		first = false;
	}
	mk_buf_adds(log, ")");
}

static enum mk_rc assess_change(struct mk_service *svc, struct mk_incident *inc,
				int checklist_version, void *ctx, bool *ret_unchanged,
				struct mk_error *err)
{
	(void)checklist_version;
	struct assess *as = ctx;
	const struct mk_assessment *a = as->a;
	struct mk_buf log;
	enum mk_rc rc = MK_OK;
	mk_buf_init(&log, MK_TEXT_MAX);

	if (!a->has_matrix && !a->has_people && !a->has_urgency && !a->has_event_type) {
		bool any = false;
		for (int c = 0; c < MK_CRITERION_COUNT; c++)
			any |= a->has_impact[c];
		if (!any) {
			rc = mk_error_set(err, MK_EINVAL, "",
					  "nothing to assess: give a matrix row, impact, people "
					  "affected, urgency or event type");
			goto out;
		}
	}
	/* An explicit mensen level wins over the one the head count suggests:
	 * Tabel 1 holds examples ("de tabel bevat slechts voorbeelden"), and
	 * the assessor may judge 500 people receiving a harmless mail laag. */
	enum mk_event_type old_event = inc->event_type;
	if (a->has_event_type && a->event_type != old_event &&
	    (rc = mk_event_type_check(as->actor->role, old_event, a->event_type, err)))
		goto out;

	/* What the incident says now, to log (and count) only real changes. */
	const struct mk_impact old_impact = inc->impact;
	const int64_t old_people = inc->people_affected;
	const enum mk_level old_urgency = inc->urgency;
	const enum mk_priority old_priority = inc->priority;
	bool row_changed = false, tasks_changed = false;

	mk_buf_adds(&log, "Classificatie:");
	if (a->has_matrix) {
		if ((rc = mk_matrix_lookup(&svc->matrix, a->table, a->category, a->incident, &as->row,
					   err)))
			goto out;
		row_changed = !inc->classified || inc->matrix_table != as->row->table ||
			      !same_text(inc->matrix_category, as->row->category) ||
			      !same_text(inc->matrix_incident, as->row->incident);
		inc->classified = true;
		inc->matrix_table = as->row->table;
		if (mk_incident_set_text(&inc->matrix_category, as->row->category) ||
		    mk_incident_set_text(&inc->matrix_incident, as->row->incident)) {
			rc = mk_error_set(err, MK_ENOMEM, "", "out of memory");
			goto out;
		}
		if (row_changed)
			mk_buf_addf(&log, "\nMeldingsmatrix: %s / %s / %s (helpdesk %s, CISO %s, directie %s)",
				    mk_matrix_table_name(as->row->table), as->row->category,
				    as->row->incident,
				    as->row->helpdesk ? mk_notify_name(as->row->helpdesk) : "-",
				    as->row->ciso ? mk_notify_name(as->row->ciso) : "-",
				    as->row->directie ? mk_notify_name(as->row->directie) : "-");
	}
	if (a->has_people) {
		if (a->people < 0) {
			rc = mk_error_set(err, MK_EINVAL, "people", "people affected cannot be negative");
			goto out;
		}
		inc->people_affected = a->people;
		if (!a->has_impact[MK_CRITERION_MENSEN])
			inc->impact.level[MK_CRITERION_MENSEN] = mk_impact_level_for_people(a->people);
		if (a->people != old_people)
			mk_buf_addf(&log, "\nGetroffen mensen: %lld (%s)", (long long)a->people,
				    mk_level_name(inc->impact.level[MK_CRITERION_MENSEN]));
	}
	for (int c = 0; c < MK_CRITERION_COUNT; c++)
		if (a->has_impact[c])
			inc->impact.level[c] = a->impact[c];
	bool impact_changed = memcmp(&old_impact, &inc->impact, sizeof(old_impact)) != 0;
	if (impact_changed || inc->people_affected != old_people)
		describe_impact(inc, &log);
	if (a->has_urgency) {
		inc->urgency = a->urgency;
		if (a->urgency != old_urgency)
			mk_buf_addf(&log, "\nUrgentie: %s", mk_level_name(a->urgency));
	}
	inc->priority = mk_priority_of(&svc->priority, mk_impact_overall(&inc->impact), inc->urgency);
	if (inc->priority != old_priority || impact_changed || inc->people_affected != old_people ||
	    inc->urgency != old_urgency) {
		if (inc->priority)
			mk_buf_addf(&log, "\nPrioriteit: %s %s", mk_priority_name(inc->priority),
				    mk_priority_label(inc->priority));
		else
			mk_buf_adds(&log, "\nPrioriteit: nog niet te bepalen (impact en urgentie nodig)");
	}
	if (a->has_matrix && (rc = steer_tasks(svc, inc, as, &log, &tasks_changed, err)))
		goto out;
	bool classification_changed = row_changed || tasks_changed || impact_changed ||
				      inc->people_affected != old_people || inc->urgency != old_urgency;
	bool event_changed = a->has_event_type && a->event_type != old_event;
	if (!classification_changed && !event_changed) {
		/* Confirming an assessment that stands is fine, and writes
		 * nothing: no new version, no logbook entry. */
		*ret_unchanged = true;
		goto out;
	}
	if ((rc = mk_buf_rc(&log))) {
		mk_error_set(err, rc, "", "classification text too long");
		goto out;
	}
	if (classification_changed &&
	    (rc = mk_svc_log_append(svc, inc, as->actor, as->now, MK_LOG_STATUS, log.data, err)))
		goto out;
	if (event_changed) {
		/* Bijlage 4: declaring a noodsituatie is itself on the record. */
		mk_buf_reset(&log);
		mk_buf_addf(&log, "Gebeurtenistype: %s -> %s, vastgesteld door ",
			    mk_event_type_name(old_event), mk_event_type_name(a->event_type));
		mk_svc_actor_text(as->actor, &log);
		inc->event_type = a->event_type;
		if ((rc = mk_svc_log_append(svc, inc, as->actor, as->now, MK_LOG_DECISION, log.data, err)))
			goto out;
	}
out:
	mk_buf_release(&log);
	return rc;
}

enum mk_rc mk_svc_incident_assess(struct mk_service *svc, const struct mk_actor *actor,
				  mk_time now, const char *key, int64_t expected_version,
				  const struct mk_assessment *a, struct mk_error *err)
{
	struct assess as = {actor, now, a, NULL};
	return mk_svc_change(svc, key, expected_version, now, assess_change, &as, err);
}
