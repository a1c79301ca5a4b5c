#!/bin/bash
# incident close: the Bijlage 1 step 6 preconditions beyond the open tasks
# (t0160), each refused with its own message naming what is missing, and
# the incident unchanged: the final AP notification (6.4c) after a
# pre-notification, archiving collected evidence (6.1), sub-incidents
# still open. Once each is met the incident closes.
. "$(dirname "$0")/lib.sh"
init_db
ready() { # KEY: contained, every step 6 task n.v.t. except those named
	local key=$1 c
	shift
	mk incident edit "$key" --contained-at "$MELDKAMER_NOW"
	check_ok
	for c in $CLOSING_TASKS; do
		case " $* " in *" $c "*) continue ;; esac
		mk task na "$key" "$c" --reason "niet van toepassing"
		check_ok
	done
}

# 6.4c: the AP was pre-notified (task 3.6b sets ap_notified_at), so the
# final notification cannot be n.v.t.
new_incident --title "Mail met BSN's aan verkeerde ontvanger" --personal-data ja
DATALEK=$KEY
mk task done "$DATALEK" 3.6b --note "Voormelding AP gedaan" --role fg
check_ok
ready "$DATALEK" 6.4c
mk task na "$DATALEK" 6.4c --reason "Geen melding nodig"
check_ok
refused 1 "meldkamer incident close: closing needs the final notification to the AP (task 6.4c) done: the AP was pre-notified, so 6.4c cannot be n.v.t." \
	--role incidentmanager incident close "$DATALEK" --reason "klaar"
refused 1 "the AP was pre-notified, so 6.4c cannot be n.v.t." --role incidentmanager incident phase "$DATALEK" evaluatie --reason "klaar"
mk task reopen "$DATALEK" 6.4c --reason "Toch definitieve melding"
check_ok
mk task done "$DATALEK" 6.4c --note "Definitieve melding, kenmerk AP-2026-123" --role fg
check_ok
mk --role incidentmanager incident close "$DATALEK" --reason "klaar"
check_ok
check_out "$DATALEK is now in phase afsluiten"

# Without a pre-notification 6.4c may be n.v.t.
new_incident --title "Verloren pas" --personal-data ja
ready "$KEY"
mk --role incidentmanager incident close "$KEY" --reason "klaar"
check_ok

# 6.1: evidence was collected, so archiving it cannot be n.v.t.
new_incident --title "Malware op werkplek"
BEWIJS=$KEY
# A file and a physical item: both are evidence collected.
printf 'geheugen' >"$T/dump1.bin"
mk evidence add "$BEWIJS" "$T/dump1.bin" --what "Geheugendump 1" --why "Analyse"
check_ok
mk evidence add "$BEWIJS" --what "Laptop" --why "Beslag" --seal S1
check_ok
ready "$BEWIJS"
refused 1 "meldkamer incident close: closing needs the evidence archived (task 6.1) done: 2 evidence items were collected, so 6.1 cannot be n.v.t." \
	--role incidentmanager incident close "$BEWIJS" --reason "klaar"
mk task reopen "$BEWIJS" 6.1 --reason "Er is bewijs"
check_ok
mk task done "$BEWIJS" 6.1 --note "Gearchiveerd op de forensische share"
check_ok
mk --role incidentmanager incident close "$BEWIJS" --reason "klaar"
check_ok

# Sub-incidents: the parent closes only when its parts are closed.
new_incident --title "Phishingcampagne"
PARENT=$KEY
new_incident --title "Account Burgerzaken" --parent "$PARENT"
CHILD1=$KEY
new_incident --title "Account Sociaal Domein" --parent "$PARENT"
CHILD2=$KEY
ready "$PARENT"
refused 1 "meldkamer incident close: closing needs the sub-incidents closed first; still open: $CHILD1, $CHILD2" \
	--role incidentmanager incident close "$PARENT" --reason "klaar"
ready "$CHILD1"
mk --role incidentmanager incident close "$CHILD1" --reason "klaar"
check_ok
refused 1 "still open: $CHILD2" --role incidentmanager incident close "$PARENT" --reason "klaar"
ready "$CHILD2"
mk --role incidentmanager incident close "$CHILD2" --reason "klaar"
check_ok
mk --role incidentmanager incident close "$PARENT" --reason "klaar" --json
check_ok
json_py 'eq(d["phase"], "afsluiten"); eq(d["closed_at"], "2026-10-24T10:00:00Z")'

# Reopening a sub-incident does not reopen the parent; a closed parent
# moving on to evaluatie is not asked again.
mk --role incidentmanager incident phase "$CHILD1" herstel --reason "Opnieuw"
check_ok
mk --role incidentmanager incident phase "$PARENT" evaluatie
check_ok
finish
