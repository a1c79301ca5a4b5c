/* The route table of the web UI: every page and form post with the one
 * core/access.h action the router decides before the handler runs. The
 * pages that concern every account (dashboard, settings, logout) name
 * MK_ACT_INCIDENT_LIST, which every role has (a melder's list is their
 * own reports). */
#include "http/ui-evidence.h"
#include "http/ui.h"
#include "http/ui-closure.h"

#define PAGE(m, p, a, h) {m, p, a, false, true, h}
#define PUBLIC(m, p, h) {m, p, MK_ACT_INCIDENT_LIST, true, true, h}

const struct mk_http_route mk_ui_routes[] = {
	PUBLIC("GET", "/login", mk_ui_login_get),
	PUBLIC("POST", "/login", mk_ui_login_post),
	PAGE("POST", "/logout", MK_ACT_INCIDENT_LIST, mk_ui_logout_post),
	PAGE("GET", "/", MK_ACT_INCIDENT_LIST, mk_ui_dashboard_get),
	PAGE("GET", "/melden", MK_ACT_INCIDENT_CREATE, mk_ui_melden_get),
	PAGE("POST", "/melden", MK_ACT_INCIDENT_CREATE, mk_ui_melden_post),
	PAGE("GET", "/wachtrij", MK_ACT_INCIDENT_LIST, mk_ui_queue_get),
	PAGE("GET", "/incidenten", MK_ACT_INCIDENT_LIST, mk_ui_list_get),
	PAGE("GET", "/incidenten/{key}", MK_ACT_INCIDENT_READ, mk_ui_incident_get),
	PAGE("POST", "/incidenten/{key}/beoordeling", MK_ACT_INCIDENT_ASSESS, mk_ui_assess_post),
	PAGE("POST", "/incidenten/{key}/fase", MK_ACT_INCIDENT_PHASE, mk_ui_phase_post),
	PAGE("POST", "/incidenten/{key}/taken/{code}", MK_ACT_TASK_SET, mk_ui_task_post),
	PAGE("POST", "/incidenten/{key}/logboek", MK_ACT_LOG_ADD, mk_ui_log_post),
	PAGE("POST", "/incidenten/{key}/besluiten", MK_ACT_DECISION_ADD, mk_ui_decision_post),
	PAGE("POST", "/incidenten/{key}/bewerken", MK_ACT_INCIDENT_EDIT, mk_ui_edit_post),
	PAGE("POST", "/incidenten/{key}/datalek", MK_ACT_BREACH_EDIT, mk_ui_breach_post),
	PAGE("POST", "/incidenten/{key}/datalek/melding", MK_ACT_BREACH_EDIT, mk_ui_breach_notify_post),
	PAGE("POST", "/incidenten/{key}/datalek/betrokkenen", MK_ACT_BREACH_EDIT, mk_ui_breach_inform_post),
	PAGE("POST", "/incidenten/{key}/bewijs", MK_ACT_EVIDENCE_ADD, mk_ui_evidence_post),
	PAGE("POST", "/incidenten/{key}/bewijs/overdracht", MK_ACT_EVIDENCE_ADD, mk_ui_transfer_post),
	PAGE("POST", "/incidenten/{key}/bewijs/export", MK_ACT_EVIDENCE_EXPORT,
	     mk_ui_evidence_export_post),
	PAGE("POST", "/incidenten/{key}/indicatoren", MK_ACT_OBSERVABLE_ADD, mk_ui_indicator_post),
	PAGE("GET", "/alertgroepen", MK_ACT_ALERT_READ, mk_ui_alert_groups_get),
	PAGE("GET", "/datalekken", MK_ACT_BREACH_REGISTER, mk_ui_register_get),
	PAGE("GET", "/datalekken/export", MK_ACT_BREACH_REGISTER, mk_ui_register_export),
	PAGE("GET", "/alertgroepen/{id}", MK_ACT_ALERT_READ, mk_ui_alert_group_get),
	PAGE("POST", "/alertgroepen/{id}/promoveren", MK_ACT_ALERT_PROMOTE, mk_ui_alert_promote_post),
	/* Closure (ui-closure.c, doc/closure.md). */
	PAGE("GET", "/incidenten/{key}/afsluiting", MK_ACT_INCIDENT_READ, mk_ui_closure_get),
	PAGE("POST", "/incidenten/{key}/tijd", MK_ACT_TIME_ADD, mk_ui_time_post),
	PAGE("POST", "/incidenten/{key}/kosten", MK_ACT_COST_ADD, mk_ui_cost_post),
	PAGE("POST", "/incidenten/{key}/vergadering", MK_ACT_EVALUATION_EDIT, mk_ui_meeting_post),
	PAGE("POST", "/incidenten/{key}/evaluatie", MK_ACT_EVALUATION_EDIT, mk_ui_evaluation_post),
	PAGE("POST", "/incidenten/{key}/acties", MK_ACT_EVALUATION_EDIT, mk_ui_action_post),
	PAGE("POST", "/incidenten/{key}/acties/{id}/afgerond", MK_ACT_EVALUATION_EDIT, mk_ui_action_done_post),
	PAGE("POST", "/incidenten/{key}/bewaarplicht", MK_ACT_INCIDENT_HOLD, mk_ui_hold_post),
	PAGE("POST", "/incidenten/{key}/bewaarplicht/opheffen", MK_ACT_INCIDENT_HOLD, mk_ui_release_post),
	PAGE("GET", "/kpi", MK_ACT_KPI_READ, mk_ui_kpi_get),
	PAGE("GET", "/instellingen", MK_ACT_INCIDENT_LIST, mk_ui_settings_get),
	PAGE("POST", "/instellingen", MK_ACT_INCIDENT_LIST, mk_ui_settings_post),
};
const size_t mk_ui_nroutes = sizeof(mk_ui_routes) / sizeof(mk_ui_routes[0]);
