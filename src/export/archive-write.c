/* Writing the signed evidence archive (archive.h, doc/custody.md). */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "export/evidence-archive.h"
#include "export/json-custody.h"
#include "export/json.h"

/* --- The manifest --------------------------------------------------------------- */

struct collect {
	json_t *rows;
	bool oom;
};

static enum mk_rc add_item(void *ctx, const struct mk_item_view *it)
{
	struct collect *c = ctx;
	return json_array_append_new(c->rows, mk_json_item(it)) ? MK_ENOMEM : MK_OK;
}

static enum mk_rc add_event(void *ctx, const struct mk_custody_view *v)
{
	struct collect *c = ctx;
	return json_array_append_new(c->rows, mk_json_custody_event(v)) ? MK_ENOMEM : MK_OK;
}

static enum mk_rc add_log(void *ctx, const struct mk_log_entry *e)
{
	struct collect *c = ctx;
	return json_array_append_new(c->rows, mk_json_log_entry(e)) ? MK_ENOMEM : MK_OK;
}

static enum mk_rc build_manifest(struct mk_service *svc, const struct mk_actor *actor,
				 mk_time now, const char *key,
				 const unsigned char pk[MK_SIGN_PUBLIC_BYTES], json_t **ret,
				 struct mk_error *err)
{
	struct mk_incident inc;
	struct collect items = {json_array(), false}, custody = {json_array(), false},
		       log = {json_array(), false};
	char pk_hex[2 * MK_SIGN_PUBLIC_BYTES + 1], fp[MK_KEY_FINGERPRINT];
	enum mk_rc rc;
	mk_incident_init(&inc);
	*ret = NULL;
	if (!items.rows || !custody.rows || !log.rows) {
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory");
		goto out;
	}
	/* Inside the export's transaction: the incident, its items, custody
	 * log and logbook as of one moment, so the chain head matches the
	 * entries. */
	if ((rc = mk_svc_incident_get(svc, key, &inc, err)) ||
	    (rc = mk_svc_item_list(svc, key, add_item, &items, err)) ||
	    (rc = mk_svc_custody_log(svc, key, add_event, &custody, err)) ||
	    (rc = mk_svc_log_list(svc, key, add_log, &log, err))) {
		if (rc == MK_ENOMEM)
			mk_error_set(err, MK_ENOMEM, "", "out of memory");
		goto out;
	}
	sodium_bin2hex(pk_hex, sizeof(pk_hex), pk, MK_SIGN_PUBLIC_BYTES);
	mk_key_fingerprint(pk, fp);
	*ret = json_pack("{s:s, s:o, s:s, s:{s:s, s:s, s:s}, s:{s:s, s:s, s:s, s:s, s:I, s:s}, "
			 "s:O, s:O, s:O}",
			 "format", MK_MANIFEST_FORMAT, "created_at", mk_json_time(now),
			 "created_by", actor->name, "signing_key", "algorithm", "ed25519",
			 "public_key", pk_hex, "fingerprint", fp, "incident", "key", inc.key,
			 "uuid", inc.uuid, "title", inc.title ? inc.title : "", "phase",
			 mk_phase_name(inc.phase), "log_count", (json_int_t)inc.log_count,
			 "log_head", inc.log_head, "items", items.rows, "custody", custody.rows,
			 "logbook", log.rows);
	if (!*ret)
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory");
out:
	json_decref(items.rows);
	json_decref(custody.rows);
	json_decref(log.rows);
	mk_incident_release(&inc);
	return rc;
}

/* --- The tar ------------------------------------------------------------------------ */

static enum mk_rc ar_fail(struct archive *a, const char *path, struct mk_error *err)
{
	return mk_error_set(err, MK_ESTORE, "output", "cannot write '%s': %s", path,
			    archive_error_string(a) ? archive_error_string(a) : "failed");
}

static struct archive_entry *entry_for(const char *name, int64_t size, mk_time now)
{
	struct archive_entry *e = archive_entry_new();
	if (!e)
		return NULL;
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0444);
	archive_entry_set_size(e, size);
	archive_entry_set_mtime(e, (time_t)now, 0);
	return e;
}

static enum mk_rc write_member(struct archive *a, const char *out, const char *name,
			       const void *data, size_t size, mk_time now, struct mk_error *err)
{
	struct archive_entry *e = entry_for(name, (int64_t)size, now);
	if (!e)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	enum mk_rc rc = MK_OK;
	if (archive_write_header(a, e) != ARCHIVE_OK ||
	    archive_write_data(a, data, size) != (la_ssize_t)size)
		rc = ar_fail(a, out, err);
	archive_entry_free(e);
	return rc;
}

struct files {
	struct mk_service *svc;
	struct archive *a;
	const char *out;
	mk_time now;
	unsigned char *chunk;
	json_t *seen;     /* sha256 -> true: each file goes in once */
	struct mk_export_summary *sum;
	struct mk_error *err;
};

/* Streams one stored file into the archive, re-hashing it: the export
 * refuses a file that no longer matches its record rather than sign a
 * manifest that would then not hold. */
static enum mk_rc write_file(struct files *f, const struct mk_item_view *it)
{
	char name[128], actual[MK_SHA256_HEX];
	struct stat sb;
	struct mk_sha256 h;
	int fd = -1;
	enum mk_rc rc = mk_store_blob_open(f->svc->store, it->stored_path, &fd, f->err);
	if (rc == MK_ENOTFOUND)
		return mk_error_set(f->err, MK_ECHAIN, "evidence",
				    "item %lld ('%s'): its file is missing from the evidence store: "
				    "export refused",
				    (long long)it->seq, it->what);
	if (rc)
		return rc;
	if (fstat(fd, &sb) != 0 || sb.st_size != it->size) {
		close(fd);
		return mk_error_set(f->err, MK_ECHAIN, "evidence",
				    "item %lld ('%s'): the stored file is %lld bytes, recorded %lld: "
				    "export refused",
				    (long long)it->seq, it->what, (long long)sb.st_size,
				    (long long)it->size);
	}
	snprintf(name, sizeof(name), MK_ARCHIVE_FILE_PREFIX "%s", it->sha256);
	struct archive_entry *e = entry_for(name, it->size, f->now);
	if (!e || !mk_sha256_init(&h)) {
		archive_entry_free(e);
		close(fd);
		return mk_error_set(f->err, MK_ENOMEM, "", "out of memory");
	}
	if (archive_write_header(f->a, e) != ARCHIVE_OK)
		rc = ar_fail(f->a, f->out, f->err);
	int64_t left = it->size;
	while (rc == MK_OK && left > 0) {
		size_t want = left < MK_FILE_CHUNK ? (size_t)left : MK_FILE_CHUNK;
		ssize_t n = read(fd, f->chunk, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = mk_error_set(f->err, MK_ESTORE, "evidence", "cannot read item %lld: %s",
					  (long long)it->seq, n ? strerror(errno) : "file shrank");
			break;
		}
		mk_sha256_update(&h, f->chunk, (size_t)n);
		if (archive_write_data(f->a, f->chunk, (size_t)n) != n)
			rc = ar_fail(f->a, f->out, f->err);
		left -= n;
	}
	archive_entry_free(e);
	close(fd);
	if (rc) {
		mk_sha256_release(&h);
		return rc;
	}
	mk_sha256_final_hex(&h, actual);
	if (strcmp(actual, it->sha256) != 0)
		return mk_error_set(f->err, MK_ECHAIN, "evidence",
				    "item %lld ('%s'): the stored file no longer matches its SHA-256 "
				    "(it is %s, recorded %s): export refused",
				    (long long)it->seq, it->what, actual, it->sha256);
	f->sum->files++;
	f->sum->bytes += it->size;
	return MK_OK;
}

static enum mk_rc file_item(void *ctx, const struct mk_item_view *it)
{
	struct files *f = ctx;
	f->sum->items++;
	if (!it->is_file || json_object_get(f->seen, it->sha256))
		return MK_OK;
	if (json_object_set_new(f->seen, it->sha256, json_true()))
		return mk_error_set(f->err, MK_ENOMEM, "", "out of memory");
	return write_file(f, it);
}

static int dump_to_buf(const char *p, size_t n, void *ctx)
{
	struct mk_buf *b = ctx;
	mk_buf_add(b, p, n);
	return mk_buf_rc(b) ? -1 : 0;
}

enum mk_rc mk_export_evidence(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			      const char *key, const char *why, const char *out_path,
			      struct mk_export_summary *ret, struct mk_error *err)
{
	unsigned char sk[MK_SIGN_SECRET_BYTES], pk[MK_SIGN_PUBLIC_BYTES], sig[MK_SIGN_BYTES];
	char sig_hex[2 * MK_SIGN_BYTES + 2];
	struct mk_export_summary sum = {0};
	struct mk_buf tmp;
	json_t *manifest = NULL;
	struct mk_buf text = {0};
	struct archive *a = NULL;
	struct files f = {0};
	int fd = -1;
	bool made_tmp = false, in_batch = false;
	enum mk_rc rc;
	mk_buf_init(&tmp, 4200);
	/* The key first: without one nothing is recorded or written. */
	if ((rc = mk_store_key_load(svc->store, sk, pk, err)))
		goto out;
	/* One write transaction from the access rows to the last byte of the
	 * archive: an export refused halfway (a file that no longer matches,
	 * a full disk) records nothing, and the manifest holds its own
	 * export. Other writers wait meanwhile (about a second per GB). */
	if ((rc = mk_svc_batch_begin(svc, err)))
		goto out;
	in_batch = true;
	if ((rc = mk_svc_custody_export_access(svc, actor, now, key, why, NULL, err)) ||
	    (rc = build_manifest(svc, actor, now, key, pk, &manifest, err)))
		goto out;
	sum.log_entries = (int64_t)json_array_size(json_object_get(manifest, "logbook"));
	/* Into a bounded buffer: a manifest past the limit that verify
	 * accepts is refused here rather than written. */
	mk_buf_init(&text, MK_MANIFEST_MAX);
	if (json_dump_callback(manifest, dump_to_buf, &text, JSON_INDENT(1) | JSON_ENSURE_ASCII) ||
	    mk_buf_rc(&text)) {
		rc = mk_buf_rc(&text) == MK_ETOOBIG
			     ? mk_error_set(err, MK_ETOOBIG, "manifest",
					    "the manifest is more than the limit of %d bytes",
					    MK_MANIFEST_MAX)
			     : mk_error_set(err, MK_ENOMEM, "", "out of memory");
		goto out;
	}
	size_t text_len = text.len;
	crypto_sign_detached(sig, NULL, (const unsigned char *)text.data, text_len, sk);
	sodium_bin2hex(sig_hex, sizeof(sig_hex) - 1, sig, sizeof(sig));
	sig_hex[2 * MK_SIGN_BYTES] = '\n';
	sig_hex[2 * MK_SIGN_BYTES + 1] = '\0';
	mk_key_fingerprint(pk, sum.fingerprint);

	mk_buf_addf(&tmp, "%s.tmp.%ld", out_path, (long)getpid());
	if ((rc = mk_buf_rc(&tmp))) {
		rc = mk_error_set(err, rc, "output", "output path too long");
		goto out;
	}
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		rc = mk_error_set(err, MK_ESTORE, "output", "cannot write '%s': %s", tmp.data,
				  strerror(errno));
		goto out;
	}
	made_tmp = true;
	if (!(a = archive_write_new()) || !(f.chunk = mk_malloc(MK_FILE_CHUNK)) ||
	    !(f.seen = json_object())) {
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory");
		goto out;
	}
	/* pax: sizes beyond 8 GiB and any file name; blocks of 64 KiB, the
	 * last one not padded out. */
	if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
	    archive_write_set_bytes_per_block(a, 64 * 1024) != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK ||
	    archive_write_open_fd(a, fd) != ARCHIVE_OK) {
		rc = ar_fail(a, out_path, err);
		goto out;
	}
	if ((rc = write_member(a, out_path, MK_MANIFEST_NAME, text.data, text_len, now, err)) ||
	    (rc = write_member(a, out_path, MK_SIGNATURE_NAME, sig_hex, strlen(sig_hex), now, err)))
		goto out;
	f = (struct files){svc, a, out_path, now, f.chunk, f.seen, &sum, err};
	if ((rc = mk_svc_item_list(svc, key, file_item, &f, err)))
		goto out;
	if (archive_write_close(a) != ARCHIVE_OK) {
		rc = ar_fail(a, out_path, err);
		goto out;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		rc = mk_error_set(err, MK_ESTORE, "output", "cannot write '%s': %s", tmp.data,
				  strerror(errno));
		goto out;
	}
	fd = -1;
	in_batch = false;
	if ((rc = mk_svc_batch_commit(svc, err)))
		goto out;
	if (rename(tmp.data, out_path) != 0) {
		rc = mk_error_set(err, MK_ESTORE, "output", "cannot rename '%s' to '%s': %s",
				  tmp.data, out_path, strerror(errno));
		goto out;
	}
	if (ret)
		*ret = sum;
out:
	if (in_batch)
		mk_svc_batch_abort(svc);
	sodium_memzero(sk, sizeof(sk));
	if (a)
		archive_write_free(a);
	if (fd >= 0)
		close(fd);
	if (rc && made_tmp)
		unlink(tmp.data); /* a refused export leaves nothing */
	mk_buf_release(&tmp);
	mk_free(f.chunk);
	json_decref(f.seen);
	mk_buf_release(&text);
	json_decref(manifest);
	return rc;
}
