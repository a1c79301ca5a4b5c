/* The mail parser (src/intake/mail.c) against hand-made messages in
 * tests/intake/mail/ (found through $MK_SOURCE_ROOT) and hostile input made
 * at run time: nesting, size, broken encodings, bytes that are not UTF-8,
 * and every allocation failing in turn.
 *
 * The attachment hash of forward-rfc822.eml was computed outside meldkamer:
 * the fixture's factuur.pdf was written by the Python script that made the
 * fixture (b"%PDF-1.4\n% factuur 2026-1234\n" + bytes(range(256)) * 4 +
 * b"\n%%EOF\n", 1060 bytes), and `sha256sum` of that file gave
 * ade5e1e3dced66b6297dd0d38f9404cd57eee7fdd9a6f1e0736cea06f5543aad; the
 * message's own hash is `sha256sum forward-rfc822.eml`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "intake/mail-internal.h"
#include "intake/mail.h"

static char *read_fixture(const char *name, size_t *ret_len)
{
	char path[4096];
	const char *root = getenv("MK_SOURCE_ROOT");
	snprintf(path, sizeof path, "%s/tests/intake/mail/%s", root ? root : ".", name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	data[n] = '\0';
	fclose(f);
	*ret_len = (size_t)n;
	return data;
}

/* Every string the parser hands out: valid UTF-8, no control character
 * but newline and tab in bodies. */
static void assert_clean(const char *s, bool multiline)
{
	if (s == NULL)
		return;
	size_t n = strlen(s);
	assert_true(mk_utf8_valid(s, n));
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (multiline && (c == '\n' || c == '\t'))
			continue;
		assert_false(c < 0x20 || c == 0x7F);
		if (c >= 0x80)
			assert_int_equal(mk_utf8_hidden_control(s + i, n - i), 0);
	}
}

static void assert_report_clean(const struct mk_mail_report *r)
{
	const struct mk_mail_message *m = &r->orig;
	assert_clean(r->reporter.addr, false);
	assert_clean(r->reporter.name, false);
	assert_clean(r->outer_subject, false);
	assert_clean(m->from.addr, false);
	assert_clean(m->from.name, false);
	assert_clean(m->reply_to.addr, false);
	assert_clean(m->return_path.addr, false);
	assert_clean(m->subject, false);
	assert_clean(m->date, false);
	assert_clean(m->text, true);
	assert_clean(m->html, true);
	for (size_t i = 0; i < m->nhops; i++) {
		assert_clean(m->hops[i].from, false);
		assert_clean(m->hops[i].by, false);
		assert_clean(m->hops[i].ip, false);
		assert_clean(m->hops[i].date, false);
	}
	for (size_t i = 0; i < m->nurls; i++) {
		assert_clean(m->urls[i].url, false);
		assert_clean(m->urls[i].host, false);
		assert_clean(m->urls[i].shown_host, false);
	}
	for (size_t i = 0; i < m->ndomains; i++)
		assert_clean(m->domains[i], false);
	for (size_t i = 0; i < m->nips; i++)
		assert_clean(m->ips[i], false);
	for (size_t i = 0; i < m->nattachments; i++) {
		assert_clean(m->attachments[i].filename, false);
		assert_clean(m->attachments[i].mime_type, false);
	}
}

static void parse_fixture(const char *name, struct mk_mail_report *r)
{
	size_t len;
	char *data = read_fixture(name, &len);
	struct mk_error err = {0};
	mk_mail_report_init(r);
	enum mk_rc rc = mk_mail_parse(data, len, r, &err);
	if (rc != MK_OK)
		fail_msg("%s: %s", name, err.message);
	free(data);
	assert_report_clean(r);
}

/* ---- forwards ------------------------------------------------------------- */

static void test_forward_as_rfc822_attachment_is_unwrapped(void **state)
{
	(void)state;
	struct mk_mail_report r;
	parse_fixture("forward-rfc822.eml", &r);
	const struct mk_mail_message *m = &r.orig;
	assert_string_equal(r.sha256, "e5c6ab3d1d055d08861278728c81bdbf5b886e9d1b5f20bc7594532c28ce3709");
	assert_int_equal(r.size, 3981);
	assert_int_equal(r.forward, MK_MAIL_RFC822);
	assert_string_equal(r.reporter.addr, "j.devries@gemeente.example");
	assert_string_equal(r.reporter.name, "Jan de Vries");
	assert_string_equal(r.outer_subject, "FW: Uw pakket - actie vereist");
	assert_string_equal(m->from.addr, "service@postnl-bezorging.example.net");
	assert_string_equal(m->from.name, "PostNL Klantenservice");
	assert_string_equal(m->reply_to.addr, "antwoord@reply.example.net");
	assert_string_equal(m->return_path.addr, "bounce@mailer.example.com");
	/* RFC 2047 B, UTF-8 with an en dash */
	assert_string_equal(m->subject, "Uw pakket \xE2\x80\x93 actie vereist");
	assert_false(m->subject_guessed);
	assert_string_equal(m->date, "Fri, 4 Dec 2026 08:59:59 +0100");
	assert_int_equal(m->time, 1796371199); /* 2026-12-04T07:59:59Z */

	/* The Received chain of the original, newest first; the first
	 * external hop from the bottom skips the sender's own 192.168 LAN. */
	assert_int_equal(m->nhops, 3);
	assert_string_equal(m->hops[0].from, "mx.gemeente.example");
	assert_string_equal(m->hops[0].by, "mail.gemeente.example");
	assert_string_equal(m->hops[0].ip, "10.0.0.5");
	assert_int_equal(m->hops[0].time, 1796371205);
	assert_string_equal(m->hops[1].from, "smtp.mailer.example.com");
	assert_string_equal(m->hops[1].ip, "203.0.113.25");
	assert_string_equal(m->hops[1].date, "Fri, 4 Dec 2026 09:00:03 +0100");
	assert_string_equal(m->hops[2].from, "[192.168.1.20]");
	assert_string_equal(m->hops[2].ip, "192.168.1.20");
	assert_int_equal(m->hops[2].time, 1796371201);
	assert_int_equal(m->first_external, 1);

	/* URLs: text first, then HTML hrefs; the duplicate href is one entry
	 * that carries the mismatch its visible text showed. The forwarder's
	 * own intranet link is not the original's. */
	assert_int_equal(m->nurls, 3);
	assert_string_equal(m->urls[0].url, "https://postnl-bezorging.example.net/track?id=42&x=1");
	assert_string_equal(m->urls[0].host, "postnl-bezorging.example.net");
	assert_string_equal(m->urls[0].shown_host, "www.postnl.nl");
	assert_string_equal(m->urls[1].url, "http://198.51.100.77/login");
	assert_true(m->urls[1].from_html);
	assert_null(m->urls[1].shown_host);
	/* "www.example.org" shown for https://www.example.org/: same host */
	assert_string_equal(m->urls[2].url, "https://www.example.org/");
	assert_null(m->urls[2].shown_host);

	assert_int_equal(m->ndomains, 4);
	assert_string_equal(m->domains[0], "postnl-bezorging.example.net");
	assert_string_equal(m->domains[1], "reply.example.net");
	assert_string_equal(m->domains[2], "mailer.example.com");
	assert_string_equal(m->domains[3], "www.example.org");
	assert_int_equal(m->nips, 5);
	assert_string_equal(m->ips[0], "198.51.100.77");
	assert_string_equal(m->ips[1], "10.0.0.5");
	assert_string_equal(m->ips[2], "203.0.113.25");
	assert_string_equal(m->ips[3], "192.168.1.20");
	assert_string_equal(m->ips[4], "203.0.113.99"); /* from the text body */

	assert_int_equal(m->nattachments, 1);
	assert_string_equal(m->attachments[0].filename, "factuur.pdf");
	assert_string_equal(m->attachments[0].mime_type, "application/pdf");
	assert_int_equal(m->attachments[0].size, 1060);
	assert_string_equal(m->attachments[0].sha256,
			    "ade5e1e3dced66b6297dd0d38f9404cd57eee7fdd9a6f1e0736cea06f5543aad");
	/* QP-decoded HTML: "=E2=80=93" became the en dash */
	assert_non_null(strstr(m->html, "PostNL \xE2\x80\x93 Klantenservice"));
	assert_non_null(strstr(m->text, "Of bel 0800-1234"));
	mk_mail_report_release(&r);
}

static void test_inline_forward_outlook_dutch(void **state)
{
	(void)state;
	struct mk_mail_report r;
	parse_fixture("forward-inline-nl.eml", &r);
	const struct mk_mail_message *m = &r.orig;
	assert_int_equal(r.forward, MK_MAIL_INLINE);
	assert_string_equal(r.reporter.addr, "p.jansen@gemeente.example");
	assert_string_equal(r.outer_subject, "Doorst: Factuur openstaand");
	assert_string_equal(m->from.addr, "debiteuren@factuur-portaal.example");
	assert_string_equal(m->from.name, "Afdeling Debiteuren");
	/* ISO-8859-1 QP body: =E9=E9n is "één" */
	assert_string_equal(m->subject, "Factuur openstaand \xC3\xA9\xC3\xA9n herinnering");
	assert_string_equal(m->date, "donderdag 3 december 2026 13:45");
	assert_int_equal(m->time, MK_TIME_UNKNOWN); /* a Dutch date GMime cannot read */
	assert_int_equal(m->nhops, 0);
	assert_int_equal(m->first_external, -1);
	assert_int_equal(m->nurls, 1);
	assert_string_equal(m->urls[0].url, "https://factuur-portaal.example/betaal?ref=77");
	assert_int_equal(m->ndomains, 1);
	assert_string_equal(m->domains[0], "factuur-portaal.example");
	/* The body is the original's: not the forwarder's note. */
	assert_true(strncmp(m->text, "Geachte heer/mevrouw,", 21) == 0);
	assert_null(strstr(m->text, "Petra"));
	assert_non_null(strstr(m->text, "v\xC3\xB3\xC3\xB3r vrijdag"));
	mk_mail_report_release(&r);
}

static void test_inline_forward_gmail_english(void **state)
{
	(void)state;
	struct mk_mail_report r;
	parse_fixture("forward-inline-en.eml", &r);
	const struct mk_mail_message *m = &r.orig;
	assert_int_equal(r.forward, MK_MAIL_INLINE);
	assert_string_equal(r.reporter.addr, "k.bakker@gemeente.example");
	assert_string_equal(r.reporter.name, "Kees Bakker");
	assert_string_equal(m->from.addr, "helpdesk@mailbox-upgrade.example");
	assert_string_equal(m->subject, "Your mailbox is full");
	assert_string_equal(m->date, "Wed, Dec 2, 2026 at 9:41 AM");
	assert_int_equal(m->nurls, 1);
	assert_string_equal(m->urls[0].url, "http://mailbox-upgrade.example/owa/login.php");
	mk_mail_report_release(&r);
}

static void check_marker(const char *text, bool found, const char *from, const char *subject)
{
	struct mk_mail_inline inl;
	bool oom = false;
	bool got = mk_mail_find_inline(text, &inl, &oom);
	assert_false(oom);
	assert_int_equal(got, found);
	if (!got)
		return;
	assert_string_equal(inl.from, from);
	if (subject != NULL)
		assert_string_equal(inl.subject, subject);
	mk_mail_inline_release(&inl);
}

static void test_inline_markers_of_each_client(void **state)
{
	(void)state;
	check_marker("note\n-------- Forwarded Message --------\nSubject: S1\nDate: x\n"
		     "From: A <a@x.example>\nTo: b@y\n\nbody\n", true, "A <a@x.example>", "S1");
	check_marker("-------- Doorgestuurd bericht --------\nOnderwerp: S2\nVan: b@x.example\n\nb",
		     true, "b@x.example", "S2");
	check_marker("Begin forwarded message:\n\nFrom: c@x.example\nSubject: S3\n\nb", true,
		     "c@x.example", "S3");
	check_marker("Begin doorgestuurd bericht:\n> Van: d@x.example\n> Onderwerp: S4\n\nb", true,
		     "d@x.example", "S4");
	check_marker("-----Original Message-----\nFrom: Name [mailto:e@x.example]\nSent: Monday\n"
		     "To: f@y\nSubject: S5\n\nb", true, "Name [mailto:e@x.example]", "S5");
	check_marker("-----Oorspronkelijk bericht-----\n*Van:* g@x.example\n*Onderwerp:* S6\n\nb",
		     true, "g@x.example", "S6");
	/* Not markers: the words in a sentence, a marker with no From below. */
	check_marker("see the original message below\nFrom: h@x.example\n", false, NULL, NULL);
	check_marker("-----Original Message-----\nhello there\n", false, NULL, NULL);
	check_marker("____\nFrom: i@x.example\n", false, NULL, NULL);
}

/* An address with two '@' (a bounce address carrying the original
 * recipient): GMime cuts it at the first; the whole address is kept and
 * the domain is after the last '@'. */
static void test_address_with_two_at_keeps_the_domain_after_the_last(void **state)
{
	(void)state;
	struct mk_mail_report r;
	parse_fixture("return-path-two-at.eml", &r);
	const struct mk_mail_message *m = &r.orig;
	assert_string_equal(m->return_path.addr,
			    "bounce-nieuws@pot+2dj+2dj=gemeente.example@mail.nieuwsbrief.example");
	assert_string_equal(m->from.addr, "info@mail.nieuwsbrief.example");
	assert_string_equal(m->reply_to.addr, "antwoord+x@pot=y.example@reply.nieuwsbrief.example");
	assert_int_equal(m->ndomains, 3);
	assert_string_equal(m->domains[0], "mail.nieuwsbrief.example");
	assert_string_equal(m->domains[1], "reply.nieuwsbrief.example");
	assert_string_equal(m->domains[2], "verleng.nieuwsbrief.example");
	mk_mail_report_release(&r);
}

/* ---- encodings and charsets -------------------------------------------------- */

static void test_base64_body_and_rfc2047_q_from(void **state)
{
	(void)state;
	struct mk_mail_report r;
	parse_fixture("base64-body.eml", &r);
	const struct mk_mail_message *m = &r.orig;
	assert_int_equal(r.forward, MK_MAIL_DIRECT);
	assert_null(r.reporter.addr);
	assert_string_equal(m->from.name, "Microsoft 365 \xE2\x80\x93 Beveiliging");
	assert_string_equal(m->subject, "Wachtwoord verloopt vandaag");
	assert_string_equal(m->text, "Klik op https://b64.example/pad?q=1 om te bevestigen.\nGroet\n");
	assert_int_equal(m->nurls, 1);
	assert_string_equal(m->urls[0].url, "https://b64.example/pad?q=1");
	assert_false(r.charset_guessed);
	mk_mail_report_release(&r);
}

static void test_latin1_subject_and_qp_body(void **state)
{
	(void)state;
	struct mk_mail_report r;
	parse_fixture("latin1-qp.eml", &r);
	const struct mk_mail_message *m = &r.orig;
	assert_string_equal(m->from.name, "Belastingdienst \xC3\xA9\xC3\xA9n");
	/* 0x80 is a C1 control in ISO-8859-1 (not the euro sign of
	 * Windows-1252): it is dropped, not passed on. */
	assert_string_equal(m->subject, "Teruggave 312,50 voor u klaar");
	assert_string_equal(m->text, "U hebt recht op een teruggave van \xC3\xA9\xC3\xA9n bedrag. "
				     "Vul v\xC3\xB3\xC3\xB3r 5 december uw gegevens in op "
				     "https://belasting-teruggave.example/aanvraag\n");
	assert_int_equal(m->nurls, 1);
	mk_mail_report_release(&r);
}

static void test_unknown_charset_and_raw_8bit_headers_are_guessed_and_marked(void **state)
{
	(void)state;
	struct mk_mail_report r;
	parse_fixture("unknown-8bit.eml", &r);
	const struct mk_mail_message *m = &r.orig;
	assert_true(m->subject_guessed);
	assert_true(r.charset_guessed);
	/* Raw ISO-8859-1 bytes read as such; the ESC control is gone. */
	assert_string_equal(m->from.name, "Gr\xC3\xBC\xC3\x9F" "e Bank");
	assert_string_equal(m->subject, "Ihre Konto\xC3\xBC" "berpr\xC3\xBC" "fung [31m dringend");
	assert_string_equal(m->text, "Bitte best\xC3\xA4tigen: https://konto-check.example/de "
				     "\xC3\xBF\xC3\xBE Ende\n");
	mk_mail_report_release(&r);
}

static void test_truncated_mime_and_broken_base64_decode_as_far_as_they_go(void **state)
{
	(void)state;
	struct mk_mail_report r;
	parse_fixture("truncated.eml", &r);
	const struct mk_mail_message *m = &r.orig;
	assert_int_equal(m->nurls, 1);
	assert_string_equal(m->urls[0].url, "https://trunc.example/x");
	assert_int_equal(m->nattachments, 1);
	assert_string_equal(m->attachments[0].filename, "payload.bin");
	/* GMime skips the characters outside the base64 alphabet. The value
	 * is Python's base64.b64decode of the part with those characters
	 * removed ("AAEC...Hh8gISISQUJD"), through hashlib.sha256. */
	assert_int_equal(m->attachments[0].size, 39);
	assert_string_equal(m->attachments[0].sha256,
			    "55528ce9c97f3cf97cc64bfac2a28be680ad9f3d4b09e095172755fd628aa4ac");
	mk_mail_report_release(&r);
}

static void test_broken_quoted_printable_is_kept_literally(void **state)
{
	(void)state;
	struct mk_mail_report r;
	parse_fixture("broken-qp.eml", &r);
	const struct mk_mail_message *m = &r.orig;
	/* "=ZZ" and "=4 " are not escapes: kept as written; "=\r\n" is a
	 * soft break; the dangling "=C3=" leaves a lone byte 0xC3, read as
	 * ISO-8859-1 "\u00C3". */
	assert_string_equal(m->text, "Kapot =ZZ en =4 en https://qp.example/a=b \xC3\x83");
	assert_true(r.charset_guessed);
	assert_int_equal(m->nurls, 1);
	assert_string_equal(m->urls[0].url, "https://qp.example/a=b");
	mk_mail_report_release(&r);
}

/* ---- hostile input made here ------------------------------------------------------ */

static char *nested(int depth)
{
	struct mk_buf b;
	mk_buf_init(&b, 1 << 20);
	mk_buf_adds(&b, "From: n@nest.example\r\nSubject: nest\r\nMIME-Version: 1.0\r\n");
	for (int i = 0; i < depth; i++)
		mk_buf_addf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n--b%d\r\n", i, i);
	mk_buf_adds(&b, "Content-Type: text/plain\r\n\r\nhttps://deep.example/\r\n");
	for (int i = depth - 1; i >= 0; i--)
		mk_buf_addf(&b, "--b%d--\r\n", i);
	assert_int_equal(mk_buf_rc(&b), MK_OK);
	return mk_buf_detach(&b, NULL);
}

static void test_multiparts_nested_100_deep_are_refused(void **state)
{
	(void)state;
	char *msg = nested(100);
	struct mk_mail_report r;
	struct mk_error err = {0};
	mk_mail_report_init(&r);
	assert_int_equal(mk_mail_parse(msg, strlen(msg), &r, &err), MK_ETOOBIG);
	assert_string_equal(err.field, "message");
	assert_string_equal(err.message, "mime parts nested deeper than MK_MAIL_DEPTH_MAX (16)");
	assert_int_equal(r.orig.nurls, 0); /* nothing half-filled */
	mk_free(msg);

	/* 16 levels are still a message */
	msg = nested(MK_MAIL_DEPTH_MAX);
	assert_int_equal(mk_mail_parse(msg, strlen(msg), &r, &err), MK_OK);
	assert_int_equal(r.orig.nurls, 1);
	assert_string_equal(r.orig.urls[0].url, "https://deep.example/");
	mk_mail_report_release(&r);
	mk_free(msg);
}

static void test_message_over_the_limit_is_refused_before_parsing(void **state)
{
	(void)state;
	size_t len = (size_t)MK_MAIL_MAX + 1;
	char *big = malloc(len);
	assert_non_null(big);
	memset(big, 'a', len);
	struct mk_mail_report r;
	struct mk_error err = {0};
	mk_mail_report_init(&r);
	assert_int_equal(mk_mail_parse(big, len, &r, &err), MK_ETOOBIG);
	assert_string_equal(err.message, "message is 52428801 bytes, over MK_MAIL_MAX (52428800)");
	assert_string_equal(r.sha256, "");
	free(big);
}

static void test_empty_and_headerless_input_is_not_a_message(void **state)
{
	(void)state;
	struct mk_mail_report r;
	struct mk_error err = {0};
	mk_mail_report_init(&r);
	assert_int_equal(mk_mail_parse("", 0, &r, &err), MK_EINVAL);
	assert_string_equal(err.message, "message is empty");
	const char junk[] = "\x00\x01\x02 no header here at all\n";
	assert_int_equal(mk_mail_parse(junk, sizeof junk - 1, &r, &err), MK_EINVAL);
	assert_string_equal(err.message, "not a mail message: no header found");
}

static void test_non_utf8_everywhere_comes_out_clean(void **state)
{
	(void)state;
	/* Invalid bytes, controls and bidi overrides in every header, the
	 * file name, the URL and the body; charset claims UTF-8 (a lie). */
	const char msg[] =
		"From: \"\xff\xfe Bad\x01\x1b Name \xe2\x80\xae\" <b\xc3\x28@x\xfe.example>\r\n"
		"Reply-To: \x80\x81@\xc0\xaf.example\r\n"
		"Return-Path: <\xed\xa0\x80@y.example>\r\n"
		"Subject: =?utf-8?b?/w==?= \xf5\x80 \xe2\x80\xae" "gnp.exe\r\n"
		"Date: \xff\r\n"
		"Received: from h\xff (h [203.0.113.7\xff]) by \x01mx; \xfe\r\n"
		"MIME-Version: 1.0\r\n"
		"Content-Type: multipart/mixed; boundary=x\r\n\r\n"
		"--x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
		"<a href=\"https://\xff\xfe.example/\x01p\">https://other\xc0.example/</a>\x1b\xc2\x85\r\n"
		"--x\r\nContent-Type: application/octet-stream; name=\"\xff\x01\xe2\x80\xae" "fdp.exe\"\r\n"
		"Content-Transfer-Encoding: base64\r\n\r\n/w==\r\n--x--\r\n";
	struct mk_mail_report r;
	struct mk_error err = {0};
	mk_mail_report_init(&r);
	assert_int_equal(mk_mail_parse(msg, sizeof msg - 1, &r, &err), MK_OK);
	assert_report_clean(&r);
	assert_true(r.charset_guessed);
	assert_int_equal(r.orig.nattachments, 1);
	assert_int_equal(r.orig.attachments[0].size, 1);
	/* sha256 of the single byte 0xFF: printf '\377' | sha256sum */
	assert_string_equal(r.orig.attachments[0].sha256,
			    "a8100ae6aa1940d0b663bb31cd466142ebbdbd5187131b92d93818987832eb89");
	assert_int_equal(r.orig.nurls, 1);
	mk_mail_report_release(&r);
}

static void test_every_allocation_failure_is_reported_and_frees_everything(void **state)
{
	(void)state;
	size_t len;
	char *data = read_fixture("forward-rfc822.eml", &len);
	struct mk_mail_report r;
	struct mk_error err;
	mk_mail_report_init(&r);
	mk_alloc_fail_reset();
	assert_int_equal(mk_mail_parse(data, len, &r, &err), MK_OK);
	long total = mk_alloc_count();
	mk_mail_report_release(&r);
	assert_true(total > 20);
	for (long n = 0; n < total; n++) {
		mk_alloc_fail_reset();
		mk_alloc_fail_after(n);
		enum mk_rc rc = mk_mail_parse(data, len, &r, &err);
		mk_alloc_fail_after(-1);
		if (rc != MK_OK) {
			assert_int_equal(rc, MK_ENOMEM);
			assert_string_equal(err.message, "out of memory");
			assert_int_equal(r.orig.nurls, 0);
		}
		mk_mail_report_release(&r);
	}
	mk_alloc_fail_reset();
	free(data);
}

/* Every file in tests/intake/mail/, the fuzzer's crashers (crash-*) among
 * them once it finds any: parsed or refused with a message, and clean. */
static void test_every_fixture_parses_clean(void **state)
{
	(void)state;
	char dir[4096];
	const char *root = getenv("MK_SOURCE_ROOT");
	snprintf(dir, sizeof dir, "%s/tests/intake/mail", root ? root : ".");
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		size_t len;
		char *data = read_fixture(e->d_name, &len);
		struct mk_mail_report r;
		struct mk_error err = {0};
		mk_mail_report_init(&r);
		if (mk_mail_parse(data, len, &r, &err) == MK_OK)
			assert_report_clean(&r);
		else
			assert_true(err.message[0] != '\0');
		mk_mail_report_release(&r);
		free(data);
		n++;
	}
	closedir(d);
	assert_true(n >= 8);
}

/* ---- helpers on their own ------------------------------------------------------------ */

static void test_public_ip_ranges(void **state)
{
	(void)state;
	const char *nonpublic[] = {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1",
				   "127.0.0.1", "169.254.1.1", "100.64.0.1", "0.0.0.0",
				   "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
				   "fd00::1", "::ffff:10.0.0.1", "not-an-ip", ""};
	const char *public_[] = {"8.8.8.8", "172.32.0.1", "100.128.0.1", "203.0.113.25",
				 "2001:4860::8888", "::ffff:8.8.4.4", "209.85.160.68"};
	for (size_t i = 0; i < sizeof nonpublic / sizeof nonpublic[0]; i++)
		if (mk_mail_ip_is_public(nonpublic[i]))
			fail_msg("'%s' counted as public", nonpublic[i]);
	for (size_t i = 0; i < sizeof public_ / sizeof public_[0]; i++)
		if (!mk_mail_ip_is_public(public_[i]))
			fail_msg("'%s' not counted as public", public_[i]);
}

static void test_received_variants(void **state)
{
	(void)state;
	struct mk_mail_hop h = {0};
	assert_int_equal(mk_mail_received("from EX1.prod.outlook.com (2603:10b6:303:1c0::10) by "
					  "EX2.prod.outlook.com with HTTPS; Tue, 22 Aug 2023 "
					  "01:03:52 +0000", &h), MK_OK);
	assert_string_equal(h.from, "EX1.prod.outlook.com");
	assert_string_equal(h.by, "EX2.prod.outlook.com");
	assert_string_equal(h.ip, "2603:10b6:303:1c0::10");
	assert_string_equal(h.date, "Tue, 22 Aug 2023 01:03:52 +0000");
	mk_mail_hop_release(&h);
	assert_int_equal(mk_mail_received("from mail.example ([IPv6:2001:db8::5]) by mx (Postfix) "
					  "with ESMTP id 1 for <a@b>; Fri, 4 Dec 2026 08:00:00 +0000",
					  &h), MK_OK);
	assert_string_equal(h.ip, "2001:db8::5");
	assert_string_equal(h.by, "mx");
	mk_mail_hop_release(&h);
	/* "by" only (a local submission), no date */
	assert_int_equal(mk_mail_received("by 2002:a05:6358:e481 with SMTP id xyz", &h), MK_OK);
	assert_null(h.from);
	assert_null(h.ip);
	assert_null(h.date);
	assert_string_equal(h.by, "2002:a05:6358:e481");
	mk_mail_hop_release(&h);
}

static enum mk_rc collect(void *ctx, const char *s, size_t n, const char *shown)
{
	struct mk_buf *b = ctx;
	mk_buf_add(b, s, n);
	if (shown != NULL)
		mk_buf_addf(b, "(shown %s)", shown);
	mk_buf_addc(b, '|');
	return MK_OK;
}

static void test_url_rules(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 4096);
	mk_mail_scan_text_urls("Go to https://a.example/x. Or (http://b.example/y), "
			       "\"https://c.example/q?a=1&b=2\" and HTTPS://D.example!? "
			       "xhttp://e.example/ not ftp://f.example https:// alone", collect, &b);
	assert_string_equal(b.data, "https://a.example/x|http://b.example/y|"
				    "https://c.example/q?a=1&b=2|HTTPS://D.example|http://e.example/|");
	mk_buf_reset(&b);
	mk_mail_scan_html_urls("<A HREF = 'https://evil.example/?a=1&amp;b=&#50;'>https://bank.nl/</A>"
			       "<a class=x href=https://x.example/>x</a>"
			       "<a href=\"mailto:a@b\">m</a><a name=\"n\">no href</a>"
			       "<area shape=rect href=\"http://area.example/\">"
			       "<a href=\"https://bank.nl.evil.example/\"><b>www.bank.nl</b></a>"
			       "<a href=\"https://www.same.example/\">same.example/login</a>",
			       collect, &b);
	assert_string_equal(b.data, "https://evil.example/?a=1&b=2(shown bank.nl)|"
				    "https://x.example/|http://area.example/|"
				    "https://bank.nl.evil.example/(shown www.bank.nl)|"
				    "https://www.same.example/|");
	mk_buf_reset(&b);
	mk_mail_scan_ipv4("hop 203.0.113.5, v1.2.3.4 9.9.9.9.9 300.1.1.1 (8.8.8.8) 10.0.0.1x", collect, &b);
	assert_string_equal(b.data, "203.0.113.5|8.8.8.8|");
	mk_buf_release(&b);

	char host[64];
	assert_true(mk_mail_url_host("https://user:pw@Bank.NL.:8443/x", 31, host, sizeof host));
	assert_string_equal(host, "bank.nl");
	assert_true(mk_mail_url_host("http://[2001:db8::1]:80/", 24, host, sizeof host));
	assert_string_equal(host, "[2001:db8::1]");
	assert_false(mk_mail_url_host("https:///path", 13, host, sizeof host));
}

static void test_clean_rules(void **state)
{
	(void)state;
	bool guessed = false;
	char *c = mk_mail_clean("  a\t\tb \r\n c\xc2\xa0" "d  ", 17, false, &guessed);
	assert_string_equal(c, "a b c d");
	assert_false(guessed);
	mk_free(c);
	c = mk_mail_clean("x\r\ny\tz\x07\xe2\x80\xaeq", 12, true, &guessed);
	assert_string_equal(c, "x\ny\tzq");
	assert_false(guessed);
	mk_free(c);
	c = mk_mail_clean("caf\xe9 \x85 \xed\xa0\x80", 10, false, &guessed);
	/* 0xE9 read as ISO-8859-1; 0x85 (a C1 control there) becomes U+FFFD;
	 * the encoded surrogate ED A0 80 is not UTF-8: byte by byte "\u00ED",
	 * "\u00A0", U+FFFD */
	assert_string_equal(c, "caf\xc3\xa9 \xef\xbf\xbd \xc3\xad\xc2\xa0\xef\xbf\xbd");
	assert_true(guessed);
	mk_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forward_as_rfc822_attachment_is_unwrapped),
		cmocka_unit_test(test_inline_forward_outlook_dutch),
		cmocka_unit_test(test_inline_forward_gmail_english),
		cmocka_unit_test(test_inline_markers_of_each_client),
		cmocka_unit_test(test_address_with_two_at_keeps_the_domain_after_the_last),
		cmocka_unit_test(test_base64_body_and_rfc2047_q_from),
		cmocka_unit_test(test_latin1_subject_and_qp_body),
		cmocka_unit_test(test_unknown_charset_and_raw_8bit_headers_are_guessed_and_marked),
		cmocka_unit_test(test_truncated_mime_and_broken_base64_decode_as_far_as_they_go),
		cmocka_unit_test(test_broken_quoted_printable_is_kept_literally),
		cmocka_unit_test(test_multiparts_nested_100_deep_are_refused),
		cmocka_unit_test(test_message_over_the_limit_is_refused_before_parsing),
		cmocka_unit_test(test_empty_and_headerless_input_is_not_a_message),
		cmocka_unit_test(test_non_utf8_everywhere_comes_out_clean),
		cmocka_unit_test(test_every_allocation_failure_is_reported_and_frees_everything),
		cmocka_unit_test(test_every_fixture_parses_clean),
		cmocka_unit_test(test_public_ip_ranges),
		cmocka_unit_test(test_received_variants),
		cmocka_unit_test(test_url_rules),
		cmocka_unit_test(test_clean_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
