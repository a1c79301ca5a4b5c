#!/bin/bash
# KNOWN BUG (should_fail in meson.build): error messages quote the user's
# value raw, so a terminal escape sequence in an argument or a file name
# reaches the terminal of whoever runs the command (here ESC ] 0 ; ... BEL,
# which retitles the terminal; others can hide or rewrite text). Stored
# text refuses control characters for exactly this reason; messages must
# not emit them either (escape or replace them). Every case below is
# refused with exit 2, and stderr must hold no byte below 0x20 but the
# newline, and no 0x7f.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Bestaand"
E=$(printf '\033]0;pwned\007\177')

no_control_chars() {
	CHECKS=$((CHECKS + 1))
	if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$T/err"; then
		fail "stderr holds a control character"
	fi
}

for args in "frobnicate$E" "incident frobnicate$E"; do
	# shellcheck disable=SC2086
	mk $args
	check_status 2
	no_control_chars
done
mk incident new "--x$E"
check_status 2
no_control_chars
mk incident show "MK-2026-0001$E"
check_status 2
no_control_chars
mk incident new --title x --tlp "amber$E"
check_status 2
no_control_chars
mk incident new --title x --occurred-at "2026$E"
check_status 2
no_control_chars
mk incident assess "$KEY" --table gebruikers --category "Omstandigheden op de werkplek" --incident "x$E"
check_status 2
no_control_chars
mk incident assess "$KEY" --table gebruikers --category "x$E" --incident "x"
check_status 2
no_control_chars
mk task done "$KEY" "1.1$E"
check_status 2
no_control_chars
: >"$T/v$E.json"
mk import veris "$T/v$E.json"
check_status 2
no_control_chars

finish
