#!/bin/sh
# `scorecard verify` trusts neither the manifest nor the archive folder: a
# path that leaves the archive or is absolute, a malformed line, a line
# given twice, a manifest over the size limit are refused (65) with the
# manifest's line and nothing of the archive read; a FIFO, a device or a
# symbolic link in the archive is refused without reading it (no hang);
# names are printed escaped, so a file name cannot forge a line; a CRLF
# manifest is read as the same manifest.
set -eu
in=tests/e2e/hand/input
"$BIN" -q quarterly 2026-Q4 --format html,csv --input "$in" --output "$TMP/a"
# 10 files: the pages, scores.csv, teams.csv and .lang (docs/output.md §7)
q=$TMP/a/2026-Q4
m=$q/MANIFEST.sha256
cp "$m" "$TMP/manifest"
fail() { echo "verify_manifest.sh: $*" >&2; exit 1; }

# verify_is STATUS TEXT...: verify exits STATUS within 10 s, each TEXT in
# its output (stdout and stderr together).
verify_is() {
	want=$1
	shift
	rc=0
	timeout 10 "$BIN" verify "$q" >"$TMP/out" 2>&1 || rc=$?
	[ "$rc" -eq "$want" ] || fail "exit $rc, wanted $want: $(head -c 600 "$TMP/out")"
	for t in "$@"; do
		grep -qF -- "$t" "$TMP/out" || fail "no \"$t\" in: $(head -c 600 "$TMP/out")"
	done
}
restore() { cp "$TMP/manifest" "$m"; }

verify_is 0 "OK: 10 files match"

# A path out of the archive (the file exists and its hash is right), an
# absolute path, a "." part: refused before reading anything.
hash=$(sha256sum </etc/hostname | cut -c1-64)
printf '%s  ../../../../../../../../etc/hostname\n' "$hash" >>"$m"
verify_is 65 "MANIFEST.sha256:16: a path that leaves the archive (..) (../../" \
    "1 problem: the archive was not checked"
grep -q '^OK' "$TMP/out" && fail "a path out of the archive verified OK"
restore
printf '%s  /etc/hostname\n' "$hash" >>"$m"
verify_is 65 "MANIFEST.sha256:16: an absolute path"
restore
printf '%s  ./teams.csv\n' "$hash" >>"$m"
verify_is 65 "MANIFEST.sha256:16: not a plain path"
restore

# A malformed line, a line given twice: errors with the line number.
printf 'this is not a manifest line\n' >>"$m"
verify_is 65 "MANIFEST.sha256:16: not a manifest line"
restore
grep '  teams.csv$' "$TMP/manifest" >>"$m"
verify_is 65 "MANIFEST.sha256:16: listed twice (first on line 13) (teams.csv)"
restore

# CRLF line ends: the same manifest.
sed 's/$/\r/' "$TMP/manifest" >"$m"
verify_is 0 "OK: 10 files match"
restore

# Over the size limit (a sparse file of 20 MiB): refused without parsing.
truncate -s 20M "$m"
verify_is 65 "larger than 16777216 bytes"
restore

# The manifest itself a FIFO or a link: refused, no hang.
rm "$m"
mkfifo "$m"
verify_is 65 "MANIFEST.sha256: cannot open: not a regular file"
rm "$m"
ln -s "$TMP/manifest" "$m"
verify_is 65 "MANIFEST.sha256: cannot open: not a regular file"
rm "$m"
restore

# A listed file replaced by a FIFO, by a link to /dev/zero, by a link to a
# copy of itself: refused without reading it; a folder replaced by a link
# to a copy of it: not followed.
mv "$q/teams.csv" "$TMP/teams.csv"
mkfifo "$q/teams.csv"
verify_is 65 "teams.csv: a FIFO, not a regular file: not read"
rm "$q/teams.csv"
ln -s /dev/zero "$q/teams.csv"
verify_is 65 "teams.csv: a symbolic link, not a regular file: not read"
rm "$q/teams.csv"
ln -s "$TMP/teams.csv" "$q/teams.csv"
verify_is 65 "teams.csv: a symbolic link, not a regular file: not read"
rm "$q/teams.csv"
mv "$TMP/teams.csv" "$q/teams.csv"
mv "$q/reps" "$TMP/reps"
ln -s "$TMP/reps" "$q/reps"
verify_is 65 "reps/S1.html: a part of the path is a symbolic link, not a folder: not followed (reps)" \
    "added: reps"
rm "$q/reps"
mv "$TMP/reps" "$q/reps"
verify_is 0 "OK: 10 files match"

# A file named with a line break and a forged result, one with a terminal
# escape: each an escaped "added:" line; no line of the output is forged.
: >"$q/$(printf 'x\nOK: 60 files match')"
: >"$q/$(printf 'e\033[31mred')"
verify_is 65 'added: x\nOK: 60 files match' 'added: e\x1B[31mred'
grep -q '^OK' "$TMP/out" && fail "a file name forged an OK line"
if LC_ALL=C grep -q "$(printf '\033')" "$TMP/out"; then
	fail "an escape character reached the terminal"
fi
exit 0
