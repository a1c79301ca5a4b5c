/* JSON forms of meldkamer's records, shared by the CLI's --json output,
 * `export json` and the HTTP API, so that every interface speaks the same
 * shapes. Times are RFC 3339 UTC strings ("2026-10-27T10:00:00Z") or null.
 * Each function returns a new reference (NULL on OOM). */
#ifndef MK_EXPORT_JSON_H
#define MK_EXPORT_JSON_H

#include <jansson.h>

#include "core/deadline.h"
#include "core/decision.h"
#include "core/kpi.h"
#include "core/logbook.h"
#include "core/matrix.h"
#include "export/json-writer.h"
#include "service/service.h"

/* A ceiling for one summary: a title at its limit, every character
 * escaped as \\u00XX, stays below it. */
#define MK_JSON_SUMMARY_MAX (64 * 1024)

json_t *mk_json_time(mk_time t);
json_t *mk_json_incident(const struct mk_incident *inc);
/* The short form for lists: key, title, phase, priority, times. The
 * writer's form is for answers streamed straight into a buffer (the API's
 * incident list); both are the same JSON. */
json_t *mk_json_incident_summary(const struct mk_incident *inc);
void mk_jw_incident_summary(struct mk_jw *w, const struct mk_incident *inc);
json_t *mk_json_log_entry(const struct mk_log_entry *e);
json_t *mk_json_task(const struct mk_task_view *t);
json_t *mk_json_decision(const struct mk_decision *d);
json_t *mk_json_deadline(const struct mk_deadline *d);
/* One logbook's chain status, the contract of `meldkamer log verify KEY
 * --json`: key, intact, entries, head, problem (NULL when intact). */
json_t *mk_json_chain_status(const char *key, const struct mk_chain_status *st, bool intact,
			     const char *problem);
/* The contract of `meldkamer matrix list --json`: table, category,
 * incident, helpdesk, ciso, directie ("X", "(X)" or ""). */
json_t *mk_json_matrix_row(const struct mk_matrix_row *row);
/* The contract of `meldkamer report kpi --json`. */
json_t *mk_json_kpi(const struct mk_kpi *k);

#endif
