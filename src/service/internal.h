/* Shared by the service's files; front ends do not include it. */
#ifndef MK_SERVICE_INTERNAL_H
#define MK_SERVICE_INTERNAL_H

#include "base/buf.h"
#include "service/service.h"

/* Appends a sealed logbook entry for inc (which must be stored, inc->id
 * set) and moves inc's chain head; the caller writes the incident row
 * (mk_store_incident_update) in the same transaction. */
enum mk_rc mk_svc_log_append(struct mk_service *svc, struct mk_incident *inc,
			     const struct mk_actor *actor, mk_time now, enum mk_log_kind kind,
			     const char *text, struct mk_error *err);

/* A change to one stored incident: called inside a write transaction
 * with the incident as stored; it changes inc in memory and appends its
 * logbook entries. The caller then saves inc and commits, or rolls back
 * if change fails. A change that finds nothing to do sets *ret_unchanged:
 * then nothing is written and the call succeeds. */
typedef enum mk_rc (*mk_change_fn)(struct mk_service *svc, struct mk_incident *inc,
				   int checklist_version, void *ctx, bool *ret_unchanged,
				   struct mk_error *err);

enum mk_rc mk_svc_change(struct mk_service *svc, const char *key, int64_t expected_version,
			 mk_time now, mk_change_fn change, void *ctx, struct mk_error *err);

/* The checklist of a given version: the one in force (borrowed from svc)
 * or an older one parsed into *owned (release with mk_checklist_release;
 * *ret points at it). */
enum mk_rc mk_svc_checklist(struct mk_service *svc, int version,
			    const struct mk_checklist **ret, struct mk_checklist *owned,
			    struct mk_error *err);

/* Refuses turning personal_data off on an incident that has a breach
 * record (MK_ECONFLICT naming personal_data). */
enum mk_rc mk_svc_breach_flag_check(struct mk_service *svc, const struct mk_incident *before,
				    const struct mk_incident *after, struct mk_error *err);

/* Refuses closing (afsluiten or later) an incident whose breach is not
 * settled with the AP (mk_breach_close_check). */
enum mk_rc mk_svc_breach_close_check(struct mk_service *svc, const struct mk_incident *inc,
				     struct mk_error *err);

/* "Naam (rol)" for log texts. */
void mk_svc_actor_text(const struct mk_actor *actor, struct mk_buf *out);

#endif
