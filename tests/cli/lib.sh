# Helpers for the black-box tests of the command line (STYLE.md "Tests":
# numbered scripts that run the real binary in a fresh directory and check
# stdout, stderr and the exit status). Every tNNNN script sources this file
# first and calls `finish` last.
#
# The environment comes from tests/cli/meson.build:
#   MK_BIN       the meldkamer binary under test (required)
#   MK_FIXTURES  tests/cli/fixtures (hand-made VERIS records)
#
# What a script gets:
#   $T            its own temporary directory, also the working directory;
#                 removed at exit
#   $DB           $T/mk.db, exported as MELDKAMER_DB
#   MELDKAMER_NOW 2026-10-24T12:00 (Amsterdam, = 10:00Z) unless the script
#                 sets another; MELDKAMER_USER=tester; no MELDKAMER_ROLE
#                 (servicedesk)
#
#   mk ARGS...        runs meldkamer; stdout in $T/out ($OUT), stderr in
#                     $T/err ($ERR), exit status in $STATUS
#   mk_stdin FILE ARGS...   the same with FILE on standard input
#   check_status N, check_out TEXT, check_out_has TEXT, check_err TEXT,
#   check_err_has TEXT, check_out_empty, check_err_empty, check_eq WHAT
#   EXPECTED ACTUAL: assertions on the last command
#   json_py CODE      runs python CODE with d = the JSON on stdout of the
#                     last command and eq(actual, expected, what) to assert
#   snapshot / check_db_unchanged   `sqlite3 .dump` of $DB before and after
#   refused N TEXT ARGS...   runs ARGS expecting exit N, TEXT on stderr,
#                     nothing on stdout and the database exactly as before
#   sql QUERY         prints the result of an SQL query on $DB
#   new_incident ARGS...    `incident new` that must succeed; sets $KEY
#   close_incident KEY      containment, step 6 n.v.t., phase afsluiten
set -u

# The schema version this build writes (src/store/migrations): one line to
# change when a migration is added: 0001-0007.
MK_SCHEMA=7

if [ -z "${MK_BIN:-}" ] || [ ! -x "$MK_BIN" ]; then
	echo "MK_BIN must name the meldkamer binary (got '${MK_BIN:-}')" >&2
	exit 1
fi
for tool in sqlite3 python3 cmp; do
	if ! command -v $tool >/dev/null; then
		echo "the cli tests need $tool (Makefile DEB_PACKAGES)" >&2
		exit 1
	fi
done
MK_FIXTURES=${MK_FIXTURES:-$(cd "$(dirname "$0")" && pwd)/fixtures}
TEST_NAME=$(basename "$0" .sh)

T=$(mktemp -d "${TMPDIR:-/tmp}/mkcli.XXXXXX") || exit 1
FINISHED=0
CHECKS=0
FAILS=0
STATUS=
OUT=
ERR=
LAST_ARGS=()
LAST_IN=
MK_WRAP=() # a prefix for the binary, e.g. to run it as another user

cleanup() {
	local rc=$?
	chmod -R u+rwX "$T" 2>/dev/null
	rm -rf "$T"
	if [ "$FINISHED" != 1 ]; then
		echo "$TEST_NAME: the script ended before 'finish' (status $rc)" >&2
		[ "$rc" = 0 ] && rc=1
	fi
	exit "$rc"
}
trap cleanup EXIT
cd "$T" || exit 1

unset MELDKAMER_DB MELDKAMER_NOW MELDKAMER_USER MELDKAMER_ROLE
DB=$T/mk.db
export MELDKAMER_DB=$DB
export MELDKAMER_NOW=2026-10-24T12:00
export MELDKAMER_USER=tester
export LC_ALL=C.UTF-8 PYTHONIOENCODING=utf-8
# python3 for the JSON checks; a version manager's shim can cost 0.2 s a
# call, so the interpreter itself.
if [ -x /usr/bin/python3 ]; then
	PY=/usr/bin/python3
else
	PY=$(python3 -c 'import sys; print(sys.executable)')
fi

# --- running -------------------------------------------------------------

# Shows a command the way a person would retype it; bytes that are not
# printable ASCII as \ooo.
show_cmd() {
	"$PY" -c '
import sys
def q(a):
    b = a.encode("utf-8", "surrogateescape")
    s = "".join(chr(c) if 32 <= c < 127 and c != 39 else "\\%03o" % c for c in b)
    if len(s) > 120:
        s = s[:100] + "...(%d bytes)" % len(b)
    return "\x27" + s + "\x27" if (not s or any(ch in s for ch in " \\\"$*;()")) else s
print(" ".join(q(a) for a in sys.argv[1:]))' "$@"
}

mk() {
	LAST_ARGS=("$@")
	LAST_IN=
	"${MK_WRAP[@]}" "$MK_BIN" "$@" >"$T/out" 2>"$T/err" </dev/null
	STATUS=$?
	OUT=$(<"$T/out")
	ERR=$(<"$T/err")
}

mk_stdin() {
	local input=$1
	shift
	LAST_ARGS=("$@")
	LAST_IN=" < $(basename "$input")"
	"${MK_WRAP[@]}" "$MK_BIN" "$@" >"$T/out" 2>"$T/err" <"$input"
	STATUS=$?
	OUT=$(<"$T/out")
	ERR=$(<"$T/err")
}

# --- assertions ----------------------------------------------------------

fail() {
	FAILS=$((FAILS + 1))
	{
		echo "FAIL: $*"
		echo "  command: $(show_cmd meldkamer "${LAST_ARGS[@]}")$LAST_IN"
		echo "  status:  $STATUS"
		echo "  stdout:  $(printf '%s' "$OUT" | head -c 600 | head -n 8)"
		echo "  stderr:  $(printf '%s' "$ERR" | head -c 600 | head -n 8)"
	} >&2
}

pass() {
	CHECKS=$((CHECKS + 1))
}

check_status() {
	CHECKS=$((CHECKS + 1))
	[ "$STATUS" = "$1" ] || fail "exit status: expected $1, got $STATUS"
}

check_out() {
	CHECKS=$((CHECKS + 1))
	[ "$OUT" = "$1" ] || fail "stdout: expected exactly
---
$1
---"
}

check_err() {
	CHECKS=$((CHECKS + 1))
	[ "$ERR" = "$1" ] || fail "stderr: expected exactly
---
$1
---"
}

check_out_has() {
	CHECKS=$((CHECKS + 1))
	case $OUT in
	*"$1"*) ;;
	*) fail "stdout does not contain '$1'" ;;
	esac
}

check_out_lacks() {
	CHECKS=$((CHECKS + 1))
	case $OUT in
	*"$1"*) fail "stdout contains '$1'" ;;
	esac
}

check_err_has() {
	CHECKS=$((CHECKS + 1))
	case $ERR in
	*"$1"*) ;;
	*) fail "stderr does not contain '$1'" ;;
	esac
}

check_out_empty() {
	CHECKS=$((CHECKS + 1))
	[ -z "$OUT" ] || fail "stdout should be empty"
}

check_err_empty() {
	CHECKS=$((CHECKS + 1))
	[ -z "$ERR" ] || fail "stderr should be empty"
}

# check_eq WHAT EXPECTED ACTUAL
check_eq() {
	CHECKS=$((CHECKS + 1))
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}

# A succeeding command: status 0 and nothing on stderr.
check_ok() {
	check_status 0
	check_err_empty
}

# json_py CODE: d is the JSON document on stdout of the last command;
# eq(actual, expected, what="") records a check. CODE may hold several
# lines (indented by any amount, dedented here).
json_py() {
	local report
	report=$("$PY" - "$T/out" "$1" <<'EOF'
import json, sys, textwrap
checks = 0
fails = []
def eq(actual, expected, what=""):
    global checks
    checks += 1
    if actual != expected:
        fails.append("%s: expected %s, got %s" % (what or "value",
            json.dumps(expected, ensure_ascii=False), json.dumps(actual, ensure_ascii=False)))
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        d = json.load(f)
except Exception as e:
    print("0\nstdout is not JSON: %s" % e)
    sys.exit(0)
try:
    exec(textwrap.dedent(sys.argv[2]).strip("\n"), {"d": d, "eq": eq, "json": json})
except Exception as e:
    fails.append("python check raised %s: %s" % (type(e).__name__, e))
print(checks)
for f in fails:
    print(f)
EOF
)
	local n=${report%%$'\n'*}
	CHECKS=$((CHECKS + n))
	if [ "$report" != "$n" ]; then
		fail "JSON check:
${report#*$'\n'}"
	fi
}

# --- the database --------------------------------------------------------

sql() {
	sqlite3 -batch "$DB" "$1"
}

# The SQL that takes a database of today's schema back to schema 3 (before
# issue 5 and the alert hashes), as a database of that release was: the
# guards 0006 rewrote put back as 0001 and 0003 wrote them, then the tables
# and columns of the migrations after 0003 dropped. Tests of an upgrade
# from 3 run it and set user_version themselves.
SCHEMA_BACK_TO_3="DROP TRIGGER logbook_no_delete; DROP TRIGGER incident_no_delete;
	DROP TRIGGER evidence_no_delete; DROP TRIGGER IF EXISTS logbook_fts_purge;
	CREATE TRIGGER incident_no_delete BEFORE DELETE ON incident
	BEGIN SELECT RAISE(ABORT, 'incidents cannot be deleted'); END;
	CREATE TRIGGER logbook_no_delete BEFORE DELETE ON logbook
	BEGIN SELECT RAISE(ABORT, 'logbook entries are append-only: they cannot be deleted'); END;
	CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
	BEGIN SELECT RAISE(ABORT, 'evidence records are append-only: they cannot be deleted'); END;
	DROP TABLE IF EXISTS hourly_rate; DROP TABLE IF EXISTS time_entry;
	DROP TABLE IF EXISTS other_cost; DROP TABLE IF EXISTS evaluation_answer;
	DROP TABLE IF EXISTS improvement_action; DROP TABLE IF EXISTS evaluation;
	DROP TABLE IF EXISTS legal_hold; DROP TABLE IF EXISTS purged_incident;
	DROP TABLE IF EXISTS purge_log; DROP TABLE IF EXISTS purge_pass;
	DROP TABLE IF EXISTS evidence_access; DROP TABLE IF EXISTS evidence_transfer;
	DROP TABLE IF EXISTS evidence_item; DROP TABLE IF EXISTS ap_notification;
	DROP TABLE IF EXISTS breach; DROP INDEX IF EXISTS alert_sha256;
	ALTER TABLE alert DROP COLUMN sha256;"

# The dump is what counts (a logical comparison); an unchanged file with
# no write-ahead log left beside it is the same database, so the dump is
# taken again only when the bytes differ.
db_same_bytes() {
	[ -f "$T/snapshot.db" ] && cmp -s "$DB" "$T/snapshot.db" && [ ! -s "$DB-wal" ]
}

snapshot() {
	db_same_bytes && return
	cp "$DB" "$T/snapshot.db" 2>/dev/null
	sqlite3 -batch "$DB" .dump >"$T/before.sql" 2>&1
}

check_db_unchanged() {
	CHECKS=$((CHECKS + 1))
	db_same_bytes && return
	sqlite3 -batch "$DB" .dump >"$T/after.sql" 2>&1
	if ! cmp -s "$T/before.sql" "$T/after.sql"; then
		fail "the database changed:
$(diff "$T/before.sql" "$T/after.sql" | head -n 12)"
	fi
}

# refused STATUS TEXT ARGS...: the command is refused with exit STATUS,
# TEXT on stderr, nothing on stdout, and the database exactly as it was.
refused() {
	local want=$1 text=$2
	shift 2
	snapshot
	mk "$@"
	check_status "$want"
	check_err_has "$text"
	check_out_empty
	check_db_unchanged
}

# refused_stdin FILE STATUS TEXT ARGS...
refused_stdin() {
	local input=$1 want=$2 text=$3
	shift 3
	snapshot
	mk_stdin "$input" "$@"
	check_status "$want"
	check_err_has "$text"
	check_out_empty
	check_db_unchanged
}

init_db() {
	mk init
	if [ "$STATUS" != 0 ]; then
		fail "meldkamer init failed"
		finish
	fi
}

# new_incident ARGS...: registers an incident that must succeed; $KEY.
new_incident() {
	mk incident new "$@"
	check_ok
	KEY=$OUT
}

CLOSING_TASKS="6.1 6.2 6.3 6.4a 6.4b 6.4c 6.4d 6.4e 6.4f"

# close_incident KEY: contained now (unless known), the step 6 tasks
# n.v.t., phase afsluiten; each step must succeed.
close_incident() {
	local key=$1 c
	mk incident show "$key" --json
	if ! grep -q '"contained_at": "' "$T/out"; then
		mk incident edit "$key" --contained-at "$MELDKAMER_NOW"
		check_ok
	fi
	for c in $CLOSING_TASKS; do
		# A task the test did itself stays done.
		[ "$(sql "SELECT t.state FROM task t JOIN incident i ON i.id = t.incident_id
			WHERE i.key = '$key' AND t.code = '$c'")" = done ] && continue
		mk task na "$key" "$c" --reason "niet van toepassing in deze test"
		check_ok
	done
	mk incident close "$key" --reason "afgerond in de test"
	check_ok
}

# as_unprivileged: from here on mk runs the binary as a user that file
# permissions apply to (root ignores them): as nobody when the tests run as
# root, as the current user otherwise. Skips the script (exit 77) when
# that is impossible.
as_unprivileged() {
	if [ "$(id -u)" != 0 ]; then
		MK_WRAP=()
		return
	fi
	MK_WRAP=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	chmod 755 "$T"
	if ! "${MK_WRAP[@]}" "$MK_BIN" --version >/dev/null 2>&1 ||
		! "${MK_WRAP[@]}" sh -c 'cd "$1" && ls >/dev/null' sh "$T" 2>/dev/null; then
		echo "$TEST_NAME: skipped: cannot run meldkamer as an unprivileged user" >&2
		FINISHED=1
		exit 77
	fi
}

# --- the end ---------------------------------------------------------------

finish() {
	FINISHED=1
	if [ "$FAILS" -gt 0 ]; then
		echo "$TEST_NAME: $FAILS of $CHECKS checks failed" >&2
		exit 1
	fi
	echo "$TEST_NAME: $CHECKS checks passed"
	exit 0
}
