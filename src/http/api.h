/* Shared helpers of the JSON API handlers (src/http/api-*.c): answering
 * with a jansson value, reading a JSON body under the limits, checking
 * its members by name and type, ETag / If-Match for optimistic
 * concurrency, paging parameters, and the need-to-know filter for
 * listings. Every handler answers through these, so that every endpoint
 * refuses bad input the same way and with the same messages.
 *
 * Status codes: 400 for a body that is not JSON (or too deep), 415 for a
 * body that is not application/json, 413 for one above MK_HTTP_BODY_MAX,
 * 422 for JSON that is well-formed but wrong (an unknown member, a wrong
 * type, a value the service refuses), 428 for a missing If-Match where
 * one is required and 412 for a stale one. */
#ifndef MK_HTTP_API_H
#define MK_HTTP_API_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "http/http.h"

#define MK_API_PREFIX "/api/v1"

/* Answers value (its reference is taken, also on failure) as
 * application/json with status. A NULL value (jansson's allocation
 * failed) or a body above MK_HTTP_RESPONSE_MAX answers 503. */
void mk_api_send(struct mk_http_response *resp, int status, json_t *value);
/* False, with a 403 answered, when the reader may not see an incident's
 * handling (core/access.h: a melder follows their report, not the
 * checklist or the decisions). */
bool mk_api_may_see_handling(const struct mk_http_request *req, struct mk_http_response *resp,
			     const char *what);
/* Completes an answer already written into resp->body (a streamed
 * export/json-writer.h answer whose writer ended with rc): status and
 * content type, or a 503 problem when the writing failed. */
void mk_api_send_written(struct mk_http_response *resp, int status, enum mk_rc rc);

/* A problem answer as mk_http_problem, with the members of extra (taken;
 * may be NULL) added, e.g. {"current_version": 4} for a stale write. */
void mk_api_problem(struct mk_http_response *resp, int status, const char *field,
		    const char *detail, json_t *extra);

/* The problem for a failed service call (mk_http_problem_from). */
void mk_api_fail(struct mk_http_response *resp, const struct mk_error *err);

/* Checks the request's media type: application/json, with charset utf-8
 * if a charset is given (any case; quotes allowed). false and a 415 in
 * resp otherwise. */
bool mk_api_check_json_type(const struct mk_http_request *req, struct mk_http_response *resp);

/* Reads the body as one JSON object: 415 (mk_api_check_json_type), 413
 * above MK_HTTP_BODY_MAX, 400 for invalid UTF-8 (naming the byte),
 * malformed JSON (naming line, column and byte), duplicate members or
 * nesting deeper than MK_JSON_DEPTH_MAX, 422 for JSON that is not an
 * object. On success *ret is a new reference; on failure resp holds the
 * problem and false is returned. */
bool mk_api_read_object(const struct mk_http_request *req, struct mk_http_response *resp,
			json_t **ret);
/* As mk_api_read_object, but an empty body gives an empty object (for
 * actions whose body is optional, such as close). */
bool mk_api_read_optional_object(const struct mk_http_request *req,
				 struct mk_http_response *resp, json_t **ret);

/* How deep a JSON value nests: a scalar is 0, [] and {} are 1. */
size_t mk_api_json_depth(const json_t *v);

/* --- Members of a JSON object ------------------------------------------------
 * Each gives MK_EINVAL naming the member (the path for nested ones, as
 * "matrix.table") with the messages "unknown member 'x'", "'x' must be a
 * string", "'x' is required"... A member that is absent leaves *ret
 * untouched and *ret_has (where there is one) false; JSON null counts as
 * absent unless the function says otherwise. */

/* Refuses a member whose name is not in names (NULL-terminated). prefix
 * ("" or "matrix.") goes before the name in the message and field. */
enum mk_rc mk_api_only_members(const json_t *obj, const char *prefix, const char *const *names,
			       struct mk_error *err);
enum mk_rc mk_api_get_string(const json_t *obj, const char *prefix, const char *name,
			     bool required, const char **ret, struct mk_error *err);
enum mk_rc mk_api_get_bool(const json_t *obj, const char *prefix, const char *name,
			   bool *ret_has, bool *ret, struct mk_error *err);
/* An integer in min..max; a fraction or a number out of range is refused
 * with the range named. */
enum mk_rc mk_api_get_integer(const json_t *obj, const char *prefix, const char *name,
			      int64_t min, int64_t max, bool *ret_has, int64_t *ret,
			      struct mk_error *err);
/* A nested object, or NULL in *ret when absent. */
enum mk_rc mk_api_get_object(const json_t *obj, const char *prefix, const char *name,
			     const json_t **ret, struct mk_error *err);

/* --- Versions: ETag and If-Match ------------------------------------------- */

/* Sets ETag: "<version>" (a strong validator: the version changes with
 * every write to the incident). */
void mk_api_set_etag(struct mk_http_response *resp, int64_t version);

/* Reads If-Match as a version. Absent: 428 when required, else *ret 0.
 * Accepted forms: "N" and W/"N" (a weak one compares the same, since
 * the version is the whole state); '*' or a list of several is 400,
 * since a write must name the version its author saw. */
bool mk_api_if_match(const struct mk_http_request *req, struct mk_http_response *resp,
		     bool required, int64_t *ret_version);

/* After a write the service refused with MK_ECONFLICT: a stale version is
 * answered 412 naming the current version, anything else as the service
 * said (409). */
void mk_api_fail_write(struct mk_http_request *req, struct mk_http_response *resp,
		       int64_t expected_version, const struct mk_error *err);

/* After a write has committed: when the answer could not be built (out
 * of memory reading back what was written), answers status with body
 * (a JSON text, e.g. {"key":"MK-2026-0001"}) instead of a failure that
 * would make the client send the write again. */
void mk_api_written(struct mk_http_response *resp, int status, const char *body);

/* --- Query parameters ---------------------------------------------------- */

/* limit=1..MK_PAGE_MAX (default MK_PAGE_DEFAULT); anything else 422. */
bool mk_api_query_limit(const struct mk_http_request *req, struct mk_http_response *resp,
			int *ret_limit);
/* A yes/no parameter: true/false/1/0; absent leaves *ret. */
bool mk_api_query_bool(const struct mk_http_request *req, struct mk_http_response *resp,
		       const char *name, bool *ret);
/* A positive integer parameter in 1..INT64_MAX; absent leaves *ret. */
bool mk_api_query_int(const struct mk_http_request *req, struct mk_http_response *resp,
		      const char *name, int64_t *ret);

/* --- Need-to-know in listings ----------------------------------------------- */

/* Whether the request's account may see inc, by the same decision the
 * router makes for one incident (mk_access_decide on incident-read), for
 * listings that are not narrowed in the store (search, deadlines). On a
 * failure to read the facts *ret_visible is false and the rc returned. */
enum mk_rc mk_api_visible(struct mk_http_request *req, const struct mk_incident *inc,
			  bool *ret_visible, struct mk_error *err);

#endif
