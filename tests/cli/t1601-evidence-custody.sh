#!/bin/bash
# The custody log: a transfer (from, to, when, reason, receipt) and every
# access (evidence show, evidence get) are append-only rows, each with its
# logbook entry in the same transaction. get hands out a verified copy.
. "$(dirname "$0")/lib.sh"

init_db
new_incident --title "Gestolen laptop"
printf 'inhoud van de schijf' >"$T/disk.img"
SHA=$(sha256sum "$T/disk.img" | cut -d' ' -f1)
mk evidence add "$KEY" "$T/disk.img" --what "Image van de schijf" --why "Analyse"
check_ok
mk evidence add "$KEY" --what "Laptop" --why "Inbeslagname" --seal "ZB-1" --collected-at "2026-10-24 11:30"
check_ok

mk evidence transfer "$KEY" 2 --from "Anna de Vries" --to "Politie Eenheid Den Haag" \
	--reason "Aangifte diefstal" --receipt "PV-2026-4711" --at "2026-10-24 11:45"
check_ok
check_out "$KEY: item 2 transferred"
check_eq "logbook entry of the transfer" "Bewijsstuk 2 overgedragen van Anna de Vries aan Politie Eenheid Den Haag op 2026-10-24 11:45 CEST: Laptop
Reden: Aangifte diefstal
Ontvangstbewijs: PV-2026-4711" "$(sql "SELECT text FROM logbook WHERE seq = 4")"

mk evidence show "$KEY" 1 --why "Controle door de auditor"
check_ok
check_out "$KEY item 1 (file)
what:          Image van de schijf
why:           Analyse
storage:       content-addressed store (SHA-256)
collected by:  tester
collected at:  2026-10-24 12:00 CEST
registered by: tester at 2026-10-24 12:00 CEST
file:          disk.img, application/octet-stream, 20 bytes
sha256:        $SHA
custody:
2026-10-24 12:00 CEST  item 1  show      tester via cli: Controle door de auditor  (log 5)"
check_eq "logbook entry of the access" "Bewijsstuk 1 ingezien: Image van de schijf
Reden: Controle door de auditor" "$(sql "SELECT text FROM logbook WHERE seq = 5")"

mk evidence get "$KEY" 1 -o "$T/copy.img" --why "Analyse door de behandelaar"
check_ok
check_out "$KEY item 1 written to '$T/copy.img' (20 bytes, SHA-256 $SHA, verified)"
cmp -s "$T/disk.img" "$T/copy.img"
check_eq "the copy is the original" 0 $?

mk evidence log "$KEY" --json
check_ok
json_py '
eq(d, [
 {"type": "transfer", "item": 2, "at": "2026-10-24T09:45:00Z", "from": "Anna de Vries",
  "to": "Politie Eenheid Den Haag", "reason": "Aangifte diefstal", "receipt": "PV-2026-4711",
  "recorded_by": "tester", "recorded_at": "2026-10-24T10:00:00Z", "log_seq": 4},
 {"type": "access", "item": 1, "at": "2026-10-24T10:00:00Z", "action": "show", "who": "tester",
  "why": "Controle door de auditor", "via": "cli", "log_seq": 5},
 {"type": "access", "item": 1, "at": "2026-10-24T10:00:00Z", "action": "get", "who": "tester",
  "why": "Analyse door de behandelaar", "via": "cli", "log_seq": 6}])
'
mk log verify "$KEY"
check_ok

check_eq "transfers cannot be changed" "Error: stepping, the custody log is append-only: a transfer cannot be changed (19)" \
	"$(sqlite3 "$DB" "UPDATE evidence_transfer SET to_party = 'x'" 2>&1)"
check_eq "accesses cannot be deleted" "Error: stepping, the custody log is append-only: an access cannot be deleted (19)" \
	"$(sqlite3 "$DB" "DELETE FROM evidence_access" 2>&1)"

# Refusals: nothing recorded.
refused 2 "meldkamer evidence show: --why is required: every access to evidence is recorded with its reason" evidence show "$KEY" 1
refused 2 "meldkamer evidence get: --output FILE is required" evidence get "$KEY" 1 --why x
refused 2 "meldkamer evidence show: item 'x1' is not an item number (1, 2, ...)" evidence show "$KEY" x1 --why x
refused 2 "meldkamer evidence show: the incident has no evidence item 9" evidence show "$KEY" 9 --why x
refused 1 "meldkamer evidence get: item 2 is physical: it has no file to get" evidence get "$KEY" 2 -o "$T/x" --why x
[ ! -e "$T/x" ]
check_eq "no output for a physical item" 0 $?
refused 2 "meldkamer evidence transfer: --from, --to and --reason are required" evidence transfer "$KEY" 2 --from a --to b
refused 2 "meldkamer evidence transfer: a transfer goes to someone else than 'Politie'" evidence transfer "$KEY" 2 --from Politie --to Politie --reason x
# The chain runs forward from the collection, from whoever holds the item.
refused 2 "meldkamer evidence transfer: the transfer (2026-10-24 11:29 CEST) lies before item 2 was collected (2026-10-24 11:30 CEST)" \
	evidence transfer "$KEY" 2 --from "Politie Eenheid Den Haag" --to b --reason x --at "2026-10-24 11:29"
refused 2 "meldkamer evidence transfer: the transfer (2026-10-24 11:40 CEST) lies before item 2's last one (2026-10-24 11:45 CEST)" \
	evidence transfer "$KEY" 2 --from "Politie Eenheid Den Haag" --to b --reason x --at "2026-10-24 11:40"
refused 2 "meldkamer evidence transfer: item 2 is with 'Politie Eenheid Den Haag' since its last transfer, not with 'Anna de Vries'" \
	evidence transfer "$KEY" 2 --from "Anna de Vries" --to b --reason x
refused 2 "meldkamer evidence transfer: the transfer's time lies in the future" evidence transfer "$KEY" 2 --from a --to b --reason x --at "2026-10-25"
refused 2 "meldkamer evidence transfer: the incident has no evidence item 3" evidence transfer "$KEY" 3 --from a --to b --reason x
refused 2 "from is not valid UTF-8" evidence transfer "$KEY" 2 --from "$(printf '\xc3')" --to b --reason x

# A stored file that changed is not handed out; the access stays recorded
# (someone asked), the output is not written.
STORED="$DB.evidence/sha256/${SHA:0:2}/$SHA"
chmod u+w "$STORED"
printf 'X' | dd of="$STORED" bs=1 seek=3 conv=notrunc 2>/dev/null
mk evidence get "$KEY" 1 -o "$T/bad.img" --why "Nog een kopie"
check_status 1
check_err "meldkamer evidence get: item 1: the stored file no longer matches its SHA-256 (it is $(sha256sum "$STORED" | cut -d' ' -f1), recorded $SHA): not handed out"
[ ! -e "$T/bad.img" ] && [ -z "$(ls "$T" | grep 'bad.img')" ]
check_eq "no copy and no temporary file" 0 $?

finish
