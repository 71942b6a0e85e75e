"""Reading one value cell: numbers, percent-formatted fractions, '60.5%', missing-value markers."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from kpi.returns.cells import Cell

# Markers officers and DfE use for "no figure"; the text is kept as the value's note.
MISSING_MARKERS = {
    "-",
    "–",
    "—",
    "n/a",
    "na",
    "n.a.",
    "x",
    "c",
    "z",
    ":",
    "..",
    "not applicable",
    "not available",
    "nil",
    "none",
    "tbc",
    "no data",
    "not yet available",
    "suppressed",
}
_MISSING_PREFIXES = ("not available", "not applicable", "available from", "due ", "awaiting")
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")


@dataclass(frozen=True)
class CellValue:
    value: float | None
    note: str | None = None
    error: str | None = None
    fix: str = ""


def is_missing_marker(text: str) -> bool:
    low = text.strip().lower()
    return low in MISSING_MARKERS or low.startswith(_MISSING_PREFIXES)


def read_number(cell: Cell, unit: str) -> CellValue:
    """The cell's number in the indicator's units, or a missing value with its note, or an error."""
    raw = cell.value
    if isinstance(raw, bool):
        return CellValue(None, error=f'"{cell.text}" is not a number.', fix="Enter a number.")
    if isinstance(raw, (int, float)):
        number = float(raw)
        if cell.is_percent_format and unit in ("%", "pp"):
            number *= 100  # Excel stores 60.5% as 0.605
        return _checked(round(number, 10), unit, cell)
    text = cell.text
    if text == "":
        return CellValue(None)
    if is_missing_marker(text):
        return CellValue(None, note=text)
    cleaned = text.replace("£", "").replace(" ", "")
    percent = cleaned.endswith("%")
    cleaned = cleaned.rstrip("%")
    if cleaned.lower().endswith("pp"):
        cleaned = cleaned[:-2]
    if not _NUMBER.match(cleaned) or cleaned in ("", "+", "-", "."):
        return CellValue(
            None,
            error=f'"{text}" is not a number.',
            fix="Enter a number such as 60.5, or leave it blank or write n/a if there is no figure.",
        )
    number = float(cleaned.replace(",", ""))
    if percent and unit not in ("%", "pp"):
        return CellValue(
            None,
            error=f'"{text}" is a percentage but this indicator is measured as {unit}.',
            fix="Enter the value without a % sign, or correct the indicator's unit.",
        )
    return _checked(number, unit, cell)


def _checked(number: float, unit: str, cell: Cell) -> CellValue:
    if not math.isfinite(number):
        return CellValue(
            None,
            error=f'"{cell.text}" is not a number that can be stored.',
            fix="Enter a number such as 60.5, or leave it blank or write n/a if there is no figure.",
        )
    if unit == "%" and not 0 <= number <= 100:
        return CellValue(
            None,
            error=f"{number:g}% is outside 0–100.",
            fix="Percentages are written as 60.5 or 60.5%; check the figure.",
        )
    return CellValue(number)
