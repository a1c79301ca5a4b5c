#!/bin/bash
# export evidence writes a signed archive; verify checks it without any
# database. One changed byte in a file, in the manifest or in the
# signature, an extra file, a missing file and a wrong key are each
# refused with their exact message.
. "$(dirname "$0")/lib.sh"

init_db
new_incident --title "Datalek bij de leverancier"
printf 'eerste bestand\n' >"$T/a.txt"
head -c 2500000 /dev/urandom >"$T/b.bin"
SA=$(sha256sum "$T/a.txt" | cut -d' ' -f1)
SB=$(sha256sum "$T/b.bin" | cut -d' ' -f1)
mk evidence add "$KEY" "$T/a.txt" --what "Mail van de leverancier" --why "Melding" --media-type text/plain
check_ok
mk evidence add "$KEY" "$T/b.bin" --what "Database-dump" --why "Omvang vaststellen"
check_ok
mk evidence add "$KEY" --what "USB-stick" --why "Overgedragen" --seal Z-7
check_ok
mk evidence add "$KEY" "$T/a.txt" --what "Dezelfde mail" --why "Doorgestuurd"
check_ok
mk evidence transfer "$KEY" 3 --from tester --to "Politie" --reason "Aangifte"
check_ok
mk key show --json
PK=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["public_key"])' "$T/out")
FP=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["fingerprint"])' "$T/out")

mk export evidence "$KEY" -o "$T/e.tar" --why "Overdracht aan de politie"
check_ok
check_out "$KEY: evidence exported to '$T/e.tar': 4 items, 2 files (2500015 bytes), 7 logbook entries, signed by $FP"
check_eq "the export is logged" "Bewijsmateriaal geëxporteerd: 4 stuk(ken), met bewakingsketen en logboek, ondertekend
Reden: Overdracht aan de politie" "$(sql "SELECT text FROM logbook WHERE seq = 7")"
check_eq "an access per item" 4 "$(sql "SELECT count(*) FROM evidence_access WHERE action = 'export' AND log_seq = 7")"
check_eq "members in order" "manifest.json
manifest.json.sig
evidence/$SA
evidence/$SB" "$(tar tf "$T/e.tar")"
check_eq "no temporary file" "e.tar" "$(ls "$T" | grep 'e.tar')"

# The manifest, read by an outside tool: the logbook chain by the rule
# of doc/logbook.md, and the signature is over its exact bytes.
mkdir "$T/x" && tar xf "$T/e.tar" -C "$T/x"
python3 - "$T/x/manifest.json" <<'PY' || fail "the manifest does not check by doc/logbook.md"
import hashlib, json, sys, datetime
m = json.load(open(sys.argv[1]))
prev = hashlib.sha256(m["incident"]["uuid"].encode()).digest()
for e in m["logbook"]:
    def lv(s): b = s.encode(); return f"{len(b)}:".encode() + b
    c = (b"meldkamer-logbook-v1\nincident:" + m["incident"]["uuid"].encode() + b"\nseq:" + str(e["seq"]).encode()
         + b"\nat:" + e["at"].encode() + b"\nauthor:" + lv(e["author"]) + b"\nrole:" + e["role"].encode()
         + b"\nkind:" + e["kind"].encode() + b"\ntext:" + lv(e["text"]) + b"\n")
    assert e["prev_hash"] == prev.hex(), e["seq"]
    prev = hashlib.sha256(prev + c).digest()
    assert e["hash"] == prev.hex(), e["seq"]
assert m["incident"]["log_head"] == prev.hex() and m["incident"]["log_count"] == len(m["logbook"])
assert [i["item"] for i in m["items"]] == [1, 2, 3, 4]
assert [c["type"] for c in m["custody"]] == ["transfer"] + ["access"] * 4
PY

# verify needs no database.
mv "$DB" "$T/db.away"
mk verify "$T/e.tar"
check_ok
check_out "$T/e.tar: intact: incident $KEY, 4 items, 2 files (2500015 bytes) match the manifest, logbook chain of 7 entries intact, 5 custody events
signature good, by the key in the archive $FP (give --public-key to check that it is the installation's)"
mk verify "$T/e.tar" --public-key "$PK"
check_ok
check_out_has "signature good, by the expected key $FP"
printf '%s\n' "$PK" >"$T/pk.txt"
mk verify "$T/e.tar" --public-key "$T/pk.txt" --json
check_ok
json_py 'eq(d, {"archive": "'"$T/e.tar"'", "ok": True, "incident": "'"$KEY"'", "items": 4, "files": 2,
                "bytes": 2500015, "log_entries": 7, "custody_events": 5, "fingerprint": "'"$FP"'",
                "expected_key": True})'

# Rewrites the archive with python's tarfile: $1 = a python body over
# `members` (a list of [TarInfo, bytes]), written to $2.
retar() {
	python3 - "$T/e.tar" "$2" "$1" <<'PY'
import io, sys, tarfile
src, dst, body = sys.argv[1], sys.argv[2], sys.argv[3]
members = []
with tarfile.open(src) as t:
    for m in t.getmembers():
        members.append([m, t.extractfile(m).read()])
exec(body)
with tarfile.open(dst, "w", format=tarfile.PAX_FORMAT) as t:
    for m, data in members:
        m.size = len(data)
        t.addfile(m, io.BytesIO(data))
PY
}
flip() { # a changed byte: member index $1 at offset $2, into $3
	retar "d = bytearray(members[$1][1]); d[$2] ^= 1; members[$1][1] = bytes(d)" "$3"
}

retar "" "$T/same.tar"
mk verify "$T/same.tar"
check_ok

flip 3 1234567 "$T/file.tar"
mk verify "$T/file.tar"
check_status 1
BAD=$(python3 -c '
import hashlib, sys; d = bytearray(open(sys.argv[1], "rb").read()); d[1234567] ^= 1; print(hashlib.sha256(d).hexdigest())' "$T/b.bin")
check_err "meldkamer verify: $T/file.tar: changed file evidence/$SB (item 2): its SHA-256 is $BAD"

OFF=$(python3 -c 'import sys; print(open(sys.argv[1]).read().index("Database-dump"))' "$T/x/manifest.json")
flip 0 "$OFF" "$T/manifest.tar"
mk verify "$T/manifest.tar"
check_status 1
check_err "meldkamer verify: $T/manifest.tar: bad signature: manifest.json does not match manifest.json.sig under the key $FP (the manifest or its signature was changed)"

retar "d = bytearray(members[1][1]); d[10] = ord('0') if d[10] != ord('0') else ord('1'); members[1][1] = bytes(d)" "$T/sig.tar"
mk verify "$T/sig.tar"
check_status 1
check_err "meldkamer verify: $T/sig.tar: bad signature: manifest.json does not match manifest.json.sig under the key $FP (the manifest or its signature was changed)"

retar "members[1][1] = b'not a signature\n'" "$T/sig2.tar"
mk verify "$T/sig2.tar"
check_status 1
check_err "meldkamer verify: $T/sig2.tar: manifest.json.sig: not an Ed25519 signature (128 hex digits)"

retar "import copy; m = copy.copy(members[2][0]); m.name = 'evidence/notes.txt'; members.append([m, b'extra'])" "$T/extra.tar"
mk verify "$T/extra.tar"
check_status 1
check_err "meldkamer verify: $T/extra.tar: extra file 'evidence/notes.txt': not in the manifest"

retar "del members[2]" "$T/missing.tar"
mk verify "$T/missing.tar"
check_status 1
check_err "meldkamer verify: $T/missing.tar: missing file evidence/$SA (item 1): in the manifest, not in the archive"

OTHER=$(python3 -c 'print("ab" * 32)')
OFP=$(python3 -c '
import hashlib, sys
h = hashlib.sha256(bytes.fromhex(sys.argv[1])).hexdigest()[:32]
print("SHA256:" + ":".join(h[i:i+4] for i in range(0, 32, 4)))' "$OTHER")
mk verify "$T/e.tar" --public-key "$OTHER"
check_status 1
check_err "meldkamer verify: $T/e.tar: wrong key: the archive is signed by $FP, not by the expected key $OFP"

mk verify "$T/e.tar" --public-key "xyz"
check_status 2
check_err_has "meldkamer verify: --public-key: 'xyz' is neither 64 hex digits nor a readable file"

# Signed again after a change, with openssl (Ed25519 as libsodium makes
# it; the installation key's first 32 bytes are its seed). resign MANIFEST
# KEYPEM OUT: the archive e.tar with that manifest and its signature.
command -v openssl >/dev/null || fail "the test needs openssl (Makefile DEB_PACKAGES)"
SK=$(cat "$DB.signing-key")
printf '302e020100300506032b657004220420%s' "${SK:0:64}" | xxd -r -p >"$T/k.der"
openssl pkey -inform DER -in "$T/k.der" -out "$T/own.pem"
resign() {
	openssl pkeyutl -sign -inkey "$2" -rawin -in "$1" -out "$T/sig.bin"
	printf '%s\n' "$(xxd -p -c 256 "$T/sig.bin")" >"$T/sig.hex"
	retar "members[0][1] = open('$1', 'rb').read(); members[1][1] = open('$T/sig.hex', 'rb').read()" "$3"
}
resign "$T/x/manifest.json" "$T/own.pem" "$T/resigned-same.tar"
mk verify "$T/resigned-same.tar" --public-key "$PK"
check_ok

# A logbook entry changed and the manifest signed again with the
# installation's own key: the signature holds, the chain does not.
python3 - "$T/x/manifest.json" "$T/m-log.json" <<'PY'
import sys
t = open(sys.argv[1]).read()
assert t.count("Reden: Omvang vaststellen") == 1
open(sys.argv[2], "w").write(t.replace("Reden: Omvang vaststellen", "Reden: Omvang geschat"))
PY
resign "$T/m-log.json" "$T/own.pem" "$T/chain.tar"
mk verify "$T/chain.tar" --public-key "$PK"
check_status 1
check_err "meldkamer verify: $T/chain.tar: manifest.json: the logbook chain is broken: logbook entry 3 was changed after it was written"

# Someone else's key. A file swapped, its hash in the manifest replaced,
# signed by them: the logbook entry that registered the file names its
# hash, so the chain gives it away whoever signed.
openssl genpkey -algorithm ed25519 -out "$T/other.pem"
OPK=$(openssl pkey -in "$T/other.pem" -pubout -outform DER | tail -c 32 | xxd -p -c 64)
printf 'vervalst\n' >"$T/forged.txt"
SF=$(sha256sum "$T/forged.txt" | cut -d' ' -f1)
python3 - "$T/x/manifest.json" "$T/m-forged.json" "$SA" "$SF" "$PK" "$OPK" "$FP" <<'PY'
import hashlib, sys
src, dst, sa, sf, pk, opk, fp = sys.argv[1:]
h = hashlib.sha256(bytes.fromhex(opk)).hexdigest()[:32]
ofp = "SHA256:" + ":".join(h[i:i+4] for i in range(0, 32, 4))
t = open(src).read().replace(sa, sf).replace('"size": 15', '"size": 9').replace(pk, opk).replace(fp, ofp)
open(dst, "w").write(t)
PY
resign "$T/m-forged.json" "$T/other.pem" "$T/forged-sig.tar"
retar "import tarfile
src = tarfile.open('$T/forged-sig.tar')
members[0][1] = src.extractfile('manifest.json').read(); members[1][1] = src.extractfile('manifest.json.sig').read()
members[2][0].name = 'evidence/$SF'; members[2][1] = open('$T/forged.txt', 'rb').read()" "$T/forged.tar"
mk verify "$T/forged.tar"
check_status 1
check_err "meldkamer verify: $T/forged.tar: manifest.json: the logbook chain is broken: logbook entry 2 was changed after it was written"

# A manifest changed outside the logbook (who exported it) and signed by
# that other key with its own public key in it: whole as signed by the key
# it carries, so without --public-key it passes and says so; with the
# installation's key it is refused.
python3 - "$T/x/manifest.json" "$T/m-key.json" "$PK" "$OPK" "$FP" <<'PY'
import hashlib, sys
src, dst, pk, opk, fp = sys.argv[1:]
h = hashlib.sha256(bytes.fromhex(opk)).hexdigest()[:32]
ofp = "SHA256:" + ":".join(h[i:i+4] for i in range(0, 32, 4))
t = open(src).read().replace('"created_by": "tester"', '"created_by": "iemand anders"').replace(pk, opk)
open(dst + ".fp-kept", "w").write(t)
open(dst, "w").write(t.replace(fp, ofp))
PY
# Its fingerprint left as it was: refused, the fingerprint must be the key's.
resign "$T/m-key.json.fp-kept" "$T/other.pem" "$T/fp-kept.tar"
mk verify "$T/fp-kept.tar"
check_status 1
check_err_has "meldkamer verify: $T/fp-kept.tar: manifest.json: signing_key.fingerprint is not the fingerprint of its public key (SHA256:"
resign "$T/m-key.json" "$T/other.pem" "$T/other-key.tar"
mk verify "$T/other-key.tar"
check_ok
check_out_has "signature good, by the key in the archive SHA256:"
check_out_lacks "$FP"
mk verify "$T/other-key.tar" --public-key "$PK"
check_status 1
check_err_has "meldkamer verify: $T/other-key.tar: wrong key: the archive is signed by SHA256:"
check_err_has ", not by the expected key $FP"

mv "$T/db.away" "$DB"

finish
