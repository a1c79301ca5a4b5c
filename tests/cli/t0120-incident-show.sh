#!/bin/bash
# incident show: the text a person reads (exact, section by section) and
# the JSON document (its keys and values); unknown and malformed keys.
. "$(dirname "$0")/lib.sh"
init_db

new_incident --title "Verloren USB-stick" --description "$(printf 'Stick met\npaspoortaanvragen')" \
	--reporter-name "Piet" --reporter-email piet@gemeente.example --source servicedesk \
	--personal-data ja --occurred-at "2026-10-23 17:00" --occurred-estimated ja --detected-at "2026-10-24 09:00"
MELDKAMER_NOW="2026-10-24 12:10" mk incident assess "$KEY" --table gebruikers \
	--category "Gegevens en gegevensdragers" --incident "Zoekraken gegevensdragers" \
	--people 40 --urgency hoog --role incidentmanager --as "Ingrid IM"
check_ok
MELDKAMER_NOW="2026-10-24 12:20" mk task done "$KEY" 0.1 --note "Start vastgesteld"
check_ok
MELDKAMER_NOW="2026-10-24 12:30" mk decision add "$KEY" --beeldvorming "Stick kwijt" \
	--opties "Wachten of melden" --besluit "Melden bij AP" --opdracht-wie "FG" \
	--opdracht-uiterlijk "2026-10-25 12:00" --role incidentmanager --as "Ingrid IM"
check_ok

export MELDKAMER_NOW="2026-10-24 12:40"
mk incident show "$KEY"
check_ok
sed -n '1,/^checklist/p' "$T/out" >"$T/head.txt"
check_eq "show: header, record, times and clocks" "MK-2026-0001  Verloren USB-stick
phase detectie | priority P2 hoog | event normaal | TLP amber | version 4

Stick met
paspoortaanvragen

source: Melding aan de servicedesk door personeel
reporter: Piet, piet@gemeente.example
matrix: gebruikers / Gegevens en gegevensdragers / Zoekraken gegevensdragers (inform helpdesk X, CISO X, directie X)
impact: midden (mensen midden) | urgency hoog | people affected 40
personal data yes | confidential no
suggestion: priority P2 suggests event type escalatie

times (Amsterdam):
  occurred                 2026-10-23 17:00 CEST (estimated)
  detected                 2026-10-24 09:00 CEST
  reported                 2026-10-24 12:00 CEST
  management informed      -
  AP notified              -
  data subjects informed   -
  contained                -
  resolved                 -
  closed                   -
  evaluated                -

clocks:
  Gouden uur                                 ended     due 2026-10-24 10:00 CEST
  Melding aan de AP (72 uur)                 running   due 2026-10-27 08:00 CET (in 2d 20:20:00)
  Informeren betrokkenen (7 dagen)           running   due 2026-10-31 09:00 CET (in 6d 21:20:00)

crisis team (suggested by the impact, H4.2):
  basis            Voorzitter, Vastleggen acties / notulen (logger), Technisch advies, Beveiligingsadvies, Privacy advies, Communicatie / woordvoering, Aansturing ICT-intern, Aansturing leveranciers, Juridisch advies, Domeinadvies, Externe capaciteit voor triage

checklist (Bijlage 1):" "$(cat "$T/head.txt")"

check_out_has "  [x] 0.1   servicedesk      Start van het incident vaststellen  (tester, 2026-10-24 12:20 CEST)
        Start vastgesteld
  [ ] 0.2   servicedesk      Vastleggen hoe het incident is ontdekt en welke acties al zijn genomen"
check_out_has "  [ ] 1.3   servicedesk      CISO waarschuwen indien nodig
        meldingsmatrix: CISO moet geïnformeerd worden (X)
  [ ] 1.3b  ciso             Directie informeren volgens de meldingsmatrix
        meldingsmatrix: directie moet geïnformeerd worden (X)"
check_eq "checklist lines" 45 "$(grep -c '^  \[[ x-]\] ' "$T/out")"

sed -n '/^  1 of 45 done/,$p' "$T/out" >"$T/tail.txt"
check_eq "show: decisions and logbook" "  1 of 45 done, 0 n.v.t.

decisions (BOBOC):
  #1 2026-10-24 12:30 CEST by Ingrid IM
      Beeldvorming: Stick kwijt
      Opties: Wachten of melden
      Besluit: Melden bij AP
      Opdracht: FG, uiterlijk 2026-10-25 12:00 CET
      Controle: 2026-10-25 12:00 CET

observables:
  (none)

logbook (4 entries, chain intact):
  #1 2026-10-24 12:00 CEST  tester (servicedesk)  [system]
      Incident geregistreerd via cli door tester (servicedesk): Verloren USB-stick
  #2 2026-10-24 12:10 CEST  Ingrid IM (incidentmanager)  [status]
      Classificatie:
      Meldingsmatrix: gebruikers / Gegevens en gegevensdragers / Zoekraken gegevensdragers (helpdesk X, CISO X, directie X)
      Getroffen mensen: 40 (midden)
      Impact: midden (mensen midden)
      Urgentie: hoog
      Prioriteit: P2 hoog
      Taak 1.3: meldingsmatrix: CISO moet geïnformeerd worden (X)
      Taak 1.3b: meldingsmatrix: directie moet geïnformeerd worden (X)
  #3 2026-10-24 12:20 CEST  tester (servicedesk)  [action]
      Taak 0.1 gedaan: Start van het incident vaststellen
      Notitie: Start vastgesteld
  #4 2026-10-24 12:30 CEST  Ingrid IM (incidentmanager)  [decision]
      Besluit (BOBOC)
      Beeldvorming: Stick kwijt
      Opties: Wachten of melden
      Besluit: Melden bij AP
      Opdracht: FG, uiterlijk 2026-10-25 12:00 CET
      Controle: 2026-10-25 12:00 CET" "$(cat "$T/tail.txt")"

mk incident show "$KEY" --json
check_ok
json_py '
eq(list(d), ["key", "uuid", "title", "description", "reporter", "source", "matrix", "impact",
  "impact_overall", "people_affected", "urgency", "priority", "priority_label", "event_type",
  "phase", "confidential", "tlp", "personal_data", "exercise", "parent", "supplier", "times",
  "source_ref", "victim", "industry", "logbook", "version", "created_at", "updated_at",
  "clocks", "crisis_team", "tasks", "decisions", "observables", "log", "chain"], "top-level keys in order")
eq(list(d["crisis_team"]), ["basis"], "impact midden suggests the basic crisis team")
eq(len(d["crisis_team"]["basis"]), 11, "eleven roles in the basic team")
eq(d["matrix"], {"table": "gebruikers", "category": "Gegevens en gegevensdragers", "incident": "Zoekraken gegevensdragers"}, "matrix")
eq(d["impact"]["mensen"], "midden", "mensen")
eq([k for k, v in d["impact"].items() if v], ["mensen"], "only mensen assessed")
eq((d["impact_overall"], d["people_affected"], d["urgency"], d["priority"], d["priority_label"]),
   ("midden", 40, "hoog", "P2", "hoog"), "classification")
eq(d["version"], 4, "version")
eq(d["updated_at"], "2026-10-24T10:30:00Z", "updated_at")
eq(d["logbook"]["entries"], 4, "entries")
eq(d["logbook"]["head"], d["log"][-1]["hash"], "head")
eq([e["seq"] for e in d["log"]], [1, 2, 3, 4], "seqs")
eq([e["kind"] for e in d["log"]], ["system", "status", "action", "decision"], "kinds")
eq([e["author"] for e in d["log"]], ["tester", "Ingrid IM", "tester", "Ingrid IM"], "authors")
eq([e["role"] for e in d["log"]], ["servicedesk", "incidentmanager", "servicedesk", "incidentmanager"], "roles")
eq([e["prev_hash"] for e in d["log"][1:]], [e["hash"] for e in d["log"][:-1]], "chained")
eq(d["tasks"][0], {"code": "0.1", "step": 0, "title": "Start van het incident vaststellen",
  "owner": "Servicedesk", "role": "servicedesk", "closing": False, "state": "done",
  "done_by": "tester", "done_at": "2026-10-24T10:20:00Z", "note": "Start vastgesteld"}, "task 0.1")
eq(d["decisions"], [{"id": 1, "beeldvorming": "Stick kwijt", "opties": "Wachten of melden",
  "besluit": "Melden bij AP", "opdracht": {"wie": "FG", "uiterlijk": "2026-10-25T11:00:00Z"},
  "controle": {"op": "2026-10-25T11:00:00Z", "resultaat": None}, "decided_by": "Ingrid IM",
  "decided_at": "2026-10-24T10:30:00Z"}], "decisions")
eq([c["clock"] for c in d["clocks"]], ["golden-hour", "ap-72h", "subjects-7d", "evaluation", "retention"], "clocks")
eq([c["state"] for c in d["clocks"]], ["ended", "running", "running", "n/a", "n/a"], "clock states")
eq(d["chain"], {"intact": True, "problem": None}, "chain")
'

# Keys that are not there, or not keys.
refused 2 "meldkamer incident show: incident 'MK-2026-0002' does not exist" incident show MK-2026-0002
refused 2 "incident 'MK-2025-0001' does not exist" incident show MK-2025-0001
refused 2 "incident 'rommel' does not exist" incident show rommel
refused 2 "incident ''; DROP TABLE incident; --' does not exist" incident show "'; DROP TABLE incident; --"
refused 2 "missing the incident key (MK-YYYY-NNNN)" incident show
refused 2 "unexpected argument 'MK-2026-0002'" incident show MK-2026-0001 MK-2026-0002
mk incident show "$(printf 'MK-2026-0001\377')"
check_status 2
check_out_empty
check_eq "incident table still there" 1 "$(sql 'SELECT count(*) FROM incident')"

finish
