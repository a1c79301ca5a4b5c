/* Checking a signed evidence archive without a database (archive.h).
 * Everything in the archive is hostile input: names are checked before
 * they are used, sizes before anything is read, and nothing is written:
 * files are hashed as they stream past, never extracted. */
#include <archive.h>
#include <archive_entry.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/utf8.h"
#include "core/logbook.h"
#include "export/evidence-archive.h"
#include "export/json-custody.h"

/* A signature member is 128 hex digits and a newline. */
#define SIG_MEMBER_MAX 256
/* More members than this is no archive of ours (a zip bomb of empty
 * entries). */
#define MEMBERS_MAX 1000000

enum mk_rc mk_public_key_parse(const char *text, unsigned char pk[MK_SIGN_PUBLIC_BYTES],
			       struct mk_error *err)
{
	size_t len = strlen(text), bin_len = 0;
	while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
		len--;
	if (len != 2 * MK_SIGN_PUBLIC_BYTES ||
	    sodium_hex2bin(pk, MK_SIGN_PUBLIC_BYTES, text, len, NULL, &bin_len, NULL) != 0 ||
	    bin_len != MK_SIGN_PUBLIC_BYTES)
		return mk_error_set(err, MK_EINVAL, "public-key",
				    "a public key is 64 hex digits (as 'meldkamer key show' prints "
				    "it)");
	return MK_OK;
}

static enum mk_rc bad(struct mk_error *err, const char *fmt, const char *a, const char *b)
{
	return mk_error_set(err, MK_EINVAL, "archive", fmt, a, b);
}

static enum mk_rc damaged(struct archive *a, struct mk_error *err)
{
	const char *m = archive_error_string(a);
	return mk_error_set(err, MK_EINVAL, "archive", "the archive is damaged or truncated: %s",
			    m ? m : "unreadable");
}

/* Reads the member's data, at most max bytes, into b. */
static enum mk_rc read_member(struct archive *a, struct archive_entry *e, const char *name,
			      size_t max, struct mk_buf *b, struct mk_error *err)
{
	if (!archive_entry_size_is_set(e) || archive_entry_size(e) < 0 ||
	    archive_entry_size(e) > (la_int64_t)max)
		return bad(err, "%s: larger than the limit of %s bytes", name,
			   max == MK_MANIFEST_MAX ? "67108864" : "256");
	mk_buf_init(b, max);
	char chunk[65536];
	for (;;) {
		la_ssize_t n = archive_read_data(a, chunk, sizeof(chunk));
		if (n < 0)
			return damaged(a, err);
		if (n == 0)
			break;
		mk_buf_add(b, chunk, (size_t)n);
		if (mk_buf_rc(b))
			return mk_buf_rc(b) == MK_ENOMEM ? mk_error_set(err, MK_ENOMEM, "", "out of memory")
							 : bad(err, "%s: larger than its header says%s",
							       name, "");
	}
	if ((la_int64_t)b->len != archive_entry_size(e))
		return bad(err, "%s: shorter than its header says%s", name, "");
	return MK_OK;
}

/* The next member, which must be a regular file of this name. */
static enum mk_rc expect_member(struct archive *a, const char *want, struct archive_entry **ret,
				struct mk_error *err)
{
	int r = archive_read_next_header(a, ret);
	if (r == ARCHIVE_EOF)
		return bad(err, "not an evidence archive: '%s' is missing%s", want, "");
	if (r != ARCHIVE_OK)
		return damaged(a, err);
	const char *name = archive_entry_pathname(*ret);
	if (!name || strcmp(name, want) != 0)
		return bad(err, "not an evidence archive: '%s' must come first, found '%s'", want,
			   name && mk_utf8_valid(name, strlen(name)) ? name : "(a name that is not UTF-8)");
	if (archive_entry_filetype(*ret) != AE_IFREG || archive_entry_hardlink(*ret) ||
	    archive_entry_symlink(*ret))
		return bad(err, "%s: not a regular file%s", want, "");
	return MK_OK;
}

/* --- The manifest ------------------------------------------------------------------ */

struct expected_file {
	char sha256[MK_SHA256_HEX];
	int64_t size;
	int64_t item;
	bool seen;
};

struct manifest {
	json_t *root;
	unsigned char pk[MK_SIGN_PUBLIC_BYTES];
	const char *key, *uuid;
	int64_t log_count;
	const char *log_head;
	struct expected_file *files;
	size_t nfiles;
};

static const char *str_at(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static enum mk_rc manifest_fail(struct mk_error *err, const char *what)
{
	return mk_error_set(err, MK_EINVAL, "manifest", "manifest.json: %s", what);
}

static enum mk_rc parse_manifest(const struct mk_buf *text, struct manifest *m,
				 struct mk_error *err)
{
	json_error_t je;
	m->root = json_loadb(text->data, text->len, JSON_REJECT_DUPLICATES, &je);
	if (!m->root || !json_is_object(m->root))
		return mk_error_set(err, MK_EINVAL, "manifest", "manifest.json: not JSON: %s",
				    m->root ? "not an object" : je.text);
	const char *format = str_at(m->root, "format");
	if (!format || strcmp(format, MK_MANIFEST_FORMAT) != 0)
		return manifest_fail(err, "not of the format " MK_MANIFEST_FORMAT);
	json_t *key = json_object_get(m->root, "signing_key");
	const char *pk_hex = str_at(key, "public_key");
	const char *alg = str_at(key, "algorithm");
	if (!alg || strcmp(alg, "ed25519") != 0 || !pk_hex ||
	    mk_public_key_parse(pk_hex, m->pk, NULL))
		return manifest_fail(err, "signing_key is not an Ed25519 public key");
	json_t *inc = json_object_get(m->root, "incident");
	m->key = str_at(inc, "key");
	m->uuid = str_at(inc, "uuid");
	m->log_head = str_at(inc, "log_head");
	json_t *count = json_object_get(inc, "log_count");
	if (!m->key || !m->uuid || strlen(m->uuid) != 36 || !m->log_head ||
	    !json_is_integer(count) || json_integer_value(count) < 0)
		return manifest_fail(err, "the incident lacks its key, uuid or chain head");
	m->log_count = json_integer_value(count);
	json_t *items = json_object_get(m->root, "items");
	if (!json_is_array(items) || !json_is_array(json_object_get(m->root, "logbook")) ||
	    !json_is_array(json_object_get(m->root, "custody")))
		return manifest_fail(err, "items, custody or logbook is missing");
	m->files = mk_calloc(json_array_size(items) + 1, sizeof(*m->files));
	if (!m->files)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) {
		json_t *file = json_object_get(it, "file");
		json_t *seq = json_object_get(it, "item");
		if (!json_is_integer(seq))
			return manifest_fail(err, "an item has no number");
		if (json_is_null(file))
			continue;
		const char *sha = str_at(file, "sha256");
		json_t *size = json_object_get(file, "size");
		if (!sha || !mk_sha256_hex_ok(sha) || !json_is_integer(size) ||
		    json_integer_value(size) < 0)
			return mk_error_set(err, MK_EINVAL, "manifest",
					    "manifest.json: item %lld has no valid sha256 and size",
					    (long long)json_integer_value(seq));
		bool dup = false;
		for (size_t j = 0; j < m->nfiles; j++)
			if (strcmp(m->files[j].sha256, sha) == 0) {
				dup = true;
				if (m->files[j].size != json_integer_value(size))
					return manifest_fail(err, "one hash with two sizes");
			}
		if (dup)
			continue;
		struct expected_file *f = &m->files[m->nfiles++];
		memcpy(f->sha256, sha, MK_SHA256_HEX);
		f->size = json_integer_value(size);
		f->item = json_integer_value(seq);
	}
	return MK_OK;
}

/* The logbook chain as doc/logbook.md defines it, with the head the
 * manifest records: an outside tool does the same. */
static enum mk_rc check_chain(const struct manifest *m, struct mk_error *err)
{
	struct mk_chain_check c;
	json_t *log = json_object_get(m->root, "logbook");
	size_t i;
	json_t *e;
	mk_chain_begin(&c, m->uuid);
	json_array_foreach(log, i, e) {
		struct mk_log_entry le = {0};
		json_t *seq = json_object_get(e, "seq");
		const char *at = str_at(e, "at"), *role = str_at(e, "role"), *kind = str_at(e, "kind");
		const char *prev = str_at(e, "prev_hash"), *hash = str_at(e, "hash");
		le.author = str_at(e, "author");
		le.text = str_at(e, "text");
		if (!json_is_integer(seq) || !at || !le.author || !le.text || !prev || !hash ||
		    strlen(prev) != 64 || strlen(hash) != 64 ||
		    mk_time_parse(at, "at", &le.at, NULL) || !role ||
		    mk_role_parse(role, "role", &le.role, NULL) || !kind ||
		    mk_log_kind_parse(kind, "kind", &le.kind, NULL)) {
			mk_chain_end(&c, 0, "", NULL, NULL);
			return mk_error_set(err, MK_EINVAL, "manifest",
					    "manifest.json: logbook entry %zu is malformed", i + 1);
		}
		le.seq = json_integer_value(seq);
		memcpy(le.prev_hash, prev, MK_HASH_HEX);
		memcpy(le.hash, hash, MK_HASH_HEX);
		if (!mk_chain_next(&c, &le))
			break;
	}
	struct mk_error e2 = {0};
	enum mk_rc rc = mk_chain_end(&c, m->log_count, m->log_head, NULL, &e2);
	if (rc)
		return mk_error_set(err, rc, "logbook", "manifest.json: the logbook chain is broken: %s",
				    e2.message);
	return MK_OK;
}

enum mk_rc mk_manifest_check(const char *text, size_t len, struct mk_error *err)
{
	struct mk_buf b = {.data = (char *)text, .len = len, .max = len};
	struct manifest m = {0};
	enum mk_rc rc = parse_manifest(&b, &m, err);
	if (rc == MK_OK)
		rc = check_chain(&m, err);
	mk_free(m.files);
	json_decref(m.root);
	return rc;
}

/* --- The evidence files -------------------------------------------------------------- */

static enum mk_rc check_files(struct archive *a, struct manifest *m,
			      struct mk_archive_report *rep, struct mk_error *err)
{
	struct archive_entry *e;
	unsigned char *chunk = mk_malloc(MK_FILE_CHUNK);
	enum mk_rc rc = MK_OK;
	size_t members = 2;
	if (!chunk)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	for (;;) {
		int r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK) {
			rc = damaged(a, err);
			break;
		}
		if (++members > MEMBERS_MAX) {
			rc = bad(err, "more than %s members%s", "1000000", "");
			break;
		}
		const char *name = archive_entry_pathname(e);
		if (!name || !mk_utf8_valid(name, strlen(name))) {
			rc = bad(err, "a member's name is not UTF-8: refused%s%s", "", "");
			break;
		}
		/* Only evidence/<64 hex> is ours: anything else (../x, /etc/x,
		 * a link, a folder) is an extra member, named and refused. */
		const char *sha = strncmp(name, MK_ARCHIVE_FILE_PREFIX, 9) == 0 ? name + 9 : NULL;
		struct expected_file *f = NULL;
		for (size_t i = 0; sha && i < m->nfiles; i++)
			if (strcmp(m->files[i].sha256, sha) == 0)
				f = &m->files[i];
		if (!f) {
			rc = mk_error_set(err, MK_ECHAIN, "archive",
					  "extra file '%.200s': not in the manifest", name);
			break;
		}
		if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e) ||
		    archive_entry_symlink(e)) {
			rc = mk_error_set(err, MK_ECHAIN, "archive", "%s: not a regular file", name);
			break;
		}
		if (f->seen) {
			rc = mk_error_set(err, MK_ECHAIN, "archive", "%s: appears twice", name);
			break;
		}
		f->seen = true;
		if (!archive_entry_size_is_set(e) || archive_entry_size(e) != f->size) {
			rc = mk_error_set(err, MK_ECHAIN, "archive",
					  "changed file %s (item %lld): %lld bytes, the manifest says "
					  "%lld",
					  name, (long long)f->item, (long long)archive_entry_size(e),
					  (long long)f->size);
			break;
		}
		struct mk_sha256 h;
		char actual[MK_SHA256_HEX];
		if (!mk_sha256_init(&h)) {
			rc = mk_error_set(err, MK_ENOMEM, "", "out of memory");
			break;
		}
		int64_t got = 0;
		for (;;) {
			la_ssize_t n = archive_read_data(a, chunk, MK_FILE_CHUNK);
			if (n < 0) {
				rc = damaged(a, err);
				break;
			}
			if (n == 0)
				break;
			mk_sha256_update(&h, chunk, (size_t)n);
			got += n;
		}
		if (rc) {
			mk_sha256_release(&h);
			break;
		}
		mk_sha256_final_hex(&h, actual);
		if (got != f->size || strcmp(actual, f->sha256) != 0) {
			rc = mk_error_set(err, MK_ECHAIN, "archive",
					  "changed file %s (item %lld): its SHA-256 is %s", name,
					  (long long)f->item, actual);
			break;
		}
		rep->files++;
		rep->bytes += got;
	}
	mk_free(chunk);
	for (size_t i = 0; rc == MK_OK && i < m->nfiles; i++)
		if (!m->files[i].seen)
			rc = mk_error_set(err, MK_ECHAIN, "archive",
					  "missing file " MK_ARCHIVE_FILE_PREFIX "%s (item %lld): in the "
					  "manifest, not in the archive",
					  m->files[i].sha256, (long long)m->files[i].item);
	return rc;
}

/* --- The whole check ------------------------------------------------------------------ */

static enum mk_rc verify(struct archive *a, const unsigned char *expected_pk,
			 struct mk_archive_report *rep, struct mk_error *err)
{
	struct archive_entry *e;
	struct mk_buf text, sig_text;
	struct manifest m = {0};
	unsigned char sig[MK_SIGN_BYTES];
	enum mk_rc rc;
	mk_buf_init(&text, MK_MANIFEST_MAX);
	mk_buf_init(&sig_text, SIG_MEMBER_MAX);
	memset(rep, 0, sizeof(*rep));
	if ((rc = expect_member(a, MK_MANIFEST_NAME, &e, err)) ||
	    (rc = read_member(a, e, MK_MANIFEST_NAME, MK_MANIFEST_MAX, &text, err)) ||
	    (rc = expect_member(a, MK_SIGNATURE_NAME, &e, err)) ||
	    (rc = read_member(a, e, MK_SIGNATURE_NAME, SIG_MEMBER_MAX, &sig_text, err)))
		goto out;
	size_t sig_len = sig_text.len, bin_len = 0;
	while (sig_len && sig_text.data[sig_len - 1] == '\n')
		sig_len--;
	if (sig_len != 2 * MK_SIGN_BYTES ||
	    sodium_hex2bin(sig, sizeof(sig), sig_text.data, sig_len, NULL, &bin_len, NULL) != 0 ||
	    bin_len != sizeof(sig)) {
		rc = mk_error_set(err, MK_ECHAIN, "signature",
				  "manifest.json.sig: not an Ed25519 signature (128 hex digits)");
		goto out;
	}
	/* The key is read from the manifest only to check the signature; a
	 * manifest that does not parse cannot be signed by anyone. */
	if ((rc = parse_manifest(&text, &m, err))) {
		/* Whatever is wrong with it, it is not the manifest that was
		 * signed: refused as tampered. */
		if (rc == MK_EINVAL) {
			rc = MK_ECHAIN;
			if (err)
				err->rc = rc;
		}
		goto out;
	}
	mk_key_fingerprint(m.pk, rep->fingerprint);
	/* The fingerprint is there for people to compare: it must be the
	 * key's, or a reader could be shown one key and checked by another. */
	const char *fp = str_at(json_object_get(m.root, "signing_key"), "fingerprint");
	if (fp && strcmp(fp, rep->fingerprint) != 0) {
		rc = mk_error_set(err, MK_ECHAIN, "signature",
				  "manifest.json: signing_key.fingerprint is not the fingerprint of its "
				  "public key (%s)",
				  rep->fingerprint);
		goto out;
	}
	if (crypto_sign_verify_detached(sig, (const unsigned char *)text.data, text.len, m.pk) !=
	    0) {
		rc = mk_error_set(err, MK_ECHAIN, "signature",
				  "bad signature: manifest.json does not match manifest.json.sig "
				  "under the key %s (the manifest or its signature was changed)",
				  rep->fingerprint);
		goto out;
	}
	if (expected_pk && sodium_memcmp(expected_pk, m.pk, MK_SIGN_PUBLIC_BYTES) != 0) {
		char want[MK_KEY_FINGERPRINT];
		mk_key_fingerprint(expected_pk, want);
		rc = mk_error_set(err, MK_ECHAIN, "public-key",
				  "wrong key: the archive is signed by %s, not by the expected key %s",
				  rep->fingerprint, want);
		goto out;
	}
	rep->expected_key = expected_pk != NULL;
	if ((rc = check_chain(&m, err)) || (rc = check_files(a, &m, rep, err)))
		goto out;
	snprintf(rep->incident, sizeof(rep->incident), "%s", m.key);
	rep->items = (int64_t)json_array_size(json_object_get(m.root, "items"));
	rep->log_entries = (int64_t)json_array_size(json_object_get(m.root, "logbook"));
	rep->custody_events = (int64_t)json_array_size(json_object_get(m.root, "custody"));
out:
	mk_buf_release(&text);
	mk_buf_release(&sig_text);
	mk_free(m.files);
	json_decref(m.root);
	return rc;
}

static struct archive *reader(void)
{
	struct archive *a = archive_read_new();
	/* tar only (ustar and pax), no compression, no other format: the
	 * less libarchive is asked to understand, the less it can be fooled
	 * into. */
	if (a && archive_read_support_format_tar(a) != ARCHIVE_OK) {
		archive_read_free(a);
		a = NULL;
	}
	return a;
}

enum mk_rc mk_archive_verify_file(const char *path, const unsigned char *expected_pk,
				  struct mk_archive_report *ret, struct mk_error *err)
{
	struct archive *a = reader();
	if (!a)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	enum mk_rc rc;
	if (archive_read_open_filename(a, path, 64 * 1024) != ARCHIVE_OK)
		rc = mk_error_set(err, MK_EINVAL, "archive", "cannot read '%s': %s", path,
				  archive_error_string(a) ? archive_error_string(a) : "failed");
	else
		rc = verify(a, expected_pk, ret, err);
	archive_read_free(a);
	return rc;
}

enum mk_rc mk_archive_verify_memory(const void *data, size_t size,
				    const unsigned char *expected_pk,
				    struct mk_archive_report *ret, struct mk_error *err)
{
	struct archive *a = reader();
	if (!a)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	enum mk_rc rc;
	if (archive_read_open_memory(a, data, size) != ARCHIVE_OK)
		rc = damaged(a, err);
	else
		rc = verify(a, expected_pk, ret, err);
	archive_read_free(a);
	return rc;
}
