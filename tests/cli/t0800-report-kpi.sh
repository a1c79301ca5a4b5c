#!/bin/bash
# report kpi --json is a contract for outside scripts. A handful of
# incidents with known times gives exact figures: counts per category of
# the notification matrix ("" for not classified), personal data,
# detection lag (detected - occurred) and time to containment (contained -
# detected) as n/min/avg/max in seconds, avg rounded half up; exercises
# are left out.
. "$(dirname "$0")/lib.sh"
export MELDKAMER_NOW="2026-10-25 12:00"
init_db

mk report kpi --json
check_ok
json_py '
eq(d["incidents"], 0)
eq(d["by_category"], {})
eq(d["detection_lag_s"], {"n": 0, "min": None, "avg": None, "max": None})
eq(d["containment_s"], {"n": 0, "min": None, "avg": None, "max": None})
'

# I1: lag 4 days, containment 2 h, personal data.
new_incident --title I1 --personal-data ja --occurred-at "2026-10-20 12:00" --detected-at "2026-10-24 12:00" --contained-at "2026-10-24 14:00"
mk incident assess "$KEY" --table gebruikers --category "Gegevens en gegevensdragers" --incident "Zoekraken gegevensdragers" --impact gegevens=midden --urgency hoog
check_ok
# I2: lag 1 h 30, containment 30 min, reported to resolved 2 h.
new_incident --title I2 --occurred-at "2026-10-24 08:00" --detected-at "2026-10-24 09:30" --contained-at "2026-10-24 10:00" \
	--reported-at "2026-10-24 09:45" --resolved-at "2026-10-24 11:45"
mk incident assess "$KEY" --table beheer --category "Problemen met programmatuur" --incident "Fouten in programmatuur" --impact diensten=hoog --urgency hoog
check_ok
# I3: not classified, no occurred or contained time: in no duration.
new_incident --title I3 --detected-at "2026-10-24 11:00"
# I4: an exercise, left out whatever its figures.
new_incident --title I4 --exercise ja --personal-data ja --occurred-at "2026-10-24 11:59:59" --detected-at "2026-10-24 12:00" --contained-at "2026-10-24 12:00"
mk incident assess "$KEY" --table gebruikers --category "Omstandigheden op de werkplek" --incident "Ongewenste trillingen"
check_ok
# I5: lag 1 day + 2 s, contained at detection (0 s), personal data,
# citizen impact; across the end of summer time (24 h + 1 h of clock).
new_incident --title I5 --personal-data ja --occurred-at "2026-10-24 11:59:58" --detected-at "2026-10-25 11:00" --contained-at "2026-10-25 11:00"
mk incident assess "$KEY" --table gebruikers --category "Omstandigheden op de werkplek" --incident "Uitval van elektriciteit" --impact betrokkenen=midden
check_ok

mk report kpi --json
check_ok
json_py '
eq(list(d), ["incidents", "exercises_excluded", "with_personal_data", "with_citizen_impact", "by_category",
  "by_priority", "by_phase", "detection_lag_s", "containment_s", "report_to_resolution_s"], "keys")
eq(d["incidents"], 4, "incidents (exercise left out)")
eq(d["exercises_excluded"], 1)
eq(d["with_personal_data"], 2)
eq(d["with_citizen_impact"], 1)
eq(d["by_category"], {"": 1, "Gegevens en gegevensdragers": 1, "Omstandigheden op de werkplek": 1, "Problemen met programmatuur": 1})
# lags 345600, 5400, 86402 (sum 437402, avg 145800.67 -> 145801)
eq(d["detection_lag_s"], {"n": 3, "min": 5400, "avg": 145801, "max": 345600})
# containment 7200, 1800, 0 (avg 3000)
eq(d["containment_s"], {"n": 3, "min": 0, "avg": 3000, "max": 7200})
eq(d["report_to_resolution_s"], {"n": 1, "min": 7200, "avg": 7200, "max": 7200})
eq(d["by_priority"], {"none": 2, "P1": 1, "P2": 1, "P3": 0, "P4": 0})
eq(d["by_phase"]["detectie"], 4)
eq(sum(d["by_phase"].values()), 4)
'

mk report kpi
check_ok
check_out "incidents: 4 (exercises left out: 1)
with personal data: 2
with citizen impact: 1

by category (notification matrix):
       1  (not classified)
       1  Gegevens en gegevensdragers
       1  Omstandigheden op de werkplek
       1  Problemen met programmatuur

by priority: P1 1, P2 1, P3 0, P4 0, not assessed 2

durations:
  start to detection               n=3  min 1h 30m  avg 1d 16:30:01  max 4d 00:00:00
  detection to containment         n=3  min 0m 00s  avg 50m 00s  max 2h 00m
  report to resolution             n=1  min 2h 00m  avg 2h 00m  max 2h 00m"

# Turning the exercise into a real incident counts it.
mk incident edit MK-2026-0004 --exercise nee
check_ok
mk report kpi --json
json_py '
eq((d["incidents"], d["exercises_excluded"], d["with_personal_data"]), (5, 0, 3))
eq(d["detection_lag_s"], {"n": 4, "min": 1, "avg": 109351, "max": 345600})
eq(d["by_category"]["Omstandigheden op de werkplek"], 2)
'

refused 2 "unexpected argument 'kwartaal'" report kpi kwartaal

finish
