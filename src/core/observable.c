/* Observables: parsing, normalising and validating indicator values, and
 * finding URLs in text. The normal form is what makes "Evil.Example.COM."
 * typed by hand and "evil.example.com" from a mail header the same
 * observable; the checks refuse what would mislead a reader (control and
 * bidirectional-override characters) or a browser (javascript: URLs). */
#include "core/observable.h"

#include <arpa/inet.h>
#include <string.h>

#include "base/utf8.h"

static const char *const type_names[MK_OBS_TYPE_COUNT] = {
	"ip", "domain", "url", "email", "hash", "filename",
};
static const char *const source_names[MK_OBS_SOURCE_COUNT] = {"mail", "alert", "manual"};

static enum mk_rc parse_name(const char *const *names, int count, const char *s,
			     const char *field, int *ret, struct mk_error *err)
{
	for (int i = 0; s && i < count; i++) {
		if (strcmp(s, names[i]) == 0) {
			*ret = i;
			return MK_OK;
		}
	}
	struct mk_buf allowed;
	mk_buf_init(&allowed, 200);
	for (int i = 0; i < count; i++)
		mk_buf_addf(&allowed, "%s%s", i ? ", " : "", names[i]);
	mk_error_set(err, MK_EINVAL, field, "%s '%.80s' is unknown: use one of %s", field,
		     s ? s : "", allowed.data);
	mk_buf_release(&allowed);
	return MK_EINVAL;
}

const char *mk_obs_type_name(enum mk_obs_type t)
{
	return (int)t >= 0 && t < MK_OBS_TYPE_COUNT ? type_names[t] : "?";
}

enum mk_rc mk_obs_type_parse(const char *s, const char *field, enum mk_obs_type *ret,
			     struct mk_error *err)
{
	int i;
	enum mk_rc rc = parse_name(type_names, MK_OBS_TYPE_COUNT, s, field, &i, err);
	if (rc == MK_OK)
		*ret = (enum mk_obs_type)i;
	return rc;
}

const char *mk_obs_source_name(enum mk_obs_source s)
{
	return (int)s >= 0 && s < MK_OBS_SOURCE_COUNT ? source_names[s] : "?";
}

enum mk_rc mk_obs_source_parse(const char *s, const char *field, enum mk_obs_source *ret,
			       struct mk_error *err)
{
	int i;
	enum mk_rc rc = parse_name(source_names, MK_OBS_SOURCE_COUNT, s, field, &i, err);
	if (rc == MK_OK)
		*ret = (enum mk_obs_source)i;
	return rc;
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

const char *mk_obs_hash_algorithm(const char *v)
{
	size_t n = v ? strlen(v) : 0;
	for (size_t i = 0; i < n; i++)
		if (!is_hex(v[i]) || (v[i] >= 'A' && v[i] <= 'F'))
			return NULL;
	return n == 32 ? "md5" : n == 40 ? "sha1" : n == 64 ? "sha256" : NULL;
}

/* Checks that apply to every type: UTF-8, no NUL, no control or
 * bidirectional-override character (an RLO in "invoice\u202Etxt.exe"
 * shows the reader "invoiceexe.txt"). */
static enum mk_rc check_text(const char *v, size_t len, struct mk_error *err)
{
	if (len > MK_OBS_VALUE_MAX)
		return mk_error_set(err, MK_ETOOBIG, "value", "value is longer than %d bytes",
				    MK_OBS_VALUE_MAX);
	if (len == 0)
		return mk_error_set(err, MK_EINVAL, "value", "value is empty");
	size_t bad = mk_utf8_first_invalid(v, len);
	if (bad < len)
		return mk_error_set(err, MK_EINVAL, "value", "value is not valid UTF-8 (byte %zu)",
				    bad);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c == 0)
			return mk_error_set(err, MK_EINVAL, "value", "value contains a NUL byte");
		if (c < 0x20 || c == 0x7f)
			return mk_error_set(err, MK_EINVAL, "value",
					    "value contains a control character (byte %zu)", i);
		if (c >= 0x80 && mk_utf8_hidden_control(v + i, len - i))
			return mk_error_set(err, MK_EINVAL, "value",
					    "value contains a hidden control or bidirectional "
					    "character (byte %zu)",
					    i);
	}
	return MK_OK;
}

/* --- IP ---------------------------------------------------------------- */

static enum mk_rc norm_ip(const char *v, size_t len, struct mk_buf *out, struct mk_error *err)
{
	char in[64], text[INET6_ADDRSTRLEN];
	unsigned char bin[16];
	if (len >= sizeof(in))
		return mk_error_set(err, MK_EINVAL, "value", "'%.64s' is not an IP address", v);
	memcpy(in, v, len);
	in[len] = 0;
	int af = strchr(in, ':') ? AF_INET6 : AF_INET;
	/* inet_pton refuses leading zeros in IPv4 ("010.1.1.1" is octal to
	 * some tools and decimal to others, so it names no one address). */
	if (inet_pton(af, in, bin) != 1 || !inet_ntop(af, bin, text, sizeof(text)))
		return mk_error_set(err, MK_EINVAL, "value", "'%s' is not an IP address", in);
	mk_buf_adds(out, text);
	return MK_OK;
}

/* --- Domain -------------------------------------------------------------- */

/* RFC 1035 section 2.3.1 (letters, digits, hyphen; a letter or digit at
 * either end; 63 bytes a label, 253 in all); internationalised labels are
 * taken as given, in UTF-8 or as xn-- A-labels. A name of one label is a
 * host, not an indicator worth sharing, and an all-digit last label would
 * make "10.1.2.3" a domain. */
static enum mk_rc norm_domain(const char *v, size_t len, struct mk_buf *out,
			      struct mk_error *err)
{
	if (len > 0 && v[len - 1] == '.')
		len--;
	if (len == 0 || len > 253)
		return mk_error_set(err, MK_EINVAL, "value",
				    "domain '%.*s' must be 1 to 253 bytes long", (int)(len > 80 ? 80 : len), v);
	size_t labels = 0, label_start = 0;
	bool last_all_digits = true;
	for (size_t i = 0; i <= len; i++) {
		char c = i < len ? v[i] : '.';
		if (c == '.') {
			size_t n = i - label_start;
			if (n == 0 || n > 63) {
				return mk_error_set(err, MK_EINVAL, "value",
						    "domain '%.*s' has a label of %zu bytes (1 to 63 allowed)",
						    (int)(len > 80 ? 80 : len), v, n);
			}
			if (v[label_start] == '-' || v[i - 1] == '-') {
				return mk_error_set(err, MK_EINVAL, "value",
						    "domain '%.*s' has a label that starts or ends with '-'",
						    (int)(len > 80 ? 80 : len), v);
			}
			labels++;
			label_start = i + 1;
			if (i < len) {
				last_all_digits = true;
				mk_buf_addc(out, '.');
			}
			continue;
		}
		unsigned char u = (unsigned char)c;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			  c == '-' || u >= 0x80;
		if (!ok) {
			return mk_error_set(err, MK_EINVAL, "value",
					    "domain '%.*s' contains '%c': only letters, digits, '-' and '.'",
					    (int)(len > 80 ? 80 : len), v, c);
		}
		if (!(c >= '0' && c <= '9'))
			last_all_digits = false;
		mk_buf_addc(out, lower(c));
	}
	if (labels < 2 || last_all_digits) {
		return mk_error_set(err, MK_EINVAL, "value",
				    labels < 2 ? "domain '%.*s' needs at least two labels"
					       : "domain '%.*s' ends in a numeric label",
				    (int)(len > 80 ? 80 : len), v);
	}
	return MK_OK;
}

/* --- URL ------------------------------------------------------------------ */

static const struct {
	const char *name;
	const char *port; /* the default, left out of the normal form */
} schemes[] = {{"http", "80"}, {"https", "443"}, {"ftp", "21"}};

/* The scheme's length before "://", or 0 if v does not start with an
 * allowed scheme; *ret_i the index into schemes. */
static size_t scheme_len(const char *v, size_t len, size_t *ret_i)
{
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		size_t n = strlen(schemes[i].name);
		if (len < n + 3)
			continue;
		size_t j = 0;
		while (j < n && lower(v[j]) == schemes[i].name[j])
			j++;
		if (j == n && memcmp(v + n, "://", 3) == 0) {
			*ret_i = i;
			return n;
		}
	}
	return 0;
}

static enum mk_rc norm_url(const char *v, size_t len, struct mk_buf *out, struct mk_error *err)
{
	size_t si, n = scheme_len(v, len, &si);
	if (n == 0) {
		size_t colon = 0;
		while (colon < len && colon < 32 && v[colon] != ':')
			colon++;
		if (colon < len && v[colon] == ':' && colon > 0)
			return mk_error_set(err, MK_EINVAL, "value",
					    "URL scheme '%.*s' is not allowed: only http, https and ftp",
					    (int)colon, v);
		return mk_error_set(err, MK_EINVAL, "value",
				    "'%.80s' is not a URL: it must start with http://, https:// or ftp://",
				    v);
	}
	for (size_t i = 0; i < len; i++)
		if (v[i] == ' ' || v[i] == '"' || v[i] == '<' || v[i] == '>' || v[i] == '\\' ||
		    v[i] == '`')
			return mk_error_set(err, MK_EINVAL, "value",
					    "URL contains '%c' (byte %zu): it must be percent-encoded",
					    v[i], i);
	size_t a = n + 3, end = a;
	while (end < len && v[end] != '/' && v[end] != '?' && v[end] != '#')
		end++;
	/* userinfo: "http://www.bank.nl@evil.example/" goes to evil.example;
	 * it is kept, because that is the trick a reader must see. */
	size_t host = a;
	for (size_t i = a; i < end; i++)
		if (v[i] == '@')
			host = i + 1;
	size_t host_end = end, port = 0;
	if (host < end && v[host] == '[') {
		size_t close = host;
		while (close < end && v[close] != ']')
			close++;
		if (close == end)
			return mk_error_set(err, MK_EINVAL, "value", "URL has an unclosed '[' in its host");
		host_end = close + 1;
		if (host_end < end) {
			if (v[host_end] != ':')
				return mk_error_set(err, MK_EINVAL, "value", "URL has text after its host's ']'");
			port = host_end + 1;
		}
	} else {
		for (size_t i = host; i < end; i++)
			if (v[i] == ':') {
				host_end = i;
				port = i + 1;
				break;
			}
	}
	if (host_end == host)
		return mk_error_set(err, MK_EINVAL, "value", "URL '%.80s' has no host", v);
	if (port) {
		if (port == end || end - port > 5)
			return mk_error_set(err, MK_EINVAL, "value", "URL has a bad port");
		long p = 0;
		for (size_t i = port; i < end; i++) {
			if (v[i] < '0' || v[i] > '9')
				return mk_error_set(err, MK_EINVAL, "value", "URL has a bad port");
			p = p * 10 + (v[i] - '0');
		}
		if (p < 1 || p > 65535)
			return mk_error_set(err, MK_EINVAL, "value", "URL port %ld is out of range", p);
	}
	mk_buf_adds(out, schemes[si].name);
	mk_buf_adds(out, "://");
	mk_buf_add(out, v + a, host - a);
	enum mk_rc rc;
	if (v[host] == '[') {
		mk_buf_addc(out, '[');
		if ((rc = norm_ip(v + host + 1, host_end - host - 2, out, err)))
			return rc;
		mk_buf_addc(out, ']');
	} else {
		/* An IPv4 host or a domain. */
		bool digits_dots = true;
		for (size_t i = host; i < host_end; i++)
			if (!((v[i] >= '0' && v[i] <= '9') || v[i] == '.'))
				digits_dots = false;
		rc = digits_dots ? norm_ip(v + host, host_end - host, out, err)
				 : norm_domain(v + host, host_end - host, out, err);
		if (rc)
			return rc;
	}
	if (port) {
		size_t plen = end - port;
		size_t skip = 0;
		while (skip + 1 < plen && v[port + skip] == '0')
			skip++;
		if (strlen(schemes[si].port) != plen - skip ||
		    memcmp(schemes[si].port, v + port + skip, plen - skip) != 0) {
			mk_buf_addc(out, ':');
			mk_buf_add(out, v + port + skip, plen - skip);
		}
	}
	if (end == len || v[end] != '/')
		mk_buf_addc(out, '/');
	mk_buf_add(out, v + end, len - end);
	return MK_OK;
}

/* --- E-mail ---------------------------------------------------------------- */

/* The local part as RFC 5322's dot-atom: printable ASCII without
 * specials; a quoted local part is so rare in real mail (and so common in
 * tricks) that it is refused. */
static bool atext(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-/=?^_{|}~", c)) || (unsigned char)c >= 0x80;
}

static enum mk_rc norm_email(const char *v, size_t len, struct mk_buf *out,
			     struct mk_error *err)
{
	const char *at = NULL;
	for (size_t i = 0; i < len; i++)
		if (v[i] == '@')
			at = v + i;
	if (!at)
		return mk_error_set(err, MK_EINVAL, "value", "'%.80s' is not an e-mail address: no '@'",
				    v);
	size_t local = (size_t)(at - v);
	if (local == 0 || local > 64)
		return mk_error_set(err, MK_EINVAL, "value",
				    "e-mail address '%.80s' needs a local part of 1 to 64 bytes", v);
	/* The domain is after the last '@'. An '@' in the local part is no
	 * RFC 5322 address, but bounce addresses that carry the original
	 * recipient ("bounce-x@pot+2Df+2Dp=hotmail.com@mail.example.com")
	 * arrive in real Return-Paths like that, and the indicator is the
	 * address as the mail gave it. */
	for (size_t i = 0; i < local; i++) {
		bool dot_ok = v[i] == '.' && i > 0 && i + 1 < local && v[i + 1] != '.';
		bool at_ok = v[i] == '@' && i > 0 && i + 1 < local;
		if (!atext(v[i]) && !dot_ok && !at_ok)
			return mk_error_set(err, MK_EINVAL, "value",
					    "e-mail address '%.80s' has '%c' in its local part", v, v[i]);
	}
	for (size_t i = 0; i < local; i++)
		mk_buf_addc(out, lower(v[i]));
	mk_buf_addc(out, '@');
	return norm_domain(at + 1, len - local - 1, out, err);
}

/* --- Hash, file name --------------------------------------------------------- */

static enum mk_rc norm_hash(const char *v, size_t len, struct mk_buf *out, struct mk_error *err)
{
	for (size_t i = 0; i < len; i++)
		if (!is_hex(v[i]))
			return mk_error_set(err, MK_EINVAL, "value",
					    "hash has '%c' at byte %zu: only hexadecimal digits", v[i], i);
	if (len != 32 && len != 40 && len != 64)
		return mk_error_set(err, MK_EINVAL, "value",
				    "hash has %zu hex digits: MD5 has 32, SHA-1 40, SHA-256 64", len);
	for (size_t i = 0; i < len; i++)
		mk_buf_addc(out, lower(v[i]));
	return MK_OK;
}

#define FILENAME_MAX_BYTES 255 /* NAME_MAX on every common file system */

static enum mk_rc norm_filename(const char *v, size_t len, struct mk_buf *out,
				struct mk_error *err)
{
	if (len > FILENAME_MAX_BYTES)
		return mk_error_set(err, MK_EINVAL, "value", "file name is longer than %d bytes",
				    FILENAME_MAX_BYTES);
	for (size_t i = 0; i < len; i++)
		if (v[i] == '/' || v[i] == '\\')
			return mk_error_set(err, MK_EINVAL, "value",
					    "file name '%.80s' contains a path separator", v);
	if ((len == 1 && v[0] == '.') || (len == 2 && v[0] == '.' && v[1] == '.'))
		return mk_error_set(err, MK_EINVAL, "value", "file name '%.*s' is not a name",
				    (int)len, v);
	mk_buf_add(out, v, len);
	return MK_OK;
}

static void trim(const char **v, size_t *len)
{
	while (*len && (**v == ' ' || **v == '\t')) {
		(*v)++;
		(*len)--;
	}
	while (*len && ((*v)[*len - 1] == ' ' || (*v)[*len - 1] == '\t'))
		(*len)--;
}

enum mk_rc mk_observable_normalise(enum mk_obs_type t, const char *value, size_t len,
				   struct mk_buf *out, struct mk_error *err)
{
	enum mk_rc rc;
	mk_buf_reset(out);
	if (!value)
		return mk_error_set(err, MK_EINVAL, "value", "value is empty");
	/* Surrounding blanks come from copying, never from the indicator; a
	 * file name keeps them (they are part of a name, and a trick). */
	if (t != MK_OBS_FILENAME)
		trim(&value, &len);
	if ((rc = check_text(value, len, err)))
		return rc;
	/* A terminated copy: the value may be a slice of a larger text, and
	 * the messages quote it. */
	char copy[MK_OBS_VALUE_MAX + 1];
	memcpy(copy, value, len);
	copy[len] = 0;
	value = copy;
	switch (t) {
	case MK_OBS_IP: rc = norm_ip(value, len, out, err); break;
	case MK_OBS_DOMAIN: rc = norm_domain(value, len, out, err); break;
	case MK_OBS_URL: rc = norm_url(value, len, out, err); break;
	case MK_OBS_EMAIL: rc = norm_email(value, len, out, err); break;
	case MK_OBS_HASH: rc = norm_hash(value, len, out, err); break;
	case MK_OBS_FILENAME: rc = norm_filename(value, len, out, err); break;
	default: rc = mk_error_set(err, MK_EINVAL, "type", "unknown observable type"); break;
	}
	if (rc == MK_OK && (rc = mk_buf_rc(out)) == MK_ETOOBIG)
		mk_error_set(err, rc, "value", "value is longer than %d bytes", MK_OBS_VALUE_MAX);
	else if (rc == MK_ENOMEM)
		mk_error_set(err, rc, "value", "out of memory");
	if (rc)
		mk_buf_reset(out);
	return rc;
}

static bool has_scheme_sep(const char *v, size_t len)
{
	for (size_t i = 0; i + 3 <= len; i++)
		if (v[i] == ':' && v[i + 1] == '/' && v[i + 2] == '/')
			return true;
	return false;
}

enum mk_rc mk_observable_guess(const char *value, size_t len, enum mk_obs_type *ret,
			       struct mk_error *err)
{
	enum mk_rc rc;
	if (!value)
		return mk_error_set(err, MK_EINVAL, "value", "value is empty");
	trim(&value, &len);
	if ((rc = check_text(value, len, err)))
		return rc;
	unsigned char bin[16];
	char in[64];
	if (len < sizeof(in)) {
		memcpy(in, value, len);
		in[len] = 0;
		if (inet_pton(AF_INET, in, bin) == 1 || inet_pton(AF_INET6, in, bin) == 1) {
			*ret = MK_OBS_IP;
			return MK_OK;
		}
	}
	bool hex = len == 32 || len == 40 || len == 64;
	for (size_t i = 0; hex && i < len; i++)
		hex = is_hex(value[i]);
	size_t si;
	if (hex)
		*ret = MK_OBS_HASH;
	else if (has_scheme_sep(value, len) || scheme_len(value, len, &si))
		*ret = MK_OBS_URL;
	else if (memchr(value, '@', len))
		*ret = MK_OBS_EMAIL;
	else
		*ret = MK_OBS_DOMAIN;
	return MK_OK;
}

enum mk_rc mk_obs_role_check(const char *role, struct mk_error *err)
{
	size_t n = role ? strlen(role) : 0;
	if (n == 0 || n > MK_OBS_ROLE_MAX)
		return mk_error_set(err, MK_EINVAL, "role", "role must be 1 to %d characters",
				    MK_OBS_ROLE_MAX);
	for (size_t i = 0; i < n; i++)
		if (!((role[i] >= 'a' && role[i] <= 'z') || (role[i] >= '0' && role[i] <= '9') ||
		      role[i] == '-'))
			return mk_error_set(err, MK_EINVAL, "role",
					    "role '%s' may hold only a-z, 0-9 and '-'", role);
	return MK_OK;
}

/* --- Extraction -------------------------------------------------------------- */

static bool url_end(unsigned char c)
{
	return c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"' || c == '\'' ||
	       c == '`';
}

enum mk_rc mk_observable_scan_urls(const char *text, size_t len, mk_obs_text_cb cb, void *ctx)
{
	size_t i = 0;
	while (i < len) {
		size_t si, n = 0;
		char c = lower(text[i]);
		if ((c == 'h' || c == 'f') && (i == 0 || !((text[i - 1] >= 'a' && text[i - 1] <= 'z') ||
						      (text[i - 1] >= 'A' && text[i - 1] <= 'Z') ||
						      (text[i - 1] >= '0' && text[i - 1] <= '9'))))
			n = scheme_len(text + i, len - i, &si);
		if (n == 0) {
			i++;
			continue;
		}
		size_t end = i + n + 3;
		while (end < len && !url_end((unsigned char)text[end]))
			end++;
		/* Prose around a URL: "see https://x.example/a." or "(at
		 * https://x.example/a)": the full stop and the bracket belong to
		 * the sentence, unless the URL opened the bracket itself. */
		for (;;) {
			char last = text[end - 1];
			if (strchr(".,;:!?", last) && end > i + n + 3) {
				end--;
				continue;
			}
			const char *pair = last == ')' ? "(" : last == ']' ? "[" : last == '}' ? "{" : NULL;
			if (pair && end > i + n + 3) {
				int open = 0, close = 0;
				for (size_t k = i; k < end; k++) {
					open += text[k] == pair[0];
					close += text[k] == last;
				}
				if (close > open) {
					end--;
					continue;
				}
			}
			break;
		}
		if (end > i + n + 3) {
			enum mk_rc rc = cb(ctx, text + i, end - i);
			if (rc)
				return rc;
		}
		i = end;
	}
	return MK_OK;
}

enum mk_rc mk_observable_url_host(const char *url, struct mk_buf *out, bool *ret_is_ip,
				  struct mk_error *err)
{
	size_t len = url ? strlen(url) : 0, si, n = scheme_len(url ? url : "", len, &si);
	mk_buf_reset(out);
	if (ret_is_ip)
		*ret_is_ip = false;
	if (n == 0)
		return mk_error_set(err, MK_EINVAL, "value", "'%.80s' is not a URL", url ? url : "");
	size_t a = n + 3, end = a;
	while (end < len && url[end] != '/' && url[end] != '?' && url[end] != '#')
		end++;
	size_t host = a;
	for (size_t i = a; i < end; i++)
		if (url[i] == '@')
			host = i + 1;
	size_t host_end = host;
	if (host < end && url[host] == '[') {
		while (host_end < end && url[host_end] != ']')
			host_end++;
		host++;
	} else {
		while (host_end < end && url[host_end] != ':')
			host_end++;
	}
	struct mk_buf tmp;
	mk_buf_init(&tmp, MK_OBS_VALUE_MAX);
	enum mk_rc rc = norm_ip(url + host, host_end - host, &tmp, NULL);
	if (rc == MK_OK) {
		mk_buf_adds(out, tmp.data);
		mk_buf_release(&tmp);
		if (ret_is_ip)
			*ret_is_ip = true;
		return mk_error_set(err, MK_EINVAL, "value", "URL host '%s' is an IP address",
				    out->data);
	}
	mk_buf_release(&tmp);
	rc = norm_domain(url + host, host_end - host, out, err);
	if (rc)
		mk_buf_reset(out);
	return rc;
}

enum mk_rc mk_observable_email_domain(const char *email, struct mk_buf *out,
				      struct mk_error *err)
{
	mk_buf_reset(out);
	const char *at = email ? strrchr(email, '@') : NULL;
	if (!at)
		return mk_error_set(err, MK_EINVAL, "value", "'%.80s' is not an e-mail address",
				    email ? email : "");
	enum mk_rc rc = norm_domain(at + 1, strlen(at + 1), out, err);
	if (rc)
		mk_buf_reset(out);
	return rc;
}
