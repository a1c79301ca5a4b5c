/* Parsing alert lines: Suricata eve.json (event_type alert), Wazuh
 * alerts (with the Suricata event that Wazuh rule 86601 forwards inside
 * full_log unwrapped), and meldkamer's generic form (doc/alerts.md), each
 * into one struct mk_alert; and the bounded JSONL line reader. Hostile
 * input is refused before it costs memory: length first, then UTF-8,
 * then nesting depth by a scan of the brackets, then the JSON parser. */
#include "intake/alerts.h"

#include <errno.h>
#include <jansson.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "core/observable.h"
#include "core/text.h"

void mk_alert_parser_init(struct mk_alert_parser *p)
{
	p->root = p->inner = NULL;
}

void mk_alert_parser_release(struct mk_alert_parser *p)
{
	if (!p)
		return;
	json_decref(p->root);
	json_decref(p->inner);
	p->root = p->inner = NULL;
}

/* The deepest bracket nesting of a JSON text, counted without parsing
 * (strings skipped), so that "[[[[...]]]]" a million deep is refused in
 * one pass before the parser builds anything. Stops counting at limit+1. */
static size_t bracket_depth(const char *s, size_t len, size_t limit)
{
	size_t depth = 0, deepest = 0;
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
			continue;
		}
		if (c == '"')
			in_string = true;
		else if (c == '[' || c == '{') {
			if (++depth > deepest && (deepest = depth) > limit)
				return deepest;
		} else if ((c == ']' || c == '}') && depth > 0)
			depth--;
	}
	return deepest;
}

/* Checks and parses a JSON object text. */
static enum mk_rc load(const char *s, size_t len, const char *what, json_t **ret,
		       struct mk_error *err)
{
	if (len > MK_ALERT_LINE_MAX)
		return mk_error_set(err, MK_ETOOBIG, "line",
				    "%s is %zu bytes long, over the limit of %d bytes", what, len,
				    MK_ALERT_LINE_MAX);
	const char *nul = memchr(s, 0, len);
	if (nul)
		return mk_error_set(err, MK_EINVAL, "line", "%s contains a NUL byte at byte %zu",
				    what, (size_t)(nul - s));
	size_t bad = mk_utf8_first_invalid(s, len);
	if (bad < len)
		return mk_error_set(err, MK_EINVAL, "line", "%s is not valid UTF-8 (at byte %zu)",
				    what, bad);
	if (bracket_depth(s, len, MK_JSON_DEPTH_MAX) > MK_JSON_DEPTH_MAX)
		return mk_error_set(err, MK_ETOOBIG, "line", "%s is nested more than %d levels deep",
				    what, MK_JSON_DEPTH_MAX);
	json_error_t jerr;
	/* Duplicate keys are refused: two readers of the same line could
	 * each believe a different one. */
	json_t *root = json_loadb(s, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		const char *why = strstr(jerr.text, "JSON_ALLOW_NUL")
					  ? "a NUL character (\\u0000) in a string"
					  : jerr.text;
		return mk_error_set(err, MK_EINVAL, "line", "%s is not JSON: %s (column %d)", what,
				    why, jerr.column);
	}
	if (!json_is_object(root)) {
		json_decref(root);
		return mk_error_set(err, MK_EINVAL, "line", "%s is not a JSON object", what);
	}
	*ret = root;
	return MK_OK;
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

/* A string member of obj (path names it in messages): NULL and MK_OK if
 * absent and optional. Checked as one line of text of at most max bytes. */
static enum mk_rc get_str(const json_t *obj, const char *key, const char *path, bool required,
			  size_t max, const char **ret, struct mk_error *err)
{
	json_t *v = json_object_get(obj, key);
	*ret = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return mk_error_set(err, MK_EINVAL, path, "%s is missing", path);
		return MK_OK;
	}
	if (!json_is_string(v))
		return mk_error_set(err, MK_EINVAL, path, "%s is %s, not a string", path, type_name(v));
	const char *s = json_string_value(v);
	enum mk_rc rc = mk_text_check(path, s, max, MK_TEXT_LINE, required, err);
	if (rc)
		return rc;
	*ret = s;
	return MK_OK;
}

/* An integer member, also given as a string of digits (Wazuh's data.*
 * fields are all strings). *ret_present false if absent. */
static enum mk_rc get_int(const json_t *obj, const char *key, const char *path, bool required,
			  int64_t lo, int64_t hi, int64_t *ret, bool *ret_present,
			  struct mk_error *err)
{
	json_t *v = json_object_get(obj, key);
	int64_t n = 0;
	if (ret_present)
		*ret_present = false;
	if (!v || json_is_null(v)) {
		if (required)
			return mk_error_set(err, MK_EINVAL, path, "%s is missing", path);
		return MK_OK;
	}
	if (json_is_integer(v))
		n = json_integer_value(v);
	else if (json_is_string(v)) {
		const char *s = json_string_value(v);
		size_t i = 0;
		for (; s[i] >= '0' && s[i] <= '9' && i < 12; i++)
			n = n * 10 + (s[i] - '0');
		if (i == 0 || s[i])
			return mk_error_set(err, MK_EINVAL, path, "%s '%.40s' is not a whole number",
					    path, s);
	} else
		return mk_error_set(err, MK_EINVAL, path, "%s is %s, not an integer", path,
				    type_name(v));
	if (n < lo || n > hi)
		return mk_error_set(err, MK_EINVAL, path, "%s %lld is out of range (%lld to %lld)",
				    path, (long long)n, (long long)lo, (long long)hi);
	*ret = n;
	if (ret_present)
		*ret_present = true;
	return MK_OK;
}

static enum mk_rc get_time(const json_t *obj, const char *key, mk_time *ret,
			   struct mk_error *err)
{
	const char *s;
	enum mk_rc rc = get_str(obj, key, key, true, 64, &s, err);
	if (rc)
		return rc;
	/* A time without an offset is UTC: sensors log UTC unless told
	 * otherwise (Suricata's own test output has no offset), and
	 * mk_time_parse would read Amsterdam wall-clock time, which a sensor
	 * never meant. */
	size_t n = strlen(s);
	bool offset = n > 0 && (s[n - 1] == 'Z' || s[n - 1] == 'z');
	for (size_t i = 10; !offset && i < n; i++)
		offset = s[i] == '+' || s[i] == '-';
	if (offset)
		return mk_time_parse(s, key, ret, err);
	char utc[72];
	snprintf(utc, sizeof(utc), "%sZ", s);
	if (mk_time_parse(utc, key, ret, NULL) == MK_OK)
		return MK_OK;
	return mk_error_set(err, MK_EINVAL, key,
			    "%s '%s' is not an RFC 3339 time ('2026-03-02T09:00:00Z')", key, s);
}

/* An address into buf as its canonical text; "" if absent. Wazuh's
 * snort decoder writes "192.168.10.21:80": the port is split off. */
static enum mk_rc get_ip(const json_t *obj, const char *key, const char *path, char *buf,
			 int *ret_port, struct mk_error *err)
{
	const char *s;
	struct mk_buf b;
	struct mk_error e;
	buf[0] = 0;
	enum mk_rc rc = get_str(obj, key, path, false, 64, &s, err);
	if (rc || !s || !s[0])
		return rc;
	size_t len = strlen(s);
	const char *colon = strchr(s, ':');
	if (ret_port && colon && !strchr(colon + 1, ':') && colon[1]) {
		int port = 0;
		const char *p = colon + 1;
		for (; *p >= '0' && *p <= '9' && port <= 65535; p++)
			port = port * 10 + (*p - '0');
		if (*p == 0 && port <= 65535) {
			*ret_port = port;
			len = (size_t)(colon - s);
		}
	}
	mk_buf_init(&b, MK_ALERT_IP_TEXT);
	rc = mk_observable_normalise(MK_OBS_IP, s, len, &b, &e);
	if (rc == MK_OK)
		snprintf(buf, MK_ALERT_IP_TEXT, "%s", b.data);
	mk_buf_release(&b);
	if (rc)
		return mk_error_set(err, MK_EINVAL, path, "%s '%.64s' is not an IP address", path, s);
	return MK_OK;
}

static enum mk_rc get_port(const json_t *obj, const char *key, const char *path, int *ret,
			   struct mk_error *err)
{
	int64_t n;
	bool present;
	enum mk_rc rc = get_int(obj, key, path, false, 0, 65535, &n, &present, err);
	if (rc == MK_OK && present)
		*ret = (int)n;
	return rc;
}

static enum mk_rc get_proto(const json_t *obj, const char *key, char *buf,
			    struct mk_error *err)
{
	const char *s;
	buf[0] = 0;
	enum mk_rc rc = get_str(obj, key, key, false, MK_ALERT_PROTO_TEXT - 1, &s, err);
	if (rc || !s)
		return rc;
	for (size_t i = 0; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return mk_error_set(err, MK_EINVAL, key,
					    "%s '%s' may hold only letters, digits and '-'", key, s);
	snprintf(buf, MK_ALERT_PROTO_TEXT, "%s", s);
	return MK_OK;
}

static void init_alert(struct mk_alert *a, const char *line, size_t len)
{
	memset(a, 0, sizeof(*a));
	a->src_port = a->dst_port = -1;
	a->raw = line;
	a->raw_len = len;
}

/* --- Suricata ------------------------------------------------------------------ */

static enum mk_rc parse_suricata(const json_t *root, struct mk_alert *a, bool *ret_skipped,
				 struct mk_error *err)
{
	const char *event;
	enum mk_rc rc = get_str(root, "event_type", "event_type", true, 64, &event, err);
	if (rc)
		return rc;
	if (strcmp(event, "alert") != 0) {
		*ret_skipped = true;
		return MK_OK;
	}
	const json_t *al = json_object_get(root, "alert");
	if (!al)
		return mk_error_set(err, MK_EINVAL, "alert", "alert is missing");
	if (!json_is_object(al))
		return mk_error_set(err, MK_EINVAL, "alert", "alert is %s, not an object",
				    type_name(al));
	int64_t sid, sev;
	a->kind = MK_ALERT_SURICATA;
	a->detection = MK_SOURCE_IDS_IPS;
	if ((rc = get_time(root, "timestamp", &a->at, err)) ||
	    (rc = get_ip(root, "src_ip", "src_ip", a->src_ip, NULL, err)) ||
	    (rc = get_ip(root, "dest_ip", "dest_ip", a->dst_ip, NULL, err)) ||
	    (rc = get_port(root, "src_port", "src_port", &a->src_port, err)) ||
	    (rc = get_port(root, "dest_port", "dest_port", &a->dst_port, err)) ||
	    (rc = get_proto(root, "proto", a->proto, err)) ||
	    (rc = get_int(al, "signature_id", "alert.signature_id", true, 0, INT64_C(4294967295),
			  &sid, NULL, err)) ||
	    (rc = get_str(al, "signature", "alert.signature", true, MK_ALERT_SIGNATURE_MAX,
			  &a->signature, err)) ||
	    (rc = get_str(al, "category", "alert.category", false, MK_ALERT_SIGNATURE_MAX,
			  &a->category, err)) ||
	    (rc = get_int(al, "severity", "alert.severity", true, 1, 255, &sev, NULL, err)) ||
	    (rc = mk_severity_from_suricata(sev, &a->severity, err)))
		return rc;
	snprintf(a->signature_id, sizeof(a->signature_id), "%lld", (long long)sid);
	snprintf(a->severity_orig, sizeof(a->severity_orig), "%lld", (long long)sev);
	return MK_OK;
}

/* --- Wazuh ------------------------------------------------------------------------ */

/* Wazuh rule 86601 ("Suricata: Alert - ...") carries the Suricata event
 * it read from eve.json as text in full_log; that event is the better
 * record (ports, protocol, Suricata's own severity). */
#define WAZUH_SURICATA_RULE "86601"

static enum mk_rc parse_wazuh(struct mk_alert_parser *p, const json_t *root, struct mk_alert *a,
			      struct mk_error *err)
{
	const json_t *rule = json_object_get(root, "rule");
	const char *rule_id, *agent = NULL;
	char id_text[32];
	int64_t level;
	enum mk_rc rc;
	json_t *idv = json_object_get(rule, "id");
	if (json_is_integer(idv)) {
		snprintf(id_text, sizeof(id_text), "%lld", (long long)json_integer_value(idv));
		rule_id = id_text;
	} else if ((rc = get_str(rule, "id", "rule.id", true, MK_ALERT_ID_TEXT - 1, &rule_id, err)))
		return rc;
	const json_t *ag = json_object_get(root, "agent");
	if (ag && json_is_object(ag) &&
	    (rc = get_str(ag, "name", "agent.name", false, 200, &agent, err)))
		return rc;
	const char *full_log = NULL;
	json_t *fl = json_object_get(root, "full_log");
	if (json_is_string(fl))
		full_log = json_string_value(fl);
	if (strcmp(rule_id, WAZUH_SURICATA_RULE) == 0 && full_log && full_log[0] == '{') {
		json_t *inner = NULL;
		struct mk_error e;
		bool skipped = false;
		struct mk_alert in;
		init_alert(&in, a->raw, a->raw_len);
		if (load(full_log, strlen(full_log), "full_log", &inner, &e) == MK_OK &&
		    json_object_get(inner, "event_type")) {
			p->inner = inner;
			rc = parse_suricata(inner, &in, &skipped, &e);
			if (rc == MK_OK && !skipped) {
				*a = in;
				a->agent = agent;
				return MK_OK;
			}
			if (rc)
				return mk_error_set(err, rc, e.field, "full_log of rule %s: %s",
						    WAZUH_SURICATA_RULE, e.message);
		} else
			json_decref(inner);
		/* Not an EVE alert after all: take it as the Wazuh alert it is. */
	}
	a->kind = MK_ALERT_WAZUH;
	a->detection = MK_SOURCE_SIEM_SOC;
	a->agent = agent;
	snprintf(a->signature_id, sizeof(a->signature_id), "%s", rule_id);
	if ((rc = get_time(root, "timestamp", &a->at, err)) ||
	    (rc = get_int(rule, "level", "rule.level", true, 0, 15, &level, NULL, err)) ||
	    (rc = mk_severity_from_wazuh(level, &a->severity, err)) ||
	    (rc = get_str(rule, "description", "rule.description", true, MK_ALERT_SIGNATURE_MAX,
			  &a->signature, err)))
		return rc;
	snprintf(a->severity_orig, sizeof(a->severity_orig), "%lld", (long long)level);
	const json_t *groups = json_object_get(rule, "groups");
	if (json_is_array(groups) && json_is_string(json_array_get(groups, 0)))
		a->category = json_string_value(json_array_get(groups, 0));
	const json_t *data = json_object_get(root, "data");
	if (data && json_is_object(data) &&
	    ((rc = get_ip(data, "srcip", "data.srcip", a->src_ip, &a->src_port, err)) ||
	     (rc = get_ip(data, "dstip", "data.dstip", a->dst_ip, &a->dst_port, err)) ||
	     (rc = get_port(data, "srcport", "data.srcport", &a->src_port, err)) ||
	     (rc = get_port(data, "dstport", "data.dstport", &a->dst_port, err)) ||
	     (rc = get_proto(data, "protocol", a->proto, err))))
		return rc;
	return MK_OK;
}

/* --- Generic ------------------------------------------------------------------------ */

static enum mk_rc parse_generic(const json_t *root, struct mk_alert *a, struct mk_error *err)
{
	const char *sev, *det, *sid;
	enum mk_rc rc;
	a->kind = MK_ALERT_GENERIC;
	if ((rc = get_str(root, "source", "source", true, 200, &a->source_name, err)) ||
	    (rc = get_time(root, "time", &a->at, err)) ||
	    (rc = get_str(root, "severity", "severity", true, 16, &sev, err)) ||
	    (rc = mk_severity_parse(sev, "severity", &a->severity, err)) ||
	    (rc = get_str(root, "signature", "signature", true, MK_ALERT_SIGNATURE_MAX,
			  &a->signature, err)) ||
	    (rc = get_str(root, "signature_id", "signature_id", false, MK_ALERT_ID_TEXT - 1, &sid,
			  err)) ||
	    (rc = get_str(root, "detection", "detection", true, 32, &det, err)) ||
	    (rc = mk_source_parse(det, "detection", &a->detection, err)) ||
	    (rc = get_str(root, "category", "category", false, MK_ALERT_SIGNATURE_MAX,
			  &a->category, err)) ||
	    (rc = get_ip(root, "src_ip", "src_ip", a->src_ip, NULL, err)) ||
	    (rc = get_ip(root, "dst_ip", "dst_ip", a->dst_ip, NULL, err)) ||
	    (rc = get_port(root, "src_port", "src_port", &a->src_port, err)) ||
	    (rc = get_port(root, "dst_port", "dst_port", &a->dst_port, err)) ||
	    (rc = get_proto(root, "proto", a->proto, err)))
		return rc;
	snprintf(a->signature_id, sizeof(a->signature_id), "%s", sid ? sid : "");
	snprintf(a->severity_orig, sizeof(a->severity_orig), "%s", sev);
	return MK_OK;
}

enum mk_rc mk_alert_parse_line(struct mk_alert_parser *p, const char *line, size_t len,
			       struct mk_alert *ret, enum mk_alert_line *ret_kind,
			       struct mk_error *err)
{
	json_t *root = NULL;
	struct mk_alert a;
	bool skipped = false;
	enum mk_rc rc;
	mk_alert_parser_release(p);
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
		i++;
	if (i == len) {
		*ret_kind = MK_ALERT_LINE_SKIPPED;
		return MK_OK;
	}
	if ((rc = load(line, len, "line", &root, err)))
		return rc;
	p->root = root;
	init_alert(&a, line, len);
	if (json_object_get(root, "event_type"))
		rc = parse_suricata(root, &a, &skipped, err);
	else if (json_is_object(json_object_get(root, "rule")))
		rc = parse_wazuh(p, root, &a, err);
	else if (json_object_get(root, "signature") && json_object_get(root, "source"))
		rc = parse_generic(root, &a, err);
	else
		rc = mk_error_set(err, MK_EINVAL, "line",
				  "line is no alert meldkamer knows: no event_type (Suricata), rule "
				  "(Wazuh) or source and signature (generic)");
	if (rc) {
		mk_alert_parser_release(p);
		return rc;
	}
	if (skipped) {
		*ret_kind = MK_ALERT_LINE_SKIPPED;
		return MK_OK;
	}
	*ret = a;
	*ret_kind = MK_ALERT_LINE_ALERT;
	return MK_OK;
}

/* --- Line reader ---------------------------------------------------------------------- */

enum mk_rc mk_line_reader_open(struct mk_line_reader *r, const char *path, struct mk_error *err)
{
	memset(r, 0, sizeof(*r));
	/* Opened without blocking and looked at before reading: fopen opens
	 * a folder too, and reading it gives nothing, so "0 alerts taken"
	 * would look like an empty file; a FIFO would block the open, and a
	 * stream that never ends would hold the file's one transaction (and
	 * the write lock) for good. Only regular files are alert files. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return mk_error_set(err, errno == ENOENT ? MK_ENOTFOUND : MK_EINVAL, "file",
				    "cannot open '%s': %s", path, strerror(errno));
	struct stat st = {0};
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		bool dir = S_ISDIR(st.st_mode);
		close(fd);
		if (dir)
			return mk_error_set(err, MK_EINVAL, "file",
					    "'%s' is a folder, not an alert file: give the .jsonl "
					    "files in it (%s/*.jsonl)",
					    path, path);
		return mk_error_set(err, MK_EINVAL, "file",
				    "'%s' is not a regular file: give a .jsonl file", path);
	}
	if (fcntl(fd, F_SETFL, 0) != 0 || !(r->f = fdopen(fd, "rb"))) {
		int e = errno;
		close(fd);
		return mk_error_set(err, MK_EINVAL, "file", "cannot open '%s': %s", path,
				    strerror(e));
	}
	r->buf = mk_malloc(MK_ALERT_LINE_MAX + 2);
	if (!r->buf) {
		fclose(r->f);
		r->f = NULL;
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	}
	return MK_OK;
}

void mk_line_reader_close(struct mk_line_reader *r)
{
	if (!r)
		return;
	if (r->f)
		fclose(r->f);
	mk_free(r->buf);
	memset(r, 0, sizeof(*r));
}

enum mk_rc mk_line_reader_next(struct mk_line_reader *r, const char **ret_line, size_t *ret_len,
			       bool *ret_more, bool *ret_truncated, struct mk_error *err)
{
	size_t n = 0;
	int c = EOF;
	bool over = false;
	*ret_more = false;
	*ret_truncated = false;
	if (r->eof)
		return MK_OK;
	/* getc_unlocked: one reader per file, and getc's locking would cost
	 * more than the rest of the loop. */
	while ((c = getc_unlocked(r->f)) != EOF && c != '\n') {
		if (n < MK_ALERT_LINE_MAX + 1)
			r->buf[n++] = (char)c;
		else
			over = true;
	}
	if (c == EOF) {
		r->eof = true;
		if (ferror(r->f))
			return mk_error_set(err, MK_EINVAL, "file", "cannot read line %lld: %s",
					    (long long)r->line + 1, strerror(errno));
		if (n == 0 && !over)
			return MK_OK;
		*ret_truncated = true;
	}
	r->line++;
	*ret_more = true;
	if (over || n > MK_ALERT_LINE_MAX)
		return mk_error_set(err, MK_ETOOBIG, "line", "line is over the limit of %d bytes",
				    MK_ALERT_LINE_MAX);
	if (n > 0 && r->buf[n - 1] == '\r')
		n--;
	r->buf[n] = 0;
	*ret_line = r->buf;
	*ret_len = n;
	return MK_OK;
}
