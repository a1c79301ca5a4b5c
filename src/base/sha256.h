/* Streaming SHA-256 for evidence files. OpenSSL's libcrypto, because it
 * uses the CPU's SHA extensions: on the reference machine (Xeon with
 * SHA-NI) libsodium's portable crypto_hash_sha256 does about 420 MB/s and
 * EVP about 1170 MB/s, and evidence hashing must reach 500 MB/s
 * (doc/custody.md). The logbook chain keeps libsodium: its inputs are
 * small and its hash is written down in doc/logbook.md. */
#ifndef MK_BASE_SHA256_H
#define MK_BASE_SHA256_H

#include <stdbool.h>
#include <stddef.h>

#define MK_SHA256_BYTES 32
#define MK_SHA256_HEX 65 /* 64 lower-case hex digits and the NUL */

/* The size of the chunks files are read, hashed and written in: large
 * enough that a system call costs nothing beside the hash, small enough
 * that memory stays flat whatever the file's size. */
#define MK_FILE_CHUNK (1024 * 1024)

struct mk_sha256 {
	void *ctx; /* EVP_MD_CTX */
};

/* false when memory ran out (nothing to release then). */
bool mk_sha256_init(struct mk_sha256 *h);
void mk_sha256_update(struct mk_sha256 *h, const void *p, size_t n);
/* Writes the hash as lower-case hex and releases h. */
void mk_sha256_final_hex(struct mk_sha256 *h, char ret_hex[MK_SHA256_HEX]);
/* Releases h without a result (a failed copy). Accepts a released h. */
void mk_sha256_release(struct mk_sha256 *h);

/* The hash of p[0..n) at once, for many short inputs (an alert line
 * each): false only when memory ran out. */
bool mk_sha256_bytes(const void *p, size_t n, unsigned char ret[MK_SHA256_BYTES]);

/* Whether s is exactly 64 lower-case hex digits (a hash that may become a
 * file name). */
bool mk_sha256_hex_ok(const char *s);

#endif
