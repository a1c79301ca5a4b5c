#!/bin/bash
# export ap-melding: the draft of the AP's breach form for the FG holds
# every question of AP-MELDING.md sections 0-9, answered exactly from the
# record where known and "nog invullen" where not, as JSON and Markdown.
. "$(dirname "$0")/lib.sh"
init_db
export MELDKAMER_NOW="2027-03-26 12:00"
new_incident --title "Laptop met cliëntdossiers gestolen" --detected-at "2027-03-26 10:00" \
	--occurred-at "2027-03-25 22:00" --occurred-estimated ja --supplier "Cloudbedrijf BV"
refused 2 "incident $KEY has no breach record" export ap-melding "$KEY"
refused 2 "incident 'MK-2027-0042' does not exist" export ap-melding MK-2027-0042
refused 2 "missing the incident key" export ap-melding

mk breach set "$KEY" --summary "Laptop uit de auto van een medewerker gestolen" \
	--nature gelezen,gestolen --cause gestolen-apparaat --categories naw,bsn,financieel \
	--special-categories gezondheid --records 1200 --groups burgers,minderjarigen \
	--subjects-min 300 --subjects-max 350 --encrypted nee --risk hoog \
	--risk-reasoning "Gezondheidsgegevens met BSN" --consequences "Identiteitsfraude" \
	--measures "Account geblokkeerd, aangifte gedaan" --fg-name "M. de Vries" \
	--fg-consulted-at "2027-03-26 11:00" --ended-at "2027-03-26 10:30"

# Every question, in order, before anything is notified.
mk export ap-melding "$KEY" --json
check_ok
json_py '
eq(d["key"], "'"$KEY"'")
eq([s["number"] for s in d["sections"]], list(range(10)))
eq([s["title"] for s in d["sections"]], ["Over deze melding", "Contactgegevens en algemene informatie",
 "Tijdlijn", "Gegevens over het datalek", "Betrokken persoonsgegevens", "Betrokken personen",
 "Maatregelen vooraf", "Gevolgen", "Vervolgacties", "Overig"])
ids = [q["id"] for s in d["sections"] for q in s["questions"]]
eq(ids, ["0.1", "0.2", "0.3", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9",
 "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2",
 "6.1", "6.2", "7.1", "7.2", "7.3", "8.1", "8.2", "8.3", "8.4", "9.1"])
a = {q["id"]: q["answer"] for s in d["sections"] for q in s["questions"]}
f = {q["id"]: q["filled"] for s in d["sections"] for q in s["questions"]}
eq(a["0.1"], "AVG (de gemeente is geen aanbieder van openbare elektronische communicatiediensten)")
eq(a["0.2"], "Nieuwe melding"); eq(a["0.3"], "n.v.t. (nieuwe melding)")
for q in ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "8.1", "8.2", "8.4"]:
    eq((a[q], f[q]), ("nog invullen", False), q)
eq(a["1.8"], "M. de Vries (functionaris gegevensbescherming)")
eq(a["1.9"], "Cloudbedrijf BV (leverancier, mogelijk verwerker)")
eq(a["2.1"], "2027-03-25 22:00 CET (schatting)")
eq(a["2.2"], "2027-03-26 10:00 CET")
eq(a["2.3"], "Nee, beëindigd op 2027-03-26 10:30 CET")
eq(a["2.4"], "n.v.t.: binnen 72 uur na de kennisname (uiterlijk 2027-03-29 11:00 CEST)")
eq(a["3.1"], "Laptop uit de auto van een medewerker gestolen")
eq(a["3.2"], "Gelezen (vertrouwelijkheid), Gestolen")
eq(a["3.3"], "Gestolen gegevensdrager of apparaat")
eq(a["4.1"], "Naam, adres, woonplaats, Financiële of economische gegevens, Burgerservicenummer (BSN)")
eq(a["4.2"], "Ja"); eq(a["4.3"], "Gezondheid"); eq(a["4.4"], "Ongeveer 1200")
eq(a["5.1"], "Inwoners, klanten, Minderjarigen"); eq(a["5.2"], "Minimaal 300, maximaal 350")
eq(a["6.1"], "Nee"); eq(a["6.2"], "n.v.t.")
eq(a["7.1"], "Vertrouwelijkheid, Beschikbaarheid"); eq(a["7.2"], "Identiteitsfraude")
eq(a["7.3"], "Hoog risico (ook betrokkenen informeren): Gezondheidsgegevens met BSN")
eq(a["8.3"], "Account geblokkeerd, aangifte gedaan")
eq(a["9.1"], "Intern kenmerk: '"$KEY"'")
eq(d["open_questions"], 10)
'

# Late, with notifications and the subjects decision.
export MELDKAMER_NOW="2027-03-30 09:00"
mk breach notify "$KEY" --kind voorlopig --reference M2027-4711 --late-reason "Diefstal pas op maandag gemeld"
mk breach inform "$KEY" --decision ja --channel brief --informed-at "2027-03-30 08:00"
mk export ap-melding "$KEY" --json
check_ok
json_py '
a = {q["id"]: q["answer"] for s in d["sections"] for q in s["questions"]}
eq(a["0.2"], "Aanvulling op een eerdere melding (1 eerder ingediend, laatste: voorlopig)")
eq(a["0.3"], "M2027-4711")
eq(a["2.4"], "Diefstal pas op maandag gemeld")
eq(a["8.1"], "Ja, geïnformeerd op 2027-03-30 08:00 CEST via Brief")
eq(a["8.2"], "Nee, de betrokkenen worden individueel geïnformeerd")
eq(d["open_questions"], 8)
'

# The Markdown holds the same: every question line and its answer.
mk export ap-melding "$KEY"
check_ok
check_out_has "# Concept melding datalek aan de AP: $KEY"
check_out_has "Vul de 8 vragen met \"nog invullen\" aan"
check_out_has "## 0. Over deze melding"
check_out_has "## 9. Overig"
check_out_has "- 2.4 Waarom meldt u later dan 72 uur na de ontdekking?  
  Diefstal pas op maandag gemeld"
check_out_has "- 1.4 Naam van de melder (verplicht)  
  **nog invullen**"
check_eq "questions in the Markdown" 35 "$(grep -c '^- [0-9]\.[0-9] ' "$T/out")"
check_eq "open ones" 8 "$(grep -c '^  \*\*nog invullen\*\*$' "$T/out")"
finish
