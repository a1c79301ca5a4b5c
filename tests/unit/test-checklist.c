/* core/checklist: the Bijlage 1 checklist every incident gets (its 44
 * tasks plus 1.3b, informing the directie as the notification matrix
 * says; steps 0-7; the 9 step-6 closing tasks; each with its owner role
 * and the incident time its completion records), the parser's refusals
 * with line numbers, and the task state rule. */
#include "unit.h"

#include "base/limits.h"
#include "core/checklist.h"

static const struct {
	const char *code;
	int step;
	enum mk_role role;
	bool closing;
	enum mk_task_sets sets;
} bijlage1[] = {
	/* STAP 0: Incident detectie (owner Servicedesk) */
	{"0.1", 0, MK_ROLE_SERVICEDESK, false, MK_SETS_NOTHING},
	{"0.2", 0, MK_ROLE_SERVICEDESK, false, MK_SETS_NOTHING},
	{"0.3", 0, MK_ROLE_SERVICEDESK, false, MK_SETS_NOTHING},
	/* STAP 1: Initiatie ("Afdeling" is the behandelaar) */
	{"1.1", 1, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	{"1.2", 1, MK_ROLE_SERVICEDESK, false, MK_SETS_NOTHING},
	{"1.3", 1, MK_ROLE_SERVICEDESK, false, MK_SETS_NOTHING},
	{"1.3b", 1, MK_ROLE_CISO, false, MK_SETS_NOTHING}, /* Bijlage 3: the CISO informs the directie */
	{"1.4", 1, MK_ROLE_SERVICEDESK, false, MK_SETS_NOTHING},
	{"1.5", 1, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	{"1.6", 1, MK_ROLE_INCIDENTMANAGER, false, MK_SETS_NOTHING},
	/* STAP 2: Analyse */
	{"2.1", 2, MK_ROLE_INCIDENTMANAGER, false, MK_SETS_MANAGEMENT_INFORMED},
	{"2.2", 2, MK_ROLE_INCIDENTMANAGER, false, MK_SETS_NOTHING},
	{"2.3", 2, MK_ROLE_INCIDENTMANAGER, false, MK_SETS_NOTHING},
	{"2.4", 2, MK_ROLE_INCIDENTMANAGER, false, MK_SETS_NOTHING},
	/* STAP 3: Schade indamming en beoordeling van de blootstelling */
	{"3.1", 3, MK_ROLE_INCIDENTMANAGER, false, MK_SETS_NOTHING},
	{"3.2", 3, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	{"3.3", 3, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	{"3.4", 3, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	{"3.5", 3, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	{"3.6", 3, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	{"3.6b", 3, MK_ROLE_FG, false, MK_SETS_AP_NOTIFIED}, /* pre-notification to the AP */
	/* STAP 4: Remediatie en herstel */
	{"4.1", 4, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	{"4.2", 4, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	{"4.3", 4, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	/* STAP 5: Kennisgeving ("Management" is the directie) */
	{"5.1", 5, MK_ROLE_DIRECTIE, false, MK_SETS_NOTHING},
	{"5.2", 5, MK_ROLE_DIRECTIE, false, MK_SETS_AP_NOTIFIED},
	{"5.3", 5, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	{"5.4", 5, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	{"5.5", 5, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	{"5.6", 5, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	/* STAP 6: Afsluiten incident: the closing tasks */
	{"6.1", 6, MK_ROLE_INCIDENTMANAGER, true, MK_SETS_NOTHING},
	{"6.2", 6, MK_ROLE_INCIDENTMANAGER, true, MK_SETS_NOTHING},
	{"6.3", 6, MK_ROLE_BEHANDELAAR, true, MK_SETS_SUBJECTS_INFORMED},
	{"6.4a", 6, MK_ROLE_DIRECTIE, true, MK_SETS_NOTHING},        /* police: Management */
	{"6.4b", 6, MK_ROLE_CISO, true, MK_SETS_NOTHING},            /* IBD: CISO of ACIB/VCIB */
	{"6.4c", 6, MK_ROLE_FG, true, MK_SETS_AP_NOTIFIED}, /* AP: Management of Privacy Functionaris */
	{"6.4d", 6, MK_ROLE_BEHANDELAAR, true, MK_SETS_NOTHING},     /* third parties: Afdeling */
	{"6.4e", 6, MK_ROLE_DIRECTIE, true, MK_SETS_NOTHING},        /* bank: Controller */
	{"6.4f", 6, MK_ROLE_INCIDENTMANAGER, true, MK_SETS_NOTHING}, /* simultaneous communication */
	/* STAP 7: Rapportage en evaluatie (numbered 5.x in the guidance) */
	{"7.1", 7, MK_ROLE_INCIDENTMANAGER, false, MK_SETS_NOTHING},
	{"7.2", 7, MK_ROLE_INCIDENTMANAGER, false, MK_SETS_NOTHING},
	{"7.3", 7, MK_ROLE_CISO, false, MK_SETS_NOTHING},
	{"7.4", 7, MK_ROLE_CISO, false, MK_SETS_EVALUATED},
	{"7.5", 7, MK_ROLE_BEHANDELAAR, false, MK_SETS_NOTHING},
	{"7.6", 7, MK_ROLE_CISO, false, MK_SETS_NOTHING},
};

#define BIJLAGE1_TASKS (sizeof(bijlage1) / sizeof(bijlage1[0]))

static void load_default(struct mk_checklist *c)
{
	struct mk_error e;
	if (mk_checklist_load_default(c, &e) != MK_OK)
		fail_msg("default checklist: %s", e.message);
}

static void test_checklist_default_has_45_tasks_in_bijlage_1_order(void **state)
{
	(void)state;
	assert_int_equal(BIJLAGE1_TASKS, 45);
	struct mk_checklist c;
	load_default(&c);
	assert_int_equal(c.count, 45);
	for (size_t i = 0; i < c.count; i++) {
		const struct mk_checklist_task *t = &c.tasks[i];
		if (t->sets != bijlage1[i].sets)
			fail_msg("task %s sets %s, expected %s", t->code, mk_task_sets_name(t->sets),
				 mk_task_sets_name(bijlage1[i].sets));
		if (strcmp(t->code, bijlage1[i].code) != 0 || t->step != bijlage1[i].step ||
		    t->role != bijlage1[i].role || t->closing != bijlage1[i].closing)
			fail_msg("task %zu: %s step %d %s %s, expected %s step %d %s %s", i,
				 t->code, t->step, mk_role_name(t->role),
				 t->closing ? "closing" : "-", bijlage1[i].code, bijlage1[i].step,
				 mk_role_name(bijlage1[i].role), bijlage1[i].closing ? "closing" : "-");
		assert_true(strlen(t->title) > 0);
	}
	mk_checklist_release(&c);
}

static void test_checklist_default_counts_per_step(void **state)
{
	(void)state;
	static const size_t expected[MK_STEP_COUNT] = {3, 7, 4, 7, 3, 6, 9, 6};
	struct mk_checklist c;
	load_default(&c);
	size_t got[MK_STEP_COUNT] = {0};
	for (size_t i = 0; i < c.count; i++)
		got[c.tasks[i].step]++;
	for (int s = 0; s < MK_STEP_COUNT; s++)
		if (got[s] != expected[s])
			fail_msg("step %d: %zu tasks, expected %zu", s, got[s], expected[s]);
	mk_checklist_release(&c);
}

static void test_checklist_closing_tasks_are_exactly_step_6(void **state)
{
	(void)state;
	static const char *const closing[] = {"6.1",  "6.2",  "6.3",  "6.4a", "6.4b",
					      "6.4c", "6.4d", "6.4e", "6.4f"};
	struct mk_checklist c;
	load_default(&c);
	size_t n = 0;
	for (size_t i = 0; i < c.count; i++) {
		const struct mk_checklist_task *t = &c.tasks[i];
		assert_int_equal(t->closing, t->step == 6);
		if (t->closing) {
			assert_true(n < 9);
			assert_string_equal(t->code, closing[n]);
			n++;
		}
	}
	assert_int_equal(n, 9);
	mk_checklist_release(&c);
}

static void test_checklist_owners_are_the_guidance_words(void **state)
{
	(void)state;
	static const struct {
		const char *code, *owner;
	} owners[] = {
		{"0.2", "Servicedesk"},
		{"1.6", "Servicedesk / incidentmanager"},
		{"3.1", "Incident Triage team"},
		{"4.3", "Hangt af van de getroffen systemen"},
		{"6.1", "Incident manager"},
		{"6.4b", "CISO of ACIB/VCIB"},
		{"6.4c", "Management of Privacy Functionaris"},
		{"6.4e", "Controller"},
		{"7.3", "CISO"},
	};
	struct mk_checklist c;
	load_default(&c);
	for (size_t i = 0; i < sizeof(owners) / sizeof(owners[0]); i++) {
		const struct mk_checklist_task *t = mk_checklist_find(&c, owners[i].code);
		assert_non_null(t);
		assert_string_equal(t->owner, owners[i].owner);
	}
	mk_checklist_release(&c);
}

static void test_checklist_find_hits_and_misses(void **state)
{
	(void)state;
	struct mk_checklist c;
	load_default(&c);
	const struct mk_checklist_task *t = mk_checklist_find(&c, "6.4c");
	assert_non_null(t);
	assert_ptr_equal(t, &c.tasks[35]);
	assert_int_equal(t->role, MK_ROLE_FG);
	assert_null(mk_checklist_find(&c, "6.4"));
	assert_null(mk_checklist_find(&c, "6.4C"));
	assert_null(mk_checklist_find(&c, "8.1"));
	assert_null(mk_checklist_find(&c, ""));
	assert_null(mk_checklist_find(&c, NULL));
	mk_checklist_release(&c);
	mk_checklist_release(&c);
	mk_checklist_release(NULL);
}

static void test_checklist_step_labels_are_bijlage_1(void **state)
{
	(void)state;
	static const char *const labels[MK_STEP_COUNT] = {
		"Incident detectie",
		"Initiatie",
		"Analyse",
		"Schade indamming en beoordeling van de blootstelling",
		"Remediatie en herstel",
		"Kennisgeving",
		"Afsluiten incident",
		"Rapportage en evaluatie",
	};
	for (int s = 0; s < MK_STEP_COUNT; s++)
		assert_string_equal(mk_step_label(s), labels[s]);
	assert_string_equal(mk_step_label(-1), "?");
	assert_string_equal(mk_step_label(8), "?");
}

/* ---- parsing -------------------------------------------------------------- */

#define CL_HEADER "code\tstep\trole\tclosing\tsets\towner\ttitle\n"

static void test_checklist_parse_errors_name_the_line(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *field;
		const char *message;
	} cases[] = {
		{"# c\n" CL_HEADER "0.1\t0\tservicedesk\tno\t-\tS\tT\n\n1.1\t8\tbehandelaar\tno\t-\tA\tT\n",
		 "step", "c.tsv line 5: step '8' is not 0 to 7"},
		{CL_HEADER "1.1\t\tbehandelaar\tno\t-\tA\tT\n", "step", "c.tsv line 2: step '' is not 0 to 7"},
		{CL_HEADER "1.1\t11\tbehandelaar\tno\t-\tA\tT\n", "step",
		 "c.tsv line 2: step '11' is not 0 to 7"},
		{CL_HEADER "1.1\t2\tbehandelaar\tno\t-\tA\tT\n", "code",
		 "c.tsv line 2: task code '1.1' does not fit step 2 or is out of order"},
		{CL_HEADER "2.1\t2\tbehandelaar\tno\t-\tA\tT\n1.1\t1\tbehandelaar\tno\t-\tA\tT\n", "code",
		 "c.tsv line 3: task code '1.1' does not fit step 1 or is out of order"},
		{CL_HEADER "1.1\t1\tbehandelaar\tno\t-\tA\tT\n1.1\t1\tciso\tno\t-\tA\tT\n", "code",
		 "c.tsv line 3: task code '1.1' appears twice"},
		{CL_HEADER "1.1\t1\tboss\tno\t-\tA\tT\n", "role",
		 "c.tsv line 2: role 'boss' is unknown: use one of melder, servicedesk, behandelaar, "
		 "incidentmanager, ciso, fg, directie, auditor, admin"},
		{CL_HEADER "1.1\t1\tciso\tmaybe\t-\tA\tT\n", "closing",
		 "c.tsv line 2: closing is 'maybe', expected yes or no"},
		{CL_HEADER "1.1\t1\tciso\tYes\t-\tA\tT\n", "closing",
		 "c.tsv line 2: closing is 'Yes', expected yes or no"},
		{CL_HEADER "1.1\t1\tciso\tno\t-\tA\t \n", "title", "c.tsv line 2: title is empty"},
		{"code\tstep\trole\tclosing\towner\n", "",
		 "c.tsv line 1: 5 fields, expected 7"},
		{CL_HEADER "1.1\t1\tciso\tno\tclosed_at\tA\tT\n", "sets",
		 "c.tsv line 2: sets is 'closed_at', expected -, management_informed_at, "
		 "ap_notified_at, subjects_informed_at or evaluated_at"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_checklist c;
		struct mk_error e;
		enum mk_rc rc = mk_checklist_parse(&c, cases[i].text, strlen(cases[i].text), "c.tsv", &e);
		if (rc != MK_EINVAL)
			fail_msg("case %zu: %s", i, mk_rc_name(rc));
		assert_string_equal(e.message, cases[i].message);
		assert_string_equal(e.field, cases[i].field);
	}
}

static void test_checklist_parse_refuses_malformed_codes(void **state)
{
	(void)state;
	static const char *const bad[] = {"1", "1.", "1.a", "1.123", "1.1ab", "1.1A", "11.1", "1-1",
					  "1,1", ".1", "1.1 ", "2.1"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[200];
		snprintf(text, sizeof(text), CL_HEADER "%s\t1\tciso\tno\t-\tA\tT\n", bad[i]);
		struct mk_checklist c;
		struct mk_error e;
		if (mk_checklist_parse(&c, text, strlen(text), "c.tsv", &e) != MK_EINVAL)
			fail_msg("code '%s' was accepted", bad[i]);
		assert_string_equal(e.field, "code");
	}
	static const char *const good[] = {"1.1", "1.12", "1.1a", "1.12z"};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		char text[200];
		snprintf(text, sizeof(text), CL_HEADER "%s\t1\tciso\tno\t-\tA\tT\n", good[i]);
		struct mk_checklist c;
		struct mk_error e;
		if (mk_checklist_parse(&c, text, strlen(text), "c.tsv", &e) != MK_OK)
			fail_msg("code '%s' refused: %s", good[i], e.message);
		assert_string_equal(c.tasks[0].code, good[i]);
		mk_checklist_release(&c);
	}
}

static void test_checklist_load_out_of_memory_is_enomem_and_leaks_nothing(void **state)
{
	(void)state;
	long n;
	for (n = 0; n < FAULT_LOOP_MAX; n++) {
		struct mk_checklist c;
		struct mk_error e;
		mk_alloc_fail_after(n);
		enum mk_rc rc = mk_checklist_load_default(&c, &e);
		mk_alloc_fail_reset();
		if (rc == MK_OK) {
			assert_int_equal(c.count, 45);
			mk_checklist_release(&c);
			break;
		}
		assert_int_equal(rc, MK_ENOMEM);
	}
	assert_int_equal(n, 3); /* text, cells, tasks */
}

/* ---- task states ---------------------------------------------------------- */

static void test_task_state_names(void **state)
{
	(void)state;
	static const char *const names[] = {"open", "done", "nvt"};
	for (int s = 0; s < MK_TASK_STATE_COUNT; s++) {
		assert_string_equal(mk_task_state_name((enum mk_task_state)s), names[s]);
		enum mk_task_state got;
		assert_int_equal(mk_task_state_parse(names[s], &got, NULL), MK_OK);
		assert_int_equal(got, s);
	}
	assert_string_equal(mk_task_state_name(MK_TASK_STATE_COUNT), "?");
	struct mk_error e;
	enum mk_task_state got = MK_TASK_DONE;
	assert_int_equal(mk_task_state_parse("n.v.t.", &got, &e), MK_EINVAL);
	assert_int_equal(got, MK_TASK_DONE);
	assert_string_equal(e.field, "state");
	assert_string_equal(e.message, "task state 'n.v.t.' is unknown");
	assert_int_equal(mk_task_state_parse(NULL, &got, &e), MK_EINVAL);
}

static void test_task_transitions_open_to_done_or_nvt_only(void **state)
{
	(void)state;
	static const struct {
		enum mk_task_state from, to;
		const char *reason;
		enum mk_rc rc;
		const char *field, *message;
	} cases[] = {
		{MK_TASK_OPEN, MK_TASK_DONE, NULL, MK_OK, NULL, NULL},
		{MK_TASK_OPEN, MK_TASK_DONE, "with a note", MK_OK, NULL, NULL},
		{MK_TASK_OPEN, MK_TASK_NVT, "no police involved", MK_OK, NULL, NULL},
		{MK_TASK_OPEN, MK_TASK_NVT, NULL, MK_EINVAL, "reason",
		 "marking task 6.4a n.v.t. needs a reason"},
		{MK_TASK_OPEN, MK_TASK_NVT, "", MK_EINVAL, "reason",
		 "marking task 6.4a n.v.t. needs a reason"},
		{MK_TASK_OPEN, MK_TASK_NVT, " \n\t", MK_EINVAL, "reason",
		 "marking task 6.4a n.v.t. needs a reason"},
		{MK_TASK_OPEN, MK_TASK_OPEN, NULL, MK_EINVAL, "state", "task 6.4a is already open"},
		{MK_TASK_DONE, MK_TASK_DONE, NULL, MK_ECONFLICT, "task", "task 6.4a is already done"},
		{MK_TASK_DONE, MK_TASK_NVT, "changed my mind", MK_ECONFLICT, "task",
		 "task 6.4a is already done"},
		{MK_TASK_DONE, MK_TASK_OPEN, "ticked by mistake", MK_OK, NULL, NULL},
		{MK_TASK_DONE, MK_TASK_OPEN, " ", MK_EINVAL, "reason", "reopening task 6.4a needs a reason"},
		{MK_TASK_NVT, MK_TASK_DONE, NULL, MK_ECONFLICT, "task",
		 "task 6.4a is already marked n.v.t."},
		{MK_TASK_NVT, MK_TASK_NVT, "again", MK_ECONFLICT, "task",
		 "task 6.4a is already marked n.v.t."},
		{MK_TASK_NVT, MK_TASK_OPEN, "police after all", MK_OK, NULL, NULL},
		{MK_TASK_NVT, MK_TASK_OPEN, NULL, MK_EINVAL, "reason", "reopening task 6.4a needs a reason"},
		{MK_TASK_OPEN, MK_TASK_NVT, "bad \x1b[2J reason", MK_EINVAL, "reason",
		 "reason contains a control character (0x1b at byte 4)"},
		{MK_TASK_OPEN, MK_TASK_DONE, "bad \xc0\xaf note", MK_EINVAL, "reason",
		 "reason is not valid UTF-8 (at byte 4)"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_error e;
		enum mk_rc rc = mk_task_transition_check("6.4a", cases[i].from, cases[i].to,
							 cases[i].reason, &e);
		if (rc != cases[i].rc)
			fail_msg("case %zu (%s -> %s): %s, expected %s", i,
				 mk_task_state_name(cases[i].from), mk_task_state_name(cases[i].to),
				 mk_rc_name(rc), mk_rc_name(cases[i].rc));
		if (cases[i].message) {
			assert_string_equal(e.field, cases[i].field);
			assert_string_equal(e.message, cases[i].message);
		}
	}
}

static void test_task_nvt_reason_has_a_length_limit(void **state)
{
	(void)state;
	char reason[MK_SHORT_TEXT_MAX + 2];
	memset(reason, 'r', MK_SHORT_TEXT_MAX);
	reason[MK_SHORT_TEXT_MAX] = '\0';
	assert_int_equal(mk_task_transition_check("1.5", MK_TASK_OPEN, MK_TASK_NVT, reason, NULL),
			 MK_OK);
	reason[MK_SHORT_TEXT_MAX] = 'r';
	reason[MK_SHORT_TEXT_MAX + 1] = '\0';
	struct mk_error e;
	assert_int_equal(mk_task_transition_check("1.5", MK_TASK_OPEN, MK_TASK_NVT, reason, &e),
			 MK_ETOOBIG);
	assert_string_equal(e.message, "reason is too long: 1001 bytes, the limit is 1000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_checklist_default_has_45_tasks_in_bijlage_1_order),
		UNIT_TEST(test_checklist_default_counts_per_step),
		UNIT_TEST(test_checklist_closing_tasks_are_exactly_step_6),
		UNIT_TEST(test_checklist_owners_are_the_guidance_words),
		UNIT_TEST(test_checklist_find_hits_and_misses),
		UNIT_TEST(test_checklist_step_labels_are_bijlage_1),
		UNIT_TEST(test_checklist_parse_errors_name_the_line),
		UNIT_TEST(test_checklist_parse_refuses_malformed_codes),
		UNIT_TEST(test_checklist_load_out_of_memory_is_enomem_and_leaks_nothing),
		UNIT_TEST(test_task_state_names),
		UNIT_TEST(test_task_transitions_open_to_done_or_nvt_only),
		UNIT_TEST(test_task_nvt_reason_has_a_length_limit),
	};
	return cmocka_run_group_tests_name("checklist", tests, NULL, NULL);
}
