/* Time and cost, evaluation, legal hold and the purge in SQLite (schema
 * 0006, migrations/0006-closure.sql). Rows only: the rules are in core,
 * the use cases in service/closure.c and service/purge.c. */
#include "store/sqlite-internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"

#define PREPARE(st, sql)                                      \
	sqlite3_stmt *st = mk_sql_prepare(s, (sql), err);    \
	if (!st)                                              \
	return err ? err->rc : MK_ESTORE

/* Steps through the rows of st calling row() for each; resets st. */
static enum mk_rc each_row(struct mk_store *s, sqlite3_stmt *st, const char *doing,
			   enum mk_rc (*row)(sqlite3_stmt *st, void *ctx), void *ctx,
			   struct mk_error *err)
{
	enum mk_rc rc = MK_OK;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = row(st, ctx)))
			break;
	sqlite3_reset(st);
	if (rc)
		return rc;
	return src == SQLITE_DONE ? MK_OK : mk_sql_fail(s, src, doing, err);
}

static const char *nullable(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : mk_sql_column_text(st, i);
}

/* --- rates -------------------------------------------------------------------- */

enum mk_rc mk_store_rate_set(struct mk_store *s, enum mk_role role, int64_t cents,
			     const char *by, mk_time at, struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO hourly_rate (role, cents, set_by, set_at) VALUES (?1, ?2, ?3, ?4)";
	PREPARE(st, sql);
	mk_sql_bind_text(st, 1, mk_role_name(role));
	sqlite3_bind_int64(st, 2, cents);
	mk_sql_bind_text(st, 3, by);
	sqlite3_bind_int64(st, 4, at);
	return mk_sql_step_done(s, st, "setting the hourly rate", err);
}

struct rate_ctx {
	mk_rate_cb cb;
	void *ctx;
};

static enum mk_rc rate_row(sqlite3_stmt *st, void *ctx)
{
	struct rate_ctx *rc = ctx;
	struct mk_rate_view r = {0};
	if (mk_role_parse(mk_sql_column_text(st, 0), "role", &r.role, NULL))
		return MK_OK; /* the CHECK constraint makes this unreachable */
	r.cents = sqlite3_column_int64(st, 1);
	r.set_by = mk_sql_column_text(st, 2);
	r.set_at = sqlite3_column_int64(st, 3);
	return rc->cb(rc->ctx, &r);
}

enum mk_rc mk_store_rate_list(struct mk_store *s, mk_rate_cb cb, void *ctx, struct mk_error *err)
{
	/* The newest row per role is the rate in force. */
	static const char sql[] =
		"SELECT role, cents, set_by, set_at FROM hourly_rate r WHERE id = "
		"(SELECT max(id) FROM hourly_rate WHERE role = r.role) ORDER BY CASE role "
		"WHEN 'melder' THEN 0 WHEN 'servicedesk' THEN 1 WHEN 'behandelaar' THEN 2 "
		"WHEN 'incidentmanager' THEN 3 WHEN 'ciso' THEN 4 WHEN 'fg' THEN 5 "
		"WHEN 'directie' THEN 6 WHEN 'auditor' THEN 7 ELSE 8 END";
	PREPARE(st, sql);
	struct rate_ctx rc = {cb, ctx};
	return each_row(s, st, "listing the hourly rates", rate_row, &rc, err);
}

/* --- time entries ------------------------------------------------------------- */

enum mk_rc mk_store_time_insert(struct mk_store *s, int64_t incident_id,
				struct mk_time_entry *e, int64_t log_seq, struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO time_entry (incident_id, person, role, activity, worked_on, started_at, "
		"minutes, note, entered_by, entered_at, log_seq) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	mk_sql_bind_text(st, 2, e->person);
	mk_sql_bind_text(st, 3, mk_role_name(e->role));
	mk_sql_bind_text(st, 4, mk_activity_name(e->activity));
	mk_sql_bind_text(st, 5, e->worked_on);
	mk_sql_bind_time(st, 6, e->started_at);
	sqlite3_bind_int(st, 7, e->minutes);
	mk_sql_bind_text(st, 8, e->note && e->note[0] ? e->note : NULL);
	mk_sql_bind_text(st, 9, e->entered_by);
	sqlite3_bind_int64(st, 10, e->entered_at);
	sqlite3_bind_int64(st, 11, log_seq);
	enum mk_rc rc = mk_sql_step_done(s, st, "recording the time entry", err);
	if (rc == MK_OK)
		e->id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

struct time_ctx {
	mk_time_entry_cb cb;
	void *ctx;
};

static enum mk_rc time_row(sqlite3_stmt *st, void *ctx)
{
	struct time_ctx *tc = ctx;
	struct mk_time_entry e = {0};
	e.id = sqlite3_column_int64(st, 0);
	e.person = mk_sql_column_text(st, 1);
	mk_role_parse(mk_sql_column_text(st, 2), "role", &e.role, NULL);
	mk_activity_parse(mk_sql_column_text(st, 3), "activity", &e.activity, NULL);
	snprintf(e.worked_on, sizeof(e.worked_on), "%s", mk_sql_column_text(st, 4));
	e.started_at = mk_sql_column_time(st, 5);
	e.minutes = sqlite3_column_int(st, 6);
	e.note = nullable(st, 7);
	e.entered_by = mk_sql_column_text(st, 8);
	e.entered_at = sqlite3_column_int64(st, 9);
	int64_t rate = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 10);
	return tc->cb(tc->ctx, &e, rate);
}

enum mk_rc mk_store_time_list(struct mk_store *s, int64_t incident_id, mk_time_entry_cb cb,
			      void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT t.id, t.person, t.role, t.activity, t.worked_on, t.started_at, t.minutes, "
		"t.note, t.entered_by, t.entered_at, (SELECT cents FROM hourly_rate r WHERE "
		"r.role = t.role ORDER BY r.id DESC LIMIT 1) FROM time_entry t "
		"WHERE t.incident_id = ?1 ORDER BY t.worked_on, t.id";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	struct time_ctx tc = {cb, ctx};
	return each_row(s, st, "listing the time entries", time_row, &tc, err);
}

/* --- other costs --------------------------------------------------------------- */

enum mk_rc mk_store_cost_insert(struct mk_store *s, int64_t incident_id,
				struct mk_other_cost *c, int64_t log_seq, struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO other_cost (incident_id, kind, description, cents, entered_by, "
		"entered_at, log_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	mk_sql_bind_text(st, 2, mk_cost_kind_name(c->kind));
	mk_sql_bind_text(st, 3, c->description);
	sqlite3_bind_int64(st, 4, c->cents);
	mk_sql_bind_text(st, 5, c->entered_by);
	sqlite3_bind_int64(st, 6, c->entered_at);
	sqlite3_bind_int64(st, 7, log_seq);
	enum mk_rc rc = mk_sql_step_done(s, st, "recording the cost", err);
	if (rc == MK_OK)
		c->id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

struct cost_ctx {
	mk_other_cost_cb cb;
	void *ctx;
};

static enum mk_rc cost_row(sqlite3_stmt *st, void *ctx)
{
	struct cost_ctx *cc = ctx;
	struct mk_other_cost c = {0};
	c.id = sqlite3_column_int64(st, 0);
	mk_cost_kind_parse(mk_sql_column_text(st, 1), "kind", &c.kind, NULL);
	c.description = mk_sql_column_text(st, 2);
	c.cents = sqlite3_column_int64(st, 3);
	c.entered_by = mk_sql_column_text(st, 4);
	c.entered_at = sqlite3_column_int64(st, 5);
	return cc->cb(cc->ctx, &c);
}

enum mk_rc mk_store_cost_list(struct mk_store *s, int64_t incident_id, mk_other_cost_cb cb,
			      void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT id, kind, description, cents, entered_by, entered_at FROM other_cost "
		"WHERE incident_id = ?1 ORDER BY id";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	struct cost_ctx cc = {cb, ctx};
	return each_row(s, st, "listing the costs", cost_row, &cc, err);
}

/* --- evaluation ---------------------------------------------------------------- */

enum mk_rc mk_store_evaluation_get(struct mk_store *s, int64_t incident_id, mk_evaluation_cb cb,
				   void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT lessons, process_review, meeting_at, meeting_minutes, updated_by, "
		"updated_at, meeting_sequence FROM evaluation WHERE incident_id = ?1";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	struct mk_evaluation_view v = {.meeting_at = MK_TIME_UNKNOWN,
				       .updated_at = MK_TIME_UNKNOWN};
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		v.exists = true;
		v.lessons = nullable(st, 0);
		v.process_review = nullable(st, 1);
		v.meeting_at = mk_sql_column_time(st, 2);
		v.meeting_minutes = sqlite3_column_int(st, 3);
		v.updated_by = mk_sql_column_text(st, 4);
		v.updated_at = sqlite3_column_int64(st, 5);
		v.meeting_sequence = sqlite3_column_int(st, 6);
	} else if (src != SQLITE_DONE) {
		sqlite3_reset(st);
		return mk_sql_fail(s, src, "reading the evaluation", err);
	}
	enum mk_rc rc = cb(ctx, &v);
	sqlite3_reset(st);
	return rc;
}

enum mk_rc mk_store_evaluation_put(struct mk_store *s, int64_t incident_id,
				   const struct mk_evaluation_view *v, struct mk_error *err)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO evaluation (incident_id, lessons, process_review, "
		"meeting_at, meeting_minutes, updated_by, updated_at, meeting_sequence) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	mk_sql_bind_text(st, 2, v->lessons && v->lessons[0] ? v->lessons : NULL);
	mk_sql_bind_text(st, 3, v->process_review && v->process_review[0] ? v->process_review : NULL);
	mk_sql_bind_time(st, 4, v->meeting_at);
	if (v->meeting_at == MK_TIME_UNKNOWN)
		sqlite3_bind_null(st, 5);
	else
		sqlite3_bind_int(st, 5, v->meeting_minutes);
	mk_sql_bind_text(st, 6, v->updated_by);
	sqlite3_bind_int64(st, 7, v->updated_at);
	sqlite3_bind_int(st, 8, v->meeting_sequence);
	return mk_sql_step_done(s, st, "writing the evaluation", err);
}

enum mk_rc mk_store_answer_put(struct mk_store *s, int64_t incident_id, const char *code,
			       const char *answer, struct mk_error *err)
{
	static const char put_sql[] =
		"INSERT OR REPLACE INTO evaluation_answer (incident_id, code, answer) "
		"VALUES (?1, ?2, ?3)";
	static const char del_sql[] =
		"DELETE FROM evaluation_answer WHERE incident_id = ?1 AND code = ?2";
	bool del = !answer || !answer[0];
	PREPARE(st, del ? del_sql : put_sql);
	sqlite3_bind_int64(st, 1, incident_id);
	mk_sql_bind_text(st, 2, code);
	if (!del)
		mk_sql_bind_text(st, 3, answer);
	return mk_sql_step_done(s, st, "writing an evaluation answer", err);
}

struct answer_ctx {
	mk_answer_cb cb;
	void *ctx;
};

static enum mk_rc answer_row(sqlite3_stmt *st, void *ctx)
{
	struct answer_ctx *ac = ctx;
	return ac->cb(ac->ctx, mk_sql_column_text(st, 0), mk_sql_column_text(st, 1));
}

enum mk_rc mk_store_answer_list(struct mk_store *s, int64_t incident_id, mk_answer_cb cb,
				void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT code, answer FROM evaluation_answer WHERE incident_id = ?1 ORDER BY code";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	struct answer_ctx ac = {cb, ctx};
	return each_row(s, st, "listing the evaluation answers", answer_row, &ac, err);
}

/* --- improvement actions -------------------------------------------------------- */

enum mk_rc mk_store_action_insert(struct mk_store *s, int64_t incident_id,
				  struct mk_improvement *a, struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO improvement_action (incident_id, what, owner, due_at, created_by, "
		"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	mk_sql_bind_text(st, 2, a->what);
	mk_sql_bind_text(st, 3, a->owner);
	sqlite3_bind_int64(st, 4, a->due_at);
	mk_sql_bind_text(st, 5, a->created_by);
	sqlite3_bind_int64(st, 6, a->created_at);
	enum mk_rc rc = mk_sql_step_done(s, st, "recording the improvement action", err);
	if (rc == MK_OK)
		a->id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

enum mk_rc mk_store_action_done(struct mk_store *s, int64_t incident_id, int64_t id,
				const char *by, mk_time at, struct mk_error *err)
{
	static const char get_sql[] =
		"SELECT done_at IS NOT NULL FROM improvement_action WHERE id = ?1 AND incident_id = ?2";
	static const char sql[] =
		"UPDATE improvement_action SET done_at = ?3, done_by = ?4 WHERE id = ?1 AND "
		"incident_id = ?2";
	PREPARE(get, get_sql);
	sqlite3_bind_int64(get, 1, id);
	sqlite3_bind_int64(get, 2, incident_id);
	int src = sqlite3_step(get);
	int done = src == SQLITE_ROW ? sqlite3_column_int(get, 0) : 0;
	sqlite3_reset(get);
	if (src == SQLITE_DONE)
		return mk_error_set(err, MK_ENOTFOUND, "action", "no improvement action %lld",
				    (long long)id);
	if (src != SQLITE_ROW)
		return mk_sql_fail(s, src, "reading the improvement action", err);
	if (done)
		return mk_error_set(err, MK_ECONFLICT, "action", "improvement action %lld is done already",
				    (long long)id);
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, incident_id);
	sqlite3_bind_int64(st, 3, at);
	mk_sql_bind_text(st, 4, by);
	return mk_sql_step_done(s, st, "marking the improvement action done", err);
}

struct action_ctx {
	mk_improvement_cb cb;
	void *ctx;
};

static enum mk_rc action_row(sqlite3_stmt *st, void *ctx)
{
	struct action_ctx *ac = ctx;
	struct mk_improvement a = {0};
	a.id = sqlite3_column_int64(st, 0);
	a.what = mk_sql_column_text(st, 1);
	a.owner = mk_sql_column_text(st, 2);
	a.due_at = sqlite3_column_int64(st, 3);
	a.done_at = mk_sql_column_time(st, 4);
	a.done_by = nullable(st, 5);
	a.created_by = mk_sql_column_text(st, 6);
	a.created_at = sqlite3_column_int64(st, 7);
	return ac->cb(ac->ctx, &a);
}

enum mk_rc mk_store_action_list(struct mk_store *s, int64_t incident_id, mk_improvement_cb cb,
				void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT id, what, owner, due_at, done_at, done_by, created_by, created_at "
		"FROM improvement_action WHERE incident_id = ?1 ORDER BY id";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	struct action_ctx ac = {cb, ctx};
	return each_row(s, st, "listing the improvement actions", action_row, &ac, err);
}

/* --- legal hold ------------------------------------------------------------------ */

enum mk_rc mk_store_hold_get(struct mk_store *s, int64_t incident_id, mk_hold_cb cb, void *ctx,
			     bool *ret_found, struct mk_error *err)
{
	static const char sql[] =
		"SELECT reason, held_by, held_at FROM legal_hold WHERE incident_id = ?1";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	int src = sqlite3_step(st);
	enum mk_rc rc = MK_OK;
	*ret_found = src == SQLITE_ROW;
	if (src == SQLITE_ROW && cb) {
		struct mk_hold_view h = {mk_sql_column_text(st, 0), mk_sql_column_text(st, 1),
					 sqlite3_column_int64(st, 2)};
		rc = cb(ctx, &h);
	} else if (src != SQLITE_ROW && src != SQLITE_DONE) {
		rc = mk_sql_fail(s, src, "reading the legal hold", err);
	}
	sqlite3_reset(st);
	return rc;
}

enum mk_rc mk_store_hold_put(struct mk_store *s, int64_t incident_id,
			     const struct mk_hold_view *h, struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO legal_hold (incident_id, reason, held_by, held_at) VALUES (?1, ?2, ?3, ?4)";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	mk_sql_bind_text(st, 2, h->reason);
	mk_sql_bind_text(st, 3, h->held_by);
	sqlite3_bind_int64(st, 4, h->held_at);
	return mk_sql_step_done(s, st, "placing the legal hold", err);
}

enum mk_rc mk_store_hold_delete(struct mk_store *s, int64_t incident_id, struct mk_error *err)
{
	static const char sql[] = "DELETE FROM legal_hold WHERE incident_id = ?1";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	return mk_sql_step_done(s, st, "releasing the legal hold", err);
}

/* --- facts for closing ----------------------------------------------------------- */

enum mk_rc mk_store_evidence_count(struct mk_store *s, int64_t incident_id, int64_t *ret,
				   struct mk_error *err)
{
	/* Every item of the chain of custody, files and physical ones (schema
	 * 5 made an item of every evidence file before it). */
	static const char sql[] = "SELECT count(*) FROM evidence_item WHERE incident_id = ?1";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*ret = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return src == SQLITE_ROW ? MK_OK : mk_sql_fail(s, src, "counting evidence", err);
}

struct name_ctx {
	mk_store_name_cb cb;
	void *ctx;
};

static enum mk_rc name_row(sqlite3_stmt *st, void *ctx)
{
	struct name_ctx *nc = ctx;
	return nc->cb(nc->ctx, mk_sql_column_text(st, 0));
}

enum mk_rc mk_store_open_children(struct mk_store *s, int64_t incident_id, mk_store_name_cb cb,
				  void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT key FROM incident WHERE parent_id = ?1 AND closed_at IS NULL ORDER BY id";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	struct name_ctx nc = {cb, ctx};
	return each_row(s, st, "listing sub-incidents", name_row, &nc, err);
}

/* --- purge ------------------------------------------------------------------------ */

struct purge_row_ctx {
	mk_purge_row_cb cb;
	void *ctx;
};

static enum mk_rc purge_row(sqlite3_stmt *st, void *ctx)
{
	struct purge_row_ctx *pc = ctx;
	struct mk_purge_row r = {0};
	r.id = sqlite3_column_int64(st, 0);
	r.key = mk_sql_column_text(st, 1);
	r.uuid = mk_sql_column_text(st, 2);
	r.title = mk_sql_column_text(st, 3);
	r.closed_at = sqlite3_column_int64(st, 4);
	r.held = sqlite3_column_int(st, 5) != 0;
	r.children = sqlite3_column_int64(st, 6);
	r.parent_id = sqlite3_column_int64(st, 7);
	r.log_head = mk_sql_column_text(st, 8);
	r.log_count = sqlite3_column_int64(st, 9);
	return pc->cb(pc->ctx, &r);
}

enum mk_rc mk_store_purge_candidates(struct mk_store *s, mk_time closed_before,
				     mk_purge_row_cb cb, void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT i.id, i.key, i.uuid, i.title, i.closed_at, "
		"EXISTS (SELECT 1 FROM legal_hold h WHERE h.incident_id = i.id), "
		"(SELECT count(*) FROM incident c WHERE c.parent_id = i.id), "
		"coalesce(i.parent_id, 0), i.log_head, i.log_count FROM incident i "
		"WHERE i.closed_at IS NOT NULL AND i.closed_at <= ?1 ORDER BY i.closed_at, i.id";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, closed_before);
	struct purge_row_ctx pc = {cb, ctx};
	return each_row(s, st, "listing incidents past retention", purge_row, &pc, err);
}

struct id_ctx {
	mk_id_cb cb;
	void *ctx;
};

static enum mk_rc id_row(sqlite3_stmt *st, void *ctx)
{
	struct id_ctx *ic = ctx;
	return ic->cb(ic->ctx, sqlite3_column_int64(st, 0));
}

enum mk_rc mk_store_children(struct mk_store *s, int64_t incident_id, mk_id_cb cb, void *ctx,
			     struct mk_error *err)
{
	static const char sql[] = "SELECT id FROM incident WHERE parent_id = ?1 ORDER BY id";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	struct id_ctx ic = {cb, ctx};
	return each_row(s, st, "listing sub-incidents", id_row, &ic, err);
}

static enum mk_rc count_of(struct mk_store *s, const char *sql, int64_t *ret,
			   struct mk_error *err)
{
	PREPARE(st, sql);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*ret = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return src == SQLITE_ROW ? MK_OK : mk_sql_fail(s, src, "counting for the purge", err);
}

struct blob_ctx {
	mk_blob_cb cb;
	void *ctx;
};

static enum mk_rc blob_row(sqlite3_stmt *st, void *ctx)
{
	struct blob_ctx *bc = ctx;
	return bc->cb(bc->ctx, mk_sql_column_text(st, 0), mk_sql_column_text(st, 1));
}

/* Every table that holds rows of an incident, child tables first. A
 * branch that adds such a table (breach: 0004, custody: 0005) adds its
 * DELETE here; a table left out makes the purge fail on its foreign key,
 * which deletes nothing: the safe way round. */
static const char *const purge_deletes[] = {
	"DELETE FROM task WHERE incident_id IN (SELECT incident_id FROM purge_pass)",
	"DELETE FROM logbook WHERE incident_id IN (SELECT incident_id FROM purge_pass)",
	"DELETE FROM decision WHERE incident_id IN (SELECT incident_id FROM purge_pass)",
	"DELETE FROM incident_team WHERE incident_id IN (SELECT incident_id FROM purge_pass)",
	"DELETE FROM incident_observable WHERE incident_id IN (SELECT incident_id FROM purge_pass)",
	/* The chain of custody (0005): its log, then its items, before the
	 * evidence rows the file items point at. */
	"DELETE FROM evidence_access WHERE item_id IN (SELECT id FROM evidence_item WHERE incident_id IN (SELECT incident_id FROM purge_pass))",
	"DELETE FROM evidence_transfer WHERE item_id IN (SELECT id FROM evidence_item WHERE incident_id IN (SELECT incident_id FROM purge_pass))",
	"DELETE FROM evidence_item WHERE incident_id IN (SELECT incident_id FROM purge_pass)",
	"DELETE FROM evidence WHERE incident_id IN (SELECT incident_id FROM purge_pass)",
	"DELETE FROM time_entry WHERE incident_id IN (SELECT incident_id FROM purge_pass)",
	"DELETE FROM other_cost WHERE incident_id IN (SELECT incident_id FROM purge_pass)",
	"DELETE FROM evaluation WHERE incident_id IN (SELECT incident_id FROM purge_pass)",
	"DELETE FROM evaluation_answer WHERE incident_id IN (SELECT incident_id FROM purge_pass)",
	"DELETE FROM improvement_action WHERE incident_id IN (SELECT incident_id FROM purge_pass)",
	/* Alert groups are the installation's intake, not the incident's
	 * record: they stay, no longer promoted. */
	"UPDATE alert_group SET incident_id = NULL WHERE incident_id IN (SELECT incident_id FROM purge_pass)",
	/* The data-breach record and its AP notifications (0004). */
	"DELETE FROM ap_notification WHERE breach_id IN (SELECT id FROM breach WHERE incident_id IN (SELECT incident_id FROM purge_pass))",
	"DELETE FROM breach WHERE incident_id IN (SELECT incident_id FROM purge_pass)",
	"DELETE FROM incident WHERE id IN (SELECT incident_id FROM purge_pass)",
};

enum mk_rc mk_store_purge(struct mk_store *s, const int64_t *ids, size_t n, const char *by,
			  mk_time at, int years, mk_blob_cb blob_cb, void *blob_ctx,
			  struct mk_purge_counts *ret_counts, int64_t *ret_purge_id,
			  struct mk_error *err)
{
	static const char pass_sql[] = "INSERT INTO purge_pass (incident_id) VALUES (?1)";
	static const char n_incidents[] = "SELECT count(*) FROM purge_pass";
	static const char n_logbook[] =
		"SELECT count(*) FROM logbook WHERE incident_id IN (SELECT incident_id FROM purge_pass)";
	static const char n_evidence[] =
		"SELECT count(*) FROM evidence WHERE incident_id IN (SELECT incident_id FROM purge_pass)";
	static const char n_other[] =
		"SELECT (SELECT count(*) FROM task WHERE incident_id IN (SELECT incident_id FROM purge_pass)) + "
		"(SELECT count(*) FROM decision WHERE incident_id IN (SELECT incident_id FROM purge_pass)) + "
		"(SELECT count(*) FROM time_entry WHERE incident_id IN (SELECT incident_id FROM purge_pass)) + "
		"(SELECT count(*) FROM other_cost WHERE incident_id IN (SELECT incident_id FROM purge_pass)) + "
		"(SELECT count(*) FROM improvement_action WHERE incident_id IN (SELECT incident_id FROM purge_pass)) + "
		"(SELECT count(*) FROM evaluation_answer WHERE incident_id IN (SELECT incident_id FROM purge_pass)) + "
		"(SELECT count(*) FROM incident_observable WHERE incident_id IN (SELECT incident_id FROM purge_pass)) + "
		"(SELECT count(*) FROM breach WHERE incident_id IN (SELECT incident_id FROM purge_pass)) + "
		"(SELECT count(*) FROM evidence_item WHERE incident_id IN (SELECT incident_id FROM purge_pass)) + "
		"(SELECT count(*) FROM ap_notification WHERE breach_id IN (SELECT id FROM breach WHERE "
		"incident_id IN (SELECT incident_id FROM purge_pass)))";
	static const char blobs_sql[] =
		"SELECT DISTINCT sha256, stored_path FROM evidence WHERE incident_id IN "
		"(SELECT incident_id FROM purge_pass)";
	static const char log_sql[] =
		"INSERT INTO purge_log (at, actor, before_years, incidents, logbook_entries, "
		"evidence_items, other_rows) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	static const char keys_sql[] =
		"INSERT INTO purged_incident (key, purge_id, uuid, closed_at, log_head, log_count) "
		"SELECT key, ?1, uuid, closed_at, log_head, log_count FROM incident WHERE id IN "
		"(SELECT incident_id FROM purge_pass)";
	static const char clear_sql[] = "DELETE FROM purge_pass";
	enum mk_rc rc;
	struct mk_purge_counts c = {0};

	for (size_t i = 0; i < n; i++) {
		PREPARE(st, pass_sql);
		sqlite3_bind_int64(st, 1, ids[i]);
		if ((rc = mk_sql_step_done(s, st, "opening the purge pass", err)))
			return rc;
	}
	if ((rc = count_of(s, n_incidents, &c.incidents, err)) ||
	    (rc = count_of(s, n_logbook, &c.logbook_entries, err)) ||
	    (rc = count_of(s, n_evidence, &c.evidence_items, err)) ||
	    (rc = count_of(s, n_other, &c.other_rows, err)))
		return rc;
	if (blob_cb) {
		PREPARE(st, blobs_sql);
		struct blob_ctx bc = {blob_cb, blob_ctx};
		if ((rc = each_row(s, st, "listing evidence files", blob_row, &bc, err)))
			return rc;
	}
	{
		PREPARE(st, log_sql);
		sqlite3_bind_int64(st, 1, at);
		mk_sql_bind_text(st, 2, by);
		sqlite3_bind_int(st, 3, years);
		sqlite3_bind_int64(st, 4, c.incidents);
		sqlite3_bind_int64(st, 5, c.logbook_entries);
		sqlite3_bind_int64(st, 6, c.evidence_items);
		sqlite3_bind_int64(st, 7, c.other_rows);
		if ((rc = mk_sql_step_done(s, st, "writing the purge log", err)))
			return rc;
	}
	int64_t purge_id = sqlite3_last_insert_rowid(s->db);
	{
		PREPARE(st, keys_sql);
		sqlite3_bind_int64(st, 1, purge_id);
		if ((rc = mk_sql_step_done(s, st, "writing the purge log", err)))
			return rc;
	}
	for (size_t i = 0; i < sizeof(purge_deletes) / sizeof(purge_deletes[0]); i++) {
		PREPARE(st, purge_deletes[i]);
		if ((rc = mk_sql_step_done(s, st, "purging", err)))
			return rc;
	}
	{
		PREPARE(st, clear_sql);
		if ((rc = mk_sql_step_done(s, st, "closing the purge pass", err)))
			return rc;
	}
	*ret_counts = c;
	if (ret_purge_id)
		*ret_purge_id = purge_id;
	return MK_OK;
}

enum mk_rc mk_store_blob_forget(struct mk_store *s, const char *sha256, const char *stored_path,
				bool *ret_removed, struct mk_error *err)
{
	static const char sql[] = "SELECT count(*) FROM evidence WHERE sha256 = ?1";
	*ret_removed = false;
	PREPARE(st, sql);
	mk_sql_bind_text(st, 1, sha256);
	int src = sqlite3_step(st);
	int64_t refs = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	if (src != SQLITE_ROW)
		return mk_sql_fail(s, src, "checking evidence references", err);
	if (refs > 0)
		return MK_OK;
	/* The stored path is one the store wrote (sha256/ab/<hex>); refuse
	 * anything else rather than unlink outside the folder. */
	if (strstr(stored_path, "..") || stored_path[0] == '/' ||
	    strncmp(stored_path, "sha256/", 7) != 0)
		return mk_error_set(err, MK_ESTORE, "evidence", "unexpected evidence path '%.80s'",
				    stored_path);
	struct mk_buf path;
	mk_buf_init(&path, 8192);
	mk_buf_addf(&path, "%s/%s", mk_store_blob_dir(s), stored_path);
	enum mk_rc rc = mk_buf_rc(&path);
	if (rc == MK_OK) {
		if (unlink(path.data) == 0)
			*ret_removed = true;
		else if (errno != ENOENT)
			rc = mk_error_set(err, MK_ESTORE, "evidence", "cannot remove '%s': %s",
					  path.data, strerror(errno));
	}
	mk_buf_release(&path);
	return rc;
}

struct log_ctx {
	mk_purge_log_cb cb;
	void *ctx;
};

static enum mk_rc purge_log_row(sqlite3_stmt *st, void *ctx)
{
	struct log_ctx *lc = ctx;
	struct mk_purge_log_view p = {0};
	p.id = sqlite3_column_int64(st, 0);
	p.at = sqlite3_column_int64(st, 1);
	p.actor = mk_sql_column_text(st, 2);
	p.years = sqlite3_column_int(st, 3);
	p.counts.incidents = sqlite3_column_int64(st, 4);
	p.counts.logbook_entries = sqlite3_column_int64(st, 5);
	p.counts.evidence_items = sqlite3_column_int64(st, 6);
	p.counts.other_rows = sqlite3_column_int64(st, 7);
	p.keys = mk_sql_column_text(st, 8);
	return lc->cb(lc->ctx, &p);
}

enum mk_rc mk_store_purge_log_list(struct mk_store *s, mk_purge_log_cb cb, void *ctx,
				   struct mk_error *err)
{
	static const char sql[] =
		"SELECT p.id, p.at, p.actor, p.before_years, p.incidents, p.logbook_entries, "
		"p.evidence_items, p.other_rows, (SELECT group_concat(key, ' ') FROM "
		"(SELECT key FROM purged_incident WHERE purge_id = p.id ORDER BY key)) "
		"FROM purge_log p ORDER BY p.id";
	PREPARE(st, sql);
	struct log_ctx lc = {cb, ctx};
	return each_row(s, st, "reading the purge log", purge_log_row, &lc, err);
}
