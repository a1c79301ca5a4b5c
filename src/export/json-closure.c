/* JSON shapes of the closure records (json-closure.h). */
#include "export/json-closure.h"

#include <string.h>

#include "base/alloc.h"
#include "core/deadline.h"
#include "export/json.h"

static json_t *amount(int64_t cents)
{
	char buf[MK_CENTS_TEXT];
	return json_pack("{s:s, s:I}", "amount", mk_cents_format(cents, buf), "cents",
			 (json_int_t)cents);
}

/* Sets "amount" and "cents" of o from cents. */
static json_t *with_amount(json_t *o, const char *prefix, int64_t cents)
{
	if (!o)
		return NULL;
	char buf[MK_CENTS_TEXT], k1[48], k2[48];
	snprintf(k1, sizeof(k1), "%samount", prefix);
	snprintf(k2, sizeof(k2), "%scents", prefix);
	if (json_object_set_new(o, k1, json_string(mk_cents_format(cents, buf))) ||
	    json_object_set_new(o, k2, json_integer(cents))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *mk_json_time_entry(const struct mk_time_entry *e, int64_t rate_cents)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:i, s:s?, s:s, s:o}", "id",
			      (json_int_t)e->id, "person", e->person, "role", mk_role_name(e->role),
			      "activity", mk_activity_name(e->activity), "date", e->worked_on,
			      "start", mk_json_time(e->started_at), "minutes", e->minutes, "note",
			      e->note, "entered_by", e->entered_by, "entered_at",
			      mk_json_time(e->entered_at));
	if (!o)
		return NULL;
	if (rate_cents < 0) {
		/* No rate for the role: the cost is unknown, not zero. */
		if (json_object_set_new(o, "rate", json_null()) ||
		    json_object_set_new(o, "cost", json_null())) {
			json_decref(o);
			return NULL;
		}
		return o;
	}
	if (json_object_set_new(o, "rate", amount(rate_cents)) ||
	    json_object_set_new(o, "cost", amount(mk_cost_of_minutes(e->minutes, rate_cents)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *mk_json_other_cost(const struct mk_other_cost *c)
{
	return with_amount(json_pack("{s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)c->id, "kind",
				     mk_cost_kind_name(c->kind), "description", c->description,
				     "entered_by", c->entered_by, "entered_at",
				     mk_json_time(c->entered_at)),
			   "", c->cents);
}

static json_t *groups(const struct mk_cost_groups *g, bool with_minutes)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < g->count; i++) {
		json_t *o = with_amount(json_pack("{s:s}", "name", g->items[i].name), "",
					g->items[i].cents);
		if (o && with_minutes && json_object_set_new(o, "minutes", json_integer(g->items[i].minutes))) {
			json_decref(o);
			o = NULL;
		}
		if (!o || json_array_append_new(a, o)) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

json_t *mk_json_cost_report(const char *key, const struct mk_cost_report *r)
{
	json_t *missing = json_array();
	for (int i = 0; missing && i < MK_ROLE_COUNT; i++)
		if (r->missing_rate[i] &&
		    json_array_append_new(missing, json_string(mk_role_name((enum mk_role)i)))) {
			json_decref(missing);
			missing = NULL;
		}
	return json_pack("{s:s, s:s, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			      "key", key, "rounding",
			      "per entry: minutes x rate / 60, to whole cents, half a cent up; "
			      "totals are sums of rounded entries",
			      "entries", (json_int_t)r->entries, "minutes", (json_int_t)r->minutes,
			      "time", amount(r->time_cents), "other", amount(r->other_cents),
			      "total", amount(r->total_cents), "by_role", groups(&r->by_role, true),
			      "by_person", groups(&r->by_person, true), "by_activity",
			      groups(&r->by_activity, true), "by_kind", groups(&r->by_kind, false),
			      "missing_rates", missing);
}

json_t *mk_json_improvement(const struct mk_improvement *a)
{
	return json_pack("{s:I, s:s, s:s, s:o, s:b, s:o, s:s?, s:s, s:o}", "id", (json_int_t)a->id,
			 "what", a->what, "owner", a->owner, "due", mk_json_time(a->due_at), "done",
			 a->done_at != MK_TIME_UNKNOWN, "done_at", mk_json_time(a->done_at),
			 "done_by", a->done_by, "created_by", a->created_by, "created_at",
			 mk_json_time(a->created_at));
}

json_t *mk_json_rate(const struct mk_rate_view *r)
{
	return with_amount(json_pack("{s:s, s:s, s:o}", "role", mk_role_name(r->role), "set_by",
				     r->set_by, "set_at", mk_json_time(r->set_at)),
			   "", r->cents);
}

/* --- the evaluation ------------------------------------------------------------ */

static enum mk_rc eval_fill(void *ctx, const struct mk_evaluation_view *v)
{
	json_t *o = ctx;
	json_t *meeting = v->meeting_at == MK_TIME_UNKNOWN
				  ? json_null()
				  : json_pack("{s:o, s:i, s:i}", "at", mk_json_time(v->meeting_at),
					      "minutes", v->meeting_minutes, "sequence",
					      v->meeting_sequence);
	if (json_object_set_new(o, "lessons", v->lessons ? json_string(v->lessons) : json_null()) ||
	    json_object_set_new(o, "process_review",
				v->process_review ? json_string(v->process_review) : json_null()) ||
	    json_object_set_new(o, "meeting", meeting) ||
	    json_object_set_new(o, "updated_by", v->updated_by ? json_string(v->updated_by) : json_null()) ||
	    json_object_set_new(o, "updated_at", mk_json_time(v->updated_at)))
		return MK_ENOMEM;
	return MK_OK;
}

static enum mk_rc answer_fill(void *ctx, const char *code, const char *answer)
{
	json_t *questions = ctx;
	size_t i;
	json_t *q;
	json_array_foreach(questions, i, q)
	{
		if (strcmp(json_string_value(json_object_get(q, "code")), code) == 0)
			return json_object_set_new(q, "answer", json_string(answer)) ? MK_ENOMEM : MK_OK;
	}
	return MK_OK; /* an answer to a question no longer in the table */
}

static enum mk_rc action_fill(void *ctx, const struct mk_improvement *a)
{
	return json_array_append_new(ctx, mk_json_improvement(a)) ? MK_ENOMEM : MK_OK;
}

static enum mk_rc hold_fill(void *ctx, const struct mk_hold_view *h)
{
	json_t **out = ctx;
	*out = json_pack("{s:s, s:s, s:o}", "reason", h->reason, "by", h->held_by, "at",
			 mk_json_time(h->held_at));
	return *out ? MK_OK : MK_ENOMEM;
}

json_t *mk_json_evaluation(struct mk_service *svc, const char *key, struct mk_error *err)
{
	struct mk_incident inc;
	struct mk_eval_questions qs = {0};
	json_t *o = NULL, *questions = json_array(), *actions = json_array(), *hold = NULL;
	mk_incident_init(&inc);
	bool held = false;
	enum mk_rc rc = MK_ENOMEM;
	if (!questions || !actions)
		goto out;
	if ((rc = mk_svc_incident_get(svc, key, &inc, err)) ||
	    (rc = mk_eval_questions_load(&qs, err)))
		goto out;
	rc = MK_ENOMEM;
	for (size_t i = 0; i < qs.count; i++)
		if (json_array_append_new(questions,
					  json_pack("{s:s, s:s, s:s, s:n}", "code", qs.items[i].code,
						    "vraag", qs.items[i].vraag, "question",
						    qs.items[i].question, "answer")))
			goto out;
	json_t *window = json_null();
	if (inc.closed_at != MK_TIME_UNKNOWN) {
		mk_time opens, due;
		mk_evaluation_window(inc.closed_at, &opens, &due);
		window = json_pack("{s:o, s:o}", "opens", mk_json_time(opens), "due",
				   mk_json_time(due));
	}
	if (!(o = json_pack("{s:s, s:o, s:o?}", "key", inc.key, "closed_at",
			    mk_json_time(inc.closed_at), "window", window)))
		goto out;
	if ((rc = mk_svc_evaluation_get(svc, key, eval_fill, o, err)) ||
	    (rc = mk_svc_answers(svc, key, answer_fill, questions, err)) ||
	    (rc = mk_svc_actions(svc, key, action_fill, actions, err)) ||
	    (rc = mk_svc_hold_get(svc, key, hold_fill, &hold, &held, err)))
		goto out;
	rc = MK_ENOMEM;
	/* set_new takes the reference even when it fails. */
	json_t *h = held ? hold : json_null();
	hold = NULL;
	if (json_object_set_new(o, "legal_hold", h) || json_object_set(o, "questions", questions) ||
	    json_object_set(o, "actions", actions))
		goto out;
	rc = MK_OK;
out:
	if (rc == MK_ENOMEM && err && !err->message[0])
		mk_error_set(err, MK_ENOMEM, "", "out of memory");
	if (rc) {
		json_decref(o);
		o = NULL;
	}
	json_decref(hold);
	json_decref(questions);
	json_decref(actions);
	mk_eval_questions_release(&qs);
	mk_incident_release(&inc);
	return o;
}
