#!/bin/bash
# intake alerts collapses repeats within the window (to the second: one
# hour after the last alert joins, one second more starts a new group),
# promotes groups at or above --promote-severity, and `alert list|show|
# promote` show and promote them; a group promoted twice is refused.
. "$(dirname "$0")/lib.sh"
init_db
R=$MK_FIXTURES/alerts/repeat.jsonl

mk intake alerts --promote-severity high "$R"
check_ok
check_out "$R: 5 alerts taken (3 new groups, 2 joined a group), 0 already there, 1 other events skipped, 0 bad lines, 1 groups promoted"

mk alert list
check_ok
check_out "GROUP  SEVERITY  COUNT  FIRST SEEN            LAST SEEN             INCIDENT      SOURCE -> DESTINATION  SIGNATURE
2      medium    1      2026-10-24 12:30 CEST 2026-10-24 12:30 CEST -             203.0.113.7:40004 -> 192.168.1.10:22  ET SCAN Potential SSH Scan
1      medium    3      2026-10-24 10:00 CEST 2026-10-24 11:30 CEST -             203.0.113.7:40001 -> 192.168.1.10:22  ET SCAN Potential SSH Scan
3      high      1      2026-10-24 08:05 CEST 2026-10-24 08:05 CEST MK-2026-0001  192.168.1.20:50000 -> 198.51.100.66:443  ET MALWARE Beacon"

mk alert list --json
check_ok
json_py 'eq([(g["id"], g["count"], g["first_seen"], g["last_seen"], g["severity"], g["severity_orig"], g["incident"]) for g in d], [(2, 1, "2026-10-24T10:30:01Z", "2026-10-24T10:30:01Z", 2, "2", None), (1, 3, "2026-10-24T08:00:00Z", "2026-10-24T09:30:00Z", 2, "2", None), (3, 1, "2026-10-24T06:05:00Z", "2026-10-24T06:05:00Z", 3, "1", "MK-2026-0001")])'

mk alert show 1
check_ok
check_out "alert group 1  ET SCAN Potential SSH Scan
source suricata (ids-ips), signature id 2001219
severity medium (original 2)
203.0.113.7:40001 -> 192.168.1.10:22  proto TCP
3 alerts, first seen 2026-10-24 10:00 CEST, last seen 2026-10-24 11:30 CEST
incident - (not promoted)

alerts (the first 20):
  2026-10-24 10:00 CEST  $R:1
  2026-10-24 10:30 CEST  $R:2
  2026-10-24 11:30 CEST  $R:3"
mk alert show 1 --json
json_py 'eq([d["kind"], d["detection"], d["signature_id"], d["src_ip"], d["dst_port"], len(d["alerts"]), d["alerts"][2]["line"]], ["suricata", "ids-ips", "2001219", "203.0.113.7", 22, 3, 3])'

mk alert promote 1
check_ok
check_out "alert group 1 is now MK-2026-0002"
check_eq "incident" "Alert: ET SCAN Potential SSH Scan|ids-ips|alert-group:1" "$(sql "SELECT title, source, source_ref FROM incident WHERE key = 'MK-2026-0002'")"
refused 1 "meldkamer alert promote: alert group 1 was promoted already: it is MK-2026-0002" alert promote 1
refused 2 "meldkamer alert promote: alert group 9 does not exist" alert promote 9
refused 2 "meldkamer alert promote: alert group 'x' is not a number (see 'meldkamer alert promote --help')" alert promote x
refused 2 "meldkamer alert show: alert group 9 does not exist" alert show 9

# The same file again with a window of 30 minutes: the 08:30 and 09:30
# alerts are an hour apart, so group 1 would not take the third.
rm -f "$DB" "$DB"-*
init_db
mk intake alerts --window 30m "$R"
check_ok
check_out "$R: 5 alerts taken (4 new groups, 1 joined a group), 0 already there, 1 other events skipped, 0 bad lines, 0 groups promoted"

finish
