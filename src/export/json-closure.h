/* JSON shapes of the closure records (doc/closure.md), shared by the CLI
 * (--json) and the HTTP API: time entries, other costs, the cost report,
 * the evaluation with its questions and improvement actions. Amounts are
 * given twice: "amount" as a decimal string in euros ("138.54", exact,
 * for people and spreadsheets) and "cents" as an integer (for programs);
 * never a JSON number with a fraction. Each returns a new reference, or
 * NULL when out of memory. */
#ifndef MK_EXPORT_JSON_CLOSURE_H
#define MK_EXPORT_JSON_CLOSURE_H

#include <jansson.h>

#include "service/service.h"

json_t *mk_json_time_entry(const struct mk_time_entry *e, int64_t rate_cents);
json_t *mk_json_other_cost(const struct mk_other_cost *c);
json_t *mk_json_cost_report(const char *key, const struct mk_cost_report *r);
json_t *mk_json_improvement(const struct mk_improvement *a);
json_t *mk_json_rate(const struct mk_rate_view *r);

/* The whole evaluation of incident key read through the service: the
 * window, the proposed meeting, lessons, process review, every question
 * with its answer (null when none), the actions and the legal hold. NULL
 * with err filled on failure. */
json_t *mk_json_evaluation(struct mk_service *svc, const char *key, struct mk_error *err);

#endif
