/* The one path every request takes between the server glue and a handler:
 * match the route, authenticate, check CSRF, decide access, call the
 * handler (router.c). server.c fills the request and sends what comes
 * back; nothing else decides who may do what. */
#ifndef MK_HTTP_ROUTER_H
#define MK_HTTP_ROUTER_H

#include "http/http.h"

/* Answers req into resp (initialised by the caller). early, when not
 * NULL, is a failure found while reading the request (a bad query
 * string, a bad form body) with its HTTP status: it is answered in the
 * route's format (HTML page or problem+json) once the route is known. */
void mk_router_handle(struct mk_http_request *req, int early_status,
		      const struct mk_error *early, struct mk_http_response *resp);

/* An error answer in the format the request calls for: problem+json under
 * /api/ or for a client that does not ask for HTML, otherwise a small
 * page (mk_http_error_page). field may be NULL. */
void mk_router_error(const struct mk_http_request *req, bool html, int status,
		     const char *field, const char *detail, struct mk_http_response *resp);

/* Whether an error for this request (no route known) is shown as a page:
 * a path outside /api/ asked for by a client that accepts text/html. */
bool mk_router_wants_html(const struct mk_http_request *req);
/* A parent named among fields must be an incident the actor may read:
 * one they may not see is answered exactly like one that does not exist
 * (MK_ENOTFOUND naming "parent"), so naming keys as a parent tells
 * nothing. */
enum mk_rc mk_router_check_parent(struct mk_http_request *req, const struct mk_field_value *fields,
				  size_t nfields, struct mk_error *err);

/* The error page of the web UI: status, a short message. error-page.c
 * holds a plain version; the web UI may render it in its layout. */
void mk_http_error_page(const struct mk_http_request *req, int status, const char *detail,
			struct mk_http_response *resp);

#endif
