/* Deadline computation. Pure: the current time is an argument. */
#include "core/deadline.h"

static const char *const clock_names[MK_CLOCK_COUNT] = {
	"golden-hour", "ap-72h", "subjects-7d", "evaluation", "retention",
};

static const char *const clock_labels[MK_CLOCK_COUNT] = {
	"Gouden uur",
	"Melding aan de AP (72 uur)",
	"Informeren betrokkenen (7 dagen)",
	"Evaluatie (2 tot 6 weken na afsluiten)",
	"Bewaartermijn (3 jaar na afsluiten)",
};

static const char *const state_names[MK_DEADLINE_STATE_COUNT] = {
	"n/a", "not-yet", "running", "overdue", "met", "met-late", "ended",
};

const char *mk_clock_name(enum mk_clock c)
{
	return (unsigned)c < MK_CLOCK_COUNT ? clock_names[c] : "?";
}

const char *mk_clock_label(enum mk_clock c)
{
	return (unsigned)c < MK_CLOCK_COUNT ? clock_labels[c] : "?";
}

const char *mk_deadline_state_name(enum mk_deadline_state s)
{
	return (unsigned)s < MK_DEADLINE_STATE_COUNT ? state_names[s] : "?";
}

/* An obligation: met (on time or late), running or overdue. */
static enum mk_deadline_state obligation(mk_time opens, mk_time due, mk_time met_at,
					 mk_time now)
{
	if (met_at != MK_TIME_UNKNOWN)
		return met_at <= due ? MK_DEADLINE_MET : MK_DEADLINE_MET_LATE;
	if (now < opens)
		return MK_DEADLINE_NOT_YET;
	return now <= due ? MK_DEADLINE_RUNNING : MK_DEADLINE_OVERDUE;
}

static void set(struct mk_deadline *d, enum mk_clock clock, mk_time start, mk_time opens,
		mk_time due, mk_time met_at, enum mk_deadline_state state)
{
	d->clock = clock;
	d->start = start;
	d->opens = opens;
	d->due = due;
	d->met_at = met_at;
	d->state = state;
}

static void not_applicable(struct mk_deadline *d, enum mk_clock clock)
{
	set(d, clock, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN,
	    MK_DEADLINE_NOT_APPLICABLE);
}

void mk_deadlines_compute(const struct mk_deadline_facts *f, mk_time now,
			  struct mk_deadline ret[MK_CLOCK_COUNT])
{
	mk_time detected = f->detected_at, closed = f->closed_at;

	if (detected == MK_TIME_UNKNOWN) {
		not_applicable(&ret[MK_CLOCK_GOLDEN_HOUR], MK_CLOCK_GOLDEN_HOUR);
	} else {
		mk_time due = detected + MK_GOLDEN_HOUR_S;
		set(&ret[MK_CLOCK_GOLDEN_HOUR], MK_CLOCK_GOLDEN_HOUR, detected, detected, due,
		    MK_TIME_UNKNOWN, now <= due ? MK_DEADLINE_RUNNING : MK_DEADLINE_ENDED);
	}

	/* The breach clocks run from the moment of becoming aware (AVG art.
	 * 33(1) "kennisname"): the breach record's aware_at, or detected_at
	 * while the breach is not yet recorded. */
	mk_time aware = f->has_breach && f->breach_aware_at != MK_TIME_UNKNOWN ? f->breach_aware_at
										: detected;
	if ((f->personal_data || f->has_breach) && aware != MK_TIME_UNKNOWN) {
		mk_time due = aware + MK_AP_DEADLINE_S;
		/* A notification filed stops the clock even where the risk was
		 * later judged geen: it was filed. */
		if (f->ap_not_required && f->ap_notified_at == MK_TIME_UNKNOWN)
			not_applicable(&ret[MK_CLOCK_AP], MK_CLOCK_AP);
		else
			set(&ret[MK_CLOCK_AP], MK_CLOCK_AP, aware, aware, due, f->ap_notified_at,
			    obligation(aware, due, f->ap_notified_at, now));
		due = mk_time_add_local_days(aware, MK_SUBJECTS_DAYS);
		if (f->subjects_not_required && f->subjects_informed_at == MK_TIME_UNKNOWN)
			not_applicable(&ret[MK_CLOCK_SUBJECTS], MK_CLOCK_SUBJECTS);
		else
			set(&ret[MK_CLOCK_SUBJECTS], MK_CLOCK_SUBJECTS, aware, aware, due,
			    f->subjects_informed_at,
			    obligation(aware, due, f->subjects_informed_at, now));
	} else {
		not_applicable(&ret[MK_CLOCK_AP], MK_CLOCK_AP);
		not_applicable(&ret[MK_CLOCK_SUBJECTS], MK_CLOCK_SUBJECTS);
	}

	if (closed == MK_TIME_UNKNOWN) {
		not_applicable(&ret[MK_CLOCK_EVALUATION], MK_CLOCK_EVALUATION);
		not_applicable(&ret[MK_CLOCK_RETENTION], MK_CLOCK_RETENTION);
	} else {
		mk_time opens, due;
		mk_evaluation_window(closed, &opens, &due);
		set(&ret[MK_CLOCK_EVALUATION], MK_CLOCK_EVALUATION, closed, opens, due,
		    f->evaluated_at, obligation(opens, due, f->evaluated_at, now));
		due = mk_retention_end(closed, MK_RETENTION_YEARS);
		set(&ret[MK_CLOCK_RETENTION], MK_CLOCK_RETENTION, closed, closed, due,
		    MK_TIME_UNKNOWN, now < due ? MK_DEADLINE_RUNNING : MK_DEADLINE_ENDED);
	}
}

void mk_evaluation_window(mk_time closed_at, mk_time *ret_opens, mk_time *ret_due)
{
	*ret_opens = mk_time_add_local_days(closed_at, MK_EVALUATION_FIRST_DAYS);
	*ret_due = mk_time_add_local_days(closed_at, MK_EVALUATION_LAST_DAYS);
}

mk_time mk_retention_end(mk_time closed_at, int years)
{
	return mk_time_add_local_years(closed_at, years);
}

bool mk_deadline_is_pending(const struct mk_deadline *d)
{
	if (d->clock == MK_CLOCK_RETENTION)
		return false;
	return d->state == MK_DEADLINE_RUNNING || d->state == MK_DEADLINE_OVERDUE;
}
