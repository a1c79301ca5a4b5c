/* The "Bewijsmateriaal" section of the incident page (doc/custody.md):
 * the items, the chain of custody, and the forms to register a physical
 * item, record a transfer and download the signed archive, each shown
 * only to the roles that may use it; and their form posts. Its words are
 * kept here, in Dutch and English, so that the section stays one file. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export/evidence-archive.h"
#include "http/ui-evidence.h"
#include "service/custody.h"

enum ev_msg {
	EV_TITLE, EV_NONE, EV_NR, EV_KIND, EV_WHAT, EV_WHY, EV_WHERE, EV_SEAL, EV_COLLECTED,
	EV_HASH, EV_FILE, EV_PHYSICAL, EV_CUSTODY, EV_NO_CUSTODY, EV_WHEN, EV_ITEM, EV_EVENT,
	EV_WHO, EV_REASON, EV_TRANSFER_FMT, EV_SHOW, EV_GET, EV_EXPORT, EV_ADD_H, EV_LOCATION,
	EV_STORAGE, EV_COLLECTED_BY, EV_COLLECTED_AT, EV_ADD_SUBMIT, EV_TRANSFER_H, EV_FROM, EV_TO,
	EV_RECEIPT, EV_AT, EV_TRANSFER_SUBMIT, EV_EXPORT_H, EV_EXPORT_WHY, EV_EXPORT_SUBMIT,
	EV_FILES_HINT, EV_OPTIONAL, EV_EXPORT_HINT, EV_FILE_H, EV_FILE_FIELD, EV_FILE_SUBMIT,
	EV_COUNT
};

static const char *const words[2][EV_COUNT] = {
	{
		[EV_TITLE] = "Bewijsmateriaal",
		[EV_NONE] = "Nog geen bewijsmateriaal vastgelegd.",
		[EV_NR] = "Nr.", [EV_KIND] = "Soort", [EV_WHAT] = "Wat", [EV_WHY] = "Waarom",
		[EV_WHERE] = "Opslag en locatie", [EV_SEAL] = "Zegel",
		[EV_COLLECTED] = "Verzameld", [EV_HASH] = "SHA-256 en grootte",
		[EV_FILE] = "bestand", [EV_PHYSICAL] = "fysiek",
		[EV_CUSTODY] = "Bewakingsketen",
		[EV_NO_CUSTODY] = "Nog geen overdrachten of inzages.",
		[EV_WHEN] = "Wanneer", [EV_ITEM] = "Stuk", [EV_EVENT] = "Gebeurtenis", [EV_WHO] = "Wie",
		[EV_REASON] = "Reden", [EV_TRANSFER_FMT] = "overgedragen van %s aan %s",
		[EV_SHOW] = "ingezien", [EV_GET] = "opgevraagd (inhoud)", [EV_EXPORT] = "geëxporteerd",
		[EV_ADD_H] = "Fysiek bewijsstuk vastleggen",
		[EV_LOCATION] = "Locatie (waar het ligt)", [EV_STORAGE] = "Opslag (hoe het bewaard wordt)",
		[EV_COLLECTED_BY] = "Verzameld door", [EV_COLLECTED_AT] = "Verzameld op",
		[EV_ADD_SUBMIT] = "Bewijsstuk vastleggen",
		[EV_TRANSFER_H] = "Overdracht vastleggen", [EV_FROM] = "Van", [EV_TO] = "Aan",
		[EV_RECEIPT] = "Ontvangstbewijs", [EV_AT] = "Tijdstip van de overdracht",
		[EV_TRANSFER_SUBMIT] = "Overdracht vastleggen",
		[EV_EXPORT_H] = "Ondertekend archief",
		[EV_EXPORT_WHY] = "Reden van de export",
		[EV_EXPORT_SUBMIT] = "Archief downloaden",
		[EV_FILES_HINT] = "Bestanden komen in de opslag met meldkamer evidence add of via de API "
				  "(POST /api/v1/incidents/…/evidence/file): ze worden gehasht (SHA-256) "
				  "terwijl ze gekopieerd worden.",
		[EV_OPTIONAL] = "(niet verplicht)",
		[EV_FILE_H] = "Bestand vastleggen",
		[EV_FILE_FIELD] = "Bestand",
		[EV_FILE_SUBMIT] = "Bestand uploaden",
		[EV_EXPORT_HINT] = "Een tar met de bestanden, manifest.json (hashes, bewakingsketen, "
				   "logboek) en de Ed25519-handtekening van deze installatie. Controleer "
				   "het met meldkamer verify ARCHIEF. De export wordt als inzage van elk "
				   "stuk vastgelegd.",
	},
	{
		[EV_TITLE] = "Evidence",
		[EV_NONE] = "No evidence recorded yet.",
		[EV_NR] = "No.", [EV_KIND] = "Kind", [EV_WHAT] = "What", [EV_WHY] = "Why",
		[EV_WHERE] = "Storage and location", [EV_SEAL] = "Seal",
		[EV_COLLECTED] = "Collected", [EV_HASH] = "SHA-256 and size",
		[EV_FILE] = "file", [EV_PHYSICAL] = "physical",
		[EV_CUSTODY] = "Chain of custody",
		[EV_NO_CUSTODY] = "No transfers or accesses yet.",
		[EV_WHEN] = "When", [EV_ITEM] = "Item", [EV_EVENT] = "Event", [EV_WHO] = "Who",
		[EV_REASON] = "Reason", [EV_TRANSFER_FMT] = "transferred from %s to %s",
		[EV_SHOW] = "viewed", [EV_GET] = "content retrieved", [EV_EXPORT] = "exported",
		[EV_ADD_H] = "Register a physical item",
		[EV_LOCATION] = "Location (where it is)", [EV_STORAGE] = "Storage (how it is kept)",
		[EV_COLLECTED_BY] = "Collected by", [EV_COLLECTED_AT] = "Collected at",
		[EV_ADD_SUBMIT] = "Register item",
		[EV_TRANSFER_H] = "Record a transfer", [EV_FROM] = "From", [EV_TO] = "To",
		[EV_RECEIPT] = "Receipt", [EV_AT] = "Time of the transfer",
		[EV_TRANSFER_SUBMIT] = "Record transfer",
		[EV_EXPORT_H] = "Signed archive",
		[EV_EXPORT_WHY] = "Reason for the export",
		[EV_EXPORT_SUBMIT] = "Download archive",
		[EV_FILES_HINT] = "Files enter the store through meldkamer evidence add or the API "
				  "(POST /api/v1/incidents/…/evidence/file): they are hashed (SHA-256) "
				  "while they are copied.",
		[EV_OPTIONAL] = "(optional)",
		[EV_FILE_H] = "Register a file",
		[EV_FILE_FIELD] = "File",
		[EV_FILE_SUBMIT] = "Upload file",
		[EV_EXPORT_HINT] = "A tar with the files, manifest.json (hashes, chain of custody, "
				   "logbook) and this installation's Ed25519 signature. Check it with "
				   "meldkamer verify ARCHIVE. The export is recorded as an access to "
				   "every item.",
	},
};

static const char *w(const char *lang, enum ev_msg m)
{
	return words[strcmp(lang, "en") == 0][m];
}

struct section {
	struct mk_http_request *req;
	struct mk_buf *b;
	const char *lang;
	const struct mk_ui_form_error *e;
	int64_t n;
	int64_t seqs[256]; /* for the transfer form's item choice */
	size_t nseqs;
};

static const char *posted(const struct section *s, const char *form, const char *field)
{
	if (s->e && s->e->form && strcmp(s->e->form, form) == 0) {
		const char *v = mk_http_form(s->req, field);
		if (v)
			return v;
	}
	return "";
}

static void cell(struct mk_buf *b, const char *text)
{
	mk_buf_adds(b, "<td>");
	mk_html_escape(b, text ? text : "");
	mk_buf_adds(b, "</td>");
}

static enum mk_rc item_row(void *ctx, const struct mk_item_view *it)
{
	struct section *s = ctx;
	struct mk_buf *b = s->b;
	if (s->n++ == 0)
		mk_buf_addf(b, "<div class=\"table-wrap\"><table class=\"evidence\">\n<caption>%s</caption>\n"
			       "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "</tr></thead>\n<tbody>\n",
			    w(s->lang, EV_TITLE), w(s->lang, EV_NR), w(s->lang, EV_KIND),
			    w(s->lang, EV_WHAT), w(s->lang, EV_WHY), w(s->lang, EV_WHERE),
			    w(s->lang, EV_SEAL), w(s->lang, EV_COLLECTED), w(s->lang, EV_HASH));
	if (s->nseqs < sizeof(s->seqs) / sizeof(s->seqs[0]))
		s->seqs[s->nseqs++] = it->seq;
	mk_buf_addf(b, "<tr id=\"bewijs-%lld\"><th scope=\"row\">%lld</th>", (long long)it->seq,
		    (long long)it->seq);
	cell(b, w(s->lang, it->is_file ? EV_FILE : EV_PHYSICAL));
	mk_buf_adds(b, "<td>");
	mk_html_escape(b, it->what);
	if (it->name) {
		mk_buf_adds(b, " <span class=\"muted\">(");
		mk_html_escape(b, it->name);
		mk_buf_adds(b, ")</span>");
	}
	mk_buf_adds(b, "</td><td class=\"pre\">");
	mk_html_escape(b, it->why);
	mk_buf_adds(b, "</td><td>");
	mk_html_escape(b, it->storage ? it->storage : "");
	if (it->storage && it->location)
		mk_buf_adds(b, "; ");
	mk_html_escape(b, it->location ? it->location : "");
	mk_buf_adds(b, "</td>");
	cell(b, it->seal);
	mk_buf_adds(b, "<td>");
	mk_html_escape(b, it->collected_by);
	mk_buf_adds(b, ", ");
	mk_html_time(b, s->req, it->collected_at);
	mk_buf_adds(b, "</td><td>");
	if (it->is_file)
		mk_buf_addf(b, "<code class=\"hash\">%s</code> %lld bytes", it->sha256,
			    (long long)it->size);
	mk_buf_adds(b, "</td></tr>\n");
	return mk_buf_rc(b);
}

static enum mk_rc custody_row(void *ctx, const struct mk_custody_view *c)
{
	struct section *s = ctx;
	struct mk_buf *b = s->b;
	if (s->n++ == 0)
		mk_buf_addf(b, "<div class=\"table-wrap\"><table class=\"custody\">\n<caption>%s</caption>\n"
			       "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "</tr></thead>\n<tbody>\n",
			    w(s->lang, EV_CUSTODY), w(s->lang, EV_WHEN), w(s->lang, EV_ITEM),
			    w(s->lang, EV_EVENT), w(s->lang, EV_WHO), w(s->lang, EV_REASON));
	mk_buf_adds(b, "<tr><td>");
	mk_html_time(b, s->req, c->at);
	mk_buf_addf(b, "</td><td><a href=\"#bewijs-%lld\">%lld</a></td><td>", (long long)c->item_seq,
		    (long long)c->item_seq);
	if (c->type == MK_CUSTODY_TRANSFER) {
		struct mk_buf t;
		mk_buf_init(&t, 2048);
		mk_buf_addf(&t, w(s->lang, EV_TRANSFER_FMT), c->from, c->to);
		if (c->receipt)
			mk_buf_addf(&t, " (%s)", c->receipt);
		mk_html_escape(b, t.data);
		mk_buf_release(&t);
		mk_buf_adds(b, "</td>");
		cell(b, c->recorded_by);
		mk_buf_adds(b, "<td class=\"pre\">");
		mk_html_escape(b, c->reason);
	} else {
		enum ev_msg m = strcmp(c->action, "show") == 0  ? EV_SHOW
				: strcmp(c->action, "get") == 0 ? EV_GET
								: EV_EXPORT;
		mk_html_escape(b, w(s->lang, m));
		mk_buf_adds(b, "</td><td>");
		mk_html_escape(b, c->who);
		mk_buf_adds(b, " <span class=\"muted\">(");
		mk_html_escape(b, c->via);
		mk_buf_adds(b, ")</span></td><td class=\"pre\">");
		mk_html_escape(b, c->why);
	}
	mk_buf_adds(b, "</td></tr>\n");
	return mk_buf_rc(b);
}

static void form_open(const struct section *s, const char *form, const char *action,
		      const char *key)
{
	struct mk_buf *b = s->b;
	mk_buf_addf(b, "<form method=\"post\" id=\"form-%s\" class=\"stack\" action=\"/incidenten/", form);
	mk_html_escape(b, key);
	mk_buf_addf(b, "/%s\"", action);
	bool mine = s->e && s->e->form && strcmp(s->e->form, form) == 0;
	if (mine)
		mk_buf_addf(b, " aria-describedby=\"err-%s\"", form);
	mk_buf_adds(b, ">\n");
	mk_html_csrf(b, s->req);
	if (mine) {
		mk_buf_addf(b, "<p class=\"alert error\" id=\"err-%s\">", form);
		mk_html_escape(b, s->e->message);
		mk_buf_adds(b, "</p>\n");
	}
}

static void field(const struct section *s, const char *form, const char *name, enum ev_msg label,
		  const char *type, bool required)
{
	struct mk_buf *b = s->b;
	mk_buf_addf(b, "<div class=\"field\"><label for=\"%s-%s\">%s", form, name, w(s->lang, label));
	if (!required)
		mk_buf_addf(b, " <span class=\"opt\">%s</span>", w(s->lang, EV_OPTIONAL));
	mk_buf_adds(b, "</label>");
	mk_ui_field_message(b, s->e, form, name);
	if (strcmp(type, "textarea") == 0) {
		mk_buf_addf(b, "<textarea id=\"%s-%s\" name=\"%s\" rows=\"2\" maxlength=\"%d\"%s", form,
			    name, name, MK_SHORT_TEXT_MAX, required ? " required" : "");
		mk_ui_field_attrs(b, s->e, form, name);
		mk_buf_adds(b, ">");
		mk_html_escape(b, posted(s, form, name));
		mk_buf_adds(b, "</textarea></div>\n");
		return;
	}
	mk_buf_addf(b, "<input id=\"%s-%s\" name=\"%s\" type=\"%s\"%s", form, name, name, type,
		    required ? " required" : "");
	if (strcmp(type, "text") == 0)
		mk_buf_addf(b, " maxlength=\"%d\"", MK_SHORT_TEXT_MAX);
	mk_ui_field_attrs(b, s->e, form, name);
	mk_html_attr(b, "value", posted(s, form, name));
	mk_buf_adds(b, "></div>\n");
}

static void submit(struct mk_buf *b, const char *text)
{
	mk_buf_addf(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div>\n</form>\n",
		    text);
}

void mk_ui_evidence_toc(struct mk_buf *b, const char *lang)
{
	mk_buf_addf(b, "<li><a href=\"#bewijs\">%s</a></li>\n", w(lang, EV_TITLE));
}

enum mk_rc mk_ui_evidence_section(struct mk_http_request *req, struct mk_buf *b, const char *lang,
				  const char *key, bool may_add, bool may_export,
				  const struct mk_ui_form_error *e, struct mk_error *err)
{
	struct section s = {req, b, lang, e, 0, {0}, 0};
	mk_buf_addf(b, "<section class=\"card\" id=\"bewijs\" aria-labelledby=\"h-bewijs\">\n"
		       "<h2 id=\"h-bewijs\">%s</h2>\n",
		    w(lang, EV_TITLE));
	enum mk_rc rc = mk_svc_item_list(req->svc, key, item_row, &s, err);
	if (rc)
		return rc;
	if (s.n)
		mk_buf_adds(b, "</tbody></table></div>\n");
	else
		mk_buf_addf(b, "<p>%s</p>\n", w(lang, EV_NONE));
	mk_buf_addf(b, "<h3>%s</h3>\n", w(lang, EV_CUSTODY));
	int64_t items = s.n;
	s.n = 0;
	if ((rc = mk_svc_custody_log(req->svc, key, custody_row, &s, err)))
		return rc;
	if (s.n)
		mk_buf_adds(b, "</tbody></table></div>\n");
	else
		mk_buf_addf(b, "<p>%s</p>\n", w(lang, EV_NO_CUSTODY));
	if (may_add) {
		/* A file goes to the API as a raw body (streamed and hashed on
		 * the way): app.js sends it and shows this form; without
		 * JavaScript it stays hidden and the hint names the CLI. */
		mk_buf_addf(b, "<div class=\"js-upload\" hidden><h3>%s</h3>\n", w(lang, EV_FILE_H));
		mk_buf_adds(b, "<form id=\"form-bestand\" class=\"stack\" data-upload=\"/api/v1/incidents/");
		mk_html_escape(b, key);
		mk_buf_adds(b, "/evidence/file\" data-done=\"/incidenten/");
		mk_html_escape(b, key);
		mk_buf_adds(b, "?opgeslagen=1#bewijs\">\n");
		mk_html_csrf(b, req);
		mk_buf_adds(b, "<p class=\"alert error\" id=\"err-bestand\" role=\"alert\" hidden></p>\n");
		mk_buf_addf(b, "<div class=\"field\"><label for=\"bestand-file\">%s</label>"
			       "<input id=\"bestand-file\" name=\"file\" type=\"file\" required></div>\n",
			    w(lang, EV_FILE_FIELD));
		field(&s, "bestand", "what", EV_WHAT, "text", true);
		field(&s, "bestand", "why", EV_WHY, "textarea", true);
		field(&s, "bestand", "location", EV_LOCATION, "text", false);
		submit(b, w(lang, EV_FILE_SUBMIT));
		mk_buf_adds(b, "</div>\n");
		mk_buf_addf(b, "<h3>%s</h3>\n<p class=\"hint\">%s</p>\n", w(lang, EV_ADD_H),
			    w(lang, EV_FILES_HINT));
		form_open(&s, "bewijs", "bewijs", key);
		field(&s, "bewijs", "what", EV_WHAT, "text", true);
		field(&s, "bewijs", "why", EV_WHY, "textarea", true);
		field(&s, "bewijs", "location", EV_LOCATION, "text", false);
		field(&s, "bewijs", "storage", EV_STORAGE, "text", false);
		field(&s, "bewijs", "seal", EV_SEAL, "text", false);
		field(&s, "bewijs", "collected_by", EV_COLLECTED_BY, "text", false);
		field(&s, "bewijs", "collected_at", EV_COLLECTED_AT, "datetime-local", false);
		submit(b, w(lang, EV_ADD_SUBMIT));
		if (items) {
			mk_buf_addf(b, "<h3>%s</h3>\n", w(lang, EV_TRANSFER_H));
			form_open(&s, "overdracht", "bewijs/overdracht", key);
			const char *chosen = posted(&s, "overdracht", "item");
			mk_buf_addf(b, "<div class=\"field\"><label for=\"overdracht-item\">%s</label>"
				       "<select id=\"overdracht-item\" name=\"item\">",
				    w(lang, EV_ITEM));
			for (size_t i = 0; i < s.nseqs; i++) {
				char v[24];
				snprintf(v, sizeof(v), "%lld", (long long)s.seqs[i]);
				mk_buf_addf(b, "<option value=\"%s\"%s>%s</option>", v,
					    strcmp(chosen, v) == 0 ? " selected" : "", v);
			}
			mk_buf_adds(b, "</select></div>\n");
			field(&s, "overdracht", "from", EV_FROM, "text", true);
			field(&s, "overdracht", "to", EV_TO, "text", true);
			field(&s, "overdracht", "reason", EV_REASON, "textarea", true);
			field(&s, "overdracht", "receipt", EV_RECEIPT, "text", false);
			field(&s, "overdracht", "at", EV_AT, "datetime-local", false);
			submit(b, w(lang, EV_TRANSFER_SUBMIT));
		}
	}
	if (may_export && items) {
		mk_buf_addf(b, "<h3>%s</h3>\n<p class=\"hint\">%s</p>\n", w(lang, EV_EXPORT_H),
			    w(lang, EV_EXPORT_HINT));
		form_open(&s, "export", "bewijs/export", key);
		field(&s, "export", "why", EV_EXPORT_WHY, "text", true);
		submit(b, w(lang, EV_EXPORT_SUBMIT));
	}
	mk_buf_adds(b, "</section>\n");
	return mk_buf_rc(b);
}

/* --- The form posts ----------------------------------------------------------------- */

static void back(struct mk_http_request *req, struct mk_http_response *resp)
{
	char location[128];
	snprintf(location, sizeof(location), "/incidenten/%s?opgeslagen=1#bewijs", req->key);
	mk_http_redirect(resp, location);
}

static void refused(struct mk_http_request *req, struct mk_http_response *resp, const char *form,
		    enum mk_rc rc, const struct mk_error *err)
{
	struct mk_ui_form_error e = {form, err->field, mk_ui_error_message(mk_ui_lang(req), err)};
	mk_ui_incident_render(req, resp, mk_http_status(rc), &e);
}

/* An optional text field: absent or empty is NULL. */
static const char *opt(struct mk_http_request *req, const char *name)
{
	const char *v = mk_http_form(req, name);
	return v && v[0] ? v : NULL;
}

static enum mk_rc opt_time(struct mk_http_request *req, const char *name, mk_time *ret,
			   struct mk_error *err)
{
	const char *v = opt(req, name);
	return v ? mk_time_parse(v, name, ret, err) : MK_OK;
}

void mk_ui_evidence_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_item_input in = {.collected_at = MK_TIME_UNKNOWN};
	struct mk_error err = {0};
	in.what = mk_http_form(req, "what");
	in.why = mk_http_form(req, "why");
	in.location = opt(req, "location");
	in.storage = opt(req, "storage");
	in.seal = opt(req, "seal");
	in.collected_by = opt(req, "collected_by");
	enum mk_rc rc = opt_time(req, "collected_at", &in.collected_at, &err);
	if (rc == MK_OK && !in.what)
		rc = mk_error_set(&err, MK_EINVAL, "what", "what is required");
	if (rc == MK_OK && !in.why)
		rc = mk_error_set(&err, MK_EINVAL, "why", "why is required");
	if (rc == MK_OK)
		rc = mk_svc_item_register(req->svc, &req->actor, req->now, req->key, &in, -1, 0, NULL,
					  NULL, &err);
	if (rc == MK_OK)
		back(req, resp);
	else
		refused(req, resp, "bewijs", rc, &err);
}

void mk_ui_transfer_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_transfer_input t = {.at = MK_TIME_UNKNOWN};
	struct mk_error err = {0};
	const char *item = mk_http_form(req, "item");
	char *end = NULL;
	long long seq = item ? strtoll(item, &end, 10) : 0;
	enum mk_rc rc = MK_OK;
	if (!item || !item[0] || *end || seq < 1)
		rc = mk_error_set(&err, MK_EINVAL, "item", "choose the item that is handed over");
	t.from = mk_http_form(req, "from");
	t.to = mk_http_form(req, "to");
	t.reason = mk_http_form(req, "reason");
	t.receipt = opt(req, "receipt");
	if (rc == MK_OK)
		rc = opt_time(req, "at", &t.at, &err);
	if (rc == MK_OK && (!t.from || !t.to || !t.reason))
		rc = mk_error_set(&err, MK_EINVAL, !t.from ? "from" : !t.to ? "to" : "reason",
				  "%s is required", !t.from ? "from" : !t.to ? "to" : "reason");
	if (rc == MK_OK)
		rc = mk_svc_item_transfer(req->svc, &req->actor, req->now, req->key, seq, &t, &err);
	if (rc == MK_OK)
		back(req, resp);
	else
		refused(req, resp, "overdracht", rc, &err);
}

void mk_ui_evidence_export_post(struct mk_http_request *req, struct mk_http_response *resp)
{
	struct mk_error err = {0};
	const char *why = mk_http_form(req, "why");
	char dir[4096], path[4200];
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/meldkamer-export-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	enum mk_rc rc = why ? MK_OK : mk_error_set(&err, MK_EINVAL, "why", "why is required");
	if (rc == MK_OK && !mkdtemp(dir))
		rc = mk_error_set(&err, MK_ESTORE, "", "no room for the archive");
	if (rc) {
		refused(req, resp, "export", rc, &err);
		return;
	}
	snprintf(path, sizeof(path), "%s/evidence.tar", dir);
	struct mk_export_summary sum;
	rc = mk_export_evidence(req->svc, &req->actor, req->now, req->key, why, path, &sum, &err);
	int fd = rc ? -1 : open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (rc == MK_OK && (fd < 0 || fstat(fd, &sb) != 0))
		rc = mk_error_set(&err, MK_ESTORE, "", "the archive could not be read back");
	unlink(path);
	rmdir(dir);
	if (rc) {
		if (fd >= 0)
			close(fd);
		refused(req, resp, "export", rc, &err);
		return;
	}
	char disposition[128];
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s-evidence.tar\"",
		 req->key);
	resp->status = 200;
	resp->content_type = "application/x-tar";
	resp->file_fd = fd;
	resp->file_size = (long long)sb.st_size;
	mk_http_set_header(resp, "Content-Disposition", disposition);
}
