/* HTML output for the web UI (ui-*.c). There is no template language:
 * a page is C that appends markup and passes every value through
 * mk_html_escape, the one escaping function, so nothing a person typed
 * can become markup. The helpers here open and close the page layout
 * (skip link, landmarks, navigation by role, language attribute) and
 * write the small pieces every page needs. */
#ifndef MK_HTTP_HTML_H
#define MK_HTTP_HTML_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/time.h"
#include "http/http.h"

/* Appends s to b with & < > " ' replaced by character references, so the
 * result is safe as element content and inside a quoted attribute value.
 * NULL appends nothing. Bytes are copied as they are otherwise (text is
 * checked as UTF-8 where it enters meldkamer). */
void mk_html_escape(struct mk_buf *b, const char *s);

/* Appends s percent-encoded for a URL query value: only A-Z a-z 0-9 - _
 * . ~ stay as they are, so the result is also safe inside an attribute. */
void mk_html_url_param(struct mk_buf *b, const char *s);

/* ` name="value"` with the value escaped. */
void mk_html_attr(struct mk_buf *b, const char *name, const char *value);

/* Which navigation item is the current page (aria-current). */
enum mk_ui_nav {
	MK_NAV_NONE,
	MK_NAV_DASHBOARD,
	MK_NAV_MELDEN,
	MK_NAV_WACHTRIJ,
	MK_NAV_INCIDENTEN,
	MK_NAV_KPI,
	MK_NAV_INSTELLINGEN,
	MK_NAV_ALERTS,
	MK_NAV_DATALEKKEN,
};

/* The document up to and including `<main id="inhoud">`: doctype,
 * <html lang>, the title ("title - meldkamer", escaped), the stylesheet,
 * a skip link, the banner with the navigation the role may use and a
 * logout form (when logged in). */
void mk_html_page_begin(struct mk_buf *b, const struct mk_http_request *req, const char *title,
			enum mk_ui_nav nav);
/* Closes main, adds the footer and the script, closes the document. */
void mk_html_page_end(struct mk_buf *b, const struct mk_http_request *req);

/* The hidden CSRF field of a session form. */
void mk_html_csrf(struct mk_buf *b, const struct mk_http_request *req);

/* <time datetime="UTC">Amsterdam time</time>, or "onbekend"/"unknown"
 * for MK_TIME_UNKNOWN. */
void mk_html_time(struct mk_buf *b, const struct mk_http_request *req, mk_time t);

/* A time as the value of an <input type="datetime-local"> in Amsterdam
 * time ("2026-10-27T11:00"), "" when unknown. */
void mk_html_time_input(struct mk_buf *b, mk_time t);

/* Finishes a page: text/html and the status (the server adds the
 * security and caching headers). */
void mk_ui_send(struct mk_http_response *resp, int status, struct mk_buf *page);

/* A whole error page with a heading and message (escaped). */
void mk_ui_error_page(const struct mk_http_request *req, struct mk_http_response *resp,
		      int status, const char *message);

/* True if location is a path on this site ("/...", not "//..." nor with a
 * backslash or control character), safe to redirect to after login. */
bool mk_ui_local_path(const char *location);

#endif
