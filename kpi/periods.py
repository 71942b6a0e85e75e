"""Period labels -> one canonical Period, so "Sep 12", "Q2 2012-13" and a Sep-12 Excel cell
land on the same row of a trend and sort by when they end.

Officers and DfE files write the same span many ways; everything here keys on the span
(type, start, end), never on the text. Labels that cannot be read raise PeriodError with
a message an officer can act on, because it is shown to them unchanged.
"""

from __future__ import annotations

import calendar
import math
import numbers
import re
from dataclasses import dataclass
from datetime import date

PERIOD_TYPES = ("year", "academic_year", "financial_year", "quarter", "month", "multi_year")

MIN_YEAR, MAX_YEAR = 1900, 2100
# Excel reads two-digit years 30-99 as 19xx, so "Feb 30" is never Feb 2030 there; we
# refuse 30-99 rather than guess (it may also be a day: 30 Feb) and ask for the full year.
TWO_DIGIT_YEAR_CUTOFF = 30

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_WORDS = {m.lower(): i for i, m in enumerate(_MONTHS, 1)}
_MONTH_WORDS.update({calendar.month_name[i].lower(): i for i in range(1, 13)})
_MONTH_WORDS["sept"] = 9

_HOW = "Write a year (2012), an academic year (2012/13), a quarter end (Sep 12) or a financial quarter (Q2 2012-13)."

_Y = r"(\d{4}|\d{2})"
_SPAN = r"(\d{4})\s*(?:/|-|to)\s*(\d{4}|\d{2})"  # 2012/13, 2012 to 2013
_FQ_SPAN = _Y + r"\s*(?:/|-|to)\s*" + _Y  # also Q2 12/13
_RE_YEAR = re.compile(r"(?:summer\s*)?(\d{4})(?:\.0+)?")
_RE_SPAN = re.compile(_SPAN)
_RE_AY_SPAN = re.compile(r"(\d{4})\s*/\s*(\d{2})\s*-\s*(\d{2}|\d{4})\s*/\s*(\d{2}|\d{4})")  # 2013/14-15/16
_RE_FQ = re.compile(r"(?:q|quarter)\s*(\d+)\s+(?:fy\s*)?" + _FQ_SPAN)
_RE_FQ_AFTER = re.compile(r"(?:fy\s*)?" + _FQ_SPAN + r"\s+(?:q|quarter)\s*(\d+)")
_RE_MONTH = re.compile(r"([a-z]+)\.?\s*[-/ ]?\s*'?" + _Y)
_RE_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/" + _Y)
_RE_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_RE_BRACKET = re.compile(r"\s*[(\[]([^)\]]*)[)\]]\s*$")
_RE_FY_MARK = re.compile(r"^(?:fy|financial\s+year)\s*|\s*\bfy$")
_RE_AY_MARK = re.compile(r"^(?:ay|academic\s+year)\s*|\s*\bay$")


class PeriodError(ValueError):
    """A label that is not a period; str(error) is plain English meant for the officer."""


@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date
    type: str
    provisional: bool = False

    @property
    def key(self) -> str:
        """Identity of the span: equivalent labels ("Sep 12", "Q2 2012-13") share it."""
        return f"{self.type}:{self.start.isoformat()}:{self.end.isoformat()}"

    @property
    def display(self) -> str:
        """Canonical UK label, the same whichever way the period was written."""
        if self.type == "year":
            return str(self.start.year)
        if self.type in ("academic_year", "financial_year"):
            return academic_year_label(self.start.year)
        if self.type in ("quarter", "month"):
            return _month_label(self.end)
        if self.start.month == 1:  # calendar span: 2014-16
            return f"{self.start.year}-{self.end.year % 100:02d}"
        return f"{academic_year_label(self.start.year)}-{academic_year_label(self.end.year - 1)[2:]}"


def academic_year_label(start_year: int) -> str:
    """2012 -> "2012/13": the form DfE and officers use for academic and financial years."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def sort_key(p: Period) -> tuple[date, date]:
    """Chronological order by when a period ends (then starts), whatever its type."""
    return (p.end, p.start)


def parse_period(value, *, frequency: str | None = None) -> Period:
    """Read a period label, an Excel year number or an Excel date cell.

    frequency only settles genuinely ambiguous labels: a bare year is the academic year
    ending that summer for academic_year indicators, and "2012/13" is April-March for
    financial_year indicators. Unknown frequencies are treated as None.
    """
    if isinstance(value, bool):  # bool is an int: True is not year 1
        raise PeriodError(f'"{value}" is not a period this tool can read. {_HOW}')
    if isinstance(value, date):  # also datetime, pandas Timestamp
        if value != value:  # pandas NaT
            raise PeriodError(f"The period is blank. {_HOW}")
        return _month_period(_month_label(value), value.year, value.month)
    if isinstance(value, numbers.Number):  # 2012, 2012.0 from Excel, numpy ints
        return _parse_number(value, frequency)
    if isinstance(value, str):
        return _parse_text(value, frequency)
    try:
        blank = value is None or bool(value != value)
    except TypeError:  # pandas NA refuses bool()
        blank = True
    if blank:
        raise PeriodError(f"The period is blank. {_HOW}")
    raise PeriodError(f'"{value}" is not a period this tool can read. {_HOW}')


def _parse_number(value, frequency):
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise PeriodError(f'"{value}" is not a period this tool can read. {_HOW}') from None
    if math.isnan(number):
        raise PeriodError(f"The period is blank. {_HOW}")
    if not number.is_integer():
        raise PeriodError(f'"{value}" is not a period this tool can read: a year is a whole number. {_HOW}')
    year = int(number)
    return _year_period(str(year), year, frequency, False)


def _parse_text(text: str, frequency):
    label = " ".join(re.sub(r"[\u2010-\u2015\u2212]", "-", text).split())  # nbsp, en dash
    if not label:
        raise PeriodError(f"The period is blank. {_HOW}")
    shown = label if len(label) <= 40 else label[:37] + "..."

    def fail(reason: str = ""):
        return PeriodError(f'"{shown}" is not a period this tool can read{": " + reason if reason else ""}. {_HOW}')

    s = label.lower()
    provisional = False
    bracket = _RE_BRACKET.search(s)
    if bracket:  # DfE: (prov), (Rev), (Final), (OT)
        provisional = bracket.group(1).strip() in ("p", "prov", "prov.", "provisional")
        s = s[: bracket.start()].strip()
    kind = None
    for mark, name in ((_RE_FY_MARK, "financial_year"), (_RE_AY_MARK, "academic_year")):
        if mark.search(s):  # an explicit FY/AY beats the frequency
            s, kind = mark.sub("", s).strip(), name
            break
    if kind and _RE_YEAR.fullmatch(s):  # "FY 2012": which of 2011-12, 2012-13?
        raise fail(f"say which two years it spans, e.g. {s}-{(int(s[-4:]) + 1) % 100:02d}")
    kind = kind or ("financial_year" if frequency == "financial_year" else "academic_year")

    def period(type_, start, end):
        for d in (start, end):
            if not MIN_YEAR <= d.year <= MAX_YEAR:
                raise fail(f"years must be between {MIN_YEAR} and {MAX_YEAR}")
        return Period(label, start, end, type_, provisional)

    if m := _RE_YEAR.fullmatch(s):
        return _year_period(label, int(m.group(1)), frequency, provisional)

    if m := _RE_SPAN.fullmatch(s):
        first = int(m.group(1))
        second = _second_year(first, m.group(2))
        if second <= first:
            raise fail("the second year must come after the first")
        if second > first + 1:  # DfE three-year average: 2014-16
            return period("multi_year", date(first, 1, 1), date(second, 12, 31))
        return period(kind, *_year_span(kind, first))

    if m := _RE_AY_SPAN.fullmatch(s):  # 2013/14-15/16: academic years 13/14 to 15/16
        first = int(m.group(1))
        years = [first] + [_second_year(first, g) for g in m.groups()[1:]]
        if years[1] != first + 1 or years[3] != years[2] + 1 or years[2] <= first:
            raise fail("each academic year must run into the next, e.g. 2013/14-15/16")
        return period("multi_year", _year_span(kind, first)[0], _year_span(kind, years[2])[1])

    m = _RE_FQ.fullmatch(s)
    groups = (m.group(1), m.group(2), m.group(3)) if m else None
    if not m and (m := _RE_FQ_AFTER.fullmatch(s)):
        groups = (m.group(3), m.group(1), m.group(2))
    if groups:
        quarter = int(groups[0])
        if not 1 <= quarter <= 4:
            raise fail("a financial year has four quarters, Q1 to Q4")
        first = _full_year(groups[1])
        if first is None:
            raise fail("write the year in full, e.g. Q2 2012-13")
        if _second_year(first, groups[2]) != first + 1:
            raise fail("a financial year runs from one year into the next, e.g. 2012-13")
        month = 3 * quarter + 3  # Q1 ends Jun, Q4 ends Mar (month 15)
        year = first + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return period("quarter", date(year, month - 2, 1), _month_end(year, month))

    if m := _RE_MONTH.fullmatch(s):
        month = _MONTH_WORDS.get(m.group(1))
        year = _full_year(m.group(2))
        if month is None:
            raise fail(f'"{m.group(1)}" is not a month')
        if year is None:
            raise fail(
                f"{m.group(2)} could be a day or a year, so write the year in full, "
                f"e.g. {_MONTHS[month - 1]} 20{m.group(2)}"
            )
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise fail(f"years must be between {MIN_YEAR} and {MAX_YEAR}")
        return _month_period(label, year, month, provisional)

    m = _RE_UK_DATE.fullmatch(s)
    parts = (m.group(3), m.group(2), m.group(1)) if m else None
    if not m and (m := _RE_ISO_DATE.fullmatch(s)):
        parts = m.groups()[:3]
    if parts:
        year = _full_year(parts[0])
        try:
            day = date(year, int(parts[1]), int(parts[2])) if year else None
        except ValueError:
            raise fail("that date does not exist") from None
        if day is None:
            raise fail("write the year in full, e.g. 30/09/2011")
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise fail(f"years must be between {MIN_YEAR} and {MAX_YEAR}")
        return _month_period(label, day.year, day.month, provisional)

    raise fail()


def _full_year(text: str) -> int | None:
    """Two digits mean 20YY ("11" -> 2011); from the cutoff on they are ambiguous: None."""
    if len(text) == 4:
        return int(text)
    return 2000 + int(text) if int(text) < TWO_DIGIT_YEAR_CUTOFF else None


def _second_year(first: int, text: str) -> int:
    """The later year of "2012/13" or "1999/00": two digits continue the first year's century."""
    if len(text) == 4:
        return int(text)
    year = first - first % 100 + int(text)
    return year + 100 if year < first and year + 100 - first <= 5 else year


def _year_span(kind: str, first: int) -> tuple[date, date]:
    if kind == "financial_year":
        return date(first, 4, 1), date(first + 1, 3, 31)
    return date(first, 9, 1), date(first + 1, 8, 31)


def _year_period(label: str, year: int, frequency, provisional: bool) -> Period:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(
            f'"{label}" is not a period this tool can read: years must be between {MIN_YEAR} and {MAX_YEAR}. {_HOW}'
        )
    if frequency == "academic_year":  # results "for 2012" are the 2011/12 cohort
        return Period(label, date(year - 1, 9, 1), date(year, 8, 31), "academic_year", provisional)
    return Period(label, date(year, 1, 1), date(year, 12, 31), "year", provisional)


def _month_period(label: str, year: int, month: int, provisional: bool = False) -> Period:
    """A month; quarter-end months (Mar/Jun/Sep/Dec) stand for the quarter they close."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(
            f'"{label}" is not a period this tool can read: years must be between {MIN_YEAR} and {MAX_YEAR}. {_HOW}'
        )
    if month % 3 == 0:
        return Period(label, date(year, month - 2, 1), _month_end(year, month), "quarter", provisional)
    return Period(label, date(year, month, 1), _month_end(year, month), "month", provisional)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_label(d: date) -> str:
    return f"{_MONTHS[d.month - 1]} {d.year % 100:02d}"
