/* GET /incidenten/{key}: the incident page. The record and its times, the
 * clocks, the classification (a matrix row picker grouped by table and
 * category, the 14 impact criteria of Tabel 1 with their laag/midden/hoog
 * examples as labelled radio groups, urgency, event type) and the
 * priority that follows, the phase, the Bijlage 1 checklist, the logbook
 * with its chain status, the BOBOC decisions and a timeline. Each form is
 * shown only to the roles that may use it; each posts to its own path
 * (ui-incident-post.c) and comes back here. */
#include <string.h>

#include "core/impact.h"
#include "core/matrix.h"
#include "http/ui-edit-fields.h"
#include "http/ui-evidence.h"
#include "http/ui.h"

struct page {
	struct mk_http_request *req;
	const char *lang;
	struct mk_buf *b;
	const struct mk_incident *inc;
	const struct mk_ui_form_error *e;
	bool may[MK_ACT_COUNT];
	bool handling; /* sees the handling, not only the report (core/access.h) */
};

/* The value a form field shows: what was just posted when this form was
 * refused, otherwise the stored value. */
static const char *value(const struct page *p, const char *form, const char *field,
			 const char *stored)
{
	if (p->e && p->e->form && strcmp(p->e->form, form) == 0) {
		const char *posted = mk_http_form(p->req, field);
		if (posted)
			return posted;
	}
	return stored;
}

/* The form's own message, for failures not tied to one field. */
static void form_open(const struct page *p, const char *form, const char *action,
		      const char *extra_class)
{
	struct mk_buf *b = p->b;
	mk_buf_addf(b, "<form method=\"post\" id=\"form-%s\" class=\"stack %s\" action=\"/incidenten/",
		    form, extra_class);
	mk_html_escape(b, p->inc->key);
	mk_buf_addf(b, "/%s\" data-enhance", action);
	bool mine = p->e && p->e->form && strcmp(p->e->form, form) == 0;
	if (mine)
		mk_buf_addf(b, " aria-describedby=\"err-%s\"", form);
	mk_buf_adds(b, ">\n");
	mk_html_csrf(b, p->req);
	if (mine) {
		mk_buf_addf(b, "<p class=\"alert error\" id=\"err-%s\">", form);
		mk_html_escape(b, p->e->message);
		mk_buf_adds(b, "</p>\n");
	}
}

static void version_field(const struct page *p)
{
	mk_buf_addf(p->b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n",
		    (long long)p->inc->version);
}

static void section_open(const struct page *p, const char *id, enum mk_msg title)
{
	mk_buf_addf(p->b, "<section class=\"card\" id=\"%s\" aria-labelledby=\"h-%s\">\n"
			  "<h2 id=\"h-%s\">%s</h2>\n",
		    id, id, id, mk_t(p->lang, title));
}

static void dl_item(const struct page *p, enum mk_msg term, const char *text)
{
	mk_buf_addf(p->b, "<dt>%s</dt><dd>", mk_t(p->lang, term));
	if (text && *text)
		mk_html_escape(p->b, text);
	else
		mk_buf_addf(p->b, "<span class=\"unknown\">%s</span>", mk_t(p->lang, MSG_UNKNOWN));
	mk_buf_adds(p->b, "</dd>\n");
}

/* --- Record, times, clocks ------------------------------------------------ */

struct time_item {
	enum mk_msg label;
	mk_time t;
};

static size_t incident_times(const struct mk_incident *inc, struct time_item ret[11])
{
	const struct time_item all[] = {
		{MSG_T_OCCURRED, inc->occurred_at},
		{MSG_T_DETECTED, inc->detected_at},
		{MSG_T_REPORTED, inc->reported_at},
		{MSG_T_MANAGEMENT, inc->management_informed_at},
		{MSG_T_AP, inc->ap_notified_at},
		{MSG_T_SUBJECTS, inc->subjects_informed_at},
		{MSG_T_CONTAINED, inc->contained_at},
		{MSG_T_RESOLVED, inc->resolved_at},
		{MSG_T_CLOSED, inc->closed_at},
		{MSG_T_EVALUATED, inc->evaluated_at},
	};
	size_t n = sizeof(all) / sizeof(all[0]);
	memcpy(ret, all, sizeof(all));
	return n;
}

static void record_section(const struct page *p)
{
	struct mk_buf *b = p->b;
	const struct mk_incident *inc = p->inc;
	section_open(p, "gegevens", MSG_INC_RECORD);
	mk_buf_adds(b, "<dl class=\"record\">\n");
	mk_buf_addf(b, "<dt>%s</dt><dd class=\"pre\">", mk_t(p->lang, MSG_INC_DESCRIPTION));
	if (inc->description && *inc->description)
		mk_html_escape(b, inc->description);
	else
		mk_buf_addf(b, "<span class=\"unknown\">%s</span>", mk_t(p->lang, MSG_UNKNOWN));
	mk_buf_adds(b, "</dd>\n");
	mk_buf_addf(b, "<dt>%s</dt><dd>", mk_t(p->lang, MSG_INC_REPORTER));
	const char *parts[] = {inc->reporter.name, inc->reporter.department, inc->reporter.phone,
			       inc->reporter.email};
	bool any = false;
	for (size_t i = 0; i < 4; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (any)
			mk_buf_adds(b, ", ");
		mk_html_escape(b, parts[i]);
		any = true;
	}
	if (!any)
		mk_buf_addf(b, "<span class=\"unknown\">%s</span>", mk_t(p->lang, MSG_UNKNOWN));
	mk_buf_adds(b, "</dd>\n");
	dl_item(p, MSG_INC_SOURCE, inc->source ? mk_source_label(inc->source) : NULL);
	mk_buf_addf(b, "<dt>%s</dt><dd>", mk_t(p->lang, MSG_INC_MATRIX_ROW));
	if (inc->classified) {
		mk_html_escape(b, mk_matrix_table_name(inc->matrix_table));
		mk_buf_adds(b, " / ");
		mk_html_escape(b, inc->matrix_category);
		mk_buf_adds(b, " / ");
		mk_html_escape(b, inc->matrix_incident);
	} else {
		mk_buf_addf(b, "<span class=\"unknown\">%s</span>", mk_t(p->lang, MSG_INC_NOT_CLASSIFIED));
	}
	mk_buf_adds(b, "</dd>\n");
	enum mk_level overall = mk_impact_overall(&inc->impact);
	dl_item(p, MSG_INC_IMPACT, overall ? mk_level_name(overall) : mk_t(p->lang, MSG_INC_NOT_ASSESSED));
	dl_item(p, MSG_INC_URGENCY,
		inc->urgency ? mk_level_name(inc->urgency) : mk_t(p->lang, MSG_INC_NOT_ASSESSED));
	mk_buf_addf(b, "<dt>%s</dt><dd>", mk_t(p->lang, MSG_INC_PRIORITY));
	mk_ui_priority(b, p->lang, inc->priority);
	mk_buf_adds(b, "</dd>\n");
	dl_item(p, MSG_INC_EVENT_TYPE, mk_event_type_name(inc->event_type));
	dl_item(p, MSG_INC_PERSONAL_DATA, mk_t(p->lang, inc->personal_data ? MSG_YES : MSG_NO));
	dl_item(p, MSG_INC_CONFIDENTIAL, mk_t(p->lang, inc->confidential ? MSG_YES : MSG_NO));
	mk_buf_adds(b, "</dl>\n");

	mk_buf_addf(b, "<h3>%s</h3>\n<table class=\"times\"><tbody>\n", mk_t(p->lang, MSG_INC_TIMES));
	struct time_item items[11];
	size_t n = incident_times(inc, items);
	for (size_t i = 0; i < n; i++) {
		mk_buf_addf(b, "<tr><th scope=\"row\">%s</th><td>", mk_t(p->lang, items[i].label));
		mk_html_time(b, p->req, items[i].t);
		if (items[i].label == MSG_T_OCCURRED && inc->occurred_estimated)
			mk_buf_addf(b, " %s", mk_t(p->lang, MSG_T_ESTIMATED));
		mk_buf_adds(b, "</td></tr>\n");
	}
	mk_buf_adds(b, "</tbody></table>\n</section>\n");
}

static void clocks_section(const struct page *p)
{
	struct mk_buf *b = p->b;
	struct mk_deadline d[MK_CLOCK_COUNT];
	mk_svc_incident_deadlines(p->req->svc, p->inc, p->req->now, d);
	section_open(p, "klokken", MSG_INC_CLOCKS);
	mk_buf_addf(b, "<table class=\"clocks\">\n<thead><tr><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "</tr></thead>\n<tbody>\n",
		    mk_t(p->lang, MSG_CLOCK), mk_t(p->lang, MSG_DUE), mk_t(p->lang, MSG_REMAINING),
		    mk_t(p->lang, MSG_STATE));
	for (int i = 0; i < MK_CLOCK_COUNT; i++)
		mk_ui_clock_row(b, p->req, &d[i], NULL);
	mk_buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

/* --- Classification -------------------------------------------------------- */

static const char *table_label(enum mk_matrix_table t)
{
	return t == MK_MATRIX_GEBRUIKERS ? "Gebruikersincidenten" : "Beheerincidenten";
}

static void matrix_picker(const struct page *p)
{
	struct mk_buf *b = p->b;
	const struct mk_matrix *m = &p->req->svc->matrix;
	const struct mk_incident *inc = p->inc;
	/* The posted choice, when the form was refused; else the stored row. */
	const char *posted = value(p, "beoordeling", "matrix", NULL);
	mk_buf_addf(b, "<div class=\"field\"><label for=\"f-matrix\">%s</label>",
		    mk_t(p->lang, MSG_INC_MATRIX_ROW));
	mk_ui_field_message(b, p->e, "beoordeling", "matrix");
	mk_buf_adds(b, "<select id=\"f-matrix\" name=\"matrix\"");
	mk_ui_field_attrs(b, p->e, "beoordeling", "matrix");
	mk_buf_addf(b, ">\n<option value=\"\">%s</option>\n", mk_t(p->lang, MSG_INC_CHOOSE_ROW));
	const char *group_cat = NULL;
	int group_table = -1;
	struct mk_buf v;
	mk_buf_init(&v, 4096);
	for (size_t i = 0; i < m->count; i++) {
		const struct mk_matrix_row *r = &m->rows[i];
		if ((int)r->table != group_table || !group_cat || strcmp(group_cat, r->category) != 0) {
			if (group_cat)
				mk_buf_adds(b, "</optgroup>\n");
			mk_buf_addf(b, "<optgroup label=\"%s: ", table_label(r->table));
			mk_html_escape(b, r->category);
			mk_buf_adds(b, "\">\n");
			group_cat = r->category;
			group_table = (int)r->table;
		}
		/* The value names the row by its text, not its position, so a
		 * table edited between showing and posting cannot swap rows. */
		mk_buf_reset(&v);
		mk_buf_addf(&v, "%s\t%s\t%s", mk_matrix_table_name(r->table), r->category, r->incident);
		bool selected = posted ? strcmp(posted, v.data) == 0
				       : inc->classified && inc->matrix_table == r->table &&
						 inc->matrix_category && inc->matrix_incident &&
						 strcmp(inc->matrix_category, r->category) == 0 &&
						 strcmp(inc->matrix_incident, r->incident) == 0;
		mk_buf_adds(b, "<option");
		mk_html_attr(b, "value", v.data);
		if (selected)
			mk_buf_adds(b, " selected");
		mk_buf_adds(b, ">");
		mk_html_escape(b, r->incident);
		mk_buf_addf(b, " (CISO %s, directie %s)</option>\n",
			    r->ciso ? mk_notify_name(r->ciso) : "-",
			    r->directie ? mk_notify_name(r->directie) : "-");
	}
	mk_buf_release(&v);
	if (group_cat)
		mk_buf_adds(b, "</optgroup>\n");
	mk_buf_adds(b, "</select></div>\n");
}

static void level_radios(const struct page *p, const char *name, const char *legend,
			 enum mk_level current, const char *const examples[MK_LEVEL_COUNT],
			 bool with_none)
{
	struct mk_buf *b = p->b;
	const char *posted = value(p, "beoordeling", name, NULL);
	mk_buf_addf(b, "<fieldset class=\"levels\" id=\"fs-%s\"", name);
	mk_ui_field_attrs(b, p->e, "beoordeling", name);
	mk_buf_adds(b, "><legend>");
	mk_html_escape(b, legend);
	mk_buf_adds(b, "</legend>\n");
	mk_ui_field_message(b, p->e, "beoordeling", name);
	for (int l = with_none ? MK_LEVEL_NONE : MK_LEVEL_LAAG; l < MK_LEVEL_COUNT; l++) {
		const char *code = mk_level_name((enum mk_level)l);
		bool checked = posted ? strcmp(posted, code) == 0 : current == (enum mk_level)l;
		mk_buf_addf(b, "<div class=\"radio\"><input type=\"radio\" id=\"r-%s-%d\" name=\"%s\" value=\"%s\"%s>"
			       "<label for=\"r-%s-%d\"><strong>%s</strong>",
			    name, l, name, code, checked ? " checked" : "", name, l,
			    l == MK_LEVEL_NONE ? mk_t(p->lang, MSG_INC_NOT_ASSESSED) : code);
		if (examples && l != MK_LEVEL_NONE && examples[l] && *examples[l]) {
			mk_buf_adds(b, " <span class=\"example\">");
			mk_html_escape(b, examples[l]);
			mk_buf_adds(b, "</span>");
		}
		mk_buf_adds(b, "</label></div>\n");
	}
	mk_buf_adds(b, "</fieldset>\n");
}

static void assess_section(const struct page *p)
{
	struct mk_buf *b = p->b;
	const struct mk_incident *inc = p->inc;
	section_open(p, "beoordeling", MSG_INC_ASSESS);
	mk_buf_addf(b, "<p class=\"result\">%s: ", mk_t(p->lang, MSG_INC_PRIORITY));
	mk_ui_priority(b, p->lang, inc->priority);
	enum mk_level overall = mk_impact_overall(&inc->impact);
	mk_buf_addf(b, " <span class=\"muted\">(%s %s, %s %s)</span></p>\n",
		    mk_t(p->lang, MSG_INC_IMPACT),
		    overall ? mk_level_name(overall) : mk_t(p->lang, MSG_INC_NOT_ASSESSED),
		    mk_t(p->lang, MSG_INC_URGENCY),
		    inc->urgency ? mk_level_name(inc->urgency) : mk_t(p->lang, MSG_INC_NOT_ASSESSED));
	if (!p->may[MK_ACT_INCIDENT_ASSESS]) {
		mk_buf_adds(b, "</section>\n");
		return;
	}
	/* Open while there is nothing to see yet or a posted form came back;
	 * otherwise folded, so the page opens on the result. */
	bool open = !inc->classified || inc->priority == MK_PRIORITY_NONE ||
		    (p->e && p->e->form && strcmp(p->e->form, "beoordeling") == 0);
	mk_buf_addf(b, "<details class=\"assess-form\"%s><summary>%s</summary>\n<p>%s</p>\n",
		    open ? " open" : "", mk_t(p->lang, MSG_INC_ASSESS_CHANGE),
		    mk_t(p->lang, MSG_INC_ASSESS_INTRO));
	form_open(p, "beoordeling", "beoordeling", "assess");
	version_field(p);
	matrix_picker(p);

	struct mk_impact_table table;
	memset(&table, 0, sizeof(table));
	struct mk_error err;
	/* The criteria in force; should the stored table not read, the
	 * radios still work, labelled with the code names. */
	bool have_table = mk_svc_impact_table(p->req->svc, &table, &err) == MK_OK;
	mk_buf_addf(b, "<fieldset class=\"impact\"><legend>%s (Tabel 1)</legend>\n",
		    mk_t(p->lang, MSG_INC_IMPACT));
	char people[32] = "";
	if (inc->people_affected >= 0)
		snprintf(people, sizeof(people), "%lld", (long long)inc->people_affected);
	mk_buf_addf(b, "<div class=\"field\"><label for=\"f-people\">%s <span class=\"opt\">%s</span></label>",
		    mk_t(p->lang, MSG_INC_PEOPLE), mk_t(p->lang, MSG_OPTIONAL));
	mk_ui_field_message(b, p->e, "beoordeling", "people");
	mk_buf_adds(b, "<input id=\"f-people\" name=\"people\" inputmode=\"numeric\" pattern=\"[0-9]*\"");
	mk_ui_field_attrs(b, p->e, "beoordeling", "people");
	mk_html_attr(b, "value", value(p, "beoordeling", "people", people));
	mk_buf_adds(b, "></div>\n<div class=\"impact-grid\">\n");
	for (int c = 0; c < MK_CRITERION_COUNT; c++) {
		char name[48];
		snprintf(name, sizeof(name), "impact_%s", mk_criterion_name((enum mk_criterion)c));
		const struct mk_impact_criterion_text *t = have_table ? &table.rows[c] : NULL;
		level_radios(p, name, t ? t->label : mk_criterion_name((enum mk_criterion)c),
			     inc->impact.level[c], t ? t->example : NULL, true);
	}
	mk_buf_adds(b, "</div>\n</fieldset>\n");
	if (have_table)
		mk_impact_table_release(&table);

	level_radios(p, "urgency", mk_t(p->lang, MSG_INC_URGENCY), inc->urgency, NULL, true);

	const char *posted_event = value(p, "beoordeling", "event_type", NULL);
	mk_buf_addf(b, "<div class=\"field\"><label for=\"f-event\">%s</label>",
		    mk_t(p->lang, MSG_INC_EVENT_TYPE));
	mk_ui_field_message(b, p->e, "beoordeling", "event_type");
	mk_buf_adds(b, "<select id=\"f-event\" name=\"event_type\"");
	mk_ui_field_attrs(b, p->e, "beoordeling", "event_type");
	mk_buf_adds(b, ">\n");
	for (int t = 0; t < MK_EVENT_COUNT; t++) {
		const char *code = mk_event_type_name((enum mk_event_type)t);
		bool sel = posted_event ? strcmp(posted_event, code) == 0
					: inc->event_type == (enum mk_event_type)t;
		mk_buf_addf(b, "<option value=\"%s\"%s>%s</option>\n", code, sel ? " selected" : "",
			    code);
	}
	mk_buf_addf(b, "</select></div>\n<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div>\n"
		       "</form>\n</details>\n</section>\n",
		    mk_t(p->lang, MSG_INC_ASSESS_SUBMIT));
}

/* --- Phase --------------------------------------------------------------------- */

static void phase_section(const struct page *p)
{
	struct mk_buf *b = p->b;
	const struct mk_incident *inc = p->inc;
	section_open(p, "fase", MSG_INC_PHASE);
	mk_buf_adds(b, "<ol class=\"phases\">\n");
	for (int ph = 0; ph < MK_PHASE_COUNT; ph++) {
		const char *cls = ph < (int)inc->phase ? "past" : ph == (int)inc->phase ? "current" : "future";
		mk_buf_addf(b, "<li class=\"%s\"%s>%s</li>\n", cls,
			    ph == (int)inc->phase ? " aria-current=\"step\"" : "",
			    mk_phase_label((enum mk_phase)ph));
	}
	mk_buf_adds(b, "</ol>\n");
	if (!p->may[MK_ACT_INCIDENT_PHASE]) {
		mk_buf_adds(b, "</section>\n");
		return;
	}
	form_open(p, "fase", "fase", "inline-form");
	version_field(p);
	const char *posted = value(p, "fase", "phase", NULL);
	int next = inc->phase + 1 < MK_PHASE_COUNT ? (int)inc->phase + 1 : (int)inc->phase;
	mk_buf_addf(b, "<div class=\"field\"><label for=\"f-phase\">%s</label>",
		    mk_t(p->lang, MSG_INC_PHASE_TO));
	mk_ui_field_message(b, p->e, "fase", "phase");
	mk_buf_adds(b, "<select id=\"f-phase\" name=\"phase\"");
	mk_ui_field_attrs(b, p->e, "fase", "phase");
	mk_buf_adds(b, ">\n");
	for (int ph = 0; ph < MK_PHASE_COUNT; ph++) {
		const char *code = mk_phase_name((enum mk_phase)ph);
		bool sel = posted ? strcmp(posted, code) == 0 : ph == next;
		mk_buf_addf(b, "<option value=\"%s\"%s>%s</option>\n", code, sel ? " selected" : "",
			    mk_phase_label((enum mk_phase)ph));
	}
	mk_buf_addf(b, "</select></div>\n<div class=\"field\"><label for=\"f-reason\">%s</label>",
		    mk_t(p->lang, MSG_INC_PHASE_REASON));
	mk_ui_field_message(b, p->e, "fase", "reason");
	mk_buf_addf(b, "<input id=\"f-reason\" name=\"reason\" maxlength=\"%d\"", MK_SHORT_TEXT_MAX);
	mk_ui_field_attrs(b, p->e, "fase", "reason");
	mk_html_attr(b, "value", value(p, "fase", "reason", ""));
	mk_buf_addf(b, "></div>\n<div class=\"actions\"><button type=\"submit\">%s</button></div>\n</form>\n</section>\n",
		    mk_t(p->lang, MSG_INC_PHASE_SUBMIT));
}

/* --- Checklist ------------------------------------------------------------------- */

struct task_ctx {
	const struct page *p;
	int step;
};

static enum mk_rc task_cb(void *ctx, const struct mk_task_view *t)
{
	struct task_ctx *c = ctx;
	const struct page *p = c->p;
	struct mk_buf *b = p->b;
	if (t->task->step != c->step) {
		if (c->step >= 0)
			mk_buf_adds(b, "</tbody></table>\n");
		c->step = t->task->step;
		mk_buf_addf(b, "<h3>Stap %d: ", c->step);
		mk_html_escape(b, mk_step_label(c->step));
		mk_buf_addf(b, "</h3>\n<table class=\"tasks\"><thead><tr><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\"><span class=\"visually-hidden\">%s</span></th></tr></thead><tbody>\n",
			    mk_t(p->lang, MSG_COL_KEY), mk_t(p->lang, MSG_COL_TITLE),
			    mk_t(p->lang, MSG_INC_TASK_OWNER), mk_t(p->lang, MSG_STATE),
			    mk_t(p->lang, MSG_INC_TASK_DONE));
	}
	const struct mk_task_row *row = t->row;
	enum mk_task_state state = row ? row->state : MK_TASK_OPEN;
	const char *code = t->task->code;
	mk_buf_addf(b, "<tr id=\"taak-%s\" class=\"task %s\"><td>", code, mk_task_state_name(state));
	mk_html_escape(b, code);
	mk_buf_adds(b, "</td><td>");
	mk_html_escape(b, t->task->title);
	mk_buf_adds(b, "</td><td>");
	mk_html_escape(b, t->task->owner);
	mk_buf_adds(b, "</td><td>");
	if (state == MK_TASK_OPEN) {
		mk_buf_adds(b, mk_t(p->lang, MSG_INC_TASK_OPEN));
	} else {
		mk_buf_addf(b, "<strong>%s</strong>", mk_t(p->lang, state == MK_TASK_DONE
									? MSG_INC_TASK_STATE_DONE
									: MSG_INC_TASK_STATE_NVT));
		if (row->done_by) {
			mk_buf_adds(b, " &#8211; ");
			mk_html_escape(b, row->done_by);
		}
		if (row->done_at != MK_TIME_UNKNOWN) {
			mk_buf_adds(b, ", ");
			mk_html_time(b, p->req, row->done_at);
		}
	}
	if (row && row->note && *row->note) {
		mk_buf_adds(b, "<br><span class=\"note\">");
		mk_html_escape(b, row->note);
		mk_buf_adds(b, "</span>");
	}
	mk_buf_adds(b, "</td><td>");
	if (p->may[MK_ACT_TASK_SET]) {
		char form[32], action[40];
		snprintf(form, sizeof(form), "taak-%s", code);
		snprintf(action, sizeof(action), "taken/%s", code);
		form_open(p, form, action, "task-form");
		mk_buf_addf(b, "<label class=\"visually-hidden\" for=\"note-%s\">%s %s</label>"
			       "<input id=\"note-%s\" name=\"note\" maxlength=\"%d\"",
			    code, mk_t(p->lang, MSG_INC_TASK_NOTE), code, code, MK_SHORT_TEXT_MAX);
		mk_html_attr(b, "value", value(p, form, "note", ""));
		mk_html_attr(b, "placeholder", mk_t(p->lang, MSG_INC_TASK_NOTE));
		mk_buf_adds(b, ">");
		if (state == MK_TASK_OPEN)
			mk_buf_addf(b, "<button type=\"submit\" name=\"state\" value=\"done\">%s</button>"
				       "<button type=\"submit\" name=\"state\" value=\"nvt\">%s</button>",
				    mk_t(p->lang, MSG_INC_TASK_DONE), mk_t(p->lang, MSG_INC_TASK_NVT));
		else
			mk_buf_addf(b, "<button type=\"submit\" name=\"state\" value=\"open\">%s</button>",
				    mk_t(p->lang, MSG_INC_TASK_REOPEN));
		mk_buf_adds(b, "</form>");
	}
	mk_buf_adds(b, "</td></tr>\n");
	return mk_buf_rc(b);
}

static enum mk_rc checklist_section(const struct page *p, struct mk_error *err)
{
	section_open(p, "stappenplan", MSG_INC_CHECKLIST);
	struct task_ctx c = {p, -1};
	enum mk_rc rc = mk_svc_tasks(p->req->svc, p->inc->key, task_cb, &c, err);
	if (c.step >= 0)
		mk_buf_adds(p->b, "</tbody></table>\n");
	mk_buf_adds(p->b, "</section>\n");
	return rc;
}

/* --- Logbook and timeline ----------------------------------------------------------- */

struct log_ctx {
	const struct page *p;
	struct mk_buf *timeline;
	struct time_item times[11];
	size_t ntimes, next_time;
	int64_t n;
};

static void timeline_time(struct log_ctx *c, const struct time_item *it)
{
	mk_buf_adds(c->timeline, "<li class=\"tl-time\">");
	mk_html_time(c->timeline, c->p->req, it->t);
	mk_buf_addf(c->timeline, " <strong>%s</strong></li>\n", mk_t(c->p->lang, it->label));
}

static void timeline_flush(struct log_ctx *c, mk_time upto)
{
	while (c->next_time < c->ntimes && c->times[c->next_time].t <= upto)
		timeline_time(c, &c->times[c->next_time++]);
}

static void first_line(struct mk_buf *b, const char *text)
{
	const char *nl = strchr(text, '\n');
	if (!nl) {
		mk_html_escape(b, text);
		return;
	}
	struct mk_buf line;
	mk_buf_init(&line, MK_TEXT_MAX);
	mk_buf_add(&line, text, (size_t)(nl - text));
	mk_html_escape(b, line.data);
	mk_buf_adds(b, " &#8230;");
	mk_buf_release(&line);
}

static enum mk_rc log_cb(void *ctx, const struct mk_log_entry *e)
{
	struct log_ctx *c = ctx;
	struct mk_buf *b = c->p->b;
	if (!mk_access_log_entry_visible(c->p->req->account.role, e->kind, e->role))
		return MK_OK;
	if (c->n++ == 0)
		mk_buf_adds(b, "<ol class=\"logbook\">\n");
	mk_buf_addf(b, "<li class=\"entry kind-%s\" id=\"log-%lld\"><div class=\"meta\">#%lld ",
		    mk_log_kind_name(e->kind), (long long)e->seq, (long long)e->seq);
	mk_html_time(b, c->p->req, e->at);
	mk_buf_adds(b, " &#8211; ");
	mk_html_escape(b, e->author);
	mk_buf_addf(b, " (%s) <span class=\"kind\">%s</span></div><div class=\"text pre\">",
		    mk_role_name(e->role), mk_log_kind_name(e->kind));
	mk_html_escape(b, e->text);
	mk_buf_adds(b, "</div></li>\n");

	timeline_flush(c, e->at);
	mk_buf_adds(c->timeline, "<li class=\"tl-log\">");
	mk_html_time(c->timeline, c->p->req, e->at);
	mk_buf_addf(c->timeline, " <span class=\"kind\">%s</span> ", mk_log_kind_name(e->kind));
	first_line(c->timeline, e->text);
	mk_buf_adds(c->timeline, "</li>\n");
	return mk_buf_rc(b);
}

static int time_cmp(const struct time_item *a, const struct time_item *b)
{
	return (a->t > b->t) - (a->t < b->t);
}

static enum mk_rc logbook_section(const struct page *p, struct mk_buf *timeline,
				  struct mk_error *err)
{
	struct mk_buf *b = p->b;
	section_open(p, "logboek", MSG_INC_LOGBOOK);
	struct mk_chain_status st;
	struct mk_error verr;
	enum mk_rc vrc = mk_svc_log_verify(p->req->svc, p->inc->key, &st, &verr);
	if (vrc == MK_OK) {
		mk_buf_adds(b, "<p class=\"chain ok\"><span aria-hidden=\"true\">&#10003;</span> ");
		mk_buf_addf(b, mk_t(p->lang, MSG_INC_CHAIN_OK_FMT), (long long)st.entries, st.head);
		mk_buf_adds(b, "</p>\n");
	} else if (vrc == MK_ECHAIN) {
		mk_buf_addf(b, "<p class=\"chain bad\" role=\"alert\"><span aria-hidden=\"true\">&#10007;</span> <strong>%s</strong> ",
			    mk_t(p->lang, MSG_INC_CHAIN_BAD));
		mk_html_escape(b, verr.message);
		mk_buf_adds(b, "</p>\n");
	} else {
		*err = verr;
		return vrc;
	}

	if (p->may[MK_ACT_LOG_ADD]) {
		mk_buf_addf(b, "<h3>%s</h3>\n", mk_t(p->lang, MSG_INC_LOG_ADD));
		form_open(p, "logboek", "logboek", "log-form");
		const char *kind = value(p, "logboek", "kind", "note");
		mk_buf_addf(b, "<div class=\"field\"><label for=\"f-kind\">%s</label><select id=\"f-kind\" name=\"kind\">",
			    mk_t(p->lang, MSG_INC_LOG_KIND));
		static const enum mk_log_kind kinds[] = {MK_LOG_NOTE, MK_LOG_ACTION, MK_LOG_DECISION,
							 MK_LOG_COMMUNICATION};
		/* A reporter adds notes only (service/logbook.c). */
		size_t nkinds = p->handling ? sizeof(kinds) / sizeof(kinds[0]) : 1;
		for (size_t i = 0; i < nkinds; i++) {
			const char *code = mk_log_kind_name(kinds[i]);
			mk_buf_addf(b, "<option value=\"%s\"%s>%s</option>", code,
				    strcmp(kind, code) == 0 ? " selected" : "", code);
		}
		mk_buf_addf(b, "</select></div>\n<div class=\"field\"><label for=\"f-logtext\">%s</label>",
			    mk_t(p->lang, MSG_INC_LOG_TEXT));
		mk_ui_field_message(b, p->e, "logboek", "text");
		mk_buf_addf(b, "<textarea id=\"f-logtext\" name=\"text\" rows=\"3\" required maxlength=\"%d\"",
			    MK_TEXT_MAX);
		mk_ui_field_attrs(b, p->e, "logboek", "text");
		mk_buf_adds(b, ">");
		mk_html_escape(b, value(p, "logboek", "text", ""));
		mk_buf_addf(b, "</textarea></div>\n<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div>\n</form>\n",
			    mk_t(p->lang, MSG_INC_LOG_SUBMIT));
	}

	struct log_ctx c = {.p = p, .timeline = timeline};
	c.ntimes = 0;
	struct time_item all[11];
	size_t n = incident_times(p->inc, all);
	for (size_t i = 0; i < n; i++) {
		if (all[i].t == MK_TIME_UNKNOWN)
			continue;
		/* Insertion sort: ten items at most. */
		size_t j = c.ntimes++;
		while (j > 0 && time_cmp(&c.times[j - 1], &all[i]) > 0) {
			c.times[j] = c.times[j - 1];
			j--;
		}
		c.times[j] = all[i];
	}
	enum mk_rc rc = mk_svc_log_list(p->req->svc, p->inc->key, log_cb, &c, err);
	timeline_flush(&c, MK_TIME_MAX);
	if (c.n == 0)
		mk_buf_addf(b, "<p>%s</p>\n", mk_t(p->lang, MSG_INC_NO_LOG));
	else
		mk_buf_adds(b, "</ol>\n");
	mk_buf_adds(b, "</section>\n");
	return rc;
}

/* --- Decisions --------------------------------------------------------------------- */

struct decision_ctx {
	const struct page *p;
	int64_t n;
};

static void boboc_part(const struct page *p, enum mk_msg term, const char *text)
{
	mk_buf_addf(p->b, "<dt>%s</dt><dd class=\"pre\">", mk_t(p->lang, term));
	mk_html_escape(p->b, text ? text : "");
	mk_buf_adds(p->b, "</dd>\n");
}

static enum mk_rc decision_cb(void *ctx, const struct mk_decision *d)
{
	struct decision_ctx *c = ctx;
	const struct page *p = c->p;
	struct mk_buf *b = p->b;
	c->n++;
	mk_buf_addf(b, "<article class=\"decision\" id=\"besluit-%lld\"><h3>%s %lld</h3>\n<dl class=\"boboc\">\n",
		    (long long)d->id, mk_t(p->lang, MSG_INC_BESLUIT), (long long)c->n);
	boboc_part(p, MSG_INC_BEELDVORMING, d->beeldvorming);
	boboc_part(p, MSG_INC_OPTIES, d->opties);
	boboc_part(p, MSG_INC_BESLUIT, d->besluit);
	boboc_part(p, MSG_INC_OPDRACHT_WIE, d->opdracht_wie);
	mk_buf_addf(b, "<dt>%s</dt><dd>", mk_t(p->lang, MSG_INC_OPDRACHT_UITERLIJK));
	mk_html_time(b, p->req, d->opdracht_uiterlijk);
	mk_buf_addf(b, "</dd>\n<dt>%s</dt><dd>", mk_t(p->lang, MSG_INC_CONTROLE_OP));
	mk_html_time(b, p->req, d->controle_op != MK_TIME_UNKNOWN ? d->controle_op
								   : d->opdracht_uiterlijk);
	if (d->controle_resultaat && *d->controle_resultaat) {
		mk_buf_adds(b, ": ");
		mk_html_escape(b, d->controle_resultaat);
	}
	mk_buf_addf(b, "</dd>\n<dt>%s</dt><dd>", mk_t(p->lang, MSG_INC_DECIDED_BY));
	mk_html_escape(b, d->decided_by);
	mk_buf_adds(b, ", ");
	mk_html_time(b, p->req, d->decided_at);
	mk_buf_adds(b, "</dd>\n</dl>\n</article>\n");
	return mk_buf_rc(b);
}

static void decision_field(const struct page *p, const char *name, enum mk_msg label,
			   const char *type, bool required)
{
	struct mk_buf *b = p->b;
	mk_buf_addf(b, "<div class=\"field\"><label for=\"f-%s\">%s", name, mk_t(p->lang, label));
	if (!required)
		mk_buf_addf(b, " <span class=\"opt\">%s</span>", mk_t(p->lang, MSG_OPTIONAL));
	mk_buf_adds(b, "</label>");
	if (strcmp(name, "controle_op") == 0)
		mk_buf_addf(b, "<p class=\"hint\">%s</p>", mk_t(p->lang, MSG_INC_CONTROLE_HINT));
	mk_ui_field_message(b, p->e, "besluiten", name);
	const char *v = value(p, "besluiten", name, "");
	if (strcmp(type, "textarea") == 0) {
		mk_buf_addf(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"3\" maxlength=\"%d\"%s", name,
			    name, MK_TEXT_MAX, required ? " required" : "");
		mk_ui_field_attrs(b, p->e, "besluiten", name);
		mk_buf_adds(b, ">");
		mk_html_escape(b, v);
		mk_buf_adds(b, "</textarea></div>\n");
	} else {
		mk_buf_addf(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\"%s", name, name, type,
			    required ? " required" : "");
		mk_ui_field_attrs(b, p->e, "besluiten", name);
		mk_html_attr(b, "value", v);
		mk_buf_adds(b, "></div>\n");
	}
}

static enum mk_rc decisions_section(const struct page *p, struct mk_error *err)
{
	struct mk_buf *b = p->b;
	section_open(p, "besluiten", MSG_INC_DECISIONS);
	struct decision_ctx c = {p, 0};
	enum mk_rc rc = mk_svc_decisions(p->req->svc, p->inc->key, decision_cb, &c, err);
	if (c.n == 0)
		mk_buf_addf(b, "<p>%s</p>\n", mk_t(p->lang, MSG_INC_NO_DECISIONS));
	if (p->may[MK_ACT_DECISION_ADD]) {
		mk_buf_addf(b, "<h3>%s</h3>\n", mk_t(p->lang, MSG_INC_DECISION_ADD));
		form_open(p, "besluiten", "besluiten", "decision-form");
		decision_field(p, "beeldvorming", MSG_INC_BEELDVORMING, "textarea", true);
		decision_field(p, "opties", MSG_INC_OPTIES, "textarea", true);
		decision_field(p, "besluit", MSG_INC_BESLUIT, "textarea", true);
		decision_field(p, "opdracht_wie", MSG_INC_OPDRACHT_WIE, "text", true);
		decision_field(p, "opdracht_uiterlijk", MSG_INC_OPDRACHT_UITERLIJK, "datetime-local", true);
		decision_field(p, "controle_op", MSG_INC_CONTROLE_OP, "datetime-local", false);
		mk_buf_addf(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div>\n</form>\n",
			    mk_t(p->lang, MSG_INC_DECISION_SUBMIT));
	}
	mk_buf_adds(b, "</section>\n");
	return rc;
}

/* --- Edit ------------------------------------------------------------------------------ */

static void edit_input(const struct page *p, const char *name, enum mk_msg label,
		       const char *type, const char *stored)
{
	struct mk_buf *b = p->b;
	mk_buf_addf(b, "<div class=\"field\"><label for=\"e-%s\">%s</label>", name, mk_t(p->lang, label));
	mk_ui_field_message(b, p->e, "bewerken", name);
	const char *v = value(p, "bewerken", name, stored);
	if (strcmp(type, "textarea") == 0) {
		mk_buf_addf(b, "<textarea id=\"e-%s\" name=\"%s\" rows=\"4\"", name, name);
		mk_ui_field_attrs(b, p->e, "bewerken", name);
		mk_buf_adds(b, ">");
		mk_html_escape(b, v);
		mk_buf_adds(b, "</textarea></div>\n");
	} else {
		mk_buf_addf(b, "<input id=\"e-%s\" name=\"%s\" type=\"%s\"", name, name, type);
		mk_ui_field_attrs(b, p->e, "bewerken", name);
		mk_html_attr(b, "value", v ? v : "");
		mk_buf_adds(b, "></div>\n");
	}
}

/* A choice among code names: the sources of H2 or the TLP levels. */
static void edit_select(const struct page *p, const struct mk_ui_edit_field *f, const char *v)
{
	struct mk_buf *b = p->b;
	bool source = f->kind == MK_UI_EDIT_SOURCE;
	int n = source ? MK_SOURCE_COUNT : MK_TLP_COUNT;
	mk_buf_addf(b, "<div class=\"field\"><label for=\"e-%s\">%s</label>", f->name,
		    mk_t(p->lang, f->label));
	mk_ui_field_message(b, p->e, "bewerken", f->name);
	mk_buf_addf(b, "<select id=\"e-%s\" name=\"%s\">", f->name, f->name);
	for (int i = 0; i < n; i++) {
		const char *code = source ? mk_source_name((enum mk_source)i)
					  : mk_tlp_name((enum mk_tlp)i);
		mk_buf_addf(b, "<option value=\"%s\"%s>", code, strcmp(v, code) == 0 ? " selected" : "");
		mk_html_escape(b, source ? mk_source_label((enum mk_source)i) : code);
		mk_buf_adds(b, "</option>");
	}
	mk_buf_adds(b, "</select></div>\n");
}

static void edit_bool(const struct page *p, const struct mk_ui_edit_field *f, const char *v)
{
	mk_buf_addf(p->b, "<div class=\"field\"><label for=\"e-%s\">%s</label><select id=\"e-%s\" name=\"%s\">"
			  "<option value=\"ja\"%s>%s</option><option value=\"nee\"%s>%s</option></select></div>\n",
		    f->name, mk_t(p->lang, f->label), f->name, f->name,
		    strcmp(v, "ja") == 0 ? " selected" : "", mk_t(p->lang, MSG_YES),
		    strcmp(v, "ja") != 0 ? " selected" : "", mk_t(p->lang, MSG_NO));
}

/* Every field of ui-edit-fields.c, in its order: title and description
 * across, the rest two by two. */
static void edit_section(const struct page *p)
{
	if (!p->may[MK_ACT_INCIDENT_EDIT])
		return;
	section_open(p, "bewerken", MSG_INC_EDIT);
	form_open(p, "bewerken", "bewerken", "edit-form");
	version_field(p);
	struct mk_buf stored;
	mk_buf_init(&stored, MK_TEXT_MAX + 1);
	bool grid = false;
	for (size_t i = 0; i < mk_ui_edit_nfields; i++) {
		const struct mk_ui_edit_field *f = &mk_ui_edit_fields[i];
		mk_buf_reset(&stored);
		mk_ui_edit_value(p->inc, f, &stored);
		if (!grid && i >= 2) {
			mk_buf_adds(p->b, "<div class=\"grid2\">\n");
			grid = true;
		}
		const char *v = value(p, "bewerken", f->name, stored.data);
		switch (f->kind) {
		case MK_UI_EDIT_LINE:
			edit_input(p, f->name, f->label, "text", stored.data);
			break;
		case MK_UI_EDIT_TEXT:
			edit_input(p, f->name, f->label, "textarea", stored.data);
			break;
		case MK_UI_EDIT_TIME:
			edit_input(p, f->name, f->label, "datetime-local", stored.data);
			break;
		case MK_UI_EDIT_BOOL:
			edit_bool(p, f, v ? v : "");
			break;
		case MK_UI_EDIT_SOURCE:
		case MK_UI_EDIT_TLP:
			edit_select(p, f, v ? v : "");
			break;
		}
	}
	mk_buf_release(&stored);
	if (grid)
		mk_buf_adds(p->b, "</div>\n");
	mk_buf_addf(p->b, "<div class=\"actions\"><button type=\"submit\">%s</button></div>\n</form>\n</section>\n",
		    mk_t(p->lang, MSG_INC_EDIT_SUBMIT));
}

static void toc(const struct page *p)
{
	static const struct {
		const char *id;
		enum mk_msg label;
		enum mk_action need; /* MK_ACT_COUNT: always */
		bool handling;       /* a section of the handling */
	} items[] = {
		{"gegevens", MSG_INC_RECORD, MK_ACT_COUNT, false},
		{"klokken", MSG_INC_CLOCKS, MK_ACT_COUNT, true},
		{"beoordeling", MSG_INC_ASSESS, MK_ACT_COUNT, true},
		{"fase", MSG_INC_PHASE, MK_ACT_COUNT, false},
		{"stappenplan", MSG_INC_CHECKLIST, MK_ACT_COUNT, true},
		{"logboek", MSG_INC_LOGBOOK, MK_ACT_COUNT, false},
		{"besluiten", MSG_INC_DECISIONS, MK_ACT_COUNT, true},
		{"indicatoren", MSG_IND_TITLE, MK_ACT_COUNT, false},
		{"datalek", MSG_BR_TITLE, MK_ACT_BREACH_READ, false},
		{"tijdlijn", MSG_INC_TIMELINE, MK_ACT_COUNT, false},
		{"bewerken", MSG_INC_EDIT, MK_ACT_INCIDENT_EDIT, false},
	};
	mk_buf_addf(p->b, "<nav class=\"toc\" aria-label=\"%s\"><ul>\n", mk_t(p->lang, MSG_INC_RECORD));
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		if ((items[i].need == MK_ACT_COUNT || p->may[items[i].need]) &&
		    (!items[i].handling || p->handling))
			mk_buf_addf(p->b, "<li><a href=\"#%s\">%s</a></li>\n", items[i].id,
				    mk_t(p->lang, items[i].label));
	if (p->may[MK_ACT_EVIDENCE_READ])
		mk_ui_evidence_toc(p->b, p->lang);
	/* The closing work has a page of its own (ui-closure.c), part of the
	 * handling. */
	if (p->handling) {
		mk_buf_adds(p->b, "<li><a href=\"/incidenten/");
		mk_html_escape(p->b, p->inc->key);
		mk_buf_addf(p->b, "/afsluiting\">%s</a></li>\n", mk_t(p->lang, MSG_CL_LINK));
	}
	mk_buf_adds(p->b, "</ul></nav>\n");
}

void mk_ui_incident_render(struct mk_http_request *req, struct mk_http_response *resp,
			   int status, const struct mk_ui_form_error *e)
{
	const char *lang = mk_ui_lang(req);
	struct mk_incident inc;
	mk_incident_init(&inc);
	struct mk_buf b, timeline;
	mk_buf_init(&b, MK_HTTP_RESPONSE_MAX);
	mk_buf_init(&timeline, MK_HTTP_RESPONSE_MAX / 4);
	struct mk_error err = {0};
	enum mk_rc rc = mk_svc_incident_get(req->svc, req->key, &inc, &err);
	if (rc != MK_OK)
		goto out;

	struct page p = {req, lang, &b, &inc, e, {0}, false};
	struct mk_access_subject subject;
	if ((rc = mk_svc_access_subject(req->svc, inc.key, req->account.name, &subject, &err)))
		goto out;
	for (int a = MK_ACT_INCIDENT_READ; a < MK_ACT_COUNT; a++)
		p.may[a] = mk_access_decide(req->account.role, (enum mk_action)a, &subject) ==
			   MK_ACCESS_ALLOW;
	p.handling = mk_access_sees_handling(req->account.role);

	struct mk_buf title;
	mk_buf_init(&title, MK_TITLE_MAX + 64);
	mk_buf_addf(&title, "%s: %s", inc.key, inc.title ? inc.title : "");
	mk_html_page_begin(&b, req, title.data, MK_NAV_INCIDENTEN);
	mk_buf_release(&title);

	mk_buf_adds(&b, "<div class=\"incident-head\">\n<p class=\"key\">");
	mk_html_escape(&b, inc.key);
	mk_buf_adds(&b, "</p>\n<h1>");
	mk_html_escape(&b, inc.title);
	mk_buf_adds(&b, "</h1>\n<p class=\"badges\">");
	mk_ui_priority(&b, lang, inc.priority);
	mk_buf_addf(&b, " <span class=\"badge phase\">%s: %s</span>", mk_t(lang, MSG_INC_PHASE),
		    mk_phase_label(inc.phase));
	if (inc.event_type != MK_EVENT_NORMAAL)
		mk_buf_addf(&b, " <span class=\"badge event-%s\">%s</span>",
			    mk_event_type_name(inc.event_type), mk_event_type_name(inc.event_type));
	if (inc.confidential)
		mk_buf_addf(&b, " <span class=\"tag\">%s</span>", mk_t(lang, MSG_CONFIDENTIAL));
	if (inc.exercise)
		mk_buf_addf(&b, " <span class=\"tag\">%s</span>", mk_t(lang, MSG_EXERCISE));
	mk_buf_adds(&b, "</p>\n</div>\n");
	if (e) {
		mk_buf_addf(&b, "<div class=\"alert error\" role=\"alert\"><p>%s ",
			    mk_t(lang, MSG_ERR_FORM_INTRO));
		mk_html_escape(&b, e->message);
		if (e->form)
			mk_buf_addf(&b, " <a href=\"#form-%s\">&#8595;</a>", e->form);
		mk_buf_adds(&b, "</p></div>\n");
	} else if (mk_http_query(req, "opgeslagen")) {
		mk_buf_addf(&b, "<p class=\"alert ok\" role=\"status\">%s</p>\n", mk_t(lang, MSG_INC_SAVED));
	}
	toc(&p);
	mk_buf_adds(&b, "<div class=\"incident-grid\">\n<div class=\"col\">\n");
	record_section(&p);
	if (p.handling)
		clocks_section(&p);
	phase_section(&p);
	mk_buf_adds(&b, "</div>\n<div class=\"col\">\n");
	if ((rc = logbook_section(&p, &timeline, &err)))
		goto out;
	if (p.handling && (rc = decisions_section(&p, &err)))
		goto out;
	if (p.may[MK_ACT_EVIDENCE_READ] &&
	    (rc = mk_ui_evidence_section(req, &b, lang, inc.key, p.may[MK_ACT_EVIDENCE_ADD],
					 p.may[MK_ACT_EVIDENCE_EXPORT], e, &err)))
		goto out;
	if ((rc = mk_ui_indicators_section(&b, req, inc.key, p.may[MK_ACT_OBSERVABLE_ADD], e, &err)))
		goto out;
	mk_buf_adds(&b, "</div>\n</div>\n");
	if (p.may[MK_ACT_BREACH_READ] &&
	    (rc = mk_ui_breach_section(req, &b, &inc, e, p.may[MK_ACT_BREACH_EDIT], &err)))
		goto out;
	if (p.handling)
		assess_section(&p);
	if (p.handling && (rc = checklist_section(&p, &err)))
		goto out;
	section_open(&p, "tijdlijn", MSG_INC_TIMELINE);
	mk_buf_adds(&b, "<ol class=\"timeline\">\n");
	mk_buf_add(&b, timeline.data, timeline.len);
	mk_buf_adds(&b, "</ol>\n</section>\n");
	edit_section(&p);
	mk_html_page_end(&b, req);
	if ((rc = mk_buf_rc(&timeline)))
		mk_error_set(&err, rc, "", "the page could not be built");
out:
	if (rc == MK_OK)
		mk_ui_send(resp, status, &b);
	else
		mk_ui_error_page(req, resp, mk_http_status(rc), err.message);
	mk_buf_release(&timeline);
	mk_buf_release(&b);
	mk_incident_release(&inc);
}

void mk_ui_incident_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	mk_ui_incident_render(req, resp, 200, NULL);
}
