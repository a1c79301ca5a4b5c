/* Impact, urgency and priority (H4 "Incident Impact Leidraad", Tabel 1;
 * DESIGN.md "Classification"). Impact is assessed per criterion as laag,
 * midden or hoog; the overall impact is the highest level given. Priority
 * comes from impact x urgency through a matrix that is configurable and
 * defaults to the one in DESIGN.md. */
#ifndef MK_CORE_IMPACT_H
#define MK_CORE_IMPACT_H

#include <stdint.h>

#include "base/rc.h"
#include "core/vocab.h"

/* The 14 criteria of Tabel 1, in its order. Their labels and example
 * descriptions are data (data/impact.tsv); their code names are fixed
 * because rules refer to them (people affected, crisis team). */
enum mk_criterion {
	MK_CRITERION_MENSEN,               /* number of people affected */
	MK_CRITERION_APPARATUUR,           /* equipment not working */
	MK_CRITERION_PROGRAMMATUUR,        /* software not working */
	MK_CRITERION_GEGEVENS,             /* data copied, encrypted or destroyed */
	MK_CRITERION_ORGANISATIEPROCESSEN, /* organisation processes */
	MK_CRITERION_OMGEVING,             /* environment */
	MK_CRITERION_DIENSTEN,             /* services */
	MK_CRITERION_BETROKKENEN,          /* impact on data subjects */
	MK_CRITERION_REPUTATIE,            /* reputation */
	MK_CRITERION_FINANCIEEL,           /* finance */
	MK_CRITERION_HERSTELWERK,          /* recovery effort */
	MK_CRITERION_VERSPREIDING,         /* speed of spread */
	MK_CRITERION_KETEN,                /* chain dependency */
	MK_CRITERION_BESCHIKBAARHEID,      /* availability of business processes */
	MK_CRITERION_COUNT
};

struct mk_impact {
	enum mk_level level[MK_CRITERION_COUNT]; /* MK_LEVEL_NONE = not assessed */
};

const char *mk_criterion_name(enum mk_criterion c);
enum mk_rc mk_criterion_parse(const char *s, enum mk_criterion *ret, struct mk_error *err);

/* The highest level given; MK_LEVEL_NONE if no criterion is assessed. */
enum mk_level mk_impact_overall(const struct mk_impact *impact);

/* People affected to a level: below 10 laag, 10 to 99 midden, 100 or more
 * hoog (Tabel 1: <10, <100, >100; DESIGN.md settles 100 as hoog). A
 * negative count means unknown: MK_LEVEL_NONE. */
enum mk_level mk_impact_level_for_people(int64_t people);

/* The storage form: one character per criterion in Tabel 1 order, '-'
 * for not assessed, 'L', 'M', 'H'. buf holds MK_CRITERION_COUNT + 1. */
void mk_impact_encode(const struct mk_impact *impact, char *buf);
enum mk_rc mk_impact_decode(const char *s, struct mk_impact *ret, struct mk_error *err);

/* Impact criteria with their labels and Tabel 1 descriptions, for people
 * choosing a level. Loaded from data/impact.tsv (compiled in). */
struct mk_impact_criterion_text {
	enum mk_criterion criterion;
	const char *label;
	const char *example[MK_LEVEL_COUNT]; /* [MK_LEVEL_LAAG..HOOG]; [NONE] = "" */
};
struct mk_impact_table {
	struct mk_impact_criterion_text rows[MK_CRITERION_COUNT];
	char *text; /* owned storage behind the strings */
	char **cells;
};
/* Parses the table; it must list every criterion exactly once, in order. */
enum mk_rc mk_impact_table_parse(struct mk_impact_table *t, const char *text, size_t len,
				 const char *what, struct mk_error *err);
enum mk_rc mk_impact_table_load_default(struct mk_impact_table *t, struct mk_error *err);
void mk_impact_table_release(struct mk_impact_table *t);

/* The priority matrix: cell[impact][urgency], both MK_LEVEL_LAAG..HOOG. */
struct mk_priority_matrix {
	enum mk_priority cell[MK_LEVEL_COUNT][MK_LEVEL_COUNT];
};

/* DESIGN.md's default: hoog/hoog P1; hoog/midden and midden/hoog P2;
 * hoog/laag, midden/midden and laag/hoog P3; the rest P4. */
void mk_priority_matrix_default(struct mk_priority_matrix *m);

/* Priority for impact x urgency; MK_PRIORITY_NONE while either is not
 * assessed. */
enum mk_priority mk_priority_of(const struct mk_priority_matrix *m, enum mk_level impact,
				enum mk_level urgency);

/* Bijlage 4: P1 and P2 suggest escalatie, the rest normaal. A suggestion,
 * never applied by itself. */
enum mk_event_type mk_event_type_suggested(enum mk_priority priority);

/* May `role` change the event type from `from` to `to`? Only an
 * incidentmanager or the CISO may declare a noodsituatie (Bijlage 4: "kan
 * alleen uitgeroepen worden door een incident coördinator"), and so only
 * they may end one; MK_EPERM otherwise. Other changes are open to all. */
enum mk_rc mk_event_type_check(enum mk_role role, enum mk_event_type from, enum mk_event_type to,
			       struct mk_error *err);

#endif
