/* Canonical form and hash chain of the logbook. libsodium provides
 * SHA-256; STYLE.md allows it in the core. */
#include "core/logbook.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/limits.h"
#include "core/text.h"

static void to_hex(const unsigned char *raw, char *hex)
{
	sodium_bin2hex(hex, MK_HASH_HEX, raw, crypto_hash_sha256_BYTES);
}

/* Only the lower-case form: a hash is compared as text by the verifier
 * (mk_chain_next), so an upper-case prev_hash would seal an entry that can
 * never verify. */
static bool from_hex(const char *hex, unsigned char *raw)
{
	size_t n = 0;
	if (!hex || strlen(hex) != 64)
		return false;
	for (size_t i = 0; i < 64; i++)
		if (!((hex[i] >= '0' && hex[i] <= '9') || (hex[i] >= 'a' && hex[i] <= 'f')))
			return false;
	return sodium_hex2bin(raw, crypto_hash_sha256_BYTES, hex, 64, NULL, &n, NULL) == 0 &&
	       n == crypto_hash_sha256_BYTES;
}

void mk_logbook_genesis(const char *uuid, char ret_hex[MK_HASH_HEX])
{
	unsigned char raw[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(raw, (const unsigned char *)uuid, strlen(uuid));
	to_hex(raw, ret_hex);
}

/* A text field: its length in bytes, a colon, the bytes, a newline. The
 * length prefix makes the form unambiguous whatever the text holds. */
static void field(struct mk_buf *out, const char *name, const char *value)
{
	mk_buf_addf(out, "%s:%zu:", name, strlen(value));
	mk_buf_adds(out, value);
	mk_buf_addc(out, '\n');
}

void mk_logbook_canonical(const char *uuid, const struct mk_log_entry *e, struct mk_buf *out)
{
	char at[MK_TIME_TEXT];
	mk_buf_adds(out, "meldkamer-logbook-v1\n");
	mk_buf_addf(out, "incident:%s\n", uuid);
	mk_buf_addf(out, "seq:%lld\n", (long long)e->seq);
	mk_buf_addf(out, "at:%s\n", mk_time_format_utc(e->at, at));
	field(out, "author", e->author ? e->author : "");
	mk_buf_addf(out, "role:%s\n", mk_role_name(e->role));
	mk_buf_addf(out, "kind:%s\n", mk_log_kind_name(e->kind));
	field(out, "text", e->text ? e->text : "");
}

/* hash = SHA-256(prev raw || canonical); false if prev is not hex or the
 * canonical form could not be built. */
static bool chain_hash(const char *uuid, const char *prev_hex, const struct mk_log_entry *e,
		       struct mk_buf *scratch, char ret_hex[MK_HASH_HEX])
{
	unsigned char prev[crypto_hash_sha256_BYTES], out[crypto_hash_sha256_BYTES];
	if (!from_hex(prev_hex, prev))
		return false;
	mk_buf_reset(scratch);
	mk_logbook_canonical(uuid, e, scratch);
	if (mk_buf_rc(scratch) != MK_OK)
		return false;
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, prev, sizeof(prev));
	crypto_hash_sha256_update(&st, (const unsigned char *)scratch->data, scratch->len);
	crypto_hash_sha256_final(&st, out);
	to_hex(out, ret_hex);
	return true;
}

/* Room for the largest entry: text and author at their limits plus the
 * fixed lines. */
#define CANONICAL_MAX (MK_TEXT_MAX + MK_NAME_MAX + 512)

enum mk_rc mk_logbook_seal(const char *uuid, const char *prev_hex, struct mk_log_entry *e,
			   struct mk_error *err)
{
	enum mk_rc rc;
	if ((rc = mk_text_check("author", e->author, MK_NAME_MAX, MK_TEXT_LINE, true, err)) ||
	    (rc = mk_text_check("text", e->text, MK_TEXT_MAX, MK_TEXT_MULTILINE, true, err)))
		return rc;
	if ((unsigned)e->kind >= MK_LOG_KIND_COUNT || (unsigned)e->role >= MK_ROLE_COUNT)
		return mk_error_set(err, MK_EINVAL, "kind", "log entry kind or role is out of range");
	if (e->seq < 1)
		return mk_error_set(err, MK_EINVAL, "seq", "log entry sequence must start at 1");
	struct mk_buf scratch;
	mk_buf_init(&scratch, CANONICAL_MAX);
	char hash[MK_HASH_HEX];
	bool ok = chain_hash(uuid, prev_hex, e, &scratch, hash);
	rc = mk_buf_rc(&scratch);
	mk_buf_release(&scratch);
	if (!ok)
		return mk_error_set(err, rc == MK_ENOMEM ? MK_ENOMEM : MK_EINVAL, "prev_hash",
				    "cannot seal log entry %lld: bad previous hash or out of memory",
				    (long long)e->seq);
	snprintf(e->prev_hash, sizeof(e->prev_hash), "%s", prev_hex);
	memcpy(e->hash, hash, sizeof(hash));
	return MK_OK;
}

void mk_chain_begin(struct mk_chain_check *c, const char *uuid)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->uuid, sizeof(c->uuid), "%s", uuid);
	mk_logbook_genesis(c->uuid, c->prev);
	mk_buf_init(&c->scratch, CANONICAL_MAX);
	c->problem = MK_CHAIN_OK;
}

static bool fail(struct mk_chain_check *c, enum mk_chain_problem p, int64_t seq)
{
	c->problem = p;
	c->bad_seq = seq;
	return false;
}

bool mk_chain_next(struct mk_chain_check *c, const struct mk_log_entry *e)
{
	if (c->problem != MK_CHAIN_OK)
		return false;
	int64_t expected = c->count + 1;
	c->count++;
	if (e->seq < expected)
		return fail(c, MK_CHAIN_DUPLICATE, e->seq);
	if (e->seq > expected)
		return fail(c, MK_CHAIN_MISSING, expected);
	if (strcmp(e->prev_hash, c->prev) != 0)
		return fail(c, MK_CHAIN_BAD_LINK, e->seq);
	char hash[MK_HASH_HEX];
	if (!chain_hash(c->uuid, c->prev, e, &c->scratch, hash) || strcmp(hash, e->hash) != 0)
		return fail(c, MK_CHAIN_CHANGED, e->seq);
	/* A log is written forwards in time; an entry sealed with an earlier
	 * time than its predecessor was written with a clock set back. */
	if (c->count > 1 && e->at < c->prev_at)
		return fail(c, MK_CHAIN_BACKDATED, e->seq);
	memcpy(c->prev, hash, sizeof(hash));
	c->prev_at = e->at;
	return true;
}

enum mk_rc mk_chain_end(struct mk_chain_check *c, int64_t head_count, const char *head_hash,
			char ret_head[MK_HASH_HEX], struct mk_error *err)
{
	/* chain_hash fails both for a changed entry and when the scratch
	 * buffer cannot grow; the buffer's sticky error tells them apart (no
	 * entry is hashed after the first problem). Out of memory is not
	 * evidence of tampering. */
	enum mk_rc scratch_rc = mk_buf_rc(&c->scratch);
	mk_buf_release(&c->scratch);
	if (c->problem == MK_CHAIN_OK) {
		if (c->count < head_count)
			fail(c, MK_CHAIN_TRUNCATED, c->count + 1);
		else if (c->count > head_count || strcmp(c->prev, head_hash ? head_hash : "") != 0)
			fail(c, MK_CHAIN_EXTRA, c->count);
	}
	if (ret_head)
		memcpy(ret_head, c->prev, MK_HASH_HEX);
	long long seq = (long long)c->bad_seq;
	if (c->problem == MK_CHAIN_CHANGED && scratch_rc == MK_ENOMEM)
		return mk_error_set(err, MK_ENOMEM, "logbook",
				    "out of memory verifying logbook entry %lld", seq);
	switch (c->problem) {
	case MK_CHAIN_OK:
		return MK_OK;
	case MK_CHAIN_CHANGED:
		return mk_error_set(err, MK_ECHAIN, "logbook",
				    "logbook entry %lld was changed after it was written", seq);
	case MK_CHAIN_MISSING:
		return mk_error_set(err, MK_ECHAIN, "logbook",
				    "logbook entry %lld is missing: it was removed", seq);
	case MK_CHAIN_BAD_LINK:
		return mk_error_set(err, MK_ECHAIN, "logbook",
				    "logbook entry %lld does not follow entry %lld: an entry was "
				    "inserted, replaced or reordered",
				    seq, seq - 1);
	case MK_CHAIN_DUPLICATE:
		return mk_error_set(err, MK_ECHAIN, "logbook",
				    "logbook entry %lld appears again after entry %lld: an entry "
				    "was inserted or reordered",
				    seq, (long long)c->count - 1);
	case MK_CHAIN_TRUNCATED:
		return mk_error_set(err, MK_ECHAIN, "logbook",
				    "logbook entry %lld is missing: the incident records %lld "
				    "entries, the logbook holds %lld",
				    seq, (long long)head_count, (long long)c->count);
	case MK_CHAIN_BACKDATED:
		return mk_error_set(err, MK_ECHAIN, "logbook",
				    "logbook entry %lld is dated before entry %lld: it was written "
				    "with the clock set back",
				    seq, seq - 1);
	case MK_CHAIN_EXTRA:
		return mk_error_set(err, MK_ECHAIN, "logbook",
				    "logbook entry %lld does not match the head recorded on the "
				    "incident (%lld entries): entries were added or replaced "
				    "outside meldkamer",
				    seq, (long long)head_count);
	}
	return MK_ECHAIN;
}
