/* The form posts of the closure page (ui-closure.c): /incidenten/{key}/
 * tijd, /kosten, /vergadering, /evaluatie, /acties, /acties/{id}/afgerond,
 * /bewaarplicht and /bewaarplicht/opheffen. Each reads its fields, calls
 * the one service function and answers 303 back to the page; a refused
 * form shows the page again with the message at the form and the typed
 * values kept. */
#include <stdlib.h>
#include <string.h>

#include "core/evaluation.h"
#include "http/ui-closure.h"

static void back(struct mk_http_request *req, struct mk_http_response *resp, const char *anchor)
{
	char location[128];
	snprintf(location, sizeof(location), "/incidenten/%s/afsluiting?opgeslagen=1#%s", req->key,
		 anchor);
	mk_http_redirect(resp, location);
}

static void refused(struct mk_http_request *req, struct mk_http_response *resp, const char *form,
		    const struct mk_error *err)
{
	struct mk_ui_form_error e = {form, err->field, mk_ui_error_message(mk_ui_lang(req), err)};
	mk_ui_closure_render(req, resp, mk_http_status(err->rc), &e);
}

static const char *field(struct mk_http_request *req, const char *name)
{
	const char *v = mk_http_form(req, name);
	return v ? v : "";
}

void mk_ui_time_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_error err = {0};
	struct mk_time_entry e = {.started_at = MK_TIME_UNKNOWN, .role = req->actor.role};
	const char *minutes = field(req, "minutes"), *date = field(req, "date");
	char *end;
	long m = strtol(minutes, &end, 10);
	if (!minutes[0] || *end || m < 1 || m > MK_TIME_ENTRY_MINUTES_MAX) {
		mk_error_set(&err, MK_EINVAL, "minutes", "minutes must be 1 to %d",
			     MK_TIME_ENTRY_MINUTES_MAX);
		refused(req, resp, "tijd", &err);
		return;
	}
	e.minutes = (int)m;
	snprintf(e.worked_on, sizeof(e.worked_on), "%.10s", date);
	if (strlen(date) > 10) {
		mk_error_set(&err, MK_EINVAL, "date", "date is not a date (YYYY-MM-DD)");
		refused(req, resp, "tijd", &err);
		return;
	}
	const char *note = field(req, "note");
	e.note = note[0] ? note : NULL;
	const char *role = field(req, "role");
	if (mk_activity_parse(field(req, "activity"), "activity", &e.activity, &err) ||
	    (role[0] && mk_role_parse(role, "role", &e.role, &err)) ||
	    mk_svc_time_add(req->svc, &req->actor, req->now, req->key, &e, &err)) {
		refused(req, resp, "tijd", &err);
		return;
	}
	back(req, resp, "tijd");
}

void mk_ui_cost_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_error err = {0};
	struct mk_other_cost c = {.description = field(req, "description")};
	if (mk_cost_kind_parse(field(req, "kind"), "kind", &c.kind, &err) ||
	    mk_cents_parse(field(req, "amount"), "amount", MK_COST_CENTS_MAX, &c.cents, &err) ||
	    mk_svc_cost_add(req->svc, &req->actor, req->now, req->key, &c, &err)) {
		refused(req, resp, "kosten", &err);
		return;
	}
	back(req, resp, "tijd");
}

void mk_ui_meeting_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_error err = {0};
	mk_time at = MK_TIME_UNKNOWN;
	const char *minutes = field(req, "minutes");
	char *end;
	long m = strtol(minutes, &end, 10);
	if (!minutes[0] || *end) {
		mk_error_set(&err, MK_EINVAL, "minutes", "minutes is not a number");
		refused(req, resp, "vergadering", &err);
		return;
	}
	if (m < 0 || m > 100000)
		m = 0; /* refused by the range check with the range named */
	if (mk_time_parse(field(req, "at"), "at", &at, &err) ||
	    mk_svc_evaluation_meeting(req->svc, &req->actor, req->now, req->key, at, (int)m, &err)) {
		refused(req, resp, "vergadering", &err);
		return;
	}
	back(req, resp, "evaluatie");
}

void mk_ui_evaluation_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_error err = {0};
	struct mk_eval_questions q;
	if (mk_eval_questions_load(&q, &err)) {
		refused(req, resp, "evaluatie", &err);
		return;
	}
	struct mk_field_value answers[MK_EVALUATION_QUESTIONS_MAX];
	struct mk_evaluation_input in = {.lessons = mk_http_form(req, "lessons"),
					 .process_review = mk_http_form(req, "process_review"),
					 .answers = answers};
	/* Every question is on the form: an unchanged answer writes nothing
	 * new, an emptied one removes it. */
	for (size_t i = 0; i < q.count; i++) {
		char name[32];
		snprintf(name, sizeof(name), "q-%s", q.items[i].code);
		const char *v = mk_http_form(req, name);
		if (v)
			answers[in.nanswers++] = (struct mk_field_value){q.items[i].code, v};
	}
	enum mk_rc rc = mk_svc_evaluation_set(req->svc, &req->actor, req->now, req->key, &in, &err);
	mk_eval_questions_release(&q);
	if (rc) {
		refused(req, resp, "evaluatie", &err);
		return;
	}
	back(req, resp, "evaluatie");
}

void mk_ui_action_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_error err = {0};
	struct mk_improvement a = {.what = field(req, "what"), .owner = field(req, "owner"),
				   .due_at = MK_TIME_UNKNOWN, .done_at = MK_TIME_UNKNOWN};
	const char *due = field(req, "due");
	if ((due[0] && mk_time_parse(due, "due", &a.due_at, &err)) ||
	    mk_svc_action_add(req->svc, &req->actor, req->now, req->key, &a, &err)) {
		refused(req, resp, "acties", &err);
		return;
	}
	back(req, resp, "evaluatie");
}

void mk_ui_action_done_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_error err = {0};
	const char *id_text = req->nseg >= 2 ? req->seg[req->nseg - 2] : "";
	char *end;
	long long id = strtoll(id_text, &end, 10);
	if (!id_text[0] || *end || id < 1) {
		mk_error_set(&err, MK_ENOTFOUND, "action", "no improvement action '%.20s'", id_text);
		refused(req, resp, "acties", &err);
		return;
	}
	if (mk_svc_action_done(req->svc, &req->actor, req->now, req->key, id, &err)) {
		refused(req, resp, "acties", &err);
		return;
	}
	back(req, resp, "evaluatie");
}

void mk_ui_hold_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_error err = {0};
	if (mk_svc_hold(req->svc, &req->actor, req->now, req->key, field(req, "reason"), &err)) {
		refused(req, resp, "bewaarplicht", &err);
		return;
	}
	back(req, resp, "bewaren");
}

void mk_ui_release_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_error err = {0};
	if (mk_svc_release(req->svc, &req->actor, req->now, req->key, field(req, "reason"), &err)) {
		refused(req, resp, "opheffen", &err);
		return;
	}
	back(req, resp, "bewaren");
}
