/* Intake use cases: observables on incidents and their seen-before
 * correlation, evidence files, reports that arrive with both (mail), and
 * alerts collapsing into alert groups that become incidents. Each call is
 * one transaction (or joins the open batch of an intake run), so a
 * refused or failed call leaves the register as it was. */
#include "service/intake.h"
#include "store/store-custody.h"

#include <sodium.h>
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "base/sha256.h"
#include "base/utf8.h"
#include "core/text.h"
#include "service/internal.h"

/* --- Transactions -------------------------------------------------------------- */

/* Calls that may run alone or inside an intake batch: alone they open a
 * batch of their own, so register_prepared and the writes after it share
 * one transaction either way. */
static enum mk_rc tx_begin(struct mk_service *svc, bool *ret_own, struct mk_error *err)
{
	*ret_own = !svc->batch;
	if (!*ret_own)
		return svc->batch_failed ? mk_error_set(err, MK_ESTORE, "",
							"an earlier failure ended this intake batch")
					 : MK_OK;
	return mk_svc_batch_begin(svc, err);
}

/* Ends what tx_begin started: commit on success; on failure roll back
 * our own batch, or mark the caller's batch failed if we wrote into it. */
static enum mk_rc tx_end(struct mk_service *svc, bool own, bool wrote, enum mk_rc rc,
			 struct mk_error *err)
{
	if (own) {
		if (rc == MK_OK)
			return mk_svc_batch_commit(svc, err);
		mk_svc_batch_abort(svc);
		return rc;
	}
	if (rc && wrote)
		svc->batch_failed = true;
	return rc;
}

/* --- Observables ----------------------------------------------------------------- */

struct norm_obs {
	enum mk_obs_type type;
	char *value; /* normalised, owned */
	enum mk_tlp tlp;
	const char *role;
};

static enum mk_rc normalise_input(const struct mk_observable_input *o, struct norm_obs *ret,
				  struct mk_error *err)
{
	struct mk_buf b;
	enum mk_rc rc;
	if ((int)o->tlp < 0 || o->tlp >= MK_TLP_COUNT)
		return mk_error_set(err, MK_EINVAL, "tlp", "unknown TLP");
	if ((rc = mk_obs_role_check(o->role, err)))
		return rc;
	mk_buf_init(&b, MK_OBS_VALUE_MAX);
	size_t len = o->len ? o->len : (o->value ? strlen(o->value) : 0);
	if ((rc = mk_observable_normalise(o->type, o->value, len, &b, err))) {
		mk_buf_release(&b);
		return rc;
	}
	ret->type = o->type;
	ret->value = mk_buf_detach(&b, NULL);
	ret->tlp = o->tlp;
	ret->role = o->role;
	return ret->value ? MK_OK : mk_error_set(err, MK_ENOMEM, "", "out of memory");
}

/* Attaches a normalised observable to a stored incident. */
static enum mk_rc attach(struct mk_service *svc, int64_t incident_id, const struct norm_obs *o,
			 enum mk_obs_source source, const struct mk_actor *actor, mk_time now,
			 struct mk_error *err)
{
	int64_t id;
	enum mk_rc rc = mk_store_observable_upsert(svc->store, o->type, o->value, o->tlp, now, &id,
						   err);
	if (rc == MK_OK)
		rc = mk_store_incident_observable_add(svc->store, incident_id, id, o->role, source,
						      now, actor->name, err);
	return rc;
}

static void describe_obs(struct mk_buf *b, const struct norm_obs *o)
{
	mk_buf_addf(b, "%s '%s' als %s (TLP %s)", mk_obs_type_name(o->type), o->value, o->role,
		    mk_tlp_name(o->tlp));
}

struct obs_add {
	const struct mk_actor *actor;
	mk_time now;
	const struct norm_obs *o;
	enum mk_obs_source source;
};

static enum mk_rc obs_add_change(struct mk_service *svc, struct mk_incident *inc,
				 int checklist_version, void *ctx, bool *ret_unchanged,
				 struct mk_error *err)
{
	(void)checklist_version;
	(void)ret_unchanged;
	const struct obs_add *a = ctx;
	struct mk_buf text;
	enum mk_rc rc = attach(svc, inc->id, a->o, a->source, a->actor, a->now, err);
	if (rc)
		return rc;
	mk_buf_init(&text, MK_TEXT_MAX);
	mk_buf_addf(&text, "Observable toegevoegd (%s): ", mk_obs_source_name(a->source));
	describe_obs(&text, a->o);
	rc = mk_buf_rc(&text) ? mk_error_set(err, mk_buf_rc(&text), "value", "log text too long")
			      : mk_svc_log_append(svc, inc, a->actor, a->now, MK_LOG_ACTION,
						  text.data, err);
	mk_buf_release(&text);
	return rc;
}

enum mk_rc mk_svc_observable_add(struct mk_service *svc, const struct mk_actor *actor,
				 mk_time now, const char *key, const struct mk_observable_input *o,
				 enum mk_obs_source source, struct mk_error *err)
{
	struct norm_obs n = {0};
	if ((int)source < 0 || source >= MK_OBS_SOURCE_COUNT)
		return mk_error_set(err, MK_EINVAL, "source", "unknown observable source");
	enum mk_rc rc = normalise_input(o, &n, err);
	if (rc)
		return rc;
	struct obs_add a = {actor, now, &n, source};
	rc = mk_svc_change(svc, key, 0, now, obs_add_change, &a, err);
	mk_free(n.value);
	return rc;
}

enum mk_rc mk_svc_observables(struct mk_service *svc, const char *key, mk_observable_cb cb,
			      void *ctx, struct mk_error *err)
{
	if (!key)
		return mk_store_observable_list(svc->store, 0, cb, ctx, err);
	struct mk_incident inc;
	mk_incident_init(&inc);
	enum mk_rc rc = mk_store_incident_get(svc->store, key, &inc, NULL, err);
	if (rc == MK_OK)
		rc = mk_store_observable_list(svc->store, inc.id, cb, ctx, err);
	mk_incident_release(&inc);
	return rc;
}

/* --- Correlation ------------------------------------------------------------------ */

struct seen_ctx {
	struct mk_service *svc;
	int64_t except_id;
	const struct mk_incident_query *scope; /* need-to-know, or NULL */
	mk_observable_seen_cb cb;
	void *ctx;
	struct mk_observable_seen seen;
	struct mk_error *err;
};

static enum mk_rc seen_key(void *ctx, const char *key)
{
	struct seen_ctx *c = ctx;
	if (c->seen.nkeys < MK_SEEN_KEYS_MAX)
		snprintf(c->seen.keys[c->seen.nkeys++], MK_KEY_TEXT, "%s", key);
	return MK_OK;
}

/* Fills the correlation of one observable and hands it on. */
static enum mk_rc seen_one(void *ctx, const struct mk_observable_view *o)
{
	struct seen_ctx *c = ctx;
	enum mk_rc rc;
	memset(&c->seen, 0, sizeof(c->seen));
	c->seen.obs = o;
	if ((rc = mk_store_observable_incidents(c->svc->store, o->id, c->except_id, c->scope,
						MK_SEEN_KEYS_MAX, seen_key, c,
						&c->seen.incident_count, c->err)))
		return rc;
	if (o->type == MK_OBS_IP &&
	    (rc = mk_store_alert_groups_with_ip(c->svc->store, o->value,
						&c->seen.alert_group_count, c->err)))
		return rc;
	return c->cb(c->ctx, &c->seen);
}

static enum mk_rc incident_id_of(struct mk_service *svc, const char *key, int64_t *ret_id,
				 struct mk_error *err)
{
	struct mk_incident inc;
	mk_incident_init(&inc);
	enum mk_rc rc = mk_store_incident_get(svc->store, key, &inc, NULL, err);
	if (rc == MK_OK)
		*ret_id = inc.id;
	mk_incident_release(&inc);
	return rc;
}

enum mk_rc mk_svc_observable_seen(struct mk_service *svc, const char *value, const char *except,
				  mk_observable_seen_cb cb, void *ctx, struct mk_error *err)
{
	return mk_svc_observable_seen_for(svc, value, except, NULL, cb, ctx, err);
}

enum mk_rc mk_svc_observable_seen_for(struct mk_service *svc, const char *value,
				      const char *except, const struct mk_incident_query *scope,
				      mk_observable_seen_cb cb, void *ctx, struct mk_error *err)
{
	struct seen_ctx c = {.svc = svc, .scope = scope, .cb = cb, .ctx = ctx, .err = err};
	struct mk_buf b;
	struct mk_error first;
	enum mk_rc rc = MK_OK;
	size_t len = value ? strlen(value) : 0;
	bool valid = false;
	enum mk_obs_type guessed;
	if (except && (rc = incident_id_of(svc, except, &c.except_id, err)))
		return rc;
	if ((rc = mk_observable_guess(value, len, &guessed, err)))
		return rc;
	mk_error_clear(&first);
	mk_buf_init(&b, MK_OBS_VALUE_MAX);
	/* The same text may be valid as more than one type (a domain and a
	 * file name): every observable it can be is looked up. */
	for (int t = 0; t < MK_OBS_TYPE_COUNT && rc == MK_OK; t++) {
		struct mk_error e;
		if (mk_observable_normalise((enum mk_obs_type)t, value, len, &b, &e)) {
			if ((enum mk_obs_type)t == guessed)
				first = e;
			continue;
		}
		valid = true;
		bool found;
		rc = mk_store_observable_get(svc->store, (enum mk_obs_type)t, b.data, seen_one, &c,
					     &found, err);
	}
	mk_buf_release(&b);
	if (rc == MK_OK && !valid) {
		if (err)
			*err = first;
		rc = first.rc ? first.rc : MK_EINVAL;
	}
	return rc;
}

enum mk_rc mk_svc_incident_correlation(struct mk_service *svc, const char *key,
				       mk_observable_seen_cb cb, void *ctx, struct mk_error *err)
{
	return mk_svc_incident_correlation_for(svc, key, NULL, cb, ctx, err);
}

enum mk_rc mk_svc_incident_correlation_for(struct mk_service *svc, const char *key,
					   const struct mk_incident_query *scope,
					   mk_observable_seen_cb cb, void *ctx, struct mk_error *err)
{
	struct seen_ctx c = {.svc = svc, .scope = scope, .cb = cb, .ctx = ctx, .err = err};
	enum mk_rc rc = incident_id_of(svc, key, &c.except_id, err);
	if (rc == MK_OK)
		rc = mk_store_observable_list(svc->store, c.except_id, seen_one, &c, err);
	return rc;
}

/* --- Evidence --------------------------------------------------------------------- */

/* "type/subtype" of RFC 6838's restricted-name characters. */

static enum mk_rc evidence_check(const struct mk_evidence_input *e, struct mk_error *err)
{
	enum mk_rc rc;
	if ((rc = mk_text_check("what", e->what, MK_SHORT_TEXT_MAX, MK_TEXT_LINE, true, err)) ||
	    (rc = mk_text_check("why", e->why, MK_SHORT_TEXT_MAX, MK_TEXT_MULTILINE, true, err)))
		return rc;
	if (!mk_media_type_valid(e->media_type))
		return mk_error_set(err, MK_EINVAL, "media_type",
				    "media type '%.80s' is not of the form type/subtype",
				    e->media_type ? e->media_type : "");
	if (e->size > MK_EVIDENCE_MAX)
		return mk_error_set(err, MK_ETOOBIG, "size",
				    "evidence of %zu bytes is larger than the limit of %d bytes", e->size,
				    MK_EVIDENCE_MAX);
	if (e->size && !e->data)
		return mk_error_set(err, MK_EINVAL, "data", "evidence has a size but no data");
	if (e->name) {
		struct mk_buf b;
		mk_buf_init(&b, MK_OBS_VALUE_MAX);
		rc = mk_observable_normalise(MK_OBS_FILENAME, e->name, strlen(e->name), &b, err);
		mk_buf_release(&b);
		if (rc) {
			if (err)
				snprintf(err->field, sizeof(err->field), "name");
			return rc;
		}
	}
	return MK_OK;
}

static void sha256_hex(const unsigned char *data, size_t size, char hex[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data ? data : (const unsigned char *)"", size);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

/* Stores one checked evidence file for a stored incident, with its
 * logbook entry. */
static enum mk_rc evidence_write(struct mk_service *svc, struct mk_incident *inc,
				 const struct mk_actor *actor, mk_time now,
				 const struct mk_evidence_input *e, char *ret_sha256,
				 struct mk_error *err)
{
	struct mk_evidence_view v = {
		.what = e->what, .why = e->why, .name = e->name, .media_type = e->media_type,
		.size = (int64_t)e->size, .collected_by = actor->name, .collected_at = now,
	};
	char path[80];
	struct mk_buf text;
	sha256_hex(e->data, e->size, v.sha256);
	enum mk_rc rc = mk_store_blob_put(svc->store, e->data, e->size, v.sha256, path, err);
	if (rc)
		return rc;
	v.stored_path = path;
	/* Every evidence file is an item of the custody log (schema 5). */
	struct mk_item_view item = {
		.is_file = true, .what = e->what, .why = e->why,
		.storage = "content-addressed store (SHA-256)", .collected_by = actor->name,
		.collected_at = now, .registered_by = actor->name, .registered_at = now,
	};
	if ((rc = mk_store_evidence_insert(svc->store, inc->id, &v, &item.evidence_id, err)) ||
	    (rc = mk_store_item_insert(svc->store, inc->id, &item, NULL, NULL, err)))
		return rc;
	mk_buf_init(&text, MK_TEXT_MAX);
	mk_buf_addf(&text, "Bewijs vastgelegd: %s", e->what);
	if (e->name)
		mk_buf_addf(&text, " ('%s')", e->name);
	mk_buf_addf(&text, ", %s, %zu bytes, SHA-256 %s\nReden: %s", e->media_type, e->size,
		    v.sha256, e->why);
	rc = mk_buf_rc(&text) ? mk_error_set(err, mk_buf_rc(&text), "why", "log text too long")
			      : mk_svc_log_append(svc, inc, actor, now, MK_LOG_ACTION, text.data, err);
	mk_buf_release(&text);
	if (rc == MK_OK && ret_sha256)
		memcpy(ret_sha256, v.sha256, 65);
	return rc;
}

struct ev_add {
	const struct mk_actor *actor;
	mk_time now;
	const struct mk_evidence_input *e;
	char *ret_sha256;
};

static enum mk_rc ev_add_change(struct mk_service *svc, struct mk_incident *inc,
				int checklist_version, void *ctx, bool *ret_unchanged,
				struct mk_error *err)
{
	(void)checklist_version;
	(void)ret_unchanged;
	const struct ev_add *a = ctx;
	return evidence_write(svc, inc, a->actor, a->now, a->e, a->ret_sha256, err);
}

enum mk_rc mk_svc_evidence_add(struct mk_service *svc, const struct mk_actor *actor,
			       mk_time now, const char *key, const struct mk_evidence_input *e,
			       char *ret_sha256, struct mk_error *err)
{
	enum mk_rc rc = evidence_check(e, err);
	if (rc)
		return rc;
	struct ev_add a = {actor, now, e, ret_sha256};
	return mk_svc_change(svc, key, 0, now, ev_add_change, &a, err);
}

enum mk_rc mk_svc_evidence_list(struct mk_service *svc, const char *key, mk_evidence_cb cb,
				void *ctx, struct mk_error *err)
{
	int64_t id;
	enum mk_rc rc = incident_id_of(svc, key, &id, err);
	return rc ? rc : mk_store_evidence_list(svc->store, id, cb, ctx, err);
}

/* --- A report with observables and evidence ------------------------------------- */

static void free_norm(struct norm_obs *n, size_t count)
{
	for (size_t i = 0; n && i < count; i++)
		mk_free(n[i].value);
	mk_free(n);
}

/* The observables of a report, normalised, duplicates left out; the
 * rejected ones to reject (if given) or a failure. */
static enum mk_rc normalise_all(const struct mk_observable_input *obs, size_t nobs,
				mk_obs_reject_cb reject, void *reject_ctx, struct norm_obs **ret,
				size_t *ret_n, struct mk_error *err)
{
	struct norm_obs *n = nobs ? mk_calloc(nobs, sizeof(*n)) : NULL;
	size_t count = 0;
	if (nobs && !n)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	for (size_t i = 0; i < nobs; i++) {
		struct mk_error e;
		enum mk_rc rc = normalise_input(&obs[i], &n[count], &e);
		if (rc == MK_ENOMEM || (rc && !reject)) {
			if (err) {
				*err = e;
				if (rc != MK_ENOMEM) {
					char msg[sizeof(err->message)];
					snprintf(msg, sizeof(msg), "%s", e.message);
					mk_error_set(err, rc, "observables", "observable %zu (%s, %s): %s",
						     i + 1, mk_obs_type_name(obs[i].type),
						     obs[i].role ? obs[i].role : "?", msg);
				}
			}
			free_norm(n, count);
			return rc;
		}
		if (rc) {
			reject(reject_ctx, &obs[i], &e);
			continue;
		}
		bool dup = false;
		for (size_t j = 0; j < count && !dup; j++)
			dup = n[j].type == n[count].type && strcmp(n[j].value, n[count].value) == 0 &&
			      strcmp(n[j].role, n[count].role) == 0;
		if (dup)
			mk_free(n[count].value);
		else
			count++;
	}
	*ret = n;
	*ret_n = count;
	return MK_OK;
}

/* The logbook text naming the observables; a long list is cut with a
 * count of the rest, so a mail with hundreds of links still logs. */
#define OBS_LOG_LIST_MAX (16 * 1024)

static enum mk_rc log_observables(struct mk_service *svc, struct mk_incident *inc,
				  const struct mk_actor *actor, mk_time now,
				  enum mk_obs_source source, const struct norm_obs *n, size_t count,
				  struct mk_error *err)
{
	struct mk_buf text;
	mk_buf_init(&text, MK_TEXT_MAX);
	mk_buf_addf(&text, "%zu observable%s toegevoegd (%s):", count, count == 1 ? "" : "s",
		    mk_obs_source_name(source));
	for (size_t i = 0; i < count; i++) {
		if (text.len > OBS_LOG_LIST_MAX) {
			mk_buf_addf(&text, "\n... en %zu meer", count - i);
			break;
		}
		mk_buf_adds(&text, "\n- ");
		describe_obs(&text, &n[i]);
	}
	enum mk_rc rc = mk_buf_rc(&text)
				? mk_error_set(err, mk_buf_rc(&text), "observables", "log text too long")
				: mk_svc_log_append(svc, inc, actor, now, MK_LOG_ACTION, text.data, err);
	mk_buf_release(&text);
	return rc;
}

/* The editable fields and, for intake only, "source_ref": where the
 * report came from ("mail:<Message-ID>"), which no one edits later and
 * which keeps the same message from being registered twice. */
#define SOURCE_REF_MAX 1000

static enum mk_rc apply_report_fields(struct mk_incident *inc, const struct mk_field_value *fields,
				      size_t nfields, struct mk_error *err)
{
	struct mk_field_value *rest = nfields ? mk_calloc(nfields, sizeof(*rest)) : NULL;
	size_t n = 0;
	enum mk_rc rc = MK_OK;
	if (nfields && !rest)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	for (size_t i = 0; i < nfields && rc == MK_OK; i++) {
		if (strcmp(fields[i].name, "source_ref") != 0) {
			rest[n++] = fields[i];
			continue;
		}
		rc = mk_text_check("source_ref", fields[i].value, SOURCE_REF_MAX, MK_TEXT_LINE, true,
				   err);
		if (rc == MK_OK && mk_incident_set_text(&inc->source_ref, fields[i].value))
			rc = mk_error_set(err, MK_ENOMEM, "", "out of memory");
	}
	if (rc == MK_OK)
		rc = mk_incident_apply_fields(inc, rest, n, err);
	mk_free(rest);
	return rc;
}

enum mk_rc mk_svc_intake_report(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, const struct mk_field_value *fields, size_t nfields,
				enum mk_obs_source source, const struct mk_observable_input *obs,
				size_t nobs, const struct mk_evidence_input *ev, size_t nev,
				mk_obs_reject_cb reject, void *reject_ctx, char *ret_key,
				struct mk_error *err)
{
	struct mk_registration reg;
	struct norm_obs *n = NULL;
	size_t count = 0;
	bool own = false, wrote = false, in_tx = false, duplicate = false;
	enum mk_rc rc;
	mk_registration_init(&reg);
	if ((int)source < 0 || source >= MK_OBS_SOURCE_COUNT) {
		rc = mk_error_set(err, MK_EINVAL, "source", "unknown observable source");
		goto out;
	}
	/* Every check before the first write: a refused report writes
	 * nothing, also inside a batch. */
	for (size_t i = 0; i < nev; i++)
		if ((rc = evidence_check(&ev[i], err)))
			goto out;
	if ((rc = normalise_all(obs, nobs, reject, reject_ctx, &n, &count, err)))
		goto out;
	if ((rc = apply_report_fields(&reg.inc, fields, nfields, err)))
		goto out;
	if (!reg.inc.title) {
		rc = mk_error_set(err, MK_EINVAL, "title", "title is empty");
		goto out;
	}
	if ((rc = mk_svc_prepare_record(svc, actor, now, &reg, err)))
		goto out;
	if ((rc = tx_begin(svc, &own, err)))
		goto out;
	in_tx = true;
	/* register_prepared marks the batch failed itself if it fails after
	 * writing. */
	rc = mk_svc_register_prepared(svc, now, &reg, &duplicate, ret_key, err);
	wrote = rc == MK_OK && !duplicate;
	if (rc == MK_OK && duplicate) {
		rc = mk_error_set(err, MK_ECONFLICT, "source_ref",
				  "'%s' was registered already as %s", reg.inc.source_ref, ret_key);
		goto out;
	}
	if (rc)
		goto out;
	for (size_t i = 0; i < count && rc == MK_OK; i++)
		rc = attach(svc, reg.inc.id, &n[i], source, actor, now, err);
	if (rc == MK_OK && count)
		rc = log_observables(svc, &reg.inc, actor, now, source, n, count, err);
	for (size_t i = 0; i < nev && rc == MK_OK; i++)
		rc = evidence_write(svc, &reg.inc, actor, now, &ev[i], NULL, err);
	if (rc == MK_OK && (count || nev))
		rc = mk_store_incident_update(svc->store, &reg.inc, err);
out:
	if (in_tx)
		rc = tx_end(svc, own, wrote, rc, err);
	free_norm(n, count);
	mk_registration_release(&reg);
	return rc;
}

/* --- Alerts ------------------------------------------------------------------------ */

/* The collapse key: same source kind and name, same signature (its id
 * where the source has one, else its text) and the same endpoints. Each
 * variable part carries its length, so no text can imitate another. */
static void group_key(const struct mk_alert *a, struct mk_buf *b)
{
	const char *sig = a->signature_id[0] ? a->signature_id : (a->signature ? a->signature : "");
	const char *name = a->source_name ? a->source_name : "";
	mk_buf_reset(b);
	mk_buf_addf(b, "%s|%s|%s|%d|%s|%zu:%s|%zu:%s", mk_alert_kind_name(a->kind), a->src_ip,
		    a->dst_ip, a->dst_port, a->proto, strlen(name), name, strlen(sig), sig);
}

static enum mk_rc promote_in_tx(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, int64_t group, char *ret_key, struct mk_error *err);

enum mk_rc mk_svc_alert_take(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			     const struct mk_alert *a, const char *file, int64_t line,
			     const struct mk_alert_options *opt, struct mk_alert_stats *stats,
			     struct mk_error *err)
{
	struct mk_buf key;
	int64_t window = opt && opt->window > 0 ? opt->window : MK_ALERT_WINDOW_DEFAULT;
	int64_t id = 0, incident = 0;
	int severity = 0;
	enum mk_rc rc;
	if (!svc->batch)
		return mk_error_set(err, MK_EINVAL, "", "alerts are taken inside an intake batch");
	if (svc->batch_failed)
		return mk_error_set(err, MK_ESTORE, "", "an earlier failure ended this intake batch");
	if (a->severity < MK_SEVERITY_MIN || a->severity > MK_SEVERITY_MAX)
		return mk_error_set(err, MK_EINVAL, "severity", "severity %d is out of range",
				    a->severity);
	if (a->raw_len > MK_ALERT_LINE_MAX)
		return mk_error_set(err, MK_ETOOBIG, "line", "alert line is longer than %d bytes",
				    MK_ALERT_LINE_MAX);
	/* Recognised by its text: the same line of the same file fed again,
	 * or the same alert posted twice, is the same bytes. Looked up before
	 * the group: finding the group of an alert fed again can walk every
	 * later group of its key (a file taken after newer ones), the hash
	 * is one probe of its unique index. */
	unsigned char sha[MK_ALERT_SHA256_BYTES];
	int64_t known = 0;
	/* OpenSSL's, with the CPU's SHA instructions: libsodium's portable
	 * one was 7% of the intake of an eve.json file. */
	if (!mk_sha256_bytes(a->raw ? a->raw : "", a->raw ? a->raw_len : 0, sha))
		return mk_error_set(err, MK_ENOMEM, "", "out of memory hashing the alert");
	if ((rc = mk_store_alert_known(svc->store, sha, &known, err)))
		return rc;
	if (known) {
		if (stats) {
			stats->already++;
			stats->last_group = known;
			stats->last_already = true;
		}
		return MK_OK;
	}
	mk_buf_init(&key, 2 * MK_ALERT_SIGNATURE_MAX + 512);
	group_key(a, &key);
	if ((rc = mk_buf_rc(&key))) {
		rc = mk_error_set(err, rc, "signature", "alert signature is too long");
		goto out;
	}
	rc = mk_store_alert_group_find(svc->store, key.data, a->at, window, &id, &severity,
				       &incident, err);
	if (rc == MK_OK && id)
		rc = mk_store_alert_group_join(svc->store, id, a->at, a->severity, err);
	else if (rc == MK_OK) {
		rc = mk_store_alert_group_insert(svc->store, key.data, a, &id, err);
		severity = 0;
	}
	if (rc == MK_OK)
		rc = mk_store_alert_insert(svc->store, id, a->at, a->raw ? a->raw : "", a->raw_len,
					   sha, file, line, err);
	if (rc == MK_OK && stats) {
		stats->taken++;
		stats->last_group = id;
		stats->last_already = false;
		if (severity)
			stats->groups_joined++;
		else
			stats->groups_new++;
	}
	if (severity < a->severity)
		severity = a->severity;
	if (rc == MK_OK && opt && opt->promote_severity > 0 && !incident &&
	    severity >= opt->promote_severity) {
		char k[MK_KEY_TEXT];
		rc = promote_in_tx(svc, actor, now, id, k, err);
		if (rc == MK_OK && stats)
			stats->promoted++;
	}
	if (rc)
		svc->batch_failed = true; /* every failure here came after a write */
out:
	mk_buf_release(&key);
	return rc;
}

enum mk_rc mk_svc_alert_groups(struct mk_service *svc, mk_alert_group_cb cb, void *ctx,
			       struct mk_error *err)
{
	return mk_store_alert_group_list(svc->store, 0, cb, ctx, err);
}

enum mk_rc mk_svc_alert_group_get(struct mk_service *svc, int64_t group, mk_alert_group_cb cb,
				  void *ctx, struct mk_error *err)
{
	if (group < 1)
		return mk_error_set(err, MK_ENOTFOUND, "group", "alert group %lld does not exist",
				    (long long)group);
	return mk_store_alert_group_list(svc->store, group, cb, ctx, err);
}

enum mk_rc mk_svc_alerts_of_group(struct mk_service *svc, int64_t group, int limit,
				  mk_alert_cb cb, void *ctx, struct mk_error *err)
{
	return mk_store_alert_list(svc->store, group, limit, cb, ctx, err);
}

/* A copy of what promotion needs from a group (the view's strings live
 * only during the callback). */
struct group_copy {
	struct mk_buf text; /* the description */
	char title[MK_TITLE_MAX + 1];
	char src_ip[MK_ALERT_IP_TEXT], dst_ip[MK_ALERT_IP_TEXT];
	char incident_key[MK_KEY_TEXT];
	enum mk_source detection;
	mk_time first_seen;
	int64_t count;
	bool promoted;
};

static enum mk_rc copy_group(void *ctx, const struct mk_alert_group_view *g)
{
	struct group_copy *c = ctx;
	char first[MK_TIME_TEXT], last[MK_TIME_TEXT];
	snprintf(c->title, sizeof(c->title), "Alert: %s", g->signature);
	mk_utf8_truncate(c->title, sizeof(c->title));
	snprintf(c->src_ip, sizeof(c->src_ip), "%s", g->src_ip);
	snprintf(c->dst_ip, sizeof(c->dst_ip), "%s", g->dst_ip);
	c->promoted = g->incident_key != NULL;
	if (g->incident_key)
		snprintf(c->incident_key, sizeof(c->incident_key), "%s", g->incident_key);
	c->detection = g->detection;
	c->first_seen = g->first_seen;
	c->count = g->count;
	mk_buf_addf(&c->text,
		    "Alertgroep %lld (%s): %s\nSignature %s, ernst %s (origineel %s)\n"
		    "%lld alert%s van %s tot %s\nBron %s%s%.0d, doel %s%s%.0d, protocol %s",
		    (long long)g->id, mk_alert_kind_name(g->kind), g->signature,
		    g->signature_id[0] ? g->signature_id : "-", mk_severity_name(g->severity),
		    g->severity_orig, (long long)g->count, g->count == 1 ? "" : "s",
		    mk_time_format_utc(g->first_seen, first), mk_time_format_utc(g->last_seen, last),
		    g->src_ip[0] ? g->src_ip : "-", g->src_port >= 0 ? " poort " : "",
		    g->src_port >= 0 ? g->src_port : 0, g->dst_ip[0] ? g->dst_ip : "-",
		    g->dst_port >= 0 ? " poort " : "", g->dst_port >= 0 ? g->dst_port : 0,
		    g->proto[0] ? g->proto : "-");
	return MK_OK;
}

static enum mk_rc promote_in_tx(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, int64_t group, char *ret_key, struct mk_error *err)
{
	struct group_copy g;
	struct mk_registration reg;
	struct mk_buf text;
	char ref[64];
	bool duplicate;
	enum mk_rc rc;
	memset(&g, 0, sizeof(g));
	mk_buf_init(&g.text, MK_TEXT_MAX);
	mk_buf_init(&text, MK_TEXT_MAX);
	mk_registration_init(&reg);
	if ((rc = mk_svc_alert_group_get(svc, group, copy_group, &g, err)))
		goto out;
	if (g.promoted) {
		rc = mk_error_set(err, MK_ECONFLICT, "group",
				  "alert group %lld was promoted already: it is %s", (long long)group,
				  g.incident_key);
		goto out;
	}
	if ((rc = mk_buf_rc(&g.text))) {
		rc = mk_error_set(err, rc, "group", "alert group description too long");
		goto out;
	}
	snprintf(ref, sizeof(ref), "alert-group:%lld", (long long)group);
	struct mk_incident *inc = &reg.inc;
	if ((rc = mk_incident_set_text(&inc->title, g.title)) ||
	    (rc = mk_incident_set_text(&inc->description, g.text.data)) ||
	    (rc = mk_incident_set_text(&inc->source_ref, ref))) {
		rc = mk_error_set(err, rc, "", "out of memory");
		goto out;
	}
	inc->source = g.detection;
	/* The first alert is when the organisation could first have known. */
	inc->detected_at = g.first_seen < now ? g.first_seen : now;
	if ((rc = mk_svc_prepare_record(svc, actor, now, &reg, err)) ||
	    (rc = mk_svc_register_prepared(svc, now, &reg, &duplicate, ret_key, err)))
		goto out;
	if (duplicate) {
		rc = mk_error_set(err, MK_ECONFLICT, "group",
				  "alert group %lld was promoted already: it is %s", (long long)group,
				  ret_key);
		goto out;
	}
	/* Its endpoints become observables, amber: they name the
	 * organisation's own hosts and should not travel further unasked. */
	size_t nobs = 0;
	struct norm_obs obs[2];
	const char *ips[2] = {g.src_ip, g.dst_ip}, *roles[2] = {"src-ip", "dst-ip"};
	for (int i = 0; i < 2; i++) {
		if (!ips[i][0])
			continue;
		obs[nobs] = (struct norm_obs){MK_OBS_IP, (char *)ips[i], MK_TLP_AMBER, roles[i]};
		if ((rc = attach(svc, inc->id, &obs[nobs], MK_OBS_SOURCE_ALERT, actor, now, err)))
			goto out;
		nobs++;
	}
	mk_buf_addf(&text, "Gemaakt van alertgroep %lld (%lld alert%s)", (long long)group,
		    (long long)g.count, g.count == 1 ? "" : "s");
	if ((rc = mk_svc_log_append(svc, inc, actor, now, MK_LOG_SYSTEM, text.data, err)))
		goto out;
	if (nobs && (rc = log_observables(svc, inc, actor, now, MK_OBS_SOURCE_ALERT, obs, nobs, err)))
		goto out;
	if ((rc = mk_store_incident_update(svc->store, inc, err)) ||
	    (rc = mk_store_alert_group_set_incident(svc->store, group, inc->id, err)))
		goto out;
out:
	mk_registration_release(&reg);
	mk_buf_release(&g.text);
	mk_buf_release(&text);
	return rc;
}

enum mk_rc mk_svc_alert_promote(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, int64_t group, char *ret_key, struct mk_error *err)
{
	bool own;
	enum mk_rc rc = tx_begin(svc, &own, err);
	if (rc)
		return rc;
	rc = promote_in_tx(svc, actor, now, group, ret_key, err);
	/* A refusal (not found, promoted already) comes before any write. */
	bool wrote = rc != MK_OK && rc != MK_ENOTFOUND && rc != MK_ECONFLICT;
	return tx_end(svc, own, wrote, rc, err);
}
