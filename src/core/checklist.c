/* The Bijlage 1 checklist as data, and the task state rule. */
#include "core/checklist.h"

#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "core/text.h"
#include "core/tsv.h"

extern const char mk_data_checklist_tsv[];
extern const unsigned long mk_data_checklist_tsv_len;

static const char *const step_labels[MK_STEP_COUNT] = {
	"Incident detectie",
	"Initiatie",
	"Analyse",
	"Schade indamming en beoordeling van de blootstelling",
	"Remediatie en herstel",
	"Kennisgeving",
	"Afsluiten incident",
	"Rapportage en evaluatie",
};

const char *mk_step_label(int step)
{
	return step >= 0 && step < MK_STEP_COUNT ? step_labels[step] : "?";
}

void mk_checklist_release(struct mk_checklist *c)
{
	if (!c)
		return;
	mk_free(c->tasks);
	mk_free(c->text);
	mk_free(c->cells);
	memset(c, 0, sizeof(*c));
}

const struct mk_checklist_task *mk_checklist_find(const struct mk_checklist *c,
						  const char *code)
{
	for (size_t i = 0; code && i < c->count; i++)
		if (strcmp(c->tasks[i].code, code) == 0)
			return &c->tasks[i];
	return NULL;
}

/* "S.N" or "S.Nx": step digit, dot, one or two digits, optional letter. */
static bool code_valid(const char *code, int step)
{
	size_t len = strlen(code);
	if (len < 3 || len > 5 || code[0] != '0' + step || code[1] != '.')
		return false;
	size_t i = 2;
	while (i < len && code[i] >= '0' && code[i] <= '9')
		i++;
	if (i == 2 || i > 4)
		return false;
	if (i < len && !(code[i] >= 'a' && code[i] <= 'z' && i + 1 == len))
		return false;
	return true;
}

enum mk_rc mk_checklist_parse(struct mk_checklist *c, const char *text, size_t len,
			      const char *what, struct mk_error *err)
{
	static const char *const columns[] = {"code", "step", "role", "closing", "sets", "owner", "title"};
	struct mk_tsv tsv;
	enum mk_rc rc = mk_tsv_parse(text, len, what, columns, 7, &tsv, err);
	if (rc)
		return rc;
	memset(c, 0, sizeof(*c));
	c->tasks = mk_calloc(tsv.rows, sizeof(*c->tasks));
	if (!c->tasks) {
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory");
		goto fail;
	}
	int last_step = 0;
	for (size_t i = 0; i < tsv.rows; i++) {
		struct mk_checklist_task *task = &c->tasks[i];
		const char *code = mk_tsv_cell(&tsv, i, 0);
		const char *step = mk_tsv_cell(&tsv, i, 1);
		const char *closing = mk_tsv_cell(&tsv, i, 3);
		struct mk_error cell_err;
		size_t line = mk_tsv_line(&tsv, text, i);
		if (strlen(step) != 1 || step[0] < '0' || step[0] >= '0' + MK_STEP_COUNT) {
			rc = mk_error_set(err, MK_EINVAL, "step", "%s line %zu: step '%s' is not 0 to 7",
					  what, line, step);
			goto fail;
		}
		task->step = step[0] - '0';
		if (task->step < last_step || !code_valid(code, task->step)) {
			rc = mk_error_set(err, MK_EINVAL, "code",
					  "%s line %zu: task code '%s' does not fit step %d or is out of order",
					  what, line, code, task->step);
			goto fail;
		}
		last_step = task->step;
		if (mk_checklist_find(c, code)) {
			rc = mk_error_set(err, MK_EINVAL, "code", "%s line %zu: task code '%s' appears twice",
					  what, line, code);
			goto fail;
		}
		snprintf(task->code, sizeof(task->code), "%s", code);
		if ((rc = mk_role_parse(mk_tsv_cell(&tsv, i, 2), "role", &task->role, &cell_err))) {
			mk_error_set(err, rc, "role", "%s line %zu: %s", what, line, cell_err.message);
			goto fail;
		}
		if (strcmp(closing, "yes") != 0 && strcmp(closing, "no") != 0) {
			rc = mk_error_set(err, MK_EINVAL, "closing",
					  "%s line %zu: closing is '%s', expected yes or no", what,
					  line, closing);
			goto fail;
		}
		task->closing = closing[0] == 'y';
		const char *sets = mk_tsv_cell(&tsv, i, 4);
		task->sets = MK_SETS_COUNT;
		for (int k = 0; k < MK_SETS_COUNT; k++)
			if (strcmp(sets, mk_task_sets_name((enum mk_task_sets)k)) == 0)
				task->sets = (enum mk_task_sets)k;
		if (task->sets == MK_SETS_COUNT) {
			rc = mk_error_set(err, MK_EINVAL, "sets",
					  "%s line %zu: sets is '%s', expected -, "
					  "management_informed_at, ap_notified_at, subjects_informed_at "
					  "or evaluated_at",
					  what, line, sets);
			goto fail;
		}
		task->owner = mk_tsv_cell(&tsv, i, 5);
		task->title = mk_tsv_cell(&tsv, i, 6);
		if ((rc = mk_text_check("title", task->title, MK_SHORT_TEXT_MAX, MK_TEXT_LINE, true,
					&cell_err))) {
			mk_error_set(err, rc, "title", "%s line %zu: %s", what, line, cell_err.message);
			goto fail;
		}
		c->count++;
	}
	c->text = tsv.text;
	c->cells = tsv.cells;
	return MK_OK;
fail:
	mk_free(c->tasks);
	memset(c, 0, sizeof(*c));
	mk_tsv_release(&tsv);
	return rc;
}

enum mk_rc mk_checklist_load_default(struct mk_checklist *c, struct mk_error *err)
{
	return mk_checklist_parse(c, mk_data_checklist_tsv, mk_data_checklist_tsv_len,
				  "data/checklist.tsv", err);
}

static const char *const sets_names[MK_SETS_COUNT] = {
	"-", "management_informed_at", "ap_notified_at", "subjects_informed_at", "evaluated_at",
};

const char *mk_task_sets_name(enum mk_task_sets v)
{
	return (unsigned)v < MK_SETS_COUNT ? sets_names[v] : "?";
}

static const char *const task_state_names[MK_TASK_STATE_COUNT] = {"open", "done", "nvt"};

const char *mk_task_state_name(enum mk_task_state s)
{
	return (unsigned)s < MK_TASK_STATE_COUNT ? task_state_names[s] : "?";
}

enum mk_rc mk_task_state_parse(const char *s, enum mk_task_state *ret, struct mk_error *err)
{
	for (int i = 0; s && i < MK_TASK_STATE_COUNT; i++) {
		if (strcmp(s, task_state_names[i]) == 0) {
			*ret = (enum mk_task_state)i;
			return MK_OK;
		}
	}
	return mk_error_set(err, MK_EINVAL, "state", "task state '%.40s' is unknown",
			    s ? s : "");
}

enum mk_rc mk_task_transition_check(const char *code, enum mk_task_state from,
				    enum mk_task_state to, const char *reason,
				    struct mk_error *err)
{
	if (to == MK_TASK_OPEN) {
		if (from == MK_TASK_OPEN)
			return mk_error_set(err, MK_EINVAL, "state", "task %s is already open", code);
		/* Reopening corrects a mistaken tick; the correction is on the
		 * record with its reason. */
		if (mk_text_blank(reason))
			return mk_error_set(err, MK_EINVAL, "reason", "reopening task %s needs a reason",
					    code);
		return mk_text_check("reason", reason, MK_SHORT_TEXT_MAX, MK_TEXT_MULTILINE, false, err);
	}
	if (from == MK_TASK_DONE)
		return mk_error_set(err, MK_ECONFLICT, "task", "task %s is already done", code);
	if (from == MK_TASK_NVT)
		return mk_error_set(err, MK_ECONFLICT, "task",
				    "task %s is already marked n.v.t.", code);
	if (to == MK_TASK_NVT && mk_text_blank(reason))
		return mk_error_set(err, MK_EINVAL, "reason",
				    "marking task %s n.v.t. needs a reason", code);
	return mk_text_check("reason", reason, MK_SHORT_TEXT_MAX, MK_TEXT_MULTILINE, false, err);
}
