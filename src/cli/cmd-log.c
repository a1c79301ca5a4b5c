/* meldkamer log add|list|verify: the hash-chained logbook. */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "export/json.h"

enum { OPT_KIND = MK_OPT_FIRST_OWN, OPT_EXPECT_HEAD };

int mk_cmd_log_add(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"kind", required_argument, NULL, OPT_KIND},
		{0},
	};
	enum mk_log_kind kind = MK_LOG_NOTE;
	struct mk_error err = {0};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_KIND && mk_log_kind_parse(optarg, "kind", &kind, &err))
			return mk_cli_fail(cli, &err);
	}
	if (argc - optind != 2)
		return mk_cli_usage_error(cli, "needs the incident key and the text (- reads standard input)");
	char *text = mk_cli_text_arg(cli, argv[optind + 1], MK_TEXT_MAX, &status);
	if (!text)
		return status;
	if (!(status = mk_cli_open(cli, MK_STORE_WRITE))) {
		char done[64];
		snprintf(done, sizeof(done), "%.20s logged", argv[optind]);
		if (mk_svc_log_add(cli->svc, &cli->actor, cli->now, argv[optind], kind, text, &err))
			status = mk_cli_fail(cli, &err);
		else
			status = mk_cli_changed(cli, argv[optind], done);
	}
	mk_free(text);
	return status;
}

struct log_out {
	json_t *rows;
};

static enum mk_rc print_entry(void *ctx, const struct mk_log_entry *e)
{
	struct log_out *lo = ctx;
	if (lo->rows)
		return json_array_append_new(lo->rows, mk_json_log_entry(e)) ? MK_ENOMEM : MK_OK;
	char at[MK_TIME_TEXT];
	printf("#%lld %s %s (%s) [%s] %.12s\n", (long long)e->seq, mk_time_format_local(e->at, at),
	       e->author, mk_role_name(e->role), mk_log_kind_name(e->kind), e->hash);
	const char *p = e->text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		printf("    %.*s\n", (int)n, p);
		p += n + (nl ? 1 : 0);
	}
	return MK_OK;
}

int mk_cmd_log_list(struct mk_cli *cli, int argc, char **argv)
{
	const char *key;
	int status = mk_cli_key_command(cli, argc, argv, &key);
	if (status)
		return status;
	struct log_out lo = {cli->json ? json_array() : NULL};
	struct mk_error err = {0};
	if (mk_svc_log_list(cli->svc, key, print_entry, &lo, &err)) {
		json_decref(lo.rows);
		return mk_cli_fail(cli, &err);
	}
	return cli->json ? mk_cli_print_json(lo.rows) : 0;
}

struct register_problems {
	json_t *rows;
	size_t n;
};

static enum mk_rc register_problem(void *ctx, const char *problem)
{
	struct register_problems *rp = ctx;
	rp->n++;
	if (rp->rows)
		return json_array_append_new(rp->rows, json_string(problem)) ? MK_ENOMEM : MK_OK;
	mk_cli_error("meldkamer log verify: %s\n", problem);
	return MK_OK;
}

static int verify_all(struct mk_cli *cli)
{
	struct mk_cli_keys k = {0};
	struct mk_error err = {0};
	int status = 0;
	size_t broken = 0;
	json_t *rows = cli->json ? json_array() : NULL;
	if (mk_cli_collect_keys(cli, &k, &err)) {
		status = mk_cli_fail(cli, &err);
		goto out;
	}
	for (size_t i = k.n; i-- > 0;) {
		struct mk_chain_status st;
		struct mk_error verr = {0};
		enum mk_rc rc = mk_svc_log_verify(cli->svc, k.keys[i], &st, &verr);
		if (rc && rc != MK_ECHAIN) {
			status = mk_cli_fail(cli, &verr);
			goto out;
		}
		if (rc == MK_ECHAIN) {
			broken++;
			if (!rows)
				mk_cli_error("%s: %s: %s\n", cli->prog, k.keys[i], verr.message);
		}
		if (rows)
			json_array_append_new(rows, mk_json_chain_status(k.keys[i], &st, rc == MK_OK,
									 rc ? verr.message : NULL));
	}
	/* Beyond each chain: an incident deleted with its logbook, or a
	 * logbook left without its incident, breaks no chain. */
	struct register_problems rp = {cli->json ? json_array() : NULL, 0};
	if (mk_svc_register_check(cli->svc, register_problem, &rp, &err)) {
		json_decref(rp.rows);
		status = mk_cli_fail(cli, &err);
		goto out;
	}
	if (rows) {
		status = mk_cli_print_json(json_pack("{s:I, s:I, s:o, s:o}", "incidents", (json_int_t)k.n,
						     "broken", (json_int_t)broken, "chains", rows,
						     "register_problems", rp.rows));
		rows = NULL;
	} else {
		printf("%zu logbooks verified: %zu intact, %zu broken; register %s\n", k.n,
		       k.n - broken, broken, rp.n ? "NOT intact" : "intact");
	}
	if ((broken || rp.n) && status == 0)
		status = mk_rc_exit_status(MK_ECHAIN);
out:
	json_decref(rows);
	mk_cli_keys_release(&k);
	return status;
}

struct find_head {
	long long seq;
	const char *hash;
	bool found;
};

static enum mk_rc find_head(void *ctx, const struct mk_log_entry *e)
{
	struct find_head *fh = ctx;
	if (e->seq == fh->seq && strcmp(e->hash, fh->hash) == 0)
		fh->found = true;
	return MK_OK;
}

int mk_cmd_log_verify(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"expect-head", required_argument, NULL, OPT_EXPECT_HEAD},
		{0},
	};
	const char *expect = NULL;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_EXPECT_HEAD)
			expect = optarg;
	}
	if (argc - optind > 1)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
	long long expect_count = 0;
	char expect_hash[MK_HASH_HEX] = "";
	if (expect) {
		char *end;
		expect_count = strtoll(expect, &end, 10);
		if (end == expect || *end != ':' || strlen(end + 1) != 64 || expect_count < 1)
			return mk_cli_usage_error(cli, "--expect-head '%s' must be COUNT:HASH as printed "
						  "by 'log verify'", expect);
		snprintf(expect_hash, sizeof(expect_hash), "%s", end + 1);
		if (optind == argc)
			return mk_cli_usage_error(cli, "--expect-head needs the incident key");
	}
	if ((status = mk_cli_open(cli, MK_STORE_READ)))
		return status;
	if (optind == argc)
		return verify_all(cli);

	const char *key = argv[optind];
	struct mk_chain_status st;
	struct mk_error err = {0};
	enum mk_rc rc = mk_svc_log_verify(cli->svc, key, &st, &err);
	if (rc && rc != MK_ECHAIN)
		return mk_cli_fail(cli, &err);
	/* A head noted elsewhere (a report, a mail to the IBD) catches what
	 * the database alone cannot: a chain rewritten from some point on
	 * together with the incident's recorded head. */
	bool head_ok = true;
	if (rc == MK_OK && expect) {
		if (st.entries < expect_count)
			head_ok = false;
		else if (st.entries == expect_count)
			head_ok = strcmp(st.head, expect_hash) == 0;
	}
	if (rc == MK_OK && expect && st.entries > expect_count) {
		/* The chain grew since: the noted head must still be in it. */
		struct find_head fh = {expect_count, expect_hash, false};
		if (mk_svc_log_list(cli->svc, key, find_head, &fh, &err))
			return mk_cli_fail(cli, &err);
		head_ok = fh.found;
	}
	if (cli->json)
		status = mk_cli_print_json(mk_json_chain_status(
			key, &st, rc == MK_OK && head_ok,
			rc ? err.message : head_ok ? NULL : "the head differs from the expected head"));
	else if (rc == MK_OK && head_ok)
		printf("%s: logbook intact, %lld entr%s, head %lld:%s\n", key, (long long)st.entries,
		       st.entries == 1 ? "y" : "ies", (long long)st.entries, st.head);
	if (rc == MK_ECHAIN) {
		if (!cli->json)
			mk_cli_error("%s: %s: %s\n", cli->prog, key, err.message);
		return mk_rc_exit_status(MK_ECHAIN);
	}
	if (!head_ok) {
		if (!cli->json)
			mk_cli_error("%s: %s: the logbook does not contain the expected head %lld:%s\n",
				cli->prog, key, expect_count, expect_hash);
		return mk_rc_exit_status(MK_ECHAIN);
	}
	return status;
}
