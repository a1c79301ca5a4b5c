#!/bin/bash
# init and every other command refuse a file that is not a meldkamer
# database, and leave it byte for byte as it was: another application's
# SQLite database, random bytes, a folder, a database from a newer
# meldkamer.
. "$(dirname "$0")/lib.sh"

# Another application's SQLite database.
sqlite3 "$T/other.db" "CREATE TABLE klant (naam TEXT); INSERT INTO klant VALUES ('Jansen');"
cp "$T/other.db" "$T/other.orig"
for args in "init" "incident list" "incident new --title x" "report kpi" "matrix list"; do
	# shellcheck disable=SC2086
	mk $args --db "$T/other.db"
	check_status 1
	check_err "meldkamer $(echo "$args" | sed 's/ --title x//'): '$T/other.db' is an SQLite database but not a meldkamer database"
	check_out_empty
done
cmp -s "$T/other.db" "$T/other.orig"
check_eq "the other database is untouched" 0 $?
[ ! -e "$T/other.db-wal" ]
check_eq "no -wal file left beside it" 0 $?
check_eq "its data" "Jansen" "$(sqlite3 "$T/other.db" 'SELECT naam FROM klant')"

# Random bytes.
head -c 8192 /dev/urandom >"$T/random.db"
printf 'not SQLite' | dd of="$T/random.db" conv=notrunc status=none
cp "$T/random.db" "$T/random.orig"
for args in "init" "incident list" "log verify"; do
	# shellcheck disable=SC2086
	mk $args --db "$T/random.db"
	check_status 1
	check_err_has "database '$T/random.db' is damaged or not a database (file is not a database)"
	check_out_empty
done
cmp -s "$T/random.db" "$T/random.orig"
check_eq "the random file is untouched" 0 $?

# A text file that happens to be named .db.
printf 'gemeente;incident\n' >"$T/text.db"
mk init --db "$T/text.db"
check_status 1
check_err_has "is damaged or not a database"
check_eq "text file untouched" 'gemeente;incident' "$(cat "$T/text.db")"

# A folder.
mkdir "$T/folder.db"
mk init --db "$T/folder.db"
check_status 1
check_err "meldkamer init: '$T/folder.db' is not a regular file"

# A folder that does not exist.
mk init --db "$T/nowhere/mk.db"
check_status 1
check_err "meldkamer init: cannot create database '$T/nowhere/mk.db': No such file or directory"
[ ! -e "$T/nowhere" ]
check_eq "no folder created" 0 $?

# A meldkamer database of a newer schema.
mk init
check_ok
sql "PRAGMA user_version = 99"
snapshot
for args in "init" "incident list" "incident new --title x"; do
	# shellcheck disable=SC2086
	mk $args
	check_status 1
	check_err_has "database '$DB' has schema version 99, newer than this meldkamer ($MK_SCHEMA): upgrade meldkamer"
done
check_db_unchanged

finish
