/* GET /wachtrij (the service desk queue: reports not yet classified,
 * oldest first) and GET /incidenten (every incident the person may see,
 * newest first, a page at a time, with a search box ?q=). Both ask the
 * store for only what the person may see (mk_ui_scope), so a page holds
 * a full page of visible rows. */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "http/ui.h"

#define QUEUE_MAX 500  /* oldest unclassified reports shown */

static void table_head(struct mk_buf *b, const char *lang, bool waiting)
{
	mk_buf_addf(b, "<table class=\"list\">\n<thead><tr><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    mk_t(lang, MSG_COL_KEY), mk_t(lang, MSG_COL_TITLE),
		    mk_t(lang, waiting ? MSG_COL_REPORTER : MSG_COL_PRIORITY),
		    mk_t(lang, waiting ? MSG_COL_REPORTED : MSG_COL_PHASE),
		    mk_t(lang, waiting ? MSG_COL_WAITING : MSG_COL_REPORTED),
		    mk_t(lang, waiting ? MSG_INC_SOURCE : MSG_COL_REPORTER));
}

static void row(struct mk_buf *b, struct mk_http_request *req, const struct mk_incident *inc,
		bool waiting)
{
	const char *lang = mk_ui_lang(req);
	mk_buf_adds(b, "<tr><td>");
	mk_ui_incident_link(b, inc->key);
	mk_buf_adds(b, "</td><td>");
	mk_html_escape(b, inc->title);
	if (inc->confidential)
		mk_buf_addf(b, " <span class=\"tag\">%s</span>", mk_t(lang, MSG_CONFIDENTIAL));
	if (inc->exercise)
		mk_buf_addf(b, " <span class=\"tag\">%s</span>", mk_t(lang, MSG_EXERCISE));
	mk_buf_adds(b, "</td><td>");
	if (waiting) {
		mk_html_escape(b, inc->reporter.name ? inc->reporter.name : "");
		if (inc->reporter.department) {
			mk_buf_adds(b, " <span class=\"muted\">(");
			mk_html_escape(b, inc->reporter.department);
			mk_buf_adds(b, ")</span>");
		}
		mk_buf_adds(b, "</td><td>");
		mk_html_time(b, req, inc->reported_at);
		mk_buf_adds(b, "</td><td>");
		char dur[MK_TIME_TEXT];
		if (inc->reported_at != MK_TIME_UNKNOWN)
			mk_buf_adds(b, mk_duration_format(req->now - inc->reported_at, dur));
		mk_buf_adds(b, "</td><td>");
		mk_html_escape(b, mk_source_label(inc->source));
	} else {
		mk_ui_priority(b, lang, inc->priority);
		mk_buf_addf(b, "</td><td>%s</td><td>", mk_phase_label(inc->phase));
		mk_html_time(b, req, inc->reported_at);
		mk_buf_adds(b, "</td><td>");
		mk_html_escape(b, inc->reporter.name ? inc->reporter.name : "");
	}
	mk_buf_adds(b, "</td></tr>\n");
}

/* --- The queue ------------------------------------------------------------ */

struct queue_ctx {
	struct mk_http_request *req;
	struct mk_buf *rows; /* one rendered row per element, newest first */
	size_t n, cap;
	int64_t skipped;
};

static enum mk_rc queue_cb(void *ctx, const struct mk_incident *inc)
{
	struct queue_ctx *c = ctx;
	if (inc->classified)
		return MK_OK;
	/* Listed newest first: keep the oldest QUEUE_MAX by dropping the
	 * newest once full (a ring would save moves; the queue is short). */
	if (c->n == c->cap) {
		mk_buf_release(&c->rows[0]);
		memmove(&c->rows[0], &c->rows[1], (c->n - 1) * sizeof(c->rows[0]));
		c->n--;
		c->skipped++;
	}
	struct mk_buf *b = &c->rows[c->n];
	mk_buf_init(b, 64 * 1024);
	c->n++;
	row(b, c->req, inc, true);
	return mk_buf_rc(b);
}

void mk_ui_queue_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *lang = mk_ui_lang(req);
	struct queue_ctx c = {.req = req, .cap = QUEUE_MAX};
	struct mk_buf b;
	mk_buf_init(&b, MK_HTTP_RESPONSE_MAX);
	struct mk_error err = {0};
	enum mk_rc rc = MK_ENOMEM;
	c.rows = mk_calloc(c.cap, sizeof(c.rows[0]));
	if (!c.rows)
		goto out;
	struct mk_incident_query q = {.open_only = true, .borrow_text = true};
	mk_ui_scope(req, &q);
	rc = mk_svc_incidents(req->svc, &q, queue_cb, &c, &err);
	if (rc != MK_OK)
		goto out;
	mk_html_page_begin(&b, req, mk_t(lang, MSG_QUEUE_TITLE), MK_NAV_WACHTRIJ);
	mk_buf_addf(&b, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", mk_t(lang, MSG_QUEUE_TITLE),
		    mk_t(lang, MSG_QUEUE_INTRO));
	if (c.n == 0) {
		mk_buf_addf(&b, "<p>%s</p>\n", mk_t(lang, MSG_QUEUE_EMPTY));
	} else {
		table_head(&b, lang, true);
		for (size_t i = c.n; i-- > 0;)
			mk_buf_add(&b, c.rows[i].data, c.rows[i].len);
		mk_buf_adds(&b, "</tbody>\n</table>\n");
		if (c.skipped > 0) {
			mk_buf_adds(&b, "<p>");
			mk_buf_addf(&b, mk_t(lang, MSG_DASH_MORE_FMT), (long long)c.skipped);
			mk_buf_adds(&b, "</p>\n");
		}
	}
	mk_html_page_end(&b, req);
out:
	if (rc == MK_OK)
		mk_ui_send(resp, 200, &b);
	else
		mk_ui_error_page(req, resp, mk_http_status(rc), err.message);
	for (size_t i = 0; c.rows && i < c.n; i++)
		mk_buf_release(&c.rows[i]);
	mk_free(c.rows);
	mk_buf_release(&b);
}

/* --- The list ------------------------------------------------------------- */

struct list_ctx {
	struct mk_http_request *req;
	struct mk_buf *b;
	int shown;
	int seen;  /* rows the store gave, visible or not: paging counts these */
	int limit;
	int64_t last_id;
	bool more;
};

static enum mk_rc list_cb(void *ctx, const struct mk_incident *inc)
{
	struct list_ctx *c = ctx;
	if (c->seen++ == c->limit) {
		c->more = true;
		return MK_OK;
	}
	c->last_id = inc->id;
	if (c->shown++ == 0)
		table_head(c->b, mk_ui_lang(c->req), false);
	row(c->b, c->req, inc, false);
	return mk_buf_rc(c->b);
}

void mk_ui_list_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *lang = mk_ui_lang(req);
	const char *query = mk_http_query(req, "q");
	const char *before = mk_http_query(req, "voor");
	struct mk_error err = {0};
	enum mk_rc rc = MK_OK;
	if (query && !*query)
		query = NULL;
	if (query && strlen(query) > MK_QUERY_MAX) {
		rc = mk_error_set(&err, MK_ETOOBIG, "q", "the search is longer than %d bytes",
				  MK_QUERY_MAX);
		mk_ui_error_page(req, resp, 413, err.message);
		return;
	}
	int64_t before_id = 0;
	if (before) {
		char *end;
		long long v = strtoll(before, &end, 10);
		if (*before == '\0' || *end != '\0' || v <= 0) {
			mk_ui_error_page(req, resp, 400, "'voor' is not a positive number");
			return;
		}
		before_id = v;
	}

	struct mk_buf b;
	mk_buf_init(&b, MK_HTTP_RESPONSE_MAX);
	mk_html_page_begin(&b, req, mk_t(lang, MSG_LIST_TITLE), MK_NAV_INCIDENTEN);
	mk_buf_addf(&b, "<h1>%s</h1>\n", mk_t(lang, MSG_LIST_TITLE));
	mk_buf_addf(&b, "<form method=\"get\" action=\"/incidenten\" role=\"search\" class=\"search\">"
			"<label for=\"q\">%s</label><input id=\"q\" name=\"q\" type=\"search\" maxlength=\"%d\"",
		    mk_t(lang, MSG_LIST_SEARCH), MK_QUERY_MAX);
	if (query)
		mk_html_attr(&b, "value", query);
	mk_buf_addf(&b, "><button type=\"submit\">%s</button></form>\n",
		    mk_t(lang, MSG_LIST_SEARCH_SUBMIT));
	if (query) {
		struct mk_buf h;
		mk_buf_init(&h, 2048);
		mk_buf_addf(&h, mk_t(lang, MSG_LIST_RESULTS_FMT), query);
		mk_buf_adds(&b, "<h2>");
		mk_html_escape(&b, h.data);
		mk_buf_addf(&b, "</h2>\n<p><a href=\"/incidenten\">%s</a></p>\n",
			    mk_t(lang, MSG_LIST_ALL));
		mk_buf_release(&h);
	}
	struct list_ctx c = {.req = req, .b = &b, .limit = MK_PAGE_DEFAULT};
	/* One more than a page tells whether there is an older page. */
	struct mk_incident_query q = {.before_id = before_id, .limit = MK_PAGE_DEFAULT + 1,
				      .borrow_text = true};
	mk_ui_scope(req, &q);
	if (query) {
		c.limit = MK_PAGE_MAX;
		rc = mk_svc_search(req->svc, query, MK_PAGE_DEFAULT, &q, list_cb, &c, &err);
		c.more = false;
	} else {
		rc = mk_svc_incidents(req->svc, &q, list_cb, &c, &err);
	}
	if (c.shown == 0)
		mk_buf_addf(&b, "<p>%s</p>\n", mk_t(lang, MSG_LIST_EMPTY));
	else
		mk_buf_adds(&b, "</tbody>\n</table>\n");
	if (c.more)
		mk_buf_addf(&b, "<p><a rel=\"next\" href=\"/incidenten?voor=%lld\">%s</a></p>\n",
			    (long long)c.last_id, mk_t(lang, MSG_LIST_OLDER));
	mk_html_page_end(&b, req);
	if (rc == MK_EINVAL) {
		mk_ui_error_page(req, resp, 422, err.message);
	} else if (rc != MK_OK) {
		mk_ui_error_page(req, resp, mk_http_status(rc), err.message);
	} else {
		mk_ui_send(resp, 200, &b);
	}
	mk_buf_release(&b);
}
