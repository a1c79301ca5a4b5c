/* meldkamer token add|list|revoke: API tokens for scripts and other systems
 * (a SIEM, a reporting job) that call the JSON API with
 * "Authorization: Bearer TOKEN". The token is printed once, on standard
 * output alone so that a script can capture it; meldkamer keeps only its
 * SHA-256 and cannot show it again. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "export/json.h"
#include "service/accounts.h"

enum { OPT_USER = MK_OPT_FIRST_OWN };

int mk_cmd_token_add(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"user", required_argument, NULL, OPT_USER},
		{0},
	};
	const char *user = NULL;
	int c;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_USER)
			user = optarg;
	}
	if (optind >= argc)
		return mk_cli_usage_error(cli, "missing the token name");
	if (argc - optind > 1)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
	if (!user)
		return mk_cli_usage_error(cli, "needs --user ACCOUNT: whose rights the token carries");
	const char *name = argv[optind];
	int status = mk_cli_open(cli, MK_STORE_WRITE);
	if (status)
		return status;
	char token[MK_TOKEN_TEXT];
	struct mk_error err = {0};
	if (mk_svc_token_add(cli->svc, &cli->actor, cli->now, user, name, token, &err))
		return mk_cli_fail(cli, &err);
	if (cli->json) {
		status = mk_cli_print_json(
			json_pack("{s:s, s:s, s:s}", "name", name, "user", user, "token", token));
	} else {
		printf("%s\n", token);
		mk_cli_error("%s: token '%s' for '%s' added; it is shown only this once\n", cli->prog,
			     name, user);
	}
	sodium_memzero(token, sizeof(token));
	return status;
}

int mk_cmd_token_revoke(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {MK_CLI_COMMON_OPTIONS, {0}};
	int c;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1)
		if (c == -2)
			return 2;
	if (optind >= argc)
		return mk_cli_usage_error(cli, "missing the token name");
	if (argc - optind > 1)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
	const char *name = argv[optind];
	int status = mk_cli_open(cli, MK_STORE_WRITE);
	if (status)
		return status;
	struct mk_error err = {0};
	if (mk_svc_token_revoke(cli->svc, &cli->actor, cli->now, name, &err))
		return mk_cli_fail(cli, &err);
	if (cli->json)
		return mk_cli_print_json(json_pack("{s:s, s:b}", "name", name, "revoked", 1));
	mk_cli_out("token '%s' revoked\n", name);
	return 0;
}

static enum mk_rc list_one(void *ctx, const struct mk_token_info *t)
{
	json_t *rows = ctx;
	if (rows)
		return json_array_append_new(
			       rows, json_pack("{s:s, s:s, s:o, s:o}", "name", t->name, "user",
					       t->account, "created_at", mk_json_time(t->created_at),
					       "revoked_at", mk_json_time(t->revoked_at)))
			       ? MK_ENOMEM
			       : MK_OK;
	char created[MK_TIME_TEXT], revoked[MK_TIME_TEXT];
	mk_cli_print_cell(t->name, 24);
	mk_cli_print_cell(t->account, 20);
	mk_cli_print_cell(mk_time_format_local(t->created_at, created), 22);
	if (t->revoked_at == MK_TIME_UNKNOWN) {
		mk_cli_print_cell("valid", 8);
	} else {
		char state[MK_TIME_TEXT + 16];
		snprintf(state, sizeof(state), "revoked %s", mk_time_format_local(t->revoked_at, revoked));
		mk_cli_print_cell(state, 40);
	}
	putchar('\n');
	return MK_OK;
}

int mk_cmd_token_list(struct mk_cli *cli, int argc, char **argv)
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
	struct mk_error err = {0};
	if (cli->json && !rows)
		return mk_cli_fail(cli, &(struct mk_error){MK_ENOMEM, "", "out of memory"});
	if (mk_svc_tokens(cli->svc, list_one, rows, &err)) {
		json_decref(rows);
		return mk_cli_fail(cli, &err);
	}
	return rows ? mk_cli_print_json(rows) : 0;
}
