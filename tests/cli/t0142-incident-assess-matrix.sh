#!/bin/bash
# incident assess with a row of the notification matrix (Bijlage 3): the
# row is stored, tasks 1.3 (CISO) and 1.3b (directie) follow the row's
# levels (X: must, (X): when relevant, empty: n.v.t.), a task someone
# already finished is left alone; rows that do not exist are refused.
. "$(dirname "$0")/lib.sh"
init_db

# steered KEY STATE13 NOTE13 STATE13b NOTE13b
steered() {
	mk task list "$1" --json
	check_ok
	json_py '
t = {x["code"]: x for x in d}
eq((t["1.3"]["state"], t["1.3"]["note"]), ("'"$2"'", "'"$3"'"), "task 1.3")
eq((t["1.3b"]["state"], t["1.3b"]["note"]), ("'"$4"'", "'"$5"'"), "task 1.3b")
'
}

# X, X, (X)
new_incident --title "Medewerker volgt voorschriften niet"
MELDKAMER_NOW="2026-10-24 12:05" mk incident assess "$KEY" --table gebruikers \
	--category "Opzettelijk foutief handelen" --incident "Niet volgen van voorschriften"
check_ok
check_out "$KEY: impact -, urgency -, priority -"
steered "$KEY" open "meldingsmatrix: CISO moet geïnformeerd worden (X)" \
	open "meldingsmatrix: directie informeren indien relevant ((X))"
mk incident show "$KEY" --json
json_py '
eq(d["matrix"], {"table": "gebruikers", "category": "Opzettelijk foutief handelen", "incident": "Niet volgen van voorschriften"})
eq(d["log"][-1]["text"], "Classificatie:\nMeldingsmatrix: gebruikers / Opzettelijk foutief handelen / Niet volgen van voorschriften (helpdesk X, CISO X, directie (X))\nTaak 1.3: meldingsmatrix: CISO moet geïnformeerd worden (X)\nTaak 1.3b: meldingsmatrix: directie informeren indien relevant ((X))")
eq(d["log"][-1]["kind"], "status")
'

# X, (X), empty
new_incident --title "Storing"
mk incident assess "$KEY" --table beheer --category "Technisch falen van apparatuur" --incident "Storing in apparatuur"
check_ok
steered "$KEY" open "meldingsmatrix: CISO informeren indien relevant ((X))" \
	nvt "meldingsmatrix: directie hoeft niet geïnformeerd te worden"
mk task list "$KEY" --json
json_py '
t = {x["code"]: x for x in d}
eq((t["1.3b"]["done_by"], t["1.3b"]["done_at"]), ("tester", "2026-10-24T10:00:00Z"), "n.v.t. by the assessor, now")
'

# X, empty, empty: the row "(Faciliteiten) Ongewenste trillingen" of the
# category "Omstandigheden op de werkplek".
new_incident --title "Trillingen"
mk incident assess "$KEY" --table gebruikers --category "Omstandigheden op de werkplek" --incident "Ongewenste trillingen"
check_ok
steered "$KEY" nvt "meldingsmatrix: CISO hoeft niet geïnformeerd te worden" \
	nvt "meldingsmatrix: directie hoeft niet geïnformeerd te worden"
mk log list "$KEY" --json
json_py 'eq(d[-1]["text"], "Classificatie:\nMeldingsmatrix: gebruikers / Omstandigheden op de werkplek / Ongewenste trillingen (helpdesk X, CISO -, directie -)\nTaak 1.3: meldingsmatrix: CISO hoeft niet geïnformeerd te worden (n.v.t.)\nTaak 1.3b: meldingsmatrix: directie hoeft niet geïnformeerd te worden (n.v.t.)")'

# A task already done stays done, with its own note.
new_incident --title "CISO al gebeld"
mk task done "$KEY" 1.3 --note "CISO telefonisch ingelicht"
check_ok
mk incident assess "$KEY" --table gebruikers --category "Omstandigheden op de werkplek" --incident "Uitval van elektriciteit"
check_ok
steered "$KEY" done "CISO telefonisch ingelicht" nvt "meldingsmatrix: directie hoeft niet geïnformeerd te worden"

# Rows that do not exist, and incomplete rows: exit 2, nothing written.
W="Omstandigheden op de werkplek"
refused 2 "meldkamer incident assess: matrix table 'beheer' has no category '$W' (see 'meldkamer matrix list')" \
	incident assess "$KEY" --table beheer --category "$W" --incident "Ongewenste trillingen"
refused 2 "matrix category '$W' has no incident 'Aardbeving' (see 'meldkamer matrix list')" \
	incident assess "$KEY" --table gebruikers --category "$W" --incident "Aardbeving"
refused 2 "matrix table 'gebruikers' has no category 'omstandigheden op de werkplek'" \
	incident assess "$KEY" --table gebruikers --category "omstandigheden op de werkplek" --incident "Ongewenste trillingen"
refused 2 "matrix table 'gebruikers' has no category '$W '" \
	incident assess "$KEY" --table gebruikers --category "$W " --incident "Ongewenste trillingen"
refused 2 "matrix table 'gebruikers' has no category '(Faciliteiten)'" \
	incident assess "$KEY" --table gebruikers --category "(Faciliteiten)" --incident "Ongewenste trillingen"
refused 2 "matrix table 'gebruikers' has no category ''" \
	incident assess "$KEY" --table gebruikers --category "" --incident ""
refused 2 "matrix table 'gebruikers' has no category" \
	incident assess "$KEY" --table gebruikers --category "$(printf '\377\376')" --incident "Ongewenste trillingen"
refused 2 "matrix table 'gebruikers' has no category '' OR 1=1 --'" \
	incident assess "$KEY" --table gebruikers --category "' OR 1=1 --" --incident "x"
refused 2 "table 'facilitair' is unknown: use one of gebruikers, beheer" \
	incident assess "$KEY" --table facilitair --category "$W" --incident "Ongewenste trillingen"
refused 2 "a matrix row needs --table, --category and --incident" \
	incident assess "$KEY" --table gebruikers --category "$W"
refused 2 "a matrix row needs --table, --category and --incident" \
	incident assess "$KEY" --incident "Ongewenste trillingen"
# A bad row refuses the whole assessment: the urgency is not written.
refused 2 "has no incident 'Aardbeving'" \
	incident assess "$KEY" --urgency hoog --table gebruikers --category "$W" --incident "Aardbeving"

# Other bad assessments.
refused 2 "impact criterion 'geld' is unknown: use one of mensen, apparatuur, programmatuur, gegevens, organisatieprocessen, omgeving, diensten, betrokkenen, reputatie, financieel, herstelwerk, verspreiding, keten, beschikbaarheid" \
	incident assess "$KEY" --impact geld=hoog
refused 2 "impact 'heel' is unknown: use one of laag, midden, hoog" incident assess "$KEY" --impact mensen=heel
refused 2 "--impact 'mensen' must be CRITERION=LEVEL, e.g. mensen=hoog" incident assess "$KEY" --impact mensen
refused 2 "impact criterion '' is unknown" incident assess "$KEY" --impact =hoog
refused 2 "urgency 'spoed' is unknown: use one of laag, midden, hoog" incident assess "$KEY" --urgency spoed
for p in -1 12x "" 1e3 100000000001; do
	refused 2 "--people '$p' is not a count" incident assess "$KEY" --people "$p"
done
refused 2 "nothing to assess: give a matrix row, impact, people affected, urgency or event type" incident assess "$KEY"
refused 2 "incident 'MK-2026-0099' does not exist" incident assess MK-2026-0099 --urgency hoog
refused 2 "missing the incident key (MK-YYYY-NNNN)" incident assess --urgency hoog

finish
