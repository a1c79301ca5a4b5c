/* The JSON API's handlers, one group per file (api-*.c), for the route
 * table in api-routes.c and the unit tests. Each is an mk_http_handler:
 * it runs after the router has authenticated the request and decided
 * access for the route's action. */
#ifndef MK_HTTP_API_HANDLERS_H
#define MK_HTTP_API_HANDLERS_H

#include <jansson.h>

#include "http/http.h"

/* api-incidents.c */
void mk_api_incidents_list(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_incident_create(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_incident_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_incident_patch(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_incident_assess(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_incident_phase(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_incident_close(struct mk_http_request *req, struct mk_http_response *resp);

/* api-tasks.c */
void mk_api_tasks_list(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_task_set(struct mk_http_request *req, struct mk_http_response *resp);

/* api-log.c */
void mk_api_log_list(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_log_add(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_log_verify(struct mk_http_request *req, struct mk_http_response *resp);

/* api-breach.c */
void mk_api_breach_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_breach_put(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_breach_notify(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_breach_subjects(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_breach_ap_draft(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_breaches(struct mk_http_request *req, struct mk_http_response *resp);
/* api-evidence.c: the chain of custody */
void mk_api_evidence_list(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_evidence_add(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_evidence_upload(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_evidence_custody(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_evidence_verify(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_evidence_transfer(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_evidence_export(struct mk_http_request *req, struct mk_http_response *resp);

/* api-decisions.c */
void mk_api_decisions_list(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_decision_add(struct mk_http_request *req, struct mk_http_response *resp);

/* api-deadlines.c */
void mk_api_incident_deadlines(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_deadlines(struct mk_http_request *req, struct mk_http_response *resp);

/* api-register.c: the register as a whole and its tables */
void mk_api_search(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_kpi(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_matrix(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_impact(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_priority(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_chain(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_me(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_openapi(struct mk_http_request *req, struct mk_http_response *resp);

/* api-team.c */
void mk_api_team_list(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_team_add(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_team_remove(struct mk_http_request *req, struct mk_http_response *resp);

/* api-alerts.c: alerts posted by a feed, and the alert groups */
void mk_api_alerts_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_alerts_list(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_alert_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_alert_promote(struct mk_http_request *req, struct mk_http_response *resp);

/* api-observables.c: indicators and their seen-before correlation */
void mk_api_observables_list(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_observable_add(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_observable_seen(struct mk_http_request *req, struct mk_http_response *resp);
/* The observables of incident key with the correlation the request's
 * account may know of (an array), or NULL with err. */
json_t *mk_api_incident_observables(struct mk_http_request *req, const char *key,
				    struct mk_error *err);
/* api-closure.c: time, costs, evaluation, actions, hold, report, ical */
void mk_api_time_list(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_time_add(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_cost_report(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_cost_add(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_evaluation_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_evaluation_set(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_evaluation_meeting(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_action_add(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_action_done(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_hold(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_release(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_report(struct mk_http_request *req, struct mk_http_response *resp);
void mk_api_ical(struct mk_http_request *req, struct mk_http_response *resp);

/* api-visible.c: narrows a listing query to what the request's account
 * may see (mk_access_filter_for its role). */
struct mk_incident_query;
void mk_api_viewer_filter(const struct mk_http_request *req, struct mk_incident_query *q);

#endif
