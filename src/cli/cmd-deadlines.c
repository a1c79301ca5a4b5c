/* meldkamer deadlines: every running or overdue clock, most urgent first. */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "cli/cli.h"
#include "core/urgent.h"
#include "export/json.h"

enum { OPT_LIMIT = MK_OPT_FIRST_OWN };

static enum mk_rc collect(void *ctx, const struct mk_incident *inc, const struct mk_deadline *d)
{
	mk_dues_add(ctx, inc, d);
	return MK_OK;
}

int mk_cmd_deadlines(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"limit", required_argument, NULL, OPT_LIMIT},
		{0},
	};
	int limit = MK_PAGE_DEFAULT;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_LIMIT && (status = mk_cli_parse_limit(cli, optarg, &limit)))
			return status;
	}
	if (optind < argc)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
	if ((status = mk_cli_open(cli, MK_STORE_READ)))
		return status;
	struct mk_dues ds;
	struct mk_error err = {0};
	if (mk_dues_init(&ds, (size_t)limit))
		return 1;
	if (mk_svc_deadlines(cli->svc, cli->now, collect, &ds, &err)) {
		mk_dues_release(&ds);
		if (!err.message[0])
			mk_error_set(&err, MK_ENOMEM, "", "out of memory collecting deadlines");
		return mk_cli_fail(cli, &err);
	}
	mk_dues_sort(&ds);
	size_t shown = ds.n, overdue = ds.overdue;
	if (cli->json) {
		json_t *rows = json_array();
		for (size_t i = 0; rows && i < shown; i++) {
			json_t *o = mk_json_deadline(&ds.items[i].d);
			json_object_set_new(o, "key", json_string(ds.items[i].key));
			json_object_set_new(o, "title", json_string(ds.items[i].title));
			json_array_append_new(rows, o);
		}
		mk_dues_release(&ds);
		return mk_cli_print_json(json_pack("{s:I, s:I, s:o}", "pending", (json_int_t)ds.pending,
						   "overdue", (json_int_t)overdue, "deadlines", rows));
	}
	printf("%zu clocks to act on, %zu of them overdue\n", ds.pending, overdue);
	for (size_t i = 0; i < shown; i++) {
		const struct mk_due *x = &ds.items[i];
		char due[MK_TIME_TEXT], rel[64];
		mk_cli_relative(cli->now, x->d.due, rel, sizeof(rel));
		mk_cli_print_cell(x->key, 13);
		mk_cli_print_cell(x->d.state == MK_DEADLINE_OVERDUE ? "OVERDUE" : "running", 8);
		mk_cli_print_cell(mk_clock_name(x->d.clock), 12);
		mk_cli_print_cell(mk_time_format_local(x->d.due, due), 21);
		mk_cli_print_cell(rel, 22);
		printf("%s\n", x->title);
	}
	if (shown < ds.pending)
		printf("(%zu more: --limit)\n", ds.pending - shown);
	mk_dues_release(&ds);
	return 0;
}
