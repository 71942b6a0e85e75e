"""How long each page takes in a real browser against an empty Streamlit page served in the same run.

    python -m scripts.bench_pages [--rounds R] [--small] [--data ../shared/data/dfe] [--pages NAME ...]

Builds the demo database in a temporary folder (with its built-in national snapshot; DfE's file at
--data is imported only into a demo without one), then serves the dashboard and a one-line Streamlit page side by
side. In Debian's Chromium (Playwright) it times each page from navigation to the script
finishing (data-test-script-state going from running to notRunning), R interleaved rounds after
a warm-up, and prints each page's median against the empty page's: the ratio is the figure; the
budget is 1.5x. --small runs one round of three pages, only to prove the script works.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from kpi.demo import build_demo
from kpi.dfe import import_dfe
from kpi.store import Store

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 1.5
CHROMIUM = os.environ.get("KPI_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PAGES = {
    "Overview": "",
    "Indicator": "indicator?code=KS2-L4-EM",
    "Compare": "compare",
    "Highlight report": "board",
    "Present": "present",
    "Commentary": "commentary",
    "Authority profile": "profile?la=840",
    "Regional": "regional?la=840",
    "Statistical neighbours": "neighbours?la=840",
    "All LAs": "all-las?la=840",
    "Create your own": "create?la=840",
    "Measures": "measures",
}
# Records when the script starts and when it next finishes, from the moment the document exists. A quick
# run can start and finish between two callbacks, so each record's old value is read too: a state that
# was "running" and is no longer has finished a run.
WATCH = """
window.__run = {};
new MutationObserver((records) => {
  const now = performance.now();
  for (const r of records) {
    if (r.attributeName !== "data-test-script-state") continue;
    const state = r.target.getAttribute("data-test-script-state");
    if (state === "running" && !window.__run.started) window.__run.started = now;
    if (r.oldValue === "running" && state !== "running" && !window.__run.done) {
      window.__run.started = window.__run.started || now;
      window.__run.done = now;
    }
  }
}).observe(document, {attributes: true, attributeOldValue: true, attributeFilter: ["data-test-script-state"],
                      subtree: true});
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(script: str, cwd: Path, env: dict, log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """`streamlit run script` on a free port; its output goes to `log` when given."""
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=cwd,
        env=env,
        stdout=log.open("wb") if log else subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"streamlit run {script} did not start")


def _time(browser, url: str) -> float:
    """Seconds from navigation to the script's first finish, in a fresh tab (a new session)."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.add_init_script(WATCH)
    page.goto(url)
    page.wait_for_function("window.__run && window.__run.done", timeout=120000, polling=50)
    done = page.evaluate("window.__run.done")
    context.close()
    return done / 1000


def serve_beside_empty(
    db: Path, tmp: Path, log: Path | None = None
) -> tuple[subprocess.Popen, str, subprocess.Popen, str]:
    """The dashboard on `db` and, beside it, a one-line Streamlit page (the floor), both from the same config.
    The dashboard's output goes to `log` when given."""
    (tmp / "empty.py").write_text('import streamlit as st\n\nst.write("")\n')
    shutil.copytree(ROOT / ".streamlit", tmp / ".streamlit", ignore=shutil.ignore_patterns("secrets*.toml"))
    env = dict(os.environ, KPI_DB=str(db))
    app, app_url = _serve("app.py", ROOT, env, log=log)
    empty, empty_url = _serve("empty.py", tmp, env)
    return app, app_url, empty, empty_url


def timed_rounds(browser, empty_url: str, app_url: str, pages: dict[str, str], rounds: int) -> dict[str, list[float]]:
    """A warm-up of every page, then `rounds` interleaved rounds: the empty page, then each page."""
    _time(browser, empty_url)  # warm-up: imports, the demo's caches
    for path in pages.values():
        _time(browser, f"{app_url}/{path}")
    times: dict[str, list[float]] = {name: [] for name in ["empty", *pages]}
    for _ in range(rounds):
        times["empty"].append(_time(browser, empty_url))
        for name, path in pages.items():
            times[name].append(_time(browser, f"{app_url}/{path}"))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--small", action="store_true", help="one round, no DfE data: proves the script works")
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "dfe"))
    parser.add_argument(
        "--pages",
        nargs="*",
        choices=list(PAGES),
        metavar="PAGE",
        help=f"only these pages (default all): {', '.join(PAGES)}",
    )
    args = parser.parse_args()
    chosen = args.pages or (["Overview", "Indicator", "Commentary"] if args.small else None)
    pages = {name: path for name, path in PAGES.items() if not chosen or name in chosen}
    rounds = 1 if args.small else args.rounds
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = tmp / "kpi.duckdb"
        store = Store(db)
        build_demo(store)
        lait = Path(args.data) / "lait"
        held = store.scalar("SELECT count(*) FROM dfe_values")
        if held:
            print(f"DfE data: the demo's built-in national snapshot ({held:,} values)")
        elif args.small:
            print("note: --small runs without DfE's data")
        elif (lait / "bds_long_0.parquet").exists():
            import_dfe(
                store,
                lait / "bds_long_0.parquet",
                lait / "sn_may_2025.xlsx",
                lait / "lait_data_dictionary.csv",
                home="886",
            )
            print("DfE data imported (LAIT national file, May 2025 neighbours)")
        else:
            print(
                f"note: no DfE data at {args.data}: pages measured on the demo alone (Compare shows its "
                "'no DfE data' message)"
            )
        store.close()
        app, app_url, empty, empty_url = serve_beside_empty(db, tmp)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                times = timed_rounds(browser, empty_url, app_url, pages, rounds)
                browser.close()
        finally:
            for proc in (app, empty):
                proc.terminate()
                proc.wait(timeout=20)
    floor = statistics.median(times["empty"])
    print(f"empty page: {floor * 1000:.0f} ms (median of {rounds})")
    worst = 0.0
    for name in pages:
        t = statistics.median(times[name])
        worst = max(worst, t / floor)
        print(f"{name}: {t * 1000:.0f} ms, ratio {t / floor:.2f}x")
    print(
        f"worst ratio {worst:.2f}x against a budget of {BUDGET}x: {'met' if worst <= BUDGET else 'not met'}"
        + (" (--small: one round, the ratio means little)" if args.small else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
