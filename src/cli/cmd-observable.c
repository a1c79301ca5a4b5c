/* meldkamer observable list|add|seen: indicators on incidents and where
 * else they appear (seen-before correlation across incidents and alert
 * groups). Also the observables section of `incident show`. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "export/json-intake.h"
#include "service/intake.h"

enum { OPT_INCIDENT = MK_OPT_FIRST_OWN, OPT_TLP, OPT_ROLE };

struct listing {
	json_t *rows;
	int n;
};

static enum mk_rc list_row(void *ctx, const struct mk_observable_view *o)
{
	struct listing *l = ctx;
	char last[MK_TIME_TEXT];
	l->n++;
	if (l->rows)
		return json_array_append_new(l->rows, mk_json_observable(o)) ? MK_ENOMEM : MK_OK;
	mk_cli_print_cell(mk_obs_type_name(o->type), 9);
	mk_cli_print_cell(mk_tlp_name(o->tlp), 13);
	if (o->role) {
		mk_cli_print_cell(o->role, 18);
		mk_cli_print_cell(mk_obs_source_name(o->source), 7);
	} else
		mk_cli_print_cell(mk_time_format_local(o->last_seen, last), 21);
	mk_cli_out("%s\n", o->value);
	return MK_OK;
}

int mk_cmd_observable_list(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"incident", required_argument, NULL, OPT_INCIDENT},
		{0},
	};
	const char *key = NULL;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_INCIDENT)
			key = optarg;
	}
	if (optind < argc)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
	if ((status = mk_cli_open(cli, MK_STORE_READ)))
		return status;
	struct listing l = {cli->json ? json_array() : NULL, 0};
	struct mk_error err = {0};
	if (!cli->json) {
		mk_cli_print_cell("TYPE", 9);
		mk_cli_print_cell("TLP", 13);
		if (key) {
			mk_cli_print_cell("ROLE", 18);
			mk_cli_print_cell("SOURCE", 7);
		} else
			mk_cli_print_cell("LAST SEEN", 21);
		printf("VALUE\n");
	}
	if (mk_svc_observables(cli->svc, key, list_row, &l, &err)) {
		json_decref(l.rows);
		return mk_cli_fail(cli, &err);
	}
	if (l.rows)
		return mk_cli_print_json(l.rows);
	if (l.n == 0)
		printf("(no observables)\n");
	return 0;
}

int mk_cmd_observable_add(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"tlp", required_argument, NULL, OPT_TLP},
		{"obs-role", required_argument, NULL, OPT_ROLE},
		{0},
	};
	struct mk_observable_input o = {.tlp = MK_TLP_AMBER, .role = "indicator"};
	struct mk_error err = {0};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_TLP && mk_tlp_parse(optarg, "--tlp", &o.tlp, &err))
			return mk_cli_usage_error(cli, "%s", err.message);
		if (c == OPT_ROLE)
			o.role = optarg;
	}
	if (argc - optind != 3)
		return mk_cli_usage_error(cli, "give KEY TYPE VALUE");
	const char *key = argv[optind];
	if (mk_obs_type_parse(argv[optind + 1], "type", &o.type, &err))
		return mk_cli_usage_error(cli, "%s", err.message);
	o.value = argv[optind + 2];
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	if (mk_svc_observable_add(cli->svc, &cli->actor, cli->now, key, &o, MK_OBS_SOURCE_MANUAL,
				  &err))
		return mk_cli_fail(cli, &err);
	char text[256];
	snprintf(text, sizeof(text), "%s: %s added", key, mk_obs_type_name(o.type));
	return mk_cli_changed(cli, key, text);
}

struct seen {
	json_t *rows;
	int n;
	const char *indent;
};

static enum mk_rc seen_row(void *ctx, const struct mk_observable_seen *s)
{
	struct seen *sn = ctx;
	struct mk_buf text;
	sn->n++;
	if (sn->rows)
		return json_array_append_new(sn->rows, mk_json_observable_seen(s)) ? MK_ENOMEM : MK_OK;
	mk_buf_init(&text, 4096);
	mk_observable_seen_text(s, &text);
	if (s->obs->role)
		mk_cli_out("%s%s %s (%s, TLP %s): %s\n", sn->indent, mk_obs_type_name(s->obs->type),
			   s->obs->value, s->obs->role, mk_tlp_name(s->obs->tlp), text.data);
	else
		mk_cli_out("%s%s %s (TLP %s): %s\n", sn->indent, mk_obs_type_name(s->obs->type),
			   s->obs->value, mk_tlp_name(s->obs->tlp), text.data);
	mk_buf_release(&text);
	return MK_OK;
}

int mk_cmd_observable_seen(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {MK_CLI_COMMON_OPTIONS, {0}};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1)
		if (c == -2)
			return 2;
	if (argc - optind != 1)
		return mk_cli_usage_error(cli, "give one VALUE");
	if ((status = mk_cli_open(cli, MK_STORE_READ)))
		return status;
	struct seen sn = {cli->json ? json_array() : NULL, 0, ""};
	struct mk_error err = {0};
	if (mk_svc_observable_seen(cli->svc, argv[optind], NULL, seen_row, &sn, &err)) {
		json_decref(sn.rows);
		return mk_cli_fail(cli, &err);
	}
	if (sn.rows)
		return mk_cli_print_json(sn.rows);
	if (sn.n == 0)
		mk_cli_out("'%s' has not been seen\n", argv[optind]);
	return 0;
}

int mk_cli_show_observables(struct mk_cli *cli, const char *key, json_t **ret_json)
{
	struct seen sn = {ret_json ? json_array() : NULL, 0, "  "};
	struct mk_error err = {0};
	if (!ret_json)
		printf("\nobservables:\n");
	if (mk_svc_incident_correlation(cli->svc, key, seen_row, &sn, &err)) {
		json_decref(sn.rows);
		return mk_cli_fail(cli, &err);
	}
	if (ret_json)
		*ret_json = sn.rows;
	else if (sn.n == 0)
		printf("  (none)\n");
	return 0;
}
