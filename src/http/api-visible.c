/* Need-to-know in listings. The router decides access for one incident;
 * a listing shows many, so it is narrowed: in the store query where the
 * store can (mk_api_viewer_filter), and per incident by the same
 * mk_access_decide where it cannot (deadlines, the chain check, a key
 * typed into search). */
#include "http/api-handlers.h"
#include "http/api.h"

void mk_api_viewer_filter(const struct mk_http_request *req, struct mk_incident_query *q)
{
	q->viewer_account = req->account.name;
	mk_access_filter_for(req->account.role, &q->filter);
}

enum mk_rc mk_api_visible(struct mk_http_request *req, const struct mk_incident *inc,
			  bool *ret_visible, struct mk_error *err)
{
	struct mk_access_filter f;
	mk_access_filter_for(req->account.role, &f);
	*ret_visible = false;
	/* Roles that see everything need no facts: no query per row. */
	if (!f.only_own_reports && !(f.hide_confidential && inc->confidential)) {
		*ret_visible = true;
		return MK_OK;
	}
	struct mk_access_subject subject;
	enum mk_rc rc = mk_svc_access_subject(req->svc, inc->key, req->account.name, &subject, err);
	if (rc)
		return rc;
	*ret_visible = mk_access_decide(req->account.role, MK_ACT_INCIDENT_READ, &subject) ==
		       MK_ACCESS_ALLOW;
	return MK_OK;
}
