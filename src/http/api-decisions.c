/* /api/v1/incidents/{key}/decisions: BOBOC decisions (Beeldvorming,
 * Opties, Besluit, Opdracht, Controle), in the shape of
 * mk_json_decision, as `meldkamer decision add|list`. */
#include "export/json.h"
#include "http/api-handlers.h"
#include "http/api.h"

struct decisions {
	json_t *rows;
	int64_t only;   /* one decision's id, or 0 for all */
	json_t *found;
};

static enum mk_rc add_decision(void *ctx, const struct mk_decision *d)
{
	struct decisions *ds = ctx;
	if (ds->only) {
		if (d->id == ds->only && !ds->found)
			ds->found = mk_json_decision(d);
		return MK_OK;
	}
	return json_array_append_new(ds->rows, mk_json_decision(d)) ? MK_ENOMEM : MK_OK;
}

void mk_api_decisions_list(struct mk_http_request *req, struct mk_http_response *resp)
{
	if (!mk_api_may_see_handling(req, resp, "decisions"))
		return;
	struct decisions ds = {.rows = json_array()};
	struct mk_error err = {0};
	if (!ds.rows) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	if (mk_svc_decisions(req->svc, req->key, add_decision, &ds, &err)) {
		json_decref(ds.rows);
		mk_api_fail(resp, &err);
		return;
	}
	mk_api_send(resp, 200, ds.rows);
}

static enum mk_rc get_time(const json_t *obj, const char *prefix, const char *name, bool required,
			   mk_time *ret, struct mk_error *err)
{
	const char *text = NULL;
	char field[64];
	snprintf(field, sizeof(field), "%s%s", prefix, name);
	enum mk_rc rc = mk_api_get_string(obj, prefix, name, required, &text, err);
	if (rc == MK_OK && text)
		rc = mk_time_parse(text, field, ret, err);
	return rc;
}

void mk_api_decision_add(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const members[] = {"beeldvorming", "opties", "besluit", "opdracht",
					      "controle", NULL};
	static const char *const opdracht_members[] = {"wie", "uiterlijk", NULL};
	static const char *const controle_members[] = {"op", "resultaat", NULL};
	json_t *body = NULL;
	const json_t *opdracht = NULL, *controle = NULL;
	struct mk_decision d = {.opdracht_uiterlijk = MK_TIME_UNKNOWN,
				.controle_op = MK_TIME_UNKNOWN};
	struct mk_error err = {0};
	if (!mk_api_read_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_string(body, "", "beeldvorming", true, &d.beeldvorming, &err) ||
	    mk_api_get_string(body, "", "opties", true, &d.opties, &err) ||
	    mk_api_get_string(body, "", "besluit", true, &d.besluit, &err) ||
	    mk_api_get_object(body, "", "opdracht", &opdracht, &err) ||
	    mk_api_get_object(body, "", "controle", &controle, &err))
		goto fail;
	if (!opdracht) {
		mk_error_set(&err, MK_EINVAL, "opdracht", "'opdracht' is required");
		goto fail;
	}
	if (mk_api_only_members(opdracht, "opdracht.", opdracht_members, &err) ||
	    mk_api_get_string(opdracht, "opdracht.", "wie", true, &d.opdracht_wie, &err) ||
	    get_time(opdracht, "opdracht.", "uiterlijk", true, &d.opdracht_uiterlijk, &err))
		goto fail;
	if (controle &&
	    (mk_api_only_members(controle, "controle.", controle_members, &err) ||
	     get_time(controle, "controle.", "op", false, &d.controle_op, &err) ||
	     mk_api_get_string(controle, "controle.", "resultaat", false, &d.controle_resultaat,
			       &err)))
		goto fail;
	if (mk_svc_decision_add(req->svc, &req->actor, req->now, req->key, &d, &err))
		goto fail;
	struct decisions ds = {.only = d.id};
	if (mk_svc_decisions(req->svc, req->key, add_decision, &ds, &err)) {
		json_decref(ds.found);
		mk_api_fail(resp, &err);
	} else {
		mk_api_send(resp, 201, ds.found);
	}
	char done[64];
	snprintf(done, sizeof(done), "{\"id\":%lld}", (long long)d.id);
	mk_api_written(resp, 201, done);
	json_decref(body);
	return;
fail:
	mk_api_fail(resp, &err);
	json_decref(body);
}
