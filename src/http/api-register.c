/* The register as a whole and its tables: search, KPIs, the Bijlage 3
 * matrix, the Tabel 1 impact criteria, the priority matrix, the chain
 * check of every logbook, the caller's own account, and the OpenAPI
 * document. Shapes as the CLI's --json output of the same commands. */
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "core/impact.h"
#include "core/text.h"
#include "export/json.h"
#include "http/api-handlers.h"
#include "http/api.h"

extern const char mk_data_openapi_json[];
extern const unsigned long mk_data_openapi_json_len;

/* --- search ----------------------------------------------------------------- */

struct found {
	struct mk_http_request *req;
	json_t *rows;
	struct mk_error *err;
	bool filtered;  /* the store narrowed the rows already */
};

static enum mk_rc add_found(void *ctx, const struct mk_incident *inc)
{
	struct found *f = ctx;
	bool visible = true;
	enum mk_rc rc = f->filtered ? MK_OK : mk_api_visible(f->req, inc, &visible, f->err);
	if (rc || !visible)
		return rc;
	return json_array_append_new(f->rows, mk_json_incident_summary(inc)) ? MK_ENOMEM : MK_OK;
}

void mk_api_search(struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *q = mk_http_query(req, "q");
	int limit;
	struct mk_error err = {0};
	if (!mk_api_query_limit(req, resp, &limit))
		return;
	if (!q || mk_text_blank(q)) {
		mk_http_problem(resp, 422, "q", "'q' is required: the words to search for");
		return;
	}
	if (mk_text_check("q", q, MK_QUERY_MAX, MK_TEXT_LINE, true, &err)) {
		mk_api_fail(resp, &err);
		return;
	}
	struct found f = {.req = req, .rows = json_array(), .err = &err};
	if (!f.rows) {
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	/* A key finds its incident directly: people paste keys from mail. */
	int year;
	int64_t number;
	enum mk_rc rc;
	if (mk_incident_key_parse(q, &year, &number, NULL) == MK_OK) {
		struct mk_incident inc;
		mk_incident_init(&inc);
		rc = mk_svc_incident_get(req->svc, q, &inc, &err);
		if (rc == MK_OK)
			rc = add_found(&f, &inc);
		else if (rc == MK_ENOTFOUND)
			rc = MK_OK;
		mk_incident_release(&inc);
	} else {
		/* The store narrows the matches to what the reader may see, so
		 * that the limit counts only those. */
		struct mk_incident_query scope = {0};
		mk_api_viewer_filter(req, &scope);
		f.filtered = true;
		rc = mk_svc_search(req->svc, q, limit, &scope, add_found, &f, &err);
	}
	if (rc) {
		json_decref(f.rows);
		mk_api_fail(resp, &err);
		return;
	}
	mk_api_send(resp, 200, f.rows);
}

/* --- KPIs and tables ---------------------------------------------------------- */

void mk_api_kpi(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_kpi k;
	struct mk_error err = {0};
	mk_kpi_init(&k);
	if (mk_svc_kpi(req->svc, &k, &err))
		mk_api_fail(resp, &err);
	else
		mk_api_send(resp, 200, mk_json_kpi(&k));
	mk_kpi_release(&k);
}

void mk_api_matrix(struct mk_http_request *req, struct mk_http_response *resp)
{
	json_t *rows = json_array();
	for (size_t i = 0; rows && i < req->svc->matrix.count; i++)
		if (json_array_append_new(rows, mk_json_matrix_row(&req->svc->matrix.rows[i]))) {
			json_decref(rows);
			rows = NULL;
		}
	mk_api_send(resp, 200, rows);
}

void mk_api_impact(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_impact_table t;
	struct mk_error err = {0};
	if (mk_svc_impact_table(req->svc, &t, &err)) {
		mk_api_fail(resp, &err);
		return;
	}
	json_t *rows = json_array();
	for (int c = 0; rows && c < MK_CRITERION_COUNT; c++) {
		const struct mk_impact_criterion_text *r = &t.rows[c];
		if (json_array_append_new(
			    rows, json_pack("{s:s, s:s, s:{s:s, s:s, s:s}}", "criterion",
					    mk_criterion_name(r->criterion), "label", r->label,
					    "levels", "laag", r->example[MK_LEVEL_LAAG], "midden",
					    r->example[MK_LEVEL_MIDDEN], "hoog",
					    r->example[MK_LEVEL_HOOG]))) {
			json_decref(rows);
			rows = NULL;
		}
	}
	mk_impact_table_release(&t);
	mk_api_send(resp, 200, rows);
}

void mk_api_priority(struct mk_http_request *req, struct mk_http_response *resp)
{
	json_t *rows = json_array();
	for (int i = MK_LEVEL_HOOG; rows && i >= MK_LEVEL_LAAG; i--)
		for (int u = MK_LEVEL_HOOG; rows && u >= MK_LEVEL_LAAG; u--) {
			enum mk_priority p = mk_priority_of(&req->svc->priority, (enum mk_level)i,
							    (enum mk_level)u);
			if (json_array_append_new(
				    rows, json_pack("{s:s, s:s, s:s, s:s}", "impact",
						    mk_level_name((enum mk_level)i), "urgency",
						    mk_level_name((enum mk_level)u), "priority",
						    mk_priority_name(p), "label",
						    mk_priority_label(p)))) {
				json_decref(rows);
				rows = NULL;
			}
		}
	mk_api_send(resp, 200, rows);
}

/* --- chain ------------------------------------------------------------------------ */

struct keys {
	struct mk_error *err;
	char (*keys)[MK_KEY_TEXT];
	size_t n, cap;
};

static enum mk_rc add_key(void *ctx, const struct mk_incident *inc)
{
	struct keys *k = ctx;
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 256;
		void *p = mk_realloc(k->keys, cap * sizeof(*k->keys));
		if (!p)
			return mk_error_set(k->err, MK_ENOMEM, "", "out of memory listing incidents");
		k->keys = p;
		k->cap = cap;
	}
	snprintf(k->keys[k->n++], MK_KEY_TEXT, "%s", inc->key);
	return MK_OK;
}

static enum mk_rc add_problem(void *ctx, const char *problem)
{
	return json_array_append_new(ctx, json_string(problem)) ? MK_ENOMEM : MK_OK;
}

void mk_api_chain(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_error err = {0};
	struct keys k = {.err = &err};
	struct mk_incident_query q = {.borrow_text = true};
	mk_api_viewer_filter(req, &q);
	json_t *chains = json_array(), *problems = json_array();
	size_t broken = 0;
	/* The keys first: verifying reads each logbook, which must not run
	 * inside the listing's statement. */
	if (!chains || !problems || mk_svc_incidents(req->svc, &q, add_key, &k, &err)) {
		if (!chains || !problems)
			mk_error_set(&err, MK_ENOMEM, "", "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < k.n; i++) { /* newest first, as the listings */
		struct mk_chain_status st = {0};
		struct mk_error verr = {0};
		enum mk_rc rc = mk_svc_log_verify(req->svc, k.keys[i], &st, &verr);
		if (rc && rc != MK_ECHAIN) {
			err = verr;
			goto fail;
		}
		broken += rc == MK_ECHAIN;
		if (json_array_append_new(chains,
					  json_pack("{s:s, s:b, s:I, s:s, s:s?}", "key", k.keys[i],
						    "intact", rc == MK_OK, "entries",
						    (json_int_t)st.entries, "head", st.head,
						    "problem", rc ? verr.message : NULL))) {
			mk_error_set(&err, MK_ENOMEM, "", "out of memory");
			goto fail;
		}
	}
	/* Beyond each chain: an incident deleted with its logbook, or a
	 * logbook left without its incident, breaks no chain. */
	if (mk_svc_register_check(req->svc, add_problem, problems, &err))
		goto fail;
	mk_free(k.keys);
	mk_api_send(resp, 200,
		    json_pack("{s:I, s:I, s:o, s:o}", "incidents", (json_int_t)k.n, "broken",
			      (json_int_t)broken, "chains", chains, "register_problems", problems));
	return;
fail:
	mk_free(k.keys);
	json_decref(chains);
	json_decref(problems);
	mk_api_fail(resp, &err);
}

/* --- me, openapi -------------------------------------------------------------------- */

void mk_api_me(struct mk_http_request *req, struct mk_http_response *resp)
{
	mk_api_send(resp, 200,
		    json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", req->account.name, "display_name",
			      req->account.display_name, "role", mk_role_name(req->account.role),
			      "lang", req->account.lang[0] ? req->account.lang : "nl", "auth",
			      req->via_token ? "token" : "session"));
}

void mk_api_openapi(struct mk_http_request *req, struct mk_http_response *resp)
{
	(void)req;
	mk_buf_reset(&resp->body);
	mk_buf_add(&resp->body, mk_data_openapi_json, mk_data_openapi_json_len);
	if (mk_buf_rc(&resp->body)) {
		resp->body.rc = MK_OK;
		mk_http_problem(resp, 503, NULL, "out of memory");
		return;
	}
	resp->status = 200;
	resp->content_type = "application/json";
}
