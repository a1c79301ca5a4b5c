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

struct mk_http_request {
	const char *method;               /* "GET", "POST", ... */
	const char *path;                 /* without the query string */
	const char *seg[MK_HTTP_SEGMENTS_MAX]; /* path segments, percent-decoded */
	size_t nseg;
	const char *body;                 /* NUL-terminated; "" when none */
	size_t body_len;
	const char *address;              /* the client's address as text */
	bool tls;                         /* served over TLS: cookies get Secure */
	mk_time now;                      /* read once per request */

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

/* Query-string, header and cookie values (borrowed; NULL if absent).
 * mk_http_form reads application/x-www-form-urlencoded bodies. */
const char *mk_http_query(const struct mk_http_request *r, const char *name);
const char *mk_http_header(const struct mk_http_request *r, const char *name);
const char *mk_http_cookie(const struct mk_http_request *r, const char *name);
const char *mk_http_form(const struct mk_http_request *r, const char *name);
/* Every value of a repeated form field, in order: the i-th or NULL. */
const char *mk_http_form_nth(const struct mk_http_request *r, const char *name, size_t i);

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
};

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
/* The HTTP status for an mk_rc: EINVAL 400/422, ENOTFOUND 404, ECONFLICT
 * 409, EPERM 403, ETOOBIG 413, ETHROTTLED 429, ECHAIN and ESTORE 500/503. */
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

#endif
