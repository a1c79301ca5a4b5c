/* JSON shapes of the intake records (observables, their correlation,
 * alert groups, alerts, evidence), shared by the CLI and the HTTP API so
 * both answer alike. Each returns a new reference, NULL on OOM. */
#ifndef MK_EXPORT_JSON_INTAKE_H
#define MK_EXPORT_JSON_INTAKE_H

#include <jansson.h>

#include "service/intake.h"

/* {"id", "type", "value", "tlp", "first_seen", "last_seen"} and, when
 * listed per incident, "role", "source", "added_by", "added_at". */
json_t *mk_json_observable(const struct mk_observable_view *o);
/* The observable with "incidents" (the keys), "incident_count",
 * "alert_group_count" and "text" (the sentence the CLI prints). */
json_t *mk_json_observable_seen(const struct mk_observable_seen *s);
json_t *mk_json_alert_group(const struct mk_alert_group_view *g);
json_t *mk_json_alert(const struct mk_alert_view *a);
json_t *mk_json_evidence(const struct mk_evidence_view *e);

/* "this domain also appears in MK-2026-0012 and 3 alert groups", or
 * "this domain appears nowhere else", into out (appended). */
void mk_observable_seen_text(const struct mk_observable_seen *s, struct mk_buf *out);

#endif
