/* meldkamer report kpi: the metrics of H3 "Metrieken / KPI's". */
#include "cli/cli.h"
#include "export/json.h"

static void print_stat(const char *label, const struct mk_kpi_stat *s)
{
	char a[MK_TIME_TEXT], b[MK_TIME_TEXT], c[MK_TIME_TEXT];
	if (s->n == 0) {
		printf("  %-32s no incidents with both times known\n", label);
		return;
	}
	printf("  %-32s n=%lld  min %s  avg %s  max %s\n", label, (long long)s->n,
	       mk_duration_format(s->min, a), mk_duration_format(mk_kpi_stat_avg(s), b),
	       mk_duration_format(s->max, c));
}

int mk_cmd_report_kpi(struct mk_cli *cli, int argc, char **argv)
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
	struct mk_kpi k;
	struct mk_error err = {0};
	mk_kpi_init(&k);
	if (mk_svc_kpi(cli->svc, &k, &err)) {
		mk_kpi_release(&k);
		return mk_cli_fail(cli, &err);
	}
	if (cli->json) {
		status = mk_cli_print_json(mk_json_kpi(&k));
		mk_kpi_release(&k);
		return status;
	}
	printf("incidents: %lld (exercises left out: %lld)\n", (long long)k.incidents,
	       (long long)k.exercises);
	printf("with personal data: %lld\nwith citizen impact: %lld\n",
	       (long long)k.with_personal_data, (long long)k.with_citizen_impact);
	printf("\nby category (notification matrix):\n");
	for (size_t i = 0; i < k.ncategories; i++)
		printf("  %6lld  %s\n", (long long)k.categories[i].count,
		       k.categories[i].name[0] ? k.categories[i].name : "(not classified)");
	printf("\nby priority:");
	for (int p = 1; p < MK_PRIORITY_COUNT; p++)
		printf(" %s %lld,", mk_priority_name((enum mk_priority)p), (long long)k.by_priority[p]);
	printf(" not assessed %lld\n", (long long)k.by_priority[MK_PRIORITY_NONE]);
	printf("\ndurations:\n");
	print_stat("start to detection", &k.detection_lag);
	print_stat("detection to containment", &k.containment);
	print_stat("report to resolution", &k.report_to_resolution);
	mk_kpi_release(&k);
	return 0;
}
