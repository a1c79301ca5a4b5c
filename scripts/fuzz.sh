#!/bin/sh
# Runs each libFuzzer harness for a bounded time on a corpus seeded from
# the project's own fixtures and tables (and the shared VERIS sample when
# it is there). A crash leaves its input in the corpus folder's crash-*
# file and fails the run; keep it as a regression fixture.
set -eu
BUILD=$1
SECONDS_EACH=${2:-60}
CORPUS=${FUZZ_CORPUS:-$BUILD/fuzz-corpus}
mkdir -p "$CORPUS/veris" "$CORPUS/tables" "$CORPUS/html" "$CORPUS/mail" "$CORPUS/alerts" "$CORPUS/json"

cp tests/intake/veris/*.json "$CORPUS/veris/"
if [ -d ../shared/data/vcdb ]; then
	cp ../shared/data/vcdb/*.json ../shared/data/vcdb/*.JSON "$CORPUS/veris/" 2>/dev/null || true
fi
# Table seeds: the selector byte (0 matrix, 1 checklist, 2 impact, 3 time,
# 4 key) followed by real input.
i=0
for t in matrix checklist impact; do
	{ printf "\\$(printf '%03o' $i)"; cat "data/$t.tsv"; } >"$CORPUS/tables/seed-$t"
	i=$((i + 1))
done
printf '\003%s' '2026-10-24 12:00' >"$CORPUS/tables/seed-time"
printf '\003%s' '2026-10-27T10:00:00+02:00' >"$CORPUS/tables/seed-time-offset"
printf '\004%s' 'MK-2026-0001' >"$CORPUS/tables/seed-key"

"$BUILD/tests/fuzz/fuzz-veris" -dict=tests/fuzz/veris.dict -max_len=65536 \
	-max_total_time="$SECONDS_EACH" -artifact_prefix="$CORPUS/" "$CORPUS/veris"
"$BUILD/tests/fuzz/fuzz-tables" -max_len=65536 -max_total_time="$SECONDS_EACH" \
	-artifact_prefix="$CORPUS/" "$CORPUS/tables"
printf '%s' '<script>alert(1)</script> & "x" '"'"'y'"'"' é' >"$CORPUS/html/seed-script"
"$BUILD/tests/fuzz/fuzz-html" -max_len=4096 -max_total_time="$SECONDS_EACH" \
	-artifact_prefix="$CORPUS/" "$CORPUS/html"
cp tests/intake/mail/*.eml "$CORPUS/mail/"
if [ -d ../shared/data/phishing ]; then
	cp ../shared/data/phishing/*.eml "$CORPUS/mail/"
fi
"$BUILD/tests/fuzz/fuzz-mail" -dict=tests/fuzz/mail.dict -max_len=65536 -rss_limit_mb=1024 \
	-max_total_time="$SECONDS_EACH" -artifact_prefix="$CORPUS/" "$CORPUS/mail"
# Alert seeds: every line of the intake fixtures, one file each.
split -l 1 -a 3 tests/intake/alerts/mixed.jsonl "$CORPUS/alerts/mixed-"
split -l 1 -a 3 tests/intake/alerts/bad.jsonl "$CORPUS/alerts/bad-"
cp tests/intake/alerts/crash-* "$CORPUS/alerts/" 2>/dev/null || true
"$BUILD/tests/fuzz/fuzz-alerts" -max_len=8192 -max_total_time="$SECONDS_EACH" \
	-artifact_prefix="$CORPUS/" "$CORPUS/alerts"
printf '%s' 'Mail met "BSN" \ <b> é 😀' >"$CORPUS/json/seed-text"
printf '\001\037\177\n\t' >"$CORPUS/json/seed-controls"
"$BUILD/tests/fuzz/fuzz-json-writer" -max_len=4096 -max_total_time="$SECONDS_EACH" \
	-artifact_prefix="$CORPUS/" "$CORPUS/json"
# Breach seeds: the vocabulary selector byte (0 categories ... 7 exceptions)
# and a set as the CLI takes it.
mkdir -p "$CORPUS/breach"
printf '\000%s' 'naw, bsn,email' >"$CORPUS/breach/seed-categories"
printf '\001%s' 'gezondheid,strafrechtelijk' >"$CORPUS/breach/seed-special"
printf '\003%s' '=HYPERLINK("x"),gelezen' >"$CORPUS/breach/seed-formula"
"$BUILD/tests/fuzz/fuzz-breach" -max_len=4096 -max_total_time="$SECONDS_EACH" \
	-artifact_prefix="$CORPUS/" "$CORPUS/breach"
# Archive seeds: a real signed archive made by the CLI (selector 0: as
# is; 2: against a made-up expected key) and its manifest (selector 1).
mkdir -p "$CORPUS/archive"
SEEDDB=$(mktemp -d)
printf 'bewijs\n' >"$SEEDDB/a.txt"
M=$BUILD/src/cli/meldkamer
MELDKAMER_NOW=2026-10-24T12:00 "$M" --db "$SEEDDB/s.db" init >/dev/null
MELDKAMER_NOW=2026-10-24T12:00 "$M" --db "$SEEDDB/s.db" incident new --title Seed >/dev/null
MELDKAMER_NOW=2026-10-24T12:00 "$M" --db "$SEEDDB/s.db" evidence add MK-2026-0001 "$SEEDDB/a.txt" \
	--what Seed --why Fuzz >/dev/null
MELDKAMER_NOW=2026-10-24T12:00 "$M" --db "$SEEDDB/s.db" export evidence MK-2026-0001 \
	-o "$SEEDDB/e.tar" --why Fuzz >/dev/null
{ printf '\000'; cat "$SEEDDB/e.tar"; } >"$CORPUS/archive/seed-archive"
{ printf '\002'; cat "$SEEDDB/e.tar"; } >"$CORPUS/archive/seed-archive-key"
{ printf '\001'; tar xOf "$SEEDDB/e.tar" manifest.json; } >"$CORPUS/archive/seed-manifest"
rm -rf "$SEEDDB"
"$BUILD/tests/fuzz/fuzz-archive" -max_len=65536 -rss_limit_mb=1024 \
	-max_total_time="$SECONDS_EACH" -artifact_prefix="$CORPUS/" "$CORPUS/archive"
# Closure seeds: amounts, an activity, a date, a title for the invitation.
mkdir -p "$CORPUS/closure"
printf '\00087.50' >"$CORPUS/closure/amount"
printf '\0011.000,00' >"$CORPUS/closure/amount-nl"
printf '\001analyse' >"$CORPUS/closure/activity"
printf '\0022026-02-30' >"$CORPUS/closure/date"
printf '\003Phishing, bij; Burgerzaken\r\nATTENDEE:x' >"$CORPUS/closure/title"
"$BUILD/tests/fuzz/fuzz-closure" -max_len=4096 -max_total_time="$SECONDS_EACH" \
	-artifact_prefix="$CORPUS/" "$CORPUS/closure"
echo "fuzzing: no crashes in ${SECONDS_EACH}s per harness"
