"""How fast school data imports and school-based figures compute, against floors measured in the same run.

    python -m scripts.bench_schools [--small] [--dates N] [--rounds R]

1. Import of every file in ../shared/data/schools through kpi.schools against DuckDB alone reading the same
   files (read_csv of each CSV, calamine reading the spine workbook): budget 3x.
2. Every catalogue measure for every LA, region and England at N period ends (default 80 quarter ends) in one
   query: budget 2 s.
3. Peak memory of this process with the whole country imported and those figures computed.
4. The dashboard on that database (the demo's plans added, so Kent's indicators are linked to the schools): the
   list of Kent's schools behind a figure and the Schools causing concern page, each from navigation to the
   script finishing in Debian's Chromium, against an empty Streamlit page served in the same run (median of R
   interleaved rounds): budget 1.5x; then the dashboard process's own peak memory (VmHWM): budget 1 GB.
--small imports only the Ofsted outcomes file, computes 8 dates and times one round (CI proves the script works).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

from kpi.demo import build_demo
from kpi.schools.importer import import_paths
from kpi.schools.measures import all_figures
from kpi.store import ROOT, Store
from scripts.proc_stats import memory_mb

SCHOOLS = ROOT.parent / "shared" / "data" / "schools"
IMPORT_BUDGET, FIGURES_BUDGET, MEMORY_BUDGET_MB, PAGE_BUDGET = 3.0, 2.0, 1024, 1.5
PAGES = {"schools list": "schools?code=GOOD-PRI", "schools causing concern": "concern"}


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


def pages(db: Path, rounds: int) -> None:
    """Part 4: the school pages against an empty Streamlit page, then the dashboard's peak memory."""
    from scripts.bench_pages import ARGS, CHROMIUM, _time, serve_beside_empty, timed_rounds

    if not Path(CHROMIUM).exists():
        print(f"note: Chromium is not at {CHROMIUM}: pages and the dashboard's memory not measured")
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        app, app_url, empty, empty_url = serve_beside_empty(db, Path(tmp))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                _time(browser, f"{app_url}/overview")  # the dashboard's first page, as a reader opens it
                times = timed_rounds(browser, empty_url, app_url, PAGES, rounds)
                browser.close()
            peak = memory_mb(app.pid, "VmHWM")
        finally:
            for proc in (app, empty):
                proc.terminate()
                proc.wait(timeout=20)
    floor = statistics.median(times["empty"])
    print(f"empty page: {floor * 1000:.0f} ms (median of {rounds})")
    for name in PAGES:
        t = statistics.median(times[name])
        print(f"{name} page: {t * 1000:.0f} ms, ratio {t / floor:.2f}x (budget {PAGE_BUDGET}x)")
    print(
        f"dashboard peak memory: {peak:.0f} MB with the country loaded, after the overview and these pages "
        f"(budget {MEMORY_BUDGET_MB} MB); ratio {peak / MEMORY_BUDGET_MB:.2f}x"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--dates", type=int, default=80)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if not SCHOOLS.is_dir():
        print(f"school files are not at {SCHOOLS}: nothing to measure")
        return 0
    files = sorted(p for p in SCHOOLS.rglob("*") if p.suffix in (".csv", ".xlsx"))
    if args.small:
        files = [p for p in files if p.name.startswith("State-funded")]
    dates = quarter_ends(8 if args.small else args.dates)
    repeats = 1 if args.small else 3
    with tempfile.TemporaryDirectory() as tmp:
        floors, imports = [], []
        for n in range(repeats):  # interleaved, best of each: other work on the machine moves single runs
            floors.append(duckdb_floor(files))
            store = Store(Path(tmp) / f"bench{n}.duckdb")
            start = time.perf_counter()
            import_paths(store, files, user="bench")
            imports.append(time.perf_counter() - start)
            if n < repeats - 1:
                store.close()
        floor, took = min(floors), min(imports)
        print(
            f"import_schools: {len(files)} files in {took:.2f} s; DuckDB alone reading them {floor:.2f} s; "
            f"ratio {took / floor:.2f}x (budget {IMPORT_BUDGET}x); best of {repeats}, load average "
            f"{os.getloadavg()[0]:.1f}"
        )
        all_figures(store, dates[:1])  # warm: the first query plans and loads
        runs = []
        for _ in range(repeats):
            start = time.perf_counter()
            frame = all_figures(store, dates)
            runs.append(time.perf_counter() - start)
        took = min(runs)
        print(
            f"school_figures: {len(dates)} period ends, {frame['area'].nunique()} areas, {len(frame):,} figures in "
            f"{took:.2f} s (budget {FIGURES_BUDGET} s); ratio {took / FIGURES_BUDGET:.2f}x of budget; best of "
            f"{repeats}, load average {os.getloadavg()[0]:.1f}"
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process: {peak:.0f} MB after the import and the figures")
        db = store.path
        build_demo(store)  # the plans; the imported schools stand (the snapshot loads only into none)
        store.close()
        pages(db, 1 if args.small else args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
