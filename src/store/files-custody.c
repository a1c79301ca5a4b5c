/* The evidence folder's streamed files and the signing key beside the
 * database (store-custody.h). Files, not SQL: the store owns everything
 * that lives next to the database file. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "store/sqlite-internal.h"
#include "store/store-custody.h"

static enum mk_rc sys_fail(struct mk_error *err, const char *doing, const char *path)
{
	return mk_error_set(err, MK_ESTORE, "evidence", "cannot %s '%s': %s", doing, path,
			    strerror(errno));
}

static enum mk_rc make_dir(const char *path, struct mk_error *err)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return MK_OK;
	return sys_fail(err, "create folder", path);
}

/* <folder>/sha256, created if missing. */
static enum mk_rc sha_dir(struct mk_store *s, struct mk_buf *b, struct mk_error *err)
{
	const char *dir = mk_store_blob_dir(s);
	if (!dir)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	mk_buf_addf(b, "%s/sha256", dir);
	if (mk_buf_rc(b))
		return mk_error_set(err, mk_buf_rc(b), "evidence", "evidence path too long");
	enum mk_rc rc = make_dir(dir, err);
	return rc ? rc : make_dir(b->data, err);
}

static enum mk_rc write_all(int fd, const unsigned char *p, size_t n, const char *path,
			    struct mk_error *err)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return sys_fail(err, "write", path);
		p += w;
		n -= (size_t)w;
	}
	return MK_OK;
}

enum mk_rc mk_store_blob_stage(struct mk_store *s, int fd, int64_t max, const char *field,
			       struct mk_blob_staged *ret, struct mk_error *err)
{
	struct mk_buf path;
	struct mk_sha256 h = {0};
	unsigned char *chunk = NULL;
	int out = -1;
	enum mk_rc rc;
	memset(ret, 0, sizeof(*ret));
	mk_buf_init(&path, 4200);
	if ((rc = sha_dir(s, &path, err)))
		goto out;
	mk_buf_adds(&path, "/.incoming-XXXXXX");
	if (mk_buf_rc(&path)) {
		rc = mk_error_set(err, MK_ETOOBIG, "evidence", "evidence path too long");
		goto out;
	}
	if (!(chunk = mk_malloc(MK_FILE_CHUNK)) || !mk_sha256_init(&h)) {
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory");
		goto out;
	}
	/* mkstemp makes it 0600; the stored original is made read-only
	 * before it gets its name. */
	if ((out = mkstemp(path.data)) < 0) {
		rc = sys_fail(err, "create", path.data);
		goto out;
	}
	int64_t size = 0;
	for (;;) {
		ssize_t n = read(fd, chunk, MK_FILE_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = mk_error_set(err, MK_EINVAL, field, "cannot read the file: %s",
					  strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		size += n;
		if (size > max) {
			rc = mk_error_set(err, MK_ETOOBIG, field,
					  "the file is larger than the limit of %lld bytes",
					  (long long)max);
			goto out;
		}
		mk_sha256_update(&h, chunk, (size_t)n);
		if ((rc = write_all(out, chunk, (size_t)n, path.data, err)))
			goto out;
	}
	/* Synced before it is renamed and before its row commits: a crash
	 * never leaves a row naming a file that is not wholly on disk. */
	if (fchmod(out, 0400) != 0 || fsync(out) != 0) {
		rc = sys_fail(err, "write", path.data);
		goto out;
	}
	if (close(out) != 0) {
		out = -1;
		rc = sys_fail(err, "write", path.data);
		goto out;
	}
	out = -1;
	mk_sha256_final_hex(&h, ret->sha256);
	ret->size = size;
	ret->tmp_path = mk_buf_detach(&path, NULL);
	rc = ret->tmp_path ? MK_OK : mk_error_set(err, MK_ENOMEM, "", "out of memory");
out:
	mk_sha256_release(&h);
	mk_free(chunk);
	if (out >= 0)
		close(out);
	if (rc && path.len && path.data)
		unlink(path.data); /* a refused or failed copy leaves nothing behind */
	mk_buf_release(&path);
	return rc;
}

enum mk_rc mk_store_blob_commit(struct mk_store *s, struct mk_blob_staged *b, char *ret_path,
				bool *ret_created, struct mk_error *err)
{
	struct mk_buf path;
	enum mk_rc rc;
	*ret_created = false;
	mk_buf_init(&path, 4200);
	if ((rc = sha_dir(s, &path, err)))
		goto out;
	mk_buf_addf(&path, "/%.2s", b->sha256);
	if ((rc = make_dir(path.data, err)))
		goto out;
	mk_buf_addf(&path, "/%s", b->sha256);
	snprintf(ret_path, 80, "sha256/%.2s/%s", b->sha256, b->sha256);
	struct stat sb;
	if (lstat(path.data, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == b->size) {
		/* Stored already (the same content): not copied twice. */
		mk_store_blob_discard(b);
		goto out;
	}
	if (rename(b->tmp_path, path.data) != 0) {
		rc = sys_fail(err, "rename", b->tmp_path);
		goto out;
	}
	*ret_created = true;
	mk_free(b->tmp_path);
	b->tmp_path = NULL;
out:
	mk_buf_release(&path);
	return rc;
}

void mk_store_blob_discard(struct mk_blob_staged *b)
{
	if (b->tmp_path) {
		unlink(b->tmp_path);
		mk_free(b->tmp_path);
		b->tmp_path = NULL;
	}
}

/* sha256/ab/<64 hex>, ab the first two digits: the only names the folder
 * hands out, so nothing else can be made to climb out of it. */
static bool stored_path_ok(const char *p)
{
	return strlen(p) == 7 + 3 + 64 && strncmp(p, "sha256/", 7) == 0 && p[9] == '/' &&
	       mk_sha256_hex_ok(p + 10) && strncmp(p + 7, p + 10, 2) == 0;
}

void mk_store_blob_unlink(struct mk_store *s, const char *stored_path)
{
	const char *dir = mk_store_blob_dir(s);
	if (!dir || !stored_path_ok(stored_path))
		return;
	struct mk_buf b;
	mk_buf_init(&b, 4200);
	mk_buf_addf(&b, "%s/%s", dir, stored_path);
	if (mk_buf_rc(&b) == MK_OK)
		unlink(b.data);
	mk_buf_release(&b);
}

enum mk_rc mk_store_blob_open(struct mk_store *s, const char *stored_path, int *ret_fd,
			      struct mk_error *err)
{
	const char *dir = mk_store_blob_dir(s);
	if (!dir)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	if (!stored_path_ok(stored_path))
		return mk_error_set(err, MK_ESTORE, "evidence",
				    "database '%s' names a bad evidence path '%.80s'", s->path,
				    stored_path);
	struct mk_buf b;
	mk_buf_init(&b, 4200);
	mk_buf_addf(&b, "%s/%s", dir, stored_path);
	enum mk_rc rc = mk_buf_rc(&b);
	if (rc) {
		mk_buf_release(&b);
		return mk_error_set(err, rc, "evidence", "evidence path too long");
	}
	int fd = open(b.data, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		rc = errno == ENOENT ? mk_error_set(err, MK_ENOTFOUND, "evidence",
						    "the file '%s' is missing", b.data)
				     : sys_fail(err, "open", b.data);
	mk_buf_release(&b);
	*ret_fd = fd;
	return rc;
}

enum mk_rc mk_file_hash_fd(int fd, const char *what, char ret_hex[MK_SHA256_HEX],
			   int64_t *ret_size, struct mk_error *err)
{
	struct mk_sha256 h;
	unsigned char *chunk = mk_malloc(MK_FILE_CHUNK);
	if (!chunk || !mk_sha256_init(&h)) {
		mk_free(chunk);
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	}
	int64_t size = 0;
	enum mk_rc rc = MK_OK;
	for (;;) {
		ssize_t n = read(fd, chunk, MK_FILE_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = mk_error_set(err, MK_ESTORE, "evidence", "cannot read %s: %s", what,
					  strerror(errno));
			break;
		}
		if (n == 0)
			break;
		mk_sha256_update(&h, chunk, (size_t)n);
		size += n;
	}
	if (rc == MK_OK)
		mk_sha256_final_hex(&h, ret_hex);
	mk_sha256_release(&h);
	mk_free(chunk);
	if (rc == MK_OK && ret_size)
		*ret_size = size;
	return rc;
}

/* --- The signing key ----------------------------------------------------------- */

const char *mk_store_key_path(struct mk_store *s)
{
	static _Thread_local char path[4200];
	snprintf(path, sizeof(path), "%s.signing-key", s->path);
	return path;
}

enum mk_rc mk_store_key_create(struct mk_store *s, bool *ret_created, struct mk_error *err)
{
	const char *path = mk_store_key_path(s);
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	char hex[2 * crypto_sign_SECRETKEYBYTES + 2], tmp[4300];
	struct stat sb;
	*ret_created = false;
	if (lstat(path, &sb) == 0)
		return MK_OK;
	if (sodium_init() < 0)
		return mk_error_set(err, MK_ESTORE, "key", "libsodium did not start");
	crypto_sign_keypair(pk, sk);
	sodium_bin2hex(hex, sizeof(hex), sk, sizeof(sk));
	sodium_memzero(sk, sizeof(sk));
	size_t n = strlen(hex);
	hex[n] = '\n';
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	enum mk_rc rc = MK_OK;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		rc = mk_error_set(err, MK_ESTORE, "key", "cannot create '%s': %s", tmp,
				  strerror(errno));
		goto out;
	}
	if ((rc = write_all(fd, (unsigned char *)hex, n + 1, tmp, err)))
		goto out;
	if (fsync(fd) != 0) {
		rc = mk_error_set(err, MK_ESTORE, "key", "cannot write '%s': %s", tmp,
				  strerror(errno));
		goto out;
	}
	/* link() never replaces: of two inits at once, the first key stays. */
	if (link(tmp, path) == 0)
		*ret_created = true;
	else if (errno != EEXIST)
		rc = mk_error_set(err, MK_ESTORE, "key", "cannot create '%s': %s", path,
				  strerror(errno));
out:
	if (fd >= 0) {
		close(fd);
		unlink(tmp);
	}
	sodium_memzero(hex, sizeof(hex));
	return rc;
}

enum mk_rc mk_store_key_load(struct mk_store *s, unsigned char *sk,
			     unsigned char pk[MK_SIGN_PUBLIC_BYTES], struct mk_error *err)
{
	const char *path = mk_store_key_path(s);
	unsigned char key[crypto_sign_SECRETKEYBYTES];
	char hex[2 * crypto_sign_SECRETKEYBYTES + 8];
	struct stat sb;
	enum mk_rc rc = MK_OK;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT
			       ? mk_error_set(err, MK_ESTORE, "key",
					      "no signing key '%s': run 'meldkamer init'", path)
			       : mk_error_set(err, MK_ESTORE, "key", "cannot read '%s': %s", path,
					      strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		rc = mk_error_set(err, MK_ESTORE, "key", "'%s' is not a key file", path);
		goto out;
	}
	/* Like ssh: a secret key others can read may have been copied. */
	if (sk && (sb.st_mode & 077)) {
		rc = mk_error_set(err, MK_EPERM, "key",
				  "the signing key '%s' is readable by others (mode %03o): "
				  "make it readable by its owner only (chmod 600)",
				  path, (unsigned)(sb.st_mode & 0777));
		goto out;
	}
	ssize_t n = read(fd, hex, sizeof(hex) - 1);
	size_t len = n > 0 ? (size_t)n : 0;
	while (len && (hex[len - 1] == '\n' || hex[len - 1] == '\r'))
		len--;
	hex[len] = '\0';
	size_t bin_len = 0;
	if (len != 2 * sizeof(key) ||
	    sodium_hex2bin(key, sizeof(key), hex, len, NULL, &bin_len, NULL) != 0 ||
	    bin_len != sizeof(key)) {
		rc = mk_error_set(err, MK_ESTORE, "key",
				  "'%s' does not hold an Ed25519 secret key (128 hex digits)", path);
		goto out;
	}
	crypto_sign_ed25519_sk_to_pk(pk, key);
	if (sk)
		memcpy(sk, key, sizeof(key));
out:
	close(fd);
	sodium_memzero(key, sizeof(key));
	sodium_memzero(hex, sizeof(hex));
	return rc;
}
