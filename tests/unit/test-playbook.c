/* The compiled-in playbooks (core/playbook.c, data/playbooks/NAME.tsv): the
 * seven of DESIGN.md "Process", each parsing with its exact task count,
 * no code met twice among them and the Bijlage 1 checklist (so that an
 * incident may carry several), and an unknown name refused with the
 * known ones listed. */
#include "unit.h"

#include "core/checklist.h"
#include "core/playbook.h"

static const struct {
	const char *name;
	size_t tasks;
	const char *first, *last;
} expected[] = {
	{"phishing", 7, "1.50", "7.50"},
	{"verlies-diefstal", 7, "1.60", "7.60"},
	{"malware", 9, "1.70", "7.70"},
	{"ddos", 6, "1.80", "7.80"},
	{"accountovername", 7, "1.90", "7.90"},
	{"verkeerde-ontvanger", 6, "1.30", "7.30"},
	{"defacement", 6, "1.40", "7.40"},
};
#define NEXPECTED (sizeof(expected) / sizeof(expected[0]))

static void test_playbook_names_in_order(void **state)
{
	(void)state;
	for (size_t i = 0; i < NEXPECTED; i++)
		assert_string_equal(mk_playbook_name(i), expected[i].name);
	assert_null(mk_playbook_name(NEXPECTED));
}

static void test_playbook_each_parses_with_exact_tasks(void **state)
{
	(void)state;
	for (size_t i = 0; i < NEXPECTED; i++) {
		struct mk_checklist c = {0};
		struct mk_error err = {0};
		if (mk_playbook_load_default(expected[i].name, &c, &err) != MK_OK)
			fail_msg("%s: %s", expected[i].name, err.message);
		assert_int_equal(c.count, expected[i].tasks);
		assert_string_equal(c.tasks[0].code, expected[i].first);
		assert_string_equal(c.tasks[c.count - 1].code, expected[i].last);
		for (size_t t = 0; t < c.count; t++) {
			assert_false(c.tasks[t].closing); /* closure stays Bijlage 1's */
			assert_true(c.tasks[t].title[0] != '\0');
		}
		mk_checklist_release(&c);
	}
}

static void test_playbook_codes_never_meet(void **state)
{
	(void)state;
	struct mk_checklist all[NEXPECTED + 1];
	memset(all, 0, sizeof(all));
	assert_int_equal(mk_checklist_load_default(&all[NEXPECTED], NULL), MK_OK);
	for (size_t i = 0; i < NEXPECTED; i++)
		assert_int_equal(mk_playbook_load_default(expected[i].name, &all[i], NULL), MK_OK);
	for (size_t a = 0; a <= NEXPECTED; a++)
		for (size_t b = a + 1; b <= NEXPECTED; b++)
			for (size_t t = 0; t < all[a].count; t++)
				if (mk_checklist_find(&all[b], all[a].tasks[t].code))
					fail_msg("code %s is in two tables (%zu, %zu)", all[a].tasks[t].code,
						 a, b);
	for (size_t i = 0; i <= NEXPECTED; i++)
		mk_checklist_release(&all[i]);
}

static void test_playbook_unknown_names_the_known(void **state)
{
	(void)state;
	struct mk_checklist c = {0};
	struct mk_error err = {0};
	assert_int_equal(mk_playbook_load_default("ransomware", &c, &err), MK_ENOTFOUND);
	assert_string_equal(err.field, "playbook");
	assert_string_equal(err.message,
			    "no playbook 'ransomware' (known: phishing, verlies-diefstal, malware, ddos, "
			    "accountovername, verkeerde-ontvanger, defacement)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_playbook_names_in_order),
		UNIT_TEST(test_playbook_each_parses_with_exact_tasks),
		UNIT_TEST(test_playbook_codes_never_meet),
		UNIT_TEST(test_playbook_unknown_names_the_known),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
