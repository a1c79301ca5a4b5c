/* core/impact: impact per criterion (H4 Tabel 1), the overall impact, the
 * people-affected thresholds, the storage encoding, the criteria table,
 * the priority matrix of DESIGN.md, event type suggestion and who may
 * declare a noodsituatie. */
#include "unit.h"

#include "core/impact.h"

#define NONE MK_LEVEL_NONE
#define L MK_LEVEL_LAAG
#define M MK_LEVEL_MIDDEN
#define H MK_LEVEL_HOOG

static void test_impact_people_thresholds(void **state)
{
	(void)state;
	/* DESIGN.md: below 10 laag, 10 to 99 midden, 100 or more hoog;
	 * negative = unknown. */
	static const struct {
		int64_t people;
		enum mk_level level;
	} cases[] = {
		{INT64_MIN, NONE}, {-2, NONE}, {-1, NONE}, {0, L},   {1, L},
		{9, L},            {10, M},    {11, M},    {99, M},  {100, H},
		{101, H},          {1000000, H}, {INT64_MAX, H},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (mk_impact_level_for_people(cases[i].people) != cases[i].level)
			fail_msg("%lld people: level %d, expected %d", (long long)cases[i].people,
				 mk_impact_level_for_people(cases[i].people), cases[i].level);
}

static void test_impact_overall_is_the_highest_level_given(void **state)
{
	(void)state;
	struct mk_impact im = {{NONE}};
	assert_int_equal(mk_impact_overall(&im), NONE);
	im.level[MK_CRITERION_REPUTATIE] = L;
	assert_int_equal(mk_impact_overall(&im), L);
	im.level[MK_CRITERION_MENSEN] = M;
	assert_int_equal(mk_impact_overall(&im), M);
	im.level[MK_CRITERION_BESCHIKBAARHEID] = H; /* the last criterion counts too */
	assert_int_equal(mk_impact_overall(&im), H);
	im.level[MK_CRITERION_BESCHIKBAARHEID] = L;
	assert_int_equal(mk_impact_overall(&im), M);
	for (int c = 0; c < MK_CRITERION_COUNT; c++) {
		struct mk_impact one = {{NONE}};
		one.level[c] = H;
		assert_int_equal(mk_impact_overall(&one), H);
	}
}

static void test_impact_criteria_are_the_14_of_tabel_1(void **state)
{
	(void)state;
	static const char *const names[] = {
		"mensen", "apparatuur", "programmatuur", "gegevens", "organisatieprocessen",
		"omgeving", "diensten", "betrokkenen", "reputatie", "financieel",
		"herstelwerk", "verspreiding", "keten", "beschikbaarheid",
	};
	assert_int_equal(MK_CRITERION_COUNT, 14);
	for (int c = 0; c < MK_CRITERION_COUNT; c++) {
		assert_string_equal(mk_criterion_name((enum mk_criterion)c), names[c]);
		enum mk_criterion got;
		assert_int_equal(mk_criterion_parse(names[c], &got, NULL), MK_OK);
		assert_int_equal(got, c);
	}
	assert_string_equal(mk_criterion_name(MK_CRITERION_COUNT), "?");
	struct mk_error e;
	enum mk_criterion got = MK_CRITERION_KETEN;
	assert_int_equal(mk_criterion_parse("Mensen", &got, &e), MK_EINVAL);
	assert_int_equal(got, MK_CRITERION_KETEN);
	assert_string_equal(e.field, "impact");
	assert_string_equal(e.message,
			    "impact criterion 'Mensen' is unknown: use one of mensen, apparatuur, "
			    "programmatuur, gegevens, organisatieprocessen, omgeving, diensten, "
			    "betrokkenen, reputatie, financieel, herstelwerk, verspreiding, keten, "
			    "beschikbaarheid");
	assert_int_equal(mk_criterion_parse(NULL, &got, &e), MK_EINVAL);
}

static void test_impact_encodes_one_character_per_criterion(void **state)
{
	(void)state;
	struct mk_impact im = {{NONE}};
	char buf[MK_CRITERION_COUNT + 1];
	mk_impact_encode(&im, buf);
	assert_string_equal(buf, "--------------");
	im.level[MK_CRITERION_MENSEN] = L;
	im.level[MK_CRITERION_GEGEVENS] = M;
	im.level[MK_CRITERION_BESCHIKBAARHEID] = H;
	mk_impact_encode(&im, buf);
	assert_string_equal(buf, "L--M---------H");
	/* An out-of-range level is stored as not assessed, never as garbage. */
	im.level[MK_CRITERION_KETEN] = (enum mk_level)9;
	mk_impact_encode(&im, buf);
	assert_string_equal(buf, "L--M---------H");

	struct mk_impact back;
	assert_int_equal(mk_impact_decode("L--M---------H", &back, NULL), MK_OK);
	assert_int_equal(back.level[MK_CRITERION_MENSEN], L);
	assert_int_equal(back.level[MK_CRITERION_APPARATUUR], NONE);
	assert_int_equal(back.level[MK_CRITERION_GEGEVENS], M);
	assert_int_equal(back.level[MK_CRITERION_BESCHIKBAARHEID], H);
	assert_int_equal(mk_impact_decode("HMLHMLHMLHMLHM", &back, NULL), MK_OK);
	mk_impact_encode(&back, buf);
	assert_string_equal(buf, "HMLHMLHMLHMLHM");
}

static void test_impact_decode_refuses_malformed_text(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "-------------", "---------------", "l-------------", "X-------------",
		"--------------\n", "-------------\0",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct mk_impact im = {{H}};
		struct mk_error e;
		assert_int_equal(mk_impact_decode(bad[i], &im, &e), MK_EINVAL);
		assert_int_equal(im.level[0], H); /* untouched */
		assert_string_equal(e.field, "impact");
	}
	struct mk_error e;
	struct mk_impact im;
	mk_impact_decode("X-------------", &im, &e);
	assert_string_equal(e.message, "stored impact 'X-------------' is malformed");
	assert_int_equal(mk_impact_decode(NULL, &im, &e), MK_EINVAL);
	assert_string_equal(e.message, "stored impact '' is malformed");
}

static void test_priority_matrix_default_is_design_md(void **state)
{
	(void)state;
	/* DESIGN.md "Classification", impact (rows) x urgency (columns). */
	static const struct {
		enum mk_level impact, urgency;
		enum mk_priority p;
	} cells[] = {
		{H, H, MK_PRIORITY_P1}, {H, M, MK_PRIORITY_P2}, {H, L, MK_PRIORITY_P3},
		{M, H, MK_PRIORITY_P2}, {M, M, MK_PRIORITY_P3}, {M, L, MK_PRIORITY_P4},
		{L, H, MK_PRIORITY_P3}, {L, M, MK_PRIORITY_P4}, {L, L, MK_PRIORITY_P4},
	};
	struct mk_priority_matrix pm;
	memset(&pm, 0x5a, sizeof(pm));
	mk_priority_matrix_default(&pm);
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++)
		if (mk_priority_of(&pm, cells[i].impact, cells[i].urgency) != cells[i].p)
			fail_msg("impact %s x urgency %s: %s, expected %s",
				 mk_level_name(cells[i].impact), mk_level_name(cells[i].urgency),
				 mk_priority_name(mk_priority_of(&pm, cells[i].impact,
								  cells[i].urgency)),
				 mk_priority_name(cells[i].p));
	/* Not assessed on either side: no priority. */
	for (int l = NONE; l <= H; l++) {
		assert_int_equal(mk_priority_of(&pm, NONE, (enum mk_level)l), MK_PRIORITY_NONE);
		assert_int_equal(mk_priority_of(&pm, (enum mk_level)l, NONE), MK_PRIORITY_NONE);
	}
	assert_int_equal(mk_priority_of(&pm, (enum mk_level)4, H), MK_PRIORITY_NONE);
	assert_int_equal(mk_priority_of(&pm, H, (enum mk_level)4), MK_PRIORITY_NONE);
}

static void test_priority_matrix_is_configurable(void **state)
{
	(void)state;
	struct mk_priority_matrix pm;
	mk_priority_matrix_default(&pm);
	pm.cell[L][L] = MK_PRIORITY_P3;
	assert_int_equal(mk_priority_of(&pm, L, L), MK_PRIORITY_P3);
	assert_int_equal(mk_priority_of(&pm, L, M), MK_PRIORITY_P4);
}

static void test_event_type_suggestion_per_priority(void **state)
{
	(void)state;
	/* Bijlage 4 / DESIGN.md: P1 and P2 suggest escalatie. */
	assert_int_equal(mk_event_type_suggested(MK_PRIORITY_NONE), MK_EVENT_NORMAAL);
	assert_int_equal(mk_event_type_suggested(MK_PRIORITY_P1), MK_EVENT_ESCALATIE);
	assert_int_equal(mk_event_type_suggested(MK_PRIORITY_P2), MK_EVENT_ESCALATIE);
	assert_int_equal(mk_event_type_suggested(MK_PRIORITY_P3), MK_EVENT_NORMAAL);
	assert_int_equal(mk_event_type_suggested(MK_PRIORITY_P4), MK_EVENT_NORMAAL);
}

static void test_noodsituatie_only_by_incidentmanager_or_ciso(void **state)
{
	(void)state;
	static const struct {
		enum mk_role role;
		bool may_declare;
	} roles[] = {
		{MK_ROLE_MELDER, false},       {MK_ROLE_SERVICEDESK, false},
		{MK_ROLE_BEHANDELAAR, false},  {MK_ROLE_INCIDENTMANAGER, true},
		{MK_ROLE_CISO, true},          {MK_ROLE_FG, false},
		{MK_ROLE_DIRECTIE, false},     {MK_ROLE_AUDITOR, false},
		{MK_ROLE_ADMIN, false},
	};
	assert_int_equal(sizeof(roles) / sizeof(roles[0]), MK_ROLE_COUNT);
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		struct mk_error e;
		enum mk_rc rc = mk_event_type_check(roles[i].role, MK_EVENT_NORMAAL,
						    MK_EVENT_NOODSITUATIE, &e);
		if (roles[i].may_declare) {
			assert_int_equal(rc, MK_OK);
		} else {
			assert_int_equal(rc, MK_EPERM);
			assert_string_equal(e.field, "event_type");
			char expected[200];
			snprintf(expected, sizeof(expected),
				 "only an incidentmanager or the ciso may declare a noodsituatie, "
				 "not a %s",
				 mk_role_name(roles[i].role));
			assert_string_equal(e.message, expected);
		}
		/* Ending a noodsituatie is the coordinator's decision too. */
		rc = mk_event_type_check(roles[i].role, MK_EVENT_NOODSITUATIE, MK_EVENT_ESCALATIE, &e);
		if (roles[i].may_declare) {
			assert_int_equal(rc, MK_OK);
		} else {
			assert_int_equal(rc, MK_EPERM);
			char expected[200];
			snprintf(expected, sizeof(expected),
				 "only an incidentmanager or the ciso may end a noodsituatie, not a %s",
				 mk_role_name(roles[i].role));
			assert_string_equal(e.message, expected);
		}
		/* Normaal and escalatie are open to every role here (who may
		 * edit the incident at all is the access rule's business). */
		assert_int_equal(mk_event_type_check(roles[i].role, MK_EVENT_NORMAAL, MK_EVENT_ESCALATIE,
						     NULL), MK_OK);
		assert_int_equal(mk_event_type_check(roles[i].role, MK_EVENT_ESCALATIE, MK_EVENT_NORMAAL,
						     NULL), MK_OK);
		assert_int_equal(mk_event_type_check(roles[i].role, MK_EVENT_NOODSITUATIE,
						     MK_EVENT_NOODSITUATIE, NULL), MK_OK);
	}
}

/* ---- the criteria table (data/impact.tsv) -------------------------------- */

static void test_impact_table_default_has_tabel_1_labels(void **state)
{
	(void)state;
	/* Tabel 1 "Voorbeelden incident impact" of H4, its first column. */
	static const char *const labels[] = {
		"Aantal getroffen mensen/medewerkers",
		"Apparatuur werkt niet",
		"Programmatuur werkt niet",
		"Gegevens worden gekopieerd, versleuteld dan wel vernietigd",
		"Organisatieprocessen",
		"Omgeving",
		"Diensten",
		"Impact op betrokkenen",
		"Kans op reputatieschade",
		"Financi\xc3\xable impact",
		"Werk om te herstellen is arbeidsintensief",
		"Snelheid van toename incident",
		"Ketenafhankelijkheid",
		"Beschikbaarheid bedrijfsprocessen",
	};
	struct mk_impact_table t;
	struct mk_error e;
	if (mk_impact_table_load_default(&t, &e) != MK_OK)
		fail_msg("%s", e.message);
	for (int c = 0; c < MK_CRITERION_COUNT; c++) {
		assert_int_equal(t.rows[c].criterion, c);
		assert_string_equal(t.rows[c].label, labels[c]);
		assert_string_equal(t.rows[c].example[MK_LEVEL_NONE], "");
		for (int l = L; l <= H; l++)
			assert_true(strlen(t.rows[c].example[l]) > 0);
	}
	assert_string_equal(t.rows[MK_CRITERION_MENSEN].example[L], "Minder dan 10");
	assert_string_equal(t.rows[MK_CRITERION_REPUTATIE].example[H],
			    "De reputatieschade is hoog met de kans dat het college valt.");
	mk_impact_table_release(&t);
	assert_null(t.text);
	mk_impact_table_release(&t);
	mk_impact_table_release(NULL);
}

#define IMPACT_HEADER "key\tlabel\tlaag\tmidden\thoog\n"

static void test_impact_table_parse_refuses_missing_or_misordered_criteria(void **state)
{
	(void)state;
	struct mk_impact_table t;
	struct mk_error e;
	const char *short_table = IMPACT_HEADER "mensen\tM\ta\tb\tc\n";
	assert_int_equal(mk_impact_table_parse(&t, short_table, strlen(short_table), "i.tsv", &e),
			 MK_EINVAL);
	assert_string_equal(e.message, "i.tsv has 1 criteria, expected 14");

	/* All 14, but apparatuur and mensen swapped: the message names the
	 * line of the first misplaced one. */
	static const char *const order[] = {
		"apparatuur", "mensen", "programmatuur", "gegevens", "organisatieprocessen",
		"omgeving", "diensten", "betrokkenen", "reputatie", "financieel",
		"herstelwerk", "verspreiding", "keten", "beschikbaarheid",
	};
	char text[2048];
	size_t len = (size_t)snprintf(text, sizeof(text), "# criteria\n" IMPACT_HEADER);
	for (int c = 0; c < MK_CRITERION_COUNT; c++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s\tlabel\ta\tb\tc\n", order[c]);
	assert_int_equal(mk_impact_table_parse(&t, text, len, "i.tsv", &e), MK_EINVAL);
	assert_string_equal(e.message, "i.tsv line 3: criterion 'apparatuur', expected 'mensen'");

	const char *bad_header = "key\tlabel\tlow\tmidden\thoog\n";
	assert_int_equal(mk_impact_table_parse(&t, bad_header, strlen(bad_header), "i.tsv", &e),
			 MK_EINVAL);
	assert_string_equal(e.message, "i.tsv line 1: column 3 is 'low', expected 'laag'");
}

static void test_impact_table_load_out_of_memory_is_enomem_and_leaks_nothing(void **state)
{
	(void)state;
	long n;
	for (n = 0; n < FAULT_LOOP_MAX; n++) {
		struct mk_impact_table t;
		struct mk_error e;
		mk_alloc_fail_after(n);
		enum mk_rc rc = mk_impact_table_load_default(&t, &e);
		mk_alloc_fail_reset();
		if (rc == MK_OK) {
			mk_impact_table_release(&t);
			break;
		}
		assert_int_equal(rc, MK_ENOMEM);
	}
	assert_int_equal(n, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_impact_people_thresholds),
		UNIT_TEST(test_impact_overall_is_the_highest_level_given),
		UNIT_TEST(test_impact_criteria_are_the_14_of_tabel_1),
		UNIT_TEST(test_impact_encodes_one_character_per_criterion),
		UNIT_TEST(test_impact_decode_refuses_malformed_text),
		UNIT_TEST(test_priority_matrix_default_is_design_md),
		UNIT_TEST(test_priority_matrix_is_configurable),
		UNIT_TEST(test_event_type_suggestion_per_priority),
		UNIT_TEST(test_noodsituatie_only_by_incidentmanager_or_ciso),
		UNIT_TEST(test_impact_table_default_has_tabel_1_labels),
		UNIT_TEST(test_impact_table_parse_refuses_missing_or_misordered_criteria),
		UNIT_TEST(test_impact_table_load_out_of_memory_is_enomem_and_leaks_nothing),
	};
	return cmocka_run_group_tests_name("impact", tests, NULL, NULL);
}
