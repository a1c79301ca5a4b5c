#!/bin/bash
# intake mail on standard input (an MTA pipe): a failure that may pass by
# itself, the database held locked by another process, exits 75
# (EX_TEMPFAIL) so the MTA keeps the message and tries again; nothing is
# written, and the retry after the lock is gone takes it. A permanent
# failure (a read-only database) is exit 1, a bad message exit 2, as
# before; files named on the command line keep 1 and 2 also when busy.
. "$(dirname "$0")/lib.sh"
MAIL=$MK_SOURCE_ROOT/tests/intake/mail
M=$MAIL/return-path-two-at.eml
init_db

# Another process holds the write lock (sqlite3 in a transaction) until
# it is told to stop.
hold_lock() {
	rm -f "$T/locked" "$T/release"
	{
		echo "BEGIN IMMEDIATE;"
		echo "DELETE FROM login_failure;"
		echo ".shell touch '$T/locked'"
		while [ ! -e "$T/release" ]; do sleep 0.05; done
		echo "ROLLBACK;"
	} | sqlite3 -batch "$DB" &
	LOCKER=$!
	for _ in $(seq 200); do [ -e "$T/locked" ] && break; sleep 0.05; done
	[ -e "$T/locked" ] || fail "sqlite3 did not take the lock"
}
release_lock() {
	touch "$T/release"
	wait "$LOCKER"
}

hold_lock
snapshot_count=$(sql "SELECT count(*) FROM incident")
start=$(date +%s%N)
mk_stdin "$M" intake mail --busy-timeout 300
end=$(date +%s%N)
check_status 75
check_err "meldkamer intake mail: database '$DB' is busy: another process kept it locked for more than 300 ms while starting a transaction"
check_out_empty
CHECKS=$((CHECKS + 1))
[ $(((end - start) / 1000000)) -lt 5000 ] || fail "waited $(((end - start) / 1000000)) ms, not about 300"

# Files named by hand: the same lock is a failure (1), not a deferral.
mk intake mail --busy-timeout 200 "$M"
check_status 1
check_err_has "is busy: another process kept it locked for more than 200 ms"
release_lock
check_eq "nothing written" "$snapshot_count" "$(sql "SELECT count(*) FROM incident")"

# The MTA's retry, after the lock is gone, takes the message.
mk_stdin "$M" intake mail --busy-timeout 300
check_ok
check_out "MK-2026-0001  (standard input)  info@mail.nieuwsbrief.example  9 observables
taken 1, already there 0, failed 0"

# A bad message is bad input: the MTA may bounce it (2).
printf 'not a mail at all' >"$T/junk"
mk_stdin "$T/junk" intake mail
check_status 2

# Bad option values are usage errors.
refused 2 "meldkamer intake mail: --busy-timeout 'soon' is not a number of milliseconds from 1 to 600000" intake mail --busy-timeout soon
refused 2 "meldkamer intake mail: --busy-timeout '0' is not a number of milliseconds from 1 to 600000" intake mail --busy-timeout 0

# A read-only database is no passing trouble: exit 1, so the mail is not
# retried for ever.
as_unprivileged
chmod 777 "$T"
chmod 444 "$DB"
rm -f "$DB"-wal "$DB"-shm
snapshot
mk_stdin "$M" intake mail
check_status 1
check_err "meldkamer intake mail: database '$DB' is read-only: cannot write while opening for writing (check the permissions of the file and its folder)"
MK_WRAP=()
check_db_unchanged

finish
