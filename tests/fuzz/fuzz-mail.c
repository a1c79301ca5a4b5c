/* libFuzzer harness for the mail parser (src/intake/mail.c): mk_mail_parse
 * on arbitrary bytes. Beyond "no crash, no leak, no undefined behaviour"
 * it checks the parser's promise that every string it hands out is valid
 * UTF-8 without control characters (tab and newline only in bodies), and
 * that the counts stay within MK_MAIL_ITEMS_MAX.
 *
 * Not built by default: see tests/fuzz/README.md and `make fuzz`. Crashers
 * go to tests/intake/mail/ as regression fixtures (test-mail reads them). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/utf8.h"
#include "intake/mail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *s, int multiline)
{
	if (s == NULL)
		return;
	size_t n = strlen(s);
	if (!mk_utf8_valid(s, n))
		abort();
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && !(multiline && (c == '\n' || c == '\t'))) || c == 0x7F)
			abort();
		if (c >= 0x80 && mk_utf8_hidden_control(s + i, n - i) != 0)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mk_mail_report r;
	struct mk_error err;
	mk_mail_report_init(&r);
	if (mk_mail_parse(data, size, &r, &err) != MK_OK)
		return 0;
	const struct mk_mail_message *m = &r.orig;
	check(r.reporter.addr, 0);
	check(r.reporter.name, 0);
	check(r.outer_subject, 0);
	check(m->from.addr, 0);
	check(m->from.name, 0);
	check(m->reply_to.addr, 0);
	check(m->return_path.addr, 0);
	check(m->subject, 0);
	check(m->date, 0);
	check(m->text, 1);
	check(m->html, 1);
	if (m->nhops > MK_MAIL_ITEMS_MAX || m->nurls > MK_MAIL_ITEMS_MAX ||
	    m->nattachments > MK_MAIL_ITEMS_MAX || m->ndomains > MK_MAIL_ITEMS_MAX ||
	    m->nips > MK_MAIL_ITEMS_MAX)
		abort();
	if (m->first_external >= (long)m->nhops)
		abort();
	for (size_t i = 0; i < m->nhops; i++) {
		check(m->hops[i].from, 0);
		check(m->hops[i].by, 0);
		check(m->hops[i].ip, 0);
		check(m->hops[i].date, 0);
	}
	for (size_t i = 0; i < m->nurls; i++) {
		check(m->urls[i].url, 0);
		check(m->urls[i].host, 0);
		check(m->urls[i].shown_host, 0);
		if (strlen(m->urls[i].url) > MK_MAIL_URL_MAX)
			abort();
	}
	for (size_t i = 0; i < m->ndomains; i++)
		check(m->domains[i], 0);
	for (size_t i = 0; i < m->nips; i++)
		check(m->ips[i], 0);
	for (size_t i = 0; i < m->nattachments; i++) {
		check(m->attachments[i].filename, 0);
		check(m->attachments[i].mime_type, 0);
		if (strlen(m->attachments[i].sha256) != 64)
			abort();
	}
	mk_mail_report_release(&r);
	return 0;
}
