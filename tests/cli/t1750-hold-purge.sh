#!/bin/bash
# incident hold | release, purge, report purges: a legal hold (ciso,
# directie, admin; logged); the purge (admin only) lists the incidents
# closed 3 Amsterdam years ago to the second, asks (or --yes), never takes
# a held incident (a list naming one is refused whole, nothing written),
# and is recorded in the purge log; an ordinary DELETE still fails.
. "$(dirname "$0")/lib.sh"
init_db
export MELDKAMER_NOW="2026-10-24 12:00"
for t in Een Twee Drie; do
	new_incident --title "$t"
	# Een has a data-breach record (schema 0004): a purge takes it along.
	if [ "$t" = Een ]; then
		mk breach set "$KEY" --risk geen --risk-reasoning "Alleen een voornaam" --role fg
		check_ok
	fi
	# Drie has an item in the chain of custody (schema 0005) with a transfer.
	if [ "$t" = Drie ]; then
		mk evidence add "$KEY" --what "Laptop" --why "Inbeslagname" --seal "ZB-1" --role incidentmanager
		check_ok
		mk evidence transfer "$KEY" 1 --from "Anna" --to "Politie" --reason "Aangifte" --role incidentmanager
		check_ok
		# Evidence was collected: archiving it (6.1) is done, not n.v.t.
		mk task done "$KEY" 6.1 --note "Gearchiveerd" --role incidentmanager
		check_ok
	fi
	close_incident "$KEY"
done
new_incident --title "Nog open"
OPEN=$KEY
A=MK-2026-0001 B=MK-2026-0002 C=MK-2026-0003

# The hold.
refused 1 "meldkamer incident hold: a legal hold is placed or released by the ciso, directie or admin, not incidentmanager" \
	--role incidentmanager incident hold "$B" --reason "Rechtszaak"
refused 2 "needs --reason (why the incident must be kept)" --role ciso incident hold "$B"
refused 2 "reason is empty" --role ciso incident hold "$B" --reason " "
refused 2 "reason contains a control character" --role ciso incident hold "$B" --reason "$(printf 'a\033b')"
refused 2 "reason is too long" --role ciso incident hold "$B" --reason "$(head -c 1001 /dev/zero | tr '\0' r)"
mk --role directie --as "Marjolein Kuipers" incident hold "$B" --reason "Aangifte: strafzaak tegen verdachte"
check_ok
check_out "$B is under legal hold"
refused 1 "$B is under legal hold already" --role ciso incident hold "$B" --reason "nogmaals"
refused 1 "$A is not under legal hold" --role ciso incident release "$A" --reason "x"
mk log list "$B" --json
json_py 'eq((d[-1]["text"], d[-1]["author"], d[-1]["kind"]), ("Legal hold geplaatst: dit incident wordt niet vernietigd\nReden: Aangifte: strafzaak tegen verdachte", "Marjolein Kuipers", "status"))'
mk evaluation show "$B" --json
json_py 'eq(d["legal_hold"], {"reason": "Aangifte: strafzaak tegen verdachte", "by": "Marjolein Kuipers", "at": "2026-10-24T10:00:00Z"})'

# The purge: refusals before anything is read or written.
export MELDKAMER_NOW="2029-10-24 12:00"
refused 1 "meldkamer purge: only admin purges, not ciso" --role ciso purge --before-years 3 --yes
refused 2 "incident records are kept at least 3 years after closing: --before-years 2 is too few" \
	--role admin purge --before-years 2 --yes
refused 2 "needs --before-years N (at least 3)" --role admin purge --yes
refused 2 "--before-years 'drie' is not a number of years" --role admin purge --before-years drie
refused 2 "not on a terminal: add --yes to purge without asking, or --dry-run to only list" \
	--role admin purge --before-years 3

# To the second: closed 2026-10-24 12:00 CEST, 3 Amsterdam years later is
# 2029-10-24 12:00 CEST (10:00Z); a second before, nothing is due.
export MELDKAMER_NOW="2029-10-24 11:59:59"
mk --role admin purge --before-years 3 --dry-run
check_ok
check_out "incidents closed 3 years ago or more:"
export MELDKAMER_NOW="2029-10-24 12:00"
mk --role admin purge --before-years 3 --dry-run --json
check_ok
json_py '
eq(d["before_years"], 3)
eq([(i["key"], i["held"], i["due"], i["closed_at"]) for i in d["incidents"]],
   [("MK-2026-0001", False, True, "2026-10-24T10:00:00Z"), ("MK-2026-0002", True, True, "2026-10-24T10:00:00Z"),
    ("MK-2026-0003", False, True, "2026-10-24T10:00:00Z")])'

# A list naming the held incident is refused as a whole.
refused 1 "the purge list names incidents under legal hold: $B; nothing was purged (release the hold or leave them out)" \
	--role admin purge --before-years 3 "$A" "$B" --yes
refused 1 "the purge list names incidents whose retention has not ended: $OPEN; nothing was purged" \
	--role admin purge --before-years 3 "$A" "$OPEN" --yes
refused 2 "incident 'MK-2026-0099' does not exist" --role admin purge --before-years 3 MK-2026-0099 --yes
# On a terminal it asks; anything but "ja" (or "yes") purges nothing.
# script(1) gives the command a terminal.
if command -v script >/dev/null; then
	snapshot
	OUT=$(printf 'nee\n' | script -qec "$MK_BIN --role admin purge --before-years 3" /dev/null)
	STATUS=$?
	LAST_ARGS=(--role admin purge --before-years 3 "(on a terminal, answer nee)")
	check_status 1
	check_out_has "purge 2 incidents with their logbooks, evidence and costs? This cannot be undone. Type 'ja' to purge:"
	check_out_has "meldkamer purge: not confirmed: nothing was purged"
	check_db_unchanged
fi

# Named, and then the rest without a list: the held one stays.
mk --role admin --as "Beheer" purge --before-years 3 "$A" --yes
check_ok
check_out "incidents closed 3 years ago or more:
  $A  closed 2026-10-24 12:00 CEST  Een
purge 1: 1 incidents, 13 logbook entries, 0 evidence items (0 files), 10 other rows; recorded in the purge log"
check_eq "the breach went with it" 0 "$(sql "SELECT count(*) FROM breach")"
mk --role admin --as "Beheer" purge --before-years 3 --yes
check_ok
check_out "incidents closed 3 years ago or more:
  $B  closed 2026-10-24 12:00 CEST  Twee  [legal hold: kept]
  $C  closed 2026-10-24 12:00 CEST  Drie
purge 2: 1 incidents, 14 logbook entries, 0 evidence items (0 files), 10 other rows; recorded in the purge log"
check_eq "the custody log went with it" "0|0" "$(sql "SELECT (SELECT count(*) FROM evidence_item), (SELECT count(*) FROM evidence_transfer)")"
mk --role admin purge --before-years 3 --yes
check_ok
check_out "incidents closed 3 years ago or more:
  $B  closed 2026-10-24 12:00 CEST  Twee  [legal hold: kept]
nothing to purge"
mk incident list --json
json_py 'eq([i["key"] for i in d["incidents"]], ["'"$OPEN"'", "'"$B"'"])'

mk report purges --json
check_ok
json_py '
eq([(p["purge"], p["by"], p["before_years"], p["incidents"], p["logbook_entries"], p["keys"], p["at"]) for p in d],
   [(1, "Beheer (admin)", 3, 1, 13, "MK-2026-0001", "2029-10-24T10:00:00Z"),
    (2, "Beheer (admin)", 3, 1, 14, "MK-2026-0003", "2029-10-24T10:00:00Z")])'
# The register check knows the purged numbers; the chains of the rest verify.
mk log verify
check_ok
check_out "2 logbooks verified: 2 intact, 0 broken; register intact"

# Ordinary deletes still fail, and the purge log cannot be changed.
ID=$(sql "SELECT id FROM incident WHERE key = '$B'")
check_eq "delete logbook" "Error: stepping, logbook entries are append-only: they cannot be deleted (19)" \
	"$(sqlite3 -batch "$DB" "DELETE FROM logbook WHERE incident_id = $ID" 2>&1)"
check_eq "delete incident" "Error: stepping, incidents cannot be deleted (19)" \
	"$(sqlite3 -batch "$DB" "DELETE FROM task WHERE incident_id = $ID; DELETE FROM incident WHERE id = $ID" 2>&1)"
check_eq "pass for a held incident" "Error: stepping, an incident under legal hold is never purged (19)" \
	"$(sqlite3 -batch "$DB" "INSERT INTO purge_pass VALUES ($ID)" 2>&1)"
OPENID=$(sql "SELECT id FROM incident WHERE key = '$OPEN'")
check_eq "pass for an open incident" "Error: stepping, only a closed incident can be purged (19)" \
	"$(sqlite3 -batch "$DB" "INSERT INTO purge_pass VALUES ($OPENID)" 2>&1)"
mk breach set "$OPEN" --risk geen --risk-reasoning "Alleen een voornaam" --role fg
check_ok
check_eq "delete breach outside a purge" "Error: stepping, breaches stay in the register (AVG art. 33(5)): they cannot be deleted (19)" \
	"$(sqlite3 -batch "$DB" "DELETE FROM breach" 2>&1)"
check_eq "delete purge log" "Error: stepping, the purge log is append-only: it cannot be deleted (19)" \
	"$(sqlite3 -batch "$DB" "DELETE FROM purge_log" 2>&1)"
finish
