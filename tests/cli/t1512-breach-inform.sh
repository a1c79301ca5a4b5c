#!/bin/bash
# breach inform: the decision to inform the data subjects (art. 34). No
# needs an art. 34(3) ground and a written reason; yes needs a channel; a
# date stops the 7-day target (7 calendar days across the change to summer
# time: 167 hours); once informed the decision stands.
. "$(dirname "$0")/lib.sh"
init_db
export MELDKAMER_NOW="2027-03-26 12:00"
new_incident --title "Datalek bij de leerlingenadministratie" --detected-at "2027-03-26 10:00"
mk breach set "$KEY" --risk hoog --risk-reasoning "Gegevens van minderjarigen" --role fg
check_ok
mk deadlines --json
json_py '
s = [x for x in d["deadlines"] if x["clock"] == "subjects-7d"][0]
eq(s["due"], "2027-04-02T08:00:00Z", "2027-04-02 10:00 CEST")
eq(s["state"], "running")
'

refused 2 "decision must be ja or nee" breach inform "$KEY" --channel brief
refused 2 "decision 'misschien' is not ja or nee" breach inform "$KEY" --decision misschien
refused 2 "not informing the data subjects needs the ground" breach inform "$KEY" --decision nee --reason "Geen zin"
refused 2 "reason is empty: not informing the data subjects needs a written reason (art. 34)" breach inform "$KEY" --decision nee --exception versleuteld
refused 2 "exception 'geheim' is unknown: use one of geen-hoog-risico, versleuteld, maatregelen, onevenredig" breach inform "$KEY" --decision nee --exception geheim --reason x
refused 2 "channel is missing: how are the data subjects informed" breach inform "$KEY" --decision ja
refused 2 "channel 'duif' is unknown" breach inform "$KEY" --decision ja --channel duif
refused 2 "a decision not to inform takes no channel or date" breach inform "$KEY" --decision nee --exception versleuteld --reason x --channel brief
refused 2 "informed_at lies in the future" breach inform "$KEY" --decision ja --channel brief --informed-at "2027-03-26 13:00"
refused 2 "informed_at lies before aware_at" breach inform "$KEY" --decision ja --channel brief --informed-at "2027-03-26 09:00"
refused 2 "reason" breach inform "$KEY" --decision nee --exception versleuteld --reason "$(printf 'x\x1by')"
refused 2 "reason is too long" breach inform "$KEY" --decision nee --exception versleuteld --reason "$(head -c 1001 /dev/zero | tr '\0' a)"

# Planned: yes without a date; the clock runs on.
mk breach inform "$KEY" --decision ja --channel brief --role fg --as Fatima
check_ok
check_out "decision on informing the data subjects recorded"
mk deadlines --json
json_py 'eq([x["state"] for x in d["deadlines"] if x["clock"] == "subjects-7d"], ["running"])'

# Informed: the clock is met and the decision stands.
export MELDKAMER_NOW="2027-03-30 09:00"
mk breach inform "$KEY" --decision ja --channel brief --informed-at "2027-03-30 08:30"
check_ok
check_eq "subjects_informed_at" 1806388200 "$(sql "SELECT subjects_informed_at FROM incident")"
mk deadlines --json
json_py 'eq([x for x in d["deadlines"] if x["clock"] == "subjects-7d"], [])'
mk incident show "$KEY" --json
json_py '
s = [x for x in d["clocks"] if x["clock"] == "subjects-7d"][0]
eq((s["state"], s["met_at"]), ("met", "2027-03-30T06:30:00Z"))
'
check_eq "log" "decision|Besluit: betrokkenen informeren via brief, geïnformeerd 2027-03-30 08:30 CEST" \
	"$(sql "SELECT kind, text FROM logbook ORDER BY seq DESC LIMIT 1")"
refused 1 "the data subjects were informed already (2027-03-30 08:30 CEST): the decision stands" \
	breach inform "$KEY" --decision nee --exception versleuteld --reason "toch niet"

# A decision not to inform ends the subjects clock; a low risk has none.
new_incident --title "Versleutelde laptop kwijt" --detected-at "2027-03-30 08:00"
mk breach set "$KEY" --encrypted ja --encryption "BitLocker met TPM en pincode"
mk breach inform "$KEY" --decision nee --exception versleuteld --reason "De schijf was volledig versleuteld"
check_ok
mk breach show "$KEY" --json
json_py '
eq(d["inform"]["decision"], "nee"); eq(d["inform"]["exception"], "versleuteld")
eq(d["inform"]["reason"], "De schijf was volledig versleuteld"); eq(d["inform"]["decided_by"], "tester")
'
mk deadlines --json
json_py 'eq([x["key"] for x in d["deadlines"] if x["clock"] == "subjects-7d"], [])'
finish
