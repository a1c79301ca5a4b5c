/* Retention and purge (DESIGN.md "Deadlines": incident records and their
 * logs are kept at least 3 years after closed_at; purge only after, and
 * never under legal hold). Which incidents a purge may take and when a
 * purge list is refused; the store does the deleting (doc/closure.md). */
#ifndef MK_CORE_RETENTION_H
#define MK_CORE_RETENTION_H

#include <stdbool.h>
#include <stddef.h>

#include "base/rc.h"
#include "base/time.h"

/* A purge never reaches further back than a century: a larger number
 * is a typing error. */
#define MK_PURGE_YEARS_MAX 100
#define MK_HOLD_REASON_MAX 1000

/* Checks --before-years: MK_RETENTION_YEARS (3) to MK_PURGE_YEARS_MAX;
 * fewer would break the retention rule (MK_EINVAL naming before-years). */
enum mk_rc mk_purge_years_check(int years, struct mk_error *err);

/* True if an incident closed at closed_at may be purged at now after
 * `years`: it is closed and its retention has ended (now is at or past
 * mk_retention_end, to the second). */
bool mk_purge_due(mk_time closed_at, int years, mk_time now);

/* One incident a purge would take. */
struct mk_purge_candidate {
	const char *key;
	mk_time closed_at;
	bool held;           /* under legal hold */
	bool child_kept;     /* has a sub-incident that is not in the list */
	bool named;          /* named by the person (explicit list) */
	bool due;            /* mk_purge_due */
};

/* Checks a purge list as a whole: a held incident, one whose retention
 * has not ended or one with a sub-incident outside the list refuses the
 * whole list (MK_ECONFLICT naming every such key), so a purge never
 * takes part of what the person approved. An empty list is MK_ENOTFOUND
 * ("nothing to purge"). */
enum mk_rc mk_purge_list_check(const struct mk_purge_candidate *c, size_t n,
			       struct mk_error *err);

/* Checks a legal hold's reason: required, one paragraph of at most
 * MK_HOLD_REASON_MAX bytes. */
enum mk_rc mk_hold_reason_check(const char *reason, struct mk_error *err);

#endif
