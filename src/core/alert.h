/* Alerts from detection systems (Suricata, Wazuh, a generic JSON form)
 * after parsing: one normalised shape, whatever the source, and the rules
 * that apply to it: the severity scale and when repeated alerts collapse
 * into one alert group. The parsers are in intake/alerts.c; storing is
 * the service's (service/intake.h). No I/O. */
#ifndef MK_CORE_ALERT_H
#define MK_CORE_ALERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/rc.h"
#include "base/time.h"
#include "core/vocab.h"

enum mk_alert_kind {
	MK_ALERT_SURICATA,
	MK_ALERT_WAZUH,
	MK_ALERT_GENERIC,
	MK_ALERT_KIND_COUNT
};

/* Normalised severity: 1 low, 2 medium, 3 high, 4 critical (higher is
 * worse, so "--promote-severity 3" means high and critical). */
#define MK_SEVERITY_MIN 1
#define MK_SEVERITY_MAX 4

#define MK_ALERT_IP_TEXT 46     /* INET6_ADDRSTRLEN */
#define MK_ALERT_ID_TEXT 64     /* a signature or rule id */
#define MK_ALERT_PROTO_TEXT 16  /* "TCP", "UDP", "ICMP", "IPv6-ICMP" */
#define MK_ALERT_SEV_TEXT 16    /* the original severity as text ("1", "12", "high") */
#define MK_ALERT_SIGNATURE_MAX 1000
#define MK_ALERT_WINDOW_DEFAULT 3600 /* seconds: one hour */
/* An alert is recognised by the SHA-256 of its text (doc/alerts.md). */
#define MK_ALERT_SHA256_BYTES 32
#define MK_ALERT_WINDOW_MAX (30 * 86400)

/* One alert. Strings are borrowed (from the parser's arena or the raw
 * line); the fixed buffers are owned. An unknown port is -1, an unknown
 * address or protocol "". */
struct mk_alert {
	enum mk_alert_kind kind;
	enum mk_source detection;          /* ids-ips, siem-soc, or given (generic) */
	const char *source_name;           /* generic: its "source"; else NULL */
	mk_time at;                        /* UTC */
	char signature_id[MK_ALERT_ID_TEXT]; /* Suricata signature_id, Wazuh rule.id; "" generic */
	const char *signature;             /* text; never NULL after parsing */
	const char *category;              /* or NULL */
	const char *agent;                 /* Wazuh agent name, or NULL */
	int severity;                      /* MK_SEVERITY_MIN..MAX */
	char severity_orig[MK_ALERT_SEV_TEXT];
	char src_ip[MK_ALERT_IP_TEXT], dst_ip[MK_ALERT_IP_TEXT]; /* canonical, or "" */
	int src_port, dst_port;            /* 0..65535, or -1 */
	char proto[MK_ALERT_PROTO_TEXT];   /* upper case as sent, or "" */
	const char *raw;                   /* the JSON line as read */
	size_t raw_len;
};

/* "suricata", "wazuh", "generic". */
const char *mk_alert_kind_name(enum mk_alert_kind k);
enum mk_rc mk_alert_kind_parse(const char *s, const char *field, enum mk_alert_kind *ret,
			       struct mk_error *err);

/* "low", "medium", "high", "critical" for 1..4; "" otherwise. */
const char *mk_severity_name(int severity);
/* Accepts the names and the digits 1..4. */
enum mk_rc mk_severity_parse(const char *s, const char *field, int *ret, struct mk_error *err);

/* Suricata's alert.severity is 1 (highest) to 3 (lowest), sometimes 4:
 * 1 high, 2 medium, 3 and above low. Anything below 1 is MK_EINVAL. */
enum mk_rc mk_severity_from_suricata(int64_t s, int *ret, struct mk_error *err);
/* Wazuh's rule.level 0..15, grouped as Wazuh's own dashboard does:
 * 0-6 low, 7-11 medium, 12-14 high, 15 critical. Outside 0..15 MK_EINVAL. */
enum mk_rc mk_severity_from_wazuh(int64_t level, int *ret, struct mk_error *err);

/* The collapse rule: an alert at `at` joins a group of the same signature
 * and endpoints seen from first to last when it lies within window
 * seconds of the group's span (first - window <= at <= last + window), so
 * alerts that keep coming at most window apart form one group, and one
 * after a quiet window starts a new group. */
bool mk_alert_joins(mk_time first, mk_time last, mk_time at, int64_t window);

/* Parses a window such as "3600", "90s", "30m", "1h", "2d" into seconds
 * (1..MK_ALERT_WINDOW_MAX). */
enum mk_rc mk_alert_window_parse(const char *s, int64_t *ret, struct mk_error *err);

#endif
