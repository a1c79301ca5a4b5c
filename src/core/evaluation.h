/* The evaluation after closure (Bijlage 1 step 7, DESIGN.md
 * "Deadlines": evaluation between 2 and 6 weeks after closed_at): the
 * step 7 questions (data/evaluation.tsv), the lessons learned, the review
 * of how the process went, improvement actions with owner and due date,
 * and the proposed evaluation meeting. Pure: times are arguments. */
#ifndef MK_CORE_EVALUATION_H
#define MK_CORE_EVALUATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/rc.h"
#include "base/time.h"
#include "core/tsv.h"

/* A meeting of at least a quarter and at most a working day. */
#define MK_MEETING_MINUTES_MIN 15
#define MK_MEETING_MINUTES_MAX 480
#define MK_MEETING_MINUTES_DEFAULT 90
#define MK_EVALUATION_QUESTIONS_MAX 32

struct mk_eval_question {
	const char *code;     /* "7.3a" */
	const char *vraag;    /* Dutch */
	const char *question; /* English */
};

/* The step 7 questions, parsed from the compiled-in data/evaluation.tsv
 * (core/tsv.c). Load fills an empty struct (MK_EINVAL naming the line if
 * the table is bad, MK_ENOMEM); release frees it and accepts an empty one. */
struct mk_eval_questions {
	struct mk_tsv tsv;
	struct mk_eval_question items[MK_EVALUATION_QUESTIONS_MAX];
	size_t count;
};
enum mk_rc mk_eval_questions_load(struct mk_eval_questions *q, struct mk_error *err);
void mk_eval_questions_release(struct mk_eval_questions *q);
/* The question with this code, or NULL. */
const struct mk_eval_question *mk_eval_question_find(const struct mk_eval_questions *q,
						     const char *code);

/* Checks the evaluation texts (lessons, process review, an answer): valid
 * UTF-8 within MK_TEXT_MAX, multi-line. */
enum mk_rc mk_eval_text_check(const char *field, const char *text, struct mk_error *err);

/* Checks a proposed evaluation meeting for an incident closed at
 * closed_at (MK_TIME_UNKNOWN: not closed, MK_ECONFLICT): `at` must lie in
 * the window of mk_evaluation_window, both ends included; outside it is
 * MK_ECONFLICT with the exact window in Amsterdam time in the message.
 * minutes within MK_MEETING_MINUTES_MIN..MAX (MK_EINVAL). */
enum mk_rc mk_eval_meeting_check(mk_time closed_at, mk_time at, int minutes,
				 struct mk_error *err);

/* An improvement action (step 7.5). Strings borrowed. */
struct mk_improvement {
	int64_t id;
	const char *what;     /* required, multi-line, MK_SHORT_TEXT_MAX */
	const char *owner;    /* required, one line, MK_NAME_MAX */
	mk_time due_at;       /* required, not before the evaluation is written */
	mk_time done_at;      /* MK_TIME_UNKNOWN while open */
	const char *done_by;
	const char *created_by;
	mk_time created_at;
};

/* Checks a new action at now: texts, a known due date not before now
 * minus a day (a due date in the past is a typing error). */
enum mk_rc mk_improvement_check(const struct mk_improvement *a, mk_time now,
				struct mk_error *err);

#endif
