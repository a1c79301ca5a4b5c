/* core/alert: the severity scales of each source mapped onto meldkamer's
 * four steps (every value of Suricata's 1..4 and Wazuh's 0..15, pinned by
 * hand from doc/alerts.md), the collapse window to the second, and the
 * window option's syntax. */
#include "unit.h"

#include "core/alert.h"

static void test_alert_severity_scales(void **state)
{
	(void)state;
	struct mk_error err = {0};
	int s;
	static const int suricata[] = {0, 3, 2, 1, 1}; /* index: Suricata severity */
	for (int i = 1; i <= 4; i++) {
		assert_int_equal(mk_severity_from_suricata(i, &s, &err), MK_OK);
		assert_int_equal(s, suricata[i]);
	}
	assert_int_equal(mk_severity_from_suricata(0, &s, &err), MK_EINVAL);
	assert_string_equal(err.message, "alert.severity 0 is out of range (1 to 255)");
	static const int wazuh[16] = {1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 4};
	for (int i = 0; i <= 15; i++) {
		assert_int_equal(mk_severity_from_wazuh(i, &s, &err), MK_OK);
		if (s != wazuh[i])
			fail_msg("wazuh level %d: %d, expected %d", i, s, wazuh[i]);
	}
	assert_int_equal(mk_severity_from_wazuh(16, &s, &err), MK_EINVAL);
	assert_string_equal(err.message, "rule.level 16 is out of range (0 to 15)");
	assert_int_equal(mk_severity_from_wazuh(-1, &s, &err), MK_EINVAL);

	static const char *const names[] = {"", "low", "medium", "high", "critical"};
	for (int i = 1; i <= 4; i++) {
		char digit[2] = {(char)('0' + i), 0};
		assert_string_equal(mk_severity_name(i), names[i]);
		assert_int_equal(mk_severity_parse(names[i], "severity", &s, &err), MK_OK);
		assert_int_equal(s, i);
		assert_int_equal(mk_severity_parse(digit, "severity", &s, &err), MK_OK);
		assert_int_equal(s, i);
	}
	assert_string_equal(mk_severity_name(0), "");
	assert_int_equal(mk_severity_parse("5", "severity", &s, &err), MK_EINVAL);
	assert_int_equal(mk_severity_parse("High", "severity", &s, &err), MK_EINVAL);
	assert_string_equal(err.message, "severity 'High' is unknown: use one of low, medium, high, "
					 "critical (or 1 to 4)");
}

static void test_alert_joins_within_window_to_the_second(void **state)
{
	(void)state;
	/* a group seen from 1000 to 2000 with a window of 3600 */
	assert_true(mk_alert_joins(1000, 2000, 2000 + 3600, 3600));
	assert_false(mk_alert_joins(1000, 2000, 2000 + 3601, 3600));
	assert_true(mk_alert_joins(1000, 2000, 1000 - 3600, 3600));
	assert_false(mk_alert_joins(1000, 2000, 1000 - 3601, 3600));
	assert_true(mk_alert_joins(1000, 2000, 1500, 1));
	assert_true(mk_alert_joins(1000, 1000, 1001, 1));
	assert_false(mk_alert_joins(1000, 1000, 1002, 1));
}

static void test_alert_window_syntax(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int64_t s;
	} ok[] = {{"1", 1}, {"3600", 3600}, {"90s", 90}, {"30m", 1800}, {"1h", 3600},
		  {"2d", 172800}, {"30d", 2592000}};
	struct mk_error err = {0};
	int64_t w;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(mk_alert_window_parse(ok[i].in, &w, &err), MK_OK);
		assert_int_equal(w, ok[i].s);
	}
	static const char *const bad[] = {"", "0", "h", "1x", "1hh", "-1", "1.5h", " 1h"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (mk_alert_window_parse(bad[i], &w, &err) != MK_EINVAL)
			fail_msg("window '%s' accepted", bad[i]);
	assert_int_equal(mk_alert_window_parse("1x", &w, &err), MK_EINVAL);
	assert_string_equal(err.message, "window '1x' is not a duration: use seconds or a number "
					 "with s, m, h or d (1h)");
	assert_int_equal(mk_alert_window_parse("31d", &w, &err), MK_EINVAL);
	assert_string_equal(err.message, "window '31d' must be 1s to 30d");
	assert_int_equal(mk_alert_window_parse("99999999999999999999", &w, &err), MK_EINVAL);
	assert_string_equal(mk_alert_kind_name(MK_ALERT_SURICATA), "suricata");
	assert_string_equal(mk_alert_kind_name(MK_ALERT_WAZUH), "wazuh");
	assert_string_equal(mk_alert_kind_name(MK_ALERT_GENERIC), "generic");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_alert_severity_scales),
		UNIT_TEST(test_alert_joins_within_window_to_the_second),
		UNIT_TEST(test_alert_window_syntax),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
