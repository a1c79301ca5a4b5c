/* meldkamer evidence add|list|show|get|transfer|log|verify, key show,
 * export evidence and verify ARCHIVE: the chain of custody
 * (doc/custody.md). */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "cli/cli.h"
#include "export/evidence-archive.h"
#include "export/json-custody.h"
#include "service/custody.h"

enum {
	OPT_WHAT = MK_OPT_FIRST_OWN,
	OPT_WHY,
	OPT_LOCATION,
	OPT_STORAGE,
	OPT_SEAL,
	OPT_COLLECTED_BY,
	OPT_COLLECTED_AT,
	OPT_NAME,
	OPT_MEDIA_TYPE,
	OPT_OUTPUT,
	OPT_FROM,
	OPT_TO,
	OPT_REASON,
	OPT_RECEIPT,
	OPT_AT,
	OPT_PUBLIC_KEY,
};

/* An item number: 1 to 2^53, decimal only. */
static int parse_item(struct mk_cli *cli, const char *s, int64_t *ret)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (!s[0] || *end || errno || v < 1 || v > (1LL << 53) || s[0] == '+' || s[0] == ' ')
		return mk_cli_usage_error(cli, "item '%s' is not an item number (1, 2, ...)", s);
	*ret = v;
	return 0;
}

static int parse_time(struct mk_cli *cli, const char *opt, const char *s, mk_time *ret)
{
	struct mk_error err = {0};
	if (mk_time_parse(s, opt, ret, &err))
		return mk_cli_usage_error(cli, "%s", err.message);
	return 0;
}

/* The last part of a path, for the item's file name. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* --- evidence add ---------------------------------------------------------------- */

struct find_item {
	int64_t seq;
	json_t *json;
};

static enum mk_rc take_item(void *ctx, const struct mk_item_view *it)
{
	struct find_item *f = ctx;
	if (it->seq != f->seq)
		return MK_OK;
	f->json = mk_json_item(it);
	return f->json ? MK_OK : MK_ENOMEM;
}

int mk_cmd_evidence_add(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"what", required_argument, NULL, OPT_WHAT},
		{"why", required_argument, NULL, OPT_WHY},
		{"location", required_argument, NULL, OPT_LOCATION},
		{"storage", required_argument, NULL, OPT_STORAGE},
		{"seal", required_argument, NULL, OPT_SEAL},
		{"collected-by", required_argument, NULL, OPT_COLLECTED_BY},
		{"collected-at", required_argument, NULL, OPT_COLLECTED_AT},
		{"name", required_argument, NULL, OPT_NAME},
		{"media-type", required_argument, NULL, OPT_MEDIA_TYPE},
		{0},
	};
	struct mk_item_input in = {.collected_at = MK_TIME_UNKNOWN};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case -2: return 2;
		case OPT_WHAT: in.what = optarg; break;
		case OPT_WHY: in.why = optarg; break;
		case OPT_LOCATION: in.location = optarg; break;
		case OPT_STORAGE: in.storage = optarg; break;
		case OPT_SEAL: in.seal = optarg; break;
		case OPT_COLLECTED_BY: in.collected_by = optarg; break;
		case OPT_COLLECTED_AT:
			if ((status = parse_time(cli, "--collected-at", optarg, &in.collected_at)))
				return status;
			break;
		case OPT_NAME: in.name = optarg; break;
		case OPT_MEDIA_TYPE: in.media_type = optarg; break;
		}
	}
	if (argc - optind < 1 || argc - optind > 2)
		return mk_cli_usage_error(cli, "give KEY and, for a file, FILE");
	if (!in.what)
		return mk_cli_usage_error(cli, "--what is required: what the item is");
	if (!in.why)
		return mk_cli_usage_error(cli, "--why is required: why it was collected");
	const char *key = argv[optind], *file = argc - optind == 2 ? argv[optind + 1] : NULL;
	int fd = -1;
	if (file) {
		struct stat sb;
		fd = strcmp(file, "-") == 0 ? dup(0) : open(file, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return mk_cli_usage_error(cli, "cannot read '%s': %s", file, strerror(errno));
		if (fstat(fd, &sb) != 0 || S_ISDIR(sb.st_mode)) {
			close(fd);
			return mk_cli_usage_error(cli, "'%s' is a folder, not a file", file);
		}
		if (!in.name && strcmp(file, "-") != 0)
			in.name = base_name(file);
	}
	if ((status = mk_cli_open(cli, MK_STORE_WRITE))) {
		if (fd >= 0)
			close(fd);
		return status;
	}
	struct mk_error err = {0};
	int64_t seq = 0;
	char sha[MK_SHA256_HEX];
	enum mk_rc rc = mk_svc_item_register(cli->svc, &cli->actor, cli->now, key, &in, fd,
					     MK_CUSTODY_FILE_MAX, &seq, sha, &err);
	if (fd >= 0)
		close(fd);
	if (rc)
		return mk_cli_fail(cli, &err);
	if (cli->json) {
		struct find_item f = {.seq = seq};
		if (mk_svc_item_list(cli->svc, key, take_item, &f, &err))
			return mk_cli_fail(cli, &err);
		return mk_cli_print_json(f.json);
	}
	if (file)
		mk_cli_out("%s: item %lld added, SHA-256 %s\n", key, (long long)seq, sha);
	else
		mk_cli_out("%s: item %lld added (physical)\n", key, (long long)seq);
	return 0;
}

/* --- evidence list / log ------------------------------------------------------------- */

struct listing {
	json_t *rows;
	int n;
};

static enum mk_rc list_item(void *ctx, const struct mk_item_view *it)
{
	struct listing *l = ctx;
	l->n++;
	if (l->rows)
		return json_array_append_new(l->rows, mk_json_item(it)) ? MK_ENOMEM : MK_OK;
	char size[32];
	printf("%-5lld ", (long long)it->seq);
	mk_cli_print_cell(it->is_file ? "file" : "physical", 9);
	snprintf(size, sizeof(size), "%lld", (long long)it->size);
	mk_cli_print_cell(it->is_file ? size : "-", 12);
	mk_cli_print_cell(it->is_file ? it->sha256 : it->seal ? it->seal : "-", 17);
	mk_cli_out("%s\n", it->what);
	return MK_OK;
}

int mk_cmd_evidence_list(struct mk_cli *cli, int argc, char **argv)
{
	const char *key;
	int status = mk_cli_key_command(cli, argc, argv, &key);
	if (status)
		return status;
	struct listing l = {cli->json ? json_array() : NULL, 0};
	struct mk_error err = {0};
	if (!cli->json) {
		printf("%-5s ", "ITEM");
		mk_cli_print_cell("KIND", 9);
		mk_cli_print_cell("SIZE", 12);
		mk_cli_print_cell("SHA-256 / SEAL", 17);
		printf("WHAT\n");
	}
	if (mk_svc_item_list(cli->svc, key, list_item, &l, &err)) {
		json_decref(l.rows);
		return mk_cli_fail(cli, &err);
	}
	if (l.rows)
		return mk_cli_print_json(l.rows);
	if (l.n == 0)
		printf("(no evidence)\n");
	return 0;
}

struct events {
	json_t *rows;
	int64_t only_item; /* 0: all */
	int n;
};

static enum mk_rc print_event(void *ctx, const struct mk_custody_view *c)
{
	struct events *ev = ctx;
	char at[MK_TIME_TEXT];
	if (ev->only_item && c->item_seq != ev->only_item)
		return MK_OK;
	ev->n++;
	if (ev->rows)
		return json_array_append_new(ev->rows, mk_json_custody_event(c)) ? MK_ENOMEM : MK_OK;
	mk_time_format_local(c->at, at);
	if (c->type == MK_CUSTODY_TRANSFER)
		mk_cli_out("%s  item %lld  transfer  %s -> %s: %s%s%s  (log %lld)\n", at,
			   (long long)c->item_seq, c->from, c->to, c->reason,
			   c->receipt ? "; receipt " : "", c->receipt ? c->receipt : "",
			   (long long)c->log_seq);
	else
		mk_cli_out("%s  item %lld  %-8s  %s via %s: %s  (log %lld)\n", at,
			   (long long)c->item_seq, c->action, c->who, c->via, c->why,
			   (long long)c->log_seq);
	return MK_OK;
}

int mk_cmd_evidence_log(struct mk_cli *cli, int argc, char **argv)
{
	const char *key;
	int status = mk_cli_key_command(cli, argc, argv, &key);
	if (status)
		return status;
	struct events ev = {cli->json ? json_array() : NULL, 0, 0};
	struct mk_error err = {0};
	if (mk_svc_custody_log(cli->svc, key, print_event, &ev, &err)) {
		json_decref(ev.rows);
		return mk_cli_fail(cli, &err);
	}
	if (ev.rows)
		return mk_cli_print_json(ev.rows);
	if (ev.n == 0)
		printf("(no transfers or accesses)\n");
	return 0;
}

/* --- evidence show / get --------------------------------------------------------------- */

/* KEY ITEM --why TEXT [-o FILE]: the prologue of show and get. */
static int access_args(struct mk_cli *cli, int argc, char **argv, bool want_output,
		       const char **ret_key, int64_t *ret_seq, const char **ret_why,
		       const char **ret_out)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"why", required_argument, NULL, OPT_WHY},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{0},
	};
	int c, status;
	*ret_why = *ret_out = NULL;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_WHY)
			*ret_why = optarg;
		if (c == OPT_OUTPUT) {
			if (!want_output)
				return mk_cli_usage_error(cli, "--output is for 'evidence get'");
			*ret_out = optarg;
		}
	}
	if (argc - optind != 2)
		return mk_cli_usage_error(cli, "give KEY ITEM");
	if (!*ret_why)
		return mk_cli_usage_error(cli, "--why is required: every access to evidence is "
					       "recorded with its reason");
	if (want_output && !*ret_out)
		return mk_cli_usage_error(cli, "--output FILE is required");
	if (want_output && (status = mk_cli_check_output(cli, *ret_out)))
		return status;
	*ret_key = argv[optind];
	if ((status = parse_item(cli, argv[optind + 1], ret_seq)))
		return status;
	return mk_cli_open(cli, MK_STORE_WRITE);
}

static enum mk_rc show_item(void *ctx, const struct mk_item_view *it)
{
	struct mk_cli *cli = ctx;
	char at[MK_TIME_TEXT];
	if (cli->json)
		return mk_cli_print_json(mk_json_item(it)) ? MK_ENOMEM : MK_OK;
	mk_cli_out("%s item %lld (%s)\n", it->incident_key, (long long)it->seq,
		   it->is_file ? "file" : "physical");
	mk_cli_out("what:          %s\n", it->what);
	mk_cli_out("why:           %s\n", it->why);
	if (it->location)
		mk_cli_out("location:      %s\n", it->location);
	if (it->storage)
		mk_cli_out("storage:       %s\n", it->storage);
	if (it->seal)
		mk_cli_out("seal:          %s\n", it->seal);
	mk_cli_out("collected by:  %s\n", it->collected_by);
	mk_cli_out("collected at:  %s\n", mk_time_format_local(it->collected_at, at));
	mk_cli_out("registered by: %s at %s\n", it->registered_by,
		   mk_time_format_local(it->registered_at, at));
	if (it->is_file) {
		mk_cli_out("file:          %s, %s, %lld bytes\n", it->name ? it->name : "(no name)",
			   it->media_type, (long long)it->size);
		mk_cli_out("sha256:        %s\n", it->sha256);
	}
	return MK_OK;
}

int mk_cmd_evidence_show(struct mk_cli *cli, int argc, char **argv)
{
	const char *key, *why, *out;
	int64_t seq;
	int status = access_args(cli, argc, argv, false, &key, &seq, &why, &out);
	if (status)
		return status;
	struct mk_error err = {0};
	if (mk_svc_item_access(cli->svc, &cli->actor, cli->now, key, seq, MK_ACCESS_SHOW, why,
			       show_item, cli, &err))
		return mk_cli_fail(cli, &err);
	if (cli->json)
		return 0;
	printf("custody:\n");
	struct events ev = {NULL, seq, 0};
	if (mk_svc_custody_log(cli->svc, key, print_event, &ev, &err))
		return mk_cli_fail(cli, &err);
	return 0;
}

struct get {
	struct mk_cli *cli;
	const char *out;
	struct mk_error *err;
	int status;
};

/* Copies the stored file to g->out (a temporary name, renamed when whole),
 * re-hashing it: a copy that does not match its record is not handed out. */
static enum mk_rc get_item(void *ctx, const struct mk_item_view *it)
{
	struct get *g = ctx;
	struct mk_buf tmp;
	int in = -1, out = -1;
	unsigned char *chunk = NULL;
	struct mk_sha256 h = {0};
	char actual[MK_SHA256_HEX];
	enum mk_rc rc;
	if (!it->is_file)
		return mk_error_set(g->err, MK_ECONFLICT, "item",
				    "item %lld is physical: it has no file to get", (long long)it->seq);
	if ((rc = mk_store_blob_open(g->cli->svc->store, it->stored_path, &in, g->err)))
		return rc;
	mk_buf_init(&tmp, 4200);
	mk_buf_addf(&tmp, "%s.tmp.%ld", g->out, (long)getpid());
	if (!(chunk = mk_malloc(MK_FILE_CHUNK)) || !mk_sha256_init(&h)) {
		rc = mk_error_set(g->err, MK_ENOMEM, "", "out of memory");
		goto out;
	}
	out = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (out < 0) {
		rc = mk_error_set(g->err, MK_EINVAL, "output", "cannot write '%s': %s", tmp.data,
				  strerror(errno));
		goto out;
	}
	for (;;) {
		ssize_t n = read(in, chunk, MK_FILE_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = mk_error_set(g->err, MK_ESTORE, "evidence", "cannot read item %lld: %s",
					  (long long)it->seq, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		mk_sha256_update(&h, chunk, (size_t)n);
		for (ssize_t o = 0; o < n;) {
			ssize_t w = write(out, chunk + o, (size_t)(n - o));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				rc = mk_error_set(g->err, MK_ESTORE, "output", "cannot write '%s': %s",
						  tmp.data, strerror(errno));
				goto out;
			}
			o += w;
		}
	}
	mk_sha256_final_hex(&h, actual);
	if (strcmp(actual, it->sha256) != 0) {
		rc = mk_error_set(g->err, MK_ECHAIN, "evidence",
				  "item %lld: the stored file no longer matches its SHA-256 (it is %s, "
				  "recorded %s): not handed out",
				  (long long)it->seq, actual, it->sha256);
		goto out;
	}
	if (fsync(out) != 0 || close(out) != 0) {
		out = -1;
		rc = mk_error_set(g->err, MK_ESTORE, "output", "cannot write '%s': %s", tmp.data,
				  strerror(errno));
		goto out;
	}
	out = -1;
	if (rename(tmp.data, g->out) != 0) {
		rc = mk_error_set(g->err, MK_ESTORE, "output", "cannot rename to '%s': %s", g->out,
				  strerror(errno));
		goto out;
	}
	if (g->cli->json)
		rc = mk_cli_print_json(json_pack("{s:s, s:I, s:s, s:s, s:I}", "incident",
						 it->incident_key, "item", (json_int_t)it->seq,
						 "output", g->out, "sha256", it->sha256, "size",
						 (json_int_t)it->size))
			     ? MK_ENOMEM
			     : MK_OK;
	else
		mk_cli_out("%s item %lld written to '%s' (%lld bytes, SHA-256 %s, verified)\n",
			   it->incident_key, (long long)it->seq, g->out, (long long)it->size,
			   it->sha256);
out:
	mk_sha256_release(&h);
	if (out >= 0)
		close(out);
	if (rc && tmp.len)
		unlink(tmp.data);
	close(in);
	mk_free(chunk);
	mk_buf_release(&tmp);
	return rc;
}

int mk_cmd_evidence_get(struct mk_cli *cli, int argc, char **argv)
{
	const char *key, *why, *out;
	int64_t seq;
	int status = access_args(cli, argc, argv, true, &key, &seq, &why, &out);
	if (status)
		return status;
	struct mk_error err = {0};
	struct get g = {cli, out, &err, 0};
	if (mk_svc_item_access(cli->svc, &cli->actor, cli->now, key, seq, MK_ACCESS_GET, why,
			       get_item, &g, &err))
		return mk_cli_fail(cli, &err);
	return 0;
}

/* --- evidence transfer --------------------------------------------------------------- */

int mk_cmd_evidence_transfer(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"reason", required_argument, NULL, OPT_REASON},
		{"receipt", required_argument, NULL, OPT_RECEIPT},
		{"at", required_argument, NULL, OPT_AT},
		{0},
	};
	struct mk_transfer_input t = {.at = MK_TIME_UNKNOWN};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case -2: return 2;
		case OPT_FROM: t.from = optarg; break;
		case OPT_TO: t.to = optarg; break;
		case OPT_REASON: t.reason = optarg; break;
		case OPT_RECEIPT: t.receipt = optarg; break;
		case OPT_AT:
			if ((status = parse_time(cli, "--at", optarg, &t.at)))
				return status;
			break;
		}
	}
	if (argc - optind != 2)
		return mk_cli_usage_error(cli, "give KEY ITEM");
	if (!t.from || !t.to || !t.reason)
		return mk_cli_usage_error(cli, "--from, --to and --reason are required");
	int64_t seq;
	if ((status = parse_item(cli, argv[optind + 1], &seq)))
		return status;
	const char *key = argv[optind];
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	struct mk_error err = {0};
	if (mk_svc_item_transfer(cli->svc, &cli->actor, cli->now, key, seq, &t, &err))
		return mk_cli_fail(cli, &err);
	char text[600];
	snprintf(text, sizeof(text), "%s: item %lld transferred", key, (long long)seq);
	return mk_cli_changed(cli, key, text);
}

/* --- evidence verify ----------------------------------------------------------------- */

struct vcount {
	json_t *rows;
	int64_t files, intact, changed, missing;
};

static enum mk_rc verify_row(void *ctx, const struct mk_file_check *c)
{
	struct vcount *v = ctx;
	v->files++;
	if (c->state == MK_FILE_INTACT)
		v->intact++;
	else if (c->state == MK_FILE_CHANGED)
		v->changed++;
	else
		v->missing++;
	if (v->rows)
		return json_array_append_new(v->rows, mk_json_file_check(c)) ? MK_ENOMEM : MK_OK;
	if (c->state != MK_FILE_INTACT)
		mk_cli_out("%s item %lld ('%s'): %s\n", c->item->incident_key,
			   (long long)c->item->seq, c->item->what, c->problem);
	return MK_OK;
}

int mk_cmd_evidence_verify(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {MK_CLI_COMMON_OPTIONS, {0}};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1)
		if (c == -2)
			return 2;
	if (argc - optind > 1)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
	const char *key = optind < argc ? argv[optind] : NULL;
	if ((status = mk_cli_open(cli, MK_STORE_READ)))
		return status;
	struct vcount v = {cli->json ? json_array() : NULL, 0, 0, 0, 0};
	struct mk_error err = {0};
	if (mk_svc_evidence_verify(cli->svc, key, verify_row, &v, &err)) {
		json_decref(v.rows);
		return mk_cli_fail(cli, &err);
	}
	int bad = v.changed || v.missing ? 1 : 0;
	if (v.rows) {
		if (mk_cli_print_json(json_pack("{s:o, s:I, s:I, s:I, s:I, s:b}", "files", v.rows,
						"checked", (json_int_t)v.files, "intact",
						(json_int_t)v.intact, "changed", (json_int_t)v.changed,
						"missing", (json_int_t)v.missing, "ok", !bad)))
			return 1;
		return bad;
	}
	printf("%lld evidence file%s checked: %lld intact, %lld changed, %lld missing\n",
	       (long long)v.files, v.files == 1 ? "" : "s", (long long)v.intact,
	       (long long)v.changed, (long long)v.missing);
	return bad;
}

/* --- key show ----------------------------------------------------------------------- */

int mk_cmd_key_show(struct mk_cli *cli, int argc, char **argv)
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
	unsigned char pk[MK_SIGN_PUBLIC_BYTES];
	char hex[2 * MK_SIGN_PUBLIC_BYTES + 1], fp[MK_KEY_FINGERPRINT];
	struct mk_error err = {0};
	if (mk_store_key_load(cli->svc->store, NULL, pk, &err))
		return mk_cli_fail(cli, &err);
	sodium_bin2hex(hex, sizeof(hex), pk, sizeof(pk));
	mk_key_fingerprint(pk, fp);
	if (cli->json)
		return mk_cli_print_json(json_pack("{s:s, s:s, s:s, s:s}", "algorithm", "ed25519",
						   "public_key", hex, "fingerprint", fp, "key_file",
						   mk_store_key_path(cli->svc->store)));
	printf("public key:  %s\nfingerprint: %s\nalgorithm:   ed25519\n", hex, fp);
	mk_cli_out("key file:    %s\n", mk_store_key_path(cli->svc->store));
	return 0;
}

/* --- export evidence ---------------------------------------------------------------- */

int mk_cmd_export_evidence(struct mk_cli *cli, int argc, char **argv)
{
	const char *key, *why = NULL, *out = NULL;
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"why", required_argument, NULL, OPT_WHY},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{0},
	};
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_WHY)
			why = optarg;
		if (c == OPT_OUTPUT)
			out = optarg;
	}
	if (argc - optind != 1)
		return mk_cli_usage_error(cli, "give one KEY");
	if (!out)
		return mk_cli_usage_error(cli, "--output FILE is required");
	if (!why)
		return mk_cli_usage_error(cli, "--why is required: an export is an access to every "
					       "item, recorded with its reason");
	key = argv[optind];
	if ((status = mk_cli_check_output(cli, out)) || (status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;
	struct mk_error err = {0};
	struct mk_export_summary sum;
	if (mk_export_evidence(cli->svc, &cli->actor, cli->now, key, why, out, &sum, &err))
		return mk_cli_fail(cli, &err);
	if (cli->json)
		return mk_cli_print_json(json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:s}", "incident",
						   key, "output", out, "items", (json_int_t)sum.items,
						   "files", (json_int_t)sum.files, "bytes",
						   (json_int_t)sum.bytes, "log_entries",
						   (json_int_t)sum.log_entries, "fingerprint",
						   sum.fingerprint));
	mk_cli_out("%s: evidence exported to '%s': %lld items, %lld files (%lld bytes), %lld "
		   "logbook entries, signed by %s\n",
		   key, out, (long long)sum.items, (long long)sum.files, (long long)sum.bytes,
		   (long long)sum.log_entries, sum.fingerprint);
	return 0;
}

/* --- verify ARCHIVE ------------------------------------------------------------------- */

/* --public-key: 64 hex digits, or a file holding them. */
static int read_public_key(struct mk_cli *cli, const char *arg, unsigned char pk[32])
{
	struct mk_error err = {0};
	if (mk_public_key_parse(arg, pk, &err) == MK_OK)
		return 0;
	char text[200];
	int fd = open(arg, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return mk_cli_usage_error(cli, "--public-key: '%s' is neither 64 hex digits nor a "
					       "readable file", arg);
	ssize_t n = read(fd, text, sizeof(text) - 1);
	close(fd);
	text[n > 0 ? n : 0] = '\0';
	if (mk_public_key_parse(text, pk, &err))
		return mk_cli_usage_error(cli, "--public-key: %s", err.message);
	return 0;
}

int mk_cmd_verify_archive(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"public-key", required_argument, NULL, OPT_PUBLIC_KEY},
		{0},
	};
	unsigned char pk[MK_SIGN_PUBLIC_BYTES];
	bool have_pk = false;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_PUBLIC_KEY) {
			if ((status = read_public_key(cli, optarg, pk)))
				return status;
			have_pk = true;
		}
	}
	if (argc - optind != 1)
		return mk_cli_usage_error(cli, "give one ARCHIVE");
	const char *path = argv[optind];
	struct mk_archive_report rep;
	struct mk_error err = {0};
	/* No database: the archive carries everything needed. */
	if (mk_archive_verify_file(path, have_pk ? pk : NULL, &rep, &err)) {
		if (cli->json) {
			mk_cli_print_json(json_pack("{s:s, s:b, s:s, s:s}", "archive", path, "ok", 0,
						    "problem", err.message, "kind",
						    mk_rc_name(err.rc)));
			return mk_rc_exit_status(err.rc);
		}
		mk_cli_error("%s: %s: %s\n", cli->prog, path, err.message);
		return mk_rc_exit_status(err.rc);
	}
	if (cli->json)
		return mk_cli_print_json(json_pack(
			"{s:s, s:b, s:s, s:I, s:I, s:I, s:I, s:I, s:s, s:b}", "archive", path, "ok", 1,
			"incident", rep.incident, "items", (json_int_t)rep.items, "files",
			(json_int_t)rep.files, "bytes", (json_int_t)rep.bytes, "log_entries",
			(json_int_t)rep.log_entries, "custody_events", (json_int_t)rep.custody_events,
			"fingerprint", rep.fingerprint, "expected_key", rep.expected_key));
	mk_cli_out("%s: intact: incident %s, %lld items, %lld files (%lld bytes) match the "
		   "manifest, logbook chain of %lld entries intact, %lld custody events\n",
		   path, rep.incident, (long long)rep.items, (long long)rep.files,
		   (long long)rep.bytes, (long long)rep.log_entries, (long long)rep.custody_events);
	if (rep.expected_key)
		printf("signature good, by the expected key %s\n", rep.fingerprint);
	else
		printf("signature good, by the key in the archive %s (give --public-key to check "
		       "that it is the installation's)\n",
		       rep.fingerprint);
	return 0;
}
