#!/bin/sh
# The demo workspace in input/ is what `make demo-data` makes: the
# generator (tests/gen/workspace_gen.c) writes every file of it again,
# byte for byte, so a hand edit of input/ that the generator does not
# know is caught (input/logo.png and input/cases/ are kept beside).
set -eu

fail() {
	echo "demo_data.sh: $*" >&2
	exit 1
}

[ -x build/workspace-gen ] || fail "build/workspace-gen is not built"
build/workspace-gen --out "$TMP/gen" >/dev/null 2>&1 || fail "the generator failed"
n=0
for f in "$TMP"/gen/*; do
	b=$(basename "$f")
	cmp -s "$f" "input/$b" || fail "input/$b differs from what the generator writes"
	n=$((n + 1))
done
[ "$n" -ge 7 ] || fail "the generator wrote $n files"
exit 0
