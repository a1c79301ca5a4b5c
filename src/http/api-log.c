/* /api/v1/incidents/{key}/log: the incident's hash-chained logbook, a new
 * entry, and the chain's status (as `meldkamer log list|add|verify`). */
#include "export/json.h"
#include "http/api-handlers.h"
#include "http/api.h"

struct entries {
	json_t *rows;      /* every entry the reader may see, or NULL */
	json_t *last;      /* the last entry seen */
	enum mk_role reader;
};

static enum mk_rc add_entry(void *ctx, const struct mk_log_entry *e)
{
	struct entries *es = ctx;
	if (es->rows && !mk_access_log_entry_visible(es->reader, e->kind, e->role))
		return MK_OK;
	if (es->rows)
		return json_array_append_new(es->rows, mk_json_log_entry(e)) ? MK_ENOMEM : MK_OK;
	json_decref(es->last);
	es->last = mk_json_log_entry(e);
	return es->last ? MK_OK : MK_ENOMEM;
}

void mk_api_log_list(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct entries es = {.rows = json_array(), .reader = req->account.role};
	struct mk_error err = {0};
	if (!es.rows) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	if (mk_svc_log_list(req->svc, req->key, add_entry, &es, &err)) {
		json_decref(es.rows);
		mk_api_fail(resp, &err);
		return;
	}
	mk_api_send(resp, 200, es.rows);
}

void mk_api_log_add(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const members[] = {"kind", "text", NULL};
	json_t *body = NULL;
	const char *kind_text = "note", *text = NULL;
	enum mk_log_kind kind;
	struct mk_error err = {0};
	if (!mk_api_read_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_string(body, "", "kind", false, &kind_text, &err) ||
	    mk_api_get_string(body, "", "text", true, &text, &err) ||
	    mk_log_kind_parse(kind_text, "kind", &kind, &err) ||
	    mk_svc_log_add(req->svc, &req->actor, req->now, req->key, kind, text, &err)) {
		mk_api_fail(resp, &err);
		goto out;
	}
	/* The answer is the entry as sealed, with its hash: the writer can
	 * note the head it saw. */
	struct entries es = {0};
	if (mk_svc_log_list(req->svc, req->key, add_entry, &es, &err)) {
		json_decref(es.last);
		mk_api_fail(resp, &err);
	} else {
		mk_api_send(resp, 201, es.last);
	}
	mk_api_written(resp, 201, "{}");
out:
	json_decref(body);
}

void mk_api_log_verify(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_chain_status st = {0};
	struct mk_error err = {0};
	enum mk_rc rc = mk_svc_log_verify(req->svc, req->key, &st, &err);
	if (rc && rc != MK_ECHAIN) {
		mk_api_fail(resp, &err);
		return;
	}
	/* A broken chain is the answer to the question, not a failure to
	 * answer it: 200 with intact false and the first bad entry named. */
	mk_api_send(resp, 200,
		    mk_json_chain_status(req->key, &st, rc == MK_OK, rc ? err.message : NULL));
}
