/* Accounts, sessions, API tokens, failed logins, the account audit trail
 * and incident teams in SQLite (schema 0002). Rows only: the rules that
 * decide what is written (names, hashing, expiry, throttling) are in
 * service/accounts.c. */
#include <string.h>

#include "core/incident.h"
#include "store/sqlite-internal.h"

#define ACCOUNT_COLUMNS(a)                                                        \
	a ".id, " a ".name, " a ".display_name, " a ".role, " a ".disabled, " a ".lang, " \
	a ".password_hash, " a ".created_at"

/* Reads the ACCOUNT_COLUMNS starting at column `at`. */
static enum mk_rc read_account(struct mk_store *s, sqlite3_stmt *st, int at,
			       struct mk_store_account *a, struct mk_error *err)
{
	a->id = sqlite3_column_int64(st, at);
	a->name = mk_sql_column_text(st, at + 1);
	a->display_name = mk_sql_column_text(st, at + 2);
	a->disabled = sqlite3_column_int(st, at + 4) != 0;
	a->lang = mk_sql_column_text(st, at + 5);
	a->password_hash = mk_sql_column_text(st, at + 6);
	a->created_at = mk_sql_column_time(st, at + 7);
	struct mk_error e;
	if (mk_role_parse(mk_sql_column_text(st, at + 3), "role", &a->role, &e))
		return mk_error_set(err, MK_ESTORE, "role",
				    "database '%s' holds a bad role for account '%s': %s", s->path,
				    a->name, e.message);
	return MK_OK;
}

/* A constraint failure on insert: a duplicate of a unique column is the
 * caller's conflict, named; anything else goes through mk_sql_fail. */
static enum mk_rc insert_fail(struct mk_store *s, int src, const char *field, const char *what,
			      const char *name, const char *doing, struct mk_error *err)
{
	if (src == SQLITE_CONSTRAINT_UNIQUE || src == SQLITE_CONSTRAINT_PRIMARYKEY)
		return mk_error_set(err, MK_ECONFLICT, field, "%s '%s' exists already", what, name);
	return mk_sql_fail(s, src, doing, err);
}

/* Steps a statement that returns no rows and checks it changed exactly
 * one row; MK_ENOTFOUND with `missing` otherwise. */
static enum mk_rc step_one_change(struct mk_store *s, sqlite3_stmt *st, const char *doing,
				  const char *missing, struct mk_error *err)
{
	enum mk_rc rc = mk_sql_step_done(s, st, doing, err);
	if (rc == MK_OK && sqlite3_changes(s->db) != 1)
		rc = mk_error_set(err, MK_ENOTFOUND, "", "%s", missing);
	return rc;
}

/* --- Accounts --------------------------------------------------------------- */

enum mk_rc mk_store_account_insert(struct mk_store *s, const struct mk_store_account *a,
				   int64_t *ret_id, struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO account (name, display_name, role, password_hash, disabled, lang, "
		"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, a->name);
	mk_sql_bind_text(st, 2, a->display_name);
	mk_sql_bind_text(st, 3, mk_role_name(a->role));
	mk_sql_bind_text(st, 4, a->password_hash);
	sqlite3_bind_int(st, 5, a->disabled);
	mk_sql_bind_text(st, 6, a->lang ? a->lang : "nl");
	mk_sql_bind_time(st, 7, a->created_at);
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	if (src != SQLITE_DONE)
		return insert_fail(s, src, "name", "account", a->name, "adding the account", err);
	*ret_id = sqlite3_last_insert_rowid(s->db);
	return MK_OK;
}

/* Steps st and hands each row (account columns from 0) to cb. */
static enum mk_rc each_account(struct mk_store *s, sqlite3_stmt *st, mk_store_account_cb cb,
			       void *ctx, int *ret_rows, struct mk_error *err)
{
	enum mk_rc rc = MK_OK;
	int src, rows = 0;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct mk_store_account a;
		rows++;
		if ((rc = read_account(s, st, 0, &a, err)) || (rc = cb(ctx, &a)))
			break;
	}
	if (rc == MK_OK && src != SQLITE_DONE)
		rc = mk_sql_fail(s, src, "reading accounts", err);
	sqlite3_reset(st);
	if (ret_rows)
		*ret_rows = rows;
	return rc;
}

enum mk_rc mk_store_account_get(struct mk_store *s, const char *name, mk_store_account_cb cb,
				void *ctx, struct mk_error *err)
{
	static const char sql[] = "SELECT " ACCOUNT_COLUMNS("a") " FROM account a WHERE a.name = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, name);
	int rows = 0;
	enum mk_rc rc = each_account(s, st, cb, ctx, &rows, err);
	if (rc == MK_OK && rows == 0)
		rc = mk_error_set(err, MK_ENOTFOUND, "name", "account '%.64s' does not exist", name);
	return rc;
}

enum mk_rc mk_store_account_list(struct mk_store *s, mk_store_account_cb cb, void *ctx,
				 struct mk_error *err)
{
	static const char sql[] = "SELECT " ACCOUNT_COLUMNS("a") " FROM account a ORDER BY a.name";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	return each_account(s, st, cb, ctx, NULL, err);
}

enum mk_rc mk_store_account_set_password(struct mk_store *s, int64_t id, const char *hash,
					 struct mk_error *err)
{
	static const char sql[] = "UPDATE account SET password_hash = ?2 WHERE id = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	mk_sql_bind_text(st, 2, hash);
	return step_one_change(s, st, "setting the password", "account does not exist", err);
}

enum mk_rc mk_store_account_set_disabled(struct mk_store *s, int64_t id, bool disabled,
					 struct mk_error *err)
{
	static const char sql[] = "UPDATE account SET disabled = ?2 WHERE id = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, disabled);
	return step_one_change(s, st, "disabling the account", "account does not exist", err);
}

enum mk_rc mk_store_account_set_lang(struct mk_store *s, int64_t id, const char *lang,
				     struct mk_error *err)
{
	static const char sql[] = "UPDATE account SET lang = ?2 WHERE id = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	mk_sql_bind_text(st, 2, lang);
	return step_one_change(s, st, "setting the language", "account does not exist", err);
}

/* --- Audit ------------------------------------------------------------------ */

enum mk_rc mk_store_audit_add(struct mk_store *s, const struct mk_store_audit *a,
			      struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO account_audit (at, actor, account_name, what) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_time(st, 1, a->at);
	mk_sql_bind_text(st, 2, a->actor);
	mk_sql_bind_text(st, 3, a->account_name);
	mk_sql_bind_text(st, 4, a->what);
	return mk_sql_step_done(s, st, "writing the account audit", err);
}

enum mk_rc mk_store_audit_list(struct mk_store *s, const char *account_name,
			       mk_store_audit_cb cb, void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT at, actor, account_name, what FROM account_audit "
		"WHERE ?1 IS NULL OR account_name = ?1 ORDER BY id";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, account_name);
	enum mk_rc rc = MK_OK;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct mk_store_audit a = {
			.at = mk_sql_column_time(st, 0),
			.actor = mk_sql_column_text(st, 1),
			.account_name = mk_sql_column_text(st, 2),
			.what = mk_sql_column_text(st, 3),
		};
		if ((rc = cb(ctx, &a)))
			break;
	}
	if (rc == MK_OK && src != SQLITE_DONE)
		rc = mk_sql_fail(s, src, "reading the account audit", err);
	sqlite3_reset(st);
	return rc;
}

/* --- Sessions --------------------------------------------------------------- */

enum mk_rc mk_store_session_insert(struct mk_store *s, const char *token_hash,
				   int64_t account_id, const char *csrf, mk_time now,
				   struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO session (token_hash, account_id, csrf, created_at, last_used_at) "
		"VALUES (?1, ?2, ?3, ?4, ?4)";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, token_hash);
	sqlite3_bind_int64(st, 2, account_id);
	mk_sql_bind_text(st, 3, csrf);
	mk_sql_bind_time(st, 4, now);
	return mk_sql_step_done(s, st, "starting the session", err);
}

enum mk_rc mk_store_session_get(struct mk_store *s, const char *token_hash,
				mk_store_session_cb cb, void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT se.csrf, se.created_at, se.last_used_at, " ACCOUNT_COLUMNS("a")
		" FROM session se JOIN account a ON a.id = se.account_id WHERE se.token_hash = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, token_hash);
	int src = sqlite3_step(st);
	enum mk_rc rc;
	if (src == SQLITE_ROW) {
		struct mk_store_session se = {
			.csrf = mk_sql_column_text(st, 0),
			.created_at = mk_sql_column_time(st, 1),
			.last_used_at = mk_sql_column_time(st, 2),
		};
		rc = read_account(s, st, 3, &se.account, err);
		if (rc == MK_OK)
			rc = cb(ctx, &se);
	} else if (src == SQLITE_DONE) {
		rc = mk_error_set(err, MK_ENOTFOUND, "session", "no such session");
	} else {
		rc = mk_sql_fail(s, src, "reading the session", err);
	}
	sqlite3_reset(st);
	return rc;
}

enum mk_rc mk_store_session_touch(struct mk_store *s, const char *token_hash, mk_time now,
				  struct mk_error *err)
{
	static const char sql[] = "UPDATE session SET last_used_at = ?2 WHERE token_hash = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, token_hash);
	mk_sql_bind_time(st, 2, now);
	return step_one_change(s, st, "using the session", "no such session", err);
}

enum mk_rc mk_store_session_delete(struct mk_store *s, const char *token_hash,
				   struct mk_error *err)
{
	static const char sql[] = "DELETE FROM session WHERE token_hash = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, token_hash);
	return mk_sql_step_done(s, st, "ending the session", err);
}

enum mk_rc mk_store_sessions_delete_account(struct mk_store *s, int64_t account_id,
					    struct mk_error *err)
{
	static const char sql[] = "DELETE FROM session WHERE account_id = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int64(st, 1, account_id);
	return mk_sql_step_done(s, st, "ending the account's sessions", err);
}

enum mk_rc mk_store_sessions_expire(struct mk_store *s, mk_time idle_before,
				    mk_time created_before, struct mk_error *err)
{
	static const char sql[] =
		"DELETE FROM session WHERE last_used_at < ?1 OR created_at < ?2";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_time(st, 1, idle_before);
	mk_sql_bind_time(st, 2, created_before);
	return mk_sql_step_done(s, st, "removing expired sessions", err);
}

/* --- API tokens --------------------------------------------------------------- */

enum mk_rc mk_store_token_insert(struct mk_store *s, const char *name, const char *token_hash,
				 int64_t account_id, mk_time now, struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO api_token (name, token_hash, account_id, created_at) "
		"VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, name);
	mk_sql_bind_text(st, 2, token_hash);
	sqlite3_bind_int64(st, 3, account_id);
	mk_sql_bind_time(st, 4, now);
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	if (src != SQLITE_DONE)
		return insert_fail(s, src, "name", "token", name, "adding the token", err);
	return MK_OK;
}

#define TOKEN_SELECT \
	"SELECT t.name, t.created_at, t.revoked_at, " ACCOUNT_COLUMNS("a") \
	" FROM api_token t JOIN account a ON a.id = t.account_id "

/* The token of TOKEN_SELECT's current row, to cb. */
static enum mk_rc token_row(struct mk_store *s, sqlite3_stmt *st, mk_store_token_cb cb, void *ctx,
			    struct mk_error *err)
{
	struct mk_store_token t = {
		.name = mk_sql_column_text(st, 0),
		.created_at = mk_sql_column_time(st, 1),
		.revoked_at = mk_sql_column_time(st, 2),
	};
	enum mk_rc rc = read_account(s, st, 3, &t.account, err);
	return rc == MK_OK ? cb(ctx, &t) : rc;
}

static enum mk_rc one_token(struct mk_store *s, sqlite3_stmt *st, mk_store_token_cb cb,
			    void *ctx, const char *missing, struct mk_error *err)
{
	int src = sqlite3_step(st);
	enum mk_rc rc;
	if (src == SQLITE_ROW) {
		rc = token_row(s, st, cb, ctx, err);
	} else if (src == SQLITE_DONE) {
		rc = mk_error_set(err, MK_ENOTFOUND, "token", "%s", missing);
	} else {
		rc = mk_sql_fail(s, src, "reading the token", err);
	}
	sqlite3_reset(st);
	return rc;
}

enum mk_rc mk_store_token_get(struct mk_store *s, const char *token_hash, mk_store_token_cb cb,
			      void *ctx, struct mk_error *err)
{
	static const char sql[] = TOKEN_SELECT "WHERE t.token_hash = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, token_hash);
	return one_token(s, st, cb, ctx, "no such token", err);
}

enum mk_rc mk_store_token_get_by_name(struct mk_store *s, const char *name,
				      mk_store_token_cb cb, void *ctx, struct mk_error *err)
{
	static const char sql[] = TOKEN_SELECT "WHERE t.name = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, name);
	enum mk_rc rc = one_token(s, st, cb, ctx, "", err);
	if (rc == MK_ENOTFOUND)
		mk_error_set(err, MK_ENOTFOUND, "name", "token '%.64s' does not exist", name);
	return rc;
}

enum mk_rc mk_store_token_list(struct mk_store *s, mk_store_token_cb cb, void *ctx,
			       struct mk_error *err)
{
	static const char sql[] = TOKEN_SELECT "ORDER BY t.name";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	enum mk_rc rc = MK_OK;
	int src;
	while (rc == MK_OK && (src = sqlite3_step(st)) == SQLITE_ROW)
		rc = token_row(s, st, cb, ctx, err);
	if (rc == MK_OK && src != SQLITE_DONE)
		rc = mk_sql_fail(s, src, "listing the tokens", err);
	sqlite3_reset(st);
	return rc;
}

enum mk_rc mk_store_token_revoke(struct mk_store *s, const char *name, mk_time now,
				 struct mk_error *err)
{
	static const char sql[] =
		"UPDATE api_token SET revoked_at = ?2 WHERE name = ?1 AND revoked_at IS NULL";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, name);
	mk_sql_bind_time(st, 2, now);
	return step_one_change(s, st, "revoking the token", "no valid token of that name", err);
}

enum mk_rc mk_store_tokens_revoke_account(struct mk_store *s, int64_t account_id, mk_time now,
					  int64_t *ret_count, struct mk_error *err)
{
	static const char sql[] =
		"UPDATE api_token SET revoked_at = ?2 WHERE account_id = ?1 AND revoked_at IS NULL";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int64(st, 1, account_id);
	mk_sql_bind_time(st, 2, now);
	enum mk_rc rc = mk_sql_step_done(s, st, "revoking the account's tokens", err);
	if (rc == MK_OK && ret_count)
		*ret_count = sqlite3_changes(s->db);
	return rc;
}

/* --- Failed logins ------------------------------------------------------------ */

enum mk_rc mk_store_login_failure_add(struct mk_store *s, const char *account_name,
				      const char *address, mk_time at, int64_t *ret_id,
				      struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO login_failure (account_name, address, at) VALUES (?1, ?2, ?3)";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, account_name);
	mk_sql_bind_text(st, 2, address);
	mk_sql_bind_time(st, 3, at);
	enum mk_rc rc = mk_sql_step_done(s, st, "recording a failed login", err);
	if (rc == MK_OK && ret_id)
		*ret_id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

enum mk_rc mk_store_login_failure_delete(struct mk_store *s, int64_t id, struct mk_error *err)
{
	static const char sql[] = "DELETE FROM login_failure WHERE rowid = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	return mk_sql_step_done(s, st, "removing a failed login", err);
}

enum mk_rc mk_store_login_failures_clear(struct mk_store *s, const char *account_name,
					 struct mk_error *err)
{
	static const char sql[] = "DELETE FROM login_failure WHERE account_name = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, account_name);
	return mk_sql_step_done(s, st, "clearing failed logins", err);
}

enum mk_rc mk_store_login_failures(struct mk_store *s, const char *account_name,
				   const char *address, mk_time since, int64_t *ret_pair,
				   int64_t *ret_account, int64_t *ret_address, struct mk_error *err)
{
	/* Index range counts in one statement. */
	static const char sql[] =
		"SELECT (SELECT count(*) FROM login_failure WHERE account_name = ?1 AND at >= ?3 "
		"AND address = ?2), "
		"(SELECT count(*) FROM login_failure WHERE account_name = ?1 AND at >= ?3), "
		"(SELECT count(*) FROM login_failure WHERE address = ?2 AND at >= ?3)";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, account_name);
	mk_sql_bind_text(st, 2, address);
	mk_sql_bind_time(st, 3, since);
	int src = sqlite3_step(st);
	enum mk_rc rc = MK_OK;
	if (src == SQLITE_ROW) {
		*ret_pair = sqlite3_column_int64(st, 0);
		*ret_account = sqlite3_column_int64(st, 1);
		*ret_address = sqlite3_column_int64(st, 2);
	} else {
		rc = mk_sql_fail(s, src, "counting failed logins", err);
	}
	sqlite3_reset(st);
	return rc;
}

enum mk_rc mk_store_login_failures_purge(struct mk_store *s, mk_time before,
					 struct mk_error *err)
{
	static const char sql[] = "DELETE FROM login_failure WHERE at < ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_time(st, 1, before);
	return mk_sql_step_done(s, st, "removing old failed logins", err);
}

/* --- Teams and need-to-know ------------------------------------------------------ */

enum mk_rc mk_store_team_add(struct mk_store *s, int64_t incident_id, int64_t account_id,
			     struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO incident_team (incident_id, account_id) VALUES (?1, ?2)";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int64(st, 1, incident_id);
	sqlite3_bind_int64(st, 2, account_id);
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	if (src == SQLITE_CONSTRAINT_PRIMARYKEY)
		return mk_error_set(err, MK_ECONFLICT, "account", "the account is on the team already");
	if (src != SQLITE_DONE)
		return mk_sql_fail(s, src, "adding to the team", err);
	return MK_OK;
}

enum mk_rc mk_store_team_remove(struct mk_store *s, int64_t incident_id, int64_t account_id,
				struct mk_error *err)
{
	static const char sql[] =
		"DELETE FROM incident_team WHERE incident_id = ?1 AND account_id = ?2";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int64(st, 1, incident_id);
	sqlite3_bind_int64(st, 2, account_id);
	enum mk_rc rc = step_one_change(s, st, "removing from the team", "", err);
	if (rc == MK_ENOTFOUND)
		mk_error_set(err, MK_ENOTFOUND, "account", "the account is not on the team");
	return rc;
}

enum mk_rc mk_store_team_list(struct mk_store *s, int64_t incident_id, mk_store_name_cb cb,
			      void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT a.name FROM incident_team t JOIN account a ON a.id = t.account_id "
		"WHERE t.incident_id = ?1 ORDER BY a.name";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int64(st, 1, incident_id);
	enum mk_rc rc = MK_OK;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = cb(ctx, mk_sql_column_text(st, 0))))
			break;
	if (rc == MK_OK && src != SQLITE_DONE)
		rc = mk_sql_fail(s, src, "reading the team", err);
	sqlite3_reset(st);
	return rc;
}

enum mk_rc mk_store_incident_set_reporter_account(struct mk_store *s, int64_t incident_id,
						  const char *account_name, struct mk_error *err)
{
	static const char sql[] = "UPDATE incident SET reporter_account = ?2 WHERE id = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int64(st, 1, incident_id);
	mk_sql_bind_text(st, 2, account_name);
	return step_one_change(s, st, "recording the reporter's account",
			       "the incident does not exist", err);
}

enum mk_rc mk_store_access_facts(struct mk_store *s, const char *key, const char *account_name,
				 struct mk_access_subject *ret, struct mk_error *err)
{
	static const char sql[] =
		"SELECT i.confidential, coalesce(i.reporter_account = ?2, 0), "
		"EXISTS (SELECT 1 FROM incident_team t JOIN account a ON a.id = t.account_id "
		"WHERE t.incident_id = i.id AND a.name = ?2) "
		"FROM incident i WHERE i.key = ?1";
	/* The same spelling of keys as mk_store_incident_get: "mk-2026-7". */
	char canonical[MK_KEY_TEXT];
	int year;
	int64_t number;
	if (mk_incident_key_parse(key, &year, &number, NULL) == MK_OK) {
		mk_incident_key_format(year, number, canonical);
		key = canonical;
	}
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, key);
	mk_sql_bind_text(st, 2, account_name);
	int src = sqlite3_step(st);
	enum mk_rc rc = MK_OK;
	if (src == SQLITE_ROW) {
		ret->confidential = sqlite3_column_int(st, 0) != 0;
		ret->is_reporter = sqlite3_column_int(st, 1) != 0;
		ret->on_team = sqlite3_column_int(st, 2) != 0;
	} else if (src == SQLITE_DONE) {
		rc = mk_error_set(err, MK_ENOTFOUND, "key", "incident '%.40s' does not exist", key);
	} else {
		rc = mk_sql_fail(s, src, "reading the incident", err);
	}
	sqlite3_reset(st);
	return rc;
}
