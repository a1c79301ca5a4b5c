/* meldkamer task done|na|list: the Bijlage 1 checklist of an incident. */
#include <string.h>

#include "cli/cli.h"
#include "export/json.h"

enum { OPT_NOTE = MK_OPT_FIRST_OWN, OPT_REASON, OPT_OPEN };

static int set_task(struct mk_cli *cli, int argc, char **argv, enum mk_task_state state)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"note", required_argument, NULL, OPT_NOTE},
		{"reason", required_argument, NULL, OPT_REASON},
		{0},
	};
	const char *note = NULL;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_NOTE || c == OPT_REASON)
			note = optarg;
	}
	if (argc - optind != 2)
		return mk_cli_usage_error(cli, "needs the incident key and the task code, e.g. MK-2026-0001 1.4");
	if (state == MK_TASK_NVT && !note)
		return mk_cli_usage_error(cli, "marking a task n.v.t. needs --reason");
	if (state == MK_TASK_OPEN && !note)
		return mk_cli_usage_error(cli, "reopening a task needs --reason");
	const char *key = argv[optind], *code = argv[optind + 1];
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	struct mk_error err = {0};
	if (mk_svc_task_set(cli->svc, &cli->actor, cli->now, key, code, state, note, &err))
		return mk_cli_fail(cli, &err);
	char done[64];
	snprintf(done, sizeof(done), "%s task %.8s %s", key, code,
		 state == MK_TASK_DONE ? "done" : state == MK_TASK_NVT ? "n.v.t." : "reopened");
	return mk_cli_changed(cli, key, done);
}

int mk_cmd_task_done(struct mk_cli *cli, int argc, char **argv)
{
	return set_task(cli, argc, argv, MK_TASK_DONE);
}

int mk_cmd_task_na(struct mk_cli *cli, int argc, char **argv)
{
	return set_task(cli, argc, argv, MK_TASK_NVT);
}

int mk_cmd_task_reopen(struct mk_cli *cli, int argc, char **argv)
{
	return set_task(cli, argc, argv, MK_TASK_OPEN);
}

struct task_list {
	bool open_only;
	json_t *rows;
};

static enum mk_rc list_task(void *ctx, const struct mk_task_view *t)
{
	struct task_list *tl = ctx;
	if (tl->open_only && t->row->state != MK_TASK_OPEN)
		return MK_OK;
	if (tl->rows)
		return json_array_append_new(tl->rows, mk_json_task(t)) ? MK_ENOMEM : MK_OK;
	printf("%-5s %-5s %-16s %s\n", t->task->code, mk_task_state_name(t->row->state),
	       mk_role_name(t->task->role), t->task->title);
	return MK_OK;
}

int mk_cmd_task_list(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"open", no_argument, NULL, OPT_OPEN},
		{0},
	};
	struct task_list tl = {0};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_OPEN)
			tl.open_only = true;
	}
	if (argc - optind != 1)
		return mk_cli_usage_error(cli, "needs the incident key");
	if ((status = mk_cli_open(cli, MK_STORE_READ)))
		return status;
	tl.rows = cli->json ? json_array() : NULL;
	struct mk_error err = {0};
	if (mk_svc_tasks(cli->svc, argv[optind], list_task, &tl, &err)) {
		json_decref(tl.rows);
		return mk_cli_fail(cli, &err);
	}
	return cli->json ? mk_cli_print_json(tl.rows) : 0;
}
