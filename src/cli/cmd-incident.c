/* meldkamer incident new|list|show|edit|assess|phase|close */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "core/team.h"
#include "core/text.h"
#include "export/json.h"

/* --- field options (new, edit) ------------------------------------------ */

#define MAX_FIELDS 32
enum { OPT_IF_VERSION = MK_OPT_FIRST_OWN + MAX_FIELDS, OPT_OPEN, OPT_LIMIT, OPT_BEFORE };

struct field_options {
	struct option opts[MAX_FIELDS + 8];
	char names[MAX_FIELDS][40];
	struct mk_field_value values[MAX_FIELDS];
	char *owned[MAX_FIELDS]; /* values read from standard input */
	size_t n;
	int64_t if_version;
};

/* Builds --title, --reporter-name... from the service's field names, so
 * the CLI can never offer a field the service does not know. */
static void field_options_init(struct field_options *fo, bool with_if_version)
{
	static const struct option common[] = {MK_CLI_COMMON_OPTIONS};
	memset(fo, 0, sizeof(*fo));
	size_t k = 0;
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		fo->opts[k++] = common[i];
	for (size_t i = 0; mk_incident_field_name(i) && i < MAX_FIELDS; i++) {
		snprintf(fo->names[i], sizeof(fo->names[i]), "%s", mk_incident_field_name(i));
		for (char *p = fo->names[i]; *p; p++)
			if (*p == '_')
				*p = '-';
		fo->opts[k++] = (struct option){fo->names[i], required_argument, NULL,
						(int)(MK_OPT_FIRST_OWN + i)};
	}
	if (with_if_version)
		fo->opts[k++] = (struct option){"if-version", required_argument, NULL, OPT_IF_VERSION};
}

static void field_options_release(struct field_options *fo)
{
	for (size_t i = 0; i < fo->n; i++)
		mk_free(fo->owned[i]);
}

static int parse_version(struct mk_cli *cli, const char *s, int64_t *ret)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 1)
		return mk_cli_usage_error(cli, "--if-version '%s' is not a version number", s);
	*ret = v;
	return 0;
}

/* Parses the options into fo; returns 0 or an exit status. */
static int field_options_parse(struct mk_cli *cli, struct field_options *fo, int argc, char **argv)
{
	int c;
	while ((c = mk_cli_option(cli, argc, argv, fo->opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_IF_VERSION) {
			int status = parse_version(cli, optarg, &fo->if_version);
			if (status)
				return status;
			continue;
		}
		size_t i = (size_t)(c - MK_OPT_FIRST_OWN);
		if (fo->n == MAX_FIELDS)
			return mk_cli_usage_error(cli, "too many options");
		int status;
		/* Only the description may come from standard input: it is the
		 * one long text. */
		bool long_text = strcmp(mk_incident_field_name(i), "description") == 0;
		char *value = long_text ? mk_cli_text_arg(cli, optarg, MK_TEXT_MAX, &status)
					: mk_strdup(optarg);
		if (!value)
			return long_text ? status : 1;
		fo->owned[fo->n] = value;
		fo->values[fo->n].name = mk_incident_field_name(i);
		fo->values[fo->n].value = value;
		fo->n++;
	}
	return 0;
}

static int need_key(struct mk_cli *cli, int argc, char **argv, int extra, const char **ret_key)
{
	if (optind >= argc)
		return mk_cli_usage_error(cli, "missing the incident key (MK-YYYY-NNNN)");
	if (argc - optind > 1 + extra)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1 + extra]);
	*ret_key = argv[optind];
	return 0;
}

int mk_cmd_incident_new(struct mk_cli *cli, int argc, char **argv)
{
	struct field_options fo;
	field_options_init(&fo, false);
	int status = field_options_parse(cli, &fo, argc, argv);
	if (status)
		goto out;
	if (optind < argc) {
		status = mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	/* detected_at defaults to now in the service (mk_svc_incident_register). */
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		goto out;
	char key[MK_KEY_TEXT];
	struct mk_error err = {0};
	if (mk_svc_incident_register(cli->svc, &cli->actor, cli->now, fo.values, fo.n, key, &err)) {
		status = mk_cli_fail(cli, &err);
		goto out;
	}
	if (cli->json)
		status = mk_cli_print_json(json_pack("{s:s}", "key", key));
	else
		printf("%s\n", key);
out:
	field_options_release(&fo);
	return status;
}

int mk_cmd_incident_edit(struct mk_cli *cli, int argc, char **argv)
{
	struct field_options fo;
	const char *key;
	field_options_init(&fo, true);
	int status = field_options_parse(cli, &fo, argc, argv);
	if (status || (status = need_key(cli, argc, argv, 0, &key)))
		goto out;
	if (fo.n == 0) {
		status = mk_cli_usage_error(cli, "nothing to change: give at least one field");
		goto out;
	}
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		goto out;
	struct mk_error err = {0};
	char done[64];
	snprintf(done, sizeof(done), "%s changed", key);
	if (mk_svc_incident_edit(cli->svc, &cli->actor, cli->now, key, fo.if_version, fo.values,
				 fo.n, &err))
		status = mk_cli_fail(cli, &err);
	else
		status = mk_cli_changed(cli, key, done);
out:
	field_options_release(&fo);
	return status;
}

/* --- list ----------------------------------------------------------------- */

struct list_out {
	struct mk_cli *cli;
	json_t *rows;
	int count;
	char last_key[MK_KEY_TEXT];
	int64_t last_id;
};

static enum mk_rc print_row(void *ctx, const struct mk_incident *inc)
{
	struct list_out *lo = ctx;
	lo->count++;
	snprintf(lo->last_key, sizeof(lo->last_key), "%s", inc->key);
	lo->last_id = inc->id;
	if (lo->rows)
		return json_array_append_new(lo->rows, mk_json_incident_summary(inc)) ? MK_ENOMEM : MK_OK;
	char reported[MK_TIME_TEXT];
	mk_cli_print_cell(inc->key, 13);
	mk_cli_print_cell(inc->priority ? mk_priority_name(inc->priority) : "-", 4);
	mk_cli_print_cell(mk_phase_name(inc->phase), 10);
	mk_cli_print_cell(mk_time_format_local(inc->reported_at, reported), 21);
	mk_cli_print_cell(inc->title, 60);
	putchar('\n');
	return MK_OK;
}

int mk_cmd_incident_list(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"open", no_argument, NULL, OPT_OPEN},
		{"limit", required_argument, NULL, OPT_LIMIT},
		{"before", required_argument, NULL, OPT_BEFORE},
		{0},
	};
	struct mk_incident_query q = {.limit = MK_PAGE_DEFAULT};
	const char *before = NULL;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_OPEN)
			q.open_only = true;
		else if (c == OPT_BEFORE)
			before = optarg;
		else if (c == OPT_LIMIT && (status = mk_cli_parse_limit(cli, optarg, &q.limit)))
			return status;
	}
	if (optind < argc)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
	if ((status = mk_cli_open(cli, MK_STORE_READ)))
		return status;
	struct mk_error err = {0};
	if (before) {
		struct mk_incident inc;
		mk_incident_init(&inc);
		enum mk_rc rc = mk_svc_incident_get(cli->svc, before, &inc, &err);
		q.before_id = inc.id;
		mk_incident_release(&inc);
		if (rc)
			return mk_cli_fail(cli, &err);
	}
	struct list_out lo = {.cli = cli, .rows = cli->json ? json_array() : NULL};
	if (!cli->json) {
		mk_cli_print_cell("KEY", 13);
		mk_cli_print_cell("PRIO", 4);
		mk_cli_print_cell("PHASE", 10);
		mk_cli_print_cell("REPORTED", 21);
		printf("TITLE\n");
	}
	if (mk_svc_incidents(cli->svc, &q, print_row, &lo, &err)) {
		json_decref(lo.rows);
		return mk_cli_fail(cli, &err);
	}
	bool more = lo.count == q.limit;
	if (cli->json)
		return mk_cli_print_json(json_pack("{s:o, s:s?}", "incidents", lo.rows, "next_before",
						   more ? lo.last_key : NULL));
	if (lo.count == 0)
		printf("(no incidents)\n");
	else if (more)
		printf("(more: meldkamer incident list --before %s)\n", lo.last_key);
	return 0;
}

/* --- show ----------------------------------------------------------------- */

struct show {
	struct mk_cli *cli;
	json_t *array;
	int done, nvt, total;
};

static enum mk_rc show_task(void *ctx, const struct mk_task_view *t)
{
	struct show *sh = ctx;
	sh->total++;
	sh->done += t->row->state == MK_TASK_DONE;
	sh->nvt += t->row->state == MK_TASK_NVT;
	if (sh->array)
		return json_array_append_new(sh->array, mk_json_task(t)) ? MK_ENOMEM : MK_OK;
	const char *mark = t->row->state == MK_TASK_DONE ? "[x]" : t->row->state == MK_TASK_NVT ? "[-]" : "[ ]";
	printf("  %s %-5s %-16s %s", mark, t->task->code, mk_role_name(t->task->role), t->task->title);
	if (t->row->state != MK_TASK_OPEN) {
		char at[MK_TIME_TEXT];
		printf("  (%s, %s)", t->row->done_by ? t->row->done_by : "?",
		       mk_time_format_local(t->row->done_at, at));
	}
	if (t->row->note)
		printf("\n        %s", t->row->note);
	putchar('\n');
	return MK_OK;
}

static enum mk_rc show_log(void *ctx, const struct mk_log_entry *e)
{
	struct show *sh = ctx;
	if (sh->array)
		return json_array_append_new(sh->array, mk_json_log_entry(e)) ? MK_ENOMEM : MK_OK;
	char at[MK_TIME_TEXT];
	printf("  #%lld %s  %s (%s)  [%s]\n", (long long)e->seq, mk_time_format_local(e->at, at),
	       e->author, mk_role_name(e->role), mk_log_kind_name(e->kind));
	/* Indent every line of the text under its header. */
	const char *p = e->text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		printf("      %.*s\n", (int)n, p);
		p += n + (nl ? 1 : 0);
	}
	return MK_OK;
}

static enum mk_rc show_decision(void *ctx, const struct mk_decision *d)
{
	struct show *sh = ctx;
	if (sh->array)
		return json_array_append_new(sh->array, mk_json_decision(d)) ? MK_ENOMEM : MK_OK;
	char a[MK_TIME_TEXT], b[MK_TIME_TEXT], c[MK_TIME_TEXT];
	printf("  #%lld %s by %s\n      Beeldvorming: %s\n      Opties: %s\n      Besluit: %s\n"
	       "      Opdracht: %s, uiterlijk %s\n      Controle: %s%s%s\n",
	       (long long)d->id, mk_time_format_local(d->decided_at, a), d->decided_by,
	       d->beeldvorming, d->opties, d->besluit, d->opdracht_wie,
	       mk_time_format_local(d->opdracht_uiterlijk, b),
	       mk_time_format_local(d->controle_op != MK_TIME_UNKNOWN ? d->controle_op
								     : d->opdracht_uiterlijk, c),
	       d->controle_resultaat ? ", " : "", d->controle_resultaat ? d->controle_resultaat : "");
	return MK_OK;
}

static void print_time(const char *label, mk_time t, bool estimated)
{
	char buf[MK_TIME_TEXT];
	printf("  %-24s %s%s\n", label, mk_time_format_local(t, buf), estimated ? " (estimated)" : "");
}

static void print_deadline(const struct mk_deadline *d, mk_time now)
{
	char due[MK_TIME_TEXT], opens[MK_TIME_TEXT], rel[64] = "";
	if (d->state == MK_DEADLINE_NOT_APPLICABLE)
		return;
	if (d->state == MK_DEADLINE_NOT_YET) {
		/* A window: say when it opens as well as when it closes. */
		mk_cli_relative(now, d->opens, rel, sizeof(rel));
		printf("  %-42s %-9s opens %s (%s), due %s\n", mk_clock_label(d->clock),
		       mk_deadline_state_name(d->state), mk_time_format_local(d->opens, opens), rel,
		       mk_time_format_local(d->due, due));
		return;
	}
	if (d->state == MK_DEADLINE_RUNNING || d->state == MK_DEADLINE_OVERDUE)
		mk_cli_relative(now, d->due, rel, sizeof(rel));
	printf("  %-42s %-9s due %s%s%s%s\n", mk_clock_label(d->clock),
	       mk_deadline_state_name(d->state), mk_time_format_local(d->due, due),
	       rel[0] ? " (" : "", rel, rel[0] ? ")" : "");
}

/* The crisis team groups the impact suggests, each with its roles, as
 * {"basis": [...], ...}; empty when no team is suggested. */
static json_t *crisis_team(const struct mk_incident *inc)
{
	struct mk_team team;
	bool groups[MK_TEAM_GROUP_COUNT];
	json_t *out = json_object();
	mk_team_suggest(&inc->impact, groups);
	if (!out || mk_team_load_default(&team, NULL))
		return out;
	for (int g = 0; g < MK_TEAM_GROUP_COUNT; g++) {
		if (!groups[g])
			continue;
		json_t *roles = json_array();
		for (size_t i = 0; roles && i < team.count; i++)
			if (team.roles[i].group == (enum mk_team_group)g)
				json_array_append_new(roles, json_string(team.roles[i].role));
		json_object_set_new(out, mk_team_group_name((enum mk_team_group)g), roles);
	}
	mk_team_release(&team);
	return out;
}

static int show_text(struct mk_cli *cli, const struct mk_incident *inc)
{
	struct mk_error err = {0};
	printf("%s  %s\n", inc->key, inc->title);
	printf("phase %s | priority %s%s%s | event %s | TLP %s | version %lld\n",
	       mk_phase_name(inc->phase), inc->priority ? mk_priority_name(inc->priority) : "-",
	       inc->priority ? " " : "", inc->priority ? mk_priority_label(inc->priority) : "",
	       mk_event_type_name(inc->event_type), mk_tlp_name(inc->tlp), (long long)inc->version);
	if (inc->description && inc->description[0])
		printf("\n%s\n", inc->description);
	printf("\nsource: %s\n", mk_source_label(inc->source));
	if (inc->reporter.name || inc->reporter.email)
		printf("reporter: %s%s%s%s%s%s%s\n", inc->reporter.name ? inc->reporter.name : "",
		       inc->reporter.department ? ", " : "",
		       inc->reporter.department ? inc->reporter.department : "",
		       inc->reporter.phone ? ", " : "", inc->reporter.phone ? inc->reporter.phone : "",
		       inc->reporter.email ? ", " : "", inc->reporter.email ? inc->reporter.email : "");
	if (inc->classified) {
		const struct mk_matrix_row *row = mk_matrix_find(&cli->svc->matrix, inc->matrix_table,
								 inc->matrix_category, inc->matrix_incident);
		printf("matrix: %s / %s / %s", mk_matrix_table_name(inc->matrix_table),
		       inc->matrix_category, inc->matrix_incident);
		if (row)
			printf(" (inform helpdesk %s, CISO %s, directie %s)",
			       row->helpdesk ? mk_notify_name(row->helpdesk) : "-",
			       row->ciso ? mk_notify_name(row->ciso) : "-",
			       row->directie ? mk_notify_name(row->directie) : "-");
		putchar('\n');
	} else {
		printf("matrix: not classified yet\n");
	}
	enum mk_level overall = mk_impact_overall(&inc->impact);
	printf("impact: %s", overall ? mk_level_name(overall) : "not assessed");
	bool first = true;
	for (int c = 0; c < MK_CRITERION_COUNT; c++) {
		if (!inc->impact.level[c])
			continue;
		printf("%s%s %s", first ? " (" : ", ", mk_criterion_name((enum mk_criterion)c),
		       mk_level_name(inc->impact.level[c]));
		first = false;
	}
	printf("%s | urgency %s", first ? "" : ")", inc->urgency ? mk_level_name(inc->urgency) : "-");
	if (inc->people_affected >= 0)
		printf(" | people affected %lld", (long long)inc->people_affected);
	printf("\npersonal data %s | confidential %s%s", inc->personal_data ? "yes" : "no",
	       inc->confidential ? "yes" : "no", inc->exercise ? " | EXERCISE" : "");
	if (inc->supplier)
		printf(" | supplier %s", inc->supplier);
	if (inc->parent_key)
		printf(" | part of %s", inc->parent_key);
	if (inc->victim)
		printf("\nvictim: %s%s%s", inc->victim, inc->industry ? ", industry " : "",
		       inc->industry ? inc->industry : "");
	if (inc->source_ref)
		printf("\nimported from: %s", inc->source_ref);
	if (inc->priority && mk_event_type_suggested(inc->priority) == MK_EVENT_ESCALATIE &&
	    inc->event_type == MK_EVENT_NORMAAL)
		printf("\nsuggestion: priority %s suggests event type escalatie", mk_priority_name(inc->priority));
	printf("\n\ntimes (Amsterdam):\n");
	print_time("occurred", inc->occurred_at, inc->occurred_estimated);
	print_time("detected", inc->detected_at, false);
	print_time("reported", inc->reported_at, false);
	print_time("management informed", inc->management_informed_at, false);
	print_time("AP notified", inc->ap_notified_at, false);
	print_time("data subjects informed", inc->subjects_informed_at, false);
	print_time("contained", inc->contained_at, false);
	print_time("resolved", inc->resolved_at, false);
	print_time("closed", inc->closed_at, false);
	print_time("evaluated", inc->evaluated_at, false);

	struct mk_deadline d[MK_CLOCK_COUNT];
	mk_svc_incident_deadlines(cli->svc, inc, cli->now, d);
	printf("\nclocks:\n");
	for (int i = 0; i < MK_CLOCK_COUNT; i++)
		print_deadline(&d[i], cli->now);

	json_t *team = crisis_team(inc);
	if (json_object_size(team) > 0) {
		printf("\ncrisis team (suggested by the impact, H4.2):\n");
		const char *group;
		json_t *roles;
		json_object_foreach(team, group, roles) {
			printf("  %-17s", group);
			size_t i;
			json_t *role;
			json_array_foreach(roles, i, role)
				printf("%s%s", i ? ", " : "", json_string_value(role));
			putchar('\n');
		}
	}
	json_decref(team);

	struct show sh = {.cli = cli};
	printf("\nchecklist (Bijlage 1):\n");
	if (mk_svc_tasks(cli->svc, inc->key, show_task, &sh, &err))
		return mk_cli_fail(cli, &err);
	printf("  %d of %d done, %d n.v.t.\n", sh.done, sh.total, sh.nvt);

	printf("\ndecisions (BOBOC):\n");
	if (mk_svc_decisions(cli->svc, inc->key, show_decision, &sh, &err))
		return mk_cli_fail(cli, &err);

	int status = mk_cli_show_observables(cli, inc->key, NULL);
	if (status)
		return status;

	struct mk_chain_status chain;
	struct mk_error chain_err = {0};
	enum mk_rc chain_rc = mk_svc_log_verify(cli->svc, inc->key, &chain, &chain_err);
	printf("\nlogbook (%lld entries, chain %s):\n", (long long)inc->log_count,
	       chain_rc == MK_OK ? "intact" : "BROKEN");
	if (chain_rc && chain_rc != MK_ECHAIN)
		return mk_cli_fail(cli, &chain_err);
	if (mk_svc_log_list(cli->svc, inc->key, show_log, &sh, &err))
		return mk_cli_fail(cli, &err);
	if (chain_rc == MK_ECHAIN)
		printf("  %s\n", chain_err.message);
	return 0;
}

static int show_json(struct mk_cli *cli, const struct mk_incident *inc)
{
	struct mk_error err = {0};
	json_t *out = mk_json_incident(inc);
	json_t *tasks = json_array(), *log = json_array(), *decisions = json_array(),
	       *clocks = json_array();
	struct mk_deadline d[MK_CLOCK_COUNT];
	mk_svc_incident_deadlines(cli->svc, inc, cli->now, d);
	for (int i = 0; clocks && i < MK_CLOCK_COUNT; i++)
		json_array_append_new(clocks, mk_json_deadline(&d[i]));
	struct show sh = {.cli = cli, .array = tasks};
	enum mk_rc rc = mk_svc_tasks(cli->svc, inc->key, show_task, &sh, &err);
	sh.array = decisions;
	if (rc == MK_OK)
		rc = mk_svc_decisions(cli->svc, inc->key, show_decision, &sh, &err);
	sh.array = log;
	if (rc == MK_OK)
		rc = mk_svc_log_list(cli->svc, inc->key, show_log, &sh, &err);
	struct mk_chain_status chain;
	struct mk_error chain_err = {0};
	enum mk_rc chain_rc = rc ? rc : mk_svc_log_verify(cli->svc, inc->key, &chain, &chain_err);
	if (rc || (chain_rc && chain_rc != MK_ECHAIN) || !out) {
		json_decref(out);
		json_decref(tasks);
		json_decref(log);
		json_decref(decisions);
		json_decref(clocks);
		return rc ? mk_cli_fail(cli, &err) : chain_rc ? mk_cli_fail(cli, &chain_err) : 1;
	}
	json_object_set_new(out, "clocks", clocks);
	json_object_set_new(out, "crisis_team", crisis_team(inc));
	json_object_set_new(out, "tasks", tasks);
	json_object_set_new(out, "decisions", decisions);
	json_t *observables = NULL;
	int status = mk_cli_show_observables(cli, inc->key, &observables);
	if (status) {
		json_decref(out);
		json_decref(log);
		return status;
	}
	json_object_set_new(out, "observables", observables);
	json_object_set_new(out, "log", log);
	json_object_set_new(out, "chain", json_pack("{s:b, s:s?}", "intact", chain_rc == MK_OK,
						    "problem", chain_rc ? chain_err.message : NULL));
	return mk_cli_print_json(out);
}

int mk_cmd_incident_show(struct mk_cli *cli, int argc, char **argv)
{
	const char *key;
	int status = mk_cli_key_command(cli, argc, argv, &key);
	if (status)
		return status;
	struct mk_incident inc;
	struct mk_error err = {0};
	mk_incident_init(&inc);
	if (mk_svc_incident_get(cli->svc, key, &inc, &err))
		status = mk_cli_fail(cli, &err);
	else
		status = cli->json ? show_json(cli, &inc) : show_text(cli, &inc);
	mk_incident_release(&inc);
	return status;
}

/* --- assess ------------------------------------------------------------------ */

enum { OPT_TABLE = MK_OPT_FIRST_OWN, OPT_CATEGORY, OPT_INCIDENT, OPT_IMPACT, OPT_PEOPLE,
       OPT_URGENCY, OPT_EVENT_TYPE, OPT_VERSION, OPT_REASON };

static int parse_impact(struct mk_cli *cli, const char *arg, struct mk_assessment *a)
{
	const char *eq = strchr(arg, '=');
	struct mk_error err = {0};
	char name[64];
	if (!eq || (size_t)(eq - arg) >= sizeof(name))
		return mk_cli_usage_error(cli, "--impact '%s' must be CRITERION=LEVEL, e.g. mensen=hoog", arg);
	snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
	enum mk_criterion crit;
	enum mk_level level;
	if (mk_criterion_parse(name, &crit, &err) || mk_level_parse(eq + 1, "impact", &level, &err))
		return mk_cli_fail(cli, &err);
	a->has_impact[crit] = true;
	a->impact[crit] = level;
	return 0;
}

int mk_cmd_incident_assess(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"table", required_argument, NULL, OPT_TABLE},
		{"category", required_argument, NULL, OPT_CATEGORY},
		{"incident", required_argument, NULL, OPT_INCIDENT},
		{"impact", required_argument, NULL, OPT_IMPACT},
		{"people", required_argument, NULL, OPT_PEOPLE},
		{"urgency", required_argument, NULL, OPT_URGENCY},
		{"event-type", required_argument, NULL, OPT_EVENT_TYPE},
		{"if-version", required_argument, NULL, OPT_VERSION},
		{0},
	};
	struct mk_assessment a = {0};
	struct mk_error err = {0};
	const char *table = NULL, *key;
	int64_t version = 0;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case -2:
			return 2;
		case OPT_TABLE:
			table = optarg;
			break;
		case OPT_CATEGORY:
			a.category = optarg;
			break;
		case OPT_INCIDENT:
			a.incident = optarg;
			break;
		case OPT_IMPACT:
			if ((status = parse_impact(cli, optarg, &a)))
				return status;
			break;
		case OPT_PEOPLE: {
			char *end;
			long long v = strtoll(optarg, &end, 10);
			if (*optarg == '\0' || *end || v < 0 || v > 100000000000LL)
				return mk_cli_usage_error(cli, "--people '%s' is not a count", optarg);
			a.has_people = true;
			a.people = v;
			break;
		}
		case OPT_URGENCY:
			if (mk_level_parse(optarg, "urgency", &a.urgency, &err))
				return mk_cli_fail(cli, &err);
			a.has_urgency = true;
			break;
		case OPT_EVENT_TYPE:
			if (mk_event_type_parse(optarg, "event-type", &a.event_type, &err))
				return mk_cli_fail(cli, &err);
			a.has_event_type = true;
			break;
		case OPT_VERSION:
			if ((status = parse_version(cli, optarg, &version)))
				return status;
			break;
		}
	}
	if (table || a.category || a.incident) {
		if (!table || !a.category || !a.incident)
			return mk_cli_usage_error(cli, "a matrix row needs --table, --category and --incident");
		if (mk_matrix_table_parse(table, "table", &a.table, &err))
			return mk_cli_fail(cli, &err);
		a.has_matrix = true;
	}
	if ((status = need_key(cli, argc, argv, 0, &key)) || (status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	if (mk_svc_incident_assess(cli->svc, &cli->actor, cli->now, key, version, &a, &err))
		return mk_cli_fail(cli, &err);
	struct mk_incident inc;
	mk_incident_init(&inc);
	if (mk_svc_incident_get(cli->svc, key, &inc, &err)) {
		mk_incident_release(&inc);
		return mk_cli_fail(cli, &err);
	}
	if (cli->json) {
		status = mk_cli_print_json(mk_json_incident_summary(&inc));
	} else {
		printf("%s: impact %s, urgency %s, priority %s%s%s\n", key,
		       mk_impact_overall(&inc.impact) ? mk_level_name(mk_impact_overall(&inc.impact)) : "-",
		       inc.urgency ? mk_level_name(inc.urgency) : "-",
		       inc.priority ? mk_priority_name(inc.priority) : "-", inc.priority ? " " : "",
		       inc.priority ? mk_priority_label(inc.priority) : "");
		if (inc.priority && mk_event_type_suggested(inc.priority) == MK_EVENT_ESCALATIE &&
		    inc.event_type == MK_EVENT_NORMAAL)
			printf("suggestion: priority %s suggests event type escalatie "
			       "(meldkamer incident assess %s --event-type escalatie)\n",
			       mk_priority_name(inc.priority), key);
	}
	mk_incident_release(&inc);
	return status;
}

/* --- phase, close ----------------------------------------------------------- */

static int move(struct mk_cli *cli, int argc, char **argv, bool close)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"reason", required_argument, NULL, OPT_REASON},
		{"if-version", required_argument, NULL, OPT_VERSION},
		{0},
	};
	const char *reason = NULL, *key;
	int64_t version = 0;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_REASON)
			reason = optarg;
		else if (c == OPT_VERSION && (status = parse_version(cli, optarg, &version)))
			return status;
	}
	if ((status = need_key(cli, argc, argv, close ? 0 : 1, &key)))
		return status;
	enum mk_phase to = MK_PHASE_AFSLUITEN;
	struct mk_error err = {0};
	if (!close) {
		if (optind + 1 >= argc)
			return mk_cli_usage_error(cli, "missing the phase");
		if (mk_phase_parse(argv[optind + 1], "phase", &to, &err))
			return mk_cli_fail(cli, &err);
	}
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	if (mk_svc_incident_phase(cli->svc, &cli->actor, cli->now, key, version, to, reason, &err))
		return mk_cli_fail(cli, &err);
	char done[80];
	snprintf(done, sizeof(done), "%s is now in phase %s", key, mk_phase_name(to));
	return mk_cli_changed(cli, key, done);
}

int mk_cmd_incident_phase(struct mk_cli *cli, int argc, char **argv)
{
	return move(cli, argc, argv, false);
}

int mk_cmd_incident_close(struct mk_cli *cli, int argc, char **argv)
{
	return move(cli, argc, argv, true);
}
