/* meldkamer intake mail [FILE|FOLDER...]: phishing mail forwarded by staff
 * becomes a report. One message on standard input (an MTA pipe or
 * .forward), or files: a folder's .eml files, or a Maildir's cur/ and new/.
 * Each message is parsed (intake/mail.h) and registered with its
 * observables and the raw message as evidence in one transaction
 * (service/intake.h), then classified in the notification matrix and
 * given the phishing playbook's tasks. A message taken before (same
 * SHA-256) adds nothing; a failed one is named with its reason and the
 * others still go in; exit 2 if any failed. doc/mail-intake.md has the
 * rules. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/utf8.h"
#include "cli/cli.h"
#include "intake/mail.h"
#include "service/intake.h"

/* The Bijlage 3 row a phishing report gets. The matrix has no phishing
 * row; a phishing mail is an outsider's attempt to get around access
 * control (credentials, a malicious attachment), which the beheer table
 * names "Kraken of omzeilen toegang door medewerkers of een
 * buitenstaander": helpdesk, CISO and directie informed (X X X). */
#define PHISHING_TABLE MK_MATRIX_BEHEER
#define PHISHING_CATEGORY "Opzettelijk foutief handelen van gebruikers"
#define PHISHING_INCIDENT "Kraken of omzeilen toegang door medewerkers of een buitenstaander"

struct files {
	char **items;
	size_t n, cap;
};

static bool add_file(struct files *f, const char *dir, const char *name)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		char **items = mk_realloc(f->items, cap * sizeof(*items));
		if (!items)
			return false;
		f->items = items;
		f->cap = cap;
	}
	size_t len = (dir ? strlen(dir) + 1 : 0) + strlen(name) + 1;
	char *path = mk_malloc(len);
	if (!path)
		return false;
	snprintf(path, len, "%s%s%s", dir ? dir : "", dir ? "/" : "", name);
	f->items[f->n++] = path;
	return true;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_eml(const char *name)
{
	size_t len = strlen(name);
	return len > 4 && strcasecmp(name + len - 4, ".eml") == 0;
}

/* The messages in dir: every regular, non-hidden file when all_files (a
 * Maildir's cur/ or new/), else the .eml ones; sorted. false on OOM. */
static bool add_folder(struct mk_cli *cli, struct files *f, const char *dir, bool all_files,
		       size_t *ret_unreadable)
{
	DIR *d = opendir(dir);
	if (!d) {
		mk_cli_error("%s: %s: cannot read the folder: %s\n", cli->prog, dir, strerror(errno));
		(*ret_unreadable)++;
		return true;
	}
	size_t first = f->n;
	struct dirent *e;
	bool ok = true;
	while (ok && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char full[4096];
		struct stat sb;
		snprintf(full, sizeof(full), "%s/%s", dir, e->d_name);
		if (stat(full, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		if (all_files || is_eml(e->d_name))
			ok = add_file(f, dir, e->d_name);
	}
	closedir(d);
	if (f->n > first)
		qsort(f->items + first, f->n - first, sizeof(*f->items), by_name);
	return ok;
}

static bool is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Reads all of fd, refusing more than MK_MAIL_MAX before holding it. */
static enum mk_rc read_all(int fd, char **ret, size_t *ret_len, struct mk_error *err)
{
	struct mk_buf b;
	struct stat sb;
	mk_buf_init(&b, (size_t)MK_MAIL_MAX);
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > MK_MAIL_MAX)
		return mk_error_set(err, MK_ETOOBIG, "message",
				    "message is %lld bytes, over MK_MAIL_MAX (%d)",
				    (long long)sb.st_size, MK_MAIL_MAX);
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			mk_buf_release(&b);
			return mk_error_set(err, MK_EINVAL, "message", "cannot read: %s", strerror(errno));
		}
		if (n == 0)
			break;
		mk_buf_add(&b, chunk, (size_t)n);
		if (mk_buf_rc(&b) == MK_ETOOBIG) {
			mk_buf_release(&b);
			return mk_error_set(err, MK_ETOOBIG, "message",
					    "message is over MK_MAIL_MAX (%d) bytes", MK_MAIL_MAX);
		}
	}
	if (mk_buf_rc(&b) != MK_OK) {
		mk_buf_release(&b);
		return mk_error_set(err, MK_ENOMEM, "message", "out of memory");
	}
	*ret = mk_buf_detach(&b, ret_len);
	return MK_OK;
}

/* --- Duplicates ------------------------------------------------------------ */

struct dup_ctx {
	struct mk_cli *cli;
	const char *sha256;
	char key[MK_KEY_TEXT];
};

static enum mk_rc evidence_match(void *vctx, const struct mk_evidence_view *e)
{
	struct dup_ctx *d = vctx;
	if (strcmp(e->sha256, d->sha256) == 0 && strcmp(e->media_type, "message/rfc822") == 0)
		snprintf(d->key, sizeof d->key, "%s", e->incident_key);
	return MK_OK;
}

static enum mk_rc seen_cb(void *vctx, const struct mk_observable_seen *s)
{
	struct dup_ctx *d = vctx;
	struct mk_error err;
	for (size_t i = 0; i < s->nkeys && d->key[0] == '\0'; i++)
		if (mk_svc_evidence_list(d->cli->svc, s->keys[i], evidence_match, d, &err) != MK_OK)
			return err.rc;
	return MK_OK;
}

/* The incident that holds this message (its SHA-256 as the message's
 * evidence) already, into ret_key; "" if none. The hash is also an
 * observable of that incident, which finds it without a scan. */
static enum mk_rc taken_before(struct mk_cli *cli, const char *sha256, char *ret_key,
			       struct mk_error *err)
{
	struct dup_ctx d = {cli, sha256, ""};
	enum mk_rc rc = mk_svc_observable_seen(cli->svc, sha256, NULL, seen_cb, &d, err);
	snprintf(ret_key, MK_KEY_TEXT, "%s", d.key);
	return rc;
}

/* --- The report -------------------------------------------------------------- */

struct obs_list {
	struct mk_observable_input *items;
	size_t n, cap;
	bool oom;
};

static void obs_add(struct obs_list *l, enum mk_obs_type type, const char *value, const char *role)
{
	if (value == NULL || value[0] == '\0' || l->oom)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct mk_observable_input *items = mk_realloc(l->items, cap * sizeof(*items));
		if (!items) {
			l->oom = true;
			return;
		}
		l->items = items;
		l->cap = cap;
	}
	/* Attacker infrastructure, to be shared with peers (the IBD, other
	 * municipalities): TLP:GREEN. The reporter is not an observable. */
	l->items[l->n++] = (struct mk_observable_input){
		.type = type, .value = value, .tlp = MK_TLP_GREEN, .role = role};
}

static void collect_observables(const struct mk_mail_report *r, struct obs_list *l)
{
	const struct mk_mail_message *m = &r->orig;
	obs_add(l, MK_OBS_EMAIL, m->from.addr, "sender");
	obs_add(l, MK_OBS_EMAIL, m->reply_to.addr, "reply-to");
	obs_add(l, MK_OBS_EMAIL, m->return_path.addr, "return-path");
	if (m->first_external >= 0)
		obs_add(l, MK_OBS_IP, m->hops[m->first_external].ip, "received-ip");
	for (size_t i = 0; i < m->nurls; i++)
		obs_add(l, MK_OBS_URL, m->urls[i].url, m->urls[i].from_html ? "link-target" : "url");
	for (size_t i = 0; i < m->ndomains; i++)
		obs_add(l, MK_OBS_DOMAIN, m->domains[i], "domain");
	for (size_t i = 0; i < m->nattachments; i++) {
		obs_add(l, MK_OBS_HASH, m->attachments[i].sha256, "attachment-sha256");
		obs_add(l, MK_OBS_FILENAME, m->attachments[i].filename, "attachment");
	}
	/* The message's own hash: how a second delivery of it is recognised. */
	obs_add(l, MK_OBS_HASH, r->sha256, "message-sha256");
}

static void add_address(struct mk_buf *b, const char *label, const struct mk_mail_address *a)
{
	if (a->addr == NULL && a->name == NULL)
		return;
	mk_buf_addf(b, "%s: ", label);
	if (a->name != NULL)
		mk_buf_addf(b, "%s ", a->name);
	mk_buf_addf(b, "<%s>\n", a->addr != NULL ? a->addr : "");
}

static void describe(const struct mk_mail_report *r, struct mk_buf *b)
{
	const struct mk_mail_message *m = &r->orig;
	static const char *const how[] = {"rechtstreeks ontvangen", "doorgestuurd als bijlage",
					  "inline doorgestuurd"};
	size_t mismatches = 0;
	for (size_t i = 0; i < m->nurls; i++)
		mismatches += m->urls[i].shown_host != NULL;

	mk_buf_addf(b, "Verdachte mail (%s), binnengekomen via mail-intake.\n", how[r->forward]);
	add_address(b, "Gemeld door", &r->reporter);
	add_address(b, "Afzender", &m->from);
	add_address(b, "Reply-To", &m->reply_to);
	if (m->return_path.addr != NULL)
		mk_buf_addf(b, "Return-Path: <%s>\n", m->return_path.addr);
	if (m->date != NULL)
		mk_buf_addf(b, "Datum: %s\n", m->date);
	if (m->subject != NULL)
		mk_buf_addf(b, "Onderwerp: %s%s\n", m->subject,
			    m->subject_guessed ? " (tekenset geraden)" : "");
	if (m->first_external >= 0) {
		const struct mk_mail_hop *h = &m->hops[m->first_external];
		mk_buf_addf(b, "Eerste externe hop: %s (%s)\n", h->ip, h->from ? h->from : "?");
	}
	mk_buf_addf(b, "Received-hops: %zu, URL's: %zu (linktekst wijkt af: %zu), domeinen: %zu, "
		       "IP-adressen: %zu, bijlagen: %zu\n",
		    m->nhops, m->nurls, mismatches, m->ndomains, m->nips, m->nattachments);
	for (size_t i = 0, shown = 0; i < m->nurls && shown < 10; i++)
		if (m->urls[i].shown_host != NULL) {
			mk_buf_addf(b, "Link toont %s maar gaat naar %s\n", m->urls[i].shown_host,
				    m->urls[i].host);
			shown++;
		}
	for (size_t i = 0; i < m->nattachments && i < 10; i++)
		mk_buf_addf(b, "Bijlage: %s (%s, %llu bytes, SHA-256 %s)\n",
			    m->attachments[i].filename ? m->attachments[i].filename : "zonder naam",
			    m->attachments[i].mime_type, (unsigned long long)m->attachments[i].size,
			    m->attachments[i].sha256);
	mk_buf_addf(b, "Origineel bericht: %zu bytes, SHA-256 %s\n", r->size, r->sha256);
	if (r->charset_guessed)
		mk_buf_adds(b, "Let op: tekst in een onbekende tekenset is naar beste kunnen gelezen.\n");
	if (m->body_truncated)
		mk_buf_adds(b, "Let op: een berichttekst is ingekort.\n");
	if (b->len > 0 && b->data[b->len - 1] == '\n')
		b->data[--b->len] = '\0'; /* no trailing newline in a stored text */
}

struct rejects {
	struct mk_cli *cli;
	const char *path;
	json_t *list; /* --json */
	size_t n;
};

static void obs_rejected(void *vctx, const struct mk_observable_input *o, const struct mk_error *err)
{
	struct rejects *rj = vctx;
	rj->n++;
	if (rj->list)
		json_array_append_new(rj->list, json_pack("{s:s, s:s}", "role", o->role,
							  "problem", err->message));
	else
		mk_cli_error("%s: %s: observable (%s) left out: %s\n", rj->cli->prog, rj->path,
			     o->role, err->message);
}

struct outcome {
	char key[MK_KEY_TEXT];
	bool duplicate;
	size_t observables, left_out;
	char sha256[MK_SHA256_HEX];
	char *subject;
};

/* Registers one parsed message. */
static enum mk_rc take(struct mk_cli *cli, const char *path, const char *data, size_t len,
		       const struct mk_mail_report *r, json_t *left_out, struct outcome *o,
		       struct mk_error *err)
{
	const struct mk_mail_message *m = &r->orig;
	struct mk_buf title, desc;
	struct obs_list obs = {0};
	char detected[MK_TIME_TEXT], occurred[MK_TIME_TEXT];
	struct mk_field_value fields[8];
	size_t nf = 0;
	enum mk_rc rc;

	snprintf(o->sha256, sizeof o->sha256, "%s", r->sha256);
	if ((rc = taken_before(cli, r->sha256, o->key, err)) != MK_OK)
		return rc;
	if (o->key[0] != '\0') {
		o->duplicate = true;
		return MK_OK;
	}

	mk_buf_init(&title, MK_TITLE_MAX + 8);
	mk_buf_init(&desc, MK_TEXT_MAX);
	mk_buf_adds(&title, "Phishing: ");
	mk_buf_adds(&title, m->subject != NULL && m->subject[0] != '\0' ? m->subject
								     : "(geen onderwerp)");
	if (title.len > MK_TITLE_MAX) {
		title.data[MK_TITLE_MAX] = '\0';
		mk_utf8_truncate(title.data, MK_TITLE_MAX + 1);
		title.len = strlen(title.data);
	}
	describe(r, &desc);
	if (mk_buf_rc(&desc) == MK_ETOOBIG) {
		/* a very long description is cut, at a character boundary */
		mk_utf8_truncate(desc.data, desc.len + 1);
		desc.rc = MK_OK;
	}
	if (mk_buf_rc(&title) != MK_OK || mk_buf_rc(&desc) != MK_OK) {
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory");
		goto out;
	}
	fields[nf++] = (struct mk_field_value){"title", title.data};
	fields[nf++] = (struct mk_field_value){"description", desc.data};
	/* Staff forwarding a mail report it (gebruiker-partner); a message
	 * that arrived itself came into the service desk's mailbox. */
	fields[nf++] = (struct mk_field_value){
		"source", r->forward == MK_MAIL_DIRECT ? "servicedesk" : "gebruiker-partner"};
	if (r->reporter.addr != NULL)
		fields[nf++] = (struct mk_field_value){"reporter_email", r->reporter.addr};
	if (r->reporter.name != NULL)
		fields[nf++] = (struct mk_field_value){"reporter_name", r->reporter.name};
	/* Detected when intake runs; occurred when the original was sent, if
	 * its Date is plausible (not after detection: a forged future date
	 * stays in the description only). */
	mk_time_format_utc(cli->now, detected);
	fields[nf++] = (struct mk_field_value){"detected_at", detected};
	if (m->time != MK_TIME_UNKNOWN && m->time <= cli->now && m->time > 0) {
		mk_time_format_utc(m->time, occurred);
		fields[nf++] = (struct mk_field_value){"occurred_at", occurred};
	}

	collect_observables(r, &obs);
	if (obs.oom) {
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory");
		goto out;
	}
	char name[MK_SHA256_HEX + 8];
	snprintf(name, sizeof name, "%.16s.eml", r->sha256);
	struct mk_evidence_input ev = {
		.what = "Origineel bericht zoals ontvangen door meldkamer intake mail",
		.why = "Bewijs van de phishingpoging: koppen, links en bijlagen",
		.name = name,
		.media_type = "message/rfc822",
		.data = (const unsigned char *)data,
		.size = len,
	};
	struct rejects rj = {cli, path, left_out, 0};
	rc = mk_svc_intake_report(cli->svc, &cli->actor, cli->now, fields, nf, MK_OBS_SOURCE_MAIL,
				  obs.items, obs.n, &ev, 1, obs_rejected, &rj, o->key, err);
	if (rc != MK_OK)
		goto out;
	o->observables = obs.n - rj.n;
	o->left_out = rj.n;

	/* Classification and playbook are further steps in the same batch
	 * (the intake call takes no assessment); the row is a default one, so
	 * this fails only if an admin removed it. A failure after writing
	 * fails the batch, which then rolls back whole (and says so). */
	struct mk_assessment a = {.has_matrix = true, .table = PHISHING_TABLE,
				  .category = PHISHING_CATEGORY, .incident = PHISHING_INCIDENT};
	struct mk_error aerr = {0};
	if (mk_svc_incident_assess(cli->svc, &cli->actor, cli->now, o->key, 0, &a, &aerr) != MK_OK)
		mk_cli_error("%s: %s: %s is not classified: %s\n", cli->prog, path, o->key,
			     aerr.message);
	/* The phishing playbook's tasks: block, search and remove, who
	 * clicked, reset, warn staff (data/playbooks/phishing.tsv). */
	if (mk_svc_playbook_attach(cli->svc, &cli->actor, cli->now, o->key, "phishing", NULL,
				   &aerr) != MK_OK)
		mk_cli_error("%s: %s: %s has no playbook tasks: %s\n", cli->prog, path, o->key,
			     aerr.message);
out:
	mk_buf_release(&title);
	mk_buf_release(&desc);
	mk_free(obs.items);
	return rc;
}

/* Messages per transaction: a commit (and its sync) per message would
 * hold intake to a few dozen messages a second on a slow disk. A batch
 * lost to a database failure is named, and the next one starts afresh. */
#define MAIL_BATCH 100

struct tally {
	size_t taken, duplicates, failed;
	size_t in_batch; /* messages in the open batch */
	size_t batch_taken; /* of which taken */
	bool temporary; /* a failure that may pass: busy, locked, disk full (EX_TEMPFAIL) */
	json_t *items; /* --json */
};

static void one_message(struct mk_cli *cli, const char *path, int fd, struct tally *t)
{
	char *data = NULL;
	size_t len = 0;
	struct mk_error err = {0};
	struct mk_mail_report r;
	struct outcome o = {0};
	json_t *left_out = cli->json ? json_array() : NULL;
	const char *shown = path != NULL ? path : "(standard input)";
	enum mk_rc rc;

	mk_mail_report_init(&r);
	int own_fd = -1;
	if (path != NULL) {
		own_fd = open(path, O_RDONLY | O_CLOEXEC);
		if (own_fd < 0) {
			rc = mk_error_set(&err, MK_EINVAL, "message", "cannot open: %s", strerror(errno));
			goto out;
		}
		fd = own_fd;
	}
	if ((rc = read_all(fd, &data, &len, &err)) != MK_OK)
		goto out;
	if ((rc = mk_mail_parse(data, len, &r, &err)) != MK_OK)
		goto out;
	rc = take(cli, shown, data, len, &r, left_out, &o, &err);
out:
	if (own_fd >= 0)
		close(own_fd);
	if (rc != MK_OK) {
		t->failed++;
		t->temporary = t->temporary || err.temporary;
		if (t->items)
			json_array_append_new(t->items, json_pack("{s:s, s:s}", "file", shown,
								  "problem", err.message));
		else
			mk_cli_error("%s: %s: %s\n", cli->prog, shown, err.message);
	} else if (o.duplicate) {
		t->duplicates++;
		if (t->items)
			json_array_append_new(t->items, json_pack("{s:s, s:s, s:s, s:b}", "file", shown,
				"key", o.key, "sha256", o.sha256, "duplicate", 1));
		else
			mk_cli_out("%s  %s  already taken (SHA-256 %.16s...)\n", o.key, shown, o.sha256);
	} else {
		t->taken++;
		t->batch_taken++;
		if (t->items) {
			json_array_append_new(t->items, json_pack(
				"{s:s, s:s, s:s, s:b, s:s, s:o, s:I, s:o}", "file", shown, "key", o.key,
				"sha256", o.sha256, "duplicate", 0, "forward",
				mk_mail_forward_name(r.forward), "sender",
				r.orig.from.addr ? json_string(r.orig.from.addr) : json_null(),
				"observables", (json_int_t)o.observables, "left_out", left_out));
			left_out = NULL;
		} else {
			mk_cli_out("%s  %s  %s  %zu observables\n", o.key, shown,
				   r.orig.from.addr ? r.orig.from.addr : "(no sender)", o.observables);
		}
	}
	json_decref(left_out);
	mk_mail_report_release(&r);
	mk_free(data);
}

/* Commits the open batch; a batch that failed is rolled back whole and its
 * messages count as failed. */
static void batch_end(struct mk_cli *cli, struct tally *t)
{
	struct mk_error err = {0};
	if (!mk_svc_in_batch(cli->svc))
		return;
	if (mk_svc_batch_commit(cli->svc, &err) != MK_OK) {
		mk_cli_error("%s: %zu message%s rolled back: %s\n", cli->prog, t->batch_taken,
			     t->batch_taken == 1 ? "" : "s", err.message);
		t->taken -= t->batch_taken;
		t->failed += t->batch_taken;
		t->temporary = t->temporary || err.temporary;
	}
	t->in_batch = t->batch_taken = 0;
}

/* Before each message: a new batch every MAIL_BATCH messages. */
static void batch_step(struct mk_cli *cli, struct tally *t, bool first)
{
	struct mk_error err = {0};
	if (!first && t->in_batch < MAIL_BATCH)
		goto counted;
	batch_end(cli, t);
	if (mk_svc_batch_begin(cli->svc, &err) != MK_OK) {
		mk_cli_error("%s: %s\n", cli->prog, err.message); /* each message then fails alone */
		t->temporary = t->temporary || err.temporary;
	}
counted:
	t->in_batch++;
}

/* sysexits.h's EX_TEMPFAIL: an MTA (Postfix, Exim, sendmail) that pipes a
 * message to us keeps it queued and tries again later, where any other
 * failure bounces it to the sender, who here is the employee reporting
 * phishing. */
#define EXIT_TEMPFAIL 75

enum { OPT_BUSY_TIMEOUT = MK_OPT_FIRST_OWN };

int mk_cmd_intake_mail(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"busy-timeout", required_argument, NULL, OPT_BUSY_TIMEOUT},
		{0},
	};
	int c, status = 0;
	long busy_ms = 0;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_BUSY_TIMEOUT) {
			char *end;
			errno = 0;
			busy_ms = strtol(optarg, &end, 10);
			if (!optarg[0] || *end || errno || busy_ms < 1 || busy_ms > 600000)
				return mk_cli_usage_error(
					cli, "--busy-timeout '%s' is not a number of milliseconds from 1 to 600000",
					optarg);
		}
	}
	/* Standard input is the MTA pipe: a failure that may pass by itself
	 * exits 75 so the MTA retries. Files given by hand keep 1 and 2. */
	bool pipe = optind == argc;
	struct mk_error open_err = {0};
	if (busy_ms > 0)
		mk_service_set_busy_timeout((int)busy_ms);
	if (mk_service_open(cli->db_path, MK_STORE_WRITE, cli->now, &cli->actor, &cli->svc, NULL,
			    &open_err)) {
		status = mk_cli_fail(cli, &open_err);
		return pipe && open_err.temporary ? EXIT_TEMPFAIL : status;
	}

	struct files f = {0};
	struct tally t = {0};
	size_t unreadable = 0;
	if (cli->json)
		t.items = json_array();
	for (int i = optind; i < argc; i++) {
		bool ok = true;
		struct stat sb;
		if (stat(argv[i], &sb) != 0) {
			mk_cli_error("%s: %s: %s\n", cli->prog, argv[i], strerror(errno));
			unreadable++;
		} else if (S_ISDIR(sb.st_mode)) {
			char cur[4096], new_[4096];
			snprintf(cur, sizeof cur, "%s/cur", argv[i]);
			snprintf(new_, sizeof new_, "%s/new", argv[i]);
			if (is_dir(cur) && is_dir(new_))
				ok = add_folder(cli, &f, cur, true, &unreadable) &&
				     add_folder(cli, &f, new_, true, &unreadable);
			else
				ok = add_folder(cli, &f, argv[i], false, &unreadable);
		} else {
			ok = add_file(&f, NULL, argv[i]);
		}
		if (!ok) {
			mk_cli_error("%s: out of memory listing files\n", cli->prog);
			status = 1;
			goto out;
		}
	}
	if (optind == argc) {
		batch_step(cli, &t, true);
		one_message(cli, NULL, STDIN_FILENO, &t);
	}
	for (size_t i = 0; i < f.n; i++) {
		batch_step(cli, &t, i == 0);
		one_message(cli, f.items[i], -1, &t);
	}
	batch_end(cli, &t);
	t.failed += unreadable;

	if (cli->json) {
		status = mk_cli_print_json(json_pack("{s:I, s:I, s:I, s:o}", "taken",
			(json_int_t)t.taken, "duplicates", (json_int_t)t.duplicates, "failed",
			(json_int_t)t.failed, "messages", t.items));
		t.items = NULL;
	} else {
		printf("taken %zu, already there %zu, failed %zu\n", t.taken, t.duplicates, t.failed);
	}
	if (status == 0 && t.failed)
		status = pipe && t.temporary ? EXIT_TEMPFAIL : 2;
out:
	for (size_t i = 0; i < f.n; i++)
		mk_free(f.items[i]);
	mk_free(f.items);
	json_decref(t.items);
	return status;
}
