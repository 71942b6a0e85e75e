"""An .xlsx file -> sheets of Cells (value as Excel last saved it, number format, Sheet!Cell).

The guard runs first, so openpyxl only ever sees a plain workbook of bounded size. The
workbook is read once, read-only; it is opened a second time (for formula text) only
when the guard saw formulas, to find the ones whose result Excel never saved.
"""
from __future__ import annotations

import io
import warnings
import zipfile

from kpi.returns.cells import Cell, Sheet, Uncalculated
from kpi.returns.guard import ReturnRejected, check_upload

MAX_CELLS = 3_000_000   # including the blanks openpyxl fills in; a return has far fewer


def _open(data: bytes, data_only: bool):
    from openpyxl import load_workbook
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # openpyxl warns about data validation, styles, etc.
            return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, AttributeError, IndexError) as exc:
        raise ReturnRejected("This workbook is damaged or not a plain Excel workbook, so it cannot be read. "
                             "Open it in Excel, save it as 'Excel Workbook (*.xlsx)' and upload it again.") from exc


def _rows(ws, budget: list[int]):
    """Non-blank rows as (row number, cells); each row's list is indexed by column - 1."""
    ws.reset_dimensions()             # never trust a declared <dimension>: it may claim a million rows
    for cells in ws.iter_rows():
        budget[0] -= len(cells)
        if budget[0] < 0:
            raise ReturnRejected(f"The workbook has more than {MAX_CELLS:,} cells; a return is far smaller. "
                                 "Delete unused rows and columns, or split it into several files.")
        row_no = next((c.row for c in cells if c.value is not None), None)
        if row_no is not None:
            yield row_no, cells


def workbook_sheets(data: bytes) -> list[Sheet]:
    """Every worksheet as cells with values (cached results of formulas) and number formats.

    Raises ReturnRejected, in plain words, for anything that is not a readable, non-empty .xlsx.
    """
    check = check_upload(data)
    book = _open(data, data_only=True)
    sheets, budget = [], [MAX_CELLS]
    try:
        for ws in book.worksheets:
            title = ws.title
            rows = [[Cell(title, r, c, cell.value, cell.number_format if cell.value is not None else "General")
                     for c, cell in enumerate(cells, start=1)]
                    for r, cells in _rows(ws, budget)]
            sheets.append(Sheet(title, rows))
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise ReturnRejected("Part of this workbook cannot be read. Open it in Excel, save it as "
                             "'Excel Workbook (*.xlsx)' and upload it again.") from exc
    finally:
        book.close()
    if check.has_formulas:
        _mark_uncalculated(data, sheets)
    if not any(sheet.rows for sheet in sheets):
        raise ReturnRejected("The workbook is empty: none of its sheets holds anything.")
    return sheets


def _mark_uncalculated(data: bytes, sheets: list[Sheet]) -> None:
    """Replace empty cells that hold a formula with Uncalculated, so they are reported, not read as blank."""
    book = _open(data, data_only=False)
    try:
        by_name = {s.name: s for s in sheets}
        for ws in book.worksheets:
            sheet = by_name[ws.title]
            index = {row[0].row: row for row in sheet.rows if row}
            added = []
            for r, cells in _rows(ws, [MAX_CELLS]):
                for c, cell in enumerate(cells, start=1):
                    if isinstance(cell.value, str) and cell.value.startswith("="):
                        row = index.get(r)
                        if row is None:
                            row = index[r] = []
                            added.append(row)
                        while len(row) < c:
                            row.append(Cell(ws.title, r, len(row) + 1, None))
                        if row[c - 1].value is None:
                            row[c - 1] = Cell(ws.title, r, c, Uncalculated(cell.value), row[c - 1].number_format)
            if added:
                sheet.rows = sorted(sheet.rows + added, key=lambda row: row[0].row)
    finally:
        book.close()
