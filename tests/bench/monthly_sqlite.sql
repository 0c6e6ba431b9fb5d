-- make bench: what an sqlite3 user writes for the numbers scorecard takes
-- from sales.csv.  bench.sh has the shell import the file first
-- (.import --csv sales.csv sales: every column as text) and sets .output.
--
-- Per person (rep_id) and month, sorted by rep_id and month, the same CSV
-- as monthly_pandas.py: the sum of the amounts in cents, the rows, and as
-- scorecard counts them (docs/input.md) the orders (distinct order ids of
-- the rows with an amount above 0, each such row without an order id one
-- more) and the active customers (distinct customers with such a row).  Dates are ISO
-- (2026-01-05) or slashed (2026/1/5); amounts may read "¥1,234.50",
-- "￥80", "CNY 12.00" or "(200.00)".
.mode csv
.headers on
WITH clean AS (
  SELECT rep_id, customer_id, coalesce(NULLIF(order_id, ''), '#' || rowid) AS order_id,
    CASE WHEN substr(date, 5, 1) = '-' THEN substr(date, 1, 7)
      ELSE printf('%s-%02d', substr(date, 1, 4),
                  CAST(substr(date, 6, instr(substr(date, 6), '/') - 1) AS INTEGER))
    END AS month,
    CASE WHEN amount GLOB '(*)' THEN -1 ELSE 1 END *
      CAST(round(100 * CAST(trim(replace(replace(replace(replace(amount,
        '¥', ''), '￥', ''), ',', ''), 'CNY', ''), ' ()') AS REAL)) AS INTEGER)
      AS amount_cents
  FROM sales
)
SELECT rep_id, month, sum(amount_cents) AS amount_cents, count(*) AS rows,
  count(DISTINCT CASE WHEN amount_cents > 0 THEN order_id END) AS orders,
  count(DISTINCT CASE WHEN amount_cents > 0 THEN customer_id END) AS active_customers
FROM clean
GROUP BY rep_id, month
ORDER BY rep_id, month;
