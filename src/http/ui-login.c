/* GET/POST /login and POST /logout. The login form carries its own CSRF
 * token (a double-submit cookie and a hidden field with the same random
 * value), since there is no session yet to hold one: without it another
 * site could log a person in under the attacker's account. On success the
 * session token goes into the mk_session cookie, out of reach of scripts
 * (HttpOnly), never sent by other sites (SameSite=Strict), and only over
 * TLS when the server speaks it (Secure). */
#include <sodium.h>
#include <string.h>

#include "http/ui.h"

#define LOGIN_CSRF_COOKIE "mk_login_csrf"

static void cookie(struct mk_http_response *resp, const struct mk_http_request *req,
		   const char *name, const char *value, bool expire)
{
	char v[512];
	snprintf(v, sizeof(v), "%s=%s; HttpOnly; SameSite=Strict; Path=/%s%s", name, value,
		 req->tls ? "; Secure" : "", expire ? "; Max-Age=0" : "");
	mk_http_set_header(resp, "Set-Cookie", v);
}

static void render(struct mk_http_request *req, struct mk_http_response *resp, int status,
		   const char *error, const char *name)
{
	const char *lang = mk_ui_lang(req);
	unsigned char raw[24];
	char token[sodium_base64_ENCODED_LEN(sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(token, sizeof(token), raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);

	const char *next = mk_http_query(req, "next");
	if (!next)
		next = mk_http_form(req, "next");
	if (!mk_ui_local_path(next))
		next = "/";

	struct mk_buf b;
	mk_buf_init(&b, MK_HTTP_RESPONSE_MAX);
	mk_html_page_begin(&b, req, mk_t(lang, MSG_LOGIN_TITLE), MK_NAV_NONE);
	mk_buf_addf(&b, "<div class=\"narrow card\">\n<h1>%s</h1>\n", mk_t(lang, MSG_LOGIN_TITLE));
	if (mk_http_query(req, "uit"))
		mk_buf_addf(&b, "<p class=\"alert ok\" role=\"status\">%s</p>\n",
			    mk_t(lang, MSG_LOGGED_OUT));
	if (error) {
		mk_buf_adds(&b, "<p class=\"alert error\" role=\"alert\" id=\"login-error\">");
		mk_html_escape(&b, error);
		mk_buf_adds(&b, "</p>\n");
	} else {
		mk_buf_addf(&b, "<p>%s</p>\n", mk_t(lang, MSG_LOGIN_INTRO));
	}
	const char *described = error ? " aria-describedby=\"login-error\" aria-invalid=\"true\"" : "";
	mk_buf_adds(&b, "<form method=\"post\" action=\"/login\" class=\"stack\">\n");
	mk_buf_adds(&b, "<input type=\"hidden\" name=\"csrf\"");
	mk_html_attr(&b, "value", token);
	mk_buf_adds(&b, ">\n<input type=\"hidden\" name=\"next\"");
	mk_html_attr(&b, "value", next);
	mk_buf_addf(&b, ">\n<div class=\"field\"><label for=\"name\">%s</label>"
			"<input id=\"name\" name=\"name\" autocomplete=\"username\" required "
			"autocapitalize=\"none\" spellcheck=\"false\" maxlength=\"%d\"%s",
		    mk_t(lang, MSG_LOGIN_NAME), MK_ACCOUNT_NAME_MAX, described);
	if (name)
		mk_html_attr(&b, "value", name);
	mk_buf_addf(&b, "></div>\n<div class=\"field\"><label for=\"password\">%s</label>"
			"<input id=\"password\" name=\"password\" type=\"password\" "
			"autocomplete=\"current-password\" required maxlength=\"%d\"%s></div>\n"
			"<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div>\n"
			"</form>\n</div>\n",
		    mk_t(lang, MSG_LOGIN_PASSWORD), MK_PASSWORD_MAX, described,
		    mk_t(lang, MSG_LOGIN_SUBMIT));
	mk_html_page_end(&b, req);
	cookie(resp, req, LOGIN_CSRF_COOKIE, token, false);
	mk_ui_send(resp, status, &b);
	mk_buf_release(&b);
}

void mk_ui_login_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	if (req->authenticated) {
		mk_http_redirect(resp, "/");
		return;
	}
	render(req, resp, 200, NULL, NULL);
}

void mk_ui_login_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *lang = mk_ui_lang(req);
	const char *csrf = mk_http_form(req, "csrf");
	const char *expected = mk_http_cookie(req, LOGIN_CSRF_COOKIE);
	const char *name = mk_http_form(req, "name");
	const char *password = mk_http_form(req, "password");
	/* Constant-time comparison: the token is a secret. */
	if (!csrf || !expected || !*expected || strlen(csrf) != strlen(expected) ||
	    sodium_memcmp(csrf, expected, strlen(csrf)) != 0) {
		render(req, resp, 403, mk_t(lang, MSG_LOGIN_CSRF), name);
		return;
	}
	if (!name || !password || !*name || !*password) {
		render(req, resp, 422, mk_t(lang, MSG_LOGIN_FAILED), name);
		return;
	}
	char token[MK_TOKEN_TEXT], session_csrf[MK_TOKEN_TEXT];
	struct mk_account account;
	struct mk_error err;
	enum mk_rc rc = mk_svc_login(req->svc, req->now, name, password,
				     req->address ? req->address : "", token, session_csrf,
				     &account, &err);
	if (rc == MK_ETHROTTLED) {
		render(req, resp, 429, mk_t(lang, MSG_LOGIN_THROTTLED), name);
		return;
	}
	if (rc == MK_EPERM || rc == MK_EINVAL || rc == MK_ENOTFOUND) {
		render(req, resp, 401, mk_t(lang, MSG_LOGIN_FAILED), name);
		return;
	}
	if (rc != MK_OK) {
		mk_ui_error_page(req, resp, mk_http_status(rc), err.message);
		return;
	}
	const char *next = mk_http_form(req, "next");
	mk_http_redirect(resp, mk_ui_local_path(next) ? next : "/");
	cookie(resp, req, "mk_session", token, false);
	cookie(resp, req, LOGIN_CSRF_COOKIE, "", true);
	sodium_memzero(token, sizeof(token));
}

void mk_ui_logout_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *token = mk_http_cookie(req, "mk_session");
	if (token)
		(void)mk_svc_logout(req->svc, token, NULL);
	mk_http_redirect(resp, "/login?uit=1");
	cookie(resp, req, "mk_session", "", true);
}
