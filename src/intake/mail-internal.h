/* Helpers of the mail parser that need no GMime: cleaning text to valid
 * UTF-8, finding URLs, IPs and forward markers in decoded text, reading a
 * Received header. Shared by mail.c and mail-forward.c only. */
#ifndef MK_INTAKE_MAIL_INTERNAL_H
#define MK_INTAKE_MAIL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/rc.h"
#include "intake/mail.h"

/* A copy of s[0..n) as valid UTF-8 (mk_malloc, NULL only on OOM): bytes
 * that are not UTF-8 become the ISO-8859-1 character of that byte (from
 * 0xA0) or U+FFFD, and *guessed (if not NULL) is set; C0 and C1 controls
 * and bidi overrides are dropped. multiline keeps newline and tab (CR
 * dropped); otherwise every run of white space becomes one space and the
 * ends are trimmed. */
char *mk_mail_clean(const char *s, size_t n, bool multiline, bool *guessed);

/* The first place needle occurs in hay, ASCII case ignored, or NULL
 * (strcasestr is a GNU extension). */
const char *mk_mail_casestr(const char *hay, const char *needle);

/* Called for each thing found: s[0..n), and for an HTML link whose shown
 * text is a URL on another host, that host (else NULL). */
typedef enum mk_rc (*mk_mail_found_cb)(void *ctx, const char *s, size_t n, const char *shown);

/* http:// and https:// URLs in plain text: up to white space, < > " ' `
 * or a control character, without trailing . , ; : ! ? ) ] } '. */
enum mk_rc mk_mail_scan_text_urls(const char *text, mk_mail_found_cb cb, void *ctx);
/* href targets of <a> and <area> in HTML that are http(s) URLs, with
 * &amp; and numeric character references decoded. */
enum mk_rc mk_mail_scan_html_urls(const char *html, mk_mail_found_cb cb, void *ctx);
/* IPv4 dotted quads standing alone in text. */
enum mk_rc mk_mail_scan_ipv4(const char *text, mk_mail_found_cb cb, void *ctx);

/* The lower-cased host of url (no user info, port or trailing dot) into
 * out[cap]; false if there is none or it does not fit. */
bool mk_mail_url_host(const char *url, size_t n, char *out, size_t cap);

/* A text rendering of HTML (tags removed, block ends as newlines,
 * entities decoded) for finding forward markers; mk_malloc, NULL on OOM. */
char *mk_mail_html_text(const char *html);

/* Reads one Received header value into hop (strings mk_malloc'd, cleaned).
 * MK_ENOMEM only. */
enum mk_rc mk_mail_received(const char *value, struct mk_mail_hop *hop);
void mk_mail_hop_release(struct mk_mail_hop *hop);

/* The parts of an inline forward found in text. Offsets into text. */
struct mk_mail_inline {
	size_t marker;       /* start of the marker line */
	size_t body;         /* start of the original's body (after its header block) */
	char *from, *date, *subject, *reply_to; /* raw header values (mk_malloc), or NULL */
	const char *keyword; /* the marker's words, lower case, to find it in HTML */
};

/* Finds the first forward marker in text and reads the header block
 * below it. true if found (inl filled; release with mk_mail_inline_release);
 * *ret_oom set when an allocation failed. */
bool mk_mail_find_inline(const char *text, struct mk_mail_inline *inl, bool *ret_oom);
void mk_mail_inline_release(struct mk_mail_inline *inl);

#endif
