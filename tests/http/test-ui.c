/* The pages of the web UI (src/http/ui-*.c) called as the router calls
 * them, with requests filled by hand, on a fresh temporary database per
 * test: the form posts write exactly what they say (or nothing, with the
 * message tied to the field), values are escaped, the classification
 * gives the exact priority, a stale form is refused in words, the login
 * form's CSRF and cookie attributes. */
#include "../unit/unit.h"
#include "../store/fixture.h"

#include <sodium.h>

#include "http/http.h"
#include "http/ui.h"
#include "service/accounts.h"

/* 2026-12-04T10:00:00Z (python3: calendar.timegm((2026,12,4,10,0,0))) */
#define NOW ((mk_time)1796378400)

struct env {
	struct fixture f;
	struct mk_service *svc;
};

static const struct mk_actor admin = {"admin", MK_ROLE_ADMIN, "cli", NULL};

static int setup(void **state)
{
	void *fs;
	if (fixture_setup(&fs))
		return -1;
	struct env *e = calloc(1, sizeof(*e));
	e->f = *(struct fixture *)fs;
	free(fs);
	struct mk_error err;
	if (mk_service_open(e->f.db, MK_STORE_CREATE, NOW - MK_DAY, &admin, &e->svc, NULL, &err))
		return -1;
	/* argon2id at its minimum cost: the pages, not the hashing, are
	 * under test (and valgrind makes the real cost take seconds). */
	e->svc->pwhash_opslimit = crypto_pwhash_OPSLIMIT_MIN;
	e->svc->pwhash_memlimit = crypto_pwhash_MEMLIMIT_MIN;
	static const struct {
		const char *name, *display;
		enum mk_role role;
	} users[] = {
		{"melder", "Piet Melder", MK_ROLE_MELDER},
		{"melder2", "Els Melder", MK_ROLE_MELDER},
		{"servicedesk", "Anna de Vries", MK_ROLE_SERVICEDESK},
		{"incidentmanager", "Bram Visser", MK_ROLE_INCIDENTMANAGER},
	};
	for (size_t i = 0; i < sizeof(users) / sizeof(users[0]); i++)
		if (mk_svc_user_add(e->svc, &admin, NOW - MK_DAY, users[i].name, users[i].display,
				    users[i].role, "correct horse battery staple", &err))
			return -1;
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;
	mk_service_close(e->svc);
	struct fixture *f = malloc(sizeof(*f));
	*f = e->f;
	void *fs = f;
	free(e);
	mk_alloc_fail_reset();
	return fixture_teardown(&fs);
}

/* One request as the router hands it over. */
struct call {
	struct mk_http_request req;
	struct mk_http_response resp;
	char path[256];
	char query[512];
	char form[4096];
};

static void call_init(struct call *c, struct env *e, const char *account, const char *method,
		      const char *path, const char *query, const char *form)
{
	memset(c, 0, sizeof(*c));
	struct mk_http_request *r = &c->req;
	r->method = method;
	snprintf(c->path, sizeof(c->path), "%s", path);
	r->path = path;
	/* Segments split in place of a copy of the path. */
	static char segs[256];
	snprintf(segs, sizeof(segs), "%s", path + 1);
	char *s = segs;
	while (*s && r->nseg < MK_HTTP_SEGMENTS_MAX) {
		r->seg[r->nseg++] = s;
		char *slash = strchr(s, '/');
		if (!slash)
			break;
		*slash = '\0';
		s = slash + 1;
	}
	if (r->nseg >= 2 && strcmp(r->seg[0], "incidenten") == 0)
		r->key = r->seg[1];
	r->body = "";
	r->address = "127.0.0.1";
	r->now = NOW;
	r->svc = e->svc;
	r->lang = "nl";
	struct mk_error err;
	if (query) {
		snprintf(c->query, sizeof(c->query), "%s", query);
		assert_int_equal(mk_http_parse_urlencoded(c->query, r->query, MK_HTTP_PARAMS_MAX,
							  &r->nquery, &err), MK_OK);
	}
	if (form) {
		snprintf(c->form, sizeof(c->form), "%s", form);
		assert_int_equal(mk_http_parse_urlencoded(c->form, r->form, MK_HTTP_PARAMS_MAX,
							  &r->nform, &err), MK_OK);
	}
	if (account) {
		assert_int_equal(mk_svc_user_get(e->svc, account, &r->account, &err), MK_OK);
		r->authenticated = true;
		r->actor = (struct mk_actor){r->account.display_name, r->account.role, "web",
					     r->account.name};
		snprintf(r->csrf, sizeof(r->csrf), "csrf-token");
		r->lang = mk_lang(r->account.lang);
	}
	mk_http_response_init(&c->resp);
}

static void call_release(struct call *c)
{
	mk_http_response_release(&c->resp);
}

static const char *header(const struct call *c, const char *name, size_t nth)
{
	for (size_t i = 0; i < c->resp.nheader; i++)
		if (strcasecmp(c->resp.header[i].name, name) == 0 && nth-- == 0)
			return c->resp.header[i].value;
	return NULL;
}

static long long incidents(struct env *e)
{
	return raw_int(e->f.db, "SELECT count(*) FROM incident");
}

static long long log_entries(struct env *e)
{
	return raw_int(e->f.db, "SELECT count(*) FROM logbook");
}

/* Registers a report through the page as a melder; its key. */
static void report(struct env *e, const char *account, const char *form, char key[MK_KEY_TEXT])
{
	struct call c;
	call_init(&c, e, account, "POST", "/melden", NULL, form);
	mk_ui_melden_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 303);
	const char *loc = header(&c, "Location", 0);
	assert_non_null(loc);
	assert_true(strncmp(loc, "/?gemeld=", 9) == 0);
	snprintf(key, MK_KEY_TEXT, "%s", loc + 9);
	call_release(&c);
}

static int64_t version_of(struct env *e, const char *key)
{
	struct mk_incident inc;
	mk_incident_init(&inc);
	assert_int_equal(mk_svc_incident_get(e->svc, key, &inc, NULL), MK_OK);
	int64_t v = inc.version;
	mk_incident_release(&inc);
	return v;
}

/* --- Melden ---------------------------------------------------------------- */

static void test_melden_registers_with_the_reporter_from_the_account(void **state)
{
	struct env *e = *state;
	char key[MK_KEY_TEXT];
	report(e, "melder", "title=Phishingmail+met+link&description=Link+naar+nep-inlogpagina"
			    "&detected_at=2026-12-04T10%3A30&reporter_department=Burgerzaken"
			    "&reporter_phone=06-12345678&csrf=csrf-token", key);
	assert_string_equal(key, "MK-2026-0001");
	struct mk_incident inc;
	mk_incident_init(&inc);
	assert_int_equal(mk_svc_incident_get(e->svc, key, &inc, NULL), MK_OK);
	assert_string_equal(inc.title, "Phishingmail met link");
	assert_string_equal(inc.description, "Link naar nep-inlogpagina");
	assert_string_equal(inc.reporter.name, "Piet Melder");
	assert_string_equal(inc.reporter.department, "Burgerzaken");
	assert_string_equal(inc.reporter.phone, "06-12345678");
	assert_int_equal(inc.source, MK_SOURCE_GEBRUIKER_PARTNER);
	/* 10:30 Amsterdam (CET) = 09:30Z: calendar.timegm((2026,12,4,9,30,0)) */
	assert_int_equal(inc.detected_at, 1796376600);
	assert_int_equal(inc.reported_at, NOW);
	mk_incident_release(&inc);

	/* The melder sees it on their dashboard, with the confirmation. */
	struct call c;
	call_init(&c, e, "melder", "GET", "/", "gemeld=MK-2026-0001", NULL);
	mk_ui_dashboard_get(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 200);
	assert_non_null(strstr(c.resp.body.data, "Uw melding is geregistreerd als MK-2026-0001."));
	assert_non_null(strstr(c.resp.body.data, "<a href=\"/incidenten/MK-2026-0001\">MK-2026-0001</a>"));
	call_release(&c);
	/* Another melder does not. */
	call_init(&c, e, "melder2", "GET", "/", NULL, NULL);
	mk_ui_dashboard_get(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 200);
	assert_null(strstr(c.resp.body.data, "MK-2026-0001"));
	assert_non_null(strstr(c.resp.body.data, "U heeft nog niets gemeld."));
	call_release(&c);
}

static void test_melden_without_title_shows_the_error_at_the_field(void **state)
{
	struct env *e = *state;
	struct call c;
	call_init(&c, e, "melder", "POST", "/melden", NULL,
		  "title=&description=Er+is+iets+%3Cb%3Emis%3C%2Fb%3E");
	mk_ui_melden_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 422);
	const char *body = c.resp.body.data;
	assert_non_null(strstr(body, "aria-invalid=\"true\" aria-describedby=\"err-melden-title\""));
	assert_non_null(strstr(body, "<p class=\"field-error\" id=\"err-melden-title\">dit veld is verplicht</p>"));
	/* The typed description is kept, escaped. */
	assert_non_null(strstr(body, "Er is iets &lt;b&gt;mis&lt;/b&gt;</textarea>"));
	assert_int_equal(incidents(e), 0);
	call_release(&c);
}

static void test_melden_with_a_bad_time_names_the_field_and_writes_nothing(void **state)
{
	struct env *e = *state;
	struct call c;
	call_init(&c, e, "melder", "POST", "/melden", NULL, "title=Laptop+kwijt&detected_at=gisteren");
	mk_ui_melden_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 422);
	assert_non_null(strstr(c.resp.body.data, "id=\"err-melden-detected_at\">geen geldige datum en tijd; "
						 "gebruik bijvoorbeeld 2026-12-04 09:30</p>"));
	assert_non_null(strstr(c.resp.body.data, "value=\"gisteren\""));
	assert_int_equal(incidents(e), 0);
	assert_int_equal(log_entries(e), 0);
	call_release(&c);
}

/* --- Escaping ----------------------------------------------------------------- */

static void test_a_script_title_is_shown_as_text_everywhere(void **state)
{
	struct env *e = *state;
	char key[MK_KEY_TEXT];
	report(e, "melder", "title=%3Cscript%3Ealert(1)%3C%2Fscript%3E&description=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(2)%3E", key);
	void (*pages[])(struct mk_http_request *, struct mk_http_response *) = {
		mk_ui_incident_get, mk_ui_queue_get, mk_ui_list_get, mk_ui_dashboard_get};
	const char *paths[] = {"/incidenten/MK-2026-0001", "/wachtrij", "/incidenten", "/"};
	for (size_t i = 0; i < 4; i++) {
		struct call c;
		call_init(&c, e, "servicedesk", "GET", paths[i], NULL, NULL);
		pages[i](&c.req, &c.resp);
		assert_int_equal(c.resp.status, 200);
		const char *body = c.resp.body.data;
		assert_non_null(strstr(body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
		assert_null(strstr(body, "<script>alert"));
		assert_null(strstr(body, "<img src=x"));
		call_release(&c);
	}
}

/* --- Queue and list ----------------------------------------------------------- */

static void test_queue_lists_unclassified_reports_oldest_first(void **state)
{
	struct env *e = *state;
	char k1[MK_KEY_TEXT], k2[MK_KEY_TEXT];
	report(e, "melder", "title=Eerste+melding", k1);
	report(e, "melder2", "title=Tweede+melding", k2);
	struct call c;
	call_init(&c, e, "servicedesk", "GET", "/wachtrij", NULL, NULL);
	mk_ui_queue_get(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 200);
	const char *first = strstr(c.resp.body.data, "Eerste melding");
	const char *second = strstr(c.resp.body.data, "Tweede melding");
	assert_non_null(first);
	assert_non_null(second);
	assert_true(first < second);
	call_release(&c);

	/* Classified, the first leaves the queue. */
	struct mk_assessment a;
	memset(&a, 0, sizeof(a));
	a.has_matrix = true;
	a.table = MK_MATRIX_GEBRUIKERS;
	a.category = "Gegevens en gegevensdragers";
	a.incident = "Diefstal van gegevensdragers";
	struct mk_actor sd = {"Anna", MK_ROLE_SERVICEDESK, "web", "servicedesk"};
	assert_int_equal(mk_svc_incident_assess(e->svc, &sd, NOW, k1, 0, &a, NULL), MK_OK);
	call_init(&c, e, "servicedesk", "GET", "/wachtrij", NULL, NULL);
	mk_ui_queue_get(&c.req, &c.resp);
	assert_null(strstr(c.resp.body.data, "Eerste melding"));
	assert_non_null(strstr(c.resp.body.data, "Tweede melding"));
	call_release(&c);
}

static void test_list_searches_and_refuses_a_bad_page(void **state)
{
	struct env *e = *state;
	char k[MK_KEY_TEXT];
	report(e, "melder", "title=Ransomware+op+fileserver", k);
	report(e, "melder", "title=Laptop+verloren+in+trein", k);
	struct call c;
	call_init(&c, e, "servicedesk", "GET", "/incidenten", "q=laptop", NULL);
	mk_ui_list_get(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 200);
	assert_non_null(strstr(c.resp.body.data, "Laptop verloren in trein"));
	assert_null(strstr(c.resp.body.data, "Ransomware"));
	assert_non_null(strstr(c.resp.body.data, "value=\"laptop\""));
	call_release(&c);

	call_init(&c, e, "servicedesk", "GET", "/incidenten", "voor=abc", NULL);
	mk_ui_list_get(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 400);
	assert_non_null(strstr(c.resp.body.data, "&#39;voor&#39; is not a positive number"));
	call_release(&c);
}

/* --- The incident page and its forms -------------------------------------------- */

static void test_classification_gives_the_exact_priority(void **state)
{
	struct env *e = *state;
	char key[MK_KEY_TEXT];
	report(e, "melder", "title=Laptop+gestolen", key);
	char form[1024];
	/* impact hoog (gegevens) x urgency midden = P2 hoog (DESIGN.md) */
	snprintf(form, sizeof(form),
		 "version=%lld&matrix=gebruikers%%09Gegevens+en+gegevensdragers%%09Diefstal+van+gegevensdragers"
		 "&people=&impact_mensen=&impact_gegevens=hoog&impact_reputatie=midden&urgency=midden"
		 "&event_type=normaal",
		 (long long)version_of(e, key));
	struct call c;
	call_init(&c, e, "servicedesk", "POST", "/incidenten/MK-2026-0001/beoordeling", NULL, form);
	mk_ui_assess_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 303);
	assert_string_equal(header(&c, "Location", 0),
			    "/incidenten/MK-2026-0001?opgeslagen=1#beoordeling");
	call_release(&c);
	struct mk_incident inc;
	mk_incident_init(&inc);
	assert_int_equal(mk_svc_incident_get(e->svc, key, &inc, NULL), MK_OK);
	assert_int_equal(inc.priority, MK_PRIORITY_P2);
	assert_true(inc.classified);
	assert_string_equal(inc.matrix_incident, "Diefstal van gegevensdragers");
	assert_int_equal(inc.impact.level[MK_CRITERION_GEGEVENS], MK_LEVEL_HOOG);
	assert_int_equal(inc.impact.level[MK_CRITERION_REPUTATIE], MK_LEVEL_MIDDEN);
	assert_int_equal(inc.urgency, MK_LEVEL_MIDDEN);
	mk_incident_release(&inc);

	call_init(&c, e, "servicedesk", "GET", "/incidenten/MK-2026-0001", "opgeslagen=1", NULL);
	mk_ui_incident_get(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 200);
	const char *body = c.resp.body.data;
	assert_non_null(strstr(body, "<span class=\"prio p2\">P2 hoog</span>"));
	assert_non_null(strstr(body, "<optgroup label=\"Gebruikersincidenten: Gegevens en gegevensdragers\">"));
	assert_non_null(strstr(body, " selected>Diefstal van gegevensdragers (CISO X, directie X)</option>"));
	assert_non_null(strstr(body, "id=\"r-impact_gegevens-3\" name=\"impact_gegevens\" value=\"hoog\" checked"));
	/* Tabel 1's examples label the radios. */
	assert_non_null(strstr(body, "<fieldset class=\"levels\" id=\"fs-impact_mensen\"><legend>"));
	assert_non_null(strstr(body, "role=\"status\">Opgeslagen.</p>"));
	call_release(&c);
}

static void test_a_stale_form_is_refused_in_words(void **state)
{
	struct env *e = *state;
	char key[MK_KEY_TEXT];
	report(e, "melder", "title=Oude+titel", key);
	int64_t v = version_of(e, key);
	/* Someone else changes the incident first. */
	struct mk_field_value f = {"title", "Titel van een ander"};
	struct mk_actor im = {"Bram", MK_ROLE_INCIDENTMANAGER, "web", "incidentmanager"};
	assert_int_equal(mk_svc_incident_edit(e->svc, &im, NOW, key, 0, &f, 1, NULL), MK_OK);
	long long entries = log_entries(e);

	char form[256];
	snprintf(form, sizeof(form), "version=%lld&title=Mijn+titel", (long long)v);
	struct call c;
	call_init(&c, e, "incidentmanager", "POST", "/incidenten/MK-2026-0001/bewerken", NULL, form);
	mk_ui_edit_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 409);
	assert_non_null(strstr(c.resp.body.data, "iemand anders heeft dit incident intussen gewijzigd"));
	/* The typed title stays in the form. */
	assert_non_null(strstr(c.resp.body.data, "value=\"Mijn titel\""));
	call_release(&c);

	snprintf(form, sizeof(form), "version=%lld&urgency=hoog", (long long)v);
	call_init(&c, e, "incidentmanager", "POST", "/incidenten/MK-2026-0001/beoordeling", NULL, form);
	mk_ui_assess_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 409);
	assert_non_null(strstr(c.resp.body.data, "iemand anders heeft dit incident intussen gewijzigd"));
	call_release(&c);

	struct mk_incident inc;
	mk_incident_init(&inc);
	assert_int_equal(mk_svc_incident_get(e->svc, key, &inc, NULL), MK_OK);
	assert_string_equal(inc.title, "Titel van een ander");
	assert_int_equal(inc.urgency, MK_LEVEL_NONE);
	mk_incident_release(&inc);
	assert_int_equal(log_entries(e), entries);
}

/* The whole record is editable on the page: the fields beyond the first
 * form (reporter, source, TLP, supplier, the informed times, exercise);
 * only what changed is written, a time shown to the minute and sent back
 * as it was stays to the second. */
static void test_edit_form_takes_every_field(void **state)
{
	struct env *e = *state;
	char key[MK_KEY_TEXT];
	report(e, "melder", "title=Verdachte+mail&detected_at=2026-10-24T11%3A59", key);
	struct call c;
	call_init(&c, e, "incidentmanager", "GET", "/incidenten/MK-2026-0001", NULL, NULL);
	mk_ui_incident_get(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 200);
	assert_non_null(strstr(c.resp.body.data, "<select id=\"e-tlp\" name=\"tlp\">"));
	assert_non_null(strstr(c.resp.body.data, "<option value=\"gebruiker-partner\" selected>"));
	assert_non_null(strstr(c.resp.body.data, "id=\"e-subjects_informed_at\""));
	call_release(&c);

	char form[512];
	snprintf(form, sizeof(form),
		 "version=%lld&title=Verdachte+mail&detected_at=2026-10-24T11%%3A59"
		 "&reporter_phone=06-12345678&source=servicedesk&tlp=red&supplier=Leverancier+BV"
		 "&subjects_informed_at=2026-10-24T12%%3A30&exercise=ja",
		 (long long)version_of(e, key));
	call_init(&c, e, "incidentmanager", "POST", "/incidenten/MK-2026-0001/bewerken", NULL, form);
	mk_ui_edit_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 303);
	call_release(&c);
	struct mk_incident inc;
	mk_incident_init(&inc);
	assert_int_equal(mk_svc_incident_get(e->svc, key, &inc, NULL), MK_OK);
	assert_string_equal(inc.reporter.phone, "06-12345678");
	assert_int_equal(inc.source, MK_SOURCE_SERVICEDESK);
	assert_int_equal(inc.tlp, MK_TLP_RED);
	assert_string_equal(inc.supplier, "Leverancier BV");
	assert_int_equal(inc.subjects_informed_at, 1792837800); /* 2026-10-24 12:30 CEST */
	assert_true(inc.exercise);
	assert_int_equal(inc.version, 2);
	mk_incident_release(&inc);
}

static void test_log_entry_and_decision_are_recorded_and_shown(void **state)
{
	struct env *e = *state;
	char key[MK_KEY_TEXT];
	report(e, "melder", "title=Datalek+via+mail", key);
	struct call c;
	call_init(&c, e, "incidentmanager", "POST", "/incidenten/MK-2026-0001/logboek", NULL,
		  "kind=action&text=Mailbox+geblokkeerd%0D%0Aen+wachtwoord+gereset");
	mk_ui_log_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 303);
	call_release(&c);

	call_init(&c, e, "incidentmanager", "POST", "/incidenten/MK-2026-0001/besluiten", NULL,
		  "beeldvorming=Mail+met+BSN%27s+naar+verkeerde+ontvanger&opties=1)+terughalen+2)+melden"
		  "&besluit=Voormelding+bij+de+AP&opdracht_wie=FG&opdracht_uiterlijk=2026-12-05T12%3A00"
		  "&controle_op=");
	mk_ui_decision_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 303);
	assert_string_equal(header(&c, "Location", 0),
			    "/incidenten/MK-2026-0001?opgeslagen=1#besluiten");
	call_release(&c);

	call_init(&c, e, "incidentmanager", "GET", "/incidenten/MK-2026-0001", NULL, NULL);
	mk_ui_incident_get(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 200);
	const char *body = c.resp.body.data;
	assert_non_null(strstr(body, "Mailbox geblokkeerd"));
	assert_non_null(strstr(body, "Mail met BSN&#39;s naar verkeerde ontvanger"));
	assert_non_null(strstr(body, "<dd><time datetime=\"2026-12-05T11:00:00Z\">2026-12-05 12:00 CET</time></dd>"));
	/* register, log entry, decision: three entries on an intact chain */
	assert_non_null(strstr(body, "Keten intact: 3 regels"));
	call_release(&c);

	/* A decision without its deadline is refused at that field. */
	long long entries = log_entries(e);
	call_init(&c, e, "incidentmanager", "POST", "/incidenten/MK-2026-0001/besluiten", NULL,
		  "beeldvorming=a&opties=b&besluit=c&opdracht_wie=d&opdracht_uiterlijk=");
	mk_ui_decision_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 422);
	assert_non_null(strstr(c.resp.body.data, "id=\"err-besluiten-opdracht_uiterlijk\""));
	call_release(&c);
	assert_int_equal(log_entries(e), entries);
}

static void test_task_forms_set_and_refuse_unknown_codes(void **state)
{
	struct env *e = *state;
	char key[MK_KEY_TEXT];
	report(e, "melder", "title=Virusmelding", key);
	struct call c;
	call_init(&c, e, "incidentmanager", "POST", "/incidenten/MK-2026-0001/taken/1.3", NULL,
		  "state=nvt&note=");
	mk_ui_task_post(&c.req, &c.resp);
	/* n.v.t. needs a reason: refused at the task's note */
	assert_int_equal(c.resp.status, 422);
	assert_non_null(strstr(c.resp.body.data, "<p class=\"alert error\" id=\"err-taak-1.3\">"));
	call_release(&c);

	call_init(&c, e, "incidentmanager", "POST", "/incidenten/MK-2026-0001/taken/1.3", NULL,
		  "state=done&note=CISO+gebeld");
	mk_ui_task_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 303);
	assert_string_equal(header(&c, "Location", 0),
			    "/incidenten/MK-2026-0001?opgeslagen=1#taak-1.3");
	call_release(&c);

	call_init(&c, e, "incidentmanager", "POST",
		  "/incidenten/MK-2026-0001/taken/%22%3E%3Cscript%3E", NULL, "state=done");
	mk_ui_task_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 404);
	assert_null(strstr(c.resp.body.data, "<script>"));
	call_release(&c);
}

static void test_phase_form_moves_and_refuses_with_the_rule(void **state)
{
	struct env *e = *state;
	char key[MK_KEY_TEXT], form[128];
	report(e, "melder", "title=DDoS+op+website", key);
	snprintf(form, sizeof(form), "version=%lld&phase=initiatie&reason=", (long long)version_of(e, key));
	struct call c;
	call_init(&c, e, "incidentmanager", "POST", "/incidenten/MK-2026-0001/fase", NULL, form);
	mk_ui_phase_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 303);
	call_release(&c);
	/* oplossen before containment: refused (409), not as a stale form */
	snprintf(form, sizeof(form), "version=%lld&phase=oplossen&reason=sneller", (long long)version_of(e, key));
	call_init(&c, e, "incidentmanager", "POST", "/incidenten/MK-2026-0001/fase", NULL, form);
	mk_ui_phase_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 409);
	assert_null(strstr(c.resp.body.data, "iemand anders"));
	assert_non_null(strstr(c.resp.body.data, "id=\"err-fase\""));
	call_release(&c);
}

/* A melder may add to the logbook of their own report (core/access.c),
 * nothing else. */
static void test_melder_sees_only_the_logbook_form_on_their_report(void **state)
{
	struct env *e = *state;
	char key[MK_KEY_TEXT];
	report(e, "melder", "title=Verdachte+USB-stick", key);
	struct call c;
	call_init(&c, e, "melder", "GET", "/incidenten/MK-2026-0001", NULL, NULL);
	mk_ui_incident_get(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 200);
	const char *body = c.resp.body.data;
	assert_non_null(strstr(body, "action=\"/incidenten/MK-2026-0001/logboek\""));
	assert_null(strstr(body, "action=\"/incidenten/MK-2026-0001/beoordeling\""));
	assert_null(strstr(body, "action=\"/incidenten/MK-2026-0001/fase\""));
	assert_null(strstr(body, "action=\"/incidenten/MK-2026-0001/taken/"));
	assert_null(strstr(body, "action=\"/incidenten/MK-2026-0001/besluiten\""));
	assert_null(strstr(body, "action=\"/incidenten/MK-2026-0001/bewerken\""));
	call_release(&c);
}

static void test_dashboard_leaves_out_what_the_viewer_may_not_see(void **state)
{
	struct env *e = *state;
	struct mk_actor sd = {"Anna", MK_ROLE_SERVICEDESK, "cli", NULL};
	char key[MK_KEY_TEXT];
	struct mk_field_value secret[] = {{"title", "Integriteitsonderzoek wethouder"},
					  {"confidential", "ja"}, {"detected_at", "2026-12-04T10:50"}};
	struct mk_field_value plain[] = {{"title", "Phishing bij Burgerzaken"},
					 {"detected_at", "2026-12-04T10:50"}};
	assert_int_equal(mk_svc_incident_register(e->svc, &sd, NOW, secret, 3, key, NULL), MK_OK);
	assert_int_equal(mk_svc_incident_register(e->svc, &sd, NOW, plain, 2, key, NULL), MK_OK);
	struct call c;
	call_init(&c, e, "servicedesk", "GET", "/", NULL, NULL);
	mk_ui_dashboard_get(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 200);
	const char *body = c.resp.body.data;
	assert_null(strstr(body, "Integriteitsonderzoek"));
	/* the other one is listed and its golden hour runs (10:50 CET = 09:50Z, due 10:50Z) */
	assert_non_null(strstr(body, "<tr class=\"clock-golden-hour\"><td><a href=\"/incidenten/MK-2026-0002\">"));
	assert_non_null(strstr(body, "data-due=\"2026-12-04T10:50:00Z\" data-overdue=\"te laat\">50m 00s</span>"));
	assert_non_null(strstr(body, "<h3>Nog niet beoordeeld <span class=\"count\">1</span></h3>"));
	call_release(&c);
}

/* --- KPI, settings ------------------------------------------------------------------ */

static void test_kpi_draws_svg_with_a_table(void **state)
{
	struct env *e = *state;
	char key[MK_KEY_TEXT];
	report(e, "melder", "title=Phishing", key);
	struct call c;
	call_init(&c, e, "incidentmanager", "GET", "/kpi", NULL, NULL);
	mk_ui_kpi_get(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 200);
	const char *body = c.resp.body.data;
	assert_non_null(strstr(body, "1 incidenten geteld; 0 oefeningen buiten beschouwing."));
	assert_non_null(strstr(body, "<svg role=\"img\" aria-labelledby=\"cap-prioriteit\""));
	assert_non_null(strstr(body, "<tr><th scope=\"row\">Nog niet beoordeeld</th><td>1</td></tr>"));
	call_release(&c);
}

static void test_settings_switch_the_language(void **state)
{
	struct env *e = *state;
	struct call c;
	call_init(&c, e, "servicedesk", "POST", "/instellingen", NULL, "lang=en");
	mk_ui_settings_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 303);
	call_release(&c);
	call_init(&c, e, "servicedesk", "GET", "/instellingen", NULL, NULL);
	mk_ui_settings_get(&c.req, &c.resp);
	assert_non_null(strstr(c.resp.body.data, "<html lang=\"en\">"));
	assert_non_null(strstr(c.resp.body.data, "value=\"en\" checked"));
	call_release(&c);
	call_init(&c, e, "servicedesk", "POST", "/instellingen", NULL, "lang=de");
	mk_ui_settings_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 422);
	call_release(&c);
}

/* --- Login ----------------------------------------------------------------------------- */

static void test_login_needs_the_double_submit_token(void **state)
{
	struct env *e = *state;
	struct call c;
	call_init(&c, e, NULL, "POST", "/login", NULL,
		  "csrf=abc&name=servicedesk&password=correct+horse+battery+staple");
	mk_ui_login_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 403);
	assert_non_null(strstr(c.resp.body.data, "het inlogformulier is verlopen"));
	for (size_t i = 0; header(&c, "Set-Cookie", i); i++)
		assert_null(strstr(header(&c, "Set-Cookie", i), "mk_session="));
	call_release(&c);
}

static void login(struct env *e, bool tls, const char *password, struct call *c)
{
	char form[256];
	call_init(c, e, NULL, "POST", "/login", NULL, NULL);
	snprintf(form, sizeof(form), "csrf=tok123&name=servicedesk&password=%s&next=%%2Fwachtrij",
		 password);
	snprintf(c->form, sizeof(c->form), "%s", form);
	assert_int_equal(mk_http_parse_urlencoded(c->form, c->req.form, MK_HTTP_PARAMS_MAX,
						  &c->req.nform, NULL), MK_OK);
	c->req.cookies[0] = (struct mk_http_pair){"mk_login_csrf", "tok123"};
	c->req.ncookies = 1;
	c->req.tls = tls;
	mk_ui_login_post(&c->req, &c->resp);
}

static void test_login_sets_a_strict_httponly_session_cookie(void **state)
{
	struct env *e = *state;
	struct call c;
	login(e, false, "correct+horse+battery+staple", &c);
	assert_int_equal(c.resp.status, 303);
	assert_string_equal(header(&c, "Location", 0), "/wachtrij");
	const char *cookie = header(&c, "Set-Cookie", 0);
	assert_non_null(cookie);
	assert_true(strncmp(cookie, "mk_session=", 11) == 0);
	assert_non_null(strstr(cookie, "; HttpOnly; SameSite=Strict; Path=/"));
	assert_null(strstr(cookie, "Secure"));
	call_release(&c);

	login(e, true, "correct+horse+battery+staple", &c);
	assert_int_equal(c.resp.status, 303);
	assert_non_null(strstr(header(&c, "Set-Cookie", 0), "; HttpOnly; SameSite=Strict; Path=/; Secure"));
	call_release(&c);

	login(e, false, "wrong+password+here", &c);
	assert_int_equal(c.resp.status, 401);
	assert_non_null(strstr(c.resp.body.data, "gebruikersnaam of wachtwoord onjuist"));
	assert_non_null(strstr(c.resp.body.data, "aria-describedby=\"login-error\""));
	call_release(&c);
}

static void test_login_tells_when_throttled(void **state)
{
	struct env *e = *state;
	struct call c;
	for (int i = 0; i < MK_LOGIN_FAILS_PER_ACCOUNT; i++) {
		login(e, false, "wrong+password+here", &c);
		assert_int_equal(c.resp.status, 401);
		call_release(&c);
	}
	login(e, false, "correct+horse+battery+staple", &c);
	assert_int_equal(c.resp.status, 429);
	assert_non_null(strstr(c.resp.body.data, "te veel mislukte pogingen"));
	call_release(&c);
}

static void test_login_redirects_only_to_this_site(void **state)
{
	struct env *e = *state;
	struct call c;
	call_init(&c, e, NULL, "POST", "/login", NULL,
		  "csrf=t&name=servicedesk&password=correct+horse+battery+staple&next=%2F%2Fevil.example%2F");
	c.req.cookies[0] = (struct mk_http_pair){"mk_login_csrf", "t"};
	c.req.ncookies = 1;
	mk_ui_login_post(&c.req, &c.resp);
	assert_int_equal(c.resp.status, 303);
	assert_string_equal(header(&c, "Location", 0), "/");
	call_release(&c);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_melden_registers_with_the_reporter_from_the_account),
		T(test_melden_without_title_shows_the_error_at_the_field),
		T(test_melden_with_a_bad_time_names_the_field_and_writes_nothing),
		T(test_a_script_title_is_shown_as_text_everywhere),
		T(test_queue_lists_unclassified_reports_oldest_first),
		T(test_list_searches_and_refuses_a_bad_page),
		T(test_classification_gives_the_exact_priority),
		T(test_a_stale_form_is_refused_in_words),
		T(test_edit_form_takes_every_field),
		T(test_log_entry_and_decision_are_recorded_and_shown),
		T(test_task_forms_set_and_refuse_unknown_codes),
		T(test_phase_form_moves_and_refuses_with_the_rule),
		T(test_melder_sees_only_the_logbook_form_on_their_report),
		T(test_dashboard_leaves_out_what_the_viewer_may_not_see),
		T(test_kpi_draws_svg_with_a_table),
		T(test_settings_switch_the_language),
		T(test_login_needs_the_double_submit_token),
		T(test_login_sets_a_strict_httponly_session_cookie),
		T(test_login_tells_when_throttled),
		T(test_login_redirects_only_to_this_site),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
