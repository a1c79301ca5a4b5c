/* Inline forwards: staff press "Forward" and the mail client writes the
 * original below a marker line and a small header block. We know the
 * markers of the common clients in English and Dutch:
 *   Thunderbird  "-------- Forwarded Message --------" / "Doorgestuurd bericht"
 *   Gmail        "---------- Forwarded message ---------" / "Doorgestuurd bericht"
 *   Apple Mail   "Begin forwarded message:" / "Begin doorgestuurd bericht:"
 *   Outlook      "-----Original Message-----" / "-----Oorspronkelijk bericht-----",
 *                or a line of underscores followed by "From:"/"Van:"
 * and their header names (From/Van, Sent/Verzonden/Date/Datum,
 * Subject/Onderwerp, Reply-To/Antwoord aan, To/Aan, Cc). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "intake/mail-internal.h"

static const char *const keywords[] = {
	"forwarded message",    "original message",          "oorspronkelijk bericht",
	"doorgestuurd bericht", "begin forwarded message",   "begin doorgestuurd bericht",
};

enum hdr { H_NONE, H_FROM, H_DATE, H_SUBJECT, H_REPLY_TO, H_OTHER };

static const struct {
	const char *name;
	enum hdr h;
} header_names[] = {
	{"from", H_FROM},       {"van", H_FROM},          {"sent", H_DATE},
	{"date", H_DATE},       {"verzonden", H_DATE},    {"datum", H_DATE},
	{"subject", H_SUBJECT}, {"onderwerp", H_SUBJECT}, {"reply-to", H_REPLY_TO},
	{"antwoord aan", H_REPLY_TO}, {"to", H_OTHER},    {"aan", H_OTHER},
	{"cc", H_OTHER},        {"bcc", H_OTHER},         {"importance", H_OTHER},
	{"urgentie", H_OTHER},  {"prioriteit", H_OTHER},
};

/* One line of text without its quoting ("> "), emphasis and outer space. */
struct line {
	const char *s;
	size_t n;
	size_t start, next; /* offsets of the raw line and of the line after it */
};

static bool next_line(const char *text, size_t *pos, struct line *l)
{
	if (text[*pos] == '\0')
		return false;
	const char *p = text + *pos;
	const char *nl = strchr(p, '\n');
	size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
	l->start = *pos;
	l->next = *pos + len + (nl != NULL ? 1 : 0);
	*pos = l->next;
	while (len > 0 && (isspace((unsigned char)*p) || *p == '>')) {
		p++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)p[len - 1]))
		len--;
	l->s = p;
	l->n = len;
	return true;
}

/* The keyword this line marks a forward with, or NULL. */
static const char *marker(const struct line *l)
{
	const char *s = l->s;
	size_t n = l->n;
	size_t dashes = 0;
	while (n > 0 && (*s == '-' || *s == ' ')) {
		dashes += *s == '-';
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == '-' || s[n - 1] == ' ' || s[n - 1] == ':'))
		n--;
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
		size_t kl = strlen(keywords[i]);
		if (n != kl || strncasecmp(s, keywords[i], kl) != 0)
			continue;
		/* "original message" in a sentence is no marker: the dashed forms
		 * need their dashes, Apple's form starts with "Begin". */
		if (dashes >= 2 || strncmp(keywords[i], "begin", 5) == 0)
			return keywords[i];
	}
	return NULL;
}

static bool underscores(const struct line *l)
{
	if (l->n < 10)
		return false;
	for (size_t i = 0; i < l->n; i++)
		if (l->s[i] != '_')
			return false;
	return true;
}

/* If the line is "Name: value" with a known header name (bold "*Van:*"
 * allowed), which one and where its value starts. */
static enum hdr header_line(const struct line *l, const char **ret_v, size_t *ret_vn)
{
	const char *s = l->s;
	size_t n = l->n;
	if (n > 0 && *s == '*') {
		s++;
		n--;
	}
	const char *colon = memchr(s, ':', n);
	if (colon == NULL)
		return H_NONE;
	size_t kn = (size_t)(colon - s);
	for (size_t i = 0; i < sizeof header_names / sizeof header_names[0]; i++) {
		size_t hl = strlen(header_names[i].name);
		if (kn != hl || strncasecmp(s, header_names[i].name, hl) != 0)
			continue;
		const char *v = colon + 1;
		size_t vn = n - kn - 1;
		if (vn > 0 && *v == '*') {
			v++;
			vn--;
		}
		while (vn > 0 && isspace((unsigned char)*v)) {
			v++;
			vn--;
		}
		*ret_v = v;
		*ret_vn = vn;
		return header_names[i].h;
	}
	return H_NONE;
}

static bool set_value(char **slot, const char *v, size_t n, bool *oom)
{
	if (*slot != NULL)
		return true; /* the first one counts */
	*slot = mk_strndup(v, n);
	if (*slot == NULL) {
		*oom = true;
		return false;
	}
	return true;
}

/* Reads the header block after the marker line; true if it has a From. */
static bool read_block(const char *text, size_t pos, struct mk_mail_inline *inl, bool *oom)
{
	struct line l;
	bool any = false;
	enum hdr last = H_NONE;
	size_t lines = 0;
	while (next_line(text, &pos, &l) && lines++ < 40) {
		const char *v = NULL;
		size_t vn = 0;
		if (l.n == 0) {
			if (any)
				break;
			continue; /* blank lines between marker and headers */
		}
		enum hdr h = header_line(&l, &v, &vn);
		if (h == H_NONE) {
			/* Outlook wraps long To and Cc lines; anything else ends it. */
			if (any && last == H_OTHER) {
				inl->body = l.next;
				continue;
			}
			if (any) {
				inl->body = l.start;
				return inl->from != NULL;
			}
			return false;
		}
		any = true;
		last = h;
		char **slot = h == H_FROM ? &inl->from : h == H_DATE ? &inl->date
			    : h == H_SUBJECT ? &inl->subject : h == H_REPLY_TO ? &inl->reply_to : NULL;
		if (slot != NULL && !set_value(slot, v, vn, oom))
			return false;
		inl->body = l.next;
	}
	if (any)
		inl->body = pos;
	return inl->from != NULL;
}

bool mk_mail_find_inline(const char *text, struct mk_mail_inline *inl, bool *ret_oom)
{
	size_t pos = 0;
	struct line l;
	memset(inl, 0, sizeof *inl);
	*ret_oom = false;
	while (next_line(text, &pos, &l)) {
		const char *kw = marker(&l);
		if (kw == NULL && underscores(&l)) {
			size_t p2 = pos;
			struct line l2;
			const char *v;
			size_t vn;
			if (next_line(text, &p2, &l2) && header_line(&l2, &v, &vn) == H_FROM)
				kw = "________________";
		}
		if (kw == NULL)
			continue;
		inl->marker = l.start;
		inl->keyword = kw;
		if (read_block(text, pos, inl, ret_oom))
			return true;
		mk_mail_inline_release(inl);
		if (*ret_oom)
			return false;
	}
	return false;
}

void mk_mail_inline_release(struct mk_mail_inline *inl)
{
	mk_free(inl->from);
	mk_free(inl->date);
	mk_free(inl->subject);
	mk_free(inl->reply_to);
	memset(inl, 0, sizeof *inl);
}
