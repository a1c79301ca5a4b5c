/* Who may do what: every access rule of DESIGN.md "Who uses it" in one
 * place. The HTTP route table names one action per endpoint and asks
 * mk_access_decide before calling the service; the table-driven test in
 * tests/unit/test-access.c checks every role against every action.
 *
 * Need-to-know: an incident marked vertrouwelijk is visible only to the
 * ciso, admin and the people on its team. A melder sees only the reports
 * they made. What a person may not see is answered as "not found"
 * (MK_ACCESS_HIDDEN, HTTP 404), never as "forbidden", so that guessing ids
 * tells nothing; what they may see but not change is MK_ACCESS_DENY (403). */
#ifndef MK_CORE_ACCESS_H
#define MK_CORE_ACCESS_H

#include <stdbool.h>

#include "core/vocab.h"

enum mk_action {
	/* The register as a whole. */
	MK_ACT_INCIDENT_CREATE, /* report or register an incident */
	MK_ACT_INCIDENT_LIST,   /* list and search (filtered by mk_access_filter) */
	MK_ACT_DEADLINES_READ,  /* the running clocks of all incidents */
	MK_ACT_KPI_READ,        /* metrics */
	MK_ACT_MATRIX_READ,     /* the notification matrix and impact table */
	MK_ACT_CHAIN_CHECK,     /* log verify of the register */
	MK_ACT_USER_ADMIN,      /* accounts and tokens of others */
	/* One incident (the subject says which). */
	MK_ACT_INCIDENT_READ,   /* the record, checklist, logbook, decisions */
	MK_ACT_INCIDENT_EDIT,   /* change fields */
	MK_ACT_INCIDENT_ASSESS, /* classification: matrix row, impact, urgency */
	MK_ACT_INCIDENT_PHASE,  /* move through the phases, close */
	MK_ACT_TASK_SET,        /* tick a checklist task done / n.v.t. / reopen */
	MK_ACT_LOG_ADD,         /* a logbook entry */
	MK_ACT_DECISION_ADD,    /* a BOBOC decision */
	/* The data-breach duty (core/breach.h). Kept after the others, with
	 * their own table in access.c. */
	MK_ACT_BREACH_READ,     /* the breach record, its notifications, the AP draft */
	MK_ACT_BREACH_EDIT,     /* the breach record, AP notifications, informing subjects */
	MK_ACT_BREACH_REGISTER, /* the breach register (register-wide, art. 33(5)) */
	/* The chain of custody (doc/custody.md); decided by their own table
	 * in access.c. */
	MK_ACT_EVIDENCE_READ,   /* the items, the custody log, re-hashing them */
	MK_ACT_EVIDENCE_ADD,    /* register an item, upload a file, record a transfer */
	MK_ACT_EVIDENCE_EXPORT, /* the signed archive: every file's content */
	/* Intake (issue 4: doc/alerts.md); decided by their own table in
	 * access.c. All but observable-add concern the register. */
	MK_ACT_ALERT_POST,      /* POST alerts (a SIEM or IDS feeding them) */
	MK_ACT_ALERT_READ,      /* alert groups and their alerts */
	MK_ACT_ALERT_PROMOTE,   /* make an incident of an alert group */
	MK_ACT_OBSERVABLE_SEEN, /* where an indicator was seen, across the register */
	MK_ACT_OBSERVABLE_ADD,  /* one incident: add an indicator to it */
	/* Closure (issue 5 part 3, doc/closure.md): one incident ... */
	MK_ACT_TIME_ADD,        /* write time on the incident */
	MK_ACT_COST_ADD,        /* enter another cost (an invoice, hardware) */
	MK_ACT_COST_READ,       /* the time entries and the cost report */
	MK_ACT_EVALUATION_EDIT, /* the evaluation, its meeting and improvement actions */
	MK_ACT_INCIDENT_HOLD,   /* place or release a legal hold */
	MK_ACT_REPORT_READ,     /* the printable incident report and the iCalendar invitation */
	/* ... and the register as a whole again (no subject). */
	MK_ACT_RATE_ADMIN,      /* set the hourly rates per role */
	MK_ACT_PURGE,           /* purge records past retention */
	MK_ACT_COUNT
};

enum mk_access {
	MK_ACCESS_ALLOW,
	MK_ACCESS_DENY,   /* may see it, may not do this: 403 */
	MK_ACCESS_HIDDEN, /* may not know it exists: 404 */
};

/* What the rules need to know about the incident an action touches. */
struct mk_access_subject {
	bool confidential; /* the incident is vertrouwelijk */
	bool is_reporter;  /* the actor's account reported it */
	bool on_team;      /* the actor is on the incident's team */
};

/* The decision for role doing action. subject is NULL for the register
 * actions and required for the one-incident actions. */
enum mk_access mk_access_decide(enum mk_role role, enum mk_action action,
				const struct mk_access_subject *subject);

/* How a listing must be narrowed for a role (applied in the store query,
 * so that paging counts only what the person may see). */
struct mk_access_filter {
	bool only_own_reports;      /* melder: reporter_account = the actor */
	bool hide_confidential;     /* confidential ones only where on the team
				     * or reported by the actor (access.c) */
};
void mk_access_filter_for(enum mk_role role, struct mk_access_filter *ret);

/* The role's column of the table, whatever the incident: for the rules
 * the service enforces itself on every front end (who places a legal
 * hold, sets rates, purges), where the CLI has no need-to-know subject. */
bool mk_access_role_may(enum mk_role role, enum mk_action action);

/* True for actions about the register as a whole (no subject). */
bool mk_action_is_register(enum mk_action a);

/* The reporter's view. A melder follows their own report: its record, its
 * phase, their own notes, the status changes and what was communicated.
 * The handling (the team's notes and actions, BOBOC decisions, the
 * checklist) is not theirs to read: the reporter may be involved in what
 * they reported, and the team writes knowing that. */
bool mk_access_sees_handling(enum mk_role role);
/* Whether a logbook entry of `kind`, written by someone of `author_role`,
 * is shown to role (always, for a role that sees the handling). */
bool mk_access_log_entry_visible(enum mk_role role, enum mk_log_kind kind,
				 enum mk_role author_role);
/* True for actions about the register as a whole (no subject). */
bool mk_action_is_register(enum mk_action a);

/* A stable lower-case name ("incident-read"), for logs and tests. */
const char *mk_action_name(enum mk_action a);

#endif
