/* KPI accumulation. */
#include "core/kpi.h"

#include <string.h>

#include "base/alloc.h"

void mk_kpi_init(struct mk_kpi *k)
{
	memset(k, 0, sizeof(*k));
}

void mk_kpi_release(struct mk_kpi *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->ncategories; i++)
		mk_free(k->categories[i].name);
	mk_free(k->categories);
	mk_kpi_init(k);
}

static void stat_add(struct mk_kpi_stat *s, mk_time start, mk_time end)
{
	if (start == MK_TIME_UNKNOWN || end == MK_TIME_UNKNOWN || end < start)
		return;
	int64_t d = end - start; /* both lie within 1970..2099: no overflow */
	if (s->n == 0 || d < s->min)
		s->min = d;
	if (s->n == 0 || d > s->max)
		s->max = d;
	s->n++;
	s->sum += d;
}

int64_t mk_kpi_stat_avg(const struct mk_kpi_stat *s)
{
	if (s->n == 0)
		return 0;
	/* The sum is non-negative: round half up. */
	return (s->sum + s->n / 2) / s->n;
}

/* Binary search for name; returns the index where it is or would go. */
static size_t category_slot(const struct mk_kpi *k, const char *name, bool *ret_found)
{
	size_t lo = 0, hi = k->ncategories;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(k->categories[mid].name, name);
		if (cmp == 0) {
			*ret_found = true;
			return mid;
		}
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*ret_found = false;
	return lo;
}

enum mk_rc mk_kpi_add(struct mk_kpi *k, const struct mk_incident *inc)
{
	if (inc->exercise) {
		k->exercises++;
		return MK_OK;
	}
	const char *category = inc->classified && inc->matrix_category ? inc->matrix_category : "";
	bool found;
	size_t slot = category_slot(k, category, &found);
	if (!found) {
		char *name = mk_strdup(category);
		struct mk_kpi_category *grown =
			name ? mk_realloc(k->categories, (k->ncategories + 1) * sizeof(*grown)) : NULL;
		if (!grown) {
			mk_free(name);
			return MK_ENOMEM;
		}
		k->categories = grown;
		memmove(&grown[slot + 1], &grown[slot], (k->ncategories - slot) * sizeof(*grown));
		grown[slot].name = name;
		grown[slot].count = 0;
		k->ncategories++;
	}
	k->categories[slot].count++;
	k->incidents++;
	if (inc->personal_data)
		k->with_personal_data++;
	if (mk_incident_has_citizen_impact(inc))
		k->with_citizen_impact++;
	if ((unsigned)inc->priority < MK_PRIORITY_COUNT)
		k->by_priority[inc->priority]++;
	if ((unsigned)inc->phase < MK_PHASE_COUNT)
		k->by_phase[inc->phase]++;
	stat_add(&k->detection_lag, inc->occurred_at, inc->detected_at);
	stat_add(&k->containment, inc->detected_at, inc->contained_at);
	stat_add(&k->report_to_resolution, inc->reported_at, inc->resolved_at);
	return MK_OK;
}
