/* The rules for alerts that do not depend on their source format: the
 * four-step severity scale and how each source's scale maps onto it, and
 * when a repeated alert joins an alert group. */
#include "core/alert.h"

#include <string.h>

static const char *const kind_names[MK_ALERT_KIND_COUNT] = {"suricata", "wazuh", "generic"};
static const char *const severity_names[MK_SEVERITY_MAX + 1] = {
	"", "low", "medium", "high", "critical",
};

const char *mk_alert_kind_name(enum mk_alert_kind k)
{
	return (int)k >= 0 && k < MK_ALERT_KIND_COUNT ? kind_names[k] : "?";
}

enum mk_rc mk_alert_kind_parse(const char *s, const char *field, enum mk_alert_kind *ret,
			       struct mk_error *err)
{
	for (int i = 0; s && i < MK_ALERT_KIND_COUNT; i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*ret = (enum mk_alert_kind)i;
			return MK_OK;
		}
	return mk_error_set(err, MK_EINVAL, field,
			    "%s '%.80s' is unknown: use one of suricata, wazuh, generic", field,
			    s ? s : "");
}

const char *mk_severity_name(int severity)
{
	return severity >= MK_SEVERITY_MIN && severity <= MK_SEVERITY_MAX ? severity_names[severity]
									   : "";
}

enum mk_rc mk_severity_parse(const char *s, const char *field, int *ret, struct mk_error *err)
{
	for (int i = MK_SEVERITY_MIN; s && i <= MK_SEVERITY_MAX; i++)
		if (strcmp(s, severity_names[i]) == 0 || (s[0] == '0' + i && s[1] == 0)) {
			*ret = i;
			return MK_OK;
		}
	return mk_error_set(err, MK_EINVAL, field,
			    "%s '%.80s' is unknown: use one of low, medium, high, critical (or 1 to 4)",
			    field, s ? s : "");
}

enum mk_rc mk_severity_from_suricata(int64_t s, int *ret, struct mk_error *err)
{
	/* Suricata's classification.config gives priority 1 to the most
	 * severe classes (trojan activity, attempted admin), 3 to the least;
	 * rules may set 4 or more, which still means "less". */
	if (s < 1 || s > 255)
		return mk_error_set(err, MK_EINVAL, "alert.severity",
				    "alert.severity %lld is out of range (1 to 255)", (long long)s);
	*ret = s == 1 ? 3 : s == 2 ? 2 : 1;
	return MK_OK;
}

enum mk_rc mk_severity_from_wazuh(int64_t level, int *ret, struct mk_error *err)
{
	/* Wazuh's rule classification runs 0..15; its dashboard groups
	 * them into low (0-6), medium (7-11), high (12-14), critical (15). */
	if (level < 0 || level > 15)
		return mk_error_set(err, MK_EINVAL, "rule.level",
				    "rule.level %lld is out of range (0 to 15)", (long long)level);
	*ret = level <= 6 ? 1 : level <= 11 ? 2 : level <= 14 ? 3 : 4;
	return MK_OK;
}

bool mk_alert_joins(mk_time first, mk_time last, mk_time at, int64_t window)
{
	return at >= first - window && at <= last + window;
}

enum mk_rc mk_alert_window_parse(const char *s, int64_t *ret, struct mk_error *err)
{
	int64_t v = 0;
	size_t i = 0;
	if (!s || !s[0])
		goto bad;
	for (; s[i] >= '0' && s[i] <= '9'; i++) {
		v = v * 10 + (s[i] - '0');
		if (v > MK_ALERT_WINDOW_MAX)
			goto range;
	}
	if (i == 0)
		goto bad;
	int64_t unit = 1;
	if (s[i]) {
		if (s[i + 1])
			goto bad;
		switch (s[i]) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		default: goto bad;
		}
	}
	v *= unit;
	if (v < 1 || v > MK_ALERT_WINDOW_MAX)
		goto range;
	*ret = v;
	return MK_OK;
bad:
	return mk_error_set(err, MK_EINVAL, "window",
			    "window '%.40s' is not a duration: use seconds or a number with s, m, h "
			    "or d (1h)",
			    s ? s : "");
range:
	return mk_error_set(err, MK_EINVAL, "window", "window '%.40s' must be 1s to 30d", s);
}
