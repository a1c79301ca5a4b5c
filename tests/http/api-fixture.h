/* Calling the JSON API's handlers without a server: a request filled by
 * hand as server.c would fill it, against a fresh database per test, and
 * the answer parsed back. The router is not here: each test calls the
 * handler of the route it means, as an authenticated account. */
#ifndef MK_TESTS_HTTP_API_FIXTURE_H
#define MK_TESTS_HTTP_API_FIXTURE_H

#include "../unit/unit.h"
#include "../store/fixture.h"

#include <jansson.h>

#include "http/api-handlers.h"
#include "http/api.h"

/* 2026-10-27T10:00:00Z */
#define NOW 1793095200

static struct mk_service *api_svc;
static struct fixture *api_fx;

static inline int api_setup(void **state)
{
	(void)state;
	void *f;
	if (fixture_setup(&f))
		return -1;
	api_fx = f;
	struct mk_actor admin = {"setup", MK_ROLE_ADMIN, "test", NULL};
	struct mk_error err = {0};
	if (mk_service_open(api_fx->db, MK_STORE_CREATE, NOW - 3600, &admin, &api_svc, NULL, &err)) {
		fprintf(stderr, "open: %s\n", err.message);
		return -1;
	}
	return 0;
}

static inline int api_teardown(void **state)
{
	(void)state;
	mk_service_close(api_svc);
	api_svc = NULL;
	void *f = api_fx;
	mk_alloc_fail_reset();
	return fixture_teardown(&f);
}

#define API_TEST(f) cmocka_unit_test_setup_teardown(f, api_setup, api_teardown)

struct call {
	struct mk_http_request req;
	struct mk_http_response resp;
	char path[512];
	char segs[512];
	json_t *json; /* the answer parsed, or NULL */
};

/* Fills c for method and path (with an optional query after '?') with
 * body (NULL for none, sent as application/json otherwise), as the
 * servicedesk account "anna". */
static inline void call_init(struct call *c, const char *method, const char *path, const char *body)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->path, sizeof(c->path), "%s", path);
	struct mk_http_request *r = &c->req;
	r->method = method;
	char *qs = strchr(c->path, '?');
	if (qs) {
		*qs++ = '\0';
		struct mk_error err;
		assert_int_equal(mk_http_parse_urlencoded(qs, r->query, MK_HTTP_PARAMS_MAX, &r->nquery,
							  &err), MK_OK);
	}
	r->path = c->path;
	/* Segments point into a second copy of the path. */
	char *segs = c->segs;
	snprintf(segs, sizeof(c->segs), "%s", c->path + 1);
	for (char *p = segs; p && *p && r->nseg < MK_HTTP_SEGMENTS_MAX;) {
		char *slash = strchr(p, '/');
		if (slash)
			*slash = '\0';
		r->seg[r->nseg++] = p;
		p = slash ? slash + 1 : NULL;
	}
	if (r->nseg > 3 && strcmp(r->seg[2], "incidents") == 0)
		r->key = r->seg[3];
	r->body = body ? body : "";
	r->body_len = strlen(r->body);
	r->content_type = body ? "application/json" : "";
	if (body) {
		r->headers[r->nheaders].name = "Content-Type";
		r->headers[r->nheaders++].value = "application/json";
	}
	r->address = "127.0.0.1";
	r->now = NOW;
	r->authenticated = true;
	r->via_token = true;
	snprintf(r->account.name, sizeof(r->account.name), "anna");
	snprintf(r->account.display_name, sizeof(r->account.display_name), "Anna de Vries");
	r->account.role = MK_ROLE_SERVICEDESK;
	snprintf(r->account.lang, sizeof(r->account.lang), "nl");
	r->actor.name = r->account.display_name;
	r->actor.role = r->account.role;
	r->actor.via = "api";
	r->actor.account = r->account.name;
	r->lang = "nl";
	r->svc = api_svc;
	mk_http_response_init(&c->resp);
}

static inline void call_header(struct call *c, const char *name, const char *value)
{
	for (size_t i = 0; i < c->req.nheaders; i++)
		if (strcasecmp(c->req.headers[i].name, name) == 0) {
			c->req.headers[i].value = value;
			return;
		}
	c->req.headers[c->req.nheaders].name = name;
	c->req.headers[c->req.nheaders++].value = value;
}

static inline void call_role(struct call *c, enum mk_role role)
{
	c->req.account.role = role;
	c->req.actor.role = role;
}

/* Runs the handler; parses a JSON answer into c->json. */
static inline void call_run(struct call *c, mk_http_handler h)
{
	h(&c->req, &c->resp);
	json_decref(c->json);
	c->json = json_loadb(c->resp.body.data, c->resp.body.len, 0, NULL);
}

static inline void call_release(struct call *c)
{
	json_decref(c->json);
	c->json = NULL;
	mk_http_response_release(&c->resp);
}

static inline const char *resp_header(const struct call *c, const char *name)
{
	for (size_t i = 0; i < c->resp.nheader; i++)
		if (strcasecmp(c->resp.header[i].name, name) == 0)
			return c->resp.header[i].value;
	return NULL;
}

static inline const char *jstr(const json_t *o, const char *name)
{
	return json_string_value(json_object_get(o, name));
}

/* Asserts a problem answer: status, field (NULL for none) and detail. */
static inline void assert_problem(const struct call *c, int status, const char *field,
			   const char *detail)
{
	if (c->resp.status != status)
		fprintf(stderr, "answer %d: %s\n", c->resp.status, c->resp.body.data);
	assert_int_equal(c->resp.status, status);
	assert_string_equal(c->resp.content_type, "application/problem+json");
	assert_non_null(c->json);
	assert_int_equal(json_integer_value(json_object_get(c->json, "status")), status);
	if (field)
		assert_string_equal(jstr(c->json, "field"), field);
	else
		assert_null(json_object_get(c->json, "field"));
	if (detail)
		assert_string_equal(jstr(c->json, "detail"), detail);
}

static inline long long count_incidents(void)
{
	return raw_int(api_fx->db, "SELECT count(*) FROM incident");
}

static inline long long count_log(void)
{
	return raw_int(api_fx->db, "SELECT count(*) FROM logbook");
}

/* Registers an incident through the API; its key goes to key. */
static inline void api_create(const char *body, char key[MK_KEY_TEXT])
{
	struct call c;
	call_init(&c, "POST", "/api/v1/incidents", body);
	call_run(&c, mk_api_incident_create);
	if (c.resp.status != 201)
		fprintf(stderr, "create: %d %s\n", c.resp.status, c.resp.body.data);
	assert_int_equal(c.resp.status, 201);
	snprintf(key, MK_KEY_TEXT, "%s", jstr(c.json, "key"));
	call_release(&c);
}

#endif
