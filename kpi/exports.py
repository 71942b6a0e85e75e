"""CSV and XLSX exports that are safe to open in Excel.

Text that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
return) gets a leading apostrophe, so an indicator title or a comment like
`=HYPERLINK(...)` is shown, never run. Real numbers, negative ones included, are written
as numbers so totals and charts still work. Every page's download buttons and the board
pack should build their files here.
"""

from __future__ import annotations

import io
import json
import numbers
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters XML (so XLSX) cannot hold; removed before the formula check so that
# removing them can never uncover a leading "=".
_CONTROL = re.compile(r"[\000-\010\013\014\016-\037]")


def safe_text(text: str) -> str:
    """`text` with a leading apostrophe when a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_value(value: Any) -> Any:
    """A cell value for export: numbers, booleans and dates unchanged; text neutralised; missing as None."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Number):
        try:
            return None if pd.isna(value) else value
        except (TypeError, ValueError):
            return value
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if isinstance(value, (datetime, date)):
        return value
    if isinstance(value, (dict, list, tuple)):
        value = json.dumps(value, default=str, ensure_ascii=False)
    return safe_text(_CONTROL.sub("", str(value)))


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell and header neutralised; numeric columns keep their dtype."""
    out = frame.copy()
    out.columns = [safe_value(c) if isinstance(c, str) else c for c in out.columns]
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
            continue
        out[column] = pd.Series([safe_value(v) for v in series], index=series.index, dtype=object)
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel reads accents), formula-safe.

    CRLF line ends, as Excel writes them, also make the csv writer quote any field holding a
    bare carriage return, which would otherwise split a row in two.
    """
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(sheets: pd.DataFrame | Mapping[str, pd.DataFrame], sheet_name: str = "Data") -> bytes:
    """An .xlsx with one sheet per frame; text cells are written as text, never as formulas."""
    from openpyxl import Workbook

    if isinstance(sheets, pd.DataFrame):
        sheets = {sheet_name: sheets}
    book = Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        ws = book.create_sheet(title=re.sub(r"[\\/*?:\[\]]", " ", _CONTROL.sub("", str(name)))[:31] or "Sheet")
        safe = safe_frame(frame)
        ws.append([safe_value(c) for c in safe.columns])
        for row in safe.itertuples(index=False, name=None):
            ws.append([safe_value(v) for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # belt and braces: never a formula cell
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
