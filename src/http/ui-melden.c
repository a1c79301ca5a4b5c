/* GET/POST /melden: "Meld een incident", for every employee. The reporter
 * is the logged-in account (name from the account, department and phone
 * from the form); the service registers it as any other incident, with
 * source "report by users". A refused form comes back with the values
 * kept and the message tied to its field. */
#include <string.h>

#include "base/limits.h"
#include "http/ui.h"

static void text_field(struct mk_buf *b, const struct mk_ui_form_error *e, const char *lang,
		       const char *name, enum mk_msg label, enum mk_msg hint, const char *type,
		       const char *value, bool required, int max)
{
	mk_buf_addf(b, "<div class=\"field\"><label for=\"f-%s\">%s", name, mk_t(lang, label));
	if (!required)
		mk_buf_addf(b, " <span class=\"opt\">%s</span>", mk_t(lang, MSG_OPTIONAL));
	mk_buf_adds(b, "</label>");
	if (hint != MSG_COUNT)
		mk_buf_addf(b, "<p class=\"hint\" id=\"hint-%s\">%s</p>", name, mk_t(lang, hint));
	mk_ui_field_message(b, e, "melden", name);
	bool area = strcmp(type, "textarea") == 0;
	if (area)
		mk_buf_addf(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"6\" maxlength=\"%d\"", name,
			    name, max);
	else
		mk_buf_addf(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\"", name, name, type);
	if (!area && max > 0)
		mk_buf_addf(b, " maxlength=\"%d\"", max);
	if (required)
		mk_buf_adds(b, " required");
	if (hint != MSG_COUNT && !(e && e->form && strcmp(e->field, name) == 0))
		mk_buf_addf(b, " aria-describedby=\"hint-%s\"", name);
	mk_ui_field_attrs(b, e, "melden", name);
	if (area) {
		mk_buf_adds(b, ">");
		mk_html_escape(b, value);
		mk_buf_adds(b, "</textarea></div>\n");
	} else {
		if (value)
			mk_html_attr(b, "value", value);
		mk_buf_adds(b, "></div>\n");
	}
}

static void render(struct mk_http_request *req, struct mk_http_response *resp, int status,
		   const struct mk_ui_form_error *e)
{
	const char *lang = mk_ui_lang(req);
	struct mk_buf b;
	mk_buf_init(&b, MK_HTTP_RESPONSE_MAX);
	mk_html_page_begin(&b, req, mk_t(lang, MSG_MELDEN_TITLE), MK_NAV_MELDEN);
	mk_buf_addf(&b, "<div class=\"narrow\">\n<h1>%s</h1>\n<p class=\"lead\">%s</p>\n",
		    mk_t(lang, MSG_MELDEN_TITLE), mk_t(lang, MSG_MELDEN_INTRO));
	if (e) {
		mk_buf_addf(&b, "<div class=\"alert error\" role=\"alert\"><p>%s ",
			    mk_t(lang, MSG_ERR_FORM_INTRO));
		mk_html_escape(&b, e->message);
		mk_buf_adds(&b, "</p></div>\n");
	}
	mk_buf_adds(&b, "<form method=\"post\" action=\"/melden\" class=\"stack card\" data-enhance>\n");
	mk_html_csrf(&b, req);
	text_field(&b, e, lang, "title", MSG_MELDEN_WHAT, MSG_MELDEN_WHAT_HINT, "text",
		   mk_http_form(req, "title"), true, MK_TITLE_MAX);
	text_field(&b, e, lang, "description", MSG_MELDEN_HAPPENED, MSG_MELDEN_HAPPENED_HINT,
		   "textarea", mk_http_form(req, "description"), false, MK_TEXT_MAX);
	text_field(&b, e, lang, "detected_at", MSG_MELDEN_WHEN, MSG_MELDEN_WHEN_HINT,
		   "datetime-local", mk_http_form(req, "detected_at"), false, 0);
	text_field(&b, e, lang, "reporter_department", MSG_MELDEN_DEPARTMENT, MSG_COUNT, "text",
		   mk_http_form(req, "reporter_department"), false, MK_NAME_MAX);
	text_field(&b, e, lang, "reporter_phone", MSG_MELDEN_PHONE, MSG_COUNT, "tel",
		   mk_http_form(req, "reporter_phone"), false, MK_NAME_MAX);
	mk_buf_addf(&b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div>\n"
			"</form>\n</div>\n",
		    mk_t(lang, MSG_MELDEN_SUBMIT));
	mk_html_page_end(&b, req);
	mk_ui_send(resp, status, &b);
	mk_buf_release(&b);
}

void mk_ui_melden_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	render(req, resp, 200, NULL);
}

void mk_ui_melden_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const copied[] = {"title", "description", "detected_at",
					     "reporter_department", "reporter_phone"};
	struct mk_field_value fields[12];
	size_t n = 0;
	for (size_t i = 0; i < sizeof(copied) / sizeof(copied[0]); i++) {
		const char *v = mk_http_form(req, copied[i]);
		/* An empty optional field is simply not given. */
		if (v && (*v || i == 0))
			fields[n++] = (struct mk_field_value){copied[i], v};
	}
	if (!mk_http_form(req, "title"))
		fields[n++] = (struct mk_field_value){"title", ""};
	/* A melder's name and the source (a staff report) the service sets;
	 * anyone else reporting here is recorded the same way. */
	if (req->account.role != MK_ROLE_MELDER) {
		fields[n++] = (struct mk_field_value){"reporter_name", req->account.display_name};
		fields[n++] = (struct mk_field_value){"source", "gebruiker-partner"};
	}

	/* The service records a melder's account as the reporter's, so
	 * that they see their own reports. */
	if (!req->actor.account)
		req->actor.account = req->account.name;
	char key[MK_KEY_TEXT];
	struct mk_error err;
	enum mk_rc rc = mk_svc_incident_register(req->svc, &req->actor, req->now, fields, n, key,
						 &err);
	if (rc != MK_OK) {
		struct mk_ui_form_error e = {"melden", err.field,
					     mk_ui_error_message(mk_ui_lang(req), &err)};
		render(req, resp, mk_http_status(rc), &e);
		return;
	}
	char location[64];
	snprintf(location, sizeof(location), "/?gemeld=%s", key);
	mk_http_redirect(resp, location);
}
