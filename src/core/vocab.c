/* Code names of the vocabularies, and one parser for all of them. */
#include "core/vocab.h"

#include <string.h>

#include "base/buf.h"

static const char *const role_names[MK_ROLE_COUNT] = {
	"melder", "servicedesk", "behandelaar", "incidentmanager", "ciso",
	"fg", "directie", "auditor", "admin",
};

static const char *const phase_names[MK_PHASE_COUNT] = {
	"detectie", "initiatie", "analyse", "indammen", "oplossen",
	"herstel", "remediatie", "afsluiten", "evaluatie",
};

static const char *const phase_labels[MK_PHASE_COUNT] = {
	"Detectie", "Initiatie", "Analyse", "Inperken / indammen", "Oplossen",
	"Herstel", "Remediatie", "Afsluiten", "Evaluatie en rapportage",
};

static const char *const level_names[MK_LEVEL_COUNT] = {"", "laag", "midden", "hoog"};

static const char *const priority_names[MK_PRIORITY_COUNT] = {"", "P1", "P2", "P3", "P4"};
static const char *const priority_labels[MK_PRIORITY_COUNT] = {
	"", "kritiek", "hoog", "midden", "laag",
};

static const char *const event_names[MK_EVENT_COUNT] = {"normaal", "escalatie", "noodsituatie"};

static const char *const source_names[MK_SOURCE_COUNT] = {
	"onbekend", "ids-ips", "dlp", "fim", "webfilter", "casb", "siem-soc",
	"gebruiker-partner", "tip", "cti", "pers", "servicedesk", "vertraging",
};

static const char *const source_labels[MK_SOURCE_COUNT] = {
	"Onbekend",
	"Alert van IDS/IPS",
	"Signaal van DLP",
	"Signaal van File Integrity Monitoring",
	"Webfilter",
	"Cloud access security broker (CASB)",
	"Signaal van SIEM/SOC",
	"Melding van gebruikers of partners",
	"Tip",
	"Aanwijzing van een derde partij (CTI)",
	"In de pers",
	"Melding aan de servicedesk door personeel",
	"Vertraging van applicatie, computer of netwerk",
};

static const char *const tlp_names[MK_TLP_COUNT] = {
	"clear", "green", "amber", "amber+strict", "red",
};

static const char *const log_kind_names[MK_LOG_KIND_COUNT] = {
	"note", "action", "decision", "communication", "status", "system",
};

static const char *const matrix_table_names[MK_MATRIX_TABLE_COUNT] = {"gebruikers", "beheer"};

static const char *const notify_names[MK_NOTIFY_COUNT] = {"", "(X)", "X"};

static const char *name_of(const char *const *names, int count, int v)
{
	return v >= 0 && v < count ? names[v] : "?";
}

/* Finds s among names; on failure the message lists every allowed value,
 * so the user sees at once what to type. */
static enum mk_rc parse(const char *const *names, int count, const char *s,
			const char *field, int *ret, struct mk_error *err)
{
	for (int i = 0; s && i < count; i++) {
		if (names[i][0] && strcmp(s, names[i]) == 0) {
			*ret = i;
			return MK_OK;
		}
	}
	struct mk_buf allowed;
	mk_buf_init(&allowed, 400);
	for (int i = 0; i < count; i++) {
		if (!names[i][0])
			continue;
		mk_buf_addf(&allowed, "%s%s", allowed.len ? ", " : "", names[i]);
	}
	mk_error_set(err, MK_EINVAL, field, "%s '%.80s' is unknown: use one of %s", field,
		     s ? s : "", allowed.data);
	mk_buf_release(&allowed);
	return MK_EINVAL;
}

#define VOCAB(type, prefix, names, count)                                          \
	const char *mk_##prefix##_name(enum type v) { return name_of(names, count, (int)v); } \
	enum mk_rc mk_##prefix##_parse(const char *s, const char *field, enum type *ret, \
				       struct mk_error *err)                           \
	{                                                                          \
		int i;                                                             \
		enum mk_rc rc = parse(names, count, s, field, &i, err);            \
		if (rc == MK_OK)                                                   \
			*ret = (enum type)i;                                       \
		return rc;                                                         \
	}

VOCAB(mk_role, role, role_names, MK_ROLE_COUNT)
VOCAB(mk_phase, phase, phase_names, MK_PHASE_COUNT)
VOCAB(mk_event_type, event_type, event_names, MK_EVENT_COUNT)
VOCAB(mk_source, source, source_names, MK_SOURCE_COUNT)
VOCAB(mk_tlp, tlp, tlp_names, MK_TLP_COUNT)
VOCAB(mk_log_kind, log_kind, log_kind_names, MK_LOG_KIND_COUNT)
VOCAB(mk_matrix_table, matrix_table, matrix_table_names, MK_MATRIX_TABLE_COUNT)

/* Levels, priorities and notification levels have an empty name for
 * "none", which the generic parser skips; they accept it explicitly. */
static bool is_none(const char *s)
{
	return s && (s[0] == '\0' || strcmp(s, "-") == 0);
}

const char *mk_level_name(enum mk_level v) { return name_of(level_names, MK_LEVEL_COUNT, (int)v); }
enum mk_rc mk_level_parse(const char *s, const char *field, enum mk_level *ret,
			  struct mk_error *err)
{
	int i;
	if (is_none(s)) {
		*ret = MK_LEVEL_NONE;
		return MK_OK;
	}
	enum mk_rc rc = parse(level_names, MK_LEVEL_COUNT, s, field, &i, err);
	if (rc == MK_OK)
		*ret = (enum mk_level)i;
	return rc;
}

const char *mk_priority_name(enum mk_priority v)
{
	return name_of(priority_names, MK_PRIORITY_COUNT, (int)v);
}
const char *mk_priority_label(enum mk_priority v)
{
	return name_of(priority_labels, MK_PRIORITY_COUNT, (int)v);
}
enum mk_rc mk_priority_parse(const char *s, const char *field, enum mk_priority *ret,
			     struct mk_error *err)
{
	int i;
	if (is_none(s)) {
		*ret = MK_PRIORITY_NONE;
		return MK_OK;
	}
	enum mk_rc rc = parse(priority_names, MK_PRIORITY_COUNT, s, field, &i, err);
	if (rc == MK_OK)
		*ret = (enum mk_priority)i;
	return rc;
}

const char *mk_notify_name(enum mk_notify v)
{
	return name_of(notify_names, MK_NOTIFY_COUNT, (int)v);
}
enum mk_rc mk_notify_parse(const char *s, const char *field, enum mk_notify *ret,
			   struct mk_error *err)
{
	int i;
	if (s && s[0] == '\0') {
		*ret = MK_NOTIFY_NONE;
		return MK_OK;
	}
	enum mk_rc rc = parse(notify_names, MK_NOTIFY_COUNT, s, field, &i, err);
	if (rc == MK_OK)
		*ret = (enum mk_notify)i;
	return rc;
}

const char *mk_phase_label(enum mk_phase v)
{
	return name_of(phase_labels, MK_PHASE_COUNT, (int)v);
}

const char *mk_source_label(enum mk_source v)
{
	return name_of(source_labels, MK_SOURCE_COUNT, (int)v);
}
