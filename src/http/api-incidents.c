/* /api/v1/incidents: list, register, read, edit, assess, move through the
 * phases and close. The same service calls and JSON shapes as `meldkamer
 * incident ...` (export/json.h); the router has decided access before any
 * of these runs. Writes to one incident carry If-Match with the version
 * the client saw, so that two people never silently overwrite each other. */
#include <stdio.h>
#include <string.h>

#include "base/limits.h"
#include "export/json.h"
#include "http/api-handlers.h"
#include "http/api.h"
#include "http/router.h"

/* --- reading ----------------------------------------------------------------- */

/* The list is streamed into the answer as the rows come: at the rate of
 * a busy server a jansson tree per page cost more than the query. */
struct page {
	struct mk_jw w;
	int count;
	int64_t last_id;
};

static enum mk_rc add_summary(void *ctx, const struct mk_incident *inc)
{
	struct page *p = ctx;
	p->count++;
	p->last_id = inc->id;
	mk_jw_incident_summary(&p->w, inc);
	return mk_jw_rc(&p->w);
}

void mk_api_incidents_list(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_incident_query q = {.borrow_text = true};
	int64_t before = 0;
	if (!mk_api_query_limit(req, resp, &q.limit) ||
	    !mk_api_query_bool(req, resp, "open", &q.open_only) ||
	    !mk_api_query_int(req, resp, "before", &before))
		return;
	q.before_id = before;
	mk_api_viewer_filter(req, &q);
	struct page p = {0};
	struct mk_error err = {0};
	mk_buf_reset(&resp->body);
	mk_jw_init(&p.w, &resp->body);
	mk_jw_object(&p.w);
	mk_jw_key(&p.w, "items");
	mk_jw_array(&p.w);
	if (mk_svc_incidents(req->svc, &q, add_summary, &p, &err)) {
		bool writing = mk_jw_rc(&p.w) != MK_OK;
		resp->body.rc = MK_OK; /* the problem replaces what was written */
		mk_buf_reset(&resp->body);
		if (writing)
			mk_http_problem(resp, 503, NULL, "the answer cannot be written");
		else
			mk_api_fail(resp, &err);
		return;
	}
	mk_jw_array_end(&p.w);
	/* The cursor is the last row's internal id, opaque to clients: a
	 * page boundary that does not move when incidents are added, and
	 * that says nothing about incidents the reader may not see. */
	mk_jw_key(&p.w, "next");
	if (p.count == q.limit) {
		char next[128];
		snprintf(next, sizeof(next), MK_API_PREFIX "/incidents?before=%lld&limit=%d%s",
			 (long long)p.last_id, q.limit, q.open_only ? "&open=true" : "");
		mk_jw_string(&p.w, next);
	} else {
		mk_jw_null(&p.w);
	}
	mk_jw_object_end(&p.w);
	mk_api_send_written(resp, 200, mk_jw_rc(&p.w));
}

/* Answers the incident's record with its ETag. */
static void send_incident(struct mk_http_request *req, struct mk_http_response *resp, int status)
{
	struct mk_incident inc;
	struct mk_error err = {0};
	mk_incident_init(&inc);
	if (mk_svc_incident_get(req->svc, req->key, &inc, &err)) {
		mk_api_fail(resp, &err);
	} else {
		mk_api_send(resp, status, mk_json_incident(&inc));
		if (resp->status == status)
			mk_api_set_etag(resp, inc.version);
	}
	mk_incident_release(&inc);
}

void mk_api_incident_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	send_incident(req, resp, 200);
}

/* --- fields (register, edit) -------------------------------------------------- */

#define MAX_FIELDS 32

/* The body's members as the service's field pairs: flags as true/false,
 * the rest as strings (times in RFC 3339, a source or TLP by its code
 * name); null clears a field (""). Every member must be a field. */
static enum mk_rc body_fields(const json_t *body, struct mk_field_value *ret, size_t *ret_n,
			      struct mk_error *err)
{
	const char *names[MAX_FIELDS + 1];
	size_t nnames = 0, n = 0;
	for (size_t i = 0; mk_incident_field_name(i) && nnames < MAX_FIELDS; i++)
		names[nnames++] = mk_incident_field_name(i);
	names[nnames] = NULL;
	enum mk_rc rc = mk_api_only_members(body, "", names, err);
	for (size_t i = 0; rc == MK_OK && i < nnames; i++) {
		const json_t *v = json_object_get(body, names[i]);
		if (!v)
			continue;
		const char *text = "";
		if (mk_incident_field_is_flag(names[i])) {
			bool flag, has;
			rc = mk_api_get_bool(body, "", names[i], &has, &flag, err);
			if (rc == MK_OK && has)
				text = flag ? "ja" : "nee";
		} else {
			rc = mk_api_get_string(body, "", names[i], false, &text, err);
		}
		ret[n].name = names[i];
		ret[n].value = text;
		n++;
	}
	if (rc == MK_OK)
		*ret_n = n;
	return rc;
}

void mk_api_incident_create(struct mk_http_request *req, struct mk_http_response *resp)
{
	json_t *body = NULL;
	struct mk_field_value fields[MAX_FIELDS];
	size_t n = 0;
	struct mk_error err = {0};
	char key[MK_KEY_TEXT], location[96];
	if (!mk_api_read_object(req, resp, &body))
		return;
	if (body_fields(body, fields, &n, &err) ||
	    mk_router_check_parent(req, fields, n, &err) ||
	    mk_svc_incident_register(req->svc, &req->actor, req->now, fields, n, key, &err)) {
		mk_api_fail(resp, &err);
		goto out;
	}
	req->key = key;
	send_incident(req, resp, 201);
	req->key = NULL;
	/* It is registered: say so with the key alone when the record cannot
	 * be answered in full. */
	char done[64];
	snprintf(done, sizeof(done), "{\"key\":\"%s\"}", key);
	mk_api_written(resp, 201, done);
	snprintf(location, sizeof(location), MK_API_PREFIX "/incidents/%s", key);
	mk_http_set_header(resp, "Location", location);
out:
	json_decref(body);
}

void mk_api_incident_patch(struct mk_http_request *req, struct mk_http_response *resp)
{
	json_t *body = NULL;
	struct mk_field_value fields[MAX_FIELDS];
	size_t n = 0;
	int64_t version;
	struct mk_error err = {0};
	if (!mk_api_if_match(req, resp, true, &version) || !mk_api_read_object(req, resp, &body))
		return;
	if (body_fields(body, fields, &n, &err) || mk_router_check_parent(req, fields, n, &err)) {
		mk_api_fail(resp, &err);
	} else if (n == 0) {
		mk_http_problem(resp, 422, NULL, "nothing to change: give at least one field");
	} else if (mk_svc_incident_edit(req->svc, &req->actor, req->now, req->key, version, fields,
					n, &err)) {
		mk_api_fail_write(req, resp, version, &err);
	} else {
		send_incident(req, resp, 200);
	}
	json_decref(body);
}

/* --- assessment -------------------------------------------------------------- */

static const char *const assessment_members[] = {"matrix", "impact", "people", "urgency",
						 "event_type", NULL};
static const char *const matrix_members[] = {"table", "category", "incident", NULL};

/* {"matrix": {"table", "category", "incident"}, "impact": {criterion:
 * level}, "people": n, "urgency": level, "event_type": type}: the shapes
 * of the incident record, so a client can send back what it read. */
static enum mk_rc parse_assessment(const json_t *body, struct mk_assessment *a,
				   struct mk_error *err)
{
	const json_t *matrix, *impact;
	const char *table = NULL, *urgency = NULL, *event_type = NULL;
	enum mk_rc rc;
	if ((rc = mk_api_only_members(body, "", assessment_members, err)) ||
	    (rc = mk_api_get_object(body, "", "matrix", &matrix, err)) ||
	    (rc = mk_api_get_object(body, "", "impact", &impact, err)) ||
	    (rc = mk_api_get_integer(body, "", "people", 0, 100000000000LL, &a->has_people,
				     &a->people, err)) ||
	    (rc = mk_api_get_string(body, "", "urgency", false, &urgency, err)) ||
	    (rc = mk_api_get_string(body, "", "event_type", false, &event_type, err)))
		return rc;
	if (matrix) {
		if ((rc = mk_api_only_members(matrix, "matrix.", matrix_members, err)) ||
		    (rc = mk_api_get_string(matrix, "matrix.", "table", true, &table, err)) ||
		    (rc = mk_api_get_string(matrix, "matrix.", "category", true, &a->category, err)) ||
		    (rc = mk_api_get_string(matrix, "matrix.", "incident", true, &a->incident, err)) ||
		    (rc = mk_matrix_table_parse(table, "matrix.table", &a->table, err)))
			return rc;
		a->has_matrix = true;
	}
	if (impact) {
		const char *criteria[MK_CRITERION_COUNT + 1];
		for (int c = 0; c < MK_CRITERION_COUNT; c++)
			criteria[c] = mk_criterion_name((enum mk_criterion)c);
		criteria[MK_CRITERION_COUNT] = NULL;
		if ((rc = mk_api_only_members(impact, "impact.", criteria, err)))
			return rc;
		for (int c = 0; c < MK_CRITERION_COUNT; c++) {
			const char *level = NULL;
			char field[64];
			snprintf(field, sizeof(field), "impact.%s", criteria[c]);
			if ((rc = mk_api_get_string(impact, "impact.", criteria[c], false, &level,
						    err)))
				return rc;
			if (!level)
				continue;
			if ((rc = mk_level_parse(level, field, &a->impact[c], err)))
				return rc;
			if (a->impact[c] == MK_LEVEL_NONE)
				return mk_error_set(err, MK_EINVAL, field,
						    "'%s' must be laag, midden or hoog", field);
			a->has_impact[c] = true;
		}
	}
	if (urgency) {
		if ((rc = mk_level_parse(urgency, "urgency", &a->urgency, err)))
			return rc;
		a->has_urgency = true;
	}
	if (event_type) {
		if ((rc = mk_event_type_parse(event_type, "event_type", &a->event_type, err)))
			return rc;
		a->has_event_type = true;
	}
	if (!a->has_matrix && !a->has_people && !a->has_urgency && !a->has_event_type) {
		bool any = false;
		for (int c = 0; c < MK_CRITERION_COUNT; c++)
			any |= a->has_impact[c];
		if (!any)
			return mk_error_set(err, MK_EINVAL, "",
					    "nothing to assess: give matrix, impact, people, "
					    "urgency or event_type");
	}
	return MK_OK;
}

/* An unknown matrix row is bad input (422 on matrix.category or
 * matrix.incident), not a missing incident, whatever the lookup's kind. */
static void fail_assess(struct mk_http_request *req, struct mk_http_response *resp,
			int64_t version, struct mk_error *err)
{
	if (err->rc == MK_ENOTFOUND &&
	    (strcmp(err->field, "category") == 0 || strcmp(err->field, "incident") == 0)) {
		char field[sizeof(err->field) + 8];
		snprintf(field, sizeof(field), "matrix.%s", err->field);
		mk_http_problem(resp, 422, field, err->message);
		return;
	}
	mk_api_fail_write(req, resp, version, err);
}

void mk_api_incident_assess(struct mk_http_request *req, struct mk_http_response *resp)
{
	json_t *body = NULL;
	struct mk_assessment a = {0};
	int64_t version;
	struct mk_error err = {0};
	if (!mk_api_if_match(req, resp, true, &version) || !mk_api_read_object(req, resp, &body))
		return;
	if (parse_assessment(body, &a, &err))
		mk_api_fail(resp, &err);
	else if (mk_svc_incident_assess(req->svc, &req->actor, req->now, req->key, version, &a,
					&err))
		fail_assess(req, resp, version, &err);
	else
		send_incident(req, resp, 200);
	json_decref(body);
}

/* --- phases --------------------------------------------------------------------- */

static void move(struct mk_http_request *req, struct mk_http_response *resp, bool close)
{
	static const char *const phase_members[] = {"phase", "reason", NULL};
	static const char *const close_members[] = {"reason", NULL};
	json_t *body = NULL;
	const char *phase = NULL, *reason = NULL;
	enum mk_phase to = MK_PHASE_AFSLUITEN;
	int64_t version;
	struct mk_error err = {0};
	/* Closing is one step with no other state to lose, so If-Match is
	 * welcome but not required there; a phase change needs it. */
	if (!mk_api_if_match(req, resp, !close, &version))
		return;
	if (!(close ? mk_api_read_optional_object(req, resp, &body)
		    : mk_api_read_object(req, resp, &body)))
		return;
	if (mk_api_only_members(body, "", close ? close_members : phase_members, &err) ||
	    (!close && mk_api_get_string(body, "", "phase", true, &phase, &err)) ||
	    mk_api_get_string(body, "", "reason", false, &reason, &err) ||
	    (!close && mk_phase_parse(phase, "phase", &to, &err)))
		mk_api_fail(resp, &err);
	else if (mk_svc_incident_phase(req->svc, &req->actor, req->now, req->key, version, to,
				       reason, &err))
		mk_api_fail_write(req, resp, version, &err);
	else
		send_incident(req, resp, 200);
	json_decref(body);
}

void mk_api_incident_phase(struct mk_http_request *req, struct mk_http_response *resp)
{
	move(req, resp, false);
}

void mk_api_incident_close(struct mk_http_request *req, struct mk_http_response *resp)
{
	move(req, resp, true);
}
