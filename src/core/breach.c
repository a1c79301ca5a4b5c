/* The breach record, its vocabularies, the AP notification life cycle and
 * the decision to inform data subjects. Rules only: the service stores
 * what passes them. */
#include "core/breach.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "core/deadline.h"
#include "core/text.h"

struct vocab_entry {
	const char *name;
	const char *label;
};

/* AP-MELDING.md §4, the form's list of kinds of personal data. */
static const struct vocab_entry categories[] = {
	{"naw", "Naam, adres, woonplaats"},
	{"telefoon", "Telefoonnummers"},
	{"email", "E-mailadressen of andere adressen voor elektronische communicatie"},
	{"inlog", "Toegangs- of identificatiegegevens (inlognaam, wachtwoord, klantnummer)"},
	{"financieel", "Financiële of economische gegevens"},
	{"id-kopie", "Kopie identiteitsbewijs"},
	{"geslacht-leeftijd", "Geslacht, geboortedatum en/of leeftijd"},
	{"bsn", "Burgerservicenummer (BSN)"},
	{"anders", "Andere persoonsgegevens"},
};
/* §4 special categories: art. 9 AVG and the criminal data of art. 10. */
static const struct vocab_entry specials[] = {
	{"religie", "Godsdienst of levensovertuiging"},
	{"ras-etniciteit", "Ras of etnische afkomst"},
	{"politiek", "Politieke opvattingen"},
	{"gezondheid", "Gezondheid"},
	{"seksueel", "Seksueel leven of seksuele gerichtheid"},
	{"vakbond", "Lidmaatschap van een vakbond"},
	{"strafrechtelijk", "Strafrechtelijke gegevens"},
	{"genetisch-biometrisch", "Genetische of biometrische gegevens"},
};
/* §5 groups of persons. */
static const struct vocab_entry groups[] = {
	{"personeel", "Werknemers"},
	{"burgers", "Inwoners, klanten"},
	{"patienten", "Patiënten, cliënten"},
	{"minderjarigen", "Minderjarigen"},
	{"kwetsbaren", "Kwetsbare groepen"},
	{"onbekend", "Nog onbekend"},
	{"anders", "Andere groep"},
};
/* §3 nature of the breach, each with the security property it touches. */
static const struct vocab_entry natures[] = {
	{"gelezen", "Gelezen (vertrouwelijkheid)"},
	{"gekopieerd", "Gekopieerd"},
	{"gewijzigd", "Veranderd (integriteit)"},
	{"verwijderd", "Verwijderd of vernietigd (beschikbaarheid)"},
	{"gestolen", "Gestolen"},
	{"onbekend", "Nog niet bekend"},
};
/* §3 cause. */
static const struct vocab_entry causes[] = {
	{"verloren-apparaat", "Verloren of zoekgeraakte gegevensdrager of apparaat"},
	{"gestolen-apparaat", "Gestolen gegevensdrager of apparaat"},
	{"hack", "Hacking, malware en/of phishing"},
	{"verkeerde-ontvanger", "Persoonsgegevens verstuurd naar of afgegeven aan de verkeerde ontvanger"},
	{"openbaar", "Persoonsgegevens per ongeluk openbaar gemaakt of ingezien"},
	{"niet-verwijderd", "Persoonsgegevens niet of niet veilig verwijderd of vernietigd"},
	{"papier", "Papieren stukken verloren, gestolen of bij een verkeerde ontvanger"},
	{"anders", "Anders"},
};
/* The risk for the data subjects: geen (no notification, art. 33(1)),
 * laag (notify the AP), hoog (also the data subjects, art. 34(1)). */
static const struct vocab_entry risks[] = {
	{"geen", "Geen risico"},
	{"laag", "Risico (melden aan de AP)"},
	{"hoog", "Hoog risico (ook betrokkenen informeren)"},
};
static const struct vocab_entry channels[] = {
	{"brief", "Brief"},
	{"email", "E-mail"},
	{"telefoon", "Telefoon"},
	{"persoonlijk", "Persoonlijk gesprek"},
	{"openbaar", "Openbare mededeling (art. 34 lid 3 onder c)"},
};
/* Art. 34(3): when the subjects need not be told, and the case where the
 * risk is not high in the first place (art. 34(1)). */
static const struct vocab_entry exceptions[] = {
	{"geen-hoog-risico", "Geen hoog risico voor de betrokkenen (art. 34 lid 1)"},
	{"versleuteld", "Gegevens onbegrijpelijk gemaakt, bijv. versleuteld (art. 34 lid 3 onder a)"},
	{"maatregelen", "Maatregelen genomen waardoor het hoge risico niet meer waarschijnlijk is (lid 3 onder b)"},
	{"onevenredig", "Onevenredige inspanning; openbare mededeling in plaats daarvan (lid 3 onder c)"},
};

#define N(a) (sizeof(a) / sizeof(a[0]))

static const struct {
	const struct vocab_entry *entries;
	unsigned count;
	const char *field;
} vocabs[MK_BV_COUNT] = {
	[MK_BV_CATEGORY] = {categories, N(categories), "categories"},
	[MK_BV_SPECIAL] = {specials, N(specials), "special_categories"},
	[MK_BV_GROUP] = {groups, N(groups), "groups"},
	[MK_BV_NATURE] = {natures, N(natures), "nature"},
	[MK_BV_CAUSE] = {causes, N(causes), "cause"},
	[MK_BV_RISK] = {risks, N(risks), "risk"},
	[MK_BV_CHANNEL] = {channels, N(channels), "inform_channel"},
	[MK_BV_EXCEPTION] = {exceptions, N(exceptions), "inform_exception"},
};

const char *mk_breach_vocab_name(enum mk_breach_vocab v, unsigned i)
{
	if ((unsigned)v >= MK_BV_COUNT || i >= vocabs[v].count)
		return NULL;
	return vocabs[v].entries[i].name;
}

const char *mk_breach_vocab_label(enum mk_breach_vocab v, unsigned i)
{
	if ((unsigned)v >= MK_BV_COUNT || i >= vocabs[v].count)
		return NULL;
	return vocabs[v].entries[i].label;
}

const char *mk_breach_vocab_field(enum mk_breach_vocab v)
{
	return (unsigned)v < MK_BV_COUNT ? vocabs[v].field : "?";
}

unsigned mk_breach_vocab_count(enum mk_breach_vocab v)
{
	return (unsigned)v < MK_BV_COUNT ? vocabs[v].count : 0;
}

/* The message lists every allowed name, so the user sees what to type. */
static enum mk_rc unknown_name(enum mk_breach_vocab v, const char *s, size_t len,
			       const char *field, struct mk_error *err)
{
	struct mk_buf allowed;
	mk_buf_init(&allowed, 600);
	for (unsigned i = 0; i < vocabs[v].count; i++)
		mk_buf_addf(&allowed, "%s%s", i ? ", " : "", vocabs[v].entries[i].name);
	if (len == 0)
		mk_error_set(err, MK_EINVAL, field, "%s has an empty name: use one of %s", field,
			     allowed.data ? allowed.data : "");
	else
		mk_error_set(err, MK_EINVAL, field, "%s '%.*s' is unknown: use one of %s", field,
			     (int)(len > 80 ? 80 : len), s, allowed.data ? allowed.data : "");
	mk_buf_release(&allowed);
	return MK_EINVAL;
}

static int find(enum mk_breach_vocab v, const char *s, size_t len)
{
	for (unsigned i = 0; i < vocabs[v].count; i++) {
		const char *name = vocabs[v].entries[i].name;
		if (strlen(name) == len && memcmp(name, s, len) == 0)
			return (int)i;
	}
	return -1;
}

enum mk_rc mk_breach_vocab_parse(enum mk_breach_vocab v, const char *s, const char *field,
				 unsigned *ret, struct mk_error *err)
{
	size_t len = s ? strlen(s) : 0;
	int i = len <= 64 ? find(v, s, len) : -1;
	if (i < 0)
		return unknown_name(v, s, len, field, err);
	*ret = (unsigned)i;
	return MK_OK;
}

/* The list's longest sensible text: every name once with its comma. */
#define SET_TEXT_MAX 1000

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

enum mk_rc mk_breach_set_parse(enum mk_breach_vocab v, const char *s, const char *field,
			       uint32_t *ret, struct mk_error *err)
{
	uint32_t set = 0;
	if (!s)
		s = "";
	size_t total = strlen(s);
	if (total > SET_TEXT_MAX)
		return mk_error_set(err, MK_EINVAL, field, "%s is too long (%zu bytes, at most %d)",
				    field, total, SET_TEXT_MAX);
	const char *p = s, *end = s + total;
	while (p < end && is_space(*p))
		p++;
	if (p == end) {
		*ret = 0;
		return MK_OK;
	}
	for (;;) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		const char *item_end = comma ? comma : end;
		const char *a = p, *b = item_end;
		while (a < b && is_space(*a))
			a++;
		while (b > a && is_space(b[-1]))
			b--;
		int i = find(v, a, (size_t)(b - a));
		if (i < 0)
			return unknown_name(v, a, (size_t)(b - a), field, err);
		set |= (uint32_t)1 << i;
		if (!comma)
			break;
		p = comma + 1;
	}
	*ret = set;
	return MK_OK;
}

void mk_breach_set_format(enum mk_breach_vocab v, uint32_t set, struct mk_buf *out)
{
	bool first = true;
	for (unsigned i = 0; i < vocabs[v].count; i++) {
		if (!(set & ((uint32_t)1 << i)))
			continue;
		mk_buf_addf(out, "%s%s", first ? "" : ",", vocabs[v].entries[i].name);
		first = false;
	}
}

void mk_breach_set_labels(enum mk_breach_vocab v, uint32_t set, struct mk_buf *out)
{
	bool first = true;
	for (unsigned i = 0; i < vocabs[v].count; i++) {
		if (!(set & ((uint32_t)1 << i)))
			continue;
		mk_buf_addf(out, "%s%s", first ? "" : ", ", vocabs[v].entries[i].label);
		first = false;
	}
}

uint32_t mk_breach_bsn_bit(void)
{
	return (uint32_t)1 << find(MK_BV_CATEGORY, "bsn", 3);
}

/* --- the record -------------------------------------------------------------- */

void mk_breach_init(struct mk_breach *b)
{
	memset(b, 0, sizeof(*b));
	b->aware_at = b->ended_at = b->fg_consulted_at = MK_TIME_UNKNOWN;
	b->informed_at = b->inform_decided_at = MK_TIME_UNKNOWN;
	b->created_at = b->updated_at = MK_TIME_UNKNOWN;
	b->cause = b->inform_exception = b->inform_channel = -1;
	b->records = b->subjects_min = b->subjects_max = -1;
	b->encrypted = b->inform = MK_TRI_UNKNOWN;
	b->risk = MK_RISK_UNKNOWN;
}

void mk_breach_release(struct mk_breach *b)
{
	if (!b)
		return;
	char **texts[] = {&b->summary, &b->encryption, &b->risk_reasoning, &b->consequences,
			  &b->measures, &b->fg_name, &b->inform_reason, &b->inform_by};
	for (size_t i = 0; i < N(texts); i++)
		mk_free(*texts[i]);
	mk_breach_init(b);
}

static enum mk_rc time_in_range(const char *field, mk_time t, mk_time now, struct mk_error *err)
{
	if (t == MK_TIME_UNKNOWN)
		return MK_OK;
	if (t < MK_TIME_MIN || t >= MK_TIME_MAX)
		return mk_error_set(err, MK_EINVAL, field,
				    "%s lies outside 1970 up to 2099", field);
	/* A breach is recorded after the fact: a time in the future is a
	 * typing mistake (a day's slack, as for the incident's times, covers
	 * a clock that runs ahead). */
	if (now != MK_TIME_UNKNOWN && t > now + MK_DAY)
		return mk_error_set(err, MK_EINVAL, field, "%s lies in the future", field);
	return MK_OK;
}

enum mk_rc mk_breach_check(const struct mk_breach *b, mk_time detected_at, mk_time now,
			   struct mk_error *err)
{
	enum mk_rc rc;
	if ((rc = mk_text_check("summary", b->summary, MK_TEXT_MAX, MK_TEXT_MULTILINE, false, err)) ||
	    (rc = mk_text_check("encryption", b->encryption, MK_SHORT_TEXT_MAX, MK_TEXT_MULTILINE,
				false, err)) ||
	    (rc = mk_text_check("risk_reasoning", b->risk_reasoning, MK_TEXT_MAX,
				MK_TEXT_MULTILINE, false, err)) ||
	    (rc = mk_text_check("consequences", b->consequences, MK_TEXT_MAX, MK_TEXT_MULTILINE,
				false, err)) ||
	    (rc = mk_text_check("measures", b->measures, MK_TEXT_MAX, MK_TEXT_MULTILINE, false,
				err)) ||
	    (rc = mk_text_check("fg_name", b->fg_name, MK_NAME_MAX, MK_TEXT_LINE, false, err)))
		return rc;
	if (b->aware_at == MK_TIME_UNKNOWN)
		return mk_error_set(err, MK_EINVAL, "aware_at",
				    "aware_at is unknown: the 72-hour clock needs its start");
	if ((rc = time_in_range("aware_at", b->aware_at, now, err)) ||
	    (rc = time_in_range("ended_at", b->ended_at, now, err)) ||
	    (rc = time_in_range("fg_consulted_at", b->fg_consulted_at, now, err)))
		return rc;
	if (now != MK_TIME_UNKNOWN && b->aware_at > now)
		return mk_error_set(err, MK_EINVAL, "aware_at",
				    "aware_at lies in the future: one becomes aware of a breach "
				    "before recording it");
	/* Becoming aware of a breach is at or after the incident's discovery:
	 * often later, when the analysis shows personal data was involved. */
	if (detected_at != MK_TIME_UNKNOWN && b->aware_at < detected_at)
		return mk_error_set(err, MK_EINVAL, "aware_at",
				    "aware_at lies before the incident's detected_at");
	if (b->cause < -1 || b->cause >= (int)N(causes))
		return mk_error_set(err, MK_EINVAL, "cause", "cause is out of range");
	if (b->records < -1 || b->subjects_min < -1 || b->subjects_max < -1)
		return mk_error_set(err, MK_EINVAL, "subjects", "a count is negative");
	if (b->subjects_min >= 0 && b->subjects_max >= 0 && b->subjects_min > b->subjects_max)
		return mk_error_set(err, MK_EINVAL, "subjects_max",
				    "subjects_max (%lld) is below subjects_min (%lld)",
				    (long long)b->subjects_max, (long long)b->subjects_min);
	if (b->encrypted == MK_TRI_YES && mk_text_blank(b->encryption))
		return mk_error_set(err, MK_EINVAL, "encryption",
				    "encryption: say how the data were encrypted or made "
				    "unintelligible (the AP asks, and art. 34(3)a depends on it)");
	if (b->risk != MK_RISK_UNKNOWN && mk_text_blank(b->risk_reasoning))
		return mk_error_set(err, MK_EINVAL, "risk_reasoning",
				    "risk_reasoning is empty: a risk assessment needs its reasoning");
	if (mk_text_blank(b->fg_name) != (b->fg_consulted_at == MK_TIME_UNKNOWN))
		return mk_error_set(err, MK_EINVAL, mk_text_blank(b->fg_name) ? "fg_name" : "fg_consulted_at",
				    "the FG consultation needs both who (fg_name) and when "
				    "(fg_consulted_at)");
	if (b->fg_consulted_at != MK_TIME_UNKNOWN && detected_at != MK_TIME_UNKNOWN &&
	    b->fg_consulted_at < detected_at)
		return mk_error_set(err, MK_EINVAL, "fg_consulted_at",
				    "fg_consulted_at lies before the incident's detected_at");
	return MK_OK;
}

enum mk_rc mk_breach_inform_check(const struct mk_breach *b, mk_time now, struct mk_error *err)
{
	enum mk_rc rc;
	if ((rc = mk_text_check("reason", b->inform_reason, MK_SHORT_TEXT_MAX, MK_TEXT_MULTILINE,
				false, err)))
		return rc;
	switch (b->inform) {
	case MK_TRI_NO:
		if (b->inform_exception < 0)
			return mk_error_set(err, MK_EINVAL, "exception",
					    "not informing the data subjects needs the ground: "
					    "geen-hoog-risico, versleuteld, maatregelen or onevenredig");
		if (mk_text_blank(b->inform_reason))
			return mk_error_set(err, MK_EINVAL, "reason",
					    "reason is empty: not informing the data subjects needs "
					    "a written reason (art. 34)");
		if (b->inform_channel >= 0 || b->informed_at != MK_TIME_UNKNOWN)
			return mk_error_set(err, MK_EINVAL, b->inform_channel >= 0 ? "channel" : "informed_at",
					    "a decision not to inform takes no channel or date");
		return MK_OK;
	case MK_TRI_YES:
		if (b->inform_exception >= 0)
			return mk_error_set(err, MK_EINVAL, "exception",
					    "an exception goes with a decision not to inform");
		if (b->inform_channel < 0)
			return mk_error_set(err, MK_EINVAL, "channel",
					    "channel is missing: how are the data subjects informed");
		if ((rc = time_in_range("informed_at", b->informed_at, now, err)))
			return rc;
		if (b->informed_at != MK_TIME_UNKNOWN && now != MK_TIME_UNKNOWN && b->informed_at > now)
			return mk_error_set(err, MK_EINVAL, "informed_at",
					    "informed_at lies in the future: record the date once "
					    "they are informed");
		if (b->informed_at != MK_TIME_UNKNOWN && b->informed_at < b->aware_at)
			return mk_error_set(err, MK_EINVAL, "informed_at",
					    "informed_at lies before aware_at");
		return MK_OK;
	default:
		return mk_error_set(err, MK_EINVAL, "decision", "decision must be ja or nee");
	}
}

/* --- AP notifications ------------------------------------------------------- */

static const char *const ap_kind_names[MK_AP_KIND_COUNT] = {
	"voorlopig", "aanvulling", "intrekking", "definitief",
};

const char *mk_ap_kind_name(enum mk_ap_kind k)
{
	return (unsigned)k < MK_AP_KIND_COUNT ? ap_kind_names[k] : "?";
}

enum mk_rc mk_ap_kind_parse(const char *s, const char *field, enum mk_ap_kind *ret,
			    struct mk_error *err)
{
	for (int i = 0; s && i < MK_AP_KIND_COUNT; i++) {
		if (strcmp(s, ap_kind_names[i]) == 0) {
			*ret = (enum mk_ap_kind)i;
			return MK_OK;
		}
	}
	return mk_error_set(err, MK_EINVAL, field,
			    "%s '%.80s' is unknown: use one of voorlopig, aanvulling, intrekking, "
			    "definitief",
			    field, s ? s : "");
}

mk_time mk_breach_ap_due(mk_time aware_at)
{
	/* Elapsed hours: the same constant the deadline list uses, so the
	 * refusal and the clock on screen can never disagree. */
	return aware_at == MK_TIME_UNKNOWN ? MK_TIME_UNKNOWN : aware_at + MK_AP_DEADLINE_S;
}

#define REFERENCE_MAX 64

static enum mk_rc reference_check(const char *ref, struct mk_error *err)
{
	size_t len = ref ? strlen(ref) : 0;
	if (len == 0)
		return mk_error_set(err, MK_EINVAL, "reference",
				    "reference is empty: give the AP's meldnummer");
	if (len > REFERENCE_MAX)
		return mk_error_set(err, MK_EINVAL, "reference",
				    "reference is too long (%zu bytes, at most %d)", len, REFERENCE_MAX);
	/* The AP's numbers are letters, digits and separators; anything else
	 * (spaces, quotes, control bytes, non-ASCII) is a paste gone wrong. */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)ref[i];
		if (c <= 0x20 || c >= 0x7f)
			return mk_error_set(err, MK_EINVAL, "reference",
					    "reference holds a space, control or non-ASCII byte at "
					    "offset %zu",
					    i);
	}
	return MK_OK;
}

enum mk_rc mk_ap_notification_check(const struct mk_ap_notification *prev, size_t nprev,
				    const struct mk_ap_notification *n, mk_time aware_at,
				    mk_time now, struct mk_error *err)
{
	enum mk_rc rc;
	char t1[MK_TIME_TEXT];
	if ((unsigned)n->kind >= MK_AP_KIND_COUNT)
		return mk_error_set(err, MK_EINVAL, "kind", "kind is out of range");
	if ((rc = reference_check(n->reference, err)) ||
	    (rc = mk_text_check("late_reason", n->late_reason, MK_TEXT_MAX, MK_TEXT_MULTILINE,
				false, err)))
		return rc;
	if (n->filed_at == MK_TIME_UNKNOWN)
		return mk_error_set(err, MK_EINVAL, "filed_at", "filed_at is unknown");
	if (aware_at == MK_TIME_UNKNOWN)
		return mk_error_set(err, MK_ECONFLICT, "aware_at",
				    "the breach has no aware_at: record it first");
	if (n->filed_at < aware_at)
		return mk_error_set(err, MK_EINVAL, "filed_at",
				    "filed_at lies before aware_at (%s)",
				    mk_time_format_local(aware_at, t1));
	if (now != MK_TIME_UNKNOWN && n->filed_at > now)
		return mk_error_set(err, MK_EINVAL, "filed_at", "filed_at lies in the future");

	if (nprev == 0) {
		if (n->kind != MK_AP_VOORLOPIG && n->kind != MK_AP_DEFINITIEF)
			return mk_error_set(err, MK_ECONFLICT, "kind",
					    "the first notification to the AP is voorlopig or "
					    "definitief, not %s: there is nothing to %s yet",
					    mk_ap_kind_name(n->kind),
					    n->kind == MK_AP_AANVULLING ? "supplement" : "withdraw");
		/* Art. 33(1): "without undue delay and, where feasible, not later
		 * than 72 hours after having become aware of it"; a later one
		 * "shall be accompanied by reasons for the delay". Filed at
		 * exactly aware_at + 72 h is on time. */
		if (n->filed_at > mk_breach_ap_due(aware_at) && mk_text_blank(n->late_reason))
			return mk_error_set(err, MK_ECONFLICT, "late_reason",
					    "late_reason is empty: the notification is filed after "
					    "the 72 hours (due %s) and needs the reasons for the delay "
					    "(AVG art. 33(1))",
					    mk_time_format_local(mk_breach_ap_due(aware_at), t1));
		return MK_OK;
	}

	const struct mk_ap_notification *first = &prev[0], *last = &prev[nprev - 1];
	if (n->filed_at < last->filed_at)
		return mk_error_set(err, MK_EINVAL, "filed_at",
				    "filed_at lies before the previous notification (%s)",
				    mk_time_format_local(last->filed_at, t1));
	bool withdrawn = false, final = false;
	for (size_t i = 0; i < nprev; i++) {
		withdrawn |= prev[i].kind == MK_AP_INTREKKING;
		final |= prev[i].kind == MK_AP_DEFINITIEF;
	}
	if (withdrawn)
		return mk_error_set(err, MK_ECONFLICT, "kind",
				    "the notification '%s' was withdrawn: nothing follows an "
				    "intrekking",
				    first->reference);
	if (n->kind == MK_AP_VOORLOPIG)
		return mk_error_set(err, MK_ECONFLICT, "kind",
				    "the AP was notified already ('%s'): a later notification is an "
				    "aanvulling, definitief or intrekking",
				    first->reference);
	if (n->kind == MK_AP_DEFINITIEF && final)
		return mk_error_set(err, MK_ECONFLICT, "kind",
				    "the final notification was filed already: what follows is an "
				    "aanvulling or intrekking");
	/* The AP hands out one meldnummer per breach and a supplement,
	 * withdrawal or completion is filed under it. */
	if (strcmp(n->reference, first->reference) != 0)
		return mk_error_set(err, MK_ECONFLICT, "reference",
				    "reference '%.64s' is not the AP reference of the first "
				    "notification ('%s')",
				    n->reference, first->reference);
	return MK_OK;
}

const char *mk_ap_status_of(int64_t count, bool final, bool withdrawn)
{
	if (count <= 0)
		return "niet gemeld";
	if (withdrawn)
		return "ingetrokken";
	if (final)
		return "definitief gemeld";
	return count > 1 ? "aangevuld" : "voorlopig gemeld";
}

const char *mk_ap_status(const struct mk_ap_notification *list, size_t n)
{
	bool final = false, withdrawn = false;
	for (size_t i = 0; i < n; i++) {
		withdrawn |= list[i].kind == MK_AP_INTREKKING;
		final |= list[i].kind == MK_AP_DEFINITIEF;
	}
	return mk_ap_status_of((int64_t)n, final, withdrawn);
}

enum mk_rc mk_breach_close_check(const struct mk_breach *b, int64_t notifications, bool final,
				 bool withdrawn, struct mk_error *err)
{
	if (b->risk == MK_RISK_UNKNOWN && notifications == 0)
		return mk_error_set(err, MK_ECONFLICT, "breach",
				    "the breach's risk is not assessed: record it (geen, laag or hoog) "
				    "before closing; every breach is documented (AVG art. 33(5))");
	if (b->risk == MK_RISK_GEEN && notifications == 0)
		return MK_OK;
	if (final || withdrawn)
		return MK_OK;
	return mk_error_set(err, MK_ECONFLICT, "breach",
			    "the breach is reportable and the AP has no final or withdrawn "
			    "notification (status '%s'): file the definitief or the intrekking "
			    "before closing",
			    mk_ap_status_of(notifications, final, withdrawn));
}

/* --- logbook texts ------------------------------------------------------------ */

static void add_count(struct mk_buf *out, const char *label, int64_t v)
{
	if (v >= 0)
		mk_buf_addf(out, "%s: %lld\n", label, (long long)v);
}

void mk_breach_log_text(const struct mk_breach *b, bool created, struct mk_buf *out)
{
	char t[MK_TIME_TEXT];
	mk_buf_adds(out, created ? "Datalek geregistreerd\n" : "Datalek gewijzigd\n");
	mk_buf_addf(out, "Kennisname: %s\n", mk_time_format_local(b->aware_at, t));
	if (b->categories) {
		mk_buf_adds(out, "Categorieën: ");
		mk_breach_set_format(MK_BV_CATEGORY, b->categories, out);
		mk_buf_addc(out, '\n');
	}
	if (b->special) {
		mk_buf_adds(out, "Bijzondere categorieën: ");
		mk_breach_set_format(MK_BV_SPECIAL, b->special, out);
		mk_buf_addc(out, '\n');
	}
	add_count(out, "Betrokkenen minimaal", b->subjects_min);
	add_count(out, "Betrokkenen maximaal", b->subjects_max);
	if (b->risk != MK_RISK_UNKNOWN)
		mk_buf_addf(out, "Risico: %s\n", mk_breach_vocab_name(MK_BV_RISK, b->risk - 1));
	if (b->fg_name && b->fg_name[0])
		mk_buf_addf(out, "FG geraadpleegd: %s, %s\n", b->fg_name,
			    mk_time_format_local(b->fg_consulted_at, t));
	if (out->len && out->data[out->len - 1] == '\n')
		out->data[--out->len] = '\0';
}

void mk_ap_notification_log_text(const struct mk_ap_notification *n, mk_time aware_at,
				 struct mk_buf *out)
{
	char t[MK_TIME_TEXT];
	mk_buf_addf(out, "Melding aan de AP: %s, meldnummer %s, ingediend %s",
		    mk_ap_kind_name(n->kind), n->reference, mk_time_format_local(n->filed_at, t));
	if (n->filed_at > mk_breach_ap_due(aware_at))
		mk_buf_adds(out, " (na de 72 uur)");
	if (n->late_reason && n->late_reason[0])
		mk_buf_addf(out, "\nReden van de vertraging: %s", n->late_reason);
}

void mk_breach_inform_log_text(const struct mk_breach *b, struct mk_buf *out)
{
	char t[MK_TIME_TEXT];
	if (b->inform == MK_TRI_NO) {
		mk_buf_addf(out, "Besluit: betrokkenen niet informeren (%s)\nReden: %s",
			    mk_breach_vocab_name(MK_BV_EXCEPTION, (unsigned)b->inform_exception),
			    b->inform_reason);
		return;
	}
	mk_buf_addf(out, "Besluit: betrokkenen informeren via %s",
		    mk_breach_vocab_name(MK_BV_CHANNEL, (unsigned)b->inform_channel));
	if (b->informed_at != MK_TIME_UNKNOWN)
		mk_buf_addf(out, ", geïnformeerd %s", mk_time_format_local(b->informed_at, t));
	if (b->inform_reason && b->inform_reason[0])
		mk_buf_addf(out, "\nToelichting: %s", b->inform_reason);
}
