#!/bin/bash
# The installation key: made by init (mode 0600, once), printed by key
# show with its fingerprint; a key readable by others is not used to sign.
. "$(dirname "$0")/lib.sh"

mk key show
check_status 2
check_err_has "no database at '$DB'"

init_db
K="$DB.signing-key"
check_eq "mode 0600" 600 "$(stat -c %a "$K")"
check_eq "128 hex digits and a newline" 129 "$(stat -c %s "$K")"
before=$(cat "$K")
mk init
check_ok
check_eq "a second init keeps the key" "$before" "$(cat "$K")"

mk key show --json
check_ok
PK=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["public_key"])' "$T/out")
# The public key is the second half of libsodium's secret key; the
# fingerprint the first 16 bytes of its SHA-256, in groups of four.
check_eq "public key from the secret key" "${before:64:64}" "$PK"
FP=$(python3 -c '
import hashlib, sys
h = hashlib.sha256(bytes.fromhex(sys.argv[1])).hexdigest()[:32]
print("SHA256:" + ":".join(h[i:i+4] for i in range(0, 32, 4)))' "$PK")
json_py 'eq(d, {"algorithm": "ed25519", "public_key": "'"$PK"'", "fingerprint": "'"$FP"'", "key_file": "'"$K"'"})'
mk key show
check_ok
check_out "public key:  $PK
fingerprint: $FP
algorithm:   ed25519
key file:    $K"

new_incident --title "Sleuteltest"
chmod 644 "$K"
refused 1 "meldkamer export evidence: the signing key '$K' is readable by others (mode 644): make it readable by its owner only (chmod 600)" \
	export evidence "$KEY" -o "$T/e.tar" --why x
[ ! -e "$T/e.tar" ]
check_eq "no archive" 0 $?
chmod 600 "$K"
mv "$K" "$T/key.away"
refused 1 "meldkamer export evidence: no signing key '$K': run 'meldkamer init'" export evidence "$KEY" -o "$T/e.tar" --why x
printf 'zz\n' >"$K"
chmod 600 "$K"
refused 1 "meldkamer export evidence: '$K' does not hold an Ed25519 secret key (128 hex digits)" export evidence "$KEY" -o "$T/e.tar" --why x

finish
