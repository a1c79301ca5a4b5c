/* The checklist of Bijlage 1 "Incident management en response stappenplan
 * en sjabloon": steps 0 to 7, each task with its owner role. Every
 * incident gets its own copy; a task is then open, done (by whom, when) or
 * n.v.t. (not applicable, with a reason). The default is data/checklist.tsv,
 * compiled in. */
#ifndef MK_CORE_CHECKLIST_H
#define MK_CORE_CHECKLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "base/rc.h"
#include "base/time.h"
#include "core/vocab.h"

#define MK_TASK_CODE_MAX 8 /* "6.4a" and the NUL, with room */
#define MK_STEP_COUNT 8    /* steps 0..7 */

/* The incident time a task's completion records (checklist column `sets`). */
enum mk_task_sets {
	MK_SETS_NOTHING,
	MK_SETS_MANAGEMENT_INFORMED, /* management_informed_at */
	MK_SETS_AP_NOTIFIED,         /* ap_notified_at (the first notification counts) */
	MK_SETS_SUBJECTS_INFORMED,   /* subjects_informed_at */
	MK_SETS_EVALUATED,           /* evaluated_at */
	MK_SETS_COUNT
};

/* "-", "management_informed_at", "ap_notified_at", "subjects_informed_at",
 * "evaluated_at". */
const char *mk_task_sets_name(enum mk_task_sets v);

struct mk_checklist_task {
	char code[MK_TASK_CODE_MAX]; /* "1.4", "6.4c" */
	int step;                    /* 0..7 */
	enum mk_role role;           /* who carries it in meldkamer */
	bool closing;                /* a step 6 precondition for closure */
	enum mk_task_sets sets;      /* the incident time its completion records */
	const char *owner;           /* owner as the guidance names it */
	const char *title;
};

struct mk_checklist {
	struct mk_checklist_task *tasks; /* owned, in order */
	size_t count;
	char *text;    /* owned storage behind owner and title */
	char **cells;
};

/* Task codes that the notification matrix (Bijlage 3) steers: informing
 * the CISO and, through the CISO, the directie. */
#define MK_TASK_INFORM_CISO "1.3"
#define MK_TASK_INFORM_DIRECTIE "1.3b"

/* Parses a checklist in the format of data/checklist.tsv. Codes must be
 * unique, of the form "S.N" or "S.Nx" with S the step; steps ascend. */
enum mk_rc mk_checklist_parse(struct mk_checklist *c, const char *text, size_t len,
			      const char *what, struct mk_error *err);
enum mk_rc mk_checklist_load_default(struct mk_checklist *c, struct mk_error *err);
void mk_checklist_release(struct mk_checklist *c);

/* The task with code, or NULL. Borrowed. */
const struct mk_checklist_task *mk_checklist_find(const struct mk_checklist *c,
						  const char *code);

/* The Dutch name of a step of Bijlage 1 ("Incident detectie", ...). */
const char *mk_step_label(int step);

/* The state of one task of one incident. */
enum mk_task_state {
	MK_TASK_OPEN,
	MK_TASK_DONE,
	MK_TASK_NVT, /* niet van toepassing: needs a reason */
	MK_TASK_STATE_COUNT
};

const char *mk_task_state_name(enum mk_task_state s); /* "open", "done", "nvt" */
enum mk_rc mk_task_state_parse(const char *s, enum mk_task_state *ret, struct mk_error *err);

/* May a task in state `from` become `to`? OPEN -> DONE and OPEN -> NVT
 * pass (n.v.t. needs a non-blank reason, MK_EINVAL); done or n.v.t. cannot
 * be done or n.v.t. again (MK_ECONFLICT "task 1.3 is already done"); DONE
 * or NVT -> OPEN reopens a task ticked by mistake and needs a reason. */
enum mk_rc mk_task_transition_check(const char *code, enum mk_task_state from,
				    enum mk_task_state to, const char *reason,
				    struct mk_error *err);

#endif
