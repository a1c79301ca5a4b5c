#!/bin/bash
# incident assess: the priority of every impact x urgency cell (DESIGN.md
# "Classification"), overall impact as the highest criterion, the head
# count thresholds of the mensen criterion, clearing a criterion with -,
# the suggestion of escalatie for P1 and P2, and the logbook entry.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Classificatie"

# impact urgency priority label
CELLS="hoog:hoog:P1:kritiek hoog:midden:P2:hoog hoog:laag:P3:midden
midden:hoog:P2:hoog midden:midden:P3:midden midden:laag:P4:laag
laag:hoog:P3:midden laag:midden:P4:laag laag:laag:P4:laag"
for c in $CELLS; do
	IFS=: read -r imp urg prio label <<<"$c"
	mk incident assess "$KEY" --impact "gegevens=$imp" --urgency "$urg"
	check_ok
	if [ "$prio" = P1 ] || [ "$prio" = P2 ]; then
		check_out "$KEY: impact $imp, urgency $urg, priority $prio $label
suggestion: priority $prio suggests event type escalatie (meldkamer incident assess $KEY --event-type escalatie)"
	else
		check_out "$KEY: impact $imp, urgency $urg, priority $prio $label"
	fi
	mk incident show "$KEY" --json
	json_py 'eq((d["impact_overall"], d["urgency"], d["priority"], d["priority_label"]), ("'"$imp"'", "'"$urg"'", "'"$prio"'", "'"$label"'"), "cell '"$imp"' x '"$urg"'")'
done

# A fresh incident: impact without urgency has no priority yet.
new_incident --title "Alleen impact"
mk incident assess "$KEY" --impact reputatie=midden --json
check_ok
json_py 'eq(d["priority"], None, "no priority without urgency")'
mk log list "$KEY" --json
json_py 'eq(d[-1]["text"], "Classificatie:\nImpact: midden (reputatie midden)\nPrioriteit: nog niet te bepalen (impact en urgentie nodig)")'

# Overall impact is the highest level given; - clears one criterion.
mk incident assess "$KEY" --impact gegevens=laag --impact keten=hoog --urgency laag --json
check_ok
json_py 'eq(d["priority"], "P3", "hoog x laag")'
mk incident show "$KEY" --json
json_py '
eq({k: v for k, v in d["impact"].items() if v}, {"gegevens": "laag", "reputatie": "midden", "keten": "hoog"}, "criteria")
eq(d["impact_overall"], "hoog", "overall = highest")
'
mk incident assess "$KEY" --impact keten=-
check_ok
check_out "$KEY: impact midden, urgency laag, priority P4 laag"
mk log list "$KEY" --json
json_py 'eq(d[-1]["text"], "Classificatie:\nImpact: midden (gegevens laag, reputatie midden)\nPrioriteit: P4 laag")'

# Every criterion of the help text is known.
for c in mensen apparatuur programmatuur gegevens organisatieprocessen omgeving diensten \
	betrokkenen reputatie financieel herstelwerk verspreiding keten beschikbaarheid; do
	mk incident assess "$KEY" --impact "$c=laag"
	check_ok
done

# People affected: below 10 laag, 10 to 99 midden, 100 or more hoog.
new_incident --title "Mensen"
for p in 0:laag 9:laag 10:midden 99:midden 100:hoog 250000:hoog; do
	mk incident assess "$KEY" --people "${p%%:*}"
	check_ok
	mk incident show "$KEY" --json
	json_py 'eq((d["people_affected"], d["impact"]["mensen"]), ('"${p%%:*}"', "'"${p#*:}"'"), "people '"${p%%:*}"'")'
done
mk log list "$KEY" --json
json_py 'eq(d[-1]["text"], "Classificatie:\nGetroffen mensen: 250000 (hoog)\nImpact: hoog (mensen hoog)\nPrioriteit: nog niet te bepalen (impact en urgentie nodig)")'
# An explicit level for mensen wins over the count.
mk incident assess "$KEY" --people 500 --impact mensen=laag
check_ok
mk incident show "$KEY" --json
json_py 'eq((d["people_affected"], d["impact"]["mensen"]), (500, "laag"))'

# --if-version guards an assessment too (1 + 7 assessments so far).
refused 1 "incident $KEY is at version 8, not 7" incident assess "$KEY" --urgency hoog --if-version 7
mk incident assess "$KEY" --urgency hoog --if-version 8
check_ok
check_out "$KEY: impact laag, urgency hoog, priority P3 midden"

finish
