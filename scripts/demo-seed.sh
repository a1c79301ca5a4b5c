#!/bin/sh
# scripts/demo-seed.sh BINARY DB: fills a new meldkamer database with the
# demo set of `make run`: twelve incidents of the fictional municipality
# Gemeente Voorbeeldstad, each told in its own words, in every phase from
# detectie to evaluatie, with checklist tasks, logbook entries by different
# roles and BOBOC decisions, and for the six with personal data a breach
# record (one notified and closed, one supplemented, one notified late...,
# one whose AP clock is overdue). Every person and department is invented.
#
# Everything goes in through the command line, as a person would have typed
# it at the time: MELDKAMER_NOW dates each step, --as/--role says who took
# it. An incident's steps are dated in increasing order (meldkamer refuses a
# change dated before the incident's last one), so the logbooks stay honest
# hash chains.
#
# Times are relative to now, so that a fresh demo always shows clocks that
# run, that are overdue and that were met. Incidents are dated by Amsterdam
# wall-clock time on a day N days ago (`day N HH:MM`, office hours), which
# keeps each incident's steps in order whatever the hour of the run and
# gives the clocks a fixed state: detected yesterday means the AP's 72 hours
# still run, detected four days ago means they are overdue. Only the newest
# incident, whose golden hour must still run, is dated by elapsed time
# (`ago 30m`); one incident never mixes the two.
# MK_DEMO_NOW (an ISO time or @epoch) replaces now, for the tests;
# MK_DEMO_ACCOUNTS=yes also puts the demo accounts of scripts/run.sh on
# the team of the confidential incident.
#
# The database must be new: missing (it is created) or just initialised
# without incidents. A database that holds incidents is refused (exit 1),
# so running the seed twice adds nothing.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: scripts/demo-seed.sh BINARY DB" >&2
	exit 2
fi
M=$1
DB=$2
if [ ! -x "$M" ]; then
	echo "demo-seed: '$M' is not an executable meldkamer binary" >&2
	exit 2
fi
unset MELDKAMER_USER MELDKAMER_ROLE MELDKAMER_NOW
export MELDKAMER_DB="$DB"

if [ -n "${MK_DEMO_NOW:-}" ]; then
	case $MK_DEMO_NOW in
	@*) NOW=${MK_DEMO_NOW#@} ;;
	*) NOW=$(date -u -d "$MK_DEMO_NOW" +%s) ;;
	esac
else
	NOW=$(date -u +%s)
fi
NOW_ISO=$(date -u -d "@$NOW" +%Y-%m-%dT%H:%M:%SZ)
# Today in Amsterdam: `day N` counts back from it.
TODAY=$(TZ=Europe/Amsterdam date -d "@$NOW" +%F)

if [ -e "$DB" ]; then
	if ! list=$(MELDKAMER_NOW=$NOW_ISO "$M" incident list --limit 1 --json); then
		echo "demo-seed: cannot read '$DB'" >&2
		exit 1
	fi
	case $list in
	*'"key"'*)
		echo "demo-seed: '$DB' already holds incidents; the demo set goes only into a new database" >&2
		exit 1
		;;
	esac
else
	MELDKAMER_NOW=$NOW_ISO "$M" init >/dev/null
fi

# --- time -------------------------------------------------------------------

# day N HH:MM: Amsterdam wall-clock time on the day N (>= 1) days before today.
day() {
	printf '%s %s' "$(date -u -d "$TODAY 12:00 $1 days ago" +%F)" "$2"
}

# ago 2d3h10m: the UTC time that long before now (d, h, m; any may be left out).
ago() {
	s=$(printf '%s' "$1" | sed 's/d/*86400+/; s/h/*3600+/; s/m/*60+/; s/+$//')
	date -u -d "@$((NOW - ($s)))" +%Y-%m-%dT%H:%M:%SZ
}

# ahead 1d6h: the UTC time that long after now (deadlines of decisions).
ahead() {
	s=$(printf '%s' "$1" | sed 's/d/*86400+/; s/h/*3600+/; s/m/*60+/; s/+$//')
	date -u -d "@$((NOW + ($s)))" +%Y-%m-%dT%H:%M:%SZ
}

# --- who --------------------------------------------------------------------

# The staff of Gemeente Voorbeeldstad that handle incidents: "name|role".
SANNE="Sanne Bakker|servicedesk"          # ICT-servicedesk
JOOST="Joost Mulder|servicedesk"          # ICT-servicedesk
MARK="Mark de Groot|incidentmanager"      # Informatievoorziening
ESTHER="Esther van Dijk|incidentmanager"  # Informatievoorziening
INGRID="Ingrid Verbeek|ciso"              # CISO
YUSUF="Yusuf Demir|fg"                    # functionaris gegevensbescherming
THIJS="Thijs Jansen|behandelaar"          # netwerk- en systeembeheer
LOTTE="Lotte Hendriks|behandelaar"        # werkplekbeheer
DAAN="Daan Willems|behandelaar"           # applicatie- en webbeheer
MARJOLEIN="Marjolein Kuipers|directie"    # gemeentesecretaris
MAIL=voorbeeldstad.example

# at TIME ACTOR ARGS...: one meldkamer command, taken by ACTOR at TIME.
at() {
	when=$1 actor=$2
	shift 2
	if ! MELDKAMER_NOW=$when "$M" --as "${actor%|*}" --role "${actor#*|}" "$@" >/dev/null; then
		echo "demo-seed: this step failed (at $when as ${actor%|*}): meldkamer $*" >&2
		exit 1
	fi
}

# team TIME ACTOR KEY ACCOUNT: puts a demo account on an incident's team,
# only when the accounts exist (MK_DEMO_ACCOUNTS=yes, set by scripts/run.sh,
# which makes them before the seed); without it the set has no teams.
team() {
	[ "${MK_DEMO_ACCOUNTS:-}" = yes ] || return 0
	when=$1 actor=$2
	shift 2
	at "$when" "$actor" team add "$@"
}

# new TIME ACTOR ARGS...: `incident new`; prints the new key.
new() {
	when=$1 actor=$2
	shift 2
	if ! MELDKAMER_NOW=$when "$M" --as "${actor%|*}" --role "${actor#*|}" incident new "$@"; then
		echo "demo-seed: registering failed (at $when as ${actor%|*}): $*" >&2
		exit 1
	fi
}

# --- 1. Gestolen laptop (evaluatie: closed, evaluation held) -----------------

K=$(new "$(day 37 08:20)" "$SANNE" \
	--title "Laptop van consulent Jeugd gestolen uit auto" \
	--description "Consulent Jeugd meldt dat gisteravond rond 19:30 haar werklaptop uit haar geparkeerde auto is gestolen (ruit ingeslagen, Stationsplein). De laptop is met BitLocker versleuteld. In dezelfde tas zaten drie papieren gespreksverslagen van gezinnen uit het jeugdhulptraject. Aangifte bij de politie is gisteravond gedaan." \
	--reporter-name "Nicole Verhoeven" --reporter-department "Sociaal Domein, team Jeugd" \
	--reporter-phone "toestel 4417" --reporter-email "n.verhoeven@$MAIL" \
	--source servicedesk --occurred-at "$(day 38 19:30)" --detected-at "$(day 38 19:45)" \
	--personal-data ja)
at "$(day 37 08:30)" "$SANNE" task done "$K" 0.3 --note "Melder telefonisch gesproken"
at "$(day 37 08:35)" "$SANNE" incident assess "$K" --table gebruikers \
	--category "Gegevens en gegevensdragers" --incident "Diefstal van gegevensdragers" \
	--people 3 --impact gegevens=midden --impact betrokkenen=midden --impact apparatuur=laag \
	--urgency midden
at "$(day 37 08:40)" "$LOTTE" log add "$K" --kind action "Laptop (asset VBS-LT-0381) op afstand geblokkeerd in Intune en het account van de consulent afgemeld op alle apparaten"
at "$(day 37 08:45)" "$LOTTE" task done "$K" 1.1 --note "Apparaat geblokkeerd, sessies ingetrokken"
at "$(day 37 08:50)" "$SANNE" task done "$K" 1.3 --note "CISO per Teams geïnformeerd"
at "$(day 37 09:05)" "$ESTHER" incident phase "$K" initiatie
at "$(day 37 09:10)" "$ESTHER" task done "$K" 1.6
at "$(day 37 09:30)" "$YUSUF" log add "$K" "Laptop versleuteld, maar de papieren verslagen bevatten namen, adressen en zorginformatie van drie gezinnen: dit is een datalek met bijzondere persoonsgegevens"
at "$(day 37 09:35)" "$YUSUF" breach set "$K" --categories naw,geslacht-leeftijd \
	--special-categories gezondheid --groups burgers,minderjarigen --subjects-min 9 --subjects-max 14 \
	--nature gestolen --cause gestolen-apparaat --encrypted nee \
	--summary "Laptop (BitLocker) en drie papieren gespreksverslagen van gezinnen uit het jeugdhulptraject gestolen uit een auto" \
	--risk hoog --risk-reasoning "De papieren verslagen zijn niet versleuteld en bevatten zorginformatie over kinderen" \
	--fg-name "Yusuf Demir" --fg-consulted-at "$(day 37 09:30)"
at "$(day 37 10:00)" "$ESTHER" task done "$K" 2.1 --note "Afdelingshoofd Sociaal Domein en CISO geïnformeerd"
at "$(day 37 10:05)" "$ESTHER" incident phase "$K" analyse
at "$(day 37 11:30)" "$ESTHER" decision add "$K" \
	--beeldvorming "Versleutelde laptop gestolen; drie papieren verslagen met zorginformatie van gezinnen zijn mee gestolen" \
	--opties "1) geen melding, laptop is versleuteld 2) melding bij de AP en de drie gezinnen persoonlijk informeren" \
	--besluit "Voormelding bij de AP vanwege de papieren verslagen; de consulent en haar teamleider informeren de gezinnen persoonlijk" \
	--opdracht-wie "Teamleider Jeugd" --opdracht-uiterlijk "$(day 34 17:00)" \
	--controle-op "$(day 33 10:00)" --controle-resultaat "Alle drie de gezinnen zijn bezocht en hebben een brief ontvangen"
at "$(day 36 14:10)" "$YUSUF" task done "$K" 3.6b --note "Voormelding gedaan bij de AP, meldnummer M-2026-11873"
at "$(day 36 14:11)" "$YUSUF" breach notify "$K" --kind voorlopig --reference M-2026-11873 --filed-at "$(day 36 14:10)"
at "$(day 36 14:15)" "$ESTHER" incident phase "$K" indammen
at "$(day 36 14:20)" "$ESTHER" incident edit "$K" --contained-at "$(day 37 08:40)"
at "$(day 36 14:25)" "$ESTHER" incident phase "$K" oplossen
at "$(day 34 16:00)" "$ESTHER" log add "$K" --kind communication "Gezinnen bezocht door consulent en teamleider; brief met uitleg en contactpersoon achtergelaten"
at "$(day 34 16:05)" "$ESTHER" task done "$K" 6.3 --note "Drie gezinnen persoonlijk geïnformeerd"
at "$(day 34 16:06)" "$YUSUF" breach inform "$K" --decision ja --channel persoonlijk --informed-at "$(day 34 16:00)"
at "$(day 33 09:00)" "$LOTTE" log add "$K" --kind action "Vervangende laptop uitgereikt; consulent werkt voortaan alleen digitaal in het zaaksysteem"
at "$(day 33 09:05)" "$ESTHER" incident phase "$K" herstel
at "$(day 31 10:00)" "$ESTHER" incident phase "$K" remediatie
at "$(day 31 10:10)" "$INGRID" log add "$K" "Werkinstructie 'papieren dossiers buiten kantoor' aangescherpt: geen papieren verslagen mee naar huisbezoeken"
at "$(day 30 11:00)" "$ESTHER" task done "$K" 6.1 --note "Aangifte en Intune-log in het dossier"
at "$(day 30 11:01)" "$ESTHER" task done "$K" 6.2
at "$(day 30 11:02)" "$ESTHER" task done "$K" 6.4a --note "Aangifte gedaan door de consulent, PV 2026-334871"
at "$(day 30 11:03)" "$INGRID" task done "$K" 6.4b --note "Gemeld via het IBD-portaal"
at "$(day 30 11:04)" "$YUSUF" task done "$K" 6.4c --note "Definitieve melding aan de AP gedaan"
at "$(day 30 11:04)" "$YUSUF" breach notify "$K" --kind definitief --reference M-2026-11873
at "$(day 30 11:05)" "$ESTHER" task na "$K" 6.4d --reason "Geen derde partijen betrokken"
at "$(day 30 11:06)" "$ESTHER" task na "$K" 6.4e --reason "Geen bankgegevens betrokken"
at "$(day 30 11:07)" "$ESTHER" task done "$K" 6.4f
at "$(day 30 11:10)" "$ESTHER" incident edit "$K" --resolved-at "$(day 30 11:10)"
at "$(day 30 11:15)" "$ESTHER" incident close "$K"
at "$(day 14 15:00)" "$ESTHER" task done "$K" 7.2 --note "Evaluatie gehouden met team Jeugd, werkplekbeheer en de FG"
at "$(day 14 15:30)" "$INGRID" task done "$K" 7.4 --note "Proces goed gevolgd; voormelding binnen 30 uur"
at "$(day 14 15:35)" "$ESTHER" incident phase "$K" evaluatie

# --- 2. Oefening (exercise: closed, kept out of the KPIs) -------------------

K=$(new "$(day 33 09:00)" "$MARK" \
	--title "OEFENING: ransomware op het zaaksysteem (tabletop)" \
	--description "Jaarlijkse tabletopoefening van het crisisteam. Scenario: het zaaksysteem is versleuteld, de back-ups van de afgelopen week zijn aangetast en er verschijnt een losgeldbericht. Geen echt incident." \
	--reporter-name "Ingrid Verbeek" --reporter-department "Informatievoorziening" \
	--source siem-soc --detected-at "$(day 33 09:00)" --exercise ja --tlp green)
at "$(day 33 09:10)" "$MARK" incident assess "$K" --table beheer \
	--category "Problemen met programmatuur" --incident "Introductie van virussen via programmatuur" \
	--impact programmatuur=hoog --impact gegevens=hoog --impact beschikbaarheid=hoog --urgency hoog
at "$(day 33 09:15)" "$INGRID" incident assess "$K" --event-type noodsituatie
at "$(day 33 09:30)" "$MARK" incident phase "$K" initiatie
at "$(day 33 10:00)" "$MARK" log add "$K" --kind decision "Oefenleiding: het crisisteam besluit de koppelingen met het zaaksysteem te verbreken"
at "$(day 33 10:30)" "$MARK" incident phase "$K" analyse
at "$(day 33 11:00)" "$MARK" incident phase "$K" indammen
at "$(day 33 11:05)" "$MARK" incident edit "$K" --contained-at "$(day 33 11:05)"
at "$(day 33 11:30)" "$MARK" incident phase "$K" oplossen
for c in 6.1 6.2 6.3 6.4a 6.4b 6.4c 6.4d 6.4e 6.4f; do
	at "$(day 33 11:40)" "$MARK" task na "$K" "$c" --reason "Oefening"
done
at "$(day 33 11:45)" "$MARK" log add "$K" "Einde oefening. Leerpunt: het telefoonnummer van de back-upleverancier ontbrak in het crisisplan"
at "$(day 32 09:00)" "$MARK" incident close "$K" --reason "Oefening afgerond"

# --- 3. USB-stick met Wmo-dossiers kwijt (afsluiten) -------------------------

K=$(new "$(day 26 10:05)" "$JOOST" \
	--title "Onversleutelde USB-stick met Wmo-gegevens kwijt" \
	--description "Een Wmo-consulent is een onversleutelde USB-stick kwijtgeraakt, vermoedelijk in de trein tussen Voorbeeldstad en de hoofdstad. Op de stick staan keukentafelverslagen en indicatiebesluiten van 47 cliënten, met BSN en medische informatie. De stick werd gebruikt om bestanden thuis te printen." \
	--reporter-name "Pieter van Leeuwen" --reporter-department "Sociaal Domein, team Wmo" \
	--reporter-phone "toestel 4402" --reporter-email "p.vanleeuwen@$MAIL" \
	--source servicedesk --occurred-at "$(day 27 17:30)" --occurred-estimated ja \
	--detected-at "$(day 26 09:40)" --personal-data ja)
at "$(day 26 10:10)" "$JOOST" task done "$K" 0.1 --note "Laatst gezien gisteren na het werk"
at "$(day 26 10:12)" "$JOOST" task done "$K" 0.3
at "$(day 26 10:20)" "$JOOST" incident assess "$K" --table gebruikers \
	--category "Gegevens en gegevensdragers" --incident "Zoekraken gegevensdragers" \
	--people 47 --impact betrokkenen=hoog --impact gegevens=midden --impact reputatie=midden \
	--urgency midden
at "$(day 26 10:25)" "$JOOST" task done "$K" 1.3 --note "CISO gebeld"
at "$(day 26 10:40)" "$ESTHER" incident phase "$K" initiatie
at "$(day 26 10:45)" "$ESTHER" log add "$K" --kind action "Gevonden voorwerpen van de NS gebeld en een verloren-voorwerpmelding gedaan"
at "$(day 26 10:50)" "$ESTHER" task done "$K" 1.6
at "$(day 26 11:30)" "$ESTHER" task done "$K" 2.1 --note "Gemeentesecretaris en wethouder Zorg geïnformeerd"
at "$(day 26 11:32)" "$ESTHER" task done "$K" 2.3 --note "Teamleider Wmo, FG, CISO, Communicatie"
at "$(day 26 11:35)" "$ESTHER" incident phase "$K" analyse
at "$(day 26 13:00)" "$YUSUF" log add "$K" "Bijzondere persoonsgegevens (gezondheid) en BSN van 47 cliënten, niet versleuteld: hoog risico voor betrokkenen; melden bij de AP en betrokkenen informeren"
at "$(day 26 13:05)" "$YUSUF" breach set "$K" --categories naw,bsn --special-categories gezondheid \
	--groups burgers,kwetsbaren --records 47 --subjects-min 47 --subjects-max 47 --nature onbekend \
	--cause verloren-apparaat --encrypted nee --risk hoog \
	--risk-reasoning "Gezondheidsgegevens en BSN van 47 Wmo-cliënten op een onversleutelde stick" \
	--fg-name "Yusuf Demir" --fg-consulted-at "$(day 26 13:00)"
at "$(day 26 13:30)" "$MARJOLEIN" decision add "$K" \
	--beeldvorming "Onversleutelde USB-stick met Wmo-dossiers van 47 cliënten kwijt, vermoedelijk in de trein" \
	--opties "1) alleen de AP melden 2) de AP melden en alle 47 cliënten per brief informeren 3) ook bellen met de kwetsbaarste cliënten" \
	--besluit "Optie 3: melding bij de AP, brief aan alle 47 cliënten, en de consulenten bellen vooraf de twaalf kwetsbaarste cliënten" \
	--opdracht-wie "Teamleider Wmo" --opdracht-uiterlijk "$(day 21 17:00)" \
	--controle-op "$(day 20 10:00)" --controle-resultaat "Brieven verstuurd, twaalf cliënten gebeld; vier vragen via het Wmo-loket beantwoord"
at "$(day 26 13:35)" "$MARJOLEIN" task done "$K" 5.1 --note "Zie het besluit: brief aan alle cliënten, de kwetsbaarste eerst gebeld"
at "$(day 25 15:00)" "$YUSUF" task done "$K" 3.6b --note "Gemeld bij de AP, meldnummer M-2026-12054"
at "$(day 25 15:01)" "$YUSUF" breach notify "$K" --kind voorlopig --reference M-2026-12054 --filed-at "$(day 25 15:00)"
at "$(day 25 15:10)" "$ESTHER" incident phase "$K" indammen
at "$(day 25 15:15)" "$LOTTE" log add "$K" --kind action "USB-poorten op de laptops van team Wmo geblokkeerd voor opslag; printen thuis kan via de beveiligde printvoorziening"
at "$(day 25 15:20)" "$ESTHER" incident edit "$K" --contained-at "$(day 25 15:15)"
at "$(day 25 15:30)" "$ESTHER" incident phase "$K" oplossen
at "$(day 20 11:00)" "$ESTHER" task done "$K" 6.3 --note "Brief aan 47 cliënten verstuurd"
at "$(day 20 11:01)" "$YUSUF" breach inform "$K" --decision ja --channel brief --informed-at "$(day 20 11:00)"
at "$(day 20 11:02)" "$ESTHER" task done "$K" 5.6
at "$(day 20 11:05)" "$ESTHER" incident phase "$K" herstel
at "$(day 15 09:00)" "$ESTHER" incident phase "$K" remediatie
at "$(day 15 09:10)" "$INGRID" log add "$K" "Alle gemeentelijke laptops krijgen een beleid dat alleen versleutelde USB-sticks toestaat; uitrol in het eerste kwartaal"
at "$(day 12 10:00)" "$ESTHER" task done "$K" 6.1
at "$(day 12 10:01)" "$ESTHER" task done "$K" 6.2
at "$(day 12 10:02)" "$ESTHER" task na "$K" 6.4a --reason "Verlies, geen strafbaar feit"
at "$(day 12 10:03)" "$INGRID" task done "$K" 6.4b
at "$(day 12 10:04)" "$YUSUF" task done "$K" 6.4c --note "Aanvulling op de melding: stick niet teruggevonden"
at "$(day 12 10:04)" "$YUSUF" breach notify "$K" --kind aanvulling --reference M-2026-12054
at "$(day 12 10:05)" "$YUSUF" breach notify "$K" --kind definitief --reference M-2026-12054
at "$(day 12 10:05)" "$ESTHER" task na "$K" 6.4d --reason "Geen derde partijen"
at "$(day 12 10:06)" "$ESTHER" task na "$K" 6.4e --reason "Geen bankgegevens"
at "$(day 12 10:07)" "$ESTHER" task done "$K" 6.4f
at "$(day 12 10:10)" "$ESTHER" incident close "$K"
at "$(day 12 10:15)" "$ESTHER" task done "$K" 7.2 --note "Evaluatie gepland over drie weken"

# --- 4. Inbraak in het archief (afsluiten) -----------------------------------

K=$(new "$(day 20 07:55)" "$SANNE" \
	--title "Inbraak in het archiefdepot, patchkast open aangetroffen" \
	--description "De beveiliger trof vanochtend om 07:20 de nooddeur van het archiefdepot in de kelder van het stadskantoor open aan; het slot is geforceerd. In het depot staat ook de patchkast van de kelderverdieping; die stond open. Het alarm ging vannacht om 02:14 af; de meldkamer van het beveiligingsbedrijf zag op de camera niemand meer." \
	--reporter-name "Henk Brouwer" --reporter-department "Facilitaire Zaken" \
	--reporter-phone "toestel 4100" --reporter-email "h.brouwer@$MAIL" \
	--source gebruiker-partner --occurred-at "$(day 20 02:14)" --detected-at "$(day 20 07:20)")
at "$(day 20 08:05)" "$SANNE" incident assess "$K" --table beheer \
	--category "Facilitaire structuren en omgeving" --incident "Ongeoorloofde toegang tot computerruimte" \
	--impact apparatuur=laag --impact gegevens=laag --impact omgeving=laag --urgency midden
at "$(day 20 08:10)" "$SANNE" task done "$K" 0.2 --note "Ontdekt door de beveiliger bij de ochtendronde"
at "$(day 20 08:12)" "$SANNE" task done "$K" 0.3
at "$(day 20 08:30)" "$MARK" incident phase "$K" initiatie
at "$(day 20 08:45)" "$THIJS" log add "$K" --kind action "Switch in de patchkast gecontroleerd: geen onbekende apparaten aangesloten, configuratie gelijk aan de back-up van gisteren"
at "$(day 20 09:00)" "$MARK" incident phase "$K" analyse
at "$(day 20 11:00)" "$MARK" log add "$K" "Archivaris heeft de stellingen nagelopen: alle dozen aanwezig, geen dossiers verplaatst. Geen persoonsgegevens weg"
at "$(day 20 11:15)" "$MARK" task done "$K" 1.5 --note "Aangifte inbraak gedaan"
at "$(day 20 11:20)" "$MARK" incident phase "$K" indammen
at "$(day 20 14:00)" "$MARK" incident edit "$K" --contained-at "$(day 20 14:00)"
at "$(day 20 14:05)" "$MARK" log add "$K" --kind action "Nooddeur provisorisch vergrendeld; patchkast heeft een nieuw slot"
at "$(day 20 14:10)" "$MARK" incident phase "$K" oplossen
at "$(day 18 10:00)" "$MARK" incident phase "$K" herstel
at "$(day 18 10:05)" "$MARK" incident phase "$K" remediatie
at "$(day 17 16:00)" "$MARK" decision add "$K" \
	--beeldvorming "Inbraak zonder buit; de nooddeur was het zwakke punt en de patchkast zat niet op slot" \
	--opties "1) alleen het slot vervangen 2) nieuwe deur met alarmcontact en patchkasten standaard afsluiten" \
	--besluit "Optie 2" --opdracht-wie "Facilitaire Zaken" --opdracht-uiterlijk "$(day 16 17:00)"
for c in 6.1 6.2 6.4b 6.4f; do
	at "$(day 16 11:00)" "$MARK" task done "$K" "$c"
done
at "$(day 16 11:01)" "$MARK" task done "$K" 6.4a --note "Aangifte gedaan, PV 2026-341190"
at "$(day 16 11:02)" "$MARK" task na "$K" 6.3 --reason "Geen persoonsgegevens betrokken"
at "$(day 16 11:03)" "$MARK" task na "$K" 6.4c --reason "Geen datalek"
at "$(day 16 11:04)" "$MARK" task done "$K" 6.4d --note "Beveiligingsbedrijf geïnformeerd over de nieuwe deur"
at "$(day 16 11:05)" "$MARK" task na "$K" 6.4e --reason "Geen bankgegevens"
at "$(day 16 11:10)" "$MARK" incident edit "$K" --resolved-at "$(day 16 11:10)"
at "$(day 16 11:15)" "$MARK" incident close "$K"
at "$(day 16 11:20)" "$MARK" task done "$K" 7.2 --note "Evaluatie gepland met Facilitaire Zaken"

# --- 5. DDoS tijdens de verkiezingen (remediatie) ---------------------------

K=$(new "$(day 15 21:50)" "$JOOST" \
	--title "DDoS-aanval op de website tijdens de uitslagavond van de verkiezingen" \
	--description "Vanaf 21:35 is www.voorbeeldstad.example onbereikbaar, juist nu de voorlopige uitslagen van de stembureaus worden gepubliceerd. De hostingpartij ziet een verkeerspiek van 40 Gbit/s uit duizenden adressen. Inwoners en pers melden via sociale media dat de uitslag niet te zien is." \
	--reporter-name "Rik Smeets" --reporter-department "Communicatie" \
	--reporter-email "r.smeets@$MAIL" \
	--source vertraging --occurred-at "$(day 15 21:35)" --detected-at "$(day 15 21:40)")
at "$(day 15 21:55)" "$JOOST" incident assess "$K" --table beheer \
	--category "Technisch falen van apparatuur door externe invloeden" \
	--incident "Uitval netwerkverbinding door aanval met grote hoeveelheden data" \
	--impact diensten=hoog --impact beschikbaarheid=hoog --impact reputatie=hoog --urgency hoog
at "$(day 15 21:58)" "$JOOST" task done "$K" 1.3 --note "CISO gebeld"
at "$(day 15 21:59)" "$JOOST" task done "$K" 0.2 --note "Melding van Communicatie; hostingpartij bevestigt een aanval"
at "$(day 15 22:00)" "$MARK" incident assess "$K" --event-type escalatie
at "$(day 15 22:02)" "$MARK" incident phase "$K" initiatie
at "$(day 15 22:03)" "$MARK" task done "$K" 1.6
at "$(day 15 22:05)" "$INGRID" task done "$K" 1.3b --note "Gemeentesecretaris en burgemeester telefonisch geïnformeerd"
at "$(day 15 22:10)" "$MARK" decision add "$K" \
	--beeldvorming "Website plat door een DDoS-aanval tijdens de publicatie van de verkiezingsuitslag" \
	--opties "1) wachten tot de aanval stopt 2) DDoS-wasstraat van de hoster inschakelen en de uitslag ook via de landelijke uitslagensite en sociale media publiceren" \
	--besluit "Optie 2, direct" --opdracht-wie "Thijs Jansen en team Communicatie" \
	--opdracht-uiterlijk "$(day 15 22:45)" --controle-op "$(day 15 23:00)" \
	--controle-resultaat "Wasstraat actief om 22:31; uitslagen staan sinds 22:20 op sociale media"
at "$(day 15 22:15)" "$MARK" incident phase "$K" analyse
at "$(day 15 22:16)" "$MARK" task done "$K" 2.1 --note "Burgemeester en gemeentesecretaris aan de lijn"
at "$(day 15 22:20)" "$MARK" log add "$K" --kind communication "Bericht op sociale media: de uitslag per stembureau staat als pdf op de landelijke uitslagensite"
at "$(day 15 22:31)" "$THIJS" log add "$K" --kind action "DDoS-wasstraat van de hostingpartij ingeschakeld; verkeer loopt via het scrubbingcentrum"
at "$(day 15 22:40)" "$MARK" incident phase "$K" indammen
at "$(day 15 22:45)" "$MARK" incident edit "$K" --contained-at "$(day 15 22:40)"
at "$(day 15 22:50)" "$MARK" incident phase "$K" oplossen
at "$(day 15 23:30)" "$THIJS" log add "$K" "Website weer bereikbaar, laadtijd normaal. Aanval duurde tot 23:10"
at "$(day 15 23:35)" "$MARK" incident edit "$K" --resolved-at "$(day 15 23:30)"
at "$(day 14 09:00)" "$MARK" incident phase "$K" herstel
at "$(day 14 09:30)" "$INGRID" task done "$K" 1.4 --note "Gemeld bij de IBD; meer gemeenten getroffen op dezelfde avond"
at "$(day 12 14:00)" "$MARK" incident phase "$K" remediatie
at "$(day 12 14:10)" "$INGRID" log add "$K" "Contract met de hoster wordt aangepast: wasstraat standaard aan tijdens verkiezingen en andere piekmomenten"
at "$(day 5 10:00)" "$THIJS" log add "$K" --kind action "Statische noodpagina voor uitslagen klaargezet bij een tweede hostingpartij"

# --- 6. Phishing met ingevulde inloggegevens bij Burgerzaken (herstel) ------

K=$(new "$(day 9 10:20)" "$SANNE" \
	--title "Phishingmail: medewerker Burgerzaken vulde inloggegevens in" \
	--description "Een medewerker van Burgerzaken kreeg een mail 'Uw DigiD-koppeling verloopt vandaag' met een link naar een nagemaakte inlogpagina van Microsoft 365 en heeft daar gebruikersnaam, wachtwoord en de MFA-code ingevuld. Zij twijfelde daarna en belde de servicedesk. Dezelfde mail is aan 23 collega's gestuurd." \
	--reporter-name "Fatma Yildiz" --reporter-department "Publiekszaken, team Burgerzaken" \
	--reporter-phone "toestel 4210" --reporter-email "f.yildiz@$MAIL" \
	--source gebruiker-partner --occurred-at "$(day 9 09:52)" --detected-at "$(day 9 10:10)")
at "$(day 9 10:25)" "$SANNE" incident assess "$K" --table beheer \
	--category "Onopzettelijk foutief handelen van gebruikers" \
	--incident "Onzorgvuldige omgang met wachtwoorden door gebruikers" \
	--people 24 --impact gegevens=midden --impact verspreiding=midden --urgency midden
at "$(day 9 10:30)" "$THIJS" log add "$K" --kind action "Wachtwoord gereset, alle sessies ingetrokken, MFA-methode opnieuw geregistreerd"
at "$(day 9 10:31)" "$THIJS" task done "$K" 1.1 --note "Account direct geblokkeerd en hersteld"
at "$(day 9 10:40)" "$SANNE" task done "$K" 1.3
at "$(day 9 10:42)" "$SANNE" task done "$K" 0.2 --note "Medewerker belde zelf; screenshot van de mail ontvangen"
at "$(day 9 10:50)" "$ESTHER" incident phase "$K" initiatie
at "$(day 9 10:52)" "$ESTHER" task done "$K" 1.6
at "$(day 9 11:00)" "$ESTHER" incident phase "$K" analyse
at "$(day 9 13:30)" "$THIJS" log add "$K" "Aanmeldlogboek: om 09:58 een aanmelding vanuit een buitenlands IP-adres, 3 minuten later een regel die mail doorstuurt naar een extern adres. Regel verwijderd; er is niets doorgestuurd"
at "$(day 9 13:40)" "$THIJS" log add "$K" --kind action "Phishingmail bij alle 23 ontvangers verwijderd; afzenderdomein en URL geblokkeerd in het mailfilter en de webfilter"
at "$(day 9 13:42)" "$THIJS" task done "$K" 3.4
at "$(day 9 13:45)" "$ESTHER" incident phase "$K" indammen
at "$(day 9 13:50)" "$ESTHER" incident edit "$K" --contained-at "$(day 9 13:40)"
at "$(day 9 15:00)" "$YUSUF" log add "$K" "Geen toegang tot de mailbox of BRP-gegevens vastgesteld in de auditlogs: geen datalek, geen melding bij de AP"
at "$(day 8 09:00)" "$ESTHER" incident phase "$K" oplossen
at "$(day 7 16:00)" "$ESTHER" log add "$K" --kind communication "Intranetbericht voor alle medewerkers: herken de DigiD-phishing, meld twijfel altijd bij de servicedesk"
at "$(day 6 10:00)" "$ESTHER" incident edit "$K" --resolved-at "$(day 6 10:00)"
at "$(day 6 10:05)" "$ESTHER" incident phase "$K" herstel
at "$(day 6 10:10)" "$ESTHER" task done "$K" 6.2

# --- 7. Defacement van de evenementensite (oplossen) ------------------------

K=$(new "$(day 6 08:45)" "$JOOST" \
	--title "Defacement van de evenementenwebsite" \
	--description "Een verslaggever van de regionale omroep belde de woordvoerder: op evenementen.voorbeeldstad.example staat sinds vannacht een politieke boodschap met een afbeelding in plaats van de evenementenagenda. De site draait op een WordPress-installatie die door een extern bureau is gebouwd." \
	--reporter-name "Rik Smeets" --reporter-department "Communicatie" \
	--reporter-email "r.smeets@$MAIL" --source pers --occurred-at "$(day 6 03:10)" \
	--detected-at "$(day 6 08:30)" --supplier "Webbureau Kade Digitaal (fictief)")
at "$(day 6 08:50)" "$JOOST" incident assess "$K" --table beheer \
	--category "Problemen met programmatuur" --incident "Ongeautoriseerde wijzigingen in programmatuur" \
	--impact reputatie=hoog --impact diensten=midden --urgency midden
at "$(day 6 08:55)" "$DAAN" log add "$K" --kind action "Site in onderhoudsmodus gezet; bezoekers zien een onderhoudspagina"
at "$(day 6 09:00)" "$DAAN" task done "$K" 1.1 --note "Onderhoudsmodus"
at "$(day 6 09:05)" "$JOOST" task done "$K" 1.3 --note "CISO per Teams"
at "$(day 6 09:10)" "$MARK" incident phase "$K" initiatie
at "$(day 6 09:20)" "$MARK" log add "$K" --kind communication "Woordvoerder heeft de omroep te woord gestaan: site tijdelijk uit de lucht, geen persoonsgegevens op deze site"
at "$(day 6 09:30)" "$MARK" incident phase "$K" analyse
at "$(day 6 11:00)" "$DAAN" log add "$K" "Oorzaak: verouderde formulierplug-in met een bekende kwetsbaarheid; de aanvaller plaatste een webshell. Schijfkopie van de webserver gemaakt voor onderzoek"
at "$(day 6 11:05)" "$DAAN" task done "$K" 3.2 --note "Schijfkopie en webserverlogs veiliggesteld, SHA-256 in het dossier"
at "$(day 6 11:30)" "$MARK" incident phase "$K" indammen
at "$(day 6 11:35)" "$MARK" incident edit "$K" --contained-at "$(day 6 09:00)"
at "$(day 5 10:00)" "$MARK" decision add "$K" \
	--beeldvorming "Evenementensite gehackt via een verouderde plug-in; site staat offline" \
	--opties "1) schoonmaken en terugzetten 2) opnieuw opbouwen vanuit de broncode met alle updates en een webapplicatiefirewall" \
	--besluit "Optie 2; het webbureau bouwt opnieuw op, applicatiebeheer test" \
	--opdracht-wie "Webbureau Kade Digitaal" --opdracht-uiterlijk "$(ahead 2d)"
at "$(day 5 10:10)" "$MARK" incident phase "$K" oplossen
at "$(day 2 14:00)" "$DAAN" log add "$K" "Nieuwe installatie staat op de testomgeving; pentest door het webbureau gepland"

# --- 8. Datalek bij een SaaS-leverancier (indammen) -------------------------

K=$(new "$(day 5 14:30)" "$SANNE" \
	--title "Datalek bij leverancier van het parkeervergunningenportaal" \
	--description "De leverancier van ons online parkeervergunningenportaal meldt per mail dat een aanvaller toegang had tot een database met aanvragen van meerdere gemeenten. Van Voorbeeldstad gaat het om circa 2.300 vergunninghouders: naam, adres, kenteken, e-mailadres en telefoonnummer. Geen BSN of betaalgegevens." \
	--reporter-name "Accountmanager Parkeerloket Online (fictief)" --reporter-department "Leverancier" \
	--source gebruiker-partner --occurred-at "$(day 8 23:00)" --occurred-estimated ja \
	--detected-at "$(day 5 14:05)" --personal-data ja --supplier "Parkeerloket Online B.V. (fictief)")
at "$(day 5 14:40)" "$SANNE" incident assess "$K" --table beheer \
	--category "Diensten van derden" --incident "Incidenten met informatie van de gemeente" \
	--people 2300 --impact betrokkenen=midden --impact gegevens=midden --impact keten=midden \
	--urgency midden
at "$(day 5 14:45)" "$SANNE" task done "$K" 1.3
at "$(day 5 14:50)" "$SANNE" task done "$K" 0.3 --note "Contactpersoon van de leverancier vastgelegd"
at "$(day 5 15:00)" "$ESTHER" incident phase "$K" initiatie
at "$(day 5 15:05)" "$ESTHER" task done "$K" 1.6
at "$(day 5 15:30)" "$ESTHER" task done "$K" 2.1 --note "Gemeentesecretaris en wethouder Mobiliteit geïnformeerd"
at "$(day 5 15:35)" "$ESTHER" incident phase "$K" analyse
at "$(day 5 16:00)" "$YUSUF" log add "$K" "Wij zijn verwerkingsverantwoordelijke, de leverancier is verwerker. Volgens de verwerkersovereenkomst moest de leverancier binnen 24 uur melden; dat is gebeurd. De meldplicht bij de AP ligt bij ons"
at "$(day 5 16:05)" "$YUSUF" breach set "$K" --categories naw,email,telefoon,anders --groups burgers \
	--subjects-min 2250 --subjects-max 2350 --nature gekopieerd --cause hack --encrypted nee --risk laag \
	--risk-reasoning "Geen BSN of betaalgegevens; wel kans op gerichte phishing met naam en kenteken" \
	--fg-name "Yusuf Demir" --fg-consulted-at "$(day 5 16:00)"
at "$(day 4 11:00)" "$YUSUF" task done "$K" 3.6b --note "Voormelding bij de AP, meldnummer M-2026-12711; aanvulling volgt na het rapport van de leverancier"
at "$(day 4 11:01)" "$YUSUF" breach notify "$K" --kind voorlopig --reference M-2026-12711 --filed-at "$(day 4 11:00)"
at "$(day 4 11:30)" "$ESTHER" decision add "$K" \
	--beeldvorming "Gegevens van circa 2.300 vergunninghouders buitgemaakt bij de leverancier; risico op gerichte phishing" \
	--opties "1) wachten op het forensisch rapport van de leverancier 2) nu al betrokkenen waarschuwen voor phishing" \
	--besluit "Optie 2: mail aan alle vergunninghouders met een waarschuwing voor phishing; de leverancier levert het rapport binnen een week" \
	--opdracht-wie "Team Parkeren en Communicatie" --opdracht-uiterlijk "$(ahead 1d)"
at "$(day 4 11:31)" "$YUSUF" breach inform "$K" --decision ja --channel email \
	--reason "Waarschuwing voor phishing aan alle vergunninghouders, zie het besluit"
at "$(day 4 11:40)" "$ESTHER" incident phase "$K" indammen
at "$(day 3 09:30)" "$DAAN" log add "$K" --kind action "Koppeling van het portaal met onze vergunningenadministratie uitgezet tot de leverancier het lek heeft gedicht"
at "$(day 2 16:00)" "$ESTHER" log add "$K" --kind communication "Conceptmail aan vergunninghouders afgestemd met de FG en Communicatie"

# --- 9. Mail met BSN's aan de verkeerde ontvanger (analyse; AP overdue) -----

K=$(new "$(day 4 10:40)" "$JOOST" \
	--title "Mail met BSN's van uitkeringsgerechtigden naar verkeerde ontvanger" \
	--description "Een klantmanager Werk en Inkomen stuurde een Excel-overzicht met naam, BSN en uitkeringsbedrag van 38 inwoners naar een externe ontvanger met dezelfde achternaam als de bedoelde collega; het adres werd automatisch aangevuld. De ontvanger heeft de mail teruggestuurd met de vraag wat hij ermee moet." \
	--reporter-name "Bas Willemsen" --reporter-department "Sociaal Domein, Werk en Inkomen" \
	--reporter-phone "toestel 4460" --reporter-email "b.willemsen@$MAIL" \
	--source servicedesk --occurred-at "$(day 4 09:55)" --detected-at "$(day 4 10:25)" --personal-data ja)
at "$(day 4 10:50)" "$JOOST" incident assess "$K" --table gebruikers \
	--category "Onopzettelijk foutief handelen" --incident "Als gevolg van foutgevoelige bediening" \
	--people 38 --impact betrokkenen=midden --impact gegevens=midden --urgency hoog
at "$(day 4 10:52)" "$JOOST" task done "$K" 0.3
at "$(day 4 10:55)" "$JOOST" log add "$K" --kind communication "FG per mail en telefoon geïnformeerd: persoonsgegevens met BSN"
at "$(day 4 11:30)" "$ESTHER" incident phase "$K" initiatie
at "$(day 4 11:35)" "$ESTHER" task done "$K" 1.6
at "$(day 4 11:45)" "$ESTHER" log add "$K" --kind communication "Ontvanger gebeld en schriftelijk gevraagd de mail en de bijlage te verwijderen en dat te bevestigen"
at "$(day 4 12:10)" "$ESTHER" incident phase "$K" analyse
at "$(day 3 14:30)" "$YUSUF" log add "$K" "Afweging meldplicht: BSN met financiële gegevens, ontvanger lijkt welwillend. Wachten op de schriftelijke bevestiging van verwijdering voordat de risicobeoordeling klaar is"
at "$(day 3 14:31)" "$YUSUF" breach set "$K" --categories naw,bsn,financieel --groups burgers \
	--records 38 --subjects-min 38 --subjects-max 38 --nature gelezen --cause verkeerde-ontvanger \
	--encrypted nee --fg-name "Yusuf Demir" --fg-consulted-at "$(day 4 10:55)"
at "$(day 1 10:15)" "$ESTHER" log add "$K" "Nog geen bevestiging van de ontvanger ontvangen; opnieuw gebeld, voicemail ingesproken"

# --- 10. Ransomware op een fileserver van Sociaal Domein (noodsituatie) -----

K=$(new "$(day 2 07:10)" "$SANNE" \
	--title "Ransomware op fileserver van Sociaal Domein" \
	--description "File Integrity Monitoring meldt om 06:50 dat op fileserver FS-SD-02 duizenden bestanden in korte tijd worden hernoemd naar de extensie .lockd. Medewerkers van Sociaal Domein kunnen hun afdelingsschijf niet meer openen; in elke map staat een losgeldbericht." \
	--reporter-name "Monitoring (FIM)" --reporter-department "Informatievoorziening" \
	--source fim --occurred-at "$(day 2 06:20)" --occurred-estimated ja \
	--detected-at "$(day 2 06:50)" --personal-data ja --tlp amber+strict)
at "$(day 2 07:12)" "$THIJS" log add "$K" --kind action "FS-SD-02 van het netwerk losgekoppeld en het VLAN van Sociaal Domein geïsoleerd"
at "$(day 2 07:14)" "$THIJS" task done "$K" 1.1 --note "Server losgekoppeld, VLAN geïsoleerd"
at "$(day 2 07:20)" "$SANNE" incident assess "$K" --table beheer \
	--category "Problemen met programmatuur" --incident "Introductie van virussen via programmatuur" \
	--people 140 --impact programmatuur=hoog --impact gegevens=hoog --impact organisatieprocessen=hoog \
	--impact betrokkenen=hoog --impact beschikbaarheid=hoog --impact herstelwerk=hoog \
	--impact verspreiding=midden --urgency hoog
at "$(day 2 07:25)" "$SANNE" task done "$K" 1.3 --note "CISO gebeld"
at "$(day 2 07:45)" "$INGRID" incident assess "$K" --event-type noodsituatie
at "$(day 2 07:50)" "$INGRID" log add "$K" --kind decision "Noodsituatie afgekondigd: crisisteam komt om 08:30 bijeen in de raadzaal"
at "$(day 2 07:55)" "$INGRID" task done "$K" 1.3b --note "Gemeentesecretaris en burgemeester gebeld"
at "$(day 2 08:00)" "$MARK" incident phase "$K" initiatie
at "$(day 2 08:05)" "$MARK" task done "$K" 1.2 --note "Mark de Groot is incidentmanager"
at "$(day 2 08:10)" "$MARK" task done "$K" 1.6
at "$(day 2 08:15)" "$INGRID" task done "$K" 1.4 --note "IBD gebeld, IBD-CERT ondersteunt"
at "$(day 2 08:45)" "$MARK" task done "$K" 2.1 --note "Crisisteam bijeen"
at "$(day 2 08:50)" "$MARK" task done "$K" 2.3 --note "Basisteam en uitgebreid team: burgemeester, FG, crisismanager OOV, IBD"
at "$(day 2 09:30)" "$MARJOLEIN" decision add "$K" \
	--beeldvorming "Fileserver van Sociaal Domein versleuteld; onbekend of er gegevens zijn weggenomen; andere servers lijken schoon" \
	--opties "1) zelf herstellen uit de back-up 2) eerst extern forensisch onderzoek, dan herstellen uit de back-up 3) losgeld betalen" \
	--besluit "Optie 2. Er wordt geen losgeld betaald. Forensisch onderzoek door een extern bureau via de IBD" \
	--opdracht-wie "Mark de Groot" --opdracht-uiterlijk "$(day 2 17:00)" \
	--controle-op "$(ahead 1d)"
at "$(day 2 09:45)" "$MARK" incident phase "$K" analyse
at "$(day 2 11:00)" "$MARK" task done "$K" 3.1 --note "Extern forensisch bureau ingeschakeld"
at "$(day 2 15:30)" "$THIJS" log add "$K" --kind action "Geheugendump en schijfkopieën van FS-SD-02 gemaakt en overgedragen aan het forensisch bureau"
at "$(day 2 15:30)" "$THIJS" task done "$K" 3.2
at "$(day 2 19:00)" "$YUSUF" task done "$K" 3.6b --note "Voormelding bij de AP: mogelijk zijn dossiers van Wmo, Jeugd en Participatie ingezien of weggenomen"
at "$(day 2 19:00)" "$YUSUF" breach set "$K" --categories naw,bsn,financieel --special-categories gezondheid \
	--groups burgers,kwetsbaren,minderjarigen --subjects-min 0 --subjects-max 14000 --nature verwijderd,onbekend \
	--cause hack --encrypted nee --risk hoog \
	--risk-reasoning "Dossiers van Wmo, Jeugd en Participatie mogelijk ingezien of weggenomen" \
	--fg-name "Yusuf Demir" --fg-consulted-at "$(day 2 08:50)"
at "$(day 2 19:01)" "$YUSUF" breach notify "$K" --kind voorlopig --reference M-2026-12790 --filed-at "$(day 2 19:00)"
at "$(day 2 19:30)" "$MARK" log add "$K" --kind communication "Medewerkers Sociaal Domein geïnformeerd: werken via het zaaksysteem, afdelingsschijf blijft dicht"
at "$(day 1 16:00)" "$THIJS" log add "$K" "Forensisch bureau: toegang vermoedelijk via een VPN-account van een oud-medewerker zonder MFA. Back-ups van gisteren en eergisteren zijn schoon"
at "$(day 1 16:45)" "$INGRID" log add "$K" --kind action "Alle VPN-accounts zonder MFA geblokkeerd"

# --- 11. Overname van het mailaccount van een raadslid (initiatie) ----------

K=$(new "$(day 1 17:30)" "$JOOST" \
	--title "Mailaccount van een raadslid overgenomen" \
	--description "Meerdere raadsleden en inwoners kregen vanaf het gemeentelijke mailadres van een raadslid een verzoek om cadeaubonnen te kopen. Het raadslid heeft die mails niet gestuurd. In de mailbox staan ook brieven van inwoners aan de raad." \
	--reporter-name "Griffier" --reporter-department "Griffie" \
	--reporter-email "griffie@$MAIL" --source gebruiker-partner --occurred-at "$(day 1 14:00)" \
	--occurred-estimated ja --detected-at "$(day 1 17:05)" --personal-data ja --confidential ja --tlp red)
at "$(day 1 17:40)" "$JOOST" incident assess "$K" --table beheer \
	--category "Opzettelijk foutief handelen van gebruikers" \
	--incident "Kraken of omzeilen toegang door medewerkers of een buitenstaander" \
	--impact reputatie=hoog --impact gegevens=midden --impact betrokkenen=midden --urgency hoog
at "$(day 1 17:50)" "$THIJS" log add "$K" --kind action "Wachtwoord van het raadslid gereset, sessies ingetrokken; doorstuurregel naar een extern adres verwijderd"
at "$(day 1 17:52)" "$THIJS" task done "$K" 1.1
at "$(day 1 18:00)" "$JOOST" task done "$K" 1.3 --note "CISO gebeld"
at "$(day 1 18:30)" "$MARK" incident assess "$K" --event-type escalatie
at "$(day 1 18:35)" "$MARK" incident phase "$K" initiatie
# The incident manager joins the team of this confidential incident, so
# that his account (scripts/run.sh makes it) may see it.
team "$(day 1 18:40)" "$MARK" "$K" mark.degroot
at "$(day 1 19:00)" "$INGRID" task done "$K" 1.3b --note "Griffier en burgemeester geïnformeerd"
at "$(day 1 21:15)" "$YUSUF" log add "$K" "Beoordeling loopt: de aanvaller kon brieven van inwoners aan de raad inzien. Besluit over melding aan de AP uiterlijk morgenmiddag"
at "$(day 1 21:16)" "$YUSUF" breach set "$K" --categories naw,email --groups burgers --nature gelezen \
	--cause hack

# --- 12. Malware via een USB-lader in het stadskantoor (detectie) -----------

K=$(new "$(ago 30m)" "$SANNE" \
	--title "Verdachte USB-lader in het stadskantoor meldt zich als toetsenbord" \
	--description "Een medewerker van Vergunningen heeft zijn laptop opgeladen met een USB-lader die bij de flexplekken op de tweede verdieping lag. Defender meldde direct dat een nieuw toetsenbord opdrachten typte (keystroke injection) en blokkeerde een PowerShell-opdracht. Niemand weet van wie de lader is." \
	--reporter-name "Ruud Peters" --reporter-department "Vergunningen, Toezicht en Handhaving" \
	--reporter-phone "toestel 4325" --reporter-email "r.peters@$MAIL" \
	--source siem-soc --occurred-at "$(ago 42m)" --detected-at "$(ago 40m)")
at "$(ago 27m)" "$SANNE" incident assess "$K" --table gebruikers \
	--category "Problemen met programmatuur" \
	--incident "Inbrengen van virus door middel van niet gescreende programmatuur" \
	--impact apparatuur=laag --impact verspreiding=midden --urgency hoog
at "$(ago 25m)" "$SANNE" task done "$K" 0.2 --note "Defender-melding; lader in beslag genomen en in een envelop bij de servicedesk"
at "$(ago 20m)" "$LOTTE" log add "$K" --kind action "Laptop van het netwerk gehaald en in isolatie gezet via Defender"
at "$(ago 19m)" "$LOTTE" task done "$K" 1.1

echo "demo-seed: 12 incidents of Gemeente Voorbeeldstad in '$DB'"
