/* The use cases: registering and handling an incident along the IBD
 * process. Each one checks the core rules, writes the store and appends
 * the logbook entry that records it, all in one transaction, so a refused
 * or failed call leaves the database exactly as it was. This is the only
 * API the front ends (CLI, HTTP, intake) call, so they can never disagree.
 *
 * Every call takes the actor (who, in which role) and `now` (the front end
 * reads the clock; the rules never do). Errors come back as mk_rc with
 * struct mk_error naming the field. */
#ifndef MK_SERVICE_SERVICE_H
#define MK_SERVICE_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/rc.h"
#include "base/time.h"
#include "core/checklist.h"
#include "core/deadline.h"
#include "core/decision.h"
#include "core/impact.h"
#include "core/incident.h"
#include "core/kpi.h"
#include "core/logbook.h"
#include "core/matrix.h"
#include "core/phase.h"
#include "store/store.h"

struct mk_actor {
	const char *name; /* a person's name or account; never empty */
	enum mk_role role;
	const char *via;  /* the front end: "cli", "web", "api", "import" */
	const char *account; /* login name, or NULL (CLI, import) */
};

struct mk_service {
	struct mk_store *store;
	struct mk_matrix matrix;       /* in force */
	struct mk_checklist checklist; /* in force for new incidents */
	int checklist_version;
	struct mk_priority_matrix priority;
	bool batch;                    /* inside mk_svc_batch_begin .. commit */
	bool batch_failed;             /* a record failed after writing: roll back */
	/* argon2id cost of new password hashes; 0 means the default of
	 * service/accounts.c. Only tests lower it (valgrind makes each
	 * default hash take seconds). */
	unsigned long long pwhash_opslimit;
	size_t pwhash_memlimit;
};

/* Opens the database and loads the tables in force. In MK_STORE_CREATE
 * mode a new database gets the compiled-in default tables (matrix,
 * checklist, impact criteria) as version 1, written at `now` by actor.
 * ret_created (optional) tells whether the database is new. */
enum mk_rc mk_service_open(const char *path, enum mk_store_mode mode, mk_time now,
			   const struct mk_actor *actor, struct mk_service **ret_svc,
			   bool *ret_created, struct mk_error *err);
void mk_service_close(struct mk_service *svc);
/* How long a write waits for another process's lock, for the services
 * opened from now on (mk_store_set_busy_timeout). */
void mk_service_set_busy_timeout(int ms);
/* The schema version the database had before this open upgraded it: 0
 * for a new one, mk_store_schema_version() when nothing was upgraded. */
int mk_svc_schema_found(const struct mk_service *svc);

/* --- Editable incident fields, by name --------------------------------------
 * Front ends pass fields as name/value text pairs ("title", "detected_at",
 * "personal_data"...); the service parses each by its type (text, time,
 * yes/no, detection source, TLP, count) so every interface accepts the
 * same input. An empty value clears an optional field. */

struct mk_field_value {
	const char *name;
	const char *value;
};

/* The names `incident new` and `incident edit` accept: the i-th, or NULL
 * past the last. */
const char *mk_incident_field_name(size_t i);
/* Whether the named field is a yes/no flag (confidential, exercise...):
 * the JSON API takes those as true/false and the rest as strings. */
bool mk_incident_field_is_flag(const char *name);

/* Applies the pairs to inc (no storage), with the same checks as the
 * service. For previews and tests. */
enum mk_rc mk_incident_apply_fields(struct mk_incident *inc, const struct mk_field_value *fields,
				    size_t nfields, struct mk_error *err);

/* --- Incidents ------------------------------------------------------------ */

/* Registers a new incident from the field pairs (title is required;
 * reported_at defaults to now, and so does detected_at unless the pairs
 * name it: someone registering it now knows of it now, so the golden hour
 * starts). Gives it a UUID and the next key of now's
 * year, instantiates the checklist, and writes the first logbook entry.
 * The new key goes to ret_key (MK_KEY_TEXT). */
enum mk_rc mk_svc_incident_register(struct mk_service *svc, const struct mk_actor *actor,
				    mk_time now, const struct mk_field_value *fields,
				    size_t nfields, char *ret_key, struct mk_error *err);

/* Registering in two steps, so that an import can do the first in a
 * reader thread: mk_svc_prepare_record needs no database (defaults, every
 * check that needs none, the matrix row, the UUID, the first logbook entry
 * sealed) and only reads svc, so it may run beside other calls;
 * mk_svc_register_prepared checks what needs the database (a duplicate
 * source_ref, the parent) and writes. The registration owns its incident:
 * fill reg->inc after mk_registration_init, release afterwards. */
struct mk_registration {
	struct mk_incident inc;
	struct mk_buf log_text;    /* the first logbook entry's text */
	struct mk_log_entry first; /* sealed; its strings point into inc/log_text/actor */
	const char *reporter_account; /* a melder's login name (borrowed from the actor):
				       * they see their own reports; or NULL */
};

void mk_registration_init(struct mk_registration *reg);
void mk_registration_release(struct mk_registration *reg);

enum mk_rc mk_svc_prepare_record(const struct mk_service *svc, const struct mk_actor *actor,
				 mk_time now, struct mk_registration *reg, struct mk_error *err);

/* If reg->inc.source_ref is set and an incident with that source_ref
 * exists, nothing is written, *ret_duplicate is true and ret_key gets the
 * existing key; otherwise ret_key gets the new key. */
enum mk_rc mk_svc_register_prepared(struct mk_service *svc, mk_time now,
				    struct mk_registration *reg, bool *ret_duplicate,
				    char *ret_key, struct mk_error *err);

/* Batches for imports: begin, any number of register_prepared calls,
 * commit. A refused record (bad input, duplicate) writes nothing and the
 * others go on; a failure after writing began (the database) fails the
 * batch, whose commit then rolls everything back. The changes through
 * mk_svc_change (edit, assess, phase) join an open batch the same way
 * (mail intake classifies each report in its batch). */
enum mk_rc mk_svc_batch_begin(struct mk_service *svc, struct mk_error *err);
enum mk_rc mk_svc_batch_commit(struct mk_service *svc, struct mk_error *err);
void mk_svc_batch_abort(struct mk_service *svc);
bool mk_svc_in_batch(const struct mk_service *svc);

/* Reads an incident (initialised inc). */
enum mk_rc mk_svc_incident_get(struct mk_service *svc, const char *key, struct mk_incident *inc,
			       struct mk_error *err);

/* Changes fields. expected_version 0 means "whatever is current";
 * otherwise a different stored version is MK_ECONFLICT. The logbook entry
 * lists each field's old and new value. No change at all is MK_EINVAL. */
enum mk_rc mk_svc_incident_edit(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, const char *key, int64_t expected_version,
				const struct mk_field_value *fields, size_t nfields,
				struct mk_error *err);

/* A classification (Bijlage 3 row, H4 impact, urgency, event type); each
 * part applies only when its has_ flag is set. */
struct mk_assessment {
	bool has_matrix;
	enum mk_matrix_table table;
	const char *category, *incident;
	bool has_impact[MK_CRITERION_COUNT];
	enum mk_level impact[MK_CRITERION_COUNT];
	bool has_people;          /* also sets the mensen criterion from the count */
	int64_t people;
	bool has_urgency;
	enum mk_level urgency;
	bool has_event_type;
	enum mk_event_type event_type;
};

/* Applies an assessment: checks the matrix row exists, recomputes the
 * priority from impact x urgency, steers tasks 1.3/1.3b by the row's CISO
 * and directie levels (X: required, (X): when relevant, empty: n.v.t.),
 * and enforces who may declare a noodsituatie (MK_EPERM). Logged, with a
 * separate entry for a change of event type. */
enum mk_rc mk_svc_incident_assess(struct mk_service *svc, const struct mk_actor *actor,
				  mk_time now, const char *key, int64_t expected_version,
				  const struct mk_assessment *a, struct mk_error *err);

/* Moves the incident to a phase under the rules of core/phase.h. Entering
 * afsluiten (or evaluatie) sets closed_at (and resolved_at if unknown);
 * moving back before afsluiten clears closed_at (a reopening). The reason
 * goes into the logbook. */
enum mk_rc mk_svc_incident_phase(struct mk_service *svc, const struct mk_actor *actor,
				 mk_time now, const char *key, int64_t expected_version,
				 enum mk_phase to, const char *reason, struct mk_error *err);

/* --- Tasks ------------------------------------------------------------------ */

struct mk_task_view {
	const struct mk_checklist_task *task; /* code, step, role, owner, title */
	const struct mk_task_row *row;        /* state, done_by, done_at, note */
};
typedef enum mk_rc (*mk_task_view_cb)(void *ctx, const struct mk_task_view *t);

/* The incident's checklist with each task's state, in checklist order. */
enum mk_rc mk_svc_tasks(struct mk_service *svc, const char *key, mk_task_view_cb cb, void *ctx,
			struct mk_error *err);

/* Marks a task done (note optional) or n.v.t. (reason required), or
 * reopens one (MK_TASK_OPEN, reason required) that was ticked by mistake.
 * A task whose `sets` names an incident time records its done time there;
 * reopening it takes that time back. */
enum mk_rc mk_svc_task_set(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			   const char *key, const char *code, enum mk_task_state state,
			   const char *note, struct mk_error *err);

/* Attaches playbook `name` (core/playbook.h: "phishing") to the incident:
 * its tasks join the incident's checklist, open, after the Bijlage 1
 * tasks, and are worked with mk_svc_task_set like any other. Logged with
 * the tasks added; a playbook attached before adds nothing (MK_OK, 0
 * added). ret_added (optional) gets the number of tasks added.
 * MK_ENOTFOUND for an unknown playbook or incident. */
enum mk_rc mk_svc_playbook_attach(struct mk_service *svc, const struct mk_actor *actor,
				  mk_time now, const char *key, const char *name,
				  size_t *ret_added, struct mk_error *err);

/* --- Logbook ---------------------------------------------------------------- */

/* Appends a note, action, decision or communication (status and system
 * entries are written by meldkamer itself). */
enum mk_rc mk_svc_log_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			  const char *key, enum mk_log_kind kind, const char *text,
			  struct mk_error *err);

enum mk_rc mk_svc_log_list(struct mk_service *svc, const char *key, mk_log_cb cb, void *ctx,
			   struct mk_error *err);

struct mk_chain_status {
	int64_t entries;
	char head[MK_HASH_HEX];
};

/* Verifies the incident's hash chain against its recorded head: MK_OK with
 * the status, or MK_ECHAIN naming the first bad entry. */
enum mk_rc mk_svc_log_verify(struct mk_service *svc, const char *key,
			     struct mk_chain_status *ret_status, struct mk_error *err);

/* --- Decisions ---------------------------------------------------------------- */

/* Records a BOBOC decision (decided_by/at are the actor and now) with its
 * logbook entry of kind decision. */
enum mk_rc mk_svc_decision_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			       const char *key, struct mk_decision *d, struct mk_error *err);

enum mk_rc mk_svc_decisions(struct mk_service *svc, const char *key, mk_decision_cb cb,
			    void *ctx, struct mk_error *err);

/* --- Data breaches (core/breach.h) -------------------------------------------------- */

/* The names breach set accepts (aware_at, ended_at, summary, nature, cause,
 * categories, special_categories, records, groups, subjects_min,
 * subjects_max, encrypted, encryption, risk, risk_reasoning, consequences,
 * measures, fg_name, fg_consulted_at): the i-th, or NULL past the last.
 * Sets are comma-separated code names; an empty value clears. */
const char *mk_breach_field_name(size_t i);

/* Records or changes the breach of an incident from field pairs. The first
 * call creates it (aware_at defaults to the incident's detected_at) and
 * turns the incident's personal_data on; ret_created (optional) says which.
 * aware_at cannot move once the AP was notified (MK_ECONFLICT). Logged. */
enum mk_rc mk_svc_breach_set(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			     const char *key, const struct mk_field_value *fields, size_t nfields,
			     bool *ret_created, struct mk_error *err);
/* The same, refused (MK_ECONFLICT) unless the incident is still at
 * expected_version (0: any), checked under the write lock: two people
 * editing one breach never silently overwrite each other. */
enum mk_rc mk_svc_breach_set_at(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
				const char *key, int64_t expected_version,
				const struct mk_field_value *fields, size_t nfields,
				bool *ret_created, struct mk_error *err);

/* The breach of an incident into b (initialised; release with
 * mk_breach_release). MK_ENOTFOUND naming "breach" if it has none. */
enum mk_rc mk_svc_breach_get(struct mk_service *svc, const char *key, struct mk_breach *b,
			     struct mk_error *err);

/* Its AP notifications in filing order. */
enum mk_rc mk_svc_breach_notifications(struct mk_service *svc, const char *key,
				       mk_ap_notification_cb cb, void *ctx, struct mk_error *err);

/* Files an AP notification (n->filed_by is the actor; filed_at UNKNOWN
 * means now) under the rules of mk_ap_notification_check; the first one
 * sets the incident's ap_notified_at. Logged as communication. */
enum mk_rc mk_svc_breach_notify(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
				const char *key, struct mk_ap_notification *n,
				struct mk_error *err);

/* Records the decision to inform the data subjects from field pairs
 * (decision ja|nee, exception, reason, channel, informed_at); it replaces
 * an earlier decision unless they were informed already (MK_ECONFLICT).
 * A yes with its date sets the incident's subjects_informed_at. Logged
 * as decision. */
enum mk_rc mk_svc_breach_inform(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
				const char *key, const struct mk_field_value *fields,
				size_t nfields, struct mk_error *err);

/* The breach register (store.h, mk_store_breach_register). */
enum mk_rc mk_svc_breach_register(struct mk_service *svc, const struct mk_incident_query *scope,
				  mk_breach_register_cb cb, void *ctx, struct mk_error *err);

/* --- Reading many --------------------------------------------------------------- */

/* Incidents newest first, a page at a time (store.h, mk_incident_query:
 * its viewer_account and filter narrow the list to what the viewer may
 * see; zero = everything). */
enum mk_rc mk_svc_incidents(struct mk_service *svc, const struct mk_incident_query *q,
			    mk_incident_cb cb, void *ctx, struct mk_error *err);
/* How many incidents q lists without paging (for "page 2 of 7"). */
enum mk_rc mk_svc_incident_count(struct mk_service *svc, const struct mk_incident_query *q,
				 int64_t *ret_count, struct mk_error *err);

/* Full-text search in incident and logbook text (store.h, mk_store_search);
 * scope (NULL: everything) applies the viewer's need-to-know filter. */
enum mk_rc mk_svc_search(struct mk_service *svc, const char *query, int limit,
			 const struct mk_incident_query *scope, mk_incident_cb cb, void *ctx,
			 struct mk_error *err);

/* The register as a whole: the append-only guards in place, no incident
 * deleted (the numbering leaves no gap), no logbook entry orphaned. cb
 * gets each problem; MK_OK when the checks ran. */
enum mk_rc mk_svc_register_check(struct mk_service *svc, mk_problem_cb cb, void *ctx,
				 struct mk_error *err);

/* The clocks of one incident at now. For an incident with personal data
 * the breach record (if any) steers the AP and subject clocks: they run
 * from its aware_at, the AP clock does not apply at risk geen, the
 * subject clock not after a decision not to inform, nor at risk geen or
 * laag while nothing was decided (service/breach.c). svc NULL: the incident's own times only. */
void mk_svc_incident_deadlines(struct mk_service *svc, const struct mk_incident *inc,
			       mk_time now, struct mk_deadline ret[MK_CLOCK_COUNT]);

typedef enum mk_rc (*mk_deadline_cb)(void *ctx, const struct mk_incident *inc,
				     const struct mk_deadline *d);

/* Every pending deadline (running or overdue) of open incidents, and the
 * evaluation windows of closed ones, in no particular order. */
enum mk_rc mk_svc_deadlines(struct mk_service *svc, mk_time now, mk_deadline_cb cb, void *ctx,
			    struct mk_error *err);
/* The same for a viewer: scope's viewer_account and filter leave out the
 * incidents they may not see (NULL: all, as mk_svc_deadlines). */
enum mk_rc mk_svc_deadlines_visible(struct mk_service *svc, mk_time now,
				    const struct mk_incident_query *scope, mk_deadline_cb cb,
				    void *ctx, struct mk_error *err);

/* The impact criteria in force: the stored "impact" table (Tabel 1 as
 * data/impact.tsv by default), parsed into t, which the caller releases
 * with mk_impact_table_release. */
enum mk_rc mk_svc_impact_table(struct mk_service *svc, struct mk_impact_table *t,
			       struct mk_error *err);

/* The KPIs over every incident (exercises excluded). ret_kpi initialised
 * by the caller. */
enum mk_rc mk_svc_kpi(struct mk_service *svc, struct mk_kpi *ret_kpi, struct mk_error *err);

/* --- Time and cost, evaluation, hold, purge (service/closure.c, purge.c;
 * doc/closure.md) ---------------------------------------------------------- */

/* Writes a time entry (core/cost.h checks; person defaults to the actor's
 * name when NULL). Logged. e->id is set. */
enum mk_rc mk_svc_time_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			   const char *key, struct mk_time_entry *e, struct mk_error *err);
enum mk_rc mk_svc_time_list(struct mk_service *svc, const char *key, mk_time_entry_cb cb,
			    void *ctx, struct mk_error *err);
/* Sets the hourly rate of a role (admin only: MK_EPERM). */
enum mk_rc mk_svc_rate_set(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			   enum mk_role role, int64_t cents, struct mk_error *err);
enum mk_rc mk_svc_rates(struct mk_service *svc, mk_rate_cb cb, void *ctx, struct mk_error *err);
/* Enters another cost (kind, description, amount). Logged. */
enum mk_rc mk_svc_cost_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			   const char *key, struct mk_other_cost *c, struct mk_error *err);
enum mk_rc mk_svc_costs(struct mk_service *svc, const char *key, mk_other_cost_cb cb, void *ctx,
			struct mk_error *err);
/* The cost report of the incident (initialised r, released by the
 * caller), at the rates in force. */
enum mk_rc mk_svc_cost_report(struct mk_service *svc, const char *key,
			      struct mk_cost_report *r, struct mk_error *err);

/* The evaluation after closure. Every part is refused (MK_ECONFLICT)
 * before the incident is closed. A field NULL is left as it is; "" clears. */
struct mk_evaluation_input {
	const char *lessons;
	const char *process_review;
	/* answers to the step 7 questions by code (data/evaluation.tsv) */
	const struct mk_field_value *answers;
	size_t nanswers;
};
enum mk_rc mk_svc_evaluation_set(struct mk_service *svc, const struct mk_actor *actor,
				 mk_time now, const char *key,
				 const struct mk_evaluation_input *in, struct mk_error *err);
/* Proposes the meeting: at within 2 to 6 weeks after closed_at
 * (core/evaluation.h), minutes long. Logged. */
enum mk_rc mk_svc_evaluation_meeting(struct mk_service *svc, const struct mk_actor *actor,
				     mk_time now, const char *key, mk_time at, int minutes,
				     struct mk_error *err);
enum mk_rc mk_svc_evaluation_get(struct mk_service *svc, const char *key, mk_evaluation_cb cb,
				 void *ctx, struct mk_error *err);
enum mk_rc mk_svc_answers(struct mk_service *svc, const char *key, mk_answer_cb cb, void *ctx,
			  struct mk_error *err);
/* Improvement actions: add (a->id set), mark done, list. Logged. */
enum mk_rc mk_svc_action_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			     const char *key, struct mk_improvement *a, struct mk_error *err);
enum mk_rc mk_svc_action_done(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			      const char *key, int64_t id, struct mk_error *err);
enum mk_rc mk_svc_actions(struct mk_service *svc, const char *key, mk_improvement_cb cb,
			  void *ctx, struct mk_error *err);

/* Legal hold: placed with a reason, released with one; both logged.
 * Only roles with MK_ACT_INCIDENT_HOLD (ciso, directie, admin): MK_EPERM.
 * A second hold, or releasing none, is MK_ECONFLICT. */
enum mk_rc mk_svc_hold(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
		       const char *key, const char *reason, struct mk_error *err);
enum mk_rc mk_svc_release(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			  const char *key, const char *reason, struct mk_error *err);
/* The hold if any (*ret_found). */
enum mk_rc mk_svc_hold_get(struct mk_service *svc, const char *key, mk_hold_cb cb, void *ctx,
			   bool *ret_found, struct mk_error *err);

/* The purge (service/purge.c). The plan: every incident whose retention
 * of `years` ended at now (core/retention.h), held ones included and
 * marked, oldest first; or, with keys, exactly those incidents. */
struct mk_purge_item {
	char key[MK_KEY_TEXT];
	int64_t id;
	char *title;
	mk_time closed_at;
	bool held, due, child_kept;
};
struct mk_purge_plan {
	struct mk_purge_item *items;
	size_t count, cap;
	size_t held; /* how many of them are under legal hold */
};
void mk_purge_plan_release(struct mk_purge_plan *p);
enum mk_rc mk_svc_purge_plan(struct mk_service *svc, mk_time now, int years,
			     const char *const *keys, size_t nkeys, struct mk_purge_plan *ret,
			     struct mk_error *err);
struct mk_purge_result {
	struct mk_purge_counts counts;
	int64_t purge_id;
	size_t files_removed;
	size_t files_failed; /* a file that could not be removed (message in warn) */
};
/* Purges: admin only (MK_EPERM). In one transaction the plan is made
 * again and checked as a whole (core/retention.h: a held incident, or one
 * not due, refuses all); with keys the list is exactly those, without it
 * is every due incident that is not held (held ones are kept, and listed
 * by the plan). Then the rows go and the purge log is written; after the
 * commit evidence files no other incident names are removed. */
enum mk_rc mk_svc_purge(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			int years, const char *const *keys, size_t nkeys,
			struct mk_purge_result *ret, struct mk_error *err);
enum mk_rc mk_svc_purge_log(struct mk_service *svc, mk_purge_log_cb cb, void *ctx,
			    struct mk_error *err);

#endif
