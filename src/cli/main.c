/* meldkamer's command line: `meldkamer NOUN VERB [options]`. The command
 * table below is the whole surface; each noun's verbs live in cmd-NOUN.c.
 * Exit status: 0 success, 1 refused or failed, 2 bad usage or input. */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

#define COMMON_HELP                                                                   \
	"  --db PATH      the database (default $MELDKAMER_DB or ./meldkamer.db)\n"         \
	"  --json         machine-readable output\n"                                        \
	"  --as NAME      who you are, for the logbook (default $MELDKAMER_USER or login)\n" \
	"  --role ROLE    your role (default $MELDKAMER_ROLE or servicedesk): melder,\n"     \
	"                 servicedesk, behandelaar, incidentmanager, ciso, fg, directie,\n"  \
	"                 auditor, admin\n"                                                 \
	"  --help         this text\n"

#define FIELD_HELP                                                                    \
	"  --title TEXT, --description TEXT (- reads standard input)\n"                     \
	"  --reporter-name, --reporter-department, --reporter-phone, --reporter-email\n"    \
	"  --source SRC   ids-ips, dlp, fim, webfilter, casb, siem-soc, gebruiker-partner,\n" \
	"                 tip, cti, pers, servicedesk, vertraging, onbekend\n"             \
	"  --occurred-at, --detected-at, --reported-at, --management-informed-at,\n"        \
	"  --subjects-informed-at, --contained-at, --resolved-at TIME\n"                    \
	"                 ISO 8601; without an offset Amsterdam time ('2026-10-24 12:00')\n" \
	"  --occurred-estimated, --personal-data, --confidential, --exercise ja|nee\n"      \
	"                 (also yes|no, true|false, 1|0)\n"                                \
	"  --tlp clear|green|amber|amber+strict|red, --supplier NAME, --parent KEY\n"       \
	"  an empty value clears an optional field\n"

static const struct mk_cli_command commands[] = {
	{"init", NULL, mk_cmd_init, "[--db PATH]",
	 "create the database, or bring an existing one up to date", ""},
	{"incident", "new", mk_cmd_incident_new, "--title TEXT [fields]",
	 "register an incident (detected_at defaults to now)", FIELD_HELP},
	{"incident", "list", mk_cmd_incident_list, "[--open] [--limit N] [--before KEY]",
	 "list incidents, newest first, a page at a time",
	 "  --open         only incidents that are not closed\n"
	 "  --limit N      rows per page (default 50, at most 1000)\n"
	 "  --before KEY   the page after the one that ended with KEY\n"},
	{"incident", "show", mk_cmd_incident_show, "KEY",
	 "the whole record: classification, clocks, checklist, logbook, decisions", ""},
	{"incident", "edit", mk_cmd_incident_edit, "KEY [fields] [--if-version N]",
	 "change fields of an incident",
	 FIELD_HELP "  --if-version N refuse if someone changed the incident since version N\n"},
	{"incident", "assess", mk_cmd_incident_assess,
	 "KEY [--table T --category C --incident I] [--impact CRIT=LEVEL]... [--people N] "
	 "[--urgency L] [--event-type E]",
	 "classify: notification matrix row, impact, urgency, priority, event type",
	 "  --table gebruikers|beheer --category TEXT --incident TEXT\n"
	 "                 a row of the notification matrix (see 'matrix list')\n"
	 "  --impact CRITERION=LEVEL  laag, midden, hoog or - ; criteria: mensen,\n"
	 "                 apparatuur, programmatuur, gegevens, organisatieprocessen,\n"
	 "                 omgeving, diensten, betrokkenen, reputatie, financieel,\n"
	 "                 herstelwerk, verspreiding, keten, beschikbaarheid\n"
	 "  --people N     people affected (sets mensen: <10 laag, <100 midden, else hoog)\n"
	 "  --urgency laag|midden|hoog\n"
	 "  --event-type normaal|escalatie|noodsituatie (only an incidentmanager or the\n"
	 "                 ciso declares or ends a noodsituatie)\n"
	 "  --if-version N refuse if someone changed the incident since version N\n"},
	{"incident", "phase", mk_cmd_incident_phase, "KEY PHASE [--reason TEXT]",
	 "move to a phase: detectie, initiatie, analyse, indammen, oplossen, herstel, "
	 "remediatie, afsluiten, evaluatie",
	 "  --reason TEXT  required to go back or to skip a phase\n"
	 "  --if-version N refuse if someone changed the incident since version N\n"},
	{"incident", "close", mk_cmd_incident_close, "KEY [--reason TEXT]",
	 "close (phase afsluiten): needs containment and the step 6 tasks done or n.v.t.",
	 "  --reason TEXT  required when closing skips phases\n"},
	{"task", "done", mk_cmd_task_done, "KEY CODE [--note TEXT]",
	 "mark a checklist task done", "  --note TEXT    what was done\n"},
	{"task", "na", mk_cmd_task_na, "KEY CODE --reason TEXT",
	 "mark a checklist task not applicable (n.v.t.)", "  --reason TEXT  why (required)\n"},
	{"task", "reopen", mk_cmd_task_reopen, "KEY CODE --reason TEXT",
	 "reopen a task that was marked done or n.v.t. by mistake",
	 "  --reason TEXT  why (required); the correction goes into the logbook\n"},
	{"task", "list", mk_cmd_task_list, "KEY [--open]",
	 "the incident's checklist (Bijlage 1)", "  --open         only open tasks\n"},
	{"playbook", "attach", mk_cmd_playbook_attach, "KEY NAME",
	 "add a playbook's tasks to the incident's checklist (playbooks: phishing)", ""},
	{"log", "add", mk_cmd_log_add, "KEY TEXT [--kind KIND]",
	 "append to the logbook (TEXT - reads standard input)",
	 "  --kind note|action|decision|communication (default note)\n"},
	{"log", "list", mk_cmd_log_list, "KEY", "the incident's logbook with its hashes", ""},
	{"log", "verify", mk_cmd_log_verify, "[KEY] [--expect-head COUNT:HASH]",
	 "verify the hash chain of one incident, or of all",
	 "  --expect-head COUNT:HASH  also compare with a head noted earlier\n"},
	{"decision", "add", mk_cmd_decision_add,
	 "KEY --beeldvorming T --opties T --besluit T --opdracht-wie W --opdracht-uiterlijk TIME",
	 "record a BOBOC decision",
	 "  --beeldvorming TEXT  the situation\n"
	 "  --opties TEXT        the options considered\n"
	 "  --besluit TEXT       the decision\n"
	 "  --opdracht-wie NAME  who carries it out\n"
	 "  --opdracht-uiterlijk TIME  by when\n"
	 "  --controle-op TIME   when to check (default: the opdracht deadline)\n"
	 "  --controle-resultaat TEXT  the outcome of the check\n"},
	{"decision", "list", mk_cmd_decision_list, "KEY", "the incident's BOBOC decisions", ""},
	{"matrix", "list", mk_cmd_matrix_list, "[--table gebruikers|beheer]",
	 "the notification matrix (Bijlage 3): who must be informed",
	 "  --table T      one table only\n"},
	{"deadlines", NULL, mk_cmd_deadlines, "[--limit N]",
	 "running and overdue clocks: golden hour, AP 72 h, data subjects, evaluation",
	 "  --limit N      at most N rows (default 50)\n"},
	{"search", NULL, mk_cmd_search, "WORDS... [--limit N]",
	 "full-text search in incidents and logbooks (a trailing * matches a prefix)",
	 "  --limit N      at most N incidents (default 50)\n"},
	{"report", "kpi", mk_cmd_report_kpi, "",
	 "metrics (H3): counts per category, detection lag, time to containment", ""},
	{"import", "veris", mk_cmd_import_veris, "PATH...",
	 "import VERIS incident records (files, or folders of .json files)", ""},
	{"intake", "mail", mk_cmd_intake_mail, "[FILE|FOLDER...] [--busy-timeout MS]",
	 "phishing mail forwarded by staff as reports: stdin, .eml files or a Maildir",
	 "  FILE           one message (RFC 5322); without FILE one on standard input\n"
	 "  FOLDER         its .eml files, or a Maildir's cur/ and new/\n"
	 "  --busy-timeout MS  wait at most MS milliseconds for another writer (default 10000)\n"
	 "  a message taken before (same SHA-256) adds nothing; exit 2 if any failed;\n"
	 "  on standard input, exit 75 (EX_TEMPFAIL) when the database is busy or the\n"
	 "  disk full, so that the MTA tries again\n"},
	{"export", "json", mk_cmd_export_json, "[--output FILE]",
	 "every incident with checklist, logbook, decisions and breach, as one JSON document",
	 "  --output FILE  write to FILE instead of standard output\n"},
	{"intake", "alerts", mk_cmd_intake_alerts,
	 "FILE.jsonl... [--window 1h] [--promote-severity N]",
	 "take Suricata eve.json, Wazuh or generic alert lines into alert groups",
	 "  --window DUR   repeated alerts this close together join one group (default 1h;\n"
	 "                 seconds, or a number with s, m, h or d)\n"
	 "  --promote-severity N  make an incident of every group at or above severity N\n"
	 "                 (1 low, 2 medium, 3 high, 4 critical, or the names)\n"
	 "  regular files only (a folder: give its .jsonl files); an alert taken before\n"
	 "  (the SHA-256 of its line) is counted as already there, not again\n"},
	{"alert", "list", mk_cmd_alert_list, "", "alert groups, most recently seen first", ""},
	{"alert", "show", mk_cmd_alert_show, "GROUP",
	 "one alert group with its first alerts and where they came from", ""},
	{"alert", "promote", mk_cmd_alert_promote, "GROUP",
	 "make an incident of an alert group, carrying its IP addresses as observables", ""},
	{"observable", "list", mk_cmd_observable_list, "[--incident KEY]",
	 "observables (indicators), all or of one incident",
	 "  --incident KEY the observables of that incident, with role and source\n"},
	{"observable", "add", mk_cmd_observable_add, "KEY TYPE VALUE [--tlp T] [--obs-role R]",
	 "add an observable (ip, domain, url, email, hash, filename) to an incident",
	 "  --tlp T        clear, green, amber (default), amber+strict, red\n"
	 "  --obs-role R   what it is to the incident (default indicator): sender, c2, ...\n"},
	{"observable", "seen", mk_cmd_observable_seen, "VALUE",
	 "where a value appears: incidents and alert groups (seen-before correlation)", ""},
	{"serve", NULL, mk_cmd_serve,
	 "[--listen ADDR:PORT] [--threads N] [--timeout S] [--trusted-proxy ADDR]",
	 "the web application and the JSON API (/api/v1), until SIGTERM or SIGINT",
	 "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080; [::1]:8080 for\n"
	 "                 IPv6; port 0 takes a free one, printed when serving)\n"
	 "  --threads N    worker threads, each with its own database connection\n"
	 "                 (default: the number of cores)\n"
	 "  --timeout S    close a connection idle this many seconds (default 15)\n"
	 "  --trusted-proxy ADDR  the reverse proxy's address: its X-Forwarded-For\n"
	 "                 names the client, X-Forwarded-Proto https makes cookies Secure\n"
	 "  the database must exist: create it with 'meldkamer init' first\n"},
	{"user", "add", mk_cmd_user_add,
	 "NAME --role ROLE [--display-name TEXT] --password-stdin",
	 "add an account for the web application",
	 "  --role ROLE    the new account's role (your own role, if needed, goes before\n"
	 "                 the command: meldkamer --role admin user add ...)\n"
	 "  --display-name TEXT  the name shown and written in logbooks (default NAME)\n"
	 "  --password-stdin  read the password from standard input (one line; at\n"
	 "                 least 12 characters)\n"
	 "  NAME: 1 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit\n"},
	{"user", "passwd", mk_cmd_user_passwd, "NAME --password-stdin",
	 "set a new password (ends the account's sessions)",
	 "  --password-stdin  read the password from standard input\n"},
	{"user", "disable", mk_cmd_user_disable, "NAME",
	 "disable an account: its sessions end and its API tokens are revoked", ""},
	{"user", "enable", mk_cmd_user_enable, "NAME",
	 "let a disabled account log in again (its revoked API tokens stay revoked)", ""},
	{"user", "list", mk_cmd_user_list, "", "every account with its role and state", ""},
	{"user", "lang", mk_cmd_user_lang, "NAME nl|en", "the language of the account's web pages",
	 ""},
	{"token", "list", mk_cmd_token_list, "", "every API token: its account, since when, revoked or not",
	 ""},
	{"token", "add", mk_cmd_token_add, "NAME --user ACCOUNT",
	 "an API token with the rights of ACCOUNT, printed once",
	 "  --user ACCOUNT the account whose role the token carries\n"},
	{"token", "revoke", mk_cmd_token_revoke, "NAME", "revoke an API token at once", ""},
	{"team", "add", mk_cmd_team_add, "KEY ACCOUNT",
	 "put an account on the incident's team (it then sees the incident if confidential)", ""},
	{"team", "remove", mk_cmd_team_remove, "KEY ACCOUNT", "take an account off the team", ""},
	{"team", "list", mk_cmd_team_list, "KEY", "the accounts on the incident's team", ""},
	{"breach", "set", mk_cmd_breach_set, "KEY [fields]",
	 "record or change the data breach of an incident (turns personal data on)",
	 "  --aware-at TIME     becoming aware (default: the incident's detected_at);\n"
	 "                      the 72-hour AP clock and the 7-day subjects target run from it\n"
	 "  --ended-at TIME     when the breach ended\n"
	 "  --summary TEXT, --consequences TEXT, --measures TEXT\n"
	 "  --nature LIST       gelezen, gekopieerd, gewijzigd, verwijderd, gestolen, onbekend\n"
	 "  --cause C           verloren-apparaat, gestolen-apparaat, hack, verkeerde-ontvanger,\n"
	 "                      openbaar, niet-verwijderd, papier, anders\n"
	 "  --categories LIST   naw, telefoon, email, inlog, financieel, id-kopie,\n"
	 "                      geslacht-leeftijd, bsn, anders\n"
	 "  --special-categories LIST  religie, ras-etniciteit, politiek, gezondheid,\n"
	 "                      seksueel, vakbond, strafrechtelijk, genetisch-biometrisch\n"
	 "  --groups LIST       personeel, burgers, patienten, minderjarigen, kwetsbaren,\n"
	 "                      onbekend, anders\n"
	 "  --records N, --subjects-min N, --subjects-max N\n"
	 "  --encrypted ja|nee, --encryption TEXT (how)\n"
	 "  --risk geen|laag|hoog, --risk-reasoning TEXT (required with a risk)\n"
	 "  --fg-name NAME, --fg-consulted-at TIME  the FG consulted: who and when\n"
	 "  LIST is comma-separated; an empty value clears a field\n"},
	{"breach", "show", mk_cmd_breach_show, "KEY",
	 "the breach record, its clocks and its AP notifications", ""},
	{"breach", "notify", mk_cmd_breach_notify,
	 "KEY --kind KIND --reference REF [--late-reason TEXT] [--filed-at TIME]",
	 "record a notification filed with the AP",
	 "  --kind voorlopig|aanvulling|intrekking|definitief\n"
	 "  --reference REF     the AP's meldnummer (later ones carry the first's)\n"
	 "  --late-reason TEXT  required when the first is filed after the 72 hours\n"
	 "                      (- reads standard input)\n"
	 "  --filed-at TIME     when it was filed (default now)\n"},
	{"breach", "inform", mk_cmd_breach_inform,
	 "KEY --decision ja|nee [--exception E --reason TEXT | --channel C [--informed-at TIME]]",
	 "record the decision to inform the data subjects (art. 34)",
	 "  --decision ja|nee\n"
	 "  --exception E       with nee: geen-hoog-risico, versleuteld, maatregelen, onevenredig\n"
	 "  --reason TEXT       required with nee\n"
	 "  --channel C         with ja: brief, email, telefoon, persoonlijk, openbaar\n"
	 "  --informed-at TIME  when they were informed (stops the 7-day clock)\n"},
	{"breach", "register", mk_cmd_breach_register, "[--format csv|xlsx] [-o FILE]",
	 "the breach register (AVG art. 33(5)): every breach, notified or not",
	 "  --format csv|xlsx   default csv (RFC 4180); --json gives JSON\n"
	 "  -o, --output FILE   write to FILE (xlsx without it goes to standard output)\n"},
	{"export", "ap-melding", mk_cmd_export_ap_melding, "KEY",
	 "a draft of the AP breach form (sections 0-9) for the FG, as Markdown or --json", ""},
	/* The chain of custody (doc/custody.md). */
	{"evidence", "add", mk_cmd_evidence_add, "KEY [FILE|-] --what TEXT --why TEXT [options]",
	 "register an evidence item: a file (copied into the store, SHA-256) or, without FILE, a "
	 "physical one",
	 "  --what TEXT          what it is (required)\n"
	 "  --why TEXT           why it was collected (required)\n"
	 "  --location TEXT      where it is kept\n"
	 "  --storage TEXT       how it is kept (a sealed bag, a safe)\n"
	 "  --seal TEXT          seal or bag number\n"
	 "  --collected-by NAME  who collected it (default: you)\n"
	 "  --collected-at TIME  when (default: now)\n"
	 "  --name NAME          the file's original name (default: FILE's)\n"
	 "  --media-type TYPE    type/subtype (default application/octet-stream)\n"},
	{"evidence", "list", mk_cmd_evidence_list, "KEY", "the incident's evidence items", ""},
	{"evidence", "show", mk_cmd_evidence_show, "KEY ITEM --why TEXT",
	 "an item's record and custody log (the access is recorded)",
	 "  --why TEXT  why you look (required)\n"},
	{"evidence", "get", mk_cmd_evidence_get, "KEY ITEM --output FILE --why TEXT",
	 "a copy of an item's file, re-hashed on the way (the access is recorded)",
	 "  --output FILE  where to write the copy (required)\n"
	 "  --why TEXT     why you need it (required)\n"},
	{"evidence", "transfer", mk_cmd_evidence_transfer,
	 "KEY ITEM --from NAME --to NAME --reason TEXT [--receipt REF] [--at TIME]",
	 "record a hand-over of an item", ""},
	{"evidence", "log", mk_cmd_evidence_log, "KEY",
	 "the incident's custody log: transfers and accesses", ""},
	{"evidence", "verify", mk_cmd_evidence_verify, "[KEY]",
	 "re-hash every stored evidence file and name each one that changed or is missing", ""},
	{"key", "show", mk_cmd_key_show, "",
	 "the installation's public signing key (Ed25519) and its fingerprint", ""},
	{"export", "evidence", mk_cmd_export_evidence, "KEY --output FILE --why TEXT",
	 "a signed archive of the incident's evidence, custody log and logbook",
	 "  --output FILE  the archive (tar) to write (required)\n"
	 "  --why TEXT     why it is exported (required; recorded as an access)\n"},
	{"verify", NULL, mk_cmd_verify_archive, "ARCHIVE [--public-key KEY]",
	 "check an evidence archive's signature, files and logbook chain, without a database",
	 "  --public-key KEY  the key it must be signed by: 64 hex digits or a file\n"},
	/* Closure (doc/closure.md). */
	{"time", "add", mk_cmd_time_add,
	 "KEY --minutes N --activity A (--start TIME | --date YYYY-MM-DD)",
	 "write time on an incident (Bijlage 1 step 7.1)",
	 "  --minutes N    1 to 1440 (one entry per day)\n"
	 "  --activity A   analyse, indammen, herstel, communicatie, overleg, coordinatie,\n"
	 "                 forensisch, documentatie, evaluatie, overig\n"
	 "  --start TIME   when the work started; or --date YYYY-MM-DD (Amsterdam)\n"
	 "  --person NAME  who worked (default: you, --as)\n"
	 "  --work-role R  whose hourly rate applies (default: your --role)\n"
	 "  --note TEXT    what was done\n"},
	{"time", "list", mk_cmd_time_list, "KEY", "the time written on an incident, with its cost", ""},
	{"rate", "set", mk_cmd_rate_set, "ROLE AMOUNT",
	 "set the hourly rate of a role in euros, e.g. behandelaar 87.50 (admin)", ""},
	{"rate", "list", mk_cmd_rate_list, "", "the hourly rates in force", ""},
	{"cost", "add", mk_cmd_cost_add, "KEY --kind K --amount EUR --description TEXT",
	 "enter another cost of an incident: an invoice, hardware",
	 "  --kind K       forensisch, hardware, software, extern, juridisch, overig\n"
	 "  --amount EUR   euros with at most two decimals (1250.00 or 1250,00)\n"
	 "  --description TEXT  what it is (invoice number, supplier)\n"},
	{"report", "cost", mk_cmd_report_cost, "KEY",
	 "the cost report: totals per role, person and activity plus other costs", ""},
	{"report", "purges", mk_cmd_report_purges, "", "the purge log: every purge, who, what", ""},
	{"evaluation", "set", mk_cmd_evaluation_set,
	 "KEY [--lessons TEXT] [--process-review TEXT] [--answer CODE=TEXT]...",
	 "write the evaluation after closure (Bijlage 1 step 7)",
	 "  --lessons TEXT        lessons learned (- reads standard input)\n"
	 "  --process-review TEXT how the process went (- reads standard input)\n"
	 "  --answer CODE=TEXT    answer a step 7 question (7.3a ... 7.6; see\n"
	 "                        'evaluation show'); an empty TEXT removes the answer\n"},
	{"evaluation", "meeting", mk_cmd_evaluation_meeting, "KEY --at TIME [--minutes N]",
	 "propose the evaluation meeting, 2 to 6 weeks after closing",
	 "  --at TIME      when (Amsterdam time without an offset)\n"
	 "  --minutes N    how long (15 to 480, default 90)\n"},
	{"evaluation", "show", mk_cmd_evaluation_show, "KEY",
	 "the evaluation: window, meeting, lessons, questions, actions", ""},
	{"action", "add", mk_cmd_action_add, "KEY --what TEXT --owner NAME --due TIME",
	 "an improvement action from the evaluation (step 7.5)", ""},
	{"action", "done", mk_cmd_action_done, "KEY N", "mark improvement action N done", ""},
	{"incident", "hold", mk_cmd_incident_hold, "KEY --reason TEXT",
	 "place a legal hold: the incident is never purged (ciso, directie, admin)", ""},
	{"incident", "release", mk_cmd_incident_release, "KEY --reason TEXT",
	 "release the legal hold", ""},
	{"purge", NULL, mk_cmd_purge, "--before-years N [KEY...] [--yes] [--dry-run]",
	 "purge incidents closed N (at least 3) years ago, after listing them (admin)",
	 "  --before-years N  retention in years, at least 3 (to the second)\n"
	 "  KEY...         only these incidents: the list is refused whole if one is\n"
	 "                 under legal hold or not past retention\n"
	 "  --yes          do not ask (needed when not on a terminal)\n"
	 "  --dry-run      only list\n"
	 "  without KEY, incidents under legal hold are listed and kept\n"},
	{"export", "report", mk_cmd_export_report, "KEY [--output FILE.html]",
	 "the incident report as one printable HTML page (Dutch)",
	 "  --output FILE  write to FILE instead of standard output\n"},
	{"export", "ical", mk_cmd_export_ical, "KEY [--output FILE.ics] [--mail-domain D]",
	 "the evaluation meeting as an iCalendar invitation for the incident team",
	 "  --output FILE  write to FILE instead of standard output\n"
	 "  --mail-domain D  address accounts as LOGIN@D (default $MELDKAMER_MAIL_DOMAIN;\n"
	 "                 without it they are named, not mailed)\n"},
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void print_overview(FILE *out)
{
	fprintf(out, "meldkamer: security incident response for municipalities (IBD process)\n\n"
		     "usage: meldkamer COMMAND [options]\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++) {
		char name[40];
		snprintf(name, sizeof(name), "%s%s%s", commands[i].noun, commands[i].verb ? " " : "",
			 commands[i].verb ? commands[i].verb : "");
		fprintf(out, "  %-18s %s\n", name, commands[i].summary);
	}
	fprintf(out, "\n'meldkamer COMMAND --help' tells more. Options of every command:\n%s",
		COMMON_HELP);
}

void mk_cli_print_help(const struct mk_cli_command *c)
{
	printf("usage: meldkamer %s%s%s %s\n\n%s\n", c->noun, c->verb ? " " : "",
	       c->verb ? c->verb : "", c->args, c->summary);
	if (c->help[0])
		printf("\noptions:\n%s", c->help);
	printf("\ncommon options:\n%s", COMMON_HELP);
}

/* The login name, for the logbook's author when --as is not given. */
static const char *login_name(void)
{
	const char *user = getenv("MELDKAMER_USER");
	if (user && user[0])
		return user;
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name && pw->pw_name[0])
		return pw->pw_name;
	user = getenv("USER");
	return user && user[0] ? user : "cli";
}

static int setup(struct mk_cli *cli)
{
	const char *db = getenv("MELDKAMER_DB");
	cli->db_path = db && db[0] ? db : "meldkamer.db";
	snprintf(cli->actor_name, sizeof(cli->actor_name), "%s", login_name());
	cli->actor.name = cli->actor_name;
	cli->actor.via = "cli";
	cli->actor.role = MK_ROLE_SERVICEDESK;
	struct mk_error err;
	const char *role = getenv("MELDKAMER_ROLE");
	if (role && role[0] && mk_role_parse(role, "MELDKAMER_ROLE", &cli->actor.role, &err))
		return mk_cli_fail(cli, &err);
	/* MELDKAMER_NOW fixes the clock: for tests, and for entering an
	 * incident's history after the fact in a demo. */
	const char *now = getenv("MELDKAMER_NOW");
	if (now && now[0]) {
		if (mk_time_parse(now, "MELDKAMER_NOW", &cli->now, &err))
			return mk_cli_fail(cli, &err);
	} else {
		cli->now = (mk_time)time(NULL);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct mk_cli cli = {.prog = "meldkamer"};
	int status = setup(&cli);
	if (status)
		return status;
	if (argc < 2) {
		print_overview(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		print_overview(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("meldkamer %s\n", MK_VERSION);
		return 0;
	}
	/* Common options may come before the command too:
	 * meldkamer --db other.db incident list. */
	int first = 1;
	while (first < argc && argv[first][0] == '-' && argv[first][1] == '-') {
		const char *opt = argv[first];
		bool takes_value = strcmp(opt, "--db") == 0 || strcmp(opt, "--as") == 0 ||
				   strcmp(opt, "--role") == 0;
		if (!takes_value && strcmp(opt, "--json") != 0)
			break;
		if (takes_value && first + 1 >= argc) {
			mk_cli_error("meldkamer: option '%s' needs a value\n", opt);
			return 2;
		}
		if (strcmp(opt, "--json") == 0) {
			cli.json = true;
		} else if (strcmp(opt, "--db") == 0) {
			cli.db_path = argv[first + 1];
		} else if (strcmp(opt, "--as") == 0) {
			snprintf(cli.actor_name, sizeof(cli.actor_name), "%s", argv[first + 1]);
		} else {
			struct mk_error err;
			if (mk_role_parse(argv[first + 1], "role", &cli.actor.role, &err))
				return mk_cli_fail(&cli, &err);
		}
		first += takes_value ? 2 : 1;
	}
	argc -= first - 1;
	argv += first - 1;
	if (argc < 2) {
		print_overview(stderr);
		return 2;
	}

	const struct mk_cli_command *cmd = NULL;
	bool noun_known = false;
	for (size_t i = 0; i < NCOMMANDS && !cmd; i++) {
		if (strcmp(commands[i].noun, argv[1]) != 0)
			continue;
		noun_known = true;
		if (!commands[i].verb || (argc > 2 && strcmp(commands[i].verb, argv[2]) == 0))
			cmd = &commands[i];
	}
	if (!cmd && noun_known && argc > 2 &&
	    (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "help") == 0)) {
		printf("meldkamer %s: commands\n", argv[1]);
		for (size_t i = 0; i < NCOMMANDS; i++)
			if (strcmp(commands[i].noun, argv[1]) == 0)
				printf("  %s %-8s %s\n", commands[i].noun,
				       commands[i].verb ? commands[i].verb : "", commands[i].summary);
		printf("\n'meldkamer %s VERB --help' tells more.\n", argv[1]);
		return 0;
	}
	if (!cmd) {
		if (noun_known)
			mk_cli_error("meldkamer %s: %s '%s' (see 'meldkamer --help')\n", argv[1],
				argc > 2 ? "unknown command" : "missing command after", argc > 2 ? argv[2] : argv[1]);
		else
			mk_cli_error("meldkamer: unknown command '%s' (see 'meldkamer --help')\n",
				argv[1]);
		return 2;
	}
	char prog[64];
	snprintf(prog, sizeof(prog), "meldkamer %s%s%s", cmd->noun, cmd->verb ? " " : "",
		 cmd->verb ? cmd->verb : "");
	cli.prog = prog;
	cli.command = cmd;
	int skip = cmd->verb ? 2 : 1;
	status = cmd->run(&cli, argc - skip, argv + skip);
	mk_service_close(cli.svc);
	if (fflush(stdout) != 0 && status == 0) {
		mk_cli_error("%s: cannot write the output\n", prog);
		status = 1;
	}
	return status;
}
