"""How long a board pack takes against the floor of rendering its charts alone (40 indicators: budget 20 s).

    python -m scripts.bench_board_pack [--indicators N] [--small]

Loads a return of N indicators (default 40) in 5 priorities, 6 academic years each, through
the ordinary load path; times rendering every indicator's chart alone with vl-convert (the floor:
SVG for the PDF, PNG for PowerPoint), then each pack from scratch (model + charts + writer), and
prints each against its floor, in wall time and in processor time (steadier on a shared machine). The time budget lives here, not in a test: the shared machine's
load makes an absolute time in a test flaky. At full size the script exits 1 when a pack takes
over BUDGET_SECONDS or over MAX_RATIO times its floor.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from kpi.reports import build_pack, write_pack
from kpi.reports.images import chart_png, chart_spec, chart_svg
from kpi.returns import load_return
from kpi.store import Store
from tests.conftest import tidy_workbook

BUDGET_SECONDS = 20.0
MAX_RATIO = 3.0  # the pack's layout and writing may add up to twice the charts' own time
FLOORS = {"pdf": chart_svg, "pptx": chart_png}


@contextmanager
def _timer(best: dict, kind: str):
    """Keep the best (wall, processor) seconds of the block under `kind`: processor time (every thread of this
    process, vl-convert's too) moves far less than wall time when others load the machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    took = (time.perf_counter() - wall, time.process_time() - cpu)
    best[kind] = min(best.get(kind, took), took)


def sample_return(indicators: int) -> bytes:
    """N indicators, 5 priorities, actuals and targets 2010-2015, ratings spread across the RAG."""
    defs, rows = [], []
    for i in range(indicators):
        code = f"IND-{i:02d}"
        defs.append(
            [
                code,
                f"Indicator {i:02d}: pupils achieving the expected standard",
                f"Priority {i % 5 + 1}",
                "higher",
                "%",
                "academic year",
            ]
        )
        for k, year in enumerate(range(2010, 2016)):
            actual = 50 + k + i % 7
            rows += [
                [code, str(year), "actual", actual],
                [code, str(year), "target", actual + (i % 4) * 1.5 - 1],
                [code, str(year), "national", actual - 2],
            ]
    return tidy_workbook(rows, defs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--small", action="store_true", help="5 indicators: proves the script works")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best is reported")
    parser.add_argument("--slides", default="indicator", help="PowerPoint layout (indicator: a chart per indicator)")
    args = parser.parse_args()
    n = 5 if args.small else args.indicators
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        result = load_return(store, sample_return(n), "bench.xlsx", user="bench")
        assert result.ok, result.problems
        write_pack(build_pack(store, charts=False), Path(tmp) / "warm.pdf")  # imports, fonts: neither side pays
        charts = [(t.chart_rows, t.outlook) for t in build_pack(store).tiles]  # each chart as the pack draws it
        floors, timings = {}, {}
        for _ in range(args.repeat):  # the floor and the pack in turn; the best of each (least disturbed)
            for kind, render in FLOORS.items():
                render(chart_spec(charts[0][0], outlook=charts[0][1]))  # warm up vl-convert
                render.cache_clear()  # each side draws every chart anew (kpi.reports.images keeps drawings)
                with _timer(floors, kind):
                    for rows, outlook in charts:
                        render(chart_spec(rows, outlook=outlook))
                render.cache_clear()
                with _timer(timings, kind):
                    pack = build_pack(store)
                    write_pack(pack, Path(tmp) / f"pack.{kind}", slides=args.slides)
        shown = sum(len(s.exceptions) + len(s.others) for s in pack.sections)
        assert shown == n, f"the pack shows {shown} of {n} indicators"
        store.close()
    over = []
    for kind, (seconds, cpu) in timings.items():
        floor, floor_cpu = floors[kind]
        ratio = seconds / floor
        verdict = "met" if seconds <= BUDGET_SECONDS and ratio <= MAX_RATIO else "over"
        print(
            f"board pack {kind} ({n} indicators): {seconds:.1f} s; charts alone ({'SVG' if kind == 'pdf' else 'PNG'}) "
            f"{floor:.1f} s; ratio {ratio:.2f}x (limit {MAX_RATIO:.0f}x); budget {BUDGET_SECONDS:.0f} s "
            f"for 40 indicators: {verdict}; processor time {cpu:.1f} s against {floor_cpu:.1f} s, "
            f"ratio {cpu / floor_cpu:.2f}x"
        )
        over += [kind] if verdict == "over" else []
    return 1 if over and not args.small else 0


if __name__ == "__main__":
    raise SystemExit(main())
