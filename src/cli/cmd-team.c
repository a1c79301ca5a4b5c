/* meldkamer team add|remove|list: the people on an incident's team. They
 * see the incident even when it is confidential (DESIGN.md "Who uses
 * it"); every change is an entry in the incident's logbook. */
#include "cli/cli.h"
#include "service/accounts.h"

/* KEY ACCOUNT, after the common options. */
static int key_and_account(struct mk_cli *cli, int argc, char **argv, const char **ret_key,
			   const char **ret_account)
{
	static const struct option opts[] = {MK_CLI_COMMON_OPTIONS, {0}};
	int c;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1)
		if (c == -2)
			return 2;
	if (argc - optind != 2)
		return mk_cli_usage_error(cli, "needs the incident key and the account name");
	*ret_key = argv[optind];
	*ret_account = argv[optind + 1];
	return mk_cli_open(cli, MK_STORE_WRITE);
}

static int change(struct mk_cli *cli, int argc, char **argv, bool add)
{
	const char *key = NULL, *account = NULL;
	int status = key_and_account(cli, argc, argv, &key, &account);
	if (status)
		return status;
	struct mk_error err = {0};
	enum mk_rc rc = add ? mk_svc_team_add(cli->svc, &cli->actor, cli->now, key, account, &err)
			    : mk_svc_team_remove(cli->svc, &cli->actor, cli->now, key, account, &err);
	if (rc)
		return mk_cli_fail(cli, &err);
	char text[200];
	snprintf(text, sizeof(text), "%s %s the team of %.20s", account, add ? "added to" : "removed from",
		 key);
	return mk_cli_changed(cli, key, text);
}

int mk_cmd_team_add(struct mk_cli *cli, int argc, char **argv)
{
	return change(cli, argc, argv, true);
}

int mk_cmd_team_remove(struct mk_cli *cli, int argc, char **argv)
{
	return change(cli, argc, argv, false);
}

static enum mk_rc print_member(void *ctx, const char *name)
{
	json_t *rows = ctx;
	if (rows)
		return json_array_append_new(rows, json_string(name)) ? MK_ENOMEM : MK_OK;
	mk_cli_out("%s\n", name);
	return MK_OK;
}

int mk_cmd_team_list(struct mk_cli *cli, int argc, char **argv)
{
	const char *key;
	int status = mk_cli_key_command(cli, argc, argv, &key);
	if (status)
		return status;
	json_t *rows = cli->json ? json_array() : NULL;
	if (cli->json && !rows)
		return mk_cli_print_json(NULL);
	struct mk_error err = {0};
	if (mk_svc_team(cli->svc, key, print_member, rows, &err)) {
		json_decref(rows);
		return mk_cli_fail(cli, &err);
	}
	return rows ? mk_cli_print_json(rows) : 0;
}
