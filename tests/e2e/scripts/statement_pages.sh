#!/bin/sh
# Every person's statement of the demo fits 2 A4 pages, month and
# quarter, in Chinese and in English, and page 1 carries the result: the
# commission and, for a quarter, what was paid in its months and what is
# due (docs/templates.md, "Groups: keep, box, row"; docs/computation.md,
# "Settlement").  The amounts are scores.csv's, formatted as the page
# shows money (¥1,234.50, -¥12.00).
set -eu
in=input
for lang in zh en; do
	for period in 2026-10 2026-Q3; do
		case $period in
		*-Q*) cmd=quarterly ;;
		*) cmd=monthly ;;
		esac
		out=$TMP/$lang
		"$BIN" -q $cmd $period --lang $lang --input "$in" \
		    --output "$out"
		dir=$out/$period
		n=0
		for pdf in "$dir"/reps/*.pdf; do
			pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
			if [ "$pages" -gt 2 ]; then
				echo "$lang $period $(basename "$pdf"):" \
				    "$pages pages" >&2
				exit 1
			fi
			n=$((n + 1))
		done
		[ "$n" -gt 0 ]
		# rep_id, then the amounts page 1 must show
		awk -F, -v q="$cmd" '
		function money(v,   s, i, w, dec, out) {
			s = ""
			if (v ~ /^-/) { s = "-"; v = substr(v, 2) }
			i = index(v, ".")
			w = substr(v, 1, i - 1); dec = substr(v, i)
			out = ""
			while (length(w) > 3) {
				out = "," substr(w, length(w) - 2) out
				w = substr(w, 1, length(w) - 3)
			}
			return s "¥" w out dec
		}
		NR > 1 {
			line = $2
			if ($16 != "") line = line " " money($16)
			if (q == "quarterly")
				line = line " " money($18) " " money($19)
			print line
		}' "$dir/scores.csv" >"$TMP/expect"
		while read -r id amounts; do
			pdftotext -f 1 -l 1 "$dir/reps/$id.pdf" "$TMP/page1.txt"
			for a in $amounts; do
				if ! grep -qF -- "$a" "$TMP/page1.txt"; then
					echo "$lang $period $id: page 1 lacks $a" >&2
					exit 1
				fi
			done
		done <"$TMP/expect"
	done
done
# a negative due is called a deduction, in both languages
grep -q '本季应补发为负数，即扣回 ¥' "$TMP/zh/2026-Q3/reps/HN05.html"
grep -q 'The amount due is negative, a deduction of ¥' \
    "$TMP/en/2026-Q3/reps/HN05.html"
# the settlement line: quarter commission - paid = due
grep -q '季度结算：本季提成 ¥[0-9,.]* - 三个月已发 ¥[0-9,.]* = 本季应补发' \
    "$TMP/zh/2026-Q3/reps/HD02.html"
# a person measured on the team says so
grep -q '按团队业绩考核' "$TMP/zh/2026-Q3/reps/HD01.html"
grep -q 'Measured on the team&#39;s results' "$TMP/en/2026-10/reps/HD01.html"
# clawback: false floors the deduction at 0.00, and the settlement line
# says why commission - paid is not the due
cp -R "$in" "$TMP/nocb"
sed 's/^  clawback: true/  clawback: false/' "$in/policy.yaml" \
    >"$TMP/nocb/policy.yaml"
cmp -s "$in/policy.yaml" "$TMP/nocb/policy.yaml" && exit 1
"$BIN" -q quarterly 2026-Q3 --format html --input "$TMP/nocb" \
    --output "$TMP/nocb-out"
f=$TMP/nocb-out/2026-Q3/reps/HN05.html
grep -q '&lt; 0，按政策不扣回：本季应补发 <strong>¥0.00</strong>' "$f"
grep -q '即扣回' "$f" && exit 1
exit 0
