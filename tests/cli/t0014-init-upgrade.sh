#!/bin/bash
# A database of schema 1 (before accounts) is upgraded to the current schema ($MK_SCHEMA in lib.sh) by
# init, which says so; read commands ask for the upgrade first; the
# upgrade keeps what was there.
. "$(dirname "$0")/lib.sh"

sqlite3 -batch "$DB" <"$MK_SOURCE_ROOT/src/store/migrations/0001-initial.sql"
sql "PRAGMA user_version = 1; PRAGMA application_id = 1296778306; PRAGMA journal_mode = WAL" >/dev/null

snapshot
mk incident list
check_status 1
check_err "meldkamer incident list: database '$DB' has schema version 1 and needs an upgrade: run 'meldkamer init --db $DB'"
check_db_unchanged

mk init
check_ok
check_out_has "upgraded database '$DB' from schema 1 to $MK_SCHEMA: notification matrix 75 rows, checklist 45 tasks"
# The upgrade makes the installation's signing key too (doc/custody.md).
check_out_has "created signing key '$DB.signing-key' (SHA256:"
check_eq "user_version" "$MK_SCHEMA" "$(sql 'PRAGMA user_version')"
check_eq "the new tables" "account
account_audit
api_token
incident_team
login_failure
session" "$(sql "SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('account', 'account_audit', 'api_token', 'incident_team', 'login_failure', 'session') ORDER BY name")"
check_eq "incident.reporter_account" 1 "$(sql "SELECT count(*) FROM pragma_table_info('incident') WHERE name = 'reporter_account'")"

new_incident --title "Na de upgrade"
mk init --json
check_ok
json_py 'eq(d["upgraded_from"], None); eq(d["schema_version"], '"$MK_SCHEMA"'); eq(d["created"], False)'
check_out_has '"created": false'

# --json names the version it upgraded from.
sqlite3 -batch "$T/old.db" <"$MK_SOURCE_ROOT/src/store/migrations/0001-initial.sql"
sqlite3 -batch "$T/old.db" "PRAGMA user_version = 1; PRAGMA application_id = 1296778306" >/dev/null
mk init --db "$T/old.db" --json
check_ok
json_py 'eq(d["upgraded_from"], 1); eq(d["schema_version"], '"$MK_SCHEMA"'); eq(d["created"], False)'

finish
