"""How long a board pack takes against the floor of rendering its charts alone (issue 5: 40 indicators < 20 s).

    python -m scripts.bench_board_pack [--indicators N] [--small]

Loads a return of N indicators (default 40) in 5 priorities, 6 academic years each, through
the ordinary load path; times rendering every indicator's chart to PNG alone (the floor:
vl-convert does the drawing offline), then the PDF and PowerPoint packs (model + charts +
writer), and prints each against the floor and the 20-second budget.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from kpi import figures
from kpi.reports import build_pack, write_pack
from kpi.reports.images import chart_png
from kpi.returns import load_return
from kpi.store import Store
from tests.conftest import tidy_workbook

BUDGET_SECONDS = 20.0


def sample_return(indicators: int) -> bytes:
    """N indicators, 5 priorities, actuals and targets 2010-2015, ratings spread across the RAG."""
    defs, rows = [], []
    for i in range(indicators):
        code = f"IND-{i:02d}"
        defs.append([code, f"Indicator {i:02d}: pupils achieving the expected standard", f"Priority {i % 5 + 1}",
                     "higher", "%", "academic year"])
        for k, year in enumerate(range(2010, 2016)):
            actual = 50 + k + i % 7
            rows += [[code, str(year), "actual", actual], [code, str(year), "target", actual + (i % 4) * 1.5 - 1],
                     [code, str(year), "national", actual - 2]]
    return tidy_workbook(rows, defs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--small", action="store_true", help="5 indicators: proves the script works")
    args = parser.parse_args()
    n = 5 if args.small else args.indicators
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        result = load_return(store, sample_return(n), "bench.xlsx", user="bench")
        assert result.ok, result.problems
        series = figures.all_series(store)
        chart_png(series[series["period"].notna()].head(6))  # warm up vl-convert so neither side pays for it
        start = time.perf_counter()
        for code in series["code"].unique():
            chart_png(series[(series["code"] == code) & series["period"].notna()])
        floor = time.perf_counter() - start
        timings = {}
        for kind in ("pdf", "pptx"):
            start = time.perf_counter()
            pack = build_pack(store)
            write_pack(pack, Path(tmp) / f"pack.{kind}")
            timings[kind] = time.perf_counter() - start
        shown = sum(len(s.exceptions) + len(s.others) for s in pack.sections)
        assert shown == n, f"the pack shows {shown} of {n} indicators"
        store.close()
    for kind, seconds in timings.items():
        print(f"board pack {kind} ({n} indicators): {seconds:.1f} s; charts alone {floor:.1f} s; "
              f"ratio {seconds / floor:.2f}x; budget {BUDGET_SECONDS:.0f} s for 40 indicators")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
