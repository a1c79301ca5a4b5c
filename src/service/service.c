/* Opening the service: the store, the tables in force, and the helpers
 * every use case shares (transactions around one incident, the logbook). */
#include "service/internal.h"

#include <sodium.h>
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"

extern const char mk_data_matrix_tsv[], mk_data_checklist_tsv[], mk_data_impact_tsv[];

static const struct {
	const char *name;
	const char *body;
} default_tables[] = {
	{"matrix", mk_data_matrix_tsv},
	{"checklist", mk_data_checklist_tsv},
	{"impact", mk_data_impact_tsv},
};

/* Writes version 1 of each default table that the database lacks. */
static enum mk_rc seed_tables(struct mk_service *svc, mk_time now, const struct mk_actor *actor,
			      struct mk_error *err)
{
	enum mk_rc rc = mk_store_begin(svc->store, true, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < sizeof(default_tables) / sizeof(default_tables[0]); i++) {
		char *body = NULL;
		struct mk_error probe;
		rc = mk_store_config_get(svc->store, default_tables[i].name, NULL, &body, &probe);
		mk_free(body);
		if (rc == MK_ENOTFOUND)
			rc = mk_store_config_put(svc->store, default_tables[i].name,
						 default_tables[i].body, now, actor->name, NULL, err);
		else if (rc)
			*err = probe;
		if (rc) {
			mk_store_rollback(svc->store);
			return rc;
		}
	}
	return mk_store_commit(svc->store, err);
}

static enum mk_rc load_tables(struct mk_service *svc, struct mk_error *err)
{
	char *matrix = NULL, *checklist = NULL;
	enum mk_rc rc;
	if ((rc = mk_store_config_get(svc->store, "matrix", NULL, &matrix, err)) ||
	    (rc = mk_store_config_get(svc->store, "checklist", &svc->checklist_version, &checklist,
				      err)) ||
	    (rc = mk_matrix_parse(&svc->matrix, matrix, strlen(matrix), "the stored matrix", err)) ||
	    (rc = mk_checklist_parse(&svc->checklist, checklist, strlen(checklist),
				     "the stored checklist", err)))
		goto out;
out:
	mk_free(matrix);
	mk_free(checklist);
	return rc;
}

enum mk_rc mk_service_open(const char *path, enum mk_store_mode mode, mk_time now,
			   const struct mk_actor *actor, struct mk_service **ret_svc,
			   bool *ret_created, struct mk_error *err)
{
	if (sodium_init() < 0)
		return mk_error_set(err, MK_ESTORE, "", "libsodium failed to initialise");
	struct mk_service *svc = mk_calloc(1, sizeof(*svc));
	if (!svc)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	mk_matrix_init(&svc->matrix);
	mk_priority_matrix_default(&svc->priority);
	bool created = false;
	enum mk_rc rc = mk_store_open(path, mode, &svc->store, &created, err);
	if (rc)
		goto fail;
	if (mode != MK_STORE_READ && (rc = seed_tables(svc, now, actor, err)))
		goto fail;
	if ((rc = load_tables(svc, err)))
		goto fail;
	if (ret_created)
		*ret_created = created;
	*ret_svc = svc;
	return MK_OK;
fail:
	mk_service_close(svc);
	return rc;
}

int mk_svc_schema_found(const struct mk_service *svc)
{
	return mk_store_opened_version(svc->store);
}

void mk_service_set_busy_timeout(int ms)
{
	mk_store_set_busy_timeout(ms);
}

void mk_service_close(struct mk_service *svc)
{
	if (!svc)
		return;
	mk_store_close(svc->store);
	mk_matrix_release(&svc->matrix);
	mk_checklist_release(&svc->checklist);
	mk_free(svc);
}

enum mk_rc mk_svc_checklist(struct mk_service *svc, int version,
			    const struct mk_checklist **ret, struct mk_checklist *owned,
			    struct mk_error *err)
{
	if (version == svc->checklist_version) {
		*ret = &svc->checklist;
		return MK_OK;
	}
	char *body = NULL;
	enum mk_rc rc = mk_store_config_get_version(svc->store, "checklist", version, &body, err);
	if (rc == MK_OK)
		rc = mk_checklist_parse(owned, body, strlen(body), "a stored checklist", err);
	mk_free(body);
	if (rc == MK_OK)
		*ret = owned;
	return rc;
}

void mk_svc_actor_text(const struct mk_actor *actor, struct mk_buf *out)
{
	mk_buf_addf(out, "%s (%s)", actor->name, mk_role_name(actor->role));
}

enum mk_rc mk_svc_log_append(struct mk_service *svc, struct mk_incident *inc,
			     const struct mk_actor *actor, mk_time now, enum mk_log_kind kind,
			     const char *text, struct mk_error *err)
{
	struct mk_log_entry e = {
		.seq = inc->log_count + 1,
		.at = now,
		.author = actor->name,
		.role = actor->role,
		.kind = kind,
		.text = text,
	};
	enum mk_rc rc = mk_logbook_seal(inc->uuid, inc->log_head, &e, err);
	if (rc == MK_OK)
		rc = mk_store_log_append(svc->store, inc->id, &e, err);
	if (rc == MK_OK) {
		inc->log_count = e.seq;
		memcpy(inc->log_head, e.hash, sizeof(inc->log_head));
	}
	return rc;
}

/* Whether the logbook's last entry is still the incident's head and still
 * seals to its own hash. A full verification reads every entry; this
 * cheap check before each change keeps meldkamer from writing onto a
 * logbook someone has tampered with at its end, where tampering that
 * hides a recent act would be. */
struct tail_check {
	const struct mk_incident *inc;
	bool ok;
	int64_t seq;
	struct mk_error *err;
};

static enum mk_rc check_tail(void *ctx, const struct mk_log_entry *e)
{
	struct tail_check *tc = ctx;
	struct mk_log_entry copy = *e;
	tc->seq = e->seq;
	/* Running out of memory while sealing is not a broken chain. */
	enum mk_rc rc = mk_logbook_seal(tc->inc->uuid, e->prev_hash, &copy, NULL);
	if (rc == MK_ENOMEM)
		return mk_error_set(tc->err, rc, "", "out of memory checking the logbook");
	tc->ok = e->seq == tc->inc->log_count && strcmp(e->hash, tc->inc->log_head) == 0 &&
		 rc == MK_OK && strcmp(copy.hash, e->hash) == 0;
	return MK_OK;
}

static enum mk_rc logbook_tail_intact(struct mk_service *svc, const struct mk_incident *inc,
				      struct mk_error *err)
{
	struct tail_check tc = {inc, inc->log_count == 0, 0, err};
	enum mk_rc rc = mk_store_log_last(svc->store, inc->id, check_tail, &tc, err);
	if (rc)
		return rc;
	if (!tc.ok)
		return mk_error_set(err, MK_ECHAIN, "logbook",
				    "the logbook of %s does not verify at its end (entry %lld): "
				    "nothing is added to it; see 'meldkamer log verify %s'",
				    inc->key, (long long)tc.seq, inc->key);
	return MK_OK;
}

enum mk_rc mk_svc_change(struct mk_service *svc, const char *key, int64_t expected_version,
			 mk_time now, mk_change_fn change, void *ctx, struct mk_error *err)
{
	struct mk_incident inc;
	int checklist_version = 0;
	/* Inside an intake batch (mk_svc_batch_begin) the change joins the
	 * batch's transaction: a refusal before anything is written leaves
	 * the batch going, a failure after it fails the batch (as in
	 * mk_svc_register_prepared). Alone it has a transaction of its own. */
	bool own = !svc->batch;
	bool wrote = false;
	if (!own && svc->batch_failed)
		return mk_error_set(err, MK_ESTORE, "", "an earlier failure ended this batch");
	mk_incident_init(&inc);
	enum mk_rc rc = own ? mk_store_begin(svc->store, true, err) : MK_OK;
	if (rc)
		return rc;
	if ((rc = mk_store_incident_get(svc->store, key, &inc, &checklist_version, err)))
		goto fail;
	/* The logbook runs forwards: a change dated before the incident's
	 * last one (a clock set back, MELDKAMER_NOW misused) would make the
	 * record say things happened in another order than they did. */
	if (now < inc.updated_at) {
		char last[MK_TIME_TEXT], at[MK_TIME_TEXT];
		rc = mk_error_set(err, MK_ECONFLICT, "now",
				  "the clock says %s, before the last change to %s (%s): check the "
				  "system clock",
				  mk_time_format_local(now, at), inc.key,
				  mk_time_format_local(inc.updated_at, last));
		goto fail;
	}
	if ((rc = logbook_tail_intact(svc, &inc, err)))
		goto fail;
	if (expected_version > 0 && inc.version != expected_version) {
		rc = mk_error_set(err, MK_ECONFLICT, "version",
				  "incident %s is at version %lld, not %lld: someone else changed it "
				  "in the meantime; reload and try again",
				  inc.key, (long long)inc.version, (long long)expected_version);
		goto fail;
	}
	bool unchanged = false;
	wrote = true; /* the change may write (logbook, tasks) before it fails */
	if ((rc = change(svc, &inc, checklist_version, ctx, &unchanged, err)))
		goto fail;
	if (unchanged) {
		if (own)
			mk_store_rollback(svc->store);
		mk_incident_release(&inc);
		return MK_OK;
	}
	if ((rc = mk_incident_check(&inc, now, err)))
		goto fail;
	inc.updated_at = now;
	if ((rc = mk_store_incident_update(svc->store, &inc, err)) ||
	    (own && (rc = mk_store_commit(svc->store, err))))
		goto fail;
	mk_incident_release(&inc);
	return MK_OK;
fail:
	if (own)
		mk_store_rollback(svc->store);
	else if (wrote)
		svc->batch_failed = true;
	mk_incident_release(&inc);
	return rc;
}

enum mk_rc mk_svc_incident_get(struct mk_service *svc, const char *key, struct mk_incident *inc,
			       struct mk_error *err)
{
	return mk_store_incident_get(svc->store, key, inc, NULL, err);
}
