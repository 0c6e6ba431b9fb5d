#!/bin/sh
# tests/same_output.sh OLD NEW: whether two builds of scorecard write the
# same bytes.  Both run on the same workspaces (the demo input/, the hand
# workspace, the e2e base, a generated 200-person company) for the months,
# quarters and casebooks they hold, in every format and both languages,
# with --dump model and check; then every file and every standard output
# and error are compared.  Prints the differing paths and exits 1, or says
# how many files were the same.  For changes that must not change what
# users see (a restructuring); run from the repository: the builds find
# their templates beside them.
set -eu
if [ $# -ne 2 ]; then
	echo "usage: sh tests/same_output.sh OLD-BINARY NEW-BINARY" >&2
	exit 64
fi
old=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
new=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/same-output.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
make -s build/workspace-gen >/dev/null
build/workspace-gen --out "$tmp/gen" --people 200 --seed 7 >/dev/null 2>&1
cp -r tests/e2e/base "$tmp/charts"
{
	sed 's/^title: .*/title: Charts/' tests/e2e/base/cases/one.md
	echo
	sed 1,2d tests/golden/render/charts.md
} >"$tmp/charts/cases/charts.md"
export SOURCE_DATE_EPOCH=1790000000

# run WHICH WORKSPACE NAME ARGS...: one run, its output folder and streams
# kept under $tmp/WHICH/NAME.
run() {
	which=$1 ws=$2 name=$3
	shift 3
	bin=$old
	[ "$which" = new ] && bin=$new
	d=$tmp/$which/$name
	mkdir -p "$d"
	"$bin" "$@" --input "$ws" --output "$tmp/$which/out-${name%%.*}" \
	    >"$d.stdout" 2>"$d.stderr" || echo "exit $?" >>"$d.stderr"
}

for which in old new; do
	n=0
	for ws in input tests/e2e/hand/input tests/e2e/base "$tmp/gen" \
	    "$tmp/charts"; do
		n=$((n + 1))
		w=ws$n
		for m in 2026-10 2026-09 2026-12; do
			run $which "$ws" "$w.m$m" monthly $m
			run $which "$ws" "$w.m$m.en" monthly $m --lang en \
			    --format pdf,html
			run $which "$ws" "$w.m$m.dump" monthly $m --dump model
		done
		for q in 2026-Q3 2026-Q4; do
			run $which "$ws" "$w.q$q" quarterly $q --force
			run $which "$ws" "$w.q$q.dump" quarterly $q --dump model
		done
		run $which "$ws" "$w.casebook" casebook
		run $which "$ws" "$w.casebook.en" casebook --lang en
		run $which "$ws" "$w.check" check
	done
done
# the streams name the output folder: make the two the same
for f in "$tmp"/new/*.stdout "$tmp"/new/*.stderr; do
	sed -i "s|$tmp/new/|$tmp/old/|g; s|$new|$old|g" "$f"
done
(cd "$tmp/old" && find . -type f | LC_ALL=C sort | xargs sha256sum) >"$tmp/old.sum"
(cd "$tmp/new" && find . -type f | LC_ALL=C sort | xargs sha256sum) >"$tmp/new.sum"
if cmp -s "$tmp/old.sum" "$tmp/new.sum"; then
	echo "same: $(wc -l <"$tmp/old.sum") files"
else
	diff "$tmp/old.sum" "$tmp/new.sum" | grep '^[<>]' | head -40
	exit 1
fi
