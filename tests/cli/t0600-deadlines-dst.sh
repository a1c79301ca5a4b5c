#!/bin/bash
# Clocks (DESIGN.md "Deadlines") with exact instants: the AP 72-hour
# notice across the end of summer time (detected 2026-10-24 12:00
# Amsterdam => due 2026-10-27T10:00:00Z, 11:00 CET), the golden hour, the
# 7-day data subjects target in Amsterdam days; `deadlines` lists running
# and overdue clocks of open incidents, overdue first, then by due time.
. "$(dirname "$0")/lib.sh"
init_db

new_incident --title "Datalek: mail met BSN's naar verkeerde ontvanger" --personal-data ja --detected-at "2026-10-24 12:00"
A=$KEY
mk incident show "$A" --json
check_ok
json_py '
c = {x["clock"]: x for x in d["clocks"]}
eq([c["ap-72h"][k] for k in ("label", "state", "start", "opens", "due", "met_at")],
   ["Melding aan de AP (72 uur)", "running", "2026-10-24T10:00:00Z", "2026-10-24T10:00:00Z", "2026-10-27T10:00:00Z", None], "AP 72 h across DST")
eq([c["golden-hour"][k] for k in ("state", "due")], ["running", "2026-10-24T11:00:00Z"], "golden hour")
eq([c["subjects-7d"][k] for k in ("state", "due")], ["running", "2026-10-31T11:00:00Z"], "7 Amsterdam days: 12:00 CET")
eq([x["state"] for x in d["clocks"]], ["running", "running", "running", "n/a", "n/a"])
'
mk incident show "$A"
check_out_has "  Melding aan de AP (72 uur)                 running   due 2026-10-27 11:00 CET (in 3d 00:00:00)"
check_out_has "  Gouden uur                                 running   due 2026-10-24 13:00 CEST (in 1h 00m)"

# Without personal data there is no AP clock.
MELDKAMER_NOW="2026-10-24 12:30" new_incident --title "Storing zonder persoonsgegevens" --detected-at "2026-10-24 12:30"
B=$KEY
mk incident show "$B" --json
json_py 'eq([x["state"] for x in d["clocks"]], ["running", "n/a", "n/a", "n/a", "n/a"])'
# Detected in spring, due across the start of summer time: 72 h is 72 h.
# (in a database of its own, so that this later incident stays out of
# the lists below)
mk init --db "$T/maart.db"
check_ok
MELDKAMER_NOW="2027-03-26 09:00" mk incident new --db "$T/maart.db" --title "Lek in maart" --personal-data ja --detected-at "2027-03-26 09:00"
check_ok
MELDKAMER_NOW="2027-03-26 09:00" mk incident show MK-2027-0001 --db "$T/maart.db" --json
json_py '
c = {x["clock"]: x for x in d["clocks"]}
eq((c["ap-72h"]["start"], c["ap-72h"]["due"]), ("2027-03-26T08:00:00Z", "2027-03-29T08:00:00Z"), "72 h: 10:00 CEST on the 29th")
eq(c["subjects-7d"]["due"], "2027-04-02T07:00:00Z", "7 days: 09:00 CEST on 2 April")
'

# The list at 12:45: golden hours first (due soonest), then the AP clock.
export MELDKAMER_NOW="2026-10-24 12:45"
mk deadlines --json
check_ok
json_py '
eq((d["pending"], d["overdue"]), (4, 0))
eq([[x["key"], x["clock"], x["state"], x["due"]] for x in d["deadlines"]], [
  ["'"$A"'", "golden-hour", "running", "2026-10-24T11:00:00Z"],
  ["'"$B"'", "golden-hour", "running", "2026-10-24T11:30:00Z"],
  ["'"$A"'", "ap-72h", "running", "2026-10-27T10:00:00Z"],
  ["'"$A"'", "subjects-7d", "running", "2026-10-31T11:00:00Z"]])
eq(sorted(d["deadlines"][0]), ["clock", "due", "key", "label", "met_at", "opens", "start", "state", "title"], "row keys")
eq(d["deadlines"][0]["title"], "Datalek: mail met BSN\u0027s naar verkeerde ontvanger")
'
mk deadlines
check_ok
check_out "4 clocks to act on, 0 of them overdue
MK-2026-0001  running  golden-hour  2026-10-24 13:00 CEST in 15m 00s             Datalek: mail met BSN's naar verkeerde ontvanger
MK-2026-0002  running  golden-hour  2026-10-24 13:30 CEST in 45m 00s             Storing zonder persoonsgegevens
MK-2026-0001  running  ap-72h       2026-10-27 11:00 CET  in 2d 23:15:00         Datalek: mail met BSN's naar verkeerde ontvanger
MK-2026-0001  running  subjects-7d  2026-10-31 12:00 CET  in 7d 00:15:00         Datalek: mail met BSN's naar verkeerde ontvanger"
mk deadlines --limit 2
check_ok
check_out_has "(2 more: --limit)"
mk deadlines --limit 1 --json
json_py 'eq((d["pending"], len(d["deadlines"]), d["deadlines"][0]["clock"]), (4, 1, "golden-hour"))'

# The AP clock at its last second and one second later (after the clocks
# went back: 11:00 CET).
export MELDKAMER_NOW=2026-10-27T10:00:00Z
mk incident show "$A" --json
json_py 'eq([x["state"] for x in d["clocks"] if x["clock"] == "ap-72h"], ["running"])'
export MELDKAMER_NOW="2026-10-27 11:00:01"
mk incident show "$A" --json
json_py 'eq([x["state"] for x in d["clocks"] if x["clock"] == "ap-72h"], ["overdue"])'
mk deadlines --json
check_ok
json_py '
eq((d["pending"], d["overdue"]), (2, 1))
eq([[x["clock"], x["state"]] for x in d["deadlines"]], [["ap-72h", "overdue"], ["subjects-7d", "running"]])
'
mk deadlines
check_out_has "MK-2026-0001  OVERDUE  ap-72h       2026-10-27 11:00 CET  0m 01s ago             Datalek"

# Notifying the AP stops the clock (late: met-late); then it is no longer
# pending.
mk task done "$A" 5.2 --role directie
check_ok
mk incident show "$A" --json
json_py '
c = {x["clock"]: x for x in d["clocks"]}
eq([c["ap-72h"]["state"], c["ap-72h"]["met_at"]], ["met-late", "2026-10-27T10:00:01Z"])
'
mk deadlines --json
json_py 'eq([x["clock"] for x in d["deadlines"]], ["subjects-7d"])'

for l in 0 1001 x -5; do
	refused 2 "--limit '$l' must be a number from 1 to 1000" deadlines --limit "$l"
done
refused 2 "unexpected argument 'MK-2026-0001'" deadlines MK-2026-0001

finish
