#!/bin/bash
# evidence verify re-hashes every stored file and names each item whose
# file changed (one byte) or is missing: exit 1, with a count; --json.
. "$(dirname "$0")/lib.sh"

init_db
mk evidence verify
check_ok
check_out "0 evidence files checked: 0 intact, 0 changed, 0 missing"

new_incident --title "Eerste"
A=$KEY
new_incident --title "Tweede"
B=$KEY
head -c 3000000 /dev/urandom >"$T/a.bin"
printf 'tweede bestand' >"$T/b.bin"
SA=$(sha256sum "$T/a.bin" | cut -d' ' -f1)
SB=$(sha256sum "$T/b.bin" | cut -d' ' -f1)
mk evidence add "$A" "$T/a.bin" --what "Geheugendump" --why "Analyse"
check_ok
mk evidence add "$B" "$T/b.bin" --what "Logbestand" --why "Tijdlijn"
check_ok
mk evidence add "$B" --what "USB-stick" --why "Gevonden" --seal Z-9
check_ok

mk evidence verify
check_ok
check_out "2 evidence files checked: 2 intact, 0 changed, 0 missing"

# One byte changed in the middle of the 3 MB file (past the first chunk).
FA="$DB.evidence/sha256/${SA:0:2}/$SA"
chmod u+w "$FA"
printf '\x00' | dd of="$FA" bs=1 seek=1500000 conv=notrunc 2>/dev/null
cmp -s "$T/a.bin" "$FA" && printf '\x01' | dd of="$FA" bs=1 seek=1500000 conv=notrunc 2>/dev/null
NEW=$(sha256sum "$FA" | cut -d' ' -f1)
mk evidence verify
check_status 1
check_out "$A item 1 ('Geheugendump'): the file was changed: SHA-256 $NEW and 3000000 bytes, recorded $SA and 3000000 bytes
2 evidence files checked: 1 intact, 1 changed, 0 missing"

mk evidence verify "$B"
check_ok
check_out "1 evidence file checked: 1 intact, 0 changed, 0 missing"

FB="$DB.evidence/sha256/${SB:0:2}/$SB"
rm -f "$FB"
mk evidence verify --json
check_status 1
json_py '
eq(d["checked"], 2); eq(d["intact"], 0); eq(d["changed"], 1); eq(d["missing"], 1); eq(d["ok"], False)
eq(d["files"][0]["state"], "changed"); eq(d["files"][0]["actual_sha256"], "'"$NEW"'")
eq(d["files"][1], {"incident": "'"$B"'", "item": 1, "what": "Logbestand", "state": "missing",
                   "sha256": "'"$SB"'", "actual_sha256": None,
                   "problem": "the file '"'$FB'"' is missing"})
'
refused 2 "meldkamer evidence verify: incident 'MK-2026-0077' does not exist" evidence verify MK-2026-0077

finish
