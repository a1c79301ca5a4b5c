/* The chain of custody's use cases (custody.h). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/limits.h"
#include "core/observable.h"
#include "core/text.h"
#include "service/custody.h"
#include "service/internal.h"

const char *mk_access_kind_name(enum mk_access_kind k)
{
	static const char *const names[] = {"show", "get", "export"};
	return names[k];
}

static enum mk_rc incident_id_of(struct mk_service *svc, const char *key, int64_t *ret_id,
				 struct mk_error *err)
{
	struct mk_incident inc;
	mk_incident_init(&inc);
	enum mk_rc rc = mk_store_incident_get(svc->store, key, &inc, NULL, err);
	if (rc == MK_OK)
		*ret_id = inc.id;
	mk_incident_release(&inc);
	return rc;
}

static enum mk_rc line(const char *field, const char *v, size_t max, bool required,
		       struct mk_error *err)
{
	return mk_text_check(field, v, max, MK_TEXT_LINE, required, err);
}

/* "type/subtype" of RFC 6838's restricted-name characters (as intake.c). */

static enum mk_rc item_check(const struct mk_item_input *in, bool is_file, mk_time now,
			     struct mk_error *err)
{
	enum mk_rc rc;
	if ((rc = line("what", in->what, MK_SHORT_TEXT_MAX, true, err)) ||
	    (rc = mk_text_check("why", in->why, MK_SHORT_TEXT_MAX, MK_TEXT_MULTILINE, true, err)) ||
	    (rc = line("location", in->location, MK_SHORT_TEXT_MAX, false, err)) ||
	    (rc = line("storage", in->storage, MK_SHORT_TEXT_MAX, false, err)) ||
	    (rc = line("seal", in->seal, MK_NAME_MAX, false, err)) ||
	    (rc = line("collected_by", in->collected_by, MK_NAME_MAX, false, err)))
		return rc;
	if (mk_text_blank(in->what))
		return mk_error_set(err, MK_EINVAL, "what", "what is empty");
	if (mk_text_blank(in->why))
		return mk_error_set(err, MK_EINVAL, "why", "why is empty");
	if (in->collected_at != MK_TIME_UNKNOWN && in->collected_at > now)
		return mk_error_set(err, MK_EINVAL, "collected_at",
				    "collected_at lies in the future");
	if (!is_file && (in->name || in->media_type))
		return mk_error_set(err, MK_EINVAL, in->name ? "name" : "media_type",
				    "a physical item has no file %s",
				    in->name ? "name" : "media type");
	if (is_file && in->media_type && !mk_media_type_valid(in->media_type))
		return mk_error_set(err, MK_EINVAL, "media_type",
				    "media type '%.80s' is not of the form type/subtype",
				    in->media_type);
	if (is_file && in->name) {
		struct mk_buf b;
		mk_buf_init(&b, MK_OBS_VALUE_MAX);
		rc = mk_observable_normalise(MK_OBS_FILENAME, in->name, strlen(in->name), &b, err);
		mk_buf_release(&b);
		if (rc) {
			if (err)
				snprintf(err->field, sizeof(err->field), "name");
			return rc;
		}
	}
	return MK_OK;
}

static const char *or_null(const char *s)
{
	return s && s[0] ? s : NULL;
}

/* --- Registering ------------------------------------------------------------------- */

struct reg {
	const struct mk_actor *actor;
	mk_time now;
	const struct mk_item_input *in;
	struct mk_blob_staged *blob; /* NULL: physical */
	char stored_path[80];
	bool blob_created;
	int64_t seq;
};

static enum mk_rc reg_change(struct mk_service *svc, struct mk_incident *inc,
			     int checklist_version, void *ctx, bool *ret_unchanged,
			     struct mk_error *err)
{
	(void)checklist_version;
	(void)ret_unchanged;
	struct reg *r = ctx;
	const struct mk_item_input *in = r->in;
	struct mk_item_view it = {
		.is_file = r->blob != NULL,
		.what = in->what,
		.why = in->why,
		.location = or_null(in->location),
		.storage = or_null(in->storage),
		.seal = or_null(in->seal),
		.collected_by = or_null(in->collected_by) ? in->collected_by : r->actor->name,
		.collected_at = in->collected_at == MK_TIME_UNKNOWN ? r->now : in->collected_at,
		.registered_by = r->actor->name,
		.registered_at = r->now,
	};
	enum mk_rc rc;
	struct mk_buf text;
	if (r->blob) {
		struct mk_evidence_view ev = {
			.what = in->what, .why = in->why, .name = or_null(in->name),
			.media_type = in->media_type ? in->media_type : "application/octet-stream",
			.size = r->blob->size, .collected_by = it.collected_by,
			.collected_at = it.collected_at,
		};
		memcpy(ev.sha256, r->blob->sha256, sizeof(ev.sha256));
		if (!it.storage)
			it.storage = "content-addressed store (SHA-256)";
		if ((rc = mk_store_blob_commit(svc->store, r->blob, r->stored_path, &r->blob_created,
					       err)))
			return rc;
		ev.stored_path = r->stored_path;
		if ((rc = mk_store_evidence_insert(svc->store, inc->id, &ev, &it.evidence_id, err)))
			return rc;
	}
	if ((rc = mk_store_item_insert(svc->store, inc->id, &it, NULL, &r->seq, err)))
		return rc;
	mk_buf_init(&text, MK_TEXT_MAX);
	mk_buf_addf(&text, "Bewijsstuk %lld vastgelegd (%s): %s", (long long)r->seq,
		    r->blob ? "bestand" : "fysiek", in->what);
	if (r->blob)
		mk_buf_addf(&text, "%s%s%s, %lld bytes, SHA-256 %s", in->name ? " ('" : "",
			    in->name ? in->name : "", in->name ? "')" : "",
			    (long long)r->blob->size, r->blob->sha256);
	if (it.location)
		mk_buf_addf(&text, "\nLocatie: %s", it.location);
	if (it.storage && !r->blob)
		mk_buf_addf(&text, "\nOpslag: %s", it.storage);
	if (it.seal)
		mk_buf_addf(&text, "\nZegel: %s", it.seal);
	char at[MK_TIME_TEXT];
	mk_buf_addf(&text, "\nVerzameld door %s op %s\nReden: %s", it.collected_by,
		    mk_time_format_local(it.collected_at, at), in->why);
	rc = mk_buf_rc(&text) ? mk_error_set(err, mk_buf_rc(&text), "why", "log text too long")
			      : mk_svc_log_append(svc, inc, r->actor, r->now, MK_LOG_ACTION,
						  text.data, err);
	mk_buf_release(&text);
	return rc;
}

enum mk_rc mk_svc_item_register(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, const char *key, const struct mk_item_input *in,
				int fd, int64_t max, int64_t *ret_seq, char *ret_sha256,
				struct mk_error *err)
{
	struct mk_blob_staged blob = {0};
	struct reg r = {.actor = actor, .now = now, .in = in};
	enum mk_rc rc = item_check(in, fd >= 0, now, err);
	int64_t id;
	/* The incident is looked up before a byte is copied: a file for an
	 * unknown incident is refused at once, not after a gigabyte. */
	if (rc == MK_OK)
		rc = incident_id_of(svc, key, &id, err);
	if (rc)
		return rc;
	if (fd >= 0) {
		/* Copied outside the transaction, so that a long copy does not
		 * hold the write lock; it becomes part of the store only in
		 * it (mk_store_blob_commit). */
		if ((rc = mk_store_blob_stage(svc->store, fd, max, "file", &blob, err)))
			return rc;
		r.blob = &blob;
	}
	rc = mk_svc_change(svc, key, 0, now, reg_change, &r, err);
	/* A rollback leaves no file behind: neither the staged copy nor one
	 * this call put in place (a file stored before stays). */
	if (rc && r.blob_created)
		mk_store_blob_unlink(svc->store, r.stored_path);
	mk_store_blob_discard(&blob);
	if (rc == MK_OK) {
		if (ret_seq)
			*ret_seq = r.seq;
		if (ret_sha256)
			memcpy(ret_sha256, fd >= 0 ? blob.sha256 : "", fd >= 0 ? MK_SHA256_HEX : 1);
	}
	return rc;
}

enum mk_rc mk_svc_item_list(struct mk_service *svc, const char *key, mk_item_cb cb, void *ctx,
			    struct mk_error *err)
{
	int64_t id;
	enum mk_rc rc = incident_id_of(svc, key, &id, err);
	return rc ? rc : mk_store_item_list(svc->store, id, cb, ctx, err);
}

/* --- Accesses and transfers --------------------------------------------------------- */

/* Copies the few fields an access or transfer needs out of a row view. */
struct item_ref {
	int64_t id, seq;
	bool is_file;
	mk_time collected_at;
	char what[MK_SHORT_TEXT_MAX + 1];
};

static enum mk_rc take_ref(void *ctx, const struct mk_item_view *it)
{
	struct item_ref *r = ctx;
	r->id = it->id;
	r->seq = it->seq;
	r->is_file = it->is_file;
	r->collected_at = it->collected_at;
	snprintf(r->what, sizeof(r->what), "%s", it->what);
	return MK_OK;
}

struct access {
	const struct mk_actor *actor;
	mk_time now;
	int64_t seq; /* 0: every item (export) */
	enum mk_access_kind kind;
	const char *why;
	int64_t items;
};

struct access_rows {
	struct mk_service *svc;
	struct access *a;
	int64_t log_seq;
	enum mk_rc rc;
	struct mk_error *err;
};

static enum mk_rc access_row(void *ctx, const struct mk_item_view *it)
{
	struct access_rows *ar = ctx;
	struct mk_custody_view v = {
		.type = MK_CUSTODY_ACCESS, .at = ar->a->now, .log_seq = ar->log_seq,
		.action = mk_access_kind_name(ar->a->kind), .who = ar->a->actor->name,
		.why = ar->a->why, .via = ar->a->actor->via ? ar->a->actor->via : "cli",
	};
	ar->a->items++;
	return mk_store_custody_insert(ar->svc->store, it->id, &v, ar->err);
}

static enum mk_rc access_change(struct mk_service *svc, struct mk_incident *inc,
				int checklist_version, void *ctx, bool *ret_unchanged,
				struct mk_error *err)
{
	(void)checklist_version;
	(void)ret_unchanged;
	struct access *a = ctx;
	struct access_rows ar = {svc, a, inc->log_count + 1, MK_OK, err};
	static const char *const verbs[] = {"ingezien", "opgevraagd (inhoud)", "geëxporteerd"};
	struct mk_buf text;
	enum mk_rc rc;
	mk_buf_init(&text, MK_TEXT_MAX);
	if (a->seq) {
		struct item_ref ref = {0};
		if ((rc = mk_store_item_get(svc->store, inc->id, a->seq, take_ref, &ref, err)))
			goto out;
		if (a->kind == MK_ACCESS_GET && !ref.is_file) {
			rc = mk_error_set(err, MK_ECONFLICT, "item",
					  "item %lld is physical: it has no file to get",
					  (long long)ref.seq);
			goto out;
		}
		if ((rc = access_row(&ar, &(struct mk_item_view){.id = ref.id})))
			goto out;
		mk_buf_addf(&text, "Bewijsstuk %lld %s: %s\nReden: %s", (long long)ref.seq,
			    verbs[a->kind], ref.what, a->why);
	} else {
		if ((rc = mk_store_item_list(svc->store, inc->id, access_row, &ar, err)))
			goto out;
		mk_buf_addf(&text, "Bewijsmateriaal %s: %lld stuk(ken), met bewakingsketen en "
			    "logboek, ondertekend\nReden: %s",
			    verbs[a->kind], (long long)a->items, a->why);
	}
	rc = mk_buf_rc(&text) ? mk_error_set(err, mk_buf_rc(&text), "why", "log text too long")
			      : mk_svc_log_append(svc, inc, a->actor, a->now, MK_LOG_ACTION,
						  text.data, err);
out:
	mk_buf_release(&text);
	return rc;
}

static enum mk_rc why_check(const char *why, struct mk_error *err)
{
	enum mk_rc rc = mk_text_check("why", why, MK_SHORT_TEXT_MAX, MK_TEXT_MULTILINE, true, err);
	if (rc == MK_OK && mk_text_blank(why))
		rc = mk_error_set(err, MK_EINVAL, "why", "why is empty");
	return rc;
}

enum mk_rc mk_svc_item_access(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			      const char *key, int64_t seq, enum mk_access_kind kind,
			      const char *why, mk_item_cb cb, void *ctx, struct mk_error *err)
{
	struct access a = {actor, now, seq, kind, why, 0};
	enum mk_rc rc = why_check(why, err);
	int64_t id;
	if (rc == MK_OK && seq < 1)
		rc = mk_error_set(err, MK_EINVAL, "item", "an item number is 1 or more");
	if (rc == MK_OK)
		rc = mk_svc_change(svc, key, 0, now, access_change, &a, err);
	if (rc == MK_OK)
		rc = incident_id_of(svc, key, &id, err);
	return rc ? rc : mk_store_item_get(svc->store, id, seq, cb, ctx, err);
}

enum mk_rc mk_svc_custody_export_access(struct mk_service *svc, const struct mk_actor *actor,
					mk_time now, const char *key, const char *why,
					int64_t *ret_items, struct mk_error *err)
{
	struct access a = {actor, now, 0, MK_ACCESS_EXPORT, why, 0};
	enum mk_rc rc = why_check(why, err);
	if (rc == MK_OK)
		rc = mk_svc_change(svc, key, 0, now, access_change, &a, err);
	if (rc == MK_OK && ret_items)
		*ret_items = a.items;
	return rc;
}

struct transfer {
	const struct mk_actor *actor;
	mk_time now;
	int64_t seq;
	const struct mk_transfer_input *t;
};

/* The item's last transfer so far: when, and to whom. */
struct holder {
	int64_t seq;
	mk_time at;
	char to[MK_NAME_MAX + 1];
	bool any;
};

static enum mk_rc last_transfer(void *ctx, const struct mk_custody_view *c)
{
	struct holder *h = ctx;
	if (c->type == MK_CUSTODY_TRANSFER && c->item_seq == h->seq) {
		h->any = true;
		h->at = c->at;
		snprintf(h->to, sizeof(h->to), "%s", c->to);
	}
	return MK_OK;
}

/* A chain of custody runs forward from the collection, and hands an item
 * over from whoever received it last. */
static enum mk_rc transfer_fits(struct mk_service *svc, const struct mk_incident *inc,
				const struct item_ref *ref, const struct mk_custody_view *v,
				struct mk_error *err)
{
	char a[MK_TIME_TEXT], b[MK_TIME_TEXT];
	if (v->at < ref->collected_at)
		return mk_error_set(err, MK_EINVAL, "at",
				    "the transfer (%s) lies before item %lld was collected (%s)",
				    mk_time_format_local(v->at, a), (long long)ref->seq,
				    mk_time_format_local(ref->collected_at, b));
	struct holder h = {.seq = ref->seq};
	enum mk_rc rc = mk_store_custody_list(svc->store, inc->id, last_transfer, &h, err);
	if (rc || !h.any)
		return rc;
	if (v->at < h.at)
		return mk_error_set(err, MK_EINVAL, "at",
				    "the transfer (%s) lies before item %lld's last one (%s)",
				    mk_time_format_local(v->at, a), (long long)ref->seq,
				    mk_time_format_local(h.at, b));
	if (strcmp(v->from, h.to) != 0)
		return mk_error_set(err, MK_EINVAL, "from",
				    "item %lld is with '%s' since its last transfer, not with '%s'",
				    (long long)ref->seq, h.to, v->from);
	return MK_OK;
}

static enum mk_rc transfer_change(struct mk_service *svc, struct mk_incident *inc,
				  int checklist_version, void *ctx, bool *ret_unchanged,
				  struct mk_error *err)
{
	(void)checklist_version;
	(void)ret_unchanged;
	struct transfer *x = ctx;
	struct item_ref ref = {0};
	enum mk_rc rc = mk_store_item_get(svc->store, inc->id, x->seq, take_ref, &ref, err);
	if (rc)
		return rc;
	struct mk_custody_view v = {
		.type = MK_CUSTODY_TRANSFER,
		.at = x->t->at == MK_TIME_UNKNOWN ? x->now : x->t->at,
		.log_seq = inc->log_count + 1,
		.from = x->t->from, .to = x->t->to, .reason = x->t->reason,
		.receipt = or_null(x->t->receipt), .recorded_by = x->actor->name,
		.recorded_at = x->now,
	};
	if ((rc = transfer_fits(svc, inc, &ref, &v, err)) ||
	    (rc = mk_store_custody_insert(svc->store, ref.id, &v, err)))
		return rc;
	struct mk_buf text;
	char at[MK_TIME_TEXT];
	mk_buf_init(&text, MK_TEXT_MAX);
	mk_buf_addf(&text, "Bewijsstuk %lld overgedragen van %s aan %s op %s: %s\nReden: %s",
		    (long long)ref.seq, v.from, v.to, mk_time_format_local(v.at, at), ref.what,
		    v.reason);
	if (v.receipt)
		mk_buf_addf(&text, "\nOntvangstbewijs: %s", v.receipt);
	rc = mk_buf_rc(&text) ? mk_error_set(err, mk_buf_rc(&text), "reason", "log text too long")
			      : mk_svc_log_append(svc, inc, x->actor, x->now, MK_LOG_ACTION,
						  text.data, err);
	mk_buf_release(&text);
	return rc;
}

enum mk_rc mk_svc_item_transfer(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, const char *key, int64_t seq,
				const struct mk_transfer_input *t, struct mk_error *err)
{
	enum mk_rc rc;
	if ((rc = line("from", t->from, MK_NAME_MAX, true, err)) ||
	    (rc = line("to", t->to, MK_NAME_MAX, true, err)) ||
	    (rc = mk_text_check("reason", t->reason, MK_SHORT_TEXT_MAX, MK_TEXT_MULTILINE, true,
				err)) ||
	    (rc = line("receipt", t->receipt, MK_NAME_MAX, false, err)))
		return rc;
	if (mk_text_blank(t->from) || mk_text_blank(t->to) || mk_text_blank(t->reason))
		return mk_error_set(err, MK_EINVAL,
				    mk_text_blank(t->from) ? "from"
				    : mk_text_blank(t->to) ? "to" : "reason",
				    "%s is empty",
				    mk_text_blank(t->from) ? "from"
				    : mk_text_blank(t->to) ? "to" : "reason");
	if (strcmp(t->from, t->to) == 0)
		return mk_error_set(err, MK_EINVAL, "to", "a transfer goes to someone else than '%s'",
				    t->from);
	if (t->at != MK_TIME_UNKNOWN && t->at > now)
		return mk_error_set(err, MK_EINVAL, "at", "the transfer's time lies in the future");
	if (seq < 1)
		return mk_error_set(err, MK_EINVAL, "item", "an item number is 1 or more");
	struct transfer x = {actor, now, seq, t};
	return mk_svc_change(svc, key, 0, now, transfer_change, &x, err);
}

enum mk_rc mk_svc_custody_log(struct mk_service *svc, const char *key, mk_custody_cb cb,
			      void *ctx, struct mk_error *err)
{
	int64_t id;
	enum mk_rc rc = incident_id_of(svc, key, &id, err);
	return rc ? rc : mk_store_custody_list(svc->store, id, cb, ctx, err);
}

/* --- Verification ------------------------------------------------------------------ */

struct verify {
	struct mk_service *svc;
	mk_file_check_cb cb;
	void *ctx;
	struct mk_error *err;
};

static enum mk_rc verify_item(void *ctx, const struct mk_item_view *it)
{
	struct verify *v = ctx;
	if (!it->is_file)
		return MK_OK;
	struct mk_file_check c = {.item = it, .state = MK_FILE_INTACT};
	char problem[600];
	struct mk_error e = {0};
	int fd = -1;
	enum mk_rc rc = mk_store_blob_open(v->svc->store, it->stored_path, &fd, &e);
	if (rc == MK_ENOTFOUND) {
		c.state = MK_FILE_MISSING;
		snprintf(problem, sizeof(problem), "%s", e.message);
	} else if (rc) {
		*v->err = e;
		return rc;
	} else {
		rc = mk_file_hash_fd(fd, it->stored_path, c.actual, &c.actual_size, v->err);
		close(fd);
		if (rc)
			return rc;
		if (strcmp(c.actual, it->sha256) != 0 || c.actual_size != it->size) {
			c.state = MK_FILE_CHANGED;
			snprintf(problem, sizeof(problem),
				 "the file was changed: SHA-256 %s and %lld bytes, recorded %s and "
				 "%lld bytes",
				 c.actual, (long long)c.actual_size, it->sha256, (long long)it->size);
		}
	}
	c.problem = c.state == MK_FILE_INTACT ? NULL : problem;
	return v->cb(v->ctx, &c);
}

enum mk_rc mk_svc_evidence_verify(struct mk_service *svc, const char *key, mk_file_check_cb cb,
				  void *ctx, struct mk_error *err)
{
	int64_t id = 0;
	struct mk_error scratch;
	struct verify v = {svc, cb, ctx, err ? err : &scratch};
	enum mk_rc rc = key ? incident_id_of(svc, key, &id, err) : MK_OK;
	if (rc)
		return rc;
	/* One read transaction: the list does not move while it is hashed. */
	if ((rc = mk_store_begin(svc->store, false, err)))
		return rc;
	rc = mk_store_item_list(svc->store, id, verify_item, &v, err);
	mk_store_rollback(svc->store);
	return rc;
}

/* --- The key ------------------------------------------------------------------------ */

enum mk_rc mk_svc_key_ensure(struct mk_service *svc, bool *ret_created, struct mk_error *err)
{
	return mk_store_key_create(svc->store, ret_created, err);
}

void mk_key_fingerprint(const unsigned char pk[MK_SIGN_PUBLIC_BYTES],
			char ret[MK_KEY_FINGERPRINT])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[33];
	crypto_hash_sha256(h, pk, MK_SIGN_PUBLIC_BYTES);
	sodium_bin2hex(hex, sizeof(hex), h, 16);
	size_t o = (size_t)snprintf(ret, MK_KEY_FINGERPRINT, "SHA256:");
	for (int i = 0; i < 32; i++) {
		if (i && i % 4 == 0)
			ret[o++] = ':';
		ret[o++] = hex[i];
	}
	ret[o] = '\0';
}
