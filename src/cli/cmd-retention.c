/* meldkamer incident hold|release, purge, report purges: legal hold and
 * the purge of records past retention (doc/closure.md "Retention and
 * purge"). The purge lists first and asks on the terminal (or takes
 * --yes); without a terminal and without --yes it purges nothing. */
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/retention.h"
#include "export/json.h"

enum { OPT_REASON = MK_OPT_FIRST_OWN, OPT_YEARS, OPT_YES, OPT_DRY_RUN };

static int hold_command(struct mk_cli *cli, int argc, char **argv, bool place)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"reason", required_argument, NULL, OPT_REASON},
		{0},
	};
	const char *reason = NULL;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_REASON)
			reason = optarg;
	}
	if (argc - optind != 1)
		return mk_cli_usage_error(cli, "needs the incident key");
	if (!reason)
		return mk_cli_usage_error(cli, "needs --reason (why the %s)",
					  place ? "incident must be kept" : "hold ends");
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	struct mk_error err = {0};
	const char *key = argv[optind];
	if ((place ? mk_svc_hold : mk_svc_release)(cli->svc, &cli->actor, cli->now, key, reason, &err))
		return mk_cli_fail(cli, &err);
	char done[64];
	snprintf(done, sizeof(done), "%s %s", key,
		 place ? "is under legal hold" : "is no longer under legal hold");
	return mk_cli_changed(cli, key, done);
}

int mk_cmd_incident_hold(struct mk_cli *cli, int argc, char **argv)
{
	return hold_command(cli, argc, argv, true);
}

int mk_cmd_incident_release(struct mk_cli *cli, int argc, char **argv)
{
	return hold_command(cli, argc, argv, false);
}

static json_t *plan_json(const struct mk_purge_plan *p, int years)
{
	json_t *items = json_array();
	for (size_t i = 0; items && i < p->count; i++) {
		const struct mk_purge_item *it = &p->items[i];
		if (json_array_append_new(
			    items, json_pack("{s:s, s:s, s:o, s:b, s:b, s:b}", "key", it->key, "title",
					     it->title, "closed_at", mk_json_time(it->closed_at), "held",
					     it->held, "due", it->due, "child_kept", it->child_kept))) {
			json_decref(items);
			return NULL;
		}
	}
	return json_pack("{s:i, s:o}", "before_years", years, "incidents", items);
}

static void print_plan(const struct mk_purge_plan *p, int years)
{
	printf("incidents closed %d years ago or more:\n", years);
	for (size_t i = 0; i < p->count; i++) {
		const struct mk_purge_item *it = &p->items[i];
		char at[MK_TIME_TEXT];
		mk_cli_out("  %s  closed %s  %s%s%s%s\n", it->key, mk_time_format_local(it->closed_at, at),
			   it->title, it->held ? "  [legal hold: kept]" : "",
			   !it->due ? "  [retention not ended]" : "",
			   it->child_kept ? "  [sub-incident kept]" : "");
	}
}

/* Asks on the terminal; true only for "ja" or "yes". */
static bool confirmed(size_t n)
{
	fprintf(stderr, "purge %zu incident%s with their logbooks, evidence and costs? This cannot "
			"be undone. Type 'ja' to purge: ",
		n, n == 1 ? "" : "s");
	fflush(stderr);
	char line[16];
	if (!fgets(line, sizeof(line), stdin))
		return false;
	line[strcspn(line, "\r\n")] = '\0';
	return strcmp(line, "ja") == 0 || strcmp(line, "yes") == 0;
}

int mk_cmd_purge(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"before-years", required_argument, NULL, OPT_YEARS},
		{"yes", no_argument, NULL, OPT_YES},
		{"dry-run", no_argument, NULL, OPT_DRY_RUN},
		{0},
	};
	long years = -1;
	bool yes = false, dry = false;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_YEARS) {
			char *end;
			years = strtol(optarg, &end, 10);
			if (!optarg[0] || *end || years < 0 || years > 1000)
				return mk_cli_usage_error(cli, "--before-years '%.40s' is not a number of "
							       "years",
							  optarg);
		} else if (c == OPT_YES) {
			yes = true;
		} else if (c == OPT_DRY_RUN) {
			dry = true;
		}
	}
	if (years < 0)
		return mk_cli_usage_error(cli, "needs --before-years N (at least 3)");
	struct mk_error err = {0};
	if (mk_purge_years_check((int)years, &err))
		return mk_cli_fail(cli, &err);
	/* Refused before anything is read: only admin purges. */
	if (!mk_access_role_may(cli->actor.role, MK_ACT_PURGE)) {
		mk_error_set(&err, MK_EPERM, "role", "only admin purges, not %s",
			     mk_role_name(cli->actor.role));
		return mk_cli_fail(cli, &err);
	}
	const char *const *keys = (const char *const *)argv + optind;
	size_t nkeys = (size_t)(argc - optind);
	if (!dry && !yes && !isatty(STDIN_FILENO))
		return mk_cli_usage_error(cli, "not on a terminal: add --yes to purge without asking, "
					       "or --dry-run to only list");
	if ((status = mk_cli_open(cli, dry ? MK_STORE_READ : MK_STORE_WRITE)))
		return status;
	struct mk_purge_plan plan = {0};
	if (mk_svc_purge_plan(cli->svc, cli->now, (int)years, keys, nkeys, &plan, &err))
		return mk_cli_fail(cli, &err);
	/* A list the person named is checked whole before it is shown: a
	 * held incident in it refuses everything, with nothing to confirm.
	 * (The service checks the whole list again under the write lock; the
	 * first 64 are enough to refuse early.) */
	if (nkeys) {
		struct mk_purge_candidate cand[64];
		size_t n = plan.count < 64 ? plan.count : 64;
		for (size_t i = 0; i < n; i++)
			cand[i] = (struct mk_purge_candidate){
				.key = plan.items[i].key, .closed_at = plan.items[i].closed_at,
				.held = plan.items[i].held, .child_kept = plan.items[i].child_kept,
				.named = true, .due = plan.items[i].due};
		if (mk_purge_list_check(cand, n, &err)) {
			mk_purge_plan_release(&plan);
			return mk_cli_fail(cli, &err);
		}
	}
	size_t take = 0;
	for (size_t i = 0; i < plan.count; i++)
		if (nkeys || (!plan.items[i].held && !plan.items[i].child_kept))
			take++;
	if (cli->json && dry) {
		status = mk_cli_print_json(plan_json(&plan, (int)years));
		mk_purge_plan_release(&plan);
		return status;
	}
	if (!cli->json)
		print_plan(&plan, (int)years);
	mk_purge_plan_release(&plan);
	if (dry)
		return 0;
	if (take == 0) {
		/* Nothing past retention (or only held ones): not a failure. */
		if (cli->json)
			return mk_cli_print_json(json_pack("{s:n, s:i}", "purge", "incidents", 0));
		printf("nothing to purge\n");
		return 0;
	}
	if (!yes && !confirmed(take)) {
		mk_cli_error("%s: not confirmed: nothing was purged\n", cli->prog);
		return 1;
	}
	struct mk_purge_result res;
	if (mk_svc_purge(cli->svc, &cli->actor, cli->now, (int)years, keys, nkeys, &res, &err))
		return mk_cli_fail(cli, &err);
	if (res.files_failed)
		mk_cli_error("%s: %zu evidence file%s could not be removed\n", cli->prog,
			     res.files_failed, res.files_failed == 1 ? "" : "s");
	if (cli->json)
		return mk_cli_print_json(json_pack(
			"{s:I, s:I, s:I, s:I, s:I, s:I}", "purge", (json_int_t)res.purge_id, "incidents",
			(json_int_t)res.counts.incidents, "logbook_entries",
			(json_int_t)res.counts.logbook_entries, "evidence_items",
			(json_int_t)res.counts.evidence_items, "other_rows",
			(json_int_t)res.counts.other_rows, "files_removed", (json_int_t)res.files_removed));
	printf("purge %lld: %lld incidents, %lld logbook entries, %lld evidence items (%zu files), "
	       "%lld other rows; recorded in the purge log\n",
	       (long long)res.purge_id, (long long)res.counts.incidents,
	       (long long)res.counts.logbook_entries, (long long)res.counts.evidence_items,
	       res.files_removed, (long long)res.counts.other_rows);
	return res.files_failed ? 1 : 0;
}

static enum mk_rc print_purge(void *ctx, const struct mk_purge_log_view *p)
{
	json_t *rows = ctx;
	if (rows)
		return json_array_append_new(
			       rows, json_pack("{s:I, s:o, s:s, s:i, s:I, s:I, s:I, s:I, s:s}", "purge",
					       (json_int_t)p->id, "at", mk_json_time(p->at), "by",
					       p->actor, "before_years", p->years, "incidents",
					       (json_int_t)p->counts.incidents, "logbook_entries",
					       (json_int_t)p->counts.logbook_entries, "evidence_items",
					       (json_int_t)p->counts.evidence_items, "other_rows",
					       (json_int_t)p->counts.other_rows, "keys", p->keys))
			       ? MK_ENOMEM
			       : MK_OK;
	char at[MK_TIME_TEXT];
	mk_cli_out("purge %lld  %s  by %s  (%d years): %lld incidents, %lld logbook entries, %lld "
		   "evidence items, %lld other rows\n  %s\n",
		   (long long)p->id, mk_time_format_local(p->at, at), p->actor, p->years,
		   (long long)p->counts.incidents, (long long)p->counts.logbook_entries,
		   (long long)p->counts.evidence_items, (long long)p->counts.other_rows, p->keys);
	return MK_OK;
}

int mk_cmd_report_purges(struct mk_cli *cli, int argc, char **argv)
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
	if (mk_svc_purge_log(cli->svc, print_purge, rows, &err)) {
		json_decref(rows);
		return mk_cli_fail(cli, &err);
	}
	return rows ? mk_cli_print_json(rows) : 0;
}
