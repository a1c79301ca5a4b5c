#!/bin/bash
# Every --output refuses to replace the database, its write-ahead files or
# its signing key, or to write into the evidence store (exit 2, nothing
# changed): `evidence get`, `export evidence`, `export report`,
# `export json` and `breach register`.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "Bewijs veiligstellen"
printf 'bewijs' >"$T/a.txt"
mk evidence add "$KEY" "$T/a.txt" --what "Bestand" --why "Analyse"
check_ok
STORED=$(find "$DB.evidence" -type f | head -1)
KEYFILE="$DB.signing-key"
snapshot
KEYSUM=$(sha256sum <"$KEYFILE")

refused 2 "meldkamer evidence get: --output '$DB' is the database's own file '$DB': not replacing it (see 'meldkamer evidence get --help')" \
	evidence get "$KEY" 1 --why "Kopie" -o "$DB"
refused 2 "meldkamer export evidence: --output '$KEYFILE' is the database's own file '$KEYFILE': not replacing it (see 'meldkamer export evidence --help')" \
	export evidence "$KEY" --why "Overdracht" -o "$KEYFILE"
refused 2 "meldkamer export report: --output '$DB' is the database's own file '$DB': not replacing it (see 'meldkamer export report --help')" \
	export report "$KEY" -o "$DB"
refused 2 "meldkamer export json: --output '$STORED' is inside the evidence store '$DB.evidence': not writing there (see 'meldkamer export json --help')" \
	export json --output "$STORED"
refused 2 "meldkamer breach register: --output '$DB.evidence/nieuw.csv' is inside the evidence store '$DB.evidence': not writing there (see 'meldkamer breach register --help')" \
	breach register -o "$DB.evidence/nieuw.csv"
check_db_unchanged
check_eq "the key unchanged" "$KEYSUM" "$(sha256sum <"$KEYFILE")"
check_eq "the stored file unchanged" "bewijs" "$(cat "$STORED")"
check_eq "nothing new in the store" 1 "$(find "$DB.evidence" -type f | wc -l)"

# Elsewhere they write as before.
mk export report "$KEY" -o "$T/rapport.html"
check_status 0
check_err "wrote the report of $KEY to '$T/rapport.html' ($(stat -c %s "$T/rapport.html") bytes)"
finish
