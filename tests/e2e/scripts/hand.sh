#!/bin/sh
# The month of tests/e2e/hand, computed by hand (see its README), must come
# out byte for byte.
set -eu
"$BIN" -q monthly 2026-10 --input tests/e2e/hand/input --output "$TMP/out"
cmp "$TMP/out/2026-10/scores.csv" tests/e2e/hand/expected/scores.csv
cmp "$TMP/out/2026-10/teams.csv" tests/e2e/hand/expected/teams.csv
