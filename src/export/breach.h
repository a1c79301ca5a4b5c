/* What leaves meldkamer about data breaches: the JSON shapes shared by the
 * CLI and the API, the draft of the AP's Meldformulier datalekken
 * (export ap-melding, ../shared/AP-MELDING.md sections 0-9), and the
 * breach register of AVG art. 33(5) as CSV and XLSX. doc/breach.md
 * describes the formats. */
#ifndef MK_EXPORT_BREACH_H
#define MK_EXPORT_BREACH_H

#include <jansson.h>
#include <stdio.h>

#include "base/buf.h"
#include "service/service.h"

/* --- JSON ----------------------------------------------------------------------- */

/* The breach record with its vocabulary sets as arrays of code names,
 * "bsn" as a flag of its own, the AP due time and the subjects target. */
json_t *mk_json_breach(const struct mk_breach *b);
json_t *mk_json_ap_notification(const struct mk_ap_notification *n, mk_time aware_at);

/* The breach of incident key with "ap_status" and its "notifications"
 * (a new reference in *ret), as `breach show --json` and the export
 * give it. MK_ENOTFOUND when the incident has no breach. err required. */
enum mk_rc mk_json_breach_of(struct mk_service *svc, const char *key, json_t **ret,
			     struct mk_error *err);

/* --- the AP draft ------------------------------------------------------------------ */

/* What the draft is made from: the incident, its breach and its
 * notifications (in filing order), at instant now. */
struct mk_ap_draft_input {
	const struct mk_incident *inc;
	const struct mk_breach *breach;
	const struct mk_ap_notification *notes;
	size_t nnotes;
	mk_time now;
};

/* The answer that marks a question the FG still has to complete. */
#define MK_AP_TODO "nog invullen"

/* The draft as JSON: {"key", "generated_at", "sections": [{"number",
 * "title", "questions": [{"id", "question", "answer", "filled"}]}],
 * "open_questions"}. Every question of the form is there; an answer not
 * known from the record is MK_AP_TODO with filled false. NULL on OOM. */
json_t *mk_ap_draft_json(const struct mk_ap_draft_input *in);

/* The same draft as Markdown, from the JSON above, into out. */
void mk_ap_draft_markdown(const json_t *draft, struct mk_buf *out);

/* --- the breach register ----------------------------------------------------------- */

/* The register's column headings, in order (NULL past the last). */
const char *mk_register_column(size_t i);
#define MK_REGISTER_COLUMNS 19

/* One register line as text cells (neutralised: see mk_cell_neutralise)
 * into cells[MK_REGISTER_COLUMNS], backed by store (reset first). */
enum mk_rc mk_register_cells(const struct mk_breach_register_row *r, mk_time now,
			     struct mk_buf *store, const char *cells[MK_REGISTER_COLUMNS]);

/* Appends s to out, prefixed with a single quote when it begins with =,
 * +, -, @, a tab or a carriage return: a spreadsheet would take such a
 * cell for a formula (CSV injection, OWASP). */
void mk_cell_neutralise(const char *s, struct mk_buf *out);

/* Appends the cells as one CSV record (RFC 4180: fields quoted when they
 * hold a comma, quote, CR or LF; quotes doubled; CRLF at the end). */
void mk_csv_record(const char *const *cells, size_t n, struct mk_buf *out);

/* The register walk into a CSV stream and into an XLSX file. Both write
 * the heading row first. The XLSX one writes path (a new file) through
 * libxlsxwriter. */
enum mk_rc mk_register_write_csv(struct mk_service *svc, const struct mk_incident_query *scope,
				 mk_time now, FILE *out, size_t *ret_rows, struct mk_error *err);
enum mk_rc mk_register_write_xlsx(struct mk_service *svc, const struct mk_incident_query *scope,
				  mk_time now, const char *path, size_t *ret_rows,
				  struct mk_error *err);
/* The register as a JSON array written to out row by row (memory does not
 * grow with the register), as `breach register --json` prints it. */
enum mk_rc mk_register_write_json(struct mk_service *svc, const struct mk_incident_query *scope,
				  mk_time now, FILE *out, size_t *ret_rows, struct mk_error *err);
/* The register as a JSON array of objects (one per breach). */
enum mk_rc mk_register_json(struct mk_service *svc, const struct mk_incident_query *scope,
			    mk_time now, json_t **ret, struct mk_error *err);

#endif
