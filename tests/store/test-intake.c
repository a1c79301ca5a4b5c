/* The intake use cases on a real database: alert groups collapsing by the
 * window to the second, promotion by hand and by severity with the
 * group's observables and logbook entry, seen-before correlation, search
 * by an observable value, reports with observables and evidence in one
 * transaction, and refusals that leave the database as it was. */
#include "fixture.h"

#include <sodium.h>
#include <sys/stat.h>

#include "service/intake.h"

static const struct mk_actor desk = {"Anna de Vries", MK_ROLE_SERVICEDESK, "test", NULL};

/* 2026-10-24T12:00:00Z */
#define NOW ((mk_time)1792843200)
/* Alerts from 2026-10-24T08:00:00Z on. */
#define T0 ((mk_time)1792828800)

static struct mk_service *open_svc(struct fixture *f)
{
	struct mk_service *svc = NULL;
	struct mk_error err = {0};
	assert_int_equal(mk_service_open(f->db, MK_STORE_CREATE, NOW, &desk, &svc, NULL, &err), MK_OK);
	return svc;
}

static struct mk_alert alert_at(mk_time at, const char *sid, const char *src, const char *dst,
				int dport, int severity)
{
	struct mk_alert a;
	memset(&a, 0, sizeof(a));
	a.kind = MK_ALERT_SURICATA;
	a.detection = MK_SOURCE_IDS_IPS;
	a.at = at;
	snprintf(a.signature_id, sizeof(a.signature_id), "%s", sid);
	a.signature = "ET SCAN Test";
	a.severity = severity;
	snprintf(a.severity_orig, sizeof(a.severity_orig), "%d", 4 - severity);
	snprintf(a.src_ip, sizeof(a.src_ip), "%s", src);
	snprintf(a.dst_ip, sizeof(a.dst_ip), "%s", dst);
	a.src_port = 40000;
	a.dst_port = dport;
	snprintf(a.proto, sizeof(a.proto), "TCP");
	a.raw = "{\"event_type\":\"alert\"}";
	a.raw_len = strlen(a.raw);
	return a;
}

static void take(struct mk_service *svc, const struct mk_alert *a, int64_t line,
		 const struct mk_alert_options *opt, struct mk_alert_stats *stats)
{
	/* Each take its own text, as lines of a file are: the same text again
	 * is the same alert (test_intake_same_alert_again_is_already_there). */
	char raw[64];
	struct mk_alert copy = *a;
	snprintf(raw, sizeof(raw), "{\"event_type\":\"alert\",\"line\":%lld}", (long long)line);
	copy.raw = raw;
	copy.raw_len = strlen(raw);
	struct mk_error err = {0};
	if (mk_svc_alert_take(svc, &desk, NOW, &copy, "test.jsonl", line, opt, stats, &err))
		fail_msg("take: %s", err.message);
}

struct groups {
	int n;
	struct {
		int64_t id, count;
		mk_time first, last;
		int severity;
		char incident[MK_KEY_TEXT];
	} g[16];
};

static enum mk_rc collect_group(void *ctx, const struct mk_alert_group_view *v)
{
	struct groups *gs = ctx;
	assert_true(gs->n < 16);
	gs->g[gs->n].id = v->id;
	gs->g[gs->n].count = v->count;
	gs->g[gs->n].first = v->first_seen;
	gs->g[gs->n].last = v->last_seen;
	gs->g[gs->n].severity = v->severity;
	snprintf(gs->g[gs->n].incident, MK_KEY_TEXT, "%s", v->incident_key ? v->incident_key : "");
	gs->n++;
	return MK_OK;
}

/* The groups in order of id (the service lists them newest first). */
static struct groups list_groups(struct mk_service *svc)
{
	struct groups gs = {0}, out = {0};
	struct mk_error err = {0};
	assert_int_equal(mk_svc_alert_groups(svc, collect_group, &gs, &err), MK_OK);
	for (int i = 0; i < gs.n; i++) {
		assert_true(gs.g[i].id >= 1 && gs.g[i].id <= gs.n);
		out.g[gs.g[i].id - 1] = gs.g[i];
	}
	out.n = gs.n;
	return out;
}

static void test_intake_groups_collapse_by_window_to_the_second(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	struct mk_error err = {0};
	struct mk_alert_stats st = {0};
	struct mk_alert_options opt = {.window = 3600};
	assert_int_equal(mk_svc_batch_begin(svc, &err), MK_OK);
	struct mk_alert a = alert_at(T0, "2001219", "203.0.113.7", "192.168.1.10", 22, 2);
	take(svc, &a, 1, &opt, &st);
	a.at = T0 + 3600; /* exactly the window after: joins */
	take(svc, &a, 2, &opt, &st);
	a.at = T0 + 3600 + 3601; /* one second too late: a new group */
	take(svc, &a, 3, &opt, &st);
	a.at = T0 + 1800; /* between: joins the first, which it is nearest in time? no: */
	/* both groups are candidates only if within their spans; T0+1800 lies
	 * in the first group's span only (the second starts at T0+7201,
	 * window reaches back to T0+3601) */
	take(svc, &a, 4, &opt, &st);
	/* another destination port: another group */
	struct mk_alert b = alert_at(T0 + 10, "2001219", "203.0.113.7", "192.168.1.10", 2222, 2);
	take(svc, &b, 5, &opt, &st);
	/* another source port only: the same group (the key has no src port) */
	a.at = T0 + 20;
	a.src_port = 50000;
	a.severity = 3; /* raises the group's severity */
	take(svc, &a, 6, &opt, &st);
	/* an earlier alert, inside the window before first_seen: joins and
	 * moves first_seen back */
	a.at = T0 - 3600;
	take(svc, &a, 7, &opt, &st);
	assert_int_equal(mk_svc_batch_commit(svc, &err), MK_OK);

	assert_int_equal(st.taken, 7);
	assert_int_equal(st.groups_new, 3);
	assert_int_equal(st.groups_joined, 4);
	assert_int_equal(st.promoted, 0);
	struct groups gs = list_groups(svc);
	assert_int_equal(gs.n, 3);
	assert_int_equal(gs.g[0].count, 5);
	assert_int_equal(gs.g[0].first, T0 - 3600);
	assert_int_equal(gs.g[0].last, T0 + 3600);
	assert_int_equal(gs.g[0].severity, 3);
	assert_int_equal(gs.g[1].count, 1);
	assert_int_equal(gs.g[1].first, T0 + 7201);
	assert_int_equal(gs.g[1].last, T0 + 7201);
	assert_int_equal(gs.g[2].count, 1);
	assert_int_equal(gs.g[2].first, T0 + 10);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM alert"), 7);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM alert WHERE group_id = 1"), 5);
	assert_int_equal(raw_int(f->db, "SELECT max(line) FROM alert WHERE group_id = 2"), 3);
	mk_service_close(svc);
}

static void test_intake_take_needs_a_batch_and_a_failed_batch_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	struct mk_error err = {0};
	struct mk_alert a = alert_at(T0, "1", "192.0.2.1", "192.0.2.2", 80, 1);
	assert_int_equal(mk_svc_alert_take(svc, &desk, NOW, &a, "f", 1, NULL, NULL, &err), MK_EINVAL);
	assert_string_equal(err.message, "alerts are taken inside an intake batch");
	assert_int_equal(mk_svc_batch_begin(svc, &err), MK_OK);
	take(svc, &a, 1, NULL, NULL);
	take(svc, &a, 2, NULL, NULL);
	mk_svc_batch_abort(svc); /* a crash halfway: nothing stays */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM alert"), 0);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM alert_group"), 0);
	/* out-of-range severity is refused before writing */
	assert_int_equal(mk_svc_batch_begin(svc, &err), MK_OK);
	a.severity = 5;
	assert_int_equal(mk_svc_alert_take(svc, &desk, NOW, &a, "f", 1, NULL, NULL, &err), MK_EINVAL);
	assert_int_equal(mk_svc_batch_commit(svc, &err), MK_OK);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM alert"), 0);
	mk_service_close(svc);
}

struct seen_rows {
	int n;
	char type[8][16], value[8][128], keys[8][128];
	int64_t incidents[8], groups[8];
};

static enum mk_rc collect_seen(void *ctx, const struct mk_observable_seen *s)
{
	struct seen_rows *r = ctx;
	assert_true(r->n < 8);
	snprintf(r->type[r->n], 16, "%s", mk_obs_type_name(s->obs->type));
	snprintf(r->value[r->n], 128, "%s", s->obs->value);
	r->keys[r->n][0] = 0;
	for (size_t i = 0; i < s->nkeys; i++) {
		size_t l = strlen(r->keys[r->n]);
		snprintf(r->keys[r->n] + l, 128 - l, "%s%s", i ? "," : "", s->keys[i]);
	}
	r->incidents[r->n] = s->incident_count;
	r->groups[r->n] = s->alert_group_count;
	r->n++;
	return MK_OK;
}

static void test_intake_promote_by_hand_and_by_severity(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	struct mk_error err = {0};
	struct mk_alert_stats st = {0};
	struct mk_alert_options opt = {.window = 3600, .promote_severity = 3};
	assert_int_equal(mk_svc_batch_begin(svc, &err), MK_OK);
	struct mk_alert low = alert_at(T0, "1", "198.51.100.5", "192.168.1.10", 80, 1);
	take(svc, &low, 1, &opt, &st);
	struct mk_alert high = alert_at(T0, "2", "198.51.100.5", "192.168.1.11", 443, 3);
	take(svc, &high, 2, &opt, &st);
	high.at = T0 + 60; /* joins the promoted group: no second incident */
	take(svc, &high, 3, &opt, &st);
	assert_int_equal(mk_svc_batch_commit(svc, &err), MK_OK);
	assert_int_equal(st.promoted, 1);
	struct groups gs = list_groups(svc);
	assert_int_equal(gs.n, 2);
	assert_string_equal(gs.g[0].incident, "");
	assert_string_equal(gs.g[1].incident, "MK-2026-0001");
	assert_int_equal(gs.g[1].count, 2);

	/* by hand */
	char key[MK_KEY_TEXT];
	assert_int_equal(mk_svc_alert_promote(svc, &desk, NOW, gs.g[0].id, key, &err), MK_OK);
	assert_string_equal(key, "MK-2026-0002");
	assert_int_equal(mk_svc_alert_promote(svc, &desk, NOW, gs.g[0].id, key, &err), MK_ECONFLICT);
	assert_string_equal(err.message, "alert group 1 was promoted already: it is MK-2026-0002");
	assert_int_equal(mk_svc_alert_promote(svc, &desk, NOW, 99, key, &err), MK_ENOTFOUND);
	assert_string_equal(err.message, "alert group 99 does not exist");

	struct mk_incident inc;
	mk_incident_init(&inc);
	assert_int_equal(mk_svc_incident_get(svc, "MK-2026-0002", &inc, &err), MK_OK);
	assert_string_equal(inc.title, "Alert: ET SCAN Test");
	assert_int_equal(inc.source, MK_SOURCE_IDS_IPS);
	assert_int_equal(inc.detected_at, T0);
	assert_string_equal(inc.source_ref, "alert-group:1");
	assert_int_equal(inc.log_count, 3);
	struct mk_chain_status chain;
	assert_int_equal(mk_svc_log_verify(svc, "MK-2026-0002", &chain, &err), MK_OK);
	assert_int_equal(chain.entries, 3);
	mk_incident_release(&inc);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM logbook l JOIN incident i ON "
					"i.id = l.incident_id WHERE i.key = 'MK-2026-0002' AND "
					"l.text = 'Gemaakt van alertgroep 1 (1 alert)'"),
			 1);

	/* the shared source IP is one observable on both incidents, and in
	 * both alert groups */
	struct seen_rows r = {0};
	assert_int_equal(mk_svc_observable_seen(svc, " 198.51.100.5 ", NULL, collect_seen, &r, &err),
			 MK_OK);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.type[0], "ip");
	assert_string_equal(r.keys[0], "MK-2026-0001,MK-2026-0002");
	assert_int_equal(r.incidents[0], 2);
	assert_int_equal(r.groups[0], 2);
	memset(&r, 0, sizeof(r));
	assert_int_equal(mk_svc_incident_correlation(svc, "MK-2026-0002", collect_seen, &r, &err),
			 MK_OK);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.value[0], "198.51.100.5");
	assert_string_equal(r.keys[0], "MK-2026-0001");
	assert_string_equal(r.value[1], "192.168.1.10");
	assert_int_equal(r.incidents[1], 0);
	assert_int_equal(r.groups[1], 1);
	mk_service_close(svc);
}

/* The same text again (the same line of a file fed twice, an alert
 * posted twice) is recognised by its SHA-256: nothing written, counted as
 * already there, the group's count and span as they were. */
static void test_intake_same_alert_again_is_already_there(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	struct mk_error err = {0};
	struct mk_alert_stats st = {0};
	struct mk_alert_options opt = {.window = 3600, .promote_severity = 3};
	struct mk_alert a = alert_at(T0, "7", "192.0.2.7", "192.0.2.8", 22, 3);
	assert_int_equal(mk_svc_batch_begin(svc, &err), MK_OK);
	take(svc, &a, 1, &opt, &st);
	assert_int_equal(st.last_group, 1);
	assert_false(st.last_already);
	a.at = T0 + 60; /* another time, the same text: still the same alert */
	take(svc, &a, 1, &opt, &st);
	assert_int_equal(mk_svc_batch_commit(svc, &err), MK_OK);
	assert_int_equal(st.taken, 1);
	assert_int_equal(st.already, 1);
	assert_int_equal(st.last_group, 1);
	assert_true(st.last_already);
	assert_int_equal(st.promoted, 1); /* once, not again for the copy */
	/* a second batch (the file fed again) */
	memset(&st, 0, sizeof(st));
	assert_int_equal(mk_svc_batch_begin(svc, &err), MK_OK);
	take(svc, &a, 1, &opt, &st);
	take(svc, &a, 2, &opt, &st);
	assert_int_equal(mk_svc_batch_commit(svc, &err), MK_OK);
	assert_int_equal(st.taken, 1);
	assert_int_equal(st.already, 1);
	assert_int_equal(st.groups_joined, 1);
	struct groups gs = list_groups(svc);
	assert_int_equal(gs.n, 1);
	assert_int_equal(gs.g[0].count, 2);
	assert_int_equal(gs.g[0].first, T0);
	assert_int_equal(gs.g[0].last, T0 + 60);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM alert"), 2);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM incident"), 1);
	/* sha256sum of the text {"event_type":"alert","line":1} */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM alert WHERE line = 1 AND sha256 = x"
					"'099bd2593755ffe76cb17db77fedcd0fc037b33778d36ba8059e19e7"
					"80324fd5'"),
			 1);
	/* The same text with another group key (not possible from one
	 * parser, but the rule must hold): already there, in its first group,
	 * and no group started for it. */
	memset(&st, 0, sizeof(st));
	struct mk_alert other = alert_at(T0, "8", "192.0.2.70", "192.0.2.80", 443, 1);
	assert_int_equal(mk_svc_batch_begin(svc, &err), MK_OK);
	take(svc, &other, 1, &opt, &st);
	assert_int_equal(mk_svc_batch_commit(svc, &err), MK_OK);
	assert_int_equal(st.already, 1);
	assert_int_equal(st.taken, 0);
	assert_int_equal(st.groups_new, 0);
	assert_int_equal(st.last_group, 1);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM alert_group"), 1);
	/* the database refuses a second row of one hash itself */
	assert_int_not_equal(raw_sql(f->db, "INSERT INTO alert (group_id, at, raw, file, line, "
					    "sha256) SELECT group_id, at, raw, file, line, sha256 "
					    "FROM alert WHERE line = 1"),
			     SQLITE_OK);
	mk_service_close(svc);
}

static int nfound;
static char found_key[MK_KEY_TEXT];
static enum mk_rc count_found(void *ctx, const struct mk_incident *inc)
{
	(void)ctx;
	nfound++;
	snprintf(found_key, sizeof(found_key), "%s", inc->key);
	return MK_OK;
}

static void rejected(void *ctx, const struct mk_observable_input *o, const struct mk_error *e)
{
	int *n = ctx;
	(*n)++;
	assert_string_equal(o->role, "url");
	assert_string_equal(e->message, "URL scheme 'javascript' is not allowed: only http, https and ftp");
}

static void test_intake_report_with_observables_and_evidence(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	struct mk_error err = {0};
	static const char msg[] = "From: a@evil.example\r\nSubject: Uw pakket\r\n\r\nhttps://evil.example/x\r\n";
	const struct mk_field_value fields[] = {
		{"title", "Phishing: Uw pakket"},
		{"source", "servicedesk"},
		{"source_ref", "mail:<1@evil.example>"},
	};
	const struct mk_observable_input obs[] = {
		{MK_OBS_EMAIL, "A@Evil.Example", 0, MK_TLP_AMBER, "sender"},
		{MK_OBS_DOMAIN, "evil.example", 0, MK_TLP_GREEN, "domain"},
		{MK_OBS_URL, "https://evil.example/x", 0, MK_TLP_AMBER, "url"},
		{MK_OBS_URL, "javascript:alert(1)", 0, MK_TLP_AMBER, "url"},
		{MK_OBS_DOMAIN, "EVIL.example", 0, MK_TLP_GREEN, "domain"}, /* a duplicate */
	};
	const struct mk_evidence_input ev = {
		"Origineel bericht zoals doorgestuurd", "Bewijs van de phishingpoging", "bericht.eml",
		"message/rfc822", (const unsigned char *)msg, sizeof(msg) - 1,
	};
	char key[MK_KEY_TEXT];
	/* without a reject callback the bad URL refuses the whole report */
	assert_int_equal(mk_svc_intake_report(svc, &desk, NOW, fields, 3, MK_OBS_SOURCE_MAIL, obs, 5,
					      &ev, 1, NULL, NULL, key, &err),
			 MK_EINVAL);
	assert_string_equal(err.message, "observable 4 (url, url): URL scheme 'javascript' is not "
					 "allowed: only http, https and ftp");
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM incident"), 0);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM observable"), 0);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM evidence"), 0);

	int nrejected = 0;
	if (mk_svc_intake_report(svc, &desk, NOW, fields, 3, MK_OBS_SOURCE_MAIL, obs, 5, &ev, 1,
				 rejected, &nrejected, key, &err))
		fail_msg("intake report: %s", err.message);
	assert_string_equal(key, "MK-2026-0001");
	assert_int_equal(nrejected, 1);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM incident_observable"), 3);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM observable WHERE type = 'email' AND "
					"value = 'a@evil.example' AND tlp = 'amber'"),
			 1);
	/* evidence: the row, and the file named by its hash, byte-exact */
	unsigned char h[32];
	char hex[65], path[512];
	crypto_hash_sha256(h, (const unsigned char *)msg, sizeof(msg) - 1);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM evidence WHERE sha256 = '%s' AND size = %zu",
		 hex, sizeof(msg) - 1);
	assert_int_equal(raw_int(f->db, sql), 1);
	snprintf(path, sizeof(path), "%s.evidence/sha256/%.2s/%s", f->db, hex, hex);
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	char back[256];
	size_t n = fread(back, 1, sizeof(back), fp);
	fclose(fp);
	assert_int_equal(n, sizeof(msg) - 1);
	assert_memory_equal(back, msg, n);
	/* four logbook entries: registered, observables, evidence; chain intact */
	struct mk_chain_status chain;
	assert_int_equal(mk_svc_log_verify(svc, key, &chain, &err), MK_OK);
	assert_int_equal(chain.entries, 3);
	/* evidence rows are append-only */
	assert_int_not_equal(raw_sql(f->db, "UPDATE evidence SET why = 'x'"), SQLITE_OK);
	assert_int_not_equal(raw_sql(f->db, "DELETE FROM evidence"), SQLITE_OK);

	/* the same message again: refused by its source_ref, nothing written */
	assert_int_equal(mk_svc_intake_report(svc, &desk, NOW, fields, 3, MK_OBS_SOURCE_MAIL, obs, 5,
					      &ev, 1, rejected, &nrejected, key, &err),
			 MK_ECONFLICT);
	assert_string_equal(err.message, "'mail:<1@evil.example>' was registered already as MK-2026-0001");
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM incident"), 1);

	/* search finds the incident by an observable value no text holds */
	nfound = 0;
	assert_int_equal(mk_svc_search(svc, "A@EVIL.EXAMPLE", 10, NULL, count_found, NULL, &err), MK_OK);
	assert_int_equal(nfound, 1);
	assert_string_equal(found_key, "MK-2026-0001");
	nfound = 0;
	assert_int_equal(mk_svc_search(svc, "other.example", 10, NULL, count_found, NULL, &err), MK_OK);
	assert_int_equal(nfound, 0);

	/* a second incident with the domain, added by hand; a repeat is refused */
	const struct mk_field_value f2[] = {{"title", "Tweede melding"}};
	char key2[MK_KEY_TEXT];
	assert_int_equal(mk_svc_incident_register(svc, &desk, NOW, f2, 1, key2, &err), MK_OK);
	struct mk_observable_input dom = {MK_OBS_DOMAIN, "Evil.Example.", 0, MK_TLP_RED, "indicator"};
	assert_int_equal(mk_svc_observable_add(svc, &desk, NOW, key2, &dom, MK_OBS_SOURCE_MANUAL, &err),
			 MK_OK);
	assert_int_equal(mk_svc_observable_add(svc, &desk, NOW, key2, &dom, MK_OBS_SOURCE_MANUAL, &err),
			 MK_ECONFLICT);
	assert_string_equal(err.message, "the incident carries this observable as 'indicator' already");
	/* the stricter TLP wins */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM observable WHERE value = "
					"'evil.example' AND tlp = 'red'"),
			 1);
	struct seen_rows r = {0};
	assert_int_equal(mk_svc_observable_seen(svc, "evil.example", key2, collect_seen, &r, &err),
			 MK_OK);
	/* a domain and (also valid as) a file name: only the domain was seen */
	assert_int_equal(r.n, 1);
	assert_string_equal(r.type[0], "domain");
	assert_string_equal(r.keys[0], "MK-2026-0001");
	assert_int_equal(r.incidents[0], 1);
	memset(&r, 0, sizeof(r));
	/* valid as no type at all (a file name takes almost anything, but
	 * no control character) */
	assert_int_equal(mk_svc_observable_seen(svc, "evil\x01.example", NULL, collect_seen, &r, &err),
			 MK_EINVAL);
	assert_string_equal(err.message, "value contains a control character (byte 4)");
	assert_int_equal(mk_svc_observable_seen(svc, "never.example", NULL, collect_seen, &r, &err), MK_OK);
	assert_int_equal(r.n, 0);
	/* a bad observable by hand writes nothing */
	struct mk_observable_input bad = {MK_OBS_IP, "300.1.1.1", 0, MK_TLP_RED, "indicator"};
	long long before = raw_int(f->db, "SELECT count(*) FROM logbook");
	assert_int_equal(mk_svc_observable_add(svc, &desk, NOW, key2, &bad, MK_OBS_SOURCE_MANUAL, &err),
			 MK_EINVAL);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM logbook"), before);
	mk_service_close(svc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_intake_groups_collapse_by_window_to_the_second,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(
			test_intake_take_needs_a_batch_and_a_failed_batch_writes_nothing, fixture_setup,
			fixture_teardown),
		cmocka_unit_test_setup_teardown(test_intake_promote_by_hand_and_by_severity,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_intake_report_with_observables_and_evidence,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_intake_same_alert_again_is_already_there,
						fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
