/* The store's contract: every backend must pass these. Each test gets a
 * fresh database in its own temporary folder. */
#include "fixture.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include "base/limits.h"
#include "core/checklist.h"
#include "store/store.h"

static struct mk_store *open_new(struct fixture *f)
{
	struct mk_store *s = NULL;
	struct mk_error err = {0};
	bool created = false;
	assert_int_equal(mk_store_open(f->db, MK_STORE_CREATE, &s, &created, &err), MK_OK);
	assert_true(created);
	return s;
}

/* A minimal valid incident with the given key. */
static void make_incident(struct mk_incident *inc, const char *key, const char *uuid_tail)
{
	mk_incident_init(inc);
	snprintf(inc->uuid, sizeof(inc->uuid), "00000000-0000-4000-8000-%012d", atoi(uuid_tail));
	snprintf(inc->key, sizeof(inc->key), "%s", key);
	mk_incident_set_text(&inc->title, "Phishingmail bij Burgerzaken");
	mk_logbook_genesis(inc->uuid, inc->log_head);
	inc->created_at = inc->updated_at = 1790000000;
}

static void test_store_creates_schema_and_marks_the_file(void **state)
{
	struct fixture *f = *state;
	struct mk_store *s = open_new(f);
	int version = 0;
	assert_int_equal(mk_store_disk_schema_version(s, &version, NULL), MK_OK);
	assert_int_equal(version, mk_store_schema_version());
	mk_store_close(s);
	/* 'MKDB' in the header: other tools can tell the file is ours. */
	assert_int_equal(raw_int(f->db, "PRAGMA application_id"), 0x4d4b4442);
	assert_int_equal(raw_int(f->db, "PRAGMA user_version"), mk_store_schema_version());
	/* WAL is a property of the file, set once. */
	assert_int_equal(raw_int(f->db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
}

static void test_store_open_of_missing_database_names_init(void **state)
{
	struct fixture *f = *state;
	struct mk_store *s = NULL;
	struct mk_error err = {0};
	assert_int_equal(mk_store_open(f->db, MK_STORE_READ, &s, NULL, &err), MK_ENOTFOUND);
	assert_non_null(strstr(err.message, "meldkamer init"));
	assert_int_equal(mk_store_open(f->db, MK_STORE_WRITE, &s, NULL, &err), MK_ENOTFOUND);
	assert_null(s);
	/* Nothing was created by the failed opens. */
	assert_int_equal(access(f->db, F_OK), -1);
}

static void test_store_refuses_a_foreign_sqlite_database(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(raw_sql(f->db, "CREATE TABLE customers (id INTEGER)"), SQLITE_OK);
	struct mk_store *s = NULL;
	struct mk_error err = {0};
	assert_int_equal(mk_store_open(f->db, MK_STORE_WRITE, &s, NULL, &err), MK_ESTORE);
	assert_non_null(strstr(err.message, "not a meldkamer database"));
	assert_int_equal(mk_store_open(f->db, MK_STORE_CREATE, &s, NULL, &err), MK_ESTORE);
	/* Left as it was: still only the foreign table. */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM sqlite_schema"), 1);
}

static void test_store_refuses_a_file_that_is_not_a_database(void **state)
{
	struct fixture *f = *state;
	FILE *fp = fopen(f->db, "wb");
	for (int i = 0; i < 4096; i++)
		fputc((i * 7919) & 0xff, fp);
	fclose(fp);
	struct mk_store *s = NULL;
	struct mk_error err = {0};
	assert_int_equal(mk_store_open(f->db, MK_STORE_READ, &s, NULL, &err), MK_ESTORE);
	assert_non_null(strstr(err.message, "not a database"));
	assert_int_equal(mk_store_open(f->db, MK_STORE_WRITE, &s, NULL, &err), MK_ESTORE);
	struct stat sb;
	assert_int_equal(stat(f->db, &sb), 0);
	assert_int_equal(sb.st_size, 4096);
}

static void test_store_refuses_a_newer_schema(void **state)
{
	struct fixture *f = *state;
	mk_store_close(open_new(f));
	assert_int_equal(raw_sql(f->db, "PRAGMA user_version = 99"), SQLITE_OK);
	struct mk_store *s = NULL;
	struct mk_error err = {0};
	assert_int_equal(mk_store_open(f->db, MK_STORE_WRITE, &s, NULL, &err), MK_ESTORE);
	assert_non_null(strstr(err.message, "newer than this meldkamer"));
}

static void test_store_keys_are_gap_free_across_rollback(void **state)
{
	struct fixture *f = *state;
	struct mk_store *s = open_new(f);
	int64_t n = 0;
	assert_int_equal(mk_store_begin(s, true, NULL), MK_OK);
	assert_int_equal(mk_store_next_key_number(s, 2026, &n, NULL), MK_OK);
	assert_int_equal(n, 1);
	mk_store_rollback(s); /* the registration failed: number 1 comes back */
	assert_int_equal(mk_store_begin(s, true, NULL), MK_OK);
	assert_int_equal(mk_store_next_key_number(s, 2026, &n, NULL), MK_OK);
	assert_int_equal(n, 1);
	assert_int_equal(mk_store_next_key_number(s, 2026, &n, NULL), MK_OK);
	assert_int_equal(n, 2);
	assert_int_equal(mk_store_next_key_number(s, 2027, &n, NULL), MK_OK);
	assert_int_equal(n, 1); /* per year */
	assert_int_equal(mk_store_commit(s, NULL), MK_OK);
	mk_store_close(s);
}

/* Two processes hand out numbers at once: every number once, none
 * skipped. The write lock is taken at BEGIN, so they queue. */
static void test_store_keys_are_unique_with_two_writers(void **state)
{
	struct fixture *f = *state;
	mk_store_close(open_new(f));
	assert_int_equal(raw_sql(f->db, "CREATE TABLE IF NOT EXISTS handed (n INTEGER)"), SQLITE_OK);
	pid_t pids[2];
	for (int p = 0; p < 2; p++) {
		pids[p] = fork();
		assert_true(pids[p] >= 0);
		if (pids[p] == 0) {
			struct mk_store *s = NULL;
			if (mk_store_open(f->db, MK_STORE_WRITE, &s, NULL, NULL))
				_exit(3);
			for (int i = 0; i < 200; i++) {
				int64_t n;
				if (mk_store_begin(s, true, NULL) || mk_store_next_key_number(s, 2026, &n, NULL))
					_exit(4);
				mk_store_commit(s, NULL);
			}
			mk_store_close(s);
			_exit(0);
		}
	}
	for (int p = 0; p < 2; p++) {
		int status;
		waitpid(pids[p], &status, 0);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(raw_int(f->db, "SELECT last FROM key_counter WHERE year = 2026"), 400);
}

static void test_store_insert_get_and_version_conflict(void **state)
{
	struct fixture *f = *state;
	struct mk_store *s = open_new(f);
	struct mk_incident inc, got;
	struct mk_error err = {0};
	make_incident(&inc, "MK-2026-0001", "1");
	inc.detected_at = 1790000000;
	inc.people_affected = 120;
	inc.impact.level[MK_CRITERION_MENSEN] = MK_LEVEL_HOOG;
	mk_incident_set_text(&inc.description, "Mail met link naar nep-DigiD");
	assert_int_equal(mk_store_begin(s, true, NULL), MK_OK);
	assert_int_equal(mk_store_incident_insert(s, &inc, 1, &err), MK_OK);
	assert_int_equal(mk_store_commit(s, NULL), MK_OK);
	assert_true(inc.id > 0);
	assert_int_equal(inc.version, 1);

	mk_incident_init(&got);
	int checklist_version = 0;
	assert_int_equal(mk_store_incident_get(s, "MK-2026-0001", &got, &checklist_version, &err), MK_OK);
	assert_int_equal(checklist_version, 1);
	assert_string_equal(got.title, "Phishingmail bij Burgerzaken");
	assert_string_equal(got.description, "Mail met link naar nep-DigiD");
	assert_int_equal(got.detected_at, 1790000000);
	assert_int_equal(got.occurred_at, MK_TIME_UNKNOWN);
	assert_int_equal(got.people_affected, 120);
	assert_int_equal(got.impact.level[MK_CRITERION_MENSEN], MK_LEVEL_HOOG);
	assert_int_equal(got.impact.level[MK_CRITERION_GEGEVENS], MK_LEVEL_NONE);
	assert_int_equal(raw_int(f->db, "SELECT impact = 'hoog' FROM incident"), 1);

	/* Two editors read version 1; the first save wins, the second is
	 * refused instead of silently overwriting. */
	mk_incident_set_text(&inc.title, "Eerste wijziging");
	mk_incident_set_text(&got.title, "Tweede wijziging");
	assert_int_equal(mk_store_begin(s, true, NULL), MK_OK);
	assert_int_equal(mk_store_incident_update(s, &inc, &err), MK_OK);
	assert_int_equal(inc.version, 2);
	assert_int_equal(mk_store_incident_update(s, &got, &err), MK_ECONFLICT);
	assert_non_null(strstr(err.message, "changed by someone else"));
	assert_int_equal(mk_store_commit(s, NULL), MK_OK);
	assert_int_equal(raw_int(f->db, "SELECT title = 'Eerste wijziging' FROM incident"), 1);

	assert_int_equal(mk_store_incident_get(s, "MK-2026-0404", &got, NULL, &err), MK_ENOTFOUND);
	assert_non_null(strstr(err.message, "MK-2026-0404"));
	mk_incident_release(&inc);
	mk_incident_release(&got);
	mk_store_close(s);
}

static void test_store_source_ref_is_unique(void **state)
{
	struct fixture *f = *state;
	struct mk_store *s = open_new(f);
	struct mk_incident a, b;
	struct mk_error err = {0};
	make_incident(&a, "MK-2026-0001", "1");
	make_incident(&b, "MK-2026-0002", "2");
	mk_incident_set_text(&a.source_ref, "veris:ABC");
	mk_incident_set_text(&b.source_ref, "veris:ABC");
	assert_int_equal(mk_store_begin(s, true, NULL), MK_OK);
	assert_int_equal(mk_store_incident_insert(s, &a, 1, &err), MK_OK);
	assert_int_equal(mk_store_incident_insert(s, &b, 1, &err), MK_ECONFLICT);
	char key[MK_KEY_TEXT];
	bool found = false;
	assert_int_equal(mk_store_incident_find_ref(s, "veris:ABC", key, &found, &err), MK_OK);
	assert_true(found);
	assert_string_equal(key, "MK-2026-0001");
	mk_store_rollback(s);
	mk_incident_release(&a);
	mk_incident_release(&b);
	mk_store_close(s);
}

static void test_store_logbook_is_append_only_in_the_database(void **state)
{
	struct fixture *f = *state;
	struct mk_store *s = open_new(f);
	struct mk_incident inc;
	struct mk_error err = {0};
	make_incident(&inc, "MK-2026-0001", "1");
	struct mk_log_entry e = {.seq = 1, .at = 1790000000, .author = "Anna", .role = MK_ROLE_SERVICEDESK,
				 .kind = MK_LOG_NOTE, .text = "Melding ontvangen"};
	char genesis[MK_HASH_HEX];
	mk_logbook_genesis(inc.uuid, genesis);
	assert_int_equal(mk_logbook_seal(inc.uuid, genesis, &e, &err), MK_OK);
	assert_int_equal(mk_store_begin(s, true, NULL), MK_OK);
	assert_int_equal(mk_store_incident_insert(s, &inc, 1, &err), MK_OK);
	assert_int_equal(mk_store_log_append(s, inc.id, &e, &err), MK_OK);
	/* The same seq twice is refused. */
	assert_int_equal(mk_store_log_append(s, inc.id, &e, &err), MK_ECONFLICT);
	assert_int_equal(mk_store_commit(s, NULL), MK_OK);
	mk_store_close(s);

	/* Not even the sqlite3 shell may change or remove an entry. */
	assert_int_equal(raw_sql(f->db, "UPDATE logbook SET text = 'anders'"), SQLITE_CONSTRAINT);
	assert_int_equal(raw_sql(f->db, "DELETE FROM logbook"), SQLITE_CONSTRAINT);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM logbook WHERE text = 'Melding ontvangen'"), 1);
	mk_incident_release(&inc);
}

struct seen {
	int n;
	char keys[8][MK_KEY_TEXT];
};

static enum mk_rc remember(void *ctx, const struct mk_incident *inc)
{
	struct seen *s = ctx;
	if (s->n < 8)
		snprintf(s->keys[s->n], MK_KEY_TEXT, "%s", inc->key);
	s->n++;
	return MK_OK;
}

static void test_store_search_finds_text_and_logbook_words(void **state)
{
	struct fixture *f = *state;
	struct mk_store *s = open_new(f);
	struct mk_incident a, b;
	struct mk_error err = {0};
	make_incident(&a, "MK-2026-0001", "1");
	make_incident(&b, "MK-2026-0002", "2");
	mk_incident_set_text(&a.title, "Ransomware op de fileserver");
	mk_incident_set_text(&b.title, "Laptop kwijt");
	struct mk_log_entry e = {.seq = 1, .at = 1790000000, .author = "Bram", .role = MK_ROLE_INCIDENTMANAGER,
				 .kind = MK_LOG_NOTE, .text = "Versleuteling vastgesteld, géén back-up"};
	assert_int_equal(mk_logbook_seal(b.uuid, b.log_head, &e, &err), MK_OK);
	assert_int_equal(mk_store_begin(s, true, NULL), MK_OK);
	assert_int_equal(mk_store_incident_insert(s, &a, 1, &err), MK_OK);
	assert_int_equal(mk_store_incident_insert(s, &b, 1, &err), MK_OK);
	assert_int_equal(mk_store_log_append(s, b.id, &e, &err), MK_OK);
	assert_int_equal(mk_store_commit(s, NULL), MK_OK);

	struct seen seen = {0};
	assert_int_equal(mk_store_search(s, "ransomware", 50, NULL, remember, &seen, &err), MK_OK);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.keys[0], "MK-2026-0001");
	/* A word only in the logbook, accents folded, prefix. */
	seen.n = 0;
	assert_int_equal(mk_store_search(s, "geen versleu*", 50, NULL, remember, &seen, &err), MK_OK);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.keys[0], "MK-2026-0002");
	/* FTS syntax and SQL metacharacters are plain words, not errors. */
	seen.n = 0;
	assert_int_equal(mk_store_search(s, "'; DROP TABLE incident; -- \"NEAR(", 50, NULL, remember, &seen, &err),
			 MK_OK);
	assert_int_equal(seen.n, 0);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM incident"), 2);
	assert_int_equal(mk_store_search(s, "  * ( ", 50, NULL, remember, &seen, &err), MK_EINVAL);
	assert_int_equal(mk_store_search(s, "\xff\xfe", 50, NULL, remember, &seen, &err), MK_EINVAL);
	mk_incident_release(&a);
	mk_incident_release(&b);
	mk_store_close(s);
}

static void test_store_lists_newest_first_with_paging(void **state)
{
	struct fixture *f = *state;
	struct mk_store *s = open_new(f);
	struct mk_error err = {0};
	assert_int_equal(mk_store_begin(s, true, NULL), MK_OK);
	int64_t third_id = 0;
	for (int i = 1; i <= 5; i++) {
		struct mk_incident inc;
		char key[MK_KEY_TEXT], tail[8];
		snprintf(key, sizeof(key), "MK-2026-%04d", i);
		snprintf(tail, sizeof(tail), "%d", i);
		make_incident(&inc, key, tail);
		if (i == 2)
			inc.closed_at = 1790000100;
		assert_int_equal(mk_store_incident_insert(s, &inc, 1, &err), MK_OK);
		if (i == 3)
			third_id = inc.id;
		mk_incident_release(&inc);
	}
	assert_int_equal(mk_store_commit(s, NULL), MK_OK);
	struct seen seen = {0};
	struct mk_incident_query q = {.limit = 2};
	assert_int_equal(mk_store_incident_list(s, &q, remember, &seen, &err), MK_OK);
	assert_int_equal(seen.n, 2);
	assert_string_equal(seen.keys[0], "MK-2026-0005");
	assert_string_equal(seen.keys[1], "MK-2026-0004");
	seen.n = 0;
	q.before_id = third_id;
	q.open_only = true;
	assert_int_equal(mk_store_incident_list(s, &q, remember, &seen, &err), MK_OK);
	assert_int_equal(seen.n, 1); /* 0002 is closed */
	assert_string_equal(seen.keys[0], "MK-2026-0001");
	int64_t count = 0;
	assert_int_equal(mk_store_incident_count(s, true, &count, &err), MK_OK);
	assert_int_equal(count, 4);
	q.limit = MK_PAGE_MAX + 1;
	assert_int_equal(mk_store_incident_list(s, &q, remember, &seen, &err), MK_EINVAL);
	mk_store_close(s);
}

static void test_store_config_tables_are_versioned(void **state)
{
	struct fixture *f = *state;
	struct mk_store *s = open_new(f);
	struct mk_error err = {0};
	int v = 0;
	char *body = NULL;
	assert_int_equal(mk_store_config_get(s, "matrix", &v, &body, &err), MK_ENOTFOUND);
	assert_int_equal(mk_store_begin(s, true, NULL), MK_OK);
	assert_int_equal(mk_store_config_put(s, "matrix", "een", 1, "admin", &v, &err), MK_OK);
	assert_int_equal(v, 1);
	assert_int_equal(mk_store_config_put(s, "matrix", "twee", 2, "admin", &v, &err), MK_OK);
	assert_int_equal(v, 2);
	/* Only the three known tables. */
	assert_int_equal(mk_store_config_put(s, "users", "x", 3, "admin", &v, &err), MK_ECONFLICT);
	assert_int_equal(mk_store_commit(s, NULL), MK_OK);
	assert_int_equal(mk_store_config_get(s, "matrix", &v, &body, &err), MK_OK);
	assert_int_equal(v, 2);
	assert_string_equal(body, "twee");
	free(body);
	assert_int_equal(mk_store_config_get_version(s, "matrix", 1, &body, &err), MK_OK);
	assert_string_equal(body, "een");
	free(body);
	mk_store_close(s);
}

static void test_store_task_rows_are_written_on_first_change(void **state)
{
	struct fixture *f = *state;
	struct mk_store *s = open_new(f);
	struct mk_incident inc;
	struct mk_error err = {0};
	make_incident(&inc, "MK-2026-0001", "1");
	assert_int_equal(mk_store_begin(s, true, NULL), MK_OK);
	assert_int_equal(mk_store_incident_insert(s, &inc, 1, &err), MK_OK);
	/* Open tasks have no row. */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM task"), 0);
	struct mk_task_row row = {.code = "1.4", .state = MK_TASK_NVT, .done_by = "Anna",
				  .done_at = 1790000000, .note = "al gemeld door de leverancier"};
	assert_int_equal(mk_store_task_set(s, inc.id, &row, &err), MK_OK);
	row.state = MK_TASK_DONE;
	row.note = NULL;
	assert_int_equal(mk_store_task_set(s, inc.id, &row, &err), MK_OK);
	assert_int_equal(mk_store_commit(s, NULL), MK_OK);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM task"), 1);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM task WHERE state = 'done' AND code = '1.4' "
				       "AND done_at = 1790000000 AND note IS NULL"), 1);
	mk_incident_release(&inc);
	mk_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_creates_schema_and_marks_the_file, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_store_open_of_missing_database_names_init, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_store_refuses_a_foreign_sqlite_database, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_store_refuses_a_file_that_is_not_a_database, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_store_refuses_a_newer_schema, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_store_keys_are_gap_free_across_rollback, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_store_keys_are_unique_with_two_writers, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_store_insert_get_and_version_conflict, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_store_source_ref_is_unique, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_store_logbook_is_append_only_in_the_database, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_store_search_finds_text_and_logbook_words, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_store_lists_newest_first_with_paging, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_store_config_tables_are_versioned, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_store_task_rows_are_written_on_first_change, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
