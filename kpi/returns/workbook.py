"""An .xlsx file -> sheets of Cells (value as Excel last saved it, number format, Sheet!Cell).

The guard runs first, so openpyxl only ever sees a plain workbook of bounded size. The
workbook is read once, read-only; it is opened a second time (for formula text) only
when the guard saw formulas, to find the ones whose result Excel never saved.
"""

from __future__ import annotations

import io
import warnings

from kpi.returns import calamine_reader
from kpi.returns.cells import Cell, Sheet, Uncalculated
from kpi.returns.guard import (
    SPREAD_FLOOR,
    SPREAD_PER_VALUE,
    ReturnRejected,
    check_extents,
    check_upload,
)

MAX_CELLS = 3_000_000  # including the blanks openpyxl fills in; a return has far fewer


def _open(data: bytes, data_only: bool):
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about data validation, styles, etc.
            return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds on damaged XML (XMLSyntaxError, KeyError ...)
        raise ReturnRejected(
            "This workbook is damaged or not a plain Excel workbook, so it cannot be read. "
            "Open it in Excel, save it as 'Excel Workbook (*.xlsx)' and upload it again."
        ) from exc


def _rows(ws, budget: list[int]):
    """Non-blank rows as (row number, cells); each row's list is indexed by column - 1."""
    ws.reset_dimensions()  # never trust a declared <dimension>: it may claim a million rows
    for cells in ws.iter_rows():
        budget[0] -= len(cells)
        if budget[0] < 0:
            raise ReturnRejected(
                f"The workbook has more than {MAX_CELLS:,} cells; a return is far smaller. "
                "Delete unused rows and columns, or split it into several files."
            )
        row_no = next((c.row for c in cells if c.value is not None), None)
        if row_no is not None:
            yield row_no, cells


def _format(cell) -> str:
    """Number formats matter only for numbers and dates (60.5% stored as 0.605); skip the lookup otherwise."""
    value = cell.value
    if value is None or isinstance(value, str):
        return "General"
    return cell.number_format or "General"


class _Unusual(Exception):
    """The sheet XML is not in the plain shape Excel writes; read it through openpyxl instead."""


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _VALUE, _INLINE, _TEXT, _RUN = (_MAIN + t for t in ("row", "v", "is", "t", "r"))
_COLUMNS: dict[str, int] = {}


def _split_ref(ref: str) -> tuple[int, int]:
    """ "AB12" -> (12, 28); column letters are cached, there are only a few in a return."""
    letters = ref.rstrip("0123456789")
    col = _COLUMNS.get(letters)
    if col is None:
        if not letters.isalpha() or len(letters) > 3 or len(letters) == len(ref):
            raise _Unusual(ref)
        col = 0
        for ch in letters.upper():
            col = col * 26 + ord(ch) - 64
        _COLUMNS[letters] = col
    digits = ref[len(letters) :]
    if not digits:
        raise _Unusual(ref)
    return int(digits), col


def _lean_rows(book, ws, budget: list[int]):
    """Rows straight from the sheet XML: openpyxl builds a dict and a cell object for every cell,
    which costs more than parsing the XML itself. Same values and number formats as iter_rows();
    anything unusual (cells without references, namespaced tags) raises _Unusual."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    styles, custom = book._cell_styles, book._number_formats
    dates, durations = book._date_formats, book._timedelta_formats
    shared, epoch = ws._shared_strings, book.epoch
    formats: dict[int, str] = {0: "General"}

    def number_format(style_id: int) -> str:
        if style_id not in formats:
            fmt_id = styles[style_id].numFmtId
            formats[style_id] = (
                BUILTIN_FORMATS.get(fmt_id, "General")
                if fmt_id < BUILTIN_FORMATS_MAX_SIZE
                else custom[fmt_id - BUILTIN_FORMATS_MAX_SIZE]
            )
        return formats[style_id]

    title = ws.title
    element = None
    with ws._get_source() as src:
        for _, element in iterparse(src):
            if element.tag != _ROW:
                continue
            row: list = []
            r = 0
            for c in element:
                ref = c.get("r")
                if ref is None:
                    raise _Unusual("cell without a reference")
                r, col = _split_ref(ref)
                kind = c.get("t", "n")
                style = int(c.get("s") or 0)
                if kind == "inlineStr":
                    inline = c.find(_INLINE)
                    value = (
                        None
                        if inline is None
                        else "".join(
                            (part.text or "") if part.tag == _TEXT else (part.findtext(_TEXT) or "")
                            for part in inline
                            if part.tag in (_TEXT, _RUN)
                        )
                    )
                else:
                    value = c.findtext(_VALUE) or None
                    if value is None:
                        pass
                    elif kind == "n":
                        value = float(value) if ("." in value or "E" in value or "e" in value) else int(value)
                        if style in dates:
                            value = from_excel(value, epoch, timedelta=style in durations)
                    elif kind == "s":
                        value = shared[int(value)]
                    elif kind == "b":
                        value = bool(int(value))
                    elif kind == "d":
                        value = from_ISO8601(value)
                    # "str" (a formula's text result) and "e" (#N/A ...) stay as written
                if value is None:
                    continue
                while len(row) < col - 1:
                    row.append(None)
                fmt = "General" if isinstance(value, str) else number_format(style)
                cell = Cell(title, r, col, value, fmt)
                if len(row) == col - 1:
                    row.append(cell)
                else:
                    row[col - 1] = cell
            element.clear()
            if not row:
                continue
            budget[0] -= len(row)
            if budget[0] < 0:
                raise ReturnRejected(
                    f"The workbook has more than {MAX_CELLS:,} cells; a return is far smaller. "
                    "Delete unused rows and columns, or split it into several files."
                )
            yield [cell or Cell(title, r, c, None) for c, cell in enumerate(row, start=1)]
    if element is not None and element.tag != _MAIN + "worksheet":
        raise _Unusual("not a transitional SpreadsheetML worksheet")  # e.g. Strict OOXML: other namespace


def _read_sheet(book, ws, budget: list[int]) -> Sheet:
    try:
        return Sheet(ws.title, list(_lean_rows(book, ws, budget)))
    except ReturnRejected:
        raise
    except (_Unusual, AttributeError, ImportError, TypeError):  # odd XML, or openpyxl internals moved
        title = ws.title
        return Sheet(
            title,
            [
                [Cell(title, r, c, cell.value, _format(cell)) for c, cell in enumerate(cells, start=1)]
                for r, cells in _rows(ws, budget)
            ],
        )


def workbook_sheets(data: bytes) -> list[Sheet]:
    """Every worksheet as cells with values (cached results of formulas) and number formats.

    Raises ReturnRejected, in plain words, for anything that is not a readable, non-empty .xlsx.
    """
    check = check_upload(data)
    check_extents(check.extents or {}, lambda: calamine_reader.sheet_parts(data))
    # calamine fills the whole rectangle from A1 to the last cell, so it reads only compact sheets;
    # the lean reader's cost is each row's own width, which the guard has bounded.
    compact = all(e.area <= max(SPREAD_FLOOR, SPREAD_PER_VALUE * e.values) for e in (check.extents or {}).values())
    if not check.has_formulas and compact:
        sheets = calamine_reader.read(data, MAX_CELLS)
        if sheets is not None and any(sheet.rows for sheet in sheets):
            return sheets
    book = _open(data, data_only=True)
    sheets, budget = [], [MAX_CELLS]
    try:
        for ws in book.worksheets:
            sheets.append(_read_sheet(book, ws, budget))
    except ReturnRejected:
        raise
    except Exception as exc:  # damaged sheet XML: a plain message, never a traceback
        raise ReturnRejected(
            "Part of this workbook cannot be read. Open it in Excel, save it as "
            "'Excel Workbook (*.xlsx)' and upload it again."
        ) from exc
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
        _mark(book, sheets)
    except ReturnRejected:
        raise
    except Exception as exc:
        raise ReturnRejected(
            "Part of this workbook cannot be read. Open it in Excel, save it as "
            "'Excel Workbook (*.xlsx)' and upload it again."
        ) from exc
    finally:
        book.close()


def _mark(book, sheets: list[Sheet]) -> None:
    """Formulas (read with data_only=False) whose cell came back empty in the values read."""
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
                        sheet.uncalculated.append(row[c - 1])
        if added:
            sheet.rows = sorted(sheet.rows + added, key=lambda row: row[0].row)
