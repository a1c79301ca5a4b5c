/* The form posts of the incident page: /incidenten/{key}/beoordeling,
 * /fase, /taken/{code}, /logboek, /besluiten and /bewerken. Each reads its
 * fields, calls the one service function, and answers 303 back to the
 * page; a refused form shows the page again with the message at the form
 * and the typed values kept. The forms that change the record carry the
 * version they were made from: a stale one is refused (the service
 * compares it under the write lock), with the words "iemand anders heeft
 * dit incident intussen gewijzigd". */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/time.h"
#include "http/router.h"
#include "http/ui-edit-fields.h"
#include "http/ui.h"

static void back(struct mk_http_request *req, struct mk_http_response *resp, const char *anchor)
{
	char location[128];
	snprintf(location, sizeof(location), "/incidenten/%s?opgeslagen=1#%s", req->key, anchor);
	mk_http_redirect(resp, location);
}

static void refused(struct mk_http_request *req, struct mk_http_response *resp,
		    const char *form, enum mk_rc rc, const struct mk_error *err)
{
	struct mk_ui_form_error e = {form, err->field, mk_ui_error_message(mk_ui_lang(req), err)};
	mk_ui_incident_render(req, resp, mk_http_status(rc), &e);
}

static void stale(struct mk_http_request *req, struct mk_http_response *resp, const char *form)
{
	struct mk_ui_form_error e = {form, "version", mk_t(mk_ui_lang(req), MSG_ERR_STALE)};
	mk_ui_incident_render(req, resp, 409, &e);
}

/* The version the form was made from; false (and the answer sent) if it
 * is missing or not a number. */
static bool form_version(struct mk_http_request *req, struct mk_http_response *resp,
			 const char *form, int64_t *ret)
{
	const char *v = mk_http_form(req, "version");
	char *end;
	long long n = v ? strtoll(v, &end, 10) : 0;
	if (!v || !*v || *end || n <= 0) {
		struct mk_error err;
		mk_error_set(&err, MK_EINVAL, "version", "the form has no valid 'version'");
		refused(req, resp, form, MK_EINVAL, &err);
		return false;
	}
	*ret = n;
	return true;
}

/* Runs a change that takes expected_version; a conflict while the stored
 * version moved on is the stale-form case, any other conflict a rule. */
static bool was_stale(struct mk_http_request *req, int64_t version)
{
	struct mk_incident inc;
	mk_incident_init(&inc);
	bool moved = mk_svc_incident_get(req->svc, req->key, &inc, NULL) == MK_OK &&
		     inc.version != version;
	mk_incident_release(&inc);
	return moved;
}

/* --- Beoordeling ------------------------------------------------------------ */

void mk_ui_assess_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char form[] = "beoordeling";
	int64_t version;
	if (!form_version(req, resp, form, &version))
		return;
	struct mk_error err = {0};
	struct mk_incident inc;
	mk_incident_init(&inc);
	struct mk_assessment a;
	memset(&a, 0, sizeof(a));
	char *matrix = NULL;
	enum mk_rc rc = mk_svc_incident_get(req->svc, req->key, &inc, &err);
	if (rc != MK_OK)
		goto out;

	const char *row = mk_http_form(req, "matrix");
	if (row && *row) {
		/* "table<TAB>category<TAB>incident", as the picker writes it. */
		matrix = mk_strdup(row);
		char *cat = matrix ? strchr(matrix, '\t') : NULL;
		char *what = cat ? strchr(cat + 1, '\t') : NULL;
		if (!matrix) {
			rc = mk_error_set(&err, MK_ENOMEM, "", "out of memory");
			goto out;
		}
		if (!what) {
			rc = mk_error_set(&err, MK_EINVAL, "matrix", "'matrix' is not a row of the matrix");
			goto out;
		}
		*cat++ = '\0';
		*what++ = '\0';
		if ((rc = mk_matrix_table_parse(matrix, "matrix", &a.table, &err)))
			goto out;
		a.has_matrix = true;
		a.category = cat;
		a.incident = what;
	}
	const char *people = mk_http_form(req, "people");
	if (people && *people) {
		char *end;
		long long n = strtoll(people, &end, 10);
		if (*end || n < 0 || n > 100000000) {
			rc = mk_error_set(&err, MK_EINVAL, "people",
					  "'people' must be a whole number from 0 to 100000000");
			goto out;
		}
		a.has_people = true;
		a.people = n;
	}
	for (int c = 0; c < MK_CRITERION_COUNT; c++) {
		char name[48];
		snprintf(name, sizeof(name), "impact_%s", mk_criterion_name((enum mk_criterion)c));
		const char *v = mk_http_form(req, name);
		if (!v)
			continue;
		if ((rc = mk_level_parse(v, name, &a.impact[c], &err)))
			goto out;
		/* The mensen radio still shows the old level when only the head
		 * count was changed; an explicit level would win over the count,
		 * so an unchanged one is not sent. */
		if (c == MK_CRITERION_MENSEN && a.has_people && a.impact[c] == inc.impact.level[c])
			continue;
		a.has_impact[c] = true;
	}
	const char *urgency = mk_http_form(req, "urgency");
	if (urgency) {
		if ((rc = mk_level_parse(urgency, "urgency", &a.urgency, &err)))
			goto out;
		a.has_urgency = true;
	}
	const char *event = mk_http_form(req, "event_type");
	if (event && *event) {
		if ((rc = mk_event_type_parse(event, "event_type", &a.event_type, &err)))
			goto out;
		a.has_event_type = true;
	}
	rc = mk_svc_incident_assess(req->svc, &req->actor, req->now, req->key, version, &a, &err);
out:
	mk_free(matrix);
	mk_incident_release(&inc);
	if (rc == MK_OK)
		back(req, resp, form);
	else if (rc == MK_ECONFLICT && was_stale(req, version))
		stale(req, resp, form);
	else
		refused(req, resp, form, rc, &err);
}

/* --- Fase --------------------------------------------------------------------- */

void mk_ui_phase_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char form[] = "fase";
	int64_t version;
	if (!form_version(req, resp, form, &version))
		return;
	struct mk_error err = {0};
	enum mk_phase to;
	const char *phase = mk_http_form(req, "phase");
	const char *reason = mk_http_form(req, "reason");
	enum mk_rc rc = mk_phase_parse(phase ? phase : "", "phase", &to, &err);
	if (rc == MK_OK)
		rc = mk_svc_incident_phase(req->svc, &req->actor, req->now, req->key, version, to,
					   reason && *reason ? reason : NULL, &err);
	if (rc == MK_OK)
		back(req, resp, form);
	else if (rc == MK_ECONFLICT && was_stale(req, version))
		stale(req, resp, form);
	else
		refused(req, resp, form, rc, &err);
}

/* --- Taken -------------------------------------------------------------------- */

void mk_ui_task_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	/* The code comes from the path: only a code of the checklist is used
	 * (it also names the form on the page that comes back). */
	const char *code = req->nseg > 0 ? req->seg[req->nseg - 1] : NULL;
	if (!code || !mk_checklist_find(&req->svc->checklist, code)) {
		mk_ui_error_page(req, resp, 404, "no such task");
		return;
	}
	char form[32];
	snprintf(form, sizeof(form), "taak-%s", code);
	struct mk_error err = {0};
	enum mk_task_state state;
	const char *s = mk_http_form(req, "state");
	const char *note = mk_http_form(req, "note");
	enum mk_rc rc = mk_task_state_parse(s ? s : "", &state, &err);
	if (rc == MK_OK)
		rc = mk_svc_task_set(req->svc, &req->actor, req->now, req->key, code, state,
				     note && *note ? note : NULL, &err);
	if (rc == MK_OK) {
		char anchor[32];
		snprintf(anchor, sizeof(anchor), "taak-%s", code);
		back(req, resp, anchor);
	} else {
		/* The note is the only input of a task form. */
		if (err.field[0] && strcmp(err.field, "note") != 0)
			snprintf(err.field, sizeof(err.field), "note");
		refused(req, resp, form, rc, &err);
	}
}

/* --- Logboek ------------------------------------------------------------------ */

void mk_ui_log_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char form[] = "logboek";
	struct mk_error err = {0};
	enum mk_log_kind kind;
	const char *k = mk_http_form(req, "kind");
	const char *text = mk_http_form(req, "text");
	enum mk_rc rc = mk_log_kind_parse(k ? k : "note", "kind", &kind, &err);
	if (rc == MK_OK)
		rc = mk_svc_log_add(req->svc, &req->actor, req->now, req->key, kind,
				    text ? text : "", &err);
	if (rc == MK_OK)
		back(req, resp, form);
	else
		refused(req, resp, form, rc, &err);
}

/* --- Besluiten ------------------------------------------------------------------ */

static enum mk_rc form_time(struct mk_http_request *req, const char *name, bool required,
			    mk_time *ret, struct mk_error *err)
{
	const char *v = mk_http_form(req, name);
	*ret = MK_TIME_UNKNOWN;
	if (!v || !*v) {
		if (required)
			return mk_error_set(err, MK_EINVAL, name, "'%s' is required", name);
		return MK_OK;
	}
	return mk_time_parse(v, name, ret, err);
}

void mk_ui_decision_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char form[] = "besluiten";
	struct mk_error err = {0};
	struct mk_decision d;
	memset(&d, 0, sizeof(d));
	d.beeldvorming = mk_http_form(req, "beeldvorming");
	d.opties = mk_http_form(req, "opties");
	d.besluit = mk_http_form(req, "besluit");
	d.opdracht_wie = mk_http_form(req, "opdracht_wie");
	d.controle_resultaat = NULL;
	enum mk_rc rc = form_time(req, "opdracht_uiterlijk", true, &d.opdracht_uiterlijk, &err);
	if (rc == MK_OK)
		rc = form_time(req, "controle_op", false, &d.controle_op, &err);
	if (rc == MK_OK)
		rc = mk_svc_decision_add(req->svc, &req->actor, req->now, req->key, &d, &err);
	if (rc == MK_OK)
		back(req, resp, form);
	else
		refused(req, resp, form, rc, &err);
}

/* Browsers send a textarea's line ends as CRLF; text entered elsewhere
 * has LF. Equal but for CRs is unchanged. */
static bool same_ignoring_cr(const char *a, const char *b)
{
	for (;;) {
		while (*a == '\r')
			a++;
		while (*b == '\r')
			b++;
		if (*a != *b)
			return false;
		if (!*a)
			return true;
		a++;
		b++;
	}
}

/* --- Bewerken ------------------------------------------------------------------- */

/* The edit form's fields (ui-edit-fields.c); only those whose text
 * differs from what the form showed are sent. */
void mk_ui_edit_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char form[] = "bewerken";
	int64_t version;
	if (!form_version(req, resp, form, &version))
		return;
	struct mk_error err = {0};
	struct mk_incident inc;
	mk_incident_init(&inc);
	struct mk_buf cur;
	mk_buf_init(&cur, MK_TEXT_MAX + 1);
	struct mk_field_value fields[32];
	size_t n = 0;
	enum mk_rc rc = mk_svc_incident_get(req->svc, req->key, &inc, &err);
	if (rc != MK_OK)
		goto out;
	if (inc.version != version) {
		rc = MK_ECONFLICT;
		goto out;
	}
	for (size_t i = 0; i < mk_ui_edit_nfields && n < sizeof(fields) / sizeof(fields[0]); i++) {
		const struct mk_ui_edit_field *f = &mk_ui_edit_fields[i];
		const char *v = mk_http_form(req, f->name);
		if (!v)
			continue;
		mk_buf_reset(&cur);
		mk_ui_edit_value(&inc, f, &cur);
		if (same_ignoring_cr(cur.data, v))
			continue;
		fields[n++] = (struct mk_field_value){f->name, v};
	}
	/* A parent named here is checked as in the API: one the person may
	 * not see is answered as one that does not exist. */
	if (n && (rc = mk_router_check_parent(req, fields, n, &err)))
		goto out;
	if (n == 0) {
		rc = mk_error_set(&err, MK_EINVAL, "", "nothing was changed");
		goto out;
	}
	rc = mk_svc_incident_edit(req->svc, &req->actor, req->now, req->key, version, fields, n,
				  &err);
out:
	mk_buf_release(&cur);
	mk_incident_release(&inc);
	if (rc == MK_OK)
		back(req, resp, "gegevens");
	else if (rc == MK_ECONFLICT && was_stale(req, version))
		stale(req, resp, form);
	else
		refused(req, resp, form, rc, &err);
}
