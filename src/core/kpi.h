/* Metrics of H3 "Metrieken / KPI's": counts per category, the time from
 * the start of an incident until the organisation knew (detection lag),
 * the time to containment, the time from report to resolution, incidents
 * with a privacy component and with citizen impact. Exercises are left
 * out. The store feeds incidents one by one; nothing here holds them. */
#ifndef MK_CORE_KPI_H
#define MK_CORE_KPI_H

#include <stddef.h>
#include <stdint.h>

#include "base/rc.h"
#include "core/incident.h"

/* min, average and max of a duration in seconds over n incidents. */
struct mk_kpi_stat {
	int64_t n;
	int64_t min, max;
	int64_t sum;    /* durations lie within 1970..2099 (< 2^32 s), so even
			 * 2^31 incidents cannot overflow it */
};

/* The average rounded to the nearest second (halves away from zero); 0
 * when n is 0. */
int64_t mk_kpi_stat_avg(const struct mk_kpi_stat *s);

struct mk_kpi_category {
	char *name;   /* owned; the matrix category, or "" for unclassified */
	int64_t count;
};

struct mk_kpi {
	int64_t incidents;          /* counted (exercises excluded) */
	int64_t exercises;          /* left out */
	int64_t with_personal_data;
	int64_t with_citizen_impact;
	int64_t by_priority[MK_PRIORITY_COUNT]; /* [MK_PRIORITY_NONE] = not assessed */
	int64_t by_phase[MK_PHASE_COUNT];
	struct mk_kpi_category *categories;     /* sorted by name */
	size_t ncategories;
	struct mk_kpi_stat detection_lag;       /* detected_at - occurred_at */
	struct mk_kpi_stat containment;         /* contained_at - detected_at */
	struct mk_kpi_stat report_to_resolution;/* resolved_at - reported_at */
};

void mk_kpi_init(struct mk_kpi *k);
void mk_kpi_release(struct mk_kpi *k);

/* Counts one incident. Durations count only when both ends are known and
 * the end does not lie before the start. MK_ENOMEM if a new category
 * cannot be added (then nothing of this incident is counted). */
enum mk_rc mk_kpi_add(struct mk_kpi *k, const struct mk_incident *inc);

#endif
