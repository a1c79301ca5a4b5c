/* The incident record (Bijlage 1 header, Bijlage 4 "Incident Record",
 * DESIGN.md "The incident record") and its validity rules. */
#ifndef MK_CORE_INCIDENT_H
#define MK_CORE_INCIDENT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/rc.h"
#include "base/time.h"
#include "core/impact.h"
#include "core/logbook.h"
#include "core/vocab.h"

#define MK_UUID_TEXT 37 /* 36 characters and the NUL */
#define MK_KEY_TEXT 16  /* "MK-2026-0001"; numbers above 9999 take more digits */

struct mk_reporter {
	char *name, *department, *phone, *email; /* owned, NULL when unknown */
};

/* Everything is owned by the struct; NULL strings and MK_TIME_UNKNOWN
 * times mean "not known (yet)". */
struct mk_incident {
	int64_t id;                /* store row id; 0 until stored */
	char uuid[MK_UUID_TEXT];   /* lower-case UUID v4, set on registration */
	char key[MK_KEY_TEXT];     /* MK-YYYY-NNNN, gap-free per registration year */
	char *title;               /* required, one line */
	char *description;
	struct mk_reporter reporter;
	enum mk_source source;     /* H2 "Detectie" */

	bool classified;           /* a matrix row is chosen */
	enum mk_matrix_table matrix_table;
	char *matrix_category;
	char *matrix_incident;

	struct mk_impact impact;   /* per criterion */
	int64_t people_affected;   /* -1 = unknown */
	enum mk_level urgency;
	enum mk_priority priority; /* from impact x urgency when assessed */
	enum mk_event_type event_type;
	enum mk_phase phase;

	bool confidential;         /* vertrouwelijk (Bijlage 2): need-to-know */
	enum mk_tlp tlp;
	bool personal_data;        /* persoonsgegevens: the AP and subject clocks run */
	bool exercise;             /* oefening: kept out of KPIs */
	char *parent_key;          /* sub-incident of (Bijlage 2) */
	char *supplier;            /* external supplier involved (SaaS) */

	mk_time occurred_at;
	bool occurred_estimated;   /* occurred_at is an estimate, e.g. a partial date */
	mk_time detected_at, reported_at, management_informed_at, subjects_informed_at;
	mk_time contained_at, resolved_at, closed_at;
	mk_time ap_notified_at;    /* first notification to the AP (task 3.6b, 5.2 or 6.4c) */
	mk_time evaluated_at;      /* the process evaluated (task 7.4) */

	char *source_ref;          /* where it came from, e.g. "veris:<incident_id>" */
	char *victim;              /* imported: the affected organisation */
	char *industry;            /* imported: NAICS code */

	int64_t log_count;         /* entries in the logbook (the chain head) */
	char log_head[MK_HASH_HEX];/* hash of the last entry, or the genesis hash */
	int64_t version;           /* increases with every change (for ETags) */
	mk_time created_at, updated_at;
};

/* A fresh record: no strings, times unknown, people unknown, phase
 * detectie, event type normaal, TLP amber. */
void mk_incident_init(struct mk_incident *inc);
/* Frees the strings and re-initialises. Accepts NULL. */
void mk_incident_release(struct mk_incident *inc);
/* Makes dst (initialised; released first) a deep copy of src. On
 * MK_ENOMEM dst is left initialised and empty. */
enum mk_rc mk_incident_copy(struct mk_incident *dst, const struct mk_incident *src);
/* Replaces *slot with a copy of value (NULL allowed); MK_ENOMEM on failure,
 * leaving *slot as it was. */
enum mk_rc mk_incident_set_text(char **slot, const char *value);

/* Checks a record before it is stored: texts (required title, UTF-8,
 * lengths, one-line fields), the reporter's e-mail shape, every known time
 * within 1970..2099 and not more than a day after now, and the order of
 * the times: nothing before occurred_at; contained, resolved and closed
 * not before detection; resolved not before containment; closed not before
 * resolution. Errors name the field. */
enum mk_rc mk_incident_check(const struct mk_incident *inc, mk_time now, struct mk_error *err);

/* Formats a human key for a year and number into buf (MK_KEY_TEXT). */
void mk_incident_key_format(int year, int64_t number, char *buf);
/* Parses "MK-2026-0001" (case-insensitive prefix). */
enum mk_rc mk_incident_key_parse(const char *s, int *ret_year, int64_t *ret_number,
				 struct mk_error *err);

/* Bijlage 4: the "incident" that is really an exercise is excluded from
 * the metrics; citizen impact means the betrokkenen or beschikbaarheid
 * criterion at midden or above (doc/kpi.md). */
bool mk_incident_has_citizen_impact(const struct mk_incident *inc);

#endif
