/* The clocks of DESIGN.md "Deadlines", computed to the second.
 *
 *  clock        start        due
 *  golden hour  detected_at  +1 hour (H3 "Gouden uur")
 *  AP           aware_at     +72 hours, for a data breach (AVG art. 33)
 *  subjects     aware_at     +7 days, target (Bijlage 1: "binnen een week")
 *  (aware_at: the breach record's, or detected_at while there is none)
 *  evaluation   closed_at    between +2 and +6 weeks (Bijlage 1 step 7)
 *  retention    closed_at    kept at least 3 years (H3 "Logging")
 *
 * Hours are elapsed time: the AP clock runs through nights, weekends and
 * DST changes. Days, weeks and years are Amsterdam calendar time: "a week
 * later" is the same wall-clock time seven days on, which across a DST
 * change is 167 or 169 hours. doc/deadlines.md explains both choices. */
#ifndef MK_CORE_DEADLINE_H
#define MK_CORE_DEADLINE_H

#include <stdbool.h>

#include "base/time.h"

enum mk_clock {
	MK_CLOCK_GOLDEN_HOUR,
	MK_CLOCK_AP,
	MK_CLOCK_SUBJECTS,
	MK_CLOCK_EVALUATION,
	MK_CLOCK_RETENTION,
	MK_CLOCK_COUNT
};

#define MK_GOLDEN_HOUR_S MK_HOUR
#define MK_AP_DEADLINE_S (72 * MK_HOUR)
#define MK_SUBJECTS_DAYS 7
#define MK_EVALUATION_FIRST_DAYS 14
#define MK_EVALUATION_LAST_DAYS 42
#define MK_RETENTION_YEARS 3

enum mk_deadline_state {
	MK_DEADLINE_NOT_APPLICABLE, /* no start yet, or the clock does not apply */
	MK_DEADLINE_NOT_YET,        /* a window that has not opened (evaluation) */
	MK_DEADLINE_RUNNING,        /* started, not met, now <= due */
	MK_DEADLINE_OVERDUE,        /* not met and now > due */
	MK_DEADLINE_MET,            /* met at or before due */
	MK_DEADLINE_MET_LATE,       /* met after due */
	MK_DEADLINE_ENDED,          /* a period that simply ran out (golden hour, retention) */
	MK_DEADLINE_STATE_COUNT
};

/* What the clocks need to know. Unknown times are MK_TIME_UNKNOWN. */
struct mk_deadline_facts {
	mk_time detected_at;
	mk_time closed_at;
	bool personal_data;           /* a possible data breach: AP and subject clocks run */
	mk_time ap_notified_at;       /* first notification to the AP */
	mk_time subjects_informed_at;
	mk_time evaluated_at;         /* evaluation meeting held */
	/* The breach record (core/breach.h), when there is one: its aware_at
	 * starts the AP and subject clocks instead of detected_at; a risk
	 * assessed as geen needs no AP notification (art. 33(1)) and a
	 * decision not to inform ends the subject clock (art. 34(3)). */
	bool has_breach;
	mk_time breach_aware_at;
	bool ap_not_required;
	bool subjects_not_required;
};

struct mk_deadline {
	enum mk_clock clock;
	mk_time start;
	mk_time opens;   /* a window's first moment; = start for the others */
	mk_time due;
	mk_time met_at;  /* MK_TIME_UNKNOWN if not met */
	enum mk_deadline_state state;
};

/* Computes every clock at instant now into ret[MK_CLOCK_COUNT]. */
void mk_deadlines_compute(const struct mk_deadline_facts *facts, mk_time now,
			  struct mk_deadline ret[MK_CLOCK_COUNT]);

/* The evaluation window of an incident closed at closed_at: the meeting
 * goes between opens (+2 weeks) and due (+6 weeks), Amsterdam days. Both
 * the clock above and the check on a proposed meeting date
 * (core/evaluation.h) use it. */
void mk_evaluation_window(mk_time closed_at, mk_time *ret_opens, mk_time *ret_due);

/* When the retention of an incident closed at closed_at ends after
 * `years` (MK_RETENTION_YEARS at least; Amsterdam calendar years): from
 * that second on it may be purged. */
mk_time mk_retention_end(mk_time closed_at, int years);

/* True for states a person must act on: running or overdue obligations
 * (the golden hour counts while it runs). */
bool mk_deadline_is_pending(const struct mk_deadline *d);

const char *mk_clock_name(enum mk_clock c);  /* "golden-hour", "ap-72h", ... */
const char *mk_clock_label(enum mk_clock c); /* Dutch label */
const char *mk_deadline_state_name(enum mk_deadline_state s);

#endif
