/* The router (src/http/router.c) without a server: requests filled by
 * hand against route tables of this file, on a real database with real
 * accounts, sessions and tokens. Claims: a route matches by method and
 * segments ({key} only an incident key), a wrong method is 405 with
 * Allow, not logged in is 303 to /login for pages and 401 with
 * WWW-Authenticate for the API, a session's POST needs its CSRF token, and
 * access is decided here before any handler runs: hidden and unknown
 * incidents alike 404, denied 403. */
#include "../store/fixture.h"

#include "http/http.h"
#include "http/router.h"
#include "http/static.h"

#define NOW 1798759800 /* 2027-01-01 */

static int calls; /* how often a handler ran */

static void h_echo(struct mk_http_request *req, struct mk_http_response *resp)
{
	calls++;
	mk_buf_addf(&resp->body, "%s|%s|%s|%s|%s", req->actor.name, mk_role_name(req->actor.role),
		    req->actor.via, req->actor.account, req->key ? req->key : "-");
}

static void h_seg(struct mk_http_request *req, struct mk_http_response *resp)
{
	calls++;
	mk_buf_adds(&resp->body, req->seg[1]);
}

/* This test's own tables stand in for the API's and the web UI's. */
const struct mk_http_route mk_api_routes[] = {
	{"GET", "/api/v1/incidents", MK_ACT_INCIDENT_LIST, false, false, h_echo},
	{"POST", "/api/v1/incidents", MK_ACT_INCIDENT_CREATE, false, false, h_echo},
	{"GET", "/api/v1/incidents/{key}", MK_ACT_INCIDENT_READ, false, false, h_echo},
	{"POST", "/api/v1/incidents/{key}/log", MK_ACT_LOG_ADD, false, false, h_echo},
	{"GET", "/api/v1/open", MK_ACT_INCIDENT_LIST, true, false, h_echo},
};
const size_t mk_api_nroutes = sizeof(mk_api_routes) / sizeof(mk_api_routes[0]);
const struct mk_http_route mk_ui_routes[] = {
	{"GET", "/incidents/{key}", MK_ACT_INCIDENT_READ, false, true, h_echo},
	{"POST", "/incidents/{key}/log", MK_ACT_LOG_ADD, false, true, h_echo},
	{"GET", "/users/{name}", MK_ACT_USER_ADMIN, false, true, h_seg},
};
const size_t mk_ui_nroutes = sizeof(mk_ui_routes) / sizeof(mk_ui_routes[0]);
const struct mk_static_file mk_static_files[] = {
	{"style.css", "text/css; charset=utf-8", (const unsigned char *)"body{}", 6},
};
const size_t mk_static_nfiles = 1;

void mk_http_error_page(const struct mk_http_request *req, int status, const char *detail,
			struct mk_http_response *resp)
{
	(void)req;
	resp->status = status;
	resp->content_type = "text/html; charset=utf-8";
	mk_buf_reset(&resp->body);
	mk_buf_addf(&resp->body, "page %d %s", status, detail);
}

struct world {
	struct fixture fx;
	struct mk_service *svc;
	char key_open[MK_KEY_TEXT];   /* by servicedesk */
	char key_secret[MK_KEY_TEXT]; /* confidential, by servicedesk */
	char key_melder[MK_KEY_TEXT]; /* reported by the account melder */
	char session[MK_TOKEN_TEXT];  /* servicedesk's session */
	char csrf[MK_TOKEN_TEXT];
	char token[MK_TOKEN_TEXT];    /* servicedesk's API token */
	char token_melder2[MK_TOKEN_TEXT];
	char token_auditor[MK_TOKEN_TEXT];
	char bearer[MK_TOKEN_TEXT + 8];
};

static const char *const PW = "correct horse battery staple";

static int setup(void **state)
{
	void *fs = NULL;
	if (fixture_setup(&fs))
		return -1;
	struct world *w = calloc(1, sizeof(*w));
	w->fx = *(struct fixture *)fs;
	free(fs);
	struct mk_error err = {0};
	struct mk_actor admin = {.name = "admin", .role = MK_ROLE_ADMIN, .via = "cli"};
	if (mk_service_open(w->fx.db, MK_STORE_CREATE, NOW, &admin, &w->svc, NULL, &err))
		return -1;
	static const struct {
		const char *name;
		enum mk_role role;
	} accounts[] = {
		{"servicedesk", MK_ROLE_SERVICEDESK}, {"melder", MK_ROLE_MELDER},
		{"melder2", MK_ROLE_MELDER},          {"auditor", MK_ROLE_AUDITOR},
	};
	for (size_t i = 0; i < 4; i++)
		if (mk_svc_user_add(w->svc, &admin, NOW, accounts[i].name, NULL, accounts[i].role, PW,
				    &err))
			return fprintf(stderr, "user add: %s\n", err.message), -1;
	struct mk_account a;
	if (mk_svc_login(w->svc, NOW, "servicedesk", PW, "127.0.0.1", w->session, w->csrf, &a, &err) ||
	    mk_svc_token_add(w->svc, &admin, NOW, "servicedesk", "t1", w->token, &err) ||
	    mk_svc_token_add(w->svc, &admin, NOW, "melder2", "t2", w->token_melder2, &err) ||
	    mk_svc_token_add(w->svc, &admin, NOW, "auditor", "t3", w->token_auditor, &err))
		return fprintf(stderr, "login/token: %s\n", err.message), -1;

	struct mk_actor desk = {.name = "Servicedesk", .role = MK_ROLE_SERVICEDESK, .via = "web",
				.account = "servicedesk"};
	struct mk_actor melder = {.name = "Melder", .role = MK_ROLE_MELDER, .via = "web",
				  .account = "melder"};
	struct mk_field_value open[] = {{"title", "Phishing"}};
	struct mk_field_value secret[] = {{"title", "Vertrouwelijk"}, {"confidential", "ja"}};
	if (mk_svc_incident_register(w->svc, &desk, NOW, open, 1, w->key_open, &err) ||
	    mk_svc_incident_register(w->svc, &desk, NOW, secret, 2, w->key_secret, &err) ||
	    mk_svc_incident_register(w->svc, &melder, NOW, open, 1, w->key_melder, &err))
		return fprintf(stderr, "register: %s\n", err.message), -1;
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	if (!w)
		return -1; /* the setup failed and said why */
	mk_service_close(w->svc);
	void *fs = malloc(sizeof(struct fixture));
	memcpy(fs, &w->fx, sizeof(w->fx));
	free(w);
	return fixture_teardown(&fs);
}

/* A request as server.c would fill it; path segments are split here
 * (none of these needs decoding). */
struct call {
	struct mk_http_request req;
	struct mk_http_response resp;
	char path[256];
	char segs[256];
	char cookie[80];
	char auth[80];
};

static void call_init(struct call *c, struct world *w, const char *method, const char *path)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->path, sizeof(c->path), "%s", path);
	snprintf(c->segs, sizeof(c->segs), "%s", path);
	c->req.method = method;
	c->req.path = c->path;
	c->req.body = "";
	c->req.content_type = "";
	c->req.address = "127.0.0.1";
	c->req.now = NOW + 60;
	c->req.lang = "nl";
	c->req.svc = w->svc;
	char *p = c->segs + 1;
	while (*p) {
		c->req.seg[c->req.nseg++] = p;
		char *slash = strchr(p, '/');
		if (!slash)
			break;
		*slash = '\0';
		p = slash + 1;
	}
	mk_http_response_init(&c->resp);
}

static void add_header(struct call *c, const char *name, const char *value)
{
	c->req.headers[c->req.nheaders].name = name;
	c->req.headers[c->req.nheaders].value = value;
	c->req.nheaders++;
}

static void with_token(struct call *c, const char *token)
{
	snprintf(c->auth, sizeof(c->auth), "Bearer %s", token);
	add_header(c, "Authorization", c->auth);
}

static void with_session(struct call *c, const char *session)
{
	c->req.cookies[0].name = "mk_session";
	c->req.cookies[0].value = session;
	c->req.ncookies = 1;
}

static const char *header_of(const struct mk_http_response *r, const char *name)
{
	for (size_t i = 0; i < r->nheader; i++)
		if (strcmp(r->header[i].name, name) == 0)
			return r->header[i].value;
	return NULL;
}

static void run(struct call *c)
{
	mk_router_handle(&c->req, 0, NULL, &c->resp);
}

static void done(struct call *c)
{
	mk_http_response_release(&c->resp);
}

static void test_unknown_path_is_404_problem(void **state)
{
	struct call c;
	call_init(&c, *state, "GET", "/api/v1/nothing");
	calls = 0;
	run(&c);
	assert_int_equal(c.resp.status, 404);
	assert_string_equal(c.resp.content_type, "application/problem+json");
	assert_string_equal(c.resp.body.data, "{\"type\":\"about:blank\",\"status\":404,\"title\":"
					      "\"Not Found\",\"detail\":\"no page '/api/v1/nothing'\"}\n");
	assert_int_equal(calls, 0);
	done(&c);
}

static void test_wrong_method_is_405_with_allow(void **state)
{
	struct call c;
	call_init(&c, *state, "DELETE", "/api/v1/incidents");
	run(&c);
	assert_int_equal(c.resp.status, 405);
	assert_string_equal(header_of(&c.resp, "Allow"), "GET, POST");
	assert_non_null(strstr(c.resp.body.data, "method 'DELETE' is not allowed here: use GET, POST"));
	done(&c);
}

static void test_key_placeholder_takes_only_incident_keys(void **state)
{
	struct world *w = *state;
	static const char *const bad[] = {
		"/api/v1/incidents/abc", "/api/v1/incidents/MK-26-1", "/api/v1/incidents/mk-2026-0001",
		"/api/v1/incidents/MK-2026-", "/api/v1/incidents/MK-2026-0001x",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct call c;
		call_init(&c, w, "GET", bad[i]);
		with_token(&c, w->token);
		calls = 0;
		run(&c);
		assert_int_equal(c.resp.status, 404);
		assert_int_equal(calls, 0);
		done(&c);
	}
}

static void test_other_placeholders_take_one_segment(void **state)
{
	struct world *w = *state;
	struct mk_actor admin = {.name = "admin", .role = MK_ROLE_ADMIN, .via = "cli"};
	char token[MK_TOKEN_TEXT];
	struct mk_error err;
	assert_int_equal(mk_svc_user_add(w->svc, &admin, NOW, "beheer", NULL, MK_ROLE_ADMIN, PW, &err),
			 MK_OK);
	assert_int_equal(mk_svc_token_add(w->svc, &admin, NOW, "beheer", "t4", token, &err), MK_OK);
	struct call c;
	call_init(&c, w, "GET", "/users/alice");
	with_token(&c, token);
	run(&c);
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(c.resp.body.data, "alice");
	done(&c);
	call_init(&c, w, "GET", "/users/alice/more");
	with_token(&c, token);
	run(&c);
	assert_int_equal(c.resp.status, 404);
	done(&c);
}

static void test_not_logged_in_api_is_401_with_www_authenticate(void **state)
{
	struct call c;
	call_init(&c, *state, "GET", "/api/v1/incidents");
	calls = 0;
	run(&c);
	assert_int_equal(c.resp.status, 401);
	assert_string_equal(header_of(&c.resp, "WWW-Authenticate"), "Bearer realm=\"meldkamer\"");
	assert_non_null(strstr(c.resp.body.data, "authentication required"));
	assert_int_equal(calls, 0);
	done(&c);
}

static void test_not_logged_in_page_redirects_to_login(void **state)
{
	struct world *w = *state;
	char path[64];
	snprintf(path, sizeof(path), "/incidents/%s", w->key_open);
	struct call c;
	call_init(&c, w, "GET", path);
	run(&c);
	assert_int_equal(c.resp.status, 303);
	char want[96];
	snprintf(want, sizeof(want), "/login?next=%%2Fincidents%%2F%s", w->key_open);
	assert_string_equal(header_of(&c.resp, "Location"), want);
	done(&c);
}

static void test_public_route_needs_no_login(void **state)
{
	struct call c;
	call_init(&c, *state, "GET", "/api/v1/open");
	run(&c);
	assert_int_equal(c.resp.status, 200);
	done(&c);
}

static void test_bad_bearer_is_401_invalid_token(void **state)
{
	struct call c;
	call_init(&c, *state, "GET", "/api/v1/incidents");
	with_token(&c, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	calls = 0;
	run(&c);
	assert_int_equal(c.resp.status, 401);
	assert_string_equal(header_of(&c.resp, "WWW-Authenticate"),
			    "Bearer realm=\"meldkamer\", error=\"invalid_token\"");
	assert_non_null(strstr(c.resp.body.data, "\"detail\":\"the bearer token is not valid\""));
	assert_int_equal(calls, 0);
	done(&c);
}

static void test_bearer_fills_the_actor(void **state)
{
	struct world *w = *state;
	struct call c;
	call_init(&c, w, "GET", "/api/v1/incidents");
	with_token(&c, w->token);
	run(&c);
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(c.resp.body.data, "servicedesk|servicedesk|api|servicedesk|-");
	assert_true(c.req.via_token);
	assert_string_equal(c.req.csrf, "");
	done(&c);
}

static void test_session_fills_the_actor_and_csrf(void **state)
{
	struct world *w = *state;
	char path[64];
	snprintf(path, sizeof(path), "/incidents/%s", w->key_open);
	struct call c;
	call_init(&c, w, "GET", path);
	with_session(&c, w->session);
	run(&c);
	assert_int_equal(c.resp.status, 200);
	char want[96];
	snprintf(want, sizeof(want), "servicedesk|servicedesk|web|servicedesk|%s", w->key_open);
	assert_string_equal(c.resp.body.data, want);
	assert_string_equal(c.req.csrf, w->csrf);
	assert_false(c.req.via_token);
	done(&c);
}

static void test_unknown_session_is_not_logged_in(void **state)
{
	struct world *w = *state;
	char path[64];
	snprintf(path, sizeof(path), "/incidents/%s", w->key_open);
	struct call c;
	call_init(&c, w, "GET", path);
	with_session(&c, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	run(&c);
	assert_int_equal(c.resp.status, 303);
	done(&c);
}

static void test_session_post_needs_the_csrf_token(void **state)
{
	struct world *w = *state;
	char path[64];
	snprintf(path, sizeof(path), "/incidents/%s/log", w->key_open);
	char wrong[MK_TOKEN_TEXT];
	snprintf(wrong, sizeof(wrong), "%s", w->csrf);
	wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
	const char *cases[] = {NULL, "", wrong, "short"};
	for (size_t i = 0; i < 4; i++) {
		struct call c;
		call_init(&c, w, "POST", path);
		with_session(&c, w->session);
		if (cases[i]) {
			c.req.form[0].name = "csrf";
			c.req.form[0].value = cases[i];
			c.req.nform = 1;
		}
		calls = 0;
		run(&c);
		assert_int_equal(c.resp.status, 403);
		assert_string_equal(c.resp.content_type, "text/html; charset=utf-8");
		assert_string_equal(c.resp.body.data,
				    "page 403 the csrf token is missing or wrong: reload the page");
		assert_int_equal(calls, 0);
		done(&c);
	}
	/* The API form of the same refusal names the field. */
	struct call c;
	call_init(&c, w, "POST", "/api/v1/incidents");
	with_session(&c, w->session);
	run(&c);
	assert_int_equal(c.resp.status, 403);
	assert_non_null(strstr(c.resp.body.data, "\"field\":\"csrf\""));
	done(&c);
}

static void test_session_post_with_csrf_form_field_or_header_passes(void **state)
{
	struct world *w = *state;
	char path[64];
	snprintf(path, sizeof(path), "/incidents/%s/log", w->key_open);
	struct call c;
	call_init(&c, w, "POST", path);
	with_session(&c, w->session);
	c.req.form[0].name = "csrf";
	c.req.form[0].value = w->csrf;
	c.req.nform = 1;
	run(&c);
	assert_int_equal(c.resp.status, 200);
	done(&c);
	call_init(&c, w, "POST", "/api/v1/incidents");
	with_session(&c, w->session);
	add_header(&c, "X-CSRF-Token", w->csrf);
	run(&c);
	assert_int_equal(c.resp.status, 200);
	done(&c);
}

static void test_token_post_needs_no_csrf(void **state)
{
	struct world *w = *state;
	struct call c;
	call_init(&c, w, "POST", "/api/v1/incidents");
	with_token(&c, w->token);
	run(&c);
	assert_int_equal(c.resp.status, 200);
	done(&c);
}

static void test_hidden_and_unknown_incidents_are_the_same_404(void **state)
{
	struct world *w = *state;
	/* melder2 may not know of melder's report; nobody knows MK-2027-0099. */
	const char *keys[] = {w->key_melder, w->key_open, "MK-2027-0099"};
	for (size_t i = 0; i < 3; i++) {
		char path[64];
		snprintf(path, sizeof(path), "/api/v1/incidents/%s", keys[i]);
		struct call c;
		call_init(&c, w, "GET", path);
		with_token(&c, w->token_melder2);
		calls = 0;
		run(&c);
		assert_int_equal(c.resp.status, 404);
		char want[160];
		snprintf(want, sizeof(want),
			 "{\"type\":\"about:blank\",\"status\":404,\"title\":\"Not Found\","
			 "\"detail\":\"no incident '%s'\",\"field\":\"key\"}\n",
			 keys[i]);
		assert_string_equal(c.resp.body.data, want);
		assert_int_equal(calls, 0);
		done(&c);
	}
	/* The auditor may not see the confidential one either. */
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/incidents/%s", w->key_secret);
	struct call c;
	call_init(&c, w, "GET", path);
	with_token(&c, w->token_auditor);
	run(&c);
	assert_int_equal(c.resp.status, 404);
	done(&c);
	/* Nor the servicedesk, until it is put on the incident's team. */
	call_init(&c, w, "GET", path);
	with_token(&c, w->token);
	run(&c);
	assert_int_equal(c.resp.status, 404);
	done(&c);
	struct mk_actor ciso = {.name = "CISO", .role = MK_ROLE_CISO, .via = "cli"};
	struct mk_error err;
	assert_int_equal(mk_svc_team_add(w->svc, &ciso, NOW, w->key_secret, "servicedesk", &err),
			 MK_OK);
	call_init(&c, w, "GET", path);
	with_token(&c, w->token);
	run(&c);
	assert_int_equal(c.resp.status, 200);
	done(&c);
}

static void test_denied_action_is_403_naming_role_and_action(void **state)
{
	struct world *w = *state;
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/incidents/%s/log", w->key_open);
	struct call c;
	call_init(&c, w, "POST", path);
	with_token(&c, w->token_auditor);
	calls = 0;
	run(&c);
	assert_int_equal(c.resp.status, 403);
	assert_non_null(strstr(c.resp.body.data, "\"detail\":\"role 'auditor' may not log-add\""));
	assert_int_equal(calls, 0);
	done(&c);
	/* A register action without a subject: the auditor creates nothing. */
	call_init(&c, w, "POST", "/api/v1/incidents");
	with_token(&c, w->token_auditor);
	run(&c);
	assert_int_equal(c.resp.status, 403);
	done(&c);
	/* The melder reads their own report. */
	snprintf(path, sizeof(path), "/api/v1/incidents/%s", w->key_melder);
	char token[MK_TOKEN_TEXT];
	struct mk_actor admin = {.name = "admin", .role = MK_ROLE_ADMIN, .via = "cli"};
	struct mk_error err;
	assert_int_equal(mk_svc_token_add(w->svc, &admin, NOW, "melder", "t5", token, &err), MK_OK);
	call_init(&c, w, "GET", path);
	with_token(&c, token);
	run(&c);
	assert_int_equal(c.resp.status, 200);
	done(&c);
}

static void test_early_errors_take_the_route_format(void **state)
{
	struct world *w = *state;
	struct mk_error err = {0};
	mk_error_set(&err, MK_EINVAL, "q", "'q' has a bad percent escape");
	char path[64];
	snprintf(path, sizeof(path), "/incidents/%s", w->key_open);
	struct call c;
	call_init(&c, w, "GET", path);
	mk_router_handle(&c.req, 400, &err, &c.resp);
	assert_int_equal(c.resp.status, 400);
	assert_string_equal(c.resp.body.data, "page 400 'q' has a bad percent escape");
	done(&c);
	call_init(&c, w, "GET", "/api/v1/incidents");
	mk_router_handle(&c.req, 400, &err, &c.resp);
	assert_int_equal(c.resp.status, 400);
	assert_non_null(strstr(c.resp.body.data, "\"field\":\"q\""));
	done(&c);
}

static void test_static_serves_only_the_table(void **state)
{
	struct world *w = *state;
	struct call c;
	call_init(&c, w, "GET", "/static/style.css");
	run(&c);
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(c.resp.content_type, "text/css; charset=utf-8");
	assert_string_equal(c.resp.body.data, "body{}");
	assert_string_equal(header_of(&c.resp, "Cache-Control"), "public, max-age=3600");
	done(&c);
	static const char *const bad[] = {"/static/Style.css", "/static/style.css.bak",
					  "/static/..\\meldkamer.db", "/static/style.css/x"};
	for (size_t i = 0; i < 4; i++) {
		call_init(&c, w, "GET", bad[i]);
		run(&c);
		assert_int_equal(c.resp.status, 404);
		done(&c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unknown_path_is_404_problem),
		cmocka_unit_test(test_wrong_method_is_405_with_allow),
		cmocka_unit_test(test_key_placeholder_takes_only_incident_keys),
		cmocka_unit_test(test_other_placeholders_take_one_segment),
		cmocka_unit_test(test_not_logged_in_api_is_401_with_www_authenticate),
		cmocka_unit_test(test_not_logged_in_page_redirects_to_login),
		cmocka_unit_test(test_public_route_needs_no_login),
		cmocka_unit_test(test_bad_bearer_is_401_invalid_token),
		cmocka_unit_test(test_bearer_fills_the_actor),
		cmocka_unit_test(test_session_fills_the_actor_and_csrf),
		cmocka_unit_test(test_unknown_session_is_not_logged_in),
		cmocka_unit_test(test_session_post_needs_the_csrf_token),
		cmocka_unit_test(test_session_post_with_csrf_form_field_or_header_passes),
		cmocka_unit_test(test_token_post_needs_no_csrf),
		cmocka_unit_test(test_hidden_and_unknown_incidents_are_the_same_404),
		cmocka_unit_test(test_denied_action_is_403_naming_role_and_action),
		cmocka_unit_test(test_early_errors_take_the_route_format),
		cmocka_unit_test(test_static_serves_only_the_table),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
