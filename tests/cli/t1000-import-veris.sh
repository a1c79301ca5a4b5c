#!/bin/bash
# import veris with hand-made records (tests/cli/fixtures/veris/good): a
# folder's .json files in name order, other files skipped and counted,
# subfolders not walked; every mapped field; the same records again are
# duplicates; the JSON summary.
. "$(dirname "$0")/lib.sh"
GOOD=$MK_FIXTURES/veris/good
init_db

mk import veris "$GOOD" --verbose
check_ok
check_out "$GOOD/01-ransomware.json: MK-2026-0001
$GOOD/02-lost-laptop.json: MK-2026-0002
$GOOD/03-phishing.json: MK-2026-0003
imported 3, already there 0, rejected 0, skipped 1 file that is not .json"

mk incident show MK-2026-0001 --json
json_py '
eq(d["title"], "Malware (Ransomware) bij Gemeente Voorbeeld")
eq(d["description"], "Fileserver van de afdeling Belastingen versleuteld; losgeld gevraagd.\n\nBron: https://voorbeeld.invalid/nieuws/ransomware")
eq(d["source"], "ids-ips", "Antivirus -> IDS/IPS")
eq(d["matrix"], {"table": "beheer", "category": "Problemen met programmatuur", "incident": "Introductie van virussen via programmatuur"})
eq([d["source_ref"], d["victim"], d["industry"], d["personal_data"]], ["veris:MKTEST-0001-ransomware", "Gemeente Voorbeeld", "921190", False])
t = d["times"]
eq([t["occurred_at"], t["occurred_estimated"], t["detected_at"], t["contained_at"], t["reported_at"]],
   ["2025-03-10T14:30:00Z", False, "2025-03-12T14:30:00Z", "2025-03-12T19:30:00Z", "2026-10-24T10:00:00Z"],
   "02:30 PM UTC, +2 days, +5 hours; reported now")
eq(d["log"][0]["text"], "Incident geregistreerd via import veris door tester (servicedesk): Malware (Ransomware) bij Gemeente Voorbeeld\nBron: veris:MKTEST-0001-ransomware")
eq(len(d["tasks"]), 45)
'
mk incident show MK-2026-0002 --json
json_py '
eq(d["title"], "Fout (Loss) bij Gemeente Voorbeeld")
eq(d["source"], "servicedesk")
eq(d["matrix"], {"table": "gebruikers", "category": "Gegevens en gegevensdragers", "incident": "Zoekraken gegevensdragers"})
eq([d["personal_data"], d["people_affected"], d["impact"]["mensen"], d["impact_overall"]], [True, 120, "hoog", "hoog"], "personal data, 120 people: mensen hoog")
eq([d["times"]["occurred_at"], d["times"]["detected_at"], d["times"]["contained_at"]], ["2025-06-02T00:00:00Z", "2025-06-02T03:00:00Z", None])
eq([c["state"] for c in d["clocks"] if c["clock"] == "ap-72h"], ["overdue"], "the AP clock of an old breach")
'
mk incident show MK-2026-0003 --json
json_py '
eq(d["title"], "Social engineering (Phishing) bij Waterschap Voorbeeld")
eq([d["source"], d["description"]], ["gebruiker-partner", None], "VERIS 1.2 Ext - customer")
eq([d["times"]["occurred_at"], d["times"]["occurred_estimated"], d["times"]["detected_at"]], ["2024-11-01T00:00:00Z", True, None], "year and month only: an estimate")
eq(d["matrix"]["incident"], "Onzorgvuldige omgang met wachtwoorden door gebruikers")
'
mk search lockbit belastingen
check_ok
check_out "(nothing found)"
mk search belastingen --json
json_py 'eq([i["key"] for i in d], ["MK-2026-0001"])'

# The same again: duplicates by VERIS incident_id, nothing new written.
snapshot
mk import veris "$GOOD" --json
check_ok
json_py '
eq(d, {"files": 3, "imported": 0, "duplicates": 3, "rejected": 0, "skipped_not_json": 1, "skipped_hidden_or_special": 0, "problems": [],
  "duplicate_files": [{"file": "'"$GOOD"'/01-ransomware.json", "key": "MK-2026-0001"},
                      {"file": "'"$GOOD"'/02-lost-laptop.json", "key": "MK-2026-0002"},
                      {"file": "'"$GOOD"'/03-phishing.json", "key": "MK-2026-0003"}]})
'
check_db_unchanged
mk import veris "$GOOD/02-lost-laptop.json"
check_ok
check_out "$GOOD/02-lost-laptop.json: already imported as MK-2026-0002 (same VERIS incident_id)
imported 0, already there 1, rejected 0"

# One file, named directly, in a subfolder that a folder import skips.
mk import veris "$GOOD/sub/04-not-walked.json" --json
check_ok
json_py 'eq([d["files"], d["imported"]], [1, 1])'
mk log verify
check_ok
check_out "4 logbooks verified: 4 intact, 0 broken; register intact"

# The importer's name and role go into the logbook.
mk init --db "$T/tweede.db"
MELDKAMER_ROLE=incidentmanager mk import veris "$GOOD/03-phishing.json" --db "$T/tweede.db" --as "Importeur"
check_ok
mk log list MK-2026-0001 --db "$T/tweede.db" --json
json_py 'eq([d[0]["author"], d[0]["role"]], ["Importeur", "incidentmanager"])'

refused 2 "give one or more VERIS files or folders" import veris

# A FIFO or hidden file in a folder is counted, not read (a FIFO would
# block); a FIFO named as a file is refused, not waited on.
mkdir "$T/odd"
mkfifo "$T/odd/pipe.json" "$T/pipe.json"
echo '{}' >"$T/odd/.hidden.json"
mk import veris "$T/odd"
check_ok
check_out "imported 0, already there 0, rejected 0, skipped 2 hidden or special files"
mk import veris "$T/pipe.json"
check_status 2
check_err "meldkamer import veris: '$T/pipe.json' is not a regular file"

finish
