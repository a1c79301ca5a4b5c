/* The checklist of one incident, with the tasks of the playbooks attached
 * to it (core/playbook.h): an attached playbook task is a task row whose
 * code is the playbook's, written open when the playbook is attached, so
 * attaching needs no table of its own and a task's state lives where every
 * other task's does. */
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "core/playbook.h"
#include "service/internal.h"

#define PLAYBOOKS_MAX 8

struct playbooks {
	struct mk_checklist list[PLAYBOOKS_MAX];
	size_t n;
};

static void playbooks_release(struct playbooks *pb)
{
	for (size_t i = 0; i < pb->n; i++)
		mk_checklist_release(&pb->list[i]);
	pb->n = 0;
}

static enum mk_rc playbooks_load(struct playbooks *pb, struct mk_error *err)
{
	const char *name;
	for (size_t i = 0; (name = mk_playbook_name(i)) && pb->n < PLAYBOOKS_MAX; i++) {
		enum mk_rc rc = mk_playbook_load_default(name, &pb->list[pb->n], err);
		if (rc)
			return rc;
		pb->n++;
	}
	return MK_OK;
}

static const struct mk_checklist_task *playbooks_find(const struct playbooks *pb, const char *code)
{
	for (size_t i = 0; i < pb->n; i++) {
		const struct mk_checklist_task *t = mk_checklist_find(&pb->list[i], code);
		if (t)
			return t;
	}
	return NULL;
}

/* Rows as stored, copied so they outlive the store's cursor. */
struct task_rows {
	struct mk_task_row *rows;
	char **strings; /* every owned string, for release */
	size_t n, cap, nstrings;
};

static void task_rows_release(struct task_rows *tr)
{
	for (size_t i = 0; i < tr->nstrings; i++)
		mk_free(tr->strings[i]);
	mk_free(tr->strings);
	mk_free(tr->rows);
}

static const char *keep(struct task_rows *tr, const char *s, bool *oom)
{
	if (!s)
		return NULL;
	char *copy = mk_strdup(s);
	if (!copy) {
		*oom = true;
		return NULL;
	}
	tr->strings[tr->nstrings++] = copy;
	return copy;
}

static enum mk_rc collect_row(void *ctx, const struct mk_task_row *row)
{
	struct task_rows *tr = ctx;
	if (tr->n == tr->cap) {
		size_t cap = tr->cap ? tr->cap * 2 : 64;
		struct mk_task_row *rows = mk_realloc(tr->rows, cap * sizeof(*rows));
		if (!rows)
			return MK_ENOMEM;
		tr->rows = rows;
		char **strings = mk_realloc(tr->strings, cap * 3 * sizeof(*strings));
		if (!strings)
			return MK_ENOMEM;
		tr->strings = strings;
		tr->cap = cap;
	}
	bool oom = false;
	struct mk_task_row *r = &tr->rows[tr->n];
	*r = *row;
	r->code = keep(tr, row->code, &oom);
	r->done_by = keep(tr, row->done_by, &oom);
	r->note = keep(tr, row->note, &oom);
	if (oom)
		return MK_ENOMEM;
	tr->n++;
	return MK_OK;
}

enum mk_rc mk_svc_tasks(struct mk_service *svc, const char *key, mk_task_view_cb cb, void *ctx,
			struct mk_error *err)
{
	struct mk_incident inc;
	struct mk_checklist owned = {0};
	const struct mk_checklist *checklist;
	struct task_rows tr = {0};
	int version;
	mk_incident_init(&inc);
	enum mk_rc rc = mk_store_incident_get(svc->store, key, &inc, &version, err);
	if (rc == MK_OK)
		rc = mk_svc_checklist(svc, version, &checklist, &owned, err);
	if (rc == MK_OK) {
		rc = mk_store_tasks_list(svc->store, inc.id, collect_row, &tr, err);
		if (rc == MK_ENOMEM)
			mk_error_set(err, rc, "", "out of memory reading tasks");
	}
	/* In checklist order, which the guidance's numbering defines; a task
	 * without a row is open. */
	for (size_t i = 0; rc == MK_OK && i < checklist->count; i++) {
		struct mk_task_row open = {.code = checklist->tasks[i].code, .state = MK_TASK_OPEN,
					   .done_at = MK_TIME_UNKNOWN};
		const struct mk_task_row *row = &open;
		for (size_t j = 0; j < tr.n; j++)
			if (strcmp(tr.rows[j].code, checklist->tasks[i].code) == 0)
				row = &tr.rows[j];
		struct mk_task_view v = {&checklist->tasks[i], row};
		rc = cb(ctx, &v);
	}
	/* Then the attached playbooks' tasks, in playbook order. */
	struct playbooks pb = {0};
	if (rc == MK_OK && tr.n > 0)
		rc = playbooks_load(&pb, err);
	for (size_t p = 0; rc == MK_OK && p < pb.n; p++)
		for (size_t i = 0; rc == MK_OK && i < pb.list[p].count; i++) {
			const struct mk_checklist_task *t = &pb.list[p].tasks[i];
			if (mk_checklist_find(checklist, t->code))
				continue; /* a checklist task, listed above */
			for (size_t j = 0; j < tr.n; j++)
				if (strcmp(tr.rows[j].code, t->code) == 0) {
					struct mk_task_view v = {t, &tr.rows[j]};
					rc = cb(ctx, &v);
					break;
				}
		}
	playbooks_release(&pb);
	task_rows_release(&tr);
	mk_checklist_release(&owned);
	mk_incident_release(&inc);
	return rc;
}

struct task_change {
	const struct mk_actor *actor;
	mk_time now;
	const char *code;
	enum mk_task_state state;
	const char *note;
};

/* A task's state and done time; without a row it is open (store.h).
 * Also the earliest done time among the other tasks that record the same
 * incident time, for when this one is reopened. */
struct find_task {
	const struct mk_checklist *checklist;
	const struct mk_checklist_task *task;
	enum mk_task_state state;
	mk_time done_at;
	mk_time others_first;
	bool has_row;
};

static enum mk_rc find_task(void *ctx, const struct mk_task_row *row)
{
	struct find_task *ft = ctx;
	if (strcmp(row->code, ft->task->code) == 0) {
		ft->state = row->state;
		ft->done_at = row->done_at;
		ft->has_row = true;
		return MK_OK;
	}
	const struct mk_checklist_task *other = mk_checklist_find(ft->checklist, row->code);
	if (other && other->sets == ft->task->sets && row->state == MK_TASK_DONE &&
	    (ft->others_first == MK_TIME_UNKNOWN || row->done_at < ft->others_first))
		ft->others_first = row->done_at;
	return MK_OK;
}

/* The incident time a task's completion records, or NULL. */
static mk_time *sets_slot(struct mk_incident *inc, enum mk_task_sets sets)
{
	switch (sets) {
	case MK_SETS_MANAGEMENT_INFORMED: return &inc->management_informed_at;
	case MK_SETS_AP_NOTIFIED: return &inc->ap_notified_at;
	case MK_SETS_SUBJECTS_INFORMED: return &inc->subjects_informed_at;
	case MK_SETS_EVALUATED: return &inc->evaluated_at;
	default: return NULL;
	}
}

static enum mk_rc task_change(struct mk_service *svc, struct mk_incident *inc,
			      int checklist_version, void *ctx, bool *ret_unchanged,
			      struct mk_error *err)
{
	(void)ret_unchanged;
	const struct task_change *tc = ctx;
	struct mk_checklist owned = {0};
	const struct mk_checklist *checklist;
	struct playbooks pb = {0};
	struct mk_buf log;
	mk_buf_init(&log, MK_TEXT_MAX);

	enum mk_rc rc = mk_svc_checklist(svc, checklist_version, &checklist, &owned, err);
	if (rc)
		goto out;
	const struct mk_checklist_task *task = mk_checklist_find(checklist, tc->code);
	bool from_playbook = false;
	if (!task) {
		if ((rc = playbooks_load(&pb, err)))
			goto out;
		task = playbooks_find(&pb, tc->code);
		from_playbook = true;
	}
	struct find_task ft = {checklist, task, MK_TASK_OPEN, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, false};
	if (task && (rc = mk_store_tasks_list(svc->store, inc->id, find_task, &ft, err)))
		goto out;
	/* A playbook task is the incident's only once its playbook is attached. */
	if (!task || (from_playbook && !ft.has_row)) {
		rc = mk_error_set(err, MK_ENOTFOUND, "task",
				  "incident %s has no task '%.20s' (see 'meldkamer incident show %s')",
				  inc->key, tc->code, inc->key);
		goto out;
	}
	if ((rc = mk_task_transition_check(task->code, ft.state, tc->state, tc->note, err)))
		goto out;
	bool reopen = tc->state == MK_TASK_OPEN;
	struct mk_task_row row = {
		.code = task->code, .state = tc->state,
		.done_by = reopen ? NULL : tc->actor->name,
		.done_at = reopen ? MK_TIME_UNKNOWN : tc->now,
		.note = tc->note && tc->note[0] ? tc->note : NULL,
	};
	if ((rc = mk_store_task_set(svc->store, inc->id, &row, err)))
		goto out;
	mk_time *slot = sets_slot(inc, task->sets);
	/* The first completion counts: the AP clock stops at the first
	 * notification, a later final one does not restart it. */
	if (slot && tc->state == MK_TASK_DONE && *slot == MK_TIME_UNKNOWN)
		*slot = tc->now;
	/* Reopening takes back the time this task recorded, leaving the
	 * earliest of the other tasks that record it (or none). */
	if (slot && reopen && ft.state == MK_TASK_DONE && *slot == ft.done_at)
		*slot = ft.others_first;
	mk_buf_addf(&log, "Taak %s %s: %s", task->code,
		    reopen ? "heropend" : tc->state == MK_TASK_DONE ? "gedaan" : "n.v.t.", task->title);
	if (row.note)
		mk_buf_addf(&log, "\n%s: %s", tc->state == MK_TASK_DONE ? "Notitie" : "Reden", row.note);
	if ((rc = mk_buf_rc(&log))) {
		mk_error_set(err, rc, "note", "note too long");
		goto out;
	}
	rc = mk_svc_log_append(svc, inc, tc->actor, tc->now, MK_LOG_ACTION, log.data, err);
out:
	playbooks_release(&pb);
	mk_checklist_release(&owned);
	mk_buf_release(&log);
	return rc;
}

enum mk_rc mk_svc_task_set(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			   const char *key, const char *code, enum mk_task_state state,
			   const char *note, struct mk_error *err)
{
	struct task_change tc = {actor, now, code, state, note};
	return mk_svc_change(svc, key, 0, now, task_change, &tc, err);
}

/* --- Attaching a playbook ------------------------------------------------------ */

struct attach {
	const struct mk_actor *actor;
	mk_time now;
	const char *name;
	struct mk_checklist pb;
	bool *has;   /* per playbook task: the incident has its row already */
	size_t added;
};

static enum mk_rc mark_present(void *ctx, const struct mk_task_row *row)
{
	struct attach *at = ctx;
	for (size_t i = 0; i < at->pb.count; i++)
		if (strcmp(at->pb.tasks[i].code, row->code) == 0)
			at->has[i] = true;
	return MK_OK;
}

static enum mk_rc attach_change(struct mk_service *svc, struct mk_incident *inc,
				int checklist_version, void *ctx, bool *ret_unchanged,
				struct mk_error *err)
{
	(void)checklist_version;
	struct attach *at = ctx;
	struct mk_buf log;
	char note[80];
	enum mk_rc rc = mk_store_tasks_list(svc->store, inc->id, mark_present, at, err);
	if (rc)
		return rc;
	mk_buf_init(&log, MK_TEXT_MAX);
	snprintf(note, sizeof(note), "playbook %s", at->name);
	for (size_t i = 0; i < at->pb.count && rc == MK_OK; i++) {
		if (at->has[i])
			continue;
		struct mk_task_row row = {.code = at->pb.tasks[i].code, .state = MK_TASK_OPEN,
					  .done_at = MK_TIME_UNKNOWN, .note = note};
		rc = mk_store_task_set(svc->store, inc->id, &row, err);
		mk_buf_addf(&log, "\n- %s %s", at->pb.tasks[i].code, at->pb.tasks[i].title);
		at->added++;
	}
	if (rc == MK_OK && at->added == 0) {
		*ret_unchanged = true; /* attached before: nothing to do */
		goto out;
	}
	if (rc == MK_OK && (rc = mk_buf_rc(&log)) == MK_OK) {
		struct mk_buf text;
		mk_buf_init(&text, MK_TEXT_MAX);
		mk_buf_addf(&text, "Playbook %s toegevoegd: %zu taken%s", at->name, at->added, log.data);
		rc = mk_buf_rc(&text);
		if (rc == MK_OK)
			rc = mk_svc_log_append(svc, inc, at->actor, at->now, MK_LOG_ACTION, text.data, err);
		else
			mk_error_set(err, rc, "playbook", "log text too long");
		mk_buf_release(&text);
	}
out:
	mk_buf_release(&log);
	return rc;
}

enum mk_rc mk_svc_playbook_attach(struct mk_service *svc, const struct mk_actor *actor,
				  mk_time now, const char *key, const char *name,
				  size_t *ret_added, struct mk_error *err)
{
	struct attach at = {actor, now, name, {0}, NULL, 0};
	enum mk_rc rc = mk_playbook_load_default(name, &at.pb, err);
	if (rc == MK_OK) {
		at.has = mk_calloc(at.pb.count ? at.pb.count : 1, sizeof(*at.has));
		if (!at.has)
			rc = mk_error_set(err, MK_ENOMEM, "playbook", "out of memory");
	}
	if (rc == MK_OK)
		rc = mk_svc_change(svc, key, 0, now, attach_change, &at, err);
	if (rc == MK_OK && ret_added)
		*ret_added = at.added;
	mk_free(at.has);
	mk_checklist_release(&at.pb);
	return rc;
}
