/* The editable fields of an incident, by name and type: the one place
 * where text from any front end becomes a typed value. */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "core/text.h"
#include "service/internal.h"
#include "service/fields.h"

enum field_type {
	F_LINE,   /* one line of text */
	F_TEXT,   /* multi-line text */
	F_TIME,   /* mk_time */
	F_BOOL,   /* ja/nee */
	F_SOURCE, /* enum mk_source */
	F_TLP,    /* enum mk_tlp */
	F_KEY,    /* another incident's key */
};

struct field {
	const char *name;
	enum field_type type;
	size_t offset;   /* into struct mk_incident */
	size_t max;      /* bytes, for text */
	bool required;   /* cannot be cleared */
};

#define AT(member) offsetof(struct mk_incident, member)

static const struct field fields[] = {
	{"title", F_LINE, AT(title), MK_TITLE_MAX, true},
	{"description", F_TEXT, AT(description), MK_TEXT_MAX, false},
	{"reporter_name", F_LINE, AT(reporter.name), MK_NAME_MAX, false},
	{"reporter_department", F_LINE, AT(reporter.department), MK_NAME_MAX, false},
	{"reporter_phone", F_LINE, AT(reporter.phone), MK_NAME_MAX, false},
	{"reporter_email", F_LINE, AT(reporter.email), MK_NAME_MAX, false},
	{"source", F_SOURCE, AT(source), 0, false},
	{"tlp", F_TLP, AT(tlp), 0, true},
	{"confidential", F_BOOL, AT(confidential), 0, true},
	{"personal_data", F_BOOL, AT(personal_data), 0, true},
	{"exercise", F_BOOL, AT(exercise), 0, true},
	{"parent", F_KEY, AT(parent_key), MK_KEY_TEXT, false},
	{"supplier", F_LINE, AT(supplier), MK_NAME_MAX, false},
	{"occurred_at", F_TIME, AT(occurred_at), 0, false},
	{"occurred_estimated", F_BOOL, AT(occurred_estimated), 0, true},
	{"detected_at", F_TIME, AT(detected_at), 0, false},
	{"reported_at", F_TIME, AT(reported_at), 0, false},
	{"management_informed_at", F_TIME, AT(management_informed_at), 0, false},
	{"subjects_informed_at", F_TIME, AT(subjects_informed_at), 0, false},
	{"contained_at", F_TIME, AT(contained_at), 0, false},
	{"resolved_at", F_TIME, AT(resolved_at), 0, false},
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

const char *mk_incident_field_name(size_t i)
{
	return i < NFIELDS ? fields[i].name : NULL;
}

static const struct field *find_field(const char *name)
{
	for (size_t i = 0; name && i < NFIELDS; i++)
		if (strcmp(fields[i].name, name) == 0)
			return &fields[i];
	return NULL;
}

bool mk_incident_field_is_flag(const char *name)
{
	const struct field *f = find_field(name);
	return f && f->type == F_BOOL;
}

enum mk_rc mk_fields_parse_bool(const char *field, const char *v, bool *ret, struct mk_error *err)
{
	static const char *const yes[] = {"ja", "yes", "true", "1", "j", "y"};
	static const char *const no[] = {"nee", "no", "false", "0", "n"};
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcasecmp(v, yes[i]) == 0) {
			*ret = true;
			return MK_OK;
		}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strcasecmp(v, no[i]) == 0) {
			*ret = false;
			return MK_OK;
		}
	return mk_error_set(err, MK_EINVAL, field, "%s '%.40s' is not ja or nee", field, v);
}

/* Sets one field of inc from text. Empty text clears an optional field. */
static enum mk_rc apply_one(struct mk_incident *inc, const struct field *f, const char *value,
			    struct mk_error *err)
{
	char *base = (char *)inc;
	bool clear = value == NULL || value[0] == '\0';
	enum mk_rc rc;

	if (clear && f->required)
		return mk_error_set(err, MK_EINVAL, f->name, "%s cannot be empty", f->name);
	switch (f->type) {
	case F_LINE:
	case F_TEXT:
	case F_KEY: {
		if (!clear) {
			rc = mk_text_check(f->name, value, f->max,
					   f->type == F_TEXT ? MK_TEXT_MULTILINE : MK_TEXT_LINE,
					   f->required, err);
			if (rc)
				return rc;
		}
		if (f->type == F_KEY && !clear) {
			int year;
			int64_t number;
			if ((rc = mk_incident_key_parse(value, &year, &number, err)))
				return rc;
		}
		if (mk_incident_set_text((char **)(base + f->offset), clear ? NULL : value))
			return mk_error_set(err, MK_ENOMEM, f->name, "out of memory");
		return MK_OK;
	}
	case F_TIME: {
		mk_time t = MK_TIME_UNKNOWN;
		if (!clear && (rc = mk_time_parse(value, f->name, &t, err)))
			return rc;
		*(mk_time *)(base + f->offset) = t;
		return MK_OK;
	}
	case F_BOOL:
		return mk_fields_parse_bool(f->name, value, (bool *)(base + f->offset), err);
	case F_SOURCE:
		if (clear) {
			*(enum mk_source *)(base + f->offset) = MK_SOURCE_UNKNOWN;
			return MK_OK;
		}
		return mk_source_parse(value, f->name, (enum mk_source *)(base + f->offset), err);
	case F_TLP:
		return mk_tlp_parse(value, f->name, (enum mk_tlp *)(base + f->offset), err);
	}
	return mk_error_set(err, MK_EINVAL, f->name, "field type unknown");
}

enum mk_rc mk_incident_apply_fields(struct mk_incident *inc, const struct mk_field_value *values,
				    size_t nvalues, struct mk_error *err)
{
	for (size_t i = 0; i < nvalues; i++) {
		const struct field *f = find_field(values[i].name);
		if (!f)
			return mk_error_set(err, MK_EINVAL, values[i].name ? values[i].name : "",
					    "'%.40s' is not a field that can be set", values[i].name
					    ? values[i].name : "");
		for (size_t j = 0; j < i; j++)
			if (strcmp(values[j].name, values[i].name) == 0)
				return mk_error_set(err, MK_EINVAL, f->name, "%s is given twice", f->name);
		enum mk_rc rc = apply_one(inc, f, values[i].value, err);
		if (rc)
			return rc;
	}
	return MK_OK;
}

/* A field's value as text for the logbook: times in Amsterdam time, yes
 * and no in Dutch, long text by its size only. */
static void value_text(const struct mk_incident *inc, const struct field *f, struct mk_buf *out)
{
	const char *base = (const char *)inc;
	char t[MK_TIME_TEXT];
	switch (f->type) {
	case F_LINE:
	case F_KEY: {
		const char *s = *(char *const *)(base + f->offset);
		if (s)
			mk_buf_addf(out, "'%s'", s);
		else
			mk_buf_adds(out, "-");
		return;
	}
	case F_TEXT: {
		const char *s = *(char *const *)(base + f->offset);
		mk_buf_addf(out, "%zu tekens", s ? mk_utf8_length(s, strlen(s)) : 0);
		return;
	}
	case F_TIME:
		mk_buf_adds(out, mk_time_format_local(*(const mk_time *)(base + f->offset), t));
		return;
	case F_BOOL:
		mk_buf_adds(out, *(const bool *)(base + f->offset) ? "ja" : "nee");
		return;
	case F_SOURCE:
		mk_buf_adds(out, mk_source_name(*(const enum mk_source *)(base + f->offset)));
		return;
	case F_TLP:
		mk_buf_adds(out, mk_tlp_name(*(const enum mk_tlp *)(base + f->offset)));
		return;
	}
}

static bool same_value(const struct mk_incident *a, const struct mk_incident *b,
		       const struct field *f)
{
	const char *pa = (const char *)a + f->offset, *pb = (const char *)b + f->offset;
	switch (f->type) {
	case F_LINE:
	case F_TEXT:
	case F_KEY: {
		const char *sa = *(char *const *)pa, *sb = *(char *const *)pb;
		return (!sa && !sb) || (sa && sb && strcmp(sa, sb) == 0);
	}
	case F_TIME:
		return *(const mk_time *)pa == *(const mk_time *)pb;
	case F_BOOL:
		return *(const bool *)pa == *(const bool *)pb;
	case F_SOURCE:
		return *(const enum mk_source *)pa == *(const enum mk_source *)pb;
	case F_TLP:
		return *(const enum mk_tlp *)pa == *(const enum mk_tlp *)pb;
	}
	return false;
}

void mk_fields_describe_changes(const struct mk_incident *before, const struct mk_incident *after,
				const struct mk_field_value *values, size_t nvalues,
				struct mk_buf *out, size_t *ret_changed)
{
	size_t changed = 0;
	for (size_t i = 0; i < nvalues; i++) {
		const struct field *f = find_field(values[i].name);
		if (!f || same_value(before, after, f))
			continue;
		mk_buf_addf(out, "%s%s: ", changed ? "\n" : "", f->name);
		value_text(before, f, out);
		mk_buf_adds(out, " -> ");
		value_text(after, f, out);
		changed++;
	}
	*ret_changed = changed;
}
