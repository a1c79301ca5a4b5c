/* core/access: every role against every action, for every combination of
 * the need-to-know facts (confidential, reporter, on the team). The
 * expected table below is written out by hand from DESIGN.md "Who uses
 * it" and the decisions documented in src/core/access.c; it is not
 * computed from the implementation, so a change to either shows here.
 *
 * Letters: A allow, D deny (403), H hidden (404). One-incident actions
 * have eight letters, one per subject, in this order (c = confidential,
 * r = the actor reported it, t = the actor is on its team):
 *
 *     0: -  1: t  2: r  3: rt  4: c  5: ct  6: cr  7: crt
 *
 * Register actions have one letter: the same with no subject and with
 * any subject (it is ignored). */
#include "unit.h"

#include "core/access.h"

struct expect {
	const char *role;
	const char *action;
	const char *want;
};

static const struct expect table[] = {
	/* melder: creates, lists (own), reads and notes on own reports only */
	{"melder", "incident-create", "A"},
	{"melder", "incident-list", "A"},
	{"melder", "deadlines-read", "D"},
	{"melder", "kpi-read", "D"},
	{"melder", "matrix-read", "D"},
	{"melder", "chain-check", "D"},
	{"melder", "user-admin", "D"},
	{"melder", "incident-read", "HHAAHHAA"},
	{"melder", "incident-edit", "HHDDHHDD"},
	{"melder", "incident-assess", "HHDDHHDD"},
	{"melder", "incident-phase", "HHDDHHDD"},
	{"melder", "task-set", "HHDDHHDD"},
	{"melder", "log-add", "HHAAHHAA"},
	{"melder", "decision-add", "HHDDHHDD"},
	{"melder", "breach-read", "HHDDHHDD"},
	{"melder", "breach-edit", "HHDDHHDD"},
	{"melder", "breach-register", "D"},
	{"melder", "alert-post", "D"},
	{"melder", "alert-read", "D"},
	{"melder", "alert-promote", "D"},
	{"melder", "observable-seen", "D"},
	{"melder", "observable-add", "HHDDHHDD"},

	/* servicedesk: registers, edits, assesses, tasks, log */
	{"servicedesk", "incident-create", "A"},
	{"servicedesk", "incident-list", "A"},
	{"servicedesk", "deadlines-read", "A"},
	{"servicedesk", "kpi-read", "D"},
	{"servicedesk", "matrix-read", "A"},
	{"servicedesk", "chain-check", "D"},
	{"servicedesk", "user-admin", "D"},
	{"servicedesk", "incident-read", "AAAAHAAA"},
	{"servicedesk", "incident-edit", "AAAAHAAA"},
	{"servicedesk", "incident-assess", "AAAAHAAA"},
	{"servicedesk", "incident-phase", "DDDDHDDD"},
	{"servicedesk", "task-set", "AAAAHAAA"},
	{"servicedesk", "log-add", "AAAAHAAA"},
	{"servicedesk", "decision-add", "DDDDHDDD"},
	{"servicedesk", "breach-read", "AAAAHAAA"},
	{"servicedesk", "breach-edit", "DDDDHDDD"},
	{"servicedesk", "breach-register", "D"},
	{"servicedesk", "alert-post", "A"},
	{"servicedesk", "alert-read", "A"},
	{"servicedesk", "alert-promote", "A"},
	{"servicedesk", "observable-seen", "A"},
	{"servicedesk", "observable-add", "AAAAHAAA"},

	/* behandelaar: reads, tasks and log */
	{"behandelaar", "incident-create", "A"},
	{"behandelaar", "incident-list", "A"},
	{"behandelaar", "deadlines-read", "A"},
	{"behandelaar", "kpi-read", "D"},
	{"behandelaar", "matrix-read", "A"},
	{"behandelaar", "chain-check", "D"},
	{"behandelaar", "user-admin", "D"},
	{"behandelaar", "incident-read", "AAAAHAAA"},
	{"behandelaar", "incident-edit", "DDDDHDDD"},
	{"behandelaar", "incident-assess", "DDDDHDDD"},
	{"behandelaar", "incident-phase", "DDDDHDDD"},
	{"behandelaar", "task-set", "AAAAHAAA"},
	{"behandelaar", "log-add", "AAAAHAAA"},
	{"behandelaar", "decision-add", "DDDDHDDD"},
	{"behandelaar", "breach-read", "AAAAHAAA"},
	{"behandelaar", "breach-edit", "DDDDHDDD"},
	{"behandelaar", "breach-register", "D"},
	{"behandelaar", "alert-post", "D"},
	{"behandelaar", "alert-read", "A"},
	{"behandelaar", "alert-promote", "D"},
	{"behandelaar", "observable-seen", "A"},
	{"behandelaar", "observable-add", "AAAAHAAA"},

	/* incidentmanager: every incident action */
	{"incidentmanager", "incident-create", "A"},
	{"incidentmanager", "incident-list", "A"},
	{"incidentmanager", "deadlines-read", "A"},
	{"incidentmanager", "kpi-read", "D"},
	{"incidentmanager", "matrix-read", "A"},
	{"incidentmanager", "chain-check", "D"},
	{"incidentmanager", "user-admin", "D"},
	{"incidentmanager", "incident-read", "AAAAHAAA"},
	{"incidentmanager", "incident-edit", "AAAAHAAA"},
	{"incidentmanager", "incident-assess", "AAAAHAAA"},
	{"incidentmanager", "incident-phase", "AAAAHAAA"},
	{"incidentmanager", "task-set", "AAAAHAAA"},
	{"incidentmanager", "log-add", "AAAAHAAA"},
	{"incidentmanager", "decision-add", "AAAAHAAA"},
	{"incidentmanager", "breach-read", "AAAAHAAA"},
	{"incidentmanager", "breach-edit", "AAAAHAAA"},
	{"incidentmanager", "breach-register", "A"},
	{"incidentmanager", "alert-post", "A"},
	{"incidentmanager", "alert-read", "A"},
	{"incidentmanager", "alert-promote", "A"},
	{"incidentmanager", "observable-seen", "A"},
	{"incidentmanager", "observable-add", "AAAAHAAA"},

	/* ciso: everything but accounts, confidential included */
	{"ciso", "incident-create", "A"},
	{"ciso", "incident-list", "A"},
	{"ciso", "deadlines-read", "A"},
	{"ciso", "kpi-read", "A"},
	{"ciso", "matrix-read", "A"},
	{"ciso", "chain-check", "A"},
	{"ciso", "user-admin", "D"},
	{"ciso", "incident-read", "AAAAAAAA"},
	{"ciso", "incident-edit", "AAAAAAAA"},
	{"ciso", "incident-assess", "AAAAAAAA"},
	{"ciso", "incident-phase", "AAAAAAAA"},
	{"ciso", "task-set", "AAAAAAAA"},
	{"ciso", "log-add", "AAAAAAAA"},
	{"ciso", "decision-add", "AAAAAAAA"},
	{"ciso", "breach-read", "AAAAAAAA"},
	{"ciso", "breach-edit", "AAAAAAAA"},
	{"ciso", "breach-register", "A"},
	{"ciso", "alert-post", "A"},
	{"ciso", "alert-read", "A"},
	{"ciso", "alert-promote", "A"},
	{"ciso", "observable-seen", "A"},
	{"ciso", "observable-add", "AAAAAAAA"},

	/* fg: reads all, tasks and log for the data-breach work */
	{"fg", "incident-create", "A"},
	{"fg", "incident-list", "A"},
	{"fg", "deadlines-read", "A"},
	{"fg", "kpi-read", "D"},
	{"fg", "matrix-read", "A"},
	{"fg", "chain-check", "D"},
	{"fg", "user-admin", "D"},
	{"fg", "incident-read", "AAAAHAAA"},
	{"fg", "incident-edit", "DDDDHDDD"},
	{"fg", "incident-assess", "DDDDHDDD"},
	{"fg", "incident-phase", "DDDDHDDD"},
	{"fg", "task-set", "AAAAHAAA"},
	{"fg", "log-add", "AAAAHAAA"},
	{"fg", "decision-add", "DDDDHDDD"},
	{"fg", "breach-read", "AAAAHAAA"},
	{"fg", "breach-edit", "AAAAHAAA"},
	{"fg", "breach-register", "A"},
	{"fg", "alert-post", "D"},
	{"fg", "alert-read", "D"},
	{"fg", "alert-promote", "D"},
	{"fg", "observable-seen", "A"},
	{"fg", "observable-add", "DDDDHDDD"},

	/* directie: reads, KPIs, decisions */
	{"directie", "incident-create", "A"},
	{"directie", "incident-list", "A"},
	{"directie", "deadlines-read", "A"},
	{"directie", "kpi-read", "A"},
	{"directie", "matrix-read", "A"},
	{"directie", "chain-check", "D"},
	{"directie", "user-admin", "D"},
	{"directie", "incident-read", "AAAAHAAA"},
	{"directie", "incident-edit", "DDDDHDDD"},
	{"directie", "incident-assess", "DDDDHDDD"},
	{"directie", "incident-phase", "DDDDHDDD"},
	{"directie", "task-set", "DDDDHDDD"},
	{"directie", "log-add", "DDDDHDDD"},
	{"directie", "decision-add", "AAAAHAAA"},
	{"directie", "breach-read", "AAAAHAAA"},
	{"directie", "breach-edit", "DDDDHDDD"},
	{"directie", "breach-register", "D"},
	{"directie", "alert-post", "D"},
	{"directie", "alert-read", "D"},
	{"directie", "alert-promote", "D"},
	{"directie", "observable-seen", "A"},
	{"directie", "observable-add", "DDDDHDDD"},

	/* auditor: reads everything it may see, changes nothing */
	{"auditor", "incident-create", "D"},
	{"auditor", "incident-list", "A"},
	{"auditor", "deadlines-read", "A"},
	{"auditor", "kpi-read", "A"},
	{"auditor", "matrix-read", "A"},
	{"auditor", "chain-check", "A"},
	{"auditor", "user-admin", "D"},
	{"auditor", "incident-read", "AAAAHAAA"},
	{"auditor", "incident-edit", "DDDDHDDD"},
	{"auditor", "incident-assess", "DDDDHDDD"},
	{"auditor", "incident-phase", "DDDDHDDD"},
	{"auditor", "task-set", "DDDDHDDD"},
	{"auditor", "log-add", "DDDDHDDD"},
	{"auditor", "decision-add", "DDDDHDDD"},
	{"auditor", "breach-read", "AAAAHAAA"},
	{"auditor", "breach-edit", "DDDDHDDD"},
	{"auditor", "breach-register", "A"},
	{"auditor", "alert-post", "D"},
	{"auditor", "alert-read", "A"},
	{"auditor", "alert-promote", "D"},
	{"auditor", "observable-seen", "A"},
	{"auditor", "observable-add", "DDDDHDDD"},

	/* admin: everything */
	{"admin", "incident-create", "A"},
	{"admin", "incident-list", "A"},
	{"admin", "deadlines-read", "A"},
	{"admin", "kpi-read", "A"},
	{"admin", "matrix-read", "A"},
	{"admin", "chain-check", "A"},
	{"admin", "user-admin", "A"},
	{"admin", "incident-read", "AAAAAAAA"},
	{"admin", "incident-edit", "AAAAAAAA"},
	{"admin", "incident-assess", "AAAAAAAA"},
	{"admin", "incident-phase", "AAAAAAAA"},
	{"admin", "task-set", "AAAAAAAA"},
	{"admin", "log-add", "AAAAAAAA"},
	{"admin", "decision-add", "AAAAAAAA"},
	{"admin", "breach-read", "AAAAAAAA"},
	{"admin", "breach-edit", "AAAAAAAA"},
	{"admin", "breach-register", "A"},

	/* The chain of custody: who handles evidence, who may export it
	 * (doc/custody.md). */
	{"melder", "evidence-read", "HHDDHHDD"},
	{"melder", "evidence-add", "HHDDHHDD"},
	{"melder", "evidence-export", "HHDDHHDD"},
	{"servicedesk", "evidence-read", "AAAAHAAA"},
	{"servicedesk", "evidence-add", "AAAAHAAA"},
	{"servicedesk", "evidence-export", "DDDDHDDD"},
	{"behandelaar", "evidence-read", "AAAAHAAA"},
	{"behandelaar", "evidence-add", "AAAAHAAA"},
	{"behandelaar", "evidence-export", "DDDDHDDD"},
	{"incidentmanager", "evidence-read", "AAAAHAAA"},
	{"incidentmanager", "evidence-add", "AAAAHAAA"},
	{"incidentmanager", "evidence-export", "AAAAHAAA"},
	{"ciso", "evidence-read", "AAAAAAAA"},
	{"ciso", "evidence-add", "AAAAAAAA"},
	{"ciso", "evidence-export", "AAAAAAAA"},
	{"fg", "evidence-read", "AAAAHAAA"},
	{"fg", "evidence-add", "DDDDHDDD"},
	{"fg", "evidence-export", "DDDDHDDD"},
	{"directie", "evidence-read", "AAAAHAAA"},
	{"directie", "evidence-add", "DDDDHDDD"},
	{"directie", "evidence-export", "DDDDHDDD"},
	{"auditor", "evidence-read", "AAAAHAAA"},
	{"auditor", "evidence-add", "DDDDHDDD"},
	{"auditor", "evidence-export", "AAAAHAAA"},
	{"admin", "evidence-read", "AAAAAAAA"},
	{"admin", "evidence-add", "AAAAAAAA"},
	{"admin", "evidence-export", "AAAAAAAA"},
	{"admin", "alert-post", "A"},
	{"admin", "alert-read", "A"},
	{"admin", "alert-promote", "A"},
	{"admin", "observable-seen", "A"},
	{"admin", "observable-add", "AAAAAAAA"},
	/* closure (doc/closure.md): time, costs, evaluation, hold, report, rates, purge */
	{"melder", "time-add", "HHDDHHDD"},
	{"melder", "cost-add", "HHDDHHDD"},
	{"melder", "cost-read", "HHDDHHDD"},
	{"melder", "evaluation-edit", "HHDDHHDD"},
	{"melder", "incident-hold", "HHDDHHDD"},
	{"melder", "report-read", "HHDDHHDD"},
	{"melder", "rate-admin", "D"},
	{"melder", "purge", "D"},
	{"servicedesk", "time-add", "AAAAHAAA"},
	{"servicedesk", "cost-add", "DDDDHDDD"},
	{"servicedesk", "cost-read", "DDDDHDDD"},
	{"servicedesk", "evaluation-edit", "DDDDHDDD"},
	{"servicedesk", "incident-hold", "DDDDHDDD"},
	{"servicedesk", "report-read", "DDDDHDDD"},
	{"servicedesk", "rate-admin", "D"},
	{"servicedesk", "purge", "D"},
	{"behandelaar", "time-add", "AAAAHAAA"},
	{"behandelaar", "cost-add", "DDDDHDDD"},
	{"behandelaar", "cost-read", "DDDDHDDD"},
	{"behandelaar", "evaluation-edit", "DDDDHDDD"},
	{"behandelaar", "incident-hold", "DDDDHDDD"},
	{"behandelaar", "report-read", "DDDDHDDD"},
	{"behandelaar", "rate-admin", "D"},
	{"behandelaar", "purge", "D"},
	{"incidentmanager", "time-add", "AAAAHAAA"},
	{"incidentmanager", "cost-add", "AAAAHAAA"},
	{"incidentmanager", "cost-read", "AAAAHAAA"},
	{"incidentmanager", "evaluation-edit", "AAAAHAAA"},
	{"incidentmanager", "incident-hold", "DDDDHDDD"},
	{"incidentmanager", "report-read", "AAAAHAAA"},
	{"incidentmanager", "rate-admin", "D"},
	{"incidentmanager", "purge", "D"},
	{"ciso", "time-add", "AAAAAAAA"},
	{"ciso", "cost-add", "AAAAAAAA"},
	{"ciso", "cost-read", "AAAAAAAA"},
	{"ciso", "evaluation-edit", "AAAAAAAA"},
	{"ciso", "incident-hold", "AAAAAAAA"},
	{"ciso", "report-read", "AAAAAAAA"},
	{"ciso", "rate-admin", "D"},
	{"ciso", "purge", "D"},
	{"fg", "time-add", "AAAAHAAA"},
	{"fg", "cost-add", "DDDDHDDD"},
	{"fg", "cost-read", "AAAAHAAA"},
	{"fg", "evaluation-edit", "DDDDHDDD"},
	{"fg", "incident-hold", "DDDDHDDD"},
	{"fg", "report-read", "AAAAHAAA"},
	{"fg", "rate-admin", "D"},
	{"fg", "purge", "D"},
	{"directie", "time-add", "DDDDHDDD"},
	{"directie", "cost-add", "AAAAHAAA"},
	{"directie", "cost-read", "AAAAHAAA"},
	{"directie", "evaluation-edit", "DDDDHDDD"},
	{"directie", "incident-hold", "AAAAHAAA"},
	{"directie", "report-read", "AAAAHAAA"},
	{"directie", "rate-admin", "D"},
	{"directie", "purge", "D"},
	{"auditor", "time-add", "DDDDHDDD"},
	{"auditor", "cost-add", "DDDDHDDD"},
	{"auditor", "cost-read", "AAAAHAAA"},
	{"auditor", "evaluation-edit", "DDDDHDDD"},
	{"auditor", "incident-hold", "DDDDHDDD"},
	{"auditor", "report-read", "AAAAHAAA"},
	{"auditor", "rate-admin", "D"},
	{"auditor", "purge", "D"},
	{"admin", "time-add", "AAAAAAAA"},
	{"admin", "cost-add", "AAAAAAAA"},
	{"admin", "cost-read", "AAAAAAAA"},
	{"admin", "evaluation-edit", "AAAAAAAA"},
	{"admin", "incident-hold", "AAAAAAAA"},
	{"admin", "report-read", "AAAAAAAA"},
	{"admin", "rate-admin", "A"},
	{"admin", "purge", "A"},
};

#define NTABLE (sizeof(table) / sizeof(table[0]))

static char letter(enum mk_access a)
{
	switch (a) {
	case MK_ACCESS_ALLOW:
		return 'A';
	case MK_ACCESS_DENY:
		return 'D';
	case MK_ACCESS_HIDDEN:
		return 'H';
	}
	return '?';
}

static enum mk_action action_by_name(const char *name)
{
	for (int a = 0; a < MK_ACT_COUNT; a++)
		if (strcmp(mk_action_name((enum mk_action)a), name) == 0)
			return (enum mk_action)a;
	fail_msg("no action named '%s'", name);
	return MK_ACT_COUNT;
}

static struct mk_access_subject subject_of(int combo)
{
	struct mk_access_subject s = {
		.confidential = (combo & 4) != 0,
		.is_reporter = (combo & 2) != 0,
		.on_team = (combo & 1) != 0,
	};
	return s;
}

static void test_access_table_covers_every_role_and_action_once(void **state)
{
	(void)state;
	assert_int_equal(NTABLE, MK_ROLE_COUNT * MK_ACT_COUNT);
	int seen[MK_ROLE_COUNT][MK_ACT_COUNT] = {{0}};
	for (size_t i = 0; i < NTABLE; i++) {
		enum mk_role role;
		assert_int_equal(mk_role_parse(table[i].role, "role", &role, NULL), MK_OK);
		seen[role][action_by_name(table[i].action)]++;
	}
	for (int r = 0; r < MK_ROLE_COUNT; r++)
		for (int a = 0; a < MK_ACT_COUNT; a++)
			if (seen[r][a] != 1)
				fail_msg("%s x %s appears %d times", mk_role_name((enum mk_role)r),
					 mk_action_name((enum mk_action)a), seen[r][a]);
}

static void test_access_decides_exactly_as_the_table_says(void **state)
{
	(void)state;
	int failures = 0;
	for (size_t i = 0; i < NTABLE; i++) {
		enum mk_role role;
		assert_int_equal(mk_role_parse(table[i].role, "role", &role, NULL), MK_OK);
		enum mk_action action = action_by_name(table[i].action);
		const char *want = table[i].want;
		char got[9] = "";
		if (strlen(want) == 1) {
			/* A register action: the subject does not matter. */
			got[0] = letter(mk_access_decide(role, action, NULL));
			for (int c = 0; c < 8; c++) {
				struct mk_access_subject s = subject_of(c);
				if (letter(mk_access_decide(role, action, &s)) != got[0])
					got[1] = '!';
			}
		} else {
			assert_int_equal(strlen(want), 8);
			for (int c = 0; c < 8; c++) {
				struct mk_access_subject s = subject_of(c);
				got[c] = letter(mk_access_decide(role, action, &s));
			}
		}
		if (strcmp(got, want) != 0) {
			print_error("%s x %s: want %s, got %s\n", table[i].role, table[i].action, want,
				    got);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

/* The names in the enum's order; the register actions are those
 * mk_action_is_register names (the intake ones came after the incident
 * actions, with their own table). */
/* The one-incident actions are exactly those with a subject: the first
 * block and the closure block's last two are about the register. */
static void test_access_register_actions_come_first(void **state)
{
	(void)state;
	static const char *const names[MK_ACT_COUNT] = {
		"incident-create", "incident-list", "deadlines-read", "kpi-read",
		"matrix-read", "chain-check", "user-admin", "incident-read",
		"incident-edit", "incident-assess", "incident-phase", "task-set",
		"log-add", "decision-add", "breach-read", "breach-edit", "breach-register",
		"evidence-read", "evidence-add", "evidence-export", "alert-post", "alert-read",
		"alert-promote", "observable-seen", "observable-add",
		"time-add", "cost-add", "cost-read",
		"evaluation-edit", "incident-hold", "report-read", "rate-admin", "purge",
	};
	for (int a = 0; a < MK_ACT_COUNT; a++) {
		assert_string_equal(mk_action_name((enum mk_action)a), names[a]);
		const char *n = names[a];
		bool reg = a < MK_ACT_INCIDENT_READ || strcmp(n, "breach-register") == 0 ||
			   strncmp(n, "alert-", 6) == 0 || strcmp(n, "observable-seen") == 0 ||
			   strcmp(n, "rate-admin") == 0 || strcmp(n, "purge") == 0;
		assert_int_equal(mk_action_is_register((enum mk_action)a), reg);
	}
	/* The service's own checks follow the same table. */
	assert_true(mk_access_role_may(MK_ROLE_ADMIN, MK_ACT_PURGE));
	assert_false(mk_access_role_may(MK_ROLE_CISO, MK_ACT_PURGE));
	assert_true(mk_access_role_may(MK_ROLE_DIRECTIE, MK_ACT_INCIDENT_HOLD));
	assert_false(mk_access_role_may(MK_ROLE_INCIDENTMANAGER, MK_ACT_INCIDENT_HOLD));
	assert_false(mk_access_role_may(MK_ROLE_COUNT, MK_ACT_PURGE));
	assert_false(mk_access_role_may(MK_ROLE_ADMIN, MK_ACT_COUNT));
	assert_string_equal(mk_action_name(MK_ACT_COUNT), "?");
	for (int a = 0; a < MK_ACT_COUNT; a++) {
		const char *n = names[a];
		bool reg = a < MK_ACT_INCIDENT_READ || strncmp(n, "alert-", 6) == 0 ||
			   strcmp(n, "observable-seen") == 0 || strcmp(n, "breach-register") == 0 ||
			   strcmp(n, "rate-admin") == 0 || strcmp(n, "purge") == 0;
		assert_int_equal(mk_action_is_register((enum mk_action)a), reg);
	}
	assert_string_equal(mk_action_name((enum mk_action)-1), "?");
}

/* Programming errors fail closed: a one-incident action without its
 * subject, or a role or action outside its enum, is hidden. */
static void test_access_fails_closed_on_bad_arguments(void **state)
{
	(void)state;
	struct mk_access_subject open = {false, false, false};
	assert_int_equal(mk_access_decide(MK_ROLE_ADMIN, MK_ACT_INCIDENT_READ, NULL),
			 MK_ACCESS_HIDDEN);
	assert_int_equal(mk_access_decide(MK_ROLE_CISO, MK_ACT_DECISION_ADD, NULL),
			 MK_ACCESS_HIDDEN);
	assert_int_equal(mk_access_decide(MK_ROLE_COUNT, MK_ACT_INCIDENT_READ, &open),
			 MK_ACCESS_HIDDEN);
	assert_int_equal(mk_access_decide((enum mk_role)-1, MK_ACT_INCIDENT_LIST, NULL),
			 MK_ACCESS_HIDDEN);
	assert_int_equal(mk_access_decide(MK_ROLE_ADMIN, MK_ACT_COUNT, &open), MK_ACCESS_HIDDEN);
	assert_int_equal(mk_access_decide(MK_ROLE_ADMIN, (enum mk_action)-1, NULL),
			 MK_ACCESS_HIDDEN);
}

static void test_access_filter_per_role(void **state)
{
	(void)state;
	static const struct {
		const char *role;
		bool only_own, hide_confidential;
	} want[] = {
		{"melder", true, true},        {"servicedesk", false, true},
		{"behandelaar", false, true},  {"incidentmanager", false, true},
		{"ciso", false, false},        {"fg", false, true},
		{"directie", false, true},     {"auditor", false, true},
		{"admin", false, false},
	};
	assert_int_equal(sizeof(want) / sizeof(want[0]), MK_ROLE_COUNT);
	for (size_t i = 0; i < MK_ROLE_COUNT; i++) {
		enum mk_role role;
		assert_int_equal(mk_role_parse(want[i].role, "role", &role, NULL), MK_OK);
		/* Start from the opposite, so that a field left unwritten fails. */
		struct mk_access_filter f = {!want[i].only_own, !want[i].hide_confidential};
		mk_access_filter_for(role, &f);
		if (f.only_own_reports != want[i].only_own ||
		    f.hide_confidential != want[i].hide_confidential)
			fail_msg("%s: only_own %d hide_confidential %d", want[i].role,
				 f.only_own_reports, f.hide_confidential);
	}
	/* Unknown roles get the narrowest filter. */
	struct mk_access_filter f = {false, false};
	mk_access_filter_for(MK_ROLE_COUNT, &f);
	assert_true(f.only_own_reports);
	assert_true(f.hide_confidential);
}

/* The filter and the decision agree: for every role, an incident passes
 * the filter (as the store applies it) exactly when reading it is not
 * hidden. */
static void test_access_filter_matches_read_decision(void **state)
{
	(void)state;
	for (int r = 0; r < MK_ROLE_COUNT; r++) {
		struct mk_access_filter f;
		mk_access_filter_for((enum mk_role)r, &f);
		for (int c = 0; c < 8; c++) {
			struct mk_access_subject s = subject_of(c);
			bool passes = (!f.only_own_reports || s.is_reporter) &&
				      (!f.hide_confidential || !s.confidential || s.on_team ||
				       s.is_reporter);
			bool readable = mk_access_decide((enum mk_role)r, MK_ACT_INCIDENT_READ, &s) !=
					MK_ACCESS_HIDDEN;
			if (passes != readable)
				fail_msg("%s, subject %d: filter %d, read %d",
					 mk_role_name((enum mk_role)r), c, passes, readable);
		}
	}
}

/* The reporter's view: a melder reads their own notes, status changes and
 * communication; every other role reads every entry. */
static void test_access_reporter_view(void **state)
{
	(void)state;
	for (int r = 0; r < MK_ROLE_COUNT; r++) {
		bool melder = r == MK_ROLE_MELDER;
		assert_int_equal(mk_access_sees_handling((enum mk_role)r), !melder);
		for (int k = 0; k < MK_LOG_KIND_COUNT; k++)
			for (int a = 0; a < MK_ROLE_COUNT; a++) {
				bool want = !melder || a == MK_ROLE_MELDER || k == MK_LOG_STATUS ||
					    k == MK_LOG_COMMUNICATION;
				if (mk_access_log_entry_visible((enum mk_role)r, (enum mk_log_kind)k,
								(enum mk_role)a) != want)
					fail_msg("%s reading %s by %s", mk_role_name((enum mk_role)r),
						 mk_log_kind_name((enum mk_log_kind)k),
						 mk_role_name((enum mk_role)a));
			}
	}
	/* Exactly: the incident manager's note is hidden, the phase change
	 * and the mail to the reporter are not. */
	assert_false(mk_access_log_entry_visible(MK_ROLE_MELDER, MK_LOG_NOTE, MK_ROLE_INCIDENTMANAGER));
	assert_false(mk_access_log_entry_visible(MK_ROLE_MELDER, MK_LOG_DECISION, MK_ROLE_CISO));
	assert_false(mk_access_log_entry_visible(MK_ROLE_MELDER, MK_LOG_SYSTEM, MK_ROLE_SERVICEDESK));
	assert_true(mk_access_log_entry_visible(MK_ROLE_MELDER, MK_LOG_STATUS, MK_ROLE_INCIDENTMANAGER));
	assert_true(mk_access_log_entry_visible(MK_ROLE_MELDER, MK_LOG_COMMUNICATION, MK_ROLE_SERVICEDESK));
	assert_true(mk_access_log_entry_visible(MK_ROLE_MELDER, MK_LOG_NOTE, MK_ROLE_MELDER));
	assert_false(mk_access_sees_handling(MK_ROLE_COUNT)); /* unknown: narrowest */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_access_table_covers_every_role_and_action_once),
		UNIT_TEST(test_access_decides_exactly_as_the_table_says),
		UNIT_TEST(test_access_register_actions_come_first),
		UNIT_TEST(test_access_fails_closed_on_bad_arguments),
		UNIT_TEST(test_access_filter_per_role),
		UNIT_TEST(test_access_filter_matches_read_decision),
		UNIT_TEST(test_access_reporter_view),
	};
	return cmocka_run_group_tests_name("access", tests, NULL, NULL);
}
