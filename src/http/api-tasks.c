/* /api/v1/incidents/{key}/tasks: the Bijlage 1 checklist of an incident,
 * and ticking a task done, n.v.t. (with a reason) or open again (with a
 * reason), as `meldkamer task done|na|reopen` does. */
#include <string.h>

#include "export/json.h"
#include "http/api-handlers.h"
#include "http/api.h"

struct tasks {
	json_t *rows;
	const char *only;   /* one task's code, or NULL for all */
	json_t *found;
};

static enum mk_rc add_task(void *ctx, const struct mk_task_view *t)
{
	struct tasks *ts = ctx;
	if (ts->only) {
		if (strcmp(t->task->code, ts->only) == 0 && !ts->found)
			ts->found = mk_json_task(t);
		return MK_OK;
	}
	return json_array_append_new(ts->rows, mk_json_task(t)) ? MK_ENOMEM : MK_OK;
}

void mk_api_tasks_list(struct mk_http_request *req, struct mk_http_response *resp)
{
	if (!mk_api_may_see_handling(req, resp, "checklist"))
		return;
	struct tasks ts = {.rows = json_array()};
	struct mk_error err = {0};
	if (!ts.rows) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	if (mk_svc_tasks(req->svc, req->key, add_task, &ts, &err)) {
		json_decref(ts.rows);
		mk_api_fail(resp, &err);
		return;
	}
	mk_api_send(resp, 200, ts.rows);
}

void mk_api_task_set(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const members[] = {"state", "note", "reason", NULL};
	json_t *body = NULL;
	const char *state_text = NULL, *note = NULL, *reason = NULL;
	const char *code = req->nseg ? req->seg[req->nseg - 1] : "";
	enum mk_task_state state;
	struct mk_error err = {0};
	if (!mk_api_read_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_string(body, "", "state", true, &state_text, &err) ||
	    mk_api_get_string(body, "", "note", false, &note, &err) ||
	    mk_api_get_string(body, "", "reason", false, &reason, &err) ||
	    mk_task_state_parse(state_text, &state, &err)) {
		mk_api_fail(resp, &err);
		goto out;
	}
	if (note && reason) {
		mk_http_problem(resp, 422, "reason", "give 'note' or 'reason', not both");
		goto out;
	}
	/* The service takes one text: the note of a done task, the reason
	 * for n.v.t. or for reopening. */
	if (mk_svc_task_set(req->svc, &req->actor, req->now, req->key, code, state,
			    reason ? reason : note, &err)) {
		mk_api_fail(resp, &err);
		goto out;
	}
	struct tasks ts = {.only = code};
	if (mk_svc_tasks(req->svc, req->key, add_task, &ts, &err)) {
		json_decref(ts.found);
		mk_api_fail(resp, &err);
		goto out;
	}
	mk_api_send(resp, 200, ts.found);
out:
	json_decref(body);
}
