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
	mk_svc_incident_deadlines(req->svc, &inc, req->now, d);
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

static enum mk_rc collect(void *ctx, const struct mk_incident *inc, const struct mk_deadline *d)
{
	mk_dues_add(ctx, inc, d);
	return MK_OK;
}

void mk_api_deadlines(struct mk_http_request *req, struct mk_http_response *resp)
{
	int limit;
	struct mk_error err = {0};
	struct mk_dues dues;
	/* Only the clocks of incidents the reader may see, filtered in the
	 * query, so that the counts are theirs too. */
	struct mk_incident_query scope = {0};
	mk_api_viewer_filter(req, &scope);
	if (!mk_api_query_limit(req, resp, &limit))
		return;
	if (mk_dues_init(&dues, (size_t)limit)) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	if (mk_svc_deadlines_visible(req->svc, req->now, &scope, collect, &dues, &err)) {
		mk_api_fail(resp, &err);
		goto out;
	}
	mk_dues_sort(&dues);
	json_t *rows = json_array();
	for (size_t i = 0; rows && i < dues.n; i++) {
		json_t *o = mk_json_deadline(&dues.items[i].d);
		if (!o || json_object_set_new(o, "key", json_string(dues.items[i].key)) ||
		    json_object_set_new(o, "title", json_string(dues.items[i].title)) ||
		    json_array_append_new(rows, o)) {
			json_decref(rows);
			rows = NULL;
		}
	}
	mk_api_send(resp, 200,
		    json_pack("{s:I, s:I, s:o}", "pending", (json_int_t)dues.pending, "overdue",
			      (json_int_t)dues.overdue, "deadlines", rows));
out:
	mk_dues_release(&dues);
}
