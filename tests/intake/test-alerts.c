/* intake/alerts: one line of each format parsed into exact fields (the
 * expected values read off tests/intake/alerts/mixed.jsonl by hand, times
 * computed with python3 calendar.timegm), each bad line refused with its
 * exact reason, and the hostile cases: a line over MK_ALERT_LINE_MAX,
 * invalid UTF-8, deep nesting, a file cut off in its last line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "intake/alerts.h"

#ifndef ALERTS_DIR
#error ALERTS_DIR must name tests/intake/alerts
#endif

struct lines {
	struct mk_line_reader r;
};

static void open_file(struct mk_line_reader *r, const char *name)
{
	char path[512];
	struct mk_error err = {0};
	snprintf(path, sizeof(path), "%s/%s", ALERTS_DIR, name);
	if (mk_line_reader_open(r, path, &err))
		fail_msg("%s", err.message);
}

/* The next line of r parsed; returns its rc. */
static enum mk_rc next(struct mk_line_reader *r, struct mk_alert_parser *p, struct mk_alert *a,
		       enum mk_alert_line *kind, struct mk_error *err)
{
	const char *line;
	size_t len;
	bool more, truncated;
	enum mk_rc rc = mk_line_reader_next(r, &line, &len, &more, &truncated, err);
	assert_true(more);
	if (rc)
		return rc;
	return mk_alert_parse_line(p, line, len, a, kind, err);
}

static void test_alerts_parse_each_format_exactly(void **state)
{
	(void)state;
	struct mk_line_reader r;
	struct mk_alert_parser p;
	struct mk_alert a;
	enum mk_alert_line kind;
	struct mk_error err = {0};
	mk_alert_parser_init(&p);
	open_file(&r, "mixed.jsonl");

	/* 1: Suricata, +0100, severity 1 = high */
	assert_int_equal(next(&r, &p, &a, &kind, &err), MK_OK);
	assert_int_equal(kind, MK_ALERT_LINE_ALERT);
	assert_int_equal(a.kind, MK_ALERT_SURICATA);
	assert_int_equal(a.detection, MK_SOURCE_IDS_IPS);
	assert_int_equal(a.at, 1772442000);
	assert_string_equal(a.signature_id, "2024897");
	assert_string_equal(a.signature, "ET MALWARE Test beacon");
	assert_string_equal(a.category, "A Network Trojan was detected");
	assert_int_equal(a.severity, 3);
	assert_string_equal(a.severity_orig, "1");
	assert_string_equal(a.src_ip, "203.0.113.7");
	assert_int_equal(a.src_port, 51515);
	assert_string_equal(a.dst_ip, "192.168.1.10");
	assert_int_equal(a.dst_port, 443);
	assert_string_equal(a.proto, "TCP");
	assert_null(a.agent);
	assert_int_equal(a.raw_len, 336);
	assert_memory_equal(a.raw, "{\"timestamp\":\"2026-03-02T10", 27);

	/* 2: a dns event is skipped */
	assert_int_equal(next(&r, &p, &a, &kind, &err), MK_OK);
	assert_int_equal(kind, MK_ALERT_LINE_SKIPPED);

	/* 3: Wazuh, level 12 = high, srcport from data */
	assert_int_equal(next(&r, &p, &a, &kind, &err), MK_OK);
	assert_int_equal(kind, MK_ALERT_LINE_ALERT);
	assert_int_equal(a.kind, MK_ALERT_WAZUH);
	assert_int_equal(a.detection, MK_SOURCE_SIEM_SOC);
	assert_int_equal(a.at, 1772442006);
	assert_string_equal(a.signature_id, "5712");
	assert_string_equal(a.signature, "sshd: brute force trying to get access to the system.");
	assert_string_equal(a.category, "syslog");
	assert_int_equal(a.severity, 3);
	assert_string_equal(a.severity_orig, "12");
	assert_string_equal(a.agent, "web01");
	assert_string_equal(a.src_ip, "198.51.100.23");
	assert_int_equal(a.src_port, 40022);
	assert_string_equal(a.dst_ip, "");
	assert_int_equal(a.dst_port, -1);
	assert_string_equal(a.proto, "");

	/* 4: Wazuh rule 86601: the Suricata event in full_log, IPv6 canonical */
	assert_int_equal(next(&r, &p, &a, &kind, &err), MK_OK);
	assert_int_equal(a.kind, MK_ALERT_SURICATA);
	assert_int_equal(a.detection, MK_SOURCE_IDS_IPS);
	assert_int_equal(a.at, 1772442007);
	assert_string_equal(a.signature_id, "2009582");
	assert_string_equal(a.signature, "ET SCAN Nmap");
	assert_int_equal(a.severity, 2);
	assert_string_equal(a.src_ip, "2001:db8::7");
	assert_string_equal(a.dst_ip, "2001:db8::10");
	assert_int_equal(a.dst_port, 22);
	assert_string_equal(a.agent, "ids01");
	assert_memory_equal(a.raw, "{\"timestamp\":\"2026-03-02T09:00:07.000+0000\",\"rule\"", 50);

	/* 5: generic */
	assert_int_equal(next(&r, &p, &a, &kind, &err), MK_OK);
	assert_int_equal(a.kind, MK_ALERT_GENERIC);
	assert_int_equal(a.detection, MK_SOURCE_WEBFILTER);
	assert_string_equal(a.source_name, "fortigate-01");
	assert_int_equal(a.at, 1772442008);
	assert_int_equal(a.severity, 4);
	assert_string_equal(a.severity_orig, "critical");
	assert_string_equal(a.signature_id, "FG-0001");
	assert_string_equal(a.signature, "Admin login from blocked country");
	assert_string_equal(a.src_ip, "192.0.2.99");
	assert_int_equal(a.src_port, -1);
	assert_string_equal(a.dst_ip, "192.168.1.2");
	assert_int_equal(a.dst_port, 443);

	/* 6: Wazuh's snort decoder writes "ip:port" */
	assert_int_equal(next(&r, &p, &a, &kind, &err), MK_OK);
	assert_int_equal(a.kind, MK_ALERT_WAZUH);
	assert_int_equal(a.at, 1583330105);
	assert_int_equal(a.severity, 2);
	assert_string_equal(a.dst_ip, "192.168.10.21");
	assert_int_equal(a.dst_port, 80);

	/* 7: a blank line is skipped */
	assert_int_equal(next(&r, &p, &a, &kind, &err), MK_OK);
	assert_int_equal(kind, MK_ALERT_LINE_SKIPPED);

	/* 8: no offset: UTC */
	assert_int_equal(next(&r, &p, &a, &kind, &err), MK_OK);
	assert_int_equal(a.at, 1546401011);
	assert_int_equal(a.severity, 1);
	assert_int_equal(a.src_port, -1);

	const char *line;
	size_t len;
	bool more, truncated;
	assert_int_equal(mk_line_reader_next(&r, &line, &len, &more, &truncated, &err), MK_OK);
	assert_false(more);
	assert_int_equal(r.line, 8);
	mk_line_reader_close(&r);
	mk_alert_parser_release(&p);
}

static void test_alerts_refuse_bad_lines_with_reason(void **state)
{
	(void)state;
	static const struct {
		enum mk_rc rc;
		const char *field, *message;
	} want[] = {
		{MK_EINVAL, "alert.signature", "alert.signature is missing"},
		{MK_EINVAL, "src_ip", "src_ip '1.2.3.999' is not an IP address"},
		{MK_EINVAL, "dest_port", "dest_port 70000 is out of range (0 to 65535)"},
		{MK_EINVAL, "alert.signature_id", "alert.signature_id is an array, not an integer"},
		{MK_EINVAL, "timestamp", "timestamp 'not a time' is not an RFC 3339 time ('2026-03-02T09:00:00Z')"},
		{MK_EINVAL, "rule.level", "rule.level 16 is out of range (0 to 15)"},
		{MK_EINVAL, "line", "line is not JSON: duplicate object key"},
		{MK_EINVAL, "line", "line is not JSON: "},
		{MK_EINVAL, "line", "line is not a JSON object"},
		{MK_EINVAL, "line", "line is no alert meldkamer knows"},
		{MK_EINVAL, "severity", "severity 'urgent' is unknown"},
		{MK_EINVAL, "detection", "detection 'satellite' is unknown"},
		{MK_EINVAL, "alert.signature", "alert.signature contains an invisible control character (at byte 1)"},
	};
	struct mk_line_reader r;
	struct mk_alert_parser p;
	struct mk_alert a;
	enum mk_alert_line kind;
	mk_alert_parser_init(&p);
	open_file(&r, "bad.jsonl");
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct mk_error err = {0};
		enum mk_rc rc = next(&r, &p, &a, &kind, &err);
		if (rc != want[i].rc || strcmp(err.field, want[i].field) != 0 ||
		    strncmp(err.message, want[i].message, strlen(want[i].message)) != 0)
			fail_msg("bad line %zu: rc %d field '%s' message '%s'", i + 1, rc, err.field,
				 err.message);
	}
	mk_line_reader_close(&r);
	mk_alert_parser_release(&p);
}

static char *write_temp(const char *content, size_t len, char *path)
{
	snprintf(path, 64, "/tmp/mk-alerts-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, len), (ssize_t)len);
	close(fd);
	return path;
}

static void test_alerts_hostile_input(void **state)
{
	(void)state;
	struct mk_alert_parser p;
	struct mk_alert a;
	enum mk_alert_line kind;
	struct mk_error err = {0};
	mk_alert_parser_init(&p);

	/* invalid UTF-8 */
	static const char latin1[] = "{\"source\":\"caf\xe9\",\"time\":\"2026-03-02T09:00:00Z\"}";
	assert_int_equal(mk_alert_parse_line(&p, latin1, sizeof(latin1) - 1, &a, &kind, &err),
			 MK_EINVAL);
	assert_string_equal(err.message, "line is not valid UTF-8 (at byte 14)");
	/* a NUL byte, and a \u0000 escape */
	static const char nul[] = "{\"a\":\"x\0\"}";
	assert_int_equal(mk_alert_parse_line(&p, nul, sizeof(nul) - 1, &a, &kind, &err), MK_EINVAL);
	assert_string_equal(err.message, "line contains a NUL byte at byte 7");
	static const char esc[] = "{\"source\":\"a\\u0000b\",\"signature\":\"s\"}";
	assert_int_equal(mk_alert_parse_line(&p, esc, sizeof(esc) - 1, &a, &kind, &err), MK_EINVAL);
	assert_non_null(strstr(err.message, "a NUL character (\\u0000) in a string"));

	/* nesting: 33 levels refused, 32 parsed (and then not an alert) */
	char deep[200];
	size_t n = 0;
	for (int i = 0; i < 33; i++)
		deep[n++] = i == 0 ? '{' : '[';
	deep[n] = 0;
	memmove(deep + 5, deep + 1, n); /* {"a": [[[... */
	memcpy(deep + 1, "\"a\":", 4);
	n += 4;
	for (int i = 1; i < 33; i++)
		deep[n++] = ']';
	deep[n++] = '}';
	assert_int_equal(mk_alert_parse_line(&p, deep, n, &a, &kind, &err), MK_ETOOBIG);
	assert_string_equal(err.message, "line is nested more than 32 levels deep");
	/* brackets inside strings do not count */
	static const char strs[] = "{\"source\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\","
				   "\"time\":\"2026-03-02T09:00:00Z\",\"severity\":\"low\","
				   "\"signature\":\"s\",\"detection\":\"tip\"}";
	assert_int_equal(mk_alert_parse_line(&p, strs, sizeof(strs) - 1, &a, &kind, &err), MK_OK);
	assert_int_equal(a.detection, MK_SOURCE_TIP);

	/* a 10 MB line between two good ones: refused without being held,
	 * the reader goes on with the next line */
	size_t big = 10 * 1024 * 1024;
	static const char good[] = "{\"source\":\"s\",\"time\":\"2026-03-02T09:00:00Z\","
				   "\"severity\":\"low\",\"signature\":\"s\",\"detection\":\"tip\"}\n";
	char *content = mk_malloc(big + 3 * sizeof(good) + 64);
	assert_non_null(content);
	size_t len = 0;
	memcpy(content, good, sizeof(good) - 1);
	len += sizeof(good) - 1;
	content[len++] = '{';
	memset(content + len, ' ', big);
	len += big;
	content[len++] = '\n';
	memcpy(content + len, good, sizeof(good) - 1);
	len += sizeof(good) - 1;
	/* and a last line cut short */
	memcpy(content + len, good, 20);
	len += 20;
	char path[64];
	write_temp(content, len, path);
	mk_free(content);
	struct mk_line_reader r;
	const char *line;
	size_t llen;
	bool more, truncated;
	assert_int_equal(mk_line_reader_open(&r, path, &err), MK_OK);
	assert_int_equal(mk_line_reader_next(&r, &line, &llen, &more, &truncated, &err), MK_OK);
	assert_int_equal(llen, sizeof(good) - 2);
	assert_int_equal(mk_line_reader_next(&r, &line, &llen, &more, &truncated, &err), MK_ETOOBIG);
	assert_true(more);
	assert_int_equal(r.line, 2);
	assert_string_equal(err.message, "line is over the limit of 1048576 bytes");
	assert_int_equal(mk_line_reader_next(&r, &line, &llen, &more, &truncated, &err), MK_OK);
	assert_int_equal(r.line, 3);
	assert_false(truncated);
	assert_int_equal(mk_alert_parse_line(&p, line, llen, &a, &kind, &err), MK_OK);
	assert_int_equal(mk_line_reader_next(&r, &line, &llen, &more, &truncated, &err), MK_OK);
	assert_true(more);
	assert_true(truncated);
	assert_int_equal(r.line, 4);
	assert_int_equal(llen, 20);
	assert_int_equal(mk_alert_parse_line(&p, line, llen, &a, &kind, &err), MK_EINVAL);
	assert_int_equal(mk_line_reader_next(&r, &line, &llen, &more, &truncated, &err), MK_OK);
	assert_false(more);
	mk_line_reader_close(&r);
	unlink(path);

	/* the parser's own length check, for callers without the reader */
	char *huge = mk_malloc(MK_ALERT_LINE_MAX + 1);
	assert_non_null(huge);
	memset(huge, ' ', MK_ALERT_LINE_MAX + 1);
	huge[0] = '{';
	assert_int_equal(mk_alert_parse_line(&p, huge, MK_ALERT_LINE_MAX + 1, &a, &kind, &err),
			 MK_ETOOBIG);
	assert_string_equal(err.message, "line is 1048577 bytes long, over the limit of 1048576 bytes");
	mk_free(huge);
	mk_alert_parser_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alerts_parse_each_format_exactly),
		cmocka_unit_test(test_alerts_refuse_bad_lines_with_reason),
		cmocka_unit_test(test_alerts_hostile_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
