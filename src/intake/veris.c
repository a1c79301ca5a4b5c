/* VERIS records into meldkamer incidents: the pure part of
 * `meldkamer import veris`. Parsing goes through jansson only; every field
 * the mapping reads is type-checked first, so that a record is either
 * mapped completely or refused with the field and the problem named.
 * Fields the mapping does not read are not checked: VERIS has grown over
 * the years (1.2 to 1.4 in the VCDB sample) and an importer that refused
 * what it ignores anyway would refuse real records for nothing.
 * doc/veris-mapping.md describes every rule; tools/veris-kpi-reference.py
 * implements the same rules independently, and the two must agree. */
#include "intake/veris.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "core/tsv.h"

extern const char mk_data_veris_map_tsv[];
extern const unsigned long mk_data_veris_map_tsv_len;

/* "veris:" + incident_id must fit a one-line field of MK_NAME_MAX bytes. */
#define SOURCE_REF_PREFIX "veris:"
#define INCIDENT_ID_MAX (MK_NAME_MAX - (sizeof(SOURCE_REF_PREFIX) - 1))
/* The reference URL(s) in a description; the summary gets the rest. */
#define REFERENCE_MAX MK_SHORT_TEXT_MAX
/* The range of timeline.incident.year: that of every meldkamer time. */
#define YEAR_MIN 1970
#define YEAR_MAX 2099

/* ---- the rules (data/veris-map.tsv) ---------------------------------- */

/* The VERIS actions, in the order used when no rule matched and a title
 * still needs a main action; with their Dutch names for the title. */
static const struct {
	const char *name;
	const char *label;
} actions[] = {
	{"malware", "Malware"},       {"hacking", "Hacking"},
	{"social", "Social engineering"}, {"misuse", "Misbruik"},
	{"physical", "Fysiek"},       {"error", "Fout"},
	{"environmental", "Omgevingsfactor"},
};
#define NACTIONS (sizeof(actions) / sizeof(actions[0]))

static const char *const attributes[] = {"confidentiality", "integrity", "availability"};
#define NATTRIBUTES (sizeof(attributes) / sizeof(attributes[0]))

struct rule {
	size_t action;         /* index into actions[] */
	char *variety;         /* owned; NULL = any */
	char asset;            /* asset class letter, 0 = any */
	int attribute;         /* index into attributes[], -1 = any */
	enum mk_matrix_table table;
	char *category;        /* owned */
	char *incident;        /* owned */
};

struct mk_veris_map {
	struct rule *rules;    /* owned, in file order */
	size_t count;
};

void mk_veris_map_free(struct mk_veris_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->count; i++) {
		mk_free(m->rules[i].variety);
		mk_free(m->rules[i].category);
		mk_free(m->rules[i].incident);
	}
	mk_free(m->rules);
	mk_free(m);
}

size_t mk_veris_map_count(const struct mk_veris_map *m)
{
	return m ? m->count : 0;
}

static int action_index(const char *name)
{
	for (size_t i = 0; i < NACTIONS; i++)
		if (strcmp(actions[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Checks one rule's cells and fills r (strings still borrowed). */
static enum mk_rc rule_from_cells(const struct mk_matrix *matrix, const struct mk_tsv *t,
				  size_t row, struct rule *r, struct mk_error *err)
{
	const char *action = mk_tsv_cell(t, row, 0), *variety = mk_tsv_cell(t, row, 1);
	const char *asset = mk_tsv_cell(t, row, 2), *attribute = mk_tsv_cell(t, row, 3);
	int a = action_index(action);
	if (a < 0)
		return mk_error_set(err, MK_EINVAL, "action",
				    "action '%.60s' is not a VERIS action (hacking, malware, social, "
				    "misuse, physical, error, environmental)", action);
	r->action = (size_t)a;
	if (!variety[0])
		return mk_error_set(err, MK_EINVAL, "variety", "variety is empty: use * for any");
	r->variety = strcmp(variety, "*") == 0 ? NULL : (char *)variety;
	if (strcmp(asset, "*") == 0)
		r->asset = 0;
	else if (strlen(asset) == 1 && strchr("SNUETMP", asset[0]))
		r->asset = asset[0];
	else
		return mk_error_set(err, MK_EINVAL, "asset",
				    "asset '%.60s' is not an asset class letter (S, N, U, E, T, M, P) or *",
				    asset);
	r->attribute = -1;
	if (strcmp(attribute, "*") != 0) {
		for (size_t i = 0; i < NATTRIBUTES; i++)
			if (strcmp(attributes[i], attribute) == 0)
				r->attribute = (int)i;
		if (r->attribute < 0)
			return mk_error_set(err, MK_EINVAL, "attribute",
					    "attribute '%.60s' is not confidentiality, integrity, "
					    "availability or *", attribute);
	}
	enum mk_rc rc;
	if ((rc = mk_matrix_table_parse(mk_tsv_cell(t, row, 4), "table", &r->table, err)))
		return rc;
	r->category = (char *)mk_tsv_cell(t, row, 5);
	r->incident = (char *)mk_tsv_cell(t, row, 6);
	/* The rules point into the matrix by name: a renamed or removed row
	 * would classify imports into a row that does not exist. */
	const struct mk_matrix_row *found;
	return mk_matrix_lookup(matrix, r->table, r->category, r->incident, &found, err);
}

enum mk_rc mk_veris_map_parse(const struct mk_matrix *matrix, const char *text, size_t len,
			      const char *what, struct mk_veris_map **ret, struct mk_error *err)
{
	static const char *const columns[] = {"action", "variety", "asset", "attribute",
					      "table", "category", "incident"};
	struct mk_tsv t;
	struct mk_veris_map *m = NULL;
	enum mk_rc rc = mk_tsv_parse(text, len, what, columns, 7, &t, err);
	if (rc)
		return rc;
	m = mk_calloc(1, sizeof(*m));
	if (!m || (t.rows && !(m->rules = mk_calloc(t.rows, sizeof(*m->rules))))) {
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory reading %s", what);
		goto out;
	}
	for (size_t i = 0; i < t.rows; i++) {
		struct rule r = {0};
		struct mk_error cell_err;
		if ((rc = rule_from_cells(matrix, &t, i, &r, &cell_err))) {
			mk_error_set(err, rc, cell_err.field, "%s rule %zu: %s", what, i + 1,
				     cell_err.message);
			goto out;
		}
		struct rule *dst = &m->rules[m->count++];
		*dst = r;
		dst->variety = NULL;
		dst->category = mk_strdup(r.category);
		dst->incident = mk_strdup(r.incident);
		if ((r.variety && !(dst->variety = mk_strdup(r.variety))) || !dst->category ||
		    !dst->incident) {
			rc = mk_error_set(err, MK_ENOMEM, "", "out of memory reading %s", what);
			goto out;
		}
	}
	*ret = m;
	m = NULL;
out:
	mk_veris_map_free(m);
	mk_tsv_release(&t);
	return rc;
}

enum mk_rc mk_veris_map_load_default(const struct mk_matrix *matrix, struct mk_veris_map **ret,
				     struct mk_error *err)
{
	return mk_veris_map_parse(matrix, mk_data_veris_map_tsv, mk_data_veris_map_tsv_len,
				  "data/veris-map.tsv", ret, err);
}

/* ---- reading and parsing --------------------------------------------- */

/* Nesting depth of containers in v: 0 for a scalar, 1 for an empty object
 * or array. Stops descending below `limit`, so the answer is exact up to
 * limit and at least limit + 1 beyond. jansson's own parser limit (2048)
 * already bounds the recursion. */
static size_t json_depth(const json_t *v, size_t limit)
{
	size_t deepest = 0;
	if (!json_is_object(v) && !json_is_array(v))
		return 0;
	if (limit == 0)
		return 1;
	if (json_is_object(v)) {
		const char *key;
		json_t *child;
		json_object_foreach((json_t *)v, key, child) {
			size_t d = json_depth(child, limit - 1);
			if (d > deepest)
				deepest = d;
		}
	} else {
		size_t i;
		json_t *child;
		json_array_foreach(v, i, child) {
			size_t d = json_depth(child, limit - 1);
			if (d > deepest)
				deepest = d;
		}
	}
	return deepest + 1;
}

enum mk_rc mk_veris_parse(const char *data, size_t len, const char *name, json_t **ret_root,
			  struct mk_error *err)
{
	if (!name)
		name = "input";
	/* Limits first, before any work proportional to the input. */
	if (len > MK_VERIS_FILE_MAX)
		return mk_error_set(err, MK_ETOOBIG, "",
				    "'%.200s' is too big for a VERIS record: %zu bytes, the limit is %d",
				    name, len, MK_VERIS_FILE_MAX);
	const char *nul = memchr(data, '\0', len);
	if (nul)
		return mk_error_set(err, MK_EINVAL, "", "'%.200s' contains a NUL byte at byte %zu",
				    name, (size_t)(nul - data));
	size_t bad = mk_utf8_first_invalid(data, len);
	if (bad < len)
		return mk_error_set(err, MK_EINVAL, "", "'%.200s' is not valid UTF-8 (at byte %zu)",
				    name, bad);

	json_error_t jerr;
	/* Duplicate keys are refused: two parsers could each believe a
	 * different value, which is how smuggled fields get past a check. */
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (!root) {
		/* jansson names its own flag here; say what is wrong instead. */
		const char *why = strstr(jerr.text, "JSON_ALLOW_NUL")
					  ? "a NUL character (\\u0000) in a string"
					  : jerr.text;
		return mk_error_set(err, MK_EINVAL, "",
				    "'%.200s' is not JSON: %s at line %d, column %d", name, why,
				    jerr.line, jerr.column);
	}
	if (!json_is_object(root)) {
		json_decref(root);
		return mk_error_set(err, MK_EINVAL, "",
				    "'%.200s' is not a VERIS record: the top level is not a JSON object",
				    name);
	}
	if (json_depth(root, MK_JSON_DEPTH_MAX + 1) > MK_JSON_DEPTH_MAX) {
		json_decref(root);
		return mk_error_set(err, MK_ETOOBIG, "",
				    "'%.200s' is nested more than %d levels deep", name,
				    MK_JSON_DEPTH_MAX);
	}
	*ret_root = root;
	return MK_OK;
}

enum mk_rc mk_veris_read_file(const char *path, json_t **ret_root, struct mk_error *err)
{
	enum mk_rc rc;
	char *data = NULL;
	/* O_NONBLOCK: a FIFO or device given as a file must not hang the
	 * import; it is refused below as not a regular file. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return mk_error_set(err, errno == ENOENT ? MK_ENOTFOUND : MK_EINVAL, "",
				    "cannot open '%.200s': %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0) {
		rc = mk_error_set(err, MK_EINVAL, "", "cannot read '%.200s': %s", path,
				  strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = mk_error_set(err, MK_EINVAL, "", "'%.200s' is not a regular file", path);
		goto out;
	}
	if (st.st_size > MK_VERIS_FILE_MAX) {
		rc = mk_error_set(err, MK_ETOOBIG, "",
				  "'%.200s' is too big for a VERIS record: %lld bytes, the limit is %d",
				  path, (long long)st.st_size, MK_VERIS_FILE_MAX);
		goto out;
	}
	/* Read at most one byte beyond the limit: the file may have grown
	 * since fstat, and mk_veris_parse then names the limit. */
	size_t cap = (size_t)MK_VERIS_FILE_MAX + 1, len = 0;
	size_t alloc = (size_t)st.st_size + 1 < cap ? (size_t)st.st_size + 1 : cap;
	if (!(data = mk_malloc(alloc))) {
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory reading '%.200s'", path);
		goto out;
	}
	for (;;) {
		if (len == alloc) {
			if (alloc == cap)
				break;
			size_t grown = alloc * 2 < cap ? alloc * 2 : cap;
			char *p = mk_realloc(data, grown);
			if (!p) {
				rc = mk_error_set(err, MK_ENOMEM, "", "out of memory reading '%.200s'",
						  path);
				goto out;
			}
			data = p;
			alloc = grown;
		}
		ssize_t n = read(fd, data + len, alloc - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = mk_error_set(err, MK_EINVAL, "", "cannot read '%.200s': %s", path,
					  strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	rc = mk_veris_parse(data, len, path, ret_root, err);
out:
	mk_free(data);
	close(fd);
	return rc;
}

/* ---- typed access to the record --------------------------------------- */

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a real number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "a strange value";
}

/* The member key of obj; NULL when absent. JSON null counts as absent:
 * VERIS exporters write null for "not filled in". */
static json_t *member(const json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_null(v) ? NULL : v;
}

static enum mk_rc wrong_type(const char *path, const json_t *v, const char *expected,
			     struct mk_error *err)
{
	return mk_error_set(err, MK_EINVAL, path, "%s is %s, expected %s", path, type_name(v),
			    expected);
}

/* Optional member of the given type: *ret is NULL when absent. */
static enum mk_rc get_typed(const json_t *obj, const char *key, const char *path,
			    json_type type, json_t **ret, struct mk_error *err)
{
	static const char *const expected[] = {
		[JSON_OBJECT] = "an object", [JSON_ARRAY] = "an array",
		[JSON_STRING] = "a string",  [JSON_INTEGER] = "an integer",
	};
	json_t *v = member(obj, key);
	*ret = NULL;
	if (!v)
		return MK_OK;
	if (json_typeof(v) != type)
		return wrong_type(path, v, expected[type], err);
	*ret = v;
	return MK_OK;
}

/* A required, non-blank string member without control characters. */
static enum mk_rc get_id_string(const json_t *obj, const char *key, size_t max,
				const char **ret, struct mk_error *err)
{
	json_t *v;
	enum mk_rc rc = get_typed(obj, key, key, JSON_STRING, &v, err);
	if (rc)
		return rc;
	if (!v)
		return mk_error_set(err, MK_EINVAL, key, "%s is missing", key);
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);
	bool blank = true;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return mk_error_set(err, MK_EINVAL, key,
					    "%s contains a control character (0x%02x at byte %zu)",
					    key, c, i);
		if (c != ' ')
			blank = false;
	}
	if (blank)
		return mk_error_set(err, MK_EINVAL, key, "%s is empty", key);
	if (len > max)
		return mk_error_set(err, MK_EINVAL, key, "%s is too long: %zu bytes, the limit is %zu",
				    key, len, max);
	*ret = s;
	return MK_OK;
}

/* An array member whose elements must all be strings (VERIS "variety"
 * lists). *ret is NULL when absent. */
static enum mk_rc get_string_array(const json_t *obj, const char *key, const char *path,
				   json_t **ret, struct mk_error *err)
{
	enum mk_rc rc = get_typed(obj, key, path, JSON_ARRAY, ret, err);
	if (rc || !*ret)
		return rc;
	size_t i;
	json_t *el;
	json_array_foreach(*ret, i, el) {
		if (!json_is_string(el)) {
			char p[96];
			snprintf(p, sizeof(p), "%s[%zu]", path, i);
			return wrong_type(p, el, "a string", err);
		}
	}
	return MK_OK;
}

static bool array_has_string(const json_t *arr, const char *s)
{
	size_t i;
	json_t *el;
	json_array_foreach(arr, i, el)
		if (strcmp(json_string_value(el), s) == 0)
			return true;
	return false;
}

/* ---- dates and durations ---------------------------------------------- */

/* "05:45:00 PM" (the VERIS schema's format), "5:45 PM", "17:45:00" or
 * "17:45": seconds since midnight, or -1. */
static long parse_time_of_day(const char *s)
{
	int part[3] = {0, 0, 0}, nparts = 0;
	const char *p = s;
	while (nparts < 3) {
		int digits = 0, v = 0;
		while (*p >= '0' && *p <= '9' && digits < 2) {
			v = v * 10 + (*p++ - '0');
			digits++;
		}
		if (digits == 0 || (nparts > 0 && digits != 2))
			return -1;
		part[nparts++] = v;
		if (*p != ':')
			break;
		p++;
	}
	if (nparts < 2)
		return -1;
	int hour = part[0];
	if (*p == ' ' && (strcasecmp(p + 1, "AM") == 0 || strcasecmp(p + 1, "PM") == 0)) {
		if (hour < 1 || hour > 12)
			return -1;
		hour = hour % 12 + (strcasecmp(p + 1, "PM") == 0 ? 12 : 0);
		p += 3;
	}
	if (*p != '\0' || hour > 23 || part[1] > 59 || part[2] > 59)
		return -1;
	return (long)hour * 3600 + part[1] * 60 + part[2];
}

static enum mk_rc get_date_part(const json_t *incident, const char *key, int min, int max,
				int *ret, struct mk_error *err)
{
	char path[64];
	snprintf(path, sizeof(path), "timeline.incident.%s", key);
	json_t *v;
	enum mk_rc rc = get_typed(incident, key, path, JSON_INTEGER, &v, err);
	if (rc)
		return rc;
	*ret = 0;
	if (!v)
		return MK_OK;
	json_int_t n = json_integer_value(v);
	if (n < min || n > max)
		return mk_error_set(err, MK_EINVAL, path, "%s %lld lies outside %d..%d", path,
				    (long long)n, min, max);
	*ret = (int)n;
	return MK_OK;
}

/* timeline.incident -> occurred_at: a partial date is the first moment of
 * its year or month and only an estimate; a full date is that day 00:00
 * UTC, plus the time of day if given. */
static enum mk_rc map_incident_date(const json_t *timeline, mk_time now,
				    struct mk_incident *inc, struct mk_error *err)
{
	json_t *incident;
	enum mk_rc rc = get_typed(timeline, "incident", "timeline.incident", JSON_OBJECT,
				  &incident, err);
	if (rc)
		return rc;
	if (!incident)
		return mk_error_set(err, MK_EINVAL, "timeline.incident",
				    "timeline.incident is missing: the incident has no date");
	json_t *y;
	if ((rc = get_typed(incident, "year", "timeline.incident.year", JSON_INTEGER, &y, err)))
		return rc;
	if (!y)
		return mk_error_set(err, MK_EINVAL, "timeline.incident.year",
				    "timeline.incident.year is missing");
	int year, month, day;
	if ((rc = get_date_part(incident, "year", YEAR_MIN, YEAR_MAX, &year, err)) ||
	    (rc = get_date_part(incident, "month", 1, 12, &month, err)) ||
	    (rc = get_date_part(incident, "day", 1, 31, &day, err)))
		return rc;
	json_t *tv;
	if ((rc = get_typed(incident, "time", "timeline.incident.time", JSON_STRING, &tv, err)))
		return rc;

	struct mk_civil c = {.year = year, .month = month ? month : 1, .day = 1};
	bool estimated = true;
	/* A day without a month says nothing: the year alone counts. */
	if (month && day) {
		if (day > mk_days_in_month(year, month))
			return mk_error_set(err, MK_EINVAL, "timeline.incident.day",
					    "timeline.incident %04d-%02d-%02d is not a date", year,
					    month, day);
		c.day = day;
		estimated = false;
	}
	mk_time t = mk_time_from_civil(&c);
	/* A time of day only makes sense on a known day; on a partial date it
	 * is ignored (but still type-checked above). */
	if (tv && !estimated) {
		long tod = parse_time_of_day(json_string_value(tv));
		if (tod < 0)
			return mk_error_set(err, MK_EINVAL, "timeline.incident.time",
					    "timeline.incident.time '%.40s' is not a time of day "
					    "(e.g. '05:45:00 PM')", json_string_value(tv));
		t += tod;
	}
	if (now != MK_TIME_UNKNOWN && t > now + MK_DAY) {
		char buf[MK_TIME_TEXT];
		return mk_error_set(err, MK_EINVAL, "timeline.incident",
				    "timeline.incident (%s) lies more than a day after now",
				    mk_time_format_utc(t, buf));
	}
	inc->occurred_at = t;
	inc->occurred_estimated = estimated;
	return MK_OK;
}

static const struct {
	const char *name;
	mk_time seconds; /* 0: the duration is unknown */
} units[] = {
	{"Seconds", 1},         {"Minutes", MK_MINUTE},  {"Hours", MK_HOUR},
	{"Days", MK_DAY},       {"Weeks", MK_WEEK},      {"Months", 2592000},
	{"Years", 31536000},    {"Never", 0},            {"NA", 0},
	{"Unknown", 0},
};

/* timeline.<key> as a duration from start: *ret is start + the duration,
 * or MK_TIME_UNKNOWN. Units compare without regard to ASCII case. A month
 * is 30 days and a year 365 days (VERIS has no calendar for them). */
static enum mk_rc map_duration(const json_t *timeline, const char *key, mk_time start,
			       mk_time now, const char *target, mk_time *ret,
			       struct mk_error *err)
{
	char path[64], upath[64], vpath[64];
	snprintf(path, sizeof(path), "timeline.%s", key);
	snprintf(upath, sizeof(upath), "timeline.%s.unit", key);
	snprintf(vpath, sizeof(vpath), "timeline.%s.value", key);
	*ret = MK_TIME_UNKNOWN;
	json_t *obj, *unit_v, *value_v;
	enum mk_rc rc = get_typed(timeline, key, path, JSON_OBJECT, &obj, err);
	if (rc || !obj)
		return rc;
	if ((rc = get_typed(obj, "unit", upath, JSON_STRING, &unit_v, err)))
		return rc;
	value_v = member(obj, "value");
	if (value_v && !json_is_number(value_v))
		return wrong_type(vpath, value_v, "a number", err);
	if (value_v && json_number_value(value_v) < 0)
		return mk_error_set(err, MK_EINVAL, vpath, "%s %g is negative", vpath,
				    json_number_value(value_v));
	if (!unit_v)
		return MK_OK; /* a value without a unit means nothing */
	const char *unit = json_string_value(unit_v);
	mk_time factor = -1;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcasecmp(units[i].name, unit) == 0)
			factor = units[i].seconds;
	if (factor < 0)
		return mk_error_set(err, MK_EINVAL, upath,
				    "%s '%.40s' is not a VERIS unit (Seconds, Minutes, Hours, Days, "
				    "Weeks, Months, Years, Never, NA, Unknown)", upath, unit);
	if (factor == 0 || !value_v || start == MK_TIME_UNKNOWN)
		return MK_OK;

	/* Every time lies before MK_TIME_MAX, so a duration beyond it can
	 * only be wrong; checking first keeps the arithmetic in range. */
	mk_time d;
	if (json_is_integer(value_v)) {
		json_int_t v = json_integer_value(value_v);
		if (v > (MK_TIME_MAX - start) / factor)
			goto too_late;
		d = (mk_time)v * factor;
	} else {
		double v = json_real_value(value_v) * (double)factor;
		if (!(v < (double)(MK_TIME_MAX - start)))
			goto too_late;
		d = (mk_time)floor(v + 0.5); /* round half up to whole seconds */
	}
	mk_time t = start + d;
	if (t >= MK_TIME_MAX || (now != MK_TIME_UNKNOWN && t > now + MK_DAY))
		goto too_late;
	*ret = t;
	return MK_OK;
too_late:
	if (json_is_integer(value_v))
		return mk_error_set(err, MK_EINVAL, path,
				    "%s (%lld %s) puts %s more than a day after now", path,
				    (long long)json_integer_value(value_v), unit, target);
	return mk_error_set(err, MK_EINVAL, path, "%s (%g %s) puts %s more than a day after now",
			    path, json_real_value(value_v), unit, target);
}

/* ---- discovery method -> detection source ------------------------------ */

struct source_name {
	const char *variety; /* lower case */
	enum mk_source source;
};

/* H2 "Detectie" has no "unknown internal" or "unknown external" source:
 * those stay MK_SOURCE_UNKNOWN. doc/veris-mapping.md gives the reasons. */
static const struct source_name internal_sources[] = {
	{"antivirus", MK_SOURCE_IDS_IPS},
	{"break in discovered", MK_SOURCE_SERVICEDESK},
	{"data loss prevention", MK_SOURCE_DLP},
	{"financial audit", MK_SOURCE_SERVICEDESK},
	{"fraud detection", MK_SOURCE_SIEM_SOC},
	{"hids", MK_SOURCE_IDS_IPS},
	{"incident response", MK_SOURCE_SIEM_SOC},
	{"infrastructure monitoring", MK_SOURCE_VERTRAGING},
	{"it review", MK_SOURCE_SERVICEDESK},
	{"log review", MK_SOURCE_SIEM_SOC},
	{"nids", MK_SOURCE_IDS_IPS},
	{"offboarding", MK_SOURCE_SERVICEDESK},
	{"reported by employee", MK_SOURCE_SERVICEDESK},
	{"security alarm", MK_SOURCE_SERVICEDESK},
	/* VERIS 1.2 names, renamed in 1.3 */
	{"reported by user", MK_SOURCE_SERVICEDESK},
	{"user", MK_SOURCE_SERVICEDESK},
	{"it audit", MK_SOURCE_SERVICEDESK},
	{"law enforcement", MK_SOURCE_CTI},
};

static const struct source_name external_sources[] = {
	{"actor disclosure", MK_SOURCE_TIP},
	{"audit", MK_SOURCE_GEBRUIKER_PARTNER},
	{"customer", MK_SOURCE_GEBRUIKER_PARTNER},
	{"emergency response team", MK_SOURCE_CTI},
	{"found documents", MK_SOURCE_TIP},
	{"fraud detection", MK_SOURCE_CTI},
	{"incident response", MK_SOURCE_CTI},
	{"law enforcement", MK_SOURCE_CTI},
	{"security researcher", MK_SOURCE_TIP},
	{"suspicious traffic", MK_SOURCE_CTI},
	{"unrelated 3rd party", MK_SOURCE_TIP},
	/* VERIS 1.2 names */
	{"unrelated party", MK_SOURCE_TIP},
	{"monitoring service", MK_SOURCE_SIEM_SOC},
};

enum origin { ORIGIN_INTERNAL, ORIGIN_EXTERNAL, ORIGIN_PARTNER };

/* A partner's report is "Melding van gebruikers of partners" whatever the
 * partner's own means, except a monitoring service, which is a SOC. */
static enum mk_source source_of(enum origin o, const char *variety)
{
	const struct source_name *table = NULL;
	size_t n = 0;
	if (o == ORIGIN_PARTNER)
		return strcasecmp(variety, "monitoring service") == 0 ? MK_SOURCE_SIEM_SOC
									: MK_SOURCE_GEBRUIKER_PARTNER;
	if (o == ORIGIN_INTERNAL) {
		table = internal_sources;
		n = sizeof(internal_sources) / sizeof(internal_sources[0]);
	} else {
		table = external_sources;
		n = sizeof(external_sources) / sizeof(external_sources[0]);
	}
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(table[i].variety, variety) == 0)
			return table[i].source;
	return MK_SOURCE_UNKNOWN;
}

/* VERIS 1.2 wrote the method as one string: "Ext - unknown",
 * "Int - reported by user", "Unknown", "Other". */
static enum mk_source source_of_string(const char *s)
{
	static const struct {
		const char *prefix;
		enum origin origin;
	} prefixes[] = {
		{"ext - ", ORIGIN_EXTERNAL}, {"int - ", ORIGIN_INTERNAL}, {"prt - ", ORIGIN_PARTNER},
	};
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncasecmp(s, prefixes[i].prefix, strlen(prefixes[i].prefix)) == 0)
			return source_of(prefixes[i].origin, s + strlen(prefixes[i].prefix));
	return MK_SOURCE_UNKNOWN;
}

static enum mk_rc map_discovery(const json_t *root, struct mk_incident *inc,
				struct mk_error *err)
{
	static const struct {
		const char *key;
		enum origin origin;
	} origins[] = {
		{"internal", ORIGIN_INTERNAL}, {"external", ORIGIN_EXTERNAL},
		{"partner", ORIGIN_PARTNER},
	};
	inc->source = MK_SOURCE_UNKNOWN;
	json_t *dm = member(root, "discovery_method");
	if (!dm)
		return MK_OK;
	if (json_is_string(dm)) {
		inc->source = source_of_string(json_string_value(dm));
		return MK_OK;
	}
	if (!json_is_object(dm))
		return wrong_type("discovery_method", dm, "an object or a string", err);
	/* Check every origin before choosing, so that a wrong type is refused
	 * whichever origin wins. */
	json_t *obj[3], *variety[3];
	enum mk_rc rc;
	for (size_t i = 0; i < 3; i++) {
		char path[64], vpath[64];
		snprintf(path, sizeof(path), "discovery_method.%s", origins[i].key);
		snprintf(vpath, sizeof(vpath), "discovery_method.%s.variety", origins[i].key);
		variety[i] = NULL;
		if ((rc = get_typed(dm, origins[i].key, path, JSON_OBJECT, &obj[i], err)))
			return rc;
		if (obj[i] && (rc = get_string_array(obj[i], "variety", vpath, &variety[i], err)))
			return rc;
	}
	/* The first origin (internal, external, partner) and within it the
	 * first variety that names a known source wins. */
	for (size_t i = 0; i < 3; i++) {
		if (!obj[i])
			continue;
		if (origins[i].origin == ORIGIN_PARTNER && (!variety[i] || !json_array_size(variety[i]))) {
			inc->source = MK_SOURCE_GEBRUIKER_PARTNER;
			return MK_OK;
		}
		size_t j;
		json_t *el;
		json_array_foreach(variety[i], j, el) {
			enum mk_source s = source_of(origins[i].origin, json_string_value(el));
			if (s != MK_SOURCE_UNKNOWN) {
				inc->source = s;
				return MK_OK;
			}
		}
	}
	return MK_OK;
}

/* ---- actions, assets, attributes -> matrix row -------------------------- */

struct facts {
	json_t *action[NACTIONS];    /* action.<name> objects, NULL when absent */
	json_t *variety[NACTIONS];   /* their variety arrays, NULL when absent */
	json_t *assets;              /* asset.assets, NULL when absent */
	bool attribute[NATTRIBUTES]; /* attribute.<name> present */
};

static enum mk_rc collect_facts(const json_t *root, struct facts *f, struct mk_error *err)
{
	enum mk_rc rc;
	json_t *action, *asset, *attribute;
	memset(f, 0, sizeof(*f));
	if ((rc = get_typed(root, "action", "action", JSON_OBJECT, &action, err)))
		return rc;
	for (size_t i = 0; action && i < NACTIONS; i++) {
		char path[64], vpath[64];
		snprintf(path, sizeof(path), "action.%s", actions[i].name);
		snprintf(vpath, sizeof(vpath), "action.%s.variety", actions[i].name);
		if ((rc = get_typed(action, actions[i].name, path, JSON_OBJECT, &f->action[i], err)))
			return rc;
		if (f->action[i] &&
		    (rc = get_string_array(f->action[i], "variety", vpath, &f->variety[i], err)))
			return rc;
	}
	if ((rc = get_typed(root, "asset", "asset", JSON_OBJECT, &asset, err)))
		return rc;
	if (asset && (rc = get_typed(asset, "assets", "asset.assets", JSON_ARRAY, &f->assets, err)))
		return rc;
	size_t i;
	json_t *el;
	json_array_foreach(f->assets, i, el) {
		char path[64];
		snprintf(path, sizeof(path), "asset.assets[%zu]", i);
		if (!json_is_object(el))
			return wrong_type(path, el, "an object", err);
		snprintf(path, sizeof(path), "asset.assets[%zu].variety", i);
		json_t *v;
		if ((rc = get_typed(el, "variety", path, JSON_STRING, &v, err)))
			return rc;
	}
	if ((rc = get_typed(root, "attribute", "attribute", JSON_OBJECT, &attribute, err)))
		return rc;
	for (size_t a = 0; attribute && a < NATTRIBUTES; a++) {
		char path[64];
		snprintf(path, sizeof(path), "attribute.%s", attributes[a]);
		json_t *v;
		if ((rc = get_typed(attribute, attributes[a], path, JSON_OBJECT, &v, err)))
			return rc;
		f->attribute[a] = v != NULL;
	}
	return MK_OK;
}

static bool has_asset_class(const struct facts *f, char letter)
{
	size_t i;
	json_t *el;
	json_array_foreach(f->assets, i, el) {
		const char *v = json_string_value(member(el, "variety"));
		if (v && v[0] == letter && strncmp(v + 1, " - ", 3) == 0)
			return true;
	}
	return false;
}

static bool rule_matches(const struct rule *r, const struct facts *f)
{
	if (!f->action[r->action])
		return false;
	if (r->variety && (!f->variety[r->action] || !array_has_string(f->variety[r->action], r->variety)))
		return false;
	if (r->asset && !has_asset_class(f, r->asset))
		return false;
	if (r->attribute >= 0 && !f->attribute[r->attribute])
		return false;
	return true;
}

/* ---- text ------------------------------------------------------------- */

static bool is_space_or_control(char c)
{
	return (unsigned char)c <= 0x20 || c == 0x7f;
}

/* Appends s[0..len) with leading and trailing spaces and control
 * characters dropped and the control characters inside turned into spaces
 * (one-line fields refuse them and a terminal would obey them); multi-line
 * text keeps newlines, carriage returns and tabs. Cut at a character
 * boundary so that the buffer stays within max bytes. */
static void add_clean(struct mk_buf *b, const char *s, size_t len, bool multiline, size_t max)
{
	while (len && is_space_or_control(s[0])) {
		s++;
		len--;
	}
	while (len && is_space_or_control(s[len - 1]))
		len--;
	if (b->len + len > max) {
		len = max > b->len ? max - b->len : 0;
		/* back to a lead byte, so that no character is cut in half */
		while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	/* Clean stretches go in whole; each control character becomes a
	 * space (a byte at a time would make a long summary slow). */
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		bool keep = multiline && (c == '\n' || c == '\t' || c == '\r');
		size_t hidden = c >= 0x80 ? mk_utf8_hidden_control(s + i, len - i) : 0;
		if ((c < 0x20 && !keep) || c == 0x7f || hidden) {
			mk_buf_add(b, s + start, i - start);
			mk_buf_addc(b, ' ');
			i += hidden ? hidden - 1 : 0;
			start = i + 1;
		}
	}
	mk_buf_add(b, s + start, len - start);
}

/* A trimmed copy of a one-line VERIS string, or NULL (in *ret) when it is
 * blank or says "Unknown": meldkamer's way to say unknown is no value. */
static enum mk_rc known_line(const json_t *v, size_t max, char **ret)
{
	*ret = NULL;
	if (!v)
		return MK_OK;
	struct mk_buf b;
	mk_buf_init(&b, max);
	add_clean(&b, json_string_value(v), json_string_length(v), false, max);
	if (mk_buf_rc(&b)) {
		mk_buf_release(&b);
		return MK_ENOMEM;
	}
	if (b.len == 0 || strcasecmp(b.data, "unknown") == 0) {
		mk_buf_release(&b);
		return MK_OK;
	}
	*ret = mk_buf_detach(&b, NULL);
	return *ret ? MK_OK : MK_ENOMEM;
}

static enum mk_rc map_victim(const json_t *root, struct mk_incident *inc, struct mk_error *err)
{
	json_t *victim = member(root, "victim");
	json_t *id, *industry;
	enum mk_rc rc;
	if (!victim)
		return MK_OK;
	/* VERIS 1.2 has a list of victims; the first is the one the record
	 * is about. The others are checked, not kept. */
	if (json_is_array(victim)) {
		size_t i;
		json_t *el;
		json_array_foreach(victim, i, el) {
			char path[64];
			snprintf(path, sizeof(path), "victim[%zu]", i);
			if (!json_is_object(el))
				return wrong_type(path, el, "an object", err);
			char ipath[64], npath[64];
			snprintf(ipath, sizeof(ipath), "victim[%zu].victim_id", i);
			snprintf(npath, sizeof(npath), "victim[%zu].industry", i);
			if ((rc = get_typed(el, "victim_id", ipath, JSON_STRING, &id, err)) ||
			    (rc = get_typed(el, "industry", npath, JSON_STRING, &industry, err)))
				return rc;
		}
		victim = json_array_get(victim, 0);
		if (!victim)
			return MK_OK;
	} else if (!json_is_object(victim)) {
		return wrong_type("victim", victim, "an object or an array of objects", err);
	}
	if ((rc = get_typed(victim, "victim_id", "victim.victim_id", JSON_STRING, &id, err)) ||
	    (rc = get_typed(victim, "industry", "victim.industry", JSON_STRING, &industry, err)))
		return rc;
	if (known_line(id, MK_NAME_MAX, &inc->victim) ||
	    known_line(industry, MK_NAME_MAX, &inc->industry))
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	return MK_OK;
}

/* attribute.confidentiality: personal data and the number of records. */
static enum mk_rc map_confidentiality(const json_t *root, struct mk_incident *inc,
				      struct mk_error *err)
{
	/* The varieties that make the AVG (GDPR) apply; "Sensitive Personal"
	 * is deliberately not here (see doc/veris-mapping.md). */
	static const char *const personal[] = {"Personal", "Medical", "Bank", "Payment",
					       "Credentials"};
	json_t *attribute = member(root, "attribute"); /* type checked in collect_facts */
	json_t *conf = attribute ? member(attribute, "confidentiality") : NULL;
	json_t *data, *total;
	enum mk_rc rc;
	inc->personal_data = false;
	if (!conf)
		return MK_OK;
	if ((rc = get_typed(conf, "data", "attribute.confidentiality.data", JSON_ARRAY, &data,
			    err)))
		return rc;
	size_t i;
	json_t *el;
	json_array_foreach(data, i, el) {
		char path[80], vpath[80];
		snprintf(path, sizeof(path), "attribute.confidentiality.data[%zu]", i);
		snprintf(vpath, sizeof(vpath), "attribute.confidentiality.data[%zu].variety", i);
		if (!json_is_object(el))
			return wrong_type(path, el, "an object", err);
		json_t *v;
		if ((rc = get_typed(el, "variety", vpath, JSON_STRING, &v, err)))
			return rc;
		for (size_t k = 0; v && k < sizeof(personal) / sizeof(personal[0]); k++)
			if (strcmp(json_string_value(v), personal[k]) == 0)
				inc->personal_data = true;
	}
	if ((rc = get_typed(conf, "data_total", "attribute.confidentiality.data_total",
			    JSON_INTEGER, &total, err)))
		return rc;
	if (total) {
		if (json_integer_value(total) < 0)
			return mk_error_set(err, MK_EINVAL, "attribute.confidentiality.data_total",
					    "attribute.confidentiality.data_total %lld is negative",
					    (long long)json_integer_value(total));
		inc->people_affected = json_integer_value(total);
	}
	return MK_OK;
}

/* "Fout (Misdelivery) bij United States Department of Veterans Affairs":
 * what happened and to whom, so that a list of imports reads at a glance. */
static enum mk_rc make_title(const struct facts *f, const struct rule *r,
			     struct mk_incident *inc)
{
	int main_action = r ? (int)r->action : -1;
	for (size_t i = 0; main_action < 0 && i < NACTIONS; i++)
		if (f->action[i])
			main_action = (int)i;
	const char *variety = r ? r->variety : NULL;
	if (main_action >= 0 && !variety) {
		size_t i;
		json_t *el;
		json_array_foreach(f->variety[main_action], i, el) {
			const char *v = json_string_value(el);
			if (strcmp(v, "Unknown") != 0 && strcmp(v, "Other") != 0) {
				variety = v;
				break;
			}
		}
	}
	struct mk_buf b;
	mk_buf_init(&b, MK_TITLE_MAX);
	mk_buf_adds(&b, main_action >= 0 ? actions[main_action].label : "Incident");
	if (variety) {
		mk_buf_adds(&b, " (");
		add_clean(&b, variety, strlen(variety), false, MK_TITLE_MAX / 2);
		mk_buf_adds(&b, ")");
	}
	mk_buf_adds(&b, " bij ");
	if (inc->victim)
		add_clean(&b, inc->victim, strlen(inc->victim), false, MK_TITLE_MAX);
	else
		mk_buf_adds(&b, "onbekende organisatie");
	if (mk_buf_rc(&b)) {
		mk_buf_release(&b);
		return MK_ENOMEM;
	}
	mk_free(inc->title);
	inc->title = mk_buf_detach(&b, NULL);
	return inc->title ? MK_OK : MK_ENOMEM;
}

/* The summary, then the reference (the source article) on its own line. */
static enum mk_rc make_description(const json_t *root, struct mk_incident *inc,
				   struct mk_error *err)
{
	json_t *summary, *reference;
	enum mk_rc rc;
	if ((rc = get_typed(root, "summary", "summary", JSON_STRING, &summary, err)) ||
	    (rc = get_typed(root, "reference", "reference", JSON_STRING, &reference, err)))
		return rc;
	struct mk_buf ref, b;
	mk_buf_init(&ref, REFERENCE_MAX);
	mk_buf_init(&b, MK_TEXT_MAX);
	if (reference)
		add_clean(&ref, json_string_value(reference), json_string_length(reference), false,
			  REFERENCE_MAX);
	if (summary) {
		size_t room = MK_TEXT_MAX - (ref.len ? ref.len + sizeof("\n\nBron: ") - 1 : 0);
		add_clean(&b, json_string_value(summary), json_string_length(summary), true, room);
	}
	if (ref.len) {
		if (b.len)
			mk_buf_adds(&b, "\n\n");
		mk_buf_adds(&b, "Bron: ");
		mk_buf_add(&b, ref.data, ref.len);
	}
	rc = mk_buf_rc(&ref) ? mk_buf_rc(&ref) : mk_buf_rc(&b);
	if (!rc && b.len) {
		mk_free(inc->description);
		if (!(inc->description = mk_buf_detach(&b, NULL)))
			rc = MK_ENOMEM;
	}
	mk_buf_release(&ref);
	mk_buf_release(&b);
	if (rc)
		return mk_error_set(err, rc, "description", "out of memory");
	return MK_OK;
}

/* ---- the record -------------------------------------------------------- */

enum mk_rc mk_veris_map_record(const struct mk_veris_map *m, const json_t *root, mk_time now,
			       struct mk_incident *ret, struct mk_error *err)
{
	enum mk_rc rc;
	const char *incident_id, *schema_version;
	json_t *timeline;
	struct facts facts;

	if (!json_is_object(root))
		return mk_error_set(err, MK_EINVAL, "", "the record is not a JSON object");
	if ((rc = get_id_string(root, "incident_id", INCIDENT_ID_MAX, &incident_id, err)) ||
	    (rc = get_id_string(root, "schema_version", MK_NAME_MAX, &schema_version, err)))
		return rc;
	if ((rc = get_typed(root, "timeline", "timeline", JSON_OBJECT, &timeline, err)))
		return rc;
	if (!timeline)
		return mk_error_set(err, MK_EINVAL, "timeline",
				    "timeline is missing: the incident has no date");

	/* Times: occurred, then detection from it, then containment from
	 * detection (VERIS counts discovery from the incident, containment
	 * from discovery). */
	if ((rc = map_incident_date(timeline, now, ret, err)) ||
	    (rc = map_duration(timeline, "discovery", ret->occurred_at, now, "detected_at",
			       &ret->detected_at, err)) ||
	    (rc = map_duration(timeline, "containment", ret->detected_at, now, "contained_at",
			       &ret->contained_at, err)))
		return rc;

	if ((rc = map_discovery(root, ret, err)) || (rc = collect_facts(root, &facts, err)) ||
	    (rc = map_confidentiality(root, ret, err)) || (rc = map_victim(root, ret, err)) ||
	    (rc = make_description(root, ret, err)))
		return rc;

	const struct rule *rule = NULL;
	for (size_t i = 0; m && i < m->count && !rule; i++)
		if (rule_matches(&m->rules[i], &facts))
			rule = &m->rules[i];
	ret->classified = rule != NULL;
	if (rule) {
		ret->matrix_table = rule->table;
		if (mk_incident_set_text(&ret->matrix_category, rule->category) ||
		    mk_incident_set_text(&ret->matrix_incident, rule->incident))
			return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	}
	if (make_title(&facts, rule, ret))
		return mk_error_set(err, MK_ENOMEM, "title", "out of memory");

	struct mk_buf ref;
	mk_buf_init(&ref, MK_NAME_MAX);
	mk_buf_adds(&ref, SOURCE_REF_PREFIX);
	mk_buf_adds(&ref, incident_id);
	mk_free(ret->source_ref);
	ret->source_ref = mk_buf_detach(&ref, NULL);
	if (!ret->source_ref)
		return mk_error_set(err, MK_ENOMEM, "source_ref", "out of memory");
	return MK_OK;
}
