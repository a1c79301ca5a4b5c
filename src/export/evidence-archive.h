/* The signed evidence archive (doc/custody.md): a POSIX tar (pax) with
 *
 *   manifest.json       the incident, its items with SHA-256 and size, the
 *                       custody log and the logbook with its chain hashes
 *   manifest.json.sig   the Ed25519 signature (crypto_sign_detached) of
 *                       manifest.json's exact bytes, as 128 hex digits and
 *                       a newline
 *   evidence/<sha256>   each file once, by its hash
 *
 * in that order, so that a reader checks the signature before it reads a
 * byte of evidence and streams the files without holding them. */
#ifndef MK_EXPORT_EVIDENCE_ARCHIVE_H
#define MK_EXPORT_EVIDENCE_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "service/custody.h"

#define MK_MANIFEST_NAME "manifest.json"
#define MK_SIGNATURE_NAME "manifest.json.sig"
#define MK_MANIFEST_FORMAT "meldkamer-evidence-v1"
/* The manifest of an incident with 100 000 logbook entries of a few
 * hundred bytes each stays well below this; a larger one is refused
 * before it is read into memory. */
#define MK_MANIFEST_MAX (64 * 1024 * 1024)

struct mk_export_summary {
	int64_t items, files, log_entries;
	int64_t bytes;      /* of evidence files written */
	char fingerprint[MK_KEY_FINGERPRINT];
};

/* Writes the archive of incident key to out_path: records the export as
 * an access to every item (why required), builds and signs the manifest
 * with the installation key, and streams the files, re-hashing each and
 * refusing (MK_ECHAIN naming the item) when one no longer matches. All
 * in one write transaction; the archive is written to a temporary name
 * beside out_path and renamed after the commit: a refused export leaves
 * neither rows nor a file. */
enum mk_rc mk_export_evidence(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			      const char *key, const char *why, const char *out_path,
			      struct mk_export_summary *ret, struct mk_error *err);

/* What mk_archive_verify found in an archive that passed. */
struct mk_archive_report {
	char incident[32];
	int64_t items, files, log_entries, custody_events;
	int64_t bytes;
	char fingerprint[MK_KEY_FINGERPRINT];
	bool expected_key;  /* checked against the key the caller expected */
};

/* Checks an archive without a database: the signature (against the key in
 * the manifest and, when expected_pk is given, that it is that key), the
 * logbook chain, every file's hash and size against the manifest, and that
 * no file is missing or extra. Names the first problem (MK_ECHAIN for
 * tampering, MK_EINVAL for an archive that is not one of ours). Writes
 * nothing anywhere. */
enum mk_rc mk_archive_verify_file(const char *path,
				  const unsigned char *expected_pk /* 32 bytes or NULL */,
				  struct mk_archive_report *ret, struct mk_error *err);
enum mk_rc mk_archive_verify_memory(const void *data, size_t size,
				    const unsigned char *expected_pk,
				    struct mk_archive_report *ret, struct mk_error *err);

/* The manifest's own checks without an archive or a signature: it parses
 * as ours and its logbook chain holds. For the fuzz harness (and a
 * reader that has the manifest alone). */
enum mk_rc mk_manifest_check(const char *text, size_t len, struct mk_error *err);

/* Parses a public key given as 64 hex digits (as `meldkamer key show`
 * prints it). */
enum mk_rc mk_public_key_parse(const char *text, unsigned char pk[MK_SIGN_PUBLIC_BYTES],
			       struct mk_error *err);

#endif
