#!/bin/bash
# A tampered logbook: with the append-only triggers dropped, an entry's
# text changed, an entry removed, two entries' seq swapped, a time or an
# author changed, the last entry cut off. log verify exits 1 naming the
# incident and the first bad entry; verifying all names it too;
# incident show says the chain is BROKEN. Cutting off the tail together
# with the recorded head is only caught by --expect-head.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Bewijs"
new_incident --title "Ander incident"
for n in 1 2 3; do
	mk log add MK-2026-0001 "notitie $n"
	check_ok
done
HEAD=$(sql "SELECT log_head FROM incident WHERE key = 'MK-2026-0001'")
cp "$DB" "$T/clean.db"

# tampered NAME SQL FIRST-BAD-MESSAGE
tampered() {
	local name=$1 sql=$2 msg=$3
	cp "$T/clean.db" "$T/$name.db"
	sqlite3 "$T/$name.db" "DROP TRIGGER logbook_no_update; DROP TRIGGER logbook_no_delete; $sql"
	mk log verify MK-2026-0001 --db "$T/$name.db"
	check_status 1
	check_out_empty
	check_err "meldkamer log verify: MK-2026-0001: $msg"
	mk log verify MK-2026-0001 --db "$T/$name.db" --json
	check_status 1
	json_py 'eq((d["intact"], d["problem"]), (False, "'"$msg"'"), "'"$name"' (json)")'
	mk log verify --db "$T/$name.db"
	check_status 1
	check_out "2 logbooks verified: 1 intact, 1 broken; register NOT intact"
	check_err_has "meldkamer log verify: MK-2026-0001: $msg"
	# The dropped guards are named too.
	check_err_has "the guard 'logbook_no_update' that keeps the register append-only is missing"
	mk log verify --db "$T/$name.db" --json
	check_status 1
	json_py '
eq((d["incidents"], d["broken"]), (2, 1))
eq([[c["key"], c["intact"], c["problem"]] for c in d["chains"]], [["MK-2026-0001", False, "'"$msg"'"], ["MK-2026-0002", True, None]])
eq(len(d["register_problems"]), 1, "the first missing guard")
'
	mk log verify MK-2026-0002 --db "$T/$name.db"
	check_ok
	mk incident show MK-2026-0001 --db "$T/$name.db"
	check_status 0
	check_out_has "chain BROKEN):"
	check_out_has "  $msg"
	mk incident show MK-2026-0001 --db "$T/$name.db" --json
	json_py 'eq(d["chain"], {"intact": False, "problem": "'"$msg"'"})'
}

tampered text "UPDATE logbook SET text = 'notitie X' WHERE incident_id = 1 AND seq = 3" \
	"logbook entry 3 was changed after it was written"
tampered delete "DELETE FROM logbook WHERE incident_id = 1 AND seq = 2" \
	"logbook entry 2 is missing: it was removed"
tampered swap "UPDATE logbook SET seq = 100 WHERE incident_id = 1 AND seq = 2;
	UPDATE logbook SET seq = 2 WHERE incident_id = 1 AND seq = 3;
	UPDATE logbook SET seq = 3 WHERE incident_id = 1 AND seq = 100" \
	"logbook entry 2 does not follow entry 1: an entry was inserted, replaced or reordered"
tampered time "UPDATE logbook SET at = at - 3600 WHERE incident_id = 1 AND seq = 2" \
	"logbook entry 2 was changed after it was written"
tampered author "UPDATE logbook SET author = 'iemand anders' WHERE incident_id = 1 AND seq = 4" \
	"logbook entry 4 was changed after it was written"
tampered kind "UPDATE logbook SET kind = 'decision' WHERE incident_id = 1 AND seq = 1" \
	"logbook entry 1 was changed after it was written"
tampered tail "DELETE FROM logbook WHERE incident_id = 1 AND seq = 4" \
	"logbook entry 4 is missing: the incident records 4 entries, the logbook holds 3"

# The tail cut off and the recorded head rewritten to match: the chain is
# consistent, a head noted elsewhere is not in it any more.
cp "$T/clean.db" "$T/rewound.db"
sqlite3 "$T/rewound.db" "DROP TRIGGER logbook_no_delete; DELETE FROM logbook WHERE incident_id = 1 AND seq = 4;
	UPDATE incident SET log_count = 3, log_head = (SELECT hash FROM logbook WHERE incident_id = 1 AND seq = 3) WHERE id = 1"
mk log verify MK-2026-0001 --db "$T/rewound.db"
check_ok
mk log verify MK-2026-0001 --db "$T/rewound.db" --expect-head "4:$HEAD"
check_status 1
check_err "meldkamer log verify: MK-2026-0001: the logbook does not contain the expected head 4:$HEAD"

# The clean copy is intact.
mk log verify --db "$T/clean.db"
check_ok
check_out "2 logbooks verified: 2 intact, 0 broken; register intact"

# An incident deleted with its logbook breaks no chain, but leaves a gap
# in the numbering; writing into a database without its guards is refused.
cp "$T/clean.db" "$T/deleted.db"
sqlite3 "$T/deleted.db" "DROP TRIGGER incident_no_delete; DROP TRIGGER logbook_no_delete;
	DELETE FROM logbook WHERE incident_id = 1; DELETE FROM task WHERE incident_id = 1;
	DELETE FROM decision WHERE incident_id = 1; DELETE FROM incident WHERE id = 1"
mk log verify --db "$T/deleted.db"
check_status 1
check_out "1 logbooks verified: 1 intact, 0 broken; register NOT intact"
check_err_has "incident MK-2026-0001 is missing from the register: its number was handed out, so it was deleted"
SAVED_DB=$DB
DB=$T/deleted.db
snapshot
mk log add MK-2026-0002 "na het knoeien" --db "$T/deleted.db"
check_status 1
check_err_has "was altered outside meldkamer: the guard 'logbook_no_delete'"
check_db_unchanged
DB=$SAVED_DB

# The last entry changed and the guard put back: meldkamer adds nothing to
# a logbook that does not verify at its end.
cp "$T/clean.db" "$T/tail.db"
sqlite3 "$T/tail.db" "DROP TRIGGER logbook_no_update;
	UPDATE logbook SET text = 'anders' WHERE incident_id = 1 AND seq = 4;
	CREATE TRIGGER logbook_no_update BEFORE UPDATE ON logbook BEGIN SELECT RAISE(ABORT, 'x'); END;"
DB=$T/tail.db
snapshot
mk log add MK-2026-0001 "erbovenop" --db "$T/tail.db"
check_status 1
check_err "meldkamer log add: the logbook of MK-2026-0001 does not verify at its end (entry 4): nothing is added to it; see 'meldkamer log verify MK-2026-0001'"
check_db_unchanged
DB=$SAVED_DB

# A guard of the same name that no longer aborts guards nothing: log
# verify says so, and writing is refused.
cp "$T/clean.db" "$T/defanged.db"
sqlite3 "$T/defanged.db" "DROP TRIGGER logbook_no_update;
	CREATE TRIGGER logbook_no_update BEFORE UPDATE ON logbook BEGIN SELECT 1; END;"
mk log verify --db "$T/defanged.db"
check_status 1
check_err_has "the guard 'logbook_no_update' that keeps the register append-only was changed"
DB=$T/defanged.db
snapshot
mk log add MK-2026-0001 "erbovenop" --db "$T/defanged.db"
check_status 1
check_err "meldkamer log add: database '$T/defanged.db' was altered outside meldkamer: the guard 'logbook_no_update' that keeps the register append-only was changed"
check_db_unchanged
DB=$SAVED_DB

finish
