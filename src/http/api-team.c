/* /api/v1/incidents/{key}/team: who is on an incident's team. Being on
 * the team is what lets someone see a confidential incident (DESIGN.md
 * "Who uses it"), so each change is logged by the service. */
#include <string.h>

#include "http/api-handlers.h"
#include "http/api.h"

static enum mk_rc add_member(void *ctx, const char *account_name)
{
	return json_array_append_new(ctx, json_string(account_name)) ? MK_ENOMEM : MK_OK;
}

static void send_team(struct mk_http_request *req, struct mk_http_response *resp, int status)
{
	json_t *rows = json_array();
	struct mk_error err = {0};
	if (!rows) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	if (mk_svc_team(req->svc, req->key, add_member, rows, &err)) {
		json_decref(rows);
		mk_api_fail(resp, &err);
		return;
	}
	mk_api_send(resp, status, rows);
}

void mk_api_team_list(struct mk_http_request *req, struct mk_http_response *resp)
{
	send_team(req, resp, 200);
}

void mk_api_team_add(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const members[] = {"account", NULL};
	json_t *body = NULL;
	const char *account = NULL;
	struct mk_error err = {0};
	if (!mk_api_read_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_string(body, "", "account", true, &account, &err) ||
	    mk_svc_team_add(req->svc, &req->actor, req->now, req->key, account, &err)) {
		/* An account in the body that does not exist is bad input, not
		 * a missing incident: 404 stays for what the URL names. */
		if (err.rc == MK_ENOTFOUND && strcmp(err.field, "account") == 0)
			err.rc = MK_EINVAL;
		mk_api_fail(resp, &err);
	}
	else
		send_team(req, resp, 201);
	json_decref(body);
}

void mk_api_team_remove(struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *account = req->nseg ? req->seg[req->nseg - 1] : "";
	struct mk_error err = {0};
	if (mk_svc_team_remove(req->svc, &req->actor, req->now, req->key, account, &err))
		mk_api_fail(resp, &err);
	else
		send_team(req, resp, 200);
}
