/* The data-breach use cases on a real database: the record with its
 * defaults and the personal-data flag, the AP life cycle with the 72-hour
 * refusal, the subjects decision, the clocks that read the breach, the
 * register, the append-only guards, and every refused call leaving the
 * database exactly as it was. */
#include "fixture.h"

#include "base/alloc.h"
#include "service/service.h"

static const struct mk_actor desk = {"Anna de Vries", MK_ROLE_SERVICEDESK, "test", NULL};
static const struct mk_actor fg = {"Fatima el Amrani", MK_ROLE_FG, "test", NULL};

/* 2027-03-26 10:00 Amsterdam (CET) = 09:00 UTC, the Friday before summer
 * time; 72 elapsed hours later: 2027-03-29 11:00 CEST. */
#define DETECTED ((mk_time)1806051600)
#define AP_DUE ((mk_time)1806310800)
#define NOW ((mk_time)(DETECTED + 7200))

static struct mk_service *open_svc(struct fixture *f, mk_time now)
{
	struct mk_service *svc = NULL;
	struct mk_error err = {0};
	assert_int_equal(mk_service_open(f->db, MK_STORE_CREATE, now, &desk, &svc, NULL, &err), MK_OK);
	return svc;
}

static void new_incident(struct mk_service *svc, const char *personal, char *key)
{
	const struct mk_field_value fields[] = {
		{"title", "=HYPERLINK(\"http://x\") laptop gestolen"},
		{"detected_at", "2027-03-26 10:00"},
		{"personal_data", personal},
	};
	struct mk_error err = {0};
	assert_int_equal(mk_svc_incident_register(svc, &desk, NOW, fields, 3, key, &err), MK_OK);
}

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

static void test_breach_set_creates_with_defaults_and_turns_personal_data_on(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f, NOW);
	char key[MK_KEY_TEXT];
	new_incident(svc, "nee", key);
	struct mk_error err = {0};
	const struct mk_field_value fields[] = {
		{"categories", "naw,bsn"},
		{"special_categories", "gezondheid"},
		{"subjects_min", "300"},
		{"subjects_max", "350"},
		{"risk", "hoog"},
		{"risk_reasoning", "BSN en gezondheidsgegevens"},
	};
	bool created = false;
	assert_int_equal(mk_svc_breach_set(svc, &fg, NOW, key, fields, 6, &created, &err), MK_OK);
	assert_true(created);
	struct mk_breach b;
	mk_breach_init(&b);
	assert_int_equal(mk_svc_breach_get(svc, key, &b, &err), MK_OK);
	assert_int_equal(b.aware_at, DETECTED);
	assert_int_equal(b.subjects_min, 300);
	assert_int_equal(b.subjects_max, 350);
	assert_int_equal(b.risk, MK_RISK_HOOG);
	assert_int_equal(b.version, 1);
	assert_true(b.categories & mk_breach_bsn_bit());
	mk_breach_release(&b);

	struct mk_incident inc;
	mk_incident_init(&inc);
	assert_int_equal(mk_svc_incident_get(svc, key, &inc, &err), MK_OK);
	assert_true(inc.personal_data);
	assert_int_equal(inc.log_count, 2);
	mk_incident_release(&inc);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM logbook WHERE text LIKE "
					"'Datalek geregistreerd%personal_data: nee -> ja'"),
			 1);

	/* The flag cannot go off while the breach exists. */
	const struct mk_field_value off[] = {{"personal_data", "nee"}};
	assert_int_equal(mk_svc_incident_edit(svc, &desk, NOW, key, 0, off, 1, &err), MK_ECONFLICT);
	assert_string_equal(err.field, "personal_data");
	mk_service_close(svc);
}

static void test_breach_set_refusals_write_nothing(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f, NOW);
	char key[MK_KEY_TEXT];
	new_incident(svc, "ja", key);
	char *before = dump(f->db);
	struct mk_error err = {0};
	static const struct {
		const char *name, *value, *field, *message;
	} bad[] = {
		{"categories", "naw,paspoort", "categories", NULL},
		{"subjects_min", "-3", "subjects_min", "subjects_min '-3' is not a count (a whole number from 0 to 10000000000)"},
		{"subjects_max", "99999999999", "subjects_max", NULL},
		{"aware_at", "2027-03-26 09:59", "aware_at", "aware_at lies before the incident's detected_at"},
		{"aware_at", "gisteren", "aware_at", NULL},
		{"risk", "hoog", "risk_reasoning", NULL},
		{"summary", "\xc3\x28", "summary", NULL},
		{"colour", "rood", "colour", "'colour' is not a field that can be set"},
		{"encrypted", "misschien", "encrypted", NULL},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const struct mk_field_value v[] = {{bad[i].name, bad[i].value}};
		enum mk_rc rc = mk_svc_breach_set(svc, &fg, NOW, key, v, 1, NULL, &err);
		if (rc != MK_EINVAL)
			fail_msg("%s=%s: rc %d", bad[i].name, bad[i].value, rc);
		assert_string_equal(err.field, bad[i].field);
		if (bad[i].message)
			assert_string_equal(err.message, bad[i].message);
	}
	const struct mk_field_value twice[] = {{"risk", "laag"}, {"risk", "hoog"}};
	assert_int_equal(mk_svc_breach_set(svc, &fg, NOW, key, twice, 2, NULL, &err), MK_EINVAL);
	assert_string_equal(err.message, "risk is given twice");
	assert_int_equal(mk_svc_breach_set(svc, &fg, NOW, "MK-2027-0099", NULL, 0, NULL, &err),
			 MK_ENOTFOUND);
	char *after = dump(f->db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	mk_service_close(svc);
}

static void test_breach_notify_life_cycle_and_late_refusal(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f, NOW);
	char key[MK_KEY_TEXT];
	new_incident(svc, "ja", key);
	struct mk_error err = {0};
	/* No breach yet: nothing to notify about. */
	struct mk_ap_notification n = {0, MK_AP_VOORLOPIG, MK_TIME_UNKNOWN, "M2027-0001", NULL, NULL};
	assert_int_equal(mk_svc_breach_notify(svc, &fg, NOW, key, &n, &err), MK_ECONFLICT);
	assert_string_equal(err.field, "breach");
	assert_int_equal(mk_svc_breach_set(svc, &fg, NOW, key, NULL, 0, NULL, &err), MK_OK);
	mk_service_close(svc);

	/* One second past the 72 hours, without a reason: refused, nothing
	 * written. */
	svc = open_svc(f, AP_DUE + 1);
	char *before = dump(f->db);
	assert_int_equal(mk_svc_breach_notify(svc, &fg, AP_DUE + 1, key, &n, &err), MK_ECONFLICT);
	assert_string_equal(err.field, "late_reason");
	assert_string_equal(err.message,
			    "late_reason is empty: the notification is filed after the 72 hours "
			    "(due 2027-03-29 11:00 CEST) and needs the reasons for the delay (AVG "
			    "art. 33(1))");
	char *after = dump(f->db);
	assert_string_equal(before, after);
	free(before);
	free(after);

	/* Filed at exactly the 72 hours: on time. */
	n.filed_at = AP_DUE;
	assert_int_equal(mk_svc_breach_notify(svc, &fg, AP_DUE + 1, key, &n, &err), MK_OK);
	assert_true(n.id > 0);
	struct mk_incident inc;
	mk_incident_init(&inc);
	assert_int_equal(mk_svc_incident_get(svc, key, &inc, &err), MK_OK);
	assert_int_equal(inc.ap_notified_at, AP_DUE);
	struct mk_deadline d[MK_CLOCK_COUNT];
	mk_svc_incident_deadlines(svc, &inc, AP_DUE + 1, d);
	assert_int_equal(d[MK_CLOCK_AP].state, MK_DEADLINE_MET);
	assert_int_equal(d[MK_CLOCK_AP].due, AP_DUE);
	mk_incident_release(&inc);

	struct mk_ap_notification def = {0, MK_AP_DEFINITIEF, MK_TIME_UNKNOWN, "M2027-0001", NULL, NULL};
	assert_int_equal(mk_svc_breach_notify(svc, &fg, AP_DUE + 1, key, &def, &err), MK_OK);
	struct mk_ap_notification again = def;
	assert_int_equal(mk_svc_breach_notify(svc, &fg, AP_DUE + 1, key, &again, &err), MK_ECONFLICT);
	assert_string_equal(err.field, "kind");
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM ap_notification"), 2);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM logbook WHERE kind = 'communication' "
					"AND text LIKE 'Melding aan de AP: definitief, meldnummer M2027-0001%'"),
			 1);

	/* aware_at cannot move once the AP was notified. */
	const struct mk_field_value move[] = {{"aware_at", "2027-03-27 10:00"}};
	assert_int_equal(mk_svc_breach_set(svc, &fg, AP_DUE + 1, key, move, 1, NULL, &err),
			 MK_ECONFLICT);
	assert_string_equal(err.message, "aware_at cannot change: the AP was notified already "
					 "(meldnummer 'M2027-0001')");
	mk_service_close(svc);

	/* The rows are append-only in the database itself. */
	assert_int_not_equal(raw_sql(f->db, "UPDATE ap_notification SET reference = 'X'"), SQLITE_OK);
	assert_int_not_equal(raw_sql(f->db, "DELETE FROM ap_notification"), SQLITE_OK);
	assert_int_not_equal(raw_sql(f->db, "DELETE FROM breach"), SQLITE_OK);
}

static void test_breach_inform_decision_sets_and_stops_the_clock(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f, NOW);
	char key[MK_KEY_TEXT];
	new_incident(svc, "ja", key);
	struct mk_error err = {0};
	const struct mk_field_value risk[] = {{"risk", "hoog"}, {"risk_reasoning", "BSN"}};
	assert_int_equal(mk_svc_breach_set(svc, &fg, NOW, key, risk, 2, NULL, &err), MK_OK);
	const struct mk_field_value no_reason[] = {{"decision", "nee"}, {"exception", "versleuteld"}};
	assert_int_equal(mk_svc_breach_inform(svc, &fg, NOW, key, no_reason, 2, &err), MK_EINVAL);
	assert_string_equal(err.field, "reason");
	const struct mk_field_value no_decision[] = {{"channel", "brief"}};
	assert_int_equal(mk_svc_breach_inform(svc, &fg, NOW, key, no_decision, 1, &err), MK_EINVAL);
	assert_string_equal(err.field, "decision");

	struct mk_incident inc;
	mk_incident_init(&inc);
	assert_int_equal(mk_svc_incident_get(svc, key, &inc, &err), MK_OK);
	struct mk_deadline d[MK_CLOCK_COUNT];
	mk_svc_incident_deadlines(svc, &inc, NOW, d);
	/* 2027-04-02 10:00 CEST: seven calendar days, 167 hours. */
	assert_int_equal(d[MK_CLOCK_SUBJECTS].due, 1806652800);
	assert_int_equal(d[MK_CLOCK_SUBJECTS].state, MK_DEADLINE_RUNNING);
	mk_incident_release(&inc);

	const struct mk_field_value yes[] = {
		{"decision", "ja"}, {"channel", "brief"}, {"informed_at", "2027-03-26 11:30"}};
	assert_int_equal(mk_svc_breach_inform(svc, &fg, NOW, key, yes, 3, &err), MK_OK);
	mk_incident_init(&inc);
	assert_int_equal(mk_svc_incident_get(svc, key, &inc, &err), MK_OK);
	assert_int_equal(inc.subjects_informed_at, DETECTED + 5400);
	mk_svc_incident_deadlines(svc, &inc, NOW, d);
	assert_int_equal(d[MK_CLOCK_SUBJECTS].state, MK_DEADLINE_MET);
	mk_incident_release(&inc);
	/* Told is told. */
	const struct mk_field_value no[] = {
		{"decision", "nee"}, {"exception", "versleuteld"}, {"reason", "toch niet"}};
	assert_int_equal(mk_svc_breach_inform(svc, &fg, NOW, key, no, 3, &err), MK_ECONFLICT);
	assert_string_equal(err.message, "the data subjects were informed already (2027-03-26 "
					 "11:30 CET): the decision stands");
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM logbook WHERE kind = 'decision' AND "
					"text = 'Besluit: betrokkenen informeren via brief, "
					"geïnformeerd 2027-03-26 11:30 CET'"),
			 1);
	mk_service_close(svc);
}

struct reg {
	int rows;
	char status[64];
	char title[128];
};

static enum mk_rc count_row(void *ctx, const struct mk_breach_register_row *r)
{
	struct reg *g = ctx;
	g->rows++;
	snprintf(g->status, sizeof(g->status), "%s",
		 mk_ap_status_of(r->notifications, r->ap_final, r->ap_withdrawn));
	snprintf(g->title, sizeof(g->title), "%s", r->title);
	return MK_OK;
}

static void test_breach_register_lists_unreported_breaches_and_hides_confidential(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f, NOW);
	char key[MK_KEY_TEXT], other[MK_KEY_TEXT];
	new_incident(svc, "ja", key);
	new_incident(svc, "ja", other);
	struct mk_error err = {0};
	assert_int_equal(mk_svc_breach_set(svc, &fg, NOW, key, NULL, 0, NULL, &err), MK_OK);
	struct reg g = {0};
	assert_int_equal(mk_svc_breach_register(svc, NULL, count_row, &g, &err), MK_OK);
	assert_int_equal(g.rows, 1);
	assert_string_equal(g.status, "niet gemeld");
	assert_string_equal(g.title, "=HYPERLINK(\"http://x\") laptop gestolen");

	const struct mk_field_value conf[] = {{"confidential", "ja"}};
	assert_int_equal(mk_svc_incident_edit(svc, &desk, NOW, key, 0, conf, 1, &err), MK_OK);
	struct mk_incident_query scope = {.viewer_account = "iemand"};
	mk_access_filter_for(MK_ROLE_FG, &scope.filter);
	memset(&g, 0, sizeof(g));
	assert_int_equal(mk_svc_breach_register(svc, &scope, count_row, &g, &err), MK_OK);
	assert_int_equal(g.rows, 0);
	mk_access_filter_for(MK_ROLE_CISO, &scope.filter);
	assert_int_equal(mk_svc_breach_register(svc, &scope, count_row, &g, &err), MK_OK);
	assert_int_equal(g.rows, 1);
	mk_service_close(svc);
}


/* An allocation failure anywhere in a breach change leaves the database
 * as it was and is answered MK_ENOMEM; with enough memory it succeeds.
 * (The store's own SQLite allocations are not hooked; meldkamer's are.) */
#define FAULT_MAX 5000
static void test_breach_changes_free_everything_on_allocation_failure(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f, NOW);
	char key[MK_KEY_TEXT];
	new_incident(svc, "ja", key);
	const struct mk_field_value fields[] = {
		{"categories", "naw,bsn"}, {"summary", "Lijst gemaild"}, {"risk", "hoog"},
		{"risk_reasoning", "BSN"}, {"fg_name", "Fatima"}, {"fg_consulted_at", "2027-03-26 11:00"}};
	const struct mk_field_value inform[] = {{"decision", "nee"}, {"exception", "versleuteld"},
						 {"reason", "Versleuteld"}};
	for (int step = 0; step < 3; step++) {
		enum mk_rc rc = MK_ENOMEM;
		long n;
		long long logs = raw_int(f->db, "SELECT count(*) FROM logbook");
		for (n = 0; n < FAULT_MAX && rc == MK_ENOMEM; n++) {
			struct mk_error err = {0};
			struct mk_ap_notification note = {0, MK_AP_VOORLOPIG, MK_TIME_UNKNOWN, "M1", NULL, NULL};
			mk_alloc_fail_after(n);
			if (step == 0)
				rc = mk_svc_breach_set(svc, &fg, NOW, key, fields, 6, NULL, &err);
			else if (step == 1)
				rc = mk_svc_breach_notify(svc, &fg, NOW, key, &note, &err);
			else
				rc = mk_svc_breach_inform(svc, &fg, NOW, key, inform, 3, &err);
			mk_alloc_fail_reset();
			if (rc == MK_ENOMEM)
				assert_int_equal(raw_int(f->db, "SELECT count(*) FROM logbook"), logs);
			else if (rc != MK_OK)
				fail_msg("step %d, failing allocation %ld: rc %d: %s", step, n, rc, err.message);
		}
		assert_int_equal(rc, MK_OK);
		assert_true(n > 1);
		assert_int_equal(raw_int(f->db, "SELECT count(*) FROM logbook"), logs + 1);
	}
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM ap_notification"), 1);
	mk_service_close(svc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_breach_set_creates_with_defaults_and_turns_personal_data_on,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_breach_set_refusals_write_nothing, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(test_breach_notify_life_cycle_and_late_refusal,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_breach_inform_decision_sets_and_stops_the_clock,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(
			test_breach_register_lists_unreported_breaches_and_hides_confidential,
			fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_breach_changes_free_everything_on_allocation_failure,
						fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("breach-service", tests, NULL, NULL);
}
