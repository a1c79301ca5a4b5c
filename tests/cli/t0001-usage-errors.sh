#!/bin/bash
# The command table: help, version, unknown commands and options, missing
# option values. Bad usage exits 2 and says so on stderr; help exits 0 on
# stdout.
. "$(dirname "$0")/lib.sh"

COMMANDS=("init" "incident new" "incident list" "incident show" "incident edit"
	"incident assess" "incident phase" "incident close" "task done" "task na"
	"task list" "log add" "log list" "log verify" "decision add" "decision list"
	"matrix list" "deadlines" "search" "report kpi" "import veris" "export json")

# No command at all: the overview, on stderr, exit 2.
mk
check_status 2
check_out_empty
check_err_has "usage: meldkamer COMMAND [options]"

# The overview lists every command of the table.
for opt in --help -h help; do
	mk $opt
	check_ok
	check_out_has "usage: meldkamer COMMAND [options]"
done
for c in "${COMMANDS[@]}"; do
	check_out_has "  $c "
done

mk --version
check_ok
check_out "meldkamer 0.1.0"

# Every command has its own help, on stdout, exit 0, without a database.
for c in "${COMMANDS[@]}"; do
	# shellcheck disable=SC2086
	mk $c --help
	check_ok
	check_out_has "usage: meldkamer $c"
	check_out_has "common options:"
done
[ ! -e "$DB" ]
check_eq "no database created by --help" 0 $?

mk frobnicate
check_status 2
check_err "meldkamer: unknown command 'frobnicate' (see 'meldkamer --help')"

mk incident
check_status 2
check_err "meldkamer incident: missing command after 'incident' (see 'meldkamer --help')"

mk incident frobnicate
check_status 2
check_err "meldkamer incident: unknown command 'frobnicate' (see 'meldkamer --help')"

# An unknown option is named by every command, before anything is opened.
init_db
for c in "${COMMANDS[@]}"; do
	snapshot
	# shellcheck disable=SC2086
	mk $c --frobnicate
	check_status 2
	check_err "meldkamer $c: unknown option '--frobnicate' (see 'meldkamer $c --help')"
	check_out_empty
	check_db_unchanged
done

# A missing value is named.
for c in "${COMMANDS[@]}"; do
	# shellcheck disable=SC2086
	mk $c --db
	check_status 2
	check_err "meldkamer $c: option '--db' needs a value (see 'meldkamer $c --help')"
done
mk incident new --title
check_status 2
check_err "meldkamer incident new: option '--title' needs a value (see 'meldkamer incident new --help')"
mk incident list --limit
check_status 2
check_err "meldkamer incident list: option '--limit' needs a value (see 'meldkamer incident list --help')"

# A bad role or clock in the environment is refused before any command runs.
MELDKAMER_ROLE=koning mk incident list
check_status 2
check_err "meldkamer: MELDKAMER_ROLE 'koning' is unknown: use one of melder, servicedesk, behandelaar, incidentmanager, ciso, fg, directie, auditor, admin"
MELDKAMER_NOW=gisteren mk incident list
check_status 2
check_err_has "meldkamer: MELDKAMER_NOW 'gisteren' is not a date and time"
mk incident list --role koning
check_status 2
check_err "meldkamer incident list: role 'koning' is unknown: use one of melder, servicedesk, behandelaar, incidentmanager, ciso, fg, directie, auditor, admin"

finish
