/* Alert intake: one JSON line of Suricata eve.json, a Wazuh alerts.json
 * line, or the generic form of doc/alerts.md, parsed into the normalised
 * struct mk_alert (core/alert.h); and a bounded line reader for JSONL
 * files. Storing and collapsing is the service's (service/intake.h). */
#ifndef MK_INTAKE_ALERTS_H
#define MK_INTAKE_ALERTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/rc.h"
#include "core/alert.h"

/* Holds what a parsed alert's strings point into; one per reader. */
struct mk_alert_parser {
	void *root;   /* the line's JSON (json_t), or NULL */
	void *inner;  /* a Suricata event unwrapped from a Wazuh full_log, or NULL */
};

void mk_alert_parser_init(struct mk_alert_parser *p);
/* Frees what the last alert pointed into. Accepts NULL. */
void mk_alert_parser_release(struct mk_alert_parser *p);

enum mk_alert_line {
	MK_ALERT_LINE_ALERT,   /* *ret holds an alert */
	MK_ALERT_LINE_SKIPPED, /* an event that is no alert (Suricata dns, flow...) or a blank line */
};

/* Parses one line (len bytes, without its newline). The format is told
 * by the line itself: "event_type" means Suricata, a "rule" object Wazuh,
 * "signature" with "source" the generic form. The alert's strings stay
 * valid until the next call or release. raw points at line. Errors say
 * what is wrong with the line, naming the field: MK_ETOOBIG for a line
 * over MK_ALERT_LINE_MAX or nested deeper than MK_JSON_DEPTH_MAX,
 * MK_EINVAL for the rest (not UTF-8, not JSON, a field missing or of the
 * wrong type or out of range). *ret_kind is set on success. */
enum mk_rc mk_alert_parse_line(struct mk_alert_parser *p, const char *line, size_t len,
			       struct mk_alert *ret, enum mk_alert_line *ret_kind,
			       struct mk_error *err);

/* Reads a file a line at a time without ever holding more than
 * MK_ALERT_LINE_MAX + 1 bytes of one line: a longer line is skipped to its
 * end and reported, not loaded. */
struct mk_line_reader {
	FILE *f;
	char *buf;      /* MK_ALERT_LINE_MAX + 1 bytes */
	int64_t line;   /* number of the line last returned, from 1 */
	bool eof;
};

enum mk_rc mk_line_reader_open(struct mk_line_reader *r, const char *path, struct mk_error *err);
void mk_line_reader_close(struct mk_line_reader *r);

/* The next line into *ret_line and *ret_len (borrowed until the next call;
 * the newline and a CR before it removed). *ret_more false at the end
 * of the file (then nothing is returned). A line over the limit gives
 * MK_ETOOBIG (r->line names it) and the reader goes on after it;
 * *ret_truncated tells whether the line ended without a newline at the
 * end of the file (the last line of a file cut short). */
enum mk_rc mk_line_reader_next(struct mk_line_reader *r, const char **ret_line, size_t *ret_len,
			       bool *ret_more, bool *ret_truncated, struct mk_error *err);

#endif
