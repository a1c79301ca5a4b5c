/* The edit form's field table (ui-edit-fields.h). */
#include "http/ui-edit-fields.h"

#include <string.h>

#include "http/html.h"

const struct mk_ui_edit_field mk_ui_edit_fields[] = {
	{"title", MK_UI_EDIT_LINE, MSG_COL_TITLE},
	{"description", MK_UI_EDIT_TEXT, MSG_INC_DESCRIPTION},
	{"reporter_name", MK_UI_EDIT_LINE, MSG_EDIT_REPORTER_NAME},
	{"reporter_department", MK_UI_EDIT_LINE, MSG_EDIT_REPORTER_DEPARTMENT},
	{"reporter_phone", MK_UI_EDIT_LINE, MSG_EDIT_REPORTER_PHONE},
	{"reporter_email", MK_UI_EDIT_LINE, MSG_EDIT_REPORTER_EMAIL},
	{"source", MK_UI_EDIT_SOURCE, MSG_INC_SOURCE},
	{"supplier", MK_UI_EDIT_LINE, MSG_EDIT_SUPPLIER},
	{"parent", MK_UI_EDIT_LINE, MSG_EDIT_PARENT},
	{"occurred_at", MK_UI_EDIT_TIME, MSG_T_OCCURRED},
	{"detected_at", MK_UI_EDIT_TIME, MSG_T_DETECTED},
	{"reported_at", MK_UI_EDIT_TIME, MSG_T_REPORTED},
	{"management_informed_at", MK_UI_EDIT_TIME, MSG_T_MANAGEMENT},
	{"subjects_informed_at", MK_UI_EDIT_TIME, MSG_T_SUBJECTS},
	{"contained_at", MK_UI_EDIT_TIME, MSG_T_CONTAINED},
	{"resolved_at", MK_UI_EDIT_TIME, MSG_T_RESOLVED},
	{"personal_data", MK_UI_EDIT_BOOL, MSG_INC_PERSONAL_DATA},
	{"confidential", MK_UI_EDIT_BOOL, MSG_INC_CONFIDENTIAL},
	{"exercise", MK_UI_EDIT_BOOL, MSG_EDIT_EXERCISE},
	{"tlp", MK_UI_EDIT_TLP, MSG_EDIT_TLP},
};
const size_t mk_ui_edit_nfields = sizeof(mk_ui_edit_fields) / sizeof(mk_ui_edit_fields[0]);

static const char *text_of(const struct mk_incident *inc, const char *name)
{
	static const struct {
		const char *name;
		size_t offset;
	} texts[] = {
		{"title", offsetof(struct mk_incident, title)},
		{"description", offsetof(struct mk_incident, description)},
		{"reporter_name", offsetof(struct mk_incident, reporter.name)},
		{"reporter_department", offsetof(struct mk_incident, reporter.department)},
		{"reporter_phone", offsetof(struct mk_incident, reporter.phone)},
		{"reporter_email", offsetof(struct mk_incident, reporter.email)},
		{"supplier", offsetof(struct mk_incident, supplier)},
		{"parent", offsetof(struct mk_incident, parent_key)},
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (strcmp(texts[i].name, name) == 0)
			return *(char *const *)((const char *)inc + texts[i].offset);
	return NULL;
}

static mk_time time_of(const struct mk_incident *inc, const char *name)
{
	static const struct {
		const char *name;
		size_t offset;
	} times[] = {
		{"occurred_at", offsetof(struct mk_incident, occurred_at)},
		{"detected_at", offsetof(struct mk_incident, detected_at)},
		{"reported_at", offsetof(struct mk_incident, reported_at)},
		{"management_informed_at", offsetof(struct mk_incident, management_informed_at)},
		{"subjects_informed_at", offsetof(struct mk_incident, subjects_informed_at)},
		{"contained_at", offsetof(struct mk_incident, contained_at)},
		{"resolved_at", offsetof(struct mk_incident, resolved_at)},
	};
	for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++)
		if (strcmp(times[i].name, name) == 0)
			return *(const mk_time *)((const char *)inc + times[i].offset);
	return MK_TIME_UNKNOWN;
}

static bool flag_of(const struct mk_incident *inc, const char *name)
{
	if (strcmp(name, "personal_data") == 0)
		return inc->personal_data;
	if (strcmp(name, "confidential") == 0)
		return inc->confidential;
	return inc->exercise;
}

void mk_ui_edit_value(const struct mk_incident *inc, const struct mk_ui_edit_field *f,
		      struct mk_buf *out)
{
	switch (f->kind) {
	case MK_UI_EDIT_LINE:
	case MK_UI_EDIT_TEXT: {
		const char *s = text_of(inc, f->name);
		mk_buf_adds(out, s ? s : "");
		return;
	}
	case MK_UI_EDIT_TIME:
		mk_html_time_input(out, time_of(inc, f->name));
		return;
	case MK_UI_EDIT_BOOL:
		mk_buf_adds(out, flag_of(inc, f->name) ? "ja" : "nee");
		return;
	case MK_UI_EDIT_SOURCE:
		mk_buf_adds(out, mk_source_name(inc->source));
		return;
	case MK_UI_EDIT_TLP:
		mk_buf_adds(out, mk_tlp_name(inc->tlp));
		return;
	}
}
