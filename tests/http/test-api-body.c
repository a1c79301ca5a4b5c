/* The API's shared checks (src/http/api.c) through a real handler
 * (register an incident): media type, size, UTF-8, malformed and hostile
 * JSON, unknown members and wrong types. Each refusal is checked for its
 * exact status, field and message, and for having written nothing. */
#include "api-fixture.h"

#include "base/limits.h"

static void refused_create(const char *body, const char *ctype, int status, const char *field,
			   const char *detail)
{
	struct call c;
	call_init(&c, "POST", "/api/v1/incidents", body);
	if (ctype) {
		call_header(&c, "Content-Type", ctype);
		c.req.content_type = ctype;
	}
	call_run(&c, mk_api_incident_create);
	assert_problem(&c, status, field, detail);
	call_release(&c);
	assert_int_equal(count_incidents(), 0);
	assert_int_equal(count_log(), 0);
}

static void test_wrong_content_type_is_415(void **state)
{
	(void)state;
	static const struct {
		const char *ctype, *detail;
	} cases[] = {
		{"text/plain", "the body must be application/json (UTF-8), not 'text/plain'"},
		{"application/x-www-form-urlencoded",
		 "the body must be application/json (UTF-8), not 'application/x-www-form-urlencoded'"},
		{"application/json; charset=latin1",
		 "the body must be application/json (UTF-8), not 'application/json; charset=latin1'"},
		{"application/jsonx", "the body must be application/json (UTF-8), not 'application/jsonx'"},
		{"", "the body must be application/json (UTF-8), not '(none)'"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		refused_create("{\"title\":\"x\"}", cases[i].ctype, 415, "Content-Type",
			       cases[i].detail);
}

static void test_json_with_utf8_charset_is_accepted(void **state)
{
	(void)state;
	static const char *const ok[] = {"application/json; charset=utf-8",
					 "Application/JSON;charset=\"UTF-8\"",
					 "application/json ; charset=utf8"};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct call c;
		call_init(&c, "POST", "/api/v1/incidents", "{\"title\":\"Phishing\"}");
		call_header(&c, "Content-Type", ok[i]);
		call_run(&c, mk_api_incident_create);
		assert_int_equal(c.resp.status, 201);
		call_release(&c);
	}
	assert_int_equal(count_incidents(), 3);
}

static void test_malformed_json_is_400_naming_the_position(void **state)
{
	(void)state;
	refused_create("{\"title\": }", NULL, 400, NULL,
		       "malformed JSON at line 1, column 11 (byte 11): unexpected token near '}'");
	refused_create("{\"title\": \"x\"", NULL, 400, NULL,
		       "malformed JSON at line 1, column 13 (byte 13): '}' expected near end of file");
	refused_create("", NULL, 400, NULL, "the body is empty: send a JSON object");
	refused_create("{\"title\": \"x\"} {}", NULL, 400, NULL,
		       "malformed JSON at line 1, column 16 (byte 16): end of file expected near '{'");
	refused_create("{\"title\": \"a\\u0000b\"}", NULL, 400, NULL,
		       "malformed JSON at line 1, column 20 (byte 20): \\u0000 is not allowed without "
		       "JSON_ALLOW_NUL near '\"a\\u0000b\"'");
}

static void test_invalid_utf8_is_400_naming_the_byte(void **state)
{
	(void)state;
	refused_create("{\"title\": \"caf\xe9\"}", NULL, 400, NULL,
		       "the body is not valid UTF-8 (byte 14)");
	/* An overlong '/' hides a character from checks on the text. */
	refused_create("{\"title\": \"\xc0\xaf\"}", NULL, 400, NULL,
		       "the body is not valid UTF-8 (byte 11)");
}

static void test_duplicate_member_is_400(void **state)
{
	(void)state;
	refused_create("{\"title\": \"a\", \"title\": \"b\"}", NULL, 400, NULL,
		       "malformed JSON at line 1, column 22 (byte 22): duplicate object key near '\"title\"'");
}

static void test_too_deep_nesting_is_400(void **state)
{
	(void)state;
	char body[256] = "{\"title\": ";
	size_t n = strlen(body);
	for (int i = 0; i < MK_JSON_DEPTH_MAX; i++)
		body[n++] = '[';
	for (int i = 0; i < MK_JSON_DEPTH_MAX; i++)
		body[n++] = ']';
	body[n++] = '}';
	body[n] = '\0';
	refused_create(body, NULL, 400, NULL, "the body nests deeper than 32 levels");
}

static void test_oversized_body_is_413(void **state)
{
	(void)state;
	size_t n = MK_HTTP_BODY_MAX + 1;
	char *body = malloc(n + 1);
	memset(body, ' ', n);
	memcpy(body, "{\"title\":\"x\"}", 13);
	body[n] = '\0';
	refused_create(body, NULL, 413, NULL, "the body is larger than 262144 bytes");
	free(body);
}

static void test_body_that_is_not_an_object_is_422(void **state)
{
	(void)state;
	refused_create("[\"title\"]", NULL, 422, NULL, "the body must be a JSON object");
	refused_create("\"title\"", NULL, 422, NULL, "the body must be a JSON object");
	refused_create("null", NULL, 422, NULL, "the body must be a JSON object");
}

static void test_unknown_member_is_422_naming_it(void **state)
{
	(void)state;
	refused_create("{\"title\": \"x\", \"colour\": \"red\"}", NULL, 422, "colour",
		       "unknown member 'colour'");
	/* The name is client text: a control character in it is not echoed. */
	refused_create("{\"title\": \"x\", \"a\\u001bb\": 1}", NULL, 422,
		       "(a name with control characters)",
		       "unknown member '(a name with control characters)'");
}

static void test_wrong_types_are_422_naming_the_field(void **state)
{
	(void)state;
	refused_create("{\"title\": 5}", NULL, 422, "title", "'title' must be a string");
	refused_create("{\"title\": [\"x\"]}", NULL, 422, "title", "'title' must be a string");
	refused_create("{\"title\": \"x\", \"confidential\": \"ja\"}", NULL, 422, "confidential",
		       "'confidential' must be true or false");
	refused_create("{\"title\": \"x\", \"detected_at\": 1793095200}", NULL, 422, "detected_at",
		       "'detected_at' must be a string");
}

static void test_service_checks_apply_to_json_text(void **state)
{
	(void)state;
	/* Bad values get the service's own messages, and nothing is written. */
	refused_create("{\"description\": \"no title\"}", NULL, 422, "title", "title is empty");
	refused_create("{\"title\": \"a\\u001bb\"}", NULL, 422, "title", NULL);
	refused_create("{\"title\": \"x\", \"tlp\": \"purple\"}", NULL, 422, "tlp", NULL);
	refused_create("{\"title\": \"x\", \"detected_at\": \"yesterday\"}", NULL, 422,
		       "detected_at", NULL);
	char *big = malloc(MK_TITLE_MAX + 32);
	snprintf(big, 16, "{\"title\": \"");
	memset(big + 11, 'a', MK_TITLE_MAX + 1);
	snprintf(big + 11 + MK_TITLE_MAX + 1, 4, "\"}");
	refused_create(big, NULL, 413, "title", NULL);
	free(big);
}

static void test_json_depth_counts_containers(void **state)
{
	(void)state;
	json_t *v = json_loads("{\"a\": [1, {\"b\": []}], \"c\": 2}", 0, NULL);
	assert_int_equal(mk_api_json_depth(v), 4);
	json_decref(v);
	v = json_integer(3);
	assert_int_equal(mk_api_json_depth(v), 0);
	json_decref(v);
}

static void test_if_match_forms(void **state)
{
	(void)state;
	static const struct {
		const char *value;
		bool ok;
		int64_t version;
	} cases[] = {
		{"\"3\"", true, 3},   {"W/\"12\"", true, 12}, {" \"7\" ", true, 7},
		{"3", false, 0},      {"\"0\"", false, 0},    {"\"03\"", false, 0},
		{"*", false, 0},      {"\"1\", \"2\"", false, 0}, {"\"x\"", false, 0},
		{"\"99999999999999999999\"", false, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct call c;
		int64_t v = -1;
		call_init(&c, "PATCH", "/api/v1/incidents/MK-2026-0001", "{}");
		call_header(&c, "If-Match", cases[i].value);
		assert_int_equal(mk_api_if_match(&c.req, &c.resp, true, &v), cases[i].ok);
		if (cases[i].ok) {
			assert_int_equal(v, cases[i].version);
		} else {
			c.json = json_loadb(c.resp.body.data, c.resp.body.len, 0, NULL);
			assert_problem(&c, 400, "If-Match",
				       "If-Match must be one ETag as sent by GET, such as \"3\"");
		}
		call_release(&c);
	}
}

static void test_limit_parameter(void **state)
{
	(void)state;
	static const struct {
		const char *path;
		int status;
		int limit;
		const char *detail;
	} cases[] = {
		{"/api/v1/incidents", 0, MK_PAGE_DEFAULT, NULL},
		{"/api/v1/incidents?limit=1", 0, 1, NULL},
		{"/api/v1/incidents?limit=1000", 0, 1000, NULL},
		{"/api/v1/incidents?limit=0", 422, 0, "'limit' must be a number from 1 to 1000, not '0'"},
		{"/api/v1/incidents?limit=1001", 422, 0,
		 "'limit' must be a number from 1 to 1000, not '1001'"},
		{"/api/v1/incidents?limit=-5", 422, 0, "'limit' must be a number from 1 to 1000, not '-5'"},
		{"/api/v1/incidents?limit=1e3", 422, 0,
		 "'limit' must be a number from 1 to 1000, not '1e3'"},
		{"/api/v1/incidents?limit=%27%3B--", 422, 0,
		 "'limit' must be a number from 1 to 1000, not '';--'"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct call c;
		int limit = -1;
		call_init(&c, "GET", cases[i].path, NULL);
		bool ok = mk_api_query_limit(&c.req, &c.resp, &limit);
		assert_int_equal(ok, cases[i].status == 0);
		if (ok) {
			assert_int_equal(limit, cases[i].limit);
		} else {
			c.json = json_loadb(c.resp.body.data, c.resp.body.len, 0, NULL);
			assert_problem(&c, 422, "limit", cases[i].detail);
		}
		call_release(&c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		API_TEST(test_wrong_content_type_is_415),
		API_TEST(test_json_with_utf8_charset_is_accepted),
		API_TEST(test_malformed_json_is_400_naming_the_position),
		API_TEST(test_invalid_utf8_is_400_naming_the_byte),
		API_TEST(test_duplicate_member_is_400),
		API_TEST(test_too_deep_nesting_is_400),
		API_TEST(test_oversized_body_is_413),
		API_TEST(test_body_that_is_not_an_object_is_422),
		API_TEST(test_unknown_member_is_422_naming_it),
		API_TEST(test_wrong_types_are_422_naming_the_field),
		API_TEST(test_service_checks_apply_to_json_text),
		API_TEST(test_json_depth_counts_containers),
		API_TEST(test_if_match_forms),
		API_TEST(test_limit_parameter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
