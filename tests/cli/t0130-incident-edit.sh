#!/bin/bash
# incident edit: fields change, the version counts up, the logbook says
# what changed from what to what; clearing optional fields; --if-version;
# refusals (no change, required fields, own parent, unknown key, stale
# version) leave the database as it was.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Oud" --reporter-name "Piet" --detected-at "2026-10-24 11:00"
new_incident --title "Ander incident"

export MELDKAMER_NOW="2026-10-24 12:30"; mk incident edit MK-2026-0001 --title "Nieuw" --personal-data ja \
	--description "elf tekens." --contained-at "2026-10-24 12:15" --reporter-name "" --tlp red \
	--source dlp --parent MK-2026-0002
check_ok
check_out "MK-2026-0001 changed"

mk incident show MK-2026-0001 --json
json_py '
eq(d["title"], "Nieuw"); eq(d["personal_data"], True); eq(d["description"], "elf tekens.")
eq(d["times"]["contained_at"], "2026-10-24T10:15:00Z"); eq(d["reporter"]["name"], None)
eq(d["tlp"], "red"); eq(d["source"], "dlp"); eq(d["parent"], "MK-2026-0002")
eq(d["version"], 2, "version"); eq(d["updated_at"], "2026-10-24T10:30:00Z", "updated_at")
eq(d["created_at"], "2026-10-24T10:00:00Z", "created_at unchanged")
e = d["log"][-1]
eq((e["seq"], e["kind"], e["at"]), (2, "status", "2026-10-24T10:30:00Z"), "edit entry")
eq(e["text"], "Gewijzigd:\ntitle: \u0027Oud\u0027 -> \u0027Nieuw\u0027\npersonal_data: nee -> ja\ndescription: 0 tekens -> 11 tekens\ncontained_at: - -> 2026-10-24 12:15 CEST\nreporter_name: \u0027Piet\u0027 -> -\ntlp: amber -> red\nsource: onbekend -> dlp\nparent: - -> \u0027MK-2026-0002\u0027", "what changed")
eq(d["chain"]["intact"], True, "chain")
'

# A field given with its current value is left out of the entry.
mk incident edit MK-2026-0001 --title "Nieuw" --supplier "Leverancier X"
check_ok
mk log list MK-2026-0001 --json
json_py 'eq(d[-1]["text"], "Gewijzigd:\nsupplier: - -> \u0027Leverancier X\u0027")'

# --if-version: the current version passes, an old one is refused.
mk incident edit MK-2026-0001 --if-version 3 --supplier ""
check_ok
refused 1 "meldkamer incident edit: incident MK-2026-0001 is at version 4, not 3: someone else changed it in the meantime; reload and try again" \
	incident edit MK-2026-0001 --if-version 3 --title "Te laat"
for v in 0 -1 x 1.5 ""; do
	refused 2 "--if-version '$v' is not a version number" incident edit MK-2026-0001 --if-version "$v" --title y
done

refused 2 "nothing to change: every value is already so" incident edit MK-2026-0001 --title "Nieuw"
refused 2 "nothing to change: give at least one field" incident edit MK-2026-0001
refused 2 "title cannot be empty" incident edit MK-2026-0001 --title ""
refused 2 "tlp cannot be empty" incident edit MK-2026-0001 --tlp ""
refused 2 "an incident cannot be its own parent" incident edit MK-2026-0001 --parent MK-2026-0001
refused 2 "parent incident 'MK-2026-0009' does not exist" incident edit MK-2026-0001 --parent MK-2026-0009
refused 2 "incident 'MK-2026-0009' does not exist" incident edit MK-2026-0009 --title x
refused 2 "missing the incident key (MK-YYYY-NNNN)" incident edit --title x
refused 2 "unexpected argument 'MK-2026-0002'" incident edit MK-2026-0001 MK-2026-0002 --title x
refused 2 "title is given twice" incident edit MK-2026-0001 --title a --title b
refused 2 "unknown option '--phase'" incident edit MK-2026-0001 --phase analyse
refused 2 "unknown option '--key'" incident edit MK-2026-0001 --key MK-2026-0005

check_eq "versions" "4|4
1|1" "$(sql 'SELECT version, log_count FROM incident ORDER BY id')"

finish
