/* meldkamer time add|list, rate set|list, cost add, report cost: the time
 * written on an incident, the hourly rates per role and the cost report
 * (Bijlage 1 step 7.1; doc/closure.md). */
#include <string.h>

#include "cli/cli.h"
#include "export/json-closure.h"

enum { OPT_MINUTES = MK_OPT_FIRST_OWN, OPT_ACTIVITY, OPT_PERSON, OPT_WORK_ROLE, OPT_START,
       OPT_DATE, OPT_NOTE, OPT_KIND, OPT_AMOUNT, OPT_DESCRIPTION };

/* A whole number in [min, max] from an option; 2 after a usage error. */
static int parse_int(struct mk_cli *cli, const char *name, const char *arg, int min, int max,
		     int *ret)
{
	long v = 0;
	size_t i = 0;
	for (; arg[i] >= '0' && arg[i] <= '9' && i < 9; i++)
		v = v * 10 + (arg[i] - '0');
	if (!arg[0] || arg[i] || v < min || v > max)
		return mk_cli_usage_error(cli, "--%s '%.40s' must be a whole number from %d to %d",
					  name, arg, min, max);
	*ret = (int)v;
	return 0;
}

int mk_cmd_time_add(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"minutes", required_argument, NULL, OPT_MINUTES},
		{"activity", required_argument, NULL, OPT_ACTIVITY},
		{"person", required_argument, NULL, OPT_PERSON},
		{"work-role", required_argument, NULL, OPT_WORK_ROLE},
		{"start", required_argument, NULL, OPT_START},
		{"date", required_argument, NULL, OPT_DATE},
		{"note", required_argument, NULL, OPT_NOTE},
		{0},
	};
	struct mk_time_entry e = {.started_at = MK_TIME_UNKNOWN};
	const char *activity = NULL, *role = NULL, *date = NULL;
	bool have_minutes = false;
	struct mk_error err = {0};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case -2:
			return 2;
		case OPT_MINUTES:
			if ((status = parse_int(cli, "minutes", optarg, 1, MK_TIME_ENTRY_MINUTES_MAX,
						&e.minutes)))
				return status;
			have_minutes = true;
			break;
		case OPT_ACTIVITY:
			activity = optarg;
			break;
		case OPT_PERSON:
			e.person = optarg;
			break;
		case OPT_WORK_ROLE:
			role = optarg;
			break;
		case OPT_START:
			if (mk_time_parse(optarg, "start", &e.started_at, &err))
				return mk_cli_fail(cli, &err);
			break;
		case OPT_DATE:
			date = optarg;
			break;
		case OPT_NOTE:
			e.note = optarg;
			break;
		}
	}
	if (argc - optind != 1)
		return mk_cli_usage_error(cli, "needs the incident key");
	if (!have_minutes)
		return mk_cli_usage_error(cli, "needs --minutes");
	if (!activity)
		return mk_cli_usage_error(cli, "needs --activity (analyse, indammen, herstel, "
					       "communicatie, overleg, coordinatie, forensisch, "
					       "documentatie, evaluatie, overig)");
	if (date && e.started_at != MK_TIME_UNKNOWN)
		return mk_cli_usage_error(cli, "give --start or --date, not both");
	if (!date && e.started_at == MK_TIME_UNKNOWN)
		return mk_cli_usage_error(cli, "needs --start TIME or --date YYYY-MM-DD");
	if (date) {
		if (strlen(date) >= sizeof(e.worked_on))
			return mk_cli_usage_error(cli, "--date '%.40s' is not a date (YYYY-MM-DD)", date);
		snprintf(e.worked_on, sizeof(e.worked_on), "%s", date);
	}
	if (mk_activity_parse(activity, "activity", &e.activity, &err))
		return mk_cli_fail(cli, &err);
	e.role = cli->actor.role;
	if (role && mk_role_parse(role, "work-role", &e.role, &err))
		return mk_cli_fail(cli, &err);
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	const char *key = argv[optind];
	if (mk_svc_time_add(cli->svc, &cli->actor, cli->now, key, &e, &err))
		return mk_cli_fail(cli, &err);
	if (cli->json)
		return mk_cli_print_json(json_pack("{s:s, s:I}", "key", key, "time_entry",
						   (json_int_t)e.id));
	printf("%s time entry %lld: %d min %s on %s\n", key, (long long)e.id, e.minutes,
	       mk_activity_name(e.activity), e.worked_on);
	return 0;
}

static enum mk_rc print_time(void *ctx, const struct mk_time_entry *e, int64_t rate)
{
	json_t *rows = ctx;
	if (rows)
		return json_array_append_new(rows, mk_json_time_entry(e, rate)) ? MK_ENOMEM : MK_OK;
	char cost[MK_CENTS_TEXT] = "no rate";
	if (rate >= 0)
		mk_cents_format(mk_cost_of_minutes(e->minutes, rate), cost);
	printf("#%lld %s  %-20s %-15s %-12s %4d min  %10s", (long long)e->id, e->worked_on,
	       e->person, mk_role_name(e->role), mk_activity_name(e->activity), e->minutes, cost);
	if (e->note)
		printf("  %s", e->note);
	putchar('\n');
	return MK_OK;
}

int mk_cmd_time_list(struct mk_cli *cli, int argc, char **argv)
{
	const char *key;
	int status = mk_cli_key_command(cli, argc, argv, &key);
	if (status)
		return status;
	json_t *rows = cli->json ? json_array() : NULL;
	struct mk_error err = {0};
	if (mk_svc_time_list(cli->svc, key, print_time, rows, &err)) {
		json_decref(rows);
		return mk_cli_fail(cli, &err);
	}
	return rows ? mk_cli_print_json(rows) : 0;
}

int mk_cmd_rate_set(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {MK_CLI_COMMON_OPTIONS, {0}};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1)
		if (c == -2)
			return 2;
	if (argc - optind != 2)
		return mk_cli_usage_error(cli, "needs the role and the hourly rate in euros, e.g. "
					       "behandelaar 87.50");
	struct mk_error err = {0};
	enum mk_role role;
	int64_t cents;
	if (mk_role_parse(argv[optind], "role", &role, &err) ||
	    mk_cents_parse(argv[optind + 1], "rate", MK_RATE_CENTS_MAX, &cents, &err))
		return mk_cli_fail(cli, &err);
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	if (mk_svc_rate_set(cli->svc, &cli->actor, cli->now, role, cents, &err))
		return mk_cli_fail(cli, &err);
	char buf[MK_CENTS_TEXT];
	if (cli->json)
		return mk_cli_print_json(json_pack("{s:s, s:s, s:I}", "role", mk_role_name(role),
						   "amount", mk_cents_format(cents, buf), "cents",
						   (json_int_t)cents));
	printf("hourly rate of %s: %s EUR\n", mk_role_name(role), mk_cents_format(cents, buf));
	return 0;
}

static enum mk_rc print_rate(void *ctx, const struct mk_rate_view *r)
{
	json_t *rows = ctx;
	if (rows)
		return json_array_append_new(rows, mk_json_rate(r)) ? MK_ENOMEM : MK_OK;
	char buf[MK_CENTS_TEXT], at[MK_TIME_TEXT];
	printf("%-16s %10s EUR/h  set %s by %s\n", mk_role_name(r->role), mk_cents_format(r->cents, buf),
	       mk_time_format_local(r->set_at, at), r->set_by);
	return MK_OK;
}

int mk_cmd_rate_list(struct mk_cli *cli, int argc, char **argv)
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
	json_t *rows = cli->json ? json_array() : NULL;
	struct mk_error err = {0};
	if (mk_svc_rates(cli->svc, print_rate, rows, &err)) {
		json_decref(rows);
		return mk_cli_fail(cli, &err);
	}
	return rows ? mk_cli_print_json(rows) : 0;
}

int mk_cmd_cost_add(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"kind", required_argument, NULL, OPT_KIND},
		{"amount", required_argument, NULL, OPT_AMOUNT},
		{"description", required_argument, NULL, OPT_DESCRIPTION},
		{0},
	};
	const char *kind = NULL, *amount = NULL;
	struct mk_other_cost cost = {0};
	struct mk_error err = {0};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_KIND)
			kind = optarg;
		else if (c == OPT_AMOUNT)
			amount = optarg;
		else if (c == OPT_DESCRIPTION)
			cost.description = optarg;
	}
	if (argc - optind != 1)
		return mk_cli_usage_error(cli, "needs the incident key");
	if (!kind || !amount || !cost.description)
		return mk_cli_usage_error(cli, "needs --kind, --amount and --description");
	if (mk_cost_kind_parse(kind, "kind", &cost.kind, &err) ||
	    mk_cents_parse(amount, "amount", MK_COST_CENTS_MAX, &cost.cents, &err))
		return mk_cli_fail(cli, &err);
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	const char *key = argv[optind];
	if (mk_svc_cost_add(cli->svc, &cli->actor, cli->now, key, &cost, &err))
		return mk_cli_fail(cli, &err);
	if (cli->json)
		return mk_cli_print_json(json_pack("{s:s, s:I}", "key", key, "cost", (json_int_t)cost.id));
	char buf[MK_CENTS_TEXT];
	printf("%s cost %lld: %s %s EUR\n", key, (long long)cost.id, mk_cost_kind_name(cost.kind),
	       mk_cents_format(cost.cents, buf));
	return 0;
}

static void print_groups(const char *title, const struct mk_cost_groups *g, bool minutes)
{
	if (!g->count)
		return;
	printf("\n%s\n", title);
	for (size_t i = 0; i < g->count; i++) {
		char buf[MK_CENTS_TEXT];
		if (minutes)
			printf("  %-24s %6lld min %12s\n", g->items[i].name,
			       (long long)g->items[i].minutes, mk_cents_format(g->items[i].cents, buf));
		else
			printf("  %-24s            %12s\n", g->items[i].name,
			       mk_cents_format(g->items[i].cents, buf));
	}
}

int mk_cmd_report_cost(struct mk_cli *cli, int argc, char **argv)
{
	const char *key;
	int status = mk_cli_key_command(cli, argc, argv, &key);
	if (status)
		return status;
	struct mk_cost_report r;
	mk_cost_report_init(&r);
	struct mk_error err = {0};
	if (mk_svc_cost_report(cli->svc, key, &r, &err)) {
		mk_cost_report_release(&r);
		return mk_cli_fail(cli, &err);
	}
	if (cli->json) {
		status = mk_cli_print_json(mk_json_cost_report(key, &r));
		mk_cost_report_release(&r);
		return status;
	}
	char t[MK_CENTS_TEXT], o[MK_CENTS_TEXT], all[MK_CENTS_TEXT];
	printf("cost report %s (EUR; per entry minutes x rate / 60, rounded to the cent, half up)\n",
	       key);
	printf("time   %6lld min in %zu entries %12s\n", (long long)r.minutes, r.entries,
	       mk_cents_format(r.time_cents, t));
	printf("other  %33s\n", mk_cents_format(r.other_cents, o));
	printf("total  %33s\n", mk_cents_format(r.total_cents, all));
	print_groups("per role", &r.by_role, true);
	print_groups("per person", &r.by_person, true);
	print_groups("per activity", &r.by_activity, true);
	print_groups("other costs per kind", &r.by_kind, false);
	for (int i = 0; i < MK_ROLE_COUNT; i++)
		if (r.missing_rate[i])
			printf("\nno hourly rate for %s: its time counts as 0.00 (meldkamer rate set %s "
			       "AMOUNT)\n",
			       mk_role_name((enum mk_role)i), mk_role_name((enum mk_role)i));
	mk_cost_report_release(&r);
	return 0;
}
