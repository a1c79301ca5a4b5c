/* GET /incidenten/{key}/afsluiting: time and costs, the evaluation after
 * closure (meeting, lessons, the step 7 questions, improvement actions),
 * retention and the legal hold, and the downloads (report, invitation).
 * A page of its own, linked from the incident page, so that it reads as
 * the closing work it is. Each form shows only to roles that may use it
 * (core/access.c) and posts to ui-closure-post.c, which comes back here. */
#include <string.h>

#include "core/deadline.h"
#include "core/evaluation.h"
#include "export/json-closure.h"
#include "http/ui-closure.h"

struct page {
	struct mk_http_request *req;
	const char *lang;
	struct mk_buf *b;
	const struct mk_incident *inc;
	const struct mk_ui_form_error *e;
	bool may[MK_ACT_COUNT];
};

static const char *t(const struct page *p, enum mk_msg id)
{
	return mk_t(p->lang, id);
}

static void section_open(const struct page *p, const char *id, enum mk_msg title)
{
	mk_buf_addf(p->b, "<section class=\"card\" id=\"%s\" aria-labelledby=\"h-%s\">\n"
			  "<h2 id=\"h-%s\">%s</h2>\n",
		    id, id, id, t(p, title));
}

static void form_open(const struct page *p, const char *form, const char *action)
{
	struct mk_buf *b = p->b;
	mk_buf_addf(b, "<form method=\"post\" id=\"form-%s\" class=\"stack\" action=\"/incidenten/", form);
	mk_html_escape(b, p->inc->key);
	mk_buf_addf(b, "/%s\"", action);
	bool mine = p->e && p->e->form && strcmp(p->e->form, form) == 0;
	if (mine)
		mk_buf_addf(b, " aria-describedby=\"err-%s\"", form);
	mk_buf_adds(b, ">\n");
	mk_html_csrf(b, p->req);
	if (mine) {
		mk_buf_addf(b, "<p class=\"alert error\" id=\"err-%s\">", form);
		mk_html_escape(b, p->e->message);
		mk_buf_adds(b, "</p>\n");
	}
}

/* The value a refused form had, or "". */
static const char *posted(const struct page *p, const char *form, const char *field)
{
	if (p->e && p->e->form && strcmp(p->e->form, form) == 0) {
		const char *v = mk_http_form(p->req, field);
		if (v)
			return v;
	}
	return "";
}

static void input(const struct page *p, const char *form, const char *name, enum mk_msg label,
		  const char *type, const char *value, bool required, const char *extra)
{
	struct mk_buf *b = p->b;
	mk_buf_addf(b, "<div class=\"field\"><label for=\"%s-%s\">%s</label>"
		       "<input id=\"%s-%s\" name=\"%s\" type=\"%s\"",
		    form, name, t(p, label), form, name, name, type);
	mk_html_attr(b, "value", value);
	if (required)
		mk_buf_adds(b, " required");
	if (extra)
		mk_buf_addf(b, " %s", extra);
	mk_ui_field_attrs(b, p->e, form, name);
	mk_buf_adds(b, "></div>\n");
}

static void textarea(const struct page *p, const char *form, const char *name, const char *label,
		     const char *value)
{
	struct mk_buf *b = p->b;
	mk_buf_addf(b, "<div class=\"field\"><label for=\"%s-%s\">", form, name);
	mk_html_escape(b, label);
	mk_buf_addf(b, "</label><textarea id=\"%s-%s\" name=\"%s\" rows=\"3\" maxlength=\"65536\"",
		    form, name, name);
	mk_ui_field_attrs(b, p->e, form, name);
	mk_buf_adds(b, ">");
	mk_html_escape(b, value);
	mk_buf_adds(b, "</textarea></div>\n");
}

static void select_of(const struct page *p, const char *form, const char *name, enum mk_msg label,
		      const char *(*name_of)(int), int count, const char *chosen)
{
	struct mk_buf *b = p->b;
	mk_buf_addf(b, "<div class=\"field\"><label for=\"%s-%s\">%s</label><select id=\"%s-%s\" name=\"%s\">",
		    form, name, t(p, label), form, name, name);
	for (int i = 0; i < count; i++) {
		const char *n = name_of(i);
		mk_buf_adds(b, "<option");
		mk_html_attr(b, "value", n);
		if (chosen && strcmp(chosen, n) == 0)
			mk_buf_adds(b, " selected");
		mk_buf_adds(b, ">");
		mk_html_escape(b, n);
		mk_buf_adds(b, "</option>");
	}
	mk_buf_adds(b, "</select></div>\n");
}

static const char *activity_at(int i)
{
	return mk_activity_name((enum mk_activity)i);
}

static const char *kind_at(int i)
{
	return mk_cost_kind_name((enum mk_cost_kind)i);
}

static const char *role_at(int i)
{
	return mk_role_name((enum mk_role)i);
}

static void submit(const struct page *p, enum mk_msg label)
{
	mk_buf_addf(p->b, "<div class=\"actions\"><button type=\"submit\">%s</button></div>\n</form>\n",
		    t(p, label));
}

static void money(const struct page *p, int64_t cents)
{
	char buf[MK_CENTS_TEXT];
	mk_html_escape(p->b, mk_cents_format_nl(cents, buf));
}

/* --- time and costs ---------------------------------------------------------------- */

static enum mk_rc time_row(void *ctx, const struct mk_time_entry *e, int64_t rate)
{
	const struct page *p = ctx;
	struct mk_buf *b = p->b;
	mk_buf_adds(b, "<tr><td>");
	mk_html_escape(b, e->worked_on);
	mk_buf_adds(b, "</td><td>");
	mk_html_escape(b, e->person);
	mk_buf_adds(b, "</td><td>");
	mk_html_escape(b, mk_role_name(e->role));
	mk_buf_adds(b, "</td><td>");
	mk_html_escape(b, mk_activity_name(e->activity));
	mk_buf_addf(b, "</td><td class=\"num\">%d</td><td class=\"num\">", e->minutes);
	if (rate >= 0)
		money(p, mk_cost_of_minutes(e->minutes, rate));
	else
		mk_buf_adds(b, t(p, MSG_CL_NO_RATE));
	mk_buf_adds(b, "</td><td>");
	mk_html_escape(b, e->note);
	mk_buf_adds(b, "</td></tr>\n");
	return mk_buf_rc(b);
}

static enum mk_rc time_section(const struct page *p, struct mk_error *err)
{
	struct mk_buf *b = p->b;
	enum mk_rc rc = MK_OK;
	section_open(p, "tijd", MSG_CL_TIME);
	mk_buf_addf(b, "<p>%s</p>\n", t(p, MSG_CL_TIME_INTRO));
	if (p->may[MK_ACT_COST_READ]) {
		struct mk_cost_report r;
		mk_cost_report_init(&r);
		if ((rc = mk_svc_cost_report(p->req->svc, p->inc->key, &r, err))) {
			mk_cost_report_release(&r);
			return rc;
		}
		mk_buf_addf(b, "<table class=\"totals\"><caption>%s</caption><tbody>\n", t(p, MSG_CL_TOTAL));
		mk_buf_addf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld min</td><td class=\"num\">",
			    t(p, MSG_CL_TIME_TOTAL), (long long)r.minutes);
		money(p, r.time_cents);
		mk_buf_addf(b, "</td></tr>\n<tr><th scope=\"row\">%s</th><td></td><td class=\"num\">",
			    t(p, MSG_CL_OTHER_TOTAL));
		money(p, r.other_cents);
		mk_buf_addf(b, "</td></tr>\n<tr><th scope=\"row\">%s</th><td></td><td class=\"num\"><strong>",
			    t(p, MSG_CL_TOTAL));
		money(p, r.total_cents);
		mk_buf_addf(b, "</strong></td></tr>\n</tbody></table>\n<p class=\"hint\">%s</p>\n",
			    t(p, MSG_CL_ROUNDING));
		size_t n = r.entries;
		mk_cost_report_release(&r);
		if (n) {
			mk_buf_addf(b, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
				    t(p, MSG_CL_DATE), t(p, MSG_CL_PERSON), t(p, MSG_CL_ROLE),
				    t(p, MSG_CL_ACTIVITY), t(p, MSG_CL_MINUTES), t(p, MSG_CL_AMOUNT),
				    t(p, MSG_CL_NOTE));
			if ((rc = mk_svc_time_list(p->req->svc, p->inc->key, time_row, (void *)p, err)))
				return rc;
			mk_buf_adds(b, "</tbody></table>\n");
		} else {
			mk_buf_addf(b, "<p>%s</p>\n", t(p, MSG_CL_NO_TIME));
		}
	}
	if (p->may[MK_ACT_TIME_ADD]) {
		mk_buf_addf(b, "<h3>%s</h3>\n", t(p, MSG_CL_TIME_ADD));
		form_open(p, "tijd", "tijd");
		input(p, "tijd", "minutes", MSG_CL_MINUTES, "number", posted(p, "tijd", "minutes"), true,
		      "min=\"1\" max=\"1440\"");
		select_of(p, "tijd", "activity", MSG_CL_ACTIVITY, activity_at, MK_ACTIVITY_COUNT,
			  posted(p, "tijd", "activity"));
		input(p, "tijd", "date", MSG_CL_DATE, "date", posted(p, "tijd", "date"), true, NULL);
		select_of(p, "tijd", "role", MSG_CL_ROLE, role_at, MK_ROLE_COUNT,
			  posted(p, "tijd", "role")[0] ? posted(p, "tijd", "role")
						       : mk_role_name(p->req->account.role));
		input(p, "tijd", "note", MSG_CL_NOTE, "text", posted(p, "tijd", "note"), false,
		      "maxlength=\"1000\"");
		submit(p, MSG_CL_TIME_ADD);
	}
	if (p->may[MK_ACT_COST_ADD]) {
		mk_buf_addf(b, "<h3>%s</h3>\n", t(p, MSG_CL_COST_ADD));
		form_open(p, "kosten", "kosten");
		select_of(p, "kosten", "kind", MSG_CL_KIND, kind_at, MK_COST_KIND_COUNT,
			  posted(p, "kosten", "kind"));
		input(p, "kosten", "amount", MSG_CL_AMOUNT, "text", posted(p, "kosten", "amount"), true,
		      "inputmode=\"decimal\" aria-describedby=\"kosten-amount-hint\"");
		mk_buf_addf(b, "<p class=\"hint\" id=\"kosten-amount-hint\">%s</p>\n", t(p, MSG_CL_AMOUNT_HINT));
		input(p, "kosten", "description", MSG_CL_DESCRIPTION, "text",
		      posted(p, "kosten", "description"), true, "maxlength=\"1000\"");
		submit(p, MSG_CL_COST_ADD);
	}
	mk_buf_adds(b, "</section>\n");
	return MK_OK;
}

/* --- evaluation ------------------------------------------------------------------- */

struct eval_ctx {
	const struct page *p;
	json_t *ev;
};

static const char *jtext(const json_t *o, const char *name)
{
	const char *s = json_string_value(json_object_get(o, name));
	return s ? s : "";
}

static void when_iso(const struct page *p, const char *iso)
{
	mk_time at;
	if (iso && iso[0] && mk_time_parse(iso, "t", &at, NULL) == MK_OK)
		mk_html_time(p->b, p->req, at);
	else
		mk_html_escape(p->b, t(p, MSG_UNKNOWN));
}

static void evaluation_section(const struct page *p, json_t *ev)
{
	struct mk_buf *b = p->b;
	section_open(p, "evaluatie", MSG_CL_EVALUATION);
	json_t *w = json_object_get(ev, "window");
	if (!json_is_object(w)) {
		mk_buf_addf(b, "<p>%s</p>\n</section>\n", t(p, MSG_CL_NOT_CLOSED));
		return;
	}
	mk_time opens = MK_TIME_UNKNOWN, due = MK_TIME_UNKNOWN;
	mk_time_parse(jtext(w, "opens"), "opens", &opens, NULL);
	mk_time_parse(jtext(w, "due"), "due", &due, NULL);
	char o[MK_TIME_TEXT], d[MK_TIME_TEXT];
	mk_buf_adds(b, "<p>");
	mk_buf_addf(b, t(p, MSG_CL_WINDOW_FMT), mk_time_format_local(opens, o), mk_time_format_local(due, d));
	mk_buf_adds(b, "</p>\n");
	json_t *m = json_object_get(ev, "meeting");
	mk_buf_addf(b, "<h3>%s</h3>\n<p>", t(p, MSG_CL_MEETING));
	if (json_is_object(m)) {
		when_iso(p, jtext(m, "at"));
		mk_buf_addf(b, ", %lld min", (long long)json_integer_value(json_object_get(m, "minutes")));
	} else {
		mk_buf_adds(b, t(p, MSG_CL_NO_MEETING));
	}
	mk_buf_adds(b, "</p>\n");
	bool edit = p->may[MK_ACT_EVALUATION_EDIT];
	if (edit) {
		form_open(p, "vergadering", "vergadering");
		input(p, "vergadering", "at", MSG_CL_MEETING_AT, "datetime-local",
		      posted(p, "vergadering", "at"), true, NULL);
		const char *mins = posted(p, "vergadering", "minutes");
		input(p, "vergadering", "minutes", MSG_CL_MINUTES, "number", mins[0] ? mins : "90", true,
		      "min=\"15\" max=\"480\"");
		submit(p, MSG_CL_MEETING_SUBMIT);
	}

	json_t *questions = json_object_get(ev, "questions");
	size_t i;
	json_t *q;
	if (edit) {
		form_open(p, "evaluatie", "evaluatie");
		textarea(p, "evaluatie", "lessons", t(p, MSG_CL_LESSONS), jtext(ev, "lessons"));
		textarea(p, "evaluatie", "process_review", t(p, MSG_CL_REVIEW), jtext(ev, "process_review"));
		mk_buf_addf(b, "<fieldset><legend>%s</legend>\n", t(p, MSG_CL_QUESTIONS));
		json_array_foreach(questions, i, q)
		{
			char name[32], label[600];
			snprintf(name, sizeof(name), "q-%s", jtext(q, "code"));
			snprintf(label, sizeof(label), "%s %s", jtext(q, "code"),
				 strcmp(p->lang, "en") == 0 ? jtext(q, "question") : jtext(q, "vraag"));
			textarea(p, "evaluatie", name, label, jtext(q, "answer"));
		}
		mk_buf_adds(b, "</fieldset>\n");
		submit(p, MSG_CL_EVAL_SUBMIT);
	} else {
		mk_buf_addf(b, "<dl>\n<dt>%s</dt><dd class=\"pre\">", t(p, MSG_CL_LESSONS));
		mk_html_escape(b, jtext(ev, "lessons"));
		mk_buf_addf(b, "</dd>\n<dt>%s</dt><dd class=\"pre\">", t(p, MSG_CL_REVIEW));
		mk_html_escape(b, jtext(ev, "process_review"));
		mk_buf_adds(b, "</dd>\n");
		json_array_foreach(questions, i, q)
		{
			mk_buf_adds(b, "<dt>");
			mk_html_escape(b, jtext(q, "code"));
			mk_buf_adds(b, " ");
			mk_html_escape(b, strcmp(p->lang, "en") == 0 ? jtext(q, "question") : jtext(q, "vraag"));
			mk_buf_adds(b, "</dt><dd class=\"pre\">");
			mk_html_escape(b, jtext(q, "answer"));
			mk_buf_adds(b, "</dd>\n");
		}
		mk_buf_adds(b, "</dl>\n");
	}

	mk_buf_addf(b, "<h3>%s</h3>\n", t(p, MSG_CL_ACTIONS));
	json_t *actions = json_object_get(ev, "actions");
	if (json_array_size(actions) == 0) {
		mk_buf_addf(b, "<p>%s</p>\n", t(p, MSG_CL_NO_ACTIONS));
	} else {
		mk_buf_addf(b, "<table><thead><tr><th scope=\"col\">#</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "</tr></thead><tbody>\n",
			    t(p, MSG_CL_WHAT), t(p, MSG_CL_OWNER), t(p, MSG_CL_DUE), t(p, MSG_CL_DONE));
		json_array_foreach(actions, i, q)
		{
			long long id = (long long)json_integer_value(json_object_get(q, "id"));
			mk_buf_addf(b, "<tr><td>%lld</td><td>", id);
			mk_html_escape(b, jtext(q, "what"));
			mk_buf_adds(b, "</td><td>");
			mk_html_escape(b, jtext(q, "owner"));
			mk_buf_adds(b, "</td><td>");
			when_iso(p, jtext(q, "due"));
			mk_buf_adds(b, "</td><td>");
			if (json_is_true(json_object_get(q, "done"))) {
				when_iso(p, jtext(q, "done_at"));
			} else if (edit) {
				char action[48];
				snprintf(action, sizeof(action), "acties/%lld/afgerond", id);
				mk_buf_adds(b, "<form method=\"post\" action=\"/incidenten/");
				mk_html_escape(b, p->inc->key);
				mk_buf_addf(b, "/%s\">", action);
				mk_html_csrf(b, p->req);
				mk_buf_adds(b, "<button type=\"submit\">");
				mk_buf_addf(b, t(p, MSG_CL_MARK_DONE_FMT), id);
				mk_buf_adds(b, "</button></form>");
			} else {
				mk_buf_adds(b, t(p, MSG_NO));
			}
			mk_buf_adds(b, "</td></tr>\n");
		}
		mk_buf_adds(b, "</tbody></table>\n");
	}
	if (edit) {
		form_open(p, "acties", "acties");
		input(p, "acties", "what", MSG_CL_WHAT, "text", posted(p, "acties", "what"), true,
		      "maxlength=\"1000\"");
		input(p, "acties", "owner", MSG_CL_OWNER, "text", posted(p, "acties", "owner"), true,
		      "maxlength=\"200\"");
		input(p, "acties", "due", MSG_CL_DUE, "date", posted(p, "acties", "due"), true, NULL);
		submit(p, MSG_CL_ACTION_ADD);
	}
	mk_buf_adds(b, "</section>\n");
}

static void hold_section(const struct page *p, json_t *ev)
{
	struct mk_buf *b = p->b;
	section_open(p, "bewaren", MSG_CL_HOLD);
	if (p->inc->closed_at != MK_TIME_UNKNOWN) {
		char until[MK_TIME_TEXT];
		mk_buf_adds(b, "<p>");
		mk_buf_addf(b, t(p, MSG_CL_RETAIN_FMT),
			    mk_time_format_local(mk_retention_end(p->inc->closed_at, MK_RETENTION_YEARS),
						 until));
		mk_buf_adds(b, "</p>\n");
	}
	json_t *h = json_object_get(ev, "legal_hold");
	bool held = json_is_object(h);
	mk_buf_adds(b, "<p>");
	if (held) {
		mk_time at = MK_TIME_UNKNOWN;
		char when[MK_TIME_TEXT];
		mk_time_parse(jtext(h, "at"), "at", &at, NULL);
		struct mk_buf who;
		mk_buf_init(&who, 512);
		mk_html_escape(&who, jtext(h, "by"));
		mk_buf_addf(b, t(p, MSG_CL_HELD_FMT), mk_time_format_local(at, when),
			    who.data ? who.data : "");
		mk_buf_release(&who);
		mk_html_escape(b, jtext(h, "reason"));
	} else {
		mk_buf_adds(b, t(p, MSG_CL_NOT_HELD));
	}
	mk_buf_adds(b, "</p>\n");
	if (p->may[MK_ACT_INCIDENT_HOLD]) {
		const char *form = held ? "opheffen" : "bewaarplicht";
		form_open(p, form, held ? "bewaarplicht/opheffen" : "bewaarplicht");
		input(p, form, "reason", MSG_CL_REASON, "text", posted(p, form, "reason"), true,
		      "maxlength=\"1000\"");
		submit(p, held ? MSG_CL_RELEASE_SUBMIT : MSG_CL_HOLD_SUBMIT);
	}
	mk_buf_adds(b, "</section>\n");
}

static void downloads_section(const struct page *p, json_t *ev)
{
	if (!p->may[MK_ACT_REPORT_READ])
		return;
	struct mk_buf *b = p->b;
	section_open(p, "downloads", MSG_CL_DOWNLOADS);
	mk_buf_adds(b, "<ul>\n<li><a href=\"/api/v1/incidents/");
	mk_html_escape(b, p->inc->key);
	mk_buf_addf(b, "/report\" download>%s</a></li>\n", t(p, MSG_CL_REPORT));
	if (json_is_object(json_object_get(ev, "meeting"))) {
		mk_buf_adds(b, "<li><a href=\"/api/v1/incidents/");
		mk_html_escape(b, p->inc->key);
		mk_buf_addf(b, "/evaluation.ics\" download>%s</a></li>\n", t(p, MSG_CL_ICAL));
	}
	mk_buf_adds(b, "</ul>\n</section>\n");
}

void mk_ui_closure_render(struct mk_http_request *req, struct mk_http_response *resp, int status,
			  const struct mk_ui_form_error *e)
{
	const char *lang = mk_ui_lang(req);
	struct mk_incident inc;
	mk_incident_init(&inc);
	struct mk_buf b;
	mk_buf_init(&b, MK_HTTP_RESPONSE_MAX);
	struct mk_error err = {0};
	json_t *ev = NULL;
	enum mk_rc rc = mk_svc_incident_get(req->svc, req->key, &inc, &err);
	if (rc)
		goto out;
	/* The closing work is the team's, not the reporter's (core/access.h). */
	if (!mk_access_sees_handling(req->account.role)) {
		rc = mk_error_set(&err, MK_EPERM, "", "this page is the team's work on the incident");
		goto out;
	}
	struct page p = {req, lang, &b, &inc, e, {0}};
	struct mk_access_subject subject;
	if ((rc = mk_svc_access_subject(req->svc, inc.key, req->account.name, &subject, &err)))
		goto out;
	for (int a = 0; a < MK_ACT_COUNT; a++)
		if (!mk_action_is_register((enum mk_action)a))
			p.may[a] = mk_access_decide(req->account.role, (enum mk_action)a, &subject) ==
				   MK_ACCESS_ALLOW;
	if (!(ev = mk_json_evaluation(req->svc, inc.key, &err))) {
		rc = err.rc ? err.rc : MK_ENOMEM;
		goto out;
	}
	struct mk_buf title;
	mk_buf_init(&title, MK_TITLE_MAX + 128);
	mk_buf_addf(&title, "%s: %s", mk_t(lang, MSG_CL_TITLE), inc.key);
	mk_html_page_begin(&b, req, title.data, MK_NAV_INCIDENTEN);
	mk_buf_release(&title);
	mk_buf_addf(&b, "<p class=\"key\"><a href=\"/incidenten/%s\">%s</a></p>\n<h1>%s: ", inc.key,
		    mk_t(lang, MSG_CL_BACK), mk_t(lang, MSG_CL_TITLE));
	mk_html_escape(&b, inc.key);
	mk_buf_adds(&b, " ");
	mk_html_escape(&b, inc.title);
	mk_buf_adds(&b, "</h1>\n");
	if (e) {
		mk_buf_addf(&b, "<div class=\"alert error\" role=\"alert\"><p>%s ", mk_t(lang, MSG_ERR_FORM_INTRO));
		mk_html_escape(&b, e->message);
		mk_buf_adds(&b, "</p></div>\n");
	} else if (mk_http_query(req, "opgeslagen")) {
		mk_buf_addf(&b, "<p class=\"alert ok\" role=\"status\">%s</p>\n", mk_t(lang, MSG_INC_SAVED));
	}
	if ((rc = time_section(&p, &err)))
		goto out;
	evaluation_section(&p, ev);
	hold_section(&p, ev);
	downloads_section(&p, ev);
	mk_html_page_end(&b, req);
out:
	if (rc == MK_OK)
		mk_ui_send(resp, status, &b);
	else
		mk_ui_error_page(req, resp, mk_http_status(rc), err.message);
	json_decref(ev);
	mk_buf_release(&b);
	mk_incident_release(&inc);
}

void mk_ui_closure_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	mk_ui_closure_render(req, resp, 200, NULL);
}
