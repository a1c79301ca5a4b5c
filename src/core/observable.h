/* Observables (indicators): the typed values an incident or an alert
 * carries (an IP address, a domain, a URL, an e-mail address, a file hash,
 * a file name). Parsing, normalising and validating them is a core rule:
 * the same value typed by hand, found in a mail or in an alert must end
 * up as the same text, or the seen-before correlation would miss it.
 * No I/O; the extraction helpers work on text in memory. */
#ifndef MK_CORE_OBSERVABLE_H
#define MK_CORE_OBSERVABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/rc.h"

enum mk_obs_type {
	MK_OBS_IP,       /* IPv4 or IPv6, canonical text (inet_ntop) */
	MK_OBS_DOMAIN,   /* lower case, RFC 1035 labels, no final dot */
	MK_OBS_URL,      /* http, https or ftp with a host; scheme and host lower case */
	MK_OBS_EMAIL,    /* local@domain, lower case */
	MK_OBS_HASH,     /* MD5, SHA-1 or SHA-256 in lower-case hex (by length) */
	MK_OBS_FILENAME, /* a name without path or control characters */
	MK_OBS_TYPE_COUNT
};

/* Where an incident's observable came from. */
enum mk_obs_source {
	MK_OBS_SOURCE_MAIL,
	MK_OBS_SOURCE_ALERT,
	MK_OBS_SOURCE_MANUAL,
	MK_OBS_SOURCE_COUNT
};

/* The longest normalised value, in bytes (a URL may be long; browsers
 * stop near 2 KB in practice, and a longer one is hostile). */
#define MK_OBS_VALUE_MAX 2048
/* A role text ("sender", "reply-to", "url", "attachment", "src-ip"). */
#define MK_OBS_ROLE_MAX 32

/* "ip", "domain", "url", "email", "hash", "filename". */
const char *mk_obs_type_name(enum mk_obs_type t);
enum mk_rc mk_obs_type_parse(const char *s, const char *field, enum mk_obs_type *ret,
			     struct mk_error *err);

/* "mail", "alert", "manual". */
const char *mk_obs_source_name(enum mk_obs_source s);
enum mk_rc mk_obs_source_parse(const char *s, const char *field, enum mk_obs_source *ret,
			       struct mk_error *err);

/* "md5", "sha1", "sha256" for a normalised hash value (by its length),
 * NULL for anything else. */
const char *mk_obs_hash_algorithm(const char *value);

/* Checks value (len bytes, may contain NUL: refused) as an observable of
 * type t and appends its normalised form to out (reset first). MK_EINVAL
 * (field "value") says what is wrong: not UTF-8, a control or
 * bidirectional-override character, a scheme other than http/https/ftp,
 * a label too long...; MK_ETOOBIG above MK_OBS_VALUE_MAX. out is left
 * empty on failure. */
enum mk_rc mk_observable_normalise(enum mk_obs_type t, const char *value, size_t len,
				   struct mk_buf *out, struct mk_error *err);

/* Guesses the type of a value someone typed (an IP, a hash, an e-mail
 * address, a URL, else a domain if it is one): for `observable seen`. */
enum mk_rc mk_observable_guess(const char *value, size_t len, enum mk_obs_type *ret,
			       struct mk_error *err);

/* A role text: 1..MK_OBS_ROLE_MAX of [a-z0-9-]. */
enum mk_rc mk_obs_role_check(const char *role, struct mk_error *err);

/* Calls cb for each http://, https:// or ftp:// URL in text (len bytes),
 * in order, as it appears (not normalised; the URL ends at white space,
 * a control character, <, >, ", ' or `; trailing .,;:!?) and an unmatched
 * closing bracket are left off, as in prose). A non-MK_OK return from cb
 * stops the scan and is returned. www. without a scheme is not a URL. */
typedef enum mk_rc (*mk_obs_text_cb)(void *ctx, const char *s, size_t len);
enum mk_rc mk_observable_scan_urls(const char *text, size_t len, mk_obs_text_cb cb, void *ctx);

/* The host of a normalised URL as a domain (appended to out, reset
 * first): MK_EINVAL if the host is an IP literal (then *ret_is_ip, if
 * given, is true and out holds the canonical address). */
enum mk_rc mk_observable_url_host(const char *url, struct mk_buf *out, bool *ret_is_ip,
				  struct mk_error *err);

/* The domain of a normalised e-mail address (appended to out, reset
 * first). */
enum mk_rc mk_observable_email_domain(const char *email, struct mk_buf *out,
				      struct mk_error *err);

#endif
