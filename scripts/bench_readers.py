"""Many readers at once: page settle, exceptions and server memory with N sessions browsing and an officer uploading.

    python -m scripts.bench_readers [--readers 20] [--minutes 4] [--first-loads 10] [--small]

Builds the demo database (with its built-in national snapshot) in a temporary folder and serves the
dashboard. In Debian's Chromium (Playwright, one browser, a context per person):

1. Ten people open the freshly started dashboard at once: each first page load must show no exception.
2. One reader visits every page in turn, twice: the single-user settle times, the floor of this run.
3. N readers browse the same pages for M minutes, each in its own session and order, while an officer
   uploads a 1,000-value return and commits it, then does it again with new figures; each page is timed
   from navigation to the script finishing, as bench_pages does.
4. The sessions close; after a short wait the server's memory is read again.
5. The floor: a one-line Streamlit page served beside it, opened by one reader and then by N at once, so the
   cost of the machine's own browser and of Streamlit itself under the same crowd is known.

It prints p50 and p95 settle for the single reader and under load, their ratio, pages with an exception
(Streamlit's exception box or "Page not found"), the server's memory (resident set) at start, at its peak
and after the sessions end, and each against its budget: p95 within 3x the single reader's, no exception,
memory under 1 GB and back within 150 MB of what it held after the single reader (its caches full).
--small: 2 readers for 15 seconds and one upload, only to prove the script works.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from kpi.demo import build_demo
from kpi.store import Store
from scripts.bench_load import build_return
from scripts.bench_pages import ARGS, CHROMIUM, PAGES, ROOT, WATCH, serve_beside_empty
from scripts.proc_stats import browser_pids, cpu_seconds, memory_mb

P95_BUDGET = 3.0
MEMORY_BUDGET_MB = 1024
SETTLE_BACK_MB = 150
FAULT = "[data-testid='stException']"


def server_errors(log: str) -> list[str]:
    """Each traceback's last line in the server's output, once each, with how often it came."""
    lines = log.splitlines()
    found: dict[str, int] = {}
    for i, line in enumerate(lines):
        if line.startswith("Traceback"):
            j = i + 1
            while j < len(lines) and (lines[j].startswith(" ") or not lines[j].strip()):
                j += 1
            last = lines[j] if j < len(lines) else line
            found[last] = found.get(last, 0) + 1
    return [f"{text} ({n}x)" for text, n in found.items()]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def visit(context, url: str, timeout_ms: int = 180000) -> tuple[float, str]:
    """Open `url` in a fresh tab of `context`: (seconds to the script's first finish, what went wrong or "")."""
    page = await context.new_page()
    try:
        await page.add_init_script(WATCH)
        await page.goto(url)
        await page.wait_for_function("window.__run && window.__run.done", timeout=timeout_ms, polling=100)
        settle = await page.evaluate("window.__run.done") / 1000
        body = await page.inner_text("body")
        wrong = (
            "exception" if await page.locator(FAULT).count() else "page not found" if "Page not found" in body else ""
        )
        if wrong and os.environ.get("KPI_BENCH_SHOTS"):
            await page.screenshot(path=f"{os.environ['KPI_BENCH_SHOTS']}/fault-{time.monotonic():.0f}.png")
        return settle, wrong
    except Exception:  # a page that never finished counts as gone wrong, with the time it was given
        if os.environ.get("KPI_BENCH_SHOTS"):
            await page.screenshot(path=f"{os.environ['KPI_BENCH_SHOTS']}/stuck-{time.monotonic():.0f}.png")
        return timeout_ms / 1000, f"no finish in {timeout_ms // 1000} s"
    finally:
        await page.close()


async def first_loads(browser, app_url: str, people: int) -> int:
    """`people` open the dashboard at the same moment, each at a different page; how many saw an exception."""
    contexts = [await browser.new_context() for _ in range(people)]
    addresses = list(PAGES.values())
    results = await asyncio.gather(
        *(visit(c, f"{app_url}/{addresses[i % len(addresses)]}") for i, c in enumerate(contexts))
    )
    for c in contexts:
        await c.close()
    return sum(bool(wrong) for _, wrong in results)


async def reader(
    browser,
    app_url: str,
    offset: int,
    until: float,
    out: list,
    faults: list,
    addresses: list[str] | None = None,
    visits: int | None = None,
) -> None:
    """One person browsing: every page in turn from their own starting point, in one session, until `until`
    (or `visits` pages)."""
    context = await browser.new_context(viewport={"width": 1600, "height": 1000})
    addresses = addresses or list(PAGES.values())
    i = offset
    while time.monotonic() < until and (visits is None or i - offset < visits):
        path = addresses[i % len(addresses)]
        settle, wrong = await visit(context, f"{app_url}/{path}")
        out.append(settle)
        if wrong:
            faults.append(f"{path or 'overview'}: {wrong}")
        i += 1
    await context.close()


async def floor(browser, empty_url: str, readers: int, seconds: float) -> tuple[list[float], list[float]]:
    """The same machine's floor: an empty Streamlit page opened by one reader, then by `readers` at once."""
    alone: list[float] = []
    await reader(browser, empty_url, 0, time.monotonic() + min(seconds, 20), alone, [], [""])
    crowd: list[float] = []
    until = time.monotonic() + seconds
    await asyncio.gather(*(reader(browser, empty_url, 0, until, crowd, [], [""]) for _ in range(readers)))
    return alone, crowd


async def officer(browser, app_url: str, returns: list[Path], until: float, log: list) -> None:
    """Uploads each return on the Upload page, waits for the preview, commits it, and times the whole."""
    context = await browser.new_context(viewport={"width": 1600, "height": 1000})
    page = await context.new_page()
    for path in returns:
        if time.monotonic() >= until:
            break
        started = time.monotonic()
        try:
            await page.goto(f"{app_url}/upload")
            await page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=180000)
            await page.locator("input[type='file']").set_input_files(str(path))
            await page.get_by_role("button", name="Confirm and commit").wait_for(timeout=180000)
            await page.get_by_role("button", name="Confirm and commit").click()
            await page.get_by_text("Committed as upload").first.wait_for(timeout=180000)
            log.append((path.name, time.monotonic() - started, True))
        except Exception:
            if os.environ.get("KPI_BENCH_SHOTS"):
                await page.screenshot(path=f"{os.environ['KPI_BENCH_SHOTS']}/upload-{path.stem}.png", full_page=True)
            log.append((path.name, time.monotonic() - started, False))
    await context.close()


async def run(app_url: str, pid: int, args, returns: list[Path], empty_url: str) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        start_mb = memory_mb(pid)
        first_faults = await first_loads(browser, app_url, args.first_loads)
        single: list[float] = []  # one reader, every page once (twice at full size)
        await reader(browser, app_url, 0, float("inf"), single, [], visits=len(PAGES) * (1 if args.small else 2))
        warm_mb = memory_mb(pid)  # every page's caches filled once: what the dashboard holds for one user
        began = time.monotonic()
        until = began + args.minutes * 60
        clients = browser_pids()
        server_cpu, client_cpu = cpu_seconds([pid]), cpu_seconds(clients)
        loaded, faults, uploads = [], [], []
        await asyncio.gather(
            officer(browser, app_url, returns, until, uploads),
            *(reader(browser, app_url, i, until, loaded, faults) for i in range(args.readers)),
        )
        peak = memory_mb(pid, "VmHWM")  # the server's peak so far: the crowd's, since it is the largest
        wall = time.monotonic() - began
        server_cpu, client_cpu = cpu_seconds([pid]) - server_cpu, cpu_seconds(browser_pids()) - client_cpu
        empty_alone, empty_crowd = await floor(browser, empty_url, args.readers, args.floor_minutes * 60)
        await browser.close()
    await asyncio.sleep(args.settle_seconds)  # sessions end once their websockets close
    return dict(
        start_mb=start_mb,
        warm_mb=warm_mb,
        first_faults=first_faults,
        single=single,
        loaded=loaded,
        faults=faults,
        uploads=uploads,
        peak_mb=peak,
        after_mb=memory_mb(pid),
        wall=wall,
        server_cpu=server_cpu,
        client_cpu=client_cpu,
        empty_alone=empty_alone,
        empty_crowd=empty_crowd,
    )


def protocol_readers(app_url: str, db: Path, returns: list[Path], readers: int, seconds: float) -> dict:
    """The server alone under the crowd: `readers` clients speaking Streamlit's websocket protocol (no browser, so
    next to no CPU of their own), each opening page after page as a new session, while the command line loads
    the returns into the same database (`python -m kpi load`, the officer's nightly job). Times are from asking
    for a page to the server's "script finished"."""
    from tests.e2e.raw_client import Raw

    pages = [(p.split("?")[0], p.split("?")[1] if "?" in p else "") for p in PAGES.values()]

    def one(page_name: str, query: str) -> tuple[float, int]:
        started = time.monotonic()
        client = Raw(app_url)
        try:
            run = client.rerun(page_name, query)
            return time.monotonic() - started, run.exceptions
        except Exception:
            return time.monotonic() - started, 1
        finally:
            client.close()

    single = [one(*page)[0] for _ in range(2) for page in pages]
    times: list[float] = []
    faults: list[str] = []
    until = time.monotonic() + seconds

    def browse(offset: int) -> None:
        i = offset
        while time.monotonic() < until:
            name, query = pages[i % len(pages)]
            took, wrong = one(name, query)
            times.append(took)
            if wrong:
                faults.append(name or "overview")
            i += 1

    threads = [threading.Thread(target=browse, args=(i,)) for i in range(readers)]
    for t in threads:
        t.start()
    loads = []
    for path in returns:
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "kpi", "load", str(path), "--db", str(db), "--user", "officer"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        loads.append((path.name, time.monotonic() - started, done.returncode == 0))
    for t in threads:
        t.join()
    return dict(single=single, times=times, faults=faults, loads=loads)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=4)
    parser.add_argument("--first-loads", type=int, default=10)
    parser.add_argument("--settle-seconds", type=float, default=30)
    parser.add_argument("--floor-minutes", type=float, default=2, help="how long the readers open the empty page")
    parser.add_argument("--small", action="store_true", help="2 readers for 15 seconds: proves the script works")
    args = parser.parse_args()
    if args.small:
        args.readers, args.minutes, args.first_loads, args.settle_seconds, args.floor_minutes = 2, 1 / 4, 2, 2, 1 / 12

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = tmp / "kpi.duckdb"
        store = Store(db)
        build_demo(store)
        store.close()
        returns = []
        # the same 1,000 values, then new figures for them: a change set to preview each time
        for n in range(1 if args.small else 2):
            path = tmp / f"return-{n + 1}.xlsx"
            path.write_bytes(build_return(1000, shift=-n))
            returns.append(path)
        log = tmp / "server.log"
        app, app_url, empty, empty_url = serve_beside_empty(db, tmp, log=log)
        try:
            r = asyncio.run(run(app_url, app.pid, args, returns, empty_url))
            cpu = cpu_seconds([app.pid])
            began = time.monotonic()
            proto_returns = []
            for n in range(len(returns)):  # new figures again, so each load changes what the readers see
                proto_returns.append(tmp / f"cli-{n + 1}.xlsx")
                proto_returns[-1].write_bytes(build_return(1000, shift=-(n + 2)))
            proto = protocol_readers(app_url, db, proto_returns, args.readers, args.minutes * 60)
            proto_cpu, proto_wall = cpu_seconds([app.pid]) - cpu, time.monotonic() - began
        finally:
            for proc in (app, empty):
                proc.terminate()
                proc.wait(timeout=30)
        errors = server_errors(log.read_text(errors="replace"))

    single_p50, single_p95 = statistics.median(r["single"]), percentile(r["single"], 0.95)
    loaded = r["loaded"] or [float("nan")]
    p50, p95 = statistics.median(loaded), percentile(loaded, 0.95)
    ratio = p95 / single_p95
    print(f"first loads at once: {args.first_loads}, with an exception: {r['first_faults']}")
    print(f"single reader: {len(r['single'])} pages, p50 {single_p50 * 1000:.0f} ms, p95 {single_p95 * 1000:.0f} ms")
    print(
        f"{args.readers} readers for {args.minutes:g} min: {len(r['loaded'])} pages, p50 {p50 * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, ratio {ratio:.2f}x the single reader's p95 (budget {P95_BUDGET}x)"
    )
    e_alone, e_crowd = percentile(r["empty_alone"], 0.95), percentile(r["empty_crowd"] or [float("nan")], 0.95)
    print(
        f"the floor, an empty Streamlit page: p95 {e_alone * 1000:.0f} ms alone, {e_crowd * 1000:.0f} ms with "
        f"{args.readers} readers at once ({e_crowd / e_alone:.2f}x: what this machine's browser and Streamlit "
        f"themselves cost); the dashboard under load against it: {p95 / e_crowd:.2f}x"
    )
    print(
        f"pages that went wrong under load: {len(r['faults'])}"
        + (f" ({', '.join(r['faults'])})" if r["faults"] else "")
    )
    for error in errors:
        print(f"server log: {error}")
    print(
        f"CPU while they browsed ({r['wall']:.0f} s on {os.cpu_count()} cores): the server {r['server_cpu']:.0f} s, "
        f"Chromium (the readers' browser) {r['client_cpu']:.0f} s"
    )
    p_single = percentile(proto["single"], 0.95)
    p_times = proto["times"] or [float("nan")]
    p_p50, p_p95 = statistics.median(p_times), percentile(p_times, 0.95)
    print(
        f"without a browser, {args.readers} protocol readers for {args.minutes:g} min: {len(proto['times'])} pages, "
        f"p50 {p_p50 * 1000:.0f} ms, p95 {p_p95 * 1000:.0f} ms against {p_single * 1000:.0f} ms alone "
        f"(ratio {p_p95 / p_single:.2f}x), {len(proto['faults'])} with an exception; the server used "
        f"{proto_cpu:.0f} s of CPU in {proto_wall:.0f} s"
    )
    for name, seconds, ok in proto["loads"]:
        print(f"command-line load {name} (1,000 values) beside them: {'done' if ok else 'FAILED'} in {seconds:.1f} s")
    for name, seconds, ok in r["uploads"]:
        print(f"officer's upload {name} (1,000 values): {'committed' if ok else 'FAILED'} in {seconds:.1f} s")
    print(
        f"server memory: {r['start_mb']:.0f} MB at start, {r['warm_mb']:.0f} MB after one reader, "
        f"peak {r['peak_mb']:.0f} MB (budget {MEMORY_BUDGET_MB} MB), "
        f"{r['after_mb']:.0f} MB {args.settle_seconds:g} s after the sessions ended"
    )
    met = (
        ratio <= P95_BUDGET
        and not r["faults"]
        and not r["first_faults"]
        and r["peak_mb"] < MEMORY_BUDGET_MB
        and r["after_mb"] - r["warm_mb"] <= SETTLE_BACK_MB
        and all(ok for *_, ok in r["uploads"])
        and not proto["faults"]
        and all(ok for *_, ok in proto["loads"])
        and not errors
    )
    print(
        f"budgets: {'met' if met else 'not met'}"
        + (" (--small: a few readers briefly, the figures mean little)" if args.small else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
