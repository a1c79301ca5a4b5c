/* GET /: the dashboard. For the people who handle incidents: the open
 * incidents by priority (P1..P4 and not yet assessed, counts and the
 * newest few of each) and the running clocks that must be acted on (the
 * golden hour and the 72 hours towards the AP), overdue first, in red and
 * with the words "te laat". A melder sees their own reports instead. */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "http/ui.h"

#define PER_PRIORITY 8  /* incidents listed under each priority */
#define CLOCKS_MAX 200  /* clock rows on the page */
#define MELDER_SCAN 200 /* a melder's newest reports shown */

struct open_ctx {
	struct mk_http_request *req;
	int64_t count[MK_PRIORITY_COUNT];
	struct mk_buf list[MK_PRIORITY_COUNT];
};

static enum mk_rc open_cb(void *ctx, const struct mk_incident *inc)
{
	struct open_ctx *c = ctx;
	enum mk_priority p = inc->priority < MK_PRIORITY_COUNT ? inc->priority : MK_PRIORITY_NONE;
	if (c->count[p]++ >= PER_PRIORITY)
		return MK_OK;
	struct mk_buf *b = &c->list[p];
	mk_buf_adds(b, "<li>");
	mk_ui_incident_link(b, inc->key);
	mk_buf_adds(b, " ");
	mk_html_escape(b, inc->title);
	mk_buf_addf(b, " <span class=\"phase\">%s</span>", mk_phase_label(inc->phase));
	if (inc->confidential)
		mk_buf_addf(b, " <span class=\"tag\">%s</span>",
			    mk_t(mk_ui_lang(c->req), MSG_CONFIDENTIAL));
	mk_buf_adds(b, "</li>\n");
	return mk_buf_rc(b);
}

struct clock_row {
	int overdue;  /* 0 overdue, 1 running: overdue sorts first */
	mk_time due;
	char *html;
};

struct clock_ctx {
	struct mk_http_request *req;
	struct clock_row rows[CLOCKS_MAX];
	size_t n;
	int64_t more;
};

static enum mk_rc clock_cb(void *ctx, const struct mk_incident *inc, const struct mk_deadline *d)
{
	struct clock_ctx *c = ctx;
	if (d->clock != MK_CLOCK_GOLDEN_HOUR && d->clock != MK_CLOCK_AP)
		return MK_OK;
	if (d->state != MK_DEADLINE_RUNNING && d->state != MK_DEADLINE_OVERDUE)
		return MK_OK;
	if (c->n == CLOCKS_MAX) {
		c->more++;
		return MK_OK;
	}
	struct mk_buf b;
	mk_buf_init(&b, 64 * 1024);
	mk_ui_clock_row(&b, c->req, d, inc);
	char *html = mk_buf_detach(&b, NULL);
	if (!html)
		return MK_ENOMEM;
	c->rows[c->n++] = (struct clock_row){d->state == MK_DEADLINE_OVERDUE ? 0 : 1, d->due, html};
	return MK_OK;
}

static int clock_cmp(const void *a, const void *b)
{
	const struct clock_row *x = a, *y = b;
	if (x->overdue != y->overdue)
		return x->overdue - y->overdue;
	return (x->due > y->due) - (x->due < y->due);
}

static void staff_view(struct mk_http_request *req, struct mk_buf *b, struct mk_error *err,
		       enum mk_rc *rc)
{
	const char *lang = mk_ui_lang(req);
	struct open_ctx oc = {.req = req};
	for (int p = 0; p < MK_PRIORITY_COUNT; p++)
		mk_buf_init(&oc.list[p], MK_HTTP_RESPONSE_MAX / 8);
	struct mk_incident_query q = {.open_only = true, .borrow_text = true};
	mk_ui_scope(req, &q);
	*rc = mk_svc_incidents(req->svc, &q, open_cb, &oc, err);

	mk_buf_addf(b, "<section aria-labelledby=\"h-prio\">\n<h2 id=\"h-prio\">%s</h2>\n"
		       "<div class=\"prio-grid\">\n",
		    mk_t(lang, MSG_DASH_OPEN_BY_PRIORITY));
	static const enum mk_priority order[] = {MK_PRIORITY_P1, MK_PRIORITY_P2, MK_PRIORITY_P3,
						 MK_PRIORITY_P4, MK_PRIORITY_NONE};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		enum mk_priority p = order[i];
		mk_buf_addf(b, "<div class=\"prio-card\" id=\"prio-%s\">\n<h3>",
			    p == MK_PRIORITY_NONE ? "none" : mk_priority_name(p));
		if (p == MK_PRIORITY_NONE)
			mk_buf_adds(b, mk_t(lang, MSG_DASH_NOT_ASSESSED));
		else
			mk_ui_priority(b, lang, p);
		mk_buf_addf(b, " <span class=\"count\">%lld</span></h3>\n", (long long)oc.count[p]);
		if (oc.count[p] > 0) {
			mk_buf_adds(b, "<ul class=\"plain\">\n");
			mk_buf_add(b, oc.list[p].data, oc.list[p].len);
			if (oc.count[p] > PER_PRIORITY) {
				mk_buf_adds(b, "<li class=\"more\">");
				mk_buf_addf(b, mk_t(lang, MSG_DASH_MORE_FMT),
					    (long long)(oc.count[p] - PER_PRIORITY));
				mk_buf_adds(b, "</li>\n");
			}
			mk_buf_adds(b, "</ul>\n");
		}
		mk_buf_adds(b, "</div>\n");
		if (mk_buf_rc(&oc.list[p]) != MK_OK && *rc == MK_OK)
			*rc = mk_buf_rc(&oc.list[p]);
	}
	mk_buf_adds(b, "</div>\n</section>\n");
	for (int p = 0; p < MK_PRIORITY_COUNT; p++)
		mk_buf_release(&oc.list[p]);
	if (*rc != MK_OK)
		return;

	struct clock_ctx *cc = mk_calloc(1, sizeof(*cc));
	if (!cc) {
		*rc = MK_ENOMEM;
		return;
	}
	cc->req = req;
	struct mk_incident_query scope = {0};
	mk_ui_scope(req, &scope);
	*rc = mk_svc_deadlines_visible(req->svc, req->now, &scope, clock_cb, cc, err);
	qsort(cc->rows, cc->n, sizeof(cc->rows[0]), clock_cmp);
	mk_buf_addf(b, "<section aria-labelledby=\"h-clocks\">\n<h2 id=\"h-clocks\">%s</h2>\n",
		    mk_t(lang, MSG_DASH_CLOCKS));
	if (cc->n == 0) {
		mk_buf_addf(b, "<p>%s</p>\n", mk_t(lang, MSG_DASH_NO_CLOCKS));
	} else {
		mk_buf_addf(b, "<table class=\"clocks\">\n<thead><tr><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    mk_t(lang, MSG_COL_KEY), mk_t(lang, MSG_COL_TITLE), mk_t(lang, MSG_CLOCK),
			    mk_t(lang, MSG_DUE), mk_t(lang, MSG_REMAINING), mk_t(lang, MSG_STATE));
		for (size_t i = 0; i < cc->n; i++)
			mk_buf_adds(b, cc->rows[i].html);
		mk_buf_adds(b, "</tbody>\n</table>\n");
		if (cc->more > 0) {
			mk_buf_adds(b, "<p>");
			mk_buf_addf(b, mk_t(lang, MSG_DASH_MORE_FMT), (long long)cc->more);
			mk_buf_adds(b, "</p>\n");
		}
	}
	mk_buf_adds(b, "</section>\n");
	for (size_t i = 0; i < cc->n; i++)
		mk_free(cc->rows[i].html);
	mk_free(cc);
}

struct own_ctx {
	struct mk_http_request *req;
	struct mk_buf *b;
	int64_t n;
};

static enum mk_rc own_cb(void *ctx, const struct mk_incident *inc)
{
	struct own_ctx *c = ctx;
	struct mk_buf *b = c->b;
	const char *lang = mk_ui_lang(c->req);
	if (c->n++ == 0)
		mk_buf_addf(b, "<table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    mk_t(lang, MSG_COL_KEY), mk_t(lang, MSG_COL_TITLE),
			    mk_t(lang, MSG_COL_REPORTED), mk_t(lang, MSG_COL_PHASE));
	mk_buf_adds(b, "<tr><td>");
	mk_ui_incident_link(b, inc->key);
	mk_buf_adds(b, "</td><td>");
	mk_html_escape(b, inc->title);
	mk_buf_adds(b, "</td><td>");
	mk_html_time(b, c->req, inc->reported_at);
	mk_buf_addf(b, "</td><td>%s</td></tr>\n", mk_phase_label(inc->phase));
	return mk_buf_rc(b);
}

static void melder_view(struct mk_http_request *req, struct mk_buf *b, struct mk_error *err,
			enum mk_rc *rc)
{
	const char *lang = mk_ui_lang(req);
	mk_buf_addf(b, "<section aria-labelledby=\"h-own\">\n<h2 id=\"h-own\">%s</h2>\n",
		    mk_t(lang, MSG_DASH_MY_REPORTS));
	struct own_ctx oc = {req, b, 0};
	struct mk_incident_query q = {.limit = MELDER_SCAN, .borrow_text = true};
	mk_ui_scope(req, &q);
	*rc = mk_svc_incidents(req->svc, &q, own_cb, &oc, err);
	if (oc.n == 0)
		mk_buf_addf(b, "<p>%s</p>\n", mk_t(lang, MSG_DASH_NO_REPORTS));
	else
		mk_buf_adds(b, "</tbody>\n</table>\n");
	mk_buf_addf(b, "<p><a class=\"button primary\" href=\"/melden\">%s</a></p>\n</section>\n",
		    mk_t(lang, MSG_NAV_MELDEN));
}

void mk_ui_dashboard_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *lang = mk_ui_lang(req);
	struct mk_buf b;
	mk_buf_init(&b, MK_HTTP_RESPONSE_MAX);
	mk_html_page_begin(&b, req, mk_t(lang, MSG_DASH_TITLE), MK_NAV_DASHBOARD);
	mk_buf_addf(&b, "<h1>%s</h1>\n", mk_t(lang, MSG_DASH_TITLE));
	const char *reported = mk_http_query(req, "gemeld");
	int year;
	int64_t number;
	if (reported && mk_incident_key_parse(reported, &year, &number, NULL) == MK_OK) {
		char key[MK_KEY_TEXT];
		mk_incident_key_format(year, number, key);
		mk_buf_adds(&b, "<p class=\"alert ok\" role=\"status\">");
		struct mk_buf msg;
		mk_buf_init(&msg, 1024);
		mk_buf_addf(&msg, mk_t(lang, MSG_MELDEN_DONE_FMT), key);
		mk_html_escape(&b, msg.data);
		mk_buf_release(&msg);
		mk_buf_adds(&b, "</p>\n");
	}
	struct mk_error err = {0};
	enum mk_rc rc;
	if (req->account.role == MK_ROLE_MELDER)
		melder_view(req, &b, &err, &rc);
	else
		staff_view(req, &b, &err, &rc);
	if (rc != MK_OK) {
		mk_ui_error_page(req, resp, mk_http_status(rc), err.message);
		mk_buf_release(&b);
		return;
	}
	mk_html_page_end(&b, req);
	mk_ui_send(resp, 200, &b);
	mk_buf_release(&b);
}
