/* meldkamer serve: the web application and JSON API (src/http) on one
 * address, until SIGTERM or SIGINT. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "http/server.h"

enum { OPT_LISTEN = MK_OPT_FIRST_OWN, OPT_THREADS, OPT_TIMEOUT, OPT_TRUSTED_PROXY };

/* Tests and scripts wait for this line before they send a request. */
static void print_ready(void *ctx, const char *url)
{
	(void)ctx;
	printf("meldkamer: serving %s\n", url);
	fflush(stdout);
}

static int parse_count(struct mk_cli *cli, const char *name, const char *arg, unsigned max,
		       unsigned *ret)
{
	char *end = NULL;
	long v = strtol(arg, &end, 10);
	if (end == arg || *end || v < 1 || v > (long)max)
		return mk_cli_usage_error(cli, "%s must be a number from 1 to %u, not '%s'", name,
					  max, arg);
	*ret = (unsigned)v;
	return 0;
}

int mk_cmd_serve(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"listen", required_argument, NULL, OPT_LISTEN},
		{"threads", required_argument, NULL, OPT_THREADS},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"trusted-proxy", required_argument, NULL, OPT_TRUSTED_PROXY},
		{0},
	};
	struct mk_server_config cfg = {0};
	struct mk_error err = {0};
	if (mk_server_parse_listen("127.0.0.1:8080", &cfg, &err))
		return mk_cli_fail(cli, &err);
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case -2:
			return 2;
		case OPT_LISTEN:
			if (mk_server_parse_listen(optarg, &cfg, &err))
				return mk_cli_usage_error(cli, "%s", err.message);
			break;
		case OPT_THREADS:
			if ((status = parse_count(cli, "--threads", optarg, MK_HTTP_THREADS_MAX,
						  &cfg.threads)))
				return status;
			break;
		case OPT_TIMEOUT:
			if ((status = parse_count(cli, "--timeout", optarg, 3600, &cfg.timeout)))
				return status;
			break;
		case OPT_TRUSTED_PROXY:
			if (mk_server_parse_proxy(optarg, &cfg, &err))
				return mk_cli_usage_error(cli, "--trusted-proxy: %s", err.message);
			break;
		}
	}
	if (optind < argc)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);

	/* Open once before listening: a missing or foreign database is said
	 * at once, and the schema is brought up to date before any worker
	 * opens its own connection. */
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	mk_service_close(cli->svc);
	cli->svc = NULL;

	cfg.db_path = cli->db_path;
	if (mk_server_run(&cfg, print_ready, NULL, &err))
		return mk_cli_fail(cli, &err);
	return 0;
}
