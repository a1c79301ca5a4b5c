/* JSON encodings. Building with jansson's json_pack keeps every value
 * escaped correctly; NULL strings become null. */
#include "export/json.h"

#include "core/incident.h"

json_t *mk_json_time(mk_time t)
{
	if (t == MK_TIME_UNKNOWN)
		return json_null();
	char buf[MK_TIME_TEXT];
	return json_string(mk_time_format_utc(t, buf));
}

static json_t *level_or_null(enum mk_level l)
{
	return l == MK_LEVEL_NONE ? json_null() : json_string(mk_level_name(l));
}

void mk_jw_incident_summary(struct mk_jw *w, const struct mk_incident *inc)
{
	mk_jw_object(w);
	mk_jw_key(w, "key");
	mk_jw_string(w, inc->key);
	mk_jw_key(w, "title");
	mk_jw_string(w, inc->title);
	mk_jw_key(w, "phase");
	mk_jw_string(w, mk_phase_name(inc->phase));
	mk_jw_key(w, "priority");
	mk_jw_string(w, inc->priority ? mk_priority_name(inc->priority) : NULL);
	mk_jw_key(w, "event_type");
	mk_jw_string(w, mk_event_type_name(inc->event_type));
	mk_jw_key(w, "personal_data");
	mk_jw_bool(w, inc->personal_data);
	mk_jw_key(w, "confidential");
	mk_jw_bool(w, inc->confidential);
	mk_jw_key(w, "reported_at");
	mk_jw_time(w, inc->reported_at);
	mk_jw_key(w, "detected_at");
	mk_jw_time(w, inc->detected_at);
	mk_jw_key(w, "closed_at");
	mk_jw_time(w, inc->closed_at);
	mk_jw_key(w, "version");
	mk_jw_int(w, inc->version);
	mk_jw_object_end(w);
}

/* The summary is defined once, by the writer; read back for the callers
 * that put it in a tree. */
json_t *mk_json_incident_summary(const struct mk_incident *inc)
{
	struct mk_buf b;
	struct mk_jw w;
	mk_buf_init(&b, MK_JSON_SUMMARY_MAX);
	mk_jw_init(&w, &b);
	mk_jw_incident_summary(&w, inc);
	json_t *v = mk_jw_rc(&w) == MK_OK ? json_loadb(b.data, b.len, 0, NULL) : NULL;
	mk_buf_release(&b);
	return v;
}

json_t *mk_json_incident(const struct mk_incident *inc)
{
	json_t *impact = json_object();
	json_t *matrix = json_null();
	if (inc->classified)
		matrix = json_pack("{s:s, s:s?, s:s?}", "table", mk_matrix_table_name(inc->matrix_table),
				   "category", inc->matrix_category, "incident", inc->matrix_incident);
	for (int c = 0; impact && c < MK_CRITERION_COUNT; c++)
		json_object_set_new(impact, mk_criterion_name((enum mk_criterion)c),
				    level_or_null(inc->impact.level[c]));
	return json_pack(
		"{s:s, s:s, s:s?, s:s?,"
		" s:{s:s?, s:s?, s:s?, s:s?},"
		" s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s,"
		" s:b, s:s, s:b, s:b, s:s?, s:s?,"
		" s:{s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o},"
		" s:s?, s:s?, s:s?,"
		" s:{s:I, s:s}, s:I, s:o, s:o}",
		"key", inc->key, "uuid", inc->uuid, "title", inc->title, "description",
		inc->description,
		"reporter", "name", inc->reporter.name, "department", inc->reporter.department,
		"phone", inc->reporter.phone, "email", inc->reporter.email,
		"source", mk_source_name(inc->source), "matrix", matrix, "impact", impact,
		"impact_overall", level_or_null(mk_impact_overall(&inc->impact)),
		"people_affected",
		inc->people_affected >= 0 ? json_integer(inc->people_affected) : json_null(),
		"urgency", level_or_null(inc->urgency), "priority",
		inc->priority ? json_string(mk_priority_name(inc->priority)) : json_null(),
		"priority_label",
		inc->priority ? json_string(mk_priority_label(inc->priority)) : json_null(),
		"event_type", mk_event_type_name(inc->event_type), "phase", mk_phase_name(inc->phase),
		"confidential", inc->confidential, "tlp", mk_tlp_name(inc->tlp), "personal_data",
		inc->personal_data, "exercise", inc->exercise, "parent", inc->parent_key, "supplier",
		inc->supplier,
		"times", "occurred_at", mk_json_time(inc->occurred_at), "occurred_estimated",
		inc->occurred_estimated, "detected_at", mk_json_time(inc->detected_at), "reported_at",
		mk_json_time(inc->reported_at), "management_informed_at",
		mk_json_time(inc->management_informed_at), "subjects_informed_at",
		mk_json_time(inc->subjects_informed_at), "contained_at",
		mk_json_time(inc->contained_at), "resolved_at", mk_json_time(inc->resolved_at),
		"closed_at", mk_json_time(inc->closed_at), "ap_notified_at",
		mk_json_time(inc->ap_notified_at), "evaluated_at", mk_json_time(inc->evaluated_at),
		"source_ref", inc->source_ref, "victim", inc->victim, "industry", inc->industry,
		"logbook", "entries", (json_int_t)inc->log_count, "head", inc->log_head,
		"version", (json_int_t)inc->version, "created_at", mk_json_time(inc->created_at),
		"updated_at", mk_json_time(inc->updated_at));
}

json_t *mk_json_log_entry(const struct mk_log_entry *e)
{
	return json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:s, s:s}", "seq", (json_int_t)e->seq, "at",
			 mk_json_time(e->at), "author", e->author, "role", mk_role_name(e->role),
			 "kind", mk_log_kind_name(e->kind), "text", e->text, "prev_hash",
			 e->prev_hash, "hash", e->hash);
}

json_t *mk_json_task(const struct mk_task_view *t)
{
	return json_pack("{s:s, s:i, s:s, s:s, s:s, s:b, s:s, s:s?, s:o, s:s?}", "code",
			 t->task->code, "step", t->task->step, "title", t->task->title, "owner",
			 t->task->owner, "role", mk_role_name(t->task->role), "closing",
			 t->task->closing, "state", mk_task_state_name(t->row->state), "done_by",
			 t->row->done_by, "done_at", mk_json_time(t->row->done_at), "note",
			 t->row->note);
}

json_t *mk_json_decision(const struct mk_decision *d)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:{s:s, s:o}, s:{s:o, s:s?}, s:s, s:o}", "id",
			 (json_int_t)d->id, "beeldvorming", d->beeldvorming, "opties", d->opties,
			 "besluit", d->besluit, "opdracht", "wie", d->opdracht_wie, "uiterlijk",
			 mk_json_time(d->opdracht_uiterlijk), "controle", "op",
			 mk_json_time(d->controle_op != MK_TIME_UNKNOWN ? d->controle_op
									 : d->opdracht_uiterlijk),
			 "resultaat", d->controle_resultaat, "decided_by", d->decided_by,
			 "decided_at", mk_json_time(d->decided_at));
}

json_t *mk_json_deadline(const struct mk_deadline *d)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "clock", mk_clock_name(d->clock),
			 "label", mk_clock_label(d->clock), "state",
			 mk_deadline_state_name(d->state), "start", mk_json_time(d->start), "opens",
			 mk_json_time(d->opens), "due", mk_json_time(d->due), "met_at",
			 mk_json_time(d->met_at));
}

json_t *mk_json_chain_status(const char *key, const struct mk_chain_status *st, bool intact,
			     const char *problem)
{
	return json_pack("{s:s, s:b, s:I, s:s, s:s?}", "key", key, "intact", intact, "entries",
			 (json_int_t)st->entries, "head", st->head, "problem", problem);
}

json_t *mk_json_matrix_row(const struct mk_matrix_row *row)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "table",
			 mk_matrix_table_name(row->table), "category", row->category, "incident",
			 row->incident, "helpdesk", mk_notify_name(row->helpdesk), "ciso",
			 mk_notify_name(row->ciso), "directie", mk_notify_name(row->directie));
}

static json_t *stat_json(const struct mk_kpi_stat *s)
{
	if (s->n == 0)
		return json_pack("{s:i, s:n, s:n, s:n}", "n", 0, "min", "avg", "max");
	return json_pack("{s:I, s:I, s:I, s:I}", "n", (json_int_t)s->n, "min", (json_int_t)s->min,
			 "avg", (json_int_t)mk_kpi_stat_avg(s), "max", (json_int_t)s->max);
}

json_t *mk_json_kpi(const struct mk_kpi *k)
{
	json_t *categories = json_object(), *priorities = json_object(), *phases = json_object();
	for (size_t i = 0; categories && i < k->ncategories; i++)
		json_object_set_new(categories, k->categories[i].name,
				    json_integer(k->categories[i].count));
	for (int p = 0; priorities && p < MK_PRIORITY_COUNT; p++)
		json_object_set_new(priorities, p ? mk_priority_name((enum mk_priority)p) : "none",
				    json_integer(k->by_priority[p]));
	for (int p = 0; phases && p < MK_PHASE_COUNT; p++)
		json_object_set_new(phases, mk_phase_name((enum mk_phase)p),
				    json_integer(k->by_phase[p]));
	return json_pack("{s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o}", "incidents",
			 (json_int_t)k->incidents, "exercises_excluded", (json_int_t)k->exercises,
			 "with_personal_data", (json_int_t)k->with_personal_data,
			 "with_citizen_impact", (json_int_t)k->with_citizen_impact, "by_category",
			 categories, "by_priority", priorities, "by_phase", phases,
			 "detection_lag_s", stat_json(&k->detection_lag), "containment_s",
			 stat_json(&k->containment), "report_to_resolution_s",
			 stat_json(&k->report_to_resolution));
}
