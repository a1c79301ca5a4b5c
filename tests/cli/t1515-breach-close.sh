#!/bin/bash
# incident close with a breach (DESIGN.md "Process"): afsluiten needs, for
# a reportable breach, a final or withdrawn AP notification; an unassessed
# breach is refused too; risk geen with nothing filed closes. Refused with
# exit 1 and nothing written.
. "$(dirname "$0")/lib.sh"
init_db
export MELDKAMER_NOW="2027-03-26 12:00"
new_incident --title "Brief aan verkeerd adres" --detected-at "2027-03-26 10:00" --contained-at "2027-03-26 10:30"
mk breach set "$KEY"
for c in $CLOSING_TASKS; do mk task na "$KEY" "$c" --reason "n.v.t. in de test"; done

refused 1 "the breach's risk is not assessed: record it (geen, laag or hoog) before closing" incident close "$KEY" --reason "klaar"
mk breach set "$KEY" --risk laag --risk-reasoning "Naam en adres van één inwoner"
refused 1 "the breach is reportable and the AP has no final or withdrawn notification (status 'niet gemeld'): file the definitief or the intrekking before closing" \
	incident close "$KEY" --reason "klaar"
mk breach notify "$KEY" --kind voorlopig --reference M2027-7
refused 1 "(status 'voorlopig gemeld')" incident close "$KEY" --reason "klaar"
refused 1 "(status 'voorlopig gemeld')" incident phase "$KEY" evaluatie --reason "klaar"
mk breach notify "$KEY" --kind definitief --reference M2027-7
mk incident close "$KEY" --reason "klaar"
check_ok
check_eq "phase" "afsluiten" "$(sql "SELECT phase FROM incident")"

# Risk geen, nothing filed: it closes.
new_incident --title "Verkeerde voornaam in een mail" --detected-at "2027-03-26 11:00" --contained-at "2027-03-26 11:10"
mk breach set "$KEY" --risk geen --risk-reasoning "Alleen een voornaam, geen risico"
for c in $CLOSING_TASKS; do mk task na "$KEY" "$c" --reason "n.v.t. in de test"; done
mk incident close "$KEY" --reason "klaar"
check_ok
finish
