"""Reading a plain workbook quickly: values from calamine (a Rust reader), percent formats from the XML.

openpyxl builds a Python object per cell and parses the XML in Python; calamine reads the same
file about ten times faster. It gives values as Excel saved them but not number formats, and the
one format a return depends on is a percentage (0.605 shown as 60.5%), so the cells styled as
percentages are found from styles.xml and the sheet XML directly. Only used for workbooks without
formulas (the guard says so); anything unusual returns None and the openpyxl reader takes over.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from xml.etree.ElementTree import fromstring

from kpi.returns.cells import Cell, Sheet

PERCENT = "0%"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)/?>")
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_STYLE = re.compile(rb'\bs="(\d+)"')
_BUILTIN_PERCENT = {9, 10}


class _Unusual(Exception):
    """Not the plain shape Excel writes; let openpyxl read it."""


def _percent_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell styles (cellXfs) whose number format shows a percentage."""
    try:
        root = fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return set()
    custom = {int(f.get("numFmtId")): f.get("formatCode") or "" for f in root.iter(_MAIN + "numFmt")}
    xfs = root.find(_MAIN + "cellXfs")
    percent = set()
    for index, xf in enumerate(xfs if xfs is not None else []):
        fmt = int(xf.get("numFmtId") or 0)
        if fmt in _BUILTIN_PERCENT or "%" in custom.get(fmt, "").replace('"%"', ""):
            percent.add(index)
    return percent


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name -> its XML part, from the workbook and its relationships."""
    book = fromstring(archive.read("xl/workbook.xml"))
    rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(_PKG_REL + "Relationship")}
    paths = {}
    for sheet in book.iter(_MAIN + "sheet"):
        target = targets.get(sheet.get(_REL + "id"), "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        paths[sheet.get("name")] = target
    return paths


def sheet_parts(data: bytes) -> dict[str, str]:
    """Worksheet XML part -> sheet name (for naming a sheet in a message)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {part: name for name, part in _sheet_paths(archive).items()}


def _column(letters: bytes) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + ch - 64
    return col


def _percent_cells(archive: zipfile.ZipFile, path: str, styles: set[int]) -> set[tuple[int, int]]:
    """(row, col) of every cell in a sheet styled as a percentage."""
    found = set()
    for match in _CELL.finditer(archive.read(path)):
        attrs = match.group(1)
        style = _STYLE.search(attrs)
        if style and int(style.group(1)) in styles:
            ref = _REF.search(attrs)
            if ref is None:
                raise _Unusual("a cell without a reference")
            found.add((int(ref.group(2)), _column(ref.group(1))))
    return found


def _value(value):
    """calamine's values as openpyxl gives them: None for empty, whole numbers as int, dates as datetime."""
    if value == "" or value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def read(data: bytes, max_cells: int) -> list[Sheet] | None:
    """Every worksheet as Cells, or None when calamine is missing or the file is not plain."""
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum
    except ImportError:
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        styles = _percent_styles(archive)
        paths = _sheet_paths(archive) if styles else {}
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets, budget = [], max_cells
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            name = meta.name
            percent = _percent_cells(archive, paths[name], styles) if styles else set()
            grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            rows = []
            for r, values in enumerate(grid, start=1):
                # strings and fractional numbers, the bulk of a return, need no conversion
                cells = [v if v.__class__ is str and v else None if v == "" else _value(v) for v in values]
                while cells and cells[-1] is None:
                    cells.pop()
                if not cells:
                    continue
                budget -= len(cells)
                if budget < 0:
                    return None  # the openpyxl reader refuses it with the plain message
                if percent:
                    rows.append(
                        [
                            Cell(name, r, c, v, PERCENT if v is not None and (r, c) in percent else "General")
                            for c, v in enumerate(cells, start=1)
                        ]
                    )
                else:
                    rows.append([Cell(name, r, c, v) for c, v in enumerate(cells, start=1)])
            sheets.append(Sheet(name, rows))
        return sheets
    except Exception:  # calamine's own errors, odd XML, missing parts: the careful reader decides
        return None
