/* meldkamer export json: every incident with its checklist, logbook and
 * decisions (and the data breach with its AP notifications) as one JSON document, streamed incident by incident so memory
 * does not grow with the database. The logbook entries carry their hashes,
 * so doc/logbook.md is enough to verify an export elsewhere. */
#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "export/breach.h"
#include "export/json.h"

enum { OPT_OUTPUT = MK_OPT_FIRST_OWN };

struct export {
	struct mk_cli *cli;
	FILE *out;
	size_t n;
	struct mk_error err;
};

static enum mk_rc append_task(void *ctx, const struct mk_task_view *t)
{
	return json_array_append_new(ctx, mk_json_task(t)) ? MK_ENOMEM : MK_OK;
}

static enum mk_rc append_log(void *ctx, const struct mk_log_entry *e)
{
	return json_array_append_new(ctx, mk_json_log_entry(e)) ? MK_ENOMEM : MK_OK;
}

static enum mk_rc append_decision(void *ctx, const struct mk_decision *d)
{
	return json_array_append_new(ctx, mk_json_decision(d)) ? MK_ENOMEM : MK_OK;
}

static enum mk_rc export_one(struct export *ex, const char *key)
{
	struct mk_service *svc = ex->cli->svc;
	struct mk_incident inc;
	mk_incident_init(&inc);
	json_t *o = NULL, *tasks = json_array(), *log = json_array(), *decisions = json_array();
	json_t *breach = NULL;
	struct mk_error berr = {0};
	enum mk_rc rc = MK_ENOMEM, brc;
	if (!tasks || !log || !decisions)
		goto out;
	if ((rc = mk_svc_incident_get(svc, key, &inc, &ex->err)) ||
	    (rc = mk_svc_tasks(svc, key, append_task, tasks, &ex->err)) ||
	    (rc = mk_svc_log_list(svc, key, append_log, log, &ex->err)) ||
	    (rc = mk_svc_decisions(svc, key, append_decision, decisions, &ex->err)))
		goto out;
	rc = MK_ENOMEM;
	if (!(o = mk_json_incident(&inc)))
		goto out;
	json_object_set(o, "tasks", tasks);
	json_object_set(o, "logbook_entries", log);
	json_object_set(o, "decisions", decisions);
	/* The data breach with its AP notifications (doc/breach.md), or null. */
	brc = mk_json_breach_of(svc, key, &breach, &berr);
	if (brc && brc != MK_ENOTFOUND) {
		ex->err = berr;
		rc = brc;
		goto out;
	}
	json_object_set_new(o, "breach", breach ? breach : json_null());
	fputs(ex->n ? ",\n" : "\n", ex->out);
	if (json_dumpf(o, ex->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 || ferror(ex->out)) {
		rc = mk_error_set(&ex->err, MK_ESTORE, "output", "writing the export failed: %s",
				  strerror(errno));
		goto out;
	}
	ex->n++;
	rc = MK_OK;
out:
	if (rc == MK_ENOMEM && !ex->err.message[0])
		mk_error_set(&ex->err, MK_ENOMEM, "", "out of memory exporting %s", key);
	json_decref(o);
	json_decref(tasks);
	json_decref(log);
	json_decref(decisions);
	mk_incident_release(&inc);
	return rc;
}

/* The temporary file of an export in progress: removed if the export is
 * interrupted, so an export cut short leaves no partial copy of the
 * register (personal data) behind. */
static char pending_tmp[4096];

static void on_signal(int sig)
{
	if (pending_tmp[0])
		unlink(pending_tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void remove_on_signal(const char *path)
{
	if (path) {
		snprintf(pending_tmp, sizeof(pending_tmp), "%s", path);
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		signal(SIGHUP, on_signal);
	} else {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		pending_tmp[0] = '\0';
	}
}

int mk_cmd_export_json(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"output", required_argument, NULL, OPT_OUTPUT},
		{0},
	};
	const char *output = NULL;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_OUTPUT)
			output = optarg;
	}
	if (optind < argc)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
	if (output && strcmp(output, "-") == 0)
		output = NULL; /* the usual spelling of standard output */
	int guard = mk_cli_check_output(cli, output);
	if (guard)
		return guard;
	/* The export replaces a regular file; anything else at that name (a
	 * device, a link, a folder) it leaves alone rather than replace. */
	struct stat sb;
	if (output && lstat(output, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		mk_cli_error("%s: '%s' is not a regular file: not replacing it\n", cli->prog, output);
		return 2;
	}
	if ((status = mk_cli_open(cli, MK_STORE_READ)))
		return status;

	/* The keys first, then each incident read whole with its records. */
	struct mk_cli_keys k = {0};
	struct export ex = {.cli = cli, .out = stdout};
	if (mk_cli_collect_keys(cli, &k, &ex.err)) {
		mk_cli_keys_release(&k);
		return mk_cli_fail(cli, &ex.err);
	}
	/* An export to a file goes to a new file beside it first and takes
	 * its name only when complete: a failure leaves the old file (or
	 * device) as it was. */
	char tmp[4096] = "";
	if (output) {
		int n = snprintf(tmp, sizeof(tmp), "%s.XXXXXX", output);
		int fd = n > 0 && (size_t)n < sizeof(tmp) ? mkstemp(tmp) : -1;
		if (fd >= 0)
			remove_on_signal(tmp);
		if (fd < 0 || !(ex.out = fdopen(fd, "w"))) {
			mk_cli_error("%s: cannot write '%s': %s\n", cli->prog, output,
				     strerror(errno));
			if (fd >= 0) {
				close(fd);
				unlink(tmp);
			}
			mk_cli_keys_release(&k);
			return 1;
		}
	}
	char at[MK_TIME_TEXT];
	fprintf(ex.out, "{\"format\": \"meldkamer-export\", \"version\": 1, \"exported_at\": \"%s\", "
			"\"logbook_form\": \"meldkamer-logbook-v1\", \"incidents\": [",
		mk_time_format_utc(cli->now, at));
	enum mk_rc rc = MK_OK;
	for (size_t i = k.n; rc == MK_OK && i-- > 0;)
		rc = export_one(&ex, k.keys[i]);
	fputs("\n]}\n", ex.out);
	mk_cli_keys_release(&k);
	if (rc)
		status = mk_cli_fail(cli, &ex.err);
	bool write_failed = output ? (fflush(ex.out) != 0 || fsync(fileno(ex.out)) != 0 ||
				      ferror(ex.out)) : (fflush(stdout) != 0 || ferror(stdout));
	if (write_failed && !rc) {
		mk_cli_error("%s: writing the export failed: %s\n", cli->prog, strerror(errno));
		status = 1;
	}
	if (output) {
		fclose(ex.out);
		if (status == 0 && rename(tmp, output) != 0) {
			mk_cli_error("%s: cannot write '%s': %s\n", cli->prog, output, strerror(errno));
			status = 1;
		}
		if (status)
			unlink(tmp);
		else
			mk_cli_error("exported %zu incidents to '%s'\n", ex.n, output);
		remove_on_signal(NULL);
	}
	return status;
}
