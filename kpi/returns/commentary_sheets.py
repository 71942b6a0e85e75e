"""Reading a return's Commentary, Actions and Milestones sheets into kpi.commentary's rows.

Each problem names its Sheet!Cell and how to fix it, like the rest of a return; nothing here
writes (kpi.commentary does, in the same transaction as the figures).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime

import pandas as pd

from kpi.commentary import ACTION_STATUSES, MILESTONE_STATUSES, ActionRow, CommentaryRow, MilestoneRow
from kpi.periods import PeriodError, parse_period
from kpi.returns.cells import Cell, Sheet, header_map, normalise_header
from kpi.returns.parsed import Problem

_STATUS_ALIASES = {
    "done": "complete",
    "completed": "complete",
    "closed": "complete",
    "ongoing": "in progress",
    "started": "in progress",
    "inprogress": "in progress",
    "notstarted": "not started",
    "dropped": "cancelled",
    "canceled": "cancelled",
}

COMMENTARY_HEADERS = {
    "indicator": "indicator",
    "code": "indicator",
    "indicatorcode": "indicator",
    "period": "period",
    "commentary": "text",
    "comment": "text",
    "text": "text",
    "author": "author",
    "by": "author",
}
ACTION_HEADERS = {
    "id": "action_id",
    "actionid": "action_id",
    "plan": "plan",
    "priority": "priority",
    "workstream": "priority",
    "indicator": "indicator",
    "action": "description",
    "description": "description",
    "owner": "owner",
    "responsibleofficer": "owner",
    "start": "start",
    "startdate": "start",
    "due": "due",
    "duedate": "due",
    "status": "status",
}
MILESTONE_HEADERS = {
    "plan": "plan",
    "priority": "priority",
    "workstream": "priority",
    "milestone": "title",
    "title": "title",
    "due": "due",
    "duedate": "due",
    "target": "target",
    "status": "status",
    "achieved": "achieved",
    "achieveddate": "achieved",
}


# -- small parsers -----------------------------------------------------------
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_name) if m})
_MONTHS["sept"] = 9


def parse_date(value, *, end: bool = False) -> date | None:
    """A date cell, '2014-03-31', '31/03/2014', 'Mar 2014' or '2016'; month or year labels give
    their first day, or with end=True their last (a due date of 'Sep 2016' means by its end)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = " ".join(str(value).split()).strip().lower().replace(",", "")
    if not text:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?", text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        return date(int(m[3]), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(?:by |end of )?([a-z]+)\.? (\d{4})", text):
        month = _MONTHS.get(m[1])
        if month:
            year = int(m[2])
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    if m := re.fullmatch(r"(?:by )?(\d{4})(?:\.0)?", text):
        return date(int(m[1]), 12, 31) if end else date(int(m[1]), 1, 1)
    raise ValueError(f'"{value}" is not a date this tool can read. Write it as 31/03/2014, 2014-03-31 or Mar 2014.')


def normalise_status(text: str, allowed: tuple[str, ...]) -> str | None:
    """The status in the product's words, or None when it is not one of them."""
    key = " ".join(str(text or "").lower().split())
    key = _STATUS_ALIASES.get(key.replace(" ", ""), _STATUS_ALIASES.get(key, key))
    return key if key in allowed else None


# -- reading sheets ----------------------------------------------------------
def _table(sheet: Sheet, aliases: dict[str, str]) -> tuple[dict[str, int], list[list[Cell]]]:
    rows = [r for r in sheet.rows if any(not c.blank for c in r)]
    if not rows:
        return {}, []
    return header_map(rows[0], aliases), rows[1:]


def _get(row: list[Cell], cols: dict[str, int], key: str) -> Cell | None:
    i = cols.get(key)
    return row[i] if i is not None and i < len(row) else None


def _text(cell: Cell | None) -> str | None:
    return (cell.text or None) if cell is not None else None


def _missing_headers(sheet: Sheet, cols: dict[str, int], needed: dict[str, str]) -> list[Problem]:
    first = next((r for r in sheet.rows if any(not c.blank for c in r)), None)
    where = first[0].ref if first else f"{sheet.name}!A1"
    return [
        Problem(where, f'The {sheet.name} sheet has no "{label}" column.', f'Add a column headed "{label}".')
        for key, label in needed.items()
        if key not in cols
    ]


def _known(known_codes) -> dict[str, str | None]:
    """Upper-cased code -> (code, frequency), accepting a mapping of code -> frequency or plain codes."""
    if isinstance(known_codes, Mapping):
        return {str(k).upper(): (str(k), v) for k, v in known_codes.items()}
    return {str(k).upper(): (str(k), None) for k in known_codes}


def read_commentary(sheet: Sheet, known_codes) -> tuple[list[CommentaryRow], list[Problem]]:
    """A Commentary sheet: Indicator, Period, Commentary and optionally Author."""
    cols, body = _table(sheet, COMMENTARY_HEADERS)
    problems = _missing_headers(sheet, cols, {"indicator": "Indicator", "period": "Period", "text": "Commentary"})
    if problems:
        return [], problems
    known = _known(known_codes)
    out: list[CommentaryRow] = []
    seen: dict[tuple[str, str], str] = {}
    for row in body:
        ind, per, txt = (_get(row, cols, k) for k in ("indicator", "period", "text"))
        if ind is None or ind.blank:
            problems.append(
                Problem(row[0].ref, "This row has commentary but no indicator.", "Fill in the indicator code.")
            )
            continue
        match = known.get(ind.text.upper())
        if not match:
            problems.append(
                Problem(
                    ind.ref,
                    f'"{ind.text}" is not a known indicator code.',
                    "Use a code from the Indicators sheet or the dashboard.",
                )
            )
            continue
        code, frequency = match
        try:
            period = parse_period(per.value if per is not None else None, frequency=frequency)
        except PeriodError as exc:
            problems.append(Problem(per.ref if per is not None else ind.ref, str(exc)))
            continue
        if txt is None or txt.blank:
            problems.append(
                Problem(
                    txt.ref if txt is not None else ind.ref,
                    "The commentary is blank.",
                    "Write the commentary, or delete the row.",
                )
            )
            continue
        key = (code, period.key)
        if key in seen:
            problems.append(
                Problem(
                    ind.ref,
                    f"{code} {period.label} already has commentary in {seen[key]}.",
                    "Keep one row per indicator and period.",
                )
            )
            continue
        seen[key] = ind.ref
        out.append(
            CommentaryRow(
                code,
                period.key,
                period.display,
                txt.text,
                _text(_get(row, cols, "author")),
                ind.ref,
                period.start,
                period.end,
                period.type,
            )
        )
    return out, problems


def read_actions(
    sheet: Sheet,
    known_codes,
    known_priorities: Mapping[str, str] | None = None,
    known_plans: Iterable[str] | None = None,
) -> tuple[list[ActionRow], list[Problem]]:
    """An Actions sheet: Plan, Priority, Indicator, Description, Owner, Start, Due, Status (ID optional).

    known_priorities maps priority code -> plan code; with it, unknown priorities are problems and a
    blank Plan is taken from the priority.
    """
    cols, body = _table(sheet, ACTION_HEADERS)
    problems = _missing_headers(sheet, cols, {"description": "Description"})
    if problems:
        return [], problems
    known = _known(known_codes)
    priorities = {k.upper(): (k, v) for k, v in (known_priorities or {}).items()}
    plans = {p.upper(): p for p in (known_plans or [])}
    out: list[ActionRow] = []
    for row in body:
        desc = _get(row, cols, "description")
        where = desc.ref if desc is not None else row[0].ref
        if desc is None or desc.blank:
            problems.append(
                Problem(where, "This action has no description.", "Describe the action, or delete the row.")
            )
            continue
        before = len(problems)
        plan, priority, indicator = (_text(_get(row, cols, k)) for k in ("plan", "priority", "indicator"))
        if indicator:
            match = known.get(indicator.upper())
            if match:
                indicator = match[0]
            else:
                problems.append(
                    Problem(
                        _get(row, cols, "indicator").ref,
                        f'"{indicator}" is not a known indicator code.',
                        "Use a code from the Indicators sheet, or leave it blank.",
                    )
                )
        if priority and priorities:
            if priority.upper() in priorities:
                priority, plan_of = priorities[priority.upper()]
                plan = plan or plan_of
            else:
                problems.append(
                    Problem(
                        _get(row, cols, "priority").ref,
                        f'"{priority}" is not a known priority code.',
                        "Use a priority code from the plan, or leave it blank.",
                    )
                )
        if plan and plans:
            if plan.upper() in plans:
                plan = plans[plan.upper()]
            else:
                problems.append(
                    Problem(_get(row, cols, "plan").ref, f'"{plan}" is not a known plan.', "Use the plan's code.")
                )
        if not plan and not indicator:
            problems.append(
                Problem(
                    where,
                    "This action names no plan, priority or indicator.",
                    "Fill in the Plan column, or the priority or indicator it belongs to.",
                )
            )
        dates = {}
        for key, end in (("start", False), ("due", True)):
            cell = _get(row, cols, key)
            try:
                dates[key] = parse_date(cell.value if cell is not None else None, end=end)
            except ValueError as exc:
                problems.append(Problem(cell.ref, str(exc)))
        if dates.get("start") and dates.get("due") and dates["due"] < dates["start"]:
            problems.append(
                Problem(_get(row, cols, "due").ref, "The due date is before the start date.", "Check both dates.")
            )
        status_cell = _get(row, cols, "status")
        status = "not started"
        if status_cell is not None and not status_cell.blank:
            status = normalise_status(status_cell.text, ACTION_STATUSES)
            if status is None:
                problems.append(
                    Problem(
                        status_cell.ref,
                        f'"{status_cell.text}" is not an action status.',
                        "Use one of: " + ", ".join(ACTION_STATUSES) + ".",
                    )
                )
        action_id = None
        id_cell = _get(row, cols, "action_id")
        if id_cell is not None and not id_cell.blank:
            try:
                action_id = int(float(id_cell.text))
            except ValueError:
                problems.append(
                    Problem(
                        id_cell.ref, f'"{id_cell.text}" is not an action number.', "Leave ID blank for a new action."
                    )
                )
        if len(problems) == before:
            out.append(
                ActionRow(
                    plan,
                    priority,
                    indicator,
                    desc.text,
                    _text(_get(row, cols, "owner")),
                    dates.get("start"),
                    dates.get("due"),
                    status,
                    where,
                    action_id,
                )
            )
    return out, problems


def read_milestones(sheet: Sheet) -> tuple[list[MilestoneRow], list[Problem]]:
    """A Milestones table: Plan, Priority, Milestone, Due, Target, Status, Achieved."""
    cols, body = _table(sheet, MILESTONE_HEADERS)
    problems = _missing_headers(sheet, cols, {"plan": "Plan", "title": "Milestone"})
    out = []
    for row in body if not problems else []:
        title = _get(row, cols, "title")
        try:
            due = parse_date(_text(_get(row, cols, "due")), end=True)
            achieved = parse_date(_text(_get(row, cols, "achieved")))
        except ValueError as exc:
            problems.append(Problem(row[0].ref, str(exc)))
            continue
        status = normalise_status(_text(_get(row, cols, "status")) or "not reported", MILESTONE_STATUSES)
        if status is None or title is None or title.blank or not _text(_get(row, cols, "plan")):
            problems.append(
                Problem(
                    row[0].ref,
                    "This milestone needs a plan, a title and a status from: " + ", ".join(MILESTONE_STATUSES) + ".",
                )
            )
            continue
        out.append(
            MilestoneRow(
                _text(_get(row, cols, "plan")),
                _text(_get(row, cols, "priority")),
                title.text,
                due,
                _text(_get(row, cols, "target")),
                status,
                achieved,
                row[0].ref,
            )
        )
    return out, problems


def read_commentary_sheets(
    sheets: list[Sheet],
    known_codes,
    *,
    known_priorities: Mapping[str, str] | None = None,
    known_plans: Iterable[str] | None = None,
):
    """The "Commentary" and "Actions" sheets of a return -> (commentary_rows, action_rows, problems).

    known_codes: indicator codes, or a mapping code -> frequency (settles periods like "2012/13").
    Other sheets are ignored; a return without these sheets gives three empty lists.
    """
    commentary: list[CommentaryRow] = []
    actions: list[ActionRow] = []
    problems: list[Problem] = []
    for sheet in sheets:
        kind = normalise_header(sheet.name)
        if kind == "commentary":
            rows, found = read_commentary(sheet, known_codes)
            commentary += rows
        elif kind == "actions":
            rows, found = read_actions(sheet, known_codes, known_priorities, known_plans)
            actions += rows
        else:
            continue
        problems += found
    return commentary, actions, problems


def is_commentary_sheet(sheet: Sheet) -> bool:
    """True for the sheets read_commentary_sheets reads (so the returns reader need not warn about them)."""
    return normalise_header(sheet.name) in ("commentary", "actions")
