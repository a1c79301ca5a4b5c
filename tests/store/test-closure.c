/* Closure on a real database (doc/closure.md): the purge through its
 * pass with an ordinary DELETE still refused, a held incident never
 * purged, evidence files removed after the commit unless another incident
 * names them, the purge log, the register check after a purge; and the
 * evaluation invitation parsed back with libical. */
#include "fixture.h"

#include <libical/ical.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "export/ical.h"
#include "http/report.h"
#include "service/service.h"

static const struct mk_actor desk = {"Anna de Vries", MK_ROLE_SERVICEDESK, "test", NULL};
static const struct mk_actor manager = {"Bram Visser", MK_ROLE_INCIDENTMANAGER, "test", NULL};
static const struct mk_actor ciso = {"Ingrid Verbeek", MK_ROLE_CISO, "test", NULL};
static const struct mk_actor admin = {"Beheer", MK_ROLE_ADMIN, "test", NULL};

#define NOW ((mk_time)1792836000)        /* 2026-10-24T10:00:00Z, 12:00 CEST */
#define RETAINED ((mk_time)1887530400)   /* 2029-10-24T10:00:00Z: 3 Amsterdam years on */

static struct mk_service *open_svc(struct fixture *f)
{
	struct mk_service *svc = NULL;
	struct mk_error err = {0};
	assert_int_equal(mk_service_open(f->db, MK_STORE_CREATE, NOW, &desk, &svc, NULL, &err), MK_OK);
	return svc;
}

/* A closed incident, containment and every step 6 task n.v.t. */
static void closed_incident(struct mk_service *svc, char *key)
{
	const struct mk_field_value fields[] = {{"title", "Gestolen laptop"},
						{"detected_at", "2026-10-24 11:00"},
						{"contained_at", "2026-10-24 11:30"}};
	struct mk_error err = {0};
	assert_int_equal(mk_svc_incident_register(svc, &desk, NOW, fields, 3, key, &err), MK_OK);
	const char *closing[] = {"6.1", "6.2", "6.3", "6.4a", "6.4b", "6.4c", "6.4d", "6.4e", "6.4f"};
	for (size_t i = 0; i < 9; i++)
		assert_int_equal(mk_svc_task_set(svc, &manager, NOW, key, closing[i], MK_TASK_NVT, "nvt",
						 &err),
				 MK_OK);
	assert_int_equal(mk_svc_incident_phase(svc, &manager, NOW, key, 0, MK_PHASE_AFSLUITEN,
					       "afgerond", &err),
			 MK_OK);
}

/* An evidence row and its file in the content-addressed folder. */
static void add_evidence(struct fixture *f, const char *key, const char *hex)
{
	char sql[1024], dir[256], path[384];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO evidence (incident_id, what, why, sha256, size, media_type, name, "
		 "stored_path, collected_by, collected_at) SELECT id, 'Dump', 'Analyse', '%s', 4, "
		 "'application/octet-stream', 'dump.bin', 'sha256/%.2s/%s', 'Thijs', %lld FROM incident "
		 "WHERE key = '%s'",
		 hex, hex, hex, (long long)NOW, key);
	assert_int_equal(raw_sql(f->db, sql), SQLITE_OK);
	snprintf(dir, sizeof(dir), "%s.evidence/sha256/%.2s", f->db, hex);
	char parent[256];
	snprintf(parent, sizeof(parent), "%s.evidence", f->db);
	mkdir(parent, 0700);
	snprintf(parent, sizeof(parent), "%s.evidence/sha256", f->db);
	mkdir(parent, 0700);
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/%s", dir, hex);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("dump", fp);
	fclose(fp);
}

static bool blob_exists(struct fixture *f, const char *hex)
{
	char path[384];
	snprintf(path, sizeof(path), "%s.evidence/sha256/%.2s/%s", f->db, hex, hex);
	return access(path, F_OK) == 0;
}

#define HEX_A "aa00000000000000000000000000000000000000000000000000000000000001"
#define HEX_B "bb00000000000000000000000000000000000000000000000000000000000002"

static void test_closure_purge_takes_only_what_may_go(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	char k1[MK_KEY_TEXT], k2[MK_KEY_TEXT], k3[MK_KEY_TEXT];
	struct mk_error err = {0};
	closed_incident(svc, k1);
	closed_incident(svc, k2);
	closed_incident(svc, k3);
	add_evidence(f, k1, HEX_A);
	add_evidence(f, k1, HEX_B);
	add_evidence(f, k3, HEX_B); /* the same file in an incident that stays */
	assert_int_equal(mk_svc_hold(svc, &ciso, NOW, k2, "Aangifte: strafzaak loopt", &err), MK_OK);
	assert_int_equal(mk_svc_hold(svc, &manager, NOW, k3, "x", &err), MK_EPERM);
	assert_int_equal(mk_svc_hold(svc, &ciso, NOW, k2, "nogmaals", &err), MK_ECONFLICT);
	assert_string_equal(err.message, "MK-2026-0002 is under legal hold already");

	/* Ordinary deletes stay refused, whatever the retention. */
	assert_int_equal(raw_sql(f->db, "DELETE FROM logbook WHERE incident_id = 1"), SQLITE_CONSTRAINT);
	assert_int_equal(raw_sql(f->db, "DELETE FROM evidence WHERE incident_id = 1"), SQLITE_CONSTRAINT);
	assert_int_equal(raw_sql(f->db, "DELETE FROM incident WHERE id = 1"), SQLITE_CONSTRAINT);
	/* A pass for a held incident is refused by the database itself. */
	assert_int_equal(raw_sql(f->db, "INSERT INTO purge_pass VALUES (2)"), SQLITE_CONSTRAINT);

	struct mk_purge_result res;
	/* A second before the end of retention: nothing is due. */
	struct mk_purge_plan plan;
	assert_int_equal(mk_svc_purge_plan(svc, RETAINED - 1, 3, NULL, 0, &plan, &err), MK_OK);
	assert_int_equal(plan.count, 0);
	mk_purge_plan_release(&plan);
	assert_int_equal(mk_svc_purge_plan(svc, RETAINED, 3, NULL, 0, &plan, &err), MK_OK);
	assert_int_equal(plan.count, 3);
	assert_int_equal(plan.held, 1);
	assert_true(plan.items[1].held);
	mk_purge_plan_release(&plan);

	/* Only admin; a named held incident refuses the whole list. */
	assert_int_equal(mk_svc_purge(svc, &ciso, RETAINED, 3, NULL, 0, &res, &err), MK_EPERM);
	const char *named[] = {k1, k2};
	assert_int_equal(mk_svc_purge(svc, &admin, RETAINED, 3, named, 2, &res, &err), MK_ECONFLICT);
	assert_string_equal(err.message, "the purge list names incidents under legal hold: "
					 "MK-2026-0002; nothing was purged (release the hold or leave "
					 "them out)");
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM incident"), 3);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM purge_log"), 0);
	/* Named before its time: refused too. */
	const char *early[] = {k1};
	assert_int_equal(mk_svc_purge(svc, &admin, RETAINED - 1, 3, early, 1, &res, &err), MK_ECONFLICT);

	/* k1 only (k3 stays for the shared file): named, at the second. */
	long long logs = raw_int(f->db, "SELECT count(*) FROM logbook WHERE incident_id = 1");
	assert_int_equal(mk_svc_purge(svc, &admin, RETAINED, 3, early, 1, &res, &err), MK_OK);
	assert_int_equal(res.counts.incidents, 1);
	assert_int_equal(res.counts.logbook_entries, logs);
	assert_int_equal(res.counts.evidence_items, 2);
	assert_int_equal(res.files_removed, 1);
	assert_false(blob_exists(f, HEX_A));
	assert_true(blob_exists(f, HEX_B)); /* still named by k3 */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM incident WHERE key = 'MK-2026-0001'"), 0);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM logbook WHERE incident_id = 1"), 0);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM task WHERE incident_id = 1"), 0);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM purge_pass"), 0);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM purged_incident WHERE key = "
					"'MK-2026-0001' AND purge_id = 1"),
			 1);
	assert_int_equal(raw_int(f->db, "SELECT before_years FROM purge_log"), 3);
	/* The purge log is append-only; the rest still refuses deletes. */
	assert_int_equal(raw_sql(f->db, "DELETE FROM purge_log"), SQLITE_CONSTRAINT);
	assert_int_equal(raw_sql(f->db, "UPDATE purged_incident SET key = 'x'"), SQLITE_CONSTRAINT);
	assert_int_equal(raw_sql(f->db, "DELETE FROM logbook WHERE incident_id = 3"), SQLITE_CONSTRAINT);

	/* Without a list: k3 goes, the held k2 stays; then the shared file. */
	assert_int_equal(mk_svc_purge(svc, &admin, RETAINED, 3, NULL, 0, &res, &err), MK_OK);
	assert_int_equal(res.counts.incidents, 1);
	assert_int_equal(res.files_removed, 1);
	assert_false(blob_exists(f, HEX_B));
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM incident"), 1);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM legal_hold"), 1);
	/* Only the held one left: nothing to purge. */
	assert_int_equal(mk_svc_purge(svc, &admin, RETAINED, 3, NULL, 0, &res, &err), MK_ENOTFOUND);
	assert_string_equal(err.message, "nothing to purge");

	/* The register check does not count purged numbers as deleted. */
	mk_service_close(svc);
}

static enum mk_rc count_problem(void *ctx, const char *problem)
{
	(void)problem;
	(*(int *)ctx)++;
	return MK_OK;
}

static void test_closure_register_check_after_purge(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	char k1[MK_KEY_TEXT], k2[MK_KEY_TEXT];
	struct mk_error err = {0};
	closed_incident(svc, k1);
	closed_incident(svc, k2);
	struct mk_purge_result res;
	const char *named[] = {k1};
	assert_int_equal(mk_svc_purge(svc, &admin, RETAINED, 3, named, 1, &res, &err), MK_OK);
	int problems = 0;
	assert_int_equal(mk_svc_register_check(svc, count_problem, &problems, &err), MK_OK);
	assert_int_equal(problems, 0);
	mk_service_close(svc);
	/* A deletion outside the purge (trigger dropped by hand) is still seen. */
	assert_int_equal(raw_sql(f->db, "DROP TRIGGER incident_no_delete; DROP TRIGGER logbook_no_delete;"
					"DELETE FROM task WHERE incident_id = 2; DELETE FROM logbook WHERE "
					"incident_id = 2; DELETE FROM incident WHERE id = 2"),
			 SQLITE_OK);
	struct mk_service *ro = NULL;
	assert_int_equal(mk_service_open(f->db, MK_STORE_READ, NOW, &desk, &ro, NULL, &err), MK_OK);
	problems = 0;
	assert_int_equal(mk_svc_register_check(ro, count_problem, &problems, &err), MK_OK);
	assert_int_equal(problems, 2); /* the first missing guard, MK-2026-0002 deleted */
	mk_service_close(ro);
}

static const char *prop_text(icalcomponent *c, icalproperty_kind k)
{
	icalproperty *p = icalcomponent_get_first_property(c, k);
	return p ? icalproperty_get_value_as_string(p) : NULL;
}

static void test_closure_invitation_parses_back(void **state)
{
	(void)state;
	const struct mk_ical_person team[] = {
		{"Thijs Jansen", "mailto:thijs.jansen@voorbeeldstad.nl"},
		{"Yusuf Demir", "urn:x-meldkamer:account:yusuf.demir"},
	};
	struct mk_ical_meeting m = {
		.key = "MK-2026-0007", .uuid = "0f8e2c5a-6d4b-4e1f-9a3c-2b7d8e9f0a1b",
		.title = "Phishing; bij, Burgerzaken\nregel 2", .start = 1795165200, /* 2026-11-20T09:00Z */
		.minutes = 90, .sequence = 2, .stamp = NOW,
		.organizer = {"Bram Visser", "mailto:bram.visser@voorbeeldstad.nl"},
		.attendees = team, .nattendees = 2,
	};
	char *text = NULL;
	struct mk_error err = {0};
	assert_int_equal(mk_ical_invitation(&m, &text, &err), MK_OK);
	/* Lines end in CRLF (RFC 5545 3.1). */
	assert_non_null(strstr(text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
	icalcomponent *cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	assert_int_equal(icalcomponent_get_method(cal), ICAL_METHOD_REQUEST);
	icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_non_null(ev);
	assert_string_equal(icalcomponent_get_uid(ev),
			    "evaluatie-0f8e2c5a-6d4b-4e1f-9a3c-2b7d8e9f0a1b@meldkamer");
	assert_string_equal(icalcomponent_get_summary(ev),
			    "Evaluatie MK-2026-0007: Phishing; bij, Burgerzaken\nregel 2");
	struct icaltimetype start = icalcomponent_get_dtstart(ev);
	assert_true(icaltime_is_utc(start));
	assert_int_equal(icaltime_as_timet(start), 1795165200);
	assert_int_equal(icaltime_as_timet(icalcomponent_get_dtend(ev)), 1795165200 + 90 * 60);
	assert_int_equal(icaltime_as_timet(icalcomponent_get_dtstamp(ev)), NOW);
	assert_string_equal(prop_text(ev, ICAL_SEQUENCE_PROPERTY), "2");
	icalproperty *org = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY);
	assert_string_equal(icalproperty_get_organizer(org), "mailto:bram.visser@voorbeeldstad.nl");
	assert_string_equal(icalparameter_get_cn(icalproperty_get_first_parameter(org, ICAL_CN_PARAMETER)),
			    "Bram Visser");
	icalproperty *a = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	assert_string_equal(icalproperty_get_attendee(a), "mailto:thijs.jansen@voorbeeldstad.nl");
	assert_int_equal(icalparameter_get_partstat(
				 icalproperty_get_first_parameter(a, ICAL_PARTSTAT_PARAMETER)),
			 ICAL_PARTSTAT_NEEDSACTION);
	a = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY);
	assert_string_equal(icalproperty_get_attendee(a), "urn:x-meldkamer:account:yusuf.demir");
	assert_null(icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY));
	icalcomponent_free(cal);
	mk_free(text);

	char addr[128];
	mk_ical_account_address("anna", "voorbeeldstad.nl", addr, sizeof(addr));
	assert_string_equal(addr, "mailto:anna@voorbeeldstad.nl");
	mk_ical_account_address("Anna de Vries", NULL, addr, sizeof(addr));
	assert_string_equal(addr, "urn:x-meldkamer:account:Anna%20de%20Vries");
	icaltimezone_free_builtin_timezones();
}

/* A report larger than its buffer's ceiling names the ceiling and leaves
 * nothing half-usable to the caller (the buffer's sticky error). */
static void test_closure_report_too_large_names_its_ceiling(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	char key[MK_KEY_TEXT];
	struct mk_error err = {0};
	closed_incident(svc, key);
	static char text[60000];
	memset(text, 'x', sizeof(text) - 1);
	for (int i = 0; i < 20; i++)
		assert_int_equal(mk_svc_log_add(svc, &manager, NOW, key, MK_LOG_NOTE, text, &err), MK_OK);
	struct mk_buf b;
	mk_buf_init(&b, 1024 * 1024);
	assert_int_equal(mk_report_html(svc, key, NOW, "Bram", &b, &err), MK_ETOOBIG);
	assert_string_equal(err.message, "the report of MK-2026-0001 is larger than 1 MB: use "
					 "'meldkamer export report'");
	mk_buf_release(&b);
	mk_buf_init(&b, MK_REPORT_MAX);
	assert_int_equal(mk_report_html(svc, key, NOW, "Bram", &b, &err), MK_OK);
	assert_true(b.len > 1024 * 1024);
	assert_non_null(strstr(b.data, "<h1>Incidentrapport MK-2026-0001</h1>"));
	mk_buf_release(&b);
	assert_int_equal(mk_report_html(svc, "MK-2026-0099", NOW, "Bram", &b, &err), MK_ENOTFOUND);
	mk_service_close(svc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_closure_purge_takes_only_what_may_go, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(test_closure_register_check_after_purge, fixture_setup,
						fixture_teardown),
		cmocka_unit_test(test_closure_invitation_parses_back),
		cmocka_unit_test_setup_teardown(test_closure_report_too_large_names_its_ceiling,
						fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("closure", tests, NULL, NULL);
}
