"""Cells with their Sheet!Cell reference, whatever they were read from (a workbook or a CSV).

Every problem the tool reports names the cell it concerns, so cells carry their place.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from openpyxl.utils import get_column_letter


@dataclass(frozen=True)
class Cell:
    sheet: str
    row: int  # 1-based, as Excel shows it
    col: int  # 1-based
    value: Any
    number_format: str = "General"

    @property
    def ref(self) -> str:
        sheet = self.sheet if self.sheet.replace("_", "").isalnum() else f"'{self.sheet}'"
        return f"{sheet}!{get_column_letter(self.col)}{self.row}"

    @property
    def is_percent_format(self) -> bool:
        return "%" in (self.number_format or "")

    @property
    def text(self) -> str:
        """The value as stripped text ('' for empty), spaces normalised."""
        if self.value is None:
            return ""
        return " ".join(str(self.value).replace("\u00a0", " ").split())

    @property
    def blank(self) -> bool:
        return self.text == ""


Row = list[Cell]


@dataclass(frozen=True)
class Uncalculated:
    """A formula whose result Excel never saved (files written by scripts, not by Excel)."""
    formula: str

    def __str__(self) -> str:
        return self.formula


@dataclass
class Sheet:
    name: str
    rows: list[Row]


def csv_sheet(path: Path, name: str | None = None) -> Sheet:
    """A CSV file as a sheet named after the file, every value text."""
    name = name or path.name
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = [[Cell(name, r, c, (v if v != "" else None)) for c, v in enumerate(line, start=1)]
                for r, line in enumerate(csv.reader(handle), start=1)]
    return Sheet(name, rows)


def header_map(row: Row, aliases: dict[str, str]) -> dict[str, int]:
    """Column index by canonical header name; headers are matched ignoring case and spacing."""
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        key = normalise_header(cell.text)
        if key in aliases and aliases[key] not in found:
            found[aliases[key]] = i
    return found


def normalise_header(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def first_nonblank_row(rows: Iterable[Row]) -> Iterator[tuple[int, Row]]:
    for i, row in enumerate(rows):
        if any(not c.blank for c in row):
            yield i, row
