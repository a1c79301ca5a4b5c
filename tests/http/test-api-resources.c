/* The other API resources through their handlers: tasks, logbook and its
 * chain, BOBOC decisions, deadlines, search, KPIs, the tables (matrix,
 * impact, priority), the register check, /me, and the OpenAPI document,
 * which must describe exactly the routes of the table. */
#include "api-fixture.h"

static void test_tasks_list_and_set(void **state)
{
	(void)state;
	char key[MK_KEY_TEXT];
	api_create("{\"title\": \"Laptop gestolen\"}", key);
	struct call c;
	call_init(&c, "GET", "/api/v1/incidents/MK-2026-0001/tasks", NULL);
	call_run(&c, mk_api_tasks_list);
	assert_int_equal(c.resp.status, 200);
	json_t *first = json_array_get(c.json, 0);
	assert_string_equal(jstr(first, "code"), "0.1");
	assert_string_equal(jstr(first, "title"), "Start van het incident vaststellen");
	assert_string_equal(jstr(first, "role"), "servicedesk");
	assert_string_equal(jstr(first, "state"), "open");
	call_release(&c);

	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/tasks/0.1",
		  "{\"state\": \"done\", \"note\": \"gemeld om 9:40\"}");
	call_run(&c, mk_api_task_set);
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(jstr(c.json, "code"), "0.1");
	assert_string_equal(jstr(c.json, "state"), "done");
	assert_string_equal(jstr(c.json, "done_by"), "Anna de Vries");
	assert_string_equal(jstr(c.json, "done_at"), "2026-10-27T10:00:00Z");
	assert_string_equal(jstr(c.json, "note"), "gemeld om 9:40");
	call_release(&c);

	long long log_before = count_log();
	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/tasks/0.2", "{\"state\": \"nvt\"}");
	call_run(&c, mk_api_task_set);
	assert_int_equal(c.resp.status, 422);
	call_release(&c);
	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/tasks/0.2", "{\"state\": \"klaar\"}");
	call_run(&c, mk_api_task_set);
	assert_problem(&c, 422, "state", "task state 'klaar' is unknown");
	call_release(&c);
	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/tasks/9.9", "{\"state\": \"done\"}");
	call_run(&c, mk_api_task_set);
	assert_int_equal(c.resp.status / 100, 4);
	call_release(&c);
	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/tasks/0.2",
		  "{\"state\": \"nvt\", \"note\": \"a\", \"reason\": \"b\"}");
	call_run(&c, mk_api_task_set);
	assert_problem(&c, 422, "reason", "give 'note' or 'reason', not both");
	call_release(&c);
	assert_int_equal(count_log(), log_before);
}

static void test_log_add_list_and_verify(void **state)
{
	(void)state;
	char key[MK_KEY_TEXT];
	api_create("{\"title\": \"Verdachte login\"}", key);
	struct call c;
	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/log",
		  "{\"kind\": \"action\", \"text\": \"Account geblokkeerd\\n<b>vet</b>\"}");
	call_run(&c, mk_api_log_add);
	assert_int_equal(c.resp.status, 201);
	assert_int_equal(json_integer_value(json_object_get(c.json, "seq")), 2);
	assert_string_equal(jstr(c.json, "kind"), "action");
	assert_string_equal(jstr(c.json, "author"), "Anna de Vries");
	assert_string_equal(jstr(c.json, "text"), "Account geblokkeerd\n<b>vet</b>");
	char hash[MK_HASH_HEX];
	snprintf(hash, sizeof(hash), "%s", jstr(c.json, "hash"));
	call_release(&c);

	call_init(&c, "GET", "/api/v1/incidents/MK-2026-0001/log", NULL);
	call_run(&c, mk_api_log_list);
	assert_int_equal(json_array_size(c.json), 2);
	assert_string_equal(jstr(json_array_get(c.json, 1), "prev_hash"),
			    jstr(json_array_get(c.json, 0), "hash"));
	call_release(&c);

	call_init(&c, "GET", "/api/v1/incidents/MK-2026-0001/log/verify", NULL);
	call_run(&c, mk_api_log_verify);
	assert_int_equal(c.resp.status, 200);
	assert_true(json_is_true(json_object_get(c.json, "intact")));
	assert_int_equal(json_integer_value(json_object_get(c.json, "entries")), 2);
	assert_string_equal(jstr(c.json, "head"), hash);
	assert_true(json_is_null(json_object_get(c.json, "problem")));
	call_release(&c);

	/* status and system entries are meldkamer's own. */
	long long log_before = count_log();
	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/log",
		  "{\"kind\": \"system\", \"text\": \"vervalst\"}");
	call_run(&c, mk_api_log_add);
	assert_int_equal(c.resp.status / 100, 4);
	call_release(&c);
	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/log", "{\"kind\": \"note\"}");
	call_run(&c, mk_api_log_add);
	assert_problem(&c, 422, "text", "'text' is required");
	call_release(&c);
	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/log",
		  "{\"text\": \"\\u202eesrever\"}");
	call_run(&c, mk_api_log_add);
	assert_int_equal(c.resp.status, 422);
	call_release(&c);
	assert_int_equal(count_log(), log_before);
}

static void test_log_verify_reports_a_broken_chain(void **state)
{
	(void)state;
	char key[MK_KEY_TEXT];
	api_create("{\"title\": \"Verdachte login\"}", key);
	/* Someone with the file edits an entry behind the triggers' back. */
	assert_int_equal(raw_sql(api_fx->db, "DROP TRIGGER logbook_no_update;"
					     "UPDATE logbook SET text = 'niets aan de hand' "
					     "WHERE incident_id = 1 AND seq = 1"), 0);
	struct call c;
	call_init(&c, "GET", "/api/v1/incidents/MK-2026-0001/log/verify", NULL);
	call_run(&c, mk_api_log_verify);
	/* The answer to "is it intact?" is no: 200 naming the first bad entry. */
	assert_int_equal(c.resp.status, 200);
	assert_true(json_is_false(json_object_get(c.json, "intact")));
	assert_int_equal(json_integer_value(json_object_get(c.json, "entries")), 1);
	assert_string_equal(jstr(c.json, "problem"), "logbook entry 1 was changed after it was written");
	call_release(&c);
}

static void test_decision_add_and_list(void **state)
{
	(void)state;
	char key[MK_KEY_TEXT];
	api_create("{\"title\": \"Datalek via mail\"}", key);
	struct call c;
	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/decisions",
		  "{\"beeldvorming\": \"Lijst met BSN naar verkeerde ontvanger\","
		  " \"opties\": \"melden of niet melden\", \"besluit\": \"melden bij de AP\","
		  " \"opdracht\": {\"wie\": \"FG\", \"uiterlijk\": \"2026-10-28T12:00:00Z\"}}");
	call_role(&c, MK_ROLE_INCIDENTMANAGER);
	call_run(&c, mk_api_decision_add);
	assert_int_equal(c.resp.status, 201);
	assert_int_equal(json_integer_value(json_object_get(c.json, "id")), 1);
	assert_string_equal(jstr(c.json, "besluit"), "melden bij de AP");
	assert_string_equal(jstr(json_object_get(c.json, "opdracht"), "wie"), "FG");
	assert_string_equal(jstr(json_object_get(c.json, "opdracht"), "uiterlijk"),
			    "2026-10-28T12:00:00Z");
	/* The check defaults to the assignment's deadline. */
	assert_string_equal(jstr(json_object_get(c.json, "controle"), "op"),
			    "2026-10-28T12:00:00Z");
	assert_string_equal(jstr(c.json, "decided_at"), "2026-10-27T10:00:00Z");
	call_release(&c);

	long long log_before = count_log();
	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/decisions",
		  "{\"beeldvorming\": \"b\", \"opties\": \"o\", \"besluit\": \"b\"}");
	call_run(&c, mk_api_decision_add);
	assert_problem(&c, 422, "opdracht", "'opdracht' is required");
	call_release(&c);
	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/decisions",
		  "{\"beeldvorming\": \"b\", \"opties\": \"o\", \"besluit\": \"b\","
		  " \"opdracht\": {\"wie\": \"FG\", \"uiterlijk\": \"morgen\"}}");
	call_run(&c, mk_api_decision_add);
	assert_int_equal(c.resp.status, 422);
	assert_string_equal(jstr(c.json, "field"), "opdracht.uiterlijk");
	call_release(&c);
	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/decisions",
		  "{\"beeldvorming\": \"b\", \"opties\": \"o\", \"besluit\": \"b\","
		  " \"opdracht\": {\"wie\": \"FG\", \"uiterlijk\": \"2026-10-28T12:00:00Z\","
		  " \"wanneer\": 1}}");
	call_run(&c, mk_api_decision_add);
	assert_problem(&c, 422, "opdracht.wanneer", "unknown member 'opdracht.wanneer'");
	call_release(&c);
	assert_int_equal(count_log(), log_before);

	call_init(&c, "GET", "/api/v1/incidents/MK-2026-0001/decisions", NULL);
	call_run(&c, mk_api_decisions_list);
	assert_int_equal(json_array_size(c.json), 1);
	call_release(&c);
}

static void test_deadlines_to_the_second(void **state)
{
	(void)state;
	char key[MK_KEY_TEXT];
	api_create("{\"title\": \"Datalek\", \"personal_data\": true,"
		   " \"detected_at\": \"2026-10-27T09:30:00Z\"}",
		   key);
	struct call c;
	call_init(&c, "GET", "/api/v1/incidents/MK-2026-0001/deadlines", NULL);
	call_run(&c, mk_api_incident_deadlines);
	assert_int_equal(c.resp.status, 200);
	json_t *golden = json_array_get(c.json, 0), *ap = json_array_get(c.json, 1);
	assert_string_equal(jstr(golden, "clock"), "golden-hour");
	assert_string_equal(jstr(golden, "state"), "running");
	assert_string_equal(jstr(golden, "due"), "2026-10-27T10:30:00Z");
	assert_string_equal(jstr(ap, "clock"), "ap-72h");
	assert_string_equal(jstr(ap, "due"), "2026-10-30T09:30:00Z");
	call_release(&c);

	call_init(&c, "GET", "/api/v1/deadlines?limit=1", NULL);
	call_run(&c, mk_api_deadlines);
	assert_int_equal(c.resp.status, 200);
	assert_int_equal(json_integer_value(json_object_get(c.json, "overdue")), 0);
	json_t *rows = json_object_get(c.json, "deadlines");
	assert_int_equal(json_array_size(rows), 1);
	assert_string_equal(jstr(json_array_get(rows, 0), "clock"), "golden-hour");
	assert_string_equal(jstr(json_array_get(rows, 0), "key"), "MK-2026-0001");
	assert_string_equal(jstr(json_array_get(rows, 0), "title"), "Datalek");
	assert_true(json_integer_value(json_object_get(c.json, "pending")) >= 2);
	call_release(&c);
}

static void test_search(void **state)
{
	(void)state;
	char key[MK_KEY_TEXT];
	api_create("{\"title\": \"Phishing bij Burgerzaken\"}", key);
	api_create("{\"title\": \"Laptop kwijt\"}", key);
	struct call c;
	call_init(&c, "GET", "/api/v1/search?q=phish*", NULL);
	call_run(&c, mk_api_search);
	assert_int_equal(c.resp.status, 200);
	assert_int_equal(json_array_size(c.json), 1);
	assert_string_equal(jstr(json_array_get(c.json, 0), "key"), "MK-2026-0001");
	call_release(&c);
	call_init(&c, "GET", "/api/v1/search?q=MK-2026-0002", NULL);
	call_run(&c, mk_api_search);
	assert_int_equal(json_array_size(c.json), 1);
	assert_string_equal(jstr(json_array_get(c.json, 0), "title"), "Laptop kwijt");
	call_release(&c);
	/* FTS operators and SQL are plain words. */
	call_init(&c, "GET", "/api/v1/search?q=%22%29+OR+1%3D1+--", NULL);
	call_run(&c, mk_api_search);
	assert_int_equal(c.resp.status, 200);
	assert_int_equal(json_array_size(c.json), 0);
	call_release(&c);
	call_init(&c, "GET", "/api/v1/search", NULL);
	call_run(&c, mk_api_search);
	assert_problem(&c, 422, "q", "'q' is required: the words to search for");
	call_release(&c);
}

static void test_tables(void **state)
{
	(void)state;
	struct call c;
	call_init(&c, "GET", "/api/v1/matrix", NULL);
	call_run(&c, mk_api_matrix);
	assert_int_equal(c.resp.status, 200);
	assert_int_equal(json_array_size(c.json), 75);
	json_t *r = json_array_get(c.json, 4);
	assert_string_equal(jstr(r, "table"), "gebruikers");
	assert_string_equal(jstr(r, "category"), "Opzettelijk foutief handelen");
	assert_string_equal(jstr(r, "incident"), "Fraude of diefstal");
	assert_string_equal(jstr(r, "helpdesk"), "X");
	assert_string_equal(jstr(r, "ciso"), "X");
	assert_string_equal(jstr(r, "directie"), "X");
	r = json_array_get(c.json, 3);
	assert_string_equal(jstr(r, "directie"), "(X)");
	call_release(&c);

	call_init(&c, "GET", "/api/v1/impact", NULL);
	call_run(&c, mk_api_impact);
	assert_int_equal(json_array_size(c.json), 14);
	r = json_array_get(c.json, 0);
	assert_string_equal(jstr(r, "criterion"), "mensen");
	assert_string_equal(jstr(r, "label"), "Aantal getroffen mensen/medewerkers");
	assert_string_equal(jstr(json_object_get(r, "levels"), "laag"), "Minder dan 10");
	assert_string_equal(jstr(json_object_get(r, "levels"), "midden"), "10 tot 100");
	assert_string_equal(jstr(json_object_get(r, "levels"), "hoog"), "100 of meer");
	assert_string_equal(jstr(json_array_get(c.json, 13), "criterion"), "beschikbaarheid");
	call_release(&c);

	call_init(&c, "GET", "/api/v1/priority", NULL);
	call_run(&c, mk_api_priority);
	assert_int_equal(json_array_size(c.json), 9);
	static const char *const expect[9][4] = {
		{"hoog", "hoog", "P1", "kritiek"},    {"hoog", "midden", "P2", "hoog"},
		{"hoog", "laag", "P3", "midden"},     {"midden", "hoog", "P2", "hoog"},
		{"midden", "midden", "P3", "midden"}, {"midden", "laag", "P4", "laag"},
		{"laag", "hoog", "P3", "midden"},     {"laag", "midden", "P4", "laag"},
		{"laag", "laag", "P4", "laag"},
	};
	for (size_t i = 0; i < 9; i++) {
		r = json_array_get(c.json, i);
		assert_string_equal(jstr(r, "impact"), expect[i][0]);
		assert_string_equal(jstr(r, "urgency"), expect[i][1]);
		assert_string_equal(jstr(r, "priority"), expect[i][2]);
		assert_string_equal(jstr(r, "label"), expect[i][3]);
	}
	call_release(&c);
}

/* The criteria are data: a stored new version of the table is what the
 * API serves. */
static void test_impact_serves_the_table_in_force(void **state)
{
	(void)state;
	extern const char mk_data_impact_tsv[];
	char *text = strdup(mk_data_impact_tsv);
	char *label = strstr(text, "Aantal getroffen mensen/medewerkers");
	assert_non_null(label);
	memcpy(label + strlen("Aantal "), "GETROFFEN", strlen("GETROFFEN"));
	struct mk_error err = {0};
	assert_int_equal(mk_store_begin(api_svc->store, true, &err), MK_OK);
	assert_int_equal(mk_store_config_put(api_svc->store, "impact", text, NOW, "admin", NULL, &err),
			 MK_OK);
	assert_int_equal(mk_store_commit(api_svc->store, &err), MK_OK);
	free(text);
	struct call c;
	call_init(&c, "GET", "/api/v1/impact", NULL);
	call_run(&c, mk_api_impact);
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(jstr(json_array_get(c.json, 0), "label"),
			    "Aantal GETROFFEN mensen/medewerkers");
	call_release(&c);
}

static void test_kpi_chain_and_me(void **state)
{
	(void)state;
	char key[MK_KEY_TEXT];
	api_create("{\"title\": \"een\"}", key);
	api_create("{\"title\": \"oefening\", \"exercise\": true}", key);
	struct call c;
	call_init(&c, "GET", "/api/v1/kpi", NULL);
	call_run(&c, mk_api_kpi);
	assert_int_equal(c.resp.status, 200);
	assert_int_equal(json_integer_value(json_object_get(c.json, "incidents")), 1);
	assert_int_equal(json_integer_value(json_object_get(c.json, "exercises_excluded")), 1);
	call_release(&c);

	call_init(&c, "GET", "/api/v1/chain", NULL);
	call_run(&c, mk_api_chain);
	assert_int_equal(c.resp.status, 200);
	assert_int_equal(json_integer_value(json_object_get(c.json, "incidents")), 2);
	assert_int_equal(json_integer_value(json_object_get(c.json, "broken")), 0);
	json_t *chains = json_object_get(c.json, "chains");
	assert_string_equal(jstr(json_array_get(chains, 0), "key"), "MK-2026-0002");
	assert_int_equal(json_array_size(json_object_get(c.json, "register_problems")), 0);
	call_release(&c);

	call_init(&c, "GET", "/api/v1/me", NULL);
	call_run(&c, mk_api_me);
	assert_string_equal(jstr(c.json, "name"), "anna");
	assert_string_equal(jstr(c.json, "display_name"), "Anna de Vries");
	assert_string_equal(jstr(c.json, "role"), "servicedesk");
	assert_string_equal(jstr(c.json, "auth"), "token");
	call_release(&c);
}

/* The document describes the routes exactly: every route of the table
 * has its operation, and every operation has its route. */
static void test_openapi_matches_the_route_table(void **state)
{
	(void)state;
	struct call c;
	call_init(&c, "GET", "/api/v1/openapi.json", NULL);
	call_run(&c, mk_api_openapi);
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(c.resp.content_type, "application/json");
	assert_non_null(c.json);
	assert_string_equal(jstr(c.json, "openapi"), "3.1.0");
	json_t *paths = json_object_get(c.json, "paths");
	size_t ops = 0;
	for (size_t i = 0; i < mk_api_nroutes; i++) {
		const struct mk_http_route *r = &mk_api_routes[i];
		assert_int_equal(strncmp(r->pattern, "/api/v1", 7), 0);
		json_t *item = json_object_get(paths, r->pattern + 7);
		if (!item)
			fprintf(stderr, "no path %s\n", r->pattern);
		assert_non_null(item);
		char method[8];
		size_t n = strlen(r->method);
		assert_true(n < sizeof(method));
		for (size_t k = 0; k <= n; k++)
			method[k] = (char)(r->method[k] >= 'A' && r->method[k] <= 'Z' ? r->method[k] + 32
										   : r->method[k]);
		if (!json_object_get(item, method))
			fprintf(stderr, "no %s %s\n", method, r->pattern);
		assert_non_null(json_object_get(item, method));
	}
	const char *path;
	json_t *item;
	json_object_foreach(paths, path, item) {
		const char *m;
		json_t *o;
		json_object_foreach(item, m, o)
			ops += strcmp(m, "parameters") != 0;
	}
	assert_int_equal(ops, mk_api_nroutes);
	call_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		API_TEST(test_tasks_list_and_set),
		API_TEST(test_log_add_list_and_verify),
		API_TEST(test_log_verify_reports_a_broken_chain),
		API_TEST(test_decision_add_and_list),
		API_TEST(test_deadlines_to_the_second),
		API_TEST(test_search),
		API_TEST(test_tables),
		API_TEST(test_impact_serves_the_table_in_force),
		API_TEST(test_kpi_chain_and_me),
		API_TEST(test_openapi_matches_the_route_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
