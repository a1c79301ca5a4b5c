#!/bin/bash
# token add | list | revoke: API tokens. The token is printed once on standard
# output (alone, for scripts); only its SHA-256 is stored; revoking, and
# disabling the account, end it.
. "$(dirname "$0")/lib.sh"
init_db
printf 'correct horse battery\n' >"$T/pw"
mk_stdin "$T/pw" user add siem --role servicedesk --password-stdin
check_ok

mk token add siem-koppeling --user siem
check_status 0
check_err "meldkamer token add: token 'siem-koppeling' for 'siem' added; it is shown only this once"
TOKEN=$OUT
check_eq "43 base64url characters" 1 "$(printf '%s' "$TOKEN" | grep -cE '^[A-Za-z0-9_-]{43}$')"
HASH=$(printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1)
check_eq "only the SHA-256 is stored" "siem-koppeling|siem" \
	"$(sql "SELECT t.name, a.name FROM api_token t JOIN account a ON a.id = t.account_id WHERE t.token_hash = '$HASH'")"
check_eq "the token is nowhere in the file" 0 "$(sqlite3 "$DB" .dump | grep -c -- "$TOKEN")"

# Each token is new.
mk token add rapportage --user siem --json
check_ok
json_py '
eq(sorted(d), ["name", "token", "user"])
eq(d["name"], "rapportage"); eq(d["user"], "siem"); eq(len(d["token"]), 43)
'
SECOND=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' "$T/out")
[ "$SECOND" != "$TOKEN" ]
check_eq "two tokens differ" 0 $?

refused 1 "meldkamer token add: token 'siem-koppeling' exists already" token add siem-koppeling --user siem
refused 2 "meldkamer token add: account 'nobody' does not exist" token add nieuw --user nobody
refused 2 "meldkamer token add: token name 'Met Spatie' may hold only lower-case letters, digits, '.', '_' and '-'" \
	token add "Met Spatie" --user siem
refused 2 "meldkamer token add: token name is empty" token add "" --user siem
refused 2 "meldkamer token add: needs --user ACCOUNT: whose rights the token carries" token add nieuw
refused 2 "meldkamer token add: missing the token name" token add --user siem

mk token revoke siem-koppeling
check_ok
check_out "token 'siem-koppeling' revoked"
check_eq "revoked at now" 1792836000 "$(sql "SELECT revoked_at FROM api_token WHERE name = 'siem-koppeling'")"
refused 1 "meldkamer token revoke: token 'siem-koppeling' is revoked already" token revoke siem-koppeling
refused 2 "meldkamer token revoke: token 'nope' does not exist" token revoke nope
refused 2 "meldkamer token revoke: missing the token name" token revoke

# list: names, accounts, since when, revoked or not; never the token.
mk token list --json
check_ok
json_py 'eq(d, [{"name": "rapportage", "user": "siem", "created_at": "2026-10-24T10:00:00Z", "revoked_at": None},
               {"name": "siem-koppeling", "user": "siem", "created_at": "2026-10-24T10:00:00Z", "revoked_at": "2026-10-24T10:00:00Z"}])'
mk token list
check_ok
check_eq "no token text in the list" 0 "$(grep -c -- "$SECOND" "$T/out")"
check_out_has "siem-koppeling"
check_out_has "revoked 2026-10-24 12:00"
refused 2 "meldkamer token list: unexpected argument 'x'" token list x

# Disabling the account revokes the rest; a disabled account gets none.
mk user disable siem
check_ok
check_eq "all revoked" 0 "$(sql "SELECT count(*) FROM api_token WHERE revoked_at IS NULL")"
refused 1 "meldkamer token add: account 'siem' is disabled" token add nog-een --user siem

check_eq "the audit" "API token 'siem-koppeling' added
API token 'rapportage' added
API token 'siem-koppeling' revoked
account disabled; sessions ended, 1 API tokens revoked" \
	"$(sql "SELECT what FROM account_audit WHERE what NOT LIKE 'account created%' ORDER BY id")"

finish
