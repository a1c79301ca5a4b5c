#!/bin/sh
# `make demo-cli`: the command-line walk of the first release, on its own
# embedded SQLite database (`make run` starts the web application instead).
#
# On the first run: create the database, import the real VERIS incidents
# from ../shared/data/vcdb (when that folder is there), and handle one of
# them, a stolen laptop with personal data of 779 people, through the IBD
# process: classification, escalation, checklist, logbook, a BOBOC
# decision, the AP clock, containment, closure and the chain check.
# On later runs: show where the register stands.
set -eu

M=$1
DB=$2
DATA=${MK_SHARED_DATA:-../shared/data}
export MELDKAMER_DB="$DB"

# Echoes a command as one would type it, quoting what needs quotes.
show() {
	printf '\n$'
	[ -n "${SHOW_ROLE:-}" ] && printf ' MELDKAMER_ROLE=%s' "$SHOW_ROLE"
	printf ' meldkamer'
	for a in "$@"; do
		case $a in
		*[!A-Za-z0-9._/:=@+-]*) printf " '%s'" "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")" ;;
		*) printf ' %s' "$a" ;;
		esac
	done
	printf '\n'
}

run() {
	show "$@"
	"$M" "$@"
}

if [ -f "$DB" ]; then
	echo "meldkamer: '$DB' exists; where the register stands (remove it for the first-run demo):"
	run incident list --limit 10
	run deadlines --limit 10
	run report kpi
	exit 0
fi

export MELDKAMER_USER="Anna de Vries" MELDKAMER_ROLE=servicedesk
run init
if [ ! -d "$DATA/vcdb" ]; then
	echo "meldkamer: no shared VERIS data at '$DATA/vcdb'; registering a report by hand instead"
	run incident new --title "Laptop met cliëntgegevens gestolen uit auto" \
		--reporter-name "Piet Jansen" --reporter-department "Sociaal Domein" \
		--source servicedesk --personal-data ja
	KEY=$("$M" incident list --limit 1 --json | sed -n 's/.*"key": "\(MK-[0-9-]*\)".*/\1/p' | head -n 1)
else
	run import veris "$DATA/vcdb" || true
	run search wisconsin laptop
	KEY=$("$M" search wisconsin laptop --json | sed -n 's/.*"key": "\(MK-[0-9-]*\)".*/\1/p' | head -n 1)
	# The record is from 2018: the team sets the day the theft became known.
	run incident edit "$KEY" --detected-at "2018-02-06 09:00" --reporter-name "The Management Group"
fi

# Service desk: classify with the notification matrix and the impact table.
run incident assess "$KEY" --table gebruikers --category "Gegevens en gegevensdragers" \
	--incident "Diefstal van gegevensdragers" --impact betrokkenen=hoog --urgency hoog
run task done "$KEY" 1.3 --note "CISO telefonisch geïnformeerd"
run task done "$KEY" 1.4 --note "Gemeld bij IBD-CERT, 070 204 55 11"

# The incident manager takes over: escalation, phases, logbook, a decision.
export MELDKAMER_USER="Bram Visser" MELDKAMER_ROLE=incidentmanager
run incident assess "$KEY" --event-type escalatie
run incident phase "$KEY" initiatie
run incident phase "$KEY" analyse
run log add "$KEY" --kind action "Laptop was niet versleuteld; consulent heeft wachtwoord gewijzigd"
run decision add "$KEY" \
	--beeldvorming "Gestolen laptop met persoonsgegevens van 779 deelnemers, niet versleuteld" \
	--opties "1) alleen wachtwoorden wijzigen 2) ook betrokkenen informeren" \
	--besluit "Betrokkenen per brief informeren; voormelding bij de AP" \
	--opdracht-wie "Team Communicatie" --opdracht-uiterlijk "$(date -u -d '+3 days' +%Y-%m-%dT%H:%M:%SZ)"
# Communication informs the 779 data subjects by letter.
run incident edit "$KEY" --subjects-informed-at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
# The privacy officer notifies the AP: the 72-hour clock stops (late: 2018).
SHOW_ROLE=fg show task done "$KEY" 3.6b --as "Fatima El Idrissi" --note "Voormelding AP gedaan"
MELDKAMER_ROLE=fg "$M" task done "$KEY" 3.6b --as "Fatima El Idrissi" --note "Voormelding AP gedaan"
run incident phase "$KEY" indammen
run incident edit "$KEY" --contained-at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
run incident phase "$KEY" oplossen
run incident phase "$KEY" herstel
run incident phase "$KEY" remediatie
# Closing is refused while step 6 tasks are open...
run incident close "$KEY" || true
for t in 6.1 6.2 6.3 6.4b 6.4c 6.4f; do
	"$M" task done "$KEY" "$t" --note "afgerond" >/dev/null
done
"$M" task na "$KEY" 6.4a --reason "Aangifte al gedaan door TMG" >/dev/null
"$M" task na "$KEY" 6.4d --reason "Geen derde partijen" >/dev/null
"$M" task na "$KEY" 6.4e --reason "Geen bankgegevens" >/dev/null
echo "  (tasks 6.1-6.4f done or n.v.t.)"
# ...and allowed once they are done.
run incident close "$KEY"
run log verify "$KEY"
run incident show "$KEY"
run deadlines --limit 5
run report kpi
