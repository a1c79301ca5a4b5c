/* GET /datalekken: the breach register (AVG art. 33(5)) as a page, every
 * breach the reader may see, notified or not, in the register's columns
 * (export/breach.h, the same cells as the CSV and XLSX), with the CSV and
 * XLSX downloads (/datalekken/export?format=csv|xlsx, the API's handler
 * behind the session). */
#include <string.h>

#include "export/breach.h"
#include "http/api-handlers.h"
#include "http/html.h"
#include "http/ui.h"

struct page_rows {
	struct mk_buf *b;
	struct mk_buf cells;
	mk_time now;
	size_t n;
};

static enum mk_rc row_cb(void *ctx, const struct mk_breach_register_row *r)
{
	struct page_rows *p = ctx;
	const char *cells[MK_REGISTER_COLUMNS];
	enum mk_rc rc = mk_register_cells(r, p->now, &p->cells, cells);
	if (rc)
		return rc;
	p->n++;
	mk_buf_adds(p->b, "<tr>");
	for (size_t i = 0; i < MK_REGISTER_COLUMNS; i++) {
		if (i == 0) {
			mk_buf_adds(p->b, "<th scope=\"row\">");
			mk_ui_incident_link(p->b, cells[0]);
			mk_buf_adds(p->b, "</th>");
			continue;
		}
		mk_buf_adds(p->b, "<td>");
		mk_html_escape(p->b, cells[i]);
		mk_buf_adds(p->b, "</td>");
	}
	mk_buf_adds(p->b, "</tr>\n");
	return mk_buf_rc(p->b);
}

void mk_ui_register_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *lang = mk_ui_lang(req);
	struct mk_buf b;
	mk_buf_init(&b, MK_HTTP_RESPONSE_MAX);
	struct mk_incident_query scope = {0};
	mk_ui_scope(req, &scope);
	struct page_rows p = {.b = &b, .now = req->now};
	mk_buf_init(&p.cells, 4 * MK_TEXT_MAX);
	mk_html_page_begin(&b, req, mk_t(lang, MSG_REG_TITLE), MK_NAV_DATALEKKEN);
	mk_buf_addf(&b, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", mk_t(lang, MSG_REG_TITLE),
		    mk_t(lang, MSG_REG_INTRO));
	mk_buf_addf(&b, "<p><a href=\"/datalekken/export?format=csv\">%s</a> &middot; "
			"<a href=\"/datalekken/export?format=xlsx\">%s</a></p>\n",
		    mk_t(lang, MSG_REG_CSV), mk_t(lang, MSG_REG_XLSX));
	mk_buf_addf(&b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"%s\">"
			"<table class=\"register\">\n<thead><tr>",
		    mk_t(lang, MSG_REG_TITLE));
	for (size_t i = 0; i < MK_REGISTER_COLUMNS; i++) {
		mk_buf_adds(&b, "<th scope=\"col\">");
		mk_html_escape(&b, mk_register_column(i));
		mk_buf_adds(&b, "</th>");
	}
	mk_buf_adds(&b, "</tr></thead>\n<tbody>\n");
	struct mk_error err = {0};
	enum mk_rc rc = mk_svc_breach_register(req->svc, &scope, row_cb, &p, &err);
	mk_buf_adds(&b, "</tbody>\n</table></div>\n");
	if (rc == MK_OK && p.n == 0)
		mk_buf_addf(&b, "<p>%s</p>\n", mk_t(lang, MSG_REG_EMPTY));
	mk_html_page_end(&b, req);
	if (rc == MK_OK && (rc = mk_buf_rc(&b)))
		mk_error_set(&err, rc, "", "the register is too large for one page: download it");
	if (rc == MK_OK)
		mk_ui_send(resp, 200, &b);
	else
		mk_ui_error_page(req, resp, mk_http_status(rc), err.message);
	mk_buf_release(&p.cells);
	mk_buf_release(&b);
}

void mk_ui_register_export(struct mk_http_request *req, struct mk_http_response *resp)
{
	mk_api_breaches(req, resp);
}
