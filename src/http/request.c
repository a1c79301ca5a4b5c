/* The parts of a request and a response that need no server: looking up
 * query, header, cookie and form values, decoding urlencoded text and path
 * segments, and building problem answers. server.c fills a struct
 * mk_http_request with what these produce; handlers and their tests only
 * ever see that struct, never libmicrohttpd. */
#include "http/http.h"

#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"

static const char *pair_value(const struct mk_http_pair *p, size_t n, const char *name,
			      bool fold_case, size_t nth)
{
	for (size_t i = 0; i < n; i++) {
		bool same = fold_case ? strcasecmp(p[i].name, name) == 0
				      : strcmp(p[i].name, name) == 0;
		if (same && nth-- == 0)
			return p[i].value;
	}
	return NULL;
}

const char *mk_http_query(const struct mk_http_request *r, const char *name)
{
	return pair_value(r->query, r->nquery, name, false, 0);
}

const char *mk_http_header(const struct mk_http_request *r, const char *name)
{
	/* Header names are case-insensitive (RFC 9110 section 5.1). */
	return pair_value(r->headers, r->nheaders, name, true, 0);
}

const char *mk_http_cookie(const struct mk_http_request *r, const char *name)
{
	return pair_value(r->cookies, r->ncookies, name, false, 0);
}

const char *mk_http_form(const struct mk_http_request *r, const char *name)
{
	return pair_value(r->form, r->nform, name, false, 0);
}

const char *mk_http_form_nth(const struct mk_http_request *r, const char *name, size_t i)
{
	return pair_value(r->form, r->nform, name, false, i);
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s in place (%XX, and '+' as a space when plus_is_space); stops
 * at the NUL. MK_EINVAL for a bad escape or an escaped NUL. */
static enum mk_rc percent_decode(char *s, bool plus_is_space, const char *field,
				 struct mk_error *err)
{
	char *out = s;
	for (const char *in = s; *in; in++) {
		if (*in == '%') {
			int hi = hex_digit(in[1]);
			int lo = hi < 0 ? -1 : hex_digit(in[2]);
			if (lo < 0)
				return mk_error_set(err, MK_EINVAL, field,
						    "'%s' has a bad percent escape", field);
			char c = (char)(hi * 16 + lo);
			/* An escaped NUL would cut the value short for C code
			 * while the rest of it was still stored somewhere. */
			if (c == '\0')
				return mk_error_set(err, MK_EINVAL, field,
						    "'%s' holds a NUL byte", field);
			*out++ = c;
			in += 2;
		} else if (*in == '+' && plus_is_space) {
			*out++ = ' ';
		} else {
			*out++ = *in;
		}
	}
	*out = '\0';
	return MK_OK;
}

/* Text values may hold TAB, CR and LF (a description has lines); other
 * control characters are not text and may hide what is shown. */
static enum mk_rc check_text(const char *s, const char *field, struct mk_error *err)
{
	size_t len = strlen(s);
	if (!mk_utf8_valid(s, len))
		return mk_error_set(err, MK_EINVAL, field, "'%s' is not valid UTF-8 (byte %zu)",
				    field, mk_utf8_first_invalid(s, len));
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f)
			return mk_error_set(err, MK_EINVAL, field,
					    "'%s' holds control character 0x%02x", field, c);
	}
	return MK_OK;
}

/* A name for messages about a pair whose name could not be decoded. */
static const char *safe_name(const char *name)
{
	return mk_utf8_valid(name, strlen(name)) && strlen(name) < 48 ? name : "(parameter)";
}

enum mk_rc mk_http_parse_urlencoded(char *text, struct mk_http_pair *ret, size_t max,
				    size_t *ret_n, struct mk_error *err)
{
	size_t n = 0;
	char *p = text;
	while (p && *p) {
		char *amp = strchr(p, '&');
		if (amp)
			*amp = '\0';
		if (*p) { /* "a=1&&b=2" has an empty pair: skipped */
			if (n == max)
				return mk_error_set(err, MK_EINVAL, "",
						    "more than %zu parameters", max);
			char *eq = strchr(p, '=');
			char *value = p + strlen(p); /* no '=': the empty string at its end */
			if (eq) {
				*eq = '\0';
				value = eq + 1;
			}
			enum mk_rc rc = percent_decode(p, true, "(parameter name)", err);
			if (rc == MK_OK)
				rc = check_text(p, "(parameter name)", err);
			if (rc != MK_OK)
				return rc;
			const char *field = safe_name(p);
			rc = percent_decode(value, true, field, err);
			if (rc == MK_OK)
				rc = check_text(value, field, err);
			if (rc != MK_OK)
				return rc;
			ret[n].name = p;
			ret[n].value = value;
			n++;
		}
		p = amp ? amp + 1 : NULL;
	}
	*ret_n = n;
	return MK_OK;
}

enum mk_rc mk_http_parse_cookies(char *text, struct mk_http_pair *ret, size_t max,
				 size_t *ret_n, struct mk_error *err)
{
	size_t n = 0;
	char *p = text;
	while (p && *p) {
		char *semi = strchr(p, ';');
		if (semi)
			*semi = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		char *eq = strchr(p, '=');
		if (*p && eq) { /* a cookie without '=' is ignored, as browsers do */
			if (n == max)
				return mk_error_set(err, MK_EINVAL, "Cookie", "more than %zu cookies",
						    max);
			*eq = '\0';
			char *value = eq + 1;
			size_t vlen = strlen(value);
			while (vlen && (value[vlen - 1] == ' ' || value[vlen - 1] == '\t'))
				value[--vlen] = '\0';
			if (vlen >= 2 && value[0] == '"' && value[vlen - 1] == '"') {
				value[vlen - 1] = '\0';
				value++;
			}
			enum mk_rc rc = check_text(p, "Cookie", err);
			if (rc == MK_OK)
				rc = check_text(value, "Cookie", err);
			if (rc != MK_OK)
				return rc;
			ret[n].name = p;
			ret[n].value = value;
			n++;
		}
		p = semi ? semi + 1 : NULL;
	}
	*ret_n = n;
	return MK_OK;
}

enum mk_rc mk_http_decode_segment(char *seg, struct mk_error *err)
{
	enum mk_rc rc = percent_decode(seg, false, "path", err);
	if (rc != MK_OK)
		return rc;
	/* "%2e%2e" and "%2f" are how a traversal hides from a plain check. */
	if (strcmp(seg, ".") == 0 || strcmp(seg, "..") == 0 || strchr(seg, '/') ||
	    strchr(seg, '\\'))
		return mk_error_set(err, MK_EINVAL, "path", "the path leaves its folder");
	size_t len = strlen(seg);
	if (!mk_utf8_valid(seg, len))
		return mk_error_set(err, MK_EINVAL, "path", "the path is not valid UTF-8");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)seg[i] < 0x20 || seg[i] == 0x7f)
			return mk_error_set(err, MK_EINVAL, "path",
					    "the path holds a control character");
	return MK_OK;
}

/* --- Responses ---------------------------------------------------------- */

void mk_http_response_init(struct mk_http_response *resp)
{
	resp->status = 200;
	resp->content_type = "text/plain; charset=utf-8";
	mk_buf_init(&resp->body, MK_HTTP_RESPONSE_MAX);
	resp->nheader = 0;
	resp->file_fd = -1;
	resp->file_size = 0;
}

void mk_http_response_release(struct mk_http_response *resp)
{
	if (!resp)
		return;
	mk_buf_release(&resp->body);
	if (resp->file_fd >= 0)
		close(resp->file_fd);
	resp->file_fd = -1;
	resp->nheader = 0;
}

void mk_http_set_header(struct mk_http_response *resp, const char *name, const char *value)
{
	/* CR or LF in a header would let a value start a header of its own
	 * (response splitting); a server error is safer than sending it. */
	bool bad = strpbrk(name, "\r\n:") || strpbrk(value, "\r\n") ||
		   strlen(name) >= sizeof(resp->header[0].name) ||
		   strlen(value) >= sizeof(resp->header[0].value) ||
		   resp->nheader == MK_HTTP_HEADERS_MAX;
	if (bad) {
		resp->nheader = 0;
		mk_http_problem(resp, 500, NULL, "a response header was refused");
		return;
	}
	snprintf(resp->header[resp->nheader].name, sizeof(resp->header[0].name), "%s", name);
	snprintf(resp->header[resp->nheader].value, sizeof(resp->header[0].value), "%s", value);
	resp->nheader++;
}

static const char *status_title(int status)
{
	switch (status) {
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 406: return "Not Acceptable";
	case 409: return "Conflict";
	case 411: return "Length Required";
	case 412: return "Precondition Failed";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 428: return "Precondition Required";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return status < 500 ? "Client Error" : "Server Error";
	}
}

/* A JSON string literal of s (valid UTF-8 is assumed: every message is
 * built from checked input). */
static void add_json_string(struct mk_buf *b, const char *s)
{
	mk_buf_addc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			mk_buf_addc(b, '\\');
			mk_buf_addc(b, (char)c);
		} else if (c < 0x20) {
			mk_buf_addf(b, "\\u%04x", c);
		} else {
			mk_buf_addc(b, (char)c);
		}
	}
	mk_buf_addc(b, '"');
}

void mk_http_problem(struct mk_http_response *resp, int status, const char *field,
		     const char *detail)
{
	resp->status = status;
	resp->content_type = "application/problem+json";
	mk_buf_reset(&resp->body);
	mk_buf_addf(&resp->body, "{\"type\":\"about:blank\",\"status\":%d,\"title\":", status);
	add_json_string(&resp->body, status_title(status));
	if (detail && *detail) {
		mk_buf_adds(&resp->body, ",\"detail\":");
		add_json_string(&resp->body, detail);
	}
	if (field && *field) {
		mk_buf_adds(&resp->body, ",\"field\":");
		add_json_string(&resp->body, field);
	}
	mk_buf_adds(&resp->body, "}\n");
}

int mk_http_status(enum mk_rc rc)
{
	switch (rc) {
	case MK_OK: return 200;
	case MK_EINVAL: return 422;
	case MK_ENOTFOUND: return 404;
	case MK_ECONFLICT: return 409;
	case MK_EPERM: return 403;
	case MK_ETOOBIG: return 413;
	case MK_ETHROTTLED: return 429;
	case MK_ECHAIN: return 500;
	case MK_ENOMEM:
	case MK_ESTORE: return 503;
	}
	return 500;
}

void mk_http_problem_from(struct mk_http_response *resp, const struct mk_error *err)
{
	if (err->rc == MK_ESTORE) {
		/* A store failure (busy, disk full, damaged) is the operator's
		 * to read, with the database's path; the client learns that
		 * it may try again. */
		fprintf(stderr, "meldkamer serve: %s\n", err->message);
		mk_http_problem(resp, 503, NULL,
				"the database is busy or unavailable: try again in a moment");
		mk_http_set_header(resp, "Retry-After", "5");
		return;
	}
	mk_http_problem(resp, mk_http_status(err->rc), err->field, err->message);
}

void mk_http_redirect(struct mk_http_response *resp, const char *location)
{
	resp->status = 303;
	resp->content_type = "text/plain; charset=utf-8";
	mk_buf_reset(&resp->body);
	mk_http_set_header(resp, "Location", location);
}

bool mk_http_is_upload(const char *method, const char *target)
{
	/* POST /api/v1/incidents/<one segment>/evidence/file[?query], as
	 * sent: an encoded variant is not an upload and gets the ordinary
	 * body limit. */
	static const char prefix[] = "/api/v1/incidents/", suffix[] = "/evidence/file";
	if (strcmp(method, "POST") != 0 || strncmp(target, prefix, sizeof(prefix) - 1) != 0)
		return false;
	const char *seg = target + sizeof(prefix) - 1;
	size_t seg_len = strcspn(seg, "/?");
	if (seg_len == 0)
		return false;
	const char *rest = seg + seg_len;
	size_t rest_len = strcspn(rest, "?");
	return rest_len == sizeof(suffix) - 1 && strncmp(rest, suffix, rest_len) == 0;
}
