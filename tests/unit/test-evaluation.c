/* core/evaluation: the step 7 questions from data/evaluation.tsv, the
 * meeting window (2 to 6 weeks after closing, Amsterdam days, both ends
 * included, to the second) and improvement actions. */
#include "unit.h"

#include "base/limits.h"
#include "core/evaluation.h"

#define CLOSED ((mk_time)1792837800) /* 2026-10-24T10:30:00Z = 12:30 CEST */
#define OPENS ((mk_time)1794051000)  /* 2026-11-07T11:30:00Z = 12:30 CET */
#define DUE ((mk_time)1796470200)    /* 2026-12-05T11:30:00Z = 12:30 CET */

static void test_evaluation_questions_come_from_the_table(void **state)
{
	(void)state;
	struct mk_eval_questions q;
	struct mk_error e;
	assert_int_equal(mk_eval_questions_load(&q, &e), MK_OK);
	assert_int_equal(q.count, 7);
	assert_string_equal(q.items[0].code, "7.3a");
	assert_string_equal(q.items[0].vraag,
			    "Waarom stonden de gegevens op een verkeerde of onveilige plaats?");
	assert_string_equal(q.items[6].code, "7.6");
	assert_non_null(mk_eval_question_find(&q, "7.4a"));
	assert_string_equal(mk_eval_question_find(&q, "7.4a")->question,
			    "Was the incident process followed effectively and efficiently: were "
			    "the right things done?");
	assert_null(mk_eval_question_find(&q, "7.9"));
	assert_null(mk_eval_question_find(&q, NULL));
	mk_eval_questions_release(&q);
	mk_eval_questions_release(&q);
}

static void test_evaluation_meeting_window_to_the_second(void **state)
{
	(void)state;
	struct mk_error e;
	assert_int_equal(mk_eval_meeting_check(CLOSED, OPENS, 90, &e), MK_OK);
	assert_int_equal(mk_eval_meeting_check(CLOSED, DUE, 90, &e), MK_OK);
	assert_int_equal(mk_eval_meeting_check(CLOSED, OPENS - 1, 90, &e), MK_ECONFLICT);
	assert_string_equal(e.field, "meeting_at");
	assert_string_equal(e.message,
			    "the evaluation meeting at 2026-11-07 12:29:59 CET lies outside its window: "
			    "between 2026-11-07 12:30 CET and 2026-12-05 12:30 CET (2 to 6 weeks after "
			    "closing)");
	assert_int_equal(mk_eval_meeting_check(CLOSED, DUE + 1, 90, &e), MK_ECONFLICT);
	assert_int_equal(mk_eval_meeting_check(MK_TIME_UNKNOWN, OPENS, 90, &e), MK_ECONFLICT);
	assert_string_equal(e.message, "the incident is not closed: the evaluation comes after closure");
	assert_int_equal(mk_eval_meeting_check(CLOSED, MK_TIME_UNKNOWN, 90, &e), MK_EINVAL);
	assert_int_equal(mk_eval_meeting_check(CLOSED, OPENS, 14, &e), MK_EINVAL);
	assert_string_equal(e.message, "the meeting lasts 15 to 480 minutes, not 14");
	assert_int_equal(mk_eval_meeting_check(CLOSED, OPENS, 481, &e), MK_EINVAL);
	assert_int_equal(mk_eval_meeting_check(CLOSED, OPENS, 480, &e), MK_OK);
}

static void test_evaluation_actions_need_what_owner_and_due(void **state)
{
	(void)state;
	struct mk_error e;
	struct mk_improvement a = {.what = "MFA voor alle accounts", .owner = "Team Werkplek",
				   .due_at = DUE, .done_at = MK_TIME_UNKNOWN};
	assert_int_equal(mk_improvement_check(&a, OPENS, &e), MK_OK);
	a.what = "";
	assert_int_equal(mk_improvement_check(&a, OPENS, &e), MK_EINVAL);
	assert_string_equal(e.message, "what is empty");
	a.what = "x";
	a.owner = "a\tb";
	assert_int_equal(mk_improvement_check(&a, OPENS, &e), MK_EINVAL);
	assert_string_equal(e.field, "owner");
	a.owner = "Team";
	a.due_at = MK_TIME_UNKNOWN;
	assert_int_equal(mk_improvement_check(&a, OPENS, &e), MK_EINVAL);
	assert_string_equal(e.message, "an improvement action needs a due date");
	a.due_at = OPENS - MK_DAY - 1;
	assert_int_equal(mk_improvement_check(&a, OPENS, &e), MK_EINVAL);
	assert_string_equal(e.message, "the due date lies in the past");
	a.due_at = OPENS - MK_DAY;
	assert_int_equal(mk_improvement_check(&a, OPENS, &e), MK_OK);
	assert_int_equal(mk_eval_text_check("lessons", "ok\nok", &e), MK_OK);
	assert_int_equal(mk_eval_text_check("lessons", "bad \x80", &e), MK_EINVAL);
	assert_string_equal(e.field, "lessons");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_evaluation_questions_come_from_the_table),
		UNIT_TEST(test_evaluation_meeting_window_to_the_second),
		UNIT_TEST(test_evaluation_actions_need_what_owner_and_due),
	};
	return cmocka_run_group_tests_name("evaluation", tests, NULL, NULL);
}
