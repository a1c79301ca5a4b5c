/* The request path between the server glue and the handlers, the one
 * place where access is decided: match method and path against the route
 * tables (the server's own, then the API's, then the web UI's), then
 * authenticate (session cookie or bearer token), check the CSRF token of a
 * session's changing request, ask core/access.c whether the actor may do
 * the route's action (with the incident's need-to-know facts for routes
 * that carry a key), and only then call the handler. */
#include "http/router.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/incident.h"
#include "http/static.h"

/* --- The server's own routes ----------------------------------------------- */

static void healthz(struct mk_http_request *req, struct mk_http_response *resp)
{
	(void)req;
	resp->content_type = "text/plain; charset=utf-8";
	mk_buf_adds(&resp->body, "ok\n");
}

static void static_file(struct mk_http_request *req, struct mk_http_response *resp)
{
	/* Only names in the compiled-in table: whatever the segment spells
	 * ("..", "..\\", an encoded slash was already refused), it cannot
	 * reach a file on disk. */
	const struct mk_static_file *f = mk_static_find(req->seg[1]);
	if (!f) {
		mk_router_error(req, false, 404, NULL, "no such file", resp);
		return;
	}
	resp->content_type = f->content_type;
	mk_buf_add(&resp->body, f->data, f->len);
	mk_http_set_header(resp, "Cache-Control", "public, max-age=3600");
}

static const struct mk_http_route own_routes[] = {
	{"GET", "/healthz", MK_ACT_INCIDENT_LIST, true, false, healthz},
	{"GET", "/static/{name}", MK_ACT_INCIDENT_LIST, true, false, static_file},
};

const struct mk_static_file *mk_static_find(const char *name)
{
	for (size_t i = 0; i < mk_static_nfiles; i++)
		if (strcmp(mk_static_files[i].name, name) == 0)
			return &mk_static_files[i];
	return NULL;
}

/* --- Matching ---------------------------------------------------------------- */

/* An incident key as core/incident.c reads it everywhere ("MK-2026-0001",
 * also "mk-2026-1"), so that the API takes what the CLI takes. */
static bool is_key(const char *s)
{
	int year;
	int64_t number;
	return strlen(s) < MK_KEY_TEXT && mk_incident_key_parse(s, &year, &number, NULL) == MK_OK;
}

/* Whether pattern ("/api/v1/incidents/{key}/log") matches req's segments;
 * *ret_key gets the {key} segment. */
static bool path_matches(const char *pattern, const struct mk_http_request *req,
			 const char **ret_key)
{
	const char *p = pattern;
	const char *key = NULL;
	size_t i = 0;
	if (*p == '/')
		p++;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		if (i == req->nseg)
			return false;
		const char *seg = req->seg[i];
		if (len == 5 && memcmp(p, "{key}", 5) == 0) {
			if (!is_key(seg))
				return false;
			key = seg;
		} else if (len >= 2 && p[0] == '{' && p[len - 1] == '}') {
			if (!*seg)
				return false;
		} else if (strlen(seg) != len || memcmp(seg, p, len) != 0) {
			return false;
		}
		i++;
		p = slash ? slash + 1 : p + len;
	}
	if (i != req->nseg)
		return false;
	*ret_key = key;
	return true;
}

static bool method_matches(const char *route_method, const char *method)
{
	/* HEAD is GET without the body (libmicrohttpd drops it). */
	return strcmp(route_method, method) == 0 ||
	       (strcmp(method, "HEAD") == 0 && strcmp(route_method, "GET") == 0);
}

struct match {
	const struct mk_http_route *route;
	const char *key;
	bool path_known;  /* some route has this path, perhaps not this method */
	char allow[64];   /* the methods it has, for 405's Allow */
};

static void try_table(const struct mk_http_route *t, size_t n, const struct mk_http_request *req,
		      struct match *m)
{
	for (size_t i = 0; i < n && !m->route; i++) {
		const char *key = NULL;
		if (!path_matches(t[i].pattern, req, &key))
			continue;
		if (method_matches(t[i].method, req->method)) {
			m->route = &t[i];
			m->key = key;
			return;
		}
		if (!strstr(m->allow, t[i].method)) {
			size_t len = strlen(m->allow);
			snprintf(m->allow + len, sizeof(m->allow) - len, "%s%s", len ? ", " : "",
				 t[i].method);
		}
		m->path_known = true;
	}
}

/* --- Errors -------------------------------------------------------------- */

bool mk_router_wants_html(const struct mk_http_request *req)
{
	if (req->path && strncmp(req->path, "/api/", 5) == 0)
		return false;
	const char *accept = mk_http_header(req, "Accept");
	return accept && strstr(accept, "text/html");
}

void mk_router_error(const struct mk_http_request *req, bool html, int status,
		     const char *field, const char *detail, struct mk_http_response *resp)
{
	if (html)
		mk_http_error_page(req, status, detail, resp);
	else
		mk_http_problem(resp, status, field, detail);
}

/* --- Authentication ---------------------------------------------------- */

static void set_actor(struct mk_http_request *req, const char *via)
{
	req->authenticated = true;
	req->actor.name = req->account.display_name[0] ? req->account.display_name
							: req->account.name;
	req->actor.role = req->account.role;
	req->actor.via = via;
	req->actor.account = req->account.name;
	req->lang = strcmp(req->account.lang, "en") == 0 ? "en" : "nl";
}

/* Fills req's account from a bearer token or a session cookie. A bad
 * token is 401 at once (a program sent it: it should hear why); an
 * unknown or expired session is just not logged in. Returns 0 or the
 * status of a failure, with err. */
static int authenticate(struct mk_http_request *req, struct mk_error *err)
{
	const char *auth = mk_http_header(req, "Authorization");
	if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
		const char *token = auth + 7;
		while (*token == ' ')
			token++;
		enum mk_rc rc = mk_svc_token_auth(req->svc, req->now, token, &req->account, err);
		if (rc == MK_ENOTFOUND)
			return mk_error_set(err, MK_EPERM, "Authorization",
					    "the bearer token is not valid"),
			       401;
		if (rc != MK_OK)
			return mk_http_status(rc);
		req->via_token = true;
		set_actor(req, "api");
		return 0;
	}
	const char *session = mk_http_cookie(req, "mk_session");
	if (session) {
		enum mk_rc rc = mk_svc_session_get(req->svc, req->now, session, &req->account,
						   req->csrf, err);
		if (rc == MK_ENOTFOUND) {
			req->csrf[0] = '\0';
			return 0;
		}
		if (rc != MK_OK)
			return mk_http_status(rc);
		set_actor(req, "web");
	}
	return 0;
}

/* A form in a browser can be made to POST from any site, with the
 * session cookie; only a page of ours knows the session's CSRF token.
 * Token requests need none: no browser adds an Authorization header by
 * itself. */
static bool csrf_ok(const struct mk_http_request *req)
{
	if (!req->authenticated || req->via_token || strcmp(req->method, "GET") == 0 ||
	    strcmp(req->method, "HEAD") == 0)
		return true;
	const char *sent = mk_http_header(req, "X-CSRF-Token");
	if (!sent)
		sent = mk_http_form(req, "csrf");
	size_t len = strlen(req->csrf);
	return sent && len > 0 && strlen(sent) == len &&
	       sodium_memcmp(sent, req->csrf, len) == 0;
}

/* /login?next=PATH, the path percent-encoded so that it stays one value. */
static void login_redirect(const struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char hex[] = "0123456789ABCDEF";
	char location[sizeof(resp->header[0].value)];
	size_t n = (size_t)snprintf(location, sizeof(location), "/login?next=");
	for (const char *p = req->path; *p && n + 4 < sizeof(location); p++) {
		unsigned char c = (unsigned char)*p;
		bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
		if (plain) {
			location[n++] = (char)c;
		} else {
			location[n++] = '%';
			location[n++] = hex[c >> 4];
			location[n++] = hex[c & 15];
		}
	}
	location[n] = '\0';
	mk_http_redirect(resp, location);
}

/* --- Access -------------------------------------------------------------- */

/* 0 if the actor may do the route's action, or the status with err. */
static int decide_access(struct mk_http_request *req, const struct mk_http_route *route,
			 struct mk_error *err)
{
	struct mk_access_subject subject = {0};
	const struct mk_access_subject *subj = NULL;
	if (req->key) {
		enum mk_rc rc = mk_svc_access_subject(req->svc, req->key, req->account.name,
						      &subject, err);
		if (rc == MK_ENOTFOUND)
			goto hidden;
		if (rc != MK_OK)
			return mk_http_status(rc);
		subj = &subject;
	}
	switch (mk_access_decide(req->account.role, route->action, subj)) {
	case MK_ACCESS_ALLOW:
		return 0;
	case MK_ACCESS_DENY:
		return mk_error_set(err, MK_EPERM, "", "role '%s' may not %s",
				    mk_role_name(req->account.role), mk_action_name(route->action)),
		       403;
	case MK_ACCESS_HIDDEN:
		break;
	}
hidden:
	/* What one may not see is answered exactly like what does not
	 * exist, so guessing keys tells nothing. */
	if (!req->key)
		return mk_error_set(err, MK_ENOTFOUND, "", "no page '%s'", req->path), 404;
	return mk_error_set(err, MK_ENOTFOUND, "key", "no incident '%s'", req->key), 404;
}

enum mk_rc mk_router_check_parent(struct mk_http_request *req, const struct mk_field_value *fields,
				  size_t nfields, struct mk_error *err)
{
	for (size_t i = 0; i < nfields; i++) {
		if (strcmp(fields[i].name, "parent") != 0 || !fields[i].value[0])
			continue;
		struct mk_access_subject subject = {0};
		enum mk_rc rc = mk_svc_access_subject(req->svc, fields[i].value, req->account.name,
						      &subject, err);
		if (rc != MK_OK && rc != MK_ENOTFOUND)
			return rc;
		if (rc == MK_ENOTFOUND || mk_access_decide(req->account.role, MK_ACT_INCIDENT_READ,
							   &subject) != MK_ACCESS_ALLOW)
			return mk_error_set(err, MK_ENOTFOUND, "parent",
					    "parent incident '%.32s' does not exist", fields[i].value);
	}
	return MK_OK;
}

/* --- The request path ---------------------------------------------------- */

void mk_router_handle(struct mk_http_request *req, int early_status,
		      const struct mk_error *early, struct mk_http_response *resp)
{
	struct match m = {0};
	try_table(own_routes, sizeof(own_routes) / sizeof(own_routes[0]), req, &m);
	if (!m.route)
		try_table(mk_api_routes, mk_api_nroutes, req, &m);
	if (!m.route)
		try_table(mk_ui_routes, mk_ui_nroutes, req, &m);
	bool html = m.route ? m.route->html : mk_router_wants_html(req);

	if (early) {
		mk_router_error(req, html, early_status, early->field, early->message, resp);
		return;
	}
	if (!m.route && m.path_known) {
		char detail[128];
		snprintf(detail, sizeof(detail), "method '%s' is not allowed here: use %s",
			 req->method, m.allow);
		mk_router_error(req, html, 405, NULL, detail, resp);
		mk_http_set_header(resp, "Allow", m.allow);
		return;
	}
	if (!m.route) {
		char detail[256];
		snprintf(detail, sizeof(detail), "no page '%.200s'", req->path);
		mk_router_error(req, html, 404, NULL, detail, resp);
		return;
	}
	const struct mk_http_route *route = m.route;
	req->key = m.key;

	/* The server's own routes (health check, assets) need no database. */
	bool own = route >= own_routes && route < own_routes + sizeof(own_routes) /
								 sizeof(own_routes[0]);
	struct mk_error err = {0};
	int status = 0;
	if (!own && !req->svc)
		status = (mk_error_set(&err, MK_ESTORE, "", "the database is not available"), 503);
	if (!status && !own)
		status = authenticate(req, &err);
	if (!status && !route->public_route && !req->authenticated) {
		if (html) {
			login_redirect(req, resp);
			return;
		}
		status = (mk_error_set(&err, MK_EPERM, "Authorization",
				       "authentication required: send Authorization: Bearer TOKEN"),
			  401);
	}
	if (!status && !csrf_ok(req))
		status = (mk_error_set(&err, MK_EPERM, "csrf",
				       "the csrf token is missing or wrong: reload the page"),
			  403);
	if (!status && !route->public_route)
		status = decide_access(req, route, &err);
	if (status) {
		mk_router_error(req, html, status, err.field, err.message, resp);
		if (status == 401)
			mk_http_set_header(resp, "WWW-Authenticate",
					   strcmp(err.message, "the bearer token is not valid") == 0
						   ? "Bearer realm=\"meldkamer\", error=\"invalid_token\""
						   : "Bearer realm=\"meldkamer\"");
		return;
	}
	route->handler(req, resp);
}
