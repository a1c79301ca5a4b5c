/* meldkamer intake alerts FILE.jsonl...: Suricata eve.json, Wazuh alerts
 * and generic alert lines into alert groups. One transaction per file, so
 * a crash or a database failure leaves a file all in or all out; a bad
 * line is reported as FILE:LINE: reason and the good ones are taken. */
#include <stdlib.h>
#include <string.h>

#include "cli/alert-reader.h"
#include "cli/cli.h"
#include "intake/alerts.h"
#include "intake/json-arena.h"
#include "service/intake.h"

enum { OPT_WINDOW = MK_OPT_FIRST_OWN, OPT_PROMOTE };


struct file_result {
	struct mk_alert_stats stats;
	int64_t skipped, bad;
	json_t *errors; /* with --json */
};

static void bad_line(struct mk_cli *cli, struct file_result *r, const char *file, int64_t line,
		     bool truncated, const struct mk_error *e)
{
	const char *cut = truncated ? "the file ends inside this line (no newline): " : "";
	r->bad++;
	mk_cli_error("%s:%lld: %s%s\n", file, (long long)line, cut, e->message);
	if (r->errors) {
		char msg[sizeof(e->message) + 64];
		snprintf(msg, sizeof(msg), "%s%s", cut, e->message);
		json_array_append_new(r->errors, json_pack("{s:I, s:s, s:s}", "line", (json_int_t)line,
							   "field", e->field, "message", msg));
	}
	(void)cli;
}

/* One file in one batch. Returns 0, or the exit status of a failure
 * that rolled the file back (then nothing of it was taken). The lines are
 * read and parsed on a thread of their own (cli/alert-reader.h) while
 * this one stores them. */
static int take_file(struct mk_cli *cli, const char *file, const struct mk_alert_options *opt,
		     struct file_result *r)
{
	struct mk_alert_reader *rd;
	struct mk_error err = {0};
	enum mk_rc rc, store_rc = MK_OK;
	if ((rc = mk_alert_reader_start(file, &rd, &err)))
		return mk_cli_fail(cli, &err);
	if ((rc = mk_svc_batch_begin(cli->svc, &err))) {
		mk_alert_reader_stop(rd);
		return mk_cli_fail(cli, &err);
	}
	int64_t at_line = 0;
	const struct mk_alert_item *it;
	while (!store_rc && (it = mk_alert_reader_next(rd))) {
		at_line = it->line;
		if (it->kind == MK_ALERT_ITEM_BAD)
			bad_line(cli, r, file, it->line, it->truncated, &it->err);
		else if (it->kind == MK_ALERT_ITEM_SKIPPED)
			r->skipped++;
		else
			store_rc = mk_svc_alert_take(cli->svc, &cli->actor, cli->now, &it->alert, file,
						     it->line, opt, &r->stats, &err);
	}
	mk_alert_reader_stop(rd);
	if (store_rc) {
		mk_svc_batch_abort(cli->svc);
		mk_cli_error("%s: %s:%lld: nothing of this file was taken: %s\n", cli->prog, file,
			     (long long)at_line, err.message);
		return mk_rc_exit_status(store_rc);
	}
	if ((rc = mk_svc_batch_commit(cli->svc, &err))) {
		mk_cli_error("%s: %s: nothing of this file was taken: %s\n", cli->prog, file,
			     err.message);
		return mk_rc_exit_status(rc);
	}
	return 0;
}

int mk_cmd_intake_alerts(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"window", required_argument, NULL, OPT_WINDOW},
		{"promote-severity", required_argument, NULL, OPT_PROMOTE},
		{0},
	};
	struct mk_alert_options opt = {.window = MK_ALERT_WINDOW_DEFAULT, .promote_severity = 0};
	struct mk_error err = {0};
	int c, status = 0;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_WINDOW && mk_alert_window_parse(optarg, &opt.window, &err))
			return mk_cli_usage_error(cli, "%s", err.message);
		if (c == OPT_PROMOTE &&
		    mk_severity_parse(optarg, "--promote-severity", &opt.promote_severity, &err))
			return mk_cli_usage_error(cli, "%s", err.message);
	}
	if (optind == argc)
		return mk_cli_usage_error(cli, "which files? give one or more .jsonl files");
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	mk_json_arena_install();
	json_t *files = cli->json ? json_array() : NULL;
	bool any_bad = false;
	int failed = 0;
	for (int i = optind; i < argc; i++) {
		struct file_result r = {.errors = cli->json ? json_array() : NULL};
		int st = take_file(cli, argv[i], &opt, &r);
		if (st) {
			failed = failed ? failed : st;
			memset(&r.stats, 0, sizeof(r.stats));
		}
		any_bad = any_bad || r.bad > 0;
		if (files) {
			json_array_append_new(
				files, json_pack("{s:s, s:b, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}",
						 "file", argv[i], "taken_ok", st == 0, "alerts",
						 (json_int_t)r.stats.taken, "already",
						 (json_int_t)r.stats.already, "skipped",
						 (json_int_t)r.skipped, "bad", (json_int_t)r.bad,
						 "groups_new", (json_int_t)r.stats.groups_new,
						 "joined", (json_int_t)r.stats.groups_joined, "promoted",
						 (json_int_t)r.stats.promoted, "errors", r.errors));
		} else if (st == 0) {
			mk_cli_out("%s: %lld alerts taken (%lld new groups, %lld joined a group), %lld "
				   "already there, %lld other events skipped, %lld bad lines, %lld groups "
				   "promoted\n",
				   argv[i], (long long)r.stats.taken, (long long)r.stats.groups_new,
				   (long long)r.stats.groups_joined, (long long)r.stats.already,
				   (long long)r.skipped,
				   (long long)r.bad, (long long)r.stats.promoted);
		}
	}
	mk_json_arena_release();
	if (files)
		mk_cli_print_json(json_pack("{s:o}", "files", files));
	/* A file that failed as a whole is a failure (1); bad lines are bad
	 * input (2) even though the good lines went in. */
	return failed ? failed : any_bad ? 2 : 0;
}
