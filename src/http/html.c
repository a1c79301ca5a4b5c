/* The one HTML escaping function and the page layout shared by every page
 * of the web UI (html.h). The layout carries the accessibility basics of
 * WCAG 2.1 AA once for all pages: the language attribute, a skip link,
 * landmarks (header, nav, main, footer) and a title per page. */
#include <string.h>

#include "http/html.h"
#include "http/i18n.h"

void mk_html_escape(struct mk_buf *b, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *ref;
		switch (*s) {
		case '&': ref = "&amp;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '"': ref = "&quot;"; break;
		case '\'': ref = "&#39;"; break;
		default: continue;
		}
		mk_buf_add(b, run, (size_t)(s - run));
		mk_buf_adds(b, ref);
		run = s + 1;
	}
	mk_buf_add(b, run, (size_t)(s - run));
}

void mk_html_url_param(struct mk_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			mk_buf_addc(b, (char)c);
		} else {
			mk_buf_addc(b, '%');
			mk_buf_addc(b, hex[c >> 4]);
			mk_buf_addc(b, hex[c & 15]);
		}
	}
}

void mk_html_attr(struct mk_buf *b, const char *name, const char *value)
{
	mk_buf_addf(b, " %s=\"", name);
	mk_html_escape(b, value);
	mk_buf_addc(b, '"');
}

struct nav_item {
	enum mk_ui_nav nav;
	const char *href;
	enum mk_msg label;
	enum mk_action action; /* shown only to roles that may do this */
};

static const struct nav_item nav_items[] = {
	{MK_NAV_DASHBOARD, "/", MSG_NAV_DASHBOARD, MK_ACT_INCIDENT_LIST},
	{MK_NAV_MELDEN, "/melden", MSG_NAV_MELDEN, MK_ACT_INCIDENT_CREATE},
	{MK_NAV_WACHTRIJ, "/wachtrij", MSG_NAV_WACHTRIJ, MK_ACT_INCIDENT_ASSESS},
	{MK_NAV_INCIDENTEN, "/incidenten", MSG_NAV_INCIDENTEN, MK_ACT_INCIDENT_LIST},
	{MK_NAV_KPI, "/kpi", MSG_NAV_KPI, MK_ACT_KPI_READ},
	{MK_NAV_ALERTS, "/alertgroepen", MSG_NAV_ALERTS, MK_ACT_ALERT_READ},
	{MK_NAV_DATALEKKEN, "/datalekken", MSG_NAV_REGISTER, MK_ACT_BREACH_REGISTER},
	{MK_NAV_INSTELLINGEN, "/instellingen", MSG_NAV_INSTELLINGEN, MK_ACT_COUNT},
};

/* May the role use a page at all? Queue and assessment are per incident
 * in access.h; the navigation asks with an ordinary (not confidential,
 * not own) incident, which is what the queue lists. */
static bool role_may(enum mk_role role, enum mk_action action)
{
	if (action == MK_ACT_COUNT)
		return true;
	struct mk_access_subject plain = {false, false, false};
	bool one = !mk_action_is_register(action);
	return mk_access_decide(role, action, one ? &plain : NULL) == MK_ACCESS_ALLOW;
}

void mk_html_page_begin(struct mk_buf *b, const struct mk_http_request *req, const char *title,
			enum mk_ui_nav nav)
{
	const char *lang = mk_lang(req->lang);
	mk_buf_adds(b, "<!DOCTYPE html>\n<html");
	mk_html_attr(b, "lang", lang);
	mk_buf_adds(b, ">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       "<title>");
	mk_html_escape(b, title);
	mk_buf_adds(b, " - meldkamer</title>\n"
		       "<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"/static/app.css\">\n</head>\n<body>\n");
	mk_buf_addf(b, "<a class=\"skip\" href=\"#inhoud\">%s</a>\n", mk_t(lang, MSG_SKIP_LINK));
	mk_buf_adds(b, "<header class=\"banner\">\n<div class=\"brand\">"
		       "<a href=\"/\"><span class=\"logo\" aria-hidden=\"true\">&#9670;</span> meldkamer</a>"
		       "<span class=\"tagline\">");
	mk_buf_adds(b, mk_t(lang, MSG_TAGLINE));
	mk_buf_adds(b, "</span></div>\n");
	if (req->authenticated) {
		mk_buf_addf(b, "<nav aria-label=\"%s\"><ul>\n", mk_t(lang, MSG_NAV_LABEL));
		for (size_t i = 0; i < sizeof(nav_items) / sizeof(nav_items[0]); i++) {
			const struct nav_item *it = &nav_items[i];
			if (!role_may(req->account.role, it->action))
				continue;
			mk_buf_addf(b, "<li><a href=\"%s\"%s>%s</a></li>\n", it->href,
				    it->nav == nav ? " aria-current=\"page\"" : "",
				    mk_t(lang, it->label));
		}
		mk_buf_adds(b, "</ul></nav>\n<div class=\"who\"><span>");
		mk_html_escape(b, req->account.display_name);
		mk_buf_adds(b, " <span class=\"role\">(");
		mk_html_escape(b, mk_role_name(req->account.role));
		mk_buf_adds(b, ")</span></span>\n<form method=\"post\" action=\"/logout\">");
		mk_html_csrf(b, req);
		mk_buf_addf(b, "<button type=\"submit\" class=\"link\">%s</button></form></div>\n",
			    mk_t(lang, MSG_LOGOUT));
	}
	mk_buf_adds(b, "</header>\n<main id=\"inhoud\" tabindex=\"-1\">\n");
}

void mk_html_page_end(struct mk_buf *b, const struct mk_http_request *req)
{
	mk_buf_addf(b, "</main>\n<footer class=\"footer\"><p>%s</p></footer>\n"
		       "<script src=\"/static/app.js\" defer></script>\n</body>\n</html>\n",
		    mk_t(mk_lang(req->lang), MSG_FOOTER));
}

void mk_html_csrf(struct mk_buf *b, const struct mk_http_request *req)
{
	mk_buf_adds(b, "<input type=\"hidden\" name=\"csrf\"");
	mk_html_attr(b, "value", req->csrf);
	mk_buf_adds(b, ">");
}

void mk_html_time(struct mk_buf *b, const struct mk_http_request *req, mk_time t)
{
	if (t == MK_TIME_UNKNOWN) {
		mk_buf_addf(b, "<span class=\"unknown\">%s</span>",
			    mk_t(mk_lang(req->lang), MSG_UNKNOWN));
		return;
	}
	char utc[MK_TIME_TEXT], local[MK_TIME_TEXT];
	mk_buf_addf(b, "<time datetime=\"%s\">%s</time>", mk_time_format_utc(t, utc),
		    mk_time_format_local(t, local));
}

void mk_html_time_input(struct mk_buf *b, mk_time t)
{
	if (t == MK_TIME_UNKNOWN)
		return;
	struct mk_civil c;
	mk_time_to_local(t, &c);
	mk_buf_addf(b, "%04d-%02d-%02dT%02d:%02d", c.year, c.month, c.day, c.hour, c.minute);
}

void mk_ui_send(struct mk_http_response *resp, int status, struct mk_buf *page)
{
	if (mk_buf_rc(page) != MK_OK) {
		mk_http_problem(resp, mk_buf_rc(page) == MK_ETOOBIG ? 500 : 503, NULL,
				"the page could not be built");
		return;
	}
	resp->status = status;
	resp->content_type = "text/html; charset=utf-8";
	/* The page becomes the body without a copy; page is left empty. */
	struct mk_buf body = resp->body;
	resp->body = *page;
	*page = body;
	mk_buf_reset(page);
	/* The server adds the security headers (CSP, nosniff, framing) and
	 * Cache-Control: no-store to every page. */
}

void mk_ui_error_page(const struct mk_http_request *req, struct mk_http_response *resp,
		      int status, const char *message)
{
	const char *lang = mk_lang(req->lang);
	struct mk_buf b;
	mk_buf_init(&b, MK_HTTP_RESPONSE_MAX);
	const char *title = status == 404 ? mk_t(lang, MSG_ERR_NOT_FOUND_TITLE)
			  : status == 403 ? mk_t(lang, MSG_ERR_FORBIDDEN_TITLE)
					  : mk_t(lang, MSG_ERR_TITLE);
	mk_html_page_begin(&b, req, title, MK_NAV_NONE);
	mk_buf_adds(&b, "<h1>");
	mk_html_escape(&b, title);
	mk_buf_adds(&b, "</h1>\n<p class=\"alert error\" role=\"alert\">");
	mk_html_escape(&b, message);
	mk_buf_addf(&b, "</p>\n<p><a href=\"/\">%s</a></p>\n", mk_t(lang, MSG_BACK_HOME));
	mk_html_page_end(&b, req);
	mk_ui_send(resp, status, &b);
	mk_buf_release(&b);
}

bool mk_ui_local_path(const char *location)
{
	if (!location || location[0] != '/' || location[1] == '/' || location[1] == '\\')
		return false;
	for (const char *p = location; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return false;
	return strlen(location) < 400;
}
