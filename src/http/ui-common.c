/* Pieces of markup and checks shared by the pages of the web UI: the
 * need-to-know filter for lists, priority badges and the clocks. */
#include <string.h>

#include "http/ui.h"

void mk_ui_scope(const struct mk_http_request *req, struct mk_incident_query *q)
{
	q->viewer_account = req->account.name;
	mk_access_filter_for(req->account.role, &q->filter);
}

bool mk_ui_may(struct mk_http_request *req, const char *key, enum mk_action action)
{
	struct mk_access_subject subject;
	if (mk_svc_access_subject(req->svc, key, req->account.name, &subject, NULL) != MK_OK)
		return false;
	return mk_access_decide(req->account.role, action, &subject) == MK_ACCESS_ALLOW;
}

void mk_ui_priority(struct mk_buf *b, const char *lang, enum mk_priority p)
{
	if (p == MK_PRIORITY_NONE || p >= MK_PRIORITY_COUNT) {
		mk_buf_addf(b, "<span class=\"prio none\">%s</span>", mk_t(lang, MSG_INC_NOT_ASSESSED));
		return;
	}
	mk_buf_addf(b, "<span class=\"prio p%d\">%s %s</span>", (int)p, mk_priority_name(p),
		    mk_priority_label(p));
}

const char *mk_ui_deadline_state(const char *lang, enum mk_deadline_state s)
{
	static const enum mk_msg msg[MK_DEADLINE_STATE_COUNT] = {
		[MK_DEADLINE_NOT_APPLICABLE] = MSG_DL_NOT_APPLICABLE,
		[MK_DEADLINE_NOT_YET] = MSG_DL_NOT_YET,
		[MK_DEADLINE_RUNNING] = MSG_DL_RUNNING,
		[MK_DEADLINE_OVERDUE] = MSG_DL_OVERDUE,
		[MK_DEADLINE_MET] = MSG_DL_MET,
		[MK_DEADLINE_MET_LATE] = MSG_DL_MET_LATE,
		[MK_DEADLINE_ENDED] = MSG_DL_ENDED,
	};
	return (unsigned)s < MK_DEADLINE_STATE_COUNT ? mk_t(lang, msg[s]) : "";
}

void mk_ui_incident_link(struct mk_buf *b, const char *key)
{
	mk_buf_adds(b, "<a href=\"/incidenten/");
	mk_html_escape(b, key);
	mk_buf_adds(b, "\">");
	mk_html_escape(b, key);
	mk_buf_adds(b, "</a>");
}

void mk_ui_clock_row(struct mk_buf *b, const struct mk_http_request *req,
		     const struct mk_deadline *d, const struct mk_incident *inc)
{
	const char *lang = mk_ui_lang(req);
	bool overdue = d->state == MK_DEADLINE_OVERDUE || d->state == MK_DEADLINE_MET_LATE;
	bool live = d->state == MK_DEADLINE_RUNNING || d->state == MK_DEADLINE_OVERDUE;
	mk_buf_addf(b, "<tr class=\"clock-%s%s\">", mk_clock_name(d->clock),
		    overdue ? " overdue" : "");
	if (inc) {
		mk_buf_adds(b, "<td>");
		mk_ui_incident_link(b, inc->key);
		mk_buf_adds(b, "</td><td>");
		mk_html_escape(b, inc->title);
		mk_buf_adds(b, "</td>");
	}
	mk_buf_adds(b, "<th scope=\"row\">");
	mk_html_escape(b, mk_clock_label(d->clock));
	mk_buf_adds(b, "</th><td>");
	mk_html_time(b, req, d->due);
	mk_buf_adds(b, "</td><td>");
	if (live && d->due != MK_TIME_UNKNOWN) {
		char utc[MK_TIME_TEXT], dur[MK_TIME_TEXT];
		/* The script counts down from data-due; without it the text is
		 * the remaining time when the page was made. */
		mk_buf_addf(b, "<span class=\"countdown\" data-due=\"%s\" data-overdue=\"%s\">%s</span>",
			    mk_time_format_utc(d->due, utc), mk_t(lang, MSG_OVERDUE),
			    mk_duration_format(d->due - req->now, dur));
	} else {
		mk_buf_adds(b, "&#8211;");
	}
	mk_buf_addf(b, "</td><td><span class=\"state %s\">%s</span></td></tr>\n",
		    mk_deadline_state_name(d->state), mk_ui_deadline_state(lang, d->state));
}

const char *mk_ui_error_message(const char *lang, const struct mk_error *err)
{
	const char *m = err->message;
	if (strcmp(mk_lang(lang), "nl") != 0)
		return m;
	if (strstr(m, " is empty") || strstr(m, "cannot be empty") || strstr(m, " is required"))
		return mk_t(lang, MSG_ERR_REQUIRED);
	if (strstr(m, "is not a date and time"))
		return mk_t(lang, MSG_ERR_TIME);
	if (err->rc == MK_ETOOBIG || strstr(m, "longer than"))
		return mk_t(lang, MSG_ERR_TOO_LONG);
	return m;
}

void mk_ui_field_attrs(struct mk_buf *b, const struct mk_ui_form_error *e, const char *form,
		       const char *field)
{
	if (!e || !e->form || strcmp(e->form, form) != 0 || strcmp(e->field, field) != 0)
		return;
	mk_buf_addf(b, " aria-invalid=\"true\" aria-describedby=\"err-%s-%s\"", form, field);
}

void mk_ui_field_message(struct mk_buf *b, const struct mk_ui_form_error *e, const char *form,
			 const char *field)
{
	if (!e || !e->form || strcmp(e->form, form) != 0 || strcmp(e->field, field) != 0)
		return;
	mk_buf_addf(b, "<p class=\"field-error\" id=\"err-%s-%s\">", form, field);
	mk_html_escape(b, e->message);
	mk_buf_adds(b, "</p>");
}
