#!/bin/sh
# The 40 real phishing mails of ../shared/data/phishing through the mail
# parser and the CLI.
#
# 1. For every file, the parser (tests/intake/mail-dump) agrees with an
#    independent reading by tools/mail-reference.py (Python's email
#    package and hashlib, the rules of doc/mail-intake.md written again)
#    on the original sender, the URL list and each attachment's SHA-256.
# 2. For a handful of named files the exact values are written out below.
#    They were computed with tools/mail-reference.py and, for the
#    attachments, checked again by hand: Python's email package
#    `part.get_payload(decode=True)` written to a file and `sha256sum` run
#    on it.
# 3. `meldkamer intake mail` takes every one cleanly (40 taken, none
#    failed) and a second run adds nothing (40 already there).
set -eu
M=$1
DUMP=$2
REF=$3
DATA=${MK_SHARED_DATA:-}
if [ -z "$DATA" ] || [ ! -d "$DATA/phishing" ]; then
	echo "skipped: the shared phishing sample is not at '${DATA:-../shared/data}/phishing'"
	exit 77
fi
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
export MELDKAMER_DB="$DIR/t.db" MELDKAMER_USER=test MELDKAMER_NOW=2026-12-03T12:00:00Z

"$DUMP" "$DATA"/phishing/*.eml >"$DIR/dump.jsonl"
python3 "$REF" "$DATA"/phishing/*.eml >"$DIR/ref.jsonl"
"$M" init >/dev/null
"$M" intake mail --json "$DATA/phishing" >"$DIR/intake.json" 2>"$DIR/intake.err"
"$M" intake mail --json "$DATA/phishing" >"$DIR/again.json" 2>/dev/null

python3 - "$DIR" <<'PY'
import json, sys
d = sys.argv[1]
fails = []
def eq(a, b, what):
    if a != b:
        fails.append("%s: expected %r, got %r" % (what, b, a))

dump = {}
for line in open(d + "/dump.jsonl", encoding="utf-8"):
    x = json.loads(line)
    dump[x["file"].rsplit("/", 1)[-1]] = x
ref = {}
for line in open(d + "/ref.jsonl", encoding="utf-8"):
    x = json.loads(line)
    ref[x["file"]] = x
eq(len(dump), 40, "messages parsed")
eq(sum(1 for x in dump.values() if "error" in x), 0, "messages the parser refused")
for f, r in sorted(ref.items()):
    x = dump[f]
    eq(x["from"]["addr"], r["sender"], f + " sender")
    eq([u["url"] for u in x["urls"]], r["urls"], f + " urls")
    eq([a["sha256"] for a in x["attachments"]], r["attachments"], f + " attachments")
    eq(x["forward"], r["forward"], f + " forward")

named = {
    "sample-1140.eml": ("johnnyhughescr2g6cr@gmail.com", [],
        ["f8969a723b8823fa6c777c950835fb58125d51609d50e6deb6d78d219b50b531"]),
    "sample-2590.eml": ("test@jzbgno.hospedagemweb.net", [], []),
    "sample-402.eml": ("admin@arbe.org.uk", [
        "https://17ZJK.trk.elasticemail.com/tracking/unsubscribe?d=iLyyjyFMYYqAx-T0gsicls7Lo5v66_TPYQYuahSC423eHo218C3BHjCsh3X4rLV0Kji6uWY89L16KMMxEG5l0eNFVCrV4htM4ijly9LIQOht0",
        "https://17ZJK.trk.elasticemail.com/tracking/unsubscribe?d=iLyyjyFMYYqAx-T0gsicls7Lo5v66_TPYQYuahSC%20423eHo218C3BHjCsh3X4rLV0Kji6uWY89L16KMMxEG5l0eNFVCrV4htM4ijly9LIQOht0"],
        ["8137cd01f19f994892c4337987661c249e55d1f6dde0380b495170148dc8c7b4"]),
    "sample-4943.eml": ("contact@asfjet.veronicapal8.com", [
        "https://storage.googleapis.com/newera1/aaaaaaafedex.html",
        "https://hnerta.dondomatos.online/opt-out/t/6WrzSv0VeIN3ekqeukwdby0GVEWWOLHNBTNBGY0NXMR353959e0"], []),
    "sample-5692.eml": ("mail.apps-nv@nikkimcgillracing.com", [
        "https://nikkimcgillracing.com/customer/?newsletters&email=admin-daf431b8c41e9b20c938f722620f6fae@live.com",
        "https://mail.sadiqsurgical.com:2080",
        "https://mail.sadiqsurgical.com:2080/calendars/sadiqsurgical/calendar",
        "https://mail.sadiqsurgical.com:2080/addressbooks/sadiqsurgical/addressbook",
        "http://mail.sadiqsurgical.com:2079",
        "http://mail.sadiqsurgical.com:2079/calendars/sadiqsurgical/calendar",
        "http://mail.sadiqsurgical.com:2079/addressbooks/sadiqsurgical/addressbook",
        "https://nikkimcgillracing.com/customer/?newsletters&email=admin-d0028319dba968885ffd400ba6fd14ad@live.com"],
        ["ff7a997262204510cb2bbacb0ced99ae1566b4b13eb0699fb64242e4ded6900f",
         "8a257e89648640a40bf72f6baf23f979c844bd163ab8358a6f58fe7684ddd521",
         "9124e17f263fc56c8cc108a9713405e9d619effa7b5a0915eea83e5a1ea20361"]),
    "sample-7680.eml": ("team-ov-chipkaart@\U0001d5fc\U0001d603-\U0001d5f0\U0001d5f5\U0001d5f6\U0001d5fd\U0001d5f8\U0001d5ee\U0001d5ee\U0001d5ff\U0001d601-client-68922642.\U0001d5fb\U0001d5f9", [
        "http://emailservicesnetau.com/4NkujQ2369qaUX111dahjwiauyu19TELGJNPJAOJIWOF127587EYAT1527c1",
        "http://emailservicesnetau.com/4tXZqb2369eson111qvvbbnyybm19HVISWTXGKWSNNCE127587OKZE1527b1",
        "http://emailservicesnetau.com/6IfvvQ2369mYxo111qfqcdccanh19NXSVGEZJYJZOGAX127587AKFS1527w1"], []),
}
for f, (sender, urls, atts) in named.items():
    x = dump[f]
    eq(x["from"]["addr"], sender, f + " named sender")
    eq([u["url"] for u in x["urls"]], urls, f + " named urls")
    eq([a["sha256"] for a in x["attachments"]], atts, f + " named attachments")
# sample-2590 is a spam report wrapping the original as message/rfc822
eq(dump["sample-2590.eml"]["forward"], "rfc822", "sample-2590 unwrapped")

i = json.load(open(d + "/intake.json", encoding="utf-8"))
eq([i["taken"], i["duplicates"], i["failed"]], [40, 0, 0], "intake taken/duplicates/failed")
a = json.load(open(d + "/again.json", encoding="utf-8"))
eq([a["taken"], a["duplicates"], a["failed"]], [0, 40, 0], "second intake")
left_out = sum(len(m.get("left_out", [])) for m in i["messages"])
# sample-2895's Return-Path has two '@': kept whole, its domain after the last.
eq(dump["sample-2895.eml"]["return_path"],
   "bounce-phishing@pot+2df+2dp=hotmail.com@mail.whenthefork.com", "sample-2895 return path")
eq(sorted(dump["sample-2895.eml"]["domains"]), ["click1.100clicks.co", "mail.whenthefork.com"],
   "sample-2895 domains")
eq(left_out, 2, "observables left out (sample-1298's one-label 'pot', as sender and domain)")
print("phishing sample: %d of 40 taken cleanly, %d observables left out (see intake.err)"
      % (i["taken"], left_out))
if fails:
    print("\n".join(fails))
    sys.exit(1)
PY
"$M" log verify >/dev/null
