#!/bin/bash
# intake alerts: each bad line reported as FILE:LINE: reason on stderr, the
# good lines of the same file taken, exit 2; a truncated last line, a
# 2 MB line, invalid UTF-8 and deep nesting among good lines; a missing
# file fails alone; usage errors write nothing.
. "$(dirname "$0")/lib.sh"
init_db
A=$(cd "$(dirname "$0")/../intake/alerts" && pwd)

good='{"source":"fw","time":"2026-10-24T08:00:00Z","severity":"low","signature":"Blocked","detection":"webfilter","src_ip":"192.0.2.1"}'
{
	echo "$good"
	echo '{"source":"fw","time":"2026-10-24T08:00:00Z","severity":"low","signature":"Blocked","detection":"webfilter","src_ip":"192.0.2.1","x":"'"$(printf 'caf\351')"'"}'
	printf '{"a":'; head -c 2000000 /dev/zero | tr '\0' ' '; echo '1}'
	python3 -c 'print("{\"a\":" + "[" * 40 + "]" * 40 + "}")'
	echo "${good/08:00:00/08:01:00}" # a minute later: another alert, same group
	printf '%s' '{"source":"fw","time":"2026-10-24T08:0'
} > mixed.jsonl

mk intake alerts mixed.jsonl
check_status 2
check_out "mixed.jsonl: 2 alerts taken (1 new groups, 1 joined a group), 0 already there, 0 other events skipped, 4 bad lines, 0 groups promoted"
check_err "mixed.jsonl:2: line is not valid UTF-8 (at byte 137)
mixed.jsonl:3: line is over the limit of 1048576 bytes
mixed.jsonl:4: line is nested more than 32 levels deep
mixed.jsonl:6: the file ends inside this line (no newline): line is not JSON: premature end of input near '\"2026-10-24T08:0' (column 38)"
check_eq "alerts" "2|1|2" "$(sql 'SELECT (SELECT count(*) FROM alert), (SELECT count(*) FROM alert_group), (SELECT count FROM alert_group)')"
check_eq "lines" "1,5" "$(sql "SELECT group_concat(line) FROM (SELECT line FROM alert ORDER BY line)")"

# The fixture of the intake suite: 13 bad lines, each with its reason.
snapshot
mk intake alerts "$A/bad.jsonl" --json
check_status 2
json_py 'f = d["files"][0]; eq([f["alerts"], f["bad"], f["taken_ok"]], [0, 13, True]); eq([e["line"] for e in f["errors"]], list(range(1, 14))); eq(f["errors"][1], {"line": 2, "field": "src_ip", "message": "src_ip '"'"'1.2.3.999'"'"' is not an IP address"})'
check_err_has "$A/bad.jsonl:7: line is not JSON: duplicate object key near '\"a\"' (column 10)"
check_err_has "$A/bad.jsonl:10: line is no alert meldkamer knows: no event_type (Suricata), rule (Wazuh) or source and signature (generic)"
check_db_unchanged

# A missing file fails alone (exit 2, as a missing name does); the others
# still go in.
mk intake alerts nowhere.jsonl "$A/mixed.jsonl"
check_status 2
check_err "meldkamer intake alerts: cannot open 'nowhere.jsonl': No such file or directory"
check_out "$A/mixed.jsonl: 6 alerts taken (6 new groups, 0 joined a group), 0 already there, 2 other events skipped, 0 bad lines, 0 groups promoted"

# Usage errors: nothing written.
refused 2 "meldkamer intake alerts: which files? give one or more .jsonl files (see 'meldkamer intake alerts --help')" intake alerts
refused 2 "meldkamer intake alerts: window '2x' is not a duration: use seconds or a number with s, m, h or d (1h) (see 'meldkamer intake alerts --help')" intake alerts --window 2x mixed.jsonl
refused 2 "meldkamer intake alerts: window '0' must be 1s to 30d (see 'meldkamer intake alerts --help')" intake alerts --window 0 mixed.jsonl
refused 2 "meldkamer intake alerts: --promote-severity 'urgent' is unknown: use one of low, medium, high, critical (or 1 to 4) (see 'meldkamer intake alerts --help')" intake alerts --promote-severity urgent mixed.jsonl

finish
