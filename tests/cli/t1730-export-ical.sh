#!/bin/bash
# export ical: the evaluation meeting as an iCalendar VEVENT invitation,
# exactly: METHOD:REQUEST, a UID stable per incident, SEQUENCE counting
# the moves, UTC times, organizer and the incident team as attendees
# (LOGIN@--mail-domain); lines end in CRLF. Refused without a meeting,
# for an unknown incident and for a hostile mail domain.
. "$(dirname "$0")/lib.sh"
init_db
for u in thijs.jansen yusuf.demir; do
	echo "een-lang-wachtwoord-$u" >"$T/pw"
	mk_stdin "$T/pw" --role admin user add "$u" --role behandelaar --display-name "$u display" --password-stdin
	check_ok
done
new_incident --title "Phishing, bij Burgerzaken; 40 medewerkers"
UUID=$(sql "SELECT uuid FROM incident WHERE key = '$KEY'")
mk --role incidentmanager team add "$KEY" thijs.jansen
check_ok
mk --role incidentmanager team add "$KEY" yusuf.demir
check_ok
export MELDKAMER_NOW="2026-10-24 12:30"
close_incident "$KEY"
refused 1 "$KEY has no evaluation meeting yet: propose one with 'meldkamer evaluation meeting $KEY --at TIME'" \
	export ical "$KEY"
export MELDKAMER_NOW="2026-10-25 09:00"
mk evaluation meeting "$KEY" --at "2026-11-19 10:00"
check_ok
mk evaluation meeting "$KEY" --at "2026-11-20 10:00" --minutes 90
check_ok

export MELDKAMER_NOW="2026-10-25 09:15"
mk --as "Mark de Groot" export ical "$KEY" --mail-domain voorbeeldstad.nl -o "$T/uitnodiging.ics"
check_status 0
check_out_empty
check_err "wrote the evaluation invitation of $KEY to '$T/uitnodiging.ics' (2 attendees)"
printf '%s\r\n' \
	"BEGIN:VCALENDAR" "VERSION:2.0" "PRODID:-//meldkamer//evaluatie//NL" "METHOD:REQUEST" "BEGIN:VEVENT" \
	"UID:evaluatie-$UUID@meldkamer" "SEQUENCE:1" "DTSTAMP:20261025T081500Z" \
	"DTSTART:20261120T090000Z" "DTEND:20261120T103000Z" \
	"SUMMARY:Evaluatie $KEY: Phishing\\, bij Burgerzaken\\; 40 " " medewerkers" \
	"DESCRIPTION:Evaluatievergadering van incident $KEY (Bijlage 1 " \
	" stap 7 van de IBD-handreiking): geleerde lessen\\, de vragen van stap 7\\, " \
	" hoe het proces verliep en verbeteracties.\\nAanvang: 2026-11-20 10:00 CET " \
	" (Amsterdam)\\, 90 minuten." \
	"STATUS:CONFIRMED" "CLASS:CONFIDENTIAL" \
	"ORGANIZER;CN=Mark de Groot:mailto:Mark%20de%20Groot@voorbeeldstad.nl" \
	"ATTENDEE;CN=thijs.jansen display;ROLE=REQ-PARTICIPANT;" \
	" PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:thijs.jansen@voorbeeldstad.nl" \
	"ATTENDEE;CN=yusuf.demir display;ROLE=REQ-PARTICIPANT;" \
	" PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:yusuf.demir@voorbeeldstad.nl" \
	"END:VEVENT" "END:VCALENDAR" >"$T/expected.ics"
CHECKS=$((CHECKS + 1))
cmp -s "$T/expected.ics" "$T/uitnodiging.ics" || fail "the .ics differs:
$(diff <(tr -d '\r' <"$T/expected.ics") <(tr -d '\r' <"$T/uitnodiging.ics"))"
check_eq "file mode" 600 "$(stat -c %a "$T/uitnodiging.ics")"

# The same UID when exported again; without a domain, named not mailed.
mk export ical "$KEY"
check_ok
check_out_has "UID:evaluatie-$UUID@meldkamer"
check_out_has "PARTSTAT=NEEDS-ACTION;RSVP=TRUE:urn:x-meldkamer:account:thijs.jansen"
MELDKAMER_MAIL_DOMAIN=gemeente.example mk export ical "$KEY"
check_out_has "mailto:yusuf.demir@gemeente.example"

refused 2 "--mail-domain 'evil.nl\\x0d" \
	export ical "$KEY" --mail-domain "$(printf 'evil.nl\r\nATTENDEE:mailto:x@y')"
refused 2 "--mail-domain '' is not a domain name" export ical "$KEY" --mail-domain ""
refused 2 "incident 'MK-2026-0099' does not exist" export ical MK-2026-0099
refused 2 "needs the incident key" export ical
mkdir "$T/map"
refused 2 "'$T/map' is not a regular file: not replacing it" export ical "$KEY" -o "$T/map"
finish
