/* The use cases on a real database: each rule enforced through the
 * service, the logbook entry written with every change, and a refused
 * call leaving the database exactly as it was. */
#include "fixture.h"

#include "service/service.h"

static const struct mk_actor desk = {"Anna de Vries", MK_ROLE_SERVICEDESK, "test", NULL};
static const struct mk_actor manager = {"Bram Visser", MK_ROLE_INCIDENTMANAGER, "test", NULL};

/* 2026-10-24 12:00 in Amsterdam (CEST) is 10:00 UTC. */
#define DETECTED ((mk_time)1792836000)
#define NOW ((mk_time)1792843200) /* two hours later */

/* Verifying is reading: a database whose guards were dropped can still be
 * read (and is then shown to be broken), though no longer written. */
static struct mk_service *open_read(struct fixture *f)
{
	struct mk_service *svc = NULL;
	struct mk_error err = {0};
	assert_int_equal(mk_service_open(f->db, MK_STORE_READ, NOW, &desk, &svc, NULL, &err), MK_OK);
	return svc;
}

static struct mk_service *open_svc(struct fixture *f)
{
	struct mk_service *svc = NULL;
	struct mk_error err = {0};
	assert_int_equal(mk_service_open(f->db, MK_STORE_CREATE, NOW, &desk, &svc, NULL, &err), MK_OK);
	return svc;
}

static void new_incident(struct mk_service *svc, char *key)
{
	const struct mk_field_value fields[] = {
		{"title", "Laptop met cliëntgegevens gestolen"},
		{"detected_at", "2026-10-24 12:00"},
		{"personal_data", "ja"},
	};
	struct mk_error err = {0};
	assert_int_equal(mk_svc_incident_register(svc, &desk, NOW, fields, 3, key, &err), MK_OK);
}

/* Everything in the database as SQL text, to compare before and after a
 * refused call. */
static char *dump(const char *path)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' .dump", path);
	FILE *p = popen(cmd, "r");
	size_t cap = 1 << 20, len = 0;
	char *buf = malloc(cap);
	size_t n;
	while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
		len += n;
		if (len + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	pclose(p);
	return buf;
}

static void test_service_opens_with_the_guidance_tables(void **state)
{
	struct mk_service *svc = open_svc(*state);
	assert_int_equal(svc->matrix.count, 75);
	assert_int_equal(svc->checklist.count, 45);
	assert_int_equal(svc->checklist_version, 1);
	mk_service_close(svc);
}

static void test_service_register_numbers_by_amsterdam_year(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	char key[MK_KEY_TEXT];
	const struct mk_field_value fields[] = {{"title", "Nieuwjaarsnacht: DDoS op de website"}};
	struct mk_error err = {0};
	/* 2026-12-31T23:30Z is 00:30 on 1 January 2027 in Amsterdam. */
	assert_int_equal(mk_svc_incident_register(svc, &desk, 1798759800, fields, 1, key, &err), MK_OK);
	assert_string_equal(key, "MK-2027-0001");
	assert_int_equal(mk_svc_incident_register(svc, &desk, 1798759800, fields, 1, key, &err), MK_OK);
	assert_string_equal(key, "MK-2027-0002");
	/* The registration's first logbook entry, the checklist, the head. */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM logbook"), 2);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM task"), 0); /* all open */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM incident WHERE log_count = 1"), 2);
	mk_service_close(svc);
}

static void test_service_refused_registration_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	char key[MK_KEY_TEXT];
	new_incident(svc, key);
	char *before = dump(f->db);
	struct mk_error err = {0};
	const struct mk_field_value detected_first[] = {
		{"title", "Onmogelijke tijden"},
		{"occurred_at", "2026-10-24 12:00"},
		{"detected_at", "2026-10-23 12:00"},
	};
	assert_int_equal(mk_svc_incident_register(svc, &desk, NOW, detected_first, 3, key, &err), MK_EINVAL);
	assert_string_equal(err.field, "detected_at");
	assert_non_null(strstr(err.message, "lies before occurred_at"));
	const struct mk_field_value bad[][2] = {
		{{"title", "Oud"}, {"occurred_at", "1900-01-01"}},
		{{"title", "Toekomst"}, {"occurred_at", "2200-01-01"}},
		{{"title", "Bad \xc3\x28 UTF-8"}, {"supplier", "x"}},
		{{"title", "Onbekend veld"}, {"favourite_colour", "blauw"}},
		{{"title", "Ouder"}, {"parent", "MK-2026-0999"}},
		{{"title", "Mail"}, {"reporter_email", "geen adres"}},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum mk_rc rc = mk_svc_incident_register(svc, &desk, NOW, bad[i], 2, key, &err);
		assert_true(rc == MK_EINVAL || rc == MK_ENOTFOUND);
		assert_true(err.message[0] != '\0');
	}
	char *after = dump(f->db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	mk_service_close(svc);
}

static void test_service_assess_computes_priority_and_steers_tasks(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	char key[MK_KEY_TEXT];
	new_incident(svc, key);
	struct mk_error err = {0};
	/* beheer / Technisch falen van apparatuur / Storing in apparatuur:
	 * helpdesk X, CISO (X), directie empty. */
	struct mk_assessment a = {
		.has_matrix = true, .table = MK_MATRIX_BEHEER,
		.category = "Technisch falen van apparatuur", .incident = "Storing in apparatuur",
		.has_people = true, .people = 10,
		.has_urgency = true, .urgency = MK_LEVEL_HOOG,
	};
	assert_int_equal(mk_svc_incident_assess(svc, &desk, NOW, key, 0, &a, &err), MK_OK);
	struct mk_incident inc;
	mk_incident_init(&inc);
	assert_int_equal(mk_svc_incident_get(svc, key, &inc, &err), MK_OK);
	assert_int_equal(inc.impact.level[MK_CRITERION_MENSEN], MK_LEVEL_MIDDEN); /* 10 people */
	assert_int_equal(inc.priority, MK_PRIORITY_P2); /* midden x hoog */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM task WHERE code = '1.3' AND state = 'open' "
				       "AND note LIKE '%indien relevant%'"), 1);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM task WHERE code = '1.3b' AND state = 'nvt'"), 1);
	mk_incident_release(&inc);

	/* An unknown row is refused and changes nothing. */
	char *before = dump(f->db);
	a.incident = "Storing in de koffieautomaat";
	assert_int_equal(mk_svc_incident_assess(svc, &desk, NOW, key, 0, &a, &err), MK_ENOTFOUND);
	assert_string_equal(err.field, "incident");
	char *after = dump(f->db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	mk_service_close(svc);
}

static void test_service_only_incidentmanager_or_ciso_declares_emergency(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	char key[MK_KEY_TEXT];
	new_incident(svc, key);
	struct mk_error err = {0};
	struct mk_assessment a = {.has_event_type = true, .event_type = MK_EVENT_NOODSITUATIE};
	assert_int_equal(mk_svc_incident_assess(svc, &desk, NOW, key, 0, &a, &err), MK_EPERM);
	assert_non_null(strstr(err.message, "noodsituatie"));
	assert_int_equal(raw_int(f->db, "SELECT log_count FROM incident"), 1);
	assert_int_equal(mk_svc_incident_assess(svc, &manager, NOW, key, 0, &a, &err), MK_OK);
	/* The declaration is its own logbook entry, of kind decision. */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM logbook WHERE kind = 'decision' AND "
				       "text LIKE 'Gebeurtenistype: normaal -> noodsituatie%Bram Visser%'"), 1);
	mk_service_close(svc);
}

static void test_service_phase_rules_and_closure(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	char key[MK_KEY_TEXT];
	new_incident(svc, key);
	struct mk_error err = {0};
	assert_int_equal(mk_svc_incident_phase(svc, &manager, NOW, key, 0, MK_PHASE_ANALYSE, NULL, &err),
			 MK_ECONFLICT); /* skips initiatie */
	assert_int_equal(mk_svc_incident_phase(svc, &manager, NOW, key, 0, MK_PHASE_ANALYSE,
					       "triage al gedaan", &err), MK_OK);
	assert_int_equal(mk_svc_incident_phase(svc, &manager, NOW, key, 0, MK_PHASE_INDAMMEN, NULL, &err), MK_OK);
	assert_int_equal(mk_svc_incident_phase(svc, &manager, NOW, key, 0, MK_PHASE_OPLOSSEN, NULL, &err),
			 MK_ECONFLICT);
	assert_string_equal(err.field, "contained_at");
	const struct mk_field_value contained[] = {{"contained_at", "2026-10-24 13:30"}};
	assert_int_equal(mk_svc_incident_edit(svc, &manager, NOW, key, 0, contained, 1, &err), MK_OK);
	assert_int_equal(mk_svc_incident_phase(svc, &manager, NOW, key, 0, MK_PHASE_OPLOSSEN, NULL, &err), MK_OK);
	assert_int_equal(mk_svc_incident_phase(svc, &manager, NOW, key, 0, MK_PHASE_AFSLUITEN, "snel", &err),
			 MK_ECONFLICT);
	assert_non_null(strstr(err.message, "6.1, 6.2, 6.3, 6.4a, 6.4b, 6.4c, 6.4d, 6.4e, 6.4f"));
	const char *closing[] = {"6.1", "6.2", "6.3", "6.4a", "6.4b", "6.4c", "6.4d", "6.4e", "6.4f"};
	/* 6.4a (police) and 6.4e (bank) do not apply; the rest is done. */
	for (size_t i = 0; i < 9; i++) {
		bool waived = strcmp(closing[i], "6.4a") == 0 || strcmp(closing[i], "6.4e") == 0;
		assert_int_equal(mk_svc_task_set(svc, &manager, NOW, key, closing[i],
						 waived ? MK_TASK_NVT : MK_TASK_DONE,
						 waived ? "niet van toepassing" : NULL, &err),
				 MK_OK);
	}
	assert_int_equal(mk_svc_incident_phase(svc, &manager, NOW, key, 0, MK_PHASE_AFSLUITEN, "snel", &err),
			 MK_OK);
	struct mk_incident inc;
	mk_incident_init(&inc);
	assert_int_equal(mk_svc_incident_get(svc, key, &inc, &err), MK_OK);
	assert_int_equal(inc.closed_at, NOW);
	assert_int_equal(inc.resolved_at, NOW);
	/* 6.4c records the AP notification time. */
	assert_int_equal(inc.ap_notified_at, NOW);
	/* Reopening clears closed_at and needs a reason. */
	assert_int_equal(mk_svc_incident_phase(svc, &manager, NOW, key, 0, MK_PHASE_HERSTEL, NULL, &err),
			 MK_ECONFLICT);
	assert_int_equal(mk_svc_incident_phase(svc, &manager, NOW, key, 0, MK_PHASE_HERSTEL,
					       "nieuwe besmetting gevonden", &err), MK_OK);
	assert_int_equal(mk_svc_incident_get(svc, key, &inc, &err), MK_OK);
	assert_int_equal(inc.closed_at, MK_TIME_UNKNOWN);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM logbook WHERE text LIKE "
				       "'Fase: afsluiten -> herstel%Reden: nieuwe besmetting gevonden%'"), 1);
	mk_incident_release(&inc);
	mk_service_close(svc);
}

static void test_service_stale_version_is_refused(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	char key[MK_KEY_TEXT];
	new_incident(svc, key);
	struct mk_error err = {0};
	const struct mk_field_value a[] = {{"title", "Eerste"}};
	const struct mk_field_value b[] = {{"title", "Tweede"}};
	assert_int_equal(mk_svc_incident_edit(svc, &desk, NOW, key, 1, a, 1, &err), MK_OK);
	assert_int_equal(mk_svc_incident_edit(svc, &desk, NOW, key, 1, b, 1, &err), MK_ECONFLICT);
	assert_non_null(strstr(err.message, "version 2, not 1"));
	assert_int_equal(raw_int(f->db, "SELECT title = 'Eerste' FROM incident"), 1);
	/* The edit is in the logbook with its old and new value. */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM logbook WHERE text = "
				       "'Gewijzigd:\ntitle: ''Laptop met cliëntgegevens gestolen'' -> ''Eerste'''"), 1);
	/* No change at all is bad input, not an empty log entry. */
	assert_int_equal(mk_svc_incident_edit(svc, &desk, NOW, key, 0, a, 1, &err), MK_EINVAL);
	mk_service_close(svc);
}

static void test_service_deadlines_to_the_second_across_dst(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	char key[MK_KEY_TEXT];
	new_incident(svc, key);
	struct mk_incident inc;
	struct mk_error err = {0};
	mk_incident_init(&inc);
	assert_int_equal(mk_svc_incident_get(svc, key, &inc, &err), MK_OK);
	assert_int_equal(inc.detected_at, DETECTED);
	struct mk_deadline d[MK_CLOCK_COUNT];
	mk_svc_incident_deadlines(svc, &inc, NOW, d);
	/* AP: 2026-10-27 11:00 CET = 10:00 UTC; 72 real hours. */
	assert_int_equal(d[MK_CLOCK_AP].due, 1793095200);
	assert_int_equal(d[MK_CLOCK_AP].due - DETECTED, 72 * 3600);
	assert_int_equal(d[MK_CLOCK_AP].state, MK_DEADLINE_RUNNING);
	assert_int_equal(d[MK_CLOCK_GOLDEN_HOUR].due, DETECTED + 3600);
	assert_int_equal(d[MK_CLOCK_GOLDEN_HOUR].state, MK_DEADLINE_ENDED);
	/* Subjects: 2026-10-31 12:00 CET, a calendar week: 169 hours. */
	assert_int_equal(d[MK_CLOCK_SUBJECTS].due, 1793444400);
	mk_svc_incident_deadlines(svc, &inc, 1793095201, d);
	assert_int_equal(d[MK_CLOCK_AP].state, MK_DEADLINE_OVERDUE);
	/* The FG's pre-notification (3.6b) stops the AP clock. */
	struct mk_actor fg = {"Fatima El Idrissi", MK_ROLE_FG, "test", NULL};
	assert_int_equal(mk_svc_task_set(svc, &fg, NOW, key, "3.6b", MK_TASK_DONE, "voormelding", &err), MK_OK);
	assert_int_equal(mk_svc_incident_get(svc, key, &inc, &err), MK_OK);
	mk_svc_incident_deadlines(svc, &inc, 1793095201, d);
	assert_int_equal(d[MK_CLOCK_AP].state, MK_DEADLINE_MET);
	assert_int_equal(d[MK_CLOCK_AP].met_at, NOW);
	mk_incident_release(&inc);
	mk_service_close(svc);
}

static void test_service_log_verify_names_the_first_bad_entry(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	char key[MK_KEY_TEXT];
	new_incident(svc, key);
	struct mk_error err = {0};
	for (int i = 0; i < 4; i++)
		assert_int_equal(mk_svc_log_add(svc, &manager, NOW + i, key, MK_LOG_NOTE, "Overleg met IBD", &err),
				 MK_OK);
	struct mk_chain_status st;
	assert_int_equal(mk_svc_log_verify(svc, key, &st, &err), MK_OK);
	assert_int_equal(st.entries, 5);
	assert_int_equal(mk_svc_log_add(svc, &manager, NOW, key, MK_LOG_SYSTEM, "vals", &err), MK_EINVAL);
	mk_service_close(svc);

	/* Someone with the file drops the guard and edits entry 3. */
	assert_int_equal(raw_sql(f->db, "DROP TRIGGER logbook_no_update; DROP TRIGGER logbook_no_delete;"
					"UPDATE logbook SET text = 'Niets aan de hand' WHERE seq = 3"), SQLITE_OK);
	struct mk_service *refused = NULL;
	assert_int_equal(mk_service_open(f->db, MK_STORE_WRITE, NOW, &desk, &refused, NULL, &err),
			 MK_ECHAIN);
	assert_non_null(strstr(err.message, "was altered outside meldkamer"));
	svc = open_read(f);
	assert_int_equal(mk_svc_log_verify(svc, key, &st, &err), MK_ECHAIN);
	assert_string_equal(err.message, "logbook entry 3 was changed after it was written");
	mk_service_close(svc);

	/* Removing entry 2 instead. */
	assert_int_equal(raw_sql(f->db, "UPDATE logbook SET text = 'Overleg met IBD' WHERE seq = 3;"
					"DELETE FROM logbook WHERE seq = 2"), SQLITE_OK);
	svc = open_read(f);
	assert_int_equal(mk_svc_log_verify(svc, key, &st, &err), MK_ECHAIN);
	assert_string_equal(err.message, "logbook entry 2 is missing: it was removed");
	mk_service_close(svc);

	/* Removing the last entry only shows against the recorded head. */
	assert_int_equal(raw_sql(f->db, "DELETE FROM logbook WHERE seq IN (3, 4, 5)"), SQLITE_OK);
	svc = open_read(f);
	assert_int_equal(mk_svc_log_verify(svc, key, &st, &err), MK_ECHAIN);
	assert_string_equal(err.message, "logbook entry 2 is missing: the incident records 5 entries, "
					 "the logbook holds 1");
	mk_service_close(svc);
}

static void test_service_kpi_over_registered_incidents(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	char key[MK_KEY_TEXT];
	struct mk_error err = {0};
	const struct mk_field_value one[] = {
		{"title", "A"}, {"occurred_at", "2026-10-24 10:00"}, {"detected_at", "2026-10-24 12:00"},
		{"contained_at", "2026-10-24 12:30"}, {"personal_data", "ja"},
	};
	const struct mk_field_value two[] = {
		{"title", "B"}, {"occurred_at", "2026-10-24 11:00"}, {"detected_at", "2026-10-24 11:00"},
	};
	const struct mk_field_value drill[] = {
		{"title", "Oefening"}, {"occurred_at", "2026-10-01 00:00"}, {"detected_at", "2026-10-24 11:00"},
		{"exercise", "ja"},
	};
	assert_int_equal(mk_svc_incident_register(svc, &desk, NOW, one, 5, key, &err), MK_OK);
	assert_int_equal(mk_svc_incident_register(svc, &desk, NOW, two, 3, key, &err), MK_OK);
	assert_int_equal(mk_svc_incident_register(svc, &desk, NOW, drill, 4, key, &err), MK_OK);
	struct mk_kpi k;
	mk_kpi_init(&k);
	assert_int_equal(mk_svc_kpi(svc, &k, &err), MK_OK);
	assert_int_equal(k.incidents, 2);
	assert_int_equal(k.exercises, 1);
	assert_int_equal(k.with_personal_data, 1);
	assert_int_equal(k.detection_lag.n, 2);
	assert_int_equal(k.detection_lag.min, 0);
	assert_int_equal(k.detection_lag.max, 7200);
	assert_int_equal(mk_kpi_stat_avg(&k.detection_lag), 3600);
	assert_int_equal(k.containment.n, 1);
	assert_int_equal(k.containment.min, 1800);
	mk_kpi_release(&k);
	mk_service_close(svc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_service_opens_with_the_guidance_tables, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_service_register_numbers_by_amsterdam_year, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_service_refused_registration_writes_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_service_assess_computes_priority_and_steers_tasks, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_service_only_incidentmanager_or_ciso_declares_emergency, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_service_phase_rules_and_closure, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_service_stale_version_is_refused, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_service_deadlines_to_the_second_across_dst, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_service_log_verify_names_the_first_bad_entry, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_service_kpi_over_registered_incidents, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
