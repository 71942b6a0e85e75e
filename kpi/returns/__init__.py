"""Returns: read a workbook (or the demo's CSV files), validate it, and build a change set.

workbook --read--> Parsed (rows with their Sheet!Cell, problems, warnings)
         --plan_changes--> ChangeSet (new / changed / unchanged)
         --apply_changes--> one transaction, data version + 1
"""

from __future__ import annotations

import gc
import hashlib
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kpi.returns.cells import Cell, Sheet, csv_sheet, normalise_header
from kpi.returns.changes import ChangeSet, PreviewOutdated, apply_changes, plan_changes
from kpi.returns.commentary_sheets import is_commentary_sheet, read_commentary_sheets
from kpi.returns.guard import MAX_UPLOAD_BYTES, ReturnRejected
from kpi.returns.lengths import length_problems
from kpi.returns.parsed import IndicatorRow, Parsed, Problem
from kpi.returns.risks_sheet import is_risks_sheet, read_risks
from kpi.returns.template import TEMPLATE_MARK, TemplateError, build_template
from kpi.returns.tidy import (
    IndicatorIndex,
    is_indicators_sheet,
    is_tidy_data_sheet,
    norm,
    read_indicators,
    read_simple_table,
    read_tidy_data,
)
from kpi.returns.trend_table import is_trend_sheet, read_trend_sheet
from kpi.returns.undo import UndoPlan, UndoRefused, plan_undo, undo_upload
from kpi.returns.workbook import workbook_sheets
from kpi.store import Store

log = logging.getLogger(__name__)

__all__ = [
    "TemplateError",
    "build_template",
    "ChangeSet",
    "LoadResult",
    "PreviewOutdated",
    "Parsed",
    "Problem",
    "ReturnRejected",
    "UndoPlan",
    "UndoRefused",
    "apply_changes",
    "plan_undo",
    "load_return",
    "plan_changes",
    "read_demo",
    "read_sheets",
    "read_workbook",
    "undo_upload",
    "workbook_sheets",
    "MAX_UPLOAD_BYTES",
]


def stored_indicators(store: Store) -> list[IndicatorRow]:
    frame = store.query("indicator_definitions")
    return [
        IndicatorRow(
            code=r.code,
            title=r.title,
            priority=r.priority_code,
            polarity=r.polarity,
            unit=r.unit,
            frequency=r.frequency,
            decimals=int(r.decimals),
            description=r.description if isinstance(r.description, str) else None,
            area=r.area_code if isinstance(r.area_code, str) else None,
        )
        for r in frame.itertuples()
    ]


def _uncalculated(sheets: list[Sheet]) -> list[Problem]:
    return [
        Problem(
            c.ref,
            f"This cell holds a formula ({c.value}) but no saved result.",
            "Open the file in Excel and save it, then upload it again.",
        )
        for sheet in sheets
        for c in sheet.uncalculated
    ]


def _is_template_instructions(sheet: Sheet) -> bool:
    return bool(sheet.rows) and bool(sheet.rows[0]) and sheet.rows[0][0].text.startswith(TEMPLATE_MARK)


def read_sheets(sheets: list[Sheet], store: Store, layout: str = "tidy") -> Parsed:
    """Detect each sheet's layout (Indicators, tidy data, trend tables) and read it.

    The user never says which layout a file is in; `Parsed.layout` records what was found:
    template, tidy, trend_table, or mixed. `layout` names the source when it is not a workbook.
    """
    parsed = Parsed(layout=layout)
    parsed.problems += _uncalculated(sheets)
    if parsed.problems:
        return parsed  # every other message would be about cells that only look blank
    for sheet in sheets:
        if is_indicators_sheet(sheet):
            rows, problems = read_indicators(sheet)
            parsed.indicators += rows
            parsed.problems += problems
    _resolve_priorities(parsed.indicators, store)
    known = {i.code: i for i in stored_indicators(store)}
    parsed.problems += _code_clashes(parsed.indicators, known)
    for ind in parsed.indicators:  # a sheet's definitions replace the stored ones; the authority stays
        ind.area = ind.area or getattr(known.get(ind.code), "area", None)
    known.update({i.code: i for i in parsed.indicators})
    index = IndicatorIndex(known.values())
    areas = set(store.query("area_codes")["area_code"])
    home = store.home_area()
    found = set()
    _read_commentary(sheets, known, store, parsed)
    _read_risks(sheets, known, store, parsed)
    for sheet in sheets:
        if is_indicators_sheet(sheet) or is_commentary_sheet(sheet) or is_risks_sheet(sheet):
            continue
        if is_tidy_data_sheet(sheet):
            found.add("tidy")
            parsed.observations += read_tidy_data(sheet, index, home, areas | {home}, parsed.problems, parsed.warnings)
        elif is_trend_sheet(sheet):
            found.add("trend_table")
            parsed.observations += read_trend_sheet(sheet, index, home, parsed.problems, parsed.warnings)
        elif _is_template_instructions(sheet):
            found.add("template")
        elif any(not c.blank for r in sheet.rows for c in r):
            parsed.warnings.append(
                Problem(Cell(sheet.name, 1, 1, None).ref, "Sheet skipped: it is not in a layout this tool reads.")
            )
    if layout == "tidy":  # a workbook: say what it was
        parsed.layout = (
            "template"
            if found == {"template", "tidy"}
            else "mixed"
            if len(found - {"template"}) > 1
            else next(iter(found - {"template"}), "tidy")
        )
    if parsed.commentary or parsed.actions or parsed.risks:
        found.add("commentary")
    if not found - {"template"} and not parsed.indicators and not parsed.problems:
        parsed.problems.append(
            Problem(
                Cell(sheets[0].name, 1, 1, None).ref if sheets else "A1",
                "This workbook has no sheet this tool can read.",
                "Use the template, a sheet with Indicator, Period, Measure and Value columns, "
                "or trend tables with a row of periods and rows labelled Actual, Target ...",
            )
        )
    return parsed


def _code_clashes(incoming: list[IndicatorRow], stored: dict) -> list[Problem]:
    """A code defined twice in one return, or differing from a stored code only in case or punctuation.

    Rows find their indicator ignoring case and punctuation (officers type "ks2 l4 em"), so two such
    codes could not be told apart: each would be checked against one definition and stored with the other.
    """
    problems, first = [], {}
    stored_by_key = {norm(code): code for code in stored}
    for ind in incoming:
        key = norm(ind.code)
        if key in first:
            problems.append(
                Problem(
                    ind.where,
                    f"Indicator {ind.code} is defined twice in this return (also at "
                    f"{first[key].where}), so it is not clear which definition to keep.",
                    "Keep one row per indicator on the Indicators sheet.",
                )
            )
            continue
        first[key] = ind
        held = stored_by_key.get(key)
        if held is not None and held != ind.code:
            problems.append(
                Problem(
                    ind.where,
                    f'"{ind.code}" differs from the stored indicator {held} only in case or punctuation.',
                    f"Write it as {held} to update that indicator, or give a new indicator a code "
                    "that differs in letters or digits.",
                )
            )
    return problems


def _resolve_priorities(indicators: list[IndicatorRow], store: Store) -> None:
    """An Indicators sheet may name a priority by code or by title; store its code. Names the store
    does not hold become new priorities (and plans) when the return is written."""
    held = store.query("board_priorities")
    by_name = {normalise_header(t): c for c, t in zip(held["priority_code"], held["title"])}
    by_name.update({normalise_header(c): c for c in held["priority_code"]})
    for ind in indicators:
        if ind.priority:
            ind.priority = by_name.get(normalise_header(ind.priority), ind.priority)


def _read_commentary(sheets: list[Sheet], known: dict, store: Store, parsed: Parsed) -> None:
    """Commentary and Actions sheets travel with the figures and are written in the same transaction."""
    if not any(is_commentary_sheet(s) for s in sheets):
        return
    priorities = store.query("board_priorities")
    commentary, actions, problems = read_commentary_sheets(
        sheets,
        {code: ind.frequency for code, ind in known.items()},
        known_priorities=dict(zip(priorities["priority_code"], priorities["plan_code"])),
        known_plans=set(priorities["plan_code"]),
    )
    parsed.commentary, parsed.actions = commentary, actions
    parsed.problems += problems


def _read_risks(sheets: list[Sheet], known: dict, store: Store, parsed: Parsed) -> None:
    """A Risks sheet: the plan's risk register, written in the same transaction as the figures."""
    from kpi.risk_register import changes_only

    if not any(is_risks_sheet(s) for s in sheets):
        return
    priorities = store.query("board_priorities")
    actions = store.query("board_actions", as_of="2000-01-01")
    for sheet in (s for s in sheets if is_risks_sheet(s)):
        rows, problems = read_risks(
            sheet,
            known_plans=set(store.query("plan_codes")["plan_code"]),
            known_priorities=dict(zip(priorities["priority_code"], priorities["plan_code"])),
            known_indicators=known,
            known_actions=dict(zip(actions["action_id"].astype(str), actions["plan_code"])),
        )
        parsed.risks += changes_only(store, rows)  # rows as held are not changes
        parsed.problems += problems


# Control characters (C0 but tab, line feed and carriage return; DEL; C1) are invisible in Excel, can drive
# a terminal, and break the XML of the template and the PowerPoint pack: a return holding one is refused.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character_problems(sheets: list[Sheet]) -> list[Problem]:
    """One problem per cell whose text holds a control character, naming the Sheet!Cell and the character."""
    problems = []
    for sheet in sheets:
        for row in sheet.rows:
            for cell in row:
                value = cell.value
                if value.__class__ is str and _CONTROL.search(value):
                    char = _CONTROL.search(value).group()
                    problems.append(
                        Problem(
                            cell.ref,
                            f"The text holds an invisible control character (U+{ord(char):04X}).",
                            "Retype the text in Excel (a copy from another program can bring "
                            "these in), save, and upload again.",
                        )
                    )
                    if len(problems) >= 50:
                        return problems
    return problems


def read_workbook(data: bytes, store: Store) -> Parsed:
    sheets = workbook_sheets(data)
    refused = control_character_problems(sheets) + length_problems(sheets)
    parsed = read_sheets(sheets, store)
    parsed.problems = refused + parsed.problems
    return parsed


def read_demo(folder: Path, store: Store) -> Parsed:
    """The demo's CSV files: plans, priorities, indicators and values, in the tidy layout."""
    problems: list[Problem] = []
    plans = read_simple_table(
        csv_sheet(folder / "plans.csv"),
        {
            "code": "code",
            "title": "title",
            "area": "area",
            "organisation": "organisation",
            "description": "description",
        },
        ("code", "title", "area"),
        problems,
    )
    priorities = read_simple_table(
        csv_sheet(folder / "priorities.csv"),
        {"plan": "plan", "code": "code", "title": "title", "description": "description", "order": "order"},
        ("plan", "code", "title"),
        problems,
    )
    parsed = read_sheets([csv_sheet(folder / "indicators.csv"), csv_sheet(folder / "values.csv")], store, layout="demo")
    parsed.plans, parsed.priorities = plans, priorities
    parsed.problems = problems + parsed.problems
    return parsed


@dataclass
class LoadResult:
    changes: ChangeSet | None
    problems: list[Problem]
    upload_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextmanager
def _collector_paused():
    """A return makes tens of thousands of short-lived objects at once; the cyclic garbage collector
    would stop to scan them several times over (a third of the time, and most of its variation).
    Memory stays bounded: the guard has already capped the workbook's size."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_return(store: Store, data: bytes, file_name: str, *, user: str, dry_run: bool = False) -> LoadResult:
    """Validate a return, and unless dry_run or invalid, write it in one transaction.

    The command line's `load` and the Upload page both call this.
    """
    with _collector_paused():
        return _load(store, data, file_name, user=user, dry_run=dry_run)


def _load(store: Store, data: bytes, file_name: str, *, user: str, dry_run: bool) -> LoadResult:
    try:
        parsed = read_workbook(data, store)
    except ReturnRejected as exc:
        return LoadResult(None, [Problem(file_name, str(exc))])
    except Exception:  # a damaged file the checks did not foresee: a plain refusal, the detail to the log
        log.exception("Unreadable return %s", file_name)
        return LoadResult(
            None,
            [
                Problem(
                    file_name,
                    "This workbook is damaged and cannot be read. Open it in Excel, "
                    "save it as 'Excel Workbook (*.xlsx)' and upload it again.",
                )
            ],
        )
    if parsed.problems:
        return LoadResult(None, parsed.problems)
    for attempt in range(5):
        changes = plan_changes(store, parsed)
        if changes.problems:
            return LoadResult(None, changes.problems)
        if dry_run:
            return LoadResult(changes, [], None)
        try:
            upload_id = apply_changes(store, changes, user=user, file_name=file_name, sha256=sha256_of(data))
        except PreviewOutdated:
            # another writer (a second process, or the dashboard) committed between comparing and
            # writing; nobody has seen this change set yet, so compare again with what is now stored
            if attempt == 4:
                raise
            continue
        return LoadResult(changes, [], upload_id)
