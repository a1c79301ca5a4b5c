#!/bin/sh
# Takes the real alert files (../shared/data/alerts: Suricata eve.json
# and Wazuh alerts.json) through `meldkamer intake alerts` and asserts the
# exact counts and a few named groups. The expected values were computed
# independently by tools/alert-groups-reference.py (its own reading of
# doc/alerts.md in Python) and are written out here, not read from it.
set -eu
M=$1
DATA=${MK_SHARED_DATA:-}
if [ -z "$DATA" ] || [ ! -d "$DATA/alerts" ]; then
	echo "skipped: the shared alert files are not at '${DATA:-../shared/data}/alerts'"
	exit 77
fi
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
export MELDKAMER_DB="$DIR/t.db" MELDKAMER_USER=test MELDKAMER_NOW=2026-12-03T12:00:00Z

"$M" init >/dev/null
"$M" intake alerts --json --promote-severity critical "$DATA/alerts/suricata_eve.jsonl" \
	"$DATA/alerts/wazuh_alerts.jsonl" >"$DIR/intake.json"
"$M" alert list --json >"$DIR/groups.json"
# The same files again: every alert already there, no group changed.
"$M" intake alerts --json "$DATA/alerts/suricata_eve.jsonl" "$DATA/alerts/wazuh_alerts.jsonl" \
	>"$DIR/again.json"
"$M" alert list --json >"$DIR/groups-again.json"
# The register is sound afterwards.
"$M" log verify >/dev/null

python3 - "$DIR" <<'PY'
import json, sys
d = sys.argv[1]
intake = json.load(open(d + "/intake.json"))
groups = {g["id"]: g for g in json.load(open(d + "/groups.json"))}
fail = []
def eq(what, got, want):
    if got != want:
        fail.append("%s: got %r, want %r" % (what, got, want))
s, w = intake["files"]
# 213 lines: 184 alerts, 29 other events (22 dns, 3 flow, http, fileinfo,
# tls, ldap); every alert a group of its own (no two share signature and
# endpoints within an hour).
eq("suricata", [s["alerts"], s["skipped"], s["bad"], s["groups_new"], s["joined"]],
   [184, 29, 0, 184, 0])
# 51 lines: all alerts (13 of them rule 86601, unwrapped), 14 groups.
eq("wazuh", [w["alerts"], w["skipped"], w["bad"], w["groups_new"], w["joined"]],
   [51, 0, 0, 14, 37])
eq("groups", len(groups), 198)
eq("promoted", s["promoted"] + w["promoted"], 0)  # nothing reaches critical
eq("severities", sorted((sev, sum(1 for g in groups.values() if g["severity"] == sev))
                        for sev in (1, 2, 3, 4)), [(1, 33), (2, 91), (3, 74), (4, 0)])
named = {
    1: ("ET SCAN Potential SSH Scan", 1, "2015-03-29T17:01:38Z", "2015-03-29T17:01:38Z"),
    137: ("ET SCAN Potential SSH Scan", 1, "2019-01-02T03:50:11Z", "2019-01-02T03:50:11Z"),
    185: ("First time this IDS alert is generated.", 4, "2020-03-04T13:55:05Z",
          "2020-03-04T14:02:56Z"),
    186: ("ET WEB_SERVER ColdFusion administrator access", 5, "2020-03-04T13:56:40Z",
          "2020-03-04T14:01:47Z"),
    195: ("Dovecot brute force attack (multiple auth failures).", 5, "2020-03-04T14:14:37Z",
          "2020-03-04T14:16:01Z"),
}
for gid, want in named.items():
    g = groups.get(gid, {})
    eq("group %d" % gid, (g.get("signature"), g.get("count"), g.get("first_seen"),
                          g.get("last_seen")), want)
eq("group 186 source", (groups[186]["kind"], groups[186]["detection"], groups[186]["severity"]),
   ("suricata", "ids-ips", 3))
eq("group 195 source", (groups[195]["kind"], groups[195]["detection"], groups[195]["src_ip"]),
   ("wazuh", "siem-soc", "127.0.0.1"))
again = json.load(open(d + "/again.json"))["files"]
eq("again", [[f["alerts"], f["already"], f["skipped"], f["bad"]] for f in again],
   [[0, 184, 29, 0], [0, 51, 0, 0]])
eq("groups unchanged", json.load(open(d + "/groups-again.json")), list(json.load(open(d + "/groups.json"))))
if fail:
    print("\n".join(fail))
    sys.exit(1)
print("alerts: 235 taken, 29 skipped, 198 groups as the reference says; again: 235 already there")
PY
