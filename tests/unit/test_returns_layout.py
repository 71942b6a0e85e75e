"""The user never says which layout a return is in: the reader works it out, sheet by sheet."""

from __future__ import annotations

import io

from openpyxl import Workbook

from kpi.returns import build_template, read_workbook
from tests.fixtures.build_fixtures import tidy_workbook, trend_workbook


def _with_extra_sheet(path, rows):
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book.create_sheet("Contacts")
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_each_layout_is_recognised(store, tmp_path):
    tidy = tidy_workbook(tmp_path, [("KS4-5AC-EM", 2013, "actual", 61)]).read_bytes()
    assert read_workbook(tidy, store).layout == "tidy"
    assert read_workbook(trend_workbook(tmp_path).read_bytes(), store).layout == "trend_table"
    assert read_workbook(build_template(store), store).layout == "template"


def test_a_sheet_in_no_known_layout_is_a_warning_not_silence(store, tmp_path):
    data = _with_extra_sheet(
        tidy_workbook(tmp_path, [("KS4-5AC-EM", 2013, "actual", 61)]), [["Name", "Phone"], ["Olivia", "01622 000000"]]
    )
    parsed = read_workbook(data, store)
    assert parsed.ok and [w.where for w in parsed.warnings] == ["Contacts!A1"]


def test_a_workbook_with_nothing_readable_is_a_problem(store):
    book = Workbook()
    book.active.append(["Name", "Phone"])
    out = io.BytesIO()
    book.save(out)
    parsed = read_workbook(out.getvalue(), store)
    assert not parsed.ok and "no sheet this tool can read" in parsed.problems[0].message
