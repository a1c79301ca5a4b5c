#!/bin/bash
# KNOWN BUG (should_fail in meson.build): sub-incidents can form a cycle.
# An incident cannot be its own parent (refused), but A part of B and B
# part of A is accepted. Making an incident the parent of its own parent
# (or of any ancestor) must be refused with exit 2, the database as it was.
. "$(dirname "$0")/lib.sh"
init_db
new_incident --title "A"
new_incident --title "B" --parent MK-2026-0001
new_incident --title "C" --parent MK-2026-0002

refused 2 "an incident cannot be its own parent" incident edit MK-2026-0001 --parent MK-2026-0001
snapshot
mk incident edit MK-2026-0001 --parent MK-2026-0002
check_status 2
check_err_has "parent"
check_db_unchanged
snapshot
mk incident edit MK-2026-0001 --parent MK-2026-0003
check_status 2
check_db_unchanged

finish
