#!/bin/bash
# KNOWN BUG (should_fail in meson.build): an assessment that changes
# nothing (the event type the incident already has) succeeds, raises the
# version and updated_at, and writes no logbook entry: a change to the
# record that the logbook does not show, and a spurious conflict for
# anyone holding --if-version. Like `incident edit` with nothing to
# change, it must leave the database exactly as it was (refused with
# exit 2 "nothing to change", or accepted as a no-op).
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Normaal incident"

snapshot
MELDKAMER_NOW="2026-10-24 13:00" mk incident assess "$KEY" --event-type normaal
case $STATUS in
0 | 2) pass ;;
*) fail "exit status: expected 0 or 2, got $STATUS" ;;
esac
check_db_unchanged
check_eq "version and log entries" "1|1" "$(sql "SELECT version, log_count FROM incident WHERE key = '$KEY'")"

finish
