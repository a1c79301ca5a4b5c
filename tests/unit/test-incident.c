/* core/incident: the incident record's defaults, its checks (texts, e-mail
 * shape, time range, time order, the future), human keys, and citizen
 * impact. Every refusal names the field. */
#include "unit.h"

#include "base/limits.h"
#include "core/incident.h"

/* "now" for the checks: 2026-10-25 09:30 CET. */
#define NOW ((mk_time)1792917000)
/* 2026-10-24 12:00 CEST. */
#define T12 ((mk_time)1792836000)

static void minimal(struct mk_incident *inc)
{
	mk_incident_init(inc);
	assert_int_equal(mk_incident_set_text(&inc->title, "Phishing bij Burgerzaken"), MK_OK);
}

static void expect_refusal(const struct mk_incident *inc, enum mk_rc rc, const char *field,
			   const char *message)
{
	struct mk_error e;
	enum mk_rc got = mk_incident_check(inc, NOW, &e);
	if (got != rc)
		fail_msg("rc %s, expected %s (%s)", mk_rc_name(got), mk_rc_name(rc),
			 got ? e.message : "");
	assert_string_equal(e.field, field);
	if (message)
		assert_string_equal(e.message, message);
}

static void test_incident_init_sets_the_documented_defaults(void **state)
{
	(void)state;
	struct mk_incident inc;
	memset(&inc, 0x5a, sizeof(inc));
	mk_incident_init(&inc);
	assert_int_equal(inc.id, 0);
	assert_string_equal(inc.uuid, "");
	assert_string_equal(inc.key, "");
	assert_null(inc.title);
	assert_null(inc.description);
	assert_null(inc.reporter.email);
	assert_int_equal(inc.people_affected, -1);
	assert_int_equal(inc.phase, MK_PHASE_DETECTIE);
	assert_int_equal(inc.event_type, MK_EVENT_NORMAAL);
	assert_int_equal(inc.tlp, MK_TLP_AMBER);
	assert_int_equal(inc.source, MK_SOURCE_UNKNOWN);
	assert_int_equal(inc.urgency, MK_LEVEL_NONE);
	assert_int_equal(inc.priority, MK_PRIORITY_NONE);
	assert_false(inc.classified);
	assert_false(inc.confidential);
	assert_false(inc.personal_data);
	assert_false(inc.exercise);
	for (int c = 0; c < MK_CRITERION_COUNT; c++)
		assert_int_equal(inc.impact.level[c], MK_LEVEL_NONE);
	const mk_time times[] = {inc.occurred_at, inc.detected_at, inc.reported_at,
				 inc.management_informed_at, inc.subjects_informed_at,
				 inc.contained_at, inc.resolved_at, inc.closed_at,
				 inc.created_at, inc.updated_at};
	for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++)
		assert_true(times[i] == MK_TIME_UNKNOWN);
	/* A fresh record has no title yet, so it does not pass the check. */
	expect_refusal(&inc, MK_EINVAL, "title", "title is empty");
}

static void test_incident_release_frees_every_string(void **state)
{
	(void)state;
	struct mk_incident inc;
	mk_incident_init(&inc);
	char **slots[] = {&inc.title, &inc.description, &inc.reporter.name,
			  &inc.reporter.department, &inc.reporter.phone, &inc.reporter.email,
			  &inc.matrix_category, &inc.matrix_incident, &inc.parent_key,
			  &inc.supplier, &inc.source_ref, &inc.victim, &inc.industry};
	for (size_t i = 0; i < sizeof(slots) / sizeof(slots[0]); i++)
		assert_int_equal(mk_incident_set_text(slots[i], "x"), MK_OK);
	inc.people_affected = 5;
	mk_incident_release(&inc); /* valgrind/ASan: nothing leaks */
	assert_null(inc.title);
	assert_int_equal(inc.people_affected, -1);
	mk_incident_release(&inc);
	mk_incident_release(NULL);
}

static void test_incident_set_text_replaces_copies_and_keeps_on_oom(void **state)
{
	(void)state;
	char *slot = NULL;
	char value[] = "eerste";
	assert_int_equal(mk_incident_set_text(&slot, value), MK_OK);
	value[0] = 'E';
	assert_string_equal(slot, "eerste");
	assert_int_equal(mk_incident_set_text(&slot, "tweede"), MK_OK);
	assert_string_equal(slot, "tweede");
	mk_alloc_fail_after(0);
	assert_int_equal(mk_incident_set_text(&slot, "derde"), MK_ENOMEM);
	mk_alloc_fail_reset();
	assert_string_equal(slot, "tweede"); /* as it was */
	assert_int_equal(mk_incident_set_text(&slot, NULL), MK_OK);
	assert_null(slot);
}

static void test_incident_minimal_record_passes(void **state)
{
	(void)state;
	struct mk_incident inc;
	minimal(&inc);
	assert_int_equal(mk_incident_check(&inc, NOW, NULL), MK_OK);
	mk_incident_release(&inc);
}

static void test_incident_text_fields_are_checked_and_named(void **state)
{
	(void)state;
	static const char *const one_line_fields[] = {
		"reporter_name", "reporter_department", "reporter_phone", "reporter_email",
		"supplier", "source_ref", "victim", "industry", "category", "incident",
	};
	for (size_t i = 0; i < sizeof(one_line_fields) / sizeof(one_line_fields[0]); i++) {
		struct mk_incident inc;
		minimal(&inc);
		char **slots[] = {&inc.reporter.name, &inc.reporter.department, &inc.reporter.phone,
				  &inc.reporter.email, &inc.supplier, &inc.source_ref, &inc.victim,
				  &inc.industry, &inc.matrix_category, &inc.matrix_incident};
		assert_int_equal(mk_incident_set_text(slots[i], "two\nlines"), MK_OK);
		char expected[200];
		snprintf(expected, sizeof(expected),
			 "%s contains a control character (0x0a at byte 3)", one_line_fields[i]);
		expect_refusal(&inc, MK_EINVAL, one_line_fields[i], expected);
		mk_incident_release(&inc);
	}

	struct mk_incident inc;
	minimal(&inc);
	/* Title: one line, at most MK_TITLE_MAX bytes. */
	char title[MK_TITLE_MAX + 2];
	memset(title, 't', MK_TITLE_MAX);
	title[MK_TITLE_MAX] = '\0';
	mk_incident_set_text(&inc.title, title);
	assert_int_equal(mk_incident_check(&inc, NOW, NULL), MK_OK);
	title[MK_TITLE_MAX] = 't';
	title[MK_TITLE_MAX + 1] = '\0';
	mk_incident_set_text(&inc.title, title);
	expect_refusal(&inc, MK_ETOOBIG, "title", "title is too long: 401 bytes, the limit is 400");
	mk_incident_set_text(&inc.title, "Titel\tmet tab");
	expect_refusal(&inc, MK_EINVAL, "title", NULL);
	mk_incident_set_text(&inc.title, "Titel \xc0\xaf");
	expect_refusal(&inc, MK_EINVAL, "title", "title is not valid UTF-8 (at byte 6)");
	mk_incident_set_text(&inc.title, "Ok");

	/* Description: several lines fine, 64 KiB at most. */
	mk_incident_set_text(&inc.description, "Regel 1\nRegel 2\r\n\tRegel 3");
	assert_int_equal(mk_incident_check(&inc, NOW, NULL), MK_OK);
	char *big = malloc(MK_TEXT_MAX + 2);
	assert_non_null(big);
	memset(big, 'd', MK_TEXT_MAX + 1);
	big[MK_TEXT_MAX + 1] = '\0';
	mk_incident_set_text(&inc.description, big);
	free(big);
	expect_refusal(&inc, MK_ETOOBIG, "description",
		       "description is too long: 65537 bytes, the limit is 65536");
	mk_incident_release(&inc);
}

static void test_incident_classified_needs_category_and_incident(void **state)
{
	(void)state;
	struct mk_incident inc;
	minimal(&inc);
	inc.classified = true;
	expect_refusal(&inc, MK_EINVAL, "category", "category is empty");
	mk_incident_set_text(&inc.matrix_category, "Diensten van derden");
	expect_refusal(&inc, MK_EINVAL, "incident", "incident is empty");
	mk_incident_set_text(&inc.matrix_incident, "Niet gescreend personeel");
	assert_int_equal(mk_incident_check(&inc, NOW, NULL), MK_OK);
	mk_incident_release(&inc);
}

static void test_incident_reporter_email_shape(void **state)
{
	(void)state;
	static const char *const good[] = {"", "a@b", "j.jansen@gemeente.nl", "x+tag@sub.example.org"};
	static const char *const bad[] = {"geen-mail", "@gemeente.nl", "j.jansen@", "a@b@c",
					  "j jansen@gemeente.nl", "a@b "};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct mk_incident inc;
		minimal(&inc);
		mk_incident_set_text(&inc.reporter.email, good[i]);
		if (mk_incident_check(&inc, NOW, NULL) != MK_OK)
			fail_msg("'%s' refused", good[i]);
		mk_incident_release(&inc);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct mk_incident inc;
		minimal(&inc);
		mk_incident_set_text(&inc.reporter.email, bad[i]);
		char expected[200];
		snprintf(expected, sizeof(expected), "reporter_email '%s' is not an e-mail address",
			 bad[i]);
		expect_refusal(&inc, MK_EINVAL, "reporter_email", expected);
		mk_incident_release(&inc);
	}
}

static void test_incident_people_affected_minus_one_is_unknown(void **state)
{
	(void)state;
	struct mk_incident inc;
	minimal(&inc);
	inc.people_affected = -1;
	assert_int_equal(mk_incident_check(&inc, NOW, NULL), MK_OK);
	inc.people_affected = 0;
	assert_int_equal(mk_incident_check(&inc, NOW, NULL), MK_OK);
	inc.people_affected = -2;
	expect_refusal(&inc, MK_EINVAL, "people_affected", "people_affected cannot be negative");
	mk_incident_release(&inc);
}

static void test_incident_times_outside_1970_2099_are_refused(void **state)
{
	(void)state;
	static const struct {
		mk_time t;
		const char *message;
	} cases[] = {
		{-2208988800, "occurred_at lies in the year 1900: meldkamer accepts 1970 up to 2099"},
		{-1, "occurred_at lies in the year 1969: meldkamer accepts 1970 up to 2099"},
		{4102444800, "occurred_at lies in the year 2100: meldkamer accepts 1970 up to 2099"},
		{7258118400, "occurred_at lies in the year 2200: meldkamer accepts 1970 up to 2099"},
		{INT64_MIN + 1, NULL},
		{INT64_MAX, NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_incident inc;
		minimal(&inc);
		inc.occurred_at = cases[i].t;
		/* now unknown: only the range applies */
		struct mk_error e;
		assert_int_equal(mk_incident_check(&inc, MK_TIME_UNKNOWN, &e), MK_EINVAL);
		assert_string_equal(e.field, "occurred_at");
		if (cases[i].message)
			assert_string_equal(e.message, cases[i].message);
		mk_incident_release(&inc);
	}
	/* Every time field is range-checked, and named. */
	static const char *const names[] = {"occurred_at",     "detected_at",
					    "reported_at",     "management_informed_at",
					    "subjects_informed_at", "contained_at",
					    "resolved_at",     "closed_at"};
	for (size_t i = 0; i < 8; i++) {
		struct mk_incident inc;
		minimal(&inc);
		mk_time *slots[] = {&inc.occurred_at, &inc.detected_at, &inc.reported_at,
				    &inc.management_informed_at, &inc.subjects_informed_at,
				    &inc.contained_at, &inc.resolved_at, &inc.closed_at};
		*slots[i] = 7258118400; /* 2200-01-01 */
		struct mk_error e;
		assert_int_equal(mk_incident_check(&inc, MK_TIME_UNKNOWN, &e), MK_EINVAL);
		assert_string_equal(e.field, names[i]);
		mk_incident_release(&inc);
	}
	/* The edges: 1970-01-01T00:00:00Z and 2099-12-31T23:59:59Z pass. */
	struct mk_incident inc;
	minimal(&inc);
	inc.occurred_at = 0;
	inc.detected_at = 4102444799;
	assert_int_equal(mk_incident_check(&inc, MK_TIME_UNKNOWN, NULL), MK_OK);
	mk_incident_release(&inc);
}

static void test_incident_times_more_than_a_day_ahead_are_refused(void **state)
{
	(void)state;
	struct mk_incident inc;
	minimal(&inc);
	inc.detected_at = NOW + 86400; /* a day of clock skew is tolerated */
	assert_int_equal(mk_incident_check(&inc, NOW, NULL), MK_OK);
	inc.detected_at = NOW + 86401;
	/* 2026-10-26T08:30:01Z = 09:30 CET */
	expect_refusal(&inc, MK_EINVAL, "detected_at",
		       "detected_at (2026-10-26 09:30 CET) lies in the future");
	/* Without a "now" there is no future to compare with. */
	assert_int_equal(mk_incident_check(&inc, MK_TIME_UNKNOWN, NULL), MK_OK);
	mk_incident_release(&inc);
}

static void test_incident_time_order_is_enforced(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		int earlier, later; /* indexes into the slots below */
		const char *field, *message;
	} cases[] = {
		{"detected before occurred", 0, 1, "detected_at",
		 "detected_at (2026-10-24 11:00 CEST) lies before occurred_at (2026-10-24 12:00 "
		 "CEST)"},
		{"reported before occurred", 0, 2, "reported_at", NULL},
		{"closed before occurred", 0, 7, "closed_at", NULL},
		{"management informed before detection", 1, 3, "management_informed_at", NULL},
		{"subjects informed before detection", 1, 4, "subjects_informed_at", NULL},
		{"contained before detection", 1, 5, "contained_at", NULL},
		{"resolved before detection", 1, 6, "resolved_at", NULL},
		{"resolved before containment", 5, 6, "resolved_at", NULL},
		{"closed before resolution", 6, 7, "closed_at", NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_incident inc;
		minimal(&inc);
		mk_time *slots[] = {&inc.occurred_at, &inc.detected_at, &inc.reported_at,
				    &inc.management_informed_at, &inc.subjects_informed_at,
				    &inc.contained_at, &inc.resolved_at, &inc.closed_at};
		/* Only the two times under test are known. */
		*slots[cases[i].earlier] = T12;
		*slots[cases[i].later] = T12 - 3600;
		struct mk_error e;
		if (mk_incident_check(&inc, NOW, &e) != MK_EINVAL)
			fail_msg("%s was accepted", cases[i].what);
		assert_string_equal(e.field, cases[i].field);
		if (cases[i].message)
			assert_string_equal(e.message, cases[i].message);
		/* The same second is not "before". */
		*slots[cases[i].later] = T12;
		assert_int_equal(mk_incident_check(&inc, NOW, NULL), MK_OK);
		mk_incident_release(&inc);
	}
}

static void test_incident_full_timeline_passes(void **state)
{
	(void)state;
	struct mk_incident inc;
	minimal(&inc);
	inc.occurred_at = T12 - 86400;
	inc.detected_at = T12;
	inc.reported_at = T12 + 600;
	inc.management_informed_at = T12 + 1800;
	inc.subjects_informed_at = T12 + 7200;
	inc.contained_at = T12 + 3600;
	inc.resolved_at = T12 + 10800;
	inc.closed_at = T12 + 14400;
	assert_int_equal(mk_incident_check(&inc, NOW, NULL), MK_OK);
	/* Reported (to the service desk) may precede detection: a user's
	 * report can be how it was detected. */
	inc.reported_at = T12 - 600;
	assert_int_equal(mk_incident_check(&inc, NOW, NULL), MK_OK);
	mk_incident_release(&inc);
}

/* ---- keys ------------------------------------------------------------------ */

static void test_incident_key_format(void **state)
{
	(void)state;
	static const struct {
		int year;
		int64_t n;
		const char *key;
	} cases[] = {
		{2026, 1, "MK-2026-0001"},   {2026, 42, "MK-2026-0042"},
		{2026, 9999, "MK-2026-9999"}, {2026, 10000, "MK-2026-10000"},
		{1999, 123, "MK-1999-0123"},  {2026, 9999999, "MK-2026-9999999"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[MK_KEY_TEXT];
		mk_incident_key_format(cases[i].year, cases[i].n, buf);
		assert_string_equal(buf, cases[i].key);
		int y = 0;
		int64_t n = 0;
		assert_int_equal(mk_incident_key_parse(buf, &y, &n, NULL), MK_OK);
		assert_int_equal(y, cases[i].year);
		assert_int_equal(n, cases[i].n);
	}
}

static void test_incident_key_parse(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int year;
		int64_t n;
	} good[] = {
		{"MK-2026-0001", 2026, 1},
		{"mk-2026-0001", 2026, 1},
		{"Mk-2026-7", 2026, 7},
		{"MK-2026-123456789", 2026, 123456789},
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int y = 0;
		int64_t n = 0;
		if (mk_incident_key_parse(good[i].s, &y, &n, NULL) != MK_OK)
			fail_msg("'%s' refused", good[i].s);
		assert_int_equal(y, good[i].year);
		assert_int_equal(n, good[i].n);
	}
	static const char *const bad[] = {
		"", "MK", "MK-", "MK-2026", "MK-2026-", "MK-2026-0000", "MK-26-0001",
		"MK-20266-0001", "MK2026-0001", "MK-2026-0001 ", " MK-2026-0001", "MK-2026-1x",
		"MK-2026--1", "MK-2026-+1", "XK-2026-0001", "MK-2026-1234567890",
		"MK-99999999999-1",            /* a year of 11 digits */
		"MK-2026-000000000000000001",  /* longer than 20 */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int y = -1;
		int64_t n = -1;
		struct mk_error e;
		if (mk_incident_key_parse(bad[i], &y, &n, &e) != MK_EINVAL)
			fail_msg("'%s' accepted", bad[i]);
		assert_int_equal(y, -1);
		assert_int_equal(n, -1);
		assert_string_equal(e.field, "key");
		char expected[200];
		snprintf(expected, sizeof(expected),
			 "'%.40s' is not an incident key: use the form MK-2026-0001", bad[i]);
		assert_string_equal(e.message, expected);
	}
	int y;
	int64_t n;
	assert_int_equal(mk_incident_key_parse(NULL, &y, &n, NULL), MK_EINVAL);
}

static void test_incident_citizen_impact_is_betrokkenen_or_beschikbaarheid(void **state)
{
	(void)state;
	for (int c = 0; c < MK_CRITERION_COUNT; c++) {
		for (int l = MK_LEVEL_NONE; l <= MK_LEVEL_HOOG; l++) {
			struct mk_incident inc;
			mk_incident_init(&inc);
			inc.impact.level[c] = (enum mk_level)l;
			bool expected = (c == MK_CRITERION_BETROKKENEN ||
					 c == MK_CRITERION_BESCHIKBAARHEID) &&
					l >= MK_LEVEL_MIDDEN;
			assert_int_equal(mk_incident_has_citizen_impact(&inc), expected);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_incident_init_sets_the_documented_defaults),
		UNIT_TEST(test_incident_release_frees_every_string),
		UNIT_TEST(test_incident_set_text_replaces_copies_and_keeps_on_oom),
		UNIT_TEST(test_incident_minimal_record_passes),
		UNIT_TEST(test_incident_text_fields_are_checked_and_named),
		UNIT_TEST(test_incident_classified_needs_category_and_incident),
		UNIT_TEST(test_incident_reporter_email_shape),
		UNIT_TEST(test_incident_people_affected_minus_one_is_unknown),
		UNIT_TEST(test_incident_times_outside_1970_2099_are_refused),
		UNIT_TEST(test_incident_times_more_than_a_day_ahead_are_refused),
		UNIT_TEST(test_incident_time_order_is_enforced),
		UNIT_TEST(test_incident_full_timeline_passes),
		UNIT_TEST(test_incident_key_format),
		UNIT_TEST(test_incident_key_parse),
		UNIT_TEST(test_incident_citizen_impact_is_betrokkenen_or_beschikbaarheid),
	};
	return cmocka_run_group_tests_name("incident", tests, NULL, NULL);
}
