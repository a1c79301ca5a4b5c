/* The data-breach duty (AVG art. 33 and 34; DESIGN.md "Data breach";
 * ../shared/AP-MELDING.md): the breach record of an incident with
 * personal data, the life cycle of its notifications to the Autoriteit
 * Persoonsgegevens (AP), and the decision to inform the data subjects.
 *
 * The closed vocabularies (categories of personal data, special
 * categories, groups of persons, nature, cause, risk, channel, the art. 34
 * exceptions) are tables in breach.c: their code names are the values in
 * the database, the CLI and JSON and never change once released. A set of
 * names (categories, groups, nature) is a bit mask in memory and a
 * comma-separated list of code names in text ("naw,email,bsn").
 *
 * Pure rules: no I/O, no clock (now is an argument). doc/breach.md has
 * the decisions behind the notification rules. */
#ifndef MK_CORE_BREACH_H
#define MK_CORE_BREACH_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/rc.h"
#include "base/time.h"

/* --- vocabularies ------------------------------------------------------- */

/* A vocabulary: its code names and Dutch labels, in bit order. */
enum mk_breach_vocab {
	MK_BV_CATEGORY,  /* AP-MELDING §4 categories of personal data */
	MK_BV_SPECIAL,   /* §4 special categories (art. 9 and 10) */
	MK_BV_GROUP,     /* §5 groups of persons */
	MK_BV_NATURE,    /* §3 nature: read, copied, altered, deleted, stolen */
	MK_BV_CAUSE,     /* §3 cause (one) */
	MK_BV_RISK,      /* art. 33/34 risk for the data subjects (one) */
	MK_BV_CHANNEL,   /* how data subjects are informed (one) */
	MK_BV_EXCEPTION, /* why subjects are not informed: art. 34(3) (one) */
	MK_BV_COUNT
};

/* The code name and label of entry i of vocabulary v, or NULL past the
 * last. */
const char *mk_breach_vocab_name(enum mk_breach_vocab v, unsigned i);
const char *mk_breach_vocab_label(enum mk_breach_vocab v, unsigned i);
/* The vocabulary's name as used in messages and JSON ("categories"...). */
const char *mk_breach_vocab_field(enum mk_breach_vocab v);
/* Number of entries. */
unsigned mk_breach_vocab_count(enum mk_breach_vocab v);

/* Parses one code name of v into *ret (an index). An empty or unknown
 * name is MK_EINVAL naming field and listing the allowed names. */
enum mk_rc mk_breach_vocab_parse(enum mk_breach_vocab v, const char *s, const char *field,
				 unsigned *ret, struct mk_error *err);

/* Parses a comma-separated list of code names of v into a bit mask (an
 * empty string is the empty set; spaces around names are allowed; a name
 * twice is fine). Unknown names, empty items ("a,,b") and over-long text
 * are MK_EINVAL naming field. */
enum mk_rc mk_breach_set_parse(enum mk_breach_vocab v, const char *s, const char *field,
			       uint32_t *ret, struct mk_error *err);
/* Appends the set as "a,b,c" in vocabulary order (nothing for the empty
 * set). */
void mk_breach_set_format(enum mk_breach_vocab v, uint32_t set, struct mk_buf *out);
/* The same with the Dutch labels, separated by ", ". */
void mk_breach_set_labels(enum mk_breach_vocab v, uint32_t set, struct mk_buf *out);

/* The category "bsn" (the citizen service number: AP-MELDING §4 marks it
 * apart, and the Wabb limits its use), as a bit. */
uint32_t mk_breach_bsn_bit(void);

enum mk_breach_risk { MK_RISK_UNKNOWN, MK_RISK_GEEN, MK_RISK_LAAG, MK_RISK_HOOG };
enum mk_tristate { MK_TRI_UNKNOWN = -1, MK_TRI_NO = 0, MK_TRI_YES = 1 };

/* --- the breach record ---------------------------------------------------- */

/* One breach, linked to one incident (at most one per incident). Text
 * fields are borrowed or owned by whoever filled the struct (the store's
 * reads own them: mk_breach_release). */
struct mk_breach {
	int64_t id;                 /* 0 until stored */
	int64_t incident_id;
	mk_time aware_at;           /* kennisname: the 72 h and 7 day clocks start here */
	mk_time ended_at;           /* §2: when it ended; UNKNOWN = ongoing or not known */
	char *summary;              /* §3 free text */
	uint32_t nature;            /* MK_BV_NATURE set */
	int cause;                  /* MK_BV_CAUSE index, -1 = not known */
	uint32_t categories;        /* MK_BV_CATEGORY set (bsn included) */
	uint32_t special;           /* MK_BV_SPECIAL set */
	int64_t records;            /* §4 approximate number of records, -1 = unknown */
	uint32_t groups;            /* MK_BV_GROUP set */
	int64_t subjects_min;       /* §5 number of persons, -1 = unknown */
	int64_t subjects_max;       /* >= subjects_min when both known */
	int encrypted;              /* enum mk_tristate: §6 */
	char *encryption;           /* how (required when encrypted) */
	enum mk_breach_risk risk;
	char *risk_reasoning;       /* required once risk is assessed */
	char *consequences;         /* §7 free text */
	char *measures;             /* §8 measures taken to end and mitigate */
	char *fg_name;              /* FG consulted: who ... */
	mk_time fg_consulted_at;    /* ... and when (both or neither) */
	/* The decision to inform data subjects (art. 34). */
	int inform;                 /* enum mk_tristate: not decided, no, yes */
	int inform_exception;       /* MK_BV_EXCEPTION index when no, else -1 */
	char *inform_reason;        /* required for no */
	int inform_channel;         /* MK_BV_CHANNEL index when yes, else -1 */
	mk_time informed_at;        /* when they were informed (yes), UNKNOWN = planned */
	char *inform_by;            /* who recorded the decision */
	mk_time inform_decided_at;
	int64_t version;            /* increases with every change */
	mk_time created_at, updated_at;
};

/* Everything unknown: times UNKNOWN, counts -1, indexes -1. */
void mk_breach_init(struct mk_breach *b);
/* Frees the owned strings and re-initialises. Accepts NULL. */
void mk_breach_release(struct mk_breach *b);

/* Checks a record before it is stored: the texts (UTF-8, lengths), aware_at
 * known, within 1970..2099, not after now and not before detected_at
 * (one cannot be aware of a breach before it was discovered... but the
 * incident may have been registered later: detected_at UNKNOWN skips the
 * check); ended_at not before occurred_at; counts not negative and min <=
 * max; encryption how when encrypted; a reasoning with a risk; fg name and
 * time together. Errors name the field. */
enum mk_rc mk_breach_check(const struct mk_breach *b, mk_time detected_at, mk_time now,
			   struct mk_error *err);

/* The decision to inform the subjects, checked: no needs an art. 34(3)
 * exception and a reason; yes needs a channel, and informed_at (if known)
 * not before aware_at nor after now. Errors name the field. */
enum mk_rc mk_breach_inform_check(const struct mk_breach *b, mk_time now, struct mk_error *err);

/* --- AP notifications ------------------------------------------------------ */

enum mk_ap_kind {
	MK_AP_VOORLOPIG,  /* pre-notification: what is known within 72 h (art. 33(4)) */
	MK_AP_AANVULLING, /* supplement or amendment of an earlier one */
	MK_AP_INTREKKING, /* withdrawal: no notifiable breach after all */
	MK_AP_DEFINITIEF, /* the final, complete notification */
	MK_AP_KIND_COUNT
};

const char *mk_ap_kind_name(enum mk_ap_kind k);
enum mk_rc mk_ap_kind_parse(const char *s, const char *field, enum mk_ap_kind *ret,
			    struct mk_error *err);

/* One submission to the AP, stored append-only. */
struct mk_ap_notification {
	int64_t id;            /* 0 until stored; rows are numbered in filing order */
	enum mk_ap_kind kind;
	mk_time filed_at;
	const char *reference; /* the AP's meldnummer */
	const char *filed_by;
	const char *late_reason; /* why after aware_at + 72 h (art. 33(1)); may be NULL */
};

/* The AP's deadline: aware_at + 72 hours of elapsed time (core/deadline.h,
 * MK_AP_DEADLINE_S), UNKNOWN when aware_at is. */
mk_time mk_breach_ap_due(mk_time aware_at);

/* Whether the next notification n may follow the earlier ones prev[0..nprev)
 * (in filing order) for a breach the controller became aware of at
 * aware_at, at instant now. The rules (doc/breach.md):
 *  - the reference is one line of 1 to 64 visible ASCII characters;
 *  - filed_at is known, not before aware_at, not after now, and not
 *    before the previous notification;
 *  - the first is voorlopig or definitief;
 *  - every later one carries the reference of the first (one AP
 *    meldnummer per breach);
 *  - after intrekking nothing follows; after definitief only aanvulling
 *    or intrekking; a second voorlopig or definitief is refused;
 *  - the first notification filed after aware_at + 72 h needs a non-empty
 *    late_reason (art. 33(1)); later ones complete a notification that
 *    already stands (art. 33(4)) and need none.
 * Malformed input is MK_EINVAL, a refusal by the life cycle MK_ECONFLICT;
 * errors name the field ("kind", "reference", "filed_at", "late_reason"). */
enum mk_rc mk_ap_notification_check(const struct mk_ap_notification *prev, size_t nprev,
				    const struct mk_ap_notification *n, mk_time aware_at,
				    mk_time now, struct mk_error *err);

/* The AP status of a breach after its notifications: "niet gemeld",
 * "voorlopig gemeld", "aangevuld", "ingetrokken", "definitief gemeld". */
const char *mk_ap_status(const struct mk_ap_notification *list, size_t n);
/* The same from a summary: how many, whether one was definitief, whether
 * one was an intrekking (the register reads it that way). */
const char *mk_ap_status_of(int64_t count, bool final, bool withdrawn);

/* Whether an incident with this breach may close (DESIGN.md "Process":
 * afsluiten needs, for a reportable breach, a final or withdrawn AP
 * notification). The risk must be assessed; at risk geen with nothing
 * filed the breach needs no notification; otherwise (risk laag or hoog,
 * or any notification filed) one of the notifications must be definitief
 * or intrekking. MK_ECONFLICT naming "breach" otherwise. */
enum mk_rc mk_breach_close_check(const struct mk_breach *b, int64_t notifications, bool final,
				 bool withdrawn, struct mk_error *err);

/* Logbook texts. */
void mk_breach_log_text(const struct mk_breach *b, bool created, struct mk_buf *out);
void mk_ap_notification_log_text(const struct mk_ap_notification *n, mk_time aware_at,
				 struct mk_buf *out);
void mk_breach_inform_log_text(const struct mk_breach *b, struct mk_buf *out);

#endif
