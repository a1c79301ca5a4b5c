/* libFuzzer harness for the evidence archive reader (export/
 * archive-verify.c): everything in an archive handed to `meldkamer verify`
 * is hostile. The first byte picks the target: even, the bytes after it
 * are an archive for mk_archive_verify_memory (with and without an
 * expected key); odd, they are a manifest for mk_manifest_check (the
 * JSON, its items and its logbook chain, past the signature an archive
 * would need). Beyond "no crash, no leak, no undefined behaviour": an
 * answer always comes with a message, and a random archive never passes.
 *
 * Seeds: scripts/fuzz.sh makes a real archive with the CLI. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/evidence-archive.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct mk_error err = {0};
	enum mk_rc rc;
	if (data[0] % 2 == 0) {
		static const unsigned char key[MK_SIGN_PUBLIC_BYTES] = {1, 2, 3};
		struct mk_archive_report rep;
		rc = mk_archive_verify_memory(data + 1, size - 1, data[0] & 2 ? key : NULL, &rep, &err);
		/* Passing needs a valid Ed25519 signature; with the made-up
		 * key it can never pass. */
		if (rc == MK_OK && (data[0] & 2))
			abort();
	} else {
		rc = mk_manifest_check((const char *)data + 1, size - 1, &err);
	}
	if (rc != MK_OK && err.message[0] == '\0') {
		fprintf(stderr, "fuzz-archive: a refusal without a message\n");
		abort();
	}
	return 0;
}
