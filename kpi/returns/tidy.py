"""The tidy layout: an Indicators sheet and data sheets of Indicator, Period, Measure, Value rows.

The demo's CSV files use the same layout, so the demo is loaded by the code that loads returns.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache

from kpi.model import MEASURES, STATUSES
from kpi.periods import PeriodError, parse_period
from kpi.positions import parse_position
from kpi.rag import normalise_reported
from kpi.returns.cells import Cell, Sheet, header_map, normalise_header
from kpi.returns.parsed import IndicatorRow, ObservationRow, Problem, figure_about
from kpi.returns.values import read_number

INDICATOR_HEADERS = {
    "code": "code",
    "indicatorcode": "code",
    "title": "title",
    "indicator": "title",
    "name": "title",
    "priority": "priority",
    "prioritycode": "priority",
    "workstream": "priority",
    "polarity": "polarity",
    "unit": "unit",
    "units": "unit",
    "frequency": "frequency",
    "tolerance": "tolerance",
    "ragtolerance": "tolerance",
    "amberband": "tolerance",
    "floor": "floor",
    "decimals": "decimals",
    "decimalplaces": "decimals",
    "dps": "decimals",
    "owner": "owner",
    "plan": "plan",
    "description": "description",
    "definition": "description",
    "source": "source",
    "dfemeasure": "dfe_measure",
}
REQUIRED_INDICATOR = ("code", "title", "priority", "polarity", "unit", "frequency")

DATA_HEADERS = {
    "indicator": "indicator",
    "indicatorcode": "indicator",
    "code": "indicator",
    "period": "period",
    "measure": "measure",
    "value": "value",
    "area": "area",
    "areacode": "area",
    "status": "status",
    "note": "note",
    "notes": "note",
    "comment": "note",
}
REQUIRED_DATA = ("indicator", "period", "measure", "value")

POLARITY_ALIASES = {
    "higher": "higher",
    "high": "higher",
    "up": "higher",
    "higherisbetter": "higher",
    "highisgood": "higher",
    "lower": "lower",
    "low": "lower",
    "down": "lower",
    "lowerisbetter": "lower",
    "lowisgood": "lower",
    "none": "none",
    "neutral": "none",
    "nopolarity": "none",
}
UNIT_ALIASES = {
    "%": "%",
    "percent": "%",
    "percentage": "%",
    "pct": "%",
    "pp": "pp",
    "ppts": "pp",
    "percentagepoints": "pp",
    "percentagepoint": "pp",
    "count": "count",
    "number": "count",
    "no": "count",
    "n": "count",
    "rate": "rate",
    "score": "score",
    "points": "score",
    "grade": "grade",
    "days": "days",
    "£": "£",
    "gbp": "£",
    "pounds": "£",
}
FREQUENCY_ALIASES = {
    "annual": "annual",
    "annually": "annual",
    "yearly": "annual",
    "year": "annual",
    "calendaryear": "annual",
    "academicyear": "academic_year",
    "academic": "academic_year",
    "financialyear": "financial_year",
    "financial": "financial_year",
    "quarterly": "quarterly",
    "quarter": "quarterly",
    "financialquarter": "quarterly",
    "quarterend": "quarterly",
    "monthly": "monthly",
    "month": "monthly",
    "termly": "termly",
    "term": "termly",
}
MEASURE_ALIASES = {
    "actual": "actual",
    "actuals": "actual",
    "outturn": "actual",
    "value": "actual",
    "target": "target",
    "targets": "target",
    "floor": "floor",
    "floortarget": "floor",
    "snaverage": "sn_average",
    "statn": "sn_average",
    "sn": "sn_average",
    "statisticalneighbours": "sn_average",
    "statisticalneighbouraverage": "sn_average",
    "national": "national",
    "england": "national",
    "natave": "national",
    "nationalaverage": "national",
    "region": "region",
    "regional": "region",
    "ragreported": "rag_reported",
    "rag": "rag_reported",
    "ragrating": "rag_reported",
}


def norm(text: str) -> str:
    return normalise_header(text)


def lookup(aliases: dict[str, str], text: str) -> str | None:
    """An alias matched ignoring case, spaces and punctuation; symbols such as % and £ match as written."""
    return aliases.get(norm(text)) or aliases.get(text.strip().lower())


def _number(cell: Cell | None, what: str, problems: list[Problem], integer: bool = False):
    if cell is None or cell.blank:
        return None
    try:
        number = float(str(cell.value).replace("%", "").strip())
    except ValueError:
        problems.append(
            Problem(cell.ref, f'"{cell.text}" is not a number.', f"Enter the {what} as a number, or leave it blank.")
        )
        return None
    return int(round(number)) if integer else number


def read_indicators(sheet: Sheet) -> tuple[list[IndicatorRow], list[Problem]]:
    """Rows of an Indicators sheet; every missing or unknown field is a problem with its cell."""
    problems: list[Problem] = []
    rows = [r for r in sheet.rows if any(not c.blank for c in r)]
    if not rows:
        return [], []
    header = rows[0]
    cols = header_map(header, INDICATOR_HEADERS)
    missing = [h for h in REQUIRED_INDICATOR if h not in cols]
    if missing:
        problems.append(
            Problem(
                f"{header[0].ref}",
                f"The {sheet.name} sheet has no {', '.join(h.title() for h in missing)} column.",
                "Its header row needs Code, Title, Priority, Polarity, Unit and Frequency.",
            )
        )
        return [], problems
    out: list[IndicatorRow] = []
    for row in rows[1:]:

        def get(key, row=row):
            return row[cols[key]] if key in cols and cols[key] < len(row) else None

        code_cell = get("code")
        if code_cell is None or code_cell.blank:
            problems.append(Problem(row[0].ref, "This indicator has no code.", "Give every indicator a short code."))
            continue
        fields = {}
        for key, aliases, words in (
            ("polarity", POLARITY_ALIASES, "higher or lower"),
            ("unit", UNIT_ALIASES, "%, pp, count, rate, score or grade"),
            ("frequency", FREQUENCY_ALIASES, "annual, academic year, financial year, quarterly or monthly"),
        ):
            cell = get(key)
            value = lookup(aliases, cell.text) if cell is not None and not cell.blank else None
            if cell is None or cell.blank:
                problems.append(
                    Problem((cell or code_cell).ref, f"Indicator {code_cell.text} has no {key}.", f"Write {words}.")
                )
            elif value is None:
                problems.append(Problem(cell.ref, f'"{cell.text}" is not a {key} this tool knows.', f"Write {words}."))
            fields[key] = value
        title = get("title")
        if title is None or title.blank:
            problems.append(
                Problem((title or code_cell).ref, f"Indicator {code_cell.text} has no title.", "Give it a title.")
            )

        def text(key, get=get):
            return (get(key).text or None) if get(key) is not None else None

        decimals = _number(get("decimals"), "decimal places", problems, integer=True)
        out.append(
            IndicatorRow(
                code=code_cell.text,
                title=text("title") or code_cell.text,
                priority=text("priority"),
                polarity=fields["polarity"] or "",
                unit=fields["unit"] or "",
                frequency=fields["frequency"] or "",
                tolerance=_number(get("tolerance"), "tolerance", problems),
                floor=_number(get("floor"), "floor", problems),
                decimals=1 if decimals is None else decimals,
                owner=text("owner"),
                plan=text("plan"),
                description=text("description"),
                source=text("source"),
                dfe_measure=text("dfe_measure"),
                where=code_cell.ref,
            )
        )
    return out, problems


def is_indicators_sheet(sheet: Sheet) -> bool:
    first = next((r for r in sheet.rows if any(not c.blank for c in r)), None)
    return first is not None and all(h in header_map(first, INDICATOR_HEADERS) for h in ("code", "polarity", "unit"))


def is_tidy_data_sheet(sheet: Sheet) -> bool:
    first = next((r for r in sheet.rows if any(not c.blank for c in r)), None)
    return first is not None and all(h in header_map(first, DATA_HEADERS) for h in REQUIRED_DATA)


class IndicatorIndex:
    """Find an indicator by code or title, ignoring case and extra spaces; suggest the nearest.

    Trend tables carry the long title officers use ("Percentage of pupils achieving 5+ GCSE ..."),
    while the store's title is short, so `find_title` also looks inside each description.
    """

    def __init__(self, indicators: Iterable[IndicatorRow]):
        indicators = list(indicators)
        self.by_key: dict[str, IndicatorRow] = {}
        for ind in indicators:
            self.by_key[norm(ind.code)] = ind
            self.by_key.setdefault(norm(ind.title), ind)
        self._names = {norm(i.code): i.code for i in indicators} | {norm(i.title): i.title for i in indicators}
        self._descriptions = [(norm(i.description or ""), i) for i in indicators if i.description]

    def find(self, text: str) -> IndicatorRow | None:
        return self.by_key.get(norm(text))

    def find_title(self, text: str) -> IndicatorRow | None:
        """By code or title; else the one indicator whose description contains the text."""
        found = self.find(text)
        key = norm(text)
        if found is not None or len(key) < 12:
            return found
        inside = [i for d, i in self._descriptions if key in d]
        if len(inside) > 1:  # also quoted in a related indicator's description: the closer title wins
            ratios = sorted(
                ((difflib.SequenceMatcher(None, key, norm(i.title)).ratio(), i.code, i) for i in inside), reverse=True
            )
            return ratios[0][2] if ratios[0][0] > ratios[1][0] else None
        return inside[0] if inside else None

    def suggest(self, text: str) -> str:
        key = norm(text)
        close = difflib.get_close_matches(key, list(self._names), n=1, cutoff=0.5)
        if close:
            return f' Did you mean "{self._names[close[0]]}"?'
        best, score = None, 0.5
        for description, ind in self._descriptions:
            ratio = difflib.SequenceMatcher(None, key, description).find_longest_match().size / max(len(key), 1)
            if ratio > score:
                best, score = ind, ratio
        return f' Did you mean "{best.code}" ({best.title})?' if best else ""


@lru_cache(maxsize=4096)
def _cached_period(kind: type, value, frequency: str | None):
    return parse_period(value, frequency=frequency)


def _period(value, frequency: str | None):
    """parse_period, cached: a return repeats the same few period labels thousands of times."""
    try:
        return _cached_period(type(value), value, frequency)
    except TypeError:  # unhashable: not a period anyway
        return parse_period(value, frequency=frequency)


def read_tidy_data(
    sheet: Sheet,
    index: IndicatorIndex,
    home_area: str,
    known_areas: set[str],
    problems: list[Problem],
    warnings: list[Problem],
) -> list[ObservationRow]:
    """Rows of a tidy data sheet; blank rows are skipped, everything else is read or reported."""
    rows = [r for r in sheet.rows if any(not c.blank for c in r)]
    cols = header_map(rows[0], DATA_HEADERS)
    out: list[ObservationRow] = []
    at = [cols.get(k, -1) for k in ("indicator", "period", "measure", "value", "note", "area", "status")]
    found: dict[str, IndicatorRow | None] = {}  # the same few codes and measures repeat on every row
    measures: dict[str, str | None] = {}
    for row in rows[1:]:
        width = len(row)
        ind_cell, period_cell, measure_cell, value_cell, note_cell, area_cell, status_cell = (
            row[i] if 0 <= i < width else None for i in at
        )
        if (value_cell is None or value_cell.blank) and (note_cell is None or note_cell.blank):
            continue  # no figure given (an untouched template row): nothing to read or check
        if ind_cell is None or ind_cell.blank:
            warnings.append(Problem(row[0].ref, "Row skipped: it names no indicator."))
            continue
        ind = found.get(ind_cell.text, False)
        if ind is False:
            ind = found[ind_cell.text] = index.find(ind_cell.text)
        if ind is None:
            problems.append(
                Problem(
                    ind_cell.ref,
                    f'"{ind_cell.text}" is not a known indicator.{index.suggest(ind_cell.text)}',
                    "Use a code from the Indicators sheet, or add the indicator there.",
                )
            )
            continue
        measure = None
        if measure_cell is not None:
            measure = measures.get(measure_cell.text, False)
            if measure is False:
                measure = measures[measure_cell.text] = MEASURE_ALIASES.get(norm(measure_cell.text))
        if measure is None:
            where = measure_cell.ref if measure_cell is not None else ind_cell.ref
            problems.append(
                Problem(
                    where,
                    f'"{measure_cell.text if measure_cell else ""}" is not a measure.',
                    f"Write one of {', '.join(MEASURES)}.",
                )
            )
            continue
        try:
            period = _period(period_cell.value if period_cell is not None else None, ind.frequency)
        except PeriodError as exc:
            problems.append(Problem(period_cell.ref if period_cell is not None else ind_cell.ref, str(exc)))
            continue
        area = ind.area or home_area
        if area_cell is not None and not area_cell.blank:
            area = area_cell.text.split(".")[0] if isinstance(area_cell.value, float) else area_cell.text
            if area not in known_areas:
                problems.append(
                    Problem(
                        area_cell.ref,
                        f'"{area_cell.text}" is not a known area.',
                        f"Leave it blank for the home authority ({home_area}), or use a DfE LA number such as 886.",
                    )
                )
                continue
        status = None  # not given: keep the stored status ("final" for a new value)
        if status_cell is not None and not status_cell.blank:
            status = status_cell.text.lower()
            if status not in STATUSES:
                problems.append(
                    Problem(status_cell.ref, f'"{status_cell.text}" is not a status.', "Write provisional or final.")
                )
                continue
        note = note_cell.text or None if note_cell is not None else None
        value_cell = value_cell or Cell(sheet.name, ind_cell.row, len(row) + 1, None)
        value, text = None, None
        if measure == "rag_reported":
            if not value_cell.blank:
                text = normalise_reported(value_cell.text)
                if text is None:
                    problems.append(
                        Problem(
                            value_cell.ref,
                            f'"{value_cell.text}" is not a RAG rating.',
                            "Write Green, Amber or Red.",
                            figure_about(ind.code, period, measure),
                        )
                    )
                    continue
        elif measure == "target" and isinstance(value_cell.value, str) and parse_position(value_cell.text):
            text = parse_position(
                value_cell.text
            ).text  # "quartile A", "top 3 of neighbours", "at or better than England"
        else:
            read = read_number(value_cell, ind.unit)
            if read.error:
                fix = read.fix + (
                    " A target may also be a position: quartile A, top 3 of neighbours, or at or above England."
                    if measure == "target"
                    else ""
                )
                problems.append(Problem(value_cell.ref, read.error, fix, figure_about(ind.code, period, measure)))
                continue
            value = read.value
            if read.note:
                note = f"{note}; {read.note}" if note else read.note
        out.append(ObservationRow(ind.code, period, measure, value, text, area, status, note, value_cell.ref))
    return out


def read_simple_table(
    sheet: Sheet, headers: dict[str, str], required: tuple[str, ...], problems: list[Problem]
) -> list[dict]:
    """A plain table (plans, priorities) as dicts keyed by canonical header."""
    rows = [r for r in sheet.rows if any(not c.blank for c in r)]
    if not rows:
        return []
    cols = header_map(rows[0], headers)
    out = []
    for row in rows[1:]:
        record = {key: (row[i].text or None) if i < len(row) else None for key, i in cols.items()}
        record["where"] = row[0].ref
        if any(not record.get(k) for k in required):
            problems.append(Problem(row[0].ref, f"This row needs {', '.join(required)}.", "Fill in the missing cells."))
            continue
        out.append(record)
    return out
