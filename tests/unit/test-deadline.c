/* core/deadline: every clock of DESIGN.md "Deadlines" to the second, and
 * every state. Hours are elapsed time (72 h stays 72 h across the October
 * night); days and years are Amsterdam calendar time. Expected instants
 * were computed with python3 zoneinfo "Europe/Amsterdam". */
#include "unit.h"

#include "core/deadline.h"

/* 2026-10-24 12:00 Amsterdam (CEST) = 2026-10-24T10:00:00Z, the Saturday
 * before the clocks go back. */
#define DETECTED ((mk_time)1792836000)

static struct mk_deadline_facts facts(mk_time detected, mk_time closed, bool personal)
{
	struct mk_deadline_facts f = {
		.detected_at = detected,
		.closed_at = closed,
		.personal_data = personal,
		.ap_notified_at = MK_TIME_UNKNOWN,
		.subjects_informed_at = MK_TIME_UNKNOWN,
		.evaluated_at = MK_TIME_UNKNOWN,
	};
	return f;
}

static void expect(const struct mk_deadline *d, enum mk_clock clock, mk_time start,
		   mk_time opens, mk_time due, mk_time met_at, enum mk_deadline_state st)
{
	if (d->clock != clock || d->start != start || d->opens != opens || d->due != due ||
	    d->met_at != met_at || d->state != st) {
		char a[MK_TIME_TEXT], b[MK_TIME_TEXT];
		fail_msg("%s: start %lld opens %lld due %lld (%s) met %lld %s; expected %s start "
			 "%lld opens %lld due %lld (%s) met %lld %s",
			 mk_clock_name(d->clock), (long long)d->start, (long long)d->opens,
			 (long long)d->due, mk_time_format_utc(d->due, a), (long long)d->met_at,
			 mk_deadline_state_name(d->state), mk_clock_name(clock), (long long)start,
			 (long long)opens, (long long)due, mk_time_format_utc(due, b),
			 (long long)met_at, mk_deadline_state_name(st));
	}
}

static void test_deadline_ap_detected_saturday_before_dst_is_due_tuesday_1100_local(void **state)
{
	(void)state;
	/* The required case: detected 2026-10-24 12:00 Amsterdam; 72 elapsed
	 * hours later the clocks show 11:00, not 12:00 (one hour went back on
	 * 25 October): due 2026-10-27T10:00:00Z. */
	struct mk_deadline_facts f = facts(DETECTED, MK_TIME_UNKNOWN, true);
	struct mk_deadline d[MK_CLOCK_COUNT];
	mk_deadlines_compute(&f, DETECTED, d);
	expect(&d[MK_CLOCK_AP], MK_CLOCK_AP, DETECTED, DETECTED, 1793095200, MK_TIME_UNKNOWN,
	       MK_DEADLINE_RUNNING);
	char buf[MK_TIME_TEXT];
	assert_string_equal(mk_time_format_utc(d[MK_CLOCK_AP].due, buf), "2026-10-27T10:00:00Z");
	assert_string_equal(mk_time_format_local(d[MK_CLOCK_AP].due, buf), "2026-10-27 11:00 CET");
	assert_int_equal(d[MK_CLOCK_AP].due - DETECTED, 72 * 3600);
}

static void test_deadline_golden_hour_runs_one_hour_then_ends(void **state)
{
	(void)state;
	struct mk_deadline_facts f = facts(DETECTED, MK_TIME_UNKNOWN, false);
	struct mk_deadline d[MK_CLOCK_COUNT];
	const mk_time due = 1792839600; /* 2026-10-24T11:00:00Z */
	static const struct {
		mk_time now;
		enum mk_deadline_state st;
	} cases[] = {
		{DETECTED, MK_DEADLINE_RUNNING},
		{DETECTED + 3599, MK_DEADLINE_RUNNING},
		{DETECTED + 3600, MK_DEADLINE_RUNNING}, /* the last second of the hour */
		{DETECTED + 3601, MK_DEADLINE_ENDED},
		{DETECTED + 86400, MK_DEADLINE_ENDED},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mk_deadlines_compute(&f, cases[i].now, d);
		expect(&d[MK_CLOCK_GOLDEN_HOUR], MK_CLOCK_GOLDEN_HOUR, DETECTED, DETECTED, due,
		       MK_TIME_UNKNOWN, cases[i].st);
		assert_int_equal(mk_deadline_is_pending(&d[MK_CLOCK_GOLDEN_HOUR]),
				 cases[i].st == MK_DEADLINE_RUNNING);
	}
}

static void test_deadline_ap_states(void **state)
{
	(void)state;
	const mk_time due = 1793095200;
	static const struct {
		mk_time now, notified;
		enum mk_deadline_state st;
		bool pending;
	} cases[] = {
		{DETECTED, MK_TIME_UNKNOWN, MK_DEADLINE_RUNNING, true},
		{1793095200, MK_TIME_UNKNOWN, MK_DEADLINE_RUNNING, true},  /* at the due second */
		{1793095201, MK_TIME_UNKNOWN, MK_DEADLINE_OVERDUE, true},
		{1793095201, DETECTED + 3600, MK_DEADLINE_MET, false},
		{1793095201, 1793095200, MK_DEADLINE_MET, false},          /* on the due second */
		{1793095300, 1793095201, MK_DEADLINE_MET_LATE, false},     /* one second late */
		{DETECTED, 1793095201, MK_DEADLINE_MET_LATE, false},       /* met wins over now */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_deadline_facts f = facts(DETECTED, MK_TIME_UNKNOWN, true);
		f.ap_notified_at = cases[i].notified;
		struct mk_deadline d[MK_CLOCK_COUNT];
		mk_deadlines_compute(&f, cases[i].now, d);
		expect(&d[MK_CLOCK_AP], MK_CLOCK_AP, DETECTED, DETECTED, due, cases[i].notified,
		       cases[i].st);
		assert_int_equal(mk_deadline_is_pending(&d[MK_CLOCK_AP]), cases[i].pending);
	}
}

static void test_deadline_subjects_are_seven_calendar_days(void **state)
{
	(void)state;
	/* Across the October change a week is 169 hours: 2026-10-31 12:00 CET
	 * = 11:00Z. */
	struct mk_deadline_facts f = facts(DETECTED, MK_TIME_UNKNOWN, true);
	struct mk_deadline d[MK_CLOCK_COUNT];
	mk_deadlines_compute(&f, DETECTED, d);
	expect(&d[MK_CLOCK_SUBJECTS], MK_CLOCK_SUBJECTS, DETECTED, DETECTED, 1793444400,
	       MK_TIME_UNKNOWN, MK_DEADLINE_RUNNING);
	assert_int_equal(d[MK_CLOCK_SUBJECTS].due - DETECTED, 169 * 3600);
	char buf[MK_TIME_TEXT];
	assert_string_equal(mk_time_format_local(d[MK_CLOCK_SUBJECTS].due, buf),
			    "2026-10-31 12:00 CET");

	/* Across the March change it is 167 hours: 2026-03-25 12:00 CET to
	 * 2026-04-01 12:00 CEST. */
	f = facts(1774436400, MK_TIME_UNKNOWN, true);
	mk_deadlines_compute(&f, 1774436400, d);
	assert_int_equal(d[MK_CLOCK_SUBJECTS].due, 1775037600);
	assert_int_equal(d[MK_CLOCK_SUBJECTS].due - 1774436400, 167 * 3600);

	/* States at and after the due second, met and met late. */
	f = facts(DETECTED, MK_TIME_UNKNOWN, true);
	mk_deadlines_compute(&f, 1793444400, d);
	assert_int_equal(d[MK_CLOCK_SUBJECTS].state, MK_DEADLINE_RUNNING);
	mk_deadlines_compute(&f, 1793444401, d);
	assert_int_equal(d[MK_CLOCK_SUBJECTS].state, MK_DEADLINE_OVERDUE);
	assert_true(mk_deadline_is_pending(&d[MK_CLOCK_SUBJECTS]));
	f.subjects_informed_at = 1793444400;
	mk_deadlines_compute(&f, 1793444401, d);
	expect(&d[MK_CLOCK_SUBJECTS], MK_CLOCK_SUBJECTS, DETECTED, DETECTED, 1793444400,
	       1793444400, MK_DEADLINE_MET);
	f.subjects_informed_at = 1793444401;
	mk_deadlines_compute(&f, 1793444401, d);
	assert_int_equal(d[MK_CLOCK_SUBJECTS].state, MK_DEADLINE_MET_LATE);
	assert_false(mk_deadline_is_pending(&d[MK_CLOCK_SUBJECTS]));
}

static void test_deadline_without_personal_data_ap_and_subjects_do_not_apply(void **state)
{
	(void)state;
	struct mk_deadline_facts f = facts(DETECTED, MK_TIME_UNKNOWN, false);
	f.ap_notified_at = DETECTED + 60; /* ignored: no breach */
	struct mk_deadline d[MK_CLOCK_COUNT];
	mk_deadlines_compute(&f, DETECTED + 10 * 86400, d);
	expect(&d[MK_CLOCK_AP], MK_CLOCK_AP, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN,
	       MK_TIME_UNKNOWN, MK_DEADLINE_NOT_APPLICABLE);
	expect(&d[MK_CLOCK_SUBJECTS], MK_CLOCK_SUBJECTS, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN,
	       MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_DEADLINE_NOT_APPLICABLE);
	assert_false(mk_deadline_is_pending(&d[MK_CLOCK_AP]));
	/* The golden hour is not about personal data: it still applies. */
	assert_int_equal(d[MK_CLOCK_GOLDEN_HOUR].state, MK_DEADLINE_ENDED);
}

static void test_deadline_without_detection_no_detection_clock_runs(void **state)
{
	(void)state;
	struct mk_deadline_facts f = facts(MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, true);
	struct mk_deadline d[MK_CLOCK_COUNT];
	mk_deadlines_compute(&f, DETECTED, d);
	for (int c = 0; c < MK_CLOCK_COUNT; c++) {
		expect(&d[c], (enum mk_clock)c, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN,
		       MK_TIME_UNKNOWN, MK_DEADLINE_NOT_APPLICABLE);
		assert_false(mk_deadline_is_pending(&d[c]));
	}
}

static void test_deadline_evaluation_window_is_two_to_six_weeks_after_closing(void **state)
{
	(void)state;
	/* Closed 2026-10-10 12:00 CEST (10:00Z). The window opens 14 calendar
	 * days later, 2026-10-24 12:00 CEST, and closes 42 days later,
	 * 2026-11-21 12:00 CET (11:00Z): 42 x 24 + 1 hours. */
	const mk_time closed = 1791626400, opens = 1792836000, due = 1795258800;
	assert_int_equal(due - closed, 42 * 86400 + 3600);
	static const struct {
		mk_time now, evaluated;
		enum mk_deadline_state st;
		bool pending;
	} cases[] = {
		{1791626400, MK_TIME_UNKNOWN, MK_DEADLINE_NOT_YET, false},
		{1792835999, MK_TIME_UNKNOWN, MK_DEADLINE_NOT_YET, false},
		{1792836000, MK_TIME_UNKNOWN, MK_DEADLINE_RUNNING, true},
		{1795258800, MK_TIME_UNKNOWN, MK_DEADLINE_RUNNING, true},
		{1795258801, MK_TIME_UNKNOWN, MK_DEADLINE_OVERDUE, true},
		{1795258801, 1793000000, MK_DEADLINE_MET, false},
		{1795258801, 1795258800, MK_DEADLINE_MET, false},
		{1795258802, 1795258801, MK_DEADLINE_MET_LATE, false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_deadline_facts f = facts(DETECTED - 30 * 86400, closed, false);
		f.evaluated_at = cases[i].evaluated;
		struct mk_deadline d[MK_CLOCK_COUNT];
		mk_deadlines_compute(&f, cases[i].now, d);
		expect(&d[MK_CLOCK_EVALUATION], MK_CLOCK_EVALUATION, closed, opens, due,
		       cases[i].evaluated, cases[i].st);
		assert_int_equal(mk_deadline_is_pending(&d[MK_CLOCK_EVALUATION]), cases[i].pending);
	}
}

static void test_deadline_retention_is_three_years_same_wall_time(void **state)
{
	(void)state;
	/* Closed 2024-02-29 12:00 CET: kept until 2027-02-28 12:00 CET. */
	const mk_time closed = 1709204400, until = 1803812400;
	struct mk_deadline_facts f = facts(closed - 86400, closed, false);
	struct mk_deadline d[MK_CLOCK_COUNT];
	mk_deadlines_compute(&f, closed, d);
	expect(&d[MK_CLOCK_RETENTION], MK_CLOCK_RETENTION, closed, closed, until, MK_TIME_UNKNOWN,
	       MK_DEADLINE_RUNNING);
	char buf[MK_TIME_TEXT];
	assert_string_equal(mk_time_format_local(until, buf), "2027-02-28 12:00 CET");
	mk_deadlines_compute(&f, until - 1, d);
	assert_int_equal(d[MK_CLOCK_RETENTION].state, MK_DEADLINE_RUNNING);
	mk_deadlines_compute(&f, until, d);
	assert_int_equal(d[MK_CLOCK_RETENTION].state, MK_DEADLINE_ENDED);
	/* Retention never asks anyone to act. */
	mk_deadlines_compute(&f, closed, d);
	assert_false(mk_deadline_is_pending(&d[MK_CLOCK_RETENTION]));

	/* A summer closing keeps its summer wall time: 2026-06-01 14:00 CEST
	 * to 2029-06-01 14:00 CEST. */
	f = facts(1780315200 - 86400, 1780315200, false);
	mk_deadlines_compute(&f, 1780315200, d);
	assert_int_equal(d[MK_CLOCK_RETENTION].due, 1875009600);
}

static void test_deadline_open_incident_has_no_closing_clocks(void **state)
{
	(void)state;
	struct mk_deadline_facts f = facts(DETECTED, MK_TIME_UNKNOWN, true);
	f.evaluated_at = DETECTED; /* ignored while the incident is open */
	struct mk_deadline d[MK_CLOCK_COUNT];
	mk_deadlines_compute(&f, DETECTED, d);
	for (int c = MK_CLOCK_EVALUATION; c <= MK_CLOCK_RETENTION; c++)
		expect(&d[c], (enum mk_clock)c, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN,
		       MK_TIME_UNKNOWN, MK_DEADLINE_NOT_APPLICABLE);
}

static void test_deadline_constants_are_the_rules(void **state)
{
	(void)state;
	assert_int_equal(MK_GOLDEN_HOUR_S, 3600);
	assert_int_equal(MK_AP_DEADLINE_S, 259200);
	assert_int_equal(MK_SUBJECTS_DAYS, 7);
	assert_int_equal(MK_EVALUATION_FIRST_DAYS, 14);
	assert_int_equal(MK_EVALUATION_LAST_DAYS, 42);
	assert_int_equal(MK_RETENTION_YEARS, 3);
}

static void test_deadline_names_and_labels(void **state)
{
	(void)state;
	static const char *const names[] = {"golden-hour", "ap-72h", "subjects-7d", "evaluation",
					    "retention"};
	static const char *const labels[] = {
		"Gouden uur",
		"Melding aan de AP (72 uur)",
		"Informeren betrokkenen (7 dagen)",
		"Evaluatie (2 tot 6 weken na afsluiten)",
		"Bewaartermijn (3 jaar na afsluiten)",
	};
	for (int c = 0; c < MK_CLOCK_COUNT; c++) {
		assert_string_equal(mk_clock_name((enum mk_clock)c), names[c]);
		assert_string_equal(mk_clock_label((enum mk_clock)c), labels[c]);
	}
	assert_string_equal(mk_clock_name(MK_CLOCK_COUNT), "?");
	assert_string_equal(mk_clock_label(MK_CLOCK_COUNT), "?");
	static const char *const states[] = {"n/a", "not-yet", "running", "overdue", "met",
					     "met-late", "ended"};
	for (int s = 0; s < MK_DEADLINE_STATE_COUNT; s++)
		assert_string_equal(mk_deadline_state_name((enum mk_deadline_state)s), states[s]);
	assert_string_equal(mk_deadline_state_name(MK_DEADLINE_STATE_COUNT), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_deadline_ap_detected_saturday_before_dst_is_due_tuesday_1100_local),
		UNIT_TEST(test_deadline_golden_hour_runs_one_hour_then_ends),
		UNIT_TEST(test_deadline_ap_states),
		UNIT_TEST(test_deadline_subjects_are_seven_calendar_days),
		UNIT_TEST(test_deadline_without_personal_data_ap_and_subjects_do_not_apply),
		UNIT_TEST(test_deadline_without_detection_no_detection_clock_runs),
		UNIT_TEST(test_deadline_evaluation_window_is_two_to_six_weeks_after_closing),
		UNIT_TEST(test_deadline_retention_is_three_years_same_wall_time),
		UNIT_TEST(test_deadline_open_incident_has_no_closing_clocks),
		UNIT_TEST(test_deadline_constants_are_the_rules),
		UNIT_TEST(test_deadline_names_and_labels),
	};
	return cmocka_run_group_tests_name("deadline", tests, NULL, NULL);
}
