#!/bin/bash
# task done | na | list: marking checklist tasks, the logbook entries,
# the incident times some tasks record (2.1 management informed, 3.6b/5.2/
# 6.4c AP notified: the first counts), listing with --open; refusals.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Datalek via e-mail" --personal-data ja --detected-at "2026-10-24 09:00"

export MELDKAMER_NOW="2026-10-24 12:05"; mk task done "$KEY" 0.1 --note "Start: 08:30"
check_ok
check_out "$KEY task 0.1 done"
export MELDKAMER_NOW="2026-10-24 12:06"; mk task na "$KEY" 1.5 --reason "Geen apparatuur verloren" --as "Bert" --role behandelaar
check_ok
check_out "$KEY task 1.5 n.v.t."
export MELDKAMER_NOW="2026-10-24 12:07"; mk task done "$KEY" 0.2
check_ok

mk task list "$KEY" --json
check_ok
json_py '
t = {x["code"]: x for x in d}
eq(len(d), 45)
eq(t["0.1"], {"code": "0.1", "step": 0, "title": "Start van het incident vaststellen", "owner": "Servicedesk",
  "role": "servicedesk", "closing": False, "state": "done", "done_by": "tester",
  "done_at": "2026-10-24T10:05:00Z", "note": "Start: 08:30"}, "0.1")
eq([t["1.5"][k] for k in ("state", "done_by", "done_at", "note")], ["nvt", "Bert", "2026-10-24T10:06:00Z", "Geen apparatuur verloren"], "1.5")
eq([t["0.2"][k] for k in ("state", "note")], ["done", None], "0.2 without note")
eq(t["6.4c"]["closing"], True)
eq(t["1.3b"]["role"], "ciso")
'
mk task list "$KEY" --open --json
json_py 'eq(len(d), 42); eq([x["code"] for x in d][:3], ["0.3", "1.1", "1.2"])'
mk task list "$KEY"
check_ok
check_eq "task list text, first lines" "0.1   done  servicedesk      Start van het incident vaststellen
0.2   done  servicedesk      Vastleggen hoe het incident is ontdekt en welke acties al zijn genomen
0.3   open  servicedesk      Gegevens van de melder vastleggen" "$(head -n 3 "$T/out")"
check_out_has "1.5   nvt   behandelaar      Aangifte bij de politie"
mk task list "$KEY" --open
check_out_lacks "0.1 "

mk log list "$KEY" --json
json_py '
eq([[e["kind"], e["author"], e["role"], e["text"]] for e in d[1:]], [
  ["action", "tester", "servicedesk", "Taak 0.1 gedaan: Start van het incident vaststellen\nNotitie: Start: 08:30"],
  ["action", "Bert", "behandelaar", "Taak 1.5 n.v.t.: Aangifte bij de politie bij gestolen of verloren apparatuur of media, na advies van de CISO\nReden: Geen apparatuur verloren"],
  ["action", "tester", "servicedesk", "Taak 0.2 gedaan: Vastleggen hoe het incident is ontdekt en welke acties al zijn genomen"]])
'

# Tasks that record an incident time: 2.1 management informed; the first
# AP notification (5.2) counts, a later final one (6.4c) does not move it.
export MELDKAMER_NOW="2026-10-24 13:00"; mk task done "$KEY" 2.1 --role incidentmanager
check_ok
export MELDKAMER_NOW="2026-10-25 10:00"; mk task done "$KEY" 5.2 --role directie
check_ok
export MELDKAMER_NOW="2026-10-26 10:00"; mk task done "$KEY" 6.4c --role fg
check_ok
export MELDKAMER_NOW="2026-10-26 10:00"; mk incident show "$KEY" --json
json_py '
eq(d["times"]["management_informed_at"], "2026-10-24T11:00:00Z")
eq(d["times"]["ap_notified_at"], "2026-10-25T09:00:00Z", "10:00 CET, after the clocks went back")
c = {x["clock"]: x for x in d["clocks"]}
eq([c["ap-72h"][k] for k in ("state", "due", "met_at")], ["met", "2026-10-27T07:00:00Z", "2026-10-25T09:00:00Z"])
'

# Refusals.
refused 1 "meldkamer task done: task 0.1 is already done" task done "$KEY" 0.1
refused 1 "task 0.1 is already done" task na "$KEY" 0.1 --reason "toch niet"
refused 1 "task 1.5 is already marked n.v.t." task done "$KEY" 1.5
refused 2 "marking a task n.v.t. needs --reason (see 'meldkamer task na --help')" task na "$KEY" 1.4
refused 2 "marking task 1.4 n.v.t. needs a reason" task na "$KEY" 1.4 --reason "  "
refused 2 "incident $KEY has no task '9.9' (see 'meldkamer incident show $KEY')" task done "$KEY" 9.9
refused 2 "has no task '6.4'" task done "$KEY" 6.4
refused 2 "has no task ''" task done "$KEY" ""
refused 2 "has no task ''; DELETE FROM task;'" task done "$KEY" "'; DELETE FROM task; --"
refused 2 "incident 'MK-2026-0404' does not exist" task done MK-2026-0404 0.1
refused 2 "needs the incident key and the task code, e.g. MK-2026-0001 1.4" task done "$KEY"
refused 2 "needs the incident key and the task code" task done "$KEY" 1.4 1.6
refused 2 "needs the incident key and the task code" task na
refused 2 "needs the incident key" task list
refused 2 "needs the incident key" task list "$KEY" extra
refused 2 "incident 'MK-2026-0404' does not exist" task list MK-2026-0404
refused 2 "is not valid UTF-8 (at byte 4)" task done "$KEY" 1.4 --note "$(printf 'IBD\040\377')"
refused 2 "contains a control character (0x1b at byte 0)" task done "$KEY" 1.4 --note "$(printf '\033[1m')"
refused 2 "is too long: 1001 bytes, the limit is 1000" task done "$KEY" 1.4 --note "$(head -c 1001 /dev/zero | tr '\0' n)"
refused 2 "is not valid UTF-8" task na "$KEY" 1.4 --reason "$(printf '\300\200')"
refused 2 "is too long: 1001 bytes, the limit is 1000" task na "$KEY" 1.4 --reason "$(head -c 1001 /dev/zero | tr '\0' n)"
# A note at the limit, with a newline, is kept whole.
NOTE=$(head -c 999 /dev/zero | tr '\0' n)
mk task done "$KEY" 1.4 --note "$NOTE
"
check_ok
mk task list "$KEY" --json
json_py 'eq(len([x for x in d if x["code"] == "1.4"][0]["note"]), 1000)'

finish
