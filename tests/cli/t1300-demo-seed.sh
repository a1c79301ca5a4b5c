#!/bin/bash
# scripts/demo-seed.sh, the demo set of `make run`: twelve incidents of the
# fictional Gemeente Voorbeeldstad entered through the CLI. Seeded at a
# fixed now (MK_DEMO_NOW), the set has exact facts: how many incidents, in
# which phases, which are closed, which clocks run, are overdue or were
# met, the KPI figures (the exercise left out), and logbooks that verify.
# A second run on the same database is refused and changes nothing. A run
# just after midnight on New Year's day (keys of two years, steps dated on
# both sides of midnight) must still keep every logbook in order.
. "$(dirname "$0")/lib.sh"
SEED=${MK_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}/scripts/demo-seed.sh

seed() { # seed DB: runs the seed script; output in $OUT/$ERR, status in $STATUS
	LAST_ARGS=(demo-seed "$@")
	"$SEED" "$MK_BIN" "$@" >"$T/out" 2>"$T/err" </dev/null
	STATUS=$?
	OUT=$(<"$T/out")
	ERR=$(<"$T/err")
}

# 2026-12-04 11:00 in Amsterdam; the last change of summer time (25 October)
# is more than the 38 days of the oldest incident back, so every duration
# below is plain arithmetic on the times in the script.
export MK_DEMO_NOW=2026-12-04T10:00:00Z
export MELDKAMER_NOW=$MK_DEMO_NOW

# --- usage ------------------------------------------------------------------

seed
check_status 2
check_err "usage: scripts/demo-seed.sh BINARY DB"
"$SEED" "$T/no-such-binary" "$DB" >"$T/out" 2>"$T/err"
STATUS=$?
ERR=$(<"$T/err")
check_status 2
check_err "demo-seed: '$T/no-such-binary' is not an executable meldkamer binary"
check_eq "database after a bad binary" "absent" "$([ -e "$DB" ] && echo present || echo absent)"

# --- the seed on a new database (it runs init itself) -----------------------

seed "$DB"
check_ok
check_out "demo-seed: 12 incidents of Gemeente Voorbeeldstad in '$DB'"

mk incident list --limit 50 --json
check_ok
json_py '
inc = {i["key"]: i for i in d["incidents"]}
eq(sorted(inc), ["MK-2026-%04d" % n for n in range(1, 13)], "keys")
eq(d["next_before"], None, "one page")
eq({k: i["phase"] for k, i in inc.items()}, {
  "MK-2026-0001": "evaluatie",  "MK-2026-0002": "afsluiten", "MK-2026-0003": "afsluiten",
  "MK-2026-0004": "afsluiten",  "MK-2026-0005": "remediatie", "MK-2026-0006": "herstel",
  "MK-2026-0007": "oplossen",   "MK-2026-0008": "indammen", "MK-2026-0009": "analyse",
  "MK-2026-0010": "analyse",    "MK-2026-0011": "initiatie", "MK-2026-0012": "detectie"}, "phases")
eq(sorted(k for k, i in inc.items() if i["closed_at"]), ["MK-2026-0001", "MK-2026-0002", "MK-2026-0003", "MK-2026-0004"], "closed")
eq(inc["MK-2026-0001"]["closed_at"], "2026-11-04T10:15:00Z", "laptop closed 30 days ago at 11:15")
eq(sorted(k for k, i in inc.items() if i["event_type"] == "noodsituatie"), ["MK-2026-0002", "MK-2026-0010"], "noodsituatie")
eq(sorted(k for k, i in inc.items() if i["confidential"]), ["MK-2026-0011"], "confidential")
eq(sorted(k for k, i in inc.items() if i["personal_data"]),
   ["MK-2026-0001", "MK-2026-0003", "MK-2026-0008", "MK-2026-0009", "MK-2026-0010", "MK-2026-0011"], "personal data")
eq(sorted(k for k, i in inc.items() if i["priority"] is None), [], "every incident assessed")
'

mk log verify
check_ok
check_out "12 logbooks verified: 12 intact, 0 broken; register intact"

# The whole register: who wrote, what was decided, which tasks were ticked.
mk export json
check_ok
json_py '
inc = {i["key"]: i for i in d["incidents"]}
eq([i["key"] for i in d["incidents"] if i["exercise"]], ["MK-2026-0002"], "the exercise")
eq(inc["MK-2026-0002"]["title"].startswith("OEFENING: "), True, "exercise title")
eq(sum(len(i["decisions"]) for i in d["incidents"]), 7, "BOBOC decisions")
eq(sorted(k for k, i in inc.items() if i["decisions"]),
   ["MK-2026-0001", "MK-2026-0003", "MK-2026-0004", "MK-2026-0005", "MK-2026-0007", "MK-2026-0008", "MK-2026-0010"], "with decisions")
# One logbook entry per step of the script: 12 registrations, 229 other
# steps (16 of them on the breaches), and 8 + 3 more from the two loops
# over closing tasks.
eq(sum(len(i["logbook_entries"]) for i in d["incidents"]), 252, "logbook entries")
roles = sorted({e["role"] for i in d["incidents"] for e in i["logbook_entries"]})
eq(roles, ["behandelaar", "ciso", "directie", "fg", "incidentmanager", "servicedesk"], "roles in the logbooks")
authors = sorted({e["author"] for i in d["incidents"] for e in i["logbook_entries"]})
eq(authors, ["Daan Willems", "Esther van Dijk", "Ingrid Verbeek", "Joost Mulder", "Lotte Hendriks",
  "Marjolein Kuipers", "Mark de Groot", "Sanne Bakker", "Thijs Jansen", "Yusuf Demir"], "authors")
# The ransomware emergency was declared by the CISO, as a logbook entry.
decl = [(e["author"], e["role"], e["kind"]) for e in inc["MK-2026-0010"]["logbook_entries"]
        if e["text"].startswith("Gebeurtenistype: normaal -> noodsituatie")]
eq(decl, [("Ingrid Verbeek", "ciso", "decision")], "noodsituatie declared")
eq(inc["MK-2026-0010"]["priority"], "P1", "ransomware priority")
done = lambda k: [t["code"] for t in inc[k]["tasks"] if t["state"] == "done"]
eq(done("MK-2026-0010"), ["1.1", "1.2", "1.3", "1.3b", "1.4", "1.6", "2.1", "2.3", "3.1", "3.2", "3.6b"], "ransomware tasks")
eq(done("MK-2026-0001"), ["0.3", "1.1", "1.3", "1.6", "2.1", "3.6b", "6.1", "6.2", "6.3", "6.4a", "6.4b", "6.4c", "6.4f", "7.2", "7.4"], "laptop tasks")
eq(sum(len(done(k)) for k in inc), 79, "tasks done in all (76 steps, 3 more in a loop)")
eq(inc["MK-2026-0008"]["supplier"], "Parkeerloket Online B.V. (fictief)", "supplier")
eq(inc["MK-2026-0008"]["people_affected"], 2300, "people affected")
'

# Every clock state the demo is meant to show, at this now.
mk deadlines --json
check_ok
json_py '
eq([(c["key"], c["clock"], c["state"], c["due"]) for c in d["deadlines"]], [
  ("MK-2026-0009", "ap-72h", "overdue", "2026-12-03T09:25:00Z"),
  ("MK-2026-0012", "golden-hour", "running", "2026-12-04T10:20:00Z"),
  ("MK-2026-0008", "subjects-7d", "running", "2026-12-06T13:05:00Z"),
  ("MK-2026-0011", "ap-72h", "running", "2026-12-06T16:05:00Z"),
  ("MK-2026-0009", "subjects-7d", "running", "2026-12-07T09:25:00Z"),
  ("MK-2026-0010", "subjects-7d", "running", "2026-12-09T05:50:00Z"),
  ("MK-2026-0011", "subjects-7d", "running", "2026-12-10T16:05:00Z"),
  ("MK-2026-0004", "evaluation", "running", "2026-12-30T10:15:00Z")], "deadlines")
eq((d["pending"], d["overdue"]), (8, 1), "counts")
'
# The breach register: every incident with personal data has its breach,
# in the state its story says.
mk breach register --json
check_ok
json_py '
eq([(r["key"], r["ap_status"], r["ap_reference"], r["breach"]["risk"], r["breach"]["inform"]["decision"]) for r in d], [
  ("MK-2026-0001", "definitief gemeld", "M-2026-11873", "hoog", "ja"),
  ("MK-2026-0003", "definitief gemeld", "M-2026-12054", "hoog", "ja"),
  ("MK-2026-0008", "voorlopig gemeld", "M-2026-12711", "laag", "ja"),
  ("MK-2026-0009", "niet gemeld", None, None, None),
  ("MK-2026-0010", "voorlopig gemeld", "M-2026-12790", "hoog", None),
  ("MK-2026-0011", "niet gemeld", None, None, None)], "breaches")
eq(d[1]["breach"]["inform"]["informed_at"], "2026-11-14T10:00:00Z", "USB stick: letters sent")
'
mk breach register
check_eq "MK-2026-0009 overdue in the register" "ja (nog niet gemeld)" "$(python3 -c '
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.stdin.read())))
print([r for r in rows if r["incident"] == "MK-2026-0009"][0]["ap_te_laat"])' <"$T/out")"

# Clocks that were met, and an evaluation window that has not opened.
mk incident show MK-2026-0001 --json
json_py '
c = {x["clock"]: x["state"] for x in d["clocks"]}
eq(c, {"golden-hour": "ended", "ap-72h": "met", "subjects-7d": "met", "evaluation": "met", "retention": "running"}, "laptop clocks")
'
mk incident show MK-2026-0003 --json
json_py '
c = {x["clock"]: x["state"] for x in d["clocks"]}
eq((c["ap-72h"], c["subjects-7d"], c["evaluation"]), ("met", "met", "not-yet"), "USB stick clocks")
'
mk incident show MK-2026-0010 --json
json_py '
c = {x["clock"]: (x["state"], x["met_at"]) for x in d["clocks"]}
eq(c["ap-72h"], ("met", "2026-12-02T18:00:00Z"), "ransomware AP pre-notification")
'

# The KPIs, exercise left out. Durations from the script, in seconds:
# detection lag (detected - occurred) of the 11 real incidents: 900,
# 58200, 18360, 300, 1080, 19200, 227100, 1800, 1800, 11100, 120
# (sum 339960, avg 30905.5 -> 30905). Containment (contained - detected)
# of the six contained ones: 46500, 106500, 24000, 3600, 12600, 1800
# (avg 32500). Report to resolution of the five resolved ones: 615000,
# 1209900 (resolved when closed), 357300, 6000, 258000 (avg 489240).
mk report kpi --json
check_ok
json_py '
eq(d["incidents"], 11, "incidents")
eq(d["exercises_excluded"], 1, "exercises")
eq(d["with_personal_data"], 6, "personal data")
eq(d["with_citizen_impact"], 7, "citizen impact")
eq(d["by_category"], {"Diensten van derden": 1, "Facilitaire structuren en omgeving": 1,
  "Gegevens en gegevensdragers": 2, "Onopzettelijk foutief handelen": 1,
  "Onopzettelijk foutief handelen van gebruikers": 1, "Opzettelijk foutief handelen van gebruikers": 1,
  "Problemen met programmatuur": 3, "Technisch falen van apparatuur door externe invloeden": 1}, "categories")
eq(d["by_priority"], {"none": 0, "P1": 3, "P2": 5, "P3": 2, "P4": 1}, "priorities")
eq(d["by_phase"], {"detectie": 1, "initiatie": 1, "analyse": 2, "indammen": 1, "oplossen": 1,
  "herstel": 1, "remediatie": 1, "afsluiten": 2, "evaluatie": 1}, "phases (exercise left out)")
eq(d["detection_lag_s"], {"n": 11, "min": 120, "avg": 30905, "max": 227100}, "detection lag")
eq(d["containment_s"], {"n": 6, "min": 1800, "avg": 32500, "max": 106500}, "containment")
eq(d["report_to_resolution_s"], {"n": 5, "min": 6000, "avg": 489240, "max": 1209900}, "report to resolution")
'

# --- a second run adds nothing ------------------------------------------------

snapshot
seed "$DB"
check_status 1
check_err "demo-seed: '$DB' already holds incidents; the demo set goes only into a new database"
check_out_empty
check_db_unchanged

# A file that is not a meldkamer database is refused as well, untouched.
printf 'not a database\n' >"$T/other.db"
seed "$T/other.db"
check_status 1
check_err_has "demo-seed: cannot read '$T/other.db'"
check_eq "foreign file" "not a database" "$(cat "$T/other.db")"

# --- New Year's night: two years of keys, steps on both sides of midnight ----

export MK_DEMO_NOW=2027-01-01T01:00:00+01:00 MELDKAMER_NOW=2027-01-01T01:00:00+01:00
seed "$T/newyear.db"
check_ok
mk --db "$T/newyear.db" log verify
check_ok
check_out "12 logbooks verified: 12 intact, 0 broken; register intact"
mk --db "$T/newyear.db" incident list --limit 50 --json
json_py '
eq(sorted(i["key"] for i in d["incidents"]), ["MK-2026-%04d" % n for n in range(1, 12)] + ["MK-2027-0001"], "keys")
eq(sorted(i["phase"] for i in d["incidents"]), ["afsluiten"] * 3 + ["analyse"] * 2 +
   ["detectie", "evaluatie", "herstel", "indammen", "initiatie", "oplossen", "remediatie"], "phases")
'
mk --db "$T/newyear.db" deadlines --json
json_py '
eq(sorted((c["key"], c["clock"], c["state"]) for c in d["deadlines"] if c["state"] == "overdue" or c["clock"] != "subjects-7d"), [
  ("MK-2026-0004", "evaluation", "running"), ("MK-2026-0009", "ap-72h", "overdue"),
  ("MK-2026-0011", "ap-72h", "running"), ("MK-2027-0001", "golden-hour", "running")], "clocks")
'

finish
