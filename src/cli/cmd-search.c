/* meldkamer search WORDS: full-text search in incidents and logbooks. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "export/json.h"

enum { OPT_LIMIT = MK_OPT_FIRST_OWN };

struct found {
	json_t *rows;
	int n;
};

static enum mk_rc print_found(void *ctx, const struct mk_incident *inc)
{
	struct found *f = ctx;
	f->n++;
	if (f->rows)
		return json_array_append_new(f->rows, mk_json_incident_summary(inc)) ? MK_ENOMEM : MK_OK;
	mk_cli_print_cell(inc->key, 13);
	mk_cli_print_cell(inc->priority ? mk_priority_name(inc->priority) : "-", 4);
	mk_cli_print_cell(mk_phase_name(inc->phase), 10);
	mk_cli_print_cell(inc->title, 70);
	putchar('\n');
	return MK_OK;
}

int mk_cmd_search(struct mk_cli *cli, int argc, char **argv)
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
	if (optind == argc)
		return mk_cli_usage_error(cli, "what to search for?");
	struct mk_buf query;
	mk_buf_init(&query, MK_QUERY_MAX);
	for (int i = optind; i < argc; i++)
		mk_buf_addf(&query, "%s%s", i > optind ? " " : "", argv[i]);
	if (mk_buf_rc(&query)) {
		mk_buf_release(&query);
		return mk_cli_usage_error(cli, "the search is too long: at most %d bytes", MK_QUERY_MAX);
	}
	if ((status = mk_cli_open(cli, MK_STORE_READ))) {
		mk_buf_release(&query);
		return status;
	}
	struct found f = {cli->json ? json_array() : NULL, 0};
	struct mk_error err = {0};
	enum mk_rc rc = MK_OK;
	/* A key finds its incident directly: people paste keys from mail. */
	int year;
	int64_t number;
	struct mk_error key_err;
	if (mk_incident_key_parse(query.data, &year, &number, &key_err) == MK_OK) {
		struct mk_incident inc;
		mk_incident_init(&inc);
		rc = mk_svc_incident_get(cli->svc, query.data, &inc, &err);
		if (rc == MK_OK)
			print_found(&f, &inc);
		else if (rc == MK_ENOTFOUND)
			rc = MK_OK;
		mk_incident_release(&inc);
	} else {
		rc = mk_svc_search(cli->svc, query.data, limit, NULL, print_found, &f, &err);
	}
	mk_buf_release(&query);
	if (rc) {
		json_decref(f.rows);
		return mk_cli_fail(cli, &err);
	}
	if (f.rows)
		return mk_cli_print_json(f.rows);
	if (f.n == 0)
		printf("(nothing found)\n");
	return 0;
}
