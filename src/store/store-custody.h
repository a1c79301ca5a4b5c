/* The store's part of the chain of custody (schema 5, doc/custody.md):
 * evidence items, their transfers and accesses (rows), the evidence files
 * streamed into the content-addressed folder, and the installation's
 * signing key beside the database. Kept apart from store.h so that the
 * branches that extend the store side by side merge cleanly; the rules
 * are in service/custody.c. */
#ifndef MK_STORE_STORE_CUSTODY_H
#define MK_STORE_STORE_CUSTODY_H

#include <stdbool.h>
#include <stdint.h>

#include "base/sha256.h"
#include "store/store.h"

/* --- Items, transfers, accesses (rows) ------------------------------------- */

/* One item. Strings are valid only during the callback; optional ones are
 * NULL when absent. The file part is set only for file items. */
struct mk_item_view {
	int64_t id;
	const char *incident_key;
	int64_t seq;           /* item 1, 2... within the incident */
	bool is_file;
	const char *what, *why;
	const char *location, *storage, *seal;
	const char *collected_by;
	mk_time collected_at;
	const char *registered_by;
	mk_time registered_at;
	/* file items */
	int64_t evidence_id;
	char sha256[MK_SHA256_HEX];
	int64_t size;
	const char *name, *media_type, *stored_path;
};
typedef enum mk_rc (*mk_item_cb)(void *ctx, const struct mk_item_view *it);

/* Inserts an item of incident_id with the next seq (it->seq, id, key
 * ignored; evidence_id must be set for a file item). ret_seq and ret_id
 * are optional. */
enum mk_rc mk_store_item_insert(struct mk_store *s, int64_t incident_id,
				const struct mk_item_view *it, int64_t *ret_id, int64_t *ret_seq,
				struct mk_error *err);
/* The incident's items by seq (incident_id 0: every incident's, by
 * incident and seq). */
enum mk_rc mk_store_item_list(struct mk_store *s, int64_t incident_id, mk_item_cb cb, void *ctx,
			      struct mk_error *err);
/* Item seq of the incident; MK_ENOTFOUND naming "item" if there is none. */
enum mk_rc mk_store_item_get(struct mk_store *s, int64_t incident_id, int64_t seq, mk_item_cb cb,
			     void *ctx, struct mk_error *err);

/* An event of the custody log: a transfer or an access. */
enum mk_custody_type { MK_CUSTODY_TRANSFER, MK_CUSTODY_ACCESS };
struct mk_custody_view {
	enum mk_custody_type type;
	int64_t item_seq;
	mk_time at;
	int64_t log_seq;       /* the logbook entry that records it */
	/* transfer */
	const char *from, *to, *reason, *receipt; /* receipt may be NULL */
	const char *recorded_by;
	mk_time recorded_at;
	/* access */
	const char *action;    /* "show", "get", "export" */
	const char *who, *why, *via;
};
typedef enum mk_rc (*mk_custody_cb)(void *ctx, const struct mk_custody_view *c);

/* v->type decides the table; item_id is the item's row id. */
enum mk_rc mk_store_custody_insert(struct mk_store *s, int64_t item_id,
				   const struct mk_custody_view *v, struct mk_error *err);
/* The incident's custody log in the order written (transfers and accesses
 * merged by their logbook entry, then item). */
enum mk_rc mk_store_custody_list(struct mk_store *s, int64_t incident_id, mk_custody_cb cb,
				 void *ctx, struct mk_error *err);

/* --- Evidence files, streamed --------------------------------------------- */

/* A file copied into the evidence folder under a temporary name, hashed
 * on the way, synced: not yet part of the store. */
struct mk_blob_staged {
	char *tmp_path;             /* owned; NULL once committed or discarded */
	char sha256[MK_SHA256_HEX];
	int64_t size;
};

/* Copies everything readable from fd (a file, a pipe) into the folder in
 * chunks of MK_FILE_CHUNK, hashing as it goes; refuses more than max
 * bytes (MK_ETOOBIG naming `field`) and leaves nothing behind on any
 * failure. */
enum mk_rc mk_store_blob_stage(struct mk_store *s, int fd, int64_t max, const char *field,
			       struct mk_blob_staged *ret, struct mk_error *err);
/* Moves a staged file to its content address (ret_path, 80 bytes: the
 * path relative to the folder). If a file of that hash is there already
 * the copy is dropped and *ret_created is false. */
enum mk_rc mk_store_blob_commit(struct mk_store *s, struct mk_blob_staged *b, char *ret_path,
				bool *ret_created, struct mk_error *err);
/* Removes a staged file (accepts one already committed or discarded). */
void mk_store_blob_discard(struct mk_blob_staged *b);
/* Removes the file of a content address that a rolled-back transaction
 * had just created. */
void mk_store_blob_unlink(struct mk_store *s, const char *stored_path);
/* Opens a stored file for reading (stored_path as in the evidence row:
 * sha256/ab/<hex>; anything else is refused). A missing file is
 * MK_ENOTFOUND. */
enum mk_rc mk_store_blob_open(struct mk_store *s, const char *stored_path, int *ret_fd,
			      struct mk_error *err);
/* Reads fd to its end in chunks, hashing; ret_size optional. */
enum mk_rc mk_file_hash_fd(int fd, const char *what, char ret_hex[MK_SHA256_HEX],
			   int64_t *ret_size, struct mk_error *err);

/* --- The installation's signing key --------------------------------------- */

/* <database>.signing-key: the Ed25519 secret key (libsodium crypto_sign,
 * 64 bytes as 128 hex digits and a newline), mode 0600. Beside the
 * database rather than in it (doc/custody.md): a copy of the database
 * handed to an auditor or kept as a backup must not be able to sign. */
#define MK_SIGN_PUBLIC_BYTES 32
#define MK_SIGN_SECRET_BYTES 64
#define MK_SIGN_BYTES 64

const char *mk_store_key_path(struct mk_store *s);
/* Creates the key if there is none (*ret_created tells). */
enum mk_rc mk_store_key_create(struct mk_store *s, bool *ret_created, struct mk_error *err);
/* Reads the key; MK_ESTORE when there is none ("run meldkamer init"),
 * MK_EPERM when the file is readable by others than its owner. sk may be
 * NULL when only the public key is wanted. */
enum mk_rc mk_store_key_load(struct mk_store *s, unsigned char *sk,
			     unsigned char pk[MK_SIGN_PUBLIC_BYTES], struct mk_error *err);

#endif
