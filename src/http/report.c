/* The printable incident report (report.h). One function per section,
 * listed in `sections` below in the order they print; each reads what it
 * needs through the service and appends escaped HTML. */
#include "http/report.h"

#include <string.h>

#include "core/deadline.h"
#include "core/breach.h"
#include "core/evaluation.h"
#include "http/html.h"
#include "service/custody.h"
#include "service/intake.h"

struct report {
	struct mk_service *svc;
	const struct mk_incident *inc;
	mk_time now;
	struct mk_buf *b;
	struct mk_error *err;
	size_t count; /* rows written by the current section's listing */
};

static void esc(struct report *r, const char *s)
{
	mk_html_escape(r->b, s);
}

static void when(struct report *r, mk_time t)
{
	char buf[MK_TIME_TEXT], utc[MK_TIME_TEXT];
	if (t == MK_TIME_UNKNOWN) {
		mk_buf_adds(r->b, "onbekend");
		return;
	}
	mk_buf_addf(r->b, "<time datetime=\"%s\">%s</time>", mk_time_format_utc(t, utc),
		    mk_time_format_local(t, buf));
}

/* Multi-line text as paragraphs-with-breaks. */
static void text(struct report *r, const char *s)
{
	if (!s || !*s) {
		mk_buf_adds(r->b, "<span class=\"leeg\">-</span>");
		return;
	}
	const char *p = s;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char line[4096];
		while (n > 0) {
			size_t take = n < sizeof(line) - 1 ? n : sizeof(line) - 1;
			memcpy(line, p, take);
			line[take] = '\0';
			esc(r, line);
			p += take;
			n -= take;
		}
		if (nl) {
			mk_buf_adds(r->b, "<br>");
			p = nl + 1;
		}
	}
}

static void row(struct report *r, const char *label, const char *value)
{
	mk_buf_adds(r->b, "<tr><th scope=\"row\">");
	esc(r, label);
	mk_buf_adds(r->b, "</th><td>");
	text(r, value);
	mk_buf_adds(r->b, "</td></tr>\n");
}

static void row_time(struct report *r, const char *label, mk_time t)
{
	mk_buf_adds(r->b, "<tr><th scope=\"row\">");
	esc(r, label);
	mk_buf_adds(r->b, "</th><td>");
	when(r, t);
	mk_buf_adds(r->b, "</td></tr>\n");
}

static const char *yes_no(bool b)
{
	return b ? "ja" : "nee";
}

/* --- sections ------------------------------------------------------------------ */

static enum mk_rc section_record(struct report *r)
{
	const struct mk_incident *inc = r->inc;
	mk_buf_adds(r->b, "<table class=\"velden\">\n");
	row(r, "Kenmerk", inc->key);
	row(r, "Titel", inc->title);
	row(r, "Omschrijving", inc->description);
	row(r, "Melder", inc->reporter.name);
	row(r, "Afdeling melder", inc->reporter.department);
	row(r, "Telefoon melder", inc->reporter.phone);
	row(r, "E-mail melder", inc->reporter.email);
	row(r, "Bron van detectie", mk_source_label(inc->source));
	row(r, "Fase", mk_phase_label(inc->phase));
	row(r, "Leverancier", inc->supplier);
	row(r, "Deelincident van", inc->parent_key);
	row_time(r, "Begin incident", inc->occurred_at);
	row_time(r, "Ontdekt", inc->detected_at);
	row_time(r, "Gemeld", inc->reported_at);
	row_time(r, "CISO en management geïnformeerd", inc->management_informed_at);
	row_time(r, "AP gemeld", inc->ap_notified_at);
	row_time(r, "Betrokkenen geïnformeerd", inc->subjects_informed_at);
	row_time(r, "Ingedamd", inc->contained_at);
	row_time(r, "Opgelost", inc->resolved_at);
	row_time(r, "Afgesloten", inc->closed_at);
	row_time(r, "Geëvalueerd", inc->evaluated_at);
	mk_buf_adds(r->b, "</table>\n");
	return MK_OK;
}

static enum mk_rc section_classification(struct report *r)
{
	const struct mk_incident *inc = r->inc;
	mk_buf_adds(r->b, "<table class=\"velden\">\n");
	if (inc->classified) {
		row(r, "Meldingsmatrix (Bijlage 3)", mk_matrix_table_name(inc->matrix_table));
		row(r, "Categorie", inc->matrix_category);
		row(r, "Mogelijk incident", inc->matrix_incident);
	} else {
		row(r, "Meldingsmatrix (Bijlage 3)", "niet geclassificeerd");
	}
	row(r, "Impact (hoogste)", mk_level_name(mk_impact_overall(&inc->impact)));
	row(r, "Urgentie", mk_level_name(inc->urgency));
	char prio[64];
	snprintf(prio, sizeof(prio), "%s %s", mk_priority_name(inc->priority),
		 mk_priority_label(inc->priority));
	row(r, "Prioriteit", inc->priority ? prio : "");
	row(r, "Soort gebeurtenis", mk_event_type_name(inc->event_type));
	row(r, "Vertrouwelijk", yes_no(inc->confidential));
	row(r, "TLP", mk_tlp_name(inc->tlp));
	row(r, "Persoonsgegevens", yes_no(inc->personal_data));
	row(r, "Oefening", yes_no(inc->exercise));
	mk_buf_adds(r->b, "</table>\n<table>\n<caption>Impact per criterium (H4, tabel 1)</caption>\n"
			  "<thead><tr><th scope=\"col\">Criterium</th><th scope=\"col\">Niveau</th>"
			  "</tr></thead>\n<tbody>\n");
	for (int c = 0; c < MK_CRITERION_COUNT; c++) {
		enum mk_level l = inc->impact.level[c];
		mk_buf_adds(r->b, "<tr><td>");
		esc(r, mk_criterion_name((enum mk_criterion)c));
		mk_buf_adds(r->b, "</td><td>");
		esc(r, l ? mk_level_name(l) : "niet beoordeeld");
		mk_buf_adds(r->b, "</td></tr>\n");
	}
	mk_buf_adds(r->b, "</tbody>\n</table>\n");
	return MK_OK;
}

static enum mk_rc log_row(void *ctx, const struct mk_log_entry *e)
{
	struct report *r = ctx;
	mk_buf_addf(r->b, "<tr><td>%lld</td><td>", (long long)e->seq);
	when(r, e->at);
	mk_buf_adds(r->b, "</td><td>");
	esc(r, e->author);
	mk_buf_adds(r->b, " (");
	esc(r, mk_role_name(e->role));
	mk_buf_adds(r->b, ")</td><td>");
	esc(r, mk_log_kind_name(e->kind));
	mk_buf_adds(r->b, "</td><td>");
	text(r, e->text);
	mk_buf_adds(r->b, "</td><td class=\"hash\">");
	esc(r, e->hash);
	mk_buf_adds(r->b, "</td></tr>\n");
	r->count++;
	return mk_buf_rc(r->b);
}

static enum mk_rc section_timeline(struct report *r)
{
	mk_buf_addf(r->b, "<p>Het logboek is een hash-keten (SHA-256): de kop na %lld regels is "
			  "<span class=\"hash\">%s</span>.</p>\n",
		    (long long)r->inc->log_count, r->inc->log_head);
	mk_buf_adds(r->b, "<table>\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Tijd</th>"
			  "<th scope=\"col\">Auteur</th><th scope=\"col\">Soort</th>"
			  "<th scope=\"col\">Tekst</th><th scope=\"col\">Hash</th></tr></thead>\n"
			  "<tbody>\n");
	enum mk_rc rc = mk_svc_log_list(r->svc, r->inc->key, log_row, r, r->err);
	mk_buf_adds(r->b, "</tbody>\n</table>\n");
	return rc;
}

static enum mk_rc decision_row(void *ctx, const struct mk_decision *d)
{
	struct report *r = ctx;
	mk_buf_addf(r->b, "<section class=\"besluit\" aria-label=\"Besluit %lld\"><h3>Besluit %lld, ",
		    (long long)d->id, (long long)d->id);
	when(r, d->decided_at);
	mk_buf_adds(r->b, ", ");
	esc(r, d->decided_by);
	mk_buf_adds(r->b, "</h3>\n<table class=\"velden\">\n");
	row(r, "Beeldvorming", d->beeldvorming);
	row(r, "Opties", d->opties);
	row(r, "Besluit", d->besluit);
	row(r, "Opdracht: wie", d->opdracht_wie);
	row_time(r, "Opdracht: uiterlijk", d->opdracht_uiterlijk);
	row_time(r, "Controle: wanneer",
		 d->controle_op != MK_TIME_UNKNOWN ? d->controle_op : d->opdracht_uiterlijk);
	row(r, "Controle: resultaat", d->controle_resultaat);
	mk_buf_adds(r->b, "</table>\n</section>\n");
	r->count++;
	return mk_buf_rc(r->b);
}

static enum mk_rc section_decisions(struct report *r)
{
	enum mk_rc rc = mk_svc_decisions(r->svc, r->inc->key, decision_row, r, r->err);
	if (rc == MK_OK && r->count == 0)
		mk_buf_adds(r->b, "<p>Geen besluiten vastgelegd.</p>\n");
	return rc;
}

static enum mk_rc task_row(void *ctx, const struct mk_task_view *t)
{
	struct report *r = ctx;
	const char *state = t->row->state == MK_TASK_DONE  ? "gedaan"
			    : t->row->state == MK_TASK_NVT ? "n.v.t."
							   : "open";
	mk_buf_adds(r->b, "<tr><td>");
	esc(r, t->task->code);
	mk_buf_adds(r->b, "</td><td>");
	esc(r, t->task->title);
	mk_buf_adds(r->b, "</td><td>");
	esc(r, t->task->owner);
	mk_buf_adds(r->b, "</td><td>");
	esc(r, state);
	mk_buf_adds(r->b, "</td><td>");
	if (t->row->done_by) {
		esc(r, t->row->done_by);
		mk_buf_adds(r->b, ", ");
		when(r, t->row->done_at);
	}
	mk_buf_adds(r->b, "</td><td>");
	text(r, t->row->note);
	mk_buf_adds(r->b, "</td></tr>\n");
	return mk_buf_rc(r->b);
}

static enum mk_rc section_checklist(struct report *r)
{
	mk_buf_adds(r->b, "<table>\n<thead><tr><th scope=\"col\">Taak</th>"
			  "<th scope=\"col\">Omschrijving</th><th scope=\"col\">Eigenaar</th>"
			  "<th scope=\"col\">Status</th><th scope=\"col\">Door, wanneer</th>"
			  "<th scope=\"col\">Notitie</th></tr></thead>\n<tbody>\n");
	enum mk_rc rc = mk_svc_tasks(r->svc, r->inc->key, task_row, r, r->err);
	mk_buf_adds(r->b, "</tbody>\n</table>\n");
	return rc;
}

static enum mk_rc evidence_row(void *ctx, const struct mk_evidence_view *e)
{
	struct report *r = ctx;
	if (r->count++ == 0)
		mk_buf_adds(r->b, "<table>\n<thead><tr><th scope=\"col\">#</th>"
				  "<th scope=\"col\">Wat</th><th scope=\"col\">Waarom</th>"
				  "<th scope=\"col\">Bestand</th><th scope=\"col\">SHA-256</th>"
				  "<th scope=\"col\">Verzameld</th></tr></thead>\n<tbody>\n");
	mk_buf_addf(r->b, "<tr><td>%lld</td><td>", (long long)e->id);
	esc(r, e->what);
	mk_buf_adds(r->b, "</td><td>");
	esc(r, e->why);
	mk_buf_adds(r->b, "</td><td>");
	esc(r, e->name ? e->name : "-");
	mk_buf_adds(r->b, " (");
	/* The media type came with a mail: escaped like every other value. */
	esc(r, e->media_type);
	mk_buf_addf(r->b, ", %lld bytes)</td><td class=\"hash\">", (long long)e->size);
	esc(r, e->sha256);
	mk_buf_adds(r->b, "</td><td>");
	esc(r, e->collected_by);
	mk_buf_adds(r->b, ", ");
	when(r, e->collected_at);
	mk_buf_adds(r->b, "</td></tr>\n");
	return mk_buf_rc(r->b);
}

static enum mk_rc section_evidence(struct report *r)
{
	enum mk_rc rc = mk_svc_evidence_list(r->svc, r->inc->key, evidence_row, r, r->err);
	mk_buf_adds(r->b, r->count ? "</tbody>\n</table>\n" : "<p>Geen bewijsmateriaal vastgelegd.</p>\n");
	return rc;
}

/* The data-breach record and its AP notifications (schema 0004,
 * doc/breach.md): what the AP and the register need at a glance. */
struct notes {
	struct report *r;
	struct mk_ap_notification *list;
	size_t n, cap;
};

static enum mk_rc note_row(void *ctx, const struct mk_ap_notification *a)
{
	struct report *r = ctx;
	if (r->count++ == 0)
		mk_buf_adds(r->b, "<table>\n<caption>Meldingen aan de AP</caption>\n<thead><tr>"
				  "<th scope=\"col\">Soort</th><th scope=\"col\">Ingediend</th>"
				  "<th scope=\"col\">Meldnummer</th><th scope=\"col\">Door</th>"
				  "<th scope=\"col\">Reden te laat</th></tr></thead>\n<tbody>\n");
	mk_buf_adds(r->b, "<tr><td>");
	esc(r, mk_ap_kind_name(a->kind));
	mk_buf_adds(r->b, "</td><td>");
	when(r, a->filed_at);
	mk_buf_adds(r->b, "</td><td>");
	esc(r, a->reference);
	mk_buf_adds(r->b, "</td><td>");
	esc(r, a->filed_by);
	mk_buf_adds(r->b, "</td><td>");
	text(r, a->late_reason);
	mk_buf_adds(r->b, "</td></tr>\n");
	return mk_buf_rc(r->b);
}

static enum mk_rc section_notifications(struct report *r)
{
	struct mk_breach b;
	mk_breach_init(&b);
	struct mk_error err;
	enum mk_rc rc = mk_svc_breach_get(r->svc, r->inc->key, &b, &err);
	if (rc == MK_ENOTFOUND) {
		mk_buf_adds(r->b, "<p>Geen datalek vastgelegd.</p>\n");
		mk_breach_release(&b);
		return MK_OK;
	}
	if (rc) {
		if (r->err)
			*r->err = err;
		mk_breach_release(&b);
		return rc;
	}
	char n[64];
	mk_buf_adds(r->b, "<table class=\"velden\">\n");
	row_time(r, "Kennisname (start 72 uur)", b.aware_at);
	row_time(r, "Melden aan de AP uiterlijk", mk_breach_ap_due(b.aware_at));
	row_time(r, "Einde van het lek", b.ended_at);
	row(r, "Samenvatting", b.summary);
	row(r, "Risico voor betrokkenen",
	    b.risk == MK_RISK_UNKNOWN ? "niet beoordeeld"
				      : mk_breach_vocab_label(MK_BV_RISK, (unsigned)b.risk - 1));
	row(r, "Onderbouwing", b.risk_reasoning);
	if (b.subjects_min < 0 && b.subjects_max < 0)
		snprintf(n, sizeof(n), "onbekend");
	else if (b.subjects_min == b.subjects_max)
		snprintf(n, sizeof(n), "%lld", (long long)b.subjects_min);
	else if (b.subjects_max < 0)
		snprintf(n, sizeof(n), "ten minste %lld", (long long)b.subjects_min);
	else
		snprintf(n, sizeof(n), "%lld tot %lld", (long long)(b.subjects_min < 0 ? 0 : b.subjects_min),
			 (long long)b.subjects_max);
	row(r, "Aantal betrokkenen", n);
	row(r, "Gevolgen", b.consequences);
	row(r, "Maatregelen", b.measures);
	row(r, "FG geraadpleegd", b.fg_name);
	row(r, "Betrokkenen informeren",
	    b.inform == MK_TRI_YES ? "ja" : b.inform == MK_TRI_NO ? "nee" : "nog niet besloten");
	row(r, "Reden niet informeren", b.inform_reason);
	row_time(r, "Betrokkenen geïnformeerd", b.informed_at);
	mk_buf_adds(r->b, "</table>\n");
	mk_breach_release(&b);
	r->count = 0;
	if ((rc = mk_svc_breach_notifications(r->svc, r->inc->key, note_row, r, r->err)))
		return rc;
	mk_buf_adds(r->b, r->count ? "</tbody>\n</table>\n" : "<p>Geen melding aan de AP gedaan.</p>\n");
	return MK_OK;
}

/* The chain of custody (schema 0005, doc/custody.md): every transfer and
 * access of the incident's evidence items, in order. */
static enum mk_rc custody_row(void *ctx, const struct mk_custody_view *c)
{
	struct report *r = ctx;
	if (r->count++ == 0)
		mk_buf_adds(r->b, "<table>\n<thead><tr><th scope=\"col\">Item</th>"
				  "<th scope=\"col\">Tijd</th><th scope=\"col\">Gebeurtenis</th>"
				  "<th scope=\"col\">Wie</th><th scope=\"col\">Reden</th></tr></thead>\n"
				  "<tbody>\n");
	mk_buf_addf(r->b, "<tr><td>%lld</td><td>", (long long)c->item_seq);
	when(r, c->at);
	mk_buf_adds(r->b, "</td><td>");
	if (c->type == MK_CUSTODY_TRANSFER) {
		mk_buf_adds(r->b, "overdracht van ");
		esc(r, c->from);
		mk_buf_adds(r->b, " aan ");
		esc(r, c->to);
		if (c->receipt) {
			mk_buf_adds(r->b, " (ontvangstbewijs ");
			esc(r, c->receipt);
			mk_buf_adds(r->b, ")");
		}
		mk_buf_adds(r->b, "</td><td>");
		esc(r, c->recorded_by);
	} else {
		mk_buf_adds(r->b, "inzage: ");
		esc(r, c->action);
		mk_buf_adds(r->b, " via ");
		esc(r, c->via);
		mk_buf_adds(r->b, "</td><td>");
		esc(r, c->who);
	}
	mk_buf_adds(r->b, "</td><td>");
	text(r, c->type == MK_CUSTODY_TRANSFER ? c->reason : c->why);
	mk_buf_adds(r->b, "</td></tr>\n");
	return mk_buf_rc(r->b);
}

static enum mk_rc section_custody(struct report *r)
{
	enum mk_rc rc = mk_svc_custody_log(r->svc, r->inc->key, custody_row, r, r->err);
	mk_buf_adds(r->b, r->count ? "</tbody>\n</table>\n"
				   : "<p>Geen overdrachten of inzage vastgelegd.</p>\n");
	return rc;
}

static void amount_cell(struct report *r, int64_t cents)
{
	char buf[MK_CENTS_TEXT];
	mk_buf_adds(r->b, "<td class=\"bedrag\">");
	esc(r, mk_cents_format_nl(cents, buf));
	mk_buf_adds(r->b, "</td>");
}

static void group_table(struct report *r, const char *caption, const char *what,
			const struct mk_cost_groups *g, bool minutes)
{
	if (g->count == 0)
		return;
	mk_buf_adds(r->b, "<table>\n<caption>");
	esc(r, caption);
	mk_buf_adds(r->b, "</caption>\n<thead><tr><th scope=\"col\">");
	esc(r, what);
	mk_buf_adds(r->b, "</th>");
	if (minutes)
		mk_buf_adds(r->b, "<th scope=\"col\">Minuten</th>");
	mk_buf_adds(r->b, "<th scope=\"col\">Bedrag</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < g->count; i++) {
		mk_buf_adds(r->b, "<tr><td>");
		esc(r, g->items[i].name);
		mk_buf_adds(r->b, "</td>");
		if (minutes)
			mk_buf_addf(r->b, "<td class=\"bedrag\">%lld</td>", (long long)g->items[i].minutes);
		amount_cell(r, g->items[i].cents);
		mk_buf_adds(r->b, "</tr>\n");
	}
	mk_buf_adds(r->b, "</tbody>\n</table>\n");
}

static enum mk_rc time_row(void *ctx, const struct mk_time_entry *e, int64_t rate)
{
	struct report *r = ctx;
	if (r->count++ == 0)
		mk_buf_adds(r->b, "<table>\n<caption>Tijdschrijfregels (stap 7.1)</caption>\n"
				  "<thead><tr><th scope=\"col\">Datum</th><th scope=\"col\">Wie</th>"
				  "<th scope=\"col\">Rol</th><th scope=\"col\">Activiteit</th>"
				  "<th scope=\"col\">Minuten</th><th scope=\"col\">Bedrag</th>"
				  "<th scope=\"col\">Notitie</th></tr></thead>\n<tbody>\n");
	mk_buf_adds(r->b, "<tr><td>");
	esc(r, e->worked_on);
	mk_buf_adds(r->b, "</td><td>");
	esc(r, e->person);
	mk_buf_adds(r->b, "</td><td>");
	esc(r, mk_role_name(e->role));
	mk_buf_adds(r->b, "</td><td>");
	esc(r, mk_activity_name(e->activity));
	mk_buf_addf(r->b, "</td><td class=\"bedrag\">%d</td>", e->minutes);
	if (rate >= 0)
		amount_cell(r, mk_cost_of_minutes(e->minutes, rate));
	else
		mk_buf_adds(r->b, "<td>geen tarief</td>");
	mk_buf_adds(r->b, "<td>");
	text(r, e->note);
	mk_buf_adds(r->b, "</td></tr>\n");
	return mk_buf_rc(r->b);
}

static enum mk_rc cost_row(void *ctx, const struct mk_other_cost *c)
{
	struct report *r = ctx;
	if (r->count++ == 0)
		mk_buf_adds(r->b, "<table>\n<caption>Overige kosten</caption>\n<thead><tr>"
				  "<th scope=\"col\">Soort</th><th scope=\"col\">Omschrijving</th>"
				  "<th scope=\"col\">Bedrag</th></tr></thead>\n<tbody>\n");
	mk_buf_adds(r->b, "<tr><td>");
	esc(r, mk_cost_kind_name(c->kind));
	mk_buf_adds(r->b, "</td><td>");
	esc(r, c->description);
	mk_buf_adds(r->b, "</td>");
	amount_cell(r, c->cents);
	mk_buf_adds(r->b, "</tr>\n");
	return mk_buf_rc(r->b);
}

static enum mk_rc section_costs(struct report *r)
{
	struct mk_cost_report cr;
	mk_cost_report_init(&cr);
	enum mk_rc rc = mk_svc_cost_report(r->svc, r->inc->key, &cr, r->err);
	if (rc)
		goto out;
	char t[MK_CENTS_TEXT], o[MK_CENTS_TEXT], all[MK_CENTS_TEXT];
	mk_buf_adds(r->b, "<table class=\"velden\">\n");
	mk_buf_addf(r->b, "<tr><th scope=\"row\">Tijd</th><td class=\"bedrag\">%lld minuten, %s</td></tr>\n",
		    (long long)cr.minutes, mk_cents_format_nl(cr.time_cents, t));
	mk_buf_addf(r->b, "<tr><th scope=\"row\">Overige kosten</th><td class=\"bedrag\">%s</td></tr>\n",
		    mk_cents_format_nl(cr.other_cents, o));
	mk_buf_addf(r->b, "<tr><th scope=\"row\">Totaal</th><td class=\"bedrag totaal\">%s</td></tr>\n",
		    mk_cents_format_nl(cr.total_cents, all));
	mk_buf_adds(r->b, "</table>\n<p>Afronding: per tijdschrijfregel minuten &times; uurtarief / 60, "
			  "op hele centen, een halve cent naar boven; totalen zijn sommen van de "
			  "afgeronde regels.</p>\n");
	for (int i = 0; i < MK_ROLE_COUNT; i++) {
		if (!cr.missing_rate[i])
			continue;
		mk_buf_adds(r->b, "<p class=\"let-op\">Geen uurtarief voor de rol ");
		esc(r, mk_role_name((enum mk_role)i));
		mk_buf_adds(r->b, ": die uren tellen niet mee in het bedrag.</p>\n");
	}
	group_table(r, "Per rol", "Rol", &cr.by_role, true);
	group_table(r, "Per persoon", "Persoon", &cr.by_person, true);
	group_table(r, "Per activiteit", "Activiteit", &cr.by_activity, true);
	r->count = 0;
	if ((rc = mk_svc_time_list(r->svc, r->inc->key, time_row, r, r->err)))
		goto out;
	if (r->count)
		mk_buf_adds(r->b, "</tbody>\n</table>\n");
	r->count = 0;
	if ((rc = mk_svc_costs(r->svc, r->inc->key, cost_row, r, r->err)))
		goto out;
	if (r->count)
		mk_buf_adds(r->b, "</tbody>\n</table>\n");
out:
	mk_cost_report_release(&cr);
	return rc;
}

struct eval_read {
	struct report *r;
	struct mk_eval_questions *q;
};

static enum mk_rc eval_part(void *ctx, const struct mk_evaluation_view *v)
{
	struct report *r = ctx;
	mk_buf_adds(r->b, "<table class=\"velden\">\n");
	mk_time opens = MK_TIME_UNKNOWN, due = MK_TIME_UNKNOWN;
	if (r->inc->closed_at != MK_TIME_UNKNOWN)
		mk_evaluation_window(r->inc->closed_at, &opens, &due);
	row_time(r, "Evaluatie vanaf (2 weken na afsluiten)", opens);
	row_time(r, "Evaluatie uiterlijk (6 weken na afsluiten)", due);
	row_time(r, "Evaluatievergadering", v->meeting_at);
	row(r, "Geleerde lessen", v->lessons);
	row(r, "Hoe het proces verliep", v->process_review);
	mk_buf_adds(r->b, "</table>\n");
	return mk_buf_rc(r->b);
}

static enum mk_rc answer_part(void *ctx, const char *code, const char *answer)
{
	struct eval_read *er = ctx;
	const struct mk_eval_question *q = mk_eval_question_find(er->q, code);
	mk_buf_adds(er->r->b, "<dt>");
	esc(er->r, code);
	mk_buf_adds(er->r->b, " ");
	esc(er->r, q ? q->vraag : "");
	mk_buf_adds(er->r->b, "</dt><dd>");
	text(er->r, answer);
	mk_buf_adds(er->r->b, "</dd>\n");
	er->r->count++;
	return mk_buf_rc(er->r->b);
}

static enum mk_rc action_part(void *ctx, const struct mk_improvement *a)
{
	struct report *r = ctx;
	if (r->count++ == 0)
		mk_buf_adds(r->b, "<table>\n<caption>Verbeteracties (stap 7.5)</caption>\n<thead><tr>"
				  "<th scope=\"col\">#</th><th scope=\"col\">Wat</th>"
				  "<th scope=\"col\">Eigenaar</th><th scope=\"col\">Uiterlijk</th>"
				  "<th scope=\"col\">Afgerond</th></tr></thead>\n<tbody>\n");
	mk_buf_addf(r->b, "<tr><td>%lld</td><td>", (long long)a->id);
	text(r, a->what);
	mk_buf_adds(r->b, "</td><td>");
	esc(r, a->owner);
	mk_buf_adds(r->b, "</td><td>");
	when(r, a->due_at);
	mk_buf_adds(r->b, "</td><td>");
	if (a->done_at != MK_TIME_UNKNOWN)
		when(r, a->done_at);
	else
		mk_buf_adds(r->b, "nee");
	mk_buf_adds(r->b, "</td></tr>\n");
	return mk_buf_rc(r->b);
}

static enum mk_rc section_evaluation(struct report *r)
{
	struct mk_eval_questions q = {0};
	enum mk_rc rc;
	if ((rc = mk_eval_questions_load(&q, r->err)) ||
	    (rc = mk_svc_evaluation_get(r->svc, r->inc->key, eval_part, r, r->err)))
		goto out;
	struct eval_read er = {r, &q};
	mk_buf_adds(r->b, "<h3>Vragen van stap 7</h3>\n<dl>\n");
	r->count = 0;
	if ((rc = mk_svc_answers(r->svc, r->inc->key, answer_part, &er, r->err)))
		goto out;
	mk_buf_adds(r->b, "</dl>\n");
	if (!r->count)
		mk_buf_adds(r->b, "<p>Nog geen antwoorden.</p>\n");
	r->count = 0;
	if ((rc = mk_svc_actions(r->svc, r->inc->key, action_part, r, r->err)))
		goto out;
	if (r->count)
		mk_buf_adds(r->b, "</tbody>\n</table>\n");
out:
	mk_eval_questions_release(&q);
	return rc;
}

static enum mk_rc hold_part(void *ctx, const struct mk_hold_view *h)
{
	struct report *r = ctx;
	mk_buf_adds(r->b, "<p class=\"let-op\">Legal hold sinds ");
	when(r, h->held_at);
	mk_buf_adds(r->b, " (");
	esc(r, h->held_by);
	mk_buf_adds(r->b, "): ");
	esc(r, h->reason);
	mk_buf_adds(r->b, ". Dit incident wordt niet vernietigd.</p>\n");
	return MK_OK;
}

static enum mk_rc section_retention(struct report *r)
{
	bool held = false;
	enum mk_rc rc = mk_svc_hold_get(r->svc, r->inc->key, hold_part, r, &held, r->err);
	if (rc)
		return rc;
	mk_buf_adds(r->b, "<table class=\"velden\">\n");
	row_time(r, "Bewaren tot ten minste (3 jaar na afsluiten)",
		 r->inc->closed_at == MK_TIME_UNKNOWN
			 ? MK_TIME_UNKNOWN
			 : mk_retention_end(r->inc->closed_at, MK_RETENTION_YEARS));
	row(r, "Legal hold", yes_no(held));
	mk_buf_adds(r->b, "</table>\n");
	return MK_OK;
}

typedef enum mk_rc (*section_fn)(struct report *r);

/* The report's sections in print order: id (the anchor), heading. */
static const struct {
	const char *id, *title;
	section_fn fn;
} sections[] = {
	{"gegevens", "Incidentgegevens", section_record},
	{"classificatie", "Classificatie", section_classification},
	{"tijdlijn", "Tijdlijn (logboek)", section_timeline},
	{"besluiten", "Besluiten (BOBOC)", section_decisions},
	{"checklist", "Checklist (Bijlage 1)", section_checklist},
	{"bewijs", "Bewijsmateriaal", section_evidence},
	{"bewijsketen", "Bewijsketen (overdrachten en inzage)", section_custody},
	{"datalek", "Datalek en meldingen aan de AP", section_notifications},
	{"kosten", "Tijd en kosten", section_costs},
	{"evaluatie", "Evaluatie", section_evaluation},
	{"bewaren", "Bewaartermijn", section_retention},
};

/* Print CSS: A4, table headers repeated on every page, no page break
 * inside a row, hashes small enough to fit. Inline: the file must print
 * without anything else. */
static const char style[] =
	"body{font-family:system-ui,sans-serif;font-size:11pt;line-height:1.4;color:#111;"
	"max-width:60em;margin:1em auto;padding:0 1em}"
	"h1{font-size:18pt}h2{font-size:14pt;border-bottom:1px solid #444;margin-top:1.5em}"
	"h3{font-size:12pt}table{border-collapse:collapse;width:100%;margin:.5em 0}"
	"caption{text-align:left;font-weight:bold;padding:.3em 0}"
	"th,td{border:1px solid #999;padding:.2em .4em;text-align:left;vertical-align:top}"
	"table.velden th{width:30%;background:#eee}thead th{background:#ddd}"
	".hash{font-family:monospace;font-size:7pt;word-break:break-all}"
	".bedrag{text-align:right;white-space:nowrap}.totaal{font-weight:bold}"
	".let-op{border-left:4px solid #8a4b00;padding-left:.5em}.leeg{color:#555}"
	"nav ol{columns:2}footer{margin-top:2em;font-size:9pt;color:#333}"
	"@page{size:A4;margin:15mm}"
	"@media print{body{max-width:none;margin:0;padding:0}nav{display:none}"
	"thead{display:table-header-group}tr,.besluit{break-inside:avoid}"
	"h2{break-after:avoid}}";

enum mk_rc mk_report_html(struct mk_service *svc, const char *key, mk_time now, const char *by,
			  struct mk_buf *out, struct mk_error *err)
{
	struct mk_incident inc;
	mk_incident_init(&inc);
	enum mk_rc rc = mk_svc_incident_get(svc, key, &inc, err);
	if (rc)
		goto out;
	struct report r = {svc, &inc, now, out, err, 0};
	mk_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
			 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			 "<title>Incidentrapport ");
	esc(&r, inc.key);
	mk_buf_adds(out, ": ");
	esc(&r, inc.title);
	mk_buf_addf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>"
			 "Incidentrapport ", style);
	esc(&r, inc.key);
	mk_buf_adds(out, "</h1>\n<p class=\"titel\">");
	esc(&r, inc.title);
	mk_buf_adds(out, "</p>\n</header>\n<nav aria-label=\"Inhoud\">\n<ol>\n");
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		mk_buf_addf(out, "<li><a href=\"#%s\">%s</a></li>\n", sections[i].id, sections[i].title);
	mk_buf_adds(out, "</ol>\n</nav>\n<main>\n");
	for (size_t i = 0; rc == MK_OK && i < sizeof(sections) / sizeof(sections[0]); i++) {
		mk_buf_addf(out, "<section id=\"%s\" aria-labelledby=\"%s-kop\">\n<h2 id=\"%s-kop\">%s</h2>\n",
			    sections[i].id, sections[i].id, sections[i].id, sections[i].title);
		r.count = 0;
		rc = sections[i].fn(&r);
		mk_buf_adds(out, "</section>\n");
		if (rc == MK_OK)
			rc = mk_buf_rc(out);
	}
	if (rc)
		goto out;
	char at[MK_TIME_TEXT];
	mk_buf_addf(out, "</main>\n<footer>\n<p>Gemaakt door meldkamer op %s door ",
		    mk_time_format_local(now, at));
	esc(&r, by);
	mk_buf_adds(out, ". Dit rapport bevat vertrouwelijke gegevens: bewaar en deel het volgens "
			 "het TLP-niveau van het incident.</p>\n</footer>\n</body>\n</html>\n");
	if ((rc = mk_buf_rc(out)))
		goto out;
out:
	if (rc == MK_ETOOBIG)
		/* The web answer has a lower ceiling than the file (8 MiB against
		 * MK_REPORT_MAX): name the one that was hit. */
		mk_error_set(err, rc, "report",
			     "the report of %s is larger than %zu MB: use 'meldkamer export report'",
			     key, out->max / (1024 * 1024));
	else if (rc == MK_ENOMEM && (!err || !err->message[0]))
		mk_error_set(err, rc, "report", "out of memory writing the report of %s", key);
	mk_incident_release(&inc);
	return rc;
}
