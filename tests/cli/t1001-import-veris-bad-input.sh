#!/bin/bash
# import veris refuses bad records one by one, each named with its reason
# on stderr, exit 2, and nothing of it written: malformed, truncated and
# trailing JSON, a top-level array, duplicate keys, wrong types, missing
# fields, impossible dates (1900, 2200, 30 February), unknown units,
# control characters and NUL, a file over 1 MiB, nesting over 32 levels,
# invalid UTF-8, an empty file, a path that does not exist. Good records
# given along still go in (and the exit status still says 2).
. "$(dirname "$0")/lib.sh"
BAD=$MK_FIXTURES/veris/bad
init_db
new_incident --title "Bestaand incident"

# bad FILE MESSAGE: imported alone: rejected, named, nothing written.
bad() {
	snapshot
	mk import veris "$1"
	check_status 2
	# A message that already names the file is not prefixed with it again.
	case $2 in
	*"$1"*) check_err "meldkamer import veris: $2" ;;
	*) check_err "meldkamer import veris: $1: $2" ;;
	esac
	check_out "imported 0, already there 0, rejected 1"
	check_db_unchanged
	snapshot
	mk import veris "$1" --json
	check_status 2
	check_err_empty
	json_py 'eq([d["files"], d["imported"], d["rejected"], [p["file"] for p in d["problems"]]], [1, 0, 1, ["'"$1"'"]])'
	check_db_unchanged
}

bad "$BAD/b01-truncated.json" "'$BAD/b01-truncated.json' is not JSON: '}' expected near end of file at line 1, column 97"
bad "$BAD/b02-trailing.json" "'$BAD/b02-trailing.json' is not JSON: end of file expected near '{' at line 1, column 100"
bad "$BAD/b03-array.json" "'$BAD/b03-array.json' is not a VERIS record: the top level is not a JSON object"
bad "$BAD/b04-duplicate-key.json" "'$BAD/b04-duplicate-key.json' is not JSON: duplicate object key near '\"incident_id\"' at line 1, column 70"
bad "$BAD/b05-no-incident-id.json" "incident_id is missing"
bad "$BAD/b06-year-string.json" "timeline.incident.year is a string, expected an integer"
bad "$BAD/b07-year-1900.json" "timeline.incident.year 1900 lies outside 1970..2099"
bad "$BAD/b08-year-2200.json" "timeline.incident.year 2200 lies outside 1970..2099"
bad "$BAD/b09-february-30.json" "timeline.incident 2026-02-30 is not a date"
bad "$BAD/b10-unit.json" "timeline.discovery.unit 'Fortnights' is not a VERIS unit (Seconds, Minutes, Hours, Days, Weeks, Months, Years, Never, NA, Unknown)"
bad "$BAD/b11-negative.json" "timeline.discovery.value -3 is negative"
bad "$BAD/b12-control-in-id.json" "incident_id contains a control character (0x1b at byte 10)"
bad "$BAD/b13-escaped-nul.json" "'$BAD/b13-escaped-nul.json' is not JSON: a NUL character (\\u0000) in a string at line 1, column 62"
bad "$BAD/b14-variety-not-array.json" "action.malware.variety is a string, expected an array"
bad "$BAD/b15-huge-integer.json" "'$BAD/b15-huge-integer.json' is not JSON: too big integer at line 1, column 114"
bad "$BAD/b16-discovery-too-late.json" "timeline.discovery (500 Years) puts detected_at more than a day after now"
bad "$BAD/b17-time-of-day.json" "timeline.incident.time '25:61' is not a time of day (e.g. '05:45:00 PM')"
bad "$BAD/b18-blank-id.json" "incident_id is empty"
bad "$BAD/b19-no-timeline.json" "timeline is missing: the incident has no date"
bad "$BAD/b20-negative-total.json" "attribute.confidentiality.data_total -5 is negative"
bad "$BAD/b21-empty.json" "'$BAD/b21-empty.json' is not JSON: unexpected token near end of file at line 1, column 0"

# Made here: binary content and sizes.
R='{"schema_version": "1.3.4", "incident_id": "MKTEST-GEN", "timeline": {"incident": {"year": 2025}}'
printf '%s, "summary": "caf\351"}' "$R" >"$T/latin1.json"
bad "$T/latin1.json" "'$T/latin1.json' is not valid UTF-8 (at byte 114)"
printf '%s, "summary": "a\000b"}' "$R" >"$T/nul.json"
bad "$T/nul.json" "'$T/nul.json' contains a NUL byte at byte 112"
printf '\357\273\277%s}' "$R" >"$T/bom.json"
bad "$T/bom.json" "'$T/bom.json' is not JSON: invalid token near '$(printf '\357\273\277')' at line 1, column 1"
"$PY" -c '
import sys
r = sys.argv[1] + ", \"summary\": \"" + "x" * (1024 * 1024) + "\"}"
open(sys.argv[2], "w").write(r)' "$R" "$T/huge.json"
bad "$T/huge.json" "'$T/huge.json' is too big for a VERIS record: 1048689 bytes, the limit is 1048576"
"$PY" -c '
import sys
open(sys.argv[2], "w").write(sys.argv[1] + ", \"x\": " + "[" * 40 + "]" * 40 + "}")' "$R" "$T/deep.json"
bad "$T/deep.json" "'$T/deep.json' is nested more than 32 levels deep"
"$PY" -c '
import sys
open(sys.argv[2], "w").write(sys.argv[1] + ", \"x\": " + "[" * 100000 + "]" * 100000 + "}")' "$R" "$T/deeper.json"
bad "$T/deeper.json" "'$T/deeper.json' is not JSON: maximum parsing depth reached near '[' at line 1, column 2152"
"$PY" -c '
import sys
open(sys.argv[2], "w").write(sys.argv[1] + ", \"summary\": \"" + "\\u00e9" * 150000 + "\"}")' "$R" "$T/escapes.json"
# A long summary (300 000 bytes once decoded) is not refused but cut.
mk import veris "$T/escapes.json"
check_ok
mk incident show MK-2026-0002 --json
json_py 'eq(len(d["description"].encode()), 65536, "a long summary is cut to the description limit"); eq(set(d["description"]), {"é"}, "on a character boundary")'

# A path that does not exist, and a folder that cannot be read.
snapshot
mk import veris "$T/nergens.json"
check_status 2
check_err "meldkamer import veris: $T/nergens.json: No such file or directory"
check_out "imported 0, already there 0, rejected 1"
check_db_unchanged

# Good records among bad ones: the good go in, the status says 2.
mkdir "$T/mixed"
cp "$MK_FIXTURES/veris/good/01-ransomware.json" "$BAD/b07-year-1900.json" "$MK_FIXTURES/veris/good/03-phishing.json" "$T/mixed/"
mk import veris "$T/mixed" --json
check_status 2
json_py '
eq([d["files"], d["imported"], d["rejected"], d["duplicates"]], [3, 2, 1, 0])
eq(d["problems"], [{"file": "'"$T/mixed/b07-year-1900.json"'", "problem": "timeline.incident.year 1900 lies outside 1970..2099"}])
'
check_eq "keys stay gap-free" "MK-2026-0001 MK-2026-0002 MK-2026-0003 MK-2026-0004" "$(sql "SELECT group_concat(key, ' ') FROM (SELECT key FROM incident ORDER BY id)")"
mk log verify
check_ok

finish
