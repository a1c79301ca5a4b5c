/* Accounts, sessions, API tokens, throttling, teams and the need-to-know
 * listing filter on a real database (service/accounts.h, store.h): each
 * rule with its exact value, each refusal with its message and with
 * nothing written. A fresh temporary database per test. */
#include "fixture.h"

#include <sodium.h>

#include "base/alloc.h"
#include "service/accounts.h"
#include "service/service.h"

static const struct mk_actor admin = {"Beheer", MK_ROLE_ADMIN, "cli", NULL};
static const struct mk_actor manager = {"Bram Visser", MK_ROLE_INCIDENTMANAGER, "web", "bram"};

/* 2026-10-24T12:00:00Z */
#define NOW ((mk_time)1792843200)
#define PW "correct horse battery"
#define PW2 "paard batterij nietje"
#define ADDR "192.0.2.10"
/* Bounds the allocation fault loop. */
#define FAULT_LOOP_MAX_ACCOUNTS 10000

/* The service at the real argon2id cost (19 MiB, two passes). */
static struct mk_service *open_svc_real_cost(struct fixture *f)
{
	struct mk_service *svc = NULL;
	struct mk_error err = {0};
	assert_int_equal(mk_service_open(f->db, MK_STORE_CREATE, NOW, &admin, &svc, NULL, &err),
			 MK_OK);
	return svc;
}

/* The rest hash at libsodium's minimum cost: the same code path, and the
 * suite stays quick under valgrind (a real-cost hash takes seconds there).
 * Verifying uses the cost stored in each hash; only the dummy hash of an
 * unknown name costs the real amount. */
static struct mk_service *open_svc(struct fixture *f)
{
	struct mk_service *svc = open_svc_real_cost(f);
	svc->pwhash_opslimit = crypto_pwhash_OPSLIMIT_MIN;
	svc->pwhash_memlimit = crypto_pwhash_MEMLIMIT_MIN;
	return svc;
}

static void add_user(struct mk_service *svc, const char *name, enum mk_role role)
{
	struct mk_error err = {0};
	if (mk_svc_user_add(svc, &admin, NOW, name, NULL, role, PW, &err) != MK_OK)
		fail_msg("user add %s: %s", name, err.message);
}

static void new_incident(struct mk_service *svc, const struct mk_actor *who, const char *title,
			 bool confidential, char *key)
{
	const struct mk_field_value fields[] = {
		{"title", title},
		{"confidential", confidential ? "ja" : "nee"},
	};
	/* A melder says only what happened; the service desk marks the
	 * report confidential afterwards. */
	bool melder = who->role == MK_ROLE_MELDER;
	struct mk_error err = {0};
	if (mk_svc_incident_register(svc, who, NOW, fields, melder ? 1 : 2, key, &err) != MK_OK)
		fail_msg("register: %s", err.message);
	if (melder && confidential &&
	    mk_svc_incident_edit(svc, &admin, NOW, key, 1, fields + 1, 1, &err) != MK_OK)
		fail_msg("mark confidential: %s", err.message);
}

static char *dump(const char *path)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' .dump", path);
	FILE *p = popen(cmd, "r");
	size_t cap = 1 << 20, len = 0, n;
	char *buf = malloc(cap);
	while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
		len += n;
		if (len + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	pclose(p);
	return buf;
}

static void login_ok(struct mk_service *svc, mk_time at, const char *name, const char *pw,
		     char *token, char *csrf)
{
	struct mk_account acc;
	struct mk_error err = {0};
	if (mk_svc_login(svc, at, name, pw, ADDR, token, csrf, &acc, &err) != MK_OK)
		fail_msg("login %s: %s", name, err.message);
	assert_string_equal(acc.name, name);
}

static enum mk_rc login(struct mk_service *svc, mk_time at, const char *name, const char *pw,
			const char *address, struct mk_error *err)
{
	char token[MK_TOKEN_TEXT], csrf[MK_TOKEN_TEXT];
	struct mk_account acc;
	return mk_svc_login(svc, at, name, pw, address, token, csrf, &acc, err);
}

/* --- Accounts ---------------------------------------------------------------- */

static void test_accounts_add_and_get(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc_real_cost(f);
	struct mk_error err = {0};
	assert_int_equal(mk_svc_user_add(svc, &admin, NOW, "anna.de-vries_2", "Anna de Vries",
					 MK_ROLE_SERVICEDESK, PW, &err),
			 MK_OK);
	add_user(svc, "bram", MK_ROLE_CISO);
	struct mk_account a;
	assert_int_equal(mk_svc_user_get(svc, "anna.de-vries_2", &a, &err), MK_OK);
	assert_true(a.id > 0);
	assert_string_equal(a.name, "anna.de-vries_2");
	assert_string_equal(a.display_name, "Anna de Vries");
	assert_int_equal(a.role, MK_ROLE_SERVICEDESK);
	assert_false(a.disabled);
	assert_string_equal(a.lang, "nl");
	/* No display name: the login name. */
	assert_int_equal(mk_svc_user_get(svc, "bram", &a, &err), MK_OK);
	assert_string_equal(a.display_name, "bram");
	assert_int_equal(a.role, MK_ROLE_CISO);
	assert_int_equal(mk_svc_user_get(svc, "nobody", &a, &err), MK_ENOTFOUND);
	assert_string_equal(err.field, "name");
	assert_string_equal(err.message, "account 'nobody' does not exist");
	mk_service_close(svc);
	/* The hash is argon2id at the documented cost; the password itself
	 * is nowhere in the file. */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM account WHERE password_hash LIKE "
					"'$argon2id$v=19$m=19456,t=2,p=1$%'"),
			 2);
	char *all = dump(f->db);
	assert_null(strstr(all, PW));
	free(all);
}

static void test_accounts_refuse_bad_input_and_write_nothing(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_SERVICEDESK);
	char *before = dump(f->db);
	char long_name[MK_ACCOUNT_NAME_MAX + 2];
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	char long_pw[MK_PASSWORD_MAX + 2];
	memset(long_pw, 'p', sizeof(long_pw) - 1);
	long_pw[sizeof(long_pw) - 1] = '\0';
	char long_display[MK_NAME_MAX + 2];
	memset(long_display, 'd', sizeof(long_display) - 1);
	long_display[sizeof(long_display) - 1] = '\0';
	static const struct {
		const char *name, *display, *password;
		enum mk_role role;
		enum mk_rc rc;
		const char *field, *message;
	} cases[] = {
		{"anna", NULL, PW, MK_ROLE_CISO, MK_ECONFLICT, "name", "account 'anna' exists already"},
		{"", NULL, PW, MK_ROLE_CISO, MK_EINVAL, "name", "account name is empty"},
		{"Anna", NULL, PW, MK_ROLE_CISO, MK_EINVAL, "name",
		 "account name 'Anna' may hold only lower-case letters, digits, '.', '_' and '-'"},
		{"an na", NULL, PW, MK_ROLE_CISO, MK_EINVAL, "name",
		 "account name 'an na' may hold only lower-case letters, digits, '.', '_' and '-'"},
		{"-anna", NULL, PW, MK_ROLE_CISO, MK_EINVAL, "name",
		 "account name '-anna' must start with a lower-case letter or digit"},
		{"an\x1bna", NULL, PW, MK_ROLE_CISO, MK_EINVAL, "name",
		 "account name holds a character that is not allowed (byte 3): use lower-case "
		 "letters, digits, '.', '_' and '-'"},
		{"an\xffna", NULL, PW, MK_ROLE_CISO, MK_EINVAL, "name",
		 "account name holds a character that is not allowed (byte 3): use lower-case "
		 "letters, digits, '.', '_' and '-'"},
		{"nieuw", NULL, "kort", MK_ROLE_CISO, MK_EINVAL, "password",
		 "password is too short (4 characters, at least 12)"},
		/* Eleven characters in 22 bytes: characters count. */
		{"nieuw", NULL, "ééééééééééé", MK_ROLE_CISO, MK_EINVAL, "password",
		 "password is too short (11 characters, at least 12)"},
		{"nieuw", NULL, "", MK_ROLE_CISO, MK_EINVAL, "password", "password is empty"},
		{"nieuw", NULL, "correct horse \xc3\x28 battery", MK_ROLE_CISO, MK_EINVAL, "password",
		 "password is not valid UTF-8 (at byte 15)"},
		{"nieuw", "Anna\tde Vries", PW, MK_ROLE_CISO, MK_EINVAL, "display_name", NULL},
		{"nieuw", "   ", PW, MK_ROLE_CISO, MK_EINVAL, "display_name", "display_name is empty"},
		{"nieuw", NULL, PW, MK_ROLE_COUNT, MK_EINVAL, "role", "role is not one of the known roles"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_error err = {0};
		enum mk_rc rc = mk_svc_user_add(svc, &admin, NOW, cases[i].name, cases[i].display,
						cases[i].role, cases[i].password, &err);
		if (rc != cases[i].rc || strcmp(err.field, cases[i].field) != 0 ||
		    (cases[i].message && strcmp(err.message, cases[i].message) != 0))
			fail_msg("case %zu: rc %d field '%s' message '%s'", i, rc, err.field,
				 err.message);
	}
	struct mk_error err = {0};
	assert_int_equal(mk_svc_user_add(svc, &admin, NOW, long_name, NULL, MK_ROLE_CISO, PW, &err),
			 MK_ETOOBIG);
	assert_string_equal(err.message, "account name is too long (65 bytes, at most 64)");
	assert_int_equal(mk_svc_user_add(svc, &admin, NOW, "nieuw", NULL, MK_ROLE_CISO, long_pw, &err),
			 MK_ETOOBIG);
	assert_string_equal(err.message, "password is too long (1025 bytes, at most 1024)");
	assert_int_equal(mk_svc_user_add(svc, &admin, NOW, "nieuw", long_display, MK_ROLE_CISO, PW,
					 &err),
			 MK_ETOOBIG);
	assert_string_equal(err.field, "display_name");
	/* Exactly at the limits is fine. */
	long_name[MK_ACCOUNT_NAME_MAX] = '\0';
	long_pw[MK_PASSWORD_MAX] = '\0';
	mk_service_close(svc);
	char *after = dump(f->db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	svc = open_svc(f);
	assert_int_equal(mk_svc_user_add(svc, &admin, NOW, long_name, NULL, MK_ROLE_CISO, long_pw, &err),
			 MK_OK);
	assert_int_equal(mk_svc_user_add(svc, &admin, NOW, "twaalf", NULL, MK_ROLE_CISO,
					 "123456789012", &err),
			 MK_OK);
	mk_service_close(svc);
}

static enum mk_rc collect_names(void *ctx, const struct mk_account *a)
{
	struct mk_buf *b = ctx;
	mk_buf_addf(b, "%s:%s:%d:%s;", a->name, mk_role_name(a->role), a->disabled, a->lang);
	return MK_OK;
}

static void test_accounts_list_lang_and_disable(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "zoe", MK_ROLE_AUDITOR);
	add_user(svc, "anna", MK_ROLE_FG);
	struct mk_error err = {0};
	assert_int_equal(mk_svc_user_set_lang(svc, &admin, NOW, "zoe", "en", &err), MK_OK);
	assert_int_equal(mk_svc_user_set_lang(svc, &admin, NOW, "zoe", "de", &err), MK_EINVAL);
	assert_string_equal(err.field, "lang");
	assert_string_equal(err.message, "lang must be 'nl' or 'en'");
	assert_int_equal(mk_svc_user_set_lang(svc, &admin, NOW, "nobody", "en", &err), MK_ENOTFOUND);
	assert_int_equal(mk_svc_user_disable(svc, &admin, NOW, "anna", &err), MK_OK);
	assert_int_equal(mk_svc_user_disable(svc, &admin, NOW, "anna", &err), MK_ECONFLICT);
	assert_string_equal(err.message, "account 'anna' is disabled already");
	assert_int_equal(mk_svc_user_disable(svc, &admin, NOW, "nobody", &err), MK_ENOTFOUND);
	struct mk_buf b;
	mk_buf_init(&b, 1000);
	assert_int_equal(mk_svc_users(svc, collect_names, &b, &err), MK_OK);
	assert_string_equal(b.data, "anna:fg:1:nl;zoe:auditor:0:en;");
	mk_buf_release(&b);
	/* Setting the language it already has writes nothing. */
	long long audits = raw_int(f->db, "SELECT count(*) FROM account_audit");
	assert_int_equal(mk_svc_user_set_lang(svc, &admin, NOW, "zoe", "en", &err), MK_OK);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM account_audit"), audits);
	mk_service_close(svc);
}

/* --- Sessions ------------------------------------------------------------------ */

static bool token_text(const char *t)
{
	if (strlen(t) != MK_TOKEN_TEXT - 1)
		return false;
	for (const char *p = t; *p; p++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", *p))
			return false;
	return true;
}

static void sha256_hex(const char *text, char out[65])
{
	unsigned char h[32];
	crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
	sodium_bin2hex(out, 65, h, 32);
}

static void test_accounts_login_gives_a_session(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_SERVICEDESK);
	char token[MK_TOKEN_TEXT], csrf[MK_TOKEN_TEXT];
	struct mk_account acc;
	struct mk_error err = {0};
	assert_int_equal(mk_svc_login(svc, NOW, "anna", PW, ADDR, token, csrf, &acc, &err), MK_OK);
	assert_true(token_text(token));
	assert_true(token_text(csrf));
	assert_string_not_equal(token, csrf);
	assert_string_equal(acc.name, "anna");
	assert_int_equal(acc.role, MK_ROLE_SERVICEDESK);

	struct mk_account got;
	char got_csrf[MK_TOKEN_TEXT];
	assert_int_equal(mk_svc_session_get(svc, NOW + 1, token, &got, got_csrf, &err), MK_OK);
	assert_string_equal(got.name, "anna");
	assert_string_equal(got_csrf, csrf);
	/* Only the SHA-256 of the token is stored. */
	char hex[65], sql[200];
	sha256_hex(token, hex);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM session WHERE token_hash = '%s'", hex);
	assert_int_equal(raw_int(f->db, sql), 1);
	char *all = dump(f->db);
	assert_null(strstr(all, token));
	free(all);
	/* The attempt that succeeded is not left as a failure. */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM login_failure"), 0);

	/* Not a token of ours: not found, without a lookup. */
	static const char *const bad[] = {
		"", "x", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",   /* 42 */
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",          /* 44 */
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",          /* padding */
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",          /* well formed, unknown */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(mk_svc_session_get(svc, NOW, bad[i], &got, got_csrf, &err),
				 MK_ENOTFOUND);
		assert_string_equal(err.message, "the session has ended or does not exist");
	}
	assert_int_equal(mk_svc_session_get(svc, NOW, NULL, &got, got_csrf, &err), MK_ENOTFOUND);

	/* Logout ends it; logging out twice or with junk is fine. */
	assert_int_equal(mk_svc_logout(svc, token, &err), MK_OK);
	assert_int_equal(mk_svc_session_get(svc, NOW + 2, token, &got, got_csrf, &err), MK_ENOTFOUND);
	assert_int_equal(mk_svc_logout(svc, token, &err), MK_OK);
	assert_int_equal(mk_svc_logout(svc, "junk", &err), MK_OK);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM session"), 0);
	mk_service_close(svc);
}

static void test_accounts_wrong_name_and_wrong_password_look_the_same(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_SERVICEDESK);
	struct mk_error wrong_pw = {0}, wrong_name = {0}, err = {0};
	assert_int_equal(login(svc, NOW, "anna", PW2, ADDR, &wrong_pw), MK_EPERM);
	assert_int_equal(login(svc, NOW, "annie", PW, ADDR, &wrong_name), MK_EPERM);
	assert_string_equal(wrong_pw.message, "wrong name or password");
	assert_string_equal(wrong_name.message, wrong_pw.message);
	assert_string_equal(wrong_name.field, wrong_pw.field);
	/* A disabled account with its right password: the same answer. */
	assert_int_equal(mk_svc_user_disable(svc, &admin, NOW, "anna", &err), MK_OK);
	assert_int_equal(login(svc, NOW, "anna", PW, ADDR, &err), MK_EPERM);
	assert_string_equal(err.message, "wrong name or password");
	/* Each failure is recorded, for throttling. */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM login_failure"), 3);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM session"), 0);
	/* Oversized input is refused before anything is recorded. */
	char huge[MK_PASSWORD_MAX + 2];
	memset(huge, 'x', sizeof(huge) - 1);
	huge[sizeof(huge) - 1] = '\0';
	assert_int_equal(login(svc, NOW, "anna", huge, ADDR, &err), MK_ETOOBIG);
	assert_string_equal(err.message, "password is too long (at most 1024 bytes)");
	huge[MK_ACCOUNT_NAME_MAX + 1] = '\0';
	assert_int_equal(login(svc, NOW, huge, PW, ADDR, &err), MK_ETOOBIG);
	assert_string_equal(err.message, "name is too long (at most 64 bytes)");
	assert_int_equal(login(svc, NOW, "anna", PW, huge, &err), MK_EINVAL);
	assert_string_equal(err.field, "address");
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM login_failure"), 3);
	mk_service_close(svc);
}

static void test_accounts_throttle_after_exactly_five_failures(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_SERVICEDESK);
	struct mk_error err = {0};
	for (int i = 0; i < MK_LOGIN_FAILS_PER_ACCOUNT; i++)
		assert_int_equal(login(svc, NOW + i, "anna", PW2, ADDR, &err), MK_EPERM);
	/* The sixth attempt from that address is refused before the password
	 * is checked: the right one does not help. */
	assert_int_equal(login(svc, NOW + 10, "anna", PW, ADDR, &err), MK_ETHROTTLED);
	assert_string_equal(err.message, "too many failed logins: try again in 15 minutes");
	/* A refused attempt is not itself recorded (it was not checked). */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM login_failure"), 5);
	/* The first failure (at NOW) leaves the window at NOW + 15 min: one
	 * second before, still five. */
	assert_int_equal(login(svc, NOW + MK_LOGIN_WINDOW - 1, "anna", PW, ADDR, &err), MK_ETHROTTLED);
	char token[MK_TOKEN_TEXT], csrf[MK_TOKEN_TEXT];
	login_ok(svc, NOW + MK_LOGIN_WINDOW, "anna", PW, token, csrf);
	/* A good login forgets the account's failures. */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM login_failure"), 0);
	/* Other accounts were never throttled. */
	add_user(svc, "bram", MK_ROLE_CISO);
	mk_service_close(svc);
}

/* Five failures from one address do not lock the owner out elsewhere;
 * fifty from many addresses do. */
static void test_accounts_throttle_per_account_across_addresses(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_SERVICEDESK);
	struct mk_error err = {0};
	for (int i = 0; i < MK_LOGIN_FAILS_PER_ACCOUNT; i++)
		assert_int_equal(login(svc, NOW, "anna", PW2, ADDR, &err), MK_EPERM);
	assert_int_equal(login(svc, NOW, "anna", PW, ADDR, &err), MK_ETHROTTLED);
	char token[MK_TOKEN_TEXT], csrf[MK_TOKEN_TEXT];
	struct mk_account acc;
	/* From her own machine she is in. */
	assert_int_equal(mk_svc_login(svc, NOW, "anna", PW, "198.51.100.7", token, csrf, &acc, &err),
			 MK_OK);
	/* The good login forgot the failures; now 49 from ten addresses. */
	int n = 0;
	for (int a = 0; n < MK_LOGIN_FAILS_PER_ACCOUNT_ALL - 1; a++) {
		char addr[32];
		snprintf(addr, sizeof(addr), "203.0.113.%d", 10 + a);
		for (int i = 0; i < MK_LOGIN_FAILS_PER_ACCOUNT && n < MK_LOGIN_FAILS_PER_ACCOUNT_ALL - 1;
		     i++, n++)
			assert_int_equal(login(svc, NOW + 1, "anna", PW2, addr, &err), MK_EPERM);
	}
	/* The fiftieth is still checked; after it, anna is locked everywhere. */
	assert_int_equal(login(svc, NOW + 1, "anna", PW2, "203.0.113.200", &err), MK_EPERM);
	assert_int_equal(login(svc, NOW + 1, "anna", PW, "198.51.100.7", &err), MK_ETHROTTLED);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM login_failure"), 50);
	mk_service_close(svc);
}

static void test_accounts_four_failures_then_success_resets(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_SERVICEDESK);
	struct mk_error err = {0};
	char token[MK_TOKEN_TEXT], csrf[MK_TOKEN_TEXT];
	for (int i = 0; i < MK_LOGIN_FAILS_PER_ACCOUNT - 1; i++)
		assert_int_equal(login(svc, NOW, "anna", PW2, ADDR, &err), MK_EPERM);
	login_ok(svc, NOW + 1, "anna", PW, token, csrf);
	for (int i = 0; i < MK_LOGIN_FAILS_PER_ACCOUNT; i++)
		assert_int_equal(login(svc, NOW + 2, "anna", PW2, ADDR, &err), MK_EPERM);
	assert_int_equal(login(svc, NOW + 2, "anna", PW, ADDR, &err), MK_ETHROTTLED);
	mk_service_close(svc);
}

static void test_accounts_throttle_per_address(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_SERVICEDESK);
	struct mk_error err = {0};
	/* Twenty failures on twenty names from one address: four guessed
	 * names and four wrong passwords for each of four accounts (below
	 * their own limit of five). */
	for (int i = 0; i < 4; i++) {
		char name[16];
		snprintf(name, sizeof(name), "lid%d", i);
		add_user(svc, name, MK_ROLE_BEHANDELAAR);
	}
	for (int i = 0; i < MK_LOGIN_FAILS_PER_ADDRESS; i++) {
		char name[16];
		if (i < 4)
			snprintf(name, sizeof(name), "gok%d", i);
		else
			snprintf(name, sizeof(name), "lid%d", i % 4);
		assert_int_equal(login(svc, NOW, name, i < 4 ? PW : PW2, ADDR, &err), MK_EPERM);
	}
	assert_int_equal(login(svc, NOW, "anna", PW, ADDR, &err), MK_ETHROTTLED);
	char token[MK_TOKEN_TEXT], csrf[MK_TOKEN_TEXT];
	struct mk_account acc;
	assert_int_equal(mk_svc_login(svc, NOW, "anna", PW, "198.51.100.7", token, csrf, &acc, &err),
			 MK_OK);
	mk_service_close(svc);
}

static void test_accounts_session_idle_expiry_to_the_second(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_SERVICEDESK);
	char a[MK_TOKEN_TEXT], b[MK_TOKEN_TEXT], csrf[MK_TOKEN_TEXT];
	login_ok(svc, NOW, "anna", PW, a, csrf);
	login_ok(svc, NOW, "anna", PW, b, csrf);
	struct mk_account acc;
	struct mk_error err = {0};
	assert_int_equal(mk_svc_session_get(svc, NOW + MK_SESSION_IDLE - 1, a, &acc, csrf, &err),
			 MK_OK);
	assert_int_equal(mk_svc_session_get(svc, NOW + MK_SESSION_IDLE, b, &acc, csrf, &err),
			 MK_ENOTFOUND);
	/* The expired one is gone from the table. */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM session"), 1);
	/* a was used at IDLE - 1: it lives until IDLE - 1 + IDLE, but the
	 * absolute limit (12 h) comes first. */
	assert_int_equal(mk_svc_session_get(svc, NOW + MK_SESSION_MAX - 1, a, &acc, csrf, &err),
			 MK_OK);
	assert_int_equal(mk_svc_session_get(svc, NOW + MK_SESSION_MAX, a, &acc, csrf, &err),
			 MK_ENOTFOUND);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM session"), 0);
	mk_service_close(svc);
}

static void test_accounts_session_last_use_written_once_a_minute(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_SERVICEDESK);
	char a[MK_TOKEN_TEXT], csrf[MK_TOKEN_TEXT];
	login_ok(svc, NOW, "anna", PW, a, csrf);
	struct mk_account acc;
	struct mk_error err = {0};
	assert_int_equal(mk_svc_session_get(svc, NOW + 59, a, &acc, csrf, &err), MK_OK);
	assert_int_equal(raw_int(f->db, "SELECT last_used_at FROM session"), NOW);
	assert_int_equal(mk_svc_session_get(svc, NOW + 60, a, &acc, csrf, &err), MK_OK);
	assert_int_equal(raw_int(f->db, "SELECT last_used_at FROM session"), NOW + 60);
	/* Idle counts from the last written use. */
	assert_int_equal(mk_svc_session_get(svc, NOW + 60 + MK_SESSION_IDLE - 1, a, &acc, csrf, &err),
			 MK_OK);
	mk_service_close(svc);
}

static void test_accounts_expired_sessions_are_purged_at_login(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_SERVICEDESK);
	char a[MK_TOKEN_TEXT], csrf[MK_TOKEN_TEXT];
	login_ok(svc, NOW, "anna", PW, a, csrf);
	login_ok(svc, NOW + MK_SESSION_IDLE - 1, "anna", PW, a, csrf);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM session"), 2);
	login_ok(svc, NOW + MK_SESSION_IDLE, "anna", PW, a, csrf);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM session"), 2);
	mk_service_close(svc);
}

/* A hash of another cost is made again at the cost in force when its
 * password is next given. */
static void test_accounts_login_rehashes_at_the_cost_in_force(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_SERVICEDESK);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM account WHERE password_hash LIKE "
					"'$argon2id$v=19$m=8,t=1,p=1$%'"),
			 1);
	char token[MK_TOKEN_TEXT], csrf[MK_TOKEN_TEXT];
	struct mk_error err = {0};
	/* A wrong password changes nothing. */
	svc->pwhash_opslimit = 0;
	svc->pwhash_memlimit = 0;
	assert_int_equal(login(svc, NOW, "anna", PW2, ADDR, &err), MK_EPERM);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM account WHERE password_hash LIKE "
					"'$argon2id$v=19$m=8,t=1,p=1$%'"),
			 1);
	login_ok(svc, NOW, "anna", PW, token, csrf);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM account WHERE password_hash LIKE "
					"'$argon2id$v=19$m=19456,t=2,p=1$%'"),
			 1);
	/* And it still opens. */
	login_ok(svc, NOW + 1, "anna", PW, token, csrf);
	mk_service_close(svc);
}

static void test_accounts_passwd_ends_sessions_not_tokens(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_SERVICEDESK);
	char s[MK_TOKEN_TEXT], csrf[MK_TOKEN_TEXT], t[MK_TOKEN_TEXT];
	login_ok(svc, NOW, "anna", PW, s, csrf);
	struct mk_error err = {0};
	assert_int_equal(mk_svc_token_add(svc, &admin, NOW, "anna", "siem", t, &err), MK_OK);
	assert_int_equal(mk_svc_user_passwd(svc, &admin, NOW + 5, "anna", "kort", &err), MK_EINVAL);
	assert_int_equal(mk_svc_user_passwd(svc, &admin, NOW + 5, "nobody", PW2, &err), MK_ENOTFOUND);
	struct mk_account acc;
	assert_int_equal(mk_svc_session_get(svc, NOW + 5, s, &acc, csrf, &err), MK_OK);
	assert_int_equal(mk_svc_user_passwd(svc, &admin, NOW + 5, "anna", PW2, &err), MK_OK);
	assert_int_equal(mk_svc_session_get(svc, NOW + 6, s, &acc, csrf, &err), MK_ENOTFOUND);
	assert_int_equal(login(svc, NOW + 7, "anna", PW, ADDR, &err), MK_EPERM);
	login_ok(svc, NOW + 8, "anna", PW2, s, csrf);
	assert_int_equal(mk_svc_token_auth(svc, NOW + 9, t, &acc, &err), MK_OK);
	mk_service_close(svc);
}

static void test_accounts_disable_ends_sessions_and_tokens(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_SERVICEDESK);
	add_user(svc, "bram", MK_ROLE_CISO);
	char s[MK_TOKEN_TEXT], csrf[MK_TOKEN_TEXT], t1[MK_TOKEN_TEXT], t2[MK_TOKEN_TEXT],
		other[MK_TOKEN_TEXT];
	login_ok(svc, NOW, "anna", PW, s, csrf);
	struct mk_error err = {0};
	assert_int_equal(mk_svc_token_add(svc, &admin, NOW, "anna", "siem", t1, &err), MK_OK);
	assert_int_equal(mk_svc_token_add(svc, &admin, NOW, "anna", "soc", t2, &err), MK_OK);
	assert_int_equal(mk_svc_token_add(svc, &admin, NOW, "bram", "bram-script", other, &err), MK_OK);
	assert_int_equal(mk_svc_user_disable(svc, &admin, NOW + 1, "anna", &err), MK_OK);
	struct mk_account acc;
	assert_int_equal(mk_svc_session_get(svc, NOW + 2, s, &acc, csrf, &err), MK_ENOTFOUND);
	assert_int_equal(mk_svc_token_auth(svc, NOW + 2, t1, &acc, &err), MK_ENOTFOUND);
	assert_string_equal(err.message, "the token is unknown or revoked");
	assert_int_equal(mk_svc_token_auth(svc, NOW + 2, t2, &acc, &err), MK_ENOTFOUND);
	assert_int_equal(mk_svc_token_auth(svc, NOW + 2, other, &acc, &err), MK_OK);
	assert_string_equal(acc.name, "bram");
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM session"), 0);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM api_token WHERE revoked_at = 1792843201"),
			 2);
	/* No new token for a disabled account. */
	assert_int_equal(mk_svc_token_add(svc, &admin, NOW + 3, "anna", "nog-een", t1, &err),
			 MK_ECONFLICT);
	assert_string_equal(err.message, "account 'anna' is disabled");
	mk_service_close(svc);
}

static void test_accounts_tokens_add_auth_revoke(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_SERVICEDESK);
	char t[MK_TOKEN_TEXT], t2[MK_TOKEN_TEXT];
	struct mk_error err = {0};
	assert_int_equal(mk_svc_token_add(svc, &admin, NOW, "anna", "siem-koppeling", t, &err), MK_OK);
	assert_true(token_text(t));
	char hex[65], sql[200];
	sha256_hex(t, hex);
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM api_token WHERE token_hash = '%s' AND name = 'siem-koppeling'",
		 hex);
	assert_int_equal(raw_int(f->db, sql), 1);
	struct mk_account acc;
	assert_int_equal(mk_svc_token_auth(svc, NOW, t, &acc, &err), MK_OK);
	assert_string_equal(acc.name, "anna");
	assert_int_equal(acc.role, MK_ROLE_SERVICEDESK);

	char *before = dump(f->db);
	assert_int_equal(mk_svc_token_add(svc, &admin, NOW, "anna", "siem-koppeling", t2, &err),
			 MK_ECONFLICT);
	assert_string_equal(err.message, "token 'siem-koppeling' exists already");
	assert_int_equal(mk_svc_token_add(svc, &admin, NOW, "nobody", "x", t2, &err), MK_ENOTFOUND);
	assert_string_equal(err.field, "user");
	assert_string_equal(err.message, "account 'nobody' does not exist");
	assert_int_equal(mk_svc_token_add(svc, &admin, NOW, "anna", "Bad Name", t2, &err), MK_EINVAL);
	assert_string_equal(err.message,
			    "token name 'Bad Name' may hold only lower-case letters, digits, '.', "
			    "'_' and '-'");
	assert_int_equal(mk_svc_token_revoke(svc, &admin, NOW, "nope", &err), MK_ENOTFOUND);
	assert_string_equal(err.message, "token 'nope' does not exist");
	char *after = dump(f->db);
	assert_string_equal(before, after);
	free(before);
	free(after);

	assert_int_equal(mk_svc_token_revoke(svc, &admin, NOW + 1, "siem-koppeling", &err), MK_OK);
	assert_int_equal(mk_svc_token_auth(svc, NOW + 2, t, &acc, &err), MK_ENOTFOUND);
	assert_int_equal(mk_svc_token_revoke(svc, &admin, NOW + 2, "siem-koppeling", &err),
			 MK_ECONFLICT);
	assert_string_equal(err.message, "token 'siem-koppeling' is revoked already");
	assert_int_equal(mk_svc_token_auth(svc, NOW, "junk", &acc, &err), MK_ENOTFOUND);
	assert_int_equal(mk_svc_token_auth(svc, NOW, NULL, &acc, &err), MK_ENOTFOUND);
	mk_service_close(svc);
}

static enum mk_rc collect_audit(void *ctx, const struct mk_store_audit *a)
{
	struct mk_buf *b = ctx;
	mk_buf_addf(b, "%lld|%s|%s|%s\n", (long long)(a->at - NOW), a->actor, a->account_name,
		    a->what);
	return MK_OK;
}

static void test_accounts_audit_rows(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	struct mk_error err = {0};
	char t[MK_TOKEN_TEXT];
	assert_int_equal(mk_svc_user_add(svc, &admin, NOW, "anna", "Anna", MK_ROLE_FG, PW, &err), MK_OK);
	assert_int_equal(mk_svc_user_set_lang(svc, &admin, NOW + 1, "anna", "en", &err), MK_OK);
	assert_int_equal(mk_svc_user_passwd(svc, &manager, NOW + 2, "anna", PW2, &err), MK_OK);
	assert_int_equal(mk_svc_token_add(svc, &admin, NOW + 3, "anna", "rapport", t, &err), MK_OK);
	assert_int_equal(mk_svc_token_revoke(svc, &admin, NOW + 4, "rapport", &err), MK_OK);
	assert_int_equal(mk_svc_token_add(svc, &admin, NOW + 5, "anna", "rapport2", t, &err), MK_OK);
	assert_int_equal(mk_svc_user_disable(svc, &admin, NOW + 6, "anna", &err), MK_OK);
	/* Refusals leave no row. */
	assert_int_equal(mk_svc_user_disable(svc, &admin, NOW + 7, "anna", &err), MK_ECONFLICT);
	assert_int_equal(mk_svc_user_add(svc, &admin, NOW + 7, "anna", NULL, MK_ROLE_FG, PW, &err),
			 MK_ECONFLICT);
	struct mk_buf b;
	mk_buf_init(&b, 4000);
	assert_int_equal(mk_store_audit_list(svc->store, "anna", collect_audit, &b, &err), MK_OK);
	assert_string_equal(b.data,
			    "0|Beheer (admin) via cli|anna|account created with role fg\n"
			    "1|Beheer (admin) via cli|anna|language set to en\n"
			    "2|Bram Visser (incidentmanager) via web|anna|password changed; sessions ended\n"
			    "3|Beheer (admin) via cli|anna|API token 'rapport' added\n"
			    "4|Beheer (admin) via cli|anna|API token 'rapport' revoked\n"
			    "5|Beheer (admin) via cli|anna|API token 'rapport2' added\n"
			    "6|Beheer (admin) via cli|anna|account disabled; sessions ended, 1 API "
			    "tokens revoked\n");
	mk_buf_release(&b);
	mk_service_close(svc);
	/* Append-only, and accounts are never deleted. */
	assert_int_equal(raw_sql(f->db, "UPDATE account_audit SET what = 'x'"), SQLITE_CONSTRAINT);
	assert_int_equal(raw_sql(f->db, "DELETE FROM account_audit"), SQLITE_CONSTRAINT);
	assert_int_equal(raw_sql(f->db, "DELETE FROM account"), SQLITE_CONSTRAINT);
}

/* --- Teams and need-to-know ------------------------------------------------------ */

static enum mk_rc collect_team(void *ctx, const char *name)
{
	struct mk_buf *b = ctx;
	mk_buf_addf(b, "%s;", name);
	return MK_OK;
}

struct last_entry {
	char text[512];
	char author[64];
	int64_t seq;
};

static enum mk_rc take_last(void *ctx, const struct mk_log_entry *e)
{
	struct last_entry *l = ctx;
	snprintf(l->text, sizeof(l->text), "%s", e->text);
	snprintf(l->author, sizeof(l->author), "%s", e->author);
	l->seq = e->seq;
	return MK_OK;
}

static void test_accounts_team_add_remove_is_logged(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	struct mk_error err = {0};
	assert_int_equal(mk_svc_user_add(svc, &admin, NOW, "carl", "Carl Jansen", MK_ROLE_BEHANDELAAR,
					 PW, &err),
			 MK_OK);
	add_user(svc, "dirk", MK_ROLE_DIRECTIE);
	add_user(svc, "mels", MK_ROLE_MELDER);
	add_user(svc, "weg", MK_ROLE_FG);
	assert_int_equal(mk_svc_user_disable(svc, &admin, NOW, "weg", &err), MK_OK);
	char key[MK_KEY_TEXT];
	new_incident(svc, &admin, "Datalek bij Jeugdzorg", true, key);

	assert_int_equal(mk_svc_team_add(svc, &manager, NOW + 10, key, "carl", &err), MK_OK);
	struct mk_incident inc;
	mk_incident_init(&inc);
	assert_int_equal(mk_svc_incident_get(svc, key, &inc, &err), MK_OK);
	struct last_entry last = {0};
	assert_int_equal(mk_store_log_last(svc->store, inc.id, take_last, &last, &err), MK_OK);
	assert_int_equal(last.seq, 2);
	assert_string_equal(last.author, "Bram Visser");
	assert_string_equal(last.text, "Toegevoegd aan het team: Carl Jansen (carl, behandelaar)");
	assert_int_equal(mk_svc_team_add(svc, &manager, NOW + 11, "mk-2026-1", "dirk", &err), MK_OK);

	char *before = dump(f->db);
	assert_int_equal(mk_svc_team_add(svc, &manager, NOW + 12, key, "carl", &err), MK_ECONFLICT);
	assert_string_equal(err.field, "account");
	assert_string_equal(err.message, "'carl' is on the team of MK-2026-0001 already");
	assert_int_equal(mk_svc_team_add(svc, &manager, NOW + 12, key, "mels", &err), MK_ECONFLICT);
	assert_string_equal(err.message,
			    "account 'mels' has the role melder: only staff can be on an incident's "
			    "team");
	assert_int_equal(mk_svc_team_add(svc, &manager, NOW + 12, key, "weg", &err), MK_ECONFLICT);
	assert_string_equal(err.message, "account 'weg' is disabled");
	assert_int_equal(mk_svc_team_add(svc, &manager, NOW + 12, key, "nobody", &err), MK_ENOTFOUND);
	assert_string_equal(err.field, "account");
	assert_string_equal(err.message, "account 'nobody' does not exist");
	assert_int_equal(mk_svc_team_add(svc, &manager, NOW + 12, "MK-2026-0099", "carl", &err),
			 MK_ENOTFOUND);
	assert_string_equal(err.message, "incident 'MK-2026-0099' does not exist");
	assert_int_equal(mk_svc_team_remove(svc, &manager, NOW + 12, key, "mels", &err), MK_ENOTFOUND);
	assert_string_equal(err.message, "'mels' is not on the team of MK-2026-0001");
	char *after = dump(f->db);
	assert_string_equal(before, after);
	free(before);
	free(after);

	struct mk_buf b;
	mk_buf_init(&b, 1000);
	assert_int_equal(mk_svc_team(svc, key, collect_team, &b, &err), MK_OK);
	assert_string_equal(b.data, "carl;dirk;");
	assert_int_equal(mk_svc_team_remove(svc, &manager, NOW + 13, key, "carl", &err), MK_OK);
	assert_int_equal(mk_store_log_last(svc->store, inc.id, take_last, &last, &err), MK_OK);
	assert_int_equal(last.seq, 4);
	assert_string_equal(last.text, "Verwijderd uit het team: Carl Jansen (carl, behandelaar)");
	mk_buf_reset(&b);
	assert_int_equal(mk_svc_team(svc, key, collect_team, &b, &err), MK_OK);
	assert_string_equal(b.data, "dirk;");
	mk_buf_release(&b);
	assert_int_equal(mk_svc_team(svc, "MK-2026-0099", collect_team, &b, &err), MK_ENOTFOUND);
	/* The chain still verifies with the team entries in it. */
	struct mk_chain_status cs;
	assert_int_equal(mk_svc_log_verify(svc, key, &cs, &err), MK_OK);
	assert_int_equal(cs.entries, 4);
	mk_incident_release(&inc);
	mk_service_close(svc);
}

static void test_accounts_team_add_frees_everything_on_allocation_failure(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "carl", MK_ROLE_BEHANDELAAR);
	char key[MK_KEY_TEXT];
	new_incident(svc, &admin, "Ransomware op de fileserver", false, key);
	enum mk_rc rc = MK_ENOMEM;
	long n;
	for (n = 0; n < FAULT_LOOP_MAX_ACCOUNTS && rc == MK_ENOMEM; n++) {
		struct mk_error err = {0};
		mk_alloc_fail_after(n);
		rc = mk_svc_team_add(svc, &manager, NOW + 1, key, "carl", &err);
		mk_alloc_fail_reset();
		if (rc == MK_ENOMEM)
			assert_int_equal(raw_int(f->db, "SELECT count(*) FROM incident_team"), 0);
		else
			assert_int_equal(rc, MK_OK);
	}
	assert_int_equal(rc, MK_OK);
	assert_true(n > 1); /* some allocation was failed on the way */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM incident_team"), 1);
	assert_int_equal(raw_int(f->db, "SELECT log_count FROM incident"), 2);
	mk_service_close(svc);
}

static void test_accounts_access_subject_facts(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "mels", MK_ROLE_MELDER);
	add_user(svc, "carl", MK_ROLE_BEHANDELAAR);
	const struct mk_actor melder = {"Mels Melder", MK_ROLE_MELDER, "web", "mels"};
	const struct mk_actor desk_web = {"Carl", MK_ROLE_SERVICEDESK, "web", "carl"};
	char own[MK_KEY_TEXT], other[MK_KEY_TEXT];
	new_incident(svc, &melder, "Verdachte mail", false, own);
	new_incident(svc, &desk_web, "Gestolen laptop", true, other);
	/* Only a melder's report records the account. */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM incident WHERE reporter_account = "
					"'mels' AND key = 'MK-2026-0001'"),
			 1);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM incident WHERE reporter_account IS "
					"NULL AND key = 'MK-2026-0002'"),
			 1);
	struct mk_error err = {0};
	assert_int_equal(mk_svc_team_add(svc, &manager, NOW, other, "carl", &err), MK_OK);

	static const struct {
		const char *key, *account;
		bool confidential, reporter, team;
	} cases[] = {
		{"MK-2026-0001", "mels", false, true, false},
		{"MK-2026-0001", "carl", false, false, false},
		{"MK-2026-0002", "mels", true, false, false},
		{"MK-2026-0002", "carl", true, false, true},
		{"mk-2026-2", "carl", true, false, true},
		{"MK-2026-0002", NULL, true, false, false},
		{"MK-2026-0002", "nobody", true, false, false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_access_subject s = {true, true, true};
		if (mk_svc_access_subject(svc, cases[i].key, cases[i].account, &s, &err) != MK_OK)
			fail_msg("case %zu: %s", i, err.message);
		if (s.confidential != cases[i].confidential || s.is_reporter != cases[i].reporter ||
		    s.on_team != cases[i].team)
			fail_msg("case %zu: %d %d %d", i, s.confidential, s.is_reporter, s.on_team);
	}
	struct mk_access_subject s;
	assert_int_equal(mk_svc_access_subject(svc, "MK-2026-0009", "carl", &s, &err), MK_ENOTFOUND);
	assert_string_equal(err.field, "key");
	assert_string_equal(err.message, "incident 'MK-2026-0009' does not exist");
	mk_service_close(svc);
}

/* --- The listing filter ----------------------------------------------------------- */

static enum mk_rc collect_keys(void *ctx, const struct mk_incident *inc)
{
	struct mk_buf *b = ctx;
	mk_buf_addf(b, "%s;", inc->key + 8);
	return MK_OK;
}

/* Five incidents: 1 mels's, 2 bob's confidential, 3 staff's, 4 staff's
 * confidential with carl on the team, 5 mels's confidential (closed). */
static struct mk_service *listing_fixture(struct fixture *f)
{
	struct mk_service *svc = open_svc(f);
	add_user(svc, "mels", MK_ROLE_MELDER);
	add_user(svc, "bob", MK_ROLE_MELDER);
	add_user(svc, "carl", MK_ROLE_BEHANDELAAR);
	const struct mk_actor mels = {"Mels", MK_ROLE_MELDER, "web", "mels"};
	const struct mk_actor bob = {"Bob", MK_ROLE_MELDER, "web", "bob"};
	char key[MK_KEY_TEXT];
	new_incident(svc, &mels, "Phishing bij Burgerzaken", false, key);
	new_incident(svc, &bob, "Phishing bij HR", true, key);
	new_incident(svc, &admin, "Phishing op de website", false, key);
	new_incident(svc, &admin, "Phishing bij de wethouder", true, key);
	new_incident(svc, &mels, "Phishing thuis", true, key);
	struct mk_error err = {0};
	assert_int_equal(mk_svc_team_add(svc, &manager, NOW, "MK-2026-0004", "carl", &err), MK_OK);
	assert_int_equal(raw_sql(f->db, "UPDATE incident SET closed_at = 1792843200 WHERE id = 5"),
			 SQLITE_OK);
	return svc;
}

static void test_accounts_listing_shows_only_what_the_viewer_may_see(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = listing_fixture(f);
	static const struct {
		const char *viewer;
		enum mk_role role;
		bool open_only;
		const char *want;
		int64_t count;
	} cases[] = {
		{"mels", MK_ROLE_MELDER, false, "0005;0001;", 2},
		{"mels", MK_ROLE_MELDER, true, "0001;", 1},
		{"bob", MK_ROLE_MELDER, false, "0002;", 1},
		{NULL, MK_ROLE_MELDER, false, "", 0},
		{"carl", MK_ROLE_BEHANDELAAR, false, "0004;0003;0001;", 3},
		{"carl", MK_ROLE_AUDITOR, true, "0004;0003;0001;", 3},
		{"dirk", MK_ROLE_DIRECTIE, false, "0003;0001;", 2},
		{"mels", MK_ROLE_SERVICEDESK, false, "0005;0003;0001;", 3},
		{"ciso", MK_ROLE_CISO, false, "0005;0004;0003;0002;0001;", 5},
		{"admin", MK_ROLE_ADMIN, true, "0004;0003;0002;0001;", 4},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_incident_query q = {.open_only = cases[i].open_only,
					      .viewer_account = cases[i].viewer,
					      .limit = 50};
		mk_access_filter_for(cases[i].role, &q.filter);
		struct mk_buf b;
		mk_buf_init(&b, 1000);
		struct mk_error err = {0};
		int64_t count = -1;
		assert_int_equal(mk_svc_incidents(svc, &q, collect_keys, &b, &err), MK_OK);
		assert_int_equal(mk_svc_incident_count(svc, &q, &count, &err), MK_OK);
		if (strcmp(b.data, cases[i].want) != 0 || count != cases[i].count)
			fail_msg("case %zu: got %s (%lld), want %s (%lld)", i, b.data, (long long)count,
				 cases[i].want, (long long)cases[i].count);
		/* With descriptions: the other statement, the same rows. */
		mk_buf_reset(&b);
		q.with_description = true;
		assert_int_equal(mk_svc_incidents(svc, &q, collect_keys, &b, &err), MK_OK);
		assert_string_equal(b.data, cases[i].want);
		mk_buf_release(&b);
	}
	/* No filter: everything (the CLI). */
	struct mk_incident_query all = {0};
	int64_t count = 0;
	assert_int_equal(mk_svc_incident_count(svc, &all, &count, NULL), MK_OK);
	assert_int_equal(count, 5);
	mk_service_close(svc);
}

static void test_accounts_listing_pages_count_only_visible(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = listing_fixture(f);
	struct mk_incident_query q = {.viewer_account = "carl", .limit = 2};
	mk_access_filter_for(MK_ROLE_BEHANDELAAR, &q.filter);
	struct mk_buf b;
	mk_buf_init(&b, 1000);
	struct mk_error err = {0};
	assert_int_equal(mk_svc_incidents(svc, &q, collect_keys, &b, &err), MK_OK);
	assert_string_equal(b.data, "0004;0003;");
	q.before_id = 3;
	mk_buf_reset(&b);
	assert_int_equal(mk_svc_incidents(svc, &q, collect_keys, &b, &err), MK_OK);
	assert_string_equal(b.data, "0001;");
	mk_buf_release(&b);
	mk_service_close(svc);
}

static void test_accounts_search_applies_the_same_filter(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = listing_fixture(f);
	struct mk_error err = {0};
	/* A logbook entry on the confidential incident 2 holds the word too. */
	const struct mk_actor ciso = {"Ciso", MK_ROLE_CISO, "web", "ciso"};
	assert_int_equal(mk_svc_log_add(svc, &ciso, NOW + 1, "MK-2026-0002", MK_LOG_NOTE,
					"Geheim: phishing via de loonstrook", &err),
			 MK_OK);
	static const struct {
		const char *viewer;
		enum mk_role role;
		const char *query, *want;
		int limit;
	} cases[] = {
		{"mels", MK_ROLE_MELDER, "phishing", "0005;0001;", 50},
		{"mels", MK_ROLE_MELDER, "phishing", "0005;", 1},
		{"carl", MK_ROLE_BEHANDELAAR, "phishing", "0004;0003;0001;", 50},
		{"carl", MK_ROLE_BEHANDELAAR, "phishing", "0004;", 1},
		{"carl", MK_ROLE_BEHANDELAAR, "loonstrook", "", 50},
		{"bob", MK_ROLE_MELDER, "loonstrook", "0002;", 50},
		{"ciso", MK_ROLE_CISO, "loonstrook", "0002;", 50},
		{"ciso", MK_ROLE_CISO, "phishing", "0005;0004;0003;0002;0001;", 50},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_incident_query scope = {.viewer_account = cases[i].viewer};
		mk_access_filter_for(cases[i].role, &scope.filter);
		struct mk_buf b;
		mk_buf_init(&b, 1000);
		assert_int_equal(mk_svc_search(svc, cases[i].query, cases[i].limit, &scope, collect_keys,
					       &b, &err),
				 MK_OK);
		if (strcmp(b.data, cases[i].want) != 0)
			fail_msg("case %zu: got %s, want %s", i, b.data, cases[i].want);
		mk_buf_release(&b);
	}
	struct mk_buf b;
	mk_buf_init(&b, 1000);
	assert_int_equal(mk_svc_search(svc, "loonstrook", 50, NULL, collect_keys, &b, &err), MK_OK);
	assert_string_equal(b.data, "0002;");
	mk_buf_release(&b);
	mk_service_close(svc);
}

struct deadline_keys {
	char keys[256];
};

static enum mk_rc collect_deadline_key(void *ctx, const struct mk_incident *inc,
				       const struct mk_deadline *d)
{
	(void)d;
	struct deadline_keys *k = ctx;
	/* One entry per incident (an incident has several clocks). */
	if (!strstr(k->keys, inc->key + 8))
		snprintf(k->keys + strlen(k->keys), sizeof(k->keys) - strlen(k->keys), "%s;",
			 inc->key + 8);
	return MK_OK;
}

static void test_accounts_deadlines_apply_the_same_filter(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	add_user(svc, "carl", MK_ROLE_BEHANDELAAR);
	struct mk_error err = {0};
	char key[MK_KEY_TEXT];
	for (int i = 0; i < 2; i++) {
		const struct mk_field_value fields[] = {
			{"title", i ? "Geheim datalek" : "Phishing"},
			{"confidential", i ? "ja" : "nee"},
			{"detected_at", "2026-10-24 12:00"}, /* 10:00Z: the AP clock runs */
			{"personal_data", "ja"},
		};
		assert_int_equal(mk_svc_incident_register(svc, &admin, NOW, fields, 4, key, &err), MK_OK);
	}
	static const struct {
		const char *viewer;
		enum mk_role role;
		const char *want;
	} cases[] = {
		{"carl", MK_ROLE_BEHANDELAAR, "0001;"},
		{"ciso", MK_ROLE_CISO, "0002;0001;"},
		{"mels", MK_ROLE_MELDER, ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_incident_query scope = {.viewer_account = cases[i].viewer};
		mk_access_filter_for(cases[i].role, &scope.filter);
		struct deadline_keys k = {""};
		assert_int_equal(mk_svc_deadlines_visible(svc, NOW, &scope, collect_deadline_key, &k, &err),
				 MK_OK);
		if (strcmp(k.keys, cases[i].want) != 0)
			fail_msg("case %zu: got %s, want %s", i, k.keys, cases[i].want);
	}
	struct deadline_keys k = {""};
	assert_int_equal(mk_svc_deadlines(svc, NOW, collect_deadline_key, &k, &err), MK_OK);
	assert_string_equal(k.keys, "0002;0001;");
	mk_service_close(svc);
}

/* --- Migration -------------------------------------------------------------------- */

extern const char mk_migration_0001[];

static void test_accounts_version_1_database_is_upgraded(void **state)
{
	struct fixture *f = *state;
	/* A database as meldkamer 0.1 with schema 1 left it, with an
	 * incident in it. */
	assert_int_equal(raw_sql(f->db, mk_migration_0001), SQLITE_OK);
	assert_int_equal(raw_sql(f->db, "PRAGMA user_version = 1; PRAGMA application_id = 1296778306; "
					"PRAGMA journal_mode = WAL"),
			 SQLITE_OK);
	struct mk_service *svc = NULL;
	struct mk_error err = {0};
	/* Reading needs the upgrade first. */
	assert_int_equal(mk_service_open(f->db, MK_STORE_READ, NOW, &admin, &svc, NULL, &err),
			 MK_ESTORE);
	char want[512];
	snprintf(want, sizeof(want),
		 "database '%s' has schema version 1 and needs an upgrade: run 'meldkamer init --db "
		 "%s'",
		 f->db, f->db);
	assert_string_equal(err.message, want);
	svc = open_svc(f);
	char key[MK_KEY_TEXT];
	new_incident(svc, &admin, "Van voor de upgrade", false, key);
	mk_service_close(svc);
	assert_int_equal(raw_int(f->db, "PRAGMA user_version"), mk_store_schema_version());
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM incident WHERE reporter_account IS NULL"),
			 1);
	/* And from then on it has accounts. */
	svc = open_svc(f);
	add_user(svc, "anna", MK_ROLE_ADMIN);
	mk_service_close(svc);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM account"), 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_accounts_add_and_get),
		T(test_accounts_refuse_bad_input_and_write_nothing),
		T(test_accounts_list_lang_and_disable),
		T(test_accounts_login_gives_a_session),
		T(test_accounts_wrong_name_and_wrong_password_look_the_same),
		T(test_accounts_throttle_after_exactly_five_failures),
		T(test_accounts_throttle_per_account_across_addresses),
		T(test_accounts_four_failures_then_success_resets),
		T(test_accounts_throttle_per_address),
		T(test_accounts_session_idle_expiry_to_the_second),
		T(test_accounts_session_last_use_written_once_a_minute),
		T(test_accounts_expired_sessions_are_purged_at_login),
		T(test_accounts_login_rehashes_at_the_cost_in_force),
		T(test_accounts_passwd_ends_sessions_not_tokens),
		T(test_accounts_disable_ends_sessions_and_tokens),
		T(test_accounts_tokens_add_auth_revoke),
		T(test_accounts_audit_rows),
		T(test_accounts_team_add_remove_is_logged),
		T(test_accounts_team_add_frees_everything_on_allocation_failure),
		T(test_accounts_access_subject_facts),
		T(test_accounts_listing_shows_only_what_the_viewer_may_see),
		T(test_accounts_listing_pages_count_only_visible),
		T(test_accounts_search_applies_the_same_filter),
		T(test_accounts_deadlines_apply_the_same_filter),
		T(test_accounts_version_1_database_is_upgraded),
	};
	return cmocka_run_group_tests_name("accounts", tests, NULL, NULL);
}
