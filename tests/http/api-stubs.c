/* Weak stand-ins for the accounts service (service/accounts.h) while it
 * is written on its own branch: the API tests link, and the real
 * functions replace these as soon as they are in the service library
 * (a strong definition wins over a weak one). They answer as for an
 * account that reported nothing and is on no team. */
#include "service/accounts.h"

__attribute__((weak)) enum mk_rc mk_svc_access_subject(struct mk_service *svc, const char *key,
						       const char *account_name,
						       struct mk_access_subject *ret,
						       struct mk_error *err)
{
	(void)account_name;
	struct mk_incident inc;
	mk_incident_init(&inc);
	enum mk_rc rc = mk_svc_incident_get(svc, key, &inc, err);
	if (rc == MK_OK)
		*ret = (struct mk_access_subject){.confidential = inc.confidential};
	mk_incident_release(&inc);
	return rc;
}

__attribute__((weak)) enum mk_rc mk_svc_team_add(struct mk_service *svc,
						 const struct mk_actor *actor, mk_time now,
						 const char *key, const char *account_name,
						 struct mk_error *err)
{
	(void)svc, (void)actor, (void)now, (void)key, (void)account_name;
	return mk_error_set(err, MK_ESTORE, "", "teams are not built yet");
}

__attribute__((weak)) enum mk_rc mk_svc_team_remove(struct mk_service *svc,
						    const struct mk_actor *actor, mk_time now,
						    const char *key, const char *account_name,
						    struct mk_error *err)
{
	(void)svc, (void)actor, (void)now, (void)key, (void)account_name;
	return mk_error_set(err, MK_ESTORE, "", "teams are not built yet");
}

__attribute__((weak)) enum mk_rc mk_svc_team(struct mk_service *svc, const char *key,
					     mk_team_cb cb, void *ctx, struct mk_error *err)
{
	(void)svc, (void)key, (void)cb, (void)ctx;
	return mk_error_set(err, MK_ESTORE, "", "teams are not built yet");
}
