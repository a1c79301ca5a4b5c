/* The "Datalek" section of the incident page and its three form posts:
 * the breach record (/incidenten/{key}/datalek), the next notification to
 * the AP (/datalek/melding) and the decision to inform the data subjects
 * (/datalek/betrokkenen). Plain HTML forms that work without JavaScript;
 * every value goes through mk_html_escape or mk_html_attr; a refused form
 * comes back with its message at the field and the typed values kept. */
#include <string.h>

#include "base/limits.h"
#include "core/deadline.h"
#include "http/ui.h"

struct bpage {
	struct mk_http_request *req;
	const char *lang;
	struct mk_buf *b;
	const struct mk_incident *inc;
	const struct mk_ui_form_error *e;
};

static bool refused_here(const struct bpage *p, const char *form)
{
	return p->e && p->e->form && strcmp(p->e->form, form) == 0;
}

/* What a field shows: the posted value when its form was refused. */
static const char *shown(const struct bpage *p, const char *form, const char *field,
			 const char *stored)
{
	if (refused_here(p, form)) {
		const char *posted = mk_http_form(p->req, field);
		return posted ? posted : "";
	}
	return stored ? stored : "";
}

static void form_open(const struct bpage *p, const char *form, const char *action)
{
	struct mk_buf *b = p->b;
	mk_buf_addf(b, "<form method=\"post\" id=\"form-%s\" class=\"stack\" action=\"/incidenten/", form);
	mk_html_escape(b, p->inc->key);
	mk_buf_addf(b, "/%s\"", action);
	if (refused_here(p, form))
		mk_buf_addf(b, " aria-describedby=\"err-%s\"", form);
	mk_buf_adds(b, ">\n");
	mk_html_csrf(b, p->req);
	if (refused_here(p, form)) {
		mk_buf_addf(b, "<p class=\"alert error\" id=\"err-%s\">", form);
		mk_html_escape(b, p->e->message);
		mk_buf_adds(b, "</p>\n");
	}
}

static void label(const struct bpage *p, const char *form, const char *name, enum mk_msg text,
		  const char *hint_or_null)
{
	mk_buf_addf(p->b, "<div class=\"field\"><label for=\"b-%s-%s\">%s</label>", form, name,
		    mk_t(p->lang, text));
	if (hint_or_null)
		mk_buf_addf(p->b, "<p class=\"hint\" id=\"hint-%s-%s\">%s</p>", form, name, hint_or_null);
	mk_ui_field_message(p->b, p->e, form, name);
}

static void input(const struct bpage *p, const char *form, const char *name, enum mk_msg text,
		  const char *type, const char *stored, const char *hint)
{
	struct mk_buf *b = p->b;
	label(p, form, name, text, hint);
	mk_buf_addf(b, "<input id=\"b-%s-%s\" name=\"%s\" type=\"%s\"", form, name, name, type);
	if (strcmp(type, "number") == 0)
		mk_buf_adds(b, " min=\"0\" step=\"1\"");
	if (hint)
		mk_buf_addf(b, " aria-describedby=\"hint-%s-%s\"", form, name);
	mk_ui_field_attrs(b, p->e, form, name);
	mk_html_attr(b, "value", shown(p, form, name, stored));
	mk_buf_adds(b, "></div>\n");
}

static void textarea(const struct bpage *p, const char *form, const char *name, enum mk_msg text,
		     const char *stored)
{
	struct mk_buf *b = p->b;
	label(p, form, name, text, NULL);
	mk_buf_addf(b, "<textarea id=\"b-%s-%s\" name=\"%s\" rows=\"3\" maxlength=\"%d\"", form, name,
		    name, MK_TEXT_MAX);
	mk_ui_field_attrs(b, p->e, form, name);
	mk_buf_adds(b, ">");
	mk_html_escape(b, shown(p, form, name, stored));
	mk_buf_adds(b, "</textarea></div>\n");
}

static void time_input(const struct bpage *p, const char *form, const char *name,
		       enum mk_msg text, mk_time t, const char *hint)
{
	struct mk_buf v;
	mk_buf_init(&v, 64);
	if (t != MK_TIME_UNKNOWN)
		mk_html_time_input(&v, t);
	input(p, form, name, text, "datetime-local", v.data ? v.data : "", hint);
	mk_buf_release(&v);
}

/* A select over a vocabulary (core/breach.h) with "(choose)" first. */
static void vocab_select(const struct bpage *p, const char *form, const char *name,
			 enum mk_msg text, enum mk_breach_vocab v, int stored)
{
	struct mk_buf *b = p->b;
	const char *cur = shown(p, form, name, stored >= 0 ? mk_breach_vocab_name(v, (unsigned)stored) : "");
	label(p, form, name, text, NULL);
	mk_buf_addf(b, "<select id=\"b-%s-%s\" name=\"%s\"", form, name, name);
	mk_ui_field_attrs(b, p->e, form, name);
	mk_buf_addf(b, ">\n<option value=\"\">%s</option>\n", mk_t(p->lang, MSG_BR_CHOOSE));
	for (unsigned i = 0; i < mk_breach_vocab_count(v); i++) {
		const char *code = mk_breach_vocab_name(v, i);
		mk_buf_adds(b, "<option");
		mk_html_attr(b, "value", code);
		if (strcmp(cur, code) == 0)
			mk_buf_adds(b, " selected");
		mk_buf_adds(b, ">");
		mk_html_escape(b, mk_breach_vocab_label(v, i));
		mk_buf_adds(b, "</option>\n");
	}
	mk_buf_adds(b, "</select></div>\n");
}

/* Whether code was posted among the checked boxes of name. */
static bool posted_box(const struct bpage *p, const char *name, const char *code)
{
	for (size_t i = 0;; i++) {
		const char *v = mk_http_form_nth(p->req, name, i);
		if (!v)
			return false;
		if (strcmp(v, code) == 0)
			return true;
	}
}

static void vocab_boxes(const struct bpage *p, const char *form, const char *name,
			enum mk_msg text, enum mk_breach_vocab v, uint32_t stored)
{
	struct mk_buf *b = p->b;
	mk_buf_addf(b, "<fieldset class=\"boxes\" id=\"fs-%s-%s\"", form, name);
	mk_ui_field_attrs(b, p->e, form, name);
	mk_buf_addf(b, "><legend>%s</legend>\n", mk_t(p->lang, text));
	mk_ui_field_message(b, p->e, form, name);
	for (unsigned i = 0; i < mk_breach_vocab_count(v); i++) {
		const char *code = mk_breach_vocab_name(v, i);
		bool on = refused_here(p, form) ? posted_box(p, name, code)
						: (stored & ((uint32_t)1 << i)) != 0;
		mk_buf_addf(b, "<div class=\"check\"><input type=\"checkbox\" id=\"b-%s-%s-%s\" name=\"%s\"",
			    form, name, code, name);
		mk_html_attr(b, "value", code);
		if (on)
			mk_buf_adds(b, " checked");
		mk_buf_addf(b, "><label for=\"b-%s-%s-%s\">", form, name, code);
		mk_html_escape(b, mk_breach_vocab_label(v, i));
		mk_buf_adds(b, "</label></div>\n");
	}
	mk_buf_adds(b, "</fieldset>\n");
}

static void count_text(char buf[32], int64_t n)
{
	if (n < 0)
		buf[0] = '\0';
	else
		snprintf(buf, 32, "%lld", (long long)n);
}

/* --- showing the record ------------------------------------------------------ */

static void dd_text(const struct bpage *p, enum mk_msg term, const char *text)
{
	mk_buf_addf(p->b, "<dt>%s</dt><dd>", mk_t(p->lang, term));
	if (text && *text)
		mk_html_escape(p->b, text);
	else
		mk_buf_addf(p->b, "<span class=\"unknown\">%s</span>", mk_t(p->lang, MSG_UNKNOWN));
	mk_buf_adds(p->b, "</dd>\n");
}

static void dd_set(const struct bpage *p, enum mk_msg term, enum mk_breach_vocab v, uint32_t set)
{
	struct mk_buf t;
	mk_buf_init(&t, 4000);
	mk_breach_set_labels(v, set, &t);
	dd_text(p, term, t.data);
	mk_buf_release(&t);
}

static void show_record(const struct bpage *p, const struct mk_breach *br)
{
	struct mk_buf *b = p->b;
	char n1[32], n2[32];
	mk_buf_adds(b, "<dl class=\"record\">\n");
	mk_buf_addf(b, "<dt>%s</dt><dd>", mk_t(p->lang, MSG_BR_AWARE));
	mk_html_time(b, p->req, br->aware_at);
	mk_buf_adds(b, "</dd>\n");
	dd_text(p, MSG_BR_SUMMARY, br->summary);
	dd_set(p, MSG_BR_NATURE, MK_BV_NATURE, br->nature);
	dd_text(p, MSG_BR_CAUSE, br->cause >= 0 ? mk_breach_vocab_label(MK_BV_CAUSE, (unsigned)br->cause) : NULL);
	dd_set(p, MSG_BR_CATEGORIES, MK_BV_CATEGORY, br->categories);
	dd_text(p, MSG_BR_BSN, mk_t(p->lang, br->categories & mk_breach_bsn_bit() ? MSG_YES : MSG_NO));
	dd_set(p, MSG_BR_SPECIAL, MK_BV_SPECIAL, br->special);
	dd_set(p, MSG_BR_GROUPS, MK_BV_GROUP, br->groups);
	count_text(n1, br->subjects_min);
	count_text(n2, br->subjects_max);
	struct mk_buf t;
	mk_buf_init(&t, 200);
	if (n1[0] || n2[0])
		mk_buf_addf(&t, "%s – %s", n1[0] ? n1 : "?", n2[0] ? n2 : "?");
	dd_text(p, MSG_BR_SUBJECTS, t.data);
	mk_buf_release(&t);
	dd_text(p, MSG_BR_ENCRYPTED, br->encrypted == MK_TRI_UNKNOWN ? NULL
				      : mk_t(p->lang, br->encrypted == MK_TRI_YES ? MSG_YES : MSG_NO));
	dd_text(p, MSG_BR_RISK, br->risk ? mk_breach_vocab_label(MK_BV_RISK, (unsigned)br->risk - 1) : NULL);
	dd_text(p, MSG_BR_RISK_REASONING, br->risk_reasoning);
	mk_buf_addf(b, "<dt>%s</dt><dd>", mk_t(p->lang, MSG_BR_FG));
	if (br->fg_name && *br->fg_name) {
		mk_html_escape(b, br->fg_name);
		mk_buf_adds(b, ", ");
		mk_html_time(b, p->req, br->fg_consulted_at);
	} else {
		mk_buf_addf(b, "<span class=\"unknown\">%s</span>", mk_t(p->lang, MSG_UNKNOWN));
	}
	mk_buf_adds(b, "</dd>\n</dl>\n");
}

static void record_form(const struct bpage *p, const struct mk_breach *br, bool exists)
{
	static const char f[] = "datalek";
	struct mk_buf *b = p->b;
	char n[32];
	mk_buf_addf(b, "<details%s><summary>%s</summary>\n", refused_here(p, f) || !exists ? " open" : "",
		    mk_t(p->lang, exists ? MSG_BR_CHANGE : MSG_BR_RECORD));
	form_open(p, f, "datalek");
	time_input(p, f, "aware_at", MSG_BR_AWARE, exists ? br->aware_at : MK_TIME_UNKNOWN,
		   exists ? NULL : mk_t(p->lang, MSG_BR_AWARE_HINT));
	time_input(p, f, "ended_at", MSG_BR_ENDED, br->ended_at, NULL);
	textarea(p, f, "summary", MSG_BR_SUMMARY, br->summary);
	vocab_boxes(p, f, "nature", MSG_BR_NATURE, MK_BV_NATURE, br->nature);
	vocab_select(p, f, "cause", MSG_BR_CAUSE, MK_BV_CAUSE, br->cause);
	vocab_boxes(p, f, "categories", MSG_BR_CATEGORIES, MK_BV_CATEGORY, br->categories);
	vocab_boxes(p, f, "special_categories", MSG_BR_SPECIAL, MK_BV_SPECIAL, br->special);
	count_text(n, br->records);
	input(p, f, "records", MSG_BR_RECORDS, "number", n, NULL);
	vocab_boxes(p, f, "groups", MSG_BR_GROUPS, MK_BV_GROUP, br->groups);
	count_text(n, br->subjects_min);
	input(p, f, "subjects_min", MSG_BR_SUBJECTS_MIN, "number", n, NULL);
	count_text(n, br->subjects_max);
	input(p, f, "subjects_max", MSG_BR_SUBJECTS_MAX, "number", n, NULL);
	/* Unknown, yes or no: a select, since a checkbox cannot say
	 * "not known yet". */
	const char *enc = shown(p, f, "encrypted", br->encrypted == MK_TRI_UNKNOWN ? ""
						   : br->encrypted == MK_TRI_YES ? "ja" : "nee");
	label(p, f, "encrypted", MSG_BR_ENCRYPTED, NULL);
	mk_buf_addf(b, "<select id=\"b-%s-encrypted\" name=\"encrypted\"", f);
	mk_ui_field_attrs(b, p->e, f, "encrypted");
	mk_buf_addf(b, "><option value=\"\">%s</option><option value=\"ja\"%s>%s</option>"
		       "<option value=\"nee\"%s>%s</option></select></div>\n",
		    mk_t(p->lang, MSG_UNKNOWN), strcmp(enc, "ja") == 0 ? " selected" : "",
		    mk_t(p->lang, MSG_YES), strcmp(enc, "nee") == 0 ? " selected" : "",
		    mk_t(p->lang, MSG_NO));
	input(p, f, "encryption", MSG_BR_ENCRYPTION, "text", br->encryption, NULL);
	vocab_select(p, f, "risk", MSG_BR_RISK, MK_BV_RISK, (int)br->risk - 1);
	textarea(p, f, "risk_reasoning", MSG_BR_RISK_REASONING, br->risk_reasoning);
	textarea(p, f, "consequences", MSG_BR_CONSEQUENCES, br->consequences);
	textarea(p, f, "measures", MSG_BR_MEASURES, br->measures);
	input(p, f, "fg_name", MSG_BR_FG, "text", br->fg_name, NULL);
	time_input(p, f, "fg_consulted_at", MSG_BR_FG_AT, br->fg_consulted_at, NULL);
	mk_buf_addf(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div>\n"
		       "</form>\n</details>\n",
		    mk_t(p->lang, MSG_SAVE));
}

/* --- the AP notifications ------------------------------------------------------- */

struct note_rows {
	const struct bpage *p;
	mk_time aware_at;
	size_t n;
	bool final, withdrawn;
};

static enum mk_rc note_row(void *ctx, const struct mk_ap_notification *n)
{
	struct note_rows *r = ctx;
	const struct bpage *p = r->p;
	struct mk_buf *b = p->b;
	if (r->n++ == 0)
		mk_buf_addf(b, "<table class=\"notifications\">\n<caption>%s</caption>\n<thead><tr>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    mk_t(p->lang, MSG_BR_NOTIFICATIONS), mk_t(p->lang, MSG_BR_KIND),
			    mk_t(p->lang, MSG_BR_FILED_AT), mk_t(p->lang, MSG_BR_REFERENCE),
			    mk_t(p->lang, MSG_BR_FILED_BY));
	r->final |= n->kind == MK_AP_DEFINITIEF;
	r->withdrawn |= n->kind == MK_AP_INTREKKING;
	mk_buf_addf(b, "<tr><td>%s</td><td>", mk_ap_kind_name(n->kind));
	mk_html_time(b, p->req, n->filed_at);
	if (n->filed_at > mk_breach_ap_due(r->aware_at))
		mk_buf_addf(b, " <span class=\"tag\">%s</span>", mk_t(p->lang, MSG_BR_LATE));
	if (n->late_reason) {
		mk_buf_adds(b, "<br>");
		mk_html_escape(b, n->late_reason);
	}
	mk_buf_adds(b, "</td><td>");
	mk_html_escape(b, n->reference);
	mk_buf_adds(b, "</td><td>");
	mk_html_escape(b, n->filed_by);
	mk_buf_adds(b, "</td></tr>\n");
	return mk_buf_rc(b);
}

static void notify_form(const struct bpage *p)
{
	static const char f[] = "ap-melding";
	struct mk_buf *b = p->b;
	mk_buf_addf(b, "<h3>%s</h3>\n", mk_t(p->lang, MSG_BR_NOTIFY_NEXT));
	form_open(p, f, "datalek/melding");
	const char *kind = shown(p, f, "kind", "");
	label(p, f, "kind", MSG_BR_KIND, NULL);
	mk_buf_addf(b, "<select id=\"b-%s-kind\" name=\"kind\" required", f);
	mk_ui_field_attrs(b, p->e, f, "kind");
	mk_buf_adds(b, ">\n");
	for (int k = 0; k < MK_AP_KIND_COUNT; k++) {
		const char *name = mk_ap_kind_name((enum mk_ap_kind)k);
		mk_buf_addf(b, "<option value=\"%s\"%s>%s</option>\n", name,
			    strcmp(kind, name) == 0 ? " selected" : "", name);
	}
	mk_buf_adds(b, "</select></div>\n");
	input(p, f, "reference", MSG_BR_REFERENCE, "text", "", NULL);
	time_input(p, f, "filed_at", MSG_BR_FILED_AT, MK_TIME_UNKNOWN, mk_t(p->lang, MSG_BR_FILED_HINT));
	textarea(p, f, "late_reason", MSG_BR_LATE_REASON, "");
	mk_buf_addf(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div>\n</form>\n",
		    mk_t(p->lang, MSG_BR_NOTIFY));
}

/* --- informing the subjects ---------------------------------------------------- */

static void inform_part(const struct bpage *p, const struct mk_breach *br, bool may_edit)
{
	static const char f[] = "betrokkenen";
	struct mk_buf *b = p->b;
	mk_buf_addf(b, "<h3>%s</h3>\n<p>", mk_t(p->lang, MSG_BR_INFORM));
	if (br->inform == MK_TRI_UNKNOWN) {
		mk_buf_adds(b, mk_t(p->lang, MSG_BR_INFORM_UNDECIDED));
	} else if (br->inform == MK_TRI_NO) {
		mk_buf_addf(b, "%s: ", mk_t(p->lang, MSG_BR_INFORM_NO));
		mk_html_escape(b, mk_breach_vocab_label(MK_BV_EXCEPTION, (unsigned)br->inform_exception));
		mk_buf_adds(b, ". ");
		mk_html_escape(b, br->inform_reason);
	} else {
		mk_buf_addf(b, "%s, ", mk_t(p->lang, MSG_BR_INFORM_YES));
		mk_html_escape(b, mk_breach_vocab_label(MK_BV_CHANNEL, (unsigned)br->inform_channel));
		if (br->informed_at != MK_TIME_UNKNOWN) {
			mk_buf_addf(b, "; %s ", mk_t(p->lang, MSG_BR_INFORMED_AT));
			mk_html_time(b, p->req, br->informed_at);
		}
	}
	mk_buf_adds(b, "</p>\n");
	/* Once they were told, the decision stands (service/breach.c). */
	if (!may_edit || (br->inform == MK_TRI_YES && br->informed_at != MK_TIME_UNKNOWN))
		return;
	form_open(p, f, "datalek/betrokkenen");
	const char *d = shown(p, f, "decision", br->inform == MK_TRI_UNKNOWN ? ""
						 : br->inform == MK_TRI_YES ? "ja" : "nee");
	mk_buf_addf(b, "<fieldset id=\"fs-%s-decision\"", f);
	mk_ui_field_attrs(b, p->e, f, "decision");
	mk_buf_addf(b, "><legend>%s</legend>\n", mk_t(p->lang, MSG_BR_DECISION));
	mk_ui_field_message(b, p->e, f, "decision");
	mk_buf_addf(b, "<div class=\"check\"><input type=\"radio\" id=\"b-%s-ja\" name=\"decision\" value=\"ja\"%s>"
		       "<label for=\"b-%s-ja\">%s</label></div>\n"
		       "<div class=\"check\"><input type=\"radio\" id=\"b-%s-nee\" name=\"decision\" value=\"nee\"%s>"
		       "<label for=\"b-%s-nee\">%s</label></div>\n</fieldset>\n",
		    f, strcmp(d, "ja") == 0 ? " checked" : "", f, mk_t(p->lang, MSG_BR_INFORM_YES), f,
		    strcmp(d, "nee") == 0 ? " checked" : "", f, mk_t(p->lang, MSG_BR_INFORM_NO));
	vocab_select(p, f, "channel", MSG_BR_CHANNEL, MK_BV_CHANNEL, br->inform_channel);
	time_input(p, f, "informed_at", MSG_BR_INFORMED_AT, br->informed_at, NULL);
	vocab_select(p, f, "exception", MSG_BR_EXCEPTION, MK_BV_EXCEPTION, br->inform_exception);
	textarea(p, f, "reason", MSG_BR_REASON, br->inform_reason);
	mk_buf_addf(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div>\n</form>\n",
		    mk_t(p->lang, MSG_BR_INFORM_SUBMIT));
}

enum mk_rc mk_ui_breach_section(struct mk_http_request *req, struct mk_buf *b,
				const struct mk_incident *inc, const struct mk_ui_form_error *e,
				bool may_edit, struct mk_error *err)
{
	struct bpage p = {req, mk_ui_lang(req), b, inc, e};
	struct mk_breach br;
	mk_breach_init(&br);
	mk_buf_addf(b, "<section class=\"card\" id=\"datalek\" aria-labelledby=\"h-datalek\">\n"
		       "<h2 id=\"h-datalek\">%s</h2>\n",
		    mk_t(p.lang, MSG_BR_TITLE));
	enum mk_rc rc = mk_svc_breach_get(req->svc, inc->key, &br, err);
	if (rc == MK_ENOTFOUND) {
		mk_buf_addf(b, "<p>%s</p>\n", mk_t(p.lang, MSG_BR_NONE));
		if (may_edit)
			record_form(&p, &br, false);
		mk_buf_adds(b, "</section>\n");
		mk_breach_release(&br);
		return MK_OK;
	}
	if (rc)
		goto out;
	show_record(&p, &br);

	/* The 72 hours and the 7 days, as on the clocks card, from aware_at. */
	struct mk_deadline d[MK_CLOCK_COUNT];
	mk_svc_incident_deadlines(req->svc, inc, req->now, d);
	mk_buf_addf(b, "<table class=\"clocks\">\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "</tr></thead>\n<tbody>\n",
		    mk_t(p.lang, MSG_BR_CLOCK), mk_t(p.lang, MSG_CLOCK), mk_t(p.lang, MSG_DUE),
		    mk_t(p.lang, MSG_REMAINING), mk_t(p.lang, MSG_STATE));
	mk_ui_clock_row(b, req, &d[MK_CLOCK_AP], NULL);
	mk_ui_clock_row(b, req, &d[MK_CLOCK_SUBJECTS], NULL);
	mk_buf_adds(b, "</tbody>\n</table>\n");

	struct note_rows nr = {&p, br.aware_at, 0, false, false};
	if ((rc = mk_svc_breach_notifications(req->svc, inc->key, note_row, &nr, err)))
		goto out;
	if (nr.n)
		mk_buf_adds(b, "</tbody>\n</table>\n");
	else
		mk_buf_addf(b, "<p>%s</p>\n", mk_t(p.lang, MSG_BR_NO_NOTIFICATIONS));
	mk_buf_addf(b, "<p>%s: <strong>%s</strong></p>\n", mk_t(p.lang, MSG_BR_AP_STATUS),
		    mk_ap_status_of((int64_t)nr.n, nr.final, nr.withdrawn));
	if (may_edit && !nr.withdrawn)
		notify_form(&p);
	inform_part(&p, &br, may_edit);
	mk_buf_adds(b, "<p><a href=\"/api/v1/incidents/");
	mk_html_escape(b, inc->key);
	mk_buf_addf(b, "/breach/ap-melding\">%s</a></p>\n", mk_t(p.lang, MSG_BR_DRAFT));
	if (may_edit)
		record_form(&p, &br, true);
	mk_buf_adds(b, "</section>\n");
out:
	mk_breach_release(&br);
	return rc;
}
