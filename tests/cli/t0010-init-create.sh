#!/bin/bash
# init creates a database, a second init finds it up to date; --db,
# MELDKAMER_DB and the default ./meldkamer.db; read commands on a missing
# database point at init.
. "$(dirname "$0")/lib.sh"

# Read commands do not create a database.
mk incident list
check_status 2
check_err "meldkamer incident list: no database at '$DB': create one with 'meldkamer init --db $DB'"
check_out_empty
[ ! -e "$DB" ]
check_eq "no database file after a read command" 0 $?

mk init
check_ok
check_out_has "created database '$DB' (schema $MK_SCHEMA): notification matrix 75 rows, checklist 45 tasks"
check_out_has "created signing key '$DB.signing-key' (SHA256:"
check_eq "the signing key is readable by its owner only" 600 "$(stat -c %a "$DB.signing-key")"
[ -f "$DB" ]
check_eq "database file exists" 0 $?
check_eq "readable by its owner alone, whatever the umask" 600 "$(umask 000; stat -c %a "$DB")"
(umask 000; "$MK_BIN" init --db "$T/open.db" >/dev/null)
check_eq "also made under umask 000" 600 "$(stat -c %a "$T/open.db")"
check_eq "application_id (MKDB)" 1296778306 "$(sql 'PRAGMA application_id')"
check_eq "user_version" "$MK_SCHEMA" "$(sql 'PRAGMA user_version')"
check_eq "journal mode" wal "$(sql 'PRAGMA journal_mode')"
check_eq "default tables, version 1" "checklist|1
impact|1
matrix|1" "$(sql 'SELECT name, version FROM config_table ORDER BY name')"
check_eq "created_by" tester "$(sql "SELECT DISTINCT created_by FROM config_table")"
check_eq "created_at (MELDKAMER_NOW)" 1792836000 "$(sql "SELECT DISTINCT created_at FROM config_table")"

# Twice is fine and changes nothing.
snapshot
mk init
check_ok
check_out "up to date: database '$DB' (schema $MK_SCHEMA): notification matrix 75 rows, checklist 45 tasks"
check_db_unchanged

mk init --json
check_ok
json_py '
key = d.pop("signing_key")
eq(key["created"], False, "the key is made once")
eq(len(key["fingerprint"]), 46, "fingerprint length")
eq(d, {"database": "'"$DB"'", "created": False, "schema_version": '"$MK_SCHEMA"', "upgraded_from": None, "matrix_rows": 75,
       "checklist_tasks": 45, "checklist_version": 1})
'

# --db wins over MELDKAMER_DB.
mk init --db "$T/other.db" --json
check_ok
json_py 'eq(d["created"], True, "created"); eq(d["database"], "'"$T/other.db"'", "database")'
[ -f "$T/other.db" ]
check_eq "--db file exists" 0 $?

# Without either, ./meldkamer.db.
mkdir "$T/cwd" && cd "$T/cwd" || exit 1
unset MELDKAMER_DB
mk init
check_ok
check_out_has "created database 'meldkamer.db' (schema $MK_SCHEMA): notification matrix 75 rows, checklist 45 tasks"
[ -f "$T/cwd/meldkamer.db" ]
check_eq "./meldkamer.db exists" 0 $?
mk incident new --title "In de werkmap"
check_ok
check_out "MK-2026-0001"
cd "$T" || exit 1

# An empty file is an empty SQLite database: init makes it meldkamer's,
# read commands refuse it.
: >"$T/empty.db"
mk incident list --db "$T/empty.db"
check_status 1
check_err "meldkamer incident list: '$T/empty.db' is empty, not a meldkamer database: run 'meldkamer init'"
mk init --db "$T/empty.db"
check_ok
check_out_has "created database '$T/empty.db' (schema $MK_SCHEMA): notification matrix 75 rows, checklist 45 tasks"

finish
