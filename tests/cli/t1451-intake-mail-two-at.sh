#!/bin/bash
# intake mail: an address with two '@' (a bounce address carrying the
# original recipient, as in real Return-Paths) is kept whole, and its
# domain is what follows the last '@', not the first.
. "$(dirname "$0")/lib.sh"
MAIL=$MK_SOURCE_ROOT/tests/intake/mail
init_db

mk_stdin "$MAIL/return-path-two-at.eml" intake mail
check_ok
check_out "MK-2026-0001  (standard input)  info@mail.nieuwsbrief.example  9 observables
taken 1, already there 0, failed 0"
check_err_empty
check_eq observables "email|info@mail.nieuwsbrief.example|sender
email|antwoord+x@pot=y.example@reply.nieuwsbrief.example|reply-to
email|bounce-nieuws@pot+2dj+2dj=gemeente.example@mail.nieuwsbrief.example|return-path
ip|198.51.100.23|received-ip
url|https://verleng.nieuwsbrief.example/nu|url
domain|mail.nieuwsbrief.example|domain
domain|reply.nieuwsbrief.example|domain
domain|verleng.nieuwsbrief.example|domain
hash|$(sha256sum <"$MAIL/return-path-two-at.eml" | cut -d' ' -f1)|message-sha256" \
	"$(sql "SELECT o.type, o.value, io.role FROM incident_observable io JOIN observable o
		ON o.id = io.observable_id ORDER BY io.seq")"
# No domain from the part before the last '@'.
check_eq "cut domains" 0 "$(sql "SELECT count(*) FROM observable WHERE type = 'domain' AND value LIKE '%gemeente.example%'")"

# observable seen finds the whole address.
mk observable seen "bounce-nieuws@pot+2Dj+2Dj=gemeente.example@mail.nieuwsbrief.example"
check_ok
check_out_has "MK-2026-0001"

finish
