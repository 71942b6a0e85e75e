"""Shared fixtures: a demo database built once per session and copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DFE = SHARED / "data" / "dfe"


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory) -> Path:
    from kpi.demo import build_demo
    from kpi.store import Store

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    store = Store(path)
    build_demo(store, school_links=False)  # the published plan's own figures; school-linked tests link them
    store.close()
    return path


@pytest.fixture
def linked_demo_db(demo_db) -> Path:
    """The demo as the product ships it: Kent's school-based indicators computed from the built-in snapshot."""
    from kpi.demo import load_school_demo
    from kpi.store import Store

    store = Store(demo_db)
    load_school_demo(store)
    store.close()
    return demo_db


@pytest.fixture
def demo_db(demo_db_template, tmp_path) -> Path:
    """A fresh copy of the demo database for one test."""
    path = tmp_path / "kpi.duckdb"
    shutil.copy(demo_db_template, path)
    return path


@pytest.fixture
def demo_store(demo_db):
    from kpi.store import Store

    store = Store(demo_db)
    yield store
    store.close()


def with_a_jump(rows, values=(60, 61, 60, 61, 60, 61, 60, 70)):
    """One indicator's rows remade as eight yearly actuals (2000-2007) whose last jumps above the rest: a
    special cause and a forecast. Only actuals: no target or comparators."""
    import pandas as pd

    steady = rows.head(1).to_dict("records")[0]
    return pd.DataFrame(
        [
            steady
            | {
                "period": str(2000 + i),
                "end_date": pd.Timestamp(f"{2000 + i}-08-31"),
                "actual": v,
                "target": None,
                "sn_average": None,
                "national": None,
            }
            for i, v in enumerate(values)
        ]
    )


def tidy_workbook(rows, indicators=None) -> bytes:
    """A small return in the tidy layout: an Indicators sheet and a Data sheet."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Indicators"
    sheet.append(["Code", "Title", "Priority", "Polarity", "Unit", "Frequency"])
    for ind in indicators or []:
        sheet.append(ind)
    data = book.create_sheet("Data")
    data.append(["Indicator", "Period", "Measure", "Value"])
    for row in rows:
        data.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
