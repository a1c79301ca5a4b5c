/* libFuzzer harness for alert intake and observables: mk_alert_parse_line
 * on arbitrary bytes, and every observable type's normaliser and the URL
 * scanner on the same bytes. Beyond "no crash, no leak, no undefined
 * behaviour" it checks what the rest of meldkamer relies on: a parsed
 * alert has a severity of 1..4, ports of -1..65535 and canonical
 * addresses; a normal form is a fixed point (normalising it again gives
 * itself), or the same indicator could be stored twice.
 *
 * Not built by default: see tests/fuzz/README.md (`make fuzz`). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "core/observable.h"
#include "intake/alerts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_ip(const char *ip)
{
	struct mk_buf b;
	if (!ip[0])
		return;
	mk_buf_init(&b, MK_OBS_VALUE_MAX);
	if (mk_observable_normalise(MK_OBS_IP, ip, strlen(ip), &b, NULL) != MK_OK ||
	    strcmp(b.data, ip) != 0) {
		fprintf(stderr, "alert address '%s' is not canonical\n", ip);
		abort();
	}
	mk_buf_release(&b);
}

static enum mk_rc scanned(void *ctx, const char *s, size_t len)
{
	const uint8_t *data = ctx;
	(void)data;
	if (len == 0 || !s)
		abort();
	return MK_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct mk_alert_parser p;
	struct mk_alert a;
	enum mk_alert_line kind;
	struct mk_error err;
	mk_alert_parser_init(&p);
	if (mk_alert_parse_line(&p, text, size, &a, &kind, &err) == MK_OK &&
	    kind == MK_ALERT_LINE_ALERT) {
		if (a.severity < 1 || a.severity > 4 || a.src_port < -1 || a.src_port > 65535 ||
		    a.dst_port < -1 || a.dst_port > 65535 || !a.signature ||
		    !mk_utf8_valid(a.signature, strlen(a.signature))) {
			fprintf(stderr, "parsed alert out of range\n");
			abort();
		}
		check_ip(a.src_ip);
		check_ip(a.dst_ip);
	}
	mk_alert_parser_release(&p);

	struct mk_buf once, twice;
	mk_buf_init(&once, MK_OBS_VALUE_MAX);
	mk_buf_init(&twice, MK_OBS_VALUE_MAX);
	for (int t = 0; t < MK_OBS_TYPE_COUNT; t++) {
		if (mk_observable_normalise((enum mk_obs_type)t, text, size, &once, &err) != MK_OK)
			continue;
		if (mk_observable_normalise((enum mk_obs_type)t, once.data, once.len, &twice, &err) !=
			    MK_OK ||
		    strcmp(once.data, twice.data) != 0) {
			fprintf(stderr, "%s: '%s' normalises to '%s'\n",
				mk_obs_type_name((enum mk_obs_type)t), once.data, twice.data);
			abort();
		}
	}
	mk_buf_release(&once);
	mk_buf_release(&twice);
	mk_observable_scan_urls(text, size, scanned, (void *)data);
	return 0;
}
