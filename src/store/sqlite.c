/* The SQLite store: opening, schema migrations, transactions, the
 * statement cache and the translation of SQLite errors. The queries live
 * in sqlite-incident.c and sqlite-records.c. */
#include "store/sqlite-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"

/* 'MKDB': marks the file as meldkamer's (PRAGMA application_id). */
#define APPLICATION_ID 0x4d4b4442

extern const char mk_migration_0001[], mk_migration_0002[], mk_migration_0003[];
extern const char mk_migration_0004[];
extern const char mk_migration_0005[];
extern const char mk_migration_0006[];
extern const char mk_migration_0007[];

/* The schema version is the number of entries. */
static const char *const migrations[] = {
	mk_migration_0001,
	mk_migration_0002,
	mk_migration_0003,
	mk_migration_0004,
	mk_migration_0005,
	mk_migration_0006,
	mk_migration_0007,
};
#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

/* Read at each open; set once, before any connection is opened. */
static int default_busy_ms = MK_STORE_BUSY_MS;

int mk_store_schema_version(void)
{
	return SCHEMA_VERSION;
}

int mk_store_opened_version(const struct mk_store *s)
{
	return s->opened_version;
}

enum mk_rc mk_sql_fail(struct mk_store *s, int code, const char *doing, struct mk_error *err)
{
	const char *path = s && s->path ? s->path : "?";
	const char *detail = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(code);
	int busy_ms = s && s->busy_ms > 0 ? s->busy_ms : MK_STORE_BUSY_MS;
	enum mk_rc rc;
	switch (code & 0xff) {
	case SQLITE_NOMEM:
		return mk_error_set(err, MK_ENOMEM, "", "out of memory while %s", doing);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		if (busy_ms % 1000)
			rc = mk_error_set(err, MK_ESTORE, "",
					  "database '%s' is busy: another process kept it locked for "
					  "more than %d ms while %s",
					  path, busy_ms, doing);
		else
			rc = mk_error_set(err, MK_ESTORE, "",
					  "database '%s' is busy: another process kept it locked for "
					  "more than %d s while %s",
					  path, busy_ms / 1000, doing);
		if (err)
			err->temporary = true;
		return rc;
	case SQLITE_READONLY:
		return mk_error_set(err, MK_ESTORE, "",
				    "database '%s' is read-only: cannot write while %s (check the "
				    "permissions of the file and its folder)",
				    path, doing);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return mk_error_set(err, MK_ESTORE, "",
				    "database '%s' is damaged or not a database (%s) while %s", path,
				    detail, doing);
	case SQLITE_FULL:
		rc = mk_error_set(err, MK_ESTORE, "", "disk full: cannot write '%s' while %s", path,
				  doing);
		if (err)
			err->temporary = true;
		return rc;
	case SQLITE_CANTOPEN:
		return mk_error_set(err, MK_ESTORE, "", "cannot open database '%s': %s", path,
				    detail);
	case SQLITE_CONSTRAINT:
		return mk_error_set(err, MK_ECONFLICT, "", "refused by the database while %s: %s",
				    doing, detail);
	case SQLITE_TOOBIG:
		return mk_error_set(err, MK_ETOOBIG, "", "value too big while %s", doing);
	default:
		return mk_error_set(err, MK_ESTORE, "", "database '%s' failed while %s: %s", path,
				    doing, detail);
	}
}

sqlite3_stmt *mk_sql_prepare(struct mk_store *s, const char *sql, struct mk_error *err)
{
	for (int i = 0; i < s->ncache; i++) {
		if (s->cache[i].sql == sql) {
			sqlite3_stmt *st = s->cache[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		mk_sql_fail(s, rc, "preparing a query", err);
		return NULL;
	}
	if (s->ncache < STMT_CACHE_MAX) {
		s->cache[s->ncache].sql = sql;
		s->cache[s->ncache].stmt = st;
		s->ncache++;
	} else {
		/* The cache is sized for every query in the store; reaching this
		 * is a programming error, not bad input. */
		sqlite3_finalize(st);
		mk_error_set(err, MK_ESTORE, "", "statement cache full");
		return NULL;
	}
	return st;
}

enum mk_rc mk_sql_exec(struct mk_store *s, const char *sql, const char *doing,
		       struct mk_error *err)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? MK_OK : mk_sql_fail(s, rc, doing, err);
}

enum mk_rc mk_sql_step_done(struct mk_store *s, sqlite3_stmt *st, const char *doing,
			    struct mk_error *err)
{
	int rc = sqlite3_step(st);
	enum mk_rc ret = rc == SQLITE_DONE || rc == SQLITE_ROW ? MK_OK : mk_sql_fail(s, rc, doing, err);
	sqlite3_reset(st);
	return ret;
}

int mk_sql_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

int mk_sql_bind_time(sqlite3_stmt *st, int i, mk_time t)
{
	return t == MK_TIME_UNKNOWN ? sqlite3_bind_null(st, i) : sqlite3_bind_int64(st, i, t);
}

mk_time mk_sql_column_time(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? MK_TIME_UNKNOWN
							 : sqlite3_column_int64(st, i);
}

char *mk_sql_column_dup(sqlite3_stmt *st, int i, bool *ret_oom)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	if (!t)
		return NULL;
	char *copy = mk_strndup((const char *)t, (size_t)sqlite3_column_bytes(st, i));
	if (!copy)
		*ret_oom = true;
	return copy;
}

const char *mk_sql_column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

static enum mk_rc pragma_int(struct mk_store *s, const char *sql, int *ret, struct mk_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ret = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? MK_OK : mk_sql_fail(s, rc, "reading the database header", err);
}

enum mk_rc mk_store_disk_schema_version(struct mk_store *s, int *ret, struct mk_error *err)
{
	return pragma_int(s, "PRAGMA user_version", ret, err);
}

/* Applies the migrations the file lacks, all in one transaction. */
static enum mk_rc migrate(struct mk_store *s, struct mk_error *err)
{
	enum mk_rc rc;
	int version;
	if ((rc = mk_sql_exec(s, "BEGIN IMMEDIATE", "starting the schema upgrade", err)))
		return rc;
	/* Read again under the write lock: another process may have migrated. */
	if ((rc = mk_store_disk_schema_version(s, &version, err)))
		goto fail;
	if ((rc = mk_sql_register_intake_functions(s, err)))
		goto fail;
	for (int v = version; v < SCHEMA_VERSION; v++)
		if (migrations[v] && /* a version of another branch not merged yet */
		    (rc = mk_sql_exec(s, migrations[v], "upgrading the schema", err)))
			goto fail;
	if (version < SCHEMA_VERSION) {
		char sql[96];
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d; PRAGMA application_id = %d",
			 SCHEMA_VERSION, APPLICATION_ID);
		if ((rc = mk_sql_exec(s, sql, "upgrading the schema", err)))
			goto fail;
	}
	return mk_sql_exec(s, "COMMIT", "committing the schema upgrade", err);
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* A database in WAL mode needs its -shm file to be read, and a reader
 * that may not write the folder cannot create it (a backup on a
 * read-only share, a file owned by another account). When the database
 * was closed cleanly there is no -wal file and the main file holds
 * everything, so it is read as immutable: no locks, no -shm. */
static enum mk_rc open_read_only_fallback(struct mk_store *s, const char *path,
					  struct mk_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA application_id", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW || ((rc & 0xff) != SQLITE_READONLY && (rc & 0xff) != SQLITE_CANTOPEN))
		return MK_OK; /* readable, or a failure the caller reports */

	char wal[4096];
	struct stat sb;
	snprintf(wal, sizeof(wal), "%s-wal", path);
	if (stat(wal, &sb) == 0 && sb.st_size > 0)
		return mk_error_set(err, MK_ESTORE, "db",
				    "database '%s' cannot be read: it has unsaved changes in '%s' "
				    "and this account may not open its lock file",
				    path, wal);
	/* URI form: file:PATH?immutable=1 with %, ? and # escaped. */
	struct mk_buf uri;
	mk_buf_init(&uri, 8192);
	mk_buf_adds(&uri, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			mk_buf_addf(&uri, "%%%02X", (unsigned char)*p);
		else
			mk_buf_addc(&uri, *p);
	}
	mk_buf_adds(&uri, "?immutable=1");
	if (mk_buf_rc(&uri)) {
		mk_buf_release(&uri);
		return mk_error_set(err, MK_ETOOBIG, "db", "database path is too long");
	}
	sqlite3_close(s->db);
	s->db = NULL;
	rc = sqlite3_open_v2(uri.data, &s->db,
			     SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX |
				     SQLITE_OPEN_EXRESCODE,
			     NULL);
	mk_buf_release(&uri);
	return rc == SQLITE_OK ? MK_OK : mk_sql_fail(s, rc, "opening read-only", err);
}

/* The triggers that make the register append-only (schema 0001) and
 * keep the account audit trail and its accounts (0002), and the evidence
 * records (0003), and the AP notifications and breaches (0004). */
static const char *const guards[] = {"logbook_no_update", "logbook_no_delete", "incident_no_delete",
				     "account_audit_no_update", "account_audit_no_delete",
				     "account_no_delete", "evidence_no_update", "evidence_no_delete",
				     "ap_notification_no_update", "ap_notification_no_delete",
				     "breach_no_delete",

				     "evidence_item_no_update", "evidence_item_no_delete",
				     "evidence_transfer_no_update", "evidence_transfer_no_delete",
				     "evidence_access_no_update", "evidence_access_no_delete",

				     "purge_log_no_update", "purge_log_no_delete",
				     "purged_incident_no_update", "purged_incident_no_delete",
				     "purge_pass_no_insert"};

/* Each guard is named TABLE_no_OPERATION. It must be there, on that
 * table, before that operation, and still abort: a trigger of the same
 * name whose body someone replaced by "SELECT 1" guards nothing. */
enum mk_rc mk_store_guards_check(struct mk_store *s, struct mk_error *err)
{
	static const char sql[] =
		"SELECT count(*), coalesce(sum(tbl_name = ?2 "
		"AND instr(upper(sql), 'BEFORE ' || ?3 || ' ON ' || upper(?2)) > 0 "
		"AND instr(upper(sql), 'RAISE(ABORT') > 0), 0) "
		"FROM sqlite_schema WHERE type = 'trigger' AND name = ?1";
	for (size_t i = 0; i < sizeof(guards) / sizeof(guards[0]); i++) {
		const char *cut = strstr(guards[i], "_no_");
		char table[64], op[16];
		snprintf(table, sizeof(table), "%.*s", (int)(cut - guards[i]), guards[i]);
		snprintf(op, sizeof(op), "%s", cut + 4);
		for (char *c = op; *c; c++)
			*c = (char)(*c - ('a' <= *c && *c <= 'z' ? 'a' - 'A' : 0));
		sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
		if (!st)
			return err ? err->rc : MK_ESTORE;
		sqlite3_bind_text(st, 1, guards[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, table, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, op, -1, SQLITE_TRANSIENT);
		int src = sqlite3_step(st);
		int found = src == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
		int intact = src == SQLITE_ROW ? sqlite3_column_int(st, 1) : 0;
		sqlite3_reset(st);
		if (src != SQLITE_ROW)
			return mk_sql_fail(s, src, "checking the schema", err);
		if (!found)
			return mk_error_set(err, MK_ECHAIN, "db",
					    "database '%s' was altered outside meldkamer: the guard '%s' "
					    "that keeps the register append-only is missing",
					    s->path, guards[i]);
		if (!intact)
			return mk_error_set(err, MK_ECHAIN, "db",
					    "database '%s' was altered outside meldkamer: the guard '%s' "
					    "that keeps the register append-only was changed",
					    s->path, guards[i]);
	}
	return MK_OK;
}

enum mk_rc mk_store_open(const char *path, enum mk_store_mode mode, struct mk_store **ret_store,
			 bool *ret_created, struct mk_error *err)
{
	enum mk_rc rc;
	struct stat sb;
	bool exists = stat(path, &sb) == 0;
	if (!exists && mode != MK_STORE_CREATE)
		return mk_error_set(err, MK_ENOTFOUND, "db",
				    "no database at '%s': create one with 'meldkamer init --db %s'",
				    path, path);
	if (exists && !S_ISREG(sb.st_mode))
		return mk_error_set(err, MK_ESTORE, "db", "'%s' is not a regular file", path);

	struct mk_store *s = mk_calloc(1, sizeof(*s));
	if (!s || !(s->path = mk_strdup(path))) {
		mk_free(s);
		return mk_error_set(err, MK_ENOMEM, "", "out of memory opening '%s'", path);
	}
	/* The register holds confidential incidents and password hashes:
	 * made readable by its owner alone (SQLite gives its -wal and -shm
	 * files the same mode), whatever the umask. */
	bool made = false;
	if (!exists && mode == MK_STORE_CREATE) {
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0) {
			rc = mk_error_set(err, MK_ESTORE, "db", "cannot create database '%s': %s", path,
					  strerror(errno));
			mk_free(s->path);
			mk_free(s);
			return rc;
		}
		close(fd);
		made = true;
	}
	int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
	flags |= mode == MK_STORE_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (mode == MK_STORE_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	int src = sqlite3_open_v2(path, &s->db, flags, NULL);
	if (src != SQLITE_OK) {
		rc = mk_sql_fail(s, src, "opening", err);
		goto fail;
	}
	s->busy_ms = default_busy_ms;
	sqlite3_busy_timeout(s->db, s->busy_ms);
	if (mode != MK_STORE_READ && sqlite3_db_readonly(s->db, "main") == 1) {
		rc = mk_sql_fail(s, SQLITE_READONLY, "opening for writing", err);
		goto fail;
	}

	int app_id, version, tables = 0;
	if (mode == MK_STORE_READ && (rc = open_read_only_fallback(s, path, err)))
		goto fail;
	/* One read transaction: another process may be creating the database
	 * right now, and the three values must come from the same moment. */
	if ((rc = mk_sql_exec(s, "BEGIN", "reading the database header", err)))
		goto fail;
	if ((rc = pragma_int(s, "PRAGMA application_id", &app_id, err)) ||
	    (rc = mk_store_disk_schema_version(s, &version, err)) ||
	    (rc = pragma_int(s, "SELECT count(*) FROM sqlite_schema", &tables, err))) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		goto fail;
	}
	sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	bool blank = app_id == 0 && version == 0 && tables == 0;
	s->opened_version = blank ? 0 : version;
	if (!blank && app_id != APPLICATION_ID) {
		rc = mk_error_set(err, MK_ESTORE, "db",
				  "'%s' is an SQLite database but not a meldkamer database", path);
		goto fail;
	}
	if (blank && mode != MK_STORE_CREATE) {
		rc = mk_error_set(err, MK_ESTORE, "db",
				  "'%s' is empty, not a meldkamer database: run 'meldkamer init'", path);
		goto fail;
	}
	if (version > SCHEMA_VERSION) {
		rc = mk_error_set(err, MK_ESTORE, "db",
				  "database '%s' has schema version %d, newer than this meldkamer "
				  "(%d): upgrade meldkamer",
				  path, version, SCHEMA_VERSION);
		goto fail;
	}
	if (mode == MK_STORE_READ && version < SCHEMA_VERSION) {
		rc = mk_error_set(err, MK_ESTORE, "db",
				  "database '%s' has schema version %d and needs an upgrade: run "
				  "'meldkamer init --db %s'",
				  path, version, path);
		goto fail;
	}
	if (mode != MK_STORE_READ) {
		/* WAL lets readers go on while one process writes; FULL makes
		 * every commit durable, as a register of evidence must be. */
		if ((rc = mk_sql_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL",
				      "setting up the journal", err)))
			goto fail;
		if (version < SCHEMA_VERSION && (rc = migrate(s, err)))
			goto fail;
	}
	/* Writing into a database whose guards someone removed would add to
	 * a record that can no longer be trusted: refuse, and say so. */
	if (mode != MK_STORE_READ && (rc = mk_store_guards_check(s, err)))
		goto fail;
	/* A bounded page cache keeps every command within a few MB whatever
	 * the database's size. */
	if ((rc = mk_sql_exec(s, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -8000; PRAGMA temp_store = MEMORY",
			      "setting up the connection", err)))
		goto fail;
	if (ret_created)
		*ret_created = blank;
	*ret_store = s;
	return MK_OK;
fail:
	mk_store_close(s);
	if (made) /* nothing was in it: leave nothing behind */
		unlink(path);
	return rc;
}

/* Writers of one process (the server's worker threads, each with its
 * own connection) queue on this mutex before they ask SQLite for the
 * write lock. SQLite's busy handler makes a waiting writer sleep 1, 2,
 * 5 ... 100 ms between tries, so under a stream of writes one thread
 * could lose again and again (a POST p99 above a second); a mutex hands
 * the lock over as soon as it is free. Other processes still meet the
 * busy handler. */
static pthread_mutex_t process_writer = PTHREAD_MUTEX_INITIALIZER;

static void release_writer(struct mk_store *s)
{
	if (!s->holds_writer)
		return;
	s->holds_writer = false;
	pthread_mutex_unlock(&process_writer);
}

void mk_store_close(struct mk_store *s)
{
	if (!s)
		return;
	if (s->db && s->in_transaction)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	release_writer(s);
	for (int i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].stmt);
	sqlite3_close(s->db);
	mk_free(s->path);
	mk_free(s->blob_dir);
	mk_free(s);
}

void mk_store_set_busy_timeout(int ms)
{
	default_busy_ms = ms > 0 ? ms : MK_STORE_BUSY_MS;
}

enum mk_rc mk_store_begin(struct mk_store *s, bool write, struct mk_error *err)
{
	if (write) {
		/* As long as SQLite's own wait, and with its message: two
		 * connections of one thread (a test) must not wait forever. */
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += s->busy_ms / 1000;
		until.tv_nsec += (long)(s->busy_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		if (pthread_mutex_timedlock(&process_writer, &until) != 0)
			return mk_sql_fail(s, SQLITE_BUSY, "starting a transaction", err);
		s->holds_writer = true;
	}
	/* IMMEDIATE takes the write lock now: a second writer waits here, at
	 * the start, rather than failing after it has done half its work. */
	enum mk_rc rc = mk_sql_exec(s, write ? "BEGIN IMMEDIATE" : "BEGIN",
				    "starting a transaction", err);
	if (rc == MK_OK)
		s->in_transaction = true;
	else
		release_writer(s);
	return rc;
}

/* Indexes the rows added in this transaction (see the schema's note on
 * full-text search): a row with an id at or above the lowest new one is
 * new, as ids only grow. */
enum mk_rc mk_sql_flush_fts(struct mk_store *s, struct mk_error *err)
{
	static const char incident_sql[] =
		"INSERT INTO incident_fts (rowid, title, description, victim) "
		"SELECT id, title, description, victim FROM incident WHERE id >= ?1";
	static const char logbook_sql[] =
		"INSERT INTO logbook_fts (rowid, text) SELECT id, text FROM logbook WHERE id >= ?1";
	enum mk_rc rc = MK_OK;
	if (s->fts_incident_from > 0) {
		sqlite3_stmt *st = mk_sql_prepare(s, incident_sql, err);
		if (!st)
			return err ? err->rc : MK_ESTORE;
		sqlite3_bind_int64(st, 1, s->fts_incident_from);
		if ((rc = mk_sql_step_done(s, st, "indexing incidents for search", err)))
			return rc;
	}
	if (s->fts_logbook_from > 0) {
		sqlite3_stmt *st = mk_sql_prepare(s, logbook_sql, err);
		if (!st)
			return err ? err->rc : MK_ESTORE;
		sqlite3_bind_int64(st, 1, s->fts_logbook_from);
		rc = mk_sql_step_done(s, st, "indexing the logbook for search", err);
	}
	if (rc == MK_OK)
		s->fts_incident_from = s->fts_logbook_from = 0;
	return rc;
}

enum mk_rc mk_sql_flush_key(struct mk_store *s, struct mk_error *err)
{
	static const char sql[] = "INSERT INTO key_counter (year, last) VALUES (?1, ?2) "
				  "ON CONFLICT (year) DO UPDATE SET last = excluded.last";
	if (!s->key_dirty)
		return MK_OK;
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	sqlite3_bind_int(st, 1, s->key_year);
	sqlite3_bind_int64(st, 2, s->key_last);
	enum mk_rc rc = mk_sql_step_done(s, st, "numbering the incident", err);
	if (rc == MK_OK)
		s->key_dirty = false;
	return rc;
}

static void end_transaction(struct mk_store *s)
{
	release_writer(s);
	s->in_transaction = false;
	s->savepoints = 0;
	s->fts_incident_from = s->fts_logbook_from = 0;
	s->key_year = 0;
	s->key_last = 0;
	s->key_dirty = false;
}

enum mk_rc mk_store_commit(struct mk_store *s, struct mk_error *err)
{
	enum mk_rc rc = mk_sql_flush_fts(s, err);
	if (rc == MK_OK)
		rc = mk_sql_flush_key(s, err);
	if (rc == MK_OK)
		rc = mk_sql_exec(s, "COMMIT", "committing", err);
	if (rc == MK_OK)
		end_transaction(s);
	return rc;
}

void mk_store_rollback(struct mk_store *s)
{
	if (!s->in_transaction)
		return;
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	end_transaction(s);
}

/* Savepoints run once per imported record: prepared statements, not
 * sqlite3_exec, which would parse the text every time. */
static enum mk_rc step_sql(struct mk_store *s, const char *sql, const char *doing,
			   struct mk_error *err)
{
	sqlite3_stmt *st = mk_sql_prepare(s, sql, err);
	if (!st)
		return err ? err->rc : MK_ESTORE;
	return mk_sql_step_done(s, st, doing, err);
}

enum mk_rc mk_store_savepoint(struct mk_store *s, struct mk_error *err)
{
	static const char sql[] = "SAVEPOINT item";
	enum mk_rc rc = step_sql(s, sql, "starting a savepoint", err);
	if (rc == MK_OK)
		s->savepoints++;
	return rc;
}

enum mk_rc mk_store_savepoint_release(struct mk_store *s, struct mk_error *err)
{
	static const char sql[] = "RELEASE item";
	enum mk_rc rc = step_sql(s, sql, "releasing a savepoint", err);
	if (rc == MK_OK)
		s->savepoints--;
	return rc;
}

void mk_store_savepoint_rollback(struct mk_store *s)
{
	static const char rollback_sql[] = "ROLLBACK TO item";
	static const char release_sql[] = "RELEASE item";
	if (s->savepoints == 0)
		return;
	step_sql(s, rollback_sql, "rolling back a savepoint", NULL);
	step_sql(s, release_sql, "releasing a savepoint", NULL);
	s->savepoints--;
}
