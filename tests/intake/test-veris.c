/* The VERIS mapping (src/intake/veris.c) against hand-made records: one
 * fixture per rule of doc/veris-mapping.md, exact times in seconds, and
 * hostile input. Fixtures are in tests/intake/veris/ (found through
 * $MK_SOURCE_ROOT); the shared VCDB sample has its own test
 * (test-veris-sample.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "core/incident.h"
#include "core/matrix.h"
#include "intake/veris.h"

/* 2026-01-01T00:00:00Z: "now" for every test, so results never depend on
 * the clock. */
#define NOW ((mk_time)1767225600)

static struct mk_matrix matrix;
static struct mk_veris_map *map;

static int group_setup(void **state)
{
	(void)state;
	struct mk_error err;
	mk_matrix_init(&matrix);
	if (mk_matrix_load_default(&matrix, &err) != MK_OK) {
		fprintf(stderr, "matrix: %s\n", err.message);
		return -1;
	}
	if (mk_veris_map_load_default(&matrix, &map, &err) != MK_OK) {
		fprintf(stderr, "veris map: %s\n", err.message);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	mk_veris_map_free(map);
	mk_matrix_release(&matrix);
	return 0;
}

/* ---- helpers -------------------------------------------------------------- */

static char *fixture_path(const char *name)
{
	static char path[4096];
	const char *root = getenv("MK_SOURCE_ROOT");
	snprintf(path, sizeof(path), "%s/tests/intake/veris/%s", root ? root : ".", name);
	return path;
}

/* A small valid record; tests change one field at a time. */
static const char base_record[] =
	"{\"schema_version\": \"1.3.7\", \"incident_id\": \"t-1\","
	" \"timeline\": {\"incident\": {\"year\": 2020, \"month\": 5, \"day\": 4}},"
	" \"action\": {\"hacking\": {\"variety\": [\"Unknown\"]}},"
	" \"victim\": {\"victim_id\": \"Gemeente Test\"}}";
#define BASE_OCCURRED ((mk_time)1588550400) /* 2020-05-04T00:00:00Z */

/* base_record with the member at the dotted path replaced by the JSON
 * text value (NULL deletes it); intermediate objects are created. */
static json_t *record_with(const char *path, const char *value)
{
	json_error_t jerr;
	json_t *root = json_loads(base_record, 0, &jerr);
	assert_non_null(root);
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", path);
	json_t *obj = root;
	char *key = buf, *dot;
	while ((dot = strchr(key, '.'))) {
		*dot = '\0';
		json_t *next = json_object_get(obj, key);
		if (!json_is_object(next)) {
			next = json_object();
			json_object_set_new(obj, key, next);
		}
		obj = next;
		key = dot + 1;
	}
	if (value) {
		json_t *v = json_loads(value, JSON_DECODE_ANY, &jerr);
		if (!v)
			fail_msg("bad test value %s: %s", value, jerr.text);
		json_object_set_new(obj, key, v);
	} else {
		json_object_del(obj, key);
	}
	return root;
}

static enum mk_rc map_root(json_t *root, mk_time now, struct mk_incident *inc,
			   struct mk_error *err)
{
	mk_incident_init(inc);
	mk_error_clear(err);
	enum mk_rc rc = mk_veris_map_record(map, root, now, inc, err);
	json_decref(root);
	return rc;
}

static enum mk_rc map_text(const char *text, struct mk_incident *inc, struct mk_error *err)
{
	json_t *root;
	mk_incident_init(inc);
	mk_error_clear(err);
	enum mk_rc rc = mk_veris_parse(text, strlen(text), "test", &root, err);
	if (rc)
		return rc;
	return map_root(root, NOW, inc, err);
}

static enum mk_rc map_fixture(const char *name, struct mk_incident *inc, struct mk_error *err)
{
	json_t *root;
	mk_incident_init(inc);
	mk_error_clear(err);
	enum mk_rc rc = mk_veris_read_file(fixture_path(name), &root, err);
	if (rc)
		return rc;
	return map_root(root, NOW, inc, err);
}

static void assert_mapped_ok(enum mk_rc rc, const struct mk_error *err)
{
	if (rc != MK_OK)
		fail_msg("mapping failed (%s): %s [%s]", mk_rc_name(rc), err->message, err->field);
}

static void assert_row(const struct mk_incident *inc, enum mk_matrix_table table,
		       const char *category, const char *incident)
{
	assert_true(inc->classified);
	assert_int_equal(inc->matrix_table, table);
	assert_string_equal(inc->matrix_category, category);
	assert_string_equal(inc->matrix_incident, incident);
	/* the row must really be in the matrix */
	assert_non_null(mk_matrix_find(&matrix, table, category, incident));
}

/* ---- the rule table --------------------------------------------------------- */

static void test_default_rules_load_and_exist_in_matrix(void **state)
{
	(void)state;
	assert_int_equal(mk_veris_map_count(map), 33);
}

static void test_rule_with_row_missing_from_matrix_is_refused(void **state)
{
	(void)state;
	static const char text[] =
		"action\tvariety\tasset\tattribute\ttable\tcategory\tincident\n"
		"hacking\t*\t*\t*\tbeheer\tProblemen met programmatuur\tFouten in programmatuur\n"
		"malware\t*\t*\t*\tbeheer\tProblemen met programmatuur\tVirus via de koffieautomaat\n";
	struct mk_veris_map *m = NULL;
	struct mk_error err;
	assert_int_equal(mk_veris_map_parse(&matrix, text, strlen(text), "rules", &m, &err),
			 MK_ENOTFOUND);
	assert_null(m);
	assert_non_null(strstr(err.message, "rules rule 2"));
	assert_non_null(strstr(err.message, "Virus via de koffieautomaat"));
}

static void test_malformed_rules_are_refused(void **state)
{
	(void)state;
	static const struct {
		const char *row;
		const char *field;
	} cases[] = {
		{"hackin\t*\t*\t*\tbeheer\tProblemen met programmatuur\tFouten in programmatuur", "action"},
		{"hacking\t\t*\t*\tbeheer\tProblemen met programmatuur\tFouten in programmatuur", "variety"},
		{"hacking\t*\tM - \t*\tbeheer\tProblemen met programmatuur\tFouten in programmatuur", "asset"},
		{"hacking\t*\tX\t*\tbeheer\tProblemen met programmatuur\tFouten in programmatuur", "asset"},
		{"hacking\t*\t*\tsecrecy\tbeheer\tProblemen met programmatuur\tFouten in programmatuur", "attribute"},
		{"hacking\t*\t*\t*\tburgers\tProblemen met programmatuur\tFouten in programmatuur", "table"},
		{"hacking\t*\t*\t*\tgebruikers\tFacilitaire structuren en omgeving\tWateroverlast door lekkage", "category"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[512];
		snprintf(text, sizeof(text),
			 "action\tvariety\tasset\tattribute\ttable\tcategory\tincident\n%s\n",
			 cases[i].row);
		struct mk_veris_map *m = NULL;
		struct mk_error err;
		enum mk_rc rc = mk_veris_map_parse(&matrix, text, strlen(text), "rules", &m, &err);
		if (rc == MK_OK)
			fail_msg("case %zu accepted", i);
		assert_null(m);
		assert_string_equal(err.field, cases[i].field);
		assert_non_null(strstr(err.message, "rules rule 1: "));
	}
	/* the old draft's six columns */
	static const char old[] = "action\tvariety\tasset\ttable\tcategory\tincident\n";
	struct mk_veris_map *m = NULL;
	struct mk_error err;
	assert_int_equal(mk_veris_map_parse(&matrix, old, strlen(old), "rules", &m, &err),
			 MK_EINVAL);
}

static void test_rules_load_survives_every_allocation_failure(void **state)
{
	(void)state;
	for (long n = 0;; n++) {
		struct mk_veris_map *m = NULL;
		struct mk_error err;
		mk_alloc_fail_after(n);
		enum mk_rc rc = mk_veris_map_load_default(&matrix, &m, &err);
		mk_alloc_fail_reset();
		if (rc == MK_OK) {
			assert_int_equal(mk_veris_map_count(m), 33);
			mk_veris_map_free(m);
			break;
		}
		assert_int_equal(rc, MK_ENOMEM);
		assert_null(m);
	}
}

/* ---- fixtures: whole records -------------------------------------------------- */

static void test_full_record_maps_every_field(void **state)
{
	(void)state;
	struct mk_incident inc;
	struct mk_error err;
	assert_mapped_ok(map_fixture("full-record-1.3.json", &inc, &err), &err);
	assert_string_equal(inc.title, "Hacking (SQLi) bij Gemeente Voorbeeldstad");
	assert_string_equal(inc.description,
			    "Invoegfout in het zaaksysteem: via SQL-injectie zijn adresgegevens "
			    "van inwoners ingezien.\n\nBron: https://example.org/nieuws/zaaksysteem-lek");
	assert_string_equal(inc.source_ref, "veris:6E1C0A2B-0000-4000-8000-00000000F001");
	/* 2014-06-07 00:00 UTC + 17:45:00 (05:45:00 PM) */
	assert_int_equal(inc.occurred_at, 1402099200 + 17 * 3600 + 45 * 60);
	assert_false(inc.occurred_estimated);
	assert_int_equal(inc.detected_at, inc.occurred_at + 3 * 3600);
	assert_int_equal(inc.contained_at, inc.detected_at + 30 * 60);
	assert_int_equal(inc.source, MK_SOURCE_SIEM_SOC);
	assert_row(&inc, MK_MATRIX_BEHEER, "Opzettelijk foutief handelen van gebruikers",
		   "Kraken of omzeilen toegang door medewerkers of een buitenstaander");
	assert_true(inc.personal_data);
	assert_int_equal(inc.people_affected, 1200);
	assert_string_equal(inc.victim, "Gemeente Voorbeeldstad");
	assert_string_equal(inc.industry, "921110");
	/* what the caller sets is left alone */
	assert_int_equal(inc.reported_at, MK_TIME_UNKNOWN);
	assert_int_equal(inc.phase, MK_PHASE_DETECTIE);
	assert_string_equal(inc.key, "");
	assert_int_equal(mk_incident_check(&inc, NOW, &err), MK_OK);
	mk_incident_release(&inc);
}

static void test_year_only_date_is_first_second_of_year_and_estimated(void **state)
{
	(void)state;
	struct mk_incident inc;
	struct mk_error err;
	assert_mapped_ok(map_fixture("year-only.json", &inc, &err), &err);
	assert_int_equal(inc.occurred_at, 1420070400); /* 2015-01-01T00:00:00Z */
	assert_true(inc.occurred_estimated);
	assert_int_equal(inc.detected_at, 1420070400 + 10 * 86400);
	assert_int_equal(inc.contained_at, MK_TIME_UNKNOWN);
	assert_int_equal(inc.source, MK_SOURCE_UNKNOWN);
	assert_row(&inc, MK_MATRIX_GEBRUIKERS, "Gegevens en gegevensdragers",
		   "Zoekraken gegevensdragers");
	assert_true(inc.personal_data); /* Medical */
	assert_int_equal(inc.people_affected, 40);
	assert_string_equal(inc.title, "Fout (Loss) bij Voorbeeld GGD");
	assert_string_equal(inc.description, "Only the year is known.");
	assert_int_equal(mk_incident_check(&inc, NOW, &err), MK_OK);
	mk_incident_release(&inc);
}

static void test_month_only_date_is_first_of_month_and_estimated(void **state)
{
	(void)state;
	struct mk_incident inc;
	struct mk_error err;
	assert_mapped_ok(map_fixture("month-only.json", &inc, &err), &err);
	assert_int_equal(inc.occurred_at, 1456790400); /* 2016-03-01T00:00:00Z */
	assert_true(inc.occurred_estimated);
	/* Weeks without a value: unknown; then containment is unknown too,
	 * although it has a value */
	assert_int_equal(inc.detected_at, MK_TIME_UNKNOWN);
	assert_int_equal(inc.contained_at, MK_TIME_UNKNOWN);
	assert_int_equal(inc.source, MK_SOURCE_GEBRUIKER_PARTNER);
	assert_row(&inc, MK_MATRIX_BEHEER, "Omgang met apparatuur door gebruikers of derden",
		   "Diefstal van apparatuur");
	assert_false(inc.personal_data); /* only "Sensitive Personal" */
	assert_int_equal(inc.people_affected, -1);
	assert_null(inc.victim); /* "Unknown" is no victim */
	assert_string_equal(inc.industry, "92");
	assert_string_equal(inc.title, "Fysiek (Theft) bij onbekende organisatie");
	assert_int_equal(mk_incident_check(&inc, NOW, &err), MK_OK);
	mk_incident_release(&inc);
}

static void test_veris_1_2_victim_list_and_string_discovery_method(void **state)
{
	(void)state;
	struct mk_incident inc;
	struct mk_error err;
	assert_mapped_ok(map_fixture("veris-1.2.json", &inc, &err), &err);
	assert_string_equal(inc.victim, "Gemeente Oud-Schema"); /* the first of the list */
	assert_string_equal(inc.industry, "92");
	assert_int_equal(inc.source, MK_SOURCE_SERVICEDESK); /* "Int - reported by user" */
	assert_int_equal(inc.occurred_at, 1379030400);        /* 2013-09-13 */
	assert_false(inc.occurred_estimated);
	assert_int_equal(inc.detected_at, 1379030400 + 86400);
	assert_int_equal(inc.contained_at, MK_TIME_UNKNOWN); /* NA */
	assert_row(&inc, MK_MATRIX_GEBRUIKERS, "Gegevens en gegevensdragers",
		   "Ongeoorloofd inzien van gegevens bijvoorbeeld bij invoer of printen");
	assert_true(inc.personal_data); /* Bank */
	assert_int_equal(inc.people_affected, 3);
	assert_string_equal(inc.title, "Fout (Misdelivery) bij Gemeente Oud-Schema");
	assert_string_equal(inc.source_ref, "veris:00000000-0000-0000-0000-0000000000F2");
	assert_int_equal(mk_incident_check(&inc, NOW, &err), MK_OK);
	mk_incident_release(&inc);
}

/* ---- dates ------------------------------------------------------------------------ */

static void test_incident_dates(void **state)
{
	(void)state;
	static const struct {
		const char *incident;
		mk_time occurred;
		bool estimated;
	} cases[] = {
		{"{\"year\": 1970}", 0, true},
		{"{\"year\": 2099, \"month\": 12}", 4099766400, true},
		{"{\"year\": 2016, \"month\": 2, \"day\": 29}", 1456704000, false},
		{"{\"year\": 2016, \"day\": 29}", 1451606400, true}, /* a day without a month */
		{"{\"year\": 2016, \"month\": 2, \"day\": 29, \"time\": \"12:00:00 AM\"}", 1456704000, false},
		{"{\"year\": 2016, \"month\": 2, \"day\": 29, \"time\": \"12:30:15 PM\"}", 1456704000 + 45015, false},
		{"{\"year\": 2016, \"month\": 2, \"day\": 29, \"time\": \"23:59:59\"}", 1456704000 + 86399, false},
		{"{\"year\": 2016, \"month\": 2, \"day\": 29, \"time\": \"7:05 am\"}", 1456704000 + 25500, false},
		/* a time on a partial date is ignored */
		{"{\"year\": 2016, \"month\": 2, \"time\": \"05:45:00 PM\"}", 1454284800, true},
		{"{\"year\": 2016, \"month\": 2, \"day\": null}", 1454284800, true},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_incident inc;
		struct mk_error err;
		enum mk_rc rc = map_root(record_with("timeline.incident", cases[i].incident),
					 MK_TIME_UNKNOWN, &inc, &err);
		if (rc)
			fail_msg("case %zu: %s", i, err.message);
		assert_int_equal(inc.occurred_at, cases[i].occurred);
		assert_int_equal(inc.occurred_estimated, cases[i].estimated);
		mk_incident_release(&inc);
	}
}

/* ---- durations --------------------------------------------------------------- */

static void test_every_unit_converts_to_exact_seconds(void **state)
{
	(void)state;
	static const struct {
		const char *unit;
		mk_time seconds;
	} units[] = {
		{"Seconds", 1},     {"Minutes", 60},       {"Hours", 3600},
		{"Days", 86400},    {"Weeks", 604800},     {"Months", 2592000},
		{"Years", 31536000}, {"days", 86400},       {"HOURS", 3600},
	};
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		char discovery[128], containment[128];
		snprintf(discovery, sizeof(discovery), "{\"unit\": \"%s\", \"value\": 3}", units[i].unit);
		snprintf(containment, sizeof(containment), "{\"unit\": \"%s\", \"value\": 2}",
			 units[i].unit);
		json_t *root = record_with("timeline.discovery", discovery);
		json_object_set_new(json_object_get(root, "timeline"), "containment",
				    json_loads(containment, 0, NULL));
		struct mk_incident inc;
		struct mk_error err;
		assert_mapped_ok(map_root(root, NOW, &inc, &err), &err);
		assert_int_equal(inc.detected_at, BASE_OCCURRED + 3 * units[i].seconds);
		assert_int_equal(inc.contained_at, inc.detected_at + 2 * units[i].seconds);
		mk_incident_release(&inc);
	}
}

static void test_durations_that_leave_the_time_unknown(void **state)
{
	(void)state;
	static const char *const discoveries[] = {
		"{\"unit\": \"Days\"}",           /* a unit without a value */
		"{\"unit\": \"Never\", \"value\": 3}",
		"{\"unit\": \"NA\", \"value\": 3}",
		"{\"unit\": \"Unknown\", \"value\": 3}",
		"{\"unit\": \"unknown\"}",
		"{\"value\": 3}",                 /* a value without a unit */
		"{}",
		"null",
	};
	for (size_t i = 0; i < sizeof(discoveries) / sizeof(discoveries[0]); i++) {
		json_t *root = record_with("timeline.discovery", discoveries[i]);
		/* containment has a value, but counts from an unknown detection */
		json_object_set_new(json_object_get(root, "timeline"), "containment",
				    json_pack("{s:s, s:i}", "unit", "Hours", "value", 5));
		struct mk_incident inc;
		struct mk_error err;
		assert_mapped_ok(map_root(root, NOW, &inc, &err), &err);
		if (inc.detected_at != MK_TIME_UNKNOWN)
			fail_msg("case %zu: detected_at is known", i);
		assert_int_equal(inc.contained_at, MK_TIME_UNKNOWN);
		assert_int_equal(inc.occurred_at, BASE_OCCURRED);
		mk_incident_release(&inc);
	}
	static const char *const containments[] = {
		"{\"unit\": \"Weeks\"}", "{\"unit\": \"Never\"}", "{\"unit\": \"NA\", \"value\": 1}",
		"{\"unit\": \"Unknown\"}",
	};
	for (size_t i = 0; i < sizeof(containments) / sizeof(containments[0]); i++) {
		json_t *root = record_with("timeline.containment", containments[i]);
		json_object_set_new(json_object_get(root, "timeline"), "discovery",
				    json_pack("{s:s, s:i}", "unit", "Days", "value", 1));
		struct mk_incident inc;
		struct mk_error err;
		assert_mapped_ok(map_root(root, NOW, &inc, &err), &err);
		assert_int_equal(inc.detected_at, BASE_OCCURRED + 86400);
		assert_int_equal(inc.contained_at, MK_TIME_UNKNOWN);
		mk_incident_release(&inc);
	}
}

static void test_fractional_values_round_half_up_to_seconds(void **state)
{
	(void)state;
	static const struct {
		const char *discovery;
		mk_time seconds;
	} cases[] = {
		{"{\"unit\": \"Days\", \"value\": 1.5}", 129600},
		{"{\"unit\": \"Seconds\", \"value\": 0.5}", 1},
		{"{\"unit\": \"Seconds\", \"value\": 0.49}", 0},
		{"{\"unit\": \"Hours\", \"value\": 0.25}", 900},
		{"{\"unit\": \"Days\", \"value\": 0}", 0},
		{"{\"unit\": \"Days\", \"value\": 2.0}", 172800},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_incident inc;
		struct mk_error err;
		assert_mapped_ok(map_root(record_with("timeline.discovery", cases[i].discovery), NOW,
					  &inc, &err),
				 &err);
		assert_int_equal(inc.detected_at, BASE_OCCURRED + cases[i].seconds);
		mk_incident_release(&inc);
	}
}

/* ---- discovery method --------------------------------------------------------- */

static void test_discovery_method_to_detection_source(void **state)
{
	(void)state;
	static const struct {
		const char *dm;
		enum mk_source source;
	} cases[] = {
		/* VERIS 1.2 strings */
		{"\"Unknown\"", MK_SOURCE_UNKNOWN},
		{"\"Other\"", MK_SOURCE_UNKNOWN},
		{"\"Ext - unknown\"", MK_SOURCE_UNKNOWN},
		{"\"Int - reported by user\"", MK_SOURCE_SERVICEDESK},
		{"\"Int - NIDS\"", MK_SOURCE_IDS_IPS},
		{"\"Int - HIDS\"", MK_SOURCE_IDS_IPS},
		{"\"Int - IT audit\"", MK_SOURCE_SERVICEDESK},
		{"\"Int - log review\"", MK_SOURCE_SIEM_SOC},
		{"\"Ext - actor disclosure\"", MK_SOURCE_TIP},
		{"\"Ext - law enforcement\"", MK_SOURCE_CTI},
		{"\"Ext - customer\"", MK_SOURCE_GEBRUIKER_PARTNER},
		{"\"Ext - monitoring service\"", MK_SOURCE_SIEM_SOC},
		{"\"Ext - unrelated party\"", MK_SOURCE_TIP},
		{"\"Prt - monitoring service\"", MK_SOURCE_SIEM_SOC},
		{"\"Prt - audit\"", MK_SOURCE_GEBRUIKER_PARTNER},
		{"\"Int - telepathy\"", MK_SOURCE_UNKNOWN},
		{"\"Ext-customer\"", MK_SOURCE_UNKNOWN},
		{"\"\"", MK_SOURCE_UNKNOWN},
		/* objects */
		{"{\"unknown\": true}", MK_SOURCE_UNKNOWN},
		{"{}", MK_SOURCE_UNKNOWN},
		{"null", MK_SOURCE_UNKNOWN},
		{"{\"internal\": {\"variety\": [\"Data loss prevention\"]}}", MK_SOURCE_DLP},
		{"{\"internal\": {\"variety\": [\"Infrastructure monitoring\"]}}", MK_SOURCE_VERTRAGING},
		{"{\"internal\": {\"variety\": [\"Reported by employee\"]}}", MK_SOURCE_SERVICEDESK},
		{"{\"internal\": {\"variety\": [\"Antivirus\"]}}", MK_SOURCE_IDS_IPS},
		{"{\"internal\": {\"variety\": [\"Unknown\"]}}", MK_SOURCE_UNKNOWN},
		{"{\"internal\": {\"variety\": [\"Unknown\", \"Nids\"]}}", MK_SOURCE_IDS_IPS},
		{"{\"external\": {\"variety\": [\"Security researcher\"]}}", MK_SOURCE_TIP},
		{"{\"external\": {\"variety\": [\"Emergency response team\"]}}", MK_SOURCE_CTI},
		{"{\"external\": {\"variety\": [\"Unknown\"]}}", MK_SOURCE_UNKNOWN},
		{"{\"partner\": {\"variety\": [\"Monitoring service\"]}}", MK_SOURCE_SIEM_SOC},
		{"{\"partner\": {\"variety\": [\"Unknown\"]}}", MK_SOURCE_GEBRUIKER_PARTNER},
		{"{\"partner\": {}}", MK_SOURCE_GEBRUIKER_PARTNER},
		/* internal before external before partner */
		{"{\"external\": {\"variety\": [\"Customer\"]}, \"internal\": {\"variety\": [\"Log review\"]}}",
		 MK_SOURCE_SIEM_SOC},
		{"{\"external\": {\"variety\": [\"Customer\"]}, \"internal\": {\"variety\": [\"Unknown\"]}}",
		 MK_SOURCE_GEBRUIKER_PARTNER},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_incident inc;
		struct mk_error err;
		enum mk_rc rc = map_root(record_with("discovery_method", cases[i].dm), NOW, &inc, &err);
		if (rc)
			fail_msg("case %zu (%s): %s", i, cases[i].dm, err.message);
		if (inc.source != cases[i].source)
			fail_msg("case %zu (%s): got %s, expected %s", i, cases[i].dm,
				 mk_source_name(inc.source), mk_source_name(cases[i].source));
		mk_incident_release(&inc);
	}
}

/* ---- personal data and records ---------------------------------------------- */

static void test_personal_data_varieties(void **state)
{
	(void)state;
	static const struct {
		const char *data;
		bool personal;
	} cases[] = {
		{"[{\"variety\": \"Personal\"}]", true},
		{"[{\"variety\": \"Medical\"}]", true},
		{"[{\"variety\": \"Bank\"}]", true},
		{"[{\"variety\": \"Payment\"}]", true},
		{"[{\"variety\": \"Credentials\"}]", true},
		{"[{\"variety\": \"Internal\"}, {\"variety\": \"Credentials\"}]", true},
		{"[{\"variety\": \"Sensitive Personal\"}]", false},
		{"[{\"variety\": \"personal\"}]", false},
		{"[{\"variety\": \"Personal \"}]", false},
		{"[{\"variety\": \"Internal\"}, {\"variety\": \"Secrets\"}]", false},
		{"[{\"variety\": \"Unknown\"}]", false},
		{"[{\"amount\": 5}]", false},
		{"[]", false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_incident inc;
		struct mk_error err;
		enum mk_rc rc = map_root(record_with("attribute.confidentiality.data", cases[i].data),
					 NOW, &inc, &err);
		if (rc)
			fail_msg("case %zu: %s", i, err.message);
		if (inc.personal_data != cases[i].personal)
			fail_msg("case %zu (%s): personal_data %d", i, cases[i].data, inc.personal_data);
		mk_incident_release(&inc);
	}
}

static void test_data_total_is_people_affected(void **state)
{
	(void)state;
	struct mk_incident inc;
	struct mk_error err;
	assert_mapped_ok(map_root(record_with("attribute.confidentiality.data_total", "0"), NOW,
				  &inc, &err), &err);
	assert_int_equal(inc.people_affected, 0);
	mk_incident_release(&inc);
	assert_mapped_ok(map_root(record_with("attribute.confidentiality.data_total",
					      "57000000"), NOW, &inc, &err), &err);
	assert_int_equal(inc.people_affected, 57000000);
	mk_incident_release(&inc);
	assert_mapped_ok(map_root(record_with("attribute.confidentiality.data_total", NULL), NOW,
				  &inc, &err), &err);
	assert_int_equal(inc.people_affected, -1);
	mk_incident_release(&inc);
}

/* ---- classification rules --------------------------------------------------------- */

static void test_actions_and_attributes_choose_the_matrix_row(void **state)
{
	(void)state;
	static const struct {
		const char *action, *assets, *attribute;
		const char *table, *category, *incident; /* NULL category: unclassified */
	} cases[] = {
		{"{\"hacking\": {\"variety\": [\"DoS\"]}}", NULL, NULL, "beheer",
		 "Technisch falen van apparatuur door externe invloeden",
		 "Uitval netwerkverbinding door aanval met grote hoeveelheden data"},
		/* a DoS is a DoS, even with malware around */
		{"{\"malware\": {\"variety\": [\"Unknown\"]}, \"hacking\": {\"variety\": [\"DoS\"]}}",
		 NULL, NULL, "beheer", "Technisch falen van apparatuur door externe invloeden",
		 "Uitval netwerkverbinding door aanval met grote hoeveelheden data"},
		{"{\"hacking\": {\"variety\": [\"SQLi\"]}, \"malware\": {\"variety\": [\"Ransomware\"]}}",
		 NULL, NULL, "beheer", "Problemen met programmatuur",
		 "Introductie van virussen via programmatuur"},
		{"{\"hacking\": {}}", NULL, NULL, "beheer", "Opzettelijk foutief handelen van gebruikers",
		 "Kraken of omzeilen toegang door medewerkers of een buitenstaander"},
		{"{\"social\": {\"variety\": [\"Phishing\"]}}", NULL, NULL, "beheer",
		 "Onopzettelijk foutief handelen van gebruikers",
		 "Onzorgvuldige omgang met wachtwoorden door gebruikers"},
		{"{\"misuse\": {\"variety\": [\"Privilege abuse\"]}}", NULL, NULL, "gebruikers",
		 "Opzettelijk foutief handelen", "Ongeautoriseerde toegang door medewerker"},
		{"{\"misuse\": {\"variety\": [\"Embezzlement\"]}}", NULL, NULL, "gebruikers",
		 "Opzettelijk foutief handelen", "Fraude of diefstal"},
		{"{\"misuse\": {\"variety\": [\"Unapproved software\"]}}", NULL, NULL, "beheer",
		 "Problemen met programmatuur", "Gebruik van ongeautoriseerde programmatuur"},
		{"{\"misuse\": {\"variety\": [\"Data mishandling\"]}}", NULL, NULL, "gebruikers",
		 "Opzettelijk foutief handelen", "Niet volgen van voorschriften"},
		/* theft of media vs. theft of a device; the media rule wins when both */
		{"{\"physical\": {\"variety\": [\"Theft\"]}}", "[{\"variety\": \"M - Documents\"}]", NULL,
		 "gebruikers", "Gegevens en gegevensdragers", "Diefstal van gegevensdragers"},
		{"{\"physical\": {\"variety\": [\"Theft\"]}}",
		 "[{\"variety\": \"U - Laptop\"}, {\"variety\": \"M - Flash drive\"}]", NULL,
		 "gebruikers", "Gegevens en gegevensdragers", "Diefstal van gegevensdragers"},
		{"{\"physical\": {\"variety\": [\"Theft\"]}}", "[{\"variety\": \"U - Laptop\"}]", NULL,
		 "beheer", "Omgang met apparatuur door gebruikers of derden", "Diefstal van apparatuur"},
		/* "M" must be the class, not just the first letter */
		{"{\"physical\": {\"variety\": [\"Theft\"]}}", "[{\"variety\": \"Media\"}]", NULL,
		 "beheer", "Omgang met apparatuur door gebruikers of derden", "Diefstal van apparatuur"},
		/* the theft decides over data mishandling */
		{"{\"misuse\": {\"variety\": [\"Data mishandling\"]}, \"physical\": {\"variety\": [\"Theft\"]}}",
		 "[{\"variety\": \"U - Laptop\"}]", NULL, "beheer",
		 "Omgang met apparatuur door gebruikers of derden", "Diefstal van apparatuur"},
		{"{\"physical\": {\"variety\": [\"Skimmer\"]}}", NULL, NULL, "gebruikers",
		 "Menselijke omgang met apparatuur", "Opzettelijke wijzigingen"},
		{"{\"physical\": {\"variety\": [\"Assault\"]}}", NULL, NULL, "beheer",
		 "Omgang met apparatuur door gebruikers of derden", "Beschadiging apparatuur"},
		{"{\"error\": {\"variety\": [\"Loss\"]}}", NULL, NULL, "gebruikers",
		 "Gegevens en gegevensdragers", "Zoekraken gegevensdragers"},
		{"{\"error\": {\"variety\": [\"Disposal error\"]}}", NULL, NULL, "gebruikers",
		 "Gegevens en gegevensdragers", "Onzorgvuldige vernietiging van gegevens"},
		{"{\"error\": {\"variety\": [\"Misdelivery\"]}}", NULL, NULL, "gebruikers",
		 "Gegevens en gegevensdragers",
		 "Ongeoorloofd inzien van gegevens bijvoorbeeld bij invoer of printen"},
		/* misconfiguration: exposed data or not */
		{"{\"error\": {\"variety\": [\"Misconfiguration\"]}}", NULL,
		 "{\"confidentiality\": {\"data\": [{\"variety\": \"Personal\"}]}}", "beheer",
		 "Gegevens en gegevensdragers", "Ongeautoriseerde toegang tot gegevens"},
		{"{\"error\": {\"variety\": [\"Misconfiguration\"]}}", NULL,
		 "{\"availability\": {\"variety\": [\"Interruption\"]}}", "gebruikers",
		 "Menselijke omgang met apparatuur", "Bedieningsfouten"},
		{"{\"error\": {\"variety\": [\"Programming error\"]}}", NULL, NULL, "beheer",
		 "Problemen met programmatuur", "Fouten in programmatuur"},
		{"{\"error\": {\"variety\": [\"Unknown\"]}}", NULL, NULL, "gebruikers",
		 "Onopzettelijk foutief handelen", "Als gevolg van foutieve procedures"},
		{"{\"environmental\": {\"variety\": [\"Power failure\"]}}", NULL, NULL, "beheer",
		 "Technisch falen van apparatuur door externe invloeden",
		 "Wegvallen elektrische spanning of spanningsschommelingen"},
		{"{\"environmental\": {\"variety\": [\"Flood\"]}}", NULL, NULL, "beheer",
		 "Technisch falen van apparatuur door externe invloeden", "Wateroverlast"},
		/* left to the incident manager */
		{"{\"environmental\": {\"variety\": [\"Fire\"]}}", NULL, NULL, NULL, NULL, NULL},
		{"{\"unknown\": {}}", NULL, NULL, NULL, NULL, NULL},
		{"{\"unknown\": []}", NULL, NULL, NULL, NULL, NULL},
		{"{}", NULL, NULL, NULL, NULL, NULL},
		{"null", NULL, NULL, NULL, NULL, NULL},
		/* variety names are exact */
		{"{\"physical\": {\"variety\": [\"theft\"]}}", "[{\"variety\": \"M - Documents\"}]", NULL,
		 "beheer", "Omgang met apparatuur door gebruikers of derden", "Beschadiging apparatuur"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *root = record_with("action", cases[i].action);
		if (cases[i].assets)
			json_object_set_new(root, "asset",
					    json_pack("{s:o}", "assets", json_loads(cases[i].assets, 0, NULL)));
		if (cases[i].attribute)
			json_object_set_new(root, "attribute", json_loads(cases[i].attribute, 0, NULL));
		struct mk_incident inc;
		struct mk_error err;
		enum mk_rc rc = map_root(root, NOW, &inc, &err);
		if (rc)
			fail_msg("case %zu: %s", i, err.message);
		if (!cases[i].category) {
			if (inc.classified)
				fail_msg("case %zu: classified as '%s'", i, inc.matrix_incident);
			assert_null(inc.matrix_category);
		} else {
			if (!inc.classified || strcmp(inc.matrix_incident, cases[i].incident) != 0)
				fail_msg("case %zu: got '%s'", i,
					 inc.classified ? inc.matrix_incident : "(unclassified)");
			enum mk_matrix_table t;
			assert_int_equal(mk_matrix_table_parse(cases[i].table, "table", &t, NULL), MK_OK);
			assert_row(&inc, t, cases[i].category, cases[i].incident);
		}
		mk_incident_release(&inc);
	}
}

/* ---- title, description, victim ---------------------------------------------- */

static void test_titles(void **state)
{
	(void)state;
	static const struct {
		const char *action, *victim, *title;
	} cases[] = {
		{"{\"error\": {\"variety\": [\"Misdelivery\"]}}", "{\"victim_id\": \"Gemeente X\"}",
		 "Fout (Misdelivery) bij Gemeente X"},
		/* unmatched: the first action in the fixed order, its first telling variety */
		{"{\"environmental\": {\"variety\": [\"Unknown\", \"Fire\"]}}", "{\"victim_id\": \"Gemeente X\"}",
		 "Omgevingsfactor (Fire) bij Gemeente X"},
		{"{\"hacking\": {\"variety\": [\"Unknown\"]}}", "{\"victim_id\": \"  Gemeente\\tX \\n\"}",
		 "Hacking bij Gemeente X"},
		{"{\"social\": {\"variety\": [\"Other\", \"Phishing\"]}}", "{}",
		 "Social engineering (Phishing) bij onbekende organisatie"},
		{"{\"unknown\": {}}", "{\"victim_id\": \"unknown\"}", "Incident bij onbekende organisatie"},
		{"{\"misuse\": {\"variety\": [\"Knowledge abuse\"]}}", "[]",
		 "Misbruik (Knowledge abuse) bij onbekende organisatie"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *root = record_with("action", cases[i].action);
		json_object_set_new(root, "victim", json_loads(cases[i].victim, JSON_DECODE_ANY, NULL));
		struct mk_incident inc;
		struct mk_error err;
		assert_mapped_ok(map_root(root, NOW, &inc, &err), &err);
		assert_string_equal(inc.title, cases[i].title);
		mk_incident_release(&inc);
	}
}

/* A long victim of 3-byte characters and a long variety: the title stays
 * within MK_TITLE_MAX, cut at a character boundary, and passes the check. */
static void test_long_title_is_cut_at_a_utf8_boundary(void **state)
{
	(void)state;
	char victim[600] = "", variety[600] = "";
	for (int i = 0; i < 190; i++)
		snprintf(victim + strlen(victim), sizeof(victim) - strlen(victim), "\xe2\x82\xac"); /* € */
	memset(variety, 'v', 300);
	json_t *root = record_with("action", "{}");
	json_object_set_new(json_object_get(root, "action"), "hacking",
			    json_pack("{s:[s]}", "variety", variety));
	json_object_set_new(root, "victim", json_pack("{s:s}", "victim_id", victim));
	struct mk_incident inc;
	struct mk_error err;
	assert_mapped_ok(map_root(root, NOW, &inc, &err), &err);
	size_t len = strlen(inc.title);
	assert_true(len <= MK_TITLE_MAX);
	assert_true(len > MK_TITLE_MAX - 4);
	assert_true(mk_utf8_valid(inc.title, len));
	assert_true(strlen(inc.victim) <= MK_NAME_MAX);
	assert_true(mk_utf8_valid(inc.victim, strlen(inc.victim)));
	assert_int_equal(strlen(inc.victim) % 3, 0);
	assert_int_equal(mk_incident_check(&inc, NOW, &err), MK_OK);
	mk_incident_release(&inc);
}

static void test_description_is_summary_and_reference(void **state)
{
	(void)state;
	static const struct {
		const char *summary, *reference, *description;
	} cases[] = {
		{"\"Een samenvatting.\"", "\"http://x.example/a\"", "Een samenvatting.\n\nBron: http://x.example/a"},
		{"\"\"", "\"http://x.example/a\"", "Bron: http://x.example/a"},
		{"\"Alleen tekst.\\r\\nTweede regel\\u0007.\"", NULL, "Alleen tekst.\r\nTweede regel ."},
		{"\"  \"", "\" \"", NULL},
		{NULL, NULL, NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *root = record_with("summary", cases[i].summary);
		if (cases[i].reference)
			json_object_set_new(root, "reference", json_loads(cases[i].reference, JSON_DECODE_ANY, NULL));
		struct mk_incident inc;
		struct mk_error err;
		assert_mapped_ok(map_root(root, NOW, &inc, &err), &err);
		if (cases[i].description)
			assert_string_equal(inc.description, cases[i].description);
		else
			assert_null(inc.description);
		assert_int_equal(mk_incident_check(&inc, NOW, &err), MK_OK);
		mk_incident_release(&inc);
	}
}

static void test_huge_summary_keeps_the_reference(void **state)
{
	(void)state;
	size_t n = MK_TEXT_MAX + 5000;
	char *summary = malloc(n + 1);
	assert_non_null(summary);
	for (size_t i = 0; i + 2 <= n; i += 2)
		memcpy(summary + i, "\xc3\xa9", 2); /* é */
	summary[n] = '\0';
	json_t *root = record_with("reference", "\"https://example.org/bron\"");
	json_object_set_new(root, "summary", json_string(summary));
	free(summary);
	struct mk_incident inc;
	struct mk_error err;
	assert_mapped_ok(map_root(root, NOW, &inc, &err), &err);
	size_t len = strlen(inc.description);
	assert_true(len <= MK_TEXT_MAX);
	assert_true(mk_utf8_valid(inc.description, len));
	const char *tail = "\n\nBron: https://example.org/bron";
	assert_string_equal(inc.description + len - strlen(tail), tail);
	assert_int_equal(mk_incident_check(&inc, NOW, &err), MK_OK);
	mk_incident_release(&inc);
}

static void test_source_ref_is_the_incident_id(void **state)
{
	(void)state;
	struct mk_incident inc;
	struct mk_error err;
	assert_mapped_ok(map_root(record_with("incident_id", "\"00163384-B4D7-46D5-9E6F-543DFB00F598\""),
				  NOW, &inc, &err), &err);
	assert_string_equal(inc.source_ref, "veris:00163384-B4D7-46D5-9E6F-543DFB00F598");
	mk_incident_release(&inc);
	/* the longest incident_id that still fits a one-line field */
	char id[256];
	memset(id, 'a', MK_NAME_MAX - 6);
	id[MK_NAME_MAX - 6] = '\0';
	json_t *root = record_with("incident_id", "\"x\"");
	json_object_set_new(root, "incident_id", json_string(id));
	assert_mapped_ok(map_root(root, NOW, &inc, &err), &err);
	assert_int_equal(strlen(inc.source_ref), MK_NAME_MAX);
	assert_int_equal(mk_incident_check(&inc, NOW, &err), MK_OK);
	mk_incident_release(&inc);
}

static void test_ignored_fields_are_not_checked(void **state)
{
	(void)state;
	json_t *root = record_with("actor", "5");
	json_object_set_new(root, "impact", json_pack("[i]", 1));
	json_object_set_new(root, "plus", json_string("anything"));
	json_object_set_new(json_object_get(root, "timeline"), "compromise", json_string("x"));
	json_object_set_new(root, "victim", json_null());
	struct mk_incident inc;
	struct mk_error err;
	assert_mapped_ok(map_root(root, NOW, &inc, &err), &err);
	assert_null(inc.victim);
	mk_incident_release(&inc);
}

/* ---- invalid records ------------------------------------------------------------ */

static void test_wrong_types_are_refused_naming_the_field(void **state)
{
	(void)state;
	static const struct {
		const char *path, *value, *field, *words;
	} cases[] = {
		{"incident_id", "42", "incident_id", "incident_id is an integer, expected a string"},
		{"incident_id", NULL, "incident_id", "incident_id is missing"},
		{"incident_id", "\"   \"", "incident_id", "incident_id is empty"},
		{"incident_id", "\"a\\nb\"", "incident_id", "control character"},
		{"schema_version", "[1]", "schema_version", "schema_version is an array, expected a string"},
		{"schema_version", NULL, "schema_version", "schema_version is missing"},
		{"timeline", "\"2015\"", "timeline", "timeline is a string, expected an object"},
		{"timeline", NULL, "timeline", "timeline is missing"},
		{"timeline.incident", "[]", "timeline.incident", "expected an object"},
		{"timeline.incident", NULL, "timeline.incident", "timeline.incident is missing"},
		{"timeline.incident.year", NULL, "timeline.incident.year", "timeline.incident.year is missing"},
		{"timeline.incident.year", "\"2015\"", "timeline.incident.year", "is a string, expected an integer"},
		{"timeline.incident.year", "2015.0", "timeline.incident.year", "is a real number, expected an integer"},
		{"timeline.incident.month", "\"May\"", "timeline.incident.month", "expected an integer"},
		{"timeline.incident.day", "true", "timeline.incident.day", "is a boolean"},
		{"timeline.incident.time", "1745", "timeline.incident.time", "expected a string"},
		{"timeline.discovery", "\"2 days\"", "timeline.discovery", "expected an object"},
		{"timeline.discovery.unit", "2", "timeline.discovery.unit", "expected a string"},
		{"timeline.discovery.value", "\"2\"", "timeline.discovery.value", "expected a number"},
		{"timeline.containment.value", "[2]", "timeline.containment.value", "expected a number"},
		{"discovery_method", "42", "discovery_method", "expected an object or a string"},
		{"discovery_method", "[\"Unknown\"]", "discovery_method", "is an array"},
		{"discovery_method.internal", "\"Log review\"", "discovery_method.internal", "expected an object"},
		{"discovery_method.external.variety", "\"Customer\"", "discovery_method.external.variety",
		 "expected an array"},
		{"discovery_method.partner.variety", "[1]", "discovery_method.partner.variety[0]",
		 "expected a string"},
		{"action", "[]", "action", "action is an array, expected an object"},
		{"action.hacking", "\"DoS\"", "action.hacking", "expected an object"},
		{"action.malware.variety", "{}", "action.malware.variety", "expected an array"},
		{"action.error.variety", "[\"Loss\", 3]", "action.error.variety[1]", "expected a string"},
		{"asset", "\"S - Database\"", "asset", "expected an object"},
		{"asset.assets", "{}", "asset.assets", "expected an array"},
		{"asset.assets", "[\"S - Database\"]", "asset.assets[0]", "expected an object"},
		{"asset.assets", "[{\"variety\": 1}]", "asset.assets[0].variety", "expected a string"},
		{"attribute", "[]", "attribute", "expected an object"},
		{"attribute.confidentiality", "true", "attribute.confidentiality", "expected an object"},
		{"attribute.integrity", "\"yes\"", "attribute.integrity", "expected an object"},
		{"attribute.confidentiality.data", "{}", "attribute.confidentiality.data", "expected an array"},
		{"attribute.confidentiality.data", "[\"Personal\"]", "attribute.confidentiality.data[0]",
		 "expected an object"},
		{"attribute.confidentiality.data", "[{\"variety\": [\"Personal\"]}]",
		 "attribute.confidentiality.data[0].variety", "expected a string"},
		{"attribute.confidentiality.data_total", "\"1200\"", "attribute.confidentiality.data_total",
		 "expected an integer"},
		{"attribute.confidentiality.data_total", "12.5", "attribute.confidentiality.data_total",
		 "expected an integer"},
		{"victim", "\"Gemeente\"", "victim", "expected an object or an array of objects"},
		{"victim", "[\"Gemeente\"]", "victim[0]", "expected an object"},
		{"victim", "[{\"victim_id\": \"a\"}, {\"victim_id\": 7}]", "victim[1].victim_id", "expected a string"},
		{"victim.victim_id", "[\"a\"]", "victim.victim_id", "expected a string"},
		{"victim.industry", "92", "victim.industry", "expected a string"},
		{"summary", "{}", "summary", "expected a string"},
		{"reference", "[]", "reference", "expected a string"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_incident inc;
		struct mk_error err;
		enum mk_rc rc = map_root(record_with(cases[i].path, cases[i].value), NOW, &inc, &err);
		if (rc != MK_EINVAL)
			fail_msg("case %zu (%s = %s): rc %s", i, cases[i].path,
				 cases[i].value ? cases[i].value : "(deleted)", mk_rc_name(rc));
		if (strcmp(err.field, cases[i].field) != 0 || !strstr(err.message, cases[i].words))
			fail_msg("case %zu: field '%s', message '%s'", i, err.field, err.message);
		mk_incident_release(&inc);
	}
}

static void test_out_of_range_values_are_refused(void **state)
{
	(void)state;
	static const struct {
		const char *path, *value, *field, *words;
	} cases[] = {
		{"timeline.incident", "{\"year\": 1969}", "timeline.incident.year",
		 "timeline.incident.year 1969 lies outside 1970..2099"},
		{"timeline.incident", "{\"year\": 2100}", "timeline.incident.year", "outside 1970..2099"},
		{"timeline.incident", "{\"year\": -5}", "timeline.incident.year", "outside"},
		{"timeline.incident", "{\"year\": 2015, \"month\": 13}", "timeline.incident.month", "outside 1..12"},
		{"timeline.incident", "{\"year\": 2015, \"month\": 0}", "timeline.incident.month", "outside 1..12"},
		{"timeline.incident", "{\"year\": 2015, \"month\": 1, \"day\": 32}", "timeline.incident.day",
		 "outside 1..31"},
		{"timeline.incident", "{\"year\": 2015, \"month\": 2, \"day\": 29}", "timeline.incident.day",
		 "timeline.incident 2015-02-29 is not a date"},
		{"timeline.incident", "{\"year\": 2015, \"month\": 4, \"day\": 31}", "timeline.incident.day",
		 "is not a date"},
		{"timeline.incident", "{\"year\": 2015, \"month\": 4, \"day\": 3, \"time\": \"25:00:00\"}",
		 "timeline.incident.time", "'25:00:00' is not a time of day"},
		{"timeline.incident", "{\"year\": 2015, \"month\": 4, \"day\": 3, \"time\": \"13:00 PM\"}",
		 "timeline.incident.time", "is not a time of day"},
		{"timeline.incident", "{\"year\": 2015, \"month\": 4, \"day\": 3, \"time\": \"noon\"}",
		 "timeline.incident.time", "is not a time of day"},
		{"timeline.incident", "{\"year\": 2015, \"month\": 4, \"day\": 3, \"time\": \"5:7\"}",
		 "timeline.incident.time", "is not a time of day"},
		{"timeline.discovery", "{\"unit\": \"Fortnights\", \"value\": 2}", "timeline.discovery.unit",
		 "timeline.discovery.unit 'Fortnights' is not a VERIS unit"},
		{"timeline.discovery", "{\"unit\": \"Days\", \"value\": -1}", "timeline.discovery.value",
		 "is negative"},
		{"timeline.containment", "{\"unit\": \"Days\", \"value\": -0.5}", "timeline.containment.value",
		 "is negative"},
		{"attribute.confidentiality.data_total", "-5", "attribute.confidentiality.data_total",
		 "is negative"},
		/* now is 2026-01-01 */
		{"timeline.incident", "{\"year\": 2026, \"month\": 1, \"day\": 3}", "timeline.incident",
		 "more than a day after now"},
		{"timeline.incident", "{\"year\": 2027}", "timeline.incident", "more than a day after now"},
		{"timeline.discovery", "{\"unit\": \"Years\", \"value\": 6}", "timeline.discovery",
		 "timeline.discovery (6 Years) puts detected_at more than a day after now"},
		{"timeline.discovery", "{\"unit\": \"Seconds\", \"value\": 1e15}", "timeline.discovery",
		 "more than a day after now"},
		{"timeline.discovery", "{\"unit\": \"Seconds\", \"value\": 9223372036854775807}",
		 "timeline.discovery", "more than a day after now"},
		{"timeline.containment", "{\"unit\": \"Months\", \"value\": 200}", "timeline.containment",
		 "puts contained_at more than a day after now"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *root = record_with(cases[i].path, cases[i].value);
		if (strcmp(cases[i].path, "timeline.containment") == 0)
			json_object_set_new(json_object_get(root, "timeline"), "discovery",
					    json_pack("{s:s, s:i}", "unit", "Days", "value", 1));
		struct mk_incident inc;
		struct mk_error err;
		enum mk_rc rc = map_root(root, NOW, &inc, &err);
		if (rc != MK_EINVAL)
			fail_msg("case %zu (%s): rc %s", i, cases[i].value, mk_rc_name(rc));
		if (strcmp(err.field, cases[i].field) != 0 || !strstr(err.message, cases[i].words))
			fail_msg("case %zu: field '%s', message '%s'", i, err.field, err.message);
		mk_incident_release(&inc);
	}
}

static void test_the_end_of_the_range_without_a_clock(void **state)
{
	(void)state;
	struct mk_incident inc;
	struct mk_error err;
	/* With now unknown only the 2100 limit stops a time. */
	json_t *root = record_with("timeline.incident", "{\"year\": 2099, \"month\": 12, \"day\": 31}");
	json_object_set_new(json_object_get(root, "timeline"), "discovery",
			    json_pack("{s:s, s:i}", "unit", "Seconds", "value", 86399));
	assert_mapped_ok(map_root(root, MK_TIME_UNKNOWN, &inc, &err), &err);
	assert_int_equal(inc.detected_at, MK_TIME_MAX - 1);
	mk_incident_release(&inc);
	root = record_with("timeline.incident", "{\"year\": 2099, \"month\": 12, \"day\": 31}");
	json_object_set_new(json_object_get(root, "timeline"), "discovery",
			    json_pack("{s:s, s:i}", "unit", "Days", "value", 1));
	assert_int_equal(map_root(root, MK_TIME_UNKNOWN, &inc, &err), MK_EINVAL);
	assert_string_equal(err.field, "timeline.discovery");
	mk_incident_release(&inc);
}

static void test_non_object_record_is_refused(void **state)
{
	(void)state;
	struct mk_incident inc;
	struct mk_error err;
	mk_incident_init(&inc);
	json_t *arr = json_array();
	assert_int_equal(mk_veris_map_record(map, arr, NOW, &inc, &err), MK_EINVAL);
	assert_string_equal(err.message, "the record is not a JSON object");
	json_decref(arr);
	mk_incident_release(&inc);
}

/* ---- hostile files ---------------------------------------------------------------- */

static void test_malformed_json_names_line_and_column(void **state)
{
	(void)state;
	struct mk_incident inc;
	struct mk_error err;
	assert_int_equal(map_fixture("malformed.json", &inc, &err), MK_EINVAL);
	assert_non_null(strstr(err.message, "malformed.json' is not JSON: "));
	assert_non_null(strstr(err.message, "at line 5, column"));
	mk_incident_release(&inc);

	static const char *const texts[] = {
		"", "   ", "{", "{\"a\": }", "{\"a\": 1,}", "{\"a\": 1} x", "{'a': 1}",
		"{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 1e400}", "{\"a\": 99999999999999999999}",
		"{\"a\": \"\\ud800\"}", "{\"a\": \"tab\there\"}", "{\"a\": \"\\u0000\"}",
		"{\"a\\u0000b\": 1}", "{\"a\": 1, \"a\": 2}", "\xef\xbb\xbf{}",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		enum mk_rc rc = map_text(texts[i], &inc, &err);
		if (rc != MK_EINVAL || !strstr(err.message, "is not JSON"))
			fail_msg("case %zu: rc %s, '%s'", i, mk_rc_name(rc), err.message);
		mk_incident_release(&inc);
	}
}

static void test_top_level_must_be_an_object(void **state)
{
	(void)state;
	static const char *const texts[] = {"[]", "[{\"incident_id\": \"x\"}]", "\"veris\"", "42", "null"};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct mk_incident inc;
		struct mk_error err;
		assert_int_equal(map_text(texts[i], &inc, &err), MK_EINVAL);
		assert_non_null(strstr(err.message, "the top level is not a JSON object"));
		mk_incident_release(&inc);
	}
}

static char *nested(size_t depth)
{
	/* {"a":{"a":...{}...}} with depth objects */
	char *s = malloc(depth * 6 + 1);
	assert_non_null(s);
	size_t n = 0;
	for (size_t i = 0; i < depth; i++) {
		if (i + 1 < depth) {
			memcpy(s + n, "{\"a\":", 5);
			n += 5;
		} else {
			s[n++] = '{';
		}
	}
	for (size_t i = 0; i < depth; i++)
		s[n++] = '}';
	s[n] = '\0';
	return s;
}

static void test_deep_nesting_is_refused(void **state)
{
	(void)state;
	json_t *root = NULL;
	struct mk_error err;
	char *ok = nested(MK_JSON_DEPTH_MAX), *deep = nested(MK_JSON_DEPTH_MAX + 1),
	     *deeper = nested(100000);
	assert_int_equal(mk_veris_parse(ok, strlen(ok), "ok", &root, &err), MK_OK);
	json_decref(root);
	root = NULL;
	assert_int_equal(mk_veris_parse(deep, strlen(deep), "deep", &root, &err), MK_ETOOBIG);
	assert_null(root);
	assert_non_null(strstr(err.message, "nested more than 32 levels deep"));
	/* beyond jansson's own limit: refused by the parser, no stack overflow */
	assert_int_equal(mk_veris_parse(deeper, strlen(deeper), "deeper", &root, &err), MK_EINVAL);
	assert_null(root);
	/* arrays count too */
	char arr[200];
	memset(arr, '[', 40);
	memset(arr + 40, ']', 40);
	memcpy(arr + 80, "", 1);
	char obj[300];
	snprintf(obj, sizeof(obj), "{\"a\": %s}", arr);
	assert_int_equal(mk_veris_parse(obj, strlen(obj), "arrays", &root, &err), MK_ETOOBIG);
	free(ok);
	free(deep);
	free(deeper);
}

static void test_oversized_input_is_refused_before_parsing(void **state)
{
	(void)state;
	size_t n = (size_t)MK_VERIS_FILE_MAX + 1;
	char *big = malloc(n);
	assert_non_null(big);
	/* Not even JSON: the size check comes first. */
	memset(big, 'x', n);
	json_t *root = NULL;
	struct mk_error err;
	assert_int_equal(mk_veris_parse(big, n, "big", &root, &err), MK_ETOOBIG);
	assert_null(root);
	assert_non_null(strstr(err.message, "the limit is 1048576"));
	/* exactly the limit is parsed (and found not to be JSON) */
	assert_int_equal(mk_veris_parse(big, n - 1, "big", &root, &err), MK_EINVAL);

	/* and from a file: refused by size, before reading */
	char path[] = "/tmp/mk-veris-big-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, big, n), (ssize_t)n);
	close(fd);
	assert_int_equal(mk_veris_read_file(path, &root, &err), MK_ETOOBIG);
	assert_non_null(strstr(err.message, "1048577 bytes, the limit is 1048576"));
	unlink(path);
	free(big);
}

static void test_invalid_utf8_and_nul_bytes_name_the_offset(void **state)
{
	(void)state;
	struct mk_incident inc;
	struct mk_error err;
	assert_int_equal(map_fixture("latin1.json", &inc, &err), MK_EINVAL);
	assert_non_null(strstr(err.message, "latin1.json' is not valid UTF-8 (at byte 68)"));
	mk_incident_release(&inc);

	static const struct {
		const char *data;
		size_t len;
		const char *words;
	} cases[] = {
		{"{\"a\": \"\xc0\xaf\"}", 11, "not valid UTF-8 (at byte 7)"},      /* overlong '/' */
		{"{\"a\": \"\xed\xa0\x80\"}", 12, "not valid UTF-8 (at byte 7)"},  /* surrogate */
		{"{\"a\": \"\xf4\x90\x80\x80\"}", 13, "not valid UTF-8 (at byte 7)"}, /* > U+10FFFF */
		{"{\"a\": \"\xe2\x82\"}", 11, "not valid UTF-8 (at byte 7)"},      /* cut short */
		{"{\"a\": 1}\0", 9, "contains a NUL byte at byte 8"},
		{"{\"a\": \"x\0y\"}", 12, "contains a NUL byte at byte 8"},
		{"\0{}", 3, "contains a NUL byte at byte 0"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *root = NULL;
		enum mk_rc rc = mk_veris_parse(cases[i].data, cases[i].len, "in", &root, &err);
		if (rc != MK_EINVAL || !strstr(err.message, cases[i].words))
			fail_msg("case %zu: rc %s, '%s'", i, mk_rc_name(rc), err.message);
		assert_null(root);
	}
}

static void test_read_file_errors(void **state)
{
	(void)state;
	json_t *root = NULL;
	struct mk_error err;
	assert_int_equal(mk_veris_read_file("/nonexistent/mk-veris.json", &root, &err), MK_ENOTFOUND);
	assert_non_null(strstr(err.message, "cannot open '/nonexistent/mk-veris.json'"));
	assert_int_equal(mk_veris_read_file("/tmp", &root, &err), MK_EINVAL);
	assert_non_null(strstr(err.message, "is not a regular file"));
	assert_null(root);
}

/* ---- memory ---------------------------------------------------------------------- */

/* Every allocation the mapping makes may fail: the result is MK_ENOMEM
 * and nothing leaks (ASan and valgrind check the second part). */
static void test_mapping_survives_every_allocation_failure(void **state)
{
	(void)state;
	static const char *const fixtures[] = {"full-record-1.3.json", "veris-1.2.json",
					       "month-only.json"};
	for (size_t f = 0; f < sizeof(fixtures) / sizeof(fixtures[0]); f++) {
		json_t *root;
		struct mk_error err;
		assert_int_equal(mk_veris_read_file(fixture_path(fixtures[f]), &root, &err), MK_OK);
		for (long n = 0;; n++) {
			struct mk_incident inc;
			mk_incident_init(&inc);
			mk_alloc_fail_after(n);
			enum mk_rc rc = mk_veris_map_record(map, root, NOW, &inc, &err);
			mk_alloc_fail_reset();
			mk_incident_release(&inc);
			if (rc == MK_OK)
				break;
			assert_int_equal(rc, MK_ENOMEM);
		}
		json_decref(root);
	}
}

/* jansson allocating through the failing allocator: parsing fails
 * cleanly at every point. */
static void test_parsing_survives_every_allocation_failure(void **state)
{
	(void)state;
	json_set_alloc_funcs(mk_malloc, mk_free);
	for (long n = 0;; n++) {
		json_t *root = NULL;
		struct mk_error err;
		mk_alloc_fail_after(n);
		enum mk_rc rc = mk_veris_read_file(fixture_path("full-record-1.3.json"), &root, &err);
		mk_alloc_fail_reset();
		if (rc == MK_OK) {
			json_decref(root);
			break;
		}
		assert_null(root);
	}
	json_set_alloc_funcs(malloc, free);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_rules_load_and_exist_in_matrix),
		cmocka_unit_test(test_rule_with_row_missing_from_matrix_is_refused),
		cmocka_unit_test(test_malformed_rules_are_refused),
		cmocka_unit_test(test_rules_load_survives_every_allocation_failure),
		cmocka_unit_test(test_full_record_maps_every_field),
		cmocka_unit_test(test_year_only_date_is_first_second_of_year_and_estimated),
		cmocka_unit_test(test_month_only_date_is_first_of_month_and_estimated),
		cmocka_unit_test(test_veris_1_2_victim_list_and_string_discovery_method),
		cmocka_unit_test(test_incident_dates),
		cmocka_unit_test(test_every_unit_converts_to_exact_seconds),
		cmocka_unit_test(test_durations_that_leave_the_time_unknown),
		cmocka_unit_test(test_fractional_values_round_half_up_to_seconds),
		cmocka_unit_test(test_discovery_method_to_detection_source),
		cmocka_unit_test(test_personal_data_varieties),
		cmocka_unit_test(test_data_total_is_people_affected),
		cmocka_unit_test(test_actions_and_attributes_choose_the_matrix_row),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_long_title_is_cut_at_a_utf8_boundary),
		cmocka_unit_test(test_description_is_summary_and_reference),
		cmocka_unit_test(test_huge_summary_keeps_the_reference),
		cmocka_unit_test(test_source_ref_is_the_incident_id),
		cmocka_unit_test(test_ignored_fields_are_not_checked),
		cmocka_unit_test(test_wrong_types_are_refused_naming_the_field),
		cmocka_unit_test(test_out_of_range_values_are_refused),
		cmocka_unit_test(test_the_end_of_the_range_without_a_clock),
		cmocka_unit_test(test_non_object_record_is_refused),
		cmocka_unit_test(test_malformed_json_names_line_and_column),
		cmocka_unit_test(test_top_level_must_be_an_object),
		cmocka_unit_test(test_deep_nesting_is_refused),
		cmocka_unit_test(test_oversized_input_is_refused_before_parsing),
		cmocka_unit_test(test_invalid_utf8_and_nul_bytes_name_the_offset),
		cmocka_unit_test(test_read_file_errors),
		cmocka_unit_test(test_mapping_survives_every_allocation_failure),
		cmocka_unit_test(test_parsing_survives_every_allocation_failure),
	};
	return cmocka_run_group_tests_name("intake/veris", tests, group_setup, group_teardown);
}
