/* The incident report (meldkamer export report, GET
 * /api/v1/incidents/{key}/report): one printable, self-contained HTML page
 * in Dutch with the record, classification, timeline (the logbook), BOBOC
 * decisions, checklist, evidence, costs and evaluation. Self-contained: the
 * style is inline, there are no scripts, images or links to fetch, so the
 * file prints and archives as it is. Every value goes through
 * mk_html_escape. Each section is one function in report.c's table, so
 * the data-breach notifications and the evidence custody log slot in. */
#ifndef MK_HTTP_REPORT_H
#define MK_HTTP_REPORT_H

#include "base/buf.h"
#include "service/service.h"

/* A report can hold a long logbook: 10 000 entries of a few hundred bytes. */
#define MK_REPORT_MAX (64 * 1024 * 1024)

/* Appends the report of incident key, made at `now` by `by` (named in the
 * footer), to out (created with a maximum of at least MK_REPORT_MAX).
 * MK_ENOTFOUND for an unknown incident, MK_ETOOBIG past out's maximum. */
enum mk_rc mk_report_html(struct mk_service *svc, const char *key, mk_time now, const char *by,
			  struct mk_buf *out, struct mk_error *err);

#endif
