"""Time the DfE import against DuckDB alone reading the same file, and one benchmark() call.

    python -m scripts.bench_dfe [--small] [--data ../shared/data/dfe]

The issue's targets: import <= 3x DuckDB's own read of the parquet; a benchmark figure well
under 100 ms. Each import goes into a fresh database file; times are medians after a warm-up
(so module imports and the OS file cache do not count against either side). --small runs the
same code on a 30-measure extract of the file with fewer repeats.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from kpi.benchmark import benchmark
from kpi.dfe import import_dfe
from kpi.store import Store

ROOT = Path(__file__).resolve().parents[1]

MEASURE, YEAR, LA = "KS2RWM_Expected_STD", "2023", "886"


def duckdb_read(path: Path) -> float:
    """DuckDB alone: read the parquet and materialise every column in memory."""
    con = duckdb.connect()
    started = time.perf_counter()
    con.execute("CREATE TEMP TABLE t AS SELECT * FROM read_parquet($p)", {"p": str(path)})
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "dfe"))
    parser.add_argument("--small", action="store_true", help="a 30-measure extract and fewer repeats")
    args = parser.parse_args()
    data = Path(args.data)
    lait, sn, dictionary = (
        data / "lait/bds_long_0.parquet",
        data / "lait/sn_may_2025.xlsx",
        data / "lait/lait_data_dictionary.csv",
    )
    if not lait.is_file():
        print(f"No DfE data at {data}.", file=sys.stderr)
        return 2
    repeats, calls = (2, 10) if args.small else (5, 50)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.small:
            small = tmp / "small.parquet"
            duckdb.execute(
                'COPY (SELECT * FROM read_parquet($p) WHERE "Short Desc" IN (SELECT DISTINCT '
                '"Short Desc" FROM read_parquet($p) ORDER BY 1 LIMIT 29) OR "Short Desc" = $m) '
                f"TO '{small}' (FORMAT parquet)",
                {"p": str(lait), "m": MEASURE},
            )
            lait = small
        rows = duckdb.execute("SELECT count(*) FROM read_parquet($p)", {"p": str(lait)}).fetchone()[0]

        def one_import(i: int) -> float:
            store = Store(tmp / f"run{i}.duckdb")
            started = time.perf_counter()
            import_dfe(store, lait, sn, dictionary, home=LA, user="bench")
            elapsed = time.perf_counter() - started
            store.close()
            return elapsed

        duckdb_read(lait), one_import(0)  # warm-up
        read = statistics.median(duckdb_read(lait) for _ in range(repeats))
        load = statistics.median(one_import(i + 1) for i in range(repeats))
        print(
            f"dfe_import: {load:.2f} s (duckdb read {read:.2f} s) ratio {load / read:.1f}x "
            f"[{rows:,} rows, median of {repeats}]"
            + (" (--small: fixed costs dominate, so the ratio means little)" if args.small else "")
        )

        store = Store(tmp / "run1.duckdb", read_only=False)
        benchmark(store, MEASURE, YEAR, LA)
        times = []
        for _ in range(calls):
            started = time.perf_counter()
            benchmark(store, MEASURE, YEAR, LA)
            times.append(time.perf_counter() - started)
        store.close()
        print(
            f"benchmark: {statistics.median(times) * 1000:.1f} ms median of {calls} calls ({MEASURE} {YEAR}, LA {LA})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
