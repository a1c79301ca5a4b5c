/* Time as one quantity: mk_time, seconds since 1970-01-01T00:00:00Z (UTC,
 * no leap seconds). Storage and arithmetic are always UTC; people see
 * Europe/Amsterdam. The Amsterdam rules are computed here, not read from
 * the system's tz database, so that deadlines are the same on every machine
 * and the core needs no I/O. A test compares them with tzdata. */
#ifndef MK_BASE_TIME_H
#define MK_BASE_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/rc.h"

typedef int64_t mk_time;

/* "Unknown": any timestamp of an incident may be unknown (DESIGN.md). */
#define MK_TIME_UNKNOWN INT64_MIN

#define MK_MINUTE ((mk_time)60)
#define MK_HOUR ((mk_time)3600)
#define MK_DAY ((mk_time)86400)
#define MK_WEEK ((mk_time)604800)

/* The range meldkamer accepts for any timestamp: 1970-01-01 up to, not
 * including, 2100-01-01. Anything outside is a typing error (1900, 2200). */
#define MK_TIME_MIN ((mk_time)0)
#define MK_TIME_MAX ((mk_time)4102444800) /* 2100-01-01T00:00:00Z */

/* A broken-down date and time (proleptic Gregorian calendar). */
struct mk_civil {
	int year, month, day;      /* month 1-12, day 1-31 */
	int hour, minute, second;  /* 0-23, 0-59, 0-59 */
};

/* Seconds of c read as UTC. Does not check ranges; see mk_civil_valid. */
mk_time mk_time_from_civil(const struct mk_civil *c);
/* The UTC calendar fields of t. */
void mk_time_to_civil(mk_time t, struct mk_civil *ret_civil);
/* True if the fields name a real date and time (30 February is not). */
bool mk_civil_valid(const struct mk_civil *c);
/* Days in a month of a year. */
int mk_days_in_month(int year, int month);

/* Europe/Amsterdam: UTC offset in seconds at instant t: 3600 (CET) or
 * 7200 (CEST). Summer time runs from the last Sunday of March 01:00 UTC to
 * the last Sunday of October 01:00 UTC (EU rule since 1996; from 1981 to
 * 1995 it ended on the last Sunday of September; from 1977 to 1980 it ran
 * from the first Sunday of April to the last Sunday of September, in 1978
 * to 1 October; before 1977 there was none). */
int mk_amsterdam_offset(mk_time t);

/* The Amsterdam wall-clock fields of t. */
void mk_time_to_local(mk_time t, struct mk_civil *ret_civil);

/* The instant at which Amsterdam clocks show c. A wall time that occurs
 * twice (the October hour 02:00-03:00) resolves to the first (CEST)
 * occurrence; one that does not occur (March 02:00-03:00) is MK_EINVAL. */
enum mk_rc mk_time_from_local(const struct mk_civil *c, mk_time *ret_time,
			      struct mk_error *err);

/* Same wall-clock time `days` calendar days later in Amsterdam (a "week"
 * across a DST change is 167 or 169 hours). For a wall time that falls in
 * the spring gap, the result moves forward by the gap. */
mk_time mk_time_add_local_days(mk_time t, int days);
/* Same wall-clock date and time `years` later in Amsterdam; 29 February
 * becomes 28 February in a year without it. */
mk_time mk_time_add_local_years(mk_time t, int years);

/* Parses ISO 8601 / RFC 3339: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.f]]"
 * (a space may replace the T) with an optional "Z" or "+HH:MM"/"+HHMM"
 * offset. Without an offset the text is Amsterdam wall-clock time; a date
 * alone is its 00:00. Fractions of a second are dropped. Checks the range
 * MK_TIME_MIN..MK_TIME_MAX. The field name goes into err. */
enum mk_rc mk_time_parse(const char *s, const char *field, mk_time *ret_time,
			 struct mk_error *err);

/* Formats: "2026-10-27T10:00:00Z" (UTC, for JSON and the logbook) and
 * "2026-10-27 11:00 CET" (Amsterdam, for people). buf must hold
 * MK_TIME_TEXT bytes. MK_TIME_UNKNOWN formats as "-". Returns buf. */
#define MK_TIME_TEXT 32
char *mk_time_format_utc(mk_time t, char *buf);
char *mk_time_format_local(mk_time t, char *buf);

/* A duration for people: "3d 04:05:06", "45m 10s"; negative with "-". */
char *mk_duration_format(mk_time seconds, char *buf);

#endif
