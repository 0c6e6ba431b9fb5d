#!/bin/sh
# The statement says how the 360 mean becomes the 0-100 score, and that
# the composite can exceed 100 (docs/computation.md, "Review score").
# The hand workspace: S1 has the manager's 4 and 5 (mean 4.5, weight 0.4)
# and one peer's 3, withheld (fewer than 3 peers); on the scale 1-5 the
# score is 100 x (4.5 - 1) / (5 - 1) = 87.50.
set -eu
in=tests/e2e/hand/input
for lang in zh en; do
	"$BIN" -q monthly 2026-10 --format html --lang $lang --input "$in" \
	    --output "$TMP/$lang"
	grep -q '100 × (4.5000 - 1) ÷ (5 - 1) = 87.50' \
	    "$TMP/$lang/2026-10/reps/S1.html"
done
grep -q '加权均分按评分量表换算为百分制：100 ×' "$TMP/zh/2026-10/reps/S1.html"
grep -q '综合得分可以超过 100' "$TMP/zh/2026-10/reps/S1.html"
grep -q 'as a score out of 100: 100 ×' "$TMP/en/2026-10/reps/S1.html"
grep -q 'The composite can exceed 100' "$TMP/en/2026-10/reps/S1.html"
