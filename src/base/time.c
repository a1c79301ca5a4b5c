/* Calendar arithmetic and the Europe/Amsterdam rules.
 *
 * Days from civil and back use the era-based algorithms described by
 * Howard Hinnant ("chrono-Compatible Low-Level Date Algorithms"); they are
 * exact for the proleptic Gregorian calendar without tables. */
#include "base/time.h"

#include <stdio.h>
#include <string.h>

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;                                   /* [0, 399] */
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *ret_y, int *ret_m, int *ret_d)
{
	z += 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*ret_y = (int)(y + (m <= 2));
	*ret_m = m;
	*ret_d = d;
}

mk_time mk_time_from_civil(const struct mk_civil *c)
{
	return days_from_civil(c->year, c->month, c->day) * MK_DAY +
	       c->hour * MK_HOUR + c->minute * MK_MINUTE + c->second;
}

void mk_time_to_civil(mk_time t, struct mk_civil *ret_civil)
{
	/* The remainder is taken directly rather than as t - days * MK_DAY,
	 * which overflows for t near INT64_MIN (MK_TIME_UNKNOWN). */
	int64_t days = floor_div(t, MK_DAY);
	int64_t secs = t % MK_DAY;
	if (secs < 0)
		secs += MK_DAY;
	civil_from_days(days, &ret_civil->year, &ret_civil->month, &ret_civil->day);
	ret_civil->hour = (int)(secs / 3600);
	ret_civil->minute = (int)(secs % 3600 / 60);
	ret_civil->second = (int)(secs % 60);
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int mk_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12)
		return 0;
	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

bool mk_civil_valid(const struct mk_civil *c)
{
	return c->year >= 1 && c->year <= 9999 && c->month >= 1 && c->month <= 12 &&
	       c->day >= 1 && c->day <= mk_days_in_month(c->year, c->month) &&
	       c->hour >= 0 && c->hour <= 23 && c->minute >= 0 && c->minute <= 59 &&
	       c->second >= 0 && c->second <= 59;
}

/* 01:00 UTC on the last Sunday of the month. */
static mk_time last_sunday_0100_utc(int year, int month)
{
	int last = mk_days_in_month(year, month);
	int64_t days = days_from_civil(year, month, last);
	/* 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) mod 7. */
	int64_t weekday = ((days + 4) % 7 + 7) % 7;
	return (days - weekday) * MK_DAY + MK_HOUR;
}

/* 01:00 UTC on the first Sunday of the month. */
static mk_time first_sunday_0100_utc(int year, int month)
{
	int64_t days = days_from_civil(year, month, 1);
	int64_t weekday = ((days + 4) % 7 + 7) % 7;
	return (days + (7 - weekday) % 7) * MK_DAY + MK_HOUR;
}

int mk_amsterdam_offset(mk_time t)
{
	struct mk_civil c;
	mk_time_to_civil(t, &c);
	mk_time start, end;
	if (c.year < 1977)
		return 3600;
	if (c.year <= 1980) {
		/* The first years of summer time in the Netherlands (the EC
		 * rules of 1977-1980, as in tzdata): from the first Sunday of
		 * April to the last Sunday of September, except 1978, which
		 * ended on 1 October. */
		start = first_sunday_0100_utc(c.year, 4);
		end = c.year == 1978 ? days_from_civil(1978, 10, 1) * MK_DAY + MK_HOUR
				     : last_sunday_0100_utc(c.year, 9);
	} else {
		start = last_sunday_0100_utc(c.year, 3);
		end = last_sunday_0100_utc(c.year, c.year >= 1996 ? 10 : 9);
	}
	return t >= start && t < end ? 7200 : 3600;
}

void mk_time_to_local(mk_time t, struct mk_civil *ret_civil)
{
	mk_time_to_civil(t + mk_amsterdam_offset(t), ret_civil);
}

enum mk_rc mk_time_from_local(const struct mk_civil *c, mk_time *ret_time,
			      struct mk_error *err)
{
	mk_time wall = mk_time_from_civil(c);
	/* Try the summer offset first, so that the repeated October hour
	 * resolves to its first occurrence. */
	mk_time summer = wall - 7200, winter = wall - 3600;
	if (mk_amsterdam_offset(summer) == 7200) {
		*ret_time = summer;
		return MK_OK;
	}
	if (mk_amsterdam_offset(winter) == 3600) {
		*ret_time = winter;
		return MK_OK;
	}
	return mk_error_set(err, MK_EINVAL, "",
			    "%04d-%02d-%02d %02d:%02d does not exist in Amsterdam: "
			    "the clocks move forward that night",
			    c->year, c->month, c->day, c->hour, c->minute);
}

/* Wall time to instant for calendar arithmetic: a time in the spring gap
 * moves forward by the gap instead of failing. */
static mk_time local_to_instant_lenient(const struct mk_civil *c)
{
	mk_time t;
	if (mk_time_from_local(c, &t, NULL) == MK_OK)
		return t;
	return mk_time_from_civil(c) - 3600;
}

mk_time mk_time_add_local_days(mk_time t, int days)
{
	struct mk_civil c;
	mk_time_to_local(t, &c);
	int64_t d = days_from_civil(c.year, c.month, c.day) + days;
	civil_from_days(d, &c.year, &c.month, &c.day);
	return local_to_instant_lenient(&c);
}

mk_time mk_time_add_local_years(mk_time t, int years)
{
	struct mk_civil c;
	mk_time_to_local(t, &c);
	c.year += years;
	if (c.day > mk_days_in_month(c.year, c.month))
		c.day = mk_days_in_month(c.year, c.month);
	return local_to_instant_lenient(&c);
}

/* Reads exactly n digits at *p. */
static bool digits(const char **p, int n, int *ret)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		char ch = (*p)[i];
		if (ch < '0' || ch > '9')
			return false;
		v = v * 10 + (ch - '0');
	}
	*p += n;
	*ret = v;
	return true;
}

enum mk_rc mk_time_parse(const char *s, const char *field, mk_time *ret_time,
			 struct mk_error *err)
{
	const char *p = s;
	struct mk_civil c = {0};
	bool has_offset = false;
	int offset = 0;

	if (!s || strlen(s) > 64)
		goto bad;
	if (!digits(&p, 4, &c.year) || *p++ != '-' || !digits(&p, 2, &c.month) ||
	    *p++ != '-' || !digits(&p, 2, &c.day))
		goto bad;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (!digits(&p, 2, &c.hour) || *p++ != ':' || !digits(&p, 2, &c.minute))
			goto bad;
		if (*p == ':') {
			p++;
			if (!digits(&p, 2, &c.second))
				goto bad;
			if (*p == '.' || *p == ',') {
				p++;
				if (*p < '0' || *p > '9')
					goto bad;
				while (*p >= '0' && *p <= '9')
					p++;
			}
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
			has_offset = true;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1, oh, om;
			if (!digits(&p, 2, &oh))
				goto bad;
			if (*p == ':')
				p++;
			if (!digits(&p, 2, &om) || oh > 23 || om > 59)
				goto bad;
			has_offset = true;
			offset = sign * (oh * 3600 + om * 60);
		}
	}
	if (*p != '\0' || !mk_civil_valid(&c))
		goto bad;

	mk_time t;
	if (has_offset) {
		t = mk_time_from_civil(&c) - offset;
	} else {
		struct mk_error local_err;
		if (mk_time_from_local(&c, &t, &local_err) != MK_OK)
			return mk_error_set(err, MK_EINVAL, field, "%s: %s", field,
					    local_err.message);
	}
	if (t < MK_TIME_MIN || t >= MK_TIME_MAX)
		return mk_error_set(err, MK_EINVAL, field,
				    "%s '%s' is out of range: meldkamer accepts times "
				    "from 1970 up to 2099",
				    field, s);
	*ret_time = t;
	return MK_OK;
bad:
	return mk_error_set(err, MK_EINVAL, field,
			    "%s '%.64s' is not a date and time: use ISO 8601, e.g. "
			    "'2026-10-24 12:00' (Amsterdam time) or '2026-10-24T10:00:00Z'",
			    field, s ? s : "");
}

char *mk_time_format_utc(mk_time t, char *buf)
{
	if (t == MK_TIME_UNKNOWN) {
		snprintf(buf, MK_TIME_TEXT, "-");
		return buf;
	}
	struct mk_civil c;
	mk_time_to_civil(t, &c);
	snprintf(buf, MK_TIME_TEXT, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month,
		 c.day, c.hour, c.minute, c.second);
	return buf;
}

char *mk_time_format_local(mk_time t, char *buf)
{
	if (t == MK_TIME_UNKNOWN) {
		snprintf(buf, MK_TIME_TEXT, "-");
		return buf;
	}
	struct mk_civil c;
	mk_time_to_local(t, &c);
	snprintf(buf, MK_TIME_TEXT, "%04d-%02d-%02d %02d:%02d %s", c.year, c.month, c.day,
		 c.hour, c.minute, mk_amsterdam_offset(t) == 7200 ? "CEST" : "CET");
	return buf;
}

char *mk_duration_format(mk_time seconds, char *buf)
{
	const char *sign = "";
	uint64_t s;
	if (seconds < 0) {
		sign = "-";
		s = (uint64_t)(-(seconds + 1)) + 1;
	} else {
		s = (uint64_t)seconds;
	}
	uint64_t d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60, sec = s % 60;
	if (d > 0)
		snprintf(buf, MK_TIME_TEXT, "%s%llud %02llu:%02llu:%02llu", sign,
			 (unsigned long long)d, (unsigned long long)h,
			 (unsigned long long)m, (unsigned long long)sec);
	else if (h > 0)
		snprintf(buf, MK_TIME_TEXT, "%s%lluh %02llum", sign, (unsigned long long)h,
			 (unsigned long long)m);
	else
		snprintf(buf, MK_TIME_TEXT, "%s%llum %02llus", sign, (unsigned long long)m,
			 (unsigned long long)sec);
	return buf;
}
