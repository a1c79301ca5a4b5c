/* The chain of custody (issue 5, part 2; doc/custody.md): evidence items,
 * files and physical objects, their transfers, every access, the
 * re-hashing check, and the installation's signing key. Like service.h:
 * every change checks its input, writes the rows and the logbook entry
 * that records it in one transaction; a refused or failed call leaves the
 * database (and the evidence folder) as it was. Originals are never
 * altered: items, transfers and accesses are append-only. */
#ifndef MK_SERVICE_CUSTODY_H
#define MK_SERVICE_CUSTODY_H

#include <stdbool.h>
#include <stdint.h>

#include "service/service.h"
#include "store/store-custody.h"

/* The largest file added by hand: a disk image fits. */
#define MK_CUSTODY_FILE_MAX ((int64_t)1 << 40)

/* An item as registered. what and why are required; the rest optional
 * (collected_by defaults to the actor, collected_at to now). */
struct mk_item_input {
	const char *what;          /* "Laptop HP EliteBook, serienummer 5CG1234" */
	const char *why;           /* "Mogelijk besmet met ransomware" */
	const char *location;      /* where it is kept */
	const char *storage;       /* how it is kept */
	const char *seal;          /* seal or bag number */
	const char *collected_by;
	mk_time collected_at;      /* MK_TIME_UNKNOWN: now */
	/* files only */
	const char *name;          /* the original file name (a file name, no path) */
	const char *media_type;    /* NULL: application/octet-stream */
};

/* Registers a physical item (fd < 0) or a file read from fd to its end,
 * streamed into the evidence folder while hashing (at most max bytes:
 * MK_ETOOBIG naming "file" beyond). ret_seq gets the item's number,
 * ret_sha256 (optional, 65 bytes) the file's hash. */
enum mk_rc mk_svc_item_register(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, const char *key, const struct mk_item_input *in,
				int fd, int64_t max, int64_t *ret_seq, char *ret_sha256,
				struct mk_error *err);

/* The incident's items, by number. */
enum mk_rc mk_svc_item_list(struct mk_service *svc, const char *key, mk_item_cb cb, void *ctx,
			    struct mk_error *err);

/* A read of an item: its record (show), its content (get) or both in an
 * export. Recorded first (an access row and a logbook entry, committed),
 * then cb is called with the item, so that no read goes unrecorded. why
 * is required. */
enum mk_access_kind { MK_ACCESS_SHOW, MK_ACCESS_GET, MK_ACCESS_EXPORT };
const char *mk_access_kind_name(enum mk_access_kind k);
enum mk_rc mk_svc_item_access(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			      const char *key, int64_t seq, enum mk_access_kind kind,
			      const char *why, mk_item_cb cb, void *ctx, struct mk_error *err);
/* Records one export of the incident's evidence: an access row per item
 * and one logbook entry; ret_items gets the number of items. */
enum mk_rc mk_svc_custody_export_access(struct mk_service *svc, const struct mk_actor *actor,
					mk_time now, const char *key, const char *why,
					int64_t *ret_items, struct mk_error *err);

/* A hand-over. from, to and reason are required; at defaults to now and
 * may not lie after it. */
struct mk_transfer_input {
	const char *from, *to, *reason;
	const char *receipt;       /* optional */
	mk_time at;                /* MK_TIME_UNKNOWN: now */
};
enum mk_rc mk_svc_item_transfer(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, const char *key, int64_t seq,
				const struct mk_transfer_input *t, struct mk_error *err);

/* The incident's custody log (transfers and accesses, in order). */
enum mk_rc mk_svc_custody_log(struct mk_service *svc, const char *key, mk_custody_cb cb,
			      void *ctx, struct mk_error *err);

/* Re-hashes every stored file (of one incident, or key NULL: all),
 * streaming; cb gets each file item with its state. Physical items are
 * not called back. MK_OK when the check ran, whatever it found. */
enum mk_file_state { MK_FILE_INTACT, MK_FILE_CHANGED, MK_FILE_MISSING };
struct mk_file_check {
	const struct mk_item_view *item;
	enum mk_file_state state;
	char actual[MK_SHA256_HEX]; /* the hash found (CHANGED) */
	int64_t actual_size;
	const char *problem;        /* a message for CHANGED/MISSING */
};
typedef enum mk_rc (*mk_file_check_cb)(void *ctx, const struct mk_file_check *c);
enum mk_rc mk_svc_evidence_verify(struct mk_service *svc, const char *key, mk_file_check_cb cb,
				  void *ctx, struct mk_error *err);

/* The installation key: created by `meldkamer init` if missing. */
enum mk_rc mk_svc_key_ensure(struct mk_service *svc, bool *ret_created, struct mk_error *err);
/* The public key (32 bytes) and its fingerprint: "SHA256:" and the first
 * 16 bytes of the key's SHA-256 in hex, in groups of four. */
#define MK_KEY_FINGERPRINT 48
void mk_key_fingerprint(const unsigned char pk[MK_SIGN_PUBLIC_BYTES],
			char ret[MK_KEY_FINGERPRINT]);

#endif
