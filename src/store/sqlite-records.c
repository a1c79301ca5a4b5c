/* The records that hang off an incident (tasks, logbook entries, BOBOC
 * decisions) and the versioned configuration tables, in SQLite. */
#include <string.h>

#include "base/alloc.h"
#include "store/sqlite-internal.h"

#define PREPARE_OR_RETURN(st, s, sql, err)                \
	sqlite3_stmt *st = mk_sql_prepare((s), (sql), (err)); \
	if (!st)                                              \
		return (err) ? (err)->rc : MK_ESTORE

/* --- configuration tables ------------------------------------------------ */

static enum mk_rc config_read(struct mk_store *s, sqlite3_stmt *st, const char *name,
			      int *ret_version, char **ret_body, struct mk_error *err)
{
	int src = sqlite3_step(st);
	enum mk_rc rc = MK_OK;
	if (src == SQLITE_ROW) {
		bool oom = false;
		char *body = mk_sql_column_dup(st, 1, &oom);
		if (oom || !body) {
			mk_free(body);
			rc = mk_error_set(err, MK_ENOMEM, "", "out of memory reading table '%s'", name);
		} else {
			if (ret_version)
				*ret_version = sqlite3_column_int(st, 0);
			*ret_body = body;
		}
	} else if (src == SQLITE_DONE) {
		rc = mk_error_set(err, MK_ENOTFOUND, "", "database '%s' has no table '%s'", s->path,
				  name);
	} else {
		rc = mk_sql_fail(s, src, "reading a configuration table", err);
	}
	sqlite3_reset(st);
	return rc;
}

enum mk_rc mk_store_config_get(struct mk_store *s, const char *name, int *ret_version,
			       char **ret_body, struct mk_error *err)
{
	static const char sql[] = "SELECT version, body FROM config_table WHERE name = ?1 "
				  "ORDER BY version DESC LIMIT 1";
	PREPARE_OR_RETURN(st, s, sql, err);
	mk_sql_bind_text(st, 1, name);
	return config_read(s, st, name, ret_version, ret_body, err);
}

enum mk_rc mk_store_config_get_version(struct mk_store *s, const char *name, int version,
				       char **ret_body, struct mk_error *err)
{
	static const char sql[] =
		"SELECT version, body FROM config_table WHERE name = ?1 AND version = ?2";
	PREPARE_OR_RETURN(st, s, sql, err);
	mk_sql_bind_text(st, 1, name);
	sqlite3_bind_int(st, 2, version);
	return config_read(s, st, name, NULL, ret_body, err);
}

enum mk_rc mk_store_config_put(struct mk_store *s, const char *name, const char *body,
			       mk_time at, const char *by, int *ret_version,
			       struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO config_table (name, version, body, created_at, created_by) "
		"VALUES (?1, (SELECT coalesce(max(version), 0) + 1 FROM config_table WHERE name = ?1), "
		"?2, ?3, ?4) RETURNING version";
	PREPARE_OR_RETURN(st, s, sql, err);
	mk_sql_bind_text(st, 1, name);
	mk_sql_bind_text(st, 2, body);
	mk_sql_bind_time(st, 3, at);
	mk_sql_bind_text(st, 4, by);
	int src = sqlite3_step(st);
	enum mk_rc rc = MK_OK;
	if (src == SQLITE_ROW) {
		if (ret_version)
			*ret_version = sqlite3_column_int(st, 0);
	} else {
		rc = mk_sql_fail(s, src, "storing a configuration table", err);
	}
	sqlite3_reset(st);
	return rc;
}

/* --- tasks ---------------------------------------------------------------- */

enum mk_rc mk_store_tasks_list(struct mk_store *s, int64_t incident_id, mk_task_cb cb,
			       void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT code, state, done_by, done_at, note FROM task WHERE incident_id = ?1";
	PREPARE_OR_RETURN(st, s, sql, err);
	sqlite3_bind_int64(st, 1, incident_id);
	enum mk_rc rc = MK_OK;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct mk_task_row row = {0};
		struct mk_error e;
		row.code = mk_sql_column_text(st, 0);
		if (mk_task_state_parse(mk_sql_column_text(st, 1), &row.state, &e)) {
			rc = mk_error_set(err, MK_ESTORE, "state", "database '%s' holds a bad task state",
					  s->path);
			break;
		}
		row.done_by = (const char *)sqlite3_column_text(st, 2);
		row.done_at = mk_sql_column_time(st, 3);
		row.note = (const char *)sqlite3_column_text(st, 4);
		if ((rc = cb(ctx, &row)))
			break;
	}
	if (rc == MK_OK && src != SQLITE_DONE)
		rc = mk_sql_fail(s, src, "listing tasks", err);
	sqlite3_reset(st);
	return rc;
}

enum mk_rc mk_store_task_set(struct mk_store *s, int64_t incident_id,
			     const struct mk_task_row *task, struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO task (incident_id, code, state, done_by, done_at, note) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (incident_id, code) DO UPDATE SET "
		"state = excluded.state, done_by = excluded.done_by, done_at = excluded.done_at, "
		"note = excluded.note";
	PREPARE_OR_RETURN(st, s, sql, err);
	sqlite3_bind_int64(st, 1, incident_id);
	mk_sql_bind_text(st, 2, task->code);
	mk_sql_bind_text(st, 3, mk_task_state_name(task->state));
	mk_sql_bind_text(st, 4, task->done_by);
	mk_sql_bind_time(st, 5, task->done_at);
	mk_sql_bind_text(st, 6, task->note);
	return mk_sql_step_done(s, st, "updating a task", err);
}

/* --- logbook -------------------------------------------------------------- */

enum mk_rc mk_store_log_append(struct mk_store *s, int64_t incident_id,
			       const struct mk_log_entry *e, struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO logbook (incident_id, seq, at, author, role, kind, text, prev_hash, hash) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	PREPARE_OR_RETURN(st, s, sql, err);
	sqlite3_bind_int64(st, 1, incident_id);
	sqlite3_bind_int64(st, 2, e->seq);
	sqlite3_bind_int64(st, 3, e->at);
	mk_sql_bind_text(st, 4, e->author);
	mk_sql_bind_text(st, 5, mk_role_name(e->role));
	mk_sql_bind_text(st, 6, mk_log_kind_name(e->kind));
	mk_sql_bind_text(st, 7, e->text);
	mk_sql_bind_text(st, 8, e->prev_hash);
	mk_sql_bind_text(st, 9, e->hash);
	enum mk_rc rc = mk_sql_step_done(s, st, "writing the logbook", err);
	if (rc == MK_OK) {
		int64_t id = sqlite3_last_insert_rowid(s->db);
		if (s->fts_logbook_from == 0 || id < s->fts_logbook_from)
			s->fts_logbook_from = id;
	}
	return rc;
}

/* Steps a logbook query and hands each row to cb. */
static enum mk_rc each_entry(struct mk_store *s, sqlite3_stmt *st, mk_log_cb cb, void *ctx,
			     struct mk_error *err)
{
	enum mk_rc rc = MK_OK;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct mk_log_entry e = {0};
		struct mk_error pe;
		e.seq = sqlite3_column_int64(st, 0);
		e.at = sqlite3_column_int64(st, 1);
		e.author = mk_sql_column_text(st, 2);
		e.text = mk_sql_column_text(st, 5);
		snprintf(e.prev_hash, sizeof(e.prev_hash), "%s", mk_sql_column_text(st, 6));
		snprintf(e.hash, sizeof(e.hash), "%s", mk_sql_column_text(st, 7));
		if (mk_role_parse(mk_sql_column_text(st, 3), "role", &e.role, &pe) ||
		    mk_log_kind_parse(mk_sql_column_text(st, 4), "kind", &e.kind, &pe)) {
			/* An unknown role or kind can only be written by hand; the
			 * chain check will name the entry, so report it as changed
			 * with the closest value rather than stopping here. */
			e.kind = MK_LOG_KIND_COUNT;
		}
		if ((rc = cb(ctx, &e)))
			break;
	}
	if (rc == MK_OK && src != SQLITE_DONE)
		rc = mk_sql_fail(s, src, "reading the logbook", err);
	sqlite3_reset(st);
	return rc;
}

enum mk_rc mk_store_log_list(struct mk_store *s, int64_t incident_id, mk_log_cb cb, void *ctx,
			     struct mk_error *err)
{
	static const char sql[] = "SELECT seq, at, author, role, kind, text, prev_hash, hash "
				  "FROM logbook WHERE incident_id = ?1 ORDER BY seq";
	PREPARE_OR_RETURN(st, s, sql, err);
	sqlite3_bind_int64(st, 1, incident_id);
	return each_entry(s, st, cb, ctx, err);
}

enum mk_rc mk_store_log_last(struct mk_store *s, int64_t incident_id, mk_log_cb cb, void *ctx,
			     struct mk_error *err)
{
	static const char sql[] = "SELECT seq, at, author, role, kind, text, prev_hash, hash "
				  "FROM logbook WHERE incident_id = ?1 ORDER BY seq DESC LIMIT 1";
	PREPARE_OR_RETURN(st, s, sql, err);
	sqlite3_bind_int64(st, 1, incident_id);
	return each_entry(s, st, cb, ctx, err);
}

/* --- decisions ------------------------------------------------------------ */

enum mk_rc mk_store_decision_insert(struct mk_store *s, int64_t incident_id,
				    struct mk_decision *d, int64_t log_seq, struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO decision (incident_id, beeldvorming, opties, besluit, opdracht_wie, "
		"opdracht_uiterlijk, controle_op, controle_resultaat, decided_by, decided_at, log_seq) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	PREPARE_OR_RETURN(st, s, sql, err);
	sqlite3_bind_int64(st, 1, incident_id);
	mk_sql_bind_text(st, 2, d->beeldvorming);
	mk_sql_bind_text(st, 3, d->opties);
	mk_sql_bind_text(st, 4, d->besluit);
	mk_sql_bind_text(st, 5, d->opdracht_wie);
	mk_sql_bind_time(st, 6, d->opdracht_uiterlijk);
	mk_sql_bind_time(st, 7, d->controle_op);
	mk_sql_bind_text(st, 8, d->controle_resultaat);
	mk_sql_bind_text(st, 9, d->decided_by);
	mk_sql_bind_time(st, 10, d->decided_at);
	sqlite3_bind_int64(st, 11, log_seq);
	enum mk_rc rc = mk_sql_step_done(s, st, "recording the decision", err);
	if (rc == MK_OK)
		d->id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

enum mk_rc mk_store_decision_list(struct mk_store *s, int64_t incident_id, mk_decision_cb cb,
				  void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT id, beeldvorming, opties, besluit, opdracht_wie, opdracht_uiterlijk, "
		"controle_op, controle_resultaat, decided_by, decided_at FROM decision "
		"WHERE incident_id = ?1 ORDER BY id";
	PREPARE_OR_RETURN(st, s, sql, err);
	sqlite3_bind_int64(st, 1, incident_id);
	enum mk_rc rc = MK_OK;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct mk_decision d = {0};
		d.id = sqlite3_column_int64(st, 0);
		d.beeldvorming = mk_sql_column_text(st, 1);
		d.opties = mk_sql_column_text(st, 2);
		d.besluit = mk_sql_column_text(st, 3);
		d.opdracht_wie = mk_sql_column_text(st, 4);
		d.opdracht_uiterlijk = mk_sql_column_time(st, 5);
		d.controle_op = mk_sql_column_time(st, 6);
		d.controle_resultaat = (const char *)sqlite3_column_text(st, 7);
		d.decided_by = mk_sql_column_text(st, 8);
		d.decided_at = mk_sql_column_time(st, 9);
		if ((rc = cb(ctx, &d)))
			break;
	}
	if (rc == MK_OK && src != SQLITE_DONE)
		rc = mk_sql_fail(s, src, "listing decisions", err);
	sqlite3_reset(st);
	return rc;
}

/* --- the register as a whole ---------------------------------------------- */

enum mk_rc mk_store_register_check(struct mk_store *s, mk_problem_cb cb, void *ctx,
				   struct mk_error *err)
{
	/* Key numbers handed out (key_counter) but without their incident
	 * (a purged one is accounted for in the purge log, schema 0006);
	 * MK-YYYY-NNNN sorts as text, so the per-year range is an index scan. */
	static const char gaps_sql[] =
		"WITH RECURSIVE years(year, last) AS (SELECT year, last FROM key_counter), "
		"numbers(year, n, last) AS (SELECT year, 1, last FROM years UNION ALL "
		"SELECT year, n + 1, last FROM numbers WHERE n < last) "
		"SELECT printf('MK-%04d-%04d', year, n) AS k FROM numbers "
		"WHERE k NOT IN (SELECT key FROM incident) "
		"AND k NOT IN (SELECT key FROM purged_incident) ORDER BY k LIMIT 10";
	static const char orphans_sql[] =
		"SELECT incident_id, count(*) FROM logbook "
		"WHERE incident_id NOT IN (SELECT id FROM incident) GROUP BY incident_id LIMIT 10";
	enum mk_rc rc = MK_OK;
	char msg[256];
	struct mk_error guard_err;
	if (mk_store_guards_check(s, &guard_err) == MK_ECHAIN && (rc = cb(ctx, guard_err.message)))
		return rc;

	PREPARE_OR_RETURN(gaps, s, gaps_sql, err);
	int src;
	while (rc == MK_OK && (src = sqlite3_step(gaps)) == SQLITE_ROW) {
		snprintf(msg, sizeof(msg),
			 "incident %s is missing from the register: its number was handed out, "
			 "so it was deleted",
			 mk_sql_column_text(gaps, 0));
		rc = cb(ctx, msg);
	}
	sqlite3_reset(gaps);
	if (rc == MK_OK && src != SQLITE_DONE && src != SQLITE_ROW)
		return mk_sql_fail(s, src, "checking the register", err);

	sqlite3_stmt *orphans = mk_sql_prepare(s, orphans_sql, err);
	if (!orphans)
		return err ? err->rc : MK_ESTORE;
	while (rc == MK_OK && (src = sqlite3_step(orphans)) == SQLITE_ROW) {
		snprintf(msg, sizeof(msg),
			 "%lld logbook entries belong to an incident (row %lld) that no longer exists",
			 (long long)sqlite3_column_int64(orphans, 1),
			 (long long)sqlite3_column_int64(orphans, 0));
		rc = cb(ctx, msg);
	}
	sqlite3_reset(orphans);
	if (rc == MK_OK && src != SQLITE_DONE && src != SQLITE_ROW)
		return mk_sql_fail(s, src, "checking the register", err);
	return rc;
}
