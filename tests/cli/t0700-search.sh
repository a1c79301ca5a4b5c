#!/bin/bash
# search: words in title, description and logbook, AND of the words, a
# trailing * for a prefix, case and diacritics ignored, a key found
# directly; SQL and FTS syntax is searched for as text, never run: quotes,
# stars, AND (, column filters, NEAR, '; DROP TABLE ...; bad input refused
# with exit 2; the database never changes.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Ransomware op fileserver" --description "Bestanden versleuteld door LockBit."
new_incident --title "Phishingmail" --description "Medewerker klikte op de link; systeem geïnfecteerd"
new_incident --title "Laptop verloren"
mk log add "$KEY" "Aangifte gedaan bij politie Utrecht"
check_ok
new_incident --title "Pentest rapport: SQL injectie" --description "' OR 1=1 -- gevonden in formulier; \"quotes\" and (brackets)"

# found QUERY... -- KEYS: search output (JSON) is exactly these keys.
found() {
	local args=() keys
	while [ "$1" != -- ]; do args+=("$1"); shift; done
	shift
	keys=$*
	snapshot
	mk search "${args[@]}" --json
	check_ok
	json_py 'eq(" ".join(i["key"] for i in d), "'"$keys"'", "search '"${args[*]//\"/\\\"}"'")'
	check_db_unchanged
}

found fileserver -- MK-2026-0001
found FILESERVER -- MK-2026-0001
found lockbit -- MK-2026-0001
found ransom -- 
found 'ransom*' -- MK-2026-0001
found 'ransomware' 'versleuteld' -- MK-2026-0001
found ransomware phishingmail --
found geinfecteerd -- MK-2026-0002
found geïnfecteerd -- MK-2026-0002
found politie utrecht -- MK-2026-0003
found 'op' -- MK-2026-0002 MK-2026-0001
found MK-2026-0003 -- MK-2026-0003
found MK-2026-0009 --
# Syntax is text.
found 'title:Ransomware' --
found 'NEAR(ransomware' 'fileserver)' --
found 'ransomware' 'OR' 'phishingmail' --
found 'NOT' 'phishingmail' --
found 'AND' '(' -- MK-2026-0004
found '"quotes"' -- MK-2026-0004
found '"ransomware' -- MK-2026-0001
found 'ransom"*' -- MK-2026-0001
found "' OR 1=1 --" -- MK-2026-0004
found "'; DROP TABLE incident; --" --
found "injectie'; DELETE FROM logbook; --" --
found "injectie';" -- MK-2026-0004
found '^fileserver' -- MK-2026-0001
found '{title}:' 'fileserver' --
found '{title}:fileserver' --
found 'rapport:' -- MK-2026-0004
check_eq "tables intact" "4|5" "$(sql 'SELECT (SELECT count(*) FROM incident), (SELECT count(*) FROM logbook)')"

mk search fileserver
check_ok
check_out "MK-2026-0001  -    detectie   Ransomware op fileserver                                               "
mk search geen-treffer-hier
check_ok
check_out "(nothing found)"
mk search op --limit 1 --json
check_ok
json_py 'eq([i["key"] for i in d], ["MK-2026-0002"])'
mk search op --json
json_py 'eq(sorted(d[0]), ["closed_at", "confidential", "detected_at", "event_type", "key", "personal_data", "phase", "priority", "reported_at", "title", "version"])'

# Nothing to search for, bad text, too long.
refused 2 "meldkamer search: what to search for? (see 'meldkamer search --help')" search
refused 2 "search needs at least one word (letters or digits)" search '"'
refused 2 "search needs at least one word (letters or digits)" search '*'
refused 2 "search needs at least one word (letters or digits)" search '(' ')' '--' "'" ';'
refused 2 "query is empty" search ''
refused 2 "query is not valid UTF-8 (at byte 4)" search "$(printf 'rans\377')"
refused 2 "query contains a control character (0x1b at byte 0)" search "$(printf '\033[2J')"
refused 2 "the search is too long: at most 200 bytes" search "$(head -c 201 /dev/zero | tr '\0' a)"
refused 2 "the search is too long: at most 200 bytes" search "$(head -c 100 /dev/zero | tr '\0' a)" "$(head -c 100 /dev/zero | tr '\0' b)"
mk search "$(head -c 200 /dev/zero | tr '\0' a)"
check_ok
for l in 0 1001 x; do
	refused 2 "--limit '$l' must be a number from 1 to 1000" search op --limit "$l"
done

finish
