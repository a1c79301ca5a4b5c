#!/bin/bash
# time add | list, rate set | list, cost add, report cost: time entries at
# the hourly rate of their role, other costs in cents, the report's totals
# per role, person, activity and kind to the cent (95 min at 87.50 EUR/h =
# 138.54: each entry rounded half a cent up, totals summed); bad input
# refused naming the field, with nothing written.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Ransomware op de fileserver" --detected-at "2026-10-24 09:00"

# Rates: admin only, euros with at most two decimals, history kept.
refused 1 "meldkamer rate set: only admin sets hourly rates, not servicedesk" rate set behandelaar 87.50
refused 2 "rate '87.505' has more than two decimals: amounts are in whole cents" --role admin rate set behandelaar 87.505
refused 2 "rate '-1' is not an amount in euros (like 87.50 or 87,50)" --role admin rate set behandelaar -- -1
refused 2 "rate '100000.01' is above the maximum of 100000.00 EUR" --role admin rate set behandelaar 100000.01
refused 2 "role 'stagiair' is unknown: use one of melder," --role admin rate set stagiair 10
refused 2 "needs the role and the hourly rate in euros" --role admin rate set behandelaar
mk --role admin --as "Beheer" rate set behandelaar 80
check_ok
export MELDKAMER_NOW="2026-10-24 12:01"; mk --role admin --as "Beheer" rate set behandelaar 87,50
check_ok
check_out "hourly rate of behandelaar: 87.50 EUR"
mk --role admin rate set incidentmanager 0.30
check_ok
mk rate list --json
json_py '
eq([(r["role"], r["amount"], r["cents"]) for r in d], [("behandelaar", "87.50", 8750), ("incidentmanager", "0.30", 30)])
eq(d[0]["set_by"], "Beheer (admin)")
eq(d[0]["set_at"], "2026-10-24T10:01:00Z")'
check_eq "rate history" 3 "$(sql 'SELECT count(*) FROM hourly_rate')"

# Time entries.
export MELDKAMER_NOW="2026-10-24 13:00"
mk time add "$KEY" --minutes 95 --activity analyse --person "Thijs Jansen" --work-role behandelaar \
	--start "2026-10-24 10:00" --note "Mailheaders en logs"
check_ok
check_out "$KEY time entry 1: 95 min analyse on 2026-10-24"
# Three single minutes at 0.30 EUR/h: 0.5 ct each rounds up to 1 ct, 3 ct in
# all (rounding the sum, 1.5 ct, would give 2).
for i in 1 2 3; do
	mk time add "$KEY" --minutes 1 --activity overleg --role incidentmanager --as "Mark de Groot" --date 2026-10-24
	check_ok
done
# A role without a rate: counted in minutes, cost unknown (0 in the sum).
mk time add "$KEY" --minutes 30 --activity communicatie --role fg --as "Yusuf Demir" --date 2026-10-23
check_ok
mk log list "$KEY" --json
json_py 'eq(d[1]["text"], "Tijd geschreven: 95 min analyse op 2026-10-24 door Thijs Jansen (behandelaar)\nNotitie: Mailheaders en logs")'

mk time list "$KEY" --json
check_ok
json_py '
eq([(e["id"], e["date"], e["person"], e["role"], e["minutes"]) for e in d],
   [(5, "2026-10-23", "Yusuf Demir", "fg", 30), (1, "2026-10-24", "Thijs Jansen", "behandelaar", 95),
    (2, "2026-10-24", "Mark de Groot", "incidentmanager", 1), (3, "2026-10-24", "Mark de Groot", "incidentmanager", 1),
    (4, "2026-10-24", "Mark de Groot", "incidentmanager", 1)])
eq(d[1]["cost"], {"amount": "138.54", "cents": 13854}, "95 min at 87.50")
eq(d[1]["rate"], {"amount": "87.50", "cents": 8750})
eq(d[1]["start"], "2026-10-24T08:00:00Z")
eq(d[2]["cost"], {"amount": "0.01", "cents": 1}, "half a cent up")
eq((d[0]["rate"], d[0]["cost"]), (None, None), "no rate for fg")'

# Other costs.
mk cost add "$KEY" --kind forensisch --amount 4840,00 --description "Factuur Fox-IT 2026-118" --role incidentmanager
check_ok
check_out "$KEY cost 1: forensisch 4840.00 EUR"
mk cost add "$KEY" --kind hardware --amount 1299 --description "Vervangende NAS"
check_ok
refused 2 "meldkamer cost add: amount must be at least 0.01 EUR" cost add "$KEY" --kind hardware --amount 0 --description x
refused 2 "unknown kind 'koffie' (known: forensisch, hardware, software, extern, juridisch, overig)" \
	cost add "$KEY" --kind koffie --amount 1 --description x
refused 2 "amount '12.345' has more than two decimals" cost add "$KEY" --kind extern --amount 12.345 --description x
refused 2 "amount '1.000,00' is not an amount in euros" cost add "$KEY" --kind extern --amount 1.000,00 --description x
refused 2 "description is empty" cost add "$KEY" --kind extern --amount 1 --description "  "
refused 2 "description contains a control character" cost add "$KEY" --kind extern --amount 1 --description "$(printf 'a\033[31m')"
refused 2 "needs --kind, --amount and --description" cost add "$KEY" --kind extern --amount 1

mk report cost "$KEY" --json
check_ok
json_py '
eq((d["entries"], d["minutes"]), (5, 128))
eq(d["time"], {"amount": "138.57", "cents": 13857})
eq(d["other"], {"amount": "6139.00", "cents": 613900})
eq(d["total"], {"amount": "6277.57", "cents": 627757})
eq([(g["name"], g["minutes"], g["cents"]) for g in d["by_role"]], [("fg", 30, 0), ("behandelaar", 95, 13854), ("incidentmanager", 3, 3)])
eq([(g["name"], g["minutes"], g["cents"]) for g in d["by_person"]], [("Yusuf Demir", 30, 0), ("Thijs Jansen", 95, 13854), ("Mark de Groot", 3, 3)])
eq([(g["name"], g["cents"]) for g in d["by_activity"]], [("communicatie", 0), ("analyse", 13854), ("overleg", 3)])
eq([(g["name"], g["amount"]) for g in d["by_kind"]], [("forensisch", "4840.00"), ("hardware", "1299.00")])
eq(d["missing_rates"], ["fg"])'
mk report cost "$KEY"
check_ok
check_out "cost report $KEY (EUR; per entry minutes x rate / 60, rounded to the cent, half up)
time      128 min in 5 entries       138.57
other                            6139.00
total                            6277.57

per role
  fg                           30 min         0.00
  behandelaar                  95 min       138.54
  incidentmanager               3 min         0.03

per person
  Yusuf Demir                  30 min         0.00
  Thijs Jansen                 95 min       138.54
  Mark de Groot                 3 min         0.03

per activity
  communicatie                 30 min         0.00
  analyse                      95 min       138.54
  overleg                       3 min         0.03

other costs per kind
  forensisch                               4840.00
  hardware                                 1299.00

no hourly rate for fg: its time counts as 0.00 (meldkamer rate set fg AMOUNT)"

# A later rate applies to the report at once (the rates in force).
mk --role admin rate set fg 60
check_ok
mk report cost "$KEY" --json
json_py 'eq((d["time"]["cents"], d["missing_rates"]), (13857 + 3000, []))'

# Bad time entries: each field named, nothing written.
refused 2 "needs --minutes" time add "$KEY" --activity analyse --date 2026-10-24
refused 2 "--minutes '0' must be a whole number from 1 to 1440" time add "$KEY" --minutes 0 --activity analyse --date 2026-10-24
refused 2 "--minutes '1441' must be a whole number from 1 to 1440" time add "$KEY" --minutes 1441 --activity analyse --date 2026-10-24
refused 2 "--minutes '1h' must be a whole number" time add "$KEY" --minutes 1h --activity analyse --date 2026-10-24
refused 2 "unknown activity 'koffie'" time add "$KEY" --minutes 5 --activity koffie --date 2026-10-24
refused 2 "needs --start TIME or --date YYYY-MM-DD" time add "$KEY" --minutes 5 --activity analyse
refused 2 "give --start or --date, not both" time add "$KEY" --minutes 5 --activity analyse --date 2026-10-24 --start "2026-10-24 10:00"
refused 2 "date '2026-02-30' is not a date (YYYY-MM-DD, 1970 to 2099)" time add "$KEY" --minutes 5 --activity analyse --date 2026-02-30
refused 2 "date '2026-10-25' lies in the future" time add "$KEY" --minutes 5 --activity analyse --date 2026-10-25
refused 2 "the work cannot start in the future" time add "$KEY" --minutes 5 --activity analyse --start "2026-10-24 13:01"
refused 2 "person is not valid UTF-8 (at byte 4)" time add "$KEY" --minutes 5 --activity analyse --date 2026-10-24 --person "$(printf 'Anna\xff')"
refused 2 "person contains a control character" time add "$KEY" --minutes 5 --activity analyse --date 2026-10-24 --person "$(printf 'Anna\nB')"
refused 2 "note is too long" time add "$KEY" --minutes 5 --activity analyse --date 2026-10-24 --note "$(head -c 1001 /dev/zero | tr '\0' n)"
refused 2 "work-role 'baas' is unknown: use one of" time add "$KEY" --minutes 5 --activity analyse --date 2026-10-24 --work-role baas
refused 2 "incident 'MK-2026-0099' does not exist" time add MK-2026-0099 --minutes 5 --activity analyse --date 2026-10-24
refused 2 "incident 'MK-2026-0099' does not exist" report cost MK-2026-0099
check_eq "time entries" 5 "$(sql 'SELECT count(*) FROM time_entry')"
finish
