/* The draft of the AP's Meldformulier datalekken for the FG: every
 * question of sections 0-9 (../shared/AP-MELDING.md), answered from the
 * incident and its breach record where meldkamer knows the answer, and
 * "nog invullen" where it does not. The FG completes it and files it on
 * the AP's site (the AP takes notifications only through its form). The
 * JSON is the draft; the Markdown is rendered from it, so the two cannot
 * differ. */
#include <string.h>

#include "base/limits.h"
#include "core/deadline.h"
#include "export/breach.h"
#include "export/json.h"

struct draft {
	const struct mk_ap_draft_input *in;
	json_t *sections;
	json_t *questions; /* of the section being built */
	struct mk_buf scratch;
	int open;
	bool oom;
};

static void section(struct draft *d, int number, const char *title)
{
	d->questions = json_array();
	json_t *s = json_pack("{s:i, s:s, s:o}", "number", number, "title", title, "questions",
			      d->questions);
	if (!s || json_array_append_new(d->sections, s))
		d->oom = true;
}

/* One question with its answer; NULL or "" is not known. */
static void ask(struct draft *d, const char *id, const char *question, const char *answer)
{
	bool filled = answer && answer[0];
	if (!filled)
		d->open++;
	json_t *q = json_pack("{s:s, s:s, s:s, s:b}", "id", id, "question", question, "answer",
			      filled ? answer : MK_AP_TODO, "filled", filled);
	if (!q || !d->questions || json_array_append_new(d->questions, q))
		d->oom = true;
}

/* The scratch buffer as an answer (empty: not known). */
static const char *scratch(struct draft *d)
{
	if (mk_buf_rc(&d->scratch))
		d->oom = true;
	return d->scratch.data ? d->scratch.data : "";
}

static void reset(struct draft *d)
{
	mk_buf_reset(&d->scratch);
}

static const char *time_text(mk_time t, char buf[MK_TIME_TEXT])
{
	return t == MK_TIME_UNKNOWN ? NULL : mk_time_format_local(t, buf);
}

static void labels(struct draft *d, enum mk_breach_vocab v, uint32_t set)
{
	reset(d);
	mk_breach_set_labels(v, set, &d->scratch);
}

static void about(struct draft *d)
{
	const struct mk_ap_draft_input *in = d->in;
	section(d, 0, "Over deze melding");
	/* A municipality is no provider of public electronic communication
	 * services: the AVG applies, not the Telecommunicatiewet. */
	ask(d, "0.1", "Op grond van welke wet meldt u (AVG of Telecommunicatiewet)?",
	    "AVG (de gemeente is geen aanbieder van openbare elektronische communicatiediensten)");
	reset(d);
	if (in->nnotes == 0)
		mk_buf_adds(&d->scratch, "Nieuwe melding");
	else
		mk_buf_addf(&d->scratch, "Aanvulling op een eerdere melding (%zu eerder ingediend, "
					  "laatste: %s)",
			    in->nnotes, mk_ap_kind_name(in->notes[in->nnotes - 1].kind));
	ask(d, "0.2", "Is dit een nieuwe melding of een aanvulling op een eerdere melding?",
	    scratch(d));
	ask(d, "0.3", "Meldnummer van de eerdere melding",
	    in->nnotes ? in->notes[0].reference : "n.v.t. (nieuwe melding)");
}

static void contact(struct draft *d)
{
	const struct mk_ap_draft_input *in = d->in;
	section(d, 1, "Contactgegevens en algemene informatie");
	ask(d, "1.1", "Naam van de organisatie", NULL);
	ask(d, "1.2", "Adres van de organisatie", NULL);
	ask(d, "1.3", "Registratienummer (KvK of OIN)", NULL);
	ask(d, "1.4", "Naam van de melder (verplicht)", NULL);
	ask(d, "1.5", "Functie van de melder (verplicht)", NULL);
	ask(d, "1.6", "Telefoonnummer van de melder (verplicht)", NULL);
	ask(d, "1.7", "E-mailadres van de melder (optioneel)", NULL);
	reset(d);
	if (in->breach->fg_name && in->breach->fg_name[0])
		mk_buf_addf(&d->scratch, "%s (functionaris gegevensbescherming)",
			    in->breach->fg_name);
	ask(d, "1.8", "Contactpersoon voor vragen over de melding", scratch(d));
	reset(d);
	if (in->inc->supplier && in->inc->supplier[0])
		mk_buf_addf(&d->scratch, "%s (leverancier, mogelijk verwerker)", in->inc->supplier);
	ask(d, "1.9", "Andere betrokken organisaties (bijvoorbeeld een verwerker)", scratch(d));
}

static void timeline(struct draft *d)
{
	const struct mk_ap_draft_input *in = d->in;
	const struct mk_breach *b = in->breach;
	char t1[MK_TIME_TEXT], t2[MK_TIME_TEXT];
	section(d, 2, "Tijdlijn");
	reset(d);
	if (in->inc->occurred_at != MK_TIME_UNKNOWN)
		mk_buf_addf(&d->scratch, "%s%s", mk_time_format_local(in->inc->occurred_at, t1),
			    in->inc->occurred_estimated ? " (schatting)" : "");
	ask(d, "2.1", "Wanneer is het datalek begonnen (datum en tijd of periode)?", scratch(d));
	ask(d, "2.2", "Wanneer hebt u het datalek ontdekt (kennisname)?", time_text(b->aware_at, t1));
	reset(d);
	if (b->ended_at != MK_TIME_UNKNOWN)
		mk_buf_addf(&d->scratch, "Nee, beëindigd op %s", mk_time_format_local(b->ended_at, t2));
	ask(d, "2.3", "Duurt het datalek nog voort? Zo nee, wanneer is het beëindigd?",
	    scratch(d));
	/* Art. 33(1): a notification after the 72 hours states the reasons
	 * for the delay. */
	mk_time due = mk_breach_ap_due(b->aware_at);
	mk_time filed = in->nnotes ? in->notes[0].filed_at : in->now;
	reset(d);
	if (filed <= due)
		mk_buf_addf(&d->scratch, "n.v.t.: binnen 72 uur na de kennisname (uiterlijk %s)",
			    mk_time_format_local(due, t1));
	else if (in->nnotes && in->notes[0].late_reason)
		mk_buf_adds(&d->scratch, in->notes[0].late_reason);
	ask(d, "2.4", "Waarom meldt u later dan 72 uur na de ontdekking?", scratch(d));
}

static void facts(struct draft *d)
{
	const struct mk_breach *b = d->in->breach;
	section(d, 3, "Gegevens over het datalek");
	ask(d, "3.1", "Samenvatting van het datalek", b->summary);
	labels(d, MK_BV_NATURE, b->nature);
	ask(d, "3.2", "Wat is er met de persoonsgegevens gebeurd (gelezen, gekopieerd, veranderd, "
		      "verwijderd of vernietigd, gestolen)?",
	    scratch(d));
	ask(d, "3.3", "Wat is de oorzaak van het datalek?",
	    b->cause >= 0 ? mk_breach_vocab_label(MK_BV_CAUSE, (unsigned)b->cause) : NULL);
}

static void data(struct draft *d)
{
	const struct mk_breach *b = d->in->breach;
	section(d, 4, "Betrokken persoonsgegevens");
	labels(d, MK_BV_CATEGORY, b->categories);
	ask(d, "4.1", "Om welke soorten persoonsgegevens gaat het?", scratch(d));
	/* Known only once the categories are: an empty set is "not yet
	 * assessed", not "no BSN". */
	ask(d, "4.2", "Gaat het om burgerservicenummers (BSN)?",
	    b->categories ? ((b->categories & mk_breach_bsn_bit()) ? "Ja" : "Nee") : NULL);
	labels(d, MK_BV_SPECIAL, b->special);
	if (!b->special && b->categories)
		mk_buf_adds(&d->scratch, "Geen");
	ask(d, "4.3", "Gaat het om bijzondere persoonsgegevens of strafrechtelijke gegevens? Welke?",
	    scratch(d));
	reset(d);
	if (b->records >= 0)
		mk_buf_addf(&d->scratch, "Ongeveer %lld", (long long)b->records);
	ask(d, "4.4", "Om hoeveel records gaat het (bij benadering)?", scratch(d));
}

static void persons(struct draft *d)
{
	const struct mk_breach *b = d->in->breach;
	section(d, 5, "Betrokken personen");
	labels(d, MK_BV_GROUP, b->groups);
	ask(d, "5.1", "Van welke groepen personen zijn persoonsgegevens betrokken?", scratch(d));
	reset(d);
	if (b->subjects_min >= 0 && b->subjects_max >= 0)
		mk_buf_addf(&d->scratch, "Minimaal %lld, maximaal %lld", (long long)b->subjects_min,
			    (long long)b->subjects_max);
	else if (b->subjects_min >= 0)
		mk_buf_addf(&d->scratch, "Minimaal %lld", (long long)b->subjects_min);
	else if (b->subjects_max >= 0)
		mk_buf_addf(&d->scratch, "Maximaal %lld", (long long)b->subjects_max);
	ask(d, "5.2", "Hoeveel personen zijn betrokken (minimaal en maximaal)?", scratch(d));
}

static void before(struct draft *d)
{
	const struct mk_breach *b = d->in->breach;
	section(d, 6, "Maatregelen vooraf");
	ask(d, "6.1", "Waren de persoonsgegevens versleuteld, gehasht of op een andere manier "
		      "onbegrijpelijk of ontoegankelijk gemaakt?",
	    b->encrypted == MK_TRI_UNKNOWN ? NULL : b->encrypted == MK_TRI_YES ? "Ja" : "Nee");
	ask(d, "6.2", "Zo ja, op welke manier?",
	    b->encrypted == MK_TRI_NO ? "n.v.t." : b->encryption);
}

static void consequences(struct draft *d)
{
	const struct mk_breach *b = d->in->breach;
	section(d, 7, "Gevolgen");
	/* From the nature (§3): what was read, copied or stolen is a loss of
	 * confidentiality; altered, of integrity; deleted or stolen, of
	 * availability. */
	reset(d);
	uint32_t conf = 0, integ = 0, avail = 0;
	mk_breach_set_parse(MK_BV_NATURE, "gelezen,gekopieerd,gestolen", "nature", &conf, NULL);
	mk_breach_set_parse(MK_BV_NATURE, "gewijzigd", "nature", &integ, NULL);
	mk_breach_set_parse(MK_BV_NATURE, "verwijderd,gestolen", "nature", &avail, NULL);
	conf &= b->nature;
	integ &= b->nature;
	avail &= b->nature;
	if (conf)
		mk_buf_adds(&d->scratch, "Vertrouwelijkheid");
	if (integ)
		mk_buf_addf(&d->scratch, "%sIntegriteit", d->scratch.len ? ", " : "");
	if (avail)
		mk_buf_addf(&d->scratch, "%sBeschikbaarheid", d->scratch.len ? ", " : "");
	ask(d, "7.1", "Wat zijn de gevolgen voor de vertrouwelijkheid, integriteit en "
		      "beschikbaarheid van de gegevens?",
	    scratch(d));
	ask(d, "7.2", "Welke nadelige gevolgen kan het datalek hebben voor de betrokkenen "
		      "(bijvoorbeeld identiteitsfraude, discriminatie, reputatieschade)?",
	    b->consequences);
	reset(d);
	if (b->risk != MK_RISK_UNKNOWN)
		mk_buf_addf(&d->scratch, "%s: %s",
			    mk_breach_vocab_label(MK_BV_RISK, (unsigned)b->risk - 1),
			    b->risk_reasoning ? b->risk_reasoning : "");
	ask(d, "7.3", "Hoe ernstig schat u de gevolgen in?", scratch(d));
}

static void follow_up(struct draft *d)
{
	const struct mk_breach *b = d->in->breach;
	char t[MK_TIME_TEXT];
	section(d, 8, "Vervolgacties");
	reset(d);
	if (b->inform == MK_TRI_YES) {
		if (b->informed_at != MK_TIME_UNKNOWN)
			mk_buf_addf(&d->scratch, "Ja, geïnformeerd op %s via %s",
				    mk_time_format_local(b->informed_at, t),
				    mk_breach_vocab_label(MK_BV_CHANNEL, (unsigned)b->inform_channel));
		else
			mk_buf_addf(&d->scratch, "Nog niet, wel gepland (via %s)",
				    mk_breach_vocab_label(MK_BV_CHANNEL, (unsigned)b->inform_channel));
	} else if (b->inform == MK_TRI_NO) {
		mk_buf_addf(&d->scratch, "Nee: %s. %s",
			    mk_breach_vocab_label(MK_BV_EXCEPTION, (unsigned)b->inform_exception),
			    b->inform_reason ? b->inform_reason : "");
	}
	ask(d, "8.1", "Hebt u de betrokkenen geïnformeerd, bent u dat van plan, of niet (en "
		      "waarom niet)?",
	    scratch(d));
	/* Art. 34(3)c: a public notice instead of telling each person. */
	const char *pub = NULL;
	unsigned openbaar_channel = 0, onevenredig = 0;
	mk_breach_vocab_parse(MK_BV_CHANNEL, "openbaar", "channel", &openbaar_channel, NULL);
	mk_breach_vocab_parse(MK_BV_EXCEPTION, "onevenredig", "exception", &onevenredig, NULL);
	if (b->inform == MK_TRI_YES)
		pub = b->inform_channel == (int)openbaar_channel ? "Ja, een openbare mededeling"
							     : "Nee, de betrokkenen worden individueel "
							       "geïnformeerd";
	else if (b->inform == MK_TRI_NO && b->inform_exception == (int)onevenredig)
		pub = "Ja, een openbare mededeling in plaats van individuele berichten";
	ask(d, "8.2", "Communiceert u openbaar over het datalek (als individueel informeren een "
		      "onevenredige inspanning vergt)?",
	    pub);
	ask(d, "8.3", "Welke maatregelen hebt u genomen om het datalek te beëindigen en de "
		      "gevolgen te beperken?",
	    b->measures);
	ask(d, "8.4", "Internationale aspecten: zijn er betrokkenen in andere EU-landen of is er "
		      "grensoverschrijdende verwerking?",
	    NULL);
}

static void other(struct draft *d)
{
	section(d, 9, "Overig");
	reset(d);
	mk_buf_addf(&d->scratch, "Intern kenmerk: %s", d->in->inc->key);
	ask(d, "9.1", "Overige informatie", scratch(d));
}

json_t *mk_ap_draft_json(const struct mk_ap_draft_input *in)
{
	char t[MK_TIME_TEXT];
	struct draft d = {.in = in, .sections = json_array()};
	mk_buf_init(&d.scratch, MK_TEXT_MAX * 2);
	about(&d);
	contact(&d);
	timeline(&d);
	facts(&d);
	data(&d);
	persons(&d);
	before(&d);
	consequences(&d);
	follow_up(&d);
	other(&d);
	mk_buf_release(&d.scratch);
	json_t *o = NULL;
	if (!d.oom && d.sections)
		o = json_pack("{s:s, s:s?, s:s, s:o, s:i}", "key", in->inc->key, "title",
			      in->inc->title, "generated_at", mk_time_format_utc(in->now, t),
			      "sections", d.sections, "open_questions", d.open);
	else
		json_decref(d.sections);
	return o;
}

/* Continuation lines of a multi-line answer are indented to stay inside
 * their list item. */
static void add_indented(struct mk_buf *out, const char *s)
{
	for (; *s; s++) {
		mk_buf_addc(out, *s);
		if (*s == '\n')
			mk_buf_adds(out, "  ");
	}
}

void mk_ap_draft_markdown(const json_t *draft, struct mk_buf *out)
{
	size_t i, j;
	json_t *s, *q;
	mk_buf_addf(out, "# Concept melding datalek aan de AP: %s\n\n",
		    json_string_value(json_object_get(draft, "key")));
	mk_buf_addf(out, "Incident: %s  \nGemaakt door meldkamer op %s (UTC).\n\n",
		    json_string_value(json_object_get(draft, "title")),
		    json_string_value(json_object_get(draft, "generated_at")));
	mk_buf_addf(out, "Dit is een concept voor de functionaris gegevensbescherming. Vul de "
			  "%lld vragen met \"%s\" aan en dien de melding in via het "
			  "Meldformulier datalekken van de Autoriteit Persoonsgegevens (alleen "
			  "online).\n",
		    (long long)json_integer_value(json_object_get(draft, "open_questions")),
		    MK_AP_TODO);
	json_array_foreach(json_object_get(draft, "sections"), i, s) {
		mk_buf_addf(out, "\n## %lld. %s\n\n",
			    (long long)json_integer_value(json_object_get(s, "number")),
			    json_string_value(json_object_get(s, "title")));
		json_array_foreach(json_object_get(s, "questions"), j, q) {
			bool filled = json_is_true(json_object_get(q, "filled"));
			mk_buf_addf(out, "- %s %s  \n  ", json_string_value(json_object_get(q, "id")),
				    json_string_value(json_object_get(q, "question")));
			if (filled)
				add_indented(out, json_string_value(json_object_get(q, "answer")));
			else
				mk_buf_addf(out, "**%s**", MK_AP_TODO);
			mk_buf_addc(out, '\n');
		}
	}
}
