/* Deadlines: the clocks of one incident (GET
 * /api/v1/incidents/{key}/deadlines) and the most urgent running or
 * overdue clocks of all incidents the reader may see (GET
 * /api/v1/deadlines, the contract of `meldkamer deadlines --json`). */
#include "core/urgent.h"
#include "export/json.h"
#include "http/api-handlers.h"
#include "http/api.h"

void mk_api_incident_deadlines(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_incident inc;
	struct mk_deadline d[MK_CLOCK_COUNT];
	struct mk_error err = {0};
	mk_incident_init(&inc);
	if (mk_svc_incident_get(req->svc, req->key, &inc, &err)) {
		mk_api_fail(resp, &err);
		goto out;
	}
	mk_svc_incident_deadlines(&inc, req->now, d);
	json_t *rows = json_array();
	for (int i = 0; rows && i < MK_CLOCK_COUNT; i++)
		if (json_array_append_new(rows, mk_json_deadline(&d[i]))) {
			json_decref(rows);
			rows = NULL;
		}
	mk_api_send(resp, 200, rows);
out:
	mk_incident_release(&inc);
}

struct collect {
	struct mk_http_request *req;
	struct mk_dues dues;
	struct mk_error *err;
	/* The last incident's visibility: its clocks come one after another. */
	int64_t last_id;
	bool last_visible;
};

static enum mk_rc collect(void *ctx, const struct mk_incident *inc, const struct mk_deadline *d)
{
	struct collect *c = ctx;
	if (inc->id != c->last_id) {
		enum mk_rc rc = mk_api_visible(c->req, inc, &c->last_visible, c->err);
		if (rc)
			return rc;
		c->last_id = inc->id;
	}
	if (c->last_visible)
		mk_dues_add(&c->dues, inc, d);
	return MK_OK;
}

void mk_api_deadlines(struct mk_http_request *req, struct mk_http_response *resp)
{
	int limit;
	struct mk_error err = {0};
	struct collect c = {.req = req, .err = &err};
	if (!mk_api_query_limit(req, resp, &limit))
		return;
	if (mk_dues_init(&c.dues, (size_t)limit)) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	if (mk_svc_deadlines(req->svc, req->now, collect, &c, &err)) {
		mk_api_fail(resp, &err);
		goto out;
	}
	mk_dues_sort(&c.dues);
	json_t *rows = json_array();
	for (size_t i = 0; rows && i < c.dues.n; i++) {
		json_t *o = mk_json_deadline(&c.dues.items[i].d);
		if (!o || json_object_set_new(o, "key", json_string(c.dues.items[i].key)) ||
		    json_object_set_new(o, "title", json_string(c.dues.items[i].title)) ||
		    json_array_append_new(rows, o)) {
			json_decref(rows);
			rows = NULL;
		}
	}
	mk_api_send(resp, 200,
		    json_pack("{s:I, s:I, s:o}", "pending", (json_int_t)c.dues.pending, "overdue",
			      (json_int_t)c.dues.overdue, "deadlines", rows));
out:
	mk_dues_release(&c.dues);
}
