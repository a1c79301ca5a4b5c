#!/bin/bash
# The upgrade to schema 5 makes an item of every evidence file stored
# before it (mail intake's raw messages), numbered per incident in the
# order stored, and init makes the signing key of an older database.
. "$(dirname "$0")/lib.sh"

init_db
new_incident --title "Eerste"
A=$KEY
new_incident --title "Tweede"
B=$KEY
printf 'een' >"$T/1.eml"
printf 'twee' >"$T/2.eml"
printf 'drie' >"$T/3.eml"
mk evidence add "$A" "$T/1.eml" --what "Mail 1" --why "Melding" --media-type message/rfc822
check_ok
mk evidence add "$B" "$T/2.eml" --what "Mail 2" --why "Melding" --media-type message/rfc822
check_ok
mk evidence add "$A" "$T/3.eml" --what "Mail 3" --why "Melding" --media-type message/rfc822
check_ok
# Back to schema 3 as a database of before this release would be: the
# evidence rows and files, no items, no key.
sqlite3 "$DB" "$SCHEMA_BACK_TO_3 PRAGMA user_version = 3" >/dev/null
rm -f "$DB.signing-key"

mk init
check_ok
check_out_has "upgraded database '$DB' from schema 3 to $MK_SCHEMA"
check_out_has "created signing key '$DB.signing-key' (SHA256:"
check_eq "items made from the evidence rows" "1|1|file|Mail 1|content-addressed store (SHA-256)
1|2|file|Mail 3|content-addressed store (SHA-256)
2|1|file|Mail 2|content-addressed store (SHA-256)" \
	"$(sql "SELECT incident_id, seq, kind, what, storage FROM evidence_item ORDER BY incident_id, seq")"
mk evidence verify
check_ok
check_out "3 evidence files checked: 3 intact, 0 changed, 0 missing"
mk export evidence "$A" -o "$T/a.tar" --why "Na de upgrade"
check_ok
mk verify "$T/a.tar"
check_ok

finish
