/* JSON shapes of the chain of custody (json-custody.h). */
#include "export/json-custody.h"

#include "export/json.h"

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *mk_json_item(const struct mk_item_view *it)
{
	json_t *file = json_null();
	if (it->is_file) {
		char path[128];
		snprintf(path, sizeof(path), MK_ARCHIVE_FILE_PREFIX "%s", it->sha256);
		file = json_pack("{s:s, s:I, s:o, s:s, s:s}", "sha256", it->sha256, "size",
				 (json_int_t)it->size, "name", text_or_null(it->name), "media_type",
				 it->media_type, "archive_path", path);
	}
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:s, s:o, s:o}",
			 "item", (json_int_t)it->seq, "incident", it->incident_key, "kind",
			 it->is_file ? "file" : "physical", "what", it->what, "why", it->why,
			 "location", text_or_null(it->location), "storage",
			 text_or_null(it->storage), "seal", text_or_null(it->seal),
			 "collected_by", it->collected_by, "collected_at",
			 mk_json_time(it->collected_at), "registered_by", it->registered_by,
			 "registered_at", mk_json_time(it->registered_at), "file", file);
}

json_t *mk_json_custody_event(const struct mk_custody_view *c)
{
	if (c->type == MK_CUSTODY_TRANSFER)
		return json_pack("{s:s, s:I, s:o, s:s, s:s, s:s, s:o, s:s, s:o, s:I}", "type",
				 "transfer", "item", (json_int_t)c->item_seq, "at",
				 mk_json_time(c->at), "from", c->from, "to", c->to, "reason",
				 c->reason, "receipt", text_or_null(c->receipt), "recorded_by",
				 c->recorded_by, "recorded_at", mk_json_time(c->recorded_at),
				 "log_seq", (json_int_t)c->log_seq);
	return json_pack("{s:s, s:I, s:o, s:s, s:s, s:s, s:s, s:I}", "type", "access", "item",
			 (json_int_t)c->item_seq, "at", mk_json_time(c->at), "action", c->action,
			 "who", c->who, "why", c->why, "via", c->via, "log_seq",
			 (json_int_t)c->log_seq);
}

json_t *mk_json_file_check(const struct mk_file_check *c)
{
	static const char *const states[] = {"intact", "changed", "missing"};
	return json_pack("{s:s, s:I, s:s, s:s, s:s, s:o, s:o}", "incident", c->item->incident_key,
			 "item", (json_int_t)c->item->seq, "what", c->item->what, "state",
			 states[c->state], "sha256", c->item->sha256, "actual_sha256",
			 c->state == MK_FILE_CHANGED ? json_string(c->actual) : json_null(),
			 "problem", text_or_null(c->problem));
}
