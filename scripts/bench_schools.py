"""How fast school data imports and school-based figures compute, against floors measured in the same run.

    python -m scripts.bench_schools [--small] [--dates N]

1. Import of every file in ../shared/data/schools through kpi.schools against DuckDB alone reading the same
   files (read_csv of each CSV, calamine reading the spine workbook): budget 3x.
2. Every catalogue measure for every LA, region and England at N period ends (default 80 quarter ends) in one
   query: budget 2 s.
3. Peak memory of this process with the whole country loaded and those figures computed: budget 1 GB.
--small imports only the Ofsted outcomes file and computes 8 dates (CI proves the script works).
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

from kpi.schools.importer import import_paths
from kpi.schools.measures import all_figures
from kpi.store import ROOT, Store

SCHOOLS = ROOT.parent / "shared" / "data" / "schools"
IMPORT_BUDGET, FIGURES_BUDGET, MEMORY_BUDGET_MB = 3.0, 2.0, 1024


def quarter_ends(n: int) -> list[date]:
    ends, year, q = [], 2025, 3
    while len(ends) < n:
        month = (3, 6, 9, 12)[q]
        ends.append(date(year, month, 30 if month in (6, 9) else 31))
        q -= 1
        if q < 0:
            q, year = 3, year - 1
    return sorted(ends)


def duckdb_floor(files: list[Path]) -> float:
    start = time.perf_counter()
    con = duckdb.connect()
    for f in files:
        if f.suffix == ".csv":
            con.execute("SELECT count(*) FROM read_csv($p, all_varchar = true)", {"p": str(f)}).fetchall()
        else:
            from python_calamine import CalamineWorkbook
            CalamineWorkbook.from_path(str(f)).get_sheet_by_index(0).to_python()
    con.close()
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--dates", type=int, default=80)
    args = parser.parse_args(argv)
    if not SCHOOLS.is_dir():
        print(f"school files are not at {SCHOOLS}: nothing to measure")
        return 0
    files = sorted(p for p in SCHOOLS.rglob("*") if p.suffix in (".csv", ".xlsx"))
    if args.small:
        files = [p for p in files if p.name.startswith("State-funded")]
    dates = quarter_ends(8 if args.small else args.dates)
    floor = duckdb_floor(files)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        start = time.perf_counter()
        import_paths(store, files, user="bench")
        took = time.perf_counter() - start
        print(f"import_schools: {len(files)} files in {took:.2f} s; DuckDB alone reading them {floor:.2f} s; "
              f"ratio {took / floor:.2f}x (budget {IMPORT_BUDGET}x)")
        all_figures(store, dates[:1])                      # warm: the first query plans and loads
        start = time.perf_counter()
        frame = all_figures(store, dates)
        took = time.perf_counter() - start
        print(f"school_figures: {len(dates)} period ends, {frame['area'].nunique()} areas, {len(frame):,} figures in "
              f"{took:.2f} s (budget {FIGURES_BUDGET} s); ratio {took / FIGURES_BUDGET:.2f}x of budget")
        store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB with the country loaded (budget {MEMORY_BUDGET_MB} MB); "
          f"ratio {peak / MEMORY_BUDGET_MB:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
