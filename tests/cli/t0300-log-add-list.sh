#!/bin/bash
# log add | list: entries of every kind a person may write, text from an
# argument or standard input, the list in text and JSON, and the hash
# chain recomputed here from its documented canonical form (so an outside
# tool can verify an export); bad input refused with nothing written.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Verdachte inlog"

export MELDKAMER_NOW="2026-10-24 12:05"; mk log add "$KEY" "Melder gebeld, wachtwoord gewijzigd"
check_ok
check_out "$KEY logged"
export MELDKAMER_NOW="2026-10-24 12:06"; mk log add "$KEY" "Account geblokkeerd" --kind action --as "Bert" --role behandelaar
check_ok
export MELDKAMER_NOW="2026-10-24 12:07"; mk log add "$KEY" "Besloten: geen melding" --kind decision
check_ok
export MELDKAMER_NOW="2026-10-24 12:08"; mk log add "$KEY" "Mail aan afdeling" --kind communication
check_ok
printf 'Regel een\n\tRegel twee met tab\n\nRegel vier, één é\n' >"$T/note.txt"
export MELDKAMER_NOW="2026-10-24 12:09"; mk_stdin "$T/note.txt" log add "$KEY" -
check_ok
head -c 65536 /dev/zero | tr '\0' L >"$T/64k.txt"
export MELDKAMER_NOW="2026-10-24 12:10"; mk_stdin "$T/64k.txt" log add "$KEY" -
check_ok

mk log list "$KEY"
check_ok
H=$(sql "SELECT substr(hash, 1, 12) FROM logbook WHERE seq = 2")
check_eq "log list, entry 2 and 3 as text" "#2 2026-10-24 12:05 CEST tester (servicedesk) [note] $H
    Melder gebeld, wachtwoord gewijzigd
#3 2026-10-24 12:06 CEST Bert (behandelaar) [action] $(sql "SELECT substr(hash, 1, 12) FROM logbook WHERE seq = 3")
    Account geblokkeerd" "$(sed -n 3,6p "$T/out")"
check_out_has "    Regel een
    	Regel twee met tab
    
    Regel vier, één é"

mk log list "$KEY" --json
check_ok
cp "$T/out" "$T/log.json"
json_py '
eq([e["seq"] for e in d], [1, 2, 3, 4, 5, 6, 7])
eq([e["kind"] for e in d], ["system", "note", "action", "decision", "communication", "note", "note"])
eq([e["at"] for e in d[1:6]], ["2026-10-24T10:05:00Z", "2026-10-24T10:06:00Z", "2026-10-24T10:07:00Z", "2026-10-24T10:08:00Z", "2026-10-24T10:09:00Z"])
eq([e["author"] for e in d[1:4]], ["tester", "Bert", "tester"])
eq([e["role"] for e in d[1:4]], ["servicedesk", "behandelaar", "servicedesk"])
eq(d[5]["text"], "Regel een\n\tRegel twee met tab\n\nRegel vier, één é", "stdin text, last newline dropped")
eq(len(d[6]["text"]), 65536, "64 KiB entry")
eq(sorted(d[0]), ["at", "author", "hash", "kind", "prev_hash", "role", "seq", "text"], "entry keys")
'

# The chain, recomputed: genesis = SHA-256(uuid); hash = SHA-256(prev raw
# bytes || canonical entry) with the canonical form of core/logbook.c.
mk incident show "$KEY" --json
check_ok
"$PY" - "$T/out" >"$T/chain.txt" <<'PYEOF'
import hashlib, json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
uuid = d["uuid"]
prev = hashlib.sha256(uuid.encode()).hexdigest()
problems = []
for e in d["log"]:
    def field(name, value):
        b = value.encode("utf-8")
        return name.encode() + b":" + str(len(b)).encode() + b":" + b + b"\n"
    canon = (b"meldkamer-logbook-v1\n" + b"incident:" + uuid.encode() + b"\n" +
             b"seq:%d\n" % e["seq"] + b"at:" + e["at"].encode() + b"\n" +
             field("author", e["author"]) + b"role:" + e["role"].encode() + b"\n" +
             b"kind:" + e["kind"].encode() + b"\n" + field("text", e["text"]))
    if e["prev_hash"] != prev:
        problems.append("entry %d: prev_hash %s, expected %s" % (e["seq"], e["prev_hash"], prev))
    h = hashlib.sha256(bytes.fromhex(prev) + canon).hexdigest()
    if e["hash"] != h:
        problems.append("entry %d: hash %s, recomputed %s" % (e["seq"], e["hash"], h))
    prev = h
if d["logbook"]["head"] != prev:
    problems.append("head %s, recomputed %s" % (d["logbook"]["head"], prev))
print("\n".join(problems) if problems else "ok %d" % len(d["log"]))
PYEOF
check_eq "hash chain recomputed outside meldkamer" "ok 7" "$(cat "$T/chain.txt")"

# Bad input: nothing written.
refused 2 "meldkamer log add: kind 'status' is written by meldkamer itself: use note, action, decision or communication" \
	log add "$KEY" "Fase: analyse -> indammen" --kind status
refused 2 "kind 'system' is written by meldkamer itself" log add "$KEY" "Incident geregistreerd" --kind system
refused 2 "kind 'roddel' is unknown" log add "$KEY" tekst --kind roddel
refused 2 "text is empty" log add "$KEY" ""
refused 2 "text is empty" log add "$KEY" "  "
refused 2 "text is not valid UTF-8 (at byte 4)" log add "$KEY" "$(printf 'tekst\377' | cut -c1-4)$(printf '\377')"
refused 2 "text contains a control character (0x1b at byte 0)" log add "$KEY" "$(printf '\033[8mverborgen')"
refused 2 "text contains a control character (0x08 at byte 4)" log add "$KEY" "$(printf 'echt\010\010\010\010nep!')"
refused 2 "text is too long: 65537 bytes, the limit is 65536" log add "$KEY" "$(head -c 65537 /dev/zero | tr '\0' x)"
head -c 65537 /dev/zero | tr '\0' x >"$T/over.txt"
refused_stdin "$T/over.txt" 2 "text is too long: 65537 bytes, the limit is 65536" log add "$KEY" -
head -c 5000000 /dev/zero | tr '\0' x >"$T/huge.txt"
refused_stdin "$T/huge.txt" 2 "standard input is too long" log add "$KEY" -
printf 'a\000b' >"$T/nul.txt"
refused_stdin "$T/nul.txt" 2 "standard input contains a NUL byte" log add "$KEY" -
printf '\376\377U\000T\000F\000' >"$T/utf16.txt"
refused_stdin "$T/utf16.txt" 2 "standard input contains a NUL byte" log add "$KEY" -
: >"$T/empty.txt"
refused_stdin "$T/empty.txt" 2 "text is empty" log add "$KEY" -
refused 2 "needs the incident key and the text (- reads standard input)" log add "$KEY"
refused 2 "needs the incident key and the text" log add "$KEY" een twee
refused 2 "incident 'MK-2026-0404' does not exist" log add MK-2026-0404 tekst
refused 2 "missing the incident key (MK-YYYY-NNNN)" log list
refused 2 "incident 'MK-2026-0404' does not exist" log list MK-2026-0404
refused 2 "--as is empty" log add "$KEY" tekst --as ""

check_eq "entries" 7 "$(sql 'SELECT count(*) FROM logbook')"

# The store itself refuses to change or remove an entry.
# (the sqlite3 shell words its error differently from version to version)
sqlite3 "$DB" "UPDATE logbook SET text = 'vervalst' WHERE seq = 2" 2>"$T/sqlerr"
check_eq "UPDATE refused by the database" 1 "$(grep -c 'logbook entries are append-only: they cannot be changed' "$T/sqlerr")"
sqlite3 "$DB" "DELETE FROM logbook WHERE seq = 2" 2>"$T/sqlerr"
check_eq "DELETE refused by the database" 1 "$(grep -c 'logbook entries are append-only: they cannot be deleted' "$T/sqlerr")"
check_eq "entry 2 as it was" "Melder gebeld, wachtwoord gewijzigd" "$(sql 'SELECT text FROM logbook WHERE seq = 2')"

# A write dated before the incident's last change (a clock set back) is
# refused: the logbook runs forwards.
snapshot
MELDKAMER_NOW="2026-10-24 11:00" mk log add "$KEY" "Later bedacht"
check_status 1
check_err "meldkamer log add: the clock says 2026-10-24 11:00 CEST, before the last change to $KEY (2026-10-24 12:10 CEST): check the system clock"
check_db_unchanged

finish
