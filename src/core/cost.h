/* Time and cost of an incident (Bijlage 1 step 7.1: "Verzamel alle
 * tijdschrijfregels ... De totale kosten kunnen mogelijk van belang zijn
 * indien er een rechtszaak komt tegen een verdachte, omdat deze dan
 * verhaald kunnen worden").
 *
 * Money is an int64 of euro cents, never a floating-point number. The
 * rounding rule (doc/closure.md):
 *   - each time entry costs minutes x hourly rate / 60, rounded to whole
 *     cents, half a cent up (95 min at 87.50 EUR/h = 138.541666... =
 *     138.54 EUR; 1 min at 0.30 EUR/h = 0.5 ct = 0.01 EUR);
 *   - every total is the sum of the rounded entries, so the totals per
 *     role, per person and per activity all add up to the same grand
 *     total, to the cent. */
#ifndef MK_CORE_COST_H
#define MK_CORE_COST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/rc.h"
#include "base/time.h"
#include "core/vocab.h"

/* One entry may cover at most a day; a longer stretch is several entries
 * (one per day), so the record says when the work was done. */
#define MK_TIME_ENTRY_MINUTES_MAX 1440
/* 100 000.00 EUR an hour: far above any real rate, small enough that no
 * sum of a realistic register overflows. */
#define MK_RATE_CENTS_MAX 10000000
/* One other cost at most 1 000 000 000.00 EUR. */
#define MK_COST_CENTS_MAX 100000000000LL
/* A text form of cents: "-92233720368547758.08", or the Dutch form with
 * its euro sign and thousands points ("-€ 92.233.720.368.547.758,08"), and
 * the NUL. */
#define MK_CENTS_TEXT 48

enum mk_activity {
	MK_ACTIVITY_ANALYSE,
	MK_ACTIVITY_INDAMMEN,
	MK_ACTIVITY_HERSTEL,
	MK_ACTIVITY_COMMUNICATIE,
	MK_ACTIVITY_OVERLEG,
	MK_ACTIVITY_COORDINATIE,
	MK_ACTIVITY_FORENSISCH,
	MK_ACTIVITY_DOCUMENTATIE,
	MK_ACTIVITY_EVALUATIE,
	MK_ACTIVITY_OVERIG,
	MK_ACTIVITY_COUNT
};

enum mk_cost_kind {
	MK_COST_FORENSISCH, /* an external forensics invoice */
	MK_COST_HARDWARE,   /* replaced equipment */
	MK_COST_SOFTWARE,   /* licences, tools */
	MK_COST_EXTERN,     /* other outside help (supplier, MSSP) */
	MK_COST_JURIDISCH,  /* legal advice */
	MK_COST_OVERIG,
	MK_COST_KIND_COUNT
};

const char *mk_activity_name(enum mk_activity a);
enum mk_rc mk_activity_parse(const char *s, const char *field, enum mk_activity *ret,
			     struct mk_error *err);
const char *mk_cost_kind_name(enum mk_cost_kind k);
enum mk_rc mk_cost_kind_parse(const char *s, const char *field, enum mk_cost_kind *ret,
			      struct mk_error *err);

/* A time entry. Strings are borrowed. */
struct mk_time_entry {
	int64_t id;             /* 0 until stored */
	const char *person;     /* required, one line */
	enum mk_role role;      /* whose hourly rate applies */
	enum mk_activity activity;
	char worked_on[11];     /* Amsterdam date "YYYY-MM-DD" */
	mk_time started_at;     /* or MK_TIME_UNKNOWN: only the date is known */
	int minutes;            /* 1..MK_TIME_ENTRY_MINUTES_MAX */
	const char *note;       /* optional */
	const char *entered_by;
	mk_time entered_at;
};

/* Checks an entry before it is stored: person, minutes in range, the
 * note, and when the work was done: started_at (if known) sets worked_on
 * to its Amsterdam date; otherwise worked_on must be a real date. Work
 * may not start after now, nor end more than a day after now. Errors
 * name the field (person, minutes, start, date, note). */
enum mk_rc mk_time_entry_check(struct mk_time_entry *e, mk_time now, struct mk_error *err);

/* The cost of minutes at rate_cents an hour, rounded as above. Both
 * arguments must be in range (checked by the callers' checks). */
int64_t mk_cost_of_minutes(int minutes, int64_t rate_cents);

/* Parses an amount of euros: digits with an optional decimal point or
 * comma and one or two decimals ("87.50", "87,5", "1250"); no sign, no
 * thousands separators, no currency sign. At most max cents. Errors name
 * field. */
enum mk_rc mk_cents_parse(const char *s, const char *field, int64_t max, int64_t *ret,
			  struct mk_error *err);
/* "138.54" (point, no thousands separators: for JSON and the CLI).
 * Returns buf (MK_CENTS_TEXT). */
char *mk_cents_format(int64_t cents, char *buf);
/* "€ 1.234,56" (Dutch: point for thousands, comma for decimals). */
char *mk_cents_format_nl(int64_t cents, char *buf);

/* The cost report, built entry by entry. Groups are kept in the order
 * first seen; the lists are small (a few people, roles, activities). */
struct mk_cost_group {
	char *name;       /* owned */
	int64_t minutes;
	int64_t cents;
};

struct mk_cost_groups {
	struct mk_cost_group *items;
	size_t count, cap;
};

struct mk_cost_report {
	struct mk_cost_groups by_role, by_person, by_activity, by_kind;
	int64_t minutes;       /* all time entries */
	int64_t time_cents;    /* their cost */
	int64_t other_cents;   /* the other costs */
	int64_t total_cents;   /* time_cents + other_cents */
	size_t entries;        /* time entries counted */
	size_t unrated;        /* entries of a role without a rate (cost 0) */
	bool missing_rate[MK_ROLE_COUNT]; /* roles that had entries but no rate */
};

void mk_cost_report_init(struct mk_cost_report *r);
void mk_cost_report_release(struct mk_cost_report *r);
/* Adds one time entry at rate_cents an hour (negative: the role has no
 * rate; counted with cost 0 and noted in missing_rate). MK_ENOMEM. */
enum mk_rc mk_cost_report_add_time(struct mk_cost_report *r, const struct mk_time_entry *e,
				   int64_t rate_cents);
/* Adds one other cost. MK_ENOMEM. */
enum mk_rc mk_cost_report_add_other(struct mk_cost_report *r, enum mk_cost_kind kind,
				    int64_t cents);

#endif
