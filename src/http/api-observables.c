/* Observables (indicators) over the API, as `meldkamer observable
 * list|add|seen` and `incident show --json`: an incident's observables
 * with their seen-before correlation, adding one by hand, and looking a
 * value up across the register. The correlation is narrowed to what the
 * reader may know of (mk_svc_incident_correlation_for with the request's
 * viewer): "also in MK-..." never names or counts an incident the reader
 * could not open. */
#include <stdio.h>
#include <string.h>

#include "export/json-intake.h"
#include "http/api-handlers.h"
#include "http/api.h"
#include "service/intake.h"

static enum mk_rc add_seen(void *ctx, const struct mk_observable_seen *s)
{
	return json_array_append_new(ctx, mk_json_observable_seen(s)) ? MK_ENOMEM : MK_OK;
}

json_t *mk_api_incident_observables(struct mk_http_request *req, const char *key,
				    struct mk_error *err)
{
	struct mk_incident_query scope = {0};
	json_t *rows = json_array();
	if (!rows) {
		mk_error_set(err, MK_ENOMEM, "", "out of memory");
		return NULL;
	}
	mk_api_viewer_filter(req, &scope);
	if (mk_svc_incident_correlation_for(req->svc, key, &scope, add_seen, rows, err)) {
		json_decref(rows);
		return NULL;
	}
	return rows;
}

void mk_api_observables_list(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_error err = {0};
	json_t *rows = mk_api_incident_observables(req, req->key, &err);
	if (!rows)
		mk_api_fail(resp, &err);
	else
		mk_api_send(resp, 200, rows);
}

void mk_api_observable_add(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const members[] = {"type", "value", "tlp", "role", NULL};
	json_t *body = NULL;
	const char *type = NULL, *tlp = NULL;
	struct mk_observable_input o = {.tlp = MK_TLP_AMBER, .role = "indicator"};
	struct mk_error err = {0};
	if (!mk_api_read_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_string(body, "", "type", true, &type, &err) ||
	    mk_api_get_string(body, "", "value", true, &o.value, &err) ||
	    mk_api_get_string(body, "", "tlp", false, &tlp, &err) ||
	    mk_api_get_string(body, "", "role", false, &o.role, &err) ||
	    mk_obs_type_parse(type, "type", &o.type, &err) ||
	    (tlp && mk_tlp_parse(tlp, "tlp", &o.tlp, &err)) ||
	    mk_svc_observable_add(req->svc, &req->actor, req->now, req->key, &o,
				  MK_OBS_SOURCE_MANUAL, &err)) {
		json_decref(body);
		mk_api_fail(resp, &err);
		return;
	}
	json_decref(body);
	json_t *rows = mk_api_incident_observables(req, req->key, &err);
	if (rows)
		mk_api_send(resp, 201, rows);
	mk_api_written(resp, 201, "{}");
}

void mk_api_observable_seen(struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *value = mk_http_query(req, "value");
	struct mk_incident_query scope = {0};
	struct mk_error err = {0};
	if (!value || !value[0]) {
		mk_http_problem(resp, 422, "value", "'value' is required: the indicator to look up");
		return;
	}
	if (strlen(value) > MK_OBS_VALUE_MAX) {
		char detail[64];
		snprintf(detail, sizeof(detail), "value is longer than %d bytes", MK_OBS_VALUE_MAX);
		mk_http_problem(resp, 422, "value", detail);
		return;
	}
	json_t *rows = json_array();
	if (!rows) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	mk_api_viewer_filter(req, &scope);
	if (mk_svc_observable_seen_for(req->svc, value, NULL, &scope, add_seen, rows, &err)) {
		json_decref(rows);
		mk_api_fail(resp, &err);
		return;
	}
	mk_api_send(resp, 200, json_pack("{s:s, s:o}", "value", value, "items", rows));
}
