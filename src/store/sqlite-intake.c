/* Observables, alert groups with their alerts, and evidence in SQLite
 * (schema 0003), and the content-addressed folder that holds evidence
 * files. Rows only: what goes in (normal forms, the collapse rule,
 * promotion) is decided in service/intake.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "store/sqlite-internal.h"

#define PREPARE(st, sql)                                  \
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);   \
	if (!st)                                          \
		return err ? err->rc : MK_ESTORE

/* --- Observables -------------------------------------------------------------- */

/* TLP as a rank in SQL, so that an upsert keeps the stricter. */
#define TLP_RANK(x)                                                                   \
	"(CASE " x " WHEN 'clear' THEN 0 WHEN 'green' THEN 1 WHEN 'amber' THEN 2 "      \
	"WHEN 'amber+strict' THEN 3 ELSE 4 END)"

enum mk_rc mk_store_observable_upsert(struct mk_store *s, enum mk_obs_type type,
				      const char *value, enum mk_tlp tlp, mk_time at,
				      int64_t *ret_id, struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO observable (type, value, tlp, first_seen, last_seen) "
		"VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (type, value) DO UPDATE SET "
		"first_seen = min(first_seen, excluded.first_seen), "
		"last_seen = max(last_seen, excluded.last_seen), "
		"tlp = CASE WHEN " TLP_RANK("excluded.tlp") " > " TLP_RANK("tlp")
		" THEN excluded.tlp ELSE tlp END RETURNING id";
	PREPARE(st, sql);
	mk_sql_bind_text(st, 1, mk_obs_type_name(type));
	mk_sql_bind_text(st, 2, value);
	mk_sql_bind_text(st, 3, mk_tlp_name(tlp));
	sqlite3_bind_int64(st, 4, at);
	int src = sqlite3_step(st);
	int64_t id = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (src == SQLITE_ROW)
		src = sqlite3_step(st);
	sqlite3_reset(st);
	if (src != SQLITE_DONE)
		return mk_sql_fail(s, src, "recording the observable", err);
	*ret_id = id;
	return MK_OK;
}

enum mk_rc mk_store_incident_observable_add(struct mk_store *s, int64_t incident_id,
					    int64_t observable_id, const char *role,
					    enum mk_obs_source source, mk_time at,
					    const char *by, struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO incident_observable (incident_id, observable_id, role, added_at, "
		"added_by, source, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		"(SELECT coalesce(max(seq), 0) + 1 FROM incident_observable WHERE incident_id = ?1))";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	sqlite3_bind_int64(st, 2, observable_id);
	mk_sql_bind_text(st, 3, role);
	sqlite3_bind_int64(st, 4, at);
	mk_sql_bind_text(st, 5, by);
	mk_sql_bind_text(st, 6, mk_obs_source_name(source));
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	if (src == SQLITE_CONSTRAINT_PRIMARYKEY || src == SQLITE_CONSTRAINT_UNIQUE)
		return mk_error_set(err, MK_ECONFLICT, "value",
				    "the incident carries this observable as '%s' already", role);
	if (src != SQLITE_DONE)
		return mk_sql_fail(s, src, "attaching the observable", err);
	return MK_OK;
}

#define OBS_COLUMNS "o.id, o.type, o.value, o.tlp, o.first_seen, o.last_seen"

static enum mk_rc read_observable(struct mk_store *s, sqlite3_stmt *st, bool attached,
				  struct mk_observable_view *o, struct mk_error *err)
{
	struct mk_error e;
	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(st, 0);
	o->value = mk_sql_column_text(st, 2);
	o->first_seen = mk_sql_column_time(st, 4);
	o->last_seen = mk_sql_column_time(st, 5);
	o->added_at = MK_TIME_UNKNOWN;
	if (mk_obs_type_parse(mk_sql_column_text(st, 1), "type", &o->type, &e) ||
	    mk_tlp_parse(mk_sql_column_text(st, 3), "tlp", &o->tlp, &e))
		return mk_error_set(err, MK_ESTORE, "observable",
				    "database '%s' holds a bad observable %lld: %s", s->path,
				    (long long)o->id, e.message);
	if (attached) {
		o->incident_key = mk_sql_column_text(st, 6);
		o->role = mk_sql_column_text(st, 7);
		o->added_at = mk_sql_column_time(st, 8);
		o->added_by = mk_sql_column_text(st, 9);
		if (mk_obs_source_parse(mk_sql_column_text(st, 10), "source", &o->source, &e))
			return mk_error_set(err, MK_ESTORE, "observable",
					    "database '%s' holds a bad observable source: %s", s->path,
					    e.message);
	}
	return MK_OK;
}

static enum mk_rc each_observable(struct mk_store *s, sqlite3_stmt *st, bool attached,
				  mk_observable_cb cb, void *ctx, bool *ret_found,
				  struct mk_error *err)
{
	enum mk_rc rc = MK_OK;
	int src;
	if (ret_found)
		*ret_found = false;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct mk_observable_view o;
		if (ret_found)
			*ret_found = true;
		if ((rc = read_observable(s, st, attached, &o, err)) || (rc = cb(ctx, &o)))
			break;
	}
	sqlite3_reset(st);
	if (rc == MK_OK && src != SQLITE_DONE)
		rc = mk_sql_fail(s, src, "reading observables", err);
	return rc;
}

enum mk_rc mk_store_observable_list(struct mk_store *s, int64_t incident_id,
				    mk_observable_cb cb, void *ctx, struct mk_error *err)
{
	static const char all_sql[] =
		"SELECT " OBS_COLUMNS " FROM observable o ORDER BY o.type, o.value";
	static const char incident_sql[] =
		"SELECT " OBS_COLUMNS ", i.key, io.role, io.added_at, io.added_by, io.source "
		"FROM incident_observable io JOIN observable o ON o.id = io.observable_id "
		"JOIN incident i ON i.id = io.incident_id WHERE io.incident_id = ?1 ORDER BY io.seq";
	PREPARE(st, incident_id ? incident_sql : all_sql);
	if (incident_id)
		sqlite3_bind_int64(st, 1, incident_id);
	return each_observable(s, st, incident_id != 0, cb, ctx, NULL, err);
}

enum mk_rc mk_store_observable_get(struct mk_store *s, enum mk_obs_type type, const char *value,
				   mk_observable_cb cb, void *ctx, bool *ret_found,
				   struct mk_error *err)
{
	static const char sql[] =
		"SELECT " OBS_COLUMNS " FROM observable o WHERE o.type = ?1 AND o.value = ?2";
	PREPARE(st, sql);
	mk_sql_bind_text(st, 1, mk_obs_type_name(type));
	mk_sql_bind_text(st, 2, value);
	return each_observable(s, st, false, cb, ctx, ret_found, err);
}

#define OBS_INCIDENTS_SQL(vis)                                                        \
	"SELECT DISTINCT i.id, i.key FROM incident_observable io "                    \
	"JOIN incident i ON i.id = io.incident_id "                                   \
	"WHERE io.observable_id = ?1 AND io.incident_id <> ?2" vis " ORDER BY i.id"

enum mk_rc mk_store_observable_incidents(struct mk_store *s, int64_t observable_id,
					 int64_t except_id, const struct mk_incident_query *scope,
					 int max, mk_store_name_cb cb, void *ctx, int64_t *ret_count,
					 struct mk_error *err)
{
	/* Need-to-know as in a listing: the keys and the count hold only
	 * what scope's viewer may see (NULL: everything, the CLI). */
	static const char all_sql[] = OBS_INCIDENTS_SQL("");
	static const char own_sql[] = OBS_INCIDENTS_SQL(VIS_OWN("?3"));
	static const char hide_sql[] = OBS_INCIDENTS_SQL(VIS_HIDE("?3"));
	bool own = scope && scope->filter.only_own_reports;
	bool hide = scope && !own && scope->filter.hide_confidential;
	PREPARE(st, own ? own_sql : hide ? hide_sql : all_sql);
	sqlite3_bind_int64(st, 1, observable_id);
	sqlite3_bind_int64(st, 2, except_id);
	if (own || hide)
		mk_sql_bind_text(st, 3, scope->viewer_account);
	int64_t n = 0;
	int src;
	enum mk_rc rc = MK_OK;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ < max && (rc = cb(ctx, mk_sql_column_text(st, 1))))
			break;
	}
	sqlite3_reset(st);
	if (rc)
		return rc;
	if (src != SQLITE_DONE)
		return mk_sql_fail(s, src, "finding the incidents of an observable", err);
	*ret_count = n;
	return MK_OK;
}

enum mk_rc mk_store_alert_groups_with_ip(struct mk_store *s, const char *ip,
					 int64_t *ret_count, struct mk_error *err)
{
	static const char sql[] =
		"SELECT count(*) FROM alert_group WHERE src_ip = ?1 OR dst_ip = ?1";
	PREPARE(st, sql);
	mk_sql_bind_text(st, 1, ip);
	int src = sqlite3_step(st);
	int64_t n = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (src != SQLITE_ROW)
		return mk_sql_fail(s, src, "counting alert groups", err);
	*ret_count = n;
	return MK_OK;
}

/* --- Alert groups ---------------------------------------------------------------- */

enum mk_rc mk_store_alert_group_find(struct mk_store *s, const char *gkey, mk_time at,
				     int64_t window, int64_t *ret_id, int *ret_severity,
				     int64_t *ret_incident, struct mk_error *err)
{
	/* The index on (gkey, last_seen) finds the candidates from
	 * at - window on; first_seen bounds them from the other side for an
	 * alert older than the group (files need not be in time order). */
	static const char sql[] =
		"SELECT id, severity, incident_id FROM alert_group WHERE gkey = ?1 "
		"AND last_seen >= ?2 - ?3 AND first_seen <= ?2 + ?3 ORDER BY last_seen DESC LIMIT 1";
	PREPARE(st, sql);
	mk_sql_bind_text(st, 1, gkey);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_int64(st, 3, window);
	int src = sqlite3_step(st);
	*ret_id = 0;
	if (src == SQLITE_ROW) {
		*ret_id = sqlite3_column_int64(st, 0);
		*ret_severity = sqlite3_column_int(st, 1);
		*ret_incident = sqlite3_column_int64(st, 2);
		src = SQLITE_DONE;
	}
	sqlite3_reset(st);
	if (src != SQLITE_DONE)
		return mk_sql_fail(s, src, "finding the alert group", err);
	return MK_OK;
}

static int bind_port(sqlite3_stmt *st, int i, int port)
{
	return port < 0 ? sqlite3_bind_null(st, i) : sqlite3_bind_int(st, i, port);
}

static const char *or_null(const char *v)
{
	return v && v[0] ? v : NULL;
}

enum mk_rc mk_store_alert_group_insert(struct mk_store *s, const char *gkey,
				       const struct mk_alert *a, int64_t *ret_id,
				       struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO alert_group (gkey, kind, source_name, detection, signature_id, "
		"signature, severity, severity_orig, src_ip, src_port, dst_ip, dst_port, proto, "
		"first_seen, last_seen, count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		"?11, ?12, ?13, ?14, ?14, 1)";
	PREPARE(st, sql);
	mk_sql_bind_text(st, 1, gkey);
	mk_sql_bind_text(st, 2, mk_alert_kind_name(a->kind));
	mk_sql_bind_text(st, 3, or_null(a->source_name));
	mk_sql_bind_text(st, 4, mk_source_name(a->detection));
	mk_sql_bind_text(st, 5, a->signature_id);
	mk_sql_bind_text(st, 6, a->signature ? a->signature : "");
	sqlite3_bind_int(st, 7, a->severity);
	mk_sql_bind_text(st, 8, a->severity_orig);
	mk_sql_bind_text(st, 9, or_null(a->src_ip));
	bind_port(st, 10, a->src_port);
	mk_sql_bind_text(st, 11, or_null(a->dst_ip));
	bind_port(st, 12, a->dst_port);
	mk_sql_bind_text(st, 13, or_null(a->proto));
	sqlite3_bind_int64(st, 14, a->at);
	enum mk_rc rc = mk_sql_step_done(s, st, "starting an alert group", err);
	if (rc == MK_OK)
		*ret_id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

enum mk_rc mk_store_alert_group_join(struct mk_store *s, int64_t id, mk_time at, int severity,
				     struct mk_error *err)
{
	static const char sql[] =
		"UPDATE alert_group SET count = count + 1, first_seen = min(first_seen, ?2), "
		"last_seen = max(last_seen, ?2), severity = max(severity, ?3) WHERE id = ?1";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_int(st, 3, severity);
	return mk_sql_step_done(s, st, "counting the alert in its group", err);
}

enum mk_rc mk_store_alert_group_set_incident(struct mk_store *s, int64_t id,
					     int64_t incident_id, struct mk_error *err)
{
	static const char sql[] = "UPDATE alert_group SET incident_id = ?2 WHERE id = ?1";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, incident_id);
	return mk_sql_step_done(s, st, "linking the alert group to its incident", err);
}

enum mk_rc mk_store_alert_insert(struct mk_store *s, int64_t group_id, mk_time at,
				 const char *raw, size_t raw_len, const unsigned char *sha256,
				 const char *file, int64_t line, struct mk_error *err)
{
	static const char sql[] = "INSERT INTO alert (group_id, at, raw, file, line, sha256) "
				  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, group_id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_text(st, 3, raw, (int)raw_len, SQLITE_STATIC);
	mk_sql_bind_text(st, 4, file);
	sqlite3_bind_int64(st, 5, line);
	sqlite3_bind_blob(st, 6, sha256, MK_ALERT_SHA256_BYTES, SQLITE_STATIC);
	return mk_sql_step_done(s, st, "storing the alert", err);
}

enum mk_rc mk_store_alert_known(struct mk_store *s, const unsigned char *sha256,
				int64_t *ret_group, struct mk_error *err)
{
	static const char sql[] = "SELECT group_id FROM alert WHERE sha256 = ?1";
	PREPARE(st, sql);
	sqlite3_bind_blob(st, 1, sha256, MK_ALERT_SHA256_BYTES, SQLITE_STATIC);
	*ret_group = 0;
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*ret_group = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return mk_sql_fail(s, src, "looking the alert up", err);
	return MK_OK;
}

/* mk_sha256(text): the SHA-256 of the text's bytes (32 bytes), for the
 * 0007 upgrade's backfill. NULL for NULL. */
static void sql_sha256(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	const unsigned char *text = sqlite3_value_text(argv[0]);
	int n = sqlite3_value_bytes(argv[0]);
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, text ? text : (const unsigned char *)"", (unsigned long long)n);
	sqlite3_result_blob(ctx, h, sizeof(h), SQLITE_TRANSIENT);
}

enum mk_rc mk_sql_register_intake_functions(struct mk_store *s, struct mk_error *err)
{
	int src = sqlite3_create_function(s->db, "mk_sha256", 1,
					  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
					  NULL, sql_sha256, NULL, NULL);
	return src == SQLITE_OK ? MK_OK : mk_sql_fail(s, src, "upgrading the schema", err);
}

#define GROUP_COLUMNS                                                                   \
	"g.id, g.kind, g.detection, g.signature_id, g.signature, g.severity, "            \
	"g.severity_orig, g.src_ip, g.src_port, g.dst_ip, g.dst_port, g.proto, "          \
	"g.first_seen, g.last_seen, g.count, i.key"

enum mk_rc mk_store_alert_group_list(struct mk_store *s, int64_t id, mk_alert_group_cb cb,
				     void *ctx, struct mk_error *err)
{
	static const char all_sql[] =
		"SELECT " GROUP_COLUMNS " FROM alert_group g LEFT JOIN incident i ON "
		"i.id = g.incident_id ORDER BY g.last_seen DESC, g.id DESC";
	static const char one_sql[] =
		"SELECT " GROUP_COLUMNS " FROM alert_group g LEFT JOIN incident i ON "
		"i.id = g.incident_id WHERE g.id = ?1";
	PREPARE(st, id ? one_sql : all_sql);
	if (id)
		sqlite3_bind_int64(st, 1, id);
	enum mk_rc rc = MK_OK;
	bool found = false;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct mk_alert_group_view g;
		struct mk_error e;
		found = true;
		memset(&g, 0, sizeof(g));
		g.id = sqlite3_column_int64(st, 0);
		if (mk_alert_kind_parse(mk_sql_column_text(st, 1), "kind", &g.kind, &e) ||
		    mk_source_parse(mk_sql_column_text(st, 2), "detection", &g.detection, &e)) {
			rc = mk_error_set(err, MK_ESTORE, "alert_group",
					  "database '%s' holds a bad alert group %lld: %s", s->path,
					  (long long)g.id, e.message);
			break;
		}
		g.signature_id = mk_sql_column_text(st, 3);
		g.signature = mk_sql_column_text(st, 4);
		g.severity = sqlite3_column_int(st, 5);
		g.severity_orig = mk_sql_column_text(st, 6);
		g.src_ip = mk_sql_column_text(st, 7);
		g.src_port = sqlite3_column_type(st, 8) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 8);
		g.dst_ip = mk_sql_column_text(st, 9);
		g.dst_port = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 10);
		g.proto = mk_sql_column_text(st, 11);
		g.first_seen = mk_sql_column_time(st, 12);
		g.last_seen = mk_sql_column_time(st, 13);
		g.count = sqlite3_column_int64(st, 14);
		g.incident_key = sqlite3_column_type(st, 15) == SQLITE_NULL ? NULL
									      : mk_sql_column_text(st, 15);
		if ((rc = cb(ctx, &g)))
			break;
	}
	sqlite3_reset(st);
	if (rc)
		return rc;
	if (src != SQLITE_DONE)
		return mk_sql_fail(s, src, "reading alert groups", err);
	if (id && !found)
		return mk_error_set(err, MK_ENOTFOUND, "group", "alert group %lld does not exist",
				    (long long)id);
	return MK_OK;
}

enum mk_rc mk_store_alert_list(struct mk_store *s, int64_t group_id, int limit, mk_alert_cb cb,
			       void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT id, at, file, line, raw FROM alert WHERE group_id = ?1 ORDER BY at, id LIMIT ?2";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, group_id);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	enum mk_rc rc = MK_OK;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct mk_alert_view a = {
			.id = sqlite3_column_int64(st, 0),
			.at = mk_sql_column_time(st, 1),
			.file = mk_sql_column_text(st, 2),
			.line = sqlite3_column_int64(st, 3),
			.raw = mk_sql_column_text(st, 4),
		};
		if ((rc = cb(ctx, &a)))
			break;
	}
	sqlite3_reset(st);
	if (rc)
		return rc;
	return src == SQLITE_DONE ? MK_OK : mk_sql_fail(s, src, "reading alerts", err);
}

/* --- Evidence ----------------------------------------------------------------------- */

const char *mk_store_blob_dir(struct mk_store *s)
{
	if (!s->blob_dir) {
		struct mk_buf b;
		mk_buf_init(&b, 4096);
		mk_buf_addf(&b, "%s.evidence", s->path);
		s->blob_dir = mk_buf_detach(&b, NULL);
	}
	return s->blob_dir;
}

static enum mk_rc make_dir(const char *path, struct mk_error *err)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return MK_OK;
	return mk_error_set(err, MK_ESTORE, "evidence", "cannot create folder '%s': %s", path,
			    strerror(errno));
}

static bool is_hex64(const char *h)
{
	size_t i = 0;
	for (; h[i]; i++)
		if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f')))
			return false;
	return i == 64;
}

enum mk_rc mk_store_blob_put(struct mk_store *s, const unsigned char *data, size_t size,
			     const char *sha256, char *ret_path, struct mk_error *err)
{
	const char *dir = mk_store_blob_dir(s);
	struct mk_buf path, tmp;
	enum mk_rc rc = MK_OK;
	int fd = -1;
	if (!dir)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	/* The hash becomes a path: anything but 64 hex digits could climb
	 * out of the folder. */
	if (!is_hex64(sha256))
		return mk_error_set(err, MK_EINVAL, "sha256", "not a SHA-256 in hex");
	mk_buf_init(&path, 4200);
	mk_buf_init(&tmp, 4200);
	mk_buf_addf(&path, "%s/sha256", dir);
	if ((rc = make_dir(dir, err)) || (rc = make_dir(path.data, err)))
		goto out;
	mk_buf_addf(&path, "/%.2s", sha256);
	if ((rc = make_dir(path.data, err)))
		goto out;
	mk_buf_addf(&path, "/%s", sha256);
	if ((rc = mk_buf_rc(&path))) {
		rc = mk_error_set(err, rc, "evidence", "evidence path too long");
		goto out;
	}
	snprintf(ret_path, 80, "sha256/%.2s/%s", sha256, sha256);
	struct stat sb;
	if (stat(path.data, &sb) == 0 && (size_t)sb.st_size == size)
		goto out; /* the same content is there already */
	mk_buf_addf(&tmp, "%s.tmp.%ld", path.data, (long)getpid());
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0400);
	if (fd < 0) {
		rc = mk_error_set(err, MK_ESTORE, "evidence", "cannot write '%s': %s", tmp.data,
				  strerror(errno));
		goto out;
	}
	for (size_t off = 0; off < size;) {
		ssize_t n = write(fd, data + off, size - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = mk_error_set(err, MK_ESTORE, "evidence", "cannot write '%s': %s",
					  tmp.data, strerror(errno));
			goto out;
		}
		off += (size_t)n;
	}
	/* Synced before the rename and before the row commits: a crash
	 * never leaves a row naming a file that is not fully on disk. */
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		rc = mk_error_set(err, MK_ESTORE, "evidence", "cannot write '%s': %s", tmp.data,
				  strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp.data, path.data) != 0) {
		rc = mk_error_set(err, MK_ESTORE, "evidence", "cannot rename '%s': %s", tmp.data,
				  strerror(errno));
		goto out;
	}
out:
	/* A full disk or quota passes when room is made: temporary. */
	if (rc == MK_ESTORE && err && (errno == ENOSPC || errno == EDQUOT))
		err->temporary = true;
	if (fd >= 0)
		close(fd);
	if (rc && tmp.len)
		unlink(tmp.data);
	mk_buf_release(&path);
	mk_buf_release(&tmp);
	return rc;
}

enum mk_rc mk_store_evidence_insert(struct mk_store *s, int64_t incident_id,
				    const struct mk_evidence_view *e, int64_t *ret_id,
				    struct mk_error *err)
{
	static const char sql[] =
		"INSERT INTO evidence (incident_id, what, why, sha256, size, media_type, name, "
		"stored_path, collected_by, collected_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		"?9, ?10)";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	mk_sql_bind_text(st, 2, e->what);
	mk_sql_bind_text(st, 3, e->why);
	mk_sql_bind_text(st, 4, e->sha256);
	sqlite3_bind_int64(st, 5, e->size);
	mk_sql_bind_text(st, 6, e->media_type);
	mk_sql_bind_text(st, 7, e->name);
	mk_sql_bind_text(st, 8, e->stored_path);
	mk_sql_bind_text(st, 9, e->collected_by);
	sqlite3_bind_int64(st, 10, e->collected_at);
	enum mk_rc rc = mk_sql_step_done(s, st, "recording the evidence", err);
	if (rc == MK_OK && ret_id)
		*ret_id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

enum mk_rc mk_store_evidence_list(struct mk_store *s, int64_t incident_id, mk_evidence_cb cb,
				  void *ctx, struct mk_error *err)
{
	static const char sql[] =
		"SELECT e.id, i.key, e.what, e.why, e.name, e.media_type, e.sha256, e.size, "
		"e.stored_path, e.collected_by, e.collected_at FROM evidence e "
		"JOIN incident i ON i.id = e.incident_id WHERE e.incident_id = ?1 ORDER BY e.id";
	PREPARE(st, sql);
	sqlite3_bind_int64(st, 1, incident_id);
	enum mk_rc rc = MK_OK;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct mk_evidence_view e;
		memset(&e, 0, sizeof(e));
		e.id = sqlite3_column_int64(st, 0);
		e.incident_key = mk_sql_column_text(st, 1);
		e.what = mk_sql_column_text(st, 2);
		e.why = mk_sql_column_text(st, 3);
		e.name = sqlite3_column_type(st, 4) == SQLITE_NULL ? NULL : mk_sql_column_text(st, 4);
		e.media_type = mk_sql_column_text(st, 5);
		snprintf(e.sha256, sizeof(e.sha256), "%s", mk_sql_column_text(st, 6));
		e.size = sqlite3_column_int64(st, 7);
		e.stored_path = mk_sql_column_text(st, 8);
		e.collected_by = mk_sql_column_text(st, 9);
		e.collected_at = mk_sql_column_time(st, 10);
		if ((rc = cb(ctx, &e)))
			break;
	}
	sqlite3_reset(st);
	if (rc)
		return rc;
	return src == SQLITE_DONE ? MK_OK : mk_sql_fail(s, src, "reading evidence", err);
}
