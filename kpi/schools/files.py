"""Reading one school file as published into a DuckDB table of text, with its file row numbers.

CSV files are read by DuckDB itself (every column as text); Excel files (the performance
tables' spine) by calamine. Either way the result is the temp table `school_raw`: the columns
the file's shape uses, under the names the SQL uses, plus `_row`, the row number a person sees
in a spreadsheet. Rows with nothing in them (the blank rows at the end of many downloads) are
dropped here, on purpose.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

import pandas as pd

from kpi.dfe import _encoding
from kpi.errors import UserError
from kpi.schools.shapes import Shape, expected_columns, recognise

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}


class SchoolImportError(UserError):
    """A school file that cannot be imported; the message names the file, row and column and says how to fix it."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]


@dataclass
class SchoolFile:
    name: str  # the file's name as the user gave it (never a path on screen)
    data: bytes
    shape: Shape | None = None
    columns: dict[str, str] | None = None
    _rows: list | None = None  # an Excel file's rows, read once

    def excel_rows(self) -> list[list]:
        if self._rows is None:
            self._rows = _excel_rows(self.data)
        return self._rows

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def is_excel(self) -> bool:
        return self.data[:4] == b"PK\x03\x04"


def from_path(path) -> SchoolFile:
    path = Path(path)
    try:
        return SchoolFile(path.name, path.read_bytes())
    except OSError:
        raise SchoolImportError(
            f"{path.name}: the file cannot be read. Check its name and that you may open it."
        ) from None


def _excel_rows(data: bytes) -> list[list]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return book.get_sheet_by_index(0).to_python(skip_empty_area=False)


def _text(value) -> str | None:
    if value is None or value == "":
        return None
    if type(value) is str:
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _csv_headers(data: bytes) -> list[str]:
    try:
        text = data[:65536].decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data[:65536].decode("latin-1")
    try:
        return next(csv.reader(io.StringIO(text)), [])
    except csv.Error:
        return []


def recognised(file: SchoolFile) -> SchoolFile:
    """The file with its shape, or SchoolImportError saying which columns each known shape expects."""
    if file.is_excel:
        try:
            rows = file.excel_rows()
        except Exception:
            raise SchoolImportError(
                f"{file.name}: the workbook cannot be read; save it again as .xlsx or .csv."
            ) from None
        headers = next(
            ([_text(c) or "" for c in r] for r in rows[:20] if any(_text(c) == "URN" for c in r)),
            [_text(c) or "" for c in rows[0]] if rows else [],
        )
    elif b"\x00" in file.data[:4096]:
        raise SchoolImportError(f"{file.name}: this is not a CSV or Excel file. Download the file again as CSV.")
    else:
        headers = _csv_headers(file.data)
    found = recognise(headers)
    if found is None:
        raise SchoolImportError(
            f"{file.name}: none of the school files this import knows. Expected the columns of {expected_columns()}."
        )
    file.shape, file.columns = found
    return file


def _rename(columns: dict[str, str], shape: Shape) -> str:
    """The select list: each column the shape uses, by the name the SQL uses; absent optional ones as NULL."""
    quote = lambda name: '"' + name.replace('"', '""') + '"'
    parts = [
        f"{quote(columns[n])}::VARCHAR AS {quote(n)}" if n in columns else f"NULL::VARCHAR AS {quote(n)}"
        for n in shape.required + shape.optional
    ]
    return ", ".join(parts)


# Whether a CSV row holds anything: its first non-empty field, unless that is only spaces, when the whole row is
# joined to look (half the time of joining every row: a wide file's rows are mostly filled from the first column).
_ANYTHING = "CASE WHEN trim(coalesce(*COLUMNS(*))) <> '' THEN 'x' ELSE concat_ws('', *COLUMNS(*)) END"


def load_raw(cur, file: SchoolFile, scratch: Path) -> int:
    """Create temp table school_raw from the file; returns its number of non-blank rows.

    One pass: the columns the shape uses are selected as the file is read, beside a row number and a test
    of whether anything at all is in the row (so a row with text only in columns the import does not use is
    still refused for its missing URN, not silently dropped).
    """
    select = _rename(file.columns, file.shape)
    cur.execute("DROP TABLE IF EXISTS school_raw")
    keep = "WHERE trim(coalesce(_all, '')) <> ''"
    if file.is_excel:
        rows = file.excel_rows()
        start = next((i for i, r in enumerate(rows[:20]) if any(_text(c) == "URN" for c in r)), 0)
        header = [_text(c) or f"column {i + 1}" for i, c in enumerate(rows[start])]
        used = sorted({header.index(h) for h in file.columns.values()})
        body = rows[start + 1 :]
        frame = pd.DataFrame({header[i]: [_text(r[i]) if i < len(r) else None for r in body] for i in used})
        frame.insert(0, "__row", range(start + 2, start + 2 + len(frame)))
        frame["_all"] = ["x" if any(c is not None and c != "" for c in r) else None for r in body]
        file._rows = None
        cur.register("school_frame", frame)
        cur.execute(f"CREATE TEMP TABLE school_raw AS SELECT __row AS _row, {select} FROM school_frame {keep}")
        cur.unregister("school_frame")
    else:
        path = scratch / "upload.csv"
        path.write_bytes(file.data)
        encoding = _encoding(path)
        try:
            cur.execute(
                f"CREATE TEMP TABLE school_raw AS SELECT __row AS _row, {select} FROM ("
                "SELECT row_number() OVER () + 1 AS __row, *, " + _ANYTHING + " AS _all FROM "
                "read_csv($path, all_varchar = true, header = true, delim = ',', quote = '\"', "
                f"null_padding = true, strict_mode = false, encoding = $encoding)) {keep}",
                {"path": str(path), "encoding": "latin-1" if encoding != "utf-8" else "utf-8"},
            )
        except Exception as exc:
            raise SchoolImportError(
                f"{file.name}: the file cannot be read as CSV ({str(exc).splitlines()[0]})."
            ) from None
    return cur.execute("SELECT count(*) FROM school_raw").fetchall()[0][0]


def edition_of(name: str) -> date | None:
    """The date a file describes, from its name as published: "as_at_31_August_2025", "2026-03", "2017-18", "ks2_2016"."""
    text = name.lower().replace("_", " ").replace("-", " ")
    match = re.search(r"as at (\d{1,2}) ([a-z]+) (\d{4})", text)
    if match and match.group(2) in MONTHS:
        return date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
    match = re.search(r"(?<!\d)(?:19|20)\d\d[-_ ]((?:19|20)\d\d)(?!\d)", name)
    if match:  # 2005-2020: a span, as at its end
        return date(int(match.group(1)), 8, 31)
    match = re.search(r"(20\d\d)[ _-](\d\d)(?!\d)", name.replace("_", "-"))
    if match:
        first, second = int(match.group(1)), int(match.group(2))
        if second == (first + 1) % 100:  # 2017-18: the academic year, ending 31 August
            return date(first + 1, 8, 31)
        if 1 <= second <= 12:  # 2026-03: that month's end
            return date(first, second, calendar.monthrange(first, second)[1])
    match = re.search(r"(?<!\d)(20\d\d)(?!\d)", name)
    if match:
        return date(int(match.group(1)), 8, 31)
    return None


def results_year_of(name: str) -> int | None:
    """The results year a GIAS extract's name gives ("..._with_ks4_2023-24" is 2024), else None."""
    match = re.search(r"ks4[ _-]?(20\d\d)[-_/](\d\d)", name.lower())
    return int(match.group(1)) + 1 if match else None
