#!/bin/sh
# Runs one suite of the JS tests (tests/js/SUITE/*.test.mjs) with node's
# own test runner against the meldkamer binary of MK_BUILD_ROOT. Exit 77
# (meson: skipped) with the reason when node, the npm packages (make deps)
# or, for the browser suite, chromium are missing.
set -eu
suite=$1
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null 2>&1; then
	echo "skipped: node is not installed (make deps)"
	exit 77
fi
if [ ! -d "$here/node_modules" ]; then
	echo "skipped: $here/node_modules is missing: run 'make deps' (npm ci in tests/js)"
	exit 77
fi
if [ "$suite" = browser ] && ! command -v chromium >/dev/null 2>&1; then
	echo "skipped: chromium is not installed (make deps)"
	exit 77
fi
set -- "$here/$suite"/*.test.mjs
if [ ! -e "$1" ]; then
	echo "skipped: no tests in tests/js/$suite yet"
	exit 77
fi
cd "$here"
exec node --test --test-reporter=spec "$@"
