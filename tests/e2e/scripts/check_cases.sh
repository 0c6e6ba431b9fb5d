#!/bin/sh
# One check for everything (scorecard(1) check): `check` makes the checks
# `casebook` makes of the cases, so it never says OK about a case the
# casebook then warns about.  A missing GRAI section is the same warning
# in both (exit 0), and a heading that nearly names it gets "did you
# mean" (## 目标, ## 结果, ## Resluts, ## Key results); a bad chart block
# in a case is an error in both (65).
set -eu
LC_ALL=C
export LC_ALL
fail() { echo "check_cases.sh: $*" >&2; exit 1; }
in=$TMP/in
cp -R tests/e2e/base "$in"
cat >"$in/cases/near.md" <<'T'
---
title: 差一点的标题
date: 2026-10-20
team: east
---

## 一、目标

签下两个新客户。

## 结果

签下一个。

## Resluts in English

## 分析原因

- 跟进慢了。

## Key results

## 总结

- 每周跟进。
T
"$BIN" check --input "$in" --output "$TMP/no-output" >"$TMP/out" 2>"$TMP/check.err" ||
    fail "check: exit $?: $(cat "$TMP/check.err")"
tail -1 "$TMP/out" | grep -qx OK || fail "check: not OK"
cat >"$TMP/want" <<T
$in/cases/near.md:5: warning: GRAI: missing section Goal (回顾目标); the heading "一、目标" at line 7 is not a section name (did you mean 回顾目标?)
$in/cases/near.md:5: warning: GRAI: missing section Result (评估结果); the heading "结果" at line 11 is not a section name (did you mean 评估结果?)
$in/cases/near.md:5: warning: GRAI: missing section Insight (总结经验); the heading "总结" at line 23 is not a section name (did you mean 总结经验?)
T
grep 'GRAI:' "$TMP/check.err" | diff "$TMP/want" - >&2 ||
    fail "check: the GRAI warnings differ"
"$BIN" casebook --input "$in" --output "$TMP/out1" --format html \
    2>"$TMP/book.err" || fail "casebook: exit $?: $(cat "$TMP/book.err")"
grep 'GRAI:' "$TMP/book.err" | diff "$TMP/want" - >&2 ||
    fail "casebook: its GRAI warnings differ from check's"

# an English near miss, alone
cat >"$in/cases/near.md" <<'T'
---
title: Near
date: 2026-10-20
---

## Goal

## Resluts

## Analysis

## Insight
T
"$BIN" check --input "$in" --output "$TMP/no-output" >/dev/null 2>"$TMP/err" || fail "check: exit $?"
grep -qF 'near.md:4: warning: GRAI: missing section Result (评估结果); the heading "Resluts" at line 8 is not a section name (did you mean Result?)' \
    "$TMP/err" || fail "Resluts: $(cat "$TMP/err")"

# a chart block the casebook refuses: check refuses it too
cat >"$in/cases/near.md" <<'T'
---
title: Chart
date: 2026-10-20
---

## Goal

```chart
kind: pie-in-the-sky
```

## Result

## Analysis

## Insight
T
rc=0
"$BIN" check --input "$in" --output "$TMP/no-output" >"$TMP/out" 2>"$TMP/check.err" || rc=$?
[ "$rc" -eq 65 ] || fail "check with a bad chart: exit $rc, wanted 65"
! grep -qx OK "$TMP/out" || fail "check with a bad chart says OK"
grep -q 'near.md:9:' "$TMP/check.err" ||
    fail "check: the chart error has not the line: $(cat "$TMP/check.err")"
rc=0
"$BIN" casebook --input "$in" --output "$TMP/out2" --format html \
    2>"$TMP/book.err" || rc=$?
[ "$rc" -eq 65 ] || fail "casebook with a bad chart: exit $rc"
grep 'near.md' "$TMP/check.err" | diff - "$(grep 'near.md' "$TMP/book.err" >"$TMP/b"; echo "$TMP/b")" >&2 ||
    fail "check and casebook report the chart differently"
