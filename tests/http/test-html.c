/* The one HTML escaping function (src/http/html.c), the URL encoder and
 * the redirect check of the login page, and the nl/en message table
 * (src/http/i18n.c): exact output for every special character, hostile
 * input, and every message present in both languages. */
#include "../unit/unit.h"

#include "http/html.h"
#include "http/i18n.h"

static char *escaped(const char *s)
{
	static char out[4096];
	struct mk_buf b;
	mk_buf_init(&b, sizeof(out) - 1);
	mk_html_escape(&b, s);
	assert_int_equal(mk_buf_rc(&b), MK_OK);
	snprintf(out, sizeof(out), "%s", b.data);
	mk_buf_release(&b);
	return out;
}

static void test_escape_replaces_the_five_specials(void **state)
{
	(void)state;
	assert_string_equal(escaped("&"), "&amp;");
	assert_string_equal(escaped("<"), "&lt;");
	assert_string_equal(escaped(">"), "&gt;");
	assert_string_equal(escaped("\""), "&quot;");
	assert_string_equal(escaped("'"), "&#39;");
	assert_string_equal(escaped("<script>alert(1)</script>"),
			    "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_string_equal(escaped("\" onmouseover='x' a=\""),
			    "&quot; onmouseover=&#39;x&#39; a=&quot;");
	assert_string_equal(escaped("&amp;"), "&amp;amp;"); /* no double-unescaping */
}

static void test_escape_keeps_other_text_as_it_is(void **state)
{
	(void)state;
	assert_string_equal(escaped(""), "");
	assert_string_equal(escaped("Phishingmail bij één afdeling"), "Phishingmail bij één afdeling");
	assert_string_equal(escaped("a\nb\tc"), "a\nb\tc");
	assert_string_equal(escaped("`${x}` /* -- */ ;"), "`${x}` /* -- */ ;");
	struct mk_buf b;
	mk_buf_init(&b, 64);
	mk_html_escape(&b, NULL);
	assert_int_equal(b.len, 0);
	mk_buf_release(&b);
}

static void test_escape_fails_sticky_past_the_buffer_limit(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 8);
	mk_html_escape(&b, "<<"); /* 8 bytes: fits exactly */
	assert_int_equal(mk_buf_rc(&b), MK_OK);
	assert_string_equal(b.data, "&lt;&lt;");
	mk_html_escape(&b, "x");
	assert_int_equal(mk_buf_rc(&b), MK_ETOOBIG);
	mk_buf_release(&b);
}

static void test_attr_escapes_the_value(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 256);
	mk_html_attr(&b, "value", "\"><img src=x onerror=alert(1)>");
	assert_string_equal(b.data, " value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"");
	mk_buf_release(&b);
}

static void test_url_param_encodes_all_but_unreserved(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 256);
	mk_html_url_param(&b, "a b&c=d/é\"<~._-");
	assert_string_equal(b.data, "a%20b%26c%3Dd%2F%C3%A9%22%3C~._-");
	mk_buf_release(&b);
}

static void test_local_path_refuses_other_sites(void **state)
{
	(void)state;
	assert_true(mk_ui_local_path("/"));
	assert_true(mk_ui_local_path("/incidenten/MK-2026-0001?x=1#logboek"));
	assert_false(mk_ui_local_path(NULL));
	assert_false(mk_ui_local_path(""));
	assert_false(mk_ui_local_path("https://evil.example/"));
	assert_false(mk_ui_local_path("//evil.example/"));
	assert_false(mk_ui_local_path("/\\evil.example/"));
	assert_false(mk_ui_local_path("/a\\b"));
	assert_false(mk_ui_local_path("/a\r\nSet-Cookie: x=1"));
	assert_false(mk_ui_local_path("javascript:alert(1)"));
}

static void test_time_shows_amsterdam_and_utc(void **state)
{
	(void)state;
	struct mk_http_request req;
	memset(&req, 0, sizeof(req));
	req.lang = "nl";
	struct mk_buf b;
	mk_buf_init(&b, 256);
	/* 2026-10-27T10:00:00Z = 11:00 CET (python3: calendar.timegm) */
	mk_html_time(&b, &req, 1793095200);
	assert_string_equal(b.data, "<time datetime=\"2026-10-27T10:00:00Z\">2026-10-27 11:00 CET</time>");
	mk_buf_reset(&b);
	mk_html_time(&b, &req, MK_TIME_UNKNOWN);
	assert_string_equal(b.data, "<span class=\"unknown\">onbekend</span>");
	mk_buf_reset(&b);
	mk_html_time_input(&b, 1793095200);
	assert_string_equal(b.data, "2026-10-27T11:00");
	mk_buf_release(&b);
}

static void test_page_layout_sets_lang_title_and_landmarks(void **state)
{
	(void)state;
	struct mk_http_request req;
	memset(&req, 0, sizeof(req));
	req.lang = "en";
	struct mk_buf b;
	mk_buf_init(&b, 64 * 1024);
	mk_html_page_begin(&b, &req, "<b>Titel</b>", MK_NAV_NONE);
	mk_html_page_end(&b, &req);
	assert_non_null(strstr(b.data, "<html lang=\"en\">"));
	assert_non_null(strstr(b.data, "<title>&lt;b&gt;Titel&lt;/b&gt; - meldkamer</title>"));
	assert_non_null(strstr(b.data, "<a class=\"skip\" href=\"#inhoud\">Skip to content</a>"));
	assert_non_null(strstr(b.data, "<main id=\"inhoud\""));
	assert_non_null(strstr(b.data, "<footer"));
	assert_null(strstr(b.data, "<nav")); /* not logged in: no menu */
	mk_buf_release(&b);
}

static void test_navigation_follows_the_role(void **state)
{
	(void)state;
	struct mk_http_request req;
	memset(&req, 0, sizeof(req));
	req.authenticated = true;
	req.account.role = MK_ROLE_MELDER;
	snprintf(req.account.display_name, sizeof(req.account.display_name), "Piet <Jansen>");
	snprintf(req.csrf, sizeof(req.csrf), "tok\"en");
	struct mk_buf b;
	mk_buf_init(&b, 64 * 1024);
	mk_html_page_begin(&b, &req, "x", MK_NAV_MELDEN);
	assert_non_null(strstr(b.data, "<html lang=\"nl\">"));
	assert_non_null(strstr(b.data, "<a href=\"/melden\" aria-current=\"page\">Meld een incident</a>"));
	assert_null(strstr(b.data, "/wachtrij"));
	assert_null(strstr(b.data, "/kpi"));
	assert_non_null(strstr(b.data, "Piet &lt;Jansen&gt;"));
	assert_non_null(strstr(b.data, "<input type=\"hidden\" name=\"csrf\" value=\"tok&quot;en\">"));
	mk_buf_reset(&b);
	req.account.role = MK_ROLE_SERVICEDESK;
	mk_html_page_begin(&b, &req, "x", MK_NAV_WACHTRIJ);
	assert_non_null(strstr(b.data, "<a href=\"/wachtrij\" aria-current=\"page\">Wachtrij</a>"));
	mk_buf_release(&b);
}

static void test_every_message_has_dutch_and_english(void **state)
{
	(void)state;
	for (int i = 0; i < MSG_COUNT; i++) {
		assert_true(strlen(mk_t("nl", (enum mk_msg)i)) > 0);
		assert_true(strlen(mk_t("en", (enum mk_msg)i)) > 0);
	}
	assert_string_equal(mk_t("nl", MSG_LOGIN_TITLE), "Inloggen");
	assert_string_equal(mk_t("en", MSG_LOGIN_TITLE), "Log in");
	assert_string_equal(mk_t(NULL, MSG_OVERDUE), "te laat");
	assert_string_equal(mk_t("de", MSG_OVERDUE), "te laat");
	assert_string_equal(mk_t("en", MSG_OVERDUE), "overdue");
	assert_string_equal(mk_t("nl", MSG_COUNT), "");
	assert_string_equal(mk_lang("en"), "en");
	assert_string_equal(mk_lang("EN\"><script>"), "nl");
	assert_string_equal(mk_lang(NULL), "nl");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_escape_replaces_the_five_specials),
		UNIT_TEST(test_escape_keeps_other_text_as_it_is),
		UNIT_TEST(test_escape_fails_sticky_past_the_buffer_limit),
		UNIT_TEST(test_attr_escapes_the_value),
		UNIT_TEST(test_url_param_encodes_all_but_unreserved),
		UNIT_TEST(test_local_path_refuses_other_sites),
		UNIT_TEST(test_time_shows_amsterdam_and_utc),
		UNIT_TEST(test_page_layout_sets_lang_title_and_landmarks),
		UNIT_TEST(test_navigation_follows_the_role),
		UNIT_TEST(test_every_message_has_dutch_and_english),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
