"""make bench: what a pandas user writes for the numbers scorecard takes from sales.csv.

    /usr/bin/python3 monthly_pandas.py SALES.CSV OUT.CSV

Reads sales.csv (the columns the aggregates need, all as text) and writes, per
person (rep_id) and month, sorted by rep_id and month, the same CSV as
monthly_sqlite.sql: the sum of the amounts in cents, the rows, and as
scorecard counts them (docs/input.md) the orders (distinct order ids of the
rows with an amount above 0, each such row without an order id one more)
and the active customers (distinct customers with such a row).  The odd forms of a real export
(2026/1/5 dates; amounts such as "¥1,234.50", "￥80", "CNY 12.00",
"(200.00)") are converted with vectorised string operations on the rows
that need them; anything else that is not a number stops the script.
"""
import sys

import pandas as pd


def months(date):
    """YYYY-MM of every date, ISO (2026-01-05) or slashed (2026/1/5)."""
    month = date.str.slice(0, 7)
    slashed = date.str.contains("/", regex=False)
    if slashed.any():
        parsed = pd.to_datetime(date[slashed], format="%Y/%m/%d")
        month[slashed] = parsed.dt.strftime("%Y-%m")
    return month


def cents(amount):
    """Amounts in integer cents; (200.00) is negative."""
    value = pd.to_numeric(amount, errors="coerce")
    odd = value.isna()
    if odd.any():
        text = amount[odd].str.replace(r"^\((.*)\)$", r"-\1", regex=True)
        text = text.str.replace(r"[¥￥,\s]|CNY", "", regex=True)
        value[odd] = pd.to_numeric(text)  # raises on anything else
    return (value * 100).round().astype("int64")


def main():
    src, dst = sys.argv[1], sys.argv[2]
    sales = pd.read_csv(
        src,
        usecols=["date", "rep_id", "customer_id", "amount", "order_id"],
        dtype=str,
        keep_default_na=False,
        na_values={"order_id": [""]},  # no order id: not an order
    )
    sales["month"] = months(sales["date"])
    sales["amount_cents"] = cents(sales["amount"])
    sale = sales["amount_cents"] > 0
    order = sales["order_id"].copy()
    noid = order.isna() & sale
    order[noid] = "#" + sales.index[noid].astype(str)  # a row of its own
    sales["order"] = order.where(sale)
    sales["customer"] = sales["customer_id"].where(sale)
    table = sales.groupby(["rep_id", "month"], sort=True).agg(
        amount_cents=("amount_cents", "sum"),
        rows=("amount_cents", "size"),
        orders=("order", "nunique"),
        active_customers=("customer", "nunique"),
    )
    table.to_csv(dst)


if __name__ == "__main__":
    main()
