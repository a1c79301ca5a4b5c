#!/bin/bash
# Two processes writing at once: 2 x 50 `incident new` in parallel all
# succeed with keys 1..100, unique and gap-free; 2 x 25 `log add` to one
# incident in parallel keep its chain intact with seq 1..51; readers in
# between are never refused.
. "$(dirname "$0")/lib.sh"
init_db

writer() {
	local i
	for i in $(seq 1 50); do
		if ! "$MK_BIN" incident new --title "Schrijver $1 nummer $i" >>"$T/keys.$1" 2>>"$T/err.$1"; then
			echo "incident new failed (status $?)" >>"$T/err.$1"
		fi
	done
}
reader() {
	local i
	for i in $(seq 1 25); do
		"$MK_BIN" incident list --limit 5 >/dev/null 2>>"$T/err.r" || echo "incident list failed" >>"$T/err.r"
	done
}
writer a &
writer b &
reader &
wait

check_eq "errors of writer a" "" "$(cat "$T/err.a")"
check_eq "errors of writer b" "" "$(cat "$T/err.b")"
check_eq "errors of the reader" "" "$(cat "$T/err.r")"
check_eq "keys printed by a" 50 "$(wc -l <"$T/keys.a")"
check_eq "keys printed by b" 50 "$(wc -l <"$T/keys.b")"
sort "$T/keys.a" "$T/keys.b" >"$T/keys"
for i in $(seq 1 100); do printf 'MK-2026-%04d\n' "$i"; done >"$T/expected"
CHECKS=$((CHECKS + 1))
cmp -s "$T/keys" "$T/expected" || fail "keys printed are not MK-2026-0001..0100 once each:
$(diff "$T/expected" "$T/keys" | head)"
check_eq "rows: count, distinct keys, numbers 1..100, sum" "100|100|1|100|5050" \
	"$(sql 'SELECT count(*), count(DISTINCT key), min(CAST(substr(key, 9) AS INTEGER)), max(CAST(substr(key, 9) AS INTEGER)), sum(CAST(substr(key, 9) AS INTEGER)) FROM incident')"
check_eq "key counter" "2026|100" "$(sql 'SELECT year, last FROM key_counter')"
# Each key names its own incident: the title a writer gave with the key it got.
check_eq "a's keys carry a's titles" 50 "$(sql "SELECT count(*) FROM incident WHERE title LIKE 'Schrijver a %'")"
A1=$(head -n 1 "$T/keys.a")
check_eq "first key of a" "Schrijver a nummer 1" "$(sql "SELECT title FROM incident WHERE key = '$A1'")"

# Two writers on one incident's logbook.
logger() {
	local i
	for i in $(seq 1 25); do
		"$MK_BIN" log add MK-2026-0001 "notitie $1$i" 2>>"$T/lerr.$1" >/dev/null ||
			echo "log add failed" >>"$T/lerr.$1"
	done
}
logger x &
logger y &
wait
check_eq "errors of logger x" "" "$(cat "$T/lerr.x")"
check_eq "errors of logger y" "" "$(cat "$T/lerr.y")"
mk log verify MK-2026-0001
check_ok
check_out_has "MK-2026-0001: logbook intact, 51 entries"
check_eq "seq 1..51" "51|1|51|1326" "$(sql "SELECT count(*), min(seq), max(seq), sum(seq) FROM logbook l JOIN incident i ON i.id = l.incident_id WHERE i.key = 'MK-2026-0001'")"
mk incident show MK-2026-0001 --json
json_py 'eq([d["version"], d["logbook"]["entries"]], [51, 51])'
mk log verify
check_ok
check_out "100 logbooks verified: 100 intact, 0 broken; register intact"

finish
