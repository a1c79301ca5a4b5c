#!/bin/bash
# task reopen: correcting a task marked done or n.v.t. by mistake. The
# correction is logged with its reason, and a time the task recorded (the
# AP notification) is taken back, leaving the earliest of the other tasks
# that record it.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Datalek" --personal-data ja --detected-at "2026-10-24 09:00"

export MELDKAMER_NOW="2026-10-24 12:10"; mk task done "$KEY" 3.6b --role fg
check_ok
export MELDKAMER_NOW="2026-10-24 12:20"; mk task done "$KEY" 5.2 --role directie
check_ok
mk incident show "$KEY" --json
json_py 'eq(d["times"]["ap_notified_at"], "2026-10-24T10:10:00Z", "the first notification counts")'

export MELDKAMER_NOW="2026-10-24 12:30"; mk task reopen "$KEY" 3.6b --reason "Per ongeluk afgevinkt" --role fg
check_ok
check_out "$KEY task 3.6b reopened"
mk incident show "$KEY" --json
json_py '
eq(d["times"]["ap_notified_at"], "2026-10-24T10:20:00Z", "5.2 is now the first notification")
t = {x["code"]: x for x in d["tasks"]}
eq([t["3.6b"][k] for k in ("state", "done_by", "done_at", "note")], ["open", None, None, "Per ongeluk afgevinkt"])
eq(d["log"][-1]["text"], "Taak 3.6b heropend: Voormelding (voorwaarschuwing) doen bij de Autoriteit Persoonsgegevens\nReden: Per ongeluk afgevinkt")
eq(d["log"][-1]["role"], "fg")
'

# Reopening the last one stops nothing any more: the AP clock runs again.
export MELDKAMER_NOW="2026-10-24 12:40"; mk task reopen "$KEY" 5.2 --reason "Nog niet gemeld"
check_ok
mk incident show "$KEY" --json
json_py '
eq(d["times"]["ap_notified_at"], None, "no notification left")
c = {x["clock"]: x for x in d["clocks"]}
eq([c["ap-72h"][k] for k in ("state", "met_at")], ["running", None])
'

# A task marked n.v.t. can be reopened too; a reason is required; an open
# task cannot be reopened.
mk task na "$KEY" 1.5 --reason "Geen apparatuur"
check_ok
mk task reopen "$KEY" 1.5 --reason "Toch een laptop"
check_ok
refused 2 "meldkamer task reopen: reopening a task needs --reason (see 'meldkamer task reopen --help')" \
	task reopen "$KEY" 1.5
mk task done "$KEY" 0.1
check_ok
refused 2 "meldkamer task reopen: reopening task 0.1 needs a reason" task reopen "$KEY" 0.1 --reason " "
refused 2 "meldkamer task reopen: task 1.5 is already open" task reopen "$KEY" 1.5 --reason "Nogmaals"
refused 2 "meldkamer task reopen: incident $KEY has no task '9.9' (see 'meldkamer incident show $KEY')" \
	task reopen "$KEY" 9.9 --reason "Bestaat niet"

finish
