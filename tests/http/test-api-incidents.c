/* /api/v1/incidents through its handlers: registering (201, Location,
 * ETag, detected_at now), reading, paging, editing with If-Match (428,
 * 412 with the current version, 422 for no change), classification
 * (priority from impact x urgency), phases and closing. */
#include "api-fixture.h"

static void test_create_answers_201_with_location_and_etag(void **state)
{
	(void)state;
	struct call c;
	call_init(&c, "POST", "/api/v1/incidents",
		  "{\"title\": \"Phishingmail bij Burgerzaken\", \"reporter_name\": \"Piet Jansen\","
		  " \"personal_data\": true, \"source\": \"gebruiker-partner\"}");
	call_run(&c, mk_api_incident_create);
	assert_int_equal(c.resp.status, 201);
	assert_string_equal(c.resp.content_type, "application/json");
	assert_string_equal(resp_header(&c, "Location"), "/api/v1/incidents/MK-2026-0001");
	assert_string_equal(resp_header(&c, "ETag"), "\"1\"");
	assert_string_equal(jstr(c.json, "key"), "MK-2026-0001");
	assert_string_equal(jstr(c.json, "title"), "Phishingmail bij Burgerzaken");
	assert_string_equal(jstr(json_object_get(c.json, "reporter"), "name"), "Piet Jansen");
	assert_true(json_is_true(json_object_get(c.json, "personal_data")));
	assert_string_equal(jstr(c.json, "source"), "gebruiker-partner");
	assert_string_equal(jstr(c.json, "phase"), "detectie");
	/* Someone registering it now knows of it now: the golden hour runs. */
	json_t *times = json_object_get(c.json, "times");
	assert_string_equal(jstr(times, "detected_at"), "2026-10-27T10:00:00Z");
	assert_string_equal(jstr(times, "reported_at"), "2026-10-27T10:00:00Z");
	assert_int_equal(json_integer_value(json_object_get(c.json, "version")), 1);
	call_release(&c);
	/* The first logbook entry was written by the API actor. */
	assert_int_equal(count_log(), 1);
}

static void test_create_keeps_a_given_detected_at(void **state)
{
	(void)state;
	struct call c;
	call_init(&c, "POST", "/api/v1/incidents",
		  "{\"title\": \"Laptop kwijt\", \"detected_at\": \"2026-10-26T18:30:00Z\"}");
	call_run(&c, mk_api_incident_create);
	assert_int_equal(c.resp.status, 201);
	assert_string_equal(jstr(json_object_get(c.json, "times"), "detected_at"),
			    "2026-10-26T18:30:00Z");
	call_release(&c);
}

static void test_script_and_sql_are_stored_verbatim(void **state)
{
	(void)state;
	char key[MK_KEY_TEXT];
	api_create("{\"title\": \"<script>alert(1)</script>\","
		   " \"description\": \"'; DROP TABLE incident; --\","
		   " \"reporter_name\": \"\\\"><img src=x onerror=alert(1)>\"}",
		   key);
	struct call c;
	call_init(&c, "GET", "/api/v1/incidents/MK-2026-0001", NULL);
	call_run(&c, mk_api_incident_get);
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(jstr(c.json, "title"), "<script>alert(1)</script>");
	assert_string_equal(jstr(c.json, "description"), "'; DROP TABLE incident; --");
	assert_string_equal(jstr(json_object_get(c.json, "reporter"), "name"),
			    "\"><img src=x onerror=alert(1)>");
	/* JSON text, not HTML: the answer is application/json, never sniffed. */
	assert_string_equal(c.resp.content_type, "application/json");
	call_release(&c);
	assert_int_equal(count_incidents(), 1);
}

static void test_get_unknown_is_404(void **state)
{
	(void)state;
	struct call c;
	call_init(&c, "GET", "/api/v1/incidents/MK-2026-0099", NULL);
	call_run(&c, mk_api_incident_get);
	assert_problem(&c, 404, "key", "incident 'MK-2026-0099' does not exist");
	call_release(&c);
}

static void test_list_pages_with_an_opaque_cursor(void **state)
{
	(void)state;
	char key[MK_KEY_TEXT];
	api_create("{\"title\": \"een\"}", key);
	api_create("{\"title\": \"twee\"}", key);
	api_create("{\"title\": \"drie\"}", key);
	struct call c;
	call_init(&c, "GET", "/api/v1/incidents?limit=2", NULL);
	call_run(&c, mk_api_incidents_list);
	assert_int_equal(c.resp.status, 200);
	json_t *items = json_object_get(c.json, "items");
	assert_int_equal(json_array_size(items), 2);
	assert_string_equal(jstr(json_array_get(items, 0), "key"), "MK-2026-0003");
	assert_string_equal(jstr(json_array_get(items, 1), "key"), "MK-2026-0002");
	assert_string_equal(jstr(c.json, "next"), "/api/v1/incidents?before=2&limit=2");
	call_release(&c);

	call_init(&c, "GET", "/api/v1/incidents?before=2&limit=2", NULL);
	call_run(&c, mk_api_incidents_list);
	items = json_object_get(c.json, "items");
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(jstr(json_array_get(items, 0), "title"), "een");
	assert_true(json_is_null(json_object_get(c.json, "next")));
	call_release(&c);

	call_init(&c, "GET", "/api/v1/incidents?open=maybe", NULL);
	call_run(&c, mk_api_incidents_list);
	assert_problem(&c, 422, "open", "'open' must be true or false, not 'maybe'");
	call_release(&c);
	call_init(&c, "GET", "/api/v1/incidents?before=MK-2026-0001", NULL);
	call_run(&c, mk_api_incidents_list);
	assert_problem(&c, 422, "before",
		       "'before' must be a positive whole number, not 'MK-2026-0001'");
	call_release(&c);
}

static void patch(struct call *c, const char *if_match, const char *body)
{
	call_init(c, "PATCH", "/api/v1/incidents/MK-2026-0001", body);
	if (if_match)
		call_header(c, "If-Match", if_match);
	call_run(c, mk_api_incident_patch);
}

static void test_patch_needs_the_current_version(void **state)
{
	(void)state;
	char key[MK_KEY_TEXT];
	api_create("{\"title\": \"Phishing\"}", key);
	long long log_before = count_log();
	struct call c;
	patch(&c, NULL, "{\"title\": \"Phishing (gemeld door 3 mensen)\"}");
	assert_problem(&c, 428, "If-Match", NULL);
	call_release(&c);

	/* Two people read version 1; the first one's change wins... */
	patch(&c, "\"1\"", "{\"title\": \"Phishing (gemeld door 3 mensen)\", \"confidential\": true}");
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(resp_header(&c, "ETag"), "\"2\"");
	assert_string_equal(jstr(c.json, "title"), "Phishing (gemeld door 3 mensen)");
	assert_true(json_is_true(json_object_get(c.json, "confidential")));
	call_release(&c);

	/* ...and the second is told, not silently applied. */
	patch(&c, "\"1\"", "{\"title\": \"Phishing bij Sociaal Domein\"}");
	assert_problem(&c, 412, "If-Match",
		       "the incident changed since version 1: it is now version 2; read it again "
		       "and retry");
	assert_int_equal(json_integer_value(json_object_get(c.json, "current_version")), 2);
	call_release(&c);
	assert_int_equal(count_log(), log_before + 1);

	patch(&c, "\"2\"", "{\"title\": \"Phishing (gemeld door 3 mensen)\"}");
	assert_int_equal(c.resp.status, 422);
	call_release(&c);
	patch(&c, "\"2\"", "{}");
	assert_problem(&c, 422, NULL, "nothing to change: give at least one field");
	call_release(&c);
	/* null clears an optional field and cannot clear a required one. */
	patch(&c, "\"2\"", "{\"title\": null}");
	assert_problem(&c, 422, "title", "title cannot be empty");
	call_release(&c);
	assert_int_equal(count_log(), log_before + 1);
}

static void assess(struct call *c, const char *if_match, const char *body)
{
	call_init(c, "POST", "/api/v1/incidents/MK-2026-0001/assessment", body);
	if (if_match)
		call_header(c, "If-Match", if_match);
	call_run(c, mk_api_incident_assess);
}

static void test_assessment_sets_the_priority_cell(void **state)
{
	(void)state;
	char key[MK_KEY_TEXT];
	api_create("{\"title\": \"Ransomware op de fileserver\"}", key);
	struct call c;
	assess(&c, "\"1\"",
	       "{\"matrix\": {\"table\": \"gebruikers\", \"category\": \"Opzettelijk foutief handelen\","
	       " \"incident\": \"Fraude of diefstal\"}, \"impact\": {\"gegevens\": \"hoog\"},"
	       " \"people\": 150, \"urgency\": \"midden\"}");
	assert_int_equal(c.resp.status, 200);
	/* impact hoog x urgency midden = P2 hoog (DESIGN.md, Classification) */
	assert_string_equal(jstr(c.json, "priority"), "P2");
	assert_string_equal(jstr(c.json, "priority_label"), "hoog");
	assert_string_equal(jstr(json_object_get(c.json, "impact"), "mensen"), "hoog");
	assert_int_equal(json_integer_value(json_object_get(c.json, "people_affected")), 150);
	assert_string_equal(jstr(c.json, "impact_overall"), "hoog");
	assert_string_equal(resp_header(&c, "ETag"), "\"2\"");
	json_t *m = json_object_get(c.json, "matrix");
	assert_string_equal(jstr(m, "table"), "gebruikers");
	assert_string_equal(jstr(m, "incident"), "Fraude of diefstal");
	call_release(&c);

	/* An unknown row is bad input, not a missing incident. */
	assess(&c, "\"2\"", "{\"matrix\": {\"table\": \"gebruikers\", \"category\": \"Opzettelijk"
			    " foutief handelen\", \"incident\": \"Iets anders\"}}");
	assert_int_equal(c.resp.status, 422);
	call_release(&c);
	assess(&c, "\"2\"", "{\"impact\": {\"kleur\": \"hoog\"}}");
	assert_problem(&c, 422, "impact.kleur", "unknown member 'impact.kleur'");
	call_release(&c);
	assess(&c, "\"2\"", "{\"impact\": {\"mensen\": \"veel\"}}");
	assert_int_equal(c.resp.status, 422);
	assert_string_equal(jstr(c.json, "field"), "impact.mensen");
	call_release(&c);
	assess(&c, "\"2\"", "{\"people\": -1}");
	assert_problem(&c, 422, "people", "'people' must be between 0 and 100000000000");
	call_release(&c);
	assess(&c, "\"2\"", "{\"people\": 1.5}");
	assert_problem(&c, 422, "people", "'people' must be a whole number");
	call_release(&c);
	assess(&c, "\"2\"", "{\"matrix\": {\"table\": \"beheer\"}}");
	assert_problem(&c, 422, "matrix.category", "'matrix.category' is required");
	call_release(&c);
	assess(&c, "\"2\"", "{}");
	assert_problem(&c, 422, NULL,
		       "nothing to assess: give matrix, impact, people, urgency or event_type");
	call_release(&c);
	/* Only an incidentmanager or the CISO may declare a noodsituatie. */
	assess(&c, "\"2\"", "{\"event_type\": \"noodsituatie\"}");
	assert_int_equal(c.resp.status, 403);
	call_release(&c);
	assess(&c, "\"1\"", "{\"urgency\": \"hoog\"}");
	assert_int_equal(c.resp.status, 412);
	call_release(&c);
	assess(&c, NULL, "{\"urgency\": \"hoog\"}");
	assert_int_equal(c.resp.status, 428);
	call_release(&c);
}

static void test_phase_and_close(void **state)
{
	(void)state;
	char key[MK_KEY_TEXT];
	api_create("{\"title\": \"DDoS op de website\"}", key);
	struct call c;
	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/phase", "{\"phase\": \"initiatie\"}");
	call_header(&c, "If-Match", "\"1\"");
	call_role(&c, MK_ROLE_INCIDENTMANAGER);
	call_run(&c, mk_api_incident_phase);
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(jstr(c.json, "phase"), "initiatie");
	call_release(&c);

	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/phase", "{\"phase\": \"herstel\"}");
	call_header(&c, "If-Match", "\"2\"");
	call_run(&c, mk_api_incident_phase);
	/* oplossen and later need contained_at (containment first). */
	assert_int_equal(c.resp.status, 409);
	call_release(&c);

	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/phase", "{\"phase\": \"klaar\"}");
	call_header(&c, "If-Match", "\"2\"");
	call_run(&c, mk_api_incident_phase);
	assert_int_equal(c.resp.status, 422);
	assert_string_equal(jstr(c.json, "field"), "phase");
	call_release(&c);

	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/close", NULL);
	call_run(&c, mk_api_incident_close);
	/* The closing tasks of step 6 are open. */
	assert_int_equal(c.resp.status, 409);
	call_release(&c);
	call_init(&c, "POST", "/api/v1/incidents/MK-2026-0001/close", "{\"phase\": \"afsluiten\"}");
	call_run(&c, mk_api_incident_close);
	assert_problem(&c, 422, "phase", "unknown member 'phase'");
	call_release(&c);
}

/* Every allocation on the way can fail (jansson's too, through the same
 * door): each failing round answers 503, writes nothing and frees what
 * it took (ASan and valgrind check the last part); once the incident is
 * written the answer is 201 with its Location, whatever fails after. */
static void test_create_survives_every_allocation_failure(void **state)
{
	(void)state;
	json_set_alloc_funcs(mk_malloc, mk_free);
	int status = 503;
	long n;
	for (n = 0; n < FAULT_LOOP_MAX && status == 503; n++) {
		struct call c;
		call_init(&c, "POST", "/api/v1/incidents",
			  "{\"title\": \"Phishing\", \"confidential\": true,"
			  " \"detected_at\": \"2026-10-27T09:00:00Z\"}");
		mk_alloc_fail_after(n);
		mk_api_incident_create(&c.req, &c.resp);
		mk_alloc_fail_reset();
		status = c.resp.status;
		if (status == 201)
			assert_string_equal(resp_header(&c, "Location"), "/api/v1/incidents/MK-2026-0001");
		if (status != 201) {
			if (status != 503)
				fprintf(stderr, "round %ld: %d %s\n", n, status, c.resp.body.data);
			assert_int_equal(status, 503);
			assert_int_equal(count_incidents(), 0);
		}
		call_release(&c);
	}
	json_set_alloc_funcs(malloc, free);
	assert_int_equal(status, 201);
	assert_true(n > 5);
	assert_int_equal(count_incidents(), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		API_TEST(test_create_answers_201_with_location_and_etag),
		API_TEST(test_create_keeps_a_given_detected_at),
		API_TEST(test_script_and_sql_are_stored_verbatim),
		API_TEST(test_get_unknown_is_404),
		API_TEST(test_list_pages_with_an_opaque_cursor),
		API_TEST(test_patch_needs_the_current_version),
		API_TEST(test_assessment_sets_the_priority_cell),
		API_TEST(test_phase_and_close),
		API_TEST(test_create_survives_every_allocation_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
