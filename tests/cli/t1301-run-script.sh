#!/bin/bash
# scripts/run.sh, `make run`: the first start makes the demo database, an
# admin account whose generated password goes once into a file of mode 0600
# and to the screen, and one demo account per role; then it serves (a free
# loopback port here) and /healthz answers. A second start only serves: the
# same incidents, the same password file. A first start that fails leaves
# no database behind.
. "$(dirname "$0")/lib.sh"
ROOT=${MK_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
RUN=$ROOT/scripts/run.sh
unset MELDKAMER_NOW MELDKAMER_USER MELDKAMER_DB
mkdir "$T/site"
SITE=$T/site
PWFILE=$SITE/meldkamer-admin-password.txt
DEMOFILE=$SITE/meldkamer-demo-accounts.txt

if ! "$MK_BIN" user add --help >/dev/null 2>&1 || ! "$MK_BIN" serve --help >/dev/null 2>&1; then
	echo "$TEST_NAME: skipped: this meldkamer has no 'user add' or no 'serve' yet" >&2
	FINISHED=1
	exit 77
fi

PID=
stop_server() {
	[ -n "$PID" ] || return 0
	kill -TERM "$PID" 2>/dev/null
	wait "$PID"
	STATUS=$?
	PID=
}
trap 'rc=$?; stop_server; (exit $rc); cleanup' EXIT

# start [DB]: runs scripts/run.sh in the background on DB (default
# $SITE/meldkamer.db) and a free port; waits (at most 60 s) for the
# server's `serving URL` line.
start() {
	# Emptied here, before the server starts: the loop below must not
	# read the previous start's serving line while the background job has
	# not yet opened (and truncated) the file.
	: >"$T/run.out"
	: >"$T/run.err"
	"$RUN" "$MK_BIN" "${1:-$SITE/meldkamer.db}" 127.0.0.1:0 >"$T/run.out" 2>"$T/run.err" </dev/null &
	PID=$!
	URL=
	for _ in $(seq 600); do
		URL=$(sed -n 's|^meldkamer: serving \(http://[^ ]*/\)$|\1|p' "$T/run.out")
		[ -n "$URL" ] && break
		kill -0 "$PID" 2>/dev/null || break
		sleep 0.1
	done
	OUT=$(<"$T/run.out")
	ERR=$(<"$T/run.err")
	if [ -z "$URL" ]; then
		fail "run.sh did not serve"
		stop_server
		finish
	fi
	pass
}

healthz() {
	"$PY" -c '
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "healthz", timeout=10) as r:
    print(r.status, r.read().decode().strip())' "$URL"
}

# --- usage ----------------------------------------------------------------

"$RUN" >"$T/out" 2>"$T/err"
STATUS=$?
check_status 2
check_eq "usage" "usage: scripts/run.sh BINARY DB [ADDR:PORT]" "$(<"$T/err")"

# --- first start --------------------------------------------------------------

start
check_out_has "meldkamer: a new database '$SITE/meldkamer.db' with the demo set of Gemeente Voorbeeldstad"
check_out_has "  open       the URL of the 'serving' line below"
check_out_has "import veris ../shared/data/vcdb   (the real VERIS incidents)"
check_out_has "make demo-cli"
check_eq "healthz" "200 ok" "$(healthz)"

check_eq "password file mode" "600" "$(stat -c %a "$PWFILE")"
check_eq "demo accounts file mode" "600" "$(stat -c %a "$DEMOFILE")"
PW=$(<"$PWFILE")
check_eq "password file: one line of 24 letters and digits" "1 yes" \
	"$(wc -l <"$PWFILE") $(printf '%s' "$PW" | grep -qxE '[A-Za-z0-9]{24}' && echo yes)"
check_out_has "  password   $PW"
DEMO_PW=$(sed -n 's/^sanne\.bakker  *servicedesk  *//p' "$DEMOFILE")
check_eq "demo password: 24 letters and digits, not the admin's" "yes" \
	"$(printf '%s' "$DEMO_PW" | grep -qxE '[A-Za-z0-9]{24}' && [ "$DEMO_PW" != "$PW" ] && echo yes)"
check_out_has "all with password $DEMO_PW"
check_eq "nothing left of the temporary database" "" "$(ls "$SITE" | grep '\.new' || true)"

# What each demo account sees over the API (a token per account): the
# confidential incident only for the CISO and the incident manager on its
# team, nothing for the melder, who has reported nothing yet.
visible() {
	local token
	token=$(MELDKAMER_ROLE=admin "$MK_BIN" --db "$SITE/meldkamer.db" token add "test-$1" --user "$1" 2>/dev/null)
	"$PY" -c '
import json, sys, urllib.request
req = urllib.request.Request(sys.argv[1] + "api/v1/incidents?limit=50", headers={"Authorization": "Bearer " + sys.argv[2]})
with urllib.request.urlopen(req, timeout=10) as r:
    items = json.load(r)["items"]
print(len(items), sum(1 for i in items if i["confidential"]))' "$URL" "$token"
}
check_eq "visible to mark.degroot (on the team)" "12 1" "$(visible mark.degroot)"
check_eq "visible to ingrid.verbeek (ciso)" "12 1" "$(visible ingrid.verbeek)"
check_eq "visible to thijs.jansen (behandelaar)" "11 0" "$(visible thijs.jansen)"
check_eq "visible to karin.meijer (auditor)" "11 0" "$(visible karin.meijer)"
check_eq "visible to ruud.peters (melder)" "0 0" "$(visible ruud.peters)"

stop_server
check_status 0

mk --db "$SITE/meldkamer.db" user list --json
check_ok
json_py '
eq(sorted((a["name"], a["role"], a["display_name"], a["disabled"]) for a in d), [
  ("admin", "admin", "admin", False), ("ingrid.verbeek", "ciso", "Ingrid Verbeek", False),
  ("karin.meijer", "auditor", "Karin Meijer", False), ("marjolein.kuipers", "directie", "Marjolein Kuipers", False),
  ("mark.degroot", "incidentmanager", "Mark de Groot", False), ("ruud.peters", "melder", "Ruud Peters", False),
  ("sanne.bakker", "servicedesk", "Sanne Bakker", False), ("thijs.jansen", "behandelaar", "Thijs Jansen", False),
  ("yusuf.demir", "fg", "Yusuf Demir", False)], "accounts")
'
mk --db "$SITE/meldkamer.db" log verify
check_ok
check_out "12 logbooks verified: 12 intact, 0 broken; register intact"
# The incident manager's account is on the team of the confidential
# incident (the council member's mail), so it may see it.
mk --db "$SITE/meldkamer.db" incident list --limit 50 --json
CONF=$("$PY" -c 'import json,sys; print(" ".join(i["key"] for i in json.load(open(sys.argv[1]))["incidents"] if i["confidential"]))' "$T/out")
check_eq "one confidential incident" 1 "$(wc -w <<<"$CONF")"
mk --db "$SITE/meldkamer.db" team list "$CONF" --json
check_ok
json_py 'eq(d, ["mark.degroot"], "team")'

# --- a later start only serves ------------------------------------------------

cp "$PWFILE" "$T/pw.before"
start
check_out_has "meldkamer: serving the existing database '$SITE/meldkamer.db'"
check_out_has "the admin password is in $PWFILE"
check_out_lacks "$PW"
check_eq "healthz" "200 ok" "$(healthz)"
stop_server
check_status 0
check_eq "password file unchanged" "same" "$(cmp -s "$PWFILE" "$T/pw.before" && echo same)"
mk --db "$SITE/meldkamer.db" incident list --limit 50 --json
json_py 'eq(len(d["incidents"]), 12, "incidents after the second start")'

# --- a database that make run did not make ---------------------------------

mkdir "$T/other"
mk --db "$T/other/meldkamer.db" init
check_ok
start "$T/other/meldkamer.db"
check_out_has "meldkamer: serving the existing database '$T/other/meldkamer.db'"
check_out_has "  no $T/other/meldkamer-admin-password.txt: this database was not made by make run. Add an account with"
check_out_has "user add NAME --role admin --password-stdin"
check_eq "healthz" "200 ok" "$(healthz)"
stop_server
check_status 0
check_eq "no files made beside it but the signing key" "meldkamer.db
meldkamer.db.signing-key" "$(ls "$T/other")"

# --- a first start that fails leaves nothing ----------------------------------

# A binary whose `user add` fails, after init worked:
# run.sh stops with that status, and no database, password file or
# temporary file is left, so the next start begins afresh.
mkdir "$T/broken"
cat >"$T/mk-no-accounts" <<EOF
#!/bin/sh
for a in "\$@"; do
	[ "\$a" = user ] && { echo "meldkamer user add: refused for the test" >&2; exit 1; }
done
exec "$MK_BIN" "\$@"
EOF
chmod +x "$T/mk-no-accounts"
"$RUN" "$T/mk-no-accounts" "$T/broken/meldkamer.db" 127.0.0.1:0 >"$T/out" 2>"$T/err" </dev/null
STATUS=$?
ERR=$(<"$T/err")
check_status 1
check_err_has "meldkamer user add: refused for the test"
check_eq "nothing left after a failed first start" "" "$(ls -A "$T/broken")"

finish
