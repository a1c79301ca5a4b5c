#!/bin/sh
# scripts/run.sh BINARY DB [ADDR:PORT]: `make run`, the web application on
# the embedded database.
#
# First start (no DB yet): a new database filled with the demo set
# (scripts/demo-seed.sh), an `admin` account with a generated password,
# written once to meldkamer-admin-password.txt beside the database (mode
# 0600) and printed, and one demo account per role with one generated
# password (meldkamer-demo-accounts.txt, also 0600), so that a person can
# try each view. The database is built under a temporary name and moved
# into place only when all of that worked, so a failed first start leaves
# nothing behind and the next one starts over.
# Later starts only serve. Either way the last step is `exec meldkamer
# serve`: the server's own `serving URL` line follows, and SIGTERM or
# SIGINT stop it cleanly.
set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: scripts/run.sh BINARY DB [ADDR:PORT]" >&2
	exit 2
fi
M=$1
DB=$2
LISTEN=${3:-127.0.0.1:8080}
if [ ! -x "$M" ]; then
	echo "run: '$M' is not an executable meldkamer binary" >&2
	exit 2
fi
DIR=$(dirname "$DB")
PWFILE=$DIR/meldkamer-admin-password.txt
DEMOFILE=$DIR/meldkamer-demo-accounts.txt
SEED=$(dirname "$0")/demo-seed.sh
unset MELDKAMER_NOW MELDKAMER_DB
# Accounts are created by the one who runs `make run`; the account audit
# says so.
export MELDKAMER_USER="make run" MELDKAMER_ROLE=admin

# A password of 24 letters and digits from the kernel's random source:
# about 143 bits, well above what an online guess can reach with the
# login throttling in front of it.
password() {
	pw=$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 24)
	if [ ${#pw} -ne 24 ]; then
		echo "run: could not read random bytes from /dev/urandom" >&2
		exit 1
	fi
	printf '%s' "$pw"
}

# The URL a person opens: the listen address, with 127.0.0.1 for 0.0.0.0;
# port 0 (a free one) is known only from the server's own line.
url() {
	case $LISTEN in
	*:0) printf "the URL of the 'serving' line below" ;;
	0.0.0.0:*) printf 'http://127.0.0.1:%s/' "${LISTEN##*:}" ;;
	*) printf 'http://%s/' "$LISTEN" ;;
	esac
}

# The demo accounts: login name, role, display name (the demo set's staff;
# the melder reported the USB charger, the auditor is new).
DEMO_ACCOUNTS="ruud.peters melder Ruud Peters
sanne.bakker servicedesk Sanne Bakker
thijs.jansen behandelaar Thijs Jansen
mark.degroot incidentmanager Mark de Groot
ingrid.verbeek ciso Ingrid Verbeek
yusuf.demir fg Yusuf Demir
marjolein.kuipers directie Marjolein Kuipers
karin.meijer auditor Karin Meijer"

first_start() {
	NEW=$DB.new
	rm -f "$NEW" "$NEW-wal" "$NEW-shm" "$NEW.signing-key"
	trap 'rm -f "$NEW" "$NEW-wal" "$NEW-shm" "$NEW.signing-key"' EXIT
	"$M" --db "$NEW" init >/dev/null
	admin_pw=$(password)
	printf '%s\n' "$admin_pw" | "$M" --db "$NEW" user add admin --role admin --password-stdin >/dev/null
	demo_pw=$(password)
	printf '%s\n' "$DEMO_ACCOUNTS" | while read -r login role name; do
		printf '%s\n' "$demo_pw" |
			"$M" --db "$NEW" user add "$login" --role "$role" --display-name "$name" \
				--password-stdin >/dev/null
	done
	# The accounts come first so that the seed can put them on teams.
	MK_DEMO_ACCOUNTS=yes "$SEED" "$M" "$NEW" >/dev/null

	# Written once, readable by the owner only: umask before the file
	# exists, so there is no moment at which others could read it.
	(
		umask 077
		printf '%s\n' "$admin_pw" >"$PWFILE.new"
		{
			echo "# demo accounts of $DB (login, role, password)"
			printf '%s\n' "$DEMO_ACCOUNTS" | while read -r login role name; do
				printf '%-18s %-16s %s\n' "$login" "$role" "$demo_pw"
			done
		} >"$DEMOFILE.new"
	)
	chmod 600 "$PWFILE.new" "$DEMOFILE.new"
	mv "$PWFILE.new" "$PWFILE"
	mv "$DEMOFILE.new" "$DEMOFILE"
	# The last connection has closed, so the write-ahead log is folded in
	# and the database is one file; move it into place.
	mv "$NEW" "$DB"
	# Its signing key (doc/custody.md) goes with it.
	mv "$NEW.signing-key" "$DB.signing-key"
	trap - EXIT

	cat <<EOF

meldkamer: a new database '$DB' with the demo set of Gemeente Voorbeeldstad
  (12 incidents in every phase, logbooks and BOBOC decisions; all names invented).

  open       $(url)
  log in as  admin
  password   $admin_pw
             (also in $PWFILE, readable only by you; it is not shown again)

  demo accounts, one per role, all with password $demo_pw
  (listed in $DEMOFILE):
EOF
	printf '%s\n' "$DEMO_ACCOUNTS" | while read -r login role name; do
		printf '    %-18s %-16s %s\n' "$login" "$role" "$name"
	done
	hints
}

hints() {
	cat <<EOF

  more:      $M --db $DB import veris ../shared/data/vcdb   (the real VERIS incidents)
             make demo-cli   (the command-line walk through one incident)
             rm $DB   and make run again, to start over with a fresh demo set
  stop with Ctrl-C.

EOF
}

if [ -e "$DB" ]; then
	echo "meldkamer: serving the existing database '$DB'"
	if [ -f "$PWFILE" ]; then
		echo "  the admin password is in $PWFILE; the demo accounts are in $DEMOFILE"
	else
		# A database from elsewhere, or from the command-line demo: say
		# how to get in, or how to get the demo set instead.
		echo "  no $PWFILE: this database was not made by make run. Add an account with"
		echo "    $M --db $DB user add NAME --role admin --password-stdin"
		echo "  or move '$DB' away to start with the demo set."
	fi
	echo "  open $(url)"
	hints
else
	first_start
fi
exec "$M" --db "$DB" serve --listen "$LISTEN"
