#!/bin/bash
# Times: what is accepted and exactly which instant it becomes (Amsterdam
# wall-clock time across both DST changes, offsets, Z), and what is refused
# with exit 2, the field named and the database unchanged: impossible dates,
# out-of-range years, the spring-forward gap, garbage, the future, and
# times in the wrong order. For incident new and incident edit.
. "$(dirname "$0")/lib.sh"
export MELDKAMER_NOW=2026-11-15T12:00:00Z
init_db
new_incident --title "Bestaand" --detected-at "2026-10-24 12:00"

# accepted VALUE UTC: --occurred-at VALUE is stored as UTC.
accepted() {
	mk incident new --title "Tijd $1" --occurred-at "$1" --detected-at 2026-11-15T11:00:00Z
	check_ok
	local key=$OUT
	mk incident show "$key" --json
	json_py 'eq(d["times"]["occurred_at"], "'"$2"'", "occurred_at for '"$1"'")'
}
accepted "2026-10-24 12:00" 2026-10-24T10:00:00Z        # CEST: UTC+2
accepted "2026-10-24T12:00" 2026-10-24T10:00:00Z
accepted "2026-11-01 12:00" 2026-11-01T11:00:00Z        # CET: UTC+1
accepted "2026-10-25 01:59" 2026-10-24T23:59:00Z        # still CEST
accepted "2026-10-25 02:30" 2026-10-25T00:30:00Z        # occurs twice: the first (CEST)
accepted "2026-10-25 03:00" 2026-10-25T02:00:00Z        # CET again
accepted "2026-03-29 01:59" 2026-03-29T00:59:00Z        # last minute of CET
accepted "2026-03-29 03:00" 2026-03-29T01:00:00Z        # first minute of CEST
accepted "2026-10-24" 2026-10-23T22:00:00Z              # a date is its 00:00
accepted "2026-10-24T10:00:00Z" 2026-10-24T10:00:00Z
accepted "2026-10-24t10:00z" 2026-10-24T10:00:00Z
accepted "2026-10-24T12:00:00+02:00" 2026-10-24T10:00:00Z
accepted "2026-10-24T05:00:00-0500" 2026-10-24T10:00:00Z
accepted "2026-10-24T10:00:00.999Z" 2026-10-24T10:00:00Z # fractions dropped
accepted "2024-02-29 12:00" 2024-02-29T11:00:00Z        # a leap day
accepted "1970-01-01T00:00:00Z" 1970-01-01T00:00:00Z    # the first accepted instant

GARBAGE_HINT="is not a date and time: use ISO 8601, e.g. '2026-10-24 12:00' (Amsterdam time) or '2026-10-24T10:00:00Z'"
RANGE_HINT="is out of range: meldkamer accepts times from 1970 up to 2099"
OPTIONS="occurred_at:--occurred-at detected_at:--detected-at reported_at:--reported-at
management_informed_at:--management-informed-at subjects_informed_at:--subjects-informed-at
contained_at:--contained-at resolved_at:--resolved-at"

for fo in $OPTIONS; do
	f=${fo%%:*} o=${fo#*:}
	for base in "incident new --title Fout" "incident edit $KEY"; do
		# shellcheck disable=SC2086
		set -- $base
		refused 2 "$f '1900-01-01' $RANGE_HINT" "$@" "$o" 1900-01-01
		refused 2 "$f '2200-01-01 12:00' $RANGE_HINT" "$@" "$o" "2200-01-01 12:00"
		refused 2 "$f '2026-02-30' $GARBAGE_HINT" "$@" "$o" 2026-02-30
		refused 2 "$f: 2026-03-29 02:30 does not exist in Amsterdam: the clocks move forward that night" "$@" "$o" "2026-03-29 02:30"
		refused 2 "$f 'gisteren' $GARBAGE_HINT" "$@" "$o" gisteren
		# More than a day after now is a typing error.
		refused 2 "$f (2026-11-17 12:00 CET) lies in the future" "$@" "$o" "2026-11-17 12:00"
	done
done

# The edges and more garbage, on one option.
for base in "incident new --title Fout" "incident edit $KEY"; do
	# shellcheck disable=SC2086
	set -- $base
	refused 2 "occurred_at '1969-12-31T23:59:59Z' $RANGE_HINT" "$@" --occurred-at 1969-12-31T23:59:59Z
	refused 2 "occurred_at '2100-01-01T00:00:00Z' $RANGE_HINT" "$@" --occurred-at 2100-01-01T00:00:00Z
	refused 2 "occurred_at '2025-02-29 12:00' $GARBAGE_HINT" "$@" --occurred-at "2025-02-29 12:00"
	refused 2 "occurred_at: 2026-03-29 02:00 does not exist in Amsterdam" "$@" --occurred-at "2026-03-29 02:00"
	for g in 2026-13-01 "2026-10-24 25:00" "2026-10-24T12:60" "2026-10-24T12:00:61" \
		"2026-10-24T12:00+25:00" 20261024 2026-1-4 " 2026-10-24" "2026-10-24 12:00 " 99999-01-01 \
		"2026-10-24 12:00 CET" "24-10-2026"; do
		refused 2 "occurred_at '$g' $GARBAGE_HINT" "$@" --occurred-at "$g"
	done
done

# The order of events: detected not before occurred, containment not
# before detection, resolution not before containment.
refused 2 "detected_at (2026-10-24 12:00 CEST) lies before occurred_at (2026-10-24 13:00 CEST)" \
	incident new --title x --occurred-at "2026-10-24 13:00" --detected-at "2026-10-24 12:00"
refused 2 "detected_at (2026-10-25 02:30 CEST) lies before occurred_at (2026-10-25 02:10 CET)" \
	incident new --title x --occurred-at "2026-10-25T01:10:00Z" --detected-at "2026-10-25 02:30"
refused 2 "contained_at (2026-10-24 11:00 CEST) lies before detected_at (2026-10-24 12:00 CEST)" \
	incident new --title x --detected-at "2026-10-24 12:00" --contained-at "2026-10-24 11:00"
refused 2 "resolved_at (2026-10-24 13:00 CEST) lies before contained_at (2026-10-24 14:00 CEST)" \
	incident new --title x --detected-at "2026-10-24 12:00" --contained-at "2026-10-24 14:00" --resolved-at "2026-10-24 13:00"
refused 2 "reported_at (2026-10-24 08:00 CEST) lies before occurred_at (2026-10-24 09:00 CEST)" \
	incident new --title x --occurred-at "2026-10-24 09:00" --detected-at "2026-10-24 10:00" --reported-at "2026-10-24 08:00"
refused 2 "contained_at (2026-10-24 11:00 CEST) lies before detected_at (2026-10-24 12:00 CEST)" \
	incident edit "$KEY" --contained-at "2026-10-24 11:00"
refused 2 "lies before occurred_at" incident edit "$KEY" --occurred-at "2026-10-24 12:01"

# The same instant in two spellings is in order.
mk incident new --title "Zelfde moment" --occurred-at "2026-10-24 12:00" --detected-at 2026-10-24T10:00:00Z
check_ok

finish
