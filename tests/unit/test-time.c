/* base/time: civil <-> epoch, the Europe/Amsterdam rules, local time in
 * both directions, parsing, formatting and calendar arithmetic.
 *
 * Run with --tzdata, the same executable compares mk_amsterdam_offset and
 * mk_time_to_local with the system's tz database over 1970-2099 (the whole
 * range meldkamer accepts), and exits 77 (skipped) when that database is
 * missing. All expected instants below were computed outside meldkamer
 * with python3 (calendar.timegm, zoneinfo "Europe/Amsterdam"). */
#include "unit.h"

#include <time.h>

#include "base/time.h"

/* The test is the one place that must ask the system's time zone
 * database: it checks the rule-based Amsterdam time against it.
 * base/banned.h bans localtime_r for meldkamer code (which must not depend
 * on the machine's zone files), so lift the ban here only. */
#undef localtime_r

static void expect_civil(const struct mk_civil *c, int y, int mo, int d, int h, int mi, int s)
{
	if (c->year != y || c->month != mo || c->day != d || c->hour != h || c->minute != mi ||
	    c->second != s)
		fail_msg("got %04d-%02d-%02d %02d:%02d:%02d, expected %04d-%02d-%02d %02d:%02d:%02d",
			 c->year, c->month, c->day, c->hour, c->minute, c->second, y, mo, d, h, mi,
			 s);
}

/* ---- civil <-> epoch ---------------------------------------------------- */

static const struct {
	struct mk_civil c;
	int64_t t;
} civil_cases[] = {
	{{1970, 1, 1, 0, 0, 0}, 0},
	{{1969, 12, 31, 23, 59, 59}, -1},
	{{2000, 2, 29, 12, 34, 56}, 951827696},
	{{2024, 2, 29, 0, 0, 0}, 1709164800},
	{{1900, 3, 1, 0, 0, 0}, -2203891200},   /* 1900 is no leap year */
	{{1904, 2, 29, 0, 0, 0}, -2077747200},
	{{1600, 2, 29, 0, 0, 0}, -11670998400}, /* divisible by 400: leap */
	{{2100, 3, 1, 0, 0, 0}, 4107542400},
	{{2100, 1, 1, 0, 0, 0}, 4102444800},    /* MK_TIME_MAX */
	{{2400, 2, 29, 0, 0, 0}, 13574563200},
	{{1, 1, 1, 0, 0, 0}, -62135596800},
	{{9999, 12, 31, 23, 59, 59}, 253402300799},
	{{1968, 5, 24, 12, 0, 0}, -50673600},
	{{2026, 10, 27, 10, 0, 0}, 1793095200},
};

static void test_time_civil_round_trips_exact_values(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(civil_cases) / sizeof(civil_cases[0]); i++) {
		const struct mk_civil *c = &civil_cases[i].c;
		assert_int_equal(mk_time_from_civil(c), civil_cases[i].t);
		struct mk_civil back;
		mk_time_to_civil(civil_cases[i].t, &back);
		expect_civil(&back, c->year, c->month, c->day, c->hour, c->minute, c->second);
	}
	assert_int_equal(MK_TIME_MAX, 4102444800);
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Every day from 1600 to 2400, walked with the Gregorian rule written out
 * here, must be one day (86400 s) after the one before and round-trip. */
static void test_time_every_day_1600_to_2400_is_consecutive(void **state)
{
	(void)state;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	struct mk_civil c = {1600, 1, 1, 0, 0, 0};
	int64_t t = mk_time_from_civil(&c);
	while (c.year <= 2400) {
		struct mk_civil back;
		mk_time_to_civil(t, &back);
		expect_civil(&back, c.year, c.month, c.day, 0, 0, 0);
		assert_int_equal(mk_time_from_civil(&c), t);
		int dim = mdays[c.month - 1] + (c.month == 2 && leap(c.year));
		assert_int_equal(mk_days_in_month(c.year, c.month), dim);
		if (++c.day > dim) {
			c.day = 1;
			if (++c.month > 12) {
				c.month = 1;
				c.year++;
			}
		}
		t += 86400;
	}
}

static void test_time_to_civil_of_negative_seconds_floors(void **state)
{
	(void)state;
	struct mk_civil c;
	mk_time_to_civil(-1, &c);
	expect_civil(&c, 1969, 12, 31, 23, 59, 59);
	mk_time_to_civil(-86400, &c);
	expect_civil(&c, 1969, 12, 31, 0, 0, 0);
	mk_time_to_civil(-86401, &c);
	expect_civil(&c, 1969, 12, 30, 23, 59, 59);
}

static void test_time_to_civil_survives_the_extremes(void **state)
{
	(void)state;
	/* MK_TIME_UNKNOWN is INT64_MIN: breaking it down must not overflow
	 * (the sanitizer build checks); the fields are meaningless. */
	struct mk_civil c;
	mk_time_to_civil(MK_TIME_UNKNOWN, &c);
	assert_in_range(c.hour, 0, 23);
	assert_in_range(c.second, 0, 59);
	mk_time_to_civil(INT64_MAX, &c);
	assert_in_range(c.hour, 0, 23);
	/* -9223372036854775808 = -106751991167301 days + 30592 s (08:29:52). */
	mk_time_to_civil(MK_TIME_UNKNOWN, &c);
	assert_int_equal(c.hour, 8);
	assert_int_equal(c.minute, 29);
	assert_int_equal(c.second, 52);
	assert_int_equal(mk_amsterdam_offset(MK_TIME_UNKNOWN), 3600);
}

static void test_time_days_in_month_follow_the_leap_rule(void **state)
{
	(void)state;
	assert_int_equal(mk_days_in_month(1900, 2), 28);
	assert_int_equal(mk_days_in_month(2000, 2), 29);
	assert_int_equal(mk_days_in_month(2023, 2), 28);
	assert_int_equal(mk_days_in_month(2024, 2), 29);
	assert_int_equal(mk_days_in_month(2100, 2), 28);
	assert_int_equal(mk_days_in_month(2026, 4), 30);
	assert_int_equal(mk_days_in_month(2026, 12), 31);
	assert_int_equal(mk_days_in_month(2026, 0), 0);
	assert_int_equal(mk_days_in_month(2026, 13), 0);
}

static void test_time_civil_valid_refuses_impossible_fields(void **state)
{
	(void)state;
	static const struct {
		struct mk_civil c;
		bool valid;
	} cases[] = {
		{{2024, 2, 29, 12, 0, 0}, true},
		{{2000, 2, 29, 0, 0, 0}, true},
		{{2026, 2, 29, 0, 0, 0}, false},
		{{1900, 2, 29, 0, 0, 0}, false},
		{{2026, 2, 30, 0, 0, 0}, false},
		{{2026, 4, 31, 0, 0, 0}, false},
		{{2026, 12, 31, 23, 59, 59}, true},
		{{2026, 1, 0, 0, 0, 0}, false},
		{{2026, 0, 1, 0, 0, 0}, false},
		{{2026, 13, 1, 0, 0, 0}, false},
		{{2026, 1, 1, 24, 0, 0}, false},
		{{2026, 1, 1, 0, 60, 0}, false},
		{{2026, 1, 1, 0, 0, 60}, false}, /* no leap seconds */
		{{2026, 1, 1, -1, 0, 0}, false},
		{{0, 1, 1, 0, 0, 0}, false},
		{{1, 1, 1, 0, 0, 0}, true},
		{{9999, 12, 31, 0, 0, 0}, true},
		{{10000, 1, 1, 0, 0, 0}, false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (mk_civil_valid(&cases[i].c) != cases[i].valid)
			fail_msg("case %zu: expected %s", i, cases[i].valid ? "valid" : "invalid");
}

/* ---- the Amsterdam rules ------------------------------------------------ */

/* Each switch instant (01:00 UTC on the switch day): one second before has
 * the old offset, the instant itself the new one. */
static const struct {
	const char *what;
	int64_t at;
	int before, after;
} switches[] = {
	{"1977 start: first Sunday of April, 3 April", 228877200, 3600, 7200},
	{"1977 end: last Sunday of September, 25 September", 243997200, 7200, 3600},
	{"1978 start: 2 April", 260326800, 3600, 7200},
	{"1978 end: 1 October (not the last Sunday of September)", 276051600, 7200, 3600},
	{"1979 start: 1 April", 291776400, 3600, 7200},
	{"1979 end: 30 September", 307501200, 7200, 3600},
	{"1980 start: 6 April", 323830800, 3600, 7200},
	{"1980 end: 28 September", 338950800, 7200, 3600},
	{"1981 start: last Sunday of March, 29 March", 354675600, 3600, 7200},
	{"1981 end: last Sunday of September, 27 September", 370400400, 7200, 3600},
	{"1990 end: 30 September", 654656400, 7200, 3600},
	{"1995 end: 24 September, the last September end", 811904400, 7200, 3600},
	{"1996 start: 31 March", 828234000, 3600, 7200},
	{"1996 end: last Sunday of October, 27 October", 846378000, 7200, 3600},
	{"2000 start: 26 March (leap year)", 954032400, 3600, 7200},
	{"2026 start: 29 March", 1774746000, 3600, 7200},
	{"2026 end: 25 October", 1792890000, 7200, 3600},
	{"2037 start: 29 March", 2121901200, 3600, 7200},
	{"2037 end: 25 October", 2140045200, 7200, 3600},
	{"2099 start: 29 March", 4078429200, 3600, 7200},
	{"2099 end: 25 October", 4096573200, 7200, 3600},
};

static void test_time_amsterdam_offset_switches_at_0100_utc(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(switches) / sizeof(switches[0]); i++) {
		int before = mk_amsterdam_offset(switches[i].at - 1);
		int after = mk_amsterdam_offset(switches[i].at);
		if (before != switches[i].before || after != switches[i].after)
			fail_msg("%s: offsets %d/%d, expected %d/%d", switches[i].what, before, after,
				 switches[i].before, switches[i].after);
	}
}

static void test_time_amsterdam_offset_outside_the_switches(void **state)
{
	(void)state;
	assert_int_equal(mk_amsterdam_offset(0), 3600);             /* 1970-01-01 */
	assert_int_equal(mk_amsterdam_offset(205070400), 3600);     /* 1976-07-01 12:00Z: no DST yet */
	assert_int_equal(mk_amsterdam_offset(812548800), 3600);     /* 1995-10-01 12:00Z: September end */
	assert_int_equal(mk_amsterdam_offset(844171200), 7200);     /* 1996-10-01 12:00Z: October end */
	assert_int_equal(mk_amsterdam_offset(1782900000), 7200);    /* 2026-07-01 10:00Z */
	assert_int_equal(mk_amsterdam_offset(1768474800), 3600);    /* 2026-01-15 11:00Z */
	assert_int_equal(mk_amsterdam_offset(1767225599), 3600);    /* 2025-12-31 23:59:59Z */
	assert_int_equal(mk_amsterdam_offset(4102444799), 3600);    /* 2099-12-31 23:59:59Z */
}

static void test_time_to_local_shows_the_wall_clock(void **state)
{
	(void)state;
	struct mk_civil c;
	mk_time_to_local(1792889999, &c); /* 2026-10-25 00:59:59Z */
	expect_civil(&c, 2026, 10, 25, 2, 59, 59);
	mk_time_to_local(1792890000, &c); /* 01:00:00Z: clocks go back */
	expect_civil(&c, 2026, 10, 25, 2, 0, 0);
	mk_time_to_local(1774745999, &c); /* 2026-03-29 00:59:59Z */
	expect_civil(&c, 2026, 3, 29, 1, 59, 59);
	mk_time_to_local(1774746000, &c); /* 01:00:00Z: clocks go forward */
	expect_civil(&c, 2026, 3, 29, 3, 0, 0);
	mk_time_to_local(1767225599, &c); /* 2025-12-31 23:59:59Z: new year in Amsterdam */
	expect_civil(&c, 2026, 1, 1, 0, 59, 59);
}

static void test_time_from_local_resolves_wall_times(void **state)
{
	(void)state;
	static const struct {
		struct mk_civil c;
		int64_t t;
	} cases[] = {
		{{2026, 7, 1, 12, 0, 0}, 1782900000},   /* CEST */
		{{2026, 1, 15, 12, 0, 0}, 1768474800},  /* CET */
		{{2026, 10, 24, 12, 0, 0}, 1792836000},
		/* the repeated October hour: the first (CEST) occurrence */
		{{2026, 10, 25, 2, 0, 0}, 1792886400},
		{{2026, 10, 25, 2, 30, 0}, 1792888200},
		{{2026, 10, 25, 2, 59, 59}, 1792889999},
		{{2026, 10, 25, 1, 59, 59}, 1792886399},
		{{2026, 10, 25, 3, 0, 0}, 1792893600},
		{{1978, 10, 1, 2, 30, 0}, 276049800},
		/* around the March gap */
		{{2026, 3, 29, 1, 59, 59}, 1774745999},
		{{2026, 3, 29, 3, 0, 0}, 1774746000},
		{{1970, 1, 1, 1, 0, 0}, 0},
		{{1970, 1, 1, 0, 0, 0}, -3600},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t t = 0;
		struct mk_error e;
		if (mk_time_from_local(&cases[i].c, &t, &e) != MK_OK)
			fail_msg("case %zu: %s", i, e.message);
		assert_int_equal(t, cases[i].t);
	}
}

static void test_time_from_local_refuses_the_march_gap(void **state)
{
	(void)state;
	static const struct mk_civil gap[] = {
		{2026, 3, 29, 2, 0, 0},
		{2026, 3, 29, 2, 30, 0},
		{2026, 3, 29, 2, 59, 59},
		{1996, 3, 31, 2, 15, 0},
	};
	for (size_t i = 0; i < sizeof(gap) / sizeof(gap[0]); i++) {
		int64_t t = 12345;
		struct mk_error e;
		assert_int_equal(mk_time_from_local(&gap[i], &t, &e), MK_EINVAL);
		assert_int_equal(t, 12345); /* ret_ only on success */
	}
	struct mk_error e;
	int64_t t;
	mk_time_from_local(&gap[1], &t, &e);
	assert_string_equal(e.message, "2026-03-29 02:30 does not exist in Amsterdam: the clocks "
				       "move forward that night");
	assert_int_equal(mk_time_from_local(&gap[0], &t, NULL), MK_EINVAL);
}

/* Every quarter hour of 2026: local and back is the same instant, except
 * the second pass through the October hour, which resolves to the first. */
static void test_time_local_round_trip_over_a_year(void **state)
{
	(void)state;
	const int64_t start = 1767222000; /* 2025-12-31T23:00:00Z = 2026-01-01 00:00 CET */
	const int64_t end = 1798758000;   /* 2026-12-31T23:00:00Z */
	const int64_t repeat_start = 1792890000, repeat_end = 1792893600; /* 01:00Z-02:00Z */
	for (int64_t t = start; t < end; t += 900) {
		struct mk_civil c;
		mk_time_to_local(t, &c);
		int64_t back;
		assert_int_equal(mk_time_from_local(&c, &back, NULL), MK_OK);
		int64_t expected = t >= repeat_start && t < repeat_end ? t - 3600 : t;
		if (back != expected)
			fail_msg("%lld came back as %lld", (long long)t, (long long)back);
	}
}

/* ---- parsing ------------------------------------------------------------ */

static const struct {
	const char *text;
	int64_t t;
} parse_ok[] = {
	{"2026-10-24T10:00:00Z", 1792836000},
	{"2026-10-24t10:00:00z", 1792836000},
	{"2026-10-24T10:00Z", 1792836000},
	{"2026-10-24T12:00:00+02:00", 1792836000},
	{"2026-10-24T12:00:00+0200", 1792836000},
	{"2026-10-24T12:00+02:00", 1792836000},
	{"2026-10-24T05:00:00-05:00", 1792836000},
	{"2026-10-24T10:00:00+00:00", 1792836000},
	{"2026-10-24T10:00:00-00:00", 1792836000},
	{"2026-10-24T10:00:00.123Z", 1792836000},  /* fractions are dropped */
	{"2026-10-24T10:00:00,999999999Z", 1792836000},
	{"2026-10-24 12:00", 1792836000},          /* Amsterdam wall time, CEST */
	{"2026-10-24 12:00:00", 1792836000},
	{"2026-10-24T12:00:00.5", 1792836000},
	{"2026-10-24", 1792792800},                /* local midnight = 22:00Z the day before */
	{"2026-01-15", 1768431600},                /* local midnight in winter = 23:00Z */
	{"2026-10-25 02:30", 1792888200},          /* repeated hour: first occurrence */
	{"2026-10-25 03:00", 1792893600},
	{"2024-02-29T00:00:00Z", 1709164800},
	{"1970-01-01T00:00:00Z", 0},               /* MK_TIME_MIN */
	{"1970-01-01 01:00", 0},
	{"2099-12-31T23:59:59Z", 4102444799},      /* the last accepted second */
	{"2099-12-31 23:59", 4102441140},
	{"2100-01-01T00:30:00+01:00", 4102443000},
	/* The range is UTC (MK_TIME_MIN..MK_TIME_MAX): Amsterdam's midnight
	 * of 1 January 2100 is still 2099 in UTC, 1 January 1970 is not. */
	{"2100-01-01", 4102441200},
};

static void test_time_parse_accepts_iso_8601_forms(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(parse_ok) / sizeof(parse_ok[0]); i++) {
		int64_t t = -7;
		struct mk_error e;
		if (mk_time_parse(parse_ok[i].text, "at", &t, &e) != MK_OK)
			fail_msg("'%s' refused: %s", parse_ok[i].text, e.message);
		if (t != parse_ok[i].t)
			fail_msg("'%s' gave %lld, expected %lld", parse_ok[i].text, (long long)t,
				 (long long)parse_ok[i].t);
	}
}

static void test_time_parse_accepts_64_characters_but_not_65(void **state)
{
	(void)state;
	char s[80];
	/* "2026-10-24T10:00:00." (20) + 43 digits + "Z" = 64 characters */
	snprintf(s, sizeof(s), "2026-10-24T10:00:00.%s", "1234567890123456789012345678901234567890123Z");
	assert_int_equal(strlen(s), 64);
	int64_t t = 0;
	assert_int_equal(mk_time_parse(s, "at", &t, NULL), MK_OK);
	assert_int_equal(t, 1792836000);
	snprintf(s, sizeof(s), "2026-10-24T10:00:00.%s", "12345678901234567890123456789012345678901234Z");
	assert_int_equal(strlen(s), 65);
	assert_int_equal(mk_time_parse(s, "at", &t, NULL), MK_EINVAL);
}

static void test_time_parse_refuses_malformed_text_naming_the_field(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "garbage", "2026", "2026-10", "2026-1-24", "26-10-24", "2026/10/24",
		"2026-10-24T", "2026-10-24T10", "2026-10-24T10:0", "2026-10-24T1:00",
		"2026-10-24T10:00:", "2026-10-24T10:00:0", "2026-10-24T10:00:00.",
		"2026-10-24T10:00:00.Z", "2026-10-24T10:00.5", " 2026-10-24", "2026-10-24 ",
		"2026-10-24x", "2026-10-24Z", "+2026-10-24", "2026-10-24T10:00:00ZZ",
		"2026-10-24T10:00:00+", "2026-10-24T10:00:00+2", "2026-10-24T10:00:00+02:0",
		"2026-10-24T10:00:00+24:00", "2026-10-24T10:00:00+02:60", "2026-10-24T10:00:00 Z",
		"2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-10-00",
		"2026-10-24T24:00", "2026-10-24T10:60", "2026-10-24T10:00:60Z",
		"0000-01-01", "２０２６-10-24", "2026-10-24\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t t = 42;
		struct mk_error e;
		if (mk_time_parse(bad[i], "detected_at", &t, &e) != MK_EINVAL)
			fail_msg("'%s' was accepted", bad[i]);
		assert_int_equal(t, 42);
		assert_string_equal(e.field, "detected_at");
	}
	struct mk_error e;
	int64_t t;
	mk_time_parse("garbage", "detected_at", &t, &e);
	assert_string_equal(e.message,
			    "detected_at 'garbage' is not a date and time: use ISO 8601, e.g. "
			    "'2026-10-24 12:00' (Amsterdam time) or '2026-10-24T10:00:00Z'");
	assert_int_equal(mk_time_parse(NULL, "detected_at", &t, &e), MK_EINVAL);
	assert_string_equal(e.message,
			    "detected_at '' is not a date and time: use ISO 8601, e.g. "
			    "'2026-10-24 12:00' (Amsterdam time) or '2026-10-24T10:00:00Z'");
}

static void test_time_parse_refuses_years_outside_1970_2099(void **state)
{
	(void)state;
	static const char *const out[] = {
		"1900-01-01", "1969-12-31T23:59:59Z", "1970-01-01", /* local midnight is 1969 in UTC */
		"2100-01-01T00:00:00Z", "2100-01-01 01:00", "2200-01-01", "9999-12-31T23:59:59Z",
	};
	for (size_t i = 0; i < sizeof(out) / sizeof(out[0]); i++) {
		int64_t t = 42;
		struct mk_error e;
		if (mk_time_parse(out[i], "occurred_at", &t, &e) != MK_EINVAL)
			fail_msg("'%s' was accepted", out[i]);
		assert_int_equal(t, 42);
		assert_string_equal(e.field, "occurred_at");
	}
	struct mk_error e;
	int64_t t;
	mk_time_parse("2200-01-01", "occurred_at", &t, &e);
	assert_string_equal(e.message, "occurred_at '2200-01-01' is out of range: meldkamer accepts "
				       "times from 1970 up to 2099");
}

static void test_time_parse_refuses_the_march_gap(void **state)
{
	(void)state;
	int64_t t = 42;
	struct mk_error e;
	assert_int_equal(mk_time_parse("2026-03-29 02:30", "detected_at", &t, &e), MK_EINVAL);
	assert_int_equal(t, 42);
	assert_string_equal(e.field, "detected_at");
	assert_string_equal(e.message, "detected_at: 2026-03-29 02:30 does not exist in Amsterdam: "
				       "the clocks move forward that night");
	/* With an offset it is a plain instant. */
	assert_int_equal(mk_time_parse("2026-03-29T02:30:00+01:00", "detected_at", &t, &e), MK_OK);
	assert_int_equal(t, 1774747800);
}

/* ---- formatting --------------------------------------------------------- */

static void test_time_format_utc_and_local(void **state)
{
	(void)state;
	static const struct {
		int64_t t;
		const char *utc, *local;
	} cases[] = {
		{1793095200, "2026-10-27T10:00:00Z", "2026-10-27 11:00 CET"},
		{1782900000, "2026-07-01T10:00:00Z", "2026-07-01 12:00 CEST"},
		{1792889999, "2026-10-25T00:59:59Z", "2026-10-25 02:59 CEST"},
		{1792890000, "2026-10-25T01:00:00Z", "2026-10-25 02:00 CET"},
		{1774745999, "2026-03-29T00:59:59Z", "2026-03-29 01:59 CET"},
		{1774746000, "2026-03-29T01:00:00Z", "2026-03-29 03:00 CEST"},
		{0, "1970-01-01T00:00:00Z", "1970-01-01 01:00 CET"},
		{-1, "1969-12-31T23:59:59Z", "1970-01-01 00:59 CET"},
		{4102444799, "2099-12-31T23:59:59Z", "2100-01-01 00:59 CET"},
		{MK_TIME_UNKNOWN, "-", "-"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[MK_TIME_TEXT];
		assert_ptr_equal(mk_time_format_utc(cases[i].t, buf), buf);
		assert_string_equal(buf, cases[i].utc);
		assert_ptr_equal(mk_time_format_local(cases[i].t, buf), buf);
		assert_string_equal(buf, cases[i].local);
	}
}

static void test_time_format_utc_parses_back(void **state)
{
	(void)state;
	for (int64_t t = 0; t < MK_TIME_MAX; t += 86399 * 37) {
		char buf[MK_TIME_TEXT];
		int64_t back;
		assert_int_equal(mk_time_parse(mk_time_format_utc(t, buf), "t", &back, NULL), MK_OK);
		assert_int_equal(back, t);
	}
}

static void test_time_duration_format(void **state)
{
	(void)state;
	static const struct {
		int64_t s;
		const char *text;
	} cases[] = {
		{0, "0m 00s"},
		{59, "0m 59s"},
		{45 * 60 + 10, "45m 10s"},
		{3599, "59m 59s"},
		{3600, "1h 00m"},
		{3600 + 5 * 60 + 59, "1h 05m"},
		{86399, "23h 59m"},
		{86400, "1d 00:00:00"},
		{3 * 86400 + 4 * 3600 + 5 * 60 + 6, "3d 04:05:06"},
		{72 * 3600, "3d 00:00:00"},
		{-70, "-1m 10s"},
		{-(3 * 86400 + 4 * 3600 + 5 * 60 + 6), "-3d 04:05:06"},
		{INT64_MAX, "106751991167300d 15:30:07"},
		{INT64_MIN, "-106751991167300d 15:30:08"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[MK_TIME_TEXT];
		assert_ptr_equal(mk_duration_format(cases[i].s, buf), buf);
		assert_string_equal(buf, cases[i].text);
	}
}

/* ---- calendar arithmetic ------------------------------------------------ */

static void test_time_add_local_days_keeps_the_wall_clock(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		int64_t from;
		int days;
		int64_t to;
	} cases[] = {
		{"a week across the October change is 169 h", 1792490400, 7, 1793098800},
		{"a week across the March change is 167 h", 1774436400, 7, 1775037600},
		{"zero days", 1792836000, 0, 1792836000},
		{"back a week across October", 1793098800, -7, 1792490400},
		{"into the March gap moves forward by the gap", 1774661400, 1, 1774747800},
		{"into the repeated hour takes the first", 1792801800, 1, 1792888200},
		{"leap day plus a year of days", 1709204400, 366, 1740826800},
		{"across the new year", 1767178800, 1, 1767265200},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t got = mk_time_add_local_days(cases[i].from, cases[i].days);
		if (got != cases[i].to)
			fail_msg("%s: got %lld, expected %lld", cases[i].what, (long long)got,
				 (long long)cases[i].to);
	}
	assert_int_equal(mk_time_add_local_days(1792490400, 7) - 1792490400, 169 * 3600);
	assert_int_equal(mk_time_add_local_days(1774436400, 7) - 1774436400, 167 * 3600);
}

static void test_time_add_local_years_handles_29_february(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		int64_t from;
		int years;
		int64_t to;
	} cases[] = {
		{"2024-02-29 12:00 + 3 = 2027-02-28 12:00", 1709204400, 3, 1803812400},
		{"2024-02-29 12:00 + 4 = 2028-02-29 12:00", 1709204400, 4, 1835434800},
		{"2024-02-29 12:00 - 1 = 2023-02-28 12:00", 1709204400, -1, 1677582000},
		{"2024-07-01 12:00 CEST + 1", 1719828000, 1, 1751364000},
		{"zero years", 1709204400, 0, 1709204400},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t got = mk_time_add_local_years(cases[i].from, cases[i].years);
		if (got != cases[i].to)
			fail_msg("%s: got %lld, expected %lld", cases[i].what, (long long)got,
				 (long long)cases[i].to);
	}
}

/* ---- comparison with the system's tz database (--tzdata) --------------- */

static int sys_offset(int64_t t, struct tm *ret_tm)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm))
		fail_msg("localtime_r failed at %lld", (long long)t);
	if (ret_tm)
		*ret_tm = tm;
	return (int)tm.tm_gmtoff;
}

static void compare_at(int64_t t)
{
	struct tm tm;
	int sys = sys_offset(t, &tm);
	int ours = mk_amsterdam_offset(t);
	if (ours != sys) {
		char buf[MK_TIME_TEXT];
		fail_msg("%s: mk_amsterdam_offset %d, tzdata %d", mk_time_format_utc(t, buf), ours,
			 sys);
	}
	struct mk_civil c;
	mk_time_to_local(t, &c);
	expect_civil(&c, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		     tm.tm_sec);
}

/* Samples every 6 hours from 1970 to 2100, and at every change of the
 * system's offset bisects to the exact second and compares on both sides
 * of it. Between samples at most one change happens, so agreement on both
 * sides of each exact change means agreement everywhere. */
static void test_time_amsterdam_offset_matches_tzdata_1970_2099(void **state)
{
	(void)state;
	const int64_t step = 6 * 3600;
	int transitions = 0;
	int64_t prev_t = MK_TIME_MIN;
	int prev = sys_offset(prev_t, NULL);
	compare_at(prev_t);
	for (int64_t t = MK_TIME_MIN + step; t < MK_TIME_MAX; t += step) {
		int now = sys_offset(t, NULL);
		compare_at(t);
		if (now != prev) {
			int64_t lo = prev_t, hi = t; /* offset(lo) = prev, offset(hi) = now */
			while (hi - lo > 1) {
				int64_t mid = lo + (hi - lo) / 2;
				if (sys_offset(mid, NULL) == prev)
					lo = mid;
				else
					hi = mid;
			}
			compare_at(hi - 1);
			compare_at(hi);
			/* Every change happens at 01:00 UTC. */
			assert_int_equal(((hi % 86400) + 86400) % 86400, 3600);
			transitions++;
		}
		prev = now;
		prev_t = t;
	}
	/* Two changes a year from 1977 through 2099. */
	assert_int_equal(transitions, 2 * (2099 - 1977 + 1));
}

static int tzdata_available(void)
{
	if (setenv("TZ", "Europe/Amsterdam", 1) != 0)
		return 0;
	tzset();
	/* Without the zone file glibc silently falls back to UTC. 2026-07-01
	 * 10:00Z must be CEST, 1977-07-01 12:00Z too. */
	return sys_offset(1782900000, NULL) == 7200 && sys_offset(236606400, NULL) == 7200;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--tzdata") == 0) {
		if (!tzdata_available()) {
			fprintf(stderr, "SKIP: no tz database entry for Europe/Amsterdam (install "
					"tzdata) - cannot compare the Amsterdam rules with it\n");
			return 77;
		}
		const struct CMUnitTest tz[] = {
			UNIT_TEST(test_time_amsterdam_offset_matches_tzdata_1970_2099),
		};
		return cmocka_run_group_tests_name("time-tzdata", tz, NULL, NULL);
	}
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_time_civil_round_trips_exact_values),
		UNIT_TEST(test_time_every_day_1600_to_2400_is_consecutive),
		UNIT_TEST(test_time_to_civil_of_negative_seconds_floors),
		UNIT_TEST(test_time_to_civil_survives_the_extremes),
		UNIT_TEST(test_time_days_in_month_follow_the_leap_rule),
		UNIT_TEST(test_time_civil_valid_refuses_impossible_fields),
		UNIT_TEST(test_time_amsterdam_offset_switches_at_0100_utc),
		UNIT_TEST(test_time_amsterdam_offset_outside_the_switches),
		UNIT_TEST(test_time_to_local_shows_the_wall_clock),
		UNIT_TEST(test_time_from_local_resolves_wall_times),
		UNIT_TEST(test_time_from_local_refuses_the_march_gap),
		UNIT_TEST(test_time_local_round_trip_over_a_year),
		UNIT_TEST(test_time_parse_accepts_iso_8601_forms),
		UNIT_TEST(test_time_parse_accepts_64_characters_but_not_65),
		UNIT_TEST(test_time_parse_refuses_malformed_text_naming_the_field),
		UNIT_TEST(test_time_parse_refuses_years_outside_1970_2099),
		UNIT_TEST(test_time_parse_refuses_the_march_gap),
		UNIT_TEST(test_time_format_utc_and_local),
		UNIT_TEST(test_time_format_utc_parses_back),
		UNIT_TEST(test_time_duration_format),
		UNIT_TEST(test_time_add_local_days_keeps_the_wall_clock),
		UNIT_TEST(test_time_add_local_years_handles_29_february),
	};
	return cmocka_run_group_tests_name("time", tests, NULL, NULL);
}
