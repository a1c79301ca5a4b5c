/* The JSON shapes of a breach and of an AP notification, shared by the
 * CLI (--json) and the API, so both say the same. */
#include "core/deadline.h"
#include "export/breach.h"
#include "export/json.h"

static json_t *set_array(enum mk_breach_vocab v, uint32_t set)
{
	json_t *a = json_array();
	for (unsigned i = 0; a && i < mk_breach_vocab_count(v); i++)
		if (set & ((uint32_t)1 << i))
			json_array_append_new(a, json_string(mk_breach_vocab_name(v, i)));
	return a;
}

static json_t *one_or_null(enum mk_breach_vocab v, int i)
{
	return i < 0 ? json_null() : json_string(mk_breach_vocab_name(v, (unsigned)i));
}

static json_t *count_or_null(int64_t n)
{
	return n < 0 ? json_null() : json_integer((json_int_t)n);
}

static json_t *tri_or_null(int t)
{
	return t == MK_TRI_UNKNOWN ? json_null() : json_boolean(t == MK_TRI_YES);
}

json_t *mk_json_breach(const struct mk_breach *b)
{
	json_t *inform = json_pack(
		"{s:o, s:o, s:s?, s:o, s:o, s:s?, s:o}", "decision",
		b->inform == MK_TRI_UNKNOWN ? json_null() : json_string(b->inform == MK_TRI_YES ? "ja" : "nee"),
		"exception", one_or_null(MK_BV_EXCEPTION, b->inform_exception), "reason",
		b->inform_reason, "channel", one_or_null(MK_BV_CHANNEL, b->inform_channel),
		"informed_at", mk_json_time(b->informed_at), "decided_by", b->inform_by,
		"decided_at", mk_json_time(b->inform_decided_at));
	json_t *o = json_pack(
		"{s:o, s:o, s:s?, s:o, s:o, s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:s?, s:o, s:s?, "
		"s:s?, s:s?, s:s?, s:o}",
		"aware_at", mk_json_time(b->aware_at), "ended_at", mk_json_time(b->ended_at),
		"summary", b->summary, "nature", set_array(MK_BV_NATURE, b->nature), "cause",
		one_or_null(MK_BV_CAUSE, b->cause), "categories",
		set_array(MK_BV_CATEGORY, b->categories), "bsn",
		(b->categories & mk_breach_bsn_bit()) != 0, "special_categories",
		set_array(MK_BV_SPECIAL, b->special), "records", count_or_null(b->records),
		"groups", set_array(MK_BV_GROUP, b->groups), "subjects_min",
		count_or_null(b->subjects_min), "subjects_max", count_or_null(b->subjects_max),
		"encrypted", tri_or_null(b->encrypted), "encryption", b->encryption, "risk",
		one_or_null(MK_BV_RISK, (int)b->risk - 1), "risk_reasoning", b->risk_reasoning,
		"consequences", b->consequences, "measures", b->measures, "fg_name", b->fg_name,
		"fg_consulted_at", mk_json_time(b->fg_consulted_at));
	if (!o || !inform) {
		json_decref(o);
		json_decref(inform);
		return NULL;
	}
	json_object_set_new(o, "inform", inform);
	json_object_set_new(o, "ap_due", mk_json_time(mk_breach_ap_due(b->aware_at)));
	json_object_set_new(o, "subjects_due",
			    mk_json_time(b->aware_at == MK_TIME_UNKNOWN
						 ? MK_TIME_UNKNOWN
						 : mk_time_add_local_days(b->aware_at, MK_SUBJECTS_DAYS)));
	json_object_set_new(o, "version", json_integer((json_int_t)b->version));
	json_object_set_new(o, "created_at", mk_json_time(b->created_at));
	json_object_set_new(o, "updated_at", mk_json_time(b->updated_at));
	return o;
}

json_t *mk_json_ap_notification(const struct mk_ap_notification *n, mk_time aware_at)
{
	return json_pack("{s:I, s:s, s:o, s:s, s:s?, s:s?, s:b}", "id", (json_int_t)n->id, "kind",
			 mk_ap_kind_name(n->kind), "filed_at", mk_json_time(n->filed_at),
			 "reference", n->reference, "filed_by", n->filed_by, "late_reason",
			 n->late_reason, "late", n->filed_at > mk_breach_ap_due(aware_at));
}

struct notes_json {
	json_t *rows;
	mk_time aware_at;
	int64_t n;
	bool final, withdrawn;
};

static enum mk_rc add_note(void *ctx, const struct mk_ap_notification *n)
{
	struct notes_json *nj = ctx;
	nj->n++;
	nj->final |= n->kind == MK_AP_DEFINITIEF;
	nj->withdrawn |= n->kind == MK_AP_INTREKKING;
	return json_array_append_new(nj->rows, mk_json_ap_notification(n, nj->aware_at)) ? MK_ENOMEM
											: MK_OK;
}

enum mk_rc mk_json_breach_of(struct mk_service *svc, const char *key, json_t **ret,
			     struct mk_error *err)
{
	struct mk_breach b;
	struct notes_json nj = {.rows = json_array()};
	json_t *o = NULL;
	mk_breach_init(&b);
	enum mk_rc rc = nj.rows ? mk_svc_breach_get(svc, key, &b, err) : MK_ENOMEM;
	nj.aware_at = b.aware_at;
	if (rc == MK_OK)
		rc = mk_svc_breach_notifications(svc, key, add_note, &nj, err);
	if (rc == MK_OK && !(o = mk_json_breach(&b)))
		rc = MK_ENOMEM;
	if (rc == MK_OK) {
		json_object_set_new(o, "ap_status",
				    json_string(mk_ap_status_of(nj.n, nj.final, nj.withdrawn)));
		json_object_set_new(o, "notifications", nj.rows);
		*ret = o;
	} else {
		json_decref(nj.rows);
		if (rc == MK_ENOMEM && !err->message[0])
			mk_error_set(err, rc, "", "out of memory");
	}
	mk_breach_release(&b);
	return rc;
}
