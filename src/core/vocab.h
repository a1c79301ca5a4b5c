/* The fixed vocabularies of DESIGN.md and their code names: roles, phases,
 * levels, priorities, event types, detection sources, TLP, logbook kinds.
 * The code names are the values in the database, the CLI and JSON; they
 * never change once released. Each vocabulary has a _name() that returns
 * its code name and a _parse() that returns MK_EINVAL for an unknown name,
 * naming the field and the allowed values. */
#ifndef MK_CORE_VOCAB_H
#define MK_CORE_VOCAB_H

#include <stdbool.h>

#include "base/rc.h"

/* DESIGN.md "Who uses it". */
enum mk_role {
	MK_ROLE_MELDER,
	MK_ROLE_SERVICEDESK,
	MK_ROLE_BEHANDELAAR,
	MK_ROLE_INCIDENTMANAGER,
	MK_ROLE_CISO,
	MK_ROLE_FG,
	MK_ROLE_DIRECTIE,
	MK_ROLE_AUDITOR,
	MK_ROLE_ADMIN,
	MK_ROLE_COUNT
};

/* H2 / Bijlage 1: where an incident stands, in process order. */
enum mk_phase {
	MK_PHASE_DETECTIE,
	MK_PHASE_INITIATIE,
	MK_PHASE_ANALYSE,
	MK_PHASE_INDAMMEN,
	MK_PHASE_OPLOSSEN,
	MK_PHASE_HERSTEL,
	MK_PHASE_REMEDIATIE,
	MK_PHASE_AFSLUITEN,
	MK_PHASE_EVALUATIE,
	MK_PHASE_COUNT
};

/* Impact per criterion, overall impact and urgency (H4). NONE means "not
 * assessed"; it sorts below laag. */
enum mk_level {
	MK_LEVEL_NONE,
	MK_LEVEL_LAAG,
	MK_LEVEL_MIDDEN,
	MK_LEVEL_HOOG,
	MK_LEVEL_COUNT
};

enum mk_priority {
	MK_PRIORITY_NONE, /* impact or urgency not yet assessed */
	MK_PRIORITY_P1,   /* kritiek */
	MK_PRIORITY_P2,   /* hoog */
	MK_PRIORITY_P3,   /* midden */
	MK_PRIORITY_P4,   /* laag */
	MK_PRIORITY_COUNT
};

/* Bijlage 4 "Definities": the three basic types of security event. */
enum mk_event_type {
	MK_EVENT_NORMAAL,
	MK_EVENT_ESCALATIE,
	MK_EVENT_NOODSITUATIE,
	MK_EVENT_COUNT
};

/* H2 "Detectie": where the signal came from. */
enum mk_source {
	MK_SOURCE_UNKNOWN,
	MK_SOURCE_IDS_IPS,
	MK_SOURCE_DLP,
	MK_SOURCE_FIM,
	MK_SOURCE_WEBFILTER,
	MK_SOURCE_CASB,
	MK_SOURCE_SIEM_SOC,
	MK_SOURCE_GEBRUIKER_PARTNER, /* report by users or partners */
	MK_SOURCE_TIP,
	MK_SOURCE_CTI,               /* third-party cyber threat intelligence */
	MK_SOURCE_PERS,
	MK_SOURCE_SERVICEDESK,       /* service desk report by staff */
	MK_SOURCE_VERTRAGING,        /* slowness of application, computer, network */
	MK_SOURCE_COUNT
};

/* Traffic Light Protocol 2.0, for sharing (e.g. with the IBD). */
enum mk_tlp {
	MK_TLP_CLEAR,
	MK_TLP_GREEN,
	MK_TLP_AMBER,
	MK_TLP_AMBER_STRICT,
	MK_TLP_RED,
	MK_TLP_COUNT
};

/* DESIGN.md "Logbook": the kinds of entry. */
enum mk_log_kind {
	MK_LOG_NOTE,
	MK_LOG_ACTION,
	MK_LOG_DECISION,
	MK_LOG_COMMUNICATION,
	MK_LOG_STATUS,
	MK_LOG_SYSTEM,
	MK_LOG_KIND_COUNT
};

/* Bijlage 3: the two tables of the notification matrix. */
enum mk_matrix_table {
	MK_MATRIX_GEBRUIKERS,
	MK_MATRIX_BEHEER,
	MK_MATRIX_TABLE_COUNT
};

/* Bijlage 3: a notification level. */
enum mk_notify {
	MK_NOTIFY_NONE,     /* empty cell */
	MK_NOTIFY_RELEVANT, /* "(X)": inform when relevant */
	MK_NOTIFY_MUST,     /* "X": must be informed */
	MK_NOTIFY_COUNT
};

const char *mk_role_name(enum mk_role v);
enum mk_rc mk_role_parse(const char *s, const char *field, enum mk_role *ret,
			 struct mk_error *err);

const char *mk_phase_name(enum mk_phase v);
/* The phase's Dutch label for people ("Inperken / indammen"). */
const char *mk_phase_label(enum mk_phase v);
enum mk_rc mk_phase_parse(const char *s, const char *field, enum mk_phase *ret,
			  struct mk_error *err);

/* "" for MK_LEVEL_NONE in names; parse accepts "" and "-" as NONE. */
const char *mk_level_name(enum mk_level v);
enum mk_rc mk_level_parse(const char *s, const char *field, enum mk_level *ret,
			  struct mk_error *err);

/* "P1".."P4", "" for none. */
const char *mk_priority_name(enum mk_priority v);
/* "kritiek", "hoog", "midden", "laag". */
const char *mk_priority_label(enum mk_priority v);
enum mk_rc mk_priority_parse(const char *s, const char *field, enum mk_priority *ret,
			     struct mk_error *err);

const char *mk_event_type_name(enum mk_event_type v);
enum mk_rc mk_event_type_parse(const char *s, const char *field,
			       enum mk_event_type *ret, struct mk_error *err);

/* Code name ("ids-ips") and Dutch label ("Alert van IDS/IPS"). */
const char *mk_source_name(enum mk_source v);
const char *mk_source_label(enum mk_source v);
enum mk_rc mk_source_parse(const char *s, const char *field, enum mk_source *ret,
			   struct mk_error *err);

/* "clear", "green", "amber", "amber+strict", "red". */
const char *mk_tlp_name(enum mk_tlp v);
enum mk_rc mk_tlp_parse(const char *s, const char *field, enum mk_tlp *ret,
			struct mk_error *err);

const char *mk_log_kind_name(enum mk_log_kind v);
enum mk_rc mk_log_kind_parse(const char *s, const char *field,
			     enum mk_log_kind *ret, struct mk_error *err);

const char *mk_matrix_table_name(enum mk_matrix_table v);
enum mk_rc mk_matrix_table_parse(const char *s, const char *field,
				 enum mk_matrix_table *ret, struct mk_error *err);

/* "X", "(X)" or "". */
const char *mk_notify_name(enum mk_notify v);
enum mk_rc mk_notify_parse(const char *s, const char *field, enum mk_notify *ret,
			   struct mk_error *err);

#endif
