"""Cells with their Sheet!Cell reference, whatever they were read from (a workbook or a CSV).

Every problem the tool reports names the cell it concerns, so cells carry their place.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter


@lru_cache(maxsize=256)
def _quoted(sheet: str) -> str:
    """A sheet name as Excel writes it in a reference: quoted unless plain letters and digits."""
    return sheet if sheet.replace("_", "").isalnum() else f"'{sheet}'"


@dataclass(slots=True)
class Cell:
    """One cell. Slotted and with its text computed once: a return has tens of thousands of them."""

    sheet: str
    row: int  # 1-based, as Excel shows it
    col: int  # 1-based
    value: Any
    number_format: str = "General"
    _text: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def ref(self) -> str:
        return f"{_quoted(self.sheet)}!{get_column_letter(self.col)}{self.row}"

    @property
    def is_percent_format(self) -> bool:
        return "%" in (self.number_format or "")

    @property
    def text(self) -> str:
        """The value as stripped text ('' for empty), spaces normalised."""
        if self._text is None:
            value = self.value
            if value is None:
                self._text = ""
            elif isinstance(value, str):
                self._text = " ".join(value.replace("\u00a0", " ").split())
            else:
                self._text = str(value)
        return self._text

    @property
    def blank(self) -> bool:
        return self.value is None or self.text == ""


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
    uncalculated: list[Cell] = field(default_factory=list)  # formulas Excel never computed


def csv_sheet(path: Path, name: str | None = None) -> Sheet:
    """A CSV file as a sheet named after the file, every value text."""
    name = name or path.name
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = [
            [Cell(name, r, c, (v if v != "" else None)) for c, v in enumerate(line, start=1)]
            for r, line in enumerate(csv.reader(handle), start=1)
        ]
    return Sheet(name, rows)


def header_map(row: Row, aliases: dict[str, str]) -> dict[str, int]:
    """Column index by canonical header name; headers are matched ignoring case and spacing."""
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        key = normalise_header(cell.text)
        if key in aliases and aliases[key] not in found:
            found[aliases[key]] = i
    return found


@lru_cache(maxsize=8192)
def normalise_header(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())
