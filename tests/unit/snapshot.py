"""A database's whole content as a comparable value: per table, row count and an order-free hash of every row."""

from __future__ import annotations


def fingerprint(store) -> dict[str, tuple[int, int]]:
    cur = store.cursor()
    try:
        tables = [
            r[0]
            for r in cur.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1"
            ).fetchall()
        ]
        return {
            t: tuple(cur.execute(f'SELECT count(*), coalesce(sum(hash(x)::HUGEINT), 0) FROM "{t}" AS x').fetchone())
            for t in tables
        }
    finally:
        cur.close()
