"""What opening the database for each operation costs, against running the same query on an open connection.

    python scripts/bench_store_open.py [--small] [--db FILE]

The Store opens the DuckDB file for the moment of each operation so that the dashboard and
the command line can share it. This prints, for the demo database (or --db): a query on a
connection already open (the floor), the same query through a Store when nothing else in the
process has the file open (a full open and close), through a Store while another connection is
open (DuckDB shares its instance), and `data_version()` when nothing changed (two stat calls),
with each as a ratio of the floor, and a write transaction's cost.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import duckdb  # noqa: E402

from kpi.demo import build_demo  # noqa: E402
from kpi.store import Store  # noqa: E402

QUERY = "SELECT count(*) FROM observations"


def median_ms(fn, n: int) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="few repetitions (CI proves the script works)")
    parser.add_argument("--db", help="an existing database to measure (default: a fresh demo database)")
    args = parser.parse_args()
    n = 5 if args.small else 60
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "bench.duckdb"
        if not args.db:
            build_demo(Store(path))
        store = Store(path)
        size_mb = path.stat().st_size / 1048576

        held = duckdb.connect(str(path))
        floor = median_ms(lambda: held.execute(QUERY).fetchone(), n)
        shared = median_ms(lambda: store.scalar(QUERY), n)
        held.close()
        cold = median_ms(lambda: store.scalar(QUERY), n)
        store.data_version()
        version = median_ms(store.data_version, n * 10)

        def write():
            with store.transaction() as cur:
                cur.execute("INSERT INTO meta VALUES ('bench', '1') ON CONFLICT (key) DO UPDATE SET value = '1'")

        commit = median_ms(write, max(3, n // 4))

    print(f"database {size_mb:.1f} MB; floor (query on an open connection): {floor:.2f} ms")
    print(f"store_open cold (open, query, close): {cold:.1f} ms ratio {cold / floor:.1f}x")
    print(f"store_open shared (another connection open): {shared:.2f} ms ratio {shared / floor:.1f}x")
    print(f"store_open data_version unchanged: {version:.3f} ms ratio {version / floor:.2f}x")
    print(
        f"store_open write transaction (lock file, open, commit, checkpoint, close): {commit:.1f} ms "
        f"ratio {commit / floor:.1f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
