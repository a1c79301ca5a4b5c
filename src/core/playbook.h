/* Playbooks (DESIGN.md "Process", H3 "Voorbereiding"): extra task lists per
 * incident type, on top of the Bijlage 1 checklist. A playbook is a table
 * in the checklist's format (data/playbooks/NAME.tsv, compiled in) whose
 * codes number from 50 within their step, so they never meet a checklist
 * code. An incident carries a playbook's tasks once they are attached
 * (service.h, mk_svc_playbook_attach). */
#ifndef MK_CORE_PLAYBOOK_H
#define MK_CORE_PLAYBOOK_H

#include <stddef.h>

#include "core/checklist.h"

/* The name of the i-th playbook ("phishing"), or NULL past the last. */
const char *mk_playbook_name(size_t i);

/* Parses the compiled-in playbook `name` into c (released by the caller
 * with mk_checklist_release). MK_ENOTFOUND naming the known playbooks if
 * there is none of that name. */
enum mk_rc mk_playbook_load_default(const char *name, struct mk_checklist *c,
				    struct mk_error *err);

#endif
