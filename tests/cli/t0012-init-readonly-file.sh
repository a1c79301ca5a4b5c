#!/bin/bash
# A read-only database file (in a folder the user may write): every read
# command works and prints what it printed before; every write is refused
# with a clear message and exit 1, and the file is left as it was.
. "$(dirname "$0")/lib.sh"

mkdir "$T/ro"
export MELDKAMER_DB=$T/ro/mk.db
DB=$MELDKAMER_DB
init_db
new_incident --title "Laptop kwijt" --personal-data ja
mk log add "$KEY" "Melder gebeld"
check_ok
mk decision add "$KEY" --beeldvorming B --opties O --besluit B --opdracht-wie Piet --opdracht-uiterlijk "2026-10-25 12:00"
check_ok

READS=("incident list" "incident list --json" "incident show $KEY" "incident show $KEY --json"
	"task list $KEY --json" "log list $KEY --json" "log verify $KEY" "log verify"
	"decision list $KEY --json" "deadlines --json" "search laptop" "report kpi --json"
	"export json" "matrix list --json")
i=0
for r in "${READS[@]}"; do
	# shellcheck disable=SC2086
	mk $r
	check_ok
	cp "$T/out" "$T/expected.$i"
	i=$((i + 1))
done

# Read commands leave the -wal and -shm files of WAL mode behind; a
# writer's close removes them. Start from the database file alone, as
# after the last writer (whoever ran the reads above).
mk init
check_ok
check_eq "only the database file and its signing key" "mk.db
mk.db.signing-key" "$(ls "$T/ro")"
as_unprivileged
chmod 777 "$T/ro"
chmod 444 "$DB"
snapshot

i=0
for r in "${READS[@]}"; do
	# shellcheck disable=SC2086
	mk $r
	check_ok
	CHECKS=$((CHECKS + 1))
	cmp -s "$T/out" "$T/expected.$i" || fail "'$r' prints something else on the read-only database"
	i=$((i + 1))
done

MSG="database '$DB' is read-only: cannot write while opening for writing (check the permissions of the file and its folder)"
printf '{"incident_id": "RO-1", "schema_version": "1.3.4", "timeline": {"incident": {"year": 2025}}}' >"$T/v.json"
WRITES=("incident new --title Nieuw" "incident edit $KEY --title Anders"
	"incident assess $KEY --urgency hoog" "incident phase $KEY initiatie"
	"incident close $KEY --reason klaar" "task done $KEY 0.1" "task na $KEY 0.2 --reason geen"
	"log add $KEY notitie"
	"decision add $KEY --beeldvorming B --opties O --besluit B --opdracht-wie Piet --opdracht-uiterlijk 2026-10-26"
	"import veris $T/v.json" "init")
for w in "${WRITES[@]}"; do
	# shellcheck disable=SC2086
	mk $w
	check_status 1
	check_err "meldkamer $(echo "$w" | cut -d' ' -f1-2 | sed 's/ MK-.*//; s/^init .*/init/'): $MSG"
	check_out_empty
done
MK_WRAP=()
check_db_unchanged
check_eq "file mode" 444 "$(stat -c %a "$DB")"

finish
