#!/bin/bash
# user add | passwd | disable | enable | list | lang: accounts for the web
# application. The password comes only from standard input (one trailing
# newline stripped); bad names, roles and passwords are refused with a
# clear message and nothing written; every change is in the account audit.
. "$(dirname "$0")/lib.sh"
init_db

printf 'correct horse battery\n' >"$T/pw"
mk_stdin "$T/pw" user add anna --role servicedesk --display-name "Anna de Vries" --password-stdin
check_ok
check_out "added account 'anna' (servicedesk)"
check_eq "stored as argon2id, not as text" 1 \
	"$(sql "SELECT count(*) FROM account WHERE name = 'anna' AND password_hash LIKE '\$argon2id\$v=19\$m=19456,t=2,p=1\$%'")"
check_eq "the password is nowhere in the file" 0 "$(sqlite3 "$DB" .dump | grep -c 'correct horse battery')"

# Without --display-name: the login name. --json gives the account.
printf 'een heel lang wachtwoord' >"$T/pw-no-newline"
mk_stdin "$T/pw-no-newline" user add bram --role ciso --password-stdin --json
check_ok
json_py 'eq(d, {"name": "bram", "display_name": "bram", "role": "ciso", "disabled": False, "lang": "nl"})'

# The trailing newline was not part of the password: exactly 12
# characters with a newline after them are accepted, 11 are not.
printf '123456789012\n' >"$T/pw12"
mk_stdin "$T/pw12" user add twaalf --role auditor --password-stdin
check_ok
printf '12345678901\n' >"$T/pw11"
refused_stdin "$T/pw11" 2 "meldkamer user add: password is too short (11 characters, at least 12)" \
	user add elf --role auditor --password-stdin
# Only one newline is stripped.
printf '\n\n' >"$T/pw-blank"
refused_stdin "$T/pw-blank" 2 "password holds a control character (at byte 1)" \
	user add leeg --role auditor --password-stdin
: >"$T/pw-empty"
refused_stdin "$T/pw-empty" 2 "meldkamer user add: password is empty" \
	user add leeg --role auditor --password-stdin
printf 'correct horse \xc3\x28 battery\n' >"$T/pw-bad-utf8"
refused_stdin "$T/pw-bad-utf8" 2 "meldkamer user add: password is not valid UTF-8 (at byte 15)" \
	user add slecht --role auditor --password-stdin
head -c 1025 /dev/zero | tr '\0' p >"$T/pw-long"
refused_stdin "$T/pw-long" 2 "meldkamer user add: password is too long (1025 bytes, at most 1024)" \
	user add lang --role auditor --password-stdin
head -c 5000 /dev/zero | tr '\0' p >"$T/pw-huge"
refused_stdin "$T/pw-huge" 2 "meldkamer user add: standard input is too long: the limit is 1024 bytes" \
	user add lang --role auditor --password-stdin
printf 'correct\0horse battery\n' >"$T/pw-nul"
refused_stdin "$T/pw-nul" 2 "meldkamer user add: standard input contains a NUL byte" \
	user add nul --role auditor --password-stdin

# Names, roles, usage.
refused_stdin "$T/pw" 1 "meldkamer user add: account 'anna' exists already" \
	user add anna --role ciso --password-stdin
refused_stdin "$T/pw" 2 "meldkamer user add: account name 'Anna' may hold only lower-case letters, digits, '.', '_' and '-'" \
	user add Anna --role ciso --password-stdin
refused_stdin "$T/pw" 2 "meldkamer user add: account name '.anna' must start with a lower-case letter or digit" \
	user add .anna --role ciso --password-stdin
refused_stdin "$T/pw" 2 "meldkamer user add: account name is too long (65 bytes, at most 64)" \
	user add "$(printf 'a%.0s' $(seq 65))" --role ciso --password-stdin
refused_stdin "$T/pw" 2 "meldkamer user add: role 'baas' is unknown: use one of melder, servicedesk, behandelaar, incidentmanager, ciso, fg, directie, auditor, admin" \
	user add nieuw --role baas --password-stdin
refused_stdin "$T/pw" 2 "meldkamer user add: needs --role ROLE: the new account's role (see 'meldkamer user add --help')" \
	user add nieuw --password-stdin
refused_stdin "$T/pw" 2 "meldkamer user add: needs --password-stdin: the password is read from standard input, never from the command line" \
	user add nieuw --role ciso
refused_stdin "$T/pw" 2 "meldkamer user add: missing the account name" \
	user add --role ciso --password-stdin
refused_stdin "$T/pw" 2 "meldkamer user add: unexpected argument 'extra'" \
	user add nieuw extra --role ciso --password-stdin
refused_stdin "$T/pw" 2 "display_name is not valid UTF-8" \
	user add nieuw --role ciso --display-name $'Anna \xff' --password-stdin
# The caller's own role goes before the command; after it, --role is the
# new account's.
mk_stdin "$T/pw" --role admin user add carl --role behandelaar --password-stdin
check_ok
check_out "added account 'carl' (behandelaar)"
check_eq "audit names the caller's role" "tester (admin) via cli|carl|account created with role behandelaar" \
	"$(sql "SELECT actor, account_name, what FROM account_audit WHERE account_name = 'carl'")"

# list, text and JSON.
mk user list
check_ok
check_out "NAME                 ROLE             LANG  STATE     DISPLAY NAME                             
anna                 servicedesk      nl    active    Anna de Vries                            
bram                 ciso             nl    active    bram                                     
carl                 behandelaar      nl    active    carl                                     
twaalf               auditor          nl    active    twaalf                                   "
mk user list --json
check_ok
json_py '
eq([a["name"] for a in d], ["anna", "bram", "carl", "twaalf"])
eq(d[0], {"name": "anna", "display_name": "Anna de Vries", "role": "servicedesk", "disabled": False, "lang": "nl"})
'

# lang
mk user lang anna en
check_ok
check_out "language of 'anna' set to en"
refused 2 "meldkamer user lang: lang must be 'nl' or 'en'" user lang anna de
refused 2 "meldkamer user lang: account 'nobody' does not exist" user lang nobody en
refused 2 "meldkamer user lang: needs the account name and the language (nl or en)" user lang anna

# passwd
printf 'paard batterij nietje\n' >"$T/pw2"
mk_stdin "$T/pw2" user passwd anna --password-stdin
check_ok
check_out "password of 'anna' changed; its sessions ended"
refused_stdin "$T/pw11" 2 "meldkamer user passwd: password is too short (11 characters, at least 12)" \
	user passwd anna --password-stdin
refused_stdin "$T/pw2" 2 "meldkamer user passwd: account 'nobody' does not exist" \
	user passwd nobody --password-stdin
refused_stdin "$T/pw2" 2 "meldkamer user passwd: needs --password-stdin" user passwd anna

# A CRLF line end is the line's end; other control characters are refused.
printf 'een lange zin als wachtwoord\r\n' >"$T/pwcrlf"
mk_stdin "$T/pwcrlf" user passwd carl --password-stdin
check_ok
printf 'een lange\tzin als wachtwoord\n' >"$T/pwtab"
refused_stdin "$T/pwtab" 2 "meldkamer user passwd: password holds a control character (at byte 10)" \
	user passwd carl --password-stdin

# disable
mk user disable bram
check_ok
check_out "account 'bram' disabled: its sessions ended and its API tokens were revoked"
refused 1 "meldkamer user disable: account 'bram' is disabled already" user disable bram
refused 2 "meldkamer user disable: account 'nobody' does not exist" user disable nobody
mk user list --json
json_py 'eq([(a["name"], a["disabled"], a["lang"]) for a in d], [("anna", False, "en"), ("bram", True, "nl"), ("carl", False, "nl"), ("twaalf", False, "nl")])'

# enable: back in, tokens not
mk user enable bram
check_ok
check_out "account 'bram' enabled: it can log in again; its old API tokens stay revoked"
refused 1 "meldkamer user enable: account 'bram' is not disabled" user enable bram
refused 2 "meldkamer user enable: account 'nobody' does not exist" user enable nobody
check_eq "bram is active" 0 "$(sql "SELECT disabled FROM account WHERE name = 'bram'")"
mk user disable bram
check_ok

check_eq "the audit, in order" "anna|account created with role servicedesk
bram|account created with role ciso
twaalf|account created with role auditor
carl|account created with role behandelaar
anna|language set to en
anna|password changed; sessions ended
carl|password changed; sessions ended
bram|account disabled; sessions ended, 0 API tokens revoked
bram|account enabled; its old API tokens stay revoked
bram|account disabled; sessions ended, 0 API tokens revoked" \
	"$(sql "SELECT account_name, what FROM account_audit ORDER BY id")"

# Reading does not need write access; a missing database points at init.
mk user list --db "$T/none.db"
check_status 2
check_err "meldkamer user list: no database at '$T/none.db': create one with 'meldkamer init --db $T/none.db'"

finish
