/* core/vocab: the code names stored in the database and used by the CLI
 * and JSON. They never change once released, so every one is pinned here
 * (from DESIGN.md and the guidance), and each parser is checked to accept
 * exactly them and to refuse anything else naming the field and the
 * allowed values. */
#include "unit.h"

#include "core/vocab.h"

typedef const char *(*name_fn)(int);
typedef enum mk_rc (*parse_fn)(const char *, const char *, int *, struct mk_error *);

/* Thin wrappers so one table-driven test can walk every vocabulary. */
#define WRAP(prefix, type)                                                            \
	static const char *prefix##_name_i(int v) { return mk_##prefix##_name((type)v); } \
	static enum mk_rc prefix##_parse_i(const char *s, const char *f, int *ret,        \
					   struct mk_error *e)                             \
	{                                                                                 \
		type v;                                                                   \
		enum mk_rc rc = mk_##prefix##_parse(s, f, &v, e);                         \
		if (rc == MK_OK)                                                          \
			*ret = (int)v;                                                    \
		return rc;                                                                \
	}
WRAP(role, enum mk_role)
WRAP(phase, enum mk_phase)
WRAP(level, enum mk_level)
WRAP(priority, enum mk_priority)
WRAP(event_type, enum mk_event_type)
WRAP(source, enum mk_source)
WRAP(tlp, enum mk_tlp)
WRAP(log_kind, enum mk_log_kind)
WRAP(matrix_table, enum mk_matrix_table)
WRAP(notify, enum mk_notify)

static const char *const roles[] = {"melder", "servicedesk", "behandelaar", "incidentmanager",
				    "ciso", "fg", "directie", "auditor", "admin"};
static const char *const phases[] = {"detectie", "initiatie", "analyse", "indammen", "oplossen",
				     "herstel", "remediatie", "afsluiten", "evaluatie"};
static const char *const levels[] = {"", "laag", "midden", "hoog"};
static const char *const priorities[] = {"", "P1", "P2", "P3", "P4"};
static const char *const events[] = {"normaal", "escalatie", "noodsituatie"};
static const char *const sources[] = {"onbekend", "ids-ips", "dlp", "fim", "webfilter", "casb",
				      "siem-soc", "gebruiker-partner", "tip", "cti", "pers",
				      "servicedesk", "vertraging"};
static const char *const tlps[] = {"clear", "green", "amber", "amber+strict", "red"};
static const char *const log_kinds[] = {"note", "action", "decision", "communication", "status",
					"system"};
static const char *const tables[] = {"gebruikers", "beheer"};
static const char *const notifies[] = {"", "(X)", "X"};

static const struct vocab {
	const char *what;
	name_fn name;
	parse_fn parse;
	const char *const *names;
	int count, enum_count;
	const char *allowed; /* the list in the error message */
} vocabs[] = {
#define V(w, p, arr, cnt, allowed) {w, p##_name_i, p##_parse_i, arr, (int)(sizeof(arr) / sizeof(arr[0])), cnt, allowed}
	V("role", role, roles, MK_ROLE_COUNT,
	  "melder, servicedesk, behandelaar, incidentmanager, ciso, fg, directie, auditor, admin"),
	V("phase", phase, phases, MK_PHASE_COUNT,
	  "detectie, initiatie, analyse, indammen, oplossen, herstel, remediatie, afsluiten, "
	  "evaluatie"),
	V("urgency", level, levels, MK_LEVEL_COUNT, "laag, midden, hoog"),
	V("priority", priority, priorities, MK_PRIORITY_COUNT, "P1, P2, P3, P4"),
	V("event_type", event_type, events, MK_EVENT_COUNT, "normaal, escalatie, noodsituatie"),
	V("source", source, sources, MK_SOURCE_COUNT,
	  "onbekend, ids-ips, dlp, fim, webfilter, casb, siem-soc, gebruiker-partner, tip, cti, "
	  "pers, servicedesk, vertraging"),
	V("tlp", tlp, tlps, MK_TLP_COUNT, "clear, green, amber, amber+strict, red"),
	V("kind", log_kind, log_kinds, MK_LOG_KIND_COUNT,
	  "note, action, decision, communication, status, system"),
	V("table", matrix_table, tables, MK_MATRIX_TABLE_COUNT, "gebruikers, beheer"),
	V("helpdesk", notify, notifies, MK_NOTIFY_COUNT, "(X), X"),
#undef V
};

static void test_vocab_names_are_the_released_code_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vocabs) / sizeof(vocabs[0]); i++) {
		const struct vocab *v = &vocabs[i];
		if (v->count != v->enum_count)
			fail_msg("%s: %d names pinned, the enum has %d", v->what, v->count,
				 v->enum_count);
		for (int k = 0; k < v->count; k++)
			if (strcmp(v->name(k), v->names[k]) != 0)
				fail_msg("%s %d: name '%s', expected '%s'", v->what, k, v->name(k),
					 v->names[k]);
		/* Out of range is "?", never a crash. */
		assert_string_equal(v->name(v->count), "?");
		assert_string_equal(v->name(-1), "?");
	}
}

static void test_vocab_parse_accepts_every_name(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vocabs) / sizeof(vocabs[0]); i++) {
		const struct vocab *v = &vocabs[i];
		for (int k = 0; k < v->count; k++) {
			int got = -1;
			struct mk_error e;
			if (v->parse(v->names[k], v->what, &got, &e) != MK_OK)
				fail_msg("%s '%s' refused: %s", v->what, v->names[k], e.message);
			assert_int_equal(got, k);
		}
	}
}

static void test_vocab_parse_refuses_unknown_names_listing_the_allowed(void **state)
{
	(void)state;
	static const char *const unknown[] = {"bogus", "MELDER", "Detectie", " laag", "P5", "x",
					      "amber strict", "p1"};
	for (size_t i = 0; i < sizeof(vocabs) / sizeof(vocabs[0]); i++) {
		const struct vocab *v = &vocabs[i];
		for (size_t u = 0; u < sizeof(unknown) / sizeof(unknown[0]); u++) {
			int got = 12345;
			struct mk_error e;
			assert_int_equal(v->parse(unknown[u], v->what, &got, &e), MK_EINVAL);
			assert_int_equal(got, 12345);
			assert_string_equal(e.field, v->what);
			char expected[512];
			snprintf(expected, sizeof(expected), "%s '%s' is unknown: use one of %s",
				 v->what, unknown[u], v->allowed);
			assert_string_equal(e.message, expected);
		}
		/* NULL is unknown too, shown as ''. */
		int got = 12345;
		struct mk_error e;
		assert_int_equal(v->parse(NULL, v->what, &got, &e), MK_EINVAL);
		assert_int_equal(got, 12345);
	}
}

static void test_vocab_parse_quotes_at_most_80_bytes_of_the_input(void **state)
{
	(void)state;
	char s[200];
	memset(s, 'r', 199);
	s[199] = '\0';
	struct mk_error e;
	enum mk_role r;
	assert_int_equal(mk_role_parse(s, "role", &r, &e), MK_EINVAL);
	char expected[512];
	snprintf(expected, sizeof(expected), "role '%.80s' is unknown: use one of %s", s,
		 vocabs[0].allowed);
	assert_string_equal(e.message, expected);
}

static void test_vocab_none_values_parse_from_empty_and_dash(void **state)
{
	(void)state;
	enum mk_level l = MK_LEVEL_HOOG;
	assert_int_equal(mk_level_parse("", "urgency", &l, NULL), MK_OK);
	assert_int_equal(l, MK_LEVEL_NONE);
	l = MK_LEVEL_HOOG;
	assert_int_equal(mk_level_parse("-", "urgency", &l, NULL), MK_OK);
	assert_int_equal(l, MK_LEVEL_NONE);
	enum mk_priority p = MK_PRIORITY_P1;
	assert_int_equal(mk_priority_parse("", "priority", &p, NULL), MK_OK);
	assert_int_equal(p, MK_PRIORITY_NONE);
	p = MK_PRIORITY_P1;
	assert_int_equal(mk_priority_parse("-", "priority", &p, NULL), MK_OK);
	assert_int_equal(p, MK_PRIORITY_NONE);
	enum mk_notify n = MK_NOTIFY_MUST;
	assert_int_equal(mk_notify_parse("", "ciso", &n, NULL), MK_OK);
	assert_int_equal(n, MK_NOTIFY_NONE);
	/* A notification level has no "-": the matrix cell is empty or not. */
	assert_int_equal(mk_notify_parse("-", "ciso", &n, NULL), MK_EINVAL);
	/* Roles and phases have no empty value. */
	enum mk_role r;
	assert_int_equal(mk_role_parse("", "role", &r, NULL), MK_EINVAL);
	enum mk_level lv;
	assert_int_equal(mk_level_parse(NULL, "urgency", &lv, NULL), MK_EINVAL);
}

static void test_vocab_order_is_the_process_and_severity_order(void **state)
{
	(void)state;
	/* Rules compare these enums: the phase order of H2 and levels with
	 * NONE below laag. */
	assert_true(MK_PHASE_DETECTIE < MK_PHASE_INITIATIE);
	assert_true(MK_PHASE_INDAMMEN < MK_PHASE_OPLOSSEN);
	assert_true(MK_PHASE_AFSLUITEN < MK_PHASE_EVALUATIE);
	assert_int_equal(MK_PHASE_COUNT, 9);
	assert_true(MK_LEVEL_NONE < MK_LEVEL_LAAG && MK_LEVEL_LAAG < MK_LEVEL_MIDDEN &&
		    MK_LEVEL_MIDDEN < MK_LEVEL_HOOG);
	assert_int_equal(MK_ROLE_COUNT, 9);
}

static void test_vocab_labels_are_the_guidance_words(void **state)
{
	(void)state;
	/* H2 names the phases so ("Inperken / indammen schade", "Evaluatie en
	 * rapportage"). */
	static const char *const phase_labels[] = {
		"Detectie", "Initiatie", "Analyse", "Inperken / indammen", "Oplossen",
		"Herstel", "Remediatie", "Afsluiten", "Evaluatie en rapportage",
	};
	for (int p = 0; p < MK_PHASE_COUNT; p++)
		assert_string_equal(mk_phase_label((enum mk_phase)p), phase_labels[p]);
	assert_string_equal(mk_phase_label(MK_PHASE_COUNT), "?");

	/* H2 "Detectie", the list of sources. */
	static const char *const source_labels[] = {
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
	for (int s = 0; s < MK_SOURCE_COUNT; s++)
		assert_string_equal(mk_source_label((enum mk_source)s), source_labels[s]);
	assert_string_equal(mk_source_label(MK_SOURCE_COUNT), "?");

	static const char *const priority_labels[] = {"", "kritiek", "hoog", "midden", "laag"};
	for (int p = 0; p < MK_PRIORITY_COUNT; p++)
		assert_string_equal(mk_priority_label((enum mk_priority)p), priority_labels[p]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_vocab_names_are_the_released_code_names),
		UNIT_TEST(test_vocab_parse_accepts_every_name),
		UNIT_TEST(test_vocab_parse_refuses_unknown_names_listing_the_allowed),
		UNIT_TEST(test_vocab_parse_quotes_at_most_80_bytes_of_the_input),
		UNIT_TEST(test_vocab_none_values_parse_from_empty_and_dash),
		UNIT_TEST(test_vocab_order_is_the_process_and_severity_order),
		UNIT_TEST(test_vocab_labels_are_the_guidance_words),
	};
	return cmocka_run_group_tests_name("vocab", tests, NULL, NULL);
}
