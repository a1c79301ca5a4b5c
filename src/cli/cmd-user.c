/* meldkamer user add|passwd|disable|enable|list|lang: the accounts of the web
 * application (service/accounts.h). Passwords come only from standard
 * input: on the command line they would show in the process list and in
 * the shell's history. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "service/accounts.h"

enum { OPT_ACCOUNT_ROLE = MK_OPT_FIRST_OWN, OPT_DISPLAY_NAME, OPT_PASSWORD_STDIN };

/* The password on standard input, one trailing newline stripped
 * (mk_cli_text_arg); the service checks length and UTF-8. NULL after
 * printing the problem (ret_status set). */
static char *read_password(struct mk_cli *cli, bool given, int *ret_status)
{
	if (!given) {
		*ret_status = mk_cli_usage_error(cli, "needs --password-stdin: the password is read from "
						      "standard input, never from the command line");
		return NULL;
	}
	char *pw = mk_cli_text_arg(cli, "-", MK_PASSWORD_MAX, ret_status);
	/* A line ended CRLF (a file written on Windows, some terminals):
	 * the \r is the line's end, not part of what the person typed. */
	size_t len = pw ? strlen(pw) : 0;
	if (len && pw[len - 1] == '\r')
		pw[len - 1] = '\0';
	return pw;
}

static void drop_password(char *pw)
{
	if (pw)
		sodium_memzero(pw, strlen(pw));
	mk_free(pw);
}

static json_t *account_json(const struct mk_account *a)
{
	return json_pack("{s:s, s:s, s:s, s:b, s:s}", "name", a->name, "display_name",
			 a->display_name, "role", mk_role_name(a->role), "disabled", a->disabled,
			 "lang", a->lang);
}

/* Prints the account as JSON, or `text` (for a change). */
static int print_account(struct mk_cli *cli, const char *name, const char *text)
{
	if (!cli->json) {
		mk_cli_out("%s\n", text);
		return 0;
	}
	struct mk_account a;
	struct mk_error err = {0};
	if (mk_svc_user_get(cli->svc, name, &a, &err))
		return mk_cli_fail(cli, &err);
	return mk_cli_print_json(account_json(&a));
}

/* The options shared by the verbs that take only NAME. */
static int name_only(struct mk_cli *cli, int argc, char **argv, const struct option *opts,
		     bool *ret_password_stdin, const char **ret_name)
{
	int c;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_PASSWORD_STDIN)
			*ret_password_stdin = true;
	}
	if (optind >= argc)
		return mk_cli_usage_error(cli, "missing the account name");
	if (argc - optind > 1)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
	*ret_name = argv[optind];
	return 0;
}

int mk_cmd_user_add(struct mk_cli *cli, int argc, char **argv)
{
	/* This --role is the new account's role; it comes before the common
	 * options, so getopt takes it (the caller's own role goes before the
	 * command: meldkamer --role admin user add ...). */
	static const struct option opts[] = {
		{"role", required_argument, NULL, OPT_ACCOUNT_ROLE},
		{"display-name", required_argument, NULL, OPT_DISPLAY_NAME},
		{"password-stdin", no_argument, NULL, OPT_PASSWORD_STDIN},
		MK_CLI_COMMON_OPTIONS,
		{0},
	};
	enum mk_role role = MK_ROLE_COUNT;
	const char *display_name = NULL;
	bool password_stdin = false;
	struct mk_error err = {0};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_ACCOUNT_ROLE && mk_role_parse(optarg, "role", &role, &err))
			return mk_cli_fail(cli, &err);
		if (c == OPT_DISPLAY_NAME)
			display_name = optarg;
		if (c == OPT_PASSWORD_STDIN)
			password_stdin = true;
	}
	if (optind >= argc)
		return mk_cli_usage_error(cli, "missing the account name");
	if (argc - optind > 1)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
	if (role == MK_ROLE_COUNT)
		return mk_cli_usage_error(cli, "needs --role ROLE: the new account's role");
	const char *name = argv[optind];
	char *password = read_password(cli, password_stdin, &status);
	if (!password)
		return status;
	if (!(status = mk_cli_open(cli, MK_STORE_WRITE))) {
		if (mk_svc_user_add(cli->svc, &cli->actor, cli->now, name, display_name, role,
				    password, &err)) {
			status = mk_cli_fail(cli, &err);
		} else {
			char text[160];
			snprintf(text, sizeof(text), "added account '%s' (%s)", name, mk_role_name(role));
			status = print_account(cli, name, text);
		}
	}
	drop_password(password);
	return status;
}

int mk_cmd_user_passwd(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"password-stdin", no_argument, NULL, OPT_PASSWORD_STDIN},
		MK_CLI_COMMON_OPTIONS,
		{0},
	};
	bool password_stdin = false;
	const char *name = NULL;
	int status = name_only(cli, argc, argv, opts, &password_stdin, &name);
	if (status)
		return status;
	char *password = read_password(cli, password_stdin, &status);
	if (!password)
		return status;
	struct mk_error err = {0};
	if (!(status = mk_cli_open(cli, MK_STORE_WRITE))) {
		if (mk_svc_user_passwd(cli->svc, &cli->actor, cli->now, name, password, &err)) {
			status = mk_cli_fail(cli, &err);
		} else {
			char text[160];
			snprintf(text, sizeof(text), "password of '%s' changed; its sessions ended", name);
			status = print_account(cli, name, text);
		}
	}
	drop_password(password);
	return status;
}

/* user disable and user enable: the account's name, and one service call. */
static int set_disabled(struct mk_cli *cli, int argc, char **argv, bool disable)
{
	static const struct option opts[] = {MK_CLI_COMMON_OPTIONS, {0}};
	bool unused = false;
	const char *name = NULL;
	int status = name_only(cli, argc, argv, opts, &unused, &name);
	if (status || (status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	struct mk_error err = {0};
	if (disable ? mk_svc_user_disable(cli->svc, &cli->actor, cli->now, name, &err)
		    : mk_svc_user_enable(cli->svc, &cli->actor, cli->now, name, &err))
		return mk_cli_fail(cli, &err);
	char text[200];
	snprintf(text, sizeof(text),
		 disable ? "account '%s' disabled: its sessions ended and its API tokens were revoked"
			 : "account '%s' enabled: it can log in again; its old API tokens stay revoked",
		 name);
	return print_account(cli, name, text);
}

int mk_cmd_user_disable(struct mk_cli *cli, int argc, char **argv)
{
	return set_disabled(cli, argc, argv, true);
}

int mk_cmd_user_enable(struct mk_cli *cli, int argc, char **argv)
{
	return set_disabled(cli, argc, argv, false);
}

int mk_cmd_user_lang(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {MK_CLI_COMMON_OPTIONS, {0}};
	int c;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1)
		if (c == -2)
			return 2;
	if (argc - optind != 2)
		return mk_cli_usage_error(cli, "needs the account name and the language (nl or en)");
	const char *name = argv[optind], *lang = argv[optind + 1];
	int status = mk_cli_open(cli, MK_STORE_WRITE);
	if (status)
		return status;
	struct mk_error err = {0};
	if (mk_svc_user_set_lang(cli->svc, &cli->actor, cli->now, name, lang, &err))
		return mk_cli_fail(cli, &err);
	char text[160];
	snprintf(text, sizeof(text), "language of '%s' set to %s", name, lang);
	return print_account(cli, name, text);
}

static enum mk_rc list_one(void *ctx, const struct mk_account *a)
{
	json_t *rows = ctx;
	if (rows)
		return json_array_append_new(rows, account_json(a)) ? MK_ENOMEM : MK_OK;
	mk_cli_print_cell(a->name, 20);
	mk_cli_print_cell(mk_role_name(a->role), 16);
	mk_cli_print_cell(a->lang, 5);
	mk_cli_print_cell(a->disabled ? "disabled" : "active", 9);
	mk_cli_print_cell(a->display_name, 40);
	putchar('\n');
	return MK_OK;
}

int mk_cmd_user_list(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {MK_CLI_COMMON_OPTIONS, {0}};
	int c;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1)
		if (c == -2)
			return 2;
	if (optind < argc)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
	int status = mk_cli_open(cli, MK_STORE_READ);
	if (status)
		return status;
	json_t *rows = cli->json ? json_array() : NULL;
	if (cli->json && !rows)
		return mk_cli_print_json(NULL);
	if (!rows) {
		mk_cli_print_cell("NAME", 20);
		mk_cli_print_cell("ROLE", 16);
		mk_cli_print_cell("LANG", 5);
		mk_cli_print_cell("STATE", 9);
		mk_cli_print_cell("DISPLAY NAME", 40);
		putchar('\n');
	}
	struct mk_error err = {0};
	if (mk_svc_users(cli->svc, list_one, rows, &err)) {
		json_decref(rows);
		return mk_cli_fail(cli, &err);
	}
	return rows ? mk_cli_print_json(rows) : 0;
}
