/* The incident page's "Bewijsmateriaal" section and its form posts
 * (ui-evidence.c). Internal to src/http. */
#ifndef MK_HTTP_UI_EVIDENCE_H
#define MK_HTTP_UI_EVIDENCE_H

#include "http/ui.h"

/* The section: items, chain of custody, and the forms the person may
 * use. e: a refused form of this section ("bewijs", "overdracht",
 * "export"), or NULL. */
enum mk_rc mk_ui_evidence_section(struct mk_http_request *req, struct mk_buf *b, const char *lang,
				  const char *key, bool may_add, bool may_export,
				  const struct mk_ui_form_error *e, struct mk_error *err);
/* Its entry in the page's table of contents. */
void mk_ui_evidence_toc(struct mk_buf *b, const char *lang);

void mk_ui_evidence_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_transfer_post(struct mk_http_request *req, struct mk_http_response *resp);
void mk_ui_evidence_export_post(struct mk_http_request *req, struct mk_http_response *resp);

#endif
