#!/bin/bash
# incident phase (H2, Bijlage 1): the next phase needs nothing; skipping
# and moving back need a reason, which is logged; oplossen and later need
# containment first; refusals write nothing.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Malware op werkplek" --detected-at "2026-10-24 11:00"

export MELDKAMER_NOW="2026-10-24 12:01"; mk incident phase "$KEY" initiatie
check_ok
check_out "$KEY is now in phase initiatie"
mk log list "$KEY" --json
json_py 'eq([d[-1][k] for k in ("seq", "kind", "at", "text")], [2, "status", "2026-10-24T10:01:00Z", "Fase: detectie -> initiatie"])'

# Skipping without a reason, or with a blank one.
refused 1 "meldkamer incident phase: skipping phases from 'initiatie' to 'indammen' needs a reason" \
	incident phase "$KEY" indammen
refused 1 "skipping phases from 'initiatie' to 'indammen' needs a reason" \
	incident phase "$KEY" indammen --reason "   "
refused 1 "skipping phases from 'initiatie' to 'evaluatie' needs a reason" incident phase "$KEY" evaluatie
# Back without a reason.
refused 1 "moving back from 'initiatie' to 'detectie' needs a reason" incident phase "$KEY" detectie
# The same phase.
refused 1 "the incident is already in phase 'initiatie'" incident phase "$KEY" initiatie --reason "nog eens"

export MELDKAMER_NOW="2026-10-24 12:02"; mk incident phase "$KEY" analyse
check_ok
export MELDKAMER_NOW="2026-10-24 12:03"; mk incident phase "$KEY" initiatie --reason "Scope opnieuw bepalen"
check_ok
check_out "$KEY is now in phase initiatie"
export MELDKAMER_NOW="2026-10-24 12:04"; mk incident phase "$KEY" indammen --reason "Analyse loopt parallel"
check_ok
mk log list "$KEY" --json
json_py '
eq([e["text"] for e in d[2:]], [
  "Fase: initiatie -> analyse",
  "Fase: analyse -> initiatie\nReden: Scope opnieuw bepalen",
  "Fase: initiatie -> indammen\nReden: Analyse loopt parallel"])
'

# Containment first: oplossen, herstel, remediatie, afsluiten, evaluatie.
refused 1 "meldkamer incident phase: phase 'oplossen' needs containment first: record when the incident was contained (contained_at)" \
	incident phase "$KEY" oplossen
for p in herstel remediatie evaluatie; do
	refused 1 "phase '$p' needs containment first" incident phase "$KEY" "$p" --reason "snel door"
done
refused 1 "phase 'afsluiten' needs containment first" incident close "$KEY" --reason "snel dicht"

export MELDKAMER_NOW="2026-10-24 12:30"; mk incident edit "$KEY" --contained-at "2026-10-24 12:20"
check_ok
export MELDKAMER_NOW="2026-10-24 12:31"; mk incident phase "$KEY" oplossen
check_ok
check_out "$KEY is now in phase oplossen"
# Back before containment is allowed with a reason (the rule only guards
# the way forward).
export MELDKAMER_NOW="2026-10-24 12:32"; mk incident phase "$KEY" analyse --reason "Nieuwe besmetting gevonden"
check_ok
export MELDKAMER_NOW="2026-10-24 12:33"; mk incident phase "$KEY" herstel --reason "Besmetting opgeruimd"
check_ok

# Bad input.
refused 2 "phase 'oplossing' is unknown: use one of detectie, initiatie, analyse, indammen, oplossen, herstel, remediatie, afsluiten, evaluatie" \
	incident phase "$KEY" oplossing
refused 2 "phase 'HERSTEL' is unknown" incident phase "$KEY" HERSTEL
refused 2 "missing the phase (see 'meldkamer incident phase --help')" incident phase "$KEY"
refused 2 "missing the incident key (MK-YYYY-NNNN)" incident phase
refused 2 "unexpected argument 'extra'" incident phase "$KEY" remediatie extra
refused 2 "incident 'MK-2026-0404' does not exist" incident phase MK-2026-0404 initiatie
refused 2 "reason is too long: 1001 bytes, the limit is 1000" \
	incident phase "$KEY" oplossen --reason "$(head -c 1001 /dev/zero | tr '\0' r)"
refused 2 "reason is not valid UTF-8 (at byte 5)" incident phase "$KEY" oplossen --reason "$(printf 'reden\377')"
refused 2 "reason contains a control character (0x1b at byte 0)" incident phase "$KEY" oplossen --reason "$(printf '\033[2J')"
refused 1 "incident $KEY is at version 9, not 3" incident phase "$KEY" remediatie --if-version 3
refused 2 "--if-version 'x' is not a version number" incident phase "$KEY" remediatie --if-version x

# A reason with newlines is kept as written.
export MELDKAMER_NOW="2026-10-24 12:40"; mk incident phase "$KEY" oplossen --reason "$(printf 'Terug:\nherstel was te vroeg')" --if-version 9
check_ok
mk incident show "$KEY" --json
json_py '
eq(d["phase"], "oplossen"); eq(d["version"], 10)
eq(d["log"][-1]["text"], "Fase: herstel -> oplossen\nReden: Terug:\nherstel was te vroeg")
eq(d["times"]["closed_at"], None, "not closed")
'

finish
