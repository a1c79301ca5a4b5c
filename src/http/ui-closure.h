/* The closure page of the web UI (ui-closure.c) and its form posts
 * (ui-closure-post.c). Internal to src/http. */
#ifndef MK_HTTP_UI_CLOSURE_H
#define MK_HTTP_UI_CLOSURE_H

#include "http/ui.h"

void mk_ui_closure_get(struct mk_http_request *req, struct mk_http_response *resp);
/* The page of req->key with status; e (a refused form) shown when set. */
void mk_ui_closure_render(struct mk_http_request *req, struct mk_http_response *resp, int status,
			  const struct mk_ui_form_error *e);
void mk_ui_time_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_cost_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_meeting_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_evaluation_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_action_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_action_done_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_hold_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_release_post(struct mk_http_request *req, struct mk_http_response *resp);

#endif
