#!/bin/bash
# observable add|list|seen and the observables section of incident show:
# values normalised, the seen-before correlation across incidents and
# alert groups in one sentence, search finding incidents by an observable,
# bad values refused with exit 2 and nothing written.
. "$(dirname "$0")/lib.sh"
init_db
mk intake alerts --promote-severity high "$MK_FIXTURES/alerts/repeat.jsonl"
check_ok
new_incident --title "Phishingmail over pakket"

mk observable add MK-2026-0002 domain Evil.Example.COM. --tlp red --obs-role c2
check_ok
check_out "MK-2026-0002: domain added"
mk observable add MK-2026-0002 ip 192.168.1.20
check_ok
mk observable add MK-2026-0001 domain evil.example.com
check_ok

mk observable seen EVIL.example.com
check_ok
check_out "domain evil.example.com (TLP red): this domain also appears in MK-2026-0001 and MK-2026-0002"
mk observable seen 192.168.1.20 --json
check_ok
json_py 'eq([(o["type"], o["value"], o["incidents"], o["alert_group_count"], o["text"]) for o in d], [("ip", "192.168.1.20", ["MK-2026-0001", "MK-2026-0002"], 1, "this ip also appears in MK-2026-0001 and MK-2026-0002 and 1 alert group")])'
mk observable seen never.example
check_ok
check_out "'never.example' has not been seen"

mk observable list --incident MK-2026-0002
check_ok
check_out "TYPE      TLP           ROLE               SOURCE  VALUE
domain    red           c2                 manual  evil.example.com
ip        amber         indicator          manual  192.168.1.20"
mk observable list --json
json_py 'eq([(o["type"], o["value"]) for o in d], [("domain", "evil.example.com"), ("ip", "192.168.1.20"), ("ip", "198.51.100.66")])'

mk incident show MK-2026-0002
check_ok
check_out_has "observables:
  domain evil.example.com (c2, TLP red): this domain also appears in MK-2026-0001
  ip 192.168.1.20 (indicator, TLP amber): this ip also appears in MK-2026-0001 and 1 alert group"
mk incident show MK-2026-0002 --json
json_py 'eq([o["text"] for o in d["observables"]], ["this domain also appears in MK-2026-0001", "this ip also appears in MK-2026-0001 and 1 alert group"])'

mk search evil.example.com --json
check_ok
json_py 'eq([i["key"] for i in d], ["MK-2026-0002", "MK-2026-0001"])'
mk search 198.51.100.66 --json
json_py 'eq([i["key"] for i in d], ["MK-2026-0001"])'

refused 2 "meldkamer observable add: URL scheme 'javascript' is not allowed: only http, https and ftp" observable add MK-2026-0002 url 'javascript:alert(1)'
refused 2 "meldkamer observable add: value contains a hidden control or bidirectional character (byte 7)" observable add MK-2026-0002 filename "$(printf 'invoice\342\200\256fdp.exe')"
refused 2 "meldkamer observable add: value is not valid UTF-8 (byte 4)" observable add MK-2026-0002 domain "$(printf 'evil\377.example')"
refused 2 "meldkamer observable add: type 'ipv4' is unknown: use one of ip, domain, url, email, hash, filename (see 'meldkamer observable add --help')" observable add MK-2026-0002 ipv4 1.2.3.4
refused 2 "meldkamer observable add: give KEY TYPE VALUE (see 'meldkamer observable add --help')" observable add MK-2026-0002 ip
refused 1 "meldkamer observable add: the incident carries this observable as 'c2' already" observable add MK-2026-0002 domain evil.example.com --obs-role c2
refused 2 "meldkamer observable add: incident 'MK-2026-0099' does not exist" observable add MK-2026-0099 ip 1.2.3.4
refused 2 "meldkamer observable seen: value contains a control character (byte 1)" observable seen "$(printf 'a\001b')"

finish
