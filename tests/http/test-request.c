/* The server-free half of the HTTP layer (src/http/request.c): decoding
 * query strings, form bodies, cookies and path segments, and the problem
 * answers. Hostile input (bad escapes, NUL bytes, traversal, invalid
 * UTF-8, header injection) is refused with the field named. */
#include "../unit/unit.h"

#include "http/http.h"

static void test_urlencoded_decodes_plus_and_escapes(void **state)
{
	(void)state;
	char text[] = "title=Phishing+mail%20bij%20%C3%A9%C3%A9n&&b=&c&d=1%2B1";
	struct mk_http_pair p[8];
	size_t n = 99;
	struct mk_error err;
	assert_int_equal(mk_http_parse_urlencoded(text, p, 8, &n, &err), MK_OK);
	assert_int_equal(n, 4);
	assert_string_equal(p[0].name, "title");
	assert_string_equal(p[0].value, "Phishing mail bij \xc3\xa9\xc3\xa9n");
	assert_string_equal(p[1].name, "b");
	assert_string_equal(p[1].value, "");
	assert_string_equal(p[2].name, "c");
	assert_string_equal(p[2].value, "");
	assert_string_equal(p[3].value, "1+1");
}

static void test_urlencoded_refuses_hostile_values(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *field;
		const char *message;
	} cases[] = {
		{"title=%zz", "title", "'title' has a bad percent escape"},
		{"title=abc%4", "title", "'title' has a bad percent escape"},
		{"title=a%00b", "title", "'title' holds a NUL byte"},
		{"title=%ff%fe", "title", "'title' is not valid UTF-8 (byte 0)"},
		{"title=a%1bb", "title", "'title' holds control character 0x1b"},
		{"ti%00tle=a", "(parameter name)", "'(parameter name)' holds a NUL byte"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[64];
		snprintf(text, sizeof(text), "%s", cases[i].text);
		struct mk_http_pair p[4];
		size_t n = 7;
		struct mk_error err;
		assert_int_equal(mk_http_parse_urlencoded(text, p, 4, &n, &err), MK_EINVAL);
		assert_string_equal(err.field, cases[i].field);
		assert_string_equal(err.message, cases[i].message);
		assert_int_equal(n, 7); /* ret_n is written only on success */
	}
}

static void test_urlencoded_refuses_too_many_pairs(void **state)
{
	(void)state;
	char text[] = "a=1&b=2&c=3";
	struct mk_http_pair p[2];
	size_t n;
	struct mk_error err;
	assert_int_equal(mk_http_parse_urlencoded(text, p, 2, &n, &err), MK_EINVAL);
	assert_string_equal(err.message, "more than 2 parameters");
}

static void test_cookies_split_trim_and_unquote(void **state)
{
	(void)state;
	char text[] = "mk_session=abc; theme=\"dark\" ;broken; x=";
	struct mk_http_pair p[8];
	size_t n;
	struct mk_error err;
	assert_int_equal(mk_http_parse_cookies(text, p, 8, &n, &err), MK_OK);
	assert_int_equal(n, 3);
	assert_string_equal(p[0].name, "mk_session");
	assert_string_equal(p[0].value, "abc");
	assert_string_equal(p[1].name, "theme");
	assert_string_equal(p[1].value, "dark");
	assert_string_equal(p[2].name, "x");
	assert_string_equal(p[2].value, "");
}

static void test_segment_refuses_traversal(void **state)
{
	(void)state;
	static const char *bad[] = {"..", "%2e%2e", ".", "a%2fb", "a%5cb", "%00", "%0a", "%c0%af"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char seg[32];
		snprintf(seg, sizeof(seg), "%s", bad[i]);
		struct mk_error err;
		assert_int_equal(mk_http_decode_segment(seg, &err), MK_EINVAL);
		assert_string_equal(err.field, "path");
	}
	char good[] = "MK-2026-0001%20x";
	assert_int_equal(mk_http_decode_segment(good, NULL), MK_OK);
	assert_string_equal(good, "MK-2026-0001 x");
}

static void test_lookups_header_case_insensitive_form_repeated(void **state)
{
	(void)state;
	struct mk_http_request r = {0};
	r.headers[0] = (struct mk_http_pair){"Content-Type", "application/json"};
	r.nheaders = 1;
	r.form[0] = (struct mk_http_pair){"impact", "mensen=hoog"};
	r.form[1] = (struct mk_http_pair){"title", "x"};
	r.form[2] = (struct mk_http_pair){"impact", "data=midden"};
	r.nform = 3;
	assert_string_equal(mk_http_header(&r, "content-type"), "application/json");
	assert_null(mk_http_header(&r, "Accept"));
	assert_string_equal(mk_http_form_nth(&r, "impact", 0), "mensen=hoog");
	assert_string_equal(mk_http_form_nth(&r, "impact", 1), "data=midden");
	assert_null(mk_http_form_nth(&r, "impact", 2));
	assert_null(mk_http_query(&r, "limit"));
}

static void test_problem_is_rfc9457_json_with_field(void **state)
{
	(void)state;
	struct mk_http_response resp;
	mk_http_response_init(&resp);
	struct mk_error err;
	mk_error_set(&err, MK_EINVAL, "detected_at", "'detected_at' is before \"occurred_at\"");
	mk_http_problem_from(&resp, &err);
	assert_int_equal(resp.status, 422);
	assert_string_equal(resp.content_type, "application/problem+json");
	assert_string_equal(resp.body.data,
			    "{\"type\":\"about:blank\",\"status\":422,\"title\":\"Unprocessable Content\","
			    "\"detail\":\"'detected_at' is before \\\"occurred_at\\\"\","
			    "\"field\":\"detected_at\"}\n");
	mk_http_response_release(&resp);
}

/* The database's path and SQLite's words are the operator's (stderr);
 * the client hears it may try again. */
static void test_store_failure_is_503_retry_without_the_path(void **state)
{
	(void)state;
	struct mk_http_response resp;
	mk_http_response_init(&resp);
	struct mk_error err;
	mk_error_set(&err, MK_ESTORE, "", "database '/var/lib/meldkamer/mk.db' is busy");
	mk_http_problem_from(&resp, &err);
	assert_int_equal(resp.status, 503);
	assert_string_equal(resp.body.data,
			    "{\"type\":\"about:blank\",\"status\":503,\"title\":\"Service Unavailable\","
			    "\"detail\":\"the database is busy or unavailable: try again in a "
			    "moment\"}\n");
	assert_int_equal(resp.nheader, 1);
	assert_string_equal(resp.header[0].name, "Retry-After");
	assert_string_equal(resp.header[0].value, "5");
	mk_http_response_release(&resp);
}

static void test_status_per_error_kind(void **state)
{
	(void)state;
	assert_int_equal(mk_http_status(MK_OK), 200);
	assert_int_equal(mk_http_status(MK_EINVAL), 422);
	assert_int_equal(mk_http_status(MK_ENOTFOUND), 404);
	assert_int_equal(mk_http_status(MK_ECONFLICT), 409);
	assert_int_equal(mk_http_status(MK_EPERM), 403);
	assert_int_equal(mk_http_status(MK_ETOOBIG), 413);
	assert_int_equal(mk_http_status(MK_ETHROTTLED), 429);
	assert_int_equal(mk_http_status(MK_ECHAIN), 500);
	assert_int_equal(mk_http_status(MK_ESTORE), 503);
	assert_int_equal(mk_http_status(MK_ENOMEM), 503);
}

static void test_header_injection_becomes_500(void **state)
{
	(void)state;
	struct mk_http_response resp;
	mk_http_response_init(&resp);
	mk_http_set_header(&resp, "ETag", "\"3\"");
	assert_int_equal(resp.nheader, 1);
	mk_http_set_header(&resp, "Location", "/x\r\nSet-Cookie: a=b");
	assert_int_equal(resp.status, 500);
	assert_int_equal(resp.nheader, 0);
	mk_http_response_release(&resp);

	mk_http_response_init(&resp);
	mk_http_redirect(&resp, "/incidents/MK-2026-0001");
	assert_int_equal(resp.status, 303);
	assert_string_equal(resp.header[0].name, "Location");
	assert_string_equal(resp.header[0].value, "/incidents/MK-2026-0001");
	mk_http_response_release(&resp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_urlencoded_decodes_plus_and_escapes),
		UNIT_TEST(test_urlencoded_refuses_hostile_values),
		UNIT_TEST(test_urlencoded_refuses_too_many_pairs),
		UNIT_TEST(test_cookies_split_trim_and_unquote),
		UNIT_TEST(test_segment_refuses_traversal),
		UNIT_TEST(test_lookups_header_case_insensitive_form_repeated),
		UNIT_TEST(test_problem_is_rfc9457_json_with_field),
		UNIT_TEST(test_status_per_error_kind),
		UNIT_TEST(test_header_injection_becomes_500),
		UNIT_TEST(test_store_failure_is_503_retry_without_the_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
