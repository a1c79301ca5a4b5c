/* The logbook's hash chain (DESIGN.md "Logbook"). Every incident has an
 * append-only logbook; each entry is bound to the one before it:
 *
 *   hash(1) = SHA-256(SHA-256(uuid) || canonical(entry 1))
 *   hash(n) = SHA-256(hash(n-1)     || canonical(entry n))
 *
 * with hashes as raw 32 bytes inside the computation and lower-case hex
 * outside. The canonical form is written down in doc/logbook.md so that an
 * outside tool can verify an export. The incident row keeps the chain's
 * head (count and last hash), so a removed last entry is found too. */
#ifndef MK_CORE_LOGBOOK_H
#define MK_CORE_LOGBOOK_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/rc.h"
#include "base/time.h"
#include "core/vocab.h"

#define MK_HASH_HEX 65 /* 64 hex digits and the NUL */

struct mk_log_entry {
	int64_t seq;             /* 1, 2, 3... per incident */
	mk_time at;              /* when it was written (UTC seconds) */
	const char *author;      /* who wrote it; never empty */
	enum mk_role role;       /* in which role */
	enum mk_log_kind kind;
	const char *text;        /* UTF-8, may hold newlines */
	char prev_hash[MK_HASH_HEX];
	char hash[MK_HASH_HEX];
};

/* The first prev_hash of an incident: SHA-256 of its UUID text (36
 * lower-case characters). */
void mk_logbook_genesis(const char *uuid, char ret_hex[MK_HASH_HEX]);

/* Appends the canonical form of e (of incident uuid) to out. */
void mk_logbook_canonical(const char *uuid, const struct mk_log_entry *e, struct mk_buf *out);

/* Checks e's fields (author, text length and UTF-8, kind) and fills
 * e->prev_hash from prev_hex (64 lower-case hex digits; anything else is
 * MK_EINVAL) and e->hash from the chain rule. */
enum mk_rc mk_logbook_seal(const char *uuid, const char *prev_hex, struct mk_log_entry *e,
			   struct mk_error *err);

/* Streaming verification: begin, feed each entry in order of seq, end.
 * The first problem is kept; later entries are ignored. */
enum mk_chain_problem {
	MK_CHAIN_OK,
	MK_CHAIN_CHANGED,   /* the entry's content no longer matches its hash */
	MK_CHAIN_MISSING,   /* a sequence number is skipped: an entry was removed */
	MK_CHAIN_BAD_LINK,  /* prev_hash is not the previous entry's hash: inserted or reordered */
	MK_CHAIN_DUPLICATE, /* a sequence number repeats: an entry was inserted */
	MK_CHAIN_TRUNCATED, /* fewer entries than the incident's recorded head */
	MK_CHAIN_EXTRA,     /* more entries than the head, or the head hash differs */
	MK_CHAIN_BACKDATED, /* sealed correctly but dated before the entry before it */
};

struct mk_chain_check {
	char uuid[40];
	char prev[MK_HASH_HEX];
	mk_time prev_at;          /* the previous entry's time */
	int64_t count;            /* entries seen */
	enum mk_chain_problem problem;
	int64_t bad_seq;          /* the first bad entry's sequence number */
	struct mk_buf scratch;    /* canonical form, reused */
};

void mk_chain_begin(struct mk_chain_check *c, const char *uuid);
/* Feeds the next entry; returns false once a problem has been found. */
bool mk_chain_next(struct mk_chain_check *c, const struct mk_log_entry *e);
/* Compares with the head recorded on the incident, releases the scratch
 * memory, and returns MK_OK or MK_ECHAIN with a message naming the first
 * bad entry (MK_ENOMEM if memory ran out while hashing: that is no
 * evidence of tampering). ret_head (optional) gets the last hash seen. */
enum mk_rc mk_chain_end(struct mk_chain_check *c, int64_t head_count, const char *head_hash,
			char ret_head[MK_HASH_HEX], struct mk_error *err);

#endif
