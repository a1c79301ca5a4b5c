/* The error answer of a web page (404, 403, 503... on an HTML route),
 * in the layout of the web UI, the message escaped like every value. */
#include "http/router.h"
#include "http/ui.h"

void mk_http_error_page(const struct mk_http_request *req, int status, const char *detail,
			struct mk_http_response *resp)
{
	mk_ui_error_page(req, resp, status, detail ? detail : "");
}
