/* BOBOC decisions. */
#include "base/limits.h"
#include "service/internal.h"

struct decision_add {
	const struct mk_actor *actor;
	mk_time now;
	struct mk_decision *d;
};

static enum mk_rc decision_change(struct mk_service *svc, struct mk_incident *inc,
				  int checklist_version, void *ctx, bool *ret_unchanged,
				  struct mk_error *err)
{
	(void)ret_unchanged;
	(void)checklist_version;
	struct decision_add *da = ctx;
	struct mk_buf log;
	mk_buf_init(&log, MK_TEXT_MAX);
	da->d->decided_by = da->actor->name;
	da->d->decided_at = da->now;
	enum mk_rc rc = mk_decision_check(da->d, err);
	if (rc)
		goto out;
	mk_buf_adds(&log, "Besluit (BOBOC)\n");
	mk_decision_log_text(da->d, &log);
	if ((rc = mk_buf_rc(&log))) {
		mk_error_set(err, MK_ETOOBIG, "besluit",
			     "the decision is too long for one logbook entry (%d bytes)", MK_TEXT_MAX);
		goto out;
	}
	if ((rc = mk_svc_log_append(svc, inc, da->actor, da->now, MK_LOG_DECISION, log.data, err)))
		goto out;
	rc = mk_store_decision_insert(svc->store, inc->id, da->d, inc->log_count, err);
out:
	mk_buf_release(&log);
	return rc;
}

enum mk_rc mk_svc_decision_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			       const char *key, struct mk_decision *d, struct mk_error *err)
{
	struct decision_add da = {actor, now, d};
	return mk_svc_change(svc, key, 0, now, decision_change, &da, err);
}

enum mk_rc mk_svc_decisions(struct mk_service *svc, const char *key, mk_decision_cb cb,
			    void *ctx, struct mk_error *err)
{
	struct mk_incident inc;
	mk_incident_init(&inc);
	enum mk_rc rc = mk_store_incident_get(svc->store, key, &inc, NULL, err);
	if (rc == MK_OK)
		rc = mk_store_decision_list(svc->store, inc.id, cb, ctx, err);
	mk_incident_release(&inc);
	return rc;
}
