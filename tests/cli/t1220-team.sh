#!/bin/bash
# team add | remove | list: the people on an incident's team (they see it
# when it is confidential). Each change is a logbook entry; melders,
# disabled and unknown accounts are refused with nothing written.
. "$(dirname "$0")/lib.sh"
init_db
printf 'correct horse battery\n' >"$T/pw"
mk_stdin "$T/pw" user add carl --role behandelaar --display-name "Carl Jansen" --password-stdin
check_ok
mk_stdin "$T/pw" user add fenna --role fg --password-stdin
check_ok
mk_stdin "$T/pw" user add mels --role melder --password-stdin
check_ok
mk_stdin "$T/pw" user add weg --role auditor --password-stdin
check_ok
mk user disable weg
check_ok
new_incident --title "Datalek bij Jeugdzorg" --confidential ja

export MELDKAMER_NOW="2026-10-24 12:05"
mk team add "$KEY" carl --as "Bram Visser" --role incidentmanager
check_ok
check_out "carl added to the team of $KEY"
mk team add mk-2026-1 fenna
check_ok
mk team list "$KEY"
check_ok
check_out "carl
fenna"
mk team list "$KEY" --json
check_ok
json_py 'eq(d, ["carl", "fenna"])'

mk log list "$KEY" --json
json_py '
eq(d[1]["text"], "Toegevoegd aan het team: Carl Jansen (carl, behandelaar)")
eq(d[1]["author"], "Bram Visser"); eq(d[1]["role"], "incidentmanager"); eq(d[1]["kind"], "status")
eq(d[2]["text"], "Toegevoegd aan het team: fenna (fenna, fg)")
'

refused 1 "meldkamer team add: 'carl' is on the team of $KEY already" team add "$KEY" carl
refused 1 "meldkamer team add: account 'mels' has the role melder: only staff can be on an incident's team" \
	team add "$KEY" mels
refused 1 "meldkamer team add: account 'weg' is disabled" team add "$KEY" weg
refused 2 "meldkamer team add: account 'nobody' does not exist" team add "$KEY" nobody
refused 2 "meldkamer team add: incident 'MK-2026-0099' does not exist" team add MK-2026-0099 carl
refused 2 "meldkamer team add: needs the incident key and the account name" team add "$KEY"
refused 2 "meldkamer team remove: 'mels' is not on the team of $KEY" team remove "$KEY" mels

mk team remove "$KEY" carl --json
check_ok
json_py 'eq(d["key"], "'"$KEY"'")'
mk team list "$KEY"
check_out "fenna"
check_eq "removal logged" "Verwijderd uit het team: Carl Jansen (carl, behandelaar)" \
	"$(sql "SELECT text FROM logbook WHERE seq = 4")"
mk log verify "$KEY"
check_ok
mk team list MK-2026-0099
check_status 2
check_err "meldkamer team list: incident 'MK-2026-0099' does not exist"

finish
