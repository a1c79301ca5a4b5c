/* Time and cost, the evaluation after closure and the legal hold
 * (doc/closure.md): each change checked in core, written with its
 * logbook entry in one transaction through mk_svc_change. */
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "core/retention.h"
#include "core/text.h"
#include "service/internal.h"

/* Reads the incident's row id for a listing. */
static enum mk_rc incident_id(struct mk_service *svc, const char *key, int64_t *ret,
			      struct mk_error *err)
{
	struct mk_incident inc;
	mk_incident_init(&inc);
	enum mk_rc rc = mk_store_incident_get(svc->store, key, &inc, NULL, err);
	if (rc == MK_OK)
		*ret = inc.id;
	mk_incident_release(&inc);
	return rc;
}

static enum mk_rc log_text_rc(struct mk_buf *log, const char *field, struct mk_error *err)
{
	enum mk_rc rc = mk_buf_rc(log);
	if (rc)
		return mk_error_set(err, rc, field, "the text is too long for one logbook entry");
	return MK_OK;
}

/* --- time entries ------------------------------------------------------------- */

struct time_add {
	const struct mk_actor *actor;
	mk_time now;
	struct mk_time_entry *e;
};

static enum mk_rc time_change(struct mk_service *svc, struct mk_incident *inc, int cv, void *ctx,
			      bool *ret_unchanged, struct mk_error *err)
{
	(void)cv;
	(void)ret_unchanged;
	struct time_add *ta = ctx;
	struct mk_time_entry *e = ta->e;
	struct mk_buf log;
	mk_buf_init(&log, MK_TEXT_MAX);
	e->entered_by = ta->actor->name;
	e->entered_at = ta->now;
	enum mk_rc rc = mk_time_entry_check(e, ta->now, err);
	if (rc)
		goto out;
	/* Step 7.1 collects the time of everyone who worked on the response;
	 * the logbook shows it was written, and by whom. */
	mk_buf_addf(&log, "Tijd geschreven: %d min %s op %s door %s (%s)", e->minutes,
		    mk_activity_name(e->activity), e->worked_on, e->person, mk_role_name(e->role));
	if (e->note && e->note[0])
		mk_buf_addf(&log, "\nNotitie: %s", e->note);
	if ((rc = log_text_rc(&log, "note", err)) ||
	    (rc = mk_svc_log_append(svc, inc, ta->actor, ta->now, MK_LOG_ACTION, log.data, err)))
		goto out;
	rc = mk_store_time_insert(svc->store, inc->id, e, inc->log_count, err);
out:
	mk_buf_release(&log);
	return rc;
}

enum mk_rc mk_svc_time_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			   const char *key, struct mk_time_entry *e, struct mk_error *err)
{
	if (!e->person)
		e->person = actor->name;
	struct time_add ta = {actor, now, e};
	return mk_svc_change(svc, key, 0, now, time_change, &ta, err);
}

enum mk_rc mk_svc_time_list(struct mk_service *svc, const char *key, mk_time_entry_cb cb,
			    void *ctx, struct mk_error *err)
{
	int64_t id;
	enum mk_rc rc = incident_id(svc, key, &id, err);
	return rc ? rc : mk_store_time_list(svc->store, id, cb, ctx, err);
}

/* --- rates ---------------------------------------------------------------------- */

enum mk_rc mk_svc_rate_set(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			   enum mk_role role, int64_t cents, struct mk_error *err)
{
	if (!mk_access_role_may(actor->role, MK_ACT_RATE_ADMIN))
		return mk_error_set(err, MK_EPERM, "role", "only admin sets hourly rates, not %s",
				    mk_role_name(actor->role));
	if ((unsigned)role >= MK_ROLE_COUNT)
		return mk_error_set(err, MK_EINVAL, "role", "role is out of range");
	if (cents < 0 || cents > MK_RATE_CENTS_MAX)
		return mk_error_set(err, MK_EINVAL, "rate", "rate is out of range");
	struct mk_buf by;
	mk_buf_init(&by, MK_NAME_MAX + 64);
	mk_svc_actor_text(actor, &by);
	enum mk_rc rc = mk_buf_rc(&by) ? mk_error_set(err, MK_ENOMEM, "", "out of memory")
				       : mk_store_begin(svc->store, true, err);
	if (rc == MK_OK) {
		rc = mk_store_rate_set(svc->store, role, cents, by.data, now, err);
		if (rc == MK_OK)
			rc = mk_store_commit(svc->store, err);
		if (rc)
			mk_store_rollback(svc->store);
	}
	mk_buf_release(&by);
	return rc;
}

enum mk_rc mk_svc_rates(struct mk_service *svc, mk_rate_cb cb, void *ctx, struct mk_error *err)
{
	return mk_store_rate_list(svc->store, cb, ctx, err);
}

/* --- other costs ------------------------------------------------------------------ */

struct cost_add {
	const struct mk_actor *actor;
	mk_time now;
	struct mk_other_cost *c;
};

static enum mk_rc cost_change(struct mk_service *svc, struct mk_incident *inc, int cv, void *ctx,
			      bool *ret_unchanged, struct mk_error *err)
{
	(void)cv;
	(void)ret_unchanged;
	struct cost_add *ca = ctx;
	struct mk_other_cost *c = ca->c;
	enum mk_rc rc;
	if ((rc = mk_text_check("description", c->description, MK_SHORT_TEXT_MAX, MK_TEXT_LINE,
				true, err)))
		return rc;
	if (mk_text_blank(c->description))
		return mk_error_set(err, MK_EINVAL, "description", "description is empty");
	if ((unsigned)c->kind >= MK_COST_KIND_COUNT)
		return mk_error_set(err, MK_EINVAL, "kind", "kind is out of range");
	if (c->cents < 1 || c->cents > MK_COST_CENTS_MAX)
		return mk_error_set(err, MK_EINVAL, "amount", "amount must be at least 0.01 EUR");
	c->entered_by = ca->actor->name;
	c->entered_at = ca->now;
	char amount[MK_CENTS_TEXT];
	struct mk_buf log;
	mk_buf_init(&log, MK_TEXT_MAX);
	mk_buf_addf(&log, "Kosten: %s, %s: %s", mk_cost_kind_name(c->kind),
		    mk_cents_format_nl(c->cents, amount), c->description);
	if ((rc = log_text_rc(&log, "description", err)) == MK_OK &&
	    (rc = mk_svc_log_append(svc, inc, ca->actor, ca->now, MK_LOG_ACTION, log.data, err)) ==
		    MK_OK)
		rc = mk_store_cost_insert(svc->store, inc->id, c, inc->log_count, err);
	mk_buf_release(&log);
	return rc;
}

enum mk_rc mk_svc_cost_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			   const char *key, struct mk_other_cost *c, struct mk_error *err)
{
	struct cost_add ca = {actor, now, c};
	return mk_svc_change(svc, key, 0, now, cost_change, &ca, err);
}

enum mk_rc mk_svc_costs(struct mk_service *svc, const char *key, mk_other_cost_cb cb, void *ctx,
			struct mk_error *err)
{
	int64_t id;
	enum mk_rc rc = incident_id(svc, key, &id, err);
	return rc ? rc : mk_store_cost_list(svc->store, id, cb, ctx, err);
}

static enum mk_rc report_time(void *ctx, const struct mk_time_entry *e, int64_t rate)
{
	return mk_cost_report_add_time(ctx, e, rate);
}

static enum mk_rc report_cost(void *ctx, const struct mk_other_cost *c)
{
	return mk_cost_report_add_other(ctx, c->kind, c->cents);
}

enum mk_rc mk_svc_cost_report(struct mk_service *svc, const char *key,
			      struct mk_cost_report *r, struct mk_error *err)
{
	int64_t id;
	enum mk_rc rc = incident_id(svc, key, &id, err);
	if (rc == MK_OK)
		rc = mk_store_time_list(svc->store, id, report_time, r, err);
	if (rc == MK_OK)
		rc = mk_store_cost_list(svc->store, id, report_cost, r, err);
	if (rc == MK_ENOMEM && err && !err->message[0])
		mk_error_set(err, MK_ENOMEM, "", "out of memory");
	return rc;
}

/* --- evaluation ------------------------------------------------------------------ */

static enum mk_rc need_closed(const struct mk_incident *inc, struct mk_error *err)
{
	if (inc->closed_at == MK_TIME_UNKNOWN)
		return mk_error_set(err, MK_ECONFLICT, "closed_at",
				    "%s is not closed: the evaluation comes after closure "
				    "(meldkamer incident close %s)",
				    inc->key, inc->key);
	return MK_OK;
}

/* The stored evaluation, copied (the view's strings live only in the
 * callback). */
struct eval_copy {
	struct mk_evaluation_view v;
	char *lessons, *review;
	bool oom;
};

static enum mk_rc copy_eval(void *ctx, const struct mk_evaluation_view *v)
{
	struct eval_copy *c = ctx;
	c->v = *v;
	c->v.updated_by = NULL;
	if (v->lessons && !(c->lessons = mk_strdup(v->lessons)))
		c->oom = true;
	if (v->process_review && !(c->review = mk_strdup(v->process_review)))
		c->oom = true;
	c->v.lessons = c->lessons;
	c->v.process_review = c->review;
	return c->oom ? MK_ENOMEM : MK_OK;
}

static void eval_copy_release(struct eval_copy *c)
{
	mk_free(c->lessons);
	mk_free(c->review);
}

struct eval_set {
	const struct mk_actor *actor;
	mk_time now;
	const struct mk_evaluation_input *in;
	mk_time meeting_at; /* for the meeting */
	int minutes;
	bool meeting;
};

static bool differs(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") != 0;
}

static enum mk_rc eval_change(struct mk_service *svc, struct mk_incident *inc, int cv, void *ctx,
			      bool *ret_unchanged, struct mk_error *err)
{
	(void)cv;
	struct eval_set *es = ctx;
	struct eval_copy old = {0};
	struct mk_eval_questions q = {0};
	struct mk_buf log;
	mk_buf_init(&log, MK_TEXT_MAX);
	enum mk_rc rc;
	if ((rc = need_closed(inc, err)) ||
	    (rc = mk_store_evaluation_get(svc->store, inc->id, copy_eval, &old, err)))
		goto out;
	struct mk_evaluation_view v = old.v;
	v.updated_by = es->actor->name;
	v.updated_at = es->now;
	bool changed = false;
	if (es->meeting) {
		if ((rc = mk_eval_meeting_check(inc->closed_at, es->meeting_at, es->minutes, err)))
			goto out;
		char at[MK_TIME_TEXT];
		if (v.meeting_at == es->meeting_at && v.meeting_minutes == es->minutes) {
			*ret_unchanged = true;
			goto out;
		}
		mk_buf_addf(&log, "Evaluatievergadering voorgesteld: %s (%d min)",
			    mk_time_format_local(es->meeting_at, at), es->minutes);
		if (v.meeting_at != MK_TIME_UNKNOWN)
			v.meeting_sequence++; /* a moved meeting: the invitation is updated */
		v.meeting_at = es->meeting_at;
		v.meeting_minutes = es->minutes;
		changed = true;
	} else {
		const struct mk_evaluation_input *in = es->in;
		if ((rc = mk_eval_questions_load(&q, err)))
			goto out;
		if ((in->lessons && (rc = mk_eval_text_check("lessons", in->lessons, err))) ||
		    (in->process_review &&
		     (rc = mk_eval_text_check("process_review", in->process_review, err))))
			goto out;
		mk_buf_adds(&log, "Evaluatie bijgewerkt:");
		if (in->lessons && differs(in->lessons, v.lessons)) {
			mk_buf_addf(&log, "\nGeleerde lessen: %s", in->lessons);
			v.lessons = in->lessons;
			changed = true;
		}
		if (in->process_review && differs(in->process_review, v.process_review)) {
			mk_buf_addf(&log, "\nProcesevaluatie: %s", in->process_review);
			v.process_review = in->process_review;
			changed = true;
		}
		for (size_t i = 0; i < in->nanswers; i++) {
			const struct mk_field_value *a = &in->answers[i];
			const struct mk_eval_question *question = mk_eval_question_find(&q, a->name);
			if (!question) {
				rc = mk_error_set(err, MK_EINVAL, "question",
						  "no evaluation question '%.16s' (data/evaluation.tsv: "
						  "7.3a to 7.6)",
						  a->name ? a->name : "");
				goto out;
			}
			if ((rc = mk_eval_text_check(question->code, a->value, err)) ||
			    (rc = mk_store_answer_put(svc->store, inc->id, question->code, a->value,
						      err)))
				goto out;
			mk_buf_addf(&log, "\n%s %s\n%s", question->code, question->vraag,
				    a->value && a->value[0] ? a->value : "(gewist)");
			changed = true;
		}
		if (!changed) {
			*ret_unchanged = true;
			goto out;
		}
	}
	if ((rc = log_text_rc(&log, "lessons", err)) ||
	    (rc = mk_store_evaluation_put(svc->store, inc->id, &v, err)))
		goto out;
	rc = mk_svc_log_append(svc, inc, es->actor, es->now, MK_LOG_ACTION, log.data, err);
out:
	eval_copy_release(&old);
	mk_eval_questions_release(&q);
	mk_buf_release(&log);
	return rc;
}

enum mk_rc mk_svc_evaluation_set(struct mk_service *svc, const struct mk_actor *actor,
				 mk_time now, const char *key,
				 const struct mk_evaluation_input *in, struct mk_error *err)
{
	struct eval_set es = {.actor = actor, .now = now, .in = in};
	return mk_svc_change(svc, key, 0, now, eval_change, &es, err);
}

enum mk_rc mk_svc_evaluation_meeting(struct mk_service *svc, const struct mk_actor *actor,
				     mk_time now, const char *key, mk_time at, int minutes,
				     struct mk_error *err)
{
	struct eval_set es = {.actor = actor, .now = now, .meeting_at = at, .minutes = minutes,
			      .meeting = true};
	return mk_svc_change(svc, key, 0, now, eval_change, &es, err);
}

enum mk_rc mk_svc_evaluation_get(struct mk_service *svc, const char *key, mk_evaluation_cb cb,
				 void *ctx, struct mk_error *err)
{
	int64_t id;
	enum mk_rc rc = incident_id(svc, key, &id, err);
	return rc ? rc : mk_store_evaluation_get(svc->store, id, cb, ctx, err);
}

enum mk_rc mk_svc_answers(struct mk_service *svc, const char *key, mk_answer_cb cb, void *ctx,
			  struct mk_error *err)
{
	int64_t id;
	enum mk_rc rc = incident_id(svc, key, &id, err);
	return rc ? rc : mk_store_answer_list(svc->store, id, cb, ctx, err);
}

/* --- improvement actions -------------------------------------------------------------- */

struct action_op {
	const struct mk_actor *actor;
	mk_time now;
	struct mk_improvement *a; /* add */
	int64_t id;               /* done */
};

static enum mk_rc action_add_change(struct mk_service *svc, struct mk_incident *inc, int cv,
				    void *ctx, bool *ret_unchanged, struct mk_error *err)
{
	(void)cv;
	(void)ret_unchanged;
	struct action_op *op = ctx;
	enum mk_rc rc;
	if ((rc = need_closed(inc, err)) || (rc = mk_improvement_check(op->a, op->now, err)))
		return rc;
	op->a->created_by = op->actor->name;
	op->a->created_at = op->now;
	op->a->done_at = MK_TIME_UNKNOWN;
	if ((rc = mk_store_action_insert(svc->store, inc->id, op->a, err)))
		return rc;
	char due[MK_TIME_TEXT];
	struct mk_buf log;
	mk_buf_init(&log, MK_TEXT_MAX);
	mk_buf_addf(&log, "Verbeteractie %lld: %s\nEigenaar: %s, uiterlijk %s", (long long)op->a->id,
		    op->a->what, op->a->owner, mk_time_format_local(op->a->due_at, due));
	if ((rc = log_text_rc(&log, "what", err)) == MK_OK)
		rc = mk_svc_log_append(svc, inc, op->actor, op->now, MK_LOG_ACTION, log.data, err);
	mk_buf_release(&log);
	return rc;
}

static enum mk_rc action_done_change(struct mk_service *svc, struct mk_incident *inc, int cv,
				     void *ctx, bool *ret_unchanged, struct mk_error *err)
{
	(void)cv;
	(void)ret_unchanged;
	struct action_op *op = ctx;
	enum mk_rc rc;
	if ((rc = mk_store_action_done(svc->store, inc->id, op->id, op->actor->name, op->now, err)))
		return rc;
	char text[64];
	snprintf(text, sizeof(text), "Verbeteractie %lld afgerond", (long long)op->id);
	return mk_svc_log_append(svc, inc, op->actor, op->now, MK_LOG_ACTION, text, err);
}

enum mk_rc mk_svc_action_add(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			     const char *key, struct mk_improvement *a, struct mk_error *err)
{
	struct action_op op = {actor, now, a, 0};
	return mk_svc_change(svc, key, 0, now, action_add_change, &op, err);
}

enum mk_rc mk_svc_action_done(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			      const char *key, int64_t id, struct mk_error *err)
{
	struct action_op op = {actor, now, NULL, id};
	return mk_svc_change(svc, key, 0, now, action_done_change, &op, err);
}

enum mk_rc mk_svc_actions(struct mk_service *svc, const char *key, mk_improvement_cb cb,
			  void *ctx, struct mk_error *err)
{
	int64_t id;
	enum mk_rc rc = incident_id(svc, key, &id, err);
	return rc ? rc : mk_store_action_list(svc->store, id, cb, ctx, err);
}

/* --- legal hold ------------------------------------------------------------------------- */

struct hold_op {
	const struct mk_actor *actor;
	mk_time now;
	const char *reason;
	bool place;
};

static enum mk_rc hold_change(struct mk_service *svc, struct mk_incident *inc, int cv, void *ctx,
			      bool *ret_unchanged, struct mk_error *err)
{
	(void)cv;
	(void)ret_unchanged;
	struct hold_op *op = ctx;
	bool held;
	enum mk_rc rc;
	if ((rc = mk_hold_reason_check(op->reason, err)) ||
	    (rc = mk_store_hold_get(svc->store, inc->id, NULL, NULL, &held, err)))
		return rc;
	if (op->place && held)
		return mk_error_set(err, MK_ECONFLICT, "hold", "%s is under legal hold already",
				    inc->key);
	if (!op->place && !held)
		return mk_error_set(err, MK_ECONFLICT, "hold", "%s is not under legal hold", inc->key);
	struct mk_buf log;
	mk_buf_init(&log, MK_TEXT_MAX);
	mk_buf_addf(&log, "%s\nReden: %s",
		    op->place ? "Legal hold geplaatst: dit incident wordt niet vernietigd"
			      : "Legal hold opgeheven",
		    op->reason);
	if (op->place) {
		struct mk_hold_view h = {op->reason, op->actor->name, op->now};
		rc = mk_store_hold_put(svc->store, inc->id, &h, err);
	} else {
		rc = mk_store_hold_delete(svc->store, inc->id, err);
	}
	if (rc == MK_OK && (rc = log_text_rc(&log, "reason", err)) == MK_OK)
		rc = mk_svc_log_append(svc, inc, op->actor, op->now, MK_LOG_STATUS, log.data, err);
	mk_buf_release(&log);
	return rc;
}

static enum mk_rc hold_op(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			  const char *key, const char *reason, bool place, struct mk_error *err)
{
	if (!mk_access_role_may(actor->role, MK_ACT_INCIDENT_HOLD))
		return mk_error_set(err, MK_EPERM, "role",
				    "a legal hold is placed or released by the ciso, directie or "
				    "admin, not %s",
				    mk_role_name(actor->role));
	struct hold_op op = {actor, now, reason, place};
	return mk_svc_change(svc, key, 0, now, hold_change, &op, err);
}

enum mk_rc mk_svc_hold(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
		       const char *key, const char *reason, struct mk_error *err)
{
	return hold_op(svc, actor, now, key, reason, true, err);
}

enum mk_rc mk_svc_release(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			  const char *key, const char *reason, struct mk_error *err)
{
	return hold_op(svc, actor, now, key, reason, false, err);
}

enum mk_rc mk_svc_hold_get(struct mk_service *svc, const char *key, mk_hold_cb cb, void *ctx,
			   bool *ret_found, struct mk_error *err)
{
	int64_t id;
	enum mk_rc rc = incident_id(svc, key, &id, err);
	return rc ? rc : mk_store_hold_get(svc->store, id, cb, ctx, ret_found, err);
}
