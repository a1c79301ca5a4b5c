/* The form posts of the "Datalek" section (ui-breach.c): each reads its
 * fields, calls the one service function and answers 303 back to the
 * section; a refused form shows the incident page again with the message
 * at the field. */
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "http/ui.h"

#define MAX_FIELDS 32

static void back(struct mk_http_request *req, struct mk_http_response *resp)
{
	char location[128];
	snprintf(location, sizeof(location), "/incidenten/%s?opgeslagen=1#datalek", req->key);
	mk_http_redirect(resp, location);
}

static void refused(struct mk_http_request *req, struct mk_http_response *resp,
		    const char *form, enum mk_rc rc, const struct mk_error *err)
{
	struct mk_ui_form_error e = {form, err->field, mk_ui_error_message(mk_ui_lang(req), err)};
	/* The 72-hour refusal in the reader's words: "is empty" alone would
	 * not say why a reason is needed now. */
	if (rc == MK_ECONFLICT && strcmp(err->field, "late_reason") == 0)
		e.message = mk_t(mk_ui_lang(req), MSG_BR_ERR_LATE);
	mk_ui_incident_render(req, resp, mk_http_status(rc), &e);
}

/* Form values as field pairs; their text lives in texts (NUL-separated),
 * pointers fixed once it stops growing. */
struct pairs {
	struct mk_field_value v[MAX_FIELDS];
	size_t at[MAX_FIELDS];
	size_t n;
	struct mk_buf texts;
};

static void add(struct pairs *p, const char *name, const char *value)
{
	if (p->n == MAX_FIELDS)
		return;
	p->v[p->n].name = name;
	p->at[p->n++] = p->texts.len;
	/* Browsers send a textarea's line ends as CRLF; the register keeps LF. */
	for (const char *s = value; *s; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			mk_buf_addc(&p->texts, *s);
	mk_buf_addc(&p->texts, '\0');
}

static enum mk_rc finish(struct pairs *p, struct mk_error *err)
{
	if (mk_buf_rc(&p->texts))
		return mk_error_set(err, MK_ETOOBIG, "", "the form is too large");
	for (size_t i = 0; i < p->n; i++)
		p->v[i].value = p->texts.data + p->at[i];
	return MK_OK;
}

static bool is_set_field(const char *name)
{
	return strcmp(name, "nature") == 0 || strcmp(name, "categories") == 0 ||
	       strcmp(name, "special_categories") == 0 || strcmp(name, "groups") == 0;
}

/* The stored value of a time field; false for the other fields. */
static bool stored_time(const struct mk_breach *b, const char *name, mk_time *ret)
{
	if (strcmp(name, "aware_at") == 0)
		*ret = b->aware_at;
	else if (strcmp(name, "ended_at") == 0)
		*ret = b->ended_at;
	else if (strcmp(name, "fg_consulted_at") == 0)
		*ret = b->fg_consulted_at;
	else
		return false;
	return true;
}

void mk_ui_breach_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char form[] = "datalek";
	struct pairs p = {.n = 0};
	struct mk_breach b;
	struct mk_error err = {0};
	mk_breach_init(&b);
	mk_buf_init(&p.texts, MK_HTTP_BODY_MAX);
	struct mk_buf joined, shown;
	mk_buf_init(&joined, MK_HTTP_BODY_MAX);
	mk_buf_init(&shown, 64);
	enum mk_rc rc = mk_svc_breach_get(req->svc, req->key, &b, &err);
	bool exists = rc == MK_OK;
	if (rc && rc != MK_ENOTFOUND)
		goto out;
	rc = MK_OK;
	for (size_t i = 0; mk_breach_field_name(i); i++) {
		const char *name = mk_breach_field_name(i);
		if (is_set_field(name)) {
			/* Unticked boxes are not sent: the set is what is ticked. */
			mk_buf_reset(&joined);
			for (size_t k = 0;; k++) {
				const char *v = mk_http_form_nth(req, name, k);
				if (!v)
					break;
				mk_buf_addf(&joined, "%s%s", k ? "," : "", v);
			}
			add(&p, name, joined.data ? joined.data : "");
			continue;
		}
		const char *v = mk_http_form(req, name);
		if (!v)
			continue;
		mk_time t;
		if (stored_time(&b, name, &t)) {
			/* The form shows times to the minute: a time sent back as
			 * it was shown is the stored one, seconds and all. An
			 * empty aware_at on a new breach takes the default. */
			mk_buf_reset(&shown);
			if (t != MK_TIME_UNKNOWN)
				mk_html_time_input(&shown, t);
			if (strcmp(v, shown.data ? shown.data : "") == 0)
				continue;
			if (!exists && strcmp(name, "aware_at") == 0 && !*v)
				continue;
		}
		add(&p, name, v);
	}
	if ((rc = finish(&p, &err)) ||
	    (rc = mk_svc_breach_set(req->svc, &req->actor, req->now, req->key, p.v, p.n, NULL, &err)))
		goto out;
out:
	if (rc == MK_OK)
		back(req, resp);
	else
		refused(req, resp, form, rc, &err);
	mk_buf_release(&shown);
	mk_buf_release(&joined);
	mk_buf_release(&p.texts);
	mk_breach_release(&b);
}

void mk_ui_breach_notify_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char form[] = "ap-melding";
	struct mk_error err = {0};
	struct mk_ap_notification n = {.filed_at = MK_TIME_UNKNOWN};
	enum mk_rc rc = mk_ap_kind_parse(mk_http_form(req, "kind"), "kind", &n.kind, &err);
	const char *filed = mk_http_form(req, "filed_at");
	char *late = NULL;
	const char *reason = mk_http_form(req, "late_reason");
	if (rc == MK_OK && filed && *filed)
		rc = mk_time_parse(filed, "filed_at", &n.filed_at, &err);
	if (rc == MK_OK && reason && *reason) {
		/* CRLF from the textarea, as LF. */
		late = mk_malloc(strlen(reason) + 1);
		if (!late) {
			rc = mk_error_set(&err, MK_ENOMEM, "", "out of memory");
		} else {
			size_t k = 0;
			for (const char *s = reason; *s; s++)
				if (!(s[0] == '\r' && s[1] == '\n'))
					late[k++] = *s;
			late[k] = '\0';
			n.late_reason = late;
		}
	}
	n.reference = mk_http_form(req, "reference");
	if (rc == MK_OK)
		rc = mk_svc_breach_notify(req->svc, &req->actor, req->now, req->key, &n, &err);
	if (rc == MK_OK)
		back(req, resp);
	else
		refused(req, resp, form, rc, &err);
	mk_free(late);
}

void mk_ui_breach_inform_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	static const char form[] = "betrokkenen";
	static const char *const names[] = {"decision", "exception", "reason", "channel",
					    "informed_at"};
	struct pairs p = {.n = 0};
	struct mk_error err = {0};
	mk_buf_init(&p.texts, MK_HTTP_BODY_MAX);
	/* The form holds the fields of both answers; only those filled in
	 * belong to the one chosen. */
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *v = mk_http_form(req, names[i]);
		if (v && *v)
			add(&p, names[i], v);
	}
	enum mk_rc rc = finish(&p, &err);
	if (rc == MK_OK)
		rc = mk_svc_breach_inform(req->svc, &req->actor, req->now, req->key, p.v, p.n, &err);
	if (rc == MK_OK)
		back(req, resp);
	else
		refused(req, resp, form, rc, &err);
	mk_buf_release(&p.texts);
}
