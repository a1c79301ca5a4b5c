#!/bin/bash
# matrix list --json is a contract for outside scripts: an array of 75
# objects {table, category, incident, helpdesk, ciso, directie}, 32 rows
# of gebruikers then 43 of beheer, levels "X", "(X)" or "". The rows are
# Bijlage 3 of the guidance; several are checked exactly here, and the
# level counts (165 X, 4 (X), as in the seed text). The same without a
# database (compiled-in defaults) and with one (the table in force).
. "$(dirname "$0")/lib.sh"

CHECK='
eq(type(d), list, "an array")
eq(len(d), 75, "75 rows")
eq([r["table"] for r in d], ["gebruikers"] * 32 + ["beheer"] * 43, "32 gebruikers, then 43 beheer")
eq({tuple(r) for r in d}, {("table", "category", "incident", "helpdesk", "ciso", "directie")}, "keys, in order")
eq({r[k] for r in d for k in ("helpdesk", "ciso", "directie")}, {"X", "(X)", ""}, "levels")
eq(all(isinstance(r["category"], str) and r["category"] and isinstance(r["incident"], str) and r["incident"] for r in d), True, "texts")
eq(len({(r["table"], r["category"], r["incident"]) for r in d}), 75, "rows unique")
eq(sum(r[k] == "X" for r in d for k in ("helpdesk", "ciso", "directie")), 165, "X cells")
eq(sum(r[k] == "(X)" for r in d for k in ("helpdesk", "ciso", "directie")), 4, "(X) cells")
eq([sum(r[k] == "X" for r in d) for k in ("helpdesk", "ciso", "directie")], [74, 52, 39], "X per column")
eq(len({r["category"] for r in d if r["table"] == "gebruikers"}), 8, "gebruikers categories")
eq(len({r["category"] for r in d if r["table"] == "beheer"}), 11, "beheer categories")
def row(i, *v):
    eq(d[i], dict(zip(("table", "category", "incident", "helpdesk", "ciso", "directie"), v)), "row %d" % i)
row(0, "gebruikers", "Onopzettelijk foutief handelen", "Als gevolg van foutieve procedures", "X", "", "")
row(3, "gebruikers", "Opzettelijk foutief handelen", "Niet volgen van voorschriften", "X", "X", "(X)")
row(4, "gebruikers", "Opzettelijk foutief handelen", "Fraude of diefstal", "X", "X", "X")
row(16, "gebruikers", "Problemen met programmatuur", "Illegaal kopiëren", "X", "X", "X")
row(31, "gebruikers", "Omstandigheden op de werkplek", "Ongewenste trillingen", "X", "", "")
row(32, "beheer", "Identificatie en bevoegdheden van gebruikers", "Geen eenduidige gebruiker bij een user-ID geconstateerd", "X", "X", "")
row(39, "beheer", "Technisch falen van apparatuur", "Storing in apparatuur", "X", "(X)", "")
row(48, "beheer", "Problemen met programmatuur", "Fouten in programmatuur", "X", "(X)", "")
row(65, "beheer", "Facilitaire structuren en omgeving", "Kortsluiting /stroomuitval", "X", "X", "X")
row(70, "beheer", "Diensten van derden", "Niet gescreend personeel", "", "X", "X")
row(71, "beheer", "Diensten van derden", "Schending vertrouwelijkheid", "X", "X", "X")
row(74, "beheer", "Diensten van derden", "Incidenten met informatie van de gemeente", "X", "X", "X")
eq([r for r in d if r["incident"] == "Ongewenste trillingen"][0]["category"], "Omstandigheden op de werkplek", "(Faciliteiten) Ongewenste trillingen")
'

# Without a database: the defaults; nothing is created.
mk matrix list --json
check_ok
json_py "$CHECK"
[ ! -e "$DB" ]
check_eq "no database created" 0 $?
cp "$T/out" "$T/defaults.json"

# With a database: the matrix in force, the same document.
init_db
mk matrix list --json
check_ok
json_py "$CHECK"
cmp -s "$T/out" "$T/defaults.json"
check_eq "same JSON with and without a database" 0 $?

mk matrix list --table gebruikers --json
check_ok
json_py 'eq(len(d), 32); eq({r["table"] for r in d}, {"gebruikers"})'
mk matrix list --table beheer --json
check_ok
json_py 'eq(len(d), 43); eq({r["table"] for r in d}, {"beheer"}); eq(d[0]["incident"], "Geen eenduidige gebruiker bij een user-ID geconstateerd")'

# The text table: a header per table, the category only where it changes.
mk matrix list
check_ok
check_eq "text lines (2 headers, 75 rows, 1 blank)" 78 "$(wc -l <"$T/out")"
check_eq "first lines" "TABLE       CATEGORY                                       INCIDENT                                                   HELPDESK CISO DIRECTIE
gebruikers Onopzettelijk foutief handelen                Als gevolg van foutieve procedures                        X           
gebruikers                                               Als gevolg van foutgevoelige bediening                    X           " "$(head -n 3 "$T/out")"
check_out_has "beheer     Diensten van derden                           Cruciale diensten worden (tijdelijk) niet of onvoldoende~ X       X   
beheer                                                   Niet gescreend personeel                                          X   X"

refused 2 "table 'facilitair' is unknown: use one of gebruikers, beheer" matrix list --table facilitair
refused 2 "unexpected argument 'beheer'" matrix list beheer

# A file that is not a meldkamer database is refused, not ignored.
mk matrix list --db "$T/nope.db" --json
check_ok
printf 'garbage' >"$T/garbage.db"
mk matrix list --db "$T/garbage.db"
check_status 1
check_err_has "is damaged or not a database"

finish
