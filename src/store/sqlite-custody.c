/* Evidence items, transfers and accesses in SQLite (schema 0005). Rows
 * only: what goes in is decided in service/custody.c. */
#include <stdio.h>
#include <string.h>

#include "store/sqlite-internal.h"
#include "store/store-custody.h"

#define PREPARE(st, sql)                                  \
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);   \
	if (!st)                                          \
		return err ? err->rc : MK_ESTORE

static const char *text_or_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : mk_sql_column_text(st, i);
}

enum mk_rc mk_store_item_insert(struct mk_store *s, int64_t incident_id,
				const struct mk_item_view *it, int64_t *ret_id, int64_t *ret_seq,
				struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO evidence_item (incident_id, seq, kind, evidence_id, what, why, location, "
		"storage, seal, collected_by, collected_at, registered_by, registered_at) VALUES (?1, "
		"(SELECT coalesce(max(seq), 0) + 1 FROM evidence_item WHERE incident_id = ?1), ?2, ?3, "
		"?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id, seq";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	mk_sql_bind_text(st, 2, it->is_file ? "file" : "physical");
	if (it->is_file)
		sqlite3_bind_int64(st, 3, it->evidence_id);
	else
		sqlite3_bind_null(st, 3);
	mk_sql_bind_text(st, 4, it->what);
	mk_sql_bind_text(st, 5, it->why);
	mk_sql_bind_text(st, 6, it->location);
	mk_sql_bind_text(st, 7, it->storage);
	mk_sql_bind_text(st, 8, it->seal);
	mk_sql_bind_text(st, 9, it->collected_by);
	sqlite3_bind_int64(st, 10, it->collected_at);
	mk_sql_bind_text(st, 11, it->registered_by);
	sqlite3_bind_int64(st, 12, it->registered_at);
	int src = sqlite3_step(st);
	int64_t id = 0, seq = 0;
	if (src == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		seq = sqlite3_column_int64(st, 1);
		src = sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (src != SQLITE_DONE)
		return mk_sql_fail(s, src, "recording the evidence item", err);
	if (ret_id)
		*ret_id = id;
	if (ret_seq)
		*ret_seq = seq;
	return MK_OK;
}

#define ITEM_COLUMNS                                                                           \
	"it.id, i.key, it.seq, it.kind, it.what, it.why, it.location, it.storage, it.seal, "   \
	"it.collected_by, it.collected_at, it.registered_by, it.registered_at, e.id, e.sha256, " \
	"e.size, e.name, e.media_type, e.stored_path FROM evidence_item it "                  \
	"JOIN incident i ON i.id = it.incident_id LEFT JOIN evidence e ON e.id = it.evidence_id "

static enum mk_rc each_item(struct mk_store *s, sqlite3_stmt *st, mk_item_cb cb, void *ctx,
			    bool *ret_found, struct mk_error *err)
{
	enum mk_rc rc = MK_OK;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct mk_item_view it;
		memset(&it, 0, sizeof(it));
		it.id = sqlite3_column_int64(st, 0);
		it.incident_key = mk_sql_column_text(st, 1);
		it.seq = sqlite3_column_int64(st, 2);
		it.is_file = strcmp(mk_sql_column_text(st, 3), "file") == 0;
		it.what = mk_sql_column_text(st, 4);
		it.why = mk_sql_column_text(st, 5);
		it.location = text_or_null(st, 6);
		it.storage = text_or_null(st, 7);
		it.seal = text_or_null(st, 8);
		it.collected_by = mk_sql_column_text(st, 9);
		it.collected_at = mk_sql_column_time(st, 10);
		it.registered_by = mk_sql_column_text(st, 11);
		it.registered_at = mk_sql_column_time(st, 12);
		if (it.is_file) {
			it.evidence_id = sqlite3_column_int64(st, 13);
			snprintf(it.sha256, sizeof(it.sha256), "%s", mk_sql_column_text(st, 14));
			it.size = sqlite3_column_int64(st, 15);
			it.name = text_or_null(st, 16);
			it.media_type = mk_sql_column_text(st, 17);
			it.stored_path = mk_sql_column_text(st, 18);
		}
		if (ret_found)
			*ret_found = true;
		if ((rc = cb(ctx, &it)))
			break;
	}
	sqlite3_reset(st);
	if (rc)
		return rc;
	return src == SQLITE_DONE ? MK_OK : mk_sql_fail(s, src, "reading evidence items", err);
}

enum mk_rc mk_store_item_list(struct mk_store *s, int64_t incident_id, mk_item_cb cb, void *ctx,
			      struct mk_error *err)
{
	static const char one_sql[] =
		"SELECT " ITEM_COLUMNS "WHERE it.incident_id = ?1 ORDER BY it.seq";
	static const char all_sql[] =
		"SELECT " ITEM_COLUMNS "ORDER BY it.incident_id, it.seq";
	PREPARE(st, incident_id ? one_sql : all_sql);
	if (incident_id)
		sqlite3_bind_int64(st, 1, incident_id);
	return each_item(s, st, cb, ctx, NULL, err);
}

enum mk_rc mk_store_item_get(struct mk_store *s, int64_t incident_id, int64_t seq, mk_item_cb cb,
			     void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT " ITEM_COLUMNS "WHERE it.incident_id = ?1 AND it.seq = ?2";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	sqlite3_bind_int64(st, 2, seq);
	bool found = false;
	enum mk_rc rc = each_item(s, st, cb, ctx, &found, err);
	if (rc == MK_OK && !found)
		return mk_error_set(err, MK_ENOTFOUND, "item", "the incident has no evidence item %lld",
				    (long long)seq);
	return rc;
}

enum mk_rc mk_store_custody_insert(struct mk_store *s, int64_t item_id,
				   const struct mk_custody_view *v, struct mk_error *err)
{
	static const char transfer_sql[] =
		"INSERT INTO evidence_transfer (item_id, from_party, to_party, at, reason, receipt, "
		"recorded_by, recorded_at, log_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	static const char access_sql[] =
		"INSERT INTO evidence_access (item_id, action, who, at, why, via, log_seq) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	if (v->type == MK_CUSTODY_TRANSFER) {
		PREPARE(st, transfer_sql);
		sqlite3_bind_int64(st, 1, item_id);
		mk_sql_bind_text(st, 2, v->from);
		mk_sql_bind_text(st, 3, v->to);
		sqlite3_bind_int64(st, 4, v->at);
		mk_sql_bind_text(st, 5, v->reason);
		mk_sql_bind_text(st, 6, v->receipt);
		mk_sql_bind_text(st, 7, v->recorded_by);
		sqlite3_bind_int64(st, 8, v->recorded_at);
		sqlite3_bind_int64(st, 9, v->log_seq);
		return mk_sql_step_done(s, st, "recording the transfer", err);
	}
	PREPARE(st, access_sql);
	sqlite3_bind_int64(st, 1, item_id);
	mk_sql_bind_text(st, 2, v->action);
	mk_sql_bind_text(st, 3, v->who);
	sqlite3_bind_int64(st, 4, v->at);
	mk_sql_bind_text(st, 5, v->why);
	mk_sql_bind_text(st, 6, v->via);
	sqlite3_bind_int64(st, 7, v->log_seq);
	return mk_sql_step_done(s, st, "recording the access", err);
}

enum mk_rc mk_store_custody_list(struct mk_store *s, int64_t incident_id, mk_custody_cb cb,
				 void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT 0 AS t, it.seq, x.at, x.log_seq, x.from_party, x.to_party, x.reason, "
		"x.receipt, x.recorded_by, x.recorded_at, NULL, NULL, NULL, NULL, x.id "
		"FROM evidence_transfer x JOIN evidence_item it ON it.id = x.item_id "
		"WHERE it.incident_id = ?1 "
		"UNION ALL SELECT 1, it.seq, a.at, a.log_seq, NULL, NULL, NULL, NULL, NULL, NULL, "
		"a.action, a.who, a.why, a.via, a.id FROM evidence_access a "
		"JOIN evidence_item it ON it.id = a.item_id WHERE it.incident_id = ?1 "
		"ORDER BY 4, 1, 2, 15";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	enum mk_rc rc = MK_OK;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct mk_custody_view v;
		memset(&v, 0, sizeof(v));
		v.type = sqlite3_column_int(st, 0) ? MK_CUSTODY_ACCESS : MK_CUSTODY_TRANSFER;
		v.item_seq = sqlite3_column_int64(st, 1);
		v.at = mk_sql_column_time(st, 2);
		v.log_seq = sqlite3_column_int64(st, 3);
		if (v.type == MK_CUSTODY_TRANSFER) {
			v.from = mk_sql_column_text(st, 4);
			v.to = mk_sql_column_text(st, 5);
			v.reason = mk_sql_column_text(st, 6);
			v.receipt = text_or_null(st, 7);
			v.recorded_by = mk_sql_column_text(st, 8);
			v.recorded_at = mk_sql_column_time(st, 9);
		} else {
			v.action = mk_sql_column_text(st, 10);
			v.who = mk_sql_column_text(st, 11);
			v.why = mk_sql_column_text(st, 12);
			v.via = mk_sql_column_text(st, 13);
		}
		if ((rc = cb(ctx, &v)))
			break;
	}
	sqlite3_reset(st);
	if (rc)
		return rc;
	return src == SQLITE_DONE ? MK_OK : mk_sql_fail(s, src, "reading the custody log", err);
}
