/* meldkamer matrix list: the notification matrix in force (Bijlage 3). */
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "export/json.h"

enum { OPT_TABLE = MK_OPT_FIRST_OWN };

int mk_cmd_matrix_list(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"table", required_argument, NULL, OPT_TABLE},
		{0},
	};
	struct mk_error err = {0};
	enum mk_matrix_table only = MK_MATRIX_TABLE_COUNT;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_TABLE && mk_matrix_table_parse(optarg, "table", &only, &err))
			return mk_cli_fail(cli, &err);
	}
	if (optind < argc)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);

	/* With a database, the matrix in force there (an admin may have
	 * changed it); without one, the compiled-in default of the guidance. */
	struct mk_matrix defaults;
	const struct mk_matrix *m = &defaults;
	mk_matrix_init(&defaults);
	struct stat sb;
	if (stat(cli->db_path, &sb) == 0) {
		if ((status = mk_cli_open(cli, MK_STORE_READ)))
			return status;
		m = &cli->svc->matrix;
	} else if (mk_matrix_load_default(&defaults, &err)) {
		return mk_cli_fail(cli, &err);
	}

	json_t *rows = cli->json ? json_array() : NULL;
	const char *last_category = "";
	for (size_t i = 0; i < m->count; i++) {
		const struct mk_matrix_row *r = &m->rows[i];
		if (only != MK_MATRIX_TABLE_COUNT && r->table != only)
			continue;
		if (rows) {
			json_array_append_new(rows, mk_json_matrix_row(r));
			continue;
		}
		if (i == 0 || r->table != m->rows[i - 1].table) {
			printf("%s%-11s %-46s %-58s %-8s %-4s %s\n", i ? "\n" : "", "TABLE", "CATEGORY",
			       "INCIDENT", "HELPDESK", "CISO", "DIRECTIE");
			last_category = "";
		}
		mk_cli_print_cell(mk_matrix_table_name(r->table), 10);
		mk_cli_print_cell(strcmp(r->category, last_category) ? r->category : "", 45);
		mk_cli_print_cell(r->incident, 57);
		mk_cli_print_cell(mk_notify_name(r->helpdesk), 7);
		mk_cli_print_cell(mk_notify_name(r->ciso), 3);
		printf("%s\n", mk_notify_name(r->directie));
		last_category = r->category;
	}
	mk_matrix_release(&defaults);
	return rows ? mk_cli_print_json(rows) : 0;
}
