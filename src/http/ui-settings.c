/* GET/POST /instellingen: the person's own settings; for now the
 * language of the web UI (Dutch or English), kept on the account. */
#include <string.h>

#include "http/ui.h"

static void render(struct mk_http_request *req, struct mk_http_response *resp, int status,
		   const char *error)
{
	const char *lang = mk_ui_lang(req);
	struct mk_buf b;
	mk_buf_init(&b, MK_HTTP_RESPONSE_MAX);
	mk_html_page_begin(&b, req, mk_t(lang, MSG_SET_TITLE), MK_NAV_INSTELLINGEN);
	mk_buf_addf(&b, "<div class=\"narrow\">\n<h1>%s</h1>\n", mk_t(lang, MSG_SET_TITLE));
	if (error) {
		mk_buf_adds(&b, "<p class=\"alert error\" role=\"alert\" id=\"err-lang\">");
		mk_html_escape(&b, error);
		mk_buf_adds(&b, "</p>\n");
	} else if (mk_http_query(req, "opgeslagen")) {
		mk_buf_addf(&b, "<p class=\"alert ok\" role=\"status\">%s</p>\n", mk_t(lang, MSG_SET_SAVED));
	}
	mk_buf_addf(&b, "<section class=\"card\" aria-labelledby=\"h-account\"><h2 id=\"h-account\">%s</h2>\n"
			"<dl class=\"record\"><dt>%s</dt><dd>",
		    mk_t(lang, MSG_SET_ACCOUNT), mk_t(lang, MSG_LOGIN_NAME));
	mk_html_escape(&b, req->account.name);
	mk_buf_addf(&b, "</dd><dt>%s</dt><dd>", mk_t(lang, MSG_INC_REPORTER));
	mk_html_escape(&b, req->account.display_name);
	mk_buf_adds(&b, " (");
	mk_html_escape(&b, mk_role_name(req->account.role));
	mk_buf_adds(&b, ")</dd></dl></section>\n");
	mk_buf_adds(&b, "<form method=\"post\" action=\"/instellingen\" class=\"stack card\">\n");
	mk_html_csrf(&b, req);
	mk_buf_addf(&b, "<fieldset%s><legend>%s</legend>\n",
		    error ? " aria-describedby=\"err-lang\"" : "", mk_t(lang, MSG_SET_LANG));
	const char *cur = mk_lang(req->account.lang[0] ? req->account.lang : req->lang);
	mk_buf_addf(&b, "<div class=\"radio\"><input type=\"radio\" id=\"lang-nl\" name=\"lang\" value=\"nl\"%s>"
			"<label for=\"lang-nl\" lang=\"nl\">%s</label></div>\n"
			"<div class=\"radio\"><input type=\"radio\" id=\"lang-en\" name=\"lang\" value=\"en\"%s>"
			"<label for=\"lang-en\" lang=\"en\">%s</label></div>\n</fieldset>\n"
			"<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div>\n</form>\n</div>\n",
		    strcmp(cur, "nl") == 0 ? " checked" : "", mk_t("nl", MSG_SET_LANG_NL),
		    strcmp(cur, "en") == 0 ? " checked" : "", mk_t("en", MSG_SET_LANG_EN),
		    mk_t(lang, MSG_SAVE));
	mk_html_page_end(&b, req);
	mk_ui_send(resp, status, &b);
	mk_buf_release(&b);
}

void mk_ui_settings_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	render(req, resp, 200, NULL);
}

void mk_ui_settings_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *lang = mk_http_form(req, "lang");
	struct mk_error err;
	enum mk_rc rc = mk_svc_user_set_lang(req->svc, &req->actor, req->now, req->account.name,
					     lang ? lang : "", &err);
	if (rc != MK_OK) {
		render(req, resp, mk_http_status(rc), err.message);
		return;
	}
	mk_http_redirect(resp, "/instellingen?opgeslagen=1");
}
