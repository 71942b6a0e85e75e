"""The built-in national data: the demo build with it, and switching authority on the profile page.

    python -m scripts.bench_national [--rounds R] [--small]

1. Builds the demo (which loads the snapshot in data/dfe/) into fresh databases and times the
   snapshot load against DuckDB alone reading the same parquet into a table (the floor).
2. Serves the dashboard and a one-line Streamlit page; in Debian's Chromium times the profile's
   first load, then switching authority with the chooser (from the choice to the script finishing),
   each against the empty page's load. Budgets: switching under 1 s; the profile within 1.5x.
--small: one round, only to prove the script works.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from kpi.demo import build_demo
from kpi.national_data import SNAPSHOT, SNAPSHOT_DIR, load_snapshot
from kpi.store import Store
from scripts.bench_pages import ARGS, CHROMIUM, ROOT, WATCH, _serve

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
SWITCH_TO = ("886", "202", "840", "330", "925")


def _floor(path: Path) -> float:
    con = duckdb.connect()
    started = time.perf_counter()
    con.execute("CREATE TEMP TABLE t AS SELECT * FROM read_parquet($p)", {"p": str(path)})
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def _load_times(tmp: Path, rounds: int) -> tuple[float, float, float]:
    snap, demo, floor = [], [], []
    for i in range(rounds):
        floor.append(_floor(SNAPSHOT_DIR / SNAPSHOT["lait"]))
        store = Store(tmp / f"s{i}.duckdb")
        started = time.perf_counter()
        load_snapshot(store)
        snap.append(time.perf_counter() - started)
        store.close()
        store = Store(tmp / f"d{i}.duckdb")
        started = time.perf_counter()
        build_demo(store)
        demo.append(time.perf_counter() - started)
        store.close()
    return statistics.median(snap), statistics.median(demo), statistics.median(floor)


def _settle(page, url: str) -> float:
    page.add_init_script(WATCH)
    page.goto(url)
    page.wait_for_function("window.__run && window.__run.done", timeout=180000, polling=50)
    return page.evaluate("window.__run.done") / 1000


def _switch(page, code: str) -> float:
    """Seconds from choosing an authority to the script finishing its rerun."""
    page.wait_for_selector(IDLE, timeout=120000)
    box = page.get_by_role("combobox", name="Authority (type to search)")
    box.click()
    box.fill(f"({code})")
    option = page.get_by_role("option").first
    option.wait_for(timeout=30000)
    page.evaluate("window.__run = {}")  # WATCH (installed by _settle) records this rerun, however quick
    started = time.perf_counter()
    option.click()
    page.wait_for_function("window.__run.done", timeout=120000, polling=20)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--small", action="store_true")
    args = parser.parse_args()
    rounds = 1 if args.small else args.rounds
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        snap, demo, floor = _load_times(tmp, rounds)
        print(
            f"snapshot load: {snap:.2f} s (duckdb reading the parquet {floor:.2f} s) ratio {snap / floor:.1f}x; "
            f"whole demo build with it {demo:.2f} s [median of {rounds}]"
        )
        (tmp / "empty.py").write_text('import streamlit as st\n\nst.write("")\n')
        env = dict(os.environ, KPI_DB=str(tmp / "d0.duckdb"))
        app, app_url = _serve("app.py", ROOT, env)
        empty, empty_url = _serve("empty.py", tmp, env)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                empty_times, first, warm, switches = [], [], [], []
                for i in range(rounds + 1):
                    context = browser.new_context(viewport={"width": 1600, "height": 1000})
                    page = context.new_page()
                    t_empty = _settle(page, empty_url)
                    context.close()
                    context = browser.new_context(viewport={"width": 1600, "height": 1000})
                    page = context.new_page()
                    t_profile = _settle(page, f"{app_url}/profile?la=840")
                    (first if i == 0 else warm).append(t_profile)
                    if i:
                        empty_times.append(t_empty)
                        for code in SWITCH_TO[: 2 if args.small else len(SWITCH_TO)]:
                            switches.append(_switch(page, code))
                    context.close()
                browser.close()
        finally:
            for proc in (app, empty):
                proc.terminate()
                proc.wait(timeout=20)
    e = statistics.median(empty_times)
    w = statistics.median(warm)
    s_first = statistics.median(switches[: len(switches) // rounds]) if switches else float("nan")
    s = statistics.median(switches)
    print(
        f"empty page: {e * 1000:.0f} ms; profile first load (cold caches) {first[0] * 1000:.0f} ms; "
        f"profile: {w * 1000:.0f} ms, ratio {w / e:.2f}x (budget 1.5x)"
    )
    print(
        f"switching authority: {s * 1000:.0f} ms median of {len(switches)} (first round {s_first * 1000:.0f} ms); "
        f"budget 1000 ms: {'met' if s < 1 else 'not met'}" + (" (--small: one round)" if args.small else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
