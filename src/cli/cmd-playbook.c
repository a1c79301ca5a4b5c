/* meldkamer playbook attach KEY NAME: a playbook's tasks (data/playbooks/,
 * core/playbook.h) join an incident's checklist; `intake mail` does this
 * with "phishing" for every report it makes. */
#include "cli/cli.h"

int mk_cmd_playbook_attach(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {MK_CLI_COMMON_OPTIONS, {0}};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1)
		if (c == -2)
			return 2;
	if (argc - optind != 2)
		return mk_cli_usage_error(cli, "give the incident key and the playbook name (phishing)");
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	struct mk_error err = {0};
	size_t added = 0;
	if (mk_svc_playbook_attach(cli->svc, &cli->actor, cli->now, argv[optind], argv[optind + 1],
				   &added, &err))
		return mk_cli_fail(cli, &err);
	char text[160];
	snprintf(text, sizeof(text), "%s: playbook %.40s, %zu task%s added", argv[optind],
		 argv[optind + 1], added, added == 1 ? "" : "s");
	return mk_cli_changed(cli, argv[optind], text);
}
