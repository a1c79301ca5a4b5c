/* core/team: the crisis team of H4.2 suggested from the impact, and its
 * roles as data (data/team.tsv). */
#include "unit.h"

#include "core/team.h"

static void suggest(const char *levels, bool ret[MK_TEAM_GROUP_COUNT])
{
	struct mk_impact impact;
	assert_int_equal(mk_impact_decode(levels, &impact, NULL), MK_OK);
	mk_team_suggest(&impact, ret);
}

static void test_team_follows_the_overall_impact(void **state)
{
	(void)state;
	/* Criteria in Tabel 1 order: mensen apparatuur programmatuur gegevens
	 * organisatieprocessen omgeving diensten betrokkenen reputatie
	 * financieel herstelwerk verspreiding keten beschikbaarheid. */
	static const struct {
		const char *levels;
		bool basis, uitgebreid, regio;
	} cases[] = {
		{"--------------", false, false, false}, /* not assessed */
		{"LLLLLLLLLLLLLL", false, false, false}, /* laag: no team */
		{"M-------------", true, false, false},  /* midden: the basic team */
		{"--------M-----", true, false, false},
		{"H-------------", true, true, false},   /* hoog: the extended list too */
		{"-------H------", true, true, false},   /* betrokkenen hoog */
		{"----H---------", true, true, true},    /* organisatieprocessen hoog */
		{"-----H--------", true, true, true},    /* omgeving hoog */
		{"------------H-", true, true, true},    /* keten hoog */
		{"----M-M-----M-", true, false, false},  /* crossing only at hoog */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool g[MK_TEAM_GROUP_COUNT];
		suggest(cases[i].levels, g);
		if (g[MK_TEAM_BASIS] != cases[i].basis || g[MK_TEAM_UITGEBREID] != cases[i].uitgebreid ||
		    g[MK_TEAM_VEILIGHEIDSREGIO] != cases[i].regio)
			fail_msg("impact %s: basis %d uitgebreid %d regio %d", cases[i].levels,
				 g[MK_TEAM_BASIS], g[MK_TEAM_UITGEBREID], g[MK_TEAM_VEILIGHEIDSREGIO]);
	}
}

static void test_team_default_has_the_roles_of_h4_2(void **state)
{
	(void)state;
	struct mk_team t;
	struct mk_error e;
	assert_int_equal(mk_team_load_default(&t, &e), MK_OK);
	assert_int_equal(t.count, 26);
	size_t per[MK_TEAM_GROUP_COUNT] = {0};
	for (size_t i = 0; i < t.count; i++)
		per[t.roles[i].group]++;
	assert_int_equal(per[MK_TEAM_BASIS], 11);
	assert_int_equal(per[MK_TEAM_UITGEBREID], 10);
	assert_int_equal(per[MK_TEAM_VEILIGHEIDSREGIO], 5);
	assert_string_equal(t.roles[0].role, "Voorzitter");
	assert_string_equal(t.roles[13].role, "FG");
	assert_string_equal(t.roles[25].role, "CISO veiligheidsregio");
	mk_team_release(&t);
	mk_team_release(NULL);
}

static void test_team_parse_errors_name_the_line(void **state)
{
	(void)state;
	static const char bad_group[] = "# c\ngroup\trole\nbasis\tVoorzitter\nbestuur\tBurgemeester\n";
	static const char bad_role[] = "group\trole\nbasis\t \n";
	struct mk_team t;
	struct mk_error e;
	assert_int_equal(mk_team_parse(&t, bad_group, strlen(bad_group), "t.tsv", &e), MK_EINVAL);
	assert_string_equal(e.message,
			    "t.tsv line 4: group 'bestuur' is not basis, uitgebreid or veiligheidsregio");
	assert_int_equal(mk_team_parse(&t, bad_role, strlen(bad_role), "t.tsv", &e), MK_EINVAL);
	assert_string_equal(e.message, "t.tsv line 2: role is empty");
	assert_string_equal(mk_team_group_name(MK_TEAM_VEILIGHEIDSREGIO), "veiligheidsregio");
	assert_string_equal(mk_team_group_name(MK_TEAM_GROUP_COUNT), "?");
}

static void test_team_load_out_of_memory_leaks_nothing(void **state)
{
	(void)state;
	long n;
	for (n = 0; n < FAULT_LOOP_MAX; n++) {
		struct mk_team t;
		struct mk_error e;
		mk_alloc_fail_after(n);
		enum mk_rc rc = mk_team_load_default(&t, &e);
		mk_alloc_fail_reset();
		if (rc == MK_OK) {
			mk_team_release(&t);
			break;
		}
		assert_int_equal(rc, MK_ENOMEM);
	}
	assert_int_equal(n, 3); /* text, cells, roles */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_team_follows_the_overall_impact),
		UNIT_TEST(test_team_default_has_the_roles_of_h4_2),
		UNIT_TEST(test_team_parse_errors_name_the_line),
		UNIT_TEST(test_team_load_out_of_memory_leaks_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
