/* TODO(server): stand-ins for service/accounts.c until the accounts
 * branch is merged, so that the server builds and answers /healthz
 * meanwhile: nobody can log in. meson.build leaves this file out as soon
 * as src/service/accounts.c exists; then it is deleted. */
#include "service/accounts.h"

enum mk_rc mk_svc_session_get(struct mk_service *svc, mk_time now, const char *token,
			      struct mk_account *ret_account, char ret_csrf[MK_TOKEN_TEXT],
			      struct mk_error *err)
{
	(void)svc, (void)now, (void)token, (void)ret_account, (void)ret_csrf;
	return mk_error_set(err, MK_ENOTFOUND, "", "accounts are not built yet");
}

enum mk_rc mk_svc_token_auth(struct mk_service *svc, mk_time now, const char *token,
			     struct mk_account *ret_account, struct mk_error *err)
{
	(void)svc, (void)now, (void)token, (void)ret_account;
	return mk_error_set(err, MK_ENOTFOUND, "", "accounts are not built yet");
}

enum mk_rc mk_svc_access_subject(struct mk_service *svc, const char *key,
				 const char *account_name, struct mk_access_subject *ret,
				 struct mk_error *err)
{
	(void)svc, (void)key, (void)account_name, (void)ret;
	return mk_error_set(err, MK_ENOTFOUND, "", "accounts are not built yet");
}
