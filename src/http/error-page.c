/* The error answer of a web page (404, 403, 503... on an HTML route): a
 * plain-text placeholder until the web UI renders it in its own layout
 * (the ui-*.c owner replaces this file). Plain text needs no escaping and
 * the Content-Type keeps a browser from reading it as HTML. */
#include "http/router.h"

void mk_http_error_page(const struct mk_http_request *req, int status, const char *detail,
			struct mk_http_response *resp)
{
	(void)req;
	resp->status = status;
	resp->content_type = "text/plain; charset=utf-8";
	mk_buf_reset(&resp->body);
	mk_buf_addf(&resp->body, "%d\n%s\n", status, detail ? detail : "");
}
