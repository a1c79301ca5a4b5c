/* core/cost: time entries, euro amounts in cents and the cost report,
 * with the rounding rule stated in core/cost.h: each entry rounded to
 * whole cents, half a cent up; totals are sums of rounded entries. */
#include "unit.h"

#include "base/limits.h"
#include "core/cost.h"

#define NOW ((mk_time)1792837800) /* 2026-10-24T10:30:00Z = 12:30 CEST */

static void test_cost_95_minutes_at_87_50_is_138_54(void **state)
{
	(void)state;
	/* 95 x 8750 / 60 = 13854.1666... */
	assert_int_equal(mk_cost_of_minutes(95, 8750), 13854);
	/* Exactly half a cent rounds up: 1 min at 0.30 EUR/h = 0.5 ct. */
	assert_int_equal(mk_cost_of_minutes(1, 30), 1);
	/* Just below half rounds down: 1 min at 0.29 EUR/h = 0.4833 ct. */
	assert_int_equal(mk_cost_of_minutes(1, 29), 0);
	assert_int_equal(mk_cost_of_minutes(60, 8750), 8750);
	assert_int_equal(mk_cost_of_minutes(1440, MK_RATE_CENTS_MAX), 240000000);
	assert_int_equal(mk_cost_of_minutes(7, 0), 0);
	char buf[MK_CENTS_TEXT];
	assert_string_equal(mk_cents_format(13854, buf), "138.54");
	assert_string_equal(mk_cents_format(5, buf), "0.05");
	assert_string_equal(mk_cents_format(0, buf), "0.00");
	assert_string_equal(mk_cents_format(-1250, buf), "-12.50");
	assert_string_equal(mk_cents_format_nl(123456789, buf), "\xe2\x82\xac 1.234.567,89");
	assert_string_equal(mk_cents_format_nl(13854, buf), "\xe2\x82\xac 138,54");
	assert_string_equal(mk_cents_format_nl(100000, buf), "\xe2\x82\xac 1.000,00");
}

static void test_cost_amounts_parse_in_whole_cents(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int64_t cents;
	} ok[] = {
		{"87.50", 8750}, {"87,50", 8750}, {"87,5", 8750}, {"87", 8700},
		{"0.01", 1}, {"0", 0}, {"1250.00", 125000}, {"100000", 10000000},
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int64_t c = -1;
		struct mk_error e;
		if (mk_cents_parse(ok[i].in, "rate", MK_RATE_CENTS_MAX, &c, &e))
			fail_msg("'%s': %s", ok[i].in, e.message);
		assert_int_equal(c, ok[i].cents);
	}
	static const struct {
		const char *in, *message;
	} bad[] = {
		{"", "rate is empty"},
		{"87.505", "rate '87.505' has more than two decimals: amounts are in whole cents"},
		{"-5", "rate '-5' is not an amount in euros (like 87.50 or 87,50)"},
		{"1.000,00", "rate '1.000,00' is not an amount in euros (like 87.50 or 87,50)"},
		{"12.", "rate '12.' is not an amount in euros (like 87.50 or 87,50)"},
		{".5", "rate '.5' is not an amount in euros (like 87.50 or 87,50)"},
		{"EUR 5", "rate 'EUR 5' is not an amount in euros (like 87.50 or 87,50)"},
		{"1e3", "rate '1e3' is not an amount in euros (like 87.50 or 87,50)"},
		{"100000.01", "rate '100000.01' is above the maximum of 100000.00 EUR"},
		{"9999999999999999999", "rate '9999999999999999999' is too large"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t c = 42;
		struct mk_error e;
		assert_int_equal(mk_cents_parse(bad[i].in, "rate", MK_RATE_CENTS_MAX, &c, &e),
				 MK_EINVAL);
		assert_string_equal(e.field, "rate");
		assert_string_equal(e.message, bad[i].message);
		assert_int_equal(c, 42);
	}
}

static struct mk_time_entry entry(void)
{
	struct mk_time_entry e = {
		.person = "Thijs Jansen",
		.role = MK_ROLE_BEHANDELAAR,
		.activity = MK_ACTIVITY_ANALYSE,
		.started_at = MK_TIME_UNKNOWN,
		.minutes = 95,
	};
	return e;
}

static void test_cost_time_entry_checks_name_the_field(void **state)
{
	(void)state;
	struct mk_error e;
	struct mk_time_entry t = entry();
	t.started_at = NOW - 3600;
	assert_int_equal(mk_time_entry_check(&t, NOW, &e), MK_OK);
	assert_string_equal(t.worked_on, "2026-10-24");
	/* Late in the evening UTC is the next day in Amsterdam. */
	t.started_at = 1792879200; /* 2026-10-24T22:00:00Z = 25 Oct 00:00 CEST */
	assert_int_equal(mk_time_entry_check(&t, NOW + MK_DAY, &e), MK_OK);
	assert_string_equal(t.worked_on, "2026-10-25");

	t = entry();
	assert_int_equal(mk_time_entry_check(&t, NOW, &e), MK_EINVAL);
	assert_string_equal(e.field, "date");
	assert_string_equal(e.message, "a time entry needs when the work was done: a start or a date");
	snprintf(t.worked_on, sizeof(t.worked_on), "2026-02-30");
	assert_int_equal(mk_time_entry_check(&t, NOW, &e), MK_EINVAL);
	assert_string_equal(e.message, "date '2026-02-30' is not a date (YYYY-MM-DD, 1970 to 2099)");
	snprintf(t.worked_on, sizeof(t.worked_on), "2026-10-25");
	assert_int_equal(mk_time_entry_check(&t, NOW, &e), MK_EINVAL);
	assert_string_equal(e.message, "date '2026-10-25' lies in the future");
	snprintf(t.worked_on, sizeof(t.worked_on), "2026-10-24");
	assert_int_equal(mk_time_entry_check(&t, NOW, &e), MK_OK);

	t.started_at = NOW + 1;
	assert_int_equal(mk_time_entry_check(&t, NOW, &e), MK_EINVAL);
	assert_string_equal(e.field, "start");
	assert_string_equal(e.message, "the work cannot start in the future");

	t = entry();
	snprintf(t.worked_on, sizeof(t.worked_on), "2026-10-24");
	t.minutes = 0;
	assert_int_equal(mk_time_entry_check(&t, NOW, &e), MK_EINVAL);
	assert_string_equal(e.field, "minutes");
	assert_string_equal(e.message, "minutes must be 1 to 1440 (one entry per day), not 0");
	t.minutes = 1441;
	assert_int_equal(mk_time_entry_check(&t, NOW, &e), MK_EINVAL);
	t.minutes = 1440;
	assert_int_equal(mk_time_entry_check(&t, NOW, &e), MK_OK);

	t.person = "  ";
	assert_int_equal(mk_time_entry_check(&t, NOW, &e), MK_EINVAL);
	assert_string_equal(e.message, "person is empty");
	t.person = "Thijs\nJansen";
	assert_int_equal(mk_time_entry_check(&t, NOW, &e), MK_EINVAL);
	assert_string_equal(e.field, "person");
	t.person = "Thijs \xff";
	assert_int_equal(mk_time_entry_check(&t, NOW, &e), MK_EINVAL);
	assert_string_equal(e.message, "person is not valid UTF-8 (at byte 6)");
	t.person = "Thijs";
	char note[MK_SHORT_TEXT_MAX + 2];
	memset(note, 'n', sizeof(note) - 1);
	note[sizeof(note) - 1] = '\0';
	t.note = note;
	assert_int_equal(mk_time_entry_check(&t, NOW, &e), MK_ETOOBIG);
	assert_string_equal(e.field, "note");
}

static void test_cost_vocabularies_parse_and_name_the_known(void **state)
{
	(void)state;
	enum mk_activity a;
	enum mk_cost_kind k;
	struct mk_error e;
	assert_int_equal(mk_activity_parse("communicatie", "activity", &a, &e), MK_OK);
	assert_int_equal(a, MK_ACTIVITY_COMMUNICATIE);
	assert_string_equal(mk_activity_name(MK_ACTIVITY_INDAMMEN), "indammen");
	assert_int_equal(mk_activity_parse("koffie", "activity", &a, &e), MK_EINVAL);
	assert_string_equal(e.message, "unknown activity 'koffie' (known: analyse, indammen, herstel, "
				       "communicatie, overleg, coordinatie, forensisch, documentatie, "
				       "evaluatie, overig)");
	assert_int_equal(mk_cost_kind_parse("hardware", "kind", &k, &e), MK_OK);
	assert_int_equal(k, MK_COST_HARDWARE);
	assert_int_equal(mk_cost_kind_parse("HARDWARE", "kind", &k, &e), MK_EINVAL);
	assert_string_equal(e.message, "unknown kind 'HARDWARE' (known: forensisch, hardware, "
				       "software, extern, juridisch, overig)");
}

/* Three entries whose per-entry rounding differs from rounding the sum:
 * 3 x 1 min at 0.30 EUR/h = 3 x 1 ct = 3 ct (the sum, 1.5 ct, would be 2). */
static void test_cost_report_totals_are_sums_of_rounded_entries(void **state)
{
	(void)state;
	struct mk_cost_report r;
	mk_cost_report_init(&r);
	struct mk_time_entry t = entry();
	assert_int_equal(mk_cost_report_add_time(&r, &t, 8750), MK_OK); /* 138.54 */
	t.person = "Mark de Groot";
	t.role = MK_ROLE_INCIDENTMANAGER;
	t.activity = MK_ACTIVITY_OVERLEG;
	t.minutes = 1;
	for (int i = 0; i < 3; i++)
		assert_int_equal(mk_cost_report_add_time(&r, &t, 30), MK_OK);
	t.role = MK_ROLE_FG;
	t.minutes = 30;
	assert_int_equal(mk_cost_report_add_time(&r, &t, -1), MK_OK); /* no rate */
	assert_int_equal(mk_cost_report_add_other(&r, MK_COST_FORENSISCH, 484000), MK_OK);
	assert_int_equal(mk_cost_report_add_other(&r, MK_COST_HARDWARE, 129900), MK_OK);
	assert_int_equal(mk_cost_report_add_other(&r, MK_COST_FORENSISCH, 100), MK_OK);

	assert_int_equal(r.entries, 5);
	assert_int_equal(r.minutes, 95 + 3 + 30);
	assert_int_equal(r.time_cents, 13854 + 3);
	assert_int_equal(r.other_cents, 484000 + 129900 + 100);
	assert_int_equal(r.total_cents, 13857 + 614000);
	assert_int_equal(r.unrated, 1);
	assert_true(r.missing_rate[MK_ROLE_FG]);
	assert_false(r.missing_rate[MK_ROLE_INCIDENTMANAGER]);

	assert_int_equal(r.by_role.count, 3);
	assert_string_equal(r.by_role.items[0].name, "behandelaar");
	assert_int_equal(r.by_role.items[0].cents, 13854);
	assert_string_equal(r.by_role.items[1].name, "incidentmanager");
	assert_int_equal(r.by_role.items[1].minutes, 3);
	assert_int_equal(r.by_role.items[1].cents, 3);
	assert_string_equal(r.by_role.items[2].name, "fg");
	assert_int_equal(r.by_role.items[2].cents, 0);
	assert_int_equal(r.by_person.count, 2);
	assert_string_equal(r.by_person.items[1].name, "Mark de Groot");
	assert_int_equal(r.by_person.items[1].minutes, 33);
	assert_int_equal(r.by_activity.count, 2);
	assert_string_equal(r.by_activity.items[1].name, "overleg");
	assert_int_equal(r.by_kind.count, 2);
	assert_string_equal(r.by_kind.items[0].name, "forensisch");
	assert_int_equal(r.by_kind.items[0].cents, 484100);
	/* Every breakdown adds up to the same time total. */
	int64_t sums[3] = {0};
	const struct mk_cost_groups *g[3] = {&r.by_role, &r.by_person, &r.by_activity};
	for (int i = 0; i < 3; i++)
		for (size_t j = 0; j < g[i]->count; j++)
			sums[i] += g[i]->items[j].cents;
	assert_int_equal(sums[0], r.time_cents);
	assert_int_equal(sums[1], r.time_cents);
	assert_int_equal(sums[2], r.time_cents);
	mk_cost_report_release(&r);
}

static void test_cost_report_out_of_memory_frees_everything(void **state)
{
	(void)state;
	enum mk_rc rc;
	for (long n = 0;; n++) {
		struct mk_cost_report r;
		mk_cost_report_init(&r);
		struct mk_time_entry t = entry();
		mk_alloc_fail_after(n);
		rc = mk_cost_report_add_time(&r, &t, 8750);
		if (rc == MK_OK)
			rc = mk_cost_report_add_other(&r, MK_COST_EXTERN, 5);
		mk_alloc_fail_reset();
		mk_cost_report_release(&r);
		if (rc == MK_OK)
			break;
		assert_int_equal(rc, MK_ENOMEM);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_cost_95_minutes_at_87_50_is_138_54),
		UNIT_TEST(test_cost_amounts_parse_in_whole_cents),
		UNIT_TEST(test_cost_time_entry_checks_name_the_field),
		UNIT_TEST(test_cost_vocabularies_parse_and_name_the_known),
		UNIT_TEST(test_cost_report_totals_are_sums_of_rounded_entries),
		UNIT_TEST(test_cost_report_out_of_memory_frees_everything),
	};
	return cmocka_run_group_tests_name("cost", tests, NULL, NULL);
}
