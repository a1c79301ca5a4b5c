#!/bin/bash
# export report: one printable, self-contained HTML page in Dutch with
# every section (record, classification, timeline, decisions, checklist,
# evidence, costs, evaluation, retention) and exact values; every value
# escaped (a <script> title arrives as text); no external resources.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title '<script>alert("x")</script> & Ransomware' --detected-at "2026-10-24 09:00" \
	--description "$(printf 'Regel 1 <b>vet</b>\nRegel 2')" --reporter-name "Sanne O'Brien"
mk incident assess "$KEY" --table gebruikers --category 'Gegevens en gegevensdragers' \
	--incident 'Diefstal van gegevensdragers' --impact betrokkenen=hoog --urgency hoog --role incidentmanager
check_ok
mk decision add "$KEY" --beeldvorming "Server <versleuteld>" --opties "Herstellen" --besluit "Back-up terugzetten" \
	--opdracht-wie "Team ICT" --opdracht-uiterlijk "2026-10-25 18:00" --role incidentmanager
check_ok
mk breach set "$KEY" --risk laag --risk-reasoning "Eén dump <versleuteld>" --role fg
check_ok
mk breach notify "$KEY" --kind voorlopig --reference M2026-41 --role fg
check_ok
mk breach notify "$KEY" --kind definitief --reference M2026-41 --role fg
check_ok
ID=$(sql "SELECT id FROM incident WHERE key = '$KEY'")
sql "INSERT INTO evidence (incident_id, what, why, sha256, size, media_type, name, stored_path, collected_by, collected_at)
     VALUES ($ID, 'Geheugendump <srv01>', 'Analyse', '$(printf 'ab%062d' 7)', 2048, 'application/octet-stream', 'srv01.mem',
     'sha256/ab/x', 'Thijs', 1792836000)"
# A physical item of the chain of custody (schema 0005) and its hand-over.
mk evidence add "$KEY" --what "Laptop <X1>" --why "Inbeslagname" --seal "ZB-1" --role incidentmanager
check_ok
mk evidence transfer "$KEY" 1 --from "Anna de Vries" --to "Politie <Den Haag>" --reason "Aangifte" --receipt "PV-77" --role incidentmanager
check_ok
mk --role admin rate set behandelaar 87.50
check_ok
mk time add "$KEY" --minutes 95 --activity analyse --person "Thijs <Jansen>" --work-role behandelaar --date 2026-10-24
check_ok
mk cost add "$KEY" --kind forensisch --amount 4840 --description "Factuur \"Fox-IT\""
check_ok
export MELDKAMER_NOW="2026-10-24 12:30"
mk task done "$KEY" 6.1 --note "Archief <share>"
check_ok
mk incident edit "$KEY" --contained-at "$MELDKAMER_NOW"
check_ok
for c in ${CLOSING_TASKS#6.1 }; do
	mk task na "$KEY" "$c" --reason "niet van toepassing"
	check_ok
done
mk incident close "$KEY" --reason "afgerond" --role incidentmanager
check_ok
export MELDKAMER_NOW="2026-11-20 12:00"
mk evaluation set "$KEY" --lessons "MFA <eerder>" --answer "7.3b=Awareness & MFA"
check_ok
mk action add "$KEY" --what "MFA uitrollen" --owner "Team Werkplek" --due 2026-12-31
check_ok
mk --role ciso incident hold "$KEY" --reason "Aangifte gedaan"
check_ok

mk --as "Mark de Groot" export report "$KEY" -o "$T/rapport.html"
check_status 0
check_out_empty
check_err_has "wrote the report of $KEY to '$T/rapport.html' ("
R=$(<"$T/rapport.html")
has() {
	CHECKS=$((CHECKS + 1))
	case $R in *"$1"*) ;; *) fail "the report lacks: $1" ;; esac
}
lacks() {
	CHECKS=$((CHECKS + 1))
	case $R in *"$1"*) fail "the report contains: $1" ;; esac
}
has '<!DOCTYPE html>
<html lang="nl">'
has "<title>Incidentrapport $KEY: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Ransomware</title>"
has "<h1>Incidentrapport $KEY</h1>"
lacks '<script'
lacks '<b>vet'
lacks ' src='
lacks '<link'
lacks 'http://'
lacks 'https://'
has '@media print{'
for s in gegevens classificatie tijdlijn besluiten checklist bewijs bewijsketen datalek kosten evaluatie bewaren; do
	has "<section id=\"$s\" aria-labelledby=\"$s-kop\">"
done
has '<tr><th scope="row">Omschrijving</th><td>Regel 1 &lt;b&gt;vet&lt;/b&gt;<br>Regel 2</td></tr>'
has '<tr><th scope="row">Melder</th><td>Sanne O&#39;Brien</td></tr>'
has '<tr><th scope="row">Ontdekt</th><td><time datetime="2026-10-24T07:00:00Z">2026-10-24 09:00 CEST</time></td></tr>'
has '<tr><th scope="row">Afgesloten</th><td><time datetime="2026-10-24T10:30:00Z">2026-10-24 12:30 CEST</time></td></tr>'
has '<tr><th scope="row">Prioriteit</th><td>P1 kritiek</td></tr>'
has '<tr><th scope="row">Categorie</th><td>Gegevens en gegevensdragers</td></tr>'
has '<tr><td>betrokkenen</td><td>hoog</td></tr>'
LOGS=$(sql "SELECT log_count FROM incident WHERE key = '$KEY'")
HEAD=$(sql "SELECT log_head FROM incident WHERE key = '$KEY'")
has "de kop na $LOGS regels is <span class=\"hash\">$HEAD</span>"
check_eq "logbook rows in the report" "$LOGS" "$(grep -c '<td class="hash">[0-9a-f]\{64\}</td></tr>' "$T/rapport.html")"
has 'Besluit: Back-up terugzetten'
has '<tr><th scope="row">Beeldvorming</th><td>Server &lt;versleuteld&gt;</td></tr>'
has '<tr><td>6.1</td><td>Forensisch bewijsmateriaal archiveren</td><td>Incident manager</td><td>gedaan</td><td>tester, <time datetime="2026-10-24T10:30:00Z">2026-10-24 12:30 CEST</time></td><td>Archief &lt;share&gt;</td></tr>'
has '<td>Geheugendump &lt;srv01&gt;</td><td>Analyse</td><td>srv01.mem (application/octet-stream, 2048 bytes)</td><td class="hash">ab00000000000000000000000000000000000000000000000000000000000007</td>'
has '<tr><td>1</td><td><time datetime="2026-10-24T10:00:00Z">2026-10-24 12:00 CEST</time></td><td>overdracht van Anna de Vries aan Politie &lt;Den Haag&gt; (ontvangstbewijs PV-77)</td><td>tester</td><td>Aangifte</td></tr>'
has '<tr><th scope="row">Risico voor betrokkenen</th><td>'
has '<tr><th scope="row">Onderbouwing</th><td>Eén dump &lt;versleuteld&gt;</td></tr>'
has '<tr><td>voorlopig</td><td><time datetime="2026-10-24T10:00:00Z">2026-10-24 12:00 CEST</time></td><td>M2026-41</td><td>tester</td><td><span class="leeg">-</span></td></tr>'
has '<tr><td>definitief</td><td><time datetime="2026-10-24T10:00:00Z">2026-10-24 12:00 CEST</time></td><td>M2026-41</td>'
has '<tr><th scope="row">Tijd</th><td class="bedrag">95 minuten, € 138,54</td></tr>'
has '<tr><th scope="row">Overige kosten</th><td class="bedrag">€ 4.840,00</td></tr>'
has '<tr><th scope="row">Totaal</th><td class="bedrag totaal">€ 4.978,54</td></tr>'
has '<tr><td>Thijs &lt;Jansen&gt;</td><td class="bedrag">95</td><td class="bedrag">€ 138,54</td></tr>'
has '<td>Factuur &quot;Fox-IT&quot;</td><td class="bedrag">€ 4.840,00</td>'
has '<tr><th scope="row">Geleerde lessen</th><td>MFA &lt;eerder&gt;</td></tr>'
has '<dt>7.3b Wat hadden we meer kunnen doen om het incident te voorkomen?</dt><dd>Awareness &amp; MFA</dd>'
has '<tr><th scope="row">Evaluatie vanaf (2 weken na afsluiten)</th><td><time datetime="2026-11-07T11:30:00Z">2026-11-07 12:30 CET</time></td></tr>'
has '<tr><td>1</td><td>MFA uitrollen</td><td>Team Werkplek</td><td><time datetime="2026-12-30T23:00:00Z">2026-12-31 00:00 CET</time></td><td>nee</td></tr>'
has 'Legal hold sinds <time datetime="2026-11-20T11:00:00Z">2026-11-20 12:00 CET</time> (tester): Aangifte gedaan.'
has '<tr><th scope="row">Bewaren tot ten minste (3 jaar na afsluiten)</th><td><time datetime="2029-10-24T10:30:00Z">2029-10-24 12:30 CEST</time></td></tr>'
has 'Gemaakt door meldkamer op 2026-11-20 12:00 CET door Mark de Groot.'
check_eq "file mode" 600 "$(stat -c %a "$T/rapport.html")"
# The structure parses as HTML with every element closed where it should.
"$PY" - "$T/rapport.html" <<'PYEOF' || fail "the report is not well-formed"
import sys
from html.parser import HTMLParser
void = {"meta", "br"}
class P(HTMLParser):
    stack = []
    def handle_starttag(self, tag, attrs):
        if tag not in void: self.stack.append(tag)
    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); assert p.stack == [], p.stack
PYEOF
CHECKS=$((CHECKS + 1))

# Standard output without -o; bad input.
mk export report "$KEY"
check_ok
check_out_has "<h1>Incidentrapport $KEY</h1>"
refused 2 "incident 'MK-2026-0099' does not exist" export report MK-2026-0099
refused 2 "needs the incident key" export report
mkdir "$T/map"
refused 2 "'$T/map' is not a regular file: not replacing it" export report "$KEY" -o "$T/map"
refused 1 "cannot write '$T/nergens/r.html'" export report "$KEY" -o "$T/nergens/r.html"
finish
