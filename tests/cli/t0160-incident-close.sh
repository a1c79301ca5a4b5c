#!/bin/bash
# incident close (phase afsluiten): refused while step 6 tasks are open,
# naming exactly those still open; then closed_at (and resolved_at if
# unknown) are set, the evaluation and retention clocks start; evaluatie
# keeps closed_at; moving back reopens.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Phishing" --detected-at "2026-10-24 10:00"
mk incident edit "$KEY" --contained-at "2026-10-24 11:00"
check_ok
for p in initiatie analyse indammen oplossen herstel remediatie; do
	mk incident phase "$KEY" $p
	check_ok
done

refused 1 "meldkamer incident close: closing needs the step 6 tasks done or marked n.v.t.; still open: 6.1, 6.2, 6.3, 6.4a, 6.4b, 6.4c, 6.4d, 6.4e, 6.4f" \
	incident close "$KEY"
refused 1 "still open: 6.1, 6.2, 6.3, 6.4a, 6.4b, 6.4c, 6.4d, 6.4e, 6.4f" incident phase "$KEY" afsluiten
mk task done "$KEY" 6.1 --note "Archief op share X"
check_ok
mk task done "$KEY" 6.2
check_ok
for c in 6.3 6.4a 6.4d 6.4e; do
	mk task na "$KEY" $c --reason "Geen persoonsgegevens, geen derden"
	check_ok
done
refused 1 "closing needs the step 6 tasks done or marked n.v.t.; still open: 6.4b, 6.4c, 6.4f" incident close "$KEY"
# Tasks of other steps do not hold closing up.
mk task done "$KEY" 6.4b
check_ok
mk task na "$KEY" 6.4c --reason "Geen datalek"
check_ok
refused 1 "still open: 6.4f" incident close "$KEY"
mk task done "$KEY" 6.4f
check_ok
mk task list "$KEY" --open --json
json_py 'eq(len(d), 36, "open tasks of other steps"); eq([t for t in d if t["closing"]], [], "no closing task open")'

export MELDKAMER_NOW="2026-10-24 12:30"; mk incident close "$KEY"
check_ok
check_out "$KEY is now in phase afsluiten"
mk incident show "$KEY" --json
json_py '
eq(d["phase"], "afsluiten")
eq((d["times"]["closed_at"], d["times"]["resolved_at"]), ("2026-10-24T10:30:00Z", "2026-10-24T10:30:00Z"), "closed and resolved now")
eq(d["log"][-1]["text"], "Fase: remediatie -> afsluiten\nIncident afgesloten")
c = {x["clock"]: x for x in d["clocks"]}
eq([c["evaluation"][k] for k in ("state", "start", "opens", "due", "met_at")],
   ["not-yet", "2026-10-24T10:30:00Z", "2026-11-07T11:30:00Z", "2026-12-05T11:30:00Z", None], "evaluation 2 to 6 weeks, Amsterdam days")
eq([c["retention"][k] for k in ("state", "start", "due")],
   ["running", "2026-10-24T10:30:00Z", "2029-10-24T10:30:00Z"], "retention 3 years")
eq(c["golden-hour"]["state"], "ended")
'
refused 1 "the incident is already in phase 'afsluiten'" incident close "$KEY"
# Containment cannot be taken away from a closed incident.
refused 1 "contained_at cannot be cleared: the incident is in phase 'afsluiten', which needs containment" \
	incident edit "$KEY" --contained-at ""
mk incident list --open --json
json_py 'eq(d["incidents"], [])'

# The evaluation window in deadlines: not yet, then running, overdue, met.
export MELDKAMER_NOW="2026-11-07 12:00"; mk deadlines --json
json_py 'eq((d["pending"], d["deadlines"]), (0, []), "before the window opens")'
export MELDKAMER_NOW="2026-11-07 12:30"; mk deadlines --json
json_py 'eq([[x["key"], x["clock"], x["state"], x["due"]] for x in d["deadlines"]], [["'"$KEY"'", "evaluation", "running", "2026-12-05T11:30:00Z"]])'
export MELDKAMER_NOW="2026-12-05 12:31"; mk deadlines --json
json_py 'eq([[x["clock"], x["state"]] for x in d["deadlines"]], [["evaluation", "overdue"]]); eq(d["overdue"], 1)'

# evaluatie keeps closed_at; task 7.4 records the evaluation.
export MELDKAMER_NOW="2026-11-20 10:00"; mk incident phase "$KEY" evaluatie
check_ok
export MELDKAMER_NOW="2026-11-20 11:00"; mk task done "$KEY" 7.4 --note "Evaluatie gehouden"
check_ok
export MELDKAMER_NOW="2026-11-20 11:00"; mk incident show "$KEY" --json
json_py '
eq(d["times"]["closed_at"], "2026-10-24T10:30:00Z", "closed_at kept")
eq(d["times"]["evaluated_at"], "2026-11-20T10:00:00Z", "evaluated_at from task 7.4")
c = {x["clock"]: x for x in d["clocks"]}
eq([c["evaluation"]["state"], c["evaluation"]["met_at"]], ["met", "2026-11-20T10:00:00Z"])
'

# Moving back before afsluiten reopens the incident.
export MELDKAMER_NOW="2026-11-21 09:00"; mk incident phase "$KEY" herstel --reason "Opnieuw besmet"
check_ok
mk incident show "$KEY" --json
json_py '
eq(d["phase"], "herstel")
eq(d["times"]["closed_at"], None, "reopened")
eq(d["times"]["resolved_at"], "2026-10-24T10:30:00Z", "resolved_at kept")
eq(d["log"][-1]["text"], "Fase: evaluatie -> herstel\nReden: Opnieuw besmet\nIncident heropend")
'
mk incident list --open --json
json_py 'eq([i["key"] for i in d["incidents"]], ["'"$KEY"'"])'

finish
