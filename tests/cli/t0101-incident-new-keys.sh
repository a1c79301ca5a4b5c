#!/bin/bash
# Keys MK-YYYY-NNNN: per registration year in Amsterdam time, gap-free
# (a refused registration uses no number), restarting at 0001 each year.
. "$(dirname "$0")/lib.sh"
init_db

for i in 1 2 3; do
	mk incident new --title "Incident $i"
	check_ok
	check_out "MK-2026-000$i"
done

# Refused registrations take no number.
refused 2 "title cannot be empty" incident new --title ""
refused 2 "is not valid UTF-8" incident new --title "$(printf 'a\377')"
refused 2 "parent incident 'MK-2026-0099' does not exist" incident new --title x --parent MK-2026-0099
refused 2 "lies before" incident new --title x --occurred-at "2026-10-24 11:00" --detected-at "2026-10-24 10:00"
mk incident new --title "Na de weigeringen"
check_ok
check_out "MK-2026-0004"

# 31 December 23:30 UTC is already 1 January in Amsterdam: a 2027 key.
MELDKAMER_NOW=2026-12-31T22:30:00Z mk incident new --title "Oudejaarsavond"
check_ok
check_out "MK-2026-0005"
MELDKAMER_NOW=2026-12-31T23:30:00Z mk incident new --title "Nieuwjaarsnacht"
check_ok
check_out "MK-2027-0001"
MELDKAMER_NOW="2027-01-01 00:45" mk incident new --title "Nieuwjaarsnacht 2"
check_ok
check_out "MK-2027-0002"
# A late registration for the old year (the clock set back) continues
# that year's numbers.
MELDKAMER_NOW="2026-12-31 20:00" mk incident new --title "Nagekomen"
check_ok
check_out "MK-2026-0006"

# Numbers go past 9999 without losing order: the key widens.
sql "UPDATE key_counter SET last = 9999 WHERE year = 2026"
mk incident new --title "Tienduizendste"
check_ok
check_out "MK-2026-10000"
mk incident show MK-2026-10000 --json
check_ok
json_py 'eq(d["title"], "Tienduizendste")'

check_eq "keys in the database" "MK-2026-0001
MK-2026-0002
MK-2026-0003
MK-2026-0004
MK-2026-0005
MK-2026-0006
MK-2026-10000
MK-2027-0001
MK-2027-0002" "$(sql 'SELECT key FROM incident ORDER BY key')"

finish
