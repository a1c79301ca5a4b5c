/* JSON for observables, their correlation, alert groups, alerts and
 * evidence (json-intake.h). */
#include "export/json-intake.h"

#include "export/json.h"

static json_t *text_or_null(const char *s)
{
	return s && s[0] ? json_string(s) : json_null();
}

static json_t *port_or_null(int port)
{
	return port >= 0 ? json_integer(port) : json_null();
}

json_t *mk_json_observable(const struct mk_observable_view *o)
{
	json_t *v = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)o->id, "type",
			      mk_obs_type_name(o->type), "value", o->value, "tlp",
			      mk_tlp_name(o->tlp), "first_seen", mk_json_time(o->first_seen),
			      "last_seen", mk_json_time(o->last_seen));
	if (v && o->role) {
		json_object_set_new(v, "role", json_string(o->role));
		json_object_set_new(v, "source", json_string(mk_obs_source_name(o->source)));
		json_object_set_new(v, "added_by", text_or_null(o->added_by));
		json_object_set_new(v, "added_at", mk_json_time(o->added_at));
	}
	return v;
}

void mk_observable_seen_text(const struct mk_observable_seen *s, struct mk_buf *out)
{
	const char *type = mk_obs_type_name(s->obs->type);
	if (s->incident_count == 0 && s->alert_group_count == 0) {
		mk_buf_addf(out, "this %s appears nowhere else", type);
		return;
	}
	mk_buf_addf(out, "this %s also appears in ", type);
	if (s->incident_count) {
		for (size_t i = 0; i < s->nkeys; i++)
			mk_buf_addf(out, "%s%s", i == 0 ? "" : i + 1 == s->nkeys &&
								       s->incident_count == (int64_t)s->nkeys
								   ? " and "
								   : ", ",
				    s->keys[i]);
		if (s->incident_count > (int64_t)s->nkeys)
			mk_buf_addf(out, " and %lld more incidents",
				    (long long)(s->incident_count - (int64_t)s->nkeys));
	}
	if (s->alert_group_count)
		mk_buf_addf(out, "%s%lld alert group%s", s->incident_count ? " and " : "",
			    (long long)s->alert_group_count, s->alert_group_count == 1 ? "" : "s");
}

json_t *mk_json_observable_seen(const struct mk_observable_seen *s)
{
	json_t *v = mk_json_observable(s->obs), *keys = json_array();
	struct mk_buf text;
	for (size_t i = 0; keys && i < s->nkeys; i++)
		json_array_append_new(keys, json_string(s->keys[i]));
	mk_buf_init(&text, 4096);
	mk_observable_seen_text(s, &text);
	if (!v || !keys || mk_buf_rc(&text)) {
		json_decref(v);
		json_decref(keys);
		mk_buf_release(&text);
		return NULL;
	}
	json_object_set_new(v, "incidents", keys);
	json_object_set_new(v, "incident_count", json_integer(s->incident_count));
	json_object_set_new(v, "alert_group_count", json_integer(s->alert_group_count));
	json_object_set_new(v, "text", json_string(text.data));
	mk_buf_release(&text);
	return v;
}

json_t *mk_json_alert_group(const struct mk_alert_group_view *g)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, "
			 "s:o, s:I, s:o, s:b}",
			 "id", (json_int_t)g->id, "kind", mk_alert_kind_name(g->kind), "detection",
			 mk_source_name(g->detection), "signature_id", g->signature_id, "signature",
			 g->signature, "severity", g->severity, "severity_name",
			 mk_severity_name(g->severity), "severity_orig", g->severity_orig, "src_ip",
			 text_or_null(g->src_ip), "src_port", port_or_null(g->src_port), "dst_ip",
			 text_or_null(g->dst_ip), "dst_port", port_or_null(g->dst_port), "proto",
			 text_or_null(g->proto), "first_seen", mk_json_time(g->first_seen),
			 "last_seen", mk_json_time(g->last_seen), "count", (json_int_t)g->count,
			 "incident", text_or_null(g->incident_key), "promoted",
			 g->incident_key != NULL);
}

json_t *mk_json_alert(const struct mk_alert_view *a)
{
	return json_pack("{s:I, s:o, s:s, s:I, s:s}", "id", (json_int_t)a->id, "at",
			 mk_json_time(a->at), "file", a->file, "line", (json_int_t)a->line, "raw",
			 a->raw);
}

json_t *mk_json_evidence(const struct mk_evidence_view *e)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:I, s:s, s:s, s:o}", "id",
			 (json_int_t)e->id, "incident", e->incident_key, "what", e->what, "why",
			 e->why, "name", text_or_null(e->name), "media_type", e->media_type,
			 "sha256", e->sha256, "size", (json_int_t)e->size, "stored_path",
			 e->stored_path, "collected_by", e->collected_by, "collected_at",
			 mk_json_time(e->collected_at));
}
