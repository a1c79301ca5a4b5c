/* Writing, reading and verifying an incident's logbook. */
#include <string.h>

#include "service/internal.h"

struct log_add {
	const struct mk_actor *actor;
	mk_time now;
	enum mk_log_kind kind;
	const char *text;
};

static enum mk_rc log_add_change(struct mk_service *svc, struct mk_incident *inc,
				 int checklist_version, void *ctx, bool *ret_unchanged,
				 struct mk_error *err)
{
	(void)ret_unchanged;
	(void)checklist_version;
	const struct log_add *la = ctx;
	return mk_svc_log_append(svc, inc, la->actor, la->now, la->kind, la->text, err);
}

enum mk_rc mk_svc_log_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			  const char *key, enum mk_log_kind kind, const char *text,
			  struct mk_error *err)
{
	/* Status and system entries record what meldkamer itself did; a
	 * person writing one could pass off a note as a status change. */
	if (kind == MK_LOG_STATUS || kind == MK_LOG_SYSTEM)
		return mk_error_set(err, MK_EINVAL, "kind",
				    "kind '%s' is written by meldkamer itself: use note, action, "
				    "decision or communication",
				    mk_log_kind_name(kind));
	/* A reporter adds to their own report; actions, decisions and
	 * communications are the handlers' record. */
	if (actor->role == MK_ROLE_MELDER && kind != MK_LOG_NOTE)
		return mk_error_set(err, MK_EPERM, "kind",
				    "a melder adds notes only, not kind '%s'", mk_log_kind_name(kind));
	struct log_add la = {actor, now, kind, text};
	return mk_svc_change(svc, key, 0, now, log_add_change, &la, err);
}

enum mk_rc mk_svc_log_list(struct mk_service *svc, const char *key, mk_log_cb cb, void *ctx,
			   struct mk_error *err)
{
	struct mk_incident inc;
	mk_incident_init(&inc);
	enum mk_rc rc = mk_store_incident_get(svc->store, key, &inc, NULL, err);
	if (rc == MK_OK)
		rc = mk_store_log_list(svc->store, inc.id, cb, ctx, err);
	mk_incident_release(&inc);
	return rc;
}

static enum mk_rc feed_chain(void *ctx, const struct mk_log_entry *e)
{
	mk_chain_next(ctx, e);
	return MK_OK;
}

enum mk_rc mk_svc_log_verify(struct mk_service *svc, const char *key,
			     struct mk_chain_status *ret_status, struct mk_error *err)
{
	struct mk_incident inc;
	struct mk_chain_check check;
	mk_incident_init(&inc);
	enum mk_rc rc = mk_store_begin(svc->store, false, err);
	if (rc)
		return rc;
	/* One read transaction: the head and the entries are one snapshot. */
	if ((rc = mk_store_incident_get(svc->store, key, &inc, NULL, err)))
		goto out;
	mk_chain_begin(&check, inc.uuid);
	rc = mk_store_log_list(svc->store, inc.id, feed_chain, &check, err);
	char head[MK_HASH_HEX];
	enum mk_rc chain_rc = mk_chain_end(&check, inc.log_count, inc.log_head, head,
					   rc == MK_OK ? err : NULL);
	if (rc == MK_OK)
		rc = chain_rc;
	if (ret_status) {
		ret_status->entries = check.count;
		memcpy(ret_status->head, head, sizeof(head));
	}
out:
	mk_store_rollback(svc->store);
	mk_incident_release(&inc);
	return rc;
}
