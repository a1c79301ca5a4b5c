#!/bin/bash
# log verify: one incident or all, text and JSON, --expect-head with the
# current head and with an older one still in the chain; bad options.
. "$(dirname "$0")/lib.sh"
init_db

mk log verify
check_ok
check_out "0 logbooks verified: 0 intact, 0 broken; register intact"

new_incident --title "Een"
new_incident --title "Twee"
mk log add MK-2026-0001 "eerste notitie"
check_ok
HEAD2=$(sql "SELECT hash FROM logbook l JOIN incident i ON i.id = l.incident_id WHERE i.key = 'MK-2026-0001' AND seq = 2")
mk log add MK-2026-0001 "tweede notitie"
check_ok
HEAD3=$(sql "SELECT log_head FROM incident WHERE key = 'MK-2026-0001'")

mk log verify MK-2026-0001
check_ok
check_out "MK-2026-0001: logbook intact, 3 entries, head 3:$HEAD3"
mk log verify MK-2026-0001 --json
check_ok
json_py 'eq(d, {"key": "MK-2026-0001", "intact": True, "entries": 3, "head": "'"$HEAD3"'", "problem": None})'

mk log verify
check_ok
check_out "2 logbooks verified: 2 intact, 0 broken; register intact"
mk log verify --json
check_ok
json_py '
eq((d["incidents"], d["broken"]), (2, 0))
eq([[c["key"], c["intact"], c["entries"], c["problem"]] for c in d["chains"]],
   [["MK-2026-0001", True, 3, None], ["MK-2026-0002", True, 1, None]])
eq(d["chains"][0]["head"], "'"$HEAD3"'")
'

# A head noted earlier: the current one, and an older one still in the chain.
mk log verify MK-2026-0001 --expect-head "3:$HEAD3"
check_ok
mk log verify MK-2026-0001 --expect-head "2:$HEAD2"
check_ok
check_out "MK-2026-0001: logbook intact, 3 entries, head 3:$HEAD3"
# A head that is not in the chain, or a count beyond it: exit 1.
mk log verify MK-2026-0001 --expect-head "2:$HEAD3"
check_status 1
check_out_empty
check_err "meldkamer log verify: MK-2026-0001: the logbook does not contain the expected head 2:$HEAD3"
mk log verify MK-2026-0001 --expect-head "4:$HEAD3"
check_status 1
check_err "meldkamer log verify: MK-2026-0001: the logbook does not contain the expected head 4:$HEAD3"
mk log verify MK-2026-0001 --expect-head "3:$HEAD3" --json
check_ok
json_py 'eq(d["intact"], True)'
mk log verify MK-2026-0001 --expect-head "3:$(printf '%064d' 0)" --json
check_status 1
json_py 'eq((d["intact"], d["problem"]), (False, "the head differs from the expected head"))'

# Bad options and keys.
for h in "" "3" "3:" "x:$HEAD3" "0:$HEAD3" "-1:$HEAD3" "3:${HEAD3}0" "3:abc" "3;$HEAD3"; do
	refused 2 "--expect-head '$h' must be COUNT:HASH as printed by 'log verify'" log verify MK-2026-0001 --expect-head "$h"
done
refused 2 "--expect-head needs the incident key" log verify --expect-head "3:$HEAD3"
refused 2 "incident 'MK-2026-0404' does not exist" log verify MK-2026-0404
refused 2 "unexpected argument 'MK-2026-0002'" log verify MK-2026-0001 MK-2026-0002

finish
