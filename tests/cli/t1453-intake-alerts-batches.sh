#!/bin/bash
# intake alerts reads and parses on a thread of its own, in batches of 256
# lines (cli/alert-reader.c): across batch boundaries every line is taken
# or reported in the file's order, with its own number; a file that ends
# exactly at a boundary, bad lines on both sides of one, a line that fills
# a batch's text on its own, and a truncated last line.
. "$(dirname "$0")/lib.sh"
init_db

# Line n: a generic alert at minute n, each its own signature (no
# collapsing); bad lines at 256, 257 and 513; 600 lines, the last cut off.
python3 - >"$T/big.jsonl" <<'PY'
import json, sys
for n in range(1, 601):
    if n in (256, 257, 513):
        sys.stdout.write('{"not json\n')
        continue
    d = {"source": "fw", "time": "2026-10-24T%02d:%02d:00Z" % (n // 60, n % 60), "severity": "low",
         "signature": "Regel %d" % n, "detection": "webfilter", "src_ip": "192.0.2.1"}
    if n == 300:
        d["padding"] = "x" * 900000  # about a batch's text on its own
    line = json.dumps(d)
    sys.stdout.write(line if n == 600 else line + "\n")
PY
mk intake alerts "$T/big.jsonl"
check_status 2
check_out "$T/big.jsonl: 597 alerts taken (597 new groups, 0 joined a group), 0 already there, 0 other events skipped, 3 bad lines, 0 groups promoted"
check_err "$T/big.jsonl:256: line is not JSON: premature end of input near '\"not json' (column 10)
$T/big.jsonl:257: line is not JSON: premature end of input near '\"not json' (column 10)
$T/big.jsonl:513: line is not JSON: premature end of input near '\"not json' (column 10)"
check_eq "every good line, in order, with its number" \
	"597|1|600|$(python3 -c 'print(sum(range(1, 601)) - 256 - 257 - 513)')" \
	"$(sql "SELECT count(*), min(line), max(line), sum(line) FROM alert")"
check_eq "stored in the file's order" 0 \
	"$(sql "SELECT count(*) FROM alert a JOIN alert b ON b.id = a.id + 1 WHERE b.line < a.line")"
check_eq "line 300 whole" 900000 "$(sql "SELECT length(json_extract(raw, '\$.padding')) FROM alert WHERE line = 300")"

# Exactly two batches: 512 good lines and nothing after.
python3 - >"$T/even.jsonl" <<'PY'
import json
for n in range(1, 513):
    print(json.dumps({"source": "ids", "time": "2026-10-25T10:00:00Z", "severity": "high",
                      "signature": "Even %d" % n, "detection": "ids-ips"}))
PY
mk intake alerts "$T/even.jsonl"
check_ok
check_out "$T/even.jsonl: 512 alerts taken (512 new groups, 0 joined a group), 0 already there, 0 other events skipped, 0 bad lines, 0 groups promoted"

# An empty file: nothing, cleanly.
: >"$T/empty.jsonl"
mk intake alerts "$T/empty.jsonl"
check_ok
check_out "$T/empty.jsonl: 0 alerts taken (0 new groups, 0 joined a group), 0 already there, 0 other events skipped, 0 bad lines, 0 groups promoted"
finish
