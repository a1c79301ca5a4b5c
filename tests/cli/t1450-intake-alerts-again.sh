#!/bin/bash
# intake alerts recognises an alert already taken by the SHA-256 of its
# line (doc/alerts.md "Alerts already taken"): the same file fed again
# takes nothing and counts every alert as already there; a file that
# grew takes only its new lines; the same line twice in one file is one
# alert. A folder, a device or a FIFO is refused (exit 2) without a
# write, and the regular files beside it are still taken.
. "$(dirname "$0")/lib.sh"
init_db
R=$MK_FIXTURES/alerts/repeat.jsonl

mk intake alerts "$R"
check_ok
check_out "$R: 5 alerts taken (3 new groups, 2 joined a group), 0 already there, 1 other events skipped, 0 bad lines, 0 groups promoted"
groups_before=$(sql "SELECT group_concat(id || ':' || count || ':' || first_seen || ':' || last_seen, ' ') FROM alert_group")

snapshot
mk intake alerts --promote-severity high "$R"
check_ok
check_out "$R: 0 alerts taken (0 new groups, 0 joined a group), 5 already there, 1 other events skipped, 0 bad lines, 0 groups promoted"
check_db_unchanged
check_eq "groups" "$groups_before" "$(sql "SELECT group_concat(id || ':' || count || ':' || first_seen || ':' || last_seen, ' ') FROM alert_group")"

# The key is the SHA-256 of the line's bytes without its line ending,
# computed here by sha256sum.
want=$(sed -n 1p "$R" | tr -d '\n' | sha256sum | cut -d' ' -f1)
check_eq "line 1's hash" "$want" "$(sql "SELECT lower(hex(sha256)) FROM alert WHERE line = 1")"
check_eq "every alert a hash, 32 bytes" "5|5|blob|32" "$(sql "SELECT count(*), count(DISTINCT sha256), typeof(sha256), length(sha256) FROM alert")"

# The file grew by one alert (and the same line twice): only the new one
# goes in, and joins its group.
cp "$R" grown.jsonl
line='{"timestamp":"2026-10-24T09:00:00.000000+0000","event_type":"alert","src_ip":"203.0.113.7","src_port":40009,"dest_ip":"192.168.1.10","dest_port":22,"proto":"TCP","alert":{"signature_id":2001219,"signature":"ET SCAN Potential SSH Scan","severity":2,"category":"Test"}}'
printf '%s\n%s\r\n' "$line" "$line" >>grown.jsonl
mk intake alerts --json grown.jsonl
check_ok
json_py 'f = d["files"][0]; eq([f["alerts"], f["already"], f["groups_new"], f["joined"], f["skipped"], f["bad"]], [1, 6, 0, 1, 1, 0])'
check_eq "group 1" "4" "$(sql "SELECT count FROM alert_group WHERE id = 1")"
check_eq "alerts" "6" "$(sql "SELECT count(*) FROM alert")"

# A folder is no alert file.
mkdir feed
cp "$R" feed/a.jsonl
refused 2 "meldkamer intake alerts: 'feed' is a folder, not an alert file: give the .jsonl files in it (feed/*.jsonl)" intake alerts feed
check_err "meldkamer intake alerts: 'feed' is a folder, not an alert file: give the .jsonl files in it (feed/*.jsonl)"
refused 2 "meldkamer intake alerts: '/dev/null' is not a regular file: give a .jsonl file" intake alerts /dev/null
# A FIFO is refused at once, not waited on for a writer.
mkfifo pipe.jsonl
refused 2 "meldkamer intake alerts: 'pipe.jsonl' is not a regular file: give a .jsonl file" intake alerts pipe.jsonl

# A folder among files: the files are taken, the folder named, exit 2.
printf '%s\n' "${line/09:00:00/09:10:00}" >new.jsonl
mk intake alerts new.jsonl feed
check_status 2
check_out "new.jsonl: 1 alerts taken (0 new groups, 1 joined a group), 0 already there, 0 other events skipped, 0 bad lines, 0 groups promoted"
check_err "meldkamer intake alerts: 'feed' is a folder, not an alert file: give the .jsonl files in it (feed/*.jsonl)"
check_eq "alerts" "7" "$(sql "SELECT count(*) FROM alert")"

# A database of schema 3 (before the hashes) in which a file was fed
# twice: the upgrade hashes the first of each text and leaves the copy
# without one (counted as it was); after it, the file is recognised.
rm -f "$DB" "$DB"-*
init_db
mk intake alerts "$R"
sql "$SCHEMA_BACK_TO_3
     INSERT INTO alert (group_id, at, raw, file, line) SELECT group_id, at, raw, file, line FROM alert WHERE line = 1;
     PRAGMA user_version = 3" >/dev/null
mk init
check_ok
check_out "upgraded database '$DB' from schema 3 to 7: notification matrix 75 rows, checklist 45 tasks"
check_eq "hashed" "6|5|$want" "$(sql "SELECT count(*), count(sha256), (SELECT lower(hex(sha256)) FROM alert WHERE id = 1) FROM alert")"
check_eq "the copy" "6||1" "$(sql "SELECT id, sha256, line FROM alert WHERE sha256 IS NULL")"
mk intake alerts "$R"
check_ok
check_out "$R: 0 alerts taken (0 new groups, 0 joined a group), 5 already there, 1 other events skipped, 0 bad lines, 0 groups promoted"

finish
