#!/bin/bash
# incident new: the key on stdout, every field stored as given, the
# defaults, the checklist, the first logbook entry; UTF-8 kept as is;
# the description from standard input; the limits themselves accepted.
. "$(dirname "$0")/lib.sh"
init_db

mk incident new --title "Phishingmail met link naar nep-DigiD" \
	--description "Meerdere medewerkers kregen een mail." \
	--reporter-name "Anna de Vries" --reporter-department "Burgerzaken" \
	--reporter-phone "+31 20 555 0101" --reporter-email "anna@gemeente.example" \
	--source gebruiker-partner --tlp green --confidential ja --personal-data ja \
	--exercise nee --supplier "Mailleverancier BV" \
	--occurred-at "2026-10-24 09:15" --occurred-estimated ja --detected-at "2026-10-24 11:30" \
	--reported-at "2026-10-24 11:45" --management-informed-at "2026-10-24 11:50"
check_ok
check_out "MK-2026-0001"

mk incident show MK-2026-0001 --json
check_ok
json_py '
eq(d["key"], "MK-2026-0001", "key")
import re
eq(bool(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", d["uuid"])), True, "uuid v4")
eq(d["title"], "Phishingmail met link naar nep-DigiD", "title")
eq(d["description"], "Meerdere medewerkers kregen een mail.", "description")
eq(d["reporter"], {"name": "Anna de Vries", "department": "Burgerzaken", "phone": "+31 20 555 0101", "email": "anna@gemeente.example"}, "reporter")
eq(d["source"], "gebruiker-partner", "source")
eq(d["tlp"], "green", "tlp")
eq(d["confidential"], True, "confidential")
eq(d["personal_data"], True, "personal_data")
eq(d["exercise"], False, "exercise")
eq(d["supplier"], "Mailleverancier BV", "supplier")
eq(d["parent"], None, "parent")
eq(d["matrix"], None, "matrix")
eq(d["impact_overall"], None, "impact_overall")
eq(set(d["impact"].values()), {None}, "impact")
eq(len(d["impact"]), 14, "14 impact criteria")
eq((d["urgency"], d["priority"], d["priority_label"]), (None, None, None), "urgency, priority")
eq(d["event_type"], "normaal", "event_type")
eq(d["phase"], "detectie", "phase")
eq(d["times"], {
  "occurred_at": "2026-10-24T07:15:00Z", "occurred_estimated": True,
  "detected_at": "2026-10-24T09:30:00Z", "reported_at": "2026-10-24T09:45:00Z",
  "management_informed_at": "2026-10-24T09:50:00Z", "subjects_informed_at": None,
  "contained_at": None, "resolved_at": None, "closed_at": None,
  "ap_notified_at": None, "evaluated_at": None}, "times")
eq(d["version"], 1, "version")
eq((d["created_at"], d["updated_at"]), ("2026-10-24T10:00:00Z", "2026-10-24T10:00:00Z"), "created/updated")
eq(d["logbook"]["entries"], 1, "one log entry")
eq(len(d["log"]), 1, "log")
e = d["log"][0]
eq((e["seq"], e["at"], e["author"], e["role"], e["kind"]), (1, "2026-10-24T10:00:00Z", "tester", "servicedesk", "system"), "first entry")
eq(e["text"], "Incident geregistreerd via cli door tester (servicedesk): Phishingmail met link naar nep-DigiD", "first entry text")
eq(e["hash"], d["logbook"]["head"], "head is the first hash")
eq(d["chain"], {"intact": True, "problem": None}, "chain")
eq(len(d["tasks"]), 45, "45 checklist tasks")
eq(sorted({t["state"] for t in d["tasks"]}), ["open"], "all open")
eq([t["code"] for t in d["tasks"]][:6], ["0.1", "0.2", "0.3", "1.1", "1.2", "1.3"], "checklist order")
eq([t["code"] for t in d["tasks"] if t["closing"]], ["6.1", "6.2", "6.3", "6.4a", "6.4b", "6.4c", "6.4d", "6.4e", "6.4f"], "closing tasks")
eq(d["decisions"], [], "decisions")
'

# The defaults: detected and reported now, source onbekend, TLP amber.
mk incident new --title "Alleen een titel" --json
check_ok
json_py 'eq(d, {"key": "MK-2026-0002"})'
mk incident show MK-2026-0002 --json
json_py '
eq(d["source"], "onbekend"); eq(d["tlp"], "amber"); eq(d["confidential"], False)
eq(d["personal_data"], False); eq(d["description"], None)
eq(d["reporter"], {"name": None, "department": None, "phone": None, "email": None})
eq(d["times"]["detected_at"], "2026-10-24T10:00:00Z", "detected_at defaults to now")
eq(d["times"]["reported_at"], "2026-10-24T10:00:00Z", "reported_at defaults to now")
eq(d["times"]["occurred_at"], None, "occurred_at unknown")
'

# The text view.
mk incident show MK-2026-0001
check_ok
check_out_has "MK-2026-0001  Phishingmail met link naar nep-DigiD
phase detectie | priority - | event normaal | TLP green | version 1"
check_out_has "reporter: Anna de Vries, Burgerzaken, +31 20 555 0101, anna@gemeente.example"
check_out_has "  occurred                 2026-10-24 09:15 CEST (estimated)"
check_out_has "  detected                 2026-10-24 11:30 CEST"
check_out_has "personal data yes | confidential yes | supplier Mailleverancier BV"
check_out_has "  0 of 45 done, 0 n.v.t."
check_out_has "logbook (1 entries, chain intact):"

# UTF-8 is kept byte for byte; the title limit is 400 bytes, not characters.
TITLE400=$("$PY" -c 'print("é" * 200, end="")')
mk incident new --title "$TITLE400"
check_ok
check_out "MK-2026-0003"
check_eq "400-byte title stored" "$TITLE400" "$(sql "SELECT title FROM incident WHERE key = 'MK-2026-0003'")"
mk incident new --title "Gegevens van één inwoner (Ü, ß, 中文, emoji 🚨) gelekt"
check_ok
mk incident show "$OUT" --json
json_py 'eq(d["title"], "Gegevens van één inwoner (Ü, ß, 中文, emoji 🚨) gelekt")'

# The description from standard input: one trailing newline dropped,
# newlines and tabs kept; exactly 64 KiB is accepted.
printf 'regel een\n\tregel twee\n' >"$T/desc.txt"
mk_stdin "$T/desc.txt" incident new --title "Beschrijving via stdin" --description -
check_ok
mk incident show "$OUT" --json
json_py 'eq(d["description"], "regel een\n\tregel twee")'
head -c 65536 /dev/zero | tr '\0' 'a' >"$T/64k.txt"
mk_stdin "$T/64k.txt" incident new --title "Precies 64 KiB" --description -
check_ok
check_eq "64 KiB stored" 65536 "$(sql "SELECT length(description) FROM incident WHERE key = '$OUT'")"

# A sub-incident names its parent.
new_incident --title "Deelincident" --parent MK-2026-0001
mk incident show "$KEY" --json
json_py 'eq(d["parent"], "MK-2026-0001")'
mk incident show "$KEY"
check_out_has "| part of MK-2026-0001"

finish
