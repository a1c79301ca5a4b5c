/* Streaming SHA-256 over OpenSSL EVP (sha256.h says why not libsodium). */
#include "base/sha256.h"

#include <openssl/evp.h>

bool mk_sha256_init(struct mk_sha256 *h)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	h->ctx = NULL;
	if (!c)
		return false;
	if (EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(c);
		return false;
	}
	h->ctx = c;
	return true;
}

void mk_sha256_update(struct mk_sha256 *h, const void *p, size_t n)
{
	if (n)
		EVP_DigestUpdate(h->ctx, p, n);
}

void mk_sha256_final_hex(struct mk_sha256 *h, char ret_hex[MK_SHA256_HEX])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	EVP_DigestFinal_ex(h->ctx, md, &len);
	for (unsigned i = 0; i < MK_SHA256_BYTES; i++) {
		ret_hex[2 * i] = digits[md[i] >> 4];
		ret_hex[2 * i + 1] = digits[md[i] & 15];
	}
	ret_hex[64] = '\0';
	mk_sha256_release(h);
}

void mk_sha256_release(struct mk_sha256 *h)
{
	EVP_MD_CTX_free(h->ctx);
	h->ctx = NULL;
}

bool mk_sha256_hex_ok(const char *s)
{
	size_t i = 0;
	for (; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == 64;
}

bool mk_sha256_bytes(const void *p, size_t n, unsigned char ret[MK_SHA256_BYTES])
{
	unsigned int len = 0;
	return EVP_Digest(n ? p : "", n, ret, &len, EVP_sha256(), NULL) == 1 &&
	       len == MK_SHA256_BYTES;
}
