/* /api/v1/alerts: alerts posted by an IDS or SIEM feed, and the alert
 * groups they form (doc/alerts.md "The API"). The same parser and service
 * calls as `meldkamer intake alerts`: a body of one alert object, a JSON
 * array of them, or application/x-ndjson lines (one alert a line, as in
 * eve.json), taken in one transaction; a bad item is named with its
 * position and reason and the good ones still go in, as the CLI does per
 * line; an alert taken before (the SHA-256 of its text) is counted as
 * already there. `alert list|show|promote` as GET /alerts, GET
 * /alerts/{id} and POST /alerts/{id}/promote. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "export/json-intake.h"
#include "http/api-handlers.h"
#include "http/api.h"
#include "intake/alerts.h"
#include "service/intake.h"

/* The groups a request touched, each once, in the order first touched. */
struct touched {
	int64_t *ids;
	bool *promoted;
	size_t n, cap;
};

static bool touch(struct touched *t, int64_t id, bool promoted)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->ids[i] == id) {
			t->promoted[i] = t->promoted[i] || promoted;
			return true;
		}
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;
		int64_t *ids = mk_realloc(t->ids, cap * sizeof(*ids));
		if (!ids)
			return false;
		t->ids = ids;
		bool *p = mk_realloc(t->promoted, cap * sizeof(*p));
		if (!p)
			return false;
		t->promoted = p;
		t->cap = cap;
	}
	t->ids[t->n] = id;
	t->promoted[t->n++] = promoted;
	return true;
}

struct post {
	struct mk_http_request *req;
	struct mk_alert_parser parser;
	struct mk_alert_options opt;
	struct mk_alert_stats stats;
	int64_t skipped, bad;
	bool ndjson;
	char file[96];         /* the alert rows' origin: "api:<account>" */
	json_t *errors;
	struct touched touched;
	struct mk_error store_err; /* a failure that ends the request */
	bool store_failed;
	bool oom;
};

static void bad_item(struct post *p, int64_t number, const struct mk_error *e)
{
	p->bad++;
	/* NDJSON: the line (from 1), as the CLI says FILE:LINE; JSON: the
	 * item's index in the array (from 0), as a JSON pointer would. */
	json_t *row = json_pack("{s:I, s:s, s:s}", p->ndjson ? "line" : "index",
				(json_int_t)(p->ndjson ? number : number - 1), "field", e->field,
				"message", e->message);
	if (!row || json_array_append_new(p->errors, row))
		p->oom = true;
}

/* One item's text: parsed, and taken when it is an alert. number counts
 * items from 1 (the NDJSON line, or the array index + 1) and is stored as
 * the alert's line. */
static void one_item(struct post *p, const char *text, size_t len, int64_t number)
{
	struct mk_alert a;
	enum mk_alert_line kind;
	struct mk_error e = {0};
	if (mk_alert_parse_line(&p->parser, text, len, &a, &kind, &e)) {
		bad_item(p, number, &e);
	} else if (kind == MK_ALERT_LINE_SKIPPED) {
		p->skipped++;
	} else {
		int64_t promoted = p->stats.promoted;
		if (mk_svc_alert_take(p->req->svc, &p->req->actor, p->req->now, &a, p->file, number,
				      &p->opt, &p->stats, &p->store_err))
			p->store_failed = true;
		else if (!touch(&p->touched, p->stats.last_group, p->stats.promoted > promoted))
			p->oom = true;
	}
	mk_alert_parser_release(&p->parser);
}

static void take_ndjson(struct post *p)
{
	const char *s = p->req->body, *end = s + p->req->body_len;
	for (int64_t line = 1; s < end && !p->store_failed && !p->oom; line++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = (size_t)((nl ? nl : end) - s);
		if (len && s[len - 1] == '\r')
			len--;
		one_item(p, s, len, line);
		s = nl ? nl + 1 : end;
	}
}

static void take_json_item(struct post *p, const json_t *item, int64_t number)
{
	if (!json_is_object(item)) {
		struct mk_error e;
		mk_error_set(&e, MK_EINVAL, "", "item is not a JSON object (an alert is one)");
		bad_item(p, number, &e);
		return;
	}
	/* Its compact text is what the alert row keeps and what recognises it
	 * when it comes again (members in the order sent). */
	char *text = json_dumps(item, JSON_COMPACT);
	if (!text) {
		p->oom = true;
		return;
	}
	one_item(p, text, strlen(text), number);
	free(text);
}

/* A JSON body: 400 when it is not JSON, 422 when it is neither an alert
 * object nor an array. false when resp holds the problem. */
static bool take_json(struct post *p, struct mk_http_response *resp)
{
	json_error_t jerr;
	char detail[320];
	json_t *v = json_loadb(p->req->body, p->req->body_len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES,
			       &jerr);
	if (!v) {
		snprintf(detail, sizeof(detail), "malformed JSON at line %d, column %d (byte %d): %s",
			 jerr.line, jerr.column, jerr.position, jerr.text);
		mk_http_problem(resp, 400, NULL, detail);
		return false;
	}
	/* An array adds one level to its alerts' own depth. */
	if (mk_api_json_depth(v) > (size_t)MK_JSON_DEPTH_MAX + (json_is_array(v) ? 1 : 0)) {
		json_decref(v);
		snprintf(detail, sizeof(detail), "the body nests deeper than %d levels",
			 MK_JSON_DEPTH_MAX);
		mk_http_problem(resp, 400, NULL, detail);
		return false;
	}
	if (json_is_object(v)) {
		take_json_item(p, v, 1);
	} else if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v) && !p->store_failed && !p->oom; i++)
			take_json_item(p, json_array_get(v, i), (int64_t)i + 1);
	} else {
		json_decref(v);
		mk_http_problem(resp, 422, NULL,
				"the body must be an alert object or an array of them");
		return false;
	}
	json_decref(v);
	return true;
}

/* ?window=1h and ?promote_severity=high, as the CLI's options. */
static bool read_options(struct post *p, struct mk_http_response *resp)
{
	const char *w = mk_http_query(p->req, "window");
	const char *s = mk_http_query(p->req, "promote_severity");
	struct mk_error e = {0};
	p->opt.window = MK_ALERT_WINDOW_DEFAULT;
	if (w && mk_alert_window_parse(w, &p->opt.window, &e)) {
		mk_http_problem(resp, 422, "window", e.message);
		return false;
	}
	if (s && mk_severity_parse(s, "promote_severity", &p->opt.promote_severity, &e)) {
		mk_http_problem(resp, 422, "promote_severity", e.message);
		return false;
	}
	return true;
}

static bool media_type(struct post *p, struct mk_http_response *resp)
{
	if (strcasecmp(p->req->content_type, "application/x-ndjson") == 0) {
		p->ndjson = true;
		return true;
	}
	if (strcasecmp(p->req->content_type, "application/json") == 0)
		return mk_api_check_json_type(p->req, resp);
	mk_http_problem(resp, 415, "Content-Type",
			"send application/json (an alert object or an array of them) or "
			"application/x-ndjson (one alert a line)");
	return false;
}

/* A group as mk_json_alert_group into *(json_t **)ctx. */
static enum mk_rc group_json(void *ctx, const struct mk_alert_group_view *g);

/* Need-to-know: may the request's account know incident key exists? */
static bool may_see(struct mk_http_request *req, const char *key)
{
	struct mk_access_subject subject;
	if (mk_svc_access_subject(req->svc, key, req->account.name, &subject, NULL) != MK_OK)
		return false;
	return mk_access_decide(req->account.role, MK_ACT_INCIDENT_READ, &subject) ==
	       MK_ACCESS_ALLOW;
}

/* A promoted group's incident is named only to who may see it (it may
 * have become confidential since); "promoted" still says it was. */
static void narrow_group(struct mk_http_request *req, json_t *g)
{
	const char *key = json_string_value(json_object_get(g, "incident"));
	if (key && !may_see(req, key))
		json_object_set_new(g, "incident", json_null());
}

/* The answer after the commit: counts, each touched group as it is now,
 * the promotions, the bad items. */
static json_t *summary(struct post *p, struct mk_error *err)
{
	json_t *groups = json_array(), *promotions = json_array();
	json_t *out = json_pack(
		"{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "alerts", (json_int_t)p->stats.taken, "already",
		(json_int_t)p->stats.already, "skipped", (json_int_t)p->skipped, "bad",
		(json_int_t)p->bad, "groups_new", (json_int_t)p->stats.groups_new, "joined",
		(json_int_t)p->stats.groups_joined, "promoted", (json_int_t)p->stats.promoted);
	if (!out || !groups || !promotions)
		goto oom;
	for (size_t i = 0; i < p->touched.n; i++) {
		json_t *g = NULL;
		enum mk_rc rc = mk_svc_alert_group_get(p->req->svc, p->touched.ids[i],
						       group_json, &g, err);
		if (rc) {
			json_decref(g);
			goto fail;
		}
		if (!g)
			goto oom;
		narrow_group(p->req, g);
		if (p->touched.promoted[i]) {
			json_t *row = json_pack("{s:I, s:O}", "group", (json_int_t)p->touched.ids[i],
						"incident", json_object_get(g, "incident"));
			if (!row || json_array_append_new(promotions, row)) {
				json_decref(g);
				goto oom;
			}
		}
		if (json_array_append_new(groups, g))
			goto oom;
	}
	json_object_set_new(out, "groups", groups);
	json_object_set_new(out, "promotions", promotions);
	json_object_set(out, "errors", p->errors);
	return out;
oom:
	mk_error_set(err, MK_ENOMEM, "", "out of memory");
fail:
	json_decref(out);
	json_decref(groups);
	json_decref(promotions);
	return NULL;
}

enum mk_rc group_json(void *ctx, const struct mk_alert_group_view *g)
{
	json_t **ret = ctx;
	*ret = mk_json_alert_group(g);
	return *ret ? MK_OK : MK_ENOMEM;
}

void mk_api_alerts_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct post p = {.req = req, .errors = json_array()};
	struct mk_error err = {0};
	mk_alert_parser_init(&p.parser);
	snprintf(p.file, sizeof(p.file), "api:%s", req->account.name);
	if (!p.errors) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	if (!media_type(&p, resp) || !read_options(&p, resp))
		goto out;
	if (req->body_len == 0) {
		mk_http_problem(resp, 422, NULL,
				"the body is empty: send an alert object, an array of them, or "
				"NDJSON lines");
		goto out;
	}
	if (mk_svc_batch_begin(req->svc, &err)) {
		mk_api_fail(resp, &err);
		goto out;
	}
	bool parsed = p.ndjson ? (take_ndjson(&p), true) : take_json(&p, resp);
	if (!parsed || p.store_failed || p.oom) {
		mk_svc_batch_abort(req->svc);
		if (p.store_failed)
			mk_api_fail(resp, &p.store_err);
		else if (p.oom)
			mk_http_problem(resp, 503, NULL, "out of memory");
		goto out;
	}
	/* Nothing usable at all: the request was wrong, not partly right. */
	if (p.stats.taken + p.stats.already + p.skipped == 0) {
		mk_svc_batch_abort(req->svc);
		mk_api_problem(resp, 422, NULL,
			       p.bad ? "no item of the body is an alert: every one is refused"
				     : "the body holds no alerts",
			       json_pack("{s:O}", "errors", p.errors));
		goto out;
	}
	if (mk_svc_batch_commit(req->svc, &err)) {
		mk_api_fail(resp, &err);
		goto out;
	}
	/* Written: whatever fails from here, the answer is 200 with the
	 * counts, so that a feed does not send the batch again. */
	char done[200];
	snprintf(done, sizeof(done),
		 "{\"alerts\":%lld,\"already\":%lld,\"skipped\":%lld,\"bad\":%lld}",
		 (long long)p.stats.taken, (long long)p.stats.already, (long long)p.skipped,
		 (long long)p.bad);
	json_t *answer = summary(&p, &err);
	if (answer)
		mk_api_send(resp, 200, answer);
	mk_api_written(resp, 200, done);
out:
	mk_alert_parser_release(&p.parser);
	json_decref(p.errors);
	mk_free(p.touched.ids);
	mk_free(p.touched.promoted);
}

/* --- Reading the groups ------------------------------------------------------ */

struct listing {
	struct mk_http_request *req;
	json_t *items;
	int limit;
	int64_t total;
};

static enum mk_rc list_group(void *ctx, const struct mk_alert_group_view *g)
{
	struct listing *l = ctx;
	if (l->total++ >= l->limit)
		return MK_OK;
	json_t *v = mk_json_alert_group(g);
	if (v)
		narrow_group(l->req, v);
	return json_array_append_new(l->items, v) ? MK_ENOMEM : MK_OK;
}

void mk_api_alerts_list(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct listing l = {.req = req, .items = json_array()};
	struct mk_error err = {0};
	if (!mk_api_query_limit(req, resp, &l.limit)) {
		json_decref(l.items);
		return;
	}
	if (!l.items) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	if (mk_svc_alert_groups(req->svc, list_group, &l, &err)) {
		json_decref(l.items);
		mk_api_fail(resp, &err);
		return;
	}
	mk_api_send(resp, 200, json_pack("{s:o, s:I}", "items", l.items, "total", (json_int_t)l.total));
}

/* The {id} segment of /api/v1/alerts/{id}[/promote]: 404 for anything
 * that is not a group number, as for a number with no group. */
static bool group_id(struct mk_http_request *req, struct mk_http_response *resp, int64_t *ret)
{
	const char *s = req->nseg > 3 ? req->seg[3] : "";
	char *end;
	long long v = strtoll(s, &end, 10);
	if (!s[0] || *end || v < 1 || s[0] == '+' || s[0] == '0') {
		char detail[128];
		snprintf(detail, sizeof(detail), "no alert group '%.60s'", s);
		mk_http_problem(resp, 404, "id", detail);
		return false;
	}
	*ret = v;
	return true;
}

static enum mk_rc add_alert(void *ctx, const struct mk_alert_view *a)
{
	return json_array_append_new(ctx, mk_json_alert(a)) ? MK_ENOMEM : MK_OK;
}

void mk_api_alert_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	int64_t id;
	int limit;
	json_t *g = NULL, *alerts = NULL;
	struct mk_error err = {0};
	if (!group_id(req, resp, &id) || !mk_api_query_limit(req, resp, &limit))
		return;
	if (mk_svc_alert_group_get(req->svc, id, group_json, &g, &err))
		goto fail;
	if (!g || !(alerts = json_array())) {
		mk_error_set(&err, MK_ENOMEM, "", "out of memory");
		goto fail;
	}
	if (mk_svc_alerts_of_group(req->svc, id, limit, add_alert, alerts, &err))
		goto fail;
	narrow_group(req, g);
	json_object_set_new(g, "alerts", alerts);
	mk_api_send(resp, 200, g);
	return;
fail:
	json_decref(g);
	json_decref(alerts);
	mk_api_fail(resp, &err);
}

void mk_api_alert_promote(struct mk_http_request *req, struct mk_http_response *resp)
{
	int64_t id;
	json_t *body = NULL;
	char key[MK_KEY_TEXT], location[96], done[128];
	struct mk_error err = {0};
	static const char *const none[] = {NULL};
	if (!group_id(req, resp, &id) || !mk_api_read_optional_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", none, &err) ||
	    mk_svc_alert_promote(req->svc, &req->actor, req->now, id, key, &err)) {
		json_decref(body);
		/* Promoted before: the refusal names the incident only to who
		 * may see it. */
		json_t *g = NULL;
		struct mk_error gerr;
		if (err.rc == MK_ECONFLICT &&
		    mk_svc_alert_group_get(req->svc, id, group_json, &g, &gerr) == MK_OK && g &&
		    json_string_value(json_object_get(g, "incident")) &&
		    !may_see(req, json_string_value(json_object_get(g, "incident"))))
			snprintf(err.message, sizeof(err.message),
				 "alert group %lld was promoted already", (long long)id);
		json_decref(g);
		mk_api_fail(resp, &err);
		return;
	}
	json_decref(body);
	snprintf(location, sizeof(location), MK_API_PREFIX "/incidents/%s", key);
	snprintf(done, sizeof(done), "{\"group\":%lld,\"incident\":\"%s\"}", (long long)id, key);
	mk_api_send(resp, 201, json_pack("{s:I, s:s}", "group", (json_int_t)id, "incident", key));
	mk_api_written(resp, 201, done);
	mk_http_set_header(resp, "Location", location);
}
