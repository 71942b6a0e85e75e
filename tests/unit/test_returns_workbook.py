"""The fast sheet reader gives exactly what openpyxl's public read-only API gives, cell for cell."""

from __future__ import annotations

import importlib.util
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from kpi.returns import workbook
from tests.fixtures import build_fixtures as bf

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "scripts" / "bench_load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _mixed(folder: Path) -> Path:
    book = Workbook()
    ws = book.active
    ws["A1"], ws["C1"] = "text", True
    ws["B2"] = 0.605
    ws["B2"].number_format = "0.0%"
    ws["D3"] = datetime(2011, 9, 30)
    ws["D3"].number_format = "mmm-yy"
    ws["AA4"] = 12
    ws["A6"] = "  spaced  "
    path = folder / "mixed.xlsx"
    book.save(path)
    return path


def _both(data: bytes):
    book = workbook._open(data, data_only=True)
    lean, public = [], []
    for ws in book.worksheets:
        lean.append(list(workbook._lean_rows(book, ws, [10**9])))
    book.close()
    book = workbook._open(data, data_only=True)
    for ws in book.worksheets:
        public.append(
            [
                [
                    workbook.Cell(ws.title, r, c, cell.value, workbook._format(cell))
                    for c, cell in enumerate(cells, start=1)
                ]
                for r, cells in workbook._rows(ws, [10**9])
            ]
        )
    book.close()
    return lean, public


def _shape(sheets):
    return [
        [[(c.row, c.col, c.value, c.number_format if c.value is not None else None) for c in row] for row in sheet]
        for sheet in sheets
    ]


@pytest.mark.parametrize(
    "make",
    [
        lambda d: bf.trend_workbook(d, style="fraction", excel_dates=True),
        lambda d: bf.trend_workbook(d, style="text"),
        lambda d: bf.tidy_workbook(d, [("KS4-5AC-EM", 2013, "actual", 61.5, "final", "a note")]),
        bf.formula_with_result,
        _mixed,
    ],
    ids=["trend-fraction-dates", "trend-text", "tidy", "formula-with-result", "mixed"],
)
def test_fast_reader_matches_openpyxl(tmp_path, make):
    lean, public = _both(make(tmp_path).read_bytes())
    assert _shape(lean) == _shape(public)
    assert any(sheet for sheet in lean)


def test_fast_reader_matches_openpyxl_with_shared_strings(tmp_path):
    bench = _bench()
    data = bench.with_shared_strings(bench.build_return(300))
    lean, public = _both(data)
    assert _shape(lean) == _shape(public)
    assert lean[1][1][0].value == "BENCH-0001"


def _percent_shape(sheets):
    return [
        [[(c.row, c.col, c.value, c.is_percent_format) for c in row if c.value is not None] for row in sheet]
        for sheet in sheets
    ]


@pytest.mark.parametrize(
    "make",
    [
        lambda d: bf.trend_workbook(d, style="fraction", excel_dates=True),
        lambda d: bf.trend_workbook(d, style="text"),
        lambda d: bf.tidy_workbook(d, [("KS4-5AC-EM", 2013, "actual", 61.5, "final", "a note")]),
        _mixed,
    ],
    ids=["trend-fraction-dates", "trend-text", "tidy", "mixed"],
)
def test_calamine_reader_matches_openpyxl(tmp_path, make):
    from kpi.returns import calamine_reader

    data = make(tmp_path).read_bytes()
    fast = calamine_reader.read(data, 10**9)
    assert fast is not None, "calamine is installed and reads plain workbooks"
    _, public = _both(data)
    assert _percent_shape([s.rows for s in fast]) == _percent_shape(public)
    assert any(c.is_percent_format for s in fast for row in s.rows for c in row) == (
        any(c.is_percent_format and c.value is not None for s in public for row in s for c in row)
    )


def test_calamine_reader_with_shared_strings_and_its_fallback(tmp_path):
    from kpi.returns import calamine_reader

    bench = _bench()
    data = bench.with_shared_strings(bench.build_return(300))
    fast = calamine_reader.read(data, 10**9)
    _, public = _both(data)
    assert _percent_shape([s.rows for s in fast]) == _percent_shape(public)
    assert calamine_reader.read(b"PK\x03\x04 not a workbook", 10**9) is None  # the careful reader takes over
    assert calamine_reader.read(data, 10) is None  # and refuses oversize plainly
