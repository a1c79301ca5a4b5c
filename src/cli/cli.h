/* Shared by the CLI's command files: the invocation's context, option
 * handling common to every command, opening the service, and output. */
#ifndef MK_CLI_CLI_H
#define MK_CLI_CLI_H

#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>

#include "base/limits.h"
#include "service/service.h"

struct mk_cli {
	const char *prog;         /* "meldkamer incident new", for messages */
	const char *db_path;      /* --db, MELDKAMER_DB, or ./meldkamer.db */
	bool json;                /* --json */
	struct mk_actor actor;    /* --as / --role, MELDKAMER_USER / MELDKAMER_ROLE */
	char actor_name[MK_NAME_MAX + 1];
	mk_time now;              /* the clock, or MELDKAMER_NOW */
	struct mk_service *svc;   /* opened by mk_cli_open */
	const struct mk_cli_command *command;
};

typedef int (*mk_cli_run)(struct mk_cli *cli, int argc, char **argv);

struct mk_cli_command {
	const char *noun;    /* "incident" */
	const char *verb;    /* "new", or NULL for a one-word command */
	mk_cli_run run;
	const char *args;    /* "KEY [options]" */
	const char *summary; /* one line */
	const char *help;    /* the options, one per line */
};

/* Options every command takes; ids above 1000 so they never clash with a
 * command's own. */
enum {
	MK_OPT_DB = 1001,
	MK_OPT_JSON,
	MK_OPT_AS,
	MK_OPT_ROLE,
	MK_OPT_HELP,
	MK_OPT_FIRST_OWN = 1100, /* a command's own ids start here */
};
#define MK_CLI_COMMON_OPTIONS                                         \
	{"db", required_argument, NULL, MK_OPT_DB},                   \
	{"json", no_argument, NULL, MK_OPT_JSON},                     \
	{"as", required_argument, NULL, MK_OPT_AS},                   \
	{"role", required_argument, NULL, MK_OPT_ROLE},               \
	{"help", no_argument, NULL, MK_OPT_HELP}

/* The next option of the command: handles the common ones itself (help
 * prints and exits 0), returns a command option's id, -1 at the end, or
 * -2 after printing a usage error. */
int mk_cli_option(struct mk_cli *cli, int argc, char **argv, const struct option *opts);

/* Prints a message to stderr, control characters and invalid UTF-8 shown
 * as \xNN. Every diagnostic of the CLI goes through it. */
void mk_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* 0, or the usage error (exit 2) when --output PATH would replace the
 * database, its write-ahead log or signing key, or write into its
 * evidence store. NULL and "-" (standard output) pass. */
int mk_cli_check_output(struct mk_cli *cli, const char *path);

/* The same for standard output, for results that quote what a file or a
 * user supplied (file names). */
void mk_cli_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "meldkamer CMD: message" and returns 2 (bad usage). */
int mk_cli_usage_error(struct mk_cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prints err to stderr as "meldkamer CMD: message" and returns the exit
 * status of its rc. */
int mk_cli_fail(struct mk_cli *cli, const struct mk_error *err);

/* The prologue of a command that takes only the common options and one
 * incident key: parses them, opens the service for reading, and gives the
 * key. Returns 0, or the exit status after printing the problem. */
int mk_cli_key_command(struct mk_cli *cli, int argc, char **argv, const char **ret_key);

/* Opens the service (database) in the given mode; prints and returns the
 * exit status on failure, 0 on success. */
int mk_cli_open(struct mk_cli *cli, enum mk_store_mode mode);

/* Prints a JSON value to stdout (pretty, UTF-8 as is) and a newline, and
 * drops the reference. Returns 0, or 1 if v is NULL (out of memory). */
int mk_cli_print_json(json_t *v);

/* Text from an option: "-" means read standard input (up to max bytes).
 * The returned string is owned by the caller (mk_free) and may be NULL on
 * error, which has then been printed (ret_status set). */
char *mk_cli_text_arg(struct mk_cli *cli, const char *value, size_t max, int *ret_status);

/* Prints s cut to at most width characters (UTF-8 aware), padded. */
void mk_cli_print_cell(const char *s, int width);

/* After a change: with --json, prints the incident's summary (key,
 * phase, priority, version...) as the answer; without, prints `text`.
 * Returns the exit status. */
int mk_cli_changed(struct mk_cli *cli, const char *key, const char *text);

/* Parses --limit: a number from 1 to MK_PAGE_MAX into *ret. Returns 0, or
 * 2 after printing the usage error. */
int mk_cli_parse_limit(struct mk_cli *cli, const char *arg, int *ret);

/* The keys of every incident, newest first (for commands that walk all
 * incidents one by one: the store streams one query at a time). */
struct mk_cli_keys {
	char (*keys)[MK_KEY_TEXT];
	size_t n, cap;
};
enum mk_rc mk_cli_collect_keys(struct mk_cli *cli, struct mk_cli_keys *k, struct mk_error *err);
void mk_cli_keys_release(struct mk_cli_keys *k);

/* A human duration between now and t: "in 2h 05m" or "5d 01:00:00 ago". */
void mk_cli_relative(mk_time now, mk_time t, char *buf, size_t cap);

/* The commands. */
int mk_cmd_init(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_intake_mail(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_playbook_attach(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_incident_new(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_incident_list(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_incident_show(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_incident_edit(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_incident_assess(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_incident_phase(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_incident_close(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_task_done(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_task_na(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_task_reopen(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_task_list(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_log_add(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_log_list(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_log_verify(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_decision_add(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_decision_list(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_matrix_list(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_deadlines(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_search(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_report_kpi(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_import_veris(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_export_json(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_intake_alerts(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_alert_list(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_alert_show(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_alert_promote(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_observable_list(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_observable_add(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_observable_seen(struct mk_cli *cli, int argc, char **argv);

/* The observables section of `incident show` with each one's
 * correlation: printed, or (ret_json given) as a new JSON array. Returns
 * the exit status. */
int mk_cli_show_observables(struct mk_cli *cli, const char *key, json_t **ret_json);
int mk_cmd_serve(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_user_add(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_user_passwd(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_user_disable(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_user_enable(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_token_list(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_user_list(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_user_lang(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_token_add(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_token_revoke(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_team_add(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_team_remove(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_team_list(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_breach_set(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_breach_show(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_breach_notify(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_breach_inform(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_breach_register(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_export_ap_melding(struct mk_cli *cli, int argc, char **argv);
/* The chain of custody (cmd-evidence.c). */
int mk_cmd_evidence_add(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_evidence_list(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_evidence_show(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_evidence_get(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_evidence_transfer(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_evidence_log(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_evidence_verify(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_key_show(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_export_evidence(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_verify_archive(struct mk_cli *cli, int argc, char **argv);
/* Closure (doc/closure.md): cmd-time.c, cmd-evaluation.c, cmd-retention.c,
 * cmd-export-closure.c. */
int mk_cmd_time_add(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_time_list(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_rate_set(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_rate_list(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_cost_add(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_report_cost(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_evaluation_set(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_evaluation_meeting(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_evaluation_show(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_action_add(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_action_done(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_incident_hold(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_incident_release(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_purge(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_report_purges(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_export_report(struct mk_cli *cli, int argc, char **argv);
int mk_cmd_export_ical(struct mk_cli *cli, int argc, char **argv);

#endif
