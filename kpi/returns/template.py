"""The return template: an .xlsx an officer fills in and uploads unchanged in structure.

It is the tidy layout with read-only helper columns (Title, Unit, Last value, Last period)
that the reader ignores, so a filled-in template needs no special reader, and an untouched
one loads as "nothing changed": every pre-filled value is the stored one, with its status
and note, and every empty value means "no figure given".
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kpi.errors import UserError
from kpi.periods import PeriodError, parse_period
from kpi.store import Store

TEMPLATE_MARK = "KPI return template"
DATA_COLUMNS = [
    "Indicator",
    "Title",
    "Unit",
    "Period",
    "Measure",
    "Value",
    "Status",
    "Note",
    "Last value",
    "Last period",
]
EDITABLE = ("Period", "Value", "Status", "Note")
INDICATOR_COLUMNS = [
    ("Code", "code"),
    ("Title", "title"),
    ("Priority", "priority_code"),
    ("Polarity", "polarity"),
    ("Unit", "unit"),
    ("Frequency", "frequency"),
    ("Tolerance", "tolerance"),
    ("Floor", "floor"),
    ("Decimals", "decimals"),
    ("Owner", "owner"),
    ("Plan", "plan_code"),
    ("Description", "description"),
    ("Source", "source"),
    ("DfE measure", "dfe_measure"),
]
_HEADER = Font(bold=True)
_READ_ONLY = PatternFill("solid", fgColor="EEEEEE")


class TemplateError(UserError, ValueError):
    """A template request that cannot be met (unknown priority or period); the message says why."""


@dataclass
class _Row:
    code: str
    title: str
    unit: str
    period: str
    measure: str
    value: float | str | None
    status: str | None
    note: str | None
    last_value: float | None
    last_period: str | None
    decimals: int


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _clean(value):
    if _blank(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _period_key(period: str, frequency: str) -> str:
    """The typed period's key for an indicator of this frequency, or a TemplateError saying how to write it."""
    try:
        return parse_period(period, frequency=frequency).key
    except PeriodError as exc:
        raise TemplateError(str(exc)) from None


def _choose_period(values: pd.DataFrame, period: str | None, frequency: str) -> tuple[str, str | None]:
    """(label, period_key): the asked-for period, else the first target period after the latest actual."""
    if period:
        return period, _period_key(period, frequency)
    actuals = values[(values.measure == "actual") & values.value.notna()]
    targets = values[values.measure == "target"]
    if not actuals.empty:
        last_end = actuals.end_date.max()
        ahead = targets[targets.end_date > last_end]
        chosen = ahead.iloc[0] if not ahead.empty else actuals.iloc[-1]
    elif not targets.empty:
        chosen = targets.iloc[0]
    else:
        return "", None
    return chosen.label, chosen.period_key


def _rows(store: Store, definitions: pd.DataFrame, period: str | None) -> list[_Row]:
    area = store.home_area()
    values = store.query("template_values", area=area)
    out = []
    for ind in definitions.itertuples():
        mine = values[values.indicator_code == ind.code]
        label, key = _choose_period(mine, period, ind.frequency)
        actuals = mine[(mine.measure == "actual") & mine.value.notna()]
        last = actuals.iloc[-1] if not actuals.empty else None
        for measure in ("actual", "target"):
            found = mine[(mine.period_key == key) & (mine.measure == measure)] if key else mine.iloc[0:0]
            stored = found.iloc[0] if not found.empty else None
            # a value, or a target by position in words ("quartile A"), which reads back the same
            shown = (
                None if stored is None else _clean(stored.value) if not _blank(stored.value) else _clean(stored.text)
            )
            out.append(
                _Row(
                    ind.code,
                    ind.title,
                    ind.unit,
                    label,
                    measure,
                    shown,
                    _clean(stored.status) if stored is not None else None,
                    _clean(stored.note) if stored is not None else None,
                    _clean(last.value) if last is not None else None,
                    last.label if last is not None else None,
                    int(ind.decimals),
                )
            )
    return out


def _select(store: Store, priority: str | None, plan: str | None = None) -> pd.DataFrame:
    """The indicators a template holds: one plan's (or one priority's), never two authorities' together."""
    definitions = store.query("indicator_definitions")
    if definitions.empty:
        raise TemplateError("The database holds no indicators yet. Load an Indicators sheet or the demo first.")
    if plan:
        mask = definitions.plan_of.fillna("").str.lower() == plan.strip().lower()
        if not mask.any():
            known = ", ".join(sorted(definitions.plan_of.dropna().unique()))
            raise TemplateError(f'"{plan}" is not a plan. Use one of: {known}.')
        definitions = definitions[mask]
    if priority:
        wanted = priority.strip().lower()
        mask = (definitions.priority_code.fillna("").str.lower() == wanted) | (
            definitions.priority_title.fillna("").str.lower() == wanted
        )
        if not mask.any():
            known = ", ".join(sorted(definitions.priority_code.dropna().unique()))
            raise TemplateError(f'"{priority}" is not a priority. Use one of: {known}.')
        definitions = definitions[mask]
    if definitions.area_code.dropna().nunique() > 1:
        # Figures belong to their plan's authority: a return holds one authority's, the default plan's.
        from kpi.highlight import default_plan

        home = definitions.loc[definitions.plan_of == default_plan(store), "area_code"].dropna()
        area = home.iloc[0] if len(home) else definitions.area_code.dropna().iloc[0]
        definitions = definitions[definitions.area_code == area]
    return definitions


def check_template_period(
    store: Store, priority: str | None = None, period: str | None = None, plan: str | None = None
) -> None:
    """Raise TemplateError now, with build_template's words, if there are no indicators or `period` cannot be read.

    The Upload page makes the template only when the officer presses its button (it is not needed on
    every run); this check lets the page say what is wrong with a typed period before then.
    """
    definitions = _select(store, priority, plan)  # refuses a database with no indicators, as the build would
    for frequency in definitions["frequency"].unique() if period else ():
        _period_key(period, frequency)


def build_template(
    store: Store, priority: str | None = None, period: str | None = None, plan: str | None = None
) -> bytes:
    """An .xlsx return for the chosen plan's or priority's indicators (the default plan's authority's) and period.

    Without a period, each indicator gets the first period with a target after its latest actual.
    """
    definitions = _select(store, priority, plan)
    rows = _rows(store, definitions, period)
    book = Workbook()
    _instructions(book.active, priority, period)
    _data_sheet(book.create_sheet("Data"), rows)
    _indicators_sheet(book.create_sheet("Indicators"), definitions)
    _risks(book, store, definitions)
    _as_text(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _risks(book, store: Store, definitions: pd.DataFrame) -> None:
    """The plans' risk registers, to rescore and return with the figures (kpi.returns.risks_sheet)."""
    from kpi.returns.risks_sheet import write_risks_sheet
    from kpi.risk_register import register

    plans = set(definitions["plan_code"].dropna())
    write_risks_sheet(book.create_sheet("Risks"), [r for r in register(store).risks if r.plan_code in plans])


def _as_text(book) -> None:
    """Stored text is written as text: openpyxl would write "=HYPERLINK(...)" as a live formula, which
    Excel runs on opening and which makes the template itself unreadable as a return."""
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def _instructions(ws, priority, period) -> None:
    ws.title = "Instructions"
    lines = [
        TEMPLATE_MARK,
        "",
        f"Indicators: {'priority ' + priority if priority else 'all'}. Period: {period or 'the next one due for each indicator'}.",
        "",
        "1. On the Data sheet, type each figure in the Value column, in the indicator's unit: 60.5 for 60.5%.",
        "2. If there is no figure, leave Value blank, or write n/a and say why in Note.",
        "3. Status: choose provisional or final from the list (blank keeps what is stored, or final).",
        "4. Grey columns are for reference and are not read: Title, Unit, Last value, Last period.",
        "5. Do not add, remove or rename columns or sheets. Targets already stored are filled in; change them only if they changed.",
        "6. Upload the file on the Upload page, or: python -m kpi load FILE.xlsx --dry-run, then without --dry-run.",
    ]
    for n, line in enumerate(lines, start=1):
        ws.cell(n, 1, line)
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 110
    ws.protection.sheet = True


def _data_sheet(ws, rows: list[_Row]) -> None:
    ws.append(DATA_COLUMNS)
    for cell in ws[1]:
        cell.font = _HEADER
    col = {name: i for i, name in enumerate(DATA_COLUMNS, start=1)}
    for r, row in enumerate(rows, start=2):
        values = [
            row.code,
            row.title,
            row.unit,
            row.period,
            row.measure,
            row.value,
            row.status,
            row.note,
            row.last_value,
            row.last_period,
        ]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c, value)
            if DATA_COLUMNS[c - 1] in EDITABLE:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = _READ_ONLY
        decimals = "0" if row.decimals <= 0 else "0." + "0" * row.decimals
        ws.cell(r, col["Value"]).number_format = decimals
        ws.cell(r, col["Last value"]).number_format = decimals
    last = len(rows) + 1
    value_col = get_column_letter(col["Value"])
    status_col = get_column_letter(col["Status"])
    if rows:
        percent = DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2="100",
            allow_blank=True,
            errorStyle="warning",
            errorTitle="Percentage",
            error="A percentage is between 0 and 100: write 60.5 for 60.5%, or n/a if there is no figure.",
        )
        number = DataValidation(
            type="decimal",
            operator="between",
            formula1="-1000000000",
            formula2="1000000000",
            allow_blank=True,
            errorStyle="warning",
            errorTitle="Number",
            error="Write a number, or n/a if there is no figure.",
        )
        status = DataValidation(
            type="list",
            formula1='"provisional,final"',
            allow_blank=True,
            errorTitle="Status",
            error="Choose provisional or final.",
        )
        for r, row in enumerate(rows, start=2):
            (percent if row.unit == "%" else number).add(f"{value_col}{r}")
        for dv in (percent, number, status):
            ws.add_data_validation(dv)
        status.add(f"{status_col}2:{status_col}{last}")
    for name, width in (
        ("Indicator", 14),
        ("Title", 60),
        ("Period", 10),
        ("Measure", 9),
        ("Note", 40),
        ("Last value", 11),
        ("Last period", 11),
    ):
        ws.column_dimensions[get_column_letter(col[name])].width = width
    ws.freeze_panes = "A2"
    ws.protection.sheet = True
    ws.protection.formatRows = False  # officers may still resize rows and columns
    ws.protection.formatColumns = False


def _indicators_sheet(ws, definitions: pd.DataFrame) -> None:
    ws.append([header for header, _ in INDICATOR_COLUMNS])
    for cell in ws[1]:
        cell.font = _HEADER
    for ind in definitions.itertuples():
        ws.append([_clean(getattr(ind, column)) for _, column in INDICATOR_COLUMNS])
    ws.column_dimensions["B"].width = 60
    ws.protection.sheet = True
