/* Text work of the mail parser, without GMime: cleaning decoded text into
 * valid UTF-8 without controls (a phishing mail is hostile input and what
 * we pass on is shown to people and stored), and finding URLs, IPv4
 * addresses, link/text mismatches and Received hops in it. The rules are
 * deliberately simple so that an outside script can reproduce them
 * (tests/data/mail-reference.py does, for the data test). */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "intake/mail-internal.h"

/* The buffer's text, or NULL (and the buffer freed) if it failed. */
static char *detach(struct mk_buf *b)
{
	char *s = mk_buf_detach(b, NULL);
	if (s == NULL)
		mk_buf_release(b);
	return s;
}

/* Length of the UTF-8 sequence that the lead byte c announces, 0 if c
 * cannot start one. */
static size_t seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 0;
}

char *mk_mail_clean(const char *s, size_t n, bool multiline, bool *guessed)
{
	struct mk_buf b;
	bool space = false; /* a white space run is pending (single line) */

	/* Worst case: every byte becomes U+FFFD (3 bytes). */
	mk_buf_init(&b, n * 3 + 1);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			i++;
			if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
				if (multiline) {
					if (c != '\r')
						mk_buf_addc(&b, (char)c);
				} else {
					space = b.len > 0;
				}
				continue;
			}
			if (c < 0x20 || c == 0x7F)
				continue; /* a control character: dropped */
			if (space) {
				mk_buf_addc(&b, ' ');
				space = false;
			}
			mk_buf_addc(&b, (char)c);
			continue;
		}
		size_t len = seq_len(c);
		if (len == 0 || i + len > n || !mk_utf8_valid(s + i, len)) {
			/* Not UTF-8: read the byte as ISO-8859-1, the most common
			 * undeclared charset in Dutch and Western mail. */
			if (guessed)
				*guessed = true;
			if (space) {
				mk_buf_addc(&b, ' ');
				space = false;
			}
			if (c >= 0xA0) {
				mk_buf_addc(&b, (char)(0xC0 | (c >> 6)));
				mk_buf_addc(&b, (char)(0x80 | (c & 0x3F)));
			} else {
				mk_buf_adds(&b, "\xEF\xBF\xBD");
			}
			i++;
			continue;
		}
		if (mk_utf8_hidden_control(s + i, len) != 0) {
			i += len; /* C1 control or bidi override: hides or reorders text */
			continue;
		}
		/* U+00A0 no-break space counts as white space on one line. */
		if (!multiline && len == 2 && c == 0xC2 && (unsigned char)s[i + 1] == 0xA0) {
			space = b.len > 0;
			i += 2;
			continue;
		}
		if (space) {
			mk_buf_addc(&b, ' ');
			space = false;
		}
		mk_buf_add(&b, s + i, len);
		i += len;
	}
	return detach(&b);
}

const char *mk_mail_casestr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0)
		return hay;
	int first = tolower((unsigned char)needle[0]);
	for (const char *p = hay; *p != '\0'; p++)
		if (tolower((unsigned char)*p) == first && strncasecmp(p, needle, n) == 0)
			return p;
	return NULL;
}

/* --- URLs -------------------------------------------------------------------- */

static bool url_stop(unsigned char c)
{
	return c <= ' ' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '`' ||
	       c == 0x7F;
}

static bool url_trailing(char c)
{
	return c != '\0' && strchr(".,;:!?)]}'", c) != NULL;
}

/* The length of an http(s) URL at s, or 0 if none starts there. */
static size_t url_at(const char *s)
{
	size_t scheme;
	if (strncasecmp(s, "http://", 7) == 0)
		scheme = 7;
	else if (strncasecmp(s, "https://", 8) == 0)
		scheme = 8;
	else
		return 0;
	size_t n = scheme;
	while (s[n] != '\0' && !url_stop((unsigned char)s[n]))
		n++;
	while (n > scheme && url_trailing(s[n - 1]))
		n--;
	return n > scheme ? n : 0;
}

enum mk_rc mk_mail_scan_text_urls(const char *text, mk_mail_found_cb cb, void *ctx)
{
	for (const char *p = text; *p != '\0'; p++) {
		if (*p != 'h' && *p != 'H')
			continue;
		/* A URL glued to a word ("xhttp://") is still a URL: phishers
		 * do that to slip past filters. */
		size_t n = url_at(p);
		if (n == 0)
			continue;
		enum mk_rc rc = cb(ctx, p, n, NULL);
		if (rc != MK_OK)
			return rc;
		p += n - 1;
	}
	return MK_OK;
}

bool mk_mail_url_host(const char *url, size_t n, char *out, size_t cap)
{
	const char *p = url, *end = url + n;
	const char *sep = NULL;
	for (const char *q = url; q + 2 < end; q++)
		if (q[0] == ':' && q[1] == '/' && q[2] == '/') {
			sep = q + 3;
			break;
		}
	if (sep != NULL)
		p = sep;
	const char *hend = p;
	while (hend < end && *hend != '/' && *hend != '?' && *hend != '#' && *hend != '\\')
		hend++;
	/* user info: everything up to the last '@' ("https://bank.nl@evil.example/") */
	for (const char *q = hend; q > p; q--)
		if (q[-1] == '@') {
			p = q;
			break;
		}
	const char *pend = hend;
	if (p < hend && *p == '[') {
		const char *close = memchr(p, ']', (size_t)(hend - p));
		if (close == NULL)
			return false;
		pend = close + 1;
	} else {
		const char *colon = memchr(p, ':', (size_t)(hend - p));
		if (colon != NULL)
			pend = colon;
	}
	while (pend > p && pend[-1] == '.')
		pend--;
	size_t len = (size_t)(pend - p);
	if (len == 0 || len >= cap)
		return false;
	for (size_t i = 0; i < len; i++)
		out[i] = (char)tolower((unsigned char)p[i]);
	out[len] = '\0';
	return true;
}

/* Decodes the HTML character references we meet in links into b. */
static void add_html_decoded(struct mk_buf *b, const char *s, size_t n)
{
	static const struct {
		const char *name;
		const char *text;
	} named[] = {
		{"amp;", "&"}, {"lt;", "<"}, {"gt;", ">"}, {"quot;", "\""},
		{"apos;", "'"}, {"nbsp;", " "}, {"#x2F;", "/"},
	};
	for (size_t i = 0; i < n;) {
		if (s[i] != '&') {
			mk_buf_addc(b, s[i++]);
			continue;
		}
		bool done = false;
		for (size_t k = 0; k < sizeof named / sizeof named[0] && !done; k++) {
			size_t l = strlen(named[k].name);
			if (i + 1 + l <= n && strncasecmp(s + i + 1, named[k].name, l) == 0) {
				mk_buf_adds(b, named[k].text);
				i += 1 + l;
				done = true;
			}
		}
		if (!done && i + 2 < n && s[i + 1] == '#') {
			size_t j = i + 2;
			int base = 10;
			if (s[j] == 'x' || s[j] == 'X') {
				base = 16;
				j++;
			}
			unsigned long v = 0;
			size_t digits = 0;
			while (j < n && digits < 7 && isxdigit((unsigned char)s[j]) &&
			       (base == 16 || isdigit((unsigned char)s[j]))) {
				v = v * (unsigned long)base +
				    (unsigned long)(isdigit((unsigned char)s[j])
						    ? s[j] - '0'
						    : (tolower((unsigned char)s[j]) - 'a' + 10));
				j++;
				digits++;
			}
			if (digits > 0 && v >= 0x20 && v < 0x7F) {
				mk_buf_addc(b, (char)v);
				i = (j < n && s[j] == ';') ? j + 1 : j;
				done = true;
			}
		}
		if (!done)
			mk_buf_addc(b, s[i++]);
	}
}

/* The value of attribute name in the tag text t[0..n), or NULL. */
static const char *tag_attr(const char *t, size_t n, const char *name, size_t *ret_len)
{
	size_t nl = strlen(name);
	for (size_t i = 1; i + nl < n; i++) {
		if (!isspace((unsigned char)t[i - 1]) || strncasecmp(t + i, name, nl) != 0)
			continue;
		size_t j = i + nl;
		while (j < n && isspace((unsigned char)t[j]))
			j++;
		if (j >= n || t[j] != '=')
			continue;
		j++;
		while (j < n && isspace((unsigned char)t[j]))
			j++;
		if (j >= n)
			return NULL;
		char q = t[j];
		size_t start, end;
		if (q == '"' || q == '\'') {
			start = j + 1;
			end = start;
			while (end < n && t[end] != q)
				end++;
		} else {
			start = j;
			end = j;
			while (end < n && !isspace((unsigned char)t[end]) && t[end] != '>')
				end++;
		}
		*ret_len = end - start;
		return t + start;
	}
	return NULL;
}

/* Trims ASCII white space off both ends of b's text, in place. */
static void buf_trim(struct mk_buf *b)
{
	size_t s = 0;
	while (s < b->len && isspace((unsigned char)b->data[s]))
		s++;
	size_t e = b->len;
	while (e > s && isspace((unsigned char)b->data[e - 1]))
		e--;
	if (b->cap == 0)
		return;
	memmove(b->data, b->data + s, e - s);
	b->len = e - s;
	b->data[b->len] = '\0';
}

static const char *strip_www(const char *h)
{
	return strncmp(h, "www.", 4) == 0 ? h + 4 : h;
}

enum mk_rc mk_mail_scan_html_urls(const char *html, mk_mail_found_cb cb, void *ctx)
{
	enum mk_rc rc = MK_OK;
	struct mk_buf href, shown;
	mk_buf_init(&href, MK_MAIL_URL_MAX * 2);
	mk_buf_init(&shown, MK_MAIL_URL_MAX * 2);
	for (const char *p = strchr(html, '<'); p != NULL; p = strchr(p + 1, '<')) {
		bool area = strncasecmp(p + 1, "area", 4) == 0 && isspace((unsigned char)p[5]);
		if (!area && !((p[1] == 'a' || p[1] == 'A') && isspace((unsigned char)p[2])))
			continue;
		const char *gt = strchr(p, '>');
		if (gt == NULL)
			break;
		size_t vlen = 0;
		const char *v = tag_attr(p, (size_t)(gt - p), "href", &vlen);
		if (v == NULL)
			continue;
		mk_buf_reset(&href);
		add_html_decoded(&href, v, vlen);
		buf_trim(&href);
		/* As a browser reads it (WHATWG URL): tabs and newlines inside
		 * are dropped, a space is sent as %20. */
		size_t w = 0;
		for (size_t r = 0; r < href.len && href.cap > 0; r++) {
			char ch = href.data[r];
			if (ch == '\t' || ch == '\n' || ch == '\r')
				continue;
			href.data[w++] = ch;
		}
		if (href.cap > 0) {
			href.len = w;
			href.data[w] = '\0';
		}
		if (strchr(href.data, ' ') != NULL) {
			struct mk_buf enc;
			mk_buf_init(&enc, MK_MAIL_URL_MAX * 2);
			for (const char *q = href.data; *q != '\0'; q++)
				if (*q == ' ')
					mk_buf_adds(&enc, "%20");
				else
					mk_buf_addc(&enc, *q);
			mk_buf_reset(&href);
			mk_buf_add(&href, enc.data, enc.len);
			if (mk_buf_rc(&enc) != MK_OK)
				href.rc = mk_buf_rc(&enc);
			mk_buf_release(&enc);
		}
		if (mk_buf_rc(&href) != MK_OK)
			continue; /* longer than any URL we keep */
		if (strncasecmp(href.data, "http://", 7) != 0 &&
		    strncasecmp(href.data, "https://", 8) != 0)
			continue;

		/* The visible text of the link, tags removed. */
		char shown_host[256] = "";
		if (!area) {
			const char *close = mk_mail_casestr(gt, "</a");
			const char *tend = close != NULL ? close : gt + 1 + strlen(gt + 1);
			mk_buf_reset(&shown);
			bool in_tag = false;
			for (const char *q = gt + 1; q < tend; q++) {
				if (*q == '<')
					in_tag = true;
				else if (*q == '>')
					in_tag = false;
				else if (!in_tag)
					add_html_decoded(&shown, q, 1);
			}
			buf_trim(&shown);
			if (mk_buf_rc(&shown) == MK_OK && shown.len > 0) {
				const char *st = shown.data;
				char prefixed[MK_MAIL_URL_MAX + 16];
				bool is_url = url_at(st) != 0;
				if (!is_url && strncasecmp(st, "www.", 4) == 0) {
					snprintf(prefixed, sizeof prefixed, "http://%s", st);
					st = prefixed;
					is_url = true;
				}
				char h1[256], h2[256];
				if (is_url && mk_mail_url_host(st, url_at(st), h2, sizeof h2) &&
				    mk_mail_url_host(href.data, href.len, h1, sizeof h1) &&
				    strcmp(strip_www(h1), strip_www(h2)) != 0)
					snprintf(shown_host, sizeof shown_host, "%s", h2);
			}
		}
		rc = cb(ctx, href.data, href.len, shown_host[0] != '\0' ? shown_host : NULL);
		if (rc != MK_OK)
			break;
	}
	mk_buf_release(&href);
	mk_buf_release(&shown);
	return rc;
}

/* --- IP addresses ---------------------------------------------------------------- */

enum mk_rc mk_mail_scan_ipv4(const char *text, mk_mail_found_cb cb, void *ctx)
{
	const char *p = text;
	while (*p != '\0') {
		if (!isdigit((unsigned char)*p)) {
			p++;
			continue;
		}
		const char *start = p;
		while (isdigit((unsigned char)*p) || *p == '.')
			p++;
		size_t n = (size_t)(p - start);
		/* Alone: not part of a longer dotted or alphanumeric token
		 * (a version "1.2.3.4.5", a host "a1.2.3.4b"). */
		bool alone = (start == text || !isalnum((unsigned char)start[-1])) &&
			     !isalnum((unsigned char)*p);
		if (!alone || n < 7 || n > 15)
			continue;
		char ip[16];
		memcpy(ip, start, n);
		ip[n] = '\0';
		struct in_addr a;
		if (inet_pton(AF_INET, ip, &a) != 1)
			continue;
		enum mk_rc rc = cb(ctx, ip, n, NULL);
		if (rc != MK_OK)
			return rc;
	}
	return MK_OK;
}

bool mk_mail_ip_is_public(const char *ip)
{
	unsigned char a[16];
	if (inet_pton(AF_INET, ip, a) == 1) {
		uint32_t v = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
		static const struct {
			uint32_t net, mask;
		} nonpublic[] = {
			{0x00000000, 0xFF000000}, /* 0/8 "this network" */
			{0x0A000000, 0xFF000000}, /* 10/8 private */
			{0x64400000, 0xFFC00000}, /* 100.64/10 carrier-grade NAT */
			{0x7F000000, 0xFF000000}, /* 127/8 loopback */
			{0xA9FE0000, 0xFFFF0000}, /* 169.254/16 link-local */
			{0xAC100000, 0xFFF00000}, /* 172.16/12 private */
			{0xC0A80000, 0xFFFF0000}, /* 192.168/16 private */
			{0xE0000000, 0xE0000000}, /* 224/3 multicast and reserved */
		};
		for (size_t i = 0; i < sizeof nonpublic / sizeof nonpublic[0]; i++)
			if ((v & nonpublic[i].mask) == nonpublic[i].net)
				return false;
		return true;
	}
	if (inet_pton(AF_INET6, ip, a) == 1) {
		static const unsigned char zero[16];
		if (memcmp(a, zero, 15) == 0 && (a[15] == 0 || a[15] == 1))
			return false; /* :: and ::1 */
		if ((a[0] & 0xFE) == 0xFC)
			return false; /* fc00::/7 unique local */
		if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80)
			return false; /* fe80::/10 link-local */
		if (a[0] == 0xFF)
			return false; /* multicast */
		if (memcmp(a, zero, 10) == 0 && a[10] == 0xFF && a[11] == 0xFF) {
			char v4[16];
			snprintf(v4, sizeof v4, "%u.%u.%u.%u", a[12], a[13], a[14], a[15]);
			return mk_mail_ip_is_public(v4); /* ::ffff:a.b.c.d */
		}
		return true;
	}
	return false;
}

/* --- HTML as text ---------------------------------------------------------------- */

char *mk_mail_html_text(const char *html)
{
	static const char *const blocks[] = {"br", "p", "/p", "div", "/div", "tr", "/tr",
					     "li", "blockquote", "/blockquote", "hr", "h1",
					     "h2", "h3", "table", "/table"};
	struct mk_buf b;
	mk_buf_init(&b, strlen(html) + 1);
	for (const char *p = html; *p != '\0';) {
		if (*p == '<') {
			const char *gt = strchr(p, '>');
			if (gt == NULL)
				break;
			const char *name = p + 1;
			size_t nl = 0;
			while (name + nl < gt && (isalnum((unsigned char)name[nl]) || name[nl] == '/'))
				nl++;
			for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
				if (strlen(blocks[i]) == nl && strncasecmp(name, blocks[i], nl) == 0) {
					mk_buf_addc(&b, '\n');
					break;
				}
			/* Style and script content is not text a reader sees. */
			if ((nl == 5 && strncasecmp(name, "style", 5) == 0) ||
			    (nl == 6 && strncasecmp(name, "script", 6) == 0)) {
				char endtag[10];
				snprintf(endtag, sizeof endtag, "</%.*s", (int)nl, name);
				const char *e = mk_mail_casestr(gt, endtag);
				if (e == NULL)
					break;
				gt = strchr(e, '>');
				if (gt == NULL)
					break;
			}
			p = gt + 1;
			continue;
		}
		const char *next = strchr(p, '<');
		size_t n = next != NULL ? (size_t)(next - p) : strlen(p);
		add_html_decoded(&b, p, n);
		p += n;
	}
	return detach(&b);
}

/* --- Received ----------------------------------------------------------------------- */

static char *clean_dup(const char *s, size_t n)
{
	return mk_mail_clean(s, n, false, NULL);
}

/* The first IP address in s[0..n): a bracketed literal ("[203.0.113.5]",
 * "[IPv6:2001:db8::1]") or else the first word that is one. */
static bool first_ip(const char *s, size_t n, char *out, size_t cap)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '[')
			continue;
		const char *close = memchr(s + i, ']', n - i);
		if (close == NULL)
			break;
		const char *v = s + i + 1;
		size_t len = (size_t)(close - v);
		if (len > 5 && strncasecmp(v, "IPv6:", 5) == 0) {
			v += 5;
			len -= 5;
		}
		if (len > 0 && len < cap && len < 64) {
			char tmp[64];
			unsigned char bin[16];
			memcpy(tmp, v, len);
			tmp[len] = '\0';
			if (inet_pton(AF_INET, tmp, bin) == 1 || inet_pton(AF_INET6, tmp, bin) == 1) {
				memcpy(out, tmp, len + 1);
				return true;
			}
		}
	}
	/* Then any word that is an address: Exchange writes "(2603:10b6::10)"
	 * or "(10.1.2.3)" without brackets. */
	for (size_t i = 0; i < n;) {
		while (i < n && strchr(" \t\r\n()[];,=", s[i]) != NULL)
			i++;
		size_t j = i;
		while (j < n && strchr(" \t\r\n()[];,=", s[j]) == NULL)
			j++;
		const char *v = s + i;
		size_t len = j - i;
		if (len > 5 && strncasecmp(v, "IPv6:", 5) == 0) {
			v += 5;
			len -= 5;
		}
		if (len >= 2 && len < cap && len < 64) {
			char tmp[64];
			unsigned char bin[16];
			memcpy(tmp, v, len);
			tmp[len] = '\0';
			if (inet_pton(AF_INET, tmp, bin) == 1 || inet_pton(AF_INET6, tmp, bin) == 1) {
				memcpy(out, tmp, len + 1);
				return true;
			}
		}
		i = j;
	}
	return false;
}

/* The position of keyword kw as a word outside comments in s[0..n), or n. */
static size_t find_keyword(const char *s, size_t n, const char *kw, size_t from)
{
	size_t kl = strlen(kw);
	int depth = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && depth > 0)
			depth--;
		else if (depth == 0 && i >= from && i + kl <= n &&
			 strncasecmp(s + i, kw, kl) == 0 && (i == 0 || isspace((unsigned char)s[i - 1])) &&
			 (i + kl == n || isspace((unsigned char)s[i + kl])))
			return i;
	}
	return n;
}

/* The word starting at s[i] (after white space) up to white space, ';' or
 * '(' into *ret (NULL if there is none). MK_ENOMEM only. */
static enum mk_rc word_after(const char *s, size_t n, size_t i, char **ret)
{
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	size_t j = i;
	while (j < n && !isspace((unsigned char)s[j]) && s[j] != ';' && s[j] != '(')
		j++;
	if (j == i)
		return MK_OK;
	*ret = clean_dup(s + i, j - i);
	return *ret != NULL ? MK_OK : MK_ENOMEM;
}

enum mk_rc mk_mail_received(const char *value, struct mk_mail_hop *hop)
{
	size_t n = strlen(value);
	const char *semi = strrchr(value, ';');
	size_t clauses = semi != NULL ? (size_t)(semi - value) : n;

	hop->time = MK_TIME_UNKNOWN;
	size_t from = find_keyword(value, clauses, "from", 0);
	size_t by = find_keyword(value, clauses, "by", 0);
	if (from < clauses) {
		if (word_after(value, clauses, from + 4, &hop->from) != MK_OK)
			return MK_ENOMEM;
		/* The from clause runs to "by" (or the end). */
		size_t end = by > from ? by : clauses;
		char ip[64];
		if (first_ip(value + from, end - from, ip, sizeof ip)) {
			hop->ip = mk_strdup(ip);
			if (hop->ip == NULL)
				return MK_ENOMEM;
		}
	}
	if (by < clauses && word_after(value, clauses, by + 2, &hop->by) != MK_OK)
		return MK_ENOMEM;
	if (semi != NULL) {
		hop->date = clean_dup(semi + 1, n - (size_t)(semi + 1 - value));
		if (hop->date == NULL)
			return MK_ENOMEM;
	}
	return MK_OK;
}

void mk_mail_hop_release(struct mk_mail_hop *hop)
{
	mk_free(hop->from);
	mk_free(hop->by);
	mk_free(hop->ip);
	mk_free(hop->date);
	hop->from = hop->by = hop->ip = hop->date = NULL;
}
