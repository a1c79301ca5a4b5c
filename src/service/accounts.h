/* Accounts, sessions and API tokens for the web application, and the
 * need-to-know facts (reporter, team) that core/access.c decides on.
 *
 * Passwords are stored as argon2id hashes (libsodium crypto_pwhash_str,
 * interactive limits). Session and API tokens are 32 random bytes shown
 * once as base64url text; only their SHA-256 is stored, so a copy of the
 * database does not let anyone log in. Every change to an account is
 * written to the account audit table with who did it and when.
 *
 * Like the rest of the service, every call takes `now` and leaves the
 * database as it was when it fails. */
#ifndef MK_SERVICE_ACCOUNTS_H
#define MK_SERVICE_ACCOUNTS_H

#include <stdbool.h>
#include <stdint.h>

#include "base/limits.h"
#include "base/rc.h"
#include "base/time.h"
#include "core/access.h"
#include "core/vocab.h"
#include "service/service.h"

#define MK_ACCOUNT_NAME_MAX 64   /* login names: [a-z0-9._-], 1..64 bytes */
#define MK_PASSWORD_MIN 12       /* characters; long passphrases beat rules */
#define MK_PASSWORD_MAX 1024     /* bytes */
#define MK_TOKEN_TEXT 44         /* 43 base64url characters and the NUL */
#define MK_SESSION_IDLE (8 * MK_HOUR)  /* a session ends after this long unused */
#define MK_SESSION_MAX (12 * MK_HOUR)  /* and in any case after a working day */
/* Login throttling: this many failures within MK_LOGIN_WINDOW refuse
 * further attempts (MK_ETHROTTLED) until the window has passed: for an
 * account from one address; for an account from all addresses together
 * (guessing spread over many machines); and from one address for all
 * names. Five wrong passwords from one machine therefore do not lock the
 * account for its owner elsewhere: locking someone out takes fifty, from
 * several addresses. Behind a reverse proxy the address is the one it
 * forwards (serve --trusted-proxy), else every user would share it. */
#define MK_LOGIN_FAILS_PER_ACCOUNT 5
#define MK_LOGIN_FAILS_PER_ACCOUNT_ALL 50
#define MK_LOGIN_FAILS_PER_ADDRESS 20
#define MK_LOGIN_WINDOW (15 * MK_MINUTE)

struct mk_account {
	int64_t id;
	char name[MK_ACCOUNT_NAME_MAX + 1];  /* the login name */
	char display_name[MK_NAME_MAX + 1];  /* shown and written in the logbook */
	enum mk_role role;
	bool disabled;
	char lang[3];                        /* "nl" (default) or "en" */
};

/* --- Accounts (CLI: meldkamer user add|passwd|disable|list) --------------- */

/* Creates an account. MK_ECONFLICT if the name exists; MK_EINVAL naming
 * the field for a bad name, display name or a password shorter than
 * MK_PASSWORD_MIN. display_name NULL means the login name. */
enum mk_rc mk_svc_user_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			   const char *name, const char *display_name, enum mk_role role,
			   const char *password, struct mk_error *err);
/* Sets a new password and ends the account's sessions. */
enum mk_rc mk_svc_user_passwd(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			      const char *name, const char *password, struct mk_error *err);
/* Disables an account: its sessions and tokens stop working at once. */
enum mk_rc mk_svc_user_disable(struct mk_service *svc, const struct mk_actor *actor,
			       mk_time now, const char *name, struct mk_error *err);
/* Sets the account's language ("nl" or "en"). */
/* Lets a disabled account log in again; its revoked tokens stay revoked.
 * MK_ECONFLICT if it is not disabled. */
enum mk_rc mk_svc_user_enable(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			      const char *name, struct mk_error *err);
enum mk_rc mk_svc_user_set_lang(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, const char *name, const char *lang,
				struct mk_error *err);
enum mk_rc mk_svc_user_get(struct mk_service *svc, const char *name, struct mk_account *ret,
			   struct mk_error *err);
typedef enum mk_rc (*mk_account_cb)(void *ctx, const struct mk_account *a);
enum mk_rc mk_svc_users(struct mk_service *svc, mk_account_cb cb, void *ctx,
			struct mk_error *err);

/* --- Sessions (the web UI) ------------------------------------------------ */

/* Checks name and password. On success a new session: its token (for the
 * cookie) and its CSRF token (for forms) go to ret_token / ret_csrf, the
 * account to ret_account. A wrong name or password is MK_EPERM with the
 * same message either way; too many recent failures for the account or
 * from address is MK_ETHROTTLED (before the password is even checked). */
enum mk_rc mk_svc_login(struct mk_service *svc, mk_time now, const char *name,
			const char *password, const char *address,
			char ret_token[MK_TOKEN_TEXT], char ret_csrf[MK_TOKEN_TEXT],
			struct mk_account *ret_account, struct mk_error *err);
/* The account and CSRF token of a live session; MK_ENOTFOUND if the
 * token is unknown, expired or its account disabled. Refreshes last use. */
enum mk_rc mk_svc_session_get(struct mk_service *svc, mk_time now, const char *token,
			      struct mk_account *ret_account, char ret_csrf[MK_TOKEN_TEXT],
			      struct mk_error *err);
/* Ends a session (an unknown token is not an error). */
enum mk_rc mk_svc_logout(struct mk_service *svc, const char *token, struct mk_error *err);

/* --- API tokens (CLI: meldkamer token add NAME [--user U]) ---------------- */

/* A new API token named token_name for the account user_name; the token
 * text goes to ret_token and is never stored or shown again. */
enum mk_rc mk_svc_token_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			    const char *user_name, const char *token_name,
			    char ret_token[MK_TOKEN_TEXT], struct mk_error *err);
/* The account behind a bearer token; MK_ENOTFOUND for an unknown or
 * revoked token or a disabled account. */
enum mk_rc mk_svc_token_auth(struct mk_service *svc, mk_time now, const char *token,
			     struct mk_account *ret_account, struct mk_error *err);
enum mk_rc mk_svc_token_revoke(struct mk_service *svc, const struct mk_actor *actor,
			       mk_time now, const char *token_name, struct mk_error *err);
/* A token as `token list` shows it: never its text, which is not kept. */
struct mk_token_info {
	const char *name;
	const char *account;
	mk_time created_at;
	mk_time revoked_at; /* MK_TIME_UNKNOWN while valid */
};
typedef enum mk_rc (*mk_token_cb)(void *ctx, const struct mk_token_info *t);
/* Every token, revoked or not, by name. */
enum mk_rc mk_svc_tokens(struct mk_service *svc, mk_token_cb cb, void *ctx, struct mk_error *err);

/* --- Need-to-know ----------------------------------------------------------- */

/* The facts core/access.c needs about incident `key` for account_name:
 * confidential, reported by that account, on its team. MK_ENOTFOUND if
 * the incident does not exist. */
enum mk_rc mk_svc_access_subject(struct mk_service *svc, const char *key,
				 const char *account_name, struct mk_access_subject *ret,
				 struct mk_error *err);
/* Adds or removes an account on the incident's team (logged). */
enum mk_rc mk_svc_team_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			   const char *key, const char *account_name, struct mk_error *err);
enum mk_rc mk_svc_team_remove(struct mk_service *svc, const struct mk_actor *actor,
			      mk_time now, const char *key, const char *account_name,
			      struct mk_error *err);
typedef enum mk_rc (*mk_team_cb)(void *ctx, const char *account_name);
enum mk_rc mk_svc_team(struct mk_service *svc, const char *key, mk_team_cb cb, void *ctx,
		       struct mk_error *err);

#endif
