/* /api/v1/incidents/{key}/breach and /api/v1/breaches: the data-breach
 * duty through the API, in the shapes of export/breach.h, as `meldkamer
 * breach set|show|notify|inform|register` and `export ap-melding`.
 *
 * PUT /breach sets the members given and leaves the others (null clears
 * one): a client sends back what it read, or only what it changes. Sets
 * (categories, groups, nature) are arrays of code names, counts integers,
 * encrypted true/false, times RFC 3339 or Amsterdam wall-clock text. */
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <fcntl.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "export/breach.h"
#include "export/json.h"
#include "http/api-handlers.h"
#include "http/api.h"

/* The breach with its notifications and AP status, as `breach show --json`. */
struct notes_json {
	json_t *rows;
	mk_time aware_at;
	int64_t n;
	bool final, withdrawn;
};

static enum mk_rc add_note(void *ctx, const struct mk_ap_notification *n)
{
	struct notes_json *nj = ctx;
	nj->n++;
	nj->final |= n->kind == MK_AP_DEFINITIEF;
	nj->withdrawn |= n->kind == MK_AP_INTREKKING;
	return json_array_append_new(nj->rows, mk_json_ap_notification(n, nj->aware_at)) ? MK_ENOMEM
											: MK_OK;
}

static void send_breach(struct mk_http_request *req, struct mk_http_response *resp, int status)
{
	struct mk_breach b;
	struct mk_error err = {0};
	struct notes_json nj = {.rows = json_array()};
	mk_breach_init(&b);
	json_t *o = NULL;
	enum mk_rc rc = nj.rows ? mk_svc_breach_get(req->svc, req->key, &b, &err) : MK_ENOMEM;
	nj.aware_at = b.aware_at;
	if (rc == MK_OK)
		rc = mk_svc_breach_notifications(req->svc, req->key, add_note, &nj, &err);
	if (rc == MK_OK && !(o = mk_json_breach(&b)))
		rc = MK_ENOMEM;
	if (rc) {
		json_decref(nj.rows);
		if (rc == MK_ENOMEM && !err.message[0])
			mk_error_set(&err, rc, "", "out of memory");
		mk_api_fail(resp, &err);
	} else {
		json_object_set_new(o, "key", json_string(req->key));
		json_object_set_new(o, "ap_status",
				    json_string(mk_ap_status_of(nj.n, nj.final, nj.withdrawn)));
		json_object_set_new(o, "notifications", nj.rows);
		mk_api_send(resp, status, o);
		/* The incident's version: If-Match on PUT names it (the breach
		 * is part of the incident, and every change to either counts). */
		struct mk_incident inc;
		mk_incident_init(&inc);
		if (resp->status == status && mk_svc_incident_get(req->svc, req->key, &inc, NULL) == MK_OK)
			mk_api_set_etag(resp, inc.version);
		mk_incident_release(&inc);
	}
	mk_breach_release(&b);
}

void mk_api_breach_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	send_breach(req, resp, 200);
}

/* --- PUT: the record ---------------------------------------------------------- */

#define MAX_BREACH_FIELDS 32

/* A member as the service's text: a string as it is, an integer in
 * digits, a bool as ja/nee, an array of code names joined with commas,
 * null as "" (clear). The text goes into texts (a NUL-separated store). */
static enum mk_rc member_text(const char *name, const json_t *v, struct mk_buf *texts,
			      size_t *ret_at, struct mk_error *err)
{
	*ret_at = texts->len;
	size_t i;
	const json_t *item;
	switch (json_typeof(v)) {
	case JSON_NULL:
		break;
	case JSON_STRING:
		mk_buf_add(texts, json_string_value(v), json_string_length(v));
		if (memchr(json_string_value(v), '\0', json_string_length(v)))
			return mk_error_set(err, MK_EINVAL, name, "'%s' holds a NUL character", name);
		break;
	case JSON_INTEGER:
		mk_buf_addf(texts, "%lld", (long long)json_integer_value(v));
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		mk_buf_adds(texts, json_is_true(v) ? "ja" : "nee");
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, item) {
			if (!json_is_string(item))
				return mk_error_set(err, MK_EINVAL, name,
						    "'%s' must be an array of code names", name);
			/* A name holding a comma would read as two. */
			if (strchr(json_string_value(item), ','))
				return mk_error_set(err, MK_EINVAL, name,
						    "'%s' holds a name with a comma", name);
			if (i)
				mk_buf_addc(texts, ',');
			mk_buf_adds(texts, json_string_value(item));
		}
		break;
	default:
		return mk_error_set(err, MK_EINVAL, name, "'%s' has the wrong type", name);
	}
	mk_buf_addc(texts, '\0');
	if (mk_buf_rc(texts))
		return mk_error_set(err, MK_ETOOBIG, name, "'%s' is too long", name);
	return MK_OK;
}

/* The body's members as field pairs for names (NULL-terminated). */
static enum mk_rc body_pairs(const json_t *body, const char *const *names,
			     struct mk_field_value *ret, size_t *ret_n, struct mk_buf *texts,
			     struct mk_error *err)
{
	size_t at[MAX_BREACH_FIELDS], n = 0;
	enum mk_rc rc = mk_api_only_members(body, "", names, err);
	for (size_t i = 0; rc == MK_OK && names[i] && n < MAX_BREACH_FIELDS; i++) {
		const json_t *v = json_object_get(body, names[i]);
		if (!v)
			continue;
		if ((rc = member_text(names[i], v, texts, &at[n], err)))
			break;
		ret[n++].name = names[i];
	}
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		ret[i].value = texts->data + at[i];
	*ret_n = n;
	return MK_OK;
}

void mk_api_breach_put(struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *names[MAX_BREACH_FIELDS + 1];
	size_t nnames = 0, n = 0;
	for (size_t i = 0; mk_breach_field_name(i) && nnames < MAX_BREACH_FIELDS; i++)
		names[nnames++] = mk_breach_field_name(i);
	names[nnames] = NULL;
	json_t *body = NULL;
	struct mk_field_value fields[MAX_BREACH_FIELDS];
	struct mk_buf texts;
	struct mk_error err = {0};
	bool created = false;
	int64_t version = 0;
	mk_buf_init(&texts, MK_HTTP_BODY_MAX + MAX_BREACH_FIELDS);
	/* If-Match is taken when sent (a stale one is 412, as for incidents);
	 * without it the change applies to whatever is there. */
	if (!mk_api_if_match(req, resp, false, &version) || !mk_api_read_object(req, resp, &body))
		goto out;
	if (body_pairs(body, names, fields, &n, &texts, &err)) {
		mk_api_fail(resp, &err);
		goto out;
	}
	if (mk_svc_breach_set_at(req->svc, &req->actor, req->now, req->key, version, fields, n,
				 &created, &err)) {
		mk_api_fail_write(req, resp, version, &err);
		goto out;
	}
	send_breach(req, resp, created ? 201 : 200);
	mk_api_written(resp, created ? 201 : 200, "{\"written\":true}");
out:
	mk_buf_release(&texts);
	json_decref(body);
}

/* --- POST notifications -------------------------------------------------------- */

void mk_api_breach_notify(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const members[] = {"kind", "reference", "filed_at", "late_reason",
					      NULL};
	json_t *body = NULL;
	const char *kind = NULL, *filed_at = NULL;
	struct mk_ap_notification n = {.filed_at = MK_TIME_UNKNOWN};
	struct mk_error err = {0};
	if (!mk_api_read_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_string(body, "", "kind", true, &kind, &err) ||
	    mk_ap_kind_parse(kind, "kind", &n.kind, &err) ||
	    mk_api_get_string(body, "", "reference", true, &n.reference, &err) ||
	    mk_api_get_string(body, "", "filed_at", false, &filed_at, &err) ||
	    (filed_at && mk_time_parse(filed_at, "filed_at", &n.filed_at, &err)) ||
	    mk_api_get_string(body, "", "late_reason", false, &n.late_reason, &err) ||
	    mk_svc_breach_notify(req->svc, &req->actor, req->now, req->key, &n, &err)) {
		mk_api_fail(resp, &err);
		goto out;
	}
	/* The breach it belongs to: for aware_at, and so the answer is the
	 * row as stored. */
	struct mk_breach b;
	mk_breach_init(&b);
	if (mk_svc_breach_get(req->svc, req->key, &b, &err) == MK_OK)
		mk_api_send(resp, 201, mk_json_ap_notification(&n, b.aware_at));
	mk_breach_release(&b);
	char done[64];
	snprintf(done, sizeof(done), "{\"id\":%lld}", (long long)n.id);
	mk_api_written(resp, 201, done);
out:
	json_decref(body);
}

/* --- POST subjects (the decision to inform) ----------------------------------- */

void mk_api_breach_subjects(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const names[] = {"decision", "exception", "reason", "channel",
					    "informed_at", NULL};
	json_t *body = NULL;
	struct mk_field_value fields[8];
	size_t n = 0;
	struct mk_buf texts;
	struct mk_error err = {0};
	mk_buf_init(&texts, MK_HTTP_BODY_MAX + 8);
	if (!mk_api_read_object(req, resp, &body))
		goto out;
	/* decision is true/false or "ja"/"nee"; member_text makes both ja/nee. */
	if (body_pairs(body, names, fields, &n, &texts, &err) ||
	    mk_svc_breach_inform(req->svc, &req->actor, req->now, req->key, fields, n, &err)) {
		mk_api_fail(resp, &err);
		goto out;
	}
	send_breach(req, resp, 200);
	mk_api_written(resp, 200, "{\"written\":true}");
out:
	mk_buf_release(&texts);
	json_decref(body);
}

/* --- GET the AP draft ----------------------------------------------------------- */

struct kept_notes {
	struct mk_ap_notification items[64];
	char *owned[64 * 3];
	size_t n;
	bool more;
};

static enum mk_rc keep_note(void *ctx, const struct mk_ap_notification *n)
{
	struct kept_notes *k = ctx;
	/* The life cycle allows few rows (a first, supplements, a final,
	 * a withdrawal); a breach with more than 64 is answered from its
	 * first 64, which hold the first notification the draft reads. */
	if (k->n == 64) {
		k->more = true;
		return MK_OK;
	}
	struct mk_ap_notification *c = &k->items[k->n];
	char **o = &k->owned[k->n * 3];
	*c = *n;
	k->n++;
	o[0] = mk_strdup(n->reference);
	o[1] = n->filed_by ? mk_strdup(n->filed_by) : NULL;
	o[2] = n->late_reason ? mk_strdup(n->late_reason) : NULL;
	c->reference = o[0];
	c->filed_by = o[1];
	c->late_reason = o[2];
	return !o[0] || (n->filed_by && !o[1]) || (n->late_reason && !o[2]) ? MK_ENOMEM : MK_OK;
}

void mk_api_breach_ap_draft(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_incident inc;
	struct mk_breach b;
	struct kept_notes *k = mk_calloc(1, sizeof(*k));
	struct mk_error err = {0};
	mk_incident_init(&inc);
	mk_breach_init(&b);
	enum mk_rc rc = k ? MK_OK : MK_ENOMEM;
	if (rc == MK_OK && !(rc = mk_svc_incident_get(req->svc, req->key, &inc, &err)) &&
	    !(rc = mk_svc_breach_get(req->svc, req->key, &b, &err)))
		rc = mk_svc_breach_notifications(req->svc, req->key, keep_note, k, &err);
	if (rc) {
		if (rc == MK_ENOMEM && !err.message[0])
			mk_error_set(&err, rc, "", "out of memory");
		mk_api_fail(resp, &err);
	} else {
		struct mk_ap_draft_input in = {&inc, &b, k->items, k->n, req->now};
		mk_api_send(resp, 200, mk_ap_draft_json(&in));
	}
	for (size_t i = 0; k && i < k->n * 3; i++)
		mk_free(k->owned[i]);
	mk_free(k);
	mk_breach_release(&b);
	mk_incident_release(&inc);
}

/* --- GET the register ----------------------------------------------------------- */

struct csv_body {
	struct mk_buf *out;
	mk_time now;
	struct mk_buf cells;
};

static enum mk_rc csv_line(void *ctx, const struct mk_breach_register_row *r)
{
	struct csv_body *c = ctx;
	const char *cells[MK_REGISTER_COLUMNS];
	enum mk_rc rc = mk_register_cells(r, c->now, &c->cells, cells);
	if (rc == MK_OK) {
		mk_csv_record(cells, MK_REGISTER_COLUMNS, c->out);
		rc = mk_buf_rc(c->out);
	}
	return rc;
}

/* The register as XLSX: libxlsxwriter writes a file, so it is made in a
 * private temporary folder, opened, and removed at once; the descriptor
 * keeps it until the download is sent (as the evidence archive). */
static void send_xlsx(struct mk_http_request *req, const struct mk_incident_query *scope,
		      struct mk_http_response *resp)
{
	char dir[4096], path[4200];
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/meldkamer-register-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		mk_http_problem(resp, 503, NULL, "no room for the spreadsheet");
		return;
	}
	snprintf(path, sizeof(path), "%s/datalekkenregister.xlsx", dir);
	struct mk_error err = {0};
	size_t rows = 0;
	enum mk_rc rc = mk_register_write_xlsx(req->svc, scope, req->now, path, &rows, &err);
	int fd = rc ? -1 : open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (rc == MK_OK && (fd < 0 || fstat(fd, &sb) != 0))
		rc = mk_error_set(&err, MK_ESTORE, "", "the spreadsheet could not be read back");
	unlink(path);
	rmdir(dir);
	if (rc) {
		if (fd >= 0)
			close(fd);
		mk_api_fail(resp, &err);
		return;
	}
	resp->status = 200;
	resp->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	resp->file_fd = fd;
	resp->file_size = (long long)sb.st_size;
	mk_http_set_header(resp, "Content-Disposition",
			   "attachment; filename=\"datalekkenregister.xlsx\"");
}

void mk_api_breaches(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_incident_query scope = {0};
	struct mk_error err = {0};
	const char *format = mk_http_query(req, "format");
	mk_api_viewer_filter(req, &scope);
	if (format && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "xlsx") != 0) {
		mk_http_problem(resp, 422, "format", "format must be json, csv or xlsx");
		return;
	}
	if (format && strcmp(format, "xlsx") == 0) {
		send_xlsx(req, &scope, resp);
		return;
	}
	if (!format || strcmp(format, "json") == 0) {
		json_t *rows = NULL;
		if (mk_register_json(req->svc, &scope, req->now, &rows, &err))
			mk_api_fail(resp, &err);
		else
			mk_api_send(resp, 200, json_pack("{s:o}", "items", rows));
		return;
	}
	/* The CSV answer is built in the response body, under its ceiling:
	 * a register too big for one answer says so (413) rather than
	 * sending half of it. */
	resp->status = 200;
	resp->content_type = "text/csv; charset=utf-8";
	struct csv_body c = {.out = &resp->body, .now = req->now};
	mk_buf_init(&c.cells, 4 * MK_TEXT_MAX);
	const char *heads[MK_REGISTER_COLUMNS];
	for (size_t i = 0; i < MK_REGISTER_COLUMNS; i++)
		heads[i] = mk_register_column(i);
	mk_csv_record(heads, MK_REGISTER_COLUMNS, &resp->body);
	enum mk_rc rc = mk_svc_breach_register(req->svc, &scope, csv_line, &c, &err);
	mk_buf_release(&c.cells);
	if (rc) {
		mk_http_response_release(resp);
		mk_http_response_init(resp);
		if (rc == MK_ENOMEM || rc == MK_ETOOBIG)
			mk_http_problem(resp, 413, NULL,
					"the register is too large for one answer: export it with "
					"'meldkamer breach register'");
		else
			mk_api_fail(resp, &err);
		return;
	}
	mk_http_set_header(resp, "Content-Disposition", "attachment; filename=\"datalekkenregister.csv\"");
}
