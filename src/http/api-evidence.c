/* /api/v1/incidents/{key}/evidence: the chain of custody (doc/custody.md)
 * in the shapes of export/json-custody.c, as `meldkamer evidence ...`:
 * the items, registering a physical one, uploading a file (a raw body,
 * streamed by server.c to an unlinked file and from there into the
 * content-addressed store while hashing), transfers, the custody log, the
 * re-hashing check, and the signed archive as a download. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export/evidence-archive.h"
#include "export/json-custody.h"
#include "http/api-handlers.h"
#include "http/api.h"
#include "service/custody.h"

struct rows {
	json_t *rows;
	int64_t only; /* one item's number (its custody events), or 0 */
	json_t *last;
};

static enum mk_rc add_item(void *ctx, const struct mk_item_view *it)
{
	struct rows *r = ctx;
	if (r->only) {
		if (it->seq == r->only && !r->last)
			r->last = mk_json_item(it);
		return MK_OK;
	}
	return json_array_append_new(r->rows, mk_json_item(it)) ? MK_ENOMEM : MK_OK;
}

static enum mk_rc add_event(void *ctx, const struct mk_custody_view *c)
{
	struct rows *r = ctx;
	if (r->only) {
		if (c->item_seq == r->only && c->type == MK_CUSTODY_TRANSFER) {
			json_decref(r->last);
			r->last = mk_json_custody_event(c);
		}
		return MK_OK;
	}
	return json_array_append_new(r->rows, mk_json_custody_event(c)) ? MK_ENOMEM : MK_OK;
}

void mk_api_evidence_list(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct rows r = {.rows = json_array()};
	struct mk_error err = {0};
	if (!r.rows) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	if (mk_svc_item_list(req->svc, req->key, add_item, &r, &err)) {
		json_decref(r.rows);
		mk_api_fail(resp, &err);
		return;
	}
	mk_api_send(resp, 200, r.rows);
}

void mk_api_evidence_custody(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct rows r = {.rows = json_array()};
	struct mk_error err = {0};
	if (!r.rows) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	if (mk_svc_custody_log(req->svc, req->key, add_event, &r, &err)) {
		json_decref(r.rows);
		mk_api_fail(resp, &err);
		return;
	}
	mk_api_send(resp, 200, r.rows);
}

/* Answers the item just registered (201). */
static void send_item(struct mk_http_request *req, struct mk_http_response *resp, int64_t seq)
{
	struct rows r = {.only = seq};
	struct mk_error err = {0};
	if (mk_svc_item_list(req->svc, req->key, add_item, &r, &err) || !r.last) {
		json_decref(r.last);
		mk_api_fail(resp, &err);
	} else {
		mk_api_send(resp, 201, r.last);
	}
	char done[64];
	snprintf(done, sizeof(done), "{\"item\":%lld}", (long long)seq);
	mk_api_written(resp, 201, done);
}

static enum mk_rc parse_time_text(const char *text, const char *field, mk_time *ret,
				  struct mk_error *err)
{
	return text ? mk_time_parse(text, field, ret, err) : MK_OK;
}

void mk_api_evidence_add(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const members[] = {"what", "why", "location", "storage", "seal",
					      "collected_by", "collected_at", NULL};
	json_t *body = NULL;
	const char *at = NULL;
	struct mk_item_input in = {.collected_at = MK_TIME_UNKNOWN};
	struct mk_error err = {0};
	int64_t seq = 0;
	if (!mk_api_read_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_string(body, "", "what", true, &in.what, &err) ||
	    mk_api_get_string(body, "", "why", true, &in.why, &err) ||
	    mk_api_get_string(body, "", "location", false, &in.location, &err) ||
	    mk_api_get_string(body, "", "storage", false, &in.storage, &err) ||
	    mk_api_get_string(body, "", "seal", false, &in.seal, &err) ||
	    mk_api_get_string(body, "", "collected_by", false, &in.collected_by, &err) ||
	    mk_api_get_string(body, "", "collected_at", false, &at, &err) ||
	    parse_time_text(at, "collected_at", &in.collected_at, &err) ||
	    mk_svc_item_register(req->svc, &req->actor, req->now, req->key, &in, -1, 0, &seq, NULL,
				 &err)) {
		mk_api_fail(resp, &err);
		json_decref(body);
		return;
	}
	send_item(req, resp, seq);
	json_decref(body);
}

/* The query parameters an upload may carry: the item's record. */
static bool only_params(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const names[] = {"what", "why", "location", "storage", "seal",
					    "collected_by", "collected_at", "name", "media_type", NULL};
	for (size_t i = 0; i < req->nquery; i++) {
		bool known = false;
		for (size_t j = 0; names[j]; j++)
			known = known || strcmp(req->query[i].name, names[j]) == 0;
		if (!known) {
			char detail[160];
			snprintf(detail, sizeof(detail), "unknown parameter '%.64s'", req->query[i].name);
			mk_http_problem(resp, 422, req->query[i].name, detail);
			return false;
		}
	}
	return true;
}

void mk_api_evidence_upload(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_item_input in = {.collected_at = MK_TIME_UNKNOWN};
	struct mk_error err = {0};
	int64_t seq = 0;
	if (strcmp(req->content_type, "application/octet-stream") != 0) {
		mk_http_problem(resp, 415, "Content-Type",
				"an evidence file is sent as the raw body, application/octet-stream");
		return;
	}
	if (!only_params(req, resp))
		return;
	in.what = mk_http_query(req, "what");
	in.why = mk_http_query(req, "why");
	in.location = mk_http_query(req, "location");
	in.storage = mk_http_query(req, "storage");
	in.seal = mk_http_query(req, "seal");
	in.collected_by = mk_http_query(req, "collected_by");
	in.name = mk_http_query(req, "name");
	in.media_type = mk_http_query(req, "media_type");
	if (!in.what || !in.why) {
		mk_http_problem(resp, 422, in.what ? "why" : "what",
				in.what ? "'why' is required: why it was collected"
					: "'what' is required: what the item is");
		return;
	}
	if (parse_time_text(mk_http_query(req, "collected_at"), "collected_at", &in.collected_at,
			    &err)) {
		mk_api_fail(resp, &err);
		return;
	}
	/* The server streamed the body to a file; a body that came in
	 * memory (a test, a small request without credentials) goes through
	 * a temporary file the same way. */
	int fd = -1;
	FILE *tmp = NULL;
	if (req->has_body_fd) {
		fd = dup(req->body_fd);
	} else if ((tmp = tmpfile())) {
		if (fwrite(req->body, 1, req->body_len, tmp) == req->body_len && fflush(tmp) == 0 &&
		    fseek(tmp, 0, SEEK_SET) == 0)
			fd = dup(fileno(tmp));
		fclose(tmp);
	}
	if (fd < 0) {
		mk_http_problem(resp, 503, NULL, "the upload could not be read");
		return;
	}
	enum mk_rc rc = mk_svc_item_register(req->svc, &req->actor, req->now, req->key, &in, fd,
					     MK_HTTP_UPLOAD_MAX, &seq, NULL, &err);
	close(fd);
	if (rc) {
		mk_api_fail(resp, &err);
		return;
	}
	send_item(req, resp, seq);
}

static bool item_number(struct mk_http_request *req, struct mk_http_response *resp,
			int64_t *ret)
{
	const char *s = req->nseg > 5 ? req->seg[5] : "";
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (!s[0] || *end || errno || v < 1 || s[0] == '+' || s[0] == '-' || s[0] == ' ') {
		mk_http_problem(resp, 404, "item", "no such evidence item");
		return false;
	}
	*ret = v;
	return true;
}

void mk_api_evidence_transfer(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const members[] = {"from", "to", "reason", "receipt", "at", NULL};
	json_t *body = NULL;
	const char *at = NULL;
	struct mk_transfer_input t = {.at = MK_TIME_UNKNOWN};
	struct mk_error err = {0};
	int64_t seq;
	if (!item_number(req, resp, &seq) || !mk_api_read_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_string(body, "", "from", true, &t.from, &err) ||
	    mk_api_get_string(body, "", "to", true, &t.to, &err) ||
	    mk_api_get_string(body, "", "reason", true, &t.reason, &err) ||
	    mk_api_get_string(body, "", "receipt", false, &t.receipt, &err) ||
	    mk_api_get_string(body, "", "at", false, &at, &err) ||
	    parse_time_text(at, "at", &t.at, &err) ||
	    mk_svc_item_transfer(req->svc, &req->actor, req->now, req->key, seq, &t, &err)) {
		mk_api_fail(resp, &err);
		json_decref(body);
		return;
	}
	struct rows r = {.only = seq};
	if (mk_svc_custody_log(req->svc, req->key, add_event, &r, &err) || !r.last) {
		json_decref(r.last);
		mk_api_fail(resp, &err);
	} else {
		mk_api_send(resp, 201, r.last);
	}
	mk_api_written(resp, 201, "{}");
	json_decref(body);
}

struct vcount {
	json_t *rows;
	int64_t files, intact, changed, missing;
};

static enum mk_rc verify_row(void *ctx, const struct mk_file_check *c)
{
	struct vcount *v = ctx;
	v->files++;
	v->intact += c->state == MK_FILE_INTACT;
	v->changed += c->state == MK_FILE_CHANGED;
	v->missing += c->state == MK_FILE_MISSING;
	return json_array_append_new(v->rows, mk_json_file_check(c)) ? MK_ENOMEM : MK_OK;
}

void mk_api_evidence_verify(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct vcount v = {.rows = json_array()};
	struct mk_error err = {0};
	if (!v.rows) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	if (mk_svc_evidence_verify(req->svc, req->key, verify_row, &v, &err)) {
		json_decref(v.rows);
		mk_api_fail(resp, &err);
		return;
	}
	mk_api_send(resp, 200,
		    json_pack("{s:o, s:I, s:I, s:I, s:I, s:b}", "files", v.rows, "checked",
			      (json_int_t)v.files, "intact", (json_int_t)v.intact, "changed",
			      (json_int_t)v.changed, "missing", (json_int_t)v.missing, "ok",
			      !v.changed && !v.missing));
}

void mk_api_evidence_export(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char *const members[] = {"why", NULL};
	json_t *body = NULL;
	const char *why = NULL;
	struct mk_error err = {0};
	char dir[4096], path[4200];
	if (!mk_api_read_object(req, resp, &body))
		return;
	if (mk_api_only_members(body, "", members, &err) ||
	    mk_api_get_string(body, "", "why", true, &why, &err)) {
		mk_api_fail(resp, &err);
		json_decref(body);
		return;
	}
	/* Written to a private temporary folder, opened, and removed at
	 * once: the descriptor keeps the file until the download is sent. */
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/meldkamer-export-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		mk_http_problem(resp, 503, NULL, "no room for the archive");
		json_decref(body);
		return;
	}
	snprintf(path, sizeof(path), "%s/evidence.tar", dir);
	struct mk_export_summary sum;
	enum mk_rc rc = mk_export_evidence(req->svc, &req->actor, req->now, req->key, why, path,
					   &sum, &err);
	int fd = rc ? -1 : open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (rc == MK_OK && (fd < 0 || fstat(fd, &sb) != 0))
		rc = mk_error_set(&err, MK_ESTORE, "", "the archive could not be read back");
	unlink(path);
	rmdir(dir);
	json_decref(body);
	if (rc) {
		if (fd >= 0)
			close(fd);
		mk_api_fail(resp, &err);
		return;
	}
	char disposition[128];
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s-evidence.tar\"",
		 req->key);
	resp->status = 200;
	resp->content_type = "application/x-tar";
	resp->file_fd = fd;
	resp->file_size = (long long)sb.st_size;
	mk_http_set_header(resp, "Content-Disposition", disposition);
	mk_http_set_header(resp, "X-Evidence-Signed-By", sum.fingerprint);
}
