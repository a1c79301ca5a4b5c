#!/bin/bash
# evaluation set | meeting | show, action add | done: only after closure;
# the meeting between closed_at + 2 weeks and + 6 weeks, both ends
# included, to the second, refused outside with the exact window; the
# step 7 questions from data/evaluation.tsv; improvement actions with
# owner and due date. Bad input refused naming the field, nothing written.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Phishing bij Burgerzaken" --detected-at "2026-10-24 09:00"
refused 1 "meldkamer evaluation set: $KEY is not closed: the evaluation comes after closure (meldkamer incident close $KEY)" \
	evaluation set "$KEY" --lessons "Te vroeg"
refused 1 "$KEY is not closed: the evaluation comes after closure" evaluation meeting "$KEY" --at "2026-11-20 10:00"
refused 1 "$KEY is not closed" action add "$KEY" --what x --owner y --due 2026-12-01
export MELDKAMER_NOW="2026-10-24 12:30"
close_incident "$KEY"

# The window: 2026-10-24 12:30 CEST + 14 Amsterdam days = 2026-11-07 12:30
# CET (across the DST change: 14 days and an hour), + 42 days = 2026-12-05.
export MELDKAMER_NOW="2026-10-25 09:00"
refused 1 "meldkamer evaluation meeting: the evaluation meeting at 2026-11-07 12:29:59 CET lies outside its window: between 2026-11-07 12:30 CET and 2026-12-05 12:30 CET (2 to 6 weeks after closing)" \
	evaluation meeting "$KEY" --at "2026-11-07 12:29:59"
refused 1 "the evaluation meeting at 2026-12-05 12:30:01 CET lies outside its window" \
	evaluation meeting "$KEY" --at "2026-12-05 12:30:01"
mk evaluation meeting "$KEY" --at "2026-11-07 12:30"
check_ok
check_out "$KEY evaluation meeting 2026-11-07 12:30 CET, 90 min"
mk evaluation meeting "$KEY" --at "2026-12-05T11:30:00Z" --minutes 60
check_ok
mk evaluation meeting "$KEY" --at "2026-11-20 10:00" --minutes 120 --as "Mark de Groot" --role incidentmanager
check_ok
refused 2 "--minutes '10' must be 15 to 480" evaluation meeting "$KEY" --at "2026-11-20 10:00" --minutes 10
refused 2 "needs --at TIME (2 to 6 weeks after closing)" evaluation meeting "$KEY"
refused 2 "at '2026-11-31 10:00'" evaluation meeting "$KEY" --at "2026-11-31 10:00"
mk log list "$KEY" --json
json_py 'eq(d[-1]["text"], "Evaluatievergadering voorgesteld: 2026-11-20 10:00 CET (120 min)"); eq(d[-1]["author"], "Mark de Groot")'

# Lessons, the process review and answers.
export MELDKAMER_NOW="2026-11-20 12:00"
printf 'MFA had dit voorkomen.\nMeldknop werkte goed.\n' >"$T/lessons.txt"
mk_stdin "$T/lessons.txt" evaluation set "$KEY" --lessons - --process-review "Draaiboek gevolgd, CISO laat geïnformeerd" \
	--answer "7.3b=MFA eerder invoeren" --answer "7.4a=Ja, maar 1.3 kwam te laat"
check_ok
check_out "$KEY evaluation written"
mk log list "$KEY" --json
json_py 'eq(d[-1]["text"], "Evaluatie bijgewerkt:\nGeleerde lessen: MFA had dit voorkomen.\nMeldknop werkte goed.\nProcesevaluatie: Draaiboek gevolgd, CISO laat geïnformeerd\n7.3b Wat hadden we meer kunnen doen om het incident te voorkomen?\nMFA eerder invoeren\n7.4a Is het incidentproces effectief en efficiënt gevolgd: zijn de juiste dingen gedaan?\nJa, maar 1.3 kwam te laat")'
# Writing the same again changes nothing.
mk evaluation set "$KEY" --lessons "$(printf 'MFA had dit voorkomen.\nMeldknop werkte goed.')"
check_ok
check_eq "log entries" "$(sql "SELECT count(*) FROM logbook")" "$(sql "SELECT log_count FROM incident")"
refused 2 "no evaluation question '7.9' (data/evaluation.tsv: 7.3a to 7.6)" evaluation set "$KEY" --answer "7.9=x"
refused 2 "--answer takes CODE=TEXT" evaluation set "$KEY" --answer "7.3a"
refused 2 "lessons is not valid UTF-8" evaluation set "$KEY" --lessons "$(printf 'caf\xe9')"
refused 2 "7.3a contains a control character" evaluation set "$KEY" --answer "7.3a=$(printf 'x\033y')"
head -c 70000 /dev/zero | tr '\0' a >"$T/big.txt"
refused_stdin "$T/big.txt" 2 "standard input is too long: the limit is 65536 bytes" evaluation set "$KEY" --lessons -
refused 2 "process_review is too long" evaluation set "$KEY" --process-review "$(head -c 65537 /dev/zero | tr '\0' a)"
refused 2 "needs --lessons, --process-review or --answer" evaluation set "$KEY"

# Improvement actions.
mk action add "$KEY" --what "MFA voor alle accounts" --owner "Team Werkplek" --due "2026-12-31"
check_ok
check_out "$KEY improvement action 1 recorded"
mk action add "$KEY" --what "Awarenesscampagne" --owner "CISO" --due "2027-01-31" --json
json_py 'eq(d, {"key": "'"$KEY"'", "action": 2})'
refused 2 "the due date lies in the past" action add "$KEY" --what x --owner y --due 2026-11-18
refused 2 "owner contains a control character" action add "$KEY" --what x --owner "$(printf 'a\tb')" --due 2026-12-01
refused 2 "needs --what, --owner and --due" action add "$KEY" --what x --owner y
export MELDKAMER_NOW="2026-12-01 09:00"
mk action done "$KEY" 1
check_ok
check_out "$KEY improvement action 1 done"
refused 1 "improvement action 1 is done already" action done "$KEY" 1
refused 2 "no improvement action 9" action done "$KEY" 9
refused 2 "action 'x' is not an action number" action done "$KEY" x

mk evaluation show "$KEY" --json
check_ok
json_py '
eq(d["key"], "'"$KEY"'")
eq(d["closed_at"], "2026-10-24T10:30:00Z")
eq(d["window"], {"opens": "2026-11-07T11:30:00Z", "due": "2026-12-05T11:30:00Z"})
eq(d["meeting"], {"at": "2026-11-20T09:00:00Z", "minutes": 120, "sequence": 2})
eq(d["lessons"], "MFA had dit voorkomen.\nMeldknop werkte goed.")
eq(d["process_review"], "Draaiboek gevolgd, CISO laat geïnformeerd")
eq([q["code"] for q in d["questions"]], ["7.3a", "7.3b", "7.3c", "7.4a", "7.4b", "7.5", "7.6"])
eq({q["code"]: q["answer"] for q in d["questions"] if q["answer"]}, {"7.3b": "MFA eerder invoeren", "7.4a": "Ja, maar 1.3 kwam te laat"})
eq([(a["id"], a["what"], a["owner"], a["due"], a["done"], a["done_at"]) for a in d["actions"]],
   [(1, "MFA voor alle accounts", "Team Werkplek", "2026-12-30T23:00:00Z", True, "2026-12-01T08:00:00Z"),
    (2, "Awarenesscampagne", "CISO", "2027-01-30T23:00:00Z", False, None)])
eq(d["legal_hold"], None)'
# An empty answer removes it.
mk evaluation set "$KEY" --answer "7.4a="
check_ok
mk evaluation show "$KEY" --json
json_py 'eq([q["code"] for q in d["questions"] if q["answer"]], ["7.3b"])'
finish
