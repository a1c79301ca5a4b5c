/* core/retention: three years after closed_at to the second (Amsterdam
 * calendar years), the number of years, and a purge list refused as a
 * whole when it names a held incident. */
#include "unit.h"

#include "core/retention.h"

#define CLOSED ((mk_time)1792837800)  /* 2026-10-24T10:30:00Z */
#define RETAINED ((mk_time)1887532200) /* 2029-10-24T10:30:00Z */

static void test_retention_ends_three_years_after_closing(void **state)
{
	(void)state;
	assert_false(mk_purge_due(CLOSED, 3, RETAINED - 1));
	assert_true(mk_purge_due(CLOSED, 3, RETAINED));
	assert_false(mk_purge_due(MK_TIME_UNKNOWN, 3, RETAINED * 2));
	assert_false(mk_purge_due(CLOSED, 4, RETAINED));
	struct mk_error e;
	assert_int_equal(mk_purge_years_check(3, &e), MK_OK);
	assert_int_equal(mk_purge_years_check(100, &e), MK_OK);
	assert_int_equal(mk_purge_years_check(2, &e), MK_EINVAL);
	assert_string_equal(e.field, "before-years");
	assert_string_equal(e.message, "incident records are kept at least 3 years after closing: "
				       "--before-years 2 is too few");
	assert_int_equal(mk_purge_years_check(101, &e), MK_EINVAL);
	assert_string_equal(e.message, "--before-years is at most 100, not 101");
}

static void test_retention_list_with_a_held_incident_is_refused_whole(void **state)
{
	(void)state;
	struct mk_purge_candidate c[3] = {
		{.key = "MK-2022-0001", .closed_at = CLOSED, .due = true},
		{.key = "MK-2022-0002", .closed_at = CLOSED, .due = true, .held = true},
		{.key = "MK-2022-0003", .closed_at = CLOSED, .due = true, .held = true},
	};
	struct mk_error e;
	assert_int_equal(mk_purge_list_check(c, 3, &e), MK_ECONFLICT);
	assert_string_equal(e.field, "hold");
	assert_string_equal(e.message, "the purge list names incidents under legal hold: "
				       "MK-2022-0002, MK-2022-0003; nothing was purged (release the "
				       "hold or leave them out)");
	c[1].held = c[2].held = false;
	assert_int_equal(mk_purge_list_check(c, 3, &e), MK_OK);
	c[2].due = false;
	assert_int_equal(mk_purge_list_check(c, 3, &e), MK_ECONFLICT);
	assert_string_equal(e.message, "the purge list names incidents whose retention has not "
				       "ended: MK-2022-0003; nothing was purged");
	c[2].due = true;
	c[0].child_kept = true;
	assert_int_equal(mk_purge_list_check(c, 3, &e), MK_ECONFLICT);
	assert_string_equal(e.message, "the purge list names incidents with sub-incidents that are "
				       "kept: MK-2022-0001; nothing was purged (purge them together)");
	assert_int_equal(mk_purge_list_check(c, 0, &e), MK_ENOTFOUND);
	assert_string_equal(e.message, "nothing to purge");
	assert_int_equal(mk_hold_reason_check(" ", &e), MK_EINVAL);
	assert_string_equal(e.message, "reason is empty");
	assert_int_equal(mk_hold_reason_check("Rechtszaak tegen verdachte", &e), MK_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_retention_ends_three_years_after_closing),
		UNIT_TEST(test_retention_list_with_a_held_incident_is_refused_whole),
	};
	return cmocka_run_group_tests_name("retention", tests, NULL, NULL);
}
