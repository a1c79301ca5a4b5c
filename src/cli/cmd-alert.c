/* meldkamer alert list|show|promote: the alert groups that intake formed,
 * and making an incident of one. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "export/json-intake.h"
#include "service/intake.h"

static void endpoint(char *buf, size_t cap, const char *ip, int port)
{
	if (port >= 0)
		snprintf(buf, cap, "%s%s%s:%d", strchr(ip, ':') ? "[" : "", ip[0] ? ip : "-",
			 strchr(ip, ':') ? "]" : "", port);
	else
		snprintf(buf, cap, "%s", ip[0] ? ip : "-");
}

struct listing {
	json_t *rows;
	int n;
};

static enum mk_rc list_row(void *ctx, const struct mk_alert_group_view *g)
{
	struct listing *l = ctx;
	char first[MK_TIME_TEXT], last[MK_TIME_TEXT], src[64], dst[64], id[24], count[24];
	l->n++;
	if (l->rows)
		return json_array_append_new(l->rows, mk_json_alert_group(g)) ? MK_ENOMEM : MK_OK;
	snprintf(id, sizeof(id), "%lld", (long long)g->id);
	snprintf(count, sizeof(count), "%lld", (long long)g->count);
	endpoint(src, sizeof(src), g->src_ip, g->src_port);
	endpoint(dst, sizeof(dst), g->dst_ip, g->dst_port);
	mk_cli_print_cell(id, 6);
	mk_cli_print_cell(mk_severity_name(g->severity), 9);
	mk_cli_print_cell(count, 6);
	mk_cli_print_cell(mk_time_format_local(g->first_seen, first), 21);
	mk_cli_print_cell(mk_time_format_local(g->last_seen, last), 21);
	mk_cli_print_cell(g->incident_key ? g->incident_key : "-", 13);
	mk_cli_out("%s -> %s  %s\n", src, dst, g->signature);
	return MK_OK;
}

int mk_cmd_alert_list(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {MK_CLI_COMMON_OPTIONS, {0}};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1)
		if (c == -2)
			return 2;
	if (optind < argc)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
	if ((status = mk_cli_open(cli, MK_STORE_READ)))
		return status;
	struct listing l = {cli->json ? json_array() : NULL, 0};
	struct mk_error err = {0};
	if (!cli->json) {
		mk_cli_print_cell("GROUP", 6);
		mk_cli_print_cell("SEVERITY", 9);
		mk_cli_print_cell("COUNT", 6);
		mk_cli_print_cell("FIRST SEEN", 21);
		mk_cli_print_cell("LAST SEEN", 21);
		mk_cli_print_cell("INCIDENT", 13);
		printf("SOURCE -> DESTINATION  SIGNATURE\n");
	}
	if (mk_svc_alert_groups(cli->svc, list_row, &l, &err)) {
		json_decref(l.rows);
		return mk_cli_fail(cli, &err);
	}
	if (l.rows)
		return mk_cli_print_json(l.rows);
	if (l.n == 0)
		printf("(no alert groups)\n");
	return 0;
}

static int parse_group(struct mk_cli *cli, const char *s, int64_t *ret)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (!s[0] || *end || v < 1)
		return mk_cli_usage_error(cli, "alert group '%s' is not a number", s);
	*ret = v;
	return 0;
}

static int group_command(struct mk_cli *cli, int argc, char **argv, enum mk_store_mode mode,
			 int64_t *ret)
{
	static const struct option opts[] = {MK_CLI_COMMON_OPTIONS, {0}};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1)
		if (c == -2)
			return 2;
	if (optind >= argc)
		return mk_cli_usage_error(cli, "missing the alert group number");
	if (argc - optind > 1)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
	if ((status = parse_group(cli, argv[optind], ret)))
		return status;
	return mk_cli_open(cli, mode);
}

struct shown {
	json_t *group;
	json_t *alerts;
};

static enum mk_rc show_group(void *ctx, const struct mk_alert_group_view *g)
{
	struct shown *s = ctx;
	char first[MK_TIME_TEXT], last[MK_TIME_TEXT], src[64], dst[64];
	if (s->alerts) {
		s->group = mk_json_alert_group(g);
		return s->group ? MK_OK : MK_ENOMEM;
	}
	endpoint(src, sizeof(src), g->src_ip, g->src_port);
	endpoint(dst, sizeof(dst), g->dst_ip, g->dst_port);
	mk_cli_out("alert group %lld  %s\n", (long long)g->id, g->signature);
	mk_cli_out("source %s (%s), signature id %s\n", mk_alert_kind_name(g->kind),
		   mk_source_name(g->detection), g->signature_id[0] ? g->signature_id : "-");
	mk_cli_out("severity %s (original %s)\n", mk_severity_name(g->severity), g->severity_orig);
	mk_cli_out("%s -> %s  proto %s\n", src, dst, g->proto[0] ? g->proto : "-");
	mk_cli_out("%lld alert%s, first seen %s, last seen %s\n", (long long)g->count,
		   g->count == 1 ? "" : "s", mk_time_format_local(g->first_seen, first),
		   mk_time_format_local(g->last_seen, last));
	mk_cli_out("incident %s\n", g->incident_key ? g->incident_key : "- (not promoted)");
	return MK_OK;
}

#define SHOW_ALERTS_MAX 20

static enum mk_rc show_alert(void *ctx, const struct mk_alert_view *a)
{
	struct shown *s = ctx;
	char at[MK_TIME_TEXT];
	if (s->alerts)
		return json_array_append_new(s->alerts, mk_json_alert(a)) ? MK_ENOMEM : MK_OK;
	mk_cli_out("  %s  %s:%lld\n", mk_time_format_local(a->at, at), a->file, (long long)a->line);
	return MK_OK;
}

int mk_cmd_alert_show(struct mk_cli *cli, int argc, char **argv)
{
	int64_t group;
	int status = group_command(cli, argc, argv, MK_STORE_READ, &group);
	if (status)
		return status;
	struct shown s = {NULL, cli->json ? json_array() : NULL};
	struct mk_error err = {0};
	enum mk_rc rc = mk_svc_alert_group_get(cli->svc, group, show_group, &s, &err);
	if (rc == MK_OK && !cli->json)
		printf("\nalerts (the first %d):\n", SHOW_ALERTS_MAX);
	if (rc == MK_OK)
		rc = mk_svc_alerts_of_group(cli->svc, group, SHOW_ALERTS_MAX, show_alert, &s, &err);
	if (rc) {
		json_decref(s.group);
		json_decref(s.alerts);
		return mk_cli_fail(cli, &err);
	}
	if (cli->json) {
		json_object_set_new(s.group, "alerts", s.alerts);
		return mk_cli_print_json(s.group);
	}
	return 0;
}

int mk_cmd_alert_promote(struct mk_cli *cli, int argc, char **argv)
{
	int64_t group;
	int status = group_command(cli, argc, argv, MK_STORE_WRITE, &group);
	if (status)
		return status;
	char key[MK_KEY_TEXT];
	struct mk_error err = {0};
	if (mk_svc_alert_promote(cli->svc, &cli->actor, cli->now, group, key, &err))
		return mk_cli_fail(cli, &err);
	char text[128];
	snprintf(text, sizeof(text), "alert group %lld is now %s", (long long)group, key);
	return mk_cli_changed(cli, key, text);
}
