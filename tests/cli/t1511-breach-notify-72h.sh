#!/bin/bash
# breach notify: the AP life cycle and the 72-hour clock to the second
# across the change to summer time (aware Friday 26 March 2027 10:00 CET,
# due Monday 29 March 11:00 CEST = 259 200 s later). A late first
# notification without a written reason is refused (exit 1) with nothing
# written; the deadlines list runs from aware_at and stops once notified.
. "$(dirname "$0")/lib.sh"
init_db
export MELDKAMER_NOW="2027-03-26 12:00"
new_incident --title "Export met BSN's gemaild" --detected-at "2027-03-25 09:00" --personal-data ja
refused 1 "incident $KEY has no breach record: record it (breach set) before notifying the AP" \
	breach notify "$KEY" --kind voorlopig --reference M2027-0001
# Aware a day after the incident was detected.
mk breach set "$KEY" --aware-at "2027-03-26 10:00" --role fg
check_ok

mk deadlines --json
check_ok
json_py '
ap = [x for x in d["deadlines"] if x["clock"] == "ap-72h"][0]
eq(ap["start"], "2027-03-26T09:00:00Z", "from aware_at, not detected_at")
eq(ap["due"], "2027-03-29T09:00:00Z")
eq(ap["state"], "running")
'

# The first of these at 11:00:01 CEST: one second late.
export MELDKAMER_NOW="2027-03-29 11:00:01"
refused 1 "late_reason is empty: the notification is filed after the 72 hours (due 2027-03-29 11:00 CEST) and needs the reasons for the delay (AVG art. 33(1))" \
	breach notify "$KEY" --kind voorlopig --reference M2027-0001
refused 1 "late_reason is empty" breach notify "$KEY" --kind voorlopig --reference M2027-0001 --late-reason "   "
mk deadlines --json
json_py 'eq([x["state"] for x in d["deadlines"] if x["clock"] == "ap-72h"], ["overdue"])'

# Nothing to supplement or withdraw before a first notification.
refused 1 "the first notification to the AP is voorlopig or definitief, not aanvulling" \
	breach notify "$KEY" --kind aanvulling --reference M2027-0001
refused 1 "not intrekking: there is nothing to withdraw yet" breach notify "$KEY" --kind intrekking --reference M2027-0001

# Bad input: exit 2.
refused 2 "kind 'final' is unknown: use one of voorlopig, aanvulling, intrekking, definitief" \
	breach notify "$KEY" --kind final --reference M2027-0001
refused 2 "--kind is missing" breach notify "$KEY" --reference M2027-0001
refused 2 "reference is empty: give the AP's meldnummer" breach notify "$KEY" --kind voorlopig --filed-at "2027-03-29 10:00"
refused 2 "reference holds a space, control or non-ASCII byte at offset 1" breach notify "$KEY" --kind voorlopig --reference "M 1" --filed-at "2027-03-29 10:00"
refused 2 "reference is too long (65 bytes, at most 64)" breach notify "$KEY" --kind voorlopig --reference "$(head -c 65 /dev/zero | tr '\0' X)" --filed-at "2027-03-29 10:00"
refused 2 "filed_at lies before aware_at (2027-03-26 10:00 CET)" breach notify "$KEY" --kind voorlopig --reference M1 --filed-at "2027-03-26 09:59"
refused 2 "filed_at lies in the future" breach notify "$KEY" --kind voorlopig --reference M1 --filed-at "2027-03-29 11:01"
refused 2 "late_reason" breach notify "$KEY" --kind voorlopig --reference M1 --late-reason "$(printf 'a\x01b')"

# Filed at exactly 72 hours: on time, no reason needed.
mk breach notify "$KEY" --kind voorlopig --reference M2027-0001 --filed-at "2027-03-29 11:00" --role fg --as "Fatima"
check_ok
check_out "$KEY AP notification 1 recorded: voorlopig, M2027-0001, filed 2027-03-29 11:00 CEST"
check_eq "ap_notified_at" "1806310800" "$(sql "SELECT ap_notified_at FROM incident")"
check_eq "log" "communication|Melding aan de AP: voorlopig, meldnummer M2027-0001, ingediend 2027-03-29 11:00 CEST" \
	"$(sql "SELECT kind, text FROM logbook ORDER BY seq DESC LIMIT 1")"
mk deadlines --json
json_py 'eq([x for x in d["deadlines"] if x["clock"] == "ap-72h"], [], "the AP clock stopped")'

refused 1 "the AP was notified already ('M2027-0001'): a later notification is an aanvulling, definitief or intrekking" \
	breach notify "$KEY" --kind voorlopig --reference M2027-0001
refused 1 "reference 'M2027-9999' is not the AP reference of the first notification ('M2027-0001')" \
	breach notify "$KEY" --kind aanvulling --reference M2027-9999
refused 1 "aware_at cannot change: the AP was notified already (meldnummer 'M2027-0001')" \
	breach set "$KEY" --aware-at "2027-03-26 11:00"

# A supplement days later needs no reason: the notification stood in time.
export MELDKAMER_NOW="2027-04-02 09:00"
mk breach notify "$KEY" --kind aanvulling --reference M2027-0001
check_ok
mk breach notify "$KEY" --kind definitief --reference M2027-0001 --json
check_ok
json_py 'eq(d, {"key": "'"$KEY"'", "notification": 3, "kind": "definitief", "reference": "M2027-0001"})'
refused 1 "the final notification was filed already: what follows is an aanvulling or intrekking" \
	breach notify "$KEY" --kind definitief --reference M2027-0001
mk breach notify "$KEY" --kind intrekking --reference M2027-0001
check_ok
refused 1 "the notification 'M2027-0001' was withdrawn: nothing follows an intrekking" \
	breach notify "$KEY" --kind aanvulling --reference M2027-0001

mk breach show "$KEY" --json
check_ok
json_py '
eq(d["ap_status"], "ingetrokken")
eq([(n["kind"], n["filed_at"], n["late"]) for n in d["notifications"]], [
 ("voorlopig", "2027-03-29T09:00:00Z", False), ("aanvulling", "2027-04-02T07:00:00Z", True),
 ("definitief", "2027-04-02T07:00:00Z", True), ("intrekking", "2027-04-02T07:00:00Z", True)])
eq(d["notifications"][0]["filed_by"], "Fatima")
'
# Append-only in the database itself.
check_eq "update refused" 1 \
	"$(sql "UPDATE ap_notification SET reference = 'X'" 2>&1 | grep -c 'AP notifications are append-only: they cannot be changed')"
check_eq "delete refused" 1 \
	"$(sql "DELETE FROM breach" 2>&1 | grep -c 'breaches stay in the register')"

# A second incident, late with its reason.
export MELDKAMER_NOW="2027-04-02 09:00"
new_incident --title "Brief naar verkeerd adres" --detected-at "2027-03-28 10:00"
mk breach set "$KEY"
mk breach notify "$KEY" --kind definitief --reference M2027-0002 --late-reason "Pas bij de klacht van een inwoner gezien dat het om BSN's ging"
check_ok
check_eq "late reason stored" "Pas bij de klacht van een inwoner gezien dat het om BSN's ging" \
	"$(sql "SELECT late_reason FROM ap_notification WHERE reference = 'M2027-0002'")"

# The full export carries each breach with its notifications.
mk export json
check_ok
json_py '
b = d["incidents"][0]["breach"]
eq((b["ap_status"], len(b["notifications"]), b["aware_at"]), ("ingetrokken", 4, "2027-03-26T09:00:00Z"))
eq(d["incidents"][1]["breach"]["notifications"][0]["late"], True)
'
finish
