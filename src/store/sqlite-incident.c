/* Incident rows in SQLite: keys, insert, optimistic update, reads, lists
 * and full-text search. */
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/limits.h"
#include "core/text.h"
#include "store/sqlite-internal.h"

/* The columns every incident read selects, in the order read_incident()
 * expects. The description is left out of lists (it may be 64 KB). */
#define INCIDENT_COLUMNS(description)                                                  \
	"i.id, i.uuid, i.key, i.title, " description ", i.reporter_name, "              \
	"i.reporter_department, i.reporter_phone, i.reporter_email, i.source, "         \
	"i.matrix_table, i.matrix_category, i.matrix_incident, i.impact_levels, "       \
	"i.people_affected, i.urgency, i.priority, i.event_type, i.phase, "             \
	"i.confidential, i.tlp, i.personal_data, i.exercise, "                          \
	"(SELECT p.key FROM incident p WHERE p.id = i.parent_id), i.supplier, "        \
	"i.occurred_at, i.occurred_estimated, i.detected_at, i.reported_at, "           \
	"i.management_informed_at, i.subjects_informed_at, i.contained_at, "            \
	"i.resolved_at, i.closed_at, i.ap_notified_at, i.evaluated_at, i.source_ref, i.victim, i.industry, i.log_count, " \
	"i.log_head, i.version, i.created_at, i.updated_at, i.checklist_version"

enum {
	C_ID, C_UUID, C_KEY, C_TITLE, C_DESCRIPTION, C_REPORTER_NAME, C_REPORTER_DEPARTMENT,
	C_REPORTER_PHONE, C_REPORTER_EMAIL, C_SOURCE, C_MATRIX_TABLE, C_MATRIX_CATEGORY,
	C_MATRIX_INCIDENT, C_IMPACT_LEVELS, C_PEOPLE, C_URGENCY, C_PRIORITY, C_EVENT_TYPE,
	C_PHASE, C_CONFIDENTIAL, C_TLP, C_PERSONAL_DATA, C_EXERCISE, C_PARENT_KEY, C_SUPPLIER,
	C_OCCURRED, C_OCCURRED_ESTIMATED, C_DETECTED, C_REPORTED, C_MANAGEMENT, C_SUBJECTS,
	C_CONTAINED, C_RESOLVED, C_CLOSED, C_AP_NOTIFIED, C_EVALUATED, C_SOURCE_REF, C_VICTIM, C_INDUSTRY, C_LOG_COUNT,
	C_LOG_HEAD, C_VERSION, C_CREATED, C_UPDATED, C_CHECKLIST_VERSION,
};

/* A text column, copied, or (borrow) pointing into the statement's row,
 * valid until the next step. */
static char *text_of(sqlite3_stmt *st, int col, bool borrow, bool *oom)
{
	if (borrow)
		return (char *)sqlite3_column_text(st, col);
	return mk_sql_column_dup(st, col, oom);
}

/* Fills inc (initialised, empty) from the current row; with borrow, its
 * strings point into the row (see forget_borrowed). A value the rules do
 * not know means someone wrote the database by hand: MK_ESTORE. */
static enum mk_rc read_incident(struct mk_store *s, sqlite3_stmt *st, struct mk_incident *inc,
				bool borrow, struct mk_error *err)
{
	bool oom = false;
	struct mk_error e;
	enum mk_rc rc;

	inc->id = sqlite3_column_int64(st, C_ID);
	snprintf(inc->uuid, sizeof(inc->uuid), "%s", mk_sql_column_text(st, C_UUID));
	snprintf(inc->key, sizeof(inc->key), "%s", mk_sql_column_text(st, C_KEY));
	inc->title = text_of(st, C_TITLE, borrow, &oom);
	inc->description = text_of(st, C_DESCRIPTION, borrow, &oom);
	inc->reporter.name = text_of(st, C_REPORTER_NAME, borrow, &oom);
	inc->reporter.department = text_of(st, C_REPORTER_DEPARTMENT, borrow, &oom);
	inc->reporter.phone = text_of(st, C_REPORTER_PHONE, borrow, &oom);
	inc->reporter.email = text_of(st, C_REPORTER_EMAIL, borrow, &oom);
	inc->classified = sqlite3_column_type(st, C_MATRIX_TABLE) != SQLITE_NULL;
	inc->matrix_category = text_of(st, C_MATRIX_CATEGORY, borrow, &oom);
	inc->matrix_incident = text_of(st, C_MATRIX_INCIDENT, borrow, &oom);
	inc->people_affected = sqlite3_column_type(st, C_PEOPLE) == SQLITE_NULL
				       ? -1
				       : sqlite3_column_int64(st, C_PEOPLE);
	inc->confidential = sqlite3_column_int(st, C_CONFIDENTIAL) != 0;
	inc->personal_data = sqlite3_column_int(st, C_PERSONAL_DATA) != 0;
	inc->exercise = sqlite3_column_int(st, C_EXERCISE) != 0;
	inc->parent_key = text_of(st, C_PARENT_KEY, borrow, &oom);
	inc->supplier = text_of(st, C_SUPPLIER, borrow, &oom);
	inc->occurred_at = mk_sql_column_time(st, C_OCCURRED);
	inc->occurred_estimated = sqlite3_column_int(st, C_OCCURRED_ESTIMATED) != 0;
	inc->detected_at = mk_sql_column_time(st, C_DETECTED);
	inc->reported_at = mk_sql_column_time(st, C_REPORTED);
	inc->management_informed_at = mk_sql_column_time(st, C_MANAGEMENT);
	inc->subjects_informed_at = mk_sql_column_time(st, C_SUBJECTS);
	inc->contained_at = mk_sql_column_time(st, C_CONTAINED);
	inc->resolved_at = mk_sql_column_time(st, C_RESOLVED);
	inc->closed_at = mk_sql_column_time(st, C_CLOSED);
	inc->ap_notified_at = mk_sql_column_time(st, C_AP_NOTIFIED);
	inc->evaluated_at = mk_sql_column_time(st, C_EVALUATED);
	inc->source_ref = text_of(st, C_SOURCE_REF, borrow, &oom);
	inc->victim = text_of(st, C_VICTIM, borrow, &oom);
	inc->industry = text_of(st, C_INDUSTRY, borrow, &oom);
	inc->log_count = sqlite3_column_int64(st, C_LOG_COUNT);
	snprintf(inc->log_head, sizeof(inc->log_head), "%s", mk_sql_column_text(st, C_LOG_HEAD));
	inc->version = sqlite3_column_int64(st, C_VERSION);
	inc->created_at = mk_sql_column_time(st, C_CREATED);
	inc->updated_at = mk_sql_column_time(st, C_UPDATED);
	if (oom)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory reading an incident");

	if ((rc = mk_source_parse(mk_sql_column_text(st, C_SOURCE), "source", &inc->source, &e)) ||
	    (rc = mk_impact_decode(mk_sql_column_text(st, C_IMPACT_LEVELS), &inc->impact, &e)) ||
	    (rc = mk_level_parse(mk_sql_column_text(st, C_URGENCY), "urgency", &inc->urgency, &e)) ||
	    (rc = mk_priority_parse(mk_sql_column_text(st, C_PRIORITY), "priority", &inc->priority, &e)) ||
	    (rc = mk_event_type_parse(mk_sql_column_text(st, C_EVENT_TYPE), "event_type",
				      &inc->event_type, &e)) ||
	    (rc = mk_phase_parse(mk_sql_column_text(st, C_PHASE), "phase", &inc->phase, &e)) ||
	    (rc = mk_tlp_parse(mk_sql_column_text(st, C_TLP), "tlp", &inc->tlp, &e)) ||
	    (inc->classified && (rc = mk_matrix_table_parse(mk_sql_column_text(st, C_MATRIX_TABLE),
							    "matrix_table", &inc->matrix_table, &e))))
		return mk_error_set(err, MK_ESTORE, e.field,
				    "database '%s' holds a bad value for incident %s: %s", s->path,
				    inc->key, e.message);
	return MK_OK;
}

enum mk_rc mk_store_next_key_number(struct mk_store *s, int year, int64_t *ret_number,
				    struct mk_error *err)
{
	static const char sql[] = "SELECT last FROM key_counter WHERE year = ?1";
	if (!s->in_transaction)
		return mk_error_set(err, MK_ESTORE, "", "numbering needs a write transaction");
	if (s->key_year != year) {
		enum mk_rc rc = mk_sql_flush_key(s, err);
		if (rc)
			return rc;
		sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
		if (!st)
			return err ? err->rc : MK_ESTORE;
		sqlite3_bind_int(st, 1, year);
		int src = sqlite3_step(st);
		int64_t last = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (src != SQLITE_ROW && src != SQLITE_DONE)
			return mk_sql_fail(s, src, "numbering the incident", err);
		s->key_year = year;
		s->key_last = last;
	}
	*ret_number = ++s->key_last;
	s->key_dirty = true;
	return MK_OK;
}

/* Binds every writable field in the order of the INSERT and UPDATE
 * statements below (parameters 1..40). */
static void bind_fields(sqlite3_stmt *st, const struct mk_incident *inc, char *impact_buf)
{
	mk_impact_encode(&inc->impact, impact_buf);
	mk_sql_bind_text(st, 1, inc->title);
	mk_sql_bind_text(st, 2, inc->description);
	mk_sql_bind_text(st, 3, inc->reporter.name);
	mk_sql_bind_text(st, 4, inc->reporter.department);
	mk_sql_bind_text(st, 5, inc->reporter.phone);
	mk_sql_bind_text(st, 6, inc->reporter.email);
	mk_sql_bind_text(st, 7, mk_source_name(inc->source));
	mk_sql_bind_text(st, 8, inc->classified ? mk_matrix_table_name(inc->matrix_table) : NULL);
	mk_sql_bind_text(st, 9, inc->classified ? inc->matrix_category : NULL);
	mk_sql_bind_text(st, 10, inc->classified ? inc->matrix_incident : NULL);
	mk_sql_bind_text(st, 11, impact_buf);
	mk_sql_bind_text(st, 12, mk_level_name(mk_impact_overall(&inc->impact)));
	if (inc->people_affected >= 0)
		sqlite3_bind_int64(st, 13, inc->people_affected);
	else
		sqlite3_bind_null(st, 13);
	mk_sql_bind_text(st, 14, mk_level_name(inc->urgency));
	mk_sql_bind_text(st, 15, mk_priority_name(inc->priority));
	mk_sql_bind_text(st, 16, mk_event_type_name(inc->event_type));
	mk_sql_bind_text(st, 17, mk_phase_name(inc->phase));
	sqlite3_bind_int(st, 18, inc->confidential);
	mk_sql_bind_text(st, 19, mk_tlp_name(inc->tlp));
	sqlite3_bind_int(st, 20, inc->personal_data);
	sqlite3_bind_int(st, 21, inc->exercise);
	mk_sql_bind_text(st, 22, inc->parent_key);
	mk_sql_bind_text(st, 23, inc->supplier);
	mk_sql_bind_time(st, 24, inc->occurred_at);
	sqlite3_bind_int(st, 25, inc->occurred_estimated);
	mk_sql_bind_time(st, 26, inc->detected_at);
	mk_sql_bind_time(st, 27, inc->reported_at);
	mk_sql_bind_time(st, 28, inc->management_informed_at);
	mk_sql_bind_time(st, 29, inc->subjects_informed_at);
	mk_sql_bind_time(st, 30, inc->contained_at);
	mk_sql_bind_time(st, 31, inc->resolved_at);
	mk_sql_bind_time(st, 32, inc->closed_at);
	mk_sql_bind_text(st, 33, inc->source_ref);
	mk_sql_bind_text(st, 34, inc->victim);
	mk_sql_bind_text(st, 35, inc->industry);
	sqlite3_bind_int64(st, 36, inc->log_count);
	mk_sql_bind_text(st, 37, inc->log_head);
	mk_sql_bind_time(st, 38, inc->updated_at);
	mk_sql_bind_time(st, 39, inc->ap_notified_at);
	mk_sql_bind_time(st, 40, inc->evaluated_at);
}

enum mk_rc mk_store_incident_insert(struct mk_store *s, struct mk_incident *inc,
				    int checklist_version, struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO incident (title, description, reporter_name, reporter_department, "
		"reporter_phone, reporter_email, source, matrix_table, matrix_category, "
		"matrix_incident, impact_levels, impact, people_affected, urgency, priority, "
		"event_type, phase, confidential, tlp, personal_data, exercise, parent_id, supplier, "
		"occurred_at, occurred_estimated, detected_at, reported_at, management_informed_at, "
		"subjects_informed_at, contained_at, resolved_at, closed_at, source_ref, victim, "
		"industry, log_count, log_head, updated_at, ap_notified_at, evaluated_at, "
		"uuid, key, checklist_version, version, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
		"?18, ?19, ?20, ?21, (SELECT id FROM incident WHERE key = ?22), ?23, ?24, ?25, ?26, "
		"?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, "
		"?39, ?40, ?41, ?42, ?43, 1, ?44)";
	int year;
	int64_t number;
	enum mk_rc rc = mk_incident_key_parse(inc->key, &year, &number, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	char impact[MK_CRITERION_COUNT + 1];
	bind_fields(st, inc, impact);
	mk_sql_bind_text(st, 41, inc->uuid);
	mk_sql_bind_text(st, 42, inc->key);
	sqlite3_bind_int(st, 43, checklist_version);
	mk_sql_bind_time(st, 44, inc->created_at);
	if ((rc = mk_sql_step_done(s, st, "registering the incident", err)))
		return rc;
	inc->id = sqlite3_last_insert_rowid(s->db);
	inc->version = 1;
	if (s->fts_incident_from == 0 || inc->id < s->fts_incident_from)
		s->fts_incident_from = inc->id;
	return MK_OK;
}

enum mk_rc mk_store_incident_update(struct mk_store *s, struct mk_incident *inc,
				    struct mk_error *err)
{
	static const char sql[] =
		"UPDATE incident SET title = ?1, description = ?2, reporter_name = ?3, "
		"reporter_department = ?4, reporter_phone = ?5, reporter_email = ?6, source = ?7, "
		"matrix_table = ?8, matrix_category = ?9, matrix_incident = ?10, "
		"impact_levels = ?11, impact = ?12, people_affected = ?13, urgency = ?14, "
		"priority = ?15, event_type = ?16, phase = ?17, confidential = ?18, tlp = ?19, "
		"personal_data = ?20, exercise = ?21, "
		"parent_id = (SELECT id FROM incident WHERE key = ?22), supplier = ?23, "
		"occurred_at = ?24, occurred_estimated = ?25, detected_at = ?26, reported_at = ?27, "
		"management_informed_at = ?28, subjects_informed_at = ?29, contained_at = ?30, "
		"resolved_at = ?31, closed_at = ?32, source_ref = ?33, victim = ?34, industry = ?35, "
		"log_count = ?36, log_head = ?37, updated_at = ?38, ap_notified_at = ?39, "
		"evaluated_at = ?40, version = version + 1 WHERE id = ?41 AND version = ?42";
	/* The FTS update trigger deletes the old text from the index, which
	 * must then be there. */
	if (s->fts_incident_from > 0 && inc->id >= s->fts_incident_from) {
		enum mk_rc rc = mk_sql_flush_fts(s, err);
		if (rc)
			return rc;
	}
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	char impact[MK_CRITERION_COUNT + 1];
	bind_fields(st, inc, impact);
	sqlite3_bind_int64(st, 41, inc->id);
	sqlite3_bind_int64(st, 42, inc->version);
	enum mk_rc rc = mk_sql_step_done(s, st, "saving the incident", err);
	if (rc)
		return rc;
	if (sqlite3_changes(s->db) != 1)
		return mk_error_set(err, MK_ECONFLICT, "version",
				    "incident %s was changed by someone else in the meantime "
				    "(version %lld is no longer current): reload and try again",
				    inc->key, (long long)inc->version);
	inc->version++;
	return MK_OK;
}

enum mk_rc mk_store_incident_get(struct mk_store *s, const char *key, struct mk_incident *inc,
				 int *ret_checklist_version, struct mk_error *err)
{
	static const char sql[] = "SELECT " INCIDENT_COLUMNS("i.description")
		" FROM incident i WHERE i.key = ?1";
	/* People type keys as they read them: "mk-2026-7" is MK-2026-0007. */
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
	int src = sqlite3_step(st);
	enum mk_rc rc;
	if (src == SQLITE_ROW) {
		mk_incident_release(inc);
		rc = read_incident(s, st, inc, false, err);
		if (rc == MK_OK && ret_checklist_version)
			*ret_checklist_version = sqlite3_column_int(st, C_CHECKLIST_VERSION);
	} else if (src == SQLITE_DONE) {
		rc = mk_error_set(err, MK_ENOTFOUND, "key", "incident '%.40s' does not exist", key);
	} else {
		rc = mk_sql_fail(s, src, "reading the incident", err);
	}
	sqlite3_reset(st);
	return rc;
}

enum mk_rc mk_store_incident_find_ref(struct mk_store *s, const char *source_ref,
				      char *ret_key, bool *ret_found, struct mk_error *err)
{
	static const char sql[] = "SELECT key FROM incident WHERE source_ref = ?1";
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	mk_sql_bind_text(st, 1, source_ref);
	int src = sqlite3_step(st);
	enum mk_rc rc = MK_OK;
	*ret_found = src == SQLITE_ROW;
	if (src == SQLITE_ROW)
		snprintf(ret_key, MK_KEY_TEXT, "%s", mk_sql_column_text(st, 0));
	else if (src != SQLITE_DONE)
		rc = mk_sql_fail(s, src, "looking up an imported incident", err);
	sqlite3_reset(st);
	return rc;
}

/* Drops borrowed strings without freeing them. */
static void forget_borrowed(struct mk_incident *inc)
{
	inc->title = inc->description = NULL;
	inc->reporter.name = inc->reporter.department = NULL;
	inc->reporter.phone = inc->reporter.email = NULL;
	inc->matrix_category = inc->matrix_incident = NULL;
	inc->parent_key = inc->supplier = inc->source_ref = NULL;
	inc->victim = inc->industry = NULL;
	mk_incident_init(inc);
}

/* Steps st and hands each row to cb as an incident. */
static enum mk_rc each_row(struct mk_store *s, sqlite3_stmt *st, bool borrow, mk_incident_cb cb,
			   void *ctx, struct mk_error *err)
{
	struct mk_incident inc;
	mk_incident_init(&inc);
	enum mk_rc rc = MK_OK;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		rc = read_incident(s, st, &inc, borrow, err);
		if (rc == MK_OK)
			rc = cb(ctx, &inc);
		if (borrow)
			forget_borrowed(&inc);
		else
			mk_incident_release(&inc);
		if (rc)
			break;
	}
	if (rc == MK_OK && src != SQLITE_DONE)
		rc = mk_sql_fail(s, src, "listing incidents", err);
	sqlite3_reset(st);
	return rc;
}

enum visibility { VIS_ALL, VIS_ONLY_OWN, VIS_NOT_CONFIDENTIAL };

static enum visibility visibility_of(const struct mk_incident_query *q)
{
	if (!q)
		return VIS_ALL;
	if (q->filter.only_own_reports)
		return VIS_ONLY_OWN;
	return q->filter.hide_confidential ? VIS_NOT_CONFIDENTIAL : VIS_ALL;
}

/* Every listing statement as static text (the statement cache compares
 * pointers): [visibility][open_only][with_description]. The unfiltered
 * "closed_at IS NULL" list walks the (closed_at, id) index, a melder's
 * list the (reporter_account, id) index. */
#define LIST_SQL(desc, where, vis)                                                      \
	"SELECT " INCIDENT_COLUMNS(desc) " FROM incident i WHERE " where "i.id < ?1" vis \
	" ORDER BY i.id DESC LIMIT ?2"
#define LIST_SQL_SET(vis)                                                              \
	{                                                                              \
		{LIST_SQL("NULL", "", vis), LIST_SQL("i.description", "", vis)},      \
		{LIST_SQL("NULL", "i.closed_at IS NULL AND ", vis),                    \
		 LIST_SQL("i.description", "i.closed_at IS NULL AND ", vis)},          \
	}
static const char *const list_sql[3][2][2] = {
	[VIS_ALL] = LIST_SQL_SET(""),
	[VIS_ONLY_OWN] = LIST_SQL_SET(VIS_OWN("?3")),
	[VIS_NOT_CONFIDENTIAL] = LIST_SQL_SET(VIS_HIDE("?3")),
};

enum mk_rc mk_store_incident_list(struct mk_store *s, const struct mk_incident_query *q,
				  mk_incident_cb cb, void *ctx, struct mk_error *err)
{
	if (q->limit < 0 || q->limit > MK_PAGE_MAX)
		return mk_error_set(err, MK_EINVAL, "limit", "limit must be between 1 and %d",
				    MK_PAGE_MAX);
	enum visibility vis = visibility_of(q);
	sqlite3_stmt *st = mk_sql_prepare(s, list_sql[vis][q->open_only][q->with_description], err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int64(st, 1, q->before_id > 0 ? q->before_id : INT64_MAX);
	sqlite3_bind_int(st, 2, q->limit > 0 ? q->limit : -1);
	if (vis != VIS_ALL)
		mk_sql_bind_text(st, 3, q->viewer_account);
	return each_row(s, st, q->borrow_text, cb, ctx, err);
}

/* Counts with sql; a filtered statement gets the viewer (NULL matches
 * no one) in parameter 1. */
static enum mk_rc count_with(struct mk_store *s, const char *sql, bool filtered,
			     const char *viewer, int64_t *ret_count, struct mk_error *err)
{
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	if (filtered)
		mk_sql_bind_text(st, 1, viewer);
	int src = sqlite3_step(st);
	enum mk_rc rc = MK_OK;
	if (src == SQLITE_ROW)
		*ret_count = sqlite3_column_int64(st, 0);
	else
		rc = mk_sql_fail(s, src, "counting incidents", err);
	sqlite3_reset(st);
	return rc;
}

#define COUNT_SQL(where, vis) "SELECT count(*) FROM incident i WHERE " where vis
static const char *const count_sql[3][2] = {
	[VIS_ALL] = {COUNT_SQL("1", ""), COUNT_SQL("i.closed_at IS NULL", "")},
	[VIS_ONLY_OWN] = {COUNT_SQL("1", VIS_OWN("?1")),
			  COUNT_SQL("i.closed_at IS NULL", VIS_OWN("?1"))},
	[VIS_NOT_CONFIDENTIAL] = {COUNT_SQL("1", VIS_HIDE("?1")),
				  COUNT_SQL("i.closed_at IS NULL", VIS_HIDE("?1"))},
};

enum mk_rc mk_store_incident_count(struct mk_store *s, bool open_only, int64_t *ret_count,
				   struct mk_error *err)
{
	return count_with(s, count_sql[VIS_ALL][open_only], false, NULL, ret_count, err);
}

enum mk_rc mk_store_incident_count_query(struct mk_store *s, const struct mk_incident_query *q,
					 int64_t *ret_count, struct mk_error *err)
{
	enum visibility vis = visibility_of(q);
	return count_with(s, count_sql[vis][q->open_only], vis != VIS_ALL, q->viewer_account,
			  ret_count, err);
}

/* Turns what a person typed into an FTS5 query. The index keeps no
 * positions (detail = none), so there are no phrases: every run of
 * letters and digits becomes its own quoted, required term ("e-mail" is
 * "e" AND "mail"), and a * ending a typed word makes its last run a
 * prefix. FTS
 * operators and quotes in the input are thereby plain text. */
static bool word_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}

static enum mk_rc fts_query(const char *typed, struct mk_buf *out, struct mk_error *err)
{
	enum mk_rc rc = mk_text_check("query", typed, MK_QUERY_MAX, MK_TEXT_LINE, true, err);
	if (rc)
		return rc;
	int terms = 0;
	const unsigned char *p = (const unsigned char *)typed;
	while (*p) {
		if (!word_char(*p)) {
			p++;
			continue;
		}
		const unsigned char *start = p;
		while (*p && word_char(*p))
			p++;
		mk_buf_addf(out, "%s\"%.*s\"", terms++ ? " " : "", (int)(p - start), (const char *)start);
		/* A * ending the typed word ("ransom*", "ransom\"*") makes its
		 * last term a prefix. */
		const unsigned char *q = p;
		while (*q && *q != ' ' && *q != '\t' && !word_char(*q))
			q++;
		if (q > p && q[-1] == '*' && (!*q || *q == ' ' || *q == '\t'))
			mk_buf_addc(out, '*');
	}
	if (terms == 0)
		return mk_error_set(err, MK_EINVAL, "query",
				    "search needs at least one word (letters or digits)");
	if (mk_buf_rc(out))
		return mk_error_set(err, mk_buf_rc(out), "query", "search query is too long");
	return MK_OK;
}

/* Adds id to the sorted-descending set ids[0..*n) if absent and there is
 * room for max. */
static bool add_id(int64_t *ids, int *n, int max, int64_t id)
{
	int i = 0;
	while (i < *n && ids[i] > id)
		i++;
	if (i < *n && ids[i] == id)
		return false;
	if (*n == max) {
		if (i == max)
			return false;
		(*n)--; /* drop the oldest to keep the newest max */
	}
	memmove(&ids[i + 1], &ids[i], (size_t)(*n - i) * sizeof(*ids));
	ids[i] = id;
	(*n)++;
	return true;
}

/* A common word may match thousands of log entries of one incident;
 * scanning stops after this many rows so a search stays fast. */
#define LOG_MATCH_SCAN_MAX 5000

/* The search statements per visibility: the filter goes into the match
 * queries, so that `limit` counts only incidents the viewer may see. */
#define TEXT_SQL(vis)                                                                \
	"SELECT f.rowid FROM incident_fts f JOIN incident i ON i.id = f.rowid "       \
	"WHERE incident_fts MATCH ?1" vis " ORDER BY f.rowid DESC LIMIT ?2"
#define LOG_SQL(vis)                                                                 \
	"SELECT l.incident_id FROM logbook_fts f JOIN logbook l ON l.id = f.rowid "  \
	"JOIN incident i ON i.id = l.incident_id "                                   \
	"WHERE logbook_fts MATCH ?1" vis " ORDER BY f.rowid DESC"
/* Incidents carrying an observable whose normal form is the query as
 * typed or lower-cased (schema 3): searching "evil.example.com" or an IP
 * address finds them even where no text mentions it. */
#define OBS_SQL(vis)                                                                 \
	"SELECT DISTINCT io.incident_id FROM observable o "                          \
	"JOIN incident_observable io ON io.observable_id = o.id "                    \
	"JOIN incident i ON i.id = io.incident_id "                                  \
	"WHERE (o.value = ?1 OR o.value = ?2)" vis " ORDER BY io.incident_id DESC LIMIT ?4"
static const char *const obs_sql[3] = {
	[VIS_ALL] = OBS_SQL(""),
	[VIS_ONLY_OWN] = OBS_SQL(VIS_OWN("?3")),
	[VIS_NOT_CONFIDENTIAL] = OBS_SQL(VIS_HIDE("?3")),
};

/* The query as one observable value: trimmed, and lower-cased (domains,
 * e-mail addresses and hashes are stored in lower case). */
static void obs_query(const char *query, struct mk_buf *typed, struct mk_buf *lowered)
{
	const char *p = query, *e = query + strlen(query);
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	mk_buf_add(typed, p, (size_t)(e - p));
	for (; p < e; p++)
		mk_buf_addc(lowered, *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p);
}

static const char *const search_sql[3][2] = {
	[VIS_ALL] = {"SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?1 "
		     "ORDER BY rowid DESC LIMIT ?2",
		     "SELECT l.incident_id FROM logbook_fts f JOIN logbook l ON l.id = f.rowid "
		     "WHERE logbook_fts MATCH ?1 ORDER BY f.rowid DESC"},
	[VIS_ONLY_OWN] = {TEXT_SQL(VIS_OWN("?3")), LOG_SQL(VIS_OWN("?3"))},
	[VIS_NOT_CONFIDENTIAL] = {TEXT_SQL(VIS_HIDE("?3")), LOG_SQL(VIS_HIDE("?3"))},
};

enum mk_rc mk_store_search(struct mk_store *s, const char *query, int limit,
			   const struct mk_incident_query *scope, mk_incident_cb cb, void *ctx,
			   struct mk_error *err)
{
	enum visibility vis = visibility_of(scope);
	const char *text_sql = search_sql[vis][0], *log_sql = search_sql[vis][1];
	static const char row_sql[] = "SELECT " INCIDENT_COLUMNS("NULL")
		" FROM incident i WHERE i.id = ?1";
	struct mk_buf fts, typed, lowered;
	int64_t *ids = NULL;
	int n = 0, src;
	enum mk_rc rc;

	if (limit < 1 || limit > MK_PAGE_MAX)
		return mk_error_set(err, MK_EINVAL, "limit", "limit must be between 1 and %d",
				    MK_PAGE_MAX);
	mk_buf_init(&fts, MK_QUERY_MAX * 3);
	mk_buf_init(&typed, 0);
	mk_buf_init(&lowered, 0);
	if ((rc = fts_query(query, &fts, err)))
		goto out;
	ids = mk_calloc((size_t)limit, sizeof(*ids));
	if (!ids) {
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory searching");
		goto out;
	}

	mk_buf_init(&typed, MK_QUERY_MAX + 1);
	mk_buf_init(&lowered, MK_QUERY_MAX + 1);
	obs_query(query, &typed, &lowered);
	if (typed.len && !mk_buf_rc(&typed) && !mk_buf_rc(&lowered)) {
		sqlite3_stmt *ost = mk_sql_prepare(s, obs_sql[vis], err);
		if (!ost) {
			rc = err ? err->rc : MK_ESTORE;
			goto out;
		}
		mk_sql_bind_text(ost, 1, typed.data);
		mk_sql_bind_text(ost, 2, lowered.data);
		if (vis != VIS_ALL)
			mk_sql_bind_text(ost, 3, scope->viewer_account);
		sqlite3_bind_int(ost, 4, limit);
		while ((src = sqlite3_step(ost)) == SQLITE_ROW)
			add_id(ids, &n, limit, sqlite3_column_int64(ost, 0));
		sqlite3_reset(ost);
		if (src != SQLITE_DONE) {
			rc = mk_sql_fail(s, src, "searching observables", err);
			goto out;
		}
	}

	sqlite3_stmt *st = mk_sql_prepare(s, text_sql, err);
	if (!st) {
		rc = err ? err->rc : MK_ESTORE;
		goto out;
	}
	mk_sql_bind_text(st, 1, fts.data);
	sqlite3_bind_int(st, 2, limit);
	if (vis != VIS_ALL)
		mk_sql_bind_text(st, 3, scope->viewer_account);
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		add_id(ids, &n, limit, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	if (src != SQLITE_DONE) {
		rc = mk_sql_fail(s, src, "searching incident text", err);
		goto out;
	}

	if (!(st = mk_sql_prepare(s, log_sql, err))) {
		rc = err ? err->rc : MK_ESTORE;
		goto out;
	}
	mk_sql_bind_text(st, 1, fts.data);
	if (vis != VIS_ALL)
		mk_sql_bind_text(st, 3, scope->viewer_account);
	int scanned = 0, added_from_log = 0;
	while (added_from_log < limit && scanned < LOG_MATCH_SCAN_MAX &&
	       (src = sqlite3_step(st)) == SQLITE_ROW) {
		scanned++;
		added_from_log += add_id(ids, &n, limit, sqlite3_column_int64(st, 0));
	}
	sqlite3_reset(st);
	if (src != SQLITE_DONE && src != SQLITE_ROW) {
		rc = mk_sql_fail(s, src, "searching logbook text", err);
		goto out;
	}

	if (!(st = mk_sql_prepare(s, row_sql, err))) {
		rc = err ? err->rc : MK_ESTORE;
		goto out;
	}
	for (int i = 0; i < n && rc == MK_OK; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		rc = each_row(s, st, false, cb, ctx, err);
	}
out:
	mk_free(ids);
	mk_buf_release(&fts);
	mk_buf_release(&typed);
	mk_buf_release(&lowered);
	return rc;
}
