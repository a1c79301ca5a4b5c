#!/bin/bash
# intake mail FOLDER takes a folder's .eml files (other files are left
# alone) in name order, or a Maildir's cur/ and new/ (every file there, as
# Maildir names have no extension).
. "$(dirname "$0")/lib.sh"
MAIL=$MK_SOURCE_ROOT/tests/intake/mail
init_db

mkdir -p eml maildir/cur maildir/new maildir/tmp
cp "$MAIL/latin1-qp.eml" eml/b.eml
cp "$MAIL/base64-body.eml" eml/a.EML
echo "not a message" >eml/notes.txt
cp "$MAIL/forward-inline-en.eml" maildir/new/1764000000.M1P1.host
cp "$MAIL/forward-rfc822.eml" "maildir/cur/1764000001.M2P2.host:2,S"
cp "$MAIL/broken-qp.eml" maildir/tmp/1764000002.M3P3.host # being delivered: not taken

mk intake mail eml
check_ok
check_out "MK-2026-0001  eml/a.EML  no-reply@m365-security.example  5 observables
MK-2026-0002  eml/b.eml  info@belasting-teruggave.example  4 observables
taken 2, already there 0, failed 0"

mk intake mail maildir
check_ok
check_out "MK-2026-0003  maildir/cur/1764000001.M2P2.host:2,S  service@postnl-bezorging.example.net  14 observables
MK-2026-0004  maildir/new/1764000000.M1P1.host  helpdesk@mailbox-upgrade.example  4 observables
taken 2, already there 0, failed 0"

# All at once again: every one already there.
mk intake mail eml maildir
check_ok
check_out_has "taken 0, already there 4, failed 0"
check_eq incidents 4 "$(sql "SELECT count(*) FROM incident")"
check_eq evidence 4 "$(find "$DB.evidence" -type f | wc -l)"
finish
