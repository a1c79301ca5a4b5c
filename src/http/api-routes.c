/* The route table of the JSON API: every endpoint with the one
 * core/access.h action the router decides before the handler runs.
 * Reading this table is reading who may do what through the API; the
 * table-driven role test (tests/js/http/api-roles.test.mjs) walks it. */
#include "http/api-handlers.h"

#define V1 "/api/v1"
#define INC V1 "/incidents/{key}"

const struct mk_http_route mk_api_routes[] = {
	/* The register. */
	{"GET", V1 "/incidents", MK_ACT_INCIDENT_LIST, false, false, mk_api_incidents_list},
	{"POST", V1 "/incidents", MK_ACT_INCIDENT_CREATE, false, false, mk_api_incident_create},
	{"GET", V1 "/deadlines", MK_ACT_DEADLINES_READ, false, false, mk_api_deadlines},
	{"GET", V1 "/search", MK_ACT_INCIDENT_LIST, false, false, mk_api_search},
	{"GET", V1 "/kpi", MK_ACT_KPI_READ, false, false, mk_api_kpi},
	{"GET", V1 "/matrix", MK_ACT_MATRIX_READ, false, false, mk_api_matrix},
	{"GET", V1 "/impact", MK_ACT_MATRIX_READ, false, false, mk_api_impact},
	{"GET", V1 "/priority", MK_ACT_MATRIX_READ, false, false, mk_api_priority},
	{"GET", V1 "/chain", MK_ACT_CHAIN_CHECK, false, false, mk_api_chain},
	/* Everyone who is logged in may list (their own reports at least),
	 * so the list action also stands for "logged in" here. */
	{"GET", V1 "/me", MK_ACT_INCIDENT_LIST, false, false, mk_api_me},
	{"GET", V1 "/openapi.json", MK_ACT_MATRIX_READ, true, false, mk_api_openapi},
	/* The breach register (AVG art. 33(5)), JSON or ?format=csv. */
	{"GET", V1 "/breaches", MK_ACT_BREACH_REGISTER, false, false, mk_api_breaches},

	/* One incident. */
	{"GET", INC, MK_ACT_INCIDENT_READ, false, false, mk_api_incident_get},
	{"PATCH", INC, MK_ACT_INCIDENT_EDIT, false, false, mk_api_incident_patch},
	{"POST", INC "/assessment", MK_ACT_INCIDENT_ASSESS, false, false, mk_api_incident_assess},
	{"POST", INC "/phase", MK_ACT_INCIDENT_PHASE, false, false, mk_api_incident_phase},
	{"POST", INC "/close", MK_ACT_INCIDENT_PHASE, false, false, mk_api_incident_close},
	{"GET", INC "/tasks", MK_ACT_INCIDENT_READ, false, false, mk_api_tasks_list},
	{"POST", INC "/tasks/{code}", MK_ACT_TASK_SET, false, false, mk_api_task_set},
	{"GET", INC "/log", MK_ACT_INCIDENT_READ, false, false, mk_api_log_list},
	{"POST", INC "/log", MK_ACT_LOG_ADD, false, false, mk_api_log_add},
	{"GET", INC "/log/verify", MK_ACT_INCIDENT_READ, false, false, mk_api_log_verify},
	{"GET", INC "/decisions", MK_ACT_INCIDENT_READ, false, false, mk_api_decisions_list},
	{"POST", INC "/decisions", MK_ACT_DECISION_ADD, false, false, mk_api_decision_add},
	{"GET", INC "/deadlines", MK_ACT_INCIDENT_READ, false, false, mk_api_incident_deadlines},
	/* The data breach of the incident (api-breach.c). */
	{"GET", INC "/breach", MK_ACT_BREACH_READ, false, false, mk_api_breach_get},
	{"PUT", INC "/breach", MK_ACT_BREACH_EDIT, false, false, mk_api_breach_put},
	{"POST", INC "/breach/notifications", MK_ACT_BREACH_EDIT, false, false, mk_api_breach_notify},
	{"POST", INC "/breach/subjects", MK_ACT_BREACH_EDIT, false, false, mk_api_breach_subjects},
	{"GET", INC "/breach/ap-melding", MK_ACT_BREACH_READ, false, false, mk_api_breach_ap_draft},
	/* The team decides who sees a confidential incident: changing it is
	 * editing the incident. */
	{"GET", INC "/team", MK_ACT_INCIDENT_READ, false, false, mk_api_team_list},
	{"POST", INC "/team", MK_ACT_INCIDENT_EDIT, false, false, mk_api_team_add},
	{"DELETE", INC "/team/{account}", MK_ACT_INCIDENT_EDIT, false, false, mk_api_team_remove},
	/* The chain of custody (doc/custody.md). The export is a POST: it
	 * records an access to every item. */
	{"GET", INC "/evidence", MK_ACT_EVIDENCE_READ, false, false, mk_api_evidence_list},
	{"POST", INC "/evidence", MK_ACT_EVIDENCE_ADD, false, false, mk_api_evidence_add},
	{"POST", INC "/evidence/file", MK_ACT_EVIDENCE_ADD, false, false, mk_api_evidence_upload},
	{"GET", INC "/evidence/custody", MK_ACT_EVIDENCE_READ, false, false, mk_api_evidence_custody},
	{"GET", INC "/evidence/verify", MK_ACT_EVIDENCE_READ, false, false, mk_api_evidence_verify},
	{"POST", INC "/evidence/export", MK_ACT_EVIDENCE_EXPORT, false, false, mk_api_evidence_export},
	{"POST", INC "/evidence/{item}/transfers", MK_ACT_EVIDENCE_ADD, false, false,
	 mk_api_evidence_transfer},

	/* Intake (doc/alerts.md "The API"): alerts from a feed, their groups,
	 * and indicators. */
	{"POST", V1 "/alerts", MK_ACT_ALERT_POST, false, false, mk_api_alerts_post},
	{"GET", V1 "/alerts", MK_ACT_ALERT_READ, false, false, mk_api_alerts_list},
	{"GET", V1 "/alerts/{id}", MK_ACT_ALERT_READ, false, false, mk_api_alert_get},
	{"POST", V1 "/alerts/{id}/promote", MK_ACT_ALERT_PROMOTE, false, false, mk_api_alert_promote},
	{"GET", V1 "/observables/seen", MK_ACT_OBSERVABLE_SEEN, false, false, mk_api_observable_seen},
	{"GET", INC "/observables", MK_ACT_INCIDENT_READ, false, false, mk_api_observables_list},
	{"POST", INC "/observables", MK_ACT_OBSERVABLE_ADD, false, false, mk_api_observable_add},
	/* Closure (doc/closure.md). The purge is not here: it is CLI only. */
	{"GET", INC "/time", MK_ACT_COST_READ, false, false, mk_api_time_list},
	{"POST", INC "/time", MK_ACT_TIME_ADD, false, false, mk_api_time_add},
	{"GET", INC "/cost", MK_ACT_COST_READ, false, false, mk_api_cost_report},
	{"POST", INC "/costs", MK_ACT_COST_ADD, false, false, mk_api_cost_add},
	{"GET", INC "/evaluation", MK_ACT_INCIDENT_READ, false, false, mk_api_evaluation_get},
	{"POST", INC "/evaluation", MK_ACT_EVALUATION_EDIT, false, false, mk_api_evaluation_set},
	{"POST", INC "/evaluation/meeting", MK_ACT_EVALUATION_EDIT, false, false, mk_api_evaluation_meeting},
	{"POST", INC "/actions", MK_ACT_EVALUATION_EDIT, false, false, mk_api_action_add},
	{"POST", INC "/actions/{id}/done", MK_ACT_EVALUATION_EDIT, false, false, mk_api_action_done},
	{"POST", INC "/hold", MK_ACT_INCIDENT_HOLD, false, false, mk_api_hold},
	{"POST", INC "/hold/release", MK_ACT_INCIDENT_HOLD, false, false, mk_api_release},
	{"GET", INC "/report", MK_ACT_REPORT_READ, false, false, mk_api_report},
	{"GET", INC "/evaluation.ics", MK_ACT_REPORT_READ, false, false, mk_api_ical},
};

const size_t mk_api_nroutes = sizeof(mk_api_routes) / sizeof(mk_api_routes[0]);
