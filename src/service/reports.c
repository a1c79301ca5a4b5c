/* Reading across incidents: deadlines and KPIs. */
#include "service/internal.h"

#include <string.h>

#include "base/alloc.h"

/* mk_svc_incident_deadlines is in breach.c: the breach record steers the
 * AP and subject clocks. */

struct deadline_walk {
	struct mk_service *svc;
	mk_time now;
	mk_deadline_cb cb;
	void *ctx;
};

static enum mk_rc walk_deadlines(void *ctx, const struct mk_incident *inc)
{
	struct deadline_walk *w = ctx;
	struct mk_deadline d[MK_CLOCK_COUNT];
	if (inc->exercise)
		return MK_OK;
	mk_svc_incident_deadlines(w->svc, inc, w->now, d);
	bool closed = inc->closed_at != MK_TIME_UNKNOWN;
	for (int i = 0; i < MK_CLOCK_COUNT; i++) {
		/* After closure only the evaluation is still to do; the
		 * response clocks are history, visible on the incident. */
		if (closed && i != MK_CLOCK_EVALUATION)
			continue;
		if (!mk_deadline_is_pending(&d[i]))
			continue;
		enum mk_rc rc = w->cb(w->ctx, inc, &d[i]);
		if (rc)
			return rc;
	}
	return MK_OK;
}

enum mk_rc mk_svc_deadlines(struct mk_service *svc, mk_time now, mk_deadline_cb cb, void *ctx,
			    struct mk_error *err)
{
	return mk_svc_deadlines_visible(svc, now, NULL, cb, ctx, err);
}

enum mk_rc mk_svc_deadlines_visible(struct mk_service *svc, mk_time now,
				    const struct mk_incident_query *scope, mk_deadline_cb cb,
				    void *ctx, struct mk_error *err)
{
	struct deadline_walk w = {svc, now, cb, ctx};
	struct mk_incident_query q = {.borrow_text = true};
	if (scope) {
		q.viewer_account = scope->viewer_account;
		q.filter = scope->filter;
	}
	return mk_store_incident_list(svc->store, &q, walk_deadlines, &w, err);
}

static enum mk_rc add_kpi(void *ctx, const struct mk_incident *inc)
{
	return mk_kpi_add(ctx, inc);
}

enum mk_rc mk_svc_kpi(struct mk_service *svc, struct mk_kpi *ret_kpi, struct mk_error *err)
{
	struct mk_incident_query q = {.borrow_text = true};
	enum mk_rc rc = mk_store_incident_list(svc->store, &q, add_kpi, ret_kpi, err);
	if (rc == MK_ENOMEM)
		mk_error_set(err, rc, "", "out of memory computing KPIs");
	return rc;
}

enum mk_rc mk_svc_incidents(struct mk_service *svc, const struct mk_incident_query *q,
			    mk_incident_cb cb, void *ctx, struct mk_error *err)
{
	return mk_store_incident_list(svc->store, q, cb, ctx, err);
}

enum mk_rc mk_svc_incident_count(struct mk_service *svc, const struct mk_incident_query *q,
				 int64_t *ret_count, struct mk_error *err)
{
	return mk_store_incident_count_query(svc->store, q, ret_count, err);
}

enum mk_rc mk_svc_search(struct mk_service *svc, const char *query, int limit,
			 const struct mk_incident_query *scope, mk_incident_cb cb, void *ctx,
			 struct mk_error *err)
{
	return mk_store_search(svc->store, query, limit, scope, cb, ctx, err);
}

enum mk_rc mk_svc_register_check(struct mk_service *svc, mk_problem_cb cb, void *ctx,
				 struct mk_error *err)
{
	return mk_store_register_check(svc->store, cb, ctx, err);
}

enum mk_rc mk_svc_impact_table(struct mk_service *svc, struct mk_impact_table *t,
			       struct mk_error *err)
{
	char *body = NULL;
	enum mk_rc rc = mk_store_config_get(svc->store, "impact", NULL, &body, err);
	if (rc == MK_OK)
		rc = mk_impact_table_parse(t, body, strlen(body), "the stored impact table", err);
	mk_free(body);
	return rc;
}
