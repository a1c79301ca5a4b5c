#!/bin/bash
# verify reads hostile archives: path traversal and absolute names,
# symlinks, non-UTF-8 names, truncated archives, oversized members and
# files that are no archive are refused with a clear message, and nothing
# is written anywhere (verify never extracts).
. "$(dirname "$0")/lib.sh"

init_db
new_incident --title "Vijandige archieven"
printf 'bewijs\n' >"$T/a.txt"
SA=$(sha256sum "$T/a.txt" | cut -d' ' -f1)
mk evidence add "$KEY" "$T/a.txt" --what "Bestand" --why "Test"
check_ok
mk export evidence "$KEY" -o "$T/e.tar" --why "Test"
check_ok
mkdir "$T/work" && cd "$T/work" || exit 1

# $1: python body over `members` ([TarInfo, bytes]); $2: output.
retar() {
	python3 - "$T/e.tar" "$2" "$1" <<'PY'
import copy, io, sys, tarfile
src, dst, body = sys.argv[1], sys.argv[2], sys.argv[3]
members = []
with tarfile.open(src) as t:
    for m in t.getmembers():
        members.append([m, t.extractfile(m).read()])
def extra(name, data=b"x", kind=tarfile.REGTYPE, link=""):
    m = copy.copy(members[0][0]); m.name = name; m.type = kind; m.linkname = link
    members.append([m, data])
exec(body)
with tarfile.open(dst, "w", format=tarfile.PAX_FORMAT, encoding="utf-8", errors="surrogateescape") as t:
    for m, data in members:
        m.size = len(data) if m.type == tarfile.REGTYPE else 0
        t.addfile(m, io.BytesIO(data) if m.type == tarfile.REGTYPE else None)
PY
}
refused_archive() { # STATUS MESSAGE ARCHIVE
	mk verify "$3"
	check_status "$1"
	check_err "meldkamer verify: $3: $2"
	check_out_empty
}

retar "extra('../../escape.txt')" "$T/traversal.tar"
refused_archive 1 "extra file '../../escape.txt': not in the manifest" "$T/traversal.tar"
retar "extra('/tmp/absolute.txt')" "$T/absolute.tar"
refused_archive 1 "extra file '/tmp/absolute.txt': not in the manifest" "$T/absolute.tar"
retar "members[2][0].type = tarfile.SYMTYPE; members[2][0].linkname = '/etc/passwd'" "$T/symlink.tar"
refused_archive 1 "evidence/$SA: not a regular file" "$T/symlink.tar"
retar "extra('evidence', kind=tarfile.DIRTYPE)" "$T/dir.tar"
refused_archive 1 "extra file 'evidence/': not in the manifest" "$T/dir.tar"
retar "extra('evidence/' + '\udcff' * 3)" "$T/utf8.tar"
refused_archive 2 "a member's name is not UTF-8: refused" "$T/utf8.tar"
retar "members[2:2] = [copy.deepcopy(members[2])]" "$T/twice.tar"
refused_archive 1 "evidence/$SA: appears twice" "$T/twice.tar"
retar "members.reverse()" "$T/order.tar"
refused_archive 2 "not an evidence archive: 'manifest.json' must come first, found 'evidence/$SA'" "$T/order.tar"
retar "members[0][1] = b'{\"format\": 1}'" "$T/json.tar"
refused_archive 1 "manifest.json: not of the format meldkamer-evidence-v1" "$T/json.tar"
retar "members[0][1] = b'{\"a\": 1, \"a\": 2}'" "$T/dupkey.tar"
refused_archive 1 "manifest.json: not JSON: duplicate object key near '\"a\"'" "$T/dupkey.tar"

head -c 1000 "$T/e.tar" >"$T/truncated.tar"
mk verify "$T/truncated.tar"
check_status 2
check_err_has "meldkamer verify: $T/truncated.tar: the archive is damaged or truncated:"
SIZE=$(stat -c %s "$T/e.tar")
head -c $((SIZE - 2000)) "$T/e.tar" >"$T/cut.tar"
mk verify "$T/cut.tar"
check_status 2
check_err_has "the archive is damaged or truncated"

printf 'just text, no tar\n' >"$T/text.tar"
mk verify "$T/text.tar"
check_status 2
check_err "meldkamer verify: $T/text.tar: cannot read '$T/text.tar': Unrecognized archive format"
gzip -c "$T/e.tar" >"$T/e.tar.gz"
mk verify "$T/e.tar.gz"
check_status 2
check_err "meldkamer verify: $T/e.tar.gz: cannot read '$T/e.tar.gz': Unrecognized archive format"
mk verify "$T/absent.tar"
check_status 2
check_err_has "meldkamer verify: $T/absent.tar: cannot read '$T/absent.tar'"

# A member that declares 100 GB: refused from its header, not read.
python3 - "$T/huge.tar" <<'PY'
import sys, tarfile
t = tarfile.TarInfo("manifest.json"); t.size = 100 * 2**30
with open(sys.argv[1], "wb") as f:
    f.write(t.tobuf(format=tarfile.PAX_FORMAT))
PY
refused_archive 2 "manifest.json: larger than the limit of 67108864 bytes" "$T/huge.tar"

check_eq "nothing written by verify" "" "$(ls -A "$T/work")"
[ ! -e "$T/escape.txt" ] && [ ! -e /tmp/absolute.txt ]
check_eq "nothing outside" 0 $?

finish
