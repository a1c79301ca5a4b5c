/* Accounts, sessions, API tokens and teams (service/accounts.h): the
 * rules around the rows of store/sqlite-accounts.c. Passwords are hashed
 * with argon2id, tokens are random and stored only as SHA-256, logins are
 * throttled, and every account change leaves an audit row.
 *
 * Who may call what is decided before the call (core/access.c, asked by
 * the HTTP router; the CLI is run by whoever holds the database file, the
 * way accounts are bootstrapped), so these functions check input and
 * state, not the actor's role. */
#include "service/accounts.h"

#include <sodium.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "core/text.h"
#include "service/internal.h"

/* argon2id cost. libsodium's "interactive" limits take 64 MiB per hash,
 * the whole memory budget of `meldkamer serve`, and each concurrent login
 * takes that much again. OWASP's Password Storage Cheat Sheet gives
 * m = 19 MiB, t = 2, p = 1 as an equivalent argon2id setting (the same
 * resistance, traded from memory to passes): about 27 ms per hash on the
 * development machine. crypto_pwhash_str_verify reads the cost from the
 * stored hash, so raising these later keeps old hashes working. */
#define PWHASH_OPSLIMIT 2
#define PWHASH_MEMLIMIT (19 * 1024 * 1024)
_Static_assert(PWHASH_MEMLIMIT >= crypto_pwhash_MEMLIMIT_MIN, "argon2id memory limit");
_Static_assert(PWHASH_OPSLIMIT >= crypto_pwhash_OPSLIMIT_MIN, "argon2id passes");

/* A hash with the same cost, of a password no one has: a login with an
 * unknown name is checked against it, so that it takes as long as one
 * with a known name and the timing does not tell which names exist. */
static const char dummy_hash[crypto_pwhash_STRBYTES] =
	"$argon2id$v=19$m=19456,t=2,p=1$EuXeaTR1Abd7m14NfAvUkQ$"
	"rMS4gudAJipLsWx/ANcJEoNr9We68Rpzgfke/aA/Trw";

/* A session's last use is written at most this often: each write is a
 * durable commit (an fsync), and a page load makes several requests. The
 * idle expiry counts from the last written use, so a session may end up to
 * this much before MK_SESSION_IDLE after its very last request. */
#define SESSION_TOUCH_EVERY MK_MINUTE

/* Token bytes: 32 random bytes, 43 characters of base64url. */
#define TOKEN_BYTES 32
_Static_assert(sodium_base64_ENCODED_LEN(TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING) ==
		       MK_TOKEN_TEXT,
	       "MK_TOKEN_TEXT fits a base64url token");
#define TOKEN_HASH_HEX (crypto_hash_sha256_BYTES * 2 + 1)

/* An address as the server gives it (IPv6 text is at most 45 bytes). */
#define ADDRESS_MAX 64

static const char bad_login[] = "wrong name or password";

/* --- Checks ------------------------------------------------------------------ */

/* Login names and token names: 1..64 of [a-z0-9._-], starting with a
 * letter or digit (so a name never reads as a command-line option). */
static enum mk_rc check_name(const char *field, const char *what, const char *name,
			     struct mk_error *err)
{
	if (!name || !name[0])
		return mk_error_set(err, MK_EINVAL, field, "%s name is empty", what);
	size_t len = strlen(name);
	if (len > MK_ACCOUNT_NAME_MAX)
		return mk_error_set(err, MK_ETOOBIG, field, "%s name is too long (%zu bytes, at most %d)",
				    what, len, MK_ACCOUNT_NAME_MAX);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (alnum || (i > 0 && (c == '.' || c == '_' || c == '-')))
			continue;
		if (i == 0 && (c == '.' || c == '_' || c == '-'))
			return mk_error_set(err, MK_EINVAL, field,
					    "%s name '%s' must start with a lower-case letter or digit",
					    what, name);
		/* Quote the name only when it is printable text. */
		if (c < 0x20 || c == 0x7f || !mk_utf8_valid(name, len))
			return mk_error_set(err, MK_EINVAL, field,
					    "%s name holds a character that is not allowed (byte %zu): "
					    "use lower-case letters, digits, '.', '_' and '-'",
					    what, i + 1);
		return mk_error_set(err, MK_EINVAL, field,
				    "%s name '%s' may hold only lower-case letters, digits, '.', '_' "
				    "and '-'",
				    what, name);
	}
	return MK_OK;
}

static enum mk_rc check_password(const char *password, struct mk_error *err)
{
	size_t len = password ? strlen(password) : 0;
	if (len == 0)
		return mk_error_set(err, MK_EINVAL, "password", "password is empty");
	if (len > MK_PASSWORD_MAX)
		return mk_error_set(err, MK_ETOOBIG, "password",
				    "password is too long (%zu bytes, at most %d)", len, MK_PASSWORD_MAX);
	size_t bad = mk_utf8_first_invalid(password, len);
	if (bad < len)
		return mk_error_set(err, MK_EINVAL, "password",
				    "password is not valid UTF-8 (at byte %zu)", bad + 1);
	/* No one types a control character into a login form: such a
	 * password could never be used. */
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)password[i] < 0x20 || password[i] == 0x7f)
			return mk_error_set(err, MK_EINVAL, "password",
					    "password holds a control character (at byte %zu)", i + 1);
	/* Characters, not bytes: what a person counts when choosing one. */
	size_t chars = mk_utf8_length(password, len);
	if (chars < MK_PASSWORD_MIN)
		return mk_error_set(err, MK_EINVAL, "password",
				    "password is too short (%zu characters, at least %d)", chars,
				    MK_PASSWORD_MIN);
	return MK_OK;
}

static unsigned long long pwhash_ops(const struct mk_service *svc)
{
	return svc->pwhash_opslimit ? svc->pwhash_opslimit : PWHASH_OPSLIMIT;
}

static size_t pwhash_mem(const struct mk_service *svc)
{
	return svc->pwhash_memlimit ? svc->pwhash_memlimit : PWHASH_MEMLIMIT;
}

static enum mk_rc hash_password(const struct mk_service *svc, const char *password,
				char out[crypto_pwhash_STRBYTES], struct mk_error *err)
{
	if (crypto_pwhash_str(out, password, strlen(password), pwhash_ops(svc), pwhash_mem(svc)))
		return mk_error_set(err, MK_ENOMEM, "password", "out of memory hashing the password");
	return MK_OK;
}

/* A token as it comes in (cookie, header): exactly 43 base64url
 * characters. Anything else cannot be one of ours and is not looked up. */
static bool token_shape(const char *token)
{
	if (!token)
		return false;
	size_t i = 0;
	for (; token[i]; i++) {
		unsigned char c = (unsigned char)token[i];
		if (i >= MK_TOKEN_TEXT - 1 ||
		    !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	return i == MK_TOKEN_TEXT - 1;
}

static void new_token(char out[MK_TOKEN_TEXT])
{
	unsigned char bin[TOKEN_BYTES];
	randombytes_buf(bin, sizeof(bin));
	sodium_bin2base64(out, MK_TOKEN_TEXT, bin, sizeof(bin),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(bin, sizeof(bin));
}

static void token_hash(const char *token, char out[TOKEN_HASH_HEX])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, TOKEN_HASH_HEX, h, sizeof(h));
}

/* --- Rows to structs ------------------------------------------------------------- */

static void copy_account(struct mk_account *dst, const struct mk_store_account *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->id = src->id;
	snprintf(dst->name, sizeof(dst->name), "%s", src->name);
	snprintf(dst->display_name, sizeof(dst->display_name), "%s", src->display_name);
	dst->role = src->role;
	dst->disabled = src->disabled;
	snprintf(dst->lang, sizeof(dst->lang), "%s", src->lang);
}

/* An account and its password hash, copied out of the row. */
struct found_account {
	struct mk_account account;
	char hash[crypto_pwhash_STRBYTES];
};

static enum mk_rc take_account(void *ctx, const struct mk_store_account *a)
{
	struct found_account *f = ctx;
	copy_account(&f->account, a);
	snprintf(f->hash, sizeof(f->hash), "%s", a->password_hash);
	return MK_OK;
}

/* The account named name, as MK_ENOTFOUND naming `field` if none. */
static enum mk_rc find_account(struct mk_service *svc, const char *field, const char *name,
			       struct found_account *ret, struct mk_error *err)
{
	enum mk_rc rc = mk_store_account_get(svc->store, name, take_account, ret, err);
	if (rc == MK_ENOTFOUND)
		mk_error_set(err, MK_ENOTFOUND, field, "account '%s' does not exist", name);
	return rc;
}

/* --- Audit ----------------------------------------------------------------------- */

static enum mk_rc audit(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			const char *account_name, const char *what, struct mk_error *err)
{
	struct mk_buf who;
	mk_buf_init(&who, MK_SHORT_TEXT_MAX);
	mk_svc_actor_text(actor, &who);
	if (actor->via)
		mk_buf_addf(&who, " via %s", actor->via);
	enum mk_rc rc = mk_buf_rc(&who);
	if (rc) {
		mk_error_set(err, rc, "", "out of memory writing the account audit");
	} else {
		struct mk_store_audit a = {now, who.data, account_name, what};
		rc = mk_store_audit_add(svc->store, &a, err);
	}
	mk_buf_release(&who);
	return rc;
}

/* Commits, or rolls back after a failure; returns rc or the commit's. */
static enum mk_rc finish(struct mk_service *svc, enum mk_rc rc, struct mk_error *err)
{
	if (rc == MK_OK)
		rc = mk_store_commit(svc->store, err);
	if (rc)
		mk_store_rollback(svc->store);
	return rc;
}

/* --- Accounts --------------------------------------------------------------------- */

enum mk_rc mk_svc_user_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			   const char *name, const char *display_name, enum mk_role role,
			   const char *password, struct mk_error *err)
{
	enum mk_rc rc;
	if ((rc = check_name("name", "account", name, err)))
		return rc;
	if (!display_name)
		display_name = name;
	if ((rc = mk_text_check("display_name", display_name, MK_NAME_MAX, MK_TEXT_LINE, true, err)))
		return rc;
	if (mk_text_blank(display_name))
		return mk_error_set(err, MK_EINVAL, "display_name", "display_name is empty");
	if ((unsigned)role >= MK_ROLE_COUNT)
		return mk_error_set(err, MK_EINVAL, "role", "role is not one of the known roles");
	if ((rc = check_password(password, err)))
		return rc;
	/* Hash before taking the write lock: it takes tens of milliseconds. */
	char hash[crypto_pwhash_STRBYTES];
	if ((rc = hash_password(svc, password, hash, err)))
		return rc;

	struct mk_store_account a = {
		.name = name,
		.display_name = display_name,
		.role = role,
		.lang = "nl",
		.password_hash = hash,
		.created_at = now,
	};
	char what[96];
	snprintf(what, sizeof(what), "account created with role %s", mk_role_name(role));
	int64_t id;
	if ((rc = mk_store_begin(svc->store, true, err)))
		return rc;
	rc = mk_store_account_insert(svc->store, &a, &id, err);
	if (rc == MK_OK)
		rc = audit(svc, actor, now, name, what, err);
	return finish(svc, rc, err);
}

enum mk_rc mk_svc_user_passwd(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			      const char *name, const char *password, struct mk_error *err)
{
	enum mk_rc rc;
	if ((rc = check_password(password, err)))
		return rc;
	char hash[crypto_pwhash_STRBYTES];
	if ((rc = hash_password(svc, password, hash, err)))
		return rc;
	struct found_account f;
	if ((rc = mk_store_begin(svc->store, true, err)))
		return rc;
	/* A new password ends every session: whoever knew the old one may
	 * be logged in with it. API tokens are not passwords and stay. */
	if ((rc = find_account(svc, "name", name, &f, err)) == MK_OK &&
	    (rc = mk_store_account_set_password(svc->store, f.account.id, hash, err)) == MK_OK &&
	    (rc = mk_store_sessions_delete_account(svc->store, f.account.id, err)) == MK_OK)
		rc = audit(svc, actor, now, f.account.name, "password changed; sessions ended", err);
	return finish(svc, rc, err);
}

enum mk_rc mk_svc_user_disable(struct mk_service *svc, const struct mk_actor *actor,
			       mk_time now, const char *name, struct mk_error *err)
{
	struct found_account f;
	enum mk_rc rc = mk_store_begin(svc->store, true, err);
	if (rc)
		return rc;
	int64_t revoked = 0;
	if ((rc = find_account(svc, "name", name, &f, err)))
		goto out;
	if (f.account.disabled) {
		rc = mk_error_set(err, MK_ECONFLICT, "name", "account '%s' is disabled already", name);
		goto out;
	}
	if ((rc = mk_store_account_set_disabled(svc->store, f.account.id, true, err)) ||
	    (rc = mk_store_sessions_delete_account(svc->store, f.account.id, err)) ||
	    (rc = mk_store_tokens_revoke_account(svc->store, f.account.id, now, &revoked, err)))
		goto out;
	char what[96];
	snprintf(what, sizeof(what), "account disabled; sessions ended, %lld API tokens revoked",
		 (long long)revoked);
	rc = audit(svc, actor, now, f.account.name, what, err);
out:
	return finish(svc, rc, err);
}

enum mk_rc mk_svc_user_enable(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			      const char *name, struct mk_error *err)
{
	struct found_account f;
	enum mk_rc rc = mk_store_begin(svc->store, true, err);
	if (rc)
		return rc;
	if ((rc = find_account(svc, "name", name, &f, err)))
		goto out;
	if (!f.account.disabled) {
		rc = mk_error_set(err, MK_ECONFLICT, "name", "account '%s' is not disabled", name);
		goto out;
	}
	/* The tokens revoked at disabling stay revoked: whoever held them
	 * gets new ones on purpose, not back by accident. */
	if ((rc = mk_store_account_set_disabled(svc->store, f.account.id, false, err)))
		goto out;
	rc = audit(svc, actor, now, f.account.name, "account enabled; its old API tokens stay revoked",
		   err);
out:
	return finish(svc, rc, err);
}

enum mk_rc mk_svc_user_set_lang(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, const char *name, const char *lang,
				struct mk_error *err)
{
	if (!lang || (strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0))
		return mk_error_set(err, MK_EINVAL, "lang", "lang must be 'nl' or 'en'");
	struct found_account f;
	enum mk_rc rc = mk_store_begin(svc->store, true, err);
	if (rc)
		return rc;
	if ((rc = find_account(svc, "name", name, &f, err)))
		return finish(svc, rc, err);
	if (strcmp(f.account.lang, lang) == 0) {
		/* Already so: nothing to write, nothing to audit. */
		mk_store_rollback(svc->store);
		return MK_OK;
	}
	char what[48];
	snprintf(what, sizeof(what), "language set to %s", lang);
	if ((rc = mk_store_account_set_lang(svc->store, f.account.id, lang, err)) == MK_OK)
		rc = audit(svc, actor, now, f.account.name, what, err);
	return finish(svc, rc, err);
}

enum mk_rc mk_svc_user_get(struct mk_service *svc, const char *name, struct mk_account *ret,
			   struct mk_error *err)
{
	struct found_account f;
	enum mk_rc rc = find_account(svc, "name", name, &f, err);
	if (rc == MK_OK)
		*ret = f.account;
	sodium_memzero(f.hash, sizeof(f.hash));
	return rc;
}

struct user_walk {
	mk_account_cb cb;
	void *ctx;
};

static enum mk_rc each_user(void *ctx, const struct mk_store_account *a)
{
	const struct user_walk *w = ctx;
	struct mk_account acc;
	copy_account(&acc, a);
	return w->cb(w->ctx, &acc);
}

enum mk_rc mk_svc_users(struct mk_service *svc, mk_account_cb cb, void *ctx,
			struct mk_error *err)
{
	struct user_walk w = {cb, ctx};
	return mk_store_account_list(svc->store, each_user, &w, err);
}

struct token_walk {
	mk_token_cb cb;
	void *ctx;
};

static enum mk_rc each_token(void *ctx, const struct mk_store_token *t)
{
	const struct token_walk *w = ctx;
	struct mk_token_info info = {t->name, t->account.name, t->created_at, t->revoked_at};
	return w->cb(w->ctx, &info);
}

enum mk_rc mk_svc_tokens(struct mk_service *svc, mk_token_cb cb, void *ctx, struct mk_error *err)
{
	struct token_walk w = {cb, ctx};
	return mk_store_token_list(svc->store, each_token, &w, err);
}

/* --- Sessions ------------------------------------------------------------------- */

enum mk_rc mk_svc_login(struct mk_service *svc, mk_time now, const char *name,
			const char *password, const char *address,
			char ret_token[MK_TOKEN_TEXT], char ret_csrf[MK_TOKEN_TEXT],
			struct mk_account *ret_account, struct mk_error *err)
{
	if (!name)
		name = "";
	if (!password)
		password = "";
	if (!address)
		address = "";
	/* No account has a longer name or password: refuse before recording
	 * anything, so a flood of huge values cannot fill the table. */
	if (strlen(name) > MK_ACCOUNT_NAME_MAX)
		return mk_error_set(err, MK_ETOOBIG, "name", "name is too long (at most %d bytes)",
				    MK_ACCOUNT_NAME_MAX);
	if (strlen(password) > MK_PASSWORD_MAX)
		return mk_error_set(err, MK_ETOOBIG, "password",
				    "password is too long (at most %d bytes)", MK_PASSWORD_MAX);
	if (strlen(address) > ADDRESS_MAX)
		return mk_error_set(err, MK_EINVAL, "address", "client address is too long");

	/* Step 1, one write transaction: count the recent failures and, if
	 * below the limits, record this attempt as a failure before the
	 * password is checked. Concurrent attempts therefore each take a
	 * slot, and no more than the limit are ever checked in a window. */
	mk_time since = now - MK_LOGIN_WINDOW + 1; /* a failure counts for WINDOW seconds */
	int64_t by_pair = 0, by_account = 0, by_address = 0, attempt = 0;
	struct found_account f;
	bool found = false;
	enum mk_rc rc = mk_store_begin(svc->store, true, err);
	if (rc)
		return rc;
	if ((rc = mk_store_login_failures(svc->store, name, address, since, &by_pair, &by_account,
					  &by_address, err)))
		goto fail;
	if (by_pair >= MK_LOGIN_FAILS_PER_ACCOUNT || by_account >= MK_LOGIN_FAILS_PER_ACCOUNT_ALL ||
	    by_address >= MK_LOGIN_FAILS_PER_ADDRESS) {
		rc = mk_error_set(err, MK_ETHROTTLED, "",
				  "too many failed logins: try again in %d minutes",
				  (int)(MK_LOGIN_WINDOW / MK_MINUTE));
		goto fail;
	}
	/* Housekeeping while the lock is held: failures past the window and
	 * expired sessions are of no use any more. */
	if ((rc = mk_store_login_failures_purge(svc->store, since, err)) ||
	    (rc = mk_store_sessions_expire(svc->store, now - MK_SESSION_IDLE + 1,
					   now - MK_SESSION_MAX + 1, err)) ||
	    (rc = mk_store_login_failure_add(svc->store, name, address, now, &attempt, err)))
		goto fail;
	rc = mk_store_account_get(svc->store, name, take_account, &f, err);
	if (rc == MK_OK)
		found = true;
	else if (rc != MK_ENOTFOUND)
		goto fail;
	if ((rc = mk_store_commit(svc->store, err)))
		goto fail;

	/* Step 2, without the lock (argon2id takes tens of milliseconds):
	 * check the password, against the dummy hash for an unknown name. */
	bool ok = crypto_pwhash_str_verify(found ? f.hash : dummy_hash, password,
					   strlen(password)) == 0 &&
		  found && !f.account.disabled;
	/* A hash made at another cost (an older meldkamer, a lowered test
	 * cost) is made again at today's, now that the password is known. */
	char rehash[crypto_pwhash_STRBYTES] = "";
	if (ok && crypto_pwhash_str_needs_rehash(f.hash, pwhash_ops(svc), pwhash_mem(svc)) != 0 &&
	    hash_password(svc, password, rehash, NULL) != MK_OK)
		rehash[0] = '\0'; /* out of memory: keep the old hash, log in anyway */
	sodium_memzero(f.hash, sizeof(f.hash));
	if (!ok)
		return mk_error_set(err, MK_EPERM, "password", "%s", bad_login);

	/* Step 3: the attempt was good after all; forget the account's
	 * failures and start the session. */
	char token[MK_TOKEN_TEXT], csrf[MK_TOKEN_TEXT], hash[TOKEN_HASH_HEX];
	new_token(token);
	new_token(csrf);
	token_hash(token, hash);
	if ((rc = mk_store_begin(svc->store, true, err)))
		return rc;
	if ((rc = mk_store_login_failure_delete(svc->store, attempt, err)) ||
	    (rc = mk_store_login_failures_clear(svc->store, name, err)) ||
	    (rc = mk_store_session_insert(svc->store, hash, f.account.id, csrf, now, err)) ||
	    (rehash[0] &&
	     (rc = mk_store_account_set_password(svc->store, f.account.id, rehash, err))) ||
	    (rc = mk_store_commit(svc->store, err)))
		goto fail;
	memcpy(ret_token, token, MK_TOKEN_TEXT);
	memcpy(ret_csrf, csrf, MK_TOKEN_TEXT);
	*ret_account = f.account;
	sodium_memzero(token, sizeof(token));
	return MK_OK;
fail:
	mk_store_rollback(svc->store);
	return rc;
}


struct found_session {
	struct mk_account account;
	char csrf[MK_TOKEN_TEXT];
	mk_time created_at, last_used_at;
};

static enum mk_rc take_session(void *ctx, const struct mk_store_session *se)
{
	struct found_session *f = ctx;
	copy_account(&f->account, &se->account);
	snprintf(f->csrf, sizeof(f->csrf), "%s", se->csrf);
	f->created_at = se->created_at;
	f->last_used_at = se->last_used_at;
	return MK_OK;
}

static enum mk_rc no_session(struct mk_error *err)
{
	return mk_error_set(err, MK_ENOTFOUND, "session", "the session has ended or does not exist");
}

/* One write in its own transaction (ending or touching a session). */
static enum mk_rc write_session(struct mk_service *svc, const char *hash, mk_time touch_at,
				struct mk_error *err)
{
	enum mk_rc rc = mk_store_begin(svc->store, true, err);
	if (rc)
		return rc;
	rc = touch_at == MK_TIME_UNKNOWN ? mk_store_session_delete(svc->store, hash, err)
					 : mk_store_session_touch(svc->store, hash, touch_at, err);
	return finish(svc, rc, err);
}

enum mk_rc mk_svc_session_get(struct mk_service *svc, mk_time now, const char *token,
			      struct mk_account *ret_account, char ret_csrf[MK_TOKEN_TEXT],
			      struct mk_error *err)
{
	if (!token_shape(token))
		return no_session(err);
	char hash[TOKEN_HASH_HEX];
	token_hash(token, hash);
	struct found_session f;
	enum mk_rc rc = mk_store_session_get(svc->store, hash, take_session, &f, err);
	if (rc == MK_ENOTFOUND)
		return no_session(err);
	if (rc)
		return rc;
	/* Valid while now is before both limits: idle from the last recorded
	 * use, absolute from the login. */
	bool expired = now >= f.last_used_at + MK_SESSION_IDLE || now >= f.created_at + MK_SESSION_MAX;
	if (expired || f.account.disabled) {
		/* Ending it is tidying up: the answer is "no session" either way. */
		struct mk_error ignored;
		write_session(svc, hash, MK_TIME_UNKNOWN, &ignored);
		return no_session(err);
	}
	if (now - f.last_used_at >= SESSION_TOUCH_EVERY &&
	    (rc = write_session(svc, hash, now, err)))
		return rc;
	*ret_account = f.account;
	memcpy(ret_csrf, f.csrf, MK_TOKEN_TEXT);
	return MK_OK;
}

enum mk_rc mk_svc_logout(struct mk_service *svc, const char *token, struct mk_error *err)
{
	if (!token_shape(token))
		return MK_OK;
	char hash[TOKEN_HASH_HEX];
	token_hash(token, hash);
	return write_session(svc, hash, MK_TIME_UNKNOWN, err);
}

/* --- API tokens ------------------------------------------------------------------- */

enum mk_rc mk_svc_token_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			    const char *user_name, const char *token_name,
			    char ret_token[MK_TOKEN_TEXT], struct mk_error *err)
{
	enum mk_rc rc;
	if ((rc = check_name("name", "token", token_name, err)))
		return rc;
	char token[MK_TOKEN_TEXT], hash[TOKEN_HASH_HEX];
	new_token(token);
	token_hash(token, hash);
	struct found_account f;
	if ((rc = mk_store_begin(svc->store, true, err)))
		return rc;
	if ((rc = find_account(svc, "user", user_name, &f, err)))
		goto out;
	if (f.account.disabled) {
		rc = mk_error_set(err, MK_ECONFLICT, "user", "account '%s' is disabled", user_name);
		goto out;
	}
	char what[128];
	snprintf(what, sizeof(what), "API token '%s' added", token_name);
	if ((rc = mk_store_token_insert(svc->store, token_name, hash, f.account.id, now, err)) ||
	    (rc = audit(svc, actor, now, f.account.name, what, err)))
		goto out;
out:
	rc = finish(svc, rc, err);
	if (rc == MK_OK)
		memcpy(ret_token, token, MK_TOKEN_TEXT);
	sodium_memzero(token, sizeof(token));
	return rc;
}

struct found_token {
	struct mk_account account;
	mk_time revoked_at;
};

static enum mk_rc take_token(void *ctx, const struct mk_store_token *t)
{
	struct found_token *f = ctx;
	copy_account(&f->account, &t->account);
	f->revoked_at = t->revoked_at;
	return MK_OK;
}

enum mk_rc mk_svc_token_auth(struct mk_service *svc, mk_time now, const char *token,
			     struct mk_account *ret_account, struct mk_error *err)
{
	(void)now; /* tokens do not expire; they are revoked */
	static const char unknown[] = "the token is unknown or revoked";
	if (!token_shape(token))
		return mk_error_set(err, MK_ENOTFOUND, "token", "%s", unknown);
	char hash[TOKEN_HASH_HEX];
	token_hash(token, hash);
	struct found_token f;
	enum mk_rc rc = mk_store_token_get(svc->store, hash, take_token, &f, err);
	if (rc == MK_ENOTFOUND ||
	    (rc == MK_OK && (f.revoked_at != MK_TIME_UNKNOWN || f.account.disabled)))
		return mk_error_set(err, MK_ENOTFOUND, "token", "%s", unknown);
	if (rc == MK_OK)
		*ret_account = f.account;
	return rc;
}

enum mk_rc mk_svc_token_revoke(struct mk_service *svc, const struct mk_actor *actor,
			       mk_time now, const char *token_name, struct mk_error *err)
{
	enum mk_rc rc;
	if ((rc = check_name("name", "token", token_name, err)))
		return rc;
	struct found_token f;
	if ((rc = mk_store_begin(svc->store, true, err)))
		return rc;
	if ((rc = mk_store_token_get_by_name(svc->store, token_name, take_token, &f, err)))
		goto out;
	if (f.revoked_at != MK_TIME_UNKNOWN) {
		rc = mk_error_set(err, MK_ECONFLICT, "name", "token '%s' is revoked already",
				  token_name);
		goto out;
	}
	char what[128];
	snprintf(what, sizeof(what), "API token '%s' revoked", token_name);
	if ((rc = mk_store_token_revoke(svc->store, token_name, now, err)) == MK_OK)
		rc = audit(svc, actor, now, f.account.name, what, err);
out:
	return finish(svc, rc, err);
}

/* --- Need-to-know and teams ---------------------------------------------------------- */

enum mk_rc mk_svc_access_subject(struct mk_service *svc, const char *key,
				 const char *account_name, struct mk_access_subject *ret,
				 struct mk_error *err)
{
	struct mk_access_subject s;
	enum mk_rc rc = mk_store_access_facts(svc->store, key, account_name, &s, err);
	if (rc == MK_OK)
		*ret = s;
	return rc;
}

struct team_change {
	const struct mk_actor *actor;
	mk_time now;
	const char *account_name;
	bool add;
};

static enum mk_rc team_change(struct mk_service *svc, struct mk_incident *inc,
			      int checklist_version, void *ctx, bool *ret_unchanged,
			      struct mk_error *err)
{
	(void)checklist_version;
	(void)ret_unchanged; /* adding who is there, or removing who is not, is refused */
	const struct team_change *tc = ctx;
	struct found_account f;
	enum mk_rc rc = find_account(svc, "account", tc->account_name, &f, err);
	if (rc)
		return rc;
	sodium_memzero(f.hash, sizeof(f.hash));
	if (tc->add) {
		/* A team member sees the incident even when it is confidential;
		 * a melder sees only their own reports (core/access.c), so a
		 * melder on a team would be a member who cannot see it. */
		if (f.account.role == MK_ROLE_MELDER)
			return mk_error_set(err, MK_ECONFLICT, "account",
					    "account '%s' has the role melder: only staff can be on "
					    "an incident's team",
					    f.account.name);
		if (f.account.disabled)
			return mk_error_set(err, MK_ECONFLICT, "account", "account '%s' is disabled",
					    f.account.name);
		rc = mk_store_team_add(svc->store, inc->id, f.account.id, err);
		if (rc == MK_ECONFLICT)
			return mk_error_set(err, MK_ECONFLICT, "account",
					    "'%s' is on the team of %s already", f.account.name, inc->key);
	} else {
		rc = mk_store_team_remove(svc->store, inc->id, f.account.id, err);
		if (rc == MK_ENOTFOUND)
			return mk_error_set(err, MK_ENOTFOUND, "account",
					    "'%s' is not on the team of %s", f.account.name, inc->key);
	}
	if (rc)
		return rc;
	struct mk_buf text;
	mk_buf_init(&text, MK_SHORT_TEXT_MAX);
	mk_buf_addf(&text, "%s het team: %s (%s, %s)", tc->add ? "Toegevoegd aan" : "Verwijderd uit",
		    f.account.display_name, f.account.name, mk_role_name(f.account.role));
	if ((rc = mk_buf_rc(&text)))
		mk_error_set(err, rc, "", "out of memory");
	else
		rc = mk_svc_log_append(svc, inc, tc->actor, tc->now, MK_LOG_STATUS, text.data, err);
	mk_buf_release(&text);
	return rc;
}

enum mk_rc mk_svc_team_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			   const char *key, const char *account_name, struct mk_error *err)
{
	struct team_change tc = {actor, now, account_name, true};
	return mk_svc_change(svc, key, 0, now, team_change, &tc, err);
}

enum mk_rc mk_svc_team_remove(struct mk_service *svc, const struct mk_actor *actor,
			      mk_time now, const char *key, const char *account_name,
			      struct mk_error *err)
{
	struct team_change tc = {actor, now, account_name, false};
	return mk_svc_change(svc, key, 0, now, team_change, &tc, err);
}

enum mk_rc mk_svc_team(struct mk_service *svc, const char *key, mk_team_cb cb, void *ctx,
		       struct mk_error *err)
{
	struct mk_incident inc;
	mk_incident_init(&inc);
	enum mk_rc rc = mk_store_incident_get(svc->store, key, &inc, NULL, err);
	if (rc == MK_OK)
		rc = mk_store_team_list(svc->store, inc.id, cb, ctx, err);
	mk_incident_release(&inc);
	return rc;
}
