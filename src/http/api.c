/* The shared half of the JSON API (http/api.h): JSON answers and
 * problems, reading bodies under the limits, member and type checks,
 * versions (ETag / If-Match) and query parameters. The handlers in
 * api-*.c hold no checks of their own beyond naming their members. */
#include "http/api.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/limits.h"
#include "base/utf8.h"
#include "core/text.h"

/* Whether client text may go into a message as it is: valid UTF-8, one
 * line, nothing that hides or reorders what a reader sees. */
static bool plain(const char *s)
{
	return mk_text_check("", s, (size_t)-1, MK_TEXT_LINE, false, NULL) == MK_OK;
}

static int dump_to_buf(const char *chunk, size_t size, void *data)
{
	struct mk_buf *b = data;
	mk_buf_add(b, chunk, size);
	return mk_buf_rc(b) == MK_OK ? 0 : -1;
}

void mk_api_send(struct mk_http_response *resp, int status, json_t *value)
{
	if (!value) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	mk_buf_reset(&resp->body);
	/* Straight into the response buffer, whose ceiling
	 * (MK_HTTP_RESPONSE_MAX) stops a runaway answer; JSON_ENCODE_ANY for
	 * the arrays some endpoints answer. */
	int rc = json_dump_callback(value, dump_to_buf, &resp->body,
				    JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
	json_decref(value);
	mk_buf_addc(&resp->body, '\n');
	if (rc != 0 || mk_buf_rc(&resp->body) != MK_OK) {
		resp->body.rc = MK_OK; /* the problem replaces what was written */
		mk_http_problem(resp, 503, NULL, "the answer is too large to send");
		return;
	}
	resp->status = status;
	resp->content_type = "application/json";
}

bool mk_api_may_see_handling(const struct mk_http_request *req, struct mk_http_response *resp,
			     const char *what)
{
	if (mk_access_sees_handling(req->account.role))
		return true;
	char detail[160];
	snprintf(detail, sizeof(detail), "role '%s' follows the report, not its %s",
		 mk_role_name(req->account.role), what);
	mk_http_problem(resp, 403, NULL, detail);
	return false;
}

void mk_api_send_written(struct mk_http_response *resp, int status, enum mk_rc rc)
{
	mk_buf_addc(&resp->body, '\n');
	if (rc != MK_OK || mk_buf_rc(&resp->body) != MK_OK) {
		resp->body.rc = MK_OK;
		mk_buf_reset(&resp->body);
		mk_http_problem(resp, 503, NULL, "the answer is too large to send");
		return;
	}
	resp->status = status;
	resp->content_type = "application/json";
}

void mk_api_problem(struct mk_http_response *resp, int status, const char *field,
		    const char *detail, json_t *extra)
{
	mk_http_problem(resp, status, field, detail);
	if (!extra)
		return;
	/* mk_http_problem owns the titles and the shape; the extra members
	 * are merged into what it wrote. */
	json_t *p = json_loadb(resp->body.data, resp->body.len, 0, NULL);
	if (p && json_object_update(p, extra) == 0) {
		mk_buf_reset(&resp->body);
		json_dump_callback(p, dump_to_buf, &resp->body, JSON_COMPACT);
		mk_buf_addc(&resp->body, '\n');
	}
	json_decref(p);
	json_decref(extra);
}

void mk_api_fail(struct mk_http_response *resp, const struct mk_error *err)
{
	if (err->rc == MK_OK) /* a callback stopped without saying why */
		mk_http_problem(resp, 500, NULL, "the request failed");
	else
		mk_http_problem_from(resp, err);
}

/* --- Reading a body ------------------------------------------------------- */

static bool charset_is_utf8(const char *v, size_t n)
{
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v++;
		n -= 2;
	}
	return (n == 5 && strncasecmp(v, "utf-8", 5) == 0) ||
	       (n == 4 && strncasecmp(v, "utf8", 4) == 0);
}

bool mk_api_check_json_type(const struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *full = mk_http_header(req, "Content-Type");
	const char *type = req->content_type ? req->content_type : "";
	if (full == NULL)
		full = type;
	/* The media type is what comes before the parameters, whichever of
	 * the two the server filled. */
	size_t tlen = strcspn(full, ";");
	while (tlen && (full[tlen - 1] == ' ' || full[tlen - 1] == '\t'))
		tlen--;
	bool ok = tlen == strlen("application/json") &&
		  strncasecmp(full, "application/json", tlen) == 0;
	/* Parameters: only charset matters, and only UTF-8 is JSON (RFC 8259
	 * section 8.1); a body in Latin-1 would be mangled, not read. */
	const char *p = full + strcspn(full, ";");
	while (ok && *p == ';') {
		p++;
		p += strspn(p, " \t");
		size_t n = strcspn(p, ";");
		const char *eq = memchr(p, '=', n);
		size_t end = n;
		while (end && (p[end - 1] == ' ' || p[end - 1] == '\t'))
			end--;
		if (eq && (size_t)(eq - p) == 7 && strncasecmp(p, "charset", 7) == 0)
			ok = charset_is_utf8(eq + 1, (size_t)(p + end - (eq + 1)));
		p += n;
	}
	if (!ok) {
		char detail[200];
		snprintf(detail, sizeof(detail),
			 "the body must be application/json (UTF-8), not '%.80s'",
			 *full ? full : "(none)");
		/* The header came from the client: keep the message valid text. */
		if (!plain(detail))
			snprintf(detail, sizeof(detail), "the body must be application/json (UTF-8)");
		mk_http_problem(resp, 415, "Content-Type", detail);
	}
	return ok;
}

size_t mk_api_json_depth(const json_t *v)
{
	size_t deepest = 0;
	if (json_is_object(v)) {
		const char *k;
		json_t *m;
		json_object_foreach((json_t *)v, k, m) {
			size_t d = mk_api_json_depth(m);
			if (d > deepest)
				deepest = d;
		}
		return deepest + 1;
	}
	if (json_is_array(v)) {
		size_t i;
		json_t *m;
		json_array_foreach(v, i, m) {
			size_t d = mk_api_json_depth(m);
			if (d > deepest)
				deepest = d;
		}
		return deepest + 1;
	}
	return 0;
}

/* jansson reports a failed allocation inside the parser as an unknown
 * error, or as the syntax error the missing string then causes; a body
 * refused as malformed because the server was short of memory would
 * send the client to fix what is not broken. So a failed parse is also
 * checked with one allocation through jansson's own allocator. */
static bool parse_ran_out_of_memory(const json_error_t *jerr)
{
	if (json_error_code(jerr) == json_error_out_of_memory ||
	    (json_error_code(jerr) == json_error_unknown && jerr->text[0] == '\0'))
		return true;
	json_malloc_t alloc;
	json_free_t release;
	json_get_alloc_funcs(&alloc, &release);
	void *probe = alloc(64);
	release(probe);
	return probe == NULL;
}

static bool read_object(const struct mk_http_request *req, struct mk_http_response *resp,
			bool optional, json_t **ret)
{
	char detail[400];
	if (optional && req->body_len == 0) {
		json_t *empty = json_object();
		if (!empty) {
			mk_http_problem(resp, 503, NULL, "out of memory");
			return false;
		}
		*ret = empty;
		return true;
	}
	if (!mk_api_check_json_type(req, resp))
		return false;
	if (req->body_len == 0) {
		mk_http_problem(resp, 400, NULL, "the body is empty: send a JSON object");
		return false;
	}
	if (req->body_len > MK_HTTP_BODY_MAX) {
		snprintf(detail, sizeof(detail), "the body is larger than %d bytes",
			 MK_HTTP_BODY_MAX);
		mk_http_problem(resp, 413, NULL, detail);
		return false;
	}
	/* jansson refuses invalid UTF-8 too, but says only "invalid UTF-8":
	 * the byte offset tells a client which value to fix. */
	if (!mk_utf8_valid(req->body, req->body_len)) {
		snprintf(detail, sizeof(detail), "the body is not valid UTF-8 (byte %zu)",
			 mk_utf8_first_invalid(req->body, req->body_len));
		mk_http_problem(resp, 400, NULL, detail);
		return false;
	}
	/* Zeroed: jansson leaves it untouched when an early allocation fails. */
	json_error_t jerr;
	memset(&jerr, 0, sizeof(jerr));
	/* A repeated member would let two readers of one body disagree on
	 * its value; \u0000 is refused by jansson unless asked otherwise. */
	json_t *v = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
			       &jerr);
	if (!v && parse_ran_out_of_memory(&jerr)) {
		mk_http_problem(resp, 503, NULL, "out of memory reading the body");
		return false;
	}
	if (!v) {
		snprintf(detail, sizeof(detail),
			 "malformed JSON at line %d, column %d (byte %d): %s", jerr.line,
			 jerr.column, jerr.position, jerr.text);
		mk_http_problem(resp, 400, NULL, detail);
		return false;
	}
	if (mk_api_json_depth(v) > MK_JSON_DEPTH_MAX) {
		json_decref(v);
		snprintf(detail, sizeof(detail), "the body nests deeper than %d levels",
			 MK_JSON_DEPTH_MAX);
		mk_http_problem(resp, 400, NULL, detail);
		return false;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		mk_http_problem(resp, 422, NULL, "the body must be a JSON object");
		return false;
	}
	*ret = v;
	return true;
}

bool mk_api_read_object(const struct mk_http_request *req, struct mk_http_response *resp,
			json_t **ret)
{
	return read_object(req, resp, false, ret);
}

bool mk_api_read_optional_object(const struct mk_http_request *req,
				 struct mk_http_response *resp, json_t **ret)
{
	return read_object(req, resp, true, ret);
}

/* --- Members ---------------------------------------------------------------- */

/* A member name for messages: client text, so cut and checked. */
static void shown_name(const char *prefix, const char *name, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s%s", prefix, name);
	mk_utf8_truncate(buf, cap);
	if (!plain(buf))
		snprintf(buf, cap, "%s(a name with control characters)", prefix);
}

enum mk_rc mk_api_only_members(const json_t *obj, const char *prefix, const char *const *names,
			       struct mk_error *err)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)obj, k, v) {
		bool known = false;
		for (size_t i = 0; names[i] && !known; i++)
			known = strcmp(names[i], k) == 0;
		if (!known) {
			char shown[64];
			shown_name(prefix, k, shown, sizeof(shown));
			return mk_error_set(err, MK_EINVAL, shown, "unknown member '%s'", shown);
		}
	}
	return MK_OK;
}

static const json_t *member(const json_t *obj, const char *name)
{
	const json_t *v = json_object_get(obj, name);
	return v && !json_is_null(v) ? v : NULL;
}

enum mk_rc mk_api_get_string(const json_t *obj, const char *prefix, const char *name,
			     bool required, const char **ret, struct mk_error *err)
{
	char shown[64];
	shown_name(prefix, name, shown, sizeof(shown));
	const json_t *v = member(obj, name);
	if (!v)
		return required ? mk_error_set(err, MK_EINVAL, shown, "'%s' is required", shown)
				: MK_OK;
	if (!json_is_string(v))
		return mk_error_set(err, MK_EINVAL, shown, "'%s' must be a string", shown);
	/* jansson strings may hold NUL only with JSON_ALLOW_NUL, which is not
	 * given; the length check keeps that true if it ever is. */
	if (strlen(json_string_value(v)) != json_string_length(v))
		return mk_error_set(err, MK_EINVAL, shown, "'%s' holds a NUL byte", shown);
	*ret = json_string_value(v);
	return MK_OK;
}

enum mk_rc mk_api_get_bool(const json_t *obj, const char *prefix, const char *name,
			   bool *ret_has, bool *ret, struct mk_error *err)
{
	char shown[64];
	shown_name(prefix, name, shown, sizeof(shown));
	const json_t *v = member(obj, name);
	if (ret_has)
		*ret_has = false;
	if (!v)
		return MK_OK;
	if (!json_is_boolean(v))
		return mk_error_set(err, MK_EINVAL, shown, "'%s' must be true or false", shown);
	*ret = json_is_true(v);
	if (ret_has)
		*ret_has = true;
	return MK_OK;
}

enum mk_rc mk_api_get_integer(const json_t *obj, const char *prefix, const char *name,
			      int64_t min, int64_t max, bool *ret_has, int64_t *ret,
			      struct mk_error *err)
{
	char shown[64];
	shown_name(prefix, name, shown, sizeof(shown));
	const json_t *v = member(obj, name);
	if (ret_has)
		*ret_has = false;
	if (!v)
		return MK_OK;
	if (!json_is_integer(v))
		return mk_error_set(err, MK_EINVAL, shown, "'%s' must be a whole number", shown);
	json_int_t n = json_integer_value(v);
	if (n < min || n > max)
		return mk_error_set(err, MK_EINVAL, shown, "'%s' must be between %lld and %lld",
				    shown, (long long)min, (long long)max);
	*ret = n;
	if (ret_has)
		*ret_has = true;
	return MK_OK;
}

enum mk_rc mk_api_get_object(const json_t *obj, const char *prefix, const char *name,
			     const json_t **ret, struct mk_error *err)
{
	char shown[64];
	shown_name(prefix, name, shown, sizeof(shown));
	const json_t *v = member(obj, name);
	*ret = NULL;
	if (!v)
		return MK_OK;
	if (!json_is_object(v))
		return mk_error_set(err, MK_EINVAL, shown, "'%s' must be an object", shown);
	*ret = v;
	return MK_OK;
}

/* --- Versions --------------------------------------------------------------- */

void mk_api_set_etag(struct mk_http_response *resp, int64_t version)
{
	char etag[32];
	snprintf(etag, sizeof(etag), "\"%lld\"", (long long)version);
	mk_http_set_header(resp, "ETag", etag);
}

/* "17" -> 17; anything but 1..INT64_MAX in decimal is -1. */
static int64_t parse_version(const char *s, size_t n)
{
	int64_t v = 0;
	if (n == 0 || n > 18 || s[0] == '0')
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool mk_api_if_match(const struct mk_http_request *req, struct mk_http_response *resp,
		     bool required, int64_t *ret_version)
{
	const char *h = mk_http_header(req, "If-Match");
	if (!h) {
		if (required) {
			mk_http_problem(resp, 428, "If-Match",
					"this change needs If-Match with the incident's ETag "
					"(the version you saw), so that no one's change is overwritten");
			return false;
		}
		*ret_version = 0;
		return true;
	}
	const char *p = h + strspn(h, " \t");
	if (strncmp(p, "W/", 2) == 0)
		p += 2;
	size_t n = strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	int64_t v = -1;
	if (n >= 3 && p[0] == '"' && p[n - 1] == '"')
		v = parse_version(p + 1, n - 2);
	if (v < 1) {
		mk_http_problem(resp, 400, "If-Match",
				"If-Match must be one ETag as sent by GET, such as \"3\"");
		return false;
	}
	*ret_version = v;
	return true;
}

static void stale(struct mk_http_response *resp, int64_t expected, int64_t current)
{
	char detail[200];
	if (expected < current)
		snprintf(detail, sizeof(detail),
			 "the incident changed since version %lld: it is now version %lld; "
			 "read it again and retry",
			 (long long)expected, (long long)current);
	else /* a version it never had: an ETag made up, or of another incident */
		snprintf(detail, sizeof(detail),
			 "the incident has no version %lld: it is at version %lld; read it again "
			 "and retry",
			 (long long)expected, (long long)current);
	mk_api_problem(resp, 412, "If-Match", detail,
		       json_pack("{s:I}", "current_version", (json_int_t)current));
}

void mk_api_fail_write(struct mk_http_request *req, struct mk_http_response *resp,
		       int64_t expected_version, const struct mk_error *err)
{
	if (err->rc == MK_ECONFLICT && expected_version) {
		/* Another writer may have come between the check and the write:
		 * then the store refused the stale version, which is a 412. */
		struct mk_incident inc;
		struct mk_error gerr = {0};
		mk_incident_init(&inc);
		enum mk_rc rc = mk_svc_incident_get(req->svc, req->key, &inc, &gerr);
		int64_t current = inc.version;
		mk_incident_release(&inc);
		if (rc == MK_OK && current != expected_version) {
			stale(resp, expected_version, current);
			return;
		}
	}
	mk_api_fail(resp, err);
}

void mk_api_written(struct mk_http_response *resp, int status, const char *body)
{
	if (resp->status == status)
		return;
	mk_http_response_release(resp);
	mk_http_response_init(resp);
	resp->status = status;
	resp->content_type = "application/json";
	mk_buf_adds(&resp->body, body);
	mk_buf_addc(&resp->body, '\n');
}

/* --- Query parameters --------------------------------------------------- */

static bool parse_int(const char *s, int64_t *ret)
{
	if (!*s || strlen(s) > 18)
		return false;
	int64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (*p - '0');
	}
	*ret = v;
	return true;
}

/* A parameter value for a message: client text, cut and checked. */
static const char *shown_value(const char *v, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s", v);
	mk_utf8_truncate(buf, cap);
	if (!plain(buf))
		snprintf(buf, cap, "(text with control characters)");
	return buf;
}

bool mk_api_query_limit(const struct mk_http_request *req, struct mk_http_response *resp,
			int *ret_limit)
{
	const char *s = mk_http_query(req, "limit");
	int64_t v;
	if (!s) {
		*ret_limit = MK_PAGE_DEFAULT;
		return true;
	}
	if (!parse_int(s, &v) || v < 1 || v > MK_PAGE_MAX) {
		char detail[160], shown[48];
		snprintf(detail, sizeof(detail), "'limit' must be a number from 1 to %d, not '%s'",
			 MK_PAGE_MAX, shown_value(s, shown, sizeof(shown)));
		mk_http_problem(resp, 422, "limit", detail);
		return false;
	}
	*ret_limit = (int)v;
	return true;
}

bool mk_api_query_bool(const struct mk_http_request *req, struct mk_http_response *resp,
		       const char *name, bool *ret)
{
	const char *s = mk_http_query(req, name);
	if (!s)
		return true;
	if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0) {
		*ret = true;
		return true;
	}
	if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0) {
		*ret = false;
		return true;
	}
	char detail[160], shown[48];
	snprintf(detail, sizeof(detail), "'%s' must be true or false, not '%s'", name,
		 shown_value(s, shown, sizeof(shown)));
	mk_http_problem(resp, 422, name, detail);
	return false;
}

bool mk_api_query_int(const struct mk_http_request *req, struct mk_http_response *resp,
		      const char *name, int64_t *ret)
{
	const char *s = mk_http_query(req, name);
	int64_t v;
	if (!s)
		return true;
	if (!parse_int(s, &v) || v < 1) {
		char detail[160], shown[48];
		snprintf(detail, sizeof(detail), "'%s' must be a positive whole number, not '%s'",
			 name, shown_value(s, shown, sizeof(shown)));
		mk_http_problem(resp, 422, name, detail);
		return false;
	}
	*ret = v;
	return true;
}
