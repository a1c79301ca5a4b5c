#!/bin/sh
# Imports the real VERIS sample (../shared/data/vcdb) through the CLI and
# asserts the exact KPI figures. The expected numbers were computed
# independently by tools/veris-kpi-reference.py (its own implementation
# of doc/veris-mapping.md) and are written out here, not read from it.
set -eu
M=$1
DATA=${MK_SHARED_DATA:-}
if [ -z "$DATA" ] || [ ! -d "$DATA/vcdb" ]; then
	echo "skipped: the shared VERIS sample is not at '${DATA:-../shared/data}/vcdb'"
	exit 77
fi
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
export MELDKAMER_DB="$DIR/t.db" MELDKAMER_USER=test MELDKAMER_NOW=2026-12-03T12:00:00Z

"$M" init >/dev/null
"$M" import veris --json "$DATA/vcdb" >"$DIR/import.json"
"$M" report kpi --json >"$DIR/kpi.json"
# Importing again adds nothing: every record is a duplicate.
"$M" import veris --json "$DATA/vcdb" >"$DIR/again.json"
"$M" report kpi --json >"$DIR/kpi-again.json"
# Files that are JSON but not VERIS incidents are named with a reason,
# the exit status says so, and nothing is written.
"$M" log verify >/dev/null
set +e
"$M" import veris "$DATA/vcdb/schema/verisc.json" "$DATA/vcdb/MANIFEST.tsv" 2>"$DIR/bad.err" >/dev/null
status=$?
set -e

python3 - "$DIR" "$status" <<'PY'
import json, sys
d, status = sys.argv[1], int(sys.argv[2])
def load(name):
    return json.load(open(d + "/" + name))
imp, kpi, again, kpi2 = load("import.json"), load("kpi.json"), load("again.json"), load("kpi-again.json")
fail = []
def eq(what, got, want):
    if got != want:
        fail.append("%s: got %r, want %r" % (what, got, want))

eq("files", imp["files"], 70)
eq("imported", imp["imported"], 69)
eq("duplicates", imp["duplicates"], 1)
eq("rejected", imp["rejected"], 0)
eq("skipped (MANIFEST.tsv)", imp["skipped_not_json"], 1)
eq("duplicate file", [x["file"].rsplit("/", 1)[1] for x in imp["duplicate_files"]],
   ["001A011B-8C28-46B9-BA86-186C18213E1A.json"])

eq("incidents", kpi["incidents"], 69)
eq("with_personal_data", kpi["with_personal_data"], 41)
eq("by_category", kpi["by_category"], {
    "Gegevens en gegevensdragers": 16,
    "Menselijke omgang met apparatuur": 1,
    "Omgang met apparatuur door gebruikers of derden": 8,
    "Onopzettelijk foutief handelen": 1,
    "Onopzettelijk foutief handelen van gebruikers": 1,
    "Opzettelijk foutief handelen": 4,
    "Opzettelijk foutief handelen van gebruikers": 9,
    "Problemen met programmatuur": 14,
    "Technisch falen van apparatuur door externe invloeden": 15,
})
eq("detection_lag_s", kpi["detection_lag_s"], {"n": 5, "min": 172800, "avg": 6773760, "max": 12960000})
eq("containment_s", kpi["containment_s"], {"n": 1, "min": 172800, "avg": 172800, "max": 172800})

eq("second import: imported", again["imported"], 0)
eq("second import: duplicates", again["duplicates"], 70)
eq("second import: KPIs unchanged", kpi2, kpi)

eq("exit status with a non-VERIS file", status, 2)
err = open(d + "/bad.err").read()
if "verisc.json" not in err:
    fail.append("the rejected schema file is not named: %r" % err)

if fail:
    print("\n".join(fail))
    sys.exit(1)
print("VERIS sample: 69 imported, 1 duplicate, KPIs exact")
PY
