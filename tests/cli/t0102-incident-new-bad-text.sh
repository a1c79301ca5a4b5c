#!/bin/bash
# incident new refuses bad text in every text option with exit 2, a message
# naming the field and the problem, and the database exactly as before:
# invalid UTF-8, control characters, text over its limit, a NUL byte or
# too much on standard input. The same for incident edit.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Bestaand incident"

BAD_UTF8=$(printf 'ok\377\376')      # 0xff 0xfe: never valid UTF-8
OVERLONG=$(printf 'a\300\257')       # overlong encoding of '/'
SURROGATE=$(printf 'a\355\240\200')  # U+D800 encoded: not allowed in UTF-8
CUT=$(printf 'ab\303')               # a two-byte sequence cut short
ESC=$(printf 'a\033[31mrood')        # a terminal escape sequence
DEL=$(printf 'a\177b')

# field name in messages, option
FIELDS="title:--title description:--description reporter_name:--reporter-name
reporter_department:--reporter-department reporter_phone:--reporter-phone
reporter_email:--reporter-email supplier:--supplier"

# with_field VERB OPTION VALUE: sets "$@" to the command that gives the
# field that value (new needs a valid title besides).
with_field() {
	if [ "$1" = edit ]; then
		ARGS=(incident edit "$KEY" "$2" "$3")
	elif [ "$2" = --title ]; then
		ARGS=(incident new --title "$3")
	else
		ARGS=(incident new --title "Geldige titel" "$2" "$3")
	fi
}

for verb in new edit; do
	for fo in $FIELDS; do
		f=${fo%%:*} o=${fo#*:}
		with_field $verb "$o" "$BAD_UTF8"; refused 2 "$f is not valid UTF-8 (at byte 2)" "${ARGS[@]}"
		with_field $verb "$o" "$OVERLONG"; refused 2 "$f is not valid UTF-8 (at byte 1)" "${ARGS[@]}"
		with_field $verb "$o" "$SURROGATE"; refused 2 "$f is not valid UTF-8 (at byte 1)" "${ARGS[@]}"
		with_field $verb "$o" "$CUT"; refused 2 "$f is not valid UTF-8 (at byte 2)" "${ARGS[@]}"
		with_field $verb "$o" "$ESC"; refused 2 "$f contains a control character (0x1b at byte 1)" "${ARGS[@]}"
		with_field $verb "$o" "$DEL"; refused 2 "$f contains a control character (0x7f at byte 1)" "${ARGS[@]}"
	done
	# One-line fields refuse a newline or a tab; the description keeps them.
	for fo in $FIELDS; do
		f=${fo%%:*} o=${fo#*:}
		[ "$f" = description ] && continue
		with_field $verb "$o" "$(printf 'twee\nregels')"
		refused 2 "$f contains a control character (0x0a at byte 4)" "${ARGS[@]}"
		with_field $verb "$o" "$(printf 'a\tb')"
		refused 2 "$f contains a control character (0x09 at byte 1)" "${ARGS[@]}"
	done
	# Limits in bytes: title 400, names 200, description 64 KiB.
	with_field $verb --title "$(head -c 401 /dev/zero | tr '\0' x)"
	refused 2 "title is too long: 401 bytes, the limit is 400" "${ARGS[@]}"
	with_field $verb --title "$("$PY" -c 'print("é" * 201, end="")')"
	refused 2 "title is too long: 402 bytes, the limit is 400" "${ARGS[@]}"
	for fo in reporter_name:--reporter-name reporter_department:--reporter-department reporter_phone:--reporter-phone supplier:--supplier; do
		with_field $verb "${fo#*:}" "$(head -c 201 /dev/zero | tr '\0' x)"
		refused 2 "${fo%%:*} is too long: 201 bytes, the limit is 200" "${ARGS[@]}"
	done
	with_field $verb --description "$(head -c 65537 /dev/zero | tr '\0' x)"
	refused 2 "description is too long: 65537 bytes, the limit is 65536" "${ARGS[@]}"
	# Near the kernel's limit for one argument (128 KiB).
	with_field $verb --description "$(head -c 130000 /dev/zero | tr '\0' x)"
	refused 2 "description is too long: 130000 bytes, the limit is 65536" "${ARGS[@]}"
done

# Standard input: over the limit, a NUL byte, invalid UTF-8, control
# characters; for new and edit.
head -c 65537 /dev/zero | tr '\0' x >"$T/over.txt"
head -c 10485760 /dev/zero | tr '\0' x >"$T/huge.txt"
printf 'voor\000na' >"$T/nul.txt"
printf 'caf\351 latin-1\n' >"$T/latin1.txt"
printf 'bel\007\n' >"$T/bel.txt"
for verb in new edit; do
	if [ $verb = new ]; then set -- incident new --title "Geldige titel"; else set -- incident edit "$KEY"; fi
	refused_stdin "$T/over.txt" 2 "description is too long: 65537 bytes, the limit is 65536" "$@" --description -
	refused_stdin "$T/huge.txt" 2 "standard input is too long: the limit is 65536 bytes" "$@" --description -
	refused_stdin "$T/nul.txt" 2 "standard input contains a NUL byte" "$@" --description -
	refused_stdin "$T/latin1.txt" 2 "description is not valid UTF-8 (at byte 3)" "$@" --description -
	refused_stdin "$T/bel.txt" 2 "description contains a control character (0x07 at byte 3)" "$@" --description -
done

# Invalid UTF-8 in the actor's name (--as), and an over-long one.
refused 2 "--as is not valid UTF-8 (at byte 2)" incident new --title x --as "$BAD_UTF8"
refused 2 "--as contains a control character (0x1b at byte 1)" incident new --title x --as "$ESC"
refused 2 "--as is too long: 201 bytes, the limit is 200" incident new --title x --as "$(head -c 201 /dev/zero | tr '\0' x)"
MELDKAMER_USER=$BAD_UTF8 refused 2 "author is not valid UTF-8 (at byte 2)" incident new --title x

# Invalid UTF-8 where a word from a list is expected.
refused 2 "source" incident new --title x --source "$BAD_UTF8"
refused 2 "tlp" incident new --title x --tlp "$BAD_UTF8"
refused 2 "personal_data" incident new --title x --personal-data "$BAD_UTF8"
refused 2 "occurred_at" incident new --title x --occurred-at "$BAD_UTF8"
refused 2 "parent is not valid UTF-8 (at byte 2)" incident new --title x --parent "$BAD_UTF8"

check_eq "only the one incident" 1 "$(sql 'SELECT count(*) FROM incident')"
check_eq "only its one log entry" 1 "$(sql 'SELECT count(*) FROM logbook')"

finish
