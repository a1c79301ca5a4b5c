/* meldkamer breach set|show|notify|inform|register, and export ap-melding:
 * the data-breach duty (core/breach.h, doc/breach.md). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "core/deadline.h"
#include "export/breach.h"
#include "export/json.h"

/* --- breach set ---------------------------------------------------------------- */

#define MAX_BREACH_FIELDS 32

int mk_cmd_breach_set(struct mk_cli *cli, int argc, char **argv)
{
	/* --aware-at, --categories... from the service's field names, so the
	 * CLI offers exactly what the service takes. */
	static const struct option common[] = {MK_CLI_COMMON_OPTIONS};
	struct option opts[MAX_BREACH_FIELDS + 8];
	char names[MAX_BREACH_FIELDS][40];
	struct mk_field_value values[MAX_BREACH_FIELDS];
	size_t k = 0, n = 0;
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		opts[k++] = common[i];
	for (size_t i = 0; mk_breach_field_name(i) && i < MAX_BREACH_FIELDS; i++) {
		snprintf(names[i], sizeof(names[i]), "%s", mk_breach_field_name(i));
		for (char *p = names[i]; *p; p++)
			if (*p == '_')
				*p = '-';
		opts[k++] = (struct option){names[i], required_argument, NULL,
					    (int)(MK_OPT_FIRST_OWN + i)};
	}
	opts[k] = (struct option){0};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (n == MAX_BREACH_FIELDS)
			return mk_cli_usage_error(cli, "too many options");
		values[n].name = mk_breach_field_name((size_t)(c - MK_OPT_FIRST_OWN));
		values[n].value = optarg;
		n++;
	}
	if (argc - optind != 1)
		return mk_cli_usage_error(cli, argc - optind < 1
						       ? "missing the incident key (MK-YYYY-NNNN)"
						       : "unexpected argument '%s'",
					  argc - optind < 1 ? "" : argv[optind + 1]);
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	struct mk_error err = {0};
	bool created = false;
	if (mk_svc_breach_set(cli->svc, &cli->actor, cli->now, argv[optind], values, n, &created,
			      &err))
		return mk_cli_fail(cli, &err);
	return mk_cli_changed(cli, argv[optind],
			      created ? "breach recorded" : "breach changed");
}

/* --- breach show ----------------------------------------------------------------- */

struct show_notes {
	json_t *rows; /* with --json */
	mk_time aware_at;
	size_t n;
	bool final, withdrawn;
};

static enum mk_rc show_note(void *ctx, const struct mk_ap_notification *n)
{
	struct show_notes *s = ctx;
	s->n++;
	s->final |= n->kind == MK_AP_DEFINITIEF;
	s->withdrawn |= n->kind == MK_AP_INTREKKING;
	if (s->rows)
		return json_array_append_new(s->rows, mk_json_ap_notification(n, s->aware_at))
			       ? MK_ENOMEM
			       : MK_OK;
	char t[MK_TIME_TEXT];
	mk_cli_out("  #%lld %-10s %s  %s  by %s%s\n", (long long)n->id, mk_ap_kind_name(n->kind),
		   mk_time_format_local(n->filed_at, t), n->reference, n->filed_by,
		   n->filed_at > mk_breach_ap_due(s->aware_at) ? "  (na 72 uur)" : "");
	if (n->late_reason)
		mk_cli_out("      reden van de vertraging: %s\n", n->late_reason);
	return MK_OK;
}

static void print_set(const char *label, enum mk_breach_vocab v, uint32_t set)
{
	struct mk_buf b;
	mk_buf_init(&b, 2000);
	mk_breach_set_format(v, set, &b);
	mk_cli_out("%-24s %s\n", label, b.len ? b.data : "-");
	mk_buf_release(&b);
}

static void print_text(const char *label, const char *s)
{
	mk_cli_out("%-24s %s\n", label, s && s[0] ? s : "-");
}

static void print_count(const char *label, int64_t n)
{
	if (n < 0)
		mk_cli_out("%-24s -\n", label);
	else
		mk_cli_out("%-24s %lld\n", label, (long long)n);
}

static void print_time(const char *label, mk_time t)
{
	char buf[MK_TIME_TEXT];
	mk_cli_out("%-24s %s\n", label, t == MK_TIME_UNKNOWN ? "-" : mk_time_format_local(t, buf));
}

static void print_breach(struct mk_cli *cli, const struct mk_incident *inc,
			 const struct mk_breach *b)
{
	char rel[64];
	mk_cli_out("%s breach (version %lld)\n", inc->key, (long long)b->version);
	print_time("aware_at", b->aware_at);
	mk_time due = mk_breach_ap_due(b->aware_at);
	mk_cli_relative(cli->now, due, rel, sizeof(rel));
	char t[MK_TIME_TEXT];
	mk_cli_out("%-24s %s (%s)\n", "AP due (72 h)", mk_time_format_local(due, t), rel);
	print_time("subjects due (7 days)", mk_time_add_local_days(b->aware_at, MK_SUBJECTS_DAYS));
	print_time("ended_at", b->ended_at);
	print_text("summary", b->summary);
	print_set("nature", MK_BV_NATURE, b->nature);
	print_text("cause", b->cause >= 0 ? mk_breach_vocab_name(MK_BV_CAUSE, (unsigned)b->cause) : NULL);
	print_set("categories", MK_BV_CATEGORY, b->categories);
	print_text("bsn", b->categories & mk_breach_bsn_bit() ? "yes" : "no");
	print_set("special_categories", MK_BV_SPECIAL, b->special);
	print_count("records", b->records);
	print_set("groups", MK_BV_GROUP, b->groups);
	print_count("subjects_min", b->subjects_min);
	print_count("subjects_max", b->subjects_max);
	print_text("encrypted", b->encrypted == MK_TRI_UNKNOWN ? NULL : b->encrypted ? "yes" : "no");
	print_text("encryption", b->encryption);
	print_text("risk", b->risk ? mk_breach_vocab_name(MK_BV_RISK, (unsigned)b->risk - 1) : NULL);
	print_text("risk_reasoning", b->risk_reasoning);
	print_text("consequences", b->consequences);
	print_text("measures", b->measures);
	print_text("fg_name", b->fg_name);
	print_time("fg_consulted_at", b->fg_consulted_at);
	if (b->inform == MK_TRI_UNKNOWN)
		print_text("inform subjects", "not decided");
	else if (b->inform == MK_TRI_NO)
		mk_cli_out("%-24s no (%s): %s\n", "inform subjects",
			   mk_breach_vocab_name(MK_BV_EXCEPTION, (unsigned)b->inform_exception),
			   b->inform_reason);
	else
		mk_cli_out("%-24s yes, by %s%s%s\n", "inform subjects",
			   mk_breach_vocab_name(MK_BV_CHANNEL, (unsigned)b->inform_channel),
			   b->informed_at != MK_TIME_UNKNOWN ? ", informed " : " (planned)",
			   b->informed_at != MK_TIME_UNKNOWN ? mk_time_format_local(b->informed_at, t) : "");
}

int mk_cmd_breach_show(struct mk_cli *cli, int argc, char **argv)
{
	const char *key;
	int status = mk_cli_key_command(cli, argc, argv, &key);
	if (status)
		return status;
	struct mk_error err = {0};
	struct mk_incident inc;
	struct mk_breach b;
	mk_incident_init(&inc);
	mk_breach_init(&b);
	struct show_notes notes = {0};
	if (mk_svc_incident_get(cli->svc, key, &inc, &err) ||
	    mk_svc_breach_get(cli->svc, key, &b, &err)) {
		status = mk_cli_fail(cli, &err);
		goto out;
	}
	notes.aware_at = b.aware_at;
	if (cli->json) {
		json_t *o = mk_json_breach(&b);
		notes.rows = json_array();
		if (o && notes.rows &&
		    mk_svc_breach_notifications(cli->svc, key, show_note, &notes, &err) == MK_OK) {
			json_object_set_new(o, "key", json_string(inc.key));
			json_object_set_new(o, "ap_status", json_string(mk_ap_status_of(
								    (int64_t)notes.n, notes.final,
								    notes.withdrawn)));
			json_object_set(o, "notifications", notes.rows);
			status = mk_cli_print_json(o);
			o = NULL;
		} else {
			status = err.message[0] ? mk_cli_fail(cli, &err) : mk_cli_print_json(NULL);
		}
		json_decref(o);
		json_decref(notes.rows);
		goto out;
	}
	print_breach(cli, &inc, &b);
	mk_cli_out("AP notifications:\n");
	notes.n = 0;
	if (mk_svc_breach_notifications(cli->svc, key, show_note, &notes, &err)) {
		status = mk_cli_fail(cli, &err);
		goto out;
	}
	if (notes.n == 0)
		mk_cli_out("  none\n");
out:
	mk_breach_release(&b);
	mk_incident_release(&inc);
	return status;
}

/* --- breach notify ------------------------------------------------------------------ */

enum { OPT_KIND = MK_OPT_FIRST_OWN, OPT_REFERENCE, OPT_LATE_REASON, OPT_FILED_AT };

int mk_cmd_breach_notify(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"kind", required_argument, NULL, OPT_KIND},
		{"reference", required_argument, NULL, OPT_REFERENCE},
		{"late-reason", required_argument, NULL, OPT_LATE_REASON},
		{"filed-at", required_argument, NULL, OPT_FILED_AT},
		{0},
	};
	struct mk_ap_notification n = {.filed_at = MK_TIME_UNKNOWN, .kind = MK_AP_KIND_COUNT};
	struct mk_error err = {0};
	char *late = NULL;
	int c, status = 0;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case -2:
			status = 2;
			goto out;
		case OPT_KIND:
			if (mk_ap_kind_parse(optarg, "kind", &n.kind, &err)) {
				status = mk_cli_fail(cli, &err);
				goto out;
			}
			break;
		case OPT_REFERENCE:
			n.reference = optarg;
			break;
		case OPT_LATE_REASON:
			mk_free(late);
			if (!(late = mk_cli_text_arg(cli, optarg, MK_TEXT_MAX, &status)))
				goto out;
			n.late_reason = late;
			break;
		case OPT_FILED_AT:
			if (mk_time_parse(optarg, "filed-at", &n.filed_at, &err)) {
				status = mk_cli_fail(cli, &err);
				goto out;
			}
			break;
		}
	}
	if (argc - optind != 1) {
		status = mk_cli_usage_error(cli, "needs the incident key");
		goto out;
	}
	if (n.kind == MK_AP_KIND_COUNT) {
		status = mk_cli_usage_error(cli, "--kind is missing: voorlopig, aanvulling, "
						 "intrekking or definitief");
		goto out;
	}
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		goto out;
	if (mk_svc_breach_notify(cli->svc, &cli->actor, cli->now, argv[optind], &n, &err)) {
		status = mk_cli_fail(cli, &err);
		goto out;
	}
	if (cli->json) {
		status = mk_cli_print_json(json_pack("{s:s, s:I, s:s, s:s}", "key", argv[optind],
						     "notification", (json_int_t)n.id, "kind",
						     mk_ap_kind_name(n.kind), "reference",
						     n.reference));
	} else {
		char t[MK_TIME_TEXT];
		mk_cli_out("%s AP notification %lld recorded: %s, %s, filed %s\n", argv[optind],
			   (long long)n.id, mk_ap_kind_name(n.kind), n.reference,
			   mk_time_format_local(n.filed_at, t));
	}
out:
	mk_free(late);
	return status;
}

/* --- breach inform ------------------------------------------------------------------- */

enum { OPT_DECISION = MK_OPT_FIRST_OWN, OPT_EXCEPTION, OPT_REASON, OPT_CHANNEL, OPT_INFORMED_AT };

int mk_cmd_breach_inform(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"decision", required_argument, NULL, OPT_DECISION},
		{"exception", required_argument, NULL, OPT_EXCEPTION},
		{"reason", required_argument, NULL, OPT_REASON},
		{"channel", required_argument, NULL, OPT_CHANNEL},
		{"informed-at", required_argument, NULL, OPT_INFORMED_AT},
		{0},
	};
	static const char *const names[] = {"decision", "exception", "reason", "channel",
					    "informed_at"};
	struct mk_field_value values[16];
	size_t n = 0;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (n == sizeof(values) / sizeof(values[0]))
			return mk_cli_usage_error(cli, "too many options");
		values[n].name = names[c - MK_OPT_FIRST_OWN];
		values[n].value = optarg;
		n++;
	}
	if (argc - optind != 1)
		return mk_cli_usage_error(cli, "needs the incident key");
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	struct mk_error err = {0};
	if (mk_svc_breach_inform(cli->svc, &cli->actor, cli->now, argv[optind], values, n, &err))
		return mk_cli_fail(cli, &err);
	return mk_cli_changed(cli, argv[optind], "decision on informing the data subjects recorded");
}

/* --- breach register ---------------------------------------------------------------- */

enum { OPT_FORMAT = MK_OPT_FIRST_OWN, OPT_OUTPUT };

/* Copies a finished file to standard output (the XLSX writer needs a
 * file of its own). */
static int copy_out(struct mk_cli *cli, const char *path)
{
	FILE *in = fopen(path, "rb");
	char buf[65536];
	size_t got;
	int status = 0;
	if (!in) {
		mk_cli_error("%s: cannot read '%s': %s\n", cli->prog, path, strerror(errno));
		return 1;
	}
	while ((got = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, got, stdout) != got) {
			mk_cli_error("%s: writing standard output failed: %s\n", cli->prog,
				     strerror(errno));
			status = 1;
			break;
		}
	fclose(in);
	if (status == 0 && fflush(stdout) != 0) {
		mk_cli_error("%s: writing standard output failed: %s\n", cli->prog, strerror(errno));
		status = 1;
	}
	return status;
}

int mk_cmd_breach_register(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"format", required_argument, NULL, OPT_FORMAT},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{0},
	};
	const char *format = "csv", *output = NULL;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_FORMAT)
			format = optarg;
		else
			output = optarg;
	}
	if (argc - optind != 0)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
	bool xlsx = strcmp(format, "xlsx") == 0;
	if (!xlsx && strcmp(format, "csv") != 0)
		return mk_cli_usage_error(cli, "--format '%s' is unknown: use csv or xlsx", format);
	if (output && !output[0])
		return mk_cli_usage_error(cli, "--output is empty");
	if ((status = mk_cli_check_output(cli, output)) || (status = mk_cli_open(cli, MK_STORE_READ)))
		return status;
	struct mk_error err = {0};
	size_t rows = 0;
	if (cli->json) {
		if (mk_register_write_json(cli->svc, NULL, cli->now, stdout, &rows, &err))
			return mk_cli_fail(cli, &err);
		return 0;
	}
	/* The file is written under a temporary name beside it and renamed
	 * at the end, so a failed export leaves no half register behind. */
	char tmp[4096];
	if (output)
		snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", output);
	else
		snprintf(tmp, sizeof(tmp), "/tmp/meldkamer-register-XXXXXX");
	if (!output && !xlsx) {
		if (mk_register_write_csv(cli->svc, NULL, cli->now, stdout, &rows, &err))
			return mk_cli_fail(cli, &err);
		return 0;
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		mk_cli_error("%s: cannot create '%s': %s\n", cli->prog, tmp, strerror(errno));
		return 1;
	}
	enum mk_rc rc;
	if (xlsx) {
		close(fd);
		rc = mk_register_write_xlsx(cli->svc, NULL, cli->now, tmp, &rows, &err);
	} else {
		FILE *f = fdopen(fd, "wb");
		if (!f) {
			close(fd);
			rc = mk_error_set(&err, MK_ENOMEM, "", "out of memory");
		} else {
			rc = mk_register_write_csv(cli->svc, NULL, cli->now, f, &rows, &err);
			if (fclose(f) != 0 && rc == MK_OK)
				rc = mk_error_set(&err, MK_ESTORE, "output", "writing '%s' failed: %s",
						  output, strerror(errno));
		}
	}
	if (rc) {
		unlink(tmp);
		return mk_cli_fail(cli, &err);
	}
	if (!output) {
		status = copy_out(cli, tmp);
		unlink(tmp);
		return status;
	}
	if (rename(tmp, output) != 0) {
		mk_cli_error("%s: cannot write '%s': %s\n", cli->prog, output, strerror(errno));
		unlink(tmp);
		return 1;
	}
	mk_cli_error("%s: %zu breaches written to '%s'\n", cli->prog, rows, output);
	return 0;
}

/* --- export ap-melding ---------------------------------------------------------------- */

struct draft_notes {
	struct mk_ap_notification *items;
	char **owned;
	size_t n, cap;
};

static enum mk_rc keep_note(void *ctx, const struct mk_ap_notification *n)
{
	struct draft_notes *d = ctx;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 8;
		struct mk_ap_notification *items = mk_realloc(d->items, cap * sizeof(*items));
		if (!items)
			return MK_ENOMEM;
		d->items = items;
		char **owned = mk_realloc(d->owned, cap * 3 * sizeof(*owned));
		if (!owned)
			return MK_ENOMEM;
		d->owned = owned;
		d->cap = cap;
	}
	struct mk_ap_notification *c = &d->items[d->n];
	char **o = &d->owned[d->n * 3];
	*c = *n;
	o[0] = mk_strdup(n->reference);
	o[1] = n->filed_by ? mk_strdup(n->filed_by) : NULL;
	o[2] = n->late_reason ? mk_strdup(n->late_reason) : NULL;
	d->n++;
	if (!o[0] || (n->filed_by && !o[1]) || (n->late_reason && !o[2]))
		return MK_ENOMEM;
	c->reference = o[0];
	c->filed_by = o[1];
	c->late_reason = o[2];
	return MK_OK;
}

static void draft_notes_release(struct draft_notes *d)
{
	for (size_t i = 0; i < d->n * 3; i++)
		mk_free(d->owned[i]);
	mk_free(d->owned);
	mk_free(d->items);
}

int mk_cmd_export_ap_melding(struct mk_cli *cli, int argc, char **argv)
{
	const char *key;
	int status = mk_cli_key_command(cli, argc, argv, &key);
	if (status)
		return status;
	struct mk_error err = {0};
	struct mk_incident inc;
	struct mk_breach b;
	struct draft_notes notes = {0};
	json_t *draft = NULL;
	struct mk_buf md;
	mk_incident_init(&inc);
	mk_breach_init(&b);
	mk_buf_init(&md, 16 * MK_TEXT_MAX);
	enum mk_rc rc;
	if ((rc = mk_svc_incident_get(cli->svc, key, &inc, &err)) ||
	    (rc = mk_svc_breach_get(cli->svc, key, &b, &err)) ||
	    (rc = mk_svc_breach_notifications(cli->svc, key, keep_note, &notes, &err))) {
		if (rc == MK_ENOMEM && !err.message[0])
			mk_error_set(&err, rc, "", "out of memory");
		status = mk_cli_fail(cli, &err);
		goto out;
	}
	struct mk_ap_draft_input in = {&inc, &b, notes.items, notes.n, cli->now};
	if (!(draft = mk_ap_draft_json(&in))) {
		status = mk_cli_print_json(NULL);
		goto out;
	}
	if (cli->json) {
		status = mk_cli_print_json(draft);
		draft = NULL;
		goto out;
	}
	mk_ap_draft_markdown(draft, &md);
	if (mk_buf_rc(&md)) {
		mk_cli_error("%s: the draft is too long\n", cli->prog);
		status = 1;
		goto out;
	}
	fwrite(md.data, 1, md.len, stdout);
out:
	json_decref(draft);
	mk_buf_release(&md);
	draft_notes_release(&notes);
	mk_breach_release(&b);
	mk_incident_release(&inc);
	return status;
}
