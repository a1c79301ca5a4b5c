/* meldkamer decision add|list: BOBOC decisions. */
#include "cli/cli.h"
#include "export/json.h"

enum { OPT_B = MK_OPT_FIRST_OWN, OPT_O, OPT_BESLUIT, OPT_WIE, OPT_UITERLIJK, OPT_CONTROLE_OP,
       OPT_RESULTAAT };

int mk_cmd_decision_add(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"beeldvorming", required_argument, NULL, OPT_B},
		{"opties", required_argument, NULL, OPT_O},
		{"besluit", required_argument, NULL, OPT_BESLUIT},
		{"opdracht-wie", required_argument, NULL, OPT_WIE},
		{"opdracht-uiterlijk", required_argument, NULL, OPT_UITERLIJK},
		{"controle-op", required_argument, NULL, OPT_CONTROLE_OP},
		{"controle-resultaat", required_argument, NULL, OPT_RESULTAAT},
		{0},
	};
	struct mk_decision d = {.opdracht_uiterlijk = MK_TIME_UNKNOWN, .controle_op = MK_TIME_UNKNOWN};
	struct mk_error err = {0};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case -2:
			return 2;
		case OPT_B:
			d.beeldvorming = optarg;
			break;
		case OPT_O:
			d.opties = optarg;
			break;
		case OPT_BESLUIT:
			d.besluit = optarg;
			break;
		case OPT_WIE:
			d.opdracht_wie = optarg;
			break;
		case OPT_RESULTAAT:
			d.controle_resultaat = optarg;
			break;
		case OPT_UITERLIJK:
			if (mk_time_parse(optarg, "opdracht-uiterlijk", &d.opdracht_uiterlijk, &err))
				return mk_cli_fail(cli, &err);
			break;
		case OPT_CONTROLE_OP:
			if (mk_time_parse(optarg, "controle-op", &d.controle_op, &err))
				return mk_cli_fail(cli, &err);
			break;
		}
	}
	if (argc - optind != 1)
		return mk_cli_usage_error(cli, "needs the incident key");
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	if (mk_svc_decision_add(cli->svc, &cli->actor, cli->now, argv[optind], &d, &err))
		return mk_cli_fail(cli, &err);
	if (cli->json)
		return mk_cli_print_json(json_pack("{s:s, s:I}", "key", argv[optind], "decision",
						   (json_int_t)d.id));
	printf("%s decision %lld recorded\n", argv[optind], (long long)d.id);
	return 0;
}

static enum mk_rc print_decision(void *ctx, const struct mk_decision *d)
{
	json_t *rows = ctx;
	if (rows)
		return json_array_append_new(rows, mk_json_decision(d)) ? MK_ENOMEM : MK_OK;
	char a[MK_TIME_TEXT], b[MK_TIME_TEXT], c[MK_TIME_TEXT];
	printf("#%lld %s by %s\n  Beeldvorming: %s\n  Opties: %s\n  Besluit: %s\n"
	       "  Opdracht: %s, uiterlijk %s\n  Controle: %s%s%s\n",
	       (long long)d->id, mk_time_format_local(d->decided_at, a), d->decided_by,
	       d->beeldvorming, d->opties, d->besluit, d->opdracht_wie,
	       mk_time_format_local(d->opdracht_uiterlijk, b),
	       mk_time_format_local(d->controle_op != MK_TIME_UNKNOWN ? d->controle_op
								     : d->opdracht_uiterlijk, c),
	       d->controle_resultaat ? ", " : "", d->controle_resultaat ? d->controle_resultaat : "");
	return MK_OK;
}

int mk_cmd_decision_list(struct mk_cli *cli, int argc, char **argv)
{
	const char *key;
	int status = mk_cli_key_command(cli, argc, argv, &key);
	if (status)
		return status;
	json_t *rows = cli->json ? json_array() : NULL;
	struct mk_error err = {0};
	if (mk_svc_decisions(cli->svc, key, print_decision, rows, &err)) {
		json_decref(rows);
		return mk_cli_fail(cli, &err);
	}
	return rows ? mk_cli_print_json(rows) : 0;
}
