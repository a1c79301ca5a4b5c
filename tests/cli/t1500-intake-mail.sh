#!/bin/bash
# intake mail: a staff forward (message/rfc822 attachment) becomes a report
# in the phishing row of the notification matrix, with the forwarder as
# reporter, the original's indicators as observables and the raw message
# as evidence, byte-exact under its SHA-256 beside the database; the same
# message again adds nothing; an inline forward on standard input (an MTA
# pipe) is the next report.
. "$(dirname "$0")/lib.sh"
MAIL=$MK_SOURCE_ROOT/tests/intake/mail
init_db

mk intake mail "$MAIL/forward-rfc822.eml"
check_ok
check_out "MK-2026-0001  $MAIL/forward-rfc822.eml  service@postnl-bezorging.example.net  14 observables
taken 1, already there 0, failed 0"
check_eq title "Phishing: Uw pakket – actie vereist" "$(sql "SELECT title FROM incident")"
check_eq source gebruiker-partner "$(sql "SELECT source FROM incident")"
check_eq reporter "Jan de Vries|j.devries@gemeente.example" \
	"$(sql "SELECT reporter_name, reporter_email FROM incident")"
check_eq matrix "beheer|Opzettelijk foutief handelen van gebruikers|Kraken of omzeilen toegang door medewerkers of een buitenstaander" \
	"$(sql "SELECT matrix_table, matrix_category, matrix_incident FROM incident")"
check_eq observables "email|service@postnl-bezorging.example.net|sender
email|antwoord@reply.example.net|reply-to
email|bounce@mailer.example.com|return-path
ip|203.0.113.25|received-ip
url|https://postnl-bezorging.example.net/track?id=42&x=1|url
url|http://198.51.100.77/login|link-target
url|https://www.example.org/|link-target
domain|postnl-bezorging.example.net|domain
domain|reply.example.net|domain
domain|mailer.example.com|domain
domain|www.example.org|domain
hash|ade5e1e3dced66b6297dd0d38f9404cd57eee7fdd9a6f1e0736cea06f5543aad|attachment-sha256
filename|factuur.pdf|attachment
hash|e5c6ab3d1d055d08861278728c81bdbf5b886e9d1b5f20bc7594532c28ce3709|message-sha256" \
	"$(sql "SELECT o.type, o.value, io.role FROM incident_observable io JOIN observable o
		ON o.id = io.observable_id ORDER BY io.seq")"
# The description names what a handler needs first.
DESC=$(sql "SELECT description FROM incident")
for want in "Gemeld door: Jan de Vries <j.devries@gemeente.example>" \
	"Afzender: PostNL Klantenservice <service@postnl-bezorging.example.net>" \
	"Eerste externe hop: 203.0.113.25 (smtp.mailer.example.com)" \
	"Link toont www.postnl.nl maar gaat naar postnl-bezorging.example.net" \
	"Origineel bericht: 3981 bytes, SHA-256 e5c6ab3d1d055d08861278728c81bdbf5b886e9d1b5f20bc7594532c28ce3709"; do
	case $DESC in *"$want"*) check_eq description ok ok ;; *) fail "description lacks '$want'" ;; esac
done

# The evidence: the raw bytes, under their hash, and nothing else there.
SHA=e5c6ab3d1d055d08861278728c81bdbf5b886e9d1b5f20bc7594532c28ce3709
check_eq evidence-row "$SHA|3981|message/rfc822" "$(sql "SELECT sha256, size, media_type FROM evidence")"
if cmp -s "$MAIL/forward-rfc822.eml" "$DB.evidence/sha256/e5/$SHA"; then
	check_eq evidence-bytes same same
else
	fail "the evidence file differs from the message"
fi
check_eq evidence-files "$DB.evidence/sha256/e5/$SHA" "$(find "$DB.evidence" -type f)"
check_eq sha256sum "$SHA" "$(sha256sum <"$DB.evidence/sha256/e5/$SHA" | cut -d' ' -f1)"

# Again: recognised by its SHA-256, nothing written.
snapshot
mk intake mail "$MAIL/forward-rfc822.eml"
check_ok
check_out "MK-2026-0001  $MAIL/forward-rfc822.eml  already taken (SHA-256 e5c6ab3d1d055d08...)
taken 0, already there 1, failed 0"
check_db_unchanged

# Standard input, as from an MTA pipe; --json.
mk_stdin "$MAIL/forward-inline-nl.eml" intake mail --json
check_ok
json_py '
eq(d["taken"], 1, "taken")
m = d["messages"][0]
eq([m["file"], m["key"], m["forward"], m["sender"], m["observables"]],
   ["(standard input)", "MK-2026-0002", "inline", "debiteuren@factuur-portaal.example", 4])
eq(m["sha256"], "a4f6055c96f41eabc4a7cd10d618a40854b37bebacc6672c801c78dfe0892265")'
check_eq title2 "Phishing: Factuur openstaand één herinnering" \
	"$(sql "SELECT title FROM incident WHERE key = 'MK-2026-0002'")"
check_eq reporter2 "Petra Jansen|p.jansen@gemeente.example|gebruiker-partner" \
	"$(sql "SELECT reporter_name, reporter_email, source FROM incident WHERE key = 'MK-2026-0002'")"

# A message that is not a forward came into the service desk's mailbox.
mk intake mail "$MAIL/base64-body.eml"
check_ok
check_eq direct "servicedesk||" \
	"$(sql "SELECT source, reporter_name, reporter_email FROM incident WHERE key = 'MK-2026-0003'")"
# Its Date (30 Nov 2026) is after MELDKAMER_NOW (24 Oct 2026): not taken as occurred_at.
check_eq occurred "" "$(sql "SELECT occurred_at FROM incident WHERE key = 'MK-2026-0003'")"

# Seen before: the second mail from the same domain is correlated.
mk log verify
check_ok
finish
