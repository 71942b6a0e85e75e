"""The trend-table layout officers keep (seed 001 Section F): several small tables on one sheet.

    Percentage of pupils achieving 5+ GCSE ...        <- title: the indicator, by code or title
    AMBER  ↑                                          <- optional headline RAG and arrow
                    Previous Year    Current ...     <- optional merged band row
    Trend Data      2008   2009  ...  /  Sep 11 ...  <- header row of periods
    Actual          50.0%  52.0% ...                  <- labelled rows, matched loosely
    Target / RAG Rating / Stat. N. / Nat. Ave. / Region / Floor (a blank row may come first)

The sheet is read top to bottom as a small state machine. Every non-blank row is either
used, recognised as decoration (RAG word, arrow, band, rule line), or reported as a warning
naming its cell: nothing is dropped silently.
"""

from __future__ import annotations

import re
from datetime import date

from kpi.periods import Period, PeriodError, parse_period
from kpi.rag import normalise_reported
from kpi.returns.cells import Cell, Row, Sheet
from kpi.returns.parsed import IndicatorRow, ObservationRow, Problem, figure_about
from kpi.returns.tidy import IndicatorIndex, norm
from kpi.returns.values import read_number

# Row labels, after dropping case, spaces and punctuation; matched as prefixes, longest first.
_LABELS = (
    ("statisticalneighbour", "sn_average"),
    ("statneighbour", "sn_average"),
    ("statn", "sn_average"),
    ("snaverage", "sn_average"),
    ("snave", "sn_average"),
    ("snavg", "sn_average"),
    ("sn", "sn_average"),
    ("nationalaverage", "national"),
    ("national", "national"),
    ("natave", "national"),
    ("natavg", "national"),
    ("nat", "national"),
    ("england", "national"),
    ("regionalaverage", "region"),
    ("region", "region"),
    ("floor", "floor"),
    ("ragrating", "rag_reported"),
    ("ragstatus", "rag_reported"),
    ("rag", "rag_reported"),
    ("actual", "actual"),
    ("outturn", "actual"),
    ("target", "target"),
)
_EXACT_ONLY = {"sn", "nat", "rag"}  # short labels: exact, or "SN" would swallow "SM..."
_ARROWS = "↑↓↔→←⇧⇩⬆⬇▲▼↗↘⇔"
_RAG_WORD = re.compile(r"^\**\s*(green|amber|red)\s*\**$", re.I)
_TITLE_TAIL = re.compile(r"(?:\s*\**\s*\b(?:green|amber|red)\b\s*\**|\s*[" + _ARROWS + r"])+\s*$", re.I)
_BAND = re.compile(
    r"^(?:(?:previous|current|next|last|this|future)\b.*\b(?:years?|quarters?|period)s?"
    r"|trend data\b.*)$",
    re.I,
)
_RULE = re.compile(r"^[-–—_=\s]+$")
HOW_LABELS = "Actual, Target, RAG Rating, Stat. N., Nat. Ave., Region or Floor"
# A row under a table that counts part of its indicator ("SM" under the schools-in-an-Ofsted-category
# table, as seed 001 keeps it): the words the part's own indicator has in its title.
_PART_ROWS = {
    "sm": "special measures",
    "specialmeasures": "special measures",
    "nti": "notice to improve",
    "ntti": "notice to improve",
    "noticetoimprove": "notice to improve",
}


def measure_of(label: str) -> str | None:
    """The measure a row label names, matched loosely ("Stat. N.", "Statistical neighbours" -> sn_average)."""
    key = norm(label)
    if not key or len(key) > 30:  # a long line of text is a title, even if it starts "National ..."
        return None
    for prefix, measure in _LABELS:
        if key == prefix or (prefix not in _EXACT_ONLY and key.startswith(prefix)):
            return measure
    return None


def _filled(row: Row) -> list[Cell]:
    return [c for c in row if not c.blank]


def _is_decoration(cells: list[Cell]) -> bool:
    """Headline RAG words, arrows, band rows ("Previous Year") and rule lines carry no values."""
    texts = [c.text for c in cells if isinstance(c.value, str)]
    if len(texts) != len(cells):
        return False
    return all(
        _RAG_WORD.match(t) or all(ch in _ARROWS + " " for ch in t) or _BAND.match(t) or _RULE.match(t) for t in texts
    )


def _looks_like_period(cell: Cell) -> bool:
    value = cell.value
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return float(value).is_integer() and 1950 <= value <= 2100
    if isinstance(value, date):
        return True
    try:
        parse_period(cell.text)
        return True
    except PeriodError:
        return False


def _header_cells(cells: list[Cell]) -> list[Cell] | None:
    """The period cells if this row is a header of periods (at least two), else None."""
    if measure_of(cells[0].text):
        return None
    periods = [c for c in cells if _looks_like_period(c)]
    return periods if len(periods) >= 2 else None


def clean_title(text: str) -> str:
    """A title without a headline RAG word or arrow typed after it ("... improve) **RED** ↔")."""
    return _TITLE_TAIL.sub("", text).strip(" *")


def is_trend_sheet(sheet: Sheet) -> bool:
    """True when some header row of periods is followed by a row labelled with a measure."""
    header = False
    for row in sheet.rows:
        cells = _filled(row)
        if not cells:
            continue
        if _header_cells(cells):
            header = True
        elif header and measure_of(cells[0].text):
            return True
    return False


class _Table:
    def __init__(self, title: Cell | None, indicator: IndicatorRow | None):
        self.title, self.indicator = title, indicator
        self.periods: dict[int, tuple[Cell, Period]] = {}  # column -> (header cell, period)


def read_trend_sheet(
    sheet: Sheet, index: IndicatorIndex, home_area: str, problems: list[Problem], warnings: list[Problem]
) -> list[ObservationRow]:
    """Every value of every trend table on the sheet, each with its Sheet!Cell."""
    out: list[ObservationRow] = []
    title: Cell | None = None
    table: _Table | None = None
    for row in sheet.rows:
        cells = _filled(row)
        if not cells or _is_decoration(cells):
            continue
        first = cells[0]
        measure = measure_of(first.text)
        if measure and table is not None:
            _read_values(table, measure, first, cells[1:], home_area, out, problems, warnings)
            continue
        if measure:
            warnings.append(
                Problem(
                    first.ref,
                    f'Row "{first.text}" skipped: it comes before any row of periods.',
                    "Put a row of periods (2012, Sep 12 ...) above it.",
                )
            )
            continue
        header = _header_cells(cells)
        if header:
            table = _start_table(title, header, cells, index, problems)
            title = None
            continue
        if table is not None and any(c.col in table.periods for c in cells[1:]):
            part = _part_table(first, table, index)
            if part is not None:  # its figures are another indicator's actuals, in the same periods
                _read_values(part, "actual", first, cells[1:], home_area, out, problems, warnings)
                continue
            warnings.append(
                Problem(
                    first.ref,
                    f'Row "{first.text}" skipped: it is not a row this tool knows.',
                    f"Label it {HOW_LABELS} to load it, or ignore this warning.",
                )
            )
            continue
        if title is not None:
            warnings.append(Problem(title.ref, f'"{title.text}" skipped: no table of periods follows it.'))
        title, table = first, None
        for extra in cells[1:]:
            if not (_RAG_WORD.match(extra.text) or all(ch in _ARROWS + " " for ch in extra.text)):
                warnings.append(Problem(extra.ref, f'"{extra.text}" beside the title skipped.'))
    if title is not None:
        warnings.append(Problem(title.ref, f'"{title.text}" skipped: no table of periods follows it.'))
    return out


def _part_table(label: Cell, table: _Table, index: IndicatorIndex) -> _Table | None:
    """The table for a row that names a part of the table's indicator (its own indicator by code or title,
    or "SM" for the special-measures indicator), read as that indicator's actuals; None if it names none."""
    if table.indicator is None:
        return None
    found = index.find(label.text)
    words = _PART_ROWS.get(norm(label.text))
    if found is None and words:
        candidates = [
            i
            for i in index.by_key.values()
            if words in i.title.lower() and " or " not in i.title.lower() and i.code != table.indicator.code
        ]
        found = candidates[0] if len({i.code for i in candidates}) == 1 else None
    if found is None or found.code == table.indicator.code:
        return None
    part = _Table(label, found)
    for col, (cell, _) in table.periods.items():
        try:
            part.periods[col] = (
                cell,
                parse_period(cell.value if not isinstance(cell.value, str) else cell.text, frequency=found.frequency),
            )
        except PeriodError:
            continue
    return part


def _start_table(
    title: Cell | None, header: list[Cell], cells: list[Cell], index: IndicatorIndex, problems: list[Problem]
) -> _Table:
    if title is None:
        problems.append(
            Problem(
                header[0].ref,
                "This table of periods has no title naming its indicator.",
                "Put the indicator's code or title in a row above it.",
            )
        )
        return _Table(None, None)
    name = clean_title(title.text)
    indicator = index.find_title(name)
    if indicator is None:
        problems.append(
            Problem(
                title.ref,
                f'"{name}" is not a known indicator.{index.suggest(name)}',
                "Write the indicator's code or title exactly as on the Indicators sheet, "
                "or add the indicator to the Indicators sheet.",
            )
        )
        return _Table(title, None)
    table = _Table(title, indicator)
    label = cells[0] if all(cells[0] is not h for h in header) else None
    for cell in cells:
        if cell is label:
            continue
        try:
            table.periods[cell.col] = (
                cell,
                parse_period(
                    cell.value if not isinstance(cell.value, str) else cell.text, frequency=indicator.frequency
                ),
            )
        except PeriodError as exc:
            problems.append(Problem(cell.ref, str(exc)))
    return table


def _read_values(
    table: _Table,
    measure: str,
    label: Cell,
    cells: list[Cell],
    home_area: str,
    out: list[ObservationRow],
    problems: list[Problem],
    warnings: list[Problem],
) -> None:
    ind = table.indicator
    if ind is None:
        return  # the table's title is already reported as a problem
    for cell in cells:
        if cell.col not in table.periods:
            warnings.append(Problem(cell.ref, f'"{cell.text}" skipped: there is no period above it.'))
            continue
        period = table.periods[cell.col][1]
        value, text, note = None, None, None
        if measure == "rag_reported":
            text = normalise_reported(cell.text)
            if text is None:
                if cell.text.lower() in ("n/a", "na", "-", "x", "not applicable"):
                    continue
                problems.append(
                    Problem(
                        cell.ref,
                        f'"{cell.text}" is not a RAG rating.',
                        "Write Green, Amber or Red.",
                        figure_about(ind.code, period, measure),
                    )
                )
                continue
        else:
            read = read_number(cell, ind.unit)
            if read.error:
                problems.append(Problem(cell.ref, read.error, read.fix, figure_about(ind.code, period, measure)))
                continue
            value, note = read.value, read.note
        out.append(ObservationRow(ind.code, period, measure, value, text, ind.area or home_area, None, note, cell.ref))
