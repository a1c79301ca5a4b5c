#!/bin/bash
# evidence add: a file is copied into the content-addressed store with its
# SHA-256 (the same content stored once), a physical item has none; each
# is a logbook entry; list shows both. Bad input is refused with the field
# named, exit 2 (an unknown incident too), and leaves the database and
# the evidence folder as they were.
. "$(dirname "$0")/lib.sh"

init_db
new_incident --title "Ransomware op de fileserver"
printf 'Received: from mx.example\nSubject: factuur\n\nklik hier\n' >"$T/mail.eml"
SHA=$(sha256sum "$T/mail.eml" | cut -d' ' -f1)
SIZE=$(stat -c %s "$T/mail.eml")

mk evidence add "$KEY" "$T/mail.eml" --what "Phishingmail zoals ontvangen" --why "Bewijs van de poging" \
	--media-type message/rfc822 --location "evidence store" --collected-by "Anna de Vries" \
	--collected-at "2026-10-24 11:30"
check_ok
check_out "$KEY: item 1 added, SHA-256 $SHA"
STORED="$DB.evidence/sha256/${SHA:0:2}/$SHA"
cmp -s "$T/mail.eml" "$STORED"
check_eq "the stored copy is the file byte for byte" 0 $?
check_eq "the stored original is read-only" 400 "$(stat -c %a "$STORED")"
check_eq "no temporary file left" "" "$(find "$DB.evidence" -name '.incoming-*')"

mk evidence add "$KEY" --what "Laptop HP EliteBook 840, serienummer 5CG1234XYZ" \
	--why "Mogelijk besmet; forensisch onderzoek" --location "Kluis ICT, kamer 2.14" \
	--storage "verzegelde bewijszak" --seal "ZB-000417"
check_ok
check_out "$KEY: item 2 added (physical)"

# The same content again: a second item, one stored file.
mk evidence add "$KEY" "$T/mail.eml" --what "Dezelfde mail, doorgestuurd door de melder" --why "Tweede melding"
check_ok
check_out "$KEY: item 3 added, SHA-256 $SHA"
check_eq "stored once" 1 "$(find "$DB.evidence/sha256" -type f | wc -l)"

mk evidence list "$KEY"
check_ok
check_out "ITEM  KIND      SIZE         SHA-256 / SEAL    WHAT
1     file      $SIZE           ${SHA:0:16}~ Phishingmail zoals ontvangen
2     physical  -            ZB-000417         Laptop HP EliteBook 840, serienummer 5CG1234XYZ
3     file      $SIZE           ${SHA:0:16}~ Dezelfde mail, doorgestuurd door de melder"

mk evidence list "$KEY" --json
check_ok
json_py '
eq(len(d), 3)
eq(d[0], {"item": 1, "incident": "'"$KEY"'", "kind": "file", "what": "Phishingmail zoals ontvangen",
          "why": "Bewijs van de poging", "location": "evidence store",
          "storage": "content-addressed store (SHA-256)", "seal": None,
          "collected_by": "Anna de Vries", "collected_at": "2026-10-24T09:30:00Z",
          "registered_by": "tester", "registered_at": "2026-10-24T10:00:00Z",
          "file": {"sha256": "'"$SHA"'", "size": '"$SIZE"', "name": "mail.eml",
                   "media_type": "message/rfc822", "archive_path": "evidence/'"$SHA"'"}})
eq(d[1]["kind"], "physical"); eq(d[1]["file"], None); eq(d[1]["seal"], "ZB-000417")
eq(d[1]["storage"], "verzegelde bewijszak"); eq(d[1]["collected_by"], "tester")
'

check_eq "logbook entry of the file" "Bewijsstuk 1 vastgelegd (bestand): Phishingmail zoals ontvangen ('mail.eml'), $SIZE bytes, SHA-256 $SHA
Locatie: evidence store
Verzameld door Anna de Vries op 2026-10-24 11:30 CEST
Reden: Bewijs van de poging" "$(sql "SELECT text FROM logbook WHERE seq = 2")"
check_eq "logbook entry of the laptop" "Bewijsstuk 2 vastgelegd (fysiek): Laptop HP EliteBook 840, serienummer 5CG1234XYZ
Locatie: Kluis ICT, kamer 2.14
Opslag: verzegelde bewijszak
Zegel: ZB-000417
Verzameld door tester op 2026-10-24 12:00 CEST
Reden: Mogelijk besmet; forensisch onderzoek" "$(sql "SELECT text FROM logbook WHERE seq = 3")"
mk log verify "$KEY"
check_ok

# From standard input (a pipe): streamed the same way, no name.
printf 'uit een pijp' >"$T/pipe.txt"
mk_stdin "$T/pipe.txt" evidence add "$KEY" - --what "Uitvoer van een script" --why "Tijdlijn"
check_ok
check_out "$KEY: item 4 added, SHA-256 $(sha256sum "$T/pipe.txt" | cut -d' ' -f1)"

# The append-only guards hold for every client.
check_eq "items cannot be changed" "Error: stepping, evidence items are append-only: they cannot be changed (19)" \
	"$(sqlite3 "$DB" "UPDATE evidence_item SET what = 'x'" 2>&1)"
check_eq "items cannot be deleted" "Error: stepping, evidence items are append-only: they cannot be deleted (19)" \
	"$(sqlite3 "$DB" "DELETE FROM evidence_item" 2>&1)"

# Bad input: nothing written, no file left behind in the store.
files_before=$(find "$DB.evidence" | sort)
printf 'nieuw bewijs' >"$T/new.bin"
refused 2 "meldkamer evidence add: --what is required: what the item is" evidence add "$KEY" "$T/new.bin" --why x
refused 2 "meldkamer evidence add: --why is required: why it was collected" evidence add "$KEY" "$T/new.bin" --what x
refused 2 "meldkamer evidence add: cannot read '$T/absent.bin': No such file or directory" evidence add "$KEY" "$T/absent.bin" --what x --why y
refused 2 "meldkamer evidence add: '$T' is a folder, not a file" evidence add "$KEY" "$T" --what x --why y
refused 2 "meldkamer evidence add: incident 'MK-2026-0099' does not exist" evidence add MK-2026-0099 "$T/new.bin" --what x --why y
refused 2 "what is not valid UTF-8" evidence add "$KEY" "$T/new.bin" --what "$(printf 'bad\xff')" --why y
refused 2 "what" evidence add "$KEY" "$T/new.bin" --what "$(printf 'two\nlines')" --why y
refused 2 "meldkamer evidence add: what is empty" evidence add "$KEY" "$T/new.bin" --what "   " --why y
refused 2 "meldkamer evidence add: collected_at lies in the future" evidence add "$KEY" "$T/new.bin" --what x --why y --collected-at "2026-10-25"
refused 2 "meldkamer evidence add: media type 'text' is not of the form type/subtype" evidence add "$KEY" "$T/new.bin" --what x --why y --media-type text
refused 2 "meldkamer evidence add: a physical item has no file media type" evidence add "$KEY" --what x --why y --media-type text/plain
refused 2 "name" evidence add "$KEY" "$T/new.bin" --what x --why y --name "../../etc/passwd"
refused 2 "meldkamer evidence add: seal is too long: 300 bytes, the limit is 200" evidence add "$KEY" --what x --why y --seal "$(head -c 300 /dev/zero | tr '\0' a)"
refused 2 "meldkamer evidence add: give KEY and, for a file, FILE" evidence add
check_eq "the evidence folder as it was" "$files_before" "$(find "$DB.evidence" | sort)"

finish
