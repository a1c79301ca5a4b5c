/* The evaluation after closure (core/evaluation.h). */
#include "core/evaluation.h"

#include <stdio.h>
#include <string.h>

#include "base/limits.h"
#include "core/deadline.h"
#include "core/text.h"

extern const char mk_data_evaluation_tsv[];
extern const unsigned long mk_data_evaluation_tsv_len;

enum mk_rc mk_eval_questions_load(struct mk_eval_questions *q, struct mk_error *err)
{
	static const char *const columns[] = {"code", "vraag", "question"};
	memset(q, 0, sizeof(*q));
	enum mk_rc rc = mk_tsv_parse(mk_data_evaluation_tsv, mk_data_evaluation_tsv_len,
				     "data/evaluation.tsv", columns, 3, &q->tsv, err);
	if (rc)
		return rc;
	if (q->tsv.rows > MK_EVALUATION_QUESTIONS_MAX) {
		mk_eval_questions_release(q);
		return mk_error_set(err, MK_ETOOBIG, "evaluation", "more than %d evaluation questions",
				    MK_EVALUATION_QUESTIONS_MAX);
	}
	for (size_t i = 0; i < q->tsv.rows; i++) {
		q->items[i].code = mk_tsv_cell(&q->tsv, i, 0);
		q->items[i].vraag = mk_tsv_cell(&q->tsv, i, 1);
		q->items[i].question = mk_tsv_cell(&q->tsv, i, 2);
	}
	q->count = q->tsv.rows;
	return MK_OK;
}

void mk_eval_questions_release(struct mk_eval_questions *q)
{
	if (!q)
		return;
	mk_tsv_release(&q->tsv);
	memset(q, 0, sizeof(*q));
}

const struct mk_eval_question *mk_eval_question_find(const struct mk_eval_questions *q,
						     const char *code)
{
	for (size_t i = 0; code && i < q->count; i++)
		if (strcmp(q->items[i].code, code) == 0)
			return &q->items[i];
	return NULL;
}

enum mk_rc mk_eval_text_check(const char *field, const char *text, struct mk_error *err)
{
	return mk_text_check(field, text, MK_TEXT_MAX, MK_TEXT_MULTILINE, false, err);
}

/* Amsterdam time for a message, with the seconds when there are any: a
 * refusal at 12:30:01 must not read "12:30". */
static const char *local_s(mk_time t, char buf[MK_TIME_TEXT])
{
	struct mk_civil c;
	mk_time_to_local(t, &c);
	if (c.second == 0)
		return mk_time_format_local(t, buf);
	snprintf(buf, MK_TIME_TEXT, "%04u-%02u-%02u %02u:%02u:%02u %s", (unsigned)c.year % 10000u,
		 (unsigned)c.month % 100u, (unsigned)c.day % 100u, (unsigned)c.hour % 100u,
		 (unsigned)c.minute % 100u, (unsigned)c.second % 100u,
		 mk_amsterdam_offset(t) == 7200 ? "CEST" : "CET");
	return buf;
}

enum mk_rc mk_eval_meeting_check(mk_time closed_at, mk_time at, int minutes,
				 struct mk_error *err)
{
	if (closed_at == MK_TIME_UNKNOWN)
		return mk_error_set(err, MK_ECONFLICT, "closed_at",
				    "the incident is not closed: the evaluation comes after closure");
	if (at == MK_TIME_UNKNOWN)
		return mk_error_set(err, MK_EINVAL, "meeting_at", "the meeting needs a date and time");
	if (minutes < MK_MEETING_MINUTES_MIN || minutes > MK_MEETING_MINUTES_MAX)
		return mk_error_set(err, MK_EINVAL, "minutes",
				    "the meeting lasts %d to %d minutes, not %d", MK_MEETING_MINUTES_MIN,
				    MK_MEETING_MINUTES_MAX, minutes);
	mk_time opens, due;
	mk_evaluation_window(closed_at, &opens, &due);
	if (at < opens || at > due) {
		char a[MK_TIME_TEXT], o[MK_TIME_TEXT], d[MK_TIME_TEXT];
		/* Bijlage 1 step 7.2: "Plan een vergadering ongeveer 2 tot 6
		 * weken na het incident". */
		return mk_error_set(err, MK_ECONFLICT, "meeting_at",
				    "the evaluation meeting at %s lies outside its window: between "
				    "%s and %s (2 to 6 weeks after closing)",
				    local_s(at, a), local_s(opens, o), local_s(due, d));
	}
	return MK_OK;
}

enum mk_rc mk_improvement_check(const struct mk_improvement *a, mk_time now,
				struct mk_error *err)
{
	enum mk_rc rc;
	if ((rc = mk_text_check("what", a->what, MK_SHORT_TEXT_MAX, MK_TEXT_MULTILINE, true, err)) ||
	    (rc = mk_text_check("owner", a->owner, MK_NAME_MAX, MK_TEXT_LINE, true, err)))
		return rc;
	if (mk_text_blank(a->what))
		return mk_error_set(err, MK_EINVAL, "what", "what is empty");
	if (mk_text_blank(a->owner))
		return mk_error_set(err, MK_EINVAL, "owner", "owner is empty");
	if (a->due_at == MK_TIME_UNKNOWN)
		return mk_error_set(err, MK_EINVAL, "due", "an improvement action needs a due date");
	if (a->due_at < now - MK_DAY)
		return mk_error_set(err, MK_EINVAL, "due", "the due date lies in the past");
	return MK_OK;
}
