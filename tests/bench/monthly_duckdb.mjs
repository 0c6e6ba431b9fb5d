// make bench: what a DuckDB user writes for the numbers scorecard takes
// from sales.csv, through DuckDB's Node API (@duckdb/node-api).
//
//     node monthly_duckdb.mjs SALES.CSV OUT.CSV
//     node monthly_duckdb.mjs --version
//
// Per person (rep_id) and month, sorted by rep_id and month, the same CSV
// as monthly_pandas.py and monthly_sqlite.sql: the sum of the amounts in
// cents, the rows, and as scorecard counts them (docs/input.md) the orders
// (distinct order ids of the rows with an amount above 0, each such row
// without an order id one more) and the active customers (distinct
// customers with such a row).  DuckDB keeps its defaults: a thread per
// core, read_csv's sniffer for the dialect and the other columns.  date
// and amount are read as text since a real export mixes forms (2026/1/5;
// "¥1,234.50", "￥80", "CNY 12.00", "(200.00)"): the amounts that are no
// plain number are cleaned before the cast, which stops the query on
// anything else.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const quote = (s) => "'" + s.replaceAll("'", "''") + "'";

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();

if (process.argv[2] === '--version') {
	const pkg = JSON.parse(readFileSync(new URL('node_modules/@duckdb/node-api/package.json', import.meta.url)));
	const r = await db.runAndReadAll("SELECT version(), current_setting('threads')");
	const [v, threads] = r.getRows()[0];
	console.log(`${v} (@duckdb/node-api ${pkg.version}, ${threads} threads)`);
	process.exit(0);
}

const [src, dst] = process.argv.slice(2);
await db.run(`
COPY (
  WITH sales AS (
    SELECT rep_id, customer_id, order_id,
      CASE WHEN date[5] = '-' THEN date[1:7]
        ELSE strftime(strptime(date, '%Y/%m/%d'), '%Y-%m') END AS month,
      CAST(100 * coalesce(TRY_CAST(amount AS DECIMAL(18, 2)),
        CASE WHEN amount LIKE '(%)' THEN -1 ELSE 1 END *
          CAST(regexp_replace(amount, '[¥￥,()\\s]|CNY', '', 'g') AS DECIMAL(18, 2)))
        AS BIGINT) AS amount_cents
    FROM read_csv(${quote(src)}, types = {'date': 'VARCHAR', 'amount': 'VARCHAR'})
  )
  SELECT rep_id, month, sum(amount_cents) AS amount_cents, count(*) AS rows,
    count(DISTINCT order_id) FILTER (amount_cents > 0)
      + count(*) FILTER (amount_cents > 0 AND order_id IS NULL) AS orders,
    count(DISTINCT customer_id) FILTER (amount_cents > 0) AS active_customers
  FROM sales
  GROUP BY rep_id, month
  ORDER BY rep_id, month
) TO ${quote(dst)} (HEADER)`);
