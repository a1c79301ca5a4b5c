/* The storage interface: the only way above this layer reaches the
 * database. SQLite (store-sqlite.c) is the embedded default; the interface
 * speaks in core structs and mk_rc, never in SQL or database codes, so that
 * another backend (PostgreSQL) can sit beside it.
 *
 * Transactions: every write happens between mk_store_begin(write) and
 * mk_store_commit(); a failure in between is followed by
 * mk_store_rollback(), which leaves the database exactly as it was. A
 * write transaction takes the database's write lock at once, so two
 * writers queue (for up to MK_STORE_BUSY_MS) instead of failing halfway.
 * Savepoints nest inside a transaction (one imported file = one savepoint).
 *
 * Callbacks: listing functions call cb once per row with a struct that is
 * valid only during the call; a non-MK_OK return from cb stops the listing
 * and is returned. */
#ifndef MK_STORE_STORE_H
#define MK_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/rc.h"
#include "base/time.h"
#include "core/access.h"
#include "core/alert.h"
#include "core/breach.h"
#include "core/checklist.h"
#include "core/cost.h"
#include "core/evaluation.h"
#include "core/decision.h"
#include "core/incident.h"
#include "core/logbook.h"
#include "core/observable.h"

/* How long a writer waits for another writer before giving up. */
#define MK_STORE_BUSY_MS 10000

struct mk_store;

enum mk_store_mode {
	MK_STORE_READ,   /* read-only; the database must exist */
	MK_STORE_WRITE,  /* read-write; the database must exist */
	MK_STORE_CREATE, /* read-write; created (and migrated) if missing */
};

/* Opens the database at path. Checks that it is a meldkamer database
 * (MK_ESTORE "not a meldkamer database" otherwise) and brings its schema
 * up to date in write modes (a read-only open of an out-of-date schema is
 * MK_ESTORE, asking to run 'meldkamer init'). A missing file in READ or
 * WRITE mode is MK_ENOTFOUND. ret_created (optional) tells whether CREATE
 * made a new database. */
enum mk_rc mk_store_open(const char *path, enum mk_store_mode mode, struct mk_store **ret_store,
			 bool *ret_created, struct mk_error *err);
/* MK_OK if the triggers that keep the logbook and the register
 * append-only are in place, MK_ECHAIN naming the missing one otherwise.
 * Write opens refuse a database without them. */
enum mk_rc mk_store_guards_check(struct mk_store *s, struct mk_error *err);

/* Checks the register as a whole, beyond each logbook's chain: every key
 * number handed out still has its incident (the numbering is gap-free, so
 * a gap is a deleted incident) and every logbook entry has its incident.
 * Calls cb with a message for each problem found (at most a few per
 * kind); MK_OK when the checks ran, whatever they found. */
typedef enum mk_rc (*mk_problem_cb)(void *ctx, const char *problem);
enum mk_rc mk_store_register_check(struct mk_store *s, mk_problem_cb cb, void *ctx,
				   struct mk_error *err);

/* Closes; accepts NULL. An open transaction is rolled back. */
void mk_store_close(struct mk_store *s);

/* The schema version this build writes, and the one found on disk. */
int mk_store_schema_version(void);
enum mk_rc mk_store_disk_schema_version(struct mk_store *s, int *ret, struct mk_error *err);
/* The schema version the file had when it was opened, before any upgrade
 * (0 for a new database). */
int mk_store_opened_version(const struct mk_store *s);

enum mk_rc mk_store_begin(struct mk_store *s, bool write, struct mk_error *err);
/* How long a writer of the connections opened from now on waits for the
 * write lock before failing busy (a temporary failure,
 * mk_error.temporary); ms <= 0 is the default MK_STORE_BUSY_MS. Set once
 * before opening (not thread-safe), by an MTA pipe that would rather
 * defer the mail than keep the MTA waiting. */
void mk_store_set_busy_timeout(int ms);
enum mk_rc mk_store_commit(struct mk_store *s, struct mk_error *err);
void mk_store_rollback(struct mk_store *s);
enum mk_rc mk_store_savepoint(struct mk_store *s, struct mk_error *err);
enum mk_rc mk_store_savepoint_release(struct mk_store *s, struct mk_error *err);
void mk_store_savepoint_rollback(struct mk_store *s);

/* --- Configuration tables (matrix, checklist, impact) -------------------- */

/* The newest version of a named table and its text (owned by the caller);
 * MK_ENOTFOUND if there is none. */
enum mk_rc mk_store_config_get(struct mk_store *s, const char *name, int *ret_version,
			       char **ret_body, struct mk_error *err);
/* A specific version's text. */
enum mk_rc mk_store_config_get_version(struct mk_store *s, const char *name, int version,
				       char **ret_body, struct mk_error *err);
/* Adds the next version of a named table. */
enum mk_rc mk_store_config_put(struct mk_store *s, const char *name, const char *body,
			       mk_time at, const char *by, int *ret_version,
			       struct mk_error *err);

/* --- Incidents ------------------------------------------------------------ */

/* Hands out the next number of a registration year. Only inside a write
 * transaction (MK_ESTORE otherwise), so that a rollback gives the numbers
 * back (gap-free); the counter is written at commit. */
enum mk_rc mk_store_next_key_number(struct mk_store *s, int year, int64_t *ret_number,
				    struct mk_error *err);

/* Inserts inc (uuid, key, log_count and log_head already set; parent_key,
 * if any, must name an existing incident) with checklist_version; sets
 * inc->id. MK_ECONFLICT if its source_ref or key exists. */
enum mk_rc mk_store_incident_insert(struct mk_store *s, struct mk_incident *inc,
				    int checklist_version, struct mk_error *err);

/* Writes every field of inc (by inc->id) if the stored version is still
 * inc->version, and increments the version (inc->version too). A stored
 * version that moved on is MK_ECONFLICT: someone else changed it first. */
enum mk_rc mk_store_incident_update(struct mk_store *s, struct mk_incident *inc,
				    struct mk_error *err);

/* Reads one incident by key ("MK-2026-0001") into an initialised inc
 * (released first). MK_ENOTFOUND names the key. ret_checklist_version is
 * optional. */
enum mk_rc mk_store_incident_get(struct mk_store *s, const char *key, struct mk_incident *inc,
				 int *ret_checklist_version, struct mk_error *err);

/* The key of the incident with this source_ref, into ret_key
 * (MK_KEY_TEXT); *ret_found false if none. */
enum mk_rc mk_store_incident_find_ref(struct mk_store *s, const char *source_ref,
				      char *ret_key, bool *ret_found, struct mk_error *err);

typedef enum mk_rc (*mk_incident_cb)(void *ctx, const struct mk_incident *inc);

/* Need-to-know in listings (core/access.h): with filter.only_own_reports
 * only the incidents whose reporter_account is viewer_account; with
 * filter.hide_confidential a confidential incident only when
 * viewer_account is on its team or reported it. A zero filter (the CLI,
 * exports, KPIs) means every incident. The filter is applied in the SQL,
 * so a page and a count hold only what the viewer may see. */
struct mk_incident_query {
	bool open_only;          /* not closed (closed_at unknown) */
	const char *viewer_account; /* login name of who is looking, or NULL */
	struct mk_access_filter filter;
	int64_t before_id;       /* paging: only ids below this; 0 = from the newest */
	int limit;               /* 1..MK_PAGE_MAX; 0 = no limit */
	bool with_description;   /* false skips the long text (lists, KPIs) */
	bool borrow_text;        /* the incident's strings point into the row: valid
				  * only during the callback, never to be freed.
				  * Saves a dozen copies a row when scanning all. */
};

/* Incidents newest first (by id, descending). */
enum mk_rc mk_store_incident_list(struct mk_store *s, const struct mk_incident_query *q,
				  mk_incident_cb cb, void *ctx, struct mk_error *err);
enum mk_rc mk_store_incident_count(struct mk_store *s, bool open_only, int64_t *ret_count,
				   struct mk_error *err);
/* The number of incidents q would list without paging (open_only and the
 * need-to-know filter; before_id and limit are ignored). */
enum mk_rc mk_store_incident_count_query(struct mk_store *s, const struct mk_incident_query *q,
					 int64_t *ret_count, struct mk_error *err);

/* Full-text search in incident text (title, description, victim) and
 * logbook text, and the incidents carrying an observable whose value is
 * the query (trimmed, as typed or lower-cased; schema 3). `query` is what
 * a person typed: words, all required, a
 * trailing * on a word for a prefix; FTS operators in it are taken as
 * plain words. Calls cb for at most limit incidents: those newest by id
 * among the text matches and those with the most recent matching logbook
 * entries, merged newest first. scope (NULL: everything) narrows the
 * matches by its viewer_account and filter, as in a listing; its other
 * fields are ignored. */
enum mk_rc mk_store_search(struct mk_store *s, const char *query, int limit,
			   const struct mk_incident_query *scope, mk_incident_cb cb, void *ctx,
			   struct mk_error *err);

/* --- Tasks ---------------------------------------------------------------- */

/* An incident's checklist is the checklist version it was created with
 * (immutable once written) plus a row for each task that left the open
 * state: a task without a row is open. Registering an incident therefore
 * writes no task rows, which keeps registration and imports fast and the
 * database small. */
struct mk_task_row {
	const char *code;
	enum mk_task_state state;
	const char *done_by;  /* or NULL */
	mk_time done_at;      /* or MK_TIME_UNKNOWN */
	const char *note;     /* the n.v.t. reason or a note; or NULL */
};

typedef enum mk_rc (*mk_task_cb)(void *ctx, const struct mk_task_row *task);

/* The incident's task rows (tasks that are not open, or carry a note). */
enum mk_rc mk_store_tasks_list(struct mk_store *s, int64_t incident_id, mk_task_cb cb,
			       void *ctx, struct mk_error *err);

/* Sets a task's state, creating its row if needed. The caller checks that
 * the code is in the incident's checklist. */
enum mk_rc mk_store_task_set(struct mk_store *s, int64_t incident_id,
			     const struct mk_task_row *task, struct mk_error *err);

/* --- Logbook -------------------------------------------------------------- */

/* Appends a sealed entry. The database refuses a repeated seq; entries can
 * never be updated or deleted. */
enum mk_rc mk_store_log_append(struct mk_store *s, int64_t incident_id,
			       const struct mk_log_entry *e, struct mk_error *err);

typedef enum mk_rc (*mk_log_cb)(void *ctx, const struct mk_log_entry *e);

/* The incident's last entry only (cb is not called for an empty logbook). */
enum mk_rc mk_store_log_last(struct mk_store *s, int64_t incident_id, mk_log_cb cb, void *ctx,
			     struct mk_error *err);

/* The incident's entries in order of seq. */
enum mk_rc mk_store_log_list(struct mk_store *s, int64_t incident_id, mk_log_cb cb, void *ctx,
			     struct mk_error *err);

/* --- Decisions ------------------------------------------------------------ */

/* Inserts d (sets d->id). */
enum mk_rc mk_store_decision_insert(struct mk_store *s, int64_t incident_id,
				    struct mk_decision *d, int64_t log_seq, struct mk_error *err);

typedef enum mk_rc (*mk_decision_cb)(void *ctx, const struct mk_decision *d);

enum mk_rc mk_store_decision_list(struct mk_store *s, int64_t incident_id, mk_decision_cb cb,
				  void *ctx, struct mk_error *err);

/* --- Data breaches (schema 4) ---------------------------------------------- */

/* The breach of an incident into b (initialised; its strings then belong
 * to b: mk_breach_release). MK_ENOTFOUND when the incident has none. */
enum mk_rc mk_store_breach_get(struct mk_store *s, int64_t incident_id, struct mk_breach *b,
			       struct mk_error *err);
/* Writes b: a new row when b->id is 0 (b->id, version 1 and created_at set
 * from `now`), else the row b->id with version + 1 (b->version updated).
 * Inside a write transaction. */
enum mk_rc mk_store_breach_put(struct mk_store *s, struct mk_breach *b, mk_time now,
			       struct mk_error *err);

/* Appends an AP notification of breach_id (append-only: the table's
 * triggers refuse changes); n->id is set. */
enum mk_rc mk_store_ap_notification_insert(struct mk_store *s, int64_t breach_id,
					   struct mk_ap_notification *n, int64_t log_seq,
					   struct mk_error *err);
typedef enum mk_rc (*mk_ap_notification_cb)(void *ctx, const struct mk_ap_notification *n);
/* The notifications of a breach in filing order. */
enum mk_rc mk_store_ap_notification_list(struct mk_store *s, int64_t breach_id,
					 mk_ap_notification_cb cb, void *ctx, struct mk_error *err);

/* One line of the breach register (art. 33(5)): the breach with its
 * incident and a summary of its notifications. Valid during the call. */
struct mk_breach_register_row {
	const char *key;
	const char *title;
	bool exercise;
	bool confidential;
	const struct mk_breach *breach;
	int64_t notifications;     /* rows in ap_notification */
	bool ap_final, ap_withdrawn;
	const char *ap_reference;  /* the first notification's, or NULL */
	mk_time ap_first_filed_at; /* or MK_TIME_UNKNOWN */
	mk_time ap_last_filed_at;
};
typedef enum mk_rc (*mk_breach_register_cb)(void *ctx, const struct mk_breach_register_row *r);
/* Every breach, notified or not, by incident key; scope (NULL: all)
 * narrows it by its viewer_account and filter as a listing does. */
enum mk_rc mk_store_breach_register(struct mk_store *s, const struct mk_incident_query *scope,
				    mk_breach_register_cb cb, void *ctx, struct mk_error *err);

/* --- Accounts, sessions, API tokens, teams (schema 2) ------------------- *
 * The rules (names, password hashing, expiry, throttling) live in
 * service/accounts.c; these functions only read and write rows. Strings in
 * the structs handed to callbacks are valid only during the call. */

struct mk_store_account {
	int64_t id;
	const char *name;
	const char *display_name;
	enum mk_role role;
	bool disabled;
	const char *lang;          /* "nl" or "en" */
	const char *password_hash; /* crypto_pwhash_str text */
	mk_time created_at;
};
typedef enum mk_rc (*mk_store_account_cb)(void *ctx, const struct mk_store_account *a);

/* Inserts a (id ignored) and sets *ret_id. MK_ECONFLICT naming 'name' if
 * an account of that name exists. */
enum mk_rc mk_store_account_insert(struct mk_store *s, const struct mk_store_account *a,
				   int64_t *ret_id, struct mk_error *err);
/* Calls cb with the account named name; MK_ENOTFOUND naming it if none. */
enum mk_rc mk_store_account_get(struct mk_store *s, const char *name, mk_store_account_cb cb,
				void *ctx, struct mk_error *err);
/* Every account, by name. */
enum mk_rc mk_store_account_list(struct mk_store *s, mk_store_account_cb cb, void *ctx,
				 struct mk_error *err);
/* Set one property of the account with this id (MK_ENOTFOUND if none). */
enum mk_rc mk_store_account_set_password(struct mk_store *s, int64_t id, const char *hash,
					 struct mk_error *err);
enum mk_rc mk_store_account_set_disabled(struct mk_store *s, int64_t id, bool disabled,
					 struct mk_error *err);
enum mk_rc mk_store_account_set_lang(struct mk_store *s, int64_t id, const char *lang,
				     struct mk_error *err);

/* The account audit trail (append-only). */
struct mk_store_audit {
	mk_time at;
	const char *actor;        /* who did it ("Naam (rol) via cli") */
	const char *account_name; /* whose account */
	const char *what;         /* "created with role ciso", "disabled", ... */
};
typedef enum mk_rc (*mk_store_audit_cb)(void *ctx, const struct mk_store_audit *a);
enum mk_rc mk_store_audit_add(struct mk_store *s, const struct mk_store_audit *a,
			      struct mk_error *err);
/* The rows for account_name (NULL: all), oldest first. */
enum mk_rc mk_store_audit_list(struct mk_store *s, const char *account_name,
			       mk_store_audit_cb cb, void *ctx, struct mk_error *err);

/* Sessions, by the SHA-256 (hex) of their token. */
struct mk_store_session {
	const char *csrf;
	mk_time created_at, last_used_at;
	struct mk_store_account account;
};
typedef enum mk_rc (*mk_store_session_cb)(void *ctx, const struct mk_store_session *se);
enum mk_rc mk_store_session_insert(struct mk_store *s, const char *token_hash,
				   int64_t account_id, const char *csrf, mk_time now,
				   struct mk_error *err);
/* Calls cb with the session and its account; MK_ENOTFOUND if none. */
enum mk_rc mk_store_session_get(struct mk_store *s, const char *token_hash,
				mk_store_session_cb cb, void *ctx, struct mk_error *err);
enum mk_rc mk_store_session_touch(struct mk_store *s, const char *token_hash, mk_time now,
				  struct mk_error *err);
/* Deleting a session that does not exist is not an error. */
enum mk_rc mk_store_session_delete(struct mk_store *s, const char *token_hash,
				   struct mk_error *err);
enum mk_rc mk_store_sessions_delete_account(struct mk_store *s, int64_t account_id,
					    struct mk_error *err);
/* Deletes the sessions unused since idle_before or created before
 * created_before (expired ones). */
enum mk_rc mk_store_sessions_expire(struct mk_store *s, mk_time idle_before,
				    mk_time created_before, struct mk_error *err);

/* API tokens, by name and by the SHA-256 (hex) of their text. */
struct mk_store_token {
	const char *name;
	mk_time created_at;
	mk_time revoked_at;       /* MK_TIME_UNKNOWN while valid */
	struct mk_store_account account;
};
typedef enum mk_rc (*mk_store_token_cb)(void *ctx, const struct mk_store_token *t);
/* MK_ECONFLICT naming 'name' if a token of that name exists. */
enum mk_rc mk_store_token_insert(struct mk_store *s, const char *name, const char *token_hash,
				 int64_t account_id, mk_time now, struct mk_error *err);
/* Calls cb with the token (revoked or not) and its account; MK_ENOTFOUND
 * if none. */
enum mk_rc mk_store_token_get(struct mk_store *s, const char *token_hash, mk_store_token_cb cb,
			      void *ctx, struct mk_error *err);
/* Calls cb with the token named name; MK_ENOTFOUND naming it if none. */
enum mk_rc mk_store_token_get_by_name(struct mk_store *s, const char *name,
				      mk_store_token_cb cb, void *ctx, struct mk_error *err);
/* Calls cb with every token, revoked or not, by name. */
enum mk_rc mk_store_token_list(struct mk_store *s, mk_store_token_cb cb, void *ctx,
			       struct mk_error *err);
/* Revokes the named token if it is not revoked yet. */
enum mk_rc mk_store_token_revoke(struct mk_store *s, const char *name, mk_time now,
				 struct mk_error *err);
/* Revokes every valid token of the account; *ret_count (optional) says
 * how many. */
enum mk_rc mk_store_tokens_revoke_account(struct mk_store *s, int64_t account_id, mk_time now,
					  int64_t *ret_count, struct mk_error *err);

/* Failed logins: one row each (*ret_id, optional, is its id); counted
 * per account name and per address from `since`; rows before `before`
 * are dropped by the purge. */
enum mk_rc mk_store_login_failure_add(struct mk_store *s, const char *account_name,
				      const char *address, mk_time at, int64_t *ret_id,
				      struct mk_error *err);
enum mk_rc mk_store_login_failure_delete(struct mk_store *s, int64_t id, struct mk_error *err);
/* Forgets the failures recorded for an account name (after a login). */
enum mk_rc mk_store_login_failures_clear(struct mk_store *s, const char *account_name,
					 struct mk_error *err);
/* Failures since `since`: of the account from the address, of the account
 * from anywhere, and from the address for any account. */
enum mk_rc mk_store_login_failures(struct mk_store *s, const char *account_name,
				   const char *address, mk_time since, int64_t *ret_pair,
				   int64_t *ret_account, int64_t *ret_address, struct mk_error *err);
enum mk_rc mk_store_login_failures_purge(struct mk_store *s, mk_time before,
					 struct mk_error *err);

/* Teams. MK_ECONFLICT if the account is on the team already; remove gives
 * MK_ENOTFOUND if it is not. */
enum mk_rc mk_store_team_add(struct mk_store *s, int64_t incident_id, int64_t account_id,
			     struct mk_error *err);
enum mk_rc mk_store_team_remove(struct mk_store *s, int64_t incident_id, int64_t account_id,
				struct mk_error *err);
typedef enum mk_rc (*mk_store_name_cb)(void *ctx, const char *name);
/* The login names on the incident's team, by name. */
enum mk_rc mk_store_team_list(struct mk_store *s, int64_t incident_id, mk_store_name_cb cb,
			      void *ctx, struct mk_error *err);

/* The account that reported the incident (a melder via the web). */
enum mk_rc mk_store_incident_set_reporter_account(struct mk_store *s, int64_t incident_id,
						  const char *account_name, struct mk_error *err);
/* The need-to-know facts about incident `key` for account_name in one
 * query: confidential, reported by that account, on its team.
 * MK_ENOTFOUND naming the key if the incident does not exist. */
enum mk_rc mk_store_access_facts(struct mk_store *s, const char *key, const char *account_name,
				 struct mk_access_subject *ret, struct mk_error *err);

/* --- Intake: observables, alert groups, evidence (schema 3) -------------- *
 * Rows only: normalising values, the collapse rule and promotion are the
 * service's (service/intake.c, core/observable.h, core/alert.h). Strings
 * in the views are valid only during the callback. */

/* One observable, with where it is attached when listed per incident. */
struct mk_observable_view {
	int64_t id;
	enum mk_obs_type type;
	const char *value;
	enum mk_tlp tlp;
	mk_time first_seen, last_seen;
	/* Per incident (mk_svc_observables with a key); else NULL/unknown. */
	const char *incident_key;
	const char *role;
	enum mk_obs_source source;
	const char *added_by;
	mk_time added_at;
};
typedef enum mk_rc (*mk_observable_cb)(void *ctx, const struct mk_observable_view *o);

struct mk_evidence_view {
	int64_t id;
	const char *incident_key;
	const char *what, *why, *name, *media_type;
	char sha256[65];
	int64_t size;
	const char *stored_path;  /* relative to the evidence folder: sha256/ab/<hex> */
	const char *collected_by;
	mk_time collected_at;
};
typedef enum mk_rc (*mk_evidence_cb)(void *ctx, const struct mk_evidence_view *e);

struct mk_alert_group_view {
	int64_t id;
	enum mk_alert_kind kind;
	enum mk_source detection;
	const char *signature_id, *signature;
	int severity;
	const char *severity_orig;
	const char *src_ip, *dst_ip, *proto;
	int src_port, dst_port;  /* -1 unknown */
	mk_time first_seen, last_seen;
	int64_t count;
	const char *incident_key; /* NULL until promoted */
};
typedef enum mk_rc (*mk_alert_group_cb)(void *ctx, const struct mk_alert_group_view *g);

struct mk_alert_view {
	int64_t id;
	mk_time at;
	const char *file;
	int64_t line;
	const char *raw;
};
typedef enum mk_rc (*mk_alert_cb)(void *ctx, const struct mk_alert_view *a);

/* Inserts the observable (type, normalised value) or, if it exists, moves
 * its last_seen to at (first_seen back to at if earlier) and its TLP to
 * the stricter of the two. ret_id gets its id. */
enum mk_rc mk_store_observable_upsert(struct mk_store *s, enum mk_obs_type type,
				      const char *value, enum mk_tlp tlp, mk_time at,
				      int64_t *ret_id, struct mk_error *err);

/* Attaches observable_id to the incident in a role. MK_ECONFLICT if that
 * observable is attached in that role already. */
enum mk_rc mk_store_incident_observable_add(struct mk_store *s, int64_t incident_id,
					    int64_t observable_id, const char *role,
					    enum mk_obs_source source, mk_time at,
					    const char *by, struct mk_error *err);

/* incident_id 0: every observable by type and value (incident fields
 * unset); else the incident's, in the order attached. */
enum mk_rc mk_store_observable_list(struct mk_store *s, int64_t incident_id,
				    mk_observable_cb cb, void *ctx, struct mk_error *err);

/* The observable of this type and normalised value; *ret_found false if
 * none (cb not called). */
enum mk_rc mk_store_observable_get(struct mk_store *s, enum mk_obs_type type, const char *value,
				   mk_observable_cb cb, void *ctx, bool *ret_found,
				   struct mk_error *err);

/* The keys of the incidents carrying observable_id, oldest first, except
 * except_id (0: none): cb gets the first `max`, *ret_count the number.
 * scope (NULL: every incident) narrows both to what its viewer_account
 * may see by its filter, as in a listing. */
enum mk_rc mk_store_observable_incidents(struct mk_store *s, int64_t observable_id,
					 int64_t except_id, const struct mk_incident_query *scope,
					 int max, mk_store_name_cb cb, void *ctx, int64_t *ret_count,
					 struct mk_error *err);

/* The number of alert groups whose src or dst IP is ip. */
enum mk_rc mk_store_alert_groups_with_ip(struct mk_store *s, const char *ip,
					 int64_t *ret_count, struct mk_error *err);

/* The open group for the collapse key gkey that an alert at `at` joins
 * (core/alert.h: within window of its span), the most recent if several:
 * *ret_id 0 if none. ret_severity and ret_incident (0: not promoted) are
 * the group's. */
enum mk_rc mk_store_alert_group_find(struct mk_store *s, const char *gkey, mk_time at,
				     int64_t window, int64_t *ret_id, int *ret_severity,
				     int64_t *ret_incident, struct mk_error *err);
/* A new group of one alert (count 1, first = last = a->at). */
enum mk_rc mk_store_alert_group_insert(struct mk_store *s, const char *gkey,
				       const struct mk_alert *a, int64_t *ret_id,
				       struct mk_error *err);
/* One more alert at `at` in the group: count + 1, the span widened, the
 * severity raised to `severity` if higher. */
enum mk_rc mk_store_alert_group_join(struct mk_store *s, int64_t id, mk_time at, int severity,
				     struct mk_error *err);
enum mk_rc mk_store_alert_group_set_incident(struct mk_store *s, int64_t id,
					     int64_t incident_id, struct mk_error *err);
/* The alert as read (raw: raw_len bytes), with the SHA-256 of raw
 * (MK_ALERT_SHA256_BYTES bytes) that recognises it when it comes again
 * (UNIQUE, schema 0007: a second row of one hash is refused). */
enum mk_rc mk_store_alert_insert(struct mk_store *s, int64_t group_id, mk_time at,
				 const char *raw, size_t raw_len, const unsigned char *sha256,
				 const char *file, int64_t line, struct mk_error *err);
/* The group of the alert whose raw text has this SHA-256, or 0 in
 * *ret_group when no such alert was taken. */
enum mk_rc mk_store_alert_known(struct mk_store *s, const unsigned char *sha256,
				int64_t *ret_group, struct mk_error *err);
/* id 0: every group, newest last_seen first; else that group
 * (MK_ENOTFOUND naming it if none). */
enum mk_rc mk_store_alert_group_list(struct mk_store *s, int64_t id, mk_alert_group_cb cb,
				     void *ctx, struct mk_error *err);
/* The group's alerts by time, at most limit (0: all). */
enum mk_rc mk_store_alert_list(struct mk_store *s, int64_t group_id, int limit, mk_alert_cb cb,
			       void *ctx, struct mk_error *err);

/* Writes data into the content-addressed evidence folder next to the
 * database (<database>.evidence/sha256/ab/<hex>), unless a file of that
 * hash is there already: written to a temporary name, synced, renamed.
 * sha256 is the hex of data's hash (the caller computed it). ret_path
 * (at least 80 bytes) gets the path relative to the folder. A file left
 * behind by a rolled-back transaction is harmless: it is named by its
 * content. */
enum mk_rc mk_store_blob_put(struct mk_store *s, const unsigned char *data, size_t size,
			     const char *sha256, char *ret_path, struct mk_error *err);
/* The evidence folder of this database (owned by the store). */
const char *mk_store_blob_dir(struct mk_store *s);

/* Inserts an evidence row (e->id, e->incident_key ignored); ret_id
 * optional. */
enum mk_rc mk_store_evidence_insert(struct mk_store *s, int64_t incident_id,
				    const struct mk_evidence_view *e, int64_t *ret_id,
				    struct mk_error *err);
enum mk_rc mk_store_evidence_list(struct mk_store *s, int64_t incident_id, mk_evidence_cb cb,
				  void *ctx, struct mk_error *err);


/* --- Time and cost, evaluation, legal hold, purge (schema 0006) ---------- *
 * Rows only: the rules are core/cost.h, core/evaluation.h and
 * core/retention.h, the use cases service/closure.c and service/purge.c.
 * Strings in the structs handed to callbacks are valid only during the
 * call. */

struct mk_rate_view {
	enum mk_role role;
	int64_t cents;   /* per hour */
	const char *set_by;
	mk_time set_at;
};
typedef enum mk_rc (*mk_rate_cb)(void *ctx, const struct mk_rate_view *r);
/* Adds a rate for role (the history is kept; the newest is in force). */
enum mk_rc mk_store_rate_set(struct mk_store *s, enum mk_role role, int64_t cents,
			     const char *by, mk_time at, struct mk_error *err);
/* The rates in force, in the order of enum mk_role. */
enum mk_rc mk_store_rate_list(struct mk_store *s, mk_rate_cb cb, void *ctx, struct mk_error *err);

/* rate_cents is the rate in force for the entry's role, -1 if none. */
typedef enum mk_rc (*mk_time_entry_cb)(void *ctx, const struct mk_time_entry *e,
				       int64_t rate_cents);
enum mk_rc mk_store_time_insert(struct mk_store *s, int64_t incident_id,
				struct mk_time_entry *e, int64_t log_seq, struct mk_error *err);
/* The incident's entries by date, then as entered. */
enum mk_rc mk_store_time_list(struct mk_store *s, int64_t incident_id, mk_time_entry_cb cb,
			      void *ctx, struct mk_error *err);

struct mk_other_cost {
	int64_t id;
	enum mk_cost_kind kind;
	const char *description;
	int64_t cents;
	const char *entered_by;
	mk_time entered_at;
};
typedef enum mk_rc (*mk_other_cost_cb)(void *ctx, const struct mk_other_cost *c);
enum mk_rc mk_store_cost_insert(struct mk_store *s, int64_t incident_id,
				struct mk_other_cost *c, int64_t log_seq, struct mk_error *err);
enum mk_rc mk_store_cost_list(struct mk_store *s, int64_t incident_id, mk_other_cost_cb cb,
			      void *ctx, struct mk_error *err);

struct mk_evaluation_view {
	bool exists;              /* false: nothing written yet (cb still called) */
	const char *lessons;      /* or NULL */
	const char *process_review;
	mk_time meeting_at;       /* MK_TIME_UNKNOWN until proposed */
	int meeting_minutes;
	int meeting_sequence;     /* 0 for the first proposal, +1 for each change */
	const char *updated_by;
	mk_time updated_at;
};
typedef enum mk_rc (*mk_evaluation_cb)(void *ctx, const struct mk_evaluation_view *v);
/* Calls cb once with the incident's evaluation (exists false if none). */
enum mk_rc mk_store_evaluation_get(struct mk_store *s, int64_t incident_id, mk_evaluation_cb cb,
				   void *ctx, struct mk_error *err);
/* Writes the whole row (insert or replace). */
enum mk_rc mk_store_evaluation_put(struct mk_store *s, int64_t incident_id,
				   const struct mk_evaluation_view *v, struct mk_error *err);
typedef enum mk_rc (*mk_answer_cb)(void *ctx, const char *code, const char *answer);
/* An empty or NULL answer removes the stored one. */
enum mk_rc mk_store_answer_put(struct mk_store *s, int64_t incident_id, const char *code,
			       const char *answer, struct mk_error *err);
enum mk_rc mk_store_answer_list(struct mk_store *s, int64_t incident_id, mk_answer_cb cb,
				void *ctx, struct mk_error *err);

typedef enum mk_rc (*mk_improvement_cb)(void *ctx, const struct mk_improvement *a);
enum mk_rc mk_store_action_insert(struct mk_store *s, int64_t incident_id,
				  struct mk_improvement *a, struct mk_error *err);
/* Marks the incident's action id done; MK_ENOTFOUND naming it if the
 * incident has no such action, MK_ECONFLICT if it is done already. */
enum mk_rc mk_store_action_done(struct mk_store *s, int64_t incident_id, int64_t id,
				const char *by, mk_time at, struct mk_error *err);
enum mk_rc mk_store_action_list(struct mk_store *s, int64_t incident_id, mk_improvement_cb cb,
				void *ctx, struct mk_error *err);

struct mk_hold_view {
	const char *reason;
	const char *held_by;
	mk_time held_at;
};
typedef enum mk_rc (*mk_hold_cb)(void *ctx, const struct mk_hold_view *h);
/* Calls cb if the incident is under legal hold; *ret_found says whether. */
enum mk_rc mk_store_hold_get(struct mk_store *s, int64_t incident_id, mk_hold_cb cb, void *ctx,
			     bool *ret_found, struct mk_error *err);
enum mk_rc mk_store_hold_put(struct mk_store *s, int64_t incident_id,
			     const struct mk_hold_view *h, struct mk_error *err);
enum mk_rc mk_store_hold_delete(struct mk_store *s, int64_t incident_id, struct mk_error *err);

/* Facts for closing (core/phase.h): the incident's evidence rows and
 * the keys of its sub-incidents that are not closed. */
enum mk_rc mk_store_evidence_count(struct mk_store *s, int64_t incident_id, int64_t *ret,
				   struct mk_error *err);
enum mk_rc mk_store_open_children(struct mk_store *s, int64_t incident_id, mk_store_name_cb cb,
				  void *ctx, struct mk_error *err);

/* The purge (doc/closure.md "Retention and purge"). */
struct mk_purge_row {
	int64_t id;
	const char *key, *uuid, *title, *log_head;
	int64_t log_count;
	mk_time closed_at;
	bool held;
	int64_t children;   /* sub-incidents (any state) */
	int64_t parent_id;  /* 0: none */
};
typedef enum mk_rc (*mk_purge_row_cb)(void *ctx, const struct mk_purge_row *r);
/* Closed incidents with closed_at <= closed_before, oldest first (the
 * service applies the exact Amsterdam-calendar rule on each). */
enum mk_rc mk_store_purge_candidates(struct mk_store *s, mk_time closed_before,
				     mk_purge_row_cb cb, void *ctx, struct mk_error *err);
/* The sub-incidents of incident_id (their row ids), for the check that a
 * purge takes children with their parent. */
typedef enum mk_rc (*mk_id_cb)(void *ctx, int64_t id);
enum mk_rc mk_store_children(struct mk_store *s, int64_t incident_id, mk_id_cb cb, void *ctx,
			     struct mk_error *err);

struct mk_purge_counts {
	int64_t incidents, logbook_entries, evidence_items, other_rows;
};
/* An evidence file the purged rows referenced (stored_path relative to
 * the evidence folder), for removal after the commit. */
typedef enum mk_rc (*mk_blob_cb)(void *ctx, const char *sha256, const char *stored_path);
/* Inside a write transaction: purges the n incidents (row ids) with every
 * row that belongs to them, through a purge pass (0006-closure.sql), and
 * writes the purge log (by, at, years, the counts, one row per key).
 * The database refuses a pass for a held or open incident (MK_ECONFLICT).
 * blob_cb gets each evidence file the purged rows named. */
enum mk_rc mk_store_purge(struct mk_store *s, const int64_t *ids, size_t n, const char *by,
			  mk_time at, int years, mk_blob_cb blob_cb, void *blob_ctx,
			  struct mk_purge_counts *ret_counts, int64_t *ret_purge_id,
			  struct mk_error *err);
/* After the commit: removes the evidence file if no evidence row names
 * its hash any more. *ret_removed says whether it did. */
enum mk_rc mk_store_blob_forget(struct mk_store *s, const char *sha256, const char *stored_path,
				bool *ret_removed, struct mk_error *err);

struct mk_purge_log_view {
	int64_t id;
	mk_time at;
	const char *actor;
	int years;
	struct mk_purge_counts counts;
	const char *keys; /* "MK-2022-0001 MK-2022-0002" */
};
typedef enum mk_rc (*mk_purge_log_cb)(void *ctx, const struct mk_purge_log_view *p);
enum mk_rc mk_store_purge_log_list(struct mk_store *s, mk_purge_log_cb cb, void *ctx,
				   struct mk_error *err);

#endif
