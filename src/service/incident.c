/* Registering and editing incidents. */
#include <sodium.h>
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "service/fields.h"
#include "service/internal.h"

/* A random (version 4) UUID in lower case, as RFC 9562 lays it out. */
static void new_uuid(char *buf)
{
	unsigned char b[16];
	randombytes_buf(b, sizeof(b));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(buf, MK_UUID_TEXT,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
		 b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
		 b[15]);
}

/* Sub-incidents (Bijlage 2) hang under a parent that must exist; for an
 * incident that exists itself (self, NULL for a new one), the parent may
 * not be the incident or one of its own sub-incidents, or the tree would
 * become a loop. */
#define PARENT_DEPTH_MAX 64

static enum mk_rc check_parent(struct mk_service *svc, const char *key, const char *self,
			       struct mk_error *err)
{
	struct mk_incident cur;
	char at[MK_KEY_TEXT];
	enum mk_rc rc = MK_OK;
	if (self && strcmp(key, self) == 0)
		return mk_error_set(err, MK_EINVAL, "parent", "an incident cannot be its own parent");
	mk_incident_init(&cur);
	snprintf(at, sizeof(at), "%s", key);
	for (int depth = 0; depth < PARENT_DEPTH_MAX; depth++) {
		if (self && strcmp(at, self) == 0) {
			rc = mk_error_set(err, MK_EINVAL, "parent",
					  "parent '%s' would make a loop: it is one of the sub-incidents "
					  "of %s",
					  key, self);
			goto out;
		}
		rc = mk_store_incident_get(svc->store, at, &cur, NULL, err);
		if (rc == MK_ENOTFOUND && depth == 0)
			mk_error_set(err, MK_ENOTFOUND, "parent", "parent incident '%s' does not exist", key);
		if (rc || !cur.parent_key)
			goto out;
		snprintf(at, sizeof(at), "%s", cur.parent_key);
	}
	rc = mk_error_set(err, MK_EINVAL, "parent", "sub-incidents nest deeper than %d levels",
			  PARENT_DEPTH_MAX);
out:
	mk_incident_release(&cur);
	return rc;
}

void mk_registration_init(struct mk_registration *reg)
{
	memset(reg, 0, sizeof(*reg));
	mk_incident_init(&reg->inc);
	mk_buf_init(&reg->log_text, MK_TEXT_MAX);
}

void mk_registration_release(struct mk_registration *reg)
{
	if (!reg)
		return;
	mk_incident_release(&reg->inc);
	mk_buf_release(&reg->log_text);
	memset(&reg->first, 0, sizeof(reg->first));
}

enum mk_rc mk_svc_prepare_record(const struct mk_service *svc, const struct mk_actor *actor,
				 mk_time now, struct mk_registration *reg, struct mk_error *err)
{
	struct mk_incident *inc = &reg->inc;
	enum mk_rc rc;
	if (inc->reported_at == MK_TIME_UNKNOWN)
		inc->reported_at = now;
	/* A known head count is an assessment of the mensen criterion
	 * (Tabel 1), whoever supplied it. */
	if (inc->people_affected >= 0 && inc->impact.level[MK_CRITERION_MENSEN] == MK_LEVEL_NONE)
		inc->impact.level[MK_CRITERION_MENSEN] = mk_impact_level_for_people(inc->people_affected);
	if ((rc = mk_incident_check(inc, now, err)))
		return rc;
	if (inc->classified) {
		const struct mk_matrix_row *row;
		if ((rc = mk_matrix_lookup(&svc->matrix, inc->matrix_table, inc->matrix_category,
					   inc->matrix_incident, &row, err)))
			return rc;
	}
	struct mk_buf *text = &reg->log_text;
	mk_buf_reset(text);
	mk_buf_adds(text, "Incident geregistreerd");
	if (actor->via)
		mk_buf_addf(text, " via %s", actor->via);
	mk_buf_addf(text, " door ");
	mk_svc_actor_text(actor, text);
	mk_buf_addf(text, ": %s", inc->title);
	if (inc->source_ref)
		mk_buf_addf(text, "\nBron: %s", inc->source_ref);
	if ((rc = mk_buf_rc(text)))
		return mk_error_set(err, rc, "title", "log text too long");

	/* The first logbook entry is sealed before the row exists (it does
	 * not depend on the key), so the row is written once, already
	 * carrying its chain head. */
	new_uuid(inc->uuid);
	reg->first = (struct mk_log_entry){
		.seq = 1, .at = now, .author = actor->name, .role = actor->role,
		.kind = MK_LOG_SYSTEM, .text = text->data,
	};
	char genesis[MK_HASH_HEX];
	mk_logbook_genesis(inc->uuid, genesis);
	if ((rc = mk_logbook_seal(inc->uuid, genesis, &reg->first, err)))
		return rc;
	inc->log_count = 1;
	memcpy(inc->log_head, reg->first.hash, sizeof(inc->log_head));
	inc->created_at = inc->updated_at = now;
	inc->version = 1;
	/* Only a melder's own report is theirs to follow: staff registering
	 * a report on someone's behalf record the reporter by name instead
	 * (core/access.c). */
	reg->reporter_account = actor->role == MK_ROLE_MELDER ? actor->account : NULL;
	return MK_OK;
}

/* Writes a prepared registration inside an open transaction. The checks
 * that need the database come before the first write, so that a refused
 * record writes nothing; *ret_wrote tells the caller whether a failure
 * came after writing began (then only a rollback restores the database). */
static enum mk_rc write_in_tx(struct mk_service *svc, mk_time now, struct mk_registration *reg,
			      bool *ret_duplicate, char *ret_key, bool *ret_wrote,
			      struct mk_error *err)
{
	struct mk_incident *inc = &reg->inc;
	enum mk_rc rc;
	*ret_duplicate = false;
	*ret_wrote = false;
	if (inc->source_ref) {
		bool found;
		if ((rc = mk_store_incident_find_ref(svc->store, inc->source_ref, ret_key, &found, err)))
			return rc;
		if (found) {
			*ret_duplicate = true;
			return MK_OK;
		}
	}
	if (inc->parent_key && (rc = check_parent(svc, inc->parent_key, NULL, err)))
		return rc;
	/* Keys count per registration year in Amsterdam. */
	struct mk_civil local;
	mk_time_to_local(now, &local);
	int64_t number;
	*ret_wrote = true;
	if ((rc = mk_store_next_key_number(svc->store, local.year, &number, err)))
		return rc;
	mk_incident_key_format(local.year, number, inc->key);
	if ((rc = mk_store_incident_insert(svc->store, inc, svc->checklist_version, err)) ||
	    (rc = mk_store_log_append(svc->store, inc->id, &reg->first, err)))
		return rc;
	if (reg->reporter_account &&
	    (rc = mk_store_incident_set_reporter_account(svc->store, inc->id, reg->reporter_account,
							 err)))
		return rc;
	snprintf(ret_key, MK_KEY_TEXT, "%s", inc->key);
	return MK_OK;
}

enum mk_rc mk_svc_register_prepared(struct mk_service *svc, mk_time now,
				    struct mk_registration *reg, bool *ret_duplicate,
				    char *ret_key, struct mk_error *err)
{
	bool wrote = false;
	if (svc->batch) {
		/* No savepoint per record: every refusal comes before the first
		 * write, and a failure after it fails the batch, which then
		 * rolls back whole instead of committing half a record. (A
		 * savepoint per record makes FTS5 and the statement journal do
		 * work for every record, halving import speed.) */
		if (svc->batch_failed)
			return mk_error_set(err, MK_ESTORE, "", "an earlier failure ended this import batch");
		enum mk_rc rc = write_in_tx(svc, now, reg, ret_duplicate, ret_key, &wrote, err);
		if (rc && wrote)
			svc->batch_failed = true;
		return rc;
	}
	enum mk_rc rc = mk_store_begin(svc->store, true, err);
	if (rc)
		return rc;
	rc = write_in_tx(svc, now, reg, ret_duplicate, ret_key, &wrote, err);
	if (rc == MK_OK)
		rc = mk_store_commit(svc->store, err);
	if (rc)
		mk_store_rollback(svc->store);
	return rc;
}

/* What an employee reporting something says: what, when, where to reach
 * them, whether personal data is involved. Who reported it is their own
 * name and the source is a staff report; confidentiality, TLP, a parent,
 * an exercise flag and the rest are the service desk's to judge (and a
 * melder setting confidential would hide the report from the queue). */
static enum mk_rc melder_fields(const struct mk_field_value *fields, size_t nfields,
				struct mk_error *err)
{
	static const char *const allowed[] = {"title", "description", "occurred_at", "detected_at",
					      "reporter_department", "reporter_phone",
					      "reporter_email", "personal_data"};
	for (size_t i = 0; i < nfields; i++) {
		bool ok = false;
		for (size_t j = 0; j < sizeof(allowed) / sizeof(allowed[0]); j++)
			ok |= strcmp(fields[i].name, allowed[j]) == 0;
		if (!ok)
			return mk_error_set(err, MK_EPERM, fields[i].name,
					    "a melder reports what happened; '%s' is set by the "
					    "service desk",
					    fields[i].name);
	}
	return MK_OK;
}

enum mk_rc mk_svc_incident_register(struct mk_service *svc, const struct mk_actor *actor,
				    mk_time now, const struct mk_field_value *fields,
				    size_t nfields, char *ret_key, struct mk_error *err)
{
	struct mk_registration reg;
	mk_registration_init(&reg);
	bool duplicate;
	bool melder = actor->role == MK_ROLE_MELDER;
	enum mk_rc rc = melder ? melder_fields(fields, nfields, err) : MK_OK;
	if (rc == MK_OK)
		rc = mk_incident_apply_fields(&reg.inc, fields, nfields, err);
	if (rc == MK_OK && melder) {
		static const struct mk_field_value own[] = {{"source", "gebruiker-partner"}};
		rc = mk_incident_apply_fields(&reg.inc, own, 1, err);
		if (rc == MK_OK) {
			struct mk_field_value name = {"reporter_name", actor->name};
			rc = mk_incident_apply_fields(&reg.inc, &name, 1, err);
		}
	}
	/* Someone registering it now knows of it now: the golden hour starts
	 * unless the report says when it was discovered (or clears it). */
	bool has_detected = false;
	for (size_t i = 0; i < nfields; i++)
		has_detected |= strcmp(fields[i].name, "detected_at") == 0;
	if (rc == MK_OK && !has_detected)
		reg.inc.detected_at = now;
	if (rc == MK_OK && !reg.inc.title)
		rc = mk_error_set(err, MK_EINVAL, "title", "title is empty");
	if (rc == MK_OK)
		rc = mk_svc_prepare_record(svc, actor, now, &reg, err);
	if (rc == MK_OK)
		rc = mk_svc_register_prepared(svc, now, &reg, &duplicate, ret_key, err);
	mk_registration_release(&reg);
	return rc;
}

enum mk_rc mk_svc_batch_begin(struct mk_service *svc, struct mk_error *err)
{
	enum mk_rc rc = mk_store_begin(svc->store, true, err);
	if (rc == MK_OK) {
		svc->batch = true;
		svc->batch_failed = false;
	}
	return rc;
}

enum mk_rc mk_svc_batch_commit(struct mk_service *svc, struct mk_error *err)
{
	enum mk_rc rc = svc->batch_failed
				? mk_error_set(err, MK_ESTORE, "",
					       "a record failed halfway: the whole batch is rolled back")
				: mk_store_commit(svc->store, err);
	if (rc)
		mk_store_rollback(svc->store);
	svc->batch = svc->batch_failed = false;
	return rc;
}

void mk_svc_batch_abort(struct mk_service *svc)
{
	mk_store_rollback(svc->store);
	svc->batch = svc->batch_failed = false;
}

bool mk_svc_in_batch(const struct mk_service *svc)
{
	return svc->batch;
}

struct edit {
	const struct mk_actor *actor;
	mk_time now;
	const struct mk_field_value *fields;
	size_t nfields;
};

static enum mk_rc edit_change(struct mk_service *svc, struct mk_incident *inc, int checklist_version,
			      void *ctx, bool *ret_unchanged, struct mk_error *err)
{
	(void)checklist_version;
	(void)ret_unchanged; /* asking to set what is already so is refused, below */
	const struct edit *e = ctx;
	struct mk_incident before;
	struct mk_buf text;
	size_t changed = 0;
	mk_incident_init(&before);
	mk_buf_init(&text, MK_TEXT_MAX);
	enum mk_rc rc = mk_incident_copy(&before, inc);
	if (rc) {
		mk_error_set(err, rc, "", "out of memory");
		goto out;
	}
	if ((rc = mk_incident_apply_fields(inc, e->fields, e->nfields, err)) ||
	    (rc = mk_phase_still_holds(inc->phase, inc->contained_at != MK_TIME_UNKNOWN, err)) ||
	    (rc = mk_svc_breach_flag_check(svc, &before, inc, err)))
		goto out;
	if (inc->parent_key && (!before.parent_key || strcmp(before.parent_key, inc->parent_key)) &&
	    (rc = check_parent(svc, inc->parent_key, inc->key, err)))
		goto out;
	mk_buf_adds(&text, "Gewijzigd:\n");
	mk_fields_describe_changes(&before, inc, e->fields, e->nfields, &text, &changed);
	if (changed == 0) {
		rc = mk_error_set(err, MK_EINVAL, "", "nothing to change: every value is already so");
		goto out;
	}
	if ((rc = mk_buf_rc(&text))) {
		mk_error_set(err, rc, "", "change description too long");
		goto out;
	}
	rc = mk_svc_log_append(svc, inc, e->actor, e->now, MK_LOG_STATUS, text.data, err);
out:
	mk_incident_release(&before);
	mk_buf_release(&text);
	return rc;
}

enum mk_rc mk_svc_incident_edit(struct mk_service *svc, const struct mk_actor *actor,
				mk_time now, const char *key, int64_t expected_version,
				const struct mk_field_value *fields, size_t nfields,
				struct mk_error *err)
{
	if (nfields == 0)
		return mk_error_set(err, MK_EINVAL, "", "nothing to change: give at least one field");
	struct edit e = {actor, now, fields, nfields};
	return mk_svc_change(svc, key, expected_version, now, edit_change, &e, err);
}
