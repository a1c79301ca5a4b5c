#!/bin/bash
# export json: one document with every incident (oldest first), its
# checklist, logbook with hashes and decisions; the chain verifies outside
# meldkamer; --output writes a file or, on failure, leaves none.
. "$(dirname "$0")/lib.sh"
init_db

mk export json
check_ok
json_py 'eq(d, {"format": "meldkamer-export", "version": 1, "exported_at": "2026-10-24T10:00:00Z", "logbook_form": "meldkamer-logbook-v1", "incidents": []})'

new_incident --title "Eerste: één «bijzonder» teken 🚨" --personal-data ja --description "$(printf 'twee\nregels')"
mk log add "$KEY" "Notitie met \"aanhalingstekens\" en \\backslash"
check_ok
mk decision add "$KEY" --beeldvorming B --opties O --besluit X --opdracht-wie W --opdracht-uiterlijk "2026-10-25 12:00"
check_ok
mk task done "$KEY" 0.1
check_ok
new_incident --title "Tweede" --parent MK-2026-0001
mk incident show MK-2026-0001 --json
cp "$T/out" "$T/show1.json"

mk export json
check_ok
check_err_empty
cp "$T/out" "$T/export.json"
json_py '
eq([d[k] for k in ("format", "version", "exported_at", "logbook_form")], ["meldkamer-export", 1, "2026-10-24T10:00:00Z", "meldkamer-logbook-v1"])
eq([i["key"] for i in d["incidents"]], ["MK-2026-0001", "MK-2026-0002"], "oldest first")
i = d["incidents"][0]
show = json.load(open("'"$T/show1.json"'", encoding="utf-8"))
for k in ("key", "uuid", "title", "description", "times", "logbook", "version", "impact", "matrix", "personal_data"):
    eq(i[k], show[k], "export and show agree on " + k)
eq(i["title"], "Eerste: één «bijzonder» teken 🚨")
eq(len(i["tasks"]), 45, "tasks")
eq([t["state"] for t in i["tasks"] if t["code"] == "0.1"], ["done"])
eq([e["seq"] for e in i["logbook_entries"]], [1, 2, 3, 4])
eq(i["logbook_entries"][1]["text"], "Notitie met \"aanhalingstekens\" en \\backslash")
eq(i["logbook_entries"], show["log"], "same entries as show")
eq(len(i["decisions"]), 1)
eq(d["incidents"][1]["parent"], "MK-2026-0001")
eq(sorted(k for k in i if k not in show), ["breach", "logbook_entries"], "keys only the export has")
eq(i["breach"], None, "no breach recorded")
'

# The chains verify from the export alone.
"$PY" - "$T/export.json" >"$T/verify.txt" <<'PYEOF'
import hashlib, json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
out = []
for inc in doc["incidents"]:
    uuid = inc["uuid"]
    prev = hashlib.sha256(uuid.encode()).hexdigest()
    for e in inc["logbook_entries"]:
        f = lambda n, v: n.encode() + b":%d:" % len(v.encode()) + v.encode() + b"\n"
        canon = (b"meldkamer-logbook-v1\nincident:" + uuid.encode() + b"\nseq:%d\nat:" % e["seq"] +
                 e["at"].encode() + b"\n" + f("author", e["author"]) + b"role:" + e["role"].encode() +
                 b"\nkind:" + e["kind"].encode() + b"\n" + f("text", e["text"]))
        assert e["prev_hash"] == prev
        prev = hashlib.sha256(bytes.fromhex(prev) + canon).hexdigest()
        assert e["hash"] == prev
    out.append("%s %d %s" % (inc["key"], inc["logbook"]["entries"], "ok" if inc["logbook"]["head"] == prev else "BAD"))
print("\n".join(out))
PYEOF
check_eq "chains verified from the export" "MK-2026-0001 4 ok
MK-2026-0002 1 ok" "$(cat "$T/verify.txt")"

# --output: the same document in a file, a note on stderr.
mk export json --output "$T/uit.json"
check_status 0
check_out_empty
check_err "exported 2 incidents to '$T/uit.json'"
cmp -s "$T/uit.json" "$T/export.json"
check_eq "file equals standard output" 0 $?
# Overwrites an existing file.
echo "oud" >"$T/uit.json"
mk export json --output "$T/uit.json"
check_status 0
cmp -s "$T/uit.json" "$T/export.json"
check_eq "file overwritten" 0 $?

# Where it cannot be written: exit 1, nothing left behind.
mk export json --output "$T/geen/map/uit.json"
check_status 1
check_out_empty
check_err "meldkamer export json: cannot write '$T/geen/map/uit.json': No such file or directory"
mkdir "$T/map"
mk export json --output "$T/map"
check_status 2
check_err "meldkamer export json: '$T/map' is not a regular file: not replacing it"
# A write that fails half-way (a file size limit of 40 KiB against a
# document of about 100 KiB): exit 1, and no half-written file.
# (Never point --output at a device here: see t0901.)
head -c 60000 /dev/zero | tr '\0' d >"$T/desc.txt"
mk_stdin "$T/desc.txt" incident new --title "Groot" --description -
check_ok
(
	trap '' XFSZ
	ulimit -f 40
	mk export json --output "$T/half.json"
	echo "$STATUS" >"$T/half.status"
	cp "$T/err" "$T/half.err"
)
check_eq "status of the failed export" 1 "$(cat "$T/half.status")"
check_eq "failure named" 1 "$(grep -c "meldkamer export json: writing the export failed: File too large" "$T/half.err")"
[ ! -e "$T/half.json" ]
check_eq "no half-written file" 0 $?
refused 2 "unexpected argument 'uit.json'" export json uit.json
refused 2 "option '--output' needs a value" export json --output

# Only a regular file is replaced: a link or a folder at the name is left
# alone (never test with a device: a broken build would replace it).
ln -s "$T/elders.json" "$T/link.json"
mk export json --output "$T/link.json"
check_status 2
check_err "meldkamer export json: '$T/link.json' is not a regular file: not replacing it"
[ -L "$T/link.json" ] && [ ! -e "$T/elders.json" ] || fail "the link was replaced or followed"
# - is standard output.
mk export json --output -
check_ok
json_py 'eq(d["format"], "meldkamer-export")'
[ ! -e ./- ] || fail "a file named - was written"

finish
