/* What the pages of the web UI (ui-*.c) share: the handlers that
 * ui-routes.c puts in the route table, and small pieces of markup used on
 * more than one page. Internal to src/http. */
#ifndef MK_HTTP_UI_H
#define MK_HTTP_UI_H

#include <stdbool.h>

#include "core/deadline.h"
#include "core/incident.h"
#include "http/html.h"
#include "http/http.h"
#include "http/i18n.h"

/* The handlers, one group per file. */
void mk_ui_login_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_login_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_logout_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_melden_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_melden_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_dashboard_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_queue_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_list_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_incident_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_assess_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_phase_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_task_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_log_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_decision_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_edit_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_breach_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_breach_notify_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_breach_inform_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_kpi_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_register_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_register_export(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_settings_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_settings_post(struct mk_http_request *req, struct mk_http_response *resp);
/* ui-intake.c: indicators on the incident page, the alert groups */
void mk_ui_indicator_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_alert_groups_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_alert_group_get(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_alert_promote_post(struct mk_http_request *req, struct mk_http_response *resp);

static inline const char *mk_ui_lang(const struct mk_http_request *req)
{
	return mk_lang(req->lang);
}

/* Narrows a listing to what the person of req may see (core/access.h
 * need-to-know, applied by the store in its query). */
void mk_ui_scope(const struct mk_http_request *req, struct mk_incident_query *q);

/* May the person of req do action on the incident (for showing a form)? */
bool mk_ui_may(struct mk_http_request *req, const char *key, enum mk_action action);

/* <span class="prio p1">P1 kritiek</span>, or "not assessed". */
void mk_ui_priority(struct mk_buf *b, const char *lang, enum mk_priority p);
/* A clock's state in words (never colour alone). */
const char *mk_ui_deadline_state(const char *lang, enum mk_deadline_state s);
/* A table row for a clock: label, due, remaining (live, data-due) and
 * state; overdue rows get class "overdue" and the words "te laat". */
void mk_ui_clock_row(struct mk_buf *b, const struct mk_http_request *req,
		     const struct mk_deadline *d, const struct mk_incident *inc_or_null);
/* A link to an incident: <a href="/incidenten/KEY">KEY</a>. */
void mk_ui_incident_link(struct mk_buf *b, const char *key);

/* The incident page of req->key with status, showing e (a refused
 * form: its values kept, its message tied to the field) when not NULL. */
struct mk_ui_form_error;
void mk_ui_incident_render(struct mk_http_request *req, struct mk_http_response *resp,
			   int status, const struct mk_ui_form_error *e);

/* The "Datalek" section of the incident page (ui-breach.c): the breach
 * record, its clocks, the AP notifications and the subjects decision,
 * with their forms when may_edit. */
struct mk_ui_form_error;
enum mk_rc mk_ui_breach_section(struct mk_http_request *req, struct mk_buf *b,
				const struct mk_incident *inc, const struct mk_ui_form_error *e,
				bool may_edit, struct mk_error *err);

/* The message to show for a refused form: in Dutch the common failures
 * (a required field left empty, a time that does not read, a text too
 * long) in Dutch words, anything else the service's own message. */
const char *mk_ui_error_message(const char *lang, const struct mk_error *err);

/* A form field's error, to tie a message to its input
 * (aria-describedby, aria-invalid). */
struct mk_ui_form_error {
	const char *form;   /* which form failed ("beoordeling"...), or NULL */
	const char *field;  /* the field at fault, or "" */
	const char *message;
};
/* ` aria-invalid="true" aria-describedby="err-FORM-FIELD"` when e names
 * this form and field. */
void mk_ui_field_attrs(struct mk_buf *b, const struct mk_ui_form_error *e, const char *form,
		       const char *field);
/* The message paragraph with that id, when e names this form and field. */
void mk_ui_field_message(struct mk_buf *b, const struct mk_ui_form_error *e, const char *form,
			 const char *field);

/* The Indicatoren section of incident key's page (ui-intake.c), with the
 * add form when may_add; e a refused add ("indicatoren"). */
enum mk_rc mk_ui_indicators_section(struct mk_buf *b, struct mk_http_request *req, const char *key,
				    bool may_add, const struct mk_ui_form_error *e,
				    struct mk_error *err);

#endif
