/* Breach records, AP notifications and the breach register in SQLite
 * (schema 0004). The vocabularies are stored as their code names; a value
 * the rules do not know means someone wrote the database by hand and
 * reads as MK_ESTORE. */
#include <string.h>

#include "base/buf.h"
#include "store/sqlite-internal.h"

#define BREACH_COLUMNS                                                                   \
	"b.id, b.incident_id, b.aware_at, b.ended_at, b.summary, b.nature, b.cause, "       \
	"b.categories, b.special, b.records, b.groups, b.subjects_min, b.subjects_max, "    \
	"b.encrypted, b.encryption, b.risk, b.risk_reasoning, b.consequences, b.measures, " \
	"b.fg_name, b.fg_consulted_at, b.inform, b.inform_exception, b.inform_reason, "     \
	"b.inform_channel, b.informed_at, b.inform_by, b.inform_decided_at, b.version, "    \
	"b.created_at, b.updated_at"

enum {
	B_ID, B_INCIDENT, B_AWARE, B_ENDED, B_SUMMARY, B_NATURE, B_CAUSE, B_CATEGORIES,
	B_SPECIAL, B_RECORDS, B_GROUPS, B_SUBJECTS_MIN, B_SUBJECTS_MAX, B_ENCRYPTED,
	B_ENCRYPTION, B_RISK, B_RISK_REASONING, B_CONSEQUENCES, B_MEASURES, B_FG_NAME,
	B_FG_AT, B_INFORM, B_INFORM_EXCEPTION, B_INFORM_REASON, B_INFORM_CHANNEL,
	B_INFORMED_AT, B_INFORM_BY, B_INFORM_DECIDED, B_VERSION, B_CREATED, B_UPDATED,
	B_COLUMNS
};

static int64_t count_or_unknown(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, col);
}

static int tristate(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return MK_TRI_UNKNOWN;
	return sqlite3_column_int(st, col) ? MK_TRI_YES : MK_TRI_NO;
}

static char *text_of(sqlite3_stmt *st, int col, bool borrow, bool *oom)
{
	if (borrow)
		return (char *)sqlite3_column_text(st, col);
	return mk_sql_column_dup(st, col, oom);
}

/* One code name, or -1 for NULL. */
static enum mk_rc one_of(enum mk_breach_vocab v, sqlite3_stmt *st, int col, int *ret,
			 struct mk_error *err)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL) {
		*ret = -1;
		return MK_OK;
	}
	unsigned i;
	enum mk_rc rc = mk_breach_vocab_parse(v, mk_sql_column_text(st, col),
					      mk_breach_vocab_field(v), &i, err);
	if (rc == MK_OK)
		*ret = (int)i;
	return rc;
}

/* Fills b (initialised) from columns first..first+B_COLUMNS of the row. */
static enum mk_rc read_breach(struct mk_store *s, sqlite3_stmt *st, struct mk_breach *b,
			      bool borrow, struct mk_error *err)
{
	bool oom = false;
	struct mk_error e = {0};
	enum mk_rc rc;
	int risk = -1;
	b->id = sqlite3_column_int64(st, B_ID);
	b->incident_id = sqlite3_column_int64(st, B_INCIDENT);
	b->aware_at = mk_sql_column_time(st, B_AWARE);
	b->ended_at = mk_sql_column_time(st, B_ENDED);
	b->summary = text_of(st, B_SUMMARY, borrow, &oom);
	b->records = count_or_unknown(st, B_RECORDS);
	b->subjects_min = count_or_unknown(st, B_SUBJECTS_MIN);
	b->subjects_max = count_or_unknown(st, B_SUBJECTS_MAX);
	b->encrypted = tristate(st, B_ENCRYPTED);
	b->encryption = text_of(st, B_ENCRYPTION, borrow, &oom);
	b->risk_reasoning = text_of(st, B_RISK_REASONING, borrow, &oom);
	b->consequences = text_of(st, B_CONSEQUENCES, borrow, &oom);
	b->measures = text_of(st, B_MEASURES, borrow, &oom);
	b->fg_name = text_of(st, B_FG_NAME, borrow, &oom);
	b->fg_consulted_at = mk_sql_column_time(st, B_FG_AT);
	b->inform = tristate(st, B_INFORM);
	b->inform_reason = text_of(st, B_INFORM_REASON, borrow, &oom);
	b->informed_at = mk_sql_column_time(st, B_INFORMED_AT);
	b->inform_by = text_of(st, B_INFORM_BY, borrow, &oom);
	b->inform_decided_at = mk_sql_column_time(st, B_INFORM_DECIDED);
	b->version = sqlite3_column_int64(st, B_VERSION);
	b->created_at = mk_sql_column_time(st, B_CREATED);
	b->updated_at = mk_sql_column_time(st, B_UPDATED);
	if (oom)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory reading a breach");
	if ((rc = mk_breach_set_parse(MK_BV_NATURE, mk_sql_column_text(st, B_NATURE), "nature",
				      &b->nature, &e)) ||
	    (rc = mk_breach_set_parse(MK_BV_CATEGORY, mk_sql_column_text(st, B_CATEGORIES),
				      "categories", &b->categories, &e)) ||
	    (rc = mk_breach_set_parse(MK_BV_SPECIAL, mk_sql_column_text(st, B_SPECIAL),
				      "special_categories", &b->special, &e)) ||
	    (rc = mk_breach_set_parse(MK_BV_GROUP, mk_sql_column_text(st, B_GROUPS), "groups",
				      &b->groups, &e)) ||
	    (rc = one_of(MK_BV_CAUSE, st, B_CAUSE, &b->cause, &e)) ||
	    (rc = one_of(MK_BV_RISK, st, B_RISK, &risk, &e)) ||
	    (rc = one_of(MK_BV_EXCEPTION, st, B_INFORM_EXCEPTION, &b->inform_exception, &e)) ||
	    (rc = one_of(MK_BV_CHANNEL, st, B_INFORM_CHANNEL, &b->inform_channel, &e)))
		return mk_error_set(err, MK_ESTORE, e.field,
				    "database '%s' holds a bad value for breach %lld: %s", s->path,
				    (long long)b->id, e.message);
	b->risk = (enum mk_breach_risk)(risk + 1);
	return MK_OK;
}

/* The borrowed strings of a breach read with borrow: not ours to free. */
static void forget_borrowed(struct mk_breach *b)
{
	mk_breach_init(b);
}

enum mk_rc mk_store_breach_get(struct mk_store *s, int64_t incident_id, struct mk_breach *b,
			       struct mk_error *err)
{
	static const char sql[] = "SELECT " BREACH_COLUMNS " FROM breach b WHERE b.incident_id = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int64(st, 1, incident_id);
	enum mk_rc rc;
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		rc = read_breach(s, st, b, false, err);
		if (rc)
			mk_breach_release(b);
	} else if (src == SQLITE_DONE) {
		rc = mk_error_set(err, MK_ENOTFOUND, "breach", "the incident has no breach record");
	} else {
		rc = mk_sql_fail(s, src, "reading the breach", err);
	}
	sqlite3_reset(st);
	return rc;
}

static void bind_set(sqlite3_stmt *st, int i, enum mk_breach_vocab v, uint32_t set,
		     struct mk_buf *scratch)
{
	mk_buf_reset(scratch);
	mk_breach_set_format(v, set, scratch);
	sqlite3_bind_text(st, i, scratch->data ? scratch->data : "", -1, SQLITE_TRANSIENT);
}

static void bind_one(sqlite3_stmt *st, int i, enum mk_breach_vocab v, int index)
{
	if (index < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, mk_breach_vocab_name(v, (unsigned)index), -1, SQLITE_STATIC);
}

static void bind_count(sqlite3_stmt *st, int i, int64_t v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

static void bind_tristate(sqlite3_stmt *st, int i, int v)
{
	if (v == MK_TRI_UNKNOWN)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int(st, i, v == MK_TRI_YES);
}

enum mk_rc mk_store_breach_put(struct mk_store *s, struct mk_breach *b, mk_time now,
			       struct mk_error *err)
{
	static const char insert_sql[] =
		"INSERT INTO breach (incident_id, aware_at, ended_at, summary, nature, cause, "
		"categories, special, records, groups, subjects_min, subjects_max, encrypted, "
		"encryption, risk, risk_reasoning, consequences, measures, fg_name, "
		"fg_consulted_at, inform, inform_exception, inform_reason, inform_channel, "
		"informed_at, inform_by, inform_decided_at, version, created_at, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
		"?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, 1, ?28, ?28)";
	static const char update_sql[] =
		"UPDATE breach SET incident_id = ?1, aware_at = ?2, ended_at = ?3, summary = ?4, "
		"nature = ?5, cause = ?6, categories = ?7, special = ?8, records = ?9, "
		"groups = ?10, subjects_min = ?11, subjects_max = ?12, encrypted = ?13, "
		"encryption = ?14, risk = ?15, risk_reasoning = ?16, consequences = ?17, "
		"measures = ?18, fg_name = ?19, fg_consulted_at = ?20, inform = ?21, "
		"inform_exception = ?22, inform_reason = ?23, inform_channel = ?24, "
		"informed_at = ?25, inform_by = ?26, inform_decided_at = ?27, "
		"version = version + 1, updated_at = ?28 WHERE id = ?29";
	if (!s->in_transaction)
		return mk_error_set(err, MK_ESTORE, "", "writing a breach needs a write transaction");
	bool insert = b->id == 0;
	sqlite3_stmt *st = mk_sql_prepare(s, insert ? insert_sql : update_sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	struct mk_buf scratch;
	mk_buf_init(&scratch, 2000);
	sqlite3_bind_int64(st, 1, b->incident_id);
	mk_sql_bind_time(st, 2, b->aware_at);
	mk_sql_bind_time(st, 3, b->ended_at);
	mk_sql_bind_text(st, 4, b->summary);
	bind_set(st, 5, MK_BV_NATURE, b->nature, &scratch);
	bind_one(st, 6, MK_BV_CAUSE, b->cause);
	bind_set(st, 7, MK_BV_CATEGORY, b->categories, &scratch);
	bind_set(st, 8, MK_BV_SPECIAL, b->special, &scratch);
	bind_count(st, 9, b->records);
	bind_set(st, 10, MK_BV_GROUP, b->groups, &scratch);
	bind_count(st, 11, b->subjects_min);
	bind_count(st, 12, b->subjects_max);
	bind_tristate(st, 13, b->encrypted);
	mk_sql_bind_text(st, 14, b->encryption);
	bind_one(st, 15, MK_BV_RISK, (int)b->risk - 1);
	mk_sql_bind_text(st, 16, b->risk_reasoning);
	mk_sql_bind_text(st, 17, b->consequences);
	mk_sql_bind_text(st, 18, b->measures);
	mk_sql_bind_text(st, 19, b->fg_name);
	mk_sql_bind_time(st, 20, b->fg_consulted_at);
	bind_tristate(st, 21, b->inform);
	bind_one(st, 22, MK_BV_EXCEPTION, b->inform_exception);
	mk_sql_bind_text(st, 23, b->inform_reason);
	bind_one(st, 24, MK_BV_CHANNEL, b->inform_channel);
	mk_sql_bind_time(st, 25, b->informed_at);
	mk_sql_bind_text(st, 26, b->inform_by);
	mk_sql_bind_time(st, 27, b->inform_decided_at);
	mk_sql_bind_time(st, 28, now);
	if (!insert)
		sqlite3_bind_int64(st, 29, b->id);
	enum mk_rc rc = mk_buf_rc(&scratch);
	if (rc) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		mk_buf_release(&scratch);
		return mk_error_set(err, rc, "", "out of memory writing a breach");
	}
	rc = mk_sql_step_done(s, st, "writing the breach", err);
	mk_buf_release(&scratch);
	if (rc)
		return rc;
	if (insert) {
		b->id = sqlite3_last_insert_rowid(s->db);
		b->version = 1;
		b->created_at = now;
	} else {
		b->version++;
	}
	b->updated_at = now;
	return MK_OK;
}

enum mk_rc mk_store_ap_notification_insert(struct mk_store *s, int64_t breach_id,
					   struct mk_ap_notification *n, int64_t log_seq,
					   struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO ap_notification (breach_id, kind, filed_at, reference, filed_by, "
		"late_reason, log_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int64(st, 1, breach_id);
	sqlite3_bind_text(st, 2, mk_ap_kind_name(n->kind), -1, SQLITE_STATIC);
	mk_sql_bind_time(st, 3, n->filed_at);
	mk_sql_bind_text(st, 4, n->reference);
	mk_sql_bind_text(st, 5, n->filed_by);
	mk_sql_bind_text(st, 6, n->late_reason && n->late_reason[0] ? n->late_reason : NULL);
	sqlite3_bind_int64(st, 7, log_seq);
	enum mk_rc rc = mk_sql_step_done(s, st, "recording the AP notification", err);
	if (rc == MK_OK)
		n->id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

enum mk_rc mk_store_ap_notification_list(struct mk_store *s, int64_t breach_id,
					 mk_ap_notification_cb cb, void *ctx, struct mk_error *err)
{
	static const char sql[] = "SELECT id, kind, filed_at, reference, filed_by, late_reason "
				  "FROM ap_notification WHERE breach_id = ?1 ORDER BY id";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int64(st, 1, breach_id);
	enum mk_rc rc = MK_OK;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct mk_ap_notification n = {0};
		struct mk_error e;
		n.id = sqlite3_column_int64(st, 0);
		if (mk_ap_kind_parse(mk_sql_column_text(st, 1), "kind", &n.kind, &e)) {
			rc = mk_error_set(err, MK_ESTORE, "kind",
					  "database '%s' holds a bad AP notification kind: %s",
					  s->path, e.message);
			break;
		}
		n.filed_at = mk_sql_column_time(st, 2);
		n.reference = mk_sql_column_text(st, 3);
		n.filed_by = mk_sql_column_text(st, 4);
		n.late_reason = (const char *)sqlite3_column_text(st, 5);
		if ((rc = cb(ctx, &n)))
			break;
	}
	if (rc == MK_OK && src != SQLITE_DONE)
		rc = mk_sql_fail(s, src, "listing AP notifications", err);
	sqlite3_reset(st);
	return rc;
}

/* The register: one row per breach, its notifications summed up in the
 * same statement (the (breach_id, id) index answers each subquery), so
 * 100 000 breaches are one pass. Columns after the breach's own. */
#define REGISTER_SQL(vis)                                                                 \
	"SELECT " BREACH_COLUMNS ", i.key, i.title, i.exercise, i.confidential, "            \
	"(SELECT count(*) FROM ap_notification n WHERE n.breach_id = b.id), "                \
	"(SELECT count(*) FROM ap_notification n WHERE n.breach_id = b.id AND "              \
	"n.kind = 'definitief'), "                                                          \
	"(SELECT count(*) FROM ap_notification n WHERE n.breach_id = b.id AND "              \
	"n.kind = 'intrekking'), "                                                          \
	"(SELECT n.reference FROM ap_notification n WHERE n.breach_id = b.id ORDER BY n.id " \
	"LIMIT 1), "                                                                        \
	"(SELECT min(n.filed_at) FROM ap_notification n WHERE n.breach_id = b.id), "         \
	"(SELECT max(n.filed_at) FROM ap_notification n WHERE n.breach_id = b.id) "          \
	"FROM breach b JOIN incident i ON i.id = b.incident_id WHERE 1" vis " ORDER BY i.key"

static const char *const register_sql[3] = {
	REGISTER_SQL(""),
	REGISTER_SQL(VIS_OWN("?1")),
	REGISTER_SQL(VIS_HIDE("?1")),
};

enum mk_rc mk_store_breach_register(struct mk_store *s, const struct mk_incident_query *scope,
				    mk_breach_register_cb cb, void *ctx, struct mk_error *err)
{
	int vis = 0;
	if (scope && scope->filter.only_own_reports)
		vis = 1;
	else if (scope && scope->filter.hide_confidential)
		vis = 2;
	sqlite3_stmt *st = mk_sql_prepare(s, register_sql[vis], err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	if (vis)
		mk_sql_bind_text(st, 1, scope->viewer_account);
	enum mk_rc rc = MK_OK;
	int src;
	struct mk_breach b;
	mk_breach_init(&b);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = read_breach(s, st, &b, true, err)))
			break;
		struct mk_breach_register_row r = {
			.key = mk_sql_column_text(st, B_COLUMNS),
			.title = mk_sql_column_text(st, B_COLUMNS + 1),
			.exercise = sqlite3_column_int(st, B_COLUMNS + 2) != 0,
			.confidential = sqlite3_column_int(st, B_COLUMNS + 3) != 0,
			.breach = &b,
			.notifications = sqlite3_column_int64(st, B_COLUMNS + 4),
			.ap_final = sqlite3_column_int64(st, B_COLUMNS + 5) > 0,
			.ap_withdrawn = sqlite3_column_int64(st, B_COLUMNS + 6) > 0,
			.ap_reference = (const char *)sqlite3_column_text(st, B_COLUMNS + 7),
			.ap_first_filed_at = mk_sql_column_time(st, B_COLUMNS + 8),
			.ap_last_filed_at = mk_sql_column_time(st, B_COLUMNS + 9),
		};
		rc = cb(ctx, &r);
		forget_borrowed(&b);
		if (rc)
			break;
	}
	forget_borrowed(&b);
	if (rc == MK_OK && src != SQLITE_DONE)
		rc = mk_sql_fail(s, src, "reading the breach register", err);
	sqlite3_reset(st);
	return rc;
}
