#!/bin/bash
# One data breach along the IBD process (H2, Bijlage 1), by the roles
# that do each step, with the clock set for every command: registration,
# classification, noodsituatie, phases with containment first, a BOBOC
# decision, the AP notified within 72 hours across the DST change, step 6,
# closing, evaluation. At the end: every logbook entry exactly, the
# clocks, the chain (also against a head noted half-way), the KPIs.
. "$(dirname "$0")/lib.sh"
init_db

at() { MELDKAMER_NOW="$1"; export MELDKAMER_NOW; }
as() { MELDKAMER_USER=$1 MELDKAMER_ROLE=$2; export MELDKAMER_USER MELDKAMER_ROLE; }
ok() { mk "$@"; check_ok; }

as "Sanne SD" servicedesk
at "2026-10-24 11:50"
ok incident new --title "Map met persoonsgegevens per mail naar verkeerde ontvanger" \
	--source servicedesk --reporter-name "Jan Jansen" --reporter-department "Sociaal Domein" \
	--occurred-at "2026-10-24 09:00" --detected-at "2026-10-24 11:30" --personal-data ja
check_out "MK-2026-0001"
K=$OUT
at "2026-10-24 11:55"
ok incident assess "$K" --table gebruikers --category "Gegevens en gegevensdragers" \
	--incident "Ongeoorloofd inzien van gegevens bijvoorbeeld bij invoer of printen" \
	--people 350 --impact betrokkenen=hoog --urgency hoog
check_out "$K: impact hoog, urgency hoog, priority P1 kritiek
suggestion: priority P1 suggests event type escalatie (meldkamer incident assess $K --event-type escalatie)"
ok task done "$K" 0.1
ok task done "$K" 1.3 --note "CISO gebeld"

as "Ingrid IM" incidentmanager
at "2026-10-24 12:10"
ok incident assess "$K" --event-type noodsituatie
ok incident phase "$K" initiatie
at "2026-10-24 12:20"
ok incident phase "$K" analyse
ok log add "$K" "Ontvanger gevraagd de mail te verwijderen" --kind action
at "2026-10-24 13:00"
ok decision add "$K" --beeldvorming "350 dossiers naar externe ontvanger" --opties "Melden of niet melden" \
	--besluit "Melden bij de AP" --opdracht-wie "FG" --opdracht-uiterlijk "2026-10-26 12:00"
HALF=$(sql "SELECT log_count || ':' || log_head FROM incident")
refused 1 "phase 'oplossen' needs containment first" incident phase "$K" oplossen --reason "te snel"
ok incident phase "$K" indammen
at "2026-10-24 15:00"
ok incident edit "$K" --contained-at "2026-10-24 14:45"

as "Fatima FG" fg
at "2026-10-26 10:00"
ok task done "$K" 3.6b --note "Voormelding gedaan"

as "Ingrid IM" incidentmanager
at "2026-10-27 09:00"
for p in oplossen herstel remediatie; do ok incident phase "$K" $p; done
refused 1 "still open: 6.1, 6.2, 6.3, 6.4a, 6.4b, 6.4c, 6.4d, 6.4e, 6.4f" incident close "$K"
for c in 6.1 6.2 6.3 6.4b 6.4c 6.4f; do ok task done "$K" $c; done
for c in 6.4a 6.4d 6.4e; do ok task na "$K" $c --reason "Niet nodig"; done
at "2026-10-28 16:00"
ok incident close "$K"
as "Carla CISO" ciso
at "2026-11-12 10:00"
ok incident phase "$K" evaluatie
ok task done "$K" 7.4

mk incident show "$K" --json
check_ok
json_py '
eq([d["phase"], d["event_type"], d["priority"], d["impact_overall"], d["people_affected"]],
   ["evaluatie", "noodsituatie", "P1", "hoog", 350])
eq(d["times"], {"occurred_at": "2026-10-24T07:00:00Z", "occurred_estimated": False,
  "detected_at": "2026-10-24T09:30:00Z", "reported_at": "2026-10-24T09:50:00Z",
  "management_informed_at": None, "subjects_informed_at": "2026-10-27T08:00:00Z",
  "contained_at": "2026-10-24T12:45:00Z", "resolved_at": "2026-10-28T15:00:00Z",
  "closed_at": "2026-10-28T15:00:00Z", "ap_notified_at": "2026-10-26T09:00:00Z",
  "evaluated_at": "2026-11-12T09:00:00Z"})
c = {x["clock"]: x for x in d["clocks"]}
eq([c["ap-72h"][k] for k in ("state", "due", "met_at")], ["met", "2026-10-27T09:30:00Z", "2026-10-26T09:00:00Z"], "AP in time, across DST")
eq([c["subjects-7d"][k] for k in ("state", "due", "met_at")], ["met", "2026-10-31T10:30:00Z", "2026-10-27T08:00:00Z"], "data subjects informed by task 6.3")
eq([c["evaluation"][k] for k in ("state", "opens", "due", "met_at")], ["met", "2026-11-11T15:00:00Z", "2026-12-09T15:00:00Z", "2026-11-12T09:00:00Z"])
L = [[e["author"], e["role"], e["kind"], e["text"]] for e in d["log"]]
exp = [
 ["Sanne SD", "servicedesk", "system", "Incident geregistreerd via cli door Sanne SD (servicedesk): Map met persoonsgegevens per mail naar verkeerde ontvanger"],
 ["Sanne SD", "servicedesk", "status", "Classificatie:\nMeldingsmatrix: gebruikers / Gegevens en gegevensdragers / Ongeoorloofd inzien van gegevens bijvoorbeeld bij invoer of printen (helpdesk X, CISO X, directie X)\nGetroffen mensen: 350 (hoog)\nImpact: hoog (mensen hoog, betrokkenen hoog)\nUrgentie: hoog\nPrioriteit: P1 kritiek\nTaak 1.3: meldingsmatrix: CISO moet geïnformeerd worden (X)\nTaak 1.3b: meldingsmatrix: directie moet geïnformeerd worden (X)"],
 ["Sanne SD", "servicedesk", "action", "Taak 0.1 gedaan: Start van het incident vaststellen"],
 ["Sanne SD", "servicedesk", "action", "Taak 1.3 gedaan: CISO waarschuwen indien nodig\nNotitie: CISO gebeld"],
 ["Ingrid IM", "incidentmanager", "decision", "Gebeurtenistype: normaal -> noodsituatie, vastgesteld door Ingrid IM (incidentmanager)"],
 ["Ingrid IM", "incidentmanager", "status", "Fase: detectie -> initiatie"],
 ["Ingrid IM", "incidentmanager", "status", "Fase: initiatie -> analyse"],
 ["Ingrid IM", "incidentmanager", "action", "Ontvanger gevraagd de mail te verwijderen"],
 ["Ingrid IM", "incidentmanager", "decision", "Besluit (BOBOC)\nBeeldvorming: 350 dossiers naar externe ontvanger\nOpties: Melden of niet melden\nBesluit: Melden bij de AP\nOpdracht: FG, uiterlijk 2026-10-26 12:00 CET\nControle: 2026-10-26 12:00 CET"],
 ["Ingrid IM", "incidentmanager", "status", "Fase: analyse -> indammen"],
 ["Ingrid IM", "incidentmanager", "status", "Gewijzigd:\ncontained_at: - -> 2026-10-24 14:45 CEST"],
 ["Fatima FG", "fg", "action", "Taak 3.6b gedaan: Voormelding (voorwaarschuwing) doen bij de Autoriteit Persoonsgegevens\nNotitie: Voormelding gedaan"],
 ["Ingrid IM", "incidentmanager", "status", "Fase: indammen -> oplossen"],
 ["Ingrid IM", "incidentmanager", "status", "Fase: oplossen -> herstel"],
 ["Ingrid IM", "incidentmanager", "status", "Fase: herstel -> remediatie"]]
eq(L[:len(exp)], exp, "the logbook up to step 6")
eq([x[3].split(":")[0] for x in L[15:24]], ["Taak 6.1 gedaan", "Taak 6.2 gedaan", "Taak 6.3 gedaan", "Taak 6.4b gedaan", "Taak 6.4c gedaan", "Taak 6.4f gedaan", "Taak 6.4a n.v.t.", "Taak 6.4d n.v.t.", "Taak 6.4e n.v.t."], "step 6")
eq(L[24:], [
 ["Ingrid IM", "incidentmanager", "status", "Fase: remediatie -> afsluiten\nIncident afgesloten"],
 ["Carla CISO", "ciso", "status", "Fase: afsluiten -> evaluatie"],
 ["Carla CISO", "ciso", "action", "Taak 7.4 gedaan: Beoordelen of het incidentmanagementproces effectief en efficiënt is gevolgd"]], "closing and evaluation")
eq([e["seq"] for e in d["log"]], list(range(1, 28)), "27 entries, gap-free")
eq(d["chain"]["intact"], True)
eq(d["version"], 27, "one version per logbook entry")
'
mk log verify "$K" --expect-head "$HALF"
check_ok
mk report kpi --json
json_py '
eq([d["incidents"], d["with_personal_data"], d["with_citizen_impact"]], [1, 1, 1])
eq(d["detection_lag_s"], {"n": 1, "min": 9000, "avg": 9000, "max": 9000})
eq(d["containment_s"], {"n": 1, "min": 11700, "avg": 11700, "max": 11700})
eq(d["by_category"], {"Gegevens en gegevensdragers": 1})
eq(d["by_phase"]["evaluatie"], 1)
'
mk deadlines --json
json_py 'eq(d["deadlines"], [], "a closed incident has no pending clock once evaluated")'

finish
