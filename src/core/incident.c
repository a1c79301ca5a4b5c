/* The incident record's checks. */
#include "core/incident.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "core/text.h"

/* The owned strings of an incident, for release and copy. */
#define INCIDENT_STRINGS(inc)                                                              \
	{                                                                                  \
		&(inc)->title, &(inc)->description, &(inc)->reporter.name,                 \
		&(inc)->reporter.department, &(inc)->reporter.phone, &(inc)->reporter.email, \
		&(inc)->matrix_category, &(inc)->matrix_incident, &(inc)->parent_key,        \
		&(inc)->supplier, &(inc)->source_ref, &(inc)->victim, &(inc)->industry,      \
	}

void mk_incident_init(struct mk_incident *inc)
{
	memset(inc, 0, sizeof(*inc));
	inc->people_affected = -1;
	inc->tlp = MK_TLP_AMBER;
	inc->phase = MK_PHASE_DETECTIE;
	inc->event_type = MK_EVENT_NORMAAL;
	inc->source = MK_SOURCE_UNKNOWN;
	inc->occurred_at = inc->detected_at = inc->reported_at = MK_TIME_UNKNOWN;
	inc->management_informed_at = inc->subjects_informed_at = MK_TIME_UNKNOWN;
	inc->contained_at = inc->resolved_at = inc->closed_at = MK_TIME_UNKNOWN;
	inc->ap_notified_at = inc->evaluated_at = MK_TIME_UNKNOWN;
	inc->created_at = inc->updated_at = MK_TIME_UNKNOWN;
}

void mk_incident_release(struct mk_incident *inc)
{
	if (!inc)
		return;
	char **strings[] = INCIDENT_STRINGS(inc);
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		mk_free(*strings[i]);
	mk_incident_init(inc);
}

enum mk_rc mk_incident_copy(struct mk_incident *dst, const struct mk_incident *src)
{
	mk_incident_release(dst);
	*dst = *src;
	char **to[] = INCIDENT_STRINGS(dst);
	char *const *from[] = INCIDENT_STRINGS((struct mk_incident *)src);
	bool oom = false;
	for (size_t i = 0; i < sizeof(to) / sizeof(to[0]); i++) {
		*to[i] = oom ? NULL : mk_strdup(*from[i]);
		if (*from[i] && !*to[i])
			oom = true;
	}
	if (oom) {
		mk_incident_release(dst);
		return MK_ENOMEM;
	}
	return MK_OK;
}

enum mk_rc mk_incident_set_text(char **slot, const char *value)
{
	char *copy = NULL;
	if (value && !(copy = mk_strdup(value)))
		return MK_ENOMEM;
	mk_free(*slot);
	*slot = copy;
	return MK_OK;
}

/* Loose on purpose: an address is checked for its shape only; whether it
 * exists is for mail to find out. */
static enum mk_rc check_email(const char *email, struct mk_error *err)
{
	if (!email || !email[0])
		return MK_OK;
	const char *at = strchr(email, '@');
	if (!at || at == email || !at[1] || strchr(at + 1, '@') || strchr(email, ' '))
		return mk_error_set(err, MK_EINVAL, "reporter_email",
				    "reporter_email '%.100s' is not an e-mail address", email);
	return MK_OK;
}

struct named_time {
	const char *name;
	mk_time t;
};

static enum mk_rc check_time(const struct named_time *nt, mk_time now, struct mk_error *err)
{
	if (nt->t == MK_TIME_UNKNOWN)
		return MK_OK;
	if (nt->t < MK_TIME_MIN || nt->t >= MK_TIME_MAX) {
		struct mk_civil c;
		mk_time_to_civil(nt->t, &c);
		return mk_error_set(err, MK_EINVAL, nt->name,
				    "%s lies in the year %d: meldkamer accepts 1970 up to 2099",
				    nt->name, c.year);
	}
	if (now != MK_TIME_UNKNOWN && nt->t > now + MK_DAY) {
		char buf[MK_TIME_TEXT];
		return mk_error_set(err, MK_EINVAL, nt->name, "%s (%s) lies in the future",
				    nt->name, mk_time_format_local(nt->t, buf));
	}
	return MK_OK;
}

/* later must not lie before earlier, when both are known. */
static enum mk_rc check_order(const struct named_time *earlier, const struct named_time *later,
			      struct mk_error *err)
{
	if (earlier->t == MK_TIME_UNKNOWN || later->t == MK_TIME_UNKNOWN || later->t >= earlier->t)
		return MK_OK;
	char a[MK_TIME_TEXT], b[MK_TIME_TEXT];
	return mk_error_set(err, MK_EINVAL, later->name, "%s (%s) lies before %s (%s)",
			    later->name, mk_time_format_local(later->t, a), earlier->name,
			    mk_time_format_local(earlier->t, b));
}

enum mk_rc mk_incident_check(const struct mk_incident *inc, mk_time now, struct mk_error *err)
{
	enum mk_rc rc;
	const struct {
		const char *field;
		const char *value;
		size_t max;
		enum mk_text_kind kind;
		bool required;
	} texts[] = {
		{"title", inc->title, MK_TITLE_MAX, MK_TEXT_LINE, true},
		{"description", inc->description, MK_TEXT_MAX, MK_TEXT_MULTILINE, false},
		{"reporter_name", inc->reporter.name, MK_NAME_MAX, MK_TEXT_LINE, false},
		{"reporter_department", inc->reporter.department, MK_NAME_MAX, MK_TEXT_LINE, false},
		{"reporter_phone", inc->reporter.phone, MK_NAME_MAX, MK_TEXT_LINE, false},
		{"reporter_email", inc->reporter.email, MK_NAME_MAX, MK_TEXT_LINE, false},
		{"category", inc->matrix_category, MK_NAME_MAX, MK_TEXT_LINE, inc->classified},
		{"incident", inc->matrix_incident, MK_NAME_MAX, MK_TEXT_LINE, inc->classified},
		{"supplier", inc->supplier, MK_NAME_MAX, MK_TEXT_LINE, false},
		{"source_ref", inc->source_ref, MK_NAME_MAX, MK_TEXT_LINE, false},
		{"victim", inc->victim, MK_NAME_MAX, MK_TEXT_LINE, false},
		{"industry", inc->industry, MK_NAME_MAX, MK_TEXT_LINE, false},
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if ((rc = mk_text_check(texts[i].field, texts[i].value, texts[i].max, texts[i].kind,
					texts[i].required, err)))
			return rc;
	if ((rc = check_email(inc->reporter.email, err)))
		return rc;
	if (inc->people_affected < -1)
		return mk_error_set(err, MK_EINVAL, "people_affected",
				    "people_affected cannot be negative");

	const struct named_time occurred = {"occurred_at", inc->occurred_at},
				detected = {"detected_at", inc->detected_at},
				reported = {"reported_at", inc->reported_at},
				management = {"management_informed_at", inc->management_informed_at},
				subjects = {"subjects_informed_at", inc->subjects_informed_at},
				contained = {"contained_at", inc->contained_at},
				resolved = {"resolved_at", inc->resolved_at},
				closed = {"closed_at", inc->closed_at},
				ap = {"ap_notified_at", inc->ap_notified_at},
				evaluated = {"evaluated_at", inc->evaluated_at};
	const struct named_time *all[] = {&occurred, &detected, &reported, &management, &subjects,
					  &contained, &resolved, &closed, &ap, &evaluated};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if ((rc = check_time(all[i], now, err)))
			return rc;
	for (size_t i = 1; i < sizeof(all) / sizeof(all[0]); i++)
		if ((rc = check_order(&occurred, all[i], err)))
			return rc;
	const struct named_time *after_detection[] = {&management, &subjects, &contained,
						      &resolved, &closed, &ap};
	for (size_t i = 0; i < sizeof(after_detection) / sizeof(after_detection[0]); i++)
		if ((rc = check_order(&detected, after_detection[i], err)))
			return rc;
	if ((rc = check_order(&contained, &resolved, err)) || (rc = check_order(&resolved, &closed, err)))
		return rc;
	return MK_OK;
}

void mk_incident_key_format(int year, int64_t number, char *buf)
{
	snprintf(buf, MK_KEY_TEXT, "MK-%04d-%04lld", year, (long long)number);
}

enum mk_rc mk_incident_key_parse(const char *s, int *ret_year, int64_t *ret_number,
				 struct mk_error *err)
{
	int year = 0;
	int64_t number = 0;
	size_t i = 3, digits = 0;
	if (!s || strlen(s) > 20 || strncasecmp(s, "MK-", 3) != 0)
		goto bad;
	/* Stop after a fifth digit: that already makes the key invalid, and a
	 * longer run would overflow year. */
	for (; s[i] >= '0' && s[i] <= '9' && digits < 5; i++, digits++)
		year = year * 10 + (s[i] - '0');
	if (digits != 4 || s[i++] != '-')
		goto bad;
	for (digits = 0; s[i] >= '0' && s[i] <= '9' && digits < 9; i++, digits++)
		number = number * 10 + (s[i] - '0');
	if (digits < 1 || s[i] != '\0' || number < 1)
		goto bad;
	*ret_year = year;
	*ret_number = number;
	return MK_OK;
bad:
	return mk_error_set(err, MK_EINVAL, "key",
			    "'%.40s' is not an incident key: use the form MK-2026-0001",
			    s ? s : "");
}

bool mk_incident_has_citizen_impact(const struct mk_incident *inc)
{
	return inc->impact.level[MK_CRITERION_BETROKKENEN] >= MK_LEVEL_MIDDEN ||
	       inc->impact.level[MK_CRITERION_BESCHIKBAARHEID] >= MK_LEVEL_MIDDEN;
}
