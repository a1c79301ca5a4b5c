/* TODO(ui): stand-ins for the service/accounts.c functions the web UI
 * calls (login, logout, language), until the accounts branch brings
 * them, so that the binary links meanwhile: nobody can log in. meson.build
 * leaves this file out as soon as src/service/accounts.c exists; then it
 * is deleted. */
#include "service/accounts.h"

enum mk_rc mk_svc_login(struct mk_service *svc, mk_time now, const char *name,
			const char *password, const char *address,
			char ret_token[MK_TOKEN_TEXT], char ret_csrf[MK_TOKEN_TEXT],
			struct mk_account *ret_account, struct mk_error *err)
{
	(void)svc, (void)now, (void)name, (void)password, (void)address;
	(void)ret_token, (void)ret_csrf, (void)ret_account;
	return mk_error_set(err, MK_EPERM, "", "accounts are not built yet");
}

enum mk_rc mk_svc_logout(struct mk_service *svc, const char *token, struct mk_error *err)
{
	(void)svc, (void)token, (void)err;
	return MK_OK;
}

enum mk_rc mk_svc_user_set_lang(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, const char *name, const char *lang,
				struct mk_error *err)
{
	(void)svc, (void)actor, (void)now, (void)name, (void)lang;
	return mk_error_set(err, MK_ENOTFOUND, "", "accounts are not built yet");
}
