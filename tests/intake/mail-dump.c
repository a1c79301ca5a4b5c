#include <string.h>
/* mail-dump FILE...: parses each message with mk_mail_parse and prints the
 * report as one JSON object per line (or {"file":..., "error":...}), for
 * the data test's comparison with an independent Python reading
 * (tests/data/mail-reference.py) and for looking at real mail. Exit 1 if
 * any message failed. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "intake/mail.h"

static json_t *str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *address(const struct mk_mail_address *a)
{
	return json_pack("{s:o, s:o}", "addr", str_or_null(a->addr), "name", str_or_null(a->name));
}

static json_t *report_json(const struct mk_mail_report *r)
{
	const struct mk_mail_message *m = &r->orig;
	json_t *hops = json_array(), *urls = json_array(), *domains = json_array(),
	       *ips = json_array(), *atts = json_array();
	for (size_t i = 0; i < m->nhops; i++)
		json_array_append_new(hops, json_pack("{s:o, s:o, s:o, s:o, s:I}",
			"from", str_or_null(m->hops[i].from), "by", str_or_null(m->hops[i].by),
			"ip", str_or_null(m->hops[i].ip), "date", str_or_null(m->hops[i].date),
			"time", (json_int_t)m->hops[i].time));
	for (size_t i = 0; i < m->nurls; i++)
		json_array_append_new(urls, json_pack("{s:s, s:s, s:b, s:o}", "url", m->urls[i].url,
			"host", m->urls[i].host, "html", m->urls[i].from_html, "shown_host",
			str_or_null(m->urls[i].shown_host)));
	for (size_t i = 0; i < m->ndomains; i++)
		json_array_append_new(domains, json_string(m->domains[i]));
	for (size_t i = 0; i < m->nips; i++)
		json_array_append_new(ips, json_string(m->ips[i]));
	for (size_t i = 0; i < m->nattachments; i++)
		json_array_append_new(atts, json_pack("{s:o, s:s, s:I, s:s}", "filename",
			str_or_null(m->attachments[i].filename), "mime_type",
			m->attachments[i].mime_type, "size", (json_int_t)m->attachments[i].size,
			"sha256", m->attachments[i].sha256));
	return json_pack("{s:s, s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:I, s:o, s:I,"
			 " s:o, s:o, s:o, s:o, s:b, s:b, s:I, s:I}",
		"sha256", r->sha256, "size", (json_int_t)r->size,
		"forward", mk_mail_forward_name(r->forward), "reporter", address(&r->reporter),
		"outer_subject", str_or_null(r->outer_subject),
		"from", address(&m->from), "reply_to", address(&m->reply_to),
		"return_path", str_or_null(m->return_path.addr),
		"subject", str_or_null(m->subject), "subject_guessed", m->subject_guessed,
		"date", str_or_null(m->date), "time", (json_int_t)m->time,
		"hops", hops, "first_external", (json_int_t)m->first_external,
		"urls", urls, "domains", domains, "ips", ips, "attachments", atts,
		"charset_guessed", r->charset_guessed,
		"truncated", m->body_truncated,
		"text_len", (json_int_t)(m->text != NULL ? strlen(m->text) : 0),
		"html_len", (json_int_t)(m->html != NULL ? strlen(m->html) : 0));
}

int main(int argc, char **argv)
{
	int status = 0;
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		char *data = NULL;
		size_t len = 0, cap = 0;
		if (f == NULL) {
			fprintf(stderr, "mail-dump: cannot open '%s'\n", argv[i]);
			status = 1;
			continue;
		}
		for (;;) {
			if (len == cap) {
				cap = cap ? cap * 2 : 65536;
				char *d = realloc(data, cap);
				if (d == NULL)
					abort();
				data = d;
			}
			size_t n = fread(data + len, 1, cap - len, f);
			if (n == 0)
				break;
			len += n;
		}
		fclose(f);
		struct mk_mail_report r;
		struct mk_error err = {0};
		mk_mail_report_init(&r);
		json_t *out;
		if (mk_mail_parse(data, len, &r, &err) == MK_OK) {
			out = report_json(&r);
			json_object_set_new(out, "file", json_string(argv[i]));
		} else {
			out = json_pack("{s:s, s:s}", "file", argv[i], "error", err.message);
			status = 1;
		}
		char *s = json_dumps(out, JSON_COMPACT | JSON_SORT_KEYS);
		puts(s);
		free(s);
		json_decref(out);
		mk_mail_report_release(&r);
		free(data);
	}
	return status;
}
