/* Intake use cases (issue 4): observables on incidents, evidence files,
 * reports that arrive with both (a forwarded phishing mail), and alerts
 * that collapse into alert groups and become incidents. Like service.h:
 * every call checks the core rules, writes the store and the logbook in
 * one transaction; a refused or failed call leaves the database as it was.
 *
 * Values are normalised here (core/observable.h) whatever the caller did,
 * so the same indicator typed by hand, found in a mail or in an alert is
 * one observable. */
#ifndef MK_SERVICE_INTAKE_H
#define MK_SERVICE_INTAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/alert.h"
#include "core/observable.h"
#include "service/service.h"

/* The views handed to callbacks (mk_observable_view, mk_evidence_view,
 * mk_alert_group_view, mk_alert_view) are in store/store.h. */

/* --- Observables --------------------------------------------------------- */

/* An observable as found (value not yet normalised). */
struct mk_observable_input {
	enum mk_obs_type type;
	const char *value;
	size_t len;          /* bytes of value; 0 means strlen(value) */
	enum mk_tlp tlp;     /* MK_TLP_CLEAR if nothing better is known */
	const char *role;    /* "sender", "reply-to", "return-path", "url", "link-target",
			      * "domain", "received-ip", "attachment", "attachment-sha256",
			      * "src-ip", "dst-ip", ... ([a-z0-9-], MK_OBS_ROLE_MAX) */
};

/* Called for an observable that failed normalisation when the caller
 * asked for such ones to be skipped (err says why). */
typedef void (*mk_obs_reject_cb)(void *ctx, const struct mk_observable_input *o,
				 const struct mk_error *err);

/* Adds one observable to incident `key`, with a logbook entry naming it.
 * The observable row is shared across incidents (UNIQUE type+value): its
 * last_seen moves to now, its TLP to the stricter of old and new. The
 * same observable in the same role on the same incident again is
 * MK_ECONFLICT. */
enum mk_rc mk_svc_observable_add(struct mk_service *svc, const struct mk_actor *actor,
				 mk_time now, const char *key, const struct mk_observable_input *o,
				 enum mk_obs_source source, struct mk_error *err);


/* key NULL: every observable (by type, value); otherwise the observables
 * of that incident (MK_ENOTFOUND if it does not exist) in the order added. */
enum mk_rc mk_svc_observables(struct mk_service *svc, const char *key, mk_observable_cb cb,
			      void *ctx, struct mk_error *err);

/* Seen-before correlation of one observable: where else it appears. */
#define MK_SEEN_KEYS_MAX 20
struct mk_observable_seen {
	const struct mk_observable_view *obs;
	int64_t incident_count;       /* incidents carrying it (excluding `except`) */
	size_t nkeys;                 /* the first MK_SEEN_KEYS_MAX of them, oldest first */
	char keys[MK_SEEN_KEYS_MAX][MK_KEY_TEXT];
	int64_t alert_group_count;    /* alert groups whose src or dst IP it is */
};
typedef enum mk_rc (*mk_observable_seen_cb)(void *ctx, const struct mk_observable_seen *s);

/* The correlation of a value someone typed: every observable it
 * normalises to (its type guessed, or each type it is valid as), with the
 * incidents and alert groups carrying it; `except` (an incident key, or
 * NULL) is left out of the incidents. cb is not called for a value never
 * seen. MK_EINVAL if the value is no valid observable of any type. */
enum mk_rc mk_svc_observable_seen(struct mk_service *svc, const char *value, const char *except,
				  mk_observable_seen_cb cb, void *ctx, struct mk_error *err);

/* The same for each observable of incident `key` (for `incident show`):
 * cb gets every observable of the incident, with the other incidents and
 * the alert groups that carry it. */
enum mk_rc mk_svc_incident_correlation(struct mk_service *svc, const char *key,
				       mk_observable_seen_cb cb, void *ctx, struct mk_error *err);

/* The same two, narrowed to what scope's viewer may know of (its
 * viewer_account and filter, as in a listing; NULL: everything): the
 * incident keys and counts hold only incidents the reader may see, so
 * the correlation never names or counts one they may not (the HTTP API
 * and web UI pass the request's viewer). */
enum mk_rc mk_svc_observable_seen_for(struct mk_service *svc, const char *value,
				      const char *except, const struct mk_incident_query *scope,
				      mk_observable_seen_cb cb, void *ctx, struct mk_error *err);
enum mk_rc mk_svc_incident_correlation_for(struct mk_service *svc, const char *key,
					   const struct mk_incident_query *scope,
					   mk_observable_seen_cb cb, void *ctx, struct mk_error *err);

/* --- Evidence ------------------------------------------------------------- */

/* An evidence file (Bijlage 1 step 3.2-3.5): the bytes are kept as they
 * are, in the content-addressed store next to the database
 * (<database>.evidence/sha256/ab/abcdef...), named by their SHA-256; the
 * row records what and why, who and when. */
struct mk_evidence_input {
	const char *what;        /* "Origineel bericht zoals doorgestuurd" (required) */
	const char *why;         /* "Bewijs van de phishingpoging" (required) */
	const char *name;        /* a file name (checked as MK_OBS_FILENAME), or NULL */
	const char *media_type;  /* "message/rfc822" (type/subtype), required */
	const unsigned char *data;
	size_t size;             /* at most MK_EVIDENCE_MAX */
};


/* Adds evidence to incident `key` with a logbook entry giving its SHA-256.
 * ret_sha256 (optional, 65 bytes) gets the hash. */
enum mk_rc mk_svc_evidence_add(struct mk_service *svc, const struct mk_actor *actor,
			       mk_time now, const char *key, const struct mk_evidence_input *e,
			       char *ret_sha256, struct mk_error *err);

enum mk_rc mk_svc_evidence_list(struct mk_service *svc, const char *key, mk_evidence_cb cb,
				void *ctx, struct mk_error *err);

/* --- A report with its observables and evidence (mail intake) ------------ */

/* Registers a new incident from the field pairs (as
 * mk_svc_incident_register) and attaches the observables (source as
 * given) and evidence, all in one transaction: nothing is written unless
 * everything is. An observable that fails normalisation fails the call
 * (MK_EINVAL naming it) unless reject is given: then it goes to reject
 * and is left out. Duplicates among obs (same type, value and role) are
 * kept once. Inside mk_svc_batch_begin .. commit it joins the batch.
 * Besides the fields of mk_incident_field_name, a "source_ref" pair is
 * accepted (one line, at most 1000 bytes): where the report came from.
 * A source_ref (e.g. "mail:<Message-ID>") that names an incident
 * already registered writes nothing and gives MK_ECONFLICT, with that
 * incident's key in ret_key. */
enum mk_rc mk_svc_intake_report(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, const struct mk_field_value *fields, size_t nfields,
				enum mk_obs_source source, const struct mk_observable_input *obs,
				size_t nobs, const struct mk_evidence_input *ev, size_t nev,
				mk_obs_reject_cb reject, void *reject_ctx, char *ret_key,
				struct mk_error *err);

/* --- Alerts ---------------------------------------------------------------- */

struct mk_alert_options {
	int64_t window;        /* seconds; 0 = MK_ALERT_WINDOW_DEFAULT */
	int promote_severity;  /* 1..4: groups at or above are promoted at intake; 0 never */
};

struct mk_alert_stats {
	int64_t taken;         /* alerts stored */
	int64_t groups_new;    /* groups started */
	int64_t groups_joined; /* alerts that joined an existing group */
	int64_t promoted;      /* groups that became incidents */
	int64_t already;       /* alerts already taken before (same SHA-256), not counted again */
	/* What the last call did, for a caller that reports per alert (the
	 * API): the group it went to or was found in, and whether it was
	 * already there. */
	int64_t last_group;
	bool last_already;
};

/* Stores one parsed alert (a->raw is kept as text) from file:line,
 * unless an alert of the same text was taken before (the SHA-256 of
 * a->raw, doc/alerts.md): then nothing is written and stats->already
 * counts it;
 * joining the group of its signature and endpoints (core/alert.h,
 * mk_alert_joins) or starting one, and promotes the group if opt says
 * so. Must run inside mk_svc_batch_begin .. commit (one per file), so a
 * crash leaves a file all in or all out. stats (optional) is added to. */
enum mk_rc mk_svc_alert_take(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			     const struct mk_alert *a, const char *file, int64_t line,
			     const struct mk_alert_options *opt, struct mk_alert_stats *stats,
			     struct mk_error *err);


/* Alert groups newest first (by last_seen, then id). */
enum mk_rc mk_svc_alert_groups(struct mk_service *svc, mk_alert_group_cb cb, void *ctx,
			       struct mk_error *err);
enum mk_rc mk_svc_alert_group_get(struct mk_service *svc, int64_t group, mk_alert_group_cb cb,
				  void *ctx, struct mk_error *err);

/* The alerts of a group in order of time, at most limit (0: all). */
enum mk_rc mk_svc_alerts_of_group(struct mk_service *svc, int64_t group, int limit,
				  mk_alert_cb cb, void *ctx, struct mk_error *err);

/* Makes an incident of an alert group: title from the signature,
 * detection source and detected_at (first seen) from the group, its
 * src/dst IPs as observables (source alert), a logbook entry naming the
 * group and its count. A group already promoted is MK_ECONFLICT naming
 * its incident. ret_key gets the new key. */
enum mk_rc mk_svc_alert_promote(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, int64_t group, char *ret_key, struct mk_error *err);

#endif
