/* meldkamer evaluation set|meeting|show, action add|done: the evaluation
 * after closure (Bijlage 1 step 7; doc/closure.md). */
#include <string.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "export/json-closure.h"

enum { OPT_LESSONS = MK_OPT_FIRST_OWN, OPT_REVIEW, OPT_ANSWER, OPT_AT, OPT_MINUTES, OPT_WHAT,
       OPT_OWNER, OPT_DUE };

#define ANSWERS_MAX MK_EVALUATION_QUESTIONS_MAX

int mk_cmd_evaluation_set(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"lessons", required_argument, NULL, OPT_LESSONS},
		{"process-review", required_argument, NULL, OPT_REVIEW},
		{"answer", required_argument, NULL, OPT_ANSWER},
		{0},
	};
	struct mk_field_value answers[ANSWERS_MAX];
	char *owned[ANSWERS_MAX + 2] = {0};
	size_t nowned = 0;
	struct mk_evaluation_input in = {.answers = answers};
	struct mk_error err = {0};
	int c, status = 0;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2) {
			status = 2;
			goto out;
		}
		if (c == OPT_LESSONS || c == OPT_REVIEW) {
			/* "-" reads the text from standard input. */
			char *t = mk_cli_text_arg(cli, optarg, MK_TEXT_MAX, &status);
			if (!t)
				goto out;
			owned[nowned++] = t;
			if (c == OPT_LESSONS)
				in.lessons = t;
			else
				in.process_review = t;
		} else if (c == OPT_ANSWER) {
			char *eq = strchr(optarg, '=');
			if (!eq) {
				status = mk_cli_usage_error(cli, "--answer takes CODE=TEXT, e.g. "
								 "7.3b='MFA eerder invoeren'");
				goto out;
			}
			if (in.nanswers == ANSWERS_MAX) {
				status = mk_cli_usage_error(cli, "at most %d answers", ANSWERS_MAX);
				goto out;
			}
			*eq = '\0';
			answers[in.nanswers++] = (struct mk_field_value){optarg, eq + 1};
		}
	}
	if (argc - optind != 1) {
		status = mk_cli_usage_error(cli, "needs the incident key");
		goto out;
	}
	if (!in.lessons && !in.process_review && !in.nanswers) {
		status = mk_cli_usage_error(cli, "needs --lessons, --process-review or --answer");
		goto out;
	}
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		goto out;
	if (mk_svc_evaluation_set(cli->svc, &cli->actor, cli->now, argv[optind], &in, &err)) {
		status = mk_cli_fail(cli, &err);
		goto out;
	}
	char done[64];
	snprintf(done, sizeof(done), "%s evaluation written", argv[optind]);
	status = mk_cli_changed(cli, argv[optind], done);
out:
	for (size_t i = 0; i < nowned; i++)
		mk_free(owned[i]);
	return status;
}

int mk_cmd_evaluation_meeting(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"at", required_argument, NULL, OPT_AT},
		{"minutes", required_argument, NULL, OPT_MINUTES},
		{0},
	};
	mk_time at = MK_TIME_UNKNOWN;
	long minutes = MK_MEETING_MINUTES_DEFAULT;
	struct mk_error err = {0};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_AT && mk_time_parse(optarg, "at", &at, &err))
			return mk_cli_fail(cli, &err);
		if (c == OPT_MINUTES) {
			char *end;
			minutes = strtol(optarg, &end, 10);
			if (!optarg[0] || *end || minutes < MK_MEETING_MINUTES_MIN ||
			    minutes > MK_MEETING_MINUTES_MAX)
				return mk_cli_usage_error(cli, "--minutes '%.40s' must be %d to %d", optarg,
							  MK_MEETING_MINUTES_MIN, MK_MEETING_MINUTES_MAX);
		}
	}
	if (argc - optind != 1)
		return mk_cli_usage_error(cli, "needs the incident key");
	if (at == MK_TIME_UNKNOWN)
		return mk_cli_usage_error(cli, "needs --at TIME (2 to 6 weeks after closing)");
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	if (mk_svc_evaluation_meeting(cli->svc, &cli->actor, cli->now, argv[optind], at,
				      (int)minutes, &err))
		return mk_cli_fail(cli, &err);
	char when[MK_TIME_TEXT], done[96];
	snprintf(done, sizeof(done), "%s evaluation meeting %s, %ld min", argv[optind],
		 mk_time_format_local(at, when), minutes);
	return mk_cli_changed(cli, argv[optind], done);
}

int mk_cmd_evaluation_show(struct mk_cli *cli, int argc, char **argv)
{
	const char *key;
	int status = mk_cli_key_command(cli, argc, argv, &key);
	if (status)
		return status;
	struct mk_error err = {0};
	json_t *ev = mk_json_evaluation(cli->svc, key, &err);
	if (!ev)
		return mk_cli_fail(cli, &err);
	if (cli->json)
		return mk_cli_print_json(ev);
	/* The text form reads the same JSON: one source for both. */
	json_t *w = json_object_get(ev, "window"), *m = json_object_get(ev, "meeting");
	printf("evaluation %s\n", key);
	if (json_is_object(w))
		printf("window     %s .. %s (UTC)\n", json_string_value(json_object_get(w, "opens")),
		       json_string_value(json_object_get(w, "due")));
	else
		printf("window     - (not closed)\n");
	if (json_is_object(m))
		printf("meeting    %s, %lld min\n", json_string_value(json_object_get(m, "at")),
		       (long long)json_integer_value(json_object_get(m, "minutes")));
	const char *l = json_string_value(json_object_get(ev, "lessons"));
	const char *p = json_string_value(json_object_get(ev, "process_review"));
	printf("lessons    %s\nprocess    %s\n", l ? l : "-", p ? p : "-");
	size_t i;
	json_t *q;
	json_array_foreach(json_object_get(ev, "questions"), i, q)
	{
		const char *a = json_string_value(json_object_get(q, "answer"));
		printf("%-5s %s\n      %s\n", json_string_value(json_object_get(q, "code")),
		       json_string_value(json_object_get(q, "vraag")), a ? a : "-");
	}
	json_array_foreach(json_object_get(ev, "actions"), i, q)
	{
		printf("action #%lld %s (%s, due %s)%s\n",
		       (long long)json_integer_value(json_object_get(q, "id")),
		       json_string_value(json_object_get(q, "what")),
		       json_string_value(json_object_get(q, "owner")),
		       json_string_value(json_object_get(q, "due")),
		       json_is_true(json_object_get(q, "done")) ? " done" : "");
	}
	json_t *h = json_object_get(ev, "legal_hold");
	if (json_is_object(h))
		printf("legal hold since %s: %s\n", json_string_value(json_object_get(h, "at")),
		       json_string_value(json_object_get(h, "reason")));
	json_decref(ev);
	return 0;
}

int mk_cmd_action_add(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"what", required_argument, NULL, OPT_WHAT},
		{"owner", required_argument, NULL, OPT_OWNER},
		{"due", required_argument, NULL, OPT_DUE},
		{0},
	};
	struct mk_improvement a = {.due_at = MK_TIME_UNKNOWN, .done_at = MK_TIME_UNKNOWN};
	struct mk_error err = {0};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_WHAT)
			a.what = optarg;
		else if (c == OPT_OWNER)
			a.owner = optarg;
		else if (c == OPT_DUE && mk_time_parse(optarg, "due", &a.due_at, &err))
			return mk_cli_fail(cli, &err);
	}
	if (argc - optind != 1)
		return mk_cli_usage_error(cli, "needs the incident key");
	if (!a.what || !a.owner || a.due_at == MK_TIME_UNKNOWN)
		return mk_cli_usage_error(cli, "needs --what, --owner and --due");
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	if (mk_svc_action_add(cli->svc, &cli->actor, cli->now, argv[optind], &a, &err))
		return mk_cli_fail(cli, &err);
	if (cli->json)
		return mk_cli_print_json(json_pack("{s:s, s:I}", "key", argv[optind], "action",
						   (json_int_t)a.id));
	printf("%s improvement action %lld recorded\n", argv[optind], (long long)a.id);
	return 0;
}

int mk_cmd_action_done(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {MK_CLI_COMMON_OPTIONS, {0}};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1)
		if (c == -2)
			return 2;
	if (argc - optind != 2)
		return mk_cli_usage_error(cli, "needs the incident key and the action number");
	char *end;
	long long id = strtoll(argv[optind + 1], &end, 10);
	if (!argv[optind + 1][0] || *end || id < 1)
		return mk_cli_usage_error(cli, "action '%.40s' is not an action number",
					  argv[optind + 1]);
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	struct mk_error err = {0};
	if (mk_svc_action_done(cli->svc, &cli->actor, cli->now, argv[optind], id, &err))
		return mk_cli_fail(cli, &err);
	char done[64];
	snprintf(done, sizeof(done), "%s improvement action %lld done", argv[optind], id);
	return mk_cli_changed(cli, argv[optind], done);
}
