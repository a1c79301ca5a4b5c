/* core/phase: the rules for moving an incident between the phases of H2
 * (DESIGN.md "Process"): forward one step freely; back or skipping only
 * with a reason; oplossen and later only after containment; afsluiten and
 * later only with the step 6 tasks done or n.v.t. */
#include "unit.h"

#include "base/limits.h"
#include "core/phase.h"

static struct mk_phase_facts facts(enum mk_phase from, bool contained, size_t open,
				   const char *codes)
{
	struct mk_phase_facts f = {.from = from, .contained = contained,
				   .open_closing_tasks = open, .open_closing_codes = codes};
	return f;
}

static void test_phase_is_next_only_for_one_step_forward(void **state)
{
	(void)state;
	for (int from = 0; from < MK_PHASE_COUNT; from++)
		for (int to = 0; to < MK_PHASE_COUNT; to++)
			assert_int_equal(mk_phase_is_next((enum mk_phase)from, (enum mk_phase)to),
					 to == from + 1);
}

static void test_phase_next_step_needs_no_reason(void **state)
{
	(void)state;
	/* The whole process, step by step, with containment recorded and the
	 * closing tasks done: every move passes without a reason. */
	for (int from = 0; from + 1 < MK_PHASE_COUNT; from++) {
		struct mk_phase_facts f = facts((enum mk_phase)from, true, 0, NULL);
		struct mk_error e;
		if (mk_phase_check(&f, (enum mk_phase)(from + 1), NULL, &e) != MK_OK)
			fail_msg("%s -> %s: %s", mk_phase_name((enum mk_phase)from),
				 mk_phase_name((enum mk_phase)(from + 1)), e.message);
	}
	/* Before oplossen containment does not matter. */
	for (int from = 0; from + 1 <= MK_PHASE_INDAMMEN; from++) {
		struct mk_phase_facts f = facts((enum mk_phase)from, false, 3, "6.1, 6.2, 6.3");
		assert_int_equal(mk_phase_check(&f, (enum mk_phase)(from + 1), NULL, NULL), MK_OK);
	}
}

/* Refused by the incident's state (exit 1), like a task already done. */
static void test_phase_same_phase_is_refused(void **state)
{
	(void)state;
	struct mk_phase_facts f = facts(MK_PHASE_ANALYSE, true, 0, NULL);
	struct mk_error e;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_ANALYSE, "why not", &e), MK_ECONFLICT);
	assert_string_equal(e.field, "phase");
	assert_string_equal(e.message, "the incident is already in phase 'analyse'");
}

static void test_phase_containment_cannot_be_taken_away(void **state)
{
	(void)state;
	struct mk_error e;
	assert_int_equal(mk_phase_still_holds(MK_PHASE_INDAMMEN, false, &e), MK_OK);
	assert_int_equal(mk_phase_still_holds(MK_PHASE_OPLOSSEN, true, &e), MK_OK);
	for (int p = MK_PHASE_OPLOSSEN; p < MK_PHASE_COUNT; p++) {
		assert_int_equal(mk_phase_still_holds((enum mk_phase)p, false, &e), MK_ECONFLICT);
		assert_string_equal(e.field, "contained_at");
	}
	assert_string_equal(e.message, "contained_at cannot be cleared: the incident is in phase "
				       "'evaluatie', which needs containment");
}

static void test_phase_out_of_range_is_invalid(void **state)
{
	(void)state;
	struct mk_phase_facts f = facts(MK_PHASE_ANALYSE, true, 0, NULL);
	struct mk_error e;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_COUNT, "x", &e), MK_EINVAL);
	assert_string_equal(e.field, "phase");
	assert_int_equal(mk_phase_check(&f, (enum mk_phase)-1, "x", &e), MK_EINVAL);
}

static void test_phase_back_or_skip_without_reason_is_refused(void **state)
{
	(void)state;
	static const struct {
		enum mk_phase from, to;
		const char *reason;
		const char *message;
	} cases[] = {
		{MK_PHASE_ANALYSE, MK_PHASE_INITIATIE, NULL,
		 "moving back from 'analyse' to 'initiatie' needs a reason"},
		{MK_PHASE_EVALUATIE, MK_PHASE_DETECTIE, "",
		 "moving back from 'evaluatie' to 'detectie' needs a reason"},
		{MK_PHASE_AFSLUITEN, MK_PHASE_HERSTEL, " \t\n",
		 "moving back from 'afsluiten' to 'herstel' needs a reason"},
		{MK_PHASE_DETECTIE, MK_PHASE_ANALYSE, NULL,
		 "skipping phases from 'detectie' to 'analyse' needs a reason"},
		{MK_PHASE_INITIATIE, MK_PHASE_INDAMMEN, "  ",
		 "skipping phases from 'initiatie' to 'indammen' needs a reason"},
		{MK_PHASE_OPLOSSEN, MK_PHASE_EVALUATIE, NULL,
		 "skipping phases from 'oplossen' to 'evaluatie' needs a reason"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* Contained and closing tasks done: only the reason is missing. */
		struct mk_phase_facts f = facts(cases[i].from, true, 0, NULL);
		struct mk_error e;
		assert_int_equal(mk_phase_check(&f, cases[i].to, cases[i].reason, &e), MK_ECONFLICT);
		assert_string_equal(e.field, "reason");
		assert_string_equal(e.message, cases[i].message);
	}
}

static void test_phase_back_or_skip_with_reason_is_allowed(void **state)
{
	(void)state;
	struct mk_phase_facts f = facts(MK_PHASE_AFSLUITEN, true, 0, NULL);
	assert_int_equal(mk_phase_check(&f, MK_PHASE_ANALYSE, "new evidence found", NULL), MK_OK);
	f = facts(MK_PHASE_DETECTIE, true, 0, NULL);
	assert_int_equal(mk_phase_check(&f, MK_PHASE_INDAMMEN, "clear-cut phishing", NULL), MK_OK);
	/* Reopening needs only its reason: containment and the closing tasks
	 * are rules for going forward. */
	f = facts(MK_PHASE_EVALUATIE, false, 4, "6.1, 6.2, 6.3, 6.4a");
	assert_int_equal(mk_phase_check(&f, MK_PHASE_OPLOSSEN, "reopened", NULL), MK_OK);
	assert_int_equal(mk_phase_check(&f, MK_PHASE_AFSLUITEN, "reopened", NULL), MK_OK);
}

static void test_phase_oplossen_and_later_need_containment(void **state)
{
	(void)state;
	for (int to = MK_PHASE_OPLOSSEN; to < MK_PHASE_COUNT; to++) {
		struct mk_phase_facts f = facts(MK_PHASE_INDAMMEN, false, 0, NULL);
		struct mk_error e;
		const char *reason = to == MK_PHASE_OPLOSSEN ? NULL : "skipping on purpose";
		assert_int_equal(mk_phase_check(&f, (enum mk_phase)to, reason, &e), MK_ECONFLICT);
		assert_string_equal(e.field, "contained_at");
		char expected[200];
		snprintf(expected, sizeof(expected),
			 "phase '%s' needs containment first: record when the incident was "
			 "contained (contained_at)",
			 mk_phase_name((enum mk_phase)to));
		assert_string_equal(e.message, expected);
		f.contained = true;
		enum mk_rc rc = mk_phase_check(&f, (enum mk_phase)to, reason, &e);
		assert_int_equal(rc, MK_OK);
	}
	/* indammen itself does not need containment. */
	struct mk_phase_facts f = facts(MK_PHASE_ANALYSE, false, 0, NULL);
	assert_int_equal(mk_phase_check(&f, MK_PHASE_INDAMMEN, NULL, NULL), MK_OK);
}

static void test_phase_afsluiten_with_open_closing_tasks_names_them(void **state)
{
	(void)state;
	struct mk_phase_facts f = facts(MK_PHASE_REMEDIATIE, true, 2, "6.1, 6.4c");
	struct mk_error e;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_AFSLUITEN, NULL, &e), MK_ECONFLICT);
	assert_string_equal(e.field, "tasks");
	assert_string_equal(e.message, "closing needs the step 6 tasks done or marked n.v.t.; "
				       "still open: 6.1, 6.4c");
	/* Skipping to evaluatie is "afsluiten or later" too. */
	f.from = MK_PHASE_HERSTEL;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_EVALUATIE, "skip", &e), MK_ECONFLICT);
	assert_string_equal(e.field, "tasks");
	f.from = MK_PHASE_AFSLUITEN;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_EVALUATIE, NULL, &e), MK_ECONFLICT);
	/* Without the list of codes the message still says what is wrong. */
	f.open_closing_codes = NULL;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_EVALUATIE, NULL, &e), MK_ECONFLICT);
	assert_string_equal(e.message, "closing needs the step 6 tasks done or marked n.v.t.; "
				       "still open: ?");
	/* All done or n.v.t.: allowed. */
	f = facts(MK_PHASE_REMEDIATIE, true, 0, "");
	assert_int_equal(mk_phase_check(&f, MK_PHASE_AFSLUITEN, NULL, NULL), MK_OK);
	/* Open closing tasks do not hold up the phases before afsluiten. */
	f = facts(MK_PHASE_HERSTEL, true, 9, "6.1");
	assert_int_equal(mk_phase_check(&f, MK_PHASE_REMEDIATIE, NULL, NULL), MK_OK);
}

static void test_phase_rules_are_checked_in_order(void **state)
{
	(void)state;
	/* Skipping from analyse to afsluiten without a reason, containment or
	 * closing tasks: the missing reason is reported first, then
	 * containment, then the tasks. */
	struct mk_phase_facts f = facts(MK_PHASE_ANALYSE, false, 1, "6.2");
	struct mk_error e;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_AFSLUITEN, NULL, &e), MK_ECONFLICT);
	assert_string_equal(e.field, "reason");
	assert_int_equal(mk_phase_check(&f, MK_PHASE_AFSLUITEN, "fast track", &e), MK_ECONFLICT);
	assert_string_equal(e.field, "contained_at");
	f.contained = true;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_AFSLUITEN, "fast track", &e), MK_ECONFLICT);
	assert_string_equal(e.field, "tasks");
}

static void test_phase_reason_is_checked_as_text(void **state)
{
	(void)state;
	struct mk_phase_facts f = facts(MK_PHASE_ANALYSE, true, 0, NULL);
	struct mk_error e;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_DETECTIE, "bad \xed\xa0\x80", &e), MK_EINVAL);
	assert_string_equal(e.field, "reason");
	assert_string_equal(e.message, "reason is not valid UTF-8 (at byte 4)");
	char reason[MK_SHORT_TEXT_MAX + 2];
	memset(reason, 'r', MK_SHORT_TEXT_MAX + 1);
	reason[MK_SHORT_TEXT_MAX + 1] = '\0';
	assert_int_equal(mk_phase_check(&f, MK_PHASE_DETECTIE, reason, &e), MK_ETOOBIG);
	/* Even on a plain next step a given reason must be valid text. */
	assert_int_equal(mk_phase_check(&f, MK_PHASE_INDAMMEN, "a\x1b", &e), MK_EINVAL);
	/* A multi-line reason is fine. */
	assert_int_equal(mk_phase_check(&f, MK_PHASE_DETECTIE, "line 1\nline 2", &e), MK_OK);
}

/* Bijlage 1 step 6 beyond the open tasks: each precondition refused with
 * its own message, only when closing (not when already closed, not when
 * reopening). */
static void test_phase_closing_preconditions_each_named(void **state)
{
	(void)state;
	struct mk_error e;
	struct mk_phase_facts f = facts(MK_PHASE_REMEDIATIE, true, 0, NULL);
	f.ap_prenotified = true;
	f.ap_final_na = true;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_AFSLUITEN, NULL, &e), MK_ECONFLICT);
	assert_string_equal(e.field, "6.4c");
	assert_string_equal(e.message, "closing needs the final notification to the AP (task 6.4c) "
				       "done: the AP was pre-notified, so 6.4c cannot be n.v.t.");
	/* Pre-notified and 6.4c done, or not pre-notified and n.v.t.: fine. */
	f.ap_final_na = false;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_AFSLUITEN, NULL, NULL), MK_OK);
	f.ap_prenotified = false;
	f.ap_final_na = true;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_AFSLUITEN, NULL, NULL), MK_OK);

	f.evidence_items = 1;
	f.evidence_archive_na = true;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_AFSLUITEN, NULL, &e), MK_ECONFLICT);
	assert_string_equal(e.field, "6.1");
	assert_string_equal(e.message, "closing needs the evidence archived (task 6.1) done: 1 "
				       "evidence item was collected, so 6.1 cannot be n.v.t.");
	f.evidence_items = 3;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_AFSLUITEN, NULL, &e), MK_ECONFLICT);
	assert_string_equal(e.message, "closing needs the evidence archived (task 6.1) done: 3 "
				       "evidence items were collected, so 6.1 cannot be n.v.t.");
	f.evidence_archive_na = false;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_AFSLUITEN, NULL, NULL), MK_OK);

	f.open_children = 2;
	f.open_children_keys = "MK-2026-0008, MK-2026-0009";
	assert_int_equal(mk_phase_check(&f, MK_PHASE_AFSLUITEN, NULL, &e), MK_ECONFLICT);
	assert_string_equal(e.field, "children");
	assert_string_equal(e.message, "closing needs the sub-incidents closed first; still open: "
				       "MK-2026-0008, MK-2026-0009");
	/* Skipping straight to evaluatie closes too: the same rule. */
	assert_int_equal(mk_phase_check(&f, MK_PHASE_EVALUATIE, "direct", &e), MK_ECONFLICT);
	assert_string_equal(e.field, "children");
	/* Once closed, afsluiten -> evaluatie does not ask again. */
	f.from = MK_PHASE_AFSLUITEN;
	assert_int_equal(mk_phase_check(&f, MK_PHASE_EVALUATIE, NULL, NULL), MK_OK);
	/* Reopening never checks them. */
	assert_int_equal(mk_phase_check(&f, MK_PHASE_HERSTEL, "opnieuw", NULL), MK_OK);

}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_phase_is_next_only_for_one_step_forward),
		UNIT_TEST(test_phase_next_step_needs_no_reason),
		UNIT_TEST(test_phase_same_phase_is_refused),
		UNIT_TEST(test_phase_containment_cannot_be_taken_away),
		UNIT_TEST(test_phase_out_of_range_is_invalid),
		UNIT_TEST(test_phase_back_or_skip_without_reason_is_refused),
		UNIT_TEST(test_phase_back_or_skip_with_reason_is_allowed),
		UNIT_TEST(test_phase_oplossen_and_later_need_containment),
		UNIT_TEST(test_phase_afsluiten_with_open_closing_tasks_names_them),
		UNIT_TEST(test_phase_rules_are_checked_in_order),
		UNIT_TEST(test_phase_reason_is_checked_as_text),
		UNIT_TEST(test_phase_closing_preconditions_each_named),
	};
	return cmocka_run_group_tests_name("phase", tests, NULL, NULL);
}
