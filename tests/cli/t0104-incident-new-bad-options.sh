#!/bin/bash
# incident new: options with a value from a list, yes/no options, the
# e-mail address, the parent key, a field given twice, stray arguments,
# no title. Each refused with exit 2, named, and nothing written.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Ouder"

refused 2 "title is empty" incident new
refused 2 "title is empty" incident new --title "   "
refused 2 "title cannot be empty" incident new --title ""
refused 2 "title is given twice" incident new --title a --title b
refused 2 "source is given twice" incident new --title a --source dlp --source fim
refused 2 "unexpected argument 'extra' (see 'meldkamer incident new --help')" incident new --title a extra
refused 2 "unexpected argument 'MK-2026-0001'" incident new MK-2026-0001 --title a

refused 2 "source 'foo' is unknown: use one of onbekend, ids-ips, dlp, fim, webfilter, casb, siem-soc, gebruiker-partner, tip, cti, pers, servicedesk, vertraging" incident new --title a --source foo
refused 2 "tlp 'purple' is unknown: use one of clear, green, amber, amber+strict, red" incident new --title a --tlp purple
refused 2 "tlp cannot be empty" incident new --title a --tlp ""
for b in confidential:--confidential personal_data:--personal-data exercise:--exercise occurred_estimated:--occurred-estimated; do
	refused 2 "${b%%:*} 'misschien' is not ja or nee" incident new --title a "${b#*:}" misschien
	refused 2 "${b%%:*} cannot be empty" incident new --title a "${b#*:}" ""
done
for e in foo "@gemeente.example" "anna@" "a@b@c" "anna de vries@gemeente.example"; do
	refused 2 "reporter_email '$e' is not an e-mail address" incident new --title a --reporter-email "$e"
done
refused 2 "'nope' is not an incident key: use the form MK-2026-0001" incident new --title a --parent nope
refused 2 "'MK-26-0001' is not an incident key" incident new --title a --parent MK-26-0001
refused 2 "'MK-2026-0000' is not an incident key" incident new --title a --parent MK-2026-0000
refused 2 "parent incident 'MK-2026-0099' does not exist" incident new --title a --parent MK-2026-0099

# Accepted spellings of yes and no.
for y in ja JA yes true 1 j y; do
	mk incident new --title "ja: $y" --personal-data "$y" --json
	check_ok
	mk incident show "$(echo "$OUT" | sed -n 's/.*"key": "\(.*\)".*/\1/p')" --json
	json_py 'eq(d["personal_data"], True, "personal_data '"$y"'")'
done
for n in nee NEE no false 0 n; do
	mk incident new --title "nee: $n" --personal-data "$n" --json
	check_ok
	mk incident show "$(echo "$OUT" | sed -n 's/.*"key": "\(.*\)".*/\1/p')" --json
	json_py 'eq(d["personal_data"], False, "personal_data '"$n"'")'
done
# Every detection source and TLP of the help text is accepted.
for s in ids-ips dlp fim webfilter casb siem-soc gebruiker-partner tip cti pers servicedesk vertraging onbekend; do
	mk incident new --title "bron $s" --source $s
	check_ok
done
for t in clear green amber amber+strict red; do
	mk incident new --title "tlp $t" --tlp $t
	check_ok
done
check_eq "sources stored" "casb cti dlp fim gebruiker-partner ids-ips onbekend pers servicedesk siem-soc tip vertraging webfilter" \
	"$(sql "SELECT group_concat(source, ' ') FROM (SELECT source FROM incident WHERE title LIKE 'bron %' ORDER BY source)")"
check_eq "TLPs stored" "amber amber+strict clear green red" \
	"$(sql "SELECT group_concat(tlp, ' ') FROM (SELECT tlp FROM incident WHERE title LIKE 'tlp %' ORDER BY tlp)")"

finish
