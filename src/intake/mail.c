/* The mail parser (mail.h): GMime reads the MIME structure and decodes
 * headers, transfer encodings and charsets; we walk the parts with a depth
 * and count bound, keep text and HTML bodies (bounded), hash attachments
 * while decoding them in 64 KB chunks (never held whole, never opened),
 * unwrap forwards, and derive URLs, domains and IPs. GMime works in place
 * on the caller's bytes (a persistent memory stream), so a 25 MB
 * attachment costs no copy. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>
#include <sodium.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/limits.h"
#include "intake/mail-internal.h"
#include "intake/mail.h"

const char *mk_mail_forward_name(enum mk_mail_forward f)
{
	switch (f) {
	case MK_MAIL_RFC822: return "rfc822";
	case MK_MAIL_INLINE: return "inline";
	default: return "direct";
	}
}

/* --- Result lifecycle -------------------------------------------------------- */

static void address_release(struct mk_mail_address *a)
{
	mk_free(a->addr);
	mk_free(a->name);
	a->addr = a->name = NULL;
}

static void message_init(struct mk_mail_message *m)
{
	memset(m, 0, sizeof *m);
	m->time = MK_TIME_UNKNOWN;
	m->first_external = -1;
}

static void message_release(struct mk_mail_message *m)
{
	address_release(&m->from);
	address_release(&m->reply_to);
	address_release(&m->return_path);
	mk_free(m->subject);
	mk_free(m->date);
	for (size_t i = 0; i < m->nhops; i++)
		mk_mail_hop_release(&m->hops[i]);
	mk_free(m->hops);
	mk_free(m->text);
	mk_free(m->html);
	for (size_t i = 0; i < m->nurls; i++) {
		mk_free(m->urls[i].url);
		mk_free(m->urls[i].host);
		mk_free(m->urls[i].shown_host);
	}
	mk_free(m->urls);
	for (size_t i = 0; i < m->ndomains; i++)
		mk_free(m->domains[i]);
	mk_free(m->domains);
	for (size_t i = 0; i < m->nips; i++)
		mk_free(m->ips[i]);
	mk_free(m->ips);
	for (size_t i = 0; i < m->nattachments; i++) {
		mk_free(m->attachments[i].filename);
		mk_free(m->attachments[i].mime_type);
	}
	mk_free(m->attachments);
	message_init(m);
}

void mk_mail_report_init(struct mk_mail_report *r)
{
	memset(r, 0, sizeof *r);
	message_init(&r->orig);
}

void mk_mail_report_release(struct mk_mail_report *r)
{
	if (r == NULL)
		return;
	address_release(&r->reporter);
	mk_free(r->outer_subject);
	message_release(&r->orig);
	mk_mail_report_init(r);
}

/* --- Parse state ---------------------------------------------------------------- */

struct parse {
	struct mk_error *err;
	enum mk_rc rc;        /* the first failure */
	size_t parts;         /* MIME parts seen */
	bool nesting;         /* GMime reported a nesting overflow */
	bool guessed;         /* some text was in an unknown charset */
	struct mk_buf text, html;
	bool truncated;
	GMimeMessage *inner;  /* a message/rfc822 forward found in the outer walk */
	bool find_inner;
	struct mk_mail_message *m; /* where attachments go */
};

static enum mk_rc fail(struct parse *p, enum mk_rc rc, const char *fmt, const char *arg)
{
	if (p->rc == MK_OK) {
		p->rc = rc;
		mk_error_set(p->err, rc, "message", fmt, arg);
	}
	return p->rc;
}

static enum mk_rc oom(struct parse *p)
{
	return fail(p, MK_ENOMEM, "out of memory%s", "");
}

/* Grows an array of items of size sz by one, bounded by MK_MAIL_ITEMS_MAX:
 * beyond the bound the item is skipped (false with MK_OK). */
static bool grow(struct parse *p, void **arr, size_t *n, size_t sz)
{
	if (*n >= MK_MAIL_ITEMS_MAX)
		return false;
	void *a = mk_realloc(*arr, (*n + 1) * sz);
	if (a == NULL) {
		oom(p);
		return false;
	}
	*arr = a;
	memset((char *)a + *n * sz, 0, sz);
	(*n)++;
	return true;
}

static char *clean(struct parse *p, const char *s, bool multiline)
{
	if (s == NULL)
		return NULL;
	char *c = mk_mail_clean(s, strlen(s), multiline, &p->guessed);
	if (c == NULL)
		oom(p);
	return c;
}

/* --- Headers ------------------------------------------------------------------------ */

/* GMime cuts an address at its first '@': of
 * "bounce-x@pot+2Df+2Dp=hotmail.com@mail.example.com" (a bounce address
 * that carries the original recipient, seen in real Return-Paths) it
 * gives "bounce-x@pot+2Df+2Dp=hotmail.com", and the domain would be the
 * wrong one. The address goes on in the header's own text: where GMime's
 * address is followed there by '@', it is widened to the whole run of
 * address characters, so the domain is what follows the last '@'. */
static bool addr_char(char c)
{
	return c != '\0' && c != '<' && c != '>' && c != ',' && c != ';' && c != '"' && c != '(' &&
	       c != ')' && c != '[' && c != ']' && !isspace((unsigned char)c);
}

/* The address as the header writes it: addr itself, or where raw has
 * addr followed by '@' and more address characters, that whole run
 * (*ret_len bytes from the pointer returned). */
static const char *widened(const char *raw, const char *addr, size_t *ret_len)
{
	size_t n = strlen(addr);
	*ret_len = n;
	if (raw == NULL || n == 0)
		return addr;
	for (const char *r = raw; (r = mk_mail_casestr(r, addr)) != NULL; r++) {
		if (r[n] != '@' || (r > raw && addr_char(r[-1])))
			continue;
		size_t len = n;
		while (addr_char(r[len]))
			len++;
		if (r[len - 1] != '@') {
			*ret_len = len;
			return r;
		}
	}
	return addr;
}

static void set_address(struct parse *p, struct mk_mail_address *a, InternetAddressList *list,
			const char *raw)
{
	if (list == NULL || internet_address_list_length(list) == 0)
		return;
	InternetAddress *ia = internet_address_list_get_address(list, 0);
	if (INTERNET_ADDRESS_IS_GROUP(ia)) {
		InternetAddressList *members =
			internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia));
		if (members == NULL || internet_address_list_length(members) == 0)
			return;
		ia = internet_address_list_get_address(members, 0);
	}
	if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
		return;
	const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
	const char *name = internet_address_get_name(ia);
	if (addr != NULL && addr[0] != '\0') {
		size_t n;
		const char *whole = widened(raw, addr, &n);
		char *copy = mk_malloc(n + 1);
		if (copy == NULL) {
			oom(p);
			return;
		}
		memcpy(copy, whole, n);
		copy[n] = '\0';
		a->addr = clean(p, copy, false);
		mk_free(copy);
		if (a->addr != NULL)
			for (char *c = a->addr; *c != '\0'; c++)
				*c = (char)tolower((unsigned char)*c);
	}
	if (name != NULL && name[0] != '\0')
		a->name = clean(p, name, false);
}

static void parse_address_text(struct parse *p, struct mk_mail_address *a, const char *text)
{
	if (text == NULL)
		return;
	/* Outlook writes "Name [mailto:a@b]" in forwards. */
	struct mk_buf b;
	mk_buf_init(&b, strlen(text) + 2);
	const char *m = mk_mail_casestr(text, "[mailto:");
	if (m != NULL) {
		const char *close = strchr(m, ']');
		mk_buf_add(&b, text, (size_t)(m - text));
		mk_buf_addc(&b, '<');
		if (close != NULL) {
			mk_buf_add(&b, m + 8, (size_t)(close - m - 8));
			mk_buf_addc(&b, '>');
		} else {
			mk_buf_adds(&b, m + 8);
		}
	} else {
		mk_buf_adds(&b, text);
	}
	if (mk_buf_rc(&b) != MK_OK) {
		mk_buf_release(&b);
		oom(p);
		return;
	}
	InternetAddressList *list = internet_address_list_parse(NULL, b.data);
	set_address(p, a, list, b.data);
	if (list != NULL)
		g_object_unref(list);
	mk_buf_release(&b);
}

static mk_time parse_date(const char *s)
{
	if (s == NULL)
		return MK_TIME_UNKNOWN;
	GDateTime *dt = g_mime_utils_header_decode_date(s);
	if (dt == NULL)
		return MK_TIME_UNKNOWN;
	mk_time t = (mk_time)g_date_time_to_unix(dt);
	g_date_time_unref(dt);
	/* GMime answers an unparsable date with the epoch. */
	return t == 0 ? MK_TIME_UNKNOWN : t;
}

static bool has_8bit_not_utf8(const char *s)
{
	/* Raw 8-bit bytes that are not UTF-8 carry no charset at all:
	 * whatever GMime made of them is a guess. */
	return !g_utf8_validate(s, -1, NULL);
}

static void read_headers(struct parse *p, GMimeMessage *msg, struct mk_mail_message *m)
{
	GMimeObject *obj = GMIME_OBJECT(msg);
	set_address(p, &m->from, g_mime_message_get_from(msg),
		    g_mime_object_get_header(obj, "From"));
	set_address(p, &m->reply_to, g_mime_message_get_reply_to(msg),
		    g_mime_object_get_header(obj, "Reply-To"));
	const char *rp = g_mime_object_get_header(obj, "Return-Path");
	if (rp != NULL) {
		struct mk_mail_address tmp = {0};
		parse_address_text(p, &tmp, rp);
		m->return_path.addr = tmp.addr;
		mk_free(tmp.name);
	}
	GMimeHeaderList *headers = g_mime_object_get_header_list(obj);
	int count = g_mime_header_list_get_count(headers);
	for (int i = 0; i < count && p->rc == MK_OK; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(headers, i);
		const char *name = g_mime_header_get_name(h);
		if (strcasecmp(name, "Subject") == 0 && m->subject == NULL) {
			const char *raw = g_mime_header_get_raw_value(h);
			if (raw != NULL && has_8bit_not_utf8(raw))
				m->subject_guessed = true;
		} else if (strcasecmp(name, "Received") == 0) {
			const char *v = g_mime_header_get_value(h);
			if (v == NULL || !grow(p, (void **)&m->hops, &m->nhops, sizeof *m->hops))
				continue;
			struct mk_mail_hop *hop = &m->hops[m->nhops - 1];
			if (mk_mail_received(v, hop) != MK_OK) {
				oom(p);
				break;
			}
			hop->time = parse_date(hop->date);
		}
	}
	/* From the bottom (the sender's side) up: the first public sender. */
	for (size_t i = m->nhops; i-- > 0;)
		if (m->hops[i].ip != NULL && mk_mail_ip_is_public(m->hops[i].ip)) {
			m->first_external = (long)i;
			break;
		}
	const char *subject = g_mime_message_get_subject(msg);
	if (subject != NULL) {
		m->subject = clean(p, subject, false);
		if (m->subject_guessed)
			p->guessed = true;
	}
	const char *date = g_mime_object_get_header(obj, "Date");
	if (date != NULL) {
		m->date = clean(p, date, false);
		GDateTime *dt = g_mime_message_get_date(msg);
		if (dt != NULL)
			m->time = (mk_time)g_date_time_to_unix(dt);
	}
}

/* --- Bodies and attachments ------------------------------------------------------------ */

static GMimeStream *decoded_stream(GMimePart *part, const char *charset, bool *unknown_charset)
{
	GMimeDataWrapper *content = g_mime_part_get_content(part);
	if (content == NULL)
		return NULL;
	GMimeStream *raw = g_mime_data_wrapper_get_stream(content);
	if (raw == NULL)
		return NULL;
	g_mime_stream_reset(raw);
	GMimeStream *fs = g_mime_stream_filter_new(raw);
	GMimeContentEncoding enc = g_mime_data_wrapper_get_encoding(content);
	if (enc == GMIME_CONTENT_ENCODING_BASE64 || enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
	    enc == GMIME_CONTENT_ENCODING_UUENCODE) {
		GMimeFilter *f = g_mime_filter_basic_new(enc, FALSE);
		g_mime_stream_filter_add(GMIME_STREAM_FILTER(fs), f);
		g_object_unref(f);
	}
	if (charset != NULL && g_ascii_strcasecmp(charset, "utf-8") != 0 &&
	    g_ascii_strcasecmp(charset, "us-ascii") != 0) {
		GMimeFilter *f = g_mime_filter_charset_new(charset, "UTF-8");
		if (f != NULL) {
			g_mime_stream_filter_add(GMIME_STREAM_FILTER(fs), f);
			g_object_unref(f);
		} else if (unknown_charset != NULL) {
			*unknown_charset = true;
		}
	}
	return fs;
}

static void add_body(struct parse *p, GMimePart *part, struct mk_buf *into)
{
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
	const char *charset = ct != NULL ? g_mime_content_type_get_parameter(ct, "charset") : NULL;
	bool unknown = false;
	GMimeStream *s = decoded_stream(part, charset, &unknown);
	if (s == NULL)
		return;
	if (unknown)
		p->guessed = true;
	struct mk_buf raw;
	mk_buf_init(&raw, MK_MAIL_BODY_MAX);
	char chunk[65536];
	ssize_t n;
	while ((n = g_mime_stream_read(s, chunk, sizeof chunk)) > 0) {
		size_t room = raw.max - raw.len;
		if ((size_t)n > room) {
			mk_buf_add(&raw, chunk, room);
			p->truncated = true;
			break;
		}
		mk_buf_add(&raw, chunk, (size_t)n);
	}
	g_object_unref(s);
	if (mk_buf_rc(&raw) != MK_OK) {
		mk_buf_release(&raw);
		oom(p);
		return;
	}
	char *c = mk_mail_clean(raw.data, raw.len, true, &p->guessed);
	mk_buf_release(&raw);
	if (c == NULL) {
		oom(p);
		return;
	}
	size_t cl = strlen(c);
	if (into->len > 0)
		mk_buf_addc(into, '\n');
	size_t room = into->max - into->len;
	if (cl > room) {
		cl = room;
		p->truncated = true;
	}
	mk_buf_add(into, c, cl);
	mk_free(c);
	if (mk_buf_rc(into) != MK_OK)
		oom(p);
}

static void add_attachment(struct parse *p, GMimePart *part, const char *mime_type)
{
	struct mk_mail_message *m = p->m;
	if (!grow(p, (void **)&m->attachments, &m->nattachments, sizeof *m->attachments))
		return;
	struct mk_mail_attachment *a = &m->attachments[m->nattachments - 1];
	a->mime_type = clean(p, mime_type, false);
	const char *fn = g_mime_part_get_filename(part);
	if (fn != NULL && fn[0] != '\0')
		a->filename = clean(p, fn, false);

	/* Hash while decoding, a chunk at a time: a 25 MB attachment is never
	 * held whole, and nothing looks inside it (an archive bomb stays a blob). */
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	GMimeStream *s = decoded_stream(part, NULL, NULL);
	if (s != NULL) {
		unsigned char chunk[65536];
		ssize_t n;
		while ((n = g_mime_stream_read(s, (char *)chunk, sizeof chunk)) > 0) {
			crypto_hash_sha256_update(&st, chunk, (unsigned long long)n);
			a->size += (uint64_t)n;
		}
		g_object_unref(s);
	}
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(a->sha256, sizeof a->sha256, h, sizeof h);
}

static void walk(struct parse *p, GMimeObject *obj, int depth)
{
	if (p->rc != MK_OK || obj == NULL)
		return;
	if (depth > MK_MAIL_DEPTH_MAX) {
		char d[16];
		snprintf(d, sizeof d, "%d", MK_MAIL_DEPTH_MAX);
		fail(p, MK_ETOOBIG, "mime parts nested deeper than MK_MAIL_DEPTH_MAX (%s)", d);
		return;
	}
	if (++p->parts > MK_MAIL_PARTS_MAX) {
		char d[16];
		snprintf(d, sizeof d, "%d", MK_MAIL_PARTS_MAX);
		fail(p, MK_ETOOBIG, "more mime parts than MK_MAIL_PARTS_MAX (%s)", d);
		return;
	}
	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int n = g_mime_multipart_get_count(mp);
		for (int i = 0; i < n && p->rc == MK_OK; i++)
			walk(p, g_mime_multipart_get_part(mp, i), depth + 1);
		return;
	}
	if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
		if (inner == NULL)
			return;
		/* A forward as attachment: the first message/rfc822 right under
		 * the top (depth 1) or as the top body itself. */
		if (p->find_inner && p->inner == NULL && depth <= 1) {
			p->inner = inner;
			return;
		}
		/* Any other attached message is described as an attachment (its
		 * bytes hashed) rather than unwrapped. */
		walk(p, g_mime_message_get_mime_part(inner), depth + 1);
		return;
	}
	if (!GMIME_IS_PART(obj))
		return;
	GMimePart *part = GMIME_PART(obj);
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	char *mime_type = ct != NULL ? g_mime_content_type_get_mime_type(ct) : NULL;
	if (mime_type != NULL)
		for (char *c = mime_type; *c != '\0'; c++)
			*c = (char)tolower((unsigned char)*c);
	const char *disp = g_mime_object_get_disposition(obj);
	bool attachment = disp != NULL && g_ascii_strcasecmp(disp, "attachment") == 0;
	const char *fn = g_mime_part_get_filename(part);
	bool body_type = mime_type != NULL &&
			 (strcmp(mime_type, "text/plain") == 0 || strcmp(mime_type, "text/html") == 0);
	if (body_type && !attachment && (fn == NULL || fn[0] == '\0')) {
		add_body(p, part, mime_type[5] == 'p' ? &p->text : &p->html);
	} else {
		add_attachment(p, part, mime_type != NULL ? mime_type : "application/octet-stream");
	}
	g_free(mime_type);
}

/* --- Derived lists ----------------------------------------------------------------------- */

static bool has_str(char **arr, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(arr[i], s) == 0)
			return true;
	return false;
}

static void add_str(struct parse *p, char ***arr, size_t *n, const char *s, size_t len)
{
	if (p->rc != MK_OK || len == 0)
		return;
	char *c = mk_mail_clean(s, len, false, NULL);
	if (c == NULL) {
		oom(p);
		return;
	}
	if (c[0] == '\0' || has_str(*arr, *n, c) || !grow(p, (void **)arr, n, sizeof **arr)) {
		mk_free(c);
		return;
	}
	(*arr)[*n - 1] = c;
}

static bool is_ip_literal(const char *h)
{
	if (h[0] == '[') {
		char tmp[64];
		size_t n = strlen(h);
		if (n < 3 || n - 2 >= sizeof tmp)
			return false;
		memcpy(tmp, h + 1, n - 2);
		tmp[n - 2] = '\0';
		return g_hostname_is_ip_address(tmp);
	}
	return g_hostname_is_ip_address(h);
}

struct url_ctx {
	struct parse *p;
	struct mk_mail_message *m;
	bool html;
};

static enum mk_rc found_url(void *vctx, const char *s, size_t n, const char *shown)
{
	struct url_ctx *u = vctx;
	struct parse *p = u->p;
	struct mk_mail_message *m = u->m;
	if (n > MK_MAIL_URL_MAX)
		n = MK_MAIL_URL_MAX;
	char *url = mk_mail_clean(s, n, false, NULL);
	if (url == NULL)
		return oom(p);
	for (size_t i = 0; i < m->nurls; i++)
		if (strcmp(m->urls[i].url, url) == 0) {
			mk_free(url);
			if (shown != NULL && m->urls[i].shown_host == NULL) {
				m->urls[i].shown_host = mk_mail_clean(shown, strlen(shown), false, NULL);
				if (m->urls[i].shown_host == NULL)
					return oom(p);
			}
			return MK_OK;
		}
	char host[256];
	if (!mk_mail_url_host(url, strlen(url), host, sizeof host) ||
	    !grow(p, (void **)&m->urls, &m->nurls, sizeof *m->urls)) {
		mk_free(url);
		return p->rc;
	}
	struct mk_mail_url *e = &m->urls[m->nurls - 1];
	e->url = url;
	e->host = mk_mail_clean(host, strlen(host), false, NULL);
	e->from_html = u->html;
	if (shown != NULL)
		e->shown_host = mk_mail_clean(shown, strlen(shown), false, NULL);
	if (e->host == NULL || (shown != NULL && e->shown_host == NULL))
		return oom(p);
	return MK_OK;
}

static enum mk_rc found_ip(void *vctx, const char *s, size_t n, const char *shown)
{
	struct url_ctx *u = vctx;
	(void)shown;
	add_str(u->p, &u->m->ips, &u->m->nips, s, n);
	return u->p->rc;
}

static void add_domain_of(struct parse *p, struct mk_mail_message *m, const char *addr)
{
	if (addr == NULL)
		return;
	const char *at = strrchr(addr, '@');
	if (at != NULL && at[1] != '\0')
		add_str(p, &m->domains, &m->ndomains, at + 1, strlen(at + 1));
}

static void derive(struct parse *p, struct mk_mail_message *m)
{
	struct url_ctx u = {p, m, false};
	if (m->text != NULL)
		mk_mail_scan_text_urls(m->text, found_url, &u);
	u.html = true;
	if (m->html != NULL && p->rc == MK_OK)
		mk_mail_scan_html_urls(m->html, found_url, &u);
	add_domain_of(p, m, m->from.addr);
	add_domain_of(p, m, m->reply_to.addr);
	add_domain_of(p, m, m->return_path.addr);
	for (size_t i = 0; i < m->nurls && p->rc == MK_OK; i++) {
		const char *h = m->urls[i].host;
		if (is_ip_literal(h)) {
			size_t hl = strlen(h);
			if (h[0] == '[')
				add_str(p, &m->ips, &m->nips, h + 1, hl - 2);
			else
				add_str(p, &m->ips, &m->nips, h, hl);
		} else {
			add_str(p, &m->domains, &m->ndomains, h, strlen(h));
		}
	}
	for (size_t i = 0; i < m->nhops && p->rc == MK_OK; i++)
		if (m->hops[i].ip != NULL)
			add_str(p, &m->ips, &m->nips, m->hops[i].ip, strlen(m->hops[i].ip));
	if (m->text != NULL && p->rc == MK_OK)
		mk_mail_scan_ipv4(m->text, found_ip, &u);
	if (m->html != NULL && p->rc == MK_OK)
		mk_mail_scan_ipv4(m->html, found_ip, &u);
}

/* Moves the collected bodies into m. */
static void take_bodies(struct parse *p, struct mk_mail_message *m)
{
	if (p->text.len > 0) {
		m->text = mk_buf_detach(&p->text, NULL);
		if (m->text == NULL)
			oom(p);
	}
	if (p->html.len > 0) {
		m->html = mk_buf_detach(&p->html, NULL);
		if (m->html == NULL)
			oom(p);
	}
	mk_buf_reset(&p->text);
	mk_buf_reset(&p->html);
	m->body_truncated = p->truncated;
}

/* An inline forward in the outer text (or its HTML as text): the block's
 * headers become the original's, the text below it its body. */
static bool unwrap_inline(struct parse *p, struct mk_mail_message *outer, struct mk_mail_message *orig)
{
	char *astext = NULL;
	const char *text = outer->text;
	if (text == NULL && outer->html != NULL) {
		astext = mk_mail_html_text(outer->html);
		if (astext == NULL) {
			oom(p);
			return false;
		}
		text = astext;
	}
	struct mk_mail_inline inl;
	bool nomem = false;
	bool found = text != NULL && mk_mail_find_inline(text, &inl, &nomem);
	if (nomem)
		oom(p);
	if (!found) {
		mk_free(astext);
		return false;
	}
	parse_address_text(p, &orig->from, inl.from);
	parse_address_text(p, &orig->reply_to, inl.reply_to);
	orig->subject = clean(p, inl.subject, false);
	orig->date = clean(p, inl.date, false);
	orig->time = parse_date(inl.date);
	orig->text = clean(p, text + inl.body, true);
	if (outer->html != NULL) {
		/* The original's HTML starts at the marker's words in the HTML. */
		const char *at = mk_mail_casestr(outer->html, inl.keyword);
		orig->html = clean(p, at != NULL ? at : outer->html, true);
	}
	/* Attachments of an inline forward are the original's, re-attached. */
	orig->attachments = outer->attachments;
	orig->nattachments = outer->nattachments;
	outer->attachments = NULL;
	outer->nattachments = 0;
	orig->body_truncated = outer->body_truncated;
	mk_mail_inline_release(&inl);
	mk_free(astext);
	return true;
}

static void on_warning(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer data)
{
	struct parse *p = data;
	(void)offset;
	(void)item;
	if (code == GMIME_CRIT_NESTING_OVERFLOW)
		p->nesting = true;
}

static void move_address(struct mk_mail_address *to, struct mk_mail_address *from)
{
	*to = *from;
	from->addr = from->name = NULL;
}

enum mk_rc mk_mail_parse(const void *data, size_t len, struct mk_mail_report *r,
			 struct mk_error *err)
{
	static gsize inited;
	struct parse p = {.err = err, .rc = MK_OK};
	struct mk_mail_message outer;
	GByteArray *arr = NULL;
	GMimeStream *stream = NULL;
	GMimeParser *parser = NULL;
	GMimeParserOptions *opts = NULL;
	GMimeMessage *msg = NULL;

	message_init(&outer);
	mk_buf_init(&p.text, MK_MAIL_BODY_MAX);
	mk_buf_init(&p.html, MK_MAIL_BODY_MAX);
	if (len > MK_MAIL_MAX) {
		char n[32];
		snprintf(n, sizeof n, "%zu", len);
		mk_error_set(err, MK_ETOOBIG, "message", "message is %s bytes, over MK_MAIL_MAX (%d)",
			     n, MK_MAIL_MAX);
		p.rc = MK_ETOOBIG;
		goto out;
	}
	if (len == 0) {
		fail(&p, MK_EINVAL, "message is empty%s", "");
		goto out;
	}
	if (g_once_init_enter(&inited)) {
		g_mime_init();
		g_once_init_leave(&inited, 1);
	}
	r->size = len;
	{
		unsigned char h[crypto_hash_sha256_BYTES];
		crypto_hash_sha256(h, data, len);
		sodium_bin2hex(r->sha256, sizeof r->sha256, h, sizeof h);
	}

	/* GMime reads the caller's bytes in place: the array does not own
	 * them (freed with free_segment false) and the stream does not own
	 * the array. */
	arr = g_byte_array_new_take((guint8 *)(void *)(uintptr_t)data, len);
	stream = g_mime_stream_mem_new_with_byte_array(arr);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_persist_stream(parser, TRUE);
	opts = g_mime_parser_options_new();
	g_mime_parser_options_set_warning_callback(opts, on_warning, &p);
	/* Undeclared 8-bit headers: UTF-8 if they are, else Windows-1252
	 * (a superset of ISO-8859-1 that maps every byte), marked guessed. */
	const char *fallback[] = {"UTF-8", "windows-1252", NULL};
	g_mime_parser_options_set_fallback_charsets(opts, fallback);
	msg = g_mime_parser_construct_message(parser, opts);
	if (p.nesting) {
		char d[16];
		snprintf(d, sizeof d, "%d", MK_MAIL_DEPTH_MAX);
		fail(&p, MK_ETOOBIG, "mime parts nested deeper than MK_MAIL_DEPTH_MAX (%s)", d);
		goto out;
	}
	if (msg == NULL || g_mime_header_list_get_count(
				   g_mime_object_get_header_list(GMIME_OBJECT(msg))) == 0) {
		fail(&p, MK_EINVAL, "not a mail message: no header found%s", "");
		goto out;
	}

	read_headers(&p, msg, &outer);
	p.find_inner = true;
	p.m = &outer;
	walk(&p, g_mime_message_get_mime_part(msg), 0);
	take_bodies(&p, &outer);
	if (p.rc != MK_OK)
		goto out;

	if (p.inner != NULL) {
		r->forward = MK_MAIL_RFC822;
		p.find_inner = false;
		p.truncated = false;
		p.m = &r->orig;
		read_headers(&p, p.inner, &r->orig);
		walk(&p, g_mime_message_get_mime_part(p.inner), 1);
		take_bodies(&p, &r->orig);
	} else if (unwrap_inline(&p, &outer, &r->orig)) {
		r->forward = MK_MAIL_INLINE;
	} else {
		r->forward = MK_MAIL_DIRECT;
		r->orig = outer;
		message_init(&outer);
	}
	if (r->forward != MK_MAIL_DIRECT) {
		move_address(&r->reporter, &outer.from);
		r->outer_subject = outer.subject;
		outer.subject = NULL;
	}
	if (p.rc == MK_OK)
		derive(&p, &r->orig);
	r->charset_guessed = p.guessed;
out:
	message_release(&outer);
	mk_buf_release(&p.text);
	mk_buf_release(&p.html);
	if (msg != NULL)
		g_object_unref(msg);
	if (parser != NULL)
		g_object_unref(parser);
	if (opts != NULL)
		g_mime_parser_options_free(opts);
	if (stream != NULL)
		g_object_unref(stream);
	if (arr != NULL)
		g_byte_array_free(arr, FALSE);
	if (p.rc != MK_OK)
		mk_mail_report_release(r);
	return p.rc;
}
