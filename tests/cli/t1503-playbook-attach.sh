#!/bin/bash
# playbook attach: the phishing playbook's tasks join an incident's
# checklist after the Bijlage 1 tasks, open, logged once; attaching again
# adds nothing; they are worked like other tasks; an incident without the
# playbook has no such task; an unknown playbook is named. intake mail
# attaches it to every report.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Verdachte mail"

refused 2 "meldkamer task done: incident $KEY has no task '1.50' (see 'meldkamer incident show $KEY')" \
	task done "$KEY" 1.50
refused 2 "meldkamer playbook attach: no playbook 'ransomware' (known: phishing, verlies-diefstal, malware, ddos, accountovername, verkeerde-ontvanger, defacement)" \
	playbook attach "$KEY" ransomware

mk playbook attach "$KEY" phishing
check_ok
check_out "$KEY: playbook phishing, 7 tasks added"
check_eq rows "1.50|open|playbook phishing
1.51|open|playbook phishing
3.50|open|playbook phishing
4.50|open|playbook phishing
4.51|open|playbook phishing
5.50|open|playbook phishing
7.50|open|playbook phishing" "$(sql "SELECT code, state, note FROM task ORDER BY code")"
check_eq log "Playbook phishing toegevoegd: 7 taken" \
	"$(sql "SELECT substr(text, 1, 37) FROM logbook WHERE text LIKE 'Playbook%'")"

snapshot
mk playbook attach "$KEY" phishing
check_ok
check_out "$KEY: playbook phishing, 0 tasks added"
check_db_unchanged

mk task list "$KEY"
check_ok
check_out_has "1.50  open  behandelaar      Afzender, domeinen en URL's blokkeren in het mailfilter en de webproxy"
check_out_has "7.50  open  ciso             Indicatoren delen met de IBD; misbruik melden bij de partij die is nagebootst"
mk task done "$KEY" 3.50 --note "2 medewerkers geklikt, niemand ingelogd"
check_ok
check_eq done "done|tester|2 medewerkers geklikt, niemand ingelogd" \
	"$(sql "SELECT state, done_by, note FROM task WHERE code = '3.50'")"
mk task list "$KEY" --json
check_ok
json_py '
codes = [t["code"] for t in d["tasks"]] if isinstance(d, dict) else [t["code"] for t in d]
eq(codes[-7:], ["1.50", "1.51", "3.50", "4.50", "4.51", "5.50", "7.50"], "playbook tasks last")'

# Every report from intake mail has them.
mk intake mail "$MK_SOURCE_ROOT/tests/intake/mail/base64-body.eml"
check_ok
check_eq intake-playbook 7 "$(sql "SELECT count(*) FROM task t JOIN incident i ON i.id = t.incident_id
	WHERE i.key = 'MK-2026-0002' AND t.note = 'playbook phishing'")"
mk log verify
check_ok
finish
