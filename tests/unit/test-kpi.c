/* core/kpi: the metrics of H3 "Metrieken / KPI's": counts (exercises left
 * out), categories sorted by name, min/avg/max durations with the average
 * rounded half up, and out-of-memory behaviour. */
#include "unit.h"

#include "core/kpi.h"

#define T0 ((mk_time)1792836000) /* 2026-10-24T10:00:00Z */

static void make(struct mk_incident *inc, const char *category)
{
	mk_incident_init(inc);
	if (category) {
		inc->classified = true;
		assert_int_equal(mk_incident_set_text(&inc->matrix_category, category), MK_OK);
	}
}

static void add(struct mk_kpi *k, struct mk_incident *inc)
{
	assert_int_equal(mk_kpi_add(k, inc), MK_OK);
	mk_incident_release(inc);
}

static void test_kpi_init_is_all_zero(void **state)
{
	(void)state;
	struct mk_kpi k;
	memset(&k, 0x77, sizeof(k));
	mk_kpi_init(&k);
	assert_int_equal(k.incidents, 0);
	assert_int_equal(k.exercises, 0);
	assert_int_equal(k.ncategories, 0);
	assert_null(k.categories);
	assert_int_equal(k.detection_lag.n, 0);
	assert_int_equal(mk_kpi_stat_avg(&k.detection_lag), 0);
	for (int p = 0; p < MK_PRIORITY_COUNT; p++)
		assert_int_equal(k.by_priority[p], 0);
	mk_kpi_release(&k);
	mk_kpi_release(NULL);
}

static void test_kpi_exercises_are_left_out(void **state)
{
	(void)state;
	struct mk_kpi k;
	mk_kpi_init(&k);
	struct mk_incident inc;
	make(&inc, "Diensten van derden");
	inc.exercise = true;
	inc.personal_data = true;
	inc.priority = MK_PRIORITY_P1;
	inc.occurred_at = T0;
	inc.detected_at = T0 + 60;
	inc.impact.level[MK_CRITERION_BETROKKENEN] = MK_LEVEL_HOOG;
	add(&k, &inc);
	assert_int_equal(k.exercises, 1);
	assert_int_equal(k.incidents, 0);
	assert_int_equal(k.with_personal_data, 0);
	assert_int_equal(k.with_citizen_impact, 0);
	assert_int_equal(k.by_priority[MK_PRIORITY_P1], 0);
	assert_int_equal(k.by_phase[MK_PHASE_DETECTIE], 0);
	assert_int_equal(k.ncategories, 0);
	assert_int_equal(k.detection_lag.n, 0);
	mk_kpi_release(&k);
}

static void test_kpi_counts_categories_sorted_by_name(void **state)
{
	(void)state;
	static const char *const added[] = {"Zoekraken", "Diensten van derden", NULL, "Apparatuur",
					    "Diensten van derden", "Zoekraken", "Zoekraken",
					    "apparatuur"};
	struct mk_kpi k;
	mk_kpi_init(&k);
	for (size_t i = 0; i < sizeof(added) / sizeof(added[0]); i++) {
		struct mk_incident inc;
		make(&inc, added[i]);
		add(&k, &inc);
	}
	/* A category on an incident that is not classified counts as "". */
	struct mk_incident inc;
	make(&inc, NULL);
	mk_incident_set_text(&inc.matrix_category, "Concept");
	add(&k, &inc);

	/* Byte order: "" first, upper case before lower case. */
	static const struct {
		const char *name;
		int64_t count;
	} expected[] = {
		{"", 2}, {"Apparatuur", 1}, {"Diensten van derden", 2}, {"Zoekraken", 3},
		{"apparatuur", 1},
	};
	assert_int_equal(k.ncategories, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(k.categories[i].name, expected[i].name);
		assert_int_equal(k.categories[i].count, expected[i].count);
	}
	assert_int_equal(k.incidents, 9);
	mk_kpi_release(&k);
	assert_int_equal(k.ncategories, 0);
	assert_null(k.categories);
}

static void test_kpi_counts_priority_phase_privacy_and_citizen_impact(void **state)
{
	(void)state;
	struct mk_kpi k;
	mk_kpi_init(&k);
	static const struct {
		enum mk_priority p;
		enum mk_phase phase;
		bool personal;
		enum mk_criterion crit;
		enum mk_level level;
	} incs[] = {
		{MK_PRIORITY_P1, MK_PHASE_ANALYSE, true, MK_CRITERION_BETROKKENEN, MK_LEVEL_MIDDEN},
		{MK_PRIORITY_P1, MK_PHASE_ANALYSE, false, MK_CRITERION_BESCHIKBAARHEID, MK_LEVEL_HOOG},
		{MK_PRIORITY_P3, MK_PHASE_AFSLUITEN, true, MK_CRITERION_BETROKKENEN, MK_LEVEL_LAAG},
		{MK_PRIORITY_NONE, MK_PHASE_DETECTIE, false, MK_CRITERION_REPUTATIE, MK_LEVEL_HOOG},
	};
	for (size_t i = 0; i < sizeof(incs) / sizeof(incs[0]); i++) {
		struct mk_incident inc;
		make(&inc, "C");
		inc.priority = incs[i].p;
		inc.phase = incs[i].phase;
		inc.personal_data = incs[i].personal;
		inc.impact.level[incs[i].crit] = incs[i].level;
		add(&k, &inc);
	}
	assert_int_equal(k.incidents, 4);
	assert_int_equal(k.by_priority[MK_PRIORITY_P1], 2);
	assert_int_equal(k.by_priority[MK_PRIORITY_P2], 0);
	assert_int_equal(k.by_priority[MK_PRIORITY_P3], 1);
	assert_int_equal(k.by_priority[MK_PRIORITY_NONE], 1);
	assert_int_equal(k.by_phase[MK_PHASE_ANALYSE], 2);
	assert_int_equal(k.by_phase[MK_PHASE_AFSLUITEN], 1);
	assert_int_equal(k.by_phase[MK_PHASE_DETECTIE], 1);
	assert_int_equal(k.with_personal_data, 2);
	assert_int_equal(k.with_citizen_impact, 2);
	mk_kpi_release(&k);
}

static void test_kpi_durations_min_avg_max(void **state)
{
	(void)state;
	struct mk_kpi k;
	mk_kpi_init(&k);
	/* detection lag (detected - occurred), containment (contained -
	 * detected), report to resolution (resolved - reported) */
	static const struct {
		mk_time occurred, detected, contained, reported, resolved;
	} incs[] = {
		{T0, T0 + 3600, T0 + 7200, T0 + 3700, T0 + 90000},
		{T0, T0 + 86400, MK_TIME_UNKNOWN, T0 + 86400, MK_TIME_UNKNOWN},
		{MK_TIME_UNKNOWN, T0 + 10, T0 + 10, MK_TIME_UNKNOWN, T0 + 20},
		/* an end before its start does not count */
		{T0 + 100, T0 + 50, T0 + 40, T0 + 500, T0 + 400},
		{T0, T0, T0 + 1, T0, T0 + 5},
	};
	for (size_t i = 0; i < sizeof(incs) / sizeof(incs[0]); i++) {
		struct mk_incident inc;
		make(&inc, NULL);
		inc.occurred_at = incs[i].occurred;
		inc.detected_at = incs[i].detected;
		inc.contained_at = incs[i].contained;
		inc.reported_at = incs[i].reported;
		inc.resolved_at = incs[i].resolved;
		add(&k, &inc);
	}
	/* detection lag: 3600, 86400, 0 */
	assert_int_equal(k.detection_lag.n, 3);
	assert_int_equal(k.detection_lag.min, 0);
	assert_int_equal(k.detection_lag.max, 86400);
	assert_int_equal(k.detection_lag.sum, 90000);
	assert_int_equal(mk_kpi_stat_avg(&k.detection_lag), 30000);
	/* containment: 3600, 0, 1 */
	assert_int_equal(k.containment.n, 3);
	assert_int_equal(k.containment.min, 0);
	assert_int_equal(k.containment.max, 3600);
	assert_int_equal(mk_kpi_stat_avg(&k.containment), 1200); /* 3601 / 3 = 1200.33 */
	/* report to resolution: 86300, 5 */
	assert_int_equal(k.report_to_resolution.n, 2);
	assert_int_equal(k.report_to_resolution.min, 5);
	assert_int_equal(k.report_to_resolution.max, 86300);
	assert_int_equal(mk_kpi_stat_avg(&k.report_to_resolution), 43153); /* 43152.5 up */
	mk_kpi_release(&k);
}

static void test_kpi_average_rounds_half_up(void **state)
{
	(void)state;
	static const struct {
		int64_t n, sum, avg;
	} cases[] = {
		{0, 0, 0},   {1, 7, 7},   {2, 1, 1},   {2, 3, 2},  {4, 1, 0},  {4, 2, 1},
		{4, 5, 1},   {4, 6, 2},   {3, 10, 3},  {3, 11, 4}, {3, 2, 1},  {3, 1, 0},
		{2, 259201, 129601},      /* 129600.5 */
		{1000, 1499, 1},          {1000, 1500, 2},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_kpi_stat s = {cases[i].n, 0, 0, cases[i].sum};
		if (mk_kpi_stat_avg(&s) != cases[i].avg)
			fail_msg("%lld / %lld: %lld, expected %lld", (long long)cases[i].sum,
				 (long long)cases[i].n, (long long)mk_kpi_stat_avg(&s),
				 (long long)cases[i].avg);
	}
}

static void test_kpi_add_out_of_memory_counts_nothing(void **state)
{
	(void)state;
	struct mk_kpi k;
	mk_kpi_init(&k);
	struct mk_incident first;
	make(&first, "Bestaand");
	add(&k, &first);

	struct mk_incident inc;
	make(&inc, "Nieuw");
	inc.personal_data = true;
	inc.priority = MK_PRIORITY_P2;
	inc.occurred_at = T0;
	inc.detected_at = T0 + 5;
	/* The copy of the name, then the grown array. */
	for (long n = 0; n < 2; n++) {
		mk_alloc_fail_after(n);
		assert_int_equal(mk_kpi_add(&k, &inc), MK_ENOMEM);
		mk_alloc_fail_reset();
		assert_int_equal(k.incidents, 1);
		assert_int_equal(k.ncategories, 1);
		assert_string_equal(k.categories[0].name, "Bestaand");
		assert_int_equal(k.categories[0].count, 1);
		assert_int_equal(k.with_personal_data, 0);
		assert_int_equal(k.by_priority[MK_PRIORITY_P2], 0);
		assert_int_equal(k.detection_lag.n, 0);
	}
	assert_int_equal(mk_kpi_add(&k, &inc), MK_OK);
	assert_int_equal(k.incidents, 2);
	assert_int_equal(k.ncategories, 2);
	/* A known category needs no memory at all. */
	mk_alloc_fail_after(0);
	assert_int_equal(mk_kpi_add(&k, &inc), MK_OK);
	mk_alloc_fail_reset();
	assert_int_equal(k.incidents, 3);
	mk_incident_release(&inc);
	mk_kpi_release(&k);
}

static void test_kpi_fault_loop_over_many_categories_leaks_nothing(void **state)
{
	(void)state;
	static const char *const names[] = {"e", "b", "d", "a", "c", "b", "f"};
	const size_t count = sizeof(names) / sizeof(names[0]);
	struct mk_incident incs[7];
	for (size_t i = 0; i < count; i++)
		make(&incs[i], names[i]);
	long n;
	for (n = 0; n < FAULT_LOOP_MAX; n++) {
		struct mk_kpi k;
		mk_kpi_init(&k);
		mk_alloc_fail_after(n);
		enum mk_rc rc = MK_OK;
		size_t added = 0;
		for (size_t i = 0; i < count && rc == MK_OK; i++)
			if ((rc = mk_kpi_add(&k, &incs[i])) == MK_OK)
				added++;
		mk_alloc_fail_reset();
		assert_int_equal(k.incidents, (int64_t)added);
		/* what was counted stays sorted */
		for (size_t c = 1; c < k.ncategories; c++)
			assert_true(strcmp(k.categories[c - 1].name, k.categories[c].name) < 0);
		mk_kpi_release(&k);
		if (rc == MK_OK) {
			assert_int_equal(added, count);
			break;
		}
		assert_int_equal(rc, MK_ENOMEM);
	}
	assert_int_equal(n, 12); /* six distinct categories, two allocations each */
	for (size_t i = 0; i < count; i++)
		mk_incident_release(&incs[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_kpi_init_is_all_zero),
		UNIT_TEST(test_kpi_exercises_are_left_out),
		UNIT_TEST(test_kpi_counts_categories_sorted_by_name),
		UNIT_TEST(test_kpi_counts_priority_phase_privacy_and_citizen_impact),
		UNIT_TEST(test_kpi_durations_min_avg_max),
		UNIT_TEST(test_kpi_average_rounds_half_up),
		UNIT_TEST(test_kpi_add_out_of_memory_counts_nothing),
		UNIT_TEST(test_kpi_fault_loop_over_many_categories_leaks_nothing),
	};
	return cmocka_run_group_tests_name("kpi", tests, NULL, NULL);
}
