#!/bin/bash
# breach set | show: the breach record of an incident, its defaults (aware_at
# = detected_at), the personal-data flag it turns on and keeps on, exact
# show output, and bad input refused with the field named and nothing
# written.
. "$(dirname "$0")/lib.sh"
init_db
export MELDKAMER_NOW="2027-03-26 12:00"
new_incident --title "Laptop gestolen" --detected-at "2027-03-26 10:00"

refused 2 "incident $KEY has no breach record: record one with breach set" breach show "$KEY"

mk breach set "$KEY" --categories "naw, bsn" --special-categories gezondheid \
	--subjects-min 300 --subjects-max 350 --risk hoog --risk-reasoning "BSN en gezondheid" \
	--nature gelezen,gestolen --cause gestolen-apparaat --encrypted nee \
	--fg-name "M. de Vries" --fg-consulted-at "2027-03-26 11:00" --role fg --as "Fatima"
check_ok
check_out "breach recorded"
check_eq "personal_data" 1 "$(sql "SELECT personal_data FROM incident")"
check_eq "log" "action|Fatima|Datalek geregistreerd
Kennisname: 2027-03-26 10:00 CET
Categorieën: naw,bsn
Bijzondere categorieën: gezondheid
Betrokkenen minimaal: 300
Betrokkenen maximaal: 350
Risico: hoog
FG geraadpleegd: M. de Vries, 2027-03-26 11:00 CET
personal_data: nee -> ja" "$(sql "SELECT kind, author, text FROM logbook WHERE seq = 2")"

mk breach show "$KEY"
check_ok
check_out "$KEY breach (version 1)
aware_at                 2027-03-26 10:00 CET
AP due (72 h)            2027-03-29 11:00 CEST (in 2d 22:00:00)
subjects due (7 days)    2027-04-02 10:00 CEST
ended_at                 -
summary                  -
nature                   gelezen,gestolen
cause                    gestolen-apparaat
categories               naw,bsn
bsn                      yes
special_categories       gezondheid
records                  -
groups                   -
subjects_min             300
subjects_max             350
encrypted                no
encryption               -
risk                     hoog
risk_reasoning           BSN en gezondheid
consequences             -
measures                 -
fg_name                  M. de Vries
fg_consulted_at          2027-03-26 11:00 CET
inform subjects          not decided
AP notifications:
  none"

mk breach show "$KEY" --json
check_ok
json_py '
eq(d["key"], "'"$KEY"'")
eq(d["aware_at"], "2027-03-26T09:00:00Z")
eq(d["ap_due"], "2027-03-29T09:00:00Z", "72 elapsed hours across the change to summer time")
eq(d["subjects_due"], "2027-04-02T08:00:00Z", "7 calendar days: 167 hours")
eq(d["categories"], ["naw", "bsn"]); eq(d["bsn"], True)
eq(d["special_categories"], ["gezondheid"]); eq(d["nature"], ["gelezen", "gestolen"])
eq(d["subjects_min"], 300); eq(d["subjects_max"], 350); eq(d["encrypted"], False)
eq(d["risk"], "hoog"); eq(d["ap_status"], "niet gemeld"); eq(d["notifications"], [])
eq(d["inform"]["decision"], None); eq(d["version"], 1)
'

# The flag stays on while the breach exists.
refused 1 "personal_data stays ja: incident $KEY has a breach record" incident edit "$KEY" --personal-data nee

# A change: version 2, logged.
mk breach set "$KEY" --records 1200 --summary "$(printf 'Laptop uit auto gestolen\nniet versleuteld')"
check_ok
check_out "breach changed"
check_eq "version" 2 "$(sql "SELECT version FROM breach")"
check_eq "log" "Datalek gewijzigd" "$(sql "SELECT substr(text, 1, 17) FROM logbook WHERE seq = 3")"

# Bad input: exit 2, the field named, nothing written.
refused 2 "categories 'paspoort' is unknown: use one of naw, telefoon, email, inlog, financieel, id-kopie, geslacht-leeftijd, bsn, anders" breach set "$KEY" --categories naw,paspoort
refused 2 "categories has an empty name" breach set "$KEY" --categories "naw,,bsn"
refused 2 "subjects_max (10) is below subjects_min (300)" breach set "$KEY" --subjects-max 10
refused 2 "subjects_min '-1' is not a count" breach set "$KEY" --subjects-min -1
refused 2 "subjects_min '12abc' is not a count" breach set "$KEY" --subjects-min 12abc
refused 2 "aware_at lies before the incident's detected_at" breach set "$KEY" --aware-at "2027-03-26 09:59"
refused 2 "aware_at lies in the future" breach set "$KEY" --aware-at "2027-03-26 12:01"
refused 2 "risk 'middel' is unknown: use one of geen, laag, hoog" breach set "$KEY" --risk middel
refused 2 "risk_reasoning is empty" breach set "$KEY" --risk-reasoning ""
refused 2 "encryption: say how" breach set "$KEY" --encrypted ja
refused 2 "encrypted 'soms' is not ja or nee" breach set "$KEY" --encrypted soms
refused 2 "the FG consultation needs both who" breach set "$KEY" --fg-consulted-at ""
refused 2 "summary" breach set "$KEY" --summary "$(printf 'bad \xff byte')"
refused 2 "fg_name" breach set "$KEY" --fg-name "$(printf 'two\nlines')"
refused 2 "summary is too long" breach set "$KEY" --summary "$(head -c 70000 /dev/zero | tr '\0' a)"
refused 2 "nature is too long" breach set "$KEY" --nature "$(head -c 2000 /dev/zero | tr '\0' a)"
refused 2 "risk is given twice" breach set "$KEY" --risk laag --risk hoog
refused 2 "unknown option '--colour'" breach set "$KEY" --colour rood
refused 2 "missing the incident key" breach set
refused 2 "incident 'MK-2027-0099' does not exist" breach set MK-2027-0099 --records 1

mk breach set --help
check_ok
check_out_has "usage: meldkamer breach set KEY [fields]"
check_out_has "--special-categories LIST"
finish
