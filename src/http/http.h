/* meldkamer serve: the HTTP front end (libmicrohttpd). This header is the
 * contract between the server glue (server.c, router.c), the JSON API
 * handlers (api-*.c) and the HTML pages (ui-*.c): a handler gets a parsed,
 * authenticated request and fills a response; it never touches
 * libmicrohttpd itself.
 *
 * Every route names one core/access.h action; the router asks
 * mk_access_decide (with the incident's need-to-know facts for routes
 * that carry an incident key) before the handler runs, so no handler
 * decides access on its own. */
#ifndef MK_HTTP_HTTP_H
#define MK_HTTP_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/rc.h"
#include "base/time.h"
#include "core/access.h"
#include "service/accounts.h"
#include "service/service.h"

/* A request body above this is refused with 413 before it is read whole. */
#define MK_HTTP_BODY_MAX (256 * 1024)
/* A response body (one page, one API answer) never grows past this. */
#define MK_HTTP_RESPONSE_MAX (8 * 1024 * 1024)
#define MK_HTTP_SEGMENTS_MAX 8
/* An evidence file uploaded to POST /api/v1/incidents/{key}/evidence/file
 * (raw body, application/octet-stream) is the one body allowed past
 * MK_HTTP_BODY_MAX: it is streamed to an unlinked temporary file, never
 * held in memory, up to this size (doc/custody.md). */
#define MK_HTTP_UPLOAD_MAX ((long long)4 * 1024 * 1024 * 1024)
/* Whether a request (method, raw target) is such an upload. */
bool mk_http_is_upload(const char *method, const char *target);

/* One name=value pair of a query string, form body, header or cookie. */
struct mk_http_pair {
	const char *name;
	const char *value;
};

/* More query parameters, form fields, headers or cookies than this in one
 * request is refused (400/431) rather than read. */
#define MK_HTTP_PARAMS_MAX 64

/* A request as the handlers see it. server.c fills it from libmicrohttpd;
 * tests may fill it by hand, since nothing here needs the server. Every
 * string is borrowed from the server for the request's lifetime. */
struct mk_http_request {
	const char *method;               /* "GET", "POST", ... */
	const char *path;                 /* without the query string */
	const char *seg[MK_HTTP_SEGMENTS_MAX]; /* path segments, percent-decoded */
	size_t nseg;
	const char *body;                 /* NUL-terminated; "" when none */
	size_t body_len;
	bool has_body_fd;                 /* an upload (mk_http_is_upload): the body is in */
	int body_fd;                      /* an unlinked file, at offset 0 */
	long long body_fd_size;
	const char *content_type;         /* the media type without parameters, or "" */
	const char *address;              /* the client's address as text */
	bool tls;                         /* served over TLS: cookies get Secure */
	mk_time now;                      /* read once per request */

	struct mk_http_pair query[MK_HTTP_PARAMS_MAX];
	size_t nquery;
	struct mk_http_pair headers[MK_HTTP_PARAMS_MAX];
	size_t nheaders;
	struct mk_http_pair cookies[MK_HTTP_PARAMS_MAX];
	size_t ncookies;
	struct mk_http_pair form[MK_HTTP_PARAMS_MAX]; /* urlencoded bodies only */
	size_t nform;

	bool authenticated;
	bool via_token;                   /* Authorization: Bearer (no CSRF needed) */
	struct mk_account account;        /* valid when authenticated */
	char csrf[MK_TOKEN_TEXT];         /* the session's CSRF token, or "" */
	struct mk_actor actor;            /* name = account display name, role, via */
	const char *lang;                 /* "nl" or "en" */

	struct mk_service *svc;           /* this worker's service (own connection) */
	const char *key;                  /* the incident key of the route, or NULL */
	void *impl;                       /* server.c's own (the connection) */
};

/* Query-string, header (case-insensitive name) and cookie values
 * (borrowed; NULL if absent; the first if repeated). mk_http_form reads
 * application/x-www-form-urlencoded bodies. */
const char *mk_http_query(const struct mk_http_request *r, const char *name);
const char *mk_http_header(const struct mk_http_request *r, const char *name);
const char *mk_http_cookie(const struct mk_http_request *r, const char *name);
const char *mk_http_form(const struct mk_http_request *r, const char *name);
/* Every value of a repeated form field, in order: the i-th or NULL. */
const char *mk_http_form_nth(const struct mk_http_request *r, const char *name, size_t i);

/* Parses an application/x-www-form-urlencoded text (a query string or a
 * form body) in place: text is overwritten with the decoded names and
 * values, which ret[] then points into. '+' is a space, %XX a byte. A bad
 * escape, a NUL byte, a control character other than TAB/CR/LF in a value,
 * invalid UTF-8, or more than max pairs is MK_EINVAL naming the field (the
 * pair's name where it is known). *ret_n counts the pairs. */
enum mk_rc mk_http_parse_urlencoded(char *text, struct mk_http_pair *ret, size_t max,
				    size_t *ret_n, struct mk_error *err);
/* Parses a Cookie header ("a=1; b=2") in place, the same way. */
enum mk_rc mk_http_parse_cookies(char *text, struct mk_http_pair *ret, size_t max,
				 size_t *ret_n, struct mk_error *err);
/* Percent-decodes one path segment in place. MK_EINVAL for a bad escape,
 * a NUL, '/' or a control character, "." or "..", or invalid UTF-8. */
enum mk_rc mk_http_decode_segment(char *seg, struct mk_error *err);

#define MK_HTTP_HEADERS_MAX 8

struct mk_http_response {
	int status;
	const char *content_type;         /* static string */
	struct mk_buf body;
	/* Extra headers; names and values are checked for CR/LF before sending. */
	struct {
		char name[48];
		char value[512];
	} header[MK_HTTP_HEADERS_MAX];
	size_t nheader;
	/* A download too large for body (an evidence archive): the file is
	 * sent from this descriptor, which the server closes; -1 if none. */
	int file_fd;
	long long file_size;
};

void mk_http_response_init(struct mk_http_response *resp);
void mk_http_response_release(struct mk_http_response *resp);

/* Adds a header (ETag, Location, Set-Cookie...). A value with CR or LF is
 * refused (header injection) and the response becomes a 500. */
void mk_http_set_header(struct mk_http_response *resp, const char *name, const char *value);

/* An application/problem+json answer (RFC 9457): status, a short title,
 * detail and the field at fault (may be NULL). */
void mk_http_problem(struct mk_http_response *resp, int status, const char *field,
		     const char *detail);
/* The problem for a service failure: the status from mk_http_status(rc),
 * detail and field from err. */
void mk_http_problem_from(struct mk_http_response *resp, const struct mk_error *err);
/* The HTTP status for an mk_rc: EINVAL 422 (a handler answers 400 itself
 * for a body it cannot parse), ENOTFOUND 404, ECONFLICT 409 (412 is the
 * handler's for a stale If-Match), EPERM 403, ETOOBIG 413, ETHROTTLED 429,
 * ECHAIN 500, ESTORE and ENOMEM 503. */
int mk_http_status(enum mk_rc rc);
/* 303 See Other to location (after a form POST). */
void mk_http_redirect(struct mk_http_response *resp, const char *location);

typedef void (*mk_http_handler)(struct mk_http_request *req, struct mk_http_response *resp);

struct mk_http_route {
	const char *method;
	const char *pattern;    /* "/api/v1/incidents/{key}/log": {key} is an incident key */
	enum mk_action action;
	bool public_route;      /* no login needed (login page, healthz, static, openapi) */
	bool html;              /* a page: not logged in redirects to /login, errors as HTML */
	mk_http_handler handler;
};

/* The route tables: api-*.c contribute mk_api_routes, ui-*.c mk_ui_routes;
 * router.c tries them in order, first match wins. */
extern const struct mk_http_route mk_api_routes[];
extern const size_t mk_api_nroutes;
extern const struct mk_http_route mk_ui_routes[];
extern const size_t mk_ui_nroutes;

#endif
