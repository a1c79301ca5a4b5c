/* core/observable: every type's normal form and its refusals, as a table
 * of exact inputs and outputs (the expected values written by hand from
 * the rules in core/observable.h: RFC 1035 labels, inet_ntop's canonical
 * text, lower-case hex), including hostile input (NUL, invalid UTF-8,
 * bidirectional overrides, javascript: URLs, overlong values); and the URL
 * scanner over prose. */
#include "unit.h"

#include "base/buf.h"
#include "core/observable.h"

struct norm_case {
	enum mk_obs_type type;
	const char *in;
	size_t len; /* 0: strlen */
	enum mk_rc rc;
	const char *out; /* the normal form, or a part of the message */
};

static const struct norm_case cases[] = {
	/* IP */
	{MK_OBS_IP, "192.0.2.1", 0, MK_OK, "192.0.2.1"},
	{MK_OBS_IP, " 192.0.2.1\t", 0, MK_OK, "192.0.2.1"},
	{MK_OBS_IP, "2001:DB8:0:0:0:0:0:1", 0, MK_OK, "2001:db8::1"},
	{MK_OBS_IP, "::FFFF:192.0.2.1", 0, MK_OK, "::ffff:192.0.2.1"},
	{MK_OBS_IP, "010.1.1.1", 0, MK_EINVAL, "'010.1.1.1' is not an IP address"},
	{MK_OBS_IP, "256.1.1.1", 0, MK_EINVAL, "'256.1.1.1' is not an IP address"},
	{MK_OBS_IP, "1.2.3", 0, MK_EINVAL, "'1.2.3' is not an IP address"},
	{MK_OBS_IP, "", 0, MK_EINVAL, "value is empty"},
	/* domain */
	{MK_OBS_DOMAIN, "Evil.Example.COM.", 0, MK_OK, "evil.example.com"},
	{MK_OBS_DOMAIN, "xn--bcher-kva.example", 0, MK_OK, "xn--bcher-kva.example"},
	{MK_OBS_DOMAIN, "B\xc3\xbc" "cher.example", 0, MK_OK, "b\xc3\xbc" "cher.example"},
	{MK_OBS_DOMAIN, "a-b.c-d.nl", 0, MK_OK, "a-b.c-d.nl"},
	{MK_OBS_DOMAIN, "localhost", 0, MK_EINVAL, "domain 'localhost' needs at least two labels"},
	{MK_OBS_DOMAIN, "10.1.2.3", 0, MK_EINVAL, "domain '10.1.2.3' ends in a numeric label"},
	{MK_OBS_DOMAIN, "-evil.example", 0, MK_EINVAL, "has a label that starts or ends with '-'"},
	{MK_OBS_DOMAIN, "evil..example", 0, MK_EINVAL, "has a label of 0 bytes (1 to 63 allowed)"},
	{MK_OBS_DOMAIN, "under_score.example", 0, MK_EINVAL, "contains '_'"},
	{MK_OBS_DOMAIN, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.nl", 0,
	 MK_EINVAL, "has a label of 64 bytes"},
	/* URL */
	{MK_OBS_URL, "HTTP://Evil.Example.COM", 0, MK_OK, "http://evil.example.com/"},
	{MK_OBS_URL, "https://evil.example:443/Login?x=1#f", 0, MK_OK,
	 "https://evil.example/Login?x=1#f"},
	{MK_OBS_URL, "http://evil.example:8080/a", 0, MK_OK, "http://evil.example:8080/a"},
	{MK_OBS_URL, "http://www.bank.nl@evil.example/", 0, MK_OK, "http://www.bank.nl@evil.example/"},
	{MK_OBS_URL, "http://[2001:DB8::1]:8443/x", 0, MK_OK, "http://[2001:db8::1]:8443/x"},
	{MK_OBS_URL, "ftp://192.0.2.7/f.exe", 0, MK_OK, "ftp://192.0.2.7/f.exe"},
	{MK_OBS_URL, "javascript:alert(1)", 0, MK_EINVAL,
	 "URL scheme 'javascript' is not allowed: only http, https and ftp"},
	{MK_OBS_URL, "JaVaScRiPt://evil.example/", 0, MK_EINVAL,
	 "URL scheme 'JaVaScRiPt' is not allowed"},
	{MK_OBS_URL, "data:text/html;base64,AAAA", 0, MK_EINVAL, "URL scheme 'data' is not allowed"},
	{MK_OBS_URL, "evil.example/login", 0, MK_EINVAL, "it must start with http://, https:// or ftp://"},
	{MK_OBS_URL, "http:///path", 0, MK_EINVAL, "has no host"},
	{MK_OBS_URL, "http://evil.example:99999/", 0, MK_EINVAL, "URL port 99999 is out of range"},
	{MK_OBS_URL, "http://evil.example:8x/", 0, MK_EINVAL, "URL has a bad port"},
	{MK_OBS_URL, "http://evil.example/a b", 0, MK_EINVAL, "URL contains ' ' (byte 21)"},
	{MK_OBS_URL, "http://evil.example/\"><script>", 0, MK_EINVAL, "URL contains '\"'"},
	/* e-mail */
	{MK_OBS_EMAIL, "Jan.Jansen@Gemeente.NL", 0, MK_OK, "jan.jansen@gemeente.nl"},
	{MK_OBS_EMAIL, "a+tag@x.example", 0, MK_OK, "a+tag@x.example"},
	/* two '@': the domain is after the last (a bounce address) */
	{MK_OBS_EMAIL, "Bounce-X@pot+2Df+2Dp=hotmail.com@Mail.Example.com", 0, MK_OK,
	 "bounce-x@pot+2df+2dp=hotmail.com@mail.example.com"},
	{MK_OBS_EMAIL, "a@@x.example", 0, MK_EINVAL, "has '@' in its local part"},
	{MK_OBS_EMAIL, "a@b.example@", 0, MK_EINVAL, "domain"},
	{MK_OBS_EMAIL, "no-at.example", 0, MK_EINVAL, "no '@'"},
	{MK_OBS_EMAIL, "@x.example", 0, MK_EINVAL, "needs a local part of 1 to 64 bytes"},
	{MK_OBS_EMAIL, "a..b@x.example", 0, MK_EINVAL, "has '.' in its local part"},
	{MK_OBS_EMAIL, "\"q\"@x.example", 0, MK_EINVAL, "has '\"' in its local part"},
	{MK_OBS_EMAIL, "a@localhost", 0, MK_EINVAL, "needs at least two labels"},
	/* hash */
	{MK_OBS_HASH, "D41D8CD98F00B204E9800998ECF8427E", 0, MK_OK, "d41d8cd98f00b204e9800998ecf8427e"},
	{MK_OBS_HASH, "da39a3ee5e6b4b0d3255bfef95601890afd80709", 0, MK_OK,
	 "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
	{MK_OBS_HASH, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 0, MK_OK,
	 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	{MK_OBS_HASH, "d41d8cd98f00b204e9800998ecf8427", 0, MK_EINVAL,
	 "hash has 31 hex digits: MD5 has 32, SHA-1 40, SHA-256 64"},
	{MK_OBS_HASH, "g41d8cd98f00b204e9800998ecf8427e", 0, MK_EINVAL, "hash has 'g' at byte 0"},
	/* file name */
	{MK_OBS_FILENAME, "Factuur 2026.pdf", 0, MK_OK, "Factuur 2026.pdf"},
	{MK_OBS_FILENAME, "../etc/passwd", 0, MK_EINVAL, "contains a path separator"},
	{MK_OBS_FILENAME, "C:\\temp\\x.exe", 0, MK_EINVAL, "contains a path separator"},
	{MK_OBS_FILENAME, "..", 0, MK_EINVAL, "is not a name"},
	/* RLO: "invoice<RLO>fdp.exe" shows as "invoiceexe.pdf" */
	{MK_OBS_FILENAME, "invoice\xe2\x80\xae" "fdp.exe", 0, MK_EINVAL,
	 "hidden control or bidirectional character (byte 7)"},
	/* hostile input common to every type */
	{MK_OBS_DOMAIN, "evil\0.example", 13, MK_EINVAL, "value contains a NUL byte"},
	{MK_OBS_DOMAIN, "evil\xff" ".example", 0, MK_EINVAL, "value is not valid UTF-8 (byte 4)"},
	{MK_OBS_DOMAIN, "evil\xc0\xae" ".example", 0, MK_EINVAL, "value is not valid UTF-8 (byte 4)"},
	{MK_OBS_URL, "http://evil.example/\n", 0, MK_EINVAL, "control character (byte 20)"},
	{MK_OBS_EMAIL, "a@\xe2\x80\xae" "evil.example", 0, MK_EINVAL, "bidirectional character (byte 2)"},
	{MK_OBS_FILENAME, "a\x7f", 0, MK_EINVAL, "control character (byte 1)"},
};

static void test_observable_normal_forms_and_refusals(void **state)
{
	(void)state;
	struct mk_buf out;
	mk_buf_init(&out, MK_OBS_VALUE_MAX);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct norm_case *c = &cases[i];
		struct mk_error err = {0};
		size_t len = c->len ? c->len : strlen(c->in);
		enum mk_rc rc = mk_observable_normalise(c->type, c->in, len, &out, &err);
		if (rc != c->rc)
			fail_msg("case %zu '%s': rc %d, expected %d (%s)", i, c->in, rc, c->rc,
				 err.message);
		if (c->rc == MK_OK) {
			if (strcmp(out.data, c->out) != 0)
				fail_msg("case %zu '%s': got '%s', expected '%s'", i, c->in, out.data,
					 c->out);
		} else {
			if (!strstr(err.message, c->out))
				fail_msg("case %zu '%s': message '%s' lacks '%s'", i, c->in, err.message,
					 c->out);
			assert_string_equal(err.field, "value");
			assert_int_equal(out.len, 0); /* nothing half-normalised */
		}
	}
	mk_buf_release(&out);
}

static void test_observable_refuses_overlong_values(void **state)
{
	(void)state;
	struct mk_buf out;
	struct mk_error err = {0};
	char *big = mk_malloc(MK_OBS_VALUE_MAX + 2);
	assert_non_null(big);
	memcpy(big, "https://evil.example/", 21);
	memset(big + 21, 'a', MK_OBS_VALUE_MAX + 1 - 21);
	big[MK_OBS_VALUE_MAX + 1] = 0;
	mk_buf_init(&out, MK_OBS_VALUE_MAX);
	assert_int_equal(mk_observable_normalise(MK_OBS_URL, big, MK_OBS_VALUE_MAX + 1, &out, &err),
			 MK_ETOOBIG);
	assert_string_equal(err.message, "value is longer than 2048 bytes");
	/* exactly at the limit is fine */
	assert_int_equal(mk_observable_normalise(MK_OBS_URL, big, MK_OBS_VALUE_MAX, &out, &err), MK_OK);
	assert_int_equal(out.len, MK_OBS_VALUE_MAX);
	/* a domain above 253 bytes */
	char dom[300];
	for (int i = 0; i < 254; i++)
		dom[i] = i % 10 == 9 ? '.' : 'a';
	memcpy(dom + 251, ".nl", 4);
	assert_int_equal(mk_observable_normalise(MK_OBS_DOMAIN, dom, strlen(dom), &out, &err),
			 MK_EINVAL);
	assert_non_null(strstr(err.message, "must be 1 to 253 bytes long"));
	mk_buf_release(&out);
	mk_free(big);
}

static void test_observable_type_names_and_guess(void **state)
{
	(void)state;
	static const char *const names[] = {"ip", "domain", "url", "email", "hash", "filename"};
	struct mk_error err = {0};
	for (int t = 0; t < MK_OBS_TYPE_COUNT; t++) {
		enum mk_obs_type back;
		assert_string_equal(mk_obs_type_name((enum mk_obs_type)t), names[t]);
		assert_int_equal(mk_obs_type_parse(names[t], "type", &back, &err), MK_OK);
		assert_int_equal(back, t);
	}
	enum mk_obs_type t;
	assert_int_equal(mk_obs_type_parse("ipv4", "type", &t, &err), MK_EINVAL);
	assert_string_equal(err.message,
			    "type 'ipv4' is unknown: use one of ip, domain, url, email, hash, filename");
	assert_string_equal(mk_obs_source_name(MK_OBS_SOURCE_MAIL), "mail");
	assert_string_equal(mk_obs_source_name(MK_OBS_SOURCE_ALERT), "alert");
	assert_string_equal(mk_obs_source_name(MK_OBS_SOURCE_MANUAL), "manual");

	static const struct {
		const char *in;
		enum mk_obs_type t;
	} guesses[] = {
		{"192.0.2.1", MK_OBS_IP},          {"2001:db8::1", MK_OBS_IP},
		{"evil.example.com", MK_OBS_DOMAIN}, {"a@b.example", MK_OBS_EMAIL},
		{"https://x.example/", MK_OBS_URL}, {"javascript://x", MK_OBS_URL},
		{"d41d8cd98f00b204e9800998ecf8427e", MK_OBS_HASH},
	};
	for (size_t i = 0; i < sizeof(guesses) / sizeof(guesses[0]); i++) {
		assert_int_equal(mk_observable_guess(guesses[i].in, strlen(guesses[i].in), &t, &err),
				 MK_OK);
		if (t != guesses[i].t)
			fail_msg("guess '%s': %d, expected %d", guesses[i].in, t, guesses[i].t);
	}
	assert_string_equal(mk_obs_hash_algorithm("d41d8cd98f00b204e9800998ecf8427e"), "md5");
	assert_string_equal(mk_obs_hash_algorithm("da39a3ee5e6b4b0d3255bfef95601890afd80709"), "sha1");
	assert_null(mk_obs_hash_algorithm("D41D8CD98F00B204E9800998ECF8427E"));
	assert_int_equal(mk_obs_role_check("src-ip", &err), MK_OK);
	assert_int_equal(mk_obs_role_check("Src IP", &err), MK_EINVAL);
	assert_string_equal(err.message, "role 'Src IP' may hold only a-z, 0-9 and '-'");
	assert_int_equal(mk_obs_role_check("", &err), MK_EINVAL);
}

struct found {
	char urls[16][128];
	int n;
};

static enum mk_rc collect(void *ctx, const char *s, size_t len)
{
	struct found *f = ctx;
	assert_true(f->n < 16);
	snprintf(f->urls[f->n++], 128, "%.*s", (int)len, s);
	return MK_OK;
}

static void test_observable_scan_urls_in_prose(void **state)
{
	(void)state;
	static const char text[] =
		"Beste klant, log in via https://evil.example/login?id=1. Of (zie "
		"http://x.example/a_(b)) en <https://y.example/p>, 'ftp://f.example/z';\n"
		"niet: mailto:a@b.nl, xhttp://no.example, www.w.example, https:// alleen, "
		"HTTPS://UP.EXAMPLE/X!";
	static const char *const want[] = {
		"https://evil.example/login?id=1", "http://x.example/a_(b)", "https://y.example/p",
		"ftp://f.example/z", "HTTPS://UP.EXAMPLE/X",
	};
	struct found f = {.n = 0};
	assert_int_equal(mk_observable_scan_urls(text, strlen(text), collect, &f), MK_OK);
	assert_int_equal(f.n, 5);
	for (int i = 0; i < 5; i++)
		assert_string_equal(f.urls[i], want[i]);
	/* a NUL in the text ends a URL like any control character */
	static const char nul[] = "see http://a.example/x\0y http://b.example/";
	f.n = 0;
	assert_int_equal(mk_observable_scan_urls(nul, sizeof(nul) - 1, collect, &f), MK_OK);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.urls[0], "http://a.example/x");
	assert_string_equal(f.urls[1], "http://b.example/");
}

static void test_observable_hosts_and_mail_domains(void **state)
{
	(void)state;
	struct mk_buf out;
	struct mk_error err = {0};
	bool ip;
	mk_buf_init(&out, MK_OBS_VALUE_MAX);
	assert_int_equal(mk_observable_url_host("https://user@Login.Evil.example:8443/x", &out, &ip,
						&err),
			 MK_OK);
	assert_string_equal(out.data, "login.evil.example");
	assert_false(ip);
	assert_int_equal(mk_observable_url_host("http://192.0.2.9/x", &out, &ip, &err), MK_EINVAL);
	assert_true(ip);
	assert_string_equal(out.data, "192.0.2.9");
	assert_int_equal(mk_observable_url_host("http://[2001:db8::1]/", &out, &ip, &err), MK_EINVAL);
	assert_true(ip);
	assert_string_equal(out.data, "2001:db8::1");
	assert_int_equal(mk_observable_email_domain("jan@Mail.Gemeente.NL", &out, &err), MK_OK);
	assert_string_equal(out.data, "mail.gemeente.nl");
	assert_int_equal(mk_observable_email_domain("nobody", &out, &err), MK_EINVAL);
	assert_int_equal(out.len, 0);
	mk_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_observable_normal_forms_and_refusals),
		UNIT_TEST(test_observable_refuses_overlong_values),
		UNIT_TEST(test_observable_type_names_and_guess),
		UNIT_TEST(test_observable_scan_urls_in_prose),
		UNIT_TEST(test_observable_hosts_and_mail_domains),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
