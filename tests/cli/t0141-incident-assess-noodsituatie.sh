#!/bin/bash
# Bijlage 4: only an incidentmanager or the ciso may declare a
# noodsituatie; every other role is refused (exit 1, nothing written,
# not even the rest of the assessment); the declaration is its own
# logbook entry of kind decision naming who declared it.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Ransomware op de fileserver"

for role in melder servicedesk behandelaar fg directie auditor admin; do
	refused 1 "meldkamer incident assess: only an incidentmanager or the ciso may declare a noodsituatie, not a $role" \
		incident assess "$KEY" --event-type noodsituatie --role "$role"
done
# The default role (servicedesk), and MELDKAMER_ROLE.
refused 1 "only an incidentmanager or the ciso may declare a noodsituatie, not a servicedesk" \
	incident assess "$KEY" --event-type noodsituatie
MELDKAMER_ROLE=behandelaar refused 1 "not a behandelaar" incident assess "$KEY" --event-type noodsituatie
# Refused as a whole: the impact given along is not written either.
refused 1 "not a servicedesk" incident assess "$KEY" --impact gegevens=hoog --urgency hoog --event-type noodsituatie

# Escalatie is anyone's to set.
MELDKAMER_NOW="2026-10-24 12:05" mk incident assess "$KEY" --event-type escalatie
check_ok
check_out "$KEY: impact -, urgency -, priority -"

MELDKAMER_NOW="2026-10-24 12:10" mk incident assess "$KEY" --event-type noodsituatie --role incidentmanager --as "Ingrid Bakker"
check_ok
mk incident show "$KEY" --json
json_py '
eq(d["event_type"], "noodsituatie")
eq([[e["seq"], e["kind"], e["author"], e["role"], e["text"]] for e in d["log"][1:]], [
  [2, "decision", "tester", "servicedesk", "Gebeurtenistype: normaal -> escalatie, vastgesteld door tester (servicedesk)"],
  [3, "decision", "Ingrid Bakker", "incidentmanager", "Gebeurtenistype: escalatie -> noodsituatie, vastgesteld door Ingrid Bakker (incidentmanager)"]])
eq(d["version"], 3, "version")
'
mk incident show "$KEY"
check_out_has "phase detectie | priority - | event noodsituatie | TLP amber | version 3"

# The ciso may too, through MELDKAMER_ROLE.
new_incident --title "DDoS op de website"
MELDKAMER_ROLE=ciso MELDKAMER_USER="Carla CISO" mk incident assess "$KEY" --event-type noodsituatie --impact diensten=hoog --urgency hoog
check_ok
check_out "$KEY: impact hoog, urgency hoog, priority P1 kritiek"
mk log list "$KEY" --json
json_py '
eq([e["kind"] for e in d], ["system", "status", "decision"])
eq(d[2]["text"], "Gebeurtenistype: normaal -> noodsituatie, vastgesteld door Carla CISO (ciso)")
eq(d[2]["author"], "Carla CISO")
'

refused 2 "event-type 'crisis' is unknown: use one of normaal, escalatie, noodsituatie" \
	incident assess "$KEY" --event-type crisis

finish
