/* meldkamer init: create the database or bring it up to date (a database
 * of an older schema is upgraded, and says so). */
#include <sodium.h>

#include "cli/cli.h"
#include "service/custody.h"

int mk_cmd_init(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {MK_CLI_COMMON_OPTIONS, {0}};
	int c;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1)
		if (c == -2)
			return 2;
	if (optind < argc)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);

	struct mk_error err = {0};
	bool created = false;
	if (mk_service_open(cli->db_path, MK_STORE_CREATE, cli->now, &cli->actor, &cli->svc,
			    &created, &err))
		return mk_cli_fail(cli, &err);
	/* The installation's signing key (doc/custody.md): made once, by the
	 * first init and by the init that upgrades an older database. */
	bool key_created = false;
	unsigned char pk[MK_SIGN_PUBLIC_BYTES];
	char fp[MK_KEY_FINGERPRINT];
	if (mk_svc_key_ensure(cli->svc, &key_created, &err) ||
	    mk_store_key_load(cli->svc->store, NULL, pk, &err))
		return mk_cli_fail(cli, &err);
	mk_key_fingerprint(pk, fp);
	int found = mk_svc_schema_found(cli->svc), current = mk_store_schema_version();
	bool upgraded = !created && found < current;
	if (cli->json)
		return mk_cli_print_json(json_pack(
			"{s:s, s:b, s:i, s:o, s:i, s:i, s:i, s:{s:s, s:b}}", "database", cli->db_path, "created",
			created, "schema_version", current, "upgraded_from",
			upgraded ? json_integer(found) : json_null(), "matrix_rows",
			(int)cli->svc->matrix.count, "checklist_tasks", (int)cli->svc->checklist.count,
			"checklist_version", cli->svc->checklist_version, "signing_key", "fingerprint",
			fp, "created", key_created));
	if (upgraded)
		printf("upgraded database '%s' from schema %d to %d: notification matrix %zu rows, "
		       "checklist %zu tasks\n",
		       cli->db_path, found, current, cli->svc->matrix.count, cli->svc->checklist.count);
	else
		printf("%s database '%s' (schema %d): notification matrix %zu rows, checklist %zu "
		       "tasks\n",
		       created ? "created" : "up to date:", cli->db_path, current,
		       cli->svc->matrix.count, cli->svc->checklist.count);
	if (key_created)
		mk_cli_out("created signing key '%s' (%s)\n", mk_store_key_path(cli->svc->store), fp);
	return 0;
}
