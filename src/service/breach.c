/* The data-breach use cases: the breach record, the AP notifications and
 * the decision to inform data subjects. Each one checks the core rules
 * (core/breach.h), writes the breach tables, moves the incident's clock
 * fields (personal_data, ap_notified_at, subjects_informed_at) and appends
 * its logbook entry, all in the one transaction of mk_svc_change. */
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "core/text.h"
#include "service/fields.h"
#include "service/internal.h"

/* --- fields by name -------------------------------------------------------- */

enum bfield_type { BF_TIME, BF_TEXT, BF_LINE, BF_SET, BF_ONE, BF_COUNT, BF_TRI };

struct bfield {
	const char *name;
	enum bfield_type type;
	size_t offset;              /* into struct mk_breach */
	enum mk_breach_vocab vocab; /* BF_SET, BF_ONE */
	size_t max;                 /* text */
};

#define BAT(member) offsetof(struct mk_breach, member)

static const struct bfield breach_fields[] = {
	{"aware_at", BF_TIME, BAT(aware_at), 0, 0},
	{"ended_at", BF_TIME, BAT(ended_at), 0, 0},
	{"summary", BF_TEXT, BAT(summary), 0, MK_TEXT_MAX},
	{"nature", BF_SET, BAT(nature), MK_BV_NATURE, 0},
	{"cause", BF_ONE, BAT(cause), MK_BV_CAUSE, 0},
	{"categories", BF_SET, BAT(categories), MK_BV_CATEGORY, 0},
	{"special_categories", BF_SET, BAT(special), MK_BV_SPECIAL, 0},
	{"records", BF_COUNT, BAT(records), 0, 0},
	{"groups", BF_SET, BAT(groups), MK_BV_GROUP, 0},
	{"subjects_min", BF_COUNT, BAT(subjects_min), 0, 0},
	{"subjects_max", BF_COUNT, BAT(subjects_max), 0, 0},
	{"encrypted", BF_TRI, BAT(encrypted), 0, 0},
	{"encryption", BF_TEXT, BAT(encryption), 0, MK_SHORT_TEXT_MAX},
	{"risk", BF_ONE, 0, MK_BV_RISK, 0}, /* enum mk_breach_risk: index + 1 */
	{"risk_reasoning", BF_TEXT, BAT(risk_reasoning), 0, MK_TEXT_MAX},
	{"consequences", BF_TEXT, BAT(consequences), 0, MK_TEXT_MAX},
	{"measures", BF_TEXT, BAT(measures), 0, MK_TEXT_MAX},
	{"fg_name", BF_LINE, BAT(fg_name), 0, MK_NAME_MAX},
	{"fg_consulted_at", BF_TIME, BAT(fg_consulted_at), 0, 0},
};
#define NBFIELDS (sizeof(breach_fields) / sizeof(breach_fields[0]))

const char *mk_breach_field_name(size_t i)
{
	return i < NBFIELDS ? breach_fields[i].name : NULL;
}

/* A count of records or persons: digits only, at most ten thousand
 * million (more people than there are). */
#define COUNT_MAX 10000000000LL

static enum mk_rc parse_count(const char *field, const char *v, int64_t *ret,
			      struct mk_error *err)
{
	int64_t n = 0;
	size_t len = strlen(v);
	if (len == 0 || len > 11)
		goto bad;
	for (size_t i = 0; i < len; i++) {
		if (v[i] < '0' || v[i] > '9')
			goto bad;
		n = n * 10 + (v[i] - '0');
	}
	if (n > COUNT_MAX)
		goto bad;
	*ret = n;
	return MK_OK;
bad:
	return mk_error_set(err, MK_EINVAL, field,
			    "%s '%.40s' is not a count (a whole number from 0 to %lld)", field, v,
			    COUNT_MAX);
}

static enum mk_rc apply_breach_field(struct mk_breach *b, const struct bfield *f,
				     const char *value, struct mk_error *err)
{
	char *base = (char *)b;
	bool clear = value == NULL || value[0] == '\0';
	enum mk_rc rc;
	switch (f->type) {
	case BF_TIME: {
		mk_time t = MK_TIME_UNKNOWN;
		if (!clear && (rc = mk_time_parse(value, f->name, &t, err)))
			return rc;
		*(mk_time *)(base + f->offset) = t;
		return MK_OK;
	}
	case BF_TEXT:
	case BF_LINE:
		if (!clear && (rc = mk_text_check(f->name, value, f->max,
						  f->type == BF_TEXT ? MK_TEXT_MULTILINE : MK_TEXT_LINE,
						  false, err)))
			return rc;
		if (mk_incident_set_text((char **)(base + f->offset), clear ? NULL : value))
			return mk_error_set(err, MK_ENOMEM, f->name, "out of memory");
		return MK_OK;
	case BF_SET:
		return mk_breach_set_parse(f->vocab, clear ? "" : value, f->name,
					   (uint32_t *)(base + f->offset), err);
	case BF_ONE: {
		unsigned i = 0;
		if (!clear && (rc = mk_breach_vocab_parse(f->vocab, value, f->name, &i, err)))
			return rc;
		if (f->vocab == MK_BV_RISK)
			b->risk = clear ? MK_RISK_UNKNOWN : (enum mk_breach_risk)(i + 1);
		else
			*(int *)(base + f->offset) = clear ? -1 : (int)i;
		return MK_OK;
	}
	case BF_COUNT: {
		int64_t n = -1;
		if (!clear && (rc = parse_count(f->name, value, &n, err)))
			return rc;
		*(int64_t *)(base + f->offset) = n;
		return MK_OK;
	}
	case BF_TRI: {
		bool yes = false;
		if (!clear && (rc = mk_fields_parse_bool(f->name, value, &yes, err)))
			return rc;
		*(int *)(base + f->offset) = clear ? MK_TRI_UNKNOWN : yes ? MK_TRI_YES : MK_TRI_NO;
		return MK_OK;
	}
	}
	return mk_error_set(err, MK_EINVAL, f->name, "field type unknown");
}

static enum mk_rc apply_fields(struct mk_breach *b, const char *const *names, size_t nnames,
			       const struct mk_field_value *values, size_t n,
			       enum mk_rc (*apply)(struct mk_breach *, const char *, const char *,
						   struct mk_error *),
			       struct mk_error *err)
{
	for (size_t i = 0; i < n; i++) {
		const char *name = values[i].name ? values[i].name : "";
		bool known = false;
		for (size_t k = 0; k < nnames; k++)
			known |= strcmp(names[k], name) == 0;
		if (!known)
			return mk_error_set(err, MK_EINVAL, name,
					    "'%.40s' is not a field that can be set", name);
		for (size_t j = 0; j < i; j++)
			if (strcmp(values[j].name, name) == 0)
				return mk_error_set(err, MK_EINVAL, name, "%s is given twice", name);
		enum mk_rc rc = apply(b, name, values[i].value, err);
		if (rc)
			return rc;
	}
	return MK_OK;
}

static enum mk_rc apply_record_field(struct mk_breach *b, const char *name, const char *value,
				     struct mk_error *err)
{
	for (size_t i = 0; i < NBFIELDS; i++)
		if (strcmp(breach_fields[i].name, name) == 0)
			return apply_breach_field(b, &breach_fields[i], value, err);
	return mk_error_set(err, MK_EINVAL, name, "'%.40s' is not a field that can be set", name);
}

static const char *const inform_names[] = {"decision", "exception", "reason", "channel",
					   "informed_at"};

static enum mk_rc apply_inform_field(struct mk_breach *b, const char *name, const char *value,
				     struct mk_error *err)
{
	bool clear = value == NULL || value[0] == '\0';
	enum mk_rc rc;
	unsigned i;
	if (strcmp(name, "decision") == 0) {
		bool yes = false;
		if (clear)
			return mk_error_set(err, MK_EINVAL, "decision", "decision must be ja or nee");
		if ((rc = mk_fields_parse_bool("decision", value, &yes, err)))
			return rc;
		b->inform = yes ? MK_TRI_YES : MK_TRI_NO;
	} else if (strcmp(name, "exception") == 0) {
		if (!clear && (rc = mk_breach_vocab_parse(MK_BV_EXCEPTION, value, "exception", &i, err)))
			return rc;
		b->inform_exception = clear ? -1 : (int)i;
	} else if (strcmp(name, "channel") == 0) {
		if (!clear && (rc = mk_breach_vocab_parse(MK_BV_CHANNEL, value, "channel", &i, err)))
			return rc;
		b->inform_channel = clear ? -1 : (int)i;
	} else if (strcmp(name, "reason") == 0) {
		if (!clear && (rc = mk_text_check("reason", value, MK_SHORT_TEXT_MAX,
						  MK_TEXT_MULTILINE, false, err)))
			return rc;
		if (mk_incident_set_text(&b->inform_reason, clear ? NULL : value))
			return mk_error_set(err, MK_ENOMEM, "reason", "out of memory");
	} else {
		mk_time t = MK_TIME_UNKNOWN;
		if (!clear && (rc = mk_time_parse(value, "informed_at", &t, err)))
			return rc;
		b->informed_at = t;
	}
	return MK_OK;
}

/* --- reading ------------------------------------------------------------------ */

enum mk_rc mk_svc_breach_get(struct mk_service *svc, const char *key, struct mk_breach *b,
			     struct mk_error *err)
{
	struct mk_incident inc;
	mk_incident_init(&inc);
	enum mk_rc rc = mk_store_incident_get(svc->store, key, &inc, NULL, err);
	if (rc == MK_OK) {
		rc = mk_store_breach_get(svc->store, inc.id, b, err);
		if (rc == MK_ENOTFOUND)
			mk_error_set(err, MK_ENOTFOUND, "breach",
				     "incident %s has no breach record: record one with breach set",
				     inc.key);
	}
	mk_incident_release(&inc);
	return rc;
}

enum mk_rc mk_svc_breach_notifications(struct mk_service *svc, const char *key,
				       mk_ap_notification_cb cb, void *ctx, struct mk_error *err)
{
	struct mk_breach b;
	mk_breach_init(&b);
	enum mk_rc rc = mk_svc_breach_get(svc, key, &b, err);
	if (rc == MK_OK)
		rc = mk_store_ap_notification_list(svc->store, b.id, cb, ctx, err);
	mk_breach_release(&b);
	return rc;
}

enum mk_rc mk_svc_breach_register(struct mk_service *svc, const struct mk_incident_query *scope,
				  mk_breach_register_cb cb, void *ctx, struct mk_error *err)
{
	return mk_store_breach_register(svc->store, scope, cb, ctx, err);
}

/* The notifications of a breach, copied so that the rules can see them
 * all at once. */
struct note_list {
	struct mk_ap_notification *items;
	size_t n, cap;
	struct mk_buf text; /* the strings, NUL-separated; offsets in the items */
	bool oom;
};

static enum mk_rc collect_note(void *ctx, const struct mk_ap_notification *n)
{
	struct note_list *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct mk_ap_notification *p = mk_realloc(l->items, cap * sizeof(*p));
		if (!p)
			return MK_ENOMEM;
		l->items = p;
		l->cap = cap;
	}
	struct mk_ap_notification *c = &l->items[l->n++];
	*c = *n;
	/* Offsets now, pointers once the buffer stops moving. */
	c->reference = (const char *)(uintptr_t)l->text.len;
	mk_buf_add(&l->text, n->reference, strlen(n->reference) + 1);
	c->filed_by = NULL;
	c->late_reason = NULL;
	return mk_buf_rc(&l->text);
}

static enum mk_rc load_notes(struct mk_service *svc, int64_t breach_id, struct note_list *l,
			     struct mk_error *err)
{
	enum mk_rc rc = mk_store_ap_notification_list(svc->store, breach_id, collect_note, l, err);
	if (rc == MK_ENOMEM)
		return mk_error_set(err, rc, "", "out of memory reading the AP notifications");
	if (rc)
		return rc;
	for (size_t i = 0; i < l->n; i++)
		l->items[i].reference = l->text.data + (uintptr_t)l->items[i].reference;
	return MK_OK;
}

static void notes_release(struct note_list *l)
{
	mk_free(l->items);
	mk_buf_release(&l->text);
}

/* The logbook text could not be built: out of memory, or longer than one
 * entry may be (MK_TEXT_MAX). */
static void log_failed(struct mk_error *err, enum mk_rc rc, const char *field)
{
	if (rc == MK_ENOMEM)
		mk_error_set(err, rc, "", "out of memory");
	else
		mk_error_set(err, rc, field, "the text is too long for one logbook entry (%d bytes)",
			     MK_TEXT_MAX);
}

/* --- the clocks ---------------------------------------------------------------- */

void mk_svc_incident_deadlines(struct mk_service *svc, const struct mk_incident *inc,
			       mk_time now, struct mk_deadline ret[MK_CLOCK_COUNT])
{
	struct mk_deadline_facts facts = {
		.detected_at = inc->detected_at,
		.closed_at = inc->closed_at,
		.personal_data = inc->personal_data,
		.ap_notified_at = inc->ap_notified_at,
		.subjects_informed_at = inc->subjects_informed_at,
		.evaluated_at = inc->evaluated_at,
	};
	/* Only an incident with personal data can have a breach (breach set
	 * turns the flag on, and it cannot be turned off while the breach
	 * exists), so the others cost no lookup. A failing lookup leaves the
	 * clocks on the incident's own times: shown, if a little early. */
	struct mk_breach b;
	mk_breach_init(&b);
	if (svc && inc->personal_data && mk_store_breach_get(svc->store, inc->id, &b, NULL) == MK_OK) {
		facts.has_breach = true;
		facts.breach_aware_at = b.aware_at;
		/* Art. 33(1): no notification when the breach is unlikely to
		 * result in a risk; art. 34(1): subjects only at a high risk,
		 * and not when it was decided (with its ground) not to. A
		 * decision to inform them anyway keeps the target running. */
		facts.ap_not_required = b.risk == MK_RISK_GEEN;
		facts.subjects_not_required =
			b.inform == MK_TRI_NO ||
			(b.inform == MK_TRI_UNKNOWN && (b.risk == MK_RISK_GEEN || b.risk == MK_RISK_LAAG));
	}
	mk_breach_release(&b);
	mk_deadlines_compute(&facts, now, ret);
}

/* --- breach set ------------------------------------------------------------------ */

struct breach_set {
	const struct mk_actor *actor;
	mk_time now;
	const struct mk_field_value *fields;
	size_t nfields;
	bool created;
};

static bool field_given(const struct mk_field_value *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].name && strcmp(v[i].name, name) == 0)
			return true;
	return false;
}

static enum mk_rc breach_set_change(struct mk_service *svc, struct mk_incident *inc,
				    int checklist_version, void *ctx, bool *ret_unchanged,
				    struct mk_error *err)
{
	(void)checklist_version;
	(void)ret_unchanged;
	struct breach_set *bs = ctx;
	struct mk_breach b;
	struct note_list notes = {0};
	struct mk_buf log;
	mk_breach_init(&b);
	mk_buf_init(&notes.text, MK_TEXT_MAX);
	mk_buf_init(&log, MK_TEXT_MAX);
	enum mk_rc rc = mk_store_breach_get(svc->store, inc->id, &b, err);
	mk_time old_aware = b.aware_at;
	if (rc == MK_ENOTFOUND) {
		bs->created = true;
		mk_breach_init(&b);
		b.incident_id = inc->id;
		/* Becoming aware of the breach is, unless said otherwise, the
		 * discovery of the incident (AP-MELDING: "kennisname"). */
		b.aware_at = inc->detected_at;
	} else if (rc) {
		goto out;
	}
	if (bs->nfields == 0 && !bs->created) {
		rc = mk_error_set(err, MK_EINVAL, "", "nothing to change: give a field to set");
		goto out;
	}
	for (size_t i = 0; i < bs->nfields; i++) {
		const char *name = bs->fields[i].name ? bs->fields[i].name : "";
		for (size_t j = 0; j < i; j++)
			if (strcmp(bs->fields[j].name, name) == 0) {
				rc = mk_error_set(err, MK_EINVAL, name, "%s is given twice", name);
				goto out;
			}
		if ((rc = apply_record_field(&b, name, bs->fields[i].value, err)))
			goto out;
	}
	if ((rc = mk_breach_check(&b, inc->detected_at, bs->now, err)))
		goto out;
	if (!bs->created && b.aware_at != old_aware) {
		if ((rc = load_notes(svc, b.id, &notes, err)))
			goto out;
		/* The 72 hours of a filed notification were judged against
		 * aware_at; moving it afterwards would rewrite whether it was
		 * late. */
		if (notes.n > 0) {
			rc = mk_error_set(err, MK_ECONFLICT, "aware_at",
					  "aware_at cannot change: the AP was notified already "
					  "(meldnummer '%s')",
					  notes.items[0].reference);
			goto out;
		}
	}
	mk_breach_log_text(&b, bs->created, &log);
	/* Recording a breach says the incident involves personal data: the
	 * flag and the record never disagree (DESIGN.md "Data breach"). */
	if (!inc->personal_data) {
		inc->personal_data = true;
		mk_buf_adds(&log, "\npersonal_data: nee -> ja");
	}
	if ((rc = mk_buf_rc(&log))) {
		log_failed(err, rc, "");
		goto out;
	}
	if ((rc = mk_store_breach_put(svc->store, &b, bs->now, err)) ||
	    (rc = mk_svc_log_append(svc, inc, bs->actor, bs->now, MK_LOG_ACTION, log.data, err)))
		goto out;
out:
	notes_release(&notes);
	mk_buf_release(&log);
	mk_breach_release(&b);
	return rc;
}

enum mk_rc mk_svc_breach_set_at(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
				const char *key, int64_t expected_version,
				const struct mk_field_value *fields, size_t nfields,
				bool *ret_created, struct mk_error *err)
{
	struct breach_set bs = {actor, now, fields, nfields, false};
	enum mk_rc rc =
		mk_svc_change(svc, key, expected_version, now, breach_set_change, &bs, err);
	if (rc == MK_OK && ret_created)
		*ret_created = bs.created;
	return rc;
}

enum mk_rc mk_svc_breach_set(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			     const char *key, const struct mk_field_value *fields, size_t nfields,
			     bool *ret_created, struct mk_error *err)
{
	return mk_svc_breach_set_at(svc, actor, now, key, 0, fields, nfields, ret_created, err);
}

/* --- AP notifications ----------------------------------------------------------- */

struct breach_notify {
	const struct mk_actor *actor;
	mk_time now;
	struct mk_ap_notification *n;
};

static enum mk_rc notify_change(struct mk_service *svc, struct mk_incident *inc,
				int checklist_version, void *ctx, bool *ret_unchanged,
				struct mk_error *err)
{
	(void)checklist_version;
	(void)ret_unchanged;
	struct breach_notify *bn = ctx;
	struct mk_breach b;
	struct note_list notes = {0};
	struct mk_buf log;
	mk_breach_init(&b);
	mk_buf_init(&notes.text, MK_TEXT_MAX);
	mk_buf_init(&log, MK_TEXT_MAX);
	enum mk_rc rc = mk_store_breach_get(svc->store, inc->id, &b, err);
	if (rc == MK_ENOTFOUND) {
		rc = mk_error_set(err, MK_ECONFLICT, "breach",
				  "incident %s has no breach record: record it (breach set) before "
				  "notifying the AP",
				  inc->key);
		goto out;
	}
	if (rc || (rc = load_notes(svc, b.id, &notes, err)))
		goto out;
	bn->n->filed_by = bn->actor->name;
	if (bn->n->filed_at == MK_TIME_UNKNOWN)
		bn->n->filed_at = bn->now;
	if ((rc = mk_ap_notification_check(notes.items, notes.n, bn->n, b.aware_at, bn->now, err)))
		goto out;
	mk_ap_notification_log_text(bn->n, b.aware_at, &log);
	if ((rc = mk_buf_rc(&log))) {
		log_failed(err, rc, "late_reason");
		goto out;
	}
	/* The first notification stops the AP clock (core/deadline.h); the
	 * checklist tasks 3.6b, 5.2 and 6.4c may have set it before. */
	if (inc->ap_notified_at == MK_TIME_UNKNOWN)
		inc->ap_notified_at = bn->n->filed_at;
	if ((rc = mk_svc_log_append(svc, inc, bn->actor, bn->now, MK_LOG_COMMUNICATION, log.data,
				    err)) ||
	    (rc = mk_store_ap_notification_insert(svc->store, b.id, bn->n, inc->log_count, err)))
		goto out;
out:
	notes_release(&notes);
	mk_buf_release(&log);
	mk_breach_release(&b);
	return rc;
}

enum mk_rc mk_svc_breach_notify(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
				const char *key, struct mk_ap_notification *n,
				struct mk_error *err)
{
	struct breach_notify bn = {actor, now, n};
	return mk_svc_change(svc, key, 0, now, notify_change, &bn, err);
}

/* --- informing the data subjects ------------------------------------------------- */

struct breach_inform {
	const struct mk_actor *actor;
	mk_time now;
	const struct mk_field_value *fields;
	size_t nfields;
};

static enum mk_rc inform_change(struct mk_service *svc, struct mk_incident *inc,
				int checklist_version, void *ctx, bool *ret_unchanged,
				struct mk_error *err)
{
	(void)checklist_version;
	(void)ret_unchanged;
	struct breach_inform *bi = ctx;
	struct mk_breach b;
	struct mk_buf log;
	mk_breach_init(&b);
	mk_buf_init(&log, MK_TEXT_MAX);
	enum mk_rc rc = mk_store_breach_get(svc->store, inc->id, &b, err);
	if (rc == MK_ENOTFOUND) {
		rc = mk_error_set(err, MK_ECONFLICT, "breach",
				  "incident %s has no breach record: record it (breach set) first",
				  inc->key);
		goto out;
	}
	if (rc)
		goto out;
	/* Once they are told, they are told: a later "no" would rewrite
	 * history. A decision still without a date can be revised. */
	if (b.inform == MK_TRI_YES && b.informed_at != MK_TIME_UNKNOWN) {
		char t[MK_TIME_TEXT];
		rc = mk_error_set(err, MK_ECONFLICT, "decision",
				  "the data subjects were informed already (%s): the decision "
				  "stands",
				  mk_time_format_local(b.informed_at, t));
		goto out;
	}
	/* A new decision replaces the old one as a whole. */
	b.inform = MK_TRI_UNKNOWN;
	b.inform_exception = b.inform_channel = -1;
	b.informed_at = MK_TIME_UNKNOWN;
	mk_free(b.inform_reason);
	b.inform_reason = NULL;
	if (!field_given(bi->fields, bi->nfields, "decision")) {
		rc = mk_error_set(err, MK_EINVAL, "decision", "decision must be ja or nee");
		goto out;
	}
	if ((rc = apply_fields(&b, inform_names, sizeof(inform_names) / sizeof(inform_names[0]),
			       bi->fields, bi->nfields, apply_inform_field, err)) ||
	    (rc = mk_breach_inform_check(&b, bi->now, err)))
		goto out;
	if (mk_incident_set_text(&b.inform_by, bi->actor->name)) {
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory");
		goto out;
	}
	b.inform_decided_at = bi->now;
	mk_breach_inform_log_text(&b, &log);
	if ((rc = mk_buf_rc(&log))) {
		log_failed(err, rc, "reason");
		goto out;
	}
	if (b.inform == MK_TRI_YES && b.informed_at != MK_TIME_UNKNOWN &&
	    inc->subjects_informed_at == MK_TIME_UNKNOWN)
		inc->subjects_informed_at = b.informed_at;
	if ((rc = mk_store_breach_put(svc->store, &b, bi->now, err)) ||
	    (rc = mk_svc_log_append(svc, inc, bi->actor, bi->now, MK_LOG_DECISION, log.data, err)))
		goto out;
out:
	mk_buf_release(&log);
	mk_breach_release(&b);
	return rc;
}

enum mk_rc mk_svc_breach_inform(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
				const char *key, const struct mk_field_value *fields,
				size_t nfields, struct mk_error *err)
{
	struct breach_inform bi = {actor, now, fields, nfields};
	return mk_svc_change(svc, key, 0, now, inform_change, &bi, err);
}

/* --- closing ------------------------------------------------------------------------ */

struct close_scan {
	int64_t n;
	bool final, withdrawn;
};

static enum mk_rc scan_note(void *ctx, const struct mk_ap_notification *n)
{
	struct close_scan *c = ctx;
	c->n++;
	c->final |= n->kind == MK_AP_DEFINITIEF;
	c->withdrawn |= n->kind == MK_AP_INTREKKING;
	return MK_OK;
}

enum mk_rc mk_svc_breach_close_check(struct mk_service *svc, const struct mk_incident *inc,
				     struct mk_error *err)
{
	struct mk_breach b;
	struct close_scan c = {0};
	mk_breach_init(&b);
	enum mk_rc rc = mk_store_breach_get(svc->store, inc->id, &b, err);
	if (rc == MK_ENOTFOUND) {
		rc = MK_OK; /* no breach recorded: nothing to settle */
	} else if (rc == MK_OK &&
		   (rc = mk_store_ap_notification_list(svc->store, b.id, scan_note, &c, err)) == MK_OK) {
		rc = mk_breach_close_check(&b, c.n, c.final, c.withdrawn, err);
	}
	mk_breach_release(&b);
	return rc;
}

/* --- the personal-data flag ------------------------------------------------------ */

enum mk_rc mk_svc_breach_flag_check(struct mk_service *svc, const struct mk_incident *before,
				    const struct mk_incident *after, struct mk_error *err)
{
	if (!before->personal_data || after->personal_data)
		return MK_OK;
	struct mk_breach b;
	mk_breach_init(&b);
	enum mk_rc rc = mk_store_breach_get(svc->store, before->id, &b, NULL);
	mk_breach_release(&b);
	if (rc == MK_ENOTFOUND)
		return MK_OK;
	if (rc)
		return mk_error_set(err, rc, "personal_data", "cannot read the breach record");
	return mk_error_set(err, MK_ECONFLICT, "personal_data",
			    "personal_data stays ja: incident %s has a breach record, and the "
			    "breach register keeps every breach (AVG art. 33(5))",
			    before->key);
}
