/* The VERIS mapping over the real VCDB sample in $MK_SHARED_DATA/vcdb
 * (data/README.md in the shared folder describes its quirks): every
 * incident file maps and passes mk_incident_check, and a handful of named
 * files give exactly the values worked out by hand from their JSON.
 * Exits 77 (skipped) when the sample is not there: the data is not ours
 * to put in the repository. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/incident.h"
#include "core/matrix.h"
#include "intake/veris.h"

#define NOW ((mk_time)1767225600) /* 2026-01-01T00:00:00Z */
#define MONTH ((mk_time)2592000)
#define DAY ((mk_time)86400)

static char folder[4096];
static struct mk_matrix matrix;
static struct mk_veris_map *map;

static int group_setup(void **state)
{
	(void)state;
	struct mk_error err;
	mk_matrix_init(&matrix);
	if (mk_matrix_load_default(&matrix, &err) || mk_veris_map_load_default(&matrix, &map, &err)) {
		fprintf(stderr, "%s\n", err.message);
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

static void map_file(const char *name, struct mk_incident *inc)
{
	char path[8192];
	json_t *root;
	struct mk_error err;
	snprintf(path, sizeof(path), "%s/%s", folder, name);
	mk_incident_init(inc);
	if (mk_veris_read_file(path, &root, &err) != MK_OK)
		fail_msg("%s: %s", name, err.message);
	enum mk_rc rc = mk_veris_map_record(map, root, NOW, inc, &err);
	json_decref(root);
	if (rc != MK_OK)
		fail_msg("%s: %s [%s]", name, err.message, err.field);
	if (mk_incident_check(inc, NOW, &err) != MK_OK)
		fail_msg("%s: check: %s", name, err.message);
}

static void assert_text(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got, want);
}

struct expect {
	const char *file;
	const char *source_ref;
	mk_time occurred;
	bool estimated;
	mk_time detected, contained;
	enum mk_source source;
	bool personal;
	int64_t people;
	const char *victim, *industry;
	enum mk_matrix_table table;
	const char *category, *incident;
	const char *title;
};

static const struct expect expected[] = {
	/* VERIS 1.2: victim list, discovery_method "Unknown", DoS */
	{"00000000-0000-0000-0000-000000000000.json", "veris:00000000-0000-0000-0000-000000000000",
	 1379030400, false, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_SOURCE_UNKNOWN, false, -1,
	 "Veterans and Youth Rehabilitation", "92", MK_MATRIX_BEHEER,
	 "Technisch falen van apparatuur door externe invloeden",
	 "Uitval netwerkverbinding door aanval met grote hoeveelheden data",
	 "Hacking (DoS) bij Veterans and Youth Rehabilitation"},
	/* 2017-07 (estimated) + 2 Days discovery + 2 Days containment; Gaffe */
	{"004a9681-f5bb-4c26-9972-97969fcdf2b0.json", "veris:f711e1f0-a38d-11e7-a67b-81fbdaca3f85",
	 1498867200, true, 1498867200 + 2 * DAY, 1498867200 + 4 * DAY, MK_SOURCE_UNKNOWN, false, -1,
	 "Ridgeview Medical Center", "622110", MK_MATRIX_GEBRUIKERS, "Gegevens en gegevensdragers",
	 "Ongeoorloofd inzien van gegevens bijvoorbeeld bij invoer of printen",
	 "Fout (Gaffe) bij Ridgeview Medical Center"},
	/* 2011-12-08 + 2 Months; laptop theft; Medical */
	{"002599D4-A872-433B-9980-BD9F257B283F.json", "veris:002599D4-A872-433B-9980-BD9F257B283F",
	 1323302400, false, 1323302400 + 2 * MONTH, MK_TIME_UNKNOWN, MK_SOURCE_UNKNOWN, true, 943434,
	 "Sutter Medical Foundation", "813410", MK_MATRIX_BEHEER,
	 "Omgang met apparatuur door gebruikers of derden", "Diefstal van apparatuur",
	 "Fysiek (Theft) bij Sutter Medical Foundation"},
	/* partner Unknown; theft beats data mishandling */
	{"00286a56-178d-410d-98f0-d4e7fbe407d8.json", "veris:da0b05e0-ad29-11e8-9e5a-c1f99505e93a",
	 1517788800, false, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_SOURCE_GEBRUIKER_PARTNER, true, 779,
	 "Wisconsin Department of Health Services", "923120", MK_MATRIX_BEHEER,
	 "Omgang met apparatuur door gebruikers of derden", "Diefstal van apparatuur",
	 "Fysiek (Theft) bij Wisconsin Department of Health Services"},
	/* VERIS 1.3.1, discovery_method "Ext - unknown"; malware beats hacking */
	{"0028DA6E-5224-4546-B726-A750D288E1FC.json", "veris:0028DA6E-5224-4546-B726-A750D288E1FC",
	 1451606400, true, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_SOURCE_UNKNOWN, true, -1,
	 "rehvclothing.com", "44", MK_MATRIX_BEHEER, "Problemen met programmatuur",
	 "Introductie van virussen via programmatuur", "Malware (Capture app data) bij rehvclothing.com"},
	/* .JSON; "Sensitive Personal" and "Personal"; misconfiguration exposing data */
	{"01034482-f586-412a-9127-1d1354a9f22c.JSON", "veris:adb23ac0-a063-11ef-859f-c58fde63a385",
	 1722470400, true, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_SOURCE_TIP, true, 103316633,
	 "MC2 Data", "561611", MK_MATRIX_BEHEER, "Gegevens en gegevensdragers",
	 "Ongeautoriseerde toegang tot gegevens", "Fout (Misconfiguration) bij MC2 Data"},
	/* the duplicate pair: both give the same source_ref */
	{"00163384-B4D7-46D5-9E6F-543DFB00F598.json", "veris:00163384-B4D7-46D5-9E6F-543DFB00F598",
	 1391385600, false, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_SOURCE_UNKNOWN, false, 87,
	 "United States Department of Veterans Affairs", "923140", MK_MATRIX_GEBRUIKERS,
	 "Gegevens en gegevensdragers",
	 "Ongeoorloofd inzien van gegevens bijvoorbeeld bij invoer of printen",
	 "Fout (Misdelivery) bij United States Department of Veterans Affairs"},
	{"001A011B-8C28-46B9-BA86-186C18213E1A.json", "veris:00163384-B4D7-46D5-9E6F-543DFB00F598",
	 1391385600, false, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_SOURCE_UNKNOWN, false, 87,
	 "United States Department of Veterans Affairs", "923140", MK_MATRIX_GEBRUIKERS,
	 "Gegevens en gegevensdragers",
	 "Ongeoorloofd inzien van gegevens bijvoorbeeld bij invoer of printen",
	 "Fout (Misdelivery) bij United States Department of Veterans Affairs"},
	/* Weeks and Days without values: unknown */
	{"00f9b215-9058-483b-a226-56be3ce77b49.json", "veris:5ed1e620-e458-11e9-a93a-d3a3d34c5869",
	 1567296000, true, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_SOURCE_TIP, true, 20800000,
	 "Novaestrat", "518210", MK_MATRIX_BEHEER, "Gegevens en gegevensdragers",
	 "Ongeautoriseerde toegang tot gegevens", "Fout (Misconfiguration) bij Novaestrat"},
	/* no victim_id; law enforcement */
	{"00C8C622-32DD-4EA6-94EB-5DCF1037EEAB.json", "veris:8FBEA369-41C5-408B-895F-5F4E5D27965C",
	 1451606400, true, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_SOURCE_CTI, true, -1, NULL, "441120",
	 MK_MATRIX_GEBRUIKERS, "Opzettelijk foutief handelen", "Ongeautoriseerde toegang door medewerker",
	 "Misbruik (Knowledge abuse) bij onbekende organisatie"},
	/* 2018-05-19 + 1 Month, containment Unknown */
	{"00fd327e-6929-4b23-9c52-763bdee14080.json", "veris:44293100-d2f9-11e8-9b3a-b50b161886e9",
	 1526688000, false, 1526688000 + MONTH, MK_TIME_UNKNOWN, MK_SOURCE_UNKNOWN, true, -1, "PDQ",
	 "722513", MK_MATRIX_BEHEER, "Problemen met programmatuur",
	 "Introductie van virussen via programmatuur", "Malware (Capture app data) bij PDQ"},
	/* skimmer tampering at a petrol station, reported by a customer */
	{"0102AAFF-2BF7-4D60-BDBE-1EC518229307.json", "veris:91AD4F00-E0E6-456D-A187-611D9A555E14",
	 1473379200, false, MK_TIME_UNKNOWN, MK_TIME_UNKNOWN, MK_SOURCE_GEBRUIKER_PARTNER, true, -1,
	 "Tesco Petrol Station", "447110", MK_MATRIX_GEBRUIKERS, "Menselijke omgang met apparatuur",
	 "Opzettelijke wijzigingen", "Fysiek (Tampering) bij Tesco Petrol Station"},
};

static void test_named_files_give_exact_values(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
		const struct expect *e = &expected[i];
		struct mk_incident inc;
		print_message("%s\n", e->file);
		map_file(e->file, &inc);
		assert_string_equal(inc.source_ref, e->source_ref);
		assert_int_equal(inc.occurred_at, e->occurred);
		assert_int_equal(inc.occurred_estimated, e->estimated);
		assert_int_equal(inc.detected_at, e->detected);
		assert_int_equal(inc.contained_at, e->contained);
		assert_int_equal(inc.source, e->source);
		assert_int_equal(inc.personal_data, e->personal);
		assert_int_equal(inc.people_affected, e->people);
		assert_text(inc.victim, e->victim);
		assert_text(inc.industry, e->industry);
		assert_true(inc.classified);
		assert_int_equal(inc.matrix_table, e->table);
		assert_string_equal(inc.matrix_category, e->category);
		assert_string_equal(inc.matrix_incident, e->incident);
		assert_string_equal(inc.title, e->title);
		mk_incident_release(&inc);
	}
}

/* The 10 KB scraped summary with \u escapes (Devanagari) survives whole. */
static void test_long_unicode_summary(void **state)
{
	(void)state;
	struct mk_incident inc;
	map_file("00cc861f-7690-41ec-8fe7-e84608c66269.JSON", &inc);
	assert_string_equal(inc.title, "Hacking bij Taj Hotels");
	assert_true(strlen(inc.description) > 5000);
	assert_non_null(strstr(inc.description, "\n\nBron: "));
	mk_incident_release(&inc);
}

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every incident file maps and passes the record check; MANIFEST.tsv and
 * schema/ are not looked at. */
static void test_every_sample_file_maps(void **state)
{
	(void)state;
	DIR *d = opendir(folder);
	assert_non_null(d);
	char *names[256];
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < 256) {
		size_t len = strlen(de->d_name);
		if (len > 5 && (strcmp(de->d_name + len - 5, ".json") == 0 ||
				strcmp(de->d_name + len - 5, ".JSON") == 0))
			names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_bytes);
	assert_int_equal(n, 70);
	size_t classified = 0, personal = 0, estimated = 0, detected = 0;
	for (size_t i = 0; i < n; i++) {
		struct mk_incident inc;
		map_file(names[i], &inc);
		classified += inc.classified;
		personal += inc.personal_data;
		estimated += inc.occurred_estimated;
		detected += inc.detected_at != MK_TIME_UNKNOWN;
		mk_incident_release(&inc);
		free(names[i]);
	}
	/* counted by hand from the files (the duplicate counted twice) */
	assert_int_equal(classified, 70);
	assert_int_equal(personal, 41);
	assert_int_equal(detected, 5);
	assert_int_equal(estimated, 31);
}

int main(void)
{
	const char *shared = getenv("MK_SHARED_DATA");
	struct stat st;
	snprintf(folder, sizeof(folder), "%s/vcdb", shared ? shared : "");
	if (!shared || stat(folder, &st) != 0 || !S_ISDIR(st.st_mode)) {
		printf("skipped: the shared VERIS sample is not at '%s' (set MK_SHARED_DATA)\n", folder);
		return 77;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_named_files_give_exact_values),
		cmocka_unit_test(test_long_unicode_summary),
		cmocka_unit_test(test_every_sample_file_maps),
	};
	return cmocka_run_group_tests_name("intake/veris-sample", tests, group_setup, group_teardown);
}
