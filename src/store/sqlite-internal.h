/* Shared by the SQLite store's files; nothing outside src/store includes
 * it. */
#ifndef MK_STORE_SQLITE_INTERNAL_H
#define MK_STORE_SQLITE_INTERNAL_H

#include <sqlite3.h>

#include "store/store.h"

#define STMT_CACHE_MAX 160

struct mk_store {
	sqlite3 *db;
	char *path;
	char *blob_dir; /* <path>.evidence, made on first use; or NULL */
	bool in_transaction;
	bool holds_writer; /* this connection holds sqlite.c's process_writer */
	int opened_version; /* the schema version on disk at open (0: new) */
	int savepoints;
	struct {
		const char *sql; /* static text: the cache compares pointers */
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE_MAX];
	int ncache;
	/* Rows added in the open transaction, indexed for search at commit:
	 * the lowest new id of each table, 0 when none. */
	int64_t fts_incident_from, fts_logbook_from;
	/* The key counter of one year, read once per write transaction and
	 * written back at commit: the transaction holds the write lock, so
	 * no one else can hand out numbers meanwhile. key_year 0: none. */
	int key_year;
	int64_t key_last;
	bool key_dirty;
};

/* A prepared statement for sql (a string literal), reset and unbound,
 * owned by the cache. NULL on failure with err filled. */
sqlite3_stmt *mk_sql_prepare(struct mk_store *s, const char *sql, struct mk_error *err);

/* Translates a SQLite result code into an mk_rc with a message naming the
 * database and what was being done. Always returns a failure. */
enum mk_rc mk_sql_fail(struct mk_store *s, int code, const char *doing, struct mk_error *err);

/* Indexes the rows added in this transaction for full-text search (done
 * at commit, and before an update of such a row so that the update
 * trigger finds it indexed). */
enum mk_rc mk_sql_flush_fts(struct mk_store *s, struct mk_error *err);

/* Writes the key counter held in memory (done at commit). */
enum mk_rc mk_sql_flush_key(struct mk_store *s, struct mk_error *err);

/* Runs statements without results (DDL, pragmas). */
enum mk_rc mk_sql_exec(struct mk_store *s, const char *sql, const char *doing,
		       struct mk_error *err);

/* Steps a statement that returns no rows; resets it. */
enum mk_rc mk_sql_step_done(struct mk_store *s, sqlite3_stmt *st, const char *doing,
			    struct mk_error *err);

/* Binding and reading NULL-able values. Bind helpers return SQLite codes. */
int mk_sql_bind_text(sqlite3_stmt *st, int i, const char *v);
int mk_sql_bind_time(sqlite3_stmt *st, int i, mk_time t);
mk_time mk_sql_column_time(sqlite3_stmt *st, int i);
/* A copy of a text column (NULL for SQL NULL); *ret_oom set on failure. */
char *mk_sql_column_dup(sqlite3_stmt *st, int i, bool *ret_oom);
/* A text column borrowed until the next step; "" for NULL. */
const char *mk_sql_column_text(sqlite3_stmt *st, int i);

/* The need-to-know filter of a query (store.h) as SQL (shared by the
 * incident lists and the breach register) over incident i,
 * with the viewer's login name in parameter p. Only one of the two is
 * needed at a time: a melder's own reports pass the confidential rule
 * anyway (core/access.c). An only_own filter without a viewer matches
 * nothing (NULL equals nothing): a missing name fails closed. */
#define VIS_OWN(p) " AND i.reporter_account = " p
#define VIS_HIDE(p)                                                                  \
	" AND (i.confidential = 0 OR i.reporter_account = " p " OR EXISTS (SELECT 1 "    \
	"FROM incident_team t WHERE t.incident_id = i.id AND t.account_id = "          \
	"(SELECT id FROM account WHERE name = " p ")))"

#endif
