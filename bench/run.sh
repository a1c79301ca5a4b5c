#!/bin/sh
# make bench: the issue's speed figures on 100 000 incidents (bench/run.py).
set -eu
exec python3 "$(dirname "$0")/run.py" "$@"
