#!/bin/bash
# decision add | list: BOBOC decisions (Beeldvorming, Opties, Besluit,
# Opdracht, Controle) with their logbook entry; missing parts, bad text and
# impossible times refused with nothing written.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Ransomware"

export MELDKAMER_NOW="2026-10-24 12:30"; mk decision add "$KEY" --beeldvorming "Fileserver versleuteld" \
	--opties "$(printf 'Betalen\nHerstellen uit back-up')" --besluit "Herstellen uit back-up" \
	--opdracht-wie "Team ICT" --opdracht-uiterlijk "2026-10-25 18:00" --controle-op "2026-10-26 09:00" \
	--role incidentmanager --as "Ingrid"
check_ok
check_out "$KEY decision 1 recorded"
export MELDKAMER_NOW="2026-10-24 12:40"; mk decision add "$KEY" --beeldvorming B --opties O --besluit "Pers informeren" \
	--opdracht-wie "Communicatie" --opdracht-uiterlijk "2026-10-24 17:00" --controle-resultaat "Persbericht uit" --json
check_ok
json_py 'eq(d, {"key": "'"$KEY"'", "decision": 2})'

mk decision list "$KEY" --json
check_ok
json_py '
eq(d, [
 {"id": 1, "beeldvorming": "Fileserver versleuteld", "opties": "Betalen\nHerstellen uit back-up",
  "besluit": "Herstellen uit back-up", "opdracht": {"wie": "Team ICT", "uiterlijk": "2026-10-25T17:00:00Z"},
  "controle": {"op": "2026-10-26T08:00:00Z", "resultaat": None}, "decided_by": "Ingrid", "decided_at": "2026-10-24T10:30:00Z"},
 {"id": 2, "beeldvorming": "B", "opties": "O", "besluit": "Pers informeren",
  "opdracht": {"wie": "Communicatie", "uiterlijk": "2026-10-24T15:00:00Z"},
  "controle": {"op": "2026-10-24T15:00:00Z", "resultaat": "Persbericht uit"}, "decided_by": "tester", "decided_at": "2026-10-24T10:40:00Z"}])
'
mk decision list "$KEY"
check_ok
check_out "#1 2026-10-24 12:30 CEST by Ingrid
  Beeldvorming: Fileserver versleuteld
  Opties: Betalen
Herstellen uit back-up
  Besluit: Herstellen uit back-up
  Opdracht: Team ICT, uiterlijk 2026-10-25 18:00 CET
  Controle: 2026-10-26 09:00 CET
#2 2026-10-24 12:40 CEST by tester
  Beeldvorming: B
  Opties: O
  Besluit: Pers informeren
  Opdracht: Communicatie, uiterlijk 2026-10-24 17:00 CEST
  Controle: 2026-10-24 17:00 CEST, Persbericht uit"

mk log list "$KEY" --json
json_py '
eq([e["kind"] for e in d], ["system", "decision", "decision"])
eq(d[1]["text"], "Besluit (BOBOC)\nBeeldvorming: Fileserver versleuteld\nOpties: Betalen\nHerstellen uit back-up\nBesluit: Herstellen uit back-up\nOpdracht: Team ICT, uiterlijk 2026-10-25 18:00 CET\nControle: 2026-10-26 09:00 CET")
eq([d[1]["author"], d[1]["role"]], ["Ingrid", "incidentmanager"])
'

# Missing parts, bad text, impossible times: nothing written.
ALL=(--beeldvorming B --opties O --besluit X --opdracht-wie W --opdracht-uiterlijk "2026-10-25 12:00")
refused 2 "meldkamer decision add: beeldvorming is empty" decision add "$KEY" --opties O --besluit X --opdracht-wie W --opdracht-uiterlijk 2026-10-25
refused 2 "opties is empty" decision add "$KEY" --beeldvorming B --besluit X --opdracht-wie W --opdracht-uiterlijk 2026-10-25
refused 2 "besluit is empty" decision add "$KEY" --beeldvorming B --opties O --opdracht-wie W --opdracht-uiterlijk 2026-10-25
refused 2 "opdracht_wie is empty" decision add "$KEY" --beeldvorming B --opties O --besluit X --opdracht-uiterlijk 2026-10-25
refused 2 "opdracht needs a deadline (by when)" decision add "$KEY" --beeldvorming B --opties O --besluit X --opdracht-wie W
refused 2 "besluit is empty" decision add "$KEY" "${ALL[@]}" --besluit "   "
refused 2 "the opdracht deadline lies before the decision itself" decision add "$KEY" "${ALL[@]}" --opdracht-uiterlijk "2026-10-24 11:59"
refused 2 "the controle lies before the decision itself" decision add "$KEY" "${ALL[@]}" --controle-op "2026-10-23"
refused 2 "opdracht-uiterlijk '2026-02-30' is not a date and time" decision add "$KEY" "${ALL[@]}" --opdracht-uiterlijk 2026-02-30
refused 2 "opdracht-uiterlijk '2200-01-01' is out of range: meldkamer accepts times from 1970 up to 2099" decision add "$KEY" "${ALL[@]}" --opdracht-uiterlijk 2200-01-01
refused 2 "opdracht-uiterlijk: 2027-03-28 02:30 does not exist in Amsterdam" decision add "$KEY" "${ALL[@]}" --opdracht-uiterlijk "2027-03-28 02:30"
refused 2 "controle-op '1900-01-01' is out of range" decision add "$KEY" "${ALL[@]}" --controle-op 1900-01-01
for f in beeldvorming opties besluit controle-resultaat; do
	name=${f//-/_}
	refused 2 "$name is not valid UTF-8 (at byte 1)" decision add "$KEY" "${ALL[@]}" "--$f" "$(printf 'x\377')"
	refused 2 "$name contains a control character (0x1b at byte 0)" decision add "$KEY" "${ALL[@]}" "--$f" "$(printf '\033[2J')"
	refused 2 "$name is too long: 65537 bytes, the limit is 65536" decision add "$KEY" "${ALL[@]}" "--$f" "$(head -c 65537 /dev/zero | tr '\0' x)"
done
refused 2 "opdracht_wie is not valid UTF-8" decision add "$KEY" "${ALL[@]}" --opdracht-wie "$(printf 'x\377')"
refused 2 "opdracht_wie contains a control character (0x0a at byte 3)" decision add "$KEY" "${ALL[@]}" --opdracht-wie "$(printf 'Jan\nPiet')"
refused 2 "opdracht_wie is too long: 201 bytes, the limit is 200" decision add "$KEY" "${ALL[@]}" --opdracht-wie "$(head -c 201 /dev/zero | tr '\0' x)"
refused 2 "incident 'MK-2026-0404' does not exist" decision add MK-2026-0404 "${ALL[@]}"
refused 2 "needs the incident key" decision add "${ALL[@]}"
refused 2 "unknown option '--controle'" decision add "$KEY" "${ALL[@]}" --controle x
refused 2 "missing the incident key (MK-YYYY-NNNN)" decision list
refused 2 "incident 'MK-2026-0404' does not exist" decision list MK-2026-0404

finish
