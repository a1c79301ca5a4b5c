/* /api/v1/incidents/{key}/time, /cost, /costs, /evaluation, /actions,
 * /hold, /report and /evaluation.ics: the closure records (doc/closure.md)
 * in the shapes of export/json-closure.h, as the CLI's time, cost,
 * evaluation, action, incident hold, export report and export ical. The
 * purge stays on the command line (doc/closure.md says why). */
#include <string.h>

#include "base/alloc.h"
#include "export/ical.h"
#include "export/json-closure.h"
#include "http/api-handlers.h"
#include "http/api.h"
#include "http/report.h"
#include "service/accounts.h"

/* --- time entries ---------------------------------------------------------------- */

struct time_rows {
	json_t *rows;
	int64_t only;
	json_t *found;
};

static enum mk_rc add_time(void *ctx, const struct mk_time_entry *e, int64_t rate)
{
	struct time_rows *tr = ctx;
	if (tr->only) {
		if (e->id == tr->only && !tr->found)
			tr->found = mk_json_time_entry(e, rate);
		return MK_OK;
	}
	return json_array_append_new(tr->rows, mk_json_time_entry(e, rate)) ? MK_ENOMEM : MK_OK;
}

void mk_api_time_list(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct time_rows tr = {.rows = json_array()};
	struct mk_error err = {0};
	if (!tr.rows) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	if (mk_svc_time_list(req->svc, req->key, add_time, &tr, &err)) {
		json_decref(tr.rows);
		mk_api_fail(resp, &err);
		return;
	}
	mk_api_send(resp, 200, tr.rows);
}

void mk_api_time_add(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const members[] = {"minutes", "activity", "person", "role", "start",
					      "date", "note", NULL};
	json_t *body = NULL;
	struct mk_time_entry e = {.started_at = MK_TIME_UNKNOWN, .role = req->actor.role};
	const char *activity = NULL, *role = NULL, *start = NULL, *date = NULL;
	int64_t minutes = 0;
	bool has_minutes = false;
	struct mk_error err = {0};
	if (!mk_api_read_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_integer(body, "", "minutes", 1, MK_TIME_ENTRY_MINUTES_MAX, &has_minutes,
			       &minutes, &err) ||
	    mk_api_get_string(body, "", "activity", true, &activity, &err) ||
	    mk_api_get_string(body, "", "person", false, &e.person, &err) ||
	    mk_api_get_string(body, "", "role", false, &role, &err) ||
	    mk_api_get_string(body, "", "start", false, &start, &err) ||
	    mk_api_get_string(body, "", "date", false, &date, &err) ||
	    mk_api_get_string(body, "", "note", false, &e.note, &err))
		goto fail;
	if (!has_minutes) {
		mk_error_set(&err, MK_EINVAL, "minutes", "'minutes' is required");
		goto fail;
	}
	e.minutes = (int)minutes;
	if ((start && date) || (!start && !date)) {
		mk_error_set(&err, MK_EINVAL, "start", "give 'start' or 'date', one of them");
		goto fail;
	}
	if (date && strlen(date) >= sizeof(e.worked_on)) {
		mk_error_set(&err, MK_EINVAL, "date", "'date' is not a date (YYYY-MM-DD)");
		goto fail;
	}
	if (date)
		snprintf(e.worked_on, sizeof(e.worked_on), "%s", date);
	if ((start && mk_time_parse(start, "start", &e.started_at, &err)) ||
	    mk_activity_parse(activity, "activity", &e.activity, &err) ||
	    (role && mk_role_parse(role, "role", &e.role, &err)) ||
	    mk_svc_time_add(req->svc, &req->actor, req->now, req->key, &e, &err))
		goto fail;
	struct time_rows tr = {.only = e.id};
	if (mk_svc_time_list(req->svc, req->key, add_time, &tr, &err) == MK_OK)
		mk_api_send(resp, 201, tr.found);
	char done[64];
	snprintf(done, sizeof(done), "{\"id\":%lld}", (long long)e.id);
	mk_api_written(resp, 201, done);
	json_decref(body);
	return;
fail:
	mk_api_fail(resp, &err);
	json_decref(body);
}

/* --- costs ------------------------------------------------------------------------- */

void mk_api_cost_report(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_cost_report r;
	mk_cost_report_init(&r);
	struct mk_error err = {0};
	if (mk_svc_cost_report(req->svc, req->key, &r, &err))
		mk_api_fail(resp, &err);
	else
		mk_api_send(resp, 200, mk_json_cost_report(req->key, &r));
	mk_cost_report_release(&r);
}

struct cost_find {
	int64_t id;
	json_t *found;
};

static enum mk_rc find_cost(void *ctx, const struct mk_other_cost *c)
{
	struct cost_find *cf = ctx;
	if (c->id == cf->id && !cf->found)
		cf->found = mk_json_other_cost(c);
	return MK_OK;
}

void mk_api_cost_add(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const members[] = {"kind", "amount", "description", NULL};
	json_t *body = NULL;
	struct mk_other_cost c = {0};
	const char *kind = NULL, *amount = NULL;
	struct mk_error err = {0};
	if (!mk_api_read_object(req, resp, &body))
		return;
	/* The amount is a string of euros ("4840.00"): JSON numbers are
	 * binary floating point, and money is never that. */
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_string(body, "", "kind", true, &kind, &err) ||
	    mk_api_get_string(body, "", "amount", true, &amount, &err) ||
	    mk_api_get_string(body, "", "description", true, &c.description, &err) ||
	    mk_cost_kind_parse(kind, "kind", &c.kind, &err) ||
	    mk_cents_parse(amount, "amount", MK_COST_CENTS_MAX, &c.cents, &err) ||
	    mk_svc_cost_add(req->svc, &req->actor, req->now, req->key, &c, &err)) {
		mk_api_fail(resp, &err);
		json_decref(body);
		return;
	}
	struct cost_find cf = {c.id, NULL};
	if (mk_svc_costs(req->svc, req->key, find_cost, &cf, &err) == MK_OK)
		mk_api_send(resp, 201, cf.found);
	char done[64];
	snprintf(done, sizeof(done), "{\"id\":%lld}", (long long)c.id);
	mk_api_written(resp, 201, done);
	json_decref(body);
}

/* --- evaluation, actions, hold ---------------------------------------------------- */

static void send_evaluation(struct mk_http_request *req, struct mk_http_response *resp,
			    int status)
{
	struct mk_error err = {0};
	json_t *ev = mk_json_evaluation(req->svc, req->key, &err);
	if (!ev)
		mk_api_fail(resp, &err);
	else
		mk_api_send(resp, status, ev);
}

void mk_api_evaluation_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	/* The evaluation is the team's work on the incident (core/access.h,
	 * the reporter's view). */
	if (!mk_api_may_see_handling(req, resp, "evaluation"))
		return;
	send_evaluation(req, resp, 200);
}

void mk_api_evaluation_set(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const members[] = {"lessons", "process_review", "answers", NULL};
	json_t *body = NULL;
	const json_t *answers = NULL;
	struct mk_field_value pairs[MK_EVALUATION_QUESTIONS_MAX];
	struct mk_evaluation_input in = {.answers = pairs};
	struct mk_error err = {0};
	if (!mk_api_read_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_string(body, "", "lessons", false, &in.lessons, &err) ||
	    mk_api_get_string(body, "", "process_review", false, &in.process_review, &err) ||
	    mk_api_get_object(body, "", "answers", &answers, &err))
		goto fail;
	const char *code;
	json_t *v;
	json_object_foreach((json_t *)answers, code, v)
	{
		if (in.nanswers == MK_EVALUATION_QUESTIONS_MAX) {
			mk_error_set(&err, MK_EINVAL, "answers", "at most %d answers",
				     MK_EVALUATION_QUESTIONS_MAX);
			goto fail;
		}
		if (!json_is_string(v)) {
			mk_error_set(&err, MK_EINVAL, "answers", "'answers.%.16s' must be a string", code);
			goto fail;
		}
		pairs[in.nanswers++] = (struct mk_field_value){code, json_string_value(v)};
	}
	if (!in.lessons && !in.process_review && !in.nanswers) {
		mk_error_set(&err, MK_EINVAL, "lessons",
			     "give 'lessons', 'process_review' or 'answers'");
		goto fail;
	}
	if (mk_svc_evaluation_set(req->svc, &req->actor, req->now, req->key, &in, &err))
		goto fail;
	send_evaluation(req, resp, 200);
	mk_api_written(resp, 200, "{}");
	json_decref(body);
	return;
fail:
	mk_api_fail(resp, &err);
	json_decref(body);
}

void mk_api_evaluation_meeting(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const members[] = {"at", "minutes", NULL};
	json_t *body = NULL;
	const char *at_text = NULL;
	mk_time at = MK_TIME_UNKNOWN;
	int64_t minutes = MK_MEETING_MINUTES_DEFAULT;
	bool has_minutes;
	struct mk_error err = {0};
	if (!mk_api_read_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_string(body, "", "at", true, &at_text, &err) ||
	    mk_time_parse(at_text, "at", &at, &err) ||
	    mk_api_get_integer(body, "", "minutes", MK_MEETING_MINUTES_MIN, MK_MEETING_MINUTES_MAX,
			       &has_minutes, &minutes, &err) ||
	    mk_svc_evaluation_meeting(req->svc, &req->actor, req->now, req->key, at, (int)minutes,
				      &err)) {
		mk_api_fail(resp, &err);
	} else {
		send_evaluation(req, resp, 200);
		mk_api_written(resp, 200, "{}");
	}
	json_decref(body);
}

void mk_api_action_add(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const members[] = {"what", "owner", "due", NULL};
	json_t *body = NULL;
	const char *due = NULL;
	struct mk_improvement a = {.due_at = MK_TIME_UNKNOWN, .done_at = MK_TIME_UNKNOWN};
	struct mk_error err = {0};
	if (!mk_api_read_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_string(body, "", "what", true, &a.what, &err) ||
	    mk_api_get_string(body, "", "owner", true, &a.owner, &err) ||
	    mk_api_get_string(body, "", "due", true, &due, &err) ||
	    mk_time_parse(due, "due", &a.due_at, &err) ||
	    mk_svc_action_add(req->svc, &req->actor, req->now, req->key, &a, &err)) {
		mk_api_fail(resp, &err);
	} else {
		send_evaluation(req, resp, 201);
		mk_api_written(resp, 201, "{}");
	}
	json_decref(body);
}

void mk_api_action_done(struct mk_http_request *req, struct mk_http_response *resp)
{
	/* /api/v1/incidents/{key}/actions/{id}/done: the id is the segment
	 * before the last. */
	const char *id_text = req->nseg >= 2 ? req->seg[req->nseg - 2] : "";
	char *end;
	long long id = strtoll(id_text, &end, 10);
	struct mk_error err = {0};
	if (!id_text[0] || *end || id < 1) {
		mk_error_set(&err, MK_ENOTFOUND, "action", "no improvement action '%.20s'", id_text);
		mk_api_fail(resp, &err);
		return;
	}
	if (mk_svc_action_done(req->svc, &req->actor, req->now, req->key, id, &err)) {
		mk_api_fail(resp, &err);
		return;
	}
	send_evaluation(req, resp, 200);
	mk_api_written(resp, 200, "{}");
}

static void hold_op(struct mk_http_request *req, struct mk_http_response *resp, bool place)
{
	static const char *const members[] = {"reason", NULL};
	json_t *body = NULL;
	const char *reason = NULL;
	struct mk_error err = {0};
	if (!mk_api_read_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_string(body, "", "reason", true, &reason, &err) ||
	    (place ? mk_svc_hold : mk_svc_release)(req->svc, &req->actor, req->now, req->key, reason,
						   &err)) {
		mk_api_fail(resp, &err);
	} else {
		send_evaluation(req, resp, 200);
		mk_api_written(resp, 200, "{}");
	}
	json_decref(body);
}

void mk_api_hold(struct mk_http_request *req, struct mk_http_response *resp)
{
	hold_op(req, resp, true);
}

void mk_api_release(struct mk_http_request *req, struct mk_http_response *resp)
{
	hold_op(req, resp, false);
}

/* --- downloads -------------------------------------------------------------------- */

static void attachment(struct mk_http_response *resp, const char *key, const char *suffix)
{
	char v[128];
	/* The key is MK-YYYY-NNNN (the router matched it): safe in a header. */
	snprintf(v, sizeof(v), "attachment; filename=\"%s%s\"", key, suffix);
	mk_http_set_header(resp, "Content-Disposition", v);
}

void mk_api_report(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_error err = {0};
	/* A download, not a page: the report is self-contained with an
	 * inline style, meant to be saved and printed; the site's pages keep
	 * their strict style-src. */
	mk_buf_reset(&resp->body);
	if (mk_report_html(req->svc, req->key, req->now, req->actor.name, &resp->body, &err)) {
		mk_buf_reset(&resp->body);
		/* Too big for one answer is the server's limit, not the
		 * request's fault (413 would say the request was too large). */
		if (err.rc == MK_ETOOBIG)
			mk_http_problem(resp, 500, "report", err.message);
		else
			mk_api_fail(resp, &err);
		return;
	}
	resp->status = 200;
	resp->content_type = "text/html; charset=utf-8";
	attachment(resp, req->key, "-rapport.html");
}

struct team_people {
	struct mk_service *svc;
	struct mk_ical_person people[64];
	char names[64][MK_NAME_MAX + 1];
	char addrs[64][MK_ACCOUNT_NAME_MAX * 3 + 64];
	size_t n;
};

static enum mk_rc add_member(void *ctx, const char *login)
{
	struct team_people *tp = ctx;
	if (tp->n == sizeof(tp->people) / sizeof(tp->people[0]))
		return MK_OK;
	struct mk_account a;
	struct mk_error err;
	bool found = mk_svc_user_get(tp->svc, login, &a, &err) == MK_OK;
	snprintf(tp->names[tp->n], sizeof(tp->names[0]), "%s", found ? a.display_name : login);
	mk_ical_account_address(login, NULL, tp->addrs[tp->n], sizeof(tp->addrs[0]));
	tp->people[tp->n] = (struct mk_ical_person){tp->names[tp->n], tp->addrs[tp->n]};
	tp->n++;
	return MK_OK;
}

struct meeting {
	mk_time at;
	int minutes, sequence;
};

static enum mk_rc read_meeting(void *ctx, const struct mk_evaluation_view *v)
{
	struct meeting *m = ctx;
	*m = (struct meeting){v->meeting_at, v->meeting_minutes, v->meeting_sequence};
	return MK_OK;
}

void mk_api_ical(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_error err = {0};
	struct mk_incident inc;
	mk_incident_init(&inc);
	struct meeting m = {MK_TIME_UNKNOWN, 0, 0};
	struct team_people *tp = mk_calloc(1, sizeof(*tp));
	char *text = NULL;
	if (!tp) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	tp->svc = req->svc;
	if (mk_svc_incident_get(req->svc, req->key, &inc, &err) ||
	    mk_svc_evaluation_get(req->svc, req->key, read_meeting, &m, &err) ||
	    mk_svc_team(req->svc, req->key, add_member, tp, &err))
		goto fail;
	if (m.at == MK_TIME_UNKNOWN) {
		mk_error_set(&err, MK_ECONFLICT, "meeting_at",
			     "%s has no evaluation meeting yet: propose one first", req->key);
		goto fail;
	}
	/* Without a mail domain configured for the server, accounts are
	 * named (urn:x-meldkamer:account:NAME), not mailed. */
	char organizer[MK_ACCOUNT_NAME_MAX * 3 + 64];
	mk_ical_account_address(req->actor.account ? req->actor.account : req->actor.name, NULL,
				organizer, sizeof(organizer));
	struct mk_ical_meeting meeting = {
		.key = inc.key, .uuid = inc.uuid, .title = inc.title, .start = m.at,
		.minutes = m.minutes, .sequence = m.sequence, .stamp = req->now,
		.organizer = {req->actor.name, organizer}, .attendees = tp->people,
		.nattendees = tp->n,
	};
	if (mk_ical_invitation(&meeting, &text, &err))
		goto fail;
	resp->status = 200;
	resp->content_type = "text/calendar; charset=utf-8; method=REQUEST";
	mk_buf_reset(&resp->body);
	mk_buf_adds(&resp->body, text);
	attachment(resp, req->key, "-evaluatie.ics");
	goto out;
fail:
	mk_api_fail(resp, &err);
out:
	mk_free(text);
	mk_free(tp);
	mk_incident_release(&inc);
}
