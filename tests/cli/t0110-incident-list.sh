#!/bin/bash
# incident list: newest first, pages of --limit with --before, --open, the
# JSON shape, and bad options.
. "$(dirname "$0")/lib.sh"
init_db

mk incident list
check_ok
check_out "KEY           PRIO PHASE      REPORTED              TITLE
(no incidents)"
mk incident list --json
check_ok
json_py 'eq(d, {"incidents": [], "next_before": None})'

for i in 1 2 3 4 5; do
	MELDKAMER_NOW="2026-10-24 1$i:00" new_incident --title "Incident nummer $i"
done
MELDKAMER_NOW="2026-10-24 16:00" close_incident MK-2026-0002

mk incident list
check_ok
check_out "KEY           PRIO PHASE      REPORTED              TITLE
MK-2026-0005  -    detectie   2026-10-24 15:00 CEST Incident nummer 5                                            
MK-2026-0004  -    detectie   2026-10-24 14:00 CEST Incident nummer 4                                            
MK-2026-0003  -    detectie   2026-10-24 13:00 CEST Incident nummer 3                                            
MK-2026-0002  -    afsluiten  2026-10-24 12:00 CEST Incident nummer 2                                            
MK-2026-0001  -    detectie   2026-10-24 11:00 CEST Incident nummer 1                                            "

mk incident list --json
check_ok
json_py '
eq([i["key"] for i in d["incidents"]], ["MK-2026-0005", "MK-2026-0004", "MK-2026-0003", "MK-2026-0002", "MK-2026-0001"])
eq(d["next_before"], None, "next_before")
eq(d["incidents"][3], {"key": "MK-2026-0002", "title": "Incident nummer 2", "phase": "afsluiten",
   "priority": None, "event_type": "normaal", "personal_data": False, "confidential": False,
   "reported_at": "2026-10-24T10:00:00Z", "detected_at": "2026-10-24T10:00:00Z",
   "closed_at": "2026-10-24T14:00:00Z", "version": 12}, "a closed incident")
'

mk incident list --open --json
check_ok
json_py 'eq([i["key"] for i in d["incidents"]], ["MK-2026-0005", "MK-2026-0004", "MK-2026-0003", "MK-2026-0001"])'

# Pages.
mk incident list --limit 2 --json
check_ok
json_py 'eq([i["key"] for i in d["incidents"]], ["MK-2026-0005", "MK-2026-0004"]); eq(d["next_before"], "MK-2026-0004")'
mk incident list --limit 2 --before MK-2026-0004 --json
check_ok
json_py 'eq([i["key"] for i in d["incidents"]], ["MK-2026-0003", "MK-2026-0002"]); eq(d["next_before"], "MK-2026-0002")'
mk incident list --limit 2 --before MK-2026-0002 --json
check_ok
json_py 'eq([i["key"] for i in d["incidents"]], ["MK-2026-0001"]); eq(d["next_before"], None)'
mk incident list --limit 2
check_ok
check_out_has "(more: meldkamer incident list --before MK-2026-0004)"
mk incident list --open --limit 3 --before MK-2026-0004 --json
check_ok
json_py 'eq([i["key"] for i in d["incidents"]], ["MK-2026-0003", "MK-2026-0001"])'
mk incident list --limit 1000 --json
check_ok

# Bad options.
for l in 0 -1 1001 abc "" 5x; do
	refused 2 "--limit '$l' must be a number from 1 to 1000" incident list --limit "$l"
done
refused 2 "incident 'MK-2026-0099' does not exist" incident list --before MK-2026-0099
refused 2 "incident 'nope' does not exist" incident list --before nope
refused 2 "unexpected argument 'extra'" incident list extra

finish
