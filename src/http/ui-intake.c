/* The intake in the web UI: the Indicatoren section of the incident page
 * (each observable with type, value, TLP, role and where else it was
 * seen, linked; a form to add one) and its post, and the alert groups for
 * the service desk: GET /alertgroepen, GET /alertgroepen/{id} (the group
 * and its alerts) and POST /alertgroepen/{id}/promoveren. Every value is
 * escaped; the correlation names only incidents the reader may see (the
 * same need-to-know as a listing); the forms work without JavaScript and
 * carry the session's CSRF token. */
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "http/ui.h"
#include "service/intake.h"

/* --- Indicatoren on the incident page -------------------------------------- */

struct ind_ctx {
	struct mk_http_request *req;
	const char *lang;
	struct mk_buf *b;
	bool may_alerts; /* link the alert groups */
	int n;
};

static void seen_cell(struct ind_ctx *c, const struct mk_observable_seen *s)
{
	struct mk_buf *b = c->b;
	if (s->incident_count == 0 && s->alert_group_count == 0) {
		mk_buf_addf(b, "<span class=\"muted\">%s</span>", mk_t(c->lang, MSG_IND_SEEN_NOWHERE));
		return;
	}
	mk_buf_addf(b, "%s ", mk_t(c->lang, MSG_IND_SEEN_IN));
	for (size_t i = 0; i < s->nkeys; i++) {
		if (i)
			mk_buf_adds(b, ", ");
		mk_ui_incident_link(b, s->keys[i]);
	}
	if (s->incident_count > (int64_t)s->nkeys) {
		mk_buf_adds(b, " ");
		mk_buf_addf(b, mk_t(c->lang, MSG_IND_MORE_FMT),
			    (long long)(s->incident_count - (int64_t)s->nkeys));
	}
	if (s->alert_group_count) {
		if (s->incident_count)
			mk_buf_adds(b, ", ");
		if (c->may_alerts)
			mk_buf_adds(b, "<a href=\"/alertgroepen\">");
		mk_buf_addf(b, mk_t(c->lang, MSG_IND_GROUPS_FMT), (long long)s->alert_group_count);
		if (c->may_alerts)
			mk_buf_adds(b, "</a>");
	}
}

static enum mk_rc ind_row(void *ctx, const struct mk_observable_seen *s)
{
	struct ind_ctx *c = ctx;
	struct mk_buf *b = c->b;
	if (c->n++ == 0)
		mk_buf_addf(b, "<table class=\"list indicators\">\n<thead><tr><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    mk_t(c->lang, MSG_IND_TYPE), mk_t(c->lang, MSG_IND_VALUE),
			    mk_t(c->lang, MSG_IND_TLP), mk_t(c->lang, MSG_IND_ROLE),
			    mk_t(c->lang, MSG_IND_SEEN));
	mk_buf_addf(b, "<tr><td>%s</td><td class=\"value\"><code>", mk_obs_type_name(s->obs->type));
	mk_html_escape(b, s->obs->value);
	mk_buf_addf(b, "</code></td><td><span class=\"tlp tlp-%s\">TLP:%s</span></td><td>",
		    mk_tlp_name(s->obs->tlp), mk_tlp_name(s->obs->tlp));
	mk_html_escape(b, s->obs->role ? s->obs->role : "");
	mk_buf_adds(b, "</td><td>");
	seen_cell(c, s);
	mk_buf_adds(b, "</td></tr>\n");
	return mk_buf_rc(b);
}

/* What the add form shows: the posted value after a refusal, else def. */
static const char *posted(const struct mk_http_request *req, const struct mk_ui_form_error *e,
			  const char *field, const char *def)
{
	const char *v = e && e->form && strcmp(e->form, "indicatoren") == 0 ? mk_http_form(req, field)
									       : NULL;
	return v ? v : def;
}

static void add_form(struct mk_http_request *req, const char *lang, struct mk_buf *b,
		     const char *key, const struct mk_ui_form_error *e)
{
	static const char form[] = "indicatoren";
	bool mine = e && e->form && strcmp(e->form, form) == 0;
	mk_buf_addf(b, "<h3>%s</h3>\n<form method=\"post\" id=\"form-%s\" class=\"stack\" action=\"/incidenten/",
		    mk_t(lang, MSG_IND_ADD), form);
	mk_html_escape(b, key);
	mk_buf_adds(b, "/indicatoren\"");
	if (mine)
		mk_buf_addf(b, " aria-describedby=\"err-%s\"", form);
	mk_buf_adds(b, ">\n");
	mk_html_csrf(b, req);
	if (mine) {
		mk_buf_addf(b, "<p class=\"alert error\" id=\"err-%s\">", form);
		mk_html_escape(b, e->message);
		mk_buf_adds(b, "</p>\n");
	}
	mk_buf_addf(b, "<p class=\"hint\" id=\"ind-hint\">%s</p>\n", mk_t(lang, MSG_IND_ADD_HINT));
	const char *type = posted(req, e, "type", "domain");
	mk_buf_addf(b, "<div class=\"field\"><label for=\"f-ind-type\">%s</label><select id=\"f-ind-type\" name=\"type\"",
		    mk_t(lang, MSG_IND_TYPE));
	mk_ui_field_attrs(b, e, form, "type");
	mk_buf_adds(b, ">");
	for (int t = 0; t < MK_OBS_TYPE_COUNT; t++) {
		const char *name = mk_obs_type_name((enum mk_obs_type)t);
		mk_buf_addf(b, "<option value=\"%s\"%s>%s</option>", name,
			    strcmp(type, name) == 0 ? " selected" : "", name);
	}
	mk_buf_adds(b, "</select></div>\n");
	mk_buf_addf(b, "<div class=\"field\"><label for=\"f-ind-value\">%s</label>", mk_t(lang, MSG_IND_VALUE));
	mk_ui_field_message(b, e, form, "value");
	mk_buf_addf(b, "<input id=\"f-ind-value\" name=\"value\" required maxlength=\"%d\" aria-describedby=\"ind-hint\"",
		    MK_OBS_VALUE_MAX);
	mk_ui_field_attrs(b, e, form, "value");
	mk_html_attr(b, "value", posted(req, e, "value", ""));
	mk_buf_adds(b, "></div>\n");
	const char *tlp = posted(req, e, "tlp", "amber");
	mk_buf_addf(b, "<div class=\"field\"><label for=\"f-ind-tlp\">%s</label><select id=\"f-ind-tlp\" name=\"tlp\"",
		    mk_t(lang, MSG_IND_TLP));
	mk_ui_field_attrs(b, e, form, "tlp");
	mk_buf_adds(b, ">");
	for (int t = 0; t < MK_TLP_COUNT; t++) {
		const char *name = mk_tlp_name((enum mk_tlp)t);
		mk_buf_addf(b, "<option value=\"%s\"%s>TLP:%s</option>", name,
			    strcmp(tlp, name) == 0 ? " selected" : "", name);
	}
	mk_buf_addf(b, "</select></div>\n<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div>\n</form>\n",
		    mk_t(lang, MSG_IND_SUBMIT));
}

enum mk_rc mk_ui_indicators_section(struct mk_buf *b, struct mk_http_request *req, const char *key,
				    bool may_add, const struct mk_ui_form_error *e,
				    struct mk_error *err)
{
	const char *lang = mk_ui_lang(req);
	struct ind_ctx c = {req, lang, b, false, 0};
	struct mk_incident_query scope = {0};
	mk_ui_scope(req, &scope);
	c.may_alerts = mk_access_decide(req->account.role, MK_ACT_ALERT_READ, NULL) == MK_ACCESS_ALLOW;
	mk_buf_addf(b, "<section class=\"card\" id=\"indicatoren\" aria-labelledby=\"h-indicatoren\">\n"
		       "<h2 id=\"h-indicatoren\">%s</h2>\n",
		    mk_t(lang, MSG_IND_TITLE));
	enum mk_rc rc = mk_svc_incident_correlation_for(req->svc, key, &scope, ind_row, &c, err);
	if (rc)
		return rc;
	if (c.n == 0)
		mk_buf_addf(b, "<p>%s</p>\n", mk_t(lang, MSG_IND_NONE));
	else
		mk_buf_adds(b, "</tbody>\n</table>\n");
	if (may_add)
		add_form(req, lang, b, key, e);
	mk_buf_adds(b, "</section>\n");
	return mk_buf_rc(b);
}

void mk_ui_indicator_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_observable_input o = {.role = "indicator"};
	struct mk_error err = {0};
	const char *type = mk_http_form(req, "type"), *value = mk_http_form(req, "value");
	const char *tlp = mk_http_form(req, "tlp");
	enum mk_rc rc;
	if (!value || !value[0])
		rc = mk_error_set(&err, MK_EINVAL, "value", "'value' is required");
	else if ((rc = mk_obs_type_parse(type ? type : "", "type", &o.type, &err)) == MK_OK &&
		 (rc = mk_tlp_parse(tlp && tlp[0] ? tlp : "amber", "tlp", &o.tlp, &err)) == MK_OK) {
		o.value = value;
		rc = mk_svc_observable_add(req->svc, &req->actor, req->now, req->key, &o,
					   MK_OBS_SOURCE_MANUAL, &err);
	}
	if (rc) {
		struct mk_ui_form_error e = {"indicatoren", err.field,
					     mk_ui_error_message(mk_ui_lang(req), &err)};
		mk_ui_incident_render(req, resp, mk_http_status(rc), &e);
		return;
	}
	char location[128];
	snprintf(location, sizeof(location), "/incidenten/%s?opgeslagen=1#indicatoren", req->key);
	mk_http_redirect(resp, location);
}

/* --- Alert groups -------------------------------------------------------------- */

#define GROUPS_SHOWN 200
#define ALERTS_SHOWN 100

static void endpoint(struct mk_buf *b, const char *ip, int port)
{
	if (!ip || !ip[0]) {
		mk_buf_adds(b, "-");
		return;
	}
	bool v6 = strchr(ip, ':') != NULL;
	if (port >= 0 && v6)
		mk_buf_adds(b, "[");
	mk_html_escape(b, ip);
	if (port >= 0)
		mk_buf_addf(b, "%s:%d", v6 ? "]" : "", port);
}

static void endpoints(struct mk_buf *b, const struct mk_alert_group_view *g)
{
	mk_buf_adds(b, "<code>");
	endpoint(b, g->src_ip, g->src_port);
	mk_buf_adds(b, "</code> &#8594; <code>");
	endpoint(b, g->dst_ip, g->dst_port);
	mk_buf_adds(b, "</code>");
}

/* The incident of a promoted group, linked for who may see it; for
 * anyone else only that it was promoted (it may have become
 * confidential since). */
static void incident_cell(struct mk_buf *b, struct mk_http_request *req, const char *lang,
			  const char *key)
{
	if (!key)
		mk_buf_addf(b, "<span class=\"muted\">%s</span>", mk_t(lang, MSG_AG_NOT_PROMOTED));
	else if (mk_ui_may(req, key, MK_ACT_INCIDENT_READ))
		mk_ui_incident_link(b, key);
	else
		mk_buf_addf(b, "<span class=\"muted\">%s</span>", mk_t(lang, MSG_AG_PROMOTED_HIDDEN));
}

static void group_href(struct mk_buf *b, int64_t id)
{
	mk_buf_addf(b, "<a href=\"/alertgroepen/%lld\">%lld</a>", (long long)id, (long long)id);
}

struct groups_ctx {
	struct mk_http_request *req;
	struct mk_buf *b;
	int64_t n;
};

static enum mk_rc group_row(void *ctx, const struct mk_alert_group_view *g)
{
	struct groups_ctx *c = ctx;
	struct mk_buf *b = c->b;
	const char *lang = mk_ui_lang(c->req);
	if (c->n++ >= GROUPS_SHOWN)
		return MK_OK;
	mk_buf_adds(b, "<tr><td>");
	group_href(b, g->id);
	mk_buf_addf(b, "</td><td><span class=\"severity sev-%d\">%s</span></td><td>%lld</td><td>",
		    g->severity, mk_severity_name(g->severity), (long long)g->count);
	mk_html_time(b, c->req, g->first_seen);
	mk_buf_adds(b, "</td><td>");
	mk_html_time(b, c->req, g->last_seen);
	mk_buf_adds(b, "</td><td>");
	endpoints(b, g);
	mk_buf_adds(b, "</td><td>");
	mk_html_escape(b, g->signature);
	mk_buf_adds(b, "</td><td>");
	incident_cell(b, c->req, lang, g->incident_key);
	mk_buf_adds(b, "</td></tr>\n");
	return mk_buf_rc(b);
}

void mk_ui_alert_groups_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *lang = mk_ui_lang(req);
	struct mk_buf b, rows;
	struct mk_error err = {0};
	mk_buf_init(&b, MK_HTTP_RESPONSE_MAX);
	mk_buf_init(&rows, MK_HTTP_RESPONSE_MAX);
	struct groups_ctx c = {req, &rows, 0};
	enum mk_rc rc = mk_svc_alert_groups(req->svc, group_row, &c, &err);
	if (rc == MK_OK) {
		mk_html_page_begin(&b, req, mk_t(lang, MSG_AG_TITLE), MK_NAV_ALERTS);
		mk_buf_addf(&b, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", mk_t(lang, MSG_AG_TITLE),
			    mk_t(lang, MSG_AG_INTRO));
		if (c.n == 0) {
			mk_buf_addf(&b, "<p>%s</p>\n", mk_t(lang, MSG_AG_NONE));
		} else {
			mk_buf_addf(&b, "<table class=\"list\">\n<thead><tr><th scope=\"col\">%s</th>"
					"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
					"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
					"<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
				    mk_t(lang, MSG_AG_GROUP), mk_t(lang, MSG_AG_SEVERITY),
				    mk_t(lang, MSG_AG_COUNT), mk_t(lang, MSG_AG_FIRST),
				    mk_t(lang, MSG_AG_LAST), mk_t(lang, MSG_AG_ENDPOINTS),
				    mk_t(lang, MSG_AG_SIGNATURE), mk_t(lang, MSG_AG_INCIDENT));
			mk_buf_add(&b, rows.data, rows.len);
			mk_buf_adds(&b, "</tbody>\n</table>\n");
			if (c.n > GROUPS_SHOWN) {
				mk_buf_adds(&b, "<p class=\"muted\">");
				mk_buf_addf(&b, mk_t(lang, MSG_AG_SHOWN_FMT), GROUPS_SHOWN, (long long)c.n);
				mk_buf_adds(&b, "</p>\n");
			}
		}
		mk_html_page_end(&b, req);
		if ((rc = mk_buf_rc(&rows)) || (rc = mk_buf_rc(&b)))
			mk_error_set(&err, rc, "", "the page could not be built");
	}
	if (rc == MK_OK)
		mk_ui_send(resp, 200, &b);
	else
		mk_ui_error_page(req, resp, mk_http_status(rc), err.message);
	mk_buf_release(&rows);
	mk_buf_release(&b);
}

/* The {id} of /alertgroepen/{id}[/promoveren]: a page naming no group is
 * 404, whatever the segment holds. */
static bool page_group_id(struct mk_http_request *req, struct mk_http_response *resp,
			  int64_t *ret)
{
	const char *s = req->nseg > 1 ? req->seg[1] : "";
	char *end;
	long long v = strtoll(s, &end, 10);
	if (!s[0] || *end || v < 1 || s[0] == '+' || s[0] == '0') {
		mk_ui_error_page(req, resp, 404, "no such alert group");
		return false;
	}
	*ret = v;
	return true;
}

struct group_page {
	struct mk_http_request *req;
	struct mk_buf *b;
	bool found;
	int alerts;
};

static void dl(struct mk_buf *b, const char *lang, enum mk_msg term)
{
	mk_buf_addf(b, "<dt>%s</dt><dd>", mk_t(lang, term));
}

static enum mk_rc group_head(void *ctx, const struct mk_alert_group_view *g)
{
	struct group_page *gp = ctx;
	struct mk_buf *b = gp->b;
	struct mk_http_request *req = gp->req;
	const char *lang = mk_ui_lang(req);
	char title[96];
	snprintf(title, sizeof(title), mk_t(lang, MSG_AG_GROUP_TITLE_FMT), (long long)g->id);
	gp->found = true;
	mk_html_page_begin(b, req, title, MK_NAV_ALERTS);
	mk_buf_addf(b, "<p><a href=\"/alertgroepen\">&#8592; %s</a></p>\n<h1>", mk_t(lang, MSG_AG_BACK));
	mk_html_escape(b, title);
	mk_buf_adds(b, ": ");
	mk_html_escape(b, g->signature);
	mk_buf_adds(b, "</h1>\n<section class=\"card\" aria-labelledby=\"h-groep\">\n");
	mk_buf_addf(b, "<h2 id=\"h-groep\">%s</h2>\n<dl class=\"record\">\n", mk_t(lang, MSG_AG_GROUP));
	dl(b, lang, MSG_AG_KIND);
	mk_buf_addf(b, "%s (%s)</dd>\n", mk_alert_kind_name(g->kind), mk_source_name(g->detection));
	dl(b, lang, MSG_AG_SIGNATURE_ID);
	mk_html_escape(b, g->signature_id[0] ? g->signature_id : "-");
	mk_buf_adds(b, "</dd>\n");
	dl(b, lang, MSG_AG_SEVERITY);
	mk_buf_addf(b, "<span class=\"severity sev-%d\">%s</span> (", g->severity,
		    mk_severity_name(g->severity));
	mk_html_escape(b, g->severity_orig);
	mk_buf_adds(b, ")</dd>\n");
	dl(b, lang, MSG_AG_ENDPOINTS);
	endpoints(b, g);
	mk_buf_adds(b, "</dd>\n");
	dl(b, lang, MSG_AG_PROTO);
	mk_html_escape(b, g->proto[0] ? g->proto : "-");
	mk_buf_adds(b, "</dd>\n");
	dl(b, lang, MSG_AG_COUNT);
	mk_buf_addf(b, "%lld</dd>\n", (long long)g->count);
	dl(b, lang, MSG_AG_FIRST);
	mk_html_time(b, req, g->first_seen);
	mk_buf_adds(b, "</dd>\n");
	dl(b, lang, MSG_AG_LAST);
	mk_html_time(b, req, g->last_seen);
	mk_buf_adds(b, "</dd>\n");
	dl(b, lang, MSG_AG_INCIDENT);
	incident_cell(b, req, lang, g->incident_key);
	mk_buf_adds(b, "</dd>\n</dl>\n");
	bool may = mk_access_decide(req->account.role, MK_ACT_ALERT_PROMOTE, NULL) == MK_ACCESS_ALLOW;
	if (!g->incident_key && may) {
		mk_buf_addf(b, "<form method=\"post\" id=\"form-promoveren\" action=\"/alertgroepen/%lld/promoveren\">\n",
			    (long long)g->id);
		mk_html_csrf(b, req);
		mk_buf_addf(b, "<p class=\"hint\" id=\"promote-hint\">%s</p>\n"
			       "<div class=\"actions\"><button type=\"submit\" class=\"primary\" aria-describedby=\"promote-hint\">%s</button></div>\n</form>\n",
			    mk_t(lang, MSG_AG_PROMOTE_HINT), mk_t(lang, MSG_AG_PROMOTE));
	}
	mk_buf_adds(b, "</section>\n");
	return mk_buf_rc(b);
}

static enum mk_rc alert_row(void *ctx, const struct mk_alert_view *a)
{
	struct group_page *gp = ctx;
	struct mk_buf *b = gp->b;
	const char *lang = mk_ui_lang(gp->req);
	if (gp->alerts++ == 0)
		mk_buf_addf(b, "<table class=\"list\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    mk_t(lang, MSG_AG_AT), mk_t(lang, MSG_AG_ORIGIN), mk_t(lang, MSG_AG_RAW));
	mk_buf_adds(b, "<tr><td>");
	mk_html_time(b, gp->req, a->at);
	mk_buf_adds(b, "</td><td><code>");
	mk_html_escape(b, a->file);
	mk_buf_addf(b, ":%lld</code></td><td><details><summary>%s</summary><pre class=\"raw\">",
		    (long long)a->line, mk_t(lang, MSG_AG_RAW));
	mk_html_escape(b, a->raw);
	mk_buf_adds(b, "</pre></details></td></tr>\n");
	return mk_buf_rc(b);
}

void mk_ui_alert_group_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *lang = mk_ui_lang(req);
	int64_t id;
	if (!page_group_id(req, resp, &id))
		return;
	struct mk_buf b;
	struct mk_error err = {0};
	mk_buf_init(&b, MK_HTTP_RESPONSE_MAX);
	struct group_page gp = {req, &b, false, 0};
	enum mk_rc rc = mk_svc_alert_group_get(req->svc, id, group_head, &gp, &err);
	if (rc == MK_OK) {
		mk_buf_addf(&b, "<section class=\"card\" aria-labelledby=\"h-alerts\">\n<h2 id=\"h-alerts\">%s</h2>\n<p class=\"muted\">",
			    mk_t(lang, MSG_AG_ALERTS));
		mk_buf_addf(&b, mk_t(lang, MSG_AG_ALERTS_SHOWN_FMT), ALERTS_SHOWN);
		mk_buf_adds(&b, "</p>\n");
		rc = mk_svc_alerts_of_group(req->svc, id, ALERTS_SHOWN, alert_row, &gp, &err);
	}
	if (rc == MK_OK) {
		if (gp.alerts)
			mk_buf_adds(&b, "</tbody>\n</table>\n");
		mk_buf_adds(&b, "</section>\n");
		mk_html_page_end(&b, req);
		if ((rc = mk_buf_rc(&b)))
			mk_error_set(&err, rc, "", "the page could not be built");
	}
	if (rc == MK_OK)
		mk_ui_send(resp, 200, &b);
	else
		mk_ui_error_page(req, resp, mk_http_status(rc), err.message);
	mk_buf_release(&b);
}

void mk_ui_alert_promote_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	int64_t id;
	char key[MK_KEY_TEXT], location[96];
	struct mk_error err = {0};
	if (!page_group_id(req, resp, &id))
		return;
	enum mk_rc rc = mk_svc_alert_promote(req->svc, &req->actor, req->now, id, key, &err);
	if (rc == MK_ECONFLICT) {
		/* Promoted meanwhile: back to the group, which shows by whom it
		 * may be seen (the message would name the incident). */
		snprintf(location, sizeof(location), "/alertgroepen/%lld", (long long)id);
		mk_http_redirect(resp, location);
		return;
	}
	if (rc) {
		mk_ui_error_page(req, resp, mk_http_status(rc), err.message);
		return;
	}
	snprintf(location, sizeof(location), "/incidenten/%s?opgeslagen=1", key);
	mk_http_redirect(resp, location);
}
