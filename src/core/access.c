/* Who may do what (core/access.h): the roles of DESIGN.md "Who uses it"
 * against every action, as one table of data, and the need-to-know rule
 * that hides incidents a person may not know about. Pure: no I/O.
 *
 * A decision is taken in two steps. First visibility: may this person
 * know the incident exists at all? If not, HIDDEN, whatever the action.
 * Then the table: ALLOW or DENY for the role and the action. Register
 * actions (no subject) go to the table directly.
 *
 * Visibility (DESIGN.md: "An incident marked vertrouwelijk is visible only
 * to ciso, admin and the people on that incident's team"; "melder: sees
 * only their own reports"):
 * - ciso and admin see every incident.
 * - A melder sees only the incidents they reported, confidential or not:
 *   their own report does not vanish from their page when the CISO marks
 *   it confidential (it would look lost and be reported again). Team
 *   membership does not widen what a melder sees: someone who works on
 *   incidents gets a working role (and mk_svc_team_add refuses melders).
 * - Every other role sees every incident that is not confidential, and a
 *   confidential one when on its team or when they reported it
 *   themselves (they know of it already; as for the melder above).
 *
 * Answers for a role outside the enum, an action outside the enum, or a
 * one-incident action without a subject fail closed (HIDDEN): those are
 * programming errors, and an error must not open a door. */
#include "core/access.h"

#include <stddef.h>

enum { A = MK_ACCESS_ALLOW, D = MK_ACCESS_DENY };

/* The first incident action: actions before it concern the register as a
 * whole and take no subject. */
#define FIRST_INCIDENT_ACTION MK_ACT_INCIDENT_READ

/* Role x action, for an incident the person may see. Columns in the order
 * of enum mk_action:
 *   create list deadl kpi matrix chain users | read edit assess phase task log decision */
static const unsigned char table[MK_ROLE_COUNT][MK_ACT_DECISION_ADD + 1] = {
	/* melder: any employee. Reports incidents and follows their own
	 * reports. May add a logbook note to their own report (a second
	 * thought, "I also clicked it on my phone"): the logbook is where
	 * that belongs, attributed and append-only, and the alternative is a
	 * mail nobody links to the record. Nothing else: no classification,
	 * phases, tasks or decisions, and no view on the register. */
	[MK_ROLE_MELDER] = {A, A, D, D, D, D, D, /**/ A, D, D, D, D, A, D},
	/* servicedesk: registers and first classifies reports, records the
	 * reporter, routes. Edits and assesses, ticks tasks, writes the
	 * logbook, sees the clocks and the matrix. Phases and BOBOC
	 * decisions belong to the incident manager. */
	[MK_ROLE_SERVICEDESK] = {A, A, A, D, A, D, D, /**/ A, A, A, D, A, A, D},
	/* behandelaar: the technical specialist works the tasks assigned and
	 * writes in the logbook what was done. DESIGN gives them no phase
	 * moves, classification or field edits: containment and resolution
	 * times reach the record through the tasks that set them. */
	[MK_ROLE_BEHANDELAAR] = {A, A, A, D, A, D, D, /**/ A, D, D, D, A, A, D},
	/* incidentmanager: owns incidents: every incident action, phases and
	 * decisions included. The register-wide KPIs and chain check are the
	 * CISO's review and report (DESIGN), not the incident manager's. */
	[MK_ROLE_INCIDENTMANAGER] = {A, A, A, D, A, D, D, /**/ A, A, A, A, A, A, A},
	/* ciso: everything on incidents, confidential ones too, the KPIs for
	 * the management report and the chain check for the weekly review.
	 * Accounts stay with admin: the person who sees everything does not
	 * also hand out access (separation of duties). */
	[MK_ROLE_CISO] = {A, A, A, A, A, A, D, /**/ A, A, A, A, A, A, A},
	/* fg: the privacy officer reads every incident (personal data ones
	 * above all), works the data-breach tasks (AP notification, informing
	 * data subjects) and writes in the logbook; watches the 72-hour clock.
	 * Advises; does not classify, move phases or decide. */
	[MK_ROLE_FG] = {A, A, A, D, A, D, D, /**/ A, D, D, D, A, A, D},
	/* directie: management reads, sees the clocks and KPIs, and takes the
	 * BOBOC decisions that are theirs (forensic investigation, informing
	 * the public); a decision writes its own logbook entry. */
	[MK_ROLE_DIRECTIE] = {A, A, A, A, A, D, D, /**/ A, D, D, D, D, D, A},
	/* auditor: read-only, everything but confidential content (hidden by
	 * the visibility rule, unless put on the team). Checks the chain. */
	[MK_ROLE_AUDITOR] = {D, A, A, A, A, A, D, /**/ A, D, D, D, D, D, D},
	/* admin: accounts and configuration, and everything else, confidential
	 * incidents included (DESIGN: visible to ciso and admin). */
	[MK_ROLE_ADMIN] = {A, A, A, A, A, A, A, /**/ A, A, A, A, A, A, A},
};

/* The data-breach actions: breach read and edit (one incident) and the
 * breach register (all of them), per role. The FG (privacy officer)
 * assesses and notifies; the incident manager and the CISO work the breach
 * with them (DESIGN.md: the CISO sees everything, the incident manager
 * owns the incident). Everyone who works on incidents may read the breach
 * of one they may see; a melder may not: the risk assessment and the
 * dealings with the AP are not the reporter's to read. The register (AVG
 * art. 33(5): the documentation of every breach) is read by the three who
 * work breaches, by the auditor who checks it, and by admin; it lists
 * titles, so confidential incidents are filtered out for whoever is not
 * on their team, as in every list. Directie follows a breach through its
 * incident, not the register. */
enum { BREACH_READ, BREACH_EDIT, BREACH_REGISTER };
static const unsigned char breach_table[MK_ROLE_COUNT][3] = {
	/*                          read edit register */
	[MK_ROLE_MELDER] = {D, D, D},
	[MK_ROLE_SERVICEDESK] = {A, D, D},
	[MK_ROLE_BEHANDELAAR] = {A, D, D},
	[MK_ROLE_INCIDENTMANAGER] = {A, A, A},
	[MK_ROLE_CISO] = {A, A, A},
	[MK_ROLE_FG] = {A, A, A},
	[MK_ROLE_DIRECTIE] = {A, D, D},
	[MK_ROLE_AUDITOR] = {A, D, A},
	[MK_ROLE_ADMIN] = {A, A, A},
};

/* The chain of custody, role x (evidence-read, evidence-add,
 * evidence-export), for an incident the person may see. Kept apart from
 * the table above so that its columns stay as they were.
 * - Who collects and hands over evidence works the incident: the service
 *   desk (a mail, a device handed in at the desk), the behandelaar
 *   (Bijlage 1 steps 3.2-3.5), the incident manager, the CISO, admin.
 * - The export hands out every file's content under the installation's
 *   signature: the incident manager, the CISO (to the police, a court)
 *   and the auditor (who checks the chain outside meldkamer), and admin.
 * - fg and directie read the record and the custody log but do not
 *   handle evidence. The melder does neither: what was collected about
 *   their report is not theirs to see. */
static const unsigned char evidence_table[MK_ROLE_COUNT][3] = {
	[MK_ROLE_MELDER] = {D, D, D},
	[MK_ROLE_SERVICEDESK] = {A, A, D},
	[MK_ROLE_BEHANDELAAR] = {A, A, D},
	[MK_ROLE_INCIDENTMANAGER] = {A, A, A},
	[MK_ROLE_CISO] = {A, A, A},
	[MK_ROLE_FG] = {A, D, D},
	[MK_ROLE_DIRECTIE] = {A, D, D},
	[MK_ROLE_AUDITOR] = {A, D, A},
	[MK_ROLE_ADMIN] = {A, A, A},
};
/* Intake, role x (alert-post alert-read alert-promote observable-seen |
 * observable-add). Kept apart from the table above so that its columns
 * stay as they were.
 * - Alerts are posted by the feeds that the service desk, the incident
 *   manager, the CISO or admin set up with their own API token; the
 *   behandelaar, FG, directie and auditor run no feeds.
 * - Alert groups (signatures, addresses, raw lines) are the technical
 *   triage of the service desk and the behandelaar, the incident
 *   manager's and CISO's to follow, the auditor's to check; FG and
 *   directie follow incidents, not alerts, and a melder neither.
 * - Promoting a group registers an incident: who registers and
 *   classifies (servicedesk) or owns incidents (incidentmanager, ciso),
 *   and admin.
 * - Seen-before across the register names incidents, filtered by the
 *   reader's need-to-know like every list: every working role; a melder
 *   has no view on the register.
 * - Adding an indicator edits the incident's facts: who works it
 *   (servicedesk, behandelaar, incidentmanager, ciso, admin). */
enum { ALERT_POST, ALERT_READ, ALERT_PROMOTE, OBSERVABLE_SEEN, OBSERVABLE_ADD, INTAKE_COUNT };
static const unsigned char intake_table[MK_ROLE_COUNT][INTAKE_COUNT] = {
	[MK_ROLE_MELDER] = {D, D, D, D, /**/ D},
	[MK_ROLE_SERVICEDESK] = {A, A, A, A, /**/ A},
	[MK_ROLE_BEHANDELAAR] = {D, A, D, A, /**/ A},
	[MK_ROLE_INCIDENTMANAGER] = {A, A, A, A, /**/ A},
	[MK_ROLE_CISO] = {A, A, A, A, /**/ A},
	[MK_ROLE_FG] = {D, D, D, A, /**/ D},
	[MK_ROLE_DIRECTIE] = {D, D, D, A, /**/ D},
	[MK_ROLE_AUDITOR] = {D, A, D, A, /**/ D},
	[MK_ROLE_ADMIN] = {A, A, A, A, /**/ A},
};

/* The column of an intake action in intake_table, or -1. */
static int intake_column(enum mk_action a)
{
	switch (a) {
	case MK_ACT_ALERT_POST: return ALERT_POST;
	case MK_ACT_ALERT_READ: return ALERT_READ;
	case MK_ACT_ALERT_PROMOTE: return ALERT_PROMOTE;
	case MK_ACT_OBSERVABLE_SEEN: return OBSERVABLE_SEEN;
	case MK_ACT_OBSERVABLE_ADD: return OBSERVABLE_ADD;
	default: return -1;
	}
}

/* The closure actions (doc/closure.md), columns from MK_ACT_TIME_ADD:
 *   time cost cost-read evaluation hold report | rates purge
 * Time is written by whoever worked on the incident (not the melder, who
 * did not, nor the auditor, who only reads). Costs other than time are
 * entered by those who order or approve them: the incident manager, the
 * CISO, management. The cost report (for recovery from an offender, step
 * 7.1) and the printable report are read by those who report on the
 * incident: incident manager, CISO, FG, management, the auditor. The
 * evaluation is the incident team's: incident manager and CISO (step 7.2
 * to 7.4). A legal hold is a decision of the CISO or management (advised
 * by the legal department). Rates and the purge are configuration and
 * records management: admin alone. */
#define CLOSURE_FIRST MK_ACT_TIME_ADD
#define CLOSURE_COUNT (MK_ACT_COUNT - CLOSURE_FIRST)
static const unsigned char closure_table[MK_ROLE_COUNT][CLOSURE_COUNT] = {
	[MK_ROLE_MELDER] = {D, D, D, D, D, D, /**/ D, D},
	[MK_ROLE_SERVICEDESK] = {A, D, D, D, D, D, /**/ D, D},
	[MK_ROLE_BEHANDELAAR] = {A, D, D, D, D, D, /**/ D, D},
	[MK_ROLE_INCIDENTMANAGER] = {A, A, A, A, D, A, /**/ D, D},
	[MK_ROLE_CISO] = {A, A, A, A, A, A, /**/ D, D},
	[MK_ROLE_FG] = {A, D, A, D, D, A, /**/ D, D},
	[MK_ROLE_DIRECTIE] = {D, A, A, D, A, A, /**/ D, D},
	[MK_ROLE_AUDITOR] = {D, D, A, D, D, A, /**/ D, D},
	[MK_ROLE_ADMIN] = {A, A, A, A, A, A, /**/ A, A},
};

static enum mk_access table_of(enum mk_role role, enum mk_action action)
{
	int intake = intake_column(action);
	if (intake >= 0)
		return (enum mk_access)intake_table[role][intake];
	if (action == MK_ACT_BREACH_READ)
		return (enum mk_access)breach_table[role][BREACH_READ];
	if (action == MK_ACT_BREACH_EDIT)
		return (enum mk_access)breach_table[role][BREACH_EDIT];
	if (action == MK_ACT_BREACH_REGISTER)
		return (enum mk_access)breach_table[role][BREACH_REGISTER];
	if (action >= MK_ACT_EVIDENCE_READ && action <= MK_ACT_EVIDENCE_EXPORT)
		return (enum mk_access)evidence_table[role][action - MK_ACT_EVIDENCE_READ];
	if (action >= CLOSURE_FIRST)
		return (enum mk_access)closure_table[role][action - CLOSURE_FIRST];
	return (enum mk_access)table[role][action];
}

bool mk_action_is_register(enum mk_action a)
{
	return a < FIRST_INCIDENT_ACTION || a == MK_ACT_BREACH_REGISTER || a == MK_ACT_ALERT_POST ||
	       a == MK_ACT_ALERT_READ || a == MK_ACT_ALERT_PROMOTE || a == MK_ACT_OBSERVABLE_SEEN ||
	       a == MK_ACT_RATE_ADMIN || a == MK_ACT_PURGE;
}

bool mk_access_role_may(enum mk_role role, enum mk_action action)
{
	if ((unsigned)role >= MK_ROLE_COUNT || (unsigned)action >= MK_ACT_COUNT)
		return false;
	return table_of(role, action) == MK_ACCESS_ALLOW;
}

static bool visible(enum mk_role role, const struct mk_access_subject *s)
{
	switch (role) {
	case MK_ROLE_CISO:
	case MK_ROLE_ADMIN:
		return true;
	case MK_ROLE_MELDER:
		return s->is_reporter;
	default:
		return !s->confidential || s->on_team || s->is_reporter;
	}
}

enum mk_access mk_access_decide(enum mk_role role, enum mk_action action,
				const struct mk_access_subject *subject)
{
	if ((unsigned)role >= MK_ROLE_COUNT || (unsigned)action >= MK_ACT_COUNT)
		return MK_ACCESS_HIDDEN;
	if (!mk_action_is_register(action)) {
		if (!subject || !visible(role, subject))
			return MK_ACCESS_HIDDEN;
	}
	return table_of(role, action);
}

void mk_access_filter_for(enum mk_role role, struct mk_access_filter *ret)
{
	/* The same visibility rule as visible(), in the form a query needs.
	 * An unknown role gets the narrowest filter. */
	ret->only_own_reports = role == MK_ROLE_MELDER || (unsigned)role >= MK_ROLE_COUNT;
	ret->hide_confidential = role != MK_ROLE_CISO && role != MK_ROLE_ADMIN;
}

bool mk_access_sees_handling(enum mk_role role)
{
	return role != MK_ROLE_MELDER && (unsigned)role < MK_ROLE_COUNT;
}

bool mk_access_log_entry_visible(enum mk_role role, enum mk_log_kind kind,
				 enum mk_role author_role)
{
	if (mk_access_sees_handling(role))
		return true;
	return author_role == MK_ROLE_MELDER || kind == MK_LOG_STATUS ||
	       kind == MK_LOG_COMMUNICATION;
}

static const char *const action_names[MK_ACT_COUNT] = {
	[MK_ACT_INCIDENT_CREATE] = "incident-create",
	[MK_ACT_INCIDENT_LIST] = "incident-list",
	[MK_ACT_DEADLINES_READ] = "deadlines-read",
	[MK_ACT_KPI_READ] = "kpi-read",
	[MK_ACT_MATRIX_READ] = "matrix-read",
	[MK_ACT_CHAIN_CHECK] = "chain-check",
	[MK_ACT_USER_ADMIN] = "user-admin",
	[MK_ACT_INCIDENT_READ] = "incident-read",
	[MK_ACT_INCIDENT_EDIT] = "incident-edit",
	[MK_ACT_INCIDENT_ASSESS] = "incident-assess",
	[MK_ACT_INCIDENT_PHASE] = "incident-phase",
	[MK_ACT_TASK_SET] = "task-set",
	[MK_ACT_LOG_ADD] = "log-add",
	[MK_ACT_DECISION_ADD] = "decision-add",
	[MK_ACT_BREACH_READ] = "breach-read",
	[MK_ACT_BREACH_EDIT] = "breach-edit",
	[MK_ACT_BREACH_REGISTER] = "breach-register",
	[MK_ACT_EVIDENCE_READ] = "evidence-read",
	[MK_ACT_EVIDENCE_ADD] = "evidence-add",
	[MK_ACT_EVIDENCE_EXPORT] = "evidence-export",
	[MK_ACT_ALERT_POST] = "alert-post",
	[MK_ACT_ALERT_READ] = "alert-read",
	[MK_ACT_ALERT_PROMOTE] = "alert-promote",
	[MK_ACT_OBSERVABLE_SEEN] = "observable-seen",
	[MK_ACT_OBSERVABLE_ADD] = "observable-add",
	[MK_ACT_TIME_ADD] = "time-add",
	[MK_ACT_COST_ADD] = "cost-add",
	[MK_ACT_COST_READ] = "cost-read",
	[MK_ACT_EVALUATION_EDIT] = "evaluation-edit",
	[MK_ACT_INCIDENT_HOLD] = "incident-hold",
	[MK_ACT_REPORT_READ] = "report-read",
	[MK_ACT_RATE_ADMIN] = "rate-admin",
	[MK_ACT_PURGE] = "purge",
};

const char *mk_action_name(enum mk_action a)
{
	return (unsigned)a < MK_ACT_COUNT ? action_names[a] : "?";
}
